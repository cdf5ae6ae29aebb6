//! Calling: dispatch on the callee, binding arguments to parameters with
//! CPython's error messages, running function bodies, and creating function
//! objects (`def`, `lambda`) and comprehensions.

use std::cell::RefCell;
use std::rc::Rc;

use super::protocol::type_name;
use super::{Args, ExecResult, Flow, Frame, Locals, PyResult, Vm};
use crate::ast::{Comprehension, ComprehensionKind, FunctionDef};
use crate::intern::{Sym, known};
use crate::value::func::{CellObj, Names};
use crate::value::{AttrMap, Function, PyDict, PySet, Value};

/// Calls any callable.
pub fn call(vm: &Vm, callee: &Value, args: Args) -> PyResult<Value> {
    match callee {
        Value::Function(func) => call_function(vm, func, args),
        Value::Builtin(b) => {
            vm.check_builtin_call(b)?;
            (b.func)(vm, args)
        }
        Value::BoundMethod(m) => {
            let mut args = args;
            args.pos.insert(0, m.receiver.clone());
            call(vm, &m.func, args)
        }
        Value::Type(t) => super::class::call_type(vm, t, args),
        Value::Instance(inst) => match inst.class.lookup(known::__call__) {
            Some(f) => {
                let mut args = args;
                args.pos.insert(0, callee.clone());
                call(vm, &f, args)
            }
            None => Err(not_callable(vm, callee)),
        },
        Value::Native(n) => match n.call(vm, callee, args) {
            Some(r) => r,
            None => Err(not_callable(vm, callee)),
        },
        _ => Err(not_callable(vm, callee)),
    }
}

fn not_callable(vm: &Vm, v: &Value) -> super::Exc {
    vm.type_error(format!("'{}' object is not callable", type_name(vm, v)))
}

/// Calls a Python function: binds arguments, then runs the body (or, for a
/// generator or coroutine function, returns the suspended body).
pub fn call_function(vm: &Vm, func: &Rc<Function>, args: Args) -> PyResult<Value> {
    if !args.kw.is_empty() {
        return bind_and_run(vm, func, args);
    }
    if let Some(native) = direct_native(func, args.pos.len()) {
        let _guard = vm.enter_call()?;
        return native(vm, func, &args.pos);
    }
    call_function_pos(vm, func, args.pos.into_iter().collect())
}

/// The native implementation of `func` when a call with `n_args`
/// positional arguments binds them to its parameters one for one (no
/// defaults, no `*args`), so it can run on them as they are.
#[inline]
pub fn direct_native(func: &Function, n_args: usize) -> Option<crate::value::func::NativeCall> {
    let Some(crate::value::func::NativeImpl::Call(native)) = func.native.get() else {
        return None;
    };
    let p = &func.def.params;
    (p.vararg.is_none()
        && p.kwonly.is_empty()
        && p.kwarg.is_none()
        && p.posonly.len() + p.args.len() == n_args)
        .then_some(native)
}

/// [`call_function`] through the general binding (keywords, `*args`,
/// `**kwargs`, and every binding error).
fn bind_and_run(vm: &Vm, func: &Rc<Function>, args: Args) -> PyResult<Value> {
    let n_locals = func.def.scope.local_names.len();
    let mut locals = super::NO_LOCALS;
    locals.resize(n_locals, Value::Unbound);
    bind_args(vm, func, args, &mut locals)?;
    run_function(vm, func, locals)
}

/// Calls a Python function with positional arguments only, already
/// evaluated into `args` (which becomes the
/// frame's locals). Falls back to the general binding for anything but
/// plain positional parameters.
pub fn call_function_pos(vm: &Vm, func: &Rc<Function>, mut args: Locals) -> PyResult<Value> {
    let def = &*func.def;
    let p = &def.params;
    let n_pos = p.posonly.len() + p.args.len();
    let given = args.len();
    let first_default = n_pos - func.defaults.len();
    if given > n_pos
        || given < first_default
        || p.vararg.is_some()
        || !p.kwonly.is_empty()
        || p.kwarg.is_some()
    {
        let pos = args.drain(..).collect();
        return bind_and_run(
            vm,
            func,
            Args {
                pos,
                kw: Vec::new(),
            },
        );
    }
    for i in given..n_pos {
        args.push(func.defaults[i - first_default].clone());
    }
    let n_locals = def.scope.local_names.len();
    if args.len() < n_locals {
        args.resize_with(n_locals, || Value::Unbound);
    }
    run_function(vm, func, args)
}

