//! Replays `tests/data/str_cases.txt` (generated from CPython 3.11 by
//! `scripts/gen_str_cases.py`): each expression runs through the `apy`
//! binary, and `repr()` of its value (or `!Type: message` of its
//! exception) must equal CPython's answer exactly.

use std::io::Write;
use std::process::{Command, Stdio};

/// Cases per interpreter run.
const CHUNK: usize = 1500;

const PRELUDE: &str = "\
def __t(f):
    try:
        return repr(f())
    except Exception as e:
        return '!' + type(e).__name__ + ': ' + str(e)
";

struct Case<'a> {
    line: usize,
    expr: &'a str,
    expected: &'a str,
}

/// Runs `cases` in one program; returns the output lines and stderr.
fn run(cases: &[Case]) -> (Vec<String>, String) {
    let mut program = String::from(PRELUDE);
    for c in cases {
        program.push_str("print(__t(lambda: ");
        program.push_str(c.expr);
        // Flushed, so the output ends exactly where a crash happens.
        program.push_str("), flush=True)\n");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_apy"))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("apy runs");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || {
        // A crashing interpreter may close its stdin early.
        let _ = stdin.write_all(program.as_bytes());
    });
    let out = child.wait_with_output().expect("apy finishes");
    let _ = writer.join();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines = stdout.lines().map(str::to_owned).collect();
    (lines, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// Runs `cases`, recording every disagreement. A program that stops early
/// is resumed after the case it stopped at; one that stops before any
/// output (a compile-time error) is bisected to find the culprit.
fn check(cases: &[Case], failures: &mut Vec<String>) {
    let (got, stderr) = run(cases);
    for (c, g) in cases.iter().zip(&got) {
        if g != c.expected {
            failures.push(format!(
                "line {}: {}\n   expected: {}\n        got: {}",
                c.line, c.expr, c.expected, g
            ));
        }
    }
    if got.len() >= cases.len() {
        return;
    }
    if got.is_empty() && cases.len() > 1 {
        let (a, b) = cases.split_at(cases.len() / 2);
        check(a, failures);
        check(b, failures);
        return;
    }
    let c = &cases[got.len()];
    let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
    failures.push(format!(
        "line {}: {}\n   expected: {}\n    stopped: {}",
        c.line,
        c.expr,
        c.expected,
        tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
    ));
    check(&cases[got.len() + 1..], failures);
}

#[test]
fn str_cases_match_cpython() {
    let data = include_str!("data/str_cases.txt");
    let cases: Vec<Case> = data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        .map(|(i, l)| {
            let (expr, expected) = l.split_once('\t').expect("EXPR<TAB>RESULT");
            Case {
                line: i + 1,
                expr,
                expected,
            }
        })
        .collect();
    let mut failures = Vec::new();
    for chunk in cases.chunks(CHUNK) {
        check(chunk, &mut failures);
    }
    let total = cases.len();
    if !failures.is_empty() {
        for f in failures.iter().take(60) {
            eprintln!("{f}");
        }
        panic!(
            "{} of {total} str cases differ from CPython",
            failures.len()
        );
    }
    eprintln!("{total} str cases agree with CPython");
}
