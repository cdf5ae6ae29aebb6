//! The replacement-field syntax of `str.format`, ported from
//! Objects/stringlib/unicode_format.h (`MarkupIterator_next`, `parse_field`,
//! `field_name_split`, `FieldNameIterator_next`).
//!
//! The caller renders a format string like CPython's `build_string`:
//!
//! 1. Iterate a [`FormatStringParser`]; copy [`FormatPiece::Literal`]s. An
//!    `Err` item is raised when reached (CPython parses lazily, so fields
//!    before a syntax error are looked up first, and their errors win).
//! 2. For each [`FormatPiece::Field`]: call [`parse_field_name`] with the
//!    [`AutoNumber`] shared by the whole call (nested specs included); get the
//!    argument (`IndexError: Replacement index 3 out of range for positional
//!    args tuple`, `KeyError: 'name'`, or for `format_map` with a positional
//!    field `ValueError: Format string contains positional fields`); apply the
//!    [`FieldAccessor`]s in order (`getattr`, `obj[int]`, `obj[str]`); then
//!    raise [`FieldName::error`] if set.
//! 3. Apply the conversion ([`Conversion::from_char`] raises for unknown
//!    ones), after the lookup.
//! 4. If [`ReplacementField::spec_needs_expanding`], render the spec itself
//!    as a format string, one level deeper: the top level is depth 2 and
//!    rendering at depth 0 raises `ValueError(`[`MAX_RECURSION_MESSAGE`]`)`.
//! 5. `format(obj, spec)`.

use super::FormatError;
use super::unicode_digits::decimal_digit_value;

/// The message of the `ValueError` raised when format specs nest too deeply
/// (`'{:{:{}}}'.format(1, 2, 3)`).
pub const MAX_RECURSION_MESSAGE: &str = "Max string recursion exceeded";

/// One replacement field `{name!conversion:spec}`, unresolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReplacementField<'a> {
    /// The field name, e.g. `0`, `name.attr[3]` or empty (parse it with
    /// [`parse_field_name`]).
    pub name: &'a str,
    /// The conversion character after `!`, unchecked.
    pub conversion: Option<char>,
    /// The format spec after `:` (empty without one).
    pub spec: &'a str,
    /// Whether the spec contains `{` and must itself be formatted first.
    pub spec_needs_expanding: bool,
}

/// A piece of a `str.format` string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormatPiece<'a> {
    /// Text to copy (with `{{`/`}}` already unescaped; never empty).
    Literal(&'a str),
    /// A replacement field.
    Field(ReplacementField<'a>),
}

/// Lazily splits a `str.format` string into [`FormatPiece`]s; yields one
/// `Err` at the first syntax error (`Single '}' encountered in format
/// string`, `expected '}' before end of string`, ...) and then stops.
#[derive(Clone, Debug)]
pub struct FormatStringParser<'a> {
    s: &'a str,
    pos: usize,
    pending: Option<ReplacementField<'a>>,
    done: bool,
}

impl<'a> FormatStringParser<'a> {
    /// A parser over `s`.
    pub fn new(s: &'a str) -> Self {
        FormatStringParser {
            s,
            pos: 0,
            pending: None,
            done: false,
        }
    }

