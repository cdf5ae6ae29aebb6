//! [`SetTable`]: the hash table of CPython 3.11's `set` and `frozenset`,
//! slot for slot.
//!
//! A Python program sees a set's slot layout whenever it iterates or prints
//! the set, so this table reproduces `Objects/setobject.c` exactly: a table
//! of `2^k >= 8` slots; each probe inspects a run of up to
//! [`LINEAR_PROBES`]` + 1` consecutive slots before jumping with
//! `i = (5*i + 1 + perturb) & mask` (`perturb` starts as the hash and is
//! shifted right by 5 before each jump); deleted slots become *dummies*
//! that later insertions may reuse; `fill` counts active plus dummy slots,
//! `used` only active ones; after an insertion into a never-used slot the
//! table is rebuilt when `fill * 5 >= mask * 3`, with the smallest size
//! greater than `used * 4` (`used * 2` above 50000 elements), re-inserting
//! the active entries in old slot order.
//!
//! Equality of keys is decided by the caller: every operation that may
//! compare keys takes `eq(stored, probe) -> Result<bool, E>`, called as
//! CPython calls `stored == probe` (stored key on the left), and only for
//! stored keys whose hash equals the probe's hash. CPython first tests
//! identity (`stored is probe`) and treats identical keys as equal without
//! calling `__eq__`; the callback should do the same. For callbacks that
//! must run Python code while the table is not borrowed, use the
//! resumable [`Probe`] API ([`SetTable::probe`], [`SetTable::probe_step`]).

use std::mem;

/// Number of slots of an empty table (`PySet_MINSIZE`).
pub const MINSIZE: usize = 8;

/// Extra consecutive slots inspected at each probe position.
pub const LINEAR_PROBES: usize = 9;

/// Right shift applied to `perturb` before each jump.
const PERTURB_SHIFT: u32 = 5;

/// Above this many elements a growing table only doubles (instead of
/// quadrupling) its element count when choosing the new size.
const LARGE_SET: usize = 50_000;

/// The caller's key comparison: `eq(stored, probe)` is `stored == probe`.
pub type KeyEq<'a, K, E> = dyn FnMut(&K, &K) -> Result<bool, E> + 'a;

/// One slot of the table.
#[derive(Clone, Debug)]
enum Slot<K> {
    /// Never used since the table was (re)built: ends every probe chain.
    Empty,
    /// Deleted entry: keeps probe chains intact, reusable by insertion.
    Dummy,
    /// A live element with its hash.
    Active(i64, K),
}

/// A hash set laid out exactly like a CPython 3.11 set (see the module
/// documentation). Iteration goes in slot order, which is the order in
/// which CPython iterates, prints and pickles the set.
#[derive(Debug)]
pub struct SetTable<K> {
    slots: Vec<Slot<K>>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where the next `pop` starts looking (`so->finger`).
    finger: usize,
    /// Bumped by every mutation; lets stale [`Probe`]s restart.
    version: u64,
}

/// The state of a resumable lookup started by [`SetTable::probe`].
///
/// A probe remembers its position in the probe sequence and the last dummy
/// slot it passed (where an insertion would go). If the table is mutated
/// between steps, the next [`SetTable::probe_step`] restarts the lookup
/// from the beginning, as CPython restarts when a comparison mutated the
/// set.
#[derive(Clone, Debug)]
pub struct Probe {
    hash: i64,
    base: usize,
    offset: usize,
    run: usize,
    perturb: u64,
    freeslot: Option<usize>,
    version: u64,
}

impl Probe {
    /// The hash being looked up.
    pub fn hash(&self) -> i64 {
        self.hash
    }
}

/// What [`SetTable::probe_step`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeStep {
    /// The slot at this index holds a key with the probe's hash: the caller
    /// compares it (identity first, then `==`). If it is equal, the lookup
    /// is over; otherwise call `probe_step` again.
    Candidate(usize),
    /// The probe chain ended at this never-used slot: the key is absent.
    /// Insert it with [`SetTable::insert_vacant`].
    Vacant(usize),
}

/// A table of `size` empty slots.
fn empty_slots<K>(size: usize) -> Vec<Slot<K>> {
    (0..size).map(|_| Slot::Empty).collect()
}

/// Length of the linear run starting at `base` in a table with `mask`.
fn run_len(base: usize, mask: usize) -> usize {
    if base + LINEAR_PROBES <= mask {
        LINEAR_PROBES
    } else {
        0
    }
}

/// The next probe position: `(5 * base + 1 + perturb) & mask`.
fn next_base(base: usize, perturb: u64, mask: usize) -> usize {
    let i = (base as u64)
        .wrapping_mul(5)
        .wrapping_add(1)
        .wrapping_add(perturb);
    // The result is at most mask, which is a usize.
    (i & mask as u64) as usize
}

