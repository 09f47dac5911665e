//! Statistics of repeated timings: `timeit`'s best and median, and what makes
//! them trustworthy: a distribution-free interval for the median, outliers by
//! the modified z-score, and the speed-up between two runs with its interval.
//! Every method is stated in the README so anyone can recompute it from the
//! results JSON.

use serde::{Deserialize, Serialize};

/// The fastest time: the least disturbed by the rest of the machine.
pub fn best(times: &[f64]) -> f64 {
    times.iter().copied().fold(f64::INFINITY, f64::min)
}

/// The middle time (mean of the two middle ones for an even count).
pub fn median(times: &[f64]) -> f64 {
    if times.is_empty() {
        return f64::NAN;
    }
    let sorted = sorted(times);
    let mid = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        sorted[mid]
    } else {
        (sorted[mid - 1] + sorted[mid]) / 2.0
    }
}

fn sorted(times: &[f64]) -> Vec<f64> {
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted
}

/// P(B <= k) for B ~ Binomial(n, 1/2). Summed in log space: 2^-n underflows
/// an f64 past n = 1074, and shared results may hold any n.
fn binomial_half_cdf(n: usize, k: usize) -> f64 {
    let ln_half_n = -(n as f64) * std::f64::consts::LN_2;
    let mut ln_choose = 0.0; // ln C(n, 0)
    let mut total = 0.0;
    for i in 0..=k.min(n) {
        if i > 0 {
            ln_choose += ((n - i + 1) as f64).ln() - (i as f64).ln();
        }
        total += (ln_choose + ln_half_n).exp();
    }
    total
}

/// The rank `l` of the 95% interval of the median: the largest integer
/// `l >= 1` with P(B <= l - 1) <= 0.025, B ~ Binomial(n, 1/2); `None` when
/// even `l = 1` fails (n <= 5). The probability is never exactly 0.025
/// (that would need 5 to divide a power of two), so rounding cannot flip it.
pub fn ci95_rank(n: usize) -> Option<usize> {
    if n == 0 || binomial_half_cdf(n, 0) > 0.025 {
        return None;
    }
    // The CDF grows with l; l <= n / 2 keeps the interval's ends ordered.
    let mut l = 1;
    while l < n / 2 && binomial_half_cdf(n, l) <= 0.025 {
        l += 1;
    }
    Some(l)
}

/// The fewest repeats for which an interval of the median exists.
pub const MIN_REPEATS_FOR_CI: usize = 6;

/// `[x(l), x(n-l+1)]`: the distribution-free 95% confidence interval of the
/// median from order statistics (1-based ranks of the sorted times).
pub fn ci95_median(times: &[f64]) -> Option<[f64; 2]> {
    let l = ci95_rank(times.len())?;
    let sorted = sorted(times);
    Some([sorted[l - 1], sorted[times.len() - l]])
}

/// The median of the absolute deviations from the median.
pub fn mad(times: &[f64]) -> f64 {
    let center = median(times);
    let deviations: Vec<f64> = times.iter().map(|x| (x - center).abs()).collect();
    median(&deviations)
}

/// Iglewicz and Hoaglin's cut-off for the modified z-score.
pub const OUTLIER_Z: f64 = 3.5;

/// Indices into `times` whose modified z-score `|0.6745 (x - median) / MAD|`
/// exceeds 3.5; none when the MAD is 0 (more than half the times are equal,
/// and any other value would have an infinite score).
pub fn outliers(times: &[f64]) -> Vec<usize> {
    let mad = mad(times);
    if times.is_empty() || mad == 0.0 || mad.is_nan() {
        return Vec::new();
    }
    let center = median(times);
    times
        .iter()
        .enumerate()
        .filter(|(_, x)| (0.6745 * (*x - center) / mad).abs() > OUTLIER_Z)
        .map(|(i, _)| i)
        .collect()
}

/// How many times faster a run is than a reference (the serial run), from
/// medians, with the interval from the two medians' intervals.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Speedup {
    /// Reference median ÷ run median.
    pub median: f64,
    /// Reference interval low ÷ run interval high; `null` without both
    /// intervals, or when a bound is unbounded (a time of 0 at the clock's limit).
    pub lo: Option<f64>,
    /// Reference interval high ÷ run interval low; `null` likewise.
    pub hi: Option<f64>,
}

/// What the data support about a speed-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The whole interval is above 1.
    Faster,
    /// The whole interval is below 1.
    Slower,
    /// The interval holds 1: no measurable difference.
    NoDifference,
    /// Too few repeats for an interval: nothing can be claimed.
    NoInterval,
}

