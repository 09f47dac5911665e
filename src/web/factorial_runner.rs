//! What a run tells the UI, and the factorial run of a page without threads
//! (not cross-origin isolated): serial only, in a worker of its own. On an
//! isolated page the engine's driver worker runs factorials (`web::engine`).

use crate::core::link::PageConfig;
use crate::core::pool_modes::{CancelFlag, PoolMode};
use crate::core::results::RunRecord;

pub use crate::core::pool_modes::run_label;

/// What a runner tells the UI.
pub enum RunEvent {
    /// About to measure `label`; `done` of `total` runs are finished.
    Step { done: usize, total: usize, label: String },
    Finished(RunRecord),
    Error(String),
    /// Every requested run is in (`cancelled` if Cancel stopped it early).
    Done { cancelled: bool },
}

/// Serial runs in a worker; the pool modes are reported unavailable.
pub async fn run_factorial_without_threads(
    config: PageConfig,
    cancel: CancelFlag,
    abort: web_sys::AbortSignal,
    report: impl Fn(RunEvent),
) {
    let plan = config.planned_runs();
    for (done, &(mode, workers)) in plan.iter().enumerate() {
        if cancel.is_cancelled() {
            break;
        }
        report(RunEvent::Step { done, total: plan.len(), label: run_label(mode, workers) });
        let measured = if mode == PoolMode::Serial {
            crate::web::serial_worker::measure_serial(config.n, config.repeat, &abort).await
        } else {
            Err(format!("{}: unavailable, this page has no threads (it is not cross-origin isolated)", run_label(mode, workers)))
        };
        match measured {
            Ok((record, errors)) => {
                errors.into_iter().for_each(|e| report(RunEvent::Error(e)));
                report(RunEvent::Finished(record));
            }
            Err(_) if cancel.is_cancelled() => break,
            Err(message) => report(RunEvent::Error(message)),
        }
    }
    report(RunEvent::Done { cancelled: cancel.is_cancelled() });
}
