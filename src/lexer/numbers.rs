//! Numeric literals, scanned the way CPython 3.11's tokenizer scans them so
//! that malformed literals give its messages at its positions.

use std::rc::Rc;

use logos::Lexer;
use num_bigint::BigInt;

use super::{LexError, NumberValue, RawTok, before};
use crate::ast::{Constant, Span};
use crate::errors::CompileError;

const EOF: i32 = -1;

/// A cursor over the source bytes with CPython's `tok_nextc`/`tok_backup`.
struct Cur<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Cur<'_> {
    fn next(&mut self) -> i32 {
        match self.src.get(self.pos) {
            Some(&b) => {
                self.pos += 1;
                b as i32
            }
            None => EOF,
        }
    }

    fn backup(&mut self, c: i32) {
        if c != EOF {
            self.pos -= 1;
        }
    }

    /// The error CPython's `syntaxerror()` raises at the current position.
    fn error(&self, msg: impl Into<String>) -> LexError {
        LexError::Error(CompileError::syntax(msg, before(self.text, self.pos)))
    }

    /// CPython's `lookahead`: the rest of a keyword follows, and ends
    /// there (`1for x` is a number before a keyword, `1for0` is not).
    fn lookahead(&mut self, rest: &str) -> bool {
        let after = self.pos + rest.len();
        self.src[self.pos..].starts_with(rest.as_bytes())
            && !self
                .src
                .get(after)
                .is_some_and(|&b| is_ident_char(b as i32))
    }

    /// `tok_decimal_tail`: digits with single underscores between them.
    fn decimal_tail(&mut self) -> Result<i32, LexError> {
        loop {
            let mut c;
            loop {
                c = self.next();
                if !is_digit(c) {
                    break;
                }
            }
            if c != b'_' as i32 {
                return Ok(c);
            }
            c = self.next();
            if !is_digit(c) {
                self.backup(c);
                return Err(self.error("invalid decimal literal"));
            }
        }
    }

    /// `verify_end_of_number`: a literal may not run into a name, except
    /// (deprecated, accepted) into one of the keywords that can follow it.
    fn verify_end(&mut self, c: i32, kind: &str) -> Result<(), LexError> {
        let keyword = match u8::try_from(c).unwrap_or(0) {
            b'a' => self.lookahead("nd"),
            b'e' => self.lookahead("lse"),
            b'f' => self.lookahead("or"),
            // After `i` CPython only looks at one character.
            b'i' => matches!(self.src.get(self.pos), Some(b'f' | b'n' | b's')),
            b'o' => self.lookahead("r"),
            b'n' => self.lookahead("ot"),
            _ => false,
        };
        if !keyword && is_ident_char(c) {
            self.backup(c);
            return Err(self.error(format!("invalid {kind} literal")));
        }
        Ok(())
    }
}

fn is_digit(c: i32) -> bool {
    (b'0' as i32..=b'9' as i32).contains(&c)
}

fn is_ident_char(c: i32) -> bool {
    c >= 128 || c == b'_' as i32 || (0..128).contains(&c) && (c as u8).is_ascii_alphanumeric()
}

/// What kind of literal the scan found.
enum Kind {
    Int(u32),
    Float,
    Imaginary,
}

/// The logos callback for a token starting with a digit or `.digit`.
pub(super) fn number(lex: &mut Lexer<RawTok>) -> Result<NumberValue, LexError> {
    let start = lex.span().start;
    let text = lex.source();
    let mut cur = Cur {
        src: text.as_bytes(),
        text,
        pos: start,
    };
    let (kind, c) = scan(&mut cur, start)?;
    cur.backup(c);
    let end = cur.pos;
    lex.bump(end - lex.span().end);
    let literal = &text[start..end];
    if let Kind::Int(10) = kind {
        let digits = literal.bytes().filter(u8::is_ascii_digit).count();
        if digits > crate::builtins::repr::INT_MAX_STR_DIGITS {
            return Err(LexError::Error(CompileError::syntax(
                format!(
                    "{} - Consider hexadecimal for huge integer literals to avoid decimal conversion limits.",
                    crate::builtins::numbers::too_many_digits(digits)
                ),
                Span::new(start, start),
            )));
        }
    }
    Ok(value(kind, literal))
}

