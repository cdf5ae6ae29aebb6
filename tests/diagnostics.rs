//! Snapshots of what apy prints when it refuses a program: syntax errors
//! (CPython's class and wording, file:line:col, a label on the span, and
//! CPython's final `SyntaxError: ...` line) and unsupported constructs
//! (`apy::unsupported`, exit status 2).
//!
//! Each input is written to `NAME.py` in a scratch folder and run there as
//! `apy NAME.py` with `NO_COLOR=1`; the snapshot (`tests/snapshots/`) holds
//! the exit status and stderr, with the input as its description.
//! Review changes with `cargo insta review` or `INSTA_UPDATE=always`.

#[path = "common/process.rs"]
mod process;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use process::APY;

/// Runs `source` as `NAME.py` and snapshots its exit status and stderr.
fn check(name: &str, source: &str) {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("diagnostics");
    std::fs::create_dir_all(&dir).unwrap();
    let file = format!("{name}.py");
    std::fs::write(dir.join(&file), source).unwrap();
    let mut cmd = Command::new(APY);
    cmd.arg(&file).current_dir(&dir).env("NO_COLOR", "1");
    let run = process::run(&mut cmd, Duration::from_secs(10)).unwrap();
    assert!(run.stdout.is_empty(), "{name}: unexpected stdout");
    let status = match run.ending.code() {
        Some(code) => code.to_string(),
        None => "timed out".to_owned(),
    };
    let stderr = String::from_utf8_lossy(&run.stderr);
    insta::with_settings!({ description => source, omit_expression => true }, {
        insta::assert_snapshot!(name, format!("exit status: {status}\n{stderr}"));
    });
}

macro_rules! diagnostics {
    ($($name:ident: $source:expr;)*) => {
        $(
            #[test]
            fn $name() {
                check(stringify!($name), $source);
            }
        )*
    };
}

diagnostics! {
    // Syntax errors found by the tokenizer and the parser.
    missing_colon: "if True\n    pass\n";
    unterminated_string: "x = \"abc\nprint(x)\n";
    unterminated_triple_quoted: "x = 1\ny = \"\"\"abc\n\nprint(y)\n";
    unclosed_paren: "total = sum((1,\n            2)\nprint(total)\n";
    mismatched_bracket: "x = [1, 2)\n";
    incomplete_expression: "x = 1 +\n";
    invalid_character: "price = 5 $\n";
    invalid_assignment_target: "f() = 3\n";
    // Indentation.
    expected_indented_block: "def f():\nreturn 1\n";
    unexpected_indent: "if x:\n    a = 1\n      b = 2\n";
    unindent_mismatch: "for x in range(3):\n    pass\n  y = 1\n";
    tab_error: "def f():\n    x = 1\n\ty = 2\n";
    // Errors CPython's compiler raises after parsing.
    return_outside_function: "x = 1\nreturn x\n";
    await_outside_async_function: "def f():\n    await g()\n";
    yield_from_in_async_function: "async def f():\n    yield from g()\n";
    break_outside_loop: "if True:\n    break\n";
    duplicate_argument: "def f(a, b, a):\n    pass\n";
    // CPython points at 1:1 (the whole statement); apy at the name, 1:10.
    nonlocal_at_module_level: "nonlocal x\n";
    // Constructs outside the subset apy runs: refused before running...
    unsupported_complex_literal: "z = 1 + 2j\nprint(z)\n";
    unsupported_await_in_target: "async def put(d, key):\n    d[await key()] = 1\n";
    // ...or stopped when execution reaches them.
    unsupported_exec: "code = 'x = 1'\nexec(code)\n";
    unsupported_metaclass: "class Meta(type):\n    pass\n";
    // CPython names a line of its installed asyncio/tasks.py here.
    unsupported_repr_of_sleep_task: "import asyncio\nasync def main():\n    t = asyncio.create_task(asyncio.sleep(1))\n    await asyncio.sleep(0)\n    print(t)\nasyncio.run(main())\n";
    // CPython's class holds a member descriptor per slot, and lists it.
    unsupported_slot_member: "class S:\n    __slots__ = ('a',)\nprint(hasattr(S, 'a'))\n";
    unsupported_dict_of_slotted_class: "class S:\n    __slots__ = ('a',)\nprint(list(S.__dict__))\n";
    // The namespace lists CPython's loader and builtins module, which apy
    // does not model: using them stops.
    unsupported_main_loader: "print(globals())\n";
    unsupported_main_builtins: "print(__builtins__.len)\n";
    unsupported_type_of_main_loader: "print(type(__loader__))\n";
    unsupported_isinstance_of_main_builtins: "import sys\nprint(isinstance(__builtins__, type(sys)))\n";
}
