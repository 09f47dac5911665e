//! Threads in the browser: the wasm-bindgen-rayon global pool that drives
//! experiments off the UI thread, and rayon pools of exactly k web workers.
//!
//! The UI thread never blocks: it only sends work (rayon::spawn, crossbeam
//! channels, whose send never waits on a futex) and awaits futures.

use std::io;
use std::sync::Arc;

use futures_channel::oneshot;
use js_sys::{JsString, Promise};
use rayon::{ThreadBuilder, ThreadPool, ThreadPoolBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::clock::now_ms;
use crate::web::browser::{js_error_text, main_js_url};

#[wasm_bindgen(module = "/src/web/threads.js")]
extern "C" {
    #[wasm_bindgen(js_name = spawnThreads)]
    fn spawn_threads(module: JsValue, memory: JsValue, main_js: JsString, entries: Vec<u32>, name_prefix: &str) -> Promise;
}

type ThreadMain = Box<dyn FnOnce() + Send>;

/// Called by a new worker (threads.js) with the closure it should run.
#[wasm_bindgen]
pub fn playground_thread_main(entry: u32) {
    // SAFETY: `entry` came from `Box::into_raw` in `start_threads`, and each
    // entry is handed to exactly one worker.
    let main = unsafe { Box::from_raw(entry as *mut ThreadMain) };
    main();
}

/// Starts one web worker per closure and resolves once all are running.
async fn start_threads(mains: Vec<ThreadMain>, name_prefix: &str) -> Result<(), JsValue> {
    let entries = mains
        .into_iter()
        .map(|main| Box::into_raw(Box::new(main)) as u32)
        .collect();
    let main_js = main_js_url();
    JsFuture::from(spawn_threads(wasm_bindgen::module(), wasm_bindgen::memory(), main_js, entries, name_prefix)).await?;
    Ok(())
}

/// Brings up the wasm-bindgen-rayon global pool, which runs the experiment
/// drivers (the "caller" of the Python API, which may block).
pub async fn init_driver_pool(threads: usize) -> Result<(), JsValue> {
    JsFuture::from(wasm_bindgen_rayon::init_thread_pool(threads)).await?;
    Ok(())
}

/// Runs `work` on the driver pool and awaits its result without blocking the UI.
pub async fn on_driver<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = oneshot::channel();
    rayon::spawn(move || {
        let _ = sender.send(work());
    });
    receiver.await.expect("driver job ended without a result")
}

/// A rayon pool whose k threads are k dedicated web workers.
pub struct WorkerPool {
    pub pool: Arc<ThreadPool>,
    pub workers: usize,
    /// Time to start the workers and build the pool, like creating a Python `Pool`.
    pub startup_ms: f64,
}

impl WorkerPool {
    pub async fn start(workers: usize) -> Result<WorkerPool, String> {
        let started = now_ms();
        // Workers wait on this channel for their rayon thread; crossbeam's
        // send is safe on the UI thread (it spins rather than futex-waits).
        let (sender, receiver) = crossbeam_channel::bounded::<ThreadBuilder>(workers);
        let mains = (0..workers)
            .map(|_| {
                let receiver = receiver.clone();
                Box::new(move || {
                    if let Ok(thread) = receiver.recv() {
                        thread.run();
                    }
                }) as ThreadMain
            })
            .collect();
        drop(receiver);
        start_threads(mains, &format!("pool of {workers}: worker"))
            .await
            .map_err(|err| format!("could not start {workers} web workers: {}", js_error_text(&err)))?;
        let pool = ThreadPoolBuilder::new()
            .num_threads(workers)
            .spawn_handler(move |thread| sender.send(thread).map_err(|_| io::Error::other("a worker exited")))
            .build()
            .map_err(|err| format!("could not build a pool of {workers}: {err}"))?;
        Ok(WorkerPool { pool: Arc::new(pool), workers, startup_ms: now_ms() - started })
    }

    /// Ends the pool's threads; the drop happens on the driver so the UI
    /// thread never waits on the pool's locks.
    pub async fn shut_down(self) {
        let pool = self.pool;
        on_driver(move || drop(pool)).await;
    }
}
