//! One clock for every thread: milliseconds on a timeline shared by the UI
//! thread and all pool workers, so task traces from different threads line up.
//!
//! In the browser each worker's `performance.now()` counts from that worker's
//! own start, so the shared timeline is `performance.timeOrigin + now()`.

#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = performance, js_name = now)]
        fn performance_now() -> f64;
        #[wasm_bindgen(thread_local_v2, js_namespace = performance, js_name = timeOrigin)]
        static TIME_ORIGIN: f64;
    }
    TIME_ORIGIN.with(|origin| *origin) + performance_now()
}
