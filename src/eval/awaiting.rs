//! The futures of `await`: a coroutine delegated to, an asyncio future
//! waited on, or (rarer, boxed) an async generator step or an `__await__`
//! iterator.
//!
//! They are written by hand rather than as `async fn`s because a suspended
//! coroutine holds one of them per `await` it is parked in, for as long as
//! it waits: the compiler's layout of the equivalent `async fn` kept every
//! argument twice and every temporary of every branch (360 bytes for what
//! needs 48), and 100,000 parked tasks pay that 100,000 times. The steps
//! are those of `suspend::delegate` and a [`suspend::suspend`] point: what
//! a body hands out goes in the [`Handoff`](super::suspend::Handoff) slot,
//! and what it is resumed with comes from there.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::suspend::{Resume, Step, Yielded, gen_resume};
use super::{Exc, PyResult, Vm};
use crate::ast::Span;
use crate::builtins::awaitables::{AwaitPlan, future_ops, native_await};
use crate::value::Value;
use crate::value::func::Parked;
use crate::value::generator::GenKind;

type Boxed = Pin<Box<dyn Future<Output = PyResult<Value>>>>;

/// `await v` from a body that can suspend.
pub struct AwaitOn {
    vm: &'static Vm,
    state: State,
    /// Where an error raised through the `await` is placed (file, span).
    at: Option<(u32, Span)>,
}

enum State {
    /// Not polled yet: what is awaited.
    Start(Value),
    /// Driving a coroutine; `started` once it has been resumed.
    Delegating {
        coro: Rc<crate::value::Generator>,
        started: bool,
    },
    /// An unfinished future, to hand out to the task.
    HandOut(Value),
    /// Handed the future out; waiting to be resumed.
    Waiting(Value),
    Boxed(Boxed),
    /// A native coroutine's body run inline (`await_call`): what escapes
    /// it escapes a coroutine (`StopIteration` becomes `RuntimeError`).
    CoroutineBody(Boxed),
    /// A native coroutine run inline (`await_call`), waiting on a future
    /// in place of a body: what escapes it escapes a coroutine.
    Parked(Parked),
    /// Finished before it had to wait (reported at the first poll).
    Finished(PyResult<Value>),
    Done,
}

// A parked task holds one per await it is in.
const _: () = assert!(std::mem::size_of::<AwaitOn>() == 56);

impl AwaitOn {
    /// The future of awaiting `v`.
    pub fn new(vm: &'static Vm, v: Value) -> AwaitOn {
        AwaitOn {
            vm,
            state: State::Start(v),
            at: None,
        }
    }

    /// The future of awaiting an asyncio future `fut` (a `Future` or a
    /// `Task`), known to be one.
    pub fn future(vm: &'static Vm, fut: Value) -> AwaitOn {
        let state = future_state(vm, fut);
        AwaitOn {
            vm,
            state,
            at: None,
        }
    }

    /// Runs a native coroutine's `body` inline.
    pub fn coroutine_body(vm: &'static Vm, body: Boxed) -> AwaitOn {
        AwaitOn {
            vm,
            state: State::CoroutineBody(body),
            at: None,
        }
    }

    /// A native coroutine waiting on a future (`await_call`).
    pub fn parked(vm: &'static Vm, p: Parked) -> AwaitOn {
        AwaitOn {
            vm,
            state: State::Parked(p),
            at: None,
        }
    }

    /// What a native coroutine that finished at once gave.
    pub fn coroutine_result(vm: &'static Vm, r: PyResult<Value>) -> AwaitOn {
        let r = r.map_err(|e| super::suspend::translate_stop(vm, GenKind::Coroutine, e));
        AwaitOn {
            vm,
            state: State::Finished(r),
            at: None,
        }
    }

    /// A future that fails with `e` when polled.
    pub fn failed(vm: &'static Vm, e: Exc) -> AwaitOn {
        AwaitOn {
            vm,
            state: State::Finished(Err(e)),
            at: None,
        }
    }

    /// Places an error raised through the `await` at `span` of `file`.
    pub fn at(mut self, file: u32, span: Span) -> AwaitOn {
        self.at = Some((file, span));
        self
    }

    fn step(&mut self, cx: &mut Context<'_>) -> Poll<PyResult<Value>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Start(v) => self.state = start(self.vm, v),
                State::Delegating { coro, started } => {
                    let resume = if started {
                        self.vm
                            .handoff
                            .take_resume()
                            .unwrap_or(Resume::Send(Value::None))
                    } else {
                        Resume::Send(Value::None)
                    };
                    return match gen_resume(self.vm, &coro, resume) {
                        Ok(Step::Yield(y)) => {
                            self.vm.handoff.hand_out(y);
                            self.state = State::Delegating {
                                coro,
                                started: true,
                            };
                            Poll::Pending
                        }
                        Ok(Step::Return(v)) => Poll::Ready(Ok(v)),
                        Err(e) => Poll::Ready(Err(e)),
                    };
                }
                State::HandOut(fut) => {
                    self.hand_out(fut.clone());
                    self.state = State::Waiting(fut);
                    return Poll::Pending;
                }
                State::Waiting(fut) => return Poll::Ready(self.resumed(&fut)),
                State::Boxed(mut b) => {
                    return match b.as_mut().poll(cx) {
                        Poll::Pending => {
                            self.state = State::Boxed(b);
                            Poll::Pending
                        }
                        ready => ready,
                    };
                }
                State::CoroutineBody(mut b) => {
                    return match b.as_mut().poll(cx) {
                        Poll::Pending => {
                            self.state = State::CoroutineBody(b);
                            Poll::Pending
                        }
                        Poll::Ready(r) => Poll::Ready(r.map_err(|e| {
                            super::suspend::translate_stop(self.vm, GenKind::Coroutine, e)
                        })),
                    };
                }
                State::Parked(p) => return self.parked_step(p),
                State::Finished(r) => return Poll::Ready(r),
                State::Done => {
                    return Poll::Ready(Err(self
                        .vm
                        .runtime_error("await polled after it finished")));
                }
            }
        }
    }
}

