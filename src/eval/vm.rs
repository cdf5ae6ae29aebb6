//! The interpreter state shared by everything that runs Python code.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::exc::ExcKind;
use super::output::Output;
use super::{DepthGuard, Exc, PyResult};
use crate::builtins::types::Types;
use crate::intern::Sym;
use crate::value::object::{AttrMap, Layout};
use crate::value::{Type, Value};

/// A source text the program was loaded from, for tracebacks.
pub struct SourceFile {
    pub name: String,
    pub text: Rc<str>,
    /// Byte offset of the start of each line.
    pub line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(name: String, text: Rc<str>) -> SourceFile {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i as u32 + 1);
            }
        }
        SourceFile {
            name,
            text,
            line_starts,
        }
    }

    /// 1-based line number of a byte offset.
    pub fn line_of(&self, offset: u32) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }

    /// The text of 1-based line `line`, without its newline.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0) as usize;
        let end = self
            .line_starts
            .get(line)
            .map(|&e| e as usize)
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }
}

/// The interpreter: builtin types, the builtins namespace, output, and the
/// state of the running program. One per program run (or REPL session).
pub struct Vm {
    pub types: Types,
    pub exc_types: Vec<Rc<Type>>,
    /// Lazily created types of Rust-implemented objects, by name.
    pub native_types: RefCell<FxHashMap<&'static str, Rc<Type>>>,
    pub builtins: RefCell<FxHashMap<Sym, Value>>,
    /// Python call depth, checked against `recursion_limit`.
    pub depth: Cell<u32>,
    pub recursion_limit: Cell<u32>,
    pub out: RefCell<Output>,
    pub sources: RefCell<Vec<SourceFile>>,
    /// The exceptions being handled (innermost last): `sys.exc_info()`,
    /// bare `raise`, and the implicit `__context__` of new exceptions.
    pub handling: RefCell<Vec<Exc>>,
    /// Imported modules by name.
    pub modules: RefCell<FxHashMap<String, Value>>,
    pub argv: RefCell<Vec<String>>,
    /// Counter for `id()` of immediates and for object addresses shown in reprs.
    pub next_id: Cell<u64>,
    /// Work deferred from `Drop` to the next statement boundary, in the
    /// order the values were dropped.
    pub finalizers: RefCell<std::collections::VecDeque<Finalizer>>,
    pub has_finalizers: Cell<bool>,
    /// Where suspending bodies and their resumers pass values.
    pub handoff: super::suspend::Handoff,
    /// The value of the `return` being executed, from the statement to the
    /// end of its function body (see [`Vm::set_return`]).
    returning: Cell<Value>,
    /// (source index, byte offset) of the statement running now.
    pub position: Cell<(u32, u32)>,
    /// Warnings already shown (the default filter shows each once).
    pub warned: RefCell<std::collections::HashSet<String>>,
    /// Containers whose repr is being computed (to print `[...]`).
    pub repr_stack: RefCell<Vec<usize>>,
    /// Time is simulated (`--virtual-time`).
    pub virtual_time: Cell<bool>,
    /// When set, stderr text is captured here instead of written out.
    pub err_capture: RefCell<Option<String>>,
    /// Set from another thread (Ctrl-C in the REPL, a watchdog) to stop the
    /// running code with `KeyboardInterrupt`.
    pub interrupt: std::sync::Arc<std::sync::atomic::AtomicBool>,
    /// Wall-clock limit of the running code (`apy check --timeout`).
    pub deadline: Cell<Option<std::time::Instant>>,
    /// Simulated-time limit (monotonic reading) of the running code.
    pub virtual_deadline: Cell<Option<f64>>,
    /// The limit was hit: every later check raises again, so the code
    /// cannot swallow the stop.
    pub timed_out: Cell<bool>,
    check_countdown: Cell<u32>,
    /// Installed by a running event loop.
    pub asyncgen_hooks: Cell<Option<AsyncGenHooks>>,
    /// State of library modules (asyncio, the clock), one value per type.
    pub extensions: RefCell<Vec<Rc<dyn std::any::Any>>>,
}

/// How many checkpoints pass between two looks at the clock.
const CHECK_EVERY: u32 = 4096;

/// `sys.set_asyncgen_hooks`: what the running event loop does when an
/// async generator is first iterated, and when one is dropped unfinished.
#[derive(Clone, Copy)]
pub struct AsyncGenHooks {
    pub firstiter: fn(&Vm, &Rc<crate::value::Generator>),
    pub finalizer: fn(&Vm, Rc<crate::value::Generator>),
}

