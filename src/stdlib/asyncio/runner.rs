//! Running the loop: `run_forever`, `run_until_complete` and `asyncio.run`,
//! on a single-threaded tokio runtime that does the blocking waits.

use std::rc::Rc;

use super::event_loop::{Callback, EventLoop};
use super::future::{DoneCallback, FutState, core_of, is_future};
use super::task::TaskObj;
use super::{clock, state};
use crate::eval::{Args, PyResult, Vm};
use crate::value::Value;

/// What the loop waits for between iterations.
pub enum Wait {
    /// Nothing: callbacks are ready.
    No,
    /// Until the monotonic reading `when`.
    Until(f64),
    /// Until something happens from outside (forever in a script).
    Forever,
}

fn runtime(vm: &Vm) -> PyResult<()> {
    let st = state(vm);
    if st.runtime.borrow().is_none() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .map_err(|e| vm.runtime_error(format!("cannot start the tokio runtime: {e}")))?;
        *st.runtime.borrow_mut() = Some(rt);
    }
    Ok(())
}

/// `loop.run_forever()`: iterations until `loop.stop()`.
pub fn run_forever(vm: &Vm, lp: &Rc<EventLoop>) -> PyResult<()> {
    if lp.closed.get() {
        return Err(vm.runtime_error("Event loop is closed"));
    }
    if lp.running.get() {
        return Err(vm.runtime_error("This event loop is already running"));
    }
    let st = state(vm);
    if st.running_loop.borrow().is_some() {
        return Err(vm.runtime_error("Cannot run the event loop while another loop is running"));
    }
    runtime(vm)?;
    lp.running.set(true);
    *st.running_loop.borrow_mut() = Some(lp.clone());
    let old_hooks = vm
        .asyncgen_hooks
        .replace(Some(crate::eval::vm::AsyncGenHooks {
            firstiter: asyncgen_firstiter,
            finalizer: finalize_asyncgen,
        }));
    let clk = clock(vm);
    let result = {
        let rt_ref = st.runtime.borrow();
        let Some(rt) = rt_ref.as_ref() else {
            return Err(vm.runtime_error("no tokio runtime"));
        };
        let local = tokio::task::LocalSet::new();
        rt.block_on(local.run_until(async {
            loop {
                let wait = lp.prepare(vm);
                let until = match wait {
                    Wait::No => None,
                    Wait::Until(when) => Some(Some(clk.instant_at(when))),
                    Wait::Forever => Some(None),
                };
                if let Some(until) = until {
                    // A wall-clock limit (`apy check --timeout`) caps any wait.
                    let until = match (until, vm.deadline.get()) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    wait_for_event(vm, until).await;
                }
                lp.process(vm)?;
                if lp.take_stopping() {
                    break;
                }
            }
            Ok(())
        }))
    };
    lp.running.set(false);
    *st.running_loop.borrow_mut() = None;
    vm.asyncgen_hooks.set(old_hooks);
    result
}

/// The loop's firstiter hook: remembers the async generator for
/// `shutdown_asyncgens`.
fn asyncgen_firstiter(vm: &Vm, agen: &Rc<crate::value::Generator>) {
    if let Some(lp) = state(vm).running_loop.borrow().as_ref() {
        lp.asyncgens.borrow_mut().push(Rc::downgrade(agen));
    }
}

/// Work handed to the loop from another thread (the REPL's input thread):
/// runs on the loop thread when the loop waits.
pub type External = Box<dyn FnOnce(&Vm) + Send>;

/// Blocks until `until` (or forever), or until external work arrives,
/// which then runs.
async fn wait_for_event(vm: &Vm, until: Option<std::time::Instant>) {
    let st = state(vm);
    let mut rx = st.external.borrow_mut().take();
    let sleep = async {
        match until {
            Some(t) => tokio::time::sleep_until(tokio::time::Instant::from_std(t)).await,
            None => std::future::pending::<()>().await,
        }
    };
    match &mut rx {
        Some(r) => {
            tokio::select! {
                _ = sleep => {}
                msg = r.recv() => {
                    if let Some(f) = msg {
                        f(vm);
                    }
                }
            }
        }
        None => sleep.await,
    }
    if let Some(r) = rx {
        *st.external.borrow_mut() = Some(r);
    }
}

