//! The page: one reducer for the state, runs through
//! `runners::orchestration`, the embedding page's messages and the address
//! wired to it, and the panels (controls, progress, results, charts,
//! results JSON).

use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::link::config::{ExperimentKind, Theme, View};
use crate::core::link::fields::FieldId;
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
use crate::web::runners::orchestration::{use_run_orchestration, RunControls};
use crate::web::state::{Action, PageState, PoolStatus};

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
    let RunControls {
        start: start_run,
        cancel: on_cancel,
    } = use_run_orchestration(&state);

    // The message API for an embedding page.
    {
        let dispatcher = state.dispatcher();
        let lang = state.lang();
        use_effect_with((), move |_| {
            let on_theme = {
                let dispatcher = dispatcher.clone();
                move |theme| dispatcher.dispatch(Action::SetTheme(theme))
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
        Callback::from(move |(id, value): (FieldId, String)| {
            state.dispatch(Action::SetField(id, value))
        })
    };
    let on_experiment = {
        let state = state.clone();
        Callback::from(move |experiment| state.dispatch(Action::SetExperiment(experiment)))
    };
    let on_lang = {
        let state = state.clone();
        Callback::from(move |lang| state.dispatch(Action::SetLang(lang)))
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
                <LangSwitch {lang} {on_lang} />
                <PoolBadge pool={state.pool.clone()} isolated={state.environment.cross_origin_isolated}
                    cores={state.environment.hardware_concurrency} />
            </header>
            <Controls form={state.form.clone()} pool={state.pool.clone()} cores={state.environment.hardware_concurrency}
                progress={state.progress.clone()} can_run={state.can_run()}
                {on_field} {on_experiment} on_run={start_run.reform(|_| ())} {on_cancel} compact={embed} />
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
    on_lang: Callback<Lang>,
}

/// 中文 | English: sets the link's `lang`; the page changes language in place.
#[function_component(LangSwitch)]
fn lang_switch(props: &LangSwitchProps) -> Html {
    html! {
        <nav class="lang-switch" aria-label={props.lang.text().page.lang_switch}>
            { for Lang::ALL.iter().map(|&lang| {
                let on_lang = props.on_lang.clone();
                let onclick = Callback::from(move |_: MouseEvent| on_lang.emit(lang));
                html! {
                    <button type="button" id={format!("lang-{}", lang.code())} lang={lang.code()}
                        aria-pressed={(lang == props.lang).to_string()} {onclick}>{ lang.own_name() }</button>
                }
            }) }
        </nav>
    }
}
