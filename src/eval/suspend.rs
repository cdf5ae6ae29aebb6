//! The suspending evaluator, and the one suspension mechanism generators,
//! coroutines and async generators share.
//!
//! A suspending body (one with `yield`, `await`, `async for` or `async
//! with`) runs as a boxed Rust future built from the `*_s` functions here.
//! A suspension point stores what it hands out in the [`Handoff`] slot and
//! returns `Pending`; whoever resumes the body (`next`, `send`, `throw`, an
//! awaiting coroutine, or an asyncio task) puts the resume value in the
//! slot and polls again. Wakers are never used: the event loop decides
//! what runs next, in CPython's order. Statements and expressions without a
//! suspension point go to the synchronous evaluator.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use super::assign::assign;
use super::await_call::AwaitedCall;
use super::awaiting::AwaitOn;
use super::call::{CompAcc, comprehension_frame, comprehension_slots, finish_body};
use super::expr::{self, eval, store_name};
use super::ops::{binary_op, compare, inplace_op, unary_op};
use super::protocol::{truthy, type_name};
use super::stmt::{
    self as sync, do_raise, exit_context, handler_matches, run_finally, set_context,
};
use super::{Args, Exc, ExcKind, ExecResult, Flow, Frame, PyResult, Vm};
use crate::ast::{
    BoolOpKind, Comprehension, ComprehensionKind, ExceptHandler, Expr, ExprKind, Stmt, StmtKind,
    WithItem,
};
use crate::intern::known;
use crate::value::func::Names;
use crate::value::generator::{Body, GenKind};
use crate::value::{Function, Generator, PyDict, PySet, PySlice, Value};

/// What a suspended body handed out.
pub enum Yielded {
    /// `yield value`.
    Value(Value),
    /// An awaited future passing through to the task driving the coroutine.
    Await(Value),
}

impl Yielded {
    pub fn into_value(self) -> Value {
        match self {
            Yielded::Value(v) | Yielded::Await(v) => v,
        }
    }
}

/// How a suspended body is resumed.
pub enum Resume {
    Send(Value),
    Throw(Exc),
}

/// The hand-off point between a suspended body and whoever resumes it:
/// the resume value going in before a poll, what the body hands out
/// coming back. One slot serves both ways and every body of the
/// interpreter (it lives in the [`Vm`]): the body takes its resume value
/// as its poll begins, before it can resume any other body, and the
/// resumer takes what was handed out as soon as the poll returns, before
/// anything else runs; so no two hand-offs are ever in flight at once.
/// (A slot per generator cost every suspended coroutine an allocation.)
#[derive(Default)]
pub struct Handoff(Cell<Slot>);

#[derive(Default)]
enum Slot {
    #[default]
    Empty,
    Out(Yielded),
    In(Resume),
}

impl Handoff {
    /// Hands `y` out (the body, as it suspends).
    pub fn hand_out(&self, y: Yielded) {
        self.0.set(Slot::Out(y));
    }

    /// What the body handed out (the resumer, after a poll). A resume
    /// value the body did not take is dropped.
    pub fn take_out(&self) -> Option<Yielded> {
        match self.0.take() {
            Slot::Out(y) => Some(y),
            _ => None,
        }
    }

    /// Passes `r` in (the resumer, before a poll).
    pub fn pass_in(&self, r: Resume) {
        self.0.set(Slot::In(r));
    }

    /// The resume value passed in, if any (the body, as it resumes).
    pub fn take_resume(&self) -> Option<Resume> {
        match self.0.take() {
            Slot::In(r) => Some(r),
            other => {
                self.0.set(other);
                None
            }
        }
    }

    /// Drops a resume value the body did not take.
    fn drop_resume(&self) {
        drop(self.take_resume());
    }
}

/// The suspension point: hands `value` out, then resolves to the resume.
struct SuspendPoint {
    vm: &'static Vm,
    value: Option<Yielded>,
}

impl Future for SuspendPoint {
    type Output = Resume;
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Resume> {
        if let Some(v) = self.value.take() {
            self.vm.handoff.hand_out(v);
            return Poll::Pending;
        }
        Poll::Ready(
            self.vm
                .handoff
                .take_resume()
                .unwrap_or(Resume::Send(Value::None)),
        )
    }
}

/// Suspends the current body, handing `y` out.
pub fn suspend(vm: &'static Vm, y: Yielded) -> impl Future<Output = Resume> {
    SuspendPoint { vm, value: Some(y) }
}

/// One step of a generator-like body.
pub enum Step {
    Yield(Yielded),
    Return(Value),
}

/// Resumes a generator-like object: runs its body to the next suspension
/// point or to its end.
pub fn gen_resume(vm: &Vm, g: &Generator, resume: Resume) -> PyResult<Step> {
    if g.running.get() {
        let what = match g.kind {
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
            GenKind::Generator => "generator",
        };
        return Err(vm.value_error(format!("{what} already executing")));
    }
    if g.finished.get() {
        return match resume {
            Resume::Throw(e) => Err(e),
            Resume::Send(_) => match g.kind {
                GenKind::Coroutine => {
                    Err(vm.runtime_error("cannot reuse already awaited coroutine"))
                }
                _ => Ok(Step::Return(Value::None)),
            },
        };
    }
    if !g.started.get() {
        match &resume {
            Resume::Send(v) if !v.is_none() => {
                let what = match g.kind {
                    GenKind::Coroutine => "coroutine",
                    GenKind::AsyncGenerator => "async generator",
                    GenKind::Generator => "generator",
                };
                return Err(vm.type_error(format!(
                    "can't send non-None value to a just-started {what}"
                )));
            }
            Resume::Throw(e) => {
                g.finished.set(true);
                g.started.set(true);
                g.body.set(None);
                return Err(e.clone());
            }
            _ => {}
        }
        g.started.set(true);
    } else {
        vm.handoff.pass_in(resume);
    }
    let Some(mut body) = g.body.take() else {
        g.finished.set(true);
        return Ok(Step::Return(Value::None));
    };
    let guard = vm.enter_call();
    let guard = match guard {
        Ok(guard) => guard,
        Err(e) => {
            vm.handoff.drop_resume();
            g.body.set(Some(body));
            return Err(e);
        }
    };
    g.running.set(true);
    let mut cx = Context::from_waker(std::task::Waker::noop());
    // Deep chains of awaits and `yield from` poll on fresh stack segments.
    let poll = super::depth::guarded(vm, || Ok(body.as_mut().poll(&mut cx)));
    g.running.set(false);
    let poll = match poll {
        Ok(p) => p,
        Err(e) => {
            drop(guard);
            vm.handoff.drop_resume();
            g.body.set(Some(body));
            return Err(e);
        }
    };
    drop(guard);
    vm.handoff.drop_resume();
    match poll {
        Poll::Pending => {
            g.body.set(Some(body));
            match vm.handoff.take_out() {
                Some(y) => Ok(Step::Yield(y)),
                None => Err(vm.new_exc(ExcKind::SystemError, "body suspended without a value")),
            }
        }
        Poll::Ready(r) => {
            g.finished.set(true);
            drop(body);
            match r {
                Ok(v) => Ok(Step::Return(v)),
                Err(e) => Err(translate_stop(vm, g.kind, e)),
            }
        }
    }
}

