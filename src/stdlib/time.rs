//! `time`: the clock functions (virtual under `--virtual-time`) and a
//! `sleep` that blocks the whole thread, event loop included, as CPython's.

use super::clock_of;
use crate::builtins::{add_module_fn, check_args, new_module};
use crate::eval::protocol::type_name;
use crate::eval::{Args, PyResult, Vm};
use crate::value::Value;

/// Creates the `time` module.
pub fn module(_vm: &Vm) -> Value {
    let m = new_module("time");
    add_module_fn(&m, "time", "time", time);
    add_module_fn(&m, "time", "monotonic", monotonic);
    add_module_fn(&m, "time", "perf_counter", monotonic);
    add_module_fn(&m, "time", "process_time", monotonic);
    add_module_fn(&m, "time", "time_ns", time_ns);
    add_module_fn(&m, "time", "monotonic_ns", monotonic_ns);
    add_module_fn(&m, "time", "perf_counter_ns", monotonic_ns);
    add_module_fn(&m, "time", "sleep", sleep);
    Value::Module(m)
}

fn time(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "time", 0, 0)?;
    Ok(Value::Float(clock_of(vm).wall()))
}

fn monotonic(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "monotonic", 0, 0)?;
    Ok(Value::Float(clock_of(vm).monotonic()))
}

fn time_ns(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int((clock_of(vm).wall() * 1e9) as i64))
}

fn monotonic_ns(vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int((clock_of(vm).monotonic() * 1e9).round() as i64))
}

fn sleep(vm: &Vm, args: Args) -> PyResult<Value> {
    check_args(vm, &args, "sleep", 1, 1)?;
    let secs = match &args.pos[0] {
        Value::Float(f) => *f,
        Value::Int(i) => *i as f64,
        Value::Bool(b) => *b as i64 as f64,
        Value::BigInt(_) => {
            return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
        }
        other => {
            return Err(vm.type_error(format!(
                "'{}' object cannot be interpreted as an integer or float",
                type_name(vm, other)
            )));
        }
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    vm.out.borrow_mut().flush_if_terminal();
    clock_of(vm).sleep(secs);
    Ok(Value::None)
}
