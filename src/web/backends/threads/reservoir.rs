//! Web workers joined to the shared memory, kept and reused: a pool of k
//! borrows k idle workers (the driver starts only the missing ones), and its
//! threads give them back when the pool ends. Each worker runs one lease at
//! a time, so a pool of k runs on exactly k distinct workers.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crossbeam_channel::{unbounded, Receiver, Sender};
use futures_channel::oneshot;

use crate::core::run::engine_protocol::EngineEvent;
use crate::core::run::failure::Failure;
use crate::web::backends::worker::{self, Life};

/// What an idle worker is handed: a pool thread to run, or its end.
enum Lease {
    Run(Box<dyn FnOnce() + Send>),
    Retire,
}

/// Idle workers wait on this channel (in the shared memory).
fn leases() -> &'static (Sender<Lease>, Receiver<Lease>) {
    static LEASES: OnceLock<(Sender<Lease>, Receiver<Lease>)> = OnceLock::new();
    LEASES.get_or_init(unbounded)
}

/// A pool worker's life (`worker::Role::Pool`): serve leases until
/// retired. Returns `true` then: worker.js frees the worker's stack and TLS.
pub fn serve() -> bool {
    let receiver = leases().1.clone();
    worker::post_to_page(&Life::Ready, &js_sys::Array::new());
    while let Ok(Lease::Run(thread)) = receiver.recv() {
        thread();
    }
    worker::post_to_page(&Life::Exit, &js_sys::Array::new());
    true
}

/// The page's report: how many workers it started, and why not more.
type StartedReply = oneshot::Sender<(usize, Option<String>)>;

thread_local! {
    /// Workers started and not retired (the driver's own count).
    static WORKERS: Cell<usize> = const { Cell::new(0) };
    /// Waiting for the page to report the workers it started.
    static STARTING: RefCell<Option<StartedReply>> = const { RefCell::new(None) };
}

/// Makes sure at least `k` workers exist; returns how many were started.
/// Workers still busy with an ended pool come back on their own. The page
/// starts them (`EngineEvent::StartWorkers`), so none is a worker's child.
pub async fn ensure(k: usize, post: impl Fn(&EngineEvent)) -> Result<usize, Failure> {
    let have = WORKERS.get();
    let missing = k.saturating_sub(have);
    if missing == 0 {
        return Ok(0);
    }
    let (report, reported) = oneshot::channel();
    STARTING.set(Some(report));
    post(&EngineEvent::StartWorkers {
        count: missing,
        first_index: have,
    });
    let (started, error) = reported.await.map_err(|_| Failure::WorkersUnanswered)?;
    WORKERS.set(have + started);
    match error {
        Some(reason) => Err(Failure::PoolWorkersNotStarted {
            started,
            missing,
            pool: k,
            reason,
        }),
        None => Ok(started),
    }
}

/// The page's answer to `StartWorkers`.
pub fn workers_started(started: usize, error: Option<String>) {
    if let Some(report) = STARTING.take() {
        let _ = report.send((started, error));
    }
}

/// Hands a pool thread to the next idle worker.
pub fn lend(thread: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
    leases()
        .0
        .send(Lease::Run(Box::new(thread)))
        .map_err(|_| std::io::Error::other("the reservoir is closed"))
}

/// Ends every worker once it is idle; only while no pool is out.
pub fn retire_all() {
    for _ in 0..WORKERS.replace(0) {
        let _ = leases().0.send(Lease::Retire);
    }
}
