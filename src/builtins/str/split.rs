//! Splitting and joining: `split`, `rsplit`, `splitlines`, `join`, and the
//! `strip` family.

use super::args::{c_int, keywords, positional, ssize, this};
use super::unicode::{is_linebreak, is_space};
use super::{new_str, same};
use crate::eval::iter::PyIter;
use crate::eval::protocol::type_name;
use crate::eval::{Args, ExcKind, PyResult, Vm};
use crate::value::Value;

/// Splits `text` at `sep` (at most `n` parts unless `all`), from the right
/// when `reverse` (parts then come out last first). A macro, as `Pattern`
/// cannot be named in stable Rust.
macro_rules! split_by {
    ($text:expr, $sep:expr, $reverse:expr, $all:expr, $n:expr) => {
        match ($reverse, $all) {
            (false, true) => $text.split($sep).map(Value::str).collect(),
            (false, false) => $text.splitn($n, $sep).map(Value::str).collect(),
            (true, true) => $text.rsplit($sep).map(Value::str).collect(),
            (true, false) => $text.rsplitn($n, $sep).map(Value::str).collect(),
        }
    };
}

/// The character starting at byte `i` of `text` and its UTF-8 length.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[i..].chars().next().unwrap_or('\0');
    (c, c.len_utf8())
}

/// The character ending at byte `i` of `text` and its UTF-8 length.
#[inline]
fn char_before(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i - 1];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[..i].chars().next_back().unwrap_or('\0');
    (c, c.len_utf8())
}

/// `split`/`rsplit` arguments: the separator (`None` for whitespace) and
/// the maximum number of splits (negative for no limit).
fn split_args(vm: &Vm, args: &Args, name: &str) -> PyResult<(Option<Value>, i64)> {
    let [sep, maxsplit] = keywords(vm, &args.pos[1..], &args.kw, name, ["sep", "maxsplit"])?;
    let sep = match sep {
        None | Some(Value::None) => None,
        Some(v @ Value::Str(_)) => Some(v),
        Some(v) => {
            return Err(vm.type_error(format!("must be str or None, not {}", type_name(vm, &v))));
        }
    };
    let maxsplit = match maxsplit {
        Some(v) => ssize(vm, &v)?,
        None => -1,
    };
    Ok((sep, maxsplit))
}

fn split_impl(vm: &Vm, args: &Args, name: &str, reverse: bool) -> PyResult<Value> {
    let s = this(vm, args, name)?;
    let (sep, maxsplit) = split_args(vm, args, name)?;
    let text = s.as_str();
    let limit = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut parts: Vec<Value> = match &sep {
        None if reverse => rsplit_whitespace(text, limit),
        None if s.is_ascii() => split_ascii_whitespace(text, limit),
        None => split_whitespace(text, limit),
        Some(Value::Str(sep)) => {
            let sep = sep.as_str();
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let n = limit.saturating_add(1);
            let mut chars = sep.chars();
            match (chars.next(), chars.next()) {
                // One character: memchr-based search.
                (Some(c), None) => split_by!(text, c, reverse, maxsplit < 0, n),
                _ => split_by!(text, sep, reverse, maxsplit < 0, n),
            }
        }
        Some(_) => Vec::new(),
    };
    if reverse {
        parts.reverse();
    }
    if let [Value::Str(only)] = parts.as_slice()
        && only.as_str().len() == text.len()
    {
        parts[0] = same(s);
    }
    Ok(Value::list(parts))
}

/// `Py_UNICODE_ISSPACE` on an ASCII byte.
#[inline]
fn ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r' | 0x1c..=0x1f)
}

/// [`split_whitespace`] for ASCII text, byte by byte.
fn split_ascii_whitespace(text: &str, mut limit: usize) -> Vec<Value> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = Vec::with_capacity(8);
    let mut i = 0;
    while limit > 0 {
        while i < n && ascii_space(b[i]) {
            i += 1;
        }
        if i == n {
            break;
        }
        let j = i;
        while i < n && !ascii_space(b[i]) {
            i += 1;
        }
        out.push(Value::str(&text[j..i]));
        limit -= 1;
    }
    while i < n && ascii_space(b[i]) {
        i += 1;
    }
    if i < n {
        out.push(Value::str(&text[i..]));
    }
    out
}

fn split_whitespace(text: &str, mut limit: usize) -> Vec<Value> {
    let n = text.len();
    let mut out = Vec::new();
    let mut i = 0;
    while limit > 0 {
        while i < n {
            let (c, l) = char_at(text, i);
            if !is_space(c) {
                break;
            }
            i += l;
        }
        if i == n {
            break;
        }
        let j = i;
        while i < n {
            let (c, l) = char_at(text, i);
            if is_space(c) {
                break;
            }
            i += l;
        }
        out.push(Value::str(&text[j..i]));
        limit -= 1;
    }
    while i < n {
        let (c, l) = char_at(text, i);
        if !is_space(c) {
            out.push(Value::str(&text[i..]));
            break;
        }
        i += l;
    }
    out
}

