//! `asyncio.Task`: a future that drives a coroutine, one step per loop
//! callback — CPython's `Task.__step` / `__wakeup` / `cancel`, exactly.

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use super::event_loop::{Callback, EventLoop};
use super::future::{
    DoneCallback, FutureCore, core_of, future_parts, invalid_state, is_fatal, is_future,
};
use crate::eval::suspend::{Resume, Step, gen_resume};
use crate::eval::{Exc, PyResult, Vm};
use crate::value::{Generator, NativeObject, Type, Value};

/// A task. Every one lives in the `Rc` [`TaskObj::spawn`] makes: the
/// methods that hand the task out (as a value, to the loop, to a
/// done-callback) take that `Rc` (a task with a weak pointer to itself is
/// a word larger).
pub struct TaskObj {
    pub core: FutureCore,
    /// The coroutine it drives (`spawn` accepts nothing else).
    pub coro: Rc<Generator>,
    name: Cell<TaskName>,
    pub must_cancel: Cell<bool>,
    /// `_fut_waiter` (a `Cell`: read through [`TaskObj::fut_waiter`]).
    /// Always a future or a task, so the object itself is kept (a `Value`
    /// is a word larger).
    fut_waiter: Cell<Option<Rc<dyn NativeObject>>>,
    pub num_cancels_requested: Cell<u32>,
    pub log_destroy_pending: Cell<bool>,
}

/// A task's name: the default `Task-N` is kept as its number, and only
/// spelled out when asked for (a pending task is smaller without it).
#[derive(Clone)]
enum TaskName {
    Numbered(u64),
    Given(Rc<str>),
}

impl TaskObj {
    /// `task.get_name()`.
    pub fn name(&self) -> String {
        let name = self.name.replace(TaskName::Numbered(0));
        let text = match &name {
            TaskName::Numbered(n) => format!("Task-{n}"),
            TaskName::Given(s) => s.to_string(),
        };
        self.name.set(name);
        text
    }

    /// `task.set_name(name)`, with `name` already made a string.
    pub fn set_name(&self, name: String) {
        self.name.set(TaskName::Given(name.into()));
    }

    /// Creates a task for `coro` and schedules its first step
    /// (`loop.create_task(coro, name=name)`).
    pub fn spawn(
        vm: &Vm,
        event_loop: &Rc<EventLoop>,
        coro: Value,
        name: Option<String>,
    ) -> PyResult<Rc<TaskObj>> {
        let coro = match &coro {
            Value::Generator(g) if g.kind == crate::value::generator::GenKind::Coroutine => {
                g.clone()
            }
            _ => {
                return Err(vm.type_error(format!(
                    "a coroutine was expected, got {}",
                    crate::eval::protocol::repr(vm, &coro)?
                )));
            }
        };
        let name = match name {
            Some(n) => TaskName::Given(n.into()),
            None => {
                let st = super::state(vm);
                let n = st.task_counter.get() + 1;
                st.task_counter.set(n);
                TaskName::Numbered(n)
            }
        };
        let task = Rc::new(TaskObj {
            core: FutureCore::new(event_loop.clone()),
            coro,
            name: Cell::new(name),
            must_cancel: Cell::new(false),
            fut_waiter: Cell::new(None),
            num_cancels_requested: Cell::new(0),
            log_destroy_pending: Cell::new(true),
        });
        event_loop.call_soon(Callback::Step {
            task: task.clone(),
            exc: None,
        });
        event_loop.tasks.borrow_mut().push(Rc::downgrade(&task));
        Ok(task)
    }

    /// `_fut_waiter`: the future the task waits on.
    pub fn fut_waiter(&self) -> Option<Value> {
        let w = self.fut_waiter.take();
        self.fut_waiter.set(w.clone());
        w.map(Value::Native)
    }

    /// The task as a Python value.
    pub fn value(self: &Rc<Self>) -> Value {
        Value::Native(self.clone())
    }

    /// `get_coro()` and `_coro`.
    pub fn coro_value(&self) -> Value {
        Value::Generator(self.coro.clone())
    }

