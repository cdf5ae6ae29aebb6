//! Functions of the Python part of asyncio whose steps run in Rust.
//!
//! `asyncio.sleep`, `Event.wait`, the queue methods, ... stay Python
//! functions (`def` / `async def` in `py/asyncio.py`: same signature,
//! name, repr, `iscoroutinefunction`), but a call of one runs the code
//! here on the arguments the call bound (for a coroutine function: builds
//! its coroutine's body). Every program that waits or passes items goes
//! through them: a coroutine body written in Rust holds a few words while
//! it is suspended where the tree-walker holds a frame and a future per
//! level, and a native method costs no frame at all.
//! Each body takes the steps of its Python source, in the same order and
//! through the same attribute lookups on `self` (so a subclass that
//! overrides `full` or `_get_loop` is still called), and runs its
//! `finally` and `except` clauses on every way out, a thrown-in
//! `GeneratorExit` or `CancelledError` included.

use std::rc::Rc;

use super::event_loop::{Callback, EventLoop, Handle};
use super::plain_queue;
use super::{clock, running_loop};
use crate::ast::CmpOp;
use crate::eval::protocol::truthy;
use crate::eval::suspend::{Resume, Yielded, await_on, future_await, suspend};
use crate::eval::{Args, ExcKind, Locals, PyResult, Vm};
use crate::intern::Sym;
use crate::value::func::{
    NativeBody, NativeCall, NativeCoroutine, NativeImpl, NativeStart, Parked, ParkedThen, Started,
};
use crate::value::generator::Body;
use crate::value::{Function, Value};

/// The native code for the asyncio function whose qualified name is
/// `name` (`_native(func)` in `py/asyncio.py`).
fn lookup(name: &str) -> Option<NativeImpl> {
    let coroutine = |body: NativeBody, start: Option<NativeStart>| {
        Some(NativeImpl::Coroutine(NativeCoroutine { body, start }))
    };
    let call = |c: NativeCall| Some(NativeImpl::Call(c));
    match name {
        "sleep" => coroutine(sleep_body, None),
        "Event.wait" => coroutine(event_wait_body, Some(event_wait_start)),
        "Queue.get" => coroutine(queue_get_body, Some(queue_get_start)),
        "Queue.put" => coroutine(queue_put_body, Some(queue_put_start)),
        "Queue._get" => call(queue_underscore_get),
        "Queue._put" => call(queue_underscore_put),
        "Queue._wakeup_next" => call(queue_wakeup_next),
        "Queue.qsize" => call(queue_qsize),
        "Queue.empty" => call(queue_empty),
        "Queue.full" => call(queue_full),
        "Queue.put_nowait" => call(queue_put_nowait),
        "Queue.get_nowait" => call(queue_get_nowait),
        "Event.clear" => call(event_clear),
        _ => None,
    }
}

/// `_native(func)`: calls of `func` run the native code registered under
/// its qualified name.
pub fn register(vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Function(f)) = args.pos.first() else {
        return Err(vm.type_error("_native(func)"));
    };
    let name = f.qualname();
    let Some(native) = lookup(&name) else {
        return Err(vm.value_error(format!("no native code for {name}")));
    };
    f.native.set(Some(native));
    plain_queue::record_original(&name, f);
    Ok(Value::None)
}

/// The first `N` parameters a call bound.
fn unpack<const N: usize>(mut locals: Locals) -> [Value; N] {
    std::array::from_fn(|i| locals.get_mut(i).map(std::mem::take).unwrap_or(Value::None))
}

/// `obj.name(*args)`; a native method of an instance's class runs
/// directly on `[obj, *args]`, without building an argument list.
fn call_method(vm: &Vm, obj: &Value, name: Sym, args: Vec<Value>) -> PyResult<Value> {
    if let Some(func) = crate::eval::attr::plain_method(vm, obj, name)
        && let Some(native) = crate::eval::call::direct_native(&func, args.len() + 1)
    {
        let mut all = smallvec::SmallVec::<[Value; 3]>::new();
        all.push(obj.clone());
        all.extend(args);
        let _guard = vm.enter_call()?;
        return native(vm, &func, &all);
    }
    crate::eval::attr::call_method(vm, obj, name, Args::new(args))
}

