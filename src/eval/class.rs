//! Classes: the `class` statement, C3 method resolution order, calling a
//! class to make an instance, and `except*` (which splits exception groups).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::call::call;
use super::protocol::type_name;
use super::stmt::{exec_block, run_finally};
use super::{Args, ExcKind, ExecResult, Flow, Frame, PyResult, Vm};
use crate::ast::{ClassDef, ExceptHandler, Stmt};
use crate::intern::{Sym, known};
use crate::value::func::CellObj;
use crate::value::object::{AttrMap, Layout};
use crate::value::{Instance, Type, Value};

/// C3 linearisation of the bases (the MRO without the class itself).
pub fn c3_mro(bases: &[Rc<Type>]) -> Result<Vec<Rc<Type>>, String> {
    let mut seqs: Vec<Vec<Rc<Type>>> = bases
        .iter()
        .map(|b| b.mro_iter().cloned().collect())
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Type>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs
                .iter()
                .any(|other| other[1..].iter().any(|t| Rc::ptr_eq(t, head)));
            if in_tail { None } else { Some(head.clone()) }
        });
        let Some(c) = candidate else {
            let names: Vec<String> = bases.iter().map(|b| b.name.clone()).collect();
            return Err(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &c) {
                s.remove(0);
            }
        }
        out.push(c);
    }
}

/// Executes a `class` statement, returning the (decorated) class.
pub fn exec_classdef(vm: &Vm, f: &mut Frame<'_>, cd: &ClassDef) -> PyResult<Value> {
    let decorators = super::stmt::eval_decorators(vm, f, &cd.decorators)?;
    let mut bases = Vec::new();
    for b in &cd.bases {
        match super::expr::eval(vm, f, b)? {
            Value::Type(t) => bases.push(t),
            other => {
                return Err(vm.type_error(format!(
                    "bases must be types, not {}",
                    type_name(vm, &other)
                )));
            }
        }
    }
    let mut class_kwargs = Vec::new();
    let mut abc_meta = false;
    for k in &cd.keywords {
        let v = super::expr::eval(vm, f, &k.value)?;
        match k.arg {
            Some(name) if name.as_str() == "metaclass" => {
                let ok = matches!(&v, Value::Type(t) if t.name == "type" || t.name == "ABCMeta");
                if !ok {
                    return Err(vm.unsupported("metaclasses other than type and ABCMeta"));
                }
                abc_meta = matches!(&v, Value::Type(t) if t.name == "ABCMeta");
            }
            Some(name) => class_kwargs.push((name, v)),
            None => return Err(vm.unsupported("** in a class header")),
        }
    }
    let ns = Rc::new(RefCell::new(AttrMap::default()));
    let module = f
        .globals
        .get(known::__name__)
        .unwrap_or(Value::str("__main__"));
    ns.borrow_mut().insert(known::__module__, module.clone());
    ns.borrow_mut()
        .insert(known::__qualname__, Value::str(&cd.qualname));
    // A docstring is the namespace's `__doc__` from the start of the body,
    // as CPython's compiler stores it.
    let doc = crate::builtins::attrs::doc_of(&cd.body);
    if !doc.is_none() {
        ns.borrow_mut().insert(known::__doc__, doc);
    }
    let closure: Vec<Rc<CellObj>> = cd
        .scope
        .free_sources
        .iter()
        .map(|&i| f.cells[i as usize].clone())
        .collect();
    let cells = super::call::build_cells(&cd.scope, &closure, &mut []);
    let mut frame = Frame {
        locals: &mut [],
        cells: &cells,
        globals: f.globals.clone(),
        class_ns: Some(ns.clone()),
        file: f.file,
        name: cd.name,
        generator: None,
        interactive: false,
        own_cells: cd.scope.n_cellvars,
        code: None,
    };
    {
        let _guard = vm.enter_call()?;
        super::depth::guarded(vm, || match exec_block(vm, &mut frame, &cd.body) {
            Err(Flow::Exc(e)) => {
                e.leave_frame(frame.name);
                Err(e)
            }
            _ => Ok(()),
        })?;
    }
    // The body may set `__module__` itself.
    let module_name = match ns.borrow().get(&known::__module__) {
        Some(Value::Str(s)) => s.as_str().to_owned(),
        _ => "__main__".to_owned(),
    };
    let dict = std::mem::take(&mut *ns.borrow_mut());
    let class = new_class(
        vm,
        cd.name.as_str(),
        &cd.qualname,
        &module_name,
        bases,
        dict,
    )?;
    if abc_meta {
        crate::stdlib::abc::mark_abc(&class);
    }
    // The implicit `__class__` cell used by `super()`.
    if cd.scope.uses_class_cell
        && let Some(i) = cd
            .scope
            .cell_names
            .iter()
            .position(|n| *n == known::__class__)
    {
        *frame.cells[i].value.borrow_mut() = Value::Type(class.clone());
    }
    init_subclass(vm, &class, class_kwargs)?;
    super::stmt::apply_decorators(vm, decorators, Value::Type(class))
}

