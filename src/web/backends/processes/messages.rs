//! What the page and a process say to each other (after `worker::Life`'s
//! `ready`), in the one convention of `web::backends::worker`.

use js_sys::{Array, Float64Array, Uint32Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// The page to a process.
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", content = "body", rename_all = "snake_case")]
pub enum ToProcess {
    /// Tasks `index..index + count` of pass `run`, whose inputs are
    /// `input..input + count` (`empty`: tasks that do nothing), and answer
    /// buffers handed back for reuse (`spare`, transferred).
    Tasks {
        run: u32,
        index: u32,
        input: u32,
        count: u32,
        empty: bool,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        spare: Array,
    },
}

/// A process to the page.
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", content = "body", rename_all = "snake_case")]
pub enum FromProcess {
    /// The results of tasks `index..` of pass `run`: `length` bytes of k!s
    /// at the start of `buffer` (an `ArrayBuffer`, transferred; `null` for
    /// empty tasks), where each task's bytes end (`ends`), and each task's
    /// start and end on the shared clock (`times`).
    Answer {
        run: u32,
        index: u32,
        length: u32,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        buffer: JsValue,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        ends: Uint32Array,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        times: Float64Array,
    },
}
