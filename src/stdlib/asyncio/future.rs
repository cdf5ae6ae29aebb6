//! `asyncio.Future`: a result that arrives later, with done-callbacks
//! scheduled on the loop — CPython's `_asyncio.Future` semantics.

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use super::event_loop::{Callback, EventLoop};
use super::task::TaskObj;
use crate::eval::{Args, Exc, ExcKind, PyResult, Vm};
use crate::value::{NativeObject, Type, Value};

/// The state of a future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FutState {
    Pending,
    Cancelled,
    Finished,
}

impl FutState {
    pub fn name(self) -> &'static str {
        match self {
            FutState::Pending => "PENDING",
            FutState::Cancelled => "CANCELLED",
            FutState::Finished => "FINISHED",
        }
    }
}

/// An interpreter-internal done-callback.
pub type NativeDoneCallback = Rc<dyn Fn(&Vm, &Value) -> PyResult<()>>;

/// A future's done-callbacks. Almost every future gets exactly one (the
/// task waiting on it, or `gather`'s): kept inline, it costs no allocation
/// (a `Vec` allocates room for four on the first push).
pub type Callbacks = smallvec::SmallVec<[DoneCallback; 1]>;

/// A callback to run when a future is done.
#[derive(Clone)]
pub enum DoneCallback {
    /// A Python callable.
    Py(Value),
    /// `Task.__wakeup` of a task waiting on the future.
    Wakeup(Rc<TaskObj>),
    /// Interpreter-internal (stops the loop in `run_until_complete`).
    Native(NativeDoneCallback),
}

impl DoneCallback {
    pub fn call(&self, vm: &Vm, fut: &Value) -> PyResult<()> {
        match self {
            DoneCallback::Py(f) => {
                crate::eval::call::call(vm, f, Args::new([fut.clone()])).map(|_| ())
            }
            DoneCallback::Wakeup(task) => task.wakeup(vm, fut),
            DoneCallback::Native(f) => f(vm, fut),
        }
    }
}

/// Is `n` an asyncio `Future` or `Task` (one `await` hands out to the
/// task as it is)?
pub fn is_future_obj(n: &Rc<dyn NativeObject>) -> bool {
    let any = n.as_any();
    any.is::<FutureObj>() || any.is::<TaskObj>()
}

/// The state shared by futures and tasks.
pub struct FutureCore {
    pub event_loop: Rc<EventLoop>,
    pub state: Cell<FutState>,
    /// The result or exception, once finished (one field: a future has
    /// either).
    /// (`Cell`s, not `RefCell`s: their values are taken out while they are
    /// read, which no Python code can observe, and every pending future is
    /// a word smaller per field.)
    outcome: Cell<Outcome>,
    callbacks: Cell<Callbacks>,
    /// Set once the future is cancelled (or a task is asked to cancel):
    /// kept apart, as most futures never are.
    cancel_info: Cell<Option<Box<CancelInfo>>>,
    pub log_traceback: Cell<bool>,
    /// `_asyncio_future_blocking`.
    pub blocking: Cell<bool>,
}

/// What a finished future holds.
#[derive(Clone)]
enum Outcome {
    Result(Value),
    Exception(Exc),
}

/// What a cancellation carries.
struct CancelInfo {
    /// `_cancel_message`.
    message: Value,
    /// The `CancelledError` a task's coroutine raised, to raise again
    /// from `result()`.
    exc: Option<Exc>,
}

impl CancelInfo {
    /// No message, no exception yet.
    fn boxed() -> Box<CancelInfo> {
        Box::new(CancelInfo {
            message: Value::None,
            exc: None,
        })
    }
}

impl FutureCore {
    /// Runs `f` on the cancellation's box (a `Cell`, not a `RefCell`: the
    /// box is taken out while `f` runs, which no Python code can observe).
    fn with_cancel_info<R>(&self, f: impl FnOnce(&mut Option<Box<CancelInfo>>) -> R) -> R {
        let mut info = self.cancel_info.take();
        let r = f(&mut info);
        self.cancel_info.set(info);
        r
    }

    /// `_cancel_message`.
    pub fn cancel_message(&self) -> Value {
        self.with_cancel_info(|info| info.as_ref().map_or(Value::None, |c| c.message.clone()))
    }

