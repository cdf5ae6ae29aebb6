//! The syntax errors CPython reports from its compiler and symbol table
//! that belong to the shape of the code rather than to scopes: duplicate
//! parameter names, repeated keyword arguments and misplaced starred
//! expressions. (Scope errors such as `'return' outside function` are the
//! resolver's.)

use super::visit::{Child, expr_children, stmt_children};
use crate::ast::*;
use crate::errors::CompileError;

enum Node<'a> {
    Stmt(&'a Stmt),
    /// An expression, and whether a `*x` is allowed right there.
    Expr(&'a Expr, bool),
}

/// Appends the compiler-level errors of `body` to `out`; errors of the
/// symbol-table pass (duplicate parameters), which CPython reports before
/// any other compiler error, go to `symtable`.
pub(crate) fn check(body: &[Stmt], symtable: &mut Vec<CompileError>, out: &mut Vec<CompileError>) {
    let mut stack: Vec<Node> = body.iter().map(Node::Stmt).collect();
    while let Some(node) = stack.pop() {
        match node {
            Node::Stmt(s) => {
                let targets: Vec<&Expr> = match &s.kind {
                    StmtKind::Assign { targets, .. } => targets.iter().collect(),
                    StmtKind::For { target, .. } => vec![target],
                    StmtKind::With { items, .. } => {
                        items.iter().filter_map(|i| i.target.as_ref()).collect()
                    }
                    _ => Vec::new(),
                };
                for t in &targets {
                    starred_target(t, out);
                }
                match &s.kind {
                    StmtKind::FunctionDef(f) => duplicate_params(f, symtable),
                    StmtKind::Match { cases, .. } => {
                        super::validate_patterns::check_match(cases, out)
                    }
                    _ => {}
                }
                stmt_children(s, &mut |c| match c {
                    Child::Stmts(b) => stack.extend(b.iter().map(Node::Stmt)),
                    Child::Expr(e) => {
                        let is_target = targets.iter().any(|t| std::ptr::eq(*t, e));
                        stack.push(Node::Expr(e, is_target));
                    }
                });
            }
            Node::Expr(e, star_ok) => {
                if let ExprKind::Starred(_) = e.kind
                    && !star_ok
                {
                    out.push(CompileError::syntax(
                        "can't use starred expression here",
                        e.span,
                    ));
                }
                match &e.kind {
                    ExprKind::Lambda(f) => duplicate_params(f, symtable),
                    ExprKind::Call { keywords, .. } => repeated_keywords(keywords, out),
                    ExprKind::Comprehension(c) => c
                        .generators
                        .iter()
                        .for_each(|g| starred_target(&g.target, out)),
                    _ => {}
                }
                let container = matches!(
                    e.kind,
                    ExprKind::Tuple(_)
                        | ExprKind::List(_)
                        | ExprKind::Set(_)
                        | ExprKind::Starred(_)
                );
                let call_args: &[Expr] = match &e.kind {
                    ExprKind::Call { args, .. } => args,
                    _ => &[],
                };
                let comp_targets: Vec<&Expr> = match &e.kind {
                    ExprKind::Comprehension(c) => c.generators.iter().map(|g| &g.target).collect(),
                    _ => Vec::new(),
                };
                expr_children(e, &mut |c| match c {
                    Child::Stmts(b) => stack.extend(b.iter().map(Node::Stmt)),
                    Child::Expr(x) => {
                        let ok = container
                            || call_args.iter().any(|a| std::ptr::eq(a, x))
                            || comp_targets.iter().any(|t| std::ptr::eq(*t, x));
                        stack.push(Node::Expr(x, ok));
                    }
                });
            }
        }
    }
    class_keywords(body, out);
}

/// `*a = x`, `*a, *b = x`.
fn starred_target(t: &Expr, out: &mut Vec<CompileError>) {
    match &t.kind {
        ExprKind::Starred(_) => out.push(CompileError::syntax(
            "starred assignment target must be in a list or tuple",
            t.span,
        )),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            let stars = items
                .iter()
                .filter(|i| matches!(i.kind, ExprKind::Starred(_)))
                .count();
            if stars > 1 {
                out.push(CompileError::syntax(
                    "multiple starred expressions in assignment",
                    t.span,
                ));
            }
        }
        _ => {}
    }
}

fn duplicate_params(f: &FunctionDef, out: &mut Vec<CompileError>) {
    let params: Vec<&Param> = f.params.all().collect();
    for (i, p) in params.iter().enumerate() {
        if params[..i].iter().any(|q| q.name == p.name) {
            out.push(CompileError::syntax(
                format!("duplicate argument '{}' in function definition", p.name),
                p.span,
            ));
            return;
        }
    }
}

fn repeated_keywords(keywords: &[Keyword], out: &mut Vec<CompileError>) {
    for (i, k) in keywords.iter().enumerate() {
        if let Some(name) = k.arg
            && keywords[..i].iter().any(|q| q.arg == Some(name))
        {
            out.push(CompileError::syntax(
                format!("keyword argument repeated: {name}"),
                k.span,
            ));
            return;
        }
    }
}

/// Class headers take keywords too; walk every class definition.
fn class_keywords(body: &[Stmt], out: &mut Vec<CompileError>) {
    let mut stack: Vec<&Stmt> = body.iter().collect();
    while let Some(s) = stack.pop() {
        if let StmtKind::ClassDef(c) = &s.kind {
            repeated_keywords(&c.keywords, out);
        }
        stmt_children(s, &mut |c| {
            if let Child::Stmts(b) = c {
                stack.extend(b.iter());
            }
        });
    }
}
