//! The page's hold on the engine's workers: it starts the driver (held by
//! `page::Live`) and the pool workers the driver asks for (held here), all
//! joined to the shared memory. The page starts the pool workers, not the
//! driver: a worker's own workers depend on it in Firefox, and the driver
//! blocks while it waits on a pool (see docs/benchmark.md).
//! During a run the page pings them; one that answers was stopped mid-task.

use std::cell::RefCell;
use std::rc::Rc;

use futures_channel::oneshot;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::web::backends::worker::{self, decode, is_life, Life, Role};
use crate::web::platform::browser::{js_error_text, main_js_url};

/// Told when a joined pool worker is lost during a run (its number).
pub type OnLost = Rc<dyn Fn(usize)>;

/// A pool worker and its listeners.
struct PoolWorker {
    worker: Worker,
    /// Its name's number; `None` until it joined.
    joined: Option<usize>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

thread_local! {
    /// Held so no browser collects a worker that only shares memory with
    /// the page (Firefox bug 1702191); ended together.
    static POOL_WORKERS: RefCell<Vec<PoolWorker>> = const { RefCell::new(Vec::new()) };
    static ON_LOST: RefCell<Option<OnLost>> = const { RefCell::new(None) };
}

/// Starts the driver worker, or takes over the loader's early one
/// (`playgroundBuild.driver`) when it started one that has not failed.
pub fn start_driver() -> Result<Worker, JsValue> {
    let early = js_sys::Reflect::get(&js_sys::global(), &"playgroundBuild".into())
        .ok()
        .filter(|build| build.is_object())
        .and_then(|build| {
            let field = |name: &str| js_sys::Reflect::get(&build, &name.into()).ok();
            let failed = field("driverFailed").is_some_and(|f| f.is_truthy());
            let driver = field("driver").and_then(|d| d.dyn_into::<Worker>().ok());
            let _ = js_sys::Reflect::set(&build, &"driver".into(), &JsValue::UNDEFINED);
            driver.filter(|_| !failed)
        });
    worker::start(
        Role::Driver,
        "experiment driver",
        &String::from(main_js_url()),
        wasm_bindgen::module(),
        wasm_bindgen::memory(),
        early,
    )
}

/// Starts `count` pool workers (named from `first_index`); resolves with
/// how many joined and, if some could not start, why.
pub async fn start_pool_workers(count: usize, first_index: usize) -> (usize, Option<String>) {
    let joining: Vec<_> = (first_index..first_index + count)
        .map(start_pool_worker)
        .collect();
    let mut started = 0;
    let mut error = None;
    for outcome in futures_util::future::join_all(joining).await {
        match outcome {
            Ok(()) => started += 1,
            Err(reason) => error = error.or(Some(reason)),
        }
    }
    (started, error)
}

async fn start_pool_worker(index: usize) -> Result<(), String> {
    let (joined, has_joined) = oneshot::channel::<Result<(), String>>();
    let joined = Rc::new(RefCell::new(Some(joined)));
    let settle = {
        let joined = joined.clone();
        move |outcome: Result<(), String>| {
            if let Some(joined) = joined.borrow_mut().take() {
                let _ = joined.send(outcome);
            }
        }
    };
    let worker = worker::start(
        Role::Pool,
        &format!("pool worker {index}"),
        &String::from(main_js_url()),
        wasm_bindgen::module(),
        wasm_bindgen::memory(),
        None,
    )
    .map_err(|err| js_error_text(&err))?;
    let on_message = {
        let (settle, worker) = (settle.clone(), worker.clone());
        Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if !is_life(&data) {
                return;
            }
            match decode::<Life>(data) {
                Ok(Life::Ready) => {
                    mark_joined(&worker, index);
                    settle(Ok(()));
                }
                Ok(Life::Failed { message }) => {
                    forget(&worker);
                    settle(Err(message));
                }
                Ok(Life::Stopped) => lost(index),
                Ok(Life::Exit) => forget(&worker),
                _ => {}
            }
        })
    };
    let on_error = {
        let worker = worker.clone();
        Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| {
            lost(index); // a crash after it joined
            forget(&worker);
            // No message: the page says the browser gave none, in its language.
            settle(Err(event.message()));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    POOL_WORKERS.with_borrow_mut(|workers| {
        workers.push(PoolWorker {
            worker,
            joined: None,
            _on_message: on_message,
            _on_error: on_error,
        })
    });
    has_joined.await.unwrap_or(Err(String::new()))
}

fn mark_joined(worker: &Worker, index: usize) {
    POOL_WORKERS.with_borrow_mut(|workers| {
        if let Some(pool_worker) = workers.iter_mut().find(|w| &w.worker == worker) {
            pool_worker.joined = Some(index);
        }
    });
}

fn forget(worker: &Worker) {
    // Dropped later: the listener that calls this is one of its closures.
    let gone = POOL_WORKERS.with_borrow_mut(|workers| {
        let at = workers.iter().position(|w| &w.worker == worker)?;
        Some(workers.swap_remove(at))
    });
    if let Some(gone) = gone {
        wasm_bindgen_futures::spawn_local(async move { drop(gone) });
    }
}

fn lost(index: usize) {
    let joined =
        POOL_WORKERS.with_borrow(|workers| workers.iter().any(|w| w.joined == Some(index)));
    if let (true, Some(on_lost)) = (joined, ON_LOST.with_borrow(Clone::clone)) {
        on_lost(index);
    }
}

/// During a run: a pool worker that reads a ping (`ping_pool_workers`), or fires
/// `error`, is lost: `on_lost(its number)`.
pub fn watch(on_lost: OnLost) {
    ON_LOST.set(Some(on_lost));
}

pub fn unwatch() {
    ON_LOST.set(None);
}

/// Sends `ping` (`Life::Ping`, encoded) to every joined pool worker
/// (`page::Pinger` pings the driver too). A live one never reads it
/// mid-measurement; one that does was stopped and says so.
pub fn ping_pool_workers(ping: &JsValue) {
    POOL_WORKERS.with_borrow(|workers| {
        for pool_worker in workers.iter().filter(|w| w.joined.is_some()) {
            let _ = pool_worker.worker.post_message(ping);
        }
    });
}

/// Ends every pool worker: a pool that lost a thread never finishes, and
/// the driver (ended with its `page::Live`) waits in it for ever.
pub fn terminate_pool_workers() {
    unwatch();
    let workers = POOL_WORKERS.take();
    for pool_worker in &workers {
        pool_worker.worker.terminate();
    }
    // Dropped later: this may run inside one of their listeners.
    wasm_bindgen_futures::spawn_local(async move { drop(workers) });
}
