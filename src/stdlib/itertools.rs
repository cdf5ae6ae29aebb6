//! `itertools`: lazy iterators with CPython's semantics (how much of the
//! input each one consumes, when arguments are checked) and messages.
//! `batched` is Python 3.12 and deliberately absent.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::{Params, add_iter_methods, module_type, parse_args};
use crate::ast::BinOp;
use crate::builtins::{add_method, check_args, new_module};
use crate::eval::call::call;
use crate::eval::iter::{PyIter, collect};
use crate::eval::ops::binary_op;
use crate::eval::protocol::{repr, truthy, values_equal};
use crate::eval::{Args, PyResult, Vm};
use crate::intern::Sym;
use crate::value::{NativeObject, Type, Value};

/// The iterator kinds, with their class names.
const KINDS: &[&str] = &[
    "count",
    "cycle",
    "repeat",
    "accumulate",
    "chain",
    "compress",
    "dropwhile",
    "takewhile",
    "filterfalse",
    "groupby",
    "islice",
    "starmap",
    "zip_longest",
    "product",
    "permutations",
    "combinations",
    "combinations_with_replacement",
    "pairwise",
];

fn type_key(name: &str) -> &'static str {
    match name {
        "count" => "itertools.count",
        "cycle" => "itertools.cycle",
        "repeat" => "itertools.repeat",
        "accumulate" => "itertools.accumulate",
        "chain" => "itertools.chain",
        "compress" => "itertools.compress",
        "dropwhile" => "itertools.dropwhile",
        "takewhile" => "itertools.takewhile",
        "filterfalse" => "itertools.filterfalse",
        "groupby" => "itertools.groupby",
        "islice" => "itertools.islice",
        "starmap" => "itertools.starmap",
        "zip_longest" => "itertools.zip_longest",
        "product" => "itertools.product",
        "permutations" => "itertools.permutations",
        "combinations" => "itertools.combinations",
        "combinations_with_replacement" => "itertools.combinations_with_replacement",
        "pairwise" => "itertools.pairwise",
        "_grouper" => "itertools._grouper",
        _ => "itertools._tee",
    }
}

fn itertools_type(vm: &Vm, name: &'static str) -> Rc<Type> {
    module_type(vm, type_key(name), "itertools", name, |_vm, t| {
        add_iter_methods(t);
        let ctor: crate::value::func::NativeFn = match t.qualname.as_str() {
            "count" => count_new,
            "cycle" => cycle_new,
            "repeat" => repeat_new,
            "accumulate" => accumulate_new,
            "chain" => chain_new,
            "compress" => compress_new,
            "dropwhile" => dropwhile_new,
            "takewhile" => takewhile_new,
            "filterfalse" => filterfalse_new,
            "groupby" => groupby_new,
            "islice" => islice_new,
            "starmap" => starmap_new,
            "zip_longest" => zip_longest_new,
            "product" => product_new,
            "permutations" => permutations_new,
            "combinations" => combinations_new,
            "combinations_with_replacement" => cwr_new,
            "pairwise" => pairwise_new,
            _ => no_new,
        };
        add_method(t, "__new__", ctor);
        if t.qualname == "chain" {
            add_method(t, "from_iterable", chain_from_iterable);
        }
        if t.qualname == "_tee" {
            add_method(t, "__copy__", tee_copy);
        }
    })
}

fn no_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let name = match args.pos.first() {
        Some(Value::Type(t)) => t.display_name(),
        _ => "object".to_owned(),
    };
    Err(vm.type_error(format!("cannot create '{name}' instances")))
}

/// Creates the `itertools` module.
pub fn module(vm: &Vm) -> Value {
    let m = new_module("itertools");
    for &k in KINDS {
        m.dict
            .borrow_mut()
            .insert(Sym::new(k), Value::Type(itertools_type(vm, k)));
    }
    crate::builtins::add_module_fn(&m, "itertools", "tee", tee);
    Value::Module(m)
}