/// Scans one literal; returns its kind and the character read after it
/// (still to be backed up).
fn scan(cur: &mut Cur, start: usize) -> Result<(Kind, i32), LexError> {
    let mut c = cur.next();
    if c == b'.' as i32 {
        c = cur.next();
        return fraction(cur, c);
    }
    if c != b'0' as i32 {
        let c = cur.decimal_tail()?;
        return after_integer(cur, c);
    }
    c = cur.next();
    let radix = match u8::try_from(c).unwrap_or(0) {
        b'x' | b'X' => Some((16, "hexadecimal")),
        b'o' | b'O' => Some((8, "octal")),
        b'b' | b'B' => Some((2, "binary")),
        _ => None,
    };
    if let Some((radix, name)) = radix {
        let is_valid = |c: i32| c >= 0 && (c as u8 as char).is_digit(radix);
        c = cur.next();
        loop {
            if c == b'_' as i32 {
                c = cur.next();
            }
            if !is_valid(c) {
                if radix != 16 && is_digit(c) {
                    return Err(cur.error(format!(
                        "invalid digit '{}' in {name} literal",
                        c as u8 as char
                    )));
                }
                cur.backup(c);
                return Err(cur.error(format!("invalid {name} literal")));
            }
            loop {
                c = cur.next();
                if !is_valid(c) {
                    break;
                }
            }
            if c != b'_' as i32 {
                break;
            }
        }
        if radix != 16 && is_digit(c) {
            return Err(cur.error(format!(
                "invalid digit '{}' in {name} literal",
                c as u8 as char
            )));
        }
        cur.verify_end(c, name)?;
        return Ok((Kind::Int(radix), c));
    }
    // Zeros, maybe followed by other digits (an old-style octal, an error
    // unless the literal turns out to be a float or imaginary).
    loop {
        if c == b'_' as i32 {
            c = cur.next();
            if !is_digit(c) {
                cur.backup(c);
                return Err(cur.error("invalid decimal literal"));
            }
        }
        if c != b'0' as i32 {
            break;
        }
        c = cur.next();
    }
    let zeros_end = cur.pos;
    let mut nonzero = false;
    if is_digit(c) {
        nonzero = true;
        c = cur.decimal_tail()?;
    }
    match u8::try_from(c).unwrap_or(0) {
        b'.' => {
            c = cur.next();
            fraction(cur, c)
        }
        b'e' | b'E' => exponent(cur, c, Kind::Int(10)),
        b'j' | b'J' => imaginary(cur),
        _ if nonzero => {
            cur.backup(c);
            let end = before(cur.text, zeros_end).start as usize;
            Err(LexError::Error(CompileError::syntax(
                "leading zeros in decimal integer literals are not permitted; \
                 use an 0o prefix for octal integers",
                Span::new(start, end.max(start)),
            )))
        }
        _ => {
            cur.verify_end(c, "decimal")?;
            Ok((Kind::Int(10), c))
        }
    }
}

fn after_integer(cur: &mut Cur, c: i32) -> Result<(Kind, i32), LexError> {
    match u8::try_from(c).unwrap_or(0) {
        b'.' => {
            let c = cur.next();
            fraction(cur, c)
        }
        b'e' | b'E' => exponent(cur, c, Kind::Int(10)),
        b'j' | b'J' => imaginary(cur),
        _ => {
            cur.verify_end(c, "decimal")?;
            Ok((Kind::Int(10), c))
        }
    }
}

/// After the `.` of a float; `c` is the character following it.
fn fraction(cur: &mut Cur, mut c: i32) -> Result<(Kind, i32), LexError> {
    if is_digit(c) {
        c = cur.decimal_tail()?;
    }
    match u8::try_from(c).unwrap_or(0) {
        b'e' | b'E' => exponent(cur, c, Kind::Float),
        b'j' | b'J' => imaginary(cur),
        _ => {
            cur.verify_end(c, "decimal")?;
            Ok((Kind::Float, c))
        }
    }
}

/// At an `e`/`E` (`e` is it, already read); `cut` is the literal's kind
/// if it ends before the `e` (`1else`).
fn exponent(cur: &mut Cur, e: i32, cut: Kind) -> Result<(Kind, i32), LexError> {
    let mut c = cur.next();
    if c == b'+' as i32 || c == b'-' as i32 {
        c = cur.next();
        if !is_digit(c) {
            cur.backup(c);
            return Err(cur.error("invalid decimal literal"));
        }
    } else if !is_digit(c) {
        // `1else`: the literal ends before the `e`.
        cur.backup(c);
        cur.verify_end(e, "decimal")?;
        cur.backup(e);
        let c = cur.next();
        return Ok((cut, c));
    }
    c = cur.decimal_tail()?;
    if c == b'j' as i32 || c == b'J' as i32 {
        return imaginary(cur);
    }
    cur.verify_end(c, "decimal")?;
    Ok((Kind::Float, c))
}

/// After the `j` of an imaginary literal.
fn imaginary(cur: &mut Cur) -> Result<(Kind, i32), LexError> {
    let c = cur.next();
    cur.verify_end(c, "imaginary")?;
    Ok((Kind::Imaginary, c))
}

/// The value of a scanned literal.
fn value(kind: Kind, text: &str) -> NumberValue {
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    match kind {
        Kind::Int(radix) => {
            let body = if radix == 10 {
                &digits[..]
            } else {
                &digits[2..]
            };
            match i64::from_str_radix(body, radix) {
                Ok(i) => NumberValue::Int(i),
                Err(_) => NumberValue::BigInt,
            }
        }
        Kind::Float => NumberValue::Float(parse_float(&digits)),
        Kind::Imaginary => NumberValue::Imaginary(parse_float(&digits[..digits.len() - 1])),
    }
}

fn parse_float(digits: &str) -> f64 {
    // Rust's parser wants digits on both sides of an exponent's mantissa
    // dot in some versions; normalise `1.e5` to `1.0e5` and `1.` to `1.0`.
    let mut s = String::with_capacity(digits.len() + 2);
    let bytes = digits.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        s.push(b as char);
        if b == b'.' && !bytes.get(i + 1).is_some_and(|d| d.is_ascii_digit()) {
            s.push('0');
        }
    }
    if s.starts_with('.') {
        s.insert(0, '0');
    }
    s.parse().unwrap_or(f64::INFINITY)
}

/// The constant for an integer literal too large for `i64`.
pub(super) fn big_int(text: &str) -> Constant {
    let digits: String = text.chars().filter(|&c| c != '_').collect();
    let (radix, body) = match digits.get(..2) {
        Some("0x" | "0X") => (16, &digits[2..]),
        Some("0o" | "0O") => (8, &digits[2..]),
        Some("0b" | "0B") => (2, &digits[2..]),
        _ => (10, &digits[..]),
    };
    match BigInt::parse_bytes(body.as_bytes(), radix) {
        Some(b) => Constant::BigInt(Rc::new(b)),
        None => Constant::Int(0),
    }
}
