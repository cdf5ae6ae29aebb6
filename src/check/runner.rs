//! Running the chains of a document on [`Session`]s: each chain (a block
//! and the `continue` blocks after it) shares one interpreter, one
//! `__main__` namespace and one clock. Session blocks (`pycon`) run as the
//! REPL runs them; a chain whose sessions use top-level `await` runs them
//! all on the chain's one event loop, as `python -m asyncio` does.

use std::time::Duration;

use crate::errors::CompileError;
use crate::session::{Compiled, ExceptionReport, Outcome, Session, SessionOptions};

use super::markdown::{CheckedBlock, Kind};
use super::pycon::{self, Example};

/// How blocks run.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    pub virtual_time: bool,
    /// Wall-clock limit per block.
    pub wall_limit: Option<Duration>,
    /// Limit per block on the virtual clock.
    pub virtual_limit: Option<f64>,
    /// Bytes each block may allocate (`--max-memory`).
    pub memory_limit: Option<usize>,
}

/// A piece of source to compile: the text, padded with blank lines so
/// that its line numbers are the document's, and where each of its lines
/// starts in the document.
#[derive(Clone, Debug)]
pub struct Piece {
    pub source: String,
    /// (line of `source`, byte offset in the document of its first
    /// character) for every line taken from the document.
    pub lines: Vec<(usize, usize)>,
}

impl Piece {
    /// A piece whose first line is document line `first_line`.
    pub fn new(first_line: usize, lines: &[(String, usize)]) -> Piece {
        let mut source = "\n".repeat(first_line.saturating_sub(1));
        let mut map = Vec::with_capacity(lines.len());
        for (k, (text, offset)) in lines.iter().enumerate() {
            source.push_str(text);
            source.push('\n');
            map.push((first_line + k, *offset));
        }
        Piece { source, lines: map }
    }

    /// The document offset of a byte offset of `source`.
    pub fn doc_offset(&self, offset: usize) -> Option<usize> {
        let offset = offset.min(self.source.len());
        let before = self.source.get(..offset)?;
        let line = before.matches('\n').count() + 1;
        let col = offset - before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        match self.lines.binary_search_by_key(&line, |&(l, _)| l) {
            Ok(i) => Some(self.lines[i].1 + col),
            // Past the last line (an error at the end of the input).
            Err(i) if i > 0 && i == self.lines.len() => {
                let (l, start) = self.lines[i - 1];
                let text = self.source.split('\n').nth(l - 1).unwrap_or("");
                Some(start + text.len())
            }
            Err(_) => None,
        }
    }
}

/// The piece of a program block.
pub fn block_piece(block: &CheckedBlock) -> Piece {
    let lines: Vec<(String, usize)> = block
        .block
        .content
        .iter()
        .map(|l| (l.text.clone(), l.offset))
        .collect();
    Piece::new(block.block.line + 1, &lines)
}

/// The piece of one example of a session block.
pub fn example_piece(block: &CheckedBlock, ex: &Example) -> Piece {
    let content = &block.block.content;
    let lines: Vec<(String, usize)> = ex
        .source
        .strip_suffix('\n')
        .unwrap_or(&ex.source)
        .split('\n')
        .enumerate()
        .map(|(k, text)| {
            let offset = content
                .get(ex.first + k)
                .map(|l| l.offset + ex.prompt_lens.get(k).copied().unwrap_or(0))
                .unwrap_or(0);
            (text.to_owned(), offset)
        })
        .collect();
    let first_line = content
        .get(ex.first)
        .map(|l| l.line)
        .unwrap_or(block.block.line + 1);
    Piece::new(first_line, &lines)
}

/// The examples of a session block.
pub fn examples(block: &CheckedBlock) -> Vec<Example> {
    let body: Vec<&str> = block
        .block
        .content
        .iter()
        .map(|l| l.text.as_str())
        .collect();
    pycon::parse(&body)
}

/// What one session example did.
#[derive(Debug, Default)]
pub struct ExampleRun {
    pub example: Option<Example>,
    pub piece: Option<Piece>,
    pub compile_error: Option<CompileError>,
    pub stdout: String,
    pub exception: Option<ExceptionReport>,
    pub timed_out: bool,
    pub elapsed: f64,
}

