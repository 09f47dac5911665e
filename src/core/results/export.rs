//! Results as files: the JSON document, CSV and a Markdown table for pasting
//! into a tutorial (figures from `summary_rows`, like the page's table, with
//! the intervals beside them), and the runs' timelines as a Chrome trace.

use serde::Serialize;
use serde_json::json;

use crate::core::link::config::ExperimentKind;
use crate::core::results::schema::ResultsDoc;
use crate::core::results::summary::{
    human_duration, interval_text, notes_text, optional_duration, percent_text, record_label,
    speedup_text, summary_rows,
};

const HEADER: [&str; 25] = [
    "mode",
    "workers",
    "best_ms",
    "median_ms",
    "ci95_lo_ms",
    "ci95_hi_ms",
    "repeats",
    "outliers",
    "speedup",
    "speedup_lo",
    "speedup_hi",
    "ideal_ms",
    "of_ideal",
    "pool_startup_ms",
    "dispatch_ms",
    "at_clock_limit",
    "hidden",
    "check",
    // Schema 2: the lesson's figures (README, "Reading the results").
    "n",
    "repeat_stop",
    "speedup_with_startup",
    "predicted_ms",
    "busy_ms",
    "idle_ms",
    "work_ms",
];

fn stop_name(stop: Option<crate::core::run::repeats::RepeatStop>) -> &'static str {
    use crate::core::run::repeats::RepeatStop;
    match stop {
        Some(RepeatStop::Precision) => "precision",
        Some(RepeatStop::Budget) => "budget",
        Some(RepeatStop::Count) => "count",
        None => "",
    }
}

pub fn to_json(results: &ResultsDoc) -> String {
    serde_json::to_string_pretty(results).unwrap_or_else(|_| "null".into())
}

/// Machine-readable: plain numbers in ms, empty where not applicable (an
/// interval below six repeats, a speed-up for serial).
pub fn to_csv(results: &ResultsDoc) -> String {
    let mut csv = HEADER.join(",") + "\n";
    for (row, run) in summary_rows(results).into_iter().zip(&results.runs) {
        let number = |value: Option<f64>, digits: usize| {
            value.map(|v| format!("{v:.digits$}")).unwrap_or_default()
        };
        let speedup = row.speedup;
        csv += &[
            row.mode.name().to_string(),
            row.workers.to_string(),
            format!("{:.4}", row.best_ms),
            format!("{:.4}", row.median_ms),
            number(row.ci95_ms.map(|c| c[0]), 4),
            number(row.ci95_ms.map(|c| c[1]), 4),
            row.repeats.to_string(),
            row.outliers.to_string(),
            number(speedup.map(|s| s.median), 3),
            number(speedup.and_then(|s| s.lo), 3),
            number(speedup.and_then(|s| s.hi), 3),
            number(row.ideal_ms, 4),
            number(row.of_ideal, 3),
            number(row.pool_startup_ms, 2),
            number(row.dispatch_ms, 4),
            row.at_clock_limit.to_string(),
            row.hidden.to_string(),
            format!(
                "\"{}\"",
                crate::core::results::summary::check_text(&row.check, crate::core::i18n::Lang::En)
                    .replace('"', "\"\"")
            ),
            run.n.map(|n| n.to_string()).unwrap_or_default(),
            stop_name(run.repeat_stop).to_string(),
            number(run.speedup_with_startup, 3),
            number(run.predicted_ms, 4),
            number(run.breakdown.map(|b| b.busy_ms), 4),
            number(run.breakdown.map(|b| b.idle_ms), 4),
            number(run.breakdown.and_then(|b| b.work_ms), 4),
        ]
        .join(",");
        csv.push('\n');
    }
    csv
}

/// For people: the page's table, as Markdown, with the method of the intervals.
pub fn to_markdown(results: &ResultsDoc) -> String {
    let mut markdown = String::from(
        "| mode | workers | n | best | median | 95% CI of median | speed-up (95% CI) | of ideal | repeats | pool start-up | empty-task run | notes | check |\n",
    );
    markdown +=
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |\n";
    for (row, run) in summary_rows(results).into_iter().zip(&results.runs) {
        let repeats = match stop_name(run.repeat_stop) {
            "" => row.repeats.to_string(),
            stop => format!("{} ({stop})", row.repeats),
        };
        markdown += &format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            row.mode.name(),
            row.workers,
            run.n.map(|n| n.to_string()).unwrap_or_else(|| "–".into()),
            human_duration(row.best_ms),
            human_duration(row.median_ms),
            interval_text(row.ci95_ms),
            speedup_text(row.speedup),
            percent_text(row.of_ideal),
            repeats,
            optional_duration(row.pool_startup_ms),
            optional_duration(row.dispatch_ms),
            notes_text(&row, crate::core::i18n::Lang::En),
            crate::core::results::summary::check_text(&row.check, crate::core::i18n::Lang::En)
        );
    }
    let env = &results.environment;
    markdown += &format!(
        "\n{} logical cores, {}cross-origin isolated; {}\n",
        env.hardware_concurrency,
        if env.cross_origin_isolated {
            ""
        } else {
            "not "
        },
        env.user_agent
    );
    markdown += "\nIntervals: the distribution-free 95% confidence interval of the median from order statistics; \
speed-up = serial median ÷ median, its interval serial low ÷ high .. serial high ÷ low. \
A speed-up is real only when its whole interval is above 1.\n";
    markdown
}

