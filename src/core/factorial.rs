//! The factorial kernel: exact `n!` as a num-bigint `BigUint`, fast.
//!
//! Every `n!` is `odd_part(n) << (n - popcount(n))`: the powers of two are
//! shifted in at the end. The odd part is built in one of two ways:
//!
//! - small `n`: CPython's `math.factorial`, binary splitting of the odd
//!   numbers in `(n >> (i + 1), n >> i]`, with runs of small factors packed
//!   into one machine word before any bigint multiplication;
//! - larger `n`: from the prime factorisation (Legendre's formula). With
//!   `P_j` the product of the odd primes whose exponent has bit `j` set,
//!   the odd part is `R_0` where `R_j = R_{j+1}^2 * P_j`. A prime enters once
//!   per set bit of its exponent, and the squares raise it to its power.
//!   Each `P_j` is a balanced product of primes packed into machine words.
//!
//! The products are the kernel's own, on u32 limbs (`limbs`): schoolbook two
//! rows at a time, Karatsuba, and for large operands a number-theoretic
//! transform (`ntt`, simd128 on wasm) where Toom-3 is num-bigint's last
//! step; squares have their own schoolbook and Karatsuba. The result is
//! handed over as a `BigUint`. Its figures against the browser's own BigInt
//! are in docs/benchmark.md (`bench/kernel/run.sh`).

use num_bigint::BigUint;
use num_traits::One;

pub mod cost;
pub mod limbs;
pub mod ntt;
#[cfg(test)]
mod test_limbs;

use limbs::{from_u64, mul, sqr};

/// A number as little-endian u32 limbs, trimmed.
type Limbs = Vec<u32>;

/// `n!`, exact.
pub fn factorial(n: u64) -> BigUint {
    if n < SMALL_FACTORIALS.len() as u64 {
        return BigUint::from(SMALL_FACTORIALS[n as usize]);
    }
    let odd = if n < PRIME_METHOD_FROM {
        odd_part_by_splitting(n)
    } else {
        odd_part_by_primes(n)
    };
    BigUint::new(odd) << (n - u64::from(n.count_ones()))
}

/// `n!` as the plain left-to-right product: the reference the fast kernel is tested against.
pub fn naive_factorial(n: u64) -> BigUint {
    (2..=n).fold(BigUint::one(), |acc, k| acc * k)
}

/// `n!` as a plain balanced product tree of `2..=n` (no packing, no odd
/// part, no primes): the textbook baseline the benchmark compares against.
pub fn naive_product_tree(n: u64) -> BigUint {
    fn product(lower: u64, upper: u64) -> BigUint {
        // The product of lower..upper.
        match upper - lower {
            0 => BigUint::one(),
            1 => BigUint::from(lower),
            len => {
                let mid = lower + len / 2;
                product(lower, mid) * product(mid, upper)
            }
        }
    }
    product(2, n.max(1) + 1)
}

/// From here on the prime factorisation beats binary splitting (measured in
/// V8; the switch's figures are in docs/benchmark.md).
const PRIME_METHOD_FROM: u64 = 256;

/// 0! ..= 20!: every factorial that fits in a u64.
const SMALL_FACTORIALS: [u64; 21] = {
    let mut table = [1u64; 21];
    let mut k = 1;
    while k < 21 {
        table[k] = table[k - 1] * k as u64;
        k += 1;
    }
    table
};

/// The odd part of `n!`: the product over `i >= 0` of the odd numbers in
/// `(n >> (i + 1), n >> i]`, raised to the power `i + 1`. Built bottom-up as
/// CPython does: `inner` holds the odd numbers up to `n >> i`, `outer` the running product.
fn odd_part_by_splitting(n: u64) -> Limbs {
    let mut inner = vec![1];
    let mut outer = vec![1];
    let mut upper = 3u64; // exclusive bound of the odd numbers already in `inner`
    for i in (0..64 - n.leading_zeros()).rev() {
        let v = n >> i;
        if v <= 2 {
            continue;
        }
        let lower = upper;
        upper = (v + 1) | 1; // next odd above v
        if upper > lower {
            inner = mul(&inner, &odd_product(lower, upper));
        }
        outer = mul(&outer, &inner);
    }
    outer
}

/// Product of the odd numbers in `[lower, upper)`; `lower` and `upper` are odd.
fn odd_product(lower: u64, upper: u64) -> Limbs {
    let count = (upper - lower) / 2;
    let bits_per_factor = 64 - (upper - 2).leading_zeros() as u64;
    if count * bits_per_factor <= 64 {
        // Every factor fits, so the whole product fits in one machine word.
        let product: u64 = (lower..upper).step_by(2).product();
        return from_u64(product);
    }
    // Split at an odd midpoint so both halves have about the same size.
    let mid = lower + 2 * (count / 2);
    mul(&odd_product(lower, mid), &odd_product(mid, upper))
}

