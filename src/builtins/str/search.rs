//! Searching: `find`, `rfind`, `index`, `rindex`, `count`, `startswith`,
//! `endswith`, `replace`, `partition`, `rpartition`, `removeprefix`,
//! `removesuffix`, and `in`.

use std::rc::Rc;

use super::args::{
    adjust_indices, one_arg, plain_str, positional, slice_bound, ssize, str_arg, varargs,
};
use super::index::byte_span;
use super::{new_str, same};
use crate::eval::protocol::type_name;
use crate::eval::{Args, PyResult, Vm};
use crate::value::{PyStr, Value};

/// The `sub, start, end` arguments of the `find` family, resolved to a
/// code point window `start..end` (possibly empty or inverted).
struct Window<'a> {
    s: &'a Rc<PyStr>,
    sub: &'a Rc<PyStr>,
    start: usize,
    end: usize,
}

impl Window<'_> {
    /// The searched text and the code point index of its first character,
    /// or `None` when the window cannot contain `sub`.
    fn haystack(&self) -> Option<(&str, usize)> {
        if self.end < self.start || self.end - self.start < self.sub.char_len() {
            return None;
        }
        let (a, b) = byte_span(self.s, self.start, self.end);
        Some((&self.s.as_str()[a..b], self.start))
    }
}

fn window<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<Window<'a>> {
    let s = varargs(vm, args, name, 1, 3)?;
    let sub = plain_str(vm, &args.pos[1])?;
    let start = slice_bound(vm, args.pos.get(2))?;
    let end = slice_bound(vm, args.pos.get(3))?;
    let (start, end) = adjust_indices(start, end, s.char_len());
    Ok(Window { s, sub, start, end })
}

fn find_in(w: &Window, reverse: bool) -> Option<usize> {
    let (hay, base) = w.haystack()?;
    let sub = w.sub.as_str();
    let off = if reverse {
        hay.rfind(sub)?
    } else {
        hay.find(sub)?
    };
    Some(base + char_index_in(w.s, hay, off))
}

/// The code point count of `hay[..off]` (`hay` a slice of `s`).
fn char_index_in(s: &PyStr, hay: &str, off: usize) -> usize {
    if s.is_ascii() {
        off
    } else {
        hay[..off].chars().count()
    }
}

fn found(r: Option<usize>) -> Value {
    Value::Int(r.map_or(-1, |i| i as i64))
}

/// `str.find(sub[, start[, end]])`.
pub fn find(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(found(find_in(&window(vm, &args, "find")?, false)))
}

/// `str.rfind(sub[, start[, end]])`.
pub fn rfind(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(found(find_in(&window(vm, &args, "rfind")?, true)))
}

