//! The parser: tokens → [`crate::ast::Module`].
//!
//! The grammar ([`stmt`], [`expr`], [`pattern`]) is written with chumsky
//! over the token stream of [`crate::indent`]. It is deliberately
//! permissive where CPython's error messages depend on what was written
//! (assignment targets, argument order, parameter order): those are
//! accepted and then checked by [`validate`] or while building nodes.
//!
//! Which error is reported follows CPython 3.11:
//! 1. a tokenizer error raised as an exception wins over everything;
//! 2. otherwise the earliest of: errors from decoding literals, errors
//!    of the "second pass" (invalid targets, misplaced arguments, ...) and
//!    the parse failure itself, classified by [`classify`];
//! 3. an input that ends inside brackets opened on an earlier line than
//!    the failure reports the unclosed bracket instead;
//! 4. only a program that parses gets the compiler's checks
//!    (duplicate parameters, misplaced `*x`).

mod args;
mod classify;
mod ctx;
mod expr;
mod fstring;
mod params;
mod pattern;
mod stmt;
mod strings;
mod unicode_names;
mod validate;
mod validate_compiler;
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
    let mut best: Option<CompileError> = None;
    for e in errors {
        if best.as_ref().is_none_or(|b| e.span().start < b.span().start) {
            best = Some(e);
        }
    }
    best
}

fn parse_tokens(source: &str, tokens: &Tokens) -> Result<Vec<Stmt>, CompileError> {
    if let StreamEnd::Hard(e) = &tokens.end {
        return Err(e.clone());
    }
    let (ctx, literal_errors, eof_index) = context(source, tokens);
    let result = stmt::module(&ctx).parse(&ctx.toks[..]).into_result();
    match result {
        Ok(body) => {
            let mut errors = literal_errors;
            errors.append(&mut ctx.deferred.borrow_mut());
            validate::check(&ctx, &body, &mut errors);
            if let Some(e) = earliest(errors) {
                return Err(e);
            }
            let mut errors = Vec::new();
            validate::check_compiler(&body, &mut errors);
            match earliest(errors) {
                Some(e) => Err(e),
                None => Ok(body),
            }
        }
        Err(errs) => {
            let last = ctx.toks.len().saturating_sub(1);
            let k = errs.first().map_or(last, |e| e.span().start).min(last);
            Err(failure(&ctx, tokens, literal_errors, k, eof_index))
        }
    }
}

/// The error for a parse that failed at token `k`.
fn failure(ctx: &Ctx, tokens: &Tokens, literal_errors: Vec<CompileError>, k: usize, eof_index: usize) -> CompileError {
    let fail_at = ctx.spans[k].start;
    let before = |e: &CompileError| e.span().start <= fail_at;
    let unclosed = |bracket: char, span: Span| CompileError::Syntax {
        class: SyntaxClass::SyntaxError,
        message: format!("'{bracket}' was never closed"),
        span,
        incomplete: true,
    };
    if ctx.toks[k] == Tok::ErrorEnd {
        if let Some(e) = earliest(literal_errors.iter().filter(|e| before(e)).cloned().collect()) {
            return e;
        }
        match &tokens.end {
            StreamEnd::Soft(e) => return e.clone(),
            StreamEnd::Unclosed { bracket, span } => return unclosed(*bracket, *span),
            _ => {}
        }
    }
    let mut errors: Vec<CompileError> = literal_errors.into_iter().filter(before).collect();
    errors.extend(ctx.deferred.borrow().iter().filter(|e| before(e)).cloned());
    errors.extend(prefix_errors(ctx, k));
    errors.push(classify::classify(ctx, k, eof_index));
    let error = earliest(errors).unwrap_or_else(|| CompileError::syntax("invalid syntax", ctx.spans[k]));
    if let StreamEnd::Unclosed { bracket, span } = &tokens.end {
        if line_of(ctx.src, fail_at as usize) > line_of(ctx.src, span.start as usize) {
            return unclosed(*bracket, *span);
        }
    }
    error
}

/// The errors of the checking pass in the complete top-level statements
/// before token `k` (CPython's second pass would meet them first).
fn prefix_errors(ctx: &Ctx, k: usize) -> Vec<CompileError> {
    let mut depth = 0i32;
    let mut start = 0;
    for i in 0..k {
        match ctx.toks[i] {
            Tok::Indent => depth += 1,
            Tok::Dedent => depth -= 1,
            _ => {}
        }
        let next = ctx.toks[i + 1];
        if depth == 0 && matches!(ctx.toks[i], Tok::Newline | Tok::Dedent) && !matches!(next, Tok::Dedent | Tok::Indent) {
            start = i + 1;
        }
    }
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
pub(crate) fn parse_fstring_expr(source: &str, range: Range<usize>) -> Result<Expr, CompileError> {
    let mut tokens = tokenize_range(source, range.clone(), true);
    if let StreamEnd::Hard(e) = &tokens.end {
        return Err(e.clone());
    }
    // Wrap the tokens in parentheses, before the ENDMARKER.
    let at_start = Span::new(range.start, range.start);
    let at_end = Span::new(range.end, range.end);
    tokens.toks.insert(0, Tok::LPar);
    tokens.spans.insert(0, at_start);
    let end = tokens.toks.len() - 1;
    tokens.toks.insert(end, Tok::RPar);
    tokens.spans.insert(end, at_end);
    tokens.eof_index = tokens.toks.len() - 1;
    let (ctx, literal_errors, eof_index) = context(source, &tokens);
    let x = expr::build(&ctx);
    let result = x.paren.then_ignore(just(Tok::EndMarker)).parse(&ctx.toks[..]).into_result();
    match result {
        Ok(e) => {
            let mut errors = literal_errors;
            errors.append(&mut ctx.deferred.borrow_mut());
            match earliest(errors) {
                Some(err) => Err(err),
                None => Ok(e),
            }
        }
        Err(errs) => {
            let last = ctx.toks.len().saturating_sub(1);
            let k = errs.first().map_or(last, |e| e.span().start).min(last);
            Err(failure(&ctx, &tokens, literal_errors, k, eof_index))
        }
    }
}
