//! Expressions, following the precedence levels of CPython's grammar.
//!
//! Binary operators of one level are folded left to right over a repeated
//! `op operand` parser, and prefix operators and `**` chains are collected
//! and folded in a loop, so long operator chains need no recursion. Nesting
//! (parentheses, lambdas, conditional expressions) recurses through two
//! declared parsers, `atom` and `expression`; chumsky grows the stack at
//! those points.

use std::rc::Rc;

use chumsky::prelude::*;

use super::args::{self, Arg};
use super::ctx::{Ctx, Forward, P, StrValue};
use super::displays;
use super::params;
use crate::ast::*;
use crate::errors::CompileError;
use crate::intern::Sym;
use crate::lexer::Tok;

/// The expression-level parsers other rules are built from.
#[derive(Clone)]
pub(crate) struct Exprs<'a> {
    pub expression: P<'a, Expr>,
    pub named_expression: P<'a, Expr>,
    /// `star_expression (',' star_expression)* [',']`: a tuple if there is
    /// a comma.
    pub star_expressions: P<'a, Expr>,
    /// `star_named_expression (',' ...)* [',']`, a tuple if there is a comma.
    pub star_named_expressions: P<'a, Expr>,
    pub star_expression: P<'a, Expr>,
    pub yield_expr: P<'a, Expr>,
    pub bitwise_or: P<'a, Expr>,
    pub disjunction: P<'a, Expr>,
    /// Assignment targets of `for` (a permissive superset, checked later).
    pub target_list: P<'a, Expr>,
    /// A single target after `as` in `with`.
    pub target: P<'a, Expr>,
    /// A parenthesised argument list, as of a call or a class header.
    pub arguments: P<'a, (Vec<Expr>, Vec<Keyword>)>,
    pub strings: P<'a, Expr>,
    pub number: P<'a, Expr>,
    /// A parenthesised atom: what an f-string's replacement field is
    /// parsed as (CPython parses `(` + text + `)`).
    pub paren: P<'a, Expr>,
    /// Owns the recursive parsers the others use weakly: hold it (or
    /// [`Exprs`]) while parsing with them.
    pub keep: Vec<P<'a, ()>>,
}

/// A `, `-separated list with an optional trailing comma: the items and
/// whether any comma was present.
fn comma_list<'a>(item: P<'a, Expr>) -> P<'a, (Vec<Expr>, bool)> {
    item.clone()
        .then(
            just(Tok::Comma)
                .ignore_then(item)
                .repeated()
                .collect::<Vec<_>>(),
        )
        .then(just(Tok::Comma).or_not())
        .map(|((first, mut rest), trailing)| {
            let comma = !rest.is_empty() || trailing.is_some();
            rest.insert(0, first);
            (rest, comma)
        })
        .boxed()
}

/// A comma list that is a tuple if it has a comma, else its one item.
fn tuple_or_single<'a>(ctx: &'a Ctx<'a>, item: P<'a, Expr>) -> P<'a, Expr> {
    comma_list(item)
        .map_with(move |(mut items, comma), e| {
            if !comma && items.len() == 1 {
                items
                    .pop()
                    .unwrap_or_else(|| Expr::new(ExprKind::Tuple(Vec::new()), ctx.sp(e.span())))
            } else {
                Expr::new(ExprKind::Tuple(items), ctx.sp(e.span()))
            }
        })
        .boxed()
}

fn bin(left: Expr, op: BinOp, right: Expr, span: Span) -> Expr {
    Expr::new(
        ExprKind::BinOp {
            left: Box::new(left),
            op,
            right: Box::new(right),
        },
        span,
    )
}

/// A left-associative binary operator level.
fn binary_level<'a>(
    ctx: &'a Ctx<'a>,
    operand: P<'a, Expr>,
    op: impl Parser<'a, super::ctx::In<'a>, BinOp, super::ctx::Ex> + Clone + 'a,
) -> P<'a, Expr> {
    operand
        .clone()
        .foldl_with(op.then(operand).repeated(), move |l, (op, r), e| {
            bin(l, op, r, ctx.sp(e.span()))
        })
        .boxed()
}

