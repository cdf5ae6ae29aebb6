//! "Did you mean" suggestions for `NameError` and `AttributeError`, with
//! CPython 3.11's algorithm (`Python/suggestions.c`).

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
fn closest(name: &str, candidates: &[String]) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<&String> = None;
    let mut best_distance = usize::MAX;
    for item in candidates {
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
    best.cloned()
}

/// The suggestion for an exception, if CPython would print one.
pub fn suggestion(vm: &Vm, exc: &Exc) -> Option<String> {
    let dict = exc.0.dict.borrow();
    let name = match dict.get(&Sym::new("name")) {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => return None,
    };
    if vm.exc_is(exc, ExcKind::NameError) {
        return match dict.get(&Sym::new("__apy_candidates__")) {
            Some(Value::List(l)) => {
                let candidates: Vec<String> = l
                    .items
                    .borrow()
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect();
                closest(&name, &candidates)
            }
            _ => None,
        };
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

/// A `NameError` for `name` raised in frame `f`, remembering the names in
/// scope for the suggestion printed with the traceback.
pub fn name_error(vm: &Vm, f: &crate::eval::Frame, name: Sym) -> Exc {
    let e = vm.name_error(name.as_str());
    let mut candidates: Vec<Value> = Vec::new();
    if f.class_ns.is_none() {
        // Function locals come first in CPython's search.
    }
    let slots = f.globals.slots.borrow();
    for (i, n) in f.globals.names.borrow().iter().enumerate() {
        if !matches!(slots.get(i), Some(Value::Unbound) | None) {
            candidates.push(Value::str(n.as_str()));
        }
    }
    candidates.extend(vm.builtins.borrow().keys().map(|k| Value::str(k.as_str())));
    e.0.dict
        .borrow_mut()
        .insert(Sym::new("__apy_candidates__"), Value::list(candidates));
    e
}