    fn next_char(&mut self) -> Option<char> {
        let c = self.s[self.pos..].chars().next()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Port of `MarkupIterator_next`: a literal and maybe a field.
    fn markup(&mut self) -> Result<(&'a str, Option<ReplacementField<'a>>), FormatError> {
        let bytes = self.s.as_bytes();
        let start = self.pos;
        let mut c = 0u8;
        let mut markup_follows = false;
        while self.pos < bytes.len() {
            c = bytes[self.pos];
            self.pos += 1;
            if c == b'{' || c == b'}' {
                markup_follows = true;
                break;
            }
        }
        let at_end = self.pos >= bytes.len();
        let mut literal_end = self.pos;
        if c == b'}' && (at_end || bytes[self.pos] != b'}') {
            return Err(value_error("Single '}' encountered in format string"));
        }
        if at_end && c == b'{' {
            return Err(value_error("Single '{' encountered in format string"));
        }
        if !at_end {
            if bytes[self.pos] == c {
                self.pos += 1;
                markup_follows = false;
            } else {
                literal_end -= 1;
            }
        }
        let literal = &self.s[start..literal_end];
        if !markup_follows {
            return Ok((literal, None));
        }
        Ok((literal, Some(self.parse_field()?)))
    }

    /// Port of `parse_field`, just after the opening `{`.
    fn parse_field(&mut self) -> Result<ReplacementField<'a>, FormatError> {
        let name_start = self.pos;
        let mut c = '\0';
        let mut name_end = None;
        while let Some(ch) = self.next_char() {
            c = ch;
            match ch {
                '{' => return Err(value_error("unexpected '{' in field name")),
                '[' => {
                    let rest = &self.s[self.pos..];
                    self.pos += rest.find(']').unwrap_or(rest.len());
                }
                '}' | ':' | '!' => {
                    name_end = Some(self.pos - 1);
                    break;
                }
                _ => {}
            }
        }
        let name = &self.s[name_start..name_end.unwrap_or(self.pos)];
        let mut field = ReplacementField {
            name,
            conversion: None,
            spec: "",
            spec_needs_expanding: false,
        };
        if c == '!' || c == ':' {
            if c == '!' {
                let Some(conversion) = self.next_char() else {
                    return Err(value_error(
                        "end of string while looking for conversion specifier",
                    ));
                };
                field.conversion = Some(conversion);
                if let Some(next) = self.next_char() {
                    if next == '}' {
                        return Ok(field);
                    }
                    if next != ':' {
                        return Err(value_error("expected ':' after conversion specifier"));
                    }
                }
            }
            let spec_start = self.pos;
            let mut depth = 1;
            while let Some(ch) = self.next_char() {
                match ch {
                    '{' => {
                        field.spec_needs_expanding = true;
                        depth += 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            field.spec = &self.s[spec_start..self.pos - 1];
                            return Ok(field);
                        }
                    }
                    _ => {}
                }
            }
            return Err(value_error("unmatched '{' in format spec"));
        }
        if c != '}' {
            return Err(value_error("expected '}' before end of string"));
        }
        Ok(field)
    }
}

impl<'a> Iterator for FormatStringParser<'a> {
    type Item = Result<FormatPiece<'a>, FormatError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(field) = self.pending.take() {
            return Some(Ok(FormatPiece::Field(field)));
        }
        while !self.done && self.pos < self.s.len() {
            match self.markup() {
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
                Ok((literal, field)) => {
                    if literal.is_empty() {
                        if let Some(field) = field {
                            return Some(Ok(FormatPiece::Field(field)));
                        }
                    } else {
                        self.pending = field;
                        return Some(Ok(FormatPiece::Literal(literal)));
                    }
                }
            }
        }
        None
    }
}

/// All pieces of a `str.format` string, or its first syntax error (use
/// [`FormatStringParser`] to interleave errors with field lookups exactly as
/// CPython does).
pub fn parse_format_string(s: &str) -> Result<Vec<FormatPiece<'_>>, FormatError> {
    FormatStringParser::new(s).collect()
}

/// A field conversion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Conversion {
    /// `!s`: `str()`.
    Str,
    /// `!r`: `repr()`.
    Repr,
    /// `!a`: `ascii()`.
    Ascii,
}

impl Conversion {
    /// Checks a conversion character (`ValueError: Unknown conversion
    /// specifier x` otherwise).
    pub fn from_char(c: char) -> Result<Conversion, FormatError> {
        match c {
            's' => Ok(Conversion::Str),
            'r' => Ok(Conversion::Repr),
            'a' => Ok(Conversion::Ascii),
            c if (c as u32) > 32 && (c as u32) < 127 => {
                Err(value_error(&format!("Unknown conversion specifier {c}")))
            }
            c => Err(value_error(&format!(
                "Unknown conversion specifier \\x{:x}",
                c as u32
            ))),
        }
    }
}

