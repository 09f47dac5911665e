//! The factorial kernel: exact `n!` as a num-bigint `BigUint`, fast.
//!
//! The algorithm is CPython's (`math.factorial`): `n! = odd_part(n) << (n - popcount(n))`.
//! The odd part is a product of products of odd numbers, each computed by
//! balanced binary splitting, with runs of small odd factors multiplied in a
//! machine word first so bigint multiplications start from full limbs.

use num_bigint::BigUint;
use num_traits::One;

/// `n!`, computed with binary splitting of the odd part.
pub fn factorial(n: u64) -> BigUint {
    if n < SMALL_FACTORIALS.len() as u64 {
        return BigUint::from(SMALL_FACTORIALS[n as usize]);
    }
    odd_part(n) << (n - u64::from(n.count_ones()))
}

/// `n!` as the plain left-to-right product: the reference the fast kernel is tested against.
pub fn naive_factorial(n: u64) -> BigUint {
    (2..=n).fold(BigUint::one(), |acc, k| acc * k)
}

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
fn odd_part(n: u64) -> BigUint {
    let mut inner = BigUint::one();
    let mut outer = BigUint::one();
    let mut upper = 3u64; // exclusive bound of the odd numbers already in `inner`
    for i in (0..64 - n.leading_zeros()).rev() {
        let v = n >> i;
        if v <= 2 {
            continue;
        }
        let lower = upper;
        upper = (v + 1) | 1; // next odd above v
        if upper > lower {
            inner *= odd_product(lower, upper);
        }
        outer *= &inner;
    }
    outer
}

/// Product of the odd numbers in `[lower, upper)`; `lower` and `upper` are odd.
fn odd_product(lower: u64, upper: u64) -> BigUint {
    let count = (upper - lower) / 2;
    let bits_per_factor = 64 - (upper - 2).leading_zeros() as u64;
    if count * bits_per_factor <= 64 {
        // Every factor fits, so the whole product fits in one machine word.
        let product = (lower..upper).step_by(2).fold(1u64, |acc, k| acc * k);
        return BigUint::from(product);
    }
    // Split at an odd midpoint so both halves have about the same size.
    let mid = lower + 2 * (count / 2);
    odd_product(lower, mid) * odd_product(mid, upper)
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
        assert_eq!(
            factorial(25).to_string(),
            "15511210043330985984000000"
        );
    }

    #[test]
    fn matches_naive_product_up_to_2000() {
        let mut naive = BigUint::one();
        for n in 0..=2000u64 {
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
    fn large_factorial_is_consistent() {
        // 5000! = 5000 * 4999!, across the boundaries of the splitting.
        assert_eq!(factorial(5000), factorial(4999) * 5000u32);
    }
}
