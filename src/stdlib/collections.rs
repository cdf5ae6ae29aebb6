//! `_collections`: `deque`, and the dict flavors `defaultdict`, `Counter`
//! and `OrderedDict` (dicts whose storage is a [`PyDict`] with a
//! [`DictFlavor`]), with CPython's semantics and messages. `namedtuple`,
//! `ChainMap` and the `User*` classes are Python source (`py/collections.py`).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use super::{ReprGuard, add_iter_methods, module_type, new_type};
use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::builtins::{add_method, add_module_fn, arg_int, new_module};
use crate::eval::call::call;
use crate::eval::iter::{PyIter, collect};
use crate::eval::ops::{binary_op, compare};
use crate::eval::protocol::{repr, truthy, type_name, values_equal};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::Sym;
use crate::value::dict::DictFlavor;
use crate::value::{NativeObject, PyDict, PyList, Type, Value};

// ----- the dict flavors ------------------------------------------------------

/// The class object of a dict flavor (`defaultdict`, `Counter`,
/// `OrderedDict`).
pub fn flavor_type(vm: &Vm, name: &'static str) -> Rc<Type> {
    let (tp_name, init): (&'static str, fn(&Vm, &Rc<Type>)) = match name {
        "defaultdict" => ("collections.defaultdict", init_defaultdict),
        "Counter" => ("Counter", init_counter),
        _ => ("OrderedDict", init_ordereddict),
    };
    if let Some(t) = vm.native_types.borrow().get(tp_name) {
        return t.clone();
    }
    let t = new_type(
        vm,
        tp_name,
        "collections",
        name,
        vec![vm.types.dict.clone()],
    );
    vm.native_types.borrow_mut().insert(tp_name, t.clone());
    init(vm, &t);
    t
}

fn flavor_of(d: &PyDict) -> DictFlavor {
    d.flavor.borrow().clone()
}

fn is_counter(v: &Value) -> bool {
    matches!(v, Value::Dict(d) if matches!(&*d.flavor.borrow(), DictFlavor::Counter))
}

fn is_ordered(v: &Value) -> bool {
    matches!(v, Value::Dict(d) if matches!(&*d.flavor.borrow(), DictFlavor::OrderedDict))
}

fn is_flavored(v: &Value) -> bool {
    matches!(v, Value::Dict(d) if !matches!(&*d.flavor.borrow(), DictFlavor::Plain))
}

fn new_flavored(flavor: DictFlavor) -> Rc<PyDict> {
    let d = PyDict::new();
    *d.flavor.borrow_mut() = flavor;
    Rc::new(d)
}

/// The dict a method of a flavor was called on.
fn this_dict(vm: &Vm, args: &Args, what: &str) -> PyResult<Rc<PyDict>> {
    match args.pos.first() {
        Some(Value::Dict(d)) => Ok(d.clone()),
        Some(v) => Err(vm.type_error(format!(
            "descriptor '{what}' requires a 'dict' object but received a '{}'",
            type_name(vm, v)
        ))),
        None => Err(vm.type_error(format!("descriptor '{what}' needs an argument"))),
    }
}

