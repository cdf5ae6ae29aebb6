//! Line editing at a terminal (rustyline): history kept in the user's
//! state directory, multi-line editing of whole blocks with automatic
//! indentation, syntax highlighting, Tab completion of names and
//! attributes, and a printer that shows background output above the line
//! being edited.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use rustyline::completion::{Completer, Pair};
use rustyline::error::ReadlineError;
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{
    Cmd, ConditionalEventHandler, Context, Editor, Event, EventContext, EventHandler,
    ExternalPrinter, Helper, KeyCode, KeyEvent, Modifiers, RepeatCount,
};

use super::{Input, Request, classify};
use crate::eval::Vm;
use crate::session::Session;

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield", "match", "case",
];

/// The history file: `$XDG_STATE_HOME/apy/history`, else
/// `~/.local/state/apy/history`.
pub fn history_path() -> Option<PathBuf> {
    let base = match std::env::var_os("XDG_STATE_HOME") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(std::env::var_os("HOME")?)
            .join(".local")
            .join("state"),
    };
    Some(base.join("apy").join("history"))
}

/// Where program output goes at a terminal (above the edited line).
pub type Printer = Box<dyn FnMut(&str) + Send>;

/// The terminal side of the REPL.
pub struct Terminal {
    editor: Editor<ReplHelper, DefaultHistory>,
    history: Option<PathBuf>,
}

impl Terminal {
    /// A line editor on the terminal; `None` if the terminal cannot be used.
    pub fn new() -> Option<Terminal> {
        let config = rustyline::Config::builder().auto_add_history(false).build();
        let mut editor: Editor<ReplHelper, DefaultHistory> = Editor::with_config(config).ok()?;
        editor.set_helper(Some(ReplHelper { requests: None }));
        editor.bind_sequence(
            Event::from(KeyEvent(KeyCode::Enter, Modifiers::NONE)),
            EventHandler::Conditional(Box::new(AutoIndent)),
        );
        // Type-ahead reaches the editor through the terminal's cooked mode,
        // which turns Enter into a line feed (Ctrl-J): treat it as Enter.
        editor.bind_sequence(
            Event::from(KeyEvent::ctrl('J')),
            EventHandler::Conditional(Box::new(AutoIndent)),
        );
        let history = history_path();
        if let Some(p) = &history {
            let _ = editor.load_history(p);
        }
        Some(Terminal { editor, history })
    }

    /// Creates the external printer (call once, before reading).
    pub fn external_printer(&mut self) -> Option<Printer> {
        let mut p = self.editor.create_external_printer().ok()?;
        Some(Box::new(move |s: &str| {
            let _ = p.print(s.to_owned());
        }))
    }

    /// Gives Tab completion a way to ask the interpreter for names.
    pub fn set_requests(&mut self, requests: mpsc::Sender<Request>) {
        self.editor.set_helper(Some(ReplHelper {
            requests: Some(requests),
        }));
    }

    /// Reads one complete input (possibly several lines).
    pub fn read(&mut self, prompt: &str) -> Result<String, ReadlineError> {
        self.editor.readline(prompt)
    }

    /// Records an input in the history file.
    pub fn remember(&mut self, input: &str) {
        if input.trim().is_empty() {
            return;
        }
        let _ = self.editor.add_history_entry(input);
        if let Some(p) = &self.history {
            if let Some(dir) = p.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            let _ = self.editor.append_history(p);
        }
    }
}

/// Enter: a new, indented line while the input is incomplete; otherwise
/// run it.
struct AutoIndent;

impl ConditionalEventHandler for AutoIndent {
    fn handle(
        &self,
        _evt: &Event,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext,
    ) -> Option<Cmd> {
        let line = ctx.line();
        match classify(line) {
            Input::Incomplete => {
                let last = line.rsplit('\n').next().unwrap_or("");
                let mut indent: String = last
                    .chars()
                    .take_while(|c| *c == ' ' || *c == '\t')
                    .collect();
                if last.trim_end().ends_with(':') {
                    indent.push_str("    ");
                }
                Some(Cmd::Insert(1, format!("\n{indent}")))
            }
            _ => Some(Cmd::AcceptLine),
        }
    }
}

/// Highlighting, completion and validation.
struct ReplHelper {
    requests: Option<mpsc::Sender<Request>>,
}

