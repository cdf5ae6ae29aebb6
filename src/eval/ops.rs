//! Operators: arithmetic on the numeric tower (bool < int < float), sequence
//! concatenation and repetition, set algebra, rich comparison, and the
//! dunder-method dispatch (with reflected operands) for instances.

use std::cmp::Ordering;
use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use super::attr::lookup_special;
use super::call::call;
use super::protocol::{truthy, type_name, values_equal};
use super::{Args, PyResult, Vm};
use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::intern::{Sym, known};
use crate::value::{PyTuple, Value};

/// A number as seen by arithmetic.
enum Num {
    Int(i64),
    Big(Rc<BigInt>),
    Float(f64),
}

fn as_num(v: &Value) -> Option<Num> {
    Some(match v {
        Value::Int(i) => Num::Int(*i),
        Value::Bool(b) => Num::Int(*b as i64),
        Value::BigInt(b) => Num::Big(b.clone()),
        Value::Float(f) => Num::Float(*f),
        _ => return None,
    })
}

fn big(n: &Num) -> BigInt {
    match n {
        Num::Int(i) => BigInt::from(*i),
        Num::Big(b) => (**b).clone(),
        Num::Float(_) => BigInt::zero(),
    }
}

/// Converts an int to float, raising `OverflowError` when too large.
pub fn int_to_f64(vm: &Vm, b: &BigInt) -> PyResult<f64> {
    match b.to_f64() {
        Some(f) if f.is_finite() => Ok(f),
        _ => Err(vm.overflow_error("int too large to convert to float")),
    }
}

fn to_f64(vm: &Vm, n: &Num) -> PyResult<f64> {
    match n {
        Num::Int(i) => Ok(*i as f64),
        Num::Big(b) => int_to_f64(vm, b),
        Num::Float(f) => Ok(*f),
    }
}

/// Exact comparison of an i64 with a float (`1 == 1.0`).
pub fn int_float_eq(i: i64, f: f64) -> bool {
    if f.fract() != 0.0 || !f.is_finite() {
        return false;
    }
    if f.abs() < 9.0e15 {
        return i as f64 == f;
    }
    BigInt::from(i).to_f64() == Some(f) && f.to_i128() == Some(i as i128)
}

/// `x op y` for machine ints when the result is a machine int.
#[inline(always)]
pub fn int_op(op: BinOp, x: i64, y: i64) -> Option<i64> {
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mult => x.checked_mul(y),
        BinOp::BitAnd => Some(x & y),
        BinOp::BitOr => Some(x | y),
        BinOp::BitXor => Some(x ^ y),
        BinOp::Mod if x >= 0 && y > 0 => Some(x % y),
        BinOp::FloorDiv if x >= 0 && y > 0 => Some(x / y),
        _ => int_op_slow(op, x, y),
    }
}

#[inline(never)]
fn int_op_slow(op: BinOp, x: i64, y: i64) -> Option<i64> {
    match op {
        BinOp::FloorDiv if y != 0 && !(x == i64::MIN && y == -1) => {
            Some(Integer::div_floor(&x, &y))
        }
        BinOp::Mod if y != 0 && !(x == i64::MIN && y == -1) => Some(Integer::mod_floor(&x, &y)),
        _ => None,
    }
}

/// `a op b`.
pub fn binary_op(vm: &Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    // Fast path: small ints.
    if let (Value::Int(x), Value::Int(y)) = (a, b)
        && let Some(r) = int_op(op, *x, *y)
    {
        return Ok(Value::Int(r));
    }
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        match op {
            BinOp::BitAnd => return Ok(Value::Bool(x & y)),
            BinOp::BitOr => return Ok(Value::Bool(x | y)),
            BinOp::BitXor => return Ok(Value::Bool(x ^ y)),
            _ => {}
        }
    }
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return numeric_op(vm, op, x, y);
    }
    if let Some(r) = crate::stdlib::collections::flavored_binary(vm, op, a, b, false)? {
        return Ok(r);
    }
    if let Some(r) = builtin_op(vm, op, a, b)? {
        return Ok(r);
    }
    dunder_binary(vm, op, a, b)
}

