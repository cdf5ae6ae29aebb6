//! Decimal digits of an `f64` and their layout, ported from CPython's
//! `PyOS_double_to_string` / `format_float_short` (Python/pystrtod.c).
//!
//! CPython gets its digits from David Gay's `_Py_dg_dtoa`; we get the same
//! digits from Rust's float formatting, which is shortest-round-trip for `{:e}`
//! and exact (correctly rounded, ties to even on the exact binary value) with
//! a precision.

use super::{FormatError, string_with_capacity};

/// More significant digits than any `f64` has in its exact decimal expansion
/// (at most 767), so asking for more only appends zeros, which dtoa strips.
const MAX_SIGNIFICANT: usize = 800;
/// More fractional digits than any `f64` has (at most 1074).
const MAX_FRACTIONAL: usize = 1100;

/// What `_Py_dg_dtoa` is asked for.
#[derive(Clone, Copy, Debug)]
enum Mode {
    /// Mode 0: the shortest digits that round-trip.
    Shortest,
    /// Mode 2: this many significant digits (at least 1).
    Significant(usize),
    /// Mode 3: this many digits after the decimal point.
    Fixed(usize),
}

/// `_Py_dg_dtoa`'s result for a finite, non-negative value: the digits with
/// neither leading nor trailing zeros (zero itself is `"0"`; a value that
/// rounds to nothing in mode 3 is `""`), and the position of the decimal
/// point relative to the first digit (value = 0.DIGITS × 10^decpt).
struct Digits {
    digits: Vec<u8>,
    decpt: i64,
}

/// Splits Rust's `{:e}` output `"d.ddde±x"` into digits and decimal point.
fn from_exponent_form(s: &str) -> Digits {
    let (mantissa, exp) = s.split_once('e').unwrap_or((s, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    while digits.len() > 1 && digits.last() == Some(&b'0') {
        digits.pop();
    }
    Digits {
        digits,
        decpt: exp + 1,
    }
}

/// The digits of `v` (finite, `v >= 0`) in the given mode.
fn dtoa(v: f64, mode: Mode) -> Digits {
    if v == 0.0 {
        return Digits {
            digits: vec![b'0'],
            decpt: 1,
        };
    }
    match mode {
        Mode::Shortest => {
            // Rust finds the shortest length n, but when the exact value lies
            // halfway between two n-digit candidates it may pick the upper
            // one, where dtoa picks the correctly rounded (ties-to-even) one:
            // 18537992708833.3125 has repr 18537992708833.312.
            let shortest = from_exponent_form(&format!("{v:e}"));
            let n = shortest.digits.len();
            let rounded = from_exponent_form(&format!("{:.*e}", n - 1, v));
            if rounded.digits != shortest.digits || rounded.decpt != shortest.decpt {
                let digits = std::str::from_utf8(&rounded.digits).unwrap_or("0");
                let exp = rounded.decpt - rounded.digits.len() as i64;
                if format!("{digits}e{exp}").parse::<f64>() == Ok(v) {
                    return rounded;
                }
            }
            shortest
        }
        Mode::Significant(n) => {
            let n = n.clamp(1, MAX_SIGNIFICANT);
            from_exponent_form(&format!("{:.*e}", n - 1, v))
        }
        Mode::Fixed(n) => {
            let s = format!("{:.*}", n.min(MAX_FRACTIONAL), v);
            let (int_part, _) = s.split_once('.').unwrap_or((&s, ""));
            let mut decpt = int_part.len() as i64;
            let mut digits: Vec<u8> = s.bytes().filter(u8::is_ascii_digit).collect();
            let leading = digits.iter().take_while(|&&d| d == b'0').count();
            digits.drain(..leading);
            decpt -= leading as i64;
            while digits.last() == Some(&b'0') {
                digits.pop();
            }
            if digits.is_empty() {
                decpt = -(n as i64);
            }
            Digits { digits, decpt }
        }
    }
}

/// The flags of `PyOS_double_to_string`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always write a sign.
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: write `1.0`, not `1`, for integral values.
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: the `#` alternate form (keep the point and zeros).
    pub alt: bool,
    /// `Py_DTSF_NO_NEG_0`: the `z` option (no `-` on a result of zero).
    pub no_neg_0: bool,
}

/// Port of `PyOS_double_to_string(val, code, precision, flags)`: `code` is one
/// of `e E f F g G r` (`r` = repr, `precision` ignored). Infinities and NaNs
/// come out as `inf`/`nan` (`INF`/`NAN` for upper-case codes), NaN unsigned.
pub(crate) fn double_to_string(
    val: f64,
    code: char,
    precision: usize,
    flags: DtoaFlags,
) -> Result<String, FormatError> {
    let upper = code.is_ascii_uppercase();
    let code = code.to_ascii_lowercase();
    let (mode, precision) = match code {
        'e' => (Mode::Significant(precision + 1), precision + 1),
        'f' => (Mode::Fixed(precision), precision),
        'g' => {
            let p = precision.max(1);
            (Mode::Significant(p), p)
        }
        _ => (Mode::Shortest, 0),
    };
    let mut negative = val.is_sign_negative();
    if !val.is_finite() {
        let mut out = String::with_capacity(4);
        if val.is_nan() {
            negative = false;
        }
        if negative {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        out.push_str(match (val.is_nan(), upper) {
            (true, false) => "nan",
            (true, true) => "NAN",
            (false, false) => "inf",
            (false, true) => "INF",
        });
        return Ok(out);
    }
    let Digits { digits, mut decpt } = dtoa(val.abs(), mode);
    if flags.no_neg_0 && negative && (digits.is_empty() || digits == b"0") {
        negative = false;
    }
    let digits_len = digits.len() as i64;
    let precision = precision as i64;
    let mut use_exp = false;
    let mut vdigits_end = digits_len;
    match code {
        'e' => {
            use_exp = true;
            vdigits_end = precision;
        }
        'f' => vdigits_end = decpt + precision,
        'g' => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alt {
                vdigits_end = precision;
            }
        }
        _ => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }
    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };

    let size = (vdigits_end - vdigits_start) as usize + 16;
    let mut out = string_with_capacity(size)?;
    let zeros = |out: &mut String, n: i64| {
        for _ in 0..n.max(0) {
            out.push('0');
        }
    };
    if negative {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    if decpt <= 0 {
        zeros(&mut out, decpt - vdigits_start);
        out.push('.');
        zeros(&mut out, -decpt);
    } else {
        zeros(&mut out, -vdigits_start);
    }
    let text = std::str::from_utf8(&digits).unwrap_or("");
    if 0 < decpt && decpt <= digits_len {
        let (int, frac) = text.split_at(decpt as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else {
        out.push_str(text);
    }
    if digits_len < decpt {
        zeros(&mut out, decpt - digits_len);
        out.push('.');
        zeros(&mut out, vdigits_end - decpt);
    } else {
        zeros(&mut out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alt {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let magnitude = exp.unsigned_abs();
        if magnitude < 10 {
            out.push('0');
        }
        out.push_str(&magnitude.to_string());
    }
    Ok(out)
}
