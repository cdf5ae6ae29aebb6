//! Verdicts: the first of skipped, syntax, unsupported, exception,
//! warning, never-run, mismatch, ok that applies to a block.

use std::collections::HashSet;
use std::ops::Range;

use crate::errors::CompileError;
use crate::session::ExceptionReport;

use super::markdown::{CheckedBlock, Kind};
use super::names::{self, AsyncDef};
use super::runner::{BlockRun, Piece};

/// The verdict on a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Ok,
    Mismatch,
    Exception,
    Warning,
    NeverRun,
    Syntax,
    Unsupported,
    Skipped,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Ok => "ok",
            Verdict::Mismatch => "mismatch",
            Verdict::Exception => "exception",
            Verdict::Warning => "warning",
            Verdict::NeverRun => "never-run",
            Verdict::Syntax => "syntax",
            Verdict::Unsupported => "unsupported",
            Verdict::Skipped => "skipped",
        }
    }

    /// Does this verdict fail the check?
    pub fn fails(self) -> bool {
        !matches!(self, Verdict::Ok | Verdict::Skipped)
    }
}

/// Expected vs actual output of a mismatch.
#[derive(Clone, Debug)]
pub struct Mismatch {
    pub expected: String,
    pub actual: String,
    /// Document span of the expected output (the output block's content,
    /// or the expected lines of a session example).
    pub expected_span: Option<Range<usize>>,
    /// For a session example: its source (prompts removed).
    pub example: Option<String>,
}

/// The judgement on a block, with what the report shows.
#[derive(Clone, Debug)]
pub struct Judgement {
    pub verdict: Verdict,
    /// One line: why.
    pub message: String,
    /// Where in the document the problem is (a line, a construct).
    pub span: Option<Range<usize>>,
    /// The label at `span`.
    pub label: String,
    pub help: Option<String>,
    pub mismatch: Option<Mismatch>,
    /// never-run: the coroutine functions never used.
    pub unused: Vec<AsyncDef>,
}

impl Judgement {
    fn new(verdict: Verdict, message: impl Into<String>) -> Judgement {
        Judgement {
            verdict,
            message: message.into(),
            span: None,
            label: String::new(),
            help: None,
            mismatch: None,
            unused: Vec::new(),
        }
    }

    fn at(mut self, span: Option<Range<usize>>, label: impl Into<String>) -> Judgement {
        self.span = span;
        self.label = label.into();
        self
    }
}

/// What apy lacks, if the exception says so: a construct it stopped at, or
/// a standard-library module it does not provide.
pub fn unsupported_reason(e: &ExceptionReport) -> Option<String> {
    if e.unsupported {
        let construct = e
            .final_line
            .split_once(": ")
            .map(|x| x.1)
            .unwrap_or(&e.final_line);
        return Some(format!("apy does not support {construct}"));
    }
    let module = e
        .final_line
        .strip_prefix("ModuleNotFoundError: No module named '")?
        .strip_suffix('\'')?;
    let top = module.split('.').next().unwrap_or(module);
    crate::stdlib::is_cpython_stdlib(top)
        .then(|| format!("apy does not provide the standard-library module '{module}'"))
}

/// Markers of a warning on stderr.
const WARNING_MARKERS: &[&str] = &[
    "Warning: ",
    "Task exception was never retrieved",
    "Task was destroyed but it is pending!",
];

/// Whether stderr shows a Python warning or asyncio's task complaints.
pub fn has_warning(stderr: &str) -> bool {
    WARNING_MARKERS.iter().any(|m| stderr.contains(m))
}

/// The first line of stderr showing a warning (else its first line).
pub fn warning_line(stderr: &str) -> String {
    stderr
        .lines()
        .find(|l| WARNING_MARKERS.iter().any(|m| l.contains(m)))
        .or_else(|| stderr.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("")
        .trim()
        .to_owned()
}

/// The document line a warning points at: `NAME:LINE: ...Warning: ...`
/// or the last `File "NAME", line LINE` of a traceback.
pub fn warning_doc_line(stderr: &str, name: &str) -> Option<usize> {
    for l in stderr.lines() {
        if let Some(rest) = l.strip_prefix(name).and_then(|r| r.strip_prefix(':'))
            && rest.contains("Warning: ")
        {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            if let Ok(n) = digits.parse() {
                return Some(n);
            }
        }
    }
    let pat = format!("File \"{name}\", line ");
    stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix(pat.as_str()))
        .filter_map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
                .parse()
                .ok()
        })
        .next_back()
}

fn strip_nl(s: &str) -> &str {
    s.trim_end_matches('\n')
}

