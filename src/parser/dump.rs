//! A readable, line-per-node dump of the tree, in the field names of
//! CPython's `ast` module, with `@line:col-line:col` positions (1-based
//! lines, 0-based UTF-8 byte columns, as CPython's `lineno`/`col_offset`).
//!
//! `scripts/ast_dump.py` prints CPython's own tree in the same format, so
//! the tests can compare apy's parse of a program with CPython's.

use std::fmt::Write;

use crate::ast::*;

/// Dumps a module's statements.
pub fn dump_module(module: &Module, source: &str) -> String {
    let mut d = Dumper {
        out: String::new(),
        lines: line_starts(source),
    };
    for (i, s) in module.body.iter().enumerate() {
        d.stmt(0, &format!("body[{i}]"), s);
    }
    d.out
}

fn line_starts(source: &str) -> Vec<usize> {
    let mut v = vec![0];
    let b = source.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\n' => v.push(i + 1),
            b'\r' if b.get(i + 1) != Some(&b'\n') => v.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    v
}

/// Escapes a string as the dump format wants it.
pub fn escape_str(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if (' '..='~').contains(&c) && c != '\\' {
            out.push(c);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    out
}

fn escape_bytes(b: &[u8]) -> String {
    let mut out = String::new();
    for &c in b {
        if (b' '..=b'~').contains(&c) && c != b'\\' {
            out.push(c as char);
        } else {
            let _ = write!(out, "\\x{c:02x}");
        }
    }
    out
}

fn constant(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::True => "True".into(),
        Constant::False => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => format!("int:{i}"),
        Constant::BigInt(b) => format!("int:{b}"),
        Constant::Float(f) => format!("float:{:016x}", f.to_bits()),
        Constant::Imaginary(f) => format!("complex:{:016x}", f.to_bits()),
        Constant::Str(s) => format!("str:{}", escape_str(s)),
        Constant::Bytes(b) => format!("bytes:{}", escape_bytes(b)),
    }
}

struct Dumper {
    out: String,
    lines: Vec<usize>,
}

impl Dumper {
    fn pos(&self, at: u32) -> (usize, usize) {
        let at = at as usize;
        let line = self.lines.partition_point(|&s| s <= at);
        (line, at - self.lines[line - 1])
    }

    fn line(&mut self, depth: usize, field: &str, label: &str, span: Option<Span>) {
        let _ = write!(
            self.out,
            "{:indent$}{field}: {label}",
            "",
            indent = depth * 2
        );
        if let Some(s) = span {
            let (l1, c1) = self.pos(s.start);
            let (l2, c2) = self.pos(s.end);
            let _ = write!(self.out, " @{l1}:{c1}-{l2}:{c2}");
        }
        self.out.push('\n');
    }

    fn stmts(&mut self, depth: usize, field: &str, body: &[Stmt]) {
        for (i, s) in body.iter().enumerate() {
            self.stmt(depth, &format!("{field}[{i}]"), s);
        }
    }

    fn exprs(&mut self, depth: usize, field: &str, xs: &[Expr]) {
        for (i, x) in xs.iter().enumerate() {
            self.expr(depth, &format!("{field}[{i}]"), x);
        }
    }

    fn opt(&mut self, depth: usize, field: &str, x: &Option<Expr>) {
        if let Some(x) = x {
            self.expr(depth, field, x);
        }
    }

