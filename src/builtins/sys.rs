//! The `sys` module, the standard streams, and the REPL's display hook.

use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

use super::{add_module_fn, arg_int, new_module};
use crate::eval::protocol::{repr, str_of, type_name};
use crate::eval::{Args, ExcKind, PyResult, Vm};
use crate::intern::Sym;
use crate::value::{NativeObject, Type, Value};

/// `sys.stdout` / `sys.stderr`.
pub struct StdStream {
    pub is_err: bool,
}

impl NativeObject for StdStream {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        let t = vm.native_type("TextIOWrapper");
        if t.dict.borrow().is_empty() {
            super::add_method(&t, "write", stream_write);
            super::add_method(&t, "flush", stream_flush);
        }
        t
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn repr(&self, _vm: &Vm) -> Option<PyResult<String>> {
        Some(Ok(if self.is_err {
            "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>".to_owned()
        } else {
            "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>".to_owned()
        }))
    }
}

fn stream_write(vm: &Vm, args: Args) -> PyResult<Value> {
    super::check_method_args(vm, &args, "write", 1, 1)?;
    let Value::Str(s) = &args.pos[1] else {
        return Err(vm.type_error(format!(
            "write() argument must be str, not {}",
            type_name(vm, &args.pos[1])
        )));
    };
    write_to(vm, &args.pos[0], s.as_str())?;
    Ok(Value::Int(s.char_len() as i64))
}

fn stream_flush(vm: &Vm, args: Args) -> PyResult<Value> {
    if let Some(StdStream { is_err: false }) = args.pos[0].downcast::<StdStream>() {
        vm.out.borrow_mut().flush();
    }
    Ok(Value::None)
}

thread_local! {
    /// An attribute of a module named `sys` has been set or deleted on
    /// this thread: `print` must look at `sys.stdout` (until then it
    /// cannot have been replaced, and the lookup is skipped).
    static STREAMS_CHANGED: Cell<bool> = const { Cell::new(false) };
}

/// Notes that an attribute of module `module` was set or deleted.
#[inline]
pub fn module_attr_changed(module: &str) {
    if module == "sys" {
        STREAMS_CHANGED.with(|c| c.set(true));
    }
}

/// `sys.stdout` if the program replaced it (`sys.stdout = obj`, even
/// `None`): `None` while it is apy's own stream, so that `print` writes
/// straight to the output.
pub fn redirected_stdout(vm: &Vm) -> PyResult<Option<Value>> {
    thread_local! {
        static STDOUT: Sym = Sym::new("stdout");
    }
    if !STREAMS_CHANGED.with(Cell::get) {
        return Ok(None);
    }
    let sys = match vm.modules.borrow().get("sys") {
        Some(Value::Module(sys)) => sys.clone(),
        _ => return Ok(None),
    };
    let stdout = STDOUT.with(|name| sys.dict.borrow().get(name).cloned());
    match stdout {
        Some(s) if matches!(s.downcast::<StdStream>(), Some(StdStream { is_err: false })) => {
            Ok(None)
        }
        Some(s) => Ok(Some(s)),
        None => Err(vm.new_exc(ExcKind::RuntimeError, "lost sys.stdout")),
    }
}

/// Writes to a file-like object (`print(file=...)`).
pub fn write_to(vm: &Vm, file: &Value, text: &str) -> PyResult<()> {
    if let Some(s) = file.downcast::<StdStream>() {
        if s.is_err {
            vm.write_err(text);
        } else {
            vm.write_out(text);
        }
        return Ok(());
    }
    crate::eval::attr::call_method(vm, file, Sym::new("write"), Args::new([Value::str(text)]))?;
    Ok(())
}

/// `sys.displayhook(value)`: the REPL's echo.
pub fn displayhook(vm: &Vm, v: Value) -> PyResult<()> {
    if v.is_none() {
        return Ok(());
    }
    let text = repr(vm, &v)?;
    vm.builtins.borrow_mut().insert(Sym::new("_"), v);
    vm.write_out(&text);
    vm.write_out("\n");
    Ok(())
}

/// Creates the `sys` module.
pub fn module(vm: &Vm) -> Value {
    let m = new_module("sys");
    let set = |name: &str, v: Value| {
        m.dict.borrow_mut().insert(Sym::new(name), v);
    };
    set(
        "argv",
        Value::list(vm.argv.borrow().iter().map(|a| Value::str(a)).collect()),
    );
    set("version", Value::str(crate::VERSION_STRING));
    set(
        "version_info",
        Value::tuple(vec![
            Value::Int(3),
            Value::Int(11),
            Value::Int(7),
            Value::str("final"),
            Value::Int(0),
        ]),
    );
    set("platform", Value::str("linux"));
    set("maxsize", Value::Int(i64::MAX));
    set("byteorder", Value::str("little"));
    set("stdout", Value::native(StdStream { is_err: false }));
    set("stderr", Value::native(StdStream { is_err: true }));
    set("__stdout__", Value::native(StdStream { is_err: false }));
    set("__stderr__", Value::native(StdStream { is_err: true }));
    add_module_fn(&m, "sys", "exit", exit);
    add_module_fn(&m, "sys", "getrecursionlimit", getrecursionlimit);
    add_module_fn(&m, "sys", "setrecursionlimit", setrecursionlimit);
    add_module_fn(&m, "sys", "exc_info", exc_info);
    add_module_fn(&m, "sys", "exception", exception);
    add_module_fn(&m, "sys", "getsizeof", getsizeof);
    add_module_fn(&m, "sys", "intern", intern);
    add_module_fn(&m, "sys", "get_int_max_str_digits", get_int_max_str_digits);
    Value::Module(m)
}

fn exit(vm: &Vm, args: Args) -> PyResult<Value> {
    Err(vm.new_exc_args(ExcKind::SystemExit, args.pos.to_vec()))
}

fn getrecursionlimit(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(vm.recursion_limit.get() as i64))
}

fn setrecursionlimit(vm: &Vm, args: Args) -> PyResult<Value> {
    super::check_args(vm, &args, "setrecursionlimit", 1, 1)?;
    let n = arg_int(vm, &args.pos[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    if n > i32::MAX as i64 {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    // CPython's depth here counts the module's frame and this call
    // (setrecursionlimit is a checked builtin).
    let depth = vm.depth.get() as i64 + 2;
    if depth >= n {
        return Err(vm.new_exc(
            crate::eval::ExcKind::RecursionError,
            format!(
                "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
            ),
        ));
    }
    // Any limit can be reached: the evaluator grows its stack on demand
    // (eval::depth), so deep recursion is bounded by memory.
    vm.recursion_limit.set(n as u32);
    Ok(Value::None)
}

fn exc_info(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(match vm.handling.borrow().last() {
        Some(e) => Value::tuple(vec![
            Value::Type(e.0.class.clone()),
            e.value(),
            super::frames::traceback_of(e),
        ]),
        None => Value::tuple(vec![Value::None, Value::None, Value::None]),
    })
}

fn exception(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(match vm.handling.borrow().last() {
        Some(e) => e.value(),
        None => Value::None,
    })
}

fn getsizeof(vm: &Vm, _args: Args) -> PyResult<Value> {
    Err(vm.unsupported("sys.getsizeof"))
}

fn intern(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(args.pos.first().cloned().unwrap_or(Value::None))
}

fn get_int_max_str_digits(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(super::repr::INT_MAX_STR_DIGITS as i64))
}

/// Keeps `str_of` available for stream helpers.
pub fn text_of(vm: &Vm, v: &Value) -> PyResult<String> {
    str_of(vm, v)
}
