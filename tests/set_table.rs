//! Replays CPython 3.11's recorded answers (tests/data/set_cases.txt, made by
//! scripts/gen_set_cases.py; see its docstring for the format) through
//! apy's hashes, `SetTable` and `DictTable`, and requires every recorded
//! hash, iteration order, popped element and comparison to be identical.

use std::collections::HashMap;
use std::convert::Infallible;

#[path = "set_values/mod.rs"]
mod common;

use apy::hashing::{DictTable, SetTable, frozenset_hash};
use common::{Parser, Val, py_eq, py_hash, same};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

type Eq<'a> = dyn FnMut(&Val, &Val) -> Result<bool, Infallible> + 'a;

fn hashed(list: &[Val]) -> impl Iterator<Item = Result<(i64, Val), Infallible>> + '_ {
    list.iter().map(|v| Ok((py_hash(v), v.clone())))
}

fn dict_of(list: &[Val], eq: &mut Eq<'_>) -> DictTable<Val, ()> {
    let mut d = DictTable::new();
    for v in list {
        let _ = d.insert(py_hash(v), v.clone(), (), eq);
    }
    d
}

fn checksum<'a>(values: impl Iterator<Item = &'a Val>) -> u64 {
    values.fold(0u64, |c, v| {
        (c ^ py_hash(v) as u64)
            .wrapping_mul(1_099_511_628_211)
            .wrapping_add(1)
    })
}

fn list(text: &str) -> Result<Vec<Val>, String> {
    match Parser::parse(text)? {
        Val::List(items) => Ok(items),
        other => Err(format!("expected a list, got {other:?}")),
    }
}

fn num(text: &str) -> Result<i128, String> {
    text.parse::<i128>().map_err(|e| format!("{text}: {e}"))
}

fn check(ok: bool, what: impl FnOnce() -> String) -> Result<(), String> {
    if ok { Ok(()) } else { Err(what()) }
}

fn check_list<'a>(got: impl Iterator<Item = &'a Val>, want: &[Val]) -> Result<(), String> {
    let got: Vec<Val> = got.cloned().collect();
    check(
        got.len() == want.len() && got.iter().zip(want).all(|(a, b)| same(a, b)),
        || format!("order differs:\n  apy:     {got:?}\n  CPython: {want:?}"),
    )
}

/// The registers of a set case.
#[derive(Default)]
struct Sets {
    regs: HashMap<String, SetTable<Val>>,
}

impl Sets {
    fn get(&mut self, r: &str) -> &mut SetTable<Val> {
        self.regs.entry(r.to_string()).or_default()
    }

    fn take(&mut self, r: &str) -> SetTable<Val> {
        self.regs.remove(r).unwrap_or_default()
    }
}

/// Iterates `set`, replacing each element seen by the next value of `new`,
/// as the generator's `walk` does.
fn set_walk(set: &mut SetTable<Val>, new: &[Val], eq: &mut Eq<'_>) -> Vec<Val> {
    let mut seen = Vec::new();
    let mut new = new.iter();
    let len0 = set.len();
    let mut pos = 0;
    loop {
        if set.len() != len0 {
            seen.push(Val::Str("Set changed size during iteration".into()));
            break;
        }
        let Some((next, key)) = set.next_from(pos) else {
            break;
        };
        let key = key.clone();
        pos = next;
        seen.push(key.clone());
        if seen.len() > 25 {
            seen.push(Val::Str("stopped".into()));
            break;
        }
        let Some(v) = new.next() else { break };
        let _ = set.remove(py_hash(&key), &key, eq);
        let _ = set.insert(py_hash(v), v.clone(), eq);
    }
    seen
}