    fn stmt(&mut self, depth: usize, field: &str, s: &Stmt) {
        let d = depth + 1;
        let sp = Some(s.span);
        match &s.kind {
            StmtKind::Expr(x) => {
                self.line(depth, field, "Expr", sp);
                self.expr(d, "value", x);
            }
            StmtKind::Assign { targets, value } => {
                self.line(depth, field, "Assign", sp);
                self.exprs(d, "targets", targets);
                self.expr(d, "value", value);
            }
            StmtKind::AugAssign { target, op, value } => {
                self.line(depth, field, &format!("AugAssign {op:?}"), sp);
                self.expr(d, "target", target);
                self.expr(d, "value", value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                self.line(
                    depth,
                    field,
                    &format!("AnnAssign simple={}", u8::from(*simple)),
                    sp,
                );
                self.expr(d, "target", target);
                self.expr(d, "annotation", annotation);
                self.opt(d, "value", value);
            }
            StmtKind::Pass => self.line(depth, field, "Pass", sp),
            StmtKind::Break => self.line(depth, field, "Break", sp),
            StmtKind::Continue => self.line(depth, field, "Continue", sp),
            StmtKind::Return(v) => {
                self.line(depth, field, "Return", sp);
                self.opt(d, "value", v);
            }
            StmtKind::Delete(ts) => {
                self.line(depth, field, "Delete", sp);
                self.exprs(d, "targets", ts);
            }
            StmtKind::Global(names) | StmtKind::Nonlocal(names) => {
                let kw = if matches!(s.kind, StmtKind::Global(_)) {
                    "Global"
                } else {
                    "Nonlocal"
                };
                let names: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
                self.line(depth, field, &format!("{kw} {}", names.join(" ")), sp);
            }
            StmtKind::Assert { test, msg } => {
                self.line(depth, field, "Assert", sp);
                self.expr(d, "test", test);
                self.opt(d, "msg", msg);
            }
            StmtKind::Raise { exc, cause } => {
                self.line(depth, field, "Raise", sp);
                self.opt(d, "exc", exc);
                self.opt(d, "cause", cause);
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                let kw = if matches!(s.kind, StmtKind::If { .. }) {
                    "If"
                } else {
                    "While"
                };
                self.line(depth, field, kw, sp);
                self.expr(d, "test", test);
                self.stmts(d, "body", body);
                self.stmts(d, "orelse", orelse);
            }
            StmtKind::For {
                is_async,
                target,
                iter,
                body,
                orelse,
            } => {
                self.line(
                    depth,
                    field,
                    &format!("For async={}", u8::from(*is_async)),
                    sp,
                );
                self.expr(d, "target", target);
                self.expr(d, "iter", iter);
                self.stmts(d, "body", body);
                self.stmts(d, "orelse", orelse);
            }
            StmtKind::With {
                is_async,
                items,
                body,
            } => {
                self.line(
                    depth,
                    field,
                    &format!("With async={}", u8::from(*is_async)),
                    sp,
                );
                for (i, item) in items.iter().enumerate() {
                    self.line(d, &format!("items[{i}]"), "withitem", None);
                    self.expr(d + 1, "context_expr", &item.context);
                    self.opt(d + 1, "optional_vars", &item.target);
                }
                self.stmts(d, "body", body);
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
                is_star,
            } => {
                self.line(
                    depth,
                    field,
                    &format!("Try star={}", u8::from(*is_star)),
                    sp,
                );
                self.stmts(d, "body", body);
                for (i, h) in handlers.iter().enumerate() {
                    let name = h.name.map_or("-", |n| n.id.as_str());
                    self.line(
                        d,
                        &format!("handlers[{i}]"),
                        &format!("ExceptHandler name={name}"),
                        Some(h.span),
                    );
                    self.opt(d + 1, "type", &h.typ);
                    self.stmts(d + 1, "body", &h.body);
                }
                self.stmts(d, "orelse", orelse);
                self.stmts(d, "finalbody", finalbody);
            }
            StmtKind::FunctionDef(f) => {
                self.line(
                    depth,
                    field,
                    &format!("FunctionDef {} async={}", f.name, u8::from(f.is_async)),
                    sp,
                );
                self.exprs(d, "decorator_list", &f.decorators);
                self.params(d, &f.params);
                self.opt(d, "returns", &f.returns);
                self.stmts(d, "body", &f.body);
            }
            StmtKind::ClassDef(c) => {
                self.line(depth, field, &format!("ClassDef {}", c.name), sp);
                self.exprs(d, "decorator_list", &c.decorators);
                self.exprs(d, "bases", &c.bases);
                self.keywords(d, &c.keywords);
                self.stmts(d, "body", &c.body);
            }
            StmtKind::Import(names) => {
                self.line(depth, field, "Import", sp);
                self.aliases(d, names);
            }
            StmtKind::ImportFrom {
                module,
                names,
                level,
            } => {
                let m = module.as_deref().unwrap_or("-");
                self.line(
                    depth,
                    field,
                    &format!("ImportFrom module={m} level={level}"),
                    sp,
                );
                self.aliases(d, names);
            }
            StmtKind::Match { subject, cases } => {
                self.line(depth, field, "Match", sp);
                self.expr(d, "subject", subject);
                for (i, c) in cases.iter().enumerate() {
                    self.line(d, &format!("cases[{i}]"), "match_case", None);
                    self.pattern(d + 1, "pattern", &c.pattern);
                    self.opt(d + 1, "guard", &c.guard);
                    self.stmts(d + 1, "body", &c.body);
                }
            }
        }
    }

    fn aliases(&mut self, depth: usize, names: &[Alias]) {
        for (i, a) in names.iter().enumerate() {
            let asname = a.asname.map_or("-", |s| s.as_str());
            self.line(
                depth,
                &format!("names[{i}]"),
                &format!("alias {} as {asname}", a.name),
                Some(a.span),
            );
        }
    }

    fn keywords(&mut self, depth: usize, keywords: &[Keyword]) {
        for (i, k) in keywords.iter().enumerate() {
            let arg = k.arg.map_or("**", |s| s.as_str());
            self.line(
                depth,
                &format!("keywords[{i}]"),
                &format!("keyword {arg}"),
                Some(k.span),
            );
            self.expr(depth + 1, "value", &k.value);
        }
    }

    fn params(&mut self, depth: usize, p: &Parameters) {
        self.line(depth, "args", "arguments", None);
        let d = depth + 1;
        let groups: [(&str, &[Param]); 2] = [("posonlyargs", &p.posonly), ("args", &p.args)];
        for (name, ps) in groups {
            for (i, a) in ps.iter().enumerate() {
                self.param(d, &format!("{name}[{i}]"), a);
            }
        }
        if let Some(v) = &p.vararg {
            self.param(d, "vararg", v);
        }
        for (i, a) in p.kwonly.iter().enumerate() {
            self.param(d, &format!("kwonlyargs[{i}]"), a);
        }
        if let Some(k) = &p.kwarg {
            self.param(d, "kwarg", k);
        }
    }

    fn param(&mut self, depth: usize, field: &str, a: &Param) {
        self.line(depth, field, &format!("arg {}", a.name), Some(a.span));
        self.opt(depth + 1, "annotation", &a.annotation);
        self.opt(depth + 1, "default", &a.default);
    }

    fn fstring(&mut self, depth: usize, field: &str, parts: &[FStringPart], span: Option<Span>) {
        self.line(depth, field, "FString", span);
        // CPython keeps the text of `{x=}` as literal text before the field.
        let mut items: Vec<Result<String, &FStringField>> = Vec::new();
        let mut text = String::new();
        for p in parts {
            match p {
                FStringPart::Literal(s) => text.push_str(s),
                FStringPart::Field(f) => {
                    if let Some(dbg) = &f.debug_text {
                        text.push_str(dbg);
                    }
                    if !text.is_empty() {
                        items.push(Ok(std::mem::take(&mut text)));
                    }
                    items.push(Err(f));
                }
            }
        }
        if !text.is_empty() {
            items.push(Ok(text));
        }
        for (i, item) in items.into_iter().enumerate() {
            match item {
                Ok(s) => self.line(
                    depth + 1,
                    &format!("values[{i}]"),
                    &format!("lit {}", escape_str(&s)),
                    None,
                ),
                Err(f) => {
                    let conv = f.conversion.map_or("-".to_string(), |c| c.to_string());
                    self.line(
                        depth + 1,
                        &format!("values[{i}]"),
                        &format!("Field conv={conv}"),
                        None,
                    );
                    self.expr(depth + 2, "value", &f.value);
                    if let Some(spec) = &f.format_spec {
                        self.fstring(depth + 2, "format_spec", spec, None);
                    }
                }
            }
        }
    }

    fn expr(&mut self, depth: usize, field: &str, x: &Expr) {
        let d = depth + 1;
        let sp = Some(x.span);
        match &x.kind {
            ExprKind::Name(n) => self.line(depth, field, &format!("Name {}", n.id), sp),
            ExprKind::Constant(c) => {
                self.line(depth, field, &format!("Constant {}", constant(c)), sp)
            }
            ExprKind::FString(parts) => self.fstring(depth, field, parts, sp),
            ExprKind::BoolOp { op, values } => {
                self.line(depth, field, &format!("BoolOp {op:?}"), sp);
                self.exprs(d, "values", values);
            }
            ExprKind::NamedExpr { target, value } => {
                self.line(depth, field, &format!("NamedExpr {}", target.id), sp);
                self.expr(d, "value", value);
            }
            ExprKind::BinOp { left, op, right } => {
                self.line(depth, field, &format!("BinOp {op:?}"), sp);
                self.expr(d, "left", left);
                self.expr(d, "right", right);
            }
            ExprKind::UnaryOp { op, operand } => {
                self.line(depth, field, &format!("UnaryOp {op:?}"), sp);
                self.expr(d, "operand", operand);
            }
            ExprKind::Lambda(f) => {
                self.line(depth, field, "Lambda", sp);
                self.params(d, &f.params);
                if let Some(Stmt {
                    kind: StmtKind::Return(Some(body)),
                    ..
                }) = f.body.first()
                {
                    self.expr(d, "body", body);
                }
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.line(depth, field, "IfExp", sp);
                self.expr(d, "test", test);
                self.expr(d, "body", body);
                self.expr(d, "orelse", orelse);
            }
            ExprKind::Dict { keys, values } => {
                self.line(depth, field, "Dict", sp);
                for (i, (k, v)) in keys.iter().zip(values).enumerate() {
                    match k {
                        Some(k) => self.expr(d, &format!("keys[{i}]"), k),
                        None => self.line(d, &format!("keys[{i}]"), "**", None),
                    }
                    self.expr(d, &format!("values[{i}]"), v);
                }
            }
            ExprKind::Set(xs) | ExprKind::List(xs) | ExprKind::Tuple(xs) => {
                let kind = match x.kind {
                    ExprKind::Set(_) => "Set",
                    ExprKind::List(_) => "List",
                    _ => "Tuple",
                };
                self.line(depth, field, kind, sp);
                self.exprs(d, "elts", xs);
            }
            ExprKind::Comprehension(c) => {
                let kind = match c.kind {
                    ComprehensionKind::List => "ListComp",
                    ComprehensionKind::Set => "SetComp",
                    ComprehensionKind::Dict => "DictComp",
                    ComprehensionKind::Generator => "GeneratorExp",
                };
                self.line(depth, field, kind, sp);
                if c.kind == ComprehensionKind::Dict {
                    self.expr(d, "key", &c.elt);
                    self.opt(d, "value", &c.value);
                } else {
                    self.expr(d, "elt", &c.elt);
                }
                for (i, g) in c.generators.iter().enumerate() {
                    self.line(
                        d,
                        &format!("generators[{i}]"),
                        &format!("comprehension async={}", u8::from(g.is_async)),
                        None,
                    );
                    self.expr(d + 1, "target", &g.target);
                    self.expr(d + 1, "iter", &g.iter);
                    self.exprs(d + 1, "ifs", &g.ifs);
                }
            }
            ExprKind::Await(v) => {
                self.line(depth, field, "Await", sp);
                self.expr(d, "value", v);
            }
            ExprKind::Yield(v) => {
                self.line(depth, field, "Yield", sp);
                if let Some(v) = v {
                    self.expr(d, "value", v);
                }
            }
            ExprKind::YieldFrom(v) => {
                self.line(depth, field, "YieldFrom", sp);
                self.expr(d, "value", v);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => {
                let ops: Vec<String> = ops.iter().map(|o| format!("{o:?}")).collect();
                self.line(depth, field, &format!("Compare {}", ops.join(" ")), sp);
                self.expr(d, "left", left);
                self.exprs(d, "comparators", comparators);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.line(depth, field, "Call", sp);
                self.expr(d, "func", func);
                self.exprs(d, "args", args);
                self.keywords(d, keywords);
            }
            ExprKind::Attribute { value, attr } => {
                self.line(depth, field, &format!("Attribute {attr}"), sp);
                self.expr(d, "value", value);
            }
            ExprKind::Subscript { value, index } => {
                self.line(depth, field, "Subscript", sp);
                self.expr(d, "value", value);
                self.expr(d, "slice", index);
            }
            ExprKind::Starred(v) => {
                self.line(depth, field, "Starred", sp);
                self.expr(d, "value", v);
            }
            ExprKind::Slice { lower, upper, step } => {
                self.line(depth, field, "Slice", sp);
                for (name, v) in [("lower", lower), ("upper", upper), ("step", step)] {
                    if let Some(v) = v {
                        self.expr(d, name, v);
                    }
                }
            }
        }
    }

    fn pattern(&mut self, depth: usize, field: &str, p: &Pattern) {
        let d = depth + 1;
        let sp = Some(p.span);
        let patterns = |s: &mut Self, name: &str, ps: &[Pattern]| {
            for (i, q) in ps.iter().enumerate() {
                s.pattern(d, &format!("{name}[{i}]"), q);
            }
        };
        match &p.kind {
            PatternKind::Value(v) => {
                self.line(depth, field, "MatchValue", sp);
                self.expr(d, "value", v);
            }
            PatternKind::Singleton(c) => {
                self.line(depth, field, &format!("MatchSingleton {}", constant(c)), sp)
            }
            PatternKind::Sequence(ps) => {
                self.line(depth, field, "MatchSequence", sp);
                patterns(self, "patterns", ps);
            }
            PatternKind::Mapping {
                keys,
                patterns: ps,
                rest,
            } => {
                let rest = rest.map_or("-", |n| n.id.as_str());
                self.line(depth, field, &format!("MatchMapping rest={rest}"), sp);
                self.exprs(d, "keys", keys);
                patterns(self, "patterns", ps);
            }
            PatternKind::Class {
                cls,
                patterns: ps,
                kwd_attrs,
                kwd_patterns,
            } => {
                let attrs: Vec<&str> = kwd_attrs.iter().map(|s| s.as_str()).collect();
                self.line(
                    depth,
                    field,
                    &format!("MatchClass kwd={}", attrs.join(",")),
                    sp,
                );
                self.expr(d, "cls", cls);
                patterns(self, "patterns", ps);
                patterns(self, "kwd_patterns", kwd_patterns);
            }
            PatternKind::Star(n) => {
                let n = n.map_or("-", |n| n.id.as_str());
                self.line(depth, field, &format!("MatchStar {n}"), sp);
            }
            PatternKind::As { pattern, name } => {
                let n = name.map_or("-", |n| n.id.as_str());
                self.line(depth, field, &format!("MatchAs name={n}"), sp);
                if let Some(q) = pattern {
                    self.pattern(d, "pattern", q);
                }
            }
            PatternKind::Or(ps) => {
                self.line(depth, field, "MatchOr", sp);
                patterns(self, "patterns", ps);
            }
        }
    }
}
