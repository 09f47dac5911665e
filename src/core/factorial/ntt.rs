//! Products of large numbers by number-theoretic transforms.
//!
//! Each u32 limb is one coefficient of a polynomial; the product's
//! coefficients (each below `len * 2^64`) are the cyclic convolution of the
//! limbs, taken modulo three primes below 2^30 and put back together by the
//! Chinese remainder theorem (the primes' product is about 2^88). Every
//! product of two residues is u32 x u32 -> u64: one `i64.mul` on wasm32,
//! where 64 x 64 -> 128 bits would be emulated.
//!
//! The transforms are Harvey's: residues stay lazily in [0, 2p) (2p < 2^31,
//! so sums fit a u32 unreduced), and each twiddle factor carries Shoup's
//! precomputed quotient, so a butterfly needs no division. The forward
//! transform (decimation in frequency) leaves its output in bit-reversed
//! order and the inverse (decimation in time) takes that order back, so
//! neither permutes. Both use the same factors: run with `w` instead of
//! `w^-1`, the inverse gives the result at index `-k mod len`, which the
//! last pass reads backwards. Every pass is written once over `Lanes`: u32
//! natively, and four lanes of wasm's simd128 on wasm32, which every browser
//! with wasm threads has.

/// An NTT prime `p = c * 2^k + 1 < 2^30` with a primitive root.
struct Prime {
    p: u32,
    g: u32,
}

const PRIMES: [Prime; 3] = [
    Prime {
        p: 998_244_353,
        g: 3,
    }, // 119 * 2^23 + 1
    Prime {
        p: 754_974_721,
        g: 11,
    }, // 45 * 2^24 + 1
    Prime {
        p: 469_762_049,
        g: 3,
    }, // 7 * 2^26 + 1
];

/// The longest transform all three primes allow (2^23 divides p0 - 1), so
/// the longest product: 2^23 limbs. Its coefficients stay below
/// 2^23 * 2^64 < p0 p1 p2, so the CRT gives them exactly.
pub const MAX_LEN: usize = 1 << 23;

fn pow_mod(base: u32, mut exp: u64, p: u32) -> u32 {
    let (mut result, mut b, p) = (1u64, u64::from(base), u64::from(p));
    while exp > 0 {
        if exp & 1 == 1 {
            result = result * b % p;
        }
        b = b * b % p;
        exp >>= 1;
    }
    result as u32
}

/// A factor `w < p` with Shoup's quotient `floor(w * 2^32 / p)`.
#[derive(Clone, Copy)]
struct Twiddle {
    w: u32,
    quotient: u32,
}

impl Twiddle {
    fn new(w: u32, p: u32) -> Twiddle {
        let quotient = ((u64::from(w) << 32) / u64::from(p)) as u32;
        Twiddle { w, quotient }
    }

    /// `x * w mod p` in [0, 2p), for any u32 `x`.
    fn mul(self, x: u32, p: u32) -> u32 {
        shoup(x, self.w, self.quotient, p)
    }

    /// The factor in every lane, to multiply by in a loop.
    #[inline(always)]
    fn lanes<L: Lanes>(self, p: u32) -> Factor<L> {
        Factor {
            w: L::splat(self.w),
            quotient: L::splat(self.quotient),
            p: L::splat(p),
        }
    }
}

/// A twiddle factor and its prime, in lanes.
#[derive(Clone, Copy)]
struct Factor<L> {
    w: L,
    quotient: L,
    p: L,
}

impl<L: Lanes> Factor<L> {
    /// `x * w mod p` in [0, 2p).
    #[inline(always)]
    fn mul(self, x: L) -> L {
        shoup(x, self.w, self.quotient.reread(), self.p)
    }
}

/// One prime's twiddle factors and their quotients: entry `m + j` is
/// `w_2m^j` for each half-length `m`, so a stage reads its factors in
/// order, and the table for one length serves every shorter one.
#[derive(Default)]
struct Tables {
    w: Vec<u32>,
    quotient: Vec<u32>,
}

