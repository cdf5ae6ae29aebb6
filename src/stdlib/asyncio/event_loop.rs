//! The event loop: CPython's `BaseEventLoop` scheduling, exactly.
//!
//! Ready callbacks run in FIFO order; each iteration runs only the callbacks
//! that were ready when it started; timers due at the same instant fire in
//! the order they were set (a heap ordered by `(when, sequence)`). Blocking
//! waits (a timer in the future, input for the REPL) happen on a
//! single-threaded tokio runtime; with the virtual clock the loop jumps to
//! the earliest timer instead of waiting.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use super::future::{DoneCallback, FutureObj};
use super::runner::Wait;
use super::task::TaskObj;
use crate::eval::{Args, Exc, ExcKind, PyResult, Vm};
use crate::value::{Generator, Value};

/// Interpreter-internal work scheduled on the loop.
pub type NativeCallback = Rc<dyn Fn(&Vm) -> PyResult<()>>;

/// What a scheduled handle runs. The ready queue holds one per task
/// waiting to run, so an entry is kept to 24 bytes: a task's step and
/// wakeup, and a Python function called back by a task (`gather`'s
/// callback on each child), are kept inline, with the future as the
/// object itself (a `Value` is a word larger); the rarer rest is boxed
/// (the `loop.call_soon` callback, other done-callbacks).
pub enum Callback {
    /// A Python callable with its arguments (`loop.call_soon(f, *args)`).
    Py(Box<PyCall>),
    /// One step of a task (`Task.__step`), optionally throwing `exc` in.
    Step { task: Rc<TaskObj>, exc: Option<Exc> },
    /// `Task.__wakeup(fut)`: the done-callback of the future `task` waits
    /// on, a `Future`.
    WakeupOnFuture {
        task: Rc<TaskObj>,
        fut: Rc<FutureObj>,
    },
    /// `Task.__wakeup(fut)` for a task waiting on a task.
    WakeupOnTask { task: Rc<TaskObj>, fut: Rc<TaskObj> },
    /// A Python function, done-callback of the task `fut`.
    FunctionOnTask {
        func: Rc<crate::value::Function>,
        fut: Rc<TaskObj>,
    },
    /// Any other done-callback of a future, called with the future.
    Done(Box<DoneCall>),
    /// Interpreter-internal work.
    Native(NativeCallback),
}

/// A Python callable and the arguments to call it with.
pub struct PyCall {
    pub func: Value,
    pub args: Vec<Value>,
}

/// A done-callback and the future to call it with.
pub struct DoneCall {
    pub cb: DoneCallback,
    pub fut: Value,
}

impl Callback {
    /// `loop.call_soon(func, *args)`'s callback.
    pub fn py(func: Value, args: Vec<Value>) -> Callback {
        Callback::Py(Box::new(PyCall { func, args }))
    }

    /// Done-callback `cb` of the future `fut`, to be called with it. A
    /// wakeup keeps its future, though it is always the task's
    /// `_fut_waiter` until the wakeup runs (only the task's step changes
    /// that, and no step of a waiting task is scheduled but the wakeup):
    /// then nothing depends on that. (A future that is neither a `Future`
    /// nor a `Task`, which none is, would be boxed.)
    pub fn done(cb: DoneCallback, fut: Value) -> Callback {
        if let Value::Native(obj) = &fut {
            let obj: Rc<dyn std::any::Any> = obj.clone();
            let inline = match obj.downcast::<FutureObj>() {
                Ok(fut) => match &cb {
                    DoneCallback::Wakeup(task) => Some(Callback::WakeupOnFuture {
                        task: task.clone(),
                        fut,
                    }),
                    _ => None,
                },
                Err(obj) => match (&cb, obj.downcast::<TaskObj>()) {
                    (DoneCallback::Wakeup(task), Ok(fut)) => Some(Callback::WakeupOnTask {
                        task: task.clone(),
                        fut,
                    }),
                    (DoneCallback::Py(Value::Function(func)), Ok(fut)) => {
                        Some(Callback::FunctionOnTask {
                            func: func.clone(),
                            fut,
                        })
                    }
                    _ => None,
                },
            };
            if let Some(inline) = inline {
                return inline;
            }
        }
        Callback::Done(Box::new(DoneCall { cb, fut }))
    }
}

