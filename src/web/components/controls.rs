//! The experiment's controls: fields with their own messages, Run and Cancel,
//! progress, and a warning before a run that would take long.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::link::config::ExperimentKind;
use crate::core::link::fields::{self, FieldId};
use crate::core::pool::modes::{Backend, PoolMode};
use crate::core::results::summary::human_duration;
use crate::core::run::estimate::{estimate, Estimate};
use crate::core::run::factorial_lab::TRACE_BUDGET_TASKS;
use crate::core::run::factorial_plan::default_backend;
use crate::web::platform::i18n::use_lang;
use crate::web::state::{Form, PoolStatus, Progress};

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The link's fields as typed, and what the link codec made of them.
    pub form: Form,
    /// The threads engine: whether pools of threads can run on this page.
    pub pool: PoolStatus,
    /// Logical cores (`navigator.hardwareConcurrency`).
    pub cores: u32,
    /// Some while a run is going.
    pub progress: Option<Progress>,
    pub can_run: bool,
    /// A field typed anew.
    pub on_field: Callback<(FieldId, String)>,
    /// An experiment's tab.
    pub on_experiment: Callback<ExperimentKind>,
    pub on_run: Callback<()>,
    pub on_cancel: Callback<MouseEvent>,
    /// Embedded: the fields fold away, Run and Cancel stay.
    #[prop_or_default]
    pub compact: bool,
}

/// Runs slower than this get a warning before they start.
const LONG_RUN_MS: f64 = 10_000.0;

