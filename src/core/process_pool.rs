//! The `processes` backend's scheduling: a pool of k workers that share
//! nothing, so every task goes to a worker as a message and every result
//! comes back as one, as `multiprocessing` pickles them over pipes.
//!
//! `Dispatcher` decides which batch of tasks goes to which worker, and when;
//! it is plain Rust, so the browser (web workers, `web::processes`) and the
//! native runner below (OS threads that only exchange messages) share it,
//! and the native tests check the browser's scheduling.

use std::ops::Range;
use std::sync::mpsc;

use crate::core::clock::now_ms;
use crate::core::pool_modes::{CancelFlag, Cancelled, ModeRun, PoolMode, TaskTrace};

/// Batches a worker may hold at once: the one it runs and the next ones,
/// already in its inbox. Python's workers take their next task from a shared
/// queue without asking the parent; without some in reserve, each task would
/// also wait a round trip to the page. Measured (map, n=3000, chunk=1, 2
/// workers): depth 8 gave 59% efficiency, 16 gave 68%, 32 gives 76%, as
/// messages get fewer; with factorials' rising costs dealt out in turn, the
/// tail stays balanced.
pub const PIPELINE_DEPTH: usize = 32;

/// Batches per message, each way: a worker is refilled once it has room for
/// this many, they travel in one message, and it answers them in one message
/// (a pipe carries several pickled tasks and results the same way). With two
/// such messages in flight per worker, it never waits on the page; and a
/// task of microseconds costs a quarter of a message each way.
pub const BATCHES_PER_MESSAGE: usize = PIPELINE_DEPTH / 2;

/// One message to a worker: the tasks `tasks` (indices into the inputs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dispatch {
    pub worker: usize,
    pub batch: usize,
    pub tasks: Range<usize>,
}

/// Who gets which batch, for one run of one mode on k workers.
#[derive(Debug)]
pub struct Dispatcher {
    batches: Vec<Range<usize>>,
    next_batch: usize,
    in_flight: Vec<usize>,
    /// Per worker: `PIPELINE_DEPTH`, or 1 for `apply`.
    depth: usize,
    /// `apply` waits for each result before it submits the next task.
    one_at_a_time: bool,
    /// `apply` hands each task to the next worker in turn.
    next_worker: usize,
    received: usize,
}

impl Dispatcher {
    /// `apply` and `apply_async` send single tasks; `map` and `map_async`
    /// send chunks of `chunk` tasks (the caller passes Python's default).
    pub fn new(mode: PoolMode, tasks: usize, workers: usize, chunk: usize) -> Self {
        assert!(mode.uses_pool(), "serial runs on the caller");
        let size = match mode {
            PoolMode::Map | PoolMode::MapAsync => chunk.max(1),
            _ => 1,
        };
        let batches = (0..tasks.div_ceil(size)).map(|b| b * size..((b + 1) * size).min(tasks)).collect();
        let one_at_a_time = mode == PoolMode::Apply;
        Dispatcher {
            batches,
            next_batch: 0,
            in_flight: vec![0; workers.max(1)],
            depth: if one_at_a_time { 1 } else { PIPELINE_DEPTH },
            one_at_a_time,
            next_worker: 0,
            received: 0,
        }
    }

    pub fn batch_count(&self) -> usize {
        self.batches.len()
    }

    /// What to send now, to workers with room for `BATCHES_PER_MESSAGE`
    /// batches. Breadth first: every worker gets a batch before any gets a
    /// second, so all k take part whenever there are k batches.
    pub fn to_send(&mut self) -> Vec<Dispatch> {
        let mut sends = Vec::new();
        if self.one_at_a_time {
            if self.in_flight.iter().all(|&n| n == 0) && self.next_batch < self.batches.len() {
                let worker = self.next_worker;
                self.next_worker = (worker + 1) % self.in_flight.len();
                sends.push(self.assign(worker));
            }
            return sends;
        }
        let has_room: Vec<bool> = self.in_flight.iter().map(|&n| n + BATCHES_PER_MESSAGE <= self.depth).collect();
        for round in 1..=self.depth {
            for worker in 0..self.in_flight.len() {
                if has_room[worker] && self.in_flight[worker] < round && self.next_batch < self.batches.len() {
                    sends.push(self.assign(worker));
                }
            }
        }
        sends
    }

