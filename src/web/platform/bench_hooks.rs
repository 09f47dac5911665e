//! The factorial kernels, callable from the page so that `scripts/bench` can
//! time them in the browser itself (bench/run.mjs) and the browser tests can
//! check them (tests/browser/kernel.test.mjs), and the memory probe the
//! browser tests read; the app does not use these.

use num_bigint::BigUint;
use wasm_bindgen::prelude::*;

use crate::core::factorial::{factorial, naive_factorial, naive_product_tree};

/// `kernel(k)` for every `k` in `from..=to`; returns the sum of the
/// results' bit lengths, so the work cannot be skipped and can be checked.
#[wasm_bindgen]
pub fn playground_bench_factorials(kernel: &str, from: u32, to: u32) -> Result<f64, JsError> {
    let kernel: fn(u64) -> BigUint = match kernel {
        "factorial" => factorial,
        "naive_product_tree" => naive_product_tree,
        "naive_factorial" => naive_factorial,
        other => return Err(JsError::new(&format!("unknown kernel {other:?}"))),
    };
    Ok((from..=to)
        .map(|k| kernel(u64::from(k)).bits() as f64)
        .sum())
}

/// `factorial(k)` in hexadecimal (no prefix): the browser tests compare the
/// kernel, as the app is built, with the engine's own `BigInt`.
#[wasm_bindgen]
pub fn playground_factorial_hex(k: u32) -> String {
    factorial(u64::from(k)).to_str_radix(16)
}

/// The wasm memory's size in bytes (shared by every thread in the threaded
/// build): tests check that it stays flat over many runs.
#[wasm_bindgen]
pub fn playground_memory_bytes() -> f64 {
    (core::arch::wasm32::memory_size(0) * 65536) as f64
}
