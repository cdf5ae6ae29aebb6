//! `int`, `float` and `bool`: constructors, methods, and the numeric
//! builtins `round`, `divmod`, `pow`.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use super::{add_builtin, add_method, arg_int, check_args, check_method_args};
use crate::ast::BinOp;
use crate::eval::attr::call_method_opt;
use crate::eval::ops::{binary_op, float_divmod, int_to_f64};
use crate::eval::protocol::{repr, truthy, type_name};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::{Sym, known};
use crate::value::Value;

pub fn install(vm: &Vm) {
    let i = &vm.types.int;
    add_method(i, "__new__", int_new);
    add_method(i, "bit_length", bit_length);
    add_method(i, "bit_count", bit_count);
    add_method(i, "conjugate", identity);
    add_method(i, "__index__", identity);
    add_method(i, "__int__", identity);
    add_method(i, "as_integer_ratio", int_ratio);
    add_method(i, "to_bytes", int_to_bytes);
    add_method(i, "from_bytes", int_from_bytes);
    // `int.from_bytes` is a class method.
    let from_bytes = i.dict.borrow().get(&Sym::new("from_bytes")).cloned();
    if let Some(f) = from_bytes {
        i.set_attr(
            Sym::new("from_bytes"),
            Value::native(super::descriptors::ClassMethod(f)),
        );
    }
    let b = &vm.types.bool;
    add_method(b, "__new__", bool_new);
    let f = &vm.types.float;
    add_method(f, "__new__", float_new);
    add_method(f, "is_integer", is_integer);
    add_method(f, "as_integer_ratio", float_ratio);
    add_method(f, "conjugate", identity);
    add_method(f, "hex", float_hex);
    let t = &vm.types.type_;
    add_method(t, "__new__", type_new);
    let o = &vm.types.object;
    add_method(o, "__new__", object_new);
    let r = &vm.types.range;
    add_method(r, "__new__", range_new);
    add_method(r, "index", range_index);
    add_method(r, "count", range_count);
    let s = &vm.types.slice;
    add_method(s, "__new__", slice_new);
    add_method(s, "indices", slice_indices);
}

pub fn install_functions(vm: &Vm) {
    add_builtin(vm, "round", round);
    add_builtin(vm, "divmod", divmod);
    add_builtin(vm, "pow", pow);
    add_builtin(vm, "bin", bin);
    add_builtin(vm, "oct", oct);
    add_builtin(vm, "hex", hex);
}

fn identity(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(match &args.pos[0] {
        Value::Bool(b) => Value::Int(*b as i64),
        v => v.clone(),
    })
}

/// An int value as a big integer (bools count as ints).
pub fn to_bigint(v: &Value) -> Option<BigInt> {
    match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    }
}

fn bit_length(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        to_bigint(&args.pos[0])
            .map(|b| b.bits() as i64)
            .unwrap_or(0),
    ))
}

fn bit_count(_vm: &Vm, args: Args) -> PyResult<Value> {
    let b = to_bigint(&args.pos[0]).unwrap_or_default();
    Ok(Value::Int(
        b.magnitude()
            .to_u32_digits()
            .iter()
            .map(|d| d.count_ones() as i64)
            .sum(),
    ))
}

fn int_ratio(_vm: &Vm, args: Args) -> PyResult<Value> {
    let v = identity(_vm, args)?;
    Ok(Value::tuple(vec![v, Value::Int(1)]))
}

/// Why `int(text, base)` fails.
#[derive(Debug, PartialEq, Eq)]
pub enum IntParseError {
    /// `invalid literal for int() ...`.
    Invalid,
    /// More decimal digits than `sys.get_int_max_str_digits()`, counted as
    /// CPython counts them (the leading run of digits and underscores).
    TooManyDigits(usize),
}

/// CPython's message for a conversion of more than 4300 digits.
pub fn too_many_digits(digits: usize) -> String {
    format!(
        "Exceeds the limit ({} digits) for integer string conversion: value has {digits} digits; \
         use sys.set_int_max_str_digits() to increase the limit",
        super::repr::INT_MAX_STR_DIGITS
    )
}