/// The expected output with `\r` line endings folded.
fn normalize(s: &str) -> String {
    s.replace("\r\n", "\n")
}

/// If the expected output ends with the exception's `Type: message` line,
/// the part of it expected on stdout (before the traceback).
pub fn expected_exception(expected: Option<&str>, exc: &str) -> Option<String> {
    let expected = expected?;
    let mut lines: Vec<&str> = strip_nl(expected).split('\n').collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    if lines.last().map(|l| l.trim()) != Some(exc.trim()) {
        return None;
    }
    lines.pop();
    if let Some(i) = lines
        .iter()
        .position(|l| *l == "Traceback (most recent call last):")
    {
        lines.truncate(i);
    } else {
        while lines.last().is_some_and(|l| l.starts_with([' ', '\t'])) {
            lines.pop();
        }
    }
    Some(lines.join("\n"))
}

/// Names read in a block (for the never-run rule of earlier blocks).
pub fn block_reads(block: &CheckedBlock) -> HashSet<String> {
    parse_block(block)
        .map(|m| names::loaded_names(&m))
        .unwrap_or_default()
}

/// A block's source as one module (a session's examples joined).
pub fn block_source(block: &CheckedBlock) -> String {
    match block.block.kind {
        Kind::Pycon => super::runner::examples(block)
            .iter()
            .map(|e| e.source.as_str())
            .collect(),
        _ => {
            let mut s = block.block.text();
            s.push('\n');
            s
        }
    }
}

fn parse_block(block: &CheckedBlock) -> Option<crate::ast::Module> {
    crate::parser::parse_module(&block_source(block)).ok()
}

/// The top-level `async def`s of a block never read in it nor in `later`.
fn never_used(block: &CheckedBlock, later: &HashSet<String>) -> Vec<AsyncDef> {
    let Some(module) = parse_block(block) else {
        return Vec::new();
    };
    let used = names::loaded_names(&module);
    let defs = names::top_async_defs(&module);
    // Spans are relative to the joined source; map them for program blocks.
    defs.into_iter()
        .filter(|d| !used.contains(&d.name) && !later.contains(&d.name))
        .collect()
}

fn compile_judgement(e: &CompileError, piece: Option<&Piece>) -> Judgement {
    let span = piece.and_then(|p| {
        let s = e.span();
        let start = p.doc_offset(s.start as usize)?;
        let end = p.doc_offset(s.end as usize).unwrap_or(start).max(start);
        Some(start..end)
    });
    match e {
        CompileError::Syntax { class, message, .. } => {
            Judgement::new(Verdict::Syntax, format!("{}: {message}", class.name()))
                .at(span, class.name())
        }
        CompileError::Unsupported { construct, .. } => Judgement::new(
            Verdict::Unsupported,
            format!("apy does not support {construct}"),
        )
        .at(span, "not supported by apy"),
    }
}

/// The document span of a line of a piece.
fn line_span(piece: Option<&Piece>, line: Option<usize>) -> Option<Range<usize>> {
    let piece = piece?;
    let line = line?;
    let i = piece.lines.binary_search_by_key(&line, |&(l, _)| l).ok()?;
    let start = piece.lines[i].1;
    let text = piece.source.split('\n').nth(line - 1).unwrap_or("");
    let indent = text.len() - text.trim_start().len();
    Some(start + indent..start + text.len())
}

fn exception_judgement(
    e: &ExceptionReport,
    timed_out: bool,
    piece: Option<&Piece>,
    limit: &str,
) -> Judgement {
    let span = line_span(piece, e.line);
    if let Some(reason) = unsupported_reason(e) {
        return Judgement::new(Verdict::Unsupported, reason).at(span, "not supported by apy");
    }
    if timed_out {
        return Judgement::new(
            Verdict::Exception,
            format!("timed out: the block ran longer than {limit}"),
        )
        .at(span, "still running here");
    }
    Judgement::new(Verdict::Exception, e.final_line.clone()).at(span, "raised here")
}

/// Judges a block from its run. `later` holds the names read in the
/// `continue` blocks after it; `name` is the document's name in
/// tracebacks; `limit` describes the time limit.
pub fn judge(
    block: &CheckedBlock,
    run: &BlockRun,
    later: &HashSet<String>,
    name: &str,
    limit: &str,
) -> Judgement {
    if let Some(line) = run.not_run_after {
        return not_run_judgement(line);
    }
    match block.block.kind {
        Kind::Pycon => judge_session(block, run, later, name, limit),
        _ => judge_program(block, run, later, name, limit),
    }
}

