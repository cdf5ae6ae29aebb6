//! Valid programs parse to the same tree as CPython's.
//!
//! The conformance programs (`tests/cases/conformance/`):
//! `tests/data/programs.fnv` holds a hash of CPython's tree for each, in the dump format of `apy::parser::dump` (positions
//! included). `tests/data/spec/*.py` are small programs covering the
//! grammar, with CPython's full dump next to each (`.ast`). Regenerate with
//! `python3 scripts/gen_expectations.py`; to see a difference, compare
//! `cargo run --example parse_dump -- FILE --ast` with
//! `python3 scripts/ast_dump.py FILE`.

mod common;

use apy::parser::{dump::dump_module, parse_module};
use common::*;

fn dump(path: &std::path::Path) -> Result<String, String> {
    let source = read(path);
    parse_module(&source)
        .map(|m| dump_module(&m, &source))
        .map_err(|e| format!("{}: {e:?}", path.display()))
}

#[test]
fn conformance_programs_parse_like_cpython() {
    let expected = read(&data("programs.fnv"));
    let mut failures = Vec::new();
    let mut count = 0;
    for line in expected.lines() {
        let Some((name, hash)) = line.split_once(' ') else {
            continue;
        };
        count += 1;
        // `core_str_methods.py` is `tests/cases/conformance/core/str_methods.py`.
        let Some((category, file)) = name.split_once('_') else {
            failures.push(format!("{name}: not CATEGORY_NAME.py"));
            continue;
        };
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/cases/conformance")
            .join(category)
            .join(file);
        match dump(&path) {
            Ok(d) if fnv1a(d.as_bytes()) == hash => {}
            Ok(_) => failures.push(format!("{name}: tree differs from CPython's")),
            Err(e) => failures.push(e),
        }
    }
    assert!(
        count > 200,
        "expected the conformance programs, found {count}"
    );
    assert!(
        failures.is_empty(),
        "{} of {count} programs differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn spec_programs_parse_like_cpython() {
    let dir = data("spec");
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("spec dir")
        .flatten()
        .collect();
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.extension().and_then(|e| e.to_str()) != Some("py") {
            continue;
        }
        let want = read(&path.with_extension("ast"));
        match dump(&path) {
            Ok(got) if got == want => {}
            Ok(got) => {
                let line = got.lines().zip(want.lines()).position(|(a, b)| a != b);
                let at = line.unwrap_or_else(|| got.lines().count().min(want.lines().count()));
                failures.push(format!(
                    "{}: differs at dump line {}:\n  apy:     {}\n  CPython: {}",
                    path.display(),
                    at + 1,
                    got.lines().nth(at).unwrap_or("<end>"),
                    want.lines().nth(at).unwrap_or("<end>"),
                ));
            }
            Err(e) => failures.push(e),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
