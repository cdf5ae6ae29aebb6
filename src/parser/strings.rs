//! String literals: escape decoding and implicit concatenation.
//!
//! Before the grammar runs, every run of adjacent string tokens is merged
//! into one token whose value is decoded here (f-strings are parsed by
//! [`super::fstring`]). CPython does this in the parser's action for the
//! `strings` rule, so its errors are action errors: reported at the end of
//! the run, when the parser reaches the literal.

use std::rc::Rc;

use super::ctx::StrValue;
use super::fstring;
use super::unicode_names;
use crate::ast::{Constant, FStringPart, Span};
use crate::errors::CompileError;
use crate::indent::Tokens;
use crate::lexer::{StrKind, StrTok, Tok};

/// The merged token stream: tokens, spans and string values.
pub(crate) struct Merged {
    pub toks: Vec<Tok>,
    pub spans: Vec<Span>,
    pub strs: Vec<StrValue>,
}

/// Merges runs of adjacent string tokens into single `Tok::String` tokens
/// and decodes them. Errors are pushed to `errors`.
pub(crate) fn merge(src: &str, tokens: &Tokens, errors: &mut Vec<CompileError>) -> Merged {
    let mut out = Merged {
        toks: Vec::with_capacity(tokens.toks.len()),
        spans: Vec::with_capacity(tokens.toks.len()),
        strs: Vec::new(),
    };
    let mut i = 0;
    while i < tokens.toks.len() {
        let Tok::String(_) = tokens.toks[i] else {
            out.toks.push(tokens.toks[i]);
            out.spans.push(tokens.spans[i]);
            i += 1;
            continue;
        };
        let mut j = i;
        let mut run = Vec::new();
        while let Some(Tok::String(k)) = tokens.toks.get(j) {
            run.push((tokens.strings[*k as usize], tokens.spans[j]));
            j += 1;
        }
        let span = tokens.spans[i].join(tokens.spans[j - 1]);
        // CPython reports errors in literals at the token after them.
        let next = tokens
            .spans
            .get(j)
            .copied()
            .unwrap_or(Span::new(span.end as usize, span.end as usize));
        let value = match concat(src, &run, next) {
            Ok(v) => v,
            Err(e) => {
                errors.push(e);
                StrValue::Const(Constant::Str(Rc::from("")))
            }
        };
        out.strs.push(value);
        out.toks.push(Tok::String(out.strs.len() as u32 - 1));
        out.spans.push(span);
        i = j;
    }
    out
}

/// The value of a run of adjacent literals; `end` is where most errors
/// are reported.
fn concat(src: &str, run: &[(StrTok, Span)], end: Span) -> Result<StrValue, CompileError> {
    let bytes = run.iter().filter(|(t, _)| t.kind == StrKind::Bytes).count();
    if bytes != 0 && bytes != run.len() {
        return Err(CompileError::syntax(
            "cannot mix bytes and nonbytes literals",
            end,
        ));
    }
    if bytes != 0 {
        let mut value = Vec::new();
        for (tok, sp) in run {
            let body = &src[tok.body(*sp)];
            if !body.is_ascii() {
                return Err(CompileError::syntax(
                    "bytes can only contain ASCII literal characters",
                    *sp,
                ));
            }
            decode_bytes(body, tok.raw, &mut value)
                .map_err(|msg| CompileError::syntax(msg, end))?;
        }
        return Ok(StrValue::Const(Constant::Bytes(Rc::from(value))));
    }
    let mut parts: Vec<FStringPart> = Vec::new();
    let mut text = String::new();
    let mut any_f = false;
    for (tok, sp) in run {
        let range = tok.body(*sp);
        if tok.kind == StrKind::FString {
            any_f = true;
            for part in fstring::parse(src, range, tok.raw, end)? {
                match part {
                    FStringPart::Literal(s) => text.push_str(&s),
                    field => {
                        if !text.is_empty() {
                            parts.push(FStringPart::Literal(Rc::from(std::mem::take(&mut text))));
                        }
                        parts.push(field);
                    }
                }
            }
        } else {
            decode_str(&src[range], tok.raw, &mut text, end)?;
        }
    }
    if !any_f {
        return Ok(StrValue::Const(Constant::Str(Rc::from(text))));
    }
    if !text.is_empty() {
        parts.push(FStringPart::Literal(Rc::from(text)));
    }
    Ok(StrValue::FString(parts))
}

