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
use crate::ast::{Expr, ExprKind, Span};
use crate::errors::{CompileError, SyntaxClass};
use crate::lexer::{Tok, line_of};

/// Runs `p` on the tokens from index `start`; its output and the index of
/// the token after it. Errors it defers are discarded.
fn probe<'a, O: 'a>(ctx: &'a Ctx<'a>, p: P<'a, O>, start: usize) -> Option<(O, usize)> {
    if start >= ctx.toks.len() {
        return None;
    }
    let saved = ctx.deferred.borrow().len();
    let parser = any()
        .repeated()
        .exactly(start)
        .ignore_then(p.map_with(|o, e| (o, e.span().end)))
        .then_ignore(any().repeated());
    let out = parser.parse(&ctx.toks[..]).into_output();
    ctx.deferred.borrow_mut().truncate(saved);
    out
}

fn probe_end<'a, O: 'a>(ctx: &'a Ctx<'a>, p: P<'a, O>, start: usize) -> Option<usize> {
    probe(ctx, p, start).map(|(_, end)| end)
}

/// The index of the first token of the logical line containing token `k`.
fn line_start(ctx: &Ctx, k: usize) -> usize {
    let mut i = k;
    while i > 0 && !matches!(ctx.toks[i - 1], Tok::Newline | Tok::Indent | Tok::Dedent) {
        i -= 1;
    }
    i
}

fn syntax(msg: impl Into<String>, span: Span, incomplete: bool) -> CompileError {
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

fn starts_expression(t: Tok) -> bool {
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
    )
}

fn ends_expression(t: Tok) -> bool {
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

/// Scanning back from token `k - 1` over one expression at bracket depth
/// zero (relative): the index where the expression starts, and whether the
/// token before it begins a context where CPython parses an `expression`
/// (so its "Perhaps you forgot a comma?" rule applies).
fn expression_start(ctx: &Ctx, k: usize, floor: usize) -> (usize, bool) {
    let mut depth = 0i32;
    let mut i = k;
    while i > floor {
        let t = ctx.toks[i - 1];
        match t {
            Tok::RPar | Tok::RSqb | Tok::RBrace => depth += 1,
            Tok::LPar | Tok::LSqb | Tok::LBrace if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            Tok::LPar | Tok::LSqb | Tok::LBrace | Tok::Comma | Tok::Equal | Tok::Colon | Tok::Return | Tok::Else => {
                return (i, true);
            }
            Tok::Yield | Tok::ColonEqual | Tok::Semi => return (i, true),
            Tok::For | Tok::In | Tok::If | Tok::Elif | Tok::While | Tok::Async | Tok::Star | Tok::DoubleStar => {
                return (i, false);
            }
            Tok::Newline | Tok::Indent | Tok::Dedent => return (i, true),
            _ => {}
        }
        i -= 1;
    }
    (i, true)
}

/// Bracket depth at token `k`, counting from the start of its line.
fn depth_at(ctx: &Ctx, s: usize, k: usize) -> i32 {
    ctx.toks[s..k].iter().fold(0, |d, t| match t {
        Tok::LPar | Tok::LSqb | Tok::LBrace => d + 1,
        Tok::RPar | Tok::RSqb | Tok::RBrace => d - 1,
        _ => d,
    })
}

/// The error CPython gives for a parse that failed at token `k`.
pub(crate) fn classify<'a>(ctx: &'a Ctx<'a>, k: usize, eof_index: usize) -> CompileError {
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
    if let Some(e) = expression_errors(ctx, &x, s, k) {
        return e;
    }
    syntax("invalid syntax", at, incomplete)
}

