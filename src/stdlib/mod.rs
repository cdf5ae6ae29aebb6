//! The standard-library modules apy provides, implemented in Rust (a file
//! per module). Scripts can import only these.

use std::rc::Rc;

use crate::builtins::awaitables::{AwaitPlan, FutureOps};
use crate::eval::{PyResult, Vm};
use crate::value::{NativeObject, Value};

pub mod abc;
pub mod asyncio;
pub mod clock;
pub mod collections;
pub mod functools;
pub mod time;

/// Creates module `name`, or `None` if apy has no such module.
pub fn create_module(vm: &Vm, name: &str) -> PyResult<Option<Value>> {
    Ok(match name {
        "collections" => Some(collections::module(vm)),
        "functools" => Some(functools::module(vm)),
        "abc" => Some(abc::module(vm)),
        "asyncio" => Some(asyncio::module(vm)?),
        "time" => Some(time::module(vm)),
        _ => None,
    })
}

/// Creates a module from Python source embedded in apy (`src/stdlib/py/`):
/// the source runs in a fresh namespace, whose names become the module's
/// attributes.
pub fn py_module(vm: &Vm, name: &str, source: &str) -> PyResult<Value> {
    py_module_with(vm, name, source, Vec::new())
}

/// Like [`py_module`], with native names defined before the source runs.
pub fn py_module_with(vm: &Vm, name: &str, source: &str, native: Vec<(&str, Value)>) -> PyResult<Value> {
    let globals = Rc::new(crate::eval::Globals::default());
    globals.set(crate::intern::known::__name__, Value::str(name));
    for (k, v) in native {
        globals.set(crate::intern::Sym::new(k), v);
    }
    let file = vm.add_source(&format!("<frozen {name}>"), Rc::from(source));
    let module = compile_cached(vm, name, source, &globals)?;
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

/// Embedded modules by name and source address: the tree and the global
/// names its resolution created, in order.
type CompiledModules =
    rustc_hash::FxHashMap<(&'static str, usize), (Rc<crate::ast::Module>, Vec<crate::intern::Sym>)>;

thread_local! {
    /// Embedded modules already parsed and resolved on this thread, with
    /// the global names their resolution created (in order): interpreters
    /// created one after another (the sessions of `apy check`) share the
    /// tree instead of parsing the same source again. The tree holds no
    /// per-interpreter state; its global slots are indices into a module
    /// namespace laid out the same way each time.
    static COMPILED: std::cell::RefCell<CompiledModules> = Default::default();
}

/// Parses and resolves an embedded module's source against `globals`, or
/// reuses this thread's earlier result for the same source.
fn compile_cached(
    vm: &Vm,
    name: &str,
    source: &str,
    globals: &crate::eval::Globals,
) -> PyResult<Rc<crate::ast::Module>> {
    let key = (crate::intern::Sym::new(name).as_str(), source.as_ptr() as usize);
    let prefix: Vec<crate::intern::Sym> = globals.names.borrow().clone();
    let hit = COMPILED.with(|c| c.borrow().get(&key).cloned());
    if let Some((module, names)) = hit
        && names.starts_with(&prefix)
    {
        for n in &names[prefix.len()..] {
            globals.slot_for(*n);
        }
        return Ok(module);
    }
    let (module, _) = crate::run::compile(source, globals, Default::default()).map_err(|e| {
        vm.new_exc(
            crate::eval::ExcKind::SystemError,
            format!("apy's built-in module {name} does not compile: {e:?}"),
        )
    })?;
    let module = Rc::new(module);
    let names = globals.names.borrow().clone();
    COMPILED.with(|c| c.borrow_mut().insert(key, (module.clone(), names)));
    Ok(module)
}

/// The asyncio future operations the evaluator's `await` uses.
pub fn asyncio_future_ops() -> Option<FutureOps> {
    fn done(v: &Value) -> bool {
        asyncio::future::core_of(v).map(|c| c.done()).unwrap_or(true)
    }
    fn set_blocking(v: &Value, b: bool) {
        if let Some(c) = asyncio::future::core_of(v) {
            c.blocking.set(b);
        }
    }
    fn result(vm: &Vm, v: &Value) -> PyResult<Value> {
        match asyncio::future::core_of(v) {
            Some(c) => c.result(vm),
            None => Ok(Value::None),
        }
    }
    Some(FutureOps {
        done,
        set_blocking,
        result,
    })
}

/// The await plan of asyncio's native awaitables (futures and tasks).
pub fn native_await(_vm: &Vm, n: &Rc<dyn NativeObject>) -> Option<PyResult<AwaitPlan>> {
    let any = n.as_any();
    if any.is::<asyncio::future::FutureObj>() || any.is::<asyncio::task::TaskObj>() {
        return Some(Ok(AwaitPlan::Future(Value::Native(n.clone()))));
    }
    None
}

/// The interpreter's clock, created on first use (virtual with
/// `--virtual-time`).
pub fn clock_of(vm: &Vm) -> Rc<clock::Clock> {
    if let Some(c) = vm.extension::<clock::Clock>() {
        return c;
    }
    let c = Rc::new(clock::Clock::new(vm.virtual_time.get()));
    vm.set_extension(c.clone());
    c
}
