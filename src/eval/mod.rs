//! The evaluator: the interpreter state ([`Vm`]), frames, and the control
//! flow types shared by the synchronous tree-walker (`expr`, `stmt`) and the
//! suspending one (`suspend`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::intern::Sym;
use crate::value::func::CellObj;
use crate::value::{Instance, Value};

pub mod assign;
pub mod attr;
pub mod await_call;
pub mod awaiting;
pub mod call;
pub mod class;
pub mod depth;
pub mod exc;
pub mod expr;
pub mod iter;
pub mod ops;
pub mod output;
pub mod pattern;
pub mod protocol;
pub mod stmt;
pub mod suspend;
pub mod vm;

pub use exc::ExcKind;
pub use vm::Vm;

/// A raised Python exception: an instance of a `BaseException` subclass.
#[derive(Clone)]
pub struct Exc(pub Rc<Instance>);

impl Exc {
    pub fn value(&self) -> Value {
        Value::Instance(self.0.clone())
    }
}

impl std::fmt::Debug for Exc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} exception>", self.0.class.name)
    }
}

/// The result of evaluating Python code: a value or a raised exception.
pub type PyResult<T> = Result<T, Exc>;

/// Why a statement stopped early.
///
/// `return` leaves its value in [`Frame::ret`]: without a payload the
/// result of executing a statement is two words, passed in registers.
#[derive(Debug)]
pub enum Flow {
    Exc(Exc),
    Return,
    Break,
    Continue,
}

impl From<Exc> for Flow {
    fn from(e: Exc) -> Flow {
        Flow::Exc(e)
    }
}

/// The result of executing statements.
pub type ExecResult = Result<(), Flow>;

/// Arguments of a call: positional values and keyword arguments in order.
#[derive(Default)]
pub struct Args {
    pub pos: SmallVec<[Value; 4]>,
    pub kw: Vec<(Sym, Value)>,
}

impl Args {
    pub fn new(pos: impl IntoIterator<Item = Value>) -> Args {
        Args {
            pos: pos.into_iter().collect(),
            kw: Vec::new(),
        }
    }

    pub fn with_kw(pos: impl IntoIterator<Item = Value>, kw: Vec<(Sym, Value)>) -> Args {
        Args {
            pos: pos.into_iter().collect(),
            kw,
        }
    }

    /// Removes and returns the keyword argument `name`, if given.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| k.as_str() == name)?;
        Some(self.kw.remove(i).1)
    }
}

/// A module's global namespace: slots assigned by the resolver, plus the
/// name table used to give later code (REPL lines, `continue` blocks) the
/// same slots.
#[derive(Default)]
pub struct Globals {
    pub slots: RefCell<Vec<Value>>,
    pub names: RefCell<Vec<Sym>>,
    pub index: RefCell<FxHashMap<Sym, u32>>,
}

impl Globals {
    /// The slot of global `name`, created (unbound) if new.
    pub fn slot_for(&self, name: Sym) -> u32 {
        if let Some(&i) = self.index.borrow().get(&name) {
            return i;
        }
        let i = self.names.borrow().len() as u32;
        self.names.borrow_mut().push(name);
        self.index.borrow_mut().insert(name, i);
        self.slots.borrow_mut().push(Value::Unbound);
        i
    }

    pub fn get(&self, name: Sym) -> Option<Value> {
        let i = *self.index.borrow().get(&name)?;
        match &self.slots.borrow()[i as usize] {
            Value::Unbound => None,
            v => Some(v.clone()),
        }
    }

    pub fn set(&self, name: Sym, value: Value) {
        let i = self.slot_for(name);
        self.slots.borrow_mut()[i as usize] = value;
    }
}

/// A frame's local variables: stored inside the frame for small functions.
pub type Locals = SmallVec<[Value; 8]>;

/// An empty [`Locals`]. A constant, so that building a frame writes only
/// the length instead of copying an uninitialised buffer.
pub const NO_LOCALS: Locals = Locals::new_const();

/// The activation of a function, class body or module.
///
/// The locals and cells are borrowed: a synchronous call keeps them on the
/// Rust stack (inline in a [`Locals`] for small functions), and a
/// suspended coroutine keeps them in exactly sized boxes beside its frame,
/// not in eight inline slots (every pending task has one).
pub struct Frame<'l> {
    pub locals: &'l mut [Value],
    /// Cell variables, then captured free variables.
    pub cells: &'l [Rc<CellObj>],
    pub globals: Rc<Globals>,
    /// The class namespace while a class body runs.
    pub class_ns: Option<Rc<RefCell<crate::value::AttrMap>>>,
    /// Source index, for tracebacks.
    pub file: u32,
    /// Function name shown in tracebacks (`<module>` at top level).
    pub name: crate::intern::Sym,
    /// The generator, coroutine or async generator whose body runs in this
    /// frame (or contains this comprehension): where the body records the
    /// line it is at. Only a frame with one can suspend. (Weak: the
    /// generator owns the body that owns this frame.)
    pub generator: Option<std::rc::Weak<crate::value::Generator>>,
    /// Echo expression statements through `sys.displayhook` (REPL mode).
    pub interactive: bool,
    /// How many of `cells` are the scope's own cell variables (the rest
    /// are captured free variables).
    pub own_cells: u32,
    /// The function whose body runs in this frame (for `locals()`/`dir()`).
    pub code: Option<Rc<crate::ast::FunctionDef>>,
}

impl Frame<'static> {
    /// A frame for module-level code (no locals, no cells).
    pub fn module(globals: Rc<Globals>, file: u32) -> Frame<'static> {
        Frame {
            locals: &mut [],
            cells: &[],
            globals,
            class_ns: None,
            file,
            name: crate::intern::known::code_module,
            generator: None,
            interactive: false,
            own_cells: 0,
            code: None,
        }
    }
}

impl Frame<'_> {
    /// Records that the body runs statement `span` (`approximate`: a
    /// compound statement the synchronous evaluator runs, any line of
    /// which may be running).
    #[inline]
    pub fn record_position(&self, span: crate::ast::Span, approximate: bool) {
        if let Some(g) = self.generator.as_ref().and_then(std::rc::Weak::upgrade) {
            g.set_position(span, approximate);
        }
    }

    /// Records that the body is at the `await` expression `span`.
    #[inline]
    pub fn record_await_position(&self, span: crate::ast::Span) {
        if let Some(g) = self.generator.as_ref().and_then(std::rc::Weak::upgrade) {
            g.set_await_position(span);
        }
    }
}

/// Guards the recursion depth: entering a Python call bumps it, dropping
/// the guard restores it.
pub struct DepthGuard<'a>(&'a Cell<u32>);

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get() - 1);
    }
}