/// Appends the value of a `str` literal body to `out`. `at` is where
/// CPython reports a bad escape.
pub(crate) fn decode_str(
    body: &str,
    raw: bool,
    out: &mut String,
    at: Span,
) -> Result<(), CompileError> {
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\r' => {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\\' if !raw => {
                let Some((_, e)) = chars.next() else {
                    out.push('\\');
                    break;
                };
                let fail = |len: usize, what: &str| {
                    let pos = escaped_position(body, i);
                    CompileError::syntax(
                        format!(
                            "(unicode error) 'unicodeescape' codec can't decode bytes in \
                             position {}-{}: {what}",
                            pos,
                            pos + len - 1
                        ),
                        at,
                    )
                };
                match e {
                    '\n' => {}
                    '\r' => {
                        if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                            chars.next();
                        }
                    }
                    '\\' => out.push('\\'),
                    '\'' => out.push('\''),
                    '"' => out.push('"'),
                    'a' => out.push('\x07'),
                    'b' => out.push('\x08'),
                    'f' => out.push('\x0c'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'v' => out.push('\x0b'),
                    '0'..='7' => {
                        let mut v = e as u32 - '0' as u32;
                        for _ in 0..2 {
                            match chars.peek() {
                                Some(&(_, d @ '0'..='7')) => {
                                    v = v * 8 + (d as u32 - '0' as u32);
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        out.push(char::from_u32(v).unwrap_or('\u{FFFD}'));
                    }
                    'x' | 'u' | 'U' => {
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut v = 0u32;
                        for k in 0..n {
                            match chars.peek().and_then(|&(_, d)| d.to_digit(16)) {
                                Some(d) => {
                                    v = v.wrapping_mul(16) + d;
                                    chars.next();
                                }
                                None => {
                                    let what = match e {
                                        'x' => "truncated \\xXX escape",
                                        'u' => "truncated \\uXXXX escape",
                                        _ => "truncated \\UXXXXXXXX escape",
                                    };
                                    return Err(fail(2 + k, what));
                                }
                            }
                        }
                        match char::from_u32(v) {
                            Some(c) => out.push(c),
                            // A valid literal in CPython, whose str holds
                            // lone surrogates; apy's strings cannot.
                            None if (0xD800..=0xDFFF).contains(&v) => {
                                return Err(CompileError::unsupported(
                                    "lone surrogates in string literals (\\ud800 to \\udfff)",
                                    at,
                                ));
                            }
                            None => return Err(fail(2 + n, "illegal Unicode character")),
                        }
                    }
                    'N' => {
                        let rest = &body[i + 2..];
                        let close = rest.strip_prefix('{').and_then(|r| r.find('}'));
                        let Some(close) = close else {
                            return Err(fail(2, "malformed \\N character escape"));
                        };
                        let name = &rest[1..close + 1];
                        let len = 2 + close + 2;
                        while chars.peek().is_some_and(|&(j, _)| j < i + len) {
                            chars.next();
                        }
                        match unicode_names::lookup(name) {
                            Some(c) => out.push(c),
                            None if name.is_empty() => {
                                return Err(fail(len, "malformed \\N character escape"));
                            }
                            None => {
                                return Err(CompileError::unsupported(
                                    format!(
                                        "the \\N{{{name}}} escape (unknown to apy's name table)"
                                    ),
                                    at,
                                ));
                            }
                        }
                    }
                    other => {
                        out.push('\\');
                        out.push(other);
                    }
                }
            }
            c => out.push(c),
        }
    }
    Ok(())
}

/// The position CPython's error message gives for an escape at byte `i`
/// of `body`: it counts bytes after re-encoding every non-ASCII character
/// as a 10-byte `\UXXXXXXXX` escape.
fn escaped_position(body: &str, i: usize) -> usize {
    body[..i]
        .chars()
        .map(|c| if c.is_ascii() { 1 } else { 10 })
        .sum()
}

/// Appends the value of an (ASCII) bytes literal body to `out`.
fn decode_bytes(body: &str, raw: bool, out: &mut Vec<u8>) -> Result<(), String> {
    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c == b'\r' {
            if b.get(i) == Some(&b'\n') {
                i += 1;
            }
            out.push(b'\n');
            continue;
        }
        if c != b'\\' || raw {
            out.push(c);
            continue;
        }
        let Some(&e) = b.get(i) else {
            out.push(b'\\');
            break;
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\r' => {
                if b.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            b'\\' | b'\'' | b'"' => out.push(e),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = (e - b'0') as u32;
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = |k: usize| b.get(k).and_then(|&d| (d as char).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => {
                        return Err(format!(
                            "(value error) invalid \\x escape at position {}",
                            i - 2
                        ));
                    }
                }
            }
            other => {
                out.push(b'\\');
                out.push(other);
            }
        }
    }
    Ok(())
}
