//! Classes, instances and modules.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};

use indexmap::IndexMap;
use rustc_hash::{FxBuildHasher, FxHashMap};

use super::{PyDict, Value};
use crate::intern::Sym;

/// Attribute namespace of a class, instance or module, in definition order.
pub type AttrMap = IndexMap<Sym, Value, FxBuildHasher>;

/// The memory layout a class's instances have, decided by the builtin type
/// it derives from. User classes inherit their base's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// A plain object with a `__dict__`.
    Object,
    /// An exception: carries args, traceback, cause and context.
    Exception,
    /// A builtin type whose instances are other `Value` variants (int, str,
    /// list, ...): user classes cannot derive from these (yet).
    Builtin,
}

/// A class: builtin or defined by a `class` statement.
pub struct Type {
    pub name: String,
    pub qualname: String,
    /// `__module__`: `builtins` for builtin types, `__main__` for classes of
    /// the program.
    pub module: String,
    pub bases: Vec<Rc<Type>>,
    /// Method resolution order without the class itself (C3 linearisation).
    pub mro: Vec<Rc<Type>>,
    pub dict: RefCell<AttrMap>,
    pub layout: Layout,
    /// Defined in Rust: its attributes cannot be assigned.
    pub is_builtin: bool,
    /// Bumped whenever an attribute of this class changes, to invalidate
    /// caches of derived facts.
    pub version: Cell<u32>,
    /// Memoised MRO lookups and derived facts. Invariant: the `dict` of a
    /// type that may already have been looked up is only changed through
    /// [`Type::set_attr`], [`Type::del_attr`] or followed by
    /// [`bump_type_epoch`], which invalidates every type's cache (a change
    /// to a base class changes what its subclasses find).
    pub cache: TypeCache,
}

/// The generation of class namespaces: bumped by every change to any
/// class (single-threaded use; the atomic only makes the static legal).
static TYPE_EPOCH: AtomicU64 = AtomicU64::new(1);

/// The current generation of class namespaces (see [`Type::cache`]).
#[inline(always)]
pub fn type_epoch() -> u64 {
    TYPE_EPOCH.load(Ordering::Relaxed)
}

/// Invalidates every type's lookup cache: call after changing the `dict`
/// of a type directly.
pub fn bump_type_epoch() {
    TYPE_EPOCH.fetch_add(1, Ordering::Relaxed);
}

/// Entries of the per-type lookup memo (two candidate slots per symbol,
/// see [`slots`]).
const LOOKUP_SLOTS: usize = 64;

/// Per-type memo of MRO lookups and derived facts, valid while its epoch
/// is the current one.
#[derive(Default)]
pub struct TypeCache {
    epoch: Cell<u64>,
    /// Facts about the class computed by the evaluator (bit flags; 0 = not
    /// computed yet).
    flags: Cell<u32>,
    /// Facts a native module computes about the class (its own bit flags;
    /// 0 = not computed yet), valid for the same epoch.
    module_flags: Cell<u32>,
    /// `(symbol index + 1, result)`, slot `symbol index % LOOKUP_SLOTS`;
    /// 0 marks an empty slot.
    lookups: RefCell<Vec<(u32, Option<Value>)>>,
}

/// A [`TypeCache`] flag: instances of the class read and write their
/// attributes plainly (no `__getattribute__`/`__setattr__` written in
/// Python, no `__slots__`, not an exception): a name the class does not
/// define is just an entry of the instance dict.
pub const PLAIN_ATTRS: u32 = 1 << 31;

/// The two slots of the lookup memo where `name` may be: a class uses
/// a few dozen names, and one direct-mapped slot each made pairs of them
/// (`Queue.get` and `Queue.put`) evict each other on every call.
#[inline(always)]
fn slots(name: Sym) -> [usize; 2] {
    let i = name.index() as usize;
    [
        i % LOOKUP_SLOTS,
        (i.wrapping_mul(0x9E37_79B9) >> 7) % LOOKUP_SLOTS,
    ]
}

