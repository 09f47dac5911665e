//! A run's life on the page, as one hook: the threads engine brought up
//! once (and its idle workers retired when the page stays hidden), Run
//! (named by a `RunId`, refused by the reducer while another goes), the
//! runner of its experiment with its events fed to the reducer under that
//! id, a run the link or the parent page asks for, and Cancel.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::link::config::ExperimentKind;
use crate::web::runners::factorial::{run_factorial, Threads, ThreadsForRun};
use crate::web::runners::reposts::run_reposts;
use crate::web::state::{run_action, Action, Canceller, PageState, RunId};

/// What the page's controls call: Run and Cancel.
pub struct RunControls {
    pub start: Callback<()>,
    pub cancel: Callback<MouseEvent>,
}

/// The run in progress: what stops it (browser objects stay out of the
/// state), and its id, under which the engine's events are reported.
type CurrentRun = Rc<RefCell<Option<Canceller>>>;

#[hook]
pub fn use_run_orchestration(state: &UseReducerHandle<PageState>) -> RunControls {
    let canceller: CurrentRun = use_mut_ref(|| None::<Canceller>);
    // The last run named (a refused Start names one too).
    let last_run = use_mut_ref(RunId::default);

    // Bring up the threads engine's driver worker once (the threaded build:
    // the loader chose it because this page can share memory).
    let engine = use_mut_ref(|| None::<Rc<Threads>>);
    // The page's language now, for the engine's failures (they become the
    // pool's status as text).
    let lang_now = use_mut_ref(|| state.lang());
    *lang_now.borrow_mut() = state.lang();
    {
        let (dispatcher, engine, current_run) =
            (state.dispatcher(), engine.clone(), canceller.clone());
        use_effect_with((), move |_| {
            *engine.borrow_mut() = start_engine(dispatcher, current_run, lang_now);
        });
    }
    use_retire_workers_when_hidden_long(engine.clone());

    let start = {
        let state = state.clone();
        let current = canceller.clone();
        Callback::from(move |_: ()| {
            let run = {
                let mut last_run = last_run.borrow_mut();
                *last_run = last_run.next();
                *last_run
            };
            state.dispatch(Action::Start(run));
            // Refused (a run is going): no second runner for one results
            // document. (The handle reads the state the reducer just made.)
            if !state.is_run_of(run) {
                return;
            }
            let canceller = Canceller::new(run);
            *current.borrow_mut() = Some(canceller.clone());
            let config = state.link().config.clone();
            let lang = state.lang();
            let dispatcher = state.dispatcher();
            let report = move |event| dispatcher.dispatch(run_action(run, event));
            let threads = ThreadsForRun::new(engine.borrow().clone(), &state.pool, lang);
            wasm_bindgen_futures::spawn_local(async move {
                match config.experiment {
                    ExperimentKind::Factorial => {
                        run_factorial(
                            config,
                            threads,
                            lang,
                            canceller.flag,
                            canceller.abort.signal(),
                            report,
                        )
                        .await
                    }
                    ExperimentKind::Reposts => {
                        run_reposts(
                            config,
                            lang,
                            canceller.flag,
                            canceller.abort.signal(),
                            report,
                        )
                        .await
                    }
                }
            });
        })
    };

    // `run=1` or a parent's run message: start once the page can (the codec
    // already refused bad links).
    {
        let start = start.clone();
        let state = state.clone();
        let can_run = state.can_run();
        use_effect_with((state.autorun, can_run), move |&(autorun, can_run)| {
            if autorun && can_run {
                state.dispatch(Action::AutorunStarted);
                start.emit(());
            }
        });
    }

    let cancel = {
        let state = state.clone();
        Callback::from(move |_| {
            if let Some(canceller) = canceller
                .borrow()
                .as_ref()
                .filter(|c| state.is_run_of(c.run))
            {
                canceller.cancel();
            }
        })
    };
    RunControls { start, cancel }
}

