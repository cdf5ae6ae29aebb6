//! Callables: Python functions, builtin functions and bound methods.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::{AttrMap, Value};
use crate::ast::FunctionDef;
use crate::eval::{Args, Globals, PyResult, Vm};

/// A closure cell shared between a scope and the functions that capture it.
#[derive(Default)]
pub struct CellObj {
    pub value: RefCell<Value>,
}

impl CellObj {
    pub fn new(value: Value) -> Rc<CellObj> {
        Rc::new(CellObj {
            value: RefCell::new(value),
        })
    }
}

/// A function's `__name__` and `__qualname__`. The generators and
/// coroutines it makes share them: each keeps the names its function had
/// when it was made, as in CPython, without copies of its own.
pub struct Names {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
}

impl Names {
    pub fn new(name: Rc<str>, qualname: Rc<str>) -> Rc<Names> {
        Rc::new(Names { name, qualname })
    }

    /// Names that are the same, as most of those of coroutines written in
    /// Rust are.
    pub fn same(name: &str) -> Rc<Names> {
        let name: Rc<str> = Rc::from(name);
        Names::new(name.clone(), name)
    }
}

/// A function defined by `def` or `lambda`.
pub struct Function {
    pub def: Rc<FunctionDef>,
    pub globals: Rc<Globals>,
    /// Source file index (for tracebacks).
    pub file: u32,
    /// Defaults of the last `defaults.len()` positional parameters.
    pub defaults: Vec<Value>,
    /// One entry per keyword-only parameter; `Unbound` = no default.
    pub kwdefaults: Vec<Value>,
    /// The captured cells, one per free variable.
    pub closure: Vec<Rc<CellObj>>,
    /// `__name__` and `__qualname__` (replaced, not changed in place,
    /// when one is assigned).
    pub names: RefCell<Rc<Names>>,
    /// Other attributes (`__doc__`, `__wrapped__`, user attributes).
    pub dict: RefCell<AttrMap>,
    /// For a few hot asyncio functions: the Rust code their calls run
    /// instead of the Python body (`stdlib::asyncio::native_bodies`).
    pub native: Cell<Option<NativeImpl>>,
}

impl Function {
    /// `__name__`.
    pub fn name(&self) -> Rc<str> {
        self.names.borrow().name.clone()
    }

    /// `__qualname__`.
    pub fn qualname(&self) -> Rc<str> {
        self.names.borrow().qualname.clone()
    }

    /// Assigns `__name__`.
    pub fn set_name(&self, name: Rc<str>) {
        let qualname = self.qualname();
        *self.names.borrow_mut() = Names::new(name, qualname);
    }

    /// Assigns `__qualname__`.
    pub fn set_qualname(&self, qualname: Rc<str>) {
        let name = self.name();
        *self.names.borrow_mut() = Names::new(name, qualname);
    }
}

/// What a call of a function with a native implementation runs, once its
/// arguments are bound as they would be for its Python body.
#[derive(Clone, Copy)]
pub enum NativeImpl {
    /// A coroutine function: builds the coroutine's body.
    Coroutine(NativeCoroutine),
    /// A plain function: runs on the bound arguments.
    Call(NativeCall),
}

/// A native coroutine function's code.
#[derive(Clone, Copy)]
pub struct NativeCoroutine {
    pub body: NativeBody,
    /// For an awaited call: its first steps, taken in the awaiting body
    /// (`None`: nothing was done; build and run the body).
    pub start: Option<NativeStart>,
}

/// See [`NativeCoroutine::start`]. The arguments may be taken (the item
/// `put` stores) if they are put back when the answer is `None`.
pub type NativeStart = fn(&'static crate::eval::Vm, &mut [Value]) -> Option<Started>;

/// What the first steps of an awaited native coroutine came to.
pub enum Started {
    /// It finished without suspending, with nothing observable before
    /// that could tell it did not run as a body.
    Done(PyResult<Value>),
    /// It waits on an asyncio future, and needs nothing more than
    /// [`Parked`] holds to finish: the await holds that, in place of a
    /// boxed body (a task parked in `await event.wait()` is smaller).
    Parked(Parked),
    /// The rest of its steps, as a body.
    Body(crate::value::generator::Body),
}

/// A native coroutine waiting on `fut` (an asyncio `Future` or `Task`).
pub struct Parked {
    /// The object whose method it is (the event waited for).
    pub this: Rc<super::object::Instance>,
    pub fut: Rc<dyn super::NativeObject>,
    /// What runs once `fut` is done (or the wait is interrupted).
    pub then: ParkedThen,
    /// `fut` has been handed out to the task, which resumes the await
    /// when it is done.
    pub handed_out: bool,
}

/// The steps that finish a [`Parked`] coroutine.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParkedThen {
    /// `Event.wait`: `finally: self._waiters.remove(fut)`, `return True`.
    EventWait,
}

/// Builds the body of a coroutine from the parameters its call bound: a
/// coroutine function's steps in Rust. It becomes a coroutine object's
/// body, or, when the call is awaited at once, runs inline in the awaiting
/// body (and no coroutine object is made).
pub type NativeBody =
    fn(&'static crate::eval::Vm, crate::eval::Locals) -> crate::value::generator::Body;

/// A plain function's steps in Rust: the function (for its globals) and
/// its bound parameters.
pub type NativeCall = fn(&crate::eval::Vm, &Function, &[Value]) -> crate::eval::PyResult<Value>;

/// The Rust signature of builtin functions and methods. Methods receive
/// `self` as the first positional argument.
pub type NativeFn = fn(&Vm, Args) -> PyResult<Value>;

/// A function implemented in Rust.
pub struct BuiltinFunction {
    pub name: &'static str,
    pub func: NativeFn,
    /// For methods: the type name (`<method 'append' of 'list' objects>`).
    pub owner: Option<&'static str>,
    /// For module functions: the module (`time.sleep`).
    pub module: Option<&'static str>,
}

/// A function bound to `self` (`obj.method`).
pub struct BoundMethod {
    pub func: Value,
    pub receiver: Value,
}
