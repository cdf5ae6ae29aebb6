//! Python values of the CPython case file: parsing their reprs, and their
//! hash and equality as CPython defines them, computed with apy's hashes.

use apy::hashing::{hash_bigint, hash_bool, hash_f64, tuple_hash};
use num_bigint::BigInt;
use num_traits::FromPrimitive;

/// A Python value as written in the data file.
#[derive(Clone, Debug)]
pub enum Val {
    Int(BigInt),
    Bool(bool),
    Float(f64),
    Tuple(Vec<Val>),
    List(Vec<Val>),
    Str(String),
}

/// Parses the Python reprs of the data file.
pub struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    pub fn parse(text: &str) -> Result<Val, String> {
        let mut p = Parser {
            s: text.as_bytes(),
            pos: 0,
        };
        let v = p.value()?;
        p.ws();
        if p.pos != p.s.len() {
            return Err(format!("trailing text in {text:?}"));
        }
        Ok(v)
    }

    fn ws(&mut self) {
        while self.s.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }

    fn seq(&mut self, close: u8) -> Result<(Vec<Val>, bool), String> {
        let mut items = Vec::new();
        let mut trailing_comma = false;
        loop {
            self.ws();
            if self.s.get(self.pos) == Some(&close) {
                self.pos += 1;
                return Ok((items, trailing_comma));
            }
            items.push(self.value()?);
            self.ws();
            trailing_comma = false;
            if self.s.get(self.pos) == Some(&b',') {
                self.pos += 1;
                trailing_comma = true;
            }
        }
    }

    fn value(&mut self) -> Result<Val, String> {
        self.ws();
        match self.s.get(self.pos) {
            Some(b'[') => {
                self.pos += 1;
                Ok(Val::List(self.seq(b']')?.0))
            }
            Some(b'(') => {
                self.pos += 1;
                let (items, comma) = self.seq(b')')?;
                if items.len() == 1 && !comma {
                    return Err("parenthesized value".into());
                }
                Ok(Val::Tuple(items))
            }
            Some(b'\'') => {
                let start = self.pos + 1;
                let len = self.s[start..]
                    .iter()
                    .position(|&c| c == b'\'')
                    .ok_or("unterminated string")?;
                self.pos = start + len + 1;
                Ok(Val::Str(
                    String::from_utf8_lossy(&self.s[start..start + len]).into(),
                ))
            }
            Some(_) => {
                let start = self.pos;
                while let Some(c) = self.s.get(self.pos) {
                    if matches!(c, b',' | b')' | b']' | b' ') {
                        break;
                    }
                    self.pos += 1;
                }
                let atom = String::from_utf8_lossy(&self.s[start..self.pos]).into_owned();
                atom_value(&atom)
            }
            None => Err("unexpected end".into()),
        }
    }
}

fn atom_value(atom: &str) -> Result<Val, String> {
    match atom {
        "True" => return Ok(Val::Bool(true)),
        "False" => return Ok(Val::Bool(false)),
        _ => {}
    }
    if atom.contains(['.', 'e', 'n']) {
        atom.parse::<f64>()
            .map(Val::Float)
            .map_err(|e| format!("{atom}: {e}"))
    } else {
        atom.parse::<BigInt>()
            .map(Val::Int)
            .map_err(|e| format!("{atom}: {e}"))
    }
}

/// `hash(v)` through apy's hash functions.
pub fn py_hash(v: &Val) -> i64 {
    match v {
        Val::Int(n) => hash_bigint(n),
        Val::Bool(b) => hash_bool(*b),
        Val::Float(f) => hash_f64(*f, 0),
        Val::Tuple(items) => tuple_hash(items.iter().map(py_hash)),
        Val::List(_) | Val::Str(_) => 0,
    }
}

/// A number as an exact integer, if it is one.
fn as_int(v: &Val) -> Option<BigInt> {
    match v {
        Val::Int(n) => Some(n.clone()),
        Val::Bool(b) => Some(BigInt::from(u8::from(*b))),
        Val::Float(f) if f.is_finite() && f.fract() == 0.0 => BigInt::from_f64(*f),
        _ => None,
    }
}

/// Python's `a == b` for the values of the data file.
pub fn py_eq(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Float(x), Val::Float(y)) => x == y,
        (Val::Tuple(x), Val::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Val::Tuple(_), _) | (_, Val::Tuple(_)) => false,
        (Val::Float(_), _) | (_, Val::Float(_)) => match (as_int(a), as_int(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
        _ => match (as_int(a), as_int(b)) {
            (Some(x), Some(y)) => x == y,
            _ => false,
        },
    }
}

/// Same type and same value (floats bit for bit): what `repr` would show.
pub fn same(a: &Val, b: &Val) -> bool {
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => x == y,
        (Val::Bool(x), Val::Bool(y)) => x == y,
        (Val::Float(x), Val::Float(y)) => x.to_bits() == y.to_bits(),
        (Val::Tuple(x), Val::Tuple(y)) | (Val::List(x), Val::List(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Val::Str(x), Val::Str(y)) => x == y,
        _ => false,
    }
}