/// Splits from the right; the parts come out last first.
fn rsplit_whitespace(text: &str, mut limit: usize) -> Vec<Value> {
    let mut out = Vec::new();
    let mut i = text.len();
    while limit > 0 {
        while i > 0 {
            let (c, l) = char_before(text, i);
            if !is_space(c) {
                break;
            }
            i -= l;
        }
        if i == 0 {
            break;
        }
        let j = i;
        while i > 0 {
            let (c, l) = char_before(text, i);
            if is_space(c) {
                break;
            }
            i -= l;
        }
        out.push(Value::str(&text[i..j]));
        limit -= 1;
    }
    while i > 0 {
        let (c, l) = char_before(text, i);
        if !is_space(c) {
            out.push(Value::str(&text[..i]));
            break;
        }
        i -= l;
    }
    out
}

/// `str.split(sep=None, maxsplit=-1)`.
pub fn split(vm: &Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, &args, "split", false)
}

/// `str.rsplit(sep=None, maxsplit=-1)`.
pub fn rsplit(vm: &Vm, args: Args) -> PyResult<Value> {
    split_impl(vm, &args, "rsplit", true)
}

/// `str.splitlines(keepends=False)`: splits at every line boundary Python
/// knows (`\n`, `\r`, `\r\n`, `\v`, `\f`, `\x1c`-`\x1e`, `\x85`, `\u2028`,
/// `\u2029`).
pub fn splitlines(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args, "splitlines")?;
    let [keepends] = keywords(vm, &args.pos[1..], &args.kw, "splitlines", ["keepends"])?;
    let keepends = match keepends {
        Some(v) => c_int(vm, &v)? != 0,
        None => false,
    };
    let text = s.as_str();
    let n = text.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        let j = i;
        let mut brk = 0;
        while i < n {
            let (c, l) = char_at(text, i);
            if is_linebreak(c) {
                brk = if c == '\r' && text.as_bytes().get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    l
                };
                break;
            }
            i += l;
        }
        let eol = if keepends { i + brk } else { i };
        if j == 0 && eol == n {
            out.push(same(s));
        } else {
            out.push(Value::str(&text[j..eol]));
        }
        i += brk;
    }
    Ok(Value::list(out))
}

/// `str.join(iterable)`.
pub fn join(vm: &Vm, args: Args) -> PyResult<Value> {
    let (sep, iterable) = super::args::one_arg(vm, &args, "join")?;
    let sep = sep.as_str();
    match iterable {
        Value::List(l) => join_items(vm, sep, &l.items.borrow()),
        Value::Tuple(t) => join_items(vm, sep, &t.items),
        other => {
            let mut it = match PyIter::new(vm, other) {
                Ok(it) => it,
                Err(e) if vm.exc_is(&e, ExcKind::TypeError) => {
                    return Err(vm.type_error("can only join an iterable"));
                }
                Err(e) => return Err(e),
            };
            vm.reserve_values(it.size_hint())?;
            let mut items = Vec::with_capacity(it.size_hint());
            while let Some(x) = it.next(vm)? {
                items.push(x);
            }
            join_items(vm, sep, &items)
        }
    }
}

/// Joins `items` (which must all be strings) with `sep`. Runs no Python
/// code, so a borrowed list is safe to pass.
fn join_items(vm: &Vm, sep: &str, items: &[Value]) -> PyResult<Value> {
    let mut total = sep.len() * items.len().saturating_sub(1);
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Str(x) => total += x.as_str().len(),
            _ => {
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    type_name(vm, item)
                )));
            }
        }
    }
    if let [only @ Value::Str(_)] = items {
        return Ok(only.clone());
    }
    vm.reserve(total)?;
    let mut out = String::with_capacity(total);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        if let Value::Str(x) = item {
            out.push_str(x.as_str());
        }
    }
    Ok(new_str(out))
}

#[derive(Clone, Copy)]
enum Side {
    Left,
    Right,
    Both,
}

fn strip_impl(vm: &Vm, args: &Args, name: &str, side: Side) -> PyResult<Value> {
    let s = positional(vm, args, name, 0, 1)?;
    let text = s.as_str();
    let stripped = match args.pos.get(1) {
        None | Some(Value::None) => trim(text, side, is_space),
        Some(Value::Str(chars)) => {
            let chars = chars.as_str();
            if chars.is_ascii() {
                let mut set = [false; 128];
                for b in chars.bytes() {
                    set[b as usize] = true;
                }
                trim(text, side, |c| c.is_ascii() && set[c as usize])
            } else {
                trim(text, side, |c| chars.contains(c))
            }
        }
        Some(_) => return Err(vm.type_error(format!("{name} arg must be None or str"))),
    };
    Ok(if stripped.len() == text.len() {
        same(s)
    } else {
        Value::str(stripped)
    })
}

fn trim(text: &str, side: Side, strip: impl Fn(char) -> bool) -> &str {
    match side {
        Side::Left => text.trim_start_matches(strip),
        Side::Right => text.trim_end_matches(strip),
        Side::Both => text.trim_matches(strip),
    }
}

/// `str.strip(chars=None)`.
pub fn strip(vm: &Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, &args, "strip", Side::Both)
}

/// `str.lstrip(chars=None)`.
pub fn lstrip(vm: &Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, &args, "lstrip", Side::Left)
}

/// `str.rstrip(chars=None)`.
pub fn rstrip(vm: &Vm, args: Args) -> PyResult<Value> {
    strip_impl(vm, &args, "rstrip", Side::Right)
}
