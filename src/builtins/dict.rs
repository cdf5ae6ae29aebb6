//! Methods of `dict`, its views, and its constructor.

use std::rc::Rc;

use super::{add_method, check_method_args};
use crate::eval::iter::{DictPart, IterObj, PyIter, collect};
use crate::eval::protocol::{repr, type_name, values_equal};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::Sym;
use crate::value::dict::DictFlavor;
use crate::value::object::AttrMap;
use crate::value::{NativeObject, PyDict, Type, Value};

pub fn install(vm: &Vm) {
    let d = &vm.types.dict;
    add_method(d, "__new__", dict_new);
    add_method(d, "get", get);
    add_method(d, "keys", keys);
    add_method(d, "values", values);
    add_method(d, "items", items);
    add_method(d, "pop", pop);
    add_method(d, "popitem", popitem);
    add_method(d, "setdefault", setdefault);
    add_method(d, "update", update);
    add_method(d, "clear", clear);
    add_method(d, "copy", copy);
    add_method(d, "fromkeys", fromkeys);
    // `dict.fromkeys` is a class method.
    let f = d.dict.borrow().get(&Sym::new("fromkeys")).cloned();
    if let Some(f) = f {
        d.set_attr(
            Sym::new("fromkeys"),
            Value::native(super::descriptors::ClassMethod(f)),
        );
    }
    add_method(d, "__len__", dunder_len);
    add_method(d, "__getitem__", dunder_getitem);
    add_method(d, "__setitem__", dunder_setitem);
    add_method(d, "__contains__", dunder_contains);
    add_method(d, "__iter__", dunder_iter);
}

/// The dict receiving a method call.
pub fn this(vm: &Vm, args: &Args) -> PyResult<Rc<PyDict>> {
    match args.pos.first() {
        Some(Value::Dict(d)) => Ok(d.clone()),
        Some(v) => Err(vm.type_error(format!(
            "descriptor requires a 'dict' object but received a '{}'",
            type_name(vm, v)
        ))),
        None => Err(vm.type_error("descriptor needs an argument")),
    }
}

fn dict_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let d = Rc::new(PyDict::new());
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "dict expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    if let Some(src) = args.pos.get(1) {
        update_from(vm, &d, src)?;
    }
    for (k, v) in args.kw {
        d.set(vm, Value::str(k.as_str()), v)?;
    }
    Ok(Value::Dict(d))
}

/// `d.update(src)` for a mapping or an iterable of pairs.
pub fn update_from(vm: &Vm, d: &PyDict, src: &Value) -> PyResult<()> {
    match src {
        Value::Dict(s) => {
            for (k, v) in s.items() {
                d.set(vm, k, v)?;
            }
        }
        Value::Instance(_)
            if crate::eval::attr::getattr_opt(vm, src, Sym::new("keys"))?.is_some() =>
        {
            crate::eval::expr::dict_update_from_mapping(vm, d, src)?;
        }
        _ => {
            let mut it = PyIter::new(vm, src)?;
            let mut i = 0;
            while let Some(item) = it.next(vm)? {
                let pair = match collect(vm, &item) {
                    Ok(p) => p,
                    Err(_) => {
                        return Err(vm.type_error(format!(
                            "cannot convert dictionary update sequence element #{i} to a sequence"
                        )));
                    }
                };
                if pair.len() != 2 {
                    return Err(vm.value_error(format!(
                        "dictionary update sequence element #{i} has length {}; 2 is required",
                        pair.len()
                    )));
                }
                let mut pair = pair.into_iter();
                let (Some(k), Some(v)) = (pair.next(), pair.next()) else {
                    continue;
                };
                d.set(vm, k, v)?;
                i += 1;
            }
        }
    }
    Ok(())
}

fn get(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "get", 1, 2)?;
    let d = this(vm, &args)?;
    Ok(d.get(vm, &args.pos[1])?
        .unwrap_or_else(|| args.pos.get(2).cloned().unwrap_or(Value::None)))
}

/// A live view of a dict: `keys()`, `values()` or `items()`.
pub struct DictView {
    pub dict: Rc<PyDict>,
    pub part: DictPart,
}

