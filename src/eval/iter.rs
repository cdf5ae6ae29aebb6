//! Iteration. [`PyIter`] is the interpreter's internal iterator: `for`
//! loops, unpacking and builtins walk lists, tuples, ranges, strings and
//! dicts without allocating an iterator object; other iterables go through
//! the `__iter__`/`__next__` protocol.

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use super::attr::{call_method, lookup_special};
use super::protocol::type_name;
use super::{Args, PyResult, Vm};
use crate::intern::known;
use crate::value::{NativeObject, PyDict, PyList, PySet, PyStr, PyTuple, Type, Value};

/// Which view of a dict an iterator walks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictPart {
    Keys,
    Values,
    Items,
}

/// An in-progress iteration.
pub enum PyIter {
    List(Rc<PyList>, usize),
    Tuple(Rc<PyTuple>, usize),
    Range {
        next: i64,
        remaining: i64,
        step: i64,
    },
    Str(Rc<PyStr>, usize),
    /// A dict walk by entry position; `used` is the length seen at the
    /// start (-1 once a change of size was reported), `seen` counts items.
    Dict {
        dict: Rc<PyDict>,
        pos: usize,
        used: isize,
        seen: usize,
        part: DictPart,
    },
    /// A set walk by slot.
    Set {
        set: Rc<PySet>,
        pos: usize,
        used: isize,
    },
    /// Values handed out one by one from a snapshot (reversed, sorted, ...).
    Items(std::vec::IntoIter<Value>),
    /// Any Python iterator object.
    Object(Value),
    Exhausted,
}

impl PyIter {
    /// Starts iterating over `iterable` (`iter(iterable)`).
    pub fn new(vm: &Vm, iterable: &Value) -> PyResult<PyIter> {
        Ok(match iterable {
            Value::List(l) => PyIter::List(l.clone(), 0),
            Value::Tuple(t) => PyIter::Tuple(t.clone(), 0),
            Value::Range(r) => PyIter::Range {
                next: r.start,
                remaining: r.len(),
                step: r.step,
            },
            Value::Str(s) => PyIter::Str(s.clone(), 0),
            Value::Dict(d) => PyIter::dict(d.clone(), DictPart::Keys),
            Value::Set(s) => PyIter::Set {
                used: s.len() as isize,
                set: s.clone(),
                pos: 0,
            },
            Value::Native(n) => {
                if n.is_iterator() {
                    PyIter::Object(iterable.clone())
                } else {
                    match n.iter(vm, iterable) {
                        Some(r) => PyIter::new(vm, &r?)?,
                        None => return Err(not_iterable(vm, iterable)),
                    }
                }
            }
            _ => PyIter::Object(get_iter(vm, iterable)?),
        })
    }

    pub fn dict(dict: Rc<PyDict>, part: DictPart) -> PyIter {
        PyIter::Dict {
            used: dict.len() as isize,
            seen: 0,
            dict,
            pos: 0,
            part,
        }
    }

