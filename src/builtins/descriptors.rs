//! `property`, `classmethod`, `staticmethod` and `super`.

use std::any::Any;
use std::rc::Rc;

use super::{add_method, check_method_args};
use crate::eval::attr::descr_get;
use crate::eval::call::call;
use crate::eval::protocol::type_name;
use crate::eval::{Args, PyResult, Vm};
use crate::intern::{Sym, known};
use crate::value::{BoundMethod, NativeObject, Type, Value};

pub fn install(vm: &Vm) {
    let p = &vm.types.property;
    add_method(p, "__new__", property_new);
    add_method(p, "getter", getter);
    add_method(p, "setter", setter);
    add_method(p, "deleter", deleter);
    add_method(&vm.types.classmethod, "__new__", classmethod_new);
    add_method(&vm.types.staticmethod, "__new__", staticmethod_new);
    add_method(&vm.types.super_, "__new__", super_new);
}

/// A `property`.
pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
    /// The attribute name, from `__set_name__` (for error messages).
    pub name: std::cell::RefCell<Option<Sym>>,
}

impl NativeObject for Property {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.types.property.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn descr_get(
        &self,
        vm: &Vm,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Type>,
    ) -> Option<PyResult<Value>> {
        Some(match instance {
            None => Ok(this.clone()),
            Some(obj) => {
                if self.fget.is_none() {
                    Err(vm.attribute_error(format!(
                        "property {}of '{}' object has no getter",
                        self.quoted_name(),
                        type_name(vm, obj)
                    )))
                } else {
                    call(vm, &self.fget, Args::new([obj.clone()]))
                }
            }
        })
    }
    fn descr_set(&self, vm: &Vm, instance: &Value, value: Option<Value>) -> Option<PyResult<()>> {
        Some(match value {
            Some(v) => {
                if self.fset.is_none() {
                    Err(vm.attribute_error(format!(
                        "property {}of '{}' object has no setter",
                        self.quoted_name(),
                        type_name(vm, instance)
                    )))
                } else {
                    call(vm, &self.fset, Args::new([instance.clone(), v])).map(|_| ())
                }
            }
            None => {
                if self.fdel.is_none() {
                    Err(vm.attribute_error(format!(
                        "property {}of '{}' object has no deleter",
                        self.quoted_name(),
                        type_name(vm, instance)
                    )))
                } else {
                    call(vm, &self.fdel, Args::new([instance.clone()])).map(|_| ())
                }
            }
        })
    }
    fn getattr(&self, _vm: &Vm, name: Sym) -> Option<PyResult<Value>> {
        match name.as_str() {
            "fget" => Some(Ok(self.fget.clone())),
            "fset" => Some(Ok(self.fset.clone())),
            "fdel" => Some(Ok(self.fdel.clone())),
            "__doc__" => Some(Ok(self.doc.clone())),
            _ => None,
        }
    }
}

impl Property {
    fn quoted_name(&self) -> String {
        match *self.name.borrow() {
            Some(n) => format!("'{n}' "),
            None => String::new(),
        }
    }
}

fn property_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let mut get = |i: usize, name: &str| -> Value {
        args.take_kw(name)
            .or_else(|| args.pos.get(i).cloned())
            .unwrap_or(Value::None)
    };
    let fget = get(1, "fget");
    let fset = get(2, "fset");
    let fdel = get(3, "fdel");
    let mut doc = get(4, "doc");
    if doc.is_none() && !fget.is_none() {
        doc = crate::eval::attr::getattr_opt(vm, &fget, known::__doc__)?.unwrap_or(Value::None);
    }
    Ok(Value::native(Property {
        fget,
        fset,
        fdel,
        doc,
        name: std::cell::RefCell::new(None),
    }))
}

fn this_property(vm: &Vm, args: &Args) -> PyResult<Rc<dyn NativeObject>> {
    match args.pos.first() {
        Some(Value::Native(n)) if n.as_any().is::<Property>() => Ok(n.clone()),
        _ => Err(vm.type_error("descriptor requires a 'property' object")),
    }
}

fn with_accessor(vm: &Vm, args: Args, which: usize, name: &str) -> PyResult<Value> {
    check_method_args(vm, &args, name, 1, 1)?;
    let n = this_property(vm, &args)?;
    let Some(p) = n.as_any().downcast_ref::<Property>() else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let f = args.pos[1].clone();
    let mut new = Property {
        fget: p.fget.clone(),
        fset: p.fset.clone(),
        fdel: p.fdel.clone(),
        doc: p.doc.clone(),
        name: std::cell::RefCell::new(*p.name.borrow()),
    };
    match which {
        0 => new.fget = f,
        1 => new.fset = f,
        _ => new.fdel = f,
    }
    Ok(Value::native(new))
}

fn getter(vm: &Vm, args: Args) -> PyResult<Value> {
    with_accessor(vm, args, 0, "getter")
}

fn setter(vm: &Vm, args: Args) -> PyResult<Value> {
    with_accessor(vm, args, 1, "setter")
}

fn deleter(vm: &Vm, args: Args) -> PyResult<Value> {
    with_accessor(vm, args, 2, "deleter")
}

/// A `classmethod`: binds to the class.
pub struct ClassMethod(pub Value);