/// Starts the driver worker; its events become the reducer's actions, its
/// runs' events under the run in progress (it measures one job at a time),
/// its failures said in the page's language then (`lang`).
#[cfg(feature = "threads")]
fn start_engine(
    dispatcher: UseReducerDispatcher<PageState>,
    current_run: CurrentRun,
    lang: Rc<RefCell<Lang>>,
) -> Option<Rc<Threads>> {
    use crate::web::backends::threads::page::EngineReport;

    let on_event = {
        let (dispatcher, lang) = (dispatcher.clone(), lang.clone());
        move |report| {
            // Read before dispatching: the reducer may start the next run.
            let run = current_run
                .borrow()
                .as_ref()
                .map_or_else(RunId::default, |c| c.run);
            dispatcher.dispatch(match report {
                EngineReport::Ready => Action::PoolReady,
                EngineReport::Failed(failure) => Action::PoolFailed(failure.text(*lang.borrow())),
                EngineReport::Run(event) => run_action(run, event),
            })
        }
    };
    match crate::web::backends::threads::page::take_engine(on_event) {
        Ok(engine) => Some(Rc::new(engine)),
        Err(failure) => {
            dispatcher.dispatch(Action::PoolFailed(failure.text(*lang.borrow())));
            None
        }
    }
}

#[cfg(not(feature = "threads"))]
fn start_engine(
    dispatcher: UseReducerDispatcher<PageState>,
    _: CurrentRun,
    _: Rc<RefCell<Lang>>,
) -> Option<Rc<Threads>> {
    dispatcher.dispatch(Action::NoSharedMemory);
    None
}

/// After the page has been hidden this long, idle pool workers are ended
/// (and their memory freed): a background tab should not hold 64 workers.
const RETIRE_HIDDEN_AFTER_MS: i32 = 5 * 60 * 1000;

/// `RETIRE_HIDDEN_AFTER_MS`, or `globalThis.playgroundRetireHiddenAfterMs`
/// when a test set it (read each time the page is hidden), so the retire
/// path can be tested in seconds.
fn retire_hidden_after_ms() -> i32 {
    js_sys::Reflect::get(&js_sys::global(), &"playgroundRetireHiddenAfterMs".into())
        .ok()
        .and_then(|knob| knob.as_f64())
        .filter(|ms| ms.is_finite() && *ms >= 0.0)
        .map_or(RETIRE_HIDDEN_AFTER_MS, |ms| ms.min(i32::MAX as f64) as i32)
}

#[hook]
fn use_retire_workers_when_hidden_long(engine: Rc<RefCell<Option<Rc<Threads>>>>) {
    use wasm_bindgen::closure::Closure;
    use_effect_with((), move |_| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        // One closure for every timer: a page hidden and shown many times
        // must not leave one behind each time.
        let retire = Closure::<dyn Fn()>::new(move || {
            if web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden())
            {
                retire_idle_workers(&engine);
            }
        });
        let timer = Cell::new(None::<i32>);
        let on_change = Closure::<dyn Fn()>::new(move || {
            let Some(window) = web_sys::window() else {
                return;
            };
            if let Some(id) = timer.take() {
                window.clear_timeout_with_handle(id);
            }
            if window.document().is_some_and(|d| d.hidden()) {
                timer.set(
                    window
                        .set_timeout_with_callback_and_timeout_and_arguments_0(
                            retire.as_ref().unchecked_ref(),
                            retire_hidden_after_ms(),
                        )
                        .ok(),
                );
            }
        });
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            on_change.as_ref().unchecked_ref(),
        );
        // Both live as long as the page.
        on_change.forget();
    });
}

fn retire_idle_workers(engine: &RefCell<Option<Rc<Threads>>>) {
    crate::web::backends::processes::retire_idle();
    #[cfg(feature = "threads")]
    if let Some(engine) = engine.borrow().as_ref() {
        engine.retire_workers();
    }
    #[cfg(not(feature = "threads"))]
    let _ = engine;
}
