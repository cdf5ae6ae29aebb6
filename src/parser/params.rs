//! Parameter lists of `def` and `lambda`.
//!
//! The grammar accepts any sequence of `/`, `*`, `*name`, `**name` and
//! `name[: annotation][= default]` items; [`build`] sorts them into
//! [`Parameters`] and reports misplaced ones with CPython's messages.

use chumsky::prelude::*;

use super::ctx::{Ctx, P};
use crate::ast::{Expr, Param, Parameters, Span};
use crate::errors::CompileError;
use crate::lexer::Tok;

/// One item of a parameter list, with its span.
#[derive(Clone, Debug)]
pub(crate) enum Item {
    Slash(Span),
    /// A bare `*` (keyword-only marker).
    Star(Span),
    /// `*name`, with the span of the `*` and of a (wrong) `=`.
    VarArg(Param, Span, Option<Span>),
    /// `**name`, with the span of the `**` and of a (wrong) `=`.
    KwArg(Param, Span, Option<Span>),
    Plain(Param),
}

/// The parser of a parameter list (without the enclosing brackets).
/// `annotation` is `None` for a lambda (no annotations allowed); its
/// second parser reads the annotation of `*args` (`*Ts` is allowed).
pub(crate) fn parameters<'a>(
    ctx: &'a Ctx<'a>,
    default: P<'a, Expr>,
    annotation: Option<(P<'a, Expr>, P<'a, Expr>)>,
) -> P<'a, Parameters> {
    let name = select! { Tok::Name(s) => s };
    let lambda = annotation.is_none();
    let (ann, star_ann) = match annotation {
        Some((a, s)) => (
            just(Tok::Colon).ignore_then(a).or_not().boxed(),
            just(Tok::Colon).ignore_then(s).or_not().boxed(),
        ),
        None => (empty().to(None).boxed(), empty().to(None).boxed()),
    };
    let tok_span = move |t: Tok| just(t).map_with(move |_, e| ctx.sp(e.span()));
    let default = tok_span(Tok::Equal).then(default).or_not();
    // A parameter (its span covers the name and annotation, as CPython's
    // `arg` node) and the span of its `=`.
    let param = |ann: P<'a, Option<Expr>>| {
        name.then(ann)
            .map_with(move |(name, annotation), e| (name, annotation, ctx.sp(e.span())))
            .then(default.clone())
            .map(|((name, annotation, span), default)| {
                let eq = default.as_ref().map(|(eq, _)| *eq);
                let param = Param {
                    name,
                    annotation,
                    default: default.map(|(_, v)| v),
                    span,
                };
                (param, eq)
            })
            .boxed()
    };
    let item = choice((
        tok_span(Tok::Slash).map(Item::Slash),
        tok_span(Tok::DoubleStar)
            .then(param(ann.clone()))
            .map(|(s, (p, eq))| Item::KwArg(p, s, eq)),
        tok_span(Tok::Star)
            .then(param(star_ann).or_not())
            .map(|(s, p)| match p {
                Some((p, eq)) => Item::VarArg(p, s, eq),
                None => Item::Star(s),
            }),
        param(ann).map(|(p, _)| Item::Plain(p)),
    ));
    item.separated_by(just(Tok::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .map(move |items| build(ctx, items, lambda))
        .boxed()
}

/// Sorts parameter items into [`Parameters`], deferring CPython's errors
/// for misplaced items.
pub(crate) fn build(ctx: &Ctx, items: Vec<Item>, lambda: bool) -> Parameters {
    let mut ps = Parameters::default();
    let mut seen_slash = false;
    let mut star: Option<Span> = None;
    let mut seen_kwarg = false;
    let mut seen_default = false;
    let err = |msg: &str, span: Span| ctx.defer(CompileError::syntax(msg, span));
    for item in items {
        let span = match &item {
            Item::Slash(s) | Item::Star(s) | Item::VarArg(_, s, _) | Item::KwArg(_, s, _) => *s,
            Item::Plain(p) => p.span,
        };
        if seen_kwarg {
            err("arguments cannot follow var-keyword argument", span);
            return ps;
        }
        match item {
            Item::Slash(s) => {
                if seen_slash {
                    err("/ may appear only once", s);
                } else if star.is_some() {
                    err("/ must be ahead of *", s);
                } else if ps.args.is_empty() {
                    err("at least one argument must precede /", s);
                }
                seen_slash = true;
                ps.posonly.append(&mut ps.args);
            }
            Item::Star(s) => {
                if star.is_some() {
                    // CPython only words it this way if a parameter or a
                    // comma follows; `def f(*, *)` is plain invalid syntax.
                    let next = ctx.token_at(s.start).and_then(|i| ctx.toks.get(i + 1));
                    let msg = match next {
                        Some(Tok::Name(_) | Tok::Comma) => "* argument may appear only once",
                        _ => "invalid syntax",
                    };
                    err(msg, s);
                }
                star = Some(s);
            }
            Item::VarArg(mut p, s, eq) => {
                if star.is_some() {
                    err("* argument may appear only once", s);
                }
                if let Some(eq) = eq {
                    err("var-positional argument cannot have default value", eq);
                    p.default = None;
                }
                star = Some(s);
                ps.vararg = Some(p);
            }
            Item::KwArg(mut p, _, eq) => {
                if let Some(eq) = eq {
                    err("var-keyword argument cannot have default value", eq);
                    p.default = None;
                }
                seen_kwarg = true;
                ps.kwarg = Some(p);
            }
            Item::Plain(p) => {
                if star.is_some() {
                    ps.kwonly.push(p);
                } else {
                    if p.default.is_some() {
                        seen_default = true;
                    } else if seen_default {
                        err("non-default argument follows default argument", p.span);
                    }
                    ps.args.push(p);
                }
            }
        }
    }
    if let Some(s) = star
        && ps.vararg.is_none()
        && ps.kwonly.is_empty()
    {
        // A lambda reports it at the token after `*` (or `*,`).
        let at = match ctx.token_at(s.start).filter(|_| lambda) {
            Some(i) => {
                let next = if ctx.toks.get(i + 1) == Some(&Tok::Comma) {
                    i + 2
                } else {
                    i + 1
                };
                ctx.spans.get(next).copied().unwrap_or(s)
            }
            None => s,
        };
        err("named arguments must follow bare *", at);
    }
    ps
}

/// The `(...)` of a `def`.
pub(crate) fn def_parameters<'a>(
    ctx: &'a Ctx<'a>,
    expression: P<'a, Expr>,
    star_expression: P<'a, Expr>,
) -> P<'a, Parameters> {
    parameters(ctx, expression.clone(), Some((expression, star_expression)))
        .delimited_by(just(Tok::LPar), just(Tok::RPar))
        .boxed()
}