/// Runs a function body in a new frame whose locals (parameters bound) are
/// `locals`.
fn run_function(vm: &Vm, func: &Rc<Function>, mut locals: Locals) -> PyResult<Value> {
    if let Some(crate::value::func::NativeImpl::Call(native)) = func.native.get() {
        let _guard = vm.enter_call()?;
        return native(vm, func, &locals);
    }
    let def = &func.def;
    let scope = &def.scope;
    let cells = build_cells(scope, &func.closure, &mut locals);
    if scope.is_generator || def.is_async {
        return Ok(super::suspend::new_generator(
            vm.as_static(),
            func,
            locals,
            cells,
        ));
    }
    let mut frame = function_frame(func, &mut locals, &cells);
    let _guard = vm.enter_call()?;
    vm.checkpoint()?;
    super::depth::guarded(vm, || {
        let r = super::stmt::exec_block(vm, &mut frame, &def.body);
        finish_body(vm, r, &frame)
    })
}

/// The frame of a call of `func` on `locals` (its parameters bound) and
/// `cells`.
#[inline]
pub fn function_frame<'l>(
    func: &Function,
    locals: &'l mut [Value],
    cells: &'l [Rc<CellObj>],
) -> Frame<'l> {
    Frame {
        locals,
        cells,
        globals: func.globals.clone(),
        class_ns: None,
        file: func.file,
        // The code's name (`def.name`): a traceback shows it even when
        // `__name__` is reassigned.
        name: func.def.name,
        generator: None,
        interactive: false,
        own_cells: func.def.scope.n_cellvars,
        code: Some(func.def.clone()),
    }
}

/// Runs a function body in `frame` (its locals bound): the recursion
/// check, a checkpoint, the body, and its outcome as a value.
#[inline(always)]
pub fn run_frame(vm: &Vm, frame: &mut Frame<'_>, body: &[crate::ast::Stmt]) -> PyResult<Value> {
    let _guard = vm.enter_call()?;
    vm.checkpoint()?;
    super::depth::guarded(vm, || {
        let r = super::stmt::exec_block(vm, frame, body);
        finish_body(vm, r, frame)
    })
}

/// The value of a function body's outcome.
#[inline]
pub fn finish_body(vm: &Vm, r: ExecResult, frame: &Frame<'_>) -> PyResult<Value> {
    match r {
        Ok(()) => Ok(Value::None),
        Err(Flow::Return) => Ok(vm.take_return()),
        Err(Flow::Exc(e)) => {
            e.leave_frame(frame.name);
            Err(e)
        }
        Err(Flow::Break | Flow::Continue) => Ok(Value::None),
    }
}

/// The frame's cells: fresh cell variables (parameters moved in), then the
/// closure's captured cells.
#[inline]
pub fn build_cells(
    scope: &crate::ast::Scope,
    closure: &[Rc<CellObj>],
    locals: &mut [Value],
) -> Box<[Rc<CellObj>]> {
    if scope.n_cellvars == 0 && closure.is_empty() {
        return Box::default();
    }
    build_cells_slow(scope, closure, locals)
}

#[inline(never)]
fn build_cells_slow(
    scope: &crate::ast::Scope,
    closure: &[Rc<CellObj>],
    locals: &mut [Value],
) -> Box<[Rc<CellObj>]> {
    let mut cells: Vec<Rc<CellObj>> = Vec::with_capacity(scope.n_cellvars as usize + closure.len());
    cells.extend((0..scope.n_cellvars).map(|_| CellObj::new(Value::Unbound)));
    for &(param, cell) in &scope.cell_params {
        *cells[cell as usize].value.borrow_mut() = std::mem::take(&mut locals[param as usize]);
    }
    cells.extend(closure.iter().cloned());
    cells.into_boxed_slice()
}

/// The function's name for error messages (`f()` / `A.method()`).
fn fname(func: &Function) -> String {
    func.qualname().to_string()
}

