//! The synchronous expression evaluator.
//!
//! Expressions without a suspension point are evaluated here, also inside
//! coroutines and generators; `suspend` handles the ones that contain
//! `await` or `yield`.

use std::rc::Rc;

use super::attr::{call_method_value, getattr};
use super::call::{call, make_function};
use super::ops::{binary_op, compare, int_op, unary_op};
use super::protocol::{truthy, type_name};
use super::{Args, Exc, Frame, PyResult, Vm};
use crate::ast::{
    BoolOpKind, CmpOp, Constant, Expr, ExprKind, FStringPart, Keyword, NameRef, Slot,
};
use crate::intern::{Sym, known};
use crate::value::{Instance, PyDict, PySet, PySlice, PyStr, Value};

/// Evaluates an expression that contains no suspension point.
///
/// A thin dispatcher: each kind has its own function (called in tail
/// position), so the cheap kinds do not pay for the stack frame of the
/// expensive ones.
pub fn eval(vm: &Vm, f: &mut Frame<'_>, e: &Expr) -> PyResult<Value> {
    match &e.kind {
        ExprKind::Name(n) => {
            if let Slot::Local(i) = n.slot
                && let Some(v) = f.locals.get(i as usize)
                && !matches!(v, Value::Unbound)
            {
                return Ok(v.clone());
            }
            load_name(vm, f, n)
        }
        ExprKind::Constant(Constant::Int(i)) => Ok(Value::Int(*i)),
        ExprKind::BinOp { .. } => eval_binop(vm, f, e),
        ExprKind::Call { .. } => eval_call(vm, f, e),
        ExprKind::Compare { .. } => eval_compare(vm, f, e),
        ExprKind::Attribute { .. } => eval_attribute(vm, f, e),
        ExprKind::Subscript { .. } => eval_subscript(vm, f, e),
        _ => eval_cold(vm, f, e),
    }
}

#[inline(never)]
fn eval_binop(vm: &Vm, f: &mut Frame<'_>, e: &Expr) -> PyResult<Value> {
    let ExprKind::BinOp { left, op, right } = &e.kind else {
        unreachable!()
    };
    if let Some(x) = peek_int(f, left)
        && let Some(y) = peek_int(f, right)
        && let Some(v) = int_op(*op, x, y)
    {
        return Ok(Value::Int(v));
    }
    let l = eval_operand(vm, f, left)?;
    if let Value::Int(x) = l
        && let Some(y) = peek_int(f, right)
        && let Some(v) = int_op(*op, x, y)
    {
        std::mem::forget(l);
        return Ok(Value::Int(v));
    }
    let r = eval_operand(vm, f, right)?;
    if let (Value::Int(x), Value::Int(y)) = (&l, &r)
        && let Some(v) = int_op(*op, *x, *y)
    {
        std::mem::forget(l);
        std::mem::forget(r);
        return Ok(Value::Int(v));
    }
    let v = binary_op(vm, *op, &l, &r);
    l.release();
    r.release();
    v
}

#[inline(never)]
fn eval_compare(vm: &Vm, f: &mut Frame<'_>, e: &Expr) -> PyResult<Value> {
    let ExprKind::Compare {
        left,
        ops,
        comparators,
    } = &e.kind
    else {
        unreachable!()
    };
    if ops.len() != 1 {
        return eval_chained_compare(vm, f, left, ops, comparators);
    }
    if let (Some(x), Some(y)) = (peek_int(f, left), peek_int(f, &comparators[0]))
        && let Some(b) = super::ops::int_compare(ops[0], x, y)
    {
        return Ok(Value::Bool(b));
    }
    let l = eval_operand(vm, f, left)?;
    let r = eval_operand(vm, f, &comparators[0])?;
    let v = compare_value(vm, ops[0], &l, &r);
    l.release();
    r.release();
    v
}

