//! The page's side of the engine: starts the driver worker and talks to it
//! by messages. Nothing here takes a lock or waits.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures_channel::oneshot;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::core::pool::modes::CancelFlag;
use crate::core::run::engine_protocol::{EngineCommand, EngineEvent, FactorialJob};
use crate::core::run::event::RunName;
use crate::core::run::failure::Failure;
use crate::web::backends::threads::engine_workers;
use crate::web::backends::worker::{self, decode, is_life, Life};
use crate::web::platform::browser::js_error_text;
use crate::web::state::{finished_run_from_shared, RunEvent};

/// What the engine tells the page: the reducer takes a run's events as
/// they are.
pub enum EngineReport {
    /// The driver is up and takes runs.
    Ready,
    /// The driver could not start: threads are off for this page.
    Failed(Failure),
    /// An event of the run in progress.
    Run(RunEvent),
}

/// What the page hears of its driver.
enum FromDriver {
    Up,
    NotStarted(Failure),
    Event(EngineEvent),
    /// Its `error` event (the browser's words, if any).
    Crashed(Option<String>),
}

type Report = Rc<dyn Fn(EngineReport)>;
type Hear = Rc<dyn Fn(FromDriver)>;

/// The running driver worker, restarted for the next run when a pool
/// worker was lost.
pub struct Engine {
    /// `None` once the engine's workers were ended (a pool worker was lost).
    live: Rc<RefCell<Option<Live>>>,
    hear: Hear,
    /// Resolved when the run in progress is over (`Done`, or the driver died).
    run_over: Rc<RefCell<Option<oneshot::Sender<()>>>>,
    /// Resolved when a restarted driver is up; dropped if it failed.
    ready: Rc<RefCell<Option<oneshot::Sender<()>>>>,
    /// Runs of the whole experiment, of which the driver measures a part.
    steps_total: Rc<Cell<usize>>,
    on_lost: engine_workers::OnLost,
}

/// One driver worker and its listeners; the page's one hold on it, which
/// ends it when dropped.
struct Live {
    driver: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.driver.terminate();
    }
}

impl Engine {
    /// Starts the driver; what it reports goes to `report` (first `Ready`
    /// or `Failed`), except `Done`, which ends `run`.
    pub fn start(report: impl Fn(EngineReport) + 'static) -> Result<Engine, Failure> {
        let run_over: Rc<RefCell<Option<oneshot::Sender<()>>>> = Rc::default();
        let ready: Rc<RefCell<Option<oneshot::Sender<()>>>> = Rc::default();
        let steps_total: Rc<Cell<usize>> = Rc::default();
        let live: Rc<RefCell<Option<Live>>> = Rc::default();
        // The run being measured, to name a lost worker's.
        let current: Rc<Cell<Option<RunName>>> = Rc::default();
        let report: Report = Rc::new(report);
        // A pool worker or the driver that stopped (or crashed) mid-run
        // leaves the driver, or its pool, waiting for ever: end them all,
        // end the run in words (`lost`), and start afresh at the next run.
        let lose = {
            let (live, report, run_over) = (live.clone(), report.clone(), run_over.clone());
            Rc::new(move |lost: RunEvent| {
                engine_workers::terminate_pool_workers();
                live.take();
                report(EngineReport::Run(lost));
                end_run(&run_over);
            })
        };
        let hear: Hear = {
            let (run_over, ready, steps_total, current, lose) = (
                run_over.clone(),
                ready.clone(),
                steps_total.clone(),
                current.clone(),
                lose.clone(),
            );
            Rc::new(move |heard: FromDriver| match heard {
                FromDriver::Event(event) => match event {
                    EngineEvent::Done { .. } => end_run(&run_over),
                    EngineEvent::Step { done, run, .. } => {
                        current.set(Some(run));
                        report(EngineReport::Run(RunEvent::Step {
                            done,
                            total: steps_total.get(),
                            run,
                        }))
                    }
                    // SAFETY: the driver handed this run over once (`share_run`).
                    EngineEvent::Finished { run_address } => {
                        report(EngineReport::Run(RunEvent::Finished(Box::new(unsafe {
                            finished_run_from_shared(run_address)
                        }))))
                    }
                    EngineEvent::Error { failure, run: None } => {
                        report(EngineReport::Run(RunEvent::Error(failure)))
                    }
                    EngineEvent::Error {
                        failure: reason,
                        run: Some(run),
                    } => report(EngineReport::Run(RunEvent::RunFailed { run, reason })),
                    EngineEvent::DriverStopped => lose(RunEvent::DriverLost {
                        run: current.take(),
                        reason: None,
                    }),
                    // Answered where the driver is known (`connect`).
                    EngineEvent::StartWorkers { .. } => {}
                },
                FromDriver::Up => {
                    if let Some(ready) = ready.take() {
                        let _ = ready.send(());
                    }
                    report(EngineReport::Ready)
                }
                // A driver that was up and crashed during a run is lost like
                // one that stopped; one that could not start ends threads.
                FromDriver::Crashed(reason)
                    if run_over.borrow().is_some() && ready.borrow().is_none() =>
                {
                    lose(RunEvent::DriverLost {
                        run: current.take(),
                        reason,
                    })
                }
                FromDriver::Crashed(reason) => {
                    ready.take();
                    report(EngineReport::Failed(Failure::DriverStopped { reason }));
                    end_run(&run_over);
                }
                FromDriver::NotStarted(failure) => {
                    ready.take();
                    report(EngineReport::Failed(failure));
                    end_run(&run_over);
                }
            })
        };
        live.replace(Some(connect(&hear)?));
        let on_lost = {
            let current = current.clone();
            Rc::new(move |worker: usize| {
                lose(RunEvent::PoolWorkerLost {
                    run: current.take(),
                    worker,
                })
            })
        };
        Ok(Engine {
            live,
            hear,
            run_over,
            ready,
            steps_total,
            on_lost,
        })
    }