/// What one block did.
#[derive(Debug, Default)]
pub struct BlockRun {
    pub piece: Option<Piece>,
    /// The program block did not compile.
    pub compile_error: Option<CompileError>,
    pub stdout: String,
    /// Everything printed on stderr, tracebacks of uncaught exceptions
    /// included (warnings are found here).
    pub stderr: String,
    pub exception: Option<ExceptionReport>,
    pub timed_out: bool,
    pub elapsed: f64,
    /// Session blocks: each example.
    pub examples: Vec<ExampleRun>,
    /// Not run: an earlier block of the chain (at this line) ran past the
    /// time limit, leaving the chain's state unknown.
    pub not_run_after: Option<usize>,
}

/// What a compiled session example is.
struct Prepared {
    example: Example,
    piece: Piece,
    code: Result<Compiled, CompileError>,
}

/// CPython's `single` mode on top of a module compile: exactly one
/// statement (simple statements on one line count as one).
fn compile_single(session: &Session, name: &str, piece: &Piece) -> Result<Compiled, CompileError> {
    let code = session.compile(name, &piece.source, true)?;
    let body = &code.module.body;
    let Some(first) = body.first() else {
        let start = piece.source.len().saturating_sub(1);
        return Err(CompileError::syntax(
            "invalid syntax",
            crate::ast::Span::new(start, start),
        ));
    };
    let first_line_end = piece
        .source
        .get(first.span.start as usize..)
        .unwrap_or("")
        .find('\n')
        .map(|e| first.span.start as usize + e)
        .unwrap_or(piece.source.len());
    if let Some(second) = body.get(1)
        && second.span.start as usize > first_line_end
    {
        return Err(CompileError::syntax(
            "multiple statements found while compiling a single statement",
            first.span,
        ));
    }
    Ok(code)
}

/// Adds an exception's traceback to stderr as CPython's driver prints it
/// (not for `SystemExit`).
fn add_traceback(stderr: &mut String, exception: &Option<ExceptionReport>) {
    if let Some(e) = exception
        && e.exit_status.is_none()
    {
        stderr.push_str(&e.traceback);
    }
}

/// A `SystemExit` with status 0 (or `None`) is no error.
fn drop_clean_exit(outcome: &mut Outcome) {
    if outcome
        .exception
        .as_ref()
        .is_some_and(|e| e.exit_status == Some(0))
    {
        outcome.exception = None;
    }
}

/// Runs one chain (blocks in order, in one session) and, if `extra` is
/// given, one more program after it (the never-run trial). Returns a run
/// per block (and one for `extra`, last).
pub fn run_chain(
    name: &str,
    chain: &[&CheckedBlock],
    extra: Option<&str>,
    settings: Settings,
) -> Vec<BlockRun> {
    let mut session = Session::new(
        SessionOptions {
            virtual_time: settings.virtual_time,
            capture: true,
        },
        name,
    );
    session.globals = block_globals();
    // Session examples are compiled first: one with top-level `await`
    // makes the chain a transcript of `python -m asyncio`.
    let mut prepared: Vec<Vec<Prepared>> = Vec::new();
    let mut asyncio_repl = false;
    for block in chain {
        let mut list = Vec::new();
        if block.block.kind == Kind::Pycon {
            for ex in examples(block) {
                let piece = example_piece(block, &ex);
                let code = compile_single(&session, name, &piece);
                if code.as_ref().is_ok_and(|c| c.suspends) {
                    asyncio_repl = true;
                }
                list.push(Prepared {
                    example: ex,
                    piece,
                    code,
                });
            }
        }
        prepared.push(list);
    }
    let mut runs = Vec::new();
    let mut stopped_at: Option<usize> = None;
    for (block, list) in chain.iter().zip(prepared) {
        if let Some(line) = stopped_at {
            runs.push(BlockRun {
                piece: Some(block_piece(block)),
                not_run_after: Some(line),
                ..Default::default()
            });
            continue;
        }
        session.set_limits(settings.wall_limit, settings.virtual_limit);
        session.set_memory_limit(settings.memory_limit);
        let run = if block.block.kind == Kind::Pycon {
            run_session_block(&mut session, list, asyncio_repl)
        } else {
            let piece = block_piece(block);
            run_program(&mut session, name, piece)
        };
        if run.timed_out {
            stopped_at = Some(block.block.line);
        }
        runs.push(run);
    }
    if let (Some(source), None) = (extra, stopped_at) {
        session.set_limits(settings.wall_limit, settings.virtual_limit);
        session.set_memory_limit(settings.memory_limit);
        let piece = Piece {
            source: source.to_owned(),
            lines: Vec::new(),
        };
        runs.push(run_program(&mut session, "<trial>", piece));
    }
    // Tearing the chain down: what it prints on stderr counts for the
    // last block; its stdout is not compared.
    let mut closing = session.close();
    drop_clean_exit(&mut closing);
    if let Some(last) = runs.last_mut() {
        last.stderr.push_str(&closing.stderr);
        add_traceback(&mut last.stderr, &closing.exception);
    }
    runs
}

