//! Attribute access: `obj.name`, assignment and deletion, with Python's
//! descriptor rules (functions bind to instances, `property` overrides the
//! instance dictionary, `classmethod`/`staticmethod`), `__getattr__`, and
//! the method-call shortcut that avoids building bound methods.

use std::rc::Rc;

use super::call::{call, call_function};
use super::protocol::type_name;
use super::{Args, Exc, PyResult, Vm};
use crate::intern::{Sym, known};
use crate::value::{BoundMethod, Type, Value};

/// `getattr(obj, name)`.
#[inline]
pub fn getattr(vm: &Vm, obj: &Value, name: Sym) -> PyResult<Value> {
    if let Value::Instance(inst) = obj
        && let Some(v) = inst.plain_get(name)
    {
        return Ok(v);
    }
    getattr_general(vm, obj, name)
}

#[inline(never)]
fn getattr_general(vm: &Vm, obj: &Value, name: Sym) -> PyResult<Value> {
    match getattr_opt(vm, obj, name)? {
        Some(v) => Ok(v),
        None => Err(crate::builtins::missing::missing_attribute(vm, obj, name)),
    }
}

/// The `AttributeError` for a missing attribute, worded as CPython words it.
pub fn no_attribute(vm: &Vm, obj: &Value, name: Sym) -> Exc {
    let msg = match obj {
        Value::Type(t) => format!("type object '{}' has no attribute '{name}'", t.name),
        Value::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
        _ => format!("'{}' object has no attribute '{name}'", type_name(vm, obj)),
    };
    let e = vm.attribute_error(msg);
    e.0.dict
        .borrow_mut()
        .insert(Sym::new("name"), Value::str(name.as_str()));
    e.0.dict.borrow_mut().insert(Sym::new("obj"), obj.clone());
    e
}

/// `getattr(obj, name)`, `None` when simply missing. An `AttributeError`
/// raised by a property or `__getattr__` propagates as it is.
pub fn getattr_opt(vm: &Vm, obj: &Value, name: Sym) -> PyResult<Option<Value>> {
    match obj {
        Value::Instance(inst) => {
            let class = &inst.class;
            let flags = type_flags(vm, class);
            if flags & tflag::GETATTRIBUTE != 0
                && let Some(ga) = class.lookup(known::__getattribute__)
                && !matches!(ga, Value::Builtin(_))
            {
                return missing_is_none(
                    vm,
                    call(vm, &ga, Args::new([obj.clone(), Value::str(name.as_str())])),
                );
            }
            let found = class.lookup(name);
            if let Some(f) = &found
                && is_data_descriptor(vm, f)
            {
                return missing_is_none(vm, descr_get(vm, f, Some(obj), class));
            }
            if let Some(v) = inst.get_attr(name) {
                return Ok(Some(v));
            }
            if inst.exc().is_some()
                && let Some(v) = crate::builtins::exceptions::exc_attr(vm, inst, name)?
            {
                return Ok(Some(v));
            }
            if name == known::__class__ {
                return Ok(Some(Value::Type(class.clone())));
            }
            if name == known::__dict__ {
                return Ok(Some(Value::Dict(inst.dict_value())));
            }
            if let Some(f) = found {
                return descr_get(vm, &f, Some(obj), class).map(Some);
            }
            if flags & tflag::GETATTR != 0
                && let Some(ga) = class.lookup(known::__getattr__)
            {
                return missing_is_none(
                    vm,
                    call(vm, &ga, Args::new([obj.clone(), Value::str(name.as_str())])),
                );
            }
            Ok(None)
        }
        Value::Type(t) => type_getattr(vm, t, name),
        Value::Module(m) => Ok(m.dict.borrow().get(&name).cloned()),
        _ => {
            if let Some(v) = crate::builtins::attrs::special_attr(vm, obj, name)? {
                return Ok(Some(v));
            }
            let class = vm.type_of(obj);
            match class.lookup(name) {
                Some(f) => descr_get(vm, &f, Some(obj), &class).map(Some),
                None => Ok(None),
            }
        }
    }
}

fn missing_is_none(_vm: &Vm, r: PyResult<Value>) -> PyResult<Option<Value>> {
    r.map(Some)
}