fn numeric_op(vm: &Vm, op: BinOp, x: Num, y: Num) -> PyResult<Value> {
    if matches!(x, Num::Float(_)) || matches!(y, Num::Float(_)) || op == BinOp::Div {
        if op == BinOp::Div
            && let (Num::Int(_) | Num::Big(_), Num::Int(_) | Num::Big(_)) = (&x, &y)
        {
            return int_true_div(vm, &big(&x), &big(&y)).map(Value::Float);
        }
        if matches!(
            op,
            BinOp::LShift
                | BinOp::RShift
                | BinOp::BitAnd
                | BinOp::BitOr
                | BinOp::BitXor
                | BinOp::MatMult
        ) {
            return Err(unsupported(vm, op, &num_value(&x), &num_value(&y)));
        }
        let (a, b) = (to_f64(vm, &x)?, to_f64(vm, &y)?);
        return float_op(vm, op, a, b);
    }
    let (a, b) = (big(&x), big(&y));
    Ok(match op {
        BinOp::Add => Value::from_bigint(a + b),
        BinOp::Sub => Value::from_bigint(a - b),
        BinOp::Mult => {
            vm.afford(multiply_secs(a.bits(), b.bits()))?;
            Value::from_bigint(a * b)
        }
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(vm.zero_division("integer division or modulo by zero"));
            }
            Value::from_bigint(a.div_floor(&b))
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(vm.zero_division("integer modulo by zero"));
            }
            Value::from_bigint(a.mod_floor(&b))
        }
        BinOp::Pow => return int_pow(vm, &a, &b),
        BinOp::LShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            let n = b
                .to_usize()
                .ok_or_else(|| vm.overflow_error("too many digits in integer"))?;
            if a.is_zero() {
                return Ok(Value::Int(0));
            }
            vm.reserve(n / 8 + (a.bits() / 8) as usize)?;
            Value::from_bigint(a << n)
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(vm.value_error("negative shift count"));
            }
            match b.to_usize() {
                Some(n) => Value::from_bigint(a >> n),
                None => Value::Int(if a.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::BitAnd => Value::from_bigint(a & b),
        BinOp::BitOr => Value::from_bigint(a | b),
        BinOp::BitXor => Value::from_bigint(a ^ b),
        BinOp::Div | BinOp::MatMult => {
            return Err(unsupported(vm, op, &num_value(&x), &num_value(&y)));
        }
    })
}

fn num_value(n: &Num) -> Value {
    match n {
        Num::Int(i) => Value::Int(*i),
        Num::Big(b) => Value::BigInt(b.clone()),
        Num::Float(f) => Value::Float(*f),
    }
}

/// Estimated seconds of one multiplication of ints of these sizes, for
/// [`Vm::afford`]: a single huge multiplication cannot be interrupted, so
/// under a time limit it is refused up front when it could not finish in
/// time. Calibrated on num-bigint's Toom-3 here (squaring a 2^24-bit int
/// took 0.9 s, a 2^26-bit one 5.9 s); negligible below a million bits.
fn multiply_secs(a_bits: u64, b_bits: u64) -> f64 {
    let (small, big) = (a_bits.min(b_bits) as f64, a_bits.max(b_bits) as f64);
    if small < 1e6 {
        return 0.0;
    }
    let limbs = small / 64.0;
    MULTIPLY_SECS_PER_LIMB_POWER * limbs.powf(1.465) * (big / small)
}

/// Seconds per limb^1.465 of a balanced multiplication (see
/// [`multiply_secs`]).
const MULTIPLY_SECS_PER_LIMB_POWER: f64 = 1.0e-8;

