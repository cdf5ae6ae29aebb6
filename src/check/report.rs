//! The human report: one line per block (`file:line  verdict  (elapsed)`),
//! a miette report per problem pointing into the Markdown file, and a
//! closing summary.

use std::fmt::Write;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, NamedSource, Report,
};

use super::verdict::Verdict;
use super::{BlockResult, DocResult, Document};

/// Colour when stdout is a terminal and `NO_COLOR` is unset.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

fn paint(text: &str, code: &str, color: bool) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

fn verdict_color(v: Verdict) -> &'static str {
    match v {
        Verdict::Ok => "32",
        Verdict::Skipped => "33",
        Verdict::Unsupported => "35",
        _ => "31;1",
    }
}

/// Elapsed seconds, short: `0.000s`, `12m 30s`, `6h 00m`, `7d 00h`.
pub fn format_elapsed(secs: f64) -> String {
    let secs = secs.max(0.0);
    if secs < 60.0 {
        format!("{secs:.3}s")
    } else if secs < 3600.0 {
        let s = secs.round() as u64;
        format!("{}m {:02}s", s / 60, s % 60)
    } else if secs < 86400.0 {
        let m = (secs / 60.0).round() as u64;
        format!("{}h {:02}m", m / 60, m % 60)
    } else {
        let h = (secs / 3600.0).round() as u64;
        format!("{}d {:02}h", h / 24, h % 24)
    }
}

/// The line of one block.
pub fn block_line(doc: &Document, r: &BlockResult, width: usize, color: bool) -> String {
    let loc = format!("{}:{}", doc.name, r.block.block.line);
    let v = r.judgement.verdict;
    let verdict = paint(&format!("{:<11}", v.name()), verdict_color(v), color);
    let elapsed = if v == Verdict::Skipped {
        String::new()
    } else {
        format!(" ({})", format_elapsed(r.elapsed))
    };
    format!("{loc:<width$}  {verdict}{elapsed}")
        .trim_end()
        .to_owned()
}

/// A compact line diff: `-` expected, `+` actual.
pub fn diff(expected: &str, actual: &str, color: bool) -> String {
    use similar::{ChangeTag, TextDiff};
    if expected == actual {
        return String::new();
    }
    // An empty side shows as a marker line.
    let expected = if expected.is_empty() {
        "(no output)\n".to_owned()
    } else {
        format!("{expected}\n")
    };
    let actual = if actual.is_empty() {
        "(no output)\n".to_owned()
    } else {
        format!("{actual}\n")
    };
    let d = TextDiff::from_lines(&expected, &actual);
    let mut out = String::new();
    for group in d.grouped_ops(2) {
        for op in group {
            for change in d.iter_changes(&op) {
                let line = change.value().trim_end_matches('\n');
                let (sign, code) = match change.tag() {
                    ChangeTag::Delete => ("-", "31"),
                    ChangeTag::Insert => ("+", "32"),
                    ChangeTag::Equal => (" ", ""),
                };
                let text = format!("{sign} {line}");
                if code.is_empty() {
                    let _ = writeln!(out, "{text}");
                } else {
                    let _ = writeln!(out, "{}", paint(&text, code, color));
                }
            }
        }
    }
    out
}

/// The miette report of a failing block.
pub fn problem(doc: &Document, r: &BlockResult, color: bool) -> String {
    let j = &r.judgement;
    let b = &r.block.block;
    let mut diag = MietteDiagnostic::new(format!(
        "{}:{}: {}: {}",
        doc.name,
        b.line,
        j.verdict.name(),
        j.message
    ))
    .with_code(format!("check::{}", j.verdict.name()));
    let mut labels = Vec::new();
    // The block itself: its opening fence.
    labels.push(LabeledSpan::new_with_span(
        Some(format!("{} block", super::kind_name(b.kind))),
        b.fence_span.clone(),
    ));
    if let Some(span) = &j.span {
        let label = if j.label.is_empty() {
            None
        } else {
            Some(j.label.clone())
        };
        labels.push(LabeledSpan::new_with_span(label, span.clone()));
    } else if let Some(last) = b.content.last() {
        // No finer place: the end of the block.
        labels.push(LabeledSpan::new_with_span(
            Some("in this block".to_owned()),
            last.offset..last.offset + last.text.len(),
        ));
    }
    diag = diag.with_labels(labels);
    let mut help = j.help.clone().unwrap_or_default();
    if let Some(m) = &j.mismatch {
        if !help.is_empty() {
            help.push('\n');
        }
        if let Some(src) = &m.example {
            let _ = writeln!(
                help,
                "example: >>> {}",
                src.replace('\n', "\n         ... ")
            );
        }
        help.push_str("expected (-) vs actual (+):\n");
        help.push_str(diff(&m.expected, &m.actual, color).trim_end());
    }
    if !help.is_empty() {
        diag = diag.with_help(help);
    }
    let report = Report::new(diag).with_source_code(NamedSource::new(&doc.name, doc.text.clone()));
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_context_lines(1);
    let mut out = String::new();
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        out = format!(
            "{}:{}: {}: {}\n",
            doc.name,
            b.line,
            j.verdict.name(),
            j.message
        );
    }
    out
}

/// Every problem, in document order.
pub fn problems(results: &[DocResult], color: bool) -> String {
    let mut out = String::new();
    for d in results {
        for r in &d.results {
            if r.judgement.verdict.fails() {
                out.push('\n');
                out.push_str(&problem(&d.doc, r, color));
            }
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The closing line: `N passed, M failed, K skipped`.
pub fn summary(results: &[DocResult], color: bool) -> String {
    let all: Vec<&BlockResult> = results.iter().flat_map(|d| &d.results).collect();
    let passed = all
        .iter()
        .filter(|r| r.judgement.verdict == Verdict::Ok)
        .count();
    let skipped = all
        .iter()
        .filter(|r| r.judgement.verdict == Verdict::Skipped)
        .count();
    let failed = all.iter().filter(|r| r.judgement.verdict.fails()).count();
    let unsupported = all
        .iter()
        .filter(|r| r.judgement.verdict == Verdict::Unsupported)
        .count();
    let mut text = format!("{passed} passed, {failed} failed");
    if unsupported > 0 {
        let _ = write!(text, " ({unsupported} unsupported)");
    }
    if skipped > 0 {
        let _ = write!(text, ", {skipped} skipped");
    }
    let files = results.len();
    let _ = write!(
        text,
        " in {files} file{}",
        if files == 1 { "" } else { "s" }
    );
    let code = if failed > 0 { "31;1" } else { "32;1" };
    paint(&text, code, color)
}
