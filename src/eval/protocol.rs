//! The object protocols every value takes part in: truth, equality,
//! hashing, `repr`/`str`, length, containment and subscription. Builtin
//! types are handled directly; instances dispatch to their dunder methods.

use std::rc::Rc;

use super::attr::{call_method_opt, lookup_special};
use super::call::call;
use super::{Args, PyResult, Vm};
use crate::intern::known;
use crate::value::Value;

/// The type name used in error messages (`'int' object is not callable`).
pub fn type_name(vm: &Vm, v: &Value) -> String {
    vm.type_of(v).name.clone()
}

impl Vm {
    /// `type(v)`.
    pub fn type_of(&self, v: &Value) -> Rc<crate::value::Type> {
        let t = &self.types;
        match v {
            Value::Unbound | Value::None => t.none.clone(),
            Value::NotImplemented => t.not_implemented.clone(),
            Value::Ellipsis => t.ellipsis.clone(),
            Value::Bool(_) => t.bool.clone(),
            Value::Int(_) | Value::BigInt(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Str(_) => t.str.clone(),
            Value::List(_) => t.list.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::Dict(d) => crate::builtins::collections::dict_type(self, d),
            Value::Set(s) => {
                if s.frozen {
                    t.frozenset.clone()
                } else {
                    t.set.clone()
                }
            }
            Value::Range(_) => t.range.clone(),
            Value::Slice(_) => t.slice.clone(),
            Value::Function(_) => t.function.clone(),
            Value::Builtin(_) => t.builtin_function.clone(),
            Value::BoundMethod(_) => t.method.clone(),
            Value::Type(_) => t.type_.clone(),
            Value::Instance(i) => i.class.clone(),
            Value::Module(_) => t.module.clone(),
            Value::Generator(g) => g.py_type(self),
            Value::Native(n) => n.py_type(self),
        }
    }
}

/// `bool(v)`.
pub fn truthy(vm: &Vm, v: &Value) -> PyResult<bool> {
    Ok(match v {
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::None | Value::Unbound => false,
        Value::Float(f) => *f != 0.0,
        Value::BigInt(_) => true,
        Value::Str(s) => !s.as_str().is_empty(),
        Value::List(l) => !l.items.borrow().is_empty(),
        Value::Tuple(t) => !t.items.is_empty(),
        Value::Dict(d) => !d.is_empty(),
        Value::Set(s) => !s.is_empty(),
        Value::Range(r) => !r.is_empty(),
        Value::Instance(_) => return instance_truthy(vm, v),
        Value::Native(n) => {
            if let Some(r) = n.truthy(vm) {
                return r;
            }
            if let Some(r) = n.len(vm) {
                return Ok(r? != 0);
            }
            true
        }
        _ => true,
    })
}

fn instance_truthy(vm: &Vm, v: &Value) -> PyResult<bool> {
    if let Some(r) = call_method_opt(vm, v, known::__bool__, Args::default())? {
        return match r {
            Value::Bool(b) => Ok(b),
            other => Err(vm.type_error(format!(
                "__bool__ should return bool, returned {}",
                type_name(vm, &other)
            ))),
        };
    }
    if let Some(r) = call_method_opt(vm, v, known::__len__, Args::default())? {
        return Ok(index_from_len(vm, r)? != 0);
    }
    Ok(true)
}

fn index_from_len(vm: &Vm, r: Value) -> PyResult<i64> {
    match r {
        Value::Int(n) if n >= 0 => Ok(n),
        Value::Bool(b) => Ok(b as i64),
        Value::Int(_) => Err(vm.value_error("__len__() should return >= 0")),
        other => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            type_name(vm, &other)
        ))),
    }
}

/// `len(v)`.
pub fn len(vm: &Vm, v: &Value) -> PyResult<usize> {
    Ok(match v {
        Value::Str(s) => s.char_len(),
        Value::List(l) => l.items.borrow().len(),
        Value::Tuple(t) => t.items.len(),
        Value::Dict(d) => d.len(),
        Value::Set(s) => s.len(),
        Value::Range(r) => r.len() as usize,
        Value::Native(n) => match n.len(vm) {
            Some(r) => return r,
            None => return Err(no_len(vm, v)),
        },
        Value::Instance(_) => match call_method_opt(vm, v, known::__len__, Args::default())? {
            Some(r) => return Ok(index_from_len(vm, r)? as usize),
            None => return Err(no_len(vm, v)),
        },
        Value::Type(t) => {
            match crate::stdlib::class_hook(vm, t, crate::stdlib::ClassOp::Len, &[], &[])? {
                Some(r) => return Ok(index_from_len(vm, r)? as usize),
                None => return Err(no_len(vm, v)),
            }
        }
        _ => return Err(no_len(vm, v)),
    })
}

