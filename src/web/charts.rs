//! The results as pictures, drawn as SVG by yew itself (a charting crate would
//! add hundreds of KB of wasm for two simple plots):
//! time against worker count per mode with the ideal, and a per-worker timeline.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::core::pool_modes::PoolMode;
use crate::core::results::ResultsDoc;
use crate::core::summary::{human_duration, ideal_ms, BROWSER_CONNECTIONS_PER_HOST};
use crate::web::factorial_runner::run_label;
use crate::web::results_view::ResultsProps;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 280.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 120.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

fn mode_class(mode: PoolMode) -> &'static str {
    match mode {
        PoolMode::Serial => "series serial",
        PoolMode::Apply => "series apply",
        PoolMode::ApplyAsync => "series apply-async",
        PoolMode::Map => "series map",
        PoolMode::MapAsync => "series map-async",
    }
}

/// Best time against worker count, one line per mode, serial and serial ÷ k drawn in.
#[function_component(TimeChart)]
pub fn time_chart(props: &ResultsProps) -> Html {
    let results = &props.results;
    let mut worker_counts: Vec<usize> = results.runs.iter().filter(|r| r.mode.uses_pool()).map(|r| r.workers).collect();
    worker_counts.sort_unstable();
    worker_counts.dedup();
    if worker_counts.is_empty() {
        return html! {};
    }
    let serial = results.runs.iter().find(|r| r.mode == PoolMode::Serial).map(|r| r.best_ms);
    let max_ms = results.runs.iter().map(|r| r.best_ms).fold(serial.unwrap_or(0.0), f64::max).max(1e-3);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| LEFT + if worker_counts.len() == 1 { plot_w / 2.0 } else { plot_w * i as f64 / (worker_counts.len() - 1) as f64 };
    let y = |ms: f64| TOP + plot_h * (1.0 - ms / (max_ms * 1.05));
    let index_of = |k: usize| worker_counts.iter().position(|&w| w == k).unwrap_or(0);

    let lines = PoolMode::ALL.iter().filter(|m| m.uses_pool()).filter_map(|&mode| {
        let points: Vec<(f64, f64, String)> = results
            .runs
            .iter()
            .filter(|r| r.mode == mode)
            .map(|r| (x(index_of(r.workers)), y(r.best_ms), format!("{}: {}", run_label(mode, r.workers), human_duration(r.best_ms))))
            .collect();
        let (last_x, last_y, _) = points.last()?.clone();
        let path = points.iter().map(|(px, py, _)| format!("{px:.1},{py:.1}")).collect::<Vec<_>>().join(" ");
        Some(html! {
            <g class={mode_class(mode)}>
                <polyline points={path} fill="none" />
                { for points.iter().map(|(px, py, label)| html! {
                    <circle cx={format!("{px:.1}")} cy={format!("{py:.1}")} r="4"><title>{ label }</title></circle>
                }) }
                <text x={format!("{:.1}", last_x + 8.0)} y={format!("{:.1}", last_y + 4.0)}>{ mode.name() }</text>
            </g>
        })
    });
    let ideal_text = if results.experiment == "reposts" {
        "ideal: the probe, then ceil(pages ÷ lanes) waves of one request, at most 6 lanes per host"
    } else {
        "ideal: serial ÷ workers"
    };
    let ideal = serial.map(|s| {
        let path = worker_counts
            .iter()
            .enumerate()
            .map(|(i, &k)| format!("{:.1},{:.1}", x(i), y(ideal_ms(results, s, k))))
            .collect::<Vec<_>>()
            .join(" ");
        html! {
            <g class="series serial">
                <line x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()} y1={format!("{:.1}", y(s))} y2={format!("{:.1}", y(s))} />
                <text x={format!("{:.1}", WIDTH - RIGHT + 8.0)} y={format!("{:.1}", y(s) + 4.0)}>{ "serial" }</text>
                <polyline class="ideal" points={path} fill="none"><title>{ ideal_text }</title></polyline>
            </g>
        }
    });
    html! {
        <figure class="chart">
            <svg id="time-chart" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                aria-label="Best time against worker count, one line per mode; dashed: the ideal, serial divided by workers">
                <line class="axis" x1={LEFT.to_string()} y1={(HEIGHT - BOTTOM).to_string()} x2={(WIDTH - RIGHT).to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                <line class="axis" x1={LEFT.to_string()} y1={TOP.to_string()} x2={LEFT.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
                { for (0..=4).map(|t| {
                    let ms = max_ms * 1.05 * t as f64 / 4.0;
                    html! { <text class="tick" x={(LEFT - 6.0).to_string()} y={format!("{:.1}", y(ms) + 4.0)} text-anchor="end">{ human_duration(ms) }</text> }
                }) }
                { for worker_counts.iter().enumerate().map(|(i, k)| html! {
                    <text class="tick" x={format!("{:.1}", x(i))} y={(HEIGHT - BOTTOM + 16.0).to_string()} text-anchor="middle">{ k }</text>
                }) }
                <text class="axis-label" x={format!("{:.1}", LEFT + plot_w / 2.0)} y={(HEIGHT - 4.0).to_string()} text-anchor="middle">{ "workers" }</text>
                { ideal.unwrap_or_default() }
                { for lines }
            </svg>
            <figcaption>{ format!("Best time per worker count. Dashed: the {ideal_text}.").replace("the ideal: ", "ideal, ") }</figcaption>
        </figure>
    }
}

/// The run a chart shows: the one picked, else the latest.
#[hook]
fn use_chosen_run(runs: usize) -> (UseStateHandle<Option<usize>>, usize) {
    let chosen = use_state(|| None::<usize>);
    let latest = runs.saturating_sub(1);
    let index = chosen.unwrap_or(latest).min(latest);
    (chosen, index)
}

/// A labelled choice of one run of the results; `chosen` holds the pick.
fn run_picker(id: &'static str, label: &'static str, results: &ResultsDoc, index: usize, chosen: &UseStateHandle<Option<usize>>) -> Html {
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            chosen.set(select.value().parse().ok());
        })
    };
    html! {
        <>
            <label for={id}>{ label }</label>
            <select {id} {onchange}>
                { for results.runs.iter().enumerate().map(|(i, r)| html! {
                    <option value={i.to_string()} selected={i == index}>{ run_label(r.mode, r.workers) }</option>
                }) }
            </select>
        </>
    }
}

