//! `bytes` and `bytearray`: enough for programs that print, index, iterate,
//! compare, concatenate and decode them (UTF-8 and ASCII).

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use super::{add_method, arg_int, check_method_args};
use crate::eval::iter::{IterObj, PyIter};
use crate::eval::protocol::type_name;
use crate::eval::{Args, ExcKind, PyResult, Vm};
use crate::value::{NativeObject, Type, Value};

/// A `bytes` (immutable) or `bytearray` (mutable) value.
pub struct PyBytes {
    pub data: RefCell<Vec<u8>>,
    pub mutable: bool,
}

impl PyBytes {
    pub fn value(data: Vec<u8>, mutable: bool) -> Value {
        Value::native(PyBytes {
            data: RefCell::new(data),
            mutable,
        })
    }
}

/// `repr` of byte data: `b'...'` with CPython's escapes and quote choice.
pub fn bytes_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from("b");
    out.push(quote);
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ if b as char == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}

impl NativeObject for PyBytes {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        if self.mutable {
            let t = vm.native_type("bytearray");
            if t.dict.borrow().is_empty() {
                install_methods(&t);
            }
            t
        } else {
            vm.types.bytes.clone()
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _vm: &Vm) -> Option<PyResult<String>> {
        let r = bytes_repr(&self.data.borrow());
        Some(Ok(if self.mutable {
            format!("bytearray({r})")
        } else {
            r
        }))
    }
    fn len(&self, _vm: &Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.data.borrow().len()))
    }
    fn iter(&self, vm: &Vm, _this: &Value) -> Option<PyResult<Value>> {
        let items: Vec<Value> = self
            .data
            .borrow()
            .iter()
            .map(|&b| Value::Int(b as i64))
            .collect();
        Some(Ok(IterObj::value(
            vm,
            "bytes_iterator",
            PyIter::Items(items.into_iter()),
        )))
    }
    fn getitem(&self, vm: &Vm, index: &Value) -> Option<PyResult<Value>> {
        let data = self.data.borrow();
        Some(match index {
            Value::Slice(s) => super::subscript::slice_indices(vm, s, data.len())
                .map(|si| PyBytes::value(si.indices().map(|i| data[i]).collect(), self.mutable)),
            _ => super::subscript::seq_index(vm, index, data.len(), "index")
                .map(|i| Value::Int(data[i] as i64)),
        })
    }
    fn contains(&self, vm: &Vm, item: &Value) -> Option<PyResult<bool>> {
        let data = self.data.borrow();
        Some(match item {
            Value::Int(i) => Ok(data.contains(&(*i as u8)) && (0..256).contains(i)),
            other => match other.downcast::<PyBytes>() {
                Some(sub) => {
                    let sub = sub.data.borrow();
                    Ok(sub.is_empty() || data.windows(sub.len()).any(|w| w == &sub[..]))
                }
                None => Err(vm.type_error(format!(
                    "a bytes-like object is required, not '{}'",
                    type_name(vm, other)
                ))),
            },
        })
    }
    fn eq(&self, _vm: &Vm, other: &Value) -> Option<PyResult<bool>> {
        Some(Ok(match other.downcast::<PyBytes>() {
            Some(o) => *o.data.borrow() == *self.data.borrow(),
            None => false,
        }))
    }
    fn hash(&self, vm: &Vm) -> Option<PyResult<i64>> {
        if self.mutable {
            return Some(Err(vm.type_error("unhashable type: 'bytearray'")));
        }
        Some(Ok(crate::hashing::hash_bytes(&self.data.borrow())))
    }
    fn truthy(&self, _vm: &Vm) -> Option<PyResult<bool>> {
        Some(Ok(!self.data.borrow().is_empty()))
    }
}

/// The byte data of a `bytes`/`bytearray` value.
pub fn data_of(v: &Value) -> Option<Vec<u8>> {
    v.downcast::<PyBytes>().map(|b| b.data.borrow().clone())
}

pub fn install(vm: &Vm) {
    let t = &vm.types.bytes;
    add_method(t, "__new__", bytes_new);
    install_methods(t);
    super::add_builtin(vm, "bytearray", bytearray_new);
}