/// `a ** b` for ints: an int for `b >= 0`, a float otherwise.
fn int_pow(vm: &Vm, a: &BigInt, b: &BigInt) -> PyResult<Value> {
    if b.is_negative() {
        let base = int_to_f64(vm, a)?;
        let exp = b.to_f64().unwrap_or(f64::NEG_INFINITY);
        return float_op(vm, BinOp::Pow, base, exp);
    }
    if let (Some(x), Some(e)) = (a.to_i64(), b.to_u32())
        && let Some(r) = x.checked_pow(e)
    {
        return Ok(Value::Int(r));
    }
    let e = match b.to_u32() {
        Some(e) => e,
        None => {
            // Only 0, 1 and -1 have representable huge powers.
            if a.is_zero() || *a == BigInt::from(1) {
                return Ok(Value::from_bigint(a.clone()));
            }
            if *a == BigInt::from(-1) {
                return Ok(Value::Int(if b.is_even() { 1 } else { -1 }));
            }
            return Err(vm.new_exc(super::ExcKind::MemoryError, ""));
        }
    };
    let bits = a.bits().saturating_mul(e as u64);
    vm.reserve((bits / 8).min(usize::MAX as u64) as usize)?;
    // Squarings up to half the result, the last one dominating.
    vm.afford(1.6 * multiply_secs(bits / 2, bits / 2))?;
    Ok(Value::from_bigint(num_traits::pow::Pow::pow(a, e)))
}

/// True division of two ints, correctly rounded like CPython.
pub fn int_true_div(vm: &Vm, a: &BigInt, b: &BigInt) -> PyResult<f64> {
    if b.is_zero() {
        return Err(vm.zero_division("division by zero"));
    }
    const EXACT: u64 = 1 << 53;
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64())
        && x.unsigned_abs() <= EXACT
        && y.unsigned_abs() <= EXACT
    {
        return Ok(x as f64 / y as f64);
    }
    // Scale so the quotient has at least 55 significant bits, divide with a
    // sticky bit, and let the float conversion round once.
    let negative = a.is_negative() != b.is_negative();
    let (an, bn) = (a.abs(), b.abs());
    let shift = 55i64 + bn.bits() as i64 - an.bits() as i64;
    let (num, den) = if shift > 0 {
        (an << (shift as usize), bn)
    } else {
        (an, bn << ((-shift) as usize))
    };
    let (q, r) = num.div_rem(&den);
    let mut q = q;
    if !r.is_zero() {
        q = (q << 1usize) | BigInt::from(1);
    } else {
        q <<= 1usize;
    }
    let exp = -(shift) - 1;
    let qf = q.to_f64().unwrap_or(f64::INFINITY);
    let result = ldexp(qf, exp);
    if result.is_infinite() {
        return Err(vm.overflow_error("integer division result too large for a float"));
    }
    Ok(if negative { -result } else { result })
}

fn ldexp(x: f64, exp: i64) -> f64 {
    let mut x = x;
    let mut e = exp;
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

/// Float arithmetic with Python's semantics for `//`, `%` and `**`.
pub fn float_op(vm: &Vm, op: BinOp, a: f64, b: f64) -> PyResult<Value> {
    Ok(Value::Float(match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mult => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            a / b
        }
        BinOp::FloorDiv => {
            if b == 0.0 {
                return Err(vm.zero_division("float floor division by zero"));
            }
            float_divmod(a, b).0
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Err(vm.zero_division("float modulo"));
            }
            float_divmod(a, b).1
        }
        BinOp::Pow => return float_pow(vm, a, b),
        _ => {
            return Err(unsupported(vm, op, &Value::Float(a), &Value::Float(b)));
        }
    }))
}

/// Python's float `divmod`: floor quotient and a remainder with the sign of
/// the divisor.
pub fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(a / b)
    };
    (floordiv, m)
}

fn float_pow(vm: &Vm, a: f64, b: f64) -> PyResult<Value> {
    if a == 0.0 && b < 0.0 {
        return Err(vm.zero_division("0.0 cannot be raised to a negative power"));
    }
    if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
        return Err(vm.new_exc(
            super::ExcKind::ValueError,
            "apy does not support complex numbers (negative number raised to a fractional power)",
        ));
    }
    let r = a.powf(b);
    if r.is_infinite() && a.is_finite() && b.is_finite() {
        return Err(vm.new_exc_args(
            super::ExcKind::OverflowError,
            vec![Value::Int(34), Value::str("Numerical result out of range")],
        ));
    }
    Ok(Value::Float(r))
}

