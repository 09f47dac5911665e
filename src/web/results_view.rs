//! The results as numbers: the table and the sentences that read them.

use yew::prelude::*;

use crate::core::pool_modes::PoolMode;
use crate::core::results::{ResultsDoc, RunRecord};
use crate::core::summary::{
    efficiency_text, human_duration, ideal_ms, optional_duration, speedup_text, summary_rows, BROWSER_CONNECTIONS_PER_HOST,
};
use crate::web::factorial_runner::run_label;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub results: ResultsDoc,
}

#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    pub results: ResultsDoc,
    #[prop_or(AttrValue::Static("results-table"))]
    pub id: AttrValue,
}

#[function_component(ResultsTable)]
pub fn results_table(props: &ResultsTableProps) -> Html {
    html! {
        <div class="table-wrap">
        <table id={props.id.clone()}>
            <caption>{ "Best and median of the counted repeats; speed-up is serial best ÷ this best; efficiency is speed-up ÷ workers. Pool start-up is paid once per worker count, not in the timings; the empty-task run is the same dispatch with tasks that do nothing, on the warm pool." }</caption>
            <thead><tr>
                <th scope="col">{ "mode" }</th><th scope="col">{ "workers" }</th>
                <th scope="col">{ "best" }</th><th scope="col">{ "median" }</th>
                <th scope="col">{ "speed-up" }</th><th scope="col">{ "efficiency" }</th>
                <th scope="col">{ "pool start-up" }</th>
                <th scope="col" title="the same run with tasks that do nothing: the cost of handing tasks out and collecting them">{ "empty-task run" }</th>
                <th scope="col">{ "check" }</th>
            </tr></thead>
            <tbody>
            { for summary_rows(&props.results).into_iter().zip(props.results.runs.iter()).map(|(row, run)| html! {
                <tr data-mode={row.mode.name()} data-workers={row.workers.to_string()}>
                    <th scope="row"><code>{ row.mode.name() }</code></th>
                    <td>{ row.workers }</td>
                    <td>{ human_duration(row.best_ms) }</td>
                    <td>{ human_duration(row.median_ms) }</td>
                    <td>{ speedup_text(row.speedup) }</td>
                    <td>{ efficiency_text(row.efficiency) }</td>
                    <td>{ pool_startup_text(run) }</td>
                    <td>{ optional_duration(row.dispatch_ms) }</td>
                    <td class="check">{ row.check }</td>
                </tr>
            }) }
            </tbody>
        </table>
        </div>
    }
}

/// Pool start-up, cold (workers started for it) or warm (workers reused,
/// with the cold cost this page paid for the same size beside it).
fn pool_startup_text(run: &RunRecord) -> String {
    let Some(startup) = run.pool_startup_ms else { return optional_duration(None) };
    match (run.workers_spawned, run.cold_pool_startup_ms) {
        (Some(0), Some(cold)) => format!("{} warm (cold: {})", human_duration(startup), human_duration(cold)),
        (Some(0), None) => format!("{} warm", human_duration(startup)),
        (Some(spawned), _) => format!("{} cold ({spawned} new worker{})", human_duration(startup), if spawned == 1 { "" } else { "s" }),
        (None, _) => human_duration(startup),
    }
}

/// One sentence (or three) that reads the measurements; nothing canned.
#[function_component(ReadingOfNumbers)]
pub fn reading_of_numbers(props: &ResultsProps) -> Html {
    html! { <p id="reading" class="reading">{ read_numbers(&props.results) }</p> }
}

pub fn read_numbers(results: &ResultsDoc) -> String {
    let reposts = results.experiment == "reposts";
    let (task, pool_word) = if reposts { ("request", "concurrent") } else { ("task", "pool") };
    let mut sentences = Vec::new();
    let serial = results.runs.iter().find(|r| r.mode == PoolMode::Serial);
    let best_pool = results
        .runs
        .iter()
        .filter(|r| r.mode.uses_pool())
        .min_by(|a, b| a.best_ms.total_cmp(&b.best_ms));
    if let Some(serial) = serial {
        let tasks = serial.tasks.len().max(1);
        sentences.push(format!(
            "One after another, the {tasks} {task}s took {} in all, {} per {task} on average.",
            human_duration(serial.best_ms),
            human_duration(serial.best_ms / tasks as f64)
        ));
        if let Some(pool) = best_pool {
            let speedup = serial.best_ms / pool.best_ms;
            let label = run_label(pool.mode, pool.workers);
            let dispatch = pool.dispatch_ms.map(|d| format!(" (the same run with empty tasks took {})", human_duration(d))).unwrap_or_default();
            let ideal = ideal_ms(results, serial.best_ms, pool.workers);
            if speedup < 1.0 {
                sentences.push(format!(
                    "The best {pool_word} run, {label}, was {:.1}× slower than serial{dispatch}: tasks this small cost less to compute than to hand to a worker and collect, so dispatch dominated.",
                    1.0 / speedup
                ));
            } else if reposts && pool.workers > BROWSER_CONNECTIONS_PER_HOST {
                sentences.push(format!(
                    "The best {pool_word} run, {label}, was {speedup:.2}× faster than serial and took {} against an ideal of {}: the browser sends at most {BROWSER_CONNECTIONS_PER_HOST} requests to one host at a time, so more lanes only queue in the browser.",
                    human_duration(pool.best_ms),
                    human_duration(ideal)
                ));
            } else {
                sentences.push(format!(
                    "The best {pool_word} run, {label}, was {speedup:.2}× faster than serial: {} against an ideal of {}.",
                    human_duration(pool.best_ms),
                    human_duration(ideal)
                ));
            }
        }
    } else if let Some(pool) = best_pool {
        sentences.push(format!("The fastest run was {} at {}.", run_label(pool.mode, pool.workers), human_duration(pool.best_ms)));
    }
    if let (Some(apply), Some(serial)) = (results.runs.iter().find(|r| r.mode == PoolMode::Apply), serial) {
        sentences.push(format!(
            "apply waits for each {task} before sending the next, so on {} it took {} against serial's {}.",
            plural_workers(apply.workers),
            human_duration(apply.best_ms),
            human_duration(serial.best_ms)
        ));
    }
    if let Some((workers, startup)) = results
        .runs
        .iter()
        .filter_map(|r| r.pool_startup_ms.map(|s| (r.workers, s)))
        .max_by(|a, b| a.1.total_cmp(&b.1))
    {
        sentences.push(format!(
            "Starting a pool of {} cost {}, paid once and not in these timings (the tutorial paid it in every one).",
            plural_workers(workers),
            human_duration(startup)
        ));
    }
    sentences.join(" ")
}

fn plural_workers(workers: usize) -> String {
    format!("{workers} worker{}", if workers == 1 { "" } else { "s" })
}