#[inline(never)]
fn eval_attribute(vm: &Vm, f: &mut Frame<'_>, e: &Expr) -> PyResult<Value> {
    let ExprKind::Attribute { value, attr } = &e.kind else {
        unreachable!()
    };
    // A local object is read in place, without a reference count round trip.
    if let ExprKind::Name(NameRef {
        slot: Slot::Local(i),
        ..
    }) = &value.kind
        && let Some(obj) = f.locals.get(*i as usize)
        && !matches!(obj, Value::Unbound)
    {
        return getattr(vm, obj, *attr);
    }
    let obj = eval(vm, f, value)?;
    getattr(vm, &obj, *attr)
}

#[inline(never)]
fn eval_subscript(vm: &Vm, f: &mut Frame<'_>, e: &Expr) -> PyResult<Value> {
    let ExprKind::Subscript { value, index } = &e.kind else {
        unreachable!()
    };
    let obj = eval(vm, f, value)?;
    let idx = eval_operand(vm, f, index)?;
    crate::builtins::subscript::getitem(vm, &obj, &idx)
}

fn eval_chained_compare(
    vm: &Vm,
    f: &mut Frame<'_>,
    left: &Expr,
    ops: &[CmpOp],
    comparators: &[Expr],
) -> PyResult<Value> {
    let mut l = eval(vm, f, left)?;
    for (i, (op, rhs)) in ops.iter().zip(comparators).enumerate() {
        let r = eval(vm, f, rhs)?;
        let result = compare(vm, *op, &l, &r)?;
        if i + 1 == ops.len() {
            return Ok(result);
        }
        if !truthy(vm, &result)? {
            return Ok(result);
        }
        l = r;
    }
    Ok(Value::Bool(true))
}

/// The value of `e` if it is an int that can be read without evaluating
/// anything (an int constant, or a local or global variable holding an
/// int): lets int arithmetic and comparisons skip building `Value`s.
#[inline(always)]
pub fn peek_int(f: &Frame<'_>, e: &Expr) -> Option<i64> {
    match &e.kind {
        ExprKind::Constant(Constant::Int(i)) => Some(*i),
        ExprKind::Name(NameRef {
            slot: Slot::Local(i),
            ..
        }) => match f.locals.get(*i as usize) {
            Some(Value::Int(x)) => Some(*x),
            _ => None,
        },
        ExprKind::Name(NameRef {
            slot: Slot::Global(i),
            ..
        }) => match f.globals.slots.try_borrow().ok()?.get(*i as usize) {
            Some(Value::Int(x)) => Some(*x),
            _ => None,
        },
        _ => None,
    }
}

/// Evaluates an operand: local variables and int constants inline, the
/// rest through [`eval`].
#[inline(always)]
pub fn eval_operand(vm: &Vm, f: &mut Frame<'_>, e: &Expr) -> PyResult<Value> {
    match &e.kind {
        ExprKind::Name(NameRef {
            slot: Slot::Local(i),
            ..
        }) => {
            if let Some(v) = f.locals.get(*i as usize)
                && !matches!(v, Value::Unbound)
            {
                return Ok(v.clone());
            }
        }
        ExprKind::Constant(Constant::Int(i)) => return Ok(Value::Int(*i)),
        // `x is None`'s operand.
        ExprKind::Constant(Constant::None) => return Ok(Value::None),
        _ => {}
    }
    eval(vm, f, e)
}

/// `a op b` for a single comparison, with the int fast path inline.
#[inline]
fn compare_value(vm: &Vm, op: CmpOp, l: &Value, r: &Value) -> PyResult<Value> {
    if let (Value::Int(_), Value::Int(_)) = (l, r) {
        return super::ops::compare_bool(vm, op, l, r).map(Value::Bool);
    }
    compare(vm, op, l, r)
}

