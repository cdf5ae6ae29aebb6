//! [`DictTable`]: an insertion-ordered hash table with CPython 3.11's dict
//! semantics.
//!
//! Like CPython's compact dict, entries live in an array in insertion
//! order; a deletion leaves a hole, so the remaining entries keep their
//! order and positions; a key inserted again goes to the end; replacing the
//! value of an existing key keeps the original key object and position.
//! The array is compacted when CPython would resize its table: when a new
//! key is inserted and no usable entry is left (the capacity follows
//! CPython's `dk_usable` accounting). Positions therefore match CPython's,
//! which matters for iterators that resume at a position after the dict
//! was mutated.
//!
//! Key equality is decided by the caller, as for
//! [`SetTable`](super::SetTable): `eq(stored, probe)`.

use hashbrown::HashTable;

use super::set_table::KeyEq;

/// `log2` of the smallest non-empty table (`PyDict_LOG_MINSIZE`).
const LOG_MINSIZE: u32 = 3;

/// Largest table `dict` presizing asks for (`log2_max_presize`).
const LOG_MAX_PRESIZE: u32 = 17;

/// One live entry.
#[derive(Clone, Debug)]
struct Entry<K, V> {
    hash: i64,
    key: K,
    value: V,
}

/// An insertion-ordered dict table (see the module documentation).
#[derive(Debug)]
pub struct DictTable<K, V> {
    /// Entries in insertion order; `None` marks a deleted entry.
    entries: Vec<Option<Entry<K, V>>>,
    /// Positions of the live entries, keyed by their (mixed) hash.
    index: HashTable<usize>,
    /// Live entries.
    used: usize,
    /// New entries that fit before the next resize (`dk_usable`).
    usable: usize,
    /// `log2` of CPython's table size; 0 for the shared empty table of a
    /// new or cleared dict.
    log2_size: u32,
    /// Bumped by every mutation.
    version: u64,
}

/// CPython's `USABLE_FRACTION`: how many entries a table of `size` holds.
fn usable_fraction(size: usize) -> usize {
    (size << 1) / 3
}

/// CPython 3.11's `calculate_log2_keysize` on 64-bit Linux, quirk
/// included: meant as the smallest `log2 >= 3` with `2^log2 >= minsize`,
/// it computes `bit_length(((minsize | 8) - 1) | 7)`, which gives 16 slots
/// for any `minsize` from 1 to 7 and twice the expected size when
/// `minsize` is a power of two >= 16.
fn log2_keysize(minsize: usize) -> u32 {
    let min = 1usize << LOG_MINSIZE;
    let m = ((minsize | min) - 1) | (min - 1);
    usize::BITS - m.leading_zeros()
}

