//! The builtin functions: `print`, `len`, `isinstance`, `sorted`, ...

use std::rc::Rc;

use super::{add_builtin, add_builtin_value, arg_int, check_args};
use crate::eval::attr::{call_method_opt, getattr, getattr_opt, setattr};
use crate::eval::call::call;
use crate::eval::iter::{IterObj, PyIter, collect, get_iter, next_value};
use crate::eval::protocol::{hash_value, len, repr, str_of, truthy, type_name};
use crate::eval::{Args, ExcKind, PyResult, Vm};
use crate::intern::{Sym, known};
use crate::value::{NativeObject, PyRange, Type, Value};

pub fn install(vm: &Vm) {
    let t = &vm.types;
    for (name, ty) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("bool", &t.bool),
        ("float", &t.float),
        ("str", &t.str),
        ("list", &t.list),
        ("tuple", &t.tuple),
        ("dict", &t.dict),
        ("set", &t.set),
        ("frozenset", &t.frozenset),
        ("range", &t.range),
        ("slice", &t.slice),
        ("property", &t.property),
        ("classmethod", &t.classmethod),
        ("staticmethod", &t.staticmethod),
        ("super", &t.super_),
        ("bytes", &t.bytes),
        ("complex", &t.complex),
    ] {
        add_builtin_value(vm, name, Value::Type(ty.clone()));
    }
    for &(kind, name, _) in crate::eval::ExcKind::ALL {
        add_builtin_value(vm, name, Value::Type(vm.exc_type(kind).clone()));
    }
    add_builtin_value(
        vm,
        "EnvironmentError",
        Value::Type(vm.exc_type(ExcKind::OSError).clone()),
    );
    add_builtin_value(
        vm,
        "IOError",
        Value::Type(vm.exc_type(ExcKind::OSError).clone()),
    );
    add_builtin_value(vm, "None", Value::None);
    add_builtin_value(vm, "Ellipsis", Value::Ellipsis);
    add_builtin_value(vm, "NotImplemented", Value::NotImplemented);
    add_builtin_value(vm, "__debug__", Value::Bool(true));
    add_builtin_value(vm, "__name__", Value::str("builtins"));
    add_builtin(vm, "print", print);
    add_builtin(vm, "len", builtin_len);
    add_builtin(vm, "repr", builtin_repr);
    add_builtin(vm, "ascii", builtin_ascii);
    add_builtin(vm, "isinstance", isinstance);
    add_builtin(vm, "issubclass", issubclass);
    add_builtin(vm, "hash", builtin_hash);
    add_builtin(vm, "id", id);
    add_builtin(vm, "iter", builtin_iter);
    add_builtin(vm, "next", builtin_next);
    add_builtin(vm, "getattr", builtin_getattr);
    add_builtin(vm, "setattr", builtin_setattr);
    add_builtin(vm, "hasattr", hasattr);
    add_builtin(vm, "delattr", builtin_delattr);
    add_builtin(vm, "callable", callable);
    add_builtin(vm, "abs", abs);
    add_builtin(vm, "enumerate", enumerate);
    add_builtin(vm, "zip", zip);
    add_builtin(vm, "map", map);
    add_builtin(vm, "filter", filter);
    add_builtin(vm, "reversed", reversed);
    add_builtin(vm, "sorted", sorted);
    add_builtin(vm, "min", min);
    add_builtin(vm, "max", max);
    add_builtin(vm, "sum", sum);
    add_builtin(vm, "any", any);
    add_builtin(vm, "all", all);
    add_builtin(vm, "chr", chr);
    add_builtin(vm, "ord", ord);
    add_builtin(vm, "vars", vars);
    add_builtin(vm, "dir", dir);
    add_builtin(vm, "format", builtin_format);
    add_builtin(vm, "input", input);
    add_builtin(vm, "open", open);
    add_builtin(vm, "globals", unsupported_introspection);
    add_builtin(vm, "locals", unsupported_introspection);
    add_builtin(vm, "exec", unsupported_exec);
    add_builtin(vm, "eval", unsupported_exec);
    add_builtin(vm, "compile", unsupported_exec);
    add_builtin(vm, "__import__", unsupported_exec);
    add_builtin(vm, "aiter", builtin_aiter);
    add_builtin(vm, "anext", super::awaitables::builtin_anext);
    add_builtin(vm, "exit", exit);
    add_builtin(vm, "quit", exit);
    super::numbers::install_functions(vm);
}

