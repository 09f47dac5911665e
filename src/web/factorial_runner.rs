//! Drives a factorial experiment from the UI thread without blocking it:
//! pools are started asynchronously, each (mode, workers) pair is measured on
//! the driver pool, and every step is reported as it happens. Without threads
//! (a page that is not cross-origin isolated) only serial runs, in a worker.

use crate::core::link::PageConfig;
use crate::core::pool_modes::{CancelFlag, PoolMode};
use crate::core::results::RunRecord;

/// What a runner tells the UI.
pub enum RunEvent {
    /// About to measure `label`; `done` of `total` runs are finished.
    Step { done: usize, total: usize, label: String },
    Finished(RunRecord),
    Error(String),
    /// Every requested run is in (`cancelled` if Cancel stopped it early).
    Done { cancelled: bool },
}

pub fn run_label(mode: PoolMode, workers: usize) -> String {
    match mode {
        PoolMode::Serial => "serial".to_string(),
        _ => format!("{} on {workers} worker{}", mode.name(), if workers == 1 { "" } else { "s" }),
    }
}

/// `threads`: whether the driver pool is up (the page is isolated and this
/// is the threaded build).
pub async fn run_factorial(
    config: PageConfig,
    cancel: CancelFlag,
    abort: web_sys::AbortSignal,
    threads: bool,
    report: impl Fn(RunEvent),
) {
    let plan = config.planned_runs();
    let mut pools = Pools::default();
    for (done, &(mode, workers)) in plan.iter().enumerate() {
        if cancel.is_cancelled() {
            break;
        }
        report(RunEvent::Step { done, total: plan.len(), label: run_label(mode, workers) });
        let measured = if threads {
            pools.measure(&config, mode, workers, &cancel).await
        } else if mode == PoolMode::Serial {
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
    pools.shut_down().await;
    report(RunEvent::Done { cancelled: cancel.is_cancelled() });
}

/// The pool of the current worker count (one at a time).
#[derive(Default)]
struct Pools {
    #[cfg(feature = "threads")]
    current: Option<crate::web::threads::WorkerPool>,
}

#[cfg(feature = "threads")]
impl Pools {
    async fn measure(
        &mut self,
        config: &PageConfig,
        mode: PoolMode,
        workers: usize,
        cancel: &CancelFlag,
    ) -> Result<(RunRecord, Vec<String>), String> {
        use std::sync::Arc;

        use crate::core::factorial_lab;
        use crate::core::pool_modes::default_chunk;
        use crate::web::threads::{on_driver, WorkerPool};

        if mode.uses_pool() && self.current.as_ref().map(|p| p.workers) != Some(workers) {
            self.shut_down().await;
            self.current = Some(WorkerPool::start(workers).await?);
        }
        let pool = self.current.as_ref().filter(|_| mode.uses_pool());
        let (handle, startup_ms) = (pool.map(|p| Arc::clone(&p.pool)), pool.map(|p| p.startup_ms));
        let inputs = factorial_lab::inputs(config.n);
        let chunk = config.chunk.unwrap_or_else(|| default_chunk(inputs.len(), workers));
        let (cancel, repeat) = (cancel.clone(), config.repeat);
        let (mut record, errors) = on_driver(move || {
            factorial_lab::measure(mode, handle.as_ref(), workers, &inputs, chunk, repeat, &cancel)
        })
        .await
        .map_err(|_| "cancelled".to_string())?;
        record.pool_startup_ms = startup_ms;
        Ok((record, errors))
    }

    async fn shut_down(&mut self) {
        if let Some(pool) = self.current.take() {
            pool.shut_down().await;
        }
    }
}

#[cfg(not(feature = "threads"))]
impl Pools {
    async fn measure(&mut self, _: &PageConfig, _: PoolMode, _: usize, _: &CancelFlag) -> Result<(RunRecord, Vec<String>), String> {
        Err("this build has no threads".into())
    }

    async fn shut_down(&mut self) {}
}