/// The dict counterpart of [`set_walk`], with CPython's dict iterator
/// checks.
fn dict_walk(d: &mut DictTable<Val, i64>, new: &[Val], eq: &mut Eq<'_>) -> Vec<Val> {
    let mut seen = Vec::new();
    let mut new = new.iter();
    let len0 = d.len();
    let mut remaining = len0;
    let mut pos = 0;
    loop {
        if d.len() != len0 {
            seen.push(Val::Str("dictionary changed size during iteration".into()));
            break;
        }
        let Some((next, key, _)) = d.next_from(pos) else {
            break;
        };
        let key = key.clone();
        if remaining == 0 {
            seen.push(Val::Str("dictionary keys changed during iteration".into()));
            break;
        }
        remaining -= 1;
        pos = next;
        seen.push(key.clone());
        if seen.len() > 25 {
            seen.push(Val::Str("stopped".into()));
            break;
        }
        let Some(v) = new.next() else { break };
        let _ = d.remove(py_hash(&key), &key, eq);
        let _ = d.insert(py_hash(v), v.clone(), 0, eq);
    }
    seen
}

/// Runs one line of a set case.
fn set_line(sets: &mut Sets, f: &[&str], eq: &mut Eq<'_>) -> Result<(), String> {
    let arg = |i: usize| {
        f.get(i)
            .copied()
            .ok_or_else(|| format!("missing field {i}"))
    };
    let infallible = |r: Result<(), Infallible>| match r {
        Ok(()) => (),
        Err(e) => match e {},
    };
    match arg(0)? {
        "new" => *sets.get(arg(1)?) = SetTable::new(),
        "build" => {
            let items = list(arg(2)?)?;
            *sets.get(arg(1)?) = SetTable::from_hashed(hashed(&items), eq).unwrap_or_default();
        }
        "display" => {
            let items = list(arg(2)?)?;
            let set = if items.len() >= 3 {
                SetTable::from_constant_display(items.iter().map(|v| (py_hash(v), v.clone())), eq)
            } else {
                SetTable::from_hashed(hashed(&items), eq)
            };
            *sets.get(arg(1)?) = set.unwrap_or_default();
        }
        "fromdict" => {
            let d = dict_of(&list(arg(2)?)?, eq);
            *sets.get(arg(1)?) = SetTable::from_dict_keys(&d, eq).unwrap_or_default();
        }
        "add" | "discard" => {
            let v = Parser::parse(arg(2)?)?;
            let set = sets.get(arg(1)?);
            if arg(0)? == "add" {
                let _ = set.insert(py_hash(&v), v, eq);
            } else {
                let _ = set.remove(py_hash(&v), &v, eq);
            }
        }
        "clear" => sets.get(arg(1)?).clear(),
        "pop" => {
            let want = Parser::parse(arg(2)?)?;
            let got = sets.get(arg(1)?).pop();
            check(got.as_ref().is_some_and(|g| same(g, &want)), || {
                format!("pop gave {got:?}, CPython {want:?}")
            })?;
        }
        "popsum" => {
            let set = sets.get(arg(1)?);
            let popped: Vec<Val> = (0..num(arg(2)?)?).filter_map(|_| set.pop()).collect();
            let sum = checksum(popped.iter());
            check(i128::from(sum) == num(arg(3)?)?, || {
                "pop checksum differs".into()
            })?;
        }
        "copy" => {
            let copy = sets.get(arg(1)?).copy();
            *sets.get(arg(2)?) = copy;
        }
        "update" | "iand" | "isub" | "ixor" => {
            let (r, s) = (arg(1)?, arg(2)?);
            if r == s {
                // CPython's special cases for the same object on both sides.
                let set = sets.get(r);
                match arg(0)? {
                    "iand" => {
                        let mut copy = set.copy();
                        set.swap_contents(&mut copy);
                    }
                    "isub" | "ixor" => set.clear(),
                    _ => {}
                }
            } else {
                let other = sets.take(s);
                let set = sets.get(r);
                infallible(match arg(0)? {
                    "update" => set.update_from_set(&other, eq),
                    "iand" => set.intersection_update(&other, eq),
                    "isub" => set.difference_update(&other, eq),
                    _ => set.symmetric_difference_update(&other, eq),
                });
                sets.regs.insert(s.to_string(), other);
            }
        }
        op @ ("update_iter" | "update_dict" | "iand_iter" | "isub_iter" | "ixor_iter"
        | "ixor_dict") => {
            let items = list(arg(2)?)?;
            let d = dict_of(&items, eq);
            let set = sets.get(arg(1)?);
            infallible(match op {
                "update_iter" => set.update_iter(hashed(&items), eq),
                "update_dict" => set.update_from_dict(&d, eq),
                "iand_iter" => set.intersection_update_iter(hashed(&items), eq),
                "isub_iter" => set.difference_update_iter(hashed(&items), eq),
                "ixor_iter" => set.symmetric_difference_update_iter(hashed(&items), eq),
                _ => set.symmetric_difference_update_dict(&d, eq),
            });
        }
        op @ ("union" | "inter" | "diff" | "symdiff") => {
            let x = sets.take(arg(1)?);
            let same_reg = arg(1)? == arg(2)?;
            let y = if same_reg {
                None
            } else {
                Some(sets.take(arg(2)?))
            };
            let yr = y.as_ref().unwrap_or(&x);
            let result = match op {
                "union" if same_reg => Ok(x.copy()),
                "inter" if same_reg => Ok(x.copy()),
                "union" => x.union(yr, eq),
                "inter" => x.intersection(yr, eq),
                "diff" => x.difference(yr, eq),
                _ => x.symmetric_difference(yr, eq),
            };
            sets.regs.insert(arg(1)?.to_string(), x);
            if let Some(y) = y {
                sets.regs.insert(arg(2)?.to_string(), y);
            }
            *sets.get(arg(3)?) = result.unwrap_or_default();
        }
        op @ ("inter_iter" | "diff_iter" | "symdiff_iter" | "diff_dict" | "symdiff_dict") => {
            let items = list(arg(2)?)?;
            let d = dict_of(&items, eq);
            let set = sets.get(arg(1)?);
            let result = match op {
                "inter_iter" => set.intersection_iter(hashed(&items), eq),
                "diff_iter" => set.difference_iter(hashed(&items), eq),
                "symdiff_iter" => set.symmetric_difference_iter(hashed(&items), eq),
                "diff_dict" => set.difference_dict(&d, eq),
                _ => set.symmetric_difference_dict(&d, eq),
            };
            *sets.get(arg(3)?) = result.unwrap_or_default();
        }
        op @ ("subset" | "disjoint" | "equal") => {
            let x = sets.take(arg(1)?);
            let y = if arg(1)? == arg(2)? {
                None
            } else {
                Some(sets.take(arg(2)?))
            };
            let yr = y.as_ref().unwrap_or(&x);
            let got = match op {
                "subset" => x.is_subset(yr, eq),
                "disjoint" => x.is_disjoint(yr, eq),
                _ => x.set_eq(yr, eq),
            };
            let got = matches!(got, Ok(true));
            sets.regs.insert(arg(1)?.to_string(), x);
            if let Some(y) = y {
                sets.regs.insert(arg(2)?.to_string(), y);
            }
            let want = arg(3)? == "True";
            check(got == want, || format!("{op} gave {got}, CPython {want}"))?;
        }
        "addrange" | "discardrange" => {
            let (start, stop, step) = (num(arg(2)?)?, num(arg(3)?)?, num(arg(4)?)?);
            let set = sets.get(arg(1)?);
            let mut i = start;
            while i < stop {
                let v = Val::Int(BigInt::from(i));
                if arg(0)? == "addrange" {
                    let _ = set.insert(py_hash(&v), v, eq);
                } else {
                    let _ = set.remove(py_hash(&v), &v, eq);
                }
                i += step;
            }
        }
        "walk" => {
            let new = list(arg(2)?)?;
            let want = list(arg(3)?)?;
            let seen = set_walk(sets.get(arg(1)?), &new, eq);
            check_list(seen.iter(), &want)?;
        }
        "expect" => {
            let want = list(arg(2)?)?;
            check_list(sets.get(arg(1)?).iter(), &want)?;
        }
        "expectsum" => {
            let set = sets.get(arg(1)?);
            check(
                i128::try_from(set.len()).ok() == Some(num(arg(2)?)?),
                || format!("len {} differs from {}", set.len(), arg(2).unwrap_or("")),
            )?;
            check(i128::from(checksum(set.iter())) == num(arg(3)?)?, || {
                "order checksum differs".into()
            })?;
        }
        "fhash" => {
            let got = frozenset_hash(sets.get(arg(1)?).hashes());
            let want = num(arg(2)?)?;
            check(i128::from(got) == want, || {
                format!("frozenset hash {got}, CPython {want}")
            })?;
        }
        other => return Err(format!("unknown set op {other}")),
    }
    Ok(())
}