impl NativeObject for DictView {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        let t = vm.native_type(match self.part {
            DictPart::Keys => "dict_keys",
            DictPart::Values => "dict_values",
            DictPart::Items => "dict_items",
        });
        if self.part != DictPart::Values && t.dict.borrow().is_empty() {
            add_method(&t, "__and__", view_and);
            add_method(&t, "__rand__", view_and);
            add_method(&t, "__or__", view_or);
            add_method(&t, "__ror__", view_or);
            add_method(&t, "__sub__", view_sub);
            add_method(&t, "__rsub__", view_rsub);
            add_method(&t, "__xor__", view_xor);
            add_method(&t, "__rxor__", view_xor);
            add_method(&t, "isdisjoint", view_isdisjoint);
        }
        t
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn iter(&self, vm: &Vm, _this: &Value) -> Option<PyResult<Value>> {
        let name = match self.part {
            DictPart::Keys => "dict_keyiterator",
            DictPart::Values => "dict_valueiterator",
            DictPart::Items => "dict_itemiterator",
        };
        Some(Ok(IterObj::value(
            vm,
            name,
            PyIter::dict(self.dict.clone(), self.part),
        )))
    }
    fn len(&self, _vm: &Vm) -> Option<PyResult<usize>> {
        Some(Ok(self.dict.len()))
    }
    fn contains(&self, vm: &Vm, item: &Value) -> Option<PyResult<bool>> {
        Some(match self.part {
            DictPart::Keys => self.dict.contains(vm, item),
            DictPart::Values => (|| {
                for v in self.dict.values() {
                    if values_equal(vm, &v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            })(),
            DictPart::Items => (|| {
                let Value::Tuple(t) = item else {
                    return Ok(false);
                };
                if t.items.len() != 2 {
                    return Ok(false);
                }
                match self.dict.get(vm, &t.items[0])? {
                    Some(v) => values_equal(vm, &v, &t.items[1]),
                    None => Ok(false),
                }
            })(),
        })
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        let name = match self.part {
            DictPart::Keys => "dict_keys",
            DictPart::Values => "dict_values",
            DictPart::Items => "dict_items",
        };
        Some((|| {
            let items: Vec<Value> = match self.part {
                DictPart::Keys => self.dict.keys(),
                DictPart::Values => self.dict.values(),
                DictPart::Items => self
                    .dict
                    .items()
                    .into_iter()
                    .map(|(k, v)| Value::tuple(vec![k, v]))
                    .collect(),
            };
            Ok(format!("{name}({})", repr(vm, &Value::list(items))?))
        })())
    }
    fn eq(&self, vm: &Vm, other: &Value) -> Option<PyResult<bool>> {
        if self.part == DictPart::Values {
            return None;
        }
        Some((|| {
            let mine = crate::value::PySet::new(false);
            let mut it = PyIter::new(
                vm,
                &Value::native(DictView {
                    dict: self.dict.clone(),
                    part: self.part,
                }),
            )?;
            while let Some(v) = it.next(vm)? {
                mine.add(vm, v)?;
            }
            let theirs = match other {
                Value::Set(s) => s.items(),
                Value::Native(_) => collect(vm, other)?,
                _ => return Ok(false),
            };
            if theirs.len() != mine.len() {
                return Ok(false);
            }
            for v in theirs {
                if !mine.contains(vm, &v)? {
                    return Ok(false);
                }
            }
            Ok(true)
        })())
    }
}

fn view(vm: &Vm, args: Args, part: DictPart, name: &str) -> PyResult<Value> {
    check_method_args(vm, &args, name, 0, 0)?;
    Ok(Value::native(DictView {
        dict: this(vm, &args)?,
        part,
    }))
}

fn keys(vm: &Vm, args: Args) -> PyResult<Value> {
    view(vm, args, DictPart::Keys, "keys")
}

fn values(vm: &Vm, args: Args) -> PyResult<Value> {
    view(vm, args, DictPart::Values, "values")
}

fn items(vm: &Vm, args: Args) -> PyResult<Value> {
    view(vm, args, DictPart::Items, "items")
}

fn pop(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "pop", 1, 2)?;
    let d = this(vm, &args)?;
    match d.remove(vm, &args.pos[1])? {
        Some(v) => Ok(v),
        None => match args.pos.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(vm.key_error(args.pos[1].clone())),
        },
    }
}

fn popitem(vm: &Vm, args: Args) -> PyResult<Value> {
    let mut args = args;
    let last = args.take_kw("last");
    check_method_args(vm, &args, "popitem", 0, 1)?;
    let d = this(vm, &args)?;
    let last = match last.or_else(|| args.pos.get(1).cloned()) {
        Some(v) => crate::eval::protocol::truthy(vm, &v)?,
        None => true,
    };
    let item = if last { d.pop_last() } else { d.pop_first() };
    match item {
        Some((k, v)) => Ok(Value::tuple(vec![k, v])),
        None => Err(vm.key_error(Value::str(match &*d.flavor.borrow() {
            DictFlavor::OrderedDict => "dictionary is empty",
            _ => "popitem(): dictionary is empty",
        }))),
    }
}

