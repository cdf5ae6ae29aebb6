//! `math`: the functions of CPython's `math` module, computed with the
//! system libm (the same functions CPython calls) so float results are
//! bit-identical, with CPython's argument handling and error messages.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::builtins::{add_module_fn, new_module};
use crate::eval::attr::call_method_opt;
use crate::eval::iter::PyIter;
use crate::eval::protocol::type_name;
use crate::eval::{Args, PyResult, Vm};
use crate::intern::{Sym, known};
use crate::value::Value;

/// The C library's math functions (glibc libm, which CPython uses too).
mod libm {
    unsafe extern "C" {
        pub safe fn sin(x: f64) -> f64;
        pub safe fn cos(x: f64) -> f64;
        pub safe fn tan(x: f64) -> f64;
        pub safe fn asin(x: f64) -> f64;
        pub safe fn acos(x: f64) -> f64;
        pub safe fn atan(x: f64) -> f64;
        pub safe fn atan2(y: f64, x: f64) -> f64;
        pub safe fn sinh(x: f64) -> f64;
        pub safe fn cosh(x: f64) -> f64;
        pub safe fn tanh(x: f64) -> f64;
        pub safe fn asinh(x: f64) -> f64;
        pub safe fn acosh(x: f64) -> f64;
        pub safe fn atanh(x: f64) -> f64;
        pub safe fn exp(x: f64) -> f64;
        pub safe fn exp2(x: f64) -> f64;
        pub safe fn expm1(x: f64) -> f64;
        pub safe fn log(x: f64) -> f64;
        pub safe fn log2(x: f64) -> f64;
        pub safe fn log10(x: f64) -> f64;
        pub safe fn log1p(x: f64) -> f64;
        pub safe fn sqrt(x: f64) -> f64;
        pub safe fn pow(x: f64, y: f64) -> f64;
        pub safe fn fmod(x: f64, y: f64) -> f64;
        pub safe fn remainder(x: f64, y: f64) -> f64;
        pub safe fn erf(x: f64) -> f64;
        pub safe fn erfc(x: f64) -> f64;
        pub safe fn ldexp(x: f64, e: i32) -> f64;
        pub safe fn nextafter(x: f64, y: f64) -> f64;
        pub safe fn floor(x: f64) -> f64;
        pub safe fn ceil(x: f64) -> f64;
        fn dlsym(
            handle: *mut std::ffi::c_void,
            name: *const std::ffi::c_char,
        ) -> *mut std::ffi::c_void;
    }

    /// `cbrt` from the C library. Rust's runtime bundles its own `cbrt`,
    /// which the linker prefers over libm's and which rounds differently,
    /// so libm's is looked up at run time.
    pub fn cbrt(x: f64) -> f64 {
        use std::sync::OnceLock;
        static CBRT: OnceLock<Option<extern "C" fn(f64) -> f64>> = OnceLock::new();
        let f = CBRT.get_or_init(|| {
            // SAFETY: `dlsym` with RTLD_DEFAULT (null) and a NUL-terminated
            // name; a non-null result is libm's `double cbrt(double)`.
            unsafe {
                let p = dlsym(std::ptr::null_mut(), c"cbrt".as_ptr());
                if p.is_null() {
                    None
                } else {
                    Some(std::mem::transmute::<
                        *mut std::ffi::c_void,
                        extern "C" fn(f64) -> f64,
                    >(p))
                }
            }
        });
        match f {
            Some(f) => f(x),
            None => x.cbrt(),
        }
    }
}

