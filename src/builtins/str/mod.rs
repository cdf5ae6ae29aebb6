//! The `str` type: its constructor, its methods and its operator dunders,
//! matching CPython 3.11 in results and error messages.
//!
//! Every method takes the receiver as its first positional argument, so
//! unbound use (`map(str.upper, words)`) works. Submodules group the
//! methods; [`unicode`] holds the character tables they share.

use std::rc::Rc;

use self::args::{keywords, one_arg, this_slot};
use super::{add_method, builtin_fn};
use crate::eval::attr::lookup_special;
use crate::eval::protocol::{str_of, type_name};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::{Sym, known};
use crate::value::{PyStr, Value};

mod args;
mod case;
mod classify;
mod index;
mod pad;
mod search;
mod split;
mod translate;
/// Character classes and case mappings as CPython 3.11 has them.
pub mod unicode;
mod unicode_db;

/// `str.isidentifier()` on Rust text.
pub use classify::is_identifier;

/// Adds the `str` methods to the `str` type.
pub fn install(vm: &Vm) {
    let s = &vm.types.str;
    add_method(s, "__new__", str_new);
    let methods: [(&'static str, crate::value::func::NativeFn); 46] = [
        ("join", split::join),
        ("split", split::split),
        ("rsplit", split::rsplit),
        ("splitlines", split::splitlines),
        ("strip", split::strip),
        ("lstrip", split::lstrip),
        ("rstrip", split::rstrip),
        ("find", search::find),
        ("rfind", search::rfind),
        ("index", search::index),
        ("rindex", search::rindex),
        ("count", search::count),
        ("startswith", search::startswith),
        ("endswith", search::endswith),
        ("replace", search::replace),
        ("partition", search::partition),
        ("rpartition", search::rpartition),
        ("removeprefix", search::removeprefix),
        ("removesuffix", search::removesuffix),
        ("upper", case::upper),
        ("lower", case::lower),
        ("casefold", case::casefold),
        ("swapcase", case::swapcase),
        ("title", case::title),
        ("capitalize", case::capitalize),
        ("isalpha", classify::isalpha),
        ("isalnum", classify::isalnum),
        ("isdecimal", classify::isdecimal),
        ("isdigit", classify::isdigit),
        ("isnumeric", classify::isnumeric),
        ("isspace", classify::isspace),
        ("isprintable", classify::isprintable),
        ("isascii", classify::isascii),
        ("isidentifier", classify::isidentifier),
        ("isupper", classify::isupper),
        ("islower", classify::islower),
        ("istitle", classify::istitle),
        ("center", pad::center),
        ("ljust", pad::ljust),
        ("rjust", pad::rjust),
        ("zfill", pad::zfill),
        ("expandtabs", pad::expandtabs),
        ("translate", translate::translate),
        ("format", format),
        ("format_map", format_map),
        ("encode", encode),
    ];
    for (name, f) in methods {
        add_method(s, name, f);
    }
    let dunders: [(&'static str, crate::value::func::NativeFn); 20] = [
        ("__len__", dunder_len),
        ("__contains__", dunder_contains),
        ("__getitem__", dunder_getitem),
        ("__iter__", dunder_iter),
        ("__add__", dunder_add),
        ("__mul__", dunder_mul),
        ("__rmul__", dunder_rmul),
        ("__mod__", dunder_mod),
        ("__rmod__", dunder_rmod),
        ("__eq__", dunder_eq),
        ("__ne__", dunder_ne),
        ("__lt__", dunder_lt),
        ("__le__", dunder_le),
        ("__gt__", dunder_gt),
        ("__ge__", dunder_ge),
        ("__hash__", dunder_hash),
        ("__str__", dunder_str),
        ("__repr__", dunder_repr),
        ("__format__", dunder_format),
        ("__getnewargs__", dunder_getnewargs),
    ];
    for (name, f) in dunders {
        add_method(s, name, f);
    }
    let maketrans = builtin_fn("maketrans", translate::maketrans);
    s.dict.borrow_mut().insert(
        Sym::new("maketrans"),
        Value::native(super::descriptors::StaticMethod(maketrans)),
    );
}

thread_local! {
    /// The one-character ASCII strings, shared like CPython's latin-1 cache.
    static ASCII_CHARS: Vec<Value> = (0u8..128)
        .map(|b| Value::Str(Rc::new(PyStr::new((b as char).to_string()))))
        .collect();
}

/// A one-character string.
pub fn char_value(c: char) -> Value {
    if c.is_ascii()
        && let Some(v) = ASCII_CHARS.with(|t| t.get(c as usize).cloned())
    {
        return v;
    }
    let mut buf = [0u8; 4];
    Value::Str(Rc::new(PyStr::new(c.encode_utf8(&mut buf).to_owned())))
}

/// A new string value.
#[inline]
fn new_str(s: String) -> Value {
    Value::Str(Rc::new(PyStr::new(s)))
}

/// The receiver itself, for results equal to it (CPython returns the same
/// object too).
#[inline]
fn same(s: &Rc<PyStr>) -> Value {
    Value::Str(s.clone())
}

/// The string receiving a method call (generic wording; the `str` methods
/// themselves use CPython's per-convention messages).
pub fn this<'a>(vm: &Vm, args: &'a Args) -> PyResult<&'a str> {
    match args.pos.first() {
        Some(Value::Str(s)) => Ok(s.as_str()),
        Some(v) => Err(vm.type_error(format!(
            "descriptor requires a 'str' object but received a '{}'",
            type_name(vm, v)
        ))),
        None => Err(vm.type_error("descriptor needs an argument")),
    }
}

