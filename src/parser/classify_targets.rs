//! Statement-level mistakes CPython's error pass recognises from the
//! targets of a statement that failed to parse: `1 = x = ...`,
//! `for f() in ...`, `del f() ...`, `f(): int`.

use chumsky::prelude::*;

use super::classify::{probe, syntax};
use super::ctx::Ctx;
use super::expr::Exprs;
use super::validate::{Targets, target_error};
use crate::ast::{Expr, ExprKind};
use crate::errors::CompileError;
use crate::lexer::Tok;

/// The error for the statement starting at token `s`, whose parse failed
/// at token `k`, if its targets explain it.
pub(super) fn statement_target_errors<'a>(
    ctx: &'a Ctx<'a>,
    x: &Exprs<'a>,
    s: usize,
    k: usize,
) -> Option<CompileError> {
    let head_at = if ctx.toks[s] == Tok::Async { s + 1 } else { s };
    if let Some(e) = comprehension_target(ctx, x, s, k) {
        return Some(e);
    }
    match ctx.toks.get(head_at)? {
        Tok::For => {
            let (target, _) = probe(ctx, x.star_expressions.clone(), head_at + 1)?;
            target_error(&target, Targets::For)
        }
        Tok::Del => {
            let (targets, _) = probe(ctx, x.star_expressions.clone(), s + 1)?;
            match &targets.kind {
                ExprKind::Tuple(items) if !ctx.enclosed(targets.span) => {
                    items.iter().find_map(|t| target_error(t, Targets::Del))
                }
                _ => target_error(&targets, Targets::Del),
            }
        }
        // `match` and `case` lines are not assignments.
        Tok::Name(n) if *n == ctx.syms.match_ || *n == ctx.syms.case => None,
        _ => assignment(ctx, x, s, k),
    }
}

/// `[... for target ...]` where the parse failed before the `in`.
fn comprehension_target<'a>(
    ctx: &'a Ctx<'a>,
    x: &Exprs<'a>,
    s: usize,
    k: usize,
) -> Option<CompileError> {
    let mut depth = 0i32;
    for i in (s + 1..k).rev() {
        match ctx.toks[i] {
            Tok::RPar | Tok::RSqb | Tok::RBrace => depth += 1,
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
            }
            Tok::In if depth == 0 => return None,
            Tok::For if depth == 0 => {
                let (target, _) = probe(ctx, x.star_expressions.clone(), i + 1)?;
                return target_error(&target, Targets::For);
            }
            _ => {}
        }
    }
    None
}

/// `targets = value`, `target: annotation` and friends.
fn assignment<'a>(ctx: &'a Ctx<'a>, x: &Exprs<'a>, s: usize, k: usize) -> Option<CompileError> {
    let rhs = choice((x.yield_expr.clone(), x.star_expressions.clone())).boxed();
    let mut targets: Vec<Expr> = Vec::new();
    let mut at = s;
    let value = loop {
        match probe(ctx, rhs.clone(), at) {
            Some((e, end)) if ctx.toks.get(end) == Some(&Tok::Equal) && end < k => {
                targets.push(e);
                at = end + 1;
            }
            Some((e, end)) => break Some((e, end)),
            None => break None,
        }
    };
    if targets.is_empty() {
        // `target: annotation` with a target that cannot be annotated:
        // CPython's first pass stops at the colon.
        let (target, end) = value?;
        if ctx.toks.get(end) != Some(&Tok::Colon) {
            return None;
        }
        let error = ctx.ann_target_error(&target)?;
        if probe(ctx, x.expression.clone(), end + 1).is_some() {
            return Some(error);
        }
        return Some(syntax("invalid syntax", ctx.spans[end], false));
    }
    ctx.assign_error(&targets, value.as_ref().map(|(e, _)| e))
}
