//! `asyncio`, the way CPython 3.11 runs it.
//!
//! The scheduling core is native: the event loop ([`event_loop`]), futures
//! ([`future`]), tasks ([`task`]), `sleep`, and running a loop
//! ([`runner`]). What CPython writes in Python on top of that core —
//! `gather`, `wait_for`, `wait`, `as_completed`, `shield`, `timeout`,
//! `TaskGroup`, queues, locks, `Barrier` and `Runner` — is Python source
//! run by apy itself (`src/stdlib/py/asyncio.py`), so its behaviour follows
//! the same steps.

pub mod event_loop;
pub mod exception_handler;
pub mod future;
pub mod methods;
pub mod native_bodies;
pub mod plain_queue;
pub mod runner;
pub mod task;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use event_loop::EventLoop;

use crate::builtins::types::make_in;
use crate::eval::{Exc, ExcKind, PyResult, Vm};
use crate::stdlib::clock::Clock;
use crate::value::object::Layout;
use crate::value::{Generator, Type, Value};

/// Per-interpreter asyncio state.
pub struct AsyncioState {
    pub future_type: Rc<Type>,
    pub task_type: Rc<Type>,
    /// `asyncio.tasks._GatheringFuture`, the type of what `gather()` returns.
    pub gathering_future_type: Rc<Type>,
    pub loop_type: Rc<Type>,
    pub handle_type: Rc<Type>,
    pub timer_handle_type: Rc<Type>,
    pub cancelled_error: Rc<Type>,
    pub invalid_state_error: Rc<Type>,
    /// The loop running now (`get_running_loop()`).
    pub running_loop: RefCell<Option<Rc<EventLoop>>>,
    /// The loop `get_event_loop()` returns outside a running loop.
    pub current_loop: RefCell<Option<Rc<EventLoop>>>,
    /// Has `set_event_loop` been called (also by `asyncio.run`)? The
    /// policy's `_set_called`: once set, `get_event_loop()` without a
    /// current loop raises instead of making one.
    pub set_called: Cell<bool>,
    /// Counter behind the default task names `Task-N` (process-wide).
    pub task_counter: Cell<u64>,
    pub runtime: RefCell<Option<tokio::runtime::Runtime>>,
    /// Where other threads send work for the loop (the REPL).
    pub external: RefCell<Option<tokio::sync::mpsc::UnboundedReceiver<runner::External>>>,
}

/// The interpreter's clock (real or virtual).
pub fn clock(vm: &Vm) -> Rc<Clock> {
    crate::stdlib::clock_of(vm)
}

/// The asyncio state of `vm`, created on first use.
pub fn state(vm: &Vm) -> Rc<AsyncioState> {
    if let Some(s) = vm.extension::<AsyncioState>() {
        return s;
    }
    let object = vm.types.object.clone();
    let base = vm.exc_type(ExcKind::BaseException).clone();
    let exception = vm.exc_type(ExcKind::Exception).clone();
    let future_type = make_in("_asyncio", "Future", vec![object.clone()], Layout::Builtin);
    let s = Rc::new(AsyncioState {
        task_type: make_in(
            "_asyncio",
            "Task",
            vec![future_type.clone()],
            Layout::Builtin,
        ),
        gathering_future_type: make_in(
            "asyncio.tasks",
            "_GatheringFuture",
            vec![future_type.clone()],
            Layout::Builtin,
        ),
        future_type,
        loop_type: make_in(
            "asyncio.unix_events",
            "_UnixSelectorEventLoop",
            vec![object.clone()],
            Layout::Builtin,
        ),
        handle_type: make_in(
            "asyncio.events",
            "Handle",
            vec![object.clone()],
            Layout::Builtin,
        ),
        timer_handle_type: make_in(
            "asyncio.events",
            "TimerHandle",
            vec![object],
            Layout::Builtin,
        ),
        cancelled_error: make_in(
            "asyncio.exceptions",
            "CancelledError",
            vec![base],
            Layout::Exception,
        ),
        invalid_state_error: make_in(
            "asyncio.exceptions",
            "InvalidStateError",
            vec![exception],
            Layout::Exception,
        ),
        running_loop: RefCell::new(None),
        current_loop: RefCell::new(None),
        set_called: Cell::new(false),
        task_counter: Cell::new(0),
        runtime: RefCell::new(None),
        external: RefCell::new(None),
    });
    vm.set_extension(s.clone());
    methods::install(vm, &s);
    s
}

/// `asyncio.CancelledError(*args)`.
pub fn new_cancelled_error(vm: &Vm, args: Vec<Value>) -> Exc {
    vm.instantiate_exc(state(vm).cancelled_error.clone(), args)
}

/// Is `e` a `CancelledError`?
pub fn is_cancelled_error(vm: &Vm, e: &Exc) -> bool {
    e.0.class.is_subtype(&state(vm).cancelled_error)
}

/// The running loop, or asyncio's `RuntimeError('no running event loop')`.
pub fn running_loop(vm: &Vm) -> PyResult<Rc<EventLoop>> {
    match &*state(vm).running_loop.borrow() {
        Some(l) => Ok(l.clone()),
        None => Err(vm.runtime_error("no running event loop")),
    }
}

/// `repr` of a callback as asyncio's handles show it (`f()`).
///
/// A Python function is followed by where it is defined (`f() at
/// FILE:LINE`, of the function a decorator wrapped if it did), as CPython's
/// `_format_callback_source`. `None` where apy cannot know that place: a
/// function of apy's own asyncio (CPython names its installed file), or a
/// `functools.partial` (whose arguments CPython spells out).
pub fn callback_repr(vm: &Vm, f: &Value) -> Option<String> {
    callback_call_repr(vm, f, "()")
}

