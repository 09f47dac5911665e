//! The `processes` backend on the page: k dedicated web workers, each with
//! its own instance of the build without shared memory, that share nothing.
//! Inputs go out as messages; each result comes back as the bytes of k!,
//! which the page checks itself. Works on every page, isolated or not.
//!
//! Scheduling is `core::pool::process_pool::Dispatcher` (natively tested); here
//! are the workers (a reservoir kept between runs), the wire and Cancel,
//! which terminates the workers as Python's `pool.terminate()` does.

use std::cell::{Cell, RefCell};

use futures_channel::mpsc::{unbounded, UnboundedSender};
use futures_util::StreamExt;
use js_sys::{Array, ArrayBuffer, Float64Array, JsString, Promise, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::Worker;

use crate::core::pool::modes::{default_chunk, Backend, ModeRun, PoolMode, TaskTrace};
use crate::core::pool::process_pool::{
    silence_deadline_ms, slowest_factorial_task_ms, Collector, Dispatcher, Watchdog,
};
use crate::core::results::schema::RunRecord;
use crate::core::run::factorial_lab::{self, FactorialSummary, Measurement};
use crate::core::run::failure::Failure;
use crate::core::run::repeats::{Repeat, Rounds};
use crate::web::backends::serial::{SerialStop, WorkerBaseline};
use crate::web::platform::browser::js_error_text;

#[wasm_bindgen(module = "/src/web/backends/processes/process_worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = startProcess)]
    fn start_process(
        main_js: JsString,
        wasm: JsValue,
        name: &str,
        on_answer: &JsValue,
        on_failure: &JsValue,
    ) -> Promise;
    #[wasm_bindgen(js_name = sendTasks)]
    fn send_tasks(
        worker: &Worker,
        run: u32,
        index: u32,
        input: u32,
        count: u32,
        empty: bool,
        spare: Array,
    );
    #[wasm_bindgen(js_name = epochNow)]
    fn epoch_now() -> f64;
    #[wasm_bindgen(js_name = sleepMs)]
    fn sleep_ms(ms: f64) -> Promise;
}

