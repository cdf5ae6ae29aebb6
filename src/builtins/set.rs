//! Methods and operators of `set` and `frozenset`. Results are built with
//! the same algorithms as CPython (see `hashing::set_ops`), so their
//! iteration order matches.

use std::rc::Rc;

use super::{add_method, check_method_args};
use crate::ast::{BinOp, CmpOp};
use crate::eval::iter::PyIter;
use crate::eval::protocol::{hash_value, type_name};
use crate::eval::{Args, PyResult, Vm};
use crate::value::dict::key_eq;
use crate::value::set::Table;
use crate::value::{PySet, Value};

pub fn install(vm: &Vm) {
    for (t, frozen) in [(&vm.types.set, false), (&vm.types.frozenset, true)] {
        add_method(t, "__new__", if frozen { frozenset_new } else { set_new });
        add_method(t, "union", union);
        add_method(t, "intersection", intersection);
        add_method(t, "difference", difference);
        add_method(t, "symmetric_difference", symmetric_difference);
        add_method(t, "issubset", issubset);
        add_method(t, "issuperset", issuperset);
        add_method(t, "isdisjoint", isdisjoint);
        add_method(t, "copy", copy);
        add_method(t, "__len__", dunder_len);
        add_method(t, "__contains__", dunder_contains);
        if !frozen {
            add_method(t, "add", add);
            add_method(t, "remove", remove);
            add_method(t, "discard", discard);
            add_method(t, "pop", pop);
            add_method(t, "clear", clear);
            add_method(t, "update", update);
            add_method(t, "intersection_update", intersection_update);
            add_method(t, "difference_update", difference_update);
            add_method(
                t,
                "symmetric_difference_update",
                symmetric_difference_update,
            );
        }
    }
}

fn this(vm: &Vm, args: &Args) -> PyResult<Rc<PySet>> {
    match args.pos.first() {
        Some(Value::Set(s)) => Ok(s.clone()),
        Some(v) => Err(vm.type_error(format!(
            "descriptor requires a 'set' object but received a '{}'",
            type_name(vm, v)
        ))),
        None => Err(vm.type_error("descriptor needs an argument")),
    }
}

/// A table holding the items of any iterable, built as `set(iterable)` is.
pub fn table_from(vm: &Vm, v: &Value) -> PyResult<Table> {
    let mut t = Table::new();
    update_table(vm, &mut t, v)?;
    Ok(t)
}

/// `table.update(iterable)` with CPython's special cases for sets and dicts.
fn update_table(vm: &Vm, t: &mut Table, v: &Value) -> PyResult<()> {
    match v {
        Value::Set(s) => {
            let other = s.read(vm)?;
            t.update_from_set(&other, &mut key_eq(vm))
        }
        Value::Dict(d) => {
            let other = d
                .table
                .try_borrow()
                .map_err(|_| vm.runtime_error("dict busy"))?;
            t.update_from_dict(&other, &mut key_eq(vm))
        }
        _ => {
            let mut it = PyIter::new(vm, v)?;
            while let Some(x) = it.next(vm)? {
                let h = hash_value(vm, &x)?;
                t.insert(h, x, &mut key_eq(vm))?;
            }
            Ok(())
        }
    }
}

fn set_new(vm: &Vm, args: Args) -> PyResult<Value> {
    construct(vm, args, false)
}

fn frozenset_new(vm: &Vm, args: Args) -> PyResult<Value> {
    construct(vm, args, true)
}

fn construct(vm: &Vm, args: Args, frozen: bool) -> PyResult<Value> {
    let name = if frozen { "frozenset" } else { "set" };
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    match args.pos.len() {
        1 => Ok(Value::Set(Rc::new(PySet::new(frozen)))),
        2 => {
            if frozen
                && let Value::Set(s) = &args.pos[1]
                && s.frozen
            {
                return Ok(args.pos[1].clone());
            }
            Ok(Value::Set(Rc::new(PySet::from_table(
                table_from(vm, &args.pos[1])?,
                frozen,
            ))))
        }
        n => Err(vm.type_error(format!("{name} expected at most 1 argument, got {}", n - 1))),
    }
}

fn result(s: &PySet, t: Table) -> Value {
    Value::Set(Rc::new(PySet::from_table(t, s.frozen)))
}

