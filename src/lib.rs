//! apy: an interpreter for the async subset of Python 3.11.
//!
//! The pipeline is tokens ([`lexer`], [`indent`]) → AST ([`parser`], [`ast`])
//! → resolved AST ([`resolve`]) → evaluation ([`eval`]). See
//! `docs/ARCHITECTURE.md`.

pub mod alloc;
pub mod ast;
pub mod builtins;
pub mod check;
pub mod cli;
pub mod diagnostics;
pub mod errors;
pub mod eval;
pub mod format;
pub mod harness;
pub mod hashing;
pub mod indent;
pub mod intern;
pub mod lexer;
pub mod parser;
pub mod repl;
pub mod resolve;
pub mod run;
pub mod session;
pub mod source;
pub mod stdlib;
pub mod value;

/// Every allocation is counted, for `--max-memory`.
#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

/// What `sys.version` reports: the CPython release apy matches.
pub const VERSION_STRING: &str = "3.11.7 (apy) [Rust]";

/// `apy check ...` (the Markdown checker).
pub fn check_cli(args: &[String]) -> i32 {
    check::main(args)
}

/// `apy repl` (the asyncio REPL).
pub fn repl_cli(args: &[String]) -> i32 {
    repl::main(args)
}
