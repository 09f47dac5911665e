//! The `processes` backend on the page: k dedicated web workers, each with
//! its own instance of the build without shared memory, that share nothing.
//! Inputs go out as messages; each result comes back as the bytes of k!,
//! which the page checks itself. Works on every page, isolated or not.
//!
//! Each pass is `core::pool::process_loop::run_pass`, the loop the native
//! tests run over OS threads: scheduling, the watchdog, stale and partial
//! answers, buffer reuse and the checks are there. Here are the workers (a
//! reservoir kept between runs), the wire (`PageWire`: post a batch to
//! process i, receive answers, end them all) and Cancel, which terminates
//! the workers as Python's `pool.terminate()` does. A process's own side
//! is `in_worker`; what the two say, `messages`.

mod in_worker;
mod messages;

pub use in_worker::worker_main;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use futures_channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures_channel::oneshot;
use futures_util::future::Either;
use futures_util::StreamExt;
use js_sys::{Array, ArrayBuffer, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use self::messages::{FromProcess, ToProcess};
use crate::core::pool::clock::now_ms;
use crate::core::pool::modes::{default_chunk, Backend, ModeRun, PoolMode};
use crate::core::pool::process_loop::{run_pass, Answer, Event, PassSpec, Post, Transport};
use crate::core::pool::process_pool::{silence_deadline_ms, slowest_factorial_task_ms};
use crate::core::results::schema::RunRecord;
use crate::core::run::factorial_lab::{FactorialSummary, Factorials, GroupStep, PoolGroup};
use crate::core::run::failure::Failure;
use crate::core::run::repeats::Repeat;
use crate::web::backends::serial::{SerialStop, WorkerBaseline};
use crate::web::backends::worker::{self, decode, is_life, Life, Role};
use crate::web::platform::browser::{js_error_text, sleep_ms};

/// Why a run on processes stopped early.
pub use crate::core::pool::process_loop::Stop;

/// What reaches a pass from its processes.
type ProcessEvent = Event<ArrayBuffer>;

struct Process {
    worker: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
    /// Answer buffers to hand back with the next message.
    spare: Vec<ArrayBuffer>,
}

thread_local! {
    /// Started processes, kept between runs (the engine's reservoir, for processes).
    static PROCESSES: RefCell<Vec<Process>> = const { RefCell::new(Vec::new()) };
    /// Where answers go: the run in progress.
    static INBOX: RefCell<Option<UnboundedSender<ProcessEvent>>> = const { RefCell::new(None) };
    /// Numbers each run, so an answer from an abandoned run is never taken for this one's.
    static RUN_SEQUENCE: Cell<u32> = const { Cell::new(0) };
    /// The build without shared memory, compiled once per page and posted to
    /// every process (a `WebAssembly.Module` can be posted; its bytes are
    /// not fetched again).
    static COMPILED: RefCell<HashMap<String, Promise>> = RefCell::new(HashMap::new());
}

fn deliver(event: ProcessEvent) {
    INBOX.with_borrow(|inbox| {
        if let Some(inbox) = inbox {
            let _ = inbox.unbounded_send(event);
        }
    });
}

/// Ends every process (Cancel, or a process that failed: the others may be
/// mid-batch); the next run starts new ones.
pub fn terminate_all() {
    for process in PROCESSES.take() {
        process.worker.terminate();
    }
    deliver(Event::Closed);
}

/// Ends the processes if no run is using them (the page stayed hidden long).
pub fn retire_idle() {
    if INBOX.with_borrow(Option::is_none) {
        terminate_all();
    }
}

/// `wasm` (a URL, or a module already compiled) as a compiled module.
async fn compiled(wasm: JsValue) -> Result<JsValue, JsValue> {
    let Some(url) = wasm.as_string() else {
        return Ok(wasm);
    };
    let promise = COMPILED.with_borrow_mut(|compiled| {
        compiled
            .entry(url.clone())
            .or_insert_with(|| {
                let url = url.clone();
                wasm_bindgen_futures::future_to_promise(async move {
                    let window = web_sys::window().ok_or("no window")?;
                    let streamed =
                        js_sys::WebAssembly::compile_streaming(&window.fetch_with_str(&url));
                    match JsFuture::from(streamed).await {
                        Ok(module) => Ok(module),
                        // A server that sends no application/wasm type costs a second fetch.
                        Err(_) => {
                            let response: web_sys::Response =
                                JsFuture::from(window.fetch_with_str(&url)).await?.into();
                            let bytes = JsFuture::from(response.array_buffer()?).await?;
                            JsFuture::from(js_sys::WebAssembly::compile(&bytes)).await
                        }
                    }
                })
            })
            .clone()
    });
    let module = JsFuture::from(promise).await;
    if module.is_err() {
        COMPILED.with_borrow_mut(|compiled| compiled.remove(&url));
    }
    module
}

/// Starts process `index`; resolves once its build is up. Its answers go
/// to the pass in progress (`deliver`).
async fn start_process(index: usize, main_js: String, wasm: JsValue) -> Result<Process, String> {
    let module = compiled(wasm).await.map_err(|err| js_error_text(&err))?;
    let (up, is_up) = oneshot::channel::<Result<(), String>>();
    let up = RefCell::new(Some(up));
    // Until it is up, a failure is the start's; after, the pass's.
    let settle = std::rc::Rc::new(move |outcome: Result<(), String>| {
        match (up.borrow_mut().take(), outcome) {
            (Some(up), outcome) => _ = up.send(outcome),
            (None, Err(message)) => deliver(Event::Failed {
                worker: index,
                message,
            }),
            (None, Ok(())) => {}
        }
    });
    let on_message = {
        let settle = settle.clone();
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if is_life(&data) {
                match decode::<Life>(data) {
                    Ok(Life::Ready) => settle(Ok(())),
                    Ok(Life::Failed { message }) => settle(Err(message)),
                    _ => {}
                }
                return;
            }
            match decode::<FromProcess>(data) {
                Ok(FromProcess::Answer {
                    run,
                    index: first,
                    length,
                    buffer,
                    ends,
                    times,
                }) => {
                    let buffer = buffer.dyn_into::<ArrayBuffer>().ok();
                    let bytes = match &buffer {
                        Some(buffer) => {
                            Uint8Array::new_with_byte_offset_and_length(buffer, 0, length).to_vec()
                        }
                        None => Vec::new(),
                    };
                    deliver(Event::Answer(Answer {
                        worker: index,
                        run,
                        index: first as usize,
                        bytes,
                        ends: ends.to_vec(),
                        times: times.to_vec(),
                        buffer,
                    }))
                }
                Err(failure) => settle(Err(failure.text(crate::core::i18n::Lang::En))),
            }
        })
    };
    let on_error =
        Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            // No message: the page says the browser gave none, in its language.
            settle(Err(event.message()))
        });
    let (main_js, name) = (main_js, format!("process {index}"));
    let worker = worker::start(
        Role::Process,
        &name,
        &main_js,
        module,
        JsValue::UNDEFINED,
        None,
    )
    .map_err(|err| js_error_text(&err))?;
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let process = Process {
        worker,
        _on_message: on_message,
        _on_error: on_error,
        spare: Vec::new(),
    };
    match is_up.await {
        Ok(Ok(())) => Ok(process),
        Ok(Err(message)) => {
            process.worker.terminate();
            Err(message)
        }
        Err(_) => Err(String::new()),
    }
}

