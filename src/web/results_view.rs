//! The results as numbers on the page: the table with its intervals and
//! the sentences that read them. Only markup: the figures and words come
//! from `core::summary` and `core::reading`, tested natively.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::reading::read_numbers;
use crate::core::results::ResultsDoc;
use crate::core::stats::{Speedup, Verdict};
use crate::core::summary::{
    check_text, human_duration, ideal_text, interval_text, notes_text, optional_duration,
    percent_text, pool_startup_text, speedup_text, summary_rows,
};
use crate::web::i18n::use_lang;

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

#[function_component(ResultsTable)]
pub fn results_table(props: &ResultsTableProps) -> Html {
    let lang = use_lang();
    let text = &lang.text().table;
    let rows = summary_rows(&props.results);
    // Columns with nothing to say (the repost lab has no pools to start) are left out.
    let startup = rows.iter().any(|r| r.pool_startup_ms.is_some());
    let dispatch = rows.iter().any(|r| r.dispatch_ms.is_some());
    let notes: Vec<String> = rows.iter().map(|row| notes_text(row, lang)).collect();
    let any_notes = notes.iter().any(|n| !n.is_empty());
    html! {
        <>
        <div class="table-wrap" tabindex="0" role="region" aria-label={text.region}>
        <table id={props.id.clone()}>
            <caption class="sr-only">{ text.caption }</caption>
            <thead><tr>
                <th scope="col">{ text.mode }</th><th scope="col">{ text.workers }</th>
                <th scope="col">{ text.best }</th><th scope="col">{ text.median }</th>
                <th scope="col">{ text.ci95 }</th>
                <th scope="col">{ text.speedup }</th><th scope="col">{ text.of_ideal }</th>
                if startup { <th scope="col">{ text.pool_startup }</th> }
                if dispatch {
                    <th scope="col" title={text.empty_task_run_title}>{ text.empty_task_run }</th>
                }
                if any_notes { <th scope="col">{ text.notes }</th> }
                <th scope="col">{ text.check }</th>
            </tr></thead>
            <tbody>
            { for rows.into_iter().zip(notes).zip(props.results.runs.iter()).map(|((row, notes), run)| {
                let marked = row.at_clock_limit || row.hidden;
                html! {
                <tr data-mode={row.mode.name()} data-workers={row.workers.to_string()} data-backend={row.backend.map(|b| b.name())}
                    class={classes!(row.at_clock_limit.then_some("at-clock-limit"), row.hidden.then_some("hidden-run"))}>
                    <th scope="row"><code>{ row.mode.name() }</code>
                        if let Some(backend) = row.backend { <span class={classes!("backend", backend.name())}>{ backend.name() }</span> }</th>
                    <td>{ row.workers }</td>
                    <td>{ human_duration(row.best_ms) }</td>
                    <td>{ human_duration(row.median_ms) }</td>
                    <td class="interval">{ interval_text(row.ci95_ms) }</td>
                    <td class={classes!("speedup", verdict_class(row.speedup))}>{ speedup_text(row.speedup) }</td>
                    <td>{ percent_text(row.of_ideal) }</td>
                    if startup { <td>{ pool_startup_text(run, lang) }</td> }
                    if dispatch { <td>{ optional_duration(row.dispatch_ms) }</td> }
                    if any_notes { <td class={classes!("notes", marked.then_some("warning"))}>{ notes }</td> }
                    <td class="check">{ check_text(&row.check, lang) }</td>
                </tr>
            }}) }
            </tbody>
        </table>
        </div>
        <p class="note table-note">{ (text.note)(ideal_text(props.results.experiment, lang)) }</p>
        </>
    }
}

/// A few sentences that read the measurements (see `core::reading`).
#[function_component(ReadingOfNumbers)]
pub fn reading_of_numbers(props: &ResultsProps) -> Html {
    let lang = use_lang();
    html! { <p id="reading" class="reading">{ read_numbers(&props.results, lang) }</p> }
}