// The ready queue's entries stay small (see `Callback`).
const _: () = assert!(std::mem::size_of::<Ready>() == 24);

/// An entry of the ready queue.
enum Ready {
    /// Scheduled by the interpreter itself, with no handle to cancel it.
    Callback(Callback),
    /// Scheduled through `loop.call_soon`, or a timer that fell due.
    Handle(Rc<Handle>),
}

/// A callback scheduled with `call_soon` (or, with `when`, a timer).
pub struct Handle {
    pub callback: RefCell<Option<Callback>>,
    pub cancelled: Cell<bool>,
    pub when: f64,
    pub seq: u64,
    pub is_timer: bool,
    pub scheduled: Cell<bool>,
}

impl Handle {
    /// `handle.cancel()`.
    pub fn cancel(&self, event_loop: &EventLoop) {
        if !self.cancelled.get() {
            self.cancelled.set(true);
            if self.is_timer && self.scheduled.get() {
                event_loop
                    .timer_cancelled_count
                    .set(event_loop.timer_cancelled_count.get() + 1);
            }
            let cb = self.callback.borrow_mut().take();
            drop(cb);
        }
    }

    fn key(&self) -> (f64, u64) {
        (self.when, self.seq)
    }
}

fn less(a: &Handle, b: &Handle) -> bool {
    a.key() < b.key()
}

/// An asyncio event loop.
pub struct EventLoop {
    pub this: Weak<EventLoop>,
    ready: RefCell<VecDeque<Ready>>,
    scheduled: RefCell<Vec<Rc<Handle>>>,
    seq: Cell<u64>,
    stopping: Cell<bool>,
    pub running: Cell<bool>,
    pub closed: Cell<bool>,
    timer_cancelled_count: Cell<usize>,
    /// Async generators first iterated while this loop ran (for
    /// `shutdown_asyncgens`).
    pub asyncgens: RefCell<Vec<Weak<Generator>>>,
    pub asyncgens_shutdown: Cell<bool>,
    /// The task whose step is running.
    pub current_task: RefCell<Option<Rc<TaskObj>>>,
    /// Every task of this loop, in creation order (weak: finished tasks
    /// nobody references are gone).
    pub tasks: RefCell<Vec<Weak<TaskObj>>>,
    pub exception_handler: RefCell<Value>,
    pub debug: Cell<bool>,
    /// The loop's Python object, created once so `is` works on it.
    pub py_value: RefCell<Option<Value>>,
}

const MIN_SCHEDULED_TIMER_HANDLES: usize = 100;
const MIN_CANCELLED_TIMER_HANDLES_FRACTION: f64 = 0.5;

impl EventLoop {
    pub fn new() -> Rc<EventLoop> {
        Rc::new_cyclic(|this| EventLoop {
            this: this.clone(),
            ready: RefCell::new(VecDeque::new()),
            scheduled: RefCell::new(Vec::new()),
            seq: Cell::new(0),
            stopping: Cell::new(false),
            running: Cell::new(false),
            closed: Cell::new(false),
            timer_cancelled_count: Cell::new(0),
            asyncgens: RefCell::new(Vec::new()),
            asyncgens_shutdown: Cell::new(false),
            current_task: RefCell::new(None),
            tasks: RefCell::new(Vec::new()),
            exception_handler: RefCell::new(Value::None),
            debug: Cell::new(false),
            py_value: RefCell::new(None),
        })
    }

    fn next_seq(&self) -> u64 {
        let s = self.seq.get();
        self.seq.set(s + 1);
        s
    }

    /// Schedules `cb` as `loop.call_soon` does, for callers that drop the
    /// handle (a task's step, a future's done-callbacks): nothing can
    /// cancel it, so none is made.
    pub fn call_soon(&self, cb: Callback) {
        self.ready.borrow_mut().push_back(Ready::Callback(cb));
    }