    /// The next item, or `None` when exhausted. Each step is a checkpoint
    /// (time and memory limits, Ctrl-C), so that native code consuming an
    /// endless or huge iterator (`set(range(10**12))`) stops cleanly too.
    pub fn next(&mut self, vm: &Vm) -> PyResult<Option<Value>> {
        vm.checkpoint()?;
        match self {
            PyIter::List(l, i) => {
                let items = l.items.borrow();
                match items.get(*i) {
                    Some(v) => {
                        *i += 1;
                        Ok(Some(v.clone()))
                    }
                    None => {
                        drop(items);
                        *self = PyIter::Exhausted;
                        Ok(None)
                    }
                }
            }
            PyIter::Tuple(t, i) => match t.items.get(*i) {
                Some(v) => {
                    *i += 1;
                    Ok(Some(v.clone()))
                }
                None => Ok(None),
            },
            PyIter::Range {
                next,
                remaining,
                step,
            } => {
                if *remaining <= 0 {
                    return Ok(None);
                }
                let v = *next;
                *remaining -= 1;
                *next = next.wrapping_add(*step);
                Ok(Some(Value::Int(v)))
            }
            PyIter::Str(s, pos) => {
                let text = s.as_str();
                match text[*pos..].chars().next() {
                    Some(c) => {
                        *pos += c.len_utf8();
                        Ok(Some(crate::builtins::str::char_value(c)))
                    }
                    None => Ok(None),
                }
            }
            PyIter::Dict {
                dict,
                pos,
                used,
                seen,
                part,
            } => {
                if dict.len() as isize != *used {
                    *used = -1;
                    return Err(vm.runtime_error("dictionary changed size during iteration"));
                }
                match dict.entry_from(*pos) {
                    Some((next, k, v)) => {
                        *pos = next;
                        *seen += 1;
                        if *seen as isize > *used {
                            *used = -1;
                            return Err(
                                vm.runtime_error("dictionary keys changed during iteration")
                            );
                        }
                        Ok(Some(match part {
                            DictPart::Keys => k,
                            DictPart::Values => v,
                            DictPart::Items => super::ops::pair(k, v),
                        }))
                    }
                    None => Ok(None),
                }
            }
            PyIter::Set { set, pos, used } => {
                if set.len() as isize != *used {
                    *used = -1;
                    return Err(vm.runtime_error("Set changed size during iteration"));
                }
                match set.next_from(*pos) {
                    Some((next, v)) => {
                        *pos = next;
                        Ok(Some(v))
                    }
                    None => Ok(None),
                }
            }
            PyIter::Items(it) => Ok(it.next()),
            PyIter::Object(it) => next_value(vm, it),
            PyIter::Exhausted => Ok(None),
        }
    }

    /// A hint of how many items remain, when cheap to know.
    pub fn size_hint(&self) -> usize {
        match self {
            PyIter::List(l, i) => l.items.borrow().len().saturating_sub(*i),
            PyIter::Tuple(t, i) => t.items.len().saturating_sub(*i),
            PyIter::Range { remaining, .. } => (*remaining).max(0) as usize,
            _ => 0,
        }
    }
}

fn not_iterable(vm: &Vm, v: &Value) -> super::Exc {
    vm.type_error(format!("'{}' object is not iterable", type_name(vm, v)))
}

/// `iter(v)` as a Python object.
pub fn get_iter(vm: &Vm, v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::List(_) => IterObj::value(vm, "list_iterator", PyIter::new(vm, v)?),
        Value::Tuple(_) => IterObj::value(vm, "tuple_iterator", PyIter::new(vm, v)?),
        Value::Range(_) => IterObj::value(vm, "range_iterator", PyIter::new(vm, v)?),
        Value::Str(_) => IterObj::value(vm, "str_ascii_iterator", PyIter::new(vm, v)?),
        Value::Dict(_) => IterObj::value(vm, "dict_keyiterator", PyIter::new(vm, v)?),
        Value::Set(_) => IterObj::value(vm, "set_iterator", PyIter::new(vm, v)?),
        Value::Generator(g) if g.kind == crate::value::generator::GenKind::Generator => v.clone(),
        Value::Native(n) => {
            if n.is_iterator() {
                v.clone()
            } else {
                match n.iter(vm, v) {
                    Some(r) => r?,
                    None => return Err(not_iterable(vm, v)),
                }
            }
        }
        Value::Type(t) => {
            match crate::stdlib::class_hook(vm, t, crate::stdlib::ClassOp::Iter, &[], &[])? {
                Some(it) => it,
                None => return Err(not_iterable(vm, v)),
            }
        }
        Value::Instance(_) => {
            if lookup_special(vm, v, known::__iter__).is_some() {
                let it = call_method(vm, v, known::__iter__, Args::default())?;
                if lookup_special(vm, &it, known::__next__).is_none() && !is_iterator_value(&it) {
                    return Err(vm.type_error(format!(
                        "iter() returned non-iterator of type '{}'",
                        type_name(vm, &it)
                    )));
                }
                it
            } else if lookup_special(vm, v, known::__getitem__).is_some() {
                Value::native(SeqIter {
                    seq: v.clone(),
                    idx: RefCell::new(0),
                })
            } else {
                return Err(not_iterable(vm, v));
            }
        }
        _ => return Err(not_iterable(vm, v)),
    })
}

