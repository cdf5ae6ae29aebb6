//! The standard-library modules apy provides, implemented in Rust (a file
//! per module). Scripts can import only these.

use std::rc::Rc;

use crate::builtins::awaitables::{AwaitPlan, FutureOps};
use crate::eval::{PyResult, Vm};
use crate::value::{NativeObject, Value};

pub mod abc;
pub mod collections;
pub mod functools;
pub mod math;

/// Creates module `name`, or `None` if apy has no such module.
pub fn create_module(vm: &Vm, name: &str) -> PyResult<Option<Value>> {
    Ok(match name {
        "collections" => Some(collections::module(vm)),
        "functools" => Some(functools::module(vm)),
        "abc" => Some(abc::module(vm)),
        "math" => Some(math::module(vm)),
        _ => None,
    })
}

/// Creates a module from Python source embedded in apy (`src/stdlib/py/`):
/// the source runs in a fresh namespace, whose names become the module's
/// attributes.
pub fn py_module(vm: &Vm, name: &str, source: &str) -> PyResult<Value> {
    let globals = Rc::new(crate::eval::Globals::default());
    globals.set(crate::intern::known::__name__, Value::str(name));
    let file = vm.add_source(&format!("<frozen {name}>"), Rc::from(source));
    let (module, _) = crate::run::compile(source, &globals, Default::default()).map_err(|e| {
        vm.new_exc(
            crate::eval::ExcKind::SystemError,
            format!("apy's built-in module {name} does not compile: {e:?}"),
        )
    })?;
    // Functions keep their own definitions alive (`Rc<FunctionDef>`).
    let mut frame = crate::eval::Frame::module(globals.clone(), file);
    match crate::eval::stmt::exec_block(vm, &mut frame, &module.body) {
        Ok(()) => {}
        Err(crate::eval::Flow::Exc(e)) => return Err(e),
        Err(_) => {}
    }
    let m = crate::builtins::new_module(name);
    {
        let slots = globals.slots.borrow();
        let mut dict = m.dict.borrow_mut();
        for (i, n) in globals.names.borrow().iter().enumerate() {
            if let Some(v) = slots.get(i) {
                if !matches!(v, Value::Unbound) {
                    dict.insert(*n, v.clone());
                }
            }
        }
    }
    Ok(Value::Module(m))
}

/// The asyncio future operations, once asyncio is implemented.
pub fn asyncio_future_ops() -> Option<FutureOps> {
    None
}

/// The await plan of asyncio's native awaitables.
pub fn native_await(_vm: &Vm, _n: &Rc<dyn NativeObject>) -> Option<PyResult<AwaitPlan>> {
    None
}