/// Builds a class object from its namespace.
pub fn new_class(
    vm: &Vm,
    name: &str,
    qualname: &str,
    module: &str,
    bases: Vec<Rc<Type>>,
    dict: AttrMap,
) -> PyResult<Rc<Type>> {
    let bases = if bases.is_empty() {
        vec![vm.types.object.clone()]
    } else {
        bases
    };
    let mut layout = Layout::Object;
    for b in &bases {
        match b.layout {
            Layout::Exception => layout = Layout::Exception,
            Layout::Builtin if !Rc::ptr_eq(b, &vm.types.object) => {
                if b.name == "type" {
                    return Err(vm.unsupported("metaclasses (subclassing type)"));
                }
                return Err(vm.unsupported(format!("subclassing the builtin type '{}'", b.name)));
            }
            _ => {}
        }
    }
    let mro = c3_mro(&bases).map_err(|m| vm.type_error(m))?;
    let mut dict = dict;
    // `type.__new__` keeps the qualified name in the type, not its dict,
    // and adds the instance slots the best base lacks, then `__doc__`.
    dict.shift_remove(&known::__qualname__);
    let (base_dict, base_weak) = instance_slots(best_base(&bases));
    let own_slots = own_slot_names(&dict);
    let wants = |slot: &str| {
        own_slots
            .as_ref()
            .is_none_or(|s| s.iter().any(|n| n == slot))
    };
    for (slot, has, slot_name) in [
        (known::__dict__, base_dict, "__dict__"),
        (known::__weakref__, base_weak, "__weakref__"),
    ] {
        if !has && wants(slot_name) {
            let d = crate::builtins::descriptors::InstanceSlot {
                name: slot,
                owner: name.to_owned(),
            };
            dict.insert(slot, Value::native(d));
        }
    }
    if !dict.contains_key(&known::__doc__) {
        dict.insert(known::__doc__, Value::None);
    }
    // Defining `__eq__` without `__hash__` makes instances unhashable.
    if dict.contains_key(&known::__eq__) && !dict.contains_key(&known::__hash__) {
        dict.insert(known::__hash__, Value::None);
    }
    let class = Rc::new(Type {
        name: name.to_owned(),
        qualname: qualname.to_owned(),
        module: module.to_owned(),
        bases,
        mro,
        dict: RefCell::new(dict),
        layout,
        is_builtin: false,
        version: Cell::new(0),
        cache: Default::default(),
    });
    // `__set_name__` on descriptors defined in the body.
    let attrs: Vec<(crate::intern::Sym, Value)> = class
        .dict
        .borrow()
        .iter()
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    for (k, v) in attrs {
        if let Value::Instance(_) = &v
            && let Some(sn) = vm.type_of(&v).lookup(known::__set_name__)
        {
            call(
                vm,
                &sn,
                Args::new([
                    v.clone(),
                    Value::Type(class.clone()),
                    Value::str(k.as_str()),
                ]),
            )?;
        }
    }
    Ok(class)
}

