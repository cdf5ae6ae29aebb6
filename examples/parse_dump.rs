//! Parses a Python file and prints the AST (`{:#?}`) or the error with its
//! line and column, as CPython's `compile()` reports them.
//!
//! Usage: `cargo run --example parse_dump -- FILE [--quiet | --ast]`, or
//! `--batch` (see [`batch`]).
//! (`--ast` prints the format of `scripts/ast_dump.py`).

use apy::errors::CompileError;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("--batch") {
        return batch();
    }
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: parse_dump FILE [--quiet]");
        std::process::exit(2);
    };
    let mode = args.next();
    let quiet = mode.as_deref() == Some("--quiet");
    let ast_dump = mode.as_deref() == Some("--ast");
    let source = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    match apy::parser::parse_module(&source) {
        Ok(m) => {
            if quiet {
                println!("OK");
            } else if ast_dump {
                print!("{}", apy::parser::dump::dump_module(&m, &source));
            } else {
                println!("{:#?}", m.body);
            }
        }
        Err(CompileError::Syntax {
            class,
            message,
            span,
            incomplete,
        }) => {
            let (l1, c1) = line_col(&source, span.start as usize);
            let (l2, c2) = line_col(&source, span.end as usize);
            println!(
                "{} {message:?} {l1}:{c1} {l2}:{c2}{}",
                class.name(),
                if incomplete { " (incomplete)" } else { "" }
            );
        }
        Err(CompileError::Unsupported { construct, span }) => {
            let (l1, c1) = line_col(&source, span.start as usize);
            println!("Unsupported {construct:?} {l1}:{c1}");
        }
    }
}

/// `--batch`: reads sources separated by NUL bytes on stdin and prints, for
/// each, its `--ast` dump or its error line, each followed by a NUL byte
/// (for differential testing against `scripts/ast_dump.py`).
fn batch() {
    use std::io::{Read, Write};
    let mut input = String::new();
    if std::io::stdin().read_to_string(&mut input).is_err() {
        std::process::exit(2);
    }
    let mut out = std::io::stdout().lock();
    for source in input.split('\0') {
        let text = match apy::parser::parse_module(source) {
            Ok(m) => apy::parser::dump::dump_module(&m, source),
            Err(CompileError::Syntax {
                class,
                message,
                span,
                ..
            }) => {
                let (l1, c1) = line_col(source, span.start as usize);
                format!("{} {message:?} {l1}:{c1}\n", class.name())
            }
            Err(CompileError::Unsupported { construct, .. }) => {
                format!("Unsupported {construct:?}\n")
            }
        };
        let _ = out.write_all(text.as_bytes());
        let _ = out.write_all(b"\0");
    }
}

/// 1-based line and 1-based character column of byte offset `at`.
fn line_col(source: &str, at: usize) -> (usize, usize) {
    let at = at.min(source.len());
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, source[line_start..at].chars().count() + 1)
}
