//! The asyncio REPL (`apy repl`), as `python -m asyncio` runs it.
//!
//! The interpreter thread runs the event loop forever; an input thread
//! reads lines (with line editing on a terminal, plainly from a pipe),
//! decides when an input is complete (`classify`), and hands it to the loop.
//! An input with top-level `await` runs as a task; any other input runs as
//! a loop callback. Background tasks keep running while the user types.
//! The input thread waits for each input to finish before it shows the
//! next prompt.

mod classify;
mod editor;
mod input;

pub use classify::{Input, classify};

use std::cell::RefCell;
use std::io::IsTerminal;
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc;

use crate::eval::{Exc, ExcKind, Flow, Frame, Vm};
use crate::session::{Session, SessionOptions};
use crate::stdlib::asyncio::event_loop::{Callback, EventLoop};
use crate::stdlib::asyncio::future::DoneCallback;
use crate::value::Value;

/// What the running input is, for Ctrl-C.
pub const IDLE: u8 = 0;
pub const RUNNING_SYNC: u8 = 1;
pub const RUNNING_TASK: u8 = 2;

/// A message from the input thread to the loop.
pub enum Request {
    /// Run this complete input (its first line number in the session).
    Run(String),
    /// Names for Tab completion of `prefix` (an identifier or a dotted
    /// name ending in `.`).
    Complete(String, mpsc::Sender<Vec<String>>),
    /// Ctrl-C while an input runs.
    Interrupt,
    /// End of input.
    Exit,
}

/// REPL state living on the interpreter thread.
struct ReplState {
    session: Session,
    event_loop: Rc<EventLoop>,
    /// Acknowledges the end of each input to the input thread.
    done: mpsc::Sender<()>,
    /// The task of the input running now (for Ctrl-C).
    current: Option<Rc<crate::stdlib::asyncio::task::TaskObj>>,
    interrupted: bool,
    exit_status: Option<i32>,
    activity: Arc<AtomicU8>,
    terminal: bool,
}

thread_local! {
    static STATE: RefCell<Option<ReplState>> = const { RefCell::new(None) };
}

fn with_state<T>(f: impl FnOnce(&mut ReplState) -> T) -> Option<T> {
    STATE.with(|s| s.borrow_mut().as_mut().map(f))
}

/// `apy repl [--virtual-time]`.
pub fn main(args: &[String]) -> i32 {
    let virtual_time = args.iter().any(|a| a == "--virtual-time");
    if let Some(bad) = args.iter().find(|a| a.as_str() != "--virtual-time") {
        eprintln!("usage: apy repl [--virtual-time]\napy repl: unknown argument '{bad}'");
        return 2;
    }
    let terminal = std::io::stdin().is_terminal() && std::io::stdout().is_terminal();
    crate::run::on_big_stack(move || run(virtual_time, terminal))
}

