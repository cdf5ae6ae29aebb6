//! Generators, coroutines and async generators: a suspended body (a boxed
//! future from the suspending evaluator) plus the channel through which
//! `yield` hands values out and `send`/`throw` hand values back in.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use super::{Type, Value};
use crate::eval::suspend::Channel;
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
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub channel: Rc<Channel>,
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
}

impl Generator {
    pub fn new(
        kind: GenKind,
        name: Rc<str>,
        qualname: Rc<str>,
        channel: Rc<Channel>,
        body: Body,
    ) -> Generator {
        Generator {
            kind,
            name,
            qualname,
            channel,
            body: Cell::new(Some(body)),
            started: Cell::new(false),
            running: Cell::new(false),
            finished: Cell::new(false),
            origin: Cell::new((0, 0)),
            awaited: Cell::new(false),
        }
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

// Every pending task has one: 72 bytes keep it in glibc's 96-byte class.
const _: () = assert!(std::mem::size_of::<Generator>() <= 72);
