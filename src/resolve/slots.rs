//! Frame layouts: the slot numbers of a scope's locals and cells, derived
//! from the analysis, and how a name resolves to a [`Slot`].

use rustc_hash::FxHashMap;

use super::scope::{ScopeData, ScopeKind};
use crate::ast::{Scope, Slot};
use crate::eval::Globals;
use crate::intern::Sym;

/// The frame layout of one scope.
#[derive(Default, Debug)]
pub struct Layout {
    pub locals: FxHashMap<Sym, u32>,
    pub cells: FxHashMap<Sym, u32>,
    pub scope: Scope,
}

/// Computes the layout of `s`, given its parent's layout (for closures).
pub fn layout(s: &ScopeData, parent: Option<&Layout>) -> Layout {
    let mut l = Layout::default();
    let mut cell_names: Vec<Sym> = Vec::new();
    for &c in &s.cellvars {
        if s.kind == ScopeKind::Class && c != crate::intern::known::__class__ {
            continue;
        }
        l.cells.insert(c, cell_names.len() as u32);
        cell_names.push(c);
    }
    let n_cellvars = cell_names.len() as u32;
    let mut free_sources = Vec::new();
    for &f in &s.freevars {
        if l.cells.contains_key(&f) {
            continue;
        }
        l.cells.insert(f, cell_names.len() as u32);
        cell_names.push(f);
        let src = parent.and_then(|p| p.cells.get(&f).copied()).unwrap_or(0);
        free_sources.push(src);
    }
    let mut local_names: Vec<Sym> = Vec::new();
    let mut cell_params = Vec::new();
    if s.kind == ScopeKind::Comprehension {
        local_names.push(Sym::new(".0"));
    }
    if matches!(s.kind, ScopeKind::Function | ScopeKind::Comprehension) {
        for (i, &p) in s.params.iter().enumerate() {
            local_names.push(p);
            match l.cells.get(&p) {
                Some(&c) if (c as usize) < n_cellvars as usize => cell_params.push((i as u32, c)),
                _ => {
                    l.locals.insert(p, i as u32);
                }
            }
        }
        for &b in &s.bound {
            if s.params.contains(&b)
                || l.cells.contains_key(&b)
                || s.globals.contains(&b)
                || s.nonlocals.contains(&b)
            {
                continue;
            }
            l.locals.insert(b, local_names.len() as u32);
            local_names.push(b);
        }
    }
    l.scope = Scope {
        local_names,
        cell_names,
        n_cellvars,
        free_sources,
        cell_params,
        is_generator: s.has_yield,
        suspends: s.suspends,
        uses_class_cell: s.kind == ScopeKind::Class
            && s.cellvars.contains(&crate::intern::known::__class__),
    };
    l
}

/// The slot of `name` as seen from scope `s`.
pub fn slot_of(s: &ScopeData, l: &Layout, globals: &Globals, name: Sym) -> Slot {
    match s.kind {
        ScopeKind::Module => Slot::Global(globals.slot_for(name)),
        ScopeKind::Class => {
            if s.globals.contains(&name) {
                return Slot::Global(globals.slot_for(name));
            }
            if s.nonlocals.contains(&name)
                && let Some(&c) = l.cells.get(&name)
            {
                return Slot::Cell(c);
            }
            if !s.bound.contains(&name)
                && let Some(&c) = l.cells.get(&name)
            {
                return Slot::ClassCell(c);
            }
            Slot::ClassGlobal(globals.slot_for(name))
        }
        ScopeKind::Function | ScopeKind::Comprehension => {
            if s.globals.contains(&name) || s.implicit_globals.contains(&name) {
                return Slot::Global(globals.slot_for(name));
            }
            if let Some(&c) = l.cells.get(&name) {
                return Slot::Cell(c);
            }
            if let Some(&i) = l.locals.get(&name) {
                return Slot::Local(i);
            }
            Slot::Global(globals.slot_for(name))
        }
    }
}
