//! Statements and blocks.
//!
//! Simple statements that start with an expression (expression
//! statements and all kinds of assignment) parse the leading expression
//! once and then look at what follows; targets are accepted as any
//! expression here and checked by [`super::validate`]. Compound statements
//! parse their header alternatives first and their block after the choice,
//! so an error inside a block is never re-parsed by another alternative.

use std::rc::Rc;

use chumsky::prelude::*;

use super::ctx::{Ctx, Forward, P};
use super::expr::{self, Exprs};
use super::params;
use super::pattern;
use crate::ast::*;
use crate::errors::CompileError;
use crate::intern::Sym;
use crate::lexer::Tok;

fn end_of(stmts: &[Stmt], fallback: Span) -> u32 {
    stmts.last().map_or(fallback.end, |s| s.span.end)
}

/// The parser of a whole module: statements then ENDMARKER.
pub(crate) fn module<'a>(ctx: &'a Ctx<'a>) -> P<'a, Vec<Stmt>> {
    let x = expr::build(ctx);
    let mut statements: Forward<'a, Vec<Stmt>> = Forward::declare();
    let simple_stmts = simple_statements(ctx, &x);
    let block = choice((
        just(Tok::Newline)
            .ignore_then(just(Tok::Indent))
            .ignore_then(statements.handle())
            .then_ignore(just(Tok::Dedent)),
        simple_stmts.clone(),
    ))
    .boxed();
    let compound = compound_statement(ctx, &x, block);
    let statement = choice((compound.map(|s| vec![s]), simple_stmts)).boxed();
    statements.define(
        statement
            .repeated()
            .at_least(1)
            .collect::<Vec<Vec<Stmt>>>()
            .map(|v| v.into_iter().flatten().collect::<Vec<Stmt>>())
            .boxed(),
    );
    // The module parser owns the grammar: the statements and, through
    // `keep`, the expression parsers they use weakly.
    let keep = x.keep;
    statements
        .owner()
        .or_not()
        .map(move |body| {
            let _ = &keep;
            body.unwrap_or_default()
        })
        .then_ignore(just(Tok::EndMarker))
        .boxed()
}

