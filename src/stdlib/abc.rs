//! The machinery behind `abc` and `collections.abc` (whose classes are
//! Python source): the registry of virtual subclasses that
//! `isinstance`/`issubclass` consult (`ABC.register`, named tuples as
//! `tuple`s), the structural checks of the one-trick ABCs (`Iterable` is
//! anything with `__iter__`), and the refusal to instantiate a class with
//! abstract methods.

use std::cell::RefCell;
use std::rc::Rc;

use crate::eval::{PyResult, Vm};
use crate::intern::Sym;
use crate::value::generator::GenKind;
use crate::value::{Type, Value};

thread_local! {
    /// (class, registered virtual subclass) pairs.
    static REGISTRY: RefCell<Vec<(Rc<Type>, Rc<Type>)>> = const { RefCell::new(Vec::new()) };
    /// ABCs whose instances are recognised by the methods they define.
    static STRUCTURAL: RefCell<Vec<(Rc<Type>, Vec<Sym>)>> = const { RefCell::new(Vec::new()) };
    /// Classes created by `ABCMeta` (directly, or by deriving from `ABC`).
    static ABC_CLASSES: RefCell<Vec<Rc<Type>>> = const { RefCell::new(Vec::new()) };
}

/// Registers `sub` as a virtual subclass of `cls`.
pub fn register(cls: &Rc<Type>, sub: &Rc<Type>) {
    REGISTRY.with(|r| {
        let mut r = r.borrow_mut();
        if !r
            .iter()
            .any(|(c, s)| Rc::ptr_eq(c, cls) && Rc::ptr_eq(s, sub))
        {
            r.push((cls.clone(), sub.clone()));
        }
    });
}

/// Makes `cls` recognise as subclasses the classes that define all of
/// `methods` (CPython's `__subclasshook__` of `Iterable`, `Sized`, ...).
pub fn register_structural(cls: &Rc<Type>, methods: Vec<Sym>) {
    STRUCTURAL.with(|s| s.borrow_mut().push((cls.clone(), methods)));
}

/// Records that `cls` was created by `ABCMeta` (the hook `class.rs` calls
/// for `metaclass=ABCMeta`).
pub fn mark_abc(cls: &Rc<Type>) {
    ABC_CLASSES.with(|a| a.borrow_mut().push(cls.clone()));
}

/// Is `t` an abstract base class (its calls check for abstract methods)?
pub fn is_abc_class(t: &Rc<Type>) -> bool {
    ABC_CLASSES.with(|a| {
        let a = a.borrow();
        !a.is_empty() && t.mro_iter().any(|m| a.iter().any(|c| Rc::ptr_eq(c, m)))
    })
}

/// Raises CPython's `TypeError` when `t` (an `ABCMeta` class) still has
/// abstract methods; called before instantiating a class.
pub fn check_instantiable(vm: &Vm, t: &Rc<Type>) -> PyResult<()> {
    if !is_abc_class(t) {
        return Ok(());
    }
    let mut names: Vec<Sym> = Vec::new();
    for c in t.mro_iter() {
        for (name, v) in c.dict.borrow().iter() {
            if !names.contains(name) && is_abstract(vm, v) {
                names.push(*name);
            }
        }
    }
    let mut abstract_names: Vec<String> = names
        .into_iter()
        .filter(|n| t.lookup(*n).is_some_and(|v| is_abstract(vm, &v)))
        .map(|n| n.as_str().to_owned())
        .collect();
    if abstract_names.is_empty() {
        return Ok(());
    }
    abstract_names.sort();
    Err(vm.type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        t.name,
        if abstract_names.len() == 1 { "" } else { "s" },
        abstract_names.join(", ")
    )))
}

fn is_abstract(vm: &Vm, v: &Value) -> bool {
    let flag = Sym::new("__isabstractmethod__");
    let direct = match v {
        Value::Function(f) => f.dict.borrow().get(&flag).cloned(),
        Value::Instance(i) => i.get_attr(flag),
        _ => None,
    };
    if let Some(x) = direct {
        return crate::eval::protocol::truthy(vm, &x).unwrap_or(false);
    }
    // property / classmethod / staticmethod wrapping an abstract function.
    if let Value::Native(n) = v {
        if let Some(p) = n
            .as_any()
            .downcast_ref::<crate::builtins::descriptors::Property>()
        {
            return [&p.fget, &p.fset, &p.fdel]
                .iter()
                .any(|f| is_abstract(vm, f));
        }
        for attr in ["__func__", "fget"] {
            if let Ok(Some(inner)) = crate::eval::attr::getattr_opt(vm, v, Sym::new(attr))
                && !matches!(inner, Value::Native(_))
            {
                return is_abstract(vm, &inner);
            }
        }
    }
    false
}

