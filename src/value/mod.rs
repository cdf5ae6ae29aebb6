//! Run-time values.
//!
//! A [`Value`] is 16 bytes: a tag and either an immediate (`None`, `bool`,
//! machine-size `int`, `float`) or one `Rc` pointer. asyncio is
//! single-threaded, so sharing is `Rc` + `RefCell`, never locks.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::fmt;
use std::rc::Rc;

use num_bigint::BigInt;

use crate::intern::Sym;

pub mod dict;
pub mod func;
pub mod generator;
pub mod object;
pub mod set;
pub mod str;

pub use dict::PyDict;
pub use func::{BoundMethod, BuiltinFunction, Function};
pub use generator::Generator;
pub use object::{AttrMap, Instance, ModuleObj, Type};
pub use set::PySet;
pub use str::PyStr;

/// A Python object.
///
/// The tag is a full word (`repr(C, u64)`) and every payload starts at
/// offset 8, so moving a `Value` is whole-word copies. With a byte tag the
/// compiler copies values as patchworks of 1-, 2-, 4- and 8-byte pieces,
/// which the CPU cannot forward to the 16-byte loads that read them back
/// (a store-forwarding stall on most calls and returns).
#[derive(Default)]
#[repr(C, u64)]
pub enum Value {
    /// An unassigned variable slot. Never visible to Python code.
    #[default]
    Unbound,
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    /// An `int` that fits in 64 bits. Invariant: an int that fits is never
    /// stored as `BigInt`.
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    Str(Rc<PyStr>),
    List(Rc<PyList>),
    Tuple(Rc<PyTuple>),
    Dict(Rc<PyDict>),
    /// `set` and `frozenset` (the table knows which).
    Set(Rc<PySet>),
    Range(Rc<PyRange>),
    Slice(Rc<PySlice>),
    Function(Rc<Function>),
    Builtin(Rc<BuiltinFunction>),
    BoundMethod(Rc<BoundMethod>),
    Type(Rc<Type>),
    Instance(Rc<Instance>),
    Module(Rc<ModuleObj>),
    /// Generators, coroutines and async generators.
    Generator(Rc<Generator>),
    /// Everything else implemented in Rust: iterators, views, descriptors,
    /// asyncio objects, ...
    Native(Rc<dyn NativeObject>),
}

impl Clone for Value {
    /// Bumps the reference count of an object (out of line), then copies
    /// the value's words. The whole-value copy is written with wide stores,
    /// which later wide loads of the copy can be forwarded from; building
    /// the clone variant by variant writes tag and payload separately.
    #[inline(always)]
    fn clone(&self) -> Value {
        if !self.is_immediate() {
            self.add_ref();
        }
        // SAFETY: an immediate owns nothing, so its bits are a complete
        // copy. Any other variant holds exactly one `Rc` (a thin or fat
        // pointer), whose strong count `add_ref` has just incremented: the
        // copy owns that new reference and releases it when dropped, like
        // a clone of the `Rc` would.
        unsafe { std::ptr::read(self) }
    }
}

impl Value {
    /// Increments the strong count of the object a non-immediate holds
    /// (by leaking one clone of its `Rc`).
    #[inline(never)]
    fn add_ref(&self) {
        match self {
            Value::Unbound
            | Value::None
            | Value::NotImplemented
            | Value::Ellipsis
            | Value::Bool(_)
            | Value::Int(_)
            | Value::Float(_) => {}
            Value::BigInt(r) => std::mem::forget(r.clone()),
            Value::Str(r) => std::mem::forget(r.clone()),
            Value::List(r) => std::mem::forget(r.clone()),
            Value::Tuple(r) => std::mem::forget(r.clone()),
            Value::Dict(r) => std::mem::forget(r.clone()),
            Value::Set(r) => std::mem::forget(r.clone()),
            Value::Range(r) => std::mem::forget(r.clone()),
            Value::Slice(r) => std::mem::forget(r.clone()),
            Value::Function(r) => std::mem::forget(r.clone()),
            Value::Builtin(r) => std::mem::forget(r.clone()),
            Value::BoundMethod(r) => std::mem::forget(r.clone()),
            Value::Type(r) => std::mem::forget(r.clone()),
            Value::Instance(r) => std::mem::forget(r.clone()),
            Value::Module(r) => std::mem::forget(r.clone()),
            Value::Generator(r) => std::mem::forget(r.clone()),
            Value::Native(r) => std::mem::forget(r.clone()),
        }
    }

    /// Does dropping this value do nothing (an immediate)?
    #[inline(always)]
    pub fn is_immediate(&self) -> bool {
        matches!(
            self,
            Value::Unbound
                | Value::None
                | Value::NotImplemented
                | Value::Ellipsis
                | Value::Bool(_)
                | Value::Int(_)
                | Value::Float(_)
        )
    }

