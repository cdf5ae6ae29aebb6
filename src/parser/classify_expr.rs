//! Classifying failures inside expressions: a missing comma, a
//! conditional expression without `else`, `=` where `==` was meant, a
//! walrus with a target that is not a name, mistakes in dict displays.
//! Part of [`super::classify`].

use chumsky::prelude::*;

use super::classify::{ends_expression, probe, probe_end, probe_reach, starts_expression, syntax};
use super::ctx::Ctx;
use super::expr::Exprs;
use crate::ast::{Expr, ExprKind, Span};
use crate::errors::CompileError;
use crate::lexer::Tok;

/// Errors inside expressions: a missing comma, a conditional expression
/// without `else`, `=` where `==` was meant.
pub(super) fn expression_errors<'a>(
    ctx: &'a Ctx<'a>,
    x: &Exprs<'a>,
    s: usize,
    k: usize,
) -> Option<CompileError> {
    let mut k = k;
    if k == 0 || k <= s {
        return None;
    }
    // `a not b`: the `not` was read hoping for `not in`.
    if ctx.toks[k - 1] == Tok::Not && k >= s + 2 && ends_expression(ctx.toks[k - 2]) {
        k -= 1;
    }
    let t = ctx.toks[k];
    let prev = ctx.toks[k - 1];
    let (c, expression_context) = expression_start(ctx, k, s);
    let open = open_bracket(ctx, s, k);
    if let Some(e) = open.and_then(|b| dict_errors(ctx, x, b, k)) {
        return Some(e);
    }
    // Parameter lists and import lists are not expressions (but default
    // values and annotations in them are).
    let value_in_params = c > 0 && matches!(ctx.toks[c - 1], Tok::Equal | Tok::Colon);
    let not_expressions = !value_in_params
        && open.is_some_and(|b| {
            ctx.toks[b] == Tok::LPar
                && b >= 1
                && (ctx.toks[b - 1] == Tok::Import
                    || (b >= 2
                        && matches!(ctx.toks[b - 1], Tok::Name(_))
                        && ctx.toks[b - 2] == Tok::Def))
        });
    // Conditional expression without else.
    if !matches!(t, Tok::Else | Tok::Colon)
        && let Some(e) = missing_else(ctx, x, s, k)
    {
        return Some(e);
    }
    // Two expressions side by side.
    let side_by_side = (starts_expression(t) || t == Tok::Not) && ends_expression(prev);
    if side_by_side
        && expression_context
        && !not_expressions
        && c < k
        && let Some(e) = missing_comma(ctx, x, c, k, depth_at(ctx, s, k) > 0)
    {
        return Some(e);
    }
    // A `match` statement's subject starts after the soft keyword.
    let mut starts = vec![c];
    if c == s && matches!(ctx.toks[s], Tok::Name(n) if n == ctx.syms.match_) {
        starts.push(s + 1);
    }
    // `a.b := 1` (but in call arguments CPython sees plain invalid syntax).
    let in_call =
        open.is_some_and(|b| ctx.toks[b] == Tok::LPar && b > 0 && ends_expression(ctx.toks[b - 1]));
    if t == Tok::ColonEqual && !in_call {
        for &c in &starts {
            if let Some((a, end)) = probe(ctx, x.expression.clone(), c)
                && end == k
            {
                if matches!(a.kind, ExprKind::Name(_)) && !ctx.parenthesized(a.span) {
                    return None;
                }
                // CPython reads the value before reporting.
                let _ = probe_reach(ctx, x.expression.clone(), k + 1);
                return Some(syntax(
                    format!(
                        "cannot use assignment expressions with {}",
                        super::validate::expr_name(&a)
                    ),
                    a.span,
                    false,
                ));
            }
        }
    }
    // `if x = 1:`
    if t == Tok::Equal && !in_call {
        for &c in starts.iter().filter(|&&c| c < k) {
            if let Some((a, a_end)) = probe(ctx, x.bitwise_or.clone(), c)
                && a_end == k
                && let Some((b, b_end)) = probe(ctx, x.bitwise_or.clone(), k + 1)
                && !matches!(ctx.toks.get(b_end), Some(Tok::Equal | Tok::ColonEqual))
            {
                return Some(assign_hint(ctx, &a, &b, c));
            }
        }
    }
    None
}

