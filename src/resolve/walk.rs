//! The two walks of the resolver over statements, expressions and patterns.

use std::rc::Rc;

use super::scope::{ScopeData, ScopeKind, analyze};
use super::slots::{Layout, layout, slot_of};
use super::{Mode, ResolveOptions};
use crate::ast::*;
use crate::errors::CompileError;
use crate::eval::Globals;
use crate::intern::{Sym, known};

/// Walk state.
pub struct Resolver<'g> {
    globals: &'g Globals,
    options: ResolveOptions,
    mode: Mode,
    scopes: Vec<ScopeData>,
    layouts: Vec<Layout>,
    /// The scope stack (indices into `scopes`).
    stack: Vec<usize>,
    /// Scopes created so far in this walk (pre-order counter).
    next_scope: usize,
    /// Enclosing loops in the current scope (for break/continue).
    loops: Vec<bool>,
    /// Inside an `except*` handler (no break/continue/return).
    in_except_star: bool,
    /// Nesting depth of the node being visited (statements and
    /// expressions), against CPython's compile-time recursion limit.
    depth: u32,
}

/// CPython's compiler gives up on nesting deeper than this (its recursion
/// limit, 1000, times its stack-frame scale, 3).
const MAX_COMPILE_DEPTH: u32 = 3000;

fn too_deep(span: Span) -> CompileError {
    CompileError::Syntax {
        class: crate::errors::SyntaxClass::RecursionError,
        message: "maximum recursion depth exceeded during compilation".to_owned(),
        span,
        incomplete: false,
    }
}

type R<T> = Result<T, CompileError>;

fn err(msg: impl Into<String>, span: Span) -> CompileError {
    CompileError::syntax(msg, span)
}