/// The state of one itertools iterator.
enum State {
    Count {
        cur: Value,
        step: Value,
    },
    Cycle {
        it: Option<PyIter>,
        saved: Vec<Value>,
        idx: usize,
    },
    Repeat {
        obj: Value,
        remaining: Option<i64>,
    },
    Accumulate {
        it: PyIter,
        func: Option<Value>,
        total: Option<Value>,
        initial: Option<Value>,
    },
    Chain {
        source: Option<PyIter>,
        active: Option<PyIter>,
    },
    Compress {
        data: PyIter,
        selectors: PyIter,
    },
    DropWhile {
        pred: Value,
        it: PyIter,
        dropping: bool,
    },
    TakeWhile {
        pred: Value,
        it: PyIter,
        stopped: bool,
    },
    FilterFalse {
        pred: Value,
        it: PyIter,
    },
    GroupBy(Rc<GroupBy>),
    Grouper {
        parent: Rc<GroupBy>,
        key: Value,
        id: u64,
    },
    ISlice {
        it: Option<PyIter>,
        next: u64,
        stop: Option<u64>,
        step: u64,
        cnt: u64,
    },
    StarMap {
        func: Value,
        it: PyIter,
    },
    ZipLongest {
        its: Vec<Option<PyIter>>,
        active: usize,
        fill: Value,
    },
    Product {
        pools: Vec<Vec<Value>>,
        indices: Vec<usize>,
        started: bool,
    },
    Permutations {
        pool: Vec<Value>,
        r: usize,
        indices: Vec<usize>,
        cycles: Vec<usize>,
        started: bool,
    },
    Combinations {
        pool: Vec<Value>,
        r: usize,
        indices: Vec<usize>,
        started: bool,
    },
    Cwr {
        pool: Vec<Value>,
        r: usize,
        indices: Vec<usize>,
        started: bool,
    },
    Pairwise {
        it: Option<PyIter>,
        old: Option<Value>,
    },
    Tee {
        link: Rc<TeeLink>,
        idx: usize,
    },
    Done,
}

/// An itertools iterator object.
pub struct ItIter {
    kind: &'static str,
    state: RefCell<State>,
}

fn make(kind: &'static str, state: State) -> Value {
    Value::native(ItIter {
        kind,
        state: RefCell::new(state),
    })
}

