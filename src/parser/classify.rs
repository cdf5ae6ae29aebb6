//! Turning a parse failure into CPython's error message.
//!
//! chumsky reports only the token where parsing failed. CPython's parser,
//! on failure, runs a second pass with extra `invalid_*` rules that
//! recognise common mistakes. This module plays that part: it looks at the
//! tokens around the failure and, where needed, re-runs small parsers from
//! a given token ("probes") to find where a header or an expression ends.

use chumsky::prelude::*;

use super::ctx::{Ctx, P};
use super::expr::{self, Exprs};
use super::{params, pattern};
use crate::ast::Span;
use crate::errors::{CompileError, SyntaxClass};
use crate::lexer::{Tok, line_of};

thread_local! {
    /// The furthest token any probe looked at (CPython's "last token
    /// fetched", which decides whether unclosed brackets are reported).
    static FETCHED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Runs `p` on the tokens from index `start`; its output and the index of
/// the token after it. Errors it defers are discarded.
pub(super) fn probe<'a, O: 'a>(ctx: &'a Ctx<'a>, p: P<'a, O>, start: usize) -> Option<(O, usize)> {
    if start >= ctx.toks.len() {
        return None;
    }
    let saved = ctx.deferred.borrow().len();
    let parser = any()
        .repeated()
        .exactly(start)
        .ignore_then(p.map_with(|o, e| (o, e.span().end)))
        .then_ignore(any().repeated());
    let result = parser.parse(&ctx.toks[..]).into_result();
    ctx.deferred.borrow_mut().truncate(saved);
    let reached = match &result {
        Ok((_, end)) => *end,
        Err(errs) => errs.first().map_or(start, |e| e.span().start),
    };
    FETCHED.with(|f| f.set(f.get().max(reached.min(ctx.toks.len() - 1))));
    result.ok()
}

pub(super) fn probe_end<'a, O: 'a>(ctx: &'a Ctx<'a>, p: P<'a, O>, start: usize) -> Option<usize> {
    probe(ctx, p, start).map(|(_, end)| end)
}

/// How far `p` gets from `start`: the end of what it parses, or where it
/// fails.
pub(super) fn probe_reach<'a, O: 'a>(ctx: &'a Ctx<'a>, p: P<'a, O>, start: usize) -> usize {
    let before = FETCHED.with(|f| f.replace(0));
    let end = probe_end(ctx, p, start);
    let reached = FETCHED.with(|f| f.replace(before.max(f.get())));
    end.unwrap_or(reached)
}

/// The index of the first token of the logical line containing token `k`.
fn line_start(ctx: &Ctx, k: usize) -> usize {
    let mut i = k;
    while i > 0 && !matches!(ctx.toks[i - 1], Tok::Newline | Tok::Indent | Tok::Dedent) {
        i -= 1;
    }
    i
}

pub(super) fn syntax(msg: impl Into<String>, span: Span, incomplete: bool) -> CompileError {
    CompileError::Syntax {
        class: SyntaxClass::SyntaxError,
        message: msg.into(),
        span,
        incomplete,
    }
}

/// What CPython calls the statement whose header starts at token `s`, in
/// "expected an indented block after ...".
fn header_name(ctx: &Ctx, s: usize) -> Option<&'static str> {
    let t = ctx.toks[s];
    Some(match t {
        Tok::If => "'if' statement",
        Tok::Elif => "'elif' statement",
        Tok::Else => "'else' statement",
        Tok::While => "'while' statement",
        Tok::For => "'for' statement",
        Tok::With => "'with' statement",
        Tok::Try => "'try' statement",
        Tok::Except if ctx.toks.get(s + 1) == Some(&Tok::Star) => "'except*' statement",
        Tok::Except => "'except' statement",
        Tok::Finally => "'finally' statement",
        Tok::Def => "function definition",
        Tok::Class => "class definition",
        Tok::Async => return ctx.toks.get(s + 1).and_then(|_| header_name(ctx, s + 1)),
        Tok::Name(n) if n == ctx.syms.match_ => "'match' statement",
        Tok::Name(n) if n == ctx.syms.case => "'case' statement",
        _ => return None,
    })
}