fn no_len(vm: &Vm, v: &Value) -> super::Exc {
    vm.type_error(format!(
        "object of type '{}' has no len()",
        type_name(vm, v)
    ))
}

/// Equality decidable without running Python code: `Some(result)` for
/// builtin scalars and strings, `None` when `__eq__` must run.
pub fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    use Value::*;
    Some(match (a, b) {
        (Int(x), Int(y)) => x == y,
        (Str(x), Str(y)) => Rc::ptr_eq(x, y) || x.as_str() == y.as_str(),
        (Bool(x), Bool(y)) => x == y,
        // CPython's empty tuple is a singleton: equal by identity.
        (Tuple(x), Tuple(y)) if x.items.is_empty() && y.items.is_empty() => true,
        (Int(x), Bool(y)) | (Bool(y), Int(x)) => *x == *y as i64,
        (Float(x), Float(y)) => x == y,
        (Int(x), Float(y)) | (Float(y), Int(x)) => super::ops::int_float_eq(*x, *y),
        (None, None) => true,
        (None, _) | (_, None) => matches!((a, b), (None, None)),
        (BigInt(x), BigInt(y)) => x == y,
        (BigInt(_), Int(_)) | (Int(_), BigInt(_)) => false,
        (Str(_), Int(_) | Float(_) | Bool(_) | BigInt(_)) => false,
        (Int(_) | Float(_) | Bool(_) | BigInt(_), Str(_)) => false,
        _ => {
            if a.is(b) {
                if let Float(f) = a {
                    return Some(!f.is_nan());
                }
                return Some(true);
            }
            return Option::None;
        }
    })
}

/// `a == b` as a truth value (as `in`, `list.index`, dict lookup use it:
/// identity implies equality).
pub fn values_equal(vm: &Vm, a: &Value, b: &Value) -> PyResult<bool> {
    if let Some(r) = fast_eq(a, b) {
        return Ok(r);
    }
    if a.is(b) {
        return Ok(true);
    }
    let r = super::ops::compare(vm, crate::ast::CmpOp::Eq, a, b)?;
    truthy(vm, &r)
}

/// `hash(v)`, raising `TypeError` for unhashable values.
pub fn hash_value(vm: &Vm, v: &Value) -> PyResult<i64> {
    use crate::hashing as h;
    Ok(match v {
        Value::Int(i) => h::hash_i64(*i),
        Value::Bool(b) => *b as i64,
        Value::Str(s) => {
            let c = s.hash.get();
            if c != 0 {
                return Ok(c);
            }
            let x = h::hash_str(s.as_str());
            s.hash.set(x);
            x
        }
        Value::Float(f) => h::hash_f64(*f, v.ptr().unwrap_or(f.to_bits() as usize)),
        Value::BigInt(b) => h::hash_bigint(b),
        Value::None => 0x10_0000_0000 >> 4,
        Value::Tuple(t) => {
            let c = t.hash.get();
            if c != 0 {
                return Ok(c);
            }
            // No recursion limit here (CPython's tuplehash has none), but
            // deep nesting moves to a fresh stack segment.
            let hashes = super::depth::guarded(vm, || {
                let mut hashes = Vec::with_capacity(t.items.len());
                for item in t.items.iter() {
                    hashes.push(hash_value(vm, item)?);
                }
                Ok(hashes)
            })?;
            let x = h::tuple_hash(hashes);
            t.hash.set(x);
            x
        }
        Value::Set(s) if s.frozen => {
            let mut hashes = Vec::with_capacity(s.len());
            for item in s.items() {
                hashes.push(hash_value(vm, &item)?);
            }
            h::frozenset_hash(hashes)
        }
        Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => {
            return Err(unhashable(vm, v));
        }
        Value::Instance(inst) => {
            let class = inst.class.clone();
            match class.lookup(known::__hash__) {
                Some(Value::None) => return Err(unhashable(vm, v)),
                Some(Value::Builtin(_)) | None => identity_hash(v),
                Some(_) => {
                    let r = super::attr::call_method(vm, v, known::__hash__, Args::default())?;
                    match r {
                        // The value itself, as CPython takes it.
                        Value::Int(i) => {
                            if i == -1 {
                                -2
                            } else {
                                i
                            }
                        }
                        Value::BigInt(b) => h::hash_bigint(&b),
                        Value::Bool(b) => b as i64,
                        _ => {
                            return Err(vm.type_error("__hash__ method should return an integer"));
                        }
                    }
                }
            }
        }
        Value::Native(n) => match n.hash(vm) {
            Some(r) => r?,
            None => identity_hash(v),
        },
        _ => identity_hash(v),
    })
}

