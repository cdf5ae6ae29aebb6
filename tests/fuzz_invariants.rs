//! The fuzz targets' invariants (`fuzz/`), kept in CI in seconds: the
//! project's own programs and documents, mutated by a deterministic
//! generator, go through the same `apy::harness` entry points the fuzzer
//! drives, and every input the fuzzer ever broke apy with is replayed from
//! `tests/fuzz_regressions/<target>/`.
//!
//! - compile: lexer, parser and resolver never panic, and every span lies
//!   on character boundaries inside the source;
//! - run: a whole run under tight limits on the virtual clock ends, with a
//!   result or a Python exception, never a panic or a hang;
//! - check: `apy check` of a document gives every block a verdict.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// Fragments a mutation inserts: the tokens and bytes that stress the
/// lexer, the indentation pass and the evaluator.
const PIECES: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b":",
    b",",
    b"=",
    b"\n",
    b"\n    ",
    b"\t",
    b"\\\n",
    b"'",
    b"\"\"\"",
    b"f'{",
    b"}'",
    b"#",
    b"*",
    b"**",
    b"lambda x: ",
    b"await ",
    b"async ",
    b"yield ",
    b"for x in range(3):",
    b"while True: pass\n",
    b"9**99",
    b"0x",
    b"1e",
    b"_",
    "é".as_bytes(),
    b"\r",
    b"\x0c",
    b"\0",
    b"\xff",
    b"@",
    b":=",
    b"...",
    b"not ",
    b"import ",
    b"del ",
    b"try:",
    b"except* ",
    b"with ",
    b"raise ",
    b"return ",
    b"global x",
    b"nonlocal x",
    b"match x:\n case ",
    b"asyncio.sleep(1e300)",
    b"asyncio.create_task(main())",
    b"\n```\n",
    b"```python\n",
    b"```output\n",
    b">>> ",
    b"... ",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut s = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(s.len() + 1);
        let end = (at + rng.below(6)).min(s.len());
        match rng.below(4) {
            0 => {
                let piece = PIECES[rng.below(PIECES.len())];
                s.splice(at..at, piece.iter().copied());
            }
            1 => {
                s.drain(at..end);
            }
            2 => {
                let piece = PIECES[rng.below(PIECES.len())];
                s.splice(at..end, piece.iter().copied());
            }
            _ => {
                // Duplicate a stretch: repeated lines, deeper nesting.
                let copy = s[at..end].to_vec();
                s.splice(at..at, copy);
            }
        }
    }
    s
}

/// Files under `dir` (recursively) whose name ends in one of `exts`.
fn files(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, exts, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.contains(&e))
        {
            out.push(path);
        }
    }
}

fn corpus(dirs: &[&str], exts: &[&str]) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for d in dirs {
        files(&root.join(d), exts, &mut paths);
    }
    paths.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

type Target = fn(&[u8]) -> Result<(), String>;

/// Runs `target` on each input; the failures, each with its input.
fn failures(target: Target, inputs: Vec<Vec<u8>>) -> Vec<String> {
    with_stack(64, move || {
        std::panic::set_hook(Box::new(|_| {}));
        let mut failed = Vec::new();
        for input in &inputs {
            let outcome = std::panic::catch_unwind(|| target(input));
            let problem = match outcome {
                Ok(Ok(())) => continue,
                Ok(Err(problem)) => problem,
                Err(panic) => format!(
                    "panicked: {}",
                    panic
                        .downcast_ref::<String>()
                        .map(String::as_str)
                        .or_else(|| panic.downcast_ref::<&str>().copied())
                        .unwrap_or("?")
                ),
            };
            failed.push(format!(
                "{problem}\n  input: {:?}",
                String::from_utf8_lossy(input)
            ));
        }
        let _ = std::panic::take_hook();
        failed
    })
}

fn assert_none(failed: Vec<String>) {
    assert!(
        failed.is_empty(),
        "{} inputs broke the invariant:\n{}",
        failed.len(),
        failed[..failed.len().min(10)].join("\n")
    );
}

/// `count` mutants of the corpus, round robin.
fn mutants(corpus: &[Vec<u8>], count: usize, seed: u64) -> Vec<Vec<u8>> {
    let mut rng = Rng(seed);
    (0..count)
        .map(|i| mutate(&mut rng, &corpus[i % corpus.len()]))
        .collect()
}

#[test]
fn compile_invariants_hold_on_mutated_programs() {
    let programs = corpus(&["tests/cases", "tests/hostile", "samples"], &["py", "apy"]);
    let mut inputs = mutants(&programs, 4 * programs.len(), 0x9e37_79b9_7f4a_7c15);
    inputs.extend(programs);
    assert_none(failures(apy::harness::compile_invariants, inputs));
}

#[test]
fn limited_runs_end_on_mutated_programs() {
    let programs = corpus(&["tests/cases/conformance", "samples"], &["py", "apy"]);
    let inputs = mutants(&programs, 400, 0x2545_f491_4f6c_dd1d);
    assert_none(failures(apy::harness::run_limited, inputs));
}

#[test]
fn check_gives_every_block_a_verdict_on_mutated_documents() {
    let docs = corpus(&["tests/doccheck", "tests/hostile/md"], &["md"]);
    let inputs = mutants(&docs, 150, 0xd6e8_feb8_6659_fd93);
    assert_none(failures(apy::harness::check_markdown, inputs));
}

#[test]
fn fuzzer_findings_stay_fixed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let targets: [(&str, Target); 3] = [
        ("compile", apy::harness::compile_invariants),
        ("run", apy::harness::run_limited),
        ("check", apy::harness::check_markdown),
    ];
    for (name, target) in targets {
        let mut paths = Vec::new();
        files(&root.join(name), &["py", "md", "bin"], &mut paths);
        let inputs = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
        assert_none(failures(target, inputs));
    }
}
