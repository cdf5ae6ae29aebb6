//! Traceback and frame objects, opaque. CPython hands them out through
//! `e.__traceback__`, `sys.exc_info()`, the third argument of `__exit__`
//! and `generator.gi_frame`; through them a program reaches every frame's
//! globals and builtins. apy gives out objects that are there (`tb is
//! None` and `with_traceback(tb)` behave as in CPython) but show nothing:
//! their attributes (`tb_frame`, `f_globals`, `f_back`, ...) are names
//! CPython has and apy lacks, so they stop with `apy::unsupported`
//! ([`super::missing`]), and so does a frame's repr (CPython's names the
//! file and line).

use std::any::Any;
use std::rc::Rc;

use crate::eval::{Exc, PyResult, Vm};
use crate::value::object::{ExcData, TracebackEntry};
use crate::value::{NativeObject, Type, Value};

/// A traceback object: the entries of the exception it came from, so that
/// `with_traceback(tb)` can give them to another exception.
pub struct Traceback {
    entries: Vec<TracebackEntry>,
}

impl NativeObject for Traceback {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type("traceback")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `e.__traceback__`: `None` until `e` has been raised.
pub fn traceback_of(e: &Exc) -> Value {
    match e.0.exc() {
        Some(d) => traceback_value(&d.borrow()),
        None => Value::None,
    }
}

/// The traceback object of an exception with this data: `None` if it
/// has not been raised (no traceback entry, no position in the frame it
/// is passing through).
pub fn traceback_value(d: &ExcData) -> Value {
    let entries = &d.traceback;
    if entries.is_empty() && !d.raised {
        return Value::None;
    }
    let mut cache = d.tb_object.borrow_mut();
    if let Some((n, tb)) = &*cache
        && *n == entries.len()
    {
        return tb.clone();
    }
    let tb = Value::native(Traceback {
        entries: entries.to_vec(),
    });
    *cache = Some((entries.len(), tb.clone()));
    tb
}

/// Gives `d` the traceback `tb` (`None` or a traceback object), as
/// `e.__traceback__ = tb` and `e.with_traceback(tb)` do.
pub fn set_traceback(vm: &Vm, d: &mut ExcData, tb: &Value) -> PyResult<()> {
    d.traceback = entries_of(vm, tb)?;
    d.raised = !tb.is_none();
    *d.tb_object.borrow_mut() = (!tb.is_none()).then(|| (d.traceback.len(), tb.clone()));
    Ok(())
}

/// The entries `e.__traceback__ = tb` (or `e.with_traceback(tb)`) gives
/// `e`: none for `None`, those of a traceback object; else CPython's
/// `TypeError`.
pub fn entries_of(vm: &Vm, tb: &Value) -> PyResult<Vec<TracebackEntry>> {
    if tb.is_none() {
        return Ok(Vec::new());
    }
    match tb.downcast::<Traceback>() {
        Some(t) => Ok(t.entries.clone()),
        None => Err(vm.type_error("__traceback__ must be a traceback or None")),
    }
}

/// A frame object (`gi_frame` of a generator that has not finished).
pub struct FrameObj;

impl NativeObject for FrameObj {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type("frame")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        Some(Err(vm.unsupported("the repr of a frame object")))
    }
}