/// Binds call arguments to parameter slots as CPython does, with its
/// messages for every mismatch.
pub fn bind_args(vm: &Vm, func: &Function, args: Args, locals: &mut [Value]) -> PyResult<()> {
    let p = &func.def.params;
    let n_posonly = p.posonly.len();
    let n_pos = n_posonly + p.args.len();
    let Args { pos, kw } = args;
    let given = pos.len();
    // Fast path: exact positional call.
    if kw.is_empty()
        && given == n_pos
        && p.vararg.is_none()
        && p.kwonly.is_empty()
        && p.kwarg.is_none()
    {
        for (slot, v) in locals.iter_mut().zip(pos) {
            *slot = v;
        }
        return Ok(());
    }
    let vararg_slot = n_pos;
    let kwonly_start = n_pos + p.vararg.is_some() as usize;
    let kwarg_slot = kwonly_start + p.kwonly.len();
    let mut extra = Vec::with_capacity(given.saturating_sub(n_pos));
    for (i, v) in pos.into_iter().enumerate() {
        if i < n_pos {
            locals[i] = v;
        } else {
            extra.push(v);
        }
    }
    if !extra.is_empty() && p.vararg.is_none() {
        return Err(too_many_positional(vm, func, given, &kw));
    }
    if p.vararg.is_some() {
        locals[vararg_slot] = Value::tuple(extra);
    }
    let kwargs = if p.kwarg.is_some() {
        Some(PyDict::new())
    } else {
        None
    };
    let mut posonly_as_kw = Vec::new();
    for (name, v) in kw {
        let idx = p
            .args
            .iter()
            .position(|a| a.name == name)
            .map(|i| i + n_posonly)
            .or_else(|| {
                p.kwonly
                    .iter()
                    .position(|a| a.name == name)
                    .map(|i| i + kwonly_start)
            });
        match idx {
            Some(i) => {
                if !matches!(locals[i], Value::Unbound) {
                    return Err(vm.type_error(format!(
                        "{}() got multiple values for argument '{name}'",
                        fname(func)
                    )));
                }
                locals[i] = v;
            }
            None => match &kwargs {
                Some(d) => {
                    let key = Value::str(name.as_str());
                    if d.contains(vm, &key)? {
                        return Err(vm.type_error(format!(
                            "{}() got multiple values for keyword argument '{name}'",
                            fname(func)
                        )));
                    }
                    d.set(vm, key, v)?;
                }
                None => {
                    if p.posonly.iter().any(|a| a.name == name) {
                        posonly_as_kw.push(name);
                        continue;
                    }
                    return Err(vm.type_error(format!(
                        "{}() got an unexpected keyword argument '{name}'",
                        fname(func)
                    )));
                }
            },
        }
    }
    if !posonly_as_kw.is_empty() {
        let names: Vec<String> = posonly_as_kw.iter().map(|n| n.to_string()).collect();
        return Err(vm.type_error(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            fname(func),
            names.join(", ")
        )));
    }
    // Defaults for missing positionals.
    let n_defaults = func.defaults.len();
    let first_default = n_pos - n_defaults;
    let mut missing = Vec::new();
    for (i, slot) in locals.iter_mut().enumerate().take(n_pos) {
        if matches!(slot, Value::Unbound) {
            if i >= first_default {
                *slot = func.defaults[i - first_default].clone();
            } else {
                let name = if i < n_posonly {
                    p.posonly[i].name
                } else {
                    p.args[i - n_posonly].name
                };
                missing.push(name);
            }
        }
    }
    if !missing.is_empty() {
        return Err(missing_error(vm, func, "positional", &missing));
    }
    let mut missing_kw = Vec::new();
    for (j, param) in p.kwonly.iter().enumerate() {
        let i = kwonly_start + j;
        if matches!(locals[i], Value::Unbound) {
            match func.kwdefaults.get(j) {
                Some(Value::Unbound) | None => missing_kw.push(param.name),
                Some(d) => locals[i] = d.clone(),
            }
        }
    }
    if !missing_kw.is_empty() {
        return Err(missing_error(vm, func, "keyword-only", &missing_kw));
    }
    if let Some(d) = kwargs {
        locals[kwarg_slot] = Value::Dict(Rc::new(d));
    }
    Ok(())
}

fn missing_error(vm: &Vm, func: &Function, kind: &str, names: &[Sym]) -> super::Exc {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    let plural = if names.len() == 1 { "" } else { "s" };
    vm.type_error(format!(
        "{}() missing {} required {kind} argument{plural}: {list}",
        fname(func),
        names.len()
    ))
}