/// The `byteorder` and keyword-only `signed` arguments of `to_bytes` /
/// `from_bytes` (3.11 signatures: `byteorder='big'`, `signed=False`).
fn byteorder_and_signed(
    vm: &Vm,
    name: &str,
    byteorder: Option<Value>,
    args: &mut Args,
) -> PyResult<(bool, bool)> {
    let signed = match args.take_kw("signed") {
        Some(v) => truthy(vm, &v)?,
        None => false,
    };
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!(
            "'{}' is an invalid keyword argument for {name}()",
            k.as_str()
        )));
    }
    let little = match byteorder {
        None => false,
        Some(Value::Str(s)) => match s.as_str() {
            "little" => true,
            "big" => false,
            _ => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
        },
        Some(other) => {
            return Err(vm.type_error(format!(
                "{name}() argument 'byteorder' must be str, not {}",
                type_name(vm, &other)
            )));
        }
    };
    Ok((little, signed))
}

/// Positional-or-keyword argument `index` (after the receiver) named `name`.
fn param(args: &mut Args, index: usize, name: &str) -> Option<Value> {
    args.pos
        .get(index + 1)
        .cloned()
        .or_else(|| args.take_kw(name))
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "to_bytes() takes at most 2 positional arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let value = to_bigint(&args.pos[0]).unwrap_or_default();
    let length = match param(&mut args, 0, "length") {
        Some(v) => arg_int(vm, &v)?,
        None => 1,
    };
    let byteorder = param(&mut args, 1, "byteorder");
    let (little, signed) = byteorder_and_signed(vm, "to_bytes", byteorder, &mut args)?;
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    if value.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    // Two's complement, least significant byte first.
    let mut bytes = value.to_signed_bytes_le();
    if !signed && bytes.len() > 1 && bytes.last() == Some(&0) {
        bytes.pop();
    }
    if value.is_zero() {
        bytes.clear();
    }
    let length = length as usize;
    if bytes.len() > length {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let fill = if value.is_negative() { 0xff } else { 0 };
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(super::bytes::PyBytes::value(bytes, false))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (a class
/// method: a subclass gets `cls(value)`).
fn int_from_bytes(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "from_bytes() takes at most 2 positional arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let cls = args.pos[0].clone();
    let Some(source) = param(&mut args, 0, "bytes") else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let byteorder = param(&mut args, 1, "byteorder");
    let (little, signed) = byteorder_and_signed(vm, "from_bytes", byteorder, &mut args)?;
    let mut data = match source {
        Value::Str(_) => {
            return Err(vm.type_error("cannot convert 'str' object to bytes"));
        }
        other => match super::bytes::data_of(&other) {
            Some(d) => d,
            None => bytes_from_iterable(vm, &other)?,
        },
    };
    if !little {
        data.reverse();
    }
    let value = if signed {
        BigInt::from_signed_bytes_le(&data)
    } else {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &data)
    };
    let value = Value::from_bigint(value);
    match &cls {
        Value::Type(t) if Rc::ptr_eq(t, &vm.types.int) => Ok(value),
        _ => crate::eval::call::call(vm, &cls, Args::new([value])),
    }
}

/// CPython's `PyBytes_FromObject` for a non-bytes argument: an iterable
/// of ints in `range(256)`.
fn bytes_from_iterable(vm: &Vm, v: &Value) -> PyResult<Vec<u8>> {
    let mut it = match crate::eval::iter::PyIter::new(vm, v) {
        Ok(it) => it,
        Err(e) if vm.exc_is(&e, crate::eval::ExcKind::TypeError) => {
            return Err(vm.type_error(format!(
                "cannot convert '{}' object to bytes",
                type_name(vm, v)
            )));
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(x) = it.next(vm)? {
        match arg_int(vm, &x)? {
            i @ 0..=255 => out.push(i as u8),
            _ => return Err(vm.value_error("bytes must be in range(0, 256)")),
        }
    }
    Ok(out)
}

/// `int(text, base)` parsing with CPython's rules (underscores, prefixes,
/// surrounding whitespace, the digit limit of bases that are not powers of
/// two).
pub fn parse_int(text: &str, base: u32) -> Result<BigInt, IntParseError> {
    parse_int_opt(text, base).map_err(|limit| match limit {
        Some(n) => IntParseError::TooManyDigits(n),
        None => IntParseError::Invalid,
    })
}

fn parse_int_opt(text: &str, base: u32) -> Result<BigInt, Option<usize>> {
    let t = text.trim();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let (base, digits) = match base {
        0 => {
            if let Some(r) = lower.strip_prefix("0x") {
                (16, r.to_owned())
            } else if let Some(r) = lower.strip_prefix("0o") {
                (8, r.to_owned())
            } else if let Some(r) = lower.strip_prefix("0b") {
                (2, r.to_owned())
            } else {
                if lower.len() > 1
                    && lower.starts_with('0')
                    && !lower.trim_start_matches(['0', '_']).is_empty()
                {
                    return Err(None);
                }
                (10, lower.clone())
            }
        }
        16 => (16, lower.strip_prefix("0x").unwrap_or(&lower).to_owned()),
        8 => (8, lower.strip_prefix("0o").unwrap_or(&lower).to_owned()),
        2 => (2, lower.strip_prefix("0b").unwrap_or(&lower).to_owned()),
        b => (b, lower.clone()),
    };
    // One underscore may follow a base prefix (`0x_1f`), none may lead
    // plain digits (`_1`).
    let prefixed = digits.len() < lower.len();
    let digits = match digits.strip_prefix('_') {
        Some(rest) if prefixed => rest.to_owned(),
        _ => digits,
    };
    if !base.is_power_of_two() {
        // CPython's `long_from_non_binary_base`: the leading run of digits
        // and single underscores is counted before the rest is checked.
        let run = digits
            .char_indices()
            .find(|&(i, c)| !(c.is_digit(base) || c == '_') || digits[i..].starts_with("__"))
            .map_or(digits.len(), |(i, _)| i);
        let counted = digits[..run].chars().filter(|&c| c != '_').count();
        let malformed = digits[..run].ends_with('_') || digits[run..].starts_with("__");
        if counted > super::repr::INT_MAX_STR_DIGITS && !malformed {
            return Err(Some(counted));
        }
    }
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return Err(None);
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        // Unicode decimal digits (e.g. Arabic-Indic) are also accepted by
        // CPython; apy accepts ASCII only.
        return Err(None);
    }
    let v = BigInt::parse_bytes(clean.as_bytes(), base).ok_or(None)?;
    Ok(if neg { -v } else { v })
}

/// `int(x)` for a float: truncation, with CPython's errors for inf/nan.
pub fn float_to_int(vm: &Vm, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.2e18 {
        return Ok(Value::Int(t as i64));
    }
    Ok(Value::from_bigint(
        num_traits::FromPrimitive::from_f64(t).unwrap_or_default(),
    ))
}

fn int_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let base_kw = args.take_kw("base");
    let x = args.pos.get(1).cloned();
    let base = base_kw.or_else(|| args.pos.get(2).cloned());
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "int() takes at most 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let Some(x) = x else {
        return Ok(Value::Int(0));
    };
    if let Some(base) = base {
        let b = arg_int(vm, &base)?;
        if b != 0 && !(2..=36).contains(&b) {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        }
        let Value::Str(s) = &x else {
            return Err(vm.type_error("int() can't convert non-string with explicit base"));
        };
        return match parse_int(s.as_str(), b as u32) {
            Ok(v) => Ok(Value::from_bigint(v)),
            Err(IntParseError::TooManyDigits(n)) => Err(vm.value_error(too_many_digits(n))),
            Err(IntParseError::Invalid) => Err(vm.value_error(format!(
                "invalid literal for int() with base {b}: {}",
                repr(vm, &x)?
            ))),
        };
    }
    match &x {
        Value::Int(_) | Value::BigInt(_) => Ok(x.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => float_to_int(vm, *f),
        Value::Str(s) => match parse_int(s.as_str(), 10) {
            Ok(v) => Ok(Value::from_bigint(v)),
            Err(IntParseError::TooManyDigits(n)) => Err(vm.value_error(too_many_digits(n))),
            Err(IntParseError::Invalid) => Err(vm.value_error(format!(
                "invalid literal for int() with base 10: {}",
                repr(vm, &x)?
            ))),
        },
        _ => {
            for name in [known::__int__, known::__index__, known::__trunc__] {
                if let Some(r) = call_method_opt(vm, &x, name, Args::default())? {
                    return Ok(r);
                }
            }
            Err(vm.type_error(format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                type_name(vm, &x)
            )))
        }
    }
}

fn bool_new(vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.get(1) {
        Some(v) => Ok(Value::Bool(truthy(vm, v)?)),
        None => Ok(Value::Bool(false)),
    }
}

/// Parses a float literal as `float(str)` does.
pub fn parse_float(text: &str) -> Option<f64> {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    let neg = lower.starts_with('-');
    let special = match unsigned {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        if lower.len() - unsigned.len() > 1 {
            return None;
        }
        return Some(if neg { -v } else { v });
    }
    if t.contains("__")
        || t.starts_with('_')
        || t.ends_with('_')
        || t.contains("_.")
        || t.contains("._")
    {
        return None;
    }
    let clean: String = t.chars().filter(|&c| c != '_').collect();
    if !clean
        .chars()
        .all(|c| c.is_ascii_digit() || "+-.eE".contains(c))
    {
        return None;
    }
    clean.parse::<f64>().ok()
}

fn float_new(vm: &Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "float expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let Some(x) = args.pos.get(1) else {
        return Ok(Value::Float(0.0));
    };
    match x {
        Value::Float(_) => Ok(x.clone()),
        Value::Int(i) => Ok(Value::Float(*i as f64)),
        Value::Bool(b) => Ok(Value::Float(*b as i64 as f64)),
        Value::BigInt(b) => Ok(Value::Float(int_to_f64(vm, b)?)),
        Value::Str(s) => match parse_float(s.as_str()) {
            Some(f) => Ok(Value::Float(f)),
            None => Err(vm.value_error(format!(
                "could not convert string to float: {}",
                repr(vm, x)?
            ))),
        },
        _ => {
            if let Some(r) = call_method_opt(vm, x, known::__float__, Args::default())? {
                return Ok(r);
            }
            if let Some(r) = call_method_opt(vm, x, known::__index__, Args::default())? {
                return float_new(vm, Args::new([Value::None, r]));
            }
            Err(vm.type_error(format!(
                "float() argument must be a string or a real number, not '{}'",
                type_name(vm, x)
            )))
        }
    }
}

