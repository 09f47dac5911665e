//! The `processes` backend's scheduling: a pool of k workers that share
//! nothing, so every task goes to a worker as a message and every result
//! comes back as one, as `multiprocessing` pickles them over pipes.
//!
//! `Dispatcher` decides which batch of tasks goes to which worker, and when,
//! taking the batches off the mode's `scheduler::Plan`; `Watchdog` notices a
//! worker gone silent; `Collector` puts results in input order. The pass that uses them, whatever carries its messages, is
//! `process_loop::ProcessPass`.

use std::collections::VecDeque;
use std::ops::Range;

use crate::core::pool::modes::{ModeRun, PoolMode, TaskTrace};
use crate::core::pool::scheduler::{InputOrder, Plan};

/// Messages a worker may hold at once: the one it runs and the next, already
/// in its inbox. Python's workers take their next task from a shared queue
/// without asking the parent; with a second message in reserve, a worker
/// never waits a round trip to the page. A second message is sent only while
/// it is a true share of what is queued (`GUIDED_SHARE`): a few large
/// chunks (Python's default `map` chunks, 8 for 2 workers) go one at a time
/// to whichever worker is free, as from Python's queue, instead of being
/// promised early to a worker that may still be busy.
pub const MESSAGES_IN_FLIGHT: usize = 2;

/// A message carries this share of the batches still queued, split among
/// the workers (guided self-scheduling): large, cheap-to-send messages while
/// much remains, single batches at the end so the workers finish together.
/// Each message costs the page time on its one thread (which, on two cores,
/// it takes from a worker), so fewer, larger messages pay; docs/benchmark.md
/// has the measurement.
pub const GUIDED_SHARE: usize = 4;

/// A run whose even share per worker is estimated below this (ms) is dealt
/// out at its start, one message per worker, split by estimated cost. Guided
/// messages of so little work barely outlast their round trip to the page
/// (a post, a worker's wake-up, the answer), and with fewer than
/// `GUIDED_SHARE` batches per worker queued no second message is in flight,
/// so each batch would wait a round trip. Dealt, the run costs one
/// (docs/benchmark.md, "Where the time goes"). Python's `map` too puts every
/// chunk on its queue at once.
pub const DEAL_SHARE_BELOW_MS: f64 = 1.0;

/// One message to a worker: the batches `batches` (consecutive), that is
/// the tasks `tasks` (indices into the inputs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub worker: usize,
    pub batches: Range<usize>,
    pub tasks: Range<usize>,
}

/// Who gets which batches, for one run of one mode on k workers.
///
/// The batches are the plan's chunks, taken off its queue in order. What
/// the dispatcher adds is how many go in one message: Python's workers take
/// one chunk at a time from a queue they share, but a process here is sent
/// each message by the page, at a cost per message, so a message carries a
/// guided share of the queue (`GUIDED_SHARE`), or a small run is dealt out
/// at once (`DEAL_SHARE_BELOW_MS`): measured choices (docs/benchmark.md).
#[derive(Debug)]
pub struct Dispatcher {
    plan: Plan,
    /// Per worker, the tasks still to come back of each message it holds, oldest first.
    in_flight: Vec<VecDeque<Range<usize>>>,
    /// `apply` tasks sent so far: each goes to the next worker in turn.
    applied: usize,
    tasks_left: usize,
    /// Estimated cost of each batch (ms), if the caller knows one.
    batch_ms: Option<Vec<f64>>,
}

impl Dispatcher {
    /// `apply` and `apply_async` send single tasks; `map` and `map_async`
    /// send chunks of `chunk` tasks (the caller passes Python's default).
    pub fn new(mode: PoolMode, tasks: usize, workers: usize, chunk: usize) -> Self {
        assert!(mode.uses_pool(), "serial runs on the caller");
        Dispatcher {
            plan: Plan::new(mode, tasks, chunk),
            in_flight: vec![VecDeque::new(); workers.max(1)],
            applied: 0,
            tasks_left: tasks,
            batch_ms: None,
        }
    }

    /// The same, with each task's estimated cost (ms, by task index): a run
    /// small enough is dealt out at once (`DEAL_SHARE_BELOW_MS`).
    pub fn with_task_costs(mut self, task_ms: impl Fn(usize) -> f64) -> Self {
        let costs = self
            .plan
            .chunks()
            .iter()
            .map(|batch| batch.clone().map(&task_ms).sum())
            .collect();
        self.batch_ms = Some(costs);
        self
    }

