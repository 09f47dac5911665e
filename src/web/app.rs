//! The page: one reducer for the state, the pool brought up at start, and the
//! panels (controls, progress, results, charts, results JSON).

use yew::prelude::*;

use crate::core::link::ExperimentKind;
use crate::web::charts::{TimeChart, Timeline, Waterfall};
use crate::web::controls::Controls;
use crate::web::browser::{location_hash, location_search, page_base};
use crate::web::share_panel::{Presets, SharePanel};
use crate::web::{embed, environment};
use crate::web::factorial_runner::{run_factorial, RunEvent};
use crate::web::repost_runner::run_reposts;
use crate::web::results_view::{ReadingOfNumbers, ResultsJson, ResultsTable};
use crate::web::state::{Action, AppState, Canceller, PoolStatus, Progress};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState::new(environment::detect(), &location_search(), &location_hash()));

    // Bring up the driver pool once.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let environment = state.environment.clone();
            if !environment.cross_origin_isolated {
                state.dispatch(Action::PoolFailed(
                    "this page is not cross-origin isolated, so the browser offers no shared memory for threads".into(),
                ));
            } else {
                start_driver_pool(state, environment.hardware_concurrency as usize);
            }
        });
    }

    let start_run = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            if !state.can_run() {
                return;
            }
            let canceller = Canceller::new();
            let threads = matches!(state.pool, PoolStatus::Ready { .. });
            state.dispatch(Action::Start(canceller.clone()));
            let config = state.link.config.clone();
            let dispatcher = state.dispatcher();
            // TEMP wiring (issue 10): a run is marked hidden if the page was hidden while it ran.
            let visibility = std::cell::Cell::new(crate::web::clock_probe::visibility_mark());
            let report = move |event| {
                dispatcher.dispatch(match event {
                    RunEvent::Step { done, total, label } => {
                        visibility.set(crate::web::clock_probe::visibility_mark());
                        Action::Step(Progress { done, total, label })
                    }
                    RunEvent::Finished(mut record) => {
                        record.hidden = crate::web::clock_probe::hidden_since(visibility.get());
                        Action::RunFinished(record)
                    }
                    RunEvent::Error(message) => Action::RunError(message),
                    RunEvent::Done { .. } => Action::Done,
                })
            };
            wasm_bindgen_futures::spawn_local(async move {
                match config.experiment {
                    ExperimentKind::Factorial => {
                        run_factorial(config, canceller.flag, canceller.abort.signal(), threads, report).await
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
        let results = state.results.clone();
        use_effect_with(state.finished, move |&finished| {
            if let (true, Some(results)) = (finished > 0, results) {
                embed::post_results(&results);
            }
        });
    }

    // The address is always a link to what is on screen.
    {
        let query = state.query();
        use_effect_with(query, move |query| {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("?{query}")));
            }
        });
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
    html! {
        <main class={classes!("page", embed.then_some("embedded"))}>
            <header class="masthead">
                if embed {
                    <p class="embed-title"><strong>{ "Parallel playground" }</strong>{ " · " }
                        <a id="open-full" href={full_link} target="_blank" rel="noopener">{ "open full playground ↗" }</a></p>
                } else {
                    <h1>{ "Parallel playground" }</h1>
                    <p class="tagline">{ "Python's multiprocessing.Pool tutorial, re-run in your browser on a web-worker thread pool." }</p>
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
                    if results.experiment == "reposts" {
                        <Waterfall results={results.clone()} />
                    }
                </section>
            }
            if !embed {
                <SharePanel state={state.clone()} />
                <Presets results={state.results.clone()} />
            }
            <ResultsJson results={state.results.clone()} />
        </main>
    }
}

/// Brings up the driver pool (the threaded build on an isolated page).
#[cfg(feature = "threads")]
fn start_driver_pool(state: UseReducerHandle<AppState>, threads: usize) {
    let threads = threads.max(1);
    wasm_bindgen_futures::spawn_local(async move {
        match crate::web::threads::init_driver_pool(threads).await {
            Ok(()) => state.dispatch(Action::PoolReady(threads)),
            Err(err) => state.dispatch(Action::PoolFailed(crate::web::browser::js_error_text(&err))),
        }
    });
}

#[cfg(not(feature = "threads"))]
fn start_driver_pool(state: UseReducerHandle<AppState>, _threads: usize) {
    state.dispatch(Action::PoolFailed("this is the build without threads".into()));
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
        PoolStatus::Starting => ("badge starting", "starting the thread pool…".to_string()),
        PoolStatus::Ready { threads } => ("badge ready", format!("thread pool ready: {threads} workers")),
        PoolStatus::Unavailable(reason) => ("badge off", format!("threads off: {reason}")),
    };
    html! {
        <p id="pool-status" class={class} role="status" data-isolated={props.isolated.to_string()}>
            <span>{ isolation }</span>{ " · " }<span>{ pool }</span>{ " · " }
            <span>{ format!("{} logical cores", props.cores) }</span>
        </p>
    }
}
