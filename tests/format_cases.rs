//! Replays `tests/data/format_cases.txt` (generated from CPython 3.11 by
//! `scripts/gen_format_cases.py`; see that script for the file format)
//! against `apy::format`. Set `APY_FORMAT_CASES=path` to check another file
//! (e.g. a larger one from `--scale 10`).

use std::collections::BTreeMap;

use apy::format::{
    AutoNumber, Conversion, FieldAccessor, FieldArg, FormatError, FormatPiece, FormatStringParser,
    MAX_RECURSION_MESSAGE, PercentArgs, PercentConversion, PercentValue, float_dunder_format,
    float_repr, format_bool, int_dunder_format, parse_field_name, parse_format_string,
    percent_format, percent_type_error, str_dunder_format,
};
use num_bigint::BigInt;

/// A Python exception: class name and message.
#[derive(Debug)]
struct PyErr(String, String);

impl From<FormatError> for PyErr {
    fn from(e: FormatError) -> Self {
        PyErr(e.class_name().to_owned(), e.message().to_owned())
    }
}

fn err(class: &str, msg: impl Into<String>) -> PyErr {
    PyErr(class.to_owned(), msg.into())
}

fn render(result: Result<String, PyErr>) -> String {
    match result {
        Ok(s) => format!("={s}"),
        Err(PyErr(class, msg)) if msg.is_empty() => format!("!{class}"),
        Err(PyErr(class, msg)) => format!("!{class}: {msg}"),
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                let cp = u32::from_str_radix(&hex, 16).expect("bad \\u escape");
                out.push(char::from_u32(cp).expect("surrogate in test data"));
            }
            other => panic!("bad escape {other:?} in {s:?}"),
        }
    }
    out
}

fn parse_float(s: &str) -> f64 {
    if s == "-nan" {
        return -f64::NAN;
    }
    s.parse().unwrap_or_else(|_| panic!("bad float {s:?}"))
}

/// The Python values the generator uses as arguments.
#[derive(Clone, Debug)]
enum Value {
    Int(BigInt),
    Float(f64),
    Str(String),
    Bool(bool),
    Dict(Vec<(String, Value)>),
}

impl Value {
    fn parse(item: &str) -> Value {
        let (tag, rest) = item.split_at(1);
        match tag {
            "i" => Value::Int(rest.parse().expect("bad int")),
            "f" => Value::Float(parse_float(rest)),
            "s" => Value::Str(rest.to_owned()),
            "b" => Value::Bool(rest == "1"),
            _ => panic!("bad value {item:?}"),
        }
    }

    fn type_name(&self) -> &'static str {
        match self {
            Value::Int(_) => "int",
            Value::Float(_) => "float",
            Value::Str(_) => "str",
            Value::Bool(_) => "bool",
            Value::Dict(_) => "dict",
        }
    }

    fn as_int(&self) -> Option<BigInt> {
        match self {
            Value::Int(n) => Some(n.clone()),
            Value::Bool(b) => Some(BigInt::from(*b as u8)),
            _ => None,
        }
    }

    fn str(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            _ => self.repr(),
        }
    }

    fn repr(&self) -> String {
        match self {
            Value::Int(n) => n.to_string(),
            Value::Float(x) => float_repr(*x),
            Value::Str(s) => str_repr(s),
            Value::Bool(b) => if *b { "True" } else { "False" }.to_owned(),
            Value::Dict(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|(k, v)| format!("{}: {}", str_repr(k), v.repr()))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
        }
    }

    fn ascii(&self) -> String {
        let mut out = String::new();
        for c in self.repr().chars() {
            match c as u32 {
                0..=0x7f => out.push(c),
                cp @ 0x80..=0xff => out.push_str(&format!("\\x{cp:02x}")),
                cp @ 0x100..=0xffff => out.push_str(&format!("\\u{cp:04x}")),
                cp => out.push_str(&format!("\\U{cp:08x}")),
            }
        }
        out
    }
}

/// `repr(str)` for the printable strings of the test data.
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
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Parsed ARGS field: kind (`T`, `V`, `D`), positional items, keyed items.
struct Args {
    kind: char,
    items: Vec<Value>,
    keyed: Vec<(String, Value)>,
}

