//! Argument checking for `str` methods, worded as CPython 3.11 words it.
//!
//! CPython's `str` methods use several calling conventions, each with its
//! own error messages: `METH_NOARGS` (`upper`), `METH_O` (`join`),
//! positional-only Argument Clinic (`strip`, `replace`), old-style
//! `PyArg_ParseTuple` (`find`) and Argument Clinic with keywords
//! (`split`). One helper per convention.

use std::rc::Rc;

use crate::eval::protocol::type_name;
use crate::eval::{Args, PyResult, Vm};
use crate::value::{PyStr, Value};

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The receiver of a method called through the `str` type or an instance:
/// `str.upper()` and `str.upper(1)` fail as CPython's method descriptors do.
pub fn this<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<&'a Rc<PyStr>> {
    match args.pos.first() {
        Some(Value::Str(s)) => Ok(s),
        Some(v) => Err(vm.type_error(format!(
            "descriptor '{name}' for 'str' objects doesn't apply to a '{}' object",
            type_name(vm, v)
        ))),
        None => Err(vm.type_error(format!("unbound method str.{name}() needs an argument"))),
    }
}

/// The receiver of a slot wrapper (`str.__len__`, `str.__add__`, ...).
pub fn this_slot<'a>(vm: &Vm, args: &'a Args, name: &str, nargs: usize) -> PyResult<&'a Rc<PyStr>> {
    let s = match args.pos.first() {
        Some(Value::Str(s)) => s,
        Some(v) => {
            return Err(vm.type_error(format!(
                "descriptor '{name}' requires a 'str' object but received a '{}'",
                type_name(vm, v)
            )));
        }
        None => {
            return Err(vm.type_error(format!(
                "descriptor '{name}' of 'str' object needs an argument"
            )));
        }
    };
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("wrapper {name}() takes no keyword arguments")));
    }
    let n = args.pos.len() - 1;
    if n != nargs {
        return Err(vm.type_error(format!(
            "expected {nargs} argument{}, got {n}",
            plural(nargs)
        )));
    }
    Ok(s)
}

fn no_keywords(vm: &Vm, args: &Args, name: &str) -> PyResult<()> {
    if args.kw.is_empty() {
        Ok(())
    } else {
        Err(vm.type_error(format!("str.{name}() takes no keyword arguments")))
    }
}

/// A `METH_NOARGS` method (`upper`, `isdigit`, ...).
pub fn no_args<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<&'a Rc<PyStr>> {
    let s = this(vm, args, name)?;
    no_keywords(vm, args, name)?;
    let n = args.pos.len() - 1;
    if n != 0 {
        return Err(vm.type_error(format!("str.{name}() takes no arguments ({n} given)")));
    }
    Ok(s)
}

/// A `METH_O` method (`join`, `partition`, `zfill`, ...): the receiver and
/// the one argument.
pub fn one_arg<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<(&'a Rc<PyStr>, &'a Value)> {
    let s = this(vm, args, name)?;
    no_keywords(vm, args, name)?;
    match &args.pos[1..] {
        [v] => Ok((s, v)),
        rest => Err(vm.type_error(format!(
            "str.{name}() takes exactly one argument ({} given)",
            rest.len()
        ))),
    }
}

/// A positional-only Argument Clinic method (`strip`, `replace`,
/// `center`, ...) taking `min..=max` arguments.
pub fn positional<'a>(
    vm: &Vm,
    args: &'a Args,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a Rc<PyStr>> {
    let s = this(vm, args, name)?;
    no_keywords(vm, args, name)?;
    check_positional(vm, args.pos.len() - 1, name, min, max)?;
    Ok(s)
}

/// `_PyArg_CheckPositional`.
pub fn check_positional(vm: &Vm, n: usize, name: &str, min: usize, max: usize) -> PyResult<()> {
    let exact = if min == max { "" } else { "at least " };
    if n < min {
        return Err(vm.type_error(format!(
            "{name} expected {exact}{min} argument{}, got {n}",
            plural(min)
        )));
    }
    if n > max {
        let exact = if min == max { "" } else { "at most " };
        return Err(vm.type_error(format!(
            "{name} expected {exact}{max} argument{}, got {n}",
            plural(max)
        )));
    }
    Ok(())
}

/// An old-style `PyArg_ParseTuple` method (`find`, `count`, `startswith`,
/// ...) taking `min..=max` arguments.
pub fn varargs<'a>(
    vm: &Vm,
    args: &'a Args,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a Rc<PyStr>> {
    let s = this(vm, args, name)?;
    no_keywords(vm, args, name)?;
    let n = args.pos.len() - 1;
    if n < min {
        return Err(vm.type_error(format!(
            "{name}() takes at least {min} argument{} ({n} given)",
            plural(min)
        )));
    }
    if n > max {
        return Err(vm.type_error(format!(
            "{name}() takes at most {max} argument{} ({n} given)",
            plural(max)
        )));
    }
    Ok(s)
}

