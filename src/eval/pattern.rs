//! Structural pattern matching (`match`/`case`).

use std::rc::Rc;

use super::attr::getattr_opt;
use super::expr::{eval, store_name};
use super::protocol::{type_name, values_equal};
use super::{Frame, PyResult, Vm};
use crate::ast::{Constant, Pattern, PatternKind};
use crate::intern::known;
use crate::value::{PyDict, Type, Value};

/// Does `subject` match `pattern`? Binds capture names as it goes.
pub fn match_pattern(
    vm: &Vm,
    f: &mut Frame<'_>,
    pattern: &Pattern,
    subject: &Value,
) -> PyResult<bool> {
    match &pattern.kind {
        PatternKind::Value(e) => {
            let v = eval(vm, f, e)?;
            values_equal(vm, subject, &v)
        }
        PatternKind::Singleton(c) => Ok(match c {
            Constant::None => subject.is_none(),
            Constant::True => matches!(subject, Value::Bool(true)),
            Constant::False => matches!(subject, Value::Bool(false)),
            _ => false,
        }),
        PatternKind::As { pattern, name } => {
            if let Some(p) = pattern
                && !match_pattern(vm, f, p, subject)?
            {
                return Ok(false);
            }
            if let Some(n) = name {
                store_name(vm, f, n, subject.clone())?;
            }
            Ok(true)
        }
        PatternKind::Or(alternatives) => {
            for p in alternatives {
                if match_pattern(vm, f, p, subject)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        PatternKind::Sequence(patterns) => match_sequence(vm, f, patterns, subject),
        PatternKind::Mapping {
            keys,
            patterns,
            rest,
        } => {
            let Value::Dict(d) = subject else {
                return Ok(false);
            };
            let mut used = Vec::new();
            for (k, p) in keys.iter().zip(patterns) {
                let key = eval(vm, f, k)?;
                let Some(v) = d.get(vm, &key)? else {
                    return Ok(false);
                };
                if !match_pattern(vm, f, p, &v)? {
                    return Ok(false);
                }
                used.push(key);
            }
            if let Some(rest) = rest {
                let remaining = PyDict::new();
                for (k, v) in d.items() {
                    let mut taken = false;
                    for u in &used {
                        if values_equal(vm, &k, u)? {
                            taken = true;
                            break;
                        }
                    }
                    if !taken {
                        remaining.set(vm, k, v)?;
                    }
                }
                store_name(vm, f, rest, Value::Dict(Rc::new(remaining)))?;
            }
            Ok(true)
        }
        PatternKind::Class {
            cls,
            patterns,
            kwd_attrs,
            kwd_patterns,
        } => {
            let cls_value = eval(vm, f, cls)?;
            let Value::Type(cls) = &cls_value else {
                return Err(vm.type_error("called match pattern must be a class"));
            };
            if !vm.type_of(subject).is_subtype(cls) {
                return Ok(false);
            }
            if !patterns.is_empty() {
                if self_matching(vm, cls) {
                    if patterns.len() > 1 {
                        return Err(vm.type_error(format!(
                            "{}() accepts 1 positional sub-pattern ({} given)",
                            cls.name,
                            patterns.len()
                        )));
                    }
                    if !match_pattern(vm, f, &patterns[0], subject)? {
                        return Ok(false);
                    }
                } else {
                    let args = match cls.lookup(known::__match_args__) {
                        Some(Value::Tuple(t)) => t.items.to_vec(),
                        Some(_) => {
                            return Err(vm.type_error(format!(
                                "{}.__match_args__ must be a tuple",
                                cls.name
                            )));
                        }
                        None => Vec::new(),
                    };
                    if patterns.len() > args.len() {
                        return Err(vm.type_error(format!(
                            "{}() accepts {} positional sub-pattern{} ({} given)",
                            cls.name,
                            args.len(),
                            if args.len() == 1 { "" } else { "s" },
                            patterns.len()
                        )));
                    }
                    for (p, name) in patterns.iter().zip(args) {
                        let Value::Str(name) = name else {
                            return Err(vm.type_error("__match_args__ elements must be strings"));
                        };
                        let sym = crate::intern::Sym::new(name.as_str());
                        let Some(v) = getattr_opt(vm, subject, sym)? else {
                            return Ok(false);
                        };
                        if !match_pattern(vm, f, p, &v)? {
                            return Ok(false);
                        }
                    }
                }
            }
            for (attr, p) in kwd_attrs.iter().zip(kwd_patterns) {
                let Some(v) = getattr_opt(vm, subject, *attr)? else {
                    return Ok(false);
                };
                if !match_pattern(vm, f, p, &v)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        PatternKind::Star(_) => Err(vm.new_exc(
            super::ExcKind::SystemError,
            "star pattern outside a sequence pattern",
        )),
    }
}

/// Builtin types whose positional sub-pattern matches the subject itself.
fn self_matching(vm: &Vm, cls: &Rc<Type>) -> bool {
    let t = &vm.types;
    [
        &t.bool,
        &t.int,
        &t.float,
        &t.str,
        &t.list,
        &t.tuple,
        &t.dict,
        &t.set,
        &t.frozenset,
        &t.bytes,
    ]
    .iter()
    .any(|b| Rc::ptr_eq(b, cls))
}

fn match_sequence(
    vm: &Vm,
    f: &mut Frame<'_>,
    patterns: &[Pattern],
    subject: &Value,
) -> PyResult<bool> {
    let items: Vec<Value> = match subject {
        Value::List(l) => l.items.borrow().clone(),
        Value::Tuple(t) => t.items.to_vec(),
        Value::Range(_) => super::iter::collect(vm, subject)?,
        Value::Native(_) if type_name(vm, subject) == "deque" => super::iter::collect(vm, subject)?,
        _ => return Ok(false),
    };
    let star = patterns
        .iter()
        .position(|p| matches!(p.kind, PatternKind::Star(_)));
    match star {
        None => {
            if items.len() != patterns.len() {
                return Ok(false);
            }
            for (p, v) in patterns.iter().zip(&items) {
                if !match_pattern(vm, f, p, v)? {
                    return Ok(false);
                }
            }
            Ok(true)
        }
        Some(s) => {
            let after = patterns.len() - s - 1;
            if items.len() < patterns.len() - 1 {
                return Ok(false);
            }
            for (p, v) in patterns[..s].iter().zip(&items[..s]) {
                if !match_pattern(vm, f, p, v)? {
                    return Ok(false);
                }
            }
            let tail_start = items.len() - after;
            for (p, v) in patterns[s + 1..].iter().zip(&items[tail_start..]) {
                if !match_pattern(vm, f, p, v)? {
                    return Ok(false);
                }
            }
            if let PatternKind::Star(Some(name)) = &patterns[s].kind {
                store_name(vm, f, name, Value::list(items[s..tail_start].to_vec()))?;
            }
            Ok(true)
        }
    }
}
