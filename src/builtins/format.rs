//! The interpreter side of formatting: `format(v, spec)` / `__format__`,
//! `str % args` and `str.format`, on top of the pure [`crate::format`] module.

use num_bigint::BigInt;

use crate::eval::attr::{call_method, getattr, lookup_special};
use crate::eval::protocol::{repr, str_of, type_name};
use crate::eval::{Args, Exc, ExcKind, PyResult, Vm};
use crate::format::{
    self as fmt, AutoNumber, Conversion, FieldAccessor, FieldArg, FormatError, FormatPiece,
    FormatStringParser, PercentArgs, PercentConversion, PercentValue,
};
use crate::intern::{Sym, known};
use crate::value::Value;

/// The Python exception for a formatting error.
pub fn format_error(vm: &Vm, e: FormatError) -> Exc {
    match e {
        FormatError::Value(m) => vm.value_error(m),
        FormatError::Type(m) => vm.type_error(m),
        FormatError::Overflow(m) => vm.overflow_error(m),
        FormatError::Memory => vm.new_exc_args(ExcKind::MemoryError, vec![]),
        FormatError::Unsupported(m) => vm.unsupported(m),
    }
}

/// `format(v, spec)`.
pub fn format_value(vm: &Vm, v: &Value, spec: &str) -> PyResult<String> {
    use crate::eval::depth::{IN_CALL, IN_STR};
    // CPython's PyObject_Format calls `type(v).__format__` (a checked
    // builtin call), except that an empty spec takes `str()` of exact ints.
    match v {
        Value::Str(_) if spec.is_empty() => {}
        Value::Int(_) if spec.is_empty() => vm.check_depth(1, IN_STR)?,
        Value::Str(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_) | Value::Float(_) => {
            vm.check_depth(1, IN_CALL)?
        }
        _ => {}
    }
    let r = match v {
        Value::Str(s) => fmt::str_dunder_format(s.as_str(), spec, "str"),
        Value::Int(i) => {
            if spec.is_empty() {
                return Ok(i.to_string());
            }
            fmt::int_dunder_format(&BigInt::from(*i), spec, "int")
        }
        Value::BigInt(b) => {
            if spec.is_empty() {
                return repr(vm, v);
            }
            fmt::int_dunder_format(b, spec, "int")
        }
        Value::Bool(b) => fmt::format_bool(*b, spec),
        Value::Float(f) => fmt::float_dunder_format(*f, spec, "float"),
        Value::Instance(_) | Value::Native(_) => {
            if let Some(f) = lookup_special(vm, v, known::__format__)
                && !matches!(f, Value::Builtin(_))
            {
                let r = call_method(vm, v, known::__format__, Args::new([Value::str(spec)]))?;
                return match r {
                    Value::Str(s) => Ok(s.as_str().to_owned()),
                    other => Err(vm.type_error(format!(
                        "__format__ must return a str, not {}",
                        type_name(vm, &other)
                    ))),
                };
            }
            return object_format(vm, v, spec);
        }
        _ => return object_format(vm, v, spec),
    };
    r.map_err(|e| format_error(vm, e))
}

/// `object.__format__`: `str(v)` for an empty spec, an error otherwise.
fn object_format(vm: &Vm, v: &Value, spec: &str) -> PyResult<String> {
    // A builtin method call, as CPython counts it.
    let _level = vm.enter_c(crate::eval::depth::IN_CALL)?;
    if spec.is_empty() {
        return str_of(vm, v);
    }
    Err(vm.type_error(format!(
        "unsupported format string passed to {}.__format__",
        type_name(vm, v)
    )))
}

/// The right operand of `%`, as the formatting driver sees it.
struct PercentOperand<'a> {
    vm: &'a Vm,
    value: &'a Value,
}

impl PercentArgs for PercentOperand<'_> {
    type Arg = Value;
    type Error = Exc;

    fn tuple_len(&self) -> Option<usize> {
        match self.value {
            Value::Tuple(t) => Some(t.items.len()),
            _ => None,
        }
    }

    fn is_mapping(&self) -> bool {
        match self.value {
            Value::Tuple(_) | Value::Str(_) => false,
            Value::Dict(_) | Value::List(_) => true,
            v => lookup_special(self.vm, v, known::__getitem__).is_some(),
        }
    }

    fn tuple_item(&mut self, index: usize) -> Value {
        match self.value {
            Value::Tuple(t) => t.items.get(index).cloned().unwrap_or(Value::None),
            _ => Value::None,
        }
    }

    fn whole(&mut self) -> Value {
        self.value.clone()
    }

    fn lookup(&mut self, key: &str) -> Result<Value, Exc> {
        super::subscript::getitem(self.vm, self.value, &Value::str(key))
    }

    fn star_int(&mut self, arg: &Value) -> Option<BigInt> {
        super::numbers::to_bigint(arg)
    }

    fn convert(&mut self, arg: Value, conversion: PercentConversion) -> Result<PercentValue, Exc> {
        let vm = self.vm;
        Ok(match conversion {
            PercentConversion::Str => PercentValue::Str(str_of(vm, &arg)?),
            PercentConversion::Repr => PercentValue::Str(repr(vm, &arg)?),
            PercentConversion::Ascii => PercentValue::Str(super::repr::ascii(&repr(vm, &arg)?)),
            PercentConversion::Int(c) => match &arg {
                Value::Float(f) => PercentValue::Float(*f),
                Value::Str(s) => PercentValue::Str(s.as_str().to_owned()),
                v => match super::numbers::to_bigint(v) {
                    Some(b) => PercentValue::Int(b),
                    None => {
                        let method = if matches!(c, 'o' | 'x' | 'X') {
                            known::__index__
                        } else {
                            known::__int__
                        };
                        match crate::eval::attr::call_method_opt(vm, v, method, Args::default())? {
                            Some(r) => match super::numbers::to_bigint(&r) {
                                Some(b) => PercentValue::Int(b),
                                None => {
                                    return Err(format_error(
                                        vm,
                                        fmt::percent_type_error(conversion, &type_name(vm, v)),
                                    ));
                                }
                            },
                            None => {
                                return Err(format_error(
                                    vm,
                                    fmt::percent_type_error(conversion, &type_name(vm, v)),
                                ));
                            }
                        }
                    }
                },
            },
            PercentConversion::Float(_) => match &arg {
                Value::Float(f) => PercentValue::Float(*f),
                Value::Str(s) => PercentValue::Str(s.as_str().to_owned()),
                v => match super::numbers::to_bigint(v) {
                    Some(b) => PercentValue::Int(b),
                    None => match crate::eval::attr::call_method_opt(
                        vm,
                        v,
                        known::__float__,
                        Args::default(),
                    )? {
                        Some(Value::Float(f)) => PercentValue::Float(f),
                        _ => {
                            return Err(format_error(
                                vm,
                                fmt::percent_type_error(conversion, &type_name(vm, v)),
                            ));
                        }
                    },
                },
            },
            PercentConversion::Char => match &arg {
                Value::Str(s) => PercentValue::Str(s.as_str().to_owned()),
                v => match super::numbers::to_bigint(v) {
                    Some(b) => PercentValue::Int(b),
                    None => {
                        return Err(format_error(
                            vm,
                            fmt::percent_type_error(conversion, &type_name(vm, v)),
                        ));
                    }
                },
            },
        })
    }
}