fn is_integer(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        matches!(args.pos[0], Value::Float(f) if f.is_finite() && f.fract() == 0.0),
    ))
}

fn float_ratio(vm: &Vm, args: Args) -> PyResult<Value> {
    let Value::Float(f) = args.pos[0] else {
        return Err(vm.type_error("expected float"));
    };
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = if exp == 0 {
        (bits & ((1 << 52) - 1)) << 1
    } else {
        (bits & ((1 << 52) - 1)) | (1 << 52)
    };
    let e = exp - 1075;
    let mut num = BigInt::from(mant);
    let mut den = BigInt::one();
    if e > 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    let g = num.gcd(&den);
    if !g.is_zero() {
        num /= &g;
        den /= &g;
    }
    if f < 0.0 {
        num = -num;
    }
    Ok(Value::tuple(vec![
        Value::from_bigint(num),
        Value::from_bigint(den),
    ]))
}

fn float_hex(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.unsupported("float.hex"))
}

fn type_new(vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.len() {
        2 => {
            super::unmodelled::check(vm, &args.pos[1])?;
            Ok(Value::Type(vm.type_of(&args.pos[1])))
        }
        4 => {
            let name = crate::eval::protocol::str_of(vm, &args.pos[1])?;
            let Value::Dict(ns) = &args.pos[3] else {
                return Err(vm.type_error(format!(
                    "type.__new__() argument 3 must be dict, not {}",
                    crate::eval::protocol::type_name(vm, &args.pos[3])
                )));
            };
            let t = crate::stdlib::make_class(vm, &name, &name, &args.pos[2], ns)?;
            Ok(Value::Type(t))
        }
        _ => Err(vm.type_error("type() takes 1 or 3 arguments")),
    }
}