fn run_program(session: &mut Session, name: &str, piece: Piece) -> BlockRun {
    let code = match session.compile(name, &piece.source, false) {
        Ok(code) => code,
        Err(e) => {
            return BlockRun {
                piece: Some(piece),
                compile_error: Some(e),
                ..Default::default()
            };
        }
    };
    let mut outcome = session.run_piece(&code, false);
    drop_clean_exit(&mut outcome);
    let mut stderr = outcome.stderr;
    add_traceback(&mut stderr, &outcome.exception);
    BlockRun {
        piece: Some(piece),
        compile_error: None,
        stdout: outcome.stdout,
        stderr,
        exception: outcome.exception,
        timed_out: outcome.timed_out,
        elapsed: outcome.elapsed,
        examples: Vec::new(),
        not_run_after: None,
    }
}

fn run_session_block(session: &mut Session, list: Vec<Prepared>, asyncio_repl: bool) -> BlockRun {
    let mut run = BlockRun::default();
    for p in list {
        // Past the time limit, the examples left are not run.
        if run.timed_out {
            break;
        }
        let code = match p.code {
            Ok(code) => code,
            Err(e) => {
                run.examples.push(ExampleRun {
                    example: Some(p.example),
                    piece: Some(p.piece),
                    compile_error: Some(e),
                    ..Default::default()
                });
                continue;
            }
        };
        let start = session.now();
        let first = if code.suspends {
            session.run(&code, true)
        } else if asyncio_repl {
            session.run_as_callback(&code, true)
        } else {
            session.run(&code, true)
        };
        // Once the loop exists, it runs its ready callbacks once, as the
        // asyncio REPL does before the next prompt.
        let ready = if session.has_event_loop() {
            session.run_ready_once()
        } else {
            Ok(())
        };
        let (result, second) = match (first, ready) {
            (Err(e), Err(later)) => (Err(e), Some(later)),
            (Ok(()), r) | (r, Ok(())) => (r, None),
        };
        let later = second.map(|e| session.report(&e, code.file));
        let mut outcome = session.finish_piece(result, start, code.file);
        drop_clean_exit(&mut outcome);
        run.stdout.push_str(&outcome.stdout);
        run.stderr.push_str(&outcome.stderr);
        add_traceback(&mut run.stderr, &outcome.exception);
        if let Some(later) = later
            && later.exit_status.is_none()
        {
            run.stderr.push_str(&later.traceback);
        }
        run.elapsed += outcome.elapsed;
        run.timed_out |= outcome.timed_out;
        run.examples.push(ExampleRun {
            example: Some(p.example),
            piece: Some(p.piece),
            compile_error: None,
            stdout: outcome.stdout,
            exception: outcome.exception,
            timed_out: outcome.timed_out,
            elapsed: outcome.elapsed,
        });
    }
    run
}

/// The namespace a chain of blocks runs in, the doccheck oracle's: a fresh
/// `types.ModuleType("__main__")` (no `__file__`), given `__builtins__`,
/// which apy does not model.
fn block_globals() -> std::rc::Rc<crate::eval::Globals> {
    use crate::intern::Sym;
    use crate::value::Value;
    let g = std::rc::Rc::new(crate::eval::Globals::default());
    g.set(Sym::new("__name__"), Value::str("__main__"));
    g.set(Sym::new("__doc__"), Value::None);
    g.set(Sym::new("__package__"), Value::None);
    g.set(Sym::new("__loader__"), Value::None);
    g.set(Sym::new("__spec__"), Value::None);
    g.set(
        Sym::new("__builtins__"),
        crate::builtins::unmodelled::value("__builtins__"),
    );
    g
}