/// Work that must run Python code or print, found while dropping a value.
pub enum Finalizer {
    /// A coroutine object dropped without ever being awaited.
    NeverAwaited { qualname: Rc<str> },
    /// Text for stderr.
    Message(String),
    /// Work that needs the interpreter.
    Callback(Box<dyn FnOnce(&Vm)>),
    /// A suspended generator body to close (its `finally` blocks run).
    Close {
        kind: crate::value::generator::GenKind,
        names: Rc<crate::value::func::Names>,
        body: crate::value::generator::Body,
    },
}

thread_local! {
    static CURRENT: Cell<Option<&'static Vm>> = const { Cell::new(None) };
}

/// The interpreter running on this thread, for `Drop` implementations.
pub fn current_vm() -> Option<&'static Vm> {
    CURRENT.with(|c| c.get())
}

impl Vm {
    /// A fresh interpreter with the builtins installed. The interpreter
    /// lives for the rest of the process: suspended coroutines and the event
    /// loop hold references to it.
    pub fn new() -> &'static Vm {
        let vm: &'static Vm = Box::leak(Box::new(Vm::build()));
        CURRENT.with(|c| c.set(Some(vm)));
        crate::builtins::install(vm);
        vm
    }

    /// The interpreter as a `'static` reference.
    pub fn as_static(&self) -> &'static Vm {
        // SAFETY: every `Vm` is created by `Vm::new`, which leaks it; it is
        // never dropped or moved, so the reference is valid for the rest of
        // the process.
        unsafe { &*(self as *const Vm) }
    }

    fn build() -> Vm {
        let (types, exc_types) = crate::builtins::types::create();
        Vm {
            types,
            exc_types,
            native_types: RefCell::new(FxHashMap::default()),
            builtins: RefCell::new(FxHashMap::default()),
            depth: Cell::new(0),
            recursion_limit: Cell::new(1000),
            out: RefCell::new(Output::stdout()),
            sources: RefCell::new(Vec::new()),
            handling: RefCell::new(Vec::new()),
            modules: RefCell::new(FxHashMap::default()),
            argv: RefCell::new(Vec::new()),
            next_id: Cell::new(0x7f00_0000_0000),
            finalizers: RefCell::new(std::collections::VecDeque::new()),
            has_finalizers: Cell::new(false),
            handoff: Default::default(),
            returning: Cell::new(Value::None),
            position: Cell::new((0, 0)),
            warned: RefCell::new(Default::default()),
            repr_stack: RefCell::new(Vec::new()),
            virtual_time: Cell::new(false),
            err_capture: RefCell::new(None),
            interrupt: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
            deadline: Cell::new(None),
            virtual_deadline: Cell::new(None),
            timed_out: Cell::new(false),
            check_countdown: Cell::new(CHECK_EVERY),
            asyncgen_hooks: Cell::new(None),
            extensions: RefCell::new(Vec::new()),
        }
    }

    /// Registers a source text, returning its index for spans.
    pub fn add_source(&self, name: &str, text: Rc<str>) -> u32 {
        let mut sources = self.sources.borrow_mut();
        sources.push(SourceFile::new(name.to_owned(), text));
        (sources.len() - 1) as u32
    }

    /// Enters a Python-level call, raising `RecursionError` past the limit.
    pub fn enter_call(&self) -> PyResult<DepthGuard<'_>> {
        let d = self.depth.get();
        // The module's own frame counts, as in CPython.
        if d + 1 >= self.recursion_limit.get() {
            return Err(self.new_exc(ExcKind::RecursionError, "maximum recursion depth exceeded"));
        }
        self.depth.set(d + 1);
        Ok(DepthGuard(&self.depth))
    }

    /// The type of a Rust-implemented object, created on first use.
    pub fn native_type(&self, name: &'static str) -> Rc<Type> {
        if let Some(t) = self.native_types.borrow().get(name) {
            return t.clone();
        }
        let t = Rc::new(Type {
            name: name.to_owned(),
            qualname: name.to_owned(),
            module: "builtins".to_owned(),
            bases: vec![self.types.object.clone()],
            mro: vec![self.types.object.clone()],
            dict: RefCell::new(AttrMap::default()),
            layout: Layout::Builtin,
            is_builtin: true,
            version: Cell::new(0),
            cache: Default::default(),
        });
        self.native_types.borrow_mut().insert(name, t.clone());
        t
    }

    /// Writes text to `sys.stdout`.
    pub fn write_out(&self, s: &str) {
        self.out.borrow_mut().write(s);
    }

    /// Writes text to stderr (after flushing stdout on a terminal, so the
    /// two interleave as they would in CPython).
    pub fn write_err(&self, s: &str) {
        use std::io::Write;
        if let Some(buf) = self.err_capture.borrow_mut().as_mut() {
            buf.push_str(s);
            return;
        }
        self.out.borrow_mut().flush_if_terminal();
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(s.as_bytes());
        let _ = err.flush();
    }

    /// A fake but stable address for `repr` of objects without one.
    pub fn fresh_id(&self) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 0x30);
        id
    }
}