/// The expression kinds that are rare on hot paths.
#[inline(never)]
fn eval_cold(vm: &Vm, f: &mut Frame<'_>, e: &Expr) -> PyResult<Value> {
    match &e.kind {
        ExprKind::Constant(c) => Ok(constant(c)),
        ExprKind::BoolOp { op, values } => {
            let mut last = Value::None;
            for (i, v) in values.iter().enumerate() {
                last = eval(vm, f, v)?;
                if i + 1 < values.len() {
                    let t = truthy(vm, &last)?;
                    if (*op == BoolOpKind::And) != t {
                        return Ok(last);
                    }
                }
            }
            Ok(last)
        }
        ExprKind::UnaryOp { op, operand } => {
            let v = eval(vm, f, operand)?;
            unary_op(vm, *op, &v)
        }
        ExprKind::IfExp { test, body, orelse } => {
            let t = eval(vm, f, test)?;
            if truthy(vm, &t)? {
                eval(vm, f, body)
            } else {
                eval(vm, f, orelse)
            }
        }
        ExprKind::List(items) => Ok(Value::list(eval_items(vm, f, items)?)),
        ExprKind::Tuple(items) => Ok(Value::tuple(eval_items(vm, f, items)?)),
        ExprKind::Set(items) => {
            let set = PySet::new(false);
            for v in eval_items(vm, f, items)? {
                set.add(vm, v)?;
            }
            Ok(Value::Set(Rc::new(set)))
        }
        ExprKind::Dict { keys, values } => {
            let dict = PyDict::new();
            for (k, v) in keys.iter().zip(values) {
                match k {
                    Some(k) => {
                        let key = eval(vm, f, k)?;
                        let value = eval(vm, f, v)?;
                        dict.set(vm, key, value)?;
                    }
                    None => {
                        let m = eval(vm, f, v)?;
                        dict_update_from_mapping(vm, &dict, &m)?;
                    }
                }
            }
            Ok(Value::Dict(Rc::new(dict)))
        }
        ExprKind::NamedExpr { target, value } => {
            let v = eval(vm, f, value)?;
            store_name(vm, f, target, v.clone())?;
            Ok(v)
        }
        ExprKind::Lambda(def) => make_function(vm, f, def),
        ExprKind::Comprehension(comp) => super::call::run_comprehension(vm, f, comp),
        ExprKind::FString(parts) => Ok(Value::string(eval_fstring(vm, f, parts)?)),
        ExprKind::Slice { lower, upper, step } => {
            let mut get = |x: &Option<Box<Expr>>| -> PyResult<Value> {
                match x {
                    Some(x) => eval(vm, f, x),
                    None => Ok(Value::None),
                }
            };
            Ok(Value::Slice(Rc::new(PySlice {
                start: get(lower)?,
                stop: get(upper)?,
                step: get(step)?,
            })))
        }
        ExprKind::Starred(_) => Err(vm.new_exc(
            super::ExcKind::SystemError,
            "starred expression in an invalid place",
        )),
        ExprKind::Await(_) | ExprKind::Yield(_) | ExprKind::YieldFrom(_) => Err(vm.new_exc(
            super::ExcKind::SystemError,
            "suspension point reached the synchronous evaluator",
        )),
        ExprKind::Name(_)
        | ExprKind::Compare { .. }
        | ExprKind::BinOp { .. }
        | ExprKind::Call { .. }
        | ExprKind::Attribute { .. }
        | ExprKind::Subscript { .. } => unreachable!("eval handles the hot kinds"),
    }
}

/// Evaluates a call expression `e`.
#[inline(never)]
fn eval_call(vm: &Vm, f: &mut Frame<'_>, e: &Expr) -> PyResult<Value> {
    let ExprKind::Call {
        func,
        args,
        keywords,
    } = &e.kind
    else {
        unreachable!()
    };
    if keywords.is_empty() && !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
        if let ExprKind::Attribute { value, attr } = &func.kind {
            if let ExprKind::Call { .. } = &value.kind
                && let Some(r) = super_method_call(vm, f, e, value, *attr, args)
            {
                return r;
            }
            let obj = eval(vm, f, value)?;
            return call_method_exprs(vm, f, e, obj, *attr, args);
        }
        let callee = eval(vm, f, func)?;
        return call_exprs(vm, f, e, &callee, args);
    }
    eval_call_general(vm, f, e, func, args, keywords)
}

/// A call with keyword or starred arguments.
#[inline(never)]
fn eval_call_general(
    vm: &Vm,
    f: &mut Frame<'_>,
    e: &Expr,
    func: &Expr,
    args: &[Expr],
    keywords: &[Keyword],
) -> PyResult<Value> {
    let result = if let ExprKind::Attribute { value, attr } = &func.kind {
        let obj = eval(vm, f, value)?;
        let args = eval_args(vm, f, args, keywords)?;
        call_method_value(vm, &obj, *attr, args)
    } else {
        let callee = eval(vm, f, func)?;
        let args = eval_args(vm, f, args, keywords)?;
        call(vm, &callee, args)
    };
    result.inspect_err(|exc| {
        exc.note_position(f.file, e.span);
    })
}

