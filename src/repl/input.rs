//! The input thread: reads inputs, decides when each is complete, hands it
//! to the interpreter and waits for it to finish before the next prompt.

use std::io::{BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::AtomicU8;
use std::sync::mpsc;

use rustyline::error::ReadlineError;

use super::editor::Terminal;
use super::{Input, Request, classify};

/// Runs the input side until end of input.
pub fn run(
    terminal: Option<Terminal>,
    requests: mpsc::Sender<Request>,
    done: mpsc::Receiver<()>,
    _activity: Arc<AtomicU8>,
) {
    match terminal {
        Some(mut t) => {
            t.set_requests(requests.clone());
            run_terminal(t, &requests, &done)
        }
        None => run_piped(&requests, &done),
    }
    let _ = requests.send(Request::Exit);
}

fn report_syntax(source: &str, e: &crate::errors::CompileError, color: bool) {
    let text = crate::diagnostics::render_compile_error("<stdin>", source, e, color);
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

/// Piped input: prompts on stdout exactly as `python3 -m asyncio` writes
/// them (the typed text is not echoed).
fn run_piped(requests: &mpsc::Sender<Request>, done: &mpsc::Receiver<()>) {
    let stdin = std::io::stdin();
    let mut reader = stdin.lock();
    let mut lines: Vec<String> = Vec::new();
    loop {
        let prompt = if lines.is_empty() { ">>> " } else { "... " };
        {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(prompt.as_bytes());
            let _ = out.flush();
        }
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let line = line.strip_suffix('\n').unwrap_or(&line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        lines.push(line.to_owned());
        let source = lines.join("\n");
        match classify(&source) {
            Input::Empty => lines.clear(),
            Input::Incomplete => {}
            Input::Error(e) => {
                report_syntax(&source, &e, false);
                lines.clear();
            }
            Input::Complete => {
                lines.clear();
                if requests.send(Request::Run(source)).is_err() || done.recv().is_err() {
                    return;
                }
            }
        }
    }
}

/// Terminal input: whole blocks edited at once, history, completion.
fn run_terminal(mut t: Terminal, requests: &mpsc::Sender<Request>, done: &mpsc::Receiver<()>) {
    loop {
        match t.read(">>> ") {
            Ok(input) => {
                t.remember(&input);
                match classify(&input) {
                    Input::Empty | Input::Incomplete => {}
                    Input::Error(e) => report_syntax(&input, &e, crate::diagnostics::use_color()),
                    Input::Complete => {
                        if requests.send(Request::Run(input)).is_err() || done.recv().is_err() {
                            return;
                        }
                    }
                }
            }
            // Ctrl-C at the prompt clears the line.
            Err(ReadlineError::Interrupted) => {}
            Err(_) => {
                eprintln!();
                return;
            }
        }
    }
}