/// `str.index(sub[, start[, end]])`.
pub fn index(vm: &Vm, args: Args) -> PyResult<Value> {
    match find_in(&window(vm, &args, "index")?, false) {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

/// `str.rindex(sub[, start[, end]])`.
pub fn rindex(vm: &Vm, args: Args) -> PyResult<Value> {
    match find_in(&window(vm, &args, "rindex")?, true) {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(vm.value_error("substring not found")),
    }
}

/// `str.count(sub[, start[, end]])`: non-overlapping occurrences.
pub fn count(vm: &Vm, args: Args) -> PyResult<Value> {
    let w = window(vm, &args, "count")?;
    let Some((hay, _)) = w.haystack() else {
        return Ok(Value::Int(0));
    };
    let sub = w.sub.as_str();
    let n = if sub.is_empty() {
        w.end - w.start + 1
    } else if sub.len() == 1 {
        let b = sub.as_bytes()[0];
        hay.bytes().filter(|&x| x == b).count()
    } else {
        hay.matches(sub).count()
    };
    Ok(Value::Int(n as i64))
}

/// `tailmatch`: does `sub` occur at the start (or end) of `s[start:end]`?
fn tailmatch(s: &Rc<PyStr>, sub: &str, start: usize, end: usize, at_end: bool) -> bool {
    let sub_len = if sub.is_ascii() {
        sub.len()
    } else {
        sub.chars().count()
    };
    if end < sub_len || end - sub_len < start {
        return false;
    }
    if sub.is_empty() {
        return true;
    }
    let (a, b) = byte_span(s, start, end);
    let hay = &s.as_str()[a..b];
    if at_end {
        hay.ends_with(sub)
    } else {
        hay.starts_with(sub)
    }
}

fn affix(vm: &Vm, args: &Args, name: &str, at_end: bool) -> PyResult<Value> {
    let s = varargs(vm, args, name, 1, 3)?;
    let start = slice_bound(vm, args.pos.get(2))?;
    let end = slice_bound(vm, args.pos.get(3))?;
    let (start, end) = adjust_indices(start, end, s.char_len());
    match &args.pos[1] {
        Value::Str(sub) => Ok(Value::Bool(tailmatch(s, sub.as_str(), start, end, at_end))),
        Value::Tuple(t) => {
            for p in t.items.iter() {
                let Value::Str(sub) = p else {
                    return Err(vm.type_error(format!(
                        "tuple for {name} must only contain str, not {}",
                        type_name(vm, p)
                    )));
                };
                if tailmatch(s, sub.as_str(), start, end, at_end) {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        other => Err(vm.type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            type_name(vm, other)
        ))),
    }
}

/// `str.startswith(prefix[, start[, end]])`.
pub fn startswith(vm: &Vm, args: Args) -> PyResult<Value> {
    affix(vm, &args, "startswith", false)
}

/// `str.endswith(suffix[, start[, end]])`.
pub fn endswith(vm: &Vm, args: Args) -> PyResult<Value> {
    affix(vm, &args, "endswith", true)
}

/// `str.replace(old, new[, count])`.
pub fn replace(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = positional(vm, &args, "replace", 2, 3)?;
    let old = str_arg(vm, &args.pos[1], "replace", 1)?.as_str();
    let new = str_arg(vm, &args.pos[2], "replace", 2)?.as_str();
    let count = match args.pos.get(3) {
        Some(v) => ssize(vm, v)?,
        None => -1,
    };
    let text = s.as_str();
    if count == 0 || (!old.is_empty() && !text.contains(old)) || (old.is_empty() && new.is_empty())
    {
        return Ok(same(s));
    }
    if new.len() > old.len() {
        // The result's size, checked before building it.
        let hits = if old.is_empty() {
            text.chars().count() + 1
        } else {
            text.matches(old).count()
        };
        let hits = if count < 0 {
            hits
        } else {
            hits.min(count as usize)
        };
        match hits.checked_mul(new.len() - old.len()) {
            Some(extra) => vm.reserve(text.len().saturating_add(extra))?,
            None => return Err(vm.memory_error()),
        }
    }
    Ok(new_str(if count < 0 {
        text.replace(old, new)
    } else {
        text.replacen(old, new, count as usize)
    }))
}

fn partition_impl(vm: &Vm, args: &Args, name: &str, reverse: bool) -> PyResult<Value> {
    let (s, sep) = one_arg(vm, args, name)?;
    let sep_s = plain_str(vm, sep)?;
    let sep_t = sep_s.as_str();
    if sep_t.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let text = s.as_str();
    let hit = if reverse {
        text.rfind(sep_t)
    } else {
        text.find(sep_t)
    };
    let empty = || Value::str("");
    Ok(Value::tuple(match hit {
        Some(i) => vec![
            Value::str(&text[..i]),
            sep.clone(),
            Value::str(&text[i + sep_t.len()..]),
        ],
        None if reverse => vec![empty(), empty(), same(s)],
        None => vec![same(s), empty(), empty()],
    }))
}

/// `str.partition(sep)`.
pub fn partition(vm: &Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, &args, "partition", false)
}

/// `str.rpartition(sep)`.
pub fn rpartition(vm: &Vm, args: Args) -> PyResult<Value> {
    partition_impl(vm, &args, "rpartition", true)
}

fn strip_affix(vm: &Vm, args: &Args, name: &str, suffix: bool) -> PyResult<Value> {
    let (s, a) = one_arg(vm, args, name)?;
    let Value::Str(a) = a else {
        return Err(vm.type_error(format!(
            "{name}() argument must be str, not {}",
            super::args::clinic_type_name(vm, a)
        )));
    };
    let text = s.as_str();
    let rest = if suffix {
        text.strip_suffix(a.as_str())
    } else {
        text.strip_prefix(a.as_str())
    };
    Ok(match rest {
        Some(r) if !a.as_str().is_empty() => Value::str(r),
        _ => same(s),
    })
}

/// `str.removeprefix(prefix)`.
pub fn removeprefix(vm: &Vm, args: Args) -> PyResult<Value> {
    strip_affix(vm, &args, "removeprefix", false)
}

/// `str.removesuffix(suffix)`.
pub fn removesuffix(vm: &Vm, args: Args) -> PyResult<Value> {
    strip_affix(vm, &args, "removesuffix", true)
}