/// `StopIteration` escaping a generator becomes `RuntimeError` (PEP 479).
pub(super) fn translate_stop(vm: &Vm, kind: GenKind, e: Exc) -> Exc {
    let (kind, msg) = match kind {
        GenKind::Generator => (ExcKind::StopIteration, "generator raised StopIteration"),
        GenKind::Coroutine => (ExcKind::StopIteration, "coroutine raised StopIteration"),
        GenKind::AsyncGenerator => {
            if vm.exc_is(&e, ExcKind::StopAsyncIteration) {
                (
                    ExcKind::StopAsyncIteration,
                    "async generator raised StopAsyncIteration",
                )
            } else {
                (
                    ExcKind::StopIteration,
                    "async generator raised StopIteration",
                )
            }
        }
    };
    if vm.exc_is(&e, kind) {
        let new = vm.runtime_error(msg);
        if let Some(d) = new.0.exc() {
            let mut d = d.borrow_mut();
            d.cause = Some(e.value());
            d.context = Some(e.value());
            d.suppress_context = true;
        }
        new
    } else {
        e
    }
}

/// `next(comp_for)` for a plain generator.
pub fn gen_next(vm: &Vm, g: &Generator) -> PyResult<Option<Value>> {
    match gen_resume(vm, g, Resume::Send(Value::None))? {
        Step::Yield(y) => Ok(Some(y.into_value())),
        Step::Return(_) => Ok(None),
    }
}

/// `comp_for.close()`: throws `GeneratorExit` in and expects the body to finish.
pub fn gen_close(vm: &Vm, g: &Generator) -> PyResult<Value> {
    if !g.started.get() || g.finished.get() {
        g.finished.set(true);
        g.body.set(None);
        return Ok(Value::None);
    }
    let exit = vm.new_exc_args(ExcKind::GeneratorExit, vec![]);
    match gen_resume(vm, g, Resume::Throw(exit)) {
        Ok(Step::Yield(_)) => Err(vm.runtime_error(match g.kind {
            GenKind::Coroutine => "coroutine ignored GeneratorExit",
            _ => "generator ignored GeneratorExit",
        })),
        Ok(Step::Return(v)) => Ok(v),
        Err(e)
            if vm.exc_is(&e, ExcKind::GeneratorExit) || vm.exc_is(&e, ExcKind::StopIteration) =>
        {
            Ok(Value::None)
        }
        Err(e) => Err(e),
    }
}

/// Creates the generator/coroutine object for a call of a suspending function.
pub fn new_generator(
    vm: &'static Vm,
    func: &Rc<Function>,
    locals: super::Locals,
    cells: Box<[Rc<super::CellObj>]>,
) -> Value {
    let def = func.def.clone();
    let code_start = (func.file, def.span.start);
    let kind = match (def.is_async, def.scope.is_generator) {
        (true, true) => GenKind::AsyncGenerator,
        (true, false) => GenKind::Coroutine,
        _ => GenKind::Generator,
    };
    let names = func.names.borrow().clone();
    let g = Rc::new_cyclic(|this: &Weak<Generator>| {
        let body: Body = match func.native.get() {
            Some(crate::value::func::NativeImpl::Coroutine(native)) => (native.body)(vm, locals),
            _ => Box::pin(run_function_body(
                vm,
                func.clone(),
                locals.into_vec().into_boxed_slice(),
                cells,
                this.clone(),
            )),
        };
        Generator::new(kind, names, body)
    });
    g.origin.set(code_start);
    Value::Generator(g)
}

/// A coroutine running a module body with top-level `await` (the REPL and
/// `pycon` transcripts compile such input as a coroutine, as CPython does
/// with `PyCF_ALLOW_TOP_LEVEL_AWAIT`).
pub fn module_coroutine(
    vm: &'static Vm,
    module: Rc<crate::ast::Module>,
    mut frame: Frame<'static>,
) -> Value {
    let names = Names::same("<module>");
    let g = Rc::new_cyclic(|this: &Weak<Generator>| {
        frame.generator = Some(this.clone());
        let body: Body = Box::pin(async move {
            let r = exec_stmts_s(vm, &mut frame, &module.body).await;
            finish_body(vm, r, &frame)
        });
        Generator::new(GenKind::Coroutine, names, body)
    });
    g.awaited.set(true);
    Value::Generator(g)
}

thread_local! {
    /// The names every generator expression has (shared, as a function's
    /// generators share its names, rather than made for each).
    static GENEXPR_NAMES: Rc<Names> = Names::same("<genexpr>");
}

/// Creates the generator object of a generator expression.
pub fn new_genexpr(
    vm: &'static Vm,
    comp: Rc<Comprehension>,
    f: &Frame<'_>,
    locals: super::Locals,
    cells: Box<[Rc<super::CellObj>]>,
) -> Value {
    let kind = if comp.is_async {
        GenKind::AsyncGenerator
    } else {
        GenKind::Generator
    };
    let mut locals = locals.into_vec().into_boxed_slice();
    let (globals, file) = (f.globals.clone(), f.file);
    let names = GENEXPR_NAMES.with(Rc::clone);
    let g = Rc::new_cyclic(|this: &Weak<Generator>| {
        let this = this.clone();
        let body: Body = Box::pin(async move {
            let mut frame = comprehension_frame(globals, file, &comp, &mut locals, &cells);
            frame.generator = Some(this);
            let mut sink = CompSink::Yield;
            let r = comp_level_s(vm, &mut frame, &comp, 0, &mut sink).await;
            match r {
                Ok(()) => Ok(Value::None),
                Err(e) => {
                    e.leave_frame(frame.name);
                    Err(e)
                }
            }
        });
        Generator::new(kind, names, body)
    });
    Value::Generator(g)
}

