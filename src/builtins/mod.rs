//! The builtins: the `builtins` namespace, the methods of the builtin
//! types (a file per type), and the modules apy provides (a file per
//! module). [`install`] fills a fresh interpreter.

use std::rc::Rc;

use crate::eval::{Args, ExcKind, Frame, PyResult, Vm};
use crate::intern::Sym;
use crate::value::func::NativeFn;
use crate::value::{BuiltinFunction, ModuleObj, Type, Value};

pub mod attrs;
pub mod awaitables;
pub mod bytes;
pub mod collections;
#[rustfmt::skip]
pub mod cpython_names;
pub mod descriptors;
pub mod dict;
pub mod dir;
pub mod exceptions;
pub mod format;
pub mod frames;
pub mod functions;
pub mod generator;
pub mod list;
pub mod missing;
pub mod numbers;
pub mod repr;
pub mod set;
pub mod str;
pub mod subscript;
pub mod suggest;
pub mod sys;
pub mod traceback;
pub mod types;
pub mod unmodelled;
pub mod warnings;

/// Installs every builtin into a fresh interpreter.
pub fn install(vm: &Vm) {
    functions::install(vm);
    numbers::install(vm);
    str::install(vm);
    list::install(vm);
    dict::install(vm);
    set::install(vm);
    descriptors::install(vm);
    exceptions::install(vm);
    generator::install(vm);
    attrs::install(vm);
    bytes::install(vm);
}

/// A builtin function value.
pub fn builtin_fn(name: &'static str, func: NativeFn) -> Value {
    Value::Builtin(Rc::new(BuiltinFunction {
        name,
        func,
        owner: None,
        module: None,
    }))
}

/// Adds `name` to the builtins namespace.
pub fn add_builtin(vm: &Vm, name: &'static str, func: NativeFn) {
    vm.builtins
        .borrow_mut()
        .insert(Sym::new(name), builtin_fn(name, func));
}

/// Adds a builtin value (a type, a constant) to the builtins namespace.
pub fn add_builtin_value(vm: &Vm, name: &str, v: Value) {
    vm.builtins.borrow_mut().insert(Sym::new(name), v);
}

/// Adds a method implemented in Rust to a type.
pub fn add_method(t: &Rc<Type>, name: &'static str, func: NativeFn) {
    let owner: &'static str = Box::leak(t.name.clone().into_boxed_str());
    t.dict.borrow_mut().insert(
        Sym::new(name),
        Value::Builtin(Rc::new(BuiltinFunction {
            name,
            func,
            owner: Some(owner),
            module: None,
        })),
    );
    crate::value::object::bump_type_epoch();
}

/// A module implemented in Rust.
pub fn new_module(name: &str) -> Rc<ModuleObj> {
    let m = ModuleObj {
        name: name.to_owned(),
        dict: Default::default(),
    };
    m.dict
        .borrow_mut()
        .insert(crate::intern::known::__name__, Value::str(name));
    Rc::new(m)
}

/// Adds a function to a module.
pub fn add_module_fn(m: &ModuleObj, module: &'static str, name: &'static str, func: NativeFn) {
    m.dict.borrow_mut().insert(
        Sym::new(name),
        Value::Builtin(Rc::new(BuiltinFunction {
            name,
            func,
            owner: None,
            module: Some(module),
        })),
    );
}

/// `import name`: the modules apy provides.
pub fn import_module(vm: &Vm, name: &str) -> PyResult<Value> {
    if let Some(m) = vm.modules.borrow().get(name) {
        return Ok(m.clone());
    }
    let module = match name {
        "sys" => sys::module(vm),
        _ => {
            if let Some(m) = crate::stdlib::create_module(vm, name)? {
                m
            } else {
                let e = vm.new_exc(
                    ExcKind::ModuleNotFoundError,
                    format!("No module named '{name}'"),
                );
                e.0.dict
                    .borrow_mut()
                    .insert(Sym::new("name"), Value::str(name));
                return Err(e);
            }
        }
    };
    vm.modules
        .borrow_mut()
        .insert(name.to_owned(), module.clone());
    Ok(module)
}

/// `from module import *`.
pub fn import_star(vm: &Vm, f: &mut Frame<'_>, m: &Value) -> PyResult<()> {
    let Value::Module(m) = m else {
        return Ok(());
    };
    let items: Vec<(Sym, Value)> = m
        .dict
        .borrow()
        .iter()
        .filter(|(k, _)| !k.as_str().starts_with('_'))
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    let _ = vm;
    for (k, v) in items {
        f.globals.set(k, v);
    }
    Ok(())
}

/// Calls a builtin type (`int("3")`, `list(x)`, ...).
pub fn construct_builtin(vm: &Vm, t: &Rc<Type>, args: Args) -> PyResult<Value> {
    if let Some(Value::Builtin(b)) = t.dict.borrow().get(&crate::intern::known::__new__).cloned() {
        let mut a = args;
        a.pos.insert(0, Value::Type(t.clone()));
        vm.check_builtin_call(&b)?;
        return (b.func)(vm, a);
    }
    Err(vm.type_error(format!("cannot create '{}' instances", t.name)))
}

/// Checks the positional argument count of a builtin; no keywords allowed.
pub fn check_args(vm: &Vm, args: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = args.pos.len();
    if n < min || n > max {
        let msg = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// Checks the argument count of a method (`self` excluded from the counts).
pub fn check_method_args(vm: &Vm, args: &Args, name: &str, min: usize, max: usize) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    let n = args.pos.len().saturating_sub(1);
    if n < min || n > max {
        let msg = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({n} given)"),
                1 => format!("{name}() takes exactly one argument ({n} given)"),
                _ => format!("{name} expected {min} arguments, got {n}"),
            }
        } else if n < min {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        };
        return Err(vm.type_error(msg));
    }
    Ok(())
}

/// An integer argument (bools count), with CPython's TypeError otherwise.
pub fn arg_int(vm: &Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        Value::Instance(_) => match crate::eval::attr::call_method_opt(
            vm,
            v,
            crate::intern::known::__index__,
            Args::default(),
        )? {
            Some(Value::Int(i)) => Ok(i),
            _ => Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                crate::eval::protocol::type_name(vm, v)
            ))),
        },
        _ => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            crate::eval::protocol::type_name(vm, v)
        ))),
    }
}