/// Creates the `math` module.
pub fn module(_vm: &Vm) -> Value {
    let m = new_module("math");
    {
        let mut d = m.dict.borrow_mut();
        d.insert(Sym::new("pi"), Value::Float(std::f64::consts::PI));
        d.insert(Sym::new("e"), Value::Float(std::f64::consts::E));
        d.insert(Sym::new("tau"), Value::Float(std::f64::consts::TAU));
        d.insert(Sym::new("inf"), Value::Float(f64::INFINITY));
        d.insert(Sym::new("nan"), Value::Float(f64::NAN));
    }
    macro_rules! unary {
        ($($name:literal => $f:expr, $overflow:expr;)*) => {
            $(add_module_fn(&m, "math", $name, |vm, args| {
                let x = one_float(vm, &args, $name)?;
                math_1(vm, x, |v| $f(v), $overflow)
            });)*
        };
    }
    unary! {
        "acos" => libm::acos, false;
        "acosh" => libm::acosh, false;
        "asin" => libm::asin, false;
        "asinh" => libm::asinh, false;
        "atan" => libm::atan, false;
        "atanh" => libm::atanh, false;
        "cbrt" => libm::cbrt, false;
        "cos" => libm::cos, false;
        "cosh" => libm::cosh, true;
        "erf" => libm::erf, false;
        "erfc" => libm::erfc, false;
        "exp" => libm::exp, true;
        "exp2" => libm::exp2, true;
        "expm1" => libm::expm1, true;
        "fabs" => f64::abs, false;
        "log1p" => libm::log1p, false;
        "sin" => libm::sin, false;
        "sinh" => libm::sinh, true;
        "sqrt" => libm::sqrt, false;
        "tan" => libm::tan, false;
        "tanh" => libm::tanh, false;
    }
    add_module_fn(&m, "math", "ceil", ceil);
    add_module_fn(&m, "math", "floor", floor);
    add_module_fn(&m, "math", "trunc", trunc);
    add_module_fn(&m, "math", "degrees", degrees);
    add_module_fn(&m, "math", "radians", radians);
    add_module_fn(&m, "math", "isfinite", isfinite);
    add_module_fn(&m, "math", "isinf", isinf);
    add_module_fn(&m, "math", "isnan", isnan);
    add_module_fn(&m, "math", "frexp", frexp);
    add_module_fn(&m, "math", "modf", modf);
    add_module_fn(&m, "math", "ulp", ulp);
    add_module_fn(&m, "math", "log", log);
    add_module_fn(&m, "math", "log2", log2);
    add_module_fn(&m, "math", "log10", log10);
    add_module_fn(&m, "math", "atan2", atan2);
    add_module_fn(&m, "math", "copysign", copysign);
    add_module_fn(&m, "math", "fmod", fmod);
    add_module_fn(&m, "math", "remainder", remainder);
    add_module_fn(&m, "math", "pow", pow);
    add_module_fn(&m, "math", "ldexp", ldexp);
    add_module_fn(&m, "math", "nextafter", nextafter);
    add_module_fn(&m, "math", "hypot", hypot);
    add_module_fn(&m, "math", "dist", dist);
    add_module_fn(&m, "math", "isclose", isclose);
    add_module_fn(&m, "math", "fsum", fsum);
    add_module_fn(&m, "math", "prod", prod);
    add_module_fn(&m, "math", "factorial", factorial);
    add_module_fn(&m, "math", "gcd", gcd);
    add_module_fn(&m, "math", "lcm", lcm);
    add_module_fn(&m, "math", "isqrt", isqrt);
    add_module_fn(&m, "math", "comb", comb);
    add_module_fn(&m, "math", "perm", perm);
    add_module_fn(&m, "math", "gamma", gamma);
    add_module_fn(&m, "math", "lgamma", lgamma);
    Value::Module(m)
}

// ----- argument handling -------------------------------------------------

fn domain_error(vm: &Vm) -> crate::eval::Exc {
    vm.value_error("math domain error")
}

fn range_error(vm: &Vm) -> crate::eval::Exc {
    vm.overflow_error("math range error")
}

/// The single argument of a one-argument function (`math.sqrt(x)`).
fn one_arg<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<&'a Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("math.{name}() takes no keyword arguments")));
    }
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    Ok(&args.pos[0])
}

fn one_float(vm: &Vm, args: &Args, name: &str) -> PyResult<f64> {
    let v = one_arg(vm, args, name)?;
    to_f64(vm, v)
}