fn print(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let sep = match args.take_kw("sep") {
        None | Some(Value::None) => " ".to_owned(),
        Some(Value::Str(s)) => s.as_str().to_owned(),
        Some(v) => {
            return Err(vm.type_error(format!(
                "sep must be None or a string, not {}",
                type_name(vm, &v)
            )));
        }
    };
    let end = match args.take_kw("end") {
        None | Some(Value::None) => "\n".to_owned(),
        Some(Value::Str(s)) => s.as_str().to_owned(),
        Some(v) => {
            return Err(vm.type_error(format!(
                "end must be None or a string, not {}",
                type_name(vm, &v)
            )));
        }
    };
    let file = args.take_kw("file");
    let flush = args.take_kw("flush");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for print()")));
    }
    let file = match file {
        None | Some(Value::None) => super::sys::redirected_stdout(vm)?,
        Some(f) => Some(f),
    };
    let flush = match flush {
        Some(fl) => truthy(vm, &fl)?,
        None => false,
    };
    match file {
        // `sys.stdout = None`: CPython prints nothing.
        Some(Value::None) => {}
        Some(f) if f.downcast::<super::sys::StdStream>().is_none() => {
            // A file-like object of the program's: one `write` per
            // piece, as CPython's print makes them.
            for (i, v) in args.pos.iter().enumerate() {
                if i > 0 {
                    super::sys::write_to(vm, &f, &sep)?;
                }
                super::sys::write_to(vm, &f, &str_of(vm, v)?)?;
            }
            super::sys::write_to(vm, &f, &end)?;
            if flush {
                call_method_opt(vm, &f, Sym::new("flush"), Args::default())?;
            }
            return Ok(Value::None);
        }
        _ => {
            let mut out = String::new();
            for (i, v) in args.pos.iter().enumerate() {
                if i > 0 {
                    out.push_str(&sep);
                }
                out.push_str(&str_of(vm, v)?);
            }
            out.push_str(&end);
            match file {
                Some(f) => super::sys::write_to(vm, &f, &out)?,
                None => {
                    // CPython writes through sys.stdout's TextIOWrapper.write
                    // and its buffer's write: two checked builtin calls deep.
                    vm.check_depth(2, crate::eval::depth::IN_CALL)?;
                    vm.write_out(&out)
                }
            }
        }
    }
    if flush {
        vm.out.borrow_mut().flush();
    }
    Ok(Value::None)
}

fn builtin_len(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "len", 1, 1)?;
    Ok(Value::Int(len(vm, &args.pos[0])? as i64))
}

fn builtin_repr(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "repr", 1, 1)?;
    // A builtin CPython checks for recursion (METH_O).
    let _level = vm.enter_c(crate::eval::depth::IN_CALL)?;
    Ok(Value::string(repr(vm, &args.pos[0])?))
}

fn builtin_ascii(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "ascii", 1, 1)?;
    let _level = vm.enter_c(crate::eval::depth::IN_CALL)?;
    Ok(Value::string(super::repr::ascii(&repr(vm, &args.pos[0])?)))
}

/// `isinstance(obj, cls)` against one class (no tuple).
pub fn is_instance_of(vm: &Vm, obj: &Value, cls: &Rc<Type>) -> bool {
    vm.type_of(obj).is_subtype(cls) || crate::stdlib::abc::virtual_instance(vm, obj, cls)
}

