//! `_functools`: the parts of `functools` implemented in Rust, as in
//! CPython: `reduce`, `partial` and the `lru_cache` wrapper. The rest of
//! `functools` is Python source (`py/functools.py`).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::{ReprGuard, module_type};
use crate::builtins::{add_method, add_module_fn, new_module};
use crate::eval::call::call;
use crate::eval::iter::PyIter;
use crate::eval::protocol::repr;
use crate::eval::{Args, ExcKind, PyResult, Vm};
use crate::intern::Sym;
use crate::value::object::AttrMap;
use crate::value::{NativeObject, PyDict, Type, Value};

/// `functools.partial(func, *args, **kwargs)`.
pub struct Partial {
    /// The wrapped callable.
    pub func: Value,
    /// Positional arguments prepended to each call.
    pub args: Vec<Value>,
    /// Keyword arguments of each call (call-time keywords override them).
    pub kwargs: Vec<(Sym, Value)>,
    /// Attributes set on the partial object.
    pub dict: RefCell<AttrMap>,
}

fn partial_type(vm: &Vm) -> Rc<Type> {
    module_type(vm, "functools.partial", "functools", "partial", |_vm, t| {
        add_method(t, "__new__", partial_new);
        add_method(t, "__call__", call_self);
    })
}

/// `obj.__call__(*args)` for Rust-implemented callables.
fn call_self(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if args.pos.is_empty() {
        return Err(vm.type_error("__call__ needs an argument"));
    }
    let this = args.pos.remove(0);
    call(vm, &this, args)
}

impl NativeObject for Partial {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        partial_type(vm)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn call(&self, vm: &Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        let mut all = Args::with_kw(self.args.iter().cloned(), self.kwargs.clone());
        all.pos.extend(args.pos);
        for (k, v) in args.kw {
            match all.kw.iter_mut().find(|(n, _)| *n == k) {
                Some(slot) => slot.1 = v,
                None => all.kw.push((k, v)),
            }
        }
        Some(call(vm, &self.func, all))
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        Some((|| {
            let Some(_guard) = ReprGuard::enter_id(vm, self as *const Partial as usize) else {
                return Ok("...".to_owned());
            };
            let mut s = format!("functools.partial({}", repr(vm, &self.func)?);
            for a in &self.args {
                s.push_str(", ");
                s.push_str(&repr(vm, a)?);
            }
            for (k, v) in &self.kwargs {
                s.push_str(&format!(", {k}={}", repr(vm, v)?));
            }
            s.push(')');
            Ok(s)
        })())
    }
    fn getattr(&self, vm: &Vm, name: Sym) -> Option<PyResult<Value>> {
        match name.as_str() {
            "func" => Some(Ok(self.func.clone())),
            "args" => Some(Ok(Value::tuple(self.args.clone()))),
            "keywords" => {
                let d = PyDict::new();
                for (k, v) in &self.kwargs {
                    d.set_str(vm, k.as_str(), v.clone());
                }
                Some(Ok(Value::Dict(Rc::new(d))))
            }
            "__dict__" => Some(Ok(crate::builtins::dict::from_attrs(
                vm,
                &self.dict.borrow(),
            ))),
            _ => self.dict.borrow().get(&name).cloned().map(Ok),
        }
    }
    fn setattr(&self, vm: &Vm, name: Sym, value: Value) -> Option<PyResult<()>> {
        if matches!(name.as_str(), "func" | "args" | "keywords") {
            return Some(Err(vm.attribute_error("readonly attribute")));
        }
        self.dict.borrow_mut().insert(name, value);
        Some(Ok(()))
    }
}