/// A `str` argument, with CPython's message otherwise.
pub fn arg_str<'a>(vm: &Vm, v: &'a Value, what: &str) -> PyResult<&'a str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        _ => Err(vm.type_error(format!("{what} must be str, not {}", type_name(vm, v)))),
    }
}

/// `str(object='')`, `str(object, encoding, errors)` and `str.__new__`.
fn str_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let cls = match args.pos.first() {
        Some(Value::Type(t)) => t,
        Some(v) => {
            let n = type_name(vm, v);
            return Err(vm.type_error(format!("str.__new__(X): X is not a type object ({n})")));
        }
        None => return Err(vm.type_error("str.__new__(): not enough arguments")),
    };
    if !cls.is_subtype(&vm.types.str) {
        let n = &cls.name;
        return Err(vm.type_error(format!("str.__new__({n}): {n} is not a subtype of str")));
    }
    if !Rc::ptr_eq(cls, &vm.types.str) {
        return Err(vm.unsupported("subclasses of str"));
    }
    let [object, encoding, errors] = keywords(
        vm,
        &args.pos[1..],
        &args.kw,
        "str",
        ["object", "encoding", "errors"],
    )?;
    for (v, what) in [(&encoding, "encoding"), (&errors, "errors")] {
        if let Some(v) = v
            && !matches!(v, Value::Str(_))
        {
            return Err(vm.type_error(format!(
                "str() argument '{what}' must be str, not {}",
                args::clinic_type_name(vm, v)
            )));
        }
    }
    match object {
        None => Ok(Value::str("")),
        Some(v) if encoding.is_none() && errors.is_none() => match v {
            Value::Str(_) => Ok(v),
            _ => Ok(new_str(str_of(vm, &v)?)),
        },
        Some(Value::Str(_)) => Err(vm.type_error("decoding str is not supported")),
        Some(v) => Err(vm.type_error(format!(
            "decoding to str: need a bytes-like object, {} found",
            type_name(vm, &v)
        ))),
    }
}

/// `s[idx]`: an index or a slice.
pub fn getitem(vm: &Vm, s: &Rc<PyStr>, idx: &Value) -> PyResult<Value> {
    let i = match idx {
        Value::Slice(sl) => return slice(vm, s, sl),
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => {
            return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
        }
        Value::Instance(_) if lookup_special(vm, idx, known::__index__).is_some() => {
            match super::arg_int(vm, idx) {
                Ok(i) => i,
                Err(e) if vm.exc_is(&e, crate::eval::ExcKind::OverflowError) => {
                    return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
                }
                Err(e) => return Err(e),
            }
        }
        _ => {
            return Err(vm.type_error(format!(
                "string indices must be integers, not '{}'",
                type_name(vm, idx)
            )));
        }
    };
    let n = s.char_len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("string index out of range"));
    }
    Ok(char_value(index::char_at(s, j as usize)))
}

fn slice(vm: &Vm, s: &Rc<PyStr>, sl: &crate::value::PySlice) -> PyResult<Value> {
    let len = s.char_len();
    let si = super::subscript::slice_indices(vm, sl, len)?;
    let count = si.count();
    if count == 0 {
        return Ok(Value::str(""));
    }
    if si.step == 1 {
        if count == len {
            return Ok(same(s));
        }
        let start = si.start as usize;
        let (a, b) = index::byte_span(s, start, start + count);
        return Ok(Value::str(&s.as_str()[a..b]));
    }
    if count == 1 {
        return getitem(vm, s, &Value::Int(si.start));
    }
    let text = s.as_str();
    if s.is_ascii() {
        let bytes = text.as_bytes();
        return Ok(new_str(si.indices().map(|i| bytes[i] as char).collect()));
    }
    // Decode only the code points between the first and last selected.
    let last = si.start + (count as i64 - 1) * si.step;
    let (lo, hi) = (si.start.min(last) as usize, si.start.max(last) as usize);
    let (a, b) = index::byte_span(s, lo, hi + 1);
    let chars: Vec<char> = text[a..b].chars().collect();
    Ok(new_str(si.indices().map(|i| chars[i - lo]).collect()))
}

