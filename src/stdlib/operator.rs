//! `operator`: the operators as functions, and `itemgetter`,
//! `attrgetter`, `methodcaller`.

use std::any::Any;
use std::rc::Rc;

use super::module_type;
use crate::ast::{BinOp, CmpOp, UnaryOp};
use crate::builtins::{add_method, new_module};
use crate::eval::attr::getattr;
use crate::eval::call::call;
use crate::eval::ops::{binary_op, compare, inplace_op, unary_op};
use crate::eval::protocol::{contains, repr, truthy, type_name, values_equal};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::Sym;
use crate::value::func::NativeFn;
use crate::value::{BuiltinFunction, NativeObject, Type, Value};

fn add_fn(m: &crate::value::ModuleObj, name: &'static str, func: NativeFn) {
    let f = Value::Builtin(Rc::new(BuiltinFunction {
        name,
        func,
        owner: None,
        module: Some("_operator"),
    }));
    m.dict.borrow_mut().insert(Sym::new(name), f.clone());
    // The dunder aliases (`operator.__add__`).
    let trimmed = name.trim_end_matches('_');
    if !matches!(
        name,
        "countOf" | "indexOf" | "is_" | "is_not" | "length_hint" | "truth" | "call"
    ) {
        let dunder: &'static str = Box::leak(format!("__{trimmed}__").into_boxed_str());
        m.dict.borrow_mut().insert(Sym::new(dunder), f);
    }
}

fn two<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<(&'a Value, &'a Value)> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "{name} expected 2 arguments, got {}",
            args.pos.len()
        )));
    }
    Ok((&args.pos[0], &args.pos[1]))
}

fn one<'a>(vm: &Vm, args: &'a Args, name: &str) -> PyResult<&'a Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("_operator.{name}() takes no keyword arguments")));
    }
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "_operator.{name}() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    Ok(&args.pos[0])
}

macro_rules! binops {
    ($m:expr; $($name:literal => $op:expr),* $(,)?) => {
        $(add_fn($m, $name, |vm, args| {
            let (a, b) = two(vm, &args, $name)?;
            binary_op(vm, $op, a, b)
        });)*
    };
}

macro_rules! inplace {
    ($m:expr; $($name:literal => $op:expr),* $(,)?) => {
        $(add_fn($m, $name, |vm, args| {
            let (a, b) = two(vm, &args, $name)?;
            inplace_op(vm, $op, a, b)
        });)*
    };
}

macro_rules! cmps {
    ($m:expr; $($name:literal => $op:expr),* $(,)?) => {
        $(add_fn($m, $name, |vm, args| {
            let (a, b) = two(vm, &args, $name)?;
            compare(vm, $op, a, b)
        });)*
    };
}

macro_rules! unops {
    ($m:expr; $($name:literal => $op:expr),* $(,)?) => {
        $(add_fn($m, $name, |vm, args| {
            let v = one(vm, &args, $name)?;
            unary_op(vm, $op, v)
        });)*
    };
}

