//! The five ways of handing tasks to a pool, as Python's `multiprocessing.Pool`
//! offers them, over a rayon `ThreadPool` of exactly k threads: the chunks,
//! their order and the results' order are the scheduler's (`Plan`).
//!
//! The same code runs on OS threads natively and on web workers in the
//! browser; only how the pool's threads are started differs.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;

use rayon::ThreadPool;
use serde::{Deserialize, Serialize};

use crate::core::pool::clock::now_ms;
pub use crate::core::pool::scheduler::default_chunk;
pub use crate::core::pool::scheduler::PoolMode;
use crate::core::pool::scheduler::{InputOrder, Plan};

/// What a pool's workers are: threads of one shared memory (rayon on web
/// workers that share the wasm memory), or processes that share nothing and
/// pass every argument and result as a message, as `multiprocessing` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Backend {
    Threads,
    Processes,
}

impl Backend {
    pub const ALL: [Backend; 2] = [Backend::Threads, Backend::Processes];

    pub fn name(self) -> &'static str {
        match self {
            Backend::Threads => "threads",
            Backend::Processes => "processes",
        }
    }

    pub fn parse(name: &str) -> Option<Backend> {
        Backend::ALL
            .into_iter()
            .find(|backend| backend.name() == name)
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
#[derive(Debug)]
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

    /// The flag's address, for a thread that shares this memory (the driver
    /// worker): one reference is handed over, taken back by `from_shared`.
    pub fn share(&self) -> usize {
        Arc::into_raw(Arc::clone(&self.0)) as usize
    }

    /// Takes back a flag handed over by `share`.
    ///
    /// # Safety
    /// `address` came from `share` in this memory and is taken back once.
    pub unsafe fn from_shared(address: usize) -> CancelFlag {
        CancelFlag(Arc::from_raw(address as *const AtomicBool))
    }
}