/// `str.format(*args, **kwargs)`.
fn format(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = args::this(vm, &args, "format")?.clone();
    let rest = Args::with_kw(args.pos.into_iter().skip(1), args.kw);
    Ok(new_str(super::format::str_format(vm, s.as_str(), rest)?))
}

/// `str.format_map(mapping)`.
fn format_map(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, mapping) = one_arg(vm, &args, "format_map")?;
    Ok(new_str(super::format::str_format_map(
        vm,
        s.as_str(),
        mapping,
    )?))
}

/// `str.encode`: apy has no `bytes`.
/// `str.encode(encoding, errors)`.
pub(crate) fn encode(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let encoding = args
        .take_kw("encoding")
        .or_else(|| args.pos.get(1).cloned());
    let errors = args.take_kw("errors").or_else(|| args.pos.get(2).cloned());
    let text = args::this(vm, &args, "encode")?.as_str().to_owned();
    let enc = match &encoding {
        Some(Value::Str(e)) => e.as_str().to_lowercase().replace('_', "-"),
        Some(other) => {
            return Err(vm.type_error(format!(
                "encode() argument 'encoding' must be str, not {}",
                crate::eval::protocol::type_name(vm, other)
            )));
        }
        None => "utf-8".to_owned(),
    };
    let strict = !matches!(&errors, Some(Value::Str(e)) if e.as_str() != "strict");
    let limit = match enc.as_str() {
        "utf-8" | "utf8" => None,
        "ascii" | "us-ascii" => Some(0x80u32),
        "latin-1" | "latin1" | "iso-8859-1" => Some(0x100),
        other => return Err(vm.unsupported(format!("the '{other}' codec"))),
    };
    let Some(limit) = limit else {
        return Ok(crate::builtins::bytes::PyBytes::value(
            text.into_bytes(),
            false,
        ));
    };
    if !strict {
        return Err(vm.unsupported("encode() error handlers other than 'strict'"));
    }
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        if (c as u32) >= limit {
            let name = if limit == 0x80 { "ascii" } else { "latin-1" };
            return Err(vm.new_exc(
                crate::eval::ExcKind::UnicodeEncodeError,
                format!(
                    "'{name}' codec can't encode character '{}' in position {i}: ordinal not in range({limit})",
                    crate::builtins::repr::ascii(&c.to_string())
                ),
            ));
        }
        out.push(c as u32 as u8);
    }
    Ok(crate::builtins::bytes::PyBytes::value(out, false))
}

fn dunder_len(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this_slot(vm, &args, "__len__", 0)?;
    Ok(Value::Int(s.char_len() as i64))
}

fn dunder_contains(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this_slot(vm, &args, "__contains__", 1)?;
    match &args.pos[1] {
        Value::Str(sub) => Ok(Value::Bool(s.as_str().contains(sub.as_str()))),
        other => Err(vm.type_error(format!(
            "'in <string>' requires string as left operand, not {}",
            type_name(vm, other)
        ))),
    }
}

fn dunder_getitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this_slot(vm, &args, "__getitem__", 1)?;
    getitem(vm, s, &args.pos[1])
}

fn dunder_iter(vm: &Vm, args: Args) -> PyResult<Value> {
    this_slot(vm, &args, "__iter__", 0)?;
    crate::eval::iter::get_iter(vm, &args.pos[0])
}

fn dunder_add(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this_slot(vm, &args, "__add__", 1)?;
    let other = &args.pos[1];
    match other {
        Value::Str(o) => {
            let mut out = pad::reserve(vm, s.as_str().len().saturating_add(o.as_str().len()))?;
            out.push_str(s.as_str());
            out.push_str(o.as_str());
            Ok(new_str(out))
        }
        // `'a' + x` tries `type(x).__radd__` before failing.
        Value::Instance(_) if lookup_special(vm, other, known::__radd__).is_some() => {
            Ok(Value::NotImplemented)
        }
        _ => Err(vm.type_error(format!(
            "can only concatenate str (not \"{}\") to str",
            type_name(vm, other)
        ))),
    }
}

/// `s * n`.
pub fn repeat(vm: &Vm, s: &Rc<PyStr>, n: i64) -> PyResult<Value> {
    if n <= 0 || s.as_str().is_empty() {
        return Ok(Value::str(""));
    }
    if n == 1 {
        return Ok(same(s));
    }
    if n as u64 > i64::MAX as u64 / s.char_len() as u64 {
        return Err(vm.overflow_error("repeated string is too long"));
    }
    let text = s.as_str();
    let bytes = text.len().saturating_mul(n as usize);
    let mut out = pad::reserve(vm, bytes)?;
    for _ in 0..n {
        out.push_str(text);
    }
    Ok(new_str(out))
}