/// Records the call's position on an exception raised by the call itself
/// (not by evaluating its arguments).
#[inline]
fn at_call(file: u32, e: &Expr) -> impl FnOnce(Exc) -> Exc + '_ {
    move |exc| {
        exc.note_position(file, e.span);
        exc
    }
}

/// Evaluates positional argument expressions (none starred) into `out`.
#[inline]
fn push_args(
    vm: &Vm,
    f: &mut Frame<'_>,
    args: &[Expr],
    out: &mut impl Extend<Value>,
) -> PyResult<()> {
    for a in args {
        let v = eval(vm, f, a)?;
        out.extend(std::iter::once(v));
    }
    Ok(())
}

/// Calls the Python function `func` with `self_arg` (if any) and the values
/// of `args` as positional arguments. Functions with plain positional
/// parameters get their frame built directly, the arguments evaluated into
/// its locals.
#[inline(never)]
fn call_py(
    vm: &Vm,
    f: &mut Frame<'_>,
    e: &Expr,
    func: &Rc<crate::value::Function>,
    self_arg: Option<Value>,
    args: &[Expr],
) -> PyResult<Value> {
    let file = f.file;
    let def = &func.def;
    let p = &def.params;
    let scope = &def.scope;
    let given = args.len() + self_arg.is_some() as usize;
    let n_pos = p.posonly.len() + p.args.len();
    let n_locals = scope.local_names.len();
    let simple = given <= n_pos
        && given + func.defaults.len() >= n_pos
        && p.vararg.is_none()
        && p.kwonly.is_empty()
        && p.kwarg.is_none()
        && scope.n_cellvars == 0
        && !scope.is_generator
        && !def.is_async
        && func.native.get().is_none();
    if !simple {
        let mut locals = super::NO_LOCALS;
        locals.extend(self_arg);
        for a in args {
            locals.push(eval_operand(vm, f, a)?);
        }
        return super::call::call_function_pos(vm, func, locals).map_err(at_call(file, e));
    }
    let mut locals = super::NO_LOCALS;
    if let Some(s) = self_arg {
        locals.push(s);
    }
    for a in args {
        locals.push(eval_operand(vm, f, a)?);
    }
    if given < n_pos {
        let first_default = n_pos - func.defaults.len();
        for i in given..n_pos {
            locals.push(func.defaults[i - first_default].clone());
        }
    }
    while locals.len() < n_locals {
        locals.push(Value::Unbound);
    }
    // No cell variables (checked above): the cells are the closure's.
    let mut frame = super::call::function_frame(func, &mut locals, &func.closure);
    super::call::run_frame(vm, &mut frame, &def.body).map_err(at_call(file, e))
}

/// `callee(args)` with plain positional arguments. Always inlined: it is
/// the body of every plain call, and `await_call` calling it too made the
/// inliner keep it out of line (fib: +3.5% instructions).
#[inline(always)]
pub(super) fn call_exprs(
    vm: &Vm,
    f: &mut Frame<'_>,
    e: &Expr,
    callee: &Value,
    args: &[Expr],
) -> PyResult<Value> {
    let file = f.file;
    match callee {
        Value::Function(func) => call_py(vm, f, e, func, None, args),
        Value::Type(t) if !t.is_builtin && t.layout == crate::value::object::Layout::Object => {
            if super::attr::type_flags(vm, t) & super::attr::tflag::DEFAULT_NEW != 0
                && let Some(Value::Function(init)) = t.lookup(known::__init__)
            {
                // Making the instance first is unobservable: the default
                // `__new__` has no side effects.
                let obj = Value::Instance(Instance::new_rc(t.clone()));
                let r = call_py(vm, f, e, &init, Some(obj.clone()), args)?;
                if !r.is_none() {
                    return Err(at_call(file, e)(vm.type_error(format!(
                        "__init__() should return None, not '{}'",
                        type_name(vm, &r)
                    ))));
                }
                return Ok(obj);
            }
            let mut a = Args::default();
            push_args(vm, f, args, &mut a.pos)?;
            call(vm, callee, a).map_err(at_call(file, e))
        }
        _ => {
            let mut a = Args::default();
            push_args(vm, f, args, &mut a.pos)?;
            if a.pos.is_empty()
                && let Value::Builtin(b) = callee
                && let Some(r) = crate::builtins::functions::frame_builtin(vm, f, b.name)
            {
                return r.map_err(at_call(file, e));
            }
            call(vm, callee, a).map_err(at_call(file, e))
        }
    }
}