/// `simple_stmt (';' simple_stmt)* [';'] NEWLINE`.
fn simple_statements<'a>(ctx: &'a Ctx<'a>, x: &Exprs<'a>) -> P<'a, Vec<Stmt>> {
    let name = select! { Tok::Name(s) => s };
    let spanned_name = name.map_with(move |s, e| (s, ctx.sp(e.span())));
    let rhs = choice((x.yield_expr.clone(), x.star_expressions.clone())).boxed();

    let augop = choice((
        just(Tok::PlusEqual).to(BinOp::Add),
        just(Tok::MinEqual).to(BinOp::Sub),
        just(Tok::StarEqual).to(BinOp::Mult),
        just(Tok::AtEqual).to(BinOp::MatMult),
        just(Tok::SlashEqual).to(BinOp::Div),
        just(Tok::PercentEqual).to(BinOp::Mod),
        just(Tok::AmperEqual).to(BinOp::BitAnd),
        just(Tok::VBarEqual).to(BinOp::BitOr),
        just(Tok::CircumflexEqual).to(BinOp::BitXor),
        just(Tok::LeftShiftEqual).to(BinOp::LShift),
        just(Tok::RightShiftEqual).to(BinOp::RShift),
        just(Tok::DoubleStarEqual).to(BinOp::Pow),
        just(Tok::DoubleSlashEqual).to(BinOp::FloorDiv),
    ));
    #[derive(Clone)]
    enum Tail {
        Ann(Expr, Option<Expr>),
        Aug(BinOp, Expr),
        Assign(Vec<Expr>),
        None,
    }
    let tail = choice((
        just(Tok::Colon)
            .ignore_then(x.expression.clone())
            .then(just(Tok::Equal).ignore_then(rhs.clone()).or_not())
            .map(|(a, v)| Tail::Ann(a, v)),
        augop.then(rhs.clone()).map(|(op, v)| Tail::Aug(op, v)),
        just(Tok::Equal)
            .ignore_then(rhs.clone())
            .repeated()
            .at_least(1)
            .collect::<Vec<_>>()
            .map(Tail::Assign),
        empty().to(Tail::None),
    ));
    let expr_stmt = rhs.clone().then(tail).map(move |(first, tail)| match tail {
        Tail::None => StmtKind::Expr(first),
        Tail::Ann(annotation, value) => {
            let simple = matches!(first.kind, ExprKind::Name(_)) && !ctx.parenthesized(first.span);
            StmtKind::AnnAssign {
                target: first,
                annotation,
                value,
                simple,
            }
        }
        Tail::Aug(op, value) => StmtKind::AugAssign {
            target: first,
            op,
            value,
        },
        Tail::Assign(mut rest) => {
            let value = rest.pop().unwrap_or_else(|| first.clone());
            rest.insert(0, first);
            StmtKind::Assign {
                targets: rest,
                value,
            }
        }
    });

    let dotted_name = name
        .separated_by(just(Tok::Dot))
        .at_least(1)
        .collect::<Vec<Sym>>()
        .boxed();
    let alias = move |dotted: P<'a, Vec<Sym>>| {
        dotted
            .then(just(Tok::As).ignore_then(name).or_not())
            .map_with(move |(parts, asname), e| {
                let first = parts.first().copied().unwrap_or(ctx.syms.underscore);
                let name = parts
                    .iter()
                    .map(|s| s.as_str())
                    .collect::<Vec<_>>()
                    .join(".");
                Alias {
                    name,
                    asname,
                    span: ctx.sp(e.span()),
                    target: NameRef::new(asname.unwrap_or(first)),
                }
            })
            .boxed()
    };
    let import_name = just(Tok::Import)
        .ignore_then(
            alias(dotted_name.clone())
                .separated_by(just(Tok::Comma))
                .at_least(1)
                .collect::<Vec<_>>(),
        )
        .map(StmtKind::Import);
    let from_alias = alias(name.map(|s| vec![s]).boxed());
    let dots = choice((just(Tok::Dot).to(1u32), just(Tok::Ellipsis).to(3u32)));
    let from_targets = choice((
        just(Tok::Star).to(Vec::new()),
        from_alias
            .clone()
            .separated_by(just(Tok::Comma))
            .at_least(1)
            .allow_trailing()
            .collect::<Vec<_>>()
            .delimited_by(just(Tok::LPar), just(Tok::RPar)),
        from_alias
            .separated_by(just(Tok::Comma))
            .at_least(1)
            .collect::<Vec<_>>(),
    ));
    let import_from = just(Tok::From)
        .ignore_then(choice((
            dots.repeated()
                .at_least(1)
                .collect::<Vec<u32>>()
                .then(dotted_name.clone().or_not()),
            dotted_name.map(|m| (Vec::new(), Some(m))),
        )))
        .map(|(dots, module)| (dots.iter().sum::<u32>(), module))
        .then_ignore(just(Tok::Import))
        .then(from_targets)
        .map(|((level, module), names)| StmtKind::ImportFrom {
            module: module.map(|m| m.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(".")),
            names,
            level,
        });

    let del_targets = x
        .target
        .clone()
        .separated_by(just(Tok::Comma))
        .at_least(1)
        .allow_trailing()
        .collect::<Vec<_>>();
    let names = spanned_name
        .separated_by(just(Tok::Comma))
        .at_least(1)
        .collect::<Vec<_>>()
        .boxed();

    let simple = choice((
        expr_stmt,
        just(Tok::Return)
            .ignore_then(x.star_expressions.clone().or_not())
            .map(StmtKind::Return),
        import_name,
        import_from,
        just(Tok::Raise)
            .ignore_then(
                x.expression
                    .clone()
                    .then(just(Tok::From).ignore_then(x.expression.clone()).or_not())
                    .or_not(),
            )
            .map(|r| match r {
                None => StmtKind::Raise {
                    exc: None,
                    cause: None,
                },
                Some((exc, cause)) => StmtKind::Raise {
                    exc: Some(exc),
                    cause,
                },
            }),
        just(Tok::Pass).to(StmtKind::Pass),
        just(Tok::Break).to(StmtKind::Break),
        just(Tok::Continue).to(StmtKind::Continue),
        just(Tok::Del)
            .ignore_then(del_targets)
            .map(StmtKind::Delete),
        just(Tok::Assert)
            .ignore_then(x.expression.clone())
            .then(just(Tok::Comma).ignore_then(x.expression.clone()).or_not())
            .map(|(test, msg)| StmtKind::Assert { test, msg }),
        just(Tok::Global)
            .ignore_then(names.clone())
            .map(StmtKind::Global),
        just(Tok::Nonlocal)
            .ignore_then(names)
            .map(StmtKind::Nonlocal),
    ))
    .map_with(move |kind, e| Stmt::new(kind, ctx.sp(e.span())))
    .boxed();
    simple
        .separated_by(just(Tok::Semi))
        .at_least(1)
        .allow_trailing()
        .collect::<Vec<_>>()
        .then_ignore(just(Tok::Newline))
        .boxed()
}