/// Called when a generator object is dropped: a coroutine never started
/// earns the "never awaited" warning; a suspended body is closed (its
/// `finally` blocks run) at the next statement boundary.
pub fn on_generator_drop(g: &mut Generator) {
    let Some(vm) = super::vm::current_vm() else {
        return;
    };
    let body = g.body.get_mut().take();
    if g.finished.get() {
        return;
    }
    if !g.started.get() {
        if g.kind == GenKind::Coroutine && body.is_some() {
            vm.queue_finalizer(super::vm::Finalizer::NeverAwaited {
                qualname: g.names.qualname.clone(),
            });
        }
        return;
    }
    if let Some(body) = body {
        vm.queue_finalizer(super::vm::Finalizer::Close {
            kind: g.kind,
            names: g.names.clone(),
            body,
        });
    }
}

/// The truth of condition `e`, on the right evaluator (the synchronous
/// one tests a comparison or `not` without making a bool).
macro_rules! cond {
    ($vm:expr, $f:expr, $e:expr) => {
        if $e.suspends {
            let v = eval_s($vm, $f, $e).await?;
            truthy($vm, &v)
        } else {
            sync::eval_cond($vm, $f, $e)
        }
    };
}

/// Evaluates `e` on the right evaluator.
macro_rules! ev {
    ($vm:expr, $f:expr, $e:expr) => {
        if $e.suspends {
            eval_s($vm, $f, $e).await
        } else {
            eval($vm, $f, $e)
        }
    };
}

/// Runs the statements `$body` of frame `$f` on the suspending evaluator,
/// to an `ExecResult`: the loop of [`exec_stmts_s`], shared with a
/// function body's future so that the outermost statement list of a
/// suspended coroutine is not a future of its own. `$f` and `$body` are
/// evaluated at each use, so the enclosing future stores neither a
/// reference to the frame it owns nor the slice; nor does it keep the
/// current statement across an await (it is found again by its index).
///
/// A statement that only awaits an operand it can evaluate synchronously
/// (`await x`, `y = await x`, `return await x`) runs inline, so a
/// suspended coroutine holds no boxed future for it; another suspending
/// statement is boxed, which also ends the recursion between blocks and
/// statements.
macro_rules! run_statements {
    ($vm:expr, $f:expr, $body:expr) => {{
        // Indexed rather than iterated: a suspended body keeps the index,
        // not an iterator beside the slice.
        let mut i: u32 = 0;
        loop {
            let Some(s) = $body.get(i as usize) else {
                break Ok(());
            };
            i += 1;
            $f.record_position(s.span, !s.suspends && s.is_compound());
            if !s.suspends {
                match sync::exec_stmt($vm, $f, s) {
                    Ok(()) => continue,
                    Err(flow) => break Err(flow),
                }
            }
            let r = match simple_await(s) {
                // Awaited here, not in a future of its own: a body parked
                // in `await x` holds only the await's 56-byte future, and
                // an await that needs no suspension costs no poll.
                // (The match ends before the await, so that its scrutinee
                // is not kept across it.)
                Some((e, operand)) => 'stmt: {
                    let awaiting = match start_simple_await($vm, $f, e, operand) {
                        Ok(Ok(v)) => break 'stmt use_statement_value($vm, $f, s, v),
                        Ok(Err(awaiting)) => awaiting,
                        Err(exc) => break 'stmt Err(Flow::Exc(exc)),
                    };
                    let r = awaiting.await;
                    let s = &$body[i as usize - 1];
                    match r {
                        Ok(v) => use_statement_value($vm, $f, s, v),
                        Err(exc) => Err(Flow::Exc(exc)),
                    }
                }
                None => Box::pin(exec_stmt_s($vm, $f, s)).await,
            };
            let s = &$body[i as usize - 1];
            if let Err(Flow::Exc(e)) = &r {
                e.note_position($f.file, s.span);
            }
            if $vm.has_pending_finalizers() {
                $vm.position.set(($f.file, s.span.start));
                $vm.run_finalizers();
            }
            if let Err(flow) = r {
                break Err(flow);
            }
        }
    }};
}

/// The body of a generator-like function: its frame lives here, once (an
/// `async fn` would hold its frame argument twice, as the argument and as
/// the local it moves into), and its statement loop is this future's own.
#[allow(clippy::manual_async_fn)]
fn run_function_body(
    vm: &'static Vm,
    func: Rc<Function>,
    locals: Box<[Value]>,
    cells: Box<[Rc<super::CellObj>]>,
    generator: Weak<Generator>,
) -> impl Future<Output = PyResult<Value>> {
    let mut frame = OwnedFrame::new(&func, locals, cells);
    frame.0.generator = Some(generator);
    async move {
        let r: ExecResult = run_statements!(vm, &mut frame.0, func.def.body);
        finish_body(vm, r, &frame.0)
    }
}

/// A suspending body's frame, owning the locals and cells it borrows.
/// They are boxed once and the frame's borrows are the only handles on
/// them, so a suspended coroutine does not keep a second pair of fat
/// pointers to its boxes beside the frame.
struct OwnedFrame(Frame<'static>);

impl OwnedFrame {
    fn new(func: &Function, locals: Box<[Value]>, cells: Box<[Rc<super::CellObj>]>) -> OwnedFrame {
        OwnedFrame(super::call::function_frame(
            func,
            Box::leak(locals),
            Box::leak(cells),
        ))
    }
}

impl Drop for OwnedFrame {
    fn drop(&mut self) {
        let locals: *mut [Value] = std::mem::take::<&mut [Value]>(&mut self.0.locals);
        let cells: *const [Rc<super::CellObj>] =
            std::mem::take::<&[Rc<super::CellObj>]>(&mut self.0.cells);
        // SAFETY: `new` leaked both boxes into this frame, nothing assigns
        // a frame's `locals` or `cells`, and the evaluator takes frames as
        // `Frame<'_>`, so no borrow of them outlives the frame: these are
        // the leaked boxes, released once, here.
        unsafe {
            drop(Box::from_raw(locals));
            drop(Box::from_raw(cells.cast_mut()));
        }
    }
}

/// Executes a suspending body, boxed (for callers that recurse).
pub fn exec_block_s<'a>(
    vm: &'static Vm,
    f: &'a mut Frame<'_>,
    body: &'a [Stmt],
) -> Pin<Box<dyn Future<Output = ExecResult> + 'a>> {
    Box::pin(exec_stmts_s(vm, f, body))
}

/// Executes a suspending body in the caller's future (see
/// [`run_statements`]).
///
/// (A function returning an `async move` block rather than an `async fn`:
/// an `async fn` keeps its arguments twice in every suspended coroutine,
/// as arguments and as the locals they move into.)
#[allow(clippy::manual_async_fn)]
fn exec_stmts_s<'a>(
    vm: &'static Vm,
    f: &'a mut Frame<'_>,
    body: &'a [Stmt],
) -> impl Future<Output = ExecResult> + 'a {
    async move { run_statements!(vm, f, body) }
}

