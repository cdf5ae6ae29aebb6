//! apy: an interpreter for the async subset of Python 3.11.
//!
//! The pipeline is tokens ([`lexer`], [`indent`]) → AST ([`parser`], [`ast`])
//! → resolved AST ([`resolve`]) → evaluation ([`eval`]). See
//! `docs/ARCHITECTURE.md`.

pub mod ast;
pub mod errors;
pub mod indent;
pub mod intern;
pub mod lexer;
pub mod parser;
