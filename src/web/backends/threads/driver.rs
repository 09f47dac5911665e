//! The experiment driver: a dedicated web worker of the threaded build. It
//! takes the page's commands, borrows pools from the reservoir and measures
//! every (mode, workers) pair, reporting each step as an event.
//!
//! The driver itself is the blocking "caller" of the Python API (it waits in
//! `.get()`): a worker may block, and between runs its event loop starts
//! reservoir workers. No future here is woken from another thread: handing
//! the caller's work to a second thread and awaiting it hung Firefox ESR
//! (docs/benchmark.md).

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

use rayon::{ThreadPool, ThreadPoolBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::core::pool::clock::now_ms;
use crate::core::pool::modes::{default_chunk, Backend, CancelFlag, Cancelled, PoolMode};
use crate::core::results::schema::RunRecord;
use crate::core::run::engine_protocol::{EngineCommand, EngineEvent, FactorialJob};
use crate::core::run::event::RunName;
use crate::core::run::factorial_lab::{self, SerialBaseline};
use crate::core::run::failure::Failure;
use crate::web::backends::threads::reservoir;
use crate::web::backends::worker::{self, Life};

fn post(event: &EngineEvent) {
    worker::post_to_page(event, &js_sys::Array::new());
}

/// The driver worker's entry (`worker::Role::Driver`), once it joined the memory.
pub fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        // Answered here, not by a spawned task: a driver stopped mid-run
        // left its executor mid-poll, and it may never run another task.
        if worker::is_life(&data) {
            if MEASURING.get() && worker::decode::<Life>(data) == Ok(Life::Ping) {
                post(&EngineEvent::DriverStopped);
            }
            return;
        }
        match worker::decode::<EngineCommand>(data) {
            Ok(command) => spawn_local(handle(command)),
            Err(failure) => post(&EngineEvent::Error { failure, run: None }),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    worker::post_to_page(&Life::Ready, &js_sys::Array::new());
}

thread_local! {
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// Set while a run measures (between two awaits): a `Ping` read then
    /// means the measurement was stopped mid-way (`EngineEvent::DriverStopped`).
    static MEASURING: Cell<bool> = const { Cell::new(false) };
    /// Pool size -> what its first, cold start cost on this page.
    static COLD_STARTS: RefCell<HashMap<usize, f64>> = RefCell::new(HashMap::new());
}

async fn handle(command: EngineCommand) {
    match command {
        EngineCommand::Run {
            job,
            cancel_address,
        } => {
            // SAFETY: the page handed over one reference with `CancelFlag::share`.
            let cancel = unsafe { CancelFlag::from_shared(cancel_address) };
            if RUNNING.replace(true) {
                post(&EngineEvent::Error {
                    failure: Failure::RunInProgress,
                    run: None,
                });
                post(&EngineEvent::Done { cancelled: false });
                return;
            }
            MEASURING.set(true);
            run(job, cancel).await;
            MEASURING.set(false);
            RUNNING.set(false);
        }
        EngineCommand::Retire if !RUNNING.get() => reservoir::retire_all(),
        EngineCommand::Retire => {}
        EngineCommand::WorkersStarted { started, error } => {
            reservoir::workers_started(started, error)
        }
    }
}

fn publish(record: RunRecord, errors: Vec<Failure>, traces: &mut factorial_lab::TraceBudget) {
    let mut record = record;
    traces.admit(&mut record);
    for failure in errors {
        post(&EngineEvent::Error { failure, run: None });
    }
    post(&EngineEvent::Finished {
        run_address: share_run(record),
    });
}

/// Every n of the sweep in turn: serial's warm-up, then each pool's runs
/// round-robin with serial's repeats, then serial's record (the baseline
/// of them all).
async fn run(job: FactorialJob, cancel: CancelFlag) {
    let with_serial = job.plan.iter().any(|(mode, _)| *mode == PoolMode::Serial);
    let groups = factorial_lab::pool_groups(&job.plan);
    let mut pool: Option<BorrowedPool> = None;
    let mut traces = factorial_lab::TraceBudget::new(job.trace_budget);
    let mut done = 0;
    'sweep: for &n in &job.n {
        let inputs = factorial_lab::inputs(n);
        let mut serial = with_serial.then(|| SerialBaseline::new(job.repeat, groups.len()));
        if with_serial {
            post(&EngineEvent::Step {
                done,
                run: RunName::new(PoolMode::Serial, Some(Backend::Threads), 1),
            });
        }
        for (workers, modes) in &groups {
            let workers = *workers;
            if cancel.is_cancelled() {
                break 'sweep;
            }
            post(&EngineEvent::Step {
                done,
                run: RunName::new(modes[0], Some(Backend::Threads), workers),
            });
            if pool.as_ref().map(|p| p.workers) != Some(workers) {
                drop(pool.take());
                match BorrowedPool::borrow(workers).await {
                    Ok(borrowed) => pool = Some(borrowed),
                    Err(failure) => {
                        post(&EngineEvent::Error {
                            failure,
                            run: Some(RunName::new(modes[0], Some(Backend::Threads), workers)),
                        });
                        done += modes.len();
                        continue;
                    }
                }
            }
            let borrowed = pool.as_ref().expect("borrowed above");
            match measure_group(&job, &inputs, modes, borrowed, serial.as_mut(), &cancel) {
                Ok(records) => {
                    for (record, errors) in records {
                        done += 1;
                        publish(record, errors, &mut traces);
                    }
                }
                Err(_) => break 'sweep,
            }
        }
        if let Some(baseline) = serial {
            let on = pool.as_ref().map(|borrowed| &borrowed.pool);
            match baseline.finish(on, &inputs, job.repeat, &cancel) {
                Ok((record, errors)) => {
                    done += 1;
                    publish(record, errors, &mut traces);
                }
                Err(_) => break 'sweep,
            }
        }
    }
    // Dropped here, in a worker: ending a pool may wait on rayon's locks.
    drop(pool);
    post(&EngineEvent::Done {
        cancelled: cancel.is_cancelled(),
    });
}