    fn assign(&mut self, worker: usize) -> Dispatch {
        let batch = self.next_batch;
        self.next_batch += 1;
        self.in_flight[worker] += 1;
        Dispatch { worker, batch, tasks: self.batches[batch].clone() }
    }

    /// A batch's results came back from `worker`.
    pub fn received(&mut self, worker: usize) {
        self.in_flight[worker] = self.in_flight[worker].saturating_sub(1);
        self.received += 1;
    }

    pub fn is_finished(&self) -> bool {
        self.received == self.batches.len()
    }
}

/// Results in input order, whatever order their batches come back in.
pub struct Collector<R> {
    results: Vec<Option<(R, TaskTrace)>>,
}

impl<R> Collector<R> {
    pub fn new(tasks: usize) -> Self {
        Collector { results: (0..tasks).map(|_| None).collect() }
    }

    pub fn put(&mut self, index: usize, result: R, trace: TaskTrace) {
        self.results[index] = Some((result, trace));
    }

    /// The finished run; `None` if a task never reported.
    pub fn finish(self, elapsed_ms: f64) -> Option<ModeRun<R>> {
        let mut run = ModeRun { results: Vec::new(), tasks: Vec::new(), elapsed_ms };
        for slot in self.results {
            let (result, trace) = slot?;
            run.results.push(result);
            run.tasks.push(trace);
        }
        Some(run)
    }
}

/// A batch's answer: per task, its result and when it ran (ms on the
/// caller's clock, from the run's start).
type Answer<R> = (usize, usize, Vec<(R, f64, f64)>);