/// [`callback_repr`] with the arguments `args` (`"(1, 'x')"`) in place of
/// `()`, as a handle's repr shows its callback.
pub fn callback_call_repr(vm: &Vm, f: &Value, args: &str) -> Option<String> {
    let name = crate::eval::attr::getattr_opt(vm, f, crate::intern::known::__qualname__)
        .ok()
        .flatten()
        .and_then(|v| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
        .unwrap_or_else(|| crate::eval::protocol::repr(vm, f).unwrap_or_default());
    if f.downcast::<crate::stdlib::functools::Partial>().is_some() {
        return None;
    }
    // `inspect.unwrap`: the place is the innermost `__wrapped__`'s.
    let mut inner = f.clone();
    for _ in 0..100 {
        match crate::eval::attr::getattr_opt(vm, &inner, crate::intern::Sym::new("__wrapped__")) {
            Ok(None) => break,
            Ok(Some(w)) => inner = w,
            Err(_) => return None,
        }
    }
    let Value::Function(func) = &inner else {
        return Some(format!("{name}{args}"));
    };
    let sources = vm.sources.borrow();
    let src = sources.get(func.file as usize)?;
    if src.name.starts_with("<frozen ") {
        return None;
    }
    Some(format!(
        "{name}{args} at {}:{}",
        src.name,
        src.line_of(func.def.span.start)
    ))
}

/// The `cb=[...]` part of a pending future's repr, as CPython's
/// `_format_callbacks`: one or two callbacks in full, more as the first,
/// a count, and the last. `None` where a callback's place is not known
/// (see [`callback_repr`]).
pub fn callbacks_repr(callbacks: &[Option<String>]) -> Option<String> {
    let shown: Vec<&Option<String>> = match callbacks {
        [] => return Some(String::new()),
        [one] => vec![one],
        [a, b] => vec![a, b],
        [first, .., last] => vec![first, last],
    };
    let shown: Vec<&str> = shown
        .into_iter()
        .map(|c| c.as_deref())
        .collect::<Option<_>>()?;
    Some(match shown.as_slice() {
        [first, last] if callbacks.len() > 2 => {
            format!(" cb=[{first}, <{} more>, {last}]", callbacks.len() - 2)
        }
        parts => format!(" cb=[{}]", parts.join(", ")),
    })
}

/// Where a coroutine's function was defined (`file:line`).
pub fn def_location(vm: &Vm, g: &Generator) -> String {
    let (file, offset) = g.origin.get();
    let sources = vm.sources.borrow();
    match sources.get(file as usize) {
        Some(src) => format!("{}:{}", src.name, src.line_of(offset)),
        None => "?".to_owned(),
    }
}

/// How a task's repr shows its coroutine, as CPython's
/// `_format_coroutine`: `running at FILE:LINE` (the line it runs or is
/// suspended at; the `def` line before it starts), or `done, defined at
/// FILE:LINE`. `None` when the line is not known exactly: the coroutine
/// runs code inside a compound or multi-line statement, whose current
/// line apy does not track.
pub fn coro_state(vm: &Vm, g: &Generator) -> Option<String> {
    let (file, def_offset) = g.origin.get();
    let sources = vm.sources.borrow();
    let src = sources.get(file as usize)?;
    // A coroutine of apy's own asyncio: CPython names a line of its
    // installed `asyncio/*.py`, which apy cannot know.
    if src.name.starts_with("<frozen ") {
        return None;
    }
    if g.finished.get() {
        return Some(format!("done, defined at {}", def_location(vm, g)));
    }
    let offset = match g.position() {
        None => def_offset,
        Some((span, approximate)) => {
            // A suspended coroutine is at its `await`, whose first line
            // CPython reports; a running one may be on any line of its
            // statement.
            if g.running.get()
                && (approximate || src.line_of(span.start) != src.line_of(span.end.max(span.start)))
            {
                return None;
            }
            span.start
        }
    };
    Some(format!("running at {}:{}", src.name, src.line_of(offset)))
}

/// Reports an exception through the loop's default exception handler
/// (`message`, optional context lines, then the traceback), on stderr.
pub fn report_exception(vm: &Vm, message: &str, e: &Exc, context: Option<String>) {
    let mut text = String::from(message);
    text.push('\n');
    if let Some(c) = context {
        text.push_str(&c);
        text.push('\n');
    }
    let tb = crate::builtins::traceback::format_exception(vm, e);
    if !tb.starts_with("Traceback") && !tb.contains("Traceback (most recent call last)") {
        text.push_str("Traceback (most recent call last):\n");
    }
    text.push_str(&tb);
    vm.write_err(&text);
}

/// Queues the "exception was never retrieved" report of a dropped future;
/// `future_repr` contains `{exc}` where the exception's repr goes.
pub fn queue_never_retrieved(vm: &Vm, message: &'static str, future_repr: String, e: Exc) {
    vm.queue_finalizer(crate::eval::vm::Finalizer::Callback(Box::new(
        move |vm: &Vm| {
            let exc_repr = crate::eval::protocol::repr(vm, &e.value()).unwrap_or_default();
            let context = format!("future: {}", future_repr.replace("{exc}", &exc_repr));
            report_exception(vm, message, &e, Some(context));
        },
    )));
}

/// Creates the `asyncio` module.
pub fn module(vm: &Vm) -> PyResult<Value> {
    let st = state(vm);
    let native = methods::native_namespace(vm, &st);
    crate::stdlib::py_module_with(vm, "asyncio", include_str!("../py/asyncio.py"), native)
}