fn class_check(
    vm: &Vm,
    cls: &Value,
    what: &str,
    test: &dyn Fn(&Rc<Type>) -> bool,
) -> PyResult<bool> {
    match cls {
        Value::Type(t) => Ok(test(t)),
        Value::Tuple(items) => {
            for c in items.items.iter() {
                if class_check(vm, c, what, test)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(vm.type_error(format!(
            "{what}() arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn isinstance(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "isinstance", 2, 2)?;
    let obj = &args.pos[0];
    super::unmodelled::check(vm, obj)?;
    let r = class_check(vm, &args.pos[1], "isinstance", &|t| {
        is_instance_of(vm, obj, t)
    })?;
    Ok(Value::Bool(r))
}

fn issubclass(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "issubclass", 2, 2)?;
    let Value::Type(sub) = &args.pos[0] else {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    };
    let r = class_check(vm, &args.pos[1], "issubclass", &|t| {
        sub.is_subtype(t) || crate::stdlib::abc::virtual_subclass(vm, sub, t)
    })?;
    Ok(Value::Bool(r))
}

fn builtin_hash(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "hash", 1, 1)?;
    Ok(Value::Int(hash_value(vm, &args.pos[0])?))
}

fn id(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "id", 1, 1)?;
    let v = &args.pos[0];
    Ok(Value::Int(match v.ptr() {
        Some(p) => p as i64,
        None => match v {
            Value::Int(i) => 0x7f00_0000_0000 + i.wrapping_mul(32),
            _ => 0x7e00_0000_0000,
        },
    }))
}

fn builtin_iter(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "iter", 1, 2)?;
    if args.pos.len() == 2 {
        return Ok(Value::native(CallableIter {
            func: args.pos[0].clone(),
            sentinel: args.pos[1].clone(),
            done: std::cell::Cell::new(false),
        }));
    }
    get_iter(vm, &args.pos[0])
}

/// `iter(callable, sentinel)`.
struct CallableIter {
    func: Value,
    sentinel: Value,
    done: std::cell::Cell<bool>,
}

impl NativeObject for CallableIter {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type("callable_iterator")
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn next(&self, vm: &Vm) -> Option<PyResult<Option<Value>>> {
        if self.done.get() {
            return Some(Ok(None));
        }
        Some((|| {
            let v = call(vm, &self.func, Args::default())?;
            if crate::eval::protocol::values_equal(vm, &v, &self.sentinel)? {
                self.done.set(true);
                return Ok(None);
            }
            Ok(Some(v))
        })())
    }
}

fn builtin_next(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "next", 1, 2)?;
    let it = &args.pos[0];
    let is_iter = match it {
        Value::Native(n) => n.is_iterator(),
        Value::Generator(g) => g.kind == crate::value::generator::GenKind::Generator,
        Value::Instance(_) => vm.type_of(it).lookup(known::__next__).is_some(),
        _ => false,
    };
    if !is_iter {
        return Err(vm.type_error(format!("'{}' object is not an iterator", type_name(vm, it))));
    }
    if let Value::Instance(_) = it {
        // Let StopIteration raised by __next__ propagate as it is.
        return match crate::eval::attr::call_method(vm, it, known::__next__, Args::default()) {
            Err(e) if args.pos.len() == 2 && vm.exc_is(&e, ExcKind::StopIteration) => {
                Ok(args.pos[1].clone())
            }
            r => r,
        };
    }
    let wrapped = it
        .downcast::<super::generator::CoroutineWrapper>()
        .map(|w| &w.coro);
    if let Some(g) = wrapped.or(match it {
        Value::Generator(g) => Some(g),
        _ => None,
    }) {
        g.awaited.set(true);
        return match crate::eval::suspend::gen_resume(
            vm,
            g,
            crate::eval::suspend::Resume::Send(Value::None),
        )? {
            crate::eval::suspend::Step::Yield(y) => Ok(y.into_value()),
            crate::eval::suspend::Step::Return(v) => match args.pos.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(v)),
            },
        };
    }
    match next_value(vm, it)? {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(vm.stop_iteration(Value::None)),
        },
    }
}

fn attr_name(vm: &Vm, v: &Value, func: &str) -> PyResult<Sym> {
    match v {
        Value::Str(s) => Ok(Sym::new(s.as_str())),
        _ => Err(vm.type_error(format!(
            "{func}(): attribute name must be string, not '{}'",
            type_name(vm, v)
        ))),
    }
}

