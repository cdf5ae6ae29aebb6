//! Where `print` goes: the process's stdout (buffered like CPython's: by
//! line on a terminal, in blocks otherwise) or a capture buffer (`apy check`).

use std::io::{IsTerminal, Write};

/// The program's standard output.
pub struct Output {
    buf: Vec<u8>,
    mode: Mode,
}

enum Mode {
    Stdout {
        line_buffered: bool,
    },
    Capture,
    /// Every write goes out at once (the piped REPL, where prompts written
    /// by another thread must follow the output).
    Direct,
    /// Every write goes to a callback (the terminal REPL's printer, which
    /// redraws the line being edited below the output).
    Sink(Box<dyn FnMut(&str)>),
}

impl Output {
    /// Output to the process's stdout.
    pub fn stdout() -> Output {
        Output {
            buf: Vec::with_capacity(8192),
            mode: Mode::Stdout {
                line_buffered: std::io::stdout().is_terminal(),
            },
        }
    }

    /// Unbuffered output to the process's stdout.
    pub fn direct() -> Output {
        Output {
            buf: Vec::new(),
            mode: Mode::Direct,
        }
    }

    /// Output handed to `sink` as it is written.
    pub fn sink(sink: Box<dyn FnMut(&str)>) -> Output {
        Output {
            buf: Vec::new(),
            mode: Mode::Sink(sink),
        }
    }

    /// Output kept in memory, read back with [`Output::take`].
    pub fn capture() -> Output {
        Output {
            buf: Vec::new(),
            mode: Mode::Capture,
        }
    }

    pub fn write(&mut self, s: &str) {
        match &mut self.mode {
            Mode::Sink(f) => {
                f(s);
                return;
            }
            Mode::Direct => {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(s.as_bytes());
                let _ = out.flush();
                return;
            }
            _ => {}
        }
        self.buf.extend_from_slice(s.as_bytes());
        if let Mode::Stdout { line_buffered } = self.mode
            && (self.buf.len() >= 8192 || (line_buffered && s.contains('\n')))
        {
            self.flush();
        }
    }

    /// Writes buffered stdout text out (no-op when capturing).
    pub fn flush(&mut self) {
        if let Mode::Stdout { .. } = self.mode {
            let mut out = std::io::stdout().lock();
            // A closed pipe is not the program's error: drop the text.
            let _ = out.write_all(&self.buf);
            let _ = out.flush();
            self.buf.clear();
        }
    }

    /// Flushes when stdout is a terminal (line-buffered like CPython's).
    pub fn flush_if_terminal(&mut self) {
        if let Mode::Stdout {
            line_buffered: true,
        } = self.mode
        {
            self.flush();
        }
    }

    /// The captured text so far, emptying the buffer.
    pub fn take(&mut self) -> String {
        let bytes = std::mem::take(&mut self.buf);
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }
}
