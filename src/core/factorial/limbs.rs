//! Products of numbers held as little-endian u32 limbs: schoolbook,
//! Karatsuba, and the NTT (`super::ntt`) for large ones.
//!
//! u32 limbs because wasm32 multiplies u32 x u32 -> u64 in one instruction
//! and has no 64 x 64 -> 128. Results are trimmed (no high zero limbs).

use super::ntt;

/// Below this many limbs in the shorter operand, schoolbook beats Karatsuba
/// (both kernel workloads time the same anywhere from 32 to 48).
const KARATSUBA_FROM: usize = 32;
/// The same for squares, whose schoolbook does half the products.
const KARATSUBA_SQR_FROM: usize = 48;

/// `x` as limbs.
pub fn from_u64(x: u64) -> Vec<u32> {
    trim(vec![x as u32, (x >> 32) as u32])
}

fn trim(mut x: Vec<u32>) -> Vec<u32> {
    while x.last() == Some(&0) {
        x.pop();
    }
    x
}

/// `a * b`.
pub fn mul(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (a, b) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if b.is_empty() {
        return Vec::new();
    }
    if ntt_pays(a.len(), b.len(), false) {
        return trim(ntt::mul(a, Some(b)));
    }
    let mut out = vec![0u32; a.len() + b.len()];
    if b.len() < KARATSUBA_FROM {
        mul_rows(&mut out, a, b);
    } else {
        // Karatsuba's temporaries: at most 8 limbs per limb of b, plus a few
        // per level.
        let mut scratch = vec![0u32; 10 * b.len() + 256];
        mul_into(&mut out, a, b, &mut scratch);
    }
    trim(out)
}

/// `a * a`.
pub fn sqr(a: &[u32]) -> Vec<u32> {
    if a.is_empty() {
        return Vec::new();
    }
    if ntt_pays(a.len(), a.len(), true) {
        return trim(ntt::mul(a, None));
    }
    let mut out = vec![0u32; 2 * a.len()];
    if a.len() < KARATSUBA_SQR_FROM {
        sqr_rows(&mut out, a);
    } else {
        // At most 3 limbs per limb of a, plus a few per level.
        let mut scratch = vec![0u32; 4 * a.len() + 256];
        sqr_into(&mut out, a, &mut scratch);
    }
    trim(out)
}

/// Whether the NTT beats Karatsuba for a `long x short` product (or the
/// square of `long`). The NTT's cost steps with the power of two that holds
/// the product, so a fixed threshold misses it both ways; Karatsuba's (on
/// `short`-limb pieces of `long`) grows as `long * short^0.585`. The factors
/// are fitted to V8's timings of both (docs/benchmark.md).
pub fn ntt_pays(long: usize, short: usize, square: bool) -> bool {
    if short < 100 {
        return false; // Karatsuba's at every length
    }
    let len = (long + short).next_power_of_two() as f64;
    let karatsuba = long as f64 * (short as f64).powf(0.585);
    if square {
        len * (13.5 + 0.85 * len.log2()) < 1.6 * karatsuba
    } else {
        len * (15.5 + 1.4 * len.log2()) < 2.5 * karatsuba
    }
}

/// `out = a * b`, `a.len() >= b.len() >= 1`, `out.len() == a.len() + b.len()`.
fn mul_into(out: &mut [u32], a: &[u32], b: &[u32], scratch: &mut [u32]) {
    debug_assert!(a.len() >= b.len() && !b.is_empty());
    debug_assert_eq!(out.len(), a.len() + b.len());
    let n = b.len();
    if n < KARATSUBA_FROM {
        mul_rows(out, a, b);
    } else if n <= a.len().div_ceil(2) {
        // b would have no high half: b times each n-limb piece of a, added in.
        out.fill(0);
        let (piece, rest) = scratch.split_at_mut(2 * n);
        for (i, chunk) in a.chunks(n).enumerate() {
            let product = &mut piece[..chunk.len() + n];
            if chunk.len() >= n {
                mul_into(product, chunk, b, rest);
            } else {
                mul_into(product, b, chunk, rest);
            }
            add_in(&mut out[i * n..], product);
        }
    } else {
        karatsuba(out, a, b, scratch);
    }
}