fn install_methods(t: &Rc<Type>) {
    add_method(t, "decode", decode);
    add_method(t, "hex", hex);
    add_method(t, "__add__", add);
    add_method(t, "__mul__", mul);
    add_method(t, "__rmul__", mul);
    add_method(t, "startswith", startswith);
    add_method(t, "endswith", endswith);
    add_method(t, "count", count);
    add_method(t, "find", find);
    add_method(t, "upper", upper);
    add_method(t, "lower", lower);
    add_method(t, "strip", strip);
}

fn this(vm: &Vm, args: &Args) -> PyResult<(Vec<u8>, bool)> {
    match args.pos.first().and_then(|v| v.downcast::<PyBytes>()) {
        Some(b) => Ok((b.data.borrow().clone(), b.mutable)),
        None => Err(vm.type_error("descriptor requires a 'bytes' object")),
    }
}

fn from_source(vm: &Vm, src: Option<&Value>, encoding: Option<&Value>) -> PyResult<Vec<u8>> {
    Ok(match src {
        None => Vec::new(),
        Some(Value::Str(s)) => match encoding {
            Some(enc) => {
                // `bytes(s, encoding)` is `s.encode(encoding)`.
                let args = Args::new([Value::Str(s.clone()), enc.clone()]);
                let encoded = super::str::encode(vm, args)?;
                data_of(&encoded).unwrap_or_default()
            }
            None => return Err(vm.type_error("string argument without an encoding")),
        },
        Some(Value::Int(n)) => {
            if *n < 0 {
                return Err(vm.value_error("negative count"));
            }
            vm.reserve(*n as usize)?;
            vec![0; *n as usize]
        }
        Some(v) => match data_of(v) {
            Some(d) => d,
            None => {
                let mut out = Vec::new();
                let mut it = PyIter::new(vm, v)?;
                while let Some(x) = it.next(vm)? {
                    let i = arg_int(vm, &x)?;
                    if !(0..256).contains(&i) {
                        return Err(vm.value_error("bytes must be in range(0, 256)"));
                    }
                    out.push(i as u8);
                }
                out
            }
        },
    })
}

fn bytes_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let encoding = args
        .take_kw("encoding")
        .or_else(|| args.pos.get(2).cloned());
    Ok(PyBytes::value(
        from_source(vm, args.pos.get(1), encoding.as_ref())?,
        false,
    ))
}

fn bytearray_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let encoding = args
        .take_kw("encoding")
        .or_else(|| args.pos.get(1).cloned());
    Ok(PyBytes::value(
        from_source(vm, args.pos.first(), encoding.as_ref())?,
        true,
    ))
}

fn decode(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let encoding = args
        .take_kw("encoding")
        .or_else(|| args.pos.get(1).cloned());
    let errors = args.take_kw("errors").or_else(|| args.pos.get(2).cloned());
    let (data, _) = this(vm, &args)?;
    if matches!(&errors, Some(Value::Str(e)) if e.as_str() != "strict") {
        return Err(vm.unsupported("decode() error handlers other than 'strict'"));
    }
    let enc = match &encoding {
        Some(Value::Str(s)) => s.as_str().to_lowercase().replace('_', "-"),
        _ => "utf-8".to_owned(),
    };
    match enc.as_str() {
        "utf-8" | "utf8" => match String::from_utf8(data) {
            Ok(s) => Ok(Value::string(s)),
            Err(e) => Err(vm.new_exc(
                ExcKind::UnicodeDecodeError,
                utf8_decode_error(e.as_bytes(), e.utf8_error()),
            )),
        },
        "ascii" => {
            if let Some(pos) = data.iter().position(|&b| b >= 0x80) {
                return Err(vm.new_exc(
                    ExcKind::UnicodeDecodeError,
                    format!(
                        "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                        data[pos]
                    ),
                ));
            }
            Ok(Value::string(data.iter().map(|&b| b as char).collect()))
        }
        "latin-1" | "latin1" | "iso-8859-1" => {
            Ok(Value::string(data.iter().map(|&b| b as char).collect()))
        }
        other => Err(vm.unsupported(format!("the '{other}' codec"))),
    }
}

