//! Data attributes of builtin objects (`f.__name__`, `x.real`, `C.__mro__`,
//! ...) and the methods of `object` that user classes inherit.

use std::rc::Rc;

use super::add_method;
use crate::eval::protocol::{repr, type_name};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::{Sym, known};
use crate::value::generator::GenKind;
use crate::value::{Function, NativeObject, Type, Value};

pub fn install(vm: &Vm) {
    let o = &vm.types.object;
    add_method(o, "__init__", object_init);
    add_method(o, "__repr__", object_repr);
    add_method(o, "__str__", object_str);
    add_method(o, "__eq__", object_eq);
    add_method(o, "__ne__", object_ne);
    add_method(o, "__hash__", object_hash);
    add_method(o, "__setattr__", object_setattr);
    add_method(o, "__getattribute__", object_getattribute);
    add_method(o, "__delattr__", object_delattr);
    add_method(o, "__format__", object_format);
    add_method(o, "__init_subclass__", object_init_subclass);
    add_method(o, "__reduce__", object_repr);
    add_method(o, "__dir__", object_repr);
    add_method(o, "__sizeof__", object_sizeof);
    let t = &vm.types.type_;
    add_method(t, "mro", type_mro);
}

fn object_init(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn object_init_subclass(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

fn object_repr(vm: &Vm, args: Args) -> PyResult<Value> {
    let v = &args.pos[0];
    let t = vm.type_of(v);
    Ok(Value::string(format!(
        "<{} object at {}>",
        super::repr::qualified(&t),
        super::repr::addr(v)
    )))
}

fn object_str(vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::string(repr(vm, &args.pos[0])?))
}

fn object_eq(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(if args.pos[0].is(&args.pos[1]) {
        Value::Bool(true)
    } else {
        Value::NotImplemented
    })
}

fn object_ne(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(if args.pos[0].is(&args.pos[1]) {
        Value::Bool(false)
    } else {
        Value::NotImplemented
    })
}

fn object_hash(_vm: &Vm, args: Args) -> PyResult<Value> {
    Ok(Value::Int((args.pos[0].ptr().unwrap_or(0) >> 4) as i64))
}

fn object_setattr(vm: &Vm, args: Args) -> PyResult<Value> {
    super::check_method_args(vm, &args, "__setattr__", 2, 2)?;
    let Value::Str(name) = &args.pos[1] else {
        return Err(vm.type_error("attribute name must be string"));
    };
    crate::eval::attr::object_setattr(
        vm,
        &args.pos[0],
        Sym::new(name.as_str()),
        args.pos[2].clone(),
    )?;
    Ok(Value::None)
}

fn object_delattr(vm: &Vm, args: Args) -> PyResult<Value> {
    super::check_method_args(vm, &args, "__delattr__", 1, 1)?;
    let Value::Str(name) = &args.pos[1] else {
        return Err(vm.type_error("attribute name must be string"));
    };
    let name = Sym::new(name.as_str());
    match &args.pos[0] {
        Value::Instance(inst) => {
            if inst.del_attr(name) {
                Ok(Value::None)
            } else {
                Err(crate::eval::attr::no_attribute(vm, &args.pos[0], name))
            }
        }
        other => Err(crate::eval::attr::no_attribute(vm, other, name)),
    }
}

fn object_getattribute(vm: &Vm, args: Args) -> PyResult<Value> {
    super::check_method_args(vm, &args, "__getattribute__", 1, 1)?;
    let Value::Str(name) = &args.pos[1] else {
        return Err(vm.type_error("attribute name must be string"));
    };
    let name = Sym::new(name.as_str());
    let obj = &args.pos[0];
    if let Value::Instance(inst) = obj {
        let class = inst.class.clone();
        let found = class.lookup(name);
        if let Some(f @ Value::Native(n)) = &found
            && n.is_data_descriptor()
        {
            return crate::eval::attr::descr_get(vm, f, Some(obj), &class);
        }
        if let Some(v) = inst.get_attr(name) {
            return Ok(v);
        }
        if let Some(v) = super::exceptions::exc_attr(vm, inst, name)? {
            return Ok(v);
        }
        if let Some(f) = found {
            return crate::eval::attr::descr_get(vm, &f, Some(obj), &class);
        }
        return Err(super::missing::missing_attribute(vm, obj, name));
    }
    crate::eval::attr::getattr(vm, obj, name)
}

fn object_format(vm: &Vm, args: Args) -> PyResult<Value> {
    let spec = match args.pos.get(1) {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => String::new(),
    };
    if !spec.is_empty() {
        return Err(vm.type_error(format!(
            "unsupported format string passed to {}.__format__",
            type_name(vm, &args.pos[0])
        )));
    }
    Ok(Value::string(crate::eval::protocol::str_of(
        vm,
        &args.pos[0],
    )?))
}

fn object_sizeof(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::Int(16))
}

