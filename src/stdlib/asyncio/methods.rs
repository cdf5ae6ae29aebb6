//! The Python face of the native asyncio core: methods of `Future`, `Task`,
//! the loop and its handles, and the module-level functions.

use std::any::Any;
use std::rc::Rc;

use super::event_loop::{Callback, EventLoop, Handle};
#[allow(unused_imports)]
use super::future::FutState;
use super::future::{DoneCallback, FutureCore, FutureObj, core_of, is_future};
use super::task::TaskObj;
use super::{AsyncioState, clock, running_loop, state};
use crate::builtins::{add_method, arg_int};
use crate::eval::suspend::{Resume, Yielded, suspend};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::Sym;
use crate::value::generator::GenKind;
use crate::value::{Generator, NativeObject, Type, Value};

/// A loop as a Python object.
pub struct LoopObj(pub Rc<EventLoop>);

impl NativeObject for LoopObj {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        state(vm).loop_type.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _vm: &Vm) -> Option<PyResult<String>> {
        Some(Ok(format!(
            "<_UnixSelectorEventLoop running={} closed={} debug={}>",
            py_bool(self.0.running.get()),
            py_bool(self.0.closed.get()),
            py_bool(self.0.debug.get())
        )))
    }
    fn eq(&self, _vm: &Vm, other: &Value) -> Option<PyResult<bool>> {
        Some(Ok(other
            .downcast::<LoopObj>()
            .map(|o| Rc::ptr_eq(&o.0, &self.0))
            .unwrap_or(false)))
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// The Python value of a loop.
pub fn loop_value(lp: &Rc<EventLoop>) -> Value {
    if let Some(v) = &*lp.py_value.borrow() {
        return v.clone();
    }
    let v = Value::native(LoopObj(lp.clone()));
    *lp.py_value.borrow_mut() = Some(v.clone());
    v
}

/// A `Handle` / `TimerHandle` as a Python object.
pub struct HandleObj {
    pub handle: Rc<Handle>,
    pub event_loop: Rc<EventLoop>,
    /// The callback and its arguments as the repr shows them; `None`
    /// where the callback's place is not known (see
    /// [`super::callback_repr`]).
    pub desc: Option<String>,
}

impl NativeObject for HandleObj {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        if self.handle.is_timer {
            state(vm).timer_handle_type.clone()
        } else {
            state(vm).handle_type.clone()
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        // A cancelled handle has dropped its callback (CPython's
        // `Handle.cancel` sets `_callback` to None), so shows none.
        let (cancelled, desc) = if self.handle.cancelled.get() {
            (" cancelled", String::new())
        } else {
            match &self.desc {
                Some(desc) => ("", format!(" {desc}")),
                None => return Some(Err(vm.unsupported(
                    "the repr of a handle whose callback is defined in asyncio or made by functools.partial",
                ))),
            }
        };
        Some(Ok(if self.handle.is_timer {
            format!(
                "<TimerHandle{cancelled} when={}{desc}>",
                crate::format::float_repr(self.handle.when),
            )
        } else {
            format!("<Handle{cancelled}{desc}>")
        }))
    }
}

fn this_loop(vm: &Vm, args: &Args) -> PyResult<Rc<EventLoop>> {
    match args.pos.first().and_then(|v| v.downcast::<LoopObj>()) {
        Some(l) => Ok(l.0.clone()),
        None => Err(vm.type_error("descriptor requires an event loop")),
    }
}

fn this_core<'a>(vm: &Vm, args: &'a Args) -> PyResult<&'a FutureCore> {
    args.pos
        .first()
        .and_then(core_of)
        .ok_or_else(|| vm.type_error("descriptor requires a Future object"))
}

fn this_task<'a>(vm: &Vm, args: &'a Args) -> PyResult<&'a TaskObj> {
    args.pos
        .first()
        .and_then(|v| v.downcast::<TaskObj>())
        .ok_or_else(|| vm.type_error("descriptor requires a Task object"))
}

fn arg(args: &Args, i: usize) -> Value {
    args.pos.get(i).cloned().unwrap_or(Value::None)
}