fn setdefault(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "setdefault", 1, 2)?;
    let d = this(vm, &args)?;
    if let Some(v) = d.get(vm, &args.pos[1])? {
        return Ok(v);
    }
    let default = args.pos.get(2).cloned().unwrap_or(Value::None);
    d.set(vm, args.pos[1].clone(), default.clone())?;
    Ok(default)
}

fn update(vm: &Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "update expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let d = this(vm, &args)?;
    if let Some(src) = args.pos.get(1) {
        if matches!(&*d.flavor.borrow(), DictFlavor::Counter) {
            crate::stdlib::collections::counter_update(vm, &d, src, 1)?;
        } else {
            update_from(vm, &d, src)?;
        }
    }
    for (k, v) in args.kw {
        d.set(vm, Value::str(k.as_str()), v)?;
    }
    Ok(Value::None)
}

fn clear(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "clear", 0, 0)?;
    this(vm, &args)?.clear();
    Ok(Value::None)
}

fn copy(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "copy", 0, 0)?;
    Ok(Value::Dict(Rc::new(this(vm, &args)?.copy())))
}

fn fromkeys(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "fromkeys", 1, 2)?;
    let d = Rc::new(PyDict::new());
    let value = args.pos.get(2).cloned().unwrap_or(Value::None);
    for k in collect(vm, &args.pos[1])? {
        d.set(vm, k, value.clone())?;
    }
    Ok(Value::Dict(d))
}

fn dunder_len(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(this(vm, &args)?.len() as i64))
}

fn dunder_getitem(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__getitem__", 1, 1)?;
    super::subscript::getitem(vm, &args.pos[0], &args.pos[1])
}

fn dunder_setitem(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__setitem__", 2, 2)?;
    this(vm, &args)?.set(vm, args.pos[1].clone(), args.pos[2].clone())?;
    Ok(Value::None)
}

fn dunder_contains(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "__contains__", 1, 1)?;
    Ok(Value::Bool(this(vm, &args)?.contains(vm, &args.pos[1])?))
}

fn dunder_iter(vm: &Vm, args: Args) -> PyResult<Value> {
    crate::eval::iter::get_iter(vm, &args.pos[0])
}

/// `a == b` for dicts.
pub fn dict_equal(vm: &Vm, a: &PyDict, b: &PyDict) -> PyResult<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (k, v) in a.items() {
        match b.get(vm, &k)? {
            Some(w) => {
                if !values_equal(vm, &v, &w)? {
                    return Ok(false);
                }
            }
            None => return Ok(false),
        }
    }
    Ok(true)
}

/// A dict with string keys from an attribute map (`obj.__dict__`).
pub fn from_attrs(vm: &Vm, attrs: &AttrMap) -> Value {
    let d = PyDict::new();
    for (k, v) in attrs {
        d.set_str(vm, k.as_str(), v.clone());
    }
    Value::Dict(Rc::new(d))
}

/// `set(view) op other` for the set operations of key and item views.
fn view_op(vm: &Vm, args: &Args, op: crate::ast::BinOp, reflected: bool) -> PyResult<Value> {
    super::check_method_args(vm, args, "view operation", 1, 1)?;
    let mine = Value::Set(Rc::new(crate::value::PySet::from_table(
        super::set::table_from(vm, &args.pos[0])?,
        false,
    )));
    let other = match super::set::table_from(vm, &args.pos[1]) {
        Ok(t) => Value::Set(Rc::new(crate::value::PySet::from_table(t, false))),
        Err(_) => return Ok(Value::NotImplemented),
    };
    let (a, b) = if reflected {
        (other, mine)
    } else {
        (mine, other)
    };
    crate::eval::ops::binary_op(vm, op, &a, &b)
}

fn view_and(vm: &Vm, args: Args) -> PyResult<Value> {
    view_op(vm, &args, crate::ast::BinOp::BitAnd, false)
}

fn view_or(vm: &Vm, args: Args) -> PyResult<Value> {
    view_op(vm, &args, crate::ast::BinOp::BitOr, false)
}

fn view_sub(vm: &Vm, args: Args) -> PyResult<Value> {
    view_op(vm, &args, crate::ast::BinOp::Sub, false)
}

fn view_rsub(vm: &Vm, args: Args) -> PyResult<Value> {
    view_op(vm, &args, crate::ast::BinOp::Sub, true)
}

fn view_xor(vm: &Vm, args: Args) -> PyResult<Value> {
    view_op(vm, &args, crate::ast::BinOp::BitXor, false)
}

fn view_isdisjoint(vm: &Vm, args: Args) -> PyResult<Value> {
    let common = view_op(vm, &args, crate::ast::BinOp::BitAnd, false)?;
    Ok(Value::Bool(crate::eval::protocol::len(vm, &common)? == 0))
}