fn run(virtual_time: bool, terminal: bool) -> i32 {
    let (tx, rx) =
        tokio::sync::mpsc::unbounded_channel::<crate::stdlib::asyncio::runner::External>();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let (req_tx, req_rx) = mpsc::channel::<Request>();
    let activity = Arc::new(AtomicU8::new(IDLE));

    let mut session = Session::new(
        SessionOptions {
            virtual_time,
            capture: false,
        },
        "<stdin>",
    );
    let vm = session.vm;
    let mut printer = if terminal {
        editor::Terminal::new()
    } else {
        None
    };
    let printer_sink = printer.as_mut().and_then(|t| t.external_printer());
    *vm.out.borrow_mut() = match printer_sink {
        Some(mut p) => crate::eval::output::Output::sink(Box::new(move |s: &str| p(s))),
        None => crate::eval::output::Output::direct(),
    };
    session.globals = repl_globals(crate::builtins::import_module(vm, "asyncio").ok());
    let event_loop = session.event_loop();
    let st = crate::stdlib::asyncio::state(vm);
    *st.external.borrow_mut() = Some(rx);
    eprint!(
        "asyncio REPL 3.11.7 (apy {}) on linux\nUse \"await\" directly instead of \"asyncio.run()\".\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n>>> import asyncio\n",
        env!("CARGO_PKG_VERSION")
    );
    STATE.with(|s| {
        *s.borrow_mut() = Some(ReplState {
            session,
            event_loop: event_loop.clone(),
            done: done_tx,
            current: None,
            interrupted: false,
            exit_status: None,
            activity: activity.clone(),
            terminal,
        })
    });

    // Requests from the input thread become work for the loop.
    let forward_tx = tx.clone();
    std::thread::spawn(move || {
        while let Ok(req) = req_rx.recv() {
            let exit = matches!(req, Request::Exit);
            if forward_tx
                .send(Box::new(move |vm: &Vm| handle(vm, req)))
                .is_err()
                || exit
            {
                break;
            }
        }
    });
    let interrupt_flag = vm.interrupt.clone();
    let ctrl_tx = tx.clone();
    let ctrl_activity = activity.clone();
    let _ = ctrlc::set_handler(move || match ctrl_activity.load(Ordering::SeqCst) {
        RUNNING_SYNC => interrupt_flag.store(true, Ordering::SeqCst),
        RUNNING_TASK => {
            let _ = ctrl_tx.send(Box::new(|vm: &Vm| handle(vm, Request::Interrupt)));
        }
        _ => {}
    });
    let input_activity = activity.clone();
    let input = std::thread::spawn(move || input::run(printer, req_tx, done_rx, input_activity));

    loop {
        match crate::stdlib::asyncio::runner::run_forever(vm, &event_loop) {
            Ok(()) => break,
            Err(e) => {
                if let Some(code) = system_exit_status(vm, &e) {
                    vm.out.borrow_mut().flush();
                    std::process::exit(code);
                }
                // KeyboardInterrupt escaping the loop (as `run_forever`
                // raises it in CPython): the input that raised it is
                // reported by its task; the loop goes on.
                if vm.exc_is(&e, ExcKind::KeyboardInterrupt) {
                    with_state(|s| {
                        if let Some(t) = &s.current
                            && !t.core.done()
                        {
                            s.interrupted = true;
                            t.cancel(vm, Value::None);
                        }
                    });
                    continue;
                }
                report(vm, &e, false);
            }
        }
    }
    let status = with_state(|s| s.exit_status).flatten();
    vm.out.borrow_mut().flush();
    if let Some(code) = status {
        std::process::exit(code);
    }
    if terminal {
        // At a terminal, Ctrl-D ends the session as asyncio.run ends a
        // program: leftover tasks are cancelled.
        if let Some(state) = STATE.with(|s| s.borrow_mut().take()) {
            let _ = crate::stdlib::asyncio::runner::close_runner(vm, &state.event_loop);
        }
    }
    let _ = input.join();
    0
}

fn system_exit_status(vm: &Vm, e: &Exc) -> Option<i32> {
    if !vm.exc_is(e, ExcKind::SystemExit) {
        return None;
    }
    Some(match e.args().into_iter().next() {
        None | Some(Value::None) => 0,
        Some(Value::Int(i)) => i as i32,
        Some(other) => {
            let text = crate::eval::protocol::str_of(vm, &other).unwrap_or_default();
            eprintln!("{text}");
            1
        }
    })
}

/// Handles a request on the loop thread.
fn handle(vm: &Vm, req: Request) {
    match req {
        Request::Run(source) => run_input(vm, source),
        Request::Complete(prefix, reply) => {
            let names =
                with_state(|s| editor::completions(vm, &s.session, &prefix)).unwrap_or_default();
            let _ = reply.send(names);
        }
        Request::Interrupt => {
            with_state(|s| {
                if let Some(t) = &s.current {
                    s.interrupted = true;
                    t.cancel(vm, Value::None);
                }
            });
        }
        Request::Exit => {
            with_state(|s| s.event_loop.stop());
            vm.write_err("\nexiting asyncio REPL...\n");
        }
    }
}

fn acknowledge() {
    with_state(|s| {
        s.current = None;
        s.activity.store(IDLE, Ordering::SeqCst);
        let _ = s.done.send(());
    });
}