/// `out = a * a`, `out.len() == 2 * a.len()`.
fn sqr_into(out: &mut [u32], a: &[u32], scratch: &mut [u32]) {
    if a.len() < KARATSUBA_SQR_FROM {
        sqr_rows(out, a);
    } else {
        karatsuba_sqr(out, a, scratch);
    }
}

/// Karatsuba with `a = a0 + a1 B^h`, `b = b0 + b1 B^h`, `h = ceil(len(a) / 2)`:
/// `a b = z0 + (z0 + z2 - (a0 - a1)(b0 - b1)) B^h + z2 B^2h`.
fn karatsuba(out: &mut [u32], a: &[u32], b: &[u32], scratch: &mut [u32]) {
    let h = a.len().div_ceil(2);
    debug_assert!(b.len() > h, "mul_into splits unbalanced operands first");
    let (a0, a1) = a.split_at(h);
    let (b0, b1) = b.split_at(h);
    let (low, high) = out.split_at_mut(2 * h);
    mul_into(low, a0, b0, scratch);
    if a1.len() >= b1.len() {
        mul_into(high, a1, b1, scratch);
    } else {
        mul_into(high, b1, a1, scratch);
    }
    let (da, rest) = scratch.split_at_mut(h);
    let (db, rest) = rest.split_at_mut(h);
    let (z1, rest) = rest.split_at_mut(2 * h + 1);
    let a_neg = abs_diff(da, a0, a1);
    let b_neg = abs_diff(db, b0, b1);
    z1[2 * h] = 0;
    mul_into(&mut z1[..2 * h], da, db, rest);
    // The middle is z0 + z2 -/+ |a0 - a1| |b0 - b1|, by the sign of the product.
    middle(z1, &out[..2 * h], &out[2 * h..], a_neg == b_neg);
    add_in(&mut out[h..], trimmed(z1));
}

/// Karatsuba's square: `a^2 = z0 + (z0 + z2 - (a0 - a1)^2) B^h + z2 B^2h`.
fn karatsuba_sqr(out: &mut [u32], a: &[u32], scratch: &mut [u32]) {
    let h = a.len().div_ceil(2);
    let (a0, a1) = a.split_at(h);
    let (low, high) = out.split_at_mut(2 * h);
    sqr_into(low, a0, scratch);
    sqr_into(high, a1, scratch);
    let (da, rest) = scratch.split_at_mut(h);
    let (z1, rest) = rest.split_at_mut(2 * h + 1);
    abs_diff(da, a0, a1);
    z1[2 * h] = 0;
    sqr_into(&mut z1[..2 * h], da, rest);
    middle(z1, &out[..2 * h], &out[2 * h..], true);
    add_in(&mut out[h..], trimmed(z1));
}

fn trimmed(x: &[u32]) -> &[u32] {
    let len = x.iter().rposition(|&d| d != 0).map_or(0, |i| i + 1);
    &x[..len]
}

// The loops below index their slices rather than zip iterators: at
// opt-level "s", which the app builds this crate with, the adapters are
// not inlined (docs/benchmark.md).

/// `z := z0 + z2 - z` (subtract) or `z0 + z2 + z`, where `z2` is no longer
/// than `z0` and `z` one limb longer (its top limb 0); never negative.
fn middle(z: &mut [u32], z0: &[u32], z2: &[u32], subtract: bool) {
    let (n0, n2) = (z0.len(), z2.len());
    let z = &mut z[..n0 + 1];
    let sign = if subtract { -1 } else { 1 };
    let mut carry = 0i64;
    for i in 0..n2 {
        let s = i64::from(z0[i]) + i64::from(z2[i]) + sign * i64::from(z[i]) + carry;
        z[i] = s as u32;
        carry = s >> 32;
    }
    for i in n2..n0 {
        let s = i64::from(z0[i]) + sign * i64::from(z[i]) + carry;
        z[i] = s as u32;
        carry = s >> 32;
    }
    z[n0] = carry as u32;
}

