//! Processes for the native tests: OS threads that share nothing with the
//! caller but messages, standing in for the page's web workers, as a
//! `Transport` of the page's own pass loop
//! (`core::pool::process_loop::run_pass`; the page's transport is web
//! workers and `postMessage`, `web::backends::processes`). A thread here
//! runs the browser's process loop (`core::pool::process_side::serve_tasks`):
//! results' bytes pile up and leave in a buffer taken from those handed
//! back (or a new one), in parts when `answer_bytes` are ready or a second
//! went by.
#![allow(dead_code)] // not every test uses every fault

use std::future::Future;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use parallel_playground::core::pool::clock::now_ms;
use parallel_playground::core::pool::modes::{ModeRun, PoolMode};
use parallel_playground::core::pool::process_loop::{
    run_pass, Answer, Event, PassSpec, Post, ProcessTask, Stop, Transport,
};
use parallel_playground::core::pool::process_side::serve_tasks;

/// A task as a process runs it: appends the bytes of its result for `input`.
pub type Job = fn(u64, &mut Vec<u8>);

/// The browser's: a busy process answers when this much is ready, in a
/// buffer at least this large.
pub use parallel_playground::core::pool::process_side::ANSWER_BYTES;

/// Something a stand-in process does wrong, for the page's side to cope with.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Fault {
    #[default]
    None,
    /// Takes its messages and never answers (a worker the browser closed
    /// fires no event).
    Silent,
    /// Fires `error` at its first message (and stops).
    Crash,
    /// Its first answer says its last result ends past its bytes.
    EndsPastBytes,
    /// Its first answer carries one task more than its message holds.
    ExtraTask,
}

/// What went over the wire, for the tests to look at.
#[derive(Debug, Default)]
pub struct Wire {
    /// Per message posted: (pass, worker, count, buffers handed back).
    pub posts: Vec<(u32, usize, usize, usize)>,
    /// Per answer received: (pass, worker, tasks).
    pub answers: Vec<(u32, usize, usize)>,
}

struct Process {
    outbox: Sender<Post<Vec<u8>>>,
    /// Buffers it handed back, for its next message.
    spare: Vec<Vec<u8>>,
}

/// k stand-in processes, kept between passes as the page keeps its own.
pub struct Processes {
    processes: Vec<Process>,
    inbox: Receiver<Event<Vec<u8>>>,
    ended: Arc<AtomicBool>,
    events: Sender<Event<Vec<u8>>>,
    /// Numbers each pass, as the page does.
    run: u32,
    /// Buffers the processes made (the rest were handed back ones).
    buffers_made: Arc<AtomicUsize>,
    pub wire: Wire,
}

/// Cancel, from another thread: ends every process, as the page's
/// `terminate_all` does.
#[derive(Clone)]
pub struct Terminator {
    ended: Arc<AtomicBool>,
    events: Sender<Event<Vec<u8>>>,
}

impl Terminator {
    pub fn terminate(&self) {
        self.ended.store(true, Ordering::SeqCst);
        let _ = self.events.send(Event::Closed);
    }
}

impl Processes {
    pub fn start(workers: usize, job: Job) -> Self {
        Processes::with(workers, job, ANSWER_BYTES, &[])
    }

    /// `faults[i]` for process i (none past the list's end).
    pub fn with(workers: usize, job: Job, answer_bytes: usize, faults: &[Fault]) -> Self {
        let (events, inbox) = mpsc::channel();
        let ended = Arc::new(AtomicBool::new(false));
        let buffers_made = Arc::new(AtomicUsize::new(0));
        let processes = (0..workers)
            .map(|worker| {
                let (outbox, messages) = mpsc::channel();
                let process = StandIn {
                    worker,
                    job,
                    answer_bytes,
                    fault: faults.get(worker).copied().unwrap_or_default(),
                    events: events.clone(),
                    ended: Arc::clone(&ended),
                    buffers_made: Arc::clone(&buffers_made),
                };
                std::thread::spawn(move || process.serve(messages));
                Process {
                    outbox,
                    spare: Vec::new(),
                }
            })
            .collect();
        Processes {
            processes,
            inbox,
            ended,
            events,
            run: 0,
            buffers_made,
            wire: Wire::default(),
        }
    }

    /// How many answer buffers the processes made so far.
    pub fn buffers_made(&self) -> usize {
        self.buffers_made.load(Ordering::SeqCst)
    }

    pub fn terminator(&self) -> Terminator {
        Terminator {
            ended: Arc::clone(&self.ended),
            events: self.events.clone(),
        }
    }

    /// One pass of `mode` over `inputs` on processes 0..workers: the
    /// page's loop (`run_pass`), whose every wait here is a blocking receive.
    pub fn pass<T: ProcessTask>(
        &mut self,
        mode: PoolMode,
        workers: usize,
        inputs: std::ops::Range<u32>,
        chunk: usize,
        empty: bool,
        deadline_ms: f64,
    ) -> Result<ModeRun<T::Result>, Stop> {
        self.run = self.run.wrapping_add(1);
        let spec = PassSpec {
            run: self.run,
            mode,
            workers,
            inputs,
            chunk,
            empty,
            deadline_ms,
        };
        let pass = std::pin::pin!(run_pass::<T, _>(self, spec));
        match pass.poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(outcome) => outcome,
            Poll::Pending => unreachable!("no wait here returns before it is over"),
        }
    }

    fn note(&mut self, event: &Event<Vec<u8>>) {
        if let Event::Answer(answer) = event {
            self.wire
                .answers
                .push((answer.run, answer.worker, answer.ends.len()));
        }
    }
}