fn too_many_positional(vm: &Vm, func: &Function, given: usize, kw: &[(Sym, Value)]) -> super::Exc {
    let p = &func.def.params;
    let n_pos = p.posonly.len() + p.args.len();
    let n_defaults = func.defaults.len();
    let takes = if n_defaults > 0 {
        format!("from {} to {}", n_pos - n_defaults, n_pos)
    } else {
        n_pos.to_string()
    };
    let plural = if n_pos == 1 && n_defaults == 0 {
        ""
    } else {
        "s"
    };
    let kwonly_given = kw
        .iter()
        .filter(|(name, _)| p.kwonly.iter().any(|a| a.name == *name))
        .count();
    let given_text = if kwonly_given > 0 {
        format!(
            "{given} positional argument{} (and {kwonly_given} keyword-only argument{}) were given",
            if given == 1 { "" } else { "s" },
            if kwonly_given == 1 { "" } else { "s" }
        )
    } else {
        format!("{given} {} given", if given == 1 { "was" } else { "were" })
    };
    vm.type_error(format!(
        "{}() takes {takes} positional argument{plural} but {given_text}",
        fname(func)
    ))
}

/// Creates the function object for a `def` or `lambda` in frame `f`:
/// evaluates defaults and captures the closure.
pub fn make_function(vm: &Vm, f: &mut Frame<'_>, def: &Rc<FunctionDef>) -> PyResult<Value> {
    let mut defaults = Vec::new();
    for param in def.params.posonly.iter().chain(def.params.args.iter()) {
        if let Some(d) = &param.default {
            defaults.push(super::expr::eval(vm, f, d)?);
        }
    }
    let mut kwdefaults = Vec::with_capacity(def.params.kwonly.len());
    for param in &def.params.kwonly {
        kwdefaults.push(match &param.default {
            Some(d) => super::expr::eval(vm, f, d)?,
            None => Value::Unbound,
        });
    }
    let closure = def
        .scope
        .free_sources
        .iter()
        .map(|&i| f.cells[i as usize].clone())
        .collect();
    let name: Rc<str> = Rc::from(def.name.as_str());
    let module = f
        .globals
        .get(known::__name__)
        .unwrap_or(Value::str("__main__"));
    let mut dict = AttrMap::default();
    dict.insert(known::__module__, module);
    if let Some(annotations) = eval_annotations(vm, f, def)? {
        dict.insert(known::__annotations__, annotations);
    }
    Ok(Value::Function(Rc::new(Function {
        def: def.clone(),
        globals: f.globals.clone(),
        file: f.file,
        defaults,
        kwdefaults,
        closure,
        names: RefCell::new(Names::new(name, Rc::from(def.qualname.as_str()))),
        dict: RefCell::new(dict),
        native: std::cell::Cell::new(None),
    })))
}

/// A `def`'s `__annotations__`, evaluated as CPython's compiler orders
/// them (regular parameters before positional-only ones, then `*args`,
/// keyword-only, `**kwargs`, `return`); `None` when it has none.
fn eval_annotations(vm: &Vm, f: &mut Frame<'_>, def: &FunctionDef) -> PyResult<Option<Value>> {
    let p = &def.params;
    let params = p
        .args
        .iter()
        .chain(p.posonly.iter())
        .chain(p.vararg.iter())
        .chain(p.kwonly.iter())
        .chain(p.kwarg.iter())
        .filter_map(|param| param.annotation.as_ref().map(|a| (param.name.as_str(), a)));
    let mut all = params
        .chain(def.returns.as_ref().map(|r| ("return", r)))
        .peekable();
    if all.peek().is_none() {
        return Ok(None);
    }
    let dict = crate::value::PyDict::new();
    for (name, annotation) in all {
        let v = super::expr::eval(vm, f, annotation)?;
        dict.set(vm, Value::str(name), v)?;
    }
    Ok(Some(Value::Dict(Rc::new(dict))))
}

/// The locals and cells of a comprehension's frame, with the first
/// iterable (evaluated by the caller in the enclosing scope) in local slot
/// 0.
pub fn comprehension_slots(
    f: &Frame<'_>,
    comp: &Comprehension,
    first: Value,
) -> (Locals, Box<[Rc<CellObj>]>) {
    let mut locals: Locals =
        smallvec::smallvec![Value::Unbound; comp.scope.local_names.len().max(1)];
    locals[0] = first;
    let closure: Vec<Rc<CellObj>> = comp
        .scope
        .free_sources
        .iter()
        .map(|&i| f.cells[i as usize].clone())
        .collect();
    let cells = build_cells(&comp.scope, &closure, &mut locals);
    (locals, cells)
}

