//! The loop's exception handlers: `call_exception_handler` (the program's
//! handler, else the default one) and `default_exception_handler` (the
//! report on stderr), as CPython's `BaseEventLoop`.

use std::rc::Rc;

use super::event_loop::EventLoop;
use crate::eval::{Args, PyResult, Vm};
use crate::value::Value;

/// `loop.call_exception_handler(context)`: the handler set by
/// `set_exception_handler`, else the default one. As in CPython, an error
/// in the custom handler is reported by the default handler ("Unhandled
/// error in exception handler"), except SystemExit and KeyboardInterrupt
/// (and apy's uncatchable stops), which propagate.
pub fn call_exception_handler(vm: &Vm, lp: &Rc<EventLoop>, context: Value) -> PyResult<()> {
    let handler = lp.exception_handler.borrow().clone();
    if handler.is_none() {
        return default_exception_handler(vm, &context);
    }
    match crate::eval::call::call(
        vm,
        &handler,
        Args::new([super::methods::loop_value(lp), context.clone()]),
    ) {
        Ok(_) => Ok(()),
        Err(e) if e.is_uncatchable() || super::future::is_fatal(vm, &e) => Err(e),
        Err(e) => {
            let d = crate::value::PyDict::new();
            d.set(
                vm,
                Value::str("message"),
                Value::str("Unhandled error in exception handler"),
            )?;
            d.set(vm, Value::str("exception"), e.value())?;
            d.set(vm, Value::str("context"), context)?;
            default_exception_handler(vm, &Value::Dict(Rc::new(d)))
        }
    }
}

/// `loop.default_exception_handler(context)`: the message, the other keys
/// of `context` sorted as `key: repr`, then the exception's traceback, on
/// stderr.
pub fn default_exception_handler(vm: &Vm, context: &Value) -> PyResult<()> {
    let Value::Dict(d) = context else {
        return Ok(());
    };
    let message = d
        .get(vm, &Value::str("message"))?
        .map(|m| crate::eval::protocol::str_of(vm, &m))
        .transpose()?
        .unwrap_or_else(|| "Unhandled exception in event loop".to_owned());
    let mut lines = Vec::new();
    let mut keys: Vec<String> = d
        .keys()
        .iter()
        .filter_map(|k| k.as_str().map(str::to_owned))
        .collect();
    keys.sort();
    for k in keys {
        if k == "message" || k == "exception" {
            continue;
        }
        if let Some(v) = d.get(vm, &Value::str(&k))? {
            lines.push(format!("{k}: {}", crate::eval::protocol::repr(vm, &v)?));
        }
    }
    let context_text = if lines.is_empty() {
        None
    } else {
        Some(lines.join("\n"))
    };
    match d.get(vm, &Value::str("exception"))? {
        Some(Value::Instance(e)) if e.exc().is_some() => {
            super::report_exception(vm, &message, &crate::eval::Exc(e), context_text);
        }
        _ => {
            let mut text = message;
            if let Some(c) = context_text {
                text.push('\n');
                text.push_str(&c);
            }
            text.push('\n');
            vm.write_err(&text);
        }
    }
    Ok(())
}