/// Creates the `operator` module.
pub fn module(vm: &Vm) -> Value {
    let m = new_module("operator");
    binops!(&m;
        "add" => BinOp::Add, "sub" => BinOp::Sub, "mul" => BinOp::Mult, "matmul" => BinOp::MatMult,
        "truediv" => BinOp::Div, "floordiv" => BinOp::FloorDiv, "mod" => BinOp::Mod, "pow" => BinOp::Pow,
        "lshift" => BinOp::LShift, "rshift" => BinOp::RShift, "and_" => BinOp::BitAnd,
        "or_" => BinOp::BitOr, "xor" => BinOp::BitXor,
    );
    inplace!(&m;
        "iadd" => BinOp::Add, "isub" => BinOp::Sub, "imul" => BinOp::Mult, "imatmul" => BinOp::MatMult,
        "itruediv" => BinOp::Div, "ifloordiv" => BinOp::FloorDiv, "imod" => BinOp::Mod, "ipow" => BinOp::Pow,
        "ilshift" => BinOp::LShift, "irshift" => BinOp::RShift, "iand" => BinOp::BitAnd,
        "ior" => BinOp::BitOr, "ixor" => BinOp::BitXor,
    );
    cmps!(&m;
        "lt" => CmpOp::Lt, "le" => CmpOp::LtE, "eq" => CmpOp::Eq, "ne" => CmpOp::NotEq,
        "ge" => CmpOp::GtE, "gt" => CmpOp::Gt,
    );
    unops!(&m; "neg" => UnaryOp::USub, "pos" => UnaryOp::UAdd, "inv" => UnaryOp::Invert, "invert" => UnaryOp::Invert);
    add_fn(&m, "not_", |vm, args| {
        Ok(Value::Bool(!truthy(vm, one(vm, &args, "not_")?)?))
    });
    add_fn(&m, "truth", |vm, args| {
        Ok(Value::Bool(truthy(vm, one(vm, &args, "truth")?)?))
    });
    add_fn(&m, "abs", |vm, args| {
        let v = one(vm, &args, "abs")?.clone();
        let f = vm
            .builtins
            .borrow()
            .get(&Sym::new("abs"))
            .cloned()
            .unwrap_or(Value::None);
        call(vm, &f, Args::new([v]))
    });
    add_fn(&m, "index", |vm, args| {
        let v = one(vm, &args, "index")?;
        Ok(Value::from_bigint(super::math::to_index(vm, v)?))
    });
    add_fn(&m, "is_", |vm, args| {
        let (a, b) = two(vm, &args, "is_")?;
        Ok(Value::Bool(a.is(b)))
    });
    add_fn(&m, "is_not", |vm, args| {
        let (a, b) = two(vm, &args, "is_not")?;
        Ok(Value::Bool(!a.is(b)))
    });
    add_fn(&m, "contains", |vm, args| {
        let (a, b) = two(vm, &args, "contains")?;
        Ok(Value::Bool(contains(vm, a, b)?))
    });
    add_fn(&m, "countOf", |vm, args| {
        let (a, b) = two(vm, &args, "countOf")?;
        let mut n = 0;
        for v in crate::eval::iter::collect(vm, a)? {
            if v.is(b) || values_equal(vm, &v, b)? {
                n += 1;
            }
        }
        Ok(Value::Int(n))
    });
    add_fn(&m, "indexOf", |vm, args| {
        let (a, b) = two(vm, &args, "indexOf")?;
        for (i, v) in crate::eval::iter::collect(vm, a)?.into_iter().enumerate() {
            if v.is(b) || values_equal(vm, &v, b)? {
                return Ok(Value::Int(i as i64));
            }
        }
        Err(vm.value_error("sequence.index(x): x not in sequence"))
    });
    add_fn(&m, "concat", |vm, args| {
        let (a, b) = two(vm, &args, "concat")?;
        if !is_sequence(a) {
            return Err(vm.type_error(format!(
                "'{}' object can't be concatenated",
                type_name(vm, a)
            )));
        }
        binary_op(vm, BinOp::Add, a, b)
    });
    add_fn(&m, "iconcat", |vm, args| {
        let (a, b) = two(vm, &args, "iconcat")?;
        if !is_sequence(a) {
            return Err(vm.type_error(format!(
                "'{}' object can't be concatenated",
                type_name(vm, a)
            )));
        }
        inplace_op(vm, BinOp::Add, a, b)
    });
    add_fn(&m, "getitem", |vm, args| {
        let (a, b) = two(vm, &args, "getitem")?;
        crate::builtins::subscript::getitem(vm, a, b)
    });
    add_fn(&m, "setitem", |vm, args| {
        if args.pos.len() != 3 {
            return Err(vm.type_error(format!(
                "setitem expected 3 arguments, got {}",
                args.pos.len()
            )));
        }
        crate::builtins::subscript::setitem(
            vm,
            &args.pos[0],
            args.pos[1].clone(),
            args.pos[2].clone(),
        )?;
        Ok(Value::None)
    });
    add_fn(&m, "delitem", |vm, args| {
        let (a, b) = two(vm, &args, "delitem")?;
        crate::builtins::subscript::delitem(vm, a, b)?;
        Ok(Value::None)
    });
    add_fn(&m, "length_hint", |vm, args| {
        if args.pos.is_empty() || args.pos.len() > 2 {
            return Err(vm.type_error(format!(
                "length_hint expected at most 2 arguments, got {}",
                args.pos.len()
            )));
        }
        let default = args.pos.get(1).cloned().unwrap_or(Value::Int(0));
        let obj = &args.pos[0];
        if let Ok(n) = crate::eval::protocol::len(vm, obj) {
            return Ok(Value::Int(n as i64));
        }
        if let Some(it) = obj.downcast::<crate::eval::iter::IterObj>()
            && let Ok(it) = it.it.try_borrow()
            && matches!(
                &*it,
                crate::eval::iter::PyIter::List(..)
                    | crate::eval::iter::PyIter::Tuple(..)
                    | crate::eval::iter::PyIter::Range { .. }
                    | crate::eval::iter::PyIter::Exhausted
            )
        {
            return Ok(Value::Int(it.size_hint() as i64));
        }
        if let Value::Instance(_) = obj
            && let Some(r) = crate::eval::attr::call_method_opt(
                vm,
                obj,
                Sym::new("__length_hint__"),
                Args::default(),
            )?
            && !matches!(r, Value::NotImplemented)
        {
            return Ok(r);
        }
        Ok(default)
    });
    add_fn(&m, "call", |vm, mut args| {
        if args.pos.is_empty() {
            return Err(vm.type_error("call() missing 1 required positional argument: 'obj'"));
        }
        let f = args.pos.remove(0);
        call(vm, &f, args)
    });
    let mut d = m.dict.borrow_mut();
    d.insert(
        Sym::new("itemgetter"),
        Value::Type(getter_type(vm, Kind::Item)),
    );
    d.insert(
        Sym::new("attrgetter"),
        Value::Type(getter_type(vm, Kind::Attr)),
    );
    d.insert(
        Sym::new("methodcaller"),
        Value::Type(getter_type(vm, Kind::Method)),
    );
    drop(d);
    Value::Module(m)
}