fn partial_new(vm: &Vm, mut args: Args) -> PyResult<Value> {
    if !args.pos.is_empty() {
        args.pos.remove(0);
    }
    if args.pos.is_empty() {
        return Err(vm.type_error("type 'partial' takes at least one argument"));
    }
    let mut func = args.pos.remove(0);
    if !is_callable(vm, &func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let mut pargs = Vec::new();
    let mut pkw: Vec<(Sym, Value)> = Vec::new();
    let inner = func
        .downcast::<Partial>()
        .filter(|p| p.dict.borrow().is_empty())
        .map(|p| (p.func.clone(), p.args.clone(), p.kwargs.clone()));
    if let Some((f, a, k)) = inner {
        func = f;
        pargs = a;
        pkw = k;
    }
    pargs.extend(args.pos);
    for (k, v) in args.kw {
        match pkw.iter_mut().find(|(n, _)| *n == k) {
            Some(slot) => slot.1 = v,
            None => pkw.push((k, v)),
        }
    }
    Ok(Value::native(Partial {
        func,
        args: pargs,
        kwargs: pkw,
        dict: RefCell::new(AttrMap::default()),
    }))
}

/// `callable(v)`.
pub fn is_callable(vm: &Vm, v: &Value) -> bool {
    match v {
        Value::Function(_) | Value::Builtin(_) | Value::BoundMethod(_) | Value::Type(_) => true,
        Value::Instance(_) | Value::Native(_) => {
            vm.type_of(v)
                .lookup(crate::intern::known::__call__)
                .is_some()
                || matches!(v, Value::Native(n) if n.as_any().is::<Partial>())
        }
        _ => false,
    }
}

// ----- reduce ----------------------------------------------------------------

fn reduce(vm: &Vm, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("reduce() takes no keyword arguments"));
    }
    let n = args.pos.len();
    if n < 2 {
        return Err(vm.type_error(format!("reduce expected at least 2 arguments, got {n}")));
    }
    if n > 3 {
        return Err(vm.type_error(format!("reduce expected at most 3 arguments, got {n}")));
    }
    let func = &args.pos[0];
    let mut it = match PyIter::new(vm, &args.pos[1]) {
        Ok(it) => it,
        Err(e) if vm.exc_is(&e, ExcKind::TypeError) => {
            return Err(vm.type_error("reduce() arg 2 must support iteration"));
        }
        Err(e) => return Err(e),
    };
    let mut acc = args.pos.get(2).cloned();
    while let Some(v) = it.next(vm)? {
        acc = Some(match acc {
            None => v,
            Some(a) => call(vm, func, Args::new([a, v]))?,
        });
    }
    acc.ok_or_else(|| vm.type_error("reduce() of empty iterable with no initial value"))
}

// ----- lru_cache ---------------------------------------------------------------

/// The object `functools.lru_cache` wraps a function in.
pub struct LruWrapper {
    func: Value,
    /// `None`: unbounded.
    maxsize: Option<usize>,
    typed: bool,
    cache: Rc<PyDict>,
    hits: Cell<i64>,
    misses: Cell<i64>,
    /// The `CacheInfo` named tuple class.
    info_type: Value,
    dict: RefCell<AttrMap>,
}

fn lru_type(vm: &Vm) -> Rc<Type> {
    module_type(
        vm,
        "functools._lru_cache_wrapper",
        "functools",
        "_lru_cache_wrapper",
        |_vm, t| {
            add_method(t, "__new__", lru_new);
            add_method(t, "__call__", call_self);
            add_method(t, "cache_info", cache_info);
            add_method(t, "cache_clear", cache_clear);
            add_method(t, "cache_parameters", cache_parameters);
        },
    )
}

fn lru_this<'a>(vm: &Vm, args: &'a Args) -> PyResult<&'a LruWrapper> {
    args.pos
        .first()
        .and_then(|v| v.downcast::<LruWrapper>())
        .ok_or_else(|| vm.type_error("descriptor requires a '_lru_cache_wrapper' object"))
}

