//! The standard-library modules apy provides, implemented in Rust (a file
//! per module). Scripts can import only these.

use std::rc::Rc;

use crate::builtins::awaitables::{AwaitPlan, FutureOps};
use crate::eval::{PyResult, Vm};
use crate::value::{NativeObject, Value};

pub mod abc;
pub mod collections;
pub mod functools;

/// Creates module `name`, or `None` if apy has no such module.
pub fn create_module(vm: &Vm, name: &str) -> PyResult<Option<Value>> {
    Ok(match name {
        "collections" => Some(collections::module(vm)),
        "functools" => Some(functools::module(vm)),
        "abc" => Some(abc::module(vm)),
        _ => None,
    })
}

/// The asyncio future operations, once asyncio is implemented.
pub fn asyncio_future_ops() -> Option<FutureOps> {
    None
}

/// The await plan of asyncio's native awaitables.
pub fn native_await(_vm: &Vm, _n: &Rc<dyn NativeObject>) -> Option<PyResult<AwaitPlan>> {
    None
}
