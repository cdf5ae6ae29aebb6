//! What the `never-run` rule needs from a block's syntax tree: the
//! top-level `async def` names, and every name that is read (a `Name` in
//! load context, as `ast.walk` would find it).

use std::collections::HashSet;

use crate::ast::{Expr, ExprKind, FStringPart, Module, Pattern, PatternKind, Span, Stmt, StmtKind};

/// A top-level `async def`.
#[derive(Clone, Debug)]
pub struct AsyncDef {
    pub name: String,
    /// Span of its header (`async def name(...)`), block-relative.
    pub header: Span,
    /// It can be called with no arguments.
    pub no_args: bool,
}

/// The top-level `async def`s of a module, in order.
pub fn top_async_defs(module: &Module) -> Vec<AsyncDef> {
    module
        .body
        .iter()
        .filter_map(|s| match &s.kind {
            StmtKind::FunctionDef(f) if f.is_async => {
                let p = &f.params;
                let no_args = p
                    .posonly
                    .iter()
                    .chain(p.args.iter())
                    .all(|a| a.default.is_some())
                    && p.kwonly.iter().all(|a| a.default.is_some());
                Some(AsyncDef {
                    name: f.name.as_str().to_owned(),
                    header: f.header_span,
                    no_args,
                })
            }
            _ => None,
        })
        .collect()
}

/// Every name read anywhere in the module.
pub fn loaded_names(module: &Module) -> HashSet<String> {
    let mut acc = HashSet::new();
    for s in &module.body {
        stmt(s, &mut acc);
    }
    acc
}

fn stmts(body: &[Stmt], acc: &mut HashSet<String>) {
    for s in body {
        stmt(s, acc);
    }
}

fn stmt(s: &Stmt, acc: &mut HashSet<String>) {
    match &s.kind {
        StmtKind::Expr(e) => expr(e, acc, false),
        StmtKind::Assign { targets, value } => {
            for t in targets {
                expr(t, acc, true);
            }
            expr(value, acc, false);
        }
        StmtKind::AugAssign { target, value, .. } => {
            expr(target, acc, true);
            expr(value, acc, false);
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            expr(target, acc, true);
            expr(annotation, acc, false);
            if let Some(v) = value {
                expr(v, acc, false);
            }
        }
        StmtKind::Pass
        | StmtKind::Break
        | StmtKind::Continue
        | StmtKind::Global(_)
        | StmtKind::Nonlocal(_)
        | StmtKind::Import(_)
        | StmtKind::ImportFrom { .. } => {}
        StmtKind::Return(v) => {
            if let Some(v) = v {
                expr(v, acc, false);
            }
        }
        StmtKind::Delete(targets) => {
            for t in targets {
                expr(t, acc, true);
            }
        }
        StmtKind::Assert { test, msg } => {
            expr(test, acc, false);
            if let Some(m) = msg {
                expr(m, acc, false);
            }
        }
        StmtKind::Raise { exc, cause } => {
            for e in exc.iter().chain(cause.iter()) {
                expr(e, acc, false);
            }
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            expr(test, acc, false);
            stmts(body, acc);
            stmts(orelse, acc);
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            expr(target, acc, true);
            expr(iter, acc, false);
            stmts(body, acc);
            stmts(orelse, acc);
        }
        StmtKind::With { items, body, .. } => {
            for item in items {
                expr(&item.context, acc, false);
                if let Some(t) = &item.target {
                    expr(t, acc, true);
                }
            }
            stmts(body, acc);
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            stmts(body, acc);
            for h in handlers {
                if let Some(t) = &h.typ {
                    expr(t, acc, false);
                }
                stmts(&h.body, acc);
            }
            stmts(orelse, acc);
            stmts(finalbody, acc);
        }
        StmtKind::FunctionDef(f) => {
            for d in &f.decorators {
                expr(d, acc, false);
            }
            for p in f.params.all() {
                if let Some(a) = &p.annotation {
                    expr(a, acc, false);
                }
                if let Some(d) = &p.default {
                    expr(d, acc, false);
                }
            }
            if let Some(r) = &f.returns {
                expr(r, acc, false);
            }
            stmts(&f.body, acc);
        }
        StmtKind::ClassDef(c) => {
            for d in &c.decorators {
                expr(d, acc, false);
            }
            for b in &c.bases {
                expr(b, acc, false);
            }
            for k in &c.keywords {
                expr(&k.value, acc, false);
            }
            stmts(&c.body, acc);
        }
        StmtKind::Match { subject, cases } => {
            expr(subject, acc, false);
            for case in cases {
                pattern(&case.pattern, acc);
                if let Some(g) = &case.guard {
                    expr(g, acc, false);
                }
                stmts(&case.body, acc);
            }
        }
    }
}