    /// Drops `self`, skipping the out-of-line drop glue for immediates.
    #[inline(always)]
    pub fn release(self) {
        if self.is_immediate() {
            std::mem::forget(self);
        } else {
            drop(self);
        }
    }
}

/// A `list`.
#[derive(Default)]
pub struct PyList {
    pub items: RefCell<Vec<Value>>,
}

impl PyList {
    pub fn new(items: Vec<Value>) -> PyList {
        PyList {
            items: RefCell::new(items),
        }
    }
}

impl Drop for PyList {
    fn drop(&mut self) {
        release_items(std::mem::take(self.items.get_mut()));
    }
}

/// A `tuple`.
pub struct PyTuple {
    pub items: Box<[Value]>,
    /// Cached hash (0 = not computed yet).
    pub hash: Cell<i64>,
}

impl PyTuple {
    pub fn new(items: Vec<Value>) -> PyTuple {
        PyTuple {
            items: items.into_boxed_slice(),
            hash: Cell::new(0),
        }
    }
}

impl Drop for PyTuple {
    fn drop(&mut self) {
        release_items(std::mem::take(&mut self.items).into_vec());
    }
}

/// How deep container releases nest before the rest is deferred
/// (CPython's `PyTrash_UNWIND_LEVEL`).
const TRASH_UNWIND_LEVEL: u32 = 50;

thread_local! {
    static TRASH_NESTING: Cell<u32> = const { Cell::new(0) };
    /// Item vectors whose release was deferred, released later by the
    /// outermost release (CPython's `trash_delete_later`).
    static TRASH_LATER: RefCell<Vec<Vec<Value>>> = const { RefCell::new(Vec::new()) };
}

/// Releases the items of a dropped list or tuple last to first, as
/// CPython's `list_dealloc` and `tupledealloc` do (the order shows when the
/// items are finalized: generators closing). Like CPython's trashcan, a
/// release nested deeper than [`TRASH_UNWIND_LEVEL`] is deferred to the
/// outermost one, so dropping a million nested lists takes no stack.
fn release_items(mut items: Vec<Value>) {
    if items.is_empty() {
        return;
    }
    let nesting = TRASH_NESTING.with(Cell::get);
    if nesting >= TRASH_UNWIND_LEVEL {
        TRASH_LATER.with(|t| t.borrow_mut().push(items));
        return;
    }
    TRASH_NESTING.with(|n| n.set(nesting + 1));
    while let Some(v) = items.pop() {
        v.release();
    }
    if nesting == 0 {
        while let Some(mut later) = TRASH_LATER.with(|t| t.borrow_mut().pop()) {
            while let Some(v) = later.pop() {
                v.release();
            }
        }
    }
    TRASH_NESTING.with(|n| n.set(nesting));
}

