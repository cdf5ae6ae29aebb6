//! Parses a Python file and prints the AST (`{:#?}`) or the error with its
//! line and column, as CPython's `compile()` reports them.
//!
//! Usage: `cargo run --example parse_dump -- FILE [--quiet]`

use apy::errors::CompileError;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: parse_dump FILE [--quiet]");
        std::process::exit(2);
    };
    let quiet = args.next().as_deref() == Some("--quiet");
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
            println!("{} {message:?} {l1}:{c1} {l2}:{c2}{}", class.name(), if incomplete { " (incomplete)" } else { "" });
        }
        Err(CompileError::Unsupported { construct, span }) => {
            let (l1, c1) = line_col(&source, span.start as usize);
            println!("Unsupported {construct:?} {l1}:{c1}");
        }
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
