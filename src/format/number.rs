//! Numeric layout (sign, prefix, padding, digit grouping) shared by ints and
//! floats, ported from `calc_number_widths`, `fill_number` and
//! `_PyUnicode_InsertThousandsGrouping`, and `int.__format__`
//! (`format_long_internal`).

use num_bigint::{BigInt, Sign as BigSign};
use num_traits::ToPrimitive;

use super::float::format_float;
use super::spec::{Align, FormatSpec, Sign, unknown_type_error};
use super::{FormatError, string_with_capacity};

/// A number split the way `fill_number` writes it.
pub(crate) struct NumberParts<'a> {
    /// Whether the value is negative (a `-` is written).
    pub negative: bool,
    /// `0x`, `0X`, `0o`, `0b` or empty.
    pub prefix: &'a str,
    /// The integer digits, subject to grouping and zero padding.
    pub digits: &'a str,
    /// Whether a decimal point follows the digits.
    pub decimal: bool,
    /// What follows the point (or the digits): fraction, exponent, `%`,
    /// `inf`, or the character of the `c` type.
    pub remainder: &'a str,
}

/// The layout options of a spec, resolved for a number.
pub(crate) struct Layout {
    pub fill: char,
    pub align: Align,
    pub sign: Option<Sign>,
    pub width: usize,
    /// Separator and group size.
    pub grouping: Option<(char, usize)>,
}

/// Port of `_PyUnicode_InsertThousandsGrouping`: the digits with separators,
/// left-padded with zeros (and separators among them) to `min_width`.
fn group_digits(digits: &[u8], min_width: isize, grouping: Option<(char, usize)>) -> Vec<u8> {
    let mut min_width = min_width.max(0);
    let mut remaining = digits.len() as isize;
    let mut end = digits.len();
    // Built back to front, reversed at the end.
    let mut out: Vec<u8> = Vec::new();
    let mut emit = |out: &mut Vec<u8>, n_chars: isize, n_zeros: isize, sep: Option<char>| {
        if let Some(sep) = sep {
            out.push(sep as u8);
        }
        let start = end - n_chars as usize;
        out.extend(digits[start..end].iter().rev());
        end = start;
        out.extend(std::iter::repeat_n(b'0', n_zeros as usize));
    };
    let mut use_separator = false;
    let mut broken = false;
    if let Some((sep, group)) = grouping {
        let group = group as isize;
        loop {
            let len = group.min(remaining.max(min_width).max(1));
            let n_zeros = (len - remaining).max(0);
            let n_chars = remaining.min(len).max(0);
            emit(&mut out, n_chars, n_zeros, use_separator.then_some(sep));
            use_separator = true;
            remaining -= n_chars;
            min_width -= len;
            if remaining <= 0 && min_width <= 0 {
                broken = true;
                break;
            }
            min_width -= 1;
        }
    }
    if !broken {
        let len = remaining.max(min_width).max(1);
        let n_zeros = (len - remaining).max(0);
        let n_chars = remaining.min(len).max(0);
        let sep = grouping.map(|(sep, _)| sep).filter(|_| use_separator);
        emit(&mut out, n_chars, n_zeros, sep);
    }
    out.reverse();
    out
}

/// Port of `calc_number_widths` + `fill_number`.
pub(crate) fn render_number(parts: &NumberParts, layout: &Layout) -> Result<String, FormatError> {
    let sign = match (layout.sign, parts.negative) {
        (_, true) => Some('-'),
        (Some(Sign::Plus), false) => Some('+'),
        (Some(Sign::Space), false) => Some(' '),
        _ => None,
    };
    let remainder_len = parts.remainder.chars().count();
    let non_digit =
        sign.is_some() as usize + parts.prefix.len() + parts.decimal as usize + remainder_len;
    let min_width = if layout.fill == '0' && layout.align == Align::AfterSign {
        layout.width as isize - non_digit as isize
    } else {
        0
    };
    if min_width > 0 {
        // Room for the zeros and separators, or MemoryError.
        string_with_capacity(min_width as usize * 2)?;
    }
    let grouped = if parts.digits.is_empty() {
        Vec::new()
    } else {
        group_digits(parts.digits.as_bytes(), min_width, layout.grouping)
    };
    let padding = layout.width.saturating_sub(non_digit + grouped.len());
    let (left, inner, right) = match layout.align {
        Align::Left => (0, 0, padding),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
        Align::Right => (padding, 0, 0),
    };
    let fill_len = layout.fill.len_utf8();
    let total = (left + inner + right) * fill_len + non_digit + grouped.len() + 4;
    let mut out = string_with_capacity(total + parts.remainder.len())?;
    out.extend(std::iter::repeat_n(layout.fill, left));
    out.extend(sign);
    out.push_str(parts.prefix);
    out.extend(std::iter::repeat_n(layout.fill, inner));
    out.extend(grouped.iter().map(|&b| b as char));
    if parts.decimal {
        out.push('.');
    }
    out.push_str(parts.remainder);
    out.extend(std::iter::repeat_n(layout.fill, right));
    Ok(out)
}

