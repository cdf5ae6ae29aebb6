//! The steps of `Queue.put` and `Queue.get` for a plain `asyncio.Queue`:
//! one whose class (the queue class itself, or a subclass that changes
//! none of the methods below) and instance leave `full`, `qsize`, `empty`,
//! `put_nowait`, `get_nowait`, `_put`, `_get` and `_wakeup_next` as
//! asyncio defines them, whose fields are plain instance attributes (the
//! class defines none of their names, and no `__getattribute__` or
//! `__setattr__` hook), and whose `_queue` is a `collections.deque` and
//! `_maxsize` and `_unfinished_tasks` ints. For such a queue those
//! methods' Python steps reduce to reading and writing these fields, which
//! is what this module does; any other queue takes the general steps in
//! `native_bodies`, through the attribute lookups the Python code makes.
//! Passing an item through a queue is what a producer/consumer program
//! does a million times.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::AtomicU8;

use crate::eval::attr::{tflag, type_flags};
use crate::eval::{PyResult, Vm};
use crate::intern::Sym;
use crate::stdlib::collections::Deque;
use crate::value::object::{Instance, SymSet};
use crate::value::{Function, Type, Value};

thread_local! {
    /// The functions `py/asyncio.py` registered as native, by qualified
    /// name: a class's method is asyncio's own when it is one of these.
    static ORIGINALS: RefCell<Vec<(String, Rc<Function>)>> = const { RefCell::new(Vec::new()) };
}

/// Records `func` as asyncio's own `qualname` (the newest interpreter's
/// wins: an older one's queues then take the general steps).
pub fn record_original(qualname: &str, func: &Rc<Function>) {
    ORIGINALS.with(|o| {
        let mut o = o.borrow_mut();
        o.retain(|(n, _)| n != qualname);
        o.push((qualname.to_owned(), func.clone()));
    });
}

/// The names the fast steps rely on.
struct Names {
    /// Queue methods the steps stand for, and their summary.
    methods: [Sym; 8],
    method_set: SymSet,
    queue: Sym,
    maxsize: Sym,
    unfinished: Sym,
    finished: Sym,
    getters: Sym,
    putters: Sym,
    /// `Event.clear` and the field it sets.
    clear: Sym,
    value: Sym,
}

impl Names {
    /// The queue's fields, in the order [`PlainQueue::of`] reads them.
    fn queue_fields(&self) -> [Sym; 6] {
        [
            self.queue,
            self.maxsize,
            self.unfinished,
            self.finished,
            self.getters,
            self.putters,
        ]
    }
}

fn names() -> &'static Names {
    static N: std::sync::OnceLock<Names> = std::sync::OnceLock::new();
    N.get_or_init(|| {
        let methods = [
            "full",
            "qsize",
            "empty",
            "put_nowait",
            "get_nowait",
            "_put",
            "_get",
            "_wakeup_next",
        ]
        .map(Sym::new);
        Names {
            methods,
            method_set: SymSet::of(&methods),
            queue: Sym::new("_queue"),
            maxsize: Sym::new("_maxsize"),
            unfinished: Sym::new("_unfinished_tasks"),
            finished: Sym::new("_finished"),
            getters: Sym::new("_getters"),
            putters: Sym::new("_putters"),
            clear: Sym::new("clear"),
            value: Sym::new("_value"),
        }
    })
}

/// `module_flags` bits of a class.
const COMPUTED: u32 = 1;
const PLAIN_QUEUE: u32 = 2;
const PLAIN_EVENT: u32 = 4;

/// The [`PLAIN_QUEUE`] / [`PLAIN_EVENT`] facts of `class`, computed once
/// per change of any class.
fn class_flags(vm: &Vm, class: &Rc<Type>) -> u32 {
    let flags = class.cache.module_flags();
    if flags != 0 {
        return flags;
    }
    let n = names();
    let plain_fields = |fields: &[Sym]| {
        type_flags(vm, class) & (tflag::GETATTRIBUTE | tflag::SETATTR | tflag::SLOTS) == 0
            && fields.iter().all(|f| class.lookup(*f).is_none())
    };
    let mut flags = COMPUTED;
    if plain_fields(&n.queue_fields())
        && n.methods
            .iter()
            .all(|m| is_original(class, *m, &format!("Queue.{m}")))
    {
        flags |= PLAIN_QUEUE;
    }
    if plain_fields(&[n.value]) && is_original(class, n.clear, "Event.clear") {
        flags |= PLAIN_EVENT;
    }
    class.cache.set_module_flags(flags);
    flags
}

/// Does `class.name` resolve to asyncio's own `qualname`?
fn is_original(class: &Rc<Type>, name: Sym, qualname: &str) -> bool {
    ORIGINALS.with(|o| {
        let o = o.borrow();
        let original = o.iter().find(|(n, _)| n == qualname).map(|(_, f)| f);
        matches!((class.lookup(name), original),
            (Some(Value::Function(found)), Some(original)) if Rc::ptr_eq(&found, original))
    })
}

/// Positions of the queue's fields in [`Names::queue_fields`] order.
const QUEUE: usize = 0;
const MAXSIZE: usize = 1;
const UNFINISHED: usize = 2;
const FINISHED: usize = 3;
const GETTERS: usize = 4;
const PUTTERS: usize = 5;