fn object_new(vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.first() {
        Some(Value::Type(t)) if !t.is_builtin || std::rc::Rc::ptr_eq(t, &vm.types.object) => Ok(
            Value::Instance(std::rc::Rc::new(crate::value::Instance::new(t.clone()))),
        ),
        _ => Err(vm.type_error("object.__new__(X): X is not a type object")),
    }
}

fn range_new(vm: &Vm, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("range() takes no keyword arguments"));
    }
    super::functions::make_range(vm, &args.pos[1..])
}

fn range_index(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "index", 1, 1)?;
    let Value::Range(r) = &args.pos[0] else {
        return Err(vm.type_error("expected range"));
    };
    if let Value::Int(i) = args.pos[1]
        && crate::eval::protocol::contains(vm, &args.pos[0], &args.pos[1])?
    {
        return Ok(Value::Int((i - r.start) / r.step));
    }
    Err(vm.value_error(format!("{} is not in range", repr(vm, &args.pos[1])?)))
}

fn range_count(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "count", 1, 1)?;
    Ok(Value::Int(
        crate::eval::protocol::contains(vm, &args.pos[0], &args.pos[1])? as i64,
    ))
}

fn slice_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let a = &args.pos[1..];
    let (start, stop, step) = match a {
        [stop] => (Value::None, stop.clone(), Value::None),
        [start, stop] => (start.clone(), stop.clone(), Value::None),
        [start, stop, step] => (start.clone(), stop.clone(), step.clone()),
        _ => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
    };
    Ok(Value::Slice(std::rc::Rc::new(crate::value::PySlice {
        start,
        stop,
        step,
    })))
}