pub fn install(vm: &Vm, st: &AsyncioState) {
    for t in [&st.future_type, &st.task_type] {
        add_method(t, "result", fut_result);
        add_method(t, "exception", fut_exception);
        add_method(t, "done", fut_done);
        add_method(t, "cancelled", fut_cancelled);
        add_method(t, "add_done_callback", fut_add_done_callback);
        add_method(t, "remove_done_callback", fut_remove_done_callback);
        add_method(t, "get_loop", fut_get_loop);
        add_method(t, "set_result", fut_set_result);
        add_method(t, "set_exception", fut_set_exception);
        add_method(t, "_make_cancelled_error", fut_make_cancelled_error);
    }
    add_method(&st.future_type, "__new__", future_new);
    add_method(&st.future_type, "cancel", fut_cancel);
    add_method(&st.task_type, "__new__", task_new);
    add_method(&st.task_type, "cancel", task_cancel);
    add_method(&st.task_type, "get_name", task_get_name);
    add_method(&st.task_type, "set_name", task_set_name);
    add_method(&st.task_type, "get_coro", task_get_coro);
    add_method(&st.task_type, "cancelling", task_cancelling);
    add_method(&st.task_type, "uncancel", task_uncancel);
    let l = &st.loop_type;
    add_method(l, "time", loop_time);
    add_method(l, "call_soon", loop_call_soon);
    add_method(l, "call_soon_threadsafe", loop_call_soon);
    add_method(l, "call_later", loop_call_later);
    add_method(l, "call_at", loop_call_at);
    add_method(l, "create_future", loop_create_future);
    add_method(l, "create_task", loop_create_task);
    add_method(l, "run_until_complete", loop_run_until_complete);
    add_method(l, "run_forever", loop_run_forever);
    add_method(l, "stop", loop_stop);
    add_method(l, "close", loop_close);
    add_method(l, "is_running", loop_is_running);
    add_method(l, "is_closed", loop_is_closed);
    add_method(l, "get_debug", loop_get_debug);
    add_method(l, "set_debug", loop_set_debug);
    add_method(l, "shutdown_asyncgens", loop_shutdown_asyncgens);
    add_method(l, "call_exception_handler", loop_call_exception_handler);
    add_method(
        l,
        "default_exception_handler",
        loop_default_exception_handler,
    );
    add_method(l, "set_exception_handler", loop_set_exception_handler);
    add_method(l, "get_exception_handler", loop_get_exception_handler);
    add_method(l, "run_in_executor", loop_unsupported);
    for h in [&st.handle_type, &st.timer_handle_type] {
        add_method(h, "cancel", handle_cancel);
        add_method(h, "cancelled", handle_cancelled);
    }
    add_method(&st.timer_handle_type, "when", handle_when);
    let _ = vm;
}

fn fut_result(vm: &Vm, args: Args) -> PyResult<Value> {
    this_core(vm, &args)?.result(vm)
}

fn fut_exception(vm: &Vm, args: Args) -> PyResult<Value> {
    this_core(vm, &args)?.exception(vm)
}

fn fut_done(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(this_core(vm, &args)?.done()))
}

fn fut_cancelled(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        this_core(vm, &args)?.state() == super::future::FutState::Cancelled,
    ))
}

fn fut_add_done_callback(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    let core = this_core(vm, &args)?;
    core.add_done_callback(&args.pos[0], DoneCallback::Py(arg(&args, 1)));
    Ok(Value::None)
}

fn fut_remove_done_callback(vm: &Vm, args: Args) -> PyResult<Value> {
    let core = this_core(vm, &args)?;
    Ok(Value::Int(
        core.remove_done_callback(vm, &arg(&args, 1))? as i64
    ))
}

fn fut_get_loop(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(loop_value(&this_core(vm, &args)?.event_loop))
}

fn fut_set_result(vm: &Vm, args: Args) -> PyResult<Value> {
    if args
        .pos
        .first()
        .and_then(|v| v.downcast::<TaskObj>())
        .is_some()
    {
        return Err(vm.runtime_error("Task does not support set_result operation"));
    }
    let core = this_core(vm, &args)?;
    core.set_result(vm, &args.pos[0], arg(&args, 1))?;
    Ok(Value::None)
}