/// The odd part of `n!` from its prime factorisation (see the module docs).
fn odd_part_by_primes(n: u64) -> Limbs {
    let mut factors = ExponentBits::default();
    let primes = OddPrimes::up_to(n);
    // Up to sqrt(n), p^2 divides n! too: Legendre's whole sum.
    let root = isqrt(n);
    for p in primes.iter(3, root) {
        let (mut e, mut m) = (0, n / p);
        while m > 0 {
            e += m;
            m /= p;
        }
        factors.add(p, e);
    }
    // Above it the exponent is n / p, constant on (n / (q + 1), n / q]:
    // walk those ranges instead of dividing once per prime.
    let mut upper = n; // inclusive
    while upper > root {
        let q = n / upper;
        let lower = (n / (q + 1)).max(root); // exclusive
        for p in primes.iter(lower + 1, upper) {
            factors.add(p, q);
        }
        upper = lower;
    }
    factors.odd_part()
}

fn isqrt(n: u64) -> u64 {
    let mut r = (n as f64).sqrt() as u64;
    while r * r > n {
        r -= 1;
    }
    while (r + 1) * (r + 1) <= n {
        r += 1;
    }
    r
}

/// The odd primes' words, sorted by the bits of their exponents: word list
/// `j` holds (packed) the primes whose exponent has bit `j` set.
#[derive(Default)]
struct ExponentBits {
    words: Vec<Vec<u64>>,
    /// The word being filled for each bit, and its bit length.
    open: Vec<(u64, u32)>,
}

impl ExponentBits {
    fn add(&mut self, p: u64, exponent: u64) {
        let bits = 64 - exponent.leading_zeros() as usize;
        if self.open.len() < bits {
            self.open.resize(bits, (1, 1));
            self.words.resize_with(bits, Vec::new);
        }
        let p_bits = 64 - p.leading_zeros();
        let mut e = exponent;
        let mut j = 0;
        while e > 0 {
            if e & 1 == 1 {
                let (word, word_bits) = &mut self.open[j];
                // A product of an a-bit and a b-bit number has at most a + b bits.
                if *word_bits + p_bits > 64 {
                    self.words[j].push(*word);
                    (*word, *word_bits) = (p, p_bits);
                } else {
                    *word *= p;
                    *word_bits = 64 - word.leading_zeros();
                }
            }
            e >>= 1;
            j += 1;
        }
    }

    /// `R_0`, with `R_j = R_{j+1}^2 * P_j`.
    fn odd_part(mut self) -> Limbs {
        let mut result: Limbs = vec![1];
        for j in (0..self.open.len()).rev() {
            let (word, _) = self.open[j];
            if word != 1 {
                self.words[j].push(word);
            }
            let words = &self.words[j];
            result = if result == [1] {
                product_of_words(words)
            } else if words.is_empty() {
                sqr(&result)
            } else if !limbs::ntt_pays(result.len(), result.len(), true) {
                // While R's square is Karatsuba's, it costs about 2/3 of a
                // product: square, then multiply.
                mul(&sqr(&result), &product_of_words(words))
            } else {
                // In the NTT a square saves only one transform of three, and
                // R * (R * P) fits its powers of two better than R^2 * P.
                mul(&result, &mul(&result, &product_of_words(words)))
            };
        }
        result
    }
}

/// Balanced product of machine words.
fn product_of_words(words: &[u64]) -> Limbs {
    match words {
        [] => vec![1],
        [a] => from_u64(*a),
        _ => {
            let (low, high) = words.split_at(words.len() / 2);
            mul(&product_of_words(low), &product_of_words(high))
        }
    }
}

/// A sieve of the odd numbers up to a bound.
enum OddPrimes {
    Table,
    Sieved(Vec<u64>),
}

/// Bit `i` of word `i / 64` is set when `2i + 1` is prime, for `2i + 1 < TABLE_LIMIT`.
const TABLE_LIMIT: u64 = 1 << 16;
static PRIME_TABLE: [u64; (TABLE_LIMIT / 128) as usize] = sieve_table();

const fn sieve_table() -> [u64; (TABLE_LIMIT / 128) as usize] {
    let mut bits = [!0u64; (TABLE_LIMIT / 128) as usize];
    bits[0] &= !1; // 1 is not prime
    let mut i = 1usize;
    while ((2 * i + 1) * (2 * i + 1)) as u64 <= TABLE_LIMIT {
        if bits[i / 64] >> (i % 64) & 1 == 1 {
            let p = 2 * i + 1;
            let mut j = (p * p) / 2;
            while j < (TABLE_LIMIT / 2) as usize {
                bits[j / 64] &= !(1 << (j % 64));
                j += p;
            }
        }
        i += 1;
    }
    bits
}

impl OddPrimes {
    fn up_to(n: u64) -> OddPrimes {
        if n < TABLE_LIMIT {
            OddPrimes::Table
        } else {
            OddPrimes::sieve(n)
        }
    }

    /// Eratosthenes over the odd numbers up to `n`, one bit each.
    fn sieve(n: u64) -> OddPrimes {
        let len = (n / 2 + 1) as usize; // odd numbers 1, 3, ..., up to n (and one more)
        let mut bits = vec![!0u64; len.div_ceil(64)];
        bits[0] &= !1;
        let mut i = 1;
        while (2 * i + 1) * (2 * i + 1) <= n as usize {
            if bits[i / 64] >> (i % 64) & 1 == 1 {
                let p = 2 * i + 1;
                let mut j = p * p / 2;
                while j < len {
                    bits[j / 64] &= !(1 << (j % 64));
                    j += p;
                }
            }
            i += 1;
        }
        OddPrimes::Sieved(bits)
    }

