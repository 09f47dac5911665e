//! One pass of the `processes` backend, whatever carries its messages.
//!
//! `ProcessPass` is the pass as a state machine with no I/O of its own: fed
//! what arrived (`on_event`, `on_silence`), it says what to do next
//! (`next_action`). `run_pass` is the one loop that drives it over a
//! `Transport`: the page's is web workers and `postMessage`
//! (`web::backends::processes`, awaited: the page never blocks), the
//! native tests' is OS threads and channels (tests/message_threads). So
//! what both run owns everything but the wire: which batch goes to which
//! process and when (`Dispatcher`), the watchdog, dropping the answers of
//! an earlier pass, answers that come in parts, handing answer buffers
//! back for reuse, rejecting an answer that does not fit its tasks, and
//! turning each result's bytes into what the run keeps.

use std::future::Future;
use std::ops::Range;

use crate::core::pool::modes::{ModeRun, PoolMode, TaskTrace};
use crate::core::pool::process_pool::{Collector, Dispatcher, Watchdog};
use crate::core::run::failure::Failure;

/// What tasks a pass hands out, as the page sees them: how the bytes of a
/// result become what the run keeps (the page checks what it received, not
/// what a process says it computed), and what a task is estimated to cost.
pub trait ProcessTask {
    type Result;

    fn decode(bytes: &[u8]) -> Self::Result;

    /// The estimate (ms) of the task of `input`, if there is one: a small
    /// run is then dealt out at once (`process_pool::DEAL_SHARE_BELOW_MS`).
    fn estimated_ms(input: u64) -> Option<f64>;
}

/// The driver waits this much past the watchdog's next deadline, so the
/// look it takes then finds the silent process overdue.
pub const CHECK_MARGIN_MS: f64 = 20.0;

/// What one pass runs.
#[derive(Clone, Debug)]
pub struct PassSpec {
    /// Numbers the pass: an answer that carries another number is from an
    /// earlier pass (one abandoned mid-way) and is dropped.
    pub run: u32,
    pub mode: PoolMode,
    pub workers: usize,
    /// One task per input. Consecutive, so a message names its first input
    /// and a count.
    pub inputs: Range<u32>,
    pub chunk: usize,
    /// Tasks that compute nothing: the pass measures dispatch alone.
    pub empty: bool,
    /// How long a process that holds tasks may say nothing
    /// (`process_pool::silence_deadline_ms`).
    pub deadline_ms: f64,
}

/// One message to process `worker`: tasks `index..index + count` of pass
/// `run`, whose inputs are `input..input + count`, with the answer buffers
/// `spare` handed back for reuse.
#[derive(Clone, Debug, PartialEq)]
pub struct Post<B> {
    pub worker: usize,
    pub run: u32,
    pub index: usize,
    pub input: u32,
    pub count: usize,
    pub empty: bool,
    pub spare: Vec<B>,
}

/// Results of the tasks from `index` on, as process `worker` sent them: the
/// bytes of each result back to back, where each ends, the start and end of
/// each task on the shared clock (`clock::now_ms`), and the buffer they
/// came in (to hand back to that process).
#[derive(Debug)]
pub struct Answer<B> {
    pub worker: usize,
    pub run: u32,
    pub index: usize,
    pub bytes: Vec<u8>,
    pub ends: Vec<u32>,
    pub times: Vec<f64>,
    pub buffer: Option<B>,
}

/// What can reach the page from its processes.
#[derive(Debug)]
pub enum Event<B> {
    Answer(Answer<B>),
    /// The process fired `error`: it crashed, or could not run its script.
    Failed {
        worker: usize,
        message: String,
    },
    /// The processes were ended (Cancel): nothing more will come.
    Closed,
}

/// Why a pass stopped early.
#[derive(Clone, Debug, PartialEq)]
pub enum Stop {
    Cancelled,
    /// Said in the page's language where it is shown, as every failure is.
    Failed(Failure),
    /// Process `worker` held tasks and said nothing for `silent_ms` (the
    /// browser closed it, or it hangs).
    Lost {
        worker: usize,
        silent_ms: f64,
    },
}

