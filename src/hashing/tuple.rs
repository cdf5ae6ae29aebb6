//! Hashes of containers: tuples (CPython 3.8+'s xxHash-based scheme) and
//! frozensets (an order-independent combination of the element hashes).

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// `hash(t)` for a tuple whose items have the given hashes, in order.
///
/// The item hashes are the values `hash(item)` returned (never `-1`). A
/// failure to hash an item must be reported by the caller before calling
/// this. `tuple_hash([]) == 5740354900026072187` (`hash(())`).
pub fn tuple_hash(item_hashes: impl IntoIterator<Item = i64>) -> i64 {
    let mut acc = XXPRIME_5;
    let mut len: u64 = 0;
    for h in item_hashes {
        // Reinterpret the signed hash as its two's complement bits.
        let lane = h as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(XXPRIME_1);
        len += 1;
    }
    // The length is mixed in with a constant that keeps hash(()) at its
    // historical value.
    acc = acc.wrapping_add(len ^ (XXPRIME_5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

/// Spreads the bits of one element hash (`_shuffle_bits` in setobject.c).
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// `hash(frozenset(...))` from the hashes of its elements (each element
/// once). The result does not depend on the order of the hashes.
/// `frozenset_hash([]) == 133146708735736` (`hash(frozenset())`).
pub fn frozenset_hash(element_hashes: impl IntoIterator<Item = i64>) -> i64 {
    let mut hash: u64 = 0;
    let mut len: u64 = 0;
    for h in element_hashes {
        hash ^= shuffle_bits(h as u64);
        len += 1;
    }
    // Factor in the number of elements.
    hash ^= (len + 1).wrapping_mul(1_927_868_237);
    // Disperse patterns arising in nested frozensets.
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        return 590_923_713;
    }
    hash as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(tuple_hash([]), 5_740_354_900_026_072_187);
        assert_eq!(tuple_hash([1, 2]), -3_550_055_125_485_641_917);
        assert_eq!(frozenset_hash([]), 133_146_708_735_736);
        assert_eq!(frozenset_hash([3, 1, 2]), -272_375_401_224_217_160);
    }
}