/// The two arguments of a two-argument function (`math.atan2(y, x)`).
fn two_args<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("math.{name}() takes no keyword arguments")));
    }
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "{name} expected 2 arguments, got {}",
            args.pos.len()
        )));
    }
    Ok((&args.pos[0], &args.pos[1]))
}

fn two_floats(vm: &Vm, args: &Args, name: &str) -> PyResult<(f64, f64)> {
    let (a, b) = two_args(vm, args, name)?;
    Ok((to_f64(vm, a)?, to_f64(vm, b)?))
}

/// `PyFloat_AsDouble`: floats, ints, and objects with `__float__` or
/// `__index__`.
pub fn to_f64(vm: &Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => crate::eval::ops::int_to_f64(vm, b),
        Value::Instance(_) => {
            if let Some(r) = call_method_opt(vm, v, known::__float__, Args::default())? {
                return match r {
                    Value::Float(f) => Ok(f),
                    other => Err(vm.type_error(format!(
                        "{}.__float__ returned non-float (type {})",
                        type_name(vm, v),
                        type_name(vm, &other)
                    ))),
                };
            }
            if let Some(r) = call_method_opt(vm, v, known::__index__, Args::default())? {
                return match &r {
                    Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => to_f64(vm, &r),
                    other => Err(vm.type_error(format!(
                        "__index__ returned non-int (type {})",
                        type_name(vm, other)
                    ))),
                };
            }
            Err(not_real(vm, v))
        }
        _ => Err(not_real(vm, v)),
    }
}

fn not_real(vm: &Vm, v: &Value) -> crate::eval::Exc {
    vm.type_error(format!("must be real number, not {}", type_name(vm, v)))
}

/// `PyNumber_Index`: an int, or an object with `__index__`.
pub fn to_index(vm: &Vm, v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::BigInt(b) => Ok((**b).clone()),
        Value::Instance(_) => match call_method_opt(vm, v, known::__index__, Args::default())? {
            Some(r @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_))) => to_index(vm, &r),
            Some(other) => Err(vm.type_error(format!(
                "__index__ returned non-int (type {})",
                type_name(vm, &other)
            ))),
            None => Err(not_integer(vm, v)),
        },
        _ => Err(not_integer(vm, v)),
    }
}

fn not_integer(vm: &Vm, v: &Value) -> crate::eval::Exc {
    vm.type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        type_name(vm, v)
    ))
}

/// CPython's `math_1`: applies `f`, turning a NaN from a non-NaN argument
/// into a domain error and an infinity from a finite one into a range
/// error (`can_overflow`) or a domain error.
fn math_1(vm: &Vm, x: f64, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error(vm)
        } else {
            domain_error(vm)
        });
    }
    Ok(Value::Float(r))
}

// ----- rounding ----------------------------------------------------------

fn round_with(vm: &Vm, args: &Args, name: &str, dunder: Sym, f: fn(f64) -> f64) -> PyResult<Value> {
    let v = one_arg(vm, args, name)?;
    match v {
        Value::Float(x) => crate::builtins::numbers::float_to_int(vm, f(*x)),
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Instance(_) => match call_method_opt(vm, v, dunder, Args::default())? {
            Some(r) => Ok(r),
            None => crate::builtins::numbers::float_to_int(vm, f(to_f64(vm, v)?)),
        },
        _ => crate::builtins::numbers::float_to_int(vm, f(to_f64(vm, v)?)),
    }
}

fn ceil(vm: &Vm, args: Args) -> PyResult<Value> {
    round_with(vm, &args, "ceil", known::__ceil__, |v| libm::ceil(v))
}

fn floor(vm: &Vm, args: Args) -> PyResult<Value> {
    round_with(vm, &args, "floor", known::__floor__, |v| libm::floor(v))
}

