//! The command line: `apy FILE`, `apy -c CODE`, `apy -` / piped stdin, and
//! the `check` and `repl` subcommands.

use std::io::{IsTerminal, Read};

use clap::Parser;

use crate::run::{Program, RunOptions, run_program};

/// apy runs the async subset of Python 3.11 and prints exactly what
/// CPython 3.11 prints.
#[derive(Parser, Debug)]
#[command(
    name = "apy",
    version = concat!(env!("CARGO_PKG_VERSION"), " (Python 3.11 compatible)"),
    about = "Run async Python 3.11 programs exactly as CPython does",
    after_help = "Subcommands:\n  apy check PATH...   check the Python blocks of Markdown documents\n  apy repl            start the asyncio REPL"
)]
struct ScriptArgs {
    /// Program passed in as a string (terminates the option list).
    #[arg(short = 'c', value_name = "CODE", allow_hyphen_values = true)]
    command: Option<String>,
    /// Simulated time: sleeps complete at once, elapsed times are exact.
    #[arg(long = "virtual-time")]
    virtual_time: bool,
    /// Stop the program after SECONDS of wall time (and of simulated time
    /// under --virtual-time): it ends with a TimeoutError line on stderr
    /// and exit status 1, which no `except` can catch [default: none].
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<f64>,
    /// Cap the memory the program may allocate, in megabytes: past it, a
    /// MemoryError is raised at the next allocation check [default: none].
    #[arg(long = "max-memory", value_name = "MB")]
    max_memory: Option<f64>,
    /// Program file (`-` for stdin), then the arguments it gets in sys.argv.
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "FILE [ARGS]"
    )]
    rest: Vec<String>,
}

/// Entry point of the `apy` binary; returns the exit status.
pub fn main() -> i32 {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("check") => return crate::check_cli(&args[2..]),
        Some("repl") => return crate::repl_cli(&args[2..]),
        _ => {}
    }
    let parsed = match ScriptArgs::try_parse_from(&args) {
        Ok(p) => p,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    for (flag, value) in [
        ("--timeout", parsed.timeout),
        ("--max-memory", parsed.max_memory),
    ] {
        if value.is_some_and(|t| !(t.is_finite() && t > 0.0)) {
            eprintln!("apy: {flag} must be a positive number");
            return 2;
        }
    }
    let options = RunOptions {
        virtual_time: parsed.virtual_time,
        timeout: parsed.timeout,
        max_memory: parsed.max_memory.map(megabytes),
    };
    if let Some(code) = parsed.command {
        let mut argv = vec!["-c".to_owned()];
        argv.extend(parsed.rest);
        return run_program(
            Program {
                name: "<string>".to_owned(),
                code_name: "<string>".to_owned(),
                source: code,
                argv,
            },
            options,
        );
    }
    match parsed.rest.first().map(String::as_str) {
        None => {
            if std::io::stdin().is_terminal() {
                return crate::repl_cli(&[]);
            }
            run_stdin(vec![String::new()], options)
        }
        Some("-") => run_stdin(parsed.rest, options),
        Some(path) => {
            let source = match std::fs::read(path) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    // CPython drops a UTF-8 byte order mark when it decodes a file.
                    Ok(s) => s.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(s),
                    Err(e) => {
                        eprintln!(
                            "SyntaxError: (unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {}: invalid start byte",
                            e.as_bytes()[e.utf8_error().valid_up_to()],
                            e.utf8_error().valid_up_to()
                        );
                        return 1;
                    }
                },
                Err(e) => {
                    eprintln!(
                        "apy: can't open file '{path}': [Errno {}] {}",
                        e.raw_os_error().unwrap_or(2),
                        describe(&e)
                    );
                    return 2;
                }
            };
            run_program(
                Program {
                    name: path.to_owned(),
                    code_name: absolute_path(path),
                    source,
                    argv: parsed.rest.clone(),
                },
                options,
            )
        }
    }
}

/// Bytes in `mb` megabytes (MiB).
pub fn megabytes(mb: f64) -> usize {
    (mb * 1024.0 * 1024.0).min(usize::MAX as f64) as usize
}

fn describe(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_owned(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_owned(),
        _ => e.to_string(),
    }
}

fn run_stdin(argv: Vec<String>, options: RunOptions) -> i32 {
    let mut source = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut source) {
        eprintln!("apy: cannot read the program from stdin: {e}");
        return 2;
    }
    run_program(
        Program {
            name: "<stdin>".to_owned(),
            code_name: "<stdin>".to_owned(),
            source,
            argv,
        },
        options,
    )
}

/// `path` joined to the working directory when relative, without
/// normalising it (`./a/../b.py` stays in the name), as CPython 3.11 names
/// the main script's code (`__file__`, tracebacks, warnings).
fn absolute_path(path: &str) -> String {
    if std::path::Path::new(path).is_absolute() {
        return path.to_owned();
    }
    match std::env::current_dir() {
        Ok(dir) => format!("{}/{path}", dir.display()),
        Err(_) => path.to_owned(),
    }
}