thread_local! {
    static SUPER: Sym = Sym::new("super");
}

/// `super(cls, obj).name(args)` (what the resolver makes of `super()` in a
/// method) without creating the `super` object and a bound method when
/// the attribute found is a Python function. `None` when `sup` is not a
/// call of the builtin `super` with two plain arguments (nothing has been
/// evaluated then).
#[inline(never)]
fn super_method_call(
    vm: &Vm,
    f: &mut Frame<'_>,
    e: &Expr,
    sup: &Expr,
    name: Sym,
    args: &[Expr],
) -> Option<PyResult<Value>> {
    let ExprKind::Call {
        func,
        args: sargs,
        keywords,
    } = &sup.kind
    else {
        return None;
    };
    let ExprKind::Name(n) = &func.kind else {
        return None;
    };
    if !keywords.is_empty() || sargs.len() != 2 || n.id != SUPER.with(|s| *s) {
        return None;
    }
    if sargs.iter().any(|a| matches!(a.kind, ExprKind::Starred(_))) {
        return None;
    }
    // Reading a name has no side effects, so bailing out after it is safe.
    let callee = load_name(vm, f, n).ok()?;
    match &callee {
        Value::Type(t) if Rc::ptr_eq(t, &vm.types.super_) => {}
        _ => return None,
    }
    Some(super_method_call_with(
        vm, f, e, sup, &callee, name, sargs, args,
    ))
}

#[allow(clippy::too_many_arguments)]
fn super_method_call_with(
    vm: &Vm,
    f: &mut Frame<'_>,
    e: &Expr,
    sup: &Expr,
    super_type: &Value,
    name: Sym,
    sargs: &[Expr],
    args: &[Expr],
) -> PyResult<Value> {
    let file = f.file;
    let start = eval(vm, f, &sargs[0])?;
    let obj = eval(vm, f, &sargs[1])?;
    // The method, when `super(start, obj)` is valid, `obj` an instance,
    // and the attribute a plain function.
    let method = match (&start, &obj) {
        (Value::Type(start), Value::Instance(inst)) if inst.class.is_subtype(start) => inst
            .class
            .mro_iter()
            .skip_while(|t| !Rc::ptr_eq(t, start))
            .skip(1)
            .find_map(|t| t.dict.borrow().get(&name).cloned()),
        _ => None,
    };
    if let Some(Value::Function(func)) = method {
        return call_py(vm, f, e, &func, Some(obj), args);
    }
    let s = call(vm, super_type, Args::new([start, obj])).map_err(at_call(file, sup))?;
    let m = getattr(vm, &s, name).map_err(at_call(file, e))?;
    let mut a = Args::default();
    push_args(vm, f, args, &mut a.pos)?;
    call(vm, &m, a).map_err(at_call(file, e))
}