    /// `loop.call_soon(callback)`, with the handle that can cancel it.
    pub fn call_soon_handle(&self, cb: Callback) -> Rc<Handle> {
        let h = Rc::new(Handle {
            callback: RefCell::new(Some(cb)),
            cancelled: Cell::new(false),
            when: 0.0,
            seq: self.next_seq(),
            is_timer: false,
            scheduled: Cell::new(false),
        });
        self.ready.borrow_mut().push_back(Ready::Handle(h.clone()));
        h
    }

    /// `loop.call_at(when, callback)`.
    pub fn call_at(&self, when: f64, cb: Callback) -> Rc<Handle> {
        let h = Rc::new(Handle {
            callback: RefCell::new(Some(cb)),
            cancelled: Cell::new(false),
            when,
            seq: self.next_seq(),
            is_timer: true,
            scheduled: Cell::new(true),
        });
        heap_push(&mut self.scheduled.borrow_mut(), h.clone());
        h
    }

    /// `loop.stop()`.
    pub fn stop(&self) {
        self.stopping.set(true);
    }

    /// Whether anything is ready or scheduled.
    pub fn has_pending_work(&self) -> bool {
        !self.ready.borrow().is_empty() || !self.scheduled.borrow().is_empty()
    }

    /// Whether `loop.stop()` was called; clears the request.
    pub fn take_stopping(&self) -> bool {
        self.stopping.replace(false)
    }

    /// The first half of an iteration (`BaseEventLoop._run_once`): drops
    /// cancelled timers and decides how long to wait. With the virtual
    /// clock, waiting for a timer is a jump of the clock to its deadline.
    pub fn prepare(&self, vm: &Vm) -> Wait {
        let clock = super::clock(vm);
        {
            let mut sched = self.scheduled.borrow_mut();
            let n = sched.len();
            if n > MIN_SCHEDULED_TIMER_HANDLES
                && self.timer_cancelled_count.get() as f64 / n as f64
                    > MIN_CANCELLED_TIMER_HANDLES_FRACTION
            {
                let mut kept = Vec::with_capacity(n);
                for h in sched.drain(..) {
                    if h.cancelled.get() {
                        h.scheduled.set(false);
                    } else {
                        kept.push(h);
                    }
                }
                heapify(&mut kept);
                *sched = kept;
                self.timer_cancelled_count.set(0);
            } else {
                while sched.first().map(|h| h.cancelled.get()).unwrap_or(false) {
                    self.timer_cancelled_count
                        .set(self.timer_cancelled_count.get().saturating_sub(1));
                    if let Some(h) = heap_pop(&mut sched) {
                        h.scheduled.set(false);
                    }
                }
            }
        }
        if !self.ready.borrow().is_empty() || self.stopping.get() {
            return Wait::No;
        }
        let first = self.scheduled.borrow().first().map(|h| h.when);
        match first {
            Some(when) => {
                if when <= clock.monotonic() {
                    Wait::No
                } else if clock.is_virtual() {
                    clock.advance_to(when);
                    Wait::No
                } else {
                    Wait::Until(when)
                }
            }
            None => Wait::Forever,
        }
    }

    /// The second half of an iteration: due timers become ready, then the
    /// callbacks that were ready at this point run, in order.
    pub fn process(&self, vm: &Vm) -> PyResult<()> {
        vm.check_limits()?;
        let clock = super::clock(vm);
        let end_time = clock.monotonic() + clock.resolution();
        {
            let mut sched = self.scheduled.borrow_mut();
            while let Some(h) = sched.first() {
                if h.when >= end_time {
                    break;
                }
                if let Some(h) = heap_pop(&mut sched) {
                    h.scheduled.set(false);
                    self.ready.borrow_mut().push_back(Ready::Handle(h));
                }
            }
        }
        let ntodo = self.ready.borrow().len();
        for _ in 0..ntodo {
            let Some(entry) = self.ready.borrow_mut().pop_front() else {
                break;
            };
            let cb = match entry {
                Ready::Callback(cb) => Some(cb),
                Ready::Handle(h) if h.cancelled.get() => None,
                Ready::Handle(h) => h.callback.borrow_mut().take(),
            };
            if let Some(cb) = cb {
                self.run_callback(vm, cb)?;
            }
            if vm.has_pending_finalizers() {
                vm.run_finalizers();
            }
        }
        Ok(())
    }

