//! Behaviour of exception objects: attributes, `str`/`repr`, methods,
//! exception groups, and the `except*` algorithm.

use std::rc::Rc;

use super::add_method;
use crate::ast::ExceptHandler;
use crate::eval::protocol::{repr, str_of, type_name};
use crate::eval::stmt::{exception_matches, exec_block, set_context};
use crate::eval::{Args, Exc, ExcKind, ExecResult, Flow, Frame, PyResult, Vm};
use crate::intern::{Sym, known};
use crate::value::{Instance, Value};

pub fn install(vm: &Vm) {
    let base = vm.exc_type(ExcKind::BaseException);
    add_method(base, "__init__", init);
    add_method(base, "with_traceback", with_traceback);
    add_method(base, "add_note", add_note);
    add_method(base, "__new__", base_new);
    let beg = vm.exc_type(ExcKind::BaseExceptionGroup);
    add_method(beg, "__new__", group_new);
    add_method(beg, "__init__", group_init);
    add_method(beg, "subgroup", subgroup);
    add_method(beg, "split", split);
    add_method(beg, "derive", derive);
}

fn this(vm: &Vm, args: &Args) -> PyResult<Rc<Instance>> {
    match args.pos.first() {
        Some(Value::Instance(i)) if i.exc().is_some() => Ok(i.clone()),
        _ => Err(vm.type_error("descriptor requires a 'BaseException' object")),
    }
}

fn base_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Type(t)) = args.pos.first() else {
        return Err(vm.type_error("BaseException.__new__(X): X is not a type object"));
    };
    Ok(vm
        .instantiate_exc(t.clone(), args.pos[1..].to_vec())
        .value())
}

fn init(vm: &Vm, args: Args) -> PyResult<Value> {
    let inst = this(vm, &args)?;
    if !args.kw.is_empty() {
        return Err(vm.type_error(format!("{}() takes no keyword arguments", inst.class.name)));
    }
    if let Some(d) = inst.exc() {
        d.borrow_mut().args = Value::tuple(args.pos[1..].to_vec());
    }
    Ok(Value::None)
}

fn with_traceback(vm: &Vm, args: Args) -> PyResult<Value> {
    let inst = this(vm, &args)?;
    let tb = args.pos.get(1).cloned().unwrap_or(Value::None);
    if let Some(d) = inst.exc() {
        super::frames::set_traceback(vm, &mut d.borrow_mut(), &tb)?;
    }
    Ok(Value::Instance(inst))
}

fn add_note(vm: &Vm, args: Args) -> PyResult<Value> {
    let inst = this(vm, &args)?;
    let Some(note @ Value::Str(_)) = args.pos.get(1).cloned() else {
        return Err(vm.type_error(format!(
            "note must be a str, not '{}'",
            args.pos
                .get(1)
                .map(|v| type_name(vm, v))
                .unwrap_or_default()
        )));
    };
    if let Some(d) = inst.exc() {
        d.borrow_mut().notes.push(note);
    }
    Ok(Value::None)
}

/// Exception attributes stored outside `__dict__`.
pub fn exc_attr(vm: &Vm, inst: &Rc<Instance>, name: Sym) -> PyResult<Option<Value>> {
    let Some(d) = inst.exc() else {
        return Ok(None);
    };
    let d = d.borrow();
    let first_arg = || match &d.args {
        Value::Tuple(t) => t.items.first().cloned().unwrap_or(Value::None),
        _ => Value::None,
    };
    Ok(Some(match name.as_str() {
        "args" => d.args.clone(),
        "__traceback__" => super::frames::traceback_value(&d),
        "__cause__" => d.cause.clone().unwrap_or(Value::None),
        "__context__" => d.context.clone().unwrap_or(Value::None),
        "__suppress_context__" => Value::Bool(d.suppress_context),
        "__notes__" if !d.notes.is_empty() => Value::list(d.notes.clone()),
        "value" if inst.class.is_subtype(vm.exc_type(ExcKind::StopIteration)) => first_arg(),
        "code" if inst.class.is_subtype(vm.exc_type(ExcKind::SystemExit)) => first_arg(),
        "message" if is_group(vm, inst) => first_arg(),
        "exceptions" if is_group(vm, inst) => match &d.args {
            Value::Tuple(t) => match t.items.get(1) {
                Some(Value::List(l)) => Value::tuple(l.items.borrow().clone()),
                Some(v @ Value::Tuple(_)) => v.clone(),
                _ => Value::tuple(vec![]),
            },
            _ => Value::tuple(vec![]),
        },
        _ => return Ok(None),
    }))
}

