//! A fast, deterministic hash for `str` and `bytes`.
//!
//! CPython randomizes string hashes per process (SipHash with a random
//! key), so no Python program can depend on their values or on the order
//! of a set of strings. apy uses a fixed, well-mixed 64-bit hash instead:
//! every run of the same program gives the same values, which keeps apy's
//! own output reproducible.

use super::numeric::fix_hash;

const SEED: u64 = 0x243f_6a88_85a3_08d3;
const MUL: u64 = 0x9e37_79b9_7f4a_7c15;

/// Final avalanche (MurmurHash3's `fmix64`): every input bit affects every
/// output bit, so the low bits used by the hash tables are well mixed.
fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// Hash of a byte string: deterministic, never `-1`, and `0` for the empty
/// string (as in CPython, where `hash('') == hash(b'') == 0`).
pub fn hash_bytes(bytes: &[u8]) -> i64 {
    if bytes.is_empty() {
        return 0;
    }
    let mut h = SEED ^ (bytes.len() as u64).wrapping_mul(MUL);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(MUL)
            .rotate_left(29);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(word))
            .wrapping_mul(MUL)
            .rotate_left(29);
    }
    fix_hash(fmix64(h) as i64)
}

/// Hash of a `str`: [`hash_bytes`] of its UTF-8 encoding. Deterministic for
/// the whole run (indeed across runs), never `-1`.
pub fn hash_str(s: &str) -> i64 {
    hash_bytes(s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_spread() {
        assert_eq!(hash_str(""), 0);
        assert_eq!(hash_str("abc"), hash_str("abc"));
        assert_ne!(hash_str("abc"), hash_str("abd"));
        assert_ne!(hash_str("a"), hash_str("a\0"));
        let low: std::collections::HashSet<i64> =
            (0..64).map(|i| hash_str(&format!("k{i}")) & 7).collect();
        assert_eq!(low.len(), 8);
    }
}