impl Tables {
    /// Extends the tables to transforms of `len`.
    fn grow(&mut self, prime: &Prime, len: usize) {
        let p = prime.p;
        if self.w.is_empty() {
            self.w.extend([0, 1]);
            self.quotient.extend([0, Twiddle::new(1, p).quotient]);
        }
        while self.w.len() < len {
            let m = self.w.len();
            // A primitive 2m-th root of unity, and its powers.
            let step = Twiddle::new(pow_mod(prime.g, (u64::from(p) - 1) / (2 * m as u64), p), p);
            let mut w = 1;
            for _ in 0..m {
                let t = Twiddle::new(w, p);
                self.w.push(t.w);
                self.quotient.push(t.quotient);
                w = reduce(step.mul(w, p), p);
            }
        }
    }
}

std::thread_local! {
    /// Each prime's tables, grown to the longest transform so far (8 bytes
    /// per element of it for each prime).
    static TABLES: std::cell::RefCell<[Tables; 3]> = std::cell::RefCell::default();
}

/// A few u32 lanes, and the wrapping operations the passes need.
trait Lanes: Copy {
    const WIDTH: usize;
    fn splat(x: u32) -> Self;
    /// The first `WIDTH` elements of `s`.
    fn load(s: &[u32]) -> Self;
    fn store(self, s: &mut [u32]);
    fn add(self, other: Self) -> Self;
    fn sub(self, other: Self) -> Self;
    fn min(self, other: Self) -> Self;
    /// The low halves of the lanes' products.
    fn mul(self, other: Self) -> Self;
    /// The high halves of the lanes' products.
    fn mul_high(self, other: Self) -> Self;
    /// The value read afresh where it is used, for a loop-invariant operand
    /// of `mul_high` (see the simd128 impl).
    fn reread(&self) -> Self {
        *self
    }
}

impl Lanes for u32 {
    const WIDTH: usize = 1;
    fn splat(x: u32) -> u32 {
        x
    }
    fn load(s: &[u32]) -> u32 {
        s[0]
    }
    fn store(self, s: &mut [u32]) {
        s[0] = self;
    }
    fn add(self, other: u32) -> u32 {
        self.wrapping_add(other)
    }
    fn sub(self, other: u32) -> u32 {
        self.wrapping_sub(other)
    }
    fn min(self, other: u32) -> u32 {
        Ord::min(self, other)
    }
    fn mul(self, other: u32) -> u32 {
        self.wrapping_mul(other)
    }
    fn mul_high(self, other: u32) -> u32 {
        ((u64::from(self) * u64::from(other)) >> 32) as u32
    }
}

/// Shoup's `x * w mod p` in [0, 2p), with `quotient = floor(w * 2^32 / p)`.
#[inline(always)]
fn shoup<L: Lanes>(x: L, w: L, quotient: L, p: L) -> L {
    x.mul(w).sub(x.mul_high(quotient).mul(p))
}

/// [0, 2m) to [0, m): below m, the wrapped difference is the larger.
#[inline(always)]
fn reduce<L: Lanes>(x: L, m: L) -> L {
    x.min(x.sub(m))
}

// The passes index their slices rather than zip iterators: at opt-level
// "s", which the app builds this crate with, the adapters are not inlined
// (docs/benchmark.md).

