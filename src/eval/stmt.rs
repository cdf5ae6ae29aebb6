//! The synchronous statement executor.

use std::rc::Rc;

use super::assign::{assign, delete};
use super::expr::{eval, eval_operand, peek_int, store_name};
use super::ops::inplace_op;
use super::protocol::truthy;
use super::{Args, Exc, ExcKind, ExecResult, Flow, Frame, PyResult, Vm};
use crate::ast::{Constant, ExceptHandler, Expr, ExprKind, Stmt, StmtKind, WithItem};
use crate::intern::{Sym, known};
use crate::value::Value;

/// Executes statements in order.
#[inline]
pub fn exec_block(vm: &Vm, f: &mut Frame<'_>, body: &[Stmt]) -> ExecResult {
    for s in body {
        exec_stmt(vm, f, s)?;
    }
    Ok(())
}

/// Executes one statement, recording its position on an escaping exception.
pub fn exec_stmt(vm: &Vm, f: &mut Frame<'_>, s: &Stmt) -> ExecResult {
    vm.position.set((f.file, s.span.start));
    let r = exec_inner(vm, f, s);
    if let Err(Flow::Exc(e)) = &r {
        note_stmt(e, f, s);
    }
    if vm.has_pending_finalizers() {
        finalize_at(vm, f, s);
    }
    r
}

#[cold]
#[inline(never)]
fn note_stmt(e: &Exc, f: &Frame<'_>, s: &Stmt) {
    e.note_position(f.file, s.span);
}

#[cold]
#[inline(never)]
fn finalize_at(vm: &Vm, f: &Frame<'_>, s: &Stmt) {
    vm.position.set((f.file, s.span.start));
    vm.run_finalizers();
}

/// Dispatches on the statement kind; each kind runs in its own function so
/// that cheap statements do not pay for the stack frame of costly ones.
#[inline(always)]
fn exec_inner(vm: &Vm, f: &mut Frame<'_>, s: &Stmt) -> ExecResult {
    match &s.kind {
        StmtKind::Expr(_) => exec_expr_stmt(vm, f, s),
        StmtKind::Assign { .. } => exec_assign(vm, f, s),
        StmtKind::AugAssign { target, op, value } => {
            aug_assign(vm, f, target, *op, value).map_err(Flow::Exc)
        }
        StmtKind::Pass | StmtKind::Global(_) | StmtKind::Nonlocal(_) => Ok(()),
        StmtKind::Break => Err(Flow::Break),
        StmtKind::Continue => Err(Flow::Continue),
        StmtKind::Return(_) => exec_return(vm, f, s),
        StmtKind::If { .. } => exec_if(vm, f, s),
        StmtKind::While { test, body, orelse } => exec_while(vm, f, test, body, orelse),
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => exec_for(vm, f, target, iter, body, orelse),
        _ => exec_cold(vm, f, s),
    }
}

#[inline(never)]
fn exec_expr_stmt(vm: &Vm, f: &mut Frame<'_>, s: &Stmt) -> ExecResult {
    let StmtKind::Expr(e) = &s.kind else {
        unreachable!()
    };
    let v = eval(vm, f, e)?;
    if f.interactive {
        crate::builtins::sys::displayhook(vm, v)?;
    }
    Ok(())
}

#[inline(never)]
fn exec_assign(vm: &Vm, f: &mut Frame<'_>, s: &Stmt) -> ExecResult {
    let StmtKind::Assign { targets, value } = &s.kind else {
        unreachable!()
    };
    let v = eval(vm, f, value)?;
    if let [target] = targets.as_slice() {
        assign(vm, f, target, v)?;
    } else {
        for t in targets {
            assign(vm, f, t, v.clone())?;
        }
    }
    Ok(())
}

#[inline(never)]
fn exec_return(vm: &Vm, f: &mut Frame<'_>, s: &Stmt) -> ExecResult {
    let StmtKind::Return(v) = &s.kind else {
        unreachable!()
    };
    let v = match v {
        Some(e) => eval_operand(vm, f, e)?,
        None => Value::None,
    };
    vm.set_return(v);
    Err(Flow::Return)
}