    /// What to send now. Breadth first: every worker gets a message before
    /// any gets a second, so all k take part whenever there are k batches.
    pub fn to_send(&mut self) -> Vec<Message> {
        let mut sends = Vec::new();
        if self.plan.waits_per_task() {
            if self.in_flight.iter().all(VecDeque::is_empty) && self.plan.queued() > 0 {
                let worker = Plan::apply_worker(self.applied, self.in_flight.len());
                self.applied += 1;
                sends.extend(self.assign(worker, 1));
            }
            return sends;
        }
        if let Some(dealt) = self.deal_small_run() {
            return dealt;
        }
        let workers = self.in_flight.len();
        for round in 1..=MESSAGES_IN_FLIGHT {
            for worker in 0..workers {
                let queued = self.plan.queued();
                let room = match self.in_flight[worker].len() {
                    0 => true,
                    held => held < round && queued >= GUIDED_SHARE * workers,
                };
                if room && queued > 0 {
                    sends.extend(self.assign(worker, queued.div_ceil(GUIDED_SHARE * workers)));
                }
            }
        }
        sends
    }

    /// At the start of a run whose even share is below
    /// `DEAL_SHARE_BELOW_MS`: the whole queue, one message per worker, in
    /// consecutive parts of about equal estimated cost (each at least one
    /// batch, so all k take part whenever there are k batches).
    fn deal_small_run(&mut self) -> Option<Vec<Message>> {
        let costs = self.batch_ms.as_ref()?;
        let workers = self.in_flight.len();
        let queued = &costs[self.plan.taken()..];
        let total: f64 = queued.iter().sum();
        if self.plan.taken() > 0
            || queued.is_empty()
            || total / workers as f64 >= DEAL_SHARE_BELOW_MS
        {
            return None;
        }
        let parts = workers.min(queued.len());
        let mut ends = Vec::with_capacity(parts);
        let (mut end, mut so_far) = (0, 0.0);
        for part in 1..parts {
            let target = total * part as f64 / parts as f64;
            let at_least = end + 1;
            // Leave a batch for each part still to come.
            let at_most = queued.len() - (parts - part);
            while end < at_most && (end < at_least || so_far + queued[end] / 2.0 <= target) {
                so_far += queued[end];
                end += 1;
            }
            ends.push(end);
        }
        ends.push(queued.len());
        let mut from = 0;
        let sends = ends
            .into_iter()
            .enumerate()
            .filter_map(|(worker, end)| {
                let message = self.assign(worker, end - from);
                from = end;
                message
            })
            .collect();
        Some(sends)
    }

    /// The next `batches` off the plan's queue, to `worker`.
    fn assign(&mut self, worker: usize, batches: usize) -> Option<Message> {
        let batches = self.plan.take_alone(batches)?;
        let tasks = self.plan.tasks(batches.clone());
        self.in_flight[worker].push_back(tasks.clone());
        Some(Message {
            worker,
            batches,
            tasks,
        })
    }

    /// `tasks` results of `worker`'s oldest message came back (a worker
    /// answers its messages in order, a long one in parts).
    pub fn received(&mut self, worker: usize, tasks: usize) {
        let queue = &mut self.in_flight[worker];
        if let Some(left) = queue.front_mut() {
            left.start = left.end.min(left.start + tasks);
            if left.start == left.end {
                queue.pop_front();
            }
        }
        self.tasks_left = self.tasks_left.saturating_sub(tasks);
    }

    /// Whether `tasks` results from task `index` on are what `worker` owes
    /// next: they start where its oldest message not yet answered does, and
    /// are no more than that message holds.
    pub fn expects(&self, worker: usize, index: usize, tasks: usize) -> bool {
        self.in_flight
            .get(worker)
            .and_then(VecDeque::front)
            .is_some_and(|left| left.start == index && tasks <= left.len())
    }

    pub fn is_finished(&self) -> bool {
        self.tasks_left == 0
    }

    /// Whether `worker` holds a message it has not fully answered.
    pub fn holds_work(&self, worker: usize) -> bool {
        self.in_flight
            .get(worker)
            .is_some_and(|queue| !queue.is_empty())
    }
}