    /// Measures `job` (the first runs of an experiment of `steps_total`
    /// runs); Cancel sets `cancel`, which the driver reads. Resolves when
    /// the driver is done with it.
    pub async fn run(&self, job: FactorialJob, cancel: &CancelFlag, steps_total: usize) {
        let (over, ended) = oneshot::channel();
        self.run_over.replace(Some(over));
        self.steps_total.set(steps_total);
        if self.live.borrow().is_none() {
            let (ready, is_ready) = oneshot::channel();
            self.ready.replace(Some(ready));
            match connect(&self.hear) {
                Ok(live) => _ = self.live.replace(Some(live)),
                Err(failure) => return (self.hear)(FromDriver::NotStarted(failure)),
            }
            if is_ready.await.is_err() {
                return; // the new driver failed, and said so
            }
        }
        engine_workers::watch(self.on_lost.clone());
        self.send(&EngineCommand::Run {
            job,
            cancel_address: cancel.share(),
        });
        let driver = self.live.borrow().as_ref().map(|live| live.driver.clone());
        let pinger = driver.and_then(Pinger::start);
        let _ = ended.await;
        drop(pinger);
        engine_workers::unwatch();
    }

    /// Ends the idle workers (the page has been hidden a long time).
    pub fn retire_workers(&self) {
        self.send(&EngineCommand::Retire);
    }

    fn send(&self, command: &EngineCommand) {
        if let Some(live) = self.live.borrow().as_ref() {
            send(&live.driver, command);
        }
    }
}

