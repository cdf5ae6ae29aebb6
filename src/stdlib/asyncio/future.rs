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

/// A future's done-callbacks taken out to be looked at (one is kept
/// inline: a `Vec` would allocate for it).
type Callbacks = smallvec::SmallVec<[DoneCallback; 1]>;

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
    /// The state, with what it holds: the done-callbacks while pending,
    /// the result or exception once finished. One field, as a future never
    /// has both: CPython clears `_callbacks` when it schedules them (a
    /// callback added to a done future is scheduled at once), and sets the
    /// result or exception only as the future becomes done; every future
    /// is 24 bytes smaller than with a field for each.
    /// (`Cell`s, not `RefCell`s: their values are taken out while they are
    /// read, which no Python code can observe, and every pending future is
    /// a word smaller per field.)
    slot: Cell<Slot>,
    /// Set once the future is cancelled (or a task is asked to cancel):
    /// kept apart, as most futures never are.
    cancel_info: Cell<Option<Box<CancelInfo>>>,
    pub log_traceback: Cell<bool>,
    /// `_asyncio_future_blocking`.
    pub blocking: Cell<bool>,
}

/// A future's state and what it holds in it.
enum Slot {
    /// Pending, with no done-callback or one (almost every future gets
    /// exactly one, the task waiting on it or `gather`'s: kept inline, it
    /// costs no allocation).
    Pending(Option<DoneCallback>),
    /// Pending, with two done-callbacks or more.
    PendingMany(Vec<DoneCallback>),
    Cancelled,
    /// Finished with a result.
    Result(Value),
    /// Finished with an exception.
    Exception(Exc),
}

impl Slot {
    fn state(&self) -> FutState {
        match self {
            Slot::Pending(_) | Slot::PendingMany(_) => FutState::Pending,
            Slot::Cancelled => FutState::Cancelled,
            Slot::Result(_) | Slot::Exception(_) => FutState::Finished,
        }
    }

    /// A pending slot holding `callbacks`.
    fn pending(callbacks: Callbacks) -> Slot {
        if callbacks.len() <= 1 {
            Slot::Pending(callbacks.into_iter().next())
        } else {
            Slot::PendingMany(callbacks.into_vec())
        }
    }

    /// Adds `cb` to a pending slot; gives it back if the slot is done.
    fn push(&mut self, cb: DoneCallback) -> Option<DoneCallback> {
        match self {
            Slot::Pending(one @ None) => *one = Some(cb),
            Slot::Pending(one @ Some(_)) => {
                let first = one.take();
                *self = Slot::PendingMany(first.into_iter().chain([cb]).collect());
            }
            Slot::PendingMany(many) => many.push(cb),
            Slot::Cancelled | Slot::Result(_) | Slot::Exception(_) => return Some(cb),
        }
        None
    }

    /// The done-callbacks of a pending slot, which keeps none; none for a
    /// done one.
    fn take_callbacks(&mut self) -> Callbacks {
        match self {
            Slot::Pending(one) => one.take().into_iter().collect(),
            Slot::PendingMany(many) => {
                let many = std::mem::take(many);
                *self = Slot::Pending(None);
                Callbacks::from_vec(many)
            }
            Slot::Cancelled | Slot::Result(_) | Slot::Exception(_) => Callbacks::new(),
        }
    }
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

