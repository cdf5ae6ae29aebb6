//! The conformance corpus as named tests: every `tests/cases/conformance/
//! <category>/NAME.py` is the test `<category>::NAME`, every
//! `tests/cases/apy/NAME.py` (apy's own golden cases) is `apy::NAME`, and
//! every sample program `samples/NAME.apy` is `samples::NAME`.
//!
//! A case runs as `apy [ARGS from NAME.args] /abs/path/NAME.py` with cwd =
//! its folder, stdin = /dev/null and a 10 s timeout, and is judged by the
//! rules of the corpus README (the same as its `run.py`):
//! - `pass`: exit status = `NAME.code` (default 0), stdout = `NAME.out`
//!   byte for byte, and the lines of `NAME.err` (if any) occur in stderr in
//!   order as substrings; with a non-zero expected status the last
//!   non-empty stderr line must also equal the last `.err` line (or just
//!   contain it, when that line is a bare class name such as `SyntaxError`);
//! - `unsupported`: stderr contains `apy::unsupported`, whatever else;
//! - `fail` / `timeout`: anything else.
//!
//! An unsupported case is reported as ignored with its reason and does not
//! fail. A case listed in `tests/conformance_expected_failures.txt` is run
//! too: while it still fails it is reported as ignored ("expected
//! failure"); once it passes the test FAILS until the line is removed, so
//! the list only shrinks honestly. `APY_UPDATE_EXPECTED_FAILURES=1` rewrites
//! the list from the results of the cases that ran (comments at its top are
//! kept); `APY_IGNORE_EXPECTED_FAILURES=1` disregards it, so that listed
//! cases fail with their diff. `--include-ignored` changes no verdict.

#[path = "common/process.rs"]
mod process;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use libtest_mimic::{Arguments, Completion, Failed, Trial};
use process::{APY, Ending};