/// Builds all expression parsers.
pub(crate) fn build<'a>(ctx: &'a Ctx<'a>) -> Exprs<'a> {
    let mut atom: Forward<'a, Expr> = Forward::declare();
    let mut expression: Forward<'a, Expr> = Forward::declare();
    let atom_p = atom.handle();
    let expression_p = expression.handle();
    let name = select! { Tok::Name(s) => s };

    // ---- primaries -------------------------------------------------------
    let number = select! { Tok::Number(i) => i }
        .map_with(move |i, e| {
            let c = ctx
                .numbers
                .get(i as usize)
                .cloned()
                .unwrap_or(Constant::Int(0));
            Expr::new(ExprKind::Constant(c), ctx.sp(e.span()))
        })
        .boxed();
    let strings = select! { Tok::String(i) => i }
        .map_with(move |i, e| {
            let kind = match ctx.strs.get(i as usize) {
                Some(StrValue::Const(c)) => ExprKind::Constant(c.clone()),
                Some(StrValue::FString(parts)) => ExprKind::FString(parts.clone()),
                None => ExprKind::Constant(Constant::Str(Rc::from(""))),
            };
            Expr::new(kind, ctx.sp(e.span()))
        })
        .boxed();

    let named_expression = expression_p
        .clone()
        .then(
            just(Tok::ColonEqual)
                .ignore_then(expression_p.clone())
                .or_not(),
        )
        .map_with(move |(target, value), e| match value {
            None => target,
            Some(value) => match target.kind {
                ExprKind::Name(n) if !ctx.parenthesized(target.span) => Expr::new(
                    ExprKind::NamedExpr {
                        target: n,
                        value: Box::new(value),
                    },
                    ctx.sp(e.span()),
                ),
                _ => {
                    ctx.defer(CompileError::syntax(
                        format!(
                            "cannot use assignment expressions with {}",
                            super::validate::expr_name(&target)
                        ),
                        target.span,
                    ));
                    value
                }
            },
        })
        .boxed();

    // `await` and `**` bind tighter than unary operators on their left;
    // bitwise_or is needed inside atoms before it is built.
    let mut bitwise_or_rec: Forward<'a, Expr> = Forward::declare();
    let bitwise_or_p = bitwise_or_rec.handle();

    let starred = |inner: P<'a, Expr>| {
        just(Tok::Star)
            .ignore_then(inner)
            .map_with(move |v, e| Expr::new(ExprKind::Starred(Box::new(v)), ctx.sp(e.span())))
            .boxed()
    };
    let star_named_expression =
        choice((starred(bitwise_or_p.clone()), named_expression.clone())).boxed();
    let star_expression = choice((starred(bitwise_or_p.clone()), expression_p.clone())).boxed();
    let star_expressions = tuple_or_single(ctx, star_expression.clone());
    let star_named_expressions = tuple_or_single(ctx, star_named_expression.clone());

    let yield_expr = just(Tok::Yield)
        .ignore_then(choice((
            just(Tok::From)
                .ignore_then(expression_p.clone())
                .map(|v| (true, Some(v))),
            star_expressions.clone().or_not().map(|v| (false, v)),
        )))
        .map_with(move |(from, v), e| {
            let span = ctx.sp(e.span());
            match (from, v) {
                (true, Some(v)) => Expr::new(ExprKind::YieldFrom(Box::new(v)), span),
                (_, v) => Expr::new(ExprKind::Yield(v.map(Box::new)), span),
            }
        })
        .boxed();

    // Targets: `*`-prefixed or plain bitwise_or expressions; whether they
    // are assignable is checked after parsing.
    let target = choice((starred(bitwise_or_p.clone()), bitwise_or_p.clone())).boxed();
    let target_list = tuple_or_single(ctx, target.clone());

    let mut disjunction_rec: Forward<'a, Expr> = Forward::declare();
    let disjunction_p = disjunction_rec.handle();
    let comp_for = just(Tok::Async)
        .or_not()
        .then_ignore(just(Tok::For))
        .then(target_list.clone())
        .then_ignore(just(Tok::In))
        .then(disjunction_p.clone())
        .then(
            just(Tok::If)
                .ignore_then(disjunction_p.clone())
                .repeated()
                .collect::<Vec<_>>(),
        )
        .map(|(((is_async, target), iter), ifs)| CompFor {
            target,
            iter,
            ifs,
            is_async: is_async.is_some(),
        });
    let comp_clauses = comp_for.repeated().at_least(1).collect::<Vec<_>>().boxed();

    let (paren, list, brace) = displays::displays(
        ctx,
        displays::Parts {
            star_named_expression: star_named_expression.clone(),
            yield_expr: yield_expr.clone(),
            expression: expression_p.clone(),
            bitwise_or: bitwise_or_p.clone(),
            comp_clauses: comp_clauses.clone(),
        },
    );

    let constant = choice((
        just(Tok::True).to(Constant::True),
        just(Tok::False).to(Constant::False),
        just(Tok::None).to(Constant::None),
        just(Tok::Ellipsis).to(Constant::Ellipsis),
    ))
    .map_with(move |c, e| Expr::new(ExprKind::Constant(c), ctx.sp(e.span())));
    let name_expr =
        name.map_with(move |s, e| Expr::new(ExprKind::Name(NameRef::new(s)), ctx.sp(e.span())));

    atom.define(
        choice((
            name_expr,
            number.clone(),
            strings.clone(),
            constant,
            paren.clone(),
            list,
            brace,
        ))
        .boxed(),
    );

    // ---- trailers ----------------------------------------------------------
    // `[lower] ':' [upper] [':' [step]]`, or an index.
    let slice_rest = just(Tok::Colon)
        .ignore_then(expression_p.clone().or_not())
        .then(
            just(Tok::Colon)
                .ignore_then(expression_p.clone().or_not())
                .or_not(),
        )
        .boxed();
    let make_slice =
        move |lower: Option<Expr>, (upper, step): (Option<Expr>, Option<Option<Expr>>), span| {
            Expr::new(
                ExprKind::Slice {
                    lower: lower.map(Box::new),
                    upper: upper.map(Box::new),
                    step: step.flatten().map(Box::new),
                },
                span,
            )
        };
    let slice = choice((
        starred(bitwise_or_p.clone()),
        named_expression
            .clone()
            .then(slice_rest.clone().or_not())
            .map_with(move |(lower, rest), e| match rest {
                None => lower,
                Some(rest) => make_slice(Some(lower), rest, ctx.sp(e.span())),
            }),
        slice_rest.map_with(move |rest, e| make_slice(None, rest, ctx.sp(e.span()))),
    ))
    .boxed();
    let slices = tuple_or_single(ctx, slice)
        .map(|x| match x.kind {
            // `x[*a]` indexes with the tuple `(*a,)`.
            ExprKind::Starred(_) => Expr::new(ExprKind::Tuple(vec![x.clone()]), x.span),
            _ => x,
        })
        .boxed();

    // Call arguments allow `name := value` but, unlike other places, give
    // plain invalid syntax for any other target.
    let strict_named = choice((
        name.map_with(move |s, e| (s, ctx.sp(e.span())))
            .then_ignore(just(Tok::ColonEqual))
            .then(expression_p.clone())
            .map(|((n, nspan), value)| {
                let span = nspan.join(value.span);
                Expr::new(
                    ExprKind::NamedExpr {
                        target: NameRef::new(n),
                        value: Box::new(value),
                    },
                    span,
                )
            }),
        expression_p.clone(),
    ))
    .boxed();
    let arg = args::arg(
        ctx,
        expression_p.clone(),
        strict_named,
        comp_clauses.clone(),
    );
    let raw_arguments = arg
        .separated_by(just(Tok::Comma))
        .at_least(1)
        .collect::<Vec<Arg>>()
        .then(just(Tok::Comma).or_not().map(|c| c.is_some()))
        .or_not()
        .map(Option::unwrap_or_default)
        .boxed();
    let arguments = just(Tok::LPar)
        .ignore_then(raw_arguments.clone())
        .then_ignore(just(Tok::RPar))
        .map_with(move |items, e| args::build(ctx, items, ctx.sp(e.span())))
        .boxed();

    enum Trailer {
        Attr(Sym),
        Call((Vec<Arg>, bool), Span),
        Sub(Expr),
    }
    let trailer = choice((
        just(Tok::Dot).ignore_then(name).map(Trailer::Attr),
        just(Tok::LPar)
            .ignore_then(raw_arguments.clone())
            .then_ignore(just(Tok::RPar))
            .map_with(move |a, e| Trailer::Call(a, ctx.sp(e.span()))),
        just(Tok::LSqb)
            .ignore_then(slices)
            .then_ignore(just(Tok::RSqb))
            .map(Trailer::Sub),
    ))
    .boxed();
    let primary = atom_p
        .clone()
        .foldl_with(trailer.repeated(), move |value, t, e| {
            let span = ctx.sp(e.span());
            let value = Box::new(value);
            let kind = match t {
                Trailer::Attr(attr) => ExprKind::Attribute { value, attr },
                Trailer::Sub(index) => ExprKind::Subscript {
                    value,
                    index: Box::new(index),
                },
                Trailer::Call(items, parens) => {
                    let (args, keywords) = args::build(ctx, items, parens);
                    ExprKind::Call {
                        func: value,
                        args,
                        keywords,
                    }
                }
            };
            Expr::new(kind, span)
        })
        .boxed();

    // ---- operators ---------------------------------------------------------
    let await_primary = just(Tok::Await)
        .or_not()
        .then(primary)
        .map_with(move |(aw, p), e| match aw {
            Some(_) => Expr::new(ExprKind::Await(Box::new(p)), ctx.sp(e.span())),
            None => p,
        })
        .map_with(|x, e| (x, e.span().start))
        .boxed();
    let unary_op = choice((
        just(Tok::Minus).to(UnaryOp::USub),
        just(Tok::Plus).to(UnaryOp::UAdd),
        just(Tok::Tilde).to(UnaryOp::Invert),
    ))
    .map_with(|op, e| -> (UnaryOp, usize) {
        let s: SimpleSpan = e.span();
        (op, s.start)
    });
    let prefix = unary_op
        .repeated()
        .collect::<Vec<(UnaryOp, usize)>>()
        .boxed();
    let factor = prefix
        .clone()
        .then(await_primary.clone())
        .then(
            just(Tok::DoubleStar)
                .ignore_then(prefix)
                .then(await_primary)
                .repeated()
                .collect::<Vec<_>>(),
        )
        .map_with(move |((ops, (first, first_start)), rest), e| {
            let end = e.span().end;
            let span_from = |start: usize| ctx.sp(SimpleSpan::from(start..end));
            let apply = |ops: Vec<(UnaryOp, usize)>, mut x: Expr| {
                for (op, start) in ops.into_iter().rev() {
                    x = Expr::new(
                        ExprKind::UnaryOp {
                            op,
                            operand: Box::new(x),
                        },
                        span_from(start),
                    );
                }
                x
            };
            // a ** [-]b ** [-]c is a ** (-(b ** (-c))).
            let mut acc: Option<Expr> = None;
            let mut starts: Vec<usize> = rest.iter().map(|(_, (_, s))| *s).collect();
            for (ops, (operand, _)) in rest.into_iter().rev() {
                let start = starts.pop().unwrap_or(first_start);
                let x = match acc.take() {
                    None => operand,
                    Some(r) => bin(operand, BinOp::Pow, r, span_from(start)),
                };
                acc = Some(apply(ops, x));
            }
            let base = match acc {
                None => first,
                Some(r) => bin(first, BinOp::Pow, r, span_from(first_start)),
            };
            apply(ops, base)
        })
        .boxed();
    let term = binary_level(
        ctx,
        factor,
        choice((
            just(Tok::Star).to(BinOp::Mult),
            just(Tok::Slash).to(BinOp::Div),
            just(Tok::DoubleSlash).to(BinOp::FloorDiv),
            just(Tok::Percent).to(BinOp::Mod),
            just(Tok::At).to(BinOp::MatMult),
        )),
    );
    let sum = binary_level(
        ctx,
        term,
        choice((
            just(Tok::Plus).to(BinOp::Add),
            just(Tok::Minus).to(BinOp::Sub),
        )),
    );
    let shift = binary_level(
        ctx,
        sum,
        choice((
            just(Tok::LeftShift).to(BinOp::LShift),
            just(Tok::RightShift).to(BinOp::RShift),
        )),
    );
    let band = binary_level(ctx, shift, just(Tok::Amper).to(BinOp::BitAnd));
    let bxor = binary_level(ctx, band, just(Tok::Circumflex).to(BinOp::BitXor));
    let bor = binary_level(ctx, bxor, just(Tok::VBar).to(BinOp::BitOr));
    bitwise_or_rec.define(bor);

    let cmp_op = choice((
        just(Tok::EqEqual).to(CmpOp::Eq),
        just(Tok::NotEqual).to(CmpOp::NotEq),
        just(Tok::LessEqual).to(CmpOp::LtE),
        just(Tok::Less).to(CmpOp::Lt),
        just(Tok::GreaterEqual).to(CmpOp::GtE),
        just(Tok::Greater).to(CmpOp::Gt),
        just(Tok::Not).then(just(Tok::In)).to(CmpOp::NotIn),
        just(Tok::In).to(CmpOp::In),
        just(Tok::Is).then(just(Tok::Not)).to(CmpOp::IsNot),
        just(Tok::Is).to(CmpOp::Is),
    ));
    let comparison = bitwise_or_p
        .clone()
        .then(
            cmp_op
                .then(bitwise_or_p.clone())
                .repeated()
                .collect::<Vec<_>>(),
        )
        .map_with(move |(left, rest), e| {
            if rest.is_empty() {
                return left;
            }
            let (ops, comparators) = rest.into_iter().unzip();
            Expr::new(
                ExprKind::Compare {
                    left: Box::new(left),
                    ops,
                    comparators,
                },
                ctx.sp(e.span()),
            )
        })
        .boxed();
    let inversion = just(Tok::Not)
        .map_with(|_, e| {
            let s: SimpleSpan = e.span();
            s.start
        })
        .repeated()
        .collect::<Vec<usize>>()
        .then(comparison)
        .map_with(move |(nots, mut x), e| {
            let end = e.span().end;
            for start in nots.into_iter().rev() {
                x = Expr::new(
                    ExprKind::UnaryOp {
                        op: UnaryOp::Not,
                        operand: Box::new(x),
                    },
                    ctx.sp(SimpleSpan::from(start..end)),
                );
            }
            x
        })
        .boxed();
    let bool_level = |operand: P<'a, Expr>, tok: Tok, op: BoolOpKind| {
        operand
            .clone()
            .then(
                just(tok)
                    .ignore_then(operand)
                    .repeated()
                    .collect::<Vec<_>>(),
            )
            .map_with(move |(first, mut rest), e| {
                if rest.is_empty() {
                    return first;
                }
                rest.insert(0, first);
                Expr::new(ExprKind::BoolOp { op, values: rest }, ctx.sp(e.span()))
            })
            .boxed()
    };
    let conjunction = bool_level(inversion, Tok::And, BoolOpKind::And);
    let disjunction = bool_level(conjunction, Tok::Or, BoolOpKind::Or);
    disjunction_rec.define(disjunction);

    let conditional = disjunction_p
        .clone()
        .then(
            just(Tok::If)
                .ignore_then(disjunction_p.clone())
                .then_ignore(just(Tok::Else))
                .then(expression_p.clone())
                .or_not(),
        )
        .map_with(move |(body, rest), e| match rest {
            None => body,
            Some((test, orelse)) => Expr::new(
                ExprKind::IfExp {
                    test: Box::new(test),
                    body: Box::new(body),
                    orelse: Box::new(orelse),
                },
                ctx.sp(e.span()),
            ),
        });
    let lambda_params = params::parameters(ctx, expression_p.clone(), None);
    let lambdef = just(Tok::Lambda)
        .ignore_then(lambda_params.or_not())
        .then_ignore(just(Tok::Colon))
        .then(expression_p.clone())
        .map_with(move |(params, body), e| {
            let span = ctx.sp(e.span());
            let body_span = body.span;
            let ret = Stmt::new(StmtKind::Return(Some(body)), body_span);
            let f = FunctionDef {
                name: ctx.syms.lambda,
                binding: NameRef::new(ctx.syms.lambda),
                params: params.unwrap_or_default(),
                body: vec![ret],
                decorators: Vec::new(),
                returns: None,
                is_async: false,
                is_lambda: true,
                span,
                header_span: span,
                scope: Default::default(),
                qualname: String::new(),
            };
            Expr::new(ExprKind::Lambda(Rc::new(f)), span)
        });
    expression.define(choice((lambdef, conditional)).boxed());

    Exprs {
        expression: expression_p,
        named_expression,
        star_expressions,
        star_named_expressions,
        star_expression,
        yield_expr,
        bitwise_or: bitwise_or_p,
        disjunction: disjunction_p,
        target_list,
        target,
        arguments,
        strings,
        number,
        paren,
        keep: [atom, expression, bitwise_or_rec, disjunction_rec]
            .into_iter()
            .map(|f| f.owner().ignored().boxed())
            .collect(),
    }
}
