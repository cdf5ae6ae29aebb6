//! Deeply nested and very long inputs neither overflow the stack nor
//! take long, and CPython's nesting limits give its errors.
//!
//! Each test runs the parser on a thread with an 8 MB stack, the size of a
//! main thread (test threads have only 2 MB), in the debug build too;
//! dropping the deep trees is part of the test.

mod common;

use apy::ast::{ExprKind, StmtKind};
use apy::errors::{CompileError, SyntaxClass};
use apy::parser::parse_module;
use common::with_stack;

fn nested_parens(n: usize) -> String {
    format!("x = {}1{}\n", "(".repeat(n), ")".repeat(n))
}

fn message(r: Result<apy::ast::Module, CompileError>) -> String {
    match r {
        Ok(_) => "ok".into(),
        Err(CompileError::Syntax { message, .. }) => message,
        Err(CompileError::Unsupported { construct, .. }) => format!("unsupported {construct}"),
    }
}

#[test]
fn nesting_199_parentheses_parses_on_an_8mb_stack() {
    let r = with_stack(8, || message(parse_module(&nested_parens(199))));
    assert_eq!(r, "ok");
}

#[test]
fn nesting_200_parentheses_parses_on_an_8mb_stack() {
    let r = with_stack(8, || message(parse_module(&nested_parens(200))));
    assert_eq!(r, "ok");
}

#[test]
fn nesting_201_brackets_is_too_many() {
    let r = with_stack(8, || message(parse_module(&nested_parens(201))));
    assert_eq!(r, "too many nested parentheses");
    let r = with_stack(8, || {
        message(parse_module(&format!("x = {}", "[".repeat(1000))))
    });
    assert_eq!(r, "too many nested parentheses");
}

#[test]
fn mixed_deep_nesting_parses() {
    // Lists, calls, subscripts, dicts and lambdas nested to the limit.
    let mut src = String::from("x = ");
    for i in 0..66 {
        src.push_str(match i % 3 {
            0 => "[",
            1 => "f(",
            _ => "{1: ",
        });
    }
    src.push('0');
    for i in (0..66).rev() {
        src.push_str(match i % 3 {
            0 => "]",
            1 => ")",
            _ => "}",
        });
    }
    src.push('\n');
    let r = with_stack(8, move || message(parse_module(&src)));
    assert_eq!(r, "ok");
}

#[test]
fn ten_thousand_term_sum_parses() {
    let src = format!("x = 1{}\n", " + 1".repeat(9_999));
    let depth = with_stack(8, move || {
        let m = parse_module(&src).expect("parses");
        // Left-nested: walk down the left spine without recursion.
        let StmtKind::Assign { value, .. } = &m.body[0].kind else {
            panic!("not an assignment")
        };
        let mut e = value;
        let mut depth = 0;
        while let ExprKind::BinOp { left, .. } = &e.kind {
            e = left;
            depth += 1;
        }
        drop(m); // dropping recurses down the left spine
        depth
    });
    assert_eq!(depth, 9_999);
}

#[test]
fn long_flat_inputs_parse() {
    let many_args = format!("f({})\n", vec!["x"; 5000].join(", "));
    let many_stmts = "x = x + 1\n".repeat(5000);
    let long_chain = format!("x = a{}\n", ".b".repeat(5000));
    let long_compare = format!("x = a{}\n", " < a".repeat(2000));
    let long_bool = format!("x = a{}\n", " and a".repeat(5000));
    let long_pow = format!("x = 2{}\n", " ** 2".repeat(500));
    let nots = format!("x = {}a\n", "not ".repeat(2000));
    let lambdas = format!("x = {}1\n", "lambda: ".repeat(1000));
    let conditionals = format!("x = {}1\n", "1 if 1 else ".repeat(1000));
    let blocks = (0..99)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(99)
        + "pass\n";
    let negs = format!("x = {}a\n", "-".repeat(2000));
    for src in [
        many_args,
        many_stmts,
        long_chain,
        long_compare,
        long_bool,
        long_pow,
        nots,
        negs,
        lambdas,
        conditionals,
        blocks,
    ] {
        let r = with_stack(8, move || message(parse_module(&src)));
        assert_eq!(r, "ok");
    }
}

#[test]
fn deep_indentation_limits() {
    let mut ok = String::from("if x:\n");
    for i in 1..99 {
        ok.push_str(&format!("{}if x:\n", " ".repeat(i)));
    }
    ok.push_str(&format!("{}pass\n", " ".repeat(99)));
    let too_deep = ok.replace(
        &format!("{}pass\n", " ".repeat(99)),
        &format!("{}if x:\n{}pass\n", " ".repeat(99), " ".repeat(100)),
    );
    let r = with_stack(8, move || message(parse_module(&ok)));
    assert_eq!(r, "ok");
    let r = with_stack(8, move || parse_module(&too_deep).err());
    match r {
        Some(CompileError::Syntax { class, message, .. }) => {
            assert_eq!(class, SyntaxClass::IndentationError);
            assert_eq!(message, "too many levels of indentation");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn deep_nesting_also_parses_on_a_big_stack() {
    let r = with_stack(256, || message(parse_module(&nested_parens(199))));
    assert_eq!(r, "ok");
}
