//! What every grammar rule can see: the token stream, literal values, and
//! a list of errors found while building nodes.
//!
//! The chumsky parsers run over `&[Tok]`, so the spans chumsky hands to
//! rules are token-index ranges; [`Ctx::sp`] turns them into byte spans.

use std::cell::RefCell;

use chumsky::prelude::*;
use chumsky::recursive::{Direct, Indirect};

use crate::ast::{Constant, FStringPart, Span};
use crate::errors::CompileError;
use crate::intern::Sym;
use crate::lexer::Tok;

/// The parser input: the token slice.
pub(crate) type In<'a> = &'a [Tok];
/// Parser extras: errors only carry the token position.
pub(crate) type Ex = extra::Err<Cheap>;
/// A boxed parser producing `O`.
pub(crate) type P<'a, O> = Boxed<'a, 'a, In<'a>, O, Ex>;
/// A forward-declared recursive parser producing `O`.
pub(crate) type Rec<'a, O> = Recursive<Indirect<'a, 'a, In<'a>, O, Ex>>;

/// A recursive parser used before it is defined, without the reference
/// cycle of chumsky's `Recursive::declare` (whose definition would own
/// clones of itself, so every parse leaked its whole grammar, ~11 KB, as
/// the fuzzer's leak checker found). Uses inside the grammar are weak
/// ([`Forward::handle`]); [`Forward::owner`] owns the parser and must be
/// held by whoever parses with it.
pub(crate) struct Forward<'a, O> {
    /// The definition slot (strong, only to define it).
    slot: Rec<'a, O>,
    /// The owning handle: a direct recursive parser that runs `slot`.
    owner: Recursive<Direct<'a, 'a, In<'a>, O, Ex>>,
    /// A weak handle to `owner`.
    weak: Recursive<Direct<'a, 'a, In<'a>, O, Ex>>,
}

impl<'a, O: 'a> Forward<'a, O> {
    pub fn declare() -> Forward<'a, O> {
        let slot: Rec<'a, O> = Recursive::declare();
        let inner = slot.clone();
        let mut weak = None;
        let owner = recursive(|handle| {
            weak = Some(handle);
            inner
        });
        let weak = weak.expect("recursive() calls its closure at once");
        Forward { slot, owner, weak }
    }

    /// A weak use of the parser, for inside its own grammar.
    pub fn handle(&self) -> P<'a, O> {
        self.weak.clone().boxed()
    }

    pub fn define(&mut self, parser: P<'a, O>) {
        self.slot.define(parser);
    }

    /// The parser, owning its grammar.
    pub fn owner(self) -> P<'a, O> {
        self.owner.boxed()
    }
}

/// The value of a (concatenated) string literal.
#[derive(Clone, Debug)]
pub(crate) enum StrValue {
    Const(Constant),
    FString(Vec<FStringPart>),
}

/// Interned soft keywords and other names the grammar compares against.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Syms {
    pub match_: Sym,
    pub case: Sym,
    pub underscore: Sym,
    pub lambda: Sym,
}

impl Syms {
    pub fn new() -> Syms {
        Syms {
            match_: Sym::new("match"),
            case: Sym::new("case"),
            underscore: Sym::new("_"),
            lambda: Sym::new("<lambda>"),
        }
    }
}

/// The state shared by all grammar rules of one parse.
pub(crate) struct Ctx<'s> {
    pub src: &'s str,
    pub toks: Vec<Tok>,
    pub spans: Vec<Span>,
    pub numbers: Vec<Constant>,
    /// String literal values, indexed by `Tok::String` (after adjacent
    /// literals have been merged).
    pub strs: Vec<StrValue>,
    /// Errors found while building nodes (misplaced arguments, bad
    /// parameters, ...): CPython's parser raises them from its second pass.
    /// A rule may run more than once on the same tokens, so duplicates are
    /// possible; the earliest by position is reported.
    pub deferred: RefCell<Vec<CompileError>>,
    pub syms: Syms,
}

impl Ctx<'_> {
    /// The byte span of the token range `s`.
    pub fn sp(&self, s: SimpleSpan) -> Span {
        let n = self.spans.len();
        if n == 0 {
            return Span::default();
        }
        if s.start < s.end {
            let a = self.spans[s.start.min(n - 1)].start;
            let b = self.spans[(s.end - 1).min(n - 1)].end;
            Span {
                start: a,
                end: b.max(a),
            }
        } else {
            let a = self.spans[s.start.min(n - 1)].start;
            Span { start: a, end: a }
        }
    }

    /// The end of the last token in `s` that is not NEWLINE, INDENT or
    /// DEDENT: where CPython ends a compound statement (a trailing `;` of
    /// its last line included).
    pub fn last_token_end(&self, s: SimpleSpan) -> u32 {
        let mut i = s.end.min(self.toks.len());
        while i > s.start && matches!(self.toks[i - 1], Tok::Newline | Tok::Indent | Tok::Dedent) {
            i -= 1;
        }
        if i == 0 {
            return 0;
        }
        self.spans[i - 1].end
    }

    /// Records an error found while building a node.
    pub fn defer(&self, e: CompileError) {
        self.deferred.borrow_mut().push(e);
    }

    /// The index of the token starting at byte `at`, if any.
    pub fn token_at(&self, at: u32) -> Option<usize> {
        let i = self.spans.partition_point(|s| s.start < at);
        (i < self.spans.len() && self.spans[i].start == at).then_some(i)
    }

    /// Whether the span starts with `(` and ends with the matching `)` (a
    /// tuple or generator expression written with its parentheses).
    pub fn enclosed(&self, span: Span) -> bool {
        let Some(first) = self.token_at(span.start) else {
            return false;
        };
        if self.toks[first] != Tok::LPar {
            return false;
        }
        let mut depth = 0;
        for i in first..self.toks.len() {
            match self.toks[i] {
                Tok::LPar | Tok::LSqb | Tok::LBrace => depth += 1,
                Tok::RPar | Tok::RSqb | Tok::RBrace => {
                    depth -= 1;
                    if depth == 0 {
                        return self.spans[i].end == span.end;
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Whether the expression with byte span `span` is directly enclosed
    /// in parentheses.
    pub fn parenthesized(&self, span: Span) -> bool {
        let Some(first) = self.token_at(span.start) else {
            return false;
        };
        if first == 0 || self.toks[first - 1] != Tok::LPar {
            return false;
        }
        let after = self.spans.partition_point(|s| s.end <= span.end);
        self.toks.get(after) == Some(&Tok::RPar)
    }
}
