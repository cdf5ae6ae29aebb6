//! `await f(args)` where `f` is a native coroutine function (`asyncio.sleep`,
//! `Event.wait`, `Queue.get`, ...): the awaiting body runs the function's
//! native body itself, inline, instead of making a coroutine
//! object and delegating to it. Nothing can observe the skipped object: it
//! would be awaited at once and dropped, and the steps run are the same.
//! This is what keeps a task parked in `await event.wait()` small and a
//! queue's `await q.get()` cheap.

use std::rc::Rc;

use super::expr::{call_exprs, call_method_exprs, eval, eval_operand};
use super::{Frame, Locals, NO_LOCALS, PyResult, Vm};
use crate::ast::{Expr, ExprKind};
use crate::value::func::{NativeImpl, Parked, Started};
use crate::value::generator::Body;
use crate::value::{Function, Value};

/// What the operand of an `await` gave.
pub enum AwaitedCall {
    /// The operand's value, to await as usual.
    Value(Value),
    /// The body of the native coroutine the operand calls, to run inline
    /// in the awaiting body.
    Native(Body),
    /// The result of the native coroutine the operand calls, which
    /// finished without suspending (see `NativeCoroutine::start`).
    Ready(PyResult<Value>),
    /// The native coroutine the operand calls, waiting on a future.
    Parked(Parked),
}

/// Evaluates `operand`, an `await`'s operand in a body that can suspend; a
/// plain call of a native coroutine function is not made but turned into
/// its body.
pub fn eval_awaited_call(vm: &Vm, f: &mut Frame<'_>, operand: &Expr) -> PyResult<AwaitedCall> {
    let ExprKind::Call {
        func,
        args,
        keywords,
    } = &operand.kind
    else {
        return eval(vm, f, operand).map(AwaitedCall::Value);
    };
    if f.generator.is_none()
        || !keywords.is_empty()
        || args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)))
    {
        return eval(vm, f, operand).map(AwaitedCall::Value);
    }
    let (target, self_arg) = match &func.kind {
        // `super().m()` keeps the evaluator's own handling.
        ExprKind::Attribute { value, .. } if matches!(value.kind, ExprKind::Call { .. }) => {
            return eval(vm, f, operand).map(AwaitedCall::Value);
        }
        ExprKind::Attribute { value, attr } => {
            let obj = eval(vm, f, value)?;
            match native_method(vm, &obj, *attr) {
                Some((func, is_method)) => (func, is_method.then_some(obj)),
                None => {
                    return call_method_exprs(vm, f, operand, obj, *attr, args)
                        .map(AwaitedCall::Value);
                }
            }
        }
        _ => {
            let callee = eval(vm, f, func)?;
            match &callee {
                Value::Function(func) if native_coroutine(func) => (func.clone(), None),
                _ => return call_exprs(vm, f, operand, &callee, args).map(AwaitedCall::Value),
            }
        }
    };
    let mut locals = NO_LOCALS;
    if let Some(s) = self_arg {
        locals.push(s);
    }
    for a in args {
        locals.push(eval_operand(vm, f, a)?);
    }
    if let (Some(_), Some(NativeImpl::Coroutine(native))) = (&f.generator, target.native.get())
        && bind_positional(&target, &mut locals)
    {
        if let Some(start) = native.start
            && let Some(started) = start(vm.as_static(), &mut locals)
        {
            return Ok(match started {
                Started::Done(r) => AwaitedCall::Ready(r),
                Started::Parked(p) => AwaitedCall::Parked(p),
                Started::Body(body) => AwaitedCall::Native(body),
            });
        }
        let body = (native.body)(vm.as_static(), locals);
        return Ok(AwaitedCall::Native(body));
    }
    // The general binder raises the call's TypeError (or binds what the
    // shortcut does not).
    super::call::call_function_pos(vm, &target, locals)
        .inspect_err(|exc| exc.note_position(f.file, operand.span))
        .map(AwaitedCall::Value)
}

fn native_coroutine(func: &Function) -> bool {
    matches!(func.native.get(), Some(NativeImpl::Coroutine(_)))
}

/// `obj.name` when it is a native coroutine function: a method of an
/// instance's class (true: called with `obj` first) or a module's function.
fn native_method(vm: &Vm, obj: &Value, name: crate::intern::Sym) -> Option<(Rc<Function>, bool)> {
    match obj {
        Value::Instance(_) => super::attr::plain_method(vm, obj, name)
            .filter(|f| native_coroutine(f))
            .map(|f| (f, true)),
        Value::Module(m) => match m.dict.borrow().get(&name) {
            Some(Value::Function(f)) if native_coroutine(f) => Some((f.clone(), false)),
            _ => None,
        },
        _ => None,
    }
}

/// Completes positional arguments `args` into the call's parameters
/// (defaults filled in) when they bind one to one; false (`args` as they
/// were) otherwise.
fn bind_positional(func: &Function, args: &mut Locals) -> bool {
    let p = &func.def.params;
    let n_pos = p.posonly.len() + p.args.len();
    if p.vararg.is_some() || !p.kwonly.is_empty() || p.kwarg.is_some() {
        return false;
    }
    // The usual call passes every parameter.
    if args.len() == n_pos {
        return true;
    }
    let first_default = n_pos - func.defaults.len();
    if args.len() > n_pos || args.len() < first_default {
        return false;
    }
    for i in args.len()..n_pos {
        args.push(func.defaults[i - first_default].clone());
    }
    true
}