pub(super) fn starts_expression(t: Tok) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Number(_)
            | Tok::String(_)
            | Tok::LBrace
            | Tok::True
            | Tok::False
            | Tok::None
            | Tok::Ellipsis
            | Tok::Lambda
            | Tok::Await
    )
}

pub(super) fn ends_expression(t: Tok) -> bool {
    matches!(
        t,
        Tok::Name(_)
            | Tok::Number(_)
            | Tok::String(_)
            | Tok::RPar
            | Tok::RSqb
            | Tok::RBrace
            | Tok::True
            | Tok::False
            | Tok::None
            | Tok::Ellipsis
    )
}

/// The error CPython gives for a parse that failed at token `k`, and the
/// furthest token CPython's error pass would have read.
pub(crate) fn classify<'a>(ctx: &'a Ctx<'a>, k: usize, eof_index: usize) -> (CompileError, usize) {
    FETCHED.with(|f| f.set(k));
    let e = classify_at(ctx, k, eof_index);
    (e, FETCHED.with(|f| f.get()))
}

fn classify_at<'a>(ctx: &'a Ctx<'a>, k: usize, eof_index: usize) -> CompileError {
    let x = expr::build(ctx);
    let incomplete = k >= eof_index;
    let t = ctx.toks[k];
    let at = ctx.spans[k];
    let s = line_start(ctx, k);

    if t == Tok::Indent {
        return CompileError::Syntax {
            class: SyntaxClass::IndentationError,
            message: "unexpected indent".into(),
            span: at,
            incomplete,
        };
    }
    if k >= 2 && ctx.toks[k - 1] == Tok::Newline && ctx.toks[k - 2] == Tok::Colon {
        let hs = line_start(ctx, k - 2);
        if let Some(name) = header_name(ctx, hs) {
            let line = line_of(ctx.src, ctx.spans[hs].start as usize);
            return CompileError::Syntax {
                class: SyntaxClass::IndentationError,
                message: format!("expected an indented block after {name} on line {line}"),
                span: at,
                incomplete,
            };
        }
    }
    if let Some(e) = header_errors(ctx, &x, s, k, incomplete) {
        return e;
    }
    if let Some(e) = super::classify_expr::expression_errors(ctx, &x, s, k) {
        return e;
    }
    if let Some(e) = super::classify_targets::statement_target_errors(ctx, &x, s, k) {
        return e;
    }
    syntax("invalid syntax", at, incomplete)
}

