//! Values of CPython's `__main__` namespace that apy does not model
//! (`__builtins__`, `__loader__`). They are in the namespace, so that
//! `dir()`, `globals()` and their lengths list what CPython lists, but any
//! use of one (its repr, attributes, type, comparison, call, ...) stops as
//! `apy::unsupported` rather than answer for an object apy does not have.

use std::any::Any;
use std::rc::Rc;

use crate::eval::{Args, PyResult, Vm};
use crate::intern::Sym;
use crate::value::{NativeObject, Type, Value};

/// A namespace entry standing for the CPython object named `name`.
pub struct Unmodelled {
    pub name: &'static str,
}

impl Unmodelled {
    /// The `apy::unsupported` error for a use of this value.
    pub fn unsupported(&self, vm: &Vm) -> crate::eval::Exc {
        vm.unsupported(format!("the builtin '{}'", self.name))
    }
}

/// The namespace value standing for CPython's `name`.
pub fn value(name: &'static str) -> Value {
    Value::native(Unmodelled { name })
}

/// The error for a use of `v` if it is an unmodelled value.
pub fn check(vm: &Vm, v: &Value) -> PyResult<()> {
    match v.downcast::<Unmodelled>() {
        Some(u) => Err(u.unsupported(vm)),
        None => Ok(()),
    }
}

impl NativeObject for Unmodelled {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.types.object.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        Some(Err(self.unsupported(vm)))
    }
    fn len(&self, vm: &Vm) -> Option<PyResult<usize>> {
        Some(Err(self.unsupported(vm)))
    }
    fn getattr(&self, vm: &Vm, _name: Sym) -> Option<PyResult<Value>> {
        Some(Err(self.unsupported(vm)))
    }
    fn setattr(&self, vm: &Vm, _name: Sym, _value: Value) -> Option<PyResult<()>> {
        Some(Err(self.unsupported(vm)))
    }
    fn eq(&self, vm: &Vm, _other: &Value) -> Option<PyResult<bool>> {
        Some(Err(self.unsupported(vm)))
    }
    fn hash(&self, vm: &Vm) -> Option<PyResult<i64>> {
        Some(Err(self.unsupported(vm)))
    }
    fn truthy(&self, vm: &Vm) -> Option<PyResult<bool>> {
        Some(Err(self.unsupported(vm)))
    }
    fn call(&self, vm: &Vm, _this: &Value, _args: Args) -> Option<PyResult<Value>> {
        Some(Err(self.unsupported(vm)))
    }
}