/// Spreads a Python hash over all 64 bits for the index (`fmix64`).
fn mix(hash: i64) -> u64 {
    let mut k = hash as u64;
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// The index hash of the live entry at `pos`.
fn hash_at<K, V>(entries: &[Option<Entry<K, V>>], pos: usize) -> u64 {
    match entries.get(pos) {
        Some(Some(e)) => mix(e.hash),
        _ => 0,
    }
}

impl<K, V> Default for DictTable<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K, V> DictTable<K, V> {
    /// An empty dict (`{}`, `dict()`), with no table yet.
    pub fn new() -> Self {
        DictTable {
            entries: Vec::new(),
            index: HashTable::new(),
            used: 0,
            usable: 0,
            log2_size: 0,
            version: 0,
        }
    }

    /// An empty dict sized for `n` entries as CPython's
    /// `_PyDict_NewPresized` does (used by dict displays `{k: v, ...}` with
    /// `n` items): up to 5 entries it is a plain empty dict.
    pub fn with_capacity(n: usize) -> Self {
        let mut dict = Self::new();
        if n > usable_fraction(1 << LOG_MINSIZE) {
            let log2 = if n > usable_fraction(1 << LOG_MAX_PRESIZE) {
                LOG_MAX_PRESIZE
            } else {
                estimate_log2_keysize(n)
            };
            dict.resize(log2);
        }
        dict
    }

    /// Number of live entries (`len(d)`).
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the dict is empty.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// A counter bumped by every mutation (insertion, value replacement,
    /// removal, clear).
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Number of entry positions in use, live or deleted (`dk_nentries`):
    /// iteration positions run from 0 to this.
    pub fn positions(&self) -> usize {
        self.entries.len()
    }

    /// The position of the entry whose key equals `key`, if any.
    pub fn find<E>(
        &self,
        hash: i64,
        key: &K,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Option<usize>, E> {
        for &pos in self.index.iter_hash(mix(hash)) {
            if let Some(Some(entry)) = self.entries.get(pos)
                && entry.hash == hash
                && eq(&entry.key, key)?
            {
                return Ok(Some(pos));
            }
        }
        Ok(None)
    }

    /// The value for `key` (`d[key]`, `d.get(key)`).
    pub fn get<E>(&self, hash: i64, key: &K, eq: &mut KeyEq<'_, K, E>) -> Result<Option<&V>, E> {
        Ok(self
            .find(hash, key, eq)?
            .and_then(|pos| self.entry_at(pos))
            .map(|(_, v)| v))
    }

    /// `key in d`.
    pub fn contains_key<E>(&self, hash: i64, key: &K, eq: &mut KeyEq<'_, K, E>) -> Result<bool, E> {
        Ok(self.find(hash, key, eq)?.is_some())
    }

    /// `d[key] = value`. If an equal key is present, its value is replaced
    /// (the stored key and its position are kept, `key` is dropped) and the
    /// old value returned; otherwise the entry is appended at the end.
    pub fn insert<E>(
        &mut self,
        hash: i64,
        key: K,
        value: V,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Option<V>, E> {
        if let Some(pos) = self.find(hash, &key, eq)?
            && let Some(Some(entry)) = self.entries.get_mut(pos)
        {
            self.version += 1;
            return Ok(Some(std::mem::replace(&mut entry.value, value)));
        }
        self.push_new(hash, key, value);
        Ok(None)
    }

    /// Appends an entry whose key is known to be absent, compacting first
    /// when no usable entry is left (CPython's `insertion_resize`).
    pub fn push_new(&mut self, hash: i64, key: K, value: V) {
        if self.usable == 0 {
            let log2 = if self.log2_size == 0 {
                LOG_MINSIZE
            } else {
                log2_keysize(self.used * 3)
            };
            self.resize(log2);
        }
        let pos = self.entries.len();
        self.entries.push(Some(Entry { hash, key, value }));
        let entries = &self.entries;
        self.index
            .insert_unique(mix(hash), pos, |&p| hash_at(entries, p));
        self.usable = self.usable.saturating_sub(1);
        self.used += 1;
        self.version += 1;
    }

    /// Rebuilds CPython's table with `2^log2` slots (`dictresize`): the
    /// holes are dropped and the usable count is recomputed.
    fn resize(&mut self, log2: u32) {
        let capacity = usable_fraction(1 << log2);
        let old = std::mem::take(&mut self.entries);
        self.entries = Vec::with_capacity(capacity);
        self.entries.extend(old.into_iter().flatten().map(Some));
        self.rebuild_index();
        self.log2_size = log2;
        self.usable = capacity.saturating_sub(self.used);
    }

    /// The up-front resize of `d.update(other)` / `{**other}` when `other`
    /// is a dict with `incoming` entries (CPython's `dict_merge`): if the
    /// table's usable size is smaller than `incoming`, rebuild it for
    /// `len(d) + incoming` entries. Then insert the entries one by one.
    pub fn presize_for_merge(&mut self, incoming: usize) {
        let size: usize = 1 << self.log2_size;
        let current = if self.log2_size == 0 {
            0
        } else {
            usable_fraction(size)
        };
        if current < incoming {
            self.resize(estimate_log2_keysize(self.used + incoming));
        }
    }

    /// Rebuilds the hash index from the entry array.
    fn rebuild_index(&mut self) {
        self.index.clear();
        let entries = &self.entries;
        for (pos, entry) in entries.iter().enumerate() {
            if let Some(e) = entry {
                self.index
                    .insert_unique(mix(e.hash), pos, |&p| hash_at(entries, p));
            }
        }
    }

    /// `del d[key]` / `d.pop(key)`: removes the entry equal to `key`,
    /// leaving a hole at its position, and returns its key and value.
    pub fn remove<E>(
        &mut self,
        hash: i64,
        key: &K,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Option<(K, V)>, E> {
        Ok(match self.find(hash, key, eq)? {
            Some(pos) => self.remove_at(pos),
            None => None,
        })
    }

    /// Removes the live entry at `pos`, leaving a hole.
    pub fn remove_at(&mut self, pos: usize) -> Option<(K, V)> {
        let entry = self.entries.get_mut(pos)?.take()?;
        if let Ok(found) = self.index.find_entry(mix(entry.hash), |&p| p == pos) {
            found.remove();
        }
        self.used -= 1;
        self.version += 1;
        Some((entry.key, entry.value))
    }

    /// `d.popitem()`: removes and returns the last entry in order (`None`
    /// if empty; the caller raises `KeyError`). As in CPython, the
    /// positions after it are released but the usable count is not
    /// restored.
    pub fn popitem(&mut self) -> Option<(K, V)> {
        let pos = self.entries.iter().rposition(Option::is_some)?;
        let item = self.remove_at(pos);
        self.entries.truncate(pos);
        item
    }

    /// `d.clear()`: back to an empty dict with no table.
    pub fn clear(&mut self) {
        self.entries = Vec::new();
        self.index = HashTable::new();
        self.used = 0;
        self.usable = 0;
        self.log2_size = 0;
        self.version += 1;
    }

    /// The key and value at position `pos`, if that entry is live.
    pub fn entry_at(&self, pos: usize) -> Option<(&K, &V)> {
        match self.entries.get(pos) {
            Some(Some(e)) => Some((&e.key, &e.value)),
            _ => None,
        }
    }

    /// Mutable access to the value at position `pos`. Changing a value in
    /// place does not count as a mutation for [`version`](Self::version).
    pub fn value_at_mut(&mut self, pos: usize) -> Option<&mut V> {
        match self.entries.get_mut(pos) {
            Some(Some(e)) => Some(&mut e.value),
            _ => None,
        }
    }

    /// One step of a dict iterator: the first live entry at position `pos`
    /// or later, with the position to resume from. CPython's dict
    /// iterators keep such a position, raise `RuntimeError('dictionary
    /// changed size during iteration')` when [`len`](Self::len) differs
    /// from the length seen at the start, and `'dictionary keys changed
    /// during iteration'` when they find more entries than that length.
    pub fn next_from(&self, pos: usize) -> Option<(usize, &K, &V)> {
        let rest = self.entries.get(pos..)?;
        rest.iter()
            .enumerate()
            .find_map(|(i, entry)| entry.as_ref().map(|e| (pos + i + 1, &e.key, &e.value)))
    }

    /// The entries in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&K, &V)> + '_ {
        self.iter_hashed().map(|(_, k, v)| (k, v))
    }

    /// The entries in order, with the hashes of their keys.
    pub fn iter_hashed(&self) -> impl DoubleEndedIterator<Item = (i64, &K, &V)> + '_ {
        self.entries
            .iter()
            .flatten()
            .map(|e| (e.hash, &e.key, &e.value))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &K> + '_ {
        self.iter().map(|(k, _)| k)
    }

    /// The values in order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + '_ {
        self.iter().map(|(_, v)| v)
    }

    /// `d.copy()`: the same entries in the same order. As in CPython, a
    /// dict with at most a third of its positions deleted is cloned as is
    /// (holes included); otherwise the live entries are re-inserted into a
    /// table presized for them.
    pub fn copy(&self) -> Self
    where
        K: Clone,
        V: Clone,
    {
        if self.used == 0 {
            return Self::new();
        }
        if self.used >= self.entries.len() * 2 / 3 {
            return DictTable {
                entries: self.entries.clone(),
                index: self.index.clone(),
                used: self.used,
                usable: self.usable,
                log2_size: self.log2_size,
                version: 0,
            };
        }
        let mut copy = Self::new();
        copy.presize_for_merge(self.used);
        for (hash, key, value) in self.iter_hashed() {
            copy.push_new(hash, key.clone(), value.clone());
        }
        copy
    }
}

/// CPython's `estimate_log2_keysize`: a table size for `n` entries.
fn estimate_log2_keysize(n: usize) -> u32 {
    log2_keysize(n.saturating_mul(3).saturating_add(1) / 2)
}