const TIMEOUT: Duration = Duration::from_secs(10);
const EXPECTED_FAILURES: &str = "tests/conformance_expected_failures.txt";
const UPDATE_VAR: &str = "APY_UPDATE_EXPECTED_FAILURES";
const IGNORE_LIST_VAR: &str = "APY_IGNORE_EXPECTED_FAILURES";
const UNSUPPORTED_MARK: &[u8] = b"apy::unsupported";

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases = discover(root);
    let list_path = root.join(EXPECTED_FAILURES);
    let expected = ExpectedFailures::load(&list_path);
    let use_list = std::env::var_os(IGNORE_LIST_VAR).is_none();
    let results: Results = Arc::default();
    let updating = std::env::var_os(UPDATE_VAR).is_some();

    let mut trials: Vec<Trial> = cases
        .iter()
        .map(|case| {
            let case = case.clone();
            let listed = use_list && expected.ids.contains(&case.id);
            let results = results.clone();
            Trial::ignorable_test(case.id.clone(), move || {
                let verdict = run_case(&case);
                let status = verdict.status();
                results.lock().unwrap().insert(case.id.clone(), status);
                // While the list is rewritten from these results, every
                // failure counts as listed and no pass does.
                let listed = if updating {
                    status != Status::Pass
                } else {
                    listed
                };
                judge(&case, verdict, listed)
            })
        })
        .collect();
    let known: BTreeSet<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    let stale: Vec<String> = expected
        .ids
        .iter()
        .filter(|id| !known.contains(id.as_str()))
        .cloned()
        .collect();
    trials.push(Trial::test(
        "expected_failures_list_names_existing_cases",
        move || {
            if stale.is_empty() || updating {
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

    let conclusion = libtest_mimic::run(&args, trials);
    let results = results.lock().unwrap();
    if !results.is_empty() {
        print_summary(&results);
    }
    if updating {
        expected.update(&list_path, &results, &known);
    }
    conclusion.exit();
}

/// One case of the corpus.
#[derive(Clone, Debug)]
struct Case {
    /// `category::name`, the test's name.
    id: String,
    dir: PathBuf,
    name: String,
    /// The program's extension: `.py`, or `.apy` for the samples.
    ext: &'static str,
}

impl Case {
    fn path(&self, ext: &str) -> PathBuf {
        self.dir.join(format!("{}{ext}", self.name))
    }

    fn read(&self, ext: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(ext)).ok()
    }

    /// `.code`: the expected exit status (default 0).
    fn expected_code(&self) -> Result<i32, String> {
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

    /// `.args`: extra interpreter arguments, the first line shell-split.
    fn extra_args(&self) -> Result<Vec<String>, String> {
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
    fn err_lines(&self) -> Option<Vec<String>> {
        let bytes = self.read(".err")?;
        let text = String::from_utf8_lossy(&bytes);
        Some(non_blank_lines(&text))
    }
}

/// Finds the cases, sorted by id: `conformance/<category>/NAME.py` and
/// `apy/NAME.py` under `tests/cases/`, and `samples/NAME.apy`.
fn discover(root: &Path) -> Vec<Case> {
    let cases_dir = root.join("tests/cases");
    let mut folders = vec![];
    for category in sorted_entries(&cases_dir.join("conformance")) {
        let dir = cases_dir.join("conformance").join(&category);
        if dir.is_dir() {
            folders.push((category, dir, ".py"));
        }
    }
    folders.push(("apy".to_owned(), cases_dir.join("apy"), ".py"));
    folders.push(("samples".to_owned(), root.join("samples"), ".apy"));
    let mut cases = vec![];
    for (category, dir, ext) in folders {
        for file in sorted_entries(&dir) {
            if let Some(name) = file.strip_suffix(ext) {
                cases.push(Case {
                    id: format!("{category}::{name}"),
                    dir: dir.clone(),
                    name: name.to_owned(),
                    ext,
                });
            }
        }
    }
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    cases
}

/// Names in `dir` that do not start with `.` or `_`, sorted; none if `dir`
/// does not exist.
fn sorted_entries(dir: &Path) -> Vec<String> {
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

/// The outcome of running one case.
enum Verdict {
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
enum Status {
    Pass,
    Fail,
    Timeout,
    Unsupported,
}

impl Verdict {
    fn status(&self) -> Status {
        match self {
            Verdict::Pass => Status::Pass,
            Verdict::Fail { .. } => Status::Fail,
            Verdict::Timeout { .. } => Status::Timeout,
            Verdict::Unsupported(_) => Status::Unsupported,
        }
    }
}

fn fail(reason: impl Into<String>) -> Verdict {
    Verdict::Fail {
        reason: reason.into(),
        details: String::new(),
    }
}

/// Runs a case and compares its behaviour with the expected files.
fn run_case(case: &Case) -> Verdict {
    let Some(expected_out) = case.read(".out") else {
        return fail(format!("missing {}.out", case.name));
    };
    let (args, expected_code) = match (case.extra_args(), case.expected_code()) {
        (Ok(a), Ok(c)) => (a, c),
        (Err(e), _) | (_, Err(e)) => return fail(e),
    };
    let err_lines = case.err_lines();
    let mut cmd = Command::new(APY);
    cmd.args(&args)
        .arg(case.path(case.ext))
        .current_dir(&case.dir);
    let run = match process::run(&mut cmd, TIMEOUT) {
        Ok(run) => run,
        Err(e) => return fail(format!("cannot start {APY}: {e}")),
    };
    let command = format!(
        "cd {} && {APY} {}{}{}",
        case.dir.display(),
        args.iter().map(|a| format!("{a} ")).collect::<String>(),
        case.name,
        case.ext
    );
    if run.ending == Ending::TimedOut {
        return Verdict::Timeout {
            details: details(&command, &expected_out, &run.stdout, &run.stderr),
        };
    }
    let code = run.ending.code().unwrap_or_default();
    if contains(&run.stderr, UNSUPPORTED_MARK) {
        let text = String::from_utf8_lossy(&run.stderr);
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
        return Verdict::Unsupported(reason);
    }
    let mut reasons = vec![];
    if code != expected_code {
        reasons.push(format!("exit {code}, expected {expected_code}"));
    }
    if run.stdout != expected_out {
        reasons.push("stdout differs".to_owned());
    }
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
            details: details(&command, &expected_out, &run.stdout, &run.stderr),
        }
    }
}

/// The `.err` rules; `None` if stderr satisfies them, else the reason.
fn check_stderr(err_lines: Option<&[String]>, stderr: &str, expected_code: i32) -> Option<String> {
    let err_lines = err_lines.filter(|l| !l.is_empty())?;
    let mut pos = 0;
    for line in err_lines {
        let needle = py_strip(line);
        match stderr[pos..].find(needle) {
            Some(i) => pos += i + needle.len(),
            None => return Some(format!("stderr lacks {needle:?} (in order)")),
        }
    }
    if expected_code != 0 {
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

/// `^[A-Za-z_][A-Za-z0-9_.]*$`: a class name such as `SyntaxError`.
fn is_bare_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Python's `str.splitlines()`.
fn py_splitlines(text: &str) -> Vec<&str> {
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
fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
}

fn non_blank_lines(text: &str) -> Vec<String> {
    py_splitlines(text)
        .into_iter()
        .filter(|l| !py_strip(l).is_empty())
        .map(str::to_owned)
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// What a failure shows: how to rerun it, the stdout diff (first 40
/// lines) and the tail of stderr (last 10 lines).
fn details(command: &str, expected: &[u8], stdout: &[u8], stderr: &[u8]) -> String {
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

/// Turns a verdict into the test's outcome.
fn judge(case: &Case, verdict: Verdict, listed: bool) -> Result<Completion, Failed> {
    match verdict {
        Verdict::Pass if listed => Err(format!(
            "{} passes now but is listed in {EXPECTED_FAILURES}: remove its line \
             (or rerun with {UPDATE_VAR}=1)",
            case.id
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
            Err(format!("no exit within {}s\n{details}", TIMEOUT.as_secs()).into())
        }
    }
}

type Results = Arc<Mutex<BTreeMap<String, Status>>>;

/// Prints the per-category table of the cases that ran.
fn print_summary(results: &BTreeMap<String, Status>) {
    let mut per_category: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    for (id, status) in results {
        let category = id.split("::").next().unwrap_or_default();
        per_category.entry(category).or_default()[*status as usize] += 1;
    }
    println!("\nconformance  category      pass   fail  timeout  unsupported");
    let mut total = [0; 4];
    for (category, counts) in &per_category {
        println!(
            "conformance  {category:<10} {:>7} {:>6} {:>8} {:>12}",
            counts[0], counts[1], counts[2], counts[3]
        );
        for (t, c) in total.iter_mut().zip(counts) {
            *t += c;
        }
    }
    println!(
        "conformance  {:<10} {:>7} {:>6} {:>8} {:>12}\n",
        "all", total[0], total[1], total[2], total[3]
    );
}

/// `tests/conformance_expected_failures.txt`: one case id per line;
/// blank lines and `#` comments are ignored.
struct ExpectedFailures {
    header: Vec<String>,
    ids: BTreeSet<String>,
}

impl ExpectedFailures {
    fn load(path: &Path) -> Self {
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

    /// Rewrites the list: cases that ran and failed or timed out are in it,
    /// cases that ran and passed or stopped as unsupported are not, cases
    /// that did not run keep their entry (unless they no longer exist).
    fn update(&self, path: &Path, results: &BTreeMap<String, Status>, known: &BTreeSet<&str>) {
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