fn identity_hash(v: &Value) -> i64 {
    // CPython: address >> 4 (rotated); any stable per-object value works,
    // as programs cannot rely on it.
    (v.ptr().unwrap_or(0) >> 4) as i64
}

fn unhashable(vm: &Vm, v: &Value) -> super::Exc {
    vm.type_error(format!("unhashable type: '{}'", type_name(vm, v)))
}

/// `x in container`.
pub fn contains(vm: &Vm, container: &Value, item: &Value) -> PyResult<bool> {
    match container {
        Value::Str(s) => match item {
            Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
            _ => Err(vm.type_error(format!(
                "'in <string>' requires string as left operand, not {}",
                type_name(vm, item)
            ))),
        },
        Value::List(l) => {
            let mut i = 0;
            loop {
                let x = match l.items.borrow().get(i) {
                    Some(x) => x.clone(),
                    None => return Ok(false),
                };
                if values_equal(vm, &x, item)? {
                    return Ok(true);
                }
                i += 1;
            }
        }
        Value::Tuple(t) => {
            for x in t.items.iter() {
                if values_equal(vm, x, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        Value::Dict(d) => d.contains(vm, item),
        Value::Set(s) => s.contains(vm, item),
        Value::Range(r) => Ok(match item {
            Value::Int(i) => {
                let i = *i;
                let n = r.len();
                n > 0
                    && ((r.step > 0 && i >= r.start && i < r.stop)
                        || (r.step < 0 && i <= r.start && i > r.stop))
                    && (i - r.start) % r.step == 0
            }
            Value::Bool(b) => contains(vm, container, &Value::Int(*b as i64))?,
            _ => {
                let mut it = super::iter::PyIter::new(vm, container)?;
                while let Some(x) = it.next(vm)? {
                    if values_equal(vm, &x, item)? {
                        return Ok(true);
                    }
                }
                false
            }
        }),
        Value::Native(n) => {
            if let Some(r) = n.contains(vm, item) {
                return r;
            }
            contains_by_iteration(vm, container, item)
        }
        Value::Instance(_) => {
            if let Some(r) = call_method_opt(
                vm,
                container,
                known::__contains__,
                Args::new([item.clone()]),
            )? {
                return truthy(vm, &r);
            }
            contains_by_iteration(vm, container, item)
        }
        Value::Type(t) => {
            match crate::stdlib::class_hook(
                vm,
                t,
                crate::stdlib::ClassOp::Contains,
                std::slice::from_ref(item),
                &[],
            )? {
                Some(r) => truthy(vm, &r),
                None => contains_by_iteration(vm, container, item),
            }
        }
        _ => contains_by_iteration(vm, container, item),
    }
}

fn contains_by_iteration(vm: &Vm, container: &Value, item: &Value) -> PyResult<bool> {
    let mut it = match super::iter::PyIter::new(vm, container) {
        Ok(it) => it,
        Err(_) => {
            return Err(vm.type_error(format!(
                "argument of type '{}' is not iterable",
                type_name(vm, container)
            )));
        }
    };
    while let Some(x) = it.next(vm)? {
        if values_equal(vm, &x, item)? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `repr(v)`.
pub fn repr(vm: &Vm, v: &Value) -> PyResult<String> {
    crate::builtins::repr::repr(vm, v)
}

/// `str(v)`.
pub fn str_of(vm: &Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_owned()),
        _ => crate::builtins::repr::str_of(vm, v),
    }
}

/// Calls `__getitem__`-like dunder `name` on an instance, or reports the
/// operation unsupported with `msg`.
pub fn instance_dunder(
    vm: &Vm,
    obj: &Value,
    name: crate::intern::Sym,
    args: Args,
    msg: &str,
) -> PyResult<Value> {
    match lookup_special(vm, obj, name) {
        Some(f) => {
            let mut all = Args::new([obj.clone()]);
            all.pos.extend(args.pos);
            call(vm, &f, all)
        }
        None => Err(vm.type_error(format!("'{}' object {msg}", type_name(vm, obj)))),
    }
}
