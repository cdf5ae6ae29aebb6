//! `repr()` and `str()` of every value, as CPython spells them.

use crate::eval::attr::lookup_special;
use crate::eval::call::call;
use crate::eval::depth::{IN_REPR, IN_STR};
use crate::eval::protocol::type_name;
use crate::eval::{Args, PyResult, Vm};
use crate::intern::known;
use crate::value::dict::DictFlavor;
use crate::value::{PyDict, Value};

/// CPython's limit on converting big ints to decimal text.
pub const INT_MAX_STR_DIGITS: usize = 4300;

/// Values whose repr and str never recurse.
fn is_leaf(v: &Value) -> bool {
    matches!(
        v,
        Value::None
            | Value::Bool(_)
            | Value::Int(_)
            | Value::BigInt(_)
            | Value::Float(_)
            | Value::Str(_)
    )
}

/// `repr(v)`, as CPython's `PyObject_Repr`: one level of the recursion
/// limit around the type's repr, so deeply nested data ends in
/// `RecursionError` where CPython's does.
pub fn repr(vm: &Vm, v: &Value) -> PyResult<String> {
    if is_leaf(v) {
        vm.check_depth(1, IN_REPR)?;
        return repr_inner(vm, v);
    }
    let _level = vm.enter_c(IN_REPR)?;
    crate::eval::depth::guarded(vm, || repr_inner(vm, v))
}

/// The type's own repr (CPython's `tp_repr`), without the recursion level.
fn repr_inner(vm: &Vm, v: &Value) -> PyResult<String> {
    Ok(match v {
        Value::Unbound => "<unbound>".to_owned(),
        Value::None => "None".to_owned(),
        Value::NotImplemented => "NotImplemented".to_owned(),
        Value::Ellipsis => "Ellipsis".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Int(i) => i.to_string(),
        Value::BigInt(b) => {
            let s = b.to_string();
            let digits = s.trim_start_matches('-').len();
            if digits > INT_MAX_STR_DIGITS {
                return Err(vm.value_error(format!(
                    "Exceeds the limit ({INT_MAX_STR_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit"
                )));
            }
            s
        }
        Value::Float(f) => crate::format::float_repr(*f),
        Value::Str(s) => str_repr(s.as_str()),
        Value::List(l) => {
            let Some(_guard) = ReprGuard::enter(vm, v) else {
                return Ok("[...]".to_owned());
            };
            let items = l.items.borrow().clone();
            format!("[{}]", join_reprs(vm, &items)?)
        }
        Value::Tuple(t) => {
            if t.items.len() == 1 {
                format!("({},)", repr(vm, &t.items[0])?)
            } else {
                let Some(_guard) = ReprGuard::enter(vm, v) else {
                    return Ok("(...)".to_owned());
                };
                format!("({})", join_reprs(vm, &t.items)?)
            }
        }
        Value::Dict(d) => {
            let Some(_guard) = ReprGuard::enter(vm, v) else {
                return Ok("{...}".to_owned());
            };
            dict_repr(vm, d)?
        }
        Value::Set(s) => {
            let name = if s.frozen { "frozenset" } else { "set" };
            let items = s.items();
            if items.is_empty() {
                return Ok(format!("{name}()"));
            }
            let Some(_guard) = ReprGuard::enter(vm, v) else {
                return Ok(format!("{name}(...)"));
            };
            // CPython's set_repr takes the repr of a temporary list of the
            // items: one more level of recursion per nested set.
            let _list_level = vm.enter_c(IN_REPR)?;
            let inner = format!("{{{}}}", join_reprs(vm, &items)?);
            if s.frozen {
                format!("frozenset({inner})")
            } else {
                inner
            }
        }
        Value::Range(r) => {
            if r.step == 1 {
                format!("range({}, {})", r.start, r.stop)
            } else {
                format!("range({}, {}, {})", r.start, r.stop, r.step)
            }
        }
        Value::Slice(s) => format!(
            "slice({}, {}, {})",
            repr(vm, &s.start)?,
            repr(vm, &s.stop)?,
            repr(vm, &s.step)?
        ),
        Value::Function(f) => format!("<function {} at {}>", f.names.borrow().qualname, addr(v)),
        Value::Builtin(b) => match b.owner {
            Some(owner) => format!("<method '{}' of '{}' objects>", b.name, owner),
            None => format!("<built-in function {}>", b.name),
        },
        Value::BoundMethod(m) => match &m.func {
            Value::Builtin(b) => format!(
                "<built-in method {} of {} object at {}>",
                b.name,
                type_name(vm, &m.receiver),
                addr(&m.receiver)
            ),
            Value::Function(f) => format!(
                "<bound method {} of {}>",
                f.names.borrow().qualname,
                repr(vm, &m.receiver)?
            ),
            other => format!("<bound method ? of {}>", repr(vm, other)?),
        },
        Value::Type(t) => {
            match crate::stdlib::class_hook(vm, t, crate::stdlib::ClassOp::Repr, &[], &[])? {
                Some(Value::Str(s)) => s.as_str().to_owned(),
                _ => format!("<class '{}'>", qualified(t)),
            }
        }
        Value::Module(m) => format!("<module '{}' (built-in)>", m.name),
        Value::Generator(g) => {
            let what = match g.kind {
                crate::value::generator::GenKind::Generator => "generator",
                crate::value::generator::GenKind::Coroutine => "coroutine",
                crate::value::generator::GenKind::AsyncGenerator => "async_generator",
            };
            format!("<{what} object {} at {}>", g.names.qualname, addr(v))
        }
        Value::Instance(inst) => {
            let class = inst.class.clone();
            match lookup_special(vm, v, known::__repr__) {
                Some(f @ (Value::Function(_) | Value::Native(_) | Value::BoundMethod(_))) => {
                    let r = call(vm, &bound(vm, &f, v)?, Args::default())?;
                    match r {
                        Value::Str(s) => s.as_str().to_owned(),
                        other => {
                            return Err(vm.type_error(format!(
                                "__repr__ returned non-string (type {})",
                                type_name(vm, &other)
                            )));
                        }
                    }
                }
                _ => {
                    if inst.exc().is_some() {
                        super::exceptions::exc_repr(vm, inst)?
                    } else {
                        format!("<{} object at {}>", qualified(&class), addr(v))
                    }
                }
            }
        }
        Value::Native(n) => match n.repr(vm) {
            Some(r) => r?,
            None => format!("<{} object at {}>", type_name(vm, v), addr(v)),
        },
    })
}

