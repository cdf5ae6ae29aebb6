//! Fenced code blocks of a Markdown document, found with pulldown-cmark,
//! and the conventions of the doc checker on top of them: the checked
//! languages, the `skip` / `continue` flags and expected-output blocks
//! (directly after a program block, or after one short lead-in paragraph
//! ending in `:`).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// Languages of program blocks.
pub const PYTHON_LANGS: &[&str] = &["python", "py", "python3"];
/// Languages of interactive sessions.
pub const PYCON_LANGS: &[&str] = &["pycon"];
/// Languages of expected-output blocks.
pub const OUTPUT_LANGS: &[&str] = &["output", "text"];
/// A lead-in paragraph has at most this many lines ...
pub const LEAD_IN_LINES: usize = 3;
/// ... and at most this many characters (stripped lines, summed).
pub const LEAD_IN_CHARS: usize = 200;

/// What a fenced block is for the checker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A program block (`python`, `py`, `python3`).
    Python,
    /// An interactive session (`pycon`).
    Pycon,
    /// An expected-output block (`output`, `text`).
    Output,
    /// Anything else: not checked.
    Other,
}

/// One line of a block's content.
#[derive(Clone, Debug)]
pub struct ContentLine {
    /// The text, without the container prefix and without the line ending.
    pub text: String,
    /// Byte offset in the document of the first character of `text`.
    pub offset: usize,
    /// 1-based line of the document.
    pub line: usize,
}

/// A fenced code block.
#[derive(Clone, Debug)]
pub struct FencedBlock {
    /// 1-based line of the opening fence.
    pub line: usize,
    /// 1-based line of the closing fence (of the last line of the block
    /// when it is not closed).
    pub end_line: usize,
    /// Byte range of the whole block (fences included) in the document.
    pub span: Range<usize>,
    /// Byte range of the opening fence line (without its line ending).
    pub fence_span: Range<usize>,
    /// The info string.
    pub info: String,
    /// The first word of the info string, lower-cased.
    pub lang: String,
    /// The other words, lower-cased.
    pub flags: Vec<String>,
    pub kind: Kind,
    /// The content lines.
    pub content: Vec<ContentLine>,
    /// The block has a closing fence.
    pub closed: bool,
    /// What stands before the fence on the opening line (indentation,
    /// block-quote markers): content lines written back get the same.
    pub prefix: String,
}

impl FencedBlock {
    pub fn skip(&self) -> bool {
        self.flags.iter().any(|f| f == "skip")
    }

    pub fn cont(&self) -> bool {
        self.flags.iter().any(|f| f == "continue")
    }

    /// The content as the oracle sees it: lines joined with `\n`.
    pub fn text(&self) -> String {
        let lines: Vec<&str> = self.content.iter().map(|l| l.text.as_str()).collect();
        lines.join("\n")
    }

    /// Byte range of the content lines (from the first content line's
    /// start to the closing fence line's start), for rewriting.
    pub fn content_range(&self, doc: &str) -> Option<Range<usize>> {
        if !self.closed {
            return None;
        }
        let starts = line_starts(doc);
        let start = *starts.get(self.line)?;
        let end = *starts.get(self.end_line - 1)?;
        (start <= end).then_some(start..end)
    }
}

/// A checked block: a program block or a session, with its expected output.
#[derive(Clone, Debug)]
pub struct CheckedBlock {
    pub block: FencedBlock,
    /// The expected-output block that belongs to it, if any.
    pub expected: Option<FencedBlock>,
}

/// Byte offsets of the starts of the lines of `text` (index 0 is line 1).
pub fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    starts
}

/// 1-based line of a byte offset.
pub fn line_of(starts: &[usize], offset: usize) -> usize {
    match starts.binary_search(&offset) {
        Ok(i) => i + 1,
        Err(i) => i,
    }
}

/// The text of 1-based line `line` (without its line ending).
pub fn line_text<'a>(doc: &'a str, starts: &[usize], line: usize) -> &'a str {
    let Some(&start) = starts.get(line.wrapping_sub(1)) else {
        return "";
    };
    let end = starts.get(line).map(|&e| e - 1).unwrap_or(doc.len());
    doc.get(start..end.max(start))
        .unwrap_or("")
        .trim_end_matches('\r')
}

