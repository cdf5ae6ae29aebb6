//! Running a program: parse, resolve, execute on a thread with a large
//! stack, and turn the outcome into output and an exit status the way
//! CPython does (traceback on stderr and status 1 for an uncaught
//! exception, `SystemExit` codes, `apy::unsupported` with status 2).

use std::rc::Rc;

use crate::ast::Module;
use crate::diagnostics::{EXIT_UNSUPPORTED, exit_status, render, render_compile_error, use_color};
use crate::errors::CompileError;
use crate::eval::{Exc, ExcKind, Frame, Globals, Vm};
use crate::intern::{Sym, known};
use crate::resolve::{ResolveOptions, resolve_module};
use crate::value::Value;

/// Stack size of the interpreter thread: deep Python recursion (up to the
/// recursion limit) and deeply nested source must end in a Python error,
/// never a stack overflow. Only touched pages are committed.
pub const STACK_SIZE: usize = 2 << 30;

/// A program to run.
pub struct Program {
    /// The file name as the user gave it (`<string>` for `-c`, `<stdin>`),
    /// shown in compile-time diagnostics.
    pub name: String,
    /// The file name the code carries (`__file__`, tracebacks, warnings):
    /// for a file, absolute as CPython 3.9+ makes it; else `name`.
    pub code_name: String,
    pub source: String,
    /// `sys.argv`.
    pub argv: Vec<String>,
}

/// Options of a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct RunOptions {
    pub virtual_time: bool,
    /// `--timeout`: seconds of wall time, and of virtual time under
    /// `--virtual-time`, after which the program is stopped.
    pub timeout: Option<f64>,
    /// `--max-memory`: bytes the program may allocate.
    pub max_memory: Option<usize>,
}

/// Runs `f` on a thread with [`STACK_SIZE`] of stack and returns its result.
pub fn on_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new()
        .name("apy-eval".into())
        .stack_size(STACK_SIZE)
        .spawn(f);
    match handle {
        Ok(h) => match h.join() {
            Ok(v) => v,
            Err(panic) => std::panic::resume_unwind(panic),
        },
        Err(e) => {
            eprintln!("apy: cannot start the interpreter thread: {e}");
            std::process::exit(70);
        }
    }
}

/// Parses and resolves a module's source.
pub fn compile(
    source: &str,
    globals: &Globals,
    options: ResolveOptions,
) -> Result<(Module, bool), CompileError> {
    let mut module = crate::parser::parse_module(source)?;
    let suspends = resolve_module(&mut module, globals, options)?;
    Ok((module, suspends))
}

/// A fresh `__main__` namespace.
pub fn main_globals(file: &str) -> Rc<Globals> {
    let g = Rc::new(Globals::default());
    g.set(known::__name__, Value::str("__main__"));
    g.set(known::__doc__, Value::None);
    g.set(Sym::new("__file__"), Value::str(file));
    g.set(Sym::new("__package__"), Value::None);
    g
}

/// The `__main__` namespace of a script (a file, stdin or `-c`): CPython's
/// names in CPython's order, `__loader__` and `__builtins__` as values apy
/// does not model.
pub fn script_globals(file: Option<&str>) -> Rc<Globals> {
    let unmodelled = crate::builtins::unmodelled::value;
    let g = Rc::new(Globals::default());
    g.set(known::__name__, Value::str("__main__"));
    g.set(known::__doc__, Value::None);
    g.set(Sym::new("__package__"), Value::None);
    g.set(Sym::new("__loader__"), unmodelled("__loader__"));
    g.set(Sym::new("__spec__"), Value::None);
    g.set(
        known::__annotations__,
        Value::Dict(Rc::new(crate::value::PyDict::new())),
    );
    g.set(Sym::new("__builtins__"), unmodelled("__builtins__"));
    if let Some(file) = file {
        g.set(Sym::new("__file__"), Value::str(file));
        g.set(Sym::new("__cached__"), Value::None);
    }
    g
}

/// Runs a program as `python FILE` does; returns the exit status.
pub fn run_program(program: Program, options: RunOptions) -> i32 {
    on_big_stack(move || run_on_this_thread(program, options))
}

fn run_on_this_thread(program: Program, options: RunOptions) -> i32 {
    let vm = Vm::new();
    *vm.argv.borrow_mut() = program.argv.clone();
    vm.virtual_time.set(options.virtual_time);
    let source: Rc<str> = Rc::from(program.source.as_str());
    let file = vm.add_source(&program.code_name, source.clone());
    let is_command = program.argv.first().is_some_and(|a| a == "-c");
    let globals = script_globals((!is_command).then_some(program.code_name.as_str()));
    let module = match compile(&source, &globals, ResolveOptions::default()) {
        Ok((m, _)) => m,
        Err(e) => {
            eprint!(
                "{}",
                render_compile_error(&program.name, &source, &e, use_color())
            );
            return exit_status(&e);
        }
    };
    vm.set_time_limits(
        options
            .timeout
            .and_then(|t| std::time::Duration::try_from_secs_f64(t).ok()),
        options.timeout,
    );
    vm.set_memory_limit(options.max_memory);
    // A leading string is the module's docstring, as CPython's compiler
    // stores it.
    globals.set(known::__doc__, crate::builtins::attrs::doc_of(&module.body));
    let mut frame = Frame::module(globals.clone(), file);
    let result = crate::eval::stmt::exec_block(vm, &mut frame, &module.body);
    let status = match result {
        Ok(())
        | Err(crate::eval::Flow::Return)
        | Err(crate::eval::Flow::Break)
        | Err(crate::eval::Flow::Continue) => 0,
        Err(crate::eval::Flow::Exc(e)) => {
            e.leave_frame(frame.name);
            if crate::session::is_timeout(&e) {
                report_timeout(vm, &e, options.timeout.unwrap_or(0.0))
            } else {
                report_uncaught_in(vm, &e, Some((file, &program.name)))
            }
        }
    };
    // Shutdown (finalizers, closing generators) gets its own short limits,
    // so a program stopped by --timeout still ends.
    if options.timeout.is_some() {
        vm.set_time_limits(Some(std::time::Duration::from_secs(5)), Some(3600.0));
    }
    shutdown(vm, &globals, frame);
    vm.out.borrow_mut().flush();
    status
}