/// What the driver does next.
#[derive(Debug)]
pub enum Action<R, B> {
    /// Send these, in order, then ask again.
    Post(Vec<Post<B>>),
    /// Wait for the next event, or `check_in_ms` at most (then
    /// `on_silence`), then ask again.
    Wait { check_in_ms: f64 },
    /// Every task came back: the pass is over.
    Done(ModeRun<R>),
    /// The pass is over without results. With `end_processes`, every
    /// process must be ended: one is lost or crashed, and the others may be
    /// mid-batch.
    Stopped { stop: Stop, end_processes: bool },
}

/// What carries a pass's messages to the processes and back.
pub trait Transport {
    /// What an answer's bytes come in, handed back for reuse.
    type Buffer;

    /// The clock the processes stamp their tasks with.
    fn now_ms(&self) -> f64;

    /// Sends `post` to its process; false if that process is gone (Cancel
    /// ended them all).
    fn post(&mut self, post: Post<Self::Buffer>) -> bool;

    /// The next event, or `None` if none came within `wait_ms`. An inbox
    /// that closed is `Event::Closed`.
    fn next_event(&mut self, wait_ms: f64) -> impl Future<Output = Option<Event<Self::Buffer>>>;

    /// An event already in, without waiting.
    fn event_in(&mut self) -> Option<Event<Self::Buffer>>;

    /// Ends every process: the next pass starts on fresh ones.
    fn end_processes(&mut self);

    /// The buffers processes `0..workers` handed back in earlier passes.
    fn take_spares(&mut self, workers: usize) -> Vec<Vec<Self::Buffer>>;

    /// Those not handed back during the pass, per process, for the next.
    fn keep_spares(&mut self, spares: Vec<Vec<Self::Buffer>>);
}

/// One pass of `spec` over `transport`: the loop the page and the native
/// tests both run.
pub async fn run_pass<T: ProcessTask, X: Transport>(
    transport: &mut X,
    spec: PassSpec,
) -> Result<ModeRun<T::Result>, Stop> {
    let spares = transport.take_spares(spec.workers);
    let mut pass = ProcessPass::<T, X::Buffer>::new(spec, spares, transport.now_ms());
    let outcome = loop {
        match pass.next_action(transport.now_ms()) {
            Action::Post(posts) => {
                for post in posts {
                    if !transport.post(post) {
                        pass.on_event(Event::Closed, transport.now_ms());
                        break;
                    }
                }
            }
            Action::Wait { check_in_ms } => match transport.next_event(check_in_ms).await {
                Some(event) => {
                    pass.on_event(event, transport.now_ms());
                    // Every answer that is already in, before sending more.
                    while let Some(event) = transport.event_in() {
                        pass.on_event(event, transport.now_ms());
                    }
                }
                None => pass.on_silence(transport.now_ms()),
            },
            Action::Done(run) => break Ok(run),
            Action::Stopped {
                stop,
                end_processes,
            } => {
                if end_processes {
                    transport.end_processes();
                }
                break Err(stop);
            }
        }
    };
    transport.keep_spares(pass.into_spares());
    outcome
}

/// A pass in progress: what was sent where, and what came back.
pub struct ProcessPass<T: ProcessTask, B> {
    spec: PassSpec,
    origin_ms: f64,
    dispatcher: Dispatcher,
    collector: Collector<T::Result>,
    watchdog: Watchdog,
    /// Per process, answer buffers to hand back with its next message.
    spares: Vec<Vec<B>>,
    /// The first reason to stop (later events change nothing), and whether
    /// it ends every process.
    stopped: Option<(Stop, bool)>,
}

impl<T: ProcessTask, B> ProcessPass<T, B> {
    /// Starts a pass at `now_ms`. `spares` are the buffers each process
    /// handed back in earlier passes (kept between them by the driver: see
    /// `into_spares`); missing ones count as none.
    pub fn new(spec: PassSpec, mut spares: Vec<Vec<B>>, now_ms: f64) -> Self {
        let tasks = spec.inputs.len();
        let mut dispatcher = Dispatcher::new(spec.mode, tasks, spec.workers, spec.chunk);
        let first = u64::from(spec.inputs.start);
        if T::estimated_ms(first).is_some() {
            dispatcher = dispatcher
                .with_task_costs(|index| T::estimated_ms(first + index as u64).unwrap_or_default());
        }
        spares.resize_with(spec.workers.max(1), Vec::new);
        ProcessPass {
            origin_ms: now_ms,
            dispatcher,
            collector: Collector::new(tasks),
            watchdog: Watchdog::new(spec.workers, spec.deadline_ms, now_ms),
            spares,
            stopped: None,
            spec,
        }
    }