/// A `range`, with Python's arbitrary-size bounds restricted to i64.
pub struct PyRange {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl PyRange {
    /// Number of elements.
    pub fn len(&self) -> i64 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        n as i64
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`th element (no bounds check).
    pub fn at(&self, i: i64) -> i64 {
        self.start + i * self.step
    }
}

/// A `slice` object.
pub struct PySlice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

/// An object implemented in Rust outside the core variants.
///
/// Each implementation names its Python type; protocol hooks default to
/// "not supported", and the evaluator raises the matching `TypeError`.
pub trait NativeObject: Any {
    /// The object's Python type.
    fn py_type(&self, vm: &crate::eval::Vm) -> Rc<Type>;
    fn as_any(&self) -> &dyn Any;
    /// `repr(obj)`; `None` means the default `<TYPE object at 0x...>`.
    fn repr(&self, _vm: &crate::eval::Vm) -> Option<crate::eval::PyResult<String>> {
        None
    }
    /// The next item of an iterator: `Ok(None)` when exhausted. Objects
    /// that are their own iterators return `true` from [`Self::is_iterator`].
    fn next(&self, _vm: &crate::eval::Vm) -> Option<crate::eval::PyResult<Option<Value>>> {
        None
    }
    fn is_iterator(&self) -> bool {
        false
    }
    /// `iter(obj)` for iterables that are not iterators themselves.
    fn iter(&self, _vm: &crate::eval::Vm, _this: &Value) -> Option<crate::eval::PyResult<Value>> {
        None
    }
    /// `len(obj)`.
    fn len(&self, _vm: &crate::eval::Vm) -> Option<crate::eval::PyResult<usize>> {
        None
    }
    /// `x in obj`.
    fn contains(
        &self,
        _vm: &crate::eval::Vm,
        _item: &Value,
    ) -> Option<crate::eval::PyResult<bool>> {
        None
    }
    /// `obj[index]`.
    fn getitem(
        &self,
        _vm: &crate::eval::Vm,
        _index: &Value,
    ) -> Option<crate::eval::PyResult<Value>> {
        None
    }
    /// Attribute lookup beyond the type's methods (data attributes).
    fn getattr(&self, _vm: &crate::eval::Vm, _name: Sym) -> Option<crate::eval::PyResult<Value>> {
        None
    }
    /// Attribute assignment; `None` means read-only/unsupported.
    fn setattr(
        &self,
        _vm: &crate::eval::Vm,
        _name: Sym,
        _value: Value,
    ) -> Option<crate::eval::PyResult<()>> {
        None
    }
    /// `obj == other` for objects with value equality; `None` means identity.
    fn eq(&self, _vm: &crate::eval::Vm, _other: &Value) -> Option<crate::eval::PyResult<bool>> {
        None
    }
    /// `hash(obj)`; `None` means identity hash.
    fn hash(&self, _vm: &crate::eval::Vm) -> Option<crate::eval::PyResult<i64>> {
        None
    }
    /// `bool(obj)`; `None` means use `len` or true.
    fn truthy(&self, _vm: &crate::eval::Vm) -> Option<crate::eval::PyResult<bool>> {
        None
    }
    /// Whether `obj(...)` works (`callable(obj)`); objects implementing
    /// [`NativeObject::call`] say yes.
    fn is_callable(&self) -> bool {
        false
    }
    /// Called with `obj(args)`.
    fn call(
        &self,
        _vm: &crate::eval::Vm,
        _this: &Value,
        _args: crate::eval::Args,
    ) -> Option<crate::eval::PyResult<Value>> {
        None
    }
    /// Descriptor `__get__` when found on a class (`instance` is `None` for
    /// class access).
    fn descr_get(
        &self,
        _vm: &crate::eval::Vm,
        _this: &Value,
        _instance: Option<&Value>,
        _owner: &Rc<Type>,
    ) -> Option<crate::eval::PyResult<Value>> {
        None
    }
    /// True for data descriptors (`property`), which take precedence over
    /// the instance dictionary.
    fn is_data_descriptor(&self) -> bool {
        false
    }
    /// Descriptor `__set__`.
    fn descr_set(
        &self,
        _vm: &crate::eval::Vm,
        _instance: &Value,
        _value: Option<Value>,
    ) -> Option<crate::eval::PyResult<()>> {
        None
    }
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(s.to_owned())))
    }

    pub fn string(s: String) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }

    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(PyList::new(items)))
    }

    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(PyTuple::new(items)))
    }

    /// An `int` from a big integer, normalised to `Int` when it fits.
    pub fn from_bigint(b: BigInt) -> Value {
        match i64::try_from(&b) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::BigInt(Rc::new(b)),
        }
    }

    pub fn native<T: NativeObject>(obj: T) -> Value {
        Value::Native(Rc::new(obj))
    }

    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }

    /// Identity (`is`).
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Unbound, Unbound) | (None, None) | (NotImplemented, NotImplemented) => true,
            (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            // Small ints are cached in CPython; equal machine ints are "the
            // same object" for every program that does not inspect ids.
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            _ => match (self.ptr(), other.ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }

    /// The address of the heap object, for identity and `id()`.
    pub fn ptr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            BigInt(r) => Rc::as_ptr(r) as *const u8 as usize,
            Str(r) => Rc::as_ptr(r) as *const u8 as usize,
            List(r) => Rc::as_ptr(r) as *const u8 as usize,
            Tuple(r) => Rc::as_ptr(r) as *const u8 as usize,
            Dict(r) => Rc::as_ptr(r) as *const u8 as usize,
            Set(r) => Rc::as_ptr(r) as *const u8 as usize,
            Range(r) => Rc::as_ptr(r) as *const u8 as usize,
            Slice(r) => Rc::as_ptr(r) as *const u8 as usize,
            Function(r) => Rc::as_ptr(r) as *const u8 as usize,
            Builtin(r) => Rc::as_ptr(r) as *const u8 as usize,
            BoundMethod(r) => Rc::as_ptr(r) as *const u8 as usize,
            Type(r) => Rc::as_ptr(r) as *const u8 as usize,
            Instance(r) => Rc::as_ptr(r) as *const u8 as usize,
            Module(r) => Rc::as_ptr(r) as *const u8 as usize,
            Generator(r) => Rc::as_ptr(r) as *const u8 as usize,
            Native(r) => Rc::as_ptr(r) as *const u8 as usize,
            _ => return Option::None,
        })
    }

    /// Downcasts a native object.
    pub fn downcast<T: 'static>(&self) -> Option<&T> {
        match self {
            Value::Native(n) => n.as_any().downcast_ref::<T>(),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s.as_str()),
            _ => None,
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Unbound => write!(f, "<unbound>"),
            Value::None => write!(f, "None"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::BigInt(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x:?}"),
            Value::Str(s) => write!(f, "{:?}", s.as_str()),
            _ => write!(f, "<object>"),
        }
    }
}