impl<'g> Resolver<'g> {
    pub fn new(globals: &'g Globals, options: ResolveOptions) -> Resolver<'g> {
        Resolver {
            globals,
            options,
            mode: Mode::Collect,
            scopes: Vec::new(),
            layouts: Vec::new(),
            stack: Vec::new(),
            next_scope: 0,
            loops: Vec::new(),
            in_except_star: false,
            depth: 0,
        }
    }

    /// Runs both walks; returns whether the module body suspends.
    pub fn run(&mut self, module: &mut Module) -> R<bool> {
        self.mode = Mode::Collect;
        self.enter_scope(ScopeKind::Module, known::__main__, String::new());
        self.block(&mut module.body)?;
        self.stack.pop();
        analyze(&mut self.scopes)?;
        for i in 0..self.scopes.len() {
            let parent = self.scopes[i].parent.map(|p| &self.layouts[p]);
            let l = layout(&self.scopes[i], parent);
            self.layouts.push(l);
        }
        self.mode = Mode::Assign;
        self.next_scope = 0;
        self.enter_scope(ScopeKind::Module, known::__main__, String::new());
        let suspends = self.block(&mut module.body)?;
        self.stack.pop();
        module.scope = std::mem::take(&mut self.layouts[0].scope);
        Ok(suspends)
    }

    fn cur(&self) -> usize {
        *self.stack.last().unwrap_or(&0)
    }

    fn scope(&mut self) -> &mut ScopeData {
        let i = self.cur();
        &mut self.scopes[i]
    }

    /// Enters the next scope in pre-order (creating it in the first walk).
    fn enter_scope(&mut self, kind: ScopeKind, name: Sym, qualname: String) -> usize {
        let i = self.next_scope;
        self.next_scope += 1;
        if self.mode == Mode::Collect {
            let parent = self.stack.last().copied();
            self.scopes
                .push(ScopeData::new(kind, parent, name, qualname));
        }
        self.stack.push(i);
        i
    }

    /// The qualified name of a definition named `name` in the current scope.
    fn qualname(&self, name: &str) -> String {
        let s = &self.scopes[self.cur()];
        match s.kind {
            ScopeKind::Module => name.to_owned(),
            ScopeKind::Class => format!("{}.{name}", s.qualname),
            _ => format!("{}.<locals>.{name}", s.qualname),
        }
    }

    fn nearest_function(&self) -> Option<&ScopeData> {
        for &i in self.stack.iter().rev() {
            let s = &self.scopes[i];
            match s.kind {
                ScopeKind::Function => return Some(s),
                ScopeKind::Comprehension => continue,
                _ => return None,
            }
        }
        None
    }

    fn in_async_context(&self) -> bool {
        match self.nearest_function() {
            Some(f) => f.is_async,
            None => {
                self.options.top_level_await
                    && self.stack.iter().all(|&i| {
                        matches!(
                            self.scopes[i].kind,
                            ScopeKind::Module | ScopeKind::Comprehension
                        )
                    })
            }
        }
    }

    /// Records a binding of `name` (first walk) or resolves it (second).
    fn bind(&mut self, n: &mut NameRef, span: Span) -> R<()> {
        match self.mode {
            Mode::Collect => {
                let s = self.scope();
                s.first_seen.entry(n.id).or_insert((span, true));
                s.bound.insert(n.id);
            }
            Mode::Assign => n.slot = self.slot(n.id),
        }
        Ok(())
    }

    fn use_name(&mut self, n: &mut NameRef, span: Span) {
        match self.mode {
            Mode::Collect => {
                let s = self.scope();
                s.first_seen.entry(n.id).or_insert((span, false));
                s.uses.insert(n.id);
            }
            Mode::Assign => n.slot = self.slot(n.id),
        }
    }

    fn slot(&self, name: Sym) -> Slot {
        let i = self.cur();
        slot_of(&self.scopes[i], &self.layouts[i], self.globals, name)
    }

    fn block(&mut self, body: &mut [Stmt]) -> R<bool> {
        let mut any = false;
        for s in body {
            any |= self.stmt(s)?;
        }
        Ok(any)
    }

    /// Visits a statement; returns whether it suspends.
    fn stmt(&mut self, s: &mut Stmt) -> R<bool> {
        self.depth += 1;
        let r = self.stmt_inner(s);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &mut Stmt) -> R<bool> {
        let span = s.span;
        if self.depth > MAX_COMPILE_DEPTH {
            return Err(too_deep(span));
        }
        let suspends = match &mut s.kind {
            StmtKind::Expr(e) => self.expr(e)?,
            StmtKind::Assign { targets, value } => {
                let mut sus = self.expr(value)?;
                for t in targets {
                    sus |= self.target(t)?;
                }
                sus
            }
            StmtKind::AugAssign { target, value, .. } => {
                let v = self.expr(value)?;
                let t = self.target(target)?;
                if t {
                    return Err(CompileError::unsupported(
                        "await inside an augmented assignment target",
                        span,
                    ));
                }
                v
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                let mut sus = false;
                if let Some(v) = value {
                    sus |= self.expr(v)?;
                }
                if *simple && self.scopes[self.cur()].kind != ScopeKind::Function {
                    self.expr(annotation)?;
                } else if !*simple {
                    // Not evaluated for complex targets in functions either.
                }
                if value.is_some() || *simple {
                    sus |= self.target(target)?;
                }
                sus
            }
            StmtKind::Pass => false,
            StmtKind::Break | StmtKind::Continue => {
                let word = if matches!(s.kind, StmtKind::Break) {
                    "break"
                } else {
                    "continue"
                };
                if self.mode == Mode::Collect {
                    if self.in_except_star && self.loops.last() != Some(&true) {
                        return Err(err(
                            "'break', 'continue' and 'return' cannot appear in an except* block",
                            span,
                        ));
                    }
                    if self.loops.is_empty() {
                        return Err(err(
                            if word == "break" {
                                "'break' outside loop"
                            } else {
                                "'continue' not properly in loop"
                            },
                            span,
                        ));
                    }
                }
                false
            }
            StmtKind::Return(v) => {
                if self.mode == Mode::Collect {
                    if self.nearest_function().is_none() {
                        return Err(err("'return' outside function", span));
                    }
                    if self.in_except_star {
                        return Err(err(
                            "'break', 'continue' and 'return' cannot appear in an except* block",
                            span,
                        ));
                    }
                    if let Some(f) = self.nearest_function()
                        && f.is_async
                        && f.has_yield
                        && v.is_some()
                    {
                        return Err(err("'return' with value in async generator", span));
                    }
                }
                match v {
                    Some(e) => self.expr(e)?,
                    None => false,
                }
            }
            StmtKind::Delete(targets) => {
                let mut sus = false;
                for t in targets {
                    sus |= self.target(t)?;
                }
                if sus {
                    return Err(CompileError::unsupported("await inside a del target", span));
                }
                false
            }
            StmtKind::Global(names) => {
                for (name, nspan) in names.iter() {
                    self.declare(*name, *nspan, true)?;
                }
                false
            }
            StmtKind::Nonlocal(names) => {
                for (name, nspan) in names.iter() {
                    self.declare(*name, *nspan, false)?;
                }
                false
            }
            StmtKind::Assert { test, msg } => {
                let mut sus = self.expr(test)?;
                if let Some(m) = msg {
                    sus |= self.expr(m)?;
                }
                sus
            }
            StmtKind::Raise { exc, cause } => {
                let mut sus = false;
                if let Some(e) = exc {
                    sus |= self.expr(e)?;
                }
                if let Some(c) = cause {
                    sus |= self.expr(c)?;
                }
                sus
            }
            StmtKind::If { test, body, orelse } => {
                let mut sus = self.expr(test)?;
                sus |= self.block(body)?;
                sus |= self.block(orelse)?;
                sus
            }
            StmtKind::While { test, body, orelse } => {
                let mut sus = self.expr(test)?;
                self.loops.push(true);
                sus |= self.block(body)?;
                self.loops.pop();
                sus |= self.block(orelse)?;
                sus
            }
            StmtKind::For {
                is_async,
                target,
                iter,
                body,
                orelse,
            } => {
                if *is_async && self.mode == Mode::Collect && !self.in_async_context() {
                    return Err(err("'async for' outside async function", span));
                }
                let mut sus = self.expr(iter)?;
                sus |= self.target(target)?;
                self.loops.push(true);
                sus |= self.block(body)?;
                self.loops.pop();
                sus |= self.block(orelse)?;
                if *is_async {
                    self.mark_suspends();
                }
                sus || *is_async
            }
            StmtKind::With {
                is_async,
                items,
                body,
            } => {
                if *is_async && self.mode == Mode::Collect && !self.in_async_context() {
                    return Err(err("'async with' outside async function", span));
                }
                let mut sus = false;
                for item in items.iter_mut() {
                    sus |= self.expr(&mut item.context)?;
                    if let Some(t) = &mut item.target {
                        sus |= self.target(t)?;
                    }
                }
                sus |= self.block(body)?;
                if *is_async {
                    self.mark_suspends();
                }
                sus || *is_async
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => {
                let mut sus = self.block(body)?;
                for h in handlers.iter_mut() {
                    if let Some(t) = &mut h.typ {
                        sus |= self.expr(t)?;
                    }
                    if let Some(n) = &mut h.name {
                        self.bind(n, h.span)?;
                    }
                    let saved = self.in_except_star;
                    let saved_loops = std::mem::take(&mut self.loops);
                    if *is_star {
                        self.in_except_star = true;
                        self.loops = saved_loops.iter().map(|_| false).collect();
                    } else {
                        self.loops = saved_loops.clone();
                    }
                    let hs = self.block(&mut h.body)?;
                    self.loops = saved_loops;
                    self.in_except_star = saved;
                    if hs && *is_star {
                        return Err(CompileError::unsupported(
                            "await inside an except* handler",
                            h.span,
                        ));
                    }
                    sus |= hs;
                }
                sus |= self.block(orelse)?;
                sus |= self.block(finalbody)?;
                sus
            }
            StmtKind::FunctionDef(def) => {
                let def = Rc::get_mut(def)
                    .ok_or_else(|| CompileError::unsupported("shared function body", span))?;
                let pre = self.function(def)?;
                if pre {
                    return Err(CompileError::unsupported(
                        "await in a decorator or default value",
                        span,
                    ));
                }
                let mut binding = def.binding;
                self.bind(&mut binding, span)?;
                def.binding = binding;
                false
            }
            StmtKind::ClassDef(cd) => {
                let cd = Rc::get_mut(cd)
                    .ok_or_else(|| CompileError::unsupported("shared class body", span))?;
                let pre = self.class(cd)?;
                if pre {
                    return Err(CompileError::unsupported(
                        "await in a class header or decorator",
                        span,
                    ));
                }
                let mut binding = cd.binding;
                self.bind(&mut binding, span)?;
                cd.binding = binding;
                false
            }
            StmtKind::Import(aliases) => {
                for a in aliases.iter_mut() {
                    let mut t = a.target;
                    self.bind(&mut t, a.span)?;
                    a.target = t;
                }
                false
            }
            StmtKind::ImportFrom { names, .. } => {
                if names.is_empty()
                    && self.scopes[self.cur()].kind != ScopeKind::Module
                    && self.mode == Mode::Collect
                {
                    return Err(err("import * only allowed at module level", span));
                }
                for a in names.iter_mut() {
                    let mut t = a.target;
                    self.bind(&mut t, a.span)?;
                    a.target = t;
                }
                false
            }
            StmtKind::Match { subject, cases } => {
                let mut sus = self.expr(subject)?;
                for c in cases.iter_mut() {
                    self.pattern(&mut c.pattern)?;
                    if let Some(g) = &mut c.guard {
                        sus |= self.expr(g)?;
                    }
                    sus |= self.block(&mut c.body)?;
                }
                sus
            }
        };
        if self.mode == Mode::Assign {
            s.suspends = suspends;
        }
        Ok(suspends)
    }

    fn mark_suspends(&mut self) {
        if self.mode == Mode::Collect {
            for &i in self.stack.iter().rev() {
                let s = &mut self.scopes[i];
                s.suspends = true;
                if s.kind != ScopeKind::Comprehension {
                    break;
                }
            }
        }
    }

    /// `global` / `nonlocal` declarations with CPython's ordering errors.
    fn declare(&mut self, name: Sym, span: Span, global: bool) -> R<()> {
        if self.mode != Mode::Collect {
            return Ok(());
        }
        let word = if global { "global" } else { "nonlocal" };
        let s = &self.scopes[self.cur()];
        if !global && s.kind == ScopeKind::Module {
            return Err(err(
                "nonlocal declaration not allowed at module level",
                span,
            ));
        }
        if s.params.contains(&name) {
            return Err(err(format!("name '{name}' is parameter and {word}"), span));
        }
        if global && s.nonlocals.contains(&name) {
            return Err(err(format!("name '{name}' is nonlocal and global"), span));
        }
        if !global && s.globals.contains(&name) {
            return Err(err(format!("name '{name}' is nonlocal and global"), span));
        }
        if let Some(&(_, was_bound)) = s.first_seen.get(&name) {
            let already = if global {
                s.globals.contains(&name)
            } else {
                s.nonlocals.contains(&name)
            };
            if !already {
                let what = if was_bound { "assigned to" } else { "used" };
                return Err(err(
                    format!("name '{name}' is {what} before {word} declaration"),
                    span,
                ));
            }
        }
        let s = self.scope();
        s.first_seen.entry(name).or_insert((span, false));
        if global {
            s.globals.insert(name);
        } else {
            s.nonlocals.insert(name);
        }
        Ok(())
    }

    /// Visits `def`: decorators, defaults and annotations in the current
    /// scope, the body in a new one. Returns whether the outer parts suspend.
    fn function(&mut self, def: &mut FunctionDef) -> R<bool> {
        let mut sus = false;
        for d in def.decorators.iter_mut() {
            sus |= self.expr(d)?;
        }
        for p in def
            .params
            .posonly
            .iter_mut()
            .chain(def.params.args.iter_mut())
            .chain(def.params.kwonly.iter_mut())
        {
            if let Some(d) = &mut p.default {
                sus |= self.expr(d)?;
            }
        }
        // Annotations are evaluated after the defaults, in this scope.
        let annotations = def
            .params
            .posonly
            .iter_mut()
            .chain(def.params.args.iter_mut())
            .chain(def.params.vararg.iter_mut())
            .chain(def.params.kwonly.iter_mut())
            .chain(def.params.kwarg.iter_mut())
            .filter_map(|p| p.annotation.as_mut())
            .chain(def.returns.as_mut());
        for a in annotations {
            if self.expr(a)? {
                return Err(CompileError::unsupported("await in an annotation", a.span));
            }
        }
        let qualname = self.qualname(def.name.as_str());
        let idx = self.enter_scope(ScopeKind::Function, def.name, qualname.clone());
        if self.mode == Mode::Collect {
            let params: Vec<Sym> = def.params.all().map(|p| p.name).collect();
            let s = &mut self.scopes[idx];
            s.is_async = def.is_async;
            for &p in &params {
                s.bound.insert(p);
            }
            s.params = params;
        }
        let saved_loops = std::mem::take(&mut self.loops);
        let saved_star = std::mem::replace(&mut self.in_except_star, false);
        let r = self.block(&mut def.body);
        self.loops = saved_loops;
        self.in_except_star = saved_star;
        r?;
        self.stack.pop();
        if self.mode == Mode::Assign {
            def.scope = std::mem::take(&mut self.layouts[idx].scope);
            def.qualname = qualname;
        } else if def.is_async && self.scopes[idx].has_yield {
            // Checked here because `return` may come before the `yield`.
        }
        Ok(sus)
    }

    fn class(&mut self, cd: &mut ClassDef) -> R<bool> {
        let mut sus = false;
        for d in cd.decorators.iter_mut() {
            sus |= self.expr(d)?;
        }
        for b in cd.bases.iter_mut() {
            sus |= self.expr(b)?;
        }
        for k in cd.keywords.iter_mut() {
            sus |= self.expr(&mut k.value)?;
        }
        let qualname = self.qualname(cd.name.as_str());
        let idx = self.enter_scope(ScopeKind::Class, cd.name, qualname.clone());
        let saved_loops = std::mem::take(&mut self.loops);
        let r = self.block(&mut cd.body);
        self.loops = saved_loops;
        r?;
        self.stack.pop();
        if self.mode == Mode::Assign {
            cd.scope = std::mem::take(&mut self.layouts[idx].scope);
            cd.qualname = qualname;
        }
        Ok(sus)
    }

    /// Visits an assignment target; returns whether it suspends.
    fn target(&mut self, t: &mut Expr) -> R<bool> {
        let span = t.span;
        let sus = match &mut t.kind {
            ExprKind::Name(n) => {
                self.bind(n, span)?;
                false
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let mut sus = false;
                for i in items {
                    sus |= self.target(i)?;
                }
                sus
            }
            ExprKind::Starred(inner) => self.target(inner)?,
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, index } => {
                let a = self.expr(value)?;
                let b = self.expr(index)?;
                a || b
            }
            _ => self.expr(t)?,
        };
        if sus {
            return Err(CompileError::unsupported(
                "await inside an assignment target",
                span,
            ));
        }
        if self.mode == Mode::Assign {
            t.suspends = false;
        }
        Ok(false)
    }

    /// Visits an expression; returns whether it suspends.
    fn expr(&mut self, e: &mut Expr) -> R<bool> {
        self.depth += 1;
        let r = self.expr_inner(e);
        self.depth -= 1;
        r
    }

    fn expr_inner(&mut self, e: &mut Expr) -> R<bool> {
        let span = e.span;
        if self.depth > MAX_COMPILE_DEPTH {
            return Err(too_deep(span));
        }
        let sus = match &mut e.kind {
            ExprKind::Name(n) => {
                self.use_name(n, span);
                false
            }
            ExprKind::Constant(c) => {
                if let Constant::Imaginary(_) = c {
                    return Err(CompileError::unsupported("complex numbers", span));
                }
                false
            }
            ExprKind::FString(parts) => self.fstring(parts)?,
            ExprKind::BoolOp { values, .. } => self.exprs(values)?,
            ExprKind::NamedExpr { target, value } => {
                let sus = self.expr(value)?;
                self.named_target(target, span)?;
                sus
            }
            ExprKind::BinOp { left, right, .. } => {
                let a = self.expr(left)?;
                let b = self.expr(right)?;
                a || b
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand)?,
            ExprKind::Lambda(def) => {
                let def = Rc::get_mut(def)
                    .ok_or_else(|| CompileError::unsupported("shared lambda", span))?;
                self.function(def)?
            }
            ExprKind::IfExp { test, body, orelse } => {
                let a = self.expr(test)?;
                let b = self.expr(body)?;
                let c = self.expr(orelse)?;
                a || b || c
            }
            ExprKind::Dict { keys, values } => {
                let mut sus = false;
                for (k, v) in keys.iter_mut().zip(values.iter_mut()) {
                    if let Some(k) = k {
                        sus |= self.expr(k)?;
                    }
                    sus |= self.expr(v)?;
                }
                sus
            }
            ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) => {
                self.exprs(items)?
            }
            ExprKind::Comprehension(comp) => {
                let comp = Rc::get_mut(comp)
                    .ok_or_else(|| CompileError::unsupported("shared comprehension", span))?;
                self.comprehension(comp)?
            }
            ExprKind::Await(inner) => {
                if self.mode == Mode::Collect {
                    self.check_await(span)?;
                }
                self.expr(inner)?;
                self.mark_suspends();
                true
            }
            ExprKind::Yield(v) => {
                self.check_yield(span)?;
                if let Some(v) = v {
                    self.expr(v)?;
                }
                true
            }
            ExprKind::YieldFrom(v) => {
                self.check_yield(span)?;
                if self.mode == Mode::Collect
                    && let Some(f) = self.nearest_function()
                    && f.is_async
                {
                    return Err(err("'yield from' inside async function", span));
                }
                self.expr(v)?;
                true
            }
            ExprKind::Compare {
                left, comparators, ..
            } => {
                let a = self.expr(left)?;
                let b = self.exprs(comparators)?;
                a || b
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                if let ExprKind::Name(n) = &func.kind
                    && n.id.as_str() == "super"
                    && args.is_empty()
                    && keywords.is_empty()
                {
                    self.zero_arg_super(args, span);
                }
                let mut sus = self.expr(func)?;
                sus |= self.exprs(args)?;
                for k in keywords.iter_mut() {
                    sus |= self.expr(&mut k.value)?;
                }
                sus
            }
            ExprKind::Attribute { value, .. } => self.expr(value)?,
            ExprKind::Subscript { value, index } => {
                let a = self.expr(value)?;
                let b = self.expr(index)?;
                a || b
            }
            ExprKind::Starred(inner) => self.expr(inner)?,
            ExprKind::Slice { lower, upper, step } => {
                let mut sus = false;
                for part in [lower, upper, step].into_iter().flatten() {
                    sus |= self.expr(part)?;
                }
                sus
            }
        };
        if self.mode == Mode::Assign {
            e.suspends = sus;
        }
        Ok(sus)
    }