/// Compiles and schedules one input.
fn run_input(vm: &Vm, source: String) {
    let compiled = with_state(|s| s.session.compile("<stdin>", &source, true));
    let code = match compiled {
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            let color =
                with_state(|s| s.terminal).unwrap_or(false) && crate::diagnostics::use_color();
            vm.write_err(&crate::diagnostics::render_compile_error(
                "<stdin>", &source, &e, color,
            ));
            acknowledge();
            return;
        }
        None => return,
    };
    let Some((globals, lp, activity)) = with_state(|s| {
        (
            s.session.globals.clone(),
            s.event_loop.clone(),
            s.activity.clone(),
        )
    }) else {
        return;
    };
    let mut frame = Frame::module(globals, code.file);
    frame.interactive = true;
    if code.suspends {
        let coro =
            crate::eval::suspend::module_coroutine(vm.as_static(), code.module.clone(), frame);
        let task = match crate::stdlib::asyncio::task::TaskObj::spawn(vm, &lp, coro, None) {
            Ok(t) => t,
            Err(e) => {
                report(vm, &e, false);
                acknowledge();
                return;
            }
        };
        activity.store(RUNNING_TASK, Ordering::SeqCst);
        with_state(|s| {
            s.current = Some(task.clone());
            s.interrupted = false;
        });
        let value = task.value();
        task.core.add_done_callback(
            &value,
            DoneCallback::Native(Rc::new(|vm: &Vm, fut: &Value| {
                let interrupted = with_state(|s| s.interrupted).unwrap_or(false);
                if let Some(core) = crate::stdlib::asyncio::future::core_of(fut) {
                    match core.result(vm) {
                        Ok(_) => {}
                        Err(e)
                            if interrupted
                                && crate::stdlib::asyncio::is_cancelled_error(vm, &e) =>
                        {
                            vm.write_err("\nKeyboardInterrupt\n");
                        }
                        Err(e) if crate::stdlib::asyncio::is_cancelled_error(vm, &e) => {
                            vm.write_err(&format!(
                                "{}concurrent.futures._base.CancelledError\n",
                                crate::builtins::traceback::format_exception_head(vm, &e)
                            ));
                        }
                        Err(e) => {
                            if let Some(code) = system_exit_status(vm, &e) {
                                with_state(|s| {
                                    s.exit_status = Some(code);
                                    s.event_loop.stop();
                                });
                                return Ok(());
                            }
                            report(vm, &e, true);
                        }
                    }
                }
                acknowledge();
                Ok(())
            })),
        );
    } else {
        activity.store(RUNNING_SYNC, Ordering::SeqCst);
        let module = code.module.clone();
        let cell = RefCell::new(Some(frame));
        lp.call_soon(Callback::Native(Rc::new(move |vm: &Vm| {
            let Some(mut frame) = cell.borrow_mut().take() else {
                return Ok(());
            };
            let r = crate::eval::stmt::exec_block(vm, &mut frame, &module.body);
            if let Err(Flow::Exc(e)) = r {
                e.leave_frame(frame.name);
                if let Some(code) = system_exit_status(vm, &e) {
                    with_state(|s| {
                        s.exit_status = Some(code);
                        s.event_loop.stop();
                    });
                    return Ok(());
                }
                report(vm, &e, false);
            }
            acknowledge();
            Ok(())
        })));
    }
}

/// Prints an exception raised by an input, as the asyncio REPL does.
fn report(vm: &Vm, e: &Exc, awaited: bool) {
    if vm.exc_is(e, ExcKind::KeyboardInterrupt) && !awaited {
        vm.write_err("\nKeyboardInterrupt\n");
        return;
    }
    if crate::run::is_unsupported(e) {
        crate::run::report_uncaught(vm, e);
        return;
    }
    vm.write_err(&crate::builtins::traceback::format_exception(vm, e));
}

/// The namespace of `python -m asyncio`'s console, in its order: `asyncio`
/// first, no `__doc__` (the name finds the builtins module's), and the
/// globals of CPython's own `asyncio/__main__.py`: `__package__` is
/// `'asyncio'`, and its `__file__` and `__spec__` are not modelled, any
/// more than `__loader__` and `__builtins__`.
fn repl_globals(asyncio: Option<crate::value::Value>) -> std::rc::Rc<crate::eval::Globals> {
    use crate::builtins::unmodelled::value as unmodelled;
    use crate::intern::Sym;
    use crate::value::Value;
    let g = std::rc::Rc::new(crate::eval::Globals::default());
    if let Some(asyncio) = asyncio {
        g.set(Sym::new("asyncio"), asyncio);
    }
    g.set(Sym::new("__name__"), Value::str("__main__"));
    g.set(Sym::new("__loader__"), unmodelled("__loader__"));
    g.set(Sym::new("__spec__"), unmodelled("__spec__"));
    g.set(Sym::new("__builtins__"), unmodelled("__builtins__"));
    g.set(Sym::new("__file__"), unmodelled("__file__"));
    g.set(Sym::new("__package__"), Value::str("asyncio"));
    g
}
