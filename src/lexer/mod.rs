//! The tokenizer: source text → raw tokens.
//!
//! [`RawTok`] is a logos lexer for everything that is context free: names
//! and keywords, operators, newlines, comments, line continuations. Numbers
//! and string literals are recognised by their first characters and then
//! scanned by hand ([`numbers`], [`strings`]) so that every error is the one
//! CPython 3.11's tokenizer raises, at the same place. Indentation, bracket
//! depth and the NEWLINE / INDENT / DEDENT tokens are the job of
//! [`crate::indent`], which turns raw tokens into the parser's [`Tok`]s.

mod numbers;
mod strings;

use logos::{Lexer, Logos};

use crate::ast::{Constant, Span};
use crate::errors::CompileError;
use crate::intern::Sym;

pub use strings::{StrKind, StrTok};

/// A token of the parser's input: what [`crate::indent::tokenize`] produces.
///
/// Tokens are small and `Copy`; literal values live in side tables of
/// [`crate::indent::Tokens`] and tokens carry an index into them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    /// An identifier, including the soft keywords `match`, `case` and `_`.
    Name(Sym),
    /// A numeric literal: index into `Tokens::numbers`.
    Number(u32),
    /// One string literal token: index into `Tokens::strings`. The parser
    /// first merges runs of adjacent string tokens into one literal.
    String(u32),
    // Keywords.
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
    // Delimiters and operators.
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
    // Layout.
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// A character that starts no token (`$`, `?`, a lone `!`, a backtick):
    /// CPython's ERRORTOKEN, on which the parser fails with "invalid syntax".
    ErrorChar,
    /// The end of a token stream cut short by a tokenizer error that CPython
    /// reports only if the parser gets that far (see `Tokens::end`).
    ErrorEnd,
}

/// How a lexing step failed (logos' error type). `Error` carries CPython's
/// diagnostic; `Unknown` is a character no pattern matches.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum LexError {
    #[default]
    Unknown,
    Error(CompileError),
}

/// Raw tokens as logos produces them, before indentation processing.
#[derive(Logos, Clone, Copy, Debug, PartialEq)]
#[logos(error = LexError)]
#[logos(skip r"[ \t\x0C]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
pub enum RawTok {
    #[regex(r"\r\n|\r|\n")]
    Newline,
    /// A backslash followed by a newline: the next line continues this one.
    #[regex(r"\\(\r\n|\r|\n)")]
    Continuation,
    /// A backslash followed by anything else (or the end of the input).
    #[token("\\")]
    Backslash,

    #[regex(
        r"[A-Za-z_\u{80}-\u{10FFFF}][A-Za-z0-9_\u{80}-\u{10FFFF}]*",
        strings::name
    )]
    Name(Sym),
    #[regex(r"[0-9]|\.[0-9]", numbers::number)]
    Number(NumberValue),
    #[regex(r#"([rRuUbBfF]|[rR][bBfF]|[bBfF][rR])?['"]"#, strings::string)]
    String(StrTok),

    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,

    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(":")]
    Colon,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("|")]
    VBar,
    #[token("&")]
    Amper,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("=")]
    Equal,
    #[token(".")]
    Dot,
    #[token("%")]
    Percent,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("~")]
    Tilde,
    #[token("^")]
    Circumflex,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("**")]
    DoubleStar,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VBarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token(">>=")]
    RightShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("//")]
    DoubleSlash,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("@")]
    At,
    #[token("@=")]
    AtEqual,
    #[token("->")]
    RArrow,
    #[token("...")]
    Ellipsis,
    #[token(":=")]
    ColonEqual,
    #[token("!")]
    #[token("$")]
    #[token("?")]
    #[token("`")]
    ErrorChar,
}

/// The value of a numeric literal as the lexer computed it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberValue {
    Int(i64),
    /// An integer too large for `i64`; the digits are re-read from the
    /// source (`span`) when the literal table is built.
    BigInt,
    Float(f64),
    Imaginary(f64),
}