fn type_mro(vm: &Vm, args: Args) -> PyResult<Value> {
    match args.pos.first() {
        Some(Value::Type(t)) => Ok(Value::list(
            t.mro_iter().map(|t| Value::Type(t.clone())).collect(),
        )),
        _ => Err(vm.type_error("descriptor 'mro' requires a 'type' object")),
    }
}

/// Attributes of builtin values that are not methods.
pub fn special_attr(vm: &Vm, obj: &Value, name: Sym) -> PyResult<Option<Value>> {
    let n = name.as_str();
    if name == known::__class__ {
        return Ok(Some(Value::Type(vm.type_of(obj))));
    }
    Ok(match obj {
        Value::Function(f) => function_attr(vm, f, name),
        Value::Builtin(b) => match n {
            "__name__" | "__qualname__" => Some(Value::str(b.name)),
            "__module__" => Some(b.module.map(Value::str).unwrap_or(Value::str("builtins"))),
            "__doc__" => Some(Value::None),
            _ => None,
        },
        Value::BoundMethod(m) => match n {
            "__self__" => Some(m.receiver.clone()),
            "__func__" => Some(m.func.clone()),
            _ => crate::eval::attr::getattr_opt(vm, &m.func, name)?,
        },
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => match n {
            "real" | "numerator" => Some(match obj {
                Value::Bool(b) => Value::Int(*b as i64),
                v => v.clone(),
            }),
            "imag" => Some(Value::Int(0)),
            "denominator" => Some(Value::Int(1)),
            _ => None,
        },
        Value::Float(f) => match n {
            "real" => Some(Value::Float(*f)),
            "imag" => Some(Value::Float(0.0)),
            _ => None,
        },
        Value::Slice(s) => match n {
            "start" => Some(s.start.clone()),
            "stop" => Some(s.stop.clone()),
            "step" => Some(s.step.clone()),
            _ => None,
        },
        Value::Range(r) => match n {
            "start" => Some(Value::Int(r.start)),
            "stop" => Some(Value::Int(r.stop)),
            "step" => Some(Value::Int(r.step)),
            _ => None,
        },
        Value::Generator(g) => match n {
            "__name__" => Some(Value::str(&g.names.name)),
            "__qualname__" => Some(Value::str(&g.names.qualname)),
            "gi_running" | "cr_running" | "ag_running" => Some(Value::Bool(g.running.get())),
            "gi_frame" | "cr_frame" | "ag_frame" => Some(if g.finished.get() {
                Value::None
            } else {
                Value::native(super::frames::FrameObj)
            }),
            "cr_await" | "gi_yieldfrom" | "ag_await" => Some(Value::None),
            "gi_suspended" | "cr_suspended" => Some(Value::Bool(
                g.started.get() && !g.finished.get() && !g.running.get(),
            )),
            "__class__" => Some(Value::Type(g.py_type(vm))),
            _ => {
                let _ = GenKind::Generator;
                None
            }
        },
        Value::Module(m) => m.dict.borrow().get(&name).cloned(),
        Value::Native(nobj) => match nobj.getattr(vm, name) {
            Some(r) => Some(r?),
            None => None,
        },
        _ => None,
    })
}

fn function_attr(vm: &Vm, f: &Rc<Function>, name: Sym) -> Option<Value> {
    if let Some(v) = f.dict.borrow().get(&name) {
        return Some(v.clone());
    }
    Some(match name.as_str() {
        "__name__" => Value::str(&f.names.borrow().name),
        "__qualname__" => Value::str(&f.names.borrow().qualname),
        "__doc__" => doc_of(&f.def.body),
        "__defaults__" => {
            if f.defaults.is_empty() {
                Value::None
            } else {
                Value::tuple(f.defaults.clone())
            }
        }
        "__kwdefaults__" => {
            let pairs: Vec<(Value, Value)> = f
                .def
                .params
                .kwonly
                .iter()
                .zip(&f.kwdefaults)
                .filter(|(_, d)| !matches!(d, Value::Unbound))
                .map(|(p, d)| (Value::str(p.name.as_str()), d.clone()))
                .collect();
            if pairs.is_empty() {
                Value::None
            } else {
                let d = crate::value::PyDict::new();
                for (k, v) in pairs {
                    let _ = d.set(vm, k, v);
                }
                Value::Dict(Rc::new(d))
            }
        }
        "__dict__" => super::dict::from_attrs(vm, &f.dict.borrow()),
        "__annotations__" => {
            // Created on first use and kept, as CPython's.
            let mut dict = f.dict.borrow_mut();
            dict.entry(crate::intern::known::__annotations__)
                .or_insert_with(|| Value::Dict(Rc::new(crate::value::PyDict::new())))
                .clone()
        }
        "__code__" | "__globals__" | "__closure__" => return None,
        _ => return None,
    })
}

