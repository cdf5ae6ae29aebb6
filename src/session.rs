//! A session: one interpreter and one `__main__` namespace in which several
//! pieces of source run one after another — the blocks of a chain in
//! `apy check`, the inputs of the REPL. Output can be captured; time limits
//! stop runaway code; with top-level `await`, code runs on the session's own
//! event loop, which persists between pieces (as in `python -m asyncio`).

use std::rc::Rc;
use std::time::Duration;

use crate::ast::Module;
use crate::errors::CompileError;
use crate::eval::output::Output;
use crate::eval::{Exc, Flow, Frame, Globals, Vm};
use crate::resolve::ResolveOptions;
use crate::stdlib::asyncio::event_loop::EventLoop;
use crate::value::Value;

/// How a session runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct SessionOptions {
    pub virtual_time: bool,
    /// Capture stdout and stderr instead of writing them out.
    pub capture: bool,
}

/// A compiled piece of source.
pub struct Compiled {
    pub module: Rc<Module>,
    /// The source index (for tracebacks).
    pub file: u32,
    /// The module body awaits (top-level `await`): it runs as a coroutine.
    pub suspends: bool,
}

/// What running a piece of source did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    /// The uncaught exception, if any.
    pub exception: Option<ExceptionReport>,
    /// The time limit stopped the code.
    pub timed_out: bool,
    /// Seconds on the session clock (virtual or real) the piece took.
    pub elapsed: f64,
}

/// An uncaught exception, rendered.
#[derive(Debug, Clone)]
pub struct ExceptionReport {
    /// `Type: message` as the last line of a traceback.
    pub final_line: String,
    /// The full traceback text.
    pub traceback: String,
    /// 1-based line in the piece's source where it was raised (innermost
    /// frame in this source), if known.
    pub line: Option<usize>,
    /// `SystemExit` with this status (`None` for other exceptions).
    pub exit_status: Option<i32>,
    /// The code used something apy does not support.
    pub unsupported: bool,
}

/// An interpreter with a `__main__` namespace.
pub struct Session {
    pub vm: &'static Vm,
    pub globals: Rc<Globals>,
    pub options: SessionOptions,
    /// The event loop of top-level `await` (created on first use).
    event_loop: Option<Rc<EventLoop>>,
}

impl Session {
    /// A new session. Must be created and used on one thread (a big-stack
    /// thread: see [`crate::run::on_big_stack`]).
    pub fn new(options: SessionOptions, main_file: &str) -> Session {
        let vm = Vm::new();
        vm.virtual_time.set(options.virtual_time);
        if options.capture {
            *vm.out.borrow_mut() = Output::capture();
            *vm.err_capture.borrow_mut() = Some(String::new());
        }
        Session {
            vm,
            globals: crate::run::main_globals(main_file),
            options,
            event_loop: None,
        }
    }

    /// Parses and resolves `source` against this session's namespace.
    pub fn compile(
        &self,
        name: &str,
        source: &str,
        top_level_await: bool,
    ) -> Result<Compiled, CompileError> {
        let options = ResolveOptions { top_level_await };
        let (module, suspends) = crate::run::compile(source, &self.globals, options)?;
        let file = self.vm.add_source(name, Rc::from(source));
        Ok(Compiled {
            module: Rc::new(module),
            file,
            suspends,
        })
    }

    /// Sets time limits for the code run next (`None` lifts a limit).
    pub fn set_limits(&self, wall: Option<Duration>, virtual_secs: Option<f64>) {
        self.vm.set_time_limits(wall, virtual_secs);
    }

    /// Caps the memory the code run next may allocate beyond what the
    /// session holds now (`None`: no cap).
    pub fn set_memory_limit(&self, bytes: Option<usize>) {
        self.vm.set_memory_limit(bytes);
    }

    /// The session's clock reading.
    pub fn now(&self) -> f64 {
        crate::stdlib::clock_of(self.vm).monotonic()
    }

    /// Runs compiled code in the namespace. `interactive` echoes the values
    /// of expression statements (REPL, pycon). Code with top-level `await`
    /// runs as a task of the session's loop until it completes.
    pub fn run(&mut self, code: &Compiled, interactive: bool) -> Result<(), Exc> {
        let vm = self.vm;
        let mut frame = Frame::module(self.globals.clone(), code.file);
        frame.interactive = interactive;
        if code.suspends {
            let lp = self.event_loop();
            let coro = crate::eval::suspend::module_coroutine(vm, code.module.clone(), frame);
            let task = crate::stdlib::asyncio::task::TaskObj::spawn(vm, &lp, coro, None)?;
            crate::stdlib::asyncio::runner::run_until_complete(vm, &lp, task.value()).map(|_| ())
        } else {
            let r = crate::eval::stmt::exec_block(vm, &mut frame, &code.module.body);
            match r {
                Ok(()) | Err(Flow::Return | Flow::Break | Flow::Continue) => Ok(()),
                Err(Flow::Exc(e)) => {
                    e.leave_frame(frame.name);
                    Err(e)
                }
            }
        }
    }

