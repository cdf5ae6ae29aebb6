//! The `is*` predicates, with CPython 3.11's character classes.

use super::args::no_args;
use super::unicode::{
    ALPHA, DECIMAL, DIGIT, LOWER, NUMERIC, TITLE, UPPER, XID_CONTINUE, XID_START, has, is_alnum,
    is_printable, is_space, props,
};
use crate::eval::{Args, PyResult, Vm};
use crate::value::Value;

/// A predicate true for a non-empty string whose characters all satisfy
/// `ascii` (for ASCII text) or `test`.
fn all_chars(
    vm: &Vm,
    args: &Args,
    name: &str,
    ascii: fn(&u8) -> bool,
    test: impl Fn(char) -> bool,
) -> PyResult<Value> {
    let s = no_args(vm, args, name)?;
    let text = s.as_str();
    Ok(Value::Bool(
        !text.is_empty()
            && if s.is_ascii() {
                text.as_bytes().iter().all(ascii)
            } else {
                text.chars().all(test)
            },
    ))
}

/// `str.isalpha()`.
pub fn isalpha(vm: &Vm, args: Args) -> PyResult<Value> {
    all_chars(vm, &args, "isalpha", u8::is_ascii_alphabetic, |c| {
        has(c, ALPHA)
    })
}

/// `str.isalnum()`.
pub fn isalnum(vm: &Vm, args: Args) -> PyResult<Value> {
    all_chars(vm, &args, "isalnum", u8::is_ascii_alphanumeric, is_alnum)
}

/// `str.isdecimal()`.
pub fn isdecimal(vm: &Vm, args: Args) -> PyResult<Value> {
    all_chars(vm, &args, "isdecimal", u8::is_ascii_digit, |c| {
        has(c, DECIMAL)
    })
}

/// `str.isdigit()`.
pub fn isdigit(vm: &Vm, args: Args) -> PyResult<Value> {
    all_chars(vm, &args, "isdigit", u8::is_ascii_digit, |c| has(c, DIGIT))
}

/// `str.isnumeric()`.
pub fn isnumeric(vm: &Vm, args: Args) -> PyResult<Value> {
    all_chars(vm, &args, "isnumeric", u8::is_ascii_digit, |c| {
        has(c, NUMERIC)
    })
}

/// `str.isspace()`.
pub fn isspace(vm: &Vm, args: Args) -> PyResult<Value> {
    all_chars(vm, &args, "isspace", |&b| is_space(b as char), is_space)
}

/// `str.isprintable()` (true for the empty string).
pub fn isprintable(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "isprintable")?;
    Ok(Value::Bool(s.as_str().chars().all(is_printable)))
}

/// `str.isascii()`.
pub fn isascii(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "isascii")?;
    Ok(Value::Bool(s.is_ascii()))
}

/// `str.isidentifier()`: XID_Start (or `_`) then XID_Continue characters.
pub fn isidentifier(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "isidentifier")?;
    Ok(Value::Bool(is_identifier(s.as_str())))
}

/// Is `text` a Python identifier (keywords included)?
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if c == '_' || has(c, XID_START) => chars.all(|c| has(c, XID_CONTINUE)),
        _ => false,
    }
}

/// `str.isupper()`: some cased character, none lowercase or titlecase.
pub fn isupper(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "isupper")?;
    Ok(Value::Bool(only_cased(s.as_str(), UPPER, LOWER | TITLE)))
}

/// `str.islower()`: some cased character, none uppercase or titlecase.
pub fn islower(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "islower")?;
    Ok(Value::Bool(only_cased(s.as_str(), LOWER, UPPER | TITLE)))
}

fn only_cased(text: &str, want: u16, reject: u16) -> bool {
    let mut cased = false;
    for c in text.chars() {
        let p = props(c);
        if p & reject != 0 {
            return false;
        }
        cased |= p & want != 0;
    }
    cased
}

/// `str.istitle()`: uppercase/titlecase characters only after uncased
/// ones, lowercase only after cased ones, and at least one cased.
pub fn istitle(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = no_args(vm, &args, "istitle")?;
    let mut cased = false;
    let mut previous_is_cased = false;
    for c in s.as_str().chars() {
        let p = props(c);
        if p & (UPPER | TITLE) != 0 {
            if previous_is_cased {
                return Ok(Value::Bool(false));
            }
            previous_is_cased = true;
            cased = true;
        } else if p & LOWER != 0 {
            if !previous_is_cased {
                return Ok(Value::Bool(false));
            }
            previous_is_cased = true;
            cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}
