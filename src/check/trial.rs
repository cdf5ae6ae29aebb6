//! The never-run trial: a block whose coroutine function is never run is
//! run once more, in a fresh session with `asyncio.run(main())` after it,
//! and what that shows goes into the hint.

use super::markdown::{CheckedBlock, Kind};
use super::names;
use super::runner::{BlockRun, Settings, run_chain};
use super::verdict::{has_warning, warning_line};

/// Runs `chain` (up to the never-run block, included) and then
/// `asyncio.run(func())`, always under the virtual clock; returns the run
/// of that last call.
pub fn run_trial(
    name: &str,
    chain: &[&CheckedBlock],
    func: &str,
    settings: Settings,
) -> Option<BlockRun> {
    let settings = Settings {
        virtual_time: true,
        ..settings
    };
    let extra =
        format!("import asyncio as __apy_trial_asyncio\n__apy_trial_asyncio.run({func}())\n");
    run_chain(name, chain, Some(&extra), settings).pop()
}

/// Seconds in words: "about 2 seconds", "at once".
pub fn duration_words(secs: f64) -> String {
    if secs < 0.0005 {
        return "at once (no time passes)".to_owned();
    }
    let (value, unit) = if secs < 120.0 {
        (secs, "second")
    } else if secs < 7200.0 {
        (secs / 60.0, "minute")
    } else if secs < 172_800.0 {
        (secs / 3600.0, "hour")
    } else {
        (secs / 86400.0, "day")
    };
    let shown = if value >= 10.0 {
        format!("{}", value.round())
    } else {
        let s = format!("{value:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    };
    let plural = if shown == "1" { "" } else { "s" };
    format!("in about {shown} {unit}{plural}")
}

/// "a second", "2 seconds", "0.5 seconds" for a sleep's argument.
fn seconds_phrase(secs: f64) -> String {
    if secs == 1.0 {
        "a second".to_owned()
    } else {
        let s = format!("{secs}");
        format!("{} seconds", s.trim_end_matches(".0"))
    }
}

/// The names of coroutines reported as never awaited.
fn never_awaited(stderr: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in stderr.split("coroutine '").skip(1) {
        if let Some((name, rest)) = part.split_once('\'')
            && rest.starts_with(" was never awaited")
            && !out.iter().any(|n| n == name)
        {
            out.push(name.to_owned());
        }
    }
    out
}

/// The output lines in one phrase: "foo, bar, foo done, bar done".
fn output_phrase(stdout: &str) -> String {
    let lines: Vec<&str> = stdout.trim_end_matches('\n').split('\n').collect();
    const MAX: usize = 6;
    if lines.len() <= MAX {
        lines.join(", ")
    } else {
        format!(
            "{}, ... ({} lines in all)",
            lines[..MAX - 1].join(", "),
            lines.len()
        )
    }
}

/// The hint for a never-run block from its trial.
pub fn hint(block: &CheckedBlock, func: &str, trial: &BlockRun, limit: &str) -> String {
    let call = format!("asyncio.run({func}())");
    let mut hint = format!("add `{call}` to run it. Tried that: ");
    if let Some(e) = &trial.compile_error {
        hint.push_str(&format!("it does not compile ({e:?})"));
        return hint;
    }
    if trial.timed_out {
        hint.push_str(&format!("it does not finish within {limit}"));
        return hint;
    }
    let printed = if trial.stdout.is_empty() {
        String::new()
    } else {
        format!("it prints {} ", output_phrase(&trial.stdout))
    };
    if let Some(e) = &trial.exception {
        if printed.is_empty() {
            hint.push_str(&format!("it raises {}", e.final_line));
        } else {
            hint.push_str(&format!("{printed}and then raises {}", e.final_line));
        }
        if trial.elapsed >= 0.0005 {
            hint.push_str(&format!(
                " after {}",
                duration_words(trial.elapsed).trim_start_matches("in ")
            ));
        }
        return hint;
    }
    let coros = never_awaited(&trial.stderr);
    if let Some(coro) = coros.first() {
        hint.push_str(&format!(
            "even when run, the `{coro}` coroutine is never awaited (RuntimeWarning: coroutine '{coro}' was never awaited)"
        ));
        // Point at the call that creates it, and at what it would wait.
        let source = block.block.text() + "\n";
        let module = match block.block.kind {
            Kind::Python => crate::parser::parse_module(&source).ok(),
            _ => None,
        };
        if let Some((span, arg)) = module
            .as_ref()
            .and_then(|m| names::calls_named(m, coro).into_iter().next())
        {
            let text = source.get(span.range()).unwrap_or("");
            let before = source.get(..span.start as usize).unwrap_or("");
            let line = block.block.line + 1 + before.matches('\n').count();
            let line_text = before.rsplit('\n').next().unwrap_or("");
            let what = if line_text.trim_start().starts_with("return") {
                "is returned, not awaited"
            } else {
                "is created but not awaited"
            };
            hint.push_str(&format!(": `{text}` on line {line} {what}"));
            if let Some(secs) = arg.filter(|_| coro == "sleep") {
                hint.push_str(&format!(", so nothing waits {}", seconds_phrase(secs)));
            }
        } else if coro == "sleep" {
            hint.push_str(", so nothing waits");
        }
        if !trial.stdout.is_empty() {
            hint.push_str(&format!("; it prints {}", output_phrase(&trial.stdout)));
        }
        hint.push_str(&format!(" and the run {}", finishes_phrase(trial.elapsed)));
        return hint;
    }
    if has_warning(&trial.stderr) {
        hint.push_str(&format!(
            "{}it warns: {}",
            if printed.is_empty() {
                String::new()
            } else {
                format!("{printed}but ")
            },
            warning_line(&trial.stderr)
        ));
        return hint;
    }
    if printed.is_empty() {
        hint.push_str(&format!(
            "it would finish {} without printing anything",
            duration_words(trial.elapsed)
        ));
    } else {
        hint.push_str(&format!(
            "it would print {} {}",
            output_phrase(&trial.stdout),
            duration_words(trial.elapsed)
        ));
    }
    hint
}

fn finishes_phrase(secs: f64) -> String {
    if secs < 0.0005 {
        return "ends at once".to_owned();
    }
    let words = duration_words(secs);
    format!("takes {}", words.trim_start_matches("in "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words() {
        assert_eq!(duration_words(2.0), "in about 2 seconds");
        assert_eq!(duration_words(1.0), "in about 1 second");
        assert_eq!(duration_words(0.5), "in about 0.5 seconds");
        assert_eq!(duration_words(3600.0), "in about 60 minutes");
        assert_eq!(duration_words(0.0), "at once (no time passes)");
        assert_eq!(seconds_phrase(1.0), "a second");
        assert_eq!(seconds_phrase(2.5), "2.5 seconds");
        assert_eq!(
            never_awaited("x:1: RuntimeWarning: coroutine 'sleep' was never awaited\n"),
            ["sleep"]
        );
        assert_eq!(output_phrase("foo\nbar\n"), "foo, bar");
    }
}