    /// Runs one callback; errors other than `SystemExit`/`KeyboardInterrupt`
    /// go to the exception handler, as `Handle._run` does.
    fn run_callback(&self, vm: &Vm, cb: Callback) -> PyResult<()> {
        let (result, describe): (PyResult<()>, Option<Value>) = match cb {
            Callback::Py(call) => {
                let PyCall { func, args } = *call;
                let r = crate::eval::call::call(vm, &func, Args::new(args)).map(|_| ());
                (r, Some(func))
            }
            Callback::Step { task, exc } => (task.step(vm, exc), None),
            Callback::WakeupOnFuture { task, fut } => (task.wakeup(vm, &Value::Native(fut)), None),
            Callback::WakeupOnTask { task, fut } => (task.wakeup(vm, &Value::Native(fut)), None),
            Callback::FunctionOnTask { func, fut } => {
                let func = Value::Function(func);
                let r = crate::eval::call::call(vm, &func, Args::new([Value::Native(fut)]));
                (r.map(|_| ()), Some(func))
            }
            Callback::Done(call) => {
                let DoneCall { cb, fut } = *call;
                let r = cb.call(vm, &fut);
                let f = match &cb {
                    DoneCallback::Py(f) => Some(f.clone()),
                    _ => None,
                };
                (r, f)
            }
            Callback::Native(f) => (f(vm), None),
        };
        match result {
            Ok(()) => Ok(()),
            Err(e)
                if vm.exc_is(&e, ExcKind::SystemExit)
                    || vm.exc_is(&e, ExcKind::KeyboardInterrupt) =>
            {
                Err(e)
            }
            Err(e) => {
                let what = match &describe {
                    Some(f) => match super::callback_repr(vm, f) {
                        Some(cb) => format!("Exception in callback {cb}"),
                        None => "Exception in callback".to_owned(),
                    },
                    None => "Exception in callback".to_owned(),
                };
                super::report_exception(vm, &what, &e, None);
                Ok(())
            }
        }
    }
}

/// `heapq.heappush` with CPython's sift algorithm.
fn heap_push(heap: &mut Vec<Rc<Handle>>, item: Rc<Handle>) {
    heap.push(item);
    let last = heap.len() - 1;
    sift_down(heap, 0, last);
}

/// `heapq.heappop`.
fn heap_pop(heap: &mut Vec<Rc<Handle>>) -> Option<Rc<Handle>> {
    let last = heap.pop()?;
    if heap.is_empty() {
        return Some(last);
    }
    let top = std::mem::replace(&mut heap[0], last);
    sift_up(heap, 0);
    Some(top)
}

fn heapify(heap: &mut [Rc<Handle>]) {
    let n = heap.len();
    for i in (0..n / 2).rev() {
        sift_up(heap, i);
    }
}

fn sift_down(heap: &mut [Rc<Handle>], start: usize, mut pos: usize) {
    while pos > start {
        let parent = (pos - 1) >> 1;
        if less(&heap[pos], &heap[parent]) {
            heap.swap(pos, parent);
            pos = parent;
        } else {
            break;
        }
    }
}

fn sift_up(heap: &mut [Rc<Handle>], mut pos: usize) {
    let end = heap.len();
    let start = pos;
    let mut child = 2 * pos + 1;
    while child < end {
        let right = child + 1;
        if right < end && !less(&heap[child], &heap[right]) {
            child = right;
        }
        heap.swap(pos, child);
        pos = child;
        child = 2 * pos + 1;
    }
    sift_down(heap, start, pos);
}