impl NativeObject for ItIter {
    fn py_type(&self, vm: &Vm) -> Rc<Type> {
        itertools_type(vm, self.kind)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn is_iterator(&self) -> bool {
        true
    }
    fn next(&self, vm: &Vm) -> Option<PyResult<Option<Value>>> {
        // The state is taken out while Python code may run.
        let mut state = std::mem::replace(&mut *self.state.borrow_mut(), State::Done);
        let r = step(vm, &mut state);
        *self.state.borrow_mut() = state;
        Some(r)
    }
    fn repr(&self, vm: &Vm) -> Option<PyResult<String>> {
        let state = self.state.borrow();
        match &*state {
            State::Count { cur, step } => {
                let (cur, step) = (cur.clone(), step.clone());
                drop(state);
                Some((|| {
                    let unit = matches!(step, Value::Int(1) | Value::Bool(true));
                    if unit {
                        Ok(format!("count({})", repr(vm, &cur)?))
                    } else {
                        Ok(format!("count({}, {})", repr(vm, &cur)?, repr(vm, &step)?))
                    }
                })())
            }
            State::Repeat { obj, remaining } => {
                let (obj, remaining) = (obj.clone(), *remaining);
                drop(state);
                Some((|| {
                    Ok(match remaining {
                        Some(n) => format!("repeat({}, {n})", repr(vm, &obj)?),
                        None => format!("repeat({})", repr(vm, &obj)?),
                    })
                })())
            }
            _ => None,
        }
    }
}

fn step(vm: &Vm, state: &mut State) -> PyResult<Option<Value>> {
    match state {
        State::Count { cur, step } => {
            let v = cur.clone();
            *cur = binary_op(vm, BinOp::Add, cur, step)?;
            Ok(Some(v))
        }
        State::Cycle { it, saved, idx } => {
            if let Some(i) = it {
                match i.next(vm)? {
                    Some(v) => {
                        saved.push(v.clone());
                        return Ok(Some(v));
                    }
                    None => *it = None,
                }
            }
            if saved.is_empty() {
                return Ok(None);
            }
            let v = saved[*idx].clone();
            *idx = (*idx + 1) % saved.len();
            Ok(Some(v))
        }
        State::Repeat { obj, remaining } => match remaining {
            None => Ok(Some(obj.clone())),
            Some(0) => Ok(None),
            Some(n) => {
                *n -= 1;
                Ok(Some(obj.clone()))
            }
        },
        State::Accumulate {
            it,
            func,
            total,
            initial,
        } => {
            if let Some(init) = initial.take() {
                *total = Some(init.clone());
                return Ok(Some(init));
            }
            let Some(v) = it.next(vm)? else {
                return Ok(None);
            };
            let t = match total.take() {
                None => v,
                Some(t) => match func {
                    None => binary_op(vm, BinOp::Add, &t, &v)?,
                    Some(f) => call(vm, f, Args::new([t, v]))?,
                },
            };
            *total = Some(t.clone());
            Ok(Some(t))
        }
        State::Chain { source, active } => loop {
            if let Some(a) = active {
                if let Some(v) = a.next(vm)? {
                    return Ok(Some(v));
                }
                *active = None;
            }
            let Some(src) = source else {
                return Ok(None);
            };
            match src.next(vm)? {
                Some(iterable) => *active = Some(PyIter::new(vm, &iterable)?),
                None => {
                    *source = None;
                    return Ok(None);
                }
            }
        },
        State::Compress { data, selectors } => loop {
            let Some(d) = data.next(vm)? else {
                return Ok(None);
            };
            let Some(s) = selectors.next(vm)? else {
                return Ok(None);
            };
            if truthy(vm, &s)? {
                return Ok(Some(d));
            }
        },
        State::DropWhile { pred, it, dropping } => {
            if !*dropping {
                return it.next(vm);
            }
            loop {
                let Some(v) = it.next(vm)? else {
                    return Ok(None);
                };
                let ok = call(vm, pred, Args::new([v.clone()]))?;
                if !truthy(vm, &ok)? {
                    *dropping = false;
                    return Ok(Some(v));
                }
            }
        }
        State::TakeWhile { pred, it, stopped } => {
            if *stopped {
                return Ok(None);
            }
            let Some(v) = it.next(vm)? else {
                return Ok(None);
            };
            let ok = call(vm, pred, Args::new([v.clone()]))?;
            if truthy(vm, &ok)? {
                return Ok(Some(v));
            }
            *stopped = true;
            Ok(None)
        }
        State::FilterFalse { pred, it } => loop {
            let Some(v) = it.next(vm)? else {
                return Ok(None);
            };
            let keep = if pred.is_none() {
                !truthy(vm, &v)?
            } else {
                let r = call(vm, pred, Args::new([v.clone()]))?;
                !truthy(vm, &r)?
            };
            if keep {
                return Ok(Some(v));
            }
        },
        State::GroupBy(g) => groupby_next(vm, g),
        State::Grouper { parent, key, id } => grouper_next(vm, parent, key, *id),
        State::ISlice {
            it,
            next,
            stop,
            step,
            cnt,
        } => {
            let Some(i) = it else {
                return Ok(None);
            };
            while *cnt < *next {
                if i.next(vm)?.is_none() {
                    *it = None;
                    return Ok(None);
                }
                *cnt += 1;
            }
            if let Some(s) = stop
                && *cnt >= *s
            {
                *it = None;
                return Ok(None);
            }
            let Some(v) = i.next(vm)? else {
                *it = None;
                return Ok(None);
            };
            *cnt += 1;
            let old = *next;
            *next = next.saturating_add(*step);
            if let Some(s) = stop
                && (*next < old || *next > *s)
            {
                *next = *s;
            }
            Ok(Some(v))
        }
        State::StarMap { func, it } => {
            let Some(item) = it.next(vm)? else {
                return Ok(None);
            };
            let args = collect(vm, &item)?;
            call(vm, func, Args::new(args)).map(Some)
        }
        State::ZipLongest { its, active, fill } => {
            if *active == 0 {
                return Ok(None);
            }
            let mut out = Vec::with_capacity(its.len());
            for slot in its.iter_mut() {
                let v = match slot {
                    None => fill.clone(),
                    Some(i) => match i.next(vm)? {
                        Some(v) => v,
                        None => {
                            *slot = None;
                            *active -= 1;
                            if *active == 0 {
                                return Ok(None);
                            }
                            fill.clone()
                        }
                    },
                };
                out.push(v);
            }
            Ok(Some(Value::tuple(out)))
        }
        State::Product {
            pools,
            indices,
            started,
        } => {
            if !*started {
                *started = true;
                if pools.iter().any(|p| p.is_empty()) {
                    *state = State::Done;
                    return Ok(None);
                }
                return Ok(Some(pick_each(pools, indices)));
            }
            let mut i = pools.len();
            loop {
                if i == 0 {
                    *state = State::Done;
                    return Ok(None);
                }
                i -= 1;
                indices[i] += 1;
                if indices[i] < pools[i].len() {
                    break;
                }
                indices[i] = 0;
            }
            Ok(Some(pick_each(pools, indices)))
        }
        State::Permutations {
            pool,
            r,
            indices,
            cycles,
            started,
        } => {
            let (n, r) = (pool.len(), *r);
            if !*started {
                *started = true;
                if r > n {
                    *state = State::Done;
                    return Ok(None);
                }
                return Ok(Some(pick(pool, &indices[..r])));
            }
            if n == 0 {
                *state = State::Done;
                return Ok(None);
            }
            let mut i = r;
            loop {
                if i == 0 {
                    *state = State::Done;
                    return Ok(None);
                }
                i -= 1;
                cycles[i] -= 1;
                if cycles[i] == 0 {
                    let x = indices.remove(i);
                    indices.push(x);
                    cycles[i] = n - i;
                } else {
                    let j = cycles[i];
                    indices.swap(i, n - j);
                    return Ok(Some(pick(pool, &indices[..r])));
                }
            }
        }
        State::Combinations {
            pool,
            r,
            indices,
            started,
        } => {
            let (n, r) = (pool.len(), *r);
            if !*started {
                *started = true;
                if r > n {
                    *state = State::Done;
                    return Ok(None);
                }
                return Ok(Some(pick(pool, indices)));
            }
            let mut i = r;
            loop {
                if i == 0 {
                    *state = State::Done;
                    return Ok(None);
                }
                i -= 1;
                if indices[i] != i + n - r {
                    break;
                }
            }
            indices[i] += 1;
            for j in i + 1..r {
                indices[j] = indices[j - 1] + 1;
            }
            Ok(Some(pick(pool, indices)))
        }
        State::Cwr {
            pool,
            r,
            indices,
            started,
        } => {
            let (n, r) = (pool.len(), *r);
            if !*started {
                *started = true;
                if n == 0 && r > 0 {
                    *state = State::Done;
                    return Ok(None);
                }
                return Ok(Some(pick(pool, indices)));
            }
            let mut i = r;
            loop {
                if i == 0 {
                    *state = State::Done;
                    return Ok(None);
                }
                i -= 1;
                if indices[i] != n - 1 {
                    break;
                }
            }
            let v = indices[i] + 1;
            for x in indices[i..].iter_mut() {
                *x = v;
            }
            Ok(Some(pick(pool, indices)))
        }
        State::Pairwise { it, old } => {
            let Some(i) = it else {
                return Ok(None);
            };
            if old.is_none() {
                match i.next(vm)? {
                    Some(v) => *old = Some(v),
                    None => {
                        *it = None;
                        return Ok(None);
                    }
                }
            }
            let Some(i) = it else {
                return Ok(None);
            };
            match i.next(vm)? {
                Some(new) => {
                    let o = old.replace(new.clone()).unwrap_or(Value::None);
                    Ok(Some(Value::tuple(vec![o, new])))
                }
                None => {
                    *it = None;
                    *old = None;
                    Ok(None)
                }
            }
        }
        State::Tee { link, idx } => tee_next(vm, link, idx),
        State::Done => Ok(None),
    }
}

fn pick(pool: &[Value], indices: &[usize]) -> Value {
    Value::tuple(indices.iter().map(|&i| pool[i].clone()).collect())
}

fn pick_each(pools: &[Vec<Value>], indices: &[usize]) -> Value {
    Value::tuple(
        pools
            .iter()
            .zip(indices)
            .map(|(p, &i)| p[i].clone())
            .collect(),
    )
}

// ----- constructors ------------------------------------------------------------

/// Drops the class argument of a `__new__` call.
fn ctor_args(mut args: Args) -> Args {
    if !args.pos.is_empty() {
        args.pos.remove(0);
    }
    args
}

fn is_number(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Bool(_) => true,
        Value::Instance(i) => {
            i.class.lookup(crate::intern::known::__index__).is_some()
                || i.class.lookup(crate::intern::known::__float__).is_some()
                || i.class.lookup(crate::intern::known::__int__).is_some()
        }
        _ => false,
    }
}

