//! The direct children of statements and expressions, for the checking
//! passes (which walk the tree with an explicit stack).

use crate::ast::*;

/// A child of a node: a block of statements or an expression.
pub(crate) enum Child<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
}

fn function<'a>(f: &'a FunctionDef, cb: &mut dyn FnMut(Child<'a>)) {
    for d in &f.decorators {
        cb(Child::Expr(d));
    }
    for p in f.params.all() {
        if let Some(a) = &p.annotation {
            cb(Child::Expr(a));
        }
        if let Some(d) = &p.default {
            cb(Child::Expr(d));
        }
    }
    if let Some(r) = &f.returns {
        cb(Child::Expr(r));
    }
    cb(Child::Stmts(&f.body));
}

fn pattern<'a>(p: &'a Pattern, cb: &mut dyn FnMut(Child<'a>)) {
    match &p.kind {
        PatternKind::Value(e) => cb(Child::Expr(e)),
        PatternKind::Singleton(_) | PatternKind::Star(_) => {}
        PatternKind::Sequence(ps) | PatternKind::Or(ps) => ps.iter().for_each(|p| pattern(p, cb)),
        PatternKind::Mapping { keys, patterns, .. } => {
            keys.iter().for_each(|k| cb(Child::Expr(k)));
            patterns.iter().for_each(|p| pattern(p, cb));
        }
        PatternKind::Class {
            cls,
            patterns,
            kwd_patterns,
            ..
        } => {
            cb(Child::Expr(cls));
            patterns
                .iter()
                .chain(kwd_patterns)
                .for_each(|p| pattern(p, cb));
        }
        PatternKind::As { pattern: p, .. } => {
            if let Some(p) = p {
                pattern(p, cb);
            }
        }
    }
}

/// Calls `cb` on each direct child of `s`.
pub(crate) fn stmt_children<'a>(s: &'a Stmt, cb: &mut dyn FnMut(Child<'a>)) {
    let e = |x: &'a Expr, cb: &mut dyn FnMut(Child<'a>)| cb(Child::Expr(x));
    match &s.kind {
        StmtKind::Expr(x) => e(x, cb),
        StmtKind::Assign { targets, value } => {
            targets.iter().for_each(|t| e(t, cb));
            e(value, cb);
        }
        StmtKind::AugAssign { target, value, .. } => {
            e(target, cb);
            e(value, cb);
        }
        StmtKind::AnnAssign {
            target,
            annotation,
            value,
            ..
        } => {
            e(target, cb);
            e(annotation, cb);
            if let Some(v) = value {
                e(v, cb);
            }
        }
        StmtKind::Pass | StmtKind::Break | StmtKind::Continue => {}
        StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
        StmtKind::Import(_) | StmtKind::ImportFrom { .. } => {}
        StmtKind::Return(v) => {
            if let Some(v) = v {
                e(v, cb);
            }
        }
        StmtKind::Delete(ts) => ts.iter().for_each(|t| e(t, cb)),
        StmtKind::Assert { test, msg } => {
            e(test, cb);
            if let Some(m) = msg {
                e(m, cb);
            }
        }
        StmtKind::Raise { exc, cause } => {
            exc.iter().chain(cause.iter()).for_each(|x| e(x, cb));
        }
        StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
            e(test, cb);
            cb(Child::Stmts(body));
            cb(Child::Stmts(orelse));
        }
        StmtKind::For {
            target,
            iter,
            body,
            orelse,
            ..
        } => {
            e(target, cb);
            e(iter, cb);
            cb(Child::Stmts(body));
            cb(Child::Stmts(orelse));
        }
        StmtKind::With { items, body, .. } => {
            for i in items {
                e(&i.context, cb);
                if let Some(t) = &i.target {
                    e(t, cb);
                }
            }
            cb(Child::Stmts(body));
        }
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
            ..
        } => {
            cb(Child::Stmts(body));
            for h in handlers {
                if let Some(t) = &h.typ {
                    e(t, cb);
                }
                cb(Child::Stmts(&h.body));
            }
            cb(Child::Stmts(orelse));
            cb(Child::Stmts(finalbody));
        }
        StmtKind::FunctionDef(f) => function(f, cb),
        StmtKind::ClassDef(c) => {
            c.decorators.iter().chain(&c.bases).for_each(|x| e(x, cb));
            c.keywords.iter().for_each(|k| e(&k.value, cb));
            cb(Child::Stmts(&c.body));
        }
        StmtKind::Match { subject, cases } => {
            e(subject, cb);
            for c in cases {
                pattern(&c.pattern, cb);
                if let Some(g) = &c.guard {
                    e(g, cb);
                }
                cb(Child::Stmts(&c.body));
            }
        }
    }
}

