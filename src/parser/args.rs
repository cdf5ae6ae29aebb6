//! Call arguments (`f(a, *b, c=d, **e)`) and class-header arguments.
//!
//! The grammar accepts arguments in any order; [`build`] splits them into
//! positional arguments and keywords and reports CPython's errors for
//! misplaced ones (positional after keyword, a bare generator expression
//! next to other arguments, `f(a.b=1)`, ...).

use std::rc::Rc;

use chumsky::prelude::*;

use super::ctx::{Ctx, P};
use crate::ast::{CompFor, Comprehension, ComprehensionKind, Expr, ExprKind, Keyword, Span};
use crate::errors::CompileError;
use crate::lexer::Tok;

/// One argument as written.
#[derive(Clone, Debug)]
pub(crate) enum Arg {
    Pos(Expr),
    /// `*value`: a `Starred` expression.
    Star(Expr),
    /// `name=value`, with the span of the whole argument.
    Kw(crate::intern::Sym, Expr, Span),
    /// `**value`, with the span of the whole argument.
    DoubleStar(Expr, Span),
    /// An unparenthesised generator expression.
    Gen(Expr),
    /// `expr=value` where `expr` is not a name (already reported).
    BadKw,
}

/// The parser of one argument.
pub(crate) fn arg<'a>(
    ctx: &'a Ctx<'a>,
    expression: P<'a, Expr>,
    named_expression: P<'a, Expr>,
    comp_clauses: P<'a, Vec<CompFor>>,
) -> P<'a, Arg> {
    let name = select! { Tok::Name(s) => s };
    let equal = just(Tok::Equal).map_with(move |_, e| ctx.sp(e.span()));
    let generator = move |x: Expr, generators: Vec<CompFor>, span: Span| {
        Expr::new(
            ExprKind::Comprehension(Rc::new(Comprehension {
                kind: ComprehensionKind::Generator,
                elt: x,
                value: None,
                generators,
                span,
                scope: Default::default(),
                is_async: false,
            })),
            span,
        )
    };
    choice((
        just(Tok::Star)
            .ignore_then(expression.clone())
            .map_with(move |v, e| Expr::new(ExprKind::Starred(Box::new(v)), ctx.sp(e.span())))
            .then(comp_clauses.clone().or_not())
            .map(move |(x, comp)| {
                if comp.is_some() {
                    ctx.defer(CompileError::syntax(
                        "iterable unpacking cannot be used in comprehension",
                        x.span,
                    ));
                }
                Arg::Star(x)
            }),
        just(Tok::DoubleStar)
            .ignore_then(expression.clone())
            .map_with(move |v, e| Arg::DoubleStar(v, ctx.sp(e.span()))),
        name.map_with(move |n, e| (n, ctx.sp(e.span())))
            .then(equal)
            .then(expression.clone())
            .map_with(move |x, e| (x, ctx.sp(e.span())))
            .then(comp_clauses.clone().or_not())
            .map(move |(((((n, nspan), eq), v), span), comp)| {
                if comp.is_some() {
                    ctx.defer(CompileError::syntax(
                        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                        nspan.join(eq),
                    ));
                }
                Arg::Kw(n, v, span)
            }),
        named_expression
            .then(comp_clauses.or_not())
            .map_with(move |(x, comp), e| (x, comp, ctx.sp(e.span())))
            .then(equal.then(expression.or_not()).or_not())
            .try_map(move |((x, comp, span), kw), at| match (comp, kw) {
                // `name=` without a value is just invalid syntax.
                (_, Some((_, None))) if matches!(x.kind, ExprKind::Name(_)) => Err(Cheap::new(at)),
                (_, Some((eq, _))) => {
                    // Reported at once: CPython raises it whatever follows.
                    ctx.defer(CompileError::syntax(
                        "expression cannot contain assignment, perhaps you meant \"==\"?",
                        x.span.join(eq),
                    ));
                    Ok(Arg::BadKw)
                }
                (Some(generators), None) => {
                    if let ExprKind::Starred(_) = x.kind {
                        ctx.defer(CompileError::syntax(
                            "iterable unpacking cannot be used in comprehension",
                            x.span,
                        ));
                    }
                    Ok(Arg::Gen(generator(x, generators, span)))
                }
                (None, None) => Ok(Arg::Pos(x)),
            }),
    ))
    .boxed()
}

/// Splits arguments into positional ones and keywords. `trailing` tells
/// whether a comma follows the last one; `parens` is the span of the
/// parentheses, which a lone generator expression takes as its own (as in
/// CPython).
pub(crate) fn build(
    ctx: &Ctx,
    (items, trailing): (Vec<Arg>, bool),
    parens: Span,
) -> (Vec<Expr>, Vec<Keyword>) {
    let close = Span::new(parens.end.saturating_sub(1) as usize, parens.end as usize);
    let n = items.len() + usize::from(trailing);
    let mut args = Vec::new();
    let mut keywords = Vec::new();
    let mut seen_kw = false;
    let mut seen_dstar = false;
    let err = |msg: &str, span: Span| ctx.defer(CompileError::syntax(msg, span));
    for item in items {
        match item {
            Arg::Pos(x) => {
                if seen_dstar {
                    err(
                        "positional argument follows keyword argument unpacking",
                        close,
                    );
                } else if seen_kw {
                    err("positional argument follows keyword argument", close);
                }
                args.push(x);
            }
            Arg::Star(x) => {
                if seen_dstar {
                    let star = Span::new(x.span.start as usize, x.span.start as usize + 1);
                    err(
                        "iterable argument unpacking follows keyword argument unpacking",
                        star,
                    );
                }
                args.push(x);
            }
            Arg::Kw(name, value, span) => {
                seen_kw = true;
                keywords.push(Keyword {
                    arg: Some(name),
                    value,
                    span,
                });
            }
            Arg::DoubleStar(value, span) => {
                seen_dstar = true;
                keywords.push(Keyword {
                    arg: None,
                    value,
                    span,
                });
            }
            Arg::Gen(mut g) => {
                if n > 1 {
                    err("Generator expression must be parenthesized", g.span);
                } else {
                    g.span = parens;
                    if let ExprKind::Comprehension(c) = &mut g.kind
                        && let Some(c) = Rc::get_mut(c)
                    {
                        c.span = parens;
                    }
                }
                if seen_dstar {
                    err(
                        "positional argument follows keyword argument unpacking",
                        close,
                    );
                } else if seen_kw {
                    err("positional argument follows keyword argument", close);
                }
                args.push(g);
            }
            Arg::BadKw => {}
        }
    }
    (args, keywords)
}
