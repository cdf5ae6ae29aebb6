//! Resource limits from the command line: `--timeout` ends endless loops,
//! task floods and endless sleeps with a `TimeoutError` line and status 1
//! (no `except` can catch it); `--max-memory` turns a memory blow-up into
//! `MemoryError`; `apy check` keeps one block's hang, memory blow-up or
//! runaway recursion in that block.

use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// `apy ARGS -c CODE`: (status, stdout, stderr, seconds taken).
fn run(args: &[&str], code: &str) -> (i32, String, String, f64) {
    let start = Instant::now();
    let out = Command::cargo_bin("apy")
        .expect("the apy binary")
        .env("NO_COLOR", "1")
        .args(args)
        .arg("-c")
        .arg(code)
        .timeout(Duration::from_secs(30))
        .output()
        .expect("apy runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        start.elapsed().as_secs_f64(),
    )
}

fn last_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or("")
}

const TIMEOUT_LINE: &str =
    "TimeoutError: the program ran longer than its time limit (0.5 s, --timeout)";

/// `code` under `--timeout 0.5` ends soon, with status 1 and the
/// timeout's last line.
fn assert_stopped_by_timeout(code: &str) {
    let (status, _, stderr, secs) = run(&["--timeout", "0.5"], code);
    assert_eq!(status, 1, "{code}: {stderr}");
    assert_eq!(last_line(&stderr), TIMEOUT_LINE, "{code}");
    assert!(secs < 10.0, "{code} took {secs} s");
}

#[test]
fn timeout_ends_an_endless_loop_that_catches_everything() {
    let code = "print('start', flush=True)\nwhile True:\n    try:\n        pass\n    except BaseException:\n        print('caught')\n";
    let (status, stdout, stderr, secs) = run(&["--timeout", "0.5"], code);
    assert_eq!(status, 1);
    assert_eq!(stdout, "start\n");
    assert_eq!(last_line(&stderr), TIMEOUT_LINE, "{stderr}");
    assert!(
        stderr.contains("line 2, in <module>"),
        "the traceback shows where: {stderr}"
    );
    assert!(secs < 10.0);
}

#[test]
fn timeout_ends_a_task_flood_and_endless_sleeps() {
    for code in [
        "import asyncio\nasync def f(): pass\nasync def main():\n    while True:\n        asyncio.create_task(f())\n        await asyncio.sleep(0)\nasyncio.run(main())\n",
        "import asyncio\nasyncio.run(asyncio.sleep(float('inf')))\n",
        "import asyncio\nasyncio.run(asyncio.sleep(1e300))\n",
        "import time\ntime.sleep(10**9)\n",
    ] {
        assert_stopped_by_timeout(code);
    }
}

/// One huge int multiplication cannot be interrupted, so under a time
/// limit one that could not finish in time is stopped before it starts
/// (a fuzzer's finding: `0xFFF**31515815` ran for minutes under 0.5 s).
#[test]
fn timeout_stops_an_int_operation_too_big_to_finish_in_time() {
    for code in [
        "x = 0xFFF**31515815\n",
        "x = 7**10**7\n",
        "x = (1 << 10**9) * (1 << 10**9)\n",
    ] {
        assert_stopped_by_timeout(code);
    }
    // Without a limit the same sizes are computed, as CPython computes them.
    let (status, stdout, stderr, _) = run(&[], "print((1 << 10**8).bit_length())\n");
    assert_eq!((status, stdout.as_str()), (0, "100000001\n"), "{stderr}");
}

#[test]
fn timeout_counts_virtual_time_too() {
    let code = "import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(3600)\nasyncio.run(main())\n";
    let (status, _, stderr, secs) = run(&["--virtual-time", "--timeout", "0.5"], code);
    assert_eq!(status, 1);
    assert_eq!(last_line(&stderr), TIMEOUT_LINE);
    assert!(secs < 10.0);
    // A program within its limit is not touched.
    let (status, stdout, _, _) = run(&["--timeout", "5"], "print(sum(range(10)))");
    assert_eq!((status, stdout.as_str()), (0, "45\n"));
}