/// The forward transform's stages of half-length `a.len() / 2` down to
/// `last`: input and output in [0, 2p).
#[inline(always)]
fn forward_stages<L: Lanes>(a: &mut [u32], tables: &Tables, p: u32, last: usize) {
    let (p1, p2) = (L::splat(p), L::splat(2 * p));
    let mut m = a.len() / 2;
    while m >= last {
        let (ws, qs) = (&tables.w[m..2 * m], &tables.quotient[m..2 * m]);
        for block in a.chunks_exact_mut(2 * m) {
            let (xs, ys) = block.split_at_mut(m);
            for j in (0..m).step_by(L::WIDTH) {
                let (u, v) = (L::load(&xs[j..]), L::load(&ys[j..]));
                reduce(u.add(v), p2).store(&mut xs[j..]);
                shoup(u.add(p2).sub(v), L::load(&ws[j..]), L::load(&qs[j..]), p1)
                    .store(&mut ys[j..]);
            }
        }
        m /= 2;
    }
}

/// The inverse transform's stages of half-length `first` up to
/// `a.len() / 2`: input and output in [0, 2p).
#[inline(always)]
fn inverse_stages<L: Lanes>(a: &mut [u32], tables: &Tables, p: u32, first: usize) {
    let (p1, p2) = (L::splat(p), L::splat(2 * p));
    let mut m = first;
    while m < a.len() {
        let (ws, qs) = (&tables.w[m..2 * m], &tables.quotient[m..2 * m]);
        for block in a.chunks_exact_mut(2 * m) {
            let (xs, ys) = block.split_at_mut(m);
            for j in (0..m).step_by(L::WIDTH) {
                let u = L::load(&xs[j..]);
                let t = shoup(L::load(&ys[j..]), L::load(&ws[j..]), L::load(&qs[j..]), p1);
                reduce(u.add(t), p2).store(&mut xs[j..]);
                reduce(u.add(p2).sub(t), p2).store(&mut ys[j..]);
            }
        }
        m *= 2;
    }
}

/// `x * factor mod p` in [0, 2p) for each limb, zero-padded to `out.len()`.
#[inline(always)]
fn residues_of<L: Lanes>(out: &mut [u32], x: &[u32], p: u32, factor: Twiddle) {
    let lanes = factor.lanes::<L>(p);
    let whole = x.len() - x.len() % L::WIDTH;
    for i in (0..whole).step_by(L::WIDTH) {
        lanes.mul(L::load(&x[i..])).store(&mut out[i..]);
    }
    for i in whole..x.len() {
        out[i] = factor.mul(x[i], p);
    }
    out[x.len()..].fill(0);
}

/// `x := x * y * 2^-32 mod p`, or `x := x^2 * scale * 2^-32` when `y` is
/// `None`; in [0, 2p), for x and y in [0, 2p).
#[inline(always)]
fn pointwise<L: Lanes>(x: &mut [u32], y: Option<&[u32]>, p: u32, scale: Twiddle) {
    let (p, p_inv, scale) = (
        L::splat(p),
        L::splat(inverse_mod_2_32(p)),
        scale.lanes::<L>(p),
    );
    match y {
        Some(y) => {
            for i in (0..x.len()).step_by(L::WIDTH) {
                montgomery(L::load(&x[i..]), L::load(&y[i..]), p, p_inv).store(&mut x[i..]);
            }
        }
        None => {
            for i in (0..x.len()).step_by(L::WIDTH) {
                let u = L::load(&x[i..]);
                scale.mul(montgomery(u, u, p, p_inv)).store(&mut x[i..]);
            }
        }
    }
}

/// `u v 2^-32 mod p` in (0, 2p): Montgomery's product, with
/// `p_inv = p^-1 mod 2^32`. `u v < 4p^2 < 2^32 p`, so `u v / 2^32` and
/// `m p / 2^32` are below p, and their difference plus p is in (0, 2p).
#[inline(always)]
fn montgomery<L: Lanes>(u: L, v: L, p: L, p_inv: L) -> L {
    let m = u.mul(v).mul(p_inv); // m p = u v mod 2^32
    u.mul_high(v).sub(m.mul_high(p.reread())).add(p)
}

