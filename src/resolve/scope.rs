//! Scope analysis: which names each scope binds, declares and uses, and
//! from that, which are locals, cells, free variables and globals — the
//! rules of CPython's `symtable.c`.

use indexmap::IndexSet;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::ast::Span;
use crate::errors::CompileError;
use crate::intern::{Sym, known};

/// What kind of scope a [`ScopeData`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Comprehension,
}

/// What the first pass records about one scope.
#[derive(Debug)]
pub struct ScopeData {
    pub kind: ScopeKind,
    pub parent: Option<usize>,
    /// Names bound in this scope (parameters first), in first-binding order.
    pub bound: IndexSet<Sym>,
    pub params: Vec<Sym>,
    pub globals: FxHashSet<Sym>,
    pub nonlocals: FxHashSet<Sym>,
    /// Names read in this scope.
    pub uses: IndexSet<Sym>,
    /// Where names were first seen (for declaration-order errors).
    pub first_seen: FxHashMap<Sym, (Span, bool)>,
    /// Results of the analysis.
    pub cellvars: IndexSet<Sym>,
    pub freevars: IndexSet<Sym>,
    /// Names that resolve to module globals from this scope.
    pub implicit_globals: FxHashSet<Sym>,
    pub is_async: bool,
    pub has_yield: bool,
    pub suspends: bool,
    pub uses_super: bool,
    pub name: Sym,
    pub qualname: String,
}

impl ScopeData {
    pub fn new(kind: ScopeKind, parent: Option<usize>, name: Sym, qualname: String) -> ScopeData {
        ScopeData {
            kind,
            parent,
            bound: IndexSet::new(),
            params: Vec::new(),
            globals: FxHashSet::default(),
            nonlocals: FxHashSet::default(),
            uses: IndexSet::new(),
            first_seen: FxHashMap::default(),
            cellvars: IndexSet::new(),
            freevars: IndexSet::new(),
            implicit_globals: FxHashSet::default(),
            is_async: false,
            has_yield: false,
            suspends: false,
            uses_super: false,
            name,
            qualname,
        }
    }

    pub fn is_function_like(&self) -> bool {
        matches!(self.kind, ScopeKind::Function | ScopeKind::Comprehension)
    }

    /// A name this scope binds as its own variable.
    pub fn is_local(&self, name: Sym) -> bool {
        self.bound.contains(&name)
            && !self.globals.contains(&name)
            && !self.nonlocals.contains(&name)
    }
}

/// Resolves free variables across the scope tree: fills `cellvars`,
/// `freevars` and `implicit_globals` of every scope.
pub fn analyze(scopes: &mut [ScopeData]) -> Result<(), CompileError> {
    // The implicit `__class__` cell of classes whose methods use `super()`.
    for scope in scopes.iter_mut() {
        if scope.uses_super && scope.kind == ScopeKind::Function {
            scope.uses.insert(known::__class__);
        }
    }
    for i in 0..scopes.len() {
        let names: Vec<Sym> = scopes[i]
            .uses
            .iter()
            .chain(scopes[i].bound.iter())
            .copied()
            .collect::<IndexSet<Sym>>()
            .into_iter()
            .collect();
        for name in names {
            resolve_free(scopes, i, name)?;
        }
        let nonlocals: Vec<Sym> = scopes[i].nonlocals.iter().copied().collect();
        for name in nonlocals {
            if !bind_nonlocal(scopes, i, name) {
                return Err(CompileError::syntax(
                    format!("no binding for nonlocal '{name}' found"),
                    scopes[i]
                        .first_seen
                        .get(&name)
                        .map(|s| s.0)
                        .unwrap_or_default(),
                ));
            }
        }
    }
    Ok(())
}

/// Decides how scope `i` sees `name` (unless it binds it or declares it).
fn resolve_free(scopes: &mut [ScopeData], i: usize, name: Sym) -> Result<(), CompileError> {
    let s = &scopes[i];
    if s.kind == ScopeKind::Module || s.globals.contains(&name) || s.nonlocals.contains(&name) {
        return Ok(());
    }
    if s.kind != ScopeKind::Class && s.is_local(name) {
        return Ok(());
    }
    if s.kind == ScopeKind::Class && s.bound.contains(&name) {
        return Ok(());
    }
    // Find the nearest enclosing function scope that binds it.
    let mut chain = vec![i];
    let mut cur = scopes[i].parent;
    while let Some(a) = cur {
        let scope = &scopes[a];
        match scope.kind {
            ScopeKind::Module => break,
            ScopeKind::Class => {
                if name == known::__class__ {
                    scopes[a].cellvars.insert(name);
                    for &c in &chain {
                        scopes[c].freevars.insert(name);
                    }
                    return Ok(());
                }
            }
            _ => {
                if scope.globals.contains(&name) {
                    break;
                }
                if scope.is_local(name) || scope.nonlocals.contains(&name) {
                    if scope.nonlocals.contains(&name) {
                        // Passes through a nonlocal declaration further out.
                        scopes[a].freevars.insert(name);
                    } else {
                        scopes[a].cellvars.insert(name);
                    }
                    for &c in &chain {
                        scopes[c].freevars.insert(name);
                    }
                    return Ok(());
                }
            }
        }
        chain.push(a);
        cur = scope.parent;
    }
    scopes[i].implicit_globals.insert(name);
    Ok(())
}

/// Binds a `nonlocal` declaration of scope `i` to an enclosing function's
/// variable; false if there is none.
fn bind_nonlocal(scopes: &mut [ScopeData], i: usize, name: Sym) -> bool {
    let mut chain = vec![i];
    let mut cur = scopes[i].parent;
    while let Some(a) = cur {
        let scope = &scopes[a];
        match scope.kind {
            ScopeKind::Module => return false,
            ScopeKind::Class => {}
            _ => {
                if scope.globals.contains(&name) {
                    return false;
                }
                if scope.is_local(name) {
                    scopes[a].cellvars.insert(name);
                    for &c in &chain {
                        scopes[c].freevars.insert(name);
                    }
                    return true;
                }
                if scope.nonlocals.contains(&name) {
                    // Resolved when that scope's own declaration is bound.
                    for &c in &chain {
                        scopes[c].freevars.insert(name);
                    }
                    return bind_nonlocal(scopes, a, name);
                }
            }
        }
        chain.push(a);
        cur = scopes[a].parent;
    }
    false
}