fn trunc(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, &args, "trunc")?;
    match v {
        Value::Float(x) => crate::builtins::numbers::float_to_int(vm, x.trunc()),
        Value::Int(_) | Value::BigInt(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Instance(_) => match call_method_opt(vm, v, known::__trunc__, Args::default())? {
            Some(r) => Ok(r),
            None => Err(no_trunc(vm, v)),
        },
        _ => Err(no_trunc(vm, v)),
    }
}

fn no_trunc(vm: &Vm, v: &Value) -> crate::eval::Exc {
    vm.type_error(format!(
        "type {} doesn't define __trunc__ method",
        type_name(vm, v)
    ))
}

// ----- simple float functions --------------------------------------------

fn degrees(vm: &Vm, args: Args) -> PyResult<Value> {
    let x = one_float(vm, &args, "degrees")?;
    Ok(Value::Float(x * (180.0 / std::f64::consts::PI)))
}

fn radians(vm: &Vm, args: Args) -> PyResult<Value> {
    let x = one_float(vm, &args, "radians")?;
    Ok(Value::Float(x * (std::f64::consts::PI / 180.0)))
}

fn isfinite(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(vm, &args, "isfinite")?.is_finite()))
}

fn isinf(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(vm, &args, "isinf")?.is_infinite()))
}

fn isnan(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(one_float(vm, &args, "isnan")?.is_nan()))
}

/// C's `frexp`: a mantissa in [0.5, 1) and a power of two.
pub fn frexp_f64(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (m, e) = frexp_f64(x * f64::from_bits(0x4350_0000_0000_0000)); // 2**54
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

fn frexp(vm: &Vm, args: Args) -> PyResult<Value> {
    let x = one_float(vm, &args, "frexp")?;
    let (m, e) = frexp_f64(x);
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e as i64)]))
}

fn modf(vm: &Vm, args: Args) -> PyResult<Value> {
    let x = one_float(vm, &args, "modf")?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let t = x.trunc();
        ((x - t).copysign(x), t)
    };
    Ok(Value::tuple(vec![Value::Float(frac), Value::Float(int)]))
}

fn ulp(vm: &Vm, args: Args) -> PyResult<Value> {
    let x = one_float(vm, &args, "ulp")?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(Value::Float(x));
    }
    let x2 = libm::nextafter(x, f64::INFINITY);
    if x2.is_infinite() {
        let x2 = libm::nextafter(x, f64::NEG_INFINITY);
        return Ok(Value::Float(x - x2));
    }
    Ok(Value::Float(x2 - x))
}

// ----- logarithms --------------------------------------------------------

fn m_log(x: f64) -> f64 {
    libm::log(x)
}

/// CPython's `loghelper`: ints of any size, floats otherwise.
fn loghelper(vm: &Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    let big = match v {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::Bool(b) => Some(BigInt::from(*b as i64)),
        Value::BigInt(b) => Some((**b).clone()),
        _ => None,
    };
    if let Some(b) = big {
        if b.sign() != Sign::Plus {
            return Err(domain_error(vm));
        }
        return Ok(match b.to_f64() {
            Some(x) if x.is_finite() => f(x),
            _ => {
                // Too large for a float: log(m * 2**e) = log(m) + e*log(2).
                let (m, e) = big_frexp(&b);
                f(m) + f(2.0) * e as f64
            }
        });
    }
    let x = to_f64(vm, v)?;
    if x.is_nan() || x == f64::INFINITY {
        return Ok(x);
    }
    if x <= 0.0 {
        return Err(domain_error(vm));
    }
    Ok(f(x))
}

/// A positive big int as `m * 2**e` with `m` in [0.5, 1), `m` rounded
/// half-to-even to 53 bits.
fn big_frexp(b: &BigInt) -> (f64, u64) {
    let bits = b.bits();
    let shift = bits.saturating_sub(55);
    let top = (b >> shift as usize).to_u64().unwrap_or(0);
    // 55 significant bits; sticky bit for anything shifted out.
    let sticky = if shift > 0
        && (b.clone() & ((BigInt::one() << shift as usize) - 1u32)) != BigInt::zero()
    {
        1
    } else {
        0
    };
    let v = (top | sticky) as f64; // rounds once to 53 bits
    let (m, e) = frexp_f64(v);
    (m, e as u64 + shift)
}