/// `p^-1 mod 2^32` by Newton's iteration (each step doubles the correct bits).
fn inverse_mod_2_32(p: u32) -> u32 {
    let mut inv = p; // right to 3 bits for odd p
    for _ in 0..4 {
        inv = inv.wrapping_mul(2u32.wrapping_sub(p.wrapping_mul(inv)));
    }
    inv
}

/// Garner's CRT: `x = r0 + p0 v1 + p0 p1 v2`, with
/// `v1 = (r1 - r0) / p0 mod p1` and `v2 = (r2 - r0 - p0 v1) / (p0 p1) mod p2`.
struct Garner {
    p0_inv_mod_p1: Twiddle,
    p0_mod_p2: Twiddle,
    one_mod_p2: Twiddle,
    p0p1_inv_mod_p2: Twiddle,
}

impl Garner {
    fn new() -> Garner {
        let [p0, p1, p2] = [PRIMES[0].p, PRIMES[1].p, PRIMES[2].p];
        let p0p1_mod_p2 = (u64::from(p0) * u64::from(p1) % u64::from(p2)) as u32;
        Garner {
            p0_inv_mod_p1: Twiddle::new(pow_mod(p0, u64::from(p1) - 2, p1), p1),
            p0_mod_p2: Twiddle::new(p0 % p2, p2),
            one_mod_p2: Twiddle::new(1, p2),
            p0p1_inv_mod_p2: Twiddle::new(pow_mod(p0p1_mod_p2, u64::from(p2) - 2, p2), p2),
        }
    }
}

/// The CRT's first half, lane-wise: the residues (in [0, 2p)) become `r0`,
/// `v1` and `v2`, each exact.
#[inline(always)]
fn garner_digits<L: Lanes>(r0s: &mut [u32], r1s: &mut [u32], r2s: &mut [u32], g: &Garner) {
    let [p0, p1, p2] = [PRIMES[0].p, PRIMES[1].p, PRIMES[2].p];
    let (p0_l, p1_l, p2_l) = (L::splat(p0), L::splat(p1), L::splat(p2));
    let p0_inv_mod_p1 = g.p0_inv_mod_p1.lanes::<L>(p1);
    let p0_mod_p2 = g.p0_mod_p2.lanes::<L>(p2);
    let one_mod_p2 = g.one_mod_p2.lanes::<L>(p2);
    let p0p1_inv_mod_p2 = g.p0p1_inv_mod_p2.lanes::<L>(p2);
    for i in (0..r0s.len()).step_by(L::WIDTH) {
        let r0 = reduce(L::load(&r0s[i..]), p0_l);
        let r1 = reduce(L::load(&r1s[i..]), p1_l);
        // r0 < p0 < 2 p1, so one reduction takes it mod p1.
        let v1 = reduce(p0_inv_mod_p1.mul(r1.add(p1_l).sub(reduce(r0, p1_l))), p1_l);
        // (r0 + p0 v1) mod p2, in [0, 4p2).
        let low = one_mod_p2.mul(r0).add(p0_mod_p2.mul(v1));
        let r2 = L::load(&r2s[i..]).add(L::splat(4 * p2)).sub(low);
        let v2 = reduce(p0p1_inv_mod_p2.mul(r2), p2_l);
        r0.store(&mut r0s[i..]);
        v1.store(&mut r1s[i..]);
        v2.store(&mut r2s[i..]);
    }
}

/// The CRT's second half: coefficient `k` of the product, stored at
/// `-k mod len` (see the module docs), is `r0 + p0 v1 + p0 p1 v2 < 2^88`;
/// each goes into the running carry, one limb out per coefficient.
fn carry_out(r0s: &[u32], v1s: &[u32], v2s: &[u32], out: &mut [u32]) {
    let len = r0s.len();
    let p0 = u64::from(PRIMES[0].p);
    let p0p1 = p0 * u64::from(PRIMES[1].p);
    let (p0p1_low, p0p1_high) = (p0p1 & 0xffff_ffff, p0p1 >> 32);
    let mut carry = 0u64; // below 2^57
    for (k, limb) in out.iter_mut().enumerate() {
        let i = (len - k) % len;
        let (r0, v1, v2) = (u64::from(r0s[i]), u64::from(v1s[i]), u64::from(v2s[i]));
        let s = carry + r0 + p0 * v1 + v2 * p0p1_low;
        *limb = s as u32;
        carry = (s >> 32) + v2 * p0p1_high;
    }
    debug_assert_eq!(carry, 0);
}