impl Speedup {
    /// `None` when the ratio of medians is not a number (a median of 0: the
    /// clock did not tick). Non-finite values never reach the JSON, where
    /// they would turn into `null` and fail to parse back.
    pub fn of(
        reference_median: f64,
        reference_ci: Option<[f64; 2]>,
        median: f64,
        ci: Option<[f64; 2]>,
    ) -> Option<Speedup> {
        let finite = |v: f64| v.is_finite().then_some(v);
        let (lo, hi) = match (reference_ci, ci) {
            (Some([ref_lo, ref_hi]), Some([lo, hi])) => (finite(ref_lo / hi), finite(ref_hi / lo)),
            _ => (None, None),
        };
        finite(reference_median / median).map(|median| Speedup { median, lo, hi })
    }

    /// Significant only when the interval excludes 1; a missing bound (an
    /// unbounded side) does not exclude it.
    pub fn verdict(&self) -> Verdict {
        match (self.lo, self.hi) {
            (Some(lo), _) if lo > 1.0 => Verdict::Faster,
            (_, Some(hi)) if hi < 1.0 => Verdict::Slower,
            (None, None) => Verdict::NoInterval,
            _ => Verdict::NoDifference,
        }
    }
}

/// Below this many clock steps, a median mostly measures the clock.
pub const CLOCK_LIMIT_STEPS: f64 = 100.0;