/// `obj.name(args)` with plain positional arguments: Python methods of
/// instances and builtin methods are called without a bound method.
pub(super) fn call_method_exprs(
    vm: &Vm,
    f: &mut Frame<'_>,
    e: &Expr,
    obj: Value,
    name: Sym,
    args: &[Expr],
) -> PyResult<Value> {
    let file = f.file;
    let builtin = match &obj {
        Value::Instance(_) => {
            if let Some(func) = super::attr::plain_method(vm, &obj, name) {
                return call_py(vm, f, e, &func, Some(obj.clone()), args);
            }
            None
        }
        Value::Type(_) | Value::Module(_) | Value::Function(_) => None,
        // As `getattr_opt` looks: the object's own attributes first.
        Value::Native(n) if n.getattr(vm, name).is_some() => None,
        _ => super::attr::type_builtin_method(vm, &obj, name),
    };
    if let Some(b) = builtin {
        let mut a = Args::default();
        a.pos.push(obj.clone());
        push_args(vm, f, args, &mut a.pos)?;
        vm.check_builtin_call(&b).map_err(at_call(file, e))?;
        return (b.func)(vm, a).map_err(at_call(file, e));
    }
    let m = getattr(vm, &obj, name).map_err(at_call(file, e))?;
    let mut a = Args::default();
    push_args(vm, f, args, &mut a.pos)?;
    call(vm, &m, a).map_err(at_call(file, e))
}

/// The run-time value of a literal.
pub fn constant(c: &Constant) -> Value {
    match c {
        Constant::None => Value::None,
        Constant::True => Value::Bool(true),
        Constant::False => Value::Bool(false),
        Constant::Ellipsis => Value::Ellipsis,
        Constant::Int(i) => Value::Int(*i),
        Constant::BigInt(b) => Value::BigInt(b.clone()),
        Constant::Float(x) => Value::Float(*x),
        Constant::Str(s) => Value::Str(Rc::new(PyStr::new(s.to_string()))),
        Constant::Bytes(b) => crate::builtins::bytes::PyBytes::value(b.to_vec(), false),
        // Reported as unsupported by the resolver; never evaluated.
        Constant::Imaginary(_) => Value::None,
    }
}

/// Reads a variable.
#[inline(never)]
pub fn load_name(vm: &Vm, f: &Frame<'_>, n: &NameRef) -> PyResult<Value> {
    match n.slot {
        Slot::Local(i) => {
            if let Some(v) = f.locals.get(i as usize)
                && !matches!(v, Value::Unbound)
            {
                return Ok(v.clone());
            }
        }
        Slot::Global(i) => {
            if let Ok(slots) = f.globals.slots.try_borrow()
                && let Some(v) = slots.get(i as usize)
                && !matches!(v, Value::Unbound)
            {
                return Ok(v.clone());
            }
        }
        _ => {}
    }
    load_name_slow(vm, f, n)
}

#[inline(never)]
fn load_name_slow(vm: &Vm, f: &Frame<'_>, n: &NameRef) -> PyResult<Value> {
    match n.slot {
        Slot::Local(i) => match &f.locals[i as usize] {
            Value::Unbound => Err(unbound_local(vm, n.id)),
            v => Ok(v.clone()),
        },
        Slot::Global(i) => load_global(vm, f, i, n.id),
        Slot::Cell(i) => load_cell(vm, f, i, n.id),
        Slot::ClassGlobal(i) => match class_lookup(f, n.id) {
            Some(v) => Ok(v),
            None => load_global(vm, f, i, n.id),
        },
        Slot::ClassCell(i) => match class_lookup(f, n.id) {
            Some(v) => Ok(v),
            None => load_cell(vm, f, i, n.id),
        },
        Slot::Unresolved => Err(vm.new_exc(
            super::ExcKind::SystemError,
            format!("unresolved name '{}'", n.id),
        )),
    }
}

fn class_lookup(f: &Frame<'_>, name: Sym) -> Option<Value> {
    f.class_ns.as_ref()?.borrow().get(&name).cloned()
}

fn load_global(vm: &Vm, f: &Frame<'_>, i: u32, name: Sym) -> PyResult<Value> {
    if let Some(v) = f.globals.slots.borrow().get(i as usize)
        && !matches!(v, Value::Unbound)
    {
        return Ok(v.clone());
    }
    match vm.builtins.borrow().get(&name) {
        Some(v) => Ok(v.clone()),
        None => {
            let e = crate::builtins::missing::missing_name(vm, name);
            crate::builtins::suggest::note_name_scope(vm, &e, f);
            Err(e)
        }
    }
}

