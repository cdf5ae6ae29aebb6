//! Piped asyncio-REPL sessions: `apy repl < NAME.in` must write exactly
//! `NAME.out` on stdout (what `python3 -m asyncio` writes) and the lines of
//! `NAME.err` in order on stderr. The cases come from `../shared/repl`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

fn run_case(input: &Path) -> Result<(), Failed> {
    let out_path = input.with_extension("out");
    let err_path = input.with_extension("err");
    let want_out = std::fs::read(&out_path)?;
    let want_err = std::fs::read_to_string(&err_path).unwrap_or_default();
    let stdin = std::fs::File::open(input)?;
    let mut child = Command::new(env!("CARGO_BIN_EXE_apy"))
        .arg("repl")
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let start = Instant::now();
    loop {
        if child.try_wait()?.is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            return Err("timeout after 20 s".into());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let output = child.wait_with_output()?;
    if output.stdout != want_out {
        return Err(format!(
            "stdout differs\n--- expected\n{}\n--- actual\n{}",
            String::from_utf8_lossy(&want_out),
            String::from_utf8_lossy(&output.stdout)
        )
        .into());
    }
    let err = String::from_utf8_lossy(&output.stderr);
    let mut pos = 0;
    for line in want_err.lines() {
        match err[pos..].find(line) {
            Some(at) => pos += at + line.len(),
            None => {
                return Err(format!("stderr lacks {line:?} (in order)\n--- stderr\n{err}").into());
            }
        }
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/cases/repl");
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    inputs.retain(|p| p.extension().is_some_and(|e| e == "in"));
    inputs.sort();
    let trials = inputs
        .into_iter()
        .map(|p| {
            let name = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Trial::test(name, move || run_case(&p))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
