//! Every example in `grammar/python.ebnf` (the `# e.g.` lines, with `↵`
//! for a line break) parses, to the same tree as CPython's. The hashes of
//! CPython's trees are in `tests/data/grammar_examples.fnv`; after editing
//! the grammar, run `python3 scripts/gen_expectations.py`.

mod common;

use std::collections::HashMap;

use apy::parser::{dump::dump_module, parse_module};
use common::*;

fn examples() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar/python.ebnf");
    read(&path)
        .lines()
        .filter_map(|l| l.strip_prefix("# e.g. "))
        .map(|e| format!("{}\n", e.replace('↵', "\n")))
        .collect()
}

#[test]
fn grammar_examples_parse_like_cpython() {
    let expected: HashMap<String, String> = read(&data("grammar_examples.fnv"))
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(src, hash)| {
            (
                String::from_utf8(unhex(src)).unwrap_or_default(),
                hash.to_string(),
            )
        })
        .collect();
    let examples = examples();
    assert!(examples.len() > 150, "only {} examples", examples.len());
    let mut failures = Vec::new();
    for ex in &examples {
        let Some(want) = expected.get(ex) else {
            failures.push(format!(
                "{ex:?}: not in grammar_examples.fnv (regenerate it)"
            ));
            continue;
        };
        match parse_module(ex) {
            Ok(m) => {
                if &fnv1a(dump_module(&m, ex).as_bytes()) != want {
                    failures.push(format!("{ex:?}: tree differs from CPython's"));
                }
            }
            Err(e) => failures.push(format!("{ex:?}: {e:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
