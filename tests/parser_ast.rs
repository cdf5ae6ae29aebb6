//! Details of the tree that the CPython comparison does not show: the
//! fields apy adds (header spans, alias targets, lambdas as functions,
//! f-string fields) and the conventions of the AST contract.

use apy::ast::*;
use apy::parser::parse_module;

fn parse(src: &str) -> Module {
    parse_module(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
}

fn text(src: &str, span: Span) -> &str {
    &src[span.range()]
}

fn expr_of(m: &Module) -> &Expr {
    match &m.body[0].kind {
        StmtKind::Expr(e) => e,
        StmtKind::Assign { value, .. } => value,
        other => panic!("not an expression statement: {other:?}"),
    }
}

#[test]
fn function_and_class_headers() {
    let src =
        "@dec\nasync def f(a, b=1) -> int:\n    return a\nclass C(B, metaclass=M):\n    x = 1\n";
    let m = parse(src);
    let StmtKind::FunctionDef(f) = &m.body[0].kind else {
        panic!()
    };
    assert_eq!(text(src, f.header_span), "async def f(a, b=1) -> int:");
    assert_eq!(
        text(src, f.span),
        "@dec\nasync def f(a, b=1) -> int:\n    return a"
    );
    assert_eq!(
        text(src, m.body[0].span),
        "async def f(a, b=1) -> int:\n    return a"
    );
    assert!(f.is_async && !f.is_lambda);
    assert_eq!(f.binding.id, f.name);
    let StmtKind::ClassDef(c) = &m.body[1].kind else {
        panic!()
    };
    assert_eq!(text(src, c.header_span), "class C(B, metaclass=M):");
    assert_eq!(c.keywords[0].arg.map(|s| s.as_str()), Some("metaclass"));
}

#[test]
fn lambda_is_a_function_returning_its_body() {
    let src = "f = lambda x, *a: x + 1\n";
    let m = parse(src);
    let ExprKind::Lambda(f) = &expr_of(&m).kind else {
        panic!()
    };
    assert_eq!(f.name.as_str(), "<lambda>");
    assert!(f.is_lambda);
    assert_eq!(f.params.args.len(), 1);
    assert!(f.params.vararg.is_some());
    let [
        Stmt {
            kind: StmtKind::Return(Some(body)),
            ..
        },
    ] = f.body.as_slice()
    else {
        panic!()
    };
    assert_eq!(text(src, body.span), "x + 1");
}

#[test]
fn import_aliases_bind_the_right_name() {
    let src = "import a.b.c, d as e\nfrom ..m import x as y, z\nfrom . import *\n";
    let m = parse(src);
    let StmtKind::Import(names) = &m.body[0].kind else {
        panic!()
    };
    assert_eq!(names[0].name, "a.b.c");
    assert_eq!(names[0].target.id.as_str(), "a");
    assert_eq!(names[1].target.id.as_str(), "e");
    let StmtKind::ImportFrom {
        module,
        names,
        level,
    } = &m.body[1].kind
    else {
        panic!()
    };
    assert_eq!((module.as_deref(), *level), (Some("m"), 2));
    assert_eq!(names[0].target.id.as_str(), "y");
    assert_eq!(names[1].target.id.as_str(), "z");
    let StmtKind::ImportFrom {
        module: None,
        names,
        level: 1,
    } = &m.body[2].kind
    else {
        panic!()
    };
    assert!(names.is_empty(), "`*` has no alias");
}

#[test]
fn elif_is_an_if_alone_in_orelse() {
    let m = parse("if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n");
    let StmtKind::If { orelse, .. } = &m.body[0].kind else {
        panic!()
    };
    let [
        Stmt {
            kind: StmtKind::If { orelse: inner, .. },
            ..
        },
    ] = orelse.as_slice()
    else {
        panic!()
    };
    assert!(matches!(
        inner.as_slice(),
        [Stmt {
            kind: StmtKind::Pass,
            ..
        }]
    ));
}

#[test]
fn fstring_fields_point_into_the_source() {
    let src = "s = f'a{x + 1!r:>{w}} {y=}'\n";
    let m = parse(src);
    let ExprKind::FString(parts) = &expr_of(&m).kind else {
        panic!()
    };
    let FStringPart::Field(first) = &parts[1] else {
        panic!()
    };
    assert_eq!(text(src, first.value.span), "x + 1");
    assert_eq!(first.conversion, Some('r'));
    let spec = first.format_spec.as_ref().expect("format spec");
    let FStringPart::Field(w) = &spec[1] else {
        panic!()
    };
    assert_eq!(text(src, w.value.span), "w");
    let FStringPart::Field(dbg) = &parts[3] else {
        panic!()
    };
    assert_eq!(dbg.debug_text.as_deref(), Some("y="));
    assert_eq!(dbg.conversion, Some('r'), "`{{y=}}` repr()s like CPython");
}

#[test]
fn constants_and_concatenation() {
    let src = "x = 'a' \"b\" '''c'''\ny = b'\\x00' b'\\xff'\nz = 123456789012345678901234567890\nw = 1.5j\n";
    let m = parse(src);
    let values: Vec<&Expr> = m
        .body
        .iter()
        .map(|s| match &s.kind {
            StmtKind::Assign { value, .. } => value,
            _ => panic!(),
        })
        .collect();
    assert!(matches!(&values[0].kind, ExprKind::Constant(Constant::Str(s)) if &**s == "abc"));
    assert!(matches!(&values[1].kind, ExprKind::Constant(Constant::Bytes(b)) if **b == [0u8, 255]));
    assert!(
        matches!(&values[2].kind, ExprKind::Constant(Constant::BigInt(b)) if b.to_string() == "123456789012345678901234567890")
    );
    assert!(matches!(values[3].kind, ExprKind::Constant(Constant::Imaginary(f)) if f == 1.5));
}

#[test]
fn subscripts_with_several_indices_are_tuples() {
    let src = "d[1, 2:3]\n";
    let m = parse(src);
    let ExprKind::Subscript { index, .. } = &expr_of(&m).kind else {
        panic!()
    };
    let ExprKind::Tuple(items) = &index.kind else {
        panic!()
    };
    assert!(matches!(items[1].kind, ExprKind::Slice { .. }));
}

#[test]
fn annotated_assignment_simple_flag() {
    let m = parse("x: int = 1\n(y): int = 2\nz.a: int\n");
    let simple: Vec<bool> = m
        .body
        .iter()
        .map(|s| match &s.kind {
            StmtKind::AnnAssign { simple, .. } => *simple,
            _ => panic!(),
        })
        .collect();
    assert_eq!(simple, [true, false, false]);
}

#[test]
fn resolver_fields_start_unset() {
    let m = parse("def f(x):\n    return [y for y in x]\n");
    let StmtKind::FunctionDef(f) = &m.body[0].kind else {
        panic!()
    };
    assert!(f.qualname.is_empty());
    assert_eq!(f.binding.slot, Slot::Unresolved);
    assert!(!m.body[0].suspends);
    let [
        Stmt {
            kind: StmtKind::Return(Some(e)),
            ..
        },
    ] = f.body.as_slice()
    else {
        panic!()
    };
    let ExprKind::Comprehension(c) = &e.kind else {
        panic!()
    };
    assert!(!c.is_async);
}

#[test]
fn incomplete_input_is_flagged_for_the_repl() {
    use apy::errors::CompileError;
    for (src, incomplete) in [
        ("if x:", true),
        ("x = (1,", true),
        ("s = '''abc", true),
        ("x = 1 \\", true),
        ("@dec", true),
        ("x = 1 +", false),
        ("x = = 1", false),
        ("x = 'abc", false),
    ] {
        match parse_module(src) {
            Err(CompileError::Syntax {
                incomplete: got, ..
            }) => assert_eq!(got, incomplete, "{src:?}"),
            other => panic!("{src:?}: {other:?}"),
        }
    }
}

#[test]
fn unsupported_constructs_are_reported_not_guessed() {
    use apy::errors::CompileError;
    for src in [
        "ﬁ = 1\n",
        "x = '\\N{SOME NAME APY DOES NOT KNOW}'\n",
        "x = Ｘ\n",
    ] {
        match parse_module(src) {
            Err(CompileError::Unsupported { span, .. }) => {
                assert!(src.is_char_boundary(span.start as usize), "{src:?}")
            }
            other => panic!("{src:?}: {other:?}"),
        }
    }
}
