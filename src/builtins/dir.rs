//! `dir(obj)`: the sorted attribute names CPython 3.11 shows, or
//! `apy::unsupported` where apy cannot know them.
//!
//! A class written in the program lists its own `__dict__` and its bases';
//! a builtin type, and a class of apy's own Python-source modules (whose
//! definitions differ from CPython's in helpers), lists what CPython's
//! `dir()` shows for the type of that name (`cpython_names::TYPES`), and a
//! module of the standard library what CPython's module holds
//! (`cpython_names::MODULES`).

use std::rc::Rc;

use super::cpython_names::{MODULES, TYPES};
use super::missing::lookup as table;
use crate::eval::{PyResult, Vm};
use crate::value::{Type, Value};

/// `dir(obj)`.
pub fn dir_names(vm: &Vm, obj: &Value) -> PyResult<Vec<String>> {
    let mut names: Vec<String> = Vec::new();
    match obj {
        Value::Module(m) if m.name == "__main__" => {
            names.extend(m.dict.borrow().keys().map(|k| k.to_string()))
        }
        Value::Module(m) => match table(MODULES, &m.name) {
            Some(t) => names.extend(t.iter().map(|n| n.to_string())),
            None => return Err(vm.unsupported(format!("dir() of the module '{}'", m.name))),
        },
        Value::Type(t) => type_names(vm, t, &mut names)?,
        Value::Instance(inst) => {
            names.extend(inst.attr_names().iter().map(|k| k.to_string()));
            type_names(vm, &inst.class, &mut names)?;
        }
        _ => type_names(vm, &vm.type_of(obj), &mut names)?,
    }
    names.sort();
    names.dedup();
    Ok(names)
}

/// The names `dir()` shows for class `t`: each class of its MRO adds its
/// `__dict__`'s keys (metaclass attributes are not listed); CPython's list
/// for a type covers its bases too.
fn type_names(vm: &Vm, t: &Rc<Type>, names: &mut Vec<String>) -> PyResult<()> {
    let mut listed: Vec<&Rc<Type>> = Vec::new();
    for c in t.mro_iter() {
        if is_program_class(c) {
            if crate::eval::class::has_member_slots(c) {
                return Err(
                    vm.unsupported(format!("dir() of the class '{}' with __slots__", c.name))
                );
            }
            names.extend(c.dict.borrow().keys().map(|k| k.to_string()));
            continue;
        }
        if listed
            .iter()
            .any(|l| l.mro.iter().any(|b| Rc::ptr_eq(b, c)))
        {
            continue;
        }
        match table(TYPES, c.name.rsplit('.').next().unwrap_or(&c.name)) {
            Some(known) => names.extend(known.iter().map(|n| n.to_string())),
            None => {
                return Err(vm.unsupported(format!("dir() of the type '{}'", c.name)));
            }
        }
        listed.push(c);
    }
    Ok(())
}

/// A class defined by the program itself (not a builtin type, nor a class
/// of one of apy's Python-source standard modules).
pub fn is_program_class(c: &Type) -> bool {
    !c.is_builtin && c.module == "__main__"
}
