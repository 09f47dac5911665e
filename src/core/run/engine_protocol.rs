//! The messages between the page and the experiment driver (a dedicated web
//! worker of the threaded build). The page sends commands and renders the
//! events it gets back; it never touches a pool, so it never takes a lock.

use serde::{Deserialize, Serialize};

use crate::core::link::config::PageConfig;
use crate::core::pool::modes::PoolMode;
use crate::core::run::failure::Failure;
use crate::core::run::repeats::Repeat;

/// What the page asks of the driver.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", content = "body", rename_all = "snake_case")]
pub enum EngineCommand {
    /// Measure a factorial experiment. `cancel_address` is a shared
    /// `CancelFlag` (see `CancelFlag::share`), set by the page's Cancel.
    Run {
        job: FactorialJob,
        cancel_address: usize,
    },
    /// End every idle worker and free its memory (the page stayed hidden).
    Retire,
    /// The answer to `StartWorkers`: how many joined, and why not all.
    WorkersStarted {
        started: usize,
        error: Option<String>,
    },
}

/// A factorial experiment, as the driver needs it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FactorialJob {
    /// Every n of the sweep, ascending; each measured with the whole plan.
    pub n: Vec<u64>,
    pub repeat: Repeat,
    /// `map` chunk size; `None` means Python's default.
    pub chunk: Option<usize>,
    /// (mode, workers) in the order they run.
    pub plan: Vec<(PoolMode, usize)>,
    /// The traced tasks these runs may keep (`factorial_lab::trace_share`).
    pub trace_budget: usize,
}

impl FactorialJob {
    /// The runs `plan` of `config`'s experiment (the driver's part of it:
    /// `FactorialPlan::driver_plan`).
    pub fn of(config: &PageConfig, plan: Vec<(PoolMode, usize)>) -> Self {
        FactorialJob {
            n: config.n.clone(),
            repeat: config.repeat,
            chunk: config.chunk,
            plan,
            trace_budget: crate::core::run::factorial_lab::TRACE_BUDGET_TASKS,
        }
    }
}

/// What the driver tells the page.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", content = "body", rename_all = "snake_case")]
pub enum EngineEvent {
    /// About to measure `run`; `done` of the driver's runs are finished
    /// (the page knows the whole experiment's count).
    Step {
        done: usize,
        run: crate::core::run::event::RunName,
    },
    /// One measured run: the address of a boxed `(RunRecord, its JSON)` in
    /// the shared memory, handed over once. The page neither parses nor
    /// serialises a trace of 100000 tasks on its thread.
    Finished { run_address: usize },
    /// `run` (when the error is one run's) could not be measured.
    Error {
        failure: Failure,
        #[serde(default)]
        run: Option<crate::core::run::event::RunName>,
    },
    /// Start `count` reservoir workers (named from `first_index`) joined to
    /// the shared memory. The page starts them, not the driver: a worker's
    /// own workers depend on it in Firefox, and the driver blocks while it
    /// waits on a pool (workers it started hung runs; docs/benchmark.md).
    StartWorkers { count: usize, first_index: usize },
    /// Every requested run is in (`cancelled` if Cancel stopped it early).
    Done { cancelled: bool },
    /// The driver read the page's ping (sent every second during a run) in
    /// the middle of a measurement: its script was stopped there (a live
    /// driver reads its messages only between two measurements).
    DriverStopped,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_cross_and_come_back() {
        let run = crate::core::run::event::RunName::new(PoolMode::Map, None, 2);
        let event = EngineEvent::Step { done: 1, run };
        let EngineEvent::Step { done, run: label } =
            serde_json::from_str(&serde_json::to_string(&event).unwrap()).unwrap()
        else {
            panic!("not a Step event");
        };
        assert_eq!((done, label), (1, run));
    }

    #[test]
    fn a_job_follows_the_links_plan() {
        let config =
            crate::core::link::codec::parse_query("n=40&modes=serial,map&workers=2,3&repeat=4", 2)
                .config;
        let job = FactorialJob::of(
            &config,
            crate::core::run::factorial_plan::FactorialPlan::new(
                &config,
                &crate::core::run::pool_status::PoolStatus::Ready,
                crate::core::i18n::Lang::En,
            )
            .driver_plan(),
        );
        assert_eq!(
            job.plan,
            vec![
                (PoolMode::Serial, 1),
                (PoolMode::Map, 2),
                (PoolMode::Map, 3)
            ]
        );
        assert_eq!((job.n.clone(), job.repeat), (vec![40], Repeat::Count(4)));
        let command = EngineCommand::Run {
            job: job.clone(),
            cancel_address: 64,
        };
        let json = serde_json::to_string(&command).unwrap();
        assert!(
            matches!(serde_json::from_str(&json).unwrap(), EngineCommand::Run { job: j, cancel_address: 64 } if j == job)
        );
    }
}
