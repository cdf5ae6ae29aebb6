//! The indentation pass: raw tokens → the parser's token stream.
//!
//! Emits NEWLINE at the end of each logical line (not for blank or
//! comment-only lines, not inside brackets), INDENT and DEDENT when the
//! indentation of a logical line changes (tabs to the next multiple of 8,
//! as CPython does), and the final NEWLINE / DEDENTs / ENDMARKER at the end
//! of the input. It tracks bracket nesting for implicit line joining and
//! raises the tokenizer's errors about brackets and indentation.
//!
//! Like CPython's tokenizer it stops at the first error, and the stream
//! then ends with a [`Tok::ErrorEnd`] token the parser fails on. Errors
//! CPython raises as exceptions from the tokenizer (bad literals,
//! unmatched brackets, ...) win over most parser errors even later in the
//! file ([`StreamEnd::Hard`]); the others (inconsistent dedent, tab errors,
//! line continuation problems, an input ending inside brackets) are seen
//! only if the parser gets that far.

use crate::ast::{Constant, Span};
use crate::errors::{CompileError, SyntaxClass};
use crate::lexer::{RawLexer, RawTok, StrTok, Tok, number_constant};

/// CPython's limit on bracket nesting (`MAXLEVEL`).
pub const MAX_BRACKETS: usize = 200;
/// CPython's limit on indentation levels (`MAXINDENT`).
pub const MAX_INDENT: usize = 100;

/// The tokens of a source text, with their spans and literal tables.
#[derive(Debug, Default)]
pub struct Tokens {
    /// The tokens, in order; the last is ENDMARKER or `ErrorEnd`.
    pub toks: Vec<Tok>,
    /// `spans[i]` is the byte span of `toks[i]` in the source.
    pub spans: Vec<Span>,
    /// Values of numeric literals, indexed by `Tok::Number`.
    pub numbers: Vec<Constant>,
    /// String literal tokens, indexed by `Tok::String`.
    pub strings: Vec<StrTok>,
    /// Index of the first token produced after the end of the input was
    /// read (final DEDENTs, ENDMARKER, or the `ErrorEnd` of an unclosed
    /// bracket). A parse failing there failed only because input ended.
    pub eof_index: usize,
    /// How the stream ended.
    pub end: StreamEnd,
}

/// How the token stream ended.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum StreamEnd {
    /// With ENDMARKER.
    #[default]
    Complete,
    /// At a tokenizer error that CPython reports unless the parser fails
    /// earlier with an unexpected indent.
    Hard(CompileError),
    /// At a tokenizer error reported only if the parser reaches the final
    /// `ErrorEnd` token.
    Soft(CompileError),
    /// The input ended inside brackets: the innermost open bracket.
    Unclosed {
        /// The bracket character, e.g. `(`.
        bracket: char,
        /// Where it is.
        span: Span,
    },
}

/// Tokenizes a whole module.
pub fn tokenize(source: &str) -> Tokens {
    tokenize_range(source, 0..source.len(), false)
}

/// Tokenizes `source[range]` with spans into `source`. With `in_brackets`
/// the text is read as if inside parentheses (newlines are insignificant),
/// as CPython reads the expression parts of f-strings.
pub fn tokenize_range(source: &str, range: std::ops::Range<usize>, in_brackets: bool) -> Tokens {
    let mut pass = Pass {
        source,
        out: Tokens::default(),
        indents: vec![(0, 0)],
        brackets: Vec::new(),
        at_line_start: true,
        line_has_tokens: false,
        in_brackets,
    };
    pass.run(range);
    pass.out
}

struct Pass<'s> {
    source: &'s str,
    out: Tokens,
    /// (column, column with tabs counted as 1) of each indentation level.
    indents: Vec<(usize, usize)>,
    brackets: Vec<(char, Span)>,
    at_line_start: bool,
    line_has_tokens: bool,
    in_brackets: bool,
}

enum Stop {
    Hard(CompileError),
    Soft(CompileError),
}

