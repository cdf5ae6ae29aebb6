//! Names and string literal tokens.
//!
//! A string token is recognised by its prefix and opening quote; the body
//! is scanned by hand (escapes, triple quotes, newlines) the way CPython's
//! tokenizer scans it. Escapes are decoded later, by the parser, which is
//! also where CPython reports bad escapes.

use logos::Lexer;

use super::{LexError, RawTok, line_of};
use crate::ast::Span;
use crate::errors::{CompileError, SyntaxClass};
use crate::intern::Sym;

/// What a string token produces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrKind {
    Str,
    Bytes,
    FString,
}

/// A string literal token: its prefix and quotes, so the parser can find
/// and decode the body (`source[start + prefix + quote .. end - quote]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrTok {
    pub kind: StrKind,
    /// `r` prefix: backslashes are kept as written.
    pub raw: bool,
    /// Length in bytes of the prefix letters.
    pub prefix_len: u8,
    /// 1 or 3.
    pub quote_len: u8,
}

impl StrTok {
    /// The byte range of the body of a token whose span is `span`.
    pub fn body(&self, span: Span) -> std::ops::Range<usize> {
        let start = span.start as usize + self.prefix_len as usize + self.quote_len as usize;
        let end = (span.end as usize).saturating_sub(self.quote_len as usize);
        start..end.max(start)
    }
}

/// The logos callback for an identifier: checks that every character may
/// appear in a Python identifier and interns it.
pub(super) fn name(lex: &mut Lexer<RawTok>) -> Result<Sym, LexError> {
    let text = lex.slice();
    if !text.is_ascii() {
        let start = lex.span().start;
        for (i, c) in text.char_indices() {
            let ok = if i == 0 {
                c == '_' || unicode_ident::is_xid_start(c)
            } else {
                unicode_ident::is_xid_continue(c)
            };
            if !ok {
                let span = Span::new(start + i, start + i);
                let msg = if is_printable(c) {
                    format!("invalid character '{c}' (U+{:04X})", c as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", c as u32)
                };
                return Err(LexError::Error(CompileError::syntax(msg, span)));
            }
        }
    }
    Ok(Sym::new(text))
}

/// An approximation of Python's `str.isprintable` for one character:
/// control, format, separator (other than space) and private-use characters
/// are not printable.
pub fn is_printable(c: char) -> bool {
    let u = c as u32;
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(u,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F
        | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
        | 0xFFF9..=0xFFFB | 0x110BD | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0001 | 0xE0020..=0xE007F | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// The logos callback for a string token, after its prefix and opening
/// quote: finds the end of the literal.
pub(super) fn string(lex: &mut Lexer<RawTok>) -> Result<StrTok, LexError> {
    let opening = lex.slice();
    let prefix = &opening[..opening.len() - 1];
    let quote = opening.as_bytes()[opening.len() - 1];
    let lower = prefix.to_ascii_lowercase();
    let kind = if lower.contains('b') {
        StrKind::Bytes
    } else if lower.contains('f') {
        StrKind::FString
    } else {
        StrKind::Str
    };
    let source = lex.source();
    let bytes = source.as_bytes();
    let start = lex.span().start;
    let mut pos = lex.span().end;
    let quote_len: u8 = if bytes.get(pos) == Some(&quote) && bytes.get(pos + 1) == Some(&quote) {
        pos += 2;
        3
    } else {
        1
    };
    let mut end_quotes = 0;
    while end_quotes != quote_len {
        let c = bytes.get(pos).copied();
        let at = pos;
        pos += 1;
        match c {
            None => return Err(unterminated(source, start, quote_len, None)),
            Some(b'\n' | b'\r') if quote_len == 1 => {
                return Err(unterminated(source, start, quote_len, Some(at)));
            }
            Some(c) if c == quote => end_quotes += 1,
            Some(b'\\') => {
                end_quotes = 0;
                match bytes.get(pos) {
                    Some(b'\r') if bytes.get(pos + 1) == Some(&b'\n') => pos += 2,
                    Some(_) => pos += 1,
                    None => {}
                }
            }
            Some(_) => end_quotes = 0,
        }
    }
    lex.bump(pos - lex.span().end);
    Ok(StrTok {
        kind,
        raw: lower.contains('r'),
        prefix_len: prefix.len() as u8,
        quote_len,
    })
}

/// "unterminated string literal (detected at line N)", reported at the start
/// of the token. `newline` is where a single-quoted literal met the end of
/// its line; `None` means the end of the input.
fn unterminated(
    source: &str,
    start: usize,
    quote_len: u8,
    newline: Option<usize>,
) -> LexError {
    let line = match newline {
        Some(nl) => line_of(source, nl),
        None => {
            let ends_with_newline = source.ends_with('\n') || source.ends_with('\r');
            line_of(source, source.len()) - usize::from(ends_with_newline && !source.is_empty())
        }
    };
    let span = Span::new(start, start);
    if quote_len == 3 {
        LexError::Error(CompileError::Syntax {
            class: SyntaxClass::SyntaxError,
            message: format!("unterminated triple-quoted string literal (detected at line {line})"),
            span,
            incomplete: true,
        })
    } else {
        LexError::Error(CompileError::syntax(
            format!("unterminated string literal (detected at line {line})"),
            span,
        ))
    }
}
