//! The format-spec mini-language
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`,
//! ported from `parse_internal_render_format_spec`
//! (Python/formatter_unicode.c).

use super::FormatError;
use super::unicode_digits::decimal_digit_value;

/// The `align` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`
    Left,
    /// `>`
    Right,
    /// `^`
    Center,
    /// `=`: padding between the sign (and prefix) and the digits.
    AfterSign,
}

impl Align {
    fn from_char(c: char) -> Option<Align> {
        match c {
            '<' => Some(Align::Left),
            '>' => Some(Align::Right),
            '^' => Some(Align::Center),
            '=' => Some(Align::AfterSign),
            _ => None,
        }
    }
}

/// The `sign` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// `+`: a sign for positive numbers too.
    Plus,
    /// `-`: the default behaviour, but rejected for strings when explicit.
    Minus,
    /// ` `: a space for positive numbers.
    Space,
}

/// The grouping option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    /// `,`: groups of three.
    Comma,
    /// `_`: groups of three, or of four with the `b o x X` types.
    Underscore,
}

impl Grouping {
    fn as_char(self) -> char {
        match self {
            Grouping::Comma => ',',
            Grouping::Underscore => '_',
        }
    }
}

/// A parsed format spec. Which defaults apply (type, alignment, what the `0`
/// flag means) depends on the type being formatted, so they are resolved by
/// the per-type formatters, not here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatSpec {
    /// The explicit fill character (only possible together with `align`).
    pub fill: Option<char>,
    /// The explicit alignment.
    pub align: Option<Align>,
    /// The explicit sign option.
    pub sign: Option<Sign>,
    /// `z`: coerce negative zero to zero (floats only).
    pub no_neg_zero: bool,
    /// `#`: the alternate form.
    pub alternate: bool,
    /// The `0` flag before the width (only recognised without a fill).
    pub zero_pad: bool,
    /// The minimum width.
    pub width: Option<usize>,
    /// The grouping option.
    pub grouping: Option<Grouping>,
    /// The precision.
    pub precision: Option<usize>,
    /// The presentation type, any character.
    pub ty: Option<char>,
}

/// CPython's message for `Invalid format specifier` and friends need the
/// character as `'c'` when printable ASCII and `'\xNN'` otherwise.
pub(crate) fn quote_type_char(c: char) -> String {
    let cp = c as u32;
    if cp > 32 && cp < 128 {
        format!("'{c}'")
    } else {
        format!("'\\x{cp:x}'")
    }
}

/// `unknown_presentation_type`: the error for a type code the value's type
/// does not support.
pub(crate) fn unknown_type_error(ty: char, type_name: &str) -> FormatError {
    FormatError::Value(format!(
        "Unknown format code {} for object of type '{}'",
        quote_type_char(ty),
        type_name
    ))
}

/// Port of `get_integer`: reads decimal digits (any Unicode `Nd`) starting at
/// `*pos`; returns how many were read and their value.
fn get_integer(chars: &[char], pos: &mut usize) -> Result<(usize, usize), FormatError> {
    let mut value: usize = 0;
    let mut count = 0;
    while let Some(d) = chars.get(*pos).and_then(|&c| decimal_digit_value(c)) {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| FormatError::Value("Too many decimal digits in format string".into()))?;
        *pos += 1;
        count += 1;
    }
    Ok((count, value))
}

