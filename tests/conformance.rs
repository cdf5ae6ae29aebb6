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
//! (The harness is `tests/common/golden.rs`, shared with the hostile suite.)
//! An unsupported case is reported as ignored with its reason and does not
//! fail. A case listed in `tests/conformance_expected_failures.txt` is run
//! too: while it still fails it is reported as ignored ("expected
//! failure"); once it passes the test FAILS until the line is removed, so
//! the list only shrinks honestly. `APY_UPDATE_EXPECTED_FAILURES=1` rewrites
//! the list from the results of the cases that ran (comments at its top are
//! kept); `APY_IGNORE_EXPECTED_FAILURES=1` disregards it, so that listed
//! cases fail with their diff. `--include-ignored` changes no verdict.

#[path = "common/golden.rs"]
mod golden;
#[path = "common/process.rs"]
mod process;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use golden::{Case, ExpectedFailures, Setup, Status, run_case, sorted_entries};
use libtest_mimic::{Arguments, Trial};

const TIMEOUT: Duration = Duration::from_secs(10);
const EXPECTED_FAILURES: &str = "tests/conformance_expected_failures.txt";
const UPDATE_VAR: &str = "APY_UPDATE_EXPECTED_FAILURES";
const IGNORE_LIST_VAR: &str = "APY_IGNORE_EXPECTED_FAILURES";

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
                let setup = Setup {
                    cwd: None,
                    program: None,
                    env: &[],
                    timeout: TIMEOUT,
                    unsupported_is_verdict: true,
                };
                let verdict = run_case(&case, &setup);
                let status = verdict.status();
                results.lock().unwrap().insert(case.id.clone(), status);
                // While the list is rewritten from these results, every
                // failure counts as listed and no pass does.
                let listed = if updating {
                    status != Status::Pass
                } else {
                    listed
                };
                golden::judge(
                    &case.id,
                    verdict,
                    listed,
                    EXPECTED_FAILURES,
                    UPDATE_VAR,
                    TIMEOUT,
                )
            })
        })
        .collect();
    let known: BTreeSet<&str> = cases.iter().map(|c| c.id.as_str()).collect();
    let stale = expected.stale(&known);
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

/// Async cases that cannot run under a virtual clock: a busy loop polling
/// `time.monotonic()` waits for time that only passes for real (CPython's
/// reference virtual clock, `tools/vclock.py`, loops forever on it too).
const REAL_TIME_ONLY: &[&str] = &["mistake_blocking_loop_starves_timer"];

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
                    extra: &[],
                });
                // Every async case must also print under the virtual clock
                // what it prints in real time.
                if category == "async" && !REAL_TIME_ONLY.contains(&name) {
                    cases.push(Case {
                        id: format!("async_virtual::{name}"),
                        dir: dir.clone(),
                        name: name.to_owned(),
                        ext,
                        extra: &["--virtual-time"],
                    });
                }
            }
        }
    }
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    cases
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