fn log(vm: &Vm, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("log() takes no keyword arguments"));
    }
    if args.pos.is_empty() || args.pos.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(vm, &args.pos[0], m_log)?;
    match args.pos.get(1) {
        None => Ok(Value::Float(num)),
        Some(base) => {
            let den = loghelper(vm, base, m_log)?;
            if den == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            Ok(Value::Float(num / den))
        }
    }
}

fn log2(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, &args, "log2")?;
    Ok(Value::Float(loghelper(vm, v, |x| libm::log2(x))?))
}

fn log10(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, &args, "log10")?;
    Ok(Value::Float(loghelper(vm, v, |x| libm::log10(x))?))
}

// ----- two-argument float functions ----------------------------------------

fn atan2(vm: &Vm, args: Args) -> PyResult<Value> {
    let (y, x) = two_floats(vm, &args, "atan2")?;
    Ok(Value::Float(libm::atan2(y, x)))
}

fn copysign(vm: &Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(vm: &Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = libm::fmod(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error(vm));
    }
    Ok(Value::Float(r))
}

fn remainder(vm: &Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "remainder")?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    if y.is_nan() {
        return Ok(Value::Float(y));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain_error(vm));
    }
    if y.is_infinite() {
        return Ok(Value::Float(x));
    }
    Ok(Value::Float(libm::remainder(x, y)))
}

fn pow(vm: &Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "pow")?;
    let r;
    if !x.is_finite() || !y.is_finite() {
        r = if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && libm::fmod(y.abs(), 2.0) == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
    } else {
        r = libm::pow(x, y);
        if r.is_nan() {
            return Err(domain_error(vm));
        }
        if r.is_infinite() {
            return Err(if x == 0.0 {
                domain_error(vm)
            } else {
                range_error(vm)
            });
        }
    }
    Ok(Value::Float(r))
}