    /// Runs `f` on the slot, taken out while `f` runs: `f` must run no
    /// Python code nor drop any value (whose drop could look at this
    /// future), but hand what it removes back to be dropped after.
    fn with_slot<R>(&self, f: impl FnOnce(&mut Slot) -> R) -> R {
        let mut slot = self.slot.replace(Slot::Cancelled);
        let r = f(&mut slot);
        let placeholder = self.slot.replace(slot);
        // (Forgotten when it is the `Cancelled` put in, which owns
        // nothing: a call to its drop would cost more than the rest.)
        if matches!(placeholder, Slot::Cancelled) {
            std::mem::forget(placeholder);
        } else {
            drop(placeholder);
        }
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
            slot: Cell::new(Slot::Pending(None)),
            cancel_info: Cell::new(None),
            log_traceback: Cell::new(false),
            blocking: Cell::new(false),
        }
    }

    /// `_state`.
    pub fn state(&self) -> FutState {
        self.with_slot(|slot| slot.state())
    }

    pub fn done(&self) -> bool {
        self.state() != FutState::Pending
    }

    /// The result or exception set (without marking it retrieved); `None`
    /// unless finished.
    fn stored_outcome(&self) -> Option<PyResult<Value>> {
        self.with_slot(|slot| match slot {
            Slot::Result(v) => Some(Ok(v.clone())),
            Slot::Exception(e) => Some(Err(e.clone())),
            Slot::Pending(_) | Slot::PendingMany(_) | Slot::Cancelled => None,
        })
    }

    /// The exception set, if any (without marking it retrieved).
    pub fn stored_exception(&self) -> Option<Exc> {
        self.stored_outcome().and_then(Result::err)
    }

    /// Makes the pending future done (`done` is its new slot) and
    /// schedules the done-callbacks it had (`__schedule_callbacks`).
    fn finish(&self, this: &Value, done: Slot) {
        let old = self.slot.replace(done);
        self.schedule_callbacks(this, old);
    }

    /// Schedules the done-callbacks of `old`, the slot of the future
    /// before it was made done (`__schedule_callbacks`).
    fn schedule_callbacks(&self, this: &Value, old: Slot) {
        match old {
            Slot::Pending(None) => {}
            Slot::Pending(Some(cb)) => self.event_loop.call_soon(Callback::done(cb, this.clone())),
            Slot::PendingMany(many) => {
                for cb in many {
                    self.event_loop.call_soon(Callback::done(cb, this.clone()));
                }
            }
            // (Never: only a pending future is made done.)
            old @ (Slot::Cancelled | Slot::Result(_) | Slot::Exception(_)) => drop(old),
        }
    }

    /// `future.cancel(msg)`.
    pub fn cancel(&self, this: &Value, msg: Value) -> bool {
        self.log_traceback.set(false);
        if self.done() {
            return false;
        }
        let old = self.slot.replace(Slot::Cancelled);
        self.set_cancel_message(msg);
        self.schedule_callbacks(this, old);
        true
    }

    /// `future.set_result(value)`.
    pub fn set_result(&self, vm: &Vm, this: &Value, v: Value) -> PyResult<()> {
        // CPython's C future says no more than this (the Python one adds
        // the state and the repr).
        if self.state() != FutState::Pending {
            return Err(invalid_state(vm, "invalid state".to_owned()));
        }
        self.finish(this, Slot::Result(v));
        Ok(())
    }

    /// `future.set_exception(exc)`.
    pub fn set_exception(&self, vm: &Vm, this: &Value, e: Exc) -> PyResult<()> {
        if self.state() != FutState::Pending {
            return Err(invalid_state(vm, "invalid state".to_owned()));
        }
        self.finish(this, Slot::Exception(e));
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
        match self.stored_outcome() {
            Some(outcome) => {
                self.log_traceback.set(false);
                outcome
            }
            None if self.state() == FutState::Cancelled => Err(self.make_cancelled_error(vm)),
            None => Err(invalid_state(vm, "Result is not set.".to_owned())),
        }
    }

    /// `future.exception()`.
    pub fn exception(&self, vm: &Vm) -> PyResult<Value> {
        match self.stored_outcome() {
            Some(outcome) => {
                self.log_traceback.set(false);
                Ok(outcome.err().map(|e| e.value()).unwrap_or(Value::None))
            }
            None if self.state() == FutState::Cancelled => Err(self.make_cancelled_error(vm)),
            None => Err(invalid_state(vm, "Exception is not set.".to_owned())),
        }
    }

    /// `future.add_done_callback(fn)`.
    pub fn add_done_callback(&self, this: &Value, cb: DoneCallback) {
        if let Some(cb) = self.with_slot(|slot| slot.push(cb)) {
            self.event_loop.call_soon(Callback::done(cb, this.clone()));
        }
    }

    /// Takes the done-callbacks out (to look at them while Python code
    /// may run); [`FutureCore::restore_callbacks`] puts them back.
    fn take_callbacks(&self) -> Callbacks {
        self.with_slot(Slot::take_callbacks)
    }

    /// Keeps only the done-callbacks `keep` accepts.
    pub fn retain_callbacks(&self, keep: impl FnMut(&mut DoneCallback) -> bool) {
        let mut callbacks = self.take_callbacks();
        callbacks.retain(keep);
        self.restore_callbacks(callbacks);
    }

    /// Puts `callbacks` back ahead of any added while they were out. If
    /// the future was made done meanwhile, they are dropped: its
    /// callbacks were scheduled then, and these will never run.
    fn restore_callbacks(&self, mut callbacks: Callbacks) {
        let dropped = self.with_slot(|slot| {
            if slot.state() != FutState::Pending {
                return Some(callbacks);
            }
            callbacks.extend(slot.take_callbacks());
            *slot = Slot::pending(callbacks);
            None
        });
        drop(dropped);
    }

    /// `future.remove_done_callback(fn)`: how many were removed.
    pub fn remove_done_callback(&self, vm: &Vm, f: &Value) -> PyResult<usize> {
        let old = self.take_callbacks();
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
        let state = self.state();
        let mut s = state.name().to_lowercase();
        match state {
            FutState::Finished => match self.stored_outcome() {
                Some(Err(e)) => s.push_str(&format!(
                    " exception={}",
                    crate::eval::protocol::repr(vm, &e.value()).unwrap_or_default()
                )),
                Some(Ok(r)) => s.push_str(&format!(" result={}", short_repr(vm, &r))),
                None => {}
            },
            FutState::Pending => {
                let cbs = self.take_callbacks();
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

// Every `Event.wait()` and queue wait makes one: at most 72 bytes keep
// its allocation (with the `Rc`'s 16-byte header) in glibc's 96-byte size
// class.
const _: () = assert!(std::mem::size_of::<FutureObj>() <= 72);

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
            "_state" => Some(Ok(Value::str(self.core.state().name()))),
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

/// The object and the future core of a `Future` or `Task` value.
pub fn future_parts(v: &Value) -> Option<(&Rc<dyn NativeObject>, &FutureCore)> {
    match v {
        Value::Native(n) => core_of(v).map(|core| (n, core)),
        _ => None,
    }
}

/// Is `v` an asyncio future (a `Future` or a `Task`)?
pub fn is_future(v: &Value) -> bool {
    core_of(v).is_some()
}

/// Raises the `KeyboardInterrupt`-style kinds that callbacks must not swallow.
pub fn is_fatal(vm: &Vm, e: &Exc) -> bool {
    vm.exc_is(e, ExcKind::SystemExit) || vm.exc_is(e, ExcKind::KeyboardInterrupt)
}