impl Helper for ReplHelper {}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext) -> rustyline::Result<ValidationResult> {
        Ok(match classify(ctx.input()) {
            Input::Incomplete => ValidationResult::Incomplete,
            _ => ValidationResult::Valid(None),
        })
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let before = &line[..pos];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
            .last()
            .map(|(i, _)| i)
            .unwrap_or(pos);
        let word = &before[start..];
        let (base, partial) = match word.rfind('.') {
            Some(dot) => (&word[..=dot], &word[dot + 1..]),
            None => ("", word),
        };
        let mut names: Vec<String> = Vec::new();
        if let Some(req) = &self.requests {
            let (tx, rx) = mpsc::channel();
            if req.send(Request::Complete(base.to_owned(), tx)).is_ok()
                && let Ok(n) = rx.recv_timeout(Duration::from_millis(300))
            {
                names = n;
            }
        }
        if base.is_empty() {
            names.extend(KEYWORDS.iter().map(|k| k.to_string()));
        }
        names.sort();
        names.dedup();
        let candidates = names
            .into_iter()
            .filter(|n| n.starts_with(partial) && (partial.starts_with('_') || !n.starts_with('_')))
            .map(|n| Pair {
                display: n.clone(),
                replacement: format!("{base}{n}"),
            })
            .collect();
        Ok((start, candidates))
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if !crate::diagnostics::use_color() {
            return Cow::Borrowed(line);
        }
        Cow::Owned(highlight(line))
    }

    fn highlight_char(&self, _line: &str, _pos: usize, _kind: CmdKind) -> bool {
        true
    }
}

/// Colours keywords, strings, numbers and comments with ANSI escapes.
pub fn highlight(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 16);
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c == '#' {
            out.push_str("\x1b[90m");
            out.push_str(&line[start..]);
            out.push_str("\x1b[0m");
            break;
        }
        if c == '\'' || c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j].1 != c {
                if chars[j].1 == '\\' {
                    j += 1;
                }
                j += 1;
            }
            let end = chars.get(j + 1).map(|(p, _)| *p).unwrap_or(line.len());
            out.push_str("\x1b[32m");
            out.push_str(&line[start..end]);
            out.push_str("\x1b[0m");
            i = j + 1;
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i;
            while j < chars.len()
                && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '.' || chars[j].1 == '_')
            {
                j += 1;
            }
            let end = chars.get(j).map(|(p, _)| *p).unwrap_or(line.len());
            out.push_str("\x1b[36m");
            out.push_str(&line[start..end]);
            out.push_str("\x1b[0m");
            i = j;
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            let mut j = i;
            while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '_') {
                j += 1;
            }
            let end = chars.get(j).map(|(p, _)| *p).unwrap_or(line.len());
            let word = &line[start..end];
            if KEYWORDS.contains(&word) {
                out.push_str("\x1b[1;35m");
                out.push_str(word);
                out.push_str("\x1b[0m");
            } else {
                out.push_str(word);
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Names for completing `base` (empty: names in scope; `a.b.`: the
/// attributes of that object).
pub fn completions(vm: &Vm, session: &Session, base: &str) -> Vec<String> {
    let globals = &session.globals;
    if base.is_empty() {
        let mut names: Vec<String> = Vec::new();
        let slots = globals.slots.borrow();
        for (i, n) in globals.names.borrow().iter().enumerate() {
            if !matches!(slots.get(i), Some(crate::value::Value::Unbound) | None) {
                names.push(n.to_string());
            }
        }
        names.extend(vm.builtins.borrow().keys().map(|k| k.to_string()));
        return names;
    }
    let mut parts = base.trim_end_matches('.').split('.');
    let Some(first) = parts.next() else {
        return Vec::new();
    };
    let sym = crate::intern::Sym::new(first);
    let mut obj = match globals
        .get(sym)
        .or_else(|| vm.builtins.borrow().get(&sym).cloned())
    {
        Some(v) => v,
        None => return Vec::new(),
    };
    for p in parts {
        match crate::eval::attr::getattr_opt(vm, &obj, crate::intern::Sym::new(p)) {
            Ok(Some(v)) => obj = v,
            _ => return Vec::new(),
        }
    }
    crate::builtins::functions::attribute_names(vm, &obj)
}