fn fut_set_exception(vm: &Vm, args: Args) -> PyResult<Value> {
    if args
        .pos
        .first()
        .and_then(|v| v.downcast::<TaskObj>())
        .is_some()
    {
        return Err(vm.runtime_error("Task does not support set_exception operation"));
    }
    let core = this_core(vm, &args)?;
    let v = arg(&args, 1);
    let e = match &v {
        Value::Type(_) => crate::eval::stmt::to_exception(
            vm,
            v.clone(),
            "exceptions must derive from BaseException",
        )?,
        _ => crate::eval::stmt::to_exception(vm, v.clone(), "invalid exception object")?,
    };
    if e.0.class.name == "StopIteration" {
        return Err(vm.type_error(
            "StopIteration interacts badly with generators and cannot be raised into a Future",
        ));
    }
    core.set_exception(vm, &args.pos[0], e)?;
    Ok(Value::None)
}

fn fut_cancel(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let msg = args.take_kw("msg").unwrap_or_else(|| arg(&args, 1));
    let this = args.pos.first().cloned().unwrap_or(Value::None);
    Ok(Value::Bool(super::task::cancel_future(vm, &this, msg)))
}

fn fut_make_cancelled_error(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(this_core(vm, &args)?.make_cancelled_error(vm).value())
}

fn make_gathering_future(vm: &Vm, args: Args) -> PyResult<Value> {
    // The list itself, as CPython's `outer._children = children`: `gather`
    // keeps it for its done-callback, and a copy would double it.
    let children = match arg(&args, 0) {
        Value::List(list) => list,
        other => Rc::new(crate::value::PyList::new(crate::eval::iter::collect(
            vm, &other,
        )?)),
    };
    let lp = match arg(&args, 1).downcast::<LoopObj>() {
        Some(l) => l.0.clone(),
        None => default_loop(vm)?,
    };
    let mut f = FutureObj::new(lp);
    f.gathering = Some(children);
    Ok(Value::native(f))
}

/// `_distinct_builtin_awaitables(args)`: whether every item of the tuple
/// `args` is a coroutine, task or future of the builtin types (whose hash
/// and equality are identity, so no Python code can observe how they are
/// compared) and no item appears twice. `gather` then needs no
/// `arg_to_fut` dict: with 100,000 children that dict was a tenth of the
/// program's peak memory.
fn distinct_builtin_awaitables(_vm: &Vm, args: Args) -> PyResult<Value> {
    let Value::Tuple(items) = arg(&args, 0) else {
        return Ok(Value::Bool(false));
    };
    let mut ids = Vec::with_capacity(items.items.len());
    for item in items.items.iter() {
        let builtin = matches!(item, Value::Generator(_))
            || item.downcast::<TaskObj>().is_some()
            || item.downcast::<FutureObj>().is_some();
        match item.ptr() {
            Some(id) if builtin => ids.push(id),
            _ => return Ok(Value::Bool(false)),
        }
    }
    ids.sort_unstable();
    Ok(Value::Bool(ids.windows(2).all(|w| w[0] != w[1])))
}

/// The loop a new future or task belongs to: the running one, else the
/// current one.
fn default_loop(vm: &Vm) -> PyResult<Rc<EventLoop>> {
    if let Some(l) = state(vm).running_loop.borrow().clone() {
        return Ok(l);
    }
    get_event_loop_rc(vm)
}

fn future_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let lp = match args.take_kw("loop") {
        Some(v) if !v.is_none() => v
            .downcast::<LoopObj>()
            .map(|l| l.0.clone())
            .ok_or_else(|| vm.type_error("loop must be an event loop"))?,
        _ => default_loop(vm)?,
    };
    Ok(new_future(&lp))
}

/// `loop.create_future()`.
pub fn new_future(lp: &Rc<EventLoop>) -> Value {
    Value::native(FutureObj::new(lp.clone()))
}

fn task_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let name = args.take_kw("name");
    let _context = args.take_kw("context");
    let lp = match args.take_kw("loop") {
        Some(v) if !v.is_none() => v
            .downcast::<LoopObj>()
            .map(|l| l.0.clone())
            .ok_or_else(|| vm.type_error("loop must be an event loop"))?,
        _ => default_loop(vm)?,
    };
    let coro = arg(&args, 1);
    let name = match name {
        Some(Value::None) | None => None,
        Some(v) => Some(crate::eval::protocol::str_of(vm, &v)?),
    };
    Ok(TaskObj::spawn(vm, &lp, coro, name)?.value())
}

fn task_cancel(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let msg = args.take_kw("msg").unwrap_or_else(|| arg(&args, 1));
    Ok(Value::Bool(this_task(vm, &args)?.cancel(vm, msg)))
}