    fn exprs(&mut self, items: &mut [Expr]) -> R<bool> {
        let mut sus = false;
        for i in items {
            sus |= self.expr(i)?;
        }
        Ok(sus)
    }

    fn fstring(&mut self, parts: &mut [FStringPart]) -> R<bool> {
        let mut sus = false;
        for p in parts {
            if let FStringPart::Field(f) = p {
                sus |= self.expr(&mut f.value)?;
                if let Some(spec) = &mut f.format_spec {
                    sus |= self.fstring(spec)?;
                }
            }
        }
        Ok(sus)
    }

    /// `super()` inside a method becomes `super(__class__, <first arg>)`.
    fn zero_arg_super(&mut self, args: &mut Vec<Expr>, span: Span) {
        match self.mode {
            Mode::Collect => {
                if let Some(&i) = self
                    .stack
                    .iter()
                    .rev()
                    .find(|&&i| self.scopes[i].kind == ScopeKind::Function)
                {
                    self.scopes[i].uses_super = true;
                }
            }
            Mode::Assign => {
                let Some(&i) = self
                    .stack
                    .iter()
                    .rev()
                    .find(|&&i| self.scopes[i].kind == ScopeKind::Function)
                else {
                    return;
                };
                let Some(&first) = self.scopes[i].params.first() else {
                    return;
                };
                if !self.scopes[i].freevars.contains(&known::__class__) {
                    return;
                }
                args.push(Expr::new(
                    ExprKind::Name(NameRef::new(known::__class__)),
                    span,
                ));
                args.push(Expr::new(ExprKind::Name(NameRef::new(first)), span));
            }
        }
    }