/// Runs one line of a dict case.
fn dict_line(d: &mut DictTable<Val, i64>, f: &[&str], eq: &mut Eq<'_>) -> Result<(), String> {
    let arg = |i: usize| {
        f.get(i)
            .copied()
            .ok_or_else(|| format!("missing field {i}"))
    };
    match arg(0)? {
        "dset" => {
            let k = Parser::parse(arg(1)?)?;
            let v = num(arg(2)?)?.to_i64().ok_or("value out of range")?;
            let _ = d.insert(py_hash(&k), k, v, eq);
        }
        "ddel" => {
            let k = Parser::parse(arg(1)?)?;
            let removed = matches!(d.remove(py_hash(&k), &k, eq), Ok(Some(_)));
            check(removed, || format!("del {k:?}: key missing"))?;
        }
        "dpopitem" => {
            let want = Parser::parse(arg(1)?)?;
            let got = d.popitem();
            check(got.as_ref().is_some_and(|(k, _)| same(k, &want)), || {
                format!("popitem gave {got:?}, CPython {want:?}")
            })?;
        }
        "dclear" => d.clear(),
        "dcopy" => *d = d.copy(),
        "dwalk" => {
            let new = list(arg(1)?)?;
            let want = list(arg(2)?)?;
            let seen = dict_walk(d, &new, eq);
            check_list(seen.iter(), &want)?;
        }
        "dexpect" => {
            let want = list(arg(1)?)?;
            let got: Vec<Val> = d
                .iter()
                .map(|(k, v)| Val::Tuple(vec![k.clone(), Val::Int(BigInt::from(*v))]))
                .collect();
            check_list(got.iter(), &want)?;
        }
        other => return Err(format!("unknown dict op {other}")),
    }
    Ok(())
}

