//! Generators, coroutines and async generators: a suspended body (a boxed
//! future from the suspending evaluator), its state, and where it is.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::func::Names;
use super::{Type, Value};
use crate::ast::Span;
use crate::eval::{PyResult, Vm};

/// Which kind of suspendable body this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

/// The running body: resolves to the `return` value.
pub type Body = Pin<Box<dyn Future<Output = PyResult<Value>>>>;

/// A generator, coroutine or async generator object.
pub struct Generator {
    pub kind: GenKind,
    /// `__name__` and `__qualname__` (fixed: a generator's cannot be set).
    pub names: Rc<Names>,
    /// The body, absent while it runs (taken out during a poll) or after
    /// it finished.
    pub body: Cell<Option<Body>>,
    pub started: Cell<bool>,
    pub running: Cell<bool>,
    pub finished: Cell<bool>,
    /// Where its code begins (file, byte offset): the `def` line, or its
    /// first decorator's, as CPython's `co_firstlineno` ("defined at").
    pub origin: Cell<(u32, u32)>,
    /// The coroutine is awaited by another coroutine or a task (for the
    /// "never awaited" warning and `cr_await`).
    pub awaited: Cell<bool>,
    /// Where the body is: the statement it runs, or the `await` it is
    /// suspended at (CPython's `f_lineno`, shown by a task's repr as
    /// `running at FILE:LINE`); [`NOWHERE`] before it starts, and in a
    /// body written in Rust.
    at: Cell<Span>,
    /// `at` is a compound statement run by the synchronous evaluator: the
    /// line actually running could be any inside it.
    at_is_approximate: Cell<bool>,
}

/// [`Generator::at`] before the body records a position (a `Span`, not an
/// `Option`, keeps every generator a word smaller).
const NOWHERE: Span = Span {
    start: u32::MAX,
    end: u32::MAX,
};

impl Generator {
    pub fn new(kind: GenKind, names: Rc<Names>, body: Body) -> Generator {
        Generator {
            kind,
            names,
            body: Cell::new(Some(body)),
            started: Cell::new(false),
            running: Cell::new(false),
            finished: Cell::new(false),
            origin: Cell::new((0, 0)),
            awaited: Cell::new(false),
            at: Cell::new(NOWHERE),
            at_is_approximate: Cell::new(false),
        }
    }

    /// Where the body is (see `at`), and whether that is approximate.
    pub fn position(&self) -> Option<(Span, bool)> {
        let at = self.at.get();
        (at != NOWHERE).then(|| (at, self.at_is_approximate.get()))
    }

    /// Records that the body runs statement `span`.
    pub fn set_position(&self, span: Span, approximate: bool) {
        self.at.set(span);
        self.at_is_approximate.set(approximate);
    }

    /// Records that the body is at the `await` expression `span`, within
    /// the statement last recorded.
    pub fn set_await_position(&self, span: Span) {
        self.at.set(span);
    }

    /// `type(gen)`.
    pub fn py_type(&self, vm: &Vm) -> Rc<Type> {
        match self.kind {
            GenKind::Generator => vm.types.generator.clone(),
            GenKind::Coroutine => vm.types.coroutine.clone(),
            GenKind::AsyncGenerator => vm.types.async_generator.clone(),
        }
    }
}

impl Drop for Generator {
    fn drop(&mut self) {
        crate::eval::suspend::on_generator_drop(self);
    }
}

// Every pending task has one: 48 bytes (64 with the Rc counts) keep it in
// glibc's 80-byte class.
const _: () = assert!(std::mem::size_of::<Generator>() <= 48);