/// `loop.run_until_complete(future)`.
pub fn run_until_complete(vm: &Vm, lp: &Rc<EventLoop>, fut: Value) -> PyResult<Value> {
    if lp.closed.get() {
        return Err(vm.runtime_error("Event loop is closed"));
    }
    if lp.running.get() {
        return Err(vm.runtime_error("This event loop is already running"));
    }
    if state(vm).running_loop.borrow().is_some() {
        return Err(vm.runtime_error("Cannot run the event loop while another loop is running"));
    }
    let new_task = !is_future(&fut);
    let fut = ensure_future(vm, lp, fut)?;
    let Some(core) = core_of(&fut) else {
        return Err(vm.type_error("An asyncio.Future, a coroutine or an awaitable is required"));
    };
    let stop_cb: super::future::NativeDoneCallback = Rc::new(|vm: &Vm, f: &Value| {
        if let Some(c) = core_of(f) {
            if c.state() == FutState::Finished
                && let Some(e) = c.stored_exception()
                && super::future::is_fatal(vm, &e)
            {
                return Ok(());
            }
            c.event_loop.stop();
        }
        Ok(())
    });
    core.add_done_callback(&fut, DoneCallback::Native(stop_cb));
    if let Err(e) = run_forever(vm, lp) {
        if new_task && core.done() && core.state() != FutState::Cancelled {
            let _ = core.exception(vm);
        }
        return Err(e);
    }
    core.retain_callbacks(|c| !matches!(c, DoneCallback::Native(_)));
    if !core.done() {
        return Err(vm.runtime_error("Event loop stopped before Future completed."));
    }
    core.result(vm)
}

/// `asyncio.ensure_future(obj)` for a coroutine, a future or another
/// awaitable (which CPython wraps in a coroutine, `_wrap_awaitable`).
pub fn ensure_future(vm: &Vm, lp: &Rc<EventLoop>, v: Value) -> PyResult<Value> {
    if is_future(&v) {
        return Ok(v);
    }
    if matches!(&v, Value::Generator(g) if g.kind == crate::value::generator::GenKind::Coroutine) {
        let t = TaskObj::spawn(vm, lp, v, None)?;
        return Ok(t.value());
    }
    if is_awaitable(vm, &v) {
        let asyncio = crate::builtins::import_module(vm, "asyncio")?;
        let wrap = crate::eval::attr::getattr(vm, &asyncio, crate::intern::Sym::new("_await_op"))?;
        let coro = crate::eval::call::call(vm, &wrap, Args::new([v]))?;
        let t = TaskObj::spawn(vm, lp, coro, None)?;
        return Ok(t.value());
    }
    Err(vm.type_error("An asyncio.Future, a coroutine or an awaitable is required"))
}

/// `inspect.isawaitable(v)` for what is not a coroutine or a future: an
/// async generator's `asend`/`athrow`/`aclose` awaitable, or an object
/// whose class defines `__await__`.
fn is_awaitable(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Native(n) => n.as_any().is::<crate::builtins::awaitables::AsyncGenOp>(),
        Value::Instance(_) => {
            crate::eval::attr::lookup_special(vm, v, crate::intern::known::__await__).is_some()
        }
        _ => false,
    }
}

/// A coroutine that finishes at once (for the shutdown steps that have
/// nothing to do but still take loop iterations, as in CPython).
fn trivial_coroutine(vm: &Vm, name: &str) -> Value {
    let body: crate::value::generator::Body = Box::pin(async { Ok(Value::None) });
    let g = crate::value::Generator::new(
        crate::value::generator::GenKind::Coroutine,
        crate::value::func::Names::new(
            Rc::from(name),
            Rc::from(format!("BaseEventLoop.{name}").as_str()),
        ),
        body,
    );
    let _ = vm;
    Value::Generator(Rc::new(g))
}

/// `asyncio.run(main, debug=debug)`.
pub fn asyncio_run(vm: &Vm, main: Value, debug: &Value) -> PyResult<Value> {
    let st = state(vm);
    if st.running_loop.borrow().is_some() {
        let e = vm.runtime_error("asyncio.run() cannot be called from a running event loop");
        // CPython's traceback keeps `main` alive until the exception dies.
        e.keep_alive(main);
        return Err(e);
    }
    if !matches!(&main, Value::Generator(g) if g.kind == crate::value::generator::GenKind::Coroutine)
    {
        return Err(vm.value_error(format!(
            "a coroutine was expected, got {}",
            crate::eval::protocol::repr(vm, &main)?
        )));
    }
    // Debug mode changes what asyncio prints (see `loop.set_debug`);
    // CPython applies `debug` here, after the checks above.
    if !matches!(debug, Value::None | Value::Bool(false)) {
        return Err(vm.unsupported("asyncio debug mode (asyncio.run(debug=...))"));
    }
    let lp = EventLoop::new();
    // CPython's Runner calls set_event_loop(loop), then set_event_loop(None).
    st.set_called.set(true);
    *st.current_loop.borrow_mut() = Some(lp.clone());
    let task = TaskObj::spawn(vm, &lp, main, None)?;
    let result = run_until_complete(vm, &lp, task.value());
    let close = close_runner(vm, &lp);
    *st.current_loop.borrow_mut() = None;
    lp.closed.set(true);
    drop(task);
    match (result, close) {
        (Err(e), _) => Err(e),
        (Ok(_), Err(e)) => Err(e),
        (Ok(v), Ok(())) => Ok(v),
    }
}

