//! The parser: tokens → [`crate::ast::Module`].
//!
//! The grammar ([`stmt`], [`expr`], [`pattern`]) is written with chumsky
//! over the token stream of [`crate::indent`]. It is deliberately
//! permissive where CPython's error messages depend on what was written
//! (assignment targets, argument order, parameter order): those are
//! accepted and then checked by [`validate`] or while building nodes.
//!
//! Which error is reported follows CPython 3.11:
//! 1. the earliest of: errors from decoding literals, errors of the
//!    "second pass" (invalid targets, misplaced arguments, ...) and the
//!    parse failure itself, classified by [`classify`];
//! 2. but a tokenizer error raised as an exception anywhere in the input
//!    wins over all of those except an unexpected indent, and other
//!    tokenizer errors win if the parser reaches them;
//! 3. an input that ends inside brackets reports the unclosed bracket
//!    instead if CPython's error pass would have read on past its line;
//! 4. only a program that parses gets the compiler's checks
//!    (duplicate parameters, misplaced `*x`, pattern problems).

mod args;
mod classify;
mod classify_expr;
mod classify_targets;
mod ctx;
mod displays;
pub mod dump;
mod expr;
mod fstring;
mod params;
mod pattern;
mod stmt;
mod strings;
mod unicode_names;
mod validate;
mod validate_compiler;
mod validate_patterns;
mod visit;

use std::cell::RefCell;
use std::ops::Range;

use chumsky::prelude::*;

use crate::ast::{Expr, Module, Span, Stmt};
use crate::errors::{CompileError, SyntaxClass};
use crate::indent::{StreamEnd, Tokens, tokenize, tokenize_range};
use crate::lexer::{Tok, line_of};
use ctx::{Ctx, Syms};

/// Parses a whole program. Spans in the tree and in errors are byte
/// offsets into `source`.
pub fn parse_module(source: &str) -> Result<Module, CompileError> {
    let tokens = tokenize(source);
    let body = parse_tokens(source, &tokens)?;
    Ok(Module {
        body,
        scope: Default::default(),
    })
}

/// The token stream after literal merging, as a parsing context, plus the
/// errors found while decoding literals.
fn context<'s>(source: &'s str, tokens: &Tokens) -> (Ctx<'s>, Vec<CompileError>, usize) {
    let mut literal_errors = Vec::new();
    let merged = strings::merge(source, tokens, &mut literal_errors);
    let removed = tokens.toks.len() - merged.toks.len();
    let eof_index = tokens.eof_index.saturating_sub(removed);
    let ctx = Ctx {
        src: source,
        toks: merged.toks,
        spans: merged.spans,
        numbers: tokens.numbers.clone(),
        strs: merged.strs,
        deferred: RefCell::new(Vec::new()),
        syms: Syms::new(),
    };
    (ctx, literal_errors, eof_index)
}

/// The earliest error by position (the first listed on a tie).
fn earliest(errors: Vec<CompileError>) -> Option<CompileError> {
    earliest_by(errors.into_iter().map(|e| (e.span().start, e)))
}

/// The error with the smallest key (the first listed on a tie).
fn earliest_by(errors: impl IntoIterator<Item = (u32, CompileError)>) -> Option<CompileError> {
    let mut best: Option<(u32, CompileError)> = None;
    for (key, e) in errors {
        if best.as_ref().is_none_or(|(b, _)| key < *b) {
            best = Some((key, e));
        }
    }
    best.map(|(_, e)| e)
}

/// Errors from decoding literals are raised when the parser first reads
/// the literal, which CPython's second pass may do anywhere in the
/// statement: rank them by the start of their logical line.
fn literal_errors_ranked(ctx: &Ctx, errors: &[CompileError]) -> Vec<(u32, CompileError)> {
    errors
        .iter()
        .map(|e| {
            // The literal is the token at the error or just before it.
            let at = e.span().start;
            let n = ctx.spans.partition_point(|s| s.start < at);
            let mut i = match ctx.toks.get(n) {
                Some(Tok::String(_)) if ctx.spans[n].start == at => n,
                _ => n.saturating_sub(1),
            };
            while i > 0 && !matches!(ctx.toks[i - 1], Tok::Newline | Tok::Indent | Tok::Dedent) {
                i -= 1;
            }
            (ctx.spans.get(i).map_or(at, |s| s.start.min(at)), e.clone())
        })
        .collect()
}

