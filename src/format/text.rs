//! `str.__format__`, ported from `format_string_internal`
//! (Python/formatter_unicode.c).

use super::spec::{Align, FormatSpec, Sign, unknown_type_error};
use super::{FormatError, string_with_capacity};

/// `str.__format__(value, spec)`: an empty spec gives `value` itself;
/// otherwise the spec is parsed and applied by [`format_str`].
pub fn str_dunder_format(value: &str, spec: &str, type_name: &str) -> Result<String, FormatError> {
    if spec.is_empty() {
        return Ok(value.to_owned());
    }
    format_str(value, &FormatSpec::parse(spec, type_name)?, type_name)
}

/// Formats a string with a parsed spec (type `s` or none): precision
/// truncates, width and padding count characters (code points), the default
/// alignment is left, and the `0` flag only sets the fill to `'0'`.
/// `type_name` appears in the `Unknown format code` message.
pub fn format_str(value: &str, spec: &FormatSpec, type_name: &str) -> Result<String, FormatError> {
    spec.checked_grouping('s')?;
    let ty = spec.type_or('s');
    if ty != 's' {
        return Err(unknown_type_error(ty, type_name));
    }
    match spec.sign {
        Some(Sign::Space) => {
            return Err(FormatError::Value(
                "Space not allowed in string format specifier".into(),
            ));
        }
        Some(_) => {
            return Err(FormatError::Value(
                "Sign not allowed in string format specifier".into(),
            ));
        }
        None => {}
    }
    if spec.no_neg_zero {
        return Err(FormatError::Value(
            "Negative zero coercion (z) not allowed in string format specifier".into(),
        ));
    }
    if spec.alternate {
        return Err(FormatError::Value(
            "Alternate form (#) not allowed in string format specifier".into(),
        ));
    }
    let (fill, align) = spec.fill_and_align(Align::Left);
    if align == Align::AfterSign {
        return Err(FormatError::Value(
            "'=' alignment not allowed in string format specifier".into(),
        ));
    }
    let (kept, len) = truncate_chars(value, spec.precision);
    let padding = spec.width.unwrap_or(0).saturating_sub(len);
    pad(kept, fill, align, padding)
}

/// The first `precision` characters of `value` (all without a precision) and
/// their count.
pub(crate) fn truncate_chars(value: &str, precision: Option<usize>) -> (&str, usize) {
    let limit = precision.unwrap_or(usize::MAX);
    let mut count = 0;
    for (i, _) in value.char_indices() {
        if count == limit {
            return (&value[..i], count);
        }
        count += 1;
    }
    (value, count)
}

/// Port of `calc_padding` + the fill: `padding` fill characters placed per
/// `align` (`=` counts as left).
fn pad(text: &str, fill: char, align: Align, padding: usize) -> Result<String, FormatError> {
    let left = match align {
        Align::Right => padding,
        Align::Center => padding / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let bytes = padding
        .checked_mul(fill.len_utf8())
        .and_then(|n| n.checked_add(text.len()))
        .ok_or(FormatError::Memory)?;
    let mut out = string_with_capacity(bytes)?;
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(text);
    out.extend(std::iter::repeat_n(fill, padding - left));
    Ok(out)
}