/// A busy process worker sends what it has at least this often (or when a
/// megabyte of results is ready, or a task ends after this long), so its
/// silence means it is gone: a worker the browser closed fires no event.
pub const ANSWER_AT_LEAST_EVERY_MS: f64 = 1000.0;

/// How long a worker holding work may stay silent before it is taken for
/// lost: well above its longest wait for a task (`slowest_task_ms`, from the
/// estimate) and the page's own pauses, and low enough that a run ends
/// within 10 s of losing a worker on the largest links that finish.
pub fn silence_deadline_ms(slowest_task_ms: f64) -> f64 {
    2000.0 + ANSWER_AT_LEAST_EVERY_MS + 4.0 * slowest_task_ms.max(0.0)
}

/// The slowest task of `factorial(1..=n)`, from the estimate: its total
/// grows like n^2.6, so the last task costs about 2.6 × total / n.
pub fn slowest_factorial_task_ms(n: u64) -> f64 {
    crate::core::factorial::cost::estimated_serial_ms(n) * 2.6 / n.max(1) as f64
}

/// Every this many tasks a serial worker's pass looks at the clock, to say
/// it is alive at least every `ANSWER_AT_LEAST_EVERY_MS` (one look per task
/// would weigh on tasks of a microsecond, and serial is the baseline).
pub const SERIAL_BEAT_EVERY_TASKS: u32 = 64;

/// How long the page waits for a serial worker's beat or answer before it
/// takes it for lost: the processes' silence deadline over
/// `SERIAL_BEAT_EVERY_TASKS` of the slowest task. Its first step also loads
/// the build, and gets `SERIAL_LOAD_MS` more.
pub fn serial_silence_ms(n: u64) -> f64 {
    silence_deadline_ms(f64::from(SERIAL_BEAT_EVERY_TASKS) * slowest_factorial_task_ms(n))
}

/// What loading the build in a fresh serial worker may take.
pub const SERIAL_LOAD_MS: f64 = 5_000.0;

/// Notices a worker that holds work and has gone silent past the deadline.
#[derive(Debug)]
pub struct Watchdog {
    /// Per worker, when it was last sent work or heard from (ms).
    heard: Vec<f64>,
    deadline_ms: f64,
}

impl Watchdog {
    pub fn new(workers: usize, deadline_ms: f64, now_ms: f64) -> Self {
        Watchdog {
            heard: vec![now_ms; workers.max(1)],
            deadline_ms,
        }
    }

    /// `worker` was sent a message or answered one at `now_ms`. A message
    /// goes to a worker only when it has room, that is just after it
    /// answered, so counting a send as news shifts its silence by no more
    /// than a round trip.
    pub fn heard(&mut self, worker: usize, now_ms: f64) {
        if let Some(at) = self.heard.get_mut(worker) {
            *at = now_ms;
        }
    }

    /// The worker silent the longest past the deadline while holding work,
    /// and for how long (ms).
    pub fn lost(&self, dispatcher: &Dispatcher, now_ms: f64) -> Option<(usize, f64)> {
        (0..self.heard.len())
            .filter(|&w| dispatcher.holds_work(w))
            .map(|w| (w, now_ms - self.heard[w]))
            .filter(|&(_, silent)| silent > self.deadline_ms)
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// How long until the next worker that holds work would be overdue
    /// (the deadline itself if none holds any): when to look again.
    pub fn next_check_ms(&self, dispatcher: &Dispatcher, now_ms: f64) -> f64 {
        (0..self.heard.len())
            .filter(|&w| dispatcher.holds_work(w))
            .map(|w| self.heard[w] + self.deadline_ms - now_ms)
            .fold(self.deadline_ms, f64::min)
            .max(0.0)
    }
}

/// Results in input order (the scheduler's `InputOrder`), whatever order
/// their batches come back in, with their traces.
pub struct Collector<R> {
    results: InputOrder<(R, TaskTrace)>,
}

impl<R> Collector<R> {
    pub fn new(tasks: usize) -> Self {
        Collector {
            results: InputOrder::new(tasks),
        }
    }

    pub fn put(&mut self, index: usize, result: R, trace: TaskTrace) {
        self.results.put(index, (result, trace));
    }

