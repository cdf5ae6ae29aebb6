//! The token stream: what the tokenizer and the indentation pass produce
//! for small inputs, written as a compact listing (`NAME(x) = NUMBER ...`).

use apy::indent::{StreamEnd, tokenize};
use apy::lexer::Tok;

/// The tokens of `src` as a space-separated listing; names show their
/// text, literals their source text.
fn listing(src: &str) -> String {
    let t = tokenize(src);
    let mut out: Vec<String> = t
        .toks
        .iter()
        .zip(&t.spans)
        .map(|(tok, span)| match tok {
            Tok::Name(s) => format!("NAME({s})"),
            Tok::Number(_) => format!("NUM({})", &src[span.range()]),
            Tok::String(_) => format!("STR({})", &src[span.range()]),
            Tok::Newline => "NL".into(),
            Tok::Indent => "IN".into(),
            Tok::Dedent => "DE".into(),
            Tok::EndMarker => "END".into(),
            Tok::ErrorEnd => "ERR".into(),
            Tok::ErrorChar => format!("{}!", &src[span.range()]),
            _ => src[span.range()].to_string(),
        })
        .collect();
    if let StreamEnd::Hard(_) | StreamEnd::Soft(_) = &t.end {
        out.push("(error)".into());
    }
    out.join(" ")
}

#[test]
fn simple_statements() {
    assert_eq!(listing("x = 1\n"), "NAME(x) = NUM(1) NL END");
    assert_eq!(
        listing("x = 1"),
        "NAME(x) = NUM(1) NL END",
        "a missing final newline is supplied"
    );
    assert_eq!(
        listing("a+=b**-c//d"),
        "NAME(a) += NAME(b) ** - NAME(c) // NAME(d) NL END"
    );
    assert_eq!(
        listing("f(x) -> y := z ... @="),
        "NAME(f) ( NAME(x) ) -> NAME(y) := NAME(z) ... @= NL END"
    );
    assert_eq!(
        listing("a != b <= c >> d"),
        "NAME(a) != NAME(b) <= NAME(c) >> NAME(d) NL END"
    );
}

#[test]
fn keywords_and_soft_keywords() {
    assert_eq!(listing("if not x: pass"), "if not NAME(x) : pass NL END");
    assert_eq!(
        listing("match case _"),
        "NAME(match) NAME(case) NAME(_) NL END"
    );
    assert_eq!(listing("iffy = async_"), "NAME(iffy) = NAME(async_) NL END");
}

#[test]
fn unicode_names() {
    assert_eq!(listing("привет = π"), "NAME(привет) = NAME(π) NL END");
}

#[test]
fn numbers() {
    assert_eq!(
        listing("0 1_000 0x_F 0o17 0b1 1.5 .5 1. 1e-3 1j 00"),
        "NUM(0) NUM(1_000) NUM(0x_F) NUM(0o17) NUM(0b1) NUM(1.5) NUM(.5) NUM(1.) NUM(1e-3) NUM(1j) NUM(00) NL END"
    );
    assert_eq!(
        listing("1if x else 2"),
        "NUM(1) if NAME(x) else NUM(2) NL END"
    );
    assert_eq!(listing("1..real"), "NUM(1.) . NAME(real) NL END");
}

#[test]
fn strings() {
    assert_eq!(
        listing(r#"'a' "b" rb'c' F"{d}""#),
        r#"STR('a') STR("b") STR(rb'c') STR(F"{d}") NL END"#
    );
    assert_eq!(listing("'''a\nb'''"), "STR('''a\nb''') NL END");
    assert_eq!(
        listing("'a\\\nb'"),
        "STR('a\\\nb') NL END",
        "a backslash continues a short string"
    );
    assert_eq!(
        listing("ur'x'"),
        "NAME(ur) STR('x') NL END",
        "ur is not a prefix"
    );
}

#[test]
fn indentation() {
    assert_eq!(
        listing("if x:\n    y\n    if z:\n        w\nv\n"),
        "if NAME(x) : NL IN NAME(y) NL if NAME(z) : NL IN NAME(w) NL DE DE NAME(v) NL END"
    );
    assert_eq!(
        listing("if x:\n    y"),
        "if NAME(x) : NL IN NAME(y) NL DE END",
        "dedents at the end"
    );
    assert_eq!(
        listing("if x:\n\ty\n\tz\n"),
        "if NAME(x) : NL IN NAME(y) NL NAME(z) NL DE END"
    );
    assert_eq!(
        listing("if x:\n\ty\n        z\n"),
        "if NAME(x) : NL IN NAME(y) NL ERR (error)",
        "a tab is 8 columns, but mixing tabs and spaces is a TabError"
    );
}

#[test]
fn blank_lines_comments_and_joining() {
    assert_eq!(
        listing("x\n\n   \n# c\n  # d\ny\n"),
        "NAME(x) NL NAME(y) NL END"
    );
    assert_eq!(
        listing("x = (1,\n      2)\n"),
        "NAME(x) = ( NUM(1) , NUM(2) ) NL END"
    );
    assert_eq!(
        listing("x = 1 + \\\n  2\n"),
        "NAME(x) = NUM(1) + NUM(2) NL END"
    );
    assert_eq!(listing("x = 1  # comment\n"), "NAME(x) = NUM(1) NL END");
    assert_eq!(
        listing("x = 1\r\ny = 2\r"),
        "NAME(x) = NUM(1) NL NAME(y) = NUM(2) NL END"
    );
    assert_eq!(listing("\x0cx\n"), "NAME(x) NL END");
}

#[test]
fn errors_end_the_stream() {
    assert_eq!(
        listing("x = $"),
        "NAME(x) = $! NL END",
        "an unknown character is an error token"
    );
    assert_eq!(
        listing("x = (1,\n"),
        "NAME(x) = ( NUM(1) , ERR",
        "end of input inside brackets"
    );
    assert_eq!(
        listing("if x:\n    a\n  b\n"),
        "if NAME(x) : NL IN NAME(a) NL ERR (error)",
        "inconsistent dedent"
    );
    assert_eq!(
        listing("x = 'abc\ny = 1\n"),
        "NAME(x) = ERR (error)",
        "unterminated string"
    );
}

#[test]
fn spans_are_byte_offsets() {
    let src = "é = 'ü'\n";
    let t = tokenize(src);
    let texts: Vec<&str> = t.spans.iter().map(|s| &src[s.range()]).collect();
    assert_eq!(texts, ["é", "=", "'ü'", "", ""]);
}
