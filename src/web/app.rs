//! The page: one reducer for the state, the pool brought up at start, and the
//! panels (controls, progress, results, charts, results JSON).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::page_config::ExperimentKind;
use crate::web::charts::{TimeChart, Timeline, Waterfall};
use crate::web::controls::Controls;
use crate::web::browser::{location_hash, location_search, on_hash_change, page_base};
use crate::web::share_panel::{Presets, SharePanel};
use crate::web::{embed, environment};
use crate::web::factorial_runner::{run_factorial, Threads};
use crate::web::repost_runner::run_reposts;
use crate::web::results_json::ResultsJson;
use crate::web::results_view::{ReadingOfNumbers, ResultsTable};
use crate::web::state::{Action, AppState, Canceller, PoolStatus};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(environment::detect(), &location_search(), &location_hash()));

    // Bring up the threads engine's driver worker once (the threaded build:
    // the loader chose it because this page can share memory).
    let engine = use_mut_ref(|| None::<Rc<Threads>>);
    {
        let (state, engine) = (state.clone(), engine.clone());
        use_effect_with((), move |_| {
            *engine.borrow_mut() = start_engine(state.dispatcher());
        });
    }
    use_retire_workers_when_hidden_long(engine.clone());

    let start_run = {
        let state = state.clone();
        let engine = engine.clone();
        Callback::from(move |_: ()| {
            if !state.can_run() {
                return;
            }
            let canceller = Canceller::new();
            state.dispatch(Action::Start(canceller.clone()));
            // Refused (a run is going): no second runner for one results document.
            if !state.is_run_of(&canceller) {
                return;
            }
            let config = state.link.config.clone();
            let dispatcher = state.dispatcher();
            let report = move |event| dispatcher.dispatch(Action::from(event));
            let threads = match (engine.borrow().as_ref(), &state.pool) {
                (Some(engine), PoolStatus::Ready) => Ok(engine.clone()),
                (_, PoolStatus::Unavailable(reason)) => Err(reason.clone()),
                _ => Err("the threads are still starting".to_string()),
            };
            wasm_bindgen_futures::spawn_local(async move {
                match config.experiment {
                    ExperimentKind::Factorial => {
                        run_factorial(config, threads, canceller.flag, canceller.abort.signal(), report).await
                    }
                    ExperimentKind::Reposts => {
                        run_reposts(config, canceller.flag, canceller.abort.signal(), report).await
                    }
                }
            });
        })
    };

    // `run=1` or a parent's run message: start once the page can (the codec
    // already refused bad links).
    {
        let start_run = start_run.clone();
        let state = state.clone();
        let can_run = state.can_run();
        use_effect_with((state.autorun, can_run), move |&(autorun, can_run)| {
            if autorun && can_run {
                state.dispatch(Action::AutorunStarted);
                start_run.emit(());
            }
        });
    }

    // The message API for an embedding page.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            embed::listen_for_runs(move |query| dispatcher.dispatch(Action::LoadQuery(query)));
            embed::post_ready();
        });
    }
    {
        use_effect_with(state.finished, move |&finished| {
            if finished > 0 {
                embed::post_results();
            }
        });
    }

    // The address is always a link to what is on screen (with the shared
    // results it came with).
    {
        let query = state.query();
        use_effect_with(query, move |query| {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let address = crate::core::share::address(query, &location_hash());
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
            }
        });
    }
    // A second `#results=` link opened in this tab changes only the fragment.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| on_hash_change(move |fragment| dispatcher.dispatch(Action::LoadShared(fragment))));
    }

    let on_field = {
        let state = state.clone();
        Callback::from(move |(name, value): (String, String)| state.dispatch(Action::SetField(name, value)))
    };
    let on_cancel = {
        let state = state.clone();
        Callback::from(move |_| {
            if let Some(cancel) = &state.cancel {
                cancel.cancel();
            }
        })
    };

    let embed = state.link.config.embed;
    let full_link = format!("{}?{}", page_base(), state.query().replace("&embed=1", ""));
    let lang = crate::core::i18n::Lang::En;
    html! {
        <ContextProvider<crate::core::i18n::Lang> context={lang}>
        <main class={classes!("page", embed.then_some("embedded"))}>
            <header class="masthead">
                if embed {
                    <p class="embed-title"><strong>{ "Parallel playground" }</strong>{ " · " }
                        <a id="open-full" href={full_link} target="_blank" rel="noopener">{ "open full playground ↗" }</a></p>
                } else {
                    <h1>{ "Parallel playground" }</h1>
                    <p class="tagline">{ "Python's multiprocessing.Pool tutorial, re-run in your browser on web-worker pools: threads that share memory, or processes that pass messages." }</p>
                }
                <PoolBadge pool={state.pool.clone()} isolated={state.environment.cross_origin_isolated}
                    cores={state.environment.hardware_concurrency} />
            </header>
            <Controls state={state.clone()} {on_field} on_run={start_run.reform(|_| ())} {on_cancel} compact={embed} />
            { shared_results(&state) }
            if let Some(results) = &state.results {
                <section class="results" aria-label="Results">
                    if !results.errors.is_empty() {
                        <div class="alert" role="alert">
                            { for results.errors.iter().map(|e| html!{ <p>{ e }</p> }) }
                        </div>
                    }
                    <ReadingOfNumbers results={results.clone()} />
                    <ResultsTable results={results.clone()} />
                    <TimeChart results={results.clone()} />
                    <Timeline results={results.clone()} />
                    if results.experiment == ExperimentKind::Reposts {
                        <Waterfall results={results.clone()} />
                    }
                </section>
            }
            if !embed {
                <SharePanel query={AttrValue::from(state.query())} config={state.link.config.clone()}
                    shareable={state.results.clone().filter(|r| r.complete && !state.is_running())} />
                <Presets results={state.results.clone()} />
            }
            <ResultsJson published={state.published.clone()} running={state.is_running()} finished={state.finished} />
        </main>
        </ContextProvider<crate::core::i18n::Lang>>
    }
}