fn builtin_getattr(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "getattr", 2, 3)?;
    let name = attr_name(vm, &args.pos[1], "getattr")?;
    match args.pos.get(2) {
        None => getattr(vm, &args.pos[0], name),
        Some(default) => match getattr_opt(vm, &args.pos[0], name) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => match super::missing::probed_attribute(vm, &args.pos[0], name) {
                Some(e) => Err(e),
                None => Ok(default.clone()),
            },
            Err(e) if vm.exc_is(&e, ExcKind::AttributeError) => Ok(default.clone()),
            Err(e) => Err(e),
        },
    }
}

fn builtin_setattr(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "setattr", 3, 3)?;
    let name = attr_name(vm, &args.pos[1], "setattr")?;
    setattr(vm, &args.pos[0], name, args.pos[2].clone())?;
    Ok(Value::None)
}

fn builtin_delattr(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "delattr", 2, 2)?;
    let name = attr_name(vm, &args.pos[1], "delattr")?;
    crate::eval::attr::delattr(vm, &args.pos[0], name)?;
    Ok(Value::None)
}

fn hasattr(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "hasattr", 2, 2)?;
    let name = attr_name(vm, &args.pos[1], "hasattr")?;
    match getattr_opt(vm, &args.pos[0], name) {
        Ok(None) => match super::missing::probed_attribute(vm, &args.pos[0], name) {
            Some(e) => Err(e),
            None => Ok(Value::Bool(false)),
        },
        Ok(v) => Ok(Value::Bool(v.is_some())),
        Err(e) if vm.exc_is(&e, ExcKind::AttributeError) => Ok(Value::Bool(false)),
        Err(e) => Err(e),
    }
}

fn callable(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "callable", 1, 1)?;
    let v = &args.pos[0];
    Ok(Value::Bool(match v {
        Value::Function(_) | Value::Builtin(_) | Value::BoundMethod(_) | Value::Type(_) => true,
        Value::Instance(_) => vm.type_of(v).lookup(known::__call__).is_some(),
        Value::Native(n) => vm.type_of(v).lookup(known::__call__).is_some() || n.is_callable(),
        _ => false,
    }))
}

fn abs(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "abs", 1, 1)?;
    let v = &args.pos[0];
    Ok(match v {
        Value::Int(i) => match i.checked_abs() {
            Some(a) => Value::Int(a),
            None => Value::from_bigint(num_bigint::BigInt::from(*i).magnitude().clone().into()),
        },
        Value::Bool(b) => Value::Int(*b as i64),
        Value::BigInt(b) => Value::from_bigint(num_traits::Signed::abs(&**b)),
        Value::Float(f) => Value::Float(f.abs()),
        _ => match call_method_opt(vm, v, known::__abs__, Args::default())? {
            Some(r) => r,
            None => {
                return Err(vm.type_error(format!(
                    "bad operand type for abs(): '{}'",
                    type_name(vm, v)
                )));
            }
        },
    })
}

/// A lazily mapped iterator: `enumerate`, `zip`, `map`, `filter`.
pub struct LazyIter {
    pub type_name: &'static str,
    pub state: std::cell::RefCell<LazyState>,
}

pub enum LazyState {
    Enumerate { it: PyIter, count: i64 },
    Zip { its: Vec<PyIter>, strict: bool },
    Map { func: Value, its: Vec<PyIter> },
    Filter { func: Value, it: PyIter },
    Done,
}