/// `s` is `await X`, `T = await X` or `return await X` with an `X` that
/// does not suspend: its `await` expression and `X`.
fn simple_await(s: &Stmt) -> Option<(&Expr, &Expr)> {
    let e = match &s.kind {
        StmtKind::Expr(e) | StmtKind::Assign { value: e, .. } | StmtKind::Return(Some(e)) => e,
        _ => return None,
    };
    match &e.kind {
        ExprKind::Await(operand) if !operand.suspends => Some((e, operand)),
        _ => None,
    }
}

/// The first steps of a statement [`simple_await`] accepted, the same as
/// `exec_stmt_s` and `eval_s` take for it: the awaited value when the
/// awaited call finished without suspending, else the await to suspend
/// on.
fn start_simple_await(
    vm: &'static Vm,
    f: &mut Frame<'_>,
    e: &Expr,
    operand: &Expr,
) -> PyResult<Result<Value, AwaitOn>> {
    let call = super::await_call::eval_awaited_call(vm, f, operand)?;
    if let AwaitedCall::Ready(r) = call {
        return r.map(Ok).map_err(|exc| {
            let exc = translate_stop(vm, GenKind::Coroutine, exc);
            exc.note_position(f.file, e.span);
            exc
        });
    }
    Ok(Err(awaiting_at(vm, f, e, call)))
}

/// The `await` expression `e` awaiting what its operand gave: records it
/// as where the body is suspended, and places an error raised through it
/// at `e`.
fn awaiting_at(vm: &'static Vm, f: &Frame<'_>, e: &Expr, call: AwaitedCall) -> AwaitOn {
    if f.generator.is_none() {
        // Reports the frame that cannot suspend.
        return await_value(vm, f, Value::None);
    }
    f.record_await_position(e.span);
    match call {
        AwaitedCall::Value(v) => AwaitOn::new(vm, v),
        AwaitedCall::Native(body) => AwaitOn::coroutine_body(vm, body),
        AwaitedCall::Ready(r) => AwaitOn::coroutine_result(vm, r),
        AwaitedCall::Parked(p) => AwaitOn::parked(vm, p),
    }
    .at(f.file, e.span)
}

/// The `await` expression `e` awaiting `v`: records it as where the body
/// is suspended, and places an error raised through it at `e`.
fn await_at(vm: &'static Vm, f: &Frame<'_>, e: &Expr, v: Value) -> AwaitOn {
    f.record_await_position(e.span);
    await_value(vm, f, v).at(f.file, e.span)
}

/// What an expression statement, an assignment or a `return` with a
/// value does with the value of its expression, `v`.
fn use_statement_value(vm: &Vm, f: &mut Frame<'_>, s: &Stmt, v: Value) -> ExecResult {
    match &s.kind {
        StmtKind::Expr(_) => {
            if f.interactive {
                crate::builtins::sys::displayhook(vm, v)?;
            }
            Ok(())
        }
        StmtKind::Assign { targets, .. } => {
            if let [rest @ .., last] = &targets[..] {
                for t in rest {
                    assign(vm, f, t, v.clone())?;
                }
                assign(vm, f, last, v)?;
            }
            Ok(())
        }
        _ => {
            vm.set_return(v);
            Err(Flow::Return)
        }
    }
}

async fn exec_stmt_s(vm: &'static Vm, f: &mut Frame<'_>, s: &Stmt) -> ExecResult {
    match &s.kind {
        StmtKind::Expr(e) | StmtKind::Assign { value: e, .. } | StmtKind::Return(Some(e)) => {
            let v = ev!(vm, f, e)?;
            return use_statement_value(vm, f, s, v);
        }
        StmtKind::AugAssign { target, op, value } => match &target.kind {
            ExprKind::Name(n) => {
                let cur = expr::load_name(vm, f, n)?;
                let rhs = ev!(vm, f, value)?;
                let new = inplace_op(vm, *op, &cur, &rhs)?;
                store_name(vm, f, n, new)?;
            }
            ExprKind::Attribute { value: obj, attr } => {
                let obj = eval(vm, f, obj)?;
                let cur = super::attr::getattr(vm, &obj, *attr)?;
                let rhs = ev!(vm, f, value)?;
                let new = inplace_op(vm, *op, &cur, &rhs)?;
                super::attr::setattr(vm, &obj, *attr, new)?;
            }
            ExprKind::Subscript { value: obj, index } => {
                let obj = eval(vm, f, obj)?;
                let idx = eval(vm, f, index)?;
                let cur = crate::builtins::subscript::getitem(vm, &obj, &idx)?;
                let rhs = ev!(vm, f, value)?;
                let new = inplace_op(vm, *op, &cur, &rhs)?;
                crate::builtins::subscript::setitem(vm, &obj, idx, new)?;
            }
            _ => return Err(vm.new_exc(ExcKind::SystemError, "invalid target").into()),
        },
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            simple,
        } => {
            if let Some(v) = value {
                let v = ev!(vm, f, v)?;
                assign(vm, f, target, v)?;
            }
            if *simple {
                sync::record_annotation(vm, f, target, annotation)?;
            }
        }
        StmtKind::Assert { test, msg } => {
            let t = ev!(vm, f, test)?;
            if !truthy(vm, &t)? {
                let args = match msg {
                    Some(m) => vec![ev!(vm, f, m)?],
                    None => vec![],
                };
                return Err(vm.new_exc_args(ExcKind::AssertionError, args).into());
            }
        }
        StmtKind::Raise { exc, cause } => {
            let exc = match exc {
                Some(e) => Some(ev!(vm, f, e)?),
                None => None,
            };
            let cause = match cause {
                Some(c) => Some(ev!(vm, f, c)?),
                None => None,
            };
            return Err(do_raise(vm, exc, cause)?.into());
        }
        StmtKind::If { test, body, orelse } => {
            if cond!(vm, f, test)? {
                exec_stmts_s(vm, f, body).await?;
            } else {
                exec_stmts_s(vm, f, orelse).await?;
            }
        }
        StmtKind::While { test, body, orelse } => loop {
            vm.checkpoint()?;
            if !cond!(vm, f, test)? {
                exec_stmts_s(vm, f, orelse).await?;
                break;
            }
            match exec_stmts_s(vm, f, body).await {
                Ok(()) | Err(Flow::Continue) => {}
                Err(Flow::Break) => break,
                Err(other) => return Err(other),
            }
        },
        StmtKind::For {
            is_async,
            target,
            iter,
            body,
            orelse,
        } => {
            let iterable = ev!(vm, f, iter)?;
            let mut broke = false;
            if *is_async {
                let it = aiter(vm, &iterable)?;
                loop {
                    let Some(item) = Box::pin(anext(vm, f, &it)).await? else {
                        break;
                    };
                    assign(vm, f, target, item)?;
                    match exec_stmts_s(vm, f, body).await {
                        Ok(()) | Err(Flow::Continue) => {}
                        Err(Flow::Break) => {
                            broke = true;
                            break;
                        }
                        Err(other) => return Err(other),
                    }
                }
            } else {
                let mut it = super::iter::PyIter::new(vm, &iterable)?;
                while let Some(item) = it.next(vm)? {
                    assign(vm, f, target, item)?;
                    match exec_stmts_s(vm, f, body).await {
                        Ok(()) | Err(Flow::Continue) => {}
                        Err(Flow::Break) => {
                            broke = true;
                            break;
                        }
                        Err(other) => return Err(other),
                    }
                }
            }
            if !broke {
                exec_stmts_s(vm, f, orelse).await?;
            }
        }
        StmtKind::With {
            is_async,
            items,
            body,
        } => exec_with_s(vm, f, *is_async, items, body).await?,
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            is_star,
        } => {
            let r = if *is_star {
                match exec_block_s(vm, f, body).await {
                    Ok(()) => exec_block_s(vm, f, orelse).await,
                    Err(Flow::Exc(e)) => {
                        // Handlers of except* may not suspend in apy.
                        crate::builtins::exceptions::handle_star(vm, f, handlers, e)
                    }
                    Err(other) => Err(other),
                }
            } else {
                try_body_s(vm, f, body, handlers, orelse).await
            };
            return finally_s(vm, f, r, finalbody).await;
        }
        StmtKind::Match { subject, cases } => {
            let v = ev!(vm, f, subject)?;
            for case in cases {
                if super::pattern::match_pattern(vm, f, &case.pattern, &v)? {
                    let ok = match &case.guard {
                        Some(g) => {
                            let g = ev!(vm, f, g)?;
                            truthy(vm, &g)?
                        }
                        None => true,
                    };
                    if ok {
                        exec_block_s(vm, f, &case.body).await?;
                        break;
                    }
                }
            }
        }
        _ => sync::exec_stmt(vm, f, s)?,
    }
    Ok(())
}