/// Fills a new flavored dict as `dict(*args, **kwargs)` would.
fn dict_init(
    vm: &Vm,
    d: &PyDict,
    name: &str,
    pos: &[Value],
    kw: Vec<(Sym, Value)>,
) -> PyResult<()> {
    if pos.len() > 1 {
        return Err(vm.type_error(format!(
            "{name} expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    if let Some(src) = pos.first() {
        crate::builtins::dict::update_from(vm, d, src)?;
    }
    for (k, v) in kw {
        d.set(vm, Value::str(k.as_str()), v)?;
    }
    Ok(())
}

// defaultdict

fn init_defaultdict(_vm: &Vm, t: &Rc<Type>) {
    add_method(t, "__new__", defaultdict_new);
    add_method(t, "__missing__", defaultdict_missing);
    add_method(t, "fromkeys", defaultdict_fromkeys);
    t.dict
        .borrow_mut()
        .insert(Sym::new("default_factory"), Value::native(DefaultFactory));
}

fn defaultdict_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if !args.pos.is_empty() {
        args.pos.remove(0);
    }
    let factory = if args.pos.is_empty() {
        Value::None
    } else {
        args.pos.remove(0)
    };
    if !factory.is_none() && !super::functools::is_callable(vm, &factory) {
        return Err(vm.type_error("first argument must be callable or None"));
    }
    let d = new_flavored(DictFlavor::DefaultDict(factory));
    dict_init(vm, &d, "defaultdict", &args.pos, args.kw)?;
    Ok(Value::Dict(d))
}

fn defaultdict_missing(vm: &Vm, args: Args) -> PyResult<Value> {
    crate::builtins::check_method_args(vm, &args, "__missing__", 1, 1)?;
    let d = this_dict(vm, &args, "__missing__")?;
    let key = args.pos[1].clone();
    match flavor_of(&d) {
        DictFlavor::DefaultDict(f) if !f.is_none() => {
            let v = call(vm, &f, Args::default())?;
            d.set(vm, key, v.clone())?;
            Ok(v)
        }
        _ => Err(vm.key_error(key)),
    }
}

fn defaultdict_fromkeys(vm: &Vm, args: Args) -> PyResult<Value> {
    fromkeys_flavor(vm, args, DictFlavor::DefaultDict(Value::None), "fromkeys")
}

fn fromkeys_flavor(vm: &Vm, args: Args, flavor: DictFlavor, name: &str) -> PyResult<Value> {
    // Called through the class (no receiver) or an instance (receiver first).
    let mut pos: Vec<Value> = args.pos.to_vec();
    if (pos.len() == 3
        || (pos.len() == 2
            && matches!(pos[0], Value::Dict(_))
            && !matches!(pos[1], Value::Dict(_))))
        && let Some(Value::Dict(_)) = pos.first()
    {
        pos.remove(0);
    }
    if pos.is_empty() || pos.len() > 2 {
        return Err(vm.type_error(format!(
            "{name} expected at least 1 argument, got {}",
            pos.len()
        )));
    }
    let d = new_flavored(flavor);
    let value = pos.get(1).cloned().unwrap_or(Value::None);
    for k in collect(vm, &pos[0])? {
        d.set(vm, k, value.clone())?;
    }
    Ok(Value::Dict(d))
}

/// The `default_factory` attribute of defaultdicts.
struct DefaultFactory;

impl NativeObject for DefaultFactory {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type("member_descriptor")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn descr_get(
        &self,
        _vm: &Vm,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Type>,
    ) -> Option<PyResult<Value>> {
        Some(Ok(match instance {
            Some(Value::Dict(d)) => match flavor_of(d) {
                DictFlavor::DefaultDict(f) => f,
                _ => Value::None,
            },
            _ => this.clone(),
        }))
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
}

// OrderedDict

fn init_ordereddict(_vm: &Vm, t: &Rc<Type>) {
    add_method(t, "__new__", ordereddict_new);
    add_method(t, "move_to_end", move_to_end);
    add_method(t, "fromkeys", ordereddict_fromkeys);
    add_method(t, "__reversed__", ordereddict_reversed);
}

fn ordereddict_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if !args.pos.is_empty() {
        args.pos.remove(0);
    }
    let d = new_flavored(DictFlavor::OrderedDict);
    dict_init(vm, &d, "OrderedDict", &args.pos, args.kw)?;
    Ok(Value::Dict(d))
}

fn ordereddict_fromkeys(vm: &Vm, args: Args) -> PyResult<Value> {
    fromkeys_flavor(vm, args, DictFlavor::OrderedDict, "fromkeys")
}

fn ordereddict_reversed(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = this_dict(vm, &args, "__reversed__")?;
    let keys: Vec<Value> = d.keys().into_iter().rev().collect();
    Ok(crate::eval::iter::IterObj::value(
        vm,
        "odict_iterator",
        PyIter::Items(keys.into_iter()),
    ))
}

fn move_to_end(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let last_kw = args.take_kw("last");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!(
            "move_to_end() got an unexpected keyword argument '{k}'"
        )));
    }
    let d = this_dict(vm, &args, "move_to_end")?;
    let n = args.pos.len() - 1;
    if n == 0 || n > 2 || (n == 2 && last_kw.is_some()) {
        return Err(vm.type_error(format!(
            "move_to_end() takes at most 2 arguments ({} given)",
            n + last_kw.is_some() as usize
        )));
    }
    let key = args.pos[1].clone();
    let last = match last_kw.or_else(|| args.pos.get(2).cloned()) {
        Some(v) => truthy(vm, &v)?,
        None => true,
    };
    if !d.move_to_end(vm, &key, last)? {
        return Err(vm.key_error(key));
    }
    Ok(Value::None)
}

// Counter

fn init_counter(_vm: &Vm, t: &Rc<Type>) {
    add_method(t, "__new__", counter_new);
    add_method(t, "most_common", most_common);
    add_method(t, "elements", elements);
    add_method(t, "subtract", subtract);
    add_method(t, "update", counter_update_method);
    add_method(t, "total", total);
    add_method(t, "fromkeys", counter_fromkeys);
    add_method(t, "__missing__", counter_missing);
    add_method(t, "__add__", |vm, a| counter_binop(vm, a, BinOp::Add));
    add_method(t, "__sub__", |vm, a| counter_binop(vm, a, BinOp::Sub));
    add_method(t, "__or__", |vm, a| counter_binop(vm, a, BinOp::BitOr));
    add_method(t, "__and__", |vm, a| counter_binop(vm, a, BinOp::BitAnd));
    add_method(t, "__pos__", |vm, a| counter_unary(vm, a, false));
    add_method(t, "__neg__", |vm, a| counter_unary(vm, a, true));
}

fn counter_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if !args.pos.is_empty() {
        args.pos.remove(0);
    }
    if args.pos.len() > 1 {
        return Err(vm.type_error(format!(
            "Counter.__init__() takes from 1 to 2 positional arguments but {} were given",
            args.pos.len() + 1
        )));
    }
    let d = new_flavored(DictFlavor::Counter);
    if let Some(src) = args.pos.first() {
        counter_update(vm, &d, src, 1)?;
    }
    if !args.kw.is_empty() {
        let kw = PyDict::new();
        for (k, v) in args.kw {
            kw.set(vm, Value::str(k.as_str()), v)?;
        }
        counter_update(vm, &d, &Value::Dict(Rc::new(kw)), 1)?;
    }
    Ok(Value::Dict(d))
}

