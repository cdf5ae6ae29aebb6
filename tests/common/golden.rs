//! Golden cases: a program `NAME.py` (or `.apy`) and its expected files,
//! run by the `apy` binary and judged. Shared by `tests/conformance.rs`
//! and `tests/hostile.rs` (included with `#[path]`, next to
//! `common/process.rs`, which it uses as `super::process`).
//!
//! The expected files:
//! - `NAME.out`: stdout, byte for byte;
//! - `NAME.err` (optional): non-blank lines that must occur in stderr, in
//!   order, as substrings; with a non-zero expected status the last
//!   non-empty stderr line must also equal the last `.err` line (or just
//!   contain it, when that line is a bare class name such as
//!   `SyntaxError`, or when the `.err` expects an `apy::unsupported`
//!   diagnostic, whose last line is the frame of its source excerpt);
//! - `NAME.code` (optional): the exit status (default 0);
//! - `NAME.args` (optional): interpreter arguments, the first line
//!   shell-split.
//!
//! A run that panics fails whatever was expected.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use libtest_mimic::{Completion, Failed};

use super::process::{self, APY, Ending};

pub const UNSUPPORTED_MARK: &[u8] = b"apy::unsupported";

/// One golden case.
#[derive(Clone, Debug)]
pub struct Case {
    /// `category::name`, the test's name.
    pub id: String,
    /// The folder of the expected files.
    pub dir: PathBuf,
    pub name: String,
    /// The program's extension: `.py`, or `.apy` for the samples.
    pub ext: &'static str,
    /// Interpreter arguments the harness adds (before the case's own).
    pub extra: &'static [&'static str],
}

impl Case {
    pub fn path(&self, ext: &str) -> PathBuf {
        self.dir.join(format!("{}{ext}", self.name))
    }

    pub fn read(&self, ext: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(ext)).ok()
    }

    /// `.code`: the expected exit status (default 0).
    pub fn expected_code(&self) -> Result<i32, String> {
        match self.read(".code") {
            None => Ok(0),
            Some(bytes) => {
                let text = String::from_utf8_lossy(&bytes);
                let text = py_strip(&text);
                if text.is_empty() {
                    Ok(0)
                } else {
                    text.parse()
                        .map_err(|e| format!("bad {}.code: {e}", self.name))
                }
            }
        }
    }

    /// `.args`: extra interpreter arguments, the first line shell-split,
    /// after the harness's own.
    pub fn extra_args(&self) -> Result<Vec<String>, String> {
        let mut args: Vec<String> = self.extra.iter().map(|a| a.to_string()).collect();
        args.extend(self.case_args()?);
        Ok(args)
    }

    fn case_args(&self) -> Result<Vec<String>, String> {
        let Some(bytes) = self.read(".args") else {
            return Ok(Vec::new());
        };
        let text = String::from_utf8(bytes).map_err(|e| format!("bad {}.args: {e}", self.name))?;
        match py_splitlines(&text).first() {
            None => Ok(Vec::new()),
            Some(line) => shlex::split(line)
                .ok_or_else(|| format!("bad {}.args: unbalanced quotes", self.name)),
        }
    }

    /// `.err`: the non-blank lines that must occur in stderr.
    pub fn err_lines(&self) -> Option<Vec<String>> {
        let bytes = self.read(".err")?;
        let text = String::from_utf8_lossy(&bytes);
        Some(non_blank_lines(&text))
    }
}

/// How a case runs.
pub struct Setup<'a> {
    /// The working directory (the case's folder if `None`).
    pub cwd: Option<&'a Path>,
    /// The program file (the case's `NAME.py` if `None`).
    pub program: Option<&'a Path>,
    /// Extra environment variables.
    pub env: &'a [(&'a str, &'a str)],
    pub timeout: Duration,
    /// A run that stops with `apy::unsupported` is its own verdict (the
    /// corpus: CPython gives a result, apy refuses honestly). Otherwise it
    /// is judged against the expected files like any run (the hostile
    /// suite, where `apy::unsupported` is the expected answer).
    pub unsupported_is_verdict: bool,
}

