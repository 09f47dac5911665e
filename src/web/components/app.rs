//! The page: one reducer for the state, the pool brought up at start, and the
//! panels (controls, progress, results, charts, results JSON).

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::link::config::{ExperimentKind, Theme, View};
use crate::core::view::reading::verdict;
use crate::web::components::charts::{SpeedupChart, TimeChart, Timeline, Waterfall};
use crate::web::components::controls::{Controls, RunOnly};
use crate::web::components::results_view::{
    BreakdownBars, ReadingOfNumbers, ResultsTable, VerdictSentence,
};
use crate::web::components::share_panel::{Presets, SharePanel};
use crate::web::platform::browser::{location_hash, location_search, on_hash_change, page_base};
use crate::web::platform::i18n::use_lang;
use crate::web::platform::results_json::ResultsJson;
use crate::web::platform::{embed, environment};
use crate::web::runners::factorial::{run_factorial, Threads};
use crate::web::runners::reposts::run_reposts;
use crate::web::state::{run_action, Action, Canceller, PageState, PoolStatus};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        PageState::new(
            environment::detect(),
            &location_search(),
            &location_hash(),
            environment::browser_lang(),
        )
    });
    // The run in progress, and what stops it (browser objects stay out of the state).
    let canceller = use_mut_ref(|| None::<Canceller>);
    let next_run = use_mut_ref(|| 0u64);

    // Bring up the threads engine's driver worker once (the threaded build:
    // the loader chose it because this page can share memory).
    let engine = use_mut_ref(|| None::<Rc<Threads>>);
    // The page's language now, for the engine's failures (they become the
    // pool's status as text).
    let lang_now = use_mut_ref(|| state.lang());
    *lang_now.borrow_mut() = state.lang();
    {
        let (state, engine, lang_now) = (state.clone(), engine.clone(), lang_now.clone());
        use_effect_with((), move |_| {
            *engine.borrow_mut() = start_engine(state.dispatcher(), lang_now);
        });
    }
    use_retire_workers_when_hidden_long(engine.clone());

    let start_run = {
        let state = state.clone();
        let engine = engine.clone();
        let current = canceller.clone();
        Callback::from(move |_: ()| {
            let run = {
                let mut next_run = next_run.borrow_mut();
                *next_run += 1;
                *next_run
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
            let report = move |event| dispatcher.dispatch(run_action(event));
            let threads = match (engine.borrow().as_ref(), &state.pool) {
                (Some(engine), PoolStatus::Ready) => Ok(engine.clone()),
                (_, pool) if pool.threads_off() => Err(pool.reason(lang).unwrap_or_default()),
                _ => Err(lang.text().failures.threads_still_starting.to_string()),
            };
            wasm_bindgen_futures::spawn_local(async move {
                match config.experiment {
                    ExperimentKind::Factorial => {
                        run_factorial(
                            config,
                            threads,
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
        let lang = state.lang();
        use_effect_with((), move |_| {
            let on_theme = {
                let dispatcher = dispatcher.clone();
                move |theme| dispatcher.dispatch(Action::SetField("theme".into(), theme))
            };
            embed::listen_to_parent(
                move |query| dispatcher.dispatch(Action::LoadQuery(query)),
                on_theme,
            );
            embed::report_height();
            embed::post_ready(lang);
        });
    }
    {
        let lang = state.lang();
        use_effect_with(state.finished, move |&finished| {
            if finished > 0 {
                embed::post_results(lang);
            }
        });
    }

    // The address is always a link to what is on screen (with the shared
    // results it came with).
    {
        let query = state.form.query();
        use_effect_with(query, move |query| {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let address = crate::core::link::share::address(query, &location_hash());
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&address),
                );
            }
        });
    }
    // `<html lang>` and the tab's title follow the page's language.
    use_effect_with(state.lang(), |&lang| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(root) = document.document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
            document.set_title(lang.text().page.title);
        }
    });
    // The link's colours: `data-theme` on the root overrides the system's
    // (style.css); the loader in index.html set it already before the app.
    use_effect_with(state.link().config.theme, |&theme| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = match theme {
                Some(theme @ (Theme::Light | Theme::Dark)) => {
                    root.set_attribute("data-theme", theme.name())
                }
                Some(Theme::Auto) | None => root.remove_attribute("data-theme"),
            };
        }
    });
    // A second `#results=` link opened in this tab changes only the fragment.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            on_hash_change(move |fragment| dispatcher.dispatch(Action::LoadShared(fragment)))
        });
    }

    let on_field = {
        let state = state.clone();
        Callback::from(move |(name, value): (String, String)| {
            state.dispatch(Action::SetField(name, value))
        })
    };
    let on_cancel = {
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

    let embed = state.form.embed();
    let full_link = format!("{}?{}", page_base(), state.form.full_page_query());
    let lang = state.lang();
    let text = &lang.text().page;
    if state.link().config.view == Some(View::Minimal) {
        // What a tutorial's paragraph is about: Run, the verdict, one chart.
        return html! {
            <ContextProvider<crate::core::i18n::Lang> context={lang}>
            <main class={classes!("page", "minimal", embed.then_some("embedded"))}>
                <header class="masthead">
                    <h1 class="embed-title">{ text.title }</h1>
                    <a id="open-full" href={full_link} target="_blank" rel="noopener">{ text.open_full }</a>
                </header>
                <RunOnly progress={state.progress.clone()} can_run={state.can_run()}
                    on_run={start_run.reform(|_| ())} {on_cancel} />
                { link_problems(state.link()) }
                if let Some(results) = &state.results {
                    <section class="results" aria-label={text.results_region}>
                        { run_errors(results) }
                        <p id="verdict" class="reading">{ verdict(results, lang) }</p>
                        <TimeChart results={results.clone()} bare=true />
                    </section>
                }
                <ResultsJson published={state.published.clone()} running={state.is_running()} finished={state.finished} />
            </main>
            </ContextProvider<crate::core::i18n::Lang>>
        };
    }
    html! {
        <ContextProvider<crate::core::i18n::Lang> context={lang}>
        <main class={classes!("page", embed.then_some("embedded"))}>
            <header class="masthead">
                if embed {
                    <h1 class="embed-title">{ text.title }</h1>
                    <a id="open-full" href={full_link} target="_blank" rel="noopener">{ text.open_full }</a>
                } else {
                    <h1>{ text.title }</h1>
                    <p class="tagline">{ text.tagline }</p>
                }
                <LangSwitch {lang} on_field={on_field.clone()} />
                <PoolBadge pool={state.pool.clone()} isolated={state.environment.cross_origin_isolated}
                    cores={state.environment.hardware_concurrency} />
            </header>
            <Controls form={state.form.clone()} pool={state.pool.clone()} cores={state.environment.hardware_concurrency}
                progress={state.progress.clone()} can_run={state.can_run()}
                {on_field} on_run={start_run.reform(|_| ())} {on_cancel} compact={embed} />
            { shared_results(&state, lang) }
            if let Some(results) = &state.results {
                <section class="results" aria-label={text.results_region}>
                    { run_errors(results) }
                    <VerdictSentence results={results.clone()} />
                    <details class="reading-more" open=true>
                        <summary>{ text.reading_more }</summary>
                        <ReadingOfNumbers results={results.clone()} />
                    </details>
                    <ResultsTable results={results.clone()} />
                    <SpeedupChart results={results.clone()} />
                    <TimeChart results={results.clone()} />
                    <BreakdownBars results={results.clone()} />
                    <Timeline results={results.clone()} />
                    if results.experiment == ExperimentKind::Reposts {
                        <Waterfall results={results.clone()} />
                    }
                </section>
            }
            if !embed {
                <SharePanel query={AttrValue::from(state.form.query())} config={state.link().config.clone()}
                    shareable={state.results.clone().filter(|r| r.complete && !state.is_running())} />
                <Presets results={state.results.clone()} />
            }
            <ResultsJson published={state.published.clone()} running={state.is_running()} finished={state.finished} />
        </main>
        </ContextProvider<crate::core::i18n::Lang>>
    }
}