fn count_of(vm: &Vm, d: &PyDict, k: &Value) -> PyResult<Value> {
    Ok(d.get(vm, k)?.unwrap_or(Value::Int(0)))
}

/// `Counter.update(src)` (sign 1) / `subtract` (sign -1): counts from a
/// mapping or an iterable of elements.
pub fn counter_update(vm: &Vm, d: &PyDict, src: &Value, sign: i64) -> PyResult<()> {
    let op = if sign >= 0 { BinOp::Add } else { BinOp::Sub };
    match src {
        Value::Dict(m) => {
            if sign >= 0 && d.is_empty() {
                for (k, v) in m.items() {
                    d.set(vm, k, v)?;
                }
                return Ok(());
            }
            for (k, v) in m.items() {
                let old = count_of(vm, d, &k)?;
                let new = if sign >= 0 {
                    binary_op(vm, BinOp::Add, &v, &old)?
                } else {
                    binary_op(vm, BinOp::Sub, &old, &v)?
                };
                d.set(vm, k, new)?;
            }
        }
        Value::None => {}
        _ => {
            let mut it = PyIter::new(vm, src)?;
            while let Some(k) = it.next(vm)? {
                let old = count_of(vm, d, &k)?;
                let new = binary_op(vm, op, &old, &Value::Int(1))?;
                d.set(vm, k, new)?;
            }
        }
    }
    Ok(())
}

fn counter_update_method(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_update_args(vm, args, "update", 1)
}

fn subtract(vm: &Vm, args: Args) -> PyResult<Value> {
    counter_update_args(vm, args, "subtract", -1)
}

fn counter_update_args(vm: &Vm, args: Args, name: &str, sign: i64) -> PyResult<Value> {
    let d = this_dict(vm, &args, name)?;
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "expected at most 1 arguments, got {}",
            args.pos.len() - 1
        )));
    }
    if let Some(src) = args.pos.get(1) {
        counter_update(vm, &d, src, sign)?;
    }
    if !args.kw.is_empty() {
        let kw = PyDict::new();
        for (k, v) in args.kw {
            kw.set(vm, Value::str(k.as_str()), v)?;
        }
        counter_update(vm, &d, &Value::Dict(Rc::new(kw)), sign)?;
    }
    Ok(Value::None)
}

fn total(vm: &Vm, args: Args) -> PyResult<Value> {
    crate::builtins::check_method_args(vm, &args, "total", 0, 0)?;
    let d = this_dict(vm, &args, "total")?;
    let mut acc = Value::Int(0);
    for v in d.values() {
        acc = binary_op(vm, BinOp::Add, &acc, &v)?;
    }
    Ok(acc)
}

fn counter_missing(vm: &Vm, args: Args) -> PyResult<Value> {
    crate::builtins::check_method_args(vm, &args, "__missing__", 1, 1)?;
    Ok(Value::Int(0))
}

fn counter_fromkeys(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.new_exc(
        crate::eval::ExcKind::NotImplementedError,
        "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.",
    ))
}

/// `Counter.most_common()` order: by count descending (`sorted(...,
/// key=itemgetter(1), reverse=True)`), ties in insertion order.
pub fn counter_most_common(vm: &Vm, d: &PyDict) -> PyResult<Vec<(Value, Value)>> {
    let items: Vec<Value> = d
        .items()
        .into_iter()
        .map(|(k, v)| Value::tuple(vec![k, v]))
        .collect();
    let list = Rc::new(PyList::new(items));
    let key = crate::builtins::builtin_fn("itemgetter", |_vm, args| match args.pos.first() {
        Some(Value::Tuple(t)) if t.items.len() == 2 => Ok(t.items[1].clone()),
        _ => Ok(Value::None),
    });
    crate::builtins::list::sort_list(vm, &list, Some(key), Some(Value::Bool(true)))?;
    let sorted = list.items.borrow().clone();
    Ok(sorted
        .into_iter()
        .filter_map(|t| match t {
            Value::Tuple(t) if t.items.len() == 2 => Some((t.items[0].clone(), t.items[1].clone())),
            _ => None,
        })
        .collect())
}

fn most_common(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let n_kw = args.take_kw("n");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!(
            "Counter.most_common() got an unexpected keyword argument '{k}'"
        )));
    }
    let d = this_dict(vm, &args, "most_common")?;
    if args.pos.len() > 2 || (args.pos.len() == 2 && n_kw.is_some()) {
        return Err(vm.type_error(format!(
            "Counter.most_common() takes from 1 to 2 positional arguments but {} were given",
            args.pos.len()
        )));
    }
    let n = n_kw
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::None);
    let mut items = counter_most_common(vm, &d)?;
    if !n.is_none() {
        // heapq.nlargest(n, ...) first compares n with the size.
        compare(vm, CmpOp::GtE, &n, &Value::Int(items.len() as i64))?;
        let n = arg_int(vm, &n)?;
        items.truncate(n.max(0) as usize);
    }
    Ok(Value::list(
        items
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
    ))
}

