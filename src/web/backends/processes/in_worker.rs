//! A process's side: it shares nothing with the page. A run of inputs
//! arrives as a message, and the results leave as the bytes of each k!,
//! packed in a transferred `ArrayBuffer` (as multiprocessing pickles
//! results). The scheduling is the page's (core::pool::process_loop).

use std::cell::RefCell;

use js_sys::{Array, ArrayBuffer, Float64Array, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use super::messages::{FromProcess, ToProcess};
use crate::core::pool::process_side::{serve_tasks, ANSWER_BYTES};
use crate::core::run::factorial_lab;
use crate::web::backends::worker::{decode, post_to_page, Life};

thread_local! {
    /// The results not yet sent, back to back.
    static RESULT_BYTES: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// Answer buffers the page handed back: a fresh one costs more
    /// (allocated and zeroed) than the copy into it.
    static SPARE: RefCell<Vec<ArrayBuffer>> = const { RefCell::new(Vec::new()) };
}

/// The process's entry: takes tasks from here on.
pub fn worker_main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(|event: MessageEvent| {
        // A message that is not tasks is the page's mistake; the page's
        // watchdog notices the silence.
        if let Ok(ToProcess::Tasks {
            run,
            index,
            input,
            count,
            empty,
            spare,
        }) = decode(event.data())
        {
            SPARE.with_borrow_mut(|kept| kept.extend(spare.iter().map(JsCast::unchecked_into)));
            serve(run, index, input, count, empty);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    post_to_page(&Life::Ready, &Array::new());
}

/// `core::pool::process_side::serve_tasks` over this worker's memory.
fn serve(run: u32, index: u32, input: u32, count: u32, empty: bool) {
    let task = |i: usize| {
        Some(if empty {
            0
        } else {
            RESULT_BYTES.with_borrow_mut(|bytes| {
                factorial_lab::append_factorial_bytes(u64::from(input) + i as u64, bytes);
                bytes.len()
            })
        })
    };
    serve_tasks(count as usize, ANSWER_BYTES, task, |from, ends, times| {
        answer(run, index + from as u32, ends, times)
    });
}

/// Sends the results so far, copied into a spare buffer when one fits.
fn answer(run: u32, index: u32, ends: &[u32], times: &[f64]) {
    let buffer = RESULT_BYTES.with_borrow_mut(|bytes| {
        if bytes.is_empty() {
            return None;
        }
        let fitting = SPARE.with_borrow_mut(|spare| {
            let fits = spare
                .iter()
                .position(|b| b.byte_length() as usize >= bytes.len())?;
            Some(spare.swap_remove(fits))
        });
        let buffer =
            fitting.unwrap_or_else(|| ArrayBuffer::new(bytes.len().max(ANSWER_BYTES) as u32));
        Uint8Array::new_with_byte_offset_and_length(&buffer, 0, bytes.len() as u32)
            .copy_from(bytes);
        let length = bytes.len() as u32;
        bytes.clear();
        Some((buffer, length))
    });
    let (buffer, length, transfer) = match buffer {
        Some((buffer, length)) => (JsValue::from(&buffer), length, Array::of1(&buffer)),
        None => (JsValue::NULL, 0, Array::new()),
    };
    let message = FromProcess::Answer {
        run,
        index,
        length,
        buffer,
        ends: Uint32Array::from(ends),
        times: Float64Array::from(times),
    };
    post_to_page(&message, &transfer);
}