    fn check_await(&self, span: Span) -> R<()> {
        let s = &self.scopes[self.cur()];
        match self.nearest_function() {
            Some(f) if f.is_async => Ok(()),
            Some(_) => Err(err("'await' outside async function", span)),
            None => {
                if self.in_async_context() {
                    Ok(())
                } else if s.kind == ScopeKind::Comprehension || s.kind == ScopeKind::Class {
                    Err(err("'await' outside async function", span))
                } else {
                    Err(err("'await' outside function", span))
                }
            }
        }
    }

    fn check_yield(&mut self, span: Span) -> R<()> {
        if self.mode != Mode::Collect {
            return Ok(());
        }
        let s = &self.scopes[self.cur()];
        match s.kind {
            ScopeKind::Module | ScopeKind::Class => {
                return Err(err("'yield' outside function", span));
            }
            ScopeKind::Comprehension => {
                return Err(err(format!("'yield' inside {}", s.qualname), span));
            }
            ScopeKind::Function => {}
        }
        let s = self.scope();
        s.has_yield = true;
        s.suspends = true;
        Ok(())
    }

    /// The target of `:=`: bound in the nearest non-comprehension scope.
    fn named_target(&mut self, target: &mut NameRef, span: Span) -> R<()> {
        let in_comp = self.scopes[self.cur()].kind == ScopeKind::Comprehension;
        if !in_comp {
            return self.bind(target, span);
        }
        match self.mode {
            Mode::Collect => {
                let mut comps = Vec::new();
                let mut owner = None;
                for &i in self.stack.iter().rev() {
                    if self.scopes[i].kind == ScopeKind::Comprehension {
                        comps.push(i);
                    } else {
                        owner = Some(i);
                        break;
                    }
                }
                let Some(owner) = owner else { return Ok(()) };
                match self.scopes[owner].kind {
                    ScopeKind::Class => {
                        return Err(err(
                            "assignment expression within a comprehension cannot be used in a class body",
                            span,
                        ));
                    }
                    ScopeKind::Module => {
                        for c in comps {
                            self.scopes[c].globals.insert(target.id);
                        }
                        self.scopes[owner].bound.insert(target.id);
                    }
                    _ => {
                        for c in comps {
                            self.scopes[c].nonlocals.insert(target.id);
                            self.scopes[c]
                                .first_seen
                                .entry(target.id)
                                .or_insert((span, true));
                        }
                        self.scopes[owner].bound.insert(target.id);
                    }
                }
                Ok(())
            }
            Mode::Assign => {
                target.slot = self.slot(target.id);
                Ok(())
            }
        }
    }

