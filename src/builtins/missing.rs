//! Names apy lacks but CPython has. A `NameError` or `AttributeError`
//! for such a name would be a guess (CPython prints something else), and
//! many of them reach the host (`sys.modules`, `sys._getframe`,
//! `function.__globals__`, `object.__subclasses__()`, `time.localtime`):
//! so they stop the program with `apy::unsupported`, naming the name. The
//! tables of what CPython has are generated from CPython
//! ([`super::cpython_names`]).

use super::cpython_names::{BUILTINS, MODULE_TYPE, MODULES, TYPES};
use crate::eval::{Exc, Vm};
use crate::intern::Sym;
use crate::value::{Type, Value};

/// The error for a global name found neither in the module nor in the
/// builtins: `apy::unsupported` if it is one of CPython's builtins (or a
/// global every `__main__` has), CPython's `NameError` otherwise.
pub fn missing_name(vm: &Vm, name: Sym) -> Exc {
    if BUILTINS.binary_search(&name.as_str()).is_ok() {
        return vm.unsupported(format!("the builtin '{name}'"));
    }
    vm.name_error(name.as_str())
}

/// The error for an attribute `getattr` did not find: `apy::unsupported`
/// if CPython's object has it, CPython's `AttributeError` otherwise.
pub fn missing_attribute(vm: &Vm, obj: &Value, name: Sym) -> Exc {
    match probed_attribute(vm, obj, name) {
        Some(e) => e,
        None => crate::eval::attr::no_attribute(vm, obj, name),
    }
}

/// For `obj.name`, `hasattr` and `getattr` with a default, whose answer
/// would otherwise be a guess: `Some(apy::unsupported)` if CPython's `obj`
/// has attribute `name`, which apy did not find. apy's own Python modules
/// (`<frozen ...>`) probe for what apy has, on purpose: not for them.
pub fn probed_attribute(vm: &Vm, obj: &Value, name: Sym) -> Option<Exc> {
    if running_own_module(vm) {
        return None;
    }
    unsupported_attribute(vm, obj, name)
}

/// Is the code running one of apy's own Python modules (`<frozen ...>`),
/// which may see apy's objects as they are?
pub fn running_own_module(vm: &Vm) -> bool {
    let (file, _) = vm.position.get();
    vm.sources
        .borrow()
        .get(file as usize)
        .is_some_and(|s| s.name.starts_with("<frozen "))
}

/// `Some(apy::unsupported)` if CPython's `obj` has attribute `name`.
pub fn unsupported_attribute(vm: &Vm, obj: &Value, name: Sym) -> Option<Exc> {
    let n = name.as_str();
    let owner = match obj {
        Value::Module(m) => {
            let known = lookup(MODULES, &m.name)?;
            if !has(known, n) && !has(MODULE_TYPE, n) {
                return None;
            }
            m.name.clone()
        }
        Value::Type(t) => {
            // CPython's class holds a member descriptor for each slot.
            if let Some(c) = crate::eval::class::slot_class_of(t, n) {
                return Some(vm.unsupported(format!("the slot member descriptor '{c}.{n}'")));
            }
            let own = builtin_types(t).find(|b| type_has(b, n));
            match own {
                Some(b) => b.name.clone(),
                None if type_has(&vm.types.type_, n) => t.name.clone(),
                None => return None,
            }
        }
        Value::Instance(i) => builtin_types(&i.class)
            .find(|b| type_has(b, n))?
            .name
            .clone(),
        _ => {
            let t = vm.type_of(obj);
            builtin_types(&t).find(|b| type_has(b, n))?;
            t.name.clone()
        }
    };
    Some(vm.unsupported(format!("the attribute '{owner}.{name}'")))
}

/// `t` and its bases that are builtin types, in MRO order.
fn builtin_types(t: &Type) -> impl Iterator<Item = &Type> {
    std::iter::once(t)
        .chain(t.mro.iter().map(|b| &**b))
        .filter(|b| b.is_builtin)
}

/// Does CPython's builtin type named like `t` have attribute `name`?
fn type_has(t: &Type, name: &str) -> bool {
    lookup(TYPES, &t.name).is_some_and(|names| has(names, name))
}

/// `table`'s entry for `key` (the tables are sorted by key).
pub(super) fn lookup(
    table: &'static [(&'static str, &'static [&'static str])],
    key: &str,
) -> Option<&'static [&'static str]> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|i| table[i].1)
}

fn has(names: &[&str], name: &str) -> bool {
    names.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        assert!(BUILTINS.is_sorted());
        assert!(MODULE_TYPE.is_sorted());
        for table in [MODULES, TYPES] {
            assert!(table.is_sorted_by_key(|(k, _)| *k));
            assert!(table.iter().all(|(_, names)| names.is_sorted()));
        }
    }
}
