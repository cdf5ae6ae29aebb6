//! Methods of `list` and `tuple`, and their constructors.

use std::rc::Rc;

use super::{add_method, arg_int, check_method_args};
use crate::ast::CmpOp;
use crate::eval::call::call;
use crate::eval::iter::collect;
use crate::eval::ops::compare;
use crate::eval::protocol::{truthy, type_name, values_equal};
use crate::eval::{Args, PyResult, Vm};
use crate::value::{PyList, Value};

pub fn install(vm: &Vm) {
    let l = &vm.types.list;
    add_method(l, "__new__", list_new);
    add_method(l, "append", append);
    add_method(l, "extend", extend);
    add_method(l, "insert", insert);
    add_method(l, "pop", pop);
    add_method(l, "remove", remove);
    add_method(l, "clear", clear);
    add_method(l, "index", index);
    add_method(l, "count", count);
    add_method(l, "reverse", reverse);
    add_method(l, "sort", sort);
    add_method(l, "copy", copy);
    add_method(l, "__len__", dunder_len);
    add_method(l, "__getitem__", dunder_getitem);
    add_method(l, "__contains__", dunder_contains);
    add_method(l, "__iter__", dunder_iter);
    let t = &vm.types.tuple;
    add_method(t, "__new__", tuple_new);
    add_method(t, "index", index);
    add_method(t, "count", count);
    add_method(t, "__len__", dunder_len);
    add_method(t, "__getitem__", dunder_getitem);
    add_method(t, "__contains__", dunder_contains);
    add_method(t, "__iter__", dunder_iter);
}

fn this(vm: &Vm, args: &Args) -> PyResult<Rc<PyList>> {
    match args.pos.first() {
        Some(Value::List(l)) => Ok(l.clone()),
        Some(v) => Err(vm.type_error(format!(
            "descriptor requires a 'list' object but received a '{}'",
            type_name(vm, v)
        ))),
        None => Err(vm.type_error("descriptor needs an argument")),
    }
}

fn list_new(vm: &Vm, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("list() takes no keyword arguments"));
    }
    match args.pos.len() {
        1 => Ok(Value::list(vec![])),
        2 => Ok(Value::list(collect(vm, &args.pos[1])?)),
        n => Err(vm.type_error(format!("list expected at most 1 argument, got {}", n - 1))),
    }
}

fn tuple_new(vm: &Vm, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("tuple() takes no keyword arguments"));
    }
    match args.pos.len() {
        1 => Ok(Value::tuple(vec![])),
        2 => match &args.pos[1] {
            v @ Value::Tuple(_) => Ok(v.clone()),
            v => Ok(Value::tuple(collect(vm, v)?)),
        },
        n => Err(vm.type_error(format!("tuple expected at most 1 argument, got {}", n - 1))),
    }
}

fn append(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "list.append", 1, 1)?;
    let l = this(vm, &args)?;
    l.items.borrow_mut().push(args.pos[1].clone());
    Ok(Value::None)
}

fn extend(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "list.extend", 1, 1)?;
    let l = this(vm, &args)?;
    let items = collect(vm, &args.pos[1])?;
    l.items.borrow_mut().extend(items);
    Ok(Value::None)
}

fn insert(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "insert", 2, 2)?;
    let l = this(vm, &args)?;
    let i = arg_int(vm, &args.pos[1])?;
    let mut items = l.items.borrow_mut();
    let n = items.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(at as usize, args.pos[2].clone());
    Ok(Value::None)
}

fn pop(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "pop", 0, 1)?;
    let l = this(vm, &args)?;
    let mut items = l.items.borrow_mut();
    if items.is_empty() {
        return Err(vm.index_error("pop from empty list"));
    }
    let n = items.len() as i64;
    let i = match args.pos.get(1) {
        Some(v) => arg_int(vm, v)?,
        None => n - 1,
    };
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(items.remove(j as usize))
}

fn remove(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "list.remove", 1, 1)?;
    let l = this(vm, &args)?;
    let mut i = 0;
    loop {
        let item = match l.items.borrow().get(i) {
            Some(v) => v.clone(),
            None => return Err(vm.value_error("list.remove(x): x not in list")),
        };
        if values_equal(vm, &item, &args.pos[1])? {
            l.items.borrow_mut().remove(i);
            return Ok(Value::None);
        }
        i += 1;
    }
}

fn clear(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "list.clear", 0, 0)?;
    let l = this(vm, &args)?;
    let old = std::mem::take(&mut *l.items.borrow_mut());
    drop(old);
    Ok(Value::None)
}

fn items_of(vm: &Vm, v: &Value) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => Ok(l.items.borrow().clone()),
        Value::Tuple(t) => Ok(t.items.to_vec()),
        _ => Err(vm.type_error("expected a list or tuple")),
    }
}

fn index(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "index", 1, 3)?;
    let items = items_of(vm, &args.pos[0])?;
    let n = items.len() as i64;
    let norm = |v: i64| if v < 0 { (v + n).max(0) } else { v.min(n) };
    let start = match args.pos.get(2) {
        Some(v) => norm(arg_int(vm, v)?),
        None => 0,
    };
    let stop = match args.pos.get(3) {
        Some(v) => norm(arg_int(vm, v)?),
        None => n,
    };
    for i in start..stop {
        if values_equal(vm, &items[i as usize], &args.pos[1])? {
            return Ok(Value::Int(i));
        }
    }
    Err(vm.value_error(match &args.pos[0] {
        Value::List(_) => format!(
            "{} is not in list",
            crate::eval::protocol::repr(vm, &args.pos[1])?
        ),
        _ => "tuple.index(x): x not in tuple".to_owned(),
    }))
}

