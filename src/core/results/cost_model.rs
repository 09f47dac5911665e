//! A cost model the reader can hold against the data, fitted per (mode,
//! backend) to the pool runs of one experiment:
//!
//! `time = work / min(workers, cores) + per_task_ms x tasks + per_run_ms`
//!
//! where `work` is the serial median of the run's n (the work itself) and
//! `tasks` its number of tasks (n). The work divides over the workers the
//! machine can run at once; what the pool costs is a price per task
//! (handing it out, shipping its result) and a price per run (waking the
//! workers, collecting). Fitted by least squares on
//! `time - work / min(workers, cores)`; with one task count only, the two
//! prices cannot be told apart and all of it is `per_run_ms`.

use serde::{Deserialize, Serialize};

use crate::core::pool::modes::{Backend, PoolMode};

/// One pool run as the model sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Observation {
    pub workers: usize,
    pub tasks: f64,
    /// The serial median of the same n.
    pub work_ms: f64,
    /// The run's median.
    pub time_ms: f64,
}

/// The fitted prices of one (mode, backend).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostModel {
    pub mode: PoolMode,
    pub backend: Option<Backend>,
    /// The cores the work divides over (`hardware_concurrency`).
    pub cores: usize,
    pub per_task_ms: f64,
    pub per_run_ms: f64,
    /// The runs it was fitted to.
    pub runs: usize,
}

/// The work divided over the workers that can run at once.
fn parallel_work_ms(workers: usize, cores: usize, work_ms: f64) -> f64 {
    work_ms / workers.min(cores.max(1)).max(1) as f64
}

impl CostModel {
    /// Least squares over `runs`; `None` without one.
    pub fn fit(
        mode: PoolMode,
        backend: Option<Backend>,
        cores: usize,
        runs: &[Observation],
    ) -> Option<CostModel> {
        if runs.is_empty() {
            return None;
        }
        let points: Vec<(f64, f64)> = runs
            .iter()
            .map(|r| {
                (
                    r.tasks,
                    r.time_ms - parallel_work_ms(r.workers, cores, r.work_ms),
                )
            })
            .collect();
        let count = points.len() as f64;
        let mean_x = points.iter().map(|p| p.0).sum::<f64>() / count;
        let mean_y = points.iter().map(|p| p.1).sum::<f64>() / count;
        let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
        let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
        let per_task_ms = if sxx > 0.0 { sxy / sxx } else { 0.0 };
        Some(CostModel {
            mode,
            backend,
            cores,
            per_task_ms,
            per_run_ms: mean_y - per_task_ms * mean_x,
            runs: runs.len(),
        })
    }

    /// The model's time for a run of `workers` on `tasks` tasks of `work_ms`.
    pub fn predict_ms(&self, workers: usize, tasks: f64, work_ms: f64) -> f64 {
        parallel_work_ms(workers, self.cores, work_ms) + self.per_task_ms * tasks + self.per_run_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs of a pool with known prices on 2 cores, over a sweep of n and
    /// worker counts, each off by `noise` (a fraction, alternating sign).
    fn synthetic(per_task_ms: f64, per_run_ms: f64, noise: f64) -> Vec<Observation> {
        let mut runs = Vec::new();
        for (i, n) in [10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0]
            .iter()
            .enumerate()
        {
            // Work grows faster than n, as factorials do.
            let work_ms = 0.002 * n * n;
            for workers in [1, 2, 4] {
                let exact = work_ms / (workers.min(2) as f64) + per_task_ms * n + per_run_ms;
                let sign = if (i + workers) % 2 == 0 { 1.0 } else { -1.0 };
                runs.push(Observation {
                    workers,
                    tasks: *n,
                    work_ms,
                    time_ms: exact * (1.0 + sign * noise),
                });
            }
        }
        runs
    }

    #[test]
    fn recovers_known_prices() {
        let runs = synthetic(0.004, 0.3, 0.0);
        let model = CostModel::fit(PoolMode::Map, Some(Backend::Threads), 2, &runs).unwrap();
        assert!(
            (model.per_task_ms - 0.004).abs() / 0.004 < 1e-9,
            "{model:?}"
        );
        assert!((model.per_run_ms - 0.3).abs() / 0.3 < 1e-9, "{model:?}");
        assert_eq!(model.runs, 18);
        for run in &runs {
            let predicted = model.predict_ms(run.workers, run.tasks, run.work_ms);
            assert!((predicted - run.time_ms).abs() < 1e-9);
        }
    }

    #[test]
    fn recovers_prices_within_two_percent_through_noise() {
        // Times off by 0.01% (a quiet machine) still give prices within 2%.
        let runs = synthetic(0.02, 1.5, 0.0001);
        let model =
            CostModel::fit(PoolMode::ApplyAsync, Some(Backend::Processes), 2, &runs).unwrap();
        assert!((model.per_task_ms - 0.02).abs() / 0.02 < 0.02, "{model:?}");
        assert!((model.per_run_ms - 1.5).abs() / 1.5 < 0.02, "{model:?}");
    }

    #[test]
    fn one_task_count_puts_everything_in_the_run_price() {
        let runs: Vec<Observation> = synthetic(0.01, 0.5, 0.0)
            .into_iter()
            .filter(|r| r.tasks == 100.0)
            .collect();
        let model = CostModel::fit(PoolMode::Map, None, 2, &runs).unwrap();
        assert_eq!(model.per_task_ms, 0.0);
        assert!((model.per_run_ms - (0.01 * 100.0 + 0.5)).abs() < 1e-9);
        assert_eq!(CostModel::fit(PoolMode::Map, None, 2, &[]), None);
    }
}