    /// Sets `_cancel_message` (a `None` needs no box). The old message is
    /// dropped once the box is back in place.
    pub fn set_cancel_message(&self, msg: Value) {
        let old = self.with_cancel_info(|info| {
            if info.is_some() || !msg.is_none() {
                Some(std::mem::replace(
                    &mut info.get_or_insert_with(CancelInfo::boxed).message,
                    msg,
                ))
            } else {
                None
            }
        });
        drop(old);
    }

    /// Keeps the `CancelledError` that cancelled a task's coroutine.
    pub fn set_cancelled_exc(&self, e: Exc) {
        let old =
            self.with_cancel_info(|info| info.get_or_insert_with(CancelInfo::boxed).exc.replace(e));
        drop(old);
    }

    pub fn new(event_loop: Rc<EventLoop>) -> FutureCore {
        FutureCore {
            event_loop,
            state: Cell::new(FutState::Pending),
            outcome: Cell::new(Outcome::Result(Value::None)),
            callbacks: Cell::new(Callbacks::new()),
            cancel_info: Cell::new(None),
            log_traceback: Cell::new(false),
            blocking: Cell::new(false),
        }
    }

    pub fn done(&self) -> bool {
        self.state.get() != FutState::Pending
    }

    /// The result or exception set (without marking it retrieved).
    fn stored_outcome(&self) -> PyResult<Value> {
        let outcome = self.outcome.replace(Outcome::Result(Value::None));
        self.outcome.set(outcome.clone());
        match outcome {
            Outcome::Result(v) => Ok(v),
            Outcome::Exception(e) => Err(e),
        }
    }

    /// The exception set, if any (without marking it retrieved).
    pub fn stored_exception(&self) -> Option<Exc> {
        self.stored_outcome().err()
    }

    /// Schedules the done-callbacks (`__schedule_callbacks`).
    pub fn schedule_callbacks(&self, this: &Value) {
        for cb in self.callbacks.take() {
            self.event_loop.call_soon(Callback::done(cb, this.clone()));
        }
    }

    /// `future.cancel(msg)`.
    pub fn cancel(&self, this: &Value, msg: Value) -> bool {
        self.log_traceback.set(false);
        if self.state.get() != FutState::Pending {
            return false;
        }
        self.state.set(FutState::Cancelled);
        self.set_cancel_message(msg);
        self.schedule_callbacks(this);
        true
    }

    /// `future.set_result(value)`.
    pub fn set_result(&self, vm: &Vm, this: &Value, v: Value) -> PyResult<()> {
        if self.state.get() != FutState::Pending {
            return Err(invalid_state(
                vm,
                format!("{}: {}", self.state.get().name(), repr_of(vm, this)),
            ));
        }
        self.outcome.set(Outcome::Result(v));
        self.state.set(FutState::Finished);
        self.schedule_callbacks(this);
        Ok(())
    }

    /// `future.set_exception(exc)`.
    pub fn set_exception(&self, vm: &Vm, this: &Value, e: Exc) -> PyResult<()> {
        if self.state.get() != FutState::Pending {
            return Err(invalid_state(
                vm,
                format!("{}: {}", self.state.get().name(), repr_of(vm, this)),
            ));
        }
        self.outcome.set(Outcome::Exception(e));
        self.state.set(FutState::Finished);
        self.schedule_callbacks(this);
        self.log_traceback.set(true);
        Ok(())
    }

    /// `_make_cancelled_error()`.
    pub fn make_cancelled_error(&self, vm: &Vm) -> Exc {
        let taken = self.with_cancel_info(|info| info.as_mut().and_then(|c| c.exc.take()));
        if let Some(e) = taken {
            return e;
        }
        let msg = self.cancel_message();
        let args = if msg.is_none() { vec![] } else { vec![msg] };
        super::new_cancelled_error(vm, args)
    }

    /// `future.result()`.
    pub fn result(&self, vm: &Vm) -> PyResult<Value> {
        match self.state.get() {
            FutState::Cancelled => Err(self.make_cancelled_error(vm)),
            FutState::Pending => Err(invalid_state(vm, "Result is not set.".to_owned())),
            FutState::Finished => {
                self.log_traceback.set(false);
                self.stored_outcome()
            }
        }
    }

