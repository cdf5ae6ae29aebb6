//! Types of dicts with a flavor (`defaultdict`, `Counter`, `OrderedDict`).

use std::rc::Rc;

use crate::eval::Vm;
use crate::value::dict::DictFlavor;
use crate::value::{PyDict, Type};

/// `type(d)` for a dict, by flavor.
pub fn dict_type(vm: &Vm, d: &PyDict) -> Rc<Type> {
    match &*d.flavor.borrow() {
        DictFlavor::Plain => vm.types.dict.clone(),
        DictFlavor::DefaultDict(_) => crate::stdlib::collections::flavor_type(vm, "defaultdict"),
        DictFlavor::Counter => crate::stdlib::collections::flavor_type(vm, "Counter"),
        DictFlavor::OrderedDict => crate::stdlib::collections::flavor_type(vm, "OrderedDict"),
    }
}