fn bound(vm: &Vm, f: &Value, obj: &Value) -> PyResult<Value> {
    crate::eval::attr::descr_get(vm, f, Some(obj), &vm.type_of(obj))
}

/// `module.qualname` as shown by `<class '...'>`.
pub fn qualified(t: &crate::value::Type) -> String {
    if t.module == "builtins" {
        t.qualname.clone()
    } else {
        format!("{}.{}", t.module, t.qualname)
    }
}

/// The address shown in default reprs.
pub fn addr(v: &Value) -> String {
    format!("0x{:x}", v.ptr().unwrap_or(0))
}

fn join_reprs(vm: &Vm, items: &[Value]) -> PyResult<String> {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&repr(vm, item)?);
    }
    Ok(out)
}

fn dict_repr(vm: &Vm, d: &PyDict) -> PyResult<String> {
    let items = d.items();
    let mut body = String::from("{");
    for (i, (k, v)) in items.iter().enumerate() {
        if i > 0 {
            body.push_str(", ");
        }
        body.push_str(&repr(vm, k)?);
        body.push_str(": ");
        body.push_str(&repr(vm, v)?);
    }
    body.push('}');
    let flavor = d.flavor.borrow().clone();
    Ok(match flavor {
        DictFlavor::Plain => body,
        DictFlavor::DefaultDict(factory) => {
            format!("defaultdict({}, {body})", repr(vm, &factory)?)
        }
        DictFlavor::Counter => {
            if items.is_empty() {
                "Counter()".to_owned()
            } else {
                // Counter's repr lists most common first.
                let sorted = crate::stdlib::collections::counter_most_common(vm, d)?;
                let mut s = String::from("Counter({");
                for (i, (k, v)) in sorted.iter().enumerate() {
                    if i > 0 {
                        s.push_str(", ");
                    }
                    s.push_str(&repr(vm, k)?);
                    s.push_str(": ");
                    s.push_str(&repr(vm, v)?);
                }
                s.push_str("})");
                s
            }
        }
        DictFlavor::OrderedDict => {
            if items.is_empty() {
                "OrderedDict()".to_owned()
            } else {
                let pairs: Vec<Value> = items
                    .into_iter()
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect();
                format!("OrderedDict({})", repr(vm, &Value::list(pairs))?)
            }
        }
    })
}

/// Python's `repr` of a string: quotes chosen as CPython does, escapes for
/// control and non-printable characters.
pub fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if is_printable(c) => out.push(c),
            c => {
                let n = c as u32;
                if n < 0x100 {
                    out.push_str(&format!("\\x{n:02x}"));
                } else if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// `str.isprintable()` for one character, as CPython's `repr` uses it.
pub fn is_printable(c: char) -> bool {
    super::str::unicode::is_printable(c)
}

/// `ascii()` applied to a repr: non-ASCII characters escaped.
pub fn ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// `str(v)` for non-strings, as CPython's `PyObject_Str`: one level of
/// the recursion limit around the type's str.
pub fn str_of(vm: &Vm, v: &Value) -> PyResult<String> {
    if is_leaf(v) {
        vm.check_depth(1, IN_STR)?;
        return str_inner(vm, v);
    }
    let _level = vm.enter_c(IN_STR)?;
    crate::eval::depth::guarded(vm, || str_inner(vm, v))
}

/// The type's own str (`tp_str`): types without one use their repr
/// directly, as `object.__str__` calls `tp_repr`.
fn str_inner(vm: &Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Instance(inst) => match lookup_special(vm, v, known::__str__) {
            Some(f @ (Value::Function(_) | Value::Native(_))) => {
                let r = call(vm, &bound(vm, &f, v)?, Args::default())?;
                match r {
                    Value::Str(s) => Ok(s.as_str().to_owned()),
                    other => Err(vm.type_error(format!(
                        "__str__ returned non-string (type {})",
                        type_name(vm, &other)
                    ))),
                }
            }
            _ => {
                if inst.exc().is_some() {
                    super::exceptions::exc_str(vm, inst)
                } else {
                    repr_inner(vm, v)
                }
            }
        },
        _ => repr_inner(vm, v),
    }
}

/// Guards against infinite recursion in reprs of self-containing containers.
struct ReprGuard<'a> {
    vm: &'a Vm,
}

impl<'a> ReprGuard<'a> {
    fn enter(vm: &'a Vm, v: &Value) -> Option<ReprGuard<'a>> {
        let id = v.ptr()?;
        let mut stack = vm.repr_stack.borrow_mut();
        if stack.contains(&id) {
            return None;
        }
        stack.push(id);
        Some(ReprGuard { vm })
    }
}

impl Drop for ReprGuard<'_> {
    fn drop(&mut self) {
        self.vm.repr_stack.borrow_mut().pop();
    }
}

/// `repr` of a value known to be a string key.
pub fn quote(s: &str) -> String {
    str_repr(s)
}