/// The docstring of a body: its first statement if it is a string literal.
pub fn doc_of(body: &[crate::ast::Stmt]) -> Value {
    if let Some(crate::ast::Stmt {
        kind: crate::ast::StmtKind::Expr(e),
        ..
    }) = body.first()
        && let crate::ast::ExprKind::Constant(crate::ast::Constant::Str(s)) = &e.kind
    {
        return Value::str(s);
    }
    Value::None
}

/// `f.name = value` for functions: `__name__`/`__qualname__` change the
/// function's names, others go to its `__dict__`.
pub fn set_function_attr(f: &Function, name: Sym, value: Value) {
    match (name.as_str(), &value) {
        ("__name__", Value::Str(s)) => f.set_name(Rc::from(s.as_str())),
        ("__qualname__", Value::Str(s)) => f.set_qualname(Rc::from(s.as_str())),
        _ => {
            f.dict.borrow_mut().insert(name, value);
        }
    }
}

/// Attributes of class objects that are not in their namespace.
pub fn type_special_attr(vm: &Vm, t: &Rc<Type>, name: Sym) -> PyResult<Option<Value>> {
    Ok(Some(match name.as_str() {
        // Rust-implemented classes carry CPython's dotted C name
        // (`itertools.count`, used in error messages); `__name__` is the
        // part after the module.
        "__name__" => Value::str(if t.is_builtin {
            t.name.rsplit('.').next().unwrap_or(&t.name)
        } else {
            &t.name
        }),
        "__qualname__" => Value::str(&t.qualname),
        "__module__" => Value::str(&t.module),
        "__mro__" => Value::tuple(t.mro_iter().map(|t| Value::Type(t.clone())).collect()),
        "__bases__" => Value::tuple(t.bases.iter().map(|t| Value::Type(t.clone())).collect()),
        "__base__" => t
            .bases
            .first()
            .map(|b| Value::Type(b.clone()))
            .unwrap_or(Value::None),
        // CPython lists a member descriptor per slot, which apy lacks; a
        // class of apy's Python-source modules holds apy's own helpers,
        // and an enum's is built by CPython's EnumType, which apy's enum
        // imitates without its dict. apy's own modules may read them.
        "__dict__"
            if !t.is_builtin
                && (crate::eval::class::has_member_slots(t)
                    || !super::dir::is_program_class(t)
                    || t.mro_iter().any(|c| c.module == "enum"))
                && !super::missing::running_own_module(vm) =>
        {
            let what = if crate::eval::class::has_member_slots(t) {
                format!("'{}' with __slots__", t.name)
            } else {
                format!("'{}.{}'", t.module, t.qualname)
            };
            return Err(vm.unsupported(format!("the __dict__ of the class {what}")));
        }
        "__dict__" => super::dict::from_attrs(vm, &t.dict.borrow()),
        // A class made by a class statement has its own `__doc__`; a
        // Rust-implemented type's docstring is CPython's C text.
        "__doc__" => {
            return Err(vm.unsupported(format!("the docstring of the builtin type '{}'", t.name)));
        }
        "__class__" => Value::Type(vm.types.type_.clone()),
        "__subclasses__" => return Ok(None),
        _ => {
            // Methods of `type` itself (`C.mro()`).
            if let Some(f) = vm.types.type_.dict.borrow().get(&name).cloned() {
                return crate::eval::attr::descr_get(
                    vm,
                    &f,
                    Some(&Value::Type(t.clone())),
                    &vm.types.type_,
                )
                .map(Some);
            }
            return Ok(None);
        }
    }))
}

/// `list[int]`, `dict[str, int]`: a generic alias, which prints as
/// `list[int]` and otherwise behaves like the class.
pub fn generic_alias(vm: &Vm, origin: &Value, args: &Value) -> Value {
    Value::native(GenericAlias {
        origin: origin.clone(),
        args: args.clone(),
    })
    .tap(vm)
}

trait Tap {
    fn tap(self, vm: &Vm) -> Self;
}

impl Tap for Value {
    fn tap(self, _vm: &Vm) -> Self {
        self
    }
}

/// `types.GenericAlias`.
pub struct GenericAlias {
    pub origin: Value,
    pub args: Value,
}

impl NativeObject for GenericAlias {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type("types.GenericAlias")
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        Some((|| {
            let name = |v: &Value| -> PyResult<String> {
                Ok(match v {
                    Value::Type(t) => {
                        if t.module == "builtins" {
                            t.qualname.clone()
                        } else {
                            format!("{}.{}", t.module, t.qualname)
                        }
                    }
                    Value::Ellipsis => "...".to_owned(),
                    other => repr(vm, other)?,
                })
            };
            let args = match &self.args {
                Value::Tuple(t) => t
                    .items
                    .iter()
                    .map(name)
                    .collect::<PyResult<Vec<_>>>()?
                    .join(", "),
                other => name(other)?,
            };
            Ok(format!("{}[{args}]", name(&self.origin)?))
        })())
    }
    fn is_callable(&self) -> bool {
        true
    }
    fn call(&self, vm: &Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(crate::eval::call::call(vm, &self.origin, args))
    }
}
