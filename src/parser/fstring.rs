//! f-strings, by Python 3.11's rules.
//!
//! The body of an f-string token is split into literal text and `{...}`
//! replacement fields the way CPython 3.11's `fstring_find_literal` and
//! `fstring_find_expr` do (the expression part may not contain a backslash
//! or a `#`; format specs may nest one level of fields). Each expression is
//! parsed by running the tokenizer and parser on its text in place, so the
//! spans of its nodes point into the original source.

use std::ops::Range;
use std::rc::Rc;

use super::strings::decode_str;
use crate::ast::{FStringField, FStringPart, Span};
use crate::errors::{CompileError, SyntaxClass};

/// Parses the body `src[body]` of one f-string token. `at` is where
/// CPython reports f-string errors (the end of the literal).
pub(crate) fn parse(
    src: &str,
    body: Range<usize>,
    raw: bool,
    at: Span,
) -> Result<Vec<FStringPart>, CompileError> {
    let mut p = FParser {
        src,
        b: src.as_bytes(),
        end: body.end,
        raw,
        at,
    };
    let mut pos = body.start;
    let parts = p.fstring(&mut pos, 0)?;
    if pos < body.end {
        return Err(p.error("f-string: single '}' is not allowed"));
    }
    Ok(parts)
}

struct FParser<'s> {
    src: &'s str,
    b: &'s [u8],
    end: usize,
    raw: bool,
    at: Span,
}

