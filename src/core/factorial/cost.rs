//! What a factorial costs, estimated from the result's size: the "this will
//! take long" warning and the processes' dispatcher (which splits runs by
//! estimated cost) both read it.

/// A rough serial time for `factorial(1..=n)` in ms, for the "this will take
/// long" warning: task cost grows like the result's size to the power 1.6
/// (Karatsuba), scaled so n = 3000 takes about 150 ms.
pub fn estimated_serial_ms(n: u64) -> f64 {
    let total: f64 = if n <= 5000 {
        (1..=n).map(cost).sum()
    } else {
        // Integral approximation; summing 100000 terms on every keystroke is wasteful.
        let steps = 2000;
        let width = n as f64 / steps as f64;
        (0..steps)
            .map(|i| cost(((i as f64 + 0.5) * width) as u64) * width)
            .sum()
    };
    scaled_ms(total)
}

/// One task's share of `estimated_serial_ms`, plus what the call itself
/// costs whatever its size (in the browser a small factorial's call costs
/// far more than the power law says; docs/benchmark.md): the dispatcher's
/// estimate.
pub fn estimated_task_ms(k: u64) -> f64 {
    0.001 + scaled_ms(cost(k))
}

/// The estimate's task cost, before scaling.
fn cost(k: u64) -> f64 {
    let k = k as f64;
    (k * (k.max(2.0)).log2()).powf(1.6)
}

/// `cost` (of one task or many) in ms: the sum over 1..=3000 is 150 ms.
fn scaled_ms(cost: f64) -> f64 {
    150.0 * cost / cost_reference()
}

/// The sum of `cost` over 1..=3000 (which the estimate scales to 150 ms).
fn cost_reference() -> f64 {
    static REFERENCE: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *REFERENCE.get_or_init(|| (1..=3000).map(cost).sum())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_grows_with_n() {
        assert!(estimated_serial_ms(100) < estimated_serial_ms(3000));
        assert!(estimated_serial_ms(100_000) > 60_000.0);
        // The integral past n = 5000 continues the exact sum below it.
        let (sum, integral) = (estimated_serial_ms(5000), estimated_serial_ms(5001));
        assert!(
            integral > sum && integral < sum * 1.01,
            "{sum} then {integral}"
        );
    }
}
