//! A factorial experiment from start to end, each n of the sweep in turn:
//! the threads engine's driver measures serial and the threads runs on an
//! isolated page; the processes runs repeat round-robin with a serial
//! worker of their own build (their baseline); serial alone runs in a
//! worker where nothing else does (`core::run::factorial_plan`).

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::core::i18n::Lang;
use crate::core::link::config::PageConfig;
use crate::core::pool::modes::{Backend, CancelFlag, PoolMode};
use crate::core::results::schema::RunRecord;
use crate::core::run::engine_protocol::FactorialJob;
use crate::core::run::event::{RunEvent, RunName};
use crate::core::run::factorial_lab::{self, TraceBudget};
use crate::core::run::factorial_plan::FactorialPlan;
use crate::core::run::failure::Failure;
use crate::core::run::pool_status::PoolStatus;
use crate::web::backends::processes;
use crate::web::backends::serial::{SerialStop, SerialWorker, WorkerBaseline};

/// The shared-memory engine of the threaded build.
#[cfg(feature = "threads")]
pub type Threads = crate::web::backends::threads::page::Engine;
/// The build without shared memory has no threads engine.
#[cfg(not(feature = "threads"))]
pub enum Threads {}

/// The threads engine as a run finds it: the page's status of it, and the
/// engine exactly when that status is `Ready`.
pub struct ThreadsForRun {
    status: PoolStatus,
    engine: Option<Rc<Threads>>,
}

impl ThreadsForRun {
    /// A run never starts while the engine starts (`PageState::can_run`);
    /// one that did would have its threads runs said not run (in `lang`).
    pub fn new(engine: Option<Rc<Threads>>, status: &PoolStatus, lang: Lang) -> Self {
        match (engine, status) {
            (Some(engine), PoolStatus::Ready) => ThreadsForRun {
                status: PoolStatus::Ready,
                engine: Some(engine),
            },
            (_, off) if off.threads_off() => ThreadsForRun {
                status: off.clone(),
                engine: None,
            },
            _ => ThreadsForRun {
                status: PoolStatus::Unavailable(
                    lang.text().failures.threads_still_starting.to_string(),
                ),
                engine: None,
            },
        }
    }
}