impl FParser<'_> {
    fn error(&self, msg: &str) -> CompileError {
        CompileError::syntax(msg, self.at)
    }

    /// A sequence of literals and fields; at `level` > 0 (a format spec) it
    /// stops at the `}` closing the enclosing field.
    fn fstring(&mut self, pos: &mut usize, level: u32) -> Result<Vec<FStringPart>, CompileError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            let (literal, doubled) = self.literal(pos, level)?;
            if let Some(range) = literal {
                if self.raw {
                    text.push_str(&self.src[range]);
                } else {
                    decode_str(&self.src[range], false, &mut text, self.at)?;
                }
            }
            if doubled {
                continue;
            }
            if *pos >= self.end || self.b[*pos] == b'}' {
                break;
            }
            // At a '{'.
            let field = self.field(pos, level)?;
            if !text.is_empty() {
                parts.push(FStringPart::Literal(Rc::from(std::mem::take(&mut text))));
            }
            parts.push(FStringPart::Field(field));
        }
        if !text.is_empty() {
            parts.push(FStringPart::Literal(Rc::from(text)));
        }
        if level > 0 && (*pos >= self.end || self.b[*pos] != b'}') {
            return Err(self.error("f-string: expecting '}'"));
        }
        Ok(parts)
    }

    /// Literal text up to the next field or the end. Returns the raw range
    /// of the text and whether it ended at a doubled brace (the second
    /// brace is skipped, and scanning should continue).
    fn literal(
        &mut self,
        pos: &mut usize,
        level: u32,
    ) -> Result<(Option<Range<usize>>, bool), CompileError> {
        let start = *pos;
        let mut s = *pos;
        let mut doubled = false;
        while s < self.end {
            let mut ch = self.b[s];
            s += 1;
            if !self.raw && ch == b'\\' && s < self.end {
                ch = self.b[s];
                s += 1;
                if ch == b'N' {
                    if s < self.end && self.b[s] == b'{' {
                        s += 1;
                        while s < self.end {
                            let c = self.b[s];
                            s += 1;
                            if c == b'}' {
                                break;
                            }
                        }
                    }
                    *pos = s;
                    continue;
                }
            }
            if ch == b'{' || ch == b'}' {
                if level == 0 {
                    if s < self.end && self.b[s] == ch {
                        *pos = s + 1;
                        doubled = true;
                        break;
                    }
                    if ch == b'}' {
                        return Err(self.error("f-string: single '}' is not allowed"));
                    }
                }
                s -= 1;
                *pos = s;
                break;
            }
            *pos = s;
        }
        let lit_end = if doubled { *pos - 1 } else { *pos };
        let range = (lit_end > start).then_some(start..lit_end);
        Ok((range, doubled))
    }

    /// A replacement field starting at the `{` at `pos`.
    fn field(&mut self, pos: &mut usize, level: u32) -> Result<FStringField, CompileError> {
        if level >= 2 {
            return Err(self.error("f-string: expressions nested too deeply"));
        }
        *pos += 1;
        let expr_start = *pos;
        let mut quote: u8 = 0;
        let mut triple = false;
        let mut stack: Vec<u8> = Vec::new();
        while *pos < self.end {
            let ch = self.b[*pos];
            if ch == b'\\' {
                return Err(self.error("f-string expression part cannot include a backslash"));
            }
            if quote != 0 {
                if ch == quote {
                    if triple {
                        if *pos + 2 < self.end && self.b[*pos + 1] == ch && self.b[*pos + 2] == ch {
                            *pos += 2;
                            quote = 0;
                        }
                    } else {
                        quote = 0;
                    }
                }
                *pos += 1;
                continue;
            }
            match ch {
                b'\'' | b'"' => {
                    triple =
                        *pos + 2 < self.end && self.b[*pos + 1] == ch && self.b[*pos + 2] == ch;
                    if triple {
                        *pos += 2;
                    }
                    quote = ch;
                }
                b'[' | b'{' | b'(' => {
                    if stack.len() >= crate::indent::MAX_BRACKETS {
                        return Err(self.error("f-string: too many nested parenthesis"));
                    }
                    stack.push(ch);
                }
                b'#' => return Err(self.error("f-string expression part cannot include '#'")),
                b'!' | b':' | b'}' | b'=' | b'>' | b'<' if stack.is_empty() => {
                    let next = self
                        .b
                        .get(*pos + 1)
                        .copied()
                        .filter(|_| *pos + 1 < self.end);
                    if next == Some(b'=') && ch != b':' && ch != b'}' {
                        *pos += 2;
                        continue;
                    }
                    if ch == b'>' || ch == b'<' {
                        *pos += 1;
                        continue;
                    }
                    break;
                }
                b']' | b'}' | b')' => {
                    let Some(open) = stack.pop() else {
                        return Err(self.error(&format!("f-string: unmatched '{}'", ch as char)));
                    };
                    let expected = match open {
                        b'(' => b')',
                        b'[' => b']',
                        _ => b'}',
                    };
                    if ch != expected {
                        return Err(self.error(&format!(
                            "f-string: closing parenthesis '{}' does not match opening parenthesis '{}'",
                            ch as char, open as char
                        )));
                    }
                }
                _ => {}
            }
            *pos += 1;
        }
        let expr_end = *pos;
        if quote != 0 {
            return Err(self.error("f-string: unterminated string"));
        }
        if let Some(&open) = stack.last() {
            return Err(self.error(&format!("f-string: unmatched '{}'", open as char)));
        }
        if *pos >= self.end {
            return Err(self.error("f-string: expecting '}'"));
        }
        let text = &self.src[expr_start..expr_end];
        if text
            .bytes()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            let next = self.b[expr_end];
            if matches!(next, b'!' | b':' | b'=') {
                return Err(self.error(&format!(
                    "f-string: expression required before '{}'",
                    next as char
                )));
            }
            return Err(self.error("f-string: empty expression not allowed"));
        }
        let value = super::parse_fstring_expr(self.src, expr_start..expr_end).map_err(
            |(e, from_parser)| {
                if from_parser { prefix(e) } else { e }
            },
        )?;
        let mut debug_text = None;
        if self.b[*pos] == b'=' {
            *pos += 1;
            while *pos < self.end && self.b[*pos].is_ascii_whitespace() {
                *pos += 1;
            }
            if *pos >= self.end {
                return Err(self.error("f-string: expecting '}'"));
            }
            debug_text = Some(Rc::from(&self.src[expr_start..*pos]));
        }
        let mut conversion = None;
        if self.b[*pos] == b'!' {
            *pos += 1;
            if *pos >= self.end {
                return Err(self.error("f-string: expecting '}'"));
            }
            let c = self.src[*pos..].chars().next().unwrap_or('\0');
            *pos += c.len_utf8();
            if !matches!(c, 's' | 'r' | 'a') {
                return Err(
                    self.error("f-string: invalid conversion character: expected 's', 'r', or 'a'")
                );
            }
            conversion = Some(c);
        }
        let mut format_spec = None;
        if *pos < self.end && self.b[*pos] == b':' {
            *pos += 1;
            if *pos >= self.end {
                return Err(self.error("f-string: expecting '}'"));
            }
            format_spec = Some(self.fstring(pos, level + 1)?);
        }
        if *pos >= self.end || self.b[*pos] != b'}' {
            return Err(self.error("f-string: expecting '}'"));
        }
        *pos += 1;
        if debug_text.is_some() && format_spec.is_none() && conversion.is_none() {
            conversion = Some('r');
        }
        Ok(FStringField {
            value: Box::new(value),
            conversion,
            format_spec,
            debug_text,
        })
    }
}

/// Errors of the expression part read "f-string: ..." in Python 3.11.
fn prefix(e: CompileError) -> CompileError {
    match e {
        CompileError::Syntax {
            class: SyntaxClass::SyntaxError,
            message,
            span,
            incomplete: _,
        } if !message.starts_with("f-string") => CompileError::Syntax {
            class: SyntaxClass::SyntaxError,
            message: format!("f-string: {message}"),
            span,
            incomplete: false,
        },
        CompileError::Syntax {
            class,
            message,
            span,
            ..
        } => CompileError::Syntax {
            class,
            message,
            span,
            incomplete: false,
        },
        other => other,
    }
}
