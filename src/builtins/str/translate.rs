//! `str.maketrans` and `str.translate`.

use std::rc::Rc;

use super::args::{check_positional, one_arg, str_arg};
use super::{new_str, same};
use crate::eval::{Args, ExcKind, PyResult, Vm};
use crate::value::dict::DictFlavor;
use crate::value::{PyDict, Value};

/// `str.maketrans(x[, y[, z]])` (a static method).
pub fn maketrans(vm: &Vm, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("str.maketrans() takes no keyword arguments"));
    }
    check_positional(vm, args.pos.len(), "maketrans", 1, 3)?;
    let y = args
        .pos
        .get(1)
        .map(|v| str_arg(vm, v, "maketrans", 2))
        .transpose()?;
    let z = args
        .pos
        .get(2)
        .map(|v| str_arg(vm, v, "maketrans", 3))
        .transpose()?;
    let out = PyDict::new();
    match y {
        Some(y) => {
            let Value::Str(x) = &args.pos[0] else {
                return Err(vm.type_error(
                    "first maketrans argument must be a string if there is a second argument",
                ));
            };
            if x.char_len() != y.char_len() {
                return Err(
                    vm.value_error("the first two maketrans arguments must have equal length")
                );
            }
            for (a, b) in x.as_str().chars().zip(y.as_str().chars()) {
                out.set(vm, Value::Int(a as i64), Value::Int(b as i64))?;
            }
            if let Some(z) = z {
                for c in z.as_str().chars() {
                    out.set(vm, Value::Int(c as i64), Value::None)?;
                }
            }
        }
        None => {
            let d = match &args.pos[0] {
                Value::Dict(d) if matches!(*d.flavor.borrow(), DictFlavor::Plain) => d,
                _ => {
                    return Err(vm.type_error(
                        "if you give only one argument to maketrans it must be a dict",
                    ));
                }
            };
            for (k, v) in d.items() {
                let key = match &k {
                    Value::Str(s) => {
                        let mut chars = s.as_str().chars();
                        match (chars.next(), chars.next()) {
                            (Some(c), None) => Value::Int(c as i64),
                            _ => {
                                return Err(vm.value_error(
                                    "string keys in translate table must be of length 1",
                                ));
                            }
                        }
                    }
                    Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => k.clone(),
                    _ => {
                        return Err(
                            vm.type_error("keys in translate table must be strings or integers")
                        );
                    }
                };
                out.set(vm, key, v)?;
            }
        }
    }
    Ok(Value::Dict(Rc::new(out)))
}

/// What the table says about one character.
enum Mapped {
    /// Not in the table: copied.
    Keep,
    /// `None`: deleted.
    Delete,
    Char(char),
    Str(Rc<crate::value::PyStr>),
}

/// `charmaptranslate_lookup`: `table[ord(c)]`, with `LookupError` meaning
/// "keep".
fn lookup(vm: &Vm, table: &Value, c: char) -> PyResult<Mapped> {
    let key = Value::Int(c as i64);
    let found = match table {
        Value::Dict(d) if matches!(*d.flavor.borrow(), DictFlavor::Plain) => d.get(vm, &key)?,
        _ => match crate::builtins::subscript::getitem(vm, table, &key) {
            Ok(v) => Some(v),
            Err(e) if vm.exc_is(&e, ExcKind::LookupError) => None,
            Err(e) => return Err(e),
        },
    };
    Ok(match found {
        None => Mapped::Keep,
        Some(Value::None) => Mapped::Delete,
        Some(Value::Str(s)) => Mapped::Str(s),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            let n = match v {
                Value::Int(i) => i,
                Value::Bool(b) => b as i64,
                _ => -1,
            };
            if !(0..=0x10FFFF).contains(&n) {
                return Err(vm.value_error("character mapping must be in range(0x110000)"));
            }
            match char::from_u32(n as u32) {
                Some(c) => Mapped::Char(c),
                None => return Err(vm.unsupported("lone surrogates in str.translate")),
            }
        }
        Some(_) => {
            return Err(vm.type_error("character mapping must return integer, None or str"));
        }
    })
}

/// `str.translate(table)`. The table is consulted as CPython does it (once
/// per distinct character while the text and results stay ASCII, then
/// once per character), so a table with side effects behaves the same.
pub fn translate(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, table) = one_arg(vm, &args, "translate")?;
    let text = s.as_str();
    if text.is_empty() {
        return Ok(same(s));
    }
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    if s.is_ascii() {
        // 0xff: not looked up yet; 0xfe: deleted.
        let mut cache = [0xffu8; 128];
        let bytes = text.as_bytes();
        while start < bytes.len() {
            let b = bytes[start];
            if cache[b as usize] == 0xff {
                let to = match lookup(vm, table, b as char)? {
                    Mapped::Keep => b,
                    Mapped::Delete => 0xfe,
                    Mapped::Char(c) if c.is_ascii() => c as u8,
                    Mapped::Str(r) if r.char_len() == 1 && r.is_ascii() => r.as_str().as_bytes()[0],
                    _ => break,
                };
                cache[b as usize] = to;
            }
            match cache[b as usize] {
                0xfe => {}
                to => out.push(to as char),
            }
            start += 1;
        }
        if start == bytes.len() {
            return Ok(new_str(out));
        }
    }
    let chars: Vec<char> = text[start..].chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match lookup(vm, table, chars[i])? {
            Mapped::Keep => out.push(chars[i]),
            Mapped::Char(c) => out.push(c),
            Mapped::Str(r) => out.push_str(r.as_str()),
            Mapped::Delete => {
                // CPython looks ahead over the run of deleted characters,
                // then resumes at the first one that is not deleted.
                i += 1;
                while i < chars.len() && matches!(lookup(vm, table, chars[i])?, Mapped::Delete) {
                    i += 1;
                }
                continue;
            }
        }
        i += 1;
    }
    Ok(new_str(out))
}