/// `if`, `while`, `for`, `with`, `try`, `def`, `class`, `match` and the
/// decorated and `async` forms.
fn compound_statement<'a>(ctx: &'a Ctx<'a>, x: &Exprs<'a>, block: P<'a, Vec<Stmt>>) -> P<'a, Stmt> {
    let name = select! { Tok::Name(s) => s };
    let start = |t: Tok| just(t).map_with(move |_, e| ctx.sp(e.span()));
    let else_block = just(Tok::Else)
        .ignore_then(just(Tok::Colon))
        .ignore_then(block.clone())
        .or_not()
        .map(Option::unwrap_or_default)
        .boxed();

    // if / elif / else
    let elif = start(Tok::Elif)
        .then(x.named_expression.clone())
        .then_ignore(just(Tok::Colon))
        .then(block.clone());
    let if_stmt = start(Tok::If)
        .then(x.named_expression.clone())
        .then_ignore(just(Tok::Colon))
        .then(block.clone())
        .then(elif.repeated().collect::<Vec<_>>())
        .then(else_block.clone())
        .map(|((((at, test), body), elifs), mut orelse)| {
            for ((at, test), body) in elifs.into_iter().rev() {
                let end = end_of(&orelse, Span::default()).max(end_of(&body, at));
                let span = Span {
                    start: at.start,
                    end,
                };
                orelse = vec![Stmt::new(StmtKind::If { test, body, orelse }, span)];
            }
            let end = end_of(&orelse, Span::default()).max(end_of(&body, at));
            Stmt::new(
                StmtKind::If { test, body, orelse },
                Span {
                    start: at.start,
                    end,
                },
            )
        })
        .boxed();

    let while_stmt = start(Tok::While)
        .then(x.named_expression.clone())
        .then_ignore(just(Tok::Colon))
        .then(block.clone())
        .then(else_block.clone())
        .map(|(((at, test), body), orelse)| {
            let end = end_of(&orelse, Span::default()).max(end_of(&body, at));
            Stmt::new(
                StmtKind::While { test, body, orelse },
                Span {
                    start: at.start,
                    end,
                },
            )
        })
        .boxed();

    let for_stmt = start(Tok::Async)
        .or_not()
        .then(start(Tok::For))
        .then(x.target_list.clone())
        .then_ignore(just(Tok::In))
        .then(x.star_expressions.clone())
        .then_ignore(just(Tok::Colon))
        .then(block.clone())
        .then(else_block.clone())
        .map(|(((((aw, at), target), iter), body), orelse)| {
            let at = aw.unwrap_or(at).join(at);
            let end = end_of(&orelse, Span::default()).max(end_of(&body, at));
            Stmt::new(
                StmtKind::For {
                    is_async: aw.is_some(),
                    target,
                    iter,
                    body,
                    orelse,
                },
                Span {
                    start: at.start,
                    end,
                },
            )
        })
        .boxed();

    let with_item = x
        .expression
        .clone()
        .then(just(Tok::As).ignore_then(x.target.clone()).or_not())
        .map(|(context, target)| WithItem { context, target })
        .boxed();
    let with_items = choice((
        with_item
            .clone()
            .separated_by(just(Tok::Comma))
            .at_least(1)
            .allow_trailing()
            .collect::<Vec<_>>()
            .delimited_by(just(Tok::LPar), just(Tok::RPar))
            .then_ignore(just(Tok::Colon)),
        with_item
            .separated_by(just(Tok::Comma))
            .at_least(1)
            .collect::<Vec<_>>()
            .then_ignore(just(Tok::Colon)),
    ));
    let with_stmt = start(Tok::Async)
        .or_not()
        .then(start(Tok::With))
        .then(with_items)
        .then(block.clone())
        .map(|(((aw, at), items), body)| {
            let at = aw.unwrap_or(at).join(at);
            Stmt::new(
                StmtKind::With {
                    is_async: aw.is_some(),
                    items,
                    body: body.clone(),
                },
                Span {
                    start: at.start,
                    end: end_of(&body, at),
                },
            )
        })
        .boxed();

    let handler = start(Tok::Except)
        .then(just(Tok::Star).or_not())
        .then(
            x.expression
                .clone()
                .then(just(Tok::As).ignore_then(name).or_not())
                .or_not(),
        )
        .then_ignore(just(Tok::Colon))
        .then(block.clone())
        .map_with(move |(((at, star), typ), body), e| {
            let end = ctx.last_token_end(e.span());
            let (typ, name) = match typ {
                Some((t, n)) => (Some(t), n.map(NameRef::new)),
                None => (None, None),
            };
            if star.is_some() && typ.is_none() {
                ctx.defer(CompileError::syntax(
                    "expected one or more exception types",
                    at,
                ));
            }
            let span = Span {
                start: at.start,
                end,
            };
            (
                star.is_some(),
                ExceptHandler {
                    typ,
                    name,
                    body,
                    span,
                },
            )
        });
    let finally = just(Tok::Finally)
        .ignore_then(just(Tok::Colon))
        .ignore_then(block.clone());
    let try_tail = choice((
        finally.clone().map(|f| (Vec::new(), Vec::new(), f)),
        handler
            .repeated()
            .at_least(1)
            .collect::<Vec<_>>()
            .then(else_block.clone())
            .then(finally.or_not().map(Option::unwrap_or_default))
            .map(|((h, e), f)| (h, e, f)),
    ));
    let try_stmt = start(Tok::Try)
        .then_ignore(just(Tok::Colon))
        .then(block.clone())
        .then(try_tail)
        .map(move |((at, body), (handlers, orelse, finalbody))| {
            let is_star = handlers.first().is_some_and(|(s, _)| *s);
            if let Some((_, h)) = handlers.iter().find(|(s, _)| *s != is_star) {
                ctx.defer(CompileError::syntax(
                    "cannot have both 'except' and 'except*' on the same 'try'",
                    h.span,
                ));
            }
            let handlers: Vec<ExceptHandler> = handlers.into_iter().map(|(_, h)| h).collect();
            let end = end_of(&finalbody, Span::default())
                .max(end_of(&orelse, Span::default()))
                .max(handlers.last().map_or(0, |h| h.span.end))
                .max(end_of(&body, at));
            Stmt::new(
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finalbody,
                    is_star,
                },
                Span {
                    start: at.start,
                    end,
                },
            )
        })
        .boxed();

    let decorators = just(Tok::At)
        .ignore_then(x.named_expression.clone())
        .then_ignore(just(Tok::Newline))
        .repeated()
        .collect::<Vec<_>>()
        .map_with(move |d, e| (d, ctx.sp(e.span())))
        .boxed();
    let returns = just(Tok::RArrow).ignore_then(x.expression.clone()).or_not();
    let def_header = start(Tok::Async)
        .or_not()
        .then_ignore(just(Tok::Def))
        .then(name)
        .then(params::def_parameters(
            ctx,
            x.expression.clone(),
            x.star_expression.clone(),
        ))
        .then(returns)
        .then_ignore(just(Tok::Colon))
        .map_with(move |h, e| (h, ctx.sp(e.span())));
    let def = def_header
        .then(block.clone())
        .map(|x| Decorated::Def(Box::new(x)));
    let class = start(Tok::Class)
        .then(name)
        .then(x.arguments.clone().or_not())
        .then_ignore(just(Tok::Colon))
        .map_with(move |h, e| (h, ctx.sp(e.span())))
        .then(block.clone())
        .map(|((((_, name), args), header), body)| {
            Decorated::Class(header, name, args.unwrap_or_default(), body)
        });
    let decorated = decorators
        .then(choice((def, class)))
        .map(move |((decorators, dspan), item)| build_decorated(ctx, decorators, dspan, item))
        .boxed();

    let match_stmt = pattern::match_statement(ctx, x, block);

    choice((
        if_stmt, while_stmt, for_stmt, with_stmt, try_stmt, decorated, match_stmt,
    ))
    .map_with(move |mut stmt, e| {
        let end = ctx.last_token_end(e.span());
        set_end(&mut stmt, end);
        stmt
    })
    .boxed()
}