/// Assignment to exception attributes stored outside `__dict__`; false
/// when `name` is an ordinary attribute.
pub fn set_exc_attr(vm: &Vm, inst: &Rc<Instance>, name: Sym, value: &Value) -> PyResult<bool> {
    let Some(d) = inst.exc() else {
        return Ok(false);
    };
    let mut d = d.borrow_mut();
    match name.as_str() {
        "args" => d.args = Value::tuple(crate::eval::iter::collect(vm, value)?),
        "__cause__" => {
            d.cause = if value.is_none() {
                None
            } else {
                Some(value.clone())
            };
            d.suppress_context = true;
        }
        "__context__" => {
            d.context = if value.is_none() {
                None
            } else {
                Some(value.clone())
            }
        }
        "__suppress_context__" => d.suppress_context = crate::eval::protocol::truthy(vm, value)?,
        "__traceback__" => super::frames::set_traceback(vm, &mut d, value)?,
        _ => return Ok(false),
    }
    Ok(true)
}

fn is_group(vm: &Vm, inst: &Instance) -> bool {
    inst.class
        .is_subtype(vm.exc_type(ExcKind::BaseExceptionGroup))
}

fn args_of(inst: &Instance) -> Vec<Value> {
    match inst.exc().map(|d| d.borrow().args.clone()) {
        Some(Value::Tuple(t)) => t.items.to_vec(),
        _ => vec![],
    }
}

/// `str(exc)`.
pub fn exc_str(vm: &Vm, inst: &Rc<Instance>) -> PyResult<String> {
    let args = args_of(inst);
    if is_group(vm, inst) {
        let n = group_members(vm, inst).len();
        let msg = args
            .first()
            .map(|m| str_of(vm, m))
            .transpose()?
            .unwrap_or_default();
        return Ok(format!(
            "{msg} ({n} sub-exception{})",
            if n == 1 { "" } else { "s" }
        ));
    }
    match args.len() {
        0 => Ok(String::new()),
        1 => {
            if inst.class.is_subtype(vm.exc_type(ExcKind::KeyError)) {
                repr(vm, &args[0])
            } else {
                str_of(vm, &args[0])
            }
        }
        _ => repr(vm, &Value::tuple(args)),
    }
}

/// `repr(exc)`.
pub fn exc_repr(vm: &Vm, inst: &Rc<Instance>) -> PyResult<String> {
    let args = args_of(inst);
    let name = &inst.class.name;
    Ok(match args.len() {
        1 => format!("{name}({})", repr(vm, &args[0])?),
        _ => format!("{name}{}", repr(vm, &Value::tuple(args))?),
    })
}

/// The member exceptions of a group.
pub fn group_members(vm: &Vm, inst: &Instance) -> Vec<Value> {
    let _ = vm;
    match args_of(inst).get(1) {
        Some(Value::List(l)) => l.items.borrow().clone(),
        Some(Value::Tuple(t)) => t.items.to_vec(),
        _ => vec![],
    }
}