/// Starts processes until there are `count`; returns how many it started.
async fn ensure(count: usize) -> Result<usize, Failure> {
    let have = PROCESSES.with_borrow(Vec::len);
    if have >= count {
        return Ok(0);
    }
    let (main_js, wasm) = crate::web::platform::browser::single_build();
    let main_js = String::from(main_js);
    let starting: Vec<_> = (have..count)
        .map(|index| start_process(index, main_js.clone(), wasm.clone()))
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

/// One timed pass of `mode` over `inputs` on processes 0..workers.
async fn run_once(
    mode: PoolMode,
    workers: usize,
    inputs: std::ops::Range<u32>,
    chunk: usize,
    empty: bool,
    deadline_ms: f64,
) -> Result<ModeRun<FactorialSummary>, Stop> {
    let (inbox, events) = unbounded();
    INBOX.set(Some(inbox));
    let run = RUN_SEQUENCE.get().wrapping_add(1);
    RUN_SEQUENCE.set(run);
    let spec = PassSpec {
        run,
        mode,
        workers,
        inputs,
        chunk,
        empty,
        deadline_ms,
    };
    let mut wire = PageWire {
        events,
        timer: None,
    };
    let outcome = run_pass::<Factorials, _>(&mut wire, spec).await;
    INBOX.set(None);
    outcome
}

/// The page's processes as a pass's transport: web workers, `postMessage`,
/// and the answers of the pass under way.
struct PageWire {
    events: UnboundedReceiver<ProcessEvent>,
    /// One timer until it fires, not one per answer: the deadline only
    /// moves later, so a timer set earlier fires early, never late.
    timer: Option<JsFuture>,
}

impl Transport for PageWire {
    type Buffer = ArrayBuffer;

    fn now_ms(&self) -> f64 {
        now_ms()
    }

    fn post(&mut self, post: Post<ArrayBuffer>) -> bool {
        PROCESSES.with_borrow(|processes| {
            let Some(process) = processes.get(post.worker) else {
                return false; // the processes were terminated
            };
            let spare: Array = post.spare.into_iter().collect();
            worker::post(
                &process.worker,
                &ToProcess::Tasks {
                    run: post.run,
                    index: post.index as u32,
                    input: post.input,
                    count: post.count as u32,
                    empty: post.empty,
                    spare: spare.clone(),
                },
                &spare,
            );
            true
        })
    }

    async fn next_event(&mut self, wait_ms: f64) -> Option<ProcessEvent> {
        let pending = self.timer.get_or_insert_with(|| sleep_ms(wait_ms));
        match futures_util::future::select(self.events.next(), pending).await {
            Either::Left((event, _)) => Some(event.unwrap_or(Event::Closed)),
            Either::Right(_) => {
                self.timer = None;
                None
            }
        }
    }

    fn event_in(&mut self) -> Option<ProcessEvent> {
        self.events.try_recv().ok()
    }

    fn end_processes(&mut self) {
        terminate_all();
    }

    fn take_spares(&mut self, workers: usize) -> Vec<Vec<ArrayBuffer>> {
        PROCESSES.with_borrow_mut(|processes| {
            processes
                .iter_mut()
                .take(workers)
                .map(|process| std::mem::take(&mut process.spare))
                .collect()
        })
    }

    fn keep_spares(&mut self, spares: Vec<Vec<ArrayBuffer>>) {
        // None are kept if the processes were ended.
        PROCESSES.with_borrow_mut(|processes| {
            for (process, spare) in processes.iter_mut().zip(spares) {
                process.spare.extend(spare);
            }
        });
    }
}

thread_local! {
    /// Pool size -> what its first, cold start cost on this page.
    static COLD_STARTS: RefCell<std::collections::HashMap<usize, f64>> = RefCell::new(Default::default());
}

/// Measures the runs `modes` on `workers` processes of one n: pool
/// start-up (until every process has answered), then the rounds of
/// `factorial_lab::PoolGroup`, as on threads (a warm-up each, then rounds
/// in which serial (when due) and every run not yet stopped repeat once,
/// then each run's pass with empty tasks). A serial worker that fails is dropped
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
    let started = now_ms();
    let spawned = ensure(workers)
        .await
        .map_err(|reason| (first, Stop::Failed(reason)))?;
    // Ready when every process has answered a message.
    let deadline_ms = silence_deadline_ms(slowest_factorial_task_ms(n));
    run_once(
        PoolMode::ApplyAsync,
        workers,
        0..workers as u32,
        1,
        true,
        deadline_ms,
    )
    .await
    .map_err(|stop| (first, stop))?;
    let startup_ms = now_ms() - started;
    if spawned > 0 {
        COLD_STARTS.with_borrow_mut(|cold| {
            cold.entry(workers).or_insert(startup_ms);
        });
    }

    let inputs = 1..n as u32 + 1;
    let chunk = chunk.unwrap_or_else(|| default_chunk(inputs.len(), workers));
    let pass = |mode, empty| run_once(mode, workers, inputs.clone(), chunk, empty, deadline_ms);
    // Serial's warm-up first, before the pool runs' warm-ups (on threads,
    // `SerialBaseline` warms up in its first round, after them).
    if let Some(baseline) = serial.as_mut() {
        if let Err(stop) = baseline.warmed_up().await {
            *serial = None;
            serial_stopped(stop);
        }
    }
    let mut group = PoolGroup::new(modes, workers, repeat);
    let mut records = loop {
        match group.next_step() {
            GroupStep::Pass(mode) => {
                group.passed(pass(mode, false).await.map_err(|stop| (mode, stop))?);
            }
            GroupStep::SerialRound => {
                if let Some(baseline) = serial.as_mut() {
                    if let Err(stop) = baseline.round().await {
                        *serial = None;
                        serial_stopped(stop);
                    }
                }
            }
            GroupStep::EmptyPass(mode) => {
                let empty = pass(mode, true).await.map_err(|stop| (mode, stop))?;
                group.dispatched(empty.elapsed_ms);
            }
            GroupStep::Done(records) => break records,
        }
    };
    for (record, _) in &mut records {
        record.backend = Some(Backend::Processes);
        record.pool_startup_ms = Some(startup_ms);
        record.workers_spawned = Some(spawned);
        record.cold_pool_startup_ms = COLD_STARTS.with_borrow(|cold| cold.get(&workers).copied());
    }
    Ok(records)
}