fn task_get_name(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::str(&this_task(vm, &args)?.name()))
}

fn task_set_name(vm: &Vm, args: Args) -> PyResult<Value> {
    let t = this_task(vm, &args)?;
    t.set_name(crate::eval::protocol::str_of(vm, &arg(&args, 1))?);
    Ok(Value::None)
}

fn task_get_coro(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(this_task(vm, &args)?.coro_value())
}

fn task_cancelling(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int(
        this_task(vm, &args)?.num_cancels_requested.get() as i64,
    ))
}

fn task_uncancel(vm: &Vm, args: Args) -> PyResult<Value> {
    let t = this_task(vm, &args)?;
    let n = t.num_cancels_requested.get();
    if n > 0 {
        t.num_cancels_requested.set(n - 1);
    }
    Ok(Value::Int(t.num_cancels_requested.get() as i64))
}

fn loop_time(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Float(clock(vm).monotonic()))
}

fn py_callback(args: &Args, first: usize) -> (Value, Vec<Value>) {
    (
        arg(args, first),
        args.pos.iter().skip(first + 1).cloned().collect(),
    )
}

fn handle_value(
    vm: &Vm,
    lp: &Rc<EventLoop>,
    h: Rc<Handle>,
    func: &Value,
    fargs: &[Value],
) -> Value {
    let args_repr: Vec<String> = fargs
        .iter()
        .map(|a| crate::eval::protocol::repr(vm, a).unwrap_or_default())
        .collect();
    let desc = super::callback_call_repr(vm, func, &format!("({})", args_repr.join(", ")));
    Value::native(HandleObj {
        handle: h,
        event_loop: lp.clone(),
        desc,
    })
}

fn check_callable(vm: &Vm, f: &Value, method: &str) -> PyResult<()> {
    let callable = matches!(
        f,
        Value::Function(_) | Value::Builtin(_) | Value::BoundMethod(_) | Value::Type(_)
    ) || matches!(f, Value::Native(n) if n.is_callable())
        || (matches!(f, Value::Instance(_))
            && vm
                .type_of(f)
                .lookup(crate::intern::known::__call__)
                .is_some());
    if !callable {
        return Err(vm.type_error(format!(
            "a callable object was expected by {method}(), got {}",
            crate::eval::protocol::repr(vm, f)?
        )));
    }
    Ok(())
}

fn loop_call_soon(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    let lp = this_loop(vm, &args)?;
    if lp.closed.get() {
        return Err(vm.runtime_error("Event loop is closed"));
    }
    let (func, fargs) = py_callback(&args, 1);
    check_callable(vm, &func, "call_soon")?;
    let h = lp.call_soon_handle(Callback::py(func.clone(), fargs.clone()));
    Ok(handle_value(vm, &lp, h, &func, &fargs))
}

/// A delay or deadline in seconds, as `loop.time() + delay` converts it.
pub fn to_seconds(vm: &Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(f) => Ok(*f),
        Value::Int(i) => Ok(*i as f64),
        Value::Bool(b) => Ok(*b as i64 as f64),
        Value::BigInt(b) => crate::eval::ops::int_to_f64(vm, b),
        other => Err(vm.type_error(format!(
            "unsupported operand type(s) for +: 'float' and '{}'",
            crate::eval::protocol::type_name(vm, other)
        ))),
    }
}

fn loop_call_later(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    let lp = this_loop(vm, &args)?;
    let delay = to_seconds(vm, &arg(&args, 1))?;
    let (func, fargs) = py_callback(&args, 2);
    check_callable(vm, &func, "call_at")?;
    let when = clock(vm).monotonic() + delay;
    let h = lp.call_at(when, Callback::py(func.clone(), fargs.clone()));
    Ok(handle_value(vm, &lp, h, &func, &fargs))
}

fn loop_call_at(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let _context = args.take_kw("context");
    let lp = this_loop(vm, &args)?;
    let when = to_seconds(vm, &arg(&args, 1))?;
    let (func, fargs) = py_callback(&args, 2);
    check_callable(vm, &func, "call_at")?;
    let h = lp.call_at(when, Callback::py(func.clone(), fargs.clone()));
    Ok(handle_value(vm, &lp, h, &func, &fargs))
}

fn loop_create_future(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(new_future(&this_loop(vm, &args)?))
}