fn slice_indices(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "indices", 1, 1)?;
    let Value::Slice(s) = &args.pos[0] else {
        return Err(vm.type_error("expected slice"));
    };
    let n = arg_int(vm, &args.pos[1])?;
    if n < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let si = super::subscript::slice_indices(vm, s, n as usize)?;
    Ok(Value::tuple(vec![
        Value::Int(si.start),
        Value::Int(si.stop),
        Value::Int(si.step),
    ]))
}

/// Rounds a float to `nd` decimal digits exactly as CPython's `round`:
/// half-even on the exact binary value.
pub fn round_float(x: f64, nd: i64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if nd > 330 {
        return x;
    }
    if nd < -330 {
        return 0.0f64.copysign(x);
    }
    // The exact decimal expansion of |x|.
    let exact = format!("{:.1100}", x.abs());
    let (int_part, frac_part) = exact.split_once('.').unwrap_or((&exact, ""));
    let digits: Vec<u8> = int_part
        .bytes()
        .chain(frac_part.bytes())
        .map(|b| b - b'0')
        .collect();
    let point = int_part.len() as i64;
    let keep = point + nd;
    if keep < 0 {
        return 0.0f64.copysign(x);
    }
    let keep = keep as usize;
    let mut kept: Vec<u8> = digits[..keep.min(digits.len())].to_vec();
    let rest = &digits[keep.min(digits.len())..];
    let round_up = match rest.first() {
        None => false,
        Some(&d) if d > 5 => true,
        Some(&d) if d < 5 => false,
        Some(_) => {
            if rest[1..].iter().any(|&d| d != 0) {
                true
            } else {
                kept.last().map(|d| d % 2 == 1).unwrap_or(false)
            }
        }
    };
    if round_up {
        let mut i = kept.len();
        loop {
            if i == 0 {
                kept.insert(0, 1);
                break;
            }
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let mut text: String = kept.iter().map(|d| (d + b'0') as char).collect();
    if text.is_empty() {
        text.push('0');
    }
    let exp = -(nd);
    let value: f64 = format!("{text}e{exp}").parse().unwrap_or(0.0);
    value.copysign(x)
}

fn round(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let nd_kw = args.take_kw("ndigits");
    check_args(vm, &args, "round", 1, 2)?;
    let x = &args.pos[0];
    let nd = nd_kw
        .or_else(|| args.pos.get(1).cloned())
        .filter(|v| !v.is_none());
    match x {
        Value::Float(f) => match nd {
            None => {
                if f.is_nan() {
                    return Err(vm.value_error("cannot convert float NaN to integer"));
                }
                if f.is_infinite() {
                    return Err(vm.overflow_error("cannot convert float infinity to integer"));
                }
                float_to_int(vm, f.round_ties_even())
            }
            Some(n) => Ok(Value::Float(round_float(*f, arg_int(vm, &n)?))),
        },
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
            let Some(n) = nd else {
                return identity(vm, Args::new([x.clone()]));
            };
            let n = arg_int(vm, &n)?;
            if n >= 0 {
                return identity(vm, Args::new([x.clone()]));
            }
            let v = to_bigint(x).unwrap_or_default();
            let p = num_traits::pow::Pow::pow(BigInt::from(10), (-n) as u32);
            let (q, r) = v.div_mod_floor(&p);
            let twice = &r * 2;
            let q = if twice > p || (twice == p && q.is_odd()) {
                q + 1
            } else {
                q
            };
            Ok(Value::from_bigint(q * p))
        }
        _ => match call_method_opt(vm, x, known::__round__, Args::new(nd))? {
            Some(r) => Ok(r),
            None => Err(vm.type_error(format!(
                "type {} doesn't define __round__ method",
                type_name(vm, x)
            ))),
        },
    }
}

fn divmod(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "divmod", 2, 2)?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    match (a, b) {
        (Value::Float(_), _) | (_, Value::Float(_)) => {
            let x = to_f64(vm, a)?;
            let y = to_f64(vm, b)?;
            if y == 0.0 {
                return Err(vm.zero_division("float divmod()"));
            }
            let (q, r) = float_divmod(x, y);
            Ok(Value::tuple(vec![Value::Float(q), Value::Float(r)]))
        }
        _ if to_bigint(a).is_some() && to_bigint(b).is_some() => {
            let q = binary_op(vm, BinOp::FloorDiv, a, b)?;
            let r = binary_op(vm, BinOp::Mod, a, b)?;
            Ok(Value::tuple(vec![q, r]))
        }
        _ => {
            if let Some(r) = call_method_opt(vm, a, known::__divmod__, Args::new([b.clone()]))?
                && !matches!(r, Value::NotImplemented)
            {
                return Ok(r);
            }
            Err(vm.type_error(format!(
                "unsupported operand type(s) for divmod(): '{}' and '{}'",
                type_name(vm, a),
                type_name(vm, b)
            )))
        }
    }
}