    /// The odd primes in `[lower, upper]`.
    fn iter(&self, lower: u64, upper: u64) -> impl Iterator<Item = u64> + '_ {
        let bits: &[u64] = match self {
            OddPrimes::Table => &PRIME_TABLE,
            OddPrimes::Sieved(bits) => bits,
        };
        let first = (lower.max(3) / 2) as usize; // index of the first odd >= lower
        let end = if upper < 3 {
            first
        } else {
            (upper.saturating_sub(1) / 2 + 1) as usize
        }; // one past the last odd <= upper
        let mut word_index = first / 64;
        let mut word = if first < end {
            bits[word_index] & (!0u64 << (first % 64))
        } else {
            0
        };
        std::iter::from_fn(move || loop {
            if word != 0 {
                let i = word_index * 64 + word.trailing_zeros() as usize;
                if i >= end {
                    return None;
                }
                word &= word - 1;
                return Some(2 * i as u64 + 1);
            }
            word_index += 1;
            if word_index * 64 >= end {
                return None;
            }
            word = bits[word_index];
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        assert_eq!(factorial(0), BigUint::one());
        assert_eq!(factorial(1), BigUint::one());
        assert_eq!(factorial(20), BigUint::from(2432902008176640000u64));
        assert_eq!(factorial(100).to_string().len(), 158);
        assert_eq!(factorial(1000).bits(), 8530);
        assert_eq!(factorial(25).to_string(), "15511210043330985984000000");
    }

    #[test]
    fn matches_the_plain_product_up_to_3000() {
        // Every k of the serial experiment's default list: both odd-part
        // methods, Karatsuba's and the NTT's products and squares.
        let mut naive = BigUint::one();
        for n in 0..=3000u64 {
            if n > 1 {
                naive *= n;
            }
            assert_eq!(factorial(n), naive, "{n}!");
        }
    }

    #[test]
    fn naive_reference_is_right() {
        assert_eq!(naive_factorial(20), BigUint::from(2432902008176640000u64));
    }

    #[test]
    fn product_tree_reference_is_right() {
        for n in [0u64, 1, 2, 3, 20, 21, 100, 257] {
            assert_eq!(naive_product_tree(n), naive_factorial(n), "{n}!");
        }
    }

    #[test]
    fn both_methods_agree_around_the_switch() {
        for n in PRIME_METHOD_FROM - 40..PRIME_METHOD_FROM + 40 {
            assert_eq!(
                odd_part_by_splitting(n),
                odd_part_by_primes(n),
                "odd part of {n}!"
            );
        }
    }

    #[test]
    fn sieve_matches_the_table_and_trial_division() {
        let is_prime = |p: u64| {
            p > 1
                && (2..)
                    .take_while(|d| d * d <= p)
                    .all(|d| !p.is_multiple_of(d))
        };
        let expected: Vec<u64> = (3..TABLE_LIMIT).filter(|&p| is_prime(p)).collect();
        let sieved = OddPrimes::sieve(TABLE_LIMIT - 1);
        assert_eq!(
            OddPrimes::Table
                .iter(3, TABLE_LIMIT - 1)
                .collect::<Vec<_>>(),
            expected
        );
        assert_eq!(
            sieved.iter(3, TABLE_LIMIT - 1).collect::<Vec<_>>(),
            expected
        );
        // Ranges with odd and even ends, empty ones, and word boundaries.
        for (lower, upper) in [
            (3, 3),
            (4, 4),
            (2, 10),
            (10, 2),
            (127, 131),
            (128, 129),
            (1000, 1100),
            (65000, 65535),
        ] {
            let want: Vec<u64> = expected
                .iter()
                .copied()
                .filter(|&p| lower <= p && p <= upper)
                .collect();
            assert_eq!(
                sieved.iter(lower, upper).collect::<Vec<_>>(),
                want,
                "[{lower}, {upper}]"
            );
            assert_eq!(
                OddPrimes::Table.iter(lower, upper).collect::<Vec<_>>(),
                want,
                "[{lower}, {upper}]"
            );
        }
    }

    #[test]
    fn matches_the_product_tree_for_large_n() {
        // Products of every NTT length from 2^10 up, the switch from R^2 * P
        // to R * (R * P), primes past the sieve table (TABLE_LIMIT), the
        // link's largest n (100000), and twice that.
        for n in [5000u64, 8192, 20_000, 40_000, 65_537, 100_000, 200_000] {
            assert_eq!(factorial(n), naive_product_tree(n), "{n}!");
        }
    }

    #[test]
    fn large_factorial_is_consistent() {
        // 5000! = 5000 * 4999!, across the boundaries of the splitting.
        assert_eq!(factorial(5000), factorial(4999) * 5000u32);
    }
}