/// Where the queue fields were found in the last queue read: every queue
/// made by `Queue.__init__` has them at the same places.
static FIELD_HINTS: [AtomicU8; 6] = [const { AtomicU8::new(0) }; 6];

/// A queue the fast steps apply to, with where its fields are.
pub struct PlainQueue<'a> {
    inst: &'a Rc<Instance>,
    /// Each field's position among the instance's attributes (they stay
    /// put while the steps run: no Python code runs in between).
    at: [usize; 6],
}

impl<'a> PlainQueue<'a> {
    /// `q` as a plain queue, if it is one (see the module doc).
    pub fn of(vm: &Vm, q: &'a Value) -> Option<PlainQueue<'a>> {
        let Value::Instance(inst) = q else {
            return None;
        };
        if class_flags(vm, &inst.class) & PLAIN_QUEUE == 0 {
            return None;
        }
        let n = names();
        let d = inst.plain_dict()?;
        if !d.has_none_of(&n.methods, n.method_set) {
            return None;
        }
        let f = n.queue_fields();
        let h = &FIELD_HINTS;
        let at = [
            d.position_hinted(f[0], &h[0])?,
            d.position_hinted(f[1], &h[1])?,
            d.position_hinted(f[2], &h[2])?,
            d.position_hinted(f[3], &h[3])?,
            d.position_hinted(f[4], &h[4])?,
            d.position_hinted(f[5], &h[5])?,
        ];
        if !matches!(d.value_at(at[MAXSIZE]), Value::Int(_)) {
            return None;
        }
        d.value_at(at[QUEUE]).downcast::<Deque>()?;
        Some(PlainQueue { inst, at })
    }

    /// `q.get_nowait()` when `q` is a plain queue holding an item.
    pub fn get_ready(vm: &Vm, q: &Value) -> PyResult<Option<Value>> {
        match PlainQueue::of(vm, q) {
            Some(q) if !q.empty() => q.get(vm),
            _ => Ok(None),
        }
    }

    /// `q.put_nowait(item)` when `q` is a plain queue with room;
    /// `Err(item)` when the general steps must decide.
    pub fn put_if_room(vm: &Vm, q: &Value, item: Value) -> PyResult<Result<(), Value>> {
        match PlainQueue::of(vm, q) {
            Some(q) if !q.full() => q.put(vm, item),
            _ => Ok(Err(item)),
        }
    }

    /// The field at `i` (one of the position constants), cloned.
    fn field(&self, i: usize) -> Value {
        self.inst.dict.borrow().value_at(self.at[i]).clone()
    }

    /// Runs `f` on the queue's deque.
    fn with_items<R>(&self, f: impl FnOnce(&Deque) -> R) -> R {
        let d = self.inst.dict.borrow();
        let items = d
            .value_at(self.at[QUEUE])
            .downcast::<Deque>()
            .expect("checked when the queue was read");
        f(items)
    }

    /// `self.full()` (true, for the general steps to decide, if
    /// `_maxsize` is not the int it was when the queue was read).
    pub fn full(&self) -> bool {
        match self.field(MAXSIZE) {
            Value::Int(maxsize) => {
                maxsize > 0 && self.with_items(|items| items.count() as i64 >= maxsize)
            }
            _ => true,
        }
    }

    /// `self.empty()`.
    pub fn empty(&self) -> bool {
        self.with_items(|items| items.count() == 0)
    }

    /// `self.put_nowait(item)` on a queue that is not full; `Err(item)`
    /// when a field is not what the fast steps assume (nothing has been
    /// done then).
    fn put(&self, vm: &Vm, item: Value) -> PyResult<Result<(), Value>> {
        let Value::Int(unfinished) = self.field(UNFINISHED) else {
            return Ok(Err(item));
        };
        let Some(unfinished) = unfinished.checked_add(1) else {
            return Ok(Err(item));
        };
        self.with_items(|items| items.push_back(item));
        *self
            .inst
            .dict
            .borrow_mut()
            .value_at_mut(self.at[UNFINISHED]) = Value::Int(unfinished);
        event_clear(vm, &self.field(FINISHED))?;
        super::native_bodies::wakeup_next(vm, &self.field(GETTERS))?;
        Ok(Ok(()))
    }

    /// `self.get_nowait()` on a queue that is not empty.
    fn get(&self, vm: &Vm) -> PyResult<Option<Value>> {
        let Some(item) = self.with_items(|items| items.pop_front()) else {
            return Ok(None);
        };
        super::native_bodies::wakeup_next(vm, &self.field(PUTTERS))?;
        Ok(Some(item))
    }
}

/// `event.clear()`: for a plain `asyncio.Event`, `event._value = False`.
fn event_clear(vm: &Vm, event: &Value) -> PyResult<()> {
    let n = names();
    if let Value::Instance(inst) = event
        && class_flags(vm, &inst.class) & PLAIN_EVENT != 0
        && inst.has_none_of(&[n.clear], SymSet::of(&[n.clear]))
    {
        inst.set_attr(n.value, Value::Bool(false));
        return Ok(());
    }
    crate::eval::attr::call_method(vm, event, n.clear, crate::eval::Args::default())?;
    Ok(())
}