impl Args {
    fn parse(field: &str) -> Args {
        let (kind, rest) = field.split_once(':').expect("bad args");
        let mut args = Args {
            kind: kind.chars().next().expect("empty kind"),
            items: Vec::new(),
            keyed: Vec::new(),
        };
        for item in rest.split(';').filter(|s| !s.is_empty()) {
            if let Some(kv) = item.strip_prefix('@') {
                let (k, v) = kv.split_once('=').expect("bad keyed item");
                args.keyed.push((k.to_owned(), Value::parse(v)));
            } else {
                args.items.push(Value::parse(item));
            }
        }
        args
    }
}

impl PercentArgs for Args {
    type Arg = Value;
    type Error = PyErr;

    fn tuple_len(&self) -> Option<usize> {
        (self.kind == 'T').then_some(self.items.len())
    }
    fn is_mapping(&self) -> bool {
        self.kind == 'D'
    }
    fn tuple_item(&mut self, index: usize) -> Value {
        self.items[index].clone()
    }
    fn whole(&mut self) -> Value {
        match self.kind {
            'D' => Value::Dict(self.keyed.clone()),
            _ => self.items[0].clone(),
        }
    }
    fn lookup(&mut self, key: &str) -> Result<Value, PyErr> {
        let found = self.keyed.iter().find(|(k, _)| k == key);
        found
            .map(|(_, v)| v.clone())
            .ok_or_else(|| err("KeyError", str_repr(key)))
    }
    fn star_int(&mut self, arg: &Value) -> Option<BigInt> {
        arg.as_int()
    }
    fn convert(
        &mut self,
        arg: Value,
        conversion: PercentConversion,
    ) -> Result<PercentValue, PyErr> {
        Ok(match (conversion, arg) {
            (PercentConversion::Str, v) => PercentValue::Str(v.str()),
            (PercentConversion::Repr, v) => PercentValue::Str(v.repr()),
            (PercentConversion::Ascii, v) => PercentValue::Str(v.ascii()),
            (_, Value::Float(x)) => PercentValue::Float(x),
            (_, Value::Str(s)) => PercentValue::Str(s),
            (conversion, v) => match v.as_int() {
                Some(n) => PercentValue::Int(n),
                None => return Err(percent_type_error(conversion, v.type_name()).into()),
            },
        })
    }
}

/// `format(value, spec)` for the test values.
fn format_value(v: &Value, spec: &str) -> Result<String, PyErr> {
    Ok(match v {
        Value::Int(n) => int_dunder_format(n, spec, "int")?,
        Value::Float(x) => float_dunder_format(*x, spec, "float")?,
        Value::Str(s) => str_dunder_format(s, spec, "str")?,
        Value::Bool(b) => format_bool(*b, spec)?,
        Value::Dict(_) => unreachable!("no dicts in str.format tests"),
    })
}

fn access(v: Value, accessor: &FieldAccessor) -> Result<Value, PyErr> {
    let ty = v.type_name();
    match (accessor, &v) {
        (FieldAccessor::Attr("real"), Value::Int(_) | Value::Float(_)) => Ok(v),
        (FieldAccessor::Attr("real"), Value::Bool(_)) => {
            Ok(Value::Int(v.as_int().unwrap_or_default()))
        }
        (FieldAccessor::Attr(name), _) => Err(err(
            "AttributeError",
            format!("'{ty}' object has no attribute '{name}'"),
        )),
        (FieldAccessor::Index(i), Value::Str(s)) => s
            .chars()
            .nth(*i)
            .map(|c| Value::Str(c.to_string()))
            .ok_or_else(|| err("IndexError", "string index out of range")),
        (FieldAccessor::Key(_), Value::Str(_)) => Err(err(
            "TypeError",
            "string indices must be integers, not 'str'",
        )),
        _ => Err(err(
            "TypeError",
            format!("'{ty}' object is not subscriptable"),
        )),
    }
}

/// `fmt.format(*args.items, **args.keyed)`, rendered like CPython's
/// `build_string`.
fn str_format(fmt: &str, args: &Args, depth: i32, auto: &mut AutoNumber) -> Result<String, PyErr> {
    if depth <= 0 {
        return Err(err("ValueError", MAX_RECURSION_MESSAGE));
    }
    let mut out = String::new();
    for piece in FormatStringParser::new(fmt) {
        let field = match piece? {
            FormatPiece::Literal(s) => {
                out.push_str(s);
                continue;
            }
            FormatPiece::Field(field) => field,
        };
        let name = parse_field_name(field.name, Some(auto))?;
        let mut obj = match name.arg {
            FieldArg::Index(i) => args.items.get(i).cloned().ok_or_else(|| {
                err(
                    "IndexError",
                    format!("Replacement index {i} out of range for positional args tuple"),
                )
            })?,
            FieldArg::Name(n) => {
                let found = args.keyed.iter().find(|(k, _)| k == n);
                found
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| err("KeyError", str_repr(n)))?
            }
        };
        for accessor in &name.accessors {
            obj = access(obj, accessor)?;
        }
        if let Some(e) = name.error {
            return Err(e.into());
        }
        if let Some(c) = field.conversion {
            obj = Value::Str(match Conversion::from_char(c)? {
                Conversion::Str => obj.str(),
                Conversion::Repr => obj.repr(),
                Conversion::Ascii => obj.ascii(),
            });
        }
        let spec = if field.spec_needs_expanding {
            str_format(field.spec, args, depth - 1, auto)?
        } else {
            field.spec.to_owned()
        };
        out.push_str(&format_value(&obj, &spec)?);
    }
    Ok(out)
}