fn warning_judgement(
    stderr: &str,
    name: &str,
    piece_for: impl Fn(usize) -> Option<Range<usize>>,
) -> Judgement {
    let line = warning_line(stderr);
    let shown = match line.split_once(": ") {
        Some((loc, rest)) if loc.starts_with(name) => rest.to_owned(),
        _ => line.clone(),
    };
    let span = warning_doc_line(stderr, name).and_then(piece_for);
    Judgement::new(Verdict::Warning, shown).at(span, "warned here")
}

fn not_run_judgement(line: usize) -> Judgement {
    Judgement::new(
        Verdict::Exception,
        format!("not run: the block at line {line} of this chain ran past the time limit"),
    )
}

fn judge_program(
    block: &CheckedBlock,
    run: &BlockRun,
    later: &HashSet<String>,
    name: &str,
    limit: &str,
) -> Judgement {
    let piece = run.piece.as_ref();
    if let Some(e) = &run.compile_error {
        return compile_judgement(e, piece);
    }
    let mut want: Option<String> = block.expected.as_ref().map(|e| normalize(&e.text()));
    if let Some(e) = &run.exception {
        if unsupported_reason(e).is_some() || run.timed_out {
            return exception_judgement(e, run.timed_out, piece, limit);
        }
        match expected_exception(want.as_deref(), &e.final_line) {
            Some(stdout) => want = Some(stdout),
            None => return exception_judgement(e, false, piece, limit),
        }
    }
    if has_warning(&run.stderr) {
        return warning_judgement(&run.stderr, name, |l| line_span(piece, Some(l)));
    }
    if run.stdout.is_empty() && run.exception.is_none() {
        let unused = never_used(block, later);
        if !unused.is_empty() {
            return never_run_judgement(block, unused);
        }
    }
    if let Some(want) = want
        && strip_nl(&run.stdout) != strip_nl(&want)
    {
        let expected_span = block.expected.as_ref().and_then(|e| {
            let first = e.content.first()?;
            let last = e.content.last()?;
            Some(first.offset..last.offset + last.text.len())
        });
        let mut j = Judgement::new(
            Verdict::Mismatch,
            "the output differs from the expected output",
        )
        .at(expected_span.clone(), "expected this");
        j.mismatch = Some(Mismatch {
            expected: strip_nl(&want).to_owned(),
            actual: strip_nl(&run.stdout).to_owned(),
            expected_span,
            example: None,
        });
        return j;
    }
    Judgement::new(Verdict::Ok, "")
}

/// The document span of a span of [`block_source`] (for a session: of
/// its examples joined).
pub fn source_span(block: &CheckedBlock, span: crate::ast::Span) -> Option<Range<usize>> {
    let map = |piece: &Piece, pad: usize| {
        let start = piece.doc_offset(span.start as usize + pad)?;
        let end = piece
            .doc_offset(span.end as usize + pad)
            .unwrap_or(start)
            .max(start);
        Some(start..end)
    };
    match block.block.kind {
        Kind::Pycon => {
            let mut at = 0usize;
            for ex in super::runner::examples(block) {
                let len = ex.source.len();
                if (span.start as usize) < at + len {
                    let piece = super::runner::example_piece(block, &ex);
                    // The example's piece is padded to its first line.
                    let pad = piece.lines.first().map(|&(l, _)| l - 1).unwrap_or(0);
                    let local =
                        crate::ast::Span::new(span.start as usize - at, span.end as usize - at);
                    let start = piece.doc_offset(local.start as usize + pad)?;
                    let end = piece
                        .doc_offset(local.end as usize + pad)
                        .unwrap_or(start)
                        .max(start);
                    return Some(start..end);
                }
                at += len;
            }
            None
        }
        _ => map(&super::runner::block_piece(block), block.block.line),
    }
}

fn never_run_judgement(block: &CheckedBlock, unused: Vec<AsyncDef>) -> Judgement {
    let names: Vec<String> = unused.iter().map(|d| format!("`{}`", d.name)).collect();
    let message = format!(
        "async def {} {} never run: the block defines {} and nothing calls {}",
        names.join(", "),
        if unused.len() == 1 { "is" } else { "are" },
        if unused.len() == 1 { "it" } else { "them" },
        if unused.len() == 1 { "it" } else { "them" },
    );
    // The header of the first unused function, in the document.
    let span = unused.first().and_then(|d| source_span(block, d.header));
    let mut j = Judgement::new(Verdict::NeverRun, message).at(span, "defined here, never called");
    j.help = unused.first().map(|d| {
        if d.no_args {
            format!("add `asyncio.run({}())` to run it", d.name)
        } else {
            format!("run it, e.g. with `asyncio.run({}(...))`", d.name)
        }
    });
    j.unused = unused;
    j
}