fn is_sequence(v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) => true,
        Value::Instance(i) => i.class.lookup(crate::intern::known::__getitem__).is_some(),
        Value::Native(_) => true,
        _ => false,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Item,
    Attr,
    Method,
}

fn getter_type(vm: &Vm, kind: Kind) -> Rc<Type> {
    match kind {
        Kind::Item => module_type(
            vm,
            "operator.itemgetter",
            "operator",
            "itemgetter",
            |_vm, t| {
                add_method(t, "__new__", itemgetter_new);
                add_method(t, "__call__", call_self);
            },
        ),
        Kind::Attr => module_type(
            vm,
            "operator.attrgetter",
            "operator",
            "attrgetter",
            |_vm, t| {
                add_method(t, "__new__", attrgetter_new);
                add_method(t, "__call__", call_self);
            },
        ),
        Kind::Method => module_type(
            vm,
            "operator.methodcaller",
            "operator",
            "methodcaller",
            |_vm, t| {
                add_method(t, "__new__", methodcaller_new);
                add_method(t, "__call__", call_self);
            },
        ),
    }
}

fn call_self(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(vm.type_error("__call__ needs an argument"));
    }
    let this = args.pos.remove(0);
    call(vm, &this, args)
}

/// `itemgetter`, `attrgetter` or `methodcaller` object.
struct Getter {
    kind: Kind,
    items: Vec<Value>,
    kwargs: Vec<(Sym, Value)>,
}

