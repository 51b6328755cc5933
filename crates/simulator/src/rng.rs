//! The simulator's one source of randomness: SplitMix64, a tiny, well-mixed hash, so that
//! faults drawn from a seed and sizes derived from an id are the same on every run.

/// One step of SplitMix64: a well-mixed 64-bit hash of `x`.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
