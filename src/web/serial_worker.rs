//! Serial factorials off the UI thread without shared memory: a dedicated
//! worker runs its own instance of the app and sends the measured run back
//! as JSON. Used by the build for pages that are not cross-origin isolated.

use js_sys::{JsString, Promise};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::factorial_lab;
use crate::core::pool_modes::{CancelFlag, PoolMode};
use crate::core::results::RunRecord;
use crate::web::browser::{js_error_text, main_js_url};

#[wasm_bindgen(module = "/src/web/serial_worker.js")]
extern "C" {
    #[wasm_bindgen(js_name = measureInWorker)]
    fn measure_in_worker(
        main_js: JsString,
        module: JsValue,
        request: &str,
        signal: &web_sys::AbortSignal,
        deadline_ms: f64,
    ) -> Promise;
}

#[derive(Serialize, Deserialize)]
struct SerialRequest {
    n: u64,
    repeat: u32,
}

#[derive(Serialize, Deserialize)]
struct SerialAnswer {
    record: RunRecord,
    errors: Vec<String>,
}

/// Called inside the worker (see serial_worker.js).
#[wasm_bindgen]
pub fn playground_measure_serial(request: String) -> Result<String, JsError> {
    let request: SerialRequest = serde_json::from_str(&request)?;
    let inputs = factorial_lab::inputs(request.n);
    let (record, errors) = factorial_lab::measure(
        PoolMode::Serial,
        None,
        1,
        &inputs,
        1,
        request.repeat,
        &CancelFlag::default(),
    )
    .map_err(|_| JsError::new("cancelled"))?;
    Ok(serde_json::to_string(&SerialAnswer { record, errors })?)
}

/// Why a serial run did not come back.
pub enum SerialStop {
    Failed(String),
    /// No answer within the deadline (milliseconds): the worker was ended.
    Lost(f64),
}

/// What serial_worker.js rejects with when the deadline passes.
const DEADLINE_PASSED: &str = "deadline passed";

/// Measures the serial run in a worker; Cancel (`signal`) ends the worker.
pub async fn measure_serial(
    n: u64,
    repeat: u32,
    signal: &web_sys::AbortSignal,
) -> Result<(RunRecord, Vec<String>), SerialStop> {
    let failed = |e: serde_json::Error| SerialStop::Failed(e.to_string());
    let request = serde_json::to_string(&SerialRequest { n, repeat }).map_err(failed)?;
    let deadline_ms = crate::core::process_pool::serial_deadline_ms(n, repeat);
    let answer = JsFuture::from(measure_in_worker(
        main_js_url(),
        wasm_bindgen::module(),
        &request,
        signal,
        deadline_ms,
    ))
    .await
    .map_err(|err| match js_error_text(&err) {
        text if text == DEADLINE_PASSED => SerialStop::Lost(deadline_ms),
        text => SerialStop::Failed(text),
    })?;
    let answer: SerialAnswer =
        serde_json::from_str(&answer.as_string().unwrap_or_default()).map_err(failed)?;
    Ok((answer.record, answer.errors))
}