impl RawTok {
    /// The parser token for a raw token that maps one to one (everything
    /// but names, literals and layout).
    pub fn simple(self) -> Option<Tok> {
        use RawTok as R;
        Some(match self {
            R::False => Tok::False,
            R::None => Tok::None,
            R::True => Tok::True,
            R::And => Tok::And,
            R::As => Tok::As,
            R::Assert => Tok::Assert,
            R::Async => Tok::Async,
            R::Await => Tok::Await,
            R::Break => Tok::Break,
            R::Class => Tok::Class,
            R::Continue => Tok::Continue,
            R::Def => Tok::Def,
            R::Del => Tok::Del,
            R::Elif => Tok::Elif,
            R::Else => Tok::Else,
            R::Except => Tok::Except,
            R::Finally => Tok::Finally,
            R::For => Tok::For,
            R::From => Tok::From,
            R::Global => Tok::Global,
            R::If => Tok::If,
            R::Import => Tok::Import,
            R::In => Tok::In,
            R::Is => Tok::Is,
            R::Lambda => Tok::Lambda,
            R::Nonlocal => Tok::Nonlocal,
            R::Not => Tok::Not,
            R::Or => Tok::Or,
            R::Pass => Tok::Pass,
            R::Raise => Tok::Raise,
            R::Return => Tok::Return,
            R::Try => Tok::Try,
            R::While => Tok::While,
            R::With => Tok::With,
            R::Yield => Tok::Yield,
            R::LPar => Tok::LPar,
            R::RPar => Tok::RPar,
            R::LSqb => Tok::LSqb,
            R::RSqb => Tok::RSqb,
            R::LBrace => Tok::LBrace,
            R::RBrace => Tok::RBrace,
            R::Colon => Tok::Colon,
            R::Comma => Tok::Comma,
            R::Semi => Tok::Semi,
            R::Plus => Tok::Plus,
            R::Minus => Tok::Minus,
            R::Star => Tok::Star,
            R::Slash => Tok::Slash,
            R::VBar => Tok::VBar,
            R::Amper => Tok::Amper,
            R::Less => Tok::Less,
            R::Greater => Tok::Greater,
            R::Equal => Tok::Equal,
            R::Dot => Tok::Dot,
            R::Percent => Tok::Percent,
            R::EqEqual => Tok::EqEqual,
            R::NotEqual => Tok::NotEqual,
            R::LessEqual => Tok::LessEqual,
            R::GreaterEqual => Tok::GreaterEqual,
            R::Tilde => Tok::Tilde,
            R::Circumflex => Tok::Circumflex,
            R::LeftShift => Tok::LeftShift,
            R::RightShift => Tok::RightShift,
            R::DoubleStar => Tok::DoubleStar,
            R::PlusEqual => Tok::PlusEqual,
            R::MinEqual => Tok::MinEqual,
            R::StarEqual => Tok::StarEqual,
            R::SlashEqual => Tok::SlashEqual,
            R::PercentEqual => Tok::PercentEqual,
            R::AmperEqual => Tok::AmperEqual,
            R::VBarEqual => Tok::VBarEqual,
            R::CircumflexEqual => Tok::CircumflexEqual,
            R::LeftShiftEqual => Tok::LeftShiftEqual,
            R::RightShiftEqual => Tok::RightShiftEqual,
            R::DoubleStarEqual => Tok::DoubleStarEqual,
            R::DoubleSlash => Tok::DoubleSlash,
            R::DoubleSlashEqual => Tok::DoubleSlashEqual,
            R::At => Tok::At,
            R::AtEqual => Tok::AtEqual,
            R::RArrow => Tok::RArrow,
            R::Ellipsis => Tok::Ellipsis,
            R::ColonEqual => Tok::ColonEqual,
            R::ErrorChar => Tok::ErrorChar,
            R::Newline
            | R::Continuation
            | R::Backslash
            | R::Name(_)
            | R::Number(_)
            | R::String(_) => return Option::None,
        })
    }
}

/// A raw token or the tokenizer error that ends the stream.
pub type RawItem = Result<(RawTok, Span), CompileError>;

/// Iterates over the raw tokens of `source`; positions are byte offsets
/// into `source`. After the first error the caller must stop.
pub struct RawLexer<'s> {
    inner: Lexer<'s, RawTok>,
}

impl<'s> RawLexer<'s> {
    /// Starts lexing `source` from its beginning.
    pub fn new(source: &'s str) -> RawLexer<'s> {
        RawLexer::new_range(source, 0..source.len())
    }

    /// Lexes `source[range]`, with spans that are offsets into `source`.
    pub fn new_range(source: &'s str, range: std::ops::Range<usize>) -> RawLexer<'s> {
        let end = range.end.min(source.len());
        let start = range.start.min(end);
        let mut inner = RawTok::lexer(&source[..end]);
        inner.bump(start);
        RawLexer { inner }
    }
}

impl Iterator for RawLexer<'_> {
    type Item = RawItem;

    fn next(&mut self) -> Option<RawItem> {
        let tok = self.inner.next()?;
        let range = self.inner.span();
        let span = Span::new(range.start, range.end);
        Some(match tok {
            Ok(t) => Ok((t, span)),
            Err(LexError::Error(e)) => Err(e),
            Err(LexError::Unknown) => Err(unknown_char(self.inner.source(), range.start)),
        })
    }
}

/// The error for a character no token starts with: a control character,
/// a NUL byte, or another non-printable character.
fn unknown_char(source: &str, at: usize) -> CompileError {
    let c = source[at..].chars().next().unwrap_or('\0');
    let span = Span::new(at, at);
    if c == '\0' {
        return CompileError::syntax("source code cannot contain null bytes", span);
    }
    CompileError::syntax(
        format!("invalid non-printable character U+{:04X}", c as u32),
        span,
    )
}

/// The 1-based line number of byte offset `at` in `source` (`\r\n`, `\r`
/// and `\n` each end a line).
pub fn line_of(source: &str, at: usize) -> usize {
    let bytes = source.as_bytes();
    let end = at.min(bytes.len());
    let mut line = 1;
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'\n' => line += 1,
            b'\r' => {
                if i + 1 < bytes.len() && bytes[i + 1] == b'\n' {
                    i += 1;
                    if i >= end {
                        break;
                    }
                }
                line += 1;
            }
            _ => {}
        }
        i += 1;
    }
    line
}

/// The span of the single character ending at byte `cur` (CPython reports
/// tokenizer errors at "the character before the cursor"); empty.
pub(crate) fn before(source: &str, cur: usize) -> Span {
    let mut at = cur.min(source.len());
    if at > 0 {
        at -= 1;
        while at > 0 && !source.is_char_boundary(at) {
            at -= 1;
        }
    }
    Span::new(at, at)
}

/// Converts a literal's [`NumberValue`] to an AST constant, reparsing the
/// digits of a big integer from `text`.
pub fn number_constant(value: NumberValue, text: &str) -> Constant {
    match value {
        NumberValue::Int(i) => Constant::Int(i),
        NumberValue::BigInt => numbers::big_int(text),
        NumberValue::Float(f) => Constant::Float(f),
        NumberValue::Imaginary(f) => Constant::Imaginary(f),
    }
}