async fn try_body_s(
    vm: &'static Vm,
    f: &mut Frame<'_>,
    body: &[Stmt],
    handlers: &[ExceptHandler],
    orelse: &[Stmt],
) -> ExecResult {
    match exec_block_s(vm, f, body).await {
        Ok(()) => exec_block_s(vm, f, orelse).await,
        Err(Flow::Exc(e)) => {
            for h in handlers {
                if handler_matches(vm, f, h, &e)? {
                    if let Some(d) = e.0.exc() {
                        d.borrow_mut().pending = None;
                    }
                    if let Some(name) = &h.name {
                        store_name(vm, f, name, e.value())?;
                    }
                    vm.handling.borrow_mut().push(e.clone());
                    let r = exec_block_s(vm, f, &h.body).await;
                    vm.handling.borrow_mut().pop();
                    if let Err(Flow::Exc(new)) = &r {
                        set_context(new, &e);
                    }
                    if let Some(name) = &h.name {
                        let _ = expr::delete_name(vm, f, name);
                    }
                    return r;
                }
            }
            Err(Flow::Exc(e))
        }
        Err(other) => Err(other),
    }
}

async fn finally_s(
    vm: &'static Vm,
    f: &mut Frame<'_>,
    r: ExecResult,
    finalbody: &[Stmt],
) -> ExecResult {
    if finalbody.is_empty() {
        return r;
    }
    if !finalbody.iter().any(|s| s.suspends) {
        return run_finally(vm, f, r, finalbody);
    }
    let aside = vm.set_return_aside(&r);
    let fr = match &r {
        Err(Flow::Exc(e)) => {
            vm.handling.borrow_mut().push(e.clone());
            let fr = exec_block_s(vm, f, finalbody).await;
            vm.handling.borrow_mut().pop();
            if let Err(Flow::Exc(new)) = &fr {
                set_context(new, e);
            }
            fr
        }
        _ => exec_block_s(vm, f, finalbody).await,
    };
    match fr {
        Ok(()) => {
            vm.restore_return(aside);
            r
        }
        Err(other) => Err(other),
    }
}

fn exec_with_s<'a>(
    vm: &'static Vm,
    f: &'a mut Frame<'_>,
    is_async: bool,
    items: &'a [WithItem],
    body: &'a [Stmt],
) -> Pin<Box<dyn Future<Output = ExecResult> + 'a>> {
    Box::pin(async move {
        let Some((first, rest)) = items.split_first() else {
            return exec_block_s(vm, f, body).await;
        };
        let mgr = ev!(vm, f, &first.context)?;
        if !is_async {
            let (exit, entered) = sync::enter_context(vm, &mgr)?;
            let r = async {
                if let Some(t) = &first.target {
                    assign(vm, f, t, entered)?;
                }
                exec_with_s(vm, f, is_async, rest, body).await
            }
            .await;
            return exit_context(vm, &mgr, &exit, r);
        }
        let class = vm.type_of(&mgr);
        let (Some(aenter), Some(aexit)) = (
            class.lookup(known::__aenter__),
            class.lookup(known::__aexit__),
        ) else {
            let missing = if class.lookup(known::__aenter__).is_none() {
                ""
            } else {
                " (missed __aexit__ method)"
            };
            return Err(vm
                .type_error(format!(
                    "'{}' object does not support the asynchronous context manager protocol{missing}",
                    class.name
                ))
                .into());
        };
        let aenter = super::attr::descr_get(vm, &aenter, Some(&mgr), &class)?;
        let aexit = super::attr::descr_get(vm, &aexit, Some(&mgr), &class)?;
        let awaitable = super::call::call(vm, &aenter, Args::default())?;
        let entered = await_value(vm, f, awaitable).await?;
        let r = async {
            if let Some(t) = &first.target {
                assign(vm, f, t, entered)?;
            }
            exec_with_s(vm, f, is_async, rest, body).await
        }
        .await;
        match r {
            Err(Flow::Exc(e)) => {
                let tb = crate::builtins::frames::traceback_of(&e);
                let args = Args::new([Value::Type(e.0.class.clone()), e.value(), tb]);
                vm.handling.borrow_mut().push(e.clone());
                let res = async {
                    let aw = super::call::call(vm, &aexit, args)?;
                    await_value(vm, f, aw).await
                }
                .await;
                vm.handling.borrow_mut().pop();
                match res {
                    Ok(v) => {
                        if truthy(vm, &v)? && !e.is_uncatchable() {
                            Ok(())
                        } else {
                            Err(Flow::Exc(e))
                        }
                    }
                    Err(new) => {
                        set_context(&new, &e);
                        Err(Flow::Exc(new))
                    }
                }
            }
            other => {
                let aside = vm.set_return_aside(&other);
                let aw = super::call::call(
                    vm,
                    &aexit,
                    Args::new([Value::None, Value::None, Value::None]),
                )?;
                await_value(vm, f, aw).await?;
                vm.restore_return(aside);
                other
            }
        }
    })
}

