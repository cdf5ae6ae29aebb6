//! The hostile suite (`tests/hostile/README.md`): programs and documents
//! that try to escape the sandbox or break the reader, each with the
//! exception or diagnostic expected. Every input is a named test:
//!
//! - `programs::NAME`: `tests/hostile/NAME.py` with its expected files (the
//!   format of `tests/cases`, judged by `tests/common/golden.rs`);
//! - `generated::NAME`: an input made by this file (bad encodings, binary
//!   garbage, huge files), its expected files in `tests/hostile/generated/`;
//! - `check::NAME`: `apy check` on a malformed or huge Markdown document
//!   (`tests/hostile/md/NAME.md`, or generated here), whose verdicts must
//!   be those of `NAME.expect` (made by the doccheck oracle) and after
//!   which `apy check` must go on to the next file;
//! - `cli::NAME`: the command line's own hostile inputs (a missing file, a
//!   directory, arguments that are not UTF-8, a program on stdin).
//!
//! Every program runs in a fresh temporary folder (its cwd) holding a
//! canary file, a canary FIFO (opening it would block: a timeout) and a
//! copy of the program, with a secret in the environment. After the run
//! the folder must hold exactly those, unchanged, and the secret must not
//! appear in the output: no file was read, written or deleted, no
//! environment seen.
//!
//! Cases listed in `tests/hostile/expected_failures.txt` (known bugs, each
//! with the helper it is reported to) are run and reported as ignored
//! while they fail, and fail once they pass, as in the conformance suite.
//! `APY_HOSTILE_EXPORT=DIR cargo test --test hostile -- export` writes the
//! generated inputs to DIR, for `scripts/regen_hostile.sh`.

#[path = "common/golden.rs"]
mod golden;
#[path = "common/process.rs"]
mod process;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use golden::{Case, ExpectedFailures, Ran, Setup, Status, Verdict};
use libtest_mimic::{Arguments, Failed, Trial};
use process::{APY, Ending};

const TIMEOUT: Duration = Duration::from_secs(10);
const EXPECTED_FAILURES: &str = "tests/hostile/expected_failures.txt";
const UPDATE_VAR: &str = "APY_UPDATE_EXPECTED_FAILURES";
const EXPORT_VAR: &str = "APY_HOSTILE_EXPORT";
const SECRET_VAR: &str = "APY_HOSTILE_SECRET";
const CANARY: &str = "canary.txt";
const FIFO: &str = "canary.fifo";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn hostile() -> PathBuf {
    root().join("tests/hostile")
}

fn main() {
    let args = Arguments::from_args();
    let expected = ExpectedFailures::load(&root().join(EXPECTED_FAILURES));
    let updating = std::env::var_os(UPDATE_VAR).is_some();
    let mut trials = Vec::new();
    let mut ids = Vec::new();
    let mut add = |id: String, run: Box<dyn FnOnce() -> Verdict + Send>| {
        let listed = expected.ids.contains(&id);
        ids.push(id.clone());
        let name = id.clone();
        trials.push(Trial::ignorable_test(id, move || {
            let verdict = run();
            let listed = if updating {
                verdict.status() != Status::Pass
            } else {
                listed
            };
            golden::judge(
                &name,
                verdict,
                listed,
                EXPECTED_FAILURES,
                UPDATE_VAR,
                TIMEOUT,
            )
        }));
    };
    for name in names_with(&hostile(), ".py") {
        let case = Case {
            id: format!("programs::{name}"),
            dir: hostile(),
            name: name.clone(),
            ext: ".py",
            extra: &[],
        };
        add(
            case.id.clone(),
            Box::new(move || run_sandboxed(&case, None)),
        );
    }
    for g in GENERATED {
        let case = Case {
            id: format!("generated::{}", g.name),
            dir: hostile().join("generated"),
            name: g.name.to_owned(),
            ext: ".py",
            extra: &[],
        };
        let bytes = g.make;
        add(
            case.id.clone(),
            Box::new(move || run_sandboxed(&case, Some(&bytes()))),
        );
    }
    let md = hostile().join("md");
    for name in names_with(&md, ".md") {
        let path = md.join(format!("{name}.md"));
        add(
            format!("check::{name}"),
            Box::new(move || {
                let text = std::fs::read(&path).unwrap_or_default();
                check_document(&md_case_dir().join(&name), &text)
            }),
        );
    }
    for d in GENERATED_DOCS {
        let make = d.make;
        let name = d.name;
        add(
            format!("check::{name}"),
            Box::new(move || check_document(&md_case_dir().join("generated").join(name), &make())),
        );
    }
    for (name, spec) in CLI {
        add(format!("cli::{name}"), Box::new(spec));
    }
    let known: BTreeSet<&str> = ids.iter().map(String::as_str).collect();
    let stale = expected.stale(&known);
    trials.push(Trial::test(
        "expected_failures_list_names_existing_cases",
        move || {
            if stale.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "{EXPECTED_FAILURES} names cases that do not exist: {}",
                    stale.join(", ")
                )
                .into())
            }
        },
    ));
    trials.push(Trial::test(
        "sandbox_notices_what_a_program_touches",
        sandbox_self_test,
    ));
    trials.push(
        Trial::test("export", export).with_ignored_flag(std::env::var_os(EXPORT_VAR).is_none()),
    );
    libtest_mimic::run(&args, trials).exit();
}