/// A run's name in `lang`, the one way every part of the page and its
/// files names runs: "map on 2 processes", "map（2 个进程）".
pub fn run_label(
    lang: crate::core::i18n::Lang,
    mode: PoolMode,
    backend: Option<Backend>,
    workers: usize,
) -> String {
    let text = &lang.text().runs;
    match (mode, backend) {
        (PoolMode::Serial, _) => text.serial.to_string(),
        (_, Some(Backend::Processes)) => (text.on_processes)(mode.name(), workers),
        (_, Some(Backend::Threads)) => (text.on_threads)(mode.name(), workers),
        (_, None) => (text.on_lanes)(mode.name(), workers),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct Cancelled;

/// A result that will arrive later, like Python's `AsyncResult`.
pub struct AsyncResult<T>(Box<dyn FnOnce() -> T + Send>);

impl<T: Send + 'static> AsyncResult<T> {
    fn from_receiver(receiver: Receiver<T>) -> Self {
        // The sender lives in a pool job, which always sends.
        AsyncResult(Box::new(move || {
            receiver.recv().expect("pool job dropped its result")
        }))
    }

    /// Waits for the result.
    pub fn get(self) -> T {
        (self.0)()
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
    let job = Arc::new(TracedJob {
        task,
        cancel: cancel.clone(),
        origin: now_ms(),
        on_pool,
    });
    let plan = Plan::new(mode, inputs.len(), chunk);
    let outcomes: Vec<Outcome<R>> = if !on_pool {
        inputs.iter().map(|&x| job.run(x)).collect()
    } else {
        let pool = pool.unwrap_or_else(|| panic!("{} needs a pool", mode.name()));
        match mode {
            // The caller waits for each task. Rayon runs it on a thread of
            // its choosing: it offers no way to name one, so `apply` here
            // does not go to the workers in turn (`Plan::apply_worker`).
            PoolMode::Apply => plan
                .chunks()
                .iter()
                .map(|task| pool.install(|| job.run(inputs[task.start])))
                .collect(),
            PoolMode::ApplyAsync => {
                let pending = apply_async_all(pool, &job, inputs, plan);
                pending.into_iter().map(AsyncResult::get).collect()
            }
            PoolMode::Map => map_blocking(pool, &job, inputs, plan),
            PoolMode::MapAsync | PoolMode::Serial => map_async(pool, &job, inputs, plan).get(),
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
    Ok(ModeRun {
        results,
        tasks,
        elapsed_ms,
    })
}

type Outcome<R> = Option<(R, TaskTrace)>;

/// The plan's queue, served by every worker of the pool (a rayon broadcast).
///
/// Python's workers are already blocked on the queue when work arrives, but
/// rayon's threads sleep and wake one by one; with microsecond tasks the
/// first one awake would take everything. So worker i's first chunk is
/// chunk i, reserved: all k workers take part whenever there are at least k
/// chunks, and a late waker shows up in the timeline as the delay it is.
/// Idle threads are left to sleep rather than spin for the next job: with
/// a core per worker, a spinning thread takes the core the caller or the
/// page needs (docs/benchmark.md, "What bounds the warm map").
struct TaskQueue {
    plan: Plan,
}

impl TaskQueue {
    fn new(plan: Plan, workers: usize) -> Self {
        // The first `workers` chunks are the workers' reserved ones.
        let _ = plan.take(workers);
        TaskQueue { plan }
    }

    /// Run by worker `worker`: its reserved chunk, then whichever is next;
    /// `work` gets each chunk's tasks.
    fn serve(&self, worker: usize, mut work: impl FnMut(Range<usize>)) {
        let chunks = self.plan.chunks();
        let mut next = Some(worker).filter(|&reserved| reserved < chunks.len());
        while let Some(index) = next {
            work(chunks[index].clone());
            next = self.plan.next_chunk();
        }
    }
}

/// `apply_async` for every input: all tasks are queued, each with its own
/// `AsyncResult`, and the caller goes on at once.
fn apply_async_all<R, F>(
    pool: &ThreadPool,
    job: &Arc<TracedJob<F>>,
    inputs: &Arc<[u64]>,
    plan: Plan,
) -> Vec<AsyncResult<Outcome<R>>>
where
    R: Send + 'static,
    F: Fn(u64) -> R + Send + Sync + 'static,
{
    let (senders, pending): (Vec<SyncSender<Outcome<R>>>, Vec<_>) = inputs
        .iter()
        .map(|_| {
            let (sender, receiver) = sync_channel(1);
            (sender, AsyncResult::from_receiver(receiver))
        })
        .unzip();
    let queue = Arc::new(TaskQueue::new(plan, pool.current_num_threads()));
    let (job, inputs) = (job.clone(), inputs.clone());
    pool.spawn_broadcast(move |context| {
        queue.serve(context.index(), |tasks| {
            for task in tasks {
                let _ = senders[task].send(job.run(inputs[task]));
            }
        })
    });
    pending
}

/// `map`: the plan's chunks queued, the caller blocked until every chunk
/// is back; results in input order.
fn map_blocking<R, F>(
    pool: &ThreadPool,
    job: &TracedJob<F>,
    inputs: &[u64],
    plan: Plan,
) -> Vec<Outcome<R>>
where
    R: Send,
    F: Fn(u64) -> R + Send + Sync,
{
    let queue = TaskQueue::new(plan, pool.current_num_threads());
    let per_worker = pool.broadcast(|context| {
        let mut done = Vec::new();
        queue.serve(context.index(), |tasks| {
            let first = tasks.start;
            done.push((first, tasks.map(|i| job.run(inputs[i])).collect::<Vec<_>>()))
        });
        done
    });
    in_input_order(inputs.len(), per_worker.into_iter().flatten())
}

/// `map_async`: as `map`, but the caller gets an `AsyncResult` of the list at once.
fn map_async<R, F>(
    pool: &ThreadPool,
    job: &Arc<TracedJob<F>>,
    inputs: &Arc<[u64]>,
    plan: Plan,
) -> AsyncResult<Vec<Outcome<R>>>
where
    R: Send + 'static,
    F: Fn(u64) -> R + Send + Sync + 'static,
{
    let chunk_count = plan.chunks().len();
    let queue = Arc::new(TaskQueue::new(plan, pool.current_num_threads()));
    let (sender, receiver) = std::sync::mpsc::channel();
    let (job, inputs) = (job.clone(), inputs.clone());
    let task_count = inputs.len();
    pool.spawn_broadcast(move |context| {
        queue.serve(context.index(), |tasks| {
            let first = tasks.start;
            let outcomes: Vec<_> = tasks.map(|i| job.run(inputs[i])).collect();
            let _ = sender.send((first, outcomes));
        })
    });
    // The list is complete when every chunk has reported.
    AsyncResult(Box::new(move || {
        in_input_order(task_count, receiver.iter().take(chunk_count))
    }))
}

/// Chunks' outcomes, each with its first task's index, in input order.
fn in_input_order<R>(
    tasks: usize,
    chunks: impl IntoIterator<Item = (usize, Vec<Outcome<R>>)>,
) -> Vec<Outcome<R>> {
    let mut order = InputOrder::new(tasks);
    for (first, outcomes) in chunks {
        order.put_all(first, outcomes);
    }
    order.finish().expect("every chunk reported")
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
    fn run(&self, input: u64) -> Outcome<R> {
        if self.cancel.is_cancelled() {
            return None;
        }
        let start_ms = now_ms() - self.origin;
        let result = (self.task)(input);
        let end_ms = now_ms() - self.origin;
        let worker = if self.on_pool {
            rayon::current_thread_index().unwrap_or(0)
        } else {
            0
        };
        Some((
            result,
            TaskTrace {
                input,
                worker,
                start_ms,
                end_ms,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serves a queue of `items`, one task each, with each worker in turn,
    /// last first; returns each worker's items in the order it took them.
    fn serve_in_turns(items: &[char], workers: usize) -> Vec<Vec<char>> {
        let plan = Plan::new(PoolMode::ApplyAsync, items.len(), 1);
        let queue = TaskQueue::new(plan, workers);
        let mut taken = vec![Vec::new(); workers];
        // The last worker wakes first: the others' reserved items wait for them.
        for worker in (0..workers).rev() {
            queue.serve(worker, |tasks| {
                taken[worker].extend(tasks.map(|task| items[task]))
            });
        }
        taken
    }

    #[test]
    fn each_worker_first_takes_its_reserved_item_then_any_other_once() {
        let items: Vec<char> = "abcdefg".chars().collect();
        let taken = serve_in_turns(&items, 3);
        // Worker 2 woke first and, after its own item, took every unreserved one.
        assert_eq!(taken, [vec!['a'], vec!['b'], vec!['c', 'd', 'e', 'f', 'g']]);
        let mut all: Vec<char> = taken.concat();
        all.sort_unstable();
        assert_eq!(all, items, "every item exactly once");
    }

    #[test]
    fn with_fewer_items_than_workers_the_extra_workers_take_none() {
        let taken = serve_in_turns(&['a', 'b'], 4);
        assert_eq!(taken, [vec!['a'], vec!['b'], vec![], vec![]]);
    }
}
