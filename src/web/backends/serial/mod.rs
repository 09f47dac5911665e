//! Serial factorials off the UI thread without shared memory: a dedicated
//! worker runs its own instance of the app (the page's build on a plain
//! page, the processes' build as their baseline) and measures one step at
//! a time, so the page can interleave serial's repeats with the pool runs
//! it is the baseline of, and notices a dead worker at the step it missed.

mod in_worker;
mod messages;

pub use in_worker::worker_main;

use futures_channel::mpsc::{unbounded, UnboundedReceiver};
use futures_util::future::{select, Either};
use futures_util::StreamExt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use self::messages::{FromSerial, SerialStep};
use crate::core::pool::modes::Backend;
use crate::core::pool::process_pool::{serial_silence_ms, SERIAL_LOAD_MS};
use crate::core::results::schema::RunRecord;
use crate::core::run::failure::Failure;
use crate::core::run::repeats::{self, Baseline, Repeat, RepeatStop};
use crate::web::backends::worker::{self, decode, is_life, Life, Role};
use crate::web::platform::browser::{js_error_text, main_js_url, sleep_ms};

/// Why a serial run did not come back.
pub enum SerialStop {
    Failed(Failure),
    /// No answer to a step within the deadline (milliseconds): the worker was ended.
    Lost(f64),
}

/// What the page hears from its serial worker.
enum Heard {
    Message(JsValue),
    /// Its `error` event (the browser's words, maybe none).
    Crashed(String),
}

/// A serial worker, ended when dropped.
pub struct SerialWorker {
    /// Or why the browser would not start it (said at the first step).
    worker: Result<Worker, String>,
    heard: UnboundedReceiver<Heard>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
    /// The record's backend: `processes` for the processes' baseline.
    backend: Option<Backend>,
    n: u64,
}

impl SerialWorker {
    /// In this page's build: serial on a page without shared memory.
    pub fn in_page_build() -> Self {
        Self::start(main_js_url().into(), wasm_bindgen::module(), None)
    }

    /// In the build every process runs (on an isolated page, the threaded
    /// build's serial is slower, and a pool of one process would "beat"
    /// it; docs/benchmark.md); its records' backend is `processes`.
    pub fn in_process_build() -> Self {
        let (main_js, module) = crate::web::platform::browser::single_build();
        Self::start(main_js.into(), module, Some(Backend::Processes))
    }

