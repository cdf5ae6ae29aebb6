//! `set` and `frozenset`.

use super::{PyDict, Value};
use crate::eval::{PyResult, Vm};

/// A Python `set` (or `frozenset` when `frozen`).
pub struct PySet {
    // Interim storage until the CPython-order set table lands: iteration is
    // insertion-ordered here.
    table: PyDict,
    pub frozen: bool,
}

impl PySet {
    pub fn new(frozen: bool) -> PySet {
        PySet {
            table: PyDict::new(),
            frozen,
        }
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn add(&self, vm: &Vm, item: Value) -> PyResult<()> {
        self.table.set(vm, item, Value::None)
    }

    pub fn contains(&self, vm: &Vm, item: &Value) -> PyResult<bool> {
        self.table.contains(vm, item)
    }

    /// Removes `item`; false if it was absent.
    pub fn discard(&self, vm: &Vm, item: &Value) -> PyResult<bool> {
        Ok(self.table.remove(vm, item)?.is_some())
    }

    pub fn pop(&self) -> Option<Value> {
        self.table.pop_first().map(|(k, _)| k)
    }

    pub fn clear(&self) {
        self.table.clear()
    }

    /// The elements in iteration order.
    pub fn items(&self) -> Vec<Value> {
        self.table.keys()
    }

    pub fn version(&self) -> u64 {
        self.table.version.get()
    }
}