    /// What to do now. Once it has said `Done` or `Stopped`, the pass is over.
    pub fn next_action(&mut self, now_ms: f64) -> Action<T::Result, B> {
        if let Some((stop, end_processes)) = self.stopped.take() {
            return Action::Stopped {
                stop,
                end_processes,
            };
        }
        if self.dispatcher.is_finished() {
            let collector = std::mem::replace(&mut self.collector, Collector::new(0));
            return match collector.finish(now_ms - self.origin_ms) {
                Some(run) => Action::Done(run),
                None => Action::Stopped {
                    stop: Stop::Failed(Failure::AnswerLost),
                    end_processes: false,
                },
            };
        }
        let posts: Vec<Post<B>> = self
            .dispatcher
            .to_send()
            .into_iter()
            .map(|message| {
                // A message goes to a process only when it has room, that is
                // just after it answered: news of it, as an answer is.
                self.watchdog.heard(message.worker, now_ms);
                Post {
                    worker: message.worker,
                    run: self.spec.run,
                    index: message.tasks.start,
                    input: self.spec.inputs.start + message.tasks.start as u32,
                    count: message.tasks.len(),
                    empty: self.spec.empty,
                    spare: self
                        .spares
                        .get_mut(message.worker)
                        .map(std::mem::take)
                        .unwrap_or_default(),
                }
            })
            .collect();
        if posts.is_empty() {
            // A process the browser closed sends nothing, not even an
            // error: after this long, look at who has gone silent.
            let check_in_ms = self.watchdog.next_check_ms(&self.dispatcher, now_ms);
            Action::Wait {
                check_in_ms: check_in_ms + CHECK_MARGIN_MS,
            }
        } else {
            Action::Post(posts)
        }
    }

    /// Something arrived from the processes at `now_ms`.
    pub fn on_event(&mut self, event: Event<B>, now_ms: f64) {
        if self.stopped.is_some() {
            return;
        }
        match event {
            // From an abandoned pass: its tasks are not this one's.
            Event::Answer(answer) if answer.run != self.spec.run => {}
            Event::Answer(answer) => self.take(answer, now_ms),
            Event::Failed { worker, message } => {
                self.stopped = Some((
                    Stop::Failed(Failure::ProcessFailed {
                        worker,
                        reason: message,
                    }),
                    true,
                ));
            }
            Event::Closed => self.stopped = Some((Stop::Cancelled, false)),
        }
    }

    /// Nothing arrived for the `check_in_ms` of the last `Wait`: a process
    /// that holds tasks and has been silent past the deadline is lost.
    pub fn on_silence(&mut self, now_ms: f64) {
        if self.stopped.is_some() {
            return;
        }
        if let Some((worker, silent_ms)) = self.watchdog.lost(&self.dispatcher, now_ms) {
            self.stopped = Some((Stop::Lost { worker, silent_ms }, true));
        }
    }

    /// The buffers not yet handed back, per process: for the next pass.
    pub fn into_spares(self) -> Vec<Vec<B>> {
        self.spares
    }

