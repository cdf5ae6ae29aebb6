//! Hashing and hash tables that reproduce CPython 3.11 exactly.
//!
//! Python programs can observe two things about hashing: the value of
//! `hash(x)` for numbers and tuples (fully specified by CPython), and the
//! iteration order of sets, which is the slot order of CPython's open
//! addressing table in `Objects/setobject.c`. This module provides both:
//!
//! * [`numeric`]: `hash()` of ints, bools, floats and complex numbers
//!   (modulus 2^61 - 1, `-1` mapped to `-2`).
//! * [`tuple`]: the xxHash-based tuple hash and the frozenset hash.
//! * [`string`]: a fast deterministic hash for `str` and `bytes` (CPython
//!   randomizes those, so no program can depend on their exact values).
//! * [`set_table`] / [`set_ops`]: [`SetTable`], a generic set whose slot
//!   layout, growth, `pop` order and bulk operations match CPython's.
//! * [`dict_table`]: [`DictTable`], an insertion-ordered dict table that
//!   mirrors CPython's compact dict (order, `popitem`, iteration positions).
//!
//! Key equality is always decided by the caller through a fallible
//! callback, because comparing Python objects can run Python code and fail.

pub mod dict_table;
pub mod numeric;
pub mod set_ops;
pub mod set_table;
pub mod string;
pub mod tuple;

pub use dict_table::DictTable;
pub use numeric::{
    HASH_INF, HASH_MODULUS, fix_hash, hash_bigint, hash_bool, hash_complex, hash_f64, hash_i64,
    hash_pointer,
};
pub use set_table::{Probe, ProbeStep, SetTable};
pub use string::{hash_bytes, hash_str};
pub use tuple::{frozenset_hash, tuple_hash};