fn ldexp(vm: &Vm, args: Args) -> PyResult<Value> {
    let (xv, iv) = two_args(vm, &args, "ldexp")?;
    let x = to_f64(vm, xv)?;
    let i = match iv {
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => to_index(vm, iv)?,
        _ => return Err(vm.type_error("Expected an int as second argument to ldexp.")),
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = match i.to_i32() {
        Some(e) => libm::ldexp(x, e),
        None if i.is_positive() => return Err(range_error(vm)),
        None => 0.0f64.copysign(x),
    };
    if r.is_infinite() {
        return Err(range_error(vm));
    }
    Ok(Value::Float(r))
}

fn nextafter(vm: &Vm, args: Args) -> PyResult<Value> {
    let (x, y) = two_floats(vm, &args, "nextafter")?;
    Ok(Value::Float(libm::nextafter(x, y)))
}

// ----- norms ---------------------------------------------------------------

/// CPython 3.11's `vector_norm`: the Euclidean norm of `vec` (absolute
/// values, `max` their maximum), accurate to within 1 ulp and computed
/// exactly as CPython does so results match bit for bit.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    const T27: f64 = 134_217_729.0; // 2**27 + 1
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp_f64(max);
    if max_e < -1023 {
        for v in vec.iter_mut() {
            *v /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = libm::ldexp(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    for &v in vec.iter() {
        let x = v * scale;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;
        let x = hi * hi;
        let old = csum;
        csum += x;
        frac1 += (old - csum) + x;
        let x = 2.0 * hi * lo;
        let old = csum;
        csum += x;
        frac2 += (old - csum) + x;
        frac3 += lo * lo;
    }
    let mut h = libm::sqrt(csum - 1.0 + (frac1 + frac2 + frac3));
    let x = h;
    let t = x * T27;
    let hi = t - (t - x);
    let lo = x - hi;
    let x = -hi * hi;
    let old = csum;
    csum += x;
    frac1 += (old - csum) + x;
    let x = -2.0 * hi * lo;
    let old = csum;
    csum += x;
    frac2 += (old - csum) + x;
    let x = -lo * lo;
    let old = csum;
    csum += x;
    frac3 += (old - csum) + x;
    let x = csum - 1.0 + (frac1 + frac2 + frac3);
    h += x / (2.0 * h);
    h / scale
}

fn hypot(vm: &Vm, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("math.hypot() takes no keyword arguments"));
    }
    let mut vec = Vec::with_capacity(args.pos.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for v in args.pos.iter() {
        let x = to_f64(vm, v)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    Ok(Value::Float(vector_norm(&mut vec, max, found_nan)))
}

fn dist(vm: &Vm, args: Args) -> PyResult<Value> {
    let (p, q) = two_args(vm, &args, "dist")?;
    let p = crate::eval::iter::collect(vm, p)?;
    let q = crate::eval::iter::collect(vm, q)?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut vec = Vec::with_capacity(p.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for (a, b) in p.iter().zip(&q) {
        let x = (to_f64(vm, a)? - to_f64(vm, b)?).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        vec.push(x);
    }
    Ok(Value::Float(vector_norm(&mut vec, max, found_nan)))
}

fn isclose(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let rel = args.take_kw("rel_tol");
    let abs = args.take_kw("abs_tol");
    let a_kw = args.take_kw("a");
    let b_kw = args.take_kw("b");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!(
            "'{k}' is an invalid keyword argument for isclose()"
        )));
    }
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.pos.len()
        )));
    }
    let a = match (args.pos.first(), a_kw) {
        (Some(v), None) => v.clone(),
        (None, Some(v)) => v,
        (Some(_), Some(_)) => {
            return Err(
                vm.type_error("argument for isclose() given by name ('a') and position (1)")
            );
        }
        (None, None) => {
            return Err(vm.type_error("isclose() missing required argument 'a' (pos 1)"));
        }
    };
    let b = match (args.pos.get(1), b_kw) {
        (Some(v), None) => v.clone(),
        (None, Some(v)) => v,
        (Some(_), Some(_)) => {
            return Err(
                vm.type_error("argument for isclose() given by name ('b') and position (2)")
            );
        }
        (None, None) => {
            return Err(vm.type_error("isclose() missing required argument 'b' (pos 2)"));
        }
    };
    let a = to_f64(vm, &a)?;
    let b = to_f64(vm, &b)?;
    let rel_tol = match rel {
        Some(v) => to_f64(vm, &v)?,
        None => 1e-9,
    };
    let abs_tol = match abs {
        Some(v) => to_f64(vm, &v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol,
    ))
}

// ----- sums and products -----------------------------------------------------

fn fsum(vm: &Vm, args: Args) -> PyResult<Value> {
    let seq = one_arg(vm, &args, "fsum")?;
    let mut it = PyIter::new(vm, seq)?;
    let mut p: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    let mut lo = 0.0f64;
    while let Some(item) = it.next(vm)? {
        let mut x = to_f64(vm, &item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special_sum));
    }
    let mut hi = 0.0f64;
    let mut n = p.len();
    if n > 0 {
        n -= 1;
        hi = p[n];
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

fn prod(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start");
    let given = args.pos.len() + args.kw.len() + start.is_some() as usize;
    if given > 2 {
        return Err(vm.type_error(format!("prod() takes at most 2 arguments ({given} given)")));
    }
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for prod()")));
    }
    if args.pos.len() > 1 {
        return Err(vm.type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.pos.len()
        )));
    }
    let Some(seq) = args.pos.first() else {
        return Err(vm.type_error("prod() takes exactly 1 positional argument (0 given)"));
    };
    let mut acc = start.unwrap_or(Value::Int(1));
    let mut it = PyIter::new(vm, seq)?;
    while let Some(item) = it.next(vm)? {
        acc = crate::eval::ops::binary_op(vm, crate::ast::BinOp::Mult, &acc, &item)?;
    }
    Ok(acc)
}