fn judge_session(
    block: &CheckedBlock,
    run: &BlockRun,
    later: &HashSet<String>,
    name: &str,
    limit: &str,
) -> Judgement {
    let mut syntax: Option<Judgement> = None;
    let mut exception: Option<Judgement> = None;
    let mut unsupported: Option<Judgement> = None;
    let mut mismatch: Option<Judgement> = None;
    let mut all_out = String::new();
    for ex in &run.examples {
        let piece = ex.piece.as_ref();
        let Some(example) = &ex.example else { continue };
        if let Some(e) = &ex.compile_error {
            let j = compile_judgement(e, piece);
            if j.verdict == Verdict::Unsupported {
                unsupported.get_or_insert(j);
            } else {
                syntax.get_or_insert(j);
            }
            continue;
        }
        all_out.push_str(&ex.stdout);
        if let Some(e) = &ex.exception {
            if unsupported_reason(e).is_some() || ex.timed_out {
                let j = exception_judgement(e, ex.timed_out, piece, limit);
                if j.verdict == Verdict::Unsupported {
                    unsupported.get_or_insert(j);
                } else {
                    exception.get_or_insert(j);
                }
                continue;
            }
            if example.wants_traceback()
                && example.want.last().map(|l| l.trim()) == Some(e.final_line.trim())
            {
                continue;
            }
            exception.get_or_insert(exception_judgement(e, false, piece, limit));
            continue;
        }
        let want = normalize(&example.want_text());
        if strip_nl(&ex.stdout) != strip_nl(&want) && mismatch.is_none() {
            let content = &block.block.content;
            let expected_span = if example.want.is_empty() {
                content
                    .get(example.first)
                    .map(|l| l.offset..l.offset + l.text.len())
            } else {
                let first = content.get(example.want_first);
                let last = content.get(example.want_first + example.want.len() - 1);
                first
                    .zip(last)
                    .map(|(f, l)| f.offset..l.offset + l.text.len())
            };
            let src = example.source.trim_end().to_owned();
            let shown = src.lines().next().unwrap_or("").to_owned();
            let mut j = Judgement::new(
                Verdict::Mismatch,
                format!("`>>> {shown}` printed something else than the transcript shows"),
            )
            .at(expected_span.clone(), "expected this");
            j.mismatch = Some(Mismatch {
                expected: strip_nl(&want).to_owned(),
                actual: strip_nl(&ex.stdout).to_owned(),
                expected_span,
                example: Some(src),
            });
            mismatch = Some(j);
        }
    }
    if let Some(j) = syntax {
        return j;
    }
    if let Some(j) = unsupported {
        return j;
    }
    if let Some(j) = exception {
        return j;
    }
    if has_warning(&run.stderr) {
        let pieces: Vec<&Piece> = run
            .examples
            .iter()
            .filter_map(|e| e.piece.as_ref())
            .collect();
        return warning_judgement(&run.stderr, name, |l| {
            pieces
                .iter()
                .find(|p| p.lines.iter().any(|&(pl, _)| pl == l))
                .and_then(|p| line_span(Some(p), Some(l)))
        });
    }
    if all_out.is_empty() {
        let unused = never_used(block, later);
        if !unused.is_empty() {
            return never_run_judgement(block, unused);
        }
    }
    if let Some(j) = mismatch {
        return j;
    }
    Judgement::new(Verdict::Ok, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_exceptions() {
        assert_eq!(
            expected_exception(Some("a\nValueError: boom\n"), "ValueError: boom"),
            Some("a".into())
        );
        assert_eq!(
            expected_exception(
                Some("a\nTraceback (most recent call last):\n  ...\nValueError: boom"),
                "ValueError: boom"
            ),
            Some("a".into())
        );
        assert_eq!(expected_exception(Some("a\n"), "ValueError: boom"), None);
        assert_eq!(expected_exception(None, "ValueError: boom"), None);
    }

    #[test]
    fn warnings() {
        assert!(has_warning(
            "x.md:3: RuntimeWarning: coroutine 'main' was never awaited\n"
        ));
        assert!(has_warning("Task was destroyed but it is pending!\n"));
        assert!(!has_warning("ValueError: boom\n"));
        assert_eq!(
            warning_doc_line(
                "x.md:3: RuntimeWarning: coroutine 'main' was never awaited\n",
                "x.md"
            ),
            Some(3)
        );
    }
}