fn count_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let a = parse_args(
        vm,
        ctor_args(args),
        &Params {
            name: "count",
            pos: &["start", "step"],
            required: 0,
            kwonly: &[],
        },
    )?;
    let mut a = a.into_iter();
    let start = a.next().flatten().unwrap_or(Value::Int(0));
    let step = a.next().flatten().unwrap_or(Value::Int(1));
    if !is_number(&start) || !is_number(&step) {
        return Err(vm.type_error("a number is required"));
    }
    Ok(make("count", State::Count { cur: start, step }))
}

fn no_kw(vm: &Vm, args: &Args, name: &str) -> PyResult<()> {
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    Ok(())
}

fn exactly_one(vm: &Vm, args: &Args, name: &str) -> PyResult<()> {
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "{name} expected 1 argument, got {}",
            args.pos.len()
        )));
    }
    Ok(())
}

fn cycle_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let args = ctor_args(args);
    no_kw(vm, &args, "cycle")?;
    exactly_one(vm, &args, "cycle")?;
    let it = PyIter::new(vm, &args.pos[0])?;
    Ok(make(
        "cycle",
        State::Cycle {
            it: Some(it),
            saved: Vec::new(),
            idx: 0,
        },
    ))
}

fn repeat_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let a = parse_args(
        vm,
        ctor_args(args),
        &Params {
            name: "repeat",
            pos: &["object", "times"],
            required: 1,
            kwonly: &[],
        },
    )?;
    let mut a = a.into_iter();
    let obj = a.next().flatten().unwrap_or(Value::None);
    let remaining = match a.next().flatten() {
        None => None,
        Some(t) => Some(crate::builtins::arg_int(vm, &t)?.max(0)),
    };
    Ok(make("repeat", State::Repeat { obj, remaining }))
}

