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
    names: Vec<&'static str>,
}

fn interner() -> &'static Mutex<Interner> {
    static INTERNER: OnceLock<Mutex<Interner>> = OnceLock::new();
    INTERNER.get_or_init(|| {
        let mut interner = Interner {
            map: HashMap::new(),
            names: Vec::new(),
        };
        for (i, &name) in known::ALL.iter().enumerate() {
            interner.names.push(name);
            interner.map.insert(name, Sym(i as u32));
        }
        Mutex::new(interner)
    })
}

impl Sym {
    /// Interns `name`, returning its symbol.
    pub fn new(name: &str) -> Sym {
        let mut guard = interner().lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&sym) = guard.map.get(name) {
            return sym;
        }
        let leaked: &'static str = Box::leak(name.to_owned().into_boxed_str());
        let sym = Sym(guard.names.len() as u32);
        guard.names.push(leaked);
        guard.map.insert(leaked, sym);
        sym
    }

    /// The text of the identifier.
    pub fn as_str(self) -> &'static str {
        let guard = interner().lock().unwrap_or_else(|e| e.into_inner());
        guard.names[self.0 as usize]
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
