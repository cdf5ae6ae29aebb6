//! `apy check`: runs the Python blocks of Markdown documents and checks
//! that they behave as their text says. The conventions (checked fences,
//! `skip` / `continue`, expected-output blocks, `pycon` transcripts,
//! verdicts) are those of `doccheck/README.md`; see `docs/check.md`.

pub mod json;
pub mod markdown;
pub mod names;
pub mod pycon;
pub mod report;
pub mod runner;
pub mod trial;
pub mod update;
pub mod verdict;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Parser, ValueEnum};

use markdown::{CheckedBlock, Kind};
use runner::{BlockRun, Settings};
use verdict::{Judgement, Verdict};

/// Default wall-clock limit per block, in seconds.
pub const DEFAULT_WALL_LIMIT: f64 = 10.0;
/// Default virtual-clock limit per block, in seconds (a year: snippets may
/// sleep for days when sleeping costs nothing).
pub const DEFAULT_VIRTUAL_LIMIT: f64 = 365.0 * 86400.0;
/// Default memory limit per block, in megabytes.
pub const DEFAULT_MAX_MEMORY_MB: f64 = 512.0;

const AFTER_HELP: &str = "\
Checked blocks:
  Fenced code blocks (``` or ~~~) whose info string starts with python, py or
  python3 (program blocks) or pycon (interactive sessions) are run; others are
  ignored. More words in the info string are flags:
    skip       do not run the block (verdict skipped)
    continue   run in the namespace, process and clock of the previous
               non-skipped checked block of the same file
  Without `continue`, every block is its own program (__name__ == \"__main__\").

Expected output:
  An `output` or `text` block right after a program block, or after one short
  lead-in paragraph (at most 3 lines, 200 characters) ending in ':' such as
  `Output:` or `**Вывод:**`, is that block's expected stdout (trailing newlines
  ignored). If it ends with the exception's `Type: message` line, the exception
  is expected too, and only the text before `Traceback (most recent call
  last):` is compared with stdout.

pycon:
  `>>> ` starts an example, `... ` continues it; the lines up to a blank line
  or the next `>>>` are its expected output, or a traceback whose last line is
  the exception. A chain of blocks whose sessions use top-level `await` runs
  as `python -m asyncio` does: one event loop for the whole chain, tasks
  surviving from one prompt to the next.

Verdicts (the first that applies):
  skipped      the block has the `skip` flag
  syntax       the block (or a pycon example) does not compile
  unsupported  the block uses something apy does not support
  exception    an uncaught exception (or SystemExit with a non-zero code), or
               the block ran past the time limit
  warning      a Python warning (e.g. coroutine 'main' was never awaited) or
               asyncio's 'Task exception was never retrieved' / 'Task was
               destroyed but it is pending!'
  never-run    no output, and a top-level `async def` is never used (not even
               by later `continue` blocks): the hint says what running it
               with asyncio.run() would do
  mismatch     stdout differs from the expected output
  ok           none of the above
  The check fails (exit status 1) when any block is not ok or skipped; bad
  input (missing file, folder without Markdown, invalid UTF-8) exits with 2.

Time:
  Blocks run under a virtual clock: sleeps finish at once and the elapsed
  times shown are virtual seconds. --real-time runs them on the real clock.
  A block is stopped (verdict exception) after 10 s of wall time or 365 days
  of virtual time; --timeout sets both limits, --virtual-timeout the virtual
  one alone. The rest of a chain whose block was stopped does not run.

Memory:
  A block may allocate 512 MB (--max-memory MB) beyond what its chain
  already holds; past that it ends in MemoryError (verdict exception) and
  the following blocks still run. Deep recursion ends in RecursionError at
  the recursion limit, as in CPython.

Never-run hints:
  A never-run block is tried once more in a fresh interpreter with
  `asyncio.run(main())` after it (main: the unused coroutine function), and
  the hint tells what that run prints, raises or warns, and how long it takes.";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// One line per block, a report per problem, a summary.
    Human,
    /// A JSON array with one object per checked block.
    Json,
}

/// Check that the Python blocks of Markdown documents run and print what
/// the text says.
#[derive(Parser, Debug)]
#[command(name = "apy check", after_help = AFTER_HELP)]
struct Args {
    /// Markdown files, or folders searched recursively for *.md.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
    /// Rewrite the expected output of mismatch blocks with the actual output.
    #[arg(long)]
    update: bool,
    /// Run on the real clock instead of the virtual one.
    #[arg(long = "real-time")]
    real_time: bool,
    /// Time limit per block, in seconds of wall time and of virtual time
    /// [default: 10 s of wall time, 365 days of virtual time].
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<f64>,
    /// Memory each block may allocate, in megabytes: past it the block
    /// ends in MemoryError (verdict exception) and the next ones still run.
    #[arg(long = "max-memory", value_name = "MB", default_value_t = DEFAULT_MAX_MEMORY_MB)]
    max_memory: f64,
    /// Limit per block on the virtual clock alone, in seconds (overrides
    /// --timeout for virtual time).
    #[arg(long = "virtual-timeout", value_name = "SECONDS")]
    virtual_timeout: Option<f64>,
}

/// A document to check.
pub struct Document {
    /// The path as shown (and as named in tracebacks).
    pub name: String,
    pub path: PathBuf,
    pub text: String,
    pub blocks: Vec<CheckedBlock>,
}

/// The result for one checked block.
pub struct BlockResult {
    pub block: CheckedBlock,
    pub judgement: Judgement,
    pub run: Option<BlockRun>,
    pub elapsed: f64,
}

/// The results of one document.
pub struct DocResult {
    pub doc: Document,
    pub results: Vec<BlockResult>,
}

/// Entry point of `apy check ARGS...`; returns the exit status.
pub fn main(args: &[String]) -> i32 {
    let argv = std::iter::once("apy check".to_owned()).chain(args.iter().cloned());
    let args = match Args::try_parse_from(argv) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    for (flag, value) in [
        ("--timeout", args.timeout),
        ("--virtual-timeout", args.virtual_timeout),
        ("--max-memory", Some(args.max_memory)),
    ] {
        if value.is_some_and(|t| !(t.is_finite() && t > 0.0)) {
            eprintln!("apy check: {flag} must be a positive number of seconds");
            return 2;
        }
    }
    // A file that cannot be read (missing, not UTF-8) is reported and the
    // others are checked all the same; the exit status is then 2.
    let (docs, errors) = match load(&args.paths) {
        Ok(d) => (d, Vec::new()),
        Err((d, errors)) => (d, errors),
    };
    for e in &errors {
        eprintln!("apy check: {e}");
    }
    if docs.is_empty() && !errors.is_empty() {
        return 2;
    }
    // A block runs as a program with no input (the oracle's stdin is
    // empty): `input()` meets EOF, as it would under CPython.
    crate::builtins::functions::set_stdin_use(crate::builtins::functions::StdinUse::Exhausted);
    let status = crate::run::on_big_stack(move || run_all(args, docs));
    if errors.is_empty() { status } else { 2 }
}

/// Reads every document named by `paths` (folders recursively); on
/// errors, the documents that could be read and the errors.
pub fn load(paths: &[PathBuf]) -> Result<Vec<Document>, (Vec<Document>, Vec<String>)> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                let before = files.len();
                if let Err(e) = walk(path, &mut files) {
                    errors.push(format!("cannot read folder {}: {e}", path.display()));
                } else if files.len() == before {
                    errors.push(format!(
                        "no Markdown files (*.md) in folder {}",
                        path.display()
                    ));
                }
            }
            Ok(_) => files.push(path.clone()),
            Err(e) => errors.push(format!("cannot read {}: {}", path.display(), io_reason(&e))),
        }
    }
    let mut seen = HashSet::new();
    let mut docs = Vec::new();
    for path in files {
        if !seen.insert(path.clone()) {
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    let blocks = markdown::checked_blocks(&text);
                    docs.push(Document {
                        name: path.display().to_string(),
                        path,
                        text,
                        blocks,
                    });
                }
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                    errors.push(format!(
                        "{} is not valid UTF-8 (byte 0x{:02x} at offset {at}, line {line})",
                        path.display(),
                        e.as_bytes().get(at).copied().unwrap_or(0),
                    ));
                }
            },
            Err(e) => errors.push(format!("cannot read {}: {}", path.display(), io_reason(&e))),
        }
    }
    if errors.is_empty() {
        Ok(docs)
    } else {
        Err((docs, errors))
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Collects `*.md` files under `dir`, sorted, skipping hidden folders.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if path.is_dir() {
            if !hidden {
                walk(&path, out)?;
            }
        } else if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
        {
            out.push(path);
        }
    }
    Ok(())
}

fn settings(args: &Args) -> Settings {
    Settings {
        virtual_time: !args.real_time,
        wall_limit: Duration::try_from_secs_f64(args.timeout.unwrap_or(DEFAULT_WALL_LIMIT)).ok(),
        memory_limit: Some(crate::cli::megabytes(args.max_memory)),
        virtual_limit: Some(
            args.virtual_timeout
                .or(args.timeout)
                .unwrap_or(DEFAULT_VIRTUAL_LIMIT),
        ),
    }
}

/// Seconds in short words: `10 s`, `1.5 s`, `365 days`.
fn seconds_text(secs: f64) -> String {
    if secs >= 86400.0 && (secs / 86400.0).fract() == 0.0 {
        format!("{} days", secs / 86400.0)
    } else if secs >= 3600.0 && (secs / 3600.0).fract() == 0.0 {
        format!("{} h", secs / 3600.0)
    } else {
        format!("{secs} s")
    }
}

/// How the time limit reads in messages.
pub fn limit_text(settings: &Settings) -> String {
    let wall = settings.wall_limit.map(|d| seconds_text(d.as_secs_f64()));
    let virt = settings
        .virtual_limit
        .filter(|_| settings.virtual_time)
        .map(seconds_text);
    match (wall, virt) {
        (Some(w), Some(v)) if w == v => format!("{w} (wall or virtual time)"),
        (Some(w), Some(v)) => format!("{w} of wall time or {v} of virtual time"),
        (Some(w), None) => w,
        (None, Some(v)) => format!("{v} of virtual time"),
        (None, None) => "the time limit".to_owned(),
    }
}

fn run_all(args: Args, docs: Vec<Document>) -> i32 {
    let settings = settings(&args);
    let limit = limit_text(&settings);
    let human = args.format == Format::Human;
    let color = human && report::use_color();
    let width = docs
        .iter()
        .flat_map(|d| {
            d.blocks
                .iter()
                .map(move |b| d.name.chars().count() + 1 + b.block.line.to_string().len())
        })
        .max()
        .unwrap_or(0);
    let mut results = Vec::new();
    let stdout = std::io::stdout();
    for doc in docs {
        let res = check_document(doc, settings, &limit);
        if human {
            let mut out = stdout.lock();
            for r in &res.results {
                let _ = writeln!(out, "{}", report::block_line(&res.doc, r, width, color));
            }
            let _ = out.flush();
        }
        results.push(res);
    }
    let mut status = if results
        .iter()
        .flat_map(|d| &d.results)
        .any(|r| r.judgement.verdict.fails())
    {
        1
    } else {
        0
    };
    let mut updated = Vec::new();
    if args.update {
        for d in &results {
            match update::update_document(d) {
                Ok(Some(n)) => updated.push((d.doc.name.clone(), n)),
                Ok(None) => {}
                Err(e) => {
                    eprintln!("apy check: cannot update {}: {e}", d.doc.name);
                    status = 2;
                }
            }
        }
    }
    match args.format {
        Format::Json => {
            let mut out = stdout.lock();
            let _ = writeln!(out, "{}", json::render(&results));
        }
        Format::Human => {
            let mut out = stdout.lock();
            let _ = write!(out, "{}", report::problems(&results, color));
            for (name, n) in &updated {
                let _ = writeln!(
                    out,
                    "updated {n} expected output{} in {name}",
                    if *n == 1 { "" } else { "s" }
                );
            }
            let _ = writeln!(out, "{}", report::summary(&results, color));
        }
    }
    status
}

/// Checks one document: runs its chains and judges every block.
pub fn check_document(doc: Document, settings: Settings, limit: &str) -> DocResult {
    // Chains: a block, then the `continue` blocks after it.
    let mut chains: Vec<Vec<usize>> = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.block.skip() {
            continue;
        }
        match chains.last_mut() {
            Some(chain) if b.block.cont() => chain.push(i),
            _ => chains.push(vec![i]),
        }
    }
    let reads: Vec<HashSet<String>> = doc.blocks.iter().map(verdict::block_reads).collect();
    let mut slots: Vec<Option<BlockResult>> = (0..doc.blocks.len()).map(|_| None).collect();
    for chain in &chains {
        let blocks: Vec<&CheckedBlock> = chain.iter().map(|&i| &doc.blocks[i]).collect();
        let runs = runner::run_chain(&doc.name, &blocks, None, settings);
        for (k, (&i, run)) in chain.iter().zip(runs).enumerate() {
            let mut later = HashSet::new();
            for &j in &chain[k + 1..] {
                later.extend(reads[j].iter().cloned());
            }
            let block = &doc.blocks[i];
            let mut judgement = verdict::judge(block, &run, &later, &doc.name, limit);
            if judgement.verdict == Verdict::NeverRun
                && let Some(def) = judgement.unused.iter().find(|d| d.no_args)
                && let Some(t) = trial::run_trial(&doc.name, &blocks[..=k], &def.name, settings)
            {
                judgement.help = Some(trial::hint(block, &def.name, &t, limit));
            }
            slots[i] = Some(BlockResult {
                block: block.clone(),
                elapsed: run.elapsed,
                judgement,
                run: Some(run),
            });
        }
    }
    let results = doc
        .blocks
        .iter()
        .zip(slots)
        .map(|(b, slot)| {
            slot.unwrap_or_else(|| BlockResult {
                block: b.clone(),
                judgement: Judgement {
                    verdict: Verdict::Skipped,
                    message: "the block has the `skip` flag".to_owned(),
                    span: None,
                    label: String::new(),
                    help: None,
                    mismatch: None,
                    unused: Vec::new(),
                },
                run: None,
                elapsed: 0.0,
            })
        })
        .collect();
    DocResult { doc, results }
}

/// The kind of a block as JSON shows it.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Pycon => "pycon",
        _ => "python",
    }
}