/// Applies a binary set operation between `s` and each argument in turn.
fn fold_others(
    vm: &Vm,
    args: Args,
    op: fn(&Vm, &PySet, &Table, &Value) -> PyResult<Table>,
) -> PyResult<Value> {
    let s = this(vm, &args)?;
    let mut acc = s.read(vm)?.copy();
    for other in &args.pos[1..] {
        acc = op(vm, &s, &acc, other)?;
    }
    Ok(result(&s, acc))
}

fn union(vm: &Vm, args: Args) -> PyResult<Value> {
    fold_others(vm, args, |vm, _, acc, other| {
        let mut t = acc.copy();
        update_table(vm, &mut t, other)?;
        Ok(t)
    })
}

fn intersection(vm: &Vm, args: Args) -> PyResult<Value> {
    fold_others(vm, args, |vm, _, acc, other| match other {
        Value::Set(o) => {
            let o = o.read(vm)?;
            acc.intersection(&o, &mut key_eq(vm))
        }
        _ => {
            let items = hashed_items(vm, other)?;
            acc.intersection_iter(items.into_iter().map(Ok), &mut key_eq(vm))
        }
    })
}

fn difference(vm: &Vm, args: Args) -> PyResult<Value> {
    fold_others(vm, args, |vm, _, acc, other| match other {
        Value::Set(o) => {
            let o = o.read(vm)?;
            acc.difference(&o, &mut key_eq(vm))
        }
        Value::Dict(d) => {
            let t = d
                .table
                .try_borrow()
                .map_err(|_| vm.runtime_error("dict busy"))?;
            acc.difference_dict(&t, &mut key_eq(vm))
        }
        _ => {
            let items = hashed_items(vm, other)?;
            acc.difference_iter(items.into_iter().map(Ok), &mut key_eq(vm))
        }
    })
}

fn symmetric_difference(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "symmetric_difference", 1, 1)?;
    let s = this(vm, &args)?;
    let acc = s.read(vm)?.copy();
    let t = match &args.pos[1] {
        Value::Set(o) => {
            let o = o.read(vm)?;
            acc.symmetric_difference(&o, &mut key_eq(vm))?
        }
        other => {
            let items = hashed_items(vm, other)?;
            acc.symmetric_difference_iter(items.into_iter().map(Ok), &mut key_eq(vm))?
        }
    };
    Ok(result(&s, t))
}

fn hashed_items(vm: &Vm, v: &Value) -> PyResult<Vec<(i64, Value)>> {
    let mut out = Vec::new();
    let mut it = PyIter::new(vm, v)?;
    while let Some(x) = it.next(vm)? {
        out.push((hash_value(vm, &x)?, x));
    }
    Ok(out)
}

fn as_table(vm: &Vm, v: &Value) -> PyResult<Table> {
    match v {
        Value::Set(s) => Ok(s.read(vm)?.copy()),
        _ => table_from(vm, v),
    }
}

fn issubset(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "issubset", 1, 1)?;
    let s = this(vm, &args)?;
    let other = as_table(vm, &args.pos[1])?;
    Ok(Value::Bool(s.read(vm)?.is_subset(&other, &mut key_eq(vm))?))
}

fn issuperset(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "issuperset", 1, 1)?;
    let s = this(vm, &args)?;
    let other = as_table(vm, &args.pos[1])?;
    Ok(Value::Bool(
        s.read(vm)?.is_superset(&other, &mut key_eq(vm))?,
    ))
}

fn isdisjoint(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "isdisjoint", 1, 1)?;
    let s = this(vm, &args)?;
    let other = as_table(vm, &args.pos[1])?;
    Ok(Value::Bool(
        s.read(vm)?.is_disjoint(&other, &mut key_eq(vm))?,
    ))
}

fn copy(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "copy", 0, 0)?;
    let s = this(vm, &args)?;
    let t = s.read(vm)?.copy();
    Ok(result(&s, t))
}

fn dunder_len(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.len() as i64))
}

fn dunder_contains(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__contains__", 1, 1)?;
    Ok(Value::Bool(this(vm, &args)?.contains(vm, &args.pos[1])?))
}

fn add(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "set.add", 1, 1)?;
    this(vm, &args)?.add(vm, args.pos[1].clone())?;
    Ok(Value::None)
}

fn remove(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "set.remove", 1, 1)?;
    if this(vm, &args)?.discard(vm, &args.pos[1])? {
        Ok(Value::None)
    } else {
        Err(vm.key_error(args.pos[1].clone()))
    }
}

fn discard(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "set.discard", 1, 1)?;
    this(vm, &args)?.discard(vm, &args.pos[1])?;
    Ok(Value::None)
}