/// One lane per worker, one bar per task, for the chosen run's last repeat.
#[function_component(Timeline)]
pub fn timeline(props: &ResultsProps) -> Html {
    let results: &ResultsDoc = &props.results;
    let (chosen, index) = use_chosen_run(results.runs.len());
    let Some(run) = results.runs.get(index) else {
        return html! {};
    };
    let lanes = run.tasks.iter().map(|t| t.worker + 1).max().unwrap_or(1).max(run.workers);
    let end = run.tasks.iter().map(|t| t.end_ms).fold(1e-3, f64::max);
    let lane_h = 22.0;
    let height = TOP + lane_h * lanes as f64 + BOTTOM;
    let plot_w = WIDTH - LEFT - 16.0;
    let x = |ms: f64| LEFT + plot_w * ms / end;
    html! {
        <figure class="chart timeline">
            { run_picker("timeline-run", "Timeline of ", results, index, &chosen) }
            <svg id="timeline" viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                aria-label={format!("Tasks of {} per worker over time", run_label(run.mode, run.workers))}>
                { for (0..lanes).map(|lane| {
                    let y = TOP + lane_h * lane as f64;
                    html! {
                        <g>
                            <text class="tick" x={(LEFT - 6.0).to_string()} y={format!("{:.1}", y + lane_h * 0.7)} text-anchor="end">{ format!("worker {lane}") }</text>
                            <line class="lane" x1={LEFT.to_string()} x2={(WIDTH - 16.0).to_string()} y1={format!("{:.1}", y + lane_h)} y2={format!("{:.1}", y + lane_h)} />
                        </g>
                    }
                }) }
                { for run.tasks.iter().map(|task| {
                    let y = TOP + lane_h * task.worker as f64 + 3.0;
                    let width = (x(task.end_ms) - x(task.start_ms)).max(0.8);
                    let label = format!("input {} on worker {}: {} (from {} to {})", task.input, task.worker,
                        human_duration(task.end_ms - task.start_ms), human_duration(task.start_ms), human_duration(task.end_ms));
                    html! {
                        <rect class={classes!("task", task.error.is_some().then_some("failed"))}
                            x={format!("{:.2}", x(task.start_ms))} y={format!("{y:.1}")}
                            width={format!("{width:.2}")} height={(lane_h - 6.0).to_string()}>
                            <title>{ label }</title>
                        </rect>
                    }
                }) }
                { time_axis_ends(height, end) }
            </svg>
            <figcaption>{ "Each bar is one task; hover for its input and duration. Gaps are time a worker spent waiting for work." }</figcaption>
        </figure>
    }
}

/// The ends of a run's time axis under a timeline or waterfall: 0 and `end`.
fn time_axis_ends(height: f64, end: f64) -> Html {
    let y = (height - BOTTOM + 16.0).to_string();
    html! {
        <>
            <text class="tick" x={LEFT.to_string()} y={y.clone()}>{ "0" }</text>
            <text class="tick" x={(WIDTH - 16.0).to_string()} {y} text-anchor="end">{ human_duration(end) }</text>
        </>
    }
}

/// Most requests in flight at once over a run's trace.
fn max_in_flight(tasks: &[crate::core::results::TaskRecord]) -> usize {
    let mut edges: Vec<(f64, i32)> = tasks.iter().flat_map(|t| [(t.start_ms, 1), (t.end_ms, -1)]).collect();
    // Ends before starts at the same instant: back-to-back is not overlap.
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    edges.iter().scan(0, |open, &(_, step)| { *open += step; Some(*open) }).max().unwrap_or(0) as usize
}