impl FormatSpec {
    /// Parses `spec` (non-empty; an empty spec means `str(value)` and is the
    /// caller's business). `type_name` (`"int"`, `"float"`, `"str"`, `"bool"`,
    /// ...) only appears in the `Invalid format specifier` message.
    ///
    /// The check of the grouping option against the type happens later, in
    /// the per-type formatters, because it depends on the default type; this
    /// preserves CPython's error order.
    pub fn parse(spec: &str, type_name: &str) -> Result<FormatSpec, FormatError> {
        let chars: Vec<char> = spec.chars().collect();
        let end = chars.len();
        let mut pos = 0;
        let mut out = FormatSpec {
            fill: None,
            align: None,
            sign: None,
            no_neg_zero: false,
            alternate: false,
            zero_pad: false,
            width: None,
            grouping: None,
            precision: None,
            ty: None,
        };
        if let Some(align) = chars.get(1).and_then(|&c| Align::from_char(c)) {
            out.fill = Some(chars[0]);
            out.align = Some(align);
            pos = 2;
        } else if let Some(align) = chars.first().and_then(|&c| Align::from_char(c)) {
            out.align = Some(align);
            pos = 1;
        }
        out.sign = match chars.get(pos) {
            Some('+') => Some(Sign::Plus),
            Some('-') => Some(Sign::Minus),
            Some(' ') => Some(Sign::Space),
            _ => None,
        };
        if out.sign.is_some() {
            pos += 1;
        }
        if chars.get(pos) == Some(&'z') {
            out.no_neg_zero = true;
            pos += 1;
        }
        if chars.get(pos) == Some(&'#') {
            out.alternate = true;
            pos += 1;
        }
        if out.fill.is_none() && chars.get(pos) == Some(&'0') {
            out.zero_pad = true;
            pos += 1;
        }
        let (count, width) = get_integer(&chars, &mut pos)?;
        if count > 0 {
            out.width = Some(width);
        }
        if chars.get(pos) == Some(&',') {
            out.grouping = Some(Grouping::Comma);
            pos += 1;
        }
        if chars.get(pos) == Some(&'_') {
            if out.grouping.is_some() {
                return Err(both_separators());
            }
            out.grouping = Some(Grouping::Underscore);
            pos += 1;
        }
        if chars.get(pos) == Some(&',') && out.grouping == Some(Grouping::Underscore) {
            return Err(both_separators());
        }
        if chars.get(pos) == Some(&'.') {
            pos += 1;
            let (count, precision) = get_integer(&chars, &mut pos)?;
            if count == 0 {
                return Err(FormatError::Value(
                    "Format specifier missing precision".into(),
                ));
            }
            out.precision = Some(precision);
        }
        if end - pos > 1 {
            return Err(FormatError::Value(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )));
        }
        out.ty = chars.get(pos).copied();
        Ok(out)
    }

    /// The presentation type, or `default` when none was given.
    pub fn type_or(&self, default: char) -> char {
        self.ty.unwrap_or(default)
    }

    /// Validates the grouping option against the effective type (the given
    /// one or `default_type`, `'\0'` for floats) as CPython does at the end
    /// of parsing. Returns the separator and group size to use.
    pub(crate) fn checked_grouping(
        &self,
        default_type: char,
    ) -> Result<Option<(char, usize)>, FormatError> {
        let Some(grouping) = self.grouping else {
            return Ok(None);
        };
        let ty = self.type_or(default_type);
        match ty {
            'd' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0' => {
                Ok(Some((grouping.as_char(), 3)))
            }
            'b' | 'o' | 'x' | 'X' if grouping == Grouping::Underscore => Ok(Some(('_', 4))),
            _ => Err(FormatError::Value(format!(
                "Cannot specify '{}' with {}.",
                grouping.as_char(),
                quote_type_char(ty)
            ))),
        }
    }

    /// The fill character and alignment in effect for a type whose default
    /// alignment is `default_align` (`Right` for numbers, `Left` for
    /// strings): the `0` flag means fill `'0'`, and for numbers without an
    /// explicit alignment also `=`.
    pub(crate) fn fill_and_align(&self, default_align: Align) -> (char, Align) {
        let fill = match self.fill {
            Some(c) => c,
            None if self.zero_pad => '0',
            None => ' ',
        };
        let align = match self.align {
            Some(a) => a,
            None if self.zero_pad && default_align == Align::Right => Align::AfterSign,
            None => default_align,
        };
        (fill, align)
    }
}

fn both_separators() -> FormatError {
    FormatError::Value("Cannot specify both ',' and '_'.".into())
}