/// `out = |x - y|` where `y` is no longer than `x` (and `out`); true if `x < y`.
fn abs_diff(out: &mut [u32], x: &[u32], y: &[u32]) -> bool {
    let (x_low, x_high) = x.split_at(y.len());
    let less = x_high.iter().all(|&d| d == 0) && x_low.iter().rev().lt(y.iter().rev());
    let (big, small) = if less { (y, x_low) } else { (x_low, y) };
    let out = &mut out[..x.len()];
    let mut borrow = 0i64;
    for i in 0..y.len() {
        let s = i64::from(big[i]) - i64::from(small[i]) + borrow;
        out[i] = s as u32;
        borrow = s >> 32;
    }
    // Only x has limbs here (all zero if x < y).
    for i in y.len()..x.len() {
        let s = i64::from(x[i]) + borrow;
        out[i] = s as u32;
        borrow = s >> 32;
    }
    debug_assert_eq!(borrow, 0);
    less
}

/// `acc += x`; the carry must die within `acc`.
fn add_in(acc: &mut [u32], x: &[u32]) {
    let mut carry = 0u64;
    for i in 0..x.len() {
        let s = u64::from(acc[i]) + u64::from(x[i]) + carry;
        acc[i] = s as u32;
        carry = s >> 32;
    }
    for d in &mut acc[x.len()..] {
        if carry == 0 {
            break;
        }
        let s = u64::from(*d) + carry;
        *d = s as u32;
        carry = s >> 32;
    }
    debug_assert_eq!(carry, 0);
}

/// `out = a * b` by rows, two rows per pass: row `j + 1` runs one limb
/// behind row `j`, so both land on the same limb of `out`, which is read and
/// written once for two products, and the two carry chains are independent.
fn mul_rows(out: &mut [u32], a: &[u32], b: &[u32]) {
    let m = a.len();
    out[..m].fill(0);
    let mut pairs = b.chunks_exact(2);
    for (j, pair) in pairs.by_ref().enumerate() {
        let j = 2 * j;
        let (y0, y1) = (u64::from(pair[0]), u64::from(pair[1]));
        let t = u64::from(a[0]) * y0 + u64::from(out[j]);
        out[j] = t as u32;
        two_rows(&mut out[j..j + m + 2], a, 1, (y0, y1), t >> 32);
    }
    if let [y] = pairs.remainder() {
        let j = b.len() - 1;
        out[j + m] = add_mul_row(&mut out[j..j + m], a, *y);
    }
}

/// The rest of a two-row pass, from limb `from` on: `o[k]` gets `y0 a[k]`
/// and `y1 a[k - 1]`, each row with its own carry (`y0`'s starts at `c0`);
/// the last product and both carries go to `o[len..len + 2]`, `len = a.len()`.
#[inline(always)]
fn two_rows(o: &mut [u32], a: &[u32], from: usize, (y0, y1): (u64, u64), c0: u64) {
    let n = a.len();
    let o = &mut o[..n + 2];
    let (mut c0, mut c1) = (c0, 0u64);
    for k in from..n {
        // Each sum is below 2^64: (2^32 - 1)^2 + 2 (2^32 - 1).
        let t0 = u64::from(a[k]) * y0 + u64::from(o[k]) + c0;
        c0 = t0 >> 32;
        let t1 = u64::from(a[k - 1]) * y1 + (t0 & 0xffff_ffff) + c1;
        c1 = t1 >> 32;
        o[k] = t1 as u32;
    }
    let t = u64::from(a[n - 1]) * y1 + c0 + c1;
    o[n] = t as u32;
    o[n + 1] = (t >> 32) as u32;
}

/// `acc += x * y` over `x.len()` limbs; returns the carry out.
fn add_mul_row(acc: &mut [u32], x: &[u32], y: u32) -> u32 {
    let acc = &mut acc[..x.len()];
    let mut carry = 0u64;
    for i in 0..x.len() {
        let t = u64::from(x[i]) * u64::from(y) + u64::from(acc[i]) + carry;
        acc[i] = t as u32;
        carry = t >> 32;
    }
    carry as u32
}

