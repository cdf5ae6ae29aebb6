//! `repr(float)` and `float.__format__`, ported from `float_repr`
//! (Objects/floatobject.c) and `format_float_internal`
//! (Python/formatter_unicode.c).

use super::FormatError;
use super::dtoa::{DtoaFlags, double_to_string};
use super::number::{Layout, NumberParts, render_number};
use super::spec::{Align, FormatSpec, unknown_type_error};

/// `repr(x)` and `str(x)` for a float: the shortest digits that round-trip,
/// in exponent form when the decimal exponent is below -4 or at least 16
/// (`1e-05`, `0.0001`, `1e+16`, `1234567890123456.8`), otherwise with at
/// least one digit after the point (`1.0`); `inf`, `-inf`, `nan`, `-0.0`.
pub fn float_repr(x: f64) -> String {
    let flags = DtoaFlags {
        add_dot_0: true,
        ..DtoaFlags::default()
    };
    // The result is at most ~25 bytes, so the allocation cannot fail.
    double_to_string(x, 'r', 0, flags).unwrap_or_default()
}

/// `float.__format__(value, spec)`: an empty spec gives `str(value)`
/// ([`float_repr`]; a float subclass with its own `__str__` is the caller's
/// business); otherwise the spec is parsed and applied by [`format_float`].
pub fn float_dunder_format(value: f64, spec: &str, type_name: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(float_repr(value));
    }
    format_float(value, &FormatSpec::parse(spec, type_name)?, type_name)
}

/// Formats a float with a parsed spec: types `e E f F g G n %` and none.
///
/// Without a type the result is `repr`-like when no precision is given and
/// like `g` with at least one digit after the point otherwise
/// (`format(1.5, '.3')` is `1.5`, `format(100.0, '.2')` is `1e+02`). The
/// default precision is 6; `%` multiplies by 100 and appends `%`; `n` is `g`
/// (C locale). `type_name` appears in the `Unknown format code` message.
pub fn format_float(value: f64, spec: &FormatSpec, type_name: &str) -> Result<String, FormatError> {
    let grouping = spec.checked_grouping('\0')?;
    let given = spec.type_or('\0');
    match given {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => {}
        _ => return Err(unknown_type_error(given, type_name)),
    }
    if spec.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::Value("precision too big".into()));
    }
    let mut flags = DtoaFlags {
        alt: spec.alternate,
        no_neg_0: spec.no_neg_zero,
        ..DtoaFlags::default()
    };
    let mut ty = given;
    let mut default_precision = 6;
    if ty == '\0' {
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut value = value;
    let percent = ty == '%';
    if percent {
        ty = 'f';
        value *= 100.0;
    }
    let precision = match spec.precision {
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
        None => default_precision,
    };
    let mut text = double_to_string(value, ty, precision, flags)?;
    if percent {
        text.push('%');
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let int_len = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, rest) = body.split_at(int_len);
    let (decimal, remainder) = match rest.strip_prefix('.') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (fill, align) = spec.fill_and_align(Align::Right);
    let layout = Layout {
        fill,
        align,
        sign: spec.sign,
        width: spec.width.unwrap_or(0),
        grouping: if given == 'n' { None } else { grouping },
    };
    let parts = NumberParts {
        negative,
        prefix: "",
        digits,
        decimal,
        remainder,
    };
    render_number(&parts, &layout)
}