fn itemgetter_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    args.pos.remove(0);
    if !args.kw.is_empty() {
        return Err(vm.type_error("itemgetter() takes no keyword arguments"));
    }
    if args.pos.is_empty() {
        return Err(vm.type_error("itemgetter expected 1 argument, got 0"));
    }
    Ok(Value::native(Getter {
        kind: Kind::Item,
        items: args.pos.to_vec(),
        kwargs: Vec::new(),
    }))
}

fn attrgetter_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    args.pos.remove(0);
    if !args.kw.is_empty() {
        return Err(vm.type_error("attrgetter() takes no keyword arguments"));
    }
    if args.pos.is_empty() {
        return Err(vm.type_error("attrgetter expected 1 argument, got 0"));
    }
    if args.pos.iter().any(|a| !matches!(a, Value::Str(_))) {
        return Err(vm.type_error("attribute name must be a string"));
    }
    Ok(Value::native(Getter {
        kind: Kind::Attr,
        items: args.pos.to_vec(),
        kwargs: Vec::new(),
    }))
}

fn methodcaller_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    args.pos.remove(0);
    if args.pos.is_empty() {
        return Err(vm.type_error("methodcaller needs at least one argument, the method name"));
    }
    if !matches!(args.pos[0], Value::Str(_)) {
        return Err(vm.type_error("method name must be a string"));
    }
    Ok(Value::native(Getter {
        kind: Kind::Method,
        items: args.pos.to_vec(),
        kwargs: args.kw,
    }))
}

fn get_attr_path(vm: &Vm, obj: &Value, path: &Value) -> PyResult<Value> {
    let mut v = obj.clone();
    for part in path.as_str().unwrap_or("").split('.') {
        v = getattr(vm, &v, Sym::new(part))?;
    }
    Ok(v)
}

impl NativeObject for Getter {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        getter_type(vm, self.kind)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn call(&self, vm: &Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some((|| {
            let name = match self.kind {
                Kind::Item => "itemgetter",
                Kind::Attr => "attrgetter",
                Kind::Method => "methodcaller",
            };
            if !args.kw.is_empty() {
                return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
            }
            if args.pos.len() != 1 {
                return Err(vm.type_error(format!(
                    "{name} expected 1 argument, got {}",
                    args.pos.len()
                )));
            }
            let obj = &args.pos[0];
            match self.kind {
                Kind::Item => {
                    if self.items.len() == 1 {
                        return crate::builtins::subscript::getitem(vm, obj, &self.items[0]);
                    }
                    let mut out = Vec::with_capacity(self.items.len());
                    for k in &self.items {
                        out.push(crate::builtins::subscript::getitem(vm, obj, k)?);
                    }
                    Ok(Value::tuple(out))
                }
                Kind::Attr => {
                    if self.items.len() == 1 {
                        return get_attr_path(vm, obj, &self.items[0]);
                    }
                    let mut out = Vec::with_capacity(self.items.len());
                    for k in &self.items {
                        out.push(get_attr_path(vm, obj, k)?);
                    }
                    Ok(Value::tuple(out))
                }
                Kind::Method => {
                    let name = self.items[0].as_str().unwrap_or("");
                    let f = getattr(vm, obj, Sym::new(name))?;
                    call(
                        vm,
                        &f,
                        Args::with_kw(self.items[1..].iter().cloned(), self.kwargs.clone()),
                    )
                }
            }
        })())
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        Some((|| {
            let name = match self.kind {
                Kind::Item => "itemgetter",
                Kind::Attr => "attrgetter",
                Kind::Method => "methodcaller",
            };
            let mut parts = Vec::new();
            for v in &self.items {
                parts.push(repr(vm, v)?);
            }
            for (k, v) in &self.kwargs {
                parts.push(format!("{k}={}", repr(vm, v)?));
            }
            Ok(format!("operator.{name}({})", parts.join(", ")))
        })())
    }
}