fn elements(vm: &Vm, args: Args) -> PyResult<Value> {
    crate::builtins::check_method_args(vm, &args, "elements", 0, 0)?;
    let d = this_dict(vm, &args, "elements")?;
    let mut parts = Vec::new();
    for (k, v) in d.items() {
        let n = arg_int(vm, &v)?;
        parts.push(Value::tuple(vec![k, Value::Int(n)]));
    }
    let it = super::itertools::module(vm);
    let chain = crate::eval::attr::getattr(vm, &it, Sym::new("chain"))?;
    let from_iterable = crate::eval::attr::getattr(vm, &chain, Sym::new("from_iterable"))?;
    let starmap = crate::eval::attr::getattr(vm, &it, Sym::new("starmap"))?;
    let repeat = crate::eval::attr::getattr(vm, &it, Sym::new("repeat"))?;
    let sm = call(vm, &starmap, Args::new([repeat, Value::list(parts)]))?;
    call(vm, &from_iterable, Args::new([sm]))
}

fn gt_zero(vm: &Vm, v: &Value) -> PyResult<bool> {
    let r = compare(vm, CmpOp::Gt, v, &Value::Int(0))?;
    truthy(vm, &r)
}

fn lt(vm: &Vm, a: &Value, b: &Value) -> PyResult<bool> {
    let r = compare(vm, CmpOp::Lt, a, b)?;
    truthy(vm, &r)
}

fn counter_binop(vm: &Vm, args: Args, op: BinOp) -> PyResult<Value> {
    crate::builtins::check_method_args(vm, &args, "__add__", 1, 1)?;
    let (Value::Dict(a), b) = (&args.pos[0], &args.pos[1]) else {
        return Ok(Value::NotImplemented);
    };
    if !is_counter(b) {
        return Ok(Value::NotImplemented);
    }
    let Value::Dict(b) = b else {
        return Ok(Value::NotImplemented);
    };
    counter_combine(vm, a, b, op).map(Value::Dict)
}

fn counter_combine(vm: &Vm, a: &PyDict, b: &PyDict, op: BinOp) -> PyResult<Rc<PyDict>> {
    let result = new_flavored(DictFlavor::Counter);
    for (k, count) in a.items() {
        let other = count_of(vm, b, &k)?;
        let new = match op {
            BinOp::Add => binary_op(vm, BinOp::Add, &count, &other)?,
            BinOp::Sub => binary_op(vm, BinOp::Sub, &count, &other)?,
            BinOp::BitOr => {
                if lt(vm, &count, &other)? {
                    other
                } else {
                    count
                }
            }
            _ => {
                if lt(vm, &count, &other)? {
                    count
                } else {
                    other
                }
            }
        };
        if gt_zero(vm, &new)? {
            result.set(vm, k, new)?;
        }
    }
    if op != BinOp::BitAnd {
        for (k, count) in b.items() {
            if a.contains(vm, &k)? {
                continue;
            }
            if op == BinOp::Sub {
                if lt(vm, &count, &Value::Int(0))? {
                    let neg = binary_op(vm, BinOp::Sub, &Value::Int(0), &count)?;
                    result.set(vm, k, neg)?;
                }
            } else if gt_zero(vm, &count)? {
                result.set(vm, k, count)?;
            }
        }
    }
    Ok(result)
}

fn counter_unary(vm: &Vm, args: Args, negate: bool) -> PyResult<Value> {
    let d = this_dict(vm, &args, if negate { "__neg__" } else { "__pos__" })?;
    let result = new_flavored(DictFlavor::Counter);
    for (k, count) in d.items() {
        if negate {
            if lt(vm, &count, &Value::Int(0))? {
                result.set(vm, k, binary_op(vm, BinOp::Sub, &Value::Int(0), &count)?)?;
            }
        } else if gt_zero(vm, &count)? {
            result.set(vm, k, count)?;
        }
    }
    Ok(Value::Dict(result))
}

/// `c += d` and friends for Counters: in place, keeping positive counts.
fn counter_inplace(vm: &Vm, a: &Rc<PyDict>, b: &PyDict, op: BinOp) -> PyResult<()> {
    match op {
        BinOp::Add | BinOp::Sub => {
            for (k, count) in b.items() {
                let old = count_of(vm, a, &k)?;
                a.set(vm, k, binary_op(vm, op, &old, &count)?)?;
            }
        }
        BinOp::BitOr => {
            for (k, other) in b.items() {
                let count = count_of(vm, a, &k)?;
                if lt(vm, &count, &other)? {
                    a.set(vm, k, other)?;
                }
            }
        }
        _ => {
            for (k, count) in a.items() {
                let other = count_of(vm, b, &k)?;
                if lt(vm, &other, &count)? {
                    a.set(vm, k, other)?;
                }
            }
        }
    }
    for (k, count) in a.items() {
        if !gt_zero(vm, &count)? {
            a.remove(vm, &k)?;
        }
    }
    Ok(())
}