#[inline(never)]
fn exec_if(vm: &Vm, f: &mut Frame<'_>, s: &Stmt) -> ExecResult {
    let StmtKind::If { test, body, orelse } = &s.kind else {
        unreachable!()
    };
    if eval_cond(vm, f, test)? {
        exec_block(vm, f, body)
    } else {
        exec_block(vm, f, orelse)
    }
}

fn exec_while(
    vm: &Vm,
    f: &mut Frame<'_>,
    test: &Expr,
    body: &[Stmt],
    orelse: &[Stmt],
) -> ExecResult {
    loop {
        vm.checkpoint()?;
        if !eval_cond(vm, f, test)? {
            return exec_block(vm, f, orelse);
        }
        match exec_block(vm, f, body) {
            Ok(()) | Err(Flow::Continue) => {}
            Err(Flow::Break) => return Ok(()),
            Err(other) => return Err(other),
        }
    }
}

fn exec_for(
    vm: &Vm,
    f: &mut Frame<'_>,
    target: &Expr,
    iter: &Expr,
    body: &[Stmt],
    orelse: &[Stmt],
) -> ExecResult {
    let iterable = eval(vm, f, iter)?;
    let mut it = super::iter::PyIter::new(vm, &iterable)?;
    let mut broke = false;
    while let Some(item) = it.next(vm)? {
        assign(vm, f, target, item)?;
        match exec_block(vm, f, body) {
            Ok(()) | Err(Flow::Continue) => {}
            Err(Flow::Break) => {
                broke = true;
                break;
            }
            Err(other) => return Err(other),
        }
    }
    drop(it);
    if !broke {
        exec_block(vm, f, orelse)?;
    }
    Ok(())
}

/// Evaluates the test of an `if`/`while` to a truth value, without
/// materialising `bool` objects for comparisons and `not`/`and`/`or`.
pub fn eval_cond(vm: &Vm, f: &mut Frame<'_>, e: &Expr) -> PyResult<bool> {
    match &e.kind {
        ExprKind::Compare {
            left,
            ops,
            comparators,
        } if ops.len() == 1 => {
            if let (Some(x), Some(y)) = (peek_int(f, left), peek_int(f, &comparators[0]))
                && let Some(b) = super::ops::int_compare(ops[0], x, y)
            {
                return Ok(b);
            }
            let l = eval_operand(vm, f, left)?;
            let r = eval_operand(vm, f, &comparators[0])?;
            let b = super::ops::compare_bool(vm, ops[0], &l, &r);
            l.release();
            r.release();
            b
        }
        ExprKind::UnaryOp {
            op: crate::ast::UnaryOp::Not,
            operand,
        } => Ok(!eval_cond(vm, f, operand)?),
        // `while True:`
        ExprKind::Constant(Constant::True) => Ok(true),
        ExprKind::BoolOp { op, values } => {
            let and = *op == crate::ast::BoolOpKind::And;
            for v in values {
                if eval_cond(vm, f, v)? != and {
                    return Ok(!and);
                }
            }
            Ok(and)
        }
        _ => {
            let v = eval(vm, f, e)?;
            truthy(vm, &v)
        }
    }
}

