//! The five ways of handing tasks to a pool, as Python's `multiprocessing.Pool`
//! offers them, over a rayon `ThreadPool` of exactly k threads.
//!
//! The same code runs on OS threads natively and on web workers in the
//! browser; only how the pool's threads are started differs.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Arc;

use rayon::ThreadPool;
use serde::{Deserialize, Serialize};

use crate::core::pool::clock::now_ms;

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

/// Python's `chunksize` default for `map`: `ceil(n / (4 * workers))`.
pub fn default_chunk(tasks: usize, workers: usize) -> usize {
    tasks.div_ceil(4 * workers.max(1)).max(1)
}

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
    let outcomes: Vec<Outcome<R>> = if !on_pool {
        inputs.iter().map(|&x| job.run(x)).collect()
    } else {
        let pool = pool.unwrap_or_else(|| panic!("{} needs a pool", mode.name()));
        match mode {
            PoolMode::Apply => inputs
                .iter()
                .map(|&x| pool.install(|| job.run(x)))
                .collect(),
            PoolMode::ApplyAsync => {
                let pending = apply_async_all(pool, &job, inputs);
                pending.into_iter().map(AsyncResult::get).collect()
            }
            PoolMode::Map => map_blocking(pool, &job, inputs, chunk),
            PoolMode::MapAsync | PoolMode::Serial => map_async(pool, &job, inputs, chunk).get(),
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

/// Python's task queue: items go to whichever worker asks next, one at a time.
///
/// Every worker of the pool serves it (a rayon broadcast). Python's workers
/// are already blocked on the queue when work arrives, but rayon's threads
/// sleep and wake one by one; with microsecond tasks the first one awake
/// would take everything. So worker i's first item is item i: all k workers
/// take part whenever there are at least k items, and a late waker shows up
/// in the timeline as the delay it is.
struct TaskQueue<T> {
    items: Vec<T>,
    next: AtomicUsize,
}

impl<T> TaskQueue<T> {
    fn new(items: Vec<T>, workers: usize) -> Self {
        TaskQueue {
            items,
            next: AtomicUsize::new(workers),
        }
    }

    /// Run by worker `worker`: its reserved item, then whatever is next.
    fn serve(&self, worker: usize, mut work: impl FnMut(usize, &T)) {
        let mut index = worker;
        while let Some(item) = self.items.get(index) {
            work(index, item);
            index = self.next.fetch_add(1, Ordering::Relaxed);
        }
    }
}

/// `apply_async` for every input: all tasks are queued, each with its own
/// `AsyncResult`, and the caller goes on at once.
fn apply_async_all<R, F>(
    pool: &ThreadPool,
    job: &Arc<TracedJob<F>>,
    inputs: &[u64],
) -> Vec<AsyncResult<Outcome<R>>>
where
    R: Send + 'static,
    F: Fn(u64) -> R + Send + Sync + 'static,
{
    let (items, pending): (Vec<_>, Vec<_>) = inputs
        .iter()
        .map(|&input| {
            let (sender, receiver) = sync_channel(1);
            ((input, sender), AsyncResult::from_receiver(receiver))
        })
        .unzip();
    let queue = Arc::new(TaskQueue::new(items, pool.current_num_threads()));
    let job = job.clone();
    pool.spawn_broadcast(move |context| {
        queue.serve(context.index(), |_, (input, sender)| {
            let _ = sender.send(job.run(*input));
        })
    });
    pending
}

/// `map`: the inputs cut into chunks, the chunks queued, the caller blocked
/// until every chunk is back; results in input order.
fn map_blocking<R, F>(
    pool: &ThreadPool,
    job: &TracedJob<F>,
    inputs: &[u64],
    chunk: usize,
) -> Vec<Outcome<R>>
where
    R: Send,
    F: Fn(u64) -> R + Send + Sync,
{
    let queue = TaskQueue::new(
        inputs.chunks(chunk.max(1)).collect(),
        pool.current_num_threads(),
    );
    let per_worker = pool.broadcast(|context| {
        let mut done = Vec::new();
        queue.serve(context.index(), |index, chunk| {
            done.push((index, chunk.iter().map(|&x| job.run(x)).collect::<Vec<_>>()))
        });
        done
    });
    in_chunk_order(per_worker.into_iter().flatten().collect())
}

/// `map_async`: as `map`, but the caller gets an `AsyncResult` of the list at once.
fn map_async<R, F>(
    pool: &ThreadPool,
    job: &Arc<TracedJob<F>>,
    inputs: &Arc<[u64]>,
    chunk: usize,
) -> AsyncResult<Vec<Outcome<R>>>
where
    R: Send + 'static,
    F: Fn(u64) -> R + Send + Sync + 'static,
{
    let chunk = chunk.max(1);
    let chunk_count = inputs.len().div_ceil(chunk);
    let queue = Arc::new(TaskQueue::new(
        (0..chunk_count).collect(),
        pool.current_num_threads(),
    ));
    let (sender, receiver) = std::sync::mpsc::channel();
    let (job, inputs) = (job.clone(), inputs.clone());
    pool.spawn_broadcast(move |context| {
        queue.serve(context.index(), |index, _| {
            let end = ((index + 1) * chunk).min(inputs.len());
            let outcomes: Vec<_> = inputs[index * chunk..end]
                .iter()
                .map(|&x| job.run(x))
                .collect();
            let _ = sender.send((index, outcomes));
        })
    });
    // The list is complete when every chunk has reported.
    AsyncResult(Box::new(move || {
        in_chunk_order(receiver.iter().take(chunk_count).collect())
    }))
}

fn in_chunk_order<R>(mut chunks: Vec<(usize, Vec<Outcome<R>>)>) -> Vec<Outcome<R>> {
    chunks.sort_by_key(|(index, _)| *index);
    chunks
        .into_iter()
        .flat_map(|(_, outcomes)| outcomes)
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

    /// Serves the queue with each worker in turn, last first; returns each
    /// worker's items in the order it took them.
    fn serve_in_turns(queue: &TaskQueue<char>, workers: usize) -> Vec<Vec<char>> {
        let mut taken = vec![Vec::new(); workers];
        // The last worker wakes first: the others' reserved items wait for them.
        for worker in (0..workers).rev() {
            queue.serve(worker, |_, &item| taken[worker].push(item));
        }
        taken
    }

    #[test]
    fn each_worker_first_takes_its_reserved_item_then_any_other_once() {
        let items: Vec<char> = "abcdefg".chars().collect();
        let taken = serve_in_turns(&TaskQueue::new(items.clone(), 3), 3);
        // Worker 2 woke first and, after its own item, took every unreserved one.
        assert_eq!(taken, [vec!['a'], vec!['b'], vec!['c', 'd', 'e', 'f', 'g']]);
        let mut all: Vec<char> = taken.concat();
        all.sort_unstable();
        assert_eq!(all, items, "every item exactly once");
    }

    #[test]
    fn with_fewer_items_than_workers_the_extra_workers_take_none() {
        let taken = serve_in_turns(&TaskQueue::new(vec!['a', 'b'], 4), 4);
        assert_eq!(taken, [vec!['a'], vec!['b'], vec![], vec![]]);
    }
}
