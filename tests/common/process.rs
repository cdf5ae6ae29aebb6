//! Running the `apy` binary under test: stdin from /dev/null, stdout and
//! stderr captured, killed if it does not exit within a timeout.
//! Shared by `tests/conformance.rs` and `tests/diagnostics.rs` (included
//! with `#[path]`, so it does not drag `common/mod.rs` along).

use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The interpreter under test, built by Cargo for this test run.
pub const APY: &str = env!("CARGO_BIN_EXE_apy");

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Exited with this status.
    Exited(i32),
    /// Killed by this signal (not by us).
    Signalled(i32),
    /// Still running at the deadline; we killed it.
    TimedOut,
}

impl Ending {
    /// The status as Python's `subprocess` reports it: negative for a signal.
    pub fn code(self) -> Option<i32> {
        match self {
            Ending::Exited(c) => Some(c),
            Ending::Signalled(s) => Some(-s),
            Ending::TimedOut => None,
        }
    }
}

/// What a finished (or killed) run produced.
pub struct Output {
    pub ending: Ending,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Runs `cmd` with stdin = /dev/null, capturing its output; kills it once
/// `timeout` has passed. Errors only if the process cannot be started.
pub fn run(cmd: &mut Command, timeout: Duration) -> std::io::Result<Output> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let deadline = Instant::now() + timeout;
    let mut pause = Duration::from_millis(1);
    let ending = loop {
        if let Some(status) = child.try_wait()? {
            break match (status.code(), status.signal()) {
                (Some(code), _) => Ending::Exited(code),
                (None, Some(signal)) => Ending::Signalled(signal),
                (None, None) => Ending::Signalled(0),
            };
        }
        let now = Instant::now();
        if now >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            break Ending::TimedOut;
        }
        thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    Ok(Output {
        ending,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Reads a pipe to its end on a thread of its own (so that neither pipe
/// can fill up and block the child).
fn drain(pipe: Option<impl Read + Send + 'static>) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}