/// The innermost bracket still open at token `k` (scanning from `s`).
fn open_bracket(ctx: &Ctx, s: usize, k: usize) -> Option<usize> {
    let mut depth = 0i32;
    for i in (s..k).rev() {
        match ctx.toks[i] {
            Tok::RPar | Tok::RSqb | Tok::RBrace => depth += 1,
            Tok::LPar | Tok::LSqb | Tok::LBrace => {
                if depth == 0 {
                    return Some(i);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// Mistakes in a dict display opened at token `b`: a key without `:`, a
/// `:` without a value, a starred value.
fn dict_errors<'a>(ctx: &'a Ctx<'a>, x: &Exprs<'a>, b: usize, k: usize) -> Option<CompileError> {
    if ctx.toks[b] != Tok::LBrace {
        return None;
    }
    let item = choice((
        just(Tok::DoubleStar).then(x.bitwise_or.clone()).ignored(),
        x.expression
            .clone()
            .then(just(Tok::Colon))
            .then(x.expression.clone())
            .ignored(),
    ));
    let items = just(Tok::LBrace)
        .then(item.then(just(Tok::Comma)).repeated())
        .ignored()
        .boxed();
    let j = probe_end(ctx, items, b)?;
    if k < j {
        return None;
    }
    let (key, key_end) = probe(ctx, x.expression.clone(), j)?;
    if ctx.toks.get(key_end) == Some(&Tok::Colon) {
        match ctx.toks.get(key_end + 1) {
            Some(Tok::RBrace | Tok::Comma) => {
                return Some(syntax(
                    "expression expected after dictionary key and ':'",
                    ctx.spans[key_end],
                    false,
                ));
            }
            Some(Tok::Star) => {
                let end = probe_end(ctx, x.bitwise_or.clone(), key_end + 2)?;
                return Some(syntax(
                    "cannot use a starred expression in a dictionary value",
                    ctx.sp(SimpleSpan::from(key_end + 1..end)),
                    false,
                ));
            }
            _ => return None,
        }
    }
    if j > b + 1 {
        let last = key.span.end.saturating_sub(1);
        let mut at = last as usize;
        while at > 0 && !ctx.src.is_char_boundary(at) {
            at -= 1;
        }
        return Some(syntax(
            "':' expected after dictionary key",
            Span::new(at, at),
            false,
        ));
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
    // An `if` of a comprehension is not a conditional expression.
    if let Some(b) = open_bracket(ctx, s, i) {
        let mut depth = 0i32;
        for j in b + 1..i {
            match ctx.toks[j] {
                Tok::LPar | Tok::LSqb | Tok::LBrace => depth += 1,
                Tok::RPar | Tok::RSqb | Tok::RBrace => depth -= 1,
                Tok::For if depth == 0 => return None,
                _ => {}
            }
        }
    }
    let (b_end, a_start) = (
        probe_end(ctx, x.disjunction.clone(), i + 1)?,
        expression_start(ctx, i, s).0,
    );
    if b_end != k || a_start >= i || probe_end(ctx, x.disjunction.clone(), a_start) != Some(i) {
        return None;
    }
    let span = ctx.sp(SimpleSpan::from(a_start..b_end));
    Some(syntax("expected 'else' after 'if' expression", span, false))
}

/// CPython's error pass, meeting two expressions side by side, parses the
/// second one, and goes on through the expressions that follow (side by
/// side or after commas): read on the same way, so that brackets left open
/// or tokenizer errors further on are noticed.
fn read_on<'a>(ctx: &'a Ctx<'a>, x: &Exprs<'a>, mut at: usize) {
    for _ in 0..64 {
        let Some(&t) = ctx.toks.get(at) else { return };
        let next = if t == Tok::Comma {
            at + 1
        } else if at > 0 && starts_expression(t) && ends_expression(ctx.toks[at - 1]) {
            at
        } else {
            return;
        };
        let reach = probe_reach(ctx, x.expression.clone(), next);
        if reach <= next {
            return;
        }
        at = reach;
    }
}

/// Whether CPython's `invalid_expression` rule skips an expression
/// starting at token `c`: a soft keyword (CPython compares only the first
/// characters of the name, so `c` or `ma` count) or a name followed by a
/// string (`print "x"`).
fn comma_rule_skips(ctx: &Ctx, c: usize) -> bool {
    let Some(Tok::Name(n)) = ctx.toks.get(c) else {
        return false;
    };
    ["match", "case", "_"]
        .iter()
        .any(|kw| kw.starts_with(n.as_str()))
        || matches!(ctx.toks.get(c + 1), Some(Tok::String(_)))
}

/// CPython's `invalid_expression` rule for `a b`: inside brackets it
/// suggests a comma; anywhere, it reads `b` and on.
fn missing_comma<'a>(
    ctx: &'a Ctx<'a>,
    x: &Exprs<'a>,
    c: usize,
    k: usize,
    inside: bool,
) -> Option<CompileError> {
    let (a_start, b_start) = if !comma_rule_skips(ctx, c) {
        (c, k)
    } else {
        // The rule does not apply at `c`. If `c` is a name not followed by
        // `(`, CPython's rule for Python 2 statements (`print x`) parses the
        // expressions after it, where the rule may apply.
        if !matches!(ctx.toks[c], Tok::Name(_)) || ctx.toks.get(c + 1) == Some(&Tok::LPar) {
            return None;
        }
        let a = c + 1;
        let b = probe_end(ctx, x.disjunction.clone(), a)?;
        let pair = b > a
            && b < ctx.toks.len()
            && starts_expression(ctx.toks[b])
            && ends_expression(ctx.toks[b - 1]);
        if !pair || comma_rule_skips(ctx, a) {
            return None;
        }
        (a, b)
    };
    let (a, a_end) = probe(ctx, x.disjunction.clone(), a_start)?;
    if a_end != b_start {
        return None;
    }
    let (b, b_end) = probe(ctx, x.expression.clone(), b_start)?;
    if inside {
        return Some(syntax(
            "invalid syntax. Perhaps you forgot a comma?",
            a.span.join(b.span),
            false,
        ));
    }
    read_on(ctx, x, b_end);
    None
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
            Tok::LPar
            | Tok::LSqb
            | Tok::LBrace
            | Tok::Comma
            | Tok::Equal
            | Tok::Colon
            | Tok::Return
            | Tok::Else => {
                return (i, true);
            }
            Tok::Yield | Tok::ColonEqual | Tok::Semi | Tok::For | Tok::At => return (i, true),
            // A unary `*` (not a multiplication) starts a starred expression.
            Tok::Star | Tok::DoubleStar if i < 2 || !ends_expression(ctx.toks[i - 2]) => {
                return (i, true);
            }
            Tok::In
            | Tok::If
            | Tok::Elif
            | Tok::While
            | Tok::Async
            | Tok::Global
            | Tok::Nonlocal
            | Tok::Import
            | Tok::From
            | Tok::Def
            | Tok::Class
            | Tok::As
            | Tok::Lambda => return (i, false),
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
