//! `apy check` from the command line: the human report, exit statuses,
//! JSON, `--update` round trips, time limits and bad input.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/check")
}

/// `apy check ARGS` run in `dir`, without colour.
fn check(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("apy")
        .expect("the apy binary")
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .arg("check")
        .args(args)
        .output()
        .expect("apy runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

#[test]
fn human_report() {
    let (status, stdout, stderr) = check(&cases(), &["report.md"]);
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(stderr, "");
    insta::assert_snapshot!("human_report", stdout);
}

#[test]
fn clean_folder_passes() {
    let (status, stdout, stderr) = check(&cases(), &["clean"]);
    assert_eq!(status, 0, "{stderr}");
    insta::assert_snapshot!("clean_folder", stdout);
}

#[test]
fn json_report() {
    let (status, stdout, _) = check(&cases(), &["--format", "json", "report.md"]);
    assert_eq!(status, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let blocks = v.as_array().expect("an array");
    let summary: Vec<String> = blocks
        .iter()
        .map(|b| {
            format!(
                "{} {} {}",
                b["line"],
                b["verdict"].as_str().unwrap_or("?"),
                b["elapsed"]
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            "3 ok 2.0",
            "21 mismatch 0.0",
            "31 exception 1.0",
            "41 warning 0.0",
            "50 never-run 0.0",
            "58 syntax 0.0",
            "62 skipped 0.0",
            "66 mismatch 0.0"
        ]
    );
    for b in blocks {
        for key in [
            "file", "line", "verdict", "elapsed", "stdout", "expected", "message",
        ] {
            assert!(b.get(key).is_some(), "{key} missing in {b}");
        }
    }
    assert_eq!(blocks[0]["stdout"], "done\n");
    assert_eq!(blocks[0]["expected"], "done");
    assert_eq!(blocks[1]["expected"], "[3, 1, 2]\nend");
    assert_eq!(blocks[2]["message"], "ValueError: boom");
    assert_eq!(blocks[2]["problem_line"], 36);
    assert!(
        blocks[4]["hint"]
            .as_str()
            .is_some_and(|h| h.contains("asyncio.run(main())")
                && h.contains("print tick in about 3 seconds")),
        "{}",
        blocks[4]["hint"]
    );
}

#[test]
fn seed_hints_tell_what_running_main_would_do() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/doccheck");
    let (status, stdout, _) = check(&dir, &["--format", "json", "seed_async_notes_ru.md"]);
    assert_eq!(status, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let hints: Vec<&str> = v
        .as_array()
        .expect("an array")
        .iter()
        .map(|b| {
            assert_eq!(b["verdict"], "never-run");
            b["hint"].as_str().unwrap_or("")
        })
        .collect();
    assert_eq!(hints.len(), 3);
    for h in &hints[..2] {
        assert!(
            h.contains("even when run, the `sleep` coroutine is never awaited"),
            "{h}"
        );
        assert!(h.contains("nothing waits a second"), "{h}");
    }
    assert!(
        hints[2].contains("print foo, bar, foo done, bar done in about 2 seconds"),
        "{}",
        hints[2]
    );
}

#[test]
fn update_round_trip() {
    let dir = temp_dir();
    let original = std::fs::read_to_string(cases().join("update.md")).expect("fixture");
    let path = dir.path().join("update.md");
    std::fs::write(&path, &original).expect("write");
    let (status, stdout, _) = check(dir.path(), &["--update", "update.md"]);
    assert_eq!(status, 1, "the first run still reports the mismatches");
    assert!(
        stdout.contains("updated 4 expected outputs in update.md"),
        "{stdout}"
    );
    let updated = std::fs::read_to_string(&path).expect("read");
    // Only the expected outputs changed.
    let diff = similar::TextDiff::from_lines(&original, &updated)
        .unified_diff()
        .to_string();
    insta::assert_snapshot!("update_diff", diff);
    let (status, stdout, _) = check(dir.path(), &["update.md"]);
    assert_eq!(status, 0, "a second run is clean:\n{stdout}");
    // And a third --update changes nothing.
    let (status, _, _) = check(dir.path(), &["--update", "update.md"]);
    assert_eq!(status, 0);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), updated);
}

#[test]
fn update_keeps_crlf_and_other_bytes() {
    let dir = temp_dir();
    let doc = "# crlf\r\n\r\n```python\r\nprint(1)\r\nprint(2)\r\n```\r\n\r\n```text\r\n1\r\n```\r\ntail without newline";
    let path = dir.path().join("crlf.md");
    std::fs::write(&path, doc).expect("write");
    let (status, _, _) = check(dir.path(), &["--update", "crlf.md"]);
    assert_eq!(status, 1);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        doc.replace("```text\r\n1\r\n", "```text\r\n1\r\n2\r\n")
    );
    let (status, _, _) = check(dir.path(), &["crlf.md"]);
    assert_eq!(status, 0);
}

#[test]
fn endless_loops_are_stopped() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("loops.md"),
        "```python\nwhile True:\n    pass\n```\n\n```python\nimport asyncio\n\nasync def main():\n    while True:\n        await asyncio.sleep(1)\n\nasyncio.run(main())\n```\n\n```python\nprint('after')\n```\n",
    )
    .expect("write");
    let start = std::time::Instant::now();
    let (status, stdout, _) = check(
        dir.path(),
        &["--timeout", "0.5", "--format", "json", "loops.md"],
    );
    assert!(
        start.elapsed().as_secs_f64() < 8.0,
        "the limit stops the loops"
    );
    assert_eq!(status, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let verdicts: Vec<&str> = v
        .as_array()
        .expect("array")
        .iter()
        .map(|b| b["verdict"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(verdicts, ["exception", "exception", "ok"]);
    assert!(
        v[0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("timed out")),
        "{}",
        v[0]["message"]
    );
    assert!(
        v[1]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("timed out")),
        "{}",
        v[1]["message"]
    );
}

#[test]
fn a_timeout_stops_its_chain() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("chain.md"),
        "```pycon\n>>> import asyncio\n>>> async def tick():\n...     while True:\n...         await asyncio.sleep(60)\n...\n>>> await tick()\n>>> print('rest of the block')\n```\n\n```python continue\nprint('next')\n```\n\n```python\nimport asyncio\nasyncio.run(asyncio.sleep(3600))\nprint('an hour')\n```\n",
    )
    .expect("write");
    let (status, stdout, _) = check(
        dir.path(),
        &[
            "--timeout",
            "1",
            "--virtual-timeout",
            "7200",
            "--format",
            "json",
            "chain.md",
        ],
    );
    assert_eq!(status, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v[0]["verdict"], "exception");
    assert_eq!(
        v[0]["message"],
        "timed out: the block ran longer than 1 s of wall time or 2 h of virtual time"
    );
    assert_eq!(
        v[0]["examples"].as_array().map(Vec::len),
        Some(3),
        "the examples after the limit do not run"
    );
    assert_eq!(v[1]["verdict"], "exception");
    assert_eq!(
        v[1]["message"],
        "not run: the block at line 1 of this chain ran past the time limit"
    );
    assert_eq!(
        v[2]["verdict"], "ok",
        "an hour of virtual sleep is within 2 h"
    );
}