fn accumulate_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let a = parse_args(
        vm,
        ctor_args(args),
        &Params {
            name: "accumulate",
            pos: &["iterable", "func"],
            required: 1,
            kwonly: &["initial"],
        },
    )?;
    let mut a = a.into_iter();
    let iterable = a.next().flatten().unwrap_or(Value::None);
    let func = a.next().flatten().filter(|f| !f.is_none());
    let initial = a.next().flatten().filter(|f| !f.is_none());
    let it = PyIter::new(vm, &iterable)?;
    Ok(make(
        "accumulate",
        State::Accumulate {
            it,
            func,
            total: None,
            initial,
        },
    ))
}

fn chain_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let args = ctor_args(args);
    no_kw(vm, &args, "chain")?;
    let source = PyIter::new(vm, &Value::tuple(args.pos.to_vec()))?;
    Ok(make(
        "chain",
        State::Chain {
            source: Some(source),
            active: None,
        },
    ))
}

fn chain_from_iterable(vm: &Vm, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return Err(vm.type_error("chain.from_iterable() takes no keyword arguments"));
    }
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "chain.from_iterable() takes exactly one argument ({} given)",
            args.pos.len()
        )));
    }
    let source = PyIter::new(vm, &args.pos[0])?;
    Ok(make(
        "chain",
        State::Chain {
            source: Some(source),
            active: None,
        },
    ))
}

fn compress_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let a = parse_args(
        vm,
        ctor_args(args),
        &Params {
            name: "compress",
            pos: &["data", "selectors"],
            required: 2,
            kwonly: &[],
        },
    )?;
    let mut a = a.into_iter();
    let data = PyIter::new(vm, &a.next().flatten().unwrap_or(Value::None))?;
    let selectors = PyIter::new(vm, &a.next().flatten().unwrap_or(Value::None))?;
    Ok(make("compress", State::Compress { data, selectors }))
}

fn pred_and_iter(vm: &Vm, args: Args, name: &str) -> PyResult<(Value, PyIter)> {
    let args = ctor_args(args);
    no_kw(vm, &args, name)?;
    check_args(vm, &args, name, 2, 2)?;
    let it = PyIter::new(vm, &args.pos[1])?;
    Ok((args.pos[0].clone(), it))
}

fn dropwhile_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (pred, it) = pred_and_iter(vm, args, "dropwhile")?;
    Ok(make(
        "dropwhile",
        State::DropWhile {
            pred,
            it,
            dropping: true,
        },
    ))
}