impl NativeObject for LazyIter {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        match self.type_name {
            "enumerate" => vm.native_type("enumerate"),
            name => vm.native_type(name),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn next(&self, vm: &Vm) -> Option<PyResult<Option<Value>>> {
        let mut state = std::mem::replace(&mut *self.state.borrow_mut(), LazyState::Done);
        let r = lazy_next(vm, &mut state);
        *self.state.borrow_mut() = state;
        Some(r)
    }
}

fn lazy_next(vm: &Vm, state: &mut LazyState) -> PyResult<Option<Value>> {
    match state {
        LazyState::Enumerate { it, count } => match it.next(vm)? {
            Some(v) => {
                let i = *count;
                *count += 1;
                Ok(Some(Value::tuple(vec![Value::Int(i), v])))
            }
            None => Ok(None),
        },
        LazyState::Zip { its, strict } => {
            if its.is_empty() {
                return Ok(None);
            }
            let mut items = Vec::with_capacity(its.len());
            for (i, it) in its.iter_mut().enumerate() {
                match it.next(vm)? {
                    Some(v) => items.push(v),
                    None => {
                        if *strict {
                            if i > 0 {
                                let plural = if i == 1 { " " } else { "s 1-" };
                                return Err(vm.value_error(format!(
                                    "zip() argument {} is shorter than argument{plural}{}",
                                    i + 1,
                                    i
                                )));
                            }
                            for (j, other) in its.iter_mut().enumerate().skip(1) {
                                if other.next(vm)?.is_some() {
                                    let plural = if j == 1 { " " } else { "s 1-" };
                                    return Err(vm.value_error(format!(
                                        "zip() argument {} is longer than argument{plural}{}",
                                        j + 1,
                                        j
                                    )));
                                }
                            }
                        }
                        *state = LazyState::Done;
                        return Ok(None);
                    }
                }
            }
            Ok(Some(Value::tuple(items)))
        }
        LazyState::Map { func, its } => {
            let mut items = Vec::with_capacity(its.len());
            for it in its.iter_mut() {
                match it.next(vm)? {
                    Some(v) => items.push(v),
                    None => return Ok(None),
                }
            }
            let func = func.clone();
            call(vm, &func, Args::new(items)).map(Some)
        }
        LazyState::Filter { func, it } => loop {
            let Some(v) = it.next(vm)? else {
                return Ok(None);
            };
            let keep = if func.is_none() {
                truthy(vm, &v)?
            } else {
                let r = call(vm, func, Args::new([v.clone()]))?;
                truthy(vm, &r)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
        LazyState::Done => Ok(None),
    }
}

fn lazy(type_name: &'static str, state: LazyState) -> Value {
    Value::native(LazyIter {
        type_name,
        state: std::cell::RefCell::new(state),
    })
}

fn enumerate(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let start = args.take_kw("start");
    check_args(vm, &args, "enumerate", 1, 2)?;
    let start = match start.or_else(|| args.pos.get(1).cloned()) {
        Some(s) => arg_int(vm, &s)?,
        None => 0,
    };
    let it = PyIter::new(vm, &args.pos[0])?;
    Ok(lazy("enumerate", LazyState::Enumerate { it, count: start }))
}

fn zip(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let strict = match args.take_kw("strict") {
        Some(v) => truthy(vm, &v)?,
        None => false,
    };
    check_args(vm, &args, "zip", 0, usize::MAX)?;
    let mut its = Vec::new();
    for (i, a) in args.pos.iter().enumerate() {
        match PyIter::new(vm, a) {
            Ok(it) => its.push(it),
            Err(e) if vm.exc_is(&e, ExcKind::TypeError) => {
                return Err(
                    vm.type_error(format!("zip argument #{} must support iteration", i + 1))
                );
            }
            Err(e) => return Err(e),
        }
    }
    Ok(lazy("zip", LazyState::Zip { its, strict }))
}

fn map(vm: &Vm, args: Args) -> PyResult<Value> {
    if args.pos.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let func = args.pos[0].clone();
    let mut its = Vec::new();
    for a in &args.pos[1..] {
        its.push(PyIter::new(vm, a)?);
    }
    Ok(lazy("map", LazyState::Map { func, its }))
}

fn filter(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "filter", 2, 2)?;
    let it = PyIter::new(vm, &args.pos[1])?;
    Ok(lazy(
        "filter",
        LazyState::Filter {
            func: args.pos[0].clone(),
            it,
        },
    ))
}

fn reversed(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "reversed", 1, 1)?;
    let v = &args.pos[0];
    let items = match v {
        Value::List(l) => l.items.borrow().iter().rev().cloned().collect::<Vec<_>>(),
        Value::Tuple(t) => t.items.iter().rev().cloned().collect(),
        Value::Str(s) => s
            .as_str()
            .chars()
            .rev()
            .map(super::str::char_value)
            .collect(),
        Value::Range(r) => {
            let n = r.len();
            return Ok(Value::native(IterObj {
                type_name: "range_iterator",
                it: std::cell::RefCell::new(PyIter::Range {
                    next: r.at(n - 1),
                    remaining: n,
                    step: -r.step,
                }),
            }));
        }
        Value::Dict(d) => d.keys().into_iter().rev().collect(),
        Value::Native(n) if n.as_any().is::<super::dict::DictView>() => {
            let mut items = collect(vm, v)?;
            items.reverse();
            items
        }
        Value::Instance(_) => {
            if let Some(r) = call_method_opt(vm, v, known::__reversed__, Args::default())? {
                return Ok(r);
            }
            let n = len(vm, v)?;
            vm.reserve_values(n)?;
            let mut out = Vec::with_capacity(n);
            for i in (0..n).rev() {
                out.push(super::subscript::getitem(vm, v, &Value::Int(i as i64))?);
            }
            out
        }
        _ => {
            if let Some(r) = call_method_opt(vm, v, known::__reversed__, Args::default())? {
                return Ok(r);
            }
            return Err(vm.type_error(format!("'{}' object is not reversible", type_name(vm, v))));
        }
    };
    let type_name = match v {
        Value::List(_) => "list_reverseiterator",
        _ => "reversed",
    };
    Ok(IterObj::value(
        vm,
        type_name,
        PyIter::Items(items.into_iter()),
    ))
}

fn sorted(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let key = args.take_kw("key");
    let reverse = args.take_kw("reverse");
    check_args(vm, &args, "sorted", 1, 1)?;
    let items = collect(vm, &args.pos[0])?;
    let list = Rc::new(crate::value::PyList::new(items));
    super::list::sort_list(vm, &list, key, reverse)?;
    Ok(Value::List(list))
}

fn min_max(vm: &Vm, mut args: Args, name: &str, want: crate::ast::CmpOp) -> PyResult<Value> {
    let key = args.take_kw("key").filter(|k| !k.is_none());
    let default = args.take_kw("default");
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()")));
    }
    let items = match args.pos.len() {
        0 => {
            return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
        }
        1 => collect(vm, &args.pos[0])?,
        _ => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            args.pos.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => call(vm, f, Args::new([item.clone()]))?,
            None => item.clone(),
        };
        best = Some(match best {
            None => (k, item),
            Some((bk, bv)) => {
                let better = crate::eval::ops::compare(vm, want, &k, &bk)?;
                if truthy(vm, &better)? {
                    (k, item)
                } else {
                    (bk, bv)
                }
            }
        });
    }
    match best {
        Some((_, v)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn min(vm: &Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "min", crate::ast::CmpOp::Lt)
}

fn max(vm: &Vm, args: Args) -> PyResult<Value> {
    min_max(vm, args, "max", crate::ast::CmpOp::Gt)
}

fn sum(vm: &Vm, mut args: Args) -> PyResult<Value> {
    let start_kw = args.take_kw("start");
    check_args(vm, &args, "sum", 1, 2)?;
    let mut acc = start_kw
        .or_else(|| args.pos.get(1).cloned())
        .unwrap_or(Value::Int(0));
    match acc {
        Value::Str(_) => {
            return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
        }
        Value::List(_) | Value::Tuple(_) if false => {}
        _ => {}
    }
    let mut it = PyIter::new(vm, &args.pos[0])?;
    while let Some(v) = it.next(vm)? {
        acc = crate::eval::ops::binary_op(vm, crate::ast::BinOp::Add, &acc, &v)?;
    }
    Ok(acc)
}

fn any(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "any", 1, 1)?;
    let mut it = PyIter::new(vm, &args.pos[0])?;
    while let Some(v) = it.next(vm)? {
        if truthy(vm, &v)? {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn all(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "all", 1, 1)?;
    let mut it = PyIter::new(vm, &args.pos[0])?;
    while let Some(v) = it.next(vm)? {
        if !truthy(vm, &v)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

fn chr(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "chr", 1, 1)?;
    let i = arg_int(vm, &args.pos[0])?;
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => Ok(super::str::char_value(c)),
        // CPython's str holds lone surrogates; apy's strings cannot.
        None if (0xD800..=0xDFFF).contains(&i) => {
            Err(vm.unsupported("lone surrogates (chr() of U+D800..U+DFFF)"))
        }
        None => Err(vm.value_error("chr() arg not in range(0x110000)")),
    }
}

fn ord(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "ord", 1, 1)?;
    match &args.pos[0] {
        Value::Str(s) => {
            let mut chars = s.as_str().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                ))),
            }
        }
        v => Err(vm.type_error(format!(
            "ord() expected string of length 1, but {} found",
            type_name(vm, v)
        ))),
    }
}

