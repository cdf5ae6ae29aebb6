//! `functools`.

use std::any::Any;
use std::rc::Rc;

use crate::builtins::new_module;
use crate::eval::{Args, PyResult, Vm};
use crate::value::{NativeObject, Type, Value};

/// `functools.partial(func, *args, **kwargs)`.
pub struct Partial {
    pub func: Value,
    pub args: Vec<Value>,
    pub kwargs: Vec<(crate::intern::Sym, Value)>,
}

impl NativeObject for Partial {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type("functools.partial")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn call(&self, vm: &Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        let mut all = Args::with_kw(self.args.iter().cloned(), self.kwargs.clone());
        all.pos.extend(args.pos);
        for (k, v) in args.kw {
            all.kw.retain(|(n, _)| *n != k);
            all.kw.push((k, v));
        }
        Some(crate::eval::call::call(vm, &self.func, all))
    }
}

/// Creates the `functools` module.
pub fn module(_vm: &Vm) -> Value {
    Value::Module(new_module("functools"))
}