/// Evaluates an expression that contains a suspension point.
pub fn eval_s<'a>(
    vm: &'static Vm,
    f: &'a mut Frame<'_>,
    e: &'a Expr,
) -> Pin<Box<dyn Future<Output = PyResult<Value>> + 'a>> {
    Box::pin(async move {
        match &e.kind {
            ExprKind::Await(inner) => {
                let v = ev!(vm, f, inner)?;
                await_at(vm, f, e, v).await
            }
            ExprKind::Yield(v) => {
                let v = match v {
                    Some(v) => ev!(vm, f, v)?,
                    None => Value::None,
                };
                yield_value(vm, f, v).await
            }
            ExprKind::YieldFrom(inner) => {
                let v = ev!(vm, f, inner)?;
                yield_from(vm, f, v).await
            }
            ExprKind::BinOp { left, op, right } => {
                let l = ev!(vm, f, left)?;
                let r = ev!(vm, f, right)?;
                binary_op(vm, *op, &l, &r)
            }
            ExprKind::UnaryOp { op, operand } => {
                let v = ev!(vm, f, operand)?;
                unary_op(vm, *op, &v)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                let (callee, method) = if let ExprKind::Attribute { value, attr } = &func.kind {
                    (ev!(vm, f, value)?, Some(*attr))
                } else {
                    (ev!(vm, f, func)?, None)
                };
                let mut out = Args::default();
                for a in args {
                    if let ExprKind::Starred(inner) = &a.kind {
                        let v = ev!(vm, f, inner)?;
                        expr::star_args(vm, &mut out, v)?;
                    } else {
                        out.pos.push(ev!(vm, f, a)?);
                    }
                }
                for k in keywords {
                    let v = ev!(vm, f, &k.value)?;
                    expr::add_keyword(vm, &mut out, k.arg, v)?;
                }
                let r = match method {
                    Some(attr) => super::attr::call_method_value(vm, &callee, attr, out),
                    None => super::call::call(vm, &callee, out),
                };
                r.inspect_err(|exc| {
                    exc.note_position(f.file, e.span);
                })
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let mut l = ev!(vm, f, left)?;
                for (i, (op, rhs)) in ops.iter().zip(comparators).enumerate() {
                    let r = ev!(vm, f, rhs)?;
                    let result = compare(vm, *op, &l, &r)?;
                    if i + 1 == ops.len() || !truthy(vm, &result)? {
                        return Ok(result);
                    }
                    l = r;
                }
                Ok(Value::Bool(true))
            }
            ExprKind::BoolOp { op, values } => {
                let mut last = Value::None;
                for (i, v) in values.iter().enumerate() {
                    last = ev!(vm, f, v)?;
                    if i + 1 < values.len() && (*op == BoolOpKind::And) != truthy(vm, &last)? {
                        return Ok(last);
                    }
                }
                Ok(last)
            }
            ExprKind::IfExp { test, body, orelse } => {
                let t = ev!(vm, f, test)?;
                if truthy(vm, &t)? {
                    ev!(vm, f, body)
                } else {
                    ev!(vm, f, orelse)
                }
            }
            ExprKind::Attribute { value, attr } => {
                let obj = ev!(vm, f, value)?;
                super::attr::getattr(vm, &obj, *attr)
            }
            ExprKind::Subscript { value, index } => {
                let obj = ev!(vm, f, value)?;
                let idx = ev!(vm, f, index)?;
                crate::builtins::subscript::getitem(vm, &obj, &idx)
            }
            ExprKind::List(items) => Ok(Value::list(items_s(vm, f, items).await?)),
            ExprKind::Tuple(items) => Ok(Value::tuple(items_s(vm, f, items).await?)),
            ExprKind::Set(items) => {
                let set = PySet::new(false);
                for v in items_s(vm, f, items).await? {
                    set.add(vm, v)?;
                }
                Ok(Value::Set(Rc::new(set)))
            }
            ExprKind::Dict { keys, values } => {
                let dict = PyDict::new();
                for (k, v) in keys.iter().zip(values) {
                    match k {
                        Some(k) => {
                            let key = ev!(vm, f, k)?;
                            let value = ev!(vm, f, v)?;
                            dict.set(vm, key, value)?;
                        }
                        None => {
                            let m = ev!(vm, f, v)?;
                            expr::dict_update_from_mapping(vm, &dict, &m)?;
                        }
                    }
                }
                Ok(Value::Dict(Rc::new(dict)))
            }
            ExprKind::NamedExpr { target, value } => {
                let v = ev!(vm, f, value)?;
                store_name(vm, f, target, v.clone())?;
                Ok(v)
            }
            ExprKind::FString(parts) => {
                let mut out = String::new();
                fstring_s(vm, f, parts, &mut out).await?;
                Ok(Value::string(out))
            }
            ExprKind::Slice { lower, upper, step } => {
                let mut parts = Vec::new();
                for x in [lower, upper, step] {
                    parts.push(match x {
                        Some(x) => ev!(vm, f, x)?,
                        None => Value::None,
                    });
                }
                let step = parts.pop().unwrap_or(Value::None);
                let stop = parts.pop().unwrap_or(Value::None);
                let start = parts.pop().unwrap_or(Value::None);
                Ok(Value::Slice(Rc::new(PySlice { start, stop, step })))
            }
            ExprKind::Comprehension(comp) => comprehension_s(vm, f, comp).await,
            _ => eval(vm, f, e),
        }
    })
}

fn fstring_s<'a>(
    vm: &'static Vm,
    f: &'a mut Frame<'_>,
    parts: &'a [crate::ast::FStringPart],
    out: &'a mut String,
) -> Pin<Box<dyn Future<Output = PyResult<()>> + 'a>> {
    Box::pin(async move {
        for part in parts {
            match part {
                crate::ast::FStringPart::Literal(s) => out.push_str(s),
                crate::ast::FStringPart::Field(field) => {
                    let v = ev!(vm, f, &field.value)?;
                    let spec = match &field.format_spec {
                        Some(spec) => {
                            let mut s = String::new();
                            fstring_s(vm, f, spec, &mut s).await?;
                            Some(s)
                        }
                        None => None,
                    };
                    expr::format_field(vm, out, field, v, spec)?;
                }
            }
        }
        Ok(())
    })
}