/// A median under 100 steps of the clock is at the clock's limit.
pub fn at_clock_limit(median_ms: f64, resolution_ms: f64) -> bool {
    resolution_ms > 0.0 && median_ms < CLOCK_LIMIT_STEPS * resolution_ms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_and_median() {
        assert_eq!(best(&[3.0, 1.0, 2.0]), 1.0);
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(median(&[]).is_nan());
    }

    #[test]
    fn binomial_cdf_against_hand_sums() {
        // n = 6: 2^6 = 64; C(6,0) = 1, C(6,1) = 6.
        assert!((binomial_half_cdf(6, 0) - 1.0 / 64.0).abs() < 1e-15);
        assert!((binomial_half_cdf(6, 1) - 7.0 / 64.0).abs() < 1e-15);
        // n = 20: 1 + 20 + 190 + 1140 + 4845 + 15504 = 21700 of 2^20.
        assert!((binomial_half_cdf(20, 5) - 21700.0 / 1048576.0).abs() < 1e-15);
        assert!((binomial_half_cdf(9, 9) - 1.0).abs() < 1e-12);
        // Past f64's smallest power of two the sum still comes out right.
        assert!((binomial_half_cdf(2000, 2000) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn interval_rank_by_hand() {
        // n <= 5: P(B = 0) = 1/32 = 0.03125 > 0.025 already.
        for n in 0..=5 {
            assert_eq!(ci95_rank(n), None, "n = {n}");
        }
        // n = 6: P(B <= 0) = 1/64 = 0.0156 <= 0.025; P(B <= 1) = 7/64 > 0.025.
        assert_eq!(ci95_rank(6), Some(1));
        // n = 7: 1/128 = 0.0078 ok; 8/128 = 0.0625 too much.
        assert_eq!(ci95_rank(7), Some(1));
        // n = 8: 1/256 ok; 9/256 = 0.0352 too much.
        assert_eq!(ci95_rank(8), Some(1));
        // n = 9: 10/512 = 0.0195 ok; 46/512 = 0.0898 too much.
        assert_eq!(ci95_rank(9), Some(2));
        // n = 10: 11/1024 = 0.0107 ok; 56/1024 = 0.0547 too much.
        assert_eq!(ci95_rank(10), Some(2));
        // n = 20: P(B <= 5) = 21700/2^20 = 0.0207 ok; P(B <= 6) = 60460/2^20 = 0.0577.
        assert_eq!(ci95_rank(20), Some(6));
    }

    #[test]
    fn interval_of_the_median_by_hand() {
        assert_eq!(ci95_median(&[5.0, 1.0, 3.0, 2.0, 4.0]), None);
        // n = 6, l = 1: the extremes.
        assert_eq!(
            ci95_median(&[6.0, 2.0, 9.0, 1.0, 4.0, 3.0]),
            Some([1.0, 9.0])
        );
        // n = 9, l = 2: x(2) and x(8), whatever the input order.
        assert_eq!(
            ci95_median(&[9.0, 8.0, 7.0, 6.0, 5.0, 4.0, 3.0, 2.0, 1.0]),
            Some([2.0, 8.0])
        );
        // Ties: the order statistics are taken as they are.
        assert_eq!(
            ci95_median(&[2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 3.0, 1.0, 2.0]),
            Some([2.0, 2.0])
        );
        // n = 20, l = 6: x(6) = 6 and x(15) = 15 of 1..=20.
        let times: Vec<f64> = (1..=20).rev().map(f64::from).collect();
        assert_eq!(ci95_median(&times), Some([6.0, 15.0]));
    }

    #[test]
    fn outliers_by_modified_z_score() {
        // Median 10.5, deviations [0.5, 0.5, 1.5, 1.5, 2.5, 39.5] -> MAD 1.5;
        // z(50) = 0.6745 * 39.5 / 1.5 = 17.8 > 3.5; z(8) = 0.6745 * 2.5 / 1.5 = 1.1.
        assert_eq!(outliers(&[10.0, 9.0, 11.0, 8.0, 12.0, 50.0]), vec![5]);
        // n = 5: median 11, deviations [1, 0, 1, 0, 7] -> MAD 1;
        // z(18) = 0.6745 * 7 = 4.72 > 3.5: an outlier even below six repeats.
        assert_eq!(outliers(&[10.0, 11.0, 10.0, 11.0, 18.0]), vec![4]);
        // z(15) = 0.6745 * 4 = 2.70: not an outlier.
        assert_eq!(
            outliers(&[10.0, 11.0, 10.0, 11.0, 15.0]),
            Vec::<usize>::new()
        );
        // Both tails are flagged: median 10, deviations [0, 0, 1, 1, 9, 9] -> MAD 1.
        assert_eq!(outliers(&[1.0, 10.0, 9.0, 11.0, 19.0, 10.0]), vec![0, 4]);
        // MAD 0 (more than half the times equal): no outliers, however far the rest.
        assert_eq!(mad(&[5.0, 5.0, 5.0, 5.0, 100.0]), 0.0);
        assert_eq!(outliers(&[5.0, 5.0, 5.0, 5.0, 100.0]), Vec::<usize>::new());
        assert_eq!(outliers(&[]), Vec::<usize>::new());
        assert_eq!(outliers(&[3.0]), Vec::<usize>::new());
    }

    #[test]
    fn speedup_and_what_it_supports() {
        // Serial median 10 in [9, 12]; run median 5 in [4, 6].
        let s = Speedup::of(10.0, Some([9.0, 12.0]), 5.0, Some([4.0, 6.0])).unwrap();
        assert_eq!(
            s,
            Speedup {
                median: 2.0,
                lo: Some(1.5),
                hi: Some(3.0)
            }
        );
        assert_eq!(s.verdict(), Verdict::Faster);
        // Overlapping intervals: 9/11 = 0.82 .. 12/8 = 1.5 holds 1.
        let s = Speedup::of(10.0, Some([9.0, 12.0]), 9.5, Some([8.0, 11.0])).unwrap();
        assert_eq!(s.verdict(), Verdict::NoDifference);
        // Slower: 9/30 .. 12/20 = 0.6 < 1.
        let s = Speedup::of(10.0, Some([9.0, 12.0]), 25.0, Some([20.0, 30.0])).unwrap();
        assert_eq!(s.hi, Some(0.6));
        assert_eq!(s.verdict(), Verdict::Slower);
        // One side without an interval: no bounds, no claim.
        let s = Speedup::of(10.0, None, 5.0, Some([4.0, 6.0])).unwrap();
        assert_eq!((s.median, s.lo, s.hi), (2.0, None, None));
        assert_eq!(s.verdict(), Verdict::NoInterval);
        // At the clock's limit times can be 0: an unbounded side is no bound,
        // and a median of 0 has no speed-up at all.
        let s = Speedup::of(0.005, Some([0.0, 0.01]), 0.045, Some([0.035, 0.055])).unwrap();
        assert_eq!(
            (s.lo, s.hi.map(|h| (h * 1e6).round() / 1e6)),
            (Some(0.0), Some(0.285714))
        );
        let s = Speedup::of(4.0, Some([3.0, 6.0]), 0.5, Some([0.0, 1.0])).unwrap();
        assert_eq!((s.median, s.lo, s.hi), (8.0, Some(3.0), None));
        assert_eq!(s.verdict(), Verdict::Faster);
        let s = Speedup::of(0.045, Some([0.035, 0.055]), 0.02, Some([0.0, 0.04])).unwrap();
        assert_eq!(
            s.verdict(),
            Verdict::NoDifference,
            "[0.875, unbounded) holds 1"
        );
        assert_eq!(Speedup::of(0.045, None, 0.0, None), None);
    }

    #[test]
    fn clock_limit() {
        // 5 µs steps: anything under 0.5 ms is at the limit.
        assert!(at_clock_limit(0.4, 0.005));
        assert!(!at_clock_limit(0.5, 0.005));
        assert!(
            !at_clock_limit(0.01, 0.0),
            "an unknown resolution claims nothing"
        );
    }
}