/// Starts a driver (the loader's early one the first time) and listens to it.
fn connect(hear: &Hear) -> Result<Live, Failure> {
    let driver = engine_workers::start_driver().map_err(|err| Failure::DriverNotStarted {
        reason: js_error_text(&err),
    })?;
    // A driver that fails to load ends threads for this page; one that
    // dies in a run (a trap, memory exhausted) ends that run, in words.
    let on_error = {
        let hear = hear.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let reason = js_sys::Reflect::get(&event, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .filter(|m| !m.trim().is_empty());
            hear(FromDriver::Crashed(reason));
        })
    };
    driver.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let (to_driver, hear) = (driver.clone(), hear.clone());
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        if is_life(&data) {
            match decode::<Life>(data) {
                Ok(Life::Ready) => hear(FromDriver::Up),
                Ok(Life::Failed { message }) => {
                    hear(FromDriver::NotStarted(Failure::DriverNotStarted {
                        reason: message,
                    }))
                }
                _ => {}
            }
            return;
        }
        match decode::<EngineEvent>(data) {
            Ok(EngineEvent::StartWorkers { count, first_index }) => {
                start_workers_for(&to_driver, count, first_index)
            }
            Ok(event) => hear(FromDriver::Event(event)),
            Err(failure) => hear(FromDriver::Event(EngineEvent::Error { failure, run: None })),
        }
    });
    driver.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    Ok(Live {
        driver,
        _on_message: on_message,
        _on_error: on_error,
    })
}

fn send(driver: &Worker, command: &EngineCommand) {
    worker::post(driver, command, &js_sys::Array::new());
}

/// Where the early driver's events go: kept until the page listens.
enum Listener {
    Waiting(Vec<EngineReport>),
    Listening(Report),
}

/// The driver started before the app's first render, and its listener.
struct EarlyStart {
    engine: Result<Engine, Failure>,
    listener: Rc<RefCell<Listener>>,
}

thread_local! {
    static EARLY: RefCell<Option<EarlyStart>> = const { RefCell::new(None) };
}

/// Starts the driver now, before the app renders: a worker's boot then
/// overlaps the first render instead of following it.
pub fn start_early() {
    let listener = Rc::new(RefCell::new(Listener::Waiting(Vec::new())));
    let engine = {
        let listener = listener.clone();
        Engine::start(move |event| {
            let listening = match &mut *listener.borrow_mut() {
                Listener::Waiting(queued) => {
                    queued.push(event);
                    return;
                }
                Listener::Listening(report) => report.clone(),
            };
            listening(event);
        })
    };
    EARLY.set(Some(EarlyStart { engine, listener }));
}

/// The driver (started early, or now), what it reports from here on going
/// to `report`, what it reported already first.
pub fn take_engine(report: impl Fn(EngineReport) + 'static) -> Result<Engine, Failure> {
    let Some(EarlyStart { engine, listener }) = EARLY.take() else {
        return Engine::start(report);
    };
    let report: Report = Rc::new(report);
    let queued = match listener.replace(Listener::Listening(report.clone())) {
        Listener::Waiting(queued) => queued,
        Listener::Listening(_) => Vec::new(),
    };
    for event in queued {
        report(event);
    }
    engine
}

/// Starts pool workers from the page (their parent is never blocked)
/// and tells the driver how many joined.
fn start_workers_for(driver: &Worker, count: usize, first_index: usize) {
    let driver = driver.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let (started, error) = engine_workers::start_pool_workers(count, first_index).await;
        send(&driver, &EngineCommand::WorkersStarted { started, error });
    });
}

/// Pings the driver and the pool workers (`engine_workers::ping_pool_workers`)
/// every second while a run goes on; stops when dropped.
struct Pinger {
    handle: i32,
    _tick: Closure<dyn Fn()>,
}

impl Pinger {
    fn start(driver: Worker) -> Option<Pinger> {
        let ping = worker::encode(&Life::Ping);
        let tick = Closure::<dyn Fn()>::new(move || {
            let _ = driver.post_message(&ping);
            engine_workers::ping_pool_workers(&ping);
        });
        let handle = web_sys::window()?
            .set_interval_with_callback_and_timeout_and_arguments_0(
                tick.as_ref().unchecked_ref(),
                1000,
            )
            .ok()?;
        Some(Pinger {
            handle,
            _tick: tick,
        })
    }
}

impl Drop for Pinger {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_interval_with_handle(self.handle);
        }
    }
}

fn end_run(run_over: &RefCell<Option<oneshot::Sender<()>>>) {
    if let Some(over) = run_over.take() {
        let _ = over.send(());
    }
}
