//! How the page starts a worker and how the two talk, for every backend.
//! One script (`worker.js`, beside each build's JS) runs every role; every
//! message is a serde type with a `type` tag, crossing as a structured-cloned
//! object (`serde_wasm_bindgen`), so no message is written by hand in JS
//! (`worker.js` writes two of `Life`'s, before any build runs).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, Worker, WorkerOptions, WorkerType};

use crate::core::run::failure::Failure;
pub use crate::core::run::worker_life::{Life, Role};

/// What the page tells a worker before the role's own messages.
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", content = "body", rename_all = "snake_case")]
pub enum Start {
    /// Load the build (`main_js` and its compiled `module`; `memory` to join
    /// the page's shared memory) and take up `role`.
    Init {
        role: Role,
        main_js: String,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        module: JsValue,
        #[serde(with = "serde_wasm_bindgen::preserve")]
        memory: JsValue,
    },
    /// The page's loader, to the early driver: start importing `main_js`
    /// (the `init` that follows names it again).
    Preload { main_js: String },
}

/// The one encoding of every message: JSON's data model as JS objects.
fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::json_compatible()
}

/// `message` as the object that crosses.
pub fn encode(message: &impl Serialize) -> JsValue {
    message
        .serialize(&serializer())
        .expect("every message serialises")
}

/// A message of type `T`, or why it is not one.
pub fn decode<T: DeserializeOwned>(data: JsValue) -> Result<T, Failure> {
    serde_wasm_bindgen::from_value(data).map_err(|err| Failure::Garbled {
        reason: err.to_string(),
    })
}

/// The `type` of a message, to tell a worker's `Life` from its role's messages.
pub fn kind_of(data: &JsValue) -> Option<String> {
    js_sys::Reflect::get(data, &"type".into()).ok()?.as_string()
}

/// Whether `data` is one of `Life`'s messages.
pub fn is_life(data: &JsValue) -> bool {
    kind_of(data).is_some_and(|kind| Life::KINDS.contains(&kind.as_str()))
}

/// Sends `message` to `worker`, moving `transfer` (buffers) with it.
pub fn post(worker: &Worker, message: &impl Serialize, transfer: &js_sys::Array) {
    let _ = worker.post_message_with_transfer(&encode(message), transfer);
}

/// Inside a worker: sends `message` to the page, moving `transfer` with it.
pub fn post_to_page(message: &impl Serialize, transfer: &js_sys::Array) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let _ = scope.post_message_with_transfer(&encode(message), transfer);
}

/// Starts a worker named `name` (what the browser's tools show) that runs
/// `role` in the build `main_js` (`module` compiled from it; `memory` when
/// it joins the page's shared memory). `existing`: a worker already running
/// worker.js (the loader's early driver).
pub fn start(
    role: Role,
    name: &str,
    main_js: &str,
    module: JsValue,
    memory: JsValue,
    existing: Option<Worker>,
) -> Result<Worker, JsValue> {
    let worker = match existing {
        Some(worker) => worker,
        None => {
            let script = web_sys::Url::new_with_base("worker.js", main_js)?.href();
            let options = WorkerOptions::new();
            options.set_type(WorkerType::Module);
            options.set_name(name);
            Worker::new_with_options(&script, &options)?
        }
    };
    post(
        &worker,
        &Start::Init {
            role,
            main_js: main_js.to_string(),
            module,
            memory,
        },
        &js_sys::Array::new(),
    );
    Ok(worker)
}