/// The statements that run rarely (or whose cost dwarfs the dispatch).
#[inline(never)]
fn exec_cold(vm: &Vm, f: &mut Frame<'_>, s: &Stmt) -> ExecResult {
    match &s.kind {
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            simple,
        } => {
            if let Some(v) = value {
                let v = eval(vm, f, v)?;
                assign(vm, f, target, v)?;
            }
            if *simple {
                record_annotation(vm, f, target, annotation)?;
            }
        }
        StmtKind::Delete(targets) => {
            for t in targets {
                delete(vm, f, t)?;
            }
        }
        StmtKind::Assert { test, msg } => {
            let t = eval(vm, f, test)?;
            if !truthy(vm, &t)? {
                let args = match msg {
                    Some(m) => vec![eval(vm, f, m)?],
                    None => vec![],
                };
                return Err(vm.new_exc_args(ExcKind::AssertionError, args).into());
            }
        }
        StmtKind::Raise { exc, cause } => {
            let exc = match exc {
                Some(e) => Some(eval(vm, f, e)?),
                None => None,
            };
            let cause = match cause {
                Some(c) => Some(eval(vm, f, c)?),
                None => None,
            };
            return Err(do_raise(vm, exc, cause)?.into());
        }
        StmtKind::With { items, body, .. } => exec_with(vm, f, items, body)?,
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            is_star,
        } => {
            if *is_star {
                return super::class::exec_try_star(vm, f, body, handlers, orelse, finalbody);
            }
            let r = exec_try_body(vm, f, body, handlers, orelse);
            return run_finally(vm, f, r, finalbody);
        }
        StmtKind::FunctionDef(def) => {
            let decorators = eval_decorators(vm, f, &def.decorators)?;
            let func = super::call::make_function(vm, f, def)?;
            let func = apply_decorators(vm, decorators, func)?;
            store_name(vm, f, &def.binding, func)?;
        }
        StmtKind::ClassDef(cd) => {
            let class = super::class::exec_classdef(vm, f, cd)?;
            store_name(vm, f, &cd.binding, class)?;
        }
        StmtKind::Import(aliases) => {
            for alias in aliases {
                let module = crate::builtins::import_module(vm, &alias.name)?;
                let bound = match alias.asname {
                    Some(_) => module,
                    None => {
                        let top = alias.name.split('.').next().unwrap_or(&alias.name);
                        crate::builtins::import_module(vm, top)?
                    }
                };
                store_name(vm, f, &alias.target, bound)?;
            }
        }
        StmtKind::ImportFrom {
            module,
            names,
            level,
        } => {
            let name = module.clone().unwrap_or_default();
            if *level > 0 {
                return Err(vm
                    .new_exc(
                        ExcKind::ImportError,
                        "attempted relative import with no known parent package",
                    )
                    .into());
            }
            let m = crate::builtins::import_module(vm, &name)?;
            if names.is_empty() {
                crate::builtins::import_star(vm, f, &m)?;
            }
            for alias in names {
                let sym = Sym::new(&alias.name);
                let v = match super::attr::getattr_opt(vm, &m, sym)? {
                    Some(v) => v,
                    None => {
                        return Err(vm
                            .new_exc(
                                ExcKind::ImportError,
                                format!(
                                    "cannot import name '{}' from '{}' (unknown location)",
                                    alias.name, name
                                ),
                            )
                            .into());
                    }
                };
                store_name(vm, f, &alias.target, v)?;
            }
        }
        StmtKind::Match { subject, cases } => {
            let v = eval(vm, f, subject)?;
            for case in cases {
                if super::pattern::match_pattern(vm, f, &case.pattern, &v)? {
                    let guard_ok = match &case.guard {
                        Some(g) => {
                            let g = eval(vm, f, g)?;
                            truthy(vm, &g)?
                        }
                        None => true,
                    };
                    if guard_ok {
                        exec_block(vm, f, &case.body)?;
                        break;
                    }
                }
            }
        }
        _ => unreachable!("exec_inner runs the other statement kinds"),
    }
    Ok(())
}

/// Records `name: annotation` in `__annotations__` of a class body or module.
pub fn record_annotation(
    vm: &Vm,
    f: &mut Frame<'_>,
    target: &Expr,
    annotation: &Expr,
) -> PyResult<()> {
    let ExprKind::Name(n) = &target.kind else {
        return Ok(());
    };
    if f.code.is_some() {
        // Inside a function annotations are not evaluated.
        return Ok(());
    }
    let ann = eval(vm, f, annotation)?;
    let dict = match f.class_ns.clone() {
        Some(ns) => {
            let existing = ns.borrow().get(&known::__annotations__).cloned();
            match existing {
                Some(Value::Dict(d)) => d,
                _ => {
                    let d = Rc::new(crate::value::PyDict::new());
                    ns.borrow_mut()
                        .insert(known::__annotations__, Value::Dict(d.clone()));
                    d
                }
            }
        }
        // The module's `__annotations__` (CPython creates it when the
        // module starts; apy at its first annotation).
        None => match f.globals.get(known::__annotations__) {
            Some(Value::Dict(d)) => d,
            _ => {
                let d = Rc::new(crate::value::PyDict::new());
                f.globals
                    .set(known::__annotations__, Value::Dict(d.clone()));
                d
            }
        },
    };
    dict.set(vm, Value::str(n.id.as_str()), ann)
}

