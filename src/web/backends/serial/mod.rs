//! Serial factorials off the UI thread without shared memory: a dedicated
//! worker runs its own instance of the app (the page's build on a plain
//! page, the processes' build as their baseline) and measures one step at
//! a time, so the page can interleave serial's repeats with the pool runs
//! it is the baseline of, and notices a dead worker at the step it missed.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use js_sys::JsString;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::pool::clock::now_ms;
use crate::core::pool::modes::{run_mode, Backend, CancelFlag, PoolMode};
use crate::core::pool::process_pool::{
    serial_silence_ms, ANSWER_AT_LEAST_EVERY_MS, SERIAL_BEAT_EVERY_TASKS, SERIAL_LOAD_MS,
};
use crate::core::results::schema::RunRecord;
use crate::core::run::factorial_lab::{self, Measurement};
use crate::core::run::failure::Failure;
use crate::core::run::repeats::{self, Baseline, Repeat, RepeatStop};
use crate::web::platform::browser::{js_error_text, main_js_url};

#[wasm_bindgen(module = "/src/web/backends/serial/serial_worker.js")]
extern "C" {
    type JsSerialWorker;

    #[wasm_bindgen(constructor, js_class = "SerialWorker")]
    fn new(main_js: JsString, module: JsValue) -> JsSerialWorker;

    #[wasm_bindgen(method, js_class = "SerialWorker")]
    fn step(
        this: &JsSerialWorker,
        request: &str,
        signal: &web_sys::AbortSignal,
        deadline_ms: f64,
        silence_ms: f64,
    ) -> js_sys::Promise;

    #[wasm_bindgen(method, js_class = "SerialWorker")]
    fn terminate(this: &JsSerialWorker);
}

#[wasm_bindgen(inline_js = "export function beat() { postMessage({ beat: true }); }")]
extern "C" {
    /// Inside the worker: tells the page it is alive, mid-pass.
    fn beat();
}

thread_local! {
    /// Inside the worker: tasks since the pass began, and the last beat.
    static SINCE_BEAT: Cell<(u32, f64)> = const { Cell::new((0, 0.0)) };
}

/// `factorial_task`, beating at least once a second
/// (`ANSWER_AT_LEAST_EVERY_MS`, as the processes answer) while a pass
/// goes on, so the page tells a long pass from a dead worker.
fn beating_factorial_task(k: u64) -> factorial_lab::FactorialSummary {
    let (tasks, last) = SINCE_BEAT.get();
    let mut beaten = last;
    if tasks.is_multiple_of(SERIAL_BEAT_EVERY_TASKS) {
        let now = now_ms();
        if now - last >= ANSWER_AT_LEAST_EVERY_MS {
            beat();
            beaten = now;
        }
    }
    SINCE_BEAT.set((tasks.wrapping_add(1), beaten));
    factorial_lab::factorial_task(k)
}

/// What the page asks the worker, one message each.
#[derive(Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
enum SerialStep {
    /// Starts measuring `factorial(1..=n)`: the warm-up sets the check.
    WarmUp { n: u64 },
    /// One counted pass; answers every counted time so far.
    Repeat,
    /// The pass with empty tasks, then the record.
    Finish { stop: RepeatStop },
}

#[derive(Serialize, Deserialize)]
struct SerialAnswer {
    record: RunRecord,
    errors: Vec<Failure>,
}

thread_local! {
    /// Inside the worker: the measurement in progress and its tasks.
    static MEASURING: RefCell<Option<(Arc<[u64]>, Measurement)>> = const { RefCell::new(None) };
}

/// Called inside the worker (see serial_worker.js).
#[wasm_bindgen]
pub fn playground_serial_step(request: String) -> Result<String, JsError> {
    let cancelled = |_| JsError::new("cancelled");
    let pass = |inputs: &Arc<[u64]>| {
        SINCE_BEAT.set((0, now_ms()));
        run_mode(
            PoolMode::Serial,
            None,
            inputs,
            1,
            beating_factorial_task,
            &CancelFlag::default(),
        )
        .map_err(cancelled)
    };
    let not_started = || JsError::new("a serial step before its warm-up");
    match serde_json::from_str(&request)? {
        SerialStep::WarmUp { n } => {
            let inputs = factorial_lab::inputs(n);
            let measurement = Measurement::new(PoolMode::Serial, 1, pass(&inputs)?);
            MEASURING.set(Some((inputs, measurement)));
            Ok("[]".to_string())
        }
        SerialStep::Repeat => MEASURING.with_borrow_mut(|measuring| {
            let (inputs, measurement) = measuring.as_mut().ok_or_else(not_started)?;
            measurement.add_repeat(pass(inputs)?);
            Ok(serde_json::to_string(measurement.times_ms())?)
        }),
        SerialStep::Finish { stop } => {
            let (inputs, measurement) = MEASURING.take().ok_or_else(not_started)?;
            let empty = run_mode(
                PoolMode::Serial,
                None,
                &inputs,
                1,
                std::convert::identity,
                &CancelFlag::default(),
            )
            .map_err(cancelled)?;
            let (record, errors) = measurement.finish(empty.elapsed_ms, stop);
            Ok(serde_json::to_string(&SerialAnswer { record, errors })?)
        }
    }
}

/// Why a serial run did not come back.
pub enum SerialStop {
    Failed(Failure),
    /// No answer to a step within the deadline (milliseconds): the worker was ended.
    Lost(f64),
}

/// A message to or from the worker that could not be written or read.
fn garbled(err: serde_json::Error) -> SerialStop {
    SerialStop::Failed(Failure::Garbled {
        reason: err.to_string(),
    })
}