fn classify(lang: &str) -> Kind {
    if PYTHON_LANGS.contains(&lang) {
        Kind::Python
    } else if PYCON_LANGS.contains(&lang) {
        Kind::Pycon
    } else if OUTPUT_LANGS.contains(&lang) {
        Kind::Output
    } else {
        Kind::Other
    }
}

/// Splits an info string into the language and the flags (on whitespace
/// and commas).
pub fn split_info(info: &str) -> (String, Vec<String>) {
    let mut words = info
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let lang = words.next().unwrap_or_default();
    (lang, words.collect())
}

/// Whether `line` (a document line, container prefix included) closes a
/// fence of `fence_char` at least `len` long.
fn closes(line: &str, fence_char: char, len: usize) -> bool {
    let t = line.trim_start_matches([' ', '\t', '>']);
    let run = t.chars().take_while(|&c| c == fence_char).count();
    run >= len && t[run * fence_char.len_utf8()..].trim().is_empty()
}

/// All fenced code blocks of a document, in order.
pub fn fenced_blocks(doc: &str) -> Vec<FencedBlock> {
    let starts = line_starts(doc);
    let mut blocks = Vec::new();
    let mut current: Option<(FencedBlock, String)> = None;
    let parser = Parser::new_ext(doc, Options::empty()).into_offset_iter();
    for (event, range) in parser {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line = line_of(&starts, range.start);
                let line_start = starts[line - 1];
                let fence_end = doc[range.start..]
                    .find('\n')
                    .map(|e| range.start + e)
                    .unwrap_or(doc.len());
                let fence_end = if doc[..fence_end].ends_with('\r') {
                    fence_end - 1
                } else {
                    fence_end
                };
                let (lang, flags) = split_info(&info);
                let prefix: String = doc[line_start..range.start]
                    .chars()
                    .map(|c| {
                        if c == '>' || c.is_whitespace() {
                            c
                        } else {
                            ' '
                        }
                    })
                    .collect();
                let kind = classify(&lang);
                current = Some((
                    FencedBlock {
                        line,
                        end_line: line,
                        span: range.clone(),
                        fence_span: range.start..fence_end,
                        info: info.to_string(),
                        lang,
                        flags,
                        kind,
                        content: Vec::new(),
                        closed: false,
                        prefix,
                    },
                    String::new(),
                ));
            }
            Event::Text(text) => {
                if let Some((_, buf)) = current.as_mut() {
                    buf.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((mut block, buf)) = current.take() else {
                    continue;
                };
                // The block's range ends after its last line (with or
                // without the line ending).
                let end = range.end.min(doc.len());
                let last_line = line_of(&starts, end.saturating_sub(1).max(range.start));
                let opening = &doc[block.fence_span.clone()];
                let opening = opening.trim_start_matches([' ', '\t', '>']);
                let fence_char = opening.chars().next().unwrap_or('`');
                let fence_len = opening.chars().take_while(|&c| c == fence_char).count();
                let content_lines: Vec<&str> = if buf.is_empty() {
                    Vec::new()
                } else {
                    buf.strip_suffix('\n').unwrap_or(&buf).split('\n').collect()
                };
                block.closed = last_line > block.line
                    && closes(line_text(doc, &starts, last_line), fence_char, fence_len);
                block.end_line = last_line;
                block.span = range.start..end;
                // Content lines are the document lines after the fence.
                for (k, text) in content_lines.iter().enumerate() {
                    let line = block.line + 1 + k;
                    let text = text.strip_suffix('\r').unwrap_or(text);
                    let doc_line = line_text(doc, &starts, line);
                    let line_start = starts.get(line - 1).copied().unwrap_or(doc.len());
                    let offset = if doc_line.ends_with(text) {
                        line_start + doc_line.len() - text.len()
                    } else {
                        line_start
                    };
                    block.content.push(ContentLine {
                        text: text.to_owned(),
                        offset,
                        line,
                    });
                }
                blocks.push(block);
            }
            _ => {}
        }
    }
    blocks
}