fn fstring_parts<'a>(parts: &'a [FStringPart], cb: &mut dyn FnMut(Child<'a>)) {
    for p in parts {
        if let FStringPart::Field(f) = p {
            cb(Child::Expr(&f.value));
            if let Some(spec) = &f.format_spec {
                fstring_parts(spec, cb);
            }
        }
    }
}

/// Calls `cb` on each direct child of `x`.
pub(crate) fn expr_children<'a>(x: &'a Expr, cb: &mut dyn FnMut(Child<'a>)) {
    let e = |x: &'a Expr, cb: &mut dyn FnMut(Child<'a>)| cb(Child::Expr(x));
    match &x.kind {
        ExprKind::Name(_) | ExprKind::Constant(_) => {}
        ExprKind::FString(parts) => fstring_parts(parts, cb),
        ExprKind::BoolOp { values, .. } => values.iter().for_each(|v| e(v, cb)),
        ExprKind::NamedExpr { value, .. } => e(value, cb),
        ExprKind::BinOp { left, right, .. } => {
            e(left, cb);
            e(right, cb);
        }
        ExprKind::UnaryOp { operand, .. } => e(operand, cb),
        ExprKind::Lambda(f) => function(f, cb),
        ExprKind::IfExp { test, body, orelse } => {
            e(body, cb);
            e(test, cb);
            e(orelse, cb);
        }
        ExprKind::Dict { keys, values } => {
            for (k, v) in keys.iter().zip(values) {
                if let Some(k) = k {
                    e(k, cb);
                }
                e(v, cb);
            }
        }
        ExprKind::Set(items) | ExprKind::List(items) | ExprKind::Tuple(items) => {
            items.iter().for_each(|v| e(v, cb))
        }
        ExprKind::Comprehension(c) => {
            e(&c.elt, cb);
            if let Some(v) = &c.value {
                e(v, cb);
            }
            for g in &c.generators {
                e(&g.target, cb);
                e(&g.iter, cb);
                g.ifs.iter().for_each(|i| e(i, cb));
            }
        }
        ExprKind::Await(v) | ExprKind::YieldFrom(v) | ExprKind::Starred(v) => e(v, cb),
        ExprKind::Yield(v) => {
            if let Some(v) = v {
                e(v, cb);
            }
        }
        ExprKind::Compare {
            left, comparators, ..
        } => {
            e(left, cb);
            comparators.iter().for_each(|v| e(v, cb));
        }
        ExprKind::Call {
            func,
            args,
            keywords,
        } => {
            e(func, cb);
            args.iter().for_each(|v| e(v, cb));
            keywords.iter().for_each(|k| e(&k.value, cb));
        }
        ExprKind::Attribute { value, .. } => e(value, cb),
        ExprKind::Subscript { value, index } => {
            e(value, cb);
            e(index, cb);
        }
        ExprKind::Slice { lower, upper, step } => {
            lower
                .iter()
                .chain(upper.iter())
                .chain(step.iter())
                .for_each(|v| e(v, cb));
        }
    }
}