#[function_component(Controls)]
pub fn controls(props: &ControlsProps) -> Html {
    let form = &props.form;
    let link = form.link();
    let running = props.progress.is_some();
    let lang = use_lang();
    let text = &lang.text().controls;
    // Labels and hints come from the link's field schema.
    let text_field = |field_id: FieldId| {
        let field = fields::field(link.config.experiment, field_id);
        let on_field = props.on_field.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_field.emit((field_id, input.value()));
        });
        let name = field_id.name();
        let error = link.error_for(name).map(str::to_string);
        let id = format!("field-{name}");
        let error_id = format!("{id}-error");
        html! {
            <div class={classes!("field", error.is_some().then_some("invalid"))}>
                <label for={id.clone()}>{ field.label(lang) }</label>
                <input id={id} name={name} type="text" value={form.field(field_id).to_string()} {oninput}
                    placeholder={field.placeholder(lang)} aria-invalid={error.is_some().to_string()}
                    aria-describedby={error_id.clone()} disabled={running} />
                <p class="field-error" id={error_id} aria-live="polite">{ error.unwrap_or_default() }</p>
            </div>
        }
    };

    let modes_field = {
        let chosen = form.field(FieldId::Modes).to_string();
        let error = link.error_for(FieldId::Modes.name()).map(str::to_string);
        html! {
            <fieldset class={classes!("field", "modes", error.is_some().then_some("invalid"))}>
                <legend>{ fields::field(link.config.experiment, FieldId::Modes).label(lang) }</legend>
                { for PoolMode::ALL.iter().map(|&mode| {
                    let checked = chosen.split(',').any(|m| m.trim() == mode.name());
                    let on_field = props.on_field.clone();
                    let chosen = chosen.clone();
                    let onchange = Callback::from(move |e: Event| {
                        let input: HtmlInputElement = e.target_unchecked_into();
                        let mut modes: Vec<String> = chosen.split(',').map(|m| m.trim().to_string())
                            .filter(|m| PoolMode::parse(m).is_some_and(|known| known != mode)).collect();
                        if input.checked() {
                            modes.push(mode.name().to_string());
                        }
                        on_field.emit((FieldId::Modes, modes.join(",")));
                    });
                    html! {
                        <label class="check">
                            <input type="checkbox" name="mode" value={mode.name()} {checked} {onchange}
                                disabled={running} />
                            <code>{ mode.name() }</code>
                        </label>
                    }
                }) }
                <p class="field-error" id="field-modes-error" aria-live="polite">{ error.unwrap_or_default() }</p>
            </fieldset>
        }
    };

    let backend_field = backend_field(props, &props.on_field, lang);
    let config = &link.config;
    let Estimate {
        runs,
        upper_ms: estimate_ms,
    } = estimate(config, &props.pool);
    // Each run keeps the trace of one repeat: n tasks, for every n of a sweep.
    let traced_tasks = match config.experiment {
        ExperimentKind::Factorial => {
            let per_n = runs / config.n.len().max(1);
            per_n.saturating_mul(config.n.iter().sum::<u64>() as usize)
        }
        ExperimentKind::Reposts => 0,
    };
    let on_run = {
        let on_run = props.on_run.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_run.emit(());
        })
    };

    let experiment = config.experiment;
    let tab = |kind: ExperimentKind, label: &'static str| {
        let on_experiment = props.on_experiment.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_experiment.emit(kind));
        html! {
            <button type="button" role="tab" id={format!("tab-{}", kind.name())} aria-selected={(experiment == kind).to_string()}
                class={classes!("tab", (experiment == kind).then_some("active"))} {onclick} disabled={running}>{ label }</button>
        }
    };
    let fields = match experiment {
        ExperimentKind::Factorial => html! {
            <div class="grid">
                { text_field(FieldId::N) }
                { text_field(FieldId::Workers) }
                { text_field(FieldId::Repeat) }
                { text_field(FieldId::Chunk) }
            </div>
        },
        ExperimentKind::Reposts => html! {
            <>
            <div class="grid">
                { text_field(FieldId::Pages) }
                { text_field(FieldId::Count) }
                { text_field(FieldId::Latency) }
                { text_field(FieldId::Jitter) }
                { text_field(FieldId::Workers) }
                { text_field(FieldId::Repeat) }
                { text_field(FieldId::Retries) }
                { text_field(FieldId::Mid) }
            </div>
            <details class="advanced">
                <summary>{ text.advanced_api }</summary>
                <div class="grid">
                    { text_field(FieldId::Api) }
                    { text_field(FieldId::Token) }
                </div>
            </details>
            </>
        },
    };

    html! {
        <form class="controls" onsubmit={on_run} aria-label={text.experiment}>
            <details class="fields" open={!props.compact}>
            <summary>{ text.settings }</summary>
            <div class="tabs" role="tablist" aria-label={text.experiment}>
                { tab(ExperimentKind::Factorial, text.tab_factorial) }
                { tab(ExperimentKind::Reposts, text.tab_reposts) }
            </div>
            { fields }
            { modes_field }
            if experiment == ExperimentKind::Factorial { { backend_field } }
            </details>
            if !link.notices.is_empty() {
                <ul class="notices">{ for link.notices.iter().map(|n| html!{ <li>{ n }</li> }) }</ul>
            }
            if experiment == ExperimentKind::Factorial
                && config.workers.iter().any(|&k| k as u32 > props.cores)
            {
                <p class="note">{ (text.oversubscribed)(props.cores) }</p>
            }
            if estimate_ms > LONG_RUN_MS && link.errors.is_empty() {
                <p class="warning" id="estimate-warning" role="alert">{
                    (text.long_run)(&human_duration(estimate_ms), runs, config.repeat.count()) }</p>
            }
            if traced_tasks > TRACE_BUDGET_TASKS && link.errors.is_empty() {
                <p class="note" id="trace-budget-note">{ (text.over_trace_budget)(
                    &lang.number(traced_tasks as f64, 0), &lang.number(TRACE_BUDGET_TASKS as f64, 0)) }</p>
            }
            { run_actions(props, lang) }
        </form>
    }
}

#[derive(Properties, PartialEq)]
pub struct RunOnlyProps {
    pub progress: Option<Progress>,
    pub can_run: bool,
    pub on_run: Callback<()>,
    pub on_cancel: Callback<MouseEvent>,
}