/// Operators on builtin non-numeric types: `None` if not applicable.
fn builtin_op(vm: &Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
    use Value::*;
    Ok(Some(match (op, a, b) {
        (BinOp::Add, Str(x), Str(y)) => {
            let mut s = String::with_capacity(x.as_str().len() + y.as_str().len());
            s.push_str(x.as_str());
            s.push_str(y.as_str());
            Value::string(s)
        }
        (BinOp::Add, List(x), List(y)) => {
            let mut v = x.items.borrow().clone();
            v.extend(y.items.borrow().iter().cloned());
            Value::list(v)
        }
        (BinOp::Add, Tuple(x), Tuple(y)) => {
            let mut v = x.items.to_vec();
            v.extend(y.items.iter().cloned());
            Value::tuple(v)
        }
        (BinOp::Add, Str(_) | List(_) | Tuple(_), _) if !matches!(b, Instance(_)) => {
            let t = type_name(vm, a);
            return Err(vm.type_error(format!(
                "can only concatenate {t} (not \"{}\") to {t}",
                type_name(vm, b)
            )));
        }
        (BinOp::Mult, Str(_) | List(_) | Tuple(_), _) => match repeat_count(b) {
            Some(n) => repeat(vm, a, n)?,
            Option::None if matches!(b, BigInt(_)) => return Err(too_big_repeat(vm)),
            Option::None if matches!(b, Instance(_)) => return Ok(Option::None),
            Option::None => return Err(cant_multiply(vm, b)),
        },
        (BinOp::Mult, _, Str(_) | List(_) | Tuple(_)) => match repeat_count(a) {
            Some(n) => repeat(vm, b, n)?,
            Option::None if matches!(a, BigInt(_)) => return Err(too_big_repeat(vm)),
            Option::None if matches!(a, Instance(_)) => return Ok(Option::None),
            Option::None => return Err(cant_multiply(vm, a)),
        },
        (BinOp::Mod, Str(fmt), _) => Value::string(crate::builtins::format::percent_format(
            vm,
            fmt.as_str(),
            b,
        )?),
        (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Set(x), Set(y)) => {
            crate::builtins::set::set_operator(vm, op, x, y)?
        }
        (BinOp::BitOr, Dict(x), Dict(y)) => {
            let d = x.copy();
            for (k, v) in y.items() {
                d.set(vm, k, v)?;
            }
            Value::Dict(Rc::new(d))
        }
        _ => return Ok(Option::None),
    }))
}