/// The memo entry for `name`, if it has one.
#[inline(always)]
fn find(lookups: &[(u32, Option<Value>)], name: Sym) -> Option<&(u32, Option<Value>)> {
    let key = name.index() + 1;
    let [first, second] = slots(name);
    match lookups.get(first) {
        Some(e) if e.0 == key => Some(e),
        _ => lookups.get(second).filter(|e| e.0 == key),
    }
}

impl TypeCache {
    /// Is `name` memoised as not defined anywhere on the class's MRO, and
    /// are the class's instances [`PLAIN_ATTRS`]?
    #[inline(always)]
    fn plain_instance_attr(&self, name: Sym) -> bool {
        if self.epoch.get() != type_epoch() || self.flags.get() & PLAIN_ATTRS == 0 {
            return false;
        }
        let Ok(lookups) = self.lookups.try_borrow() else {
            return false;
        };
        matches!(find(&lookups, name), Some((_, None)))
    }

    /// The cached flags of the class (0 when not computed since the last
    /// change of any class).
    #[inline]
    pub fn flags(&self) -> u32 {
        self.current(&self.flags)
    }

    /// `cell`'s flags, or 0 if they were computed before the last change.
    #[inline(always)]
    fn current(&self, cell: &Cell<u32>) -> u32 {
        if self.epoch.get() != type_epoch() {
            return 0;
        }
        cell.get()
    }

    pub fn set_flags(&self, flags: u32) {
        self.revalidate();
        self.flags.set(flags);
    }

    /// The cached facts a native module keeps about the class (0 when not
    /// computed since the last change of any class).
    #[inline]
    pub fn module_flags(&self) -> u32 {
        self.current(&self.module_flags)
    }

    pub fn set_module_flags(&self, flags: u32) {
        self.revalidate();
        self.module_flags.set(flags);
    }

    #[inline(always)]
    fn get(&self, name: Sym) -> Option<Option<Value>> {
        if self.epoch.get() != type_epoch() {
            return None;
        }
        let lookups = self.lookups.try_borrow().ok()?;
        find(&lookups, name).map(|(_, v)| v.clone())
    }

    /// Empties a stale cache.
    fn revalidate(&self) {
        let now = type_epoch();
        if self.epoch.get() == now {
            return;
        }
        self.epoch.set(now);
        self.flags.set(0);
        self.module_flags.set(0);
        // Take the entries out before dropping them: a drop must not find
        // the table borrowed.
        let old = match self.lookups.try_borrow_mut() {
            Ok(mut l) => std::mem::take(&mut *l),
            Err(_) => return,
        };
        drop(old);
    }

    fn store(&self, name: Sym, value: Option<Value>) {
        self.revalidate();
        let old = match self.lookups.try_borrow_mut() {
            Ok(mut l) => {
                if l.is_empty() {
                    l.resize_with(LOOKUP_SLOTS, || (0, None));
                }
                let key = name.index() + 1;
                let [first, second] = slots(name);
                // The first slot, unless it holds another name and the
                // second is free (or this name's); an evicted first entry
                // moves to the second slot.
                let i = if l[first].0 == key || l[first].0 == 0 {
                    first
                } else if l[second].0 == key || l[second].0 == 0 {
                    second
                } else {
                    let moved = std::mem::take(&mut l[first]);
                    let old = std::mem::replace(&mut l[second], moved);
                    drop(old);
                    first
                };
                l[i].0 = key;
                std::mem::replace(&mut l[i].1, value)
            }
            Err(_) => return,
        };
        drop(old);
    }
}

impl Type {
    /// The class followed by its MRO.
    pub fn mro_iter(self: &Rc<Type>) -> impl Iterator<Item = &Rc<Type>> {
        std::iter::once(self).chain(self.mro.iter())
    }

    /// Looks `name` up along the MRO (class attributes and methods).
    #[inline]
    pub fn lookup(self: &Rc<Type>, name: Sym) -> Option<Value> {
        match self.cache.get(name) {
            Some(v) => v,
            None => self.lookup_miss(name),
        }
    }

