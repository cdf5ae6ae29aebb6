//! Is an input complete? CPython's `codeop` rules for interactive input,
//! for the lines typed so far.
//!
//! - blank lines and comments only: nothing to run;
//! - an open bracket, triple-quoted string, backslash or block header:
//!   more lines needed;
//! - a compound statement is complete only after a blank line;
//! - a second statement on a later line without that blank line is
//!   `SyntaxError: invalid syntax` (the block is discarded);
//! - an error no further line can fix (including compile-time errors such
//!   as `await` in a plain `def`) is reported at once.

use crate::ast::Span;
use crate::errors::CompileError;
use crate::eval::Globals;
use crate::resolve::{ResolveOptions, resolve_module};

/// What the lines typed so far are.
#[derive(Debug)]
pub enum Input {
    /// Only blank lines and comments.
    Empty,
    /// More lines are needed.
    Incomplete,
    /// Ready to run.
    Complete,
    /// A syntax error to report; the lines are discarded.
    Error(CompileError),
}

/// Classifies `source` (the lines typed so far, joined with `\n`, without
/// a final newline).
pub fn classify(source: &str) -> Input {
    if source
        .split('\n')
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Input::Empty;
    }
    let text = format!("{source}\n");
    let mut module = match crate::parser::parse_module(&text) {
        Ok(m) => m,
        Err(CompileError::Syntax {
            incomplete: true, ..
        }) => return Input::Incomplete,
        Err(e) => return Input::Error(e),
    };
    let globals = Globals::default();
    if let Err(e) = resolve_module(
        &mut module,
        &globals,
        ResolveOptions {
            top_level_await: true,
        },
    ) {
        return Input::Error(e);
    }
    let first_line_end = source.find('\n').unwrap_or(source.len());
    if let Some(second) = module.body.get(1)
        && second.span.start as usize > first_line_end
    {
        let start = second.span.start as usize;
        let end = text[start..]
            .find('\n')
            .map(|e| start + e)
            .unwrap_or(text.len());
        return Input::Error(CompileError::syntax(
            "invalid syntax",
            Span::new(start, end.max(start + 1)),
        ));
    }
    let compound = module
        .body
        .first()
        .map(|s| s.is_compound())
        .unwrap_or(false);
    let ends_with_blank = source.ends_with('\n')
        || source
            .rsplit('\n')
            .next()
            .map(|l| l.trim().is_empty())
            .unwrap_or(false);
    if compound && !ends_with_blank {
        return Input::Incomplete;
    }
    Input::Complete
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(src: &str) -> &'static str {
        match classify(src) {
            Input::Empty => "empty",
            Input::Incomplete => "incomplete",
            Input::Complete => "complete",
            Input::Error(_) => "error",
        }
    }

    #[test]
    fn codeop_rules() {
        assert_eq!(kind("# just a comment"), "empty");
        assert_eq!(kind("x = 1"), "complete");
        assert_eq!(kind("x = (1,"), "incomplete");
        assert_eq!(kind("if x:"), "incomplete");
        assert_eq!(kind("if x:\n    y"), "incomplete");
        assert_eq!(kind("if x:\n    y\n"), "complete");
        assert_eq!(kind("if x:\n    y\nz"), "error");
        assert_eq!(kind("x = = 1"), "error");
        assert_eq!(kind("def f():\n    await g()"), "error");
        assert_eq!(kind("1; 2"), "complete");
        assert_eq!(kind("s = '''abc"), "incomplete");
        assert_eq!(kind("await asyncio.sleep(0)"), "complete");
    }
}
