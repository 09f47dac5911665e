//! The results as pictures on the page: the time chart and the per-worker
//! timeline (markup from `core::view::chart_svg` and `core::view::timeline`, pure and
//! shared with the exports), and the repost lab's request waterfall.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::i18n::Lang;
use crate::core::results::schema::ResultsDoc;
use crate::core::results::summary::human_duration;
use crate::core::results::summary::ideal_text;
use crate::core::results::summary::record_label;
use crate::core::view::chart_svg::{spans_decade, time_chart_svg};
use crate::core::view::reading::waterfall_reading;
use crate::core::view::timeline::{self, task_text, timeline_svg, TimelineIndex};
use crate::web::components::results_view::ResultsProps;
use crate::web::platform::i18n::use_lang;

const WIDTH: f64 = 640.0;
const LEFT: f64 = 64.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;

/// Median time against worker count with 95% error bars; a log scale is
/// offered when the values span more than 10×.
/// Speed-up against n for a sweep (`core::view::speedup_chart`); nothing otherwise.
#[function_component(SpeedupChart)]
pub fn speedup_chart(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let svg = crate::core::view::speedup_chart::speedup_chart_svg(lang, &props.results);
    if svg.is_empty() {
        return html! {};
    }
    html! {
        <figure class="chart speedup">
            <div class="chart-box">{ Html::from_html_unchecked(AttrValue::from(svg)) }</div>
            <figcaption>{ lang.text().lesson.chart_caption }</figcaption>
        </figure>
    }
}

