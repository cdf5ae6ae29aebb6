//! `match` statements and their patterns.
//!
//! `match` and `case` are soft keywords: a `match` statement is tried
//! first and, if it does not parse, the line is read as ordinary
//! statements (`match = 1`, `match(x)`).

use chumsky::prelude::*;

use super::ctx::{Ctx, Forward, P};
use super::expr::Exprs;
use crate::ast::*;
use crate::errors::CompileError;
use crate::intern::Sym;
use crate::lexer::Tok;

/// `match subject: NEWLINE INDENT case_block+ DEDENT`.
pub(crate) fn match_statement<'a>(
    ctx: &'a Ctx<'a>,
    x: &Exprs<'a>,
    block: P<'a, Vec<Stmt>>,
) -> P<'a, Stmt> {
    let soft = move |sym: Sym| {
        select! { Tok::Name(s) if s == sym => () }.map_with(move |_, e| ctx.sp(e.span()))
    };
    let patterns = patterns(ctx, x);
    let case_block = soft(ctx.syms.case)
        .then(patterns)
        .then(
            just(Tok::If)
                .ignore_then(x.named_expression.clone())
                .or_not(),
        )
        .then_ignore(just(Tok::Colon))
        .then(block)
        .map(|(((at, pattern), guard), body)| {
            let end = body.last().map_or(at.end, |s| s.span.end);
            MatchCase {
                pattern,
                guard,
                body,
                span: Span {
                    start: at.start,
                    end,
                },
            }
        });
    soft(ctx.syms.match_)
        .then(x.star_named_expressions.clone())
        .then_ignore(just(Tok::Colon))
        .then_ignore(just(Tok::Newline))
        .then_ignore(just(Tok::Indent))
        .then(case_block.repeated().at_least(1).collect::<Vec<_>>())
        .then_ignore(just(Tok::Dedent))
        .map(|((at, subject), cases)| {
            let end = cases.last().map_or(at.end, |c| c.span.end);
            Stmt::new(
                StmtKind::Match { subject, cases },
                Span {
                    start: at.start,
                    end,
                },
            )
        })
        .boxed()
}

fn pat(kind: PatternKind, span: Span) -> Pattern {
    Pattern { kind, span }
}

