//! Character classification and case mapping exactly as CPython 3.11 does
//! them (Unicode 14.0.0), from the tables in `unicode_db.rs`.
//!
//! Rust's `char` methods follow the Unicode version of the toolchain and
//! differ from Python's definitions in places (`isspace` includes
//! `\x1c`..`\x1f`, `isdigit` is not `is_numeric`, ...), so every `str`
//! method goes through these functions instead.

use super::unicode_db as db;

pub use db::{
    ALPHA, CASE_IGNORABLE, CASED, DECIMAL, DIGIT, LINEBREAK, LOWER, NUMERIC, PRINTABLE, SPACE,
    TITLE, UPPER, XID_CONTINUE, XID_START,
};

/// The property bits of `c` (see the constants re-exported above).
#[inline]
pub fn props(c: char) -> u16 {
    let cp = c as u32;
    if cp < 128 {
        return db::ASCII_FLAGS[cp as usize];
    }
    let i = db::FLAG_STARTS.partition_point(|&s| s <= cp);
    // FLAG_STARTS[0] is 0, so `i >= 1`.
    db::FLAG_VALUES[i.saturating_sub(1)]
}

/// Does `c` have any of the property bits in `mask`?
#[inline]
pub fn has(c: char, mask: u16) -> bool {
    props(c) & mask != 0
}

/// `Py_UNICODE_ISSPACE`: what `str.isspace`, `str.split()` and `str.strip()`
/// treat as whitespace.
#[inline]
pub fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t'..='\r' | '\x1c'..='\x1f');
    }
    has(c, SPACE)
}

/// `Py_UNICODE_ISLINEBREAK`: the line boundaries of `str.splitlines`.
#[inline]
pub fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `Py_UNICODE_ISPRINTABLE`, as `str.isprintable` and `repr` use it.
#[inline]
pub fn is_printable(c: char) -> bool {
    if c.is_ascii() {
        return (' '..='~').contains(&c);
    }
    has(c, PRINTABLE)
}

/// `Py_UNICODE_ISALNUM`.
#[inline]
pub fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    has(c, ALPHA | DECIMAL | DIGIT | NUMERIC)
}

/// Which case mapping to apply.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Case {
    Lower,
    Upper,
    Title,
    Fold,
}

type Runs = [(u32, u32, i32, u8)];
type Multi = [(u32, &'static str)];

fn tables(case: Case) -> (&'static Runs, &'static Multi) {
    match case {
        Case::Lower => (&db::LOWER_RUNS, &db::LOWER_MULTI),
        Case::Upper => (&db::UPPER_RUNS, &db::UPPER_MULTI),
        Case::Title => (&db::TITLE_RUNS, &db::TITLE_MULTI),
        Case::Fold => (&db::FOLD_RUNS, &db::FOLD_MULTI),
    }
}

/// The one-character mapping of `c`, if it maps to exactly one character.
fn single(runs: &Runs, cp: u32) -> Option<char> {
    let i = runs.partition_point(|r| r.0 <= cp).checked_sub(1)?;
    let (start, last, delta, stride) = runs[i];
    if cp > last || !(cp - start).is_multiple_of(stride as u32) {
        return None;
    }
    char::from_u32(cp.wrapping_add_signed(delta))
}

/// Appends the full case mapping of `c` (one to three characters).
#[inline]
pub fn push_case(out: &mut String, c: char, case: Case) {
    if c.is_ascii() {
        out.push(match case {
            Case::Upper | Case::Title => c.to_ascii_uppercase(),
            Case::Lower | Case::Fold => c.to_ascii_lowercase(),
        });
        return;
    }
    let (runs, multi) = tables(case);
    let cp = c as u32;
    if let Some(m) = single(runs, cp) {
        out.push(m);
        return;
    }
    match multi.binary_search_by_key(&cp, |m| m.0) {
        Ok(i) => out.push_str(multi[i].1),
        Err(_) => out.push(c),
    }
}

/// Does `c` change under `case` (used for fast "nothing to do" checks)?
pub fn changes(c: char, case: Case) -> bool {
    if c.is_ascii() {
        return match case {
            Case::Upper | Case::Title => c.is_ascii_lowercase(),
            Case::Lower | Case::Fold => c.is_ascii_uppercase(),
        };
    }
    let (runs, multi) = tables(case);
    let cp = c as u32;
    single(runs, cp).is_some() || multi.binary_search_by_key(&cp, |m| m.0).is_ok()
}