    fn take(&mut self, answer: Answer<B>, now_ms: f64) {
        let Answer {
            worker,
            index,
            bytes,
            ends,
            times,
            buffer,
            ..
        } = answer;
        if let (Some(buffer), Some(spare)) = (buffer, self.spares.get_mut(worker)) {
            spare.push(buffer);
        }
        let count = ends.len();
        // The rest of the oldest message the process holds (or its start),
        // each task's bytes within the answer's.
        let fits = self.dispatcher.expects(worker, index, count)
            && times.len() == 2 * count
            && ends.windows(2).all(|pair| pair[0] <= pair[1])
            && ends.last().is_none_or(|&end| end as usize <= bytes.len());
        if !fits {
            self.stopped = Some((Stop::Failed(Failure::AnswerMisfit { worker }), false));
            return;
        }
        self.dispatcher.received(worker, count);
        self.watchdog.heard(worker, now_ms);
        let mut start = 0;
        for (task, &end) in ends.iter().enumerate() {
            let result = T::decode(&bytes[start..end as usize]);
            start = end as usize;
            let trace = TaskTrace {
                input: u64::from(self.spec.inputs.start) + (index + task) as u64,
                worker,
                start_ms: times[2 * task] - self.origin_ms,
                end_ms: times[2 * task + 1] - self.origin_ms,
            };
            self.collector.put(index + task, result, trace);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Results are u64s, 8 bytes each; no estimate (plain guided dispatch).
    struct Words;

    impl ProcessTask for Words {
        type Result = u64;
        fn decode(bytes: &[u8]) -> u64 {
            u64::from_le_bytes(bytes.try_into().unwrap_or_default())
        }
        fn estimated_ms(_: u64) -> Option<f64> {
            None
        }
    }

    fn spec(run: u32, mode: PoolMode, workers: usize, inputs: Range<u32>) -> PassSpec {
        PassSpec {
            run,
            mode,
            workers,
            inputs,
            chunk: 1,
            empty: false,
            deadline_ms: 1000.0,
        }
    }

    /// The answer a well-behaved process gives to tasks `index..index +
    /// count` of `post`'s pass: each input times ten, in `buffer`.
    fn answer(post: &Post<u8>, from: usize, count: usize, buffer: Option<u8>) -> Event<u8> {
        let mut bytes = Vec::new();
        let mut ends = Vec::new();
        for task in from..from + count {
            let input = u64::from(post.input) + (task - post.index) as u64;
            bytes.extend_from_slice(&(input * 10).to_le_bytes());
            ends.push(bytes.len() as u32);
        }
        Event::Answer(Answer {
            worker: post.worker,
            run: post.run,
            index: from,
            bytes,
            ends,
            times: vec![1.0; 2 * count],
            buffer,
        })
    }

    fn posts(action: Action<u64, u8>) -> Vec<Post<u8>> {
        match action {
            Action::Post(posts) => posts,
            other => panic!("expected posts, got {other:?}"),
        }
    }

    fn stopped(action: Action<u64, u8>) -> (Stop, bool) {
        match action {
            Action::Stopped {
                stop,
                end_processes,
            } => (stop, end_processes),
            other => panic!("expected a stop, got {other:?}"),
        }
    }

    #[test]
    fn a_pass_posts_waits_takes_answers_in_parts_and_is_done() {
        let one_chunk = PassSpec {
            chunk: 4,
            ..spec(7, PoolMode::Map, 1, 5..9)
        };
        let mut pass = ProcessPass::<Words, u8>::new(one_chunk, vec![], 0.0);
        let sent = posts(pass.next_action(0.0));
        assert_eq!(sent.len(), 1);
        assert_eq!((sent[0].index, sent[0].input, sent[0].count), (0, 5, 4));
        assert!(matches!(pass.next_action(0.0), Action::Wait { .. }));
        // A long message comes back in parts.
        pass.on_event(answer(&sent[0], 0, 3, None), 1.0);
        assert!(matches!(pass.next_action(1.0), Action::Wait { .. }));
        pass.on_event(answer(&sent[0], 3, 1, None), 2.0);
        match pass.next_action(3.0) {
            Action::Done(run) => {
                assert_eq!(run.results, vec![50, 60, 70, 80]);
                assert_eq!(
                    run.tasks.iter().map(|t| t.input).collect::<Vec<_>>(),
                    vec![5, 6, 7, 8]
                );
                assert_eq!(run.elapsed_ms, 3.0);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_answer_of_an_earlier_pass_is_dropped() {
        let one_chunk = PassSpec {
            chunk: 2,
            ..spec(2, PoolMode::Map, 1, 0..2)
        };
        let mut pass = ProcessPass::<Words, u8>::new(one_chunk, vec![], 0.0);
        let sent = posts(pass.next_action(0.0));
        let stale = Post {
            run: 1,
            ..sent[0].clone()
        };
        pass.on_event(answer(&stale, 0, 2, Some(9)), 1.0);
        assert!(
            matches!(pass.next_action(1.0), Action::Wait { .. }),
            "still waiting for this pass's answer"
        );
        pass.on_event(answer(&sent[0], 0, 2, None), 2.0);
        assert!(matches!(pass.next_action(2.0), Action::Done(_)));
        assert_eq!(pass.into_spares(), vec![Vec::<u8>::new()], "its buffer too");
    }

    #[test]
    fn an_answer_that_does_not_fit_its_tasks_stops_the_pass() {
        let misfits: [fn(&mut Answer<u8>); 7] = [
            |a| *a.ends.last_mut().unwrap() += 1, // past its bytes
            |a| {
                // more tasks than its message (and the pass) holds
                a.ends.push(a.bytes.len() as u32);
                a.times.extend([1.0, 1.0]);
            },
            |a| a.index = 1,          // not where its message starts
            |a| a.index = usize::MAX, // an index that overflows
            |a| a.worker = 3,         // from a process the pass does not use
            |a| {
                a.times.pop(); // a time short
            },
            |a| a.ends.reverse(), // ends out of order
        ];
        for (case, misfit) in misfits.into_iter().enumerate() {
            let one_chunk = PassSpec {
                chunk: 2,
                ..spec(1, PoolMode::Map, 1, 0..2)
            };
            let mut pass = ProcessPass::<Words, u8>::new(one_chunk, vec![], 0.0);
            let sent = posts(pass.next_action(0.0));
            let Event::Answer(mut bad) = answer(&sent[0], 0, 2, Some(4)) else {
                unreachable!()
            };
            misfit(&mut bad);
            pass.on_event(Event::Answer(bad), 1.0);
            pass.on_event(answer(&sent[0], 0, 2, None), 1.0);
            assert_eq!(
                stopped(pass.next_action(1.0)),
                (
                    Stop::Failed(Failure::AnswerMisfit {
                        worker: if case == 4 { 3 } else { 0 }
                    }),
                    false
                ),
                "case {case}: the first stop stands; the processes go on"
            );
        }
    }

    #[test]
    fn answer_buffers_go_back_to_their_process_with_its_next_message() {
        let mut pass = ProcessPass::<Words, u8>::new(
            spec(1, PoolMode::ApplyAsync, 2, 0..8),
            vec![vec![1], vec![]],
            0.0,
        );
        let first = posts(pass.next_action(0.0));
        assert_eq!(first[0].spare, vec![1], "kept from an earlier pass");
        assert!(first.iter().skip(1).all(|post| post.spare.is_empty()));
        let to_one = first.iter().find(|post| post.worker == 1).unwrap();
        pass.on_event(answer(to_one, to_one.index, to_one.count, Some(42)), 1.0);
        let next = posts(pass.next_action(1.0));
        assert_eq!(next.len(), 1);
        assert_eq!((next[0].worker, &next[0].spare), (1, &vec![42]));
    }

    #[test]
    fn silence_past_the_deadline_loses_a_process_and_ends_them_all() {
        let mut pass = ProcessPass::<Words, u8>::new(spec(1, PoolMode::Map, 2, 0..4), vec![], 0.0);
        let sent = posts(pass.next_action(0.0));
        match pass.next_action(0.0) {
            Action::Wait { check_in_ms } => assert_eq!(check_in_ms, 1000.0 + CHECK_MARGIN_MS),
            other => panic!("{other:?}"),
        }
        for post in sent.iter().filter(|post| post.worker == 0) {
            pass.on_event(answer(post, post.index, post.count, None), 600.0);
        }
        pass.on_silence(900.0);
        assert!(!matches!(pass.next_action(900.0), Action::Stopped { .. }));
        pass.on_silence(1100.0);
        assert_eq!(
            stopped(pass.next_action(1100.0)),
            (
                Stop::Lost {
                    worker: 1,
                    silent_ms: 1100.0
                },
                true
            )
        );
    }

    #[test]
    fn a_crashed_process_ends_them_all_and_closing_cancels() {
        let mut pass = ProcessPass::<Words, u8>::new(spec(1, PoolMode::Map, 2, 0..4), vec![], 0.0);
        posts(pass.next_action(0.0));
        pass.on_event(
            Event::Failed {
                worker: 1,
                message: "out of memory".into(),
            },
            1.0,
        );
        assert_eq!(
            stopped(pass.next_action(1.0)),
            (
                Stop::Failed(Failure::ProcessFailed {
                    worker: 1,
                    reason: "out of memory".into()
                }),
                true
            )
        );
        let mut pass = ProcessPass::<Words, u8>::new(spec(1, PoolMode::Map, 2, 0..4), vec![], 0.0);
        posts(pass.next_action(0.0));
        pass.on_event(Event::Closed, 1.0);
        assert_eq!(stopped(pass.next_action(1.0)), (Stop::Cancelled, false));
    }
}
