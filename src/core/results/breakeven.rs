//! Where a pool starts to pay: the task size n at which a (mode, backend,
//! workers) line of speed-ups crosses 1, interpolated in log n between the
//! two measured points around the first crossing.

use serde::{Deserialize, Serialize};

use crate::core::pool::modes::{Backend, PoolMode};

/// Which side of 1 a line stays on when it never crosses it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Faster,
    Slower,
}

/// A line of speed-ups against n, and where it crosses 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Crossing {
    /// At this n (interpolated).
    At(f64),
    /// It never crosses in the measured range.
    Throughout(Side),
}

/// The first crossing of 1 by `points` (n, speed-up), sorted by n here.
/// Between (n1, s1) and (n2, s2) on either side of 1, the crossing is where
/// the straight line through (log n1, s1) and (log n2, s2) is 1. `None`
/// without a point.
pub fn crossing(points: &[(f64, f64)]) -> Option<Crossing> {
    let mut points: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(n, s)| *n > 0.0 && s.is_finite())
        .collect();
    points.sort_by(|a, b| a.0.total_cmp(&b.0));
    let first = points.first()?;
    if first.1 == 1.0 {
        return Some(Crossing::At(first.0));
    }
    for pair in points.windows(2) {
        let ((n1, s1), (n2, s2)) = (pair[0], pair[1]);
        if (s1 - 1.0) * (s2 - 1.0) <= 0.0 && s1 != s2 {
            let t = (1.0 - s1) / (s2 - s1);
            let n = (n1.ln() + t * (n2.ln() - n1.ln())).exp();
            return Some(Crossing::At(n));
        }
    }
    Some(Crossing::Throughout(if first.1 > 1.0 {
        Side::Faster
    } else {
        Side::Slower
    }))
}

/// One line's break-even, warm and with the pool's cold start-up counted
/// (what the tutorial measured: it created its `Pool` inside every timed
/// function). `null` where the line does not cross, and then `side_*` says
/// which side it stays on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breakeven {
    pub mode: PoolMode,
    pub backend: Option<Backend>,
    pub workers: usize,
    pub n_warm: Option<f64>,
    pub n_with_startup: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side_warm: Option<Side>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side_with_startup: Option<Side>,
}

fn split(crossing: Option<Crossing>) -> (Option<f64>, Option<Side>) {
    match crossing {
        Some(Crossing::At(n)) => (Some(n), None),
        Some(Crossing::Throughout(side)) => (None, Some(side)),
        None => (None, None),
    }
}

impl Breakeven {
    /// From the line's points: (n, warm speed-up, speed-up with start-up).
    pub fn of(
        mode: PoolMode,
        backend: Option<Backend>,
        workers: usize,
        points: &[(f64, f64, Option<f64>)],
    ) -> Breakeven {
        let warm: Vec<(f64, f64)> = points.iter().map(|&(n, s, _)| (n, s)).collect();
        let cold: Vec<(f64, f64)> = points
            .iter()
            .filter_map(|&(n, _, s)| Some((n, s?)))
            .collect();
        let (n_warm, side_warm) = split(crossing(&warm));
        let (n_with_startup, side_with_startup) = split(crossing(&cold));
        Breakeven {
            mode,
            backend,
            workers,
            n_warm,
            n_with_startup,
            side_warm,
            side_with_startup,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(points: &[(f64, f64)]) -> f64 {
        match crossing(points) {
            Some(Crossing::At(n)) => n,
            other => panic!("no crossing: {other:?}"),
        }
    }

    #[test]
    fn the_crossing_is_interpolated_in_log_n() {
        // 0.5 at n = 10, 1.5 at n = 1000: halfway in log n is n = 100.
        assert!((at(&[(10.0, 0.5), (1000.0, 1.5)]) - 100.0).abs() < 1e-9);
        // A quarter of the way: 0.8 at 10, 1.6 at 10000 -> t = 0.25, n = 10^1.75.
        let n = at(&[(10000.0, 1.6), (10.0, 0.8), (3.0, 0.1)]);
        assert!((n - 10f64.powf(1.75)).abs() < 1e-9, "{n}");
        // The first crossing from small n; a point at exactly 1 is it.
        assert!((at(&[(10.0, 0.5), (100.0, 1.0), (1000.0, 0.5)]) - 100.0).abs() < 1e-9);
        assert_eq!(at(&[(30.0, 1.0), (300.0, 2.0)]), 30.0);
    }

    #[test]
    fn lines_that_never_cross_say_their_side() {
        assert_eq!(
            crossing(&[(10.0, 0.2), (100.0, 0.9)]),
            Some(Crossing::Throughout(Side::Slower))
        );
        assert_eq!(
            crossing(&[(10.0, 1.2)]),
            Some(Crossing::Throughout(Side::Faster))
        );
        assert_eq!(crossing(&[]), None);
    }

    #[test]
    fn warm_and_with_start_up_each_get_their_own() {
        let line = Breakeven::of(
            PoolMode::Map,
            Some(Backend::Threads),
            2,
            &[(10.0, 0.5, Some(0.1)), (1000.0, 1.5, Some(0.8))],
        );
        assert!((line.n_warm.unwrap() - 100.0).abs() < 1e-9);
        assert_eq!(
            (line.side_warm, line.n_with_startup, line.side_with_startup),
            (None, None, Some(Side::Slower))
        );
        let json = serde_json::to_value(&line).unwrap();
        assert_eq!(json["n_with_startup"], serde_json::Value::Null);
        assert_eq!(json["side_with_startup"], "slower");
        assert_eq!(json["backend"], "threads");
    }
}