/// Errors in statement headers: a missing `:`, a `try` without handlers,
/// Python 2 `print`, a trailing comma in `from ... import`.
fn header_errors<'a>(ctx: &'a Ctx<'a>, x: &Exprs<'a>, s: usize, k: usize, incomplete: bool) -> Option<CompileError> {
    let t = ctx.toks[k];
    let at = ctx.spans[k];
    let colon = || Some(syntax("expected ':'", at, incomplete));
    let head_at = if ctx.toks[s] == Tok::Async { s + 1 } else { s };
    let head = ctx.toks[head_at];
    let name = select! { Tok::Name(n) => n };
    match head {
        Tok::Def => {
            let header = just(Tok::Def)
                .then(name)
                .then(params::def_parameters(ctx, x.expression.clone(), x.star_expression.clone()))
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
            Tok::If | Tok::Elif | Tok::While => Some(any().then(x.named_expression.clone()).ignored().boxed()),
            Tok::For => Some(
                any()
                    .then(x.target_list.clone())
                    .then(just(Tok::In))
                    .then(x.star_expressions.clone())
                    .ignored()
                    .boxed(),
            ),
            Tok::With => {
                let item = x.expression.clone().then(just(Tok::As).then(x.target.clone()).or_not());
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
                    .then(x.expression.clone().then(just(Tok::As).then(name).or_not()).or_not())
                    .ignored()
                    .boxed(),
            ),
            Tok::Name(n) if n == ctx.syms.match_ => {
                Some(any().then(x.star_named_expressions.clone()).ignored().boxed())
            }
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
        if let Some(h) = header {
            if probe_end(ctx, h, head_at) == Some(k) {
                return colon();
            }
        }
    }
    // `print x`: Python 2 statements.
    if let Tok::Name(n) = ctx.toks[s] {
        if (n.as_str() == "print" || n.as_str() == "exec") && ctx.toks.get(s + 1) != Some(&Tok::LPar) {
            if let Some(end) = probe_end(ctx, x.star_expressions.clone(), s + 1) {
                if end > s + 1 && end >= k {
                    let span = ctx.sp(SimpleSpan::from(s..end));
                    return Some(syntax(
                        format!("Missing parentheses in call to '{n}'. Did you mean {n}(...)?"),
                        span,
                        false,
                    ));
                }
            }
        }
    }
    // A `try` block followed by neither `except` nor `finally`.
    if k == s && k > 0 {
        if let Some(prev) = previous_sibling(ctx, k) {
            if ctx.toks[prev] == Tok::Try {
                return Some(syntax("expected 'except' or 'finally' block", at, incomplete));
            }
        }
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
        if depth == 0 && (i == 0 || matches!(ctx.toks[i - 1], Tok::Newline | Tok::Dedent | Tok::Indent)) {
            if !matches!(ctx.toks[i], Tok::Dedent | Tok::Indent | Tok::Newline) {
                return Some(i);
            }
        }
    }
    None
}

/// Errors inside expressions: a missing comma, a conditional expression
/// without `else`, `=` where `==` was meant.
fn expression_errors<'a>(ctx: &'a Ctx<'a>, x: &Exprs<'a>, s: usize, k: usize) -> Option<CompileError> {
    let t = ctx.toks[k];
    if k == 0 || k <= s {
        return None;
    }
    let prev = ctx.toks[k - 1];
    let (c, expression_context) = expression_start(ctx, k, s);
    // Conditional expression without else.
    if !matches!(t, Tok::Else | Tok::Colon) {
        if let Some(e) = missing_else(ctx, x, s, k) {
            return Some(e);
        }
    }
    // Two expressions side by side inside brackets.
    if starts_expression(t) && ends_expression(prev) && depth_at(ctx, s, k) > 0 && expression_context && c < k {
        let soft = matches!(ctx.toks[c], Tok::Name(n) if n == ctx.syms.match_ || n == ctx.syms.case || n == ctx.syms.underscore);
        let name_string = matches!(ctx.toks[c], Tok::Name(_)) && matches!(ctx.toks.get(c + 1), Some(Tok::String(_)));
        if !soft && !name_string && probe_end(ctx, x.disjunction.clone(), c) == Some(k) {
            if let Some(end) = probe_end(ctx, x.expression.clone(), k) {
                let span = ctx.sp(SimpleSpan::from(c..end));
                return Some(syntax("invalid syntax. Perhaps you forgot a comma?", span, false));
            }
        }
    }
    // `if x = 1:`
    if t == Tok::Equal && c < k {
        if let Some((a, a_end)) = probe(ctx, x.bitwise_or.clone(), c) {
            if a_end == k {
                if let Some((b, b_end)) = probe(ctx, x.bitwise_or.clone(), k + 1) {
                    if !matches!(ctx.toks.get(b_end), Some(Tok::Equal | Tok::ColonEqual)) {
                        return Some(assign_hint(ctx, &a, &b, c));
                    }
                }
            }
        }
    }
    None
}

fn assign_hint(ctx: &Ctx, a: &Expr, b: &Expr, c: usize) -> CompileError {
    if let (ExprKind::Name(_), Tok::Name(_)) = (&a.kind, ctx.toks[c]) {
        return syntax(
            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            a.span.join(b.span),
            false,
        );
    }
    syntax(
        format!(
            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
            super::validate::expr_name(a)
        ),
        a.span,
        false,
    )
}

/// `a if b` not followed by `else`.
fn missing_else<'a>(ctx: &'a Ctx<'a>, x: &Exprs<'a>, s: usize, k: usize) -> Option<CompileError> {
    let mut depth = 0i32;
    let mut i = k;
    while i > s {
        i -= 1;
        match ctx.toks[i] {
            Tok::RPar | Tok::RSqb | Tok::RBrace => depth += 1,
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                if depth == 0 {
                    return None;
                }
                depth -= 1;
            }
            Tok::Comma | Tok::Colon | Tok::Equal if depth == 0 => return None,
            Tok::If if depth == 0 => break,
            _ => {}
        }
    }
    if i <= s || ctx.toks[i] != Tok::If {
        return None;
    }
    let (b_end, a_start) = (probe_end(ctx, x.disjunction.clone(), i + 1)?, expression_start(ctx, i, s).0);
    if b_end != k || a_start >= i || probe_end(ctx, x.disjunction.clone(), a_start) != Some(i) {
        return None;
    }
    let span = ctx.sp(SimpleSpan::from(a_start..b_end));
    Some(syntax("expected 'else' after 'if' expression", span, false))
}
