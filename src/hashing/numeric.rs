//! Hashes of Python numbers, exactly as CPython 3.11 computes them on a
//! 64-bit build.
//!
//! CPython defines the hash of every rational number `x` as `x mod P` with
//! `P = 2^61 - 1` (negative numbers hash to the negation of the hash of their
//! absolute value), so that equal numbers of different types (`1`, `1.0`,
//! `True`) hash alike. The value `-1` is reserved for errors in the C API and
//! is replaced by `-2`.

use num_bigint::{BigInt, Sign};

/// Number of bits of the hash modulus (`_PyHASH_BITS`).
const HASH_BITS: u32 = 61;

/// The hash modulus `2^61 - 1` (`_PyHASH_MODULUS`).
pub const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;

/// Hash of `float('inf')` (`_PyHASH_INF`); `-inf` hashes to its negation.
pub const HASH_INF: i64 = 314_159;

/// Multiplier of the imaginary part in complex hashes (`_PyHASH_IMAG`).
const HASH_IMAG: u64 = 1_000_003;

/// Replaces the reserved hash value `-1` by `-2`, as every CPython hash
/// function does before returning.
#[inline]
pub fn fix_hash(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

/// Applies the sign of a number to the hash of its absolute value.
#[inline]
fn signed(residue: u64, negative: bool) -> i64 {
    // residue < 2^61, so the conversion is lossless.
    let h = residue as i64;
    fix_hash(if negative { -h } else { h })
}

/// `hash(n)` for an int `n` that fits in an `i64`.
///
/// `hash_i64(-1) == -2`, `hash_i64(2**61 - 1) == 0`.
pub fn hash_i64(n: i64) -> i64 {
    let residue = n.unsigned_abs() % HASH_MODULUS;
    signed(residue, n < 0)
}

/// `hash(n)` for an arbitrary-precision int.
///
/// Equal to [`hash_i64`] for values that fit in an `i64`;
/// `hash_bigint(2**61) == 1`.
pub fn hash_bigint(n: &BigInt) -> i64 {
    // 2^64 = 2^61 * 2^3 ≡ 8 (mod P): fold the 64-bit digits, least
    // significant first, weighting digit k by 8^k.
    let modulus = u128::from(HASH_MODULUS);
    let mut acc: u128 = 0;
    let mut weight: u128 = 1;
    for digit in n.magnitude().iter_u64_digits() {
        acc = (acc + (u128::from(digit) % modulus) * weight) % modulus;
        weight = (weight * 8) % modulus;
    }
    // acc < P < 2^61 fits in u64.
    signed(acc as u64, n.sign() == Sign::Minus)
}

/// `hash(b)` for a bool: `hash(True) == 1`, `hash(False) == 0`.
#[inline]
pub fn hash_bool(b: bool) -> i64 {
    i64::from(b)
}

/// CPython's `_Py_HashPointer`: the hash of an object identity (an address
/// or any other unique per-object number), rotated right by 4 bits so that
/// aligned addresses spread over the low bits.
pub fn hash_pointer(identity: usize) -> i64 {
    // usize is at most 64 bits on every supported target.
    let y = (identity as u64).rotate_right(4);
    fix_hash(y as i64)
}

/// `hash(x)` for a float.
///
/// Finite values hash like the rational number they represent, so integral
/// floats hash like the equal int (`hash(2.0) == hash(2)`), and
/// `hash(1.5) == 1152921504606846977`. `inf` hashes to 314159 and `-inf` to
/// -314159. Since CPython 3.10 a NaN hashes by object identity:
/// `nan_identity` is only used for NaNs and is passed to [`hash_pointer`];
/// the caller gives the float object's identity (e.g. its address or object
/// id), so that distinct NaN objects get distinct hashes.
pub fn hash_f64(x: f64, nan_identity: usize) -> i64 {
    if x.is_nan() {
        return hash_pointer(nan_identity);
    }
    if x.is_infinite() {
        return if x > 0.0 { HASH_INF } else { -HASH_INF };
    }
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let biased_exp = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    // |x| = mantissa * 2^exp exactly.
    let (mantissa, exp) = if biased_exp == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased_exp - 1075)
    };
    if mantissa == 0 {
        return 0;
    }
    // mantissa < 2^53 < P. Multiplying by 2^e mod P is a rotation by
    // e mod 61 within 61 bits, because 2^61 ≡ 1 (mod P).
    let shift = exp.rem_euclid(HASH_BITS as i32) as u32;
    let residue = ((u128::from(mantissa) << shift) % u128::from(HASH_MODULUS)) as u64;
    signed(residue, negative)
}

/// `hash(complex(real, imag))`: `hash(real) + 1000003 * hash(imag)` with
/// wrapping 64-bit arithmetic, `-1` mapped to `-2`. The identities are used
/// only for NaN parts (see [`hash_f64`]); CPython passes the complex
/// object's own identity for both parts.
pub fn hash_complex(real: f64, imag: f64, nan_identity: usize) -> i64 {
    let hr = hash_f64(real, nan_identity) as u64;
    let hi = hash_f64(imag, nan_identity) as u64;
    fix_hash(hr.wrapping_add(HASH_IMAG.wrapping_mul(hi)) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(hash_i64(0), 0);
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(-2), -2);
        assert_eq!(hash_i64(i64::MIN), -4);
        assert_eq!(hash_i64(HASH_MODULUS as i64), 0);
        assert_eq!(hash_bigint(&(BigInt::from(1) << 61u32)), 1);
        assert_eq!(hash_bigint(&-(BigInt::from(1) << 61u32)), -2);
        assert_eq!(
            hash_bigint(&(BigInt::from(1) << 200u32)),
            hash_bigint(&(BigInt::from(1) << 17u32))
        );
        for n in [0i64, 1, -1, 7, -12345, i64::MAX, i64::MIN, 1 << 62] {
            assert_eq!(hash_bigint(&BigInt::from(n)), hash_i64(n));
        }
    }

    #[test]
    fn floats() {
        assert_eq!(hash_f64(1.5, 0), 1_152_921_504_606_846_977);
        assert_eq!(hash_f64(-1.0, 0), -2);
        assert_eq!(hash_f64(-0.0, 0), 0);
        assert_eq!(hash_f64(f64::INFINITY, 0), 314_159);
        assert_eq!(hash_f64(1e300, 0), 1_224_995_262_755_759_164);
        assert_eq!(hash_f64(5e-324, 0), 16_777_216);
        assert_eq!(hash_f64(f64::NAN, 0x1000), hash_pointer(0x1000));
    }
}