    /// `future.exception()`.
    pub fn exception(&self, vm: &Vm) -> PyResult<Value> {
        match self.state.get() {
            FutState::Cancelled => Err(self.make_cancelled_error(vm)),
            FutState::Pending => Err(invalid_state(vm, "Exception is not set.".to_owned())),
            FutState::Finished => {
                self.log_traceback.set(false);
                Ok(self
                    .stored_exception()
                    .map(|e| e.value())
                    .unwrap_or(Value::None))
            }
        }
    }

    /// `future.add_done_callback(fn)`.
    pub fn add_done_callback(&self, this: &Value, cb: DoneCallback) {
        if self.state.get() != FutState::Pending {
            self.event_loop.call_soon(Callback::done(cb, this.clone()));
        } else {
            let mut callbacks = self.callbacks.take();
            callbacks.push(cb);
            self.callbacks.set(callbacks);
        }
    }

    /// Keeps only the done-callbacks `keep` accepts.
    pub fn retain_callbacks(&self, keep: impl FnMut(&mut DoneCallback) -> bool) {
        let mut callbacks = self.callbacks.take();
        callbacks.retain(keep);
        self.callbacks.set(callbacks);
    }

    /// Puts `callbacks` back ahead of any added while they were out.
    fn restore_callbacks(&self, mut callbacks: Callbacks) {
        callbacks.extend(self.callbacks.take());
        self.callbacks.set(callbacks);
    }

    /// `future.remove_done_callback(fn)`: how many were removed.
    pub fn remove_done_callback(&self, vm: &Vm, f: &Value) -> PyResult<usize> {
        let old = self.callbacks.take();
        let mut kept = Callbacks::with_capacity(old.len());
        let mut removed = 0;
        let mut old = old.into_iter();
        while let Some(cb) = old.next() {
            let matches = match &cb {
                DoneCallback::Py(g) => match crate::eval::protocol::values_equal(vm, g, f) {
                    Ok(m) => m,
                    Err(e) => {
                        kept.push(cb);
                        kept.extend(old);
                        self.restore_callbacks(kept);
                        return Err(e);
                    }
                },
                _ => false,
            };
            if matches {
                removed += 1;
            } else {
                kept.push(cb);
            }
        }
        self.restore_callbacks(kept);
        Ok(removed)
    }

    /// The `<Future ...>` / `<Task ...>` state part of a repr. `None`
    /// where a done-callback's place is not known (see
    /// [`super::callback_repr`]).
    pub fn state_repr(&self, vm: &Vm) -> Option<String> {
        let mut s = self.state.get().name().to_lowercase();
        match self.state.get() {
            FutState::Finished => match self.stored_outcome() {
                Err(e) => s.push_str(&format!(
                    " exception={}",
                    crate::eval::protocol::repr(vm, &e.value()).unwrap_or_default()
                )),
                Ok(r) => s.push_str(&format!(" result={}", short_repr(vm, &r))),
            },
            FutState::Pending => {
                let cbs = self.callbacks.take();
                let names: Vec<Option<String>> = cbs
                    .iter()
                    .map(|c| match c {
                        DoneCallback::Py(f) => super::callback_repr(vm, f),
                        DoneCallback::Wakeup(_) => Some("Task.task_wakeup()".to_owned()),
                        DoneCallback::Native(_) => Some("_run_until_complete_cb() at /usr/lib/python3.11/asyncio/base_events.py:180".to_owned()),
                    })
                    .collect();
                self.restore_callbacks(cbs);
                s.push_str(&super::callbacks_repr(&names)?);
            }
            FutState::Cancelled => {}
        }
        Some(s)
    }
}

/// `reprlib`-style repr limited like asyncio's (`result=` shows short reprs).
fn short_repr(vm: &Vm, v: &Value) -> String {
    let r = crate::eval::protocol::repr(vm, v).unwrap_or_default();
    if r.chars().count() > 20 {
        let head: String = r.chars().take(8).collect();
        let tail: String = r
            .chars()
            .rev()
            .take(9)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("{head}...{tail}")
    } else {
        r
    }
}

fn repr_of(vm: &Vm, v: &Value) -> String {
    crate::eval::protocol::repr(vm, v).unwrap_or_default()
}

/// `asyncio.InvalidStateError(msg)`.
pub fn invalid_state(vm: &Vm, msg: String) -> Exc {
    let t = super::state(vm).invalid_state_error.clone();
    vm.instantiate_exc(t, vec![Value::string(msg)])
}

