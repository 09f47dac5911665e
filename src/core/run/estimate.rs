//! How long an experiment may take, for the warning before a long run: an
//! upper bound that assumes no speed-up at all.

use crate::core::factorial::cost::estimated_serial_ms;
use crate::core::i18n::Lang;
use crate::core::link::config::{ExperimentKind, PageConfig};
use crate::core::run::factorial_plan::FactorialPlan;
use crate::core::run::pool_status::PoolStatus;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
    /// The runs the experiment will measure.
    pub runs: usize,
    /// Serial time × runs × repeats.
    pub upper_ms: f64,
}

/// Pool runs on threads happen where `pool` has them (or is starting them);
/// elsewhere they are skipped.
pub fn estimate(config: &PageConfig, pool: &PoolStatus) -> Estimate {
    let runs = match config.experiment {
        ExperimentKind::Factorial => {
            // The whole plan for every n of the sweep (the language of a
            // reason no one reads here does not matter).
            FactorialPlan::new(config, pool, Lang::En).total() * config.n.len()
        }
        ExperimentKind::Reposts => config.planned_runs().len(),
    };
    let per_run_ms = match config.experiment {
        // One uncounted warm-up per run; `auto` as many repeats as its
        // budget allows a run of that size. The mean over the sweep's n.
        ExperimentKind::Factorial => {
            let of_n = |&n: &u64| {
                let run_ms = estimated_serial_ms(n);
                run_ms * (f64::from(config.repeat.planned(run_ms)) + 1.0)
            };
            config.n.iter().map(of_n).sum::<f64>() / config.n.len().max(1) as f64
        }
        // The probe plus every page, one after another.
        ExperimentKind::Reposts => {
            (config.latency_ms + config.jitter_ms / 2) as f64
                * (config.pages as f64 + 1.0)
                * f64::from(config.repeat.count())
        }
    };
    Estimate {
        runs,
        upper_ms: per_run_ms * runs as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::link::codec::parse_query;

    fn of(query: &str, threads_available: bool) -> Estimate {
        let pool = if threads_available {
            PoolStatus::Ready
        } else {
            PoolStatus::NoSharedMemory
        };
        estimate(&parse_query(query, 2).config, &pool)
    }

    #[test]
    fn factorial_runs_are_the_plans_and_grow_with_repeats_and_n() {
        let both = of(
            "n=3000&modes=serial,map&workers=1,2&repeat=3&backend=threads,processes",
            true,
        );
        assert_eq!(both.runs, 5);
        // Skipped thread runs are not estimated.
        assert_eq!(
            of(
                "n=3000&modes=serial,map&workers=1,2&repeat=3&backend=threads,processes",
                false
            )
            .runs,
            3
        );
        // While the engine starts, its runs are counted: a factorial run waits for it.
        let starting = estimate(
            &parse_query(
                "n=3000&modes=serial,map&workers=1,2&repeat=3&backend=threads,processes",
                2,
            )
            .config,
            &PoolStatus::Starting,
        );
        assert_eq!(starting, both);
        let per_run = both.upper_ms / 5.0;
        assert!((per_run - estimated_serial_ms(3000) * 4.0).abs() < 1e-6);
        assert!(of("n=3000&repeat=7", true).upper_ms > of("n=3000&repeat=1", true).upper_ms);
        assert!(
            of("n=100000&modes=serial", true).upper_ms > 10_000.0,
            "the largest n is announced"
        );
        assert!(of("n=100&modes=serial", true).upper_ms < 10_000.0);
    }

    #[test]
    fn a_sweep_and_auto_repeats_are_counted() {
        // Every n runs the whole plan: 2 runs x 3 sizes.
        let sweep = of("n=10,100,1000&modes=serial,map&workers=2&repeat=3", true);
        assert_eq!(sweep.runs, 6);
        let expected: f64 = [10, 100, 1000]
            .iter()
            .map(|&n| estimated_serial_ms(n) * 4.0 * 2.0)
            .sum();
        assert!((sweep.upper_ms - expected).abs() < 1e-6);
        // auto: n = 3000 (150 ms) fits 13 repeats in 2 s, plus the warm-up.
        let auto = of("v=2&n=3000&modes=serial&repeat=auto", true);
        let run_ms = estimated_serial_ms(3000);
        let planned = crate::core::run::repeats::Repeat::Auto.planned(run_ms);
        assert!(planned >= 9);
        assert!((auto.upper_ms - run_ms * f64::from(planned + 1)).abs() < 1e-6);
    }

    #[test]
    fn repost_runs_wait_for_every_page() {
        let estimate = of(
            "exp=reposts&pages=10&latency=1000&jitter=200&modes=serial&workers=1&repeat=2",
            true,
        );
        assert_eq!(estimate.runs, 1);
        assert_eq!(estimate.upper_ms, 1100.0 * 11.0 * 2.0);
    }
}
