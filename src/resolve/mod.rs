//! The resolver: turns names into slots and finds the errors CPython
//! reports at compile time.
//!
//! Two walks over the same tree, creating scopes in the same pre-order:
//! the first ([`Mode::Collect`]) records what each scope binds, declares
//! and uses, and reports misplaced `return`/`yield`/`await`/`break`/...;
//! then [`scope::analyze`] decides locals, cells and free variables; the
//! second walk ([`Mode::Assign`]) writes the slot of every name, each
//! scope's frame layout, and the `suspends` flags the evaluator uses to pick
//! the synchronous or the suspending path.

mod scope;
mod slots;
mod walk;

use crate::ast::Module;
use crate::errors::CompileError;
use crate::eval::Globals;

pub use scope::{ScopeData, ScopeKind};

/// Options for resolving one compilation unit.
#[derive(Clone, Copy, Debug, Default)]
pub struct ResolveOptions {
    /// Allow `await`, `async for` and `async with` at module level (the
    /// asyncio REPL and `pycon` transcripts).
    pub top_level_await: bool,
}

/// Which walk is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Collect,
    Assign,
}

/// Resolves a parsed module against the module's global table (which grows
/// with new names, so later REPL inputs share slots with earlier ones).
/// Returns whether the module body itself suspends (top-level `await`).
pub fn resolve_module(
    module: &mut Module,
    globals: &Globals,
    options: ResolveOptions,
) -> Result<bool, CompileError> {
    let mut r = walk::Resolver::new(globals, options);
    r.run(module)
}
