//! Specification-style tests of the hashing API: small examples whose
//! expected results were taken from CPython 3.11, plus the behaviour of the
//! resumable probe API and of fallible key comparisons.

use std::convert::Infallible;

use apy::hashing::{DictTable, ProbeStep, SetTable, hash_f64, hash_i64, hash_str};

/// An int-or-float key: enough to show which key object a set keeps.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Num {
    I(i64),
    F(f64),
}

fn num_hash(n: &Num) -> i64 {
    match n {
        Num::I(i) => hash_i64(*i),
        Num::F(f) => hash_f64(*f, 0),
    }
}

fn num_eq(a: &Num, b: &Num) -> Result<bool, Infallible> {
    let v = |n: &Num| match n {
        Num::I(i) => *i as f64,
        Num::F(f) => *f,
    };
    Ok(v(a) == v(b))
}

fn int_eq(a: &i64, b: &i64) -> Result<bool, Infallible> {
    Ok(a == b)
}

fn ints(values: &[i64]) -> SetTable<i64> {
    let mut set = SetTable::new();
    for &v in values {
        let _ = set.insert(hash_i64(v), v, &mut int_eq);
    }
    set
}

fn order(set: &SetTable<i64>) -> Vec<i64> {
    set.iter().copied().collect()
}

#[test]
fn iteration_order_is_cpython_slot_order() {
    // s = set(); for x in [8, 16, 0, 24, 1, -1, -2]: s.add(x)
    let set = ints(&[8, 16, 0, 24, 1, -1, -2]);
    assert_eq!(order(&set), [0, 1, 8, 16, -2, 24, -1]);
    // The fifth element triggers growth to 32 slots.
    assert_eq!(order(&ints(&[5, 13, 21, 29, 37])), [37, 5, 13, 21, 29]);
    // The display {5, 13, 21, 29, 37} is built differently (a constant
    // frozenset, rebuilt, then merged into a new set).
    let display =
        SetTable::from_constant_display([5, 13, 21, 29, 37].map(|v| (hash_i64(v), v)), &mut int_eq);
    assert_eq!(display.map(|s| order(&s)), Ok(vec![29, 5, 37, 21, 13]));
}