fn aug_assign(
    vm: &Vm,
    f: &mut Frame<'_>,
    target: &Expr,
    op: crate::ast::BinOp,
    value: &Expr,
) -> PyResult<()> {
    match &target.kind {
        ExprKind::Name(n) => {
            if let (Some(x), Some(y)) = (peek_int(f, target), peek_int(f, value))
                && let Some(v) = super::ops::int_op(op, x, y)
            {
                return store_name(vm, f, n, Value::Int(v));
            }
            let cur = super::expr::load_name(vm, f, n)?;
            let rhs = eval_operand(vm, f, value)?;
            if let (Value::Int(x), Value::Int(y)) = (&cur, &rhs)
                && let Some(v) = super::ops::int_op(op, *x, *y)
            {
                std::mem::forget(cur);
                std::mem::forget(rhs);
                return store_name(vm, f, n, Value::Int(v));
            }
            if op == crate::ast::BinOp::Add
                && matches!(cur, Value::Str(_))
                && let Value::Str(t) = &rhs
            {
                drop(cur);
                if append_in_place(f, n, t) {
                    return Ok(());
                }
                let cur = super::expr::load_name(vm, f, n)?;
                let new = inplace_op(vm, op, &cur, &rhs)?;
                drop(cur);
                return store_name(vm, f, n, new);
            }
            let new = inplace_op(vm, op, &cur, &rhs)?;
            drop(cur);
            store_name(vm, f, n, new)
        }
        ExprKind::Attribute { value: obj, attr } => {
            let obj = eval(vm, f, obj)?;
            let cur = super::attr::getattr(vm, &obj, *attr)?;
            let rhs = eval(vm, f, value)?;
            let new = inplace_op(vm, op, &cur, &rhs)?;
            super::attr::setattr(vm, &obj, *attr, new)
        }
        ExprKind::Subscript { value: obj, index } => {
            let obj = eval(vm, f, obj)?;
            let idx = eval(vm, f, index)?;
            let cur = crate::builtins::subscript::getitem(vm, &obj, &idx)?;
            let rhs = eval(vm, f, value)?;
            let new = inplace_op(vm, op, &cur, &rhs)?;
            crate::builtins::subscript::setitem(vm, &obj, idx, new)
        }
        _ => Err(vm.new_exc(ExcKind::SystemError, "invalid augmented assignment target")),
    }
}

/// `name += t` for a string `name` that nothing else references: appends
/// in place (amortised linear, as CPython's in-place concatenation).
/// False when the string is shared (the caller concatenates normally).
fn append_in_place(f: &mut Frame<'_>, n: &crate::ast::NameRef, t: &crate::value::PyStr) -> bool {
    use crate::ast::Slot;
    fn append(slot: &mut Value, t: &crate::value::PyStr) -> bool {
        if let Value::Str(s) = slot
            && let Some(s) = Rc::get_mut(s)
        {
            s.push_str(t);
            return true;
        }
        false
    }
    match n.slot {
        Slot::Local(i) => f.locals.get_mut(i as usize).is_some_and(|v| append(v, t)),
        Slot::Global(i) => match f.globals.slots.try_borrow_mut() {
            Ok(mut slots) => slots.get_mut(i as usize).is_some_and(|v| append(v, t)),
            Err(_) => false,
        },
        _ => false,
    }
}

/// Evaluates decorator expressions (top to bottom).
pub fn eval_decorators(vm: &Vm, f: &mut Frame<'_>, decorators: &[Expr]) -> PyResult<Vec<Value>> {
    decorators.iter().map(|d| eval(vm, f, d)).collect()
}

/// Applies decorators bottom-up.
pub fn apply_decorators(vm: &Vm, decorators: Vec<Value>, mut v: Value) -> PyResult<Value> {
    for d in decorators.into_iter().rev() {
        v = super::call::call(vm, &d, Args::new([v]))?;
    }
    Ok(v)
}

