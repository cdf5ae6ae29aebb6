//! Character classification and case mapping exactly as CPython 3.11 does
//! them (Unicode 14.0.0), from the tables in `unicode_db.rs`.
//!
//! Rust's `char` methods follow the Unicode version of the toolchain and
//! differ from Python's definitions in places (`isspace` includes
//! `\x1c`..`\x1f`, `isdigit` is not `is_numeric`, ...), so every `str`
//! method goes through these functions instead.

use std::sync::OnceLock;

use super::unicode_db as db;

/// The property bits (see `scripts/gen_str_unicode.py` for their sources).
pub use db::{
    ALPHA, CASE_IGNORABLE, CASED, DECIMAL, DIGIT, LINEBREAK, LOWER, NUMERIC, PRINTABLE, SPACE,
    TITLE, UPPER, XID_CONTINUE, XID_START,
};

/// Number of code points in the Basic Multilingual Plane.
const BMP: usize = 0x10000;

/// Per-character tables for the BMP, expanded from the run tables on first
/// use (about 400 KB) so that classifying and case-mapping non-ASCII text
/// costs one array access per character.
struct BmpTables {
    props: Box<[u16]>,
    /// Per case: 0 = unchanged, [`SLOW`] = look it up in the run tables,
    /// else an index into `deltas`.
    case: [Box<[u8]>; 4],
    deltas: [Vec<i32>; 4],
}

/// A character whose mapping is looked up in the run tables.
const SLOW: u8 = u8::MAX;

fn bmp() -> &'static BmpTables {
    static TABLES: OnceLock<BmpTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut props = vec![0u16; BMP].into_boxed_slice();
        for (i, &start) in db::FLAG_STARTS.iter().enumerate() {
            let start = start as usize;
            if start >= BMP {
                break;
            }
            let end = db::FLAG_STARTS
                .get(i + 1)
                .map_or(BMP, |&e| (e as usize).min(BMP));
            props[start..end].fill(db::FLAG_VALUES[i]);
        }
        let build = |case: Case| {
            let (runs, multi) = tables(case);
            let mut map = vec![0u8; BMP].into_boxed_slice();
            let mut deltas = vec![0i32];
            for &(start, last, delta, stride) in runs {
                if start as usize >= BMP {
                    break;
                }
                let idx = match deltas.iter().position(|&d| d == delta) {
                    Some(i) => i,
                    None => {
                        deltas.push(delta);
                        deltas.len() - 1
                    }
                };
                let idx = u8::try_from(idx)
                    .ok()
                    .filter(|&i| i != SLOW)
                    .unwrap_or(SLOW);
                let last = (last as usize).min(BMP - 1);
                for cp in (start as usize..=last).step_by(stride.max(1) as usize) {
                    map[cp] = idx;
                }
            }
            for &(cp, _) in multi {
                if let Some(slot) = map.get_mut(cp as usize) {
                    *slot = SLOW;
                }
            }
            (map, deltas)
        };
        let (lower, lower_d) = build(Case::Lower);
        let (upper, upper_d) = build(Case::Upper);
        let (title, title_d) = build(Case::Title);
        let (fold, fold_d) = build(Case::Fold);
        BmpTables {
            props,
            case: [lower, upper, title, fold],
            deltas: [lower_d, upper_d, title_d, fold_d],
        }
    })
}

/// The property bits of `c` (see the constants re-exported above).
#[inline]
pub fn props(c: char) -> u16 {
    let cp = c as usize;
    if cp < 128 {
        return db::ASCII_FLAGS[cp];
    }
    if cp < BMP {
        return bmp().props[cp];
    }
    let cp = cp as u32;
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
    /// `str.lower` (without the final-sigma rule, which needs context).
    Lower = 0,
    /// `str.upper`.
    Upper = 1,
    /// Titlecase, as `str.title` applies to a word's first character.
    Title = 2,
    /// `str.casefold`.
    Fold = 3,
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
    let cp = c as u32;
    if (cp as usize) < BMP {
        let t = bmp();
        let k = case as usize;
        match t.case[k][cp as usize] {
            0 => {
                out.push(c);
                return;
            }
            SLOW => {}
            i => {
                let delta = t.deltas[k][i as usize];
                out.push(char::from_u32(cp.wrapping_add_signed(delta)).unwrap_or(c));
                return;
            }
        }
    }
    let (runs, multi) = tables(case);
    if let Some(m) = single(runs, cp) {
        out.push(m);
        return;
    }
    match multi.binary_search_by_key(&cp, |m| m.0) {
        Ok(i) => out.push_str(multi[i].1),
        Err(_) => out.push(c),
    }
}