fn repeat_by(vm: &Vm, args: &Args, name: &str, reflected: Sym) -> PyResult<Value> {
    let s = this_slot(vm, args, name, 1)?;
    let n = &args.pos[1];
    if let Value::Instance(_) = n {
        if reflected == known::__rmul__ && lookup_special(vm, n, known::__rmul__).is_some() {
            return Ok(Value::NotImplemented);
        }
        if lookup_special(vm, n, known::__index__).is_none() {
            return Err(vm.type_error(format!(
                "can't multiply sequence by non-int of type '{}'",
                type_name(vm, n)
            )));
        }
    }
    match super::arg_int(vm, n) {
        Ok(n) => repeat(vm, s, n),
        Err(e) if vm.exc_is(&e, crate::eval::ExcKind::OverflowError) => {
            Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"))
        }
        Err(e) => Err(e),
    }
}

fn dunder_mul(vm: &Vm, args: Args) -> PyResult<Value> {
    repeat_by(vm, &args, "__mul__", known::__rmul__)
}

fn dunder_rmul(vm: &Vm, args: Args) -> PyResult<Value> {
    repeat_by(vm, &args, "__rmul__", known::__mul__)
}

fn dunder_mod(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this_slot(vm, &args, "__mod__", 1)?;
    Ok(new_str(super::format::percent_format(
        vm,
        s.as_str(),
        &args.pos[1],
    )?))
}

fn dunder_rmod(vm: &Vm, args: Args) -> PyResult<Value> {
    this_slot(vm, &args, "__rmod__", 1)?;
    match &args.pos[1] {
        Value::Str(f) => Ok(new_str(super::format::percent_format(
            vm,
            f.as_str(),
            &args.pos[0],
        )?)),
        _ => Ok(Value::NotImplemented),
    }
}

fn compare(
    vm: &Vm,
    args: &Args,
    name: &str,
    test: fn(std::cmp::Ordering) -> bool,
) -> PyResult<Value> {
    let s = this_slot(vm, args, name, 1)?;
    Ok(match &args.pos[1] {
        Value::Str(o) => Value::Bool(test(s.as_str().cmp(o.as_str()))),
        _ => Value::NotImplemented,
    })
}

fn dunder_eq(vm: &Vm, args: Args) -> PyResult<Value> {
    compare(vm, &args, "__eq__", |o| o.is_eq())
}

fn dunder_ne(vm: &Vm, args: Args) -> PyResult<Value> {
    compare(vm, &args, "__ne__", |o| o.is_ne())
}

fn dunder_lt(vm: &Vm, args: Args) -> PyResult<Value> {
    compare(vm, &args, "__lt__", |o| o.is_lt())
}

fn dunder_le(vm: &Vm, args: Args) -> PyResult<Value> {
    compare(vm, &args, "__le__", |o| o.is_le())
}

fn dunder_gt(vm: &Vm, args: Args) -> PyResult<Value> {
    compare(vm, &args, "__gt__", |o| o.is_gt())
}

fn dunder_ge(vm: &Vm, args: Args) -> PyResult<Value> {
    compare(vm, &args, "__ge__", |o| o.is_ge())
}

fn dunder_hash(vm: &Vm, args: Args) -> PyResult<Value> {
    this_slot(vm, &args, "__hash__", 0)?;
    Ok(Value::Int(crate::eval::protocol::hash_value(
        vm,
        &args.pos[0],
    )?))
}

fn dunder_str(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(same(this_slot(vm, &args, "__str__", 0)?))
}

fn dunder_repr(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this_slot(vm, &args, "__repr__", 0)?;
    Ok(new_str(super::repr::str_repr(s.as_str())))
}

fn dunder_format(vm: &Vm, args: Args) -> PyResult<Value> {
    let (s, spec) = one_arg(vm, &args, "__format__")?;
    let Value::Str(spec) = spec else {
        return Err(vm.type_error(format!(
            "__format__() argument must be str, not {}",
            args::clinic_type_name(vm, spec)
        )));
    };
    if spec.as_str().is_empty() {
        return Ok(same(s));
    }
    crate::format::str_dunder_format(s.as_str(), spec.as_str(), "str")
        .map(new_str)
        .map_err(|e| super::format::format_error(vm, e))
}

fn dunder_getnewargs(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = args::no_args(vm, &args, "__getnewargs__")?;
    Ok(Value::tuple(vec![new_str(s.as_str().to_owned())]))
}
