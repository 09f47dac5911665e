//! The factorial kernel natively: `cargo bench --bench factorial`.
//!
//! The kernel (`factorial`: odd part by binary splitting or by prime
//! factorisation with a squaring chain, powers of two shifted in at the end)
//! against the naive references: a plain balanced product tree of 2..=n and
//! the left-to-right product; and the kernel's products (`limbs`: schoolbook,
//! Karatsuba, NTT) against num-bigint's. The browser figures come from
//! `scripts/bench` and `bench/kernel/run.sh`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use num_bigint::BigUint;
use parallel_playground::core::factorial::{factorial, limbs, naive_factorial, naive_product_tree};
use std::hint::black_box;

type Kernel = fn(u64) -> num_bigint::BigUint;

const KERNELS: [(&str, Kernel); 3] = [
    ("factorial", factorial),
    ("naive_product_tree", naive_product_tree),
    ("naive_factorial", naive_factorial),
];

/// One large factorial, as `math.factorial(100000)`.
fn single(c: &mut Criterion) {
    let mut group = c.benchmark_group("single factorial(100000)");
    group.sample_size(10);
    for (name, kernel) in KERNELS {
        if name == "naive_factorial" {
            continue; // quadratic: seconds per call, and says nothing new
        }
        group.bench_function(name, |b| b.iter(|| kernel(black_box(100_000)).bits()));
    }
    group.finish();
}

/// The serial experiment: `[factorial(k) for k in 1..=n]`.
fn list(c: &mut Criterion) {
    let mut group = c.benchmark_group("factorial(k) for k in 1..=n");
    group.sample_size(10);
    for n in [100u64, 3000] {
        for (name, kernel) in KERNELS {
            group.bench_with_input(BenchmarkId::new(name, n), &n, |b, &n| {
                b.iter(|| (1..=n).map(|k| kernel(black_box(k)).bits()).sum::<u64>())
            });
        }
    }
    group.finish();
}

/// Single sizes across the switch from binary splitting to primes.
fn sizes(c: &mut Criterion) {
    let mut group = c.benchmark_group("factorial(n)");
    for n in [100u64, 1000, 3000, 10_000] {
        group.bench_with_input(BenchmarkId::new("factorial", n), &n, |b, &n| {
            b.iter(|| factorial(black_box(n)).bits())
        });
        group.bench_with_input(BenchmarkId::new("naive_product_tree", n), &n, |b, &n| {
            b.iter(|| naive_product_tree(black_box(n)).bits())
        });
    }
    group.finish();
}

/// One product and one square per size (in u32 limbs): num-bigint (Toom-3 at
/// the top, u64 digits natively) against the kernel's (the NTT from a few
/// hundred limbs). 21000 limbs is the square at the top of factorial(100000).
fn products(c: &mut Criterion) {
    let mut group = c.benchmark_group("products of n limbs");
    group.sample_size(10);
    let limbs_of = |n: usize, seed: u32| -> Vec<u32> {
        (0..n as u32)
            .map(|i| (i ^ seed).wrapping_mul(2_654_435_761))
            .collect()
    };
    for n in [32usize, 256, 1024, 4096, 21_000] {
        let (a, b) = (limbs_of(n, 1), limbs_of(n, 2));
        let (big_a, big_b) = (BigUint::from_slice(&a), BigUint::from_slice(&b));
        group.bench_with_input(BenchmarkId::new("num-bigint a * b", n), &n, |bench, _| {
            bench.iter(|| (&big_a * &big_b).bits())
        });
        group.bench_with_input(BenchmarkId::new("limbs::mul", n), &n, |bench, _| {
            bench.iter(|| limbs::mul(black_box(&a), &b).len())
        });
        group.bench_with_input(BenchmarkId::new("num-bigint a * a", n), &n, |bench, _| {
            bench.iter(|| (&big_a * &big_a).bits())
        });
        group.bench_with_input(BenchmarkId::new("limbs::sqr", n), &n, |bench, _| {
            bench.iter(|| limbs::sqr(black_box(&a)).len())
        });
    }
    group.finish();
}

criterion_group!(benches, single, list, sizes, products);
criterion_main!(benches);