impl From<FormatError> for Exc {
    fn from(e: FormatError) -> Exc {
        let vm = crate::eval::vm::current_vm().expect("formatting runs inside an interpreter");
        format_error(vm, e)
    }
}

/// `fmt % args`.
pub fn percent_format(vm: &Vm, fmt_str: &str, args: &Value) -> PyResult<String> {
    let mut operand = PercentOperand { vm, value: args };
    fmt::percent_format(fmt_str, &mut operand)
}

/// `fmt.format(*args, **kwargs)`.
pub fn str_format(vm: &Vm, fmt_str: &str, args: Args) -> PyResult<String> {
    let mut auto = AutoNumber::default();
    render(vm, fmt_str, FieldSource::Args(&args), &mut auto, 2)
}

/// `fmt.format_map(mapping)`: named fields are looked up with
/// `mapping[name]`; positional fields are an error.
pub fn str_format_map(vm: &Vm, fmt_str: &str, mapping: &Value) -> PyResult<String> {
    let mut auto = AutoNumber::default();
    render(vm, fmt_str, FieldSource::Map(mapping), &mut auto, 2)
}

/// Where replacement fields get their values.
#[derive(Clone, Copy)]
enum FieldSource<'a> {
    Args(&'a Args),
    Map(&'a Value),
}

fn render(
    vm: &Vm,
    fmt_str: &str,
    source: FieldSource,
    auto: &mut AutoNumber,
    depth: u32,
) -> PyResult<String> {
    if depth == 0 {
        return Err(vm.value_error(fmt::MAX_RECURSION_MESSAGE));
    }
    let mut out = String::new();
    for piece in FormatStringParser::new(fmt_str) {
        match piece.map_err(|e| format_error(vm, e))? {
            FormatPiece::Literal(s) => out.push_str(s),
            FormatPiece::Field(field) => {
                let name = fmt::parse_field_name(field.name, Some(auto))
                    .map_err(|e| format_error(vm, e))?;
                let mut obj = match (name.arg, source) {
                    (FieldArg::Index(_), FieldSource::Map(_)) => {
                        return Err(vm.value_error("Format string contains positional fields"));
                    }
                    (FieldArg::Name(n), FieldSource::Map(m)) => {
                        super::subscript::getitem(vm, m, &Value::str(n))?
                    }
                    (FieldArg::Index(i), FieldSource::Args(args)) => match args.pos.get(i) {
                        Some(v) => v.clone(),
                        None => {
                            return Err(vm.index_error(format!(
                                "Replacement index {i} out of range for positional args tuple"
                            )));
                        }
                    },
                    (FieldArg::Name(n), FieldSource::Args(args)) => {
                        let sym = Sym::new(n);
                        match args.kw.iter().find(|(k, _)| *k == sym) {
                            Some((_, v)) => v.clone(),
                            None => return Err(vm.key_error(Value::str(n))),
                        }
                    }
                };
                for acc in &name.accessors {
                    obj = match acc {
                        FieldAccessor::Attr(a) => getattr(vm, &obj, Sym::new(a))?,
                        FieldAccessor::Index(i) => {
                            super::subscript::getitem(vm, &obj, &Value::Int(*i as i64))?
                        }
                        FieldAccessor::Key(k) => {
                            super::subscript::getitem(vm, &obj, &Value::str(k))?
                        }
                    };
                }
                if let Some(e) = name.error {
                    return Err(format_error(vm, e));
                }
                if let Some(c) = field.conversion {
                    obj = match Conversion::from_char(c).map_err(|e| format_error(vm, e))? {
                        Conversion::Str => Value::string(str_of(vm, &obj)?),
                        Conversion::Repr => Value::string(repr(vm, &obj)?),
                        Conversion::Ascii => Value::string(super::repr::ascii(&repr(vm, &obj)?)),
                    };
                }
                let spec = if field.spec_needs_expanding {
                    render(vm, field.spec, source, auto, depth - 1)?
                } else {
                    field.spec.to_owned()
                };
                out.push_str(&format_value(vm, &obj, &spec)?);
            }
        }
    }
    Ok(out)
}
