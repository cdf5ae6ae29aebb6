//! Parameter lists of `def` and `lambda`.
//!
//! The grammar accepts any sequence of `/`, `*`, `*name`, `**name` and
//! `name[: annotation][= default]` items; [`build`] sorts them into
//! [`Parameters`] and reports misplaced ones with CPython's messages.

use chumsky::prelude::*;

use super::ctx::{Ctx, Ex, In, P};
use crate::ast::{Expr, Param, Parameters, Span};
use crate::errors::CompileError;
use crate::lexer::Tok;

/// One item of a parameter list, with its span.
#[derive(Clone, Debug)]
pub(crate) enum Item {
    Slash(Span),
    /// A bare `*` (keyword-only marker).
    Star(Span),
    /// `*name`; the span is the `*`'s.
    VarArg(Param, Span),
    KwArg(Param),
    Plain(Param),
}

/// The parser of a parameter list (without the enclosing brackets).
/// `annotation` is `None` for a lambda (no annotations allowed);
/// `star_annotation` parses the annotation of `*args` (`*Ts` allowed).
pub(crate) fn parameters<'a>(
    ctx: &'a Ctx<'a>,
    default: P<'a, Expr>,
    annotation: Option<(P<'a, Expr>, P<'a, Expr>)>,
) -> P<'a, Parameters> {
    let name = select! { Tok::Name(s) => s };
    let (ann, star_ann) = match annotation {
        Some((a, s)) => (
            just(Tok::Colon).ignore_then(a).or_not().boxed(),
            just(Tok::Colon).ignore_then(s).or_not().boxed(),
        ),
        None => (empty().to(None).boxed(), empty().to(None).boxed()),
    };
    let default = just(Tok::Equal).ignore_then(default).or_not();
    let param = |ann: P<'a, Option<Expr>>| {
        name.then(ann)
            .then(default.clone())
            .map_with(move |((name, annotation), default), e| Param {
                name,
                annotation,
                default,
                span: ctx.sp(e.span()),
            })
    };
    let star = just(Tok::Star).map_with(move |_, e| ctx.sp(e.span()));
    let item = choice((
        just(Tok::Slash).map_with(move |_, e| Item::Slash(ctx.sp(e.span()))),
        just(Tok::DoubleStar).ignore_then(param(ann.clone())).map(Item::KwArg),
        star.then(param(star_ann).or_not()).map(|(s, p)| match p {
            Some(p) => Item::VarArg(p, s),
            None => Item::Star(s),
        }),
        param(ann).map(Item::Plain),
    ));
    item.separated_by(just(Tok::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .map(move |items| build(ctx, items))
        .boxed()
}

/// Sorts parameter items into [`Parameters`], deferring CPython's errors
/// for misplaced items.
pub(crate) fn build(ctx: &Ctx, items: Vec<Item>) -> Parameters {
    let mut ps = Parameters::default();
    let mut seen_slash = false;
    let mut star: Option<Span> = None;
    let mut seen_kwarg = false;
    let mut seen_default = false;
    let err = |msg: &str, span: Span| ctx.defer(CompileError::syntax(msg, span));
    for item in items {
        let span = match &item {
            Item::Slash(s) | Item::Star(s) => *s,
            Item::VarArg(p, s) => s.join(p.span),
            Item::KwArg(p) | Item::Plain(p) => p.span,
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
                    err("* argument may appear only once", s);
                }
                star = Some(s);
            }
            Item::VarArg(mut p, s) => {
                if star.is_some() {
                    err("* argument may appear only once", s);
                }
                if p.default.is_some() {
                    err("var-positional argument cannot have default value", p.span);
                    p.default = None;
                }
                star = Some(s);
                ps.vararg = Some(p);
            }
            Item::KwArg(mut p) => {
                if p.default.is_some() {
                    err("var-keyword argument cannot have default value", p.span);
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
    if let Some(s) = star {
        if ps.vararg.is_none() && ps.kwonly.is_empty() {
            err("named arguments must follow bare *", s);
        }
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

/// Helper for callers that need the input/extra types spelled out.
pub(crate) type ParamsParser<'a> = P<'a, Parameters>;

#[allow(dead_code)]
fn _assert_types<'a>(p: ParamsParser<'a>) -> impl Parser<'a, In<'a>, Parameters, Ex> {
    p
}