fn repeat_count(v: &Value) -> Option<i64> {
    match v {
        Value::Int(n) => Some(*n),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

fn cant_multiply(vm: &Vm, v: &Value) -> super::Exc {
    vm.type_error(format!(
        "can't multiply sequence by non-int of type '{}'",
        type_name(vm, v)
    ))
}

fn too_big_repeat(vm: &Vm) -> super::Exc {
    vm.overflow_error("cannot fit 'int' into an index-sized integer")
}

/// `seq * n` for str, list and tuple.
fn repeat(vm: &Vm, seq: &Value, n: i64) -> PyResult<Value> {
    if let Value::Str(s) = seq {
        return crate::builtins::str::repeat(vm, s, n);
    }
    let n = n.max(0) as usize;
    let len = match seq {
        Value::List(l) => l.items.borrow().len(),
        Value::Tuple(t) => t.items.len(),
        _ => 0,
    };
    if len
        .checked_mul(n)
        .map(|total| total > (1 << 32))
        .unwrap_or(true)
    {
        return Err(vm.new_exc_args(super::ExcKind::MemoryError, vec![]));
    }
    vm.reserve(len * n * std::mem::size_of::<Value>())?;
    Ok(match seq {
        Value::List(l) => {
            let items = l.items.borrow();
            let mut v = Vec::with_capacity(items.len() * n);
            for _ in 0..n {
                v.extend(items.iter().cloned());
            }
            Value::list(v)
        }
        Value::Tuple(t) => {
            let mut v = Vec::with_capacity(t.items.len() * n);
            for _ in 0..n {
                v.extend(t.items.iter().cloned());
            }
            Value::tuple(v)
        }
        _ => Value::None,
    })
}

/// The dunder names of a binary operator: (`__add__`, `__radd__`, `__iadd__`).
pub fn dunders(op: BinOp) -> (Sym, Sym, Sym) {
    use known::*;
    match op {
        BinOp::Add => (__add__, __radd__, __iadd__),
        BinOp::Sub => (__sub__, __rsub__, __isub__),
        BinOp::Mult => (__mul__, __rmul__, __imul__),
        BinOp::MatMult => (__matmul__, __rmatmul__, __imatmul__),
        BinOp::Div => (__truediv__, __rtruediv__, __itruediv__),
        BinOp::Mod => (__mod__, __rmod__, __imod__),
        BinOp::Pow => (__pow__, __rpow__, __ipow__),
        BinOp::LShift => (__lshift__, __rlshift__, __ilshift__),
        BinOp::RShift => (__rshift__, __rrshift__, __irshift__),
        BinOp::BitOr => (__or__, __ror__, __ior__),
        BinOp::BitXor => (__xor__, __rxor__, __ixor__),
        BinOp::BitAnd => (__and__, __rand__, __iand__),
        BinOp::FloorDiv => (__floordiv__, __rfloordiv__, __ifloordiv__),
    }
}

fn unsupported(vm: &Vm, op: BinOp, a: &Value, b: &Value) -> super::Exc {
    let sym = if op == BinOp::Pow {
        "** or pow()"
    } else {
        op.symbol()
    };
    vm.type_error(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        type_name(vm, a),
        type_name(vm, b)
    ))
}

fn call_dunder(vm: &Vm, obj: &Value, name: Sym, arg: &Value) -> PyResult<Option<Value>> {
    match lookup_special(vm, obj, name) {
        Some(f) => {
            let r = call(vm, &f, Args::new([obj.clone(), arg.clone()]))?;
            Ok(if matches!(r, Value::NotImplemented) {
                None
            } else {
                Some(r)
            })
        }
        None => Ok(None),
    }
}

/// Dispatches `a op b` to `__op__`/`__rop__`.
fn dunder_binary(vm: &Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let (forward, reflected, _) = dunders(op);
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let same = Rc::ptr_eq(&ta, &tb);
    // A subclass's reflected method goes first.
    let b_first = !same && tb.is_subtype(&ta) && tb.lookup(reflected).is_some();
    if b_first && let Some(r) = call_dunder(vm, b, reflected, a)? {
        return Ok(r);
    }
    if let Some(r) = call_dunder(vm, a, forward, b)? {
        return Ok(r);
    }
    if !same
        && !b_first
        && let Some(r) = call_dunder(vm, b, reflected, a)?
    {
        return Ok(r);
    }
    Err(unsupported(vm, op, a, b))
}

/// `a op= b`: tries `__iop__` first, then the plain operator.
pub fn inplace_op(vm: &Vm, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    if let (Value::Int(_), Value::Int(_)) = (a, b) {
        return binary_op(vm, op, a, b);
    }
    if let Some(r) = crate::stdlib::collections::flavored_binary(vm, op, a, b, true)? {
        return Ok(r);
    }
    match (op, a) {
        (BinOp::Add, Value::List(l)) => {
            let mut items = Vec::new();
            super::iter::extend_from_iterable(vm, &mut items, b)?;
            l.items.borrow_mut().extend(items);
            return Ok(a.clone());
        }
        (BinOp::Mult, Value::List(l)) => {
            if let Some(n) = repeat_count(b) {
                let n = n.max(0) as usize;
                let mut items = l.items.borrow_mut();
                let orig = items.clone();
                items.clear();
                for _ in 0..n {
                    items.extend(orig.iter().cloned());
                }
                return Ok(a.clone());
            }
        }
        (BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor, Value::Set(s))
            if matches!(b, Value::Set(_)) =>
        {
            if let Value::Set(other) = b {
                crate::builtins::set::set_inplace(vm, op, s, other)?;
                return Ok(a.clone());
            }
        }
        (BinOp::BitOr, Value::Dict(d)) => {
            crate::builtins::dict::update_from(vm, d, b)?;
            return Ok(a.clone());
        }
        (_, Value::Instance(_)) => {
            let (_, _, iname) = dunders(op);
            if let Some(r) = call_dunder(vm, a, iname, b)? {
                return Ok(r);
            }
        }
        _ => {}
    }
    binary_op(vm, op, a, b)
}

/// Unary `-x`, `+x`, `~x`, `not x`.
pub fn unary_op(vm: &Vm, op: UnaryOp, v: &Value) -> PyResult<Value> {
    if let Some(r) = crate::stdlib::collections::flavored_unary(vm, op, v)? {
        return Ok(r);
    }
    Ok(match (op, v) {
        (UnaryOp::Not, _) => Value::Bool(!truthy(vm, v)?),
        (UnaryOp::USub, Value::Int(i)) => match i.checked_neg() {
            Some(n) => Value::Int(n),
            None => Value::from_bigint(-BigInt::from(*i)),
        },
        (UnaryOp::USub, Value::Bool(b)) => Value::Int(-(*b as i64)),
        (UnaryOp::USub, Value::BigInt(b)) => Value::from_bigint(-(**b).clone()),
        (UnaryOp::USub, Value::Float(f)) => Value::Float(-f),
        (UnaryOp::UAdd, Value::Int(_) | Value::BigInt(_) | Value::Float(_)) => v.clone(),
        (UnaryOp::UAdd, Value::Bool(b)) => Value::Int(*b as i64),
        (UnaryOp::Invert, Value::Int(i)) => Value::Int(!i),
        (UnaryOp::Invert, Value::Bool(b)) => Value::Int(!(*b as i64)),
        (UnaryOp::Invert, Value::BigInt(b)) => Value::from_bigint(!(**b).clone()),
        (_, Value::Instance(_)) => {
            let name = match op {
                UnaryOp::USub => known::__neg__,
                UnaryOp::UAdd => known::__pos__,
                _ => known::__invert__,
            };
            match lookup_special(vm, v, name) {
                Some(f) => return call(vm, &f, Args::new([v.clone()])),
                None => return Err(bad_unary(vm, op, v)),
            }
        }
        _ => return Err(bad_unary(vm, op, v)),
    })
}

fn bad_unary(vm: &Vm, op: UnaryOp, v: &Value) -> super::Exc {
    let sym = match op {
        UnaryOp::USub => "-",
        UnaryOp::UAdd => "+",
        UnaryOp::Invert => "~",
        UnaryOp::Not => "not",
    };
    vm.type_error(format!(
        "bad operand type for unary {sym}: '{}'",
        type_name(vm, v)
    ))
}

/// `a op b` for comparison operators.
pub fn compare(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
    match op {
        CmpOp::Is => return Ok(Value::Bool(a.is(b))),
        CmpOp::IsNot => return Ok(Value::Bool(!a.is(b))),
        CmpOp::In => return Ok(Value::Bool(super::protocol::contains(vm, b, a)?)),
        CmpOp::NotIn => return Ok(Value::Bool(!super::protocol::contains(vm, b, a)?)),
        _ => {}
    }
    // Fast path: ints.
    if let (Value::Int(x), Value::Int(y)) = (a, b) {
        return Ok(Value::Bool(ord_matches(op, x.cmp(y))));
    }
    if let Some(r) = crate::stdlib::collections::flavored_compare(vm, op, a, b)? {
        return Ok(Value::Bool(r));
    }
    if let Some(r) = builtin_compare(vm, op, a, b)? {
        return Ok(Value::Bool(r));
    }
    rich_compare(vm, op, a, b)
}

/// `x op y` for machine ints; `None` for `is`/`in` and their negations.
#[inline(always)]
pub fn int_compare(op: CmpOp, x: i64, y: i64) -> Option<bool> {
    Some(match op {
        CmpOp::Eq => x == y,
        CmpOp::NotEq => x != y,
        CmpOp::Lt => x < y,
        CmpOp::LtE => x <= y,
        CmpOp::Gt => x > y,
        CmpOp::GtE => x >= y,
        _ => return None,
    })
}

/// `bool(a op b)`, as a condition uses a comparison.
#[inline]
pub fn compare_bool(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
    match op {
        CmpOp::Is => return Ok(a.is(b)),
        CmpOp::IsNot => return Ok(!a.is(b)),
        _ => {}
    }
    if let (Value::Int(x), Value::Int(y)) = (a, b)
        && !matches!(op, CmpOp::In | CmpOp::NotIn)
    {
        return Ok(ord_matches(op, x.cmp(y)));
    }
    compare_bool_slow(vm, op, a, b)
}

/// [`compare_bool`] past its fast paths (`is`/`is not` never get here).
#[inline(never)]
fn compare_bool_slow(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<bool> {
    match op {
        CmpOp::In => return super::protocol::contains(vm, b, a),
        CmpOp::NotIn => return Ok(!super::protocol::contains(vm, b, a)?),
        _ => {}
    }
    if let Some(r) = builtin_compare(vm, op, a, b)? {
        return Ok(r);
    }
    let r = rich_compare(vm, op, a, b)?;
    truthy(vm, &r)
}

#[inline]
fn ord_matches(op: CmpOp, o: Ordering) -> bool {
    match op {
        CmpOp::Eq => o == Ordering::Equal,
        CmpOp::NotEq => o != Ordering::Equal,
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::LtE => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::GtE => o != Ordering::Less,
        _ => false,
    }
}

/// Compares two numbers; `None` when either is NaN.
fn num_cmp(a: &Num, b: &Num) -> Option<Ordering> {
    match (a, b) {
        (Num::Int(x), Num::Int(y)) => Some(x.cmp(y)),
        (Num::Float(x), Num::Float(y)) => x.partial_cmp(y),
        (Num::Float(x), other) => num_cmp(other, &Num::Float(*x)).map(Ordering::reverse),
        (other, Num::Float(y)) => {
            if y.is_nan() {
                return None;
            }
            if y.is_infinite() {
                return Some(if *y > 0.0 {
                    Ordering::Less
                } else {
                    Ordering::Greater
                });
            }
            // Compare exactly: floor(y) as a big int, then the fraction.
            let fl = y.floor();
            let fb = num_bigint::BigInt::from(fl as i128);
            let fb = if fl.abs() < 1e38 {
                fb
            } else {
                num_traits::FromPrimitive::from_f64(fl).unwrap_or_default()
            };
            let x = big(other);
            match x.cmp(&fb) {
                Ordering::Equal if y.fract() != 0.0 => Some(Ordering::Less),
                o => Some(o),
            }
        }
        (x, y) => Some(big(x).cmp(&big(y))),
    }
}

fn builtin_compare(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
    use Value::*;
    if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
        return Ok(Some(match num_cmp(&x, &y) {
            Some(o) => ord_matches(op, o),
            Option::None => op == CmpOp::NotEq,
        }));
    }
    if let (Str(x), Str(y)) = (a, b) {
        return Ok(Some(ord_matches(op, x.as_str().cmp(y.as_str()))));
    }
    if matches!(
        (a, b),
        (List(_), List(_)) | (Tuple(_), Tuple(_)) | (Set(_), Set(_)) | (Dict(_), Dict(_))
    ) {
        // CPython's PyObject_RichCompare: a level of the recursion limit
        // per nested container.
        let _level = vm.enter_c(super::depth::IN_COMPARISON)?;
        return super::depth::guarded(vm, || container_compare(vm, op, a, b));
    }
    container_compare(vm, op, a, b)
}

/// Comparison of builtin containers and the remaining builtin cases.
fn container_compare(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
    use Value::*;
    Ok(Some(match (a, b) {
        (List(x), List(y)) => {
            let (xs, ys) = (x.items.borrow().clone(), y.items.borrow().clone());
            return sequence_compare(vm, op, &xs, &ys).map(Some);
        }
        (Tuple(x), Tuple(y)) => return sequence_compare(vm, op, &x.items, &y.items).map(Some),
        (Set(x), Set(y)) => return crate::builtins::set::set_compare(vm, op, x, y).map(Some),
        (Dict(x), Dict(y)) if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
            let eq = crate::builtins::dict::dict_equal(vm, x, y)?;
            eq == (op == CmpOp::Eq)
        }
        (Range(x), Range(y)) if matches!(op, CmpOp::Eq | CmpOp::NotEq) => {
            let eq = x.len() == y.len()
                && (x.is_empty() || (x.start == y.start && (x.len() == 1 || x.step == y.step)));
            eq == (op == CmpOp::Eq)
        }
        (Instance(_), _) | (_, Instance(_)) => return Ok(Option::None),
        (Native(n), _) if matches!(op, CmpOp::Eq | CmpOp::NotEq) => match n.eq(vm, b) {
            Some(r) => r? == (op == CmpOp::Eq),
            Option::None => a.is(b) == (op == CmpOp::Eq),
        },
        _ => match op {
            CmpOp::Eq => a.is(b),
            CmpOp::NotEq => !a.is(b),
            _ => return Err(not_supported(vm, op, a, b)),
        },
    }))
}

