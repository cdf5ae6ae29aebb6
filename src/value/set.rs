//! `set` and `frozenset`: a [`SetTable`] (CPython's slot layout, so
//! iteration and printing order match) of values.

use std::cell::{Ref, RefCell, RefMut};

use super::Value;
use super::dict::key_eq;
use crate::eval::protocol::hash_value;
use crate::eval::{Exc, PyResult, Vm};
use crate::hashing::SetTable;

/// The table type behind every set.
pub type Table = SetTable<Value>;

/// A Python `set` (or `frozenset` when `frozen`).
pub struct PySet {
    pub table: RefCell<Table>,
    pub frozen: bool,
}

fn busy(vm: &Vm) -> Exc {
    vm.runtime_error("set accessed while one of its elements was being compared")
}

impl PySet {
    pub fn new(frozen: bool) -> PySet {
        PySet {
            table: RefCell::new(Table::new()),
            frozen,
        }
    }

    pub fn from_table(table: Table, frozen: bool) -> PySet {
        PySet {
            table: RefCell::new(table),
            frozen,
        }
    }

    pub fn read(&self, vm: &Vm) -> PyResult<Ref<'_, Table>> {
        self.table.try_borrow().map_err(|_| busy(vm))
    }

    pub fn write(&self, vm: &Vm) -> PyResult<RefMut<'_, Table>> {
        self.table.try_borrow_mut().map_err(|_| busy(vm))
    }

    pub fn len(&self) -> usize {
        self.table.try_borrow().map(|t| t.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn add(&self, vm: &Vm, item: Value) -> PyResult<()> {
        let hash = hash_value(vm, &item)?;
        self.write(vm)?.insert(hash, item, &mut key_eq(vm))?;
        Ok(())
    }

    pub fn contains(&self, vm: &Vm, item: &Value) -> PyResult<bool> {
        let hash = hash_value(vm, item)?;
        self.read(vm)?.contains(hash, item, &mut key_eq(vm))
    }

    /// Removes `item`; false if it was absent.
    pub fn discard(&self, vm: &Vm, item: &Value) -> PyResult<bool> {
        let hash = hash_value(vm, item)?;
        Ok(self
            .write(vm)?
            .remove(hash, item, &mut key_eq(vm))?
            .is_some())
    }

    pub fn pop(&self) -> Option<Value> {
        self.table.try_borrow_mut().ok()?.pop()
    }

    pub fn clear(&self) {
        if let Ok(mut t) = self.table.try_borrow_mut() {
            t.clear();
        }
    }

    /// The elements in iteration order.
    pub fn items(&self) -> Vec<Value> {
        self.table
            .try_borrow()
            .map(|t| t.iter().cloned().collect())
            .unwrap_or_default()
    }

    /// The element at slot `pos` or later, with the slot to resume from.
    pub fn next_from(&self, pos: usize) -> Option<(usize, Value)> {
        let t = self.table.try_borrow().ok()?;
        t.next_from(pos).map(|(p, k)| (p, k.clone()))
    }
}