async fn items_s(vm: &'static Vm, f: &mut Frame<'_>, items: &[Expr]) -> PyResult<Vec<Value>> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        if let ExprKind::Starred(inner) = &item.kind {
            let v = ev!(vm, f, inner)?;
            super::iter::extend_from_iterable(vm, &mut out, &v)?;
        } else {
            out.push(ev!(vm, f, item)?);
        }
    }
    Ok(out)
}

/// A comprehension evaluated inline in a suspending body: an async
/// comprehension, or one whose first iterable awaits.
async fn comprehension_s(
    vm: &'static Vm,
    f: &mut Frame<'_>,
    comp: &Rc<Comprehension>,
) -> PyResult<Value> {
    let first = ev!(vm, f, &comp.generators[0].iter)?;
    let first = if comp.generators[0].is_async {
        aiter(vm, &first)?
    } else {
        super::iter::get_iter(vm, &first)?
    };
    let (mut locals, cells) = comprehension_slots(f, comp, first);
    if comp.kind == ComprehensionKind::Generator {
        return Ok(new_genexpr(vm, comp.clone(), f, locals, cells));
    }
    let mut frame = comprehension_frame(f.globals.clone(), f.file, comp, &mut locals, &cells);
    frame.generator = f.generator.clone();
    let mut sink = CompSink::Collect(CompAcc::new(comp.kind));
    comp_level_s(vm, &mut frame, comp, 0, &mut sink)
        .await
        .inspect_err(|e| {
            e.leave_frame(frame.name);
        })?;
    match sink {
        CompSink::Collect(acc) => Ok(acc.finish()),
        CompSink::Yield => Ok(Value::None),
    }
}

/// Where the elements of a comprehension go.
enum CompSink {
    Collect(CompAcc),
    /// A generator expression: each element is yielded.
    Yield,
}

fn comp_level_s<'a>(
    vm: &'static Vm,
    frame: &'a mut Frame<'_>,
    comp: &'a Comprehension,
    level: usize,
    sink: &'a mut CompSink,
) -> Pin<Box<dyn Future<Output = PyResult<()>> + 'a>> {
    Box::pin(async move {
        let comp_for = &comp.generators[level];
        let iterable = if level == 0 {
            frame.locals[0].clone()
        } else {
            let v = ev!(vm, frame, &comp_for.iter)?;
            if comp_for.is_async { aiter(vm, &v)? } else { v }
        };
        let mut sync_iter = if comp_for.is_async {
            None
        } else {
            Some(super::iter::PyIter::new(vm, &iterable)?)
        };
        loop {
            let item = match &mut sync_iter {
                Some(it) => it.next(vm)?,
                None => anext(vm, frame, &iterable).await?,
            };
            let Some(item) = item else { break };
            assign(vm, frame, &comp_for.target, item)?;
            let mut keep = true;
            for cond in &comp_for.ifs {
                let c = ev!(vm, frame, cond)?;
                if !truthy(vm, &c)? {
                    keep = false;
                    break;
                }
            }
            if !keep {
                continue;
            }
            if level + 1 < comp.generators.len() {
                comp_level_s(vm, frame, comp, level + 1, sink).await?;
            } else {
                let elt = ev!(vm, frame, &comp.elt)?;
                match sink {
                    CompSink::Collect(acc) => {
                        let value = match &comp.value {
                            Some(v) => Some(ev!(vm, frame, v)?),
                            None => None,
                        };
                        acc.add(vm, elt, value)?;
                    }
                    CompSink::Yield => {
                        yield_value(vm, frame, elt).await?;
                    }
                }
            }
        }
        Ok(())
    })
}

/// Fails unless `f` is the frame of a body that can suspend.
fn check_suspendable(vm: &Vm, f: &Frame<'_>) -> PyResult<()> {
    match f.generator {
        Some(_) => Ok(()),
        None => Err(vm.new_exc(
            ExcKind::SystemError,
            "suspension outside a suspendable body",
        )),
    }
}

/// `yield value`: the value sent back in (or the exception thrown in).
async fn yield_value(vm: &'static Vm, f: &Frame<'_>, v: Value) -> PyResult<Value> {
    check_suspendable(vm, f)?;
    match suspend(vm, Yielded::Value(v)).await {
        Resume::Send(v) => Ok(v),
        Resume::Throw(e) => Err(e),
    }
}

/// Drives a sub-generator until it returns, passing everything it yields
/// out and everything sent or thrown in down to it.
async fn delegate(vm: &'static Vm, g: &Generator) -> PyResult<Value> {
    let mut resume = Resume::Send(Value::None);
    loop {
        match gen_resume(vm, g, resume)? {
            Step::Return(v) => return Ok(v),
            Step::Yield(y) => resume = suspend(vm, y).await,
        }
    }
}

/// `yield from iterable`.
async fn yield_from(vm: &'static Vm, f: &Frame<'_>, v: Value) -> PyResult<Value> {
    check_suspendable(vm, f)?;
    if let Value::Generator(g) = &v
        && g.kind == GenKind::Generator
    {
        return delegate(vm, g).await;
    }
    if let Some(g) = coroutine_of_wrapper(&v) {
        return delegate(vm, &g).await;
    }
    let it = super::iter::get_iter(vm, &v)?;
    let mut resume = Resume::Send(Value::None);
    loop {
        let step = match resume {
            Resume::Send(Value::None) => {
                super::iter::next_value(vm, &it).map(|o| o.ok_or(Value::None))
            }
            Resume::Send(x) => call_gen_method(vm, &it, "send", vec![x]),
            Resume::Throw(e) => {
                match super::attr::getattr_opt(vm, &it, crate::intern::Sym::new("throw"))? {
                    Some(t) => step_result(vm, super::call::call(vm, &t, Args::new([e.value()]))),
                    None => return Err(e),
                }
            }
        };
        match step? {
            Ok(y) => resume = suspend(vm, Yielded::Value(y)).await,
            Err(ret) => return Ok(ret),
        }
    }
}

/// The coroutine behind `coro.__await__()`'s wrapper, marked awaited: it
/// is run directly, so its return value and thrown-in exceptions pass
/// through as they do for `yield from` a generator.
fn coroutine_of_wrapper(v: &Value) -> Option<Rc<Generator>> {
    let g = v
        .downcast::<crate::builtins::generator::CoroutineWrapper>()?
        .coro
        .clone();
    g.awaited.set(true);
    Some(g)
}