/// The exception a `raise` statement raises: instantiates classes, checks
/// the type, attaches the cause.
pub fn do_raise(vm: &Vm, exc: Option<Value>, cause: Option<Value>) -> PyResult<Exc> {
    let Some(exc) = exc else {
        return match vm.handling.borrow().last() {
            Some(e) => Ok(e.clone()),
            None => Err(vm.runtime_error("No active exception to reraise")),
        };
    };
    let e = to_exception(vm, exc, "exceptions must derive from BaseException")?;
    if let Some(cause) = cause {
        let cause = match cause {
            Value::None => None,
            c => Some(to_exception(
                vm,
                c,
                "exception causes must derive from BaseException",
            )?),
        };
        if let Some(d) = e.0.exc() {
            let mut d = d.borrow_mut();
            d.cause = cause.map(|c| c.value());
            d.suppress_context = true;
        }
    }
    Ok(e)
}

/// An exception instance from a raised value: an instance, or a class
/// called with no arguments.
pub fn to_exception(vm: &Vm, v: Value, msg: &str) -> PyResult<Exc> {
    match &v {
        Value::Instance(inst) if inst.exc().is_some() => Ok(Exc(inst.clone())),
        Value::Type(t) if t.is_subtype(vm.exc_type(ExcKind::BaseException)) => {
            let e = super::call::call(vm, &v, Args::default())?;
            match e {
                Value::Instance(inst) if inst.exc().is_some() => Ok(Exc(inst)),
                _ => Err(vm.type_error(msg)),
            }
        }
        _ => Err(vm.type_error(msg)),
    }
}

/// Runs a `try` body with its handlers and `else`.
fn exec_try_body(
    vm: &Vm,
    f: &mut Frame<'_>,
    body: &[Stmt],
    handlers: &[ExceptHandler],
    orelse: &[Stmt],
) -> ExecResult {
    match exec_block(vm, f, body) {
        Ok(()) => exec_block(vm, f, orelse),
        Err(Flow::Exc(e)) => {
            for h in handlers {
                if handler_matches(vm, f, h, &e)? {
                    return run_handler(vm, f, h, e);
                }
            }
            Err(Flow::Exc(e))
        }
        Err(other) => Err(other),
    }
}

/// Does `except <typ>` catch `e`?
pub fn handler_matches(vm: &Vm, f: &mut Frame<'_>, h: &ExceptHandler, e: &Exc) -> PyResult<bool> {
    if e.is_uncatchable() {
        return Ok(false);
    }
    let Some(typ) = &h.typ else {
        return Ok(true);
    };
    let t = eval(vm, f, typ)?;
    exception_matches(vm, e, &t)
}

