//! The `dict`: insertion-ordered entries with a hash index, like CPython's
//! compact dict. Key equality may run Python code (`__eq__`), so lookups
//! never hold a borrow of the table while calling back into the evaluator.

use std::cell::{Cell, RefCell};

use hashbrown::HashTable;

use super::Value;
use crate::eval::protocol::{fast_eq, hash_value, values_equal};
use crate::eval::{PyResult, Vm};

/// An entry: the key's hash, the key and the value.
#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Default, Clone)]
pub struct DictTable {
    /// Entries in insertion order; `None` marks a deleted entry.
    pub entries: Vec<Option<Entry>>,
    index: HashTable<usize>,
    len: usize,
}

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
    pub table: RefCell<DictTable>,
    /// Bumped on every insertion of a new key or deletion, to detect a
    /// change of size during iteration.
    pub version: Cell<u64>,
    pub flavor: RefCell<DictFlavor>,
}

impl DictTable {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Live entries in order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().flatten()
    }

    fn find_fast(&self, hash: i64, key: &Value) -> (Option<usize>, Vec<usize>) {
        let mut slow = Vec::new();
        for &idx in self.index.iter_hash(hash as u64) {
            if let Some(e) = &self.entries[idx] {
                if e.hash != hash {
                    continue;
                }
                match fast_eq(&e.key, key) {
                    Some(true) => return (Some(idx), Vec::new()),
                    Some(false) => {}
                    None => slow.push(idx),
                }
            }
        }
        (None, slow)
    }

    fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        let idx = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index.insert_unique(hash as u64, idx, |&i| {
            entries[i].as_ref().map(|e| e.hash as u64).unwrap_or(0)
        });
        self.len += 1;
    }

    fn remove_at(&mut self, idx: usize) -> Option<Entry> {
        let hash = self.entries[idx].as_ref()?.hash;
        if let Ok(entry) = self.index.find_entry(hash as u64, |&i| i == idx) {
            entry.remove();
        }
        let e = self.entries[idx].take();
        self.len -= 1;
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        e
    }

    fn compact(&mut self) {
        let entries: Vec<Option<Entry>> = self.entries.drain(..).filter(|e| e.is_some()).collect();
        self.index.clear();
        self.len = 0;
        for e in entries.into_iter().flatten() {
            self.insert_new(e.hash, e.key, e.value);
        }
    }
}

impl PyDict {
    pub fn new() -> PyDict {
        PyDict::default()
    }