fn getattr(vm: &Vm, obj: &Value, name: Sym) -> PyResult<Value> {
    crate::eval::attr::getattr(vm, obj, name)
}

/// Declares [`Names`]: the attribute names the bodies use, interned once
/// (they run per item passed through a queue; `Sym::new` takes a lock).
macro_rules! names {
    ($($name:ident),* $(,)?) => {
        #[allow(non_snake_case)]
        struct Names { $($name: Sym),* }
        impl Names {
            fn new() -> Names {
                Names { $($name: Sym::new(stringify!($name))),* }
            }
        }
    };
}

names!(
    _value,
    _waiters,
    _get_loop,
    create_future,
    append,
    remove,
    _getters,
    _putters,
    empty,
    full,
    get_nowait,
    put_nowait,
    cancel,
    cancelled,
    _wakeup_next,
    _queue,
    popleft,
    done,
    set_result,
    _maxsize,
    qsize,
    _put,
    _get,
    _unfinished_tasks,
    _finished,
    clear,
    QueueFull,
    QueueEmpty,
);

/// The interned [`Names`].
fn n() -> &'static Names {
    static NAMES: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    NAMES.get_or_init(Names::new)
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
fn sleep_body(vm: &'static Vm, locals: Locals) -> Body {
    let [delay, result] = unpack(locals);
    Box::pin(async move {
        if crate::eval::ops::compare_bool(vm, CmpOp::LtE, &delay, &Value::Int(0))? {
            // `__sleep0()`: a bare yield, which the task answers by
            // scheduling its next step.
            return match suspend(vm, Yielded::Await(Value::None)).await {
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
        future_await(vm, future).await
    })
}

/// `futures._set_result_unless_cancelled(fut, result)`.
fn set_result_unless_cancelled(vm: &Vm, fut: &Value, result: Value) -> PyResult<()> {
    let Some(core) = super::future::core_of(fut) else {
        return Ok(());
    };
    if core.state() == super::future::FutState::Cancelled {
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
fn event_wait_body(vm: &'static Vm, locals: Locals) -> Body {
    let [this] = unpack(locals);
    Box::pin(async move {
        match event_wait_begin(vm, &this)? {
            Some(fut) => event_wait_rest(vm, this, fut).await,
            None => Ok(Value::Bool(true)),
        }
    })
}

/// `await event.wait()`: the steps before `await fut`, and then, for an
/// event that is an instance and a future of asyncio's own, the wait
/// parked in the awaiting body's `await` (no body is made).
fn event_wait_start(vm: &'static Vm, args: &mut [Value]) -> Option<Started> {
    let [this] = args else {
        return None;
    };
    Some(match (event_wait_begin(vm, this), &*this) {
        (Err(e), _) => Started::Done(Err(e)),
        (Ok(None), _) => Started::Done(Ok(Value::Bool(true))),
        (Ok(Some(Value::Native(fut))), Value::Instance(inst))
            if super::future::is_future_obj(&fut) =>
        {
            Started::Parked(Parked {
                this: inst.clone(),
                fut,
                then: ParkedThen::EventWait,
                handed_out: false,
            })
        }
        (Ok(Some(fut)), _) => Started::Body(Box::pin(event_wait_rest(vm, this.clone(), fut))),
    })
}

/// The steps of `wait` from `await fut` on.
async fn event_wait_rest(vm: &'static Vm, this: Value, fut: Value) -> PyResult<Value> {
    let r = await_on(vm, fut.clone()).await;
    event_wait_end(vm, &this, fut, r)
}

/// The steps of `wait` before `await fut`: `None` when the event is set,
/// else the future appended to `_waiters`.
fn event_wait_begin(vm: &Vm, this: &Value) -> PyResult<Option<Value>> {
    if truthy(vm, &getattr(vm, this, n()._value)?)? {
        return Ok(None);
    }
    let fut = new_waiter(vm, this)?;
    call_method(
        vm,
        &getattr(vm, this, n()._waiters)?,
        n().append,
        vec![fut.clone()],
    )?;
    Ok(Some(fut))
}

/// The steps of `wait` after `await fut` gave `r`: `return True`, and
/// `finally: self._waiters.remove(fut)`.
pub fn event_wait_end(vm: &Vm, this: &Value, fut: Value, r: PyResult<Value>) -> PyResult<Value> {
    let r = r.map(|_| Value::Bool(true));
    let clause = with_handling(vm, &r, || {
        call_method(vm, &getattr(vm, this, n()._waiters)?, n().remove, vec![fut])
    });
    finally(r, clause)
}

/// `self._get_loop().create_future()`.
fn new_waiter(vm: &Vm, this: &Value) -> PyResult<Value> {
    let lp = call_method(vm, this, n()._get_loop, vec![])?;
    call_method(vm, &lp, n().create_future, vec![])
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
    fn blocked(self) -> Sym {
        match self {
            QueueWait::Get => n().empty,
            QueueWait::Put => n().full,
        }
    }
    /// `self.empty()` (or `full()`).
    fn is_blocked(self, vm: &Vm, this: &Value) -> PyResult<bool> {
        let plain = match self {
            QueueWait::Get => plain_queue::empty(vm, this),
            QueueWait::Put => plain_queue::full(vm, this),
        };
        if let Some(blocked) = plain {
            return Ok(blocked);
        }
        truthy(vm, &call_method(vm, this, self.blocked(), vec![])?)
    }
    fn waiters(self) -> Sym {
        match self {
            QueueWait::Get => n()._getters,
            QueueWait::Put => n()._putters,
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
fn queue_get_body(vm: &'static Vm, locals: Locals) -> Body {
    let [this] = unpack(locals);
    Box::pin(async move {
        // An item ready in a plain queue: no wait, the plain steps.
        if let Some(item) = plain_queue::get_ready(vm, &this)? {
            return Ok(item);
        }
        queue_wait(vm, &this, QueueWait::Get).await?;
        if let Some(item) = plain_queue::get_ready(vm, &this)? {
            return Ok(item);
        }
        call_method(vm, &this, n().get_nowait, vec![])
    })
}

/// `await q.get()` with an item ready in a plain queue.
fn queue_get_start(vm: &'static Vm, args: &mut [Value]) -> Option<Started> {
    plain_queue::get_ready(vm, this(args))
        .transpose()
        .map(Started::Done)
}

/// `await q.put(item)` with room in a plain queue.
fn queue_put_start(vm: &'static Vm, args: &mut [Value]) -> Option<Started> {
    let [this, item] = args else {
        return None;
    };
    match plain_queue::put_if_room(vm, this, std::mem::take(item)) {
        Ok(Ok(())) => Some(Started::Done(Ok(Value::None))),
        Ok(Err(back)) => {
            *item = back;
            None
        }
        Err(e) => Some(Started::Done(Err(e))),
    }
}

/// `Queue.put(self, item)`: as `get`, with `full`, `_putters` and
/// `return self.put_nowait(item)`.
fn queue_put_body(vm: &'static Vm, locals: Locals) -> Body {
    let [this, item] = unpack(locals);
    Box::pin(async move {
        // Room in a plain queue: no wait, the plain steps.
        let Err(item) = plain_queue::put_if_room(vm, &this, item)? else {
            return Ok(Value::None);
        };
        queue_wait(vm, &this, QueueWait::Put).await?;
        let Err(item) = plain_queue::put_if_room(vm, &this, item)? else {
            return Ok(Value::None);
        };
        call_method(vm, &this, n().put_nowait, vec![item])
    })
}

/// The `while self.empty():` (or `full()`) loop of `Queue.get` / `put`.
async fn queue_wait(vm: &'static Vm, this: &Value, wait: QueueWait) -> PyResult<()> {
    while wait.is_blocked(vm, this)? {
        vm.checkpoint()?;
        let waiter = new_waiter(vm, this)?;
        call_method(
            vm,
            &getattr(vm, this, wait.waiters())?,
            n().append,
            vec![waiter.clone()],
        )?;
        let r = await_on(vm, waiter.clone()).await;
        if r.is_err() {
            // The bare `except:` clause ends in `raise`: like a `finally`.
            let clause = with_handling(vm, &r, || queue_wait_failed(vm, this, wait, &waiter));
            return finally(r, clause).map(|_| ());
        }
    }
    Ok(())
}

/// The bare `except:` clause of the queue waits, up to its `raise`.
fn queue_wait_failed(vm: &Vm, this: &Value, wait: QueueWait, waiter: &Value) -> PyResult<Value> {
    call_method(vm, waiter, n().cancel, vec![])?;
    let waiters = getattr(vm, this, wait.waiters())?;
    if let Err(e) = call_method(vm, &waiters, n().remove, vec![waiter.clone()])
        && !vm.exc_is(&e, ExcKind::ValueError)
    {
        return Err(e);
    }
    if !truthy(vm, &call_method(vm, this, wait.blocked(), vec![])?)?
        && !truthy(vm, &call_method(vm, waiter, n().cancelled, vec![])?)?
    {
        let waiters = getattr(vm, this, wait.waiters())?;
        call_method(vm, this, n()._wakeup_next, vec![waiters])?;
    }
    Ok(Value::None)
}

// ----- plain methods ---------------------------------------------------------

fn this(args: &[Value]) -> &Value {
    args.first().unwrap_or(&Value::None)
}

/// `Queue._get(self)`: `return self._queue.popleft()`.
fn queue_underscore_get(vm: &Vm, _: &Function, args: &[Value]) -> PyResult<Value> {
    call_method(
        vm,
        &getattr(vm, this(args), n()._queue)?,
        n().popleft,
        vec![],
    )
}

/// `Queue._put(self, item)`: `self._queue.append(item)`.
fn queue_underscore_put(vm: &Vm, _: &Function, args: &[Value]) -> PyResult<Value> {
    let item = args.get(1).cloned().unwrap_or(Value::None);
    call_method(
        vm,
        &getattr(vm, this(args), n()._queue)?,
        n().append,
        vec![item],
    )?;
    Ok(Value::None)
}

/// ```python
/// def _wakeup_next(self, waiters):
///     while waiters:
///         waiter = waiters.popleft()
///         if not waiter.done():
///             waiter.set_result(None)
///             break
/// ```
fn queue_wakeup_next(vm: &Vm, _: &Function, args: &[Value]) -> PyResult<Value> {
    wakeup_next(vm, args.get(1).unwrap_or(&Value::None))?;
    Ok(Value::None)
}

/// The steps of `_wakeup_next(waiters)`.
pub(super) fn wakeup_next(vm: &Vm, waiters: &Value) -> PyResult<()> {
    // The usual case, nobody waiting in the deque asyncio made: `while
    // waiters` ends at once.
    if waiters
        .downcast::<crate::stdlib::collections::Deque>()
        .is_some_and(|d| d.count() == 0)
    {
        return Ok(());
    }
    while truthy(vm, waiters)? {
        let waiter = call_method(vm, waiters, n().popleft, vec![])?;
        if !truthy(vm, &call_method(vm, &waiter, n().done, vec![])?)? {
            call_method(vm, &waiter, n().set_result, vec![Value::None])?;
            break;
        }
    }
    Ok(())
}

/// `Queue.qsize(self)`: `return len(self._queue)`.
fn queue_qsize(vm: &Vm, _: &Function, args: &[Value]) -> PyResult<Value> {
    let q = getattr(vm, this(args), n()._queue)?;
    Ok(Value::Int(crate::eval::protocol::len(vm, &q)? as i64))
}

/// `Queue.empty(self)`: `return not self._queue`.
fn queue_empty(vm: &Vm, _: &Function, args: &[Value]) -> PyResult<Value> {
    let q = getattr(vm, this(args), n()._queue)?;
    Ok(Value::Bool(!truthy(vm, &q)?))
}

/// ```python
/// def full(self):
///     if self._maxsize <= 0:
///         return False
///     else:
///         return self.qsize() >= self._maxsize
/// ```
fn queue_full(vm: &Vm, _: &Function, args: &[Value]) -> PyResult<Value> {
    let q = this(args);
    let maxsize = getattr(vm, q, n()._maxsize)?;
    if crate::eval::ops::compare_bool(vm, CmpOp::LtE, &maxsize, &Value::Int(0))? {
        return Ok(Value::Bool(false));
    }
    let size = call_method(vm, q, n().qsize, vec![])?;
    let maxsize = getattr(vm, q, n()._maxsize)?;
    crate::eval::ops::compare(vm, CmpOp::GtE, &size, &maxsize)
}

/// Raises the module global `name` (`raise QueueFull`).
fn raise_global(vm: &Vm, func: &Function, name: Sym) -> PyResult<Value> {
    let class = match func.globals.get(name) {
        Some(v) => v,
        None => return Err(vm.name_error(name.as_str())),
    };
    Err(crate::eval::stmt::do_raise(vm, Some(class), None)?)
}

/// ```python
/// def put_nowait(self, item):
///     if self.full():
///         raise QueueFull
///     self._put(item)
///     self._unfinished_tasks += 1
///     self._finished.clear()
///     self._wakeup_next(self._getters)
/// ```
fn queue_put_nowait(vm: &Vm, func: &Function, args: &[Value]) -> PyResult<Value> {
    let q = this(args);
    if truthy(vm, &call_method(vm, q, n().full, vec![])?)? {
        return raise_global(vm, func, n().QueueFull);
    }
    let item = args.get(1).cloned().unwrap_or(Value::None);
    call_method(vm, q, n()._put, vec![item])?;
    let count = getattr(vm, q, n()._unfinished_tasks)?;
    let count = crate::eval::ops::inplace_op(vm, crate::ast::BinOp::Add, &count, &Value::Int(1))?;
    crate::eval::attr::setattr(vm, q, n()._unfinished_tasks, count)?;
    call_method(vm, &getattr(vm, q, n()._finished)?, n().clear, vec![])?;
    let getters = getattr(vm, q, n()._getters)?;
    call_method(vm, q, n()._wakeup_next, vec![getters])?;
    Ok(Value::None)
}

/// ```python
/// def get_nowait(self):
///     if self.empty():
///         raise QueueEmpty
///     item = self._get()
///     self._wakeup_next(self._putters)
///     return item
/// ```
fn queue_get_nowait(vm: &Vm, func: &Function, args: &[Value]) -> PyResult<Value> {
    let q = this(args);
    if truthy(vm, &call_method(vm, q, n().empty, vec![])?)? {
        return raise_global(vm, func, n().QueueEmpty);
    }
    let item = call_method(vm, q, n()._get, vec![])?;
    let putters = getattr(vm, q, n()._putters)?;
    call_method(vm, q, n()._wakeup_next, vec![putters])?;
    Ok(item)
}

/// `Event.clear(self)`: `self._value = False`.
fn event_clear(vm: &Vm, _: &Function, args: &[Value]) -> PyResult<Value> {
    crate::eval::attr::setattr(vm, this(args), n()._value, Value::Bool(false))?;
    Ok(Value::None)
}
