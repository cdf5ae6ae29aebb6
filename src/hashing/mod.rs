//! Hash values of numbers and tuples as CPython computes them (interim
//! version; the CPython-compatible set table lands with the full module).

use num_bigint::BigInt;
use num_traits::ToPrimitive;

const MODULUS: i128 = (1i128 << 61) - 1;

fn fix(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

/// `hash(int)` for machine ints.
pub fn hash_i64(i: i64) -> i64 {
    let m = (i as i128).rem_euclid(MODULUS);
    fix(if i < 0 { -(((-(i as i128)) % MODULUS) as i64) } else { m as i64 })
}

/// `hash(int)` for big ints.
pub fn hash_bigint(b: &BigInt) -> i64 {
    let m = BigInt::from(MODULUS);
    let neg = b.sign() == num_bigint::Sign::Minus;
    let r = (if neg { -b } else { b.clone() }) % m;
    let r = r.to_i64().unwrap_or(0);
    fix(if neg { -r } else { r })
}

/// `hash(float)`.
pub fn hash_f64(f: f64) -> i64 {
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { -314159 };
    }
    if f.is_nan() {
        return 0;
    }
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        return hash_i64(f as i64);
    }
    let (mut m, mut e) = frexp(f.abs());
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & ((1 << 61) - 1)) | (x >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= (1 << 61) - 1 {
            x -= (1 << 61) - 1;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    x = ((x << e) & ((1 << 61) - 1)) | (x >> (61 - e));
    let h = if f < 0.0 { -(x as i64) } else { x as i64 };
    fix(h)
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * (1u64 << 54) as f64);
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// `hash(tuple)` from the element hashes (CPython's xxHash-based scheme).
pub fn tuple_hash(hashes: Vec<i64>) -> i64 {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let mut acc: u64 = P5;
    for h in &hashes {
        acc = acc.wrapping_add((*h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((hashes.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return 1546275796;
    }
    acc as i64
}

/// `hash(frozenset)` from the element hashes.
pub fn frozenset_hash(hashes: Vec<i64>) -> i64 {
    let mut hash: u64 = 0;
    for h in &hashes {
        let h = *h as u64;
        hash ^= ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    }
    hash ^= ((hashes.len() as u64) + 1).wrapping_mul(1927868237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69069).wrapping_add(907133923);
    let h = hash as i64;
    fix(h)
}

/// A string hash (CPython's is randomized per process; programs cannot
/// depend on it).
pub fn hash_str(s: &str) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    fix((h >> 1) as i64)
}