/// The class whose instance layout a new class with these bases extends
/// (CPython's `best_base`): the first base whose solid base (the nearest
/// class adding fields of its own) is the most derived.
fn best_base(bases: &[Rc<Type>]) -> &Rc<Type> {
    let mut best = &bases[0];
    let mut best_solid = solid_base(best);
    for b in &bases[1..] {
        let s = solid_base(b);
        if s.mro_iter().any(|t| Rc::ptr_eq(t, &best_solid)) && !Rc::ptr_eq(&s, &best_solid) {
            best = b;
            best_solid = s;
        }
    }
    best
}

/// The nearest class of `t`'s line that adds instance fields: a builtin
/// type (exceptions count as such), or a class with non-empty `__slots__`.
fn solid_base(t: &Rc<Type>) -> Rc<Type> {
    if t.is_builtin || has_member_slots(t) {
        return t.clone();
    }
    solid_base(best_base(&t.bases))
}

/// Do `t`'s instances have a `__dict__` and a weak-reference slot?
fn instance_slots(t: &Rc<Type>) -> (bool, bool) {
    if t.is_builtin {
        // `object` has neither; `BaseException` and its kin a `__dict__`.
        return (t.layout == Layout::Exception, false);
    }
    let own = |slot: Sym| {
        matches!(t.dict.borrow().get(&slot), Some(v)
            if v.downcast::<crate::builtins::descriptors::InstanceSlot>().is_some())
    };
    let (d, w) = instance_slots(best_base(&t.bases));
    (d || own(known::__dict__), w || own(known::__weakref__))
}

/// Does the class's own `__slots__` name fields (CPython gives each a
/// member descriptor in the class dict, which apy does not)?
pub fn has_member_slots(t: &Type) -> bool {
    !member_slots(t).is_empty()
}

/// The name of the class of `t`'s MRO whose `__slots__` has a field
/// `name`, if one does.
pub fn slot_class_of(t: &Rc<Type>, name: &str) -> Option<String> {
    t.mro_iter()
        .filter(|c| !c.is_builtin)
        .find(|c| member_slots(c).iter().any(|n| n == name))
        .map(|c| c.name.clone())
}

/// The fields a class's own `__slots__` names (not `__dict__` or
/// `__weakref__`, which are slots of another kind).
fn member_slots(t: &Type) -> Vec<String> {
    let mut names = own_slot_names(&t.dict.borrow()).unwrap_or_default();
    names.retain(|n| n != "__dict__" && n != "__weakref__");
    names
}

/// The names a class body's `__slots__` lists (a string is one name);
/// `None` without `__slots__`, or when they are not plain strings.
fn own_slot_names(dict: &AttrMap) -> Option<Vec<String>> {
    match dict.get(&known::__slots__)? {
        Value::Str(s) => Some(vec![s.as_str().to_owned()]),
        Value::Tuple(t) => t
            .items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect(),
        Value::List(l) => l
            .items
            .borrow()
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect(),
        _ => None,
    }
}

fn init_subclass(
    vm: &Vm,
    class: &Rc<Type>,
    kwargs: Vec<(crate::intern::Sym, Value)>,
) -> PyResult<()> {
    // Look up `__init_subclass__` on the parent (skip the class itself).
    for t in class.mro.iter() {
        if let Some(f) = t.dict.borrow().get(&known::__init_subclass__).cloned() {
            let f = match f {
                Value::Native(n) => n
                    .descr_get(vm, &Value::Native(n.clone()), None, class)
                    .unwrap_or(Ok(Value::Native(n)))?,
                Value::Function(_) => Value::BoundMethod(Rc::new(crate::value::BoundMethod {
                    func: f,
                    receiver: Value::Type(class.clone()),
                })),
                other => other,
            };
            call(vm, &f, Args::with_kw([], kwargs))?;
            return Ok(());
        }
    }
    if !kwargs.is_empty() {
        return Err(vm.type_error(format!(
            "{}.__init_subclass__() takes no keyword arguments",
            class.name
        )));
    }
    Ok(())
}

