//! Padding: `center`, `ljust`, `rjust`, `zfill`, `expandtabs`.

use std::rc::Rc;

use super::args::{c_int, keywords, one_arg, positional, ssize, this};
use super::{new_str, same};
use crate::eval::protocol::type_name;
use crate::eval::{Args, ExcKind, PyResult, Vm};
use crate::value::{PyStr, Value};

/// Results larger than this many bytes raise `MemoryError` instead of
/// exhausting the machine.
const MAX_RESULT: usize = 1 << 40;

/// A `String` with room for `bytes` bytes, or CPython's `MemoryError`.
pub fn reserve(vm: &Vm, bytes: usize) -> PyResult<String> {
    let mut out = String::new();
    vm.reserve(bytes)?;
    if bytes > MAX_RESULT || out.try_reserve_exact(bytes).is_err() {
        return Err(vm.new_exc_args(ExcKind::MemoryError, vec![]));
    }
    Ok(out)
}

fn fill_char(vm: &Vm, v: Option<&Value>) -> PyResult<char> {
    match v {
        None => Ok(' '),
        Some(Value::Str(f)) => {
            let mut chars = f.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(vm.type_error("The fill character must be exactly one character long")),
            }
        }
        Some(other) => Err(vm.type_error(format!(
            "The fill character must be a unicode character, not {}",
            type_name(vm, other)
        ))),
    }
}

/// CPython's `pad`: `left` and `right` copies of `fill` around `s`.
fn pad(vm: &Vm, s: &Rc<PyStr>, left: usize, right: usize, fill: char) -> PyResult<Value> {
    if left == 0 && right == 0 {
        return Ok(same(s));
    }
    let text = s.as_str();
    let unit = fill.len_utf8();
    let bytes = (left.saturating_add(right))
        .saturating_mul(unit)
        .saturating_add(text.len());
    let mut out = reserve(vm, bytes)?;
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(text);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(new_str(out))
}

/// The receiver, the padding needed to reach `width`, and the fill char.
fn justify_args<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<(&'a Rc<PyStr>, usize, char)> {
    let s = positional(vm, args, name, 1, 2)?;
    let width = ssize(vm, &args.pos[1])?;
    let fill = fill_char(vm, args.pos.get(2))?;
    let len = s.char_len() as i64;
    Ok((s, width.saturating_sub(len).max(0) as usize, fill))
}

/// `str.center(width[, fillchar])`.
pub fn center(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, marg, fill) = justify_args(vm, &args, "center")?;
    let width = s.char_len() + marg;
    let left = marg / 2 + (marg & width & 1);
    pad(vm, s, left, marg - left, fill)
}

/// `str.ljust(width[, fillchar])`.
pub fn ljust(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, marg, fill) = justify_args(vm, &args, "ljust")?;
    pad(vm, s, 0, marg, fill)
}

/// `str.rjust(width[, fillchar])`.
pub fn rjust(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, marg, fill) = justify_args(vm, &args, "rjust")?;
    pad(vm, s, marg, 0, fill)
}

/// `str.zfill(width)`: zeros on the left, after a leading sign.
pub fn zfill(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, width) = one_arg(vm, &args, "zfill")?;
    let width = ssize(vm, width)?;
    let len = s.char_len() as i64;
    if width <= len {
        return Ok(same(s));
    }
    let fill = (width - len) as usize;
    let text = s.as_str();
    let mut out = reserve(vm, fill.saturating_add(text.len()))?;
    let rest = match text.as_bytes().first() {
        Some(&sign @ (b'+' | b'-')) => {
            out.push(sign as char);
            &text[1..]
        }
        _ => text,
    };
    out.extend(std::iter::repeat_n('0', fill));
    out.push_str(rest);
    Ok(new_str(out))
}

/// `str.expandtabs(tabsize=8)`: tabs become spaces up to the next multiple
/// of `tabsize` columns; `\n` and `\r` restart the column count.
pub fn expandtabs(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args, "expandtabs")?;
    let [tabsize] = keywords(vm, &args.pos[1..], &args.kw, "expandtabs", ["tabsize"])?;
    let tabsize = match tabsize {
        Some(v) => c_int(vm, &v)?,
        None => 8,
    };
    let text = s.as_str();
    if !text.contains('\t') {
        return Ok(same(s));
    }
    // First pass: the result's size.
    let mut bytes = 0usize;
    let mut col = 0i64;
    for c in text.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let incr = tabsize - col % tabsize;
                col += incr;
                bytes = bytes.saturating_add(incr as usize);
            }
        } else {
            col += 1;
            bytes += c.len_utf8();
            if c == '\n' || c == '\r' {
                col = 0;
            }
        }
    }
    let mut out = reserve(vm, bytes)?;
    col = 0;
    for c in text.chars() {
        if c == '\t' {
            if tabsize > 0 {
                let incr = tabsize - col % tabsize;
                col += incr;
                out.extend(std::iter::repeat_n(' ', incr as usize));
            }
        } else {
            col += 1;
            out.push(c);
            if c == '\n' || c == '\r' {
                col = 0;
            }
        }
    }
    Ok(new_str(out))
}
