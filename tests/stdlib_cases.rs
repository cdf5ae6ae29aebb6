//! Golden tests of the standard-library modules: every program in
//! `tests/cases/stdlib/` runs under the built `apy`, and its stdout, exit
//! status and last stderr line must equal what CPython 3.11 produced
//! (recorded by `scripts/regen_stdlib_cases.py`; no python3 at test time).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn cases_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/stdlib")
}

/// Runs case `name` and compares it with its expected files.
fn check(name: &str) {
    let dir = cases_dir();
    let py = dir.join(format!("{name}.py"));
    let expected_out = std::fs::read(dir.join(format!("{name}.out")))
        .unwrap_or_else(|e| panic!("{name}.out: {e} (run scripts/regen_stdlib_cases.py)"));
    let expected_code: i32 = std::fs::read_to_string(dir.join(format!("{name}.code")))
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let expected_err = std::fs::read_to_string(dir.join(format!("{name}.err")))
        .map(|s| s.trim().to_owned())
        .unwrap_or_default();
    let out = Command::new(env!("CARGO_BIN_EXE_apy"))
        .arg(&py)
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output()
        .expect("cannot run apy");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let last_err = stderr
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_owned();
    let code = out.status.code().unwrap_or(-1);
    let mut problems = Vec::new();
    if out.stdout != expected_out {
        let got = String::from_utf8_lossy(&out.stdout);
        let want = String::from_utf8_lossy(&expected_out);
        let first = got
            .lines()
            .zip(want.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
        problems.push(format!(
            "stdout differs at line {}:\n  apy:     {:?}\n  CPython: {:?}",
            first + 1,
            got.lines().nth(first).unwrap_or("<end>"),
            want.lines().nth(first).unwrap_or("<end>")
        ));
    }
    if code != expected_code {
        problems.push(format!("exit status {code}, expected {expected_code}"));
    }
    if expected_code != 0 && last_err != expected_err {
        problems.push(format!(
            "last stderr line {last_err:?}, expected {expected_err:?}"
        ));
    }
    if !problems.is_empty() {
        panic!("case {name}:\n{}\nstderr tail:\n{}", problems.join("\n"), {
            let lines: Vec<&str> = stderr.lines().collect();
            lines[lines.len().saturating_sub(8)..].join("\n")
        });
    }
}

macro_rules! cases {
    ($($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name));
            }
        )*
        /// Every case file has a test above.
        #[test]
        fn every_case_is_listed() {
            let listed = [$(stringify!($name)),*];
            let mut missing = Vec::new();
            for entry in std::fs::read_dir(cases_dir()).expect("tests/cases/stdlib") {
                let path = entry.expect("dir entry").path();
                if path.extension().is_some_and(|e| e == "py") {
                    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
                    if !listed.contains(&stem.as_str()) {
                        missing.push(stem);
                    }
                }
            }
            assert!(missing.is_empty(), "cases not listed in tests/stdlib_cases.rs: {missing:?}");
        }
    };
}

cases!(
    math_funcs,
    math_errors,
    itertools_basic,
    collections_deque,
    collections_counter,
    collections_dicts,
    collections_namedtuple,
    dataclasses_full,
    contextlib_basic,
    functools_basic,
    operator_string,
    typing_abc_copy,
    enum_basic,
    heapq_bisect_misc,
);
