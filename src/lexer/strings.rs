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
    /// A `str` literal.
    Str,
    /// A `bytes` literal (`b` prefix).
    Bytes,
    /// An f-string (`f` prefix).
    FString,
}

/// A string literal token: its prefix and quotes, so the parser can find
/// and decode the body (`source[start + prefix + quote .. end - quote]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StrTok {
    /// What the literal produces.
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
    if let Some(i) = text.find(changed_by_nfkc) {
        let start = lex.span().start + i;
        return Err(LexError::Error(CompileError::unsupported(
            format!(
                "the identifier {text:?} (Python normalizes it to NFKC form, which apy does not do)"
            ),
            Span::new(start, start),
        )));
    }
    Ok(Sym::new(text))
}

/// Characters that NFKC normalization (which CPython applies to
/// identifiers) may change: compatibility forms such as ligatures,
/// full-width letters, super- and subscripts, mathematical alphanumerics,
/// and combining marks that may compose with the letter before them.
/// apy does not normalize, so identifiers using them are unsupported
/// rather than silently distinct from their normalized spelling.
fn changed_by_nfkc(c: char) -> bool {
    matches!(c as u32,
        0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0x132..=0x133 | 0x13F..=0x140 | 0x149 | 0x17F
        | 0x1C4..=0x1CC | 0x1F1..=0x1F3 | 0x2B0..=0x2B8 | 0x2E0..=0x2E4 | 0x300..=0x36F
        | 0x1D2C..=0x1D6A | 0x1D78 | 0x1D9B..=0x1DBF | 0x2070..=0x209F | 0x2100..=0x214F
        | 0x2160..=0x2188 | 0x309B..=0x309C | 0x309F | 0x30FF | 0xF900..=0xFAFF | 0xFB00..=0xFDFF
        | 0xFE70..=0xFEFF | 0xFF00..=0xFFEF | 0x1D400..=0x1D7FF | 0x1EE00..=0x1EEFF
        | 0x2F800..=0x2FA1F)
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
fn unterminated(source: &str, start: usize, quote_len: u8, newline: Option<usize>) -> LexError {
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
