//! What `await` can wait on besides coroutines: asyncio futures and tasks,
//! and the awaitables that async generators' `__anext__`, `asend`, `athrow`
//! and `aclose` return.

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use crate::eval::suspend::Resume;
use crate::eval::{Args, ExcKind, PyResult, Vm};
use crate::value::{Generator, NativeObject, Type, Value};

/// How to await a Rust-implemented awaitable.
pub enum AwaitPlan {
    /// An asyncio future: yield it to the task until it is done.
    Future(Value),
    /// Resume an async generator (first resume, and whether it is closing).
    AsyncGen(Rc<Generator>, Resume, bool),
    /// Already has its value.
    Ready(Value),
    /// Drive this iterator (an `__await__` result).
    Iterator(Value),
}

/// The asyncio future operations the evaluator needs (filled in by the
/// asyncio module; a plain table keeps the evaluator independent of it).
pub struct FutureOps {
    pub done: fn(&Value) -> bool,
    pub set_blocking: fn(&Value, bool),
    pub result: fn(&Vm, &Value) -> PyResult<Value>,
    /// Finishes a parked native coroutine whose wait gave `r`.
    pub finish_parked: fn(&Vm, &crate::value::func::Parked, PyResult<Value>) -> PyResult<Value>,
}

fn no_done(_: &Value) -> bool {
    true
}

fn no_blocking(_: &Value, _: bool) {}

fn no_result(vm: &Vm, _: &Value) -> PyResult<Value> {
    Err(vm.runtime_error("asyncio is not available"))
}

fn no_finish(vm: &Vm, _: &crate::value::func::Parked, _: PyResult<Value>) -> PyResult<Value> {
    Err(vm.runtime_error("asyncio is not available"))
}

/// The future operations.
pub fn future_ops() -> FutureOps {
    crate::stdlib::asyncio_future_ops().unwrap_or(FutureOps {
        done: no_done,
        set_blocking: no_blocking,
        result: no_result,
        finish_parked: no_finish,
    })
}

/// The await plan for a native object, if it is awaitable.
pub fn native_await(vm: &Vm, n: &Rc<dyn NativeObject>) -> Option<PyResult<AwaitPlan>> {
    if let Some(op) = n.as_any().downcast_ref::<AsyncGenOp>() {
        if op.used.replace(true) {
            return Some(Err(
                vm.runtime_error("cannot reuse already awaited __anext__()/asend()")
            ));
        }
        let resume = match &op.kind {
            OpKind::Send(v) => Resume::Send(v.clone()),
            OpKind::Throw(e) => Resume::Throw(e.clone()),
            OpKind::Close => Resume::Throw(vm.new_exc_args(ExcKind::GeneratorExit, vec![])),
        };
        if matches!(op.kind, OpKind::Close) && (!op.agen.started.get() || op.agen.finished.get()) {
            op.agen.finished.set(true);
            return Some(Ok(AwaitPlan::Ready(Value::None)));
        }
        return Some(Ok(AwaitPlan::AsyncGen(
            op.agen.clone(),
            resume,
            matches!(op.kind, OpKind::Close),
        )));
    }
    crate::stdlib::native_await(vm, n)
}

enum OpKind {
    Send(Value),
    Throw(crate::eval::Exc),
    Close,
}

/// The awaitable returned by `agen.__anext__()`, `asend`, `athrow`, `aclose`.
pub struct AsyncGenOp {
    agen: Rc<Generator>,
    kind: OpKind,
    used: Cell<bool>,
}

impl NativeObject for AsyncGenOp {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type(match self.kind {
            OpKind::Close | OpKind::Throw(_) => "async_generator_athrow",
            OpKind::Send(_) => "async_generator_asend",
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn agen(vm: &Vm, args: &Args) -> PyResult<Rc<Generator>> {
    match args.pos.first() {
        Some(Value::Generator(g)) => Ok(g.clone()),
        _ => Err(vm.type_error("descriptor requires an async_generator object")),
    }
}

fn op(vm: &Vm, args: &Args, kind: OpKind) -> PyResult<Value> {
    Ok(Value::native(AsyncGenOp {
        agen: agen(vm, args)?,
        kind,
        used: Cell::new(false),
    }))
}

pub fn agen_anext(vm: &Vm, args: Args) -> PyResult<Value> {
    op(vm, &args, OpKind::Send(Value::None))
}

pub fn agen_asend(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
    op(vm, &args, OpKind::Send(v))
}

pub fn agen_athrow(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = args.pos.get(1).cloned().unwrap_or(Value::None);
    let e = crate::eval::stmt::to_exception(vm, v, "exceptions must derive from BaseException")?;
    op(vm, &args, OpKind::Throw(e))
}

pub fn agen_aclose(vm: &Vm, args: Args) -> PyResult<Value> {
    op(vm, &args, OpKind::Close)
}

/// `anext(aiterator[, default])`.
pub fn builtin_anext(vm: &Vm, args: Args) -> PyResult<Value> {
    super::check_args(vm, &args, "anext", 1, 2)?;
    let it = &args.pos[0];
    let awaitable = match it {
        Value::Generator(g) if g.kind == crate::value::generator::GenKind::AsyncGenerator => {
            op(vm, &args, OpKind::Send(Value::None))?
        }
        _ => {
            if crate::eval::attr::lookup_special(vm, it, crate::intern::known::__anext__).is_none()
            {
                return Err(vm.type_error(format!(
                    "'{}' object is not an async iterator",
                    crate::eval::protocol::type_name(vm, it)
                )));
            }
            crate::eval::attr::call_method(
                vm,
                it,
                crate::intern::known::__anext__,
                Args::default(),
            )?
        }
    };
    let Some(default) = args.pos.get(1).cloned() else {
        return Ok(awaitable);
    };
    // `anext(it, default)`: an awaitable giving `default` at the end.
    let vm_s = vm.as_static();
    let body: crate::value::generator::Body = Box::pin(async move {
        match crate::eval::suspend::await_on(vm_s, awaitable).await {
            Err(e) if vm_s.exc_is(&e, ExcKind::StopAsyncIteration) => Ok(default),
            r => r,
        }
    });
    let g = Generator::new(
        crate::value::generator::GenKind::Coroutine,
        crate::value::func::Names::same("anext_awaitable"),
        body,
    );
    g.awaited.set(true);
    Ok(Value::Generator(Rc::new(g)))
}