fn pop(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "set.pop", 0, 0)?;
    match this(vm, &args)?.pop() {
        Some(v) => Ok(v),
        None => Err(vm.key_error(Value::str("pop from an empty set"))),
    }
}

fn clear(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "set.clear", 0, 0)?;
    this(vm, &args)?.clear();
    Ok(Value::None)
}

fn update(vm: &Vm, args: Args) -> PyResult<Value> {
    let s = this(vm, &args)?;
    for other in &args.pos[1..] {
        if let Value::Set(o) = other
            && Rc::ptr_eq(o, &s)
        {
            continue;
        }
        let mut t = s.write(vm)?.copy();
        update_table(vm, &mut t, other)?;
        *s.write(vm)? = t;
    }
    Ok(Value::None)
}

fn inplace_from(vm: &Vm, args: Args, op: BinOp) -> PyResult<Value> {
    let s = this(vm, &args)?;
    for other in &args.pos[1..] {
        let o = match other {
            Value::Set(o) => o.clone(),
            _ => Rc::new(PySet::from_table(table_from(vm, other)?, false)),
        };
        set_inplace(vm, op, &s, &o)?;
    }
    Ok(Value::None)
}

fn intersection_update(vm: &Vm, args: Args) -> PyResult<Value> {
    inplace_from(vm, args, BinOp::BitAnd)
}

fn difference_update(vm: &Vm, args: Args) -> PyResult<Value> {
    inplace_from(vm, args, BinOp::Sub)
}

fn symmetric_difference_update(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "symmetric_difference_update", 1, 1)?;
    inplace_from(vm, args, BinOp::BitXor)
}

/// `a | b`, `a & b`, `a - b`, `a ^ b` for two sets.
pub fn set_operator(vm: &Vm, op: BinOp, a: &Rc<PySet>, b: &Rc<PySet>) -> PyResult<Value> {
    let same = Rc::ptr_eq(a, b);
    let ta = a.read(vm)?;
    let tb = b.read(vm)?;
    let t = match op {
        BinOp::BitOr if same => ta.copy(),
        BinOp::BitOr => ta.union(&tb, &mut key_eq(vm))?,
        BinOp::BitAnd if same => ta.copy(),
        BinOp::BitAnd => ta.intersection(&tb, &mut key_eq(vm))?,
        BinOp::Sub if same => Table::new(),
        BinOp::Sub => ta.difference(&tb, &mut key_eq(vm))?,
        BinOp::BitXor if same => Table::new(),
        _ => ta.symmetric_difference(&tb, &mut key_eq(vm))?,
    };
    Ok(result(a, t))
}

/// `a |= b` and friends, in place.
pub fn set_inplace(vm: &Vm, op: BinOp, a: &Rc<PySet>, b: &Rc<PySet>) -> PyResult<()> {
    if Rc::ptr_eq(a, b) {
        match op {
            BinOp::Sub | BinOp::BitXor => a.clear(),
            _ => {}
        }
        return Ok(());
    }
    let other = b.read(vm)?.copy();
    let mut t = a.write(vm)?;
    match op {
        BinOp::BitOr => t.update_from_set(&other, &mut key_eq(vm))?,
        BinOp::BitAnd => t.intersection_update(&other, &mut key_eq(vm))?,
        BinOp::Sub => t.difference_update(&other, &mut key_eq(vm))?,
        _ => t.symmetric_difference_update(&other, &mut key_eq(vm))?,
    }
    Ok(())
}

/// Set comparisons: equality and the subset order.
pub fn set_compare(vm: &Vm, op: CmpOp, a: &Rc<PySet>, b: &Rc<PySet>) -> PyResult<bool> {
    let ta = a.read(vm)?.copy();
    let tb = b.read(vm)?.copy();
    let mut eq = key_eq(vm);
    Ok(match op {
        CmpOp::Eq => ta.set_eq(&tb, &mut eq)?,
        CmpOp::NotEq => !ta.set_eq(&tb, &mut eq)?,
        CmpOp::LtE => ta.is_subset(&tb, &mut eq)?,
        CmpOp::Lt => ta.len() < tb.len() && ta.is_subset(&tb, &mut eq)?,
        CmpOp::GtE => ta.is_superset(&tb, &mut eq)?,
        CmpOp::Gt => ta.len() > tb.len() && ta.is_superset(&tb, &mut eq)?,
        _ => false,
    })
}