thread_local! {
    /// In a process worker: the results not yet sent, back to back.
    static RESULT_BYTES: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Called in a process worker: appends `k!` as little-endian bytes to the
/// results not yet sent; returns where it ends.
#[wasm_bindgen]
pub fn playground_append_factorial(k: u32) -> u32 {
    RESULT_BYTES.with_borrow_mut(|bytes| {
        factorial_lab::append_factorial_bytes(u64::from(k), bytes);
        bytes.len() as u32
    })
}

/// Called in a process worker: how many bytes of results are not yet sent.
#[wasm_bindgen]
pub fn playground_results_len() -> u32 {
    RESULT_BYTES.with_borrow(|bytes| bytes.len() as u32)
}

/// Called in a process worker: copies the results not yet sent into
/// `target` (exactly their length), and forgets them.
#[wasm_bindgen]
pub fn playground_take_results(target: &Uint8Array) {
    RESULT_BYTES.with_borrow_mut(|bytes| {
        target.copy_from(bytes);
        bytes.clear();
    })
}

/// Why a run on processes stopped early.
pub enum Stop {
    Cancelled,
    Failed(Failure),
    /// Process `worker` held tasks and said nothing for `silent_ms` (the
    /// browser closed it, or it hangs): every process was ended.
    Lost {
        worker: usize,
        silent_ms: f64,
    },
}

/// What a process sent back.
enum Answer {
    /// Results of the tasks from `index` on: their bytes back to back, where
    /// each ends, and the start and end of each task on the epoch clock; the
    /// buffer they came in, to send back.
    Tasks {
        worker: usize,
        run: u32,
        index: usize,
        bytes: Vec<u8>,
        ends: Vec<u32>,
        times: Vec<f64>,
        buffer: Option<ArrayBuffer>,
    },
    Failed {
        worker: usize,
        message: String,
    },
    Cancelled,
}

/// A process's answer as it arrives: (run, index, buffer, length, ends, times).
type OnAnswer = dyn Fn(u32, u32, JsValue, u32, Uint32Array, Float64Array);

struct Process {
    worker: Worker,
    _on_answer: Closure<OnAnswer>,
    /// Answer buffers to hand back with the next message.
    spare: Vec<ArrayBuffer>,
    _on_failure: Closure<dyn Fn(String)>,
}

thread_local! {
    /// Started processes, kept between runs (the engine's reservoir, for processes).
    static PROCESSES: RefCell<Vec<Process>> = const { RefCell::new(Vec::new()) };
    /// Where answers go: the run in progress.
    static INBOX: RefCell<Option<UnboundedSender<Answer>>> = const { RefCell::new(None) };
    /// Numbers each run, so an answer from an abandoned run is never taken for this one's.
    static RUN_SEQUENCE: Cell<u32> = const { Cell::new(0) };
}

fn deliver(answer: Answer) {
    INBOX.with_borrow(|inbox| {
        if let Some(inbox) = inbox {
            let _ = inbox.unbounded_send(answer);
        }
    });
}

/// Ends every process (Cancel, or a process that failed: the others may be
/// mid-batch); the next run starts new ones.
pub fn terminate_all() {
    for process in PROCESSES.take() {
        process.worker.terminate();
    }
    deliver(Answer::Cancelled);
}

/// Ends the processes if no run is using them (the page stayed hidden long).
pub fn retire_idle() {
    if INBOX.with_borrow(Option::is_none) {
        terminate_all();
    }
}

/// Starts processes until there are `count`; returns how many it started.
async fn ensure(count: usize) -> Result<usize, Failure> {
    let have = PROCESSES.with_borrow(Vec::len);
    if have >= count {
        return Ok(0);
    }
    let (main_js, wasm) = crate::web::platform::browser::single_build();
    let starting: Vec<_> = (have..count)
        .map(|worker| {
            let on_answer = Closure::<OnAnswer>::new(
                move |run,
                      index,
                      buffer: JsValue,
                      length,
                      ends: Uint32Array,
                      times: Float64Array| {
                    let buffer = buffer.dyn_into::<ArrayBuffer>().ok();
                    let bytes = match &buffer {
                        Some(buffer) => {
                            Uint8Array::new_with_byte_offset_and_length(buffer, 0, length).to_vec()
                        }
                        None => Vec::new(),
                    };
                    let (ends, times) = (ends.to_vec(), times.to_vec());
                    deliver(Answer::Tasks {
                        worker,
                        run,
                        index: index as usize,
                        bytes,
                        ends,
                        times,
                        buffer,
                    })
                },
            );
            let on_failure = Closure::<dyn Fn(String)>::new(move |message| {
                deliver(Answer::Failed { worker, message })
            });
            let promise = start_process(
                main_js.clone(),
                wasm.clone(),
                &format!("process {worker}"),
                on_answer.as_ref(),
                on_failure.as_ref(),
            );
            async move {
                let worker = JsFuture::from(promise)
                    .await
                    .map_err(|err| js_error_text(&err))?;
                Ok::<_, String>(Process {
                    worker: worker.into(),
                    _on_answer: on_answer,
                    _on_failure: on_failure,
                    spare: Vec::new(),
                })
            }
        })
        .collect();
    let started = futures_util::future::join_all(starting).await;
    let wanted = count - have;
    let mut failure = None;
    PROCESSES.with_borrow_mut(|processes| {
        for outcome in started {
            match outcome {
                // Indices are positions: only a complete prefix joins.
                Ok(process) if failure.is_none() && processes.len() < count => {
                    processes.push(process)
                }
                Ok(process) => process.worker.terminate(),
                Err(message) => failure = Some(message),
            }
        }
    });
    match failure {
        None => Ok(wanted),
        Some(reason) => Err(Failure::ProcessesNotStarted { wanted, reason }),
    }
}

/// One timed pass of `mode` over `inputs` (consecutive numbers) on
/// processes 0..workers.
async fn run_once(
    mode: PoolMode,
    workers: usize,
    inputs: &[u32],
    chunk: usize,
    empty: bool,
    deadline_ms: f64,
) -> Result<ModeRun<FactorialSummary>, Stop> {
    let outcome = run_watched(mode, workers, inputs, chunk, empty, deadline_ms).await;
    if outcome.is_err() {
        INBOX.set(None);
    }
    outcome
}

async fn run_watched(
    mode: PoolMode,
    workers: usize,
    inputs: &[u32],
    chunk: usize,
    empty: bool,
    deadline_ms: f64,
) -> Result<ModeRun<FactorialSummary>, Stop> {
    let (inbox, mut answers) = unbounded();
    INBOX.set(Some(inbox));
    let run = RUN_SEQUENCE.get().wrapping_add(1);
    RUN_SEQUENCE.set(run);
    let mut pass = Pass {
        run,
        inputs,
        origin: epoch_now(),
        dispatcher: Dispatcher::new(mode, inputs.len(), workers, chunk)
            .with_task_costs(|index| factorial_lab::estimated_task_ms(u64::from(inputs[index]))),
        collector: Collector::new(inputs.len()),
        watchdog: Watchdog::new(workers, deadline_ms, epoch_now()),
    };
    let mut timer: Option<JsFuture> = None;
    while !pass.dispatcher.is_finished() {
        for message in pass.dispatcher.to_send() {
            let (index, count) = (message.tasks.start, message.tasks.len());
            let sent = PROCESSES.with_borrow_mut(|processes| {
                let process = processes.get_mut(message.worker)?;
                let spare = process.spare.drain(..).collect();
                send_tasks(
                    &process.worker,
                    run,
                    index as u32,
                    inputs[index],
                    count as u32,
                    empty,
                    spare,
                );
                Some(())
            });
            if sent.is_none() {
                return Err(Stop::Cancelled); // the processes were terminated
            }
            pass.watchdog.heard(message.worker, epoch_now());
        }
        // The next answer, or a look at who has gone silent: a worker the
        // browser closed sends nothing, not even an error. One timer until
        // it fires, not one per answer: the deadline only moves later, so a
        // timer set earlier fires early, never late.
        let pending = timer.get_or_insert_with(|| {
            let wait = pass.watchdog.next_check_ms(&pass.dispatcher, epoch_now()) + 20.0;
            JsFuture::from(sleep_ms(wait))
        });
        match futures_util::future::select(answers.next(), pending).await {
            futures_util::future::Either::Left((answer, _)) => pass.take(answer)?,
            futures_util::future::Either::Right(_) => {
                timer = None;
                if let Some((worker, silent_ms)) = pass.watchdog.lost(&pass.dispatcher, epoch_now())
                {
                    terminate_all();
                    return Err(Stop::Lost { worker, silent_ms });
                }
                continue;
            }
        }
        // Every answer that is already in, before sending more.
        while let Ok(answer) = answers.try_recv() {
            pass.take(Some(answer))?;
        }
    }
    INBOX.set(None);
    let elapsed_ms = epoch_now() - pass.origin;
    pass.collector
        .finish(elapsed_ms)
        .ok_or(Stop::Failed(Failure::AnswerLost))
}

/// A pass in progress: what was sent where, and what came back.
struct Pass<'a> {
    run: u32,
    inputs: &'a [u32],
    origin: f64,
    dispatcher: Dispatcher,
    collector: Collector<FactorialSummary>,
    watchdog: Watchdog,
}