/// `out = a^2`: the products `a_i a_k`, `i < k`, two rows per pass as in
/// `mul_rows`, doubled, then the squares on the diagonal added.
fn sqr_rows(out: &mut [u32], a: &[u32]) {
    let n = a.len();
    out.fill(0);
    // Row i adds a_i a[i + 1..] at limb 2i + 1; row i + 1 runs one behind.
    let mut i = 0;
    while i + 2 < n {
        let (y0, y1) = (u64::from(a[i]), u64::from(a[i + 1]));
        let t = u64::from(a[i + 1]) * y0 + u64::from(out[2 * i + 1]);
        out[2 * i + 1] = t as u32;
        let t = u64::from(a[i + 2]) * y0 + u64::from(out[2 * i + 2]) + (t >> 32);
        out[2 * i + 2] = t as u32;
        // Limb i + k gets a_i a_k and a_(i+1) a_(k-1), k from i + 3.
        two_rows(&mut out[i..i + n + 2], a, i + 3, (y0, y1), t >> 32);
        i += 2;
    }
    if i + 1 < n {
        out[i + n] = add_mul_row(&mut out[2 * i + 1..i + n], &a[i + 1..], a[i]);
    }
    add_doubled_diagonal(out, a);
}

/// `out = 2 out + the squares a_i^2 at limbs 2i`.
fn add_doubled_diagonal(out: &mut [u32], a: &[u32]) {
    let out = &mut out[..2 * a.len()];
    let mut carry = 0u64;
    let mut top = 0u32; // the bit shifted out of the previous limb
    for (i, &x) in a.iter().enumerate() {
        let (lo, hi) = (out[2 * i], out[2 * i + 1]);
        let t = u64::from(x) * u64::from(x) + u64::from((lo << 1) | top) + carry;
        out[2 * i] = t as u32;
        let t = u64::from((hi << 1) | (lo >> 31)) + (t >> 32);
        out[2 * i + 1] = t as u32;
        carry = t >> 32;
        top = hi >> 31;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    /// Every 5th limb random in the sparse kind.
    fn limbs(len: usize, seed: u64, kind: u32) -> Vec<u32> {
        crate::core::factorial::test_limbs::limbs(len, seed, kind, 5)
    }

    fn big(x: &[u32]) -> BigUint {
        BigUint::from_slice(x)
    }

    /// Every path: schoolbook (both row counts' parities), Karatsuba's
    /// balanced and unbalanced splits, the NTT, at the thresholds and off them.
    #[test]
    fn products_and_squares_match_num_bigint() {
        let sizes = [
            1, 2, 3, 5, 8, 17, 31, 32, 33, 47, 48, 49, 64, 65, 99, 100, 127, 200, 255, 300, 511,
            700, 1000, 1500, 2100,
        ];
        for (i, &m) in sizes.iter().enumerate() {
            for &n in &sizes[..=i] {
                for kind in 0..3 {
                    let (a, b) = (limbs(m, m as u64, kind), limbs(n, 7 * n as u64, kind));
                    let want = big(&a) * big(&b);
                    assert_eq!(big(&mul(&a, &b)), want, "{m} x {n}, kind {kind}");
                    assert_eq!(big(&mul(&b, &a)), want, "{n} x {m}, kind {kind}");
                    assert_eq!(big(&sqr(&a)), big(&a) * big(&a), "{m}^2, kind {kind}");
                }
            }
        }
    }

    #[test]
    fn edge_cases() {
        assert!(mul(&[], &[1, 2]).is_empty());
        assert!(sqr(&[]).is_empty());
        assert_eq!(mul(&[0, 0, 1], &[0, 5]), [0, 0, 0, 5]);
        assert_eq!(mul(&[u32::MAX; 3], &[1]), [u32::MAX; 3]);
        let ones = vec![u32::MAX; 3000];
        assert_eq!(big(&sqr(&ones)), big(&ones).pow(2));
        assert_eq!(big(&mul(&ones, &ones[..1])), big(&ones) * u32::MAX);
        assert_eq!(from_u64(0), Vec::<u32>::new());
        assert_eq!(from_u64(1 << 32), [0, 1]);
    }

    #[test]
    fn the_cost_model_picks_the_ntt_only_where_it_measured_faster() {
        assert!(
            !ntt_pays(256, 256, true) && ntt_pays(448, 448, true) && ntt_pays(1024, 1024, true)
        );
        assert!(!ntt_pays(300, 300, false) && ntt_pays(400, 400, false));
        assert!(
            ntt_pays(800, 200, false) && !ntt_pays(794, 92, false) && !ntt_pays(1500, 100, false)
        );
    }
}