/// Whether the document lines between a program block and an output block
/// let the output block belong to the program block: only blank lines, or
/// one short paragraph whose text ends with `:` (after emphasis markers).
pub fn is_lead_in(between: &[&str]) -> bool {
    let blank = |l: &str| l.trim().is_empty();
    let text: Vec<&str> = between.iter().copied().filter(|l| !blank(l)).collect();
    if text.is_empty() {
        return true;
    }
    let first = between.iter().position(|l| !blank(l)).unwrap_or(0);
    let last = between.iter().rposition(|l| !blank(l)).unwrap_or(0);
    if between[first..=last].iter().any(|l| blank(l)) {
        return false;
    }
    let chars: usize = text.iter().map(|l| l.trim().chars().count()).sum();
    if text.len() > LEAD_IN_LINES || chars > LEAD_IN_CHARS {
        return false;
    }
    text.last()
        .map(|l| {
            l.trim_end()
                .trim_end_matches(['*', '_'])
                .trim_end()
                .ends_with(':')
        })
        .unwrap_or(false)
}

/// The checked blocks of a document, with their expected output attached.
pub fn checked_blocks(doc: &str) -> Vec<CheckedBlock> {
    let starts = line_starts(doc);
    let blocks = fenced_blocks(doc);
    let mut out: Vec<CheckedBlock> = Vec::new();
    for (k, block) in blocks.iter().enumerate() {
        match block.kind {
            Kind::Python | Kind::Pycon => out.push(CheckedBlock {
                block: block.clone(),
                expected: None,
            }),
            Kind::Output => {
                let Some(prev) = k.checked_sub(1).and_then(|p| blocks.get(p)) else {
                    continue;
                };
                if prev.kind != Kind::Python || !prev.closed {
                    continue;
                }
                // Lines between them, without block-quote markers when the
                // blocks are quoted.
                let quoted = block.prefix.contains('>');
                let between: Vec<&str> = (prev.end_line + 1..block.line)
                    .map(|l| {
                        let text = line_text(doc, &starts, l);
                        if quoted {
                            text.trim_start_matches(['>', ' ', '\t'])
                        } else {
                            text
                        }
                    })
                    .collect();
                if is_lead_in(&between)
                    && let Some(last) = out.last_mut()
                    && last.block.line == prev.line
                {
                    last.expected = Some(block.clone());
                }
            }
            Kind::Other => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_words() {
        assert_eq!(
            split_info("python3 title=\"x.py\""),
            ("python3".into(), vec!["title=\"x.py\"".into()])
        );
        assert_eq!(
            split_info("Python,skip"),
            ("python".into(), vec!["skip".into()])
        );
        assert_eq!(split_info(""), (String::new(), vec![]));
    }

    #[test]
    fn lead_in() {
        assert!(is_lead_in(&[]));
        assert!(is_lead_in(&["", "Output:", ""]));
        assert!(is_lead_in(&["", "**Вывод:**", ""]));
        assert!(!is_lead_in(&["", "Output.", ""]));
        assert!(!is_lead_in(&["", "a", "", "b:", ""]));
        assert!(!is_lead_in(&["a", "b", "c", "d:"]));
    }

    #[test]
    fn blocks_and_outputs() {
        let doc = "# t\n\n```python\nprint(1)\n```\n\nOutput:\n\n```text\n1\n```\n\n````markdown\n```python\nx\n```\n````\n\n> ```py skip\n> y\n> ```\n";
        let blocks = checked_blocks(doc);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].block.line, 3);
        assert_eq!(blocks[0].block.end_line, 5);
        assert_eq!(blocks[0].block.text(), "print(1)");
        assert_eq!(
            blocks[0].expected.as_ref().map(|e| e.text()),
            Some("1".to_owned())
        );
        assert_eq!(blocks[1].block.line, 19);
        assert!(blocks[1].block.skip());
        assert_eq!(blocks[1].block.content[0].text, "y");
        assert_eq!(&doc[blocks[1].block.content[0].offset..][..1], "y");
    }

    #[test]
    fn unclosed_fence() {
        let doc = "```python\nprint(1)\n";
        let blocks = fenced_blocks(doc);
        assert_eq!(blocks.len(), 1);
        assert!(!blocks[0].closed);
        assert_eq!(blocks[0].text(), "print(1)");
    }
}