#[test]
fn missing_file() {
    let (status, stdout, stderr) = check(&cases(), &["no_such_file.md"]);
    assert_eq!(status, 2);
    assert_eq!(stdout, "");
    insta::assert_snapshot!("missing_file", stderr);
}

#[test]
fn folder_without_markdown() {
    let (status, _, stderr) = check(&cases(), &["nomd"]);
    assert_eq!(status, 2);
    insta::assert_snapshot!("folder_without_markdown", stderr);
}

#[test]
fn invalid_utf8() {
    let dir = temp_dir();
    std::fs::write(
        dir.path().join("bad.md"),
        b"# bad\n\n```python\nprint(\"\xff\")\n```\n",
    )
    .expect("write");
    let (status, _, stderr) = check(dir.path(), &["bad.md"]);
    assert_eq!(status, 2);
    insta::assert_snapshot!("invalid_utf8", stderr);
}

#[test]
fn no_paths_and_bad_options() {
    let (status, _, stderr) = check(&cases(), &[]);
    assert_eq!(status, 2);
    assert!(stderr.contains("PATH"), "{stderr}");
    let (status, _, _) = check(&cases(), &["--timeout", "-1", "report.md"]);
    assert_eq!(status, 2);
    let (status, _, _) = check(&cases(), &["--format", "xml", "report.md"]);
    assert_eq!(status, 2);
}

#[test]
fn help_documents_verdicts_and_conventions() {
    let (status, stdout, _) = check(&cases(), &["--help"]);
    assert_eq!(status, 0);
    for word in [
        "skipped",
        "syntax",
        "exception",
        "warning",
        "never-run",
        "mismatch",
        "ok",
        "continue",
        "pycon",
        "--update",
        "--real-time",
        "--timeout",
        "Output:",
    ] {
        assert!(stdout.contains(word), "--help lacks {word}");
    }
}

#[test]
fn update_a_session_that_ends_the_file() {
    let dir = temp_dir();
    let path = dir.path().join("open.md");
    std::fs::write(&path, "Text\n\n```pycon\n>>> print('a')").expect("write");
    let (status, _, _) = check(dir.path(), &["--update", "open.md"]);
    assert_eq!(status, 1);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "Text\n\n```pycon\n>>> print('a')\na"
    );
    let (status, _, _) = check(dir.path(), &["open.md"]);
    assert_eq!(status, 0);
}
