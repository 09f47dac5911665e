//! A factorial experiment from start to end:
//! serial on the caller (the threads engine's driver where the page has
//! shared memory, a worker of its own elsewhere), then the pool runs on
//! each backend the plan gives them (`core::factorial_plan`).

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::core::engine_protocol::FactorialJob;
use crate::core::factorial_lab::{self, TraceBudget};
use crate::core::factorial_plan::FactorialPlan;
use crate::core::page_config::PageConfig;
use crate::core::pool_modes::{Backend, CancelFlag, PoolMode};
use crate::core::results::RunRecord;
use crate::core::run_event::{RunEvent, RunName};
use crate::web::processes;
use crate::web::serial_worker::SerialStop;

/// The shared-memory engine of the threaded build.
#[cfg(feature = "threads")]
pub type Threads = crate::web::engine::page::Engine;
/// The build without shared memory has no threads engine.
#[cfg(not(feature = "threads"))]
pub enum Threads {}

/// Runs the experiment; `threads` is the engine, or why this page has none.
pub async fn run_factorial(
    config: PageConfig,
    threads: Result<Rc<Threads>, String>,
    cancel: CancelFlag,
    abort: web_sys::AbortSignal,
    report: impl Fn(RunEvent),
) {
    let plan = FactorialPlan::new(
        &config,
        threads.as_ref().map(|_| ()).map_err(String::as_str),
    );
    let total = plan.total();
    if let Some(message) = &plan.unavailable {
        report(RunEvent::Error(message.clone()));
    }
    // Cancel ends the processes at once, mid-task, like `pool.terminate()`.
    let on_abort = Closure::<dyn Fn()>::new(processes::terminate_all);
    abort.set_onabort(Some(on_abort.as_ref().unchecked_ref()));

    let mut done = 0;
    let driver_plan = plan.driver_plan();
    let threads_share = match &threads {
        Ok(_) => factorial_lab::trace_share(driver_plan.len(), total),
        Err(_) => 0,
    };
    // Serial and processes runs keep what the threads driver does not.
    let mut traces = TraceBudget::new(factorial_lab::TRACE_BUDGET_TASKS - threads_share);
    match &threads {
        Ok(engine) if !driver_plan.is_empty() => {
            done += driver_plan.len();
            let job = FactorialJob {
                trace_budget: threads_share,
                ..FactorialJob::of(&config, driver_plan)
            };
            run_on_threads(engine, job, &cancel, total).await;
        }
        _ if plan.serial => {
            report(RunEvent::Step {
                done,
                total,
                run: RunName::new(PoolMode::Serial, None, 1),
            });
            match crate::web::serial_worker::measure_serial(config.n, config.repeat, &abort).await {
                Ok((record, errors)) => finished(&report, &mut traces, record, errors),
                Err(_) if cancel.is_cancelled() => {}
                Err(SerialStop::Lost(waited_ms)) => {
                    report(RunEvent::SerialWorkerLost { waited_ms })
                }
                Err(SerialStop::Failed(reason)) => report(RunEvent::RunFailed {
                    run: RunName::new(PoolMode::Serial, None, 1),
                    reason,
                }),
            }
            done += 1;
        }
        _ => {}
    }
    for &(mode, workers) in &plan.on_processes {
        if cancel.is_cancelled() {
            break;
        }
        let run = RunName::new(mode, Some(Backend::Processes), workers);
        report(RunEvent::Step { done, total, run });
        match processes::measure(mode, workers, config.n, config.chunk, config.repeat).await {
            Ok((record, errors)) => finished(&report, &mut traces, record, errors),
            Err(processes::Stop::Cancelled) => break,
            Err(processes::Stop::Failed(reason)) => report(RunEvent::RunFailed { run, reason }),
            Err(processes::Stop::Lost { worker, silent_ms }) => report(RunEvent::WorkerLost {
                run,
                worker,
                silent_ms,
            }),
        }
        done += 1;
    }
    abort.set_onabort(None);
    report(RunEvent::Done {
        cancelled: cancel.is_cancelled(),
    });
}

fn finished(
    report: &impl Fn(RunEvent),
    traces: &mut TraceBudget,
    mut record: RunRecord,
    errors: Vec<String>,
) {
    traces.admit(&mut record);
    errors.into_iter().for_each(|e| report(RunEvent::Error(e)));
    report(RunEvent::from(record));
}

#[cfg(feature = "threads")]
async fn run_on_threads(engine: &Threads, job: FactorialJob, cancel: &CancelFlag, total: usize) {
    engine.run(job, cancel, total).await;
}

#[cfg(not(feature = "threads"))]
async fn run_on_threads(engine: &Threads, _: FactorialJob, _: &CancelFlag, _: usize) {
    match *engine {}
}