fn parse_tokens(source: &str, tokens: &Tokens) -> Result<Vec<Stmt>, CompileError> {
    let (ctx, literal_errors, eof_index) = context(source, tokens);
    let result = stmt::module(&ctx).parse(&ctx.toks[..]).into_result();
    match result {
        Ok(body) => {
            let mut errors = literal_errors_ranked(&ctx, &literal_errors);
            let mut checks = std::mem::take(&mut *ctx.deferred.borrow_mut());
            validate::check(&ctx, &body, &mut checks);
            errors.extend(checks.into_iter().map(|e| (e.span().start, e)));
            if let Some(e) = earliest_by(errors) {
                return Err(e);
            }
            match validate::check_compiler(&body) {
                Some(e) => Err(e),
                None => Ok(body),
            }
        }
        Err(errs) => {
            let last = ctx.toks.len().saturating_sub(1);
            let k = errs.first().map_or(last, |e| e.span().start).min(last);
            Err(failure(&ctx, tokens, &literal_errors, k, eof_index))
        }
    }
}

/// The error for a parse that failed at token `k`.
fn failure(
    ctx: &Ctx,
    tokens: &Tokens,
    literal_errors: &[CompileError],
    k: usize,
    eof_index: usize,
) -> CompileError {
    let fail_at = ctx.spans[k].start;
    let unclosed = |bracket: char, span: Span, incomplete: bool| CompileError::Syntax {
        class: SyntaxClass::SyntaxError,
        message: format!("'{bracket}' was never closed"),
        span,
        incomplete,
    };
    // Errors CPython meets before it gets to token `k`.
    let mut errors: Vec<(u32, CompileError)> = literal_errors_ranked(ctx, literal_errors)
        .into_iter()
        .filter(|(key, _)| *key <= fail_at)
        .collect();
    let deferred = ctx.deferred.borrow().clone();
    errors.extend(
        deferred
            .into_iter()
            .filter(|e| e.span().start <= fail_at)
            .map(|e| (e.span().start, e)),
    );
    errors.extend(
        prefix_errors(ctx, k)
            .into_iter()
            .map(|e| (e.span().start, e)),
    );
    if ctx.toks[k] == Tok::ErrorEnd {
        // The parser reached the end of a stream cut short by the tokenizer.
        if let StreamEnd::Hard(e) = &tokens.end {
            return e.clone();
        }
        if let Some(e) = earliest_by(errors) {
            return e;
        }
        match &tokens.end {
            StreamEnd::Soft(e) | StreamEnd::Hard(e) => return e.clone(),
            StreamEnd::Unclosed { bracket, span } => return unclosed(*bracket, *span, true),
            _ => {}
        }
        return syntax_error("invalid syntax", ctx.spans[k]);
    }
    let (classified, fetched) = classify::classify(ctx, k, eof_index);
    errors.push((classified.span().start, classified.clone()));
    let error = earliest_by(errors).unwrap_or_else(|| syntax_error("invalid syntax", ctx.spans[k]));
    // Whether the error is the one found at `k`, after the reading that
    // `fetched` measures (rather than an earlier one, raised before).
    let at_k = error == classified;
    let reached_end = at_k && ctx.toks[fetched] == Tok::ErrorEnd;
    let unexpected_indent = matches!(&error, CompileError::Syntax { class: SyntaxClass::IndentationError, message, .. } if message == "unexpected indent");
    match &tokens.end {
        // CPython tokenizes the rest of the input after any error but an
        // unexpected indent; a tokenizer exception there wins.
        StreamEnd::Hard(e) if !unexpected_indent => return e.clone(),
        // Other tokenizer errors count if its error pass read that far.
        StreamEnd::Soft(e) if reached_end => return e.clone(),
        _ => {}
    }
    // With brackets left open at the end, CPython reports them instead if
    // its error pass read up to the end or past the bracket's line (for an
    // error found before token `k`: if that error is on a later line).
    if let StreamEnd::Unclosed { bracket, span } = &tokens.end {
        let statement = statement_start(ctx, k);
        let in_statement = error.span().start >= ctx.spans[statement].start;
        let error_line = match at_k {
            true => ctx.spans[fetched].start,
            false => error.span().start,
        };
        let later = line_of(ctx.src, error_line as usize) > line_of(ctx.src, span.start as usize);
        if in_statement && (reached_end || later) {
            return unclosed(*bracket, *span, false);
        }
    }
    error
}

