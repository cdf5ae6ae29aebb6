//! Entry points for robustness checks: the fuzz targets in `fuzz/` and
//! the property tests in `tests/fuzz_invariants.rs` call these, so both
//! guard the same invariants. Each takes raw bytes, as a user's file can
//! hold anything, and returns `Err` with a description when an invariant
//! breaks (a panic is left to propagate: the fuzzer reports it).

use std::path::PathBuf;
use std::time::Duration;

use crate::ast::Span;
use crate::errors::CompileError;
use crate::eval::Globals;
use crate::resolve::{ResolveOptions, resolve_module};
use crate::session::{Session, SessionOptions};

/// Limits of [`run_limited`]: tight, so that a fuzzer explores many inputs
/// and an endless program costs at most this much.
pub const RUN_WALL_LIMIT: Duration = Duration::from_millis(500);
/// Virtual seconds a fuzzed program may sleep.
pub const RUN_VIRTUAL_LIMIT: f64 = 60.0;
/// Bytes a fuzzed program may allocate.
pub const RUN_MEMORY_LIMIT: usize = 64 << 20;

/// Source bytes → decoding, lexer, parser and resolver. Invariant: the
/// result is a tree or a compile error, and every span (of the error and
/// of every node) lies on UTF-8 character boundaries inside the source.
pub fn compile_invariants(bytes: &[u8]) -> Result<(), String> {
    let Ok(source) = crate::source::decode(bytes, "<fuzz>") else {
        return Ok(());
    };
    let mut module = match crate::parser::parse_module(&source) {
        Ok(m) => m,
        Err(e) => return check_error_span(&source, &e),
    };
    // (A string constant that spells a span would look like one.)
    if !source.contains("Span") {
        check_spans(&source, &format!("{:?}", module.body))?;
    }
    let globals = Globals::default();
    for top_level_await in [false, true] {
        match resolve_module(&mut module, &globals, ResolveOptions { top_level_await }) {
            Ok(_) => {}
            Err(e) => check_error_span(&source, &e)?,
        }
    }
    Ok(())
}

/// Source bytes → a whole run on the virtual clock under tight time and
/// memory limits, output captured. Invariant: it ends (the limits stop
/// it), with output or a Python exception, never a panic.
pub fn run_limited(bytes: &[u8]) -> Result<(), String> {
    let Ok(source) = crate::source::decode(bytes, "<fuzz>") else {
        return Ok(());
    };
    crate::run::on_big_stack(move || {
        let mut session = Session::new(
            SessionOptions {
                virtual_time: true,
                capture: true,
            },
            "<fuzz>",
        );
        session.set_limits(Some(RUN_WALL_LIMIT), Some(RUN_VIRTUAL_LIMIT));
        session.set_memory_limit(Some(RUN_MEMORY_LIMIT));
        let started = std::time::Instant::now();
        if let Ok(code) = session.compile("<fuzz>", &source, false) {
            let _ = session.run_piece(&code, false);
        }
        let _ = session.close();
        // The limit stops the program, and shutdown has limits of its own:
        // anything far past them is a hang the limits failed to stop.
        let took = started.elapsed();
        if took > RUN_WALL_LIMIT * 20 {
            return Err(format!(
                "the run took {took:?} under a {RUN_WALL_LIMIT:?} limit"
            ));
        }
        Ok(())
    })
}

/// Markdown bytes → `apy check` of that document, in process. Invariant:
/// every checked block gets a verdict, never a panic.
pub fn check_markdown(bytes: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(());
    };
    let text = text.to_owned();
    crate::run::on_big_stack(move || {
        let blocks = crate::check::markdown::checked_blocks(&text);
        let count = blocks.len();
        let doc = crate::check::Document {
            name: "fuzz.md".to_owned(),
            path: PathBuf::from("fuzz.md"),
            text,
            blocks,
        };
        let settings = crate::check::runner::Settings {
            virtual_time: true,
            wall_limit: Some(RUN_WALL_LIMIT),
            virtual_limit: Some(RUN_VIRTUAL_LIMIT),
            memory_limit: Some(RUN_MEMORY_LIMIT),
        };
        let limit = crate::check::limit_text(&settings);
        let result = crate::check::check_document(doc, settings, &limit);
        if result.results.len() != count {
            return Err(format!(
                "{count} blocks but {} verdicts",
                result.results.len()
            ));
        }
        // Rendering the report must not panic either.
        let _ = crate::check::report::problems(std::slice::from_ref(&result), false);
        let _ = crate::check::json::render(std::slice::from_ref(&result));
        Ok(())
    })
}

fn span_ok(source: &str, s: Span) -> bool {
    s.start <= s.end
        && (s.end as usize) <= source.len()
        && source.is_char_boundary(s.start as usize)
        && source.is_char_boundary(s.end as usize)
}

fn check_error_span(source: &str, e: &CompileError) -> Result<(), String> {
    let span = match e {
        CompileError::Syntax { span, .. } | CompileError::Unsupported { span, .. } => *span,
    };
    if span_ok(source, span) {
        Ok(())
    } else {
        Err(format!("error span {span:?} off the source: {e:?}"))
    }
}

/// Checks every `Span { start: A, end: B }` in a tree's debug rendering:
/// the derived `Debug` of the AST names each node's span, so this sees
/// them all without a visitor that could miss a new node kind.
fn check_spans(source: &str, debug: &str) -> Result<(), String> {
    const OPEN: &str = "Span { start: ";
    let mut rest = debug;
    while let Some(at) = rest.find(OPEN) {
        rest = &rest[at + OPEN.len()..];
        let (start, after) = leading_number(rest);
        let after = after.strip_prefix(", end: ").unwrap_or(after);
        let (end, after) = leading_number(after);
        rest = after;
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        let span = Span { start, end };
        if !span_ok(source, span) {
            return Err(format!("node span {span:?} off the source"));
        }
    }
    Ok(())
}

fn leading_number(s: &str) -> (Option<u32>, &str) {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    (s[..digits].parse().ok(), &s[digits..])
}