fn pattern(p: &Pattern, acc: &mut HashSet<String>) {
    match &p.kind {
        PatternKind::Value(e) => expr(e, acc, false),
        PatternKind::Singleton(_) | PatternKind::Star(_) => {}
        PatternKind::Sequence(ps) | PatternKind::Or(ps) => {
            for p in ps {
                pattern(p, acc);
            }
        }
        PatternKind::Mapping { keys, patterns, .. } => {
            for k in keys {
                expr(k, acc, false);
            }
            for p in patterns {
                pattern(p, acc);
            }
        }
        PatternKind::Class {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            expr(cls, acc, false);
            for p in patterns.iter().chain(kwd_patterns.iter()) {
                pattern(p, acc);
            }
        }
        PatternKind::As { pattern: inner, .. } => {
            if let Some(p) = inner {
                pattern(p, acc);
            }
        }
    }
}

fn fstring(parts: &[FStringPart], acc: &mut HashSet<String>) {
    for part in parts {
        if let FStringPart::Field(f) = part {
            expr(&f.value, acc, false);
            if let Some(spec) = &f.format_spec {
                fstring(spec, acc);
            }
        }
    }
}

/// Walks an expression; `store` marks an assignment (or `del`) target,
/// whose bare names are not reads.
fn expr(e: &Expr, acc: &mut HashSet<String>, store: bool) {
    match &e.kind {
        ExprKind::Name(n) => {
            if !store {
                acc.insert(n.id.as_str().to_owned());
            }
        }
        ExprKind::Constant(_) => {}
        ExprKind::FString(parts) => fstring(parts, acc),
        ExprKind::BoolOp { values, .. } => {
            for v in values {
                expr(v, acc, false);
            }
        }
        ExprKind::NamedExpr { value, .. } => expr(value, acc, false),
        ExprKind::BinOp { left, right, .. } => {
            expr(left, acc, false);
            expr(right, acc, false);
        }
        ExprKind::UnaryOp { operand, .. } => expr(operand, acc, false),
        ExprKind::Lambda(f) => {
            for p in f.params.all() {
                if let Some(d) = &p.default {
                    expr(d, acc, false);
                }
            }
            stmts(&f.body, acc);
        }
        ExprKind::IfExp { test, body, orelse } => {
            expr(test, acc, false);
            expr(body, acc, false);
            expr(orelse, acc, false);
        }
        ExprKind::Dict { keys, values } => {
            for k in keys.iter().flatten() {
                expr(k, acc, false);
            }
            for v in values {
                expr(v, acc, false);
            }
        }
        ExprKind::Set(items) => {
            for i in items {
                expr(i, acc, false);
            }
        }
        ExprKind::List(items) | ExprKind::Tuple(items) => {
            for i in items {
                expr(i, acc, store);
            }
        }
        ExprKind::Comprehension(c) => {
            expr(&c.elt, acc, false);
            if let Some(v) = &c.value {
                expr(v, acc, false);
            }
            for g in &c.generators {
                expr(&g.target, acc, true);
                expr(&g.iter, acc, false);
                for cond in &g.ifs {
                    expr(cond, acc, false);
                }
            }
        }
        ExprKind::Await(v) | ExprKind::YieldFrom(v) => expr(v, acc, false),
        ExprKind::Yield(v) => {
            if let Some(v) = v {
                expr(v, acc, false);
            }
        }
        ExprKind::Compare {
            left, comparators, ..
        } => {
            expr(left, acc, false);
            for c in comparators {
                expr(c, acc, false);
            }
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            expr(func, acc, false);
            for a in args {
                expr(a, acc, false);
            }
            for k in keywords {
                expr(&k.value, acc, false);
            }
        }
        ExprKind::Attribute { value, .. } => expr(value, acc, false),
        ExprKind::Subscript { value, index } => {
            expr(value, acc, false);
            expr(index, acc, false);
        }
        ExprKind::Starred(v) => expr(v, acc, store),
        ExprKind::Slice { lower, upper, step } => {
            for part in [lower, upper, step].into_iter().flatten() {
                expr(part, acc, false);
            }
        }
    }
}

/// Calls in the module whose callee is named `name` (`name(...)` or
/// `x.name(...)`), as block-relative spans, in source order.
pub fn calls_named(module: &Module, name: &str) -> Vec<(Span, Option<f64>)> {
    let mut found = Vec::new();
    let mut visit = |e: &Expr| {
        if let ExprKind::Call { func, args, .. } = &e.kind {
            let callee = match &func.kind {
                ExprKind::Name(n) => Some(n.id.as_str()),
                ExprKind::Attribute { attr, .. } => Some(attr.as_str()),
                _ => None,
            };
            if callee == Some(name) {
                let first = args.first().and_then(|a| match &a.kind {
                    ExprKind::Constant(crate::ast::Constant::Int(i)) => Some(*i as f64),
                    ExprKind::Constant(crate::ast::Constant::Float(f)) => Some(*f),
                    _ => None,
                });
                found.push((e.span, first));
            }
        }
    };
    for s in &module.body {
        each_expr_stmt(s, &mut visit);
    }
    found.sort_by_key(|(s, _)| s.start);
    found
}

