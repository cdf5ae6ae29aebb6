//! The names a script's code carries: CPython 3.11 makes the main script's
//! file name absolute (`__file__`, tracebacks, warnings) by joining a
//! relative path to the working directory, without normalising it.
//! Compile-time diagnostics keep the name as the user typed it.

#[path = "common/process.rs"]
mod process;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use process::APY;

fn scratch(name: &str, source: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("script_paths");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub").join(name), source).unwrap();
    dir
}

/// Runs `path` in `dir`: (exit status, stdout, stderr).
fn run(dir: &PathBuf, path: &str) -> (Option<i32>, String, String) {
    let mut cmd = Command::new(APY);
    cmd.arg(path).current_dir(dir).env("NO_COLOR", "1");
    let out = process::run(&mut cmd, Duration::from_secs(10)).unwrap();
    (
        out.ending.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn relative_script_path_is_made_absolute_unnormalised() {
    let source = "import sys\nprint(__file__)\nprint(sys.argv[0])\nraise ValueError('x')\n";
    let dir = scratch("names.py", source);
    let (status, stdout, stderr) = run(&dir, "./sub/../sub/names.py");
    assert_eq!(status, Some(1));
    let absolute = format!("{}/./sub/../sub/names.py", dir.display());
    assert_eq!(stdout, format!("{absolute}\n./sub/../sub/names.py\n"));
    assert!(
        stderr.contains(&format!("File \"{absolute}\", line 4, in <module>")),
        "{stderr}"
    );
}

#[test]
fn never_awaited_warning_names_the_absolute_file() {
    let source = "import asyncio\nasync def f(): pass\nf()\n";
    let dir = scratch("warn.py", source);
    let (status, _, stderr) = run(&dir, "sub/warn.py");
    assert_eq!(status, Some(0));
    let expected = format!(
        "{}/sub/warn.py:3: RuntimeWarning: coroutine 'f' was never awaited",
        dir.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn syntax_errors_keep_the_name_as_given() {
    let dir = scratch("bad.py", "x = (\n");
    let (status, _, stderr) = run(&dir, "sub/bad.py");
    assert_eq!(status, Some(1));
    assert!(stderr.contains("sub/bad.py:1:"), "{stderr}");
    assert!(!stderr.contains(&dir.display().to_string()), "{stderr}");
}

/// `-c CODE` has no file: CPython defines no `__file__` (a NameError), and
/// `sys.argv[0]` is `-c`.
#[test]
fn a_command_has_no_file() {
    let code = "import sys\nprint(__name__, sys.argv[0])\nprint(__file__)\n";
    let mut cmd = Command::new(APY);
    cmd.arg("-c").arg(code).env("NO_COLOR", "1");
    let out = process::run(&mut cmd, Duration::from_secs(10)).unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.ending.code(), Some(1), "{stderr}");
    assert_eq!(stdout, "__main__ -c\n");
    assert!(
        stderr.contains("NameError: name '__file__' is not defined"),
        "{stderr}"
    );
}