/// The outcome of running one case.
pub enum Verdict {
    Pass,
    /// Wrong behaviour: why, and what to show.
    Fail {
        reason: String,
        details: String,
    },
    Timeout {
        details: String,
    },
    /// Stopped with `apy::unsupported`: the diagnostic's line.
    Unsupported(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Pass,
    Fail,
    Timeout,
    Unsupported,
}

impl Verdict {
    pub fn status(&self) -> Status {
        match self {
            Verdict::Pass => Status::Pass,
            Verdict::Fail { .. } => Status::Fail,
            Verdict::Timeout { .. } => Status::Timeout,
            Verdict::Unsupported(_) => Status::Unsupported,
        }
    }
}

pub fn fail(reason: impl Into<String>) -> Verdict {
    Verdict::Fail {
        reason: reason.into(),
        details: String::new(),
    }
}

/// What a run of `apy` left: its output, and how to rerun it.
pub struct Ran {
    pub run: process::Output,
    pub command: String,
}

/// Runs a case's program as `apy [ARGS] PROGRAM`.
pub fn run(case: &Case, setup: &Setup) -> Result<Ran, Verdict> {
    let args = case.extra_args().map_err(fail)?;
    let program = setup
        .program
        .map(Path::to_path_buf)
        .unwrap_or_else(|| case.path(case.ext));
    let cwd = setup.cwd.map(Path::to_path_buf).unwrap_or(case.dir.clone());
    let mut cmd = Command::new(APY);
    cmd.args(&args).arg(&program).current_dir(&cwd);
    for (k, v) in setup.env {
        cmd.env(k, v);
    }
    let run = process::run(&mut cmd, setup.timeout)
        .map_err(|e| fail(format!("cannot start {APY}: {e}")))?;
    let command = format!(
        "cd {} && {APY} {}{}",
        cwd.display(),
        args.iter().map(|a| format!("{a} ")).collect::<String>(),
        program.display(),
    );
    Ok(Ran { run, command })
}

/// Runs a case and compares its behaviour with the expected files.
pub fn run_case(case: &Case, setup: &Setup) -> Verdict {
    match run(case, setup) {
        Ok(ran) => judge_run(case, setup, &ran),
        Err(v) => v,
    }
}

/// Judges a finished run against the case's expected files.
pub fn judge_run(case: &Case, setup: &Setup, ran: &Ran) -> Verdict {
    let Some(expected_out) = case.read(".out") else {
        return fail(format!("missing {}.out", case.name));
    };
    let expected_code = match case.expected_code() {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let run = &ran.run;
    let details = || details(&ran.command, &expected_out, &run.stdout, &run.stderr);
    if run.ending == Ending::TimedOut {
        return Verdict::Timeout { details: details() };
    }
    if contains(&run.stderr, b"panicked at") {
        return Verdict::Fail {
            reason: "apy panicked".to_owned(),
            details: details(),
        };
    }
    let code = run.ending.code().unwrap_or_default();
    if setup.unsupported_is_verdict && contains(&run.stderr, UNSUPPORTED_MARK) {
        return Verdict::Unsupported(unsupported_reason(&run.stderr, code));
    }
    let mut reasons = vec![];
    if code != expected_code {
        reasons.push(format!("exit {code}, expected {expected_code}"));
    }
    if run.stdout != expected_out {
        reasons.push("stdout differs".to_owned());
    }
    let err_lines = case.err_lines();
    if let Some(why) = check_stderr(
        err_lines.as_deref(),
        &String::from_utf8_lossy(&run.stderr),
        expected_code,
    ) {
        reasons.push(why);
    }
    if reasons.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail {
            reason: reasons.join("; "),
            details: details(),
        }
    }
}

/// The diagnostic's code line and message, for an unsupported verdict.
fn unsupported_reason(stderr: &[u8], code: i32) -> String {
    let text = String::from_utf8_lossy(stderr);
    let mut reason = py_splitlines(&text)
        .into_iter()
        .find(|l| l.contains("apy::unsupported"))
        .map(|l| py_strip(l).chars().take(200).collect())
        .unwrap_or_default();
    // The diagnostic's first line is just the code; its message follows.
    if let Some(message) = text.lines().find(|l| l.trim_start().starts_with('×')) {
        reason = format!(
            "{reason}: {}",
            message.trim_start().trim_start_matches('×').trim()
        );
    }
    if code != 2 {
        reason += &format!(" [exit {code}, expected 2]");
    }
    reason
}

/// The `.err` rules; `None` if stderr satisfies them, else the reason.
pub fn check_stderr(
    err_lines: Option<&[String]>,
    stderr: &str,
    expected_code: i32,
) -> Option<String> {
    let err_lines = err_lines.filter(|l| !l.is_empty())?;
    // An expected `apy::unsupported` diagnostic is matched with its line
    // breaks and frame characters flattened (miette wraps long messages),
    // and it ends with the frame of its source excerpt, not a message.
    let diagnostic = err_lines
        .first()
        .is_some_and(|l| py_strip(l).starts_with("apy::unsupported"));
    let flat;
    let haystack = if diagnostic {
        flat = flatten(stderr);
        flat.as_str()
    } else {
        stderr
    };
    let mut pos = 0;
    for line in err_lines {
        let needle = if diagnostic {
            flatten(line)
        } else {
            py_strip(line).to_owned()
        };
        match haystack[pos..].find(&needle) {
            Some(i) => pos += i + needle.len(),
            None => return Some(format!("stderr lacks {needle:?} (in order)")),
        }
    }
    if expected_code != 0 && !diagnostic {
        let actual = non_blank_lines(stderr);
        let last_actual = actual.last().map(|l| py_strip(l)).unwrap_or_default();
        let want = py_strip(err_lines.last()?);
        if is_bare_name(want) {
            if !last_actual.contains(want) {
                return Some(format!("last stderr line {last_actual:?} lacks {want:?}"));
            }
        } else if last_actual != want {
            return Some(format!("last stderr line {last_actual:?} != {want:?}"));
        }
    }
    None
}

/// A diagnostic's text with its frame characters dropped and every run of
/// whitespace made one space.
fn flatten(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || "│×╭╰─·┬▲".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ")
}

/// `^[A-Za-z_][A-Za-z0-9_.]*$`: a class name such as `SyntaxError`.
fn is_bare_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Python's `str.splitlines()`.
pub fn py_splitlines(text: &str) -> Vec<&str> {
    let mut lines = vec![];
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        ) {
            lines.push(&text[start..i]);
            start = i + c.len_utf8();
            if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
                chars.next();
                start += 1;
            }
        }
    }
    if start < text.len() {
        lines.push(&text[start..]);
    }
    lines
}

