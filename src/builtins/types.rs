//! The builtin type objects (`int`, `list`, `BaseException`, ...), created
//! once per interpreter before anything runs.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::eval::class::c3_mro;
use crate::eval::exc::ExcKind;
use crate::value::Type;
use crate::value::object::{AttrMap, Layout};

macro_rules! builtin_types {
    ($( $field:ident : $name:literal ),* $(,)?) => {
        /// The builtin classes every value's type is one of (besides
        /// exceptions, user classes and Rust-implemented native objects).
        pub struct Types {
            pub object: Rc<Type>,
            pub type_: Rc<Type>,
            pub int: Rc<Type>,
            pub bool: Rc<Type>,
            $( pub $field: Rc<Type>, )*
        }

        fn create_types() -> Types {
            let object = make("object", vec![], Layout::Object);
            let type_ = make("type", vec![object.clone()], Layout::Builtin);
            let int = make("int", vec![object.clone()], Layout::Builtin);
            let bool = make("bool", vec![int.clone()], Layout::Builtin);
            Types {
                $( $field: make($name, vec![object.clone()], Layout::Builtin), )*
                object, type_, int, bool,
            }
        }
    };
}

builtin_types! {
    float: "float",
    complex: "complex",
    str: "str",
    bytes: "bytes",
    list: "list",
    tuple: "tuple",
    dict: "dict",
    set: "set",
    frozenset: "frozenset",
    range: "range",
    slice: "slice",
    none: "NoneType",
    not_implemented: "NotImplementedType",
    ellipsis: "ellipsis",
    function: "function",
    builtin_function: "builtin_function_or_method",
    method: "method",
    module: "module",
    generator: "generator",
    coroutine: "coroutine",
    async_generator: "async_generator",
    property: "property",
    classmethod: "classmethod",
    staticmethod: "staticmethod",
    super_: "super",
}

/// A builtin class with the given bases.
pub fn make(name: &str, bases: Vec<Rc<Type>>, layout: Layout) -> Rc<Type> {
    make_in("builtins", name, bases, layout)
}

/// A Rust-defined class of module `module` (e.g. `asyncio.exceptions`).
pub fn make_in(module: &str, name: &str, bases: Vec<Rc<Type>>, layout: Layout) -> Rc<Type> {
    // Builtin hierarchies are consistent by construction.
    let mro = c3_mro(&bases).unwrap_or_default();
    Rc::new(Type {
        name: name.to_owned(),
        qualname: name.to_owned(),
        module: module.to_owned(),
        bases,
        mro,
        dict: RefCell::new(AttrMap::default()),
        layout,
        is_builtin: true,
        version: Cell::new(0),
        cache: Default::default(),
    })
}

/// Creates the builtin types and the builtin exception classes (indexed by
/// [`ExcKind`]).
pub fn create() -> (Types, Vec<Rc<Type>>) {
    let types = create_types();
    let mut excs: Vec<Rc<Type>> = Vec::with_capacity(ExcKind::ALL.len());
    for &(kind, name, parent) in ExcKind::ALL {
        debug_assert_eq!(kind as usize, excs.len());
        let mut bases = match parent {
            Some(p) => vec![excs[p as usize].clone()],
            None => vec![types.object.clone()],
        };
        if kind == ExcKind::ExceptionGroup {
            bases.push(excs[ExcKind::Exception as usize].clone());
        }
        excs.push(make(name, bases, Layout::Exception));
    }
    (types, excs)
}