fn load_cell(vm: &Vm, f: &Frame<'_>, i: u32, name: Sym) -> PyResult<Value> {
    let cell = &f.cells[i as usize];
    let v = cell.value.borrow();
    match &*v {
        Value::Unbound => {
            if i < f.own_cells {
                Err(unbound_local(vm, name))
            } else {
                Err(vm.new_exc(
                    super::ExcKind::NameError,
                    format!(
                        "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                    ),
                ))
            }
        }
        v => Ok(v.clone()),
    }
}

/// `UnboundLocalError` for reading `name` before assignment.
pub fn unbound_local(vm: &Vm, name: Sym) -> Exc {
    vm.new_exc(
        super::ExcKind::UnboundLocalError,
        format!("cannot access local variable '{name}' where it is not associated with a value"),
    )
}

/// Binds a variable.
pub fn store_name(vm: &Vm, f: &mut Frame<'_>, n: &NameRef, v: Value) -> PyResult<()> {
    match n.slot {
        Slot::Local(i) => f.locals[i as usize] = v,
        Slot::Global(i) => {
            let mut slots = f.globals.slots.borrow_mut();
            if let Some(s) = slots.get_mut(i as usize) {
                *s = v;
            }
        }
        Slot::Cell(i) => *f.cells[i as usize].value.borrow_mut() = v,
        Slot::ClassGlobal(_) | Slot::ClassCell(_) => {
            if let Some(ns) = &f.class_ns {
                ns.borrow_mut().insert(n.id, v);
            }
        }
        Slot::Unresolved => {
            return Err(vm.new_exc(
                super::ExcKind::SystemError,
                format!("unresolved name '{}'", n.id),
            ));
        }
    }
    Ok(())
}

/// Unbinds a variable (`del name`).
pub fn delete_name(vm: &Vm, f: &mut Frame<'_>, n: &NameRef) -> PyResult<()> {
    let was_bound = match n.slot {
        Slot::Local(i) => !matches!(std::mem::take(&mut f.locals[i as usize]), Value::Unbound),
        Slot::Global(i) => {
            let mut slots = f.globals.slots.borrow_mut();
            match slots.get_mut(i as usize) {
                Some(s) => !matches!(std::mem::take(s), Value::Unbound),
                None => false,
            }
        }
        Slot::Cell(i) => !matches!(
            std::mem::take(&mut *f.cells[i as usize].value.borrow_mut()),
            Value::Unbound
        ),
        Slot::ClassGlobal(_) | Slot::ClassCell(_) => match &f.class_ns {
            Some(ns) => ns.borrow_mut().shift_remove(&n.id).is_some(),
            None => false,
        },
        Slot::Unresolved => false,
    };
    if was_bound {
        Ok(())
    } else if matches!(n.slot, Slot::Local(_)) {
        Err(unbound_local(vm, n.id))
    } else {
        let e = vm.name_error(n.id.as_str());
        crate::builtins::suggest::note_name_scope(vm, &e, f);
        Err(e)
    }
}

/// Evaluates display items, expanding `*iterable`.
pub fn eval_items(vm: &Vm, f: &mut Frame<'_>, items: &[Expr]) -> PyResult<Vec<Value>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if let ExprKind::Starred(inner) = &item.kind {
            let v = eval(vm, f, inner)?;
            super::iter::extend_from_iterable(vm, &mut out, &v)?;
        } else {
            out.push(eval(vm, f, item)?);
        }
    }
    Ok(out)
}

/// Evaluates call arguments.
pub fn eval_args(
    vm: &Vm,
    f: &mut Frame<'_>,
    args: &[Expr],
    keywords: &[Keyword],
) -> PyResult<Args> {
    let mut out = Args::default();
    for a in args {
        if let ExprKind::Starred(inner) = &a.kind {
            let v = eval(vm, f, inner)?;
            star_args(vm, &mut out, v)?;
        } else {
            out.pos.push(eval(vm, f, a)?);
        }
    }
    for k in keywords {
        let v = eval(vm, f, &k.value)?;
        add_keyword(vm, &mut out, k.arg, v)?;
    }
    Ok(out)
}

