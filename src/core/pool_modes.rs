//! The five ways of handing tasks to a pool, as Python's `multiprocessing.Pool`
//! offers them, over a rayon `ThreadPool` of exactly k threads.
//!
//! The same code runs on OS threads natively and on web workers in the
//! browser; only how the pool's threads are started differs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

use rayon::prelude::*;
use rayon::ThreadPool;
use serde::{Deserialize, Serialize};

use crate::core::clock::now_ms;

/// How tasks are submitted (see the README's table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PoolMode {
    Serial,
    Apply,
    ApplyAsync,
    Map,
    MapAsync,
}

impl PoolMode {
    pub const ALL: [PoolMode; 5] = [
        PoolMode::Serial,
        PoolMode::Apply,
        PoolMode::ApplyAsync,
        PoolMode::Map,
        PoolMode::MapAsync,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PoolMode::Serial => "serial",
            PoolMode::Apply => "apply",
            PoolMode::ApplyAsync => "apply_async",
            PoolMode::Map => "map",
            PoolMode::MapAsync => "map_async",
        }
    }

    pub fn parse(name: &str) -> Option<PoolMode> {
        PoolMode::ALL.into_iter().find(|mode| mode.name() == name)
    }

    /// Serial runs once on the calling thread; the others once per worker count.
    pub fn uses_pool(self) -> bool {
        self != PoolMode::Serial
    }
}

/// When and where one task ran; times in ms from the start of its run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskTrace {
    pub input: u64,
    /// Index (0..k) of the pool thread that ran the task: the tutorial's pid.
    pub worker: usize,
    pub start_ms: f64,
    pub end_ms: f64,
}

/// What one run of one mode produced.
pub struct ModeRun<R> {
    /// One result per input, in input order.
    pub results: Vec<R>,
    pub tasks: Vec<TaskTrace>,
    pub elapsed_ms: f64,
}

/// Set by Cancel; tasks that have not started yet skip their work.
#[derive(Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Cancelled;

/// Python's `chunksize` default for `map`: `ceil(n / (4 * workers))`.
pub fn default_chunk(tasks: usize, workers: usize) -> usize {
    tasks.div_ceil(4 * workers.max(1)).max(1)
}

/// A result that will arrive later, like Python's `AsyncResult`.
pub struct AsyncResult<T>(Receiver<T>);

impl<T> AsyncResult<T> {
    /// Waits for the result. The sender lives in a pool job, which always sends.
    pub fn get(self) -> T {
        self.0.recv().expect("pool job dropped its result")
    }
}

/// Runs `task` over `inputs` in `mode` and traces every task.
///
/// `pool` is needed for every mode but `Serial`; the caller blocks until all
/// results are in, as the Python caller does after `.get()`.
pub fn run_mode<R, F>(
    mode: PoolMode,
    pool: Option<&Arc<ThreadPool>>,
    inputs: &Arc<[u64]>,
    chunk: usize,
    task: F,
    cancel: &CancelFlag,
) -> Result<ModeRun<R>, Cancelled>
where
    R: Send + 'static,
    F: Fn(u64) -> R + Send + Sync + 'static,
{
    let on_pool = mode.uses_pool();
    let job = Arc::new(TracedJob { task, cancel: cancel.clone(), origin: now_ms(), on_pool });
    let outcomes: Vec<Option<(R, TaskTrace)>> = if !on_pool {
        inputs.iter().map(|&x| job.run(x)).collect()
    } else {
        let pool = pool.unwrap_or_else(|| panic!("{} needs a pool", mode.name()));
        match mode {
            PoolMode::Apply => inputs.iter().map(|&x| pool.install(|| job.run(x))).collect(),
            PoolMode::ApplyAsync => {
                let pending: Vec<AsyncResult<_>> = inputs
                    .iter()
                    .map(|&x| {
                        let job = job.clone();
                        spawn_async(pool, move || job.run(x))
                    })
                    .collect();
                pending.into_iter().map(AsyncResult::get).collect()
            }
            PoolMode::Map => pool.install(|| map_chunks(&job, inputs, chunk)),
            PoolMode::MapAsync | PoolMode::Serial => {
                let (job, inputs) = (job.clone(), inputs.clone());
                spawn_async(pool, move || map_chunks(&job, &inputs, chunk)).get()
            }
        }
    };
    let elapsed_ms = now_ms() - job.origin;
    let mut results = Vec::with_capacity(outcomes.len());
    let mut tasks = Vec::with_capacity(outcomes.len());
    for outcome in outcomes {
        let (result, trace) = outcome.ok_or(Cancelled)?;
        results.push(result);
        tasks.push(trace);
    }
    Ok(ModeRun { results, tasks, elapsed_ms })
}

/// Submits `work` to the pool and returns at once.
fn spawn_async<T: Send + 'static>(
    pool: &ThreadPool,
    work: impl FnOnce() -> T + Send + 'static,
) -> AsyncResult<T> {
    let (sender, receiver) = sync_channel(1);
    pool.spawn(move || {
        let _ = sender.send(work());
    });
    AsyncResult(receiver)
}

/// `map` on the current pool: each chunk is one job, results in input order.
fn map_chunks<R, F>(job: &TracedJob<F>, inputs: &[u64], chunk: usize) -> Vec<Option<(R, TaskTrace)>>
where
    R: Send,
    F: Fn(u64) -> R + Send + Sync,
{
    inputs
        .par_chunks(chunk.max(1))
        .with_max_len(1) // one chunk per job, as Python's task queue hands them out
        .map(|chunk| chunk.iter().map(|&x| job.run(x)).collect::<Vec<_>>())
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

/// A task wrapped with its trace and the cancel check.
struct TracedJob<F> {
    task: F,
    cancel: CancelFlag,
    /// Start of the run on the shared clock.
    origin: f64,
    /// False for serial runs, whose single "worker" is the calling thread.
    on_pool: bool,
}

impl<R, F: Fn(u64) -> R> TracedJob<F> {
    fn run(&self, input: u64) -> Option<(R, TaskTrace)> {
        if self.cancel.is_cancelled() {
            return None;
        }
        let start_ms = now_ms() - self.origin;
        let result = (self.task)(input);
        let end_ms = now_ms() - self.origin;
        let worker = if self.on_pool { rayon::current_thread_index().unwrap_or(0) } else { 0 };
        Some((result, TaskTrace { input, worker, start_ms, end_ms }))
    }
}