    /// `Task.__step(exc)`.
    pub fn step(self: &Rc<Self>, vm: &Vm, exc: Option<Exc>) -> PyResult<()> {
        let this = self.value();
        if self.core.done() {
            return Err(invalid_state(
                vm,
                format!("_step(): already done: {}", self.repr_string(vm)),
            ));
        }
        let mut exc = exc;
        if self.must_cancel.get() {
            if !exc
                .as_ref()
                .map(|e| super::is_cancelled_error(vm, e))
                .unwrap_or(false)
            {
                exc = Some(self.core.make_cancelled_error(vm));
            }
            self.must_cancel.set(false);
        }
        drop(self.fut_waiter.take());
        let g = self.coro.clone();
        let event_loop = self.core.event_loop.clone();
        let previous = event_loop.current_task.replace(Some(self.clone()));
        g.awaited.set(true);
        let resume = match exc {
            None => Resume::Send(Value::None),
            Some(e) => Resume::Throw(e),
        };
        let r = gen_resume(vm, &g, resume);
        *event_loop.current_task.borrow_mut() = previous;
        match r {
            Ok(Step::Return(v)) => {
                if self.must_cancel.get() {
                    self.must_cancel.set(false);
                    let msg = self.core.cancel_message();
                    self.core.cancel(&this, msg);
                } else {
                    self.core.set_result(vm, &this, v)?;
                }
            }
            Err(e) if super::is_cancelled_error(vm, &e) => {
                self.core.set_cancelled_exc(e);
                self.core.cancel(&this, Value::None);
            }
            Err(e) if is_fatal(vm, &e) => {
                self.core.set_exception(vm, &this, e.clone())?;
                return Err(e);
            }
            Err(e) => self.core.set_exception(vm, &this, e)?,
            Ok(Step::Yield(y)) => {
                let result = y.into_value();
                if let Some((waited, fcore)) = future_parts(&result) {
                    if !Rc::ptr_eq(&fcore.event_loop, &event_loop) {
                        let e = vm.runtime_error(format!(
                            "Task {} got Future {} attached to a different loop",
                            self.repr_string(vm),
                            crate::eval::protocol::repr(vm, &result)?
                        ));
                        self.schedule_step(Some(e));
                    } else if fcore.blocking.get() {
                        if result.is(&this) {
                            let e = vm.runtime_error(format!(
                                "Task cannot await on itself: {}",
                                self.repr_string(vm)
                            ));
                            self.schedule_step(Some(e));
                        } else {
                            fcore.blocking.set(false);
                            fcore.add_done_callback(&result, DoneCallback::Wakeup(self.clone()));
                            drop(self.fut_waiter.replace(Some(waited.clone())));
                            if self.must_cancel.get() {
                                let msg = self.core.cancel_message();
                                if cancel_future(vm, &result, msg) {
                                    self.must_cancel.set(false);
                                }
                            }
                        }
                    } else {
                        let e = vm.runtime_error(format!(
                            "yield was used instead of yield from in task {} with {}",
                            self.repr_string(vm),
                            crate::eval::protocol::repr(vm, &result)?
                        ));
                        self.schedule_step(Some(e));
                    }
                } else if result.is_none() {
                    self.schedule_step(None);
                } else {
                    let e = vm.runtime_error(format!(
                        "Task got bad yield: {}",
                        crate::eval::protocol::repr(vm, &result)?
                    ));
                    self.schedule_step(Some(e));
                }
            }
        }
        Ok(())
    }

    fn schedule_step(self: &Rc<Self>, exc: Option<Exc>) {
        self.core.event_loop.call_soon(Callback::Step {
            task: self.clone(),
            exc,
        });
    }

    /// `Task.__wakeup(future)`.
    pub fn wakeup(self: &Rc<Self>, vm: &Vm, fut: &Value) -> PyResult<()> {
        let outcome = match core_of(fut) {
            Some(c) => c.result(vm),
            None => Ok(Value::None),
        };
        match outcome {
            Ok(_) => self.step(vm, None),
            Err(e) => self.step(vm, Some(e)),
        }
    }

    /// `task.cancel(msg)`.
    pub fn cancel(&self, vm: &Vm, msg: Value) -> bool {
        self.core.log_traceback.set(false);
        if self.core.done() {
            return false;
        }
        self.num_cancels_requested
            .set(self.num_cancels_requested.get() + 1);
        let waiter = self.fut_waiter();
        if let Some(w) = waiter
            && cancel_future(vm, &w, msg.clone())
        {
            return true;
        }
        self.must_cancel.set(true);
        self.core.set_cancel_message(msg);
        true
    }

    /// `repr(task)`; an `apy::unsupported` error where its coroutine's
    /// line is not known exactly (see [`super::coro_state`]).
    pub fn repr_checked(&self, vm: &Vm) -> PyResult<String> {
        if self.core.state_repr(vm).is_none() {
            return Err(vm.unsupported(super::future::UNKNOWN_CALLBACK_PLACE));
        }
        self.render(vm, true).ok_or_else(|| {
            vm.unsupported(
                "the repr of a task whose coroutine is asyncio's own (CPython names a line of its installed asyncio) or runs inside a compound or multi-line statement (its current line)",
            )
        })
    }

    /// `repr(task)`, for messages: the line of a running coroutine may be
    /// missing (`running`).
    pub fn repr_string(&self, vm: &Vm) -> String {
        self.render(vm, false).unwrap_or_default()
    }

