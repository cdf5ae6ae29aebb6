//! Python 3.11 text formatting as pure functions over plain Rust values.
//!
//! Nothing here knows about interpreter objects: the evaluator converts its
//! values to `f64`, [`BigInt`](num_bigint::BigInt) or `&str`, calls these
//! functions, and turns a [`FormatError`] into the Python exception it names.
//! Every function reproduces CPython 3.11 byte for byte, including the exact
//! error messages; the ported C functions are named in the doc comments.
//!
//! * [`float_repr`]: `repr(float)` / `str(float)`.
//! * [`FormatSpec`] and [`int_dunder_format`], [`float_dunder_format`],
//!   [`str_dunder_format`] (and their pre-parsed forms [`format_int`],
//!   [`format_float`], [`format_str`]): `format()`, f-string specs and
//!   `str.format` specs.
//! * [`percent_format`]: `str % args`.
//! * [`FormatStringParser`] / [`parse_format_string`] and
//!   [`parse_field_name`]: the field syntax of `str.format`.

mod dtoa;
mod float;
mod number;
mod percent;
mod spec;
mod strformat;
mod text;
mod unicode_digits;

pub use float::{float_dunder_format, float_repr, format_float};
pub use number::{format_bool, format_int, int_dunder_format, int_to_f64};
pub use percent::{
    PercentArgs, PercentConversion, PercentSpec, PercentValue, percent_format,
    percent_format_float, percent_format_int, percent_pad, percent_type_error,
};
pub use spec::{Align, FormatSpec, Grouping, Sign};
pub use strformat::{
    AutoNumber, Conversion, FieldAccessor, FieldArg, FieldName, FormatPiece, FormatStringParser,
    MAX_RECURSION_MESSAGE, ReplacementField, parse_field_name, parse_format_string,
};
pub use text::{format_str, str_dunder_format};
pub use unicode_digits::decimal_digit_value;

use std::fmt;

/// A formatting failure: the Python exception class to raise and its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatError {
    /// `ValueError(message)`.
    Value(String),
    /// `TypeError(message)`.
    Type(String),
    /// `OverflowError(message)`.
    Overflow(String),
    /// `MemoryError()` (no message): the result would be too large to
    /// allocate, e.g. `format(1, '1000000000000000000')`.
    Memory,
    /// A result CPython can produce but apy cannot represent: a lone
    /// surrogate from `format(0xD800, 'c')` or `'%c' % 0xD800` (Rust strings
    /// cannot hold one). The message explains; the caller picks the
    /// exception.
    Unsupported(String),
}

impl FormatError {
    /// The Python exception class name (`"ValueError"`, ...).
    pub fn class_name(&self) -> &'static str {
        match self {
            FormatError::Value(_) => "ValueError",
            FormatError::Type(_) => "TypeError",
            FormatError::Overflow(_) => "OverflowError",
            FormatError::Memory => "MemoryError",
            FormatError::Unsupported(_) => "SystemError",
        }
    }

    /// The exception message (empty for `MemoryError`).
    pub fn message(&self) -> &str {
        match self {
            FormatError::Value(m)
            | FormatError::Type(m)
            | FormatError::Overflow(m)
            | FormatError::Unsupported(m) => m,
            FormatError::Memory => "",
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message().is_empty() {
            f.write_str(self.class_name())
        } else {
            write!(f, "{}: {}", self.class_name(), self.message())
        }
    }
}

impl std::error::Error for FormatError {}

/// A string with room for `len` more bytes, or `MemoryError` when the
/// allocator refuses (CPython raises `MemoryError` in the same situations,
/// where Rust would otherwise abort the process).
pub(crate) fn string_with_capacity(len: usize) -> Result<String, FormatError> {
    let mut s = String::new();
    s.try_reserve_exact(len).map_err(|_| FormatError::Memory)?;
    Ok(s)
}
