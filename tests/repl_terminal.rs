//! The REPL at a terminal (through a pseudo-terminal): what piped sessions
//! cannot show — background output while the prompt is idle, Ctrl-C,
//! history across sessions, Tab completion, auto-indentation, Ctrl-D.

use std::process::Command;

use rexpect::session::{PtySession, spawn_command};

/// Types `text` and Enter (a carriage return, as a terminal sends it),
/// then gives the REPL time to run it and show the next prompt: like the
/// line editor it builds on, the REPL does not keep keys typed ahead of
/// the prompt.
fn enter(s: &mut PtySession, text: &str) {
    s.send(&format!("{text}\r")).expect("send");
    s.flush().expect("flush");
    std::thread::sleep(std::time::Duration::from_millis(250));
}

const TIMEOUT_MS: u64 = 15_000;

/// A REPL on a pty, with its history in `state_dir`.
fn repl(state_dir: &std::path::Path) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_apy"));
    cmd.arg("repl")
        .env("XDG_STATE_HOME", state_dir)
        .env("NO_COLOR", "1")
        .env("TERM", "xterm");
    let mut s = spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn apy repl");
    s.exp_string(">>> ").expect("first prompt");
    // Let the line editor take over the terminal before typing.
    std::thread::sleep(std::time::Duration::from_millis(300));
    s
}

fn state_dir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("apy-repl-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

fn exit_ok(mut s: PtySession) {
    s.send_control('d').expect("ctrl-d");
    s.exp_eof().expect("eof");
    let status = s.process_mut().wait().expect("wait");
    let text = format!("{status:?}");
    assert!(
        text.starts_with("Exited(") && text.ends_with(", 0)"),
        "{text}"
    );
}

#[test]
fn background_ticker_prints_while_the_prompt_is_idle() {
    let dir = state_dir("ticker");
    let mut s = repl(&dir);
    for line in [
        "async def tick():",
        "for i in range(3):",
        "await asyncio.sleep(0.2)",
        "print('tick', i)",
        "",
    ] {
        enter(&mut s, line);
    }
    s.exp_string(">>> ").expect("prompt after def");
    enter(&mut s, "t = asyncio.create_task(tick())");
    // Nothing is typed now: the ticks arrive while the prompt waits.
    s.exp_string("tick 0").expect("tick 0");
    s.exp_string("tick 1").expect("tick 1");
    s.exp_string("tick 2").expect("tick 2");
    enter(&mut s, "t.done()");
    s.exp_string("True").expect("done");
    exit_ok(s);
}

#[test]
fn ctrl_c_cancels_the_awaiting_input_and_the_session_goes_on() {
    let dir = state_dir("ctrlc");
    let mut s = repl(&dir);
    for line in [
        "async def bg():",
        "await asyncio.sleep(2)",
        "print('background survived')",
        "",
    ] {
        enter(&mut s, line);
    }
    s.exp_string(">>> ").expect("prompt");
    enter(&mut s, "b = asyncio.create_task(bg())");
    s.exp_string(">>> ").expect("prompt");
    enter(&mut s, "await asyncio.sleep(100)");
    std::thread::sleep(std::time::Duration::from_millis(300));
    s.send_control('c').expect("ctrl-c");
    s.exp_string("KeyboardInterrupt").expect("interrupt shown");
    s.exp_string("background survived")
        .expect("background task goes on");
    enter(&mut s, "1 + 1");
    s.exp_string("2").expect("session goes on");
    exit_ok(s);
}

#[test]
fn history_is_recalled_after_a_restart() {
    let dir = state_dir("history");
    let mut s = repl(&dir);
    enter(&mut s, "remembered = 6 * 7");
    s.exp_string(">>> ").expect("prompt");
    exit_ok(s);
    let mut s = repl(&dir);
    enter(&mut s, "remembered = 1");
    s.exp_string(">>> ").expect("prompt");
    // Up twice: the line from the previous session.
    s.send("\x1b[A\x1b[A").expect("up");
    enter(&mut s, "");
    s.exp_string(">>> ").expect("prompt");
    enter(&mut s, "remembered");
    s.exp_string("42").expect("recalled line ran");
    exit_ok(s);
}

#[test]
fn tab_completes_attributes_after_a_dot() {
    let dir = state_dir("tab");
    let mut s = repl(&dir);
    s.send("x = asyncio.sle\t").expect("tab");
    std::thread::sleep(std::time::Duration::from_millis(300));
    enter(&mut s, "");
    s.exp_string(">>> ").expect("prompt");
    enter(&mut s, "x.__name__");
    s.exp_string("'sleep'").expect("it is asyncio.sleep");
    exit_ok(s);
}

#[test]
fn a_block_typed_with_auto_indent_runs() {
    let dir = state_dir("indent");
    let mut s = repl(&dir);
    // No indentation typed: the editor indents after each ':' line.
    enter(&mut s, "async def twice(x):");
    enter(&mut s, "await asyncio.sleep(0)");
    enter(&mut s, "y = x * 2");
    enter(&mut s, "return y");
    enter(&mut s, "");
    s.exp_string(">>> ").expect("prompt");
    enter(&mut s, "await twice(21)");
    s.exp_string("42").expect("ran");
    exit_ok(s);
}
