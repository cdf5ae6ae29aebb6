//! Bulk set operations of [`SetTable`], following the algorithms of
//! CPython 3.11's `Objects/setobject.c` step by step, because the result's
//! iteration order depends on which operand is iterated, which keys are
//! inserted (from which operand), and in what order.
//!
//! Methods taking another `SetTable` implement the case where CPython's
//! operand is a `set` or `frozenset`; `*_dict` methods the case of an exact
//! `dict` (whose keys CPython reads with their stored hashes); `*_iter`
//! methods any other iterable, given as `(hash, key)` results so that a
//! failure to iterate or to hash stops the operation with that error.
//!
//! Where CPython special-cases an operand being the very same object
//! (`s | s`, `s & s`, `s -= s`, `s ^= s`, `s.update(s)`, ...), the caller
//! must do so, as the borrow rules prevent passing a set twice:
//! `s | s` and `s & s` are `s.copy()`, `s.update(s)` does nothing,
//! `s -= s` and `s ^= s` are `s.clear()`.

use super::dict_table::DictTable;
use super::set_table::{KeyEq, SetTable};

impl<K: Clone> SetTable<K> {
    /// A new set with the given elements added one by one (`set(iterable)`
    /// for an iterable that is not a set or dict, and `{a, b}` displays).
    pub fn from_hashed<E, I>(items: I, eq: &mut KeyEq<'_, K, E>) -> Result<Self, E>
    where
        I: IntoIterator<Item = Result<(i64, K), E>>,
    {
        let mut set = SetTable::new();
        set.update_iter(items, eq)?;
        Ok(set)
    }

    /// The set a CPython 3.11 set display of three or more constants
    /// (`{1, 2.5, (3, 4)}`, after constant folding) evaluates to. The
    /// compiler builds a frozenset from the constants in source order,
    /// rebuilds it from its own iteration order when merging constants,
    /// and the code merges that frozenset into a new empty set. Displays
    /// with fewer items, non-constant items or starred items instead add
    /// items one by one (`{*x}` merges `x` like [`update_from_set`]).
    ///
    /// [`update_from_set`]: SetTable::update_from_set
    pub fn from_constant_display<E, I>(items: I, eq: &mut KeyEq<'_, K, E>) -> Result<Self, E>
    where
        I: IntoIterator<Item = (i64, K)>,
    {
        let folded = SetTable::from_hashed(items.into_iter().map(Ok), eq)?;
        let merged =
            SetTable::from_hashed(folded.iter_hashed().map(|(h, k)| Ok((h, k.clone()))), eq)?;
        Ok(merged.copy())
    }

    /// A new set holding the keys of a dict (`set(d)`): see
    /// [`update_from_dict`](SetTable::update_from_dict).
    pub fn from_dict_keys<V, E>(
        dict: &DictTable<K, V>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Self, E> {
        let mut set = SetTable::new();
        set.update_from_dict(dict, eq)?;
        Ok(set)
    }

    /// `s.update(iterable)` for an iterable that is not a set or dict: adds
    /// the items one by one, in order.
    pub fn update_iter<E, I>(&mut self, items: I, eq: &mut KeyEq<'_, K, E>) -> Result<(), E>
    where
        I: IntoIterator<Item = Result<(i64, K), E>>,
    {
        for item in items {
            let (hash, key) = item?;
            self.insert(hash, key, eq)?;
        }
        Ok(())
    }

    /// `s.update(d)` for an exact dict `d`: one up-front resize if
    /// `(fill + len(d)) * 5 >= mask * 3` (to `(len(s) + len(d)) * 2`), then
    /// the keys are added in dict order with their stored hashes.
    pub fn update_from_dict<V, E>(
        &mut self,
        dict: &DictTable<K, V>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(), E> {
        let n = dict.len();
        if (self.fill() + n) * 5 >= self.mask() * 3 {
            self.resize((self.len() + n) * 2);
        }
        for (hash, key, _) in dict.iter_hashed() {
            self.insert(hash, key.clone(), eq)?;
        }
        Ok(())
    }

    /// `s | t` / `s.union(t)` for a set `t`: a copy of `s` updated with `t`
    /// (see [`update_from_set`](SetTable::update_from_set)).
    pub fn union<E>(&self, other: &SetTable<K>, eq: &mut KeyEq<'_, K, E>) -> Result<Self, E> {
        let mut result = self.copy();
        result.update_from_set(other, eq)?;
        Ok(result)
    }

    /// `s & t` / `s.intersection(t)` for a set `t`: iterates the smaller
    /// set (`t` when the sizes are equal) in slot order and adds each of
    /// its elements found in the larger one to a new set, so the result
    /// holds the smaller operand's key objects.
    pub fn intersection<E>(
        &self,
        other: &SetTable<K>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Self, E> {
        let (large, small) = if other.len() > self.len() {
            (other, self)
        } else {
            (self, other)
        };
        let mut result = SetTable::new();
        for (hash, key) in small.iter_hashed() {
            if large.contains(hash, key, eq)? {
                result.insert(hash, key.clone(), eq)?;
            }
        }
        Ok(result)
    }

    /// `s.intersection(iterable)`: adds each item found in `s` to a new
    /// set, stopping early once the result is as large as `s`.
    pub fn intersection_iter<E, I>(&self, items: I, eq: &mut KeyEq<'_, K, E>) -> Result<Self, E>
    where
        I: IntoIterator<Item = Result<(i64, K), E>>,
    {
        let mut result = SetTable::new();
        for item in items {
            let (hash, key) = item?;
            if self.contains(hash, &key, eq)? {
                result.insert(hash, key, eq)?;
                if result.len() >= self.len() {
                    break;
                }
            }
        }
        Ok(result)
    }

    /// `s &= t` / `s.intersection_update(t)` for a set `t`: computes
    /// [`intersection`](SetTable::intersection) and swaps it into `s`
    /// (keeping `s`'s `pop` finger).
    pub fn intersection_update<E>(
        &mut self,
        other: &SetTable<K>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(), E> {
        let mut result = self.intersection(other, eq)?;
        self.swap_contents(&mut result);
        Ok(())
    }

    /// `s.intersection_update(iterable)`: [`intersection_iter`] swapped
    /// into `s`.
    ///
    /// [`intersection_iter`]: SetTable::intersection_iter
    pub fn intersection_update_iter<E, I>(
        &mut self,
        items: I,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(), E>
    where
        I: IntoIterator<Item = Result<(i64, K), E>>,
    {
        let mut result = self.intersection_iter(items, eq)?;
        self.swap_contents(&mut result);
        Ok(())
    }

    /// `s -= t` / `s.difference_update(t)` for a set `t`: discards each
    /// element of `t`, in `t`'s slot order, leaving dummies; then, if more
    /// than a quarter of the table (`mask / 4`) is dummies, rebuilds it
    /// as a growing insertion would (see [`purge_dummies`]).
    ///
    /// [`purge_dummies`]: SetTable::purge_dummies
    pub fn difference_update<E>(
        &mut self,
        other: &SetTable<K>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(), E> {
        for (hash, key) in other.iter_hashed() {
            self.remove(hash, key, eq)?;
        }
        self.purge_dummies();
        Ok(())
    }

    /// `s.difference_update(iterable)`: discards each item in order, then
    /// [`purge_dummies`](SetTable::purge_dummies).
    pub fn difference_update_iter<E, I>(
        &mut self,
        items: I,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(), E>
    where
        I: IntoIterator<Item = Result<(i64, K), E>>,
    {
        for item in items {
            let (hash, key) = item?;
            self.remove(hash, &key, eq)?;
        }
        self.purge_dummies();
        Ok(())
    }

    /// `s - t` / `s.difference(t)` for a set `t`. When `len(s) >> 2 >
    /// len(t)`, a copy of `s` with `t`'s elements discarded; otherwise a
    /// new set receiving, in `s`'s slot order, the elements of `s` not in
    /// `t`.
    pub fn difference<E>(&self, other: &SetTable<K>, eq: &mut KeyEq<'_, K, E>) -> Result<Self, E> {
        if (self.len() >> 2) > other.len() {
            let mut result = self.copy();
            result.difference_update(other, eq)?;
            return Ok(result);
        }
        let mut result = SetTable::new();
        for (hash, key) in self.iter_hashed() {
            if !other.contains(hash, key, eq)? {
                result.insert(hash, key.clone(), eq)?;
            }
        }
        Ok(result)
    }

    /// `s.difference(d)` for an exact dict `d`: like
    /// [`difference`](SetTable::difference) with `d`'s keys.
    pub fn difference_dict<V, E>(
        &self,
        dict: &DictTable<K, V>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Self, E> {
        if (self.len() >> 2) > dict.len() {
            let mut result = self.copy();
            for (hash, key, _) in dict.iter_hashed() {
                result.remove(hash, key, eq)?;
            }
            result.purge_dummies();
            return Ok(result);
        }
        let mut result = SetTable::new();
        for (hash, key) in self.iter_hashed() {
            if dict.find(hash, key, eq)?.is_none() {
                result.insert(hash, key.clone(), eq)?;
            }
        }
        Ok(result)
    }

    /// `s.difference(iterable)`: a copy of `s` with each item discarded.
    pub fn difference_iter<E, I>(&self, items: I, eq: &mut KeyEq<'_, K, E>) -> Result<Self, E>
    where
        I: IntoIterator<Item = Result<(i64, K), E>>,
    {
        let mut result = self.copy();
        result.difference_update_iter(items, eq)?;
        Ok(result)
    }

    /// `s ^= t` / `s.symmetric_difference_update(t)` for a set `t`: for
    /// each element of `t` in slot order, discards it from `s` if present,
    /// else adds it.
    pub fn symmetric_difference_update<E>(
        &mut self,
        other: &SetTable<K>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(), E> {
        for (hash, key) in other.iter_hashed() {
            if self.remove(hash, key, eq)?.is_none() {
                self.insert(hash, key.clone(), eq)?;
            }
        }
        Ok(())
    }

    /// `s.symmetric_difference_update(d)` for an exact dict `d`: as
    /// [`symmetric_difference_update`] with `d`'s keys in dict order.
    ///
    /// [`symmetric_difference_update`]: SetTable::symmetric_difference_update
    pub fn symmetric_difference_update_dict<V, E>(
        &mut self,
        dict: &DictTable<K, V>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(), E> {
        for (hash, key, _) in dict.iter_hashed() {
            if self.remove(hash, key, eq)?.is_none() {
                self.insert(hash, key.clone(), eq)?;
            }
        }
        Ok(())
    }

    /// `s.symmetric_difference_update(iterable)`: the items are first
    /// collected into a new set, which is then applied as with
    /// [`symmetric_difference_update`].
    ///
    /// [`symmetric_difference_update`]: SetTable::symmetric_difference_update
    pub fn symmetric_difference_update_iter<E, I>(
        &mut self,
        items: I,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<(), E>
    where
        I: IntoIterator<Item = Result<(i64, K), E>>,
    {
        let other = SetTable::from_hashed(items, eq)?;
        self.symmetric_difference_update(&other, eq)
    }

    /// `s ^ t` / `s.symmetric_difference(t)` for a set `t`: a copy of `t`
    /// updated with the symmetric difference of `s`.
    pub fn symmetric_difference<E>(
        &self,
        other: &SetTable<K>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Self, E> {
        let mut result = other.copy();
        result.symmetric_difference_update(self, eq)?;
        Ok(result)
    }

    /// `s.symmetric_difference(d)` for an exact dict `d`: `set(d)` updated
    /// with the symmetric difference of `s`.
    pub fn symmetric_difference_dict<V, E>(
        &self,
        dict: &DictTable<K, V>,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Self, E> {
        let mut result = SetTable::from_dict_keys(dict, eq)?;
        result.symmetric_difference_update(self, eq)?;
        Ok(result)
    }

    /// `s.symmetric_difference(iterable)`: `set(iterable)` updated with the
    /// symmetric difference of `s`.
    pub fn symmetric_difference_iter<E, I>(
        &self,
        items: I,
        eq: &mut KeyEq<'_, K, E>,
    ) -> Result<Self, E>
    where
        I: IntoIterator<Item = Result<(i64, K), E>>,
    {
        let mut result = SetTable::from_hashed(items, eq)?;
        result.symmetric_difference_update(self, eq)?;
        Ok(result)
    }
}

impl<K> SetTable<K> {
    /// The end of CPython 3.11's `set_difference_update_internal`: when
    /// dummies make up more than `mask / 4` slots, the table is rebuilt
    /// with the size a growing insertion would pick (from `len * 4`, or
    /// `len * 2` above 50000 elements). Every difference operation that
    /// discards from a set (`-=`, `difference_update`, and `difference`
    /// when it works on a copy) ends with this.
    pub fn purge_dummies(&mut self) {
        if self.fill() - self.len() > self.mask() / 4 {
            self.resize(self.growth_target());
        }
    }

    /// `s <= t` / `s.issubset(t)` for a set `t`: false if `s` is larger,
    /// else whether every element of `s` (in slot order) is in `t`.
    pub fn is_subset<E>(&self, other: &SetTable<K>, eq: &mut KeyEq<'_, K, E>) -> Result<bool, E> {
        if self.len() > other.len() {
            return Ok(false);
        }
        for (hash, key) in self.iter_hashed() {
            if !other.contains(hash, key, eq)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `s >= t` / `s.issuperset(t)` for a set `t`: `t.issubset(s)`.
    pub fn is_superset<E>(&self, other: &SetTable<K>, eq: &mut KeyEq<'_, K, E>) -> Result<bool, E> {
        other.is_subset(self, eq)
    }

    /// `s.isdisjoint(t)` for a set `t`: iterates the smaller set (`t` when
    /// the sizes are equal) looking for an element of the larger.
    pub fn is_disjoint<E>(&self, other: &SetTable<K>, eq: &mut KeyEq<'_, K, E>) -> Result<bool, E> {
        let (large, small) = if other.len() > self.len() {
            (other, self)
        } else {
            (self, other)
        };
        for (hash, key) in small.iter_hashed() {
            if large.contains(hash, key, eq)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// `s == t` for sets: equal sizes and `s <= t`. (CPython also returns
    /// False early when both are frozensets with cached, different hashes;
    /// that shortcut changes only how many comparisons run.)
    pub fn set_eq<E>(&self, other: &SetTable<K>, eq: &mut KeyEq<'_, K, E>) -> Result<bool, E> {
        if self.len() != other.len() {
            return Ok(false);
        }
        self.is_subset(other, eq)
    }
}