/// `dir()`, `locals()`, `vars()` and `globals()` without arguments: they
/// read the calling frame, so the evaluator calls them with it.
pub fn frame_builtin(vm: &Vm, f: &crate::eval::Frame, name: &str) -> Option<PyResult<Value>> {
    if !matches!(name, "dir" | "locals" | "vars" | "globals") {
        return None;
    }
    let module_level = f.code.is_none() && f.class_ns.is_none() && f.locals.is_empty();
    let mut pairs: Vec<(String, Value)> = Vec::new();
    if name == "globals" || module_level {
        let slots = f.globals.slots.borrow();
        for (i, n) in f.globals.names.borrow().iter().enumerate() {
            if let Some(v) = slots.get(i)
                && !matches!(v, Value::Unbound)
            {
                pairs.push((n.to_string(), v.clone()));
            }
        }
    } else if let Some(ns) = &f.class_ns {
        for (k, v) in ns.borrow().iter() {
            pairs.push((k.to_string(), v.clone()));
        }
    } else if let Some(code) = &f.code {
        for (i, n) in code.scope.local_names.iter().enumerate() {
            if let Some(v) = f.locals.get(i)
                && !matches!(v, Value::Unbound)
            {
                pairs.push((n.to_string(), v.clone()));
            }
        }
        for (i, n) in code.scope.cell_names.iter().enumerate() {
            if let Some(c) = f.cells.get(i) {
                let v = c.value.borrow().clone();
                if !matches!(v, Value::Unbound) {
                    pairs.push((n.to_string(), v));
                }
            }
        }
    }
    if name == "dir" {
        let mut names: Vec<String> = pairs.into_iter().map(|(k, _)| k).collect();
        names.sort();
        return Some(Ok(Value::list(
            names.into_iter().map(Value::string).collect(),
        )));
    }
    let d = crate::value::PyDict::new();
    for (k, v) in pairs {
        d.set_str(vm, &k, v);
    }
    Some(Ok(Value::Dict(Rc::new(d))))
}