fn to_f64(vm: &Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => int_to_f64(vm, b),
        _ => Err(vm.type_error(format!("must be real number, not {}", type_name(vm, v)))),
    }
}

fn pow(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let m_kw = args.take_kw("mod");
    check_args(vm, &args, "pow", 2, 3)?;
    let m = m_kw
        .or_else(|| args.pos.get(2).cloned())
        .filter(|v| !v.is_none());
    let (a, b) = (&args.pos[0], &args.pos[1]);
    let Some(m) = m else {
        return binary_op(vm, BinOp::Pow, a, b);
    };
    let (Some(x), Some(e), Some(md)) = (to_bigint(a), to_bigint(b), to_bigint(&m)) else {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    };
    if md.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let (base, exp) = if e.is_negative() {
        let inv = mod_inverse(&x.mod_floor(&md.abs()), &md.abs())
            .ok_or_else(|| vm.value_error("base is not invertible for the given modulus"))?;
        (inv, -e)
    } else {
        (x, e)
    };
    let mabs = md.abs();
    let mut r = base.modpow(&exp, &mabs);
    if md.is_negative() && !r.is_zero() {
        r += &md;
    }
    Ok(Value::from_bigint(r))
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let e = a.extended_gcd(m);
    if !e.gcd.is_one() {
        return None;
    }
    Some(e.x.mod_floor(m))
}

fn radix(vm: &Vm, args: &Args, name: &str, base: u32, prefix: &str) -> PyResult<Value> {
    check_args(vm, args, name, 1, 1)?;
    let v = match to_bigint(&args.pos[0]) {
        Some(v) => v,
        None => match call_method_opt(vm, &args.pos[0], known::__index__, Args::default())? {
            Some(i) => to_bigint(&i).unwrap_or_default(),
            None => {
                return Err(vm.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    type_name(vm, &args.pos[0])
                )));
            }
        },
    };
    let digits = v.magnitude().to_str_radix(base);
    let sign = if v.is_negative() { "-" } else { "" };
    Ok(Value::string(format!("{sign}{prefix}{digits}")))
}

fn bin(vm: &Vm, args: Args) -> PyResult<Value> {
    radix(vm, &args, "bin", 2, "0b")
}

fn oct(vm: &Vm, args: Args) -> PyResult<Value> {
    radix(vm, &args, "oct", 8, "0o")
}

fn hex(vm: &Vm, args: Args) -> PyResult<Value> {
    radix(vm, &args, "hex", 16, "0x")
}

/// Keeps `to_i64` in scope for callers converting ints.
pub fn small_int(v: &BigInt) -> Option<i64> {
    v.to_i64()
}
