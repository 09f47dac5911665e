//! The same kernel natively, best of N: the "wasm against native, same code"
//! figure of bench/kernel/run.sh. Prints JSON.

use kernel_bench::factorial::factorial;
use std::hint::black_box;
use std::time::Instant;

fn best_ms(rounds: usize, mut f: impl FnMut() -> u64) -> f64 {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let rounds = std::env::args()
        .nth(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(9);
    let single = best_ms(rounds, || factorial(100_000).bits());
    let list = best_ms(rounds, || (1..=3000).map(|k| factorial(k).bits()).sum());
    println!("{{\"single\": {single:.3}, \"list\": {list:.3}}}");
}