fn lru_new(vm: &Vm, args: Args) -> PyResult<Value> {
    // _lru_cache_wrapper(user_function, maxsize, typed, cache_info_type)
    if args.pos.len() != 5 {
        return Err(vm.type_error("_lru_cache_wrapper() takes 4 arguments"));
    }
    let func = args.pos[1].clone();
    if !is_callable(vm, &func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let maxsize = match &args.pos[2] {
        Value::None => None,
        v => Some(crate::builtins::arg_int(vm, v)?.max(0) as usize),
    };
    let typed = crate::eval::protocol::truthy(vm, &args.pos[3])?;
    Ok(Value::native(LruWrapper {
        func,
        maxsize,
        typed,
        cache: Rc::new(PyDict::new()),
        hits: Cell::new(0),
        misses: Cell::new(0),
        info_type: args.pos[4].clone(),
        dict: RefCell::new(AttrMap::default()),
    }))
}

/// The marker separating positional from keyword arguments in cache keys.
struct KwMark;

impl NativeObject for KwMark {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        vm.native_type("object")
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

thread_local! {
    static KW_MARK: Value = Value::native(KwMark);
}

impl LruWrapper {
    /// The cache key, built as CPython's C implementation builds it: a
    /// lone `int` or `str` argument is its own key; otherwise a tuple of
    /// the arguments, a marker and the keyword items (and the argument
    /// types when `typed`).
    fn key(&self, vm: &Vm, args: &Args) -> Value {
        if !self.typed && args.kw.is_empty() {
            if args.pos.len() == 1
                && matches!(
                    args.pos[0],
                    Value::Int(_) | Value::BigInt(_) | Value::Str(_)
                )
            {
                return args.pos[0].clone();
            }
            return Value::tuple(args.pos.to_vec());
        }
        let mut key: Vec<Value> = args.pos.to_vec();
        if !args.kw.is_empty() {
            key.push(KW_MARK.with(|m| m.clone()));
            for (k, v) in &args.kw {
                key.push(Value::str(k.as_str()));
                key.push(v.clone());
            }
        }
        if self.typed {
            for v in args.pos.iter() {
                key.push(Value::Type(vm.type_of(v)));
            }
            for (_, v) in &args.kw {
                key.push(Value::Type(vm.type_of(v)));
            }
        }
        Value::tuple(key)
    }
}

impl NativeObject for LruWrapper {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        lru_type(vm)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn call(&self, vm: &Vm, _this: &Value, args: Args) -> Option<PyResult<Value>> {
        Some((|| {
            // CPython's C wrapper takes a level of the recursion limit.
            let _guard = vm.enter_call()?;
            if self.maxsize == Some(0) {
                self.misses.set(self.misses.get() + 1);
                return call(vm, &self.func, args);
            }
            let key = self.key(vm, &args);
            let hash = crate::eval::protocol::hash_value(vm, &key)?;
            if let Some(v) = self.cache.get_hashed(vm, hash, &key)? {
                self.hits.set(self.hits.get() + 1);
                if self.maxsize.is_some() {
                    self.cache.move_to_end(vm, &key, true)?;
                }
                return Ok(v);
            }
            self.misses.set(self.misses.get() + 1);
            let result = call(vm, &self.func, args)?;
            match self.maxsize {
                None => self.cache.set_hashed(vm, hash, key, result.clone())?,
                Some(max) => {
                    if self.cache.get_hashed(vm, hash, &key)?.is_none() {
                        if self.cache.len() >= max {
                            self.cache.pop_first();
                        }
                        self.cache.set_hashed(vm, hash, key, result.clone())?;
                    }
                }
            }
            Ok(result)
        })())
    }
    fn descr_get(
        &self,
        _vm: &Vm,
        this: &Value,
        instance: Option<&Value>,
        _owner: &Rc<Type>,
    ) -> Option<PyResult<Value>> {
        Some(Ok(match instance {
            Some(obj) => Value::BoundMethod(Rc::new(crate::value::BoundMethod {
                func: this.clone(),
                receiver: obj.clone(),
            })),
            None => this.clone(),
        }))
    }
    fn getattr(&self, vm: &Vm, name: Sym) -> Option<PyResult<Value>> {
        if name.as_str() == "__dict__" {
            return Some(Ok(crate::builtins::dict::from_attrs(
                vm,
                &self.dict.borrow(),
            )));
        }
        self.dict.borrow().get(&name).cloned().map(Ok)
    }
    fn setattr(&self, _vm: &Vm, name: Sym, value: Value) -> Option<PyResult<()>> {
        self.dict.borrow_mut().insert(name, value);
        Some(Ok(()))
    }
}

fn cache_info(vm: &Vm, args: Args) -> PyResult<Value> {
    let w = lru_this(vm, &args)?;
    let maxsize = match w.maxsize {
        Some(m) => Value::Int(m as i64),
        None => Value::None,
    };
    call(
        vm,
        &w.info_type,
        Args::new([
            Value::Int(w.hits.get()),
            Value::Int(w.misses.get()),
            maxsize,
            Value::Int(w.cache.len() as i64),
        ]),
    )
}

fn cache_clear(vm: &Vm, args: Args) -> PyResult<Value> {
    let w = lru_this(vm, &args)?;
    w.cache.clear();
    w.hits.set(0);
    w.misses.set(0);
    Ok(Value::None)
}

fn cache_parameters(vm: &Vm, args: Args) -> PyResult<Value> {
    let w = lru_this(vm, &args)?;
    let d = PyDict::new();
    d.set_str(
        vm,
        "maxsize",
        match w.maxsize {
            Some(m) => Value::Int(m as i64),
            None => Value::None,
        },
    );
    d.set_str(vm, "typed", Value::Bool(w.typed));
    Ok(Value::Dict(Rc::new(d)))
}

/// Creates the `_functools` module.
pub fn module(vm: &Vm) -> Value {
    let m = new_module("_functools");
    add_module_fn(&m, "functools", "reduce", reduce);
    m.dict
        .borrow_mut()
        .insert(Sym::new("partial"), Value::Type(partial_type(vm)));
    m.dict
        .borrow_mut()
        .insert(Sym::new("_lru_cache_wrapper"), Value::Type(lru_type(vm)));
    Value::Module(m)
}