/// `Runner.close()`: cancel leftover tasks, close async generators, shut
/// the executor down.
pub fn close_runner(vm: &Vm, lp: &Rc<EventLoop>) -> PyResult<()> {
    cancel_all_tasks(vm, lp)?;
    let agens = shutdown_asyncgens(vm, lp)?;
    run_until_complete(vm, lp, agens)?;
    run_until_complete(vm, lp, trivial_coroutine(vm, "shutdown_default_executor"))?;
    Ok(())
}

/// Tasks of `lp` not done yet, in creation order.
pub fn pending_tasks(lp: &EventLoop) -> Vec<Rc<TaskObj>> {
    let mut tasks = lp.tasks.borrow_mut();
    tasks.retain(|w| w.strong_count() > 0);
    tasks
        .iter()
        .filter_map(|w| w.upgrade())
        .filter(|t| !t.core.done())
        .collect()
}

fn cancel_all_tasks(vm: &Vm, lp: &Rc<EventLoop>) -> PyResult<()> {
    let to_cancel = pending_tasks(lp);
    if to_cancel.is_empty() {
        return Ok(());
    }
    for t in &to_cancel {
        t.cancel(vm, Value::None);
    }
    let gather = crate::eval::attr::getattr(
        vm,
        &crate::builtins::import_module(vm, "asyncio")?,
        crate::intern::Sym::new("gather"),
    )?;
    let args = Args::with_kw(
        to_cancel.iter().map(|t| t.value()),
        vec![(
            crate::intern::Sym::new("return_exceptions"),
            Value::Bool(true),
        )],
    );
    let g = crate::eval::call::call(vm, &gather, args)?;
    run_until_complete(vm, lp, g)?;
    for t in &to_cancel {
        if t.core.state() == FutState::Cancelled {
            continue;
        }
        let exc = t.core.stored_exception();
        if let Some(e) = exc {
            t.core.log_traceback.set(false);
            let message = "unhandled exception during asyncio.run() shutdown";
            if lp.exception_handler.borrow().is_none() {
                // The default handler, on stderr (where a task's line that
                // apy does not know exactly shows as `running`).
                let context = format!("task: {}", t.repr_string(vm));
                super::report_exception(vm, message, &e, Some(context));
                continue;
            }
            // The handler the program set.
            let d = crate::value::PyDict::new();
            d.set(vm, Value::str("message"), Value::str(message))?;
            d.set(vm, Value::str("exception"), e.value())?;
            d.set(vm, Value::str("task"), t.value())?;
            super::exception_handler::call_exception_handler(vm, lp, Value::Dict(Rc::new(d)))?;
        }
    }
    Ok(())
}

/// `loop.shutdown_asyncgens()`: a coroutine closing the async generators
/// still alive.
pub fn shutdown_asyncgens(vm: &Vm, lp: &Rc<EventLoop>) -> PyResult<Value> {
    lp.asyncgens_shutdown.set(true);
    let agens: Vec<Rc<crate::value::Generator>> = lp
        .asyncgens
        .borrow_mut()
        .drain(..)
        .filter_map(|w| w.upgrade())
        .filter(|g| !g.finished.get())
        .collect();
    if agens.is_empty() {
        return Ok(trivial_coroutine(vm, "shutdown_asyncgens"));
    }
    let asyncio = crate::builtins::import_module(vm, "asyncio")?;
    let helper =
        crate::eval::attr::getattr(vm, &asyncio, crate::intern::Sym::new("_shutdown_asyncgens"))?;
    let list = Value::list(agens.into_iter().map(Value::Generator).collect());
    crate::eval::call::call(vm, &helper, Args::new([list]))
}

/// Schedules `agen.aclose()` as a task (the loop's asyncgen finalizer).
pub fn finalize_asyncgen(vm: &Vm, agen: Rc<crate::value::Generator>) {
    let Some(lp) = state(vm).running_loop.borrow().clone() else {
        // Dropped as it is; finished, so that the drop does not queue its
        // close again.
        agen.finished.set(true);
        return;
    };
    lp.call_soon(Callback::Native(Rc::new(move |vm: &Vm| {
        let aclose = crate::builtins::awaitables::agen_aclose(
            vm,
            Args::new([Value::Generator(agen.clone())]),
        )?;
        let asyncio = crate::builtins::import_module(vm, "asyncio")?;
        let wrap = crate::eval::attr::getattr(vm, &asyncio, crate::intern::Sym::new("_await_op"))?;
        let coro = crate::eval::call::call(vm, &wrap, Args::new([aclose]))?;
        let lp = super::running_loop(vm)?;
        TaskObj::spawn(vm, &lp, coro, None)?;
        Ok(())
    })));
}