fn md_case_dir() -> PathBuf {
    hostile().join("md")
}

/// The names of the files `*EXT` in `dir` (sorted, without the extension).
fn names_with(dir: &Path, ext: &str) -> Vec<String> {
    golden::sorted_entries(dir)
        .into_iter()
        .filter_map(|f| f.strip_suffix(ext).map(str::to_owned))
        .collect()
}

/// A fresh folder for one run: the canaries and a copy of the program.
struct Sandbox {
    dir: tempfile::TempDir,
    secret: String,
    /// The folder's entries as they must stay: (name, content).
    files: Vec<(String, Vec<u8>)>,
    fifo: bool,
}

impl Sandbox {
    fn new(program_name: &str, program: &[u8]) -> Result<Sandbox, Verdict> {
        let dir = tempfile::tempdir().map_err(|e| golden::fail(format!("no temp dir: {e}")))?;
        let secret = format!(
            "secret-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default()
        );
        let files = vec![
            (CANARY.to_owned(), format!("canary {secret}\n").into_bytes()),
            (program_name.to_owned(), program.to_vec()),
        ];
        for (name, content) in &files {
            std::fs::write(dir.path().join(name), content)
                .map_err(|e| golden::fail(format!("cannot write {name}: {e}")))?;
        }
        let fifo = Command::new("mkfifo")
            .arg(dir.path().join(FIFO))
            .status()
            .is_ok_and(|s| s.success());
        Ok(Sandbox {
            dir,
            secret,
            files,
            fifo,
        })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Adds a file the run must leave as it is.
    fn add(&mut self, name: &str, content: &[u8]) -> Result<(), Verdict> {
        std::fs::write(self.path().join(name), content)
            .map_err(|e| golden::fail(format!("cannot write {name}: {e}")))?;
        self.files.push((name.to_owned(), content.to_vec()));
        Ok(())
    }

    /// What the program did to the folder or with the secret, if anything.
    fn touched(&self, ran: &Ran) -> Option<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.path())
            .map(|it| {
                it.filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        let mut want: Vec<String> = self.files.iter().map(|(n, _)| n.clone()).collect();
        if self.fifo {
            want.push(FIFO.to_owned());
        }
        want.sort();
        if names != want {
            return Some(format!("the folder now holds {names:?}, not {want:?}"));
        }
        for (name, content) in &self.files {
            if std::fs::read(self.path().join(name)).ok().as_ref() != Some(content) {
                return Some(format!("{name} was changed"));
            }
        }
        let secret = self.secret.as_bytes();
        if golden::contains(&ran.run.stdout, secret) || golden::contains(&ran.run.stderr, secret) {
            return Some("the environment's secret was printed".to_owned());
        }
        None
    }
}

/// Runs a program case in a sandbox (`bytes`: a generated program, else
/// the case's file), judges it by its expected files, then checks that
/// the sandbox is untouched.
fn run_sandboxed(case: &Case, bytes: Option<&[u8]>) -> Verdict {
    let file = format!("{}.py", case.name);
    let program = match bytes {
        Some(b) => b.to_vec(),
        None => match case.read(".py") {
            Some(b) => b,
            None => return golden::fail(format!("missing {file}")),
        },
    };
    let sandbox = match Sandbox::new(&file, &program) {
        Ok(s) => s,
        Err(v) => return v,
    };
    let program_path = PathBuf::from(&file);
    let state = sandbox.path().join("state");
    let env = [
        (SECRET_VAR, sandbox.secret.as_str()),
        ("XDG_STATE_HOME", state.to_str().unwrap_or("/nonexistent")),
        ("NO_COLOR", "1"),
    ];
    let setup = Setup {
        cwd: Some(sandbox.path()),
        program: Some(&program_path),
        env: &env,
        timeout: TIMEOUT,
        unsupported_is_verdict: false,
    };
    let ran = match golden::run(case, &setup) {
        Ok(r) => r,
        Err(v) => return v,
    };
    if let Some(what) = sandbox.touched(&ran) {
        return golden::fail(format!("the sandbox was touched: {what}"));
    }
    golden::judge_run(case, &setup, &ran)
}

/// `apy check --format json DOC.md _sentinel.md`: DOC's verdicts must be
/// `CASE.expect`'s (`LINE VERDICT` lines); or, if there is `CASE.code`
/// instead, the exit status is that and stderr holds `CASE.err`'s lines.
/// Either way apy must not panic and must go on to check the sentinel.
fn check_document(case: &Path, text: &[u8]) -> Verdict {
    let name = case
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("doc")
        .to_owned();
    let doc = format!("{name}.md");
    let sentinel = std::fs::read(md_case_dir().join("_sentinel.md")).unwrap_or_default();
    let mut sandbox = match Sandbox::new(&doc, text) {
        Ok(s) => s,
        Err(v) => return v,
    };
    if let Err(v) = sandbox.add("sentinel.md", &sentinel) {
        return v;
    }
    let mut cmd = Command::new(APY);
    cmd.args(["check", "--format", "json", &doc, "sentinel.md"])
        .current_dir(sandbox.path())
        .env("NO_COLOR", "1");
    let run = match process::run(&mut cmd, TIMEOUT) {
        Ok(r) => r,
        Err(e) => return golden::fail(format!("cannot start apy: {e}")),
    };
    let command = format!(
        "cd {} && {APY} check --format json {doc} sentinel.md",
        sandbox.path().display()
    );
    let ran = Ran {
        run,
        command: command.clone(),
    };
    if let Some(what) = sandbox.touched(&ran) {
        return golden::fail(format!("the sandbox was touched: {what}"));
    }
    let run = ran.run;
    let show = |reason: String| Verdict::Fail {
        reason,
        details: golden::details(&command, b"", &[], &run.stderr),
    };
    if run.ending == Ending::TimedOut {
        return Verdict::Timeout {
            details: golden::details(&command, b"", &[], &run.stderr),
        };
    }
    if golden::contains(&run.stderr, b"panicked at") {
        return show("apy panicked".to_owned());
    }
    let code = run.ending.code().unwrap_or(-1);
    let results: serde_json::Value = match serde_json::from_slice(&run.stdout) {
        Ok(v) => v,
        Err(e) => return show(format!("no JSON on stdout ({e}); exit {code}")),
    };
    let verdicts = |file: &str| -> Vec<String> {
        results
            .as_array()
            .into_iter()
            .flatten()
            .filter(|b| b["file"].as_str() == Some(file))
            .map(|b| format!("{} {}", b["line"], b["verdict"].as_str().unwrap_or("?")))
            .collect()
    };
    if verdicts("sentinel.md") != ["3 ok"] {
        return show(format!(
            "apy check did not go on to the next file: {:?}",
            verdicts("sentinel.md")
        ));
    }
    let expect = std::fs::read_to_string(case.with_extension("expect")).ok();
    let code_file = std::fs::read_to_string(case.with_extension("code")).ok();
    match (expect, code_file) {
        (Some(expect), _) => {
            let want: Vec<String> = expect
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|l| l.trim().to_owned())
                .collect();
            let got = verdicts(&doc);
            if got != want {
                return show(format!("verdicts {got:?}, expected {want:?}"));
            }
            if !matches!(code, 0 | 1) {
                return show(format!("exit {code}, expected 0 or 1"));
            }
            Verdict::Pass
        }
        (None, Some(code_text)) => {
            let want: i32 = code_text.trim().parse().unwrap_or(-1);
            if code != want {
                return show(format!("exit {code}, expected {want}"));
            }
            let err = std::fs::read_to_string(case.with_extension("err")).unwrap_or_default();
            let stderr = String::from_utf8_lossy(&run.stderr);
            match golden::check_stderr(Some(&golden::non_blank_lines(&err)), &stderr, 0) {
                Some(why) => show(why),
                None => Verdict::Pass,
            }
        }
        (None, None) => golden::fail(format!("{} has neither .expect nor .code", case.display())),
    }
}