fn is_iterator_value(v: &Value) -> bool {
    match v {
        Value::Native(n) => n.is_iterator(),
        Value::Generator(_) => true,
        _ => false,
    }
}

/// `next(it)` on an iterator object, `None` when exhausted.
pub fn next_value(vm: &Vm, it: &Value) -> PyResult<Option<Value>> {
    match it {
        Value::Native(n) => match n.next(vm) {
            Some(r) => r,
            None => Err(not_iterator(vm, it)),
        },
        Value::Generator(g) if g.kind == crate::value::generator::GenKind::Generator => {
            super::suspend::gen_next(vm, g)
        }
        Value::Instance(_) => {
            if lookup_special(vm, it, known::__next__).is_none() {
                return Err(not_iterator(vm, it));
            }
            match call_method(vm, it, known::__next__, Args::default()) {
                Ok(v) => Ok(Some(v)),
                Err(e) if vm.exc_is(&e, super::ExcKind::StopIteration) => Ok(None),
                Err(e) => Err(e),
            }
        }
        _ => Err(not_iterator(vm, it)),
    }
}

fn not_iterator(vm: &Vm, v: &Value) -> super::Exc {
    vm.type_error(format!("'{}' object is not an iterator", type_name(vm, v)))
}

/// Appends every item of `iterable` to `out`.
pub fn extend_from_iterable(vm: &Vm, out: &mut Vec<Value>, iterable: &Value) -> PyResult<()> {
    match iterable {
        Value::List(l) => out.extend(l.items.borrow().iter().cloned()),
        Value::Tuple(t) => out.extend(t.items.iter().cloned()),
        _ => {
            let mut it = PyIter::new(vm, iterable)?;
            vm.reserve_values(it.size_hint())?;
            out.reserve(it.size_hint());
            while let Some(v) = it.next(vm)? {
                out.push(v);
            }
        }
    }
    Ok(())
}

/// Collects an iterable into a vector.
pub fn collect(vm: &Vm, iterable: &Value) -> PyResult<Vec<Value>> {
    let mut out = Vec::new();
    extend_from_iterable(vm, &mut out, iterable)?;
    Ok(out)
}

/// A Python-visible iterator over a builtin container (`list_iterator`, ...).
pub struct IterObj {
    pub type_name: &'static str,
    pub it: RefCell<PyIter>,
}

impl IterObj {
    pub fn value(_vm: &Vm, type_name: &'static str, it: PyIter) -> Value {
        Value::native(IterObj {
            type_name,
            it: RefCell::new(it),
        })
    }
}

impl NativeObject for IterObj {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type(self.type_name)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn next(&self, vm: &Vm) -> Option<PyResult<Option<Value>>> {
        // Take the iterator out while it runs: it may call back into Python.
        let mut it = std::mem::replace(&mut *self.it.borrow_mut(), PyIter::Exhausted);
        let r = it.next(vm);
        *self.it.borrow_mut() = it;
        Some(r)
    }
    fn len(&self, _vm: &Vm) -> Option<PyResult<usize>> {
        None
    }
}

/// Iteration over an object with only `__getitem__` (the old sequence
/// protocol): items 0, 1, ... until `IndexError`.
struct SeqIter {
    seq: Value,
    idx: RefCell<i64>,
}

impl NativeObject for SeqIter {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type("iterator")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn next(&self, vm: &Vm) -> Option<PyResult<Option<Value>>> {
        let i = *self.idx.borrow();
        *self.idx.borrow_mut() = i + 1;
        Some(
            match call_method(
                vm,
                &self.seq,
                known::__getitem__,
                Args::new([Value::Int(i)]),
            ) {
                Ok(v) => Ok(Some(v)),
                Err(e)
                    if vm.exc_is(&e, super::ExcKind::IndexError)
                        || vm.exc_is(&e, super::ExcKind::StopIteration) =>
                {
                    Ok(None)
                }
                Err(e) => Err(e),
            },
        )
    }
}