impl NativeObject for ClassMethod {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.types.classmethod.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn descr_get(
        &self,
        vm: &Vm,
        _this: &Value,
        instance: Option<&Value>,
        owner: &Rc<Type>,
    ) -> Option<PyResult<Value>> {
        let cls = match instance {
            Some(obj) => vm.type_of(obj),
            None => owner.clone(),
        };
        Some(Ok(Value::BoundMethod(Rc::new(BoundMethod {
            func: self.0.clone(),
            receiver: Value::Type(cls),
        }))))
    }
    fn getattr(&self, vm: &Vm, name: Sym) -> Option<PyResult<Value>> {
        match name.as_str() {
            "__func__" | "__wrapped__" => Some(Ok(self.0.clone())),
            _ => crate::eval::attr::getattr_opt(vm, &self.0, name).transpose(),
        }
    }
}

fn classmethod_new(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "classmethod", 1, 1)?;
    Ok(Value::native(ClassMethod(args.pos[1].clone())))
}

/// A `staticmethod`: no binding.
pub struct StaticMethod(pub Value);

impl NativeObject for StaticMethod {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.types.staticmethod.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn descr_get(
        &self,
        _vm: &Vm,
        _this: &Value,
        _instance: Option<&Value>,
        _owner: &Rc<Type>,
    ) -> Option<PyResult<Value>> {
        Some(Ok(self.0.clone()))
    }
    fn is_callable(&self) -> bool {
        true
    }
    fn call(&self, vm: &Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(call(vm, &self.0, args))
    }
    fn getattr(&self, vm: &Vm, name: Sym) -> Option<PyResult<Value>> {
        match name.as_str() {
            "__func__" | "__wrapped__" => Some(Ok(self.0.clone())),
            _ => crate::eval::attr::getattr_opt(vm, &self.0, name).transpose(),
        }
    }
}

fn staticmethod_new(vm: &Vm, args: Args) -> PyResult<Value> {
    check_method_args(vm, &args, "staticmethod", 1, 1)?;
    Ok(Value::native(StaticMethod(args.pos[1].clone())))
}

/// A `super()` proxy: attribute lookup starts after `start` in the MRO of
/// the object's class.
pub struct Super {
    pub start: Rc<Type>,
    pub obj: Value,
    /// The class whose MRO is searched (`type(obj)`, or `obj` itself when it
    /// is a class).
    pub obj_type: Rc<Type>,
}

impl NativeObject for Super {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.types.super_.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn getattr(&self, vm: &Vm, name: Sym) -> Option<PyResult<Value>> {
        let mut after = false;
        for t in self.obj_type.mro_iter() {
            if after {
                if let Some(v) = t.dict.borrow().get(&name).cloned() {
                    let instance = match &self.obj {
                        Value::Type(_) => None,
                        other => Some(other),
                    };
                    return Some(descr_get(vm, &v, instance, &self.obj_type));
                }
            } else if Rc::ptr_eq(t, &self.start) {
                after = true;
            }
        }
        if name == known::__class__ {
            return Some(Ok(Value::Type(vm.types.super_.clone())));
        }
        Some(Err(vm.attribute_error(format!(
            "'super' object has no attribute '{name}'"
        ))))
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        let _ = vm;
        Some(Ok(format!(
            "<super: <class '{}'>, <{} object>>",
            self.start.name, self.obj_type.name
        )))
    }
}

fn super_new(vm: &Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() != 3 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let Value::Type(start) = &args.pos[1] else {
        return Err(vm.type_error(format!(
            "super() argument 1 must be a type, not {}",
            type_name(vm, &args.pos[1])
        )));
    };
    let obj = args.pos[2].clone();
    let obj_type = match &obj {
        Value::Type(t) if t.is_subtype(start) => t.clone(),
        other => vm.type_of(other),
    };
    if !obj_type.is_subtype(start) {
        return Err(vm.type_error("super(type, obj): obj must be an instance or subtype of type"));
    }
    Ok(Value::native(Super {
        start: start.clone(),
        obj,
        obj_type,
    }))
}

/// The `__dict__` or `__weakref__` attribute `type.__new__` gives a class
/// whose instances get a dict or weak-reference slot that its bases lack
/// (CPython's `getset_descriptor`): listed in the class's `__dict__`, and
/// read through instances.
pub struct InstanceSlot {
    /// `__dict__` or `__weakref__`.
    pub name: Sym,
    /// The class that added it, as its repr names it.
    pub owner: String,
}

impl NativeObject for InstanceSlot {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type("getset_descriptor")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _vm: &Vm) -> Option<PyResult<String>> {
        Some(Ok(format!(
            "<attribute '{}' of '{}' objects>",
            self.name, self.owner
        )))
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn descr_get(
        &self,
        vm: &Vm,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Type>,
    ) -> Option<PyResult<Value>> {
        Some(match instance {
            None => Ok(this.clone()),
            // Nothing in apy holds a weak reference.
            Some(_) if self.name == known::__weakref__ => Ok(Value::None),
            Some(Value::Instance(inst)) => Ok(Value::Dict(inst.dict_value())),
            Some(obj) => Err(vm.unsupported(format!(
                "the '{}' attribute of a '{}' object",
                self.name,
                type_name(vm, obj)
            ))),
        })
    }
    fn descr_set(&self, vm: &Vm, _instance: &Value, _value: Option<Value>) -> Option<PyResult<()>> {
        Some(Err(if self.name == known::__weakref__ {
            vm.attribute_error(format!(
                "attribute '__weakref__' of '{}' objects is not writable",
                self.owner
            ))
        } else {
            vm.unsupported("assigning or deleting an instance's __dict__")
        }))
    }
}
