//! The results as numbers on the page: the table with its intervals and
//! the sentences that read them. Only markup: the figures and words come
//! from `core::results::summary` and `core::view::reading`, tested natively.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::results::schema::ResultsDoc;
use crate::core::results::stats::{Speedup, Verdict};
use crate::core::results::summary::{
    check_text, human_duration, ideal_text, interval_text, notes_text, optional_duration,
    percent_text, pool_startup_text, speedup_text, summary_rows,
};
use crate::core::run::repeats::RepeatStop;
use crate::core::view::reading::{read_numbers, verdict};
use crate::web::platform::i18n::use_lang;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub results: Rc<ResultsDoc>,
    /// The figure alone, without its own controls (the minimal view).
    #[prop_or_default]
    pub bare: bool,
}

#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    pub results: Rc<ResultsDoc>,
    #[prop_or(AttrValue::Static("results-table"))]
    pub id: AttrValue,
}

/// A class for what a speed-up's interval supports.
fn verdict_class(speedup: Option<Speedup>) -> Option<&'static str> {
    match speedup?.verdict() {
        Verdict::Faster => Some("faster"),
        Verdict::Slower => Some("slower"),
        Verdict::NoDifference => Some("no-difference"),
        Verdict::NoInterval => None,
    }
}

/// `9 · ±5%`: the repeats and why they stopped.
fn repeats_text(repeats: usize, stop: Option<RepeatStop>, lang: crate::core::i18n::Lang) -> String {
    let text = &lang.text().table;
    match stop {
        Some(RepeatStop::Precision) => format!("{repeats} · {}", text.stop_precision),
        Some(RepeatStop::Budget) => format!("{repeats} · {}", text.stop_budget),
        Some(RepeatStop::Count) => format!("{repeats} · {}", text.stop_count),
        None => repeats.to_string(),
    }
}

/// The primary columns fit 1280 px; the secondary ones (start-up, the
/// empty-task run, notes, check) show on request. They stay in the DOM
/// (hidden by CSS), so the page's text and exports keep them.
#[function_component(ResultsTable)]
pub fn results_table(props: &ResultsTableProps) -> Html {
    let lang = use_lang();
    let text = &lang.text().table;
    let all_columns = use_state(|| false);
    let toggle = {
        let all_columns = all_columns.clone();
        Callback::from(move |_| all_columns.set(!*all_columns))
    };
    let rows = summary_rows(&props.results);
    let sweep = {
        let mut sizes: Vec<u64> = rows.iter().filter_map(|r| r.n).collect();
        sizes.sort_unstable();
        sizes.dedup();
        sizes.len() > 1
    };
    // Columns with nothing to say (the repost lab has no pools to start) are left out.
    let startup = rows.iter().any(|r| r.pool_startup_ms.is_some());
    let dispatch = rows.iter().any(|r| r.dispatch_ms.is_some());
    let notes: Vec<String> = rows.iter().map(|row| notes_text(row, lang)).collect();
    let any_notes = notes.iter().any(|n| !n.is_empty());
    html! {
        <>
        <button type="button" class="columns-toggle" id={format!("{}-columns", props.id)}
            aria-pressed={all_columns.to_string()} onclick={toggle}>{ text.all_columns }</button>
        <div class="table-wrap" tabindex="0" role="region" aria-label={text.region}>
        <table id={props.id.clone()} class={classes!((*all_columns).then_some("all-columns"))}>
            <caption class="sr-only">{ text.caption }</caption>
            <thead><tr>
                <th scope="col">{ text.mode }</th><th scope="col">{ text.workers }</th>
                <th scope="col">{ text.best }</th><th scope="col">{ text.median }</th>
                if sweep { <th scope="col" class="n">{ text.n }</th> }
                <th scope="col">{ text.ci95 }</th>
                <th scope="col">{ text.speedup }</th><th scope="col">{ text.of_ideal }</th>
                <th scope="col">{ text.repeats }</th>
                if startup { <th scope="col" class="secondary">{ text.pool_startup }</th> }
                if dispatch {
                    <th scope="col" class="secondary" title={text.empty_task_run_title}>{ text.empty_task_run }</th>
                }
                if any_notes { <th scope="col" class="secondary">{ text.notes }</th> }
                <th scope="col" class="secondary">{ text.check }</th>
            </tr></thead>
            <tbody>
            { for rows.into_iter().zip(notes).zip(props.results.runs.iter()).map(|((row, notes), run)| {
                let marked = row.at_clock_limit || row.hidden;
                html! {
                <tr data-mode={row.mode.name()} data-workers={row.workers.to_string()} data-backend={row.backend.map(|b| b.name())}
                    data-n={row.n.map(|n| n.to_string())}
                    class={classes!(row.at_clock_limit.then_some("at-clock-limit"), row.hidden.then_some("hidden-run"))}>
                    <th scope="row"><code>{ row.mode.name() }</code>
                        if let Some(backend) = row.backend { <span class={classes!("backend", backend.name())}>{ backend.name() }</span> }</th>
                    <td>{ row.workers }</td>
                    <td>{ human_duration(row.best_ms) }</td>
                    <td>{ human_duration(row.median_ms) }</td>
                    if sweep { <td class="n">{ row.n.map(|n| n.to_string()).unwrap_or_default() }</td> }
                    <td class="interval">{ interval_text(row.ci95_ms) }</td>
                    <td class={classes!("speedup", verdict_class(row.speedup))}>{ speedup_text(row.speedup) }</td>
                    <td>{ percent_text(row.of_ideal) }</td>
                    <td class="repeats">{ repeats_text(row.repeats, run.repeat_stop, lang) }</td>
                    if startup { <td class="secondary">{ pool_startup_text(run, lang) }</td> }
                    if dispatch { <td class="secondary">{ optional_duration(row.dispatch_ms) }</td> }
                    if any_notes { <td class={classes!("notes", "secondary", marked.then_some("warning"))}>{ notes }</td> }
                    <td class="check secondary">{ check_text(&row.check, lang) }</td>
                </tr>
            }}) }
            </tbody>
        </table>
        </div>
        <p class="note table-note">{ (text.note)(ideal_text(props.results.experiment, lang)) }</p>
        </>
    }
}