    /// The finished run; `None` if a task never reported.
    pub fn finish(self, elapsed_ms: f64) -> Option<ModeRun<R>> {
        let (results, tasks) = self.results.finish()?.into_iter().unzip();
        Some(ModeRun {
            results,
            tasks,
            elapsed_ms,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answers every message at once, in order; returns what was sent.
    fn run_to_the_end(dispatcher: &mut Dispatcher) -> Vec<Message> {
        let mut sent = Vec::new();
        while !dispatcher.is_finished() {
            let sends = dispatcher.to_send();
            assert!(!sends.is_empty(), "nothing in flight and nothing sent");
            for message in &sends {
                dispatcher.received(message.worker, message.tasks.len());
            }
            sent.extend(sends);
        }
        sent
    }

    #[test]
    fn apply_sends_one_task_and_waits_for_it() {
        let mut dispatcher = Dispatcher::new(PoolMode::Apply, 3, 2, 1);
        assert_eq!(
            dispatcher.to_send(),
            vec![Message {
                worker: 0,
                batches: 0..1,
                tasks: 0..1
            }]
        );
        assert!(
            dispatcher.to_send().is_empty(),
            "nothing more until the result is back"
        );
        dispatcher.received(0, 1);
        assert_eq!(
            dispatcher.to_send(),
            vec![Message {
                worker: 1,
                batches: 1..2,
                tasks: 1..2
            }]
        );
        dispatcher.received(1, 1);
        assert_eq!(dispatcher.to_send()[0].worker, 0, "in turn");
        dispatcher.received(0, 1);
        assert!(dispatcher.is_finished());
    }

    #[test]
    fn async_modes_deal_guided_messages_breadth_first() {
        let mut dispatcher = Dispatcher::new(PoolMode::ApplyAsync, 100, 2, 7);
        let sends = dispatcher.to_send();
        let shape: Vec<(usize, usize)> = sends.iter().map(|m| (m.worker, m.tasks.len())).collect();
        // Each a quarter of what is left, split between the two workers; apply_async ignores chunk.
        assert_eq!(
            shape,
            vec![(0, 13), (1, 11), (0, 10), (1, 9)],
            "every worker gets one before any gets two"
        );
        assert!(
            dispatcher.to_send().is_empty(),
            "MESSAGES_IN_FLIGHT each, then wait"
        );
        dispatcher.received(0, 5);
        assert!(
            dispatcher.to_send().is_empty(),
            "part of a message is no room for another"
        );
        dispatcher.received(0, 8);
        assert_eq!(
            dispatcher.to_send(),
            vec![Message {
                worker: 0,
                batches: 43..51,
                tasks: 43..51
            }],
            "the queue's next tasks"
        );
    }

    #[test]
    fn a_few_large_chunks_go_one_at_a_time_to_whichever_worker_is_free() {
        // Python's default chunks for n=3000 on 2 workers: 8 of 375.
        let mut dispatcher = Dispatcher::new(PoolMode::Map, 3000, 2, 375);
        let first: Vec<(usize, Range<usize>)> = dispatcher
            .to_send()
            .into_iter()
            .map(|m| (m.worker, m.batches))
            .collect();
        assert_eq!(
            first,
            vec![(0, 0..1), (1, 1..2)],
            "one chunk each, none promised ahead"
        );
        dispatcher.received(1, 375);
        assert_eq!(
            dispatcher.to_send(),
            vec![Message {
                worker: 1,
                batches: 2..3,
                tasks: 750..1125
            }],
            "the free worker takes the next"
        );
        assert!(dispatcher.to_send().is_empty());
    }

    #[test]
    fn a_worker_owes_the_rest_of_its_oldest_message_in_order() {
        let mut dispatcher = Dispatcher::new(PoolMode::Map, 10, 1, 4);
        let sent = dispatcher.to_send();
        assert_eq!(sent[0].tasks, 0..4);
        assert!(dispatcher.expects(0, 0, 4));
        assert!(!dispatcher.expects(0, 0, 5), "more than it holds");
        assert!(!dispatcher.expects(0, 1, 2), "not where it starts");
        assert!(!dispatcher.expects(1, 0, 1), "no such worker");
        dispatcher.received(0, 3);
        assert!(dispatcher.expects(0, 3, 1), "the rest, after a part");
        assert!(!dispatcher.expects(0, 0, 1));
    }

    #[test]
    fn every_worker_gets_a_message_when_there_are_k_batches() {
        let mut dispatcher = Dispatcher::new(PoolMode::Map, 3, 3, 1);
        let workers: Vec<usize> = dispatcher.to_send().iter().map(|m| m.worker).collect();
        assert_eq!(workers, vec![0, 1, 2]);
    }

    #[test]
    fn map_messages_hold_whole_chunks_cover_every_task_once_and_shrink_to_one_chunk() {
        for mode in [PoolMode::Map, PoolMode::MapAsync] {
            for (tasks, workers, chunk) in [(10, 2, 4), (3000, 2, 1), (3000, 4, 375), (1, 3, 1)] {
                let mut dispatcher = Dispatcher::new(mode, tasks, workers, chunk);
                let sent = run_to_the_end(&mut dispatcher);
                let covered: Vec<usize> = sent.iter().flat_map(|m| m.tasks.clone()).collect();
                assert_eq!(
                    covered,
                    (0..tasks).collect::<Vec<_>>(),
                    "{mode:?} {tasks} on {workers}"
                );
                for message in &sent {
                    assert_eq!(
                        message.tasks.start % chunk,
                        0,
                        "a message starts on a chunk"
                    );
                    assert!(
                        message.tasks.end % chunk == 0 || message.tasks.end == tasks,
                        "and ends on one"
                    );
                }
                let sizes: Vec<usize> = sent.iter().map(|m| m.batches.len()).collect();
                assert!(
                    sizes.windows(2).all(|pair| pair[0] >= pair[1]),
                    "sizes never grow: {sizes:?}"
                );
                assert_eq!(sizes.last(), Some(&1), "the last message is one chunk");
            }
        }
        let messages = run_to_the_end(&mut Dispatcher::new(PoolMode::Map, 3000, 2, 1)).len();
        assert!(messages < 100, "3000 tasks in {messages} messages");
    }

    /// The dispatcher's estimate for the inputs 1..=n.
    fn costed(mode: PoolMode, n: usize, workers: usize, chunk: usize) -> Dispatcher {
        Dispatcher::new(mode, n, workers, chunk).with_task_costs(|index| {
            crate::core::factorial::cost::estimated_task_ms(index as u64 + 1)
        })
    }

    #[test]
    fn a_small_run_is_dealt_out_at_once_one_message_per_worker_of_about_equal_cost() {
        // A warm map of n=100 on 2 workers: Python's default chunks of 13.
        let mut dispatcher = costed(PoolMode::Map, 100, 2, 13);
        let sends = dispatcher.to_send();
        assert_eq!(sends.len(), 2, "{sends:?}");
        assert_eq!(
            sends.iter().map(|m| m.worker).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert_eq!(sends[0].tasks.start, 0);
        assert_eq!(sends[0].tasks.end, sends[1].tasks.start);
        assert_eq!(sends[1].tasks.end, 100, "the whole queue");
        assert_eq!(sends[0].tasks.start % 13, 0, "whole chunks");
        assert_eq!(sends[0].tasks.end % 13, 0, "whole chunks");
        // Tasks grow dearer: the first worker takes more of them.
        let cost = |tasks: &Range<usize>| -> f64 {
            tasks
                .clone()
                .map(|i| crate::core::factorial::cost::estimated_task_ms(i as u64 + 1))
                .sum()
        };
        let (a, b) = (cost(&sends[0].tasks), cost(&sends[1].tasks));
        assert!(sends[0].tasks.len() > sends[1].tasks.len(), "{sends:?}");
        assert!(a.max(b) / a.min(b) < 2.0, "{a} against {b}");
        assert!(dispatcher.to_send().is_empty(), "nothing left to send");
        dispatcher.received(0, sends[0].tasks.len());
        dispatcher.received(1, sends[1].tasks.len());
        assert!(dispatcher.is_finished());
    }

    #[test]
    fn dealing_gives_every_worker_a_batch_when_there_are_k_and_never_splits_one() {
        // The start-up ping: one task per process.
        let sends = costed(PoolMode::ApplyAsync, 2, 2, 1).to_send();
        assert_eq!(
            sends
                .iter()
                .map(|m| (m.worker, m.tasks.clone()))
                .collect::<Vec<_>>(),
            vec![(0, 0..1), (1, 1..2)]
        );
        // A pool of 50 and 100 tasks: all 50 take part.
        let sends = costed(PoolMode::ApplyAsync, 100, 50, 1).to_send();
        assert_eq!(sends.len(), 50);
        assert!(sends.iter().all(|m| !m.tasks.is_empty()));
        let covered: Vec<usize> = sends.iter().flat_map(|m| m.tasks.clone()).collect();
        assert_eq!(covered, (0..100).collect::<Vec<_>>());
        // Fewer batches than workers: one each, the rest idle.
        let sends = costed(PoolMode::Map, 100, 4, 50).to_send();
        assert_eq!(
            sends
                .iter()
                .map(|m| (m.worker, m.tasks.clone()))
                .collect::<Vec<_>>(),
            vec![(0, 0..50), (1, 50..100)]
        );
    }

    #[test]
    fn a_large_run_stays_guided_with_costs() {
        for (mode, n, chunk) in [(PoolMode::Map, 3000, 1), (PoolMode::Map, 3000, 375)] {
            let mut plain = Dispatcher::new(mode, n, 2, chunk);
            let mut with_costs = costed(mode, n, 2, chunk);
            assert_eq!(run_to_the_end(&mut plain), run_to_the_end(&mut with_costs));
        }
        // apply keeps its one task at a time whatever the cost.
        let mut apply = costed(PoolMode::Apply, 100, 2, 1);
        assert_eq!(apply.to_send().len(), 1);
    }

    #[test]
    fn the_collector_orders_results_by_input() {
        let mut collector = Collector::new(3);
        for index in [2, 0, 1] {
            let trace = TaskTrace {
                input: index as u64,
                worker: 0,
                start_ms: 0.0,
                end_ms: 0.0,
            };
            collector.put(index, index * 10, trace);
        }
        assert_eq!(collector.finish(1.0).unwrap().results, vec![0, 10, 20]);
        assert!(
            Collector::<u8>::new(2).finish(1.0).is_none(),
            "a missing result is no run"
        );
    }

    #[test]
    fn a_silent_worker_holding_work_is_lost_past_the_deadline() {
        let mut dispatcher = Dispatcher::new(PoolMode::Map, 100, 2, 10);
        let mut watchdog = Watchdog::new(2, 5000.0, 0.0);
        for message in dispatcher.to_send() {
            watchdog.heard(message.worker, 0.0);
        }
        assert_eq!(
            watchdog.lost(&dispatcher, 4999.0),
            None,
            "within the deadline"
        );
        assert_eq!(watchdog.next_check_ms(&dispatcher, 1000.0), 4000.0);
        watchdog.heard(1, 3000.0); // worker 1 answers; worker 0 stays silent
        dispatcher.received(1, 10);
        assert_eq!(watchdog.lost(&dispatcher, 6000.0), Some((0, 6000.0)));
        // A worker with nothing to do may stay silent for ever.
        while dispatcher.holds_work(0) {
            dispatcher.received(0, 100);
        }
        let lost = watchdog.lost(&dispatcher, 60_000.0);
        assert!(lost.is_none_or(|(worker, _)| worker == 1), "{lost:?}");
    }

    #[test]
    fn the_deadline_is_above_the_slowest_task_and_ends_a_run_within_ten_seconds() {
        for n in [1, 100, 3000, 20000] {
            let slowest = slowest_factorial_task_ms(n);
            let deadline = silence_deadline_ms(slowest);
            assert!(
                deadline >= ANSWER_AT_LEAST_EVERY_MS + 4.0 * slowest,
                "n={n}"
            );
            assert!(
                deadline < 9000.0,
                "n={n}: {deadline} ms leaves no room to end the run within 10 s"
            );
        }
        assert!(slowest_factorial_task_ms(20000) > slowest_factorial_task_ms(3000));
        // A serial worker beats every 64 tasks at most a second apart: the
        // page waits well above 64 of the slowest tasks, and notices a dead
        // one within 10 s up to n = 20000 (its first step, the build's load too).
        for n in [1, 3000, 20000] {
            let silence = serial_silence_ms(n);
            assert!(
                silence >= ANSWER_AT_LEAST_EVERY_MS + 64.0 * 4.0 * slowest_factorial_task_ms(n)
            );
            assert!(
                silence + ANSWER_AT_LEAST_EVERY_MS < 10_000.0,
                "n={n}: {silence} ms"
            );
        }
    }
}