#[function_component(TimeChart)]
pub fn time_chart(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let words = &lang.text().charts;
    let log = use_state(|| false);
    let results = &props.results;
    let offered = spans_decade(results);
    let svg = time_chart_svg(lang, results, *log && offered);
    if svg.is_empty() {
        return html! {};
    }
    let onchange = {
        let log = log.clone();
        Callback::from(move |e: Event| {
            log.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    html! {
        <figure class="chart">
            if offered && !props.bare {
                <label class="check scale-choice"><input type="checkbox" id="log-scale" checked={*log && offered} {onchange} />
                    { words.log_scale_choice }</label>
            }
            <div class="chart-box">{ Html::from_html_unchecked(AttrValue::from(svg)) }</div>
            <figcaption>{ if results.runs.iter().any(|r| r.mode.uses_pool()) {
                (words.chart_caption)(ideal_text(results.experiment, lang))
            } else {
                words.serial_only_caption.to_string()
            } }</figcaption>
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
fn run_picker(
    lang: Lang,
    id: &'static str,
    label: &'static str,
    results: &ResultsDoc,
    index: usize,
    chosen: &UseStateHandle<Option<usize>>,
) -> Html {
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
                    <option value={i.to_string()} selected={i == index}>{ record_label(lang, r) }</option>
                }) }
            </select>
        </>
    }
}

/// One lane per worker for the chosen run's last repeat: wide tasks as their
/// own bars, narrow neighbours merged, and the task under the pointer named.
#[function_component(Timeline)]
pub fn timeline(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let words = &lang.text().charts;
    let results: &ResultsDoc = &props.results;
    let (chosen, index) = use_chosen_run(results.runs.len());
    let run = results.runs.get(index);
    // Rebuilt only when the shown run changes, not on every progress step.
    let drawn = use_memo(
        (
            lang,
            index,
            run.map(|r| (r.mode, r.workers, r.tasks.len(), r.median_ms.to_bits())),
        ),
        |_| {
            run.map(|run| {
                let lanes = TimelineIndex::new(run);
                let svg = timeline_svg(lang, run, &lanes);
                Rc::new((run.clone(), lanes, svg))
            })
        },
    );
    let hover = use_state(|| None::<String>);
    // yew delegates events to its root, so `current_target` is not the box: hold it here.
    let chart_box = use_node_ref();
    let Some(drawn) = (*drawn).clone() else {
        return html! {};
    };
    let onpointermove = {
        let (hover, drawn, chart_box) = (hover.clone(), drawn.clone(), chart_box.clone());
        Callback::from(move |e: PointerEvent| {
            let (run, lanes, _) = &*drawn;
            let svg = chart_box
                .cast::<web_sys::Element>()
                .and_then(|b| b.first_element_child());
            let Some((x, y)) =
                svg.and_then(|svg| svg_point(&svg, e.client_x(), e.client_y(), lanes.height()))
            else {
                return;
            };
            // Two units either side: a pointer cannot land on a sub-pixel bar.
            let tolerance = 2.0 * lanes.end_ms / timeline::PLOT_W;
            let found = lanes
                .lane_at(y)
                .and_then(|lane| lanes.task_at(&run.tasks, lane, lanes.ms_at(x), tolerance));
            hover.set(found.map(|i| task_text(lang, run, &run.tasks[i])));
        })
    };
    let onpointerleave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    let (run, _, svg) = &*drawn;
    html! {
        <figure class="chart timeline">
            { run_picker(lang, "timeline-run", words.timeline_of, results, index, &chosen) }
            <div class="chart-box" ref={chart_box} {onpointermove} {onpointerleave}>{ Html::from_html_unchecked(AttrValue::from(svg.clone())) }</div>
            <p id="timeline-hover" class="hover-note" aria-live="polite">{
                (*hover).clone().unwrap_or_else(|| (words.timeline_hint)(&record_label(lang, run)))
            }</p>
            if let Some(tasks) = run.trace_omitted {
                <p id="trace-omitted" class="note">{ (words.trace_omitted)(
                    &lang.number(tasks as f64, 0),
                    &lang.number(crate::core::run::factorial_lab::TRACE_BUDGET_TASKS as f64, 0)) }</p>
            }
            <figcaption>{ words.timeline_caption }</figcaption>
        </figure>
    }
}

/// A pointer position in the coordinates of `svg` (its viewBox is `WIDTH`
/// wide and `height` high).
fn svg_point(
    svg: &web_sys::Element,
    client_x: i32,
    client_y: i32,
    height: f64,
) -> Option<(f64, f64)> {
    let rect = js_sys::Reflect::get(svg, &"getBoundingClientRect".into())
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?
        .call0(svg)
        .ok()?;
    let field = |name: &str| {
        js_sys::Reflect::get(&rect, &name.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    let (left, top, width, box_height) = (
        field("left")?,
        field("top")?,
        field("width")?,
        field("height")?,
    );
    (width > 0.0 && box_height > 0.0).then(|| {
        (
            (client_x as f64 - left) / width * WIDTH,
            (client_y as f64 - top) / box_height * height,
        )
    })
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

/// A network panel for one run: a row per request, split into time queued in
/// the browser, waiting on the server, and reading the answer.
#[function_component(Waterfall)]
pub fn waterfall(props: &ResultsProps) -> Html {
    let lang = use_lang();
    let words = &lang.text().charts;
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
    let reading = waterfall_reading(run, lang);
    html! {
        <figure class="chart waterfall">
            { run_picker(lang, "waterfall-run", words.requests_of, results, index, &chosen) }
            <p id="waterfall-reading">{ reading }</p>
            <div class="chart-box">
            <svg id="waterfall" viewBox={format!("0 0 {WIDTH} {height}")} role="img" aria-label={words.waterfall_label}>
                { for run.tasks.iter().enumerate().map(|(row, task)| {
                    let y = TOP + row_h * row as f64 + 2.0;
                    let queued_end = task.start_ms + task.queued_ms.unwrap_or(0.0);
                    let server_end = queued_end + task.server_ms.unwrap_or(0.0);
                    let label = [
                        (words.request)(&task.input.to_string(), &task.worker.to_string(), &human_duration(task.end_ms - task.start_ms)),
                        task.queued_ms.map(|q| (words.request_queued)(&human_duration(q))).unwrap_or_default(),
                        task.server_ms.map(|s| (words.request_server)(&human_duration(s))).unwrap_or_default(),
                        task.error.as_deref().map(words.failed).unwrap_or_default(),
                    ]
                    .concat();
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
            </div>
            <figcaption>{ words.waterfall_caption }</figcaption>
        </figure>
    }
}