fn syntax_error(message: &str, span: Span) -> CompileError {
    CompileError::syntax(message, span)
}

/// The index of the first token of the top-level statement containing
/// token `k`.
fn statement_start(ctx: &Ctx, k: usize) -> usize {
    let mut depth = 0i32;
    let mut start = 0;
    for i in 0..k {
        match ctx.toks[i] {
            Tok::Indent => depth += 1,
            Tok::Dedent => depth -= 1,
            _ => {}
        }
        let next = ctx.toks[i + 1];
        // (An INDENT opens a block, unless it is the unexpected one at `k`.)
        if depth == 0
            && matches!(ctx.toks[i], Tok::Newline | Tok::Dedent)
            && next != Tok::Dedent
            && (next != Tok::Indent || i + 1 == k)
        {
            start = i + 1;
        }
    }
    start
}

/// The errors of the checking pass in the complete top-level statements
/// before token `k` (CPython's second pass would meet them first).
fn prefix_errors(ctx: &Ctx, k: usize) -> Vec<CompileError> {
    let start = statement_start(ctx, k);
    if start == 0 {
        return Vec::new();
    }
    let mut toks = ctx.toks[..start].to_vec();
    let mut spans = ctx.spans[..start].to_vec();
    toks.push(Tok::EndMarker);
    spans.push(ctx.spans[start]);
    let sub = Ctx {
        src: ctx.src,
        toks,
        spans,
        numbers: ctx.numbers.clone(),
        strs: ctx.strs.clone(),
        deferred: RefCell::new(Vec::new()),
        syms: ctx.syms,
    };
    let mut errors = Vec::new();
    if let Ok(body) = stmt::module(&sub).parse(&sub.toks[..]).into_result() {
        validate::check(&sub, &body, &mut errors);
    }
    errors
}

/// Parses the expression part of an f-string replacement field,
/// `source[range]`, as CPython does: as if it were written in parentheses.
/// The error is paired with whether it comes from the parser (CPython
/// then words it "f-string: ...") rather than from the tokenizer.
pub(crate) fn parse_fstring_expr(
    source: &str,
    range: Range<usize>,
) -> Result<Expr, (CompileError, bool)> {
    let mut tokens = tokenize_range(source, range.clone(), true);
    if let StreamEnd::Hard(e) | StreamEnd::Soft(e) = &tokens.end {
        return Err((e.clone(), false));
    }
    // Wrap the tokens in parentheses, before the ENDMARKER; like CPython,
    // put them where the `{` and the character ending the expression are.
    let at_start = Span::new(range.start.saturating_sub(1), range.start);
    let at_end = Span::new(range.end, range.end + 1);
    tokens.toks.insert(0, Tok::LPar);
    tokens.spans.insert(0, at_start);
    let end = tokens.toks.len() - 1;
    tokens.toks.insert(end, Tok::RPar);
    tokens.spans.insert(end, at_end);
    tokens.eof_index = tokens.toks.len() - 1;
    let (ctx, literal_errors, eof_index) = context(source, &tokens);
    let x = expr::build(&ctx);
    let result = x
        .paren
        .then_ignore(just(Tok::EndMarker))
        .parse(&ctx.toks[..])
        .into_result();
    match result {
        Ok(e) => {
            let mut errors = literal_errors;
            errors.append(&mut ctx.deferred.borrow_mut());
            match earliest(errors) {
                Some(err) => Err((err, true)),
                None => Ok(e),
            }
        }
        Err(errs) => {
            let last = ctx.toks.len().saturating_sub(1);
            let k = errs.first().map_or(last, |e| e.span().start).min(last);
            Err((failure(&ctx, &tokens, &literal_errors, k, eof_index), true))
        }
    }
}