/// A network panel for one run: a row per request, split into time queued in
/// the browser, waiting on the server, and reading the answer.
#[function_component(Waterfall)]
pub fn waterfall(props: &ResultsProps) -> Html {
    let results: &ResultsDoc = &props.results;
    let (chosen, index) = use_chosen_run(results.runs.len());
    let Some(run) = results.runs.get(index) else {
        return html! {};
    };
    let end = run.tasks.iter().map(|t| t.end_ms).fold(1e-3, f64::max);
    let row_h = 16.0;
    let height = TOP + row_h * run.tasks.len() as f64 + BOTTOM;
    let plot_w = WIDTH - LEFT - 16.0;
    let x = |ms: f64| LEFT + plot_w * ms.clamp(0.0, end) / end;
    let in_flight = max_in_flight(&run.tasks);
    let queued: Vec<f64> = run.tasks.iter().filter_map(|t| t.queued_ms).filter(|&q| q > 5.0).collect();
    let reading = if run.workers > BROWSER_CONNECTIONS_PER_HOST && !queued.is_empty() {
        format!(
            "{} lanes asked for up to {} requests at once, but a browser opens at most {BROWSER_CONNECTIONS_PER_HOST} HTTP/1.1 connections per host: {} requests waited in the browser, {} on average, before being sent.",
            run.workers,
            run.workers.min(run.tasks.len()),
            queued.len(),
            human_duration(queued.iter().sum::<f64>() / queued.len() as f64)
        )
    } else {
        format!("At most {in_flight} request{} in flight at once.", if in_flight == 1 { " was" } else { "s were" })
    };
    html! {
        <figure class="chart waterfall">
            { run_picker("waterfall-run", "Requests of ", results, index, &chosen) }
            <p id="waterfall-reading">{ reading }</p>
            <svg id="waterfall" viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label="Request waterfall">
                { for run.tasks.iter().enumerate().map(|(row, task)| {
                    let y = TOP + row_h * row as f64 + 2.0;
                    let queued_end = task.start_ms + task.queued_ms.unwrap_or(0.0);
                    let server_end = queued_end + task.server_ms.unwrap_or(0.0);
                    let label = format!(
                        "page {} on lane {}: {}{}{}{}",
                        task.input, task.worker, human_duration(task.end_ms - task.start_ms),
                        task.queued_ms.map(|q| format!(", queued in the browser {}", human_duration(q))).unwrap_or_default(),
                        task.server_ms.map(|s| format!(", waiting on the server {}", human_duration(s))).unwrap_or_default(),
                        task.error.as_ref().map(|e| format!(", failed: {e}")).unwrap_or_default(),
                    );
                    let bar = |class: &'static str, from: f64, to: f64| html! {
                        <rect class={class} x={format!("{:.2}", x(from))} y={format!("{y:.1}")}
                            width={format!("{:.2}", (x(to) - x(from)).max(0.8))} height={(row_h - 4.0).to_string()}>
                            <title>{ label.clone() }</title>
                        </rect>
                    };
                    html! {
                        <g class={classes!("request", task.error.is_some().then_some("failed"))}>
                            <text class="tick" x={(LEFT - 6.0).to_string()} y={format!("{:.1}", y + row_h * 0.6)} text-anchor="end">{ format!("p{} · {}", task.input, task.worker) }</text>
                            if task.queued_ms.is_some() {
                                { bar("queued", task.start_ms, queued_end) }
                                { bar("server", queued_end, server_end) }
                                { bar("download", server_end, task.end_ms) }
                            } else {
                                { bar(if task.error.is_some() { "task failed" } else { "server" }, task.start_ms, task.end_ms) }
                            }
                        </g>
                    }
                }) }
                { time_axis_ends(height, end) }
            </svg>
            <figcaption>{ "One row per request (page · lane). Amber: queued in the browser; blue: waiting on the server; green: reading the answer." }</figcaption>
        </figure>
    }
}

/// Colours of the chart for a standalone file (the page's come from its CSS).
const CHART_FILE_STYLE: &str = "text{font:11px system-ui,sans-serif;fill:#5d6170}.axis,.lane{stroke:#d9dbe3}\
.series polyline,.series line{stroke-width:2}.series circle{stroke:none}\
.series.serial line{stroke:#6c6f7d;stroke-dasharray:2 3}.series .ideal{stroke:#6c6f7d;stroke-dasharray:6 4;stroke-width:1.5}\
.series.apply polyline{stroke:#d1495b}.series.apply circle{fill:#d1495b}\
.series.apply-async polyline{stroke:#3451d1}.series.apply-async circle{fill:#3451d1}\
.series.map polyline{stroke:#2a9d8f}.series.map circle{fill:#2a9d8f}\
.series.map-async polyline{stroke:#e09f3e}.series.map-async circle{fill:#e09f3e}";

/// The time chart on screen as a standalone SVG file: the same figure, with
/// its colours inlined.
pub fn time_chart_svg_file() -> String {
    let Some(svg) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("time-chart"))
    else {
        return String::new();
    };
    let markup = svg.outer_html();
    let open_end = markup.find('>').unwrap_or(0);
    let (open_tag, rest) = (&markup[..open_end], &markup[open_end + 1..]);
    let namespace = if open_tag.contains("xmlns=") { "" } else { " xmlns=\"http://www.w3.org/2000/svg\"" };
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{open_tag}{namespace}><style>{CHART_FILE_STYLE}</style>{rest}")
}
