//! Printing warnings as CPython's default filter does: once per message,
//! category and location, as `file:line: Category: message` plus the line.

use crate::eval::Vm;

/// Prints a warning attributed to the statement running now.
pub fn warn_at_current(vm: &Vm, category: &str, message: &str, tracemalloc_hint: bool) {
    let (file, offset) = vm.current_position();
    let located = {
        let sources = vm.sources.borrow();
        sources.get(file as usize).map(|src| {
            let line = src.line_of(offset);
            (
                src.name.clone(),
                line,
                src.line_text(line).trim().to_owned(),
            )
        })
    };
    // Each source (a script, a REPL input, a doc block) has its own
    // registry of warnings already shown, keyed by line.
    let key = match &located {
        Some((_, line, _)) => format!("{category}:{message}:{file}:{line}"),
        None => format!("{category}:{message}:sys:1"),
    };
    if !vm.warned.borrow_mut().insert(key) {
        return;
    }
    // At interpreter shutdown CPython cannot import tracemalloc any more,
    // so it prints no hint.
    let tracemalloc_hint = tracemalloc_hint && located.is_some();
    let mut text = match located {
        Some((name, line, src)) => format!("{name}:{line}: {category}: {message}\n  {src}\n"),
        None => format!("sys:1: {category}: {message}\n"),
    };
    if tracemalloc_hint {
        text.push_str(&format!(
            "{category}: Enable tracemalloc to get the object allocation traceback\n"
        ));
    }
    vm.write_err(&text);
}
