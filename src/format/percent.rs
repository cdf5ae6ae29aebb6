//! `str % args`, ported from `PyUnicode_Format` and its helpers
//! (Objects/unicodeobject.c): `unicode_format_arg_parse`,
//! `unicode_format_arg_format`, `_PyUnicode_FormatLong`, `formatfloat`,
//! `formatchar` and `unicode_format_arg_output`.
//!
//! The driver [`percent_format`] owns the parsing and the argument
//! bookkeeping; the caller supplies the values through [`PercentArgs`].
//! Parse errors and argument errors interleave exactly as in CPython (for
//! example `'%y' % ()` is `TypeError: not enough arguments for format
//! string`, because the argument is fetched before the conversion character
//! is checked).

use num_bigint::{BigInt, Sign as BigSign};
use num_traits::{FromPrimitive, ToPrimitive};

use super::dtoa::{DtoaFlags, double_to_string};
use super::number::{code_point_to_char, int_to_f64};
use super::text::truncate_chars;
use super::{FormatError, float_repr, string_with_capacity};

/// One parsed `%` conversion: `%[(key)][flags][width][.precision][hlL]type`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PercentSpec {
    /// `-`: left-justify.
    pub left: bool,
    /// `+`: always write a sign.
    pub sign: bool,
    /// ` `: a space before positive numbers.
    pub blank: bool,
    /// `#`: alternate form.
    pub alternate: bool,
    /// `0`: zero padding (numbers only).
    pub zero: bool,
    /// The minimum width.
    pub width: Option<usize>,
    /// The precision.
    pub precision: Option<usize>,
    /// The conversion character (`s r a d i u o x X e E f F g G c`).
    pub conversion: char,
}

/// What the driver asks the caller to turn an argument into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PercentConversion {
    /// `%s`: `str(arg)` as [`PercentValue::Str`].
    Str,
    /// `%r`: `repr(arg)` as [`PercentValue::Str`].
    Repr,
    /// `%a`: `ascii(arg)` as [`PercentValue::Str`].
    Ascii,
    /// `%d %i %u %o %x %X` (the character): an integer. Give
    /// [`PercentValue::Int`] for ints and bools, [`PercentValue::Float`] for
    /// floats (the driver truncates for `d i u` and raises CPython's
    /// `TypeError` for `o x X`), [`PercentValue::Str`] for strs (the driver
    /// raises); coerce other objects yourself (`__int__` for `d i u`,
    /// `__index__` for `o x X`), or raise [`percent_type_error`].
    Int(char),
    /// `%e %E %f %F %g %G` (the character): a float. Give
    /// [`PercentValue::Float`] or [`PercentValue::Int`] (the driver converts
    /// with `OverflowError` as `float(int)` does), [`PercentValue::Str`] for
    /// strs; coerce other objects with `__float__`/`__index__` or raise
    /// [`percent_type_error`].
    Float(char),
    /// `%c`: a character. Give [`PercentValue::Str`] for strs (the driver
    /// checks the length), [`PercentValue::Int`] for ints (the driver checks
    /// the range); use `__index__` for other objects or raise
    /// [`percent_type_error`].
    Char,
}

/// An argument value converted by the caller (see [`PercentConversion`]).
#[derive(Clone, Debug, PartialEq)]
pub enum PercentValue {
    /// A string: the result of `str`/`repr`/`ascii`, or a `str` argument.
    Str(String),
    /// An int (or bool).
    Int(BigInt),
    /// A float.
    Float(f64),
    /// A single character.
    Char(char),
}

/// Access to the right operand of `%`, implemented by the caller.
///
/// The operand is a tuple (its items are the arguments), a mapping (for
/// `%(key)s`; CPython counts any object with `__getitem__` that is neither a
/// tuple nor a str, so lists and bytes count too), or a single other value.
pub trait PercentArgs {
    /// A handle to one argument (e.g. the interpreter's value type).
    type Arg;
    /// The caller's exception type; driver errors convert into it.
    type Error: From<FormatError>;
    /// `Some(len)` when the operand is a tuple (exactly `tuple` or a
    /// subclass), `None` otherwise.
    fn tuple_len(&self) -> Option<usize>;
    /// Whether a non-tuple operand counts as a mapping (see above).
    fn is_mapping(&self) -> bool;
    /// Item `index` (< `tuple_len`) of a tuple operand.
    fn tuple_item(&mut self, index: usize) -> Self::Arg;
    /// The whole operand, when it is not a tuple.
    fn whole(&mut self) -> Self::Arg;
    /// `operand[key]` for `%(key)s` (a `KeyError` is the caller's).
    fn lookup(&mut self, key: &str) -> Result<Self::Arg, Self::Error>;
    /// For a `*` width or precision: the value if `arg` is an int (bool and
    /// int subclasses included), else `None` (the driver raises
    /// `TypeError: * wants int`).
    fn star_int(&mut self, arg: &Self::Arg) -> Option<BigInt>;
    /// Converts `arg` as requested (calling `str`/`repr`/`ascii`,
    /// `__index__`, ... as documented on [`PercentConversion`]).
    fn convert(
        &mut self,
        arg: Self::Arg,
        conversion: PercentConversion,
    ) -> Result<PercentValue, Self::Error>;
}