/// Finishes a program as CPython's interpreter shutdown does: pending
/// finalizers run, module globals are cleared (closing generators that are
/// still suspended), and buffered output is written.
pub fn shutdown(vm: &Vm, globals: &Globals, frame: Frame<'_>) {
    // Anything finalized from here on is reported at `sys:1`, as CPython
    // reports what it finalizes at interpreter shutdown.
    vm.position.set((u32::MAX, 0));
    vm.run_finalizers();
    drop(frame);
    let values = std::mem::take(&mut *globals.slots.borrow_mut());
    drop(values);
    vm.run_finalizers();
}

/// Reports an uncaught exception; returns the exit status.
pub fn report_uncaught(vm: &Vm, e: &Exc) -> i32 {
    report_uncaught_in(vm, e, None)
}

/// [`report_uncaught`], with `shown` = (source id, the name the user gave
/// it) for diagnostics: an `apy::unsupported` found at run time names the
/// file as typed, like a compile-time one, while tracebacks use the
/// absolute name the code carries.
fn report_uncaught_in(vm: &Vm, e: &Exc, shown: Option<(u32, &str)>) -> i32 {
    vm.out.borrow_mut().flush();
    if is_unsupported(e) {
        return report_unsupported(vm, e, shown);
    }
    if vm.exc_is(e, ExcKind::SystemExit) {
        let code = e.args().into_iter().next().unwrap_or(Value::None);
        return match code {
            Value::None => 0,
            Value::Int(i) => i as i32,
            Value::Bool(b) => b as i32,
            other => {
                let text = crate::eval::protocol::str_of(vm, &other).unwrap_or_default();
                vm.write_err(&format!("{text}\n"));
                1
            }
        };
    }
    let text = crate::builtins::traceback::format_exception_by(
        vm,
        e,
        crate::builtins::traceback::Printer::Interpreter,
    );
    vm.write_err(&text);
    1
}

/// Reports a program stopped by `--timeout`: the traceback of where it
/// was, ending in a `TimeoutError` line. Exit status 1.
fn report_timeout(vm: &Vm, e: &Exc, secs: f64) -> i32 {
    vm.out.borrow_mut().flush();
    // The last line would name the internal stop exception.
    let mut out = crate::builtins::traceback::format_exception_head(vm, e);
    out.push_str(&format!(
        "TimeoutError: the program ran longer than its time limit ({} s, --timeout)\n",
        crate::format::float_repr(secs).trim_end_matches(".0")
    ));
    vm.write_err(&out);
    1
}

/// Was `e` raised because the program used something apy does not support?
pub fn is_unsupported(e: &Exc) -> bool {
    e.0.dict
        .borrow()
        .contains_key(&Sym::new("__apy_unsupported__"))
}

/// Renders a run-time `apy::unsupported` stop at the position reached.
fn report_unsupported(vm: &Vm, e: &Exc, shown: Option<(u32, &str)>) -> i32 {
    let construct = crate::eval::protocol::str_of(vm, &e.value()).unwrap_or_default();
    let sources = vm.sources.borrow();
    // The innermost place in the program's own code: a construct refused
    // inside apy's embedded modules (`<frozen time>`) is shown where the
    // program used it.
    let entry = e.0.exc().and_then(|d| {
        let d = d.borrow();
        let own = d.traceback.iter().find(|t| {
            sources
                .get(t.file as usize)
                .is_some_and(|s| !s.name.starts_with("<frozen "))
        });
        own.or(d.traceback.first()).cloned()
    });
    match entry.and_then(|t| sources.get(t.file as usize).map(|s| (t.file, s, t.span))) {
        Some((id, src, span)) => {
            let name = match shown {
                Some((shown_id, shown_name)) if shown_id == id => shown_name,
                _ => &src.name,
            };
            let message = format!("apy does not support {construct}");
            let note = crate::diagnostics::Note {
                message: &message,
                code: Some("apy::unsupported"),
                label: "not supported by apy",
                help: None,
            };
            let text = render(name, &src.text, span, &note, use_color());
            eprint!("{text}");
        }
        None => eprintln!("apy::unsupported: apy does not support {construct}"),
    }
    EXIT_UNSUPPORTED
}