fn takewhile_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (pred, it) = pred_and_iter(vm, args, "takewhile")?;
    Ok(make(
        "takewhile",
        State::TakeWhile {
            pred,
            it,
            stopped: false,
        },
    ))
}

fn filterfalse_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (pred, it) = pred_and_iter(vm, args, "filterfalse")?;
    Ok(make("filterfalse", State::FilterFalse { pred, it }))
}

fn starmap_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (func, it) = pred_and_iter(vm, args, "starmap")?;
    Ok(make("starmap", State::StarMap { func, it }))
}

fn pairwise_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let args = ctor_args(args);
    no_kw(vm, &args, "pairwise")?;
    exactly_one(vm, &args, "pairwise")?;
    let it = PyIter::new(vm, &args.pos[0])?;
    Ok(make(
        "pairwise",
        State::Pairwise {
            it: Some(it),
            old: None,
        },
    ))
}

fn islice_arg(vm: &Vm, v: Option<&Value>, msg: &str) -> PyResult<Option<u64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Instance(_))) => {
            let n = match v {
                Value::Instance(i) if i.class.lookup(crate::intern::known::__index__).is_none() => {
                    return Err(vm.value_error(msg));
                }
                _ => super::math::to_index(vm, v)?,
            };
            match num_traits::ToPrimitive::to_i64(&n) {
                Some(n) if n >= 0 => Ok(Some(n as u64)),
                _ => Err(vm.value_error(msg)),
            }
        }
        Some(_) => Err(vm.value_error(msg)),
    }
}

fn islice_new(vm: &Vm, args: Args) -> PyResult<Value> {
    const STOP: &str =
        "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const INDICES: &str = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
    const STEP: &str = "Step for islice() must be a positive integer or None.";
    let args = ctor_args(args);
    no_kw(vm, &args, "islice")?;
    check_args(vm, &args, "islice", 2, 4)?;
    let (start, stop, step) = if args.pos.len() == 2 {
        (None, islice_arg(vm, args.pos.get(1), STOP)?, None)
    } else {
        let start = islice_arg(vm, args.pos.get(1), INDICES)?;
        let stop = islice_arg(vm, args.pos.get(2), STOP)?;
        let step = match args.pos.get(3) {
            None | Some(Value::None) => None,
            Some(v) => match islice_arg(vm, Some(v), STEP) {
                Ok(Some(0)) | Err(_) => return Err(vm.value_error(STEP)),
                Ok(s) => s,
            },
        };
        (start, stop, step)
    };
    let it = PyIter::new(vm, &args.pos[0])?;
    Ok(make(
        "islice",
        State::ISlice {
            it: Some(it),
            next: start.unwrap_or(0),
            stop,
            step: step.unwrap_or(1),
            cnt: 0,
        },
    ))
}

fn zip_longest_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let mut args = ctor_args(args);
    let fill = args.take_kw("fillvalue").unwrap_or(Value::None);
    if !args.kw.is_empty() {
        return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
    }
    let mut its = Vec::with_capacity(args.pos.len());
    for a in args.pos.iter() {
        its.push(Some(PyIter::new(vm, a)?));
    }
    let active = its.len();
    Ok(make("zip_longest", State::ZipLongest { its, active, fill }))
}

fn product_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let mut args = ctor_args(args);
    let repeat = match args.take_kw("repeat") {
        Some(v) => crate::builtins::arg_int(vm, &v)?,
        None => 1,
    };
    if let Some((k, _)) = args.kw.first() {
        return Err(vm.type_error(format!(
            "'{k}' is an invalid keyword argument for product()"
        )));
    }
    if repeat < 0 {
        return Err(vm.value_error("repeat argument cannot be negative"));
    }
    let mut base = Vec::with_capacity(args.pos.len());
    for a in args.pos.iter() {
        base.push(collect(vm, a)?);
    }
    let mut pools = Vec::new();
    for _ in 0..repeat {
        pools.extend(base.iter().cloned());
    }
    let indices = vec![0; pools.len()];
    Ok(make(
        "product",
        State::Product {
            pools,
            indices,
            started: false,
        },
    ))
}