/// Calls `it.name(args)`: `Ok(Ok(yielded))` or `Ok(Err(return value))` on
/// `StopIteration`.
fn call_gen_method(
    vm: &Vm,
    it: &Value,
    name: &str,
    args: Vec<Value>,
) -> PyResult<Result<Value, Value>> {
    let r = super::attr::call_method(vm, it, crate::intern::Sym::new(name), Args::new(args));
    step_result(vm, r)
}

fn step_result(vm: &Vm, r: PyResult<Value>) -> PyResult<Result<Value, Value>> {
    match r {
        Ok(v) => Ok(Ok(v)),
        Err(e) if vm.exc_is(&e, ExcKind::StopIteration) => {
            Ok(Err(e.args().into_iter().next().unwrap_or(Value::None)))
        }
        Err(e) => Err(e),
    }
}

/// `await value`.
pub fn await_value(vm: &'static Vm, f: &Frame<'_>, v: Value) -> AwaitOn {
    match check_suspendable(vm, f) {
        Ok(()) => AwaitOn::new(vm, v),
        Err(e) => AwaitOn::failed(vm, e),
    }
}

/// Awaits `v` from a body that can suspend (a native body's `await`).
pub fn await_on(vm: &'static Vm, v: Value) -> AwaitOn {
    AwaitOn::new(vm, v)
}

pub(super) fn not_awaitable(vm: &Vm, v: &Value) -> Exc {
    vm.type_error(format!(
        "object {} can't be used in 'await' expression",
        type_name(vm, v)
    ))
}

/// Drives the iterator returned by `__await__`, passing what it yields out
/// to the task.
pub(super) async fn await_iterator(vm: &'static Vm, it: Value) -> PyResult<Value> {
    let g = match &it {
        Value::Generator(g) => Some(g.clone()),
        _ => coroutine_of_wrapper(&it),
    };
    if let Some(g) = g {
        let mut resume = Resume::Send(Value::None);
        loop {
            match gen_resume(vm, &g, resume)? {
                Step::Return(v) => return Ok(v),
                Step::Yield(y) => resume = suspend(vm, Yielded::Await(y.into_value())).await,
            }
        }
    }
    let mut resume = Resume::Send(Value::None);
    loop {
        let step = match resume {
            Resume::Send(Value::None) => match super::iter::next_value(vm, &it) {
                Ok(Some(y)) => Ok(Ok(y)),
                Ok(None) => Ok(Err(Value::None)),
                Err(e) => Err(e),
            },
            Resume::Send(x) => call_gen_method(vm, &it, "send", vec![x]),
            Resume::Throw(e) => return Err(e),
        };
        match step? {
            Ok(y) => resume = suspend(vm, Yielded::Await(y)).await,
            Err(v) => return Ok(v),
        }
    }
}

/// `await future`: yields the future to the task until it is done.
pub fn future_await(vm: &'static Vm, fut: Value) -> AwaitOn {
    AwaitOn::future(vm, fut)
}

/// Runs an async generator's body for `__anext__`/`asend`/`athrow`/`aclose`.
pub(super) async fn drive_async_gen(
    vm: &'static Vm,
    g: &Rc<Generator>,
    first: Resume,
    closing: bool,
) -> PyResult<Value> {
    if !g.started.get()
        && let Some(hooks) = vm.asyncgen_hooks.get()
    {
        (hooks.firstiter)(vm, g);
    }
    let mut resume = first;
    loop {
        match gen_resume(vm, g, resume) {
            Ok(Step::Yield(Yielded::Value(v))) => {
                if closing {
                    return Err(vm.runtime_error("async generator ignored GeneratorExit"));
                }
                return Ok(v);
            }
            Ok(Step::Yield(Yielded::Await(fut))) => resume = suspend(vm, Yielded::Await(fut)).await,
            Ok(Step::Return(_)) => {
                return if closing {
                    Ok(Value::None)
                } else {
                    Err(vm.new_exc_args(ExcKind::StopAsyncIteration, vec![]))
                };
            }
            Err(e) => {
                if closing
                    && (vm.exc_is(&e, ExcKind::GeneratorExit)
                        || vm.exc_is(&e, ExcKind::StopAsyncIteration))
                {
                    return Ok(Value::None);
                }
                return Err(e);
            }
        }
    }
}

/// `aiter(obj)`: calls `__aiter__`.
pub fn aiter(vm: &Vm, v: &Value) -> PyResult<Value> {
    if let Value::Generator(g) = v
        && g.kind == GenKind::AsyncGenerator
    {
        return Ok(v.clone());
    }
    match super::attr::lookup_special(vm, v, known::__aiter__) {
        Some(_) => super::attr::call_method(vm, v, known::__aiter__, Args::default()),
        None => Err(vm.type_error(format!(
            "'async for' requires an object with __aiter__ method, got {}",
            type_name(vm, v)
        ))),
    }
}

/// One step of `async for`: awaits `it.__anext__()`; `None` at the end.
async fn anext(vm: &'static Vm, f: &Frame<'_>, it: &Value) -> PyResult<Option<Value>> {
    check_suspendable(vm, f)?;
    if let Value::Generator(g) = it
        && g.kind == GenKind::AsyncGenerator
    {
        return match drive_async_gen(vm, g, Resume::Send(Value::None), false).await {
            Ok(v) => Ok(Some(v)),
            Err(e) if vm.exc_is(&e, ExcKind::StopAsyncIteration) => Ok(None),
            Err(e) => Err(e),
        };
    }
    if super::attr::lookup_special(vm, it, known::__anext__).is_none() {
        return Err(vm.type_error(format!(
            "'async for' received an object from __aiter__ that does not implement __anext__: {}",
            type_name(vm, it)
        )));
    }
    let awaitable = super::attr::call_method(vm, it, known::__anext__, Args::default())?;
    match await_on(vm, awaitable).await {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.exc_is(&e, ExcKind::StopAsyncIteration) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Resumes an async generator as `__anext__`/`asend`/`athrow`/`aclose` do,
/// for awaitables created by those methods.
pub async fn async_gen_resume(
    vm: &'static Vm,
    g: Rc<Generator>,
    first: Resume,
    closing: bool,
) -> PyResult<Value> {
    drive_async_gen(vm, &g, first, closing).await
}

/// Reports that `e` was raised while handling `old` (for callers outside
/// the evaluator).
pub fn chain(new: &Exc, old: &Exc) {
    set_context(new, old);
}