/// The answer first: one sentence (see `core::view::reading::verdict`).
#[function_component(VerdictSentence)]
pub fn verdict_sentence(props: &ResultsProps) -> Html {
    let lang = use_lang();
    html! { <p id="verdict" class="verdict">{ verdict(&props.results, lang) }</p> }
}

/// Where each pool run's worker time went (`core::results::breakdown`): one stacked
/// bar per run, of workers × wall time: the work, tasks slower than in
/// serial, and waiting.
#[function_component(BreakdownBars)]
pub fn breakdown_bars(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let text = &lang.text().table;
    let bars: Vec<Html> = props
        .results
        .runs
        .iter()
        .filter_map(|run| {
            let b = run.breakdown?;
            let work = b.work_ms?;
            let total = run.workers as f64 * b.wall_ms;
            if !total.is_finite() || total <= 0.0 {
                return None;
            }
            // Tasks faster than serial (a warmer cache) show as work alone.
            let work_part = work.min(b.busy_ms);
            let slower = (b.busy_ms - work).max(0.0);
            let idle = b.idle_ms.max(0.0);
            let pct = |ms: f64| format!("width:{:.2}%", 100.0 * ms / total);
            let label = crate::core::results::summary::record_label(lang, run);
            let label = match run.n {
                Some(n) => format!("{label} · n = {n}"),
                None => label,
            };
            let title = format!(
                "{}: {} · {}: {} · {}: {}",
                text.breakdown_work,
                human_duration(work_part),
                text.breakdown_slower,
                human_duration(slower),
                text.breakdown_idle,
                human_duration(idle)
            );
            Some(html! {
                <div class="breakdown-row" data-mode={run.mode.name()} data-workers={run.workers.to_string()}>
                    <span class="breakdown-label">{ label }</span>
                    <span class="breakdown-bar" role="img" aria-label={title.clone()} title={title}>
                        <span class="work" style={pct(work_part)}></span>
                        <span class="slower" style={pct(slower)}></span>
                        <span class="idle" style={pct(idle)}></span>
                    </span>
                </div>
            })
        })
        .collect();
    if bars.is_empty() {
        return html! {};
    }
    html! {
        <section id="breakdown" class="breakdown" aria-label={text.breakdown_title}>
            <h2>{ text.breakdown_title }</h2>
            <p class="breakdown-legend">
                <span class="key work"></span>{ text.breakdown_work }
                <span class="key slower"></span>{ text.breakdown_slower }
                <span class="key idle"></span>{ text.breakdown_idle }
            </p>
            { for bars }
            <p class="note">{ text.breakdown_note }</p>
        </section>
    }
}

/// A few sentences that read the measurements (see `core::view::reading`).
#[function_component(ReadingOfNumbers)]
pub fn reading_of_numbers(props: &ResultsProps) -> Html {
    let lang = use_lang();
    html! { <p id="reading" class="reading">{ read_numbers(&props.results, lang) }</p> }
}