    /// The repr; with `exact`, `None` where the coroutine's line is not
    /// known exactly.
    fn render(&self, vm: &Vm, exact: bool) -> Option<String> {
        let mut state = match self.core.state_repr(vm) {
            Some(state) => state,
            None if exact => return None,
            None => self.core.state().name().to_lowercase(),
        };
        // CPython 3.11's `_task_repr_info`: `task.cancelling()`, not
        // `_must_cancel` (a cancel delivered to the awaited future still
        // shows). It replaces the state word; the callbacks stay.
        if self.num_cancels_requested.get() > 0 && !self.core.done() {
            let rest = state.split_once(' ').map(|(_, rest)| rest.to_owned());
            state = match rest {
                Some(rest) => format!("cancelling {rest}"),
                None => "cancelling".to_owned(),
            };
        }
        let status = match super::coro_state(vm, &self.coro) {
            Some(status) => status,
            None if exact => return None,
            None => "running".to_owned(),
        };
        let coro = format!(" coro=<{}() {status}>", self.coro.names.qualname);
        let (head, tail) = match state.split_once(' ') {
            Some((h, t)) => (h.to_owned(), format!(" {t}")),
            None => (state, String::new()),
        };
        let waiter = match &self.fut_waiter() {
            Some(w) if !self.core.done() => format!(
                " wait_for={}",
                crate::eval::protocol::repr(vm, w).unwrap_or_default()
            ),
            _ => String::new(),
        };
        Some(format!(
            "<Task {head} name='{}'{coro}{waiter}{tail}>",
            self.name()
        ))
    }
}

/// `fut.cancel(msg)` for a future or a task.
pub fn cancel_future(vm: &Vm, fut: &Value, msg: Value) -> bool {
    if let Some(t) = fut.downcast::<TaskObj>() {
        return t.cancel(vm, msg);
    }
    if let Some(f) = fut.downcast::<super::future::FutureObj>() {
        return f.cancel(vm, fut, msg);
    }
    match core_of(fut) {
        Some(c) => c.cancel(fut, msg),
        None => false,
    }
}

impl NativeObject for TaskObj {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        super::state(vm).task_type.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        Some(self.repr_checked(vm))
    }
    fn getattr(&self, _vm: &Vm, name: crate::intern::Sym) -> Option<PyResult<Value>> {
        match name.as_str() {
            "_asyncio_future_blocking" => Some(Ok(Value::Bool(self.core.blocking.get()))),
            "_state" => Some(Ok(Value::str(self.core.state().name()))),
            "_coro" => Some(Ok(self.coro_value())),
            "_must_cancel" => Some(Ok(Value::Bool(self.must_cancel.get()))),
            "_fut_waiter" => Some(Ok(self.fut_waiter().unwrap_or(Value::None))),
            "_cancel_message" => Some(Ok(self.core.cancel_message())),
            "_cancel_requested" => Some(Ok(Value::Bool(false))),
            _ => None,
        }
    }
    fn setattr(&self, vm: &Vm, name: crate::intern::Sym, value: Value) -> Option<PyResult<()>> {
        match name.as_str() {
            "_asyncio_future_blocking" => {
                Some(crate::eval::protocol::truthy(vm, &value).map(|b| self.core.blocking.set(b)))
            }
            "_log_destroy_pending" => Some(
                crate::eval::protocol::truthy(vm, &value).map(|b| self.log_destroy_pending.set(b)),
            ),
            _ => None,
        }
    }
}

impl Drop for TaskObj {
    fn drop(&mut self) {
        let Some(vm) = crate::eval::vm::current_vm() else {
            return;
        };
        if self.core.log_traceback.get() {
            if let Some(e) = self.core.stored_exception() {
                let g = &self.coro;
                let coro = format!(
                    " coro=<{}() done, defined at {}>",
                    g.names.qualname,
                    super::def_location(vm, g)
                );
                let text = format!(
                    "<Task finished name='{}'{coro} exception={{exc}}>",
                    self.name()
                );
                super::queue_never_retrieved(vm, "Task exception was never retrieved", text, e);
            }
        } else if self.core.state() == super::future::FutState::Pending
            && self.log_destroy_pending.get()
            && !self.core.event_loop.closed.get()
        {
            let text = format!(
                "Task was destroyed but it is pending!\ntask: {}\n",
                self.repr_string(vm)
            );
            vm.queue_finalizer(crate::eval::vm::Finalizer::Message(text));
        }
    }
}

/// Is `v` a task?
pub fn is_task(v: &Value) -> bool {
    v.downcast::<TaskObj>().is_some() && is_future(v)
}

// A pending task is mostly this: at most 104 bytes keep its allocation
// (with the `Rc`'s 16-byte header) in glibc's 128-byte size class.
const _: () = assert!(std::mem::size_of::<TaskObj>() <= 104);
