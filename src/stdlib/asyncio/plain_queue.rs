//! The steps of `Queue.put` and `Queue.get` for a plain `asyncio.Queue`:
//! one whose class (the queue class itself, or a subclass that changes
//! none of the methods below) and instance leave `full`, `qsize`, `empty`,
//! `put_nowait`, `get_nowait`, `_put`, `_get` and `_wakeup_next` as
//! asyncio defines them, and whose `_queue` is a `collections.deque` and
//! `_maxsize` and `_unfinished_tasks` ints. For such a queue those
//! methods' Python steps reduce to reading and writing these fields, which
//! is what this module does; any other queue takes the general steps in
//! `native_bodies`, through the attribute lookups the Python code makes.
//! Passing an item through a queue is what a producer/consumer program
//! does a million times.

use std::cell::RefCell;
use std::rc::Rc;

use crate::eval::{PyResult, Vm};
use crate::intern::Sym;
use crate::stdlib::collections::Deque;
use crate::value::object::{Instance, SymSet};
use crate::value::{Function, Value};

thread_local! {
    /// The functions `py/asyncio.py` registered as native, by name: a
    /// class method is asyncio's own when it is one of these.
    static ORIGINALS: RefCell<Vec<(Sym, Rc<Function>)>> = const { RefCell::new(Vec::new()) };
}

/// Records `func` as asyncio's own `name` (the newest interpreter's wins:
/// an older one's queues then take the general steps).
pub fn record_original(name: Sym, func: &Rc<Function>) {
    ORIGINALS.with(|o| {
        let mut o = o.borrow_mut();
        o.retain(|(n, _)| *n != name);
        o.push((name, func.clone()));
    });
}

/// The methods whose plain definitions this module's steps assume.
fn method_names() -> &'static ([Sym; 8], SymSet) {
    static NAMES: std::sync::OnceLock<([Sym; 8], SymSet)> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let names = [
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
        (names, SymSet::of(&names))
    })
}

/// Fields read here.
struct Fields {
    queue: Sym,
    maxsize: Sym,
    unfinished: Sym,
    finished: Sym,
    getters: Sym,
    putters: Sym,
    clear: Sym,
}

fn fields() -> &'static Fields {
    static F: std::sync::OnceLock<Fields> = std::sync::OnceLock::new();
    F.get_or_init(|| Fields {
        queue: Sym::new("_queue"),
        maxsize: Sym::new("_maxsize"),
        unfinished: Sym::new("_unfinished_tasks"),
        finished: Sym::new("_finished"),
        getters: Sym::new("_getters"),
        putters: Sym::new("_putters"),
        clear: Sym::new("clear"),
    })
}

/// `module_flags` bits of a class.
const COMPUTED: u32 = 1;
const PLAIN_QUEUE: u32 = 2;

/// A queue the fast steps apply to, with its fields read.
pub struct PlainQueue<'a> {
    q: &'a Value,
    inst: &'a Rc<Instance>,
    items: Value,
    maxsize: i64,
}

impl<'a> PlainQueue<'a> {
    /// `q` as a plain queue, if it is one (see the module doc).
    pub fn of(vm: &Vm, q: &'a Value) -> Option<PlainQueue<'a>> {
        let Value::Instance(inst) = q else {
            return None;
        };
        let class = &inst.class;
        let mut flags = class.cache.module_flags();
        if flags == 0 {
            flags = COMPUTED
                | if class_is_plain(vm, class) {
                    PLAIN_QUEUE
                } else {
                    0
                };
            class.cache.set_module_flags(flags);
        }
        let (names, set) = method_names();
        if flags & PLAIN_QUEUE == 0 || !inst.has_none_of(names, *set) {
            return None;
        }
        let f = fields();
        let items = inst.plain_get(f.queue)?;
        items.downcast::<Deque>()?;
        let Value::Int(maxsize) = inst.plain_get(f.maxsize)? else {
            return None;
        };
        Some(PlainQueue {
            q,
            inst,
            items,
            maxsize,
        })
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

    fn items(&self) -> &Deque {
        self.items
            .downcast::<Deque>()
            .expect("checked when the queue was read")
    }

    /// `self.full()`.
    pub fn full(&self) -> bool {
        self.maxsize > 0 && self.items().count() as i64 >= self.maxsize
    }

    /// `self.empty()`.
    pub fn empty(&self) -> bool {
        self.items().count() == 0
    }

    /// `self.put_nowait(item)` on a queue that is not full; `Err(item)`
    /// when a field is not what the fast steps assume (nothing has been
    /// done then).
    pub fn put(&self, vm: &Vm, item: Value) -> PyResult<Result<(), Value>> {
        let f = fields();
        let Some(Value::Int(unfinished)) = self.inst.plain_get(f.unfinished) else {
            return Ok(Err(item));
        };
        let Some(unfinished) = unfinished.checked_add(1) else {
            return Ok(Err(item));
        };
        let (Some(finished), Some(getters)) = (
            self.inst.plain_get(f.finished),
            self.inst.plain_get(f.getters),
        ) else {
            return Ok(Err(item));
        };
        self.items().push_back(item);
        crate::eval::attr::setattr(vm, self.q, f.unfinished, Value::Int(unfinished))?;
        crate::eval::attr::call_method(vm, &finished, f.clear, crate::eval::Args::default())?;
        super::native_bodies::wakeup_next(vm, &getters)?;
        Ok(Ok(()))
    }

    /// `self.get_nowait()` on a queue that is not empty.
    pub fn get(&self, vm: &Vm) -> PyResult<Option<Value>> {
        let Some(putters) = self.inst.plain_get(fields().putters) else {
            return Ok(None);
        };
        let Some(item) = self.items().pop_front() else {
            return Ok(None);
        };
        super::native_bodies::wakeup_next(vm, &putters)?;
        Ok(Some(item))
    }
}

/// Does `class` resolve every name in [`method_names`] to asyncio's own
/// function, with nothing (`__getattribute__`) intercepting lookups?
fn class_is_plain(vm: &Vm, class: &Rc<crate::value::Type>) -> bool {
    use crate::eval::attr::{tflag, type_flags};
    if type_flags(vm, class) & tflag::GETATTRIBUTE != 0 {
        return false;
    }
    ORIGINALS.with(|o| {
        let o = o.borrow();
        method_names().0.iter().all(|name| {
            let original = o.iter().find(|(n, _)| n == name).map(|(_, f)| f);
            matches!((class.lookup(*name), original),
                (Some(Value::Function(found)), Some(original)) if Rc::ptr_eq(&found, original))
        })
    })
}
