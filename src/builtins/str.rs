//! Methods of `str` and its constructor.

use std::rc::Rc;

use super::{add_method, check_method_args};
use crate::eval::iter::PyIter;
use crate::eval::protocol::{str_of, type_name};
use crate::eval::{Args, PyResult, Vm};
use crate::value::{PyStr, Value};

pub fn install(vm: &Vm) {
    let s = &vm.types.str;
    add_method(s, "__new__", str_new);
    add_method(s, "join", join);
    add_method(s, "split", split);
    add_method(s, "strip", strip);
    add_method(s, "upper", upper);
    add_method(s, "lower", lower);
    add_method(s, "replace", replace);
    add_method(s, "startswith", startswith);
    add_method(s, "endswith", endswith);
    add_method(s, "format", format);
}

/// A one-character string.
pub fn char_value(c: char) -> Value {
    let mut buf = [0u8; 4];
    Value::Str(Rc::new(PyStr::new(c.encode_utf8(&mut buf).to_owned())))
}

/// The string receiving a method call.
pub fn this<'a>(vm: &Vm, args: &'a Args) -> PyResult<&'a str> {
    match args.pos.first() {
        Some(Value::Str(s)) => Ok(s.as_str()),
        Some(v) => Err(vm.type_error(format!(
            "descriptor requires a 'str' object but received a '{}'",
            type_name(vm, v)
        ))),
        None => Err(vm.type_error("descriptor needs an argument")),
    }
}

/// A `str` argument, with CPython's message otherwise.
pub fn arg_str<'a>(vm: &Vm, v: &'a Value, what: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        _ => Err(vm.type_error(format!("{what} must be str, not {}", type_name(vm, v)))),
    }
}

fn str_new(vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.len() {
        1 => Ok(Value::str("")),
        2 => Ok(Value::string(str_of(vm, &args.pos[1])?)),
        _ => Err(vm.unsupported("str() with an encoding")),
    }
}

fn join(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "join", 1, 1)?;
    let sep = this(vm, &args)?;
    let mut out = String::new();
    let mut it = PyIter::new(vm, &args.pos[1])?;
    let mut i = 0;
    while let Some(item) = it.next(vm)? {
        let Value::Str(s) = &item else {
            return Err(vm.type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                type_name(vm, &item)
            )));
        };
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(s.as_str());
        i += 1;
    }
    Ok(Value::string(out))
}

fn split(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let sep_kw = args.take_kw("sep");
    let max_kw = args.take_kw("maxsplit");
    check_method_args(vm, &args, "split", 0, 2)?;
    let s = this(vm, &args)?;
    let sep = sep_kw.or_else(|| args.pos.get(1).cloned()).unwrap_or(Value::None);
    let maxsplit = match max_kw.or_else(|| args.pos.get(2).cloned()) {
        Some(v) => super::arg_int(vm, &v)?,
        None => -1,
    };
    let parts: Vec<Value> = match &sep {
        Value::None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if maxsplit >= 0 && out.len() as i64 == maxsplit {
                    out.push(Value::str(rest));
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(Value::str(&rest[..end]));
                rest = rest[end..].trim_start();
            }
            out
        }
        Value::Str(sep) => {
            let sep = sep.as_str();
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if maxsplit >= 0 {
                s.splitn(maxsplit as usize + 1, sep).map(Value::str).collect()
            } else {
                s.split(sep).map(Value::str).collect()
            }
        }
        other => {
            return Err(vm.type_error(format!(
                "must be str or None, not {}",
                type_name(vm, other)
            )));
        }
    };
    Ok(Value::list(parts))
}

fn strip(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "strip", 0, 1)?;
    let s = this(vm, &args)?;
    Ok(Value::str(match args.pos.get(1) {
        None | Some(Value::None) => s.trim(),
        Some(v) => {
            let chars: Vec<char> = arg_str(vm, v, "strip arg")?.chars().collect();
            s.trim_matches(|c| chars.contains(&c))
        }
    }))
}

fn upper(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::string(this(vm, &args)?.to_uppercase()))
}

fn lower(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::string(this(vm, &args)?.to_lowercase()))
}

fn replace(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "replace", 2, 3)?;
    let s = this(vm, &args)?;
    let old = arg_str(vm, &args.pos[1], "replace() argument 1")?;
    let new = arg_str(vm, &args.pos[2], "replace() argument 2")?;
    let count = match args.pos.get(3) {
        Some(v) => super::arg_int(vm, v)?,
        None => -1,
    };
    Ok(Value::string(if count < 0 {
        s.replace(old, new)
    } else {
        s.replacen(old, new, count as usize)
    }))
}

fn affix(vm: &Vm, args: &Args, name: &str, test: fn(&str, &str) -> bool) -> PyResult<Value> {
    check_method_args(vm, args, name, 1, 3)?;
    let s = this(vm, args)?;
    let check = |p: &Value| -> PyResult<bool> {
        match p {
            Value::Str(p) => Ok(test(s, p.as_str())),
            other => Err(vm.type_error(format!(
                "{name} first arg must be str or a tuple of str, not {}",
                type_name(vm, other)
            ))),
        }
    };
    match &args.pos[1] {
        Value::Tuple(t) => {
            for p in t.items.iter() {
                if check(p)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }
        p => Ok(Value::Bool(check(p)?)),
    }
}

fn startswith(vm: &Vm, args: Args) -> PyResult<Value> {
    affix(vm, &args, "startswith", |s, p| s.starts_with(p))
}

fn endswith(vm: &Vm, args: Args) -> PyResult<Value> {
    affix(vm, &args, "endswith", |s, p| s.ends_with(p))
}

fn format(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args)?.to_owned();
    let rest = Args::with_kw(args.pos.into_iter().skip(1), args.kw);
    Ok(Value::string(super::format::str_format(vm, &s, rest)?))
}