/// `a * b`, or `a * a` when `b` is `None`, in `a.len() + b.len()` limbs
/// (not trimmed).
pub fn mul(a: &[u32], b: Option<&[u32]>) -> Vec<u32> {
    let out_len = a.len() + b.map_or(a.len(), <[u32]>::len);
    let len = out_len.next_power_of_two().max(8); // simd128's last stages take groups of 8
    assert!(len <= MAX_LEN, "product too long for the NTT primes");
    TABLES.with_borrow_mut(|tables| {
        for (t, prime) in tables.iter_mut().zip(&PRIMES) {
            t.grow(prime, len);
        }
    });
    let mut residues = [vec![0u32; len], vec![0u32; len], vec![0u32; len]];
    let mut other = vec![0u32; if b.is_some() { len } else { 0 }];
    TABLES.with_borrow(|tables| {
        for ((x, prime), tables) in residues.iter_mut().zip(&PRIMES).zip(tables) {
            let p = prime.p;
            // 2^32 / len mod p undoes Montgomery's 2^-32 and divides by the
            // length, as the inverse transform needs. A product takes it in
            // with a's residues (the transform is linear), a square after
            // its pointwise product.
            let scale = Twiddle::new(pow_mod(2, 32 - u64::from(len.trailing_zeros()), p), p);
            let one = Twiddle::new(1, p);
            passes::residues(x, a, p, if b.is_some() { scale } else { one });
            passes::forward(x, tables, p);
            if let Some(b) = b {
                passes::residues(&mut other, b, p, one);
                passes::forward(&mut other, tables, p);
            }
            passes::pointwise(x, b.map(|_| &other[..]), p, scale);
            passes::inverse(x, tables, p);
        }
    });
    let [r0, r1, r2] = &mut residues;
    passes::garner_digits(r0, r1, r2, &Garner::new());
    let mut out = vec![0u32; out_len];
    carry_out(r0, r1, r2, &mut out);
    out
}

/// Each pass for this target: simd128 on wasm32, u32 lanes elsewhere.
mod passes {
    #[cfg(not(target_arch = "wasm32"))]
    use super::{Garner, Tables, Twiddle};