// ----- integer functions -----------------------------------------------------

fn factorial_big(n: u64) -> BigInt {
    // Product of a range by binary splitting (fast for large n).
    fn range_prod(lo: u64, hi: u64) -> BigInt {
        if hi - lo < 16 {
            let mut acc = BigInt::one();
            for k in lo..=hi {
                acc *= k;
            }
            return acc;
        }
        let mid = lo + (hi - lo) / 2;
        range_prod(lo, mid) * range_prod(mid + 1, hi)
    }
    if n < 2 {
        BigInt::one()
    } else {
        range_prod(2, n)
    }
}

fn factorial(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, &args, "factorial")?;
    let n = to_index(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|&n| n <= i64::MAX as u64) else {
        return Err(vm.overflow_error("factorial() argument should not exceed 9223372036854775807"));
    };
    if n > 1_000_000 {
        return Err(vm.unsupported("math.factorial of an argument above 1000000"));
    }
    Ok(Value::from_bigint(factorial_big(n)))
}

fn int_list(vm: &Vm, args: &Args, name: &str) -> PyResult<Vec<BigInt>> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("math.{name}() takes no keyword arguments")));
    }
    args.pos.iter().map(|v| to_index(vm, v)).collect()
}

fn gcd(vm: &Vm, args: Args) -> PyResult<Value> {
    let mut acc = BigInt::zero();
    for n in int_list(vm, &args, "gcd")? {
        acc = acc.gcd(&n);
    }
    Ok(Value::from_bigint(acc))
}

fn lcm(vm: &Vm, args: Args) -> PyResult<Value> {
    let nums = int_list(vm, &args, "lcm")?;
    let mut acc = BigInt::one();
    for n in nums {
        if acc.is_zero() || n.is_zero() {
            acc = BigInt::zero();
            continue;
        }
        acc = acc.lcm(&n);
    }
    Ok(Value::from_bigint(acc.abs()))
}

fn isqrt(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = one_arg(vm, &args, "isqrt")?;
    let n = to_index(vm, v)?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

/// n * (n-1) * ... * (n-k+1).
fn falling(n: &BigInt, k: u64) -> BigInt {
    let mut acc = BigInt::one();
    let mut f = n.clone();
    for _ in 0..k {
        acc *= &f;
        f -= 1;
    }
    acc
}

fn small_k(vm: &Vm, k: &BigInt) -> PyResult<u64> {
    match k.to_u64() {
        Some(k) if k <= 10_000_000 => Ok(k),
        _ => Err(vm.unsupported("math.comb/perm with k above 10000000")),
    }
}

fn comb(vm: &Vm, args: Args) -> PyResult<Value> {
    let (nv, kv) = two_args(vm, &args, "comb")?;
    let n = to_index(vm, nv)?;
    let k = to_index(vm, kv)?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let k = small_k(vm, &k)?;
    // C(n, k) built incrementally: C(n, i+1) = C(n, i) * (n-i) / (i+1).
    let mut acc = BigInt::one();
    for i in 0..k {
        acc = acc * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(acc))
}

fn perm(vm: &Vm, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("math.perm() takes no keyword arguments"));
    }
    match args.pos.len() {
        0 => return Err(vm.type_error("perm expected at least 1 argument, got 0")),
        1 | 2 => {}
        n => return Err(vm.type_error(format!("perm expected at most 2 arguments, got {n}"))),
    }
    let n = to_index(vm, &args.pos[0])?;
    let k = match args.pos.get(1) {
        None | Some(Value::None) => {
            if n.is_negative() {
                return Err(vm.value_error("factorial() not defined for negative values"));
            }
            n.clone()
        }
        Some(k) => to_index(vm, k)?,
    };
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = small_k(vm, &k)?;
    Ok(Value::from_bigint(falling(&n, k)))
}

fn gamma(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.unsupported("math.gamma"))
}

fn lgamma(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.unsupported("math.lgamma"))
}
