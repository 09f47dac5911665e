//! What a running experiment tells the page, whichever runner measures it
//! (the factorial lab's backends, the repost lab).

use std::rc::Rc;

use crate::core::i18n::Lang;
use crate::core::pool::modes::PoolMode;
use crate::core::results::schema::RunRecord;
use crate::core::run::failure::Failure;
pub use crate::core::run::run_name::RunName;

pub enum RunEvent {
    /// About to measure `run`; `done` of `total` runs are finished.
    Step {
        done: usize,
        total: usize,
        run: RunName,
    },
    /// Boxed: a record is large, and the other events travel often.
    Finished(Box<FinishedRun>),
    /// Said in the page's language when it arrives, as every failure is.
    Error(Failure),
    /// `run` could not be measured: named in the page's language when it arrives.
    RunFailed { run: RunName, reason: Failure },
    /// Every requested run is in (`cancelled` if Cancel stopped it early).
    Done { cancelled: bool },
    /// `run` ended because process `worker` went silent for `silent_ms`
    /// while holding work (closed or crashed); it was ended and forgotten.
    WorkerLost {
        run: RunName,
        worker: usize,
        silent_ms: f64,
    },
    /// Threads: pool worker `worker` stopped mid-task during `run`; the
    /// engine's workers were ended and the next run starts fresh ones.
    PoolWorkerLost { run: Option<RunName>, worker: usize },
    /// Threads: the experiment driver stopped (or crashed: `reason`)
    /// during `run`; the engine's workers were ended and the next run
    /// starts a fresh engine.
    DriverLost {
        run: Option<RunName>,
        reason: Option<String>,
    },
    /// Pool runs the link asked for on threads, which this page has not.
    ThreadsNotRun(crate::core::run::factorial_plan::ThreadsNotRun),
    /// A serial worker (a plain page's, or the processes' baseline) gave no answer within
    /// `waited_ms` (closed, crashed or hung); it was ended.
    SerialWorkerLost { waited_ms: f64 },
}

impl RunEvent {
    /// What went wrong, said in `lang` (the page's language when the event
    /// arrives); `None` for the events that report progress.
    pub fn failure_text(&self, lang: Lang) -> Option<String> {
        let runs = &lang.text().runs;
        let named = |run: &Option<RunName>| run.map(|run| run.label(lang)).unwrap_or_default();
        Some(match self {
            RunEvent::Step { .. } | RunEvent::Finished(_) | RunEvent::Done { .. } => return None,
            RunEvent::Error(failure) => failure.text(lang),
            RunEvent::ThreadsNotRun(not_run) => {
                (runs.threads_not_run)(not_run.runs, &not_run.why, not_run.on_processes)
            }
            RunEvent::RunFailed { run, reason } => {
                (runs.run_failed)(&run.label(lang), &reason.text(lang))
            }
            RunEvent::WorkerLost {
                run,
                worker,
                silent_ms,
            } => (runs.worker_lost)(&run.label(lang), *worker, silent_ms / 1000.0),
            RunEvent::SerialWorkerLost { waited_ms } => {
                let serial = RunName::new(PoolMode::Serial, None, 1);
                (runs.serial_worker_lost)(&serial.label(lang), waited_ms / 1000.0)
            }
            RunEvent::PoolWorkerLost { run, worker } => {
                (runs.pool_worker_lost)(&named(run), *worker)
            }
            RunEvent::DriverLost { run, reason } => {
                (runs.driver_lost)(&named(run), reason.as_deref())
            }
        })
    }
}

/// A measured run with its JSON, which is written once: a trace of
/// 100000 tasks must not be serialised again on every update.
pub struct FinishedRun {
    pub record: RunRecord,
    pub json: Rc<str>,
}

impl FinishedRun {
    pub fn from_record(record: RunRecord) -> Self {
        let json = serde_json::to_string(&record)
            .expect("runs serialise")
            .into();
        FinishedRun { record, json }
    }
}

impl From<RunRecord> for RunEvent {
    fn from(record: RunRecord) -> Self {
        RunEvent::Finished(Box::new(FinishedRun::from_record(record)))
    }
}