fn count(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "count", 1, 1)?;
    let items = items_of(vm, &args.pos[0])?;
    let mut n = 0;
    for item in &items {
        if values_equal(vm, item, &args.pos[1])? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

fn reverse(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "list.reverse", 0, 0)?;
    this(vm, &args)?.items.borrow_mut().reverse();
    Ok(Value::None)
}

fn sort(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let key = args.take_kw("key");
    let rev = args.take_kw("reverse");
    if args.pos.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    check_method_args(vm, &args, "sort", 0, 0)?;
    let l = this(vm, &args)?;
    sort_list(vm, &l, key, rev)?;
    Ok(Value::None)
}

/// `a < b` for values compared without Python code (ints, floats, strings,
/// and tuples of those); `None` when the general comparison must decide.
fn fast_lt(a: &Value, b: &Value) -> Option<bool> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x < y),
        (Value::Float(x), Value::Float(y)) => Some(x < y),
        (Value::Str(x), Value::Str(y)) => Some(x.as_str() < y.as_str()),
        (Value::Tuple(x), Value::Tuple(y)) => {
            for (p, q) in x.items.iter().zip(y.items.iter()) {
                match crate::eval::protocol::fast_eq(p, q)? {
                    true => continue,
                    false => return fast_lt(p, q),
                }
            }
            Some(x.items.len() < y.items.len())
        }
        _ => None,
    }
}

/// A stable merge sort of `v` by `less`, which may be inconsistent (a
/// Python `__lt__`) without harm: it never panics and always terminates.
/// Sorted input costs `n - 1` comparisons.
fn stable_sort(v: &mut [usize], less: &mut impl FnMut(usize, usize) -> bool) {
    if v.windows(2).all(|w| !less(w[1], w[0])) {
        return;
    }
    let mut buf = Vec::with_capacity(v.len());
    merge_sort(v, &mut buf, less);
}

fn merge_sort(v: &mut [usize], buf: &mut Vec<usize>, less: &mut impl FnMut(usize, usize) -> bool) {
    let n = v.len();
    if n <= 16 {
        for i in 1..n {
            let x = v[i];
            let mut j = i;
            while j > 0 && less(x, v[j - 1]) {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = x;
        }
        return;
    }
    let mid = n / 2;
    merge_sort(&mut v[..mid], buf, less);
    merge_sort(&mut v[mid..], buf, less);
    if !less(v[mid], v[mid - 1]) {
        return;
    }
    buf.clear();
    buf.extend_from_slice(&v[..mid]);
    let (mut i, mut j, mut k) = (0, mid, 0);
    while i < buf.len() && j < n {
        if less(v[j], buf[i]) {
            v[k] = v[j];
            j += 1;
        } else {
            v[k] = buf[i];
            i += 1;
        }
        k += 1;
    }
    while i < buf.len() {
        v[k] = buf[i];
        i += 1;
        k += 1;
    }
}

/// Sorts a list in place: stable, `key` and `reverse` as `list.sort`, using
/// only `<` like CPython.
pub fn sort_list(
    vm: &Vm,
    l: &Rc<PyList>,
    key: Option<Value>,
    reverse: Option<Value>,
) -> PyResult<()> {
    let reverse = match reverse {
        Some(r) => truthy(vm, &r)?,
        None => false,
    };
    let items = std::mem::take(&mut *l.items.borrow_mut());
    let keys: Vec<Value> = match &key {
        Some(k) if !k.is_none() => {
            let mut keys = Vec::with_capacity(items.len());
            for item in &items {
                match call(vm, k, Args::new([item.clone()])) {
                    Ok(v) => keys.push(v),
                    Err(e) => {
                        *l.items.borrow_mut() = items;
                        return Err(e);
                    }
                }
            }
            keys
        }
        _ => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    let mut error = None;
    let mut less = |i: usize, j: usize| -> bool {
        if error.is_some() {
            return false;
        }
        let (a, b) = if reverse {
            (&keys[j], &keys[i])
        } else {
            (&keys[i], &keys[j])
        };
        if let Some(r) = fast_lt(a, b) {
            return r;
        }
        match compare(vm, CmpOp::Lt, a, b).and_then(|r| truthy(vm, &r)) {
            Ok(t) => t,
            Err(e) => {
                error = Some(e);
                false
            }
        }
    };
    stable_sort(&mut order, &mut less);
    let sorted: Vec<Value> = if let Some(e) = error {
        *l.items.borrow_mut() = items;
        return Err(e);
    } else {
        order.into_iter().map(|i| items[i].clone()).collect()
    };
    *l.items.borrow_mut() = sorted;
    Ok(())
}

fn copy(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "list.copy", 0, 0)?;
    Ok(Value::list(this(vm, &args)?.items.borrow().clone()))
}

fn dunder_len(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__len__", 0, 0)?;
    Ok(Value::Int(
        crate::eval::protocol::len(vm, &args.pos[0])? as i64
    ))
}

fn dunder_getitem(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__getitem__", 1, 1)?;
    super::subscript::getitem(vm, &args.pos[0], &args.pos[1])
}

fn dunder_contains(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__contains__", 1, 1)?;
    Ok(Value::Bool(crate::eval::protocol::contains(
        vm,
        &args.pos[0],
        &args.pos[1],
    )?))
}

fn dunder_iter(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__iter__", 0, 0)?;
    crate::eval::iter::get_iter(vm, &args.pos[0])
}