/// Calls `f` on every expression of a statement (nested ones included).
fn each_expr_stmt(s: &Stmt, f: &mut dyn FnMut(&Expr)) {
    let mut exprs: Vec<&Expr> = Vec::new();
    let mut bodies: Vec<&[Stmt]> = Vec::new();
    match &s.kind {
        StmtKind::Expr(e) => exprs.push(e),
        StmtKind::Assign { targets, value } => {
            exprs.extend(targets.iter());
            exprs.push(value);
        }
        StmtKind::AugAssign { target, value, .. } => exprs.extend([target, value]),
        StmtKind::AnnAssign { target, value, .. } => {
            exprs.push(target);
            exprs.extend(value.iter());
        }
        StmtKind::Return(v) => exprs.extend(v.iter()),
        StmtKind::Delete(ts) => exprs.extend(ts.iter()),
        StmtKind::Assert { test, msg } => {
            exprs.push(test);
            exprs.extend(msg.iter());
        }
        StmtKind::Raise { exc, cause } => exprs.extend(exc.iter().chain(cause.iter())),
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            exprs.push(test);
            bodies.extend([body.as_slice(), orelse.as_slice()]);
        }
        StmtKind::For {
            iter, body, orelse, ..
        } => {
            exprs.push(iter);
            bodies.extend([body.as_slice(), orelse.as_slice()]);
        }
        StmtKind::With { items, body, .. } => {
            exprs.extend(items.iter().map(|i| &i.context));
            bodies.push(body);
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            bodies.extend([body.as_slice(), orelse.as_slice(), finalbody.as_slice()]);
            bodies.extend(handlers.iter().map(|h| h.body.as_slice()));
        }
        StmtKind::FunctionDef(fd) => {
            exprs.extend(fd.decorators.iter());
            bodies.push(&fd.body);
        }
        StmtKind::ClassDef(c) => {
            exprs.extend(c.decorators.iter().chain(c.bases.iter()));
            bodies.push(&c.body);
        }
        StmtKind::Match { subject, cases } => {
            exprs.push(subject);
            bodies.extend(cases.iter().map(|c| c.body.as_slice()));
        }
        _ => {}
    }
    for e in exprs {
        each_expr(e, f);
    }
    for b in bodies {
        for s in b {
            each_expr_stmt(s, f);
        }
    }
}

fn each_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    let mut sub: Vec<&Expr> = Vec::new();
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) | ExprKind::FString(_) => {}
        ExprKind::BoolOp { values, .. } => sub.extend(values.iter()),
        ExprKind::NamedExpr { value, .. } => sub.push(value),
        ExprKind::BinOp { left, right, .. } => sub.extend([left.as_ref(), right.as_ref()]),
        ExprKind::UnaryOp { operand, .. } => sub.push(operand),
        ExprKind::Lambda(fd) => {
            for s in &fd.body {
                each_expr_stmt(s, f);
            }
        }
        ExprKind::IfExp { test, body, orelse } => {
            sub.extend([test.as_ref(), body.as_ref(), orelse.as_ref()])
        }
        ExprKind::Dict { keys, values } => {
            sub.extend(keys.iter().flatten());
            sub.extend(values.iter());
        }
        ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) => {
            sub.extend(items.iter())
        }
        ExprKind::Comprehension(c) => {
            sub.push(&c.elt);
            sub.extend(c.value.iter());
            for g in &c.generators {
                sub.push(&g.iter);
                sub.extend(g.ifs.iter());
            }
        }
        ExprKind::Await(v) | ExprKind::YieldFrom(v) | ExprKind::Starred(v) => sub.push(v),
        ExprKind::Yield(v) => sub.extend(v.iter().map(|b| b.as_ref())),
        ExprKind::Compare {
            left, comparators, ..
        } => {
            sub.push(left);
            sub.extend(comparators.iter());
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            sub.push(func);
            sub.extend(args.iter());
            sub.extend(keywords.iter().map(|k| &k.value));
        }
        ExprKind::Attribute { value, .. } => sub.push(value),
        ExprKind::Subscript { value, index } => sub.extend([value.as_ref(), index.as_ref()]),
        ExprKind::Slice { lower, upper, step } => {
            sub.extend(
                [lower, upper, step]
                    .into_iter()
                    .flatten()
                    .map(|b| b.as_ref()),
            );
        }
    }
    for e in sub {
        each_expr(e, f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str) -> Module {
        crate::parser::parse_module(src).expect("parses")
    }

    #[test]
    fn reads_and_defs() {
        let m = parse(
            "import asyncio\nasync def main():\n    await foo()\nasync def foo(x):\n    y = x\nz = [main for _ in ()]\n",
        );
        let defs = top_async_defs(&m);
        assert_eq!(
            defs.iter().map(|d| d.name.as_str()).collect::<Vec<_>>(),
            ["main", "foo"]
        );
        assert!(defs[0].no_args && !defs[1].no_args);
        let names = loaded_names(&m);
        assert!(names.contains("foo") && names.contains("main") && names.contains("x"));
        assert!(!names.contains("y") && !names.contains("z") && !names.contains("_"));
    }

    #[test]
    fn sleep_calls() {
        let m = parse("import asyncio\nasync def foo():\n    return asyncio.sleep(1)\n");
        let calls = calls_named(&m, "sleep");
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0].1, Some(1.0));
    }
}