fn loop_create_task(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let name = args.take_kw("name");
    let _context = args.take_kw("context");
    let lp = this_loop(vm, &args)?;
    if lp.closed.get() {
        return Err(vm.runtime_error("Event loop is closed"));
    }
    let name = match name {
        Some(Value::None) | None => None,
        Some(v) => Some(crate::eval::protocol::str_of(vm, &v)?),
    };
    Ok(TaskObj::spawn(vm, &lp, arg(&args, 1), name)?.value())
}

fn loop_run_until_complete(vm: &Vm, args: Args) -> PyResult<Value> {
    let lp = this_loop(vm, &args)?;
    super::runner::run_until_complete(vm, &lp, arg(&args, 1))
}

fn loop_run_forever(vm: &Vm, args: Args) -> PyResult<Value> {
    let lp = this_loop(vm, &args)?;
    super::runner::run_forever(vm, &lp)?;
    Ok(Value::None)
}

fn loop_stop(vm: &Vm, args: Args) -> PyResult<Value> {
    this_loop(vm, &args)?.stop();
    Ok(Value::None)
}

fn loop_close(vm: &Vm, args: Args) -> PyResult<Value> {
    let lp = this_loop(vm, &args)?;
    if lp.running.get() {
        return Err(vm.runtime_error("Cannot close a running event loop"));
    }
    lp.closed.set(true);
    Ok(Value::None)
}

fn loop_is_running(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(this_loop(vm, &args)?.running.get()))
}

fn loop_is_closed(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(this_loop(vm, &args)?.closed.get()))
}

fn loop_get_debug(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(this_loop(vm, &args)?.debug.get()))
}

fn loop_set_debug(vm: &Vm, args: Args) -> PyResult<Value> {
    let lp = this_loop(vm, &args)?;
    // Debug mode changes what asyncio prints (task reprs gain 'created
    // at ...', slow callbacks are logged), and CPython's get_debug()
    // returns the very object given; only `False` is the plain mode.
    if !matches!(arg(&args, 1), Value::Bool(false)) {
        return Err(vm.unsupported("asyncio debug mode (loop.set_debug)"));
    }
    lp.debug.set(false);
    Ok(Value::None)
}

fn loop_shutdown_asyncgens(vm: &Vm, args: Args) -> PyResult<Value> {
    let lp = this_loop(vm, &args)?;
    super::runner::shutdown_asyncgens(vm, &lp)
}

fn loop_call_exception_handler(vm: &Vm, args: Args) -> PyResult<Value> {
    let lp = this_loop(vm, &args)?;
    super::exception_handler::call_exception_handler(vm, &lp, arg(&args, 1))?;
    Ok(Value::None)
}

fn loop_default_exception_handler(vm: &Vm, args: Args) -> PyResult<Value> {
    super::exception_handler::default_exception_handler(vm, &arg(&args, 1))?;
    Ok(Value::None)
}

fn loop_set_exception_handler(vm: &Vm, args: Args) -> PyResult<Value> {
    let lp = this_loop(vm, &args)?;
    *lp.exception_handler.borrow_mut() = arg(&args, 1);
    Ok(Value::None)
}

fn loop_get_exception_handler(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(this_loop(vm, &args)?.exception_handler.borrow().clone())
}

fn loop_unsupported(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.unsupported("executors and threads (loop.run_in_executor)"))
}

fn handle_cancel(vm: &Vm, args: Args) -> PyResult<Value> {
    if let Some(h) = args.pos.first().and_then(|v| v.downcast::<HandleObj>()) {
        h.handle.cancel(&h.event_loop);
        return Ok(Value::None);
    }
    Err(vm.type_error("descriptor requires a Handle"))
}

fn handle_cancelled(vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.first().and_then(|v| v.downcast::<HandleObj>()) {
        Some(h) => Ok(Value::Bool(h.handle.cancelled.get())),
        None => Err(vm.type_error("descriptor requires a Handle")),
    }
}

fn handle_when(vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.first().and_then(|v| v.downcast::<HandleObj>()) {
        Some(h) => Ok(Value::Float(h.handle.when)),
        None => Err(vm.type_error("descriptor requires a TimerHandle")),
    }
}

