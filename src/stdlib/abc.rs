//! `abc`: `ABC`, `ABCMeta` and `abstractmethod` (abstract methods are
//! recorded but instantiation is not checked yet), plus the virtual
//! subclass hooks `isinstance` consults.

use std::rc::Rc;

use crate::builtins::{add_module_fn, new_module};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::Sym;
use crate::value::object::Layout;
use crate::value::{Type, Value};

/// Is `obj` an instance of `cls` through a registered virtual subclass?
pub fn virtual_instance(_vm: &Vm, _obj: &Value, _cls: &Rc<Type>) -> bool {
    false
}

/// Is `sub` a virtual subclass of `cls`?
pub fn virtual_subclass(_vm: &Vm, _sub: &Rc<Type>, _cls: &Rc<Type>) -> bool {
    false
}

/// Creates the `abc` module.
pub fn module(vm: &Vm) -> Value {
    let m = new_module("abc");
    let abc = crate::builtins::types::make_in("abc", "ABC", vec![vm.types.object.clone()], Layout::Object);
    let meta = crate::builtins::types::make_in("abc", "ABCMeta", vec![vm.types.type_.clone()], Layout::Builtin);
    m.dict.borrow_mut().insert(Sym::new("ABC"), Value::Type(abc));
    m.dict.borrow_mut().insert(Sym::new("ABCMeta"), Value::Type(meta));
    add_module_fn(&m, "abc", "abstractmethod", abstractmethod);
    Value::Module(m)
}

fn abstractmethod(vm: &Vm, args: Args) -> PyResult<Value> {
    let f = args.pos.first().cloned().unwrap_or(Value::None);
    let _ = crate::eval::attr::setattr(vm, &f, Sym::new("__isabstractmethod__"), Value::Bool(true));
    Ok(f)
}