/// CPython's `TypeError` for an argument of type `type_name` that does not
/// suit `conversion` (e.g. `%d format: a real number is required, not str`).
pub fn percent_type_error(conversion: PercentConversion, type_name: &str) -> FormatError {
    FormatError::Type(match conversion {
        PercentConversion::Int(c @ ('o' | 'x' | 'X')) => {
            format!("%{c} format: an integer is required, not {type_name}")
        }
        PercentConversion::Int(c) => {
            format!("%{c} format: a real number is required, not {type_name}")
        }
        PercentConversion::Float(_) => format!("must be real number, not {type_name}"),
        PercentConversion::Char => "%c requires int or char".into(),
        PercentConversion::Str | PercentConversion::Repr | PercentConversion::Ascii => {
            format!("cannot convert {type_name} to str")
        }
    })
}

/// Formats an integer for `%d %i %u %o %x %X` (port of
/// `_PyUnicode_FormatLong` followed by the padding of
/// `unicode_format_arg_output`).
pub fn percent_format_int(value: &BigInt, spec: &PercentSpec) -> Result<String, FormatError> {
    let conversion = spec.conversion;
    let precision = spec.precision.unwrap_or(0);
    if precision > i32::MAX as usize - 3 {
        return Err(FormatError::Overflow("precision too large".into()));
    }
    let (radix, prefix) = match conversion {
        'o' => (8, "0o"),
        'x' | 'X' => (16, "0x"),
        _ => (10, ""),
    };
    let digits = value.magnitude().to_str_radix(radix);
    let zeros = precision.saturating_sub(digits.len());
    let mut body = string_with_capacity(zeros + digits.len() + 3)?;
    if value.sign() == BigSign::Minus {
        body.push('-');
    }
    if spec.alternate {
        body.push_str(prefix);
    }
    body.extend(std::iter::repeat_n('0', zeros));
    body.push_str(&digits);
    if conversion == 'X' {
        body.make_ascii_uppercase();
    }
    output(spec, &body, true)
}

/// Formats a float for `%e %E %f %F %g %G` (port of `formatfloat`, then the
/// padding of `unicode_format_arg_output`). The default precision is 6.
pub fn percent_format_float(value: f64, spec: &PercentSpec) -> Result<String, FormatError> {
    let precision = spec.precision.unwrap_or(6);
    let flags = DtoaFlags {
        alt: spec.alternate,
        ..DtoaFlags::default()
    };
    let body = double_to_string(value, spec.conversion, precision, flags)?;
    output(spec, &body, true)
}

/// Pads (and for `s r a`, truncates to the precision) an already converted
/// string for `%s %r %a %c`.
pub fn percent_pad(text: &str, spec: &PercentSpec) -> Result<String, FormatError> {
    output(spec, text, false)
}

/// Port of `unicode_format_arg_output`; `numeric` is CPython's `arg->sign`.
fn output(spec: &PercentSpec, text: &str, numeric: bool) -> Result<String, FormatError> {
    let mut signed = numeric;
    let fill = if signed && spec.zero { '0' } else { ' ' };
    let (mut body, mut len) = match spec.conversion {
        's' | 'r' | 'a' => truncate_chars(text, spec.precision),
        _ => (text, text.chars().count()),
    };
    let mut sign_char = ' ';
    if signed {
        match body.chars().next() {
            Some(c @ ('-' | '+')) => {
                sign_char = c;
                body = &body[1..];
                len -= 1;
            }
            _ if spec.sign => sign_char = '+',
            _ if spec.blank => sign_char = ' ',
            _ => signed = false,
        }
    }
    let mut width = spec.width.unwrap_or(0).max(len);
    let mut out = string_with_capacity(width.saturating_add(text.len()).saturating_add(2))?;
    if signed {
        if fill != ' ' {
            out.push(sign_char);
        }
        if width > len {
            width -= 1;
        }
    }
    let mut pending_prefix = "";
    if spec.alternate && matches!(spec.conversion, 'x' | 'X' | 'o') && body.len() >= 2 {
        let (prefix, rest) = body.split_at(2);
        if fill != ' ' {
            out.push_str(prefix);
        } else {
            pending_prefix = prefix;
        }
        body = rest;
        width = width.saturating_sub(2);
        len -= 2;
    }
    if width > len && !spec.left {
        out.extend(std::iter::repeat_n(fill, width - len));
        width = len;
    }
    if fill == ' ' {
        if signed {
            out.push(sign_char);
        }
        out.push_str(pending_prefix);
    }
    out.push_str(body);
    if width > len {
        out.extend(std::iter::repeat_n(' ', width - len));
    }
    Ok(out)
}