impl Vm {
    /// The extension state of type `T`, if created.
    pub fn extension<T: 'static>(&self) -> Option<Rc<T>> {
        self.extensions
            .borrow()
            .iter()
            .find_map(|e| e.clone().downcast::<T>().ok())
    }

    /// Stores extension state (one per type).
    pub fn set_extension<T: 'static>(&self, value: Rc<T>) {
        self.extensions.borrow_mut().push(value);
    }

    /// A checkpoint on loop back-edges and calls: raises `KeyboardInterrupt`
    /// when interrupted, and the timeout error past a deadline.
    #[inline]
    pub fn checkpoint(&self) -> PyResult<()> {
        let n = self.check_countdown.get();
        if n > 0 && !crate::alloc::take_large_over() {
            self.check_countdown.set(n - 1);
            return Ok(());
        }
        self.check_countdown.set(CHECK_EVERY);
        self.check_limits()
    }

    /// Checks the interrupt flag and the deadlines now.
    pub fn check_limits(&self) -> PyResult<()> {
        if self
            .interrupt
            .swap(false, std::sync::atomic::Ordering::SeqCst)
        {
            return Err(self.new_exc_args(ExcKind::KeyboardInterrupt, vec![]));
        }
        if self.timed_out.get() {
            return Err(self.timeout_exc());
        }
        if crate::alloc::over_cap() {
            return Err(self.memory_error());
        }
        let wall = self
            .deadline
            .get()
            .map(|d| std::time::Instant::now() >= d)
            .unwrap_or(false);
        let virt = match self.virtual_deadline.get() {
            Some(limit) => crate::stdlib::clock_of(self).monotonic() > limit,
            None => false,
        };
        if wall || virt {
            self.timed_out.set(true);
            return Err(self.timeout_exc());
        }
        Ok(())
    }

    /// Sets the time limits of the code run next, from now: `wall` of real
    /// time and `virtual_secs` of simulated time (under `--virtual-time`);
    /// `None` lifts a limit. Past a limit every checkpoint raises the
    /// uncatchable timeout error.
    pub fn set_time_limits(&self, wall: Option<std::time::Duration>, virtual_secs: Option<f64>) {
        self.deadline
            .set(wall.and_then(|d| std::time::Instant::now().checked_add(d)));
        let clock = crate::stdlib::clock_of(self);
        self.virtual_deadline.set(
            virtual_secs
                .filter(|_| clock.is_virtual())
                .map(|s| clock.monotonic() + s),
        );
        self.timed_out.set(false);
    }

    /// Caps the memory the code run next may allocate, from now (`None`:
    /// no cap). Past the cap, checkpoints and large allocations raise
    /// `MemoryError`.
    pub fn set_memory_limit(&self, bytes: Option<usize>) {
        crate::alloc::set_cap_from_now(bytes);
    }

    /// `MemoryError()`, as CPython raises it when an allocation fails.
    #[cold]
    pub fn memory_error(&self) -> Exc {
        self.new_exc_args(ExcKind::MemoryError, vec![])
    }

    /// [`Vm::reserve`] for `n` values (a list's or tuple's items).
    #[inline]
    pub fn reserve_values(&self, n: usize) -> PyResult<()> {
        self.reserve(n.saturating_mul(std::mem::size_of::<Value>()))
    }

    /// Raises `MemoryError` unless `bytes` more fit under the memory cap
    /// (`--max-memory`): called before allocating large objects.
    #[inline]
    pub fn reserve(&self, bytes: usize) -> PyResult<()> {
        if crate::alloc::fits(bytes) {
            Ok(())
        } else {
            Err(self.memory_error())
        }
    }

    /// Raises the timeout error now when an uninterruptible native step
    /// estimated to take `secs` would end past the wall-clock limit (a
    /// checkpoint could only stop it after it finished).
    pub fn afford(&self, secs: f64) -> PyResult<()> {
        if secs <= 0.0 {
            return Ok(());
        }
        let Some(deadline) = self.deadline.get() else {
            return Ok(());
        };
        let left = deadline
            .saturating_duration_since(std::time::Instant::now())
            .as_secs_f64();
        if secs > left {
            self.timed_out.set(true);
            return Err(self.timeout_exc());
        }
        Ok(())
    }

    /// The exception that stops code past its time limit.
    pub fn timeout_exc(&self) -> Exc {
        let e = self.new_exc_args(ExcKind::KeyboardInterrupt, vec![]);
        e.0.dict
            .borrow_mut()
            .insert(Sym::new("__apy_timeout__"), Value::Bool(true));
        e.make_uncatchable();
        e
    }

    /// Defers `f` to the next statement boundary.
    pub fn queue_finalizer(&self, f: Finalizer) {
        if let Ok(mut q) = self.finalizers.try_borrow_mut() {
            q.push_back(f);
            self.has_finalizers.set(true);
        }
    }

    pub fn has_pending_finalizers(&self) -> bool {
        self.has_finalizers.get()
    }

    /// Where the program is now, for warnings.
    pub fn current_position(&self) -> (u32, u32) {
        self.position.get()
    }

    /// Runs deferred finalizers: closes dropped generators and prints
    /// "never awaited" warnings, as CPython does when it frees them.
    ///
    /// The pending work is taken as one batch and run front to back (the
    /// order the values were dropped). Work queued while one item runs (a
    /// closing generator's `finally` dropping another generator) is what
    /// CPython would have finalized inside that item, so it runs right
    /// after it (or at the item's own statement boundaries), before the
    /// rest of the batch. Items of one batch never nest in each other: a
    /// hundred thousand generators dropped at once close one after another.
    pub fn run_finalizers(&self) {
        // A finalizer can run between a `return` and the end of its body.
        let pending_return = self.returning.take();
        self.run_finalizer_batches();
        self.returning.set(pending_return);
    }

    /// Records the value of a `return` statement, taken by
    /// [`Vm::take_return`] when its function body ends: one slot serves
    /// every frame, as only the code in between (`finally` blocks,
    /// `__exit__` calls, finalizers) can run functions of its own, and
    /// they set the value aside while it runs ([`Vm::set_return_aside`]).
    /// A frame then needs no slot of its own, which every suspended
    /// coroutine would carry.
    pub fn set_return(&self, v: Value) {
        self.returning.set(v);
    }

    /// The value of the `return` that ended a body with [`Flow::Return`].
    pub fn take_return(&self) -> Value {
        self.returning.take()
    }

    /// Sets aside the value of the `return` that `r` is unwinding, if it
    /// is one, while code that may return from functions of its own runs;
    /// [`Vm::restore_return`] puts it back when that code lets `r` go on.
    pub fn set_return_aside(&self, r: &super::ExecResult) -> Option<Value> {
        matches!(r, Err(super::Flow::Return)).then(|| self.returning.take())
    }

    /// Puts back a value [`Vm::set_return_aside`] set aside.
    pub fn restore_return(&self, aside: Option<Value>) {
        if let Some(v) = aside {
            self.returning.set(v);
        }
    }

    fn run_finalizer_batches(&self) {
        let mut batch = {
            let mut q = self.finalizers.borrow_mut();
            self.has_finalizers.set(false);
            std::mem::take(&mut *q)
        };
        while let Some(next) = batch.pop_front() {
            self.run_finalizer(next);
            if self.has_finalizers.get() {
                self.run_finalizer_batches();
            }
        }
    }

    fn run_finalizer(&self, next: Finalizer) {
        match next {
            Finalizer::NeverAwaited { qualname } => {
                crate::builtins::warnings::warn_at_current(
                    self,
                    "RuntimeWarning",
                    &format!("coroutine '{qualname}' was never awaited"),
                    true,
                );
            }
            Finalizer::Message(text) => self.write_err(&text),
            Finalizer::Callback(f) => f(self),
            Finalizer::Close { kind, names, body } => {
                let g = crate::value::Generator::new(kind, names, body);
                g.started.set(true);
                if kind == crate::value::generator::GenKind::AsyncGenerator {
                    // An async generator needs the loop to close: the
                    // loop's finalizer schedules `aclose()`; without a
                    // loop it is dropped as it is.
                    if let Some(hooks) = self.asyncgen_hooks.get() {
                        (hooks.finalizer)(self, Rc::new(g));
                    } else {
                        // Finished, so that dropping it does not queue
                        // this same close again (an endless recursion).
                        g.finished.set(true);
                    }
                    return;
                }
                if let Err(e) = super::suspend::gen_close(self, &g) {
                    crate::builtins::traceback::print_unraisable(
                        self,
                        &e,
                        &format!(
                            "<generator object {} at 0x{:x}>",
                            g.names.qualname,
                            self.fresh_id()
                        ),
                    );
                }
                g.finished.set(true);
            }
        }
    }
}
