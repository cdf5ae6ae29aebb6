//! Case conversion: `upper`, `lower`, `casefold`, `swapcase`, `title`,
//! `capitalize`, with CPython's full (multi-character) mappings and its
//! final-sigma rule for `Σ`.

use super::args::no_args;
use super::new_str;
use super::unicode::{CASE_IGNORABLE, CASED, Case, LOWER, UPPER, has, push_case};
use crate::eval::{Args, PyResult, Vm};
use crate::value::Value;

const CAPITAL_SIGMA: char = '\u{3A3}';

/// CPython's `handle_capital_sigma`: is the `Σ` at byte `i` of `text` at
/// the end of a word (preceded by a cased letter, not followed by one,
/// case-ignorable characters skipped both ways)?
fn final_sigma(text: &str, i: usize) -> bool {
    let before = text[..i].chars().rev().find(|&c| !has(c, CASE_IGNORABLE));
    if !before.is_some_and(|c| has(c, CASED)) {
        return false;
    }
    let after = text[i + CAPITAL_SIGMA.len_utf8()..]
        .chars()
        .find(|&c| !has(c, CASE_IGNORABLE));
    !after.is_some_and(|c| has(c, CASED))
}

/// CPython's `lower_ucs4`: the lowercase of the character `c` at byte `i`.
#[inline]
fn push_lower(out: &mut String, text: &str, i: usize, c: char) {
    if c == CAPITAL_SIGMA {
        out.push(if final_sigma(text, i) {
            '\u{3C2}'
        } else {
            '\u{3C3}'
        });
    } else {
        push_case(out, c, Case::Lower);
    }
}

/// `str.upper()`.
pub fn upper(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "upper")?;
    let text = s.as_str();
    if s.is_ascii() {
        return Ok(new_str(text.to_ascii_uppercase()));
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_case(&mut out, c, Case::Upper);
    }
    Ok(new_str(out))
}

/// `str.lower()`.
pub fn lower(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "lower")?;
    let text = s.as_str();
    if s.is_ascii() {
        return Ok(new_str(text.to_ascii_lowercase()));
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        push_lower(&mut out, text, i, c);
    }
    Ok(new_str(out))
}

/// `str.casefold()`.
pub fn casefold(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "casefold")?;
    let text = s.as_str();
    if s.is_ascii() {
        return Ok(new_str(text.to_ascii_lowercase()));
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_case(&mut out, c, Case::Fold);
    }
    Ok(new_str(out))
}

/// `str.swapcase()`.
pub fn swapcase(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "swapcase")?;
    let text = s.as_str();
    let mut out = String::with_capacity(text.len());
    if s.is_ascii() {
        out.extend(text.chars().map(|c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        }));
        return Ok(new_str(out));
    }
    for (i, c) in text.char_indices() {
        if has(c, UPPER) {
            push_lower(&mut out, text, i, c);
        } else if has(c, LOWER) {
            push_case(&mut out, c, Case::Upper);
        } else {
            out.push(c);
        }
    }
    Ok(new_str(out))
}

/// `str.title()`: titlecase after an uncased character, lowercase after a
/// cased one (so `"they're"` becomes `"They'Re"`).
pub fn title(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "title")?;
    let text = s.as_str();
    let mut out = String::with_capacity(text.len());
    let mut previous_is_cased = false;
    if s.is_ascii() {
        for c in text.chars() {
            out.push(if previous_is_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            });
            previous_is_cased = c.is_ascii_alphabetic();
        }
        return Ok(new_str(out));
    }
    for (i, c) in text.char_indices() {
        if previous_is_cased {
            push_lower(&mut out, text, i, c);
        } else {
            push_case(&mut out, c, Case::Title);
        }
        previous_is_cased = has(c, CASED);
    }
    Ok(new_str(out))
}

/// `str.capitalize()`: the first character titlecased, the rest lowercased.
pub fn capitalize(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "capitalize")?;
    let text = s.as_str();
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices();
    if let Some((_, first)) = chars.next() {
        push_case(&mut out, first, Case::Title);
    }
    if s.is_ascii() {
        out.push_str(&text[out.len().min(text.len())..].to_ascii_lowercase());
        return Ok(new_str(out));
    }
    for (i, c) in chars {
        push_lower(&mut out, text, i, c);
    }
    Ok(new_str(out))
}
