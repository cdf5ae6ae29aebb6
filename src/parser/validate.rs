//! Checks on the parsed tree that CPython makes in its parser's error pass
//! or in its compiler: assignment and deletion targets, annotated and
//! augmented assignment targets, misplaced starred expressions, repeated
//! keyword arguments and duplicate parameter names.
//!
//! The grammar accepts any expression where a target goes; this pass
//! finds the first invalid one and words the error as CPython does. The
//! walk uses an explicit stack, so deeply nested expressions are fine.

use super::ctx::Ctx;
use crate::ast::*;
use crate::errors::CompileError;

/// CPython's name for a kind of expression in error messages.
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::Name(_) => "name",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::Call { .. } => "function call",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::Comprehension(c) => match c.kind {
            ComprehensionKind::Generator => "generator expression",
            ComprehensionKind::List => "list comprehension",
            ComprehensionKind::Set => "set comprehension",
            ComprehensionKind::Dict => "dict comprehension",
        },
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::Constant(c) => match c {
            Constant::None => "None",
            Constant::True => "True",
            Constant::False => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        ExprKind::Compare { .. } => "comparison",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Slice { .. } => "slice",
    }
}

/// The kinds of target CPython distinguishes when looking for an invalid one.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Targets {
    Star,
    For,
    Del,
}

/// CPython's `_PyPegen_get_invalid_target`: the first sub-expression that
/// cannot be a target, if any.
pub(crate) fn invalid_target(e: &Expr, kind: Targets) -> Option<&Expr> {
    match &e.kind {
        ExprKind::List(items) | ExprKind::Tuple(items) => {
            items.iter().find_map(|x| invalid_target(x, kind))
        }
        ExprKind::Starred(v) => {
            if kind == Targets::Del {
                Some(e)
            } else {
                invalid_target(v, kind)
            }
        }
        ExprKind::Compare { left, ops, .. } if kind == Targets::For => {
            if ops.first() == Some(&CmpOp::In) {
                invalid_target(left, kind)
            } else {
                None
            }
        }
        ExprKind::Name(_) | ExprKind::Subscript { .. } | ExprKind::Attribute { .. } => None,
        _ => Some(e),
    }
}

fn err(msg: impl Into<String>, span: Span) -> CompileError {
    CompileError::syntax(msg, span)
}

/// The error for an invalid target, if `e` contains one.
pub(crate) fn target_error(e: &Expr, kind: Targets) -> Option<CompileError> {
    let bad = invalid_target(e, kind)?;
    let verb = if kind == Targets::Del {
        "delete"
    } else {
        "assign to"
    };
    Some(err(format!("cannot {verb} {}", expr_name(bad)), bad.span))
}

impl Ctx<'_> {
    /// Whether `e` is what CPython's `bitwise_or` rule would parse.
    fn is_bitwise_or(&self, e: &Expr) -> bool {
        if self.parenthesized(e.span) {
            return true;
        }
        match &e.kind {
            ExprKind::Compare { .. }
            | ExprKind::BoolOp { .. }
            | ExprKind::IfExp { .. }
            | ExprKind::Lambda(_)
            | ExprKind::NamedExpr { .. }
            | ExprKind::Starred(_)
            | ExprKind::Yield(_)
            | ExprKind::YieldFrom(_)
            | ExprKind::Slice { .. } => false,
            ExprKind::UnaryOp { op, .. } => *op != UnaryOp::Not,
            ExprKind::Tuple(_) => self.enclosed(e.span),
            _ => true,
        }
    }

    /// The leftmost bitwise_or-level part of `e` (what CPython's second
    /// pass reads first when it re-parses `e`).
    fn first_bitwise_or<'e>(&self, e: &'e Expr) -> Option<&'e Expr> {
        if self.is_bitwise_or(e) {
            return Some(e);
        }
        match &e.kind {
            ExprKind::Tuple(items) => items.first().and_then(|x| self.first_bitwise_or(x)),
            ExprKind::Compare { left, .. } => self.first_bitwise_or(left),
            ExprKind::BoolOp { values, .. } => {
                values.first().and_then(|x| self.first_bitwise_or(x))
            }
            ExprKind::IfExp { body, .. } => self.first_bitwise_or(body),
            _ => None,
        }
    }

    /// Whether `e` starts with a list or tuple display, a generator
    /// expression, or `True`/`None`/`False` (CPython's lookahead that turns
    /// off the "Maybe you meant '=='" hint).
    fn starts_with_display(&self, e: &Expr) -> bool {
        let mut e = e;
        loop {
            if self.parenthesized(e.span) {
                return false;
            }
            match &e.kind {
                ExprKind::List(_) => return true,
                ExprKind::Tuple(_) => return self.enclosed(e.span),
                ExprKind::Comprehension(c) => return c.kind == ComprehensionKind::Generator,
                ExprKind::Constant(Constant::True | Constant::False | Constant::None) => {
                    return true;
                }
                ExprKind::Attribute { value, .. } | ExprKind::Subscript { value, .. } => e = value,
                ExprKind::Call { func, .. } => e = func,
                ExprKind::BinOp { left, .. } => e = left,
                _ => return false,
            }
        }
    }

    /// `targets = value` with at least one invalid target: the error
    /// CPython's second pass gives.
    /// `value` is `None` if the statement ends before one.
    pub(crate) fn assign_error(
        &self,
        targets: &[Expr],
        value: Option<&Expr>,
    ) -> Option<CompileError> {
        let bad = targets
            .iter()
            .position(|t| invalid_target(t, Targets::Star).is_some())?;
        // The "Maybe you meant '=='" hints: the last element of the first
        // target list followed by `= bitwise_or` not followed by `=`.
        let first = &targets[0];
        let last = match &first.kind {
            ExprKind::Tuple(items) if !self.enclosed(first.span) && !items.is_empty() => {
                items.last()
            }
            _ => Some(first),
        };
        let next = targets.get(1).or(value);
        let b = next.and_then(|next| {
            // `b` must not be followed by another `=`.
            self.first_bitwise_or(next)
                .filter(|b| targets.len() == 1 || !std::ptr::eq(*b, next))
        });
        if let (Some(a), Some(b)) = (last, b) {
            if let ExprKind::Name(_) = a.kind
                && !self.parenthesized(a.span)
            {
                return Some(err(
                    "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                    a.span.join(b.span),
                ));
            }
            if self.is_bitwise_or(a) && !self.starts_with_display(a) {
                return Some(err(
                    format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        expr_name(a)
                    ),
                    a.span,
                ));
            }
        }
        let t = &targets[bad];
        if matches!(t.kind, ExprKind::Yield(_) | ExprKind::YieldFrom(_))
            && !self.parenthesized(t.span)
        {
            return Some(err("assignment to yield expression not possible", t.span));
        }
        target_error(t, Targets::Star)
    }
}