/// The minimal view's controls: Run and Cancel, and the progress.
#[function_component(RunOnly)]
pub fn run_only(props: &RunOnlyProps) -> Html {
    let lang = use_lang();
    let on_run = props.on_run.reform(|e: SubmitEvent| e.prevent_default());
    let actions = ActionsProps {
        progress: &props.progress,
        can_run: props.can_run,
        on_cancel: &props.on_cancel,
    };
    html! {
        <form class="controls minimal" onsubmit={on_run} aria-label={lang.text().controls.experiment}>
            { actions_html(actions, lang) }
        </form>
    }
}

struct ActionsProps<'a> {
    progress: &'a Option<Progress>,
    can_run: bool,
    on_cancel: &'a Callback<MouseEvent>,
}

fn run_actions(props: &ControlsProps, lang: Lang) -> Html {
    actions_html(
        ActionsProps {
            progress: &props.progress,
            can_run: props.can_run,
            on_cancel: &props.on_cancel,
        },
        lang,
    )
}

/// Run (the form's submit), Cancel, and the progress of a run.
fn actions_html(props: ActionsProps, lang: Lang) -> Html {
    let text = &lang.text().controls;
    let running = props.progress.is_some();
    html! {
        <div class="actions">
            <button type="submit" id="run" class="primary" disabled={!props.can_run}>{ text.run }</button>
            <button type="button" id="cancel" onclick={props.on_cancel.clone()} disabled={!running}>{ text.cancel }</button>
            if let Some(progress) = props.progress {
                <progress id="progress" max={progress.total.max(1).to_string()} value={progress.done.to_string()} />
                <span id="progress-label" aria-live="polite">{ (text.progress)(progress.done, progress.total,
                    &progress.run.map_or(text.starting.to_string(), |run| run.label(lang))) }</span>
            }
        </div>
    }
}

/// Threads, processes or both: the pools the factorial lab runs on. Empty
/// means the page's default, shown checked.
fn backend_field(
    props: &ControlsProps,
    on_field: &Callback<(FieldId, String)>,
    lang: Lang,
) -> Html {
    let text = &lang.text().controls;
    let threads_available = !props.pool.threads_off();
    let running = props.progress.is_some();
    let typed = props.form.field(FieldId::Backend).to_string();
    let chosen: Vec<Backend> = match &props.form.link().config.backends {
        Some(backends) => backends.clone(),
        None => vec![default_backend(&props.pool)],
    };
    let error = props
        .form
        .link()
        .error_for(FieldId::Backend.name())
        .map(str::to_string);
    let threads_note = (chosen.contains(&Backend::Threads) && !threads_available)
        .then(|| (text.threads_skipped)(&props.pool.reason(lang).unwrap_or_default()));
    html! {
        <fieldset class={classes!("field", "backends", error.is_some().then_some("invalid"))}>
            <legend>{ fields::field(ExperimentKind::Factorial, FieldId::Backend).label(lang) }</legend>
            { for Backend::ALL.iter().map(|&backend| {
                let checked = chosen.contains(&backend);
                let on_field = on_field.clone();
                let chosen = chosen.clone();
                let onchange = Callback::from(move |e: Event| {
                    let input: HtmlInputElement = e.target_unchecked_into();
                    let names: Vec<&str> = Backend::ALL.iter()
                        .filter(|&&b| if b == backend { input.checked() } else { chosen.contains(&b) })
                        .map(|b| b.name()).collect();
                    on_field.emit((FieldId::Backend, names.join(",")));
                });
                let hint = match backend {
                    Backend::Threads => text.threads_hint,
                    Backend::Processes => text.processes_hint,
                };
                html! {
                    <label class="check" title={hint}>
                        <input type="checkbox" name="backend" value={backend.name()} {checked} {onchange}
                            disabled={running} />
                        <code>{ backend.name() }</code>
                        if backend == Backend::Threads && !threads_available { <span class="unavailable">{ text.not_on_this_page }</span> }
                    </label>
                }
            }) }
            if typed.is_empty() { <span class="hint">{ text.default_for_page }</span> }
            <p class="field-error" id="field-backend-error" aria-live="polite">{ error.or(threads_note).unwrap_or_default() }</p>
        </fieldset>
    }
}