    /// A comprehension: the first iterable in the current scope, the rest
    /// in a new one.
    fn comprehension(&mut self, comp: &mut Comprehension) -> R<bool> {
        let first_sus = self.expr(&mut comp.generators[0].iter)?;
        let label = match comp.kind {
            ComprehensionKind::List => "list comprehension",
            ComprehensionKind::Set => "set comprehension",
            ComprehensionKind::Dict => "dict comprehension",
            ComprehensionKind::Generator => "generator expression",
        };
        let name = Sym::new(match comp.kind {
            ComprehensionKind::List => "<listcomp>",
            ComprehensionKind::Set => "<setcomp>",
            ComprehensionKind::Dict => "<dictcomp>",
            ComprehensionKind::Generator => "<genexpr>",
        });
        let outer_async = self.in_async_context();
        let idx = self.enter_scope(ScopeKind::Comprehension, name, label.to_owned());
        if self.mode == Mode::Collect {
            self.scopes[idx].is_async = outer_async;
        }
        let mut inner_sus = false;
        let n = comp.generators.len();
        for (i, cf) in comp.generators.iter_mut().enumerate() {
            if i > 0 {
                inner_sus |= self.expr(&mut cf.iter)?;
            }
            self.target(&mut cf.target)?;
            for cond in cf.ifs.iter_mut() {
                inner_sus |= self.expr(cond)?;
            }
            if cf.is_async {
                inner_sus = true;
            }
            let _ = n;
        }
        inner_sus |= self.expr(&mut comp.elt)?;
        if let Some(v) = &mut comp.value {
            inner_sus |= self.expr(v)?;
        }
        self.stack.pop();
        let is_async = inner_sus;
        if self.mode == Mode::Collect
            && is_async
            && comp.kind != ComprehensionKind::Generator
            && !outer_async
        {
            return Err(err(
                "asynchronous comprehension outside of an asynchronous function",
                comp.span,
            ));
        }
        if self.mode == Mode::Assign {
            comp.scope = std::mem::take(&mut self.layouts[idx].scope);
            comp.is_async = is_async;
        }
        if is_async && comp.kind != ComprehensionKind::Generator {
            self.mark_suspends();
        }
        Ok(first_sus || (is_async && comp.kind != ComprehensionKind::Generator))
    }

    fn pattern(&mut self, p: &mut Pattern) -> R<()> {
        let span = p.span;
        match &mut p.kind {
            PatternKind::Value(e) => {
                self.expr(e)?;
            }
            PatternKind::Singleton(_) => {}
            PatternKind::Sequence(items) | PatternKind::Or(items) => {
                for i in items {
                    self.pattern(i)?;
                }
            }
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => {
                for k in keys {
                    self.expr(k)?;
                }
                for i in patterns {
                    self.pattern(i)?;
                }
                if let Some(r) = rest {
                    self.bind(r, span)?;
                }
            }
            PatternKind::Class {
                cls,
                patterns,
                kwd_patterns,
                ..
            } => {
                self.expr(cls)?;
                for i in patterns.iter_mut().chain(kwd_patterns.iter_mut()) {
                    self.pattern(i)?;
                }
            }
            PatternKind::Star(name) => {
                if let Some(n) = name {
                    self.bind(n, span)?;
                }
            }
            PatternKind::As { pattern, name } => {
                if let Some(p) = pattern {
                    self.pattern(p)?;
                }
                if let Some(n) = name {
                    self.bind(n, span)?;
                }
            }
        }
        Ok(())
    }
}
