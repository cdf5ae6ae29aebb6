//! Coroutines of the Python part of asyncio whose steps run in Rust.
//!
//! `asyncio.sleep`, `Event.wait`, `Queue.get` and `Queue.put` stay Python
//! functions (`async def` in `py/asyncio.py`: same signature, name, repr,
//! `iscoroutinefunction`), but a call of one builds its coroutine's body
//! here, from the arguments the call bound. Every program that waits goes
//! through them, and a body written in Rust holds a few words while it is
//! suspended where the tree-walker holds a frame and a future per level.
//! Each body takes the steps of its Python source, in the same order and
//! through the same attribute lookups on `self` (so a subclass that
//! overrides `full` or `_get_loop` is still called), and runs its
//! `finally` and `except` clauses on every way out, a thrown-in
//! `GeneratorExit` or `CancelledError` included.

use std::rc::Rc;

use super::event_loop::{Callback, EventLoop, Handle};
use super::{clock, running_loop};
use crate::ast::CmpOp;
use crate::eval::protocol::truthy;
use crate::eval::suspend::{Channel, Resume, Yielded, await_on, future_await, suspend};
use crate::eval::{Args, ExcKind, Frame, PyResult, Vm};
use crate::intern::Sym;
use crate::value::func::NativeBody;
use crate::value::generator::Body;
use crate::value::{Function, Value};

/// The native body registered for the asyncio function `name`
/// (`_native_coroutine(func, name)` in `py/asyncio.py`).
pub fn lookup(name: &str) -> Option<NativeBody> {
    Some(match name {
        "sleep" => sleep_body,
        "Event.wait" => event_wait_body,
        "Queue.get" => queue_get_body,
        "Queue.put" => queue_put_body,
        _ => return None,
    })
}

/// `_native_coroutine(func, name)`: calls of `func` run the native body
/// registered as `name`.
pub fn register(vm: &Vm, args: Args) -> PyResult<Value> {
    let func = args.pos.first().cloned().unwrap_or(Value::None);
    let name = args.pos.get(1).cloned().unwrap_or(Value::None);
    let (Value::Function(f), Value::Str(name)) = (&func, &name) else {
        return Err(vm.type_error("_native_coroutine(func, name)"));
    };
    let Some(body) = lookup(name.as_str()) else {
        return Err(vm.value_error(format!("no native body named {}", name.as_str())));
    };
    set_native_body(f, body);
    Ok(Value::None)
}

fn set_native_body(f: &Rc<Function>, body: NativeBody) {
    f.native_body.set(Some(body));
}

/// The channel of a call's frame and the first `N` arguments it bound.
fn unpack<const N: usize>(mut frame: Frame) -> (Rc<Channel>, [Value; N]) {
    let channel = frame.channel.take().unwrap_or_default();
    let args = std::array::from_fn(|i| {
        frame
            .locals
            .get_mut(i)
            .map(std::mem::take)
            .unwrap_or(Value::None)
    });
    (channel, args)
}

fn call_method(vm: &Vm, obj: &Value, name: &str, args: Vec<Value>) -> PyResult<Value> {
    crate::eval::attr::call_method(vm, obj, Sym::new(name), Args::new(args))
}

fn getattr(vm: &Vm, obj: &Value, name: &str) -> PyResult<Value> {
    crate::eval::attr::getattr(vm, obj, Sym::new(name))
}

/// Runs a `finally` clause after `r`: its own exception replaces `r`'s
/// (chained to it, as Python chains an exception raised in `finally`).
fn finally<T>(r: PyResult<T>, clause: PyResult<Value>) -> PyResult<T> {
    match clause {
        Ok(_) => r,
        Err(new) => {
            if let Err(old) = &r {
                crate::eval::stmt::set_context(&new, old);
            }
            Err(new)
        }
    }
}

/// Cancels a timer handle when dropped: `finally: h.cancel()`.
struct CancelOnDrop(Rc<Handle>, Rc<EventLoop>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel(&self.1);
    }
}

/// ```python
/// async def sleep(delay, result=None):
///     if delay <= 0:
///         await __sleep0()
///         return result
///     loop = events.get_running_loop()
///     future = loop.create_future()
///     h = loop.call_later(delay, futures._set_result_unless_cancelled, future, result)
///     try:
///         return await future
///     finally:
///         h.cancel()
/// ```
fn sleep_body(vm: &'static Vm, frame: Frame) -> Body {
    let (ch, [delay, result]) = unpack(frame);
    Box::pin(async move {
        if crate::eval::ops::compare_bool(vm, CmpOp::LtE, &delay, &Value::Int(0))? {
            // `__sleep0()`: a bare yield, which the task answers by
            // scheduling its next step.
            return match suspend(&ch, Yielded::Await(Value::None)).await {
                Resume::Send(_) => Ok(result),
                Resume::Throw(e) => Err(e),
            };
        }
        let lp = running_loop(vm)?;
        let future = super::methods::new_future(&lp);
        let when = clock(vm).monotonic() + super::methods::to_seconds(vm, &delay)?;
        let target = future.clone();
        let h = lp.call_at(
            when,
            Callback::Native(Rc::new(move |vm| {
                set_result_unless_cancelled(vm, &target, result.clone())
            })),
        );
        let _cancel = CancelOnDrop(h, lp);
        future_await(vm, &ch, future).await
    })
}

/// `futures._set_result_unless_cancelled(fut, result)`.
fn set_result_unless_cancelled(vm: &Vm, fut: &Value, result: Value) -> PyResult<()> {
    let Some(core) = super::future::core_of(fut) else {
        return Ok(());
    };
    if core.state.get() == super::future::FutState::Cancelled {
        return Ok(());
    }
    core.set_result(vm, fut, result)
}