/// `mode` on k OS threads that share nothing with the caller but messages:
/// the native twin of the browser's process pool, for tests and benchmarks.
/// Each thread gets its inputs by value and sends its results back.
pub fn run_on_message_passing_threads<R, F>(
    mode: PoolMode,
    workers: usize,
    inputs: &[u64],
    chunk: usize,
    task: F,
    cancel: &CancelFlag,
) -> Result<ModeRun<R>, Cancelled>
where
    R: Send + 'static,
    F: Fn(u64) -> R + Clone + Send + 'static,
{
    let origin = now_ms();
    let (answers, inbox) = mpsc::channel::<Answer<R>>();
    let outboxes: Vec<mpsc::Sender<(usize, Vec<u64>)>> = (0..workers)
        .map(|worker| {
            let (outbox, tasks) = mpsc::channel::<(usize, Vec<u64>)>();
            let (answers, task) = (answers.clone(), task.clone());
            std::thread::spawn(move || {
                for (batch, inputs) in tasks {
                    let results = inputs
                        .into_iter()
                        .map(|x| {
                            let start = now_ms() - origin;
                            let result = task(x);
                            (result, start, now_ms() - origin)
                        })
                        .collect();
                    if answers.send((worker, batch, results)).is_err() {
                        return;
                    }
                }
            });
            outbox
        })
        .collect();
    drop(answers);

    let mut dispatcher = Dispatcher::new(mode, inputs.len(), workers, chunk);
    let mut collector = Collector::new(inputs.len());
    let mut batches = vec![0..0; dispatcher.batch_count()];
    while !dispatcher.is_finished() {
        if cancel.is_cancelled() {
            return Err(Cancelled); // dropping the outboxes ends the threads
        }
        for send in dispatcher.to_send() {
            let _ = outboxes[send.worker].send((send.batch, inputs[send.tasks.clone()].to_vec()));
            batches[send.batch] = send.tasks;
        }
        let (worker, batch, results) = inbox.recv().map_err(|_| Cancelled)?;
        dispatcher.received(worker);
        for (index, (result, start_ms, end_ms)) in batches[batch].clone().zip(results) {
            collector.put(index, result, TaskTrace { input: inputs[index], worker, start_ms, end_ms });
        }
    }
    collector.finish(now_ms() - origin).ok_or(Cancelled)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(dispatcher: &mut Dispatcher) -> Vec<Dispatch> {
        dispatcher.to_send()
    }

    #[test]
    fn apply_sends_one_task_and_waits_for_it() {
        let mut dispatcher = Dispatcher::new(PoolMode::Apply, 3, 2, 1);
        let first = drain(&mut dispatcher);
        assert_eq!(first, vec![Dispatch { worker: 0, batch: 0, tasks: 0..1 }]);
        assert!(drain(&mut dispatcher).is_empty(), "nothing more until the result is back");
        dispatcher.received(0);
        assert_eq!(drain(&mut dispatcher), vec![Dispatch { worker: 1, batch: 1, tasks: 1..2 }]);
        dispatcher.received(1);
        assert_eq!(drain(&mut dispatcher)[0].worker, 0, "in turn");
        dispatcher.received(0);
        assert!(dispatcher.is_finished());
    }

    #[test]
    fn apply_async_queues_single_tasks_breadth_first() {
        let mut dispatcher = Dispatcher::new(PoolMode::ApplyAsync, 10, 3, 4);
        let sends = drain(&mut dispatcher);
        let workers: Vec<usize> = sends.iter().map(|s| s.worker).collect();
        assert_eq!(workers, vec![0, 1, 2, 0, 1, 2, 0, 1, 2, 0], "every worker gets one before any gets two");
        assert!(sends.iter().all(|s| s.tasks.len() == 1), "apply_async ignores chunk");
        assert!(drain(&mut dispatcher).is_empty(), "all ten are out");
        let mut longer = Dispatcher::new(PoolMode::ApplyAsync, 3 * PIPELINE_DEPTH + 2 * BATCHES_PER_MESSAGE, 3, 1);
        assert_eq!(drain(&mut longer).len(), 3 * PIPELINE_DEPTH, "each worker holds PIPELINE_DEPTH");
        for answered in 1..=BATCHES_PER_MESSAGE {
            longer.received(1);
            let sends = drain(&mut longer);
            if answered < BATCHES_PER_MESSAGE {
                assert!(sends.is_empty(), "no refill before there is room for a whole message");
            } else {
                assert_eq!(sends.len(), BATCHES_PER_MESSAGE);
                assert!(sends.iter().all(|s| s.worker == 1));
                assert_eq!(sends[0].batch, 3 * PIPELINE_DEPTH, "the queue's next batch");
            }
        }
    }

    #[test]
    fn map_sends_chunks_that_cover_every_task_once() {
        for mode in [PoolMode::Map, PoolMode::MapAsync] {
            let mut dispatcher = Dispatcher::new(mode, 10, 2, 4);
            assert_eq!(dispatcher.batch_count(), 3);
            let mut covered = Vec::new();
            while !dispatcher.is_finished() {
                for send in drain(&mut dispatcher) {
                    covered.extend(send.tasks.clone());
                    dispatcher.received(send.worker);
                }
            }
            assert_eq!(covered, (0..10).collect::<Vec<_>>(), "{mode:?}");
        }
    }

    #[test]
    fn the_collector_orders_results_by_input() {
        let mut collector = Collector::new(3);
        for index in [2, 0, 1] {
            let trace = TaskTrace { input: index as u64, worker: 0, start_ms: 0.0, end_ms: 0.0 };
            collector.put(index, index * 10, trace);
        }
        assert_eq!(collector.finish(1.0).unwrap().results, vec![0, 10, 20]);
        assert!(Collector::<u8>::new(2).finish(1.0).is_none(), "a missing result is no run");
    }
}