/// The frame of a comprehension over the locals and cells
/// [`comprehension_slots`] made, in the module `globals` of `file`.
pub fn comprehension_frame<'l>(
    globals: Rc<super::Globals>,
    file: u32,
    comp: &Comprehension,
    locals: &'l mut [Value],
    cells: &'l [Rc<CellObj>],
) -> Frame<'l> {
    Frame {
        locals,
        cells,
        globals,
        class_ns: None,
        file,
        name: match comp.kind {
            ComprehensionKind::List => known::code_listcomp,
            ComprehensionKind::Set => known::code_setcomp,
            ComprehensionKind::Dict => known::code_dictcomp,
            ComprehensionKind::Generator => known::code_genexpr,
        },
        generator: None,
        interactive: false,
        own_cells: comp.scope.n_cellvars,
        code: None,
    }
}

/// The collection a list/set/dict comprehension builds.
pub enum CompAcc {
    List(Vec<Value>),
    Set(PySet),
    Dict(PyDict),
}

impl CompAcc {
    pub fn new(kind: ComprehensionKind) -> CompAcc {
        match kind {
            ComprehensionKind::Set => CompAcc::Set(PySet::new(false)),
            ComprehensionKind::Dict => CompAcc::Dict(PyDict::new()),
            _ => CompAcc::List(Vec::new()),
        }
    }

    pub fn add(&mut self, vm: &Vm, elt: Value, value: Option<Value>) -> PyResult<()> {
        match self {
            CompAcc::List(v) => v.push(elt),
            CompAcc::Set(s) => s.add(vm, elt)?,
            CompAcc::Dict(d) => d.set(vm, elt, value.unwrap_or(Value::None))?,
        }
        Ok(())
    }

    pub fn finish(self) -> Value {
        match self {
            CompAcc::List(v) => Value::list(v),
            CompAcc::Set(s) => Value::Set(Rc::new(s)),
            CompAcc::Dict(d) => Value::Dict(Rc::new(d)),
        }
    }
}

/// Evaluates a comprehension or generator expression (not an async one).
pub fn run_comprehension(vm: &Vm, f: &mut Frame<'_>, comp: &Rc<Comprehension>) -> PyResult<Value> {
    let first = super::expr::eval(vm, f, &comp.generators[0].iter)?;
    if comp.kind == ComprehensionKind::Generator {
        let first = super::iter::get_iter(vm, &first)?;
        let (locals, cells) = comprehension_slots(f, comp, first);
        return Ok(super::suspend::new_genexpr(
            vm.as_static(),
            comp.clone(),
            f,
            locals,
            cells,
        ));
    }
    let first = super::iter::get_iter(vm, &first)?;
    let (mut locals, cells) = comprehension_slots(f, comp, first);
    let mut frame = comprehension_frame(f.globals.clone(), f.file, comp, &mut locals, &cells);
    let mut acc = CompAcc::new(comp.kind);
    let _guard = vm.enter_call()?;
    super::depth::guarded(vm, || comp_level(vm, &mut frame, comp, 0, &mut acc)).inspect_err(
        |e| {
            e.leave_frame(frame.name);
        },
    )?;
    Ok(acc.finish())
}

fn comp_level(
    vm: &Vm,
    frame: &mut Frame<'_>,
    comp: &Comprehension,
    level: usize,
    acc: &mut CompAcc,
) -> PyResult<()> {
    let comp_for = &comp.generators[level];
    let iterable = if level == 0 {
        frame.locals[0].clone()
    } else {
        super::expr::eval(vm, frame, &comp_for.iter)?
    };
    let mut it = super::iter::PyIter::new(vm, &iterable)?;
    'items: while let Some(item) = it.next(vm)? {
        super::assign::assign(vm, frame, &comp_for.target, item)?;
        for cond in &comp_for.ifs {
            if !super::stmt::eval_cond(vm, frame, cond)? {
                continue 'items;
            }
        }
        if level + 1 < comp.generators.len() {
            comp_level(vm, frame, comp, level + 1, acc)?;
        } else {
            let elt = super::expr::eval(vm, frame, &comp.elt)?;
            let value = match &comp.value {
                Some(v) => Some(super::expr::eval(vm, frame, v)?),
                None => None,
            };
            acc.add(vm, elt, value)?;
        }
    }
    Ok(())
}
