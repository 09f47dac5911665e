//! The page's side of the engine: starts the driver worker and talks to it
//! by messages. Nothing here takes a lock or waits.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use futures_channel::oneshot;
use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker};

use crate::core::pool::modes::CancelFlag;
use crate::core::run::engine_protocol::{EngineCommand, EngineEvent, FactorialJob};
use crate::core::run::event::RunName;
use crate::core::run::failure::Failure;
use crate::web::platform::browser::{js_error_text, main_js_url};

#[wasm_bindgen(module = "/src/web/backends/threads/workers.js")]
extern "C" {
    #[wasm_bindgen(js_name = startDriver, catch)]
    fn start_driver(module: JsValue, memory: JsValue, main_js: JsString)
        -> Result<Worker, JsValue>;
    #[wasm_bindgen(js_name = startReservoirWorkers)]
    fn start_reservoir_workers(
        module: JsValue,
        memory: JsValue,
        main_js: JsString,
        count: usize,
        first_index: usize,
    ) -> js_sys::Promise;
    #[wasm_bindgen(js_name = watchReservoir)]
    fn watch_reservoir(on_lost: &JsValue);
    #[wasm_bindgen(js_name = unwatchReservoir)]
    fn unwatch_reservoir();
    #[wasm_bindgen(js_name = terminateEngine)]
    fn terminate_engine();
}

/// The running driver worker, restarted for the next run when a pool
/// worker was lost.
pub struct Engine {
    /// `None` once the engine's workers were ended (a pool worker was lost).
    live: Rc<RefCell<Option<Live>>>,
    on_event: Rc<dyn Fn(EngineEvent)>,
    /// Resolved when the run in progress is over (`Done`, or the driver died).
    run_over: Rc<RefCell<Option<oneshot::Sender<()>>>>,
    /// Resolved when a restarted driver is up; dropped if it failed.
    ready: Rc<RefCell<Option<oneshot::Sender<()>>>>,
    /// Runs of the whole experiment, of which the driver measures a part.
    steps_total: Rc<Cell<usize>>,
    on_lost: Closure<dyn Fn(usize)>,
}