/// Counter comparison (3.10+): missing elements count as zero.
fn counter_compare(vm: &Vm, op: CmpOp, a: &PyDict, b: &PyDict) -> PyResult<bool> {
    let all = |test: &dyn Fn(&Value, &Value) -> PyResult<bool>| -> PyResult<bool> {
        for c in [a, b] {
            for k in c.keys() {
                if !test(&count_of(vm, a, &k)?, &count_of(vm, b, &k)?)? {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    };
    let cmp = |op: CmpOp| {
        move |x: &Value, y: &Value| -> PyResult<bool> {
            let r = compare(vm, op, x, y)?;
            truthy(vm, &r)
        }
    };
    Ok(match op {
        CmpOp::Eq => all(&cmp(CmpOp::Eq))?,
        CmpOp::NotEq => !all(&cmp(CmpOp::Eq))?,
        CmpOp::LtE => all(&cmp(CmpOp::LtE))?,
        CmpOp::GtE => all(&cmp(CmpOp::GtE))?,
        CmpOp::Lt => all(&cmp(CmpOp::LtE))? && !all(&cmp(CmpOp::Eq))?,
        _ => all(&cmp(CmpOp::GtE))? && !all(&cmp(CmpOp::Eq))?,
    })
}

// ----- operator hooks (called from the evaluator) ------------------------------

/// `a op b` (or `a op= b`) when an operand is a Counter, OrderedDict or
/// defaultdict: the operations whose semantics differ from `dict`'s.
/// `None` when the generic rules apply.
pub fn flavored_binary(
    vm: &Vm,
    op: BinOp,
    a: &Value,
    b: &Value,
    inplace: bool,
) -> PyResult<Option<Value>> {
    if inplace && let Some(d) = a.downcast::<Deque>() {
        match op {
            BinOp::Add => {
                for v in collect(vm, b)? {
                    d.push_back(v);
                }
                return Ok(Some(a.clone()));
            }
            BinOp::Mult => {
                let n = match b {
                    Value::Int(_) | Value::Bool(_) => arg_int(vm, b)?,
                    _ => return Ok(None),
                };
                let items = d.snapshot();
                d.touch();
                d.items.borrow_mut().clear();
                for _ in 0..n.max(0) {
                    for v in &items {
                        d.push_back(v.clone());
                    }
                }
                return Ok(Some(a.clone()));
            }
            _ => {}
        }
    }
    if !is_flavored(a) && !is_flavored(b) {
        return Ok(None);
    }
    let (Value::Dict(x), Value::Dict(y)) = (a, b) else {
        return Ok(None);
    };
    if is_counter(a)
        && is_counter(b)
        && matches!(op, BinOp::Add | BinOp::Sub | BinOp::BitOr | BinOp::BitAnd)
    {
        if inplace {
            counter_inplace(vm, x, y, op)?;
            return Ok(Some(a.clone()));
        }
        return counter_combine(vm, x, y, op).map(|d| Some(Value::Dict(d)));
    }
    if op == BinOp::BitOr && !inplace {
        // `|` keeps the left operand's flavor (and a flavored right
        // operand's when the left is a plain dict).
        let flavor = if is_flavored(a) {
            flavor_of(x)
        } else {
            flavor_of(y)
        };
        let d = new_flavored(flavor);
        for (k, v) in x.items() {
            d.set(vm, k, v)?;
        }
        for (k, v) in y.items() {
            d.set(vm, k, v)?;
        }
        return Ok(Some(Value::Dict(d)));
    }
    Ok(None)
}

/// `+c` / `-c` for Counters.
pub fn flavored_unary(vm: &Vm, op: UnaryOp, v: &Value) -> PyResult<Option<Value>> {
    if !is_counter(v) || !matches!(op, UnaryOp::UAdd | UnaryOp::USub) {
        return Ok(None);
    }
    counter_unary(vm, Args::new([v.clone()]), op == UnaryOp::USub).map(Some)
}

/// Comparisons of Counters (zero counts equal missing ones, `<=` is
/// inclusion), of two OrderedDicts (order matters) and of deques.
pub fn flavored_compare(vm: &Vm, op: CmpOp, a: &Value, b: &Value) -> PyResult<Option<bool>> {
    if let (Some(x), Some(y)) = (a.downcast::<Deque>(), b.downcast::<Deque>()) {
        let xs: Vec<Value> = x.items.borrow().iter().cloned().collect();
        let ys: Vec<Value> = y.items.borrow().iter().cloned().collect();
        return crate::eval::ops::sequence_compare(vm, op, &xs, &ys).map(Some);
    }
    if !is_flavored(a) && !is_flavored(b) {
        return Ok(None);
    }
    let (Value::Dict(x), Value::Dict(y)) = (a, b) else {
        return Ok(None);
    };
    if is_counter(a) && is_counter(b) {
        return counter_compare(vm, op, x, y).map(Some);
    }
    if is_ordered(a) && is_ordered(b) && matches!(op, CmpOp::Eq | CmpOp::NotEq) {
        let mut eq = crate::builtins::dict::dict_equal(vm, x, y)?;
        if eq {
            for (k1, k2) in x.keys().iter().zip(y.keys().iter()) {
                if !values_equal(vm, k1, k2)? {
                    eq = false;
                    break;
                }
            }
        }
        return Ok(Some(eq == (op == CmpOp::Eq)));
    }
    Ok(None)
}

// ----- deque -------------------------------------------------------------------

/// `collections.deque`.
pub struct Deque {
    items: RefCell<VecDeque<Value>>,
    maxlen: Cell<Option<usize>>,
    /// Bumped on every mutation, to detect mutation during iteration.
    state: Cell<u64>,
}

impl Deque {
    fn new(items: VecDeque<Value>, maxlen: Option<usize>) -> Deque {
        Deque {
            items: RefCell::new(items),
            maxlen: Cell::new(maxlen),
            state: Cell::new(0),
        }
    }

    fn touch(&self) {
        self.state.set(self.state.get().wrapping_add(1));
    }

    /// How many items it holds.
    pub fn count(&self) -> usize {
        self.items.borrow().len()
    }

    /// `popleft()`, `None` when empty (a mutation either way, as CPython
    /// counts it).
    pub fn pop_front(&self) -> Option<Value> {
        let v = self.items.borrow_mut().pop_front()?;
        self.touch();
        Some(v)
    }

    /// `append(v)`.
    pub fn push_back(&self, v: Value) {
        self.touch();
        let mut items = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return;
        }
        if Some(items.len()) == self.maxlen.get() {
            items.pop_front();
        }
        items.push_back(v);
    }

    fn push_front(&self, v: Value) {
        self.touch();
        let mut items = self.items.borrow_mut();
        if self.maxlen.get() == Some(0) {
            return;
        }
        if Some(items.len()) == self.maxlen.get() {
            items.pop_back();
        }
        items.push_front(v);
    }

    fn snapshot(&self) -> Vec<Value> {
        self.items.borrow().iter().cloned().collect()
    }
}

fn deque_type(vm: &Vm) -> Rc<Type> {
    module_type(vm, "collections.deque", "collections", "deque", |_vm, t| {
        add_method(t, "__new__", deque_new);
        add_method(t, "append", |vm, a| {
            let (d, v) = deque_arg(vm, &a, "append")?;
            d.push_back(v);
            Ok(Value::None)
        });
        add_method(t, "appendleft", |vm, a| {
            let (d, v) = deque_arg(vm, &a, "appendleft")?;
            d.push_front(v);
            Ok(Value::None)
        });
        add_method(t, "pop", |vm, a| deque_pop(vm, a, false));
        add_method(t, "popleft", |vm, a| deque_pop(vm, a, true));
        add_method(t, "extend", |vm, a| deque_extend(vm, a, false));
        add_method(t, "extendleft", |vm, a| deque_extend(vm, a, true));
        add_method(t, "rotate", deque_rotate);
        add_method(t, "clear", |vm, a| {
            let d = deque_this(vm, &a, "clear")?;
            d.touch();
            let old = std::mem::take(&mut *d.items.borrow_mut());
            drop(old);
            Ok(Value::None)
        });
        add_method(t, "copy", deque_copy);
        add_method(t, "__copy__", deque_copy);
        add_method(t, "count", deque_count);
        add_method(t, "index", deque_index);
        add_method(t, "remove", deque_remove);
        add_method(t, "reverse", |vm, a| {
            let d = deque_this(vm, &a, "reverse")?;
            d.touch();
            let mut items = d.items.borrow_mut();
            let v: VecDeque<Value> = items.drain(..).rev().collect();
            *items = v;
            Ok(Value::None)
        });
        add_method(t, "insert", deque_insert);
        add_method(t, "__setitem__", deque_setitem);
        add_method(t, "__delitem__", deque_delitem);
        add_method(t, "__reversed__", |vm, a| {
            let d = deque_this(vm, &a, "__reversed__")?;
            let items: Vec<Value> = d.snapshot().into_iter().rev().collect();
            Ok(crate::eval::iter::IterObj::value(
                vm,
                "_collections._deque_reverse_iterator",
                PyIter::Items(items.into_iter()),
            ))
        });
        add_method(t, "__add__", deque_add);
        add_method(t, "__mul__", deque_mul);
        add_method(t, "__rmul__", deque_mul);
        add_method(t, "__iadd__", |vm, a| {
            deque_extend(vm, Args::new(a.pos.iter().cloned()), false)?;
            Ok(a.pos[0].clone())
        });
    })
}

fn deque_this<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<&'a Deque> {
    args.pos
        .first()
        .and_then(|v| v.downcast::<Deque>())
        .ok_or_else(|| {
            vm.type_error(format!(
                "descriptor '{name}' for 'collections.deque' objects doesn't apply to this object"
            ))
        })
}

fn deque_arg<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<(&'a Deque, Value)> {
    let d = deque_this(vm, args, name)?;
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("deque.{name}() takes no keyword arguments")));
    }
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "deque.{name}() takes exactly one argument ({} given)",
            args.pos.len() - 1
        )));
    }
    Ok((d, args.pos[1].clone()))
}

