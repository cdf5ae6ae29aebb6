//! Whatever the input, the parser returns a tree or an error: it never
//! panics, and every span it reports lies on character boundaries inside
//! the source. The inputs are the test programs with random edits (a
//! deterministic generator, so failures reproduce).

mod common;

use apy::ast::Span;
use apy::errors::CompileError;
use apy::parser::parse_module;
use common::*;

const PIECES: &[&str] = &[
    "(", ")", "[", "]", "{", "}", ":", ",", ";", "=", "==", "\n", "\n    ", "\t", "\\", "\\\n",
    "'", "\"", "'''", "f'{", "}", "{x", "#", "*", "**", "lambda", "if", "else", "for", "in", "def",
    "class", "match", "case", "async", "await", "yield", " ", "0x", "1e", "_", "é", "…", "\r",
    "\x0c", "@", "->", ":=", "...", "not", "import", "from", ".", "del", "try:", "except*",
    "with (", " as ", "\u{feff}", "\0",
];

fn check(src: &str) -> Result<(), String> {
    let result = std::panic::catch_unwind(|| parse_module(src));
    let span = match result {
        Err(_) => return Err("panicked".into()),
        Ok(Ok(_)) => return Ok(()),
        Ok(Err(CompileError::Syntax { span, .. }))
        | Ok(Err(CompileError::Unsupported { span, .. })) => span,
    };
    let ok = |s: Span| {
        s.start <= s.end
            && (s.end as usize) <= src.len()
            && src.is_char_boundary(s.start as usize)
            && src.is_char_boundary(s.end as usize)
    };
    if !ok(span) {
        return Err(format!("bad error span {span:?}"));
    }
    Ok(())
}

fn mutate(rng: &mut Rng, src: &str) -> String {
    let mut s = src.to_string();
    for _ in 0..1 + rng.below(4) {
        let mut at = rng.below(s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(3) {
            0 => s.insert_str(at, PIECES[rng.below(PIECES.len())]),
            1 => {
                let mut end = (at + 1 + rng.below(8)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, "");
            }
            _ => {
                let piece = PIECES[rng.below(PIECES.len())];
                let mut end = (at + rng.below(4)).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                s.replace_range(at..end, piece);
            }
        }
    }
    s
}

#[test]
fn mutated_programs_never_panic() {
    let sources: Vec<String> = std::fs::read_dir(data("spec"))
        .expect("spec dir")
        .chain(std::fs::read_dir(data("../cases/conformance/core")).expect("core programs"))
        .chain(std::fs::read_dir(data("../cases/conformance/async")).expect("async programs"))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("py"))
        .map(|p| read(&p))
        .collect();
    let failures = with_stack(64, move || {
        let mut rng = Rng(0x9e3779b97f4a7c15);
        let mut failures = Vec::new();
        std::panic::set_hook(Box::new(|_| {}));
        for round in 0..3000 {
            let src = &sources[round % sources.len()];
            // Small windows of the program keep each parse cheap.
            let lines: Vec<&str> = src.lines().collect();
            let from = rng.below(lines.len());
            let text = lines[from..(from + 12).min(lines.len())].join("\n");
            let m = mutate(&mut rng, &text);
            if let Err(e) = check(&m) {
                failures.push(format!("{m:?}: {e}"));
            }
        }
        let _ = std::panic::take_hook();
        failures
    });
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(20)].join("\n")
    );
}

#[test]
fn odd_inputs_never_panic() {
    let cases = [
        "",
        "\n",
        " ",
        "\t",
        "\\",
        "\\\n",
        "#",
        "\u{feff}x = 1\n",
        "\0",
        "x\0",
        "'",
        "'''",
        "f'",
        "f'{",
        "f'{}'",
        "f'{x!'",
        "f'{x:'",
        "f'{x:{'",
        "(",
        ")",
        "[(])",
        "\r",
        "\r\n",
        "\x0c",
        " \x0c x",
        "if x:\n\tpass\n        pass",
        "@",
        "@\n",
        "lambda",
        "lambda:",
        "match",
        "match x",
        "match x:",
        "case",
        "x = 1e",
        "0b",
        "0x_",
        "1__",
        "é",
        "…",
        "\u{2028}",
        "a\u{300}",
        "\u{300}a",
        "'\\N{'",
        "'\\N{}'",
        "'\\N{BULLET'",
        "b'\\x'",
        "'\\U0011ffff'",
        "def f(**",
        "class",
        "from . import",
        "from",
        "import",
        "try:",
        "except",
        "with (",
        "async",
        "await",
        "x = (yield",
        "del (",
        "*",
        "**",
        "x[",
        "x[:",
        "f(*",
        "{**",
        "{*",
        "[*",
        "a if",
        "a if b else",
    ];
    for src in cases {
        if let Err(e) = check(src) {
            panic!("{src:?}: {e}");
        }
    }
}