impl Pass<'_> {
    fn push(&mut self, tok: Tok, span: Span) {
        self.out.toks.push(tok);
        self.out.spans.push(span);
    }

    fn run(&mut self, range: std::ops::Range<usize>) {
        let end = range.end;
        let lexer = RawLexer::new_range(self.source, range);
        for item in lexer {
            let step = match item {
                Err(e) => {
                    // The indentation of a line is dealt with before its
                    // first token is read.
                    let at = e.span().start as usize;
                    let inside = self.in_brackets || !self.brackets.is_empty();
                    match self.at_line_start && !inside {
                        true => self
                            .indentation(self.line_first_char(at))
                            .and(Err(Stop::Hard(e))),
                        false => Err(Stop::Hard(e)),
                    }
                }
                Ok((tok, span)) => self.token(tok, span, end),
            };
            match step {
                Ok(()) => {}
                Err(Stop::Hard(e)) => {
                    self.out.eof_index = usize::MAX;
                    self.push(Tok::ErrorEnd, e.span());
                    self.out.end = StreamEnd::Hard(e);
                    return;
                }
                Err(Stop::Soft(e)) => {
                    self.out.eof_index = usize::MAX;
                    self.push(Tok::ErrorEnd, e.span());
                    self.out.end = StreamEnd::Soft(e);
                    return;
                }
            }
        }
        self.finish(end);
    }

    fn finish(&mut self, end: usize) {
        let at = Span::new(end, end);
        // CPython puts the tokens produced at the end of the input at the
        // last newline character, if the text ends with one.
        let bytes = self.source.as_bytes();
        let last = if end > 0 && matches!(bytes[end - 1], b'\n' | b'\r') && !self.in_brackets {
            let mut p = end - 1;
            if p > 0 && bytes[p] == b'\n' && bytes[p - 1] == b'\r' {
                p -= 1;
            }
            Span::new(p, p)
        } else {
            at
        };
        if let Some(&(bracket, span)) = self.brackets.last() {
            self.out.eof_index = self.out.toks.len();
            self.push(Tok::ErrorEnd, at);
            self.out.end = StreamEnd::Unclosed { bracket, span };
            return;
        }
        if self.line_has_tokens && !self.in_brackets {
            let nl = self.newline_span(end);
            self.push(Tok::Newline, nl);
        }
        self.out.eof_index = self.out.toks.len();
        while self.indents.len() > 1 {
            self.indents.pop();
            self.push(Tok::Dedent, last);
        }
        self.push(Tok::EndMarker, last);
        self.out.end = StreamEnd::Complete;
    }

    fn token(&mut self, tok: RawTok, span: Span, end: usize) -> Result<(), Stop> {
        let inside = self.in_brackets || !self.brackets.is_empty();
        match tok {
            RawTok::Newline => {
                if !inside && self.line_has_tokens {
                    let nl = self.newline_span(span.start as usize);
                    self.push(Tok::Newline, nl);
                    self.line_has_tokens = false;
                }
                if !inside {
                    self.at_line_start = true;
                }
                return Ok(());
            }
            RawTok::Continuation => {
                if span.end as usize >= end {
                    return Err(Stop::Soft(eof_error(span.start as usize + 1)));
                }
                return Ok(());
            }
            RawTok::Backslash => {
                let after = span.end as usize;
                if after >= end {
                    return Err(Stop::Soft(eof_error(after)));
                }
                return Err(Stop::Soft(CompileError::syntax(
                    "unexpected character after line continuation character",
                    Span::new(after, after),
                )));
            }
            _ => {}
        }
        if self.at_line_start && !inside {
            self.indentation(span.start as usize)?;
        }
        self.at_line_start = false;
        self.line_has_tokens = true;
        let converted = match tok {
            RawTok::Name(sym) => Tok::Name(sym),
            RawTok::Number(value) => {
                let text = &self.source[span.range()];
                self.out.numbers.push(number_constant(value, text));
                Tok::Number(self.out.numbers.len() as u32 - 1)
            }
            RawTok::String(st) => {
                self.out.strings.push(st);
                Tok::String(self.out.strings.len() as u32 - 1)
            }
            other => match other.simple() {
                Some(t) => t,
                None => return Ok(()),
            },
        };
        self.brackets_check(converted, span)?;
        self.push(converted, span);
        Ok(())
    }

    fn brackets_check(&mut self, tok: Tok, span: Span) -> Result<(), Stop> {
        let at = Span::new(span.start as usize, span.start as usize);
        match tok {
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                if self.brackets.len() >= MAX_BRACKETS {
                    return Err(Stop::Hard(CompileError::syntax(
                        "too many nested parentheses",
                        at,
                    )));
                }
                let c = match tok {
                    Tok::LPar => '(',
                    Tok::LSqb => '[',
                    _ => '{',
                };
                self.brackets.push((c, span));
            }
            Tok::RPar | Tok::RSqb | Tok::RBrace => {
                let close = match tok {
                    Tok::RPar => ')',
                    Tok::RSqb => ']',
                    _ => '}',
                };
                let Some((open, open_span)) = self.brackets.pop() else {
                    return Err(Stop::Hard(CompileError::syntax(
                        format!("unmatched '{close}'"),
                        at,
                    )));
                };
                let expected = match open {
                    '(' => ')',
                    '[' => ']',
                    _ => '}',
                };
                if close != expected {
                    let open_line = crate::lexer::line_of(self.source, open_span.start as usize);
                    let line = crate::lexer::line_of(self.source, span.start as usize);
                    let mut msg = format!(
                        "closing parenthesis '{close}' does not match opening parenthesis '{open}'"
                    );
                    if open_line != line {
                        msg.push_str(&format!(" on line {open_line}"));
                    }
                    return Err(Stop::Hard(CompileError::syntax(msg, at)));
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The span of a NEWLINE token for a line ending at byte `at`: a
    /// trailing comment is part of CPython's NEWLINE token.
    fn newline_span(&self, at: usize) -> Span {
        let from = self.out.spans.last().map_or(0, |s| s.end as usize).min(at);
        let start = self.source[from..at].find('#').map_or(at, |i| from + i);
        Span::new(start, at)
    }

    /// Where the text of the line containing byte `at` starts, after its
    /// indentation (the first token's position when lexing failed there).
    fn line_first_char(&self, at: usize) -> usize {
        let bytes = self.source.as_bytes();
        let mut start = at.min(bytes.len());
        while start > 0 && !matches!(bytes[start - 1], b'\n' | b'\r') {
            start -= 1;
        }
        while start < at && matches!(bytes[start], b' ' | b'\t' | b'\x0c') {
            start += 1;
        }
        start
    }

    /// At the first token of a logical line: compares its indentation with
    /// the stack and emits INDENT / DEDENT tokens.
    fn indentation(&mut self, tok_start: usize) -> Result<(), Stop> {
        let bytes = self.source.as_bytes();
        let mut line_start = tok_start;
        while line_start > 0 && !matches!(bytes[line_start - 1], b'\n' | b'\r') {
            line_start -= 1;
        }
        let (mut col, mut altcol) = (0usize, 0usize);
        for &b in &bytes[line_start..tok_start] {
            match b {
                b' ' => {
                    col += 1;
                    altcol += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    altcol += 1;
                }
                b'\x0c' => {
                    col = 0;
                    altcol = 0;
                }
                _ => break,
            }
        }
        let at_line = Span::new(line_start, line_start);
        let tab_error = || {
            Stop::Soft(CompileError::Syntax {
                class: SyntaxClass::TabError,
                message: "inconsistent use of tabs and spaces in indentation".into(),
                span: at_line,
                incomplete: false,
            })
        };
        let (top, alttop) = self.indents.last().copied().unwrap_or((0, 0));
        if col == top {
            if altcol != alttop {
                return Err(tab_error());
            }
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                return Err(Stop::Soft(indentation_error(
                    "too many levels of indentation",
                    at_line,
                )));
            }
            if altcol <= alttop {
                return Err(tab_error());
            }
            self.indents.push((col, altcol));
            let at = tok_start.saturating_sub(1);
            self.push(Tok::Indent, Span::new(at, at));
        } else {
            // The level dedented to must exist before any DEDENT is made.
            let keep = self
                .indents
                .iter()
                .rposition(|&(c, _)| c <= col)
                .unwrap_or(0);
            let (top, alttop) = self.indents[keep];
            if col != top {
                let mut eol = tok_start;
                while eol < bytes.len() && !matches!(bytes[eol], b'\n' | b'\r') {
                    eol += 1;
                }
                return Err(Stop::Soft(indentation_error(
                    "unindent does not match any outer indentation level",
                    Span::new(eol, eol),
                )));
            }
            if altcol != alttop {
                return Err(tab_error());
            }
            while self.indents.len() > keep + 1 {
                self.indents.pop();
                self.push(Tok::Dedent, Span::new(tok_start, tok_start));
            }
        }
        Ok(())
    }
}

fn indentation_error(message: &str, span: Span) -> CompileError {
    CompileError::Syntax {
        class: SyntaxClass::IndentationError,
        message: message.into(),
        span,
        incomplete: false,
    }
}

/// "unexpected EOF while parsing" after a trailing backslash.
fn eof_error(at: usize) -> CompileError {
    CompileError::Syntax {
        class: SyntaxClass::SyntaxError,
        message: "unexpected EOF while parsing".into(),
        span: Span::new(at, at),
        incomplete: true,
    }
}