/// One driver worker and its listeners.
struct Live {
    driver: Worker,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

impl Engine {
    /// Starts the driver; every event it sends goes to `on_event` (the
    /// first is `Ready` or `Failed`), except `Done`, which ends `run`.
    pub fn start(on_event: impl Fn(EngineEvent) + 'static) -> Result<Engine, Failure> {
        let run_over: Rc<RefCell<Option<oneshot::Sender<()>>>> = Rc::default();
        let ready: Rc<RefCell<Option<oneshot::Sender<()>>>> = Rc::default();
        let steps_total: Rc<Cell<usize>> = Rc::default();
        let live: Rc<RefCell<Option<Live>>> = Rc::default();
        // The run being measured, to name a lost worker's.
        let current: Rc<Cell<Option<RunName>>> = Rc::default();
        let on_event: Rc<dyn Fn(EngineEvent)> = Rc::new(on_event);
        // A pool worker or the driver that stopped (or crashed) mid-run
        // leaves the driver, or its pool, waiting for ever: end them all,
        // end the run in words (`lost`), and start afresh at the next run.
        let lose = {
            let (live, on_event, run_over) = (live.clone(), on_event.clone(), run_over.clone());
            Rc::new(move |lost: EngineEvent| {
                terminate_engine();
                live.take();
                on_event(lost);
                end_run(&run_over);
            })
        };
        let on_driver_event: Rc<dyn Fn(EngineEvent)> = {
            let (run_over, ready, steps_total, current, lose) = (
                run_over.clone(),
                ready.clone(),
                steps_total.clone(),
                current.clone(),
                lose.clone(),
            );
            Rc::new(move |event: EngineEvent| match event {
                EngineEvent::Done { .. } => end_run(&run_over),
                EngineEvent::Step { done, run, .. } => {
                    current.set(Some(run));
                    on_event(EngineEvent::Step {
                        done,
                        total: steps_total.get(),
                        run,
                    })
                }
                EngineEvent::Ready => {
                    if let Some(ready) = ready.take() {
                        let _ = ready.send(());
                    }
                    on_event(EngineEvent::Ready)
                }
                EngineEvent::DriverStopped => lose(EngineEvent::DriverLost {
                    run: current.take(),
                    reason: None,
                }),
                // A driver that was up and crashed during a run is lost like
                // one that stopped; one that could not start ends threads.
                EngineEvent::DriverLost { reason, .. }
                    if run_over.borrow().is_some() && ready.borrow().is_none() =>
                {
                    lose(EngineEvent::DriverLost {
                        run: current.take(),
                        reason,
                    })
                }
                EngineEvent::DriverLost { reason, .. } => {
                    ready.take();
                    on_event(EngineEvent::Failed {
                        failure: Failure::DriverStopped { reason },
                    });
                    end_run(&run_over);
                }
                failed @ EngineEvent::Failed { .. } => {
                    ready.take();
                    on_event(failed);
                    end_run(&run_over);
                }
                other => on_event(other),
            })
        };
        live.replace(Some(connect(&on_driver_event)?));
        let on_lost = {
            let current = current.clone();
            Closure::<dyn Fn(usize)>::new(move |worker: usize| {
                lose(EngineEvent::WorkerLost {
                    run: current.take(),
                    worker,
                })
            })
        };
        Ok(Engine {
            live,
            on_event: on_driver_event,
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
            match connect(&self.on_event) {
                Ok(live) => _ = self.live.replace(Some(live)),
                Err(failure) => return (self.on_event)(EngineEvent::Failed { failure }),
            }
            if is_ready.await.is_err() {
                return; // the new driver failed, and said so
            }
        }
        watch_reservoir(self.on_lost.as_ref());
        self.send(&EngineCommand::Run {
            job,
            cancel_address: cancel.share(),
        });
        let pinger = Pinger::start(&self.live);
        let _ = ended.await;
        drop(pinger);
        unwatch_reservoir();
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
fn connect(on_event: &Rc<dyn Fn(EngineEvent)>) -> Result<Live, Failure> {
    let driver = start_driver(
        wasm_bindgen::module(),
        wasm_bindgen::memory(),
        main_js_url(),
    )
    .map_err(|err| Failure::DriverNotStarted {
        reason: js_error_text(&err),
    })?;
    // A driver that fails to load ends threads for this page; one that
    // dies in a run (a trap, memory exhausted) ends that run, in words.
    let on_error = {
        let on_event = on_event.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            let reason = js_sys::Reflect::get(&event, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .filter(|m| !m.trim().is_empty());
            on_event(EngineEvent::DriverLost { run: None, reason });
        })
    };
    driver.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let (to_driver, on_event) = (driver.clone(), on_event.clone());
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let Some(text) = event.data().as_string() else {
            return;
        };
        match serde_json::from_str::<EngineEvent>(&text) {
            Ok(EngineEvent::StartWorkers { count, first_index }) => {
                start_workers_for(&to_driver, count, first_index)
            }
            Ok(engine_event) => on_event(engine_event),
            Err(err) => on_event(EngineEvent::Error {
                failure: Failure::Garbled {
                    reason: err.to_string(),
                },
                run: None,
            }),
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
    let text = serde_json::to_string(command).expect("engine commands serialise");
    let _ = driver.post_message(&text.into());
}

/// Where the early driver's events go: kept until the page listens.
enum Listener {
    Waiting(Vec<EngineEvent>),
    Listening(Rc<dyn Fn(EngineEvent)>),
}

/// The driver started before the app's first render, and its listener.
struct EarlyStart {
    engine: Result<Engine, Failure>,
    listener: Rc<RefCell<Listener>>,
}

thread_local! {
    static EARLY: RefCell<Option<EarlyStart>> = const { RefCell::new(None) };
}

/// Starts the driver now, before the app renders: a worker takes ~100 ms to
/// boot, which then overlaps the first render instead of following it.
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
                Listener::Listening(on_event) => on_event.clone(),
            };
            listening(event);
        })
    };
    EARLY.set(Some(EarlyStart { engine, listener }));
}

/// The driver (started early, or now), its events from here on going to
/// `on_event`, those it sent already first.
pub fn take_engine(on_event: impl Fn(EngineEvent) + 'static) -> Result<Engine, Failure> {
    let Some(EarlyStart { engine, listener }) = EARLY.take() else {
        return Engine::start(on_event);
    };
    let on_event: Rc<dyn Fn(EngineEvent)> = Rc::new(on_event);
    let queued = match listener.replace(Listener::Listening(on_event.clone())) {
        Listener::Waiting(queued) => queued,
        Listener::Listening(_) => Vec::new(),
    };
    for event in queued {
        on_event(event);
    }
    engine
}

/// Starts reservoir workers from the page (their parent is never blocked)
/// and tells the driver how many joined.
fn start_workers_for(driver: &Worker, count: usize, first_index: usize) {
    let joined = start_reservoir_workers(
        wasm_bindgen::module(),
        wasm_bindgen::memory(),
        main_js_url(),
        count,
        first_index,
    );
    let driver = driver.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let (started, error) = match wasm_bindgen_futures::JsFuture::from(joined).await {
            Ok(outcome) => {
                let field = |name: &str| js_sys::Reflect::get(&outcome, &name.into()).ok();
                (
                    field("started").and_then(|v| v.as_f64()).unwrap_or(0.0) as usize,
                    field("error").and_then(|v| v.as_string()),
                )
            }
            Err(err) => (0, Some(js_error_text(&err))),
        };
        send(&driver, &EngineCommand::WorkersStarted { started, error });
    });
}

/// Pings the driver every second while it runs (`EngineCommand::Ping`);
/// stops when dropped.
struct Pinger {
    handle: i32,
    _tick: Closure<dyn Fn()>,
}

impl Pinger {
    fn start(live: &Rc<RefCell<Option<Live>>>) -> Option<Pinger> {
        let live = live.clone();
        let tick = Closure::<dyn Fn()>::new(move || {
            if let Some(live) = live.borrow().as_ref() {
                send(&live.driver, &EngineCommand::Ping);
            }
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
