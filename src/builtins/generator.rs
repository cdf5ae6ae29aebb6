//! Methods of generators, coroutines and async generators.

use std::any::Any;
use std::rc::Rc;

use super::add_method;
use crate::eval::suspend::{Resume, Step, gen_close, gen_resume};
use crate::eval::{Args, ExcKind, PyResult, Vm};
use crate::value::generator::GenKind;
use crate::value::{Generator, NativeObject, Type, Value};

pub fn install(vm: &Vm) {
    let g = &vm.types.generator;
    add_method(g, "send", send);
    add_method(g, "throw", throw);
    add_method(g, "close", close);
    add_method(g, "__next__", next);
    add_method(g, "__iter__", iter_self);
    let c = &vm.types.coroutine;
    add_method(c, "send", send);
    add_method(c, "throw", throw);
    add_method(c, "close", close);
    add_method(c, "__await__", coroutine_await);
    let w = &vm.native_type(COROUTINE_WRAPPER);
    add_method(w, "send", send);
    add_method(w, "throw", throw);
    add_method(w, "close", close);
    add_method(w, "__next__", next);
    add_method(w, "__iter__", iter_self);
    let a = &vm.types.async_generator;
    add_method(a, "__aiter__", iter_self);
    add_method(a, "__anext__", super::awaitables::agen_anext);
    add_method(a, "asend", super::awaitables::agen_asend);
    add_method(a, "athrow", super::awaitables::agen_athrow);
    add_method(a, "aclose", super::awaitables::agen_aclose);
}

const COROUTINE_WRAPPER: &str = "coroutine_wrapper";

/// What `coro.__await__()` returns: an iterator that runs the coroutine
/// (`next`, `send`, `throw`, `close`), so that a class's `__await__` can be
/// `return coro.__await__()` or `yield from coro.__await__()`.
pub struct CoroutineWrapper {
    pub coro: Rc<Generator>,
}

impl NativeObject for CoroutineWrapper {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type(COROUTINE_WRAPPER)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn next(&self, vm: &Vm) -> Option<PyResult<Option<Value>>> {
        self.coro.awaited.set(true);
        Some(
            gen_resume(vm, &self.coro, Resume::Send(Value::None)).map(|step| match step {
                Step::Yield(y) => Some(y.into_value()),
                Step::Return(_) => None,
            }),
        )
    }
}

fn coroutine_await(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::native(CoroutineWrapper {
        coro: this(vm, &args)?,
    }))
}

/// The generator (or coroutine) a method runs on: the receiver, or the
/// coroutine behind a `coroutine_wrapper`.
fn this(vm: &Vm, args: &Args) -> PyResult<Rc<Generator>> {
    match args.pos.first() {
        Some(Value::Generator(g)) => Ok(g.clone()),
        Some(v) => match v.downcast::<CoroutineWrapper>() {
            Some(w) => Ok(w.coro.clone()),
            None => Err(vm.type_error("descriptor requires a generator object")),
        },
        None => Err(vm.type_error("descriptor requires a generator object")),
    }
}

/// The result of one step as `send` reports it: the yielded value, or
/// `StopIteration(value)` at the end.
fn step_value(vm: &Vm, step: Step) -> PyResult<Value> {
    match step {
        Step::Yield(y) => Ok(y.into_value()),
        Step::Return(v) => Err(vm.stop_iteration(v)),
    }
}

fn send(vm: &Vm, args: Args) -> PyResult<Value> {
    let g = this(vm, &args)?;
    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
    if g.kind == GenKind::Coroutine {
        g.awaited.set(true);
    }
    let step = gen_resume(vm, &g, Resume::Send(v))?;
    step_value(vm, step)
}

/// `throw(exc)` / `throw(type[, value])`.
fn throw(vm: &Vm, args: Args) -> PyResult<Value> {
    let g = this(vm, &args)?;
    let Some(first) = args.pos.get(1).cloned() else {
        return Err(vm.type_error("throw expected at least 1 argument, got 0"));
    };
    let exc = match (&first, args.pos.get(2)) {
        (Value::Type(_), Some(v)) if !v.is_none() => crate::eval::stmt::to_exception(
            vm,
            crate::eval::call::call(vm, &first, Args::new([v.clone()]))?,
            "exceptions must derive from BaseException",
        )?,
        _ => crate::eval::stmt::to_exception(
            vm,
            first,
            "exceptions must be classes or instances deriving from BaseException, not int",
        )?,
    };
    let step = gen_resume(vm, &g, Resume::Throw(exc))?;
    step_value(vm, step)
}

fn close(vm: &Vm, args: Args) -> PyResult<Value> {
    let g = this(vm, &args)?;
    gen_close(vm, &g)
}

fn next(vm: &Vm, args: Args) -> PyResult<Value> {
    let g = this(vm, &args)?;
    let step = gen_resume(vm, &g, Resume::Send(Value::None))?;
    step_value(vm, step)
}

fn iter_self(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos[0].clone())
}

/// Keeps the `ExcKind` import for future messages.
pub fn is_stop(vm: &Vm, e: &crate::eval::Exc) -> bool {
    vm.exc_is(e, ExcKind::StopIteration)
}