#[test]
fn dummies_are_reused_and_pop_follows_the_finger() {
    let mut set = ints(&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for v in [2, 3, 4] {
        assert_eq!(set.remove(hash_i64(v), &v, &mut int_eq), Ok(Some(v)));
    }
    let _ = set.insert(hash_i64(100), 100, &mut int_eq);
    let _ = set.insert(hash_i64(12), 12, &mut int_eq);
    assert_eq!(order(&set), [0, 1, 100, 5, 6, 7, 8, 9, 12]);
    let popped: Vec<i64> = (0..3).filter_map(|_| set.pop()).collect();
    assert_eq!(popped, [0, 1, 100]);
    assert_eq!(order(&set), [5, 6, 7, 8, 9, 12]);
}

#[test]
fn clear_keeps_the_pop_finger() {
    // s = set(range(5)); s.pop(); s.pop(); s.clear(); s.update([0, 1, 2, 3])
    let mut set = ints(&[0, 1, 2, 3, 4]);
    assert_eq!((set.pop(), set.pop()), (Some(0), Some(1)));
    set.clear();
    for v in 0..4 {
        let _ = set.insert(hash_i64(v), v, &mut int_eq);
    }
    assert_eq!(set.pop(), Some(2));
    assert_eq!(SetTable::<i64>::new().pop(), None);
}

#[test]
fn the_first_equal_key_stays() {
    let mut eq = num_eq;
    let mut set = SetTable::new();
    for n in [Num::I(1), Num::F(1.0)] {
        let _ = set.insert(num_hash(&n), n, &mut eq);
    }
    assert_eq!(set.iter().collect::<Vec<_>>(), [&Num::I(1)]);
    // {1, 2} & {2.0, 1.0, 3} iterates the smaller set: keys 1 and 2.
    let a = SetTable::from_hashed(
        [Num::I(1), Num::I(2)].map(|n| Ok((num_hash(&n), n))),
        &mut eq,
    );
    let b = SetTable::from_hashed(
        [Num::F(2.0), Num::F(1.0), Num::I(3)].map(|n| Ok((num_hash(&n), n))),
        &mut eq,
    );
    let (Ok(a), Ok(b)) = (a, b);
    let both = b
        .intersection(&a, &mut eq)
        .map(|s| s.into_keys().collect::<Vec<_>>());
    assert_eq!(both, Ok(vec![Num::I(1), Num::I(2)]));
}

#[test]
fn comparison_errors_propagate_and_leave_the_set_unchanged() {
    let mut set = ints(&[3, 11]);
    let before = order(&set);
    // 19 collides with 3 and 11 in an 8-slot table; every comparison fails.
    let mut failing = |_: &i64, _: &i64| -> Result<bool, &'static str> { Err("boom") };
    // Hash 3 matches the stored 3: the comparison runs and fails.
    assert_eq!(set.insert(3, 19, &mut failing), Err("boom"));
    assert_eq!(set.remove(11, &19, &mut failing), Err("boom"));
    assert_eq!(order(&set), before);
    // No stored key has hash 19, so no comparison runs.
    assert_eq!(set.insert(19, 19, &mut failing), Ok(true));
}

#[test]
fn resumable_probe_matches_closure_insertion() {
    let values: Vec<i64> = (0..200).map(|i| (i * 37) % 101 * 64 - 900).collect();
    let expected = ints(&values);
    let mut set = SetTable::new();
    for &v in &values {
        loop {
            let mut probe = set.probe(hash_i64(v));
            let step = loop {
                match set.probe_step(&mut probe) {
                    ProbeStep::Candidate(idx) if set.key_at(idx) == Some(&v) => {
                        break ProbeStep::Candidate(idx);
                    }
                    ProbeStep::Candidate(_) => {}
                    vacant => break vacant,
                }
            };
            match step {
                ProbeStep::Vacant(idx) => {
                    if set.insert_vacant(&probe, idx, v).is_ok() {
                        break;
                    }
                }
                ProbeStep::Candidate(_) => break,
            }
        }
    }
    assert_eq!(order(&set), order(&expected));
}

/// Runs a probe to the end of its chain.
fn vacant_slot(set: &SetTable<i64>, probe: &mut apy::hashing::Probe) -> usize {
    loop {
        if let ProbeStep::Vacant(idx) = set.probe_step(probe) {
            return idx;
        }
    }
}

#[test]
fn probes_reuse_dummies_and_stale_probes_restart_or_refuse() {
    // In 8 slots (too few for a linear run), 1 -> slot 1, 9 -> slot 6,
    // 17 -> slot 7; a probe for 25 visits slots 1, 6, 7, then 4.
    let mut set = ints(&[1, 9, 17]);
    let mut probe = set.probe(hash_i64(25));
    let _ = set.remove(hash_i64(1), &1, &mut int_eq);
    // The table changed: the probe restarts, passes the dummy at slot 1.
    let vacant = vacant_slot(&set, &mut probe);
    assert_eq!(vacant, 4);
    assert_eq!(set.insert_vacant(&probe, vacant, 25), Ok(()));
    assert_eq!(order(&set), [25, 9, 17]);
    // A probe made stale by a mutation refuses to insert.
    let mut probe = set.probe(hash_i64(41));
    let vacant = vacant_slot(&set, &mut probe);
    let _ = set.insert(hash_i64(33), 33, &mut int_eq);
    assert_eq!(set.insert_vacant(&probe, vacant, 41), Err(41));
}

#[test]
fn dict_keeps_insertion_order_and_original_keys() {
    let mut eq = num_eq;
    let mut d: DictTable<Num, &str> = DictTable::new();
    for (k, v) in [(Num::I(1), "a"), (Num::I(2), "b"), (Num::I(3), "c")] {
        assert_eq!(d.insert(num_hash(&k), k, v, &mut eq), Ok(None));
    }
    // d[1.0] = 'x' replaces the value, keeps the key 1 and its position.
    let one = Num::F(1.0);
    assert_eq!(d.insert(num_hash(&one), one, "x", &mut eq), Ok(Some("a")));
    // del d[2]; d[2] = 'y' moves 2 to the end.
    let two = Num::I(2);
    assert_eq!(
        d.remove(num_hash(&two), &two, &mut eq),
        Ok(Some((two, "b")))
    );
    assert_eq!(d.insert(num_hash(&two), two, "y", &mut eq), Ok(None));
    let items: Vec<_> = d.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        items,
        [(Num::I(1), "x"), (Num::I(3), "c"), (Num::I(2), "y")]
    );
    assert_eq!(d.popitem(), Some((Num::I(2), "y")));
    assert_eq!(d.len(), 2);
    // Iteration positions skip the hole left by `del d[2]`.
    let (pos, k, _) = d.next_from(1).unwrap_or((0, &Num::I(0), &""));
    assert_eq!((pos, *k), (3, Num::I(3)));
    d.clear();
    assert!(d.is_empty() && d.popitem().is_none());
}

#[test]
fn string_hashes_are_stable_and_never_minus_one() {
    assert_eq!(hash_str("spam"), hash_str("spam"));
    assert!((0..10_000).all(|i| hash_str(&i.to_string()) != -1));
}