/// Runs the experiment on the backends its plan names; why threads do not
/// run is said in `lang`.
pub async fn run_factorial(
    config: PageConfig,
    threads: ThreadsForRun,
    lang: Lang,
    cancel: CancelFlag,
    abort: web_sys::AbortSignal,
    report: impl Fn(RunEvent),
) {
    let plan = FactorialPlan::new(&config, &threads.status, lang);
    let threads = threads.engine;
    // The whole plan for every n of the sweep, and the processes' own
    // serial run per n where serial runs in the threads engine.
    let own_serial = plan.serial && threads.is_some() && !plan.on_processes.is_empty();
    let total = (plan.total() + usize::from(own_serial)) * config.n.len();
    if let Some(unavailable) = &plan.unavailable {
        report(RunEvent::ThreadsNotRun(unavailable.clone()));
    }
    // Cancel ends the processes at once, mid-task, like `pool.terminate()`.
    let on_abort = Closure::<dyn Fn()>::new(processes::terminate_all);
    abort.set_onabort(Some(on_abort.as_ref().unchecked_ref()));

    let mut done = 0;
    let driver_plan = plan.driver_plan();
    let threads_share = match &threads {
        Some(_) => factorial_lab::trace_share(driver_plan.len() * config.n.len(), total),
        None => 0,
    };
    // Serial and processes runs keep what the threads driver does not.
    let mut traces = TraceBudget::new(factorial_lab::TRACE_BUDGET_TASKS - threads_share);
    match &threads {
        Some(engine) if !driver_plan.is_empty() => {
            done += driver_plan.len() * config.n.len();
            let job = FactorialJob {
                trace_budget: threads_share,
                ..FactorialJob::of(&config, driver_plan)
            };
            run_on_threads(engine, job, &cancel, total).await;
        }
        // Serial alone, one n after another; with processes to compare,
        // it is their baseline instead (below).
        _ if plan.serial && plan.on_processes.is_empty() => {
            for &n in &config.n {
                let run = RunName::new(PoolMode::Serial, None, 1);
                report(RunEvent::Step { done, total, run });
                let worker = SerialWorker::in_page_build();
                let alone = WorkerBaseline::new(worker, n, config.repeat, 0, &abort);
                let measured = alone.finish(config.repeat).await;
                if !serial_finished(&report, &mut traces, measured, run, &cancel) {
                    break;
                }
                done += 1;
            }
        }
        _ => {}
    }
    // The processes' baseline: serial in the processes' build, where serial
    // ran in the threads engine's driver, or the page's one serial run.
    let with_serial = plan.serial && !plan.on_processes.is_empty();
    let serial_run = match threads {
        Some(_) => RunName::new(PoolMode::Serial, Some(Backend::Processes), 1),
        None => RunName::new(PoolMode::Serial, None, 1),
    };
    let groups = factorial_lab::pool_groups(&plan.on_processes);
    'sweep: for &n in &config.n {
        let mut serial = with_serial.then(|| {
            let worker = match threads {
                Some(_) => SerialWorker::in_process_build(),
                None => SerialWorker::in_page_build(),
            };
            WorkerBaseline::new(worker, n, config.repeat, groups.len(), &abort)
        });
        if serial.is_some() {
            report(RunEvent::Step {
                done,
                total,
                run: serial_run,
            });
        }
        for (workers, modes) in &groups {
            if cancel.is_cancelled() {
                break 'sweep;
            }
            let run = RunName::new(modes[0], Some(Backend::Processes), *workers);
            report(RunEvent::Step { done, total, run });
            let serial_stopped = |stop| {
                if !cancel.is_cancelled() {
                    report_serial_stop(&report, stop, serial_run);
                }
            };
            let measured = processes::measure_group(
                modes,
                *workers,
                n,
                config.chunk,
                config.repeat,
                &mut serial,
                &serial_stopped,
            )
            .await;
            match measured {
                Ok(records) => {
                    for (record, errors) in records {
                        finished(&report, &mut traces, record, errors);
                    }
                }
                Err((_, processes::Stop::Cancelled)) => break 'sweep,
                Err((mode, processes::Stop::Failed(reason))) => report(RunEvent::RunFailed {
                    run: RunName::new(mode, Some(Backend::Processes), *workers),
                    reason,
                }),
                Err((mode, processes::Stop::Lost { worker, silent_ms })) => {
                    report(RunEvent::WorkerLost {
                        run: RunName::new(mode, Some(Backend::Processes), *workers),
                        worker,
                        silent_ms,
                    })
                }
            }
            done += modes.len();
        }
        if let Some(baseline) = serial {
            let measured = baseline.finish(config.repeat).await;
            if !serial_finished(&report, &mut traces, measured, serial_run, &cancel) {
                break;
            }
            done += 1;
        }
    }
    abort.set_onabort(None);
    report(RunEvent::Done {
        cancelled: cancel.is_cancelled(),
    });
}

/// Reports a serial run's record or why it has none; false when Cancel
/// stopped it.
fn serial_finished(
    report: &impl Fn(RunEvent),
    traces: &mut TraceBudget,
    measured: Result<(RunRecord, Vec<Failure>), SerialStop>,
    run: RunName,
    cancel: &CancelFlag,
) -> bool {
    match measured {
        Ok((record, errors)) => finished(report, traces, record, errors),
        Err(_) if cancel.is_cancelled() => return false,
        Err(stop) => report_serial_stop(report, stop, run),
    }
    true
}

fn report_serial_stop(report: &impl Fn(RunEvent), stop: SerialStop, run: RunName) {
    match stop {
        SerialStop::Lost(waited_ms) => report(RunEvent::SerialWorkerLost { waited_ms }),
        SerialStop::Failed(reason) => report(RunEvent::RunFailed { run, reason }),
    }
}

fn finished(
    report: &impl Fn(RunEvent),
    traces: &mut TraceBudget,
    mut record: RunRecord,
    errors: Vec<Failure>,
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