/// `isinstance(e, t)` for an `except` clause, with CPython's error for a
/// non-exception class.
pub fn exception_matches(vm: &Vm, e: &Exc, t: &Value) -> PyResult<bool> {
    if e.is_uncatchable() {
        return Ok(false);
    }
    match t {
        Value::Type(cls) if cls.is_subtype(vm.exc_type(ExcKind::BaseException)) => {
            Ok(e.0.class.is_subtype(cls))
        }
        Value::Tuple(items) => {
            for item in items.items.iter() {
                if exception_matches(vm, e, item)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(
            vm.type_error("catching classes that do not inherit from BaseException is not allowed")
        ),
    }
}

/// Runs an `except` handler body with `e` being handled.
fn run_handler(vm: &Vm, f: &mut Frame<'_>, h: &ExceptHandler, e: Exc) -> ExecResult {
    if let Some(d) = e.0.exc() {
        d.borrow_mut().pending = None;
    }
    if let Some(name) = &h.name {
        store_name(vm, f, name, e.value())?;
    }
    let r = with_handling(vm, e.clone(), || exec_block(vm, f, &h.body));
    if let Some(name) = &h.name {
        // `except E as name` unbinds the name afterwards.
        let _ = super::expr::delete_name(vm, f, name);
    }
    r
}

/// Runs `body` with `e` as the exception being handled: exceptions escaping
/// it get `e` as their `__context__`.
pub fn with_handling<T>(
    vm: &Vm,
    e: Exc,
    body: impl FnOnce() -> Result<T, Flow>,
) -> Result<T, Flow> {
    vm.handling.borrow_mut().push(e.clone());
    let r = body();
    vm.handling.borrow_mut().pop();
    if let Err(Flow::Exc(new)) = &r {
        set_context(new, &e);
    }
    r
}

/// Sets `new.__context__ = old` as raising during handling does.
pub fn set_context(new: &Exc, old: &Exc) {
    if Rc::ptr_eq(&new.0, &old.0) {
        return;
    }
    if let Some(d) = new.0.exc() {
        // Avoid creating a cycle: CPython breaks it the same way.
        let mut cur = old.clone();
        loop {
            let next = match cur.0.exc() {
                Some(cd) => cd.borrow().context.clone(),
                None => None,
            };
            match next {
                Some(Value::Instance(i)) => {
                    if Rc::ptr_eq(&i, &new.0) {
                        if let Some(cd) = cur.0.exc() {
                            cd.borrow_mut().context = None;
                        }
                        break;
                    }
                    cur = Exc(i);
                }
                _ => break,
            }
        }
        let mut d = d.borrow_mut();
        if d.context.is_none() {
            d.context = Some(old.value());
        }
    }
}

/// Runs a `finally` block after `r`: the block's own outcome wins if it
/// raises, returns, breaks or continues.
pub fn run_finally(vm: &Vm, f: &mut Frame<'_>, r: ExecResult, finalbody: &[Stmt]) -> ExecResult {
    if finalbody.is_empty() {
        return r;
    }
    let aside = vm.set_return_aside(&r);
    let fr = match &r {
        Err(Flow::Exc(e)) => with_handling(vm, e.clone(), || exec_block(vm, f, finalbody)),
        _ => exec_block(vm, f, finalbody),
    };
    match fr {
        Ok(()) => {
            vm.restore_return(aside);
            r
        }
        Err(other) => Err(other),
    }
}

/// `with a as x, b as y: body`.
fn exec_with(vm: &Vm, f: &mut Frame<'_>, items: &[WithItem], body: &[Stmt]) -> ExecResult {
    let Some((first, rest)) = items.split_first() else {
        return exec_block(vm, f, body);
    };
    let mgr = eval(vm, f, &first.context)?;
    let (exit, entered) = enter_context(vm, &mgr)?;
    let r = (|| {
        if let Some(t) = &first.target {
            assign(vm, f, t, entered)?;
        }
        exec_with(vm, f, rest, body)
    })();
    exit_context(vm, &mgr, &exit, r)
}

/// Calls `__enter__`, returning the bound `__exit__` and the entered value.
pub fn enter_context(vm: &Vm, mgr: &Value) -> PyResult<(Value, Value)> {
    let class = vm.type_of(mgr);
    let (Some(enter), Some(exit)) = (
        class.lookup(known::__enter__),
        class.lookup(known::__exit__),
    ) else {
        let missing = if class.lookup(known::__enter__).is_none() {
            ""
        } else {
            " (missed __exit__ method)"
        };
        let msg = format!(
            "'{}' object does not support the context manager protocol{missing}",
            class.name
        );
        return Err(vm.type_error(msg));
    };
    let exit = super::attr::descr_get(vm, &exit, Some(mgr), &class)?;
    let enter = super::attr::descr_get(vm, &enter, Some(mgr), &class)?;
    let entered = super::call::call(vm, &enter, Args::default())?;
    Ok((exit, entered))
}

/// Calls `__exit__` with the body's outcome; a true result swallows an
/// exception.
pub fn exit_context(vm: &Vm, _mgr: &Value, exit: &Value, r: ExecResult) -> ExecResult {
    match r {
        Err(Flow::Exc(e)) => {
            let args = Args::new([
                Value::Type(e.0.class.clone()),
                e.value(),
                crate::builtins::frames::traceback_of(&e),
            ]);
            let suppress = with_handling(vm, e.clone(), || {
                let v = super::call::call(vm, exit, args)?;
                Ok(truthy(vm, &v)?)
            })?;
            if suppress && !e.is_uncatchable() {
                Ok(())
            } else {
                Err(Flow::Exc(e))
            }
        }
        other => {
            let aside = vm.set_return_aside(&other);
            super::call::call(vm, exit, Args::new([Value::None, Value::None, Value::None]))?;
            vm.restore_return(aside);
            other
        }
    }
}