/// The pattern of a `case`: a pattern, or an open sequence `a, *b`.
pub(crate) fn patterns<'a>(ctx: &'a Ctx<'a>, x: &Exprs<'a>) -> P<'a, Pattern> {
    let name = select! { Tok::Name(s) => s };
    let sp = move |s| ctx.sp(s);
    let underscore = ctx.syms.underscore;
    let mut pattern_rec: Forward<'a, Pattern> = Forward::declare();
    let pattern = pattern_rec.handle();

    // Literals: signed numbers, complex numbers, strings, singletons.
    let signed_number = just(Tok::Minus)
        .or_not()
        .then(x.number.clone())
        .map_with(move |(minus, n), e| match minus {
            Some(_) => Expr::new(
                ExprKind::UnaryOp {
                    op: UnaryOp::USub,
                    operand: Box::new(n),
                },
                sp(e.span()),
            ),
            None => n,
        })
        .boxed();
    let number_value = signed_number
        .clone()
        .then(
            choice((
                just(Tok::Plus).to(BinOp::Add),
                just(Tok::Minus).to(BinOp::Sub),
            ))
            .then(x.number.clone())
            .or_not(),
        )
        .map_with(move |(real, imag), e| match imag {
            None => real,
            Some((op, imag)) => {
                if !matches!(imag.kind, ExprKind::Constant(Constant::Imaginary(_))) {
                    ctx.defer(CompileError::syntax(
                        "imaginary number required in complex literal",
                        imag.span,
                    ));
                }
                Expr::new(
                    ExprKind::BinOp {
                        left: Box::new(real),
                        op,
                        right: Box::new(imag),
                    },
                    sp(e.span()),
                )
            }
        })
        .boxed();
    let string_value = x.strings.clone().map(move |s| {
        if let ExprKind::FString(_) = s.kind {
            ctx.defer(CompileError::syntax(
                "patterns may only match literals and attribute lookups",
                s.span,
            ));
        }
        s
    });
    let singleton = choice((
        just(Tok::None).to(Constant::None),
        just(Tok::True).to(Constant::True),
        just(Tok::False).to(Constant::False),
    ));
    let literal_value = choice((number_value, string_value.boxed())).boxed();
    let literal = choice((
        literal_value.clone().map(PatternKind::Value),
        singleton.clone().map(PatternKind::Singleton),
    ))
    .map_with(move |k, e| pat(k, sp(e.span())))
    .boxed();

    // Dotted names: captures, wildcards, values and class patterns.
    let name_or_attr = name
        .map_with(move |s, e| Expr::new(ExprKind::Name(NameRef::new(s)), sp(e.span())))
        .foldl_with(
            just(Tok::Dot).ignore_then(name).repeated(),
            move |v, attr, e| {
                Expr::new(
                    ExprKind::Attribute {
                        value: Box::new(v),
                        attr,
                    },
                    sp(e.span()),
                )
            },
        )
        .boxed();
    enum ClassArg {
        Pos(Pattern),
        Kw(Sym, Pattern),
    }
    let class_arg = choice((
        name.then_ignore(just(Tok::Equal))
            .then(pattern.clone())
            .map(|(n, p)| ClassArg::Kw(n, p)),
        pattern.clone().map(ClassArg::Pos),
    ));
    let class_args = class_arg
        .separated_by(just(Tok::Comma))
        .allow_trailing()
        .collect::<Vec<_>>()
        .delimited_by(just(Tok::LPar), just(Tok::RPar));
    let named = name_or_attr
        .then(class_args.or_not())
        .map_with(move |(value, args), e| {
            let span = sp(e.span());
            if let Some(args) = args {
                let mut patterns = Vec::new();
                let mut kwd_attrs = Vec::new();
                let mut kwd_patterns = Vec::new();
                for a in args {
                    match a {
                        ClassArg::Pos(p) => {
                            if !kwd_patterns.is_empty() {
                                ctx.defer(CompileError::syntax(
                                    "positional patterns follow keyword patterns",
                                    p.span,
                                ));
                            }
                            patterns.push(p);
                        }
                        ClassArg::Kw(n, p) => {
                            kwd_attrs.push(n);
                            kwd_patterns.push(p);
                        }
                    }
                }
                return pat(
                    PatternKind::Class {
                        cls: value,
                        patterns,
                        kwd_attrs,
                        kwd_patterns,
                    },
                    span,
                );
            }
            match value.kind {
                ExprKind::Name(n) if n.id == underscore => pat(
                    PatternKind::As {
                        pattern: None,
                        name: None,
                    },
                    span,
                ),
                ExprKind::Name(n) => pat(
                    PatternKind::As {
                        pattern: None,
                        name: Some(n),
                    },
                    span,
                ),
                _ => pat(PatternKind::Value(value), span),
            }
        })
        .boxed();

    // Sequences.
    let star = just(Tok::Star)
        .ignore_then(name)
        .map_with(move |n, e| {
            let n = (n != underscore).then(|| NameRef::new(n));
            pat(PatternKind::Star(n), sp(e.span()))
        })
        .boxed();
    let maybe_star = choice((star.clone(), pattern.clone())).boxed();
    let items = maybe_star
        .clone()
        .separated_by(just(Tok::Comma))
        .allow_trailing()
        .collect::<Vec<_>>();
    let bracket = items
        .clone()
        .delimited_by(just(Tok::LSqb), just(Tok::RSqb))
        .map_with(move |ps, e| pat(PatternKind::Sequence(ps), sp(e.span())));
    let paren = just(Tok::LPar)
        .ignore_then(
            maybe_star
                .clone()
                .then(
                    just(Tok::Comma)
                        .ignore_then(
                            maybe_star
                                .clone()
                                .separated_by(just(Tok::Comma))
                                .allow_trailing()
                                .collect::<Vec<_>>(),
                        )
                        .or_not(),
                )
                .or_not(),
        )
        .then_ignore(just(Tok::RPar))
        .map_with(move |body, e| match body {
            None => pat(PatternKind::Sequence(Vec::new()), sp(e.span())),
            Some((first, Some(mut rest))) => {
                rest.insert(0, first);
                pat(PatternKind::Sequence(rest), sp(e.span()))
            }
            Some((first, None)) => first,
        });

    // Mappings.
    let key = choice((
        literal_value,
        singleton
            .map_with(move |c, e| Expr::new(ExprKind::Constant(c), sp(e.span())))
            .boxed(),
        name_or_attr_value(ctx),
    ));
    // `{key: pattern, ..., **rest}`: the rest comes last and is not `_`.
    let item = key.then_ignore(just(Tok::Colon)).then(pattern.clone());
    let rest = just(Tok::DoubleStar)
        .ignore_then(select! { Tok::Name(n) if n != underscore => NameRef::new(n) });
    let mapping = choice((
        rest.then_ignore(just(Tok::Comma).or_not())
            .map(|r| (Vec::new(), Some(r))),
        item.separated_by(just(Tok::Comma))
            .at_least(1)
            .collect::<Vec<_>>()
            .then(just(Tok::Comma).ignore_then(rest.or_not()).or_not())
            .then_ignore(just(Tok::Comma).or_not())
            .map(|(items, r)| (items, r.flatten())),
        empty().map(|_| (Vec::new(), None)),
    ))
    .delimited_by(just(Tok::LBrace), just(Tok::RBrace))
    .map_with(move |(items, rest), e| {
        let (keys, patterns) = items.into_iter().unzip();
        pat(
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            },
            sp(e.span()),
        )
    });

    let closed = choice((literal, named, paren, bracket, mapping)).boxed();
    let or_pattern = closed
        .clone()
        .then(
            just(Tok::VBar)
                .ignore_then(closed)
                .repeated()
                .collect::<Vec<_>>(),
        )
        .map_with(move |(first, mut rest), e| {
            if rest.is_empty() {
                return first;
            }
            rest.insert(0, first);
            pat(PatternKind::Or(rest), sp(e.span()))
        });
    let as_name = just(Tok::As).ignore_then(name.map_with(move |n, e| (n, sp(e.span()))));
    pattern_rec.define(
        or_pattern
            .then(as_name.or_not())
            .map_with(move |(p, name), e| match name {
                None => p,
                Some((n, nspan)) => {
                    if n == underscore {
                        ctx.defer(CompileError::syntax("cannot use '_' as a target", nspan));
                    }
                    pat(
                        PatternKind::As {
                            pattern: Some(Box::new(p)),
                            name: Some(NameRef::new(n)),
                        },
                        sp(e.span()),
                    )
                }
            })
            .boxed(),
    );
    // An open sequence `a, *b`; a star pattern needs the comma.
    let tail = just(Tok::Comma).ignore_then(
        maybe_star
            .separated_by(just(Tok::Comma))
            .allow_trailing()
            .collect::<Vec<_>>(),
    );
    choice((
        star.then(tail.clone().map(Some)),
        pattern_rec.owner().then(tail.or_not()),
    ))
    .map_with(move |(first, rest), e| match rest {
        None => first,
        Some(mut rest) => {
            rest.insert(0, first);
            pat(PatternKind::Sequence(rest), sp(e.span()))
        }
    })
    .boxed()
}

/// A dotted name with at least one dot, as a mapping key.
fn name_or_attr_value<'a>(ctx: &'a Ctx<'a>) -> P<'a, Expr> {
    let name = select! { Tok::Name(s) => s };
    name.map_with(move |s, e| Expr::new(ExprKind::Name(NameRef::new(s)), ctx.sp(e.span())))
        .foldl_with(
            just(Tok::Dot).ignore_then(name).repeated().at_least(1),
            move |v, attr, e| {
                Expr::new(
                    ExprKind::Attribute {
                        value: Box::new(v),
                        attr,
                    },
                    ctx.sp(e.span()),
                )
            },
        )
        .boxed()
}
