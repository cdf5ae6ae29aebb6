//! `--update`: rewrites the expected output of `mismatch` blocks with what
//! they printed, leaving every other byte of the document as it was.
//! Blocks without an expected output get none.

use std::ops::Range;

use super::markdown::{FencedBlock, Kind, line_starts};
use super::verdict::{Verdict, expected_exception};
use super::{BlockResult, DocResult};

/// One replacement in the document.
#[derive(Debug)]
struct Edit {
    range: Range<usize>,
    text: String,
}

fn newline_of(doc: &str) -> &'static str {
    if doc.contains("\r\n") { "\r\n" } else { "\n" }
}

/// Whether `line` would close a fence opened by `opening`.
fn would_close(line: &str, fence: &FencedBlock, doc: &str) -> bool {
    let opening = doc.get(fence.fence_span.clone()).unwrap_or("");
    let opening = opening.trim_start_matches([' ', '\t', '>']);
    let ch = opening.chars().next().unwrap_or('`');
    let len = opening.chars().take_while(|&c| c == ch).count();
    let t = line.trim_start();
    let run = t.chars().take_while(|&c| c == ch).count();
    run >= len && t[run * ch.len_utf8()..].trim().is_empty()
}

/// The lines of new content, each with `prefix` and a line ending.
fn lines_text(lines: &[&str], prefix: &str, nl: &str) -> String {
    let mut s = String::new();
    for l in lines {
        if l.is_empty() {
            s.push_str(prefix.trim_end());
        } else {
            s.push_str(prefix);
            s.push_str(l);
        }
        s.push_str(nl);
    }
    s
}

fn program_edit(doc: &str, r: &BlockResult) -> Result<Option<Edit>, String> {
    let Some(out) = &r.block.expected else {
        return Ok(None);
    };
    let Some(run) = &r.run else { return Ok(None) };
    let Some(range) = out.content_range(doc) else {
        return Err(format!(
            "the output block at line {} is not closed",
            out.line
        ));
    };
    let old = out.text().replace("\r\n", "\n");
    let actual = run.stdout.trim_end_matches('\n');
    let mut lines: Vec<&str> = if actual.is_empty() {
        Vec::new()
    } else {
        actual.split('\n').collect()
    };
    // An expected exception keeps its traceback part.
    let mut tail: Vec<&str> = Vec::new();
    if let Some(e) = &run.exception
        && let Some(kept) = expected_exception(Some(&old), &e.final_line)
    {
        let kept_lines = if kept.is_empty() {
            0
        } else {
            kept.split('\n').count()
        };
        tail = old
            .trim_end_matches('\n')
            .split('\n')
            .skip(kept_lines)
            .collect();
    }
    lines.extend(tail);
    if let Some(bad) = lines.iter().find(|l| would_close(l, out, doc)) {
        return Err(format!(
            "the output of the block at line {} has a line that would close its output block: {bad:?}",
            r.block.block.line
        ));
    }
    let nl = newline_of(doc);
    Ok(Some(Edit {
        range,
        text: lines_text(&lines, &out.prefix, nl),
    }))
}

fn session_edits(doc: &str, r: &BlockResult) -> Result<Vec<Edit>, String> {
    let Some(run) = &r.run else {
        return Ok(Vec::new());
    };
    let starts = line_starts(doc);
    let content = &r.block.block.content;
    let nl = newline_of(doc);
    let mut edits = Vec::new();
    for ex in &run.examples {
        let Some(example) = &ex.example else { continue };
        if ex.compile_error.is_some() || ex.exception.is_some() {
            continue;
        }
        let want = example.want_text().replace("\r\n", "\n");
        let actual = ex.stdout.trim_end_matches('\n');
        if want.trim_end_matches('\n') == actual {
            continue;
        }
        let lines: Vec<&str> = if actual.is_empty() {
            Vec::new()
        } else {
            actual.split('\n').collect()
        };
        if let Some(bad) = lines.iter().find(|l| {
            l.trim().is_empty() || l.starts_with(">>>") || would_close(l, &r.block.block, doc)
        }) {
            return Err(format!(
                "the output of the example at line {} cannot be written in a transcript (line {bad:?})",
                content.get(example.first).map(|l| l.line).unwrap_or(0)
            ));
        }
        // The prefix of the block's lines (indentation, `> `).
        let first = content
            .get(example.first)
            .ok_or("example out of the block")?;
        let line_start = starts.get(first.line - 1).copied().unwrap_or(first.offset);
        let prefix = doc.get(line_start..first.offset).unwrap_or("").to_owned();
        // Replace the expected lines (or insert after the source).
        let (from_line, n) = (example.want_first, example.want.len());
        let mut text = lines_text(&lines, &prefix, nl);
        let range = match content.get(from_line) {
            // Replace the expected lines, or insert before the line after
            // the example.
            Some(first_after) => {
                let start = starts
                    .get(first_after.line - 1)
                    .copied()
                    .ok_or("line out of the document")?;
                let end = if n == 0 {
                    start
                } else {
                    let last = content
                        .get(from_line + n - 1)
                        .ok_or("line out of the block")?;
                    starts.get(last.line).copied().unwrap_or(doc.len())
                };
                if end == doc.len() && !doc.ends_with('\n') && text.ends_with(nl) {
                    text.truncate(text.len() - nl.len());
                }
                start..end
            }
            // The example ends the block: insert before the closing fence,
            // or at the end of the document when there is none.
            None if r.block.block.closed => {
                let start = starts
                    .get(r.block.block.end_line - 1)
                    .copied()
                    .ok_or("line out of the document")?;
                start..start
            }
            None => {
                if !doc.ends_with('\n') {
                    text.insert_str(0, nl);
                    if text.ends_with(nl) {
                        text.truncate(text.len() - nl.len());
                    }
                }
                doc.len()..doc.len()
            }
        };
        edits.push(Edit { range, text });
    }
    Ok(edits)
}

/// Rewrites a document's mismatch blocks; returns how many were updated
/// (`None` when nothing changed).
pub fn update_document(d: &DocResult) -> Result<Option<usize>, String> {
    let doc = &d.doc.text;
    let mut edits = Vec::new();
    let mut blocks = 0;
    for r in &d.results {
        if r.judgement.verdict != Verdict::Mismatch {
            continue;
        }
        let before = edits.len();
        match r.block.block.kind {
            Kind::Pycon => edits.extend(session_edits(doc, r)?),
            _ => edits.extend(program_edit(doc, r)?),
        }
        if edits.len() > before {
            blocks += 1;
        }
    }
    if edits.is_empty() {
        return Ok(None);
    }
    let new = apply(doc, edits);
    if new == *doc {
        return Ok(None);
    }
    std::fs::write(&d.doc.path, new).map_err(|e| e.to_string())?;
    Ok(Some(blocks))
}

fn apply(doc: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| e.range.start);
    let mut out = String::with_capacity(doc.len());
    let mut at = 0;
    for e in edits {
        if e.range.start < at {
            continue;
        }
        out.push_str(&doc[at..e.range.start]);
        out.push_str(&e.text);
        at = e.range.end;
    }
    out.push_str(&doc[at..]);
    out
}