/// Is `obj` an instance of `cls` through a registered virtual subclass or
/// a structural ABC?
pub fn virtual_instance(vm: &Vm, obj: &Value, cls: &Rc<Type>) -> bool {
    let t = vm.type_of(obj);
    if registered(&t, cls) {
        return true;
    }
    let candidates: Vec<Vec<Sym>> = STRUCTURAL.with(|s| {
        s.borrow()
            .iter()
            .filter(|(abc, _)| abc.is_subtype(cls))
            .map(|(_, m)| m.clone())
            .collect()
    });
    candidates
        .iter()
        .any(|methods| methods.iter().all(|m| value_has(vm, obj, *m)))
}

/// Is `sub` a virtual subclass of `cls` (or of a subclass of `cls`)?
pub fn virtual_subclass(vm: &Vm, sub: &Rc<Type>, cls: &Rc<Type>) -> bool {
    if registered(sub, cls) {
        return true;
    }
    let candidates: Vec<Vec<Sym>> = STRUCTURAL.with(|s| {
        s.borrow()
            .iter()
            .filter(|(abc, _)| abc.is_subtype(cls))
            .map(|(_, m)| m.clone())
            .collect()
    });
    candidates
        .iter()
        .any(|methods| methods.iter().all(|m| type_has(vm, sub, *m)))
}

fn registered(t: &Rc<Type>, cls: &Rc<Type>) -> bool {
    registered_depth(t, cls, 0)
}

/// Registration is transitive (a named tuple is a `tuple`, and `tuple` is
/// registered as a `Sequence`).
fn registered_depth(t: &Rc<Type>, cls: &Rc<Type>, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    let subs: Vec<Rc<Type>> = REGISTRY.with(|r| {
        r.borrow()
            .iter()
            .filter(|(c, _)| c.is_subtype(cls))
            .map(|(_, s)| s.clone())
            .collect()
    });
    subs.iter()
        .any(|s| t.is_subtype(s) || registered_depth(t, s, depth + 1))
}

/// Does the class define `name` (and not as `None`)?
fn lookup_defined(t: &Rc<Type>, name: Sym) -> Option<bool> {
    t.lookup(name).map(|v| !v.is_none())
}

/// The special methods builtin types support without listing them.
fn builtin_type_has(vm: &Vm, t: &Rc<Type>, name: &str) -> Option<bool> {
    let ty = &vm.types;
    let is = |x: &Rc<Type>| Rc::ptr_eq(t, x);
    let container = is(&ty.list)
        || is(&ty.tuple)
        || is(&ty.str)
        || is(&ty.dict)
        || is(&ty.set)
        || is(&ty.frozenset)
        || is(&ty.range)
        || is(&ty.bytes)
        || t.is_subtype(&ty.dict);
    Some(match name {
        "__iter__" => container || is(&ty.generator),
        "__len__" | "__contains__" => container,
        "__next__" => is(&ty.generator),
        "__reversed__" => is(&ty.list) || is(&ty.range) || t.is_subtype(&ty.dict),
        "__hash__" => !(is(&ty.list) || is(&ty.set) || t.is_subtype(&ty.dict)),
        "__await__" => is(&ty.coroutine),
        "__aiter__" | "__anext__" => is(&ty.async_generator),
        "__call__" => {
            is(&ty.function) || is(&ty.builtin_function) || is(&ty.method) || is(&ty.type_)
        }
        _ => return None,
    })
}

fn type_has(vm: &Vm, t: &Rc<Type>, name: Sym) -> bool {
    if t.is_builtin
        && let Some(b) = builtin_type_has(vm, t, name.as_str())
    {
        if b {
            return true;
        }
        if name.as_str() == "__hash__" {
            return false;
        }
    }
    lookup_defined(t, name).unwrap_or(false)
}

fn value_has(vm: &Vm, obj: &Value, name: Sym) -> bool {
    match obj {
        Value::Instance(i) => lookup_defined(&i.class, name).unwrap_or(false),
        Value::Generator(g) => match name.as_str() {
            "__iter__" | "__next__" => g.kind == GenKind::Generator,
            "__await__" => g.kind == GenKind::Coroutine,
            "__aiter__" | "__anext__" | "asend" | "athrow" | "aclose" => {
                g.kind == GenKind::AsyncGenerator
            }
            "send" | "throw" | "close" => g.kind != GenKind::AsyncGenerator,
            _ => type_has(vm, &vm.type_of(obj), name),
        },
        Value::Native(n) => {
            if lookup_defined(&n.py_type(vm), name).unwrap_or(false) {
                return true;
            }
            match name.as_str() {
                "__iter__" => n.is_iterator() || n.iter(vm, obj).is_some(),
                "__next__" => n.is_iterator(),
                "__len__" | "__contains__" => n.len(vm).is_some(),
                "__hash__" => crate::eval::protocol::hash_value(vm, obj).is_ok(),
                "__call__" => super::functools::is_callable(vm, obj),
                _ => false,
            }
        }
        _ => {
            if name.as_str() == "__hash__" {
                return crate::eval::protocol::hash_value(vm, obj).is_ok();
            }
            type_has(vm, &vm.type_of(obj), name)
        }
    }
}
