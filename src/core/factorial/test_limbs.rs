//! Limbs for the kernel's tests: xorshift-random, all ones, or mostly zero.

/// `kind` 0: random; 1: all ones; else every `sparse_every`th limb random,
/// the rest zero.
pub fn limbs(len: usize, seed: u64, kind: u32, sparse_every: usize) -> Vec<u32> {
    let mut x = seed | 1;
    (0..len)
        .map(|i| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            match kind {
                0 => (x >> 16) as u32,
                1 => u32::MAX,
                _ if i % sparse_every == 0 => (x >> 16) as u32,
                _ => 0,
            }
        })
        .collect()
}