fn op_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        _ => "?",
    }
}

fn not_supported(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> super::Exc {
    vm.type_error(format!(
        "'{}' not supported between instances of '{}' and '{}'",
        op_symbol(op),
        type_name(vm, a),
        type_name(vm, b)
    ))
}

/// Lexicographic comparison of lists and tuples.
pub fn sequence_compare(vm: &Vm, op: CmpOp, xs: &[Value], ys: &[Value]) -> PyResult<bool> {
    let n = xs.len().min(ys.len());
    for i in 0..n {
        if !values_equal(vm, &xs[i], &ys[i])? {
            return match op {
                CmpOp::Eq => Ok(false),
                CmpOp::NotEq => Ok(true),
                _ => {
                    let r = compare(vm, op, &xs[i], &ys[i])?;
                    truthy(vm, &r)
                }
            };
        }
    }
    Ok(ord_matches(op, xs.len().cmp(&ys.len())))
}

fn cmp_dunders(op: CmpOp) -> (Sym, Sym) {
    use known::*;
    match op {
        CmpOp::Eq => (__eq__, __eq__),
        CmpOp::NotEq => (__ne__, __ne__),
        CmpOp::Lt => (__lt__, __gt__),
        CmpOp::LtE => (__le__, __ge__),
        CmpOp::Gt => (__gt__, __lt__),
        _ => (__ge__, __le__),
    }
}

/// Comparison through `__eq__`/`__lt__`/... with reflection, one level of
/// the recursion limit deep (CPython's PyObject_RichCompare).
fn rich_compare(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
    let _level = vm.enter_c(super::depth::IN_COMPARISON)?;
    let (forward, reflected) = cmp_dunders(op);
    let ta = vm.type_of(a);
    let tb = vm.type_of(b);
    let b_first = !Rc::ptr_eq(&ta, &tb) && tb.is_subtype(&ta);
    if b_first && let Some(r) = user_cmp(vm, b, reflected, a)? {
        return Ok(r);
    }
    if let Some(r) = user_cmp(vm, a, forward, b)? {
        return Ok(r);
    }
    if !b_first && let Some(r) = user_cmp(vm, b, reflected, a)? {
        return Ok(r);
    }
    match op {
        CmpOp::Eq => Ok(Value::Bool(a.is(b))),
        CmpOp::NotEq => {
            // Default __ne__ inverts __eq__.
            if let Some(r) = user_cmp(vm, a, known::__eq__, b)? {
                return Ok(Value::Bool(!truthy(vm, &r)?));
            }
            Ok(Value::Bool(!a.is(b)))
        }
        _ => Err(not_supported(vm, op, a, b)),
    }
}

/// Calls a user-defined comparison method, if the class defines one (not
/// the `object` defaults).
fn user_cmp(vm: &Vm, obj: &Value, name: Sym, other: &Value) -> PyResult<Option<Value>> {
    if !matches!(obj, Value::Instance(_)) {
        return Ok(None);
    }
    match lookup_special(vm, obj, name) {
        Some(Value::Builtin(_)) | None => Ok(None),
        Some(f) => {
            let r = call(vm, &f, Args::new([obj.clone(), other.clone()]))?;
            Ok(if matches!(r, Value::NotImplemented) {
                None
            } else {
                Some(r)
            })
        }
    }
}

/// A tuple value from items (helper for builtins returning pairs).
pub fn pair(a: Value, b: Value) -> Value {
    Value::Tuple(Rc::new(PyTuple::new(vec![a, b])))
}