/// Facts about a class the attribute paths check on every access, cached
/// in the type (see [`type_flags`]).
pub mod tflag {
    /// The flags have been computed.
    pub const VALID: u32 = 1;
    /// A `__getattribute__` written in Python.
    pub const GETATTRIBUTE: u32 = 2;
    /// A `__setattr__` written in Python.
    pub const SETATTR: u32 = 4;
    /// A `__getattr__` hook.
    pub const GETATTR: u32 = 8;
    /// Instances are restricted by `__slots__`.
    pub const SLOTS: u32 = 16;
    /// Calling the class is `object.__new__` (or `BaseException.__new__`)
    /// then `__init__`: no `__new__` of its own, no class-level call hook
    /// (`enum`), not an abstract base class (whose call checks first).
    pub const DEFAULT_NEW: u32 = 32;
}

/// The [`tflag`] bits of class `t`.
#[inline]
pub fn type_flags(vm: &Vm, t: &Rc<Type>) -> u32 {
    let f = t.cache.flags();
    if f != 0 {
        return f;
    }
    compute_type_flags(vm, t)
}

#[inline(never)]
fn compute_type_flags(vm: &Vm, t: &Rc<Type>) -> u32 {
    let python_level = |name| matches!(t.lookup(name), Some(v) if !matches!(v, Value::Builtin(_)));
    let mut f = tflag::VALID;
    if python_level(known::__getattribute__) {
        f |= tflag::GETATTRIBUTE;
    }
    if python_level(known::__setattr__) {
        f |= tflag::SETATTR;
    }
    if t.lookup(known::__getattr__).is_some() {
        f |= tflag::GETATTR;
    }
    if slots_of(t).is_some() {
        f |= tflag::SLOTS;
    }
    if t.lookup(known::__new__)
        .is_none_or(|n| super::class::is_default_new(vm, &n))
        && !crate::stdlib::has_class_hooks(t)
        && !crate::stdlib::abc::is_abc_class(t)
    {
        f |= tflag::DEFAULT_NEW;
    }
    if f & (tflag::GETATTRIBUTE | tflag::SETATTR | tflag::SLOTS) == 0
        && t.layout == crate::value::object::Layout::Object
    {
        f |= crate::value::object::PLAIN_ATTRS;
    }
    t.cache.set_flags(f);
    f
}

/// Attribute lookup on a class object.
fn type_getattr(vm: &Vm, t: &Rc<Type>, name: Sym) -> PyResult<Option<Value>> {
    // `type.__dict__` is a data descriptor of the metaclass: it wins over
    // the `__dict__` slot descriptor a class holds for its instances.
    if name == known::__dict__ {
        return crate::builtins::attrs::type_special_attr(vm, t, name);
    }
    if let Some(f) = t.lookup(name) {
        return descr_get(vm, &f, None, t).map(Some);
    }
    crate::builtins::attrs::type_special_attr(vm, t, name)
}

/// Does `v`, found on a class, take precedence over the instance dict?
fn is_data_descriptor(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Native(n) => n.is_data_descriptor(),
        Value::Instance(i) => {
            let _ = vm;
            i.class.lookup(known::__set__).is_some() || i.class.lookup(known::__delete__).is_some()
        }
        _ => false,
    }
}

/// Applies the descriptor protocol to `attr` found on `owner` (`instance`
/// is `None` for access through the class).
pub fn descr_get(
    vm: &Vm,
    attr: &Value,
    instance: Option<&Value>,
    owner: &Rc<Type>,
) -> PyResult<Value> {
    match attr {
        Value::Function(_) | Value::Builtin(_) => match instance {
            Some(obj) => Ok(Value::BoundMethod(Rc::new(BoundMethod {
                func: attr.clone(),
                receiver: obj.clone(),
            }))),
            None => Ok(attr.clone()),
        },
        Value::Native(n) => match n.descr_get(vm, attr, instance, owner) {
            Some(r) => r,
            None => Ok(attr.clone()),
        },
        Value::Instance(i) => match i.class.lookup(known::__get__) {
            Some(get) => call(
                vm,
                &get,
                Args::new([
                    attr.clone(),
                    instance.cloned().unwrap_or(Value::None),
                    Value::Type(owner.clone()),
                ]),
            ),
            None => Ok(attr.clone()),
        },
        _ => Ok(attr.clone()),
    }
}

/// Looks up a special method on the type of `obj` (not the instance), as
/// the interpreter does for operators: the unbound function.
pub fn lookup_special(vm: &Vm, obj: &Value, name: Sym) -> Option<Value> {
    vm.type_of(obj).lookup(name)
}

