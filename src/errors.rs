//! Errors found before a program runs: syntax errors and unsupported
//! constructs. The parser and the resolver produce them; [`crate::diagnostics`]
//! renders them with miette.

use crate::ast::Span;

/// The Python class of a compile-time error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxClass {
    SyntaxError,
    IndentationError,
    TabError,
    /// `RecursionError: maximum recursion depth exceeded during
    /// compilation`: CPython's compiler refuses source nested too deeply.
    RecursionError,
}

impl SyntaxClass {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxClass::SyntaxError => "SyntaxError",
            SyntaxClass::IndentationError => "IndentationError",
            SyntaxClass::TabError => "TabError",
            SyntaxClass::RecursionError => "RecursionError",
        }
    }
}

/// Why a program cannot run.
#[derive(Clone, Debug, PartialEq)]
pub enum CompileError {
    /// What CPython reports as `SyntaxError` (or a subclass) for the same
    /// source, with CPython's message, e.g. `expected ':'`.
    Syntax {
        class: SyntaxClass,
        message: String,
        span: Span,
        /// The error is only that the input ended too early (an open
        /// bracket, block or triple-quoted string): the REPL asks for more.
        incomplete: bool,
    },
    /// A construct of Python 3.11 that apy does not implement. `construct`
    /// names it for the user, e.g. "class keyword arguments".
    Unsupported { construct: String, span: Span },
}

impl CompileError {
    pub fn syntax(message: impl Into<String>, span: Span) -> CompileError {
        CompileError::Syntax {
            class: SyntaxClass::SyntaxError,
            message: message.into(),
            span,
            incomplete: false,
        }
    }

    pub fn unsupported(construct: impl Into<String>, span: Span) -> CompileError {
        CompileError::Unsupported {
            construct: construct.into(),
            span,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            CompileError::Syntax { span, .. } | CompileError::Unsupported { span, .. } => *span,
        }
    }
}