    #[inline(never)]
    fn lookup_miss(self: &Rc<Type>, name: Sym) -> Option<Value> {
        let v = self.lookup_uncached(name);
        self.cache.store(name, v.clone());
        v
    }

    /// [`Type::lookup`] without the cache.
    pub fn lookup_uncached(self: &Rc<Type>, name: Sym) -> Option<Value> {
        for t in self.mro_iter() {
            if let Some(v) = t.dict.borrow().get(&name) {
                return Some(v.clone());
            }
        }
        None
    }

    /// Like [`Type::lookup`], also telling which class defines it.
    pub fn lookup_with_owner(self: &Rc<Type>, name: Sym) -> Option<(Value, Rc<Type>)> {
        for t in self.mro_iter() {
            if let Some(v) = t.dict.borrow().get(&name) {
                return Some((v.clone(), t.clone()));
            }
        }
        None
    }

    /// `issubclass(self, other)`.
    pub fn is_subtype(self: &Rc<Type>, other: &Rc<Type>) -> bool {
        self.mro_iter().any(|t| Rc::ptr_eq(t, other))
    }

    /// The name shown in tracebacks and `repr` of the class: `module.qualname`
    /// unless the module is `builtins` or `__main__`.
    pub fn display_name(&self) -> String {
        if self.module == "builtins" || self.module == "__main__" {
            self.qualname.clone()
        } else {
            format!("{}.{}", self.module, self.qualname)
        }
    }

    pub fn set_attr(&self, name: Sym, value: Value) {
        let old = self.dict.borrow_mut().insert(name, value);
        self.version.set(self.version.get().wrapping_add(1));
        bump_type_epoch();
        drop(old);
    }

    /// Removes an attribute of the class; false if it was not set.
    pub fn del_attr(&self, name: Sym) -> bool {
        let old = self.dict.borrow_mut().shift_remove(&name);
        if old.is_none() {
            return false;
        }
        self.version.set(self.version.get().wrapping_add(1));
        bump_type_epoch();
        drop(old);
        true
    }
}

/// What an exception carries besides its `__dict__`.
#[derive(Default)]
pub struct ExcData {
    /// `args`, a tuple.
    pub args: Value,
    /// Traceback entries, innermost first.
    pub traceback: Vec<TracebackEntry>,
    pub cause: Option<Value>,
    pub context: Option<Value>,
    pub suppress_context: bool,
    pub notes: Vec<Value>,
    /// The source position most recently reached in the frame the
    /// exception is passing through, before it is added to the traceback.
    pub pending: Option<(u32, crate::ast::Span)>,
    /// It has been raised and has a traceback (`e.__traceback__` is not
    /// `None`), even if it has not left a frame yet.
    pub raised: bool,
    /// The traceback object last handed out and the number of entries it
    /// was made for: while the traceback does not grow, `e.__traceback__`
    /// is the same object (`sys.exc_info()[2] is e.__traceback__`).
    pub tb_object: RefCell<Option<(usize, Value)>>,
    /// Values the traceback's frames would keep alive in CPython.
    pub kept_alive: Vec<Value>,
    /// Where a `NameError` was raised, for the "Did you mean" its
    /// traceback prints (`builtins::suggest`).
    pub name_scope: Option<Value>,
    /// No `except` clause or `__exit__` may stop it: the program used
    /// something apy does not support, or ran past its time limit.
    pub uncatchable: bool,
}

/// One line of a traceback: file, position and function name.
#[derive(Clone, Debug)]
pub struct TracebackEntry {
    /// Index of the source in the interpreter's source map.
    pub file: u32,
    pub span: crate::ast::Span,
    pub name: crate::intern::Sym,
}

/// Extra state carried by instances of builtin-derived layouts.
pub enum Payload {
    None,
    Exception(Box<RefCell<ExcData>>),
}