impl Pass<'_> {
    fn take(&mut self, answer: Option<Answer>) -> Result<(), Stop> {
        match answer {
            Some(Answer::Tasks {
                worker,
                run,
                index,
                bytes,
                ends,
                times,
                buffer,
            }) if run == self.run => {
                if let Some(buffer) = buffer {
                    PROCESSES.with_borrow_mut(|processes| {
                        processes.get_mut(worker).map(|p| p.spare.push(buffer))
                    });
                }
                let count = ends.len();
                let fits = index + count <= self.inputs.len()
                    && times.len() == 2 * count
                    && ends.windows(2).all(|pair| pair[0] <= pair[1])
                    && ends.last().is_none_or(|&end| end as usize <= bytes.len());
                if !fits {
                    return Err(Stop::Failed(Failure::AnswerMisfit { worker }));
                }
                self.dispatcher.received(worker, count);
                self.watchdog.heard(worker, epoch_now());
                let mut start = 0;
                for (task, &end) in ends.iter().enumerate() {
                    // The caller checks what it received: the bytes of k!.
                    let summary = factorial_lab::summary_of_bytes(&bytes[start..end as usize]);
                    start = end as usize;
                    let trace = TaskTrace {
                        input: u64::from(self.inputs[index + task]),
                        worker,
                        start_ms: times[2 * task] - self.origin,
                        end_ms: times[2 * task + 1] - self.origin,
                    };
                    self.collector.put(index + task, summary, trace);
                }
                Ok(())
            }
            Some(Answer::Tasks { .. }) => Ok(()), // from an abandoned run
            Some(Answer::Failed { worker, message }) => {
                terminate_all();
                Err(Stop::Failed(Failure::ProcessFailed {
                    worker,
                    reason: message,
                }))
            }
            Some(Answer::Cancelled) | None => Err(Stop::Cancelled),
        }
    }
}

