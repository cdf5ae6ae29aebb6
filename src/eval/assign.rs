//! Assignment targets: names, attributes, subscripts and (nested, starred)
//! unpacking; and `del`.

use super::attr::{delattr, setattr};
use super::expr::{delete_name, eval, store_name};
use super::protocol::type_name;
use super::{Frame, PyResult, Vm};
use crate::ast::{Expr, ExprKind};
use crate::value::Value;

/// Binds `value` to the target expression `target`.
#[inline]
pub fn assign(vm: &Vm, f: &mut Frame<'_>, target: &Expr, value: Value) -> PyResult<()> {
    if let ExprKind::Name(crate::ast::NameRef {
        slot: crate::ast::Slot::Local(i),
        ..
    }) = &target.kind
        && let Some(slot) = f.locals.get_mut(*i as usize)
    {
        let old = std::mem::replace(slot, value);
        old.release();
        return Ok(());
    }
    assign_general(vm, f, target, value)
}

#[inline(never)]
fn assign_general(vm: &Vm, f: &mut Frame<'_>, target: &Expr, value: Value) -> PyResult<()> {
    match &target.kind {
        ExprKind::Name(n) => store_name(vm, f, n, value),
        ExprKind::Attribute { value: obj, attr } => {
            let obj = eval(vm, f, obj)?;
            setattr(vm, &obj, *attr, value)
        }
        ExprKind::Subscript { value: obj, index } => {
            let obj = eval(vm, f, obj)?;
            let idx = eval(vm, f, index)?;
            crate::builtins::subscript::setitem(vm, &obj, idx, value)
        }
        ExprKind::Tuple(targets) | ExprKind::List(targets) => {
            let items = unpack(vm, &value, targets)?;
            for (t, v) in targets.iter().zip(items) {
                let t = match &t.kind {
                    ExprKind::Starred(inner) => inner,
                    _ => t,
                };
                assign(vm, f, t, v)?;
            }
            Ok(())
        }
        _ => Err(vm.new_exc(super::ExcKind::SystemError, "invalid assignment target")),
    }
}

/// Splits `value` into one value per target (a starred target receives a
/// list), with CPython's messages for a count mismatch.
pub fn unpack(vm: &Vm, value: &Value, targets: &[Expr]) -> PyResult<Vec<Value>> {
    let star = targets
        .iter()
        .position(|t| matches!(t.kind, ExprKind::Starred(_)));
    let items: Vec<Value> = match value {
        Value::Tuple(t) => t.items.to_vec(),
        Value::List(l) => l.items.borrow().clone(),
        _ => {
            let mut it = match super::iter::PyIter::new(vm, value) {
                Ok(it) => it,
                Err(e) if vm.exc_is(&e, super::ExcKind::TypeError) => {
                    return Err(vm.type_error(format!(
                        "cannot unpack non-iterable {} object",
                        type_name(vm, value)
                    )));
                }
                Err(e) => return Err(e),
            };
            let mut items = Vec::new();
            match star {
                None => {
                    // Stop one past the expected count, as CPython does.
                    while items.len() <= targets.len() {
                        match it.next(vm)? {
                            Some(v) => items.push(v),
                            None => break,
                        }
                    }
                }
                Some(_) => {
                    while let Some(v) = it.next(vm)? {
                        items.push(v);
                    }
                }
            }
            items
        }
    };
    let n = targets.len();
    match star {
        None => {
            if items.len() > n {
                return Err(vm.value_error(format!("too many values to unpack (expected {n})")));
            }
            if items.len() < n {
                return Err(vm.value_error(format!(
                    "not enough values to unpack (expected {n}, got {})",
                    items.len()
                )));
            }
            Ok(items)
        }
        Some(s) => {
            let after = n - s - 1;
            if items.len() < n - 1 {
                return Err(vm.value_error(format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    n - 1,
                    items.len()
                )));
            }
            let mut items = items;
            let tail = items.split_off(items.len() - after);
            let middle = items.split_off(s);
            items.push(Value::list(middle));
            items.extend(tail);
            Ok(items)
        }
    }
}

/// `del target`.
pub fn delete(vm: &Vm, f: &mut Frame<'_>, target: &Expr) -> PyResult<()> {
    match &target.kind {
        ExprKind::Name(n) => delete_name(vm, f, n),
        ExprKind::Attribute { value, attr } => {
            let obj = eval(vm, f, value)?;
            delattr(vm, &obj, *attr)
        }
        ExprKind::Subscript { value, index } => {
            let obj = eval(vm, f, value)?;
            let idx = eval(vm, f, index)?;
            crate::builtins::subscript::delitem(vm, &obj, &idx)
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for t in items {
                delete(vm, f, t)?;
            }
            Ok(())
        }
        _ => Err(vm.new_exc(super::ExcKind::SystemError, "invalid delete target")),
    }
}