/// The timelines of all runs as Chrome trace-event JSON (opens in Perfetto
/// and chrome://tracing): one process per run, one thread per worker, one
/// complete (`X`) event per task with its input in `args`. Times in µs from
/// each run's start. Tasks are written straight from the runs (no JSON
/// tree per event): a document at the trace budget makes a large file, and
/// the page's wasm memory never shrinks back from a peak.
pub fn to_chrome_trace(results: &ResultsDoc) -> String {
    let mut events: Vec<TraceEvent> = Vec::new();
    for (index, run) in results.runs.iter().enumerate() {
        let pid = index + 1;
        events.push(TraceEvent::Meta(json!({ "name": "process_name", "ph": "M", "pid": pid, "tid": 0, "args": { "name": record_label(crate::core::i18n::Lang::En, run) } })));
        events.push(TraceEvent::Meta(json!({ "name": "process_sort_index", "ph": "M", "pid": pid, "tid": 0, "args": { "sort_index": index } })));
        if let Some(tasks) = run.trace_omitted {
            // The run's row in the viewer says why it has no bars.
            events.push(TraceEvent::Meta(json!({ "name": "process_labels", "ph": "M", "pid": pid, "tid": 0, "args": { "labels": format!("trace of {tasks} tasks not kept (the trace budget)") } })));
        }
        let lanes = run.lanes();
        for worker in 0..lanes {
            // tid 0 is left to the process; worker w is thread w + 1.
            events.push(TraceEvent::Meta(json!({ "name": "thread_name", "ph": "M", "pid": pid, "tid": worker + 1, "args": { "name": format!("worker {worker}") } })));
        }
        let page = results.experiment == ExperimentKind::Reposts;
        events.extend(run.tasks.iter().map(|task| {
            TraceEvent::Task(TaskEvent {
                name: if page {
                    format!("page {}", task.input)
                } else {
                    format!("factorial({})", task.input)
                },
                cat: run.mode.name(),
                ph: "X",
                ts: task.start_ms * 1000.0,
                dur: (task.end_ms - task.start_ms).max(0.0) * 1000.0,
                pid,
                tid: task.worker + 1,
                args: TaskArgs {
                    input: task.input,
                    status: task.status,
                    bytes: task.bytes,
                    error: task.error.as_deref(),
                    queued_ms: task.queued_ms,
                    server_ms: task.server_ms,
                },
            })
        }));
    }
    let trace = ChromeTrace {
        trace_events: events,
        display_time_unit: "ms",
        other_data: json!({ "experiment": results.experiment, "config": results.config, "user_agent": results.environment.user_agent }),
    };
    serde_json::to_string(&trace).unwrap_or_else(|_| "null".into())
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChromeTrace<'a> {
    trace_events: Vec<TraceEvent<'a>>,
    display_time_unit: &'static str,
    other_data: serde_json::Value,
}

#[derive(Serialize)]
#[serde(untagged)]
enum TraceEvent<'a> {
    Meta(serde_json::Value),
    Task(TaskEvent<'a>),
}

#[derive(Serialize)]
struct TaskEvent<'a> {
    name: String,
    cat: &'static str,
    ph: &'static str,
    ts: f64,
    dur: f64,
    pid: usize,
    tid: usize,
    args: TaskArgs<'a>,
}

