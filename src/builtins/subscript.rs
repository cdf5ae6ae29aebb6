//! Subscription: `obj[index]`, `obj[index] = value`, `del obj[index]`,
//! including slices of lists, tuples, strings and ranges.

use std::rc::Rc;

use crate::eval::attr::lookup_special;
use crate::eval::call::call;
use crate::eval::protocol::type_name;
use crate::eval::{Args, Exc, PyResult, Vm};
use crate::intern::known;
use crate::value::dict::DictFlavor;
use crate::value::{PyRange, PySlice, Value};

/// Resolved `start, stop, step` of a slice over a sequence of length `len`.
pub struct SliceIndices {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl SliceIndices {
    /// Number of selected items.
    pub fn count(&self) -> usize {
        let (start, stop, step) = (self.start, self.stop, self.step);
        if step > 0 {
            if start < stop {
                ((stop - start - 1) / step + 1) as usize
            } else {
                0
            }
        } else if start > stop {
            ((start - stop - 1) / (-step) + 1) as usize
        } else {
            0
        }
    }

    /// The selected indices.
    pub fn indices(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.count()).map(move |i| (self.start + i as i64 * self.step) as usize)
    }
}

fn slice_bound(vm: &Vm, v: &Value) -> PyResult<Option<i64>> {
    match v {
        Value::None => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::BigInt(b) => Ok(Some(if b.sign() == num_bigint::Sign::Minus {
            i64::MIN
        } else {
            i64::MAX
        })),
        Value::Instance(_) => {
            match crate::eval::attr::call_method_opt(vm, v, known::__index__, Args::default())? {
                Some(Value::Int(i)) => Ok(Some(i)),
                _ => Err(slice_type_error(vm)),
            }
        }
        _ => Err(slice_type_error(vm)),
    }
}

fn slice_type_error(vm: &Vm) -> Exc {
    vm.type_error("slice indices must be integers or None or have an __index__ method")
}

/// `slice.indices(len)` as CPython computes it.
pub fn slice_indices(vm: &Vm, s: &PySlice, len: usize) -> PyResult<SliceIndices> {
    let len = len as i64;
    // CPython clamps the step to -PY_SSIZE_T_MAX, so `-step` never overflows.
    let step = slice_bound(vm, &s.step)?.unwrap_or(1).max(-i64::MAX);
    if step == 0 {
        return Err(vm.value_error("slice step cannot be zero"));
    }
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let clamp = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(i) if i < 0 => (i.saturating_add(len)).max(lower),
            Some(i) => i.min(upper),
        }
    };
    let start = clamp(
        slice_bound(vm, &s.start)?,
        if step < 0 { upper } else { lower },
    );
    let stop = clamp(
        slice_bound(vm, &s.stop)?,
        if step < 0 { lower } else { upper },
    );
    Ok(SliceIndices { start, stop, step })
}

/// Normalises a sequence index (negative counts from the end).
pub fn seq_index(vm: &Vm, idx: &Value, len: usize, what: &str) -> PyResult<usize> {
    let i = match idx {
        Value::Int(i) => *i,
        Value::Bool(b) => *b as i64,
        Value::BigInt(_) => {
            return Err(vm.index_error("cannot fit 'int' into an index-sized integer".to_string()));
        }
        Value::Instance(_) => {
            match crate::eval::attr::call_method_opt(vm, idx, known::__index__, Args::default())? {
                Some(Value::Int(i)) => i,
                _ => {
                    return Err(vm.type_error(format!(
                        "{what} indices must be integers or slices, not {}",
                        type_name(vm, idx)
                    )));
                }
            }
        }
        _ => {
            return Err(vm.type_error(format!(
                "{what} indices must be integers or slices, not {}",
                type_name(vm, idx)
            )));
        }
    };
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error(format!("{what} index out of range")));
    }
    Ok(j as usize)
}

/// `obj[idx]`.
pub fn getitem(vm: &Vm, obj: &Value, idx: &Value) -> PyResult<Value> {
    match obj {
        Value::List(l) => {
            if let Value::Slice(s) = idx {
                let items = l.items.borrow();
                let si = slice_indices(vm, s, items.len())?;
                return Ok(Value::list(
                    si.indices().map(|i| items[i].clone()).collect(),
                ));
            }
            let items = l.items.borrow();
            let i = seq_index(vm, idx, items.len(), "list")?;
            Ok(items[i].clone())
        }
        Value::Tuple(t) => {
            if let Value::Slice(s) = idx {
                let si = slice_indices(vm, s, t.items.len())?;
                return Ok(Value::tuple(
                    si.indices().map(|i| t.items[i].clone()).collect(),
                ));
            }
            let i = seq_index(vm, idx, t.items.len(), "tuple")?;
            Ok(t.items[i].clone())
        }
        Value::Str(s) => super::str::getitem(vm, s, idx),
        Value::Dict(d) => match d.get(vm, idx)? {
            Some(v) => Ok(v),
            None => {
                let flavor = d.flavor.borrow().clone();
                match flavor {
                    DictFlavor::DefaultDict(factory) if !factory.is_none() => {
                        let v = call(vm, &factory, Args::default())?;
                        d.set(vm, idx.clone(), v.clone())?;
                        Ok(v)
                    }
                    DictFlavor::Counter => Ok(Value::Int(0)),
                    _ => Err(vm.key_error(idx.clone())),
                }
            }
        },
        Value::Range(r) => {
            let n = r.len() as usize;
            if let Value::Slice(s) = idx {
                let si = slice_indices(vm, s, n)?;
                return Ok(Value::Range(Rc::new(PyRange {
                    start: r.start + si.start * r.step,
                    stop: r.start + si.stop * r.step,
                    step: r.step * si.step,
                })));
            }
            let i = seq_index(vm, idx, n, "range object")?;
            Ok(Value::Int(r.at(i as i64)))
        }
        Value::Type(t) => {
            // `list[int]` and friends: generic aliases print like the class.
            if let Some(f) = t.lookup(known::__class_getitem__) {
                return call(vm, &f, Args::new([obj.clone(), idx.clone()]));
            }
            if t.is_builtin {
                return Ok(super::attrs::generic_alias(vm, obj, idx));
            }
            Err(vm.type_error(format!("type '{}' is not subscriptable", t.name)))
        }
        Value::Native(n) => match n.getitem(vm, idx) {
            Some(r) => r,
            None => Err(not_subscriptable(vm, obj)),
        },
        Value::Instance(_) => match lookup_special(vm, obj, known::__getitem__) {
            Some(f) => call(vm, &f, Args::new([obj.clone(), idx.clone()])),
            None => Err(not_subscriptable(vm, obj)),
        },
        _ => Err(not_subscriptable(vm, obj)),
    }
}