/// The automatic field numbering state of one `str.format` call.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AutoNumber {
    /// `None` until the first numeric or empty field name decides.
    manual: Option<bool>,
    next: usize,
}

/// Which argument a field refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldArg<'a> {
    /// A positional argument (`{0}`, or `{}` numbered automatically).
    Index(usize),
    /// A keyword argument (`{name}`).
    Name(&'a str),
}

/// One step after the first part of a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldAccessor<'a> {
    /// `.name`: `getattr(obj, name)`.
    Attr(&'a str),
    /// `[123]`: `obj[123]` (all decimal digits).
    Index(usize),
    /// `[key]`: `obj['key']`.
    Key(&'a str),
}

/// A parsed field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldName<'a> {
    /// The argument.
    pub arg: FieldArg<'a>,
    /// The attribute and item lookups to apply, in order.
    pub accessors: Vec<FieldAccessor<'a>>,
    /// A syntax error after the accessors, raised only once they all
    /// succeeded (`'{0.}'` is `Empty attribute in format string`, but
    /// `'{x.}'.format()` is `KeyError: 'x'`).
    pub error: Option<FormatError>,
}

/// Port of the field name's `get_integer`: `None` unless all characters are
/// decimal digits; `Too many decimal digits` on overflow.
fn field_integer(s: &str) -> Result<Option<usize>, FormatError> {
    if s.is_empty() {
        return Ok(None);
    }
    let mut value: usize = 0;
    for c in s.chars() {
        let Some(d) = decimal_digit_value(c) else {
            return Ok(None);
        };
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or_else(|| value_error("Too many decimal digits in format string"))?;
    }
    Ok(Some(value))
}

/// Splits a field name into the argument and its accessors, numbering empty
/// names through `auto` (pass `None` for no numbering, as
/// `_string.formatter_field_name_split` does: the empty name is then
/// `Name("")`). Errors: `cannot switch from manual field specification to
/// automatic field numbering` and the reverse, `Too many decimal digits in
/// format string`; later syntax errors go to [`FieldName::error`].
pub fn parse_field_name<'a>(
    name: &'a str,
    auto: Option<&mut AutoNumber>,
) -> Result<FieldName<'a>, FormatError> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let first = &name[..first_end];
    let index = field_integer(first)?;
    let is_empty = first.is_empty();
    let mut arg = match index {
        Some(i) => FieldArg::Index(i),
        None => FieldArg::Name(first),
    };
    if let Some(auto) = auto {
        if is_empty || index.is_some() {
            let manual = *auto.manual.get_or_insert(!is_empty);
            if manual && is_empty {
                return Err(value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            if !manual && !is_empty {
                return Err(value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
        }
        if is_empty {
            arg = FieldArg::Index(auto.next);
            auto.next += 1;
        }
    }
    let mut accessors = Vec::new();
    let mut rest = &name[first_end..];
    let error = loop {
        let Some(c) = rest.chars().next() else {
            break None;
        };
        rest = &rest[c.len_utf8()..];
        let part = match c {
            '.' => {
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                let attr = &rest[..end];
                rest = &rest[end..];
                FieldAccessor::Attr(attr)
            }
            '[' => {
                let Some(end) = rest.find(']') else {
                    break Some(value_error("Missing ']' in format string"));
                };
                let key = &rest[..end];
                rest = &rest[end + 1..];
                match field_integer(key) {
                    Err(e) => break Some(e),
                    Ok(Some(i)) => FieldAccessor::Index(i),
                    Ok(None) => FieldAccessor::Key(key),
                }
            }
            _ => {
                break Some(value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ));
            }
        };
        if matches!(part, FieldAccessor::Attr("") | FieldAccessor::Key("")) {
            break Some(value_error("Empty attribute in format string"));
        }
        accessors.push(part);
    };
    Ok(FieldName {
        arg,
        accessors,
        error,
    })
}

fn value_error(message: &str) -> FormatError {
    FormatError::Value(message.to_owned())
}