/// The argument bookkeeping of `PyUnicode_Format` (`arglen`, `argidx`, and
/// the value looked up by the last `%(key)`).
struct ArgCursor<Arg> {
    arglen: isize,
    argidx: isize,
    looked_up: Option<Arg>,
}

impl<Arg> ArgCursor<Arg> {
    /// Port of `unicode_format_getnextarg`.
    fn next<A: PercentArgs<Arg = Arg>>(&mut self, args: &mut A) -> Result<Arg, A::Error> {
        if self.argidx < self.arglen {
            let index = self.argidx;
            self.argidx += 1;
            if self.arglen >= 0 {
                return Ok(args.tuple_item(index as usize));
            }
            // A non-tuple operand, or the value of the last `%(key)`.
            return Ok(self.looked_up.take().unwrap_or_else(|| args.whole()));
        }
        Err(FormatError::Type("not enough arguments for format string".into()).into())
    }
}

fn is_ascii_digit(c: Option<char>) -> Option<usize> {
    c.filter(char::is_ascii_digit)
        .map(|c| c as usize - '0' as usize)
}

/// `fmt % args`: the whole `%` operator for a `str` left operand.
///
/// Errors are `FormatError`s (converted into `A::Error`) or whatever the
/// caller's [`PercentArgs`] methods return: `TypeError`s for argument count
/// and type problems and `format requires a mapping`, `ValueError`s for a
/// malformed format (`incomplete format`, `unsupported format character 'y'
/// (0x79) at index 3`), `OverflowError`s for out-of-range `%c` and `*`.
pub fn percent_format<A: PercentArgs>(fmt: &str, args: &mut A) -> Result<String, A::Error> {
    let chars: Vec<char> = fmt.chars().collect();
    let tuple_len = args.tuple_len();
    let mapping = tuple_len.is_none() && args.is_mapping();
    let mut cursor = ArgCursor {
        arglen: tuple_len.map_or(-1, |n| n as isize),
        argidx: if tuple_len.is_some() { 0 } else { -2 },
        looked_up: None,
    };
    let mut out = String::with_capacity(fmt.len() + 16);
    let mut pos = 0;
    while pos < chars.len() {
        if chars[pos] != '%' {
            while pos < chars.len() && chars[pos] != '%' {
                out.push(chars[pos]);
                pos += 1;
            }
            continue;
        }
        pos += 1;
        if chars.get(pos) == Some(&'%') {
            out.push('%');
            pos += 1;
            continue;
        }
        let mut spec = PercentSpec::default();
        if chars.get(pos) == Some(&'(') {
            if !mapping {
                return Err(FormatError::Type("format requires a mapping".into()).into());
            }
            pos += 1;
            let key_start = pos;
            let mut depth = 1;
            while depth > 0 && pos < chars.len() {
                match chars[pos] {
                    ')' => depth -= 1,
                    '(' => depth += 1,
                    _ => {}
                }
                pos += 1;
            }
            if depth > 0 {
                return Err(FormatError::Value("incomplete format key".into()).into());
            }
            let key: String = chars[key_start..pos - 1].iter().collect();
            cursor.looked_up = Some(args.lookup(&key)?);
            cursor.arglen = -1;
            cursor.argidx = -2;
        }
        let mut next = || {
            let c = chars.get(pos).copied();
            pos += 1;
            c
        };
        let mut cur = next();
        while let Some(c) = cur {
            match c {
                '-' => spec.left = true,
                '+' => spec.sign = true,
                ' ' => spec.blank = true,
                '#' => spec.alternate = true,
                '0' => spec.zero = true,
                _ => break,
            }
            cur = next();
        }
        if cur == Some('*') {
            let arg = cursor.next(args)?;
            let n = args
                .star_int(&arg)
                .ok_or_else(|| FormatError::Type("* wants int".into()))?;
            let n = n.to_isize().ok_or_else(|| {
                FormatError::Overflow("Python int too large to convert to C ssize_t".into())
            })?;
            if n < 0 {
                spec.left = true;
            }
            spec.width = Some(n.unsigned_abs());
            cur = next();
        } else if let Some(d) = is_ascii_digit(cur) {
            let mut width = d;
            cur = next();
            while let Some(d) = is_ascii_digit(cur) {
                width = width
                    .checked_mul(10)
                    .and_then(|w| w.checked_add(d))
                    .filter(|&w| w <= isize::MAX as usize)
                    .ok_or_else(|| FormatError::Value("width too big".into()))?;
                cur = next();
            }
            spec.width = Some(width);
        }
        if cur == Some('.') {
            spec.precision = Some(0);
            cur = next();
            if cur == Some('*') {
                let arg = cursor.next(args)?;
                let n = args
                    .star_int(&arg)
                    .ok_or_else(|| FormatError::Type("* wants int".into()))?;
                let n = n.to_i32().ok_or_else(|| {
                    FormatError::Overflow("Python int too large to convert to C int".into())
                })?;
                spec.precision = Some(n.max(0) as usize);
                cur = next();
            } else if let Some(d) = is_ascii_digit(cur) {
                let mut precision = d;
                cur = next();
                while let Some(d) = is_ascii_digit(cur) {
                    precision = precision
                        .checked_mul(10)
                        .and_then(|p| p.checked_add(d))
                        .filter(|&p| p <= i32::MAX as usize)
                        .ok_or_else(|| FormatError::Value("precision too big".into()))?;
                    cur = next();
                }
                spec.precision = Some(precision);
            }
        }
        if matches!(cur, Some('h' | 'l' | 'L')) {
            cur = next();
        }
        let Some(conversion) = cur else {
            return Err(FormatError::Value("incomplete format".into()).into());
        };
        spec.conversion = conversion;
        let arg = cursor.next(args)?;
        let piece = match conversion {
            's' | 'r' | 'a' => {
                let kind = match conversion {
                    's' => PercentConversion::Str,
                    'r' => PercentConversion::Repr,
                    _ => PercentConversion::Ascii,
                };
                let text = match args.convert(arg, kind)? {
                    PercentValue::Str(s) => s,
                    PercentValue::Char(c) => c.to_string(),
                    PercentValue::Int(n) => n.to_string(),
                    PercentValue::Float(x) => float_repr(x),
                };
                percent_pad(&text, &spec)?
            }
            'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                let kind = PercentConversion::Int(conversion);
                let value = match args.convert(arg, kind)? {
                    PercentValue::Int(n) => n,
                    PercentValue::Float(x) if matches!(conversion, 'd' | 'i' | 'u') => {
                        float_to_int(x)?
                    }
                    PercentValue::Float(_) => return Err(percent_type_error(kind, "float").into()),
                    PercentValue::Str(_) | PercentValue::Char(_) => {
                        return Err(percent_type_error(kind, "str").into());
                    }
                };
                percent_format_int(&value, &spec)?
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let kind = PercentConversion::Float(conversion);
                let value = match args.convert(arg, kind)? {
                    PercentValue::Float(x) => x,
                    PercentValue::Int(n) => int_to_f64(&n)?,
                    PercentValue::Str(_) | PercentValue::Char(_) => {
                        return Err(percent_type_error(kind, "str").into());
                    }
                };
                percent_format_float(value, &spec)?
            }
            'c' => {
                let kind = PercentConversion::Char;
                let ch = match args.convert(arg, kind)? {
                    PercentValue::Char(c) => c,
                    PercentValue::Str(s) => {
                        let mut it = s.chars();
                        match (it.next(), it.next()) {
                            (Some(c), None) => c,
                            _ => return Err(percent_type_error(kind, "str").into()),
                        }
                    }
                    PercentValue::Int(n) => code_point_to_char(n.to_i64().unwrap_or(-1))?,
                    PercentValue::Float(_) => return Err(percent_type_error(kind, "float").into()),
                };
                percent_pad(ch.encode_utf8(&mut [0; 4]), &spec)?
            }
            _ => {
                let shown = if (31..=126).contains(&(conversion as u32)) {
                    conversion
                } else {
                    '?'
                };
                return Err(FormatError::Value(format!(
                    "unsupported format character '{shown}' (0x{:x}) at index {}",
                    conversion as u32,
                    pos - 1
                ))
                .into());
            }
        };
        out.push_str(&piece);
        if mapping && cursor.argidx < cursor.arglen {
            return Err(not_all_converted().into());
        }
    }
    if cursor.argidx < cursor.arglen && !mapping {
        return Err(not_all_converted().into());
    }
    Ok(out)
}

fn not_all_converted() -> FormatError {
    FormatError::Type("not all arguments converted during string formatting".into())
}

/// `int(x)` for a float: truncation, with CPython's errors for inf and nan.
fn float_to_int(x: f64) -> Result<BigInt, FormatError> {
    if x.is_nan() {
        return Err(FormatError::Value(
            "cannot convert float NaN to integer".into(),
        ));
    }
    BigInt::from_f64(x.trunc())
        .ok_or_else(|| FormatError::Overflow("cannot convert float infinity to integer".into()))
}