fn not_subscriptable(vm: &Vm, obj: &Value) -> Exc {
    vm.type_error(format!(
        "'{}' object is not subscriptable",
        type_name(vm, obj)
    ))
}

/// `obj[idx] = value`.
pub fn setitem(vm: &Vm, obj: &Value, idx: Value, value: Value) -> PyResult<()> {
    match obj {
        Value::List(l) => {
            if let Value::Slice(s) = &idx {
                let new = crate::eval::iter::collect(vm, &value)?;
                let mut items = l.items.borrow_mut();
                let si = slice_indices(vm, s, items.len())?;
                if si.step == 1 {
                    let start = si.start.max(0) as usize;
                    let stop = (si.stop.max(si.start)) as usize;
                    items.splice(start..stop, new);
                    return Ok(());
                }
                let targets: Vec<usize> = si.indices().collect();
                if targets.len() != new.len() {
                    return Err(vm.value_error(format!(
                        "attempt to assign sequence of size {} to extended slice of size {}",
                        new.len(),
                        targets.len()
                    )));
                }
                for (i, v) in targets.into_iter().zip(new) {
                    items[i] = v;
                }
                return Ok(());
            }
            let mut items = l.items.borrow_mut();
            let i = seq_index(vm, &idx, items.len(), "list assignment")?;
            items[i] = value;
            Ok(())
        }
        Value::Dict(d) => d.set(vm, idx, value),
        Value::Instance(_) => match lookup_special(vm, obj, known::__setitem__) {
            Some(f) => {
                call(vm, &f, Args::new([obj.clone(), idx, value]))?;
                Ok(())
            }
            None => Err(vm.type_error(format!(
                "'{}' object does not support item assignment",
                type_name(vm, obj)
            ))),
        },
        Value::Native(n) => {
            if let Some(f) = vm.type_of(obj).lookup(known::__setitem__) {
                call(vm, &f, Args::new([obj.clone(), idx, value]))?;
                return Ok(());
            }
            let _ = n;
            Err(vm.type_error(format!(
                "'{}' object does not support item assignment",
                type_name(vm, obj)
            )))
        }
        _ => Err(vm.type_error(format!(
            "'{}' object does not support item assignment",
            type_name(vm, obj)
        ))),
    }
}

/// `del obj[idx]`.
pub fn delitem(vm: &Vm, obj: &Value, idx: &Value) -> PyResult<()> {
    match obj {
        Value::List(l) => {
            if let Value::Slice(s) = idx {
                let mut items = l.items.borrow_mut();
                let si = slice_indices(vm, s, items.len())?;
                let mut doomed: Vec<usize> = si.indices().collect();
                doomed.sort_unstable();
                for i in doomed.into_iter().rev() {
                    items.remove(i);
                }
                return Ok(());
            }
            let mut items = l.items.borrow_mut();
            let i = seq_index(vm, idx, items.len(), "list assignment")?;
            items.remove(i);
            Ok(())
        }
        Value::Dict(d) => match d.remove(vm, idx)? {
            Some(_) => Ok(()),
            None => Err(vm.key_error(idx.clone())),
        },
        Value::Instance(_) => match lookup_special(vm, obj, known::__delitem__) {
            Some(f) => {
                call(vm, &f, Args::new([obj.clone(), idx.clone()]))?;
                Ok(())
            }
            None => Err(vm.type_error(format!(
                "'{}' object does not support item deletion",
                type_name(vm, obj)
            ))),
        },
        Value::Native(_) => {
            if let Some(f) = vm.type_of(obj).lookup(known::__delitem__) {
                call(vm, &f, Args::new([obj.clone(), idx.clone()]))?;
                return Ok(());
            }
            Err(vm.type_error(format!(
                "'{}' object does not support item deletion",
                type_name(vm, obj)
            )))
        }
        _ => Err(vm.type_error(format!(
            "'{}' object does not support item deletion",
            type_name(vm, obj)
        ))),
    }
}