/// `cls(*args, **kwargs)`.
pub fn call_type(vm: &Vm, t: &Rc<Type>, args: Args) -> PyResult<Value> {
    if t.is_builtin && t.layout == Layout::Builtin {
        return crate::builtins::construct_builtin(vm, t, args);
    }
    if let Some(r) =
        crate::stdlib::class_hook(vm, t, crate::stdlib::ClassOp::Call, &args.pos, &args.kw)?
    {
        return Ok(r);
    }
    crate::stdlib::abc::check_instantiable(vm, t)?;
    // `__new__`
    let new = t.lookup(known::__new__).filter(|n| !is_default_new(vm, n));
    let obj = match &new {
        None => {
            let inst = Instance::new_rc(t.clone());
            if let Some(d) = inst.exc() {
                d.borrow_mut().args = Value::tuple(args.pos.to_vec());
            }
            Value::Instance(inst)
        }
        Some(new) => {
            let new = match new {
                Value::Native(n) => n
                    .descr_get(vm, new, None, t)
                    .unwrap_or_else(|| Ok(new.clone()))?,
                other => other.clone(),
            };
            let mut a = Args::with_kw([Value::Type(t.clone())], args.kw.clone());
            a.pos.extend(args.pos.iter().cloned());
            call(vm, &new, a)?
        }
    };
    // `__init__` runs only when `__new__` returned an instance of `t`.
    if !vm.type_of(&obj).is_subtype(t) {
        return Ok(obj);
    }
    match t.lookup(known::__init__) {
        Some(Value::Builtin(b)) => {
            let overrides_new = new.is_some();
            if !overrides_new
                && (!args.pos.is_empty() || !args.kw.is_empty())
                && t.layout == Layout::Object
            {
                let _ = b;
                return Err(vm.type_error(format!("{}() takes no arguments", t.name)));
            }
            if t.layout == Layout::Exception && !args.kw.is_empty() {
                return Err(vm.type_error(format!("{}() takes no keyword arguments", t.name)));
            }
        }
        Some(init) => {
            let mut a = Args::with_kw([obj.clone()], args.kw);
            a.pos.extend(args.pos);
            let r = call(vm, &init, a)?;
            if !r.is_none() {
                return Err(vm.type_error(format!(
                    "__init__() should return None, not '{}'",
                    type_name(vm, &r)
                )));
            }
        }
        None => {}
    }
    Ok(obj)
}

/// `try: ... except* E: ...`: splits an exception group among handlers.
pub fn exec_try_star(
    vm: &Vm,
    f: &mut Frame<'_>,
    body: &[Stmt],
    handlers: &[ExceptHandler],
    orelse: &[Stmt],
    finalbody: &[Stmt],
) -> ExecResult {
    let r = match exec_block(vm, f, body) {
        Ok(()) => exec_block(vm, f, orelse),
        Err(Flow::Exc(e)) => crate::builtins::exceptions::handle_star(vm, f, handlers, e),
        Err(other) => Err(other),
    };
    run_finally(vm, f, r, finalbody)
}

impl Vm {
    /// An exception that stops the program with an `apy::unsupported`
    /// diagnostic: `construct` names what apy does not implement.
    pub fn unsupported(&self, construct: impl Into<String>) -> super::Exc {
        let e = self.new_exc(ExcKind::SystemError, construct.into());
        e.0.dict.borrow_mut().insert(
            crate::intern::Sym::new("__apy_unsupported__"),
            Value::Bool(true),
        );
        e.make_uncatchable();
        e
    }
}

/// Is `f` the `__new__` of `object` or `BaseException` (which need no call:
/// the instance is made directly)?
pub fn is_default_new(vm: &Vm, f: &Value) -> bool {
    let Value::Builtin(b) = f else { return false };
    let base = vm.exc_type(ExcKind::BaseException);
    [&vm.types.object, base].iter().any(|t| {
        matches!(t.dict.borrow().get(&known::__new__), Some(Value::Builtin(d)) if Rc::ptr_eq(d, b))
    })
}