/// Matches positional and keyword arguments to `params` as Argument
/// Clinic does for functions with optional keyword parameters (all
/// optional here). `args.pos` holds only the arguments (no receiver).
pub fn keywords<const N: usize>(
    vm: &Vm,
    pos: &[Value],
    kw: &[(crate::intern::Sym, Value)],
    name: &str,
    params: [&str; N],
) -> PyResult<[Option<Value>; N]> {
    let total = pos.len() + kw.len();
    if total > N {
        return Err(vm.type_error(format!(
            "{name}() takes at most {N} argument{} ({total} given)",
            plural(N)
        )));
    }
    let mut out: [Option<Value>; N] = std::array::from_fn(|i| pos.get(i).cloned());
    for (k, v) in kw {
        let k = k.as_str();
        match params.iter().position(|p| *p == k) {
            Some(i) if i < pos.len() => {
                return Err(vm.type_error(format!(
                    "argument for {name}() given by name ('{k}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => out[i] = Some(v.clone()),
            None => {
                return Err(
                    vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()"))
                );
            }
        }
    }
    Ok(out)
}

/// A `Py_ssize_t` argument (`maxsplit`, `width`, `count`): an int or an
/// object with `__index__`; too large is an `OverflowError`.
pub fn ssize(vm: &Vm, v: &Value) -> PyResult<i64> {
    super::super::arg_int(vm, v)
}

/// A C `int` argument (`expandtabs(tabsize)`, `splitlines(keepends)`).
pub fn c_int(vm: &Vm, v: &Value) -> PyResult<i64> {
    let too_large = || vm.overflow_error("Python int too large to convert to C int");
    match v {
        Value::BigInt(_) => Err(too_large()),
        _ => {
            let i = ssize(vm, v)?;
            if i32::try_from(i).is_err() {
                return Err(too_large());
            }
            Ok(i)
        }
    }
}

/// A slice bound of `find`, `count`, `startswith`, ... (`None` means the
/// default; huge ints clamp, as `_PyEval_SliceIndex` does).
pub fn slice_bound(vm: &Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    Ok(match v {
        None | Some(Value::None) => None,
        Some(Value::Int(i)) => Some(*i),
        Some(Value::Bool(b)) => Some(*b as i64),
        Some(Value::BigInt(b)) => Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        }),
        Some(v @ Value::Instance(_)) => {
            match crate::eval::attr::call_method_opt(
                vm,
                v,
                crate::intern::known::__index__,
                Args::default(),
            )? {
                Some(Value::Int(i)) => Some(i),
                Some(Value::BigInt(b)) => Some(if b.sign() == num_bigint::Sign::Minus {
                    i64::MIN
                } else {
                    i64::MAX
                }),
                _ => return Err(slice_type_error(vm)),
            }
        }
        Some(_) => return Err(slice_type_error(vm)),
    })
}

fn slice_type_error(vm: &Vm) -> crate::eval::Exc {
    vm.type_error("slice indices must be integers or None or have an __index__ method")
}

/// `ADJUST_INDICES`: resolves `start`/`end` (code point indices, negative
/// from the end) against `len`. `end` is clamped to `0..=len`; `start` only
/// from below, so `start > end` (an empty window) is possible.
pub fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let len = len as i64;
    let from_end = |v: i64| (v.saturating_add(len)).max(0);
    let s = match start {
        Some(v) if v < 0 => from_end(v),
        Some(v) => v,
        None => 0,
    };
    let e = match end {
        Some(v) if v < 0 => from_end(v),
        Some(v) => v.min(len),
        None => len,
    };
    (s as usize, e as usize)
}

/// How Argument Clinic names a wrongly typed argument's type
/// (`_PyArg_BadArgument`): `None` for `None`, else the type name.
pub fn clinic_type_name(vm: &Vm, v: &Value) -> String {
    match v {
        Value::None => "None".to_owned(),
        _ => type_name(vm, v),
    }
}

/// A `str` argument of a Clinic method with several parameters
/// (`replace() argument 1 must be str, not int`).
pub fn str_arg<'a>(vm: &Vm, v: &'a Value, func: &str, pos: usize) -> PyResult<&'a Rc<PyStr>> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(vm.type_error(format!(
            "{func}() argument {pos} must be str, not {}",
            clinic_type_name(vm, v)
        ))),
    }
}

/// A `str` argument checked with `PyUnicode_Check` only (`must be str, not
/// int`).
pub fn plain_str<'a>(vm: &Vm, v: &'a Value) -> PyResult<&'a Rc<PyStr>> {
    match v {
        Value::Str(s) => Ok(s),
        _ => Err(vm.type_error(format!("must be str, not {}", type_name(vm, v)))),
    }
}
