//! `--format json`: one object per checked block.

use serde_json::{Value, json};

use super::markdown::Kind;
use super::{BlockResult, DocResult, Document, kind_name};

fn block_json(doc: &Document, r: &BlockResult) -> Value {
    let b = &r.block.block;
    let j = &r.judgement;
    let run = r.run.as_ref();
    let expected: Option<String> = match b.kind {
        Kind::Pycon => {
            let ex = super::runner::examples(&r.block);
            Some(
                ex.iter()
                    .filter(|e| !e.want.is_empty())
                    .map(|e| e.want_text() + "\n")
                    .collect(),
            )
        }
        _ => r.block.expected.as_ref().map(|e| e.text()),
    };
    let mut obj = json!({
        "file": doc.name,
        "line": b.line,
        "end_line": b.end_line,
        "kind": kind_name(b.kind),
        "verdict": j.verdict.name(),
        "elapsed": r.elapsed,
        "stdout": run.map(|r| r.stdout.as_str()).unwrap_or(""),
        "stderr": run.map(|r| r.stderr.as_str()).unwrap_or(""),
        "expected": expected,
        "expected_line": r.block.expected.as_ref().map(|e| e.line),
        "message": j.message,
        "hint": j.help,
    });
    if let (Some(map), Some(span)) = (obj.as_object_mut(), &j.span) {
        let starts = super::markdown::line_starts(&doc.text);
        map.insert(
            "problem_line".into(),
            json!(super::markdown::line_of(&starts, span.start)),
        );
    }
    if let (Some(map), Some(e)) = (obj.as_object_mut(), run.and_then(|r| r.exception.as_ref())) {
        map.insert("exception".into(), json!(e.final_line));
    }
    if b.kind == Kind::Pycon
        && let (Some(map), Some(run)) = (obj.as_object_mut(), run)
    {
        let examples: Vec<Value> = run
                .examples
                .iter()
                .filter_map(|e| {
                    let ex = e.example.as_ref()?;
                    let line = r.block.block.content.get(ex.first).map(|l| l.line);
                    Some(json!({
                        "line": line,
                        "source": ex.source,
                        "expected": ex.want_text(),
                        "stdout": e.stdout,
                        "exception": e.exception.as_ref().map(|x| x.final_line.clone()),
                        "syntax": e.compile_error.as_ref().map(|c| match c {
                            crate::errors::CompileError::Syntax { class, message, .. } => format!("{}: {message}", class.name()),
                            crate::errors::CompileError::Unsupported { construct, .. } => format!("apy does not support {construct}"),
                        }),
                        "elapsed": e.elapsed,
                    }))
                })
                .collect();
        map.insert("examples".into(), Value::Array(examples));
    }
    obj
}

/// The JSON array for all documents.
pub fn render(results: &[DocResult]) -> String {
    let all: Vec<Value> = results
        .iter()
        .flat_map(|d| d.results.iter().map(move |r| block_json(&d.doc, r)))
        .collect();
    serde_json::to_string_pretty(&Value::Array(all)).unwrap_or_else(|_| "[]".to_owned())
}
