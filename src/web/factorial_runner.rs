//! Drives a factorial experiment from the UI thread without blocking it:
//! pools are started asynchronously, each (mode, workers) pair is measured on
//! the driver pool, and every step is reported as it happens.

use std::sync::Arc;

use crate::core::factorial_lab;
use crate::core::link::PageConfig;
use crate::core::pool_modes::{default_chunk, CancelFlag, PoolMode};
use crate::core::results::RunRecord;
use crate::web::threads::{on_driver, WorkerPool};

/// What a runner tells the UI.
pub enum RunEvent {
    /// About to measure `label`; `done` of `total` runs are finished.
    Step { done: usize, total: usize, label: String },
    Finished(RunRecord),
    Error(String),
    /// Every requested run is in (`cancelled` if Cancel stopped it early).
    Done { cancelled: bool },
}

pub async fn run_factorial(config: PageConfig, cancel: CancelFlag, report: impl Fn(RunEvent)) {
    let plan = config.planned_runs();
    let inputs = factorial_lab::inputs(config.n);
    let mut pool: Option<WorkerPool> = None;
    for (done, &(mode, workers)) in plan.iter().enumerate() {
        if cancel.is_cancelled() {
            break;
        }
        report(RunEvent::Step { done, total: plan.len(), label: run_label(mode, workers) });
        if mode.uses_pool() && pool.as_ref().map(|p| p.workers) != Some(workers) {
            if let Some(old) = pool.take() {
                old.shut_down().await;
            }
            match WorkerPool::start(workers).await {
                Ok(started) => pool = Some(started),
                Err(message) => {
                    report(RunEvent::Error(message));
                    break;
                }
            }
        }
        let pool_handle = if mode.uses_pool() { pool.as_ref().map(|p| p.pool.clone()) } else { None };
        let chunk = config.chunk.unwrap_or_else(|| default_chunk(inputs.len(), workers));
        let (inputs, cancel_flag, repeat) = (Arc::clone(&inputs), cancel.clone(), config.repeat);
        let measured = on_driver(move || {
            factorial_lab::measure(mode, pool_handle.as_ref(), workers, &inputs, chunk, repeat, &cancel_flag)
        })
        .await;
        match measured {
            Ok((mut record, errors)) => {
                record.pool_startup_ms = pool.as_ref().filter(|_| mode.uses_pool()).map(|p| p.startup_ms);
                errors.into_iter().for_each(|e| report(RunEvent::Error(e)));
                report(RunEvent::Finished(record));
            }
            Err(_cancelled) => break,
        }
    }
    if let Some(old) = pool.take() {
        old.shut_down().await;
    }
    report(RunEvent::Done { cancelled: cancel.is_cancelled() });
}

pub fn run_label(mode: PoolMode, workers: usize) -> String {
    match mode {
        PoolMode::Serial => "serial".to_string(),
        _ => format!("{} on {workers} worker{}", mode.name(), if workers == 1 { "" } else { "s" }),
    }
}