/// The attributes of an instance, in insertion order. Objects have few
/// attributes, so a vector scanned by symbol beats hashing; an index is
/// added once an object has many.
#[derive(Default)]
pub struct InstDict {
    /// The first few attributes live inside the instance (one allocation
    /// per object).
    entries: smallvec::SmallVec<[(Sym, Value); 4]>,
    index: Option<Box<FxHashMap<Sym, u32>>>,
    /// Every name ever set (removals keep their bits): a name outside it
    /// is not an attribute, which is what a method call asks first.
    names: SymSet,
}

impl InstDict {
    /// No attributes. A constant, so that making an instance does not copy
    /// an uninitialised buffer.
    pub const EMPTY: InstDict = InstDict {
        entries: smallvec::SmallVec::new_const(),
        index: None,
        names: SymSet::EMPTY,
    };
}

/// Past this many attributes [`InstDict`] keeps a hash index.
const INST_DICT_INDEXED: usize = 12;

impl InstDict {
    #[inline(always)]
    fn position(&self, name: Sym) -> Option<usize> {
        if !self.names.may_contain(name) {
            return None;
        }
        match &self.index {
            None => self.entries.iter().position(|(k, _)| *k == name),
            Some(ix) => ix.get(&name).map(|&i| i as usize),
        }
    }

    #[inline(always)]
    pub fn get(&self, name: &Sym) -> Option<&Value> {
        let i = self.position(*name)?;
        Some(&self.entries[i].1)
    }

    pub fn get_mut(&mut self, name: &Sym) -> Option<&mut Value> {
        let i = self.position(*name)?;
        Some(&mut self.entries[i].1)
    }

    /// Where `name` is, looking first where `hint` says it was last time:
    /// code that reads the same fields of many objects built alike (every
    /// `asyncio.Queue`) finds each in one comparison.
    #[inline]
    pub fn position_hinted(&self, name: Sym, hint: &AtomicU8) -> Option<usize> {
        let h = hint.load(Ordering::Relaxed) as usize;
        if self.entries.get(h).is_some_and(|(k, _)| *k == name) {
            return Some(h);
        }
        let i = self.position(name)?;
        if let Ok(h) = u8::try_from(i) {
            hint.store(h, Ordering::Relaxed);
        }
        Some(i)
    }

    /// The value at a position [`InstDict::position_hinted`] gave.
    #[inline]
    pub fn value_at(&self, i: usize) -> &Value {
        &self.entries[i].1
    }

    /// The value at a position [`InstDict::position_hinted`] gave, to set.
    #[inline]
    pub fn value_at_mut(&mut self, i: usize) -> &mut Value {
        &mut self.entries[i].1
    }

    /// Is none of `names` an attribute? `names` comes with its
    /// [`SymSet`], which rules most attributes out in one test.
    #[inline]
    pub fn has_none_of(&self, names: &[Sym], set: SymSet) -> bool {
        !self.names.may_meet(set)
            || self
                .keys()
                .all(|k| !set.may_contain(*k) || !names.contains(k))
    }

    #[inline]
    pub fn contains_key(&self, name: &Sym) -> bool {
        self.position(*name).is_some()
    }

    /// Sets `name`, returning the previous value.
    #[inline(always)]
    pub fn insert(&mut self, name: Sym, value: Value) -> Option<Value> {
        match self.position(name) {
            Some(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            None => {
                self.push_new(name, value);
                None
            }
        }
    }

    #[inline(never)]
    fn push_new(&mut self, name: Sym, value: Value) {
        self.names.insert(name);
        self.entries.push((name, value));
        let n = self.entries.len();
        if let Some(ix) = &mut self.index {
            ix.insert(name, (n - 1) as u32);
        } else if n > INST_DICT_INDEXED {
            self.reindex();
        }
    }

    fn reindex(&mut self) {
        if self.entries.len() <= INST_DICT_INDEXED {
            self.index = None;
            return;
        }
        let ix = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (*k, i as u32))
            .collect();
        self.index = Some(Box::new(ix));
    }