fn group_new(vm: &Vm, args: Args) -> PyResult<Value> {
    let Some(Value::Type(cls)) = args.pos.first() else {
        return Err(vm.type_error("BaseExceptionGroup.__new__(X): X is not a type object"));
    };
    let name = cls.name.clone();
    if args.pos.len() != 3 {
        return Err(vm.type_error(format!(
            "{name}.__new__() takes exactly 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let msg = &args.pos[1];
    if !matches!(msg, Value::Str(_)) {
        return Err(vm.type_error(format!(
            "argument 1 must be str, not {}",
            type_name(vm, msg)
        )));
    }
    let excs = match &args.pos[2] {
        v @ (Value::List(_) | Value::Tuple(_)) => crate::eval::iter::collect(vm, v)?,
        _ => return Err(vm.type_error("second argument (exceptions) must be a sequence")),
    };
    if excs.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let exception = vm.exc_type(ExcKind::Exception);
    let mut all_exceptions = true;
    for (i, e) in excs.iter().enumerate() {
        match e {
            Value::Instance(inst) if inst.exc().is_some() => {
                if !inst.class.is_subtype(exception) {
                    all_exceptions = false;
                }
            }
            _ => {
                return Err(vm.value_error(format!(
                    "Item {i} of second argument (exceptions) is not an exception"
                )));
            }
        }
    }
    let base_group = vm.exc_type(ExcKind::BaseExceptionGroup);
    let group = vm.exc_type(ExcKind::ExceptionGroup);
    let mut cls = cls.clone();
    if Rc::ptr_eq(&cls, base_group) {
        if all_exceptions {
            cls = group.clone();
        }
    } else if cls.is_subtype(group) && !all_exceptions {
        return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
    } else if !all_exceptions && !cls.is_subtype(exception) {
        // A user subclass of BaseExceptionGroup may hold BaseExceptions.
    } else if !all_exceptions {
        return Err(vm.type_error(format!("Cannot nest BaseExceptions in '{name}'")));
    }
    let e = vm.instantiate_exc(cls, vec![msg.clone(), Value::tuple(excs)]);
    Ok(e.value())
}

fn group_init(_vm: &Vm, _args: Args) -> PyResult<Value> {
    Ok(Value::None)
}

/// A new group like `orig` (same class when possible, message, cause,
/// context, notes) holding `excs`.
pub fn derive_group(vm: &Vm, orig: &Rc<Instance>, excs: Vec<Value>) -> PyResult<Value> {
    let msg = args_of(orig).first().cloned().unwrap_or(Value::str(""));
    let g = group_new(
        vm,
        Args::new([
            Value::Type(vm.exc_type(ExcKind::BaseExceptionGroup).clone()),
            msg,
            Value::list(excs),
        ]),
    )?;
    if let (Value::Instance(new), Some(od)) = (&g, orig.exc())
        && let Some(nd) = new.exc()
    {
        let od = od.borrow();
        let mut nd = nd.borrow_mut();
        nd.cause = od.cause.clone();
        nd.context = od.context.clone();
        nd.suppress_context = od.suppress_context;
        nd.notes = od.notes.clone();
        nd.traceback = od.traceback.clone();
    }
    Ok(g)
}

fn derive(vm: &Vm, args: Args) -> PyResult<Value> {
    let inst = this(vm, &args)?;
    let excs = crate::eval::iter::collect(vm, args.pos.get(1).unwrap_or(&Value::None))?;
    let msg = args_of(&inst).first().cloned().unwrap_or(Value::str(""));
    group_new(
        vm,
        Args::new([
            Value::Type(vm.exc_type(ExcKind::BaseExceptionGroup).clone()),
            msg,
            Value::list(excs),
        ]),
    )
}

/// Splits `e` by `pred` into (matching, rest), keeping group structure.
fn split_by(
    vm: &Vm,
    e: &Value,
    pred: &dyn Fn(&Value) -> PyResult<bool>,
) -> PyResult<(Option<Value>, Option<Value>)> {
    if pred(e)? {
        return Ok((Some(e.clone()), None));
    }
    let Value::Instance(inst) = e else {
        return Ok((None, Some(e.clone())));
    };
    if !is_group(vm, inst) {
        return Ok((None, Some(e.clone())));
    }
    let mut matched = Vec::new();
    let mut rest = Vec::new();
    for member in group_members(vm, inst) {
        let (m, r) = split_by(vm, &member, pred)?;
        matched.extend(m);
        rest.extend(r);
    }
    let m = if matched.is_empty() {
        None
    } else {
        Some(derive_group(vm, inst, matched)?)
    };
    let r = if rest.is_empty() {
        None
    } else {
        Some(derive_group(vm, inst, rest)?)
    };
    Ok((m, r))
}

/// A test on exceptions (`except*` types, `split`/`subgroup` conditions).
type ExcPredicate<'a> = Box<dyn Fn(&Value) -> PyResult<bool> + 'a>;

fn type_pred<'a>(vm: &'a Vm, cond: &Value) -> PyResult<ExcPredicate<'a>> {
    match cond {
        Value::Type(_) | Value::Tuple(_) => {
            let cond = cond.clone();
            Ok(Box::new(move |v: &Value| match v {
                Value::Instance(i) => exception_matches(vm, &Exc(i.clone()), &cond),
                _ => Ok(false),
            }))
        }
        f => {
            let f = f.clone();
            Ok(Box::new(move |v: &Value| {
                let r = crate::eval::call::call(vm, &f, Args::new([v.clone()]))?;
                crate::eval::protocol::truthy(vm, &r)
            }))
        }
    }
}

fn subgroup(vm: &Vm, args: Args) -> PyResult<Value> {
    let inst = this(vm, &args)?;
    let pred = type_pred(vm, args.pos.get(1).unwrap_or(&Value::None))?;
    Ok(split_by(vm, &Value::Instance(inst), &*pred)?
        .0
        .unwrap_or(Value::None))
}

fn split(vm: &Vm, args: Args) -> PyResult<Value> {
    let inst = this(vm, &args)?;
    let pred = type_pred(vm, args.pos.get(1).unwrap_or(&Value::None))?;
    let (m, r) = split_by(vm, &Value::Instance(inst), &*pred)?;
    Ok(Value::tuple(vec![
        m.unwrap_or(Value::None),
        r.unwrap_or(Value::None),
    ]))
}

fn leaves(vm: &Vm, v: &Value, out: &mut Vec<Value>) {
    if let Value::Instance(inst) = v
        && is_group(vm, inst)
    {
        for m in group_members(vm, inst) {
            leaves(vm, &m, out);
        }
        return;
    }
    out.push(v.clone());
}

/// Runs `except*` handlers against `e` (CPython's algorithm: each handler
/// takes the matching part of what is left; re-raised parts keep the
/// original group's shape; new exceptions are grouped with them).
pub fn handle_star(vm: &Vm, f: &mut Frame<'_>, handlers: &[ExceptHandler], e: Exc) -> ExecResult {
    let naked = !is_group(vm, &e.0);
    let orig: Value = if naked {
        group_new(
            vm,
            Args::new([
                Value::Type(vm.exc_type(ExcKind::BaseExceptionGroup).clone()),
                Value::str(""),
                Value::list(vec![e.value()]),
            ]),
        )?
    } else {
        e.value()
    };
    let mut rest = Some(orig.clone());
    let mut raised: Vec<Value> = Vec::new();
    let mut reraised: Vec<Value> = Vec::new();
    for h in handlers {
        let Some(current) = rest.clone() else { break };
        let typ = match &h.typ {
            Some(t) => crate::eval::expr::eval(vm, f, t)?,
            None => return Err(vm.type_error("except* requires an exception type").into()),
        };
        let pred = type_pred(vm, &typ)?;
        let (matched, remaining) = split_by(vm, &current, &*pred)?;
        rest = remaining;
        let Some(matched) = matched else { continue };
        let Value::Instance(minst) = &matched else {
            continue;
        };
        let mexc = Exc(minst.clone());
        if let Some(name) = &h.name {
            crate::eval::expr::store_name(vm, f, name, matched.clone())?;
        }
        vm.handling.borrow_mut().push(mexc.clone());
        let r = exec_block(vm, f, &h.body);
        vm.handling.borrow_mut().pop();
        if let Some(name) = &h.name {
            let _ = crate::eval::expr::delete_name(vm, f, name);
        }
        match r {
            Ok(()) => {}
            Err(Flow::Exc(x)) => {
                if Rc::ptr_eq(&x.0, minst) {
                    leaves(vm, &matched, &mut reraised);
                } else {
                    set_context(&x, &mexc);
                    raised.push(x.value());
                }
            }
            Err(other) => return Err(other),
        }
    }
    let mut keep = reraised;
    if let Some(r) = &rest {
        leaves(vm, r, &mut keep);
    }
    let kept_group = if keep.is_empty() {
        None
    } else {
        let keep_ptrs: Vec<usize> = keep.iter().filter_map(|v| v.ptr()).collect();
        let pred = move |v: &Value| -> PyResult<bool> {
            Ok(v.ptr().map(|p| keep_ptrs.contains(&p)).unwrap_or(false))
        };
        split_by(vm, &orig, &|v: &Value| {
            if let Value::Instance(i) = v
                && is_group(vm, i)
            {
                return Ok(false);
            }
            pred(v)
        })?
        .0
    };
    if raised.is_empty() {
        return match kept_group {
            None => Ok(()),
            Some(g) => {
                if naked {
                    return Err(Flow::Exc(e));
                }
                match g {
                    Value::Instance(i)
                        if Rc::ptr_eq(&i, &e.0)
                            || same_leaves(vm, &Value::Instance(i.clone()), &orig) =>
                    {
                        Err(Flow::Exc(e))
                    }
                    Value::Instance(i) => Err(Flow::Exc(Exc(i))),
                    _ => Ok(()),
                }
            }
        };
    }
    let mut all = raised;
    if let Some(g) = kept_group {
        all.push(if naked { e.value() } else { g });
    }
    let g = group_new(
        vm,
        Args::new([
            Value::Type(vm.exc_type(ExcKind::BaseExceptionGroup).clone()),
            Value::str(""),
            Value::list(all),
        ]),
    )?;
    match g {
        Value::Instance(i) => Err(Flow::Exc(Exc(i))),
        _ => Ok(()),
    }
}

fn same_leaves(vm: &Vm, a: &Value, b: &Value) -> bool {
    let mut la = Vec::new();
    let mut lb = Vec::new();
    leaves(vm, a, &mut la);
    leaves(vm, b, &mut lb);
    la.len() == lb.len() && la.iter().zip(&lb).all(|(x, y)| x.is(y))
}

/// Keeps `known` in use for attribute names defined elsewhere.
pub fn is_exception_attr(name: Sym) -> bool {
    name == known::args
}
