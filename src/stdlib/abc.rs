//! `abc`: `ABC`, `ABCMeta` and `abstractmethod`, and the registry of
//! virtual subclasses that `isinstance`/`issubclass` consult (`register`,
//! and named tuples, which count as `tuple`s).

use std::cell::RefCell;
use std::rc::Rc;

use crate::builtins::{add_module_fn, new_module};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::Sym;
use crate::value::object::Layout;
use crate::value::{Type, Value};

thread_local! {
    /// (class, registered virtual subclass) pairs.
    static REGISTRY: RefCell<Vec<(Rc<Type>, Rc<Type>)>> = const { RefCell::new(Vec::new()) };
}

/// Registers `sub` as a virtual subclass of `cls`.
pub fn register(cls: &Rc<Type>, sub: &Rc<Type>) {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        if !r.iter().any(|(c, s)| Rc::ptr_eq(c, cls) && Rc::ptr_eq(s, sub)) {
            r.push((cls.clone(), sub.clone()));
        }
    });
}

/// Is `obj` an instance of `cls` through a registered virtual subclass?
pub fn virtual_instance(vm: &Vm, obj: &Value, cls: &Rc<Type>) -> bool {
    virtual_subclass(vm, &vm.type_of(obj), cls)
}

/// Is `sub` a virtual subclass of `cls` (or of a subclass of `cls`)?
pub fn virtual_subclass(_vm: &Vm, sub: &Rc<Type>, cls: &Rc<Type>) -> bool {
    REGISTRY.with(|r| {
        r.borrow()
            .iter()
            .any(|(c, s)| c.is_subtype(cls) && sub.is_subtype(s))
    })
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