/// Appends `*v` to positional arguments.
pub fn star_args(vm: &Vm, out: &mut Args, v: Value) -> PyResult<()> {
    match &v {
        Value::Tuple(t) => out.pos.extend(t.items.iter().cloned()),
        Value::List(l) => out.pos.extend(l.items.borrow().iter().cloned()),
        _ => {
            let mut items = Vec::new();
            if super::iter::extend_from_iterable(vm, &mut items, &v).is_err() {
                return Err(vm.type_error(format!(
                    "Value after * must be an iterable, not {}",
                    type_name(vm, &v)
                )));
            }
            out.pos.extend(items);
        }
    }
    Ok(())
}

/// Adds `name=v` (or `**v` when `name` is `None`) to the keyword arguments.
pub fn add_keyword(vm: &Vm, out: &mut Args, name: Option<Sym>, v: Value) -> PyResult<()> {
    match name {
        Some(name) => out.kw.push((name, v)),
        None => {
            let Value::Dict(d) = &v else {
                return Err(vm.type_error(format!(
                    "argument after ** must be a mapping, not {}",
                    type_name(vm, &v)
                )));
            };
            for (k, val) in d.items() {
                let Value::Str(s) = &k else {
                    return Err(vm.type_error("keywords must be strings"));
                };
                let sym = Sym::new(s.as_str());
                if out.kw.iter().any(|(n, _)| *n == sym) {
                    return Err(
                        vm.type_error(format!("got multiple values for keyword argument '{sym}'"))
                    );
                }
                out.kw.push((sym, val));
            }
        }
    }
    Ok(())
}

/// `{**m}`: copies the items of a mapping into `dict`.
pub fn dict_update_from_mapping(vm: &Vm, dict: &PyDict, m: &Value) -> PyResult<()> {
    match m {
        Value::Dict(src) => {
            for (k, v) in src.items() {
                dict.set(vm, k, v)?;
            }
            Ok(())
        }
        _ => {
            let keys = match super::attr::getattr(vm, m, Sym::new("keys")) {
                Ok(k) => k,
                Err(_) => {
                    return Err(
                        vm.type_error(format!("'{}' object is not a mapping", type_name(vm, m)))
                    );
                }
            };
            let keys = call(vm, &keys, Args::default())?;
            let mut it = super::iter::PyIter::new(vm, &keys)?;
            while let Some(k) = it.next(vm)? {
                let v = crate::builtins::subscript::getitem(vm, m, &k)?;
                dict.set(vm, k, v)?;
            }
            Ok(())
        }
    }
}

/// Evaluates an f-string.
pub fn eval_fstring(vm: &Vm, f: &mut Frame<'_>, parts: &[FStringPart]) -> PyResult<String> {
    let mut out = String::new();
    for part in parts {
        match part {
            FStringPart::Literal(s) => out.push_str(s),
            FStringPart::Field(field) => {
                let v = eval(vm, f, &field.value)?;
                let spec = match &field.format_spec {
                    Some(spec) => Some(eval_fstring(vm, f, spec)?),
                    None => None,
                };
                format_field(vm, &mut out, field, v, spec)?;
            }
        }
    }
    Ok(out)
}

/// Appends one formatted f-string field: debug text, conversion, spec.
pub fn format_field(
    vm: &Vm,
    out: &mut String,
    field: &crate::ast::FStringField,
    v: Value,
    spec: Option<String>,
) -> PyResult<()> {
    if let Some(text) = &field.debug_text {
        out.push_str(text);
    }
    // `{x=}` without conversion or spec uses repr.
    let conversion = match field.conversion {
        None if field.debug_text.is_some() && spec.is_none() => Some('r'),
        c => c,
    };
    let v = match conversion {
        Some('r') => Value::string(super::protocol::repr(vm, &v)?),
        Some('s') => Value::string(super::protocol::str_of(vm, &v)?),
        Some('a') => Value::string(crate::builtins::repr::ascii(&super::protocol::repr(
            vm, &v,
        )?)),
        _ => v,
    };
    out.push_str(&crate::builtins::format::format_value(
        vm,
        &v,
        spec.as_deref().unwrap_or(""),
    )?);
    Ok(())
}

/// Compares with `in`/`not in`/`is`/`is not` shortcut used by `compare`.
pub fn is_identity_op(op: CmpOp) -> bool {
    matches!(op, CmpOp::Is | CmpOp::IsNot)
}