/// Starts the driver worker; its events become the reducer's actions.
#[cfg(feature = "threads")]
fn start_engine(dispatcher: UseReducerDispatcher<AppState>) -> Option<Rc<Threads>> {
    use crate::core::engine_protocol::EngineEvent;
    use crate::web::state::FinishedRun;

    let on_event = {
        let dispatcher = dispatcher.clone();
        move |event| {
            dispatcher.dispatch(match event {
                EngineEvent::Ready => Action::PoolReady,
                EngineEvent::Failed { message } => Action::PoolFailed(message),
                EngineEvent::Step { done, total, label } => Action::Step(crate::web::state::Progress { done, total, label }),
                // SAFETY: the driver handed this run over once (`share_run`).
                EngineEvent::Finished { run_address } => Action::RunFinished(unsafe { FinishedRun::from_shared(run_address) }),
                EngineEvent::Error { message } => Action::RunError(message),
                // The engine ends its part of a run itself (`Engine::run`).
                EngineEvent::Done { .. } => return,
                // The engine starts workers itself (`Engine::start`).
                EngineEvent::StartWorkers { .. } => return,
            })
        }
    };
    match Threads::start(on_event) {
        Ok(engine) => Some(Rc::new(engine)),
        Err(message) => {
            dispatcher.dispatch(Action::PoolFailed(message));
            None
        }
    }
}

#[cfg(not(feature = "threads"))]
fn start_engine(dispatcher: UseReducerDispatcher<AppState>) -> Option<Rc<Threads>> {
    dispatcher.dispatch(Action::PoolFailed(
        "this page has no shared memory (it is not cross-origin isolated, or the browser refuses it)".into(),
    ));
    None
}

/// After the page has been hidden this long, idle pool workers are ended
/// (and their memory freed): a background tab should not hold 64 workers.
const RETIRE_HIDDEN_AFTER_MS: i32 = 5 * 60 * 1000;

#[hook]
fn use_retire_workers_when_hidden_long(engine: Rc<std::cell::RefCell<Option<Rc<Threads>>>>) {
    use wasm_bindgen::closure::Closure;
    use_effect_with((), move |_| {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
        // One closure for every timer: a page hidden and shown many times
        // must not leave one behind each time.
        let retire = Closure::<dyn Fn()>::new(move || {
            if web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden()) {
                retire_idle_workers(&engine);
            }
        });
        let timer = std::cell::Cell::new(None::<i32>);
        let on_change = Closure::<dyn Fn()>::new(move || {
            let Some(window) = web_sys::window() else { return };
            if let Some(id) = timer.take() {
                window.clear_timeout_with_handle(id);
            }
            if window.document().is_some_and(|d| d.hidden()) {
                timer.set(
                    window
                        .set_timeout_with_callback_and_timeout_and_arguments_0(retire.as_ref().unchecked_ref(), RETIRE_HIDDEN_AFTER_MS)
                        .ok(),
                );
            }
        });
        let _ = document.add_event_listener_with_callback("visibilitychange", on_change.as_ref().unchecked_ref());
        // Both live as long as the page.
        on_change.forget();
    });
}

fn retire_idle_workers(engine: &std::cell::RefCell<Option<Rc<Threads>>>) {
    crate::web::processes::retire_idle();
    #[cfg(feature = "threads")]
    if let Some(engine) = engine.borrow().as_ref() {
        engine.retire_workers();
    }
    #[cfg(not(feature = "threads"))]
    let _ = engine;
}

/// Results that came with the link, beside the viewer's own.
fn shared_results(state: &AppState) -> Html {
    match &state.shared {
        None => html! {},
        Some(Err(message)) => html! { <p class="alert" role="alert" id="shared-error">{ message }</p> },
        Some(Ok(shared)) => {
            let env = &shared.environment;
            html! {
                <section class="results shared" id="shared-results" aria-label="Shared results">
                    <h2>{ "Results shared with this link" }</h2>
                    <p class="note">{ format!(
                        "Measured on {} logical cores, {}cross-origin isolated, {}. Run the same experiment here to compare: your results appear below.",
                        env.hardware_concurrency, if env.cross_origin_isolated { "" } else { "not " }, env.user_agent) }</p>
                    <ResultsTable results={shared.clone()} id="shared-table" />
                </section>
            }
        }
    }
}

#[derive(Properties, PartialEq)]
struct PoolBadgeProps {
    pool: PoolStatus,
    isolated: bool,
    cores: u32,
}

#[function_component(PoolBadge)]
fn pool_badge(props: &PoolBadgeProps) -> Html {
    let isolation = if props.isolated { "cross-origin isolated" } else { "not cross-origin isolated" };
    let (class, pool) = match &props.pool {
        PoolStatus::Starting => ("badge starting", "starting the threads…".to_string()),
        PoolStatus::Ready => ("badge ready", format!("threads ready: pools of up to {} workers", crate::core::fields::WORKER_LIMITS.end())),
        PoolStatus::Unavailable(reason) => ("badge off", format!("threads off: {reason}")),
    };
    html! {
        <p id="pool-status" class={class} role="status" data-isolated={props.isolated.to_string()}>
            <span>{ isolation }</span>{ " · " }<span>{ pool }</span>{ " · " }
            <span>{ format!("{} logical cores", props.cores) }</span>
        </p>
    }
}
