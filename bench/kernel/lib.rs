//! The kernel's wasm exports for bench/kernel/run.mjs.

// An inline module with a path: its `factorial` is src/core/factorial.rs
// as an ordinary module file, so that file's own `mod limbs` and `mod ntt`
// are found in src/core/factorial/, as in the app.
#[path = "../../src/core"]
mod app_core {
    pub mod factorial;
}

pub use app_core::factorial;

use factorial::{factorial, naive_product_tree};
use num_bigint::BigUint;

/// The sum of the bit lengths of `kernel(k)` for `k` in `from..=to`
/// (kernel 0: `factorial`, 1: `naive_product_tree`), so the work is kept.
#[no_mangle]
pub extern "C" fn bench_factorials(kernel: u32, from: u32, to: u32) -> f64 {
    let kernel: fn(u64) -> BigUint = if kernel == 0 {
        factorial
    } else {
        naive_product_tree
    };
    (from..=to)
        .map(|k| kernel(u64::from(k)).bits() as f64)
        .sum()
}

/// 1 if `factorial(k)` is the plain product `2 * 3 * ... * k` for every `k`
/// in `1..=to`.
#[no_mangle]
pub extern "C" fn check_up_to(to: u32) -> u32 {
    let mut product = BigUint::from(1u32);
    for k in 1..=to {
        product *= k;
        if factorial(u64::from(k)) != product {
            return 0;
        }
    }
    1
}

/// 1 if `factorial(n)` is the plain product tree's `n!`.
#[no_mangle]
pub extern "C" fn check_large(n: u32) -> u32 {
    u32::from(factorial(u64::from(n)) == naive_product_tree(u64::from(n)))
}