/// Calls `obj.name(*args)`: the method is looked up on the type and called
/// with `obj` prepended, without building a bound method.
pub fn call_method(vm: &Vm, obj: &Value, name: Sym, args: Args) -> PyResult<Value> {
    call_method_value(vm, obj, name, args)
}

/// Calls the special method `name` if the type defines it.
pub fn call_method_opt(vm: &Vm, obj: &Value, name: Sym, args: Args) -> PyResult<Option<Value>> {
    match lookup_special(vm, obj, name) {
        Some(f) => {
            let bound = descr_get(vm, &f, Some(obj), &vm.type_of(obj))?;
            call(vm, &bound, args).map(Some)
        }
        None => Ok(None),
    }
}

/// `obj.name(args)` as the evaluator runs it.
pub fn call_method_value(vm: &Vm, obj: &Value, name: Sym, mut args: Args) -> PyResult<Value> {
    let builtin = match obj {
        Value::Instance(_) => {
            if let Some(func) = plain_method(vm, obj, name) {
                args.pos.insert(0, obj.clone());
                return call_function(vm, &func, args);
            }
            None
        }
        Value::Type(_) | Value::Module(_) | Value::Function(_) => None,
        Value::Native(n) => {
            // The order `getattr_opt` takes: the object's own attributes
            // first, then a builtin method of its type.
            if let Some(own) = n.getattr(vm, name) {
                return call(vm, &own?, args);
            }
            type_builtin_method(vm, obj, name)
        }
        _ => type_builtin_method(vm, obj, name),
    };
    if let Some(b) = builtin {
        args.pos.insert(0, obj.clone());
        vm.check_builtin_call(&b)?;
        return (b.func)(vm, args);
    }
    let f = getattr(vm, obj, name)?;
    call(vm, &f, args)
}

/// The builtin method `obj.name` names in `obj`'s type, which a method
/// call runs unbound (`obj` first) without making a bound method. For
/// objects whose attributes come from their type alone: the callers rule
/// out instances, types, modules, functions and natives' own attributes.
#[inline]
pub fn type_builtin_method(
    vm: &Vm,
    obj: &Value,
    name: Sym,
) -> Option<Rc<crate::value::BuiltinFunction>> {
    match vm.type_of(obj).lookup(name) {
        Some(Value::Builtin(b)) => Some(b),
        _ => None,
    }
}

/// The Python function `obj.name` calls with `obj` prepended, when `obj`
/// is an instance whose class defines it and nothing can intercept the
/// lookup (no `__getattribute__` written in Python, no instance attribute
/// of that name): the method-call shortcut, no bound method is made.
#[inline]
pub fn plain_method(vm: &Vm, obj: &Value, name: Sym) -> Option<Rc<crate::value::Function>> {
    let Value::Instance(inst) = obj else {
        return None;
    };
    if type_flags(vm, &inst.class) & tflag::GETATTRIBUTE != 0 {
        return None;
    }
    match inst.class.lookup(name) {
        Some(Value::Function(func)) if !inst.may_have_attr(name) => Some(func),
        _ => None,
    }
}

/// `obj.name = value`.
#[inline]
pub fn setattr(vm: &Vm, obj: &Value, name: Sym, value: Value) -> PyResult<()> {
    let value = match obj {
        Value::Instance(inst) => match inst.plain_set(name, value) {
            Ok(()) => return Ok(()),
            Err(v) => v,
        },
        _ => value,
    };
    setattr_general(vm, obj, name, value)
}

#[inline(never)]
fn setattr_general(vm: &Vm, obj: &Value, name: Sym, value: Value) -> PyResult<()> {
    match obj {
        Value::Instance(inst) => {
            let class = &inst.class;
            if type_flags(vm, class) & tflag::SETATTR != 0
                && let Some(sa) = class.lookup(known::__setattr__)
                && !matches!(sa, Value::Builtin(_))
            {
                call(
                    vm,
                    &sa,
                    Args::new([obj.clone(), Value::str(name.as_str()), value]),
                )?;
                return Ok(());
            }
            object_setattr(vm, obj, name, value)
        }
        Value::Type(t) => {
            if t.is_builtin {
                return Err(vm.type_error(format!(
                    "cannot set '{name}' attribute of immutable type '{}'",
                    t.name
                )));
            }
            t.set_attr(name, value);
            Ok(())
        }
        Value::Module(m) => {
            crate::builtins::sys::module_attr_changed(&m.name);
            m.dict.borrow_mut().insert(name, value);
            Ok(())
        }
        Value::Function(f) => {
            crate::builtins::attrs::set_function_attr(f, name, value);
            Ok(())
        }
        Value::Native(n) => match n.setattr(vm, name, value) {
            Some(r) => r,
            None => Err(no_attribute(vm, obj, name)),
        },
        _ => Err(no_attribute(vm, obj, name)),
    }
}

