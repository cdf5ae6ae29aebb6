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

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;
use std::sync::atomic::AtomicU8;

use crate::eval::attr::{tflag, type_flags};
use crate::eval::{PyResult, Vm};
use crate::intern::Sym;
use crate::stdlib::collections::Deque;
use crate::value::object::{InstDict, Instance, SymSet};
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
    /// The queue's fields, in the order of the position constants.
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
#[inline]
fn class_flags(vm: &Vm, class: &Rc<Type>) -> u32 {
    match class.cache.module_flags() {
        0 => compute_class_flags(vm, class),
        flags => flags,
    }
}

#[inline(never)]
fn compute_class_flags(vm: &Vm, class: &Rc<Type>) -> u32 {
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

/// Where the queue fields were found in the last queue read.
static FIELD_HINTS: [AtomicU8; 6] = [const { AtomicU8::new(0) }; 6];

/// Where an event's `_value` was found last.
static EVENT_VALUE_HINT: AtomicU8 = AtomicU8::new(0);

/// The attributes of `q`, if it is a plain queue: its class leaves the
/// queue's methods as asyncio defines them and the instance shadows none
/// of them (see the module doc; each step checks the fields it reads).
#[inline(always)]
fn plain_dict<'a>(vm: &Vm, q: &'a Value) -> Option<Ref<'a, InstDict>> {
    plain_instance(vm, q)?
        .plain_dict()
        .filter(|d| plain_methods(d))
}

/// [`plain_dict`], to write field values in place.
fn plain_dict_mut<'a>(vm: &Vm, q: &'a Value) -> Option<RefMut<'a, InstDict>> {
    plain_instance(vm, q)?
        .plain_dict_mut()
        .filter(|d| plain_methods(d))
}

/// `q`'s instance, if its class leaves the queue's methods as asyncio
/// defines them.
fn plain_instance<'a>(vm: &Vm, q: &'a Value) -> Option<&'a Rc<Instance>> {
    match q {
        Value::Instance(inst) if class_flags(vm, &inst.class) & PLAIN_QUEUE != 0 => Some(inst),
        _ => None,
    }
}

/// Does the instance with attributes `d` shadow none of the queue's
/// methods?
fn plain_methods(d: &InstDict) -> bool {
    let n = names();
    d.has_none_of(&n.methods, n.method_set)
}

/// Where the fields `which` (position constants) are in `d`: every
/// queue made by `Queue.__init__` has them where the previous one had.
fn find_fields<const K: usize>(d: &InstDict, which: [usize; K]) -> Option<[usize; K]> {
    let f = names().queue_fields();
    let mut at = [0; K];
    for (slot, field) in at.iter_mut().zip(which) {
        *slot = d.position_hinted(f[field], &FIELD_HINTS[field])?;
    }
    Some(at)
}

/// `q.empty()` for a plain queue (`None`: the general steps decide).
pub fn empty(vm: &Vm, q: &Value) -> Option<bool> {
    let d = plain_dict(vm, q)?;
    let [queue] = find_fields(&d, [QUEUE])?;
    Some(d.value_at(queue).downcast::<Deque>()?.count() == 0)
}

/// `q.full()` for a plain queue (`None`: the general steps decide).
pub fn full(vm: &Vm, q: &Value) -> Option<bool> {
    let d = plain_dict(vm, q)?;
    let [queue, maxsize] = find_fields(&d, [QUEUE, MAXSIZE])?;
    let &Value::Int(max) = d.value_at(maxsize) else {
        return None;
    };
    let items = d.value_at(queue).downcast::<Deque>()?;
    Some(max > 0 && items.count() as i64 >= max)
}

/// `q.get_nowait()` when `q` is a plain queue holding an item: the item is
/// taken and the next putter woken, in one look at the queue's fields
/// (the two `get_nowait` reads).
pub fn get_ready(vm: &Vm, q: &Value) -> PyResult<Option<Value>> {
    let (item, putters) = {
        let Some(d) = plain_dict(vm, q) else {
            return Ok(None);
        };
        let Some([queue, putters]) = find_fields(&d, [QUEUE, PUTTERS]) else {
            return Ok(None);
        };
        let Some(item) = d
            .value_at(queue)
            .downcast::<Deque>()
            .and_then(Deque::pop_front)
        else {
            return Ok(None);
        };
        (item, d.value_at(putters).clone())
    };
    super::native_bodies::wakeup_next(vm, &putters)?;
    Ok(Some(item))
}

/// `q.put_nowait(item)` when `q` is a plain queue with room (the steps of
/// `full()` and `put_nowait` in one look at the queue's fields);
/// `Err(item)` when the general steps must decide (nothing has been done
/// then).
pub fn put_if_room(vm: &Vm, q: &Value, item: Value) -> PyResult<Result<(), Value>> {
    let (finished, getters) = {
        let Some(mut d) = plain_dict_mut(vm, q) else {
            return Ok(Err(item));
        };
        let Some([queue, maxsize, unfinished, finished, getters]) =
            find_fields(&d, [QUEUE, MAXSIZE, UNFINISHED, FINISHED, GETTERS])
        else {
            return Ok(Err(item));
        };
        let (&Value::Int(max), &Value::Int(count)) = (d.value_at(maxsize), d.value_at(unfinished))
        else {
            return Ok(Err(item));
        };
        let Some(count) = count.checked_add(1) else {
            return Ok(Err(item));
        };
        let Some(items) = d.value_at(queue).downcast::<Deque>() else {
            return Ok(Err(item));
        };
        if max > 0 && items.count() as i64 >= max {
            return Ok(Err(item));
        }
        items.push_back(item);
        *d.value_at_mut(unfinished) = Value::Int(count);
        (d.value_at(finished).clone(), d.value_at(getters).clone())
    };
    event_clear(vm, &finished)?;
    super::native_bodies::wakeup_next(vm, &getters)?;
    Ok(Ok(()))
}

/// `event.clear()`: for a plain `asyncio.Event`, `event._value = False`.
fn event_clear(vm: &Vm, event: &Value) -> PyResult<()> {
    let n = names();
    if let Value::Instance(inst) = event
        && class_flags(vm, &inst.class) & PLAIN_EVENT != 0
        && let Some(mut d) = inst.plain_dict_mut()
        && d.has_none_of(&[n.clear], SymSet::of(&[n.clear]))
    {
        match d.position_hinted(n.value, &EVENT_VALUE_HINT) {
            Some(at) => *d.value_at_mut(at) = Value::Bool(false),
            None => {
                d.insert(n.value, Value::Bool(false));
            }
        }
        return Ok(());
    }
    crate::eval::attr::call_method(vm, event, n.clear, crate::eval::Args::default())?;
    Ok(())
}
