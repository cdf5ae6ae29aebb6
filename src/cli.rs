//! The command line: `apy FILE`, `apy -c CODE`, `apy -` / piped stdin, and
//! the `check` and `repl` subcommands.

use std::io::IsTerminal;

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
    let args = match crate::source::command_line(std::env::args_os()) {
        Ok(args) => args,
        Err(e) => return e.report("<string>"),
    };
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
        crate::builtins::functions::set_stdin_use(crate::builtins::functions::StdinUse::Read);
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
            let source = match crate::source::read_file(path) {
                Ok(source) => source,
                Err(e) => return e.report(path),
            };
            crate::builtins::functions::set_stdin_use(crate::builtins::functions::StdinUse::Read);
            run_program(
                Program {
                    name: path.to_owned(),
                    code_name: crate::source::absolute(path),
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

fn run_stdin(argv: Vec<String>, options: RunOptions) -> i32 {
    let source = match crate::source::read_stdin() {
        Ok(source) => source,
        Err(e) => return e.report("<stdin>"),
    };
    // CPython has read stdin to its end: `input()` meets EOF.
    crate::builtins::functions::set_stdin_use(crate::builtins::functions::StdinUse::Exhausted);
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
