//! The serial worker's side: measures the step each message asks for.

use std::cell::{Cell, RefCell};
use std::sync::Arc;

use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::messages::{FromSerial, SerialStep};
use crate::core::pool::clock::now_ms;
use crate::core::pool::modes::{run_mode, CancelFlag, PoolMode};
use crate::core::pool::process_pool::{ANSWER_AT_LEAST_EVERY_MS, SERIAL_BEAT_EVERY_TASKS};
use crate::core::run::factorial_lab::{self, Measurement};
use crate::web::backends::worker::{decode, post_to_page, Life};

thread_local! {
    /// Tasks since the pass began, and the last beat.
    static SINCE_BEAT: Cell<(u32, f64)> = const { Cell::new((0, 0.0)) };
    /// The measurement in progress and its tasks.
    static MEASURING: RefCell<Option<(Arc<[u64]>, Measurement)>> = const { RefCell::new(None) };
}

fn say(message: &FromSerial) {
    post_to_page(message, &Array::new());
}

/// The worker's entry: takes steps from here on.
pub fn worker_main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        // Up and starting the step: from here the page waits for beats.
        say(&FromSerial::Beat);
        let answer = decode::<SerialStep>(event.data())
            .map_err(|failure| failure.text(crate::core::i18n::Lang::En))
            .and_then(step);
        match answer {
            Ok(answer) => say(&answer),
            Err(message) => post_to_page(&Life::Failed { message }, &Array::new()),
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
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
            say(&FromSerial::Beat);
            beaten = now;
        }
    }
    SINCE_BEAT.set((tasks.wrapping_add(1), beaten));
    factorial_lab::factorial_task(k)
}

fn step(step: SerialStep) -> Result<FromSerial, String> {
    let cancelled = |_| "cancelled".to_string();
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
    let not_started = || "a serial step before its warm-up".to_string();
    match step {
        SerialStep::WarmUp { n } => {
            let inputs = factorial_lab::inputs(n);
            let measurement = Measurement::new(PoolMode::Serial, 1, pass(&inputs)?);
            MEASURING.set(Some((inputs, measurement)));
            Ok(FromSerial::WarmedUp)
        }
        SerialStep::Repeat => MEASURING.with_borrow_mut(|measuring| {
            let (inputs, measurement) = measuring.as_mut().ok_or_else(not_started)?;
            measurement.add_repeat(pass(inputs)?);
            Ok(FromSerial::Times {
                times_ms: measurement.times_ms().to_vec(),
            })
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
            Ok(FromSerial::Record {
                record: Box::new(record),
                errors,
            })
        }
    }
}