/// What serial_worker.js rejects with when the deadline passes.
const DEADLINE_PASSED: &str = "deadline passed";

/// A serial worker, ended when dropped.
pub struct SerialWorker {
    js: JsSerialWorker,
    /// The record's backend: `processes` for the processes' baseline.
    backend: Option<Backend>,
    n: u64,
}

impl SerialWorker {
    /// In this page's build: serial on a page without shared memory.
    pub fn in_page_build() -> Self {
        SerialWorker {
            js: JsSerialWorker::new(main_js_url(), wasm_bindgen::module()),
            backend: None,
            n: 0,
        }
    }

    /// In the build every process runs (on an isolated page, the threaded
    /// build's serial is a few % slower, and a pool of one process would
    /// "beat" it); its records' backend is `processes`.
    pub fn in_process_build() -> Self {
        let (main_js, module) = crate::web::platform::browser::single_build();
        SerialWorker {
            js: JsSerialWorker::new(main_js, module),
            backend: Some(Backend::Processes),
            n: 0,
        }
    }

    async fn step(
        &self,
        step: &SerialStep,
        signal: &web_sys::AbortSignal,
    ) -> Result<String, SerialStop> {
        let request = serde_json::to_string(step).map_err(garbled)?;
        // A pass beats, or answers before a beat is due; the first step
        // also loads the build.
        let silence_ms = serial_silence_ms(self.n);
        let deadline_ms = match step {
            SerialStep::WarmUp { .. } => SERIAL_LOAD_MS + silence_ms,
            _ => silence_ms,
        };
        let answer = JsFuture::from(self.js.step(&request, signal, deadline_ms, silence_ms))
            .await
            .map_err(|err| match js_error_text(&err) {
                text if text == DEADLINE_PASSED => SerialStop::Lost(deadline_ms),
                reason => SerialStop::Failed(Failure::SerialFailed { reason }),
            })?;
        Ok(answer.as_string().unwrap_or_default())
    }

    async fn warm_up(&mut self, n: u64, signal: &web_sys::AbortSignal) -> Result<(), SerialStop> {
        self.n = n;
        self.step(&SerialStep::WarmUp { n }, signal).await?;
        Ok(())
    }

    /// Every counted time so far, after one more pass.
    async fn repeat(&self, signal: &web_sys::AbortSignal) -> Result<Vec<f64>, SerialStop> {
        let answer = self.step(&SerialStep::Repeat, signal).await?;
        serde_json::from_str(&answer).map_err(garbled)
    }

    async fn finish(
        &self,
        stop: RepeatStop,
        signal: &web_sys::AbortSignal,
    ) -> Result<(RunRecord, Vec<Failure>), SerialStop> {
        let answer = self.step(&SerialStep::Finish { stop }, signal).await?;
        let answer: SerialAnswer = serde_json::from_str(&answer).map_err(garbled)?;
        let mut record = answer.record;
        record.backend = self.backend;
        Ok((record, answer.errors))
    }
}

impl Drop for SerialWorker {
    fn drop(&mut self) {
        self.js.terminate();
    }
}

/// Serial for one n in a worker, repeated among the pool runs it is the
/// baseline of (as `factorial_lab::SerialBaseline` does on threads): the
/// warm-up with the first round, a repeat in each round it is due.
pub struct WorkerBaseline {
    worker: SerialWorker,
    n: u64,
    schedule: Baseline,
    /// Counted times; `None` before the warm-up.
    times_ms: Option<Vec<f64>>,
    /// Cancel: ends the worker mid-step.
    signal: web_sys::AbortSignal,
}

impl WorkerBaseline {
    /// `groups` is how many pools (worker counts) it repeats among.
    pub fn new(
        worker: SerialWorker,
        n: u64,
        repeat: Repeat,
        groups: usize,
        signal: &web_sys::AbortSignal,
    ) -> Self {
        WorkerBaseline {
            worker,
            n,
            schedule: Baseline::new(repeat, groups),
            times_ms: None,
            signal: signal.clone(),
        }
    }

    /// The warm-up, once (before the pool runs' warm-ups, as on threads).
    pub async fn warmed_up(&mut self) -> Result<usize, SerialStop> {
        if self.times_ms.is_none() {
            self.worker.warm_up(self.n, &self.signal).await?;
            self.times_ms = Some(Vec::new());
        }
        Ok(self.times_ms.as_ref().map_or(0, Vec::len))
    }

    /// One round's repeat, when it is due.
    pub async fn round(&mut self) -> Result<(), SerialStop> {
        let count = self.warmed_up().await?;
        if self.schedule.due(count) {
            self.times_ms = Some(self.worker.repeat(&self.signal).await?);
        }
        Ok(())
    }

    /// The serial record; alone (no round ran) or short of the rule's
    /// minimum (a pool that could not start), serial repeats by itself
    /// until `repeat` stops it.
    pub async fn finish(mut self, repeat: Repeat) -> Result<(RunRecord, Vec<Failure>), SerialStop> {
        let alone = self.times_ms.is_none();
        let count = self.warmed_up().await?;
        let stop = if alone || count < repeat.count() as usize {
            loop {
                let times = self.worker.repeat(&self.signal).await?;
                if let Some(stop) = repeats::stop(repeat, &times) {
                    break stop;
                }
            }
        } else {
            self.schedule
                .stop_of(self.times_ms.as_deref().unwrap_or_default())
        };
        self.worker.finish(stop, &self.signal).await
    }
}