/// Errors in statement headers: a missing `:`, a `try` without handlers,
/// Python 2 `print`, a trailing comma in `from ... import`.
fn header_errors<'a>(
    ctx: &'a Ctx<'a>,
    x: &Exprs<'a>,
    s: usize,
    k: usize,
    incomplete: bool,
) -> Option<CompileError> {
    let t = ctx.toks[k];
    let at = ctx.spans[k];
    let colon = || Some(syntax("expected ':'", at, incomplete));
    let head_at = if ctx.toks[s] == Tok::Async { s + 1 } else { s };
    let head = ctx.toks[head_at];
    let name = select! { Tok::Name(n) => n };
    if head == Tok::Def
        && matches!(ctx.toks.get(head_at + 1), Some(Tok::Name(_)))
        && k == head_at + 2
        && t != Tok::LPar
    {
        return Some(syntax("expected '('", at, incomplete));
    }
    // `except A, B:`
    if head == Tok::Except && t == Tok::Comma {
        let first = head_at + 1 + usize::from(ctx.toks.get(head_at + 1) == Some(&Tok::Star));
        if probe_end(ctx, x.expression.clone(), first) == Some(k) {
            let list = x
                .expression
                .clone()
                .separated_by(just(Tok::Comma))
                .at_least(1)
                .ignored()
                .boxed();
            if let Some(end) = probe_end(ctx, list, first) {
                return Some(syntax(
                    "multiple exception types must be parenthesized",
                    ctx.sp(SimpleSpan::from(first..end)),
                    false,
                ));
            }
        }
    }
    match head {
        Tok::Def => {
            let header = just(Tok::Def)
                .then(name)
                .then(params::def_parameters(
                    ctx,
                    x.expression.clone(),
                    x.star_expression.clone(),
                ))
                .then(just(Tok::RArrow).then(x.expression.clone()).or_not())
                .ignored()
                .boxed();
            if probe_end(ctx, header, head_at) == Some(k) {
                return colon();
            }
        }
        Tok::Try | Tok::Else | Tok::Finally if k == head_at + 1 => return colon(),
        _ => {}
    }
    if t == Tok::Newline {
        let header: Option<P<'a, ()>> = match head {
            Tok::If | Tok::Elif | Tok::While => {
                Some(any().then(x.named_expression.clone()).ignored().boxed())
            }
            Tok::For => Some(
                any()
                    .then(x.target_list.clone())
                    .then(just(Tok::In))
                    .then(x.star_expressions.clone())
                    .ignored()
                    .boxed(),
            ),
            Tok::With => {
                let item = x
                    .expression
                    .clone()
                    .then(just(Tok::As).then(x.target.clone()).or_not());
                Some(
                    any()
                        .then(item.separated_by(just(Tok::Comma)).at_least(1))
                        .ignored()
                        .boxed(),
                )
            }
            Tok::Class => Some(
                any()
                    .then(name)
                    .then(x.arguments.clone().or_not())
                    .ignored()
                    .boxed(),
            ),
            Tok::Except => Some(
                any()
                    .then(just(Tok::Star).or_not())
                    .then(
                        x.expression
                            .clone()
                            .then(just(Tok::As).then(name).or_not())
                            .or_not(),
                    )
                    .ignored()
                    .boxed(),
            ),
            Tok::Name(n) if n == ctx.syms.match_ => Some(
                any()
                    .then(x.star_named_expressions.clone())
                    .ignored()
                    .boxed(),
            ),
            Tok::Name(n) if n == ctx.syms.case => Some(
                any()
                    .then(pattern::patterns(ctx, x))
                    .then(just(Tok::If).then(x.named_expression.clone()).or_not())
                    .ignored()
                    .boxed(),
            ),
            Tok::From if ctx.toks[k - 1] == Tok::Comma => {
                return Some(syntax(
                    "trailing comma not allowed without surrounding parentheses",
                    at,
                    incomplete,
                ));
            }
            _ => None,
        };
        if let Some(h) = header
            && probe_end(ctx, h, head_at) == Some(k)
        {
            return colon();
        }
    }
    // `print x`: Python 2 statements.
    if let Tok::Name(n) = ctx.toks[s]
        && (n.as_str() == "print" || n.as_str() == "exec")
        && ctx.toks.get(s + 1) != Some(&Tok::LPar)
        && let Some(end) = probe_end(ctx, x.star_expressions.clone(), s + 1)
        && end > s + 1
        && end >= k
    {
        let span = ctx.sp(SimpleSpan::from(s..end));
        return Some(syntax(
            format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
            span,
            false,
        ));
    }
    // A `try` block followed by neither `except` nor `finally`.
    if k == s
        && k > 0
        && let Some(prev) = previous_sibling(ctx, k)
        && ctx.toks[prev] == Tok::Try
    {
        return Some(syntax(
            "expected 'except' or 'finally' block",
            at,
            incomplete,
        ));
    }
    None
}

/// The first token of the statement before the one starting at `k`, at
/// the same indentation level.
fn previous_sibling(ctx: &Ctx, k: usize) -> Option<usize> {
    let mut depth = 0i32;
    let mut i = k;
    while i > 0 {
        i -= 1;
        match ctx.toks[i] {
            Tok::Dedent => depth += 1,
            Tok::Indent => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return None;
        }
        if depth == 0
            && (i == 0 || matches!(ctx.toks[i - 1], Tok::Newline | Tok::Dedent | Tok::Indent))
            && !matches!(ctx.toks[i], Tok::Dedent | Tok::Indent | Tok::Newline)
        {
            return Some(i);
        }
    }
    None
}