#[test]
fn max_memory_makes_a_blow_up_a_memory_error() {
    let hoard = "hoard = []\nwhile True:\n    hoard.append('x' * 100_000)\n";
    let (status, _, stderr, _) = run(&["--max-memory", "64"], hoard);
    assert_eq!(status, 1);
    assert_eq!(last_line(&stderr), "MemoryError", "{stderr}");
    // A single large allocation is refused before it is made.
    let (status, _, stderr, _) = run(&["--max-memory", "64"], "x = 'x' * 10**9");
    assert_eq!((status, last_line(&stderr)), (1, "MemoryError"));
    let (status, _, stderr, _) = run(&["--max-memory", "64"], "x = [0] * 10**8");
    assert_eq!((status, last_line(&stderr)), (1, "MemoryError"));
    // The program can catch it, free memory and go on.
    let code = "try:\n    hoard = []\n    while True:\n        hoard.append('x' * 100_000)\nexcept MemoryError:\n    hoard = None\nprint('recovered')\n";
    let (status, stdout, _, _) = run(&["--max-memory", "64"], code);
    assert_eq!((status, stdout.as_str()), (0, "recovered\n"));
}

#[test]
fn growth_inside_one_builtin_or_by_doubling_stops_at_the_cap() {
    for code in [
        "set(range(10**12))",
        "import itertools\nlist(itertools.repeat(1, 10**12))",
        "x = 'a'\nwhile True:\n    x += x\n",
        "x = [1]\nwhile True:\n    x = x + x\n",
        "d = {}\ni = 0\nwhile True:\n    d[i] = i\n    i += 1\n",
    ] {
        let (status, _, stderr, _) = run(&["--max-memory", "64"], code);
        assert_eq!((status, last_line(&stderr)), (1, "MemoryError"), "{code}");
    }
}

#[test]
fn sizes_past_the_machine_are_a_memory_error_without_a_cap() {
    // CPython's allocation of these fails at once; apy's would abort the
    // process, so each size is checked before allocating.
    for code in [
        "bytes(10**12)",
        "bytearray(10**11)",
        "list(range(10**12))",
        "sorted(range(10**12))",
        "tuple(range(10**11))",
        "bytes(range(256)) * 10**10",
        "x = 'a' * 10**6\nx.replace('a', x)",
        "class L:\n    def __len__(self): return 10**12\n    def __getitem__(self, i): return i\nreversed(L())",
    ] {
        let (status, _, stderr, secs) = run(&[], code);
        assert_eq!((status, last_line(&stderr)), (1, "MemoryError"), "{code}");
        assert!(secs < 10.0, "{code}: {secs} s");
    }
}

#[test]
fn bad_limits_are_usage_errors() {
    for args in [
        ["--timeout", "0"],
        ["--timeout", "nan"],
        ["--max-memory", "-1"],
    ] {
        let (status, _, stderr, _) = run(&args, "pass");
        assert_eq!(status, 2, "{args:?}: {stderr}");
    }
}

#[test]
fn check_isolates_a_blocks_hang_memory_blow_up_and_recursion() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/limits");
    let out = Command::cargo_bin("apy")
        .expect("the apy binary")
        .current_dir(&dir)
        .env("NO_COLOR", "1")
        .args([
            "check",
            "--format",
            "json",
            "--timeout",
            "1",
            "--max-memory",
            "64",
            "isolated_blocks.md",
        ])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("apy runs");
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let verdicts: Vec<(String, String)> = report
        .as_array()
        .expect("an array of blocks")
        .iter()
        .map(|b| {
            (
                b["verdict"].as_str().unwrap_or("").to_owned(),
                b["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let summary: Vec<(&str, &str)> = verdicts
        .iter()
        .map(|(v, m)| (v.as_str(), m.lines().next().unwrap_or("")))
        .collect();
    assert_eq!(
        summary,
        [
            ("ok", ""),
            ("exception", "MemoryError"),
            (
                "exception",
                "timed out: the block ran longer than 1 s (wall or virtual time)"
            ),
            (
                "exception",
                "RecursionError: maximum recursion depth exceeded"
            ),
            (
                "exception",
                "RecursionError: maximum recursion depth exceeded while getting the repr of an object"
            ),
            ("ok", ""),
        ],
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
