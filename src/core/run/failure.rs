//! What went wrong in a run, or with the engine, as a type: made where it
//! happens (a worker, the driver, a backend, none of which knows the page's
//! language) and said in the page's language where it is shown (the
//! reducer, the pool badge), from `i18n::Failures`. The browser's own words
//! (`reason`, `detail`) are quoted as the browser gave them.

use serde::{Deserialize, Serialize};

use crate::core::i18n::Lang;
use crate::core::pool::modes::PoolMode;
use crate::core::results::check::Check;
use crate::core::run::run_name::RunName;
use crate::core::weibo::PageError;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Failure {
    /// A repeat of `mode` on `workers` computed `got`, its warm-up `expected`.
    /// (Boxed: the other failures are small.)
    RepeatMismatch {
        mode: PoolMode,
        workers: usize,
        got: Box<Check>,
        expected: Box<Check>,
    },
    /// A run of an n computed `got`, the first run of that n (`first`) `expected`.
    CheckMismatch {
        mode: PoolMode,
        workers: usize,
        got: Box<Check>,
        first: PoolMode,
        expected: Box<Check>,
    },
    /// The browser started fewer than the `wanted` processes.
    ProcessesNotStarted { wanted: usize, reason: String },
    /// The browser started `started` of the `missing` web workers a thread
    /// pool of `pool` needed.
    PoolWorkersNotStarted {
        started: usize,
        missing: usize,
        pool: usize,
        reason: String,
    },
    /// The driver asked the page for workers and heard nothing back.
    WorkersUnanswered,
    /// rayon could not build a pool of `workers` threads.
    PoolNotBuilt { workers: usize, reason: String },
    /// A pass ended with a task's result missing.
    AnswerLost,
    /// Process `worker` answered with results that do not match its tasks.
    AnswerMisfit { worker: usize },
    /// Process `worker` failed.
    ProcessFailed { worker: usize, reason: String },
    /// The serial worker failed (not a silence: `SerialWorkerLost`).
    SerialFailed { reason: String },
    /// A message between the page and a worker could not be read (a bug).
    Garbled { reason: String },
    /// The driver was asked to run while it ran.
    RunInProgress,
    /// The repost lab found no API at its base (`api=`, `None`: this host).
    NoApi { api: Option<String> },
    /// A page of reposts failed on every attempt.
    PageFailed {
        run: RunName,
        page: u64,
        reason: PageError,
    },
    /// The driver worker could not be started, or failed to load.
    DriverNotStarted { reason: String },
    /// The driver worker stopped before it was up.
    DriverStopped { reason: Option<String> },
}

impl Failure {
    /// The failure in words, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let text = &lang.text().failures;
        // The browser's words, or that it gave none.
        let said = |reason: &str| match reason.trim() {
            "" => text.no_reason.to_string(),
            reason => reason.to_string(),
        };
        match self {
            Failure::RepeatMismatch {
                mode,
                workers,
                got,
                expected,
            } => (text.repeat_mismatch)(
                &mode_name(*mode, lang),
                *workers,
                &check_text(got, lang),
                &check_text(expected, lang),
            ),
            Failure::CheckMismatch {
                mode,
                workers,
                got,
                first,
                expected,
            } => (text.check_mismatch)(
                &mode_name(*mode, lang),
                *workers,
                &check_text(got, lang),
                &mode_name(*first, lang),
                &check_text(expected, lang),
            ),
            Failure::ProcessesNotStarted { wanted, reason } => {
                (text.processes_not_started)(*wanted, &said(reason))
            }
            Failure::PoolWorkersNotStarted {
                started,
                missing,
                pool,
                reason,
            } => (text.pool_workers_not_started)(*started, *missing, *pool, &said(reason)),
            Failure::WorkersUnanswered => text.workers_unanswered.to_string(),
            Failure::PoolNotBuilt { workers, reason } => {
                (text.pool_not_built)(*workers, &said(reason))
            }
            Failure::AnswerLost => text.answer_lost.to_string(),
            Failure::AnswerMisfit { worker } => (text.answer_misfit)(*worker),
            Failure::ProcessFailed { worker, reason } => {
                (text.process_failed)(*worker, &said(reason))
            }
            Failure::SerialFailed { reason } => (text.serial_failed)(&said(reason)),
            Failure::Garbled { reason } => (text.garbled)(reason),
            Failure::RunInProgress => text.run_in_progress.to_string(),
            Failure::NoApi { api } => crate::core::weibo::no_api_message(api.as_deref(), lang),
            Failure::PageFailed { run, page, reason } => {
                (lang.text().runs.page_failed)(&run.label(lang), *page, &reason.text(lang))
            }
            Failure::DriverNotStarted { reason } => (text.driver_not_started)(&said(reason)),
            Failure::DriverStopped { reason } => (text.driver_stopped)(reason.as_deref()),
        }
    }
}

/// A mode as run labels name it (serial in the page's words).
fn mode_name(mode: PoolMode, lang: Lang) -> String {
    match mode {
        PoolMode::Serial => lang.text().runs.serial.to_string(),
        mode => mode.name().to_string(),
    }
}

/// What a run computed, as the table's check column says it, with the
/// factorial lab's digest.
fn check_text(check: &Check, lang: Lang) -> String {
    let text = lang.text();
    let mut said = String::new();
    if let Some(bits) = check.bits {
        said += &(text.table.check_bits)(bits);
    }
    if let Some(digest) = &check.digest {
        said += &(text.failures.digest)(digest);
    }
    if let Some(reposts) = check.reposts {
        said += &(text.table.check_reposts)(reposts, check.pages);
    }
    said
}
