//! Invalid programs give CPython's error: the same class, message and
//! position (line and character column, as `SyntaxError.lineno/offset`),
//! and the `incomplete` flag where `codeop` says the input could go on.
//!
//! The cases are in `tests/data/syntax_errors.txt`; CPython's answers in
//! `tests/data/syntax_errors.tsv` (regenerate with
//! `python3 scripts/gen_expectations.py`).

mod common;

use apy::errors::CompileError;
use apy::parser::parse_module;
use common::*;

struct Case {
    source: String,
    class: String,
    message: String,
    start: (usize, usize),
    end: Option<(usize, usize)>,
    incomplete: bool,
    flags: Vec<String>,
}

fn cases() -> Vec<Case> {
    let text = read(&data("syntax_errors.tsv"));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 9, "bad row {l}");
            let num = |s: &str| s.parse::<i64>().unwrap_or(-1);
            let (l1, c1, l2, c2) = (num(f[3]), num(f[4]), num(f[5]), num(f[6]));
            Case {
                source: String::from_utf8(unhex(f[0])).expect("utf-8 source"),
                class: f[1].into(),
                message: f[2].into(),
                start: (l1 as usize, c1 as usize),
                end: (c2 > 0 && (l2, c2) >= (l1, c1)).then_some((l2 as usize, c2 as usize)),
                incomplete: f[7] == "1",
                flags: f[8].split(',').map(String::from).collect(),
            }
        })
        .collect()
}

fn check(case: &Case) -> Result<(), String> {
    let got = parse_module(&case.source);
    let err = match got {
        Ok(_) => return Err("parsed without error".into()),
        Err(e) => e,
    };
    let (class, message, span, incomplete) = match err {
        CompileError::Syntax {
            class,
            message,
            span,
            incomplete,
        } => (class.name().to_string(), message, span, incomplete),
        CompileError::Unsupported { construct, .. } => {
            if case.flags.iter().any(|f| f == "unsup") {
                return Ok(());
            }
            return Err(format!("unsupported: {construct}"));
        }
    };
    let src = &case.source;
    if (class.as_str(), message.as_str()) != (case.class.as_str(), case.message.as_str()) {
        return Err(format!(
            "got {class}: {message}\n    want {}: {}",
            case.class, case.message
        ));
    }
    if !src.is_char_boundary(span.start as usize) || !src.is_char_boundary(span.end as usize) {
        return Err(format!("span {span:?} not on char boundaries"));
    }
    if !case.flags.iter().any(|f| f == "pos") {
        let start = line_offset(src, span.start as usize);
        let end = line_offset(src, span.end as usize);
        if start != case.start {
            return Err(format!("position {start:?}, CPython {:?}", case.start));
        }
        if let Some(want) = case.end
            && end != want
        {
            return Err(format!("end {end:?}, CPython {want:?}"));
        }
    }
    if incomplete != case.incomplete {
        return Err(format!(
            "incomplete = {incomplete}, codeop says {}",
            case.incomplete
        ));
    }
    Ok(())
}

#[test]
fn syntax_errors_match_cpython() {
    let cases = cases();
    assert!(cases.len() > 250);
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(e) = check(case) {
            failures.push(format!("{:?}\n    {e}", case.source));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
