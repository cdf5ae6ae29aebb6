//! The checks CPython's compiler makes on `match` patterns: unreachable
//! cases after an irrefutable pattern, names bound twice, alternatives
//! binding different names, several starred names, repeated mapping keys
//! and class-pattern attributes.

use crate::ast::*;
use crate::errors::CompileError;
use crate::intern::Sym;

fn err(out: &mut Vec<CompileError>, msg: String, span: Span) {
    out.push(CompileError::syntax(msg, span));
}

/// Appends the errors of the patterns of one `match` statement to `out`.
pub(crate) fn check_match(cases: &[MatchCase], out: &mut Vec<CompileError>) {
    for (i, case) in cases.iter().enumerate() {
        let allow = case.guard.is_some() || i + 1 == cases.len();
        let mut names = Vec::new();
        check(&case.pattern, allow, &mut names, out);
    }
}

fn bind(name: Option<NameRef>, span: Span, names: &mut Vec<Sym>, out: &mut Vec<CompileError>) {
    if let Some(n) = name {
        if names.contains(&n.id) {
            err(
                out,
                format!("multiple assignments to name '{}' in pattern", n.id),
                span,
            );
        } else {
            names.push(n.id);
        }
    }
}

/// The last capture in `p`, where CPython reports a problem with the names
/// an alternative binds.
fn last_capture(p: &Pattern) -> Span {
    let mut found = p.span;
    let mut stack = vec![p];
    while let Some(p) = stack.pop() {
        match &p.kind {
            PatternKind::As { pattern, name } => {
                if name.is_some() && pattern.is_none() {
                    found = p.span;
                }
                if let Some(q) = pattern {
                    stack.push(q);
                }
            }
            PatternKind::Sequence(ps) | PatternKind::Or(ps) => stack.extend(ps.iter().rev()),
            PatternKind::Mapping { patterns, .. } => stack.extend(patterns.iter().rev()),
            PatternKind::Class {
                patterns,
                kwd_patterns,
                ..
            } => stack.extend(patterns.iter().chain(kwd_patterns).rev()),
            _ => {}
        }
    }
    found
}

fn check(p: &Pattern, allow: bool, names: &mut Vec<Sym>, out: &mut Vec<CompileError>) {
    match &p.kind {
        PatternKind::Value(_) | PatternKind::Singleton(_) => {}
        PatternKind::As {
            pattern: None,
            name,
        } => {
            if !allow {
                let msg = match name {
                    Some(n) => format!(
                        "name capture '{}' makes remaining patterns unreachable",
                        n.id
                    ),
                    None => "wildcard makes remaining patterns unreachable".to_string(),
                };
                err(out, msg, p.span);
            }
            bind(*name, p.span, names, out);
        }
        PatternKind::As {
            pattern: Some(q),
            name,
        } => {
            check(q, allow, names, out);
            bind(*name, p.span, names, out);
        }
        PatternKind::Star(name) => bind(*name, p.span, names, out),
        PatternKind::Sequence(items) => {
            let stars = items
                .iter()
                .filter(|q| matches!(q.kind, PatternKind::Star(_)))
                .count();
            if stars > 1 {
                err(
                    out,
                    "multiple starred names in sequence pattern".into(),
                    p.span,
                );
            }
            for q in items {
                check(q, true, names, out);
            }
        }
        PatternKind::Mapping {
            keys,
            patterns,
            rest,
        } => {
            let mut seen: Vec<String> = Vec::new();
            for k in keys {
                if let Some(r) = key_repr(k) {
                    if seen.contains(&r) {
                        err(
                            out,
                            format!("mapping pattern checks duplicate key ({r})"),
                            p.span,
                        );
                    }
                    seen.push(r);
                }
            }
            for q in patterns {
                check(q, true, names, out);
            }
            bind(*rest, p.span, names, out);
        }
        PatternKind::Class {
            patterns,
            kwd_attrs,
            kwd_patterns,
            ..
        } => {
            for q in patterns {
                check(q, true, names, out);
            }
            for (i, (a, q)) in kwd_attrs.iter().zip(kwd_patterns).enumerate() {
                if kwd_attrs[..i].contains(a) {
                    err(
                        out,
                        format!("attribute name repeated in class pattern: {a}"),
                        q.span,
                    );
                }
                check(q, true, names, out);
            }
        }
        PatternKind::Or(alts) => {
            let mut first: Option<Vec<Sym>> = None;
            for (i, alt) in alts.iter().enumerate() {
                let mut alt_names = Vec::new();
                check(alt, allow && i + 1 == alts.len(), &mut alt_names, out);
                match &first {
                    None => first = Some(alt_names),
                    Some(f) => {
                        let same =
                            f.len() == alt_names.len() && f.iter().all(|n| alt_names.contains(n));
                        if !same {
                            err(
                                out,
                                "alternative patterns bind different names".into(),
                                last_capture(alt),
                            );
                        }
                    }
                }
            }
            for n in first.unwrap_or_default() {
                bind(Some(NameRef::new(n)), p.span, names, out);
            }
        }
    }
}

/// Python's `repr` of a literal mapping key, for the duplicate-key check.
fn key_repr(k: &Expr) -> Option<String> {
    match &k.kind {
        ExprKind::Constant(c) => match c {
            Constant::None => Some("None".into()),
            Constant::True => Some("True".into()),
            Constant::False => Some("False".into()),
            Constant::Int(i) => Some(i.to_string()),
            Constant::BigInt(b) => Some(b.to_string()),
            Constant::Str(s) => Some(str_repr(s)),
            _ => None,
        },
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => match &operand.kind {
            ExprKind::Constant(Constant::Int(i)) => Some((-(*i as i128)).to_string()),
            _ => None,
        },
        _ => None,
    }
}

fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::from(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}