    fn start(main_js: String, module: JsValue, backend: Option<Backend>) -> Self {
        let (hear, heard) = unbounded();
        let on_message = {
            let hear = hear.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                let _ = hear.unbounded_send(Heard::Message(event.data()));
            })
        };
        let on_error =
            Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
                let _ = hear.unbounded_send(Heard::Crashed(event.message()));
            });
        let worker = worker::start(
            Role::Serial,
            "serial factorials",
            &main_js,
            module,
            JsValue::UNDEFINED,
            None,
        );
        let worker = worker.map_err(|err| js_error_text(&err));
        if let Ok(worker) = &worker {
            worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        }
        SerialWorker {
            worker,
            heard,
            _on_message: on_message,
            _on_error: on_error,
            backend,
            n: 0,
        }
    }

    /// One step's answer. A worker that closed (no event) or hangs is ended
    /// when the deadline passes; each beat of a long pass gives it
    /// `serial_silence_ms` more; Cancel (`cancel`) ends it at once.
    async fn step(
        &mut self,
        step: &SerialStep,
        cancel: &mut Cancel,
    ) -> Result<FromSerial, SerialStop> {
        // A pass beats, or answers before a beat is due; the first step
        // also loads the build.
        let silence_ms = serial_silence_ms(self.n);
        let deadline_ms = match step {
            SerialStep::WarmUp { .. } => SERIAL_LOAD_MS + silence_ms,
            _ => silence_ms,
        };
        let failed = |reason: String| SerialStop::Failed(Failure::SerialFailed { reason });
        // Checked first: `cancel.aborted` is never polled once it fired.
        if cancel.signal.aborted() {
            return Err(failed("cancelled".into()));
        }
        let worker = self
            .worker
            .as_ref()
            .map_err(|reason| failed(reason.clone()))?;
        worker::post(worker, step, &js_sys::Array::new());
        let mut wait_ms = deadline_ms;
        loop {
            let silence = select(self.heard.next(), sleep_ms(wait_ms));
            let data = match select(silence, &mut cancel.aborted).await {
                Either::Right(_) => {
                    worker.terminate();
                    return Err(failed("cancelled".into()));
                }
                Either::Left((Either::Right(_), _)) => {
                    worker.terminate();
                    return Err(SerialStop::Lost(wait_ms));
                }
                Either::Left((Either::Left((heard, _)), _)) => heard,
            };
            let data = match data {
                Some(Heard::Message(data)) => data,
                Some(Heard::Crashed(reason)) => {
                    worker.terminate();
                    // No message: the page says the browser gave none, in its language.
                    return Err(failed(reason));
                }
                None => return Err(failed(String::new())),
            };
            if is_life(&data) {
                if let Ok(Life::Failed { message }) = decode::<Life>(data) {
                    return Err(failed(message));
                }
                continue;
            }
            match decode::<FromSerial>(data).map_err(SerialStop::Failed)? {
                FromSerial::Beat => wait_ms = silence_ms,
                answer => return Ok(answer),
            }
        }
    }

    async fn warm_up(&mut self, n: u64, cancel: &mut Cancel) -> Result<(), SerialStop> {
        self.n = n;
        self.step(&SerialStep::WarmUp { n }, cancel).await?;
        Ok(())
    }

    /// Every counted time so far, after one more pass.
    async fn repeat(&mut self, cancel: &mut Cancel) -> Result<Vec<f64>, SerialStop> {
        match self.step(&SerialStep::Repeat, cancel).await? {
            FromSerial::Times { times_ms } => Ok(times_ms),
            _ => Err(out_of_turn()),
        }
    }

    async fn finish(
        &mut self,
        stop: RepeatStop,
        cancel: &mut Cancel,
    ) -> Result<(RunRecord, Vec<Failure>), SerialStop> {
        match self.step(&SerialStep::Finish { stop }, cancel).await? {
            FromSerial::Record { mut record, errors } => {
                record.backend = self.backend;
                Ok((*record, errors))
            }
            _ => Err(out_of_turn()),
        }
    }
}

/// An answer that is not the one its step asks for.
fn out_of_turn() -> SerialStop {
    SerialStop::Failed(Failure::Garbled {
        reason: "an answer out of turn".into(),
    })
}

/// A run's Cancel, as its serial worker's steps see it: one `abort`
/// listener for the whole run, not one per step.
struct Cancel {
    signal: web_sys::AbortSignal,
    /// Resolves when `signal` aborts.
    aborted: wasm_bindgen_futures::JsFuture,
}

impl Cancel {
    fn new(signal: &web_sys::AbortSignal) -> Self {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let once = web_sys::AddEventListenerOptions::new();
            once.set_once(true);
            let _ = signal.add_event_listener_with_callback_and_add_event_listener_options(
                "abort", &resolve, &once,
            );
        });
        Cancel {
            signal: signal.clone(),
            aborted: wasm_bindgen_futures::JsFuture::from(promise),
        }
    }
}

impl Drop for SerialWorker {
    fn drop(&mut self) {
        if let Ok(worker) = &self.worker {
            worker.terminate();
        }
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
    cancel: Cancel,
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
            cancel: Cancel::new(signal),
        }
    }

    /// The warm-up, once (before the pool runs' warm-ups, as on threads).
    pub async fn warmed_up(&mut self) -> Result<usize, SerialStop> {
        if self.times_ms.is_none() {
            self.worker.warm_up(self.n, &mut self.cancel).await?;
            self.times_ms = Some(Vec::new());
        }
        Ok(self.times_ms.as_ref().map_or(0, Vec::len))
    }

    /// One round's repeat, when it is due.
    pub async fn round(&mut self) -> Result<(), SerialStop> {
        let count = self.warmed_up().await?;
        if self.schedule.due(count) {
            self.times_ms = Some(self.worker.repeat(&mut self.cancel).await?);
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
                let times = self.worker.repeat(&mut self.cancel).await?;
                if let Some(stop) = repeats::stop(repeat, &times) {
                    break stop;
                }
            }
        } else {
            self.schedule
                .stop_of(self.times_ms.as_deref().unwrap_or_default())
        };
        self.worker.finish(stop, &mut self.cancel).await
    }
}