/// Python's `str.strip()` (its whitespace also takes in U+001C..U+001F).
pub fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
}

pub fn non_blank_lines(text: &str) -> Vec<String> {
    py_splitlines(text)
        .into_iter()
        .filter(|l| !py_strip(l).is_empty())
        .map(str::to_owned)
        .collect()
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What a failure shows: how to rerun it, the stdout diff (first 40
/// lines) and the tail of stderr (last 10 lines).
pub fn details(command: &str, expected: &[u8], stdout: &[u8], stderr: &[u8]) -> String {
    let mut out = format!("rerun: {command}\n");
    if expected != stdout {
        let expected = String::from_utf8_lossy(expected);
        let actual = String::from_utf8_lossy(stdout);
        let diff = similar::TextDiff::from_lines(expected.as_ref(), actual.as_ref());
        let diff = diff
            .unified_diff()
            .header("expected stdout", "actual stdout")
            .to_string();
        let lines: Vec<&str> = diff.lines().collect();
        for line in lines.iter().take(40) {
            let _ = writeln!(out, "    {line}");
        }
        if lines.len() > 40 {
            let _ = writeln!(out, "    ... ({} more diff lines)", lines.len() - 40);
        }
    }
    let stderr = String::from_utf8_lossy(stderr);
    let tail: Vec<&str> = stderr.lines().collect();
    if !tail.is_empty() {
        out.push_str("    --- stderr (tail) ---\n");
        for line in &tail[tail.len().saturating_sub(10)..] {
            let _ = writeln!(out, "    {line}");
        }
    }
    out
}

/// Turns a verdict into the test's outcome. `listed`: the case is in the
/// expected-failures list `list` (rewritten with `update_var`=1).
pub fn judge(
    id: &str,
    verdict: Verdict,
    listed: bool,
    list: &str,
    update_var: &str,
    timeout: Duration,
) -> Result<Completion, Failed> {
    match verdict {
        Verdict::Pass if listed => Err(format!(
            "{id} passes now but is listed in {list}: remove its line \
             (or rerun with {update_var}=1)"
        )
        .into()),
        Verdict::Pass => Ok(Completion::Completed),
        Verdict::Unsupported(reason) => {
            Ok(Completion::ignored_with(format!("unsupported: {reason}")))
        }
        Verdict::Fail { reason, .. } if listed => Ok(Completion::ignored_with(format!(
            "expected failure: {reason}"
        ))),
        Verdict::Timeout { .. } if listed => {
            Ok(Completion::ignored_with("expected failure: timeout"))
        }
        Verdict::Fail { reason, details } => Err(format!("{reason}\n{details}").into()),
        Verdict::Timeout { details } => {
            Err(format!("no exit within {}s\n{details}", timeout.as_secs()).into())
        }
    }
}

/// An expected-failures list: one case id per line; blank lines and `#`
/// comments are ignored.
pub struct ExpectedFailures {
    header: Vec<String>,
    pub ids: BTreeSet<String>,
}

impl ExpectedFailures {
    pub fn load(path: &Path) -> Self {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let header = text
            .lines()
            .take_while(|l| l.starts_with('#') || l.trim().is_empty())
            .filter(|l| l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        let ids = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        ExpectedFailures { header, ids }
    }

    /// The listed ids that name no case.
    pub fn stale(&self, known: &BTreeSet<&str>) -> Vec<String> {
        self.ids
            .iter()
            .filter(|id| !known.contains(id.as_str()))
            .cloned()
            .collect()
    }

    /// Rewrites the list: cases that ran and failed or timed out are in it,
    /// cases that ran and passed or stopped as unsupported are not, cases
    /// that did not run keep their entry (unless they no longer exist).
    pub fn update(&self, path: &Path, results: &BTreeMap<String, Status>, known: &BTreeSet<&str>) {
        let mut ids: BTreeSet<String> = self
            .ids
            .iter()
            .filter(|id| known.contains(id.as_str()))
            .cloned()
            .collect();
        for (id, status) in results {
            if matches!(status, Status::Fail | Status::Timeout) {
                ids.insert(id.clone());
            } else {
                ids.remove(id);
            }
        }
        let mut text = String::new();
        for line in &self.header {
            text.push_str(line);
            text.push('\n');
        }
        for id in &ids {
            text.push_str(id);
            text.push('\n');
        }
        match std::fs::write(path, text) {
            Ok(()) => println!("wrote {} ({} expected failures)", path.display(), ids.len()),
            Err(e) => eprintln!("cannot write {}: {e}", path.display()),
        }
    }
}

/// Names in `dir` that do not start with `.` or `_`, sorted; none if `dir`
/// does not exist.
pub fn sorted_entries(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.starts_with(['.', '_']))
        .collect();
    names.sort();
    names
}