fn render_fparse(s: &str) -> Result<String, PyErr> {
    let mut out = String::new();
    for piece in parse_format_string(s)? {
        match piece {
            FormatPiece::Literal(l) => out.push_str(&format!("L({l})")),
            FormatPiece::Field(f) => {
                let conv = f.conversion.map(String::from).unwrap_or_default();
                let expand = if f.spec_needs_expanding {
                    "True"
                } else {
                    "False"
                };
                out.push_str(&format!("F({}|{conv}|{}|{expand})", f.name, f.spec));
            }
        }
    }
    Ok(out)
}

fn render_fname(name: &str) -> String {
    let parsed = match parse_field_name(name, None) {
        Ok(p) => p,
        Err(e) => return render(Err(e.into())),
    };
    let mut parts = vec![match parsed.arg {
        FieldArg::Index(i) => format!("I{i}"),
        FieldArg::Name(n) => format!("N{n}"),
    }];
    for accessor in &parsed.accessors {
        parts.push(match accessor {
            FieldAccessor::Attr(a) => format!(".{a}"),
            FieldAccessor::Index(i) => format!("[#{i}]"),
            FieldAccessor::Key(k) => format!("[{k}]"),
        });
    }
    if let Some(e) = parsed.error {
        parts.push(render(Err(e.into())));
    }
    format!("={}", parts.join(" "))
}

fn run_case(kind: &str, value: &str, spec: &str) -> String {
    match kind {
        "repr" => {
            let bits = u64::from_str_radix(value.trim_start_matches("0x"), 16).expect("bad bits");
            format!("={}", float_repr(f64::from_bits(bits)))
        }
        "float" => {
            render(float_dunder_format(parse_float(value), spec, "float").map_err(Into::into))
        }
        "int" => {
            let n: BigInt = value.parse().expect("bad int");
            render(int_dunder_format(&n, spec, "int").map_err(Into::into))
        }
        "bool" => render(format_value(&Value::Bool(value == "True"), spec)),
        "str" => render(str_dunder_format(value, spec, "str").map_err(Into::into)),
        "percent" => render(percent_format(spec, &mut Args::parse(value))),
        "fparse" => render(render_fparse(value)),
        "fname" => render_fname(value),
        "strformat" => render(str_format(
            spec,
            &Args::parse(value),
            2,
            &mut AutoNumber::default(),
        )),
        _ => panic!("unknown kind {kind}"),
    }
}

#[test]
fn format_cases_match_cpython() {
    let path = std::env::var("APY_FORMAT_CASES").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/format_cases.txt").into()
    });
    let data = std::fs::read_to_string(&path).expect("cannot read the cases file");
    let mut totals: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (lineno, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [kind, value, spec, expected] = fields[..] else {
            panic!("line {}: expected 4 fields", lineno + 1);
        };
        let (value, spec, expected) = (unescape(value), unescape(spec), unescape(expected));
        let actual = run_case(kind, &value, &spec);
        let entry = totals.entry(kind.to_owned()).or_default();
        entry.0 += 1;
        if actual != expected {
            entry.1 += 1;
            failures.push(format!(
                "line {}: {kind} {value:?} {spec:?}\n   expected {expected:?}\n   actual   {actual:?}",
                lineno + 1
            ));
        }
    }
    let total: usize = totals.values().map(|t| t.0).sum();
    for (kind, (n, bad)) in &totals {
        eprintln!("{kind:>10}: {n:>6} cases, {bad} failing");
    }
    for f in failures.iter().take(60) {
        eprintln!("{f}");
    }
    assert!(total > 0, "no cases in {path}");
    assert!(
        failures.is_empty(),
        "{} of {total} cases differ from CPython",
        failures.len()
    );
}