    /// Removes `name` keeping the order of the others.
    pub fn shift_remove(&mut self, name: &Sym) -> Option<Value> {
        let i = self.position(*name)?;
        let (_, v) = self.entries.remove(i);
        if self.index.is_some() {
            self.reindex();
        }
        Some(v)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Sym, &Value)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &Sym> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// Removes every attribute, in order.
    pub fn drain(&mut self, range: std::ops::RangeFull) -> smallvec::Drain<'_, [(Sym, Value); 4]> {
        self.index = None;
        self.names = SymSet::EMPTY;
        self.entries.drain(range)
    }
}

/// A 64-bit summary of a set of symbols: a symbol not in the summary is
/// certainly not in the set.
#[derive(Clone, Copy, Default)]
pub struct SymSet(u64);

impl SymSet {
    pub const EMPTY: SymSet = SymSet(0);

    pub fn insert(&mut self, name: Sym) {
        self.0 |= SymSet::bit(name);
    }

    pub fn of(names: &[Sym]) -> SymSet {
        SymSet(names.iter().fold(0, |m, n| m | SymSet::bit(*n)))
    }

    fn bit(name: Sym) -> u64 {
        1 << (name.index() % 64)
    }

    #[inline(always)]
    pub fn may_contain(self, name: Sym) -> bool {
        self.0 & SymSet::bit(name) != 0
    }

    /// Could the two sets share a symbol?
    #[inline(always)]
    pub fn may_meet(self, other: SymSet) -> bool {
        self.0 & other.0 != 0
    }
}

/// An instance of a class.
///
/// Attributes live in an [`AttrMap`] keyed by symbol; once a program asks
/// for `obj.__dict__`, they move to a real dict so the mapping it gets is
/// live (writes through it are the object's attributes).
pub struct Instance {
    pub class: Rc<Type>,
    pub dict: RefCell<InstDict>,
    dict_obj: RefCell<Option<Rc<PyDict>>>,
    pub payload: Payload,
}

impl Instance {
    /// A new instance, built in place in its allocation (`Rc::new` would
    /// build it on the stack and copy it over).
    pub fn new_rc(class: Rc<Type>) -> Rc<Instance> {
        let mut rc = Rc::<Instance>::new_uninit();
        Rc::get_mut(&mut rc)
            .expect("a fresh allocation has no other owner")
            .write(Instance::new(class));
        // SAFETY: the value was initialised by the `write` just above.
        unsafe { rc.assume_init() }
    }

    #[inline(always)]
    pub fn new(class: Rc<Type>) -> Instance {
        let payload = match class.layout {
            Layout::Exception => Payload::Exception(Box::new(RefCell::new(ExcData {
                args: Value::tuple(vec![]),
                ..Default::default()
            }))),
            _ => Payload::None,
        };
        Instance {
            class,
            dict: RefCell::new(InstDict::EMPTY),
            dict_obj: RefCell::new(None),
            payload,
        }
    }

    /// The attribute `name` from the instance's own namespace.
    #[inline]
    pub fn get_attr(&self, name: Sym) -> Option<Value> {
        if let Some(d) = &*self.dict_obj.borrow() {
            let vm = crate::eval::vm::current_vm()?;
            return d.get(vm, &Value::str(name.as_str())).ok().flatten();
        }
        self.dict.borrow().get(&name).cloned()
    }

    /// `obj.name` when it can only be an entry of the instance dict (see
    /// [`PLAIN_ATTRS`]); `None` when the general lookup must decide.
    #[inline(always)]
    pub fn plain_get(&self, name: Sym) -> Option<Value> {
        if !self.class.cache.plain_instance_attr(name) {
            return None;
        }
        if self.dict_obj.try_borrow().ok()?.is_some() {
            return None;
        }
        self.dict.try_borrow().ok()?.get(&name).cloned()
    }