impl Ctx<'_> {
    /// The error for an annotated assignment to `target`, if it cannot be
    /// annotated.
    pub(crate) fn ann_target_error(&self, target: &Expr) -> Option<CompileError> {
        match &target.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
            ExprKind::Tuple(items) => {
                let span = match items.first() {
                    Some(first) if !self.enclosed(target.span) => first.span,
                    _ => target.span,
                };
                Some(err("only single target (not tuple) can be annotated", span))
            }
            ExprKind::List(_) => Some(err(
                "only single target (not list) can be annotated",
                target.span,
            )),
            _ => Some(err("illegal target for annotation", target.span)),
        }
    }
}

/// Collects the parser-level errors of `body` (CPython's second-pass
/// errors) into `out`.
pub(crate) fn check(ctx: &Ctx, body: &[Stmt], out: &mut Vec<CompileError>) {
    let mut w = Walker::default();
    w.stmts(body);
    while let Some(item) = w.stack.pop() {
        match item {
            Item::Stmt(s) => stmt(ctx, s, out, &mut w),
            Item::Expr(e) => expr(e, out, &mut w),
        }
    }
}

/// The first compiler-level error (duplicate parameters, misplaced
/// starred expressions, repeated keywords, pattern problems), if any.
pub(crate) fn check_compiler(body: &[Stmt]) -> Option<CompileError> {
    let mut symtable = Vec::new();
    let mut codegen = Vec::new();
    super::validate_compiler::check(body, &mut symtable, &mut codegen);
    super::earliest(symtable).or_else(|| super::earliest(codegen))
}

enum Item<'a> {
    Stmt(&'a Stmt),
    Expr(&'a Expr),
}

#[derive(Default)]
pub(crate) struct Walker<'a> {
    stack: Vec<Item<'a>>,
}

impl<'a> Walker<'a> {
    fn stmts(&mut self, s: &'a [Stmt]) {
        self.stack.extend(s.iter().rev().map(Item::Stmt));
    }
    fn expr(&mut self, e: &'a Expr) {
        self.stack.push(Item::Expr(e));
    }
}

fn stmt<'a>(ctx: &Ctx, s: &'a Stmt, out: &mut Vec<CompileError>, w: &mut Walker<'a>) {
    crate::parser::visit::stmt_children(s, &mut |c| match c {
        crate::parser::visit::Child::Stmts(b) => w.stmts(b),
        crate::parser::visit::Child::Expr(e) => w.expr(e),
    });
    match &s.kind {
        StmtKind::Assign { targets, value } => {
            if let Some(e) = ctx.assign_error(targets, Some(value)) {
                out.push(e);
            }
        }
        StmtKind::AugAssign { target, .. }
            if !matches!(
                target.kind,
                ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }
            ) =>
        {
            out.push(err(
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_name(target)
                ),
                target.span,
            ));
        }
        StmtKind::AnnAssign { target, .. } => out.extend(ctx.ann_target_error(target)),
        StmtKind::For { target, .. } => out.extend(target_error(target, Targets::For)),
        StmtKind::With { items, .. } => {
            for item in items {
                if let Some(t) = &item.target {
                    out.extend(target_error(t, Targets::Star));
                }
            }
        }
        StmtKind::Delete(targets) => {
            for t in targets {
                out.extend(target_error(t, Targets::Del));
            }
        }
        _ => {}
    }
}

fn expr<'a>(e: &'a Expr, out: &mut Vec<CompileError>, w: &mut Walker<'a>) {
    crate::parser::visit::expr_children(e, &mut |c| match c {
        crate::parser::visit::Child::Stmts(b) => w.stmts(b),
        crate::parser::visit::Child::Expr(e) => w.expr(e),
    });
    if let ExprKind::Comprehension(c) = &e.kind {
        for g in &c.generators {
            out.extend(target_error(&g.target, Targets::For));
        }
    }
}