/// `asyncio.tasks.__sleep0()`: a coroutine that gives up control for one
/// loop iteration (a bare `yield` the task answers with `call_soon`).
fn sleep0(vm: &Vm, _args: Args) -> PyResult<Value> {
    let vm_s = vm.as_static();
    let body: crate::value::generator::Body = Box::pin(async move {
        match suspend(vm_s, Yielded::Await(Value::None)).await {
            Resume::Throw(e) => Err(e),
            Resume::Send(_) => Ok(Value::None),
        }
    });
    let g = Generator::new(
        GenKind::Coroutine,
        crate::value::func::Names::same("__sleep0"),
        body,
    );
    g.origin.set(vm.current_position());
    Ok(Value::Generator(Rc::new(g)))
}

fn create_task(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let name = args.take_kw("name");
    let _context = args.take_kw("context");
    let lp = running_loop(vm)?;
    // As CPython's asyncio.create_task: the task is made with a default
    // name (so it takes a `Task-N` number), then renamed.
    let task = TaskObj::spawn(vm, &lp, arg(&args, 0), None)?;
    if let Some(v) = name
        && !v.is_none()
    {
        task.set_name(crate::eval::protocol::str_of(vm, &v)?);
    }
    Ok(task.value())
}

fn get_running_loop(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(loop_value(&running_loop(vm)?))
}

fn underscore_get_running_loop(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(match state(vm).running_loop.borrow().as_ref() {
        Some(l) => loop_value(l),
        None => Value::None,
    })
}

fn get_event_loop_rc(vm: &Vm) -> PyResult<Rc<EventLoop>> {
    let st = state(vm);
    if let Some(l) = st.running_loop.borrow().clone() {
        return Ok(l);
    }
    if let Some(l) = st.current_loop.borrow().clone() {
        return Ok(l);
    }
    if st.set_called.get() {
        return Err(vm.runtime_error("There is no current event loop in thread 'MainThread'."));
    }
    let l = EventLoop::new();
    *st.current_loop.borrow_mut() = Some(l.clone());
    Ok(l)
}

fn get_event_loop(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(loop_value(&get_event_loop_rc(vm)?))
}

fn new_event_loop(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(loop_value(&EventLoop::new()))
}

fn set_event_loop(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = arg(&args, 0);
    let st = state(vm);
    let lp = match v.downcast::<LoopObj>() {
        Some(l) => Some(l.0.clone()),
        None if v.is_none() => None,
        // (A loop of another class cannot be made: subclassing the loop
        // type is unsupported.)
        None => {
            return Err(vm.type_error(format!(
                "loop must be an instance of AbstractEventLoop or None, not '{}'",
                crate::eval::protocol::type_name(vm, &v)
            )));
        }
    };
    st.set_called.set(true);
    *st.current_loop.borrow_mut() = lp;
    Ok(Value::None)
}

fn loop_arg(vm: &Vm, args: &mut Args) -> PyResult<Rc<EventLoop>> {
    let v = args.take_kw("loop").unwrap_or_else(|| arg(args, 0));
    match v.downcast::<LoopObj>() {
        Some(l) => Ok(l.0.clone()),
        None => running_loop(vm),
    }
}

fn current_task(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let lp = loop_arg(vm, &mut args)?;
    let t = lp.current_task.borrow().clone();
    Ok(t.map(|t| t.value()).unwrap_or(Value::None))
}

fn all_tasks(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let lp = loop_arg(vm, &mut args)?;
    let set = crate::value::PySet::new(false);
    for t in super::runner::pending_tasks(&lp) {
        set.add(vm, t.value())?;
    }
    Ok(Value::Set(Rc::new(set)))
}

fn iscoroutine(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(
        matches!(arg(&args, 0), Value::Generator(g) if g.kind == GenKind::Coroutine),
    ))
}

fn iscoroutinefunction(_vm: &Vm, args: Args) -> PyResult<Value> {
    let f = arg(&args, 0);
    Ok(Value::Bool(is_coroutine_function(&f)))
}

fn is_coroutine_function(f: &Value) -> bool {
    match f {
        Value::Function(func) => func.def.is_async && !func.def.scope.is_generator,
        Value::BoundMethod(m) => is_coroutine_function(&m.func),
        Value::Native(n) => {
            if let Some(p) = n
                .as_any()
                .downcast_ref::<crate::stdlib::functools::Partial>()
            {
                return is_coroutine_function(&p.func);
            }
            false
        }
        _ => false,
    }
}

