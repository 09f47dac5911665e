//! The results as numbers on the page: the table with its intervals and
//! the sentences that read them. Only markup: the figures and words come
//! from `core::summary` and `core::reading`, tested natively.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::reading::read_numbers;
use crate::core::results::ResultsDoc;
use crate::core::stats::{Speedup, Verdict};
use crate::core::summary::{
    human_duration, interval_text, notes_text, optional_duration, percent_text, pool_startup_text, speedup_text,
    summary_rows,
};

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub results: Rc<ResultsDoc>,
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
    let rows = summary_rows(&props.results);
    // Columns with nothing to say (the repost lab has no pools to start) are left out.
    let startup = rows.iter().any(|r| r.pool_startup_ms.is_some());
    let dispatch = rows.iter().any(|r| r.dispatch_ms.is_some());
    let notes: Vec<String> = rows.iter().map(notes_text).collect();
    let any_notes = notes.iter().any(|n| !n.is_empty());
    html! {
        <>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Results table (scrolls sideways)">
        <table id={props.id.clone()}>
            <caption class="sr-only">{ "Per mode and worker count, over the counted repeats; intervals are 95% (explained below the table)." }</caption>
            <thead><tr>
                <th scope="col">{ "mode" }</th><th scope="col">{ "workers" }</th>
                <th scope="col">{ "best" }</th><th scope="col">{ "median" }</th>
                <th scope="col">{ "95% CI" }</th>
                <th scope="col">{ "speed-up (95% CI)" }</th><th scope="col">{ "of ideal" }</th>
                if startup { <th scope="col">{ "pool start-up" }</th> }
                if dispatch {
                    <th scope="col" title="the same run with tasks that do nothing: the cost of handing tasks out and collecting them">{ "empty-task run" }</th>
                }
                if any_notes { <th scope="col">{ "notes" }</th> }
                <th scope="col">{ "check" }</th>
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
                    if startup { <td>{ pool_startup_text(run) }</td> }
                    if dispatch { <td>{ optional_duration(row.dispatch_ms) }</td> }
                    if any_notes { <td class={classes!("notes", marked.then_some("warning"))}>{ notes }</td> }
                    <td class="check">{ row.check }</td>
                </tr>
            }}) }
            </tbody>
        </table>
        </div>
        <p class="note table-note">{ "Best and median of the counted repeats; 95% CI: the confidence interval of the median from order statistics (six repeats at least). \
Speed-up is serial median ÷ this median, in brackets its 95% interval: real only when the whole interval is above 1 (green) or below 1 (red); otherwise there is no measurable difference. \
Of ideal: the ideal time (serial ÷ min(workers, logical cores)) ÷ this median. Pool start-up is paid once per worker count, not in the timings; \
the empty-task run is the same dispatch with tasks that do nothing, on the warm pool." }</p>
        </>
    }
}

/// A few sentences that read the measurements (see `core::reading`).
#[function_component(ReadingOfNumbers)]
pub fn reading_of_numbers(props: &ResultsProps) -> Html {
    html! { <p id="reading" class="reading">{ read_numbers(&props.results) }</p> }
}