    pub fn len(&self) -> usize {
        self.table.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Index of the entry for `key` (hash given).
    fn find(&self, vm: &Vm, hash: i64, key: &Value) -> PyResult<Option<usize>> {
        let (found, slow) = self.table.borrow().find_fast(hash, key);
        if found.is_some() {
            return Ok(found);
        }
        for idx in slow {
            let candidate = match &self.table.borrow().entries.get(idx) {
                Some(Some(e)) => e.key.clone(),
                _ => continue,
            };
            if values_equal(vm, &candidate, key)? {
                // The table may have changed while `__eq__` ran.
                if let Some(Some(e)) = self.table.borrow().entries.get(idx) {
                    if e.key.is(&candidate) {
                        return Ok(Some(idx));
                    }
                }
            }
        }
        Ok(None)
    }

    pub fn get(&self, vm: &Vm, key: &Value) -> PyResult<Option<Value>> {
        let hash = hash_value(vm, key)?;
        self.get_hashed(vm, hash, key)
    }

    pub fn get_hashed(&self, vm: &Vm, hash: i64, key: &Value) -> PyResult<Option<Value>> {
        Ok(match self.find(vm, hash, key)? {
            Some(idx) => self.table.borrow().entries[idx]
                .as_ref()
                .map(|e| e.value.clone()),
            None => None,
        })
    }

    pub fn contains(&self, vm: &Vm, key: &Value) -> PyResult<bool> {
        let hash = hash_value(vm, key)?;
        Ok(self.find(vm, hash, key)?.is_some())
    }

    /// `d[key] = value`: replaces the value in place (keeping the original
    /// key object and position) or appends a new entry.
    pub fn set(&self, vm: &Vm, key: Value, value: Value) -> PyResult<()> {
        let hash = hash_value(vm, &key)?;
        self.set_hashed(vm, hash, key, value)
    }

    pub fn set_hashed(&self, vm: &Vm, hash: i64, key: Value, value: Value) -> PyResult<()> {
        match self.find(vm, hash, &key)? {
            Some(idx) => {
                if let Some(e) = self.table.borrow_mut().entries[idx].as_mut() {
                    e.value = value;
                }
            }
            None => {
                self.table.borrow_mut().insert_new(hash, key, value);
                self.version.set(self.version.get() + 1);
            }
        }
        Ok(())
    }

    /// Sets a string key (no `__eq__` can run).
    pub fn set_str(&self, vm: &Vm, key: &str, value: Value) {
        // Strings hash and compare without Python code: this cannot fail.
        let _ = self.set(vm, Value::str(key), value);
    }

    /// Removes `key`, returning its value.
    pub fn remove(&self, vm: &Vm, key: &Value) -> PyResult<Option<Value>> {
        let hash = hash_value(vm, key)?;
        match self.find(vm, hash, key)? {
            Some(idx) => {
                let e = self.table.borrow_mut().remove_at(idx);
                self.version.set(self.version.get() + 1);
                Ok(e.map(|e| e.value))
            }
            None => Ok(None),
        }
    }

    /// Removes and returns the last entry (`popitem`).
    pub fn pop_last(&self) -> Option<(Value, Value)> {
        let mut t = self.table.borrow_mut();
        let idx = t.entries.iter().rposition(|e| e.is_some())?;
        let e = t.remove_at(idx)?;
        drop(t);
        self.version.set(self.version.get() + 1);
        Some((e.key, e.value))
    }

    /// Removes and returns the first entry (`OrderedDict.popitem(last=False)`).
    pub fn pop_first(&self) -> Option<(Value, Value)> {
        let mut t = self.table.borrow_mut();
        let idx = t.entries.iter().position(|e| e.is_some())?;
        let e = t.remove_at(idx)?;
        drop(t);
        self.version.set(self.version.get() + 1);
        Some((e.key, e.value))
    }

    pub fn clear(&self) {
        *self.table.borrow_mut() = DictTable::default();
        self.version.set(self.version.get() + 1);
    }

    /// A snapshot of the keys.
    pub fn keys(&self) -> Vec<Value> {
        self.table.borrow().iter().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.table.borrow().iter().map(|e| e.value.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.table
            .borrow()
            .iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    }

    /// The entry at raw position `pos` or later: (next position, key, value).
    /// Used by iterators, which walk positions and check `version`.
    pub fn entry_from(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let t = self.table.borrow();
        let mut p = pos;
        while p < t.entries.len() {
            if let Some(e) = &t.entries[p] {
                return Some((p + 1, e.key.clone(), e.value.clone()));
            }
            p += 1;
        }
        None
    }

    /// A shallow copy with the same flavor.
    pub fn copy(&self) -> PyDict {
        PyDict {
            table: RefCell::new(self.table.borrow().clone()),
            version: Cell::new(0),
            flavor: RefCell::new(self.flavor.borrow().clone()),
        }
    }

    /// Moves `key` to the end (`OrderedDict.move_to_end`).
    pub fn move_to_end(&self, vm: &Vm, key: &Value, last: bool) -> PyResult<bool> {
        let hash = hash_value(vm, key)?;
        let Some(idx) = self.find(vm, hash, key)? else {
            return Ok(false);
        };
        let mut t = self.table.borrow_mut();
        if let Some(e) = t.remove_at(idx) {
            if last {
                t.insert_new(e.hash, e.key, e.value);
            } else {
                let mut rest: Vec<Entry> = t.entries.drain(..).flatten().collect();
                rest.insert(0, e);
                *t = DictTable::default();
                for e in rest {
                    t.insert_new(e.hash, e.key, e.value);
                }
            }
        }
        Ok(true)
    }
}