fn isfuture(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Bool(is_future(&arg(&args, 0))))
}

fn ensure_future(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let lp = match args.take_kw("loop") {
        Some(v) if !v.is_none() => v
            .downcast::<LoopObj>()
            .map(|l| l.0.clone())
            .ok_or_else(|| vm.type_error("loop must be an event loop"))?,
        _ => default_loop(vm)?,
    };
    super::runner::ensure_future(vm, &lp, arg(&args, 0))
}

fn run(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let debug = args.take_kw("debug").unwrap_or(Value::None);
    super::runner::asyncio_run(vm, arg(&args, 0), &debug)
}

/// `_close_runner(loop)`: the first steps of `Runner.close()` (cancel the
/// leftover tasks, close async generators, shut the executor down), the
/// same as at the end of `asyncio.run()`.
fn close_runner(vm: &Vm, args: Args) -> PyResult<Value> {
    match arg(&args, 0).downcast::<LoopObj>() {
        Some(l) => {
            let lp = l.0.clone();
            super::runner::close_runner(vm, &lp)?;
            Ok(Value::None)
        }
        None => Err(vm.type_error("_close_runner() needs an event loop")),
    }
}

fn unsupported_threads(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.unsupported("threads in asyncio (to_thread, run_coroutine_threadsafe, wrap_future)"))
}

/// The native names the Python part of `asyncio` starts with.
pub fn native_namespace(vm: &Vm, st: &AsyncioState) -> Vec<(&'static str, Value)> {
    use crate::builtins::builtin_fn;
    vec![
        ("Future", Value::Type(st.future_type.clone())),
        ("Task", Value::Type(st.task_type.clone())),
        ("Handle", Value::Type(st.handle_type.clone())),
        ("TimerHandle", Value::Type(st.timer_handle_type.clone())),
        ("AbstractEventLoop", Value::Type(st.loop_type.clone())),
        ("CancelledError", Value::Type(st.cancelled_error.clone())),
        (
            "InvalidStateError",
            Value::Type(st.invalid_state_error.clone()),
        ),
        (
            "TimeoutError",
            Value::Type(vm.exc_type(crate::eval::ExcKind::TimeoutError).clone()),
        ),
        ("_sleep0", builtin_fn("_sleep0", sleep0)),
        (
            "_native",
            builtin_fn("_native", super::native_bodies::register),
        ),
        ("create_task", builtin_fn("create_task", create_task)),
        (
            "get_running_loop",
            builtin_fn("get_running_loop", get_running_loop),
        ),
        (
            "_get_running_loop",
            builtin_fn("_get_running_loop", underscore_get_running_loop),
        ),
        (
            "get_event_loop",
            builtin_fn("get_event_loop", get_event_loop),
        ),
        (
            "new_event_loop",
            builtin_fn("new_event_loop", new_event_loop),
        ),
        (
            "set_event_loop",
            builtin_fn("set_event_loop", set_event_loop),
        ),
        ("current_task", builtin_fn("current_task", current_task)),
        ("all_tasks", builtin_fn("all_tasks", all_tasks)),
        ("iscoroutine", builtin_fn("iscoroutine", iscoroutine)),
        (
            "iscoroutinefunction",
            builtin_fn("iscoroutinefunction", iscoroutinefunction),
        ),
        ("isfuture", builtin_fn("isfuture", isfuture)),
        ("ensure_future", builtin_fn("ensure_future", ensure_future)),
        ("run", builtin_fn("run", run)),
        ("_close_runner", builtin_fn("_close_runner", close_runner)),
        (
            "_make_gathering_future",
            builtin_fn("_make_gathering_future", make_gathering_future),
        ),
        (
            "_distinct_builtin_awaitables",
            builtin_fn("_distinct_builtin_awaitables", distinct_builtin_awaitables),
        ),
        ("to_thread", builtin_fn("to_thread", unsupported_threads)),
        (
            "run_coroutine_threadsafe",
            builtin_fn("run_coroutine_threadsafe", unsupported_threads),
        ),
        (
            "wrap_future",
            builtin_fn("wrap_future", unsupported_threads),
        ),
    ]
}

/// Keeps `arg_int` and `Sym` in use for argument helpers.
pub fn int_arg(vm: &Vm, v: &Value) -> PyResult<i64> {
    let _ = Sym::new("");
    arg_int(vm, v)
}