    /// Runs `code` (plain, no `await`) as a callback of the session's loop,
    /// then lets the loop run its ready callbacks once — how the asyncio
    /// REPL runs a line without `await`.
    pub fn run_as_callback(&mut self, code: &Compiled, interactive: bool) -> Result<(), Exc> {
        let lp = self.event_loop();
        let vm = self.vm;
        let result: Rc<std::cell::RefCell<Option<Result<(), Exc>>>> =
            Rc::new(std::cell::RefCell::new(None));
        let slot = result.clone();
        let module = code.module.clone();
        let globals = self.globals.clone();
        let file = code.file;
        lp.call_soon(crate::stdlib::asyncio::event_loop::Callback::Native(
            Rc::new(move |vm: &Vm| {
                let mut frame = Frame::module(globals.clone(), file);
                frame.interactive = interactive;
                let r = match crate::eval::stmt::exec_block(vm, &mut frame, &module.body) {
                    Ok(()) | Err(Flow::Return | Flow::Break | Flow::Continue) => Ok(()),
                    Err(Flow::Exc(e)) => {
                        e.leave_frame(frame.name);
                        Err(e)
                    }
                };
                *slot.borrow_mut() = Some(r);
                Ok(())
            }),
        ));
        lp.stop();
        crate::stdlib::asyncio::runner::run_forever(vm, &lp)?;
        let r = result.borrow_mut().take();
        r.unwrap_or(Ok(()))
    }

    /// Lets the session's loop (if any) run its ready callbacks once.
    pub fn run_ready_once(&mut self) -> Result<(), Exc> {
        let Some(lp) = self.event_loop.clone() else {
            return Ok(());
        };
        lp.stop();
        crate::stdlib::asyncio::runner::run_forever(self.vm, &lp)
    }

    /// The session's event loop, created (and made current) on first use.
    pub fn event_loop(&mut self) -> Rc<EventLoop> {
        if let Some(lp) = &self.event_loop {
            return lp.clone();
        }
        let lp = EventLoop::new();
        let st = crate::stdlib::asyncio::state(self.vm);
        // As `python -m asyncio`: `asyncio.set_event_loop(loop)`.
        st.set_called.set(true);
        *st.current_loop.borrow_mut() = Some(lp.clone());
        self.event_loop = Some(lp.clone());
        lp
    }

    /// Whether the session has an event loop.
    pub fn has_event_loop(&self) -> bool {
        self.event_loop.is_some()
    }

    /// Runs `code` and collects its output and outcome.
    pub fn run_piece(&mut self, code: &Compiled, interactive: bool) -> Outcome {
        let start = self.now();
        let r = self.run(code, interactive);
        self.finish_piece(r, start, code.file)
    }

    /// Turns a result into an [`Outcome`], taking the captured output.
    pub fn finish_piece(&mut self, r: Result<(), Exc>, start: f64, file: u32) -> Outcome {
        if self.vm.has_pending_finalizers() {
            self.vm.run_finalizers();
        }
        let mut outcome = Outcome {
            elapsed: self.now() - start,
            ..Default::default()
        };
        if let Err(e) = r {
            outcome.timed_out = self.vm.timed_out.get() || is_timeout(&e);
            outcome.exception = Some(self.report(&e, file));
        }
        let (stdout, stderr) = self.take_output();
        outcome.stdout = stdout;
        outcome.stderr = stderr;
        outcome
    }

    /// Renders an exception.
    pub fn report(&self, e: &Exc, file: u32) -> ExceptionReport {
        let vm = self.vm;
        let exit_status = if vm.exc_is(e, crate::eval::ExcKind::SystemExit) {
            Some(match e.args().into_iter().next() {
                None | Some(Value::None) => 0,
                Some(Value::Int(i)) => i as i32,
                Some(_) => 1,
            })
        } else {
            None
        };
        let line = e.0.exc().and_then(|d| {
            let d = d.borrow();
            let sources = vm.sources.borrow();
            d.traceback.iter().find(|t| t.file == file).and_then(|t| {
                sources
                    .get(t.file as usize)
                    .map(|s| s.line_of(t.span.start))
            })
        });
        ExceptionReport {
            final_line: crate::builtins::traceback::final_line(vm, e),
            traceback: crate::builtins::traceback::format_exception(vm, e),
            line,
            exit_status,
            unsupported: crate::run::is_unsupported(e),
        }
    }

    /// Takes the captured stdout and stderr text.
    pub fn take_output(&self) -> (String, String) {
        let out = self.vm.out.borrow_mut().take();
        let err = self
            .vm
            .err_capture
            .borrow_mut()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        (out, err)
    }

    /// Ends the session as `asyncio.run` and interpreter shutdown end a
    /// program: the loop's leftover tasks are cancelled and async
    /// generators closed, then the namespace is cleared. Returns what that
    /// printed.
    pub fn close(mut self) -> Outcome {
        let start = self.now();
        self.set_limits(Some(Duration::from_secs(5)), Some(3600.0));
        let mut result = Ok(());
        if let Some(lp) = self.event_loop.take()
            && !lp.closed.get()
        {
            result = crate::stdlib::asyncio::runner::close_runner(self.vm, &lp);
            lp.closed.set(true);
        }
        let frame = Frame::module(self.globals.clone(), 0);
        crate::run::shutdown(self.vm, &self.globals, frame);
        self.finish_piece(result, start, u32::MAX)
    }
}

/// Was `e` raised by a time limit?
pub fn is_timeout(e: &Exc) -> bool {
    e.0.dict
        .borrow()
        .contains_key(&crate::intern::Sym::new("__apy_timeout__"))
}
