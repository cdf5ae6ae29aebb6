//! Displays: parenthesised expressions, tuples, generator expressions,
//! lists, sets, dicts and their comprehensions. Part of [`super::expr`].

use std::rc::Rc;

use chumsky::prelude::*;

use super::ctx::{Ctx, P};
use crate::ast::*;
use crate::errors::CompileError;
use crate::lexer::Tok;

/// The parsers displays are built from.
pub(crate) struct Parts<'a> {
    pub star_named_expression: P<'a, Expr>,
    pub yield_expr: P<'a, Expr>,
    pub expression: P<'a, Expr>,
    pub bitwise_or: P<'a, Expr>,
    pub comp_clauses: P<'a, Vec<CompFor>>,
}

/// The parsers of `( ... )`, `[ ... ]` and `{ ... }` atoms.
pub(crate) fn displays<'a>(
    ctx: &'a Ctx<'a>,
    parts: Parts<'a>,
) -> (P<'a, Expr>, P<'a, Expr>, P<'a, Expr>) {
    let Parts {
        star_named_expression,
        yield_expr,
        expression: expression_p,
        bitwise_or: bitwise_or_p,
        comp_clauses,
    } = parts;
    let comprehension = move |kind, elt: Expr, value: Option<Expr>, generators, span| {
        if let ExprKind::Starred(_) = elt.kind {
            ctx.defer(CompileError::syntax(
                "iterable unpacking cannot be used in comprehension",
                elt.span,
            ));
        }
        Expr::new(
            ExprKind::Comprehension(Rc::new(Comprehension {
                kind,
                elt,
                value,
                generators,
                span,
                scope: Default::default(),
                is_async: false,
            })),
            span,
        )
    };

    // ( ... )
    #[derive(Clone)]
    enum Tail {
        Comp(Vec<CompFor>),
        Tuple(Vec<Expr>),
        None,
    }
    let seq_tail = choice((
        comp_clauses.clone().map(Tail::Comp),
        just(Tok::Comma)
            .ignore_then(
                star_named_expression
                    .clone()
                    .separated_by(just(Tok::Comma))
                    .allow_trailing()
                    .collect::<Vec<_>>(),
            )
            .map(Tail::Tuple),
        empty().to(Tail::None),
    ))
    .boxed();
    // The contents of `( ... )`, and whether they make a tuple or a
    // generator expression (whose span includes the parentheses).
    let paren_body = choice((
        just(Tok::RPar).map_with(move |_, e| {
            (
                Expr::new(ExprKind::Tuple(Vec::new()), ctx.sp(e.span())),
                true,
            )
        }),
        yield_expr
            .clone()
            .then_ignore(just(Tok::RPar))
            .map(|x| (x, false)),
        star_named_expression
            .clone()
            .then(seq_tail.clone())
            .then_ignore(just(Tok::RPar))
            .map_with(move |(first, tail), e| {
                let span = ctx.sp(e.span());
                match tail {
                    Tail::Comp(gens) => (
                        comprehension(ComprehensionKind::Generator, first, None, gens, span),
                        true,
                    ),
                    Tail::Tuple(mut rest) => {
                        rest.insert(0, first);
                        (Expr::new(ExprKind::Tuple(rest), span), true)
                    }
                    Tail::None => {
                        if let ExprKind::Starred(_) = first.kind {
                            ctx.defer(CompileError::syntax(
                                "cannot use starred expression here",
                                first.span,
                            ));
                        }
                        (first, false)
                    }
                }
            }),
    ))
    .boxed();
    let paren = just(Tok::LPar)
        .ignore_then(paren_body)
        .map_with(move |(mut x, whole), e| {
            // Tuples and generator expressions include their parentheses;
            // a parenthesised expression is just the expression.
            if whole {
                x.span = ctx.sp(e.span());
                let span = x.span;
                if let ExprKind::Comprehension(c) = &mut x.kind
                    && let Some(c) = Rc::get_mut(c)
                {
                    c.span = span;
                }
            }
            x
        })
        .boxed();

    // [ ... ]
    let list = just(Tok::LSqb)
        .ignore_then(
            star_named_expression
                .clone()
                .then(seq_tail.clone())
                .or_not(),
        )
        .then_ignore(just(Tok::RSqb))
        .map_with(move |body, e| {
            let span = ctx.sp(e.span());
            match body {
                None => Expr::new(ExprKind::List(Vec::new()), span),
                Some((first, Tail::Comp(gens))) => {
                    comprehension(ComprehensionKind::List, first, None, gens, span)
                }
                Some((first, Tail::Tuple(mut rest))) => {
                    rest.insert(0, first);
                    Expr::new(ExprKind::List(rest), span)
                }
                Some((first, Tail::None)) => Expr::new(ExprKind::List(vec![first]), span),
            }
        })
        .boxed();

    // { ... }
    let double_star = just(Tok::DoubleStar).ignore_then(bitwise_or_p.clone());
    let dict_item = choice((
        double_star.clone().map(|v| (None, v)),
        expression_p
            .clone()
            .then_ignore(just(Tok::Colon))
            .then(expression_p.clone())
            .map(|(k, v)| (Some(k), v)),
    ))
    .boxed();
    let dict_rest = just(Tok::Comma)
        .ignore_then(
            dict_item
                .clone()
                .separated_by(just(Tok::Comma))
                .allow_trailing()
                .collect::<Vec<_>>(),
        )
        .or_not()
        .map(Option::unwrap_or_default);
    enum Brace {
        Dict(Vec<(Option<Expr>, Expr)>),
        DictComp(Expr, Expr, Vec<CompFor>),
        Set(Vec<Expr>),
        SetComp(Expr, Vec<CompFor>),
        BadComp(Expr, Span),
    }
    let brace_body = choice((
        just(Tok::DoubleStar)
            .map_with(move |_, e| ctx.sp(e.span()))
            .then(bitwise_or_p.clone())
            .then(comp_clauses.clone().or_not())
            .then(dict_rest.clone())
            .map(move |(((star, v), comp), mut rest)| match comp {
                Some(_) => Brace::BadComp(v, star),
                None => {
                    rest.insert(0, (None, v));
                    Brace::Dict(rest)
                }
            }),
        star_named_expression
            .clone()
            .then(choice((
                just(Tok::Colon)
                    .ignore_then(expression_p.clone())
                    .then(choice((
                        comp_clauses.clone().map(Ok),
                        dict_rest.clone().map(Err),
                    )))
                    .map(Ok),
                seq_tail.clone().map(Err),
            )))
            .map(|(first, rest)| match rest {
                Ok((value, Ok(gens))) => Brace::DictComp(first, value, gens),
                Ok((value, Err(mut items))) => {
                    items.insert(0, (Some(first), value));
                    Brace::Dict(items)
                }
                Err(Tail::Comp(gens)) => Brace::SetComp(first, gens),
                Err(Tail::Tuple(mut rest)) => {
                    rest.insert(0, first);
                    Brace::Set(rest)
                }
                Err(Tail::None) => Brace::Set(vec![first]),
            }),
    ))
    .boxed();
    let brace = just(Tok::LBrace)
        .ignore_then(brace_body.or_not())
        .then_ignore(just(Tok::RBrace))
        .map_with(move |body, e| {
            let span = ctx.sp(e.span());
            match body {
                None => Expr::new(
                    ExprKind::Dict {
                        keys: Vec::new(),
                        values: Vec::new(),
                    },
                    span,
                ),
                Some(Brace::Dict(items)) => {
                    let (keys, values) = items.into_iter().unzip();
                    Expr::new(ExprKind::Dict { keys, values }, span)
                }
                Some(Brace::DictComp(k, v, gens)) => {
                    comprehension(ComprehensionKind::Dict, k, Some(v), gens, span)
                }
                Some(Brace::Set(items)) => Expr::new(ExprKind::Set(items), span),
                Some(Brace::SetComp(elt, gens)) => {
                    comprehension(ComprehensionKind::Set, elt, None, gens, span)
                }
                Some(Brace::BadComp(v, star)) => {
                    ctx.defer(CompileError::syntax(
                        "dict unpacking cannot be used in dict comprehension",
                        star,
                    ));
                    v
                }
            }
        })
        .boxed();

    (paren, list, brace)
}