fn measure_group(
    job: &FactorialJob,
    inputs: &Arc<[u64]>,
    modes: &[PoolMode],
    pool: &BorrowedPool,
    serial: Option<&mut SerialBaseline>,
    cancel: &CancelFlag,
) -> Result<Vec<(RunRecord, Vec<Failure>)>, Cancelled> {
    let workers = pool.workers;
    let chunk = job
        .chunk
        .unwrap_or_else(|| default_chunk(inputs.len(), workers));
    let handle = Arc::clone(&pool.pool);
    let mut records = factorial_lab::measure_pool_group(
        modes,
        Some(&handle),
        workers,
        inputs,
        chunk,
        job.repeat,
        serial,
        cancel,
    )?;
    for (record, _) in &mut records {
        record.backend = Some(Backend::Threads);
        record.pool_startup_ms = Some(pool.startup_ms);
        record.workers_spawned = Some(pool.spawned);
        record.cold_pool_startup_ms = COLD_STARTS.with_borrow(|cold| cold.get(&workers).copied());
    }
    Ok(records)
}

/// Boxes a run with its JSON for the page, which takes it back with
/// `state::finished_run_from_shared`: the serialising happens here, off the page.
pub fn share_run(record: RunRecord) -> usize {
    let json = serde_json::to_string(&record).expect("runs serialise");
    Box::into_raw(Box::new((record, json))) as usize
}

/// A rayon pool of exactly `workers` threads on reservoir workers.
struct BorrowedPool {
    pool: Arc<ThreadPool>,
    workers: usize,
    /// From asking for the pool until every thread took work.
    startup_ms: f64,
    /// Workers started for it (0 when all were reused).
    spawned: usize,
}

impl BorrowedPool {
    async fn borrow(workers: usize) -> Result<BorrowedPool, Failure> {
        let started = now_ms();
        // Waiting for workers, the driver reads its messages (pings too).
        MEASURING.set(false);
        let spawned = reservoir::ensure(workers, post).await;
        MEASURING.set(true);
        let spawned = spawned?;
        let pool = ThreadPoolBuilder::new()
            .num_threads(workers)
            .thread_name(|i| format!("pool thread {i}"))
            .spawn_handler(|thread| reservoir::lend(move || thread.run()))
            .build()
            .map_err(|err| Failure::PoolNotBuilt {
                workers,
                reason: err.to_string(),
            })?;
        // Ready when every thread has run something: a worker still busy
        // with the previous pool shows up here, as the wait it is.
        pool.broadcast(|_| ());
        let startup_ms = now_ms() - started;
        if spawned > 0 {
            COLD_STARTS.with_borrow_mut(|cold| {
                cold.entry(workers).or_insert(startup_ms);
            });
        }
        Ok(BorrowedPool {
            pool: Arc::new(pool),
            workers,
            startup_ms,
            spawned,
        })
    }
}
