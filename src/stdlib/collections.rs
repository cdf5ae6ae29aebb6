//! `collections`: `defaultdict`, `Counter`, `OrderedDict` (dicts with a
//! flavor), `deque` and `namedtuple`.

use std::rc::Rc;

use crate::builtins::new_module;
use crate::eval::{PyResult, Vm};
use crate::value::{PyDict, Type, Value};

/// The class object of a dict flavor.
pub fn flavor_type(vm: &Vm, name: &'static str) -> Rc<Type> {
    vm.native_type(name)
}

/// `Counter.most_common()` order: by count descending, ties in insertion order.
pub fn counter_most_common(_vm: &Vm, d: &PyDict) -> PyResult<Vec<(Value, Value)>> {
    let mut items = d.items();
    items.sort_by(|a, b| {
        let ka = match &a.1 { Value::Int(i) => *i, _ => 0 };
        let kb = match &b.1 { Value::Int(i) => *i, _ => 0 };
        kb.cmp(&ka)
    });
    Ok(items)
}

/// `Counter.update(src)` (sign 1) / `subtract` (sign -1).
pub fn counter_update(vm: &Vm, d: &PyDict, src: &Value, sign: i64) -> PyResult<()> {
    let _ = (vm, d, src, sign);
    Err(vm.unsupported("Counter.update"))
}

/// Creates the `collections` module.
pub fn module(_vm: &Vm) -> Value {
    Value::Module(new_module("collections"))
}