fn vars(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "vars", 1, 1)?;
    match getattr_opt(vm, &args.pos[0], known::__dict__)? {
        Some(d) => Ok(d),
        None => match super::missing::probed_attribute(vm, &args.pos[0], known::__dict__) {
            Some(e) => Err(e),
            None => Err(vm.type_error("vars() argument must have __dict__ attribute")),
        },
    }
}

fn dir(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "dir", 1, 1)?;
    let names = super::dir::dir_names(vm, &args.pos[0])?;
    Ok(Value::list(names.into_iter().map(Value::string).collect()))
}

/// The sorted attribute names of `v` as apy has them (REPL completion;
/// `dir()` gives CPython's, see `dir.rs`).
pub fn attribute_names(vm: &Vm, v: &Value) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    match v {
        Value::Module(m) => names.extend(m.dict.borrow().keys().map(|k| k.to_string())),
        Value::Instance(i) => {
            names.extend(i.attr_names().iter().map(|k| k.to_string()));
            for t in i.class.mro_iter() {
                names.extend(t.dict.borrow().keys().map(|k| k.to_string()));
            }
        }
        _ => {
            for t in vm.type_of(v).mro_iter() {
                names.extend(t.dict.borrow().keys().map(|k| k.to_string()));
            }
        }
    }
    names.sort();
    names.dedup();
    names
}

fn builtin_format(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "format", 1, 2)?;
    let spec = match args.pos.get(1) {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        Some(v) => {
            return Err(vm.type_error(format!(
                "format() argument 2 must be str, not {}",
                type_name(vm, v)
            )));
        }
        None => String::new(),
    };
    Ok(Value::string(super::format::format_value(
        vm,
        &args.pos[0],
        &spec,
    )?))
}