#[derive(Serialize)]
struct TaskArgs<'a> {
    input: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    queued_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    server_ms: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::link::config::PageConfig;
    use crate::core::pool::modes::{PoolMode, TaskTrace};
    use crate::core::results::schema::{Check, Environment, RunRecord, TaskRecord, SCHEMA_VERSION};

    fn sample() -> ResultsDoc {
        let check = Check {
            bits: Some(42),
            ..Check::default()
        };
        ResultsDoc {
            schema: SCHEMA_VERSION,
            experiment: ExperimentKind::Factorial,
            complete: true,
            config: (&PageConfig {
                n: vec![10],
                ..PageConfig::defaults(2)
            })
                .into(),
            environment: Environment {
                hardware_concurrency: 2,
                cross_origin_isolated: true,
                user_agent: "test".into(),
                timer_resolution_ms: None,
            },
            runs: vec![
                RunRecord::new(PoolMode::Serial, 1, vec![4.0, 2.0], vec![], check.clone()),
                RunRecord::new(PoolMode::Map, 2, vec![1.0, 3.0], vec![], check),
            ],
            breakeven: vec![],
            model: vec![],
            errors: vec![],
        }
    }

    #[test]
    fn csv_and_markdown_carry_the_table_figures() {
        let csv = to_csv(&sample());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], HEADER.join(","));
        // Two repeats: no interval, so its columns and the speed-up's bounds are empty.
        assert_eq!(
            lines[2],
            "map,2,1.0000,2.0000,,,2,0,1.500,,,1.5000,0.750,,,false,false,\"42 bits\",,,,,,,"
        );
        let markdown = to_markdown(&sample());
        assert!(
            markdown.contains("| `map` | 2 | – | 1.0 ms | 2.0 ms | – | 1.50× | 75% | 2 | – | – | 2 repeats: an interval needs 6 | 42 bits |"),
            "{markdown}"
        );
    }

    #[test]
    fn the_lessons_figures_are_exported() {
        use crate::core::results::breakdown::Breakdown;
        use crate::core::run::repeats::RepeatStop;
        let mut results = sample();
        results.runs[0].n = Some(300);
        let map = &mut results.runs[1];
        map.n = Some(300);
        map.repeat_stop = Some(RepeatStop::Precision);
        map.speedup_with_startup = Some(0.25);
        map.predicted_ms = Some(2.5);
        map.breakdown = Some(Breakdown {
            wall_ms: 2.0,
            busy_ms: 3.5,
            idle_ms: 0.5,
            work_ms: Some(3.0),
        });
        let csv = to_csv(&results);
        assert!(
            csv.lines()
                .nth(2)
                .unwrap()
                .ends_with(",300,precision,0.250,2.5000,3.5000,0.5000,3.0000"),
            "{csv}"
        );
        let markdown = to_markdown(&results);
        assert!(
            markdown.contains(
                "| `map` | 2 | 300 | 1.0 ms | 2.0 ms | – | 1.50× | 75% | 2 (precision) |"
            ),
            "{markdown}"
        );
    }

    #[test]
    fn interval_columns_when_there_are_enough_repeats() {
        let check = Check {
            bits: Some(1),
            ..Check::default()
        };
        let mut results = sample();
        results.runs = vec![
            RunRecord::new(
                PoolMode::Serial,
                1,
                vec![10.0, 9.0, 10.0, 12.0, 10.0, 10.0],
                vec![],
                check.clone(),
            ),
            RunRecord::new(
                PoolMode::Map,
                2,
                vec![5.0, 6.0, 4.0, 5.0, 5.0, 5.0],
                vec![],
                check,
            ),
        ];
        let csv = to_csv(&results);
        // Serial [9, 12] over map [4, 6]: 9/6 = 1.5 .. 12/4 = 3.
        assert_eq!(csv.lines().nth(2).unwrap(), "map,2,4.0000,5.0000,4.0000,6.0000,6,0,2.000,1.500,3.000,5.0000,1.000,,,false,false,\"1 bits\",,,,,,,");
        let markdown = to_markdown(&results);
        assert!(
            markdown.contains("| 5.0 ms | 4.0–6.0 ms | 2.00× (1.50–3.00) | 100% |"),
            "{markdown}"
        );
    }

    #[test]
    fn trace_has_a_process_per_run_a_thread_per_worker_an_event_per_task() {
        let check = Check::default();
        let task = |input, worker, start_ms, end_ms| {
            TaskRecord::from(TaskTrace {
                input,
                worker,
                start_ms,
                end_ms,
            })
        };
        let mut results = sample();
        results.runs = vec![
            RunRecord::new(
                PoolMode::Serial,
                1,
                vec![1.0],
                vec![task(1, 0, 0.0, 0.5), task(2, 0, 0.5, 1.0)],
                check.clone(),
            ),
            RunRecord::new(
                PoolMode::Map,
                2,
                vec![1.0],
                vec![
                    task(1, 1, 0.0, 0.25),
                    task(2, 0, 0.01, 0.75),
                    task(3, 1, 0.25, 0.5),
                ],
                check,
            ),
        ];
        let trace: serde_json::Value = serde_json::from_str(&to_chrome_trace(&results)).unwrap();
        let events = trace["traceEvents"].as_array().unwrap();
        let complete: Vec<_> = events.iter().filter(|e| e["ph"] == "X").collect();
        assert_eq!(complete.len(), 5, "one event per task");
        let names = |name: &str| {
            events
                .iter()
                .filter(|e| e["name"] == name)
                .map(|e| (e["pid"].as_u64().unwrap(), e["args"]["name"].clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("process_name"),
            vec![(1, json!("serial")), (2, json!("map on 2 workers"))]
        );
        assert_eq!(names("thread_name").len(), 1 + 2);
        let last = complete.last().unwrap();
        assert_eq!(
            (
                last["pid"].as_u64(),
                last["tid"].as_u64(),
                last["args"]["input"].as_u64()
            ),
            (Some(2), Some(2), Some(3))
        );
        assert_eq!(
            (
                last["ts"].as_f64(),
                last["dur"].as_f64(),
                last["name"].as_str()
            ),
            (Some(250.0), Some(250.0), Some("factorial(3)"))
        );
    }
}