/// CPython's `UnicodeDecodeError` message for invalid UTF-8: the byte or
/// bytes at fault and why (an invalid start byte, an invalid continuation
/// byte, or the data ending inside a character).
pub fn utf8_decode_error(data: &[u8], e: std::str::Utf8Error) -> String {
    let at = e.valid_up_to();
    let lead = data.get(at).copied().unwrap_or(0);
    let (len, why) = match e.error_len() {
        _ if matches!(lead, 0x80..=0xC1 | 0xF5..=0xFF) => (1, "invalid start byte"),
        Some(n) => (n, "invalid continuation byte"),
        None => (data.len() - at, "unexpected end of data"),
    };
    if len == 1 {
        format!("'utf-8' codec can't decode byte 0x{lead:02x} in position {at}: {why}")
    } else {
        format!(
            "'utf-8' codec can't decode bytes in position {at}-{}: {why}",
            at + len - 1
        )
    }
}

fn hex(vm: &Vm, args: Args) -> PyResult<Value> {
    let (data, _) = this(vm, &args)?;
    Ok(Value::string(
        data.iter().map(|b| format!("{b:02x}")).collect(),
    ))
}

fn add(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__add__", 1, 1)?;
    let (mut data, mutable) = this(vm, &args)?;
    match data_of(&args.pos[1]) {
        Some(more) => {
            data.extend(more);
            Ok(PyBytes::value(data, mutable))
        }
        None => Err(vm.type_error(format!(
            "can't concat {} to {}",
            type_name(vm, &args.pos[1]),
            type_name(vm, &args.pos[0])
        ))),
    }
}

fn mul(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__mul__", 1, 1)?;
    let (data, mutable) = this(vm, &args)?;
    let n = arg_int(vm, &args.pos[1])?.max(0) as usize;
    match data.len().checked_mul(n) {
        Some(total) => vm.reserve(total)?,
        None => return Err(vm.memory_error()),
    }
    Ok(PyBytes::value(data.repeat(n), mutable))
}

fn affix(vm: &Vm, args: &Args, start: bool) -> PyResult<Value> {
    let (data, _) = this(vm, args)?;
    let p = args
        .pos
        .get(1)
        .and_then(data_of)
        .ok_or_else(|| vm.type_error("expected bytes"))?;
    Ok(Value::Bool(if start {
        data.starts_with(&p)
    } else {
        data.ends_with(&p)
    }))
}

fn startswith(vm: &Vm, args: Args) -> PyResult<Value> {
    affix(vm, &args, true)
}

fn endswith(vm: &Vm, args: Args) -> PyResult<Value> {
    affix(vm, &args, false)
}

fn needle(vm: &Vm, args: &Args) -> PyResult<Vec<u8>> {
    match args.pos.get(1) {
        Some(Value::Int(i)) => Ok(vec![*i as u8]),
        Some(v) => data_of(v)
            .ok_or_else(|| vm.type_error("argument should be integer or bytes-like object")),
        None => Err(vm.type_error("expected 1 argument")),
    }
}

fn count(vm: &Vm, args: Args) -> PyResult<Value> {
    let (data, _) = this(vm, &args)?;
    let n = needle(vm, &args)?;
    if n.is_empty() {
        return Ok(Value::Int(data.len() as i64 + 1));
    }
    let mut c = 0;
    let mut i = 0;
    while i + n.len() <= data.len() {
        if data[i..i + n.len()] == n[..] {
            c += 1;
            i += n.len();
        } else {
            i += 1;
        }
    }
    Ok(Value::Int(c))
}

fn find(vm: &Vm, args: Args) -> PyResult<Value> {
    let (data, _) = this(vm, &args)?;
    let n = needle(vm, &args)?;
    let pos = if n.is_empty() {
        Some(0)
    } else {
        data.windows(n.len()).position(|w| w == &n[..])
    };
    Ok(Value::Int(pos.map(|p| p as i64).unwrap_or(-1)))
}

fn upper(vm: &Vm, args: Args) -> PyResult<Value> {
    let (data, m) = this(vm, &args)?;
    Ok(PyBytes::value(data.to_ascii_uppercase(), m))
}

fn lower(vm: &Vm, args: Args) -> PyResult<Value> {
    let (data, m) = this(vm, &args)?;
    Ok(PyBytes::value(data.to_ascii_lowercase(), m))
}

fn strip(vm: &Vm, args: Args) -> PyResult<Value> {
    let (data, m) = this(vm, &args)?;
    let start = data
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(data.len());
    let end = data
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map(|e| e + 1)
        .unwrap_or(start);
    Ok(PyBytes::value(data[start..end.max(start)].to_vec(), m))
}