impl AwaitOn {
    /// Hands the unfinished future `fut` out to the task driving the body.
    fn hand_out(&self, fut: Value) {
        (future_ops().set_blocking)(&fut, true);
        self.vm.handoff.hand_out(Yielded::Await(fut));
    }

    /// What awaiting the handed-out `fut` gives once the task resumes the
    /// body: the exception thrown in, or the future's outcome.
    fn resumed(&self, fut: &Value) -> PyResult<Value> {
        if let Some(Resume::Throw(e)) = self.vm.handoff.take_resume() {
            return Err(e);
        }
        let ops = future_ops();
        if !(ops.done)(fut) {
            return Err(self.vm.runtime_error("await wasn't used with future"));
        }
        (ops.result)(self.vm, fut)
    }

    /// A step of [`State::Parked`]: the steps of `await fut` (as
    /// [`future_state`], `HandOut` and `Waiting` take them), then the
    /// coroutine's own last steps.
    fn parked_step(&mut self, mut p: Parked) -> Poll<PyResult<Value>> {
        let ops = future_ops();
        let fut = Value::Native(p.fut.clone());
        let r = if p.handed_out {
            self.resumed(&fut)
        } else if (ops.done)(&fut) {
            (ops.result)(self.vm, &fut)
        } else {
            self.hand_out(fut);
            p.handed_out = true;
            self.state = State::Parked(p);
            return Poll::Pending;
        };
        let r = (ops.finish_parked)(self.vm, &p, r);
        Poll::Ready(r.map_err(|e| super::suspend::translate_stop(self.vm, GenKind::Coroutine, e)))
    }
}

impl Future for AwaitOn {
    type Output = PyResult<Value>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<PyResult<Value>> {
        let r = self.step(cx);
        if let (Poll::Ready(Err(e)), Some((file, span))) = (&r, self.at) {
            e.note_position(file, span);
        }
        r
    }
}

/// Decides how `v` is awaited (CPython's `GET_AWAITABLE`).
fn start(vm: &'static Vm, v: Value) -> State {
    match v {
        Value::Generator(g) if g.kind == GenKind::Coroutine => {
            if g.running.get() || (g.started.get() && !g.finished.get() && g.awaited.get()) {
                return fail(vm.runtime_error("coroutine is being awaited already"));
            }
            g.awaited.set(true);
            State::Delegating {
                coro: g,
                started: false,
            }
        }
        Value::Native(ref n) => match native_await(vm, n) {
            Some(Ok(AwaitPlan::Future(fut))) => future_state(vm, fut),
            Some(Ok(AwaitPlan::AsyncGen(g, resume, closing))) => {
                State::Boxed(Box::pin(async move {
                    super::suspend::drive_async_gen(vm, &g, resume, closing).await
                }))
            }
            Some(Ok(AwaitPlan::Ready(v))) => State::Finished(Ok(v)),
            Some(Ok(AwaitPlan::Iterator(it))) => boxed_iterator(vm, it),
            Some(Err(e)) => fail(e),
            None => fail(super::suspend::not_awaitable(vm, &v)),
        },
        Value::Instance(_) => {
            match super::attr::lookup_special(vm, &v, crate::intern::known::__await__) {
                Some(_) => {
                    let it = match super::attr::call_method(
                        vm,
                        &v,
                        crate::intern::known::__await__,
                        super::Args::default(),
                    ) {
                        Ok(it) => it,
                        Err(e) => return fail(e),
                    };
                    if let Value::Generator(g) = &it
                        && g.kind == GenKind::Coroutine
                    {
                        return fail(vm.type_error("__await__() returned a coroutine"));
                    }
                    boxed_iterator(vm, it)
                }
                None => fail(super::suspend::not_awaitable(vm, &v)),
            }
        }
        _ => fail(super::suspend::not_awaitable(vm, &v)),
    }
}

fn boxed_iterator(vm: &'static Vm, it: Value) -> State {
    State::Boxed(Box::pin(async move {
        super::suspend::await_iterator(vm, it).await
    }))
}

/// `await fut`: done already, or handed out to the task until it is.
fn future_state(vm: &'static Vm, fut: Value) -> State {
    let ops = future_ops();
    if (ops.done)(&fut) {
        return State::Finished((ops.result)(vm, &fut));
    }
    State::HandOut(fut)
}

fn fail(e: Exc) -> State {
    State::Finished(Err(e))
}