impl Transport for Processes {
    type Buffer = Vec<u8>;

    fn now_ms(&self) -> f64 {
        now_ms()
    }

    fn post(&mut self, post: Post<Vec<u8>>) -> bool {
        if self.ended.load(Ordering::SeqCst) {
            return false;
        }
        let Some(process) = self.processes.get(post.worker) else {
            return false;
        };
        self.wire
            .posts
            .push((post.run, post.worker, post.count, post.spare.len()));
        process.outbox.send(post).is_ok()
    }

    fn next_event(&mut self, wait_ms: f64) -> impl Future<Output = Option<Event<Vec<u8>>>> {
        let event = match self
            .inbox
            .recv_timeout(Duration::from_secs_f64(wait_ms / 1000.0))
        {
            Ok(event) => Some(event),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => Some(Event::Closed),
        };
        if let Some(event) = &event {
            self.note(event);
        }
        std::future::ready(event)
    }

    fn event_in(&mut self) -> Option<Event<Vec<u8>>> {
        let event = self.inbox.try_recv().ok()?;
        self.note(&event);
        Some(event)
    }

    fn end_processes(&mut self) {
        self.terminator().terminate();
    }

    fn take_spares(&mut self, workers: usize) -> Vec<Vec<Vec<u8>>> {
        self.processes
            .iter_mut()
            .take(workers)
            .map(|process| std::mem::take(&mut process.spare))
            .collect()
    }

    fn keep_spares(&mut self, spares: Vec<Vec<Vec<u8>>>) {
        for (process, spare) in self.processes.iter_mut().zip(spares) {
            process.spare.extend(spare);
        }
    }
}

impl Drop for Processes {
    fn drop(&mut self) {
        // Their inboxes close with `processes`; a busy one stops at its next task.
        self.ended.store(true, Ordering::SeqCst);
    }
}

/// One stand-in process: the browser's process worker over a channel.
struct StandIn {
    worker: usize,
    job: Job,
    answer_bytes: usize,
    fault: Fault,
    events: Sender<Event<Vec<u8>>>,
    ended: Arc<AtomicBool>,
    buffers_made: Arc<AtomicUsize>,
}

impl StandIn {
    fn serve(mut self, messages: Receiver<Post<Vec<u8>>>) {
        let mut spare: Vec<Vec<u8>> = Vec::new();
        // The process's own memory: results not yet sent (its tasks add
        // to them, its answers take them).
        let results = std::cell::RefCell::new(Vec::new());
        for mut post in messages {
            if self.ended.load(Ordering::SeqCst) {
                return;
            }
            match self.fault {
                Fault::Silent => continue,
                Fault::Crash => {
                    let message = "RuntimeError: unreachable executed".to_string();
                    let _ = self.events.send(Event::Failed {
                        worker: self.worker,
                        message,
                    });
                    return;
                }
                _ => {}
            }
            spare.append(&mut post.spare);
            let ended = Arc::clone(&self.ended);
            let job = self.job;
            let task = |i: usize| {
                if ended.load(Ordering::SeqCst) {
                    return None; // terminated mid-task
                }
                let mut results = results.borrow_mut();
                if !post.empty {
                    job(u64::from(post.input) + i as u64, &mut results);
                }
                Some(results.len())
            };
            serve_tasks(post.count, self.answer_bytes, task, |from, ends, times| {
                let mut results = results.borrow_mut();
                self.answer(&post, from, &mut results, ends, times, &mut spare);
            });
        }
    }

    /// Sends the results so far, copied into one buffer (the page copies
    /// the bytes out and keeps the buffer to hand back).
    fn answer(
        &mut self,
        post: &Post<Vec<u8>>,
        from: usize,
        results: &mut Vec<u8>,
        ends: &mut Vec<u32>,
        times: &mut Vec<f64>,
        spare: &mut Vec<Vec<u8>>,
    ) {
        let length = results.len();
        let buffer = (length > 0).then(|| {
            let mut buffer = match spare.iter().position(|b| b.len() >= length) {
                Some(fits) => spare.remove(fits),
                None => {
                    self.buffers_made.fetch_add(1, Ordering::SeqCst);
                    vec![0; length.max(self.answer_bytes)]
                }
            };
            buffer[..length].copy_from_slice(results);
            results.clear();
            buffer
        });
        let mut ends = std::mem::take(ends);
        let mut times = std::mem::take(times);
        match std::mem::take(&mut self.fault) {
            Fault::EndsPastBytes => *ends.last_mut().expect("a task") += 1,
            Fault::ExtraTask => {
                ends.push(*ends.last().expect("a task"));
                times.extend([now_ms(), now_ms()]);
            }
            fault => self.fault = fault,
        }
        let answer = Answer {
            worker: self.worker,
            run: post.run,
            index: post.index + from,
            bytes: buffer
                .as_ref()
                .map_or_else(Vec::new, |b| b[..length].to_vec()),
            ends,
            times,
            buffer,
        };
        let _ = self.events.send(Event::Answer(answer));
    }
}