/// What `input()` reads: set once by the command line before a program
/// runs (see [`set_stdin_use`]).
static STDIN_USE: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Where `input()` gets its lines from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum StdinUse {
    /// Nowhere (the REPL, whose input thread owns stdin; an embedding
    /// that said nothing): `input()` is `apy::unsupported`.
    None = 0,
    /// No input is left: the program came from stdin and CPython has read
    /// it to its end, or a doc block of `apy check` (which runs as a
    /// program without input). `input()` raises `EOFError`, as CPython's
    /// does.
    Exhausted = 1,
    /// A script (`apy FILE`, `apy -c`): `input()` reads the process's
    /// standard input, as CPython's does. Reading the program's own input
    /// is not file access.
    Read = 2,
}

/// Says where `input()` reads from, for the programs run from now on.
pub fn set_stdin_use(to: StdinUse) {
    STDIN_USE.store(to as u8, std::sync::atomic::Ordering::Relaxed);
}

fn input(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "input", 0, 1)?;
    let stdin_use = STDIN_USE.load(std::sync::atomic::Ordering::Relaxed);
    if stdin_use == StdinUse::None as u8 {
        return Err(
            vm.unsupported("input() here (only a script run as a file or with -c reads stdin)")
        );
    }
    let out = super::sys::redirected_stdout(vm)?;
    if let Some(p) = args.pos.first() {
        let prompt = str_of(vm, p)?;
        match &out {
            Some(Value::None) => {}
            Some(f) => super::sys::write_to(vm, f, &prompt)?,
            None => vm.write_out(&prompt),
        }
    }
    match &out {
        Some(f) if !f.is_none() => {
            call_method_opt(vm, f, Sym::new("flush"), Args::default())?;
        }
        _ => vm.out.borrow_mut().flush(),
    }
    let line = if stdin_use == StdinUse::Read as u8 {
        read_stdin_line(vm)?
    } else {
        Vec::new()
    };
    if line.is_empty() {
        return Err(vm.new_exc(ExcKind::EOFError, "EOF when reading a line"));
    }
    let line = line.strip_suffix(b"\n").unwrap_or(&line);
    match std::str::from_utf8(line) {
        Ok(s) => Ok(Value::str(s)),
        // CPython decodes with the locale's error handler
        // (`surrogateescape` under C.UTF-8, `strict` elsewhere).
        Err(_) => Err(vm.unsupported("input() of a line that is not UTF-8")),
    }
}

/// One line of the process's stdin, with its `\n` (empty at the end).
fn read_stdin_line(vm: &Vm) -> PyResult<Vec<u8>> {
    use std::io::BufRead;
    let mut line = Vec::new();
    match std::io::stdin().lock().read_until(b'\n', &mut line) {
        Ok(_) => Ok(line),
        Err(e) => Err(vm.new_exc(
            ExcKind::OSError,
            format!("[Errno {}] {e}", e.raw_os_error().unwrap_or(5)),
        )),
    }
}

/// `open()`: apy programs touch no file. CPython would open one, so
/// raising `OSError` instead would be a guess a program could catch.
fn open(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.unsupported("open() (apy programs have no file access)"))
}

fn unsupported_introspection(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.unsupported("globals()/locals()"))
}

fn unsupported_exec(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.unsupported("exec/eval/compile/__import__"))
}

fn builtin_aiter(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "aiter", 1, 1)?;
    crate::eval::suspend::aiter(vm, &args.pos[0])
}

fn exit(vm: &Vm, args: Args) -> PyResult<Value> {
    Err(vm.new_exc_args(ExcKind::SystemExit, args.pos.to_vec()))
}

/// `range(...)`.
pub fn make_range(vm: &Vm, args: &[Value]) -> PyResult<Value> {
    let ints: Vec<i64> = args
        .iter()
        .map(|a| arg_int(vm, a))
        .collect::<PyResult<_>>()?;
    let (start, stop, step) = match ints.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        [] => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        _ => {
            return Err(vm.type_error(format!(
                "range expected at most 3 arguments, got {}",
                ints.len()
            )));
        }
    };
    if step == 0 {
        return Err(vm.value_error("range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(PyRange { start, stop, step })))
}
