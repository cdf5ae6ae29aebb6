//! "Did you mean" suggestions for `NameError` and `AttributeError`, with
//! CPython 3.11's algorithm (`Python/suggestions.c`).

use std::rc::Rc;

use crate::eval::{Exc, ExcKind, Vm};
use crate::intern::Sym;
use crate::value::Value;

const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;
const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Levenshtein distance with CPython's costs, giving up above `max_cost`.
fn distance(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    if a == b {
        return 0;
    }
    let (mut a, mut b) = (a, b);
    while !a.is_empty() && !b.is_empty() && a[0] == b[0] {
        a = &a[1..];
        b = &b[1..];
    }
    while !a.is_empty() && !b.is_empty() && a[a.len() - 1] == b[b.len() - 1] {
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &bc) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(bc, ac);
            distance = buffer[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The closest candidate to `name`, as `calculate_suggestions` picks it.
fn closest<S: AsRef<str>>(name: &str, candidates: &[S]) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<&str> = None;
    let mut best_distance = usize::MAX;
    for item in candidates {
        let item = item.as_ref();
        if item == name {
            continue;
        }
        let max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        let max_distance = max_distance.min(best_distance.saturating_sub(1));
        let d = distance(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none() || d < best_distance {
            best = Some(item);
            best_distance = d;
        }
    }
    best.map(str::to_owned)
}

/// The suggestion for an exception, if CPython would print one.
pub fn suggestion(vm: &Vm, exc: &Exc) -> Option<String> {
    let dict = exc.0.dict.borrow();
    let name = match dict.get(&Sym::new("name")) {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => return None,
    };
    if vm.exc_is(exc, ExcKind::NameError) {
        drop(dict);
        let scope = exc.0.exc()?.borrow().name_scope.clone()?;
        return name_suggestion(scope.downcast::<NameScope>()?, &name);
    }
    if vm.exc_is(exc, ExcKind::AttributeError) {
        let obj = dict.get(&Sym::new("obj"))?.clone();
        drop(dict);
        let candidates = attribute_names(vm, &obj);
        return closest(&name, &candidates);
    }
    None
}

fn attribute_names(vm: &Vm, obj: &Value) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    match obj {
        Value::Instance(i) => {
            names.extend(i.attr_names().iter().map(|k| k.to_string()));
            for t in i.class.mro_iter() {
                names.extend(t.dict.borrow().keys().map(|k| k.to_string()));
            }
        }
        Value::Module(m) => names.extend(m.dict.borrow().keys().map(|k| k.to_string())),
        Value::Type(t) => {
            for t in t.mro_iter() {
                names.extend(t.dict.borrow().keys().map(|k| k.to_string()));
            }
        }
        _ => {
            for t in vm.type_of(obj).mro_iter() {
                names.extend(t.dict.borrow().keys().map(|k| k.to_string()));
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

/// Where a `NameError` was raised: what its suggestion is searched in
/// when the traceback is printed (as CPython reads the raising frame's
/// code and its live globals then, not when raising).
struct NameScope {
    code: Option<Rc<crate::ast::FunctionDef>>,
    globals: Rc<crate::eval::Globals>,
}

impl crate::value::NativeObject for NameScope {
    fn py_type(&self, vm: &Vm) -> Rc<crate::value::Type> {
        vm.types.object.clone()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Records on the `NameError` `e` the frame `f` it was raised in, for the
/// suggestion its traceback prints.
pub fn note_name_scope(vm: &Vm, e: &Exc, f: &crate::eval::Frame) {
    if !vm.exc_is(e, ExcKind::NameError) {
        return;
    }
    let scope = NameScope {
        code: f.code.clone(),
        globals: f.globals.clone(),
    };
    if let Some(d) = e.0.exc() {
        d.borrow_mut().name_scope = Some(Value::native(scope));
    }
}

/// CPython's "Did you mean" for a `NameError` of `name` raised in
/// `scope`, as the interpreter's own traceback printer finds it
/// (`offer_suggestions_for_name_error`): the closest of the code's local
/// variable names, else of the module's globals, else of the builtins,
/// each in its own order (the first of equally close names wins).
fn name_suggestion(scope: &NameScope, name: &str) -> Option<String> {
    if let Some(code) = &scope.code {
        let varnames: Vec<&str> = code.scope.local_names.iter().map(|n| n.as_str()).collect();
        if let Some(s) = closest(name, &varnames) {
            return Some(s);
        }
    }
    let globals: Vec<Sym> = {
        let slots = scope.globals.slots.borrow();
        let names = scope.globals.names.borrow();
        names
            .iter()
            .enumerate()
            .filter(|(i, _)| !matches!(slots.get(*i), Some(Value::Unbound) | None))
            .map(|(_, n)| *n)
            .collect()
    };
    let globals: Vec<&str> = globals.iter().map(|n| n.as_str()).collect();
    if let Some(s) = closest(name, &globals) {
        return Some(s);
    }
    closest(name, super::cpython_names::BUILTINS_IN_ORDER)
}