/// The sandbox check is not vacuous: a deleted canary, a new file, a
/// changed program and a printed secret are all noticed.
fn sandbox_self_test() -> Result<(), Failed> {
    let quiet = |stdout: &[u8]| Ran {
        run: process::Output {
            ending: Ending::Exited(0),
            stdout: stdout.to_vec(),
            stderr: Vec::new(),
        },
        command: String::new(),
    };
    type Tamper = fn(&Path);
    let tamper: [(&str, Tamper); 3] = [
        ("a deleted canary", |d| {
            let _ = std::fs::remove_file(d.join(CANARY));
        }),
        ("a new file", |d| {
            let _ = std::fs::write(d.join("pwned.txt"), "x");
        }),
        ("a changed program", |d| {
            let _ = std::fs::write(d.join("p.py"), "changed");
        }),
    ];
    for (what, act) in tamper {
        let sandbox = Sandbox::new("p.py", b"pass\n").map_err(|_| "no sandbox")?;
        if sandbox.touched(&quiet(b"")).is_some() {
            return Err("an untouched sandbox counts as touched".into());
        }
        act(sandbox.path());
        if sandbox.touched(&quiet(b"")).is_none() {
            return Err(format!("{what} went unnoticed").into());
        }
    }
    let sandbox = Sandbox::new("p.py", b"pass\n").map_err(|_| "no sandbox")?;
    if sandbox.touched(&quiet(sandbox.secret.as_bytes())).is_none() {
        return Err("a printed secret went unnoticed".into());
    }
    Ok(())
}