/// Makes a compound statement end at `end`, with the `elif`/`else if`
/// chain in its `orelse` and the definition inside a `def` or `class`.
fn set_end(stmt: &mut Stmt, end: u32) {
    stmt.span.end = end;
    match &mut stmt.kind {
        StmtKind::If { orelse, .. } => {
            if let [
                nested @ Stmt {
                    kind: StmtKind::If { .. },
                    ..
                },
            ] = orelse.as_mut_slice()
            {
                set_end(nested, end);
            }
        }
        StmtKind::FunctionDef(f) => {
            if let Some(f) = Rc::get_mut(f) {
                f.span.end = end;
            }
        }
        StmtKind::ClassDef(c) => {
            if let Some(c) = Rc::get_mut(c) {
                c.span.end = end;
            }
        }
        _ => {}
    }
}

type DefHeader = (((Option<Span>, Sym), Parameters), Option<Expr>);

enum Decorated {
    Def(Box<((DefHeader, Span), Vec<Stmt>)>),
    /// The `class NAME(...):` header's span, the name, the arguments, the body.
    Class(Span, Sym, (Vec<Expr>, Vec<Keyword>), Vec<Stmt>),
}

fn build_decorated(ctx: &Ctx, decorators: Vec<Expr>, dspan: Span, item: Decorated) -> Stmt {
    let _ = ctx;
    match item {
        Decorated::Def(b) => {
            let (((((aw, name), params), returns), header_span), body) = *b;
            let start = header_span.start;
            let end = end_of(&body, header_span);
            let whole = if decorators.is_empty() {
                start
            } else {
                dspan.start
            };
            let f = FunctionDef {
                name,
                binding: NameRef::new(name),
                params,
                body,
                decorators,
                returns,
                is_async: aw.is_some(),
                is_lambda: false,
                span: Span { start: whole, end },
                header_span,
                scope: Default::default(),
                qualname: String::new(),
            };
            Stmt::new(StmtKind::FunctionDef(Rc::new(f)), Span { start, end })
        }
        Decorated::Class(at, name, (bases, keywords), body) => {
            let end = end_of(&body, at);
            let whole = if decorators.is_empty() {
                at.start
            } else {
                dspan.start
            };
            let c = ClassDef {
                name,
                binding: NameRef::new(name),
                bases,
                keywords,
                body,
                decorators,
                span: Span { start: whole, end },
                header_span: at,
                scope: Default::default(),
                qualname: String::new(),
            };
            Stmt::new(
                StmtKind::ClassDef(Rc::new(c)),
                Span {
                    start: at.start,
                    end,
                },
            )
        }
    }
}