thread_local! {
    /// Pool size -> what its first, cold start cost on this page.
    static COLD_STARTS: RefCell<std::collections::HashMap<usize, f64>> = RefCell::new(Default::default());
}

/// Measures the runs `modes` on `workers` processes of one n, as
/// `factorial_lab::measure_pool_group` does on threads: pool start-up
/// (until every process has answered), a warm-up each, then rounds in
/// which serial (when due) and every run not yet stopped repeat once, then
/// each run's pass with empty tasks. A serial worker that fails is dropped
/// (`serial` becomes `None`, its reason goes to `serial_stopped` at once)
/// and the processes go on; a run that fails ends the group, naming its mode.
pub async fn measure_group(
    modes: &[PoolMode],
    workers: usize,
    n: u64,
    chunk: Option<usize>,
    repeat: Repeat,
    serial: &mut Option<WorkerBaseline>,
    serial_stopped: &dyn Fn(SerialStop),
) -> Result<Vec<(RunRecord, Vec<Failure>)>, (PoolMode, Stop)> {
    let first = modes.first().copied().unwrap_or(PoolMode::Map);
    let started = epoch_now();
    let spawned = ensure(workers)
        .await
        .map_err(|reason| (first, Stop::Failed(reason)))?;
    let ping: Vec<u32> = (0..workers as u32).collect();
    // Ready when every process has answered a message.
    let deadline_ms = silence_deadline_ms(slowest_factorial_task_ms(n));
    run_once(PoolMode::ApplyAsync, workers, &ping, 1, true, deadline_ms)
        .await
        .map_err(|stop| (first, stop))?;
    let startup_ms = epoch_now() - started;
    if spawned > 0 {
        COLD_STARTS.with_borrow_mut(|cold| {
            cold.entry(workers).or_insert(startup_ms);
        });
    }

    let inputs: Vec<u32> = (1..=n as u32).collect();
    let chunk = chunk.unwrap_or_else(|| default_chunk(inputs.len(), workers));
    let pass = |mode, empty| run_once(mode, workers, &inputs, chunk, empty, deadline_ms);
    if let Some(baseline) = serial.as_mut() {
        if let Err(stop) = baseline.warmed_up().await {
            *serial = None;
            serial_stopped(stop);
        }
    }
    let mut runs = Vec::with_capacity(modes.len());
    for &mode in modes {
        let warmup = pass(mode, false).await.map_err(|stop| (mode, stop))?;
        runs.push(Measurement::new(mode, workers, warmup));
    }
    let mut rounds = Rounds::new(modes.len(), repeat);
    loop {
        let round = rounds.next_round();
        if round.is_empty() {
            break;
        }
        if let Some(baseline) = serial.as_mut() {
            if let Err(stop) = baseline.round().await {
                *serial = None;
                serial_stopped(stop);
            }
        }
        for index in round {
            let mode = modes[index];
            let run = pass(mode, false).await.map_err(|stop| (mode, stop))?;
            runs[index].add_repeat(run);
            rounds.repeated(index, runs[index].times_ms());
        }
    }
    let mut records = Vec::with_capacity(modes.len());
    for (index, measurement) in runs.into_iter().enumerate() {
        let mode = modes[index];
        let empty = pass(mode, true).await.map_err(|stop| (mode, stop))?;
        let (mut record, errors) = measurement.finish(empty.elapsed_ms, rounds.stop_of(index));
        record.backend = Some(Backend::Processes);
        record.pool_startup_ms = Some(startup_ms);
        record.workers_spawned = Some(spawned);
        record.cold_pool_startup_ms = COLD_STARTS.with_borrow(|cold| cold.get(&workers).copied());
        records.push((record, errors));
    }
    Ok(records)
}