/// Converts an int to the nearest `f64` (ties to even), as `float(int)`
/// does; `OverflowError("int too large to convert to float")` when it does
/// not fit.
pub fn int_to_f64(value: &BigInt) -> Result<f64, FormatError> {
    let magnitude = value.magnitude();
    let bits = magnitude.bits();
    let result = if bits <= 64 {
        magnitude.to_u64().map_or(f64::INFINITY, |m| m as f64)
    } else {
        let shift = bits - 64;
        let top = (magnitude >> shift).to_u64().unwrap_or(u64::MAX);
        // A sticky bit makes the u64 -> f64 rounding see any lower bits.
        let sticky = magnitude.trailing_zeros().is_some_and(|tz| tz < shift);
        let mantissa = (top | sticky as u64) as f64;
        if shift > 1023 {
            f64::INFINITY
        } else {
            mantissa * f64::from_bits((1023 + shift) << 52)
        }
    };
    if result.is_infinite() {
        return Err(FormatError::Overflow(
            "int too large to convert to float".into(),
        ));
    }
    Ok(if value.sign() == BigSign::Minus {
        -result
    } else {
        result
    })
}

/// `int.__format__(value, spec)`: an empty spec gives `str(value)` (plain
/// decimal digits; for `bool` and int subclasses the caller must use
/// `str(value)` itself, since `format(True, '')` is `'True'`); otherwise
/// the spec is parsed and applied by [`format_int`].
pub fn int_dunder_format(
    value: &BigInt,
    spec: &str,
    type_name: &str,
) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(value.to_string());
    }
    format_int(value, &FormatSpec::parse(spec, type_name)?, type_name)
}

/// `bool.__format__(value, spec)`: `True`/`False` for an empty spec (that is
/// `str(value)`), otherwise int formatting of 1/0 with type name `bool`
/// (`format(True, 'd')` is `1`, `format(True, '>5')` is `    1`).
pub fn format_bool(value: bool, spec: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(if value { "True" } else { "False" }.to_owned());
    }
    let n = BigInt::from(value as u8);
    format_int(&n, &FormatSpec::parse(spec, "bool")?, "bool")
}

/// Formats an int (or bool: pass `type_name` `"bool"`) with a parsed spec:
/// types `b c d o x X n` (`n` is `d`, as in the C locale) and none (= `d`),
/// and `e E f F g G %` through `float(value)`. `type_name` appears in the
/// `Unknown format code` message.
pub fn format_int(
    value: &BigInt,
    spec: &FormatSpec,
    type_name: &str,
) -> Result<String, FormatError> {
    let grouping = spec.checked_grouping('d')?;
    let ty = spec.type_or('d');
    match ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => {}
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            return format_float(int_to_f64(value)?, spec, type_name);
        }
        _ => return Err(unknown_type_error(ty, type_name)),
    }
    if spec.precision.is_some() {
        return Err(FormatError::Value(
            "Precision not allowed in integer format specifier".into(),
        ));
    }
    if spec.no_neg_zero {
        return Err(FormatError::Value(
            "Negative zero coercion (z) not allowed in integer format specifier".into(),
        ));
    }
    let (fill, align) = spec.fill_and_align(Align::Right);
    let layout = Layout {
        fill,
        align,
        sign: spec.sign,
        width: spec.width.unwrap_or(0),
        grouping: if ty == 'n' { None } else { grouping },
    };
    if ty == 'c' {
        let ch = int_to_char(value, spec)?;
        let mut buf = [0u8; 4];
        let parts = NumberParts {
            negative: false,
            prefix: "",
            digits: "",
            decimal: false,
            remainder: ch.encode_utf8(&mut buf),
        };
        return render_number(&parts, &layout);
    }
    let (radix, prefix) = match ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = value.magnitude().to_str_radix(radix);
    if ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let parts = NumberParts {
        negative: value.sign() == BigSign::Minus,
        prefix: if spec.alternate { prefix } else { "" },
        digits: &digits,
        decimal: false,
        remainder: "",
    };
    render_number(&parts, &layout)
}

/// The `c` type: the checks and conversion of `format_long_internal`.
fn int_to_char(value: &BigInt, spec: &FormatSpec) -> Result<char, FormatError> {
    if spec.sign.is_some() {
        return Err(FormatError::Value(
            "Sign not allowed with integer format specifier 'c'".into(),
        ));
    }
    if spec.alternate {
        return Err(FormatError::Value(
            "Alternate form (#) not allowed with integer format specifier 'c'".into(),
        ));
    }
    let Some(x) = value.to_i64() else {
        return Err(FormatError::Overflow(
            "Python int too large to convert to C long".into(),
        ));
    };
    code_point_to_char(x)
}

/// A code point in `range(0x110000)` as a `char`, with CPython's
/// `OverflowError` otherwise (shared by `format(n, 'c')` and `'%c' % n`).
pub(crate) fn code_point_to_char(x: i64) -> Result<char, FormatError> {
    if !(0..=0x10ffff).contains(&x) {
        return Err(FormatError::Overflow(
            "%c arg not in range(0x110000)".into(),
        ));
    }
    char::from_u32(x as u32).ok_or_else(|| {
        FormatError::Unsupported(format!(
            "apy strings cannot hold the lone surrogate U+{x:04X}"
        ))
    })
}
