//! Rendering problems found before or outside Python execution with miette:
//! syntax errors (with CPython's final `Type: message` line after the
//! report) and unsupported constructs (code `apy::unsupported`).

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};

use crate::ast::Span;
use crate::errors::CompileError;

/// Exit status of a program stopped by an unsupported construct.
pub const EXIT_UNSUPPORTED: i32 = 2;

/// How to render: with colour (stderr is a terminal and `NO_COLOR` unset)
/// or plain.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// What a diagnostic says about a span.
#[derive(Clone, Copy)]
pub struct Note<'a> {
    pub message: &'a str,
    /// The diagnostic code (`SyntaxError`, `apy::unsupported`).
    pub code: Option<&'a str>,
    /// The label on the span.
    pub label: &'a str,
    pub help: Option<&'a str>,
}

/// Renders a diagnostic about `span` of `source` (named `file`).
pub fn render(file: &str, source: &str, span: Span, note: &Note<'_>, color: bool) -> String {
    let Note {
        message,
        code,
        label,
        help,
    } = *note;
    let (line, col) = line_col(source, span.start as usize);
    let mut diag = MietteDiagnostic::new(format!("{file}:{line}:{col}: {message}"));
    if let Some(code) = code {
        diag = diag.with_code(code);
    }
    if let Some(help) = help {
        diag = diag.with_help(help);
    }
    let start = (span.start as usize).min(source.len());
    let end = (span.end as usize).clamp(start, source.len());
    diag = diag.with_label(LabeledSpan::new_with_span(
        Some(label.to_owned()),
        start..end,
    ));
    let report = Report::new(diag).with_source_code(NamedSource::new(file, source.to_owned()));
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(100);
    let mut out = String::new();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!("{file}:{line}:{col}: {message}\n");
    }
    out
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = &source[..floor_char_boundary(source, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Renders a compile error: the miette report, and for syntax errors the
/// `SyntaxError: message` line CPython ends with.
pub fn render_compile_error(file: &str, source: &str, e: &CompileError, color: bool) -> String {
    match e {
        CompileError::Syntax {
            class,
            message,
            span,
            ..
        } => {
            let note = Note {
                message,
                code: Some(class.name()),
                label: class.name(),
                help: None,
            };
            let mut out = render(file, source, *span, &note, color);
            out.push_str(&format!("{}: {message}\n", class.name()));
            out
        }
        CompileError::Unsupported { construct, span } => {
            let message = format!("apy does not support {construct}");
            let note = Note {
                message: &message,
                code: Some("apy::unsupported"),
                label: "not supported by apy",
                help: Some(
                    "apy runs the async subset of Python 3.11; this construct is outside it",
                ),
            };
            render(file, source, *span, &note, color)
        }
    }
}

/// Exit status for a compile error: 1 for syntax errors (as CPython), 2
/// for unsupported constructs.
pub fn exit_status(e: &CompileError) -> i32 {
    match e {
        CompileError::Syntax { .. } => 1,
        CompileError::Unsupported { .. } => EXIT_UNSUPPORTED,
    }
}