fn deque_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let mut args = args;
    if !args.pos.is_empty() {
        args.pos.remove(0);
    }
    let a = super::parse_args(
        vm,
        args,
        &super::Params {
            name: "deque",
            pos: &["iterable", "maxlen"],
            required: 0,
            kwonly: &[],
        },
    )?;
    let mut a = a.into_iter();
    let iterable = a.next().flatten();
    let maxlen = match a.next().flatten() {
        None | Some(Value::None) => None,
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_))) => {
            let n = arg_int(vm, &v)?;
            if n < 0 {
                return Err(vm.value_error("maxlen must be non-negative"));
            }
            Some(n as usize)
        }
        Some(_) => return Err(vm.type_error("an integer is required")),
    };
    let d = Deque::new(VecDeque::new(), maxlen);
    if let Some(it) = iterable {
        for v in collect(vm, &it)? {
            d.push_back(v);
        }
    }
    Ok(Value::native(d))
}

fn deque_pop(vm: &Vm, args: Args, left: bool) -> PyResult<Value> {
    let name = if left { "popleft" } else { "pop" };
    let d = deque_this(vm, &args, name)?;
    if args.pos.len() != 1 || !args.kw.is_empty() {
        return Err(vm.type_error(format!(
            "deque.{name}() takes no arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    d.touch();
    let v = if left {
        d.items.borrow_mut().pop_front()
    } else {
        d.items.borrow_mut().pop_back()
    };
    v.ok_or_else(|| vm.index_error("pop from an empty deque"))
}

fn deque_extend(vm: &Vm, args: Args, left: bool) -> PyResult<Value> {
    let (d, src) = deque_arg(vm, &args, if left { "extendleft" } else { "extend" })?;
    let items = collect(vm, &src)?;
    for v in items {
        if left {
            d.push_front(v);
        } else {
            d.push_back(v);
        }
    }
    Ok(Value::None)
}

fn deque_rotate(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_this(vm, &args, "rotate")?;
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "rotate expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let n = match args.pos.get(1) {
        Some(v) => arg_int(vm, v)?,
        None => 1,
    };
    d.touch();
    let mut items = d.items.borrow_mut();
    let len = items.len() as i64;
    if len > 1 {
        let k = n.rem_euclid(len) as usize;
        items.rotate_right(k);
    }
    Ok(Value::None)
}

fn deque_copy(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_this(vm, &args, "copy")?;
    Ok(Value::native(Deque::new(
        d.items.borrow().clone(),
        d.maxlen.get(),
    )))
}

fn deque_count(vm: &Vm, args: Args) -> PyResult<Value> {
    let (d, x) = deque_arg(vm, &args, "count")?;
    let state = d.state.get();
    let mut n = 0;
    for v in d.snapshot() {
        if values_equal(vm, &v, &x)? {
            n += 1;
        }
        if d.state.get() != state {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
    }
    Ok(Value::Int(n))
}

fn clamp_index(i: i64, len: usize) -> usize {
    let len = len as i64;
    let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
    i as usize
}

fn deque_index(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_this(vm, &args, "index")?;
    if args.pos.len() < 2 || args.pos.len() > 4 {
        return Err(vm.type_error(format!(
            "index expected at {} 1 argument, got {}",
            if args.pos.len() < 2 {
                "least"
            } else {
                "most 3 arguments, at least"
            },
            args.pos.len() - 1
        )));
    }
    let x = &args.pos[1];
    let items = d.snapshot();
    let start = match args.pos.get(2) {
        Some(v) => clamp_index(arg_int(vm, v)?, items.len()),
        None => 0,
    };
    let stop = match args.pos.get(3) {
        Some(v) => clamp_index(arg_int(vm, v)?, items.len()),
        None => items.len(),
    };
    let state = d.state.get();
    for (i, v) in items.iter().enumerate().take(stop).skip(start) {
        if values_equal(vm, v, x)? {
            return Ok(Value::Int(i as i64));
        }
        if d.state.get() != state {
            return Err(vm.runtime_error("deque mutated during iteration"));
        }
    }
    Err(vm.value_error(format!("{} is not in deque", repr(vm, x)?)))
}

fn deque_remove(vm: &Vm, args: Args) -> PyResult<Value> {
    // CPython's `deque_remove`: compares in place (no copy: removing the
    // first of many waiters is O(1)), and a comparison that changes the
    // deque ends the search.
    let (d, x) = deque_arg(vm, &args, "remove")?;
    let n = d.items.borrow().len();
    let state = d.state.get();
    for i in 0..n {
        let Some(v) = d.items.borrow().get(i).cloned() else {
            break;
        };
        let equal = values_equal(vm, &v, &x)?;
        if d.state.get() != state {
            return Err(vm.index_error("deque mutated during iteration"));
        }
        if equal {
            d.touch();
            d.items.borrow_mut().remove(i);
            return Ok(Value::None);
        }
    }
    Err(vm.value_error(format!("{} is not in deque", repr(vm, &x)?)))
}

fn deque_insert(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_this(vm, &args, "insert")?;
    if args.pos.len() != 3 {
        return Err(vm.type_error(format!(
            "insert() takes exactly 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let i = arg_int(vm, &args.pos[1])?;
    let len = d.items.borrow().len();
    if Some(len) == d.maxlen.get() {
        return Err(vm.index_error("deque already at its maximum size"));
    }
    d.touch();
    let at = clamp_index(i, len);
    d.items.borrow_mut().insert(at, args.pos[2].clone());
    Ok(Value::None)
}

fn deque_index_arg(vm: &Vm, d: &Deque, idx: &Value) -> PyResult<usize> {
    let i = match idx {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => arg_int(vm, idx)?,
        Value::Instance(i) if i.class.lookup(crate::intern::known::__index__).is_some() => {
            arg_int(vm, idx)?
        }
        other => {
            return Err(vm.type_error(format!(
                "sequence index must be integer, not '{}'",
                type_name(vm, other)
            )));
        }
    };
    let len = d.items.borrow().len() as i64;
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        return Err(vm.index_error("deque index out of range"));
    }
    Ok(j as usize)
}

fn deque_setitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_this(vm, &args, "__setitem__")?;
    let i = deque_index_arg(vm, d, &args.pos[1])?;
    d.items.borrow_mut()[i] = args.pos[2].clone();
    Ok(Value::None)
}

fn deque_delitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_this(vm, &args, "__delitem__")?;
    let i = deque_index_arg(vm, d, &args.pos[1])?;
    d.touch();
    d.items.borrow_mut().remove(i);
    Ok(Value::None)
}

fn deque_add(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_this(vm, &args, "__add__")?;
    let Some(other) = args.pos.get(1).and_then(|v| v.downcast::<Deque>()) else {
        return Err(vm.type_error(format!(
            "can only concatenate deque (not \"{}\") to deque",
            type_name(vm, &args.pos[1])
        )));
    };
    let new = Deque::new(d.items.borrow().clone(), d.maxlen.get());
    for v in other.snapshot() {
        new.push_back(v);
    }
    Ok(Value::native(new))
}

fn deque_mul(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = deque_this(vm, &args, "__mul__")?;
    let n = match &args.pos[1] {
        v @ (Value::Int(_) | Value::Bool(_)) => arg_int(vm, v)?,
        _ => return Ok(Value::NotImplemented),
    };
    let items = d.snapshot();
    let new = Deque::new(VecDeque::new(), d.maxlen.get());
    for _ in 0..n.max(0) {
        for v in &items {
            new.push_back(v.clone());
        }
    }
    Ok(Value::native(new))
}

impl NativeObject for Deque {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        deque_type(vm)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn iter(&self, vm: &Vm, this: &Value) -> Option<PyResult<Value>> {
        let _ = vm;
        Some(Ok(Value::native(DequeIter {
            deque: this.clone(),
            pos: Cell::new(0),
            state: self.state.get(),
        })))
    }
    fn len(&self, _vm: &Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.items.borrow().len()))
    }
    fn contains(&self, vm: &Vm, item: &Value) -> Option<PyResult<bool>> {
        Some((|| {
            let state = self.state.get();
            for v in self.snapshot() {
                if values_equal(vm, &v, item)? {
                    return Ok(true);
                }
                if self.state.get() != state {
                    return Err(vm.runtime_error("deque mutated during iteration"));
                }
            }
            Ok(false)
        })())
    }
    fn getitem(&self, vm: &Vm, index: &Value) -> Option<PyResult<Value>> {
        Some(deque_index_arg(vm, self, index).map(|i| self.items.borrow()[i].clone()))
    }
    fn getattr(&self, _vm: &Vm, name: Sym) -> Option<PyResult<Value>> {
        match name.as_str() {
            "maxlen" => Some(Ok(match self.maxlen.get() {
                Some(n) => Value::Int(n as i64),
                None => Value::None,
            })),
            _ => None,
        }
    }
    fn eq(&self, vm: &Vm, other: &Value) -> Option<PyResult<bool>> {
        let Some(o) = other.downcast::<Deque>() else {
            return Some(Ok(false));
        };
        let (xs, ys) = (self.snapshot(), o.snapshot());
        Some(crate::eval::ops::sequence_compare(vm, CmpOp::Eq, &xs, &ys))
    }
    fn hash(&self, vm: &Vm) -> Option<PyResult<i64>> {
        Some(Err(vm.type_error("unhashable type: 'collections.deque'")))
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        Some((|| {
            let Some(_guard) = ReprGuard::enter_id(vm, self as *const Deque as usize) else {
                return Ok("[...]".to_owned());
            };
            let items = repr(vm, &Value::list(self.snapshot()))?;
            Ok(match self.maxlen.get() {
                Some(n) => format!("deque({items}, maxlen={n})"),
                None => format!("deque({items})"),
            })
        })())
    }
}

/// Iterator over a deque, failing if the deque changes meanwhile.
struct DequeIter {
    deque: Value,
    pos: Cell<usize>,
    state: u64,
}

impl NativeObject for DequeIter {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        module_type(
            vm,
            "_collections._deque_iterator",
            "_collections",
            "_deque_iterator",
            |_vm, t| add_iter_methods(t),
        )
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn next(&self, vm: &Vm) -> Option<PyResult<Option<Value>>> {
        let d = self.deque.downcast::<Deque>()?;
        if d.state.get() != self.state {
            return Some(Err(vm.runtime_error("deque mutated during iteration")));
        }
        let i = self.pos.get();
        let v = d.items.borrow().get(i).cloned();
        if v.is_some() {
            self.pos.set(i + 1);
        }
        Some(Ok(v))
    }
}

/// Creates the `_collections` module.
pub fn module(vm: &Vm) -> Value {
    let m = new_module("_collections");
    {
        let mut d = m.dict.borrow_mut();
        d.insert(Sym::new("deque"), Value::Type(deque_type(vm)));
        d.insert(
            Sym::new("defaultdict"),
            Value::Type(flavor_type(vm, "defaultdict")),
        );
        d.insert(
            Sym::new("OrderedDict"),
            Value::Type(flavor_type(vm, "OrderedDict")),
        );
        d.insert(Sym::new("Counter"), Value::Type(flavor_type(vm, "Counter")));
    }
    add_module_fn(&m, "_collections", "_count_elements", |vm, args| {
        if let (Some(Value::Dict(d)), Some(src)) = (args.pos.first(), args.pos.get(1)) {
            counter_update(vm, d, src, 1)?;
        }
        Ok(Value::None)
    });
    Value::Module(m)
}