/// What went wrong in a run, first in its results.
/// The link's errors (each names its field) and notices where no field
/// shows them (the minimal view): a reader must see why Run is disabled.
fn link_problems(link: &crate::core::link::codec::ParsedLink) -> Html {
    if link.errors.is_empty() && link.notices.is_empty() {
        return html! {};
    }
    html! {
        <div class="alert" role="alert" id="link-problems">
            { for link.errors.iter().map(|e| html!{ <p>{ &e.message }</p> }) }
            if !link.notices.is_empty() {
                <ul class="notices">{ for link.notices.iter().map(|n| html!{ <li>{ n }</li> }) }</ul>
            }
        </div>
    }
}

fn run_errors(results: &crate::core::results::schema::ResultsDoc) -> Html {
    if results.errors.is_empty() {
        return html! {};
    }
    html! {
        <div class="alert" role="alert">{ for results.errors.iter().map(|e| html!{ <p>{ e }</p> }) }</div>
    }
}

/// Starts the driver worker; its events become the reducer's actions (its
/// failures said in the page's language then: `lang`).
#[cfg(feature = "threads")]
fn start_engine(
    dispatcher: UseReducerDispatcher<PageState>,
    lang: Rc<std::cell::RefCell<Lang>>,
) -> Option<Rc<Threads>> {
    use crate::core::run::engine_protocol::EngineEvent;
    use crate::web::state::{finished_run_from_shared, RunEvent};

    let on_event = {
        let (dispatcher, lang) = (dispatcher.clone(), lang.clone());
        move |event| {
            dispatcher.dispatch(match event {
                EngineEvent::Ready => Action::PoolReady,
                EngineEvent::Failed { failure } => Action::PoolFailed(failure.text(*lang.borrow())),
                EngineEvent::Step { done, total, run } => {
                    run_action(RunEvent::Step { done, total, run })
                }
                // SAFETY: the driver handed this run over once (`share_run`).
                EngineEvent::Finished { run_address } => {
                    run_action(RunEvent::Finished(Box::new(unsafe {
                        finished_run_from_shared(run_address)
                    })))
                }
                EngineEvent::Error { failure, run: None } => run_action(RunEvent::Error(failure)),
                EngineEvent::Error {
                    failure: reason,
                    run: Some(run),
                } => run_action(RunEvent::RunFailed { run, reason }),
                EngineEvent::WorkerLost { run, worker } => {
                    run_action(RunEvent::PoolWorkerLost { run, worker })
                }
                EngineEvent::DriverLost { run, reason } => {
                    run_action(RunEvent::DriverLost { run, reason })
                }
                // The engine turns these into `DriverLost` (`Engine::start`).
                EngineEvent::DriverStopped => return,
                // The engine ends its part of a run itself (`Engine::run`).
                EngineEvent::Done { .. } => return,
                // The engine starts workers itself (`Engine::start`).
                EngineEvent::StartWorkers { .. } => return,
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
    _: Rc<std::cell::RefCell<Lang>>,
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
fn use_retire_workers_when_hidden_long(engine: Rc<std::cell::RefCell<Option<Rc<Threads>>>>) {
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
        let timer = std::cell::Cell::new(None::<i32>);
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

fn retire_idle_workers(engine: &std::cell::RefCell<Option<Rc<Threads>>>) {
    crate::web::backends::processes::retire_idle();
    #[cfg(feature = "threads")]
    if let Some(engine) = engine.borrow().as_ref() {
        engine.retire_workers();
    }
    #[cfg(not(feature = "threads"))]
    let _ = engine;
}

/// Results that came with the link, beside the viewer's own.
fn shared_results(state: &PageState, lang: Lang) -> Html {
    let text = &lang.text().page;
    match &state.shared {
        None => html! {},
        Some(Err(error)) => {
            html! { <p class="alert" role="alert" id="shared-error">{ error.text(lang) }</p> }
        }
        Some(Ok(shared)) => {
            let env = &shared.environment;
            html! {
                <section class="results shared" id="shared-results" aria-label={text.shared_heading}>
                    <h2>{ text.shared_heading }</h2>
                    <p class="note">{ (text.shared_note)(env.hardware_concurrency, env.cross_origin_isolated, &env.user_agent) }</p>
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
    let lang = use_lang();
    let text = &lang.text().page;
    let isolation = if props.isolated {
        text.isolated
    } else {
        text.not_isolated
    };
    let (class, pool) = match &props.pool {
        PoolStatus::Starting => ("badge starting", text.threads_starting.to_string()),
        PoolStatus::Ready => (
            "badge ready",
            (text.threads_ready)(*crate::core::link::config::WORKER_LIMITS.end()),
        ),
        off => (
            "badge off",
            (text.threads_off)(&off.reason(lang).unwrap_or_default()),
        ),
    };
    html! {
        <p id="pool-status" class={class} role="status" data-isolated={props.isolated.to_string()}>
            <span>{ isolation }</span>{ " · " }<span>{ pool }</span>{ " · " }
            <span>{ (text.logical_cores)(props.cores) }</span>
        </p>
    }
}

#[derive(Properties, PartialEq)]
struct LangSwitchProps {
    lang: Lang,
    on_field: Callback<(String, String)>,
}

/// 中文 | English: sets the link's `lang`; the page changes language in place.
#[function_component(LangSwitch)]
fn lang_switch(props: &LangSwitchProps) -> Html {
    html! {
        <nav class="lang-switch" aria-label={props.lang.text().page.lang_switch}>
            { for Lang::ALL.iter().map(|&lang| {
                let on_field = props.on_field.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_field.emit(("lang".to_string(), lang.code().to_string())));
                html! {
                    <button type="button" id={format!("lang-{}", lang.code())} lang={lang.code()}
                        aria-pressed={(lang == props.lang).to_string()} {onclick}>{ lang.own_name() }</button>
                }
            }) }
        </nav>
    }
}