fn pool_and_r(
    vm: &Vm,
    args: Args,
    name: &str,
    r_required: bool,
) -> PyResult<(Vec<Value>, Option<usize>)> {
    let a = parse_args(
        vm,
        ctor_args(args),
        &Params {
            name,
            pos: &["iterable", "r"],
            required: if r_required { 2 } else { 1 },
            kwonly: &[],
        },
    )?;
    let mut a = a.into_iter();
    let pool = collect(vm, &a.next().flatten().unwrap_or(Value::None))?;
    let r = match a.next().flatten() {
        None | Some(Value::None) if !r_required => None,
        Some(v) => {
            let r = if r_required {
                crate::builtins::arg_int(vm, &v)?
            } else {
                match v {
                    Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
                        crate::builtins::arg_int(vm, &v)?
                    }
                    _ => return Err(vm.type_error("Expected int as r")),
                }
            };
            if r < 0 {
                return Err(vm.value_error("r must be non-negative"));
            }
            Some(r as usize)
        }
        None => None,
    };
    Ok((pool, r))
}

fn permutations_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (pool, r) = pool_and_r(vm, args, "permutations", false)?;
    let n = pool.len();
    let r = r.unwrap_or(n);
    let indices: Vec<usize> = (0..n).collect();
    let cycles: Vec<usize> = if r <= n {
        (n - r + 1..=n).rev().collect()
    } else {
        Vec::new()
    };
    Ok(make(
        "permutations",
        State::Permutations {
            pool,
            r,
            indices,
            cycles,
            started: false,
        },
    ))
}

fn combinations_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (pool, r) = pool_and_r(vm, args, "combinations", true)?;
    let r = r.unwrap_or(0);
    let indices: Vec<usize> = (0..r).collect();
    Ok(make(
        "combinations",
        State::Combinations {
            pool,
            r,
            indices,
            started: false,
        },
    ))
}

fn cwr_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let (pool, r) = pool_and_r(vm, args, "combinations_with_replacement", true)?;
    let r = r.unwrap_or(0);
    Ok(make(
        "combinations_with_replacement",
        State::Cwr {
            pool,
            r,
            indices: vec![0; r],
            started: false,
        },
    ))
}

// ----- groupby ---------------------------------------------------------------

/// The state shared by a `groupby` object and its groups.
struct GroupBy {
    it: RefCell<PyIter>,
    key: Value,
    tgtkey: RefCell<Option<Value>>,
    currkey: RefCell<Option<Value>>,
    currvalue: RefCell<Option<Value>>,
    /// Which group is current; older groups are exhausted.
    generation: Cell<u64>,
}

fn groupby_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let a = parse_args(
        vm,
        ctor_args(args),
        &Params {
            name: "groupby",
            pos: &["iterable", "key"],
            required: 1,
            kwonly: &[],
        },
    )?;
    let mut a = a.into_iter();
    let it = PyIter::new(vm, &a.next().flatten().unwrap_or(Value::None))?;
    let key = a.next().flatten().unwrap_or(Value::None);
    Ok(make(
        "groupby",
        State::GroupBy(Rc::new(GroupBy {
            it: RefCell::new(it),
            key,
            tgtkey: RefCell::new(None),
            currkey: RefCell::new(None),
            currvalue: RefCell::new(None),
            generation: Cell::new(0),
        })),
    ))
}

/// Advances the underlying iterator; false when exhausted.
fn groupby_step(vm: &Vm, g: &GroupBy) -> PyResult<bool> {
    let mut it = std::mem::replace(&mut *g.it.borrow_mut(), PyIter::Exhausted);
    let r = it.next(vm);
    *g.it.borrow_mut() = it;
    let Some(v) = r? else {
        return Ok(false);
    };
    let k = if g.key.is_none() {
        v.clone()
    } else {
        call(vm, &g.key, Args::new([v.clone()]))?
    };
    *g.currvalue.borrow_mut() = Some(v);
    *g.currkey.borrow_mut() = Some(k);
    Ok(true)
}

