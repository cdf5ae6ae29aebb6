//! The standard-library modules apy provides, implemented in Rust (a file
//! per module). Scripts can import only these.

use std::rc::Rc;

use crate::builtins::awaitables::{AwaitPlan, FutureOps};
use crate::eval::{Args, PyResult, Vm};
use crate::value::object::Layout;
use crate::value::{NativeObject, Type, Value};

pub mod abc;
pub mod collections;
pub mod functools;
pub mod itertools;
pub mod math;

/// Creates module `name`, or `None` if apy has no such module.
pub fn create_module(vm: &Vm, name: &str) -> PyResult<Option<Value>> {
    Ok(match name {
        "collections" => Some(collections::module(vm)),
        "functools" => Some(functools::module(vm)),
        "abc" => Some(abc::module(vm)),
        "math" => Some(math::module(vm)),
        "itertools" => Some(itertools::module(vm)),
        _ => None,
    })
}

/// Creates a module from Python source embedded in apy (`src/stdlib/py/`):
/// the source runs in a fresh namespace, whose names become the module's
/// attributes.
pub fn py_module(vm: &Vm, name: &str, source: &str) -> PyResult<Value> {
    let globals = Rc::new(crate::eval::Globals::default());
    globals.set(crate::intern::known::__name__, Value::str(name));
    let file = vm.add_source(&format!("<frozen {name}>"), Rc::from(source));
    let (module, _) = crate::run::compile(source, &globals, Default::default()).map_err(|e| {
        vm.new_exc(
            crate::eval::ExcKind::SystemError,
            format!("apy's built-in module {name} does not compile: {e:?}"),
        )
    })?;
    // Functions keep their own definitions alive (`Rc<FunctionDef>`).
    let mut frame = crate::eval::Frame::module(globals.clone(), file);
    match crate::eval::stmt::exec_block(vm, &mut frame, &module.body) {
        Ok(()) => {}
        Err(crate::eval::Flow::Exc(e)) => return Err(e),
        Err(_) => {}
    }
    let m = crate::builtins::new_module(name);
    {
        let slots = globals.slots.borrow();
        let mut dict = m.dict.borrow_mut();
        for (i, n) in globals.names.borrow().iter().enumerate() {
            if let Some(v) = slots.get(i) {
                if !matches!(v, Value::Unbound) {
                    dict.insert(*n, v.clone());
                }
            }
        }
    }
    Ok(Value::Module(m))
}

/// The asyncio future operations, once asyncio is implemented.
pub fn asyncio_future_ops() -> Option<FutureOps> {
    None
}

/// The await plan of asyncio's native awaitables.
pub fn native_await(_vm: &Vm, _n: &Rc<dyn NativeObject>) -> Option<PyResult<AwaitPlan>> {
    None
}

/// The class `module.name` of Rust-implemented objects, created on first
/// use (then `init` adds its methods) and cached under `key`.
pub fn module_type(vm: &Vm, key: &'static str, module: &str, name: &str, init: fn(&Vm, &Rc<Type>)) -> Rc<Type> {
    if let Some(t) = vm.native_types.borrow().get(key) {
        return t.clone();
    }
    let t = crate::builtins::types::make_in(module, name, vec![vm.types.object.clone()], Layout::Builtin);
    vm.native_types.borrow_mut().insert(key, t.clone());
    init(vm, &t);
    t
}

/// Adds `__iter__` (returning the object) and `__next__` to an iterator type.
pub fn add_iter_methods(t: &Rc<Type>) {
    crate::builtins::add_method(t, "__iter__", |_vm, args| Ok(args.pos.first().cloned().unwrap_or(Value::None)));
    crate::builtins::add_method(t, "__next__", |vm, args| {
        let it = args.pos.first().cloned().unwrap_or(Value::None);
        match crate::eval::iter::next_value(vm, &it)? {
            Some(v) => Ok(v),
            None => Err(vm.stop_iteration(Value::None)),
        }
    });
}

/// The parameters of a function implemented in Rust, for [`parse_args`].
pub struct Params<'a> {
    /// The function name used in messages (`accumulate`).
    pub name: &'a str,
    /// Positional-or-keyword parameters, in order.
    pub pos: &'a [&'a str],
    /// How many of `pos` are required.
    pub required: usize,
    /// Keyword-only parameters.
    pub kwonly: &'a [&'a str],
}

/// Binds `args` to `params` with the messages of CPython's argument
/// clinic: one slot per positional parameter, then one per keyword-only.
pub fn parse_args(vm: &Vm, args: Args, params: &Params) -> PyResult<Vec<Option<Value>>> {
    let name = params.name;
    let np = params.pos.len();
    let total = np + params.kwonly.len();
    let given = args.pos.len() + args.kw.len();
    if given > total {
        let s = if total == 1 { "" } else { "s" };
        return Err(vm.type_error(format!("{name}() takes at most {total} argument{s} ({given} given)")));
    }
    if args.pos.len() > np {
        let what = if params.kwonly.is_empty() { "" } else { " positional" };
        let s = if np == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "{name}() takes at most {np}{what} argument{s} ({} given)",
            args.pos.len()
        )));
    }
    let mut out: Vec<Option<Value>> = vec![None; np + params.kwonly.len()];
    for (i, v) in args.pos.into_iter().enumerate() {
        out[i] = Some(v);
    }
    for (k, v) in args.kw {
        let k = k.as_str();
        let slot = params
            .pos
            .iter()
            .position(|p| *p == k)
            .or_else(|| params.kwonly.iter().position(|p| *p == k).map(|i| i + np));
        match slot {
            Some(i) if out[i].is_some() => {
                return Err(vm.type_error(format!(
                    "argument for {name}() given by name ('{k}') and position ({})",
                    i + 1
                )));
            }
            Some(i) => out[i] = Some(v),
            None => {
                return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for {name}()")));
            }
        }
    }
    for (i, p) in params.pos.iter().enumerate().take(params.required) {
        if out[i].is_none() {
            return Err(vm.type_error(format!(
                "{name}() missing required argument '{p}' (pos {})",
                i + 1
            )));
        }
    }
    Ok(out)
}

/// Marks `v` as being repr'd (for `[...]`-style recursion markers); `None`
/// when it already is.
pub struct ReprGuard<'a>(&'a Vm);

impl<'a> ReprGuard<'a> {
    /// Enters the repr of `v`.
    pub fn enter(vm: &'a Vm, v: &Value) -> Option<ReprGuard<'a>> {
        let id = v.ptr()?;
        let mut stack = vm.repr_stack.borrow_mut();
        if stack.contains(&id) {
            return None;
        }
        stack.push(id);
        Some(ReprGuard(vm))
    }
}

impl Drop for ReprGuard<'_> {
    fn drop(&mut self) {
        self.0.repr_stack.borrow_mut().pop();
    }
}