/// A generated program: its name and its bytes.
struct Generated {
    name: &'static str,
    make: fn() -> Vec<u8>,
}

/// Deterministic pseudo-random bytes (a 64-bit LCG), so that generated
/// garbage is the same everywhere.
fn garbage(len: usize, seed: u64, ascii: bool) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let b = (x >> 33) as u8;
            if ascii { b' ' + b % 95 } else { b }
        })
        .collect()
}

fn text(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

const GENERATED: &[Generated] = &[
    Generated {
        name: "invalid_utf8",
        make: || b"x = 1\ny = '\xff'\nprint(y)\n".to_vec(),
    },
    Generated {
        name: "invalid_utf8_after_lone_cr",
        make: || b"x = 1\ry = 2\r'\xff'\n".to_vec(),
    },
    Generated {
        name: "invalid_utf8_in_comment",
        make: || b"# caf\xe9\nprint(1)\n".to_vec(),
    },
    Generated {
        name: "truncated_utf8_at_end",
        make: || b"print('a')\n\xc3".to_vec(),
    },
    Generated {
        name: "utf8_encoded_surrogate",
        make: || b"x = '\xed\xa0\x80'\n".to_vec(),
    },
    Generated {
        name: "overlong_utf8",
        make: || b"x = '\xc0\xaf'\n".to_vec(),
    },
    Generated {
        name: "nul_byte",
        make: || b"x = 1\x00\nprint(x)\n".to_vec(),
    },
    Generated {
        name: "nul_after_syntax_error",
        make: || b"x = = 1\ny = 2\x00\n".to_vec(),
    },
    Generated {
        name: "nul_in_string",
        make: || b"print('a\x00b')\n".to_vec(),
    },
    Generated {
        name: "bom",
        make: || b"\xef\xbb\xbfprint('bom')\n".to_vec(),
    },
    Generated {
        name: "bom_only",
        make: || b"\xef\xbb\xbf".to_vec(),
    },
    Generated {
        name: "bom_utf8_cookie",
        make: || b"\xef\xbb\xbf# coding: utf-8\nprint('ok')\n".to_vec(),
    },
    Generated {
        name: "bom_latin1_cookie",
        make: || b"\xef\xbb\xbf# -*- coding: latin-1 -*-\nprint(1)\n".to_vec(),
    },
    Generated {
        name: "bom_in_the_middle",
        make: || b"print(1)\n\xef\xbb\xbfprint(2)\n".to_vec(),
    },
    Generated {
        name: "latin1_cookie",
        make: || b"# -*- coding: latin-1 -*-\nprint('caf\xe9', len('\xe9\xe8'))\n".to_vec(),
    },
    Generated {
        name: "latin1_cookie_line2",
        make: || {
            b"#!/usr/bin/env python3\n# vim: set fileencoding=iso-8859-1 :\nprint('\xe9')\n"
                .to_vec()
        },
    },
    Generated {
        name: "cookie_after_code_ignored",
        make: || b"print(1)\n# coding: latin-1\nprint('\xe9')\n".to_vec(),
    },
    Generated {
        name: "cookie_cp1252",
        make: || b"# coding: cp1252\nprint('\x80')\n".to_vec(),
    },
    Generated {
        name: "crlf",
        make: || text("x = 1\r\nif x:\r\n    print('crlf')\r\n"),
    },
    Generated {
        name: "lone_cr",
        make: || text("x = 1\rif x:\r    print('cr', x)\r"),
    },
    Generated {
        name: "mixed_line_endings",
        make: || text("a = 1\nb = 2\r\nc = 3\rprint(a, b, c)\n"),
    },
    Generated {
        name: "form_feed",
        make: || text("\x0cx = 1\n\x0cif x:\n\x0c    print('ff')\n"),
    },
    Generated {
        name: "empty",
        make: Vec::new,
    },
    Generated {
        name: "random_bytes",
        make: || garbage(65536, 7, false),
    },
    Generated {
        name: "random_ascii",
        make: || garbage(65536, 11, true),
    },
    Generated {
        name: "huge_file_50mb",
        make: || {
            let line = format!("# {}\n", "a".repeat(97));
            let mut s = line.repeat(500_000);
            s.push_str("print('end of a 50 MB file')\n");
            s.into_bytes()
        },
    },
    Generated {
        name: "long_line_10mb",
        make: || format!("x = '{}'\nprint(len(x))\n", "a".repeat(10_000_000)).into_bytes(),
    },
    Generated {
        name: "million_lines",
        make: || {
            let mut s = String::from("x = 0\n");
            for i in 0..1_000_000 {
                s.push_str(if i % 10 == 0 {
                    "x += 1\n"
                } else {
                    "# comment\n"
                });
            }
            s.push_str("print(x)\n");
            s.into_bytes()
        },
    },
    Generated {
        name: "long_identifier",
        make: || {
            let name = "n".repeat(1_000_000);
            format!("{name} = 42\nprint({name} + 1)\n").into_bytes()
        },
    },
    Generated {
        name: "nested_parens_199",
        make: || format!("print({}1{})\n", "(".repeat(198), ")".repeat(198)).into_bytes(),
    },
    Generated {
        name: "nested_parens_10000",
        make: || format!("x = {}1{}\n", "(".repeat(10_000), ")".repeat(10_000)).into_bytes(),
    },
    Generated {
        name: "deep_indentation",
        make: || {
            let mut s = String::new();
            for depth in 0..120 {
                s.push_str(&" ".repeat(depth));
                s.push_str("if True:\n");
            }
            s.push_str(&" ".repeat(120));
            s.push_str("print('deep')\n");
            s.into_bytes()
        },
    },
    Generated {
        name: "int_literal_4301_digits",
        make: || format!("x = {}\nprint('unreachable')\n", "1".repeat(4301)).into_bytes(),
    },
    Generated {
        name: "int_literal_4300_digits",
        make: || format!("x = {}\nprint(len(str(x)))\n", "1".repeat(4300)).into_bytes(),
    },
];

/// A generated Markdown document.
struct GeneratedDoc {
    name: &'static str,
    make: fn() -> Vec<u8>,
}

const GENERATED_DOCS: &[GeneratedDoc] = &[
    GeneratedDoc {
        name: "many_blocks",
        make: || {
            let mut s = String::new();
            for i in 0..2000 {
                s.push_str(&format!(
                    "```python\nprint({i})\n```\n\n```output\n{i}\n```\n\n"
                ));
            }
            s.into_bytes()
        },
    },
    GeneratedDoc {
        name: "huge_document_20mb",
        make: || {
            let para = format!("{}\n\n", "lorem ipsum dolor sit amet ".repeat(40));
            let mut s = format!("# Big\n\n{}", para.repeat(18_000));
            s.push_str("```python\nprint('end')\n```\n");
            s.into_bytes()
        },
    },
    GeneratedDoc {
        name: "binary_garbage",
        make: || garbage(200_000, 3, false),
    },
    GeneratedDoc {
        name: "ascii_garbage",
        make: || garbage(200_000, 5, true),
    },
    GeneratedDoc {
        name: "not_utf8",
        make: || b"# caf\xe9\n\n```python\nprint(1)\n```\n".to_vec(),
    },
    GeneratedDoc {
        name: "deeply_nested_lists",
        make: || {
            let mut s = String::new();
            for i in 0..3000 {
                s.push_str(&"  ".repeat(i));
                s.push_str("- item\n");
            }
            s.push_str("\n```python\nprint('after the lists')\n```\n");
            s.into_bytes()
        },
    },
    GeneratedDoc {
        name: "deeply_nested_quotes",
        make: || {
            format!(
                "{} quote\n\n```python\nprint('after the quote')\n```\n",
                ">".repeat(100_000)
            )
            .into_bytes()
        },
    },
    GeneratedDoc {
        name: "quote_staircase",
        make: || {
            (0..3000)
                .map(|i| format!("{} q\n", ">".repeat(i)))
                .collect::<String>()
                .into_bytes()
        },
    },
    GeneratedDoc {
        name: "brackets_and_emphasis",
        make: || {
            let mut s = format!("{}x{}\n\n", "[".repeat(100_000), "]".repeat(100_000));
            s.push_str(&"*a **b ".repeat(30_000));
            s.push_str("\n\n");
            s.push_str(&"[a](".repeat(30_000));
            s.push_str("\n\n```python\nprint('after')\n```\n");
            s.into_bytes()
        },
    },
    GeneratedDoc {
        name: "fence_lines_only",
        make: || "```\n".repeat(100_001).into_bytes(),
    },
    GeneratedDoc {
        name: "crlf_document",
        make: || text("```python\r\nprint('crlf')\r\n```\r\n\r\n```output\r\ncrlf\r\n```\r\n"),
    },
    GeneratedDoc {
        name: "bom_document",
        make: || text("\u{feff}```python\nprint('bom')\n```\n"),
    },
    GeneratedDoc {
        name: "nul_in_block",
        make: || b"# nul\n\n```python\nprint(1)\x00\n```\n".to_vec(),
    },
    GeneratedDoc {
        name: "block_deeply_nested_brackets",
        make: || {
            format!(
                "```python\nx = {}{}\nprint(1)\n```\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
            .into_bytes()
        },
    },
    GeneratedDoc {
        name: "pycon_deep_parens",
        make: || format!("```pycon\n>>> {}\n```\n", "(".repeat(100_000)).into_bytes(),
    },
    GeneratedDoc {
        name: "block_with_5mb_line",
        make: || format!("```python\nprint(len('{}'))\n```\n", "a".repeat(5_000_000)).into_bytes(),
    },
];

/// Writes the generated programs to `$APY_HOSTILE_EXPORT/NAME.py` and the
/// generated documents to `$APY_HOSTILE_EXPORT/md/NAME.md`.
fn export() -> Result<(), Failed> {
    let Some(dir) = std::env::var_os(EXPORT_VAR) else {
        return Ok(());
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(dir.join("md")).map_err(|e| e.to_string())?;
    for g in GENERATED {
        std::fs::write(dir.join(format!("{}.py", g.name)), (g.make)())
            .map_err(|e| e.to_string())?;
    }
    for d in GENERATED_DOCS {
        std::fs::write(dir.join("md").join(format!("{}.md", d.name)), (d.make)())
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Runs `apy ARGS` (stdin from `input`, cwd a sandbox); returns the run.
fn apy_cli(
    args: &[&std::ffi::OsStr],
    env: &[(&str, &str)],
    input: &[u8],
) -> Result<(Ending, Vec<u8>, Vec<u8>), Verdict> {
    let dir = tempfile::tempdir().map_err(|e| golden::fail(e.to_string()))?;
    let mut child = Command::new(APY)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| golden::fail(e.to_string()))?;
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        let _ = stdin.write_all(input);
    }
    let out = child
        .wait_with_output()
        .map_err(|e| golden::fail(e.to_string()))?;
    let ending = match out.status.code() {
        Some(c) => Ending::Exited(c),
        None => Ending::Signalled(0),
    };
    Ok((ending, out.stdout, out.stderr))
}

/// Judges a command-line run: the status, stdout, and the stderr lines
/// in order (CPython's words, from the `python3` runs quoted beside).
fn expect_cli(
    args: &[&std::ffi::OsStr],
    input: &[u8],
    status: i32,
    stdout: &str,
    stderr_lines: &[&str],
) -> Verdict {
    expect_cli_env(args, &[], input, status, stdout, stderr_lines)
}

/// [`expect_cli`] with extra environment variables.
fn expect_cli_env(
    args: &[&std::ffi::OsStr],
    env: &[(&str, &str)],
    input: &[u8],
    status: i32,
    stdout: &str,
    stderr_lines: &[&str],
) -> Verdict {
    let (ending, out, err) = match apy_cli(args, env, input) {
        Ok(r) => r,
        Err(v) => return v,
    };
    let command = format!("apy {:?}", args);
    let fail = |reason: String| Verdict::Fail {
        reason,
        details: golden::details(&command, stdout.as_bytes(), &out, &err),
    };
    if golden::contains(&err, b"panicked at") {
        return fail("apy panicked".to_owned());
    }
    if ending != Ending::Exited(status) {
        return fail(format!("{ending:?}, expected exit {status}"));
    }
    if out != stdout.as_bytes() {
        return fail("stdout differs".to_owned());
    }
    let lines: Vec<String> = stderr_lines.iter().map(|l| l.to_string()).collect();
    match golden::check_stderr(Some(&lines), &String::from_utf8_lossy(&err), 0) {
        Some(why) => fail(why),
        None => Verdict::Pass,
    }
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

fn os_bytes(b: &[u8]) -> &std::ffi::OsStr {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::OsStr::from_bytes(b)
}

type CliSpec = fn() -> Verdict;

/// The command line's hostile inputs. The expected words are CPython
/// 3.11.7's for the same command (`python3` in place of `apy`).
const CLI: &[(&str, CliSpec)] = &[
    ("missing_file", || {
        // python3: can't open file '/nonexistent/x.py': [Errno 2] No such file or directory
        expect_cli(
            &[os("/nonexistent/x.py")],
            b"",
            2,
            "",
            &["apy: can't open file '/nonexistent/x.py': [Errno 2] No such file or directory"],
        )
    }),
    ("directory_without_main", || {
        // python3: can't find '__main__' module in '/'
        expect_cli(
            &[os("/")],
            b"",
            1,
            "",
            &["apy: can't find '__main__' module in '/'"],
        )
    }),
    ("command_not_utf8", || {
        expect_cli(
            &[os("-c"), os_bytes(b"x = 1\ny = \"\xff\"\n")],
            b"",
            1,
            "",
            &[
                "Unable to decode the command from the command line:",
                "UnicodeEncodeError: 'utf-8' codec can't encode character '\\udcff' in position 11: surrogates not allowed",
            ],
        )
    }),
    ("argument_not_utf8", || {
        expect_cli(
            &[os("-c"), os("print(1)"), os_bytes(b"\xff")],
            b"",
            2,
            "",
            &[
                "apy::unsupported",
                "a command-line argument that is not UTF-8",
            ],
        )
    }),
    ("stdin_program_not_utf8", || {
        expect_cli(
            &[],
            b"x = 1\ny = '\xff'\n",
            1,
            "",
            &[
                "SyntaxError: Non-UTF-8 code starting with '\\xff' in file <stdin> on line 2, but no encoding declared; see https://peps.python.org/pep-0263/ for details",
            ],
        )
    }),
    ("stdin_program_nul", || {
        expect_cli(
            &[],
            b"x = 1\x00\n",
            1,
            "",
            &["SyntaxError: source code cannot contain null bytes"],
        )
    }),
    ("stdin_program_input_meets_eof", || {
        // The program is all of stdin: input() has nothing left to read.
        expect_cli(
            &[os("-")],
            b"x = input()\nprint('got', x)\nhello\n",
            1,
            "",
            &["EOFError: EOF when reading a line"],
        )
    }),
    ("time_zone_is_not_read_from_the_environment", || {
        // TZ is the environment, which programs do not see: CPython would
        // print ('APYSECRET', 'APYSECRET'), apy must refuse instead.
        expect_cli_env(
            &[os("-c"), os("import time\nprint(time.tzname)")],
            &[("TZ", "APYSECRET-3")],
            b"",
            2,
            "",
            &["apy::unsupported"],
        )
    }),
    ("input_reads_stdin", || {
        expect_cli(
            &[os("-c"), os("print(repr(input('> ')), repr(input()))")],
            b"first line\r\nsecond\n",
            0,
            "> 'first line\\r' 'second'\n",
            &[],
        )
    }),
];