    #[cfg(target_arch = "wasm32")]
    pub(super) use super::simd::{forward, garner_digits, inverse, pointwise, residues};

    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn forward(a: &mut [u32], tables: &Tables, p: u32) {
        super::forward_stages::<u32>(a, tables, p, 1)
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn inverse(a: &mut [u32], tables: &Tables, p: u32) {
        super::inverse_stages::<u32>(a, tables, p, 1)
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn residues(out: &mut [u32], x: &[u32], p: u32, factor: Twiddle) {
        super::residues_of::<u32>(out, x, p, factor)
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn pointwise(x: &mut [u32], y: Option<&[u32]>, p: u32, scale: Twiddle) {
        super::pointwise::<u32>(x, y, p, scale)
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn garner_digits(r0: &mut [u32], r1: &mut [u32], r2: &mut [u32], g: &Garner) {
        super::garner_digits::<u32>(r0, r1, r2, g)
    }
}

/// simd128: the generic passes at four lanes, and the two stages whose
/// butterflies lie within one vector (m = 2 and 1), done by shuffles.
#[cfg(target_arch = "wasm32")]
mod simd {
    use super::{Garner, Lanes, Tables, Twiddle};
    use core::arch::wasm32::*;

    impl Lanes for v128 {
        const WIDTH: usize = 4;
        #[inline(always)]
        fn splat(x: u32) -> v128 {
            u32x4_splat(x)
        }
        #[inline(always)]
        fn load(s: &[u32]) -> v128 {
            assert!(s.len() >= 4);
            // SAFETY: four u32 in bounds; v128.load takes any alignment.
            unsafe { v128_load(s.as_ptr().cast()) }
        }
        #[inline(always)]
        fn store(self, s: &mut [u32]) {
            assert!(s.len() >= 4);
            // SAFETY: as in load.
            unsafe { v128_store(s.as_mut_ptr().cast(), self) }
        }
        #[inline(always)]
        fn add(self, other: v128) -> v128 {
            i32x4_add(self, other)
        }
        #[inline(always)]
        fn sub(self, other: v128) -> v128 {
            i32x4_sub(self, other)
        }
        #[inline(always)]
        fn min(self, other: v128) -> v128 {
            u32x4_min(self, other)
        }
        #[inline(always)]
        fn mul(self, other: v128) -> v128 {
            i32x4_mul(self, other)
        }
        #[inline(always)]
        fn mul_high(self, other: v128) -> v128 {
            let low = u64x2_extmul_low_u32x4(self, other);
            let high = u64x2_extmul_high_u32x4(self, other);
            i32x4_shuffle::<1, 3, 5, 7>(low, high)
        }
        /// LLVM hoists the widening of a loop-invariant extmul operand out
        /// of the loop, and wasm's instruction selection (one basic block at
        /// a time) then emits i64x2.mul, which V8 emulates on x64. A
        /// volatile read keeps the operand, and extmul, in the loop.
        #[inline(always)]
        fn reread(&self) -> v128 {
            // SAFETY: a read of a valid reference.
            unsafe { core::ptr::read_volatile(self) }
        }
    }

    #[target_feature(enable = "simd128")]
    pub(super) fn forward(a: &mut [u32], tables: &Tables, p: u32) {
        super::forward_stages::<v128>(a, tables, p, 4);
        // m = 2, then m = 1, within each group of 8.
        let (p1, p2) = (u32x4_splat(p), u32x4_splat(2 * p));
        let (w, q) = (&tables.w, &tables.quotient);
        let (w2, q2) = (u32x4(w[2], w[3], w[2], w[3]), u32x4(q[2], q[3], q[2], q[3]));
        for group in a.chunks_exact_mut(8) {
            let (v0, v1) = (v128::load(&group[..4]), v128::load(&group[4..]));
            let x = i32x4_shuffle::<0, 1, 4, 5>(v0, v1);
            let y = i32x4_shuffle::<2, 3, 6, 7>(v0, v1);
            let x2 = super::reduce(x.add(y), p2);
            let y2 = super::shoup(x.add(p2).sub(y), w2, q2.reread(), p1);
            let u = i32x4_shuffle::<0, 4, 2, 6>(x2, y2);
            let v = i32x4_shuffle::<1, 5, 3, 7>(x2, y2);
            let even = super::reduce(u.add(v), p2);
            let odd = super::reduce(u.add(p2).sub(v), p2); // w_2^0 = 1
            i32x4_shuffle::<0, 4, 1, 5>(even, odd).store(&mut group[..4]);
            i32x4_shuffle::<2, 6, 3, 7>(even, odd).store(&mut group[4..]);
        }
    }

    #[target_feature(enable = "simd128")]
    pub(super) fn inverse(a: &mut [u32], tables: &Tables, p: u32) {
        // m = 1, then m = 2, within each group of 8.
        let (p1, p2) = (u32x4_splat(p), u32x4_splat(2 * p));
        let (w, q) = (&tables.w, &tables.quotient);
        let (w2, q2) = (u32x4(w[2], w[3], w[2], w[3]), u32x4(q[2], q[3], q[2], q[3]));
        for group in a.chunks_exact_mut(8) {
            let (v0, v1) = (v128::load(&group[..4]), v128::load(&group[4..]));
            let x = i32x4_shuffle::<0, 2, 4, 6>(v0, v1);
            let y = i32x4_shuffle::<1, 3, 5, 7>(v0, v1);
            let x1 = super::reduce(x.add(y), p2); // w_2^0 = 1
            let y1 = super::reduce(x.add(p2).sub(y), p2);
            let x = i32x4_shuffle::<0, 4, 2, 6>(x1, y1);
            let t = super::shoup(i32x4_shuffle::<1, 5, 3, 7>(x1, y1), w2, q2.reread(), p1);
            let x2 = super::reduce(x.add(t), p2);
            let y2 = super::reduce(x.add(p2).sub(t), p2);
            i32x4_shuffle::<0, 1, 4, 5>(x2, y2).store(&mut group[..4]);
            i32x4_shuffle::<2, 3, 6, 7>(x2, y2).store(&mut group[4..]);
        }
        super::inverse_stages::<v128>(a, tables, p, 4);
    }

    #[target_feature(enable = "simd128")]
    pub(super) fn residues(out: &mut [u32], x: &[u32], p: u32, factor: Twiddle) {
        super::residues_of::<v128>(out, x, p, factor)
    }

    #[target_feature(enable = "simd128")]
    pub(super) fn pointwise(x: &mut [u32], y: Option<&[u32]>, p: u32, scale: Twiddle) {
        super::pointwise::<v128>(x, y, p, scale)
    }

    #[target_feature(enable = "simd128")]
    pub(super) fn garner_digits(r0: &mut [u32], r1: &mut [u32], r2: &mut [u32], g: &Garner) {
        super::garner_digits::<v128>(r0, r1, r2, g)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use num_bigint::BigUint;

    /// Every 7th limb random in the sparse kind.
    fn limbs(len: usize, seed: u64, kind: u32) -> Vec<u32> {
        crate::core::factorial::test_limbs::limbs(len, seed, kind, 7)
    }

    #[test]
    fn products_and_squares_match_num_bigint() {
        let sizes = [
            1, 2, 3, 4, 5, 7, 8, 9, 31, 64, 100, 255, 256, 1000, 1500, 4096, 5000,
        ];
        for (i, &m) in sizes.iter().enumerate() {
            for &n in &sizes[..=i] {
                for kind in 0..3 {
                    let (a, b) = (limbs(m, 3 + m as u64, kind), limbs(n, 4 + n as u64, kind));
                    let (big_a, big_b) = (BigUint::from_slice(&a), BigUint::from_slice(&b));
                    assert_eq!(
                        BigUint::from_slice(&mul(&a, Some(&b))),
                        &big_a * &big_b,
                        "{m} x {n}, kind {kind}"
                    );
                    assert_eq!(
                        BigUint::from_slice(&mul(&b, Some(&a))),
                        &big_a * &big_b,
                        "{n} x {m}, kind {kind}"
                    );
                    assert_eq!(
                        BigUint::from_slice(&mul(&a, None)),
                        &big_a * &big_a,
                        "{m}^2, kind {kind}"
                    );
                }
            }
        }
    }

    #[test]
    fn zero_and_one_limbs() {
        assert!(mul(&[0, 0, 0], Some(&[5])).iter().all(|&d| d == 0));
        assert_eq!(mul(&[1], Some(&[u32::MAX])), [u32::MAX, 0]);
        assert_eq!(mul(&[u32::MAX], None), [1, u32::MAX - 1]);
    }

    #[test]
    fn the_largest_coefficients_come_back_exactly() {
        // All-ones operands make every coefficient as large as its length allows.
        let a = vec![u32::MAX; 1 << 15];
        let square = BigUint::from_slice(&a).pow(2);
        assert_eq!(BigUint::from_slice(&mul(&a, None)), square);
    }
}