fn groupby_next(vm: &Vm, g: &Rc<GroupBy>) -> PyResult<Option<Value>> {
    g.generation.set(g.generation.get() + 1);
    loop {
        let currkey = g.currkey.borrow().clone();
        if let Some(ck) = currkey {
            let tgt = g.tgtkey.borrow().clone();
            match tgt {
                None => break,
                Some(t) => {
                    if !values_equal(vm, &t, &ck)? {
                        break;
                    }
                }
            }
        }
        if !groupby_step(vm, g)? {
            return Ok(None);
        }
    }
    let key = g.currkey.borrow().clone().unwrap_or(Value::None);
    *g.tgtkey.borrow_mut() = Some(key.clone());
    let grouper = make(
        "_grouper",
        State::Grouper {
            parent: g.clone(),
            key: key.clone(),
            id: g.generation.get(),
        },
    );
    Ok(Some(Value::tuple(vec![key, grouper])))
}

fn grouper_next(vm: &Vm, g: &Rc<GroupBy>, key: &Value, id: u64) -> PyResult<Option<Value>> {
    if g.generation.get() != id {
        return Ok(None);
    }
    if g.currvalue.borrow().is_none() && !groupby_step(vm, g)? {
        return Ok(None);
    }
    let ck = g.currkey.borrow().clone().unwrap_or(Value::None);
    if !values_equal(vm, key, &ck)? {
        return Ok(None);
    }
    let v = g.currvalue.borrow_mut().take();
    *g.currkey.borrow_mut() = None;
    Ok(v)
}

// ----- tee -------------------------------------------------------------------

const TEE_CHUNK: usize = 57;

/// A chunk of values read from the source of a set of tee iterators.
struct TeeLink {
    values: RefCell<Vec<Value>>,
    next: RefCell<Option<Rc<TeeLink>>>,
    source: Rc<RefCell<PyIter>>,
}

fn tee_next(vm: &Vm, link: &mut Rc<TeeLink>, idx: &mut usize) -> PyResult<Option<Value>> {
    if *idx == TEE_CHUNK {
        let next = {
            let mut n = link.next.borrow_mut();
            n.get_or_insert_with(|| {
                Rc::new(TeeLink {
                    values: RefCell::new(Vec::new()),
                    next: RefCell::new(None),
                    source: link.source.clone(),
                })
            })
            .clone()
        };
        *link = next;
        *idx = 0;
    }
    if let Some(v) = link.values.borrow().get(*idx) {
        *idx += 1;
        return Ok(Some(v.clone()));
    }
    let mut src = std::mem::replace(&mut *link.source.borrow_mut(), PyIter::Exhausted);
    let r = src.next(vm);
    *link.source.borrow_mut() = src;
    match r? {
        Some(v) => {
            link.values.borrow_mut().push(v.clone());
            *idx += 1;
            Ok(Some(v))
        }
        None => Ok(None),
    }
}

fn tee(vm: &Vm, args: Args) -> PyResult<Value> {
    no_kw(vm, &args, "tee")?;
    check_args(vm, &args, "tee", 1, 2)?;
    let n = match args.pos.get(1) {
        Some(v) => crate::builtins::arg_int(vm, v)?,
        None => 2,
    };
    if n < 0 {
        return Err(vm.value_error("n must be >= 0"));
    }
    let src = &args.pos[0];
    // A tee object is copied (its copies share its buffer).
    let start = match src.downcast::<ItIter>() {
        Some(t) => match &*t.state.borrow() {
            State::Tee { link, idx } => Some((link.clone(), *idx)),
            _ => None,
        },
        None => None,
    };
    let first_is_src = start.is_some();
    let (link, idx) = match start {
        Some(s) => s,
        None => {
            let it = PyIter::new(vm, src)?;
            (
                Rc::new(TeeLink {
                    values: RefCell::new(Vec::new()),
                    next: RefCell::new(None),
                    source: Rc::new(RefCell::new(it)),
                }),
                0,
            )
        }
    };
    let items = (0..n)
        .map(|i| {
            if i == 0 && first_is_src {
                src.clone()
            } else {
                make(
                    "_tee",
                    State::Tee {
                        link: link.clone(),
                        idx,
                    },
                )
            }
        })
        .collect();
    Ok(Value::tuple(items))
}

fn tee_copy(vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(t) = args.pos.first().and_then(|v| v.downcast::<ItIter>()) else {
        return Err(vm.type_error("__copy__ requires a _tee object"));
    };
    match &*t.state.borrow() {
        State::Tee { link, idx } => Ok(make(
            "_tee",
            State::Tee {
                link: link.clone(),
                idx: *idx,
            },
        )),
        _ => Err(vm.type_error("__copy__ requires a _tee object")),
    }
}
