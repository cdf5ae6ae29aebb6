//! The `dict`: a [`DictTable`] (CPython's compact dict layout) of values.
//!
//! Key equality may run Python code (`__eq__`); if that code touches the
//! same dict while it is being searched, the access fails with a
//! `RuntimeError` instead of a borrow panic.

use std::cell::{Ref, RefCell, RefMut};

use super::Value;
use crate::eval::protocol::{fast_eq, hash_value, values_equal};
use crate::eval::{Exc, PyResult, Vm};
use crate::hashing::DictTable;

/// The table type behind every dict.
pub type Table = DictTable<Value, Value>;

/// What kind of mapping a [`PyDict`] is: `dict` or one of the
/// `collections` subclasses that share its storage.
#[derive(Clone, Default)]
pub enum DictFlavor {
    #[default]
    Plain,
    /// `collections.defaultdict(factory)`.
    DefaultDict(Value),
    /// `collections.Counter`.
    Counter,
    /// `collections.OrderedDict`.
    OrderedDict,
}

/// A Python `dict`.
#[derive(Default)]
pub struct PyDict {
    pub table: RefCell<Table>,
    pub flavor: RefCell<DictFlavor>,
}

/// Key comparison for the tables: identity and builtin equality without
/// Python code, `__eq__` otherwise.
pub fn key_eq(vm: &Vm) -> impl FnMut(&Value, &Value) -> PyResult<bool> + '_ {
    move |stored, probe| match fast_eq(stored, probe) {
        Some(r) => Ok(r),
        None => values_equal(vm, stored, probe),
    }
}

fn busy(vm: &Vm) -> Exc {
    vm.runtime_error("dictionary accessed while one of its keys was being compared")
}

impl PyDict {
    pub fn new() -> PyDict {
        PyDict::default()
    }

    pub fn from_table(table: Table) -> PyDict {
        PyDict {
            table: RefCell::new(table),
            flavor: RefCell::new(DictFlavor::Plain),
        }
    }

    fn read(&self, vm: &Vm) -> PyResult<Ref<'_, Table>> {
        self.table.try_borrow().map_err(|_| busy(vm))
    }

    fn write(&self, vm: &Vm) -> PyResult<RefMut<'_, Table>> {
        self.table.try_borrow_mut().map_err(|_| busy(vm))
    }

    pub fn len(&self) -> usize {
        self.table.try_borrow().map(|t| t.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, vm: &Vm, key: &Value) -> PyResult<Option<Value>> {
        let hash = hash_value(vm, key)?;
        self.get_hashed(vm, hash, key)
    }

    pub fn get_hashed(&self, vm: &Vm, hash: i64, key: &Value) -> PyResult<Option<Value>> {
        let t = self.read(vm)?;
        Ok(t.get(hash, key, &mut key_eq(vm))?.cloned())
    }

    pub fn contains(&self, vm: &Vm, key: &Value) -> PyResult<bool> {
        let hash = hash_value(vm, key)?;
        self.read(vm)?.contains_key(hash, key, &mut key_eq(vm))
    }

    /// `d[key] = value`: replaces the value in place (keeping the original
    /// key object and position) or appends a new entry.
    pub fn set(&self, vm: &Vm, key: Value, value: Value) -> PyResult<()> {
        let hash = hash_value(vm, &key)?;
        self.set_hashed(vm, hash, key, value)
    }

    pub fn set_hashed(&self, vm: &Vm, hash: i64, key: Value, value: Value) -> PyResult<()> {
        let old = self.write(vm)?.insert(hash, key, value, &mut key_eq(vm))?;
        drop(old);
        Ok(())
    }

    /// Sets a string key (no `__eq__` can run, so this cannot fail unless
    /// the dict is busy).
    pub fn set_str(&self, vm: &Vm, key: &str, value: Value) {
        let _ = self.set(vm, Value::str(key), value);
    }

    /// Removes `key`, returning its value.
    pub fn remove(&self, vm: &Vm, key: &Value) -> PyResult<Option<Value>> {
        let hash = hash_value(vm, key)?;
        let removed = self.write(vm)?.remove(hash, key, &mut key_eq(vm))?;
        Ok(removed.map(|(_, v)| v))
    }

    /// Removes and returns the last entry (`popitem`).
    pub fn pop_last(&self) -> Option<(Value, Value)> {
        self.table.try_borrow_mut().ok()?.popitem()
    }

    /// Removes and returns the first entry (`OrderedDict.popitem(last=False)`).
    pub fn pop_first(&self) -> Option<(Value, Value)> {
        let mut t = self.table.try_borrow_mut().ok()?;
        let (pos, _, _) = t.next_from(0)?;
        t.remove_at(pos - 1)
    }

    pub fn clear(&self) {
        let old = self
            .table
            .try_borrow_mut()
            .map(|mut t| std::mem::take(&mut *t));
        drop(old);
    }

    /// A snapshot of the keys.
    pub fn keys(&self) -> Vec<Value> {
        self.table
            .try_borrow()
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default()
    }

    pub fn values(&self) -> Vec<Value> {
        self.table
            .try_borrow()
            .map(|t| t.values().cloned().collect())
            .unwrap_or_default()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.table
            .try_borrow()
            .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }

    /// The entry at position `pos` or later: (next position, key, value).
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let t = self.table.try_borrow().ok()?;
        t.next_from(pos).map(|(p, k, v)| (p, k.clone(), v.clone()))
    }

    /// A shallow copy with the same flavor.
    pub fn copy(&self) -> PyDict {
        PyDict {
            table: RefCell::new(
                self.table
                    .try_borrow()
                    .map(|t| t.copy())
                    .unwrap_or_default(),
            ),
            flavor: RefCell::new(self.flavor.borrow().clone()),
        }
    }

    /// Moves `key` to the end, or to the front (`OrderedDict.move_to_end`).
    pub fn move_to_end(&self, vm: &Vm, key: &Value, last: bool) -> PyResult<bool> {
        let hash = hash_value(vm, key)?;
        let mut t = self.write(vm)?;
        let Some((k, v)) = t.remove(hash, key, &mut key_eq(vm))? else {
            return Ok(false);
        };
        if last {
            t.push_new(hash, k, v);
        } else {
            let rest: Vec<(i64, Value, Value)> = t
                .iter_hashed()
                .map(|(h, k, v)| (h, k.clone(), v.clone()))
                .collect();
            let mut fresh = Table::new();
            fresh.push_new(hash, k, v);
            for (h, k, v) in rest {
                fresh.push_new(h, k, v);
            }
            *t = fresh;
        }
        Ok(true)
    }
}