#[test]
fn cpython_set_and_dict_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/set_cases.txt");
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => panic!("cannot read {path}: {e}"),
    };
    let mut eq = |a: &Val, b: &Val| -> Result<bool, Infallible> { Ok(py_eq(a, b)) };
    let mut sets = Sets::default();
    let mut dict: DictTable<Val, i64> = DictTable::new();
    let mut case = String::from("(none)");
    let (mut checks, mut hashes, mut cases) = (0usize, 0usize, 0usize);
    let mut failures: Vec<String> = Vec::new();
    let mut failed_case = String::new();
    for (lineno, line) in text.lines().enumerate() {
        let f: Vec<&str> = line.split(" | ").collect();
        let result = match f[0] {
            "case" | "dcase" => {
                case = f.get(1).copied().unwrap_or("?").to_string();
                sets = Sets::default();
                dict = DictTable::new();
                cases += 1;
                continue;
            }
            "hash" => {
                hashes += 1;
                Parser::parse(f.get(1).copied().unwrap_or("")).and_then(|v| {
                    let want = num(f.get(2).copied().unwrap_or(""))?;
                    let got = py_hash(&v);
                    check(i128::from(got) == want, || {
                        format!("hash({v:?}) = {got}, CPython {want}")
                    })
                })
            }
            "dset" | "ddel" | "dpopitem" | "dclear" | "dcopy" | "dwalk" | "dexpect" => {
                dict_line(&mut dict, &f, &mut eq)
            }
            _ => set_line(&mut sets, &f, &mut eq),
        };
        checks += 1;
        if let Err(msg) = result
            && failed_case != case
        {
            failed_case = case.clone();
            failures.push(format!("line {} ({case}): {line}\n  {msg}", lineno + 1));
        }
    }
    eprintln!(
        "{cases} cases, {hashes} hash checks, {checks} lines replayed, {} failing cases",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} cases differ from CPython; first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