    /// `obj.name = value` when it can only set an entry of the instance
    /// dict; gives the value back when the general path must decide.
    #[inline]
    pub fn plain_set(&self, name: Sym, value: Value) -> Result<(), Value> {
        if !self.class.cache.plain_instance_attr(name) {
            return Err(value);
        }
        match self.dict_obj.try_borrow() {
            Ok(d) if d.is_none() => {}
            _ => return Err(value),
        }
        let old = match self.dict.try_borrow_mut() {
            Ok(mut d) => d.insert(name, value),
            Err(_) => return Err(value),
        };
        // Dropped after the borrow ends: a drop may read attributes.
        drop(old);
        Ok(())
    }

    /// Sets an attribute in the instance's own namespace.
    pub fn set_attr(&self, name: Sym, value: Value) {
        if let Some(d) = &*self.dict_obj.borrow() {
            if let Some(vm) = crate::eval::vm::current_vm() {
                d.set_str(vm, name.as_str(), value);
            }
            return;
        }
        self.dict.borrow_mut().insert(name, value);
    }

    /// Removes an attribute; false if it was not set.
    pub fn del_attr(&self, name: Sym) -> bool {
        if let Some(d) = &*self.dict_obj.borrow() {
            return match crate::eval::vm::current_vm() {
                Some(vm) => matches!(d.remove(vm, &Value::str(name.as_str())), Ok(Some(_))),
                None => false,
            };
        }
        self.dict.borrow_mut().shift_remove(&name).is_some()
    }

    /// Could `name` be an instance attribute? (Cheap check for the
    /// method-call fast path.)
    pub fn may_have_attr(&self, name: Sym) -> bool {
        self.dict_obj.borrow().is_some() || self.dict.borrow().contains_key(&name)
    }

    /// The attributes, when they live here rather than in a `__dict__`
    /// object and nobody is changing them.
    #[inline]
    pub fn plain_dict(&self) -> Option<std::cell::Ref<'_, InstDict>> {
        if self.dict_obj.try_borrow().map_or(true, |d| d.is_some()) {
            return None;
        }
        self.dict.try_borrow().ok()
    }

    /// [`Instance::plain_dict`], to write attribute values in place.
    pub fn plain_dict_mut(&self) -> Option<std::cell::RefMut<'_, InstDict>> {
        if self.dict_obj.try_borrow().map_or(true, |d| d.is_some()) {
            return None;
        }
        self.dict.try_borrow_mut().ok()
    }

    /// Has the instance no attribute of any of these names (and no live
    /// `__dict__` through which one could appear)?
    pub fn has_none_of(&self, names: &[Sym], set: SymSet) -> bool {
        self.plain_dict().is_some_and(|d| d.has_none_of(names, set))
    }

    /// The names of the instance's attributes, in order.
    pub fn attr_names(&self) -> Vec<Sym> {
        if let Some(d) = &*self.dict_obj.borrow() {
            return d
                .keys()
                .iter()
                .filter_map(|k| k.as_str().map(Sym::new))
                .collect();
        }
        self.dict.borrow().keys().copied().collect()
    }

    /// `obj.__dict__`: the live attribute dict (created on first use).
    pub fn dict_value(&self) -> Rc<PyDict> {
        if let Some(d) = &*self.dict_obj.borrow() {
            return d.clone();
        }
        let d = Rc::new(PyDict::new());
        if let Some(vm) = crate::eval::vm::current_vm() {
            for (k, v) in self.dict.borrow_mut().drain(..) {
                d.set_str(vm, k.as_str(), v);
            }
        }
        *self.dict_obj.borrow_mut() = Some(d.clone());
        d
    }

    /// The exception data, for instances of exception classes.
    pub fn exc(&self) -> Option<&RefCell<ExcData>> {
        match &self.payload {
            Payload::Exception(d) => Some(&**d),
            Payload::None => None,
        }
    }
}

/// A module implemented in Rust (`math`, `asyncio`, ...) or `__main__`.
pub struct ModuleObj {
    pub name: String,
    pub dict: RefCell<AttrMap>,
}