/// Puts a key known to be absent into a table without dummies
/// (`set_insert_clean`).
fn insert_clean<K>(slots: &mut [Slot<K>], hash: i64, key: K) {
    let mask = slots.len() - 1;
    let mut perturb = hash as u64;
    let mut base = (hash as u64 as usize) & mask;
    loop {
        for idx in base..=base + run_len(base, mask) {
            if let Some(slot @ Slot::Empty) = slots.get_mut(idx) {
                *slot = Slot::Active(hash, key);
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        base = next_base(base, perturb, mask);
    }
}

impl<K> Default for SetTable<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K> SetTable<K> {
    /// An empty set with the minimum table size (8 slots).
    pub fn new() -> Self {
        SetTable {
            slots: empty_slots(MINSIZE),
            fill: 0,
            used: 0,
            finger: 0,
            version: 0,
        }
    }

    /// Number of elements (`len(s)`).
    pub fn len(&self) -> usize {
        self.used
    }

    /// Whether the set has no elements.
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Number of slots of the table (`mask + 1`, a power of two >= 8).
    pub fn capacity(&self) -> usize {
        self.slots.len()
    }

    /// Active plus dummy slots (CPython's `fill`).
    pub fn fill(&self) -> usize {
        self.fill
    }

    /// A counter bumped by every mutation (insertion, removal, resize,
    /// clear, pop): lets a caller notice that the table changed.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub(crate) fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Starts a resumable lookup of `hash` (see [`ProbeStep`]).
    pub fn probe(&self, hash: i64) -> Probe {
        let mask = self.mask();
        let base = (hash as u64 as usize) & mask;
        Probe {
            hash,
            base,
            offset: 0,
            run: run_len(base, mask),
            perturb: hash as u64,
            freeslot: None,
            version: self.version,
        }
    }

    /// Advances a probe to the next slot that matters: a key with the same
    /// hash, or the never-used slot that ends the chain. Dummy slots passed
    /// on the way are remembered for insertion. A probe made stale by a
    /// mutation of the table restarts from the beginning.
    pub fn probe_step(&self, probe: &mut Probe) -> ProbeStep {
        if probe.version != self.version {
            *probe = self.probe(probe.hash);
        }
        let mask = self.mask();
        loop {
            let idx = probe.base + probe.offset;
            if probe.offset < probe.run {
                probe.offset += 1;
            } else {
                probe.perturb >>= PERTURB_SHIFT;
                probe.base = next_base(probe.base, probe.perturb, mask);
                probe.offset = 0;
                probe.run = run_len(probe.base, mask);
            }
            match self.slots.get(idx) {
                Some(Slot::Empty) | None => return ProbeStep::Vacant(idx),
                Some(Slot::Dummy) => probe.freeslot = Some(idx),
                Some(Slot::Active(h, _)) if *h == probe.hash => {
                    return ProbeStep::Candidate(idx);
                }
                Some(Slot::Active(..)) => {}
            }
        }
    }

    /// The key stored at slot `idx`, if that slot is active.
    pub fn key_at(&self, idx: usize) -> Option<&K> {
        match self.slots.get(idx) {
            Some(Slot::Active(_, k)) => Some(k),
            _ => None,
        }
    }

    /// The hash and key stored at slot `idx`, if that slot is active.
    pub fn entry_at(&self, idx: usize) -> Option<(i64, &K)> {
        match self.slots.get(idx) {
            Some(Slot::Active(h, k)) => Some((*h, k)),
            _ => None,
        }
    }

    /// Runs a whole lookup with the caller's comparison; returns the final
    /// step (a `Candidate` is an equal key) and the probe.
    fn lookup<E>(
        &self,
        hash: i64,
        key: &K,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(ProbeStep, Probe), E> {
        let mut probe = self.probe(hash);
        loop {
            match self.probe_step(&mut probe) {
                ProbeStep::Candidate(idx) => {
                    if let Some(stored) = self.key_at(idx)
                        && eq(stored, key)?
                    {
                        return Ok((ProbeStep::Candidate(idx), probe));
                    }
                }
                vacant @ ProbeStep::Vacant(_) => return Ok((vacant, probe)),
            }
        }
    }

    /// The slot index of the element equal to `key`, if any.
    pub fn find<E>(
        &self,
        hash: i64,
        key: &K,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Option<usize>, E> {
        Ok(match self.lookup(hash, key, eq)?.0 {
            ProbeStep::Candidate(idx) => Some(idx),
            ProbeStep::Vacant(_) => None,
        })
    }

    /// The stored element equal to `key`, if any.
    pub fn get<E>(&self, hash: i64, key: &K, eq: &mut KeyEq<'_, K, E>) -> Result<Option<&K>, E> {
        Ok(self.find(hash, key, eq)?.and_then(|idx| self.key_at(idx)))
    }

    /// `key in s`.
    pub fn contains<E>(&self, hash: i64, key: &K, eq: &mut KeyEq<'_, K, E>) -> Result<bool, E> {
        Ok(self.find(hash, key, eq)?.is_some())
    }

    /// `s.add(key)`: inserts `key` unless an equal element is present (the
    /// stored element is kept and `key` dropped). Returns whether `key` was
    /// inserted. May grow and rebuild the table.
    pub fn insert<E>(&mut self, hash: i64, key: K, eq: &mut KeyEq<'_, K, E>) -> Result<bool, E> {
        let (step, probe) = self.lookup(hash, &key, eq)?;
        match step {
            ProbeStep::Candidate(_) => Ok(false),
            ProbeStep::Vacant(idx) => {
                self.place(hash, key, idx, probe.freeslot);
                Ok(true)
            }
        }
    }

    /// Finishes an insertion driven with [`probe_step`](Self::probe_step):
    /// `vacant` is the index of the `ProbeStep::Vacant` the probe ended on.
    /// The key goes into the last dummy slot the probe passed, or else into
    /// `vacant`. If the table changed since that step, nothing is inserted
    /// and the key is handed back: probe again.
    pub fn insert_vacant(&mut self, probe: &Probe, vacant: usize, key: K) -> Result<(), K> {
        let fresh =
            probe.version == self.version && matches!(self.slots.get(vacant), Some(Slot::Empty));
        if !fresh {
            return Err(key);
        }
        self.place(probe.hash, key, vacant, probe.freeslot);
        Ok(())
    }

    /// Stores a new element (`set_add_entry` after its search).
    fn place(&mut self, hash: i64, key: K, vacant: usize, freeslot: Option<usize>) {
        self.version += 1;
        self.used += 1;
        if let Some(slot) = freeslot.and_then(|f| self.slots.get_mut(f)) {
            *slot = Slot::Active(hash, key);
            return;
        }
        if let Some(slot) = self.slots.get_mut(vacant) {
            *slot = Slot::Active(hash, key);
        }
        self.fill += 1;
        if self.fill * 5 >= self.mask() * 3 {
            self.resize(self.growth_target());
        }
    }

    /// The `minused` CPython passes to `set_table_resize` when growing.
    pub(crate) fn growth_target(&self) -> usize {
        if self.used > LARGE_SET {
            self.used * 2
        } else {
            self.used * 4
        }
    }

    /// Rebuilds the table with the smallest size `> minused` (at least 8),
    /// dropping dummies (`set_table_resize`). A table of 8 slots without
    /// dummies that would stay at 8 slots is left untouched.
    pub(crate) fn resize(&mut self, minused: usize) {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            match newsize.checked_mul(2) {
                Some(n) => newsize = n,
                None => break,
            }
        }
        if newsize == MINSIZE && self.slots.len() == MINSIZE && self.fill == self.used {
            return;
        }
        let old = mem::replace(&mut self.slots, empty_slots(newsize));
        for slot in old {
            if let Slot::Active(hash, key) = slot {
                insert_clean(&mut self.slots, hash, key);
            }
        }
        self.fill = self.used;
        self.version += 1;
    }

    /// `s.remove(key)` / `s.discard(key)`: removes the element equal to
    /// `key`, leaving a dummy slot, and returns it (`None` if absent; the
    /// caller raises `KeyError` for `remove`). Never shrinks the table.
    pub fn remove<E>(
        &mut self,
        hash: i64,
        key: &K,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Option<K>, E> {
        Ok(match self.lookup(hash, key, eq)?.0 {
            ProbeStep::Candidate(idx) => self.remove_at(idx),
            ProbeStep::Vacant(_) => None,
        })
    }

    /// Removes the element at slot `idx` (found by a probe or by
    /// iteration), leaving a dummy. `None` if the slot is not active.
    pub fn remove_at(&mut self, idx: usize) -> Option<K> {
        let slot = self.slots.get_mut(idx)?;
        if !matches!(slot, Slot::Active(..)) {
            return None;
        }
        match mem::replace(slot, Slot::Dummy) {
            Slot::Active(_, key) => {
                self.used -= 1;
                self.version += 1;
                Some(key)
            }
            _ => None,
        }
    }

    /// `s.pop()`: removes and returns the first active slot at or after
    /// the finger (wrapping around), then moves the finger past it. `None`
    /// on an empty set (the caller raises `KeyError('pop from an empty
    /// set')`).
    pub fn pop(&mut self) -> Option<K> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut idx = self.finger & mask;
        while !matches!(self.slots.get(idx), Some(Slot::Active(..))) {
            idx = if idx >= mask { 0 } else { idx + 1 };
        }
        self.finger = idx + 1;
        self.remove_at(idx)
    }

    /// `s.clear()`: back to an empty 8-slot table. As in CPython, the
    /// `pop` finger is kept.
    pub fn clear(&mut self) {
        self.slots = empty_slots(MINSIZE);
        self.fill = 0;
        self.used = 0;
        self.version += 1;
    }

    /// Exchanges the contents of two sets, but not their `pop` fingers
    /// (CPython's `set_swap_bodies`, used by `&=` / `intersection_update`).
    pub fn swap_contents(&mut self, other: &mut SetTable<K>) {
        mem::swap(&mut self.slots, &mut other.slots);
        mem::swap(&mut self.fill, &mut other.fill);
        mem::swap(&mut self.used, &mut other.used);
        self.version += 1;
        other.version += 1;
    }

    /// The elements in iteration (slot) order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &K> + '_ {
        self.iter_hashed().map(|(_, k)| k)
    }

    /// The elements with their hashes, in iteration (slot) order.
    pub fn iter_hashed(&self) -> impl DoubleEndedIterator<Item = (i64, &K)> + '_ {
        self.slots.iter().filter_map(|slot| match slot {
            Slot::Active(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// One step of a set iterator: the first element at slot `pos` or
    /// later, with the position to resume from. CPython's set iterator
    /// keeps such a position and raises `RuntimeError('Set changed size
    /// during iteration')` when [`len`](Self::len) differs from the length
    /// it saw when it started.
    pub fn next_from(&self, pos: usize) -> Option<(usize, &K)> {
        let rest = self.slots.get(pos..)?;
        rest.iter().enumerate().find_map(|(i, slot)| match slot {
            Slot::Active(_, k) => Some((pos + i + 1, k)),
            _ => None,
        })
    }

    /// Consumes the set, yielding its elements in slot order.
    pub fn into_keys(self) -> impl Iterator<Item = K> {
        self.slots.into_iter().filter_map(|slot| match slot {
            Slot::Active(_, k) => Some(k),
            _ => None,
        })
    }

    /// The hashes of the elements, for [`frozenset_hash`](super::frozenset_hash).
    pub fn hashes(&self) -> impl Iterator<Item = i64> + '_ {
        self.iter_hashed().map(|(h, _)| h)
    }

    /// Adds all elements of `other` to this set when this set has no
    /// entries and no dummies (the `fill == 0` paths of `set_merge`): a
    /// slot-for-slot copy when both tables have the same size and `other`
    /// has no dummies, otherwise a clean re-insertion in `other`'s slot
    /// order. Callers have already done `set_merge`'s up-front resize.
    pub(crate) fn merge_into_empty(&mut self, other: &SetTable<K>)
    where
        K: Clone,
    {
        if self.mask() == other.mask() && other.fill == other.used {
            self.slots.clone_from_slice(&other.slots);
            self.fill = other.fill;
        } else {
            for (hash, key) in other.iter_hashed() {
                insert_clean(&mut self.slots, hash, key.clone());
            }
            self.fill = other.used;
        }
        self.used = other.used;
        self.version += 1;
    }

    /// `s.update(other)` / `s |= other` for a set or frozenset `other`
    /// (CPython's `set_merge`): one up-front resize if
    /// `(fill + len(other)) * 5 >= mask * 3`, then the fast paths of
    /// [`merge_into_empty`](Self::merge_into_empty) when this set is
    /// empty, else an ordinary insertion of each element of `other` in its
    /// slot order. The caller handles `s.update(s)` (nothing to do).
    pub fn update_from_set<E>(
        &mut self,
        other: &SetTable<K>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(), E>
    where
        K: Clone,
    {
        if other.used == 0 {
            return Ok(());
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2);
        }
        if self.fill == 0 {
            self.merge_into_empty(other);
            return Ok(());
        }
        for (hash, key) in other.iter_hashed() {
            self.insert(hash, key.clone(), eq)?;
        }
        Ok(())
    }

    /// `s.copy()`, `set(s)`, `frozenset(s)` for a set `s`: a new set built
    /// by merging `s` into an empty set, so its layout can differ from the
    /// original's (dummies dropped, table possibly smaller). The `pop`
    /// finger of the copy starts at 0.
    pub fn copy(&self) -> SetTable<K>
    where
        K: Clone,
    {
        let mut copy = SetTable::new();
        if self.used > 0 {
            if self.used * 5 >= copy.mask() * 3 {
                copy.resize(self.used * 2);
            }
            copy.merge_into_empty(self);
        }
        copy
    }
}