/// Why the repr of a future or task with some done-callbacks is not
/// supported.
pub const UNKNOWN_CALLBACK_PLACE: &str = "the repr of a pending future or task with a done-callback defined in asyncio (CPython names a line of its installed asyncio) or made by functools.partial";

/// A plain `asyncio.Future` (or the future `gather()` returns, which
/// cancels its children when cancelled).
pub struct FutureObj {
    pub core: FutureCore,
    /// The children of a `gather()` future.
    pub gathering: Option<Rc<crate::value::PyList>>,
    pub cancel_requested: Cell<bool>,
}

// Every `Event.wait()` and queue wait makes one: at most 104 bytes keep
// its allocation in glibc's 128-byte size class.
const _: () = assert!(std::mem::size_of::<FutureObj>() <= 104);

impl FutureObj {
    pub fn new(event_loop: Rc<EventLoop>) -> FutureObj {
        FutureObj {
            core: FutureCore::new(event_loop),
            gathering: None,
            cancel_requested: Cell::new(false),
        }
    }

    /// `future.cancel(msg)`; a gathering future cancels its children.
    pub fn cancel(&self, vm: &Vm, this: &Value, msg: Value) -> bool {
        match &self.gathering {
            None => self.core.cancel(this, msg),
            Some(children) => {
                if self.core.done() {
                    return false;
                }
                let mut ret = false;
                let children = children.items.borrow().clone();
                for child in children.iter() {
                    if super::task::cancel_future(vm, child, msg.clone()) {
                        ret = true;
                    }
                }
                if ret {
                    self.cancel_requested.set(true);
                }
                ret
            }
        }
    }
}

impl NativeObject for FutureObj {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        let st = super::state(vm);
        match self.gathering {
            Some(_) => st.gathering_future_type.clone(),
            None => st.future_type.clone(),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        let name = match self.gathering {
            Some(_) => "_GatheringFuture",
            None => "Future",
        };
        Some(match self.core.state_repr(vm) {
            Some(state) => Ok(format!("<{name} {state}>")),
            None => Err(vm.unsupported(UNKNOWN_CALLBACK_PLACE)),
        })
    }
    fn getattr(&self, _vm: &Vm, name: crate::intern::Sym) -> Option<PyResult<Value>> {
        match name.as_str() {
            "_asyncio_future_blocking" => Some(Ok(Value::Bool(self.core.blocking.get()))),
            "_state" => Some(Ok(Value::str(self.core.state.get().name()))),
            "_cancel_message" => Some(Ok(self.core.cancel_message())),
            "_cancel_requested" => Some(Ok(Value::Bool(self.cancel_requested.get()))),
            _ => None,
        }
    }
    fn setattr(&self, vm: &Vm, name: crate::intern::Sym, value: Value) -> Option<PyResult<()>> {
        match name.as_str() {
            "_asyncio_future_blocking" => {
                Some(crate::eval::protocol::truthy(vm, &value).map(|b| self.core.blocking.set(b)))
            }
            "_log_destroy_pending" => Some(Ok(())),
            _ => None,
        }
    }
}

impl Drop for FutureObj {
    fn drop(&mut self) {
        if self.core.log_traceback.get()
            && let (Some(vm), Some(e)) =
                (crate::eval::vm::current_vm(), self.core.stored_exception())
        {
            let text = format!("<Future finished exception={}>", "{exc}");
            super::queue_never_retrieved(vm, "Future exception was never retrieved", text, e);
        }
    }
}

/// The future core of a `Future` or `Task` value.
pub fn core_of(v: &Value) -> Option<&FutureCore> {
    if let Some(f) = v.downcast::<FutureObj>() {
        return Some(&f.core);
    }
    v.downcast::<TaskObj>().map(|t| &t.core)
}

/// Is `v` an asyncio future (a `Future` or a `Task`)?
pub fn is_future(v: &Value) -> bool {
    core_of(v).is_some()
}

/// Raises the `KeyboardInterrupt`-style kinds that callbacks must not swallow.
pub fn is_fatal(vm: &Vm, e: &Exc) -> bool {
    vm.exc_is(e, ExcKind::SystemExit) || vm.exc_is(e, ExcKind::KeyboardInterrupt)
}