/// ```python
/// async def wait(self):
///     if self._value:
///         return True
///     fut = self._get_loop().create_future()
///     self._waiters.append(fut)
///     try:
///         await fut
///         return True
///     finally:
///         self._waiters.remove(fut)
/// ```
fn event_wait_body(vm: &'static Vm, frame: Frame) -> Body {
    let (ch, [this]) = unpack(frame);
    Box::pin(async move {
        if truthy(vm, &getattr(vm, &this, "_value")?)? {
            return Ok(Value::Bool(true));
        }
        let fut = new_waiter(vm, &this)?;
        call_method(
            vm,
            &getattr(vm, &this, "_waiters")?,
            "append",
            vec![fut.clone()],
        )?;
        let r = await_on(vm, &ch, fut.clone())
            .await
            .map(|_| Value::Bool(true));
        let clause = with_handling(vm, &r, || {
            call_method(vm, &getattr(vm, &this, "_waiters")?, "remove", vec![fut])
        });
        finally(r, clause)
    })
}

/// `self._get_loop().create_future()`.
fn new_waiter(vm: &Vm, this: &Value) -> PyResult<Value> {
    let lp = call_method(vm, this, "_get_loop", vec![])?;
    call_method(vm, &lp, "create_future", vec![])
}

/// Runs `clause` (a `finally` or `except` clause) with `r`'s exception,
/// if any, as the one being handled (`sys.exc_info()`, implicit chaining).
fn with_handling<T>(
    vm: &Vm,
    r: &PyResult<T>,
    clause: impl FnOnce() -> PyResult<Value>,
) -> PyResult<Value> {
    match r {
        Err(e) => {
            vm.handling.borrow_mut().push(e.clone());
            let out = clause();
            vm.handling.borrow_mut().pop();
            out
        }
        Ok(_) => clause(),
    }
}

/// The two queue waits: `get` waits while `empty()`, `put` while `full()`.
#[derive(Clone, Copy)]
enum QueueWait {
    Get,
    Put,
}

impl QueueWait {
    fn blocked(self) -> &'static str {
        match self {
            QueueWait::Get => "empty",
            QueueWait::Put => "full",
        }
    }
    fn waiters(self) -> &'static str {
        match self {
            QueueWait::Get => "_getters",
            QueueWait::Put => "_putters",
        }
    }
}

/// ```python
/// async def get(self):
///     while self.empty():
///         getter = self._get_loop().create_future()
///         self._getters.append(getter)
///         try:
///             await getter
///         except:
///             getter.cancel()  # Just in case getter is not done yet.
///             try:
///                 self._getters.remove(getter)
///             except ValueError:
///                 pass
///             if not self.empty() and not getter.cancelled():
///                 self._wakeup_next(self._getters)
///             raise
///     return self.get_nowait()
/// ```
fn queue_get_body(vm: &'static Vm, frame: Frame) -> Body {
    let (ch, [this]) = unpack(frame);
    Box::pin(async move {
        queue_wait(vm, &ch, &this, QueueWait::Get).await?;
        call_method(vm, &this, "get_nowait", vec![])
    })
}

/// `Queue.put(self, item)`: as `get`, with `full`, `_putters` and
/// `return self.put_nowait(item)`.
fn queue_put_body(vm: &'static Vm, frame: Frame) -> Body {
    let (ch, [this, item]) = unpack(frame);
    Box::pin(async move {
        queue_wait(vm, &ch, &this, QueueWait::Put).await?;
        call_method(vm, &this, "put_nowait", vec![item])
    })
}

/// The `while self.empty():` (or `full()`) loop of `Queue.get` / `put`.
async fn queue_wait(
    vm: &'static Vm,
    ch: &Rc<Channel>,
    this: &Value,
    wait: QueueWait,
) -> PyResult<()> {
    while truthy(vm, &call_method(vm, this, wait.blocked(), vec![])?)? {
        vm.checkpoint()?;
        let waiter = new_waiter(vm, this)?;
        call_method(
            vm,
            &getattr(vm, this, wait.waiters())?,
            "append",
            vec![waiter.clone()],
        )?;
        if let Err(e) = await_on(vm, ch, waiter.clone()).await {
            vm.handling.borrow_mut().push(e.clone());
            let r = queue_wait_failed(vm, this, wait, &waiter);
            vm.handling.borrow_mut().pop();
            return Err(match r {
                Ok(()) => e,
                Err(new) => {
                    crate::eval::stmt::set_context(&new, &e);
                    new
                }
            });
        }
    }
    Ok(())
}

/// The bare `except:` clause of the queue waits, up to its `raise`.
fn queue_wait_failed(vm: &Vm, this: &Value, wait: QueueWait, waiter: &Value) -> PyResult<()> {
    call_method(vm, waiter, "cancel", vec![])?;
    let waiters = getattr(vm, this, wait.waiters())?;
    if let Err(e) = call_method(vm, &waiters, "remove", vec![waiter.clone()]) {
        if !vm.exc_is(&e, ExcKind::ValueError) {
            return Err(e);
        }
    }
    if !truthy(vm, &call_method(vm, this, wait.blocked(), vec![])?)?
        && !truthy(vm, &call_method(vm, waiter, "cancelled", vec![])?)?
    {
        let waiters = getattr(vm, this, wait.waiters())?;
        call_method(vm, this, "_wakeup_next", vec![waiters])?;
    }
    Ok(())
}
