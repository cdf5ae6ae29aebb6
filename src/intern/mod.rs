//! Interned identifiers.
//!
//! Every identifier the program text names (variables, attributes, keyword
//! arguments) is interned once into a [`Sym`], a `u32` that is cheap to copy,
//! hash and compare. The evaluator keys namespaces and attribute maps by
//! `Sym`, so no hot path hashes a string.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, OnceLock};

pub mod known;

/// An interned identifier. Equal names have equal symbols.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

struct Interner {
    map: HashMap<&'static str, Sym>,
    len: u32,
}

/// The text of every symbol, readable without the interner's lock: symbol
/// names are looked up on error paths and by native types' attribute
/// matches, which must not contend for (or pay for) a mutex. Chunk `k`
/// holds `FIRST_CHUNK << k` slots, so the table grows without moving what
/// readers may be holding.
struct NameTable {
    chunks: [OnceLock<Box<[OnceLock<&'static str>]>>; CHUNKS],
}

const FIRST_CHUNK_BITS: u32 = 10;
const FIRST_CHUNK: usize = 1 << FIRST_CHUNK_BITS;
const CHUNKS: usize = 22;

impl NameTable {
    /// The chunk and slot of symbol number `i`.
    fn place(i: u32) -> (usize, usize) {
        let j = i as usize + FIRST_CHUNK;
        let k = (usize::BITS - 1 - j.leading_zeros() - FIRST_CHUNK_BITS) as usize;
        (k, j - (FIRST_CHUNK << k))
    }

    fn get(&self, i: u32) -> Option<&'static str> {
        let (k, slot) = Self::place(i);
        self.chunks.get(k)?.get()?.get(slot)?.get().copied()
    }

    /// Records the text of symbol `i` (under the interner's lock).
    fn set(&self, i: u32, name: &'static str) {
        let (k, slot) = Self::place(i);
        let chunk = self.chunks[k].get_or_init(|| {
            (0..FIRST_CHUNK << k)
                .map(|_| OnceLock::new())
                .collect::<Vec<_>>()
                .into_boxed_slice()
        });
        let _ = chunk[slot].set(name);
    }
}

fn names() -> &'static NameTable {
    static NAMES: OnceLock<NameTable> = OnceLock::new();
    NAMES.get_or_init(|| NameTable {
        chunks: std::array::from_fn(|_| OnceLock::new()),
    })
}

fn interner() -> &'static Mutex<Interner> {
    static INTERNER: OnceLock<Mutex<Interner>> = OnceLock::new();
    INTERNER.get_or_init(|| {
        let mut interner = Interner {
            map: HashMap::new(),
            len: 0,
        };
        for &name in known::ALL {
            interner.push(name);
        }
        Mutex::new(interner)
    })
}

impl Interner {
    fn push(&mut self, name: &'static str) -> Sym {
        let sym = Sym(self.len);
        names().set(self.len, name);
        self.len += 1;
        self.map.insert(name, sym);
        sym
    }
}

impl Sym {
    /// Interns `name`, returning its symbol.
    pub fn new(name: &str) -> Sym {
        let mut guard = interner().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&sym) = guard.map.get(name) {
            return sym;
        }
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        guard.push(leaked)
    }

    /// The text of the identifier.
    pub fn as_str(self) -> &'static str {
        match names().get(self.0) {
            Some(name) => name,
            // Only a symbol made before the interner existed could miss;
            // initialising it records every known name.
            None => {
                let _ = interner();
                names().get(self.0).unwrap_or("<unknown symbol>")
            }
        }
    }

    /// The raw index, for dense tables keyed by symbol.
    pub fn index(self) -> u32 {
        self.0
    }
}

impl fmt::Debug for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.as_str())
    }
}

impl fmt::Display for Sym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
