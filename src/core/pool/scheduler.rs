//! What the pool modes mean, as Python's `multiprocessing.Pool` defines
//! them, whatever runs the tasks: which tasks form which chunk, the one
//! queue the chunks are taken from (first come, first served), whether the
//! caller waits for each task, and the results put back in input order.
//!
//! The threads (`modes`), the processes (`process_pool::Dispatcher`) and
//! the repost lab's fetch lanes all take their chunks from a `Plan`.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

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

/// Python's `chunksize` default for `map`: `ceil(n / (4 * workers))`.
pub fn default_chunk(tasks: usize, workers: usize) -> usize {
    tasks.div_ceil(4 * workers.max(1)).max(1)
}

/// One run of one mode: its chunks (consecutive task indices, in input
/// order) and the queue they are handed out from.
#[derive(Debug)]
pub struct Plan {
    mode: PoolMode,
    chunks: Vec<Range<usize>>,
    next: AtomicUsize,
}

impl Plan {
    /// `apply`, `apply_async` (and `serial`) queue single tasks; `map` and
    /// `map_async` chunks of `chunk` tasks (the caller passes Python's
    /// default, `default_chunk`, unless the run names one).
    pub fn new(mode: PoolMode, tasks: usize, chunk: usize) -> Self {
        let size = match mode {
            PoolMode::Map | PoolMode::MapAsync => chunk.max(1),
            _ => 1,
        };
        let chunks = (0..tasks.div_ceil(size))
            .map(|c| c * size..((c + 1) * size).min(tasks))
            .collect();
        Plan {
            mode,
            chunks,
            next: AtomicUsize::new(0),
        }
    }

    /// `apply` blocks the caller until its task is back, so it submits one
    /// task at a time; the other modes submit every task at once.
    pub fn waits_per_task(&self) -> bool {
        self.mode == PoolMode::Apply
    }

    /// The worker `apply`'s task `task` goes to: the pool's workers in turn,
    /// where the backend picks the worker.
    pub fn apply_worker(task: usize, workers: usize) -> usize {
        task % workers.max(1)
    }

    pub fn chunks(&self) -> &[Range<usize>] {
        &self.chunks
    }

    /// The tasks of chunks `chunks` (consecutive).
    pub fn tasks(&self, chunks: Range<usize>) -> Range<usize> {
        if chunks.is_empty() {
            return 0..0;
        }
        self.chunks[chunks.start].start..self.chunks[chunks.end - 1].end
    }

    /// Takes the next `count` chunks off the queue (fewer at its end; none
    /// once it is empty). Any worker may call it, from any thread: each
    /// chunk is taken exactly once, in input order.
    pub fn take(&self, count: usize) -> Option<Range<usize>> {
        let start = self.next.fetch_add(count, Ordering::Relaxed);
        self.taking(start, count)
    }

    /// As `take`, for a queue with one user (the processes' dispatcher),
    /// without the atomic operation every message would pay.
    pub fn take_alone(&mut self, count: usize) -> Option<Range<usize>> {
        let next = self.next.get_mut();
        let start = *next;
        *next += count;
        self.taking(start, count)
    }

    fn taking(&self, start: usize, count: usize) -> Option<Range<usize>> {
        (start < self.chunks.len() && count > 0)
            .then(|| start..(start + count).min(self.chunks.len()))
    }

    /// The next chunk off the queue.
    pub fn next_chunk(&self) -> Option<usize> {
        self.take(1).map(|chunks| chunks.start)
    }

    /// How many chunks have been taken.
    pub fn taken(&self) -> usize {
        self.next.load(Ordering::Relaxed).min(self.chunks.len())
    }

    /// How many chunks are still queued.
    pub fn queued(&self) -> usize {
        self.chunks.len() - self.taken()
    }
}

/// Results in input order, whatever order their chunks come back in.
#[derive(Debug)]
pub struct InputOrder<T> {
    slots: Vec<Option<T>>,
}

impl<T> InputOrder<T> {
    pub fn new(tasks: usize) -> Self {
        InputOrder {
            slots: (0..tasks).map(|_| None).collect(),
        }
    }

    pub fn put(&mut self, task: usize, value: T) {
        self.slots[task] = Some(value);
    }

    /// The results of the consecutive tasks from `first` on.
    pub fn put_all(&mut self, first: usize, values: impl IntoIterator<Item = T>) {
        for (task, value) in (first..).zip(values) {
            self.put(task, value);
        }
    }

    /// Every result in input order; `None` if a task never reported.
    pub fn finish(self) -> Option<Vec<T>> {
        self.slots.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pythons_default_chunk_is_a_quarter_of_an_even_share_rounded_up() {
        assert_eq!(default_chunk(3000, 2), 375);
        assert_eq!(default_chunk(100, 2), 13);
        assert_eq!(default_chunk(10, 10), 1);
        assert_eq!(default_chunk(0, 0), 1);
    }

    #[test]
    fn map_cuts_chunks_the_other_modes_single_tasks() {
        for mode in [PoolMode::Map, PoolMode::MapAsync] {
            assert_eq!(Plan::new(mode, 10, 4).chunks(), [0..4, 4..8, 8..10]);
        }
        for mode in [PoolMode::Serial, PoolMode::Apply, PoolMode::ApplyAsync] {
            assert_eq!(Plan::new(mode, 3, 4).chunks(), [0..1, 1..2, 2..3]);
        }
        assert!(Plan::new(PoolMode::Map, 0, 4).chunks().is_empty());
        assert!(Plan::new(PoolMode::Apply, 1, 1).waits_per_task());
        assert!(!Plan::new(PoolMode::ApplyAsync, 1, 1).waits_per_task());
    }

    #[test]
    fn the_queue_hands_out_each_chunk_once_in_input_order() {
        let plan = Plan::new(PoolMode::Map, 10, 2);
        assert_eq!(plan.take(2), Some(0..2));
        assert_eq!(plan.tasks(0..2), 0..4);
        assert_eq!((plan.taken(), plan.queued()), (2, 3));
        assert_eq!(plan.next_chunk(), Some(2));
        assert_eq!(plan.take(5), Some(3..5), "fewer at the end");
        assert_eq!(plan.take(1), None);
        assert_eq!((plan.taken(), plan.queued()), (5, 0));
        let mut alone = Plan::new(PoolMode::Map, 10, 2);
        assert_eq!(alone.take_alone(2), Some(0..2));
        assert_eq!(alone.take(1), Some(2..3), "the same queue");
        assert_eq!(alone.take_alone(9), Some(3..5));
        assert_eq!(alone.take_alone(1), None);
    }

    #[test]
    fn apply_goes_to_the_workers_in_turn() {
        let turns: Vec<usize> = (0..5).map(|task| Plan::apply_worker(task, 2)).collect();
        assert_eq!(turns, [0, 1, 0, 1, 0]);
    }

    #[test]
    fn results_come_out_in_input_order() {
        let mut order = InputOrder::new(5);
        order.put_all(3, ["d", "e"]);
        order.put(0, "a");
        assert_eq!(
            InputOrder::<u8>::new(1).finish(),
            None,
            "a missing result is no run"
        );
        order.put_all(1, ["b", "c"]);
        assert_eq!(order.finish(), Some(vec!["a", "b", "c", "d", "e"]));
    }
}