/// `object.__setattr__(obj, name, value)`: descriptors, then the instance dict.
pub fn object_setattr(vm: &Vm, obj: &Value, name: Sym, value: Value) -> PyResult<()> {
    let Value::Instance(inst) = obj else {
        return Err(no_attribute(vm, obj, name));
    };
    if let Some(attr) = inst.class.lookup(name) {
        match &attr {
            Value::Native(n) if n.is_data_descriptor() => {
                if let Some(r) = n.descr_set(vm, obj, Some(value)) {
                    return r.map_err(|e| fix_setter_error(vm, e, name, obj));
                }
                return Err(no_attribute(vm, obj, name));
            }
            Value::Instance(d) => {
                if let Some(set) = d.class.lookup(known::__set__) {
                    call(vm, &set, Args::new([attr.clone(), obj.clone(), value]))?;
                    return Ok(());
                }
            }
            _ => {}
        }
    }
    if inst.exc().is_some() && crate::builtins::exceptions::set_exc_attr(vm, inst, name, &value)? {
        return Ok(());
    }
    if type_flags(vm, &inst.class) & tflag::SLOTS != 0
        && let Some(allowed) = slots_of(&inst.class)
        && !allowed.contains(&name)
    {
        return Err(no_attribute(vm, obj, name));
    }
    inst.set_attr(name, value);
    Ok(())
}

fn fix_setter_error(_vm: &Vm, e: Exc, _name: Sym, _obj: &Value) -> Exc {
    e
}

/// `del obj.name`.
pub fn delattr(vm: &Vm, obj: &Value, name: Sym) -> PyResult<()> {
    match obj {
        Value::Instance(inst) => {
            if let Some(da) = inst.class.lookup(known::__delattr__)
                && !matches!(da, Value::Builtin(_))
            {
                call(vm, &da, Args::new([obj.clone(), Value::str(name.as_str())]))?;
                return Ok(());
            }
            if let Some(Value::Native(n)) = inst.class.lookup(name)
                && n.is_data_descriptor()
                && let Some(r) = n.descr_set(vm, obj, None)
            {
                return r;
            }
            if inst.del_attr(name) {
                Ok(())
            } else {
                Err(no_attribute(vm, obj, name))
            }
        }
        Value::Type(t) if !t.is_builtin => {
            if t.del_attr(name) {
                Ok(())
            } else {
                Err(no_attribute(vm, obj, name))
            }
        }
        Value::Module(m) => {
            crate::builtins::sys::module_attr_changed(&m.name);
            if m.dict.borrow_mut().shift_remove(&name).is_some() {
                Ok(())
            } else {
                Err(no_attribute(vm, obj, name))
            }
        }
        Value::Function(f) => {
            if f.dict.borrow_mut().shift_remove(&name).is_some() {
                Ok(())
            } else {
                Err(no_attribute(vm, obj, name))
            }
        }
        _ => Err(no_attribute(vm, obj, name)),
    }
}

/// The attribute names allowed by `__slots__`, if every class of the MRO
/// (but `object`) declares them (otherwise instances have a `__dict__`).
fn slots_of(class: &Rc<Type>) -> Option<Vec<Sym>> {
    let mut names = Vec::new();
    for t in class.mro_iter() {
        if t.is_builtin {
            continue;
        }
        let slots = t.dict.borrow().get(&known::__slots__).cloned()?;
        match slots {
            Value::Str(s) => names.push(Sym::new(s.as_str())),
            Value::Tuple(items) => {
                names.extend(items.items.iter().filter_map(|v| v.as_str().map(Sym::new)))
            }
            Value::List(items) => names.extend(
                items
                    .items
                    .borrow()
                    .iter()
                    .filter_map(|v| v.as_str().map(Sym::new)),
            ),
            _ => return None,
        }
    }
    if names.iter().any(|n| n.as_str() == "__dict__") {
        return None;
    }
    Some(names)
}
