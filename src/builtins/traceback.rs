//! Rendering uncaught exceptions as CPython's traceback module does.

use crate::eval::protocol::str_of;
use crate::eval::{Exc, Vm};
use crate::value::Value;

/// Which of CPython 3.11's two exception printers a report imitates. They
/// differ only in "Did you mean" suggestions: the interpreter's own (for
/// the uncaught exception that ends a script) prints them, the traceback
/// module's (the REPL, asyncio's "never retrieved" reports) does not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Printer {
    Interpreter,
    TracebackModule,
}

/// The whole report of an exception as the traceback module prints it,
/// chained exceptions first.
pub fn format_exception(vm: &Vm, exc: &Exc) -> String {
    format_exception_by(vm, exc, Printer::TracebackModule)
}

/// The whole report of an exception as `printer` prints it.
pub fn format_exception_by(vm: &Vm, exc: &Exc, printer: Printer) -> String {
    let mut out = String::new();
    let mut seen = Vec::new();
    format_chain(vm, exc, &mut out, &mut seen, printer);
    out
}

/// [`format_exception`] without its final `Type: message` line: for a
/// report that ends in a line of its own (a time limit, the REPL's
/// `CancelledError`).
pub fn format_exception_head(vm: &Vm, exc: &Exc) -> String {
    let full = format_exception(vm, exc);
    let mut lines: Vec<&str> = full.lines().collect();
    lines.pop();
    let mut head = lines.join("\n");
    if !head.is_empty() {
        head.push('\n');
    }
    head
}

fn format_chain(vm: &Vm, exc: &Exc, out: &mut String, seen: &mut Vec<usize>, printer: Printer) {
    let id = std::rc::Rc::as_ptr(&exc.0) as usize;
    if seen.contains(&id) {
        return;
    }
    seen.push(id);
    if let Some(d) = exc.0.exc() {
        let (cause, context, suppress) = {
            let d = d.borrow();
            (d.cause.clone(), d.context.clone(), d.suppress_context)
        };
        if let Some(Value::Instance(c)) = cause {
            format_chain(vm, &Exc(c), out, seen, printer);
            out.push_str(
                "\nThe above exception was the direct cause of the following exception:\n\n",
            );
        } else if let (Some(Value::Instance(c)), false) = (context, suppress) {
            format_chain(vm, &Exc(c), out, seen, printer);
            out.push_str(
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            );
        }
    }
    format_one(vm, exc, out, "", printer);
}

/// Identical traceback lines shown before the rest are summarised.
const RECURSIVE_CUTOFF: usize = 3;

/// The traceback lines and the final line of one exception.
fn format_one(vm: &Vm, exc: &Exc, out: &mut String, indent: &str, printer: Printer) {
    let entries = exc
        .0
        .exc()
        .map(|d| d.borrow().traceback.clone())
        .unwrap_or_default();
    let is_group = exc
        .0
        .class
        .is_subtype(vm.exc_type(crate::eval::ExcKind::BaseExceptionGroup));
    if !entries.is_empty() {
        if is_group {
            out.push_str(&format!(
                "{indent}  + Exception Group Traceback (most recent call last):\n"
            ));
        } else {
            out.push_str(&format!("{indent}Traceback (most recent call last):\n"));
        }
        let sources = vm.sources.borrow();
        let pad = if is_group { "  | " } else { "" };
        // As CPython's traceback module: after three identical lines in a
        // row, the rest are counted, not printed.
        let mut last: Option<(u32, usize, &str)> = None;
        let mut count = 0usize;
        let repeated = |out: &mut String, count: usize| {
            if count > RECURSIVE_CUTOFF {
                let n = count - RECURSIVE_CUTOFF;
                out.push_str(&format!(
                    "{indent}{pad}  [Previous line repeated {n} more time{}]\n",
                    if n > 1 { "s" } else { "" }
                ));
            }
        };
        for e in entries.iter().rev() {
            if let Some(src) = sources.get(e.file as usize) {
                let line = src.line_of(e.span.start);
                let key = (e.file, line, e.name.as_str());
                if last == Some(key) {
                    count += 1;
                    if count > RECURSIVE_CUTOFF {
                        continue;
                    }
                } else {
                    repeated(out, count);
                    last = Some(key);
                    count = 1;
                }
                out.push_str(&format!(
                    "{indent}{pad}  File \"{}\", line {line}, in {}\n",
                    src.name, e.name
                ));
                let text = src.line_text(line).trim();
                if !text.is_empty() {
                    out.push_str(&format!("{indent}{pad}    {text}\n"));
                }
            }
        }
        repeated(out, count);
    }
    let pad = if is_group && !entries.is_empty() {
        "  | "
    } else {
        ""
    };
    out.push_str(&format!(
        "{indent}{pad}{}\n",
        final_line_by(vm, exc, printer)
    ));
    if let Some(d) = exc.0.exc() {
        for note in &d.borrow().notes {
            if let Value::Str(s) = note {
                out.push_str(&format!("{indent}{pad}{}\n", s.as_str()));
            }
        }
    }
    if is_group {
        let members = super::exceptions::group_members(vm, &exc.0);
        let n = members.len();
        for (i, m) in members.iter().enumerate() {
            let Value::Instance(inst) = m else { continue };
            let head = if i == 0 { "+-+" } else { "  +" };
            out.push_str(&format!(
                "{indent}  {head}---------------- {} ----------------\n",
                i + 1
            ));
            let mut inner = String::new();
            format_chain(vm, &Exc(inst.clone()), &mut inner, &mut Vec::new(), printer);
            for line in inner.lines() {
                out.push_str(&format!("{indent}    | {line}\n"));
            }
            if i + 1 == n {
                out.push_str(&format!(
                    "{indent}    +------------------------------------\n"
                ));
            }
        }
    }
}

/// `Type: message` (or just `Type`), as the last line of a traceback
/// module report.
pub fn final_line(vm: &Vm, exc: &Exc) -> String {
    final_line_by(vm, exc, Printer::TracebackModule)
}

/// `Type: message` as `printer` ends a report.
fn final_line_by(vm: &Vm, exc: &Exc, printer: Printer) -> String {
    let name = exc.class_name();
    let msg = match str_of(vm, &exc.value()) {
        Ok(m) => m,
        Err(_) => "<exception str() failed>".to_owned(),
    };
    let msg = match suggestion(vm, exc).filter(|_| printer == Printer::Interpreter) {
        Some(s) => format!("{msg}. Did you mean: '{s}'?"),
        None => msg,
    };
    if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// CPython's "Did you mean" suggestion for name and attribute errors.
fn suggestion(vm: &Vm, exc: &Exc) -> Option<String> {
    super::suggest::suggestion(vm, exc)
}

/// Prints an exception that cannot propagate (raised in a finalizer), as
/// CPython's "Exception ignored in" report.
pub fn print_unraisable(vm: &Vm, exc: &Exc, obj: &str) {
    let mut text = format!("Exception ignored in: {obj}\n");
    text.push_str(&format_exception(vm, exc));
    vm.write_err(&text);
}
