//! English.

use super::text::*;

pub static EN: Text = Text {
    page: Page {
        title: "Parallel playground",
        tagline: "Python's multiprocessing.Pool tutorial, re-run in your browser on web-worker pools: threads that share memory, or processes that pass messages.",
        open_full: "open full playground ↗",
        lang_switch: "Language / 语言",
    },
    controls: Controls {
        run: "Run",
        cancel: "Cancel",
    },
    fields: Fields {
    },
    reading: Reading {
    },
    table: Table {
    },
    charts: Charts {
        serial: "serial",
        ideal: "ideal",
        ideal_factorial: "serial ÷ min(workers, logical cores)",
        ideal_reposts: "the probe, then ceil(pages ÷ lanes) waves of one request, at most 6 lanes per host",
        axis_workers: "workers",
        axis_processes: "workers",
        axis_workers_and_processes: "workers",
        axis_log: " (log time scale)",
        log_scale_choice: "log time scale (the values span more than 10×)",
        serial_only_caption: "Dashed: serial's median (band: its 95% interval); pool runs appear per worker count.",
        timeline_of: "Timeline of ",
        requests_of: "Requests of ",
        timeline_caption: "Each bar is one task; neighbours too narrow to see apart merge into one stretch. Gaps are time a worker spent waiting for work.",
        waterfall_label: "Request waterfall",
        waterfall_caption: "One row per request (page · lane). Amber: queued in the browser; blue: waiting on the server; green: reading the answer.",
        run_on_workers: |mode, k| format!("{mode} on {k} worker{}", if k == "1" { "" } else { "s" }),
        run_on_processes: |mode, k| format!("{mode} on {k} process{}", if k == "1" { "" } else { "es" }),
        series_processes: |mode| format!("{mode} · processes"),
        ideal_title: |ideal| format!("ideal: {ideal}"),
        chart_label: |ideal| {
            format!("Median time against worker count, one line per mode, with 95% intervals; dashed: serial and the ideal: {ideal}")
        },
        chart_caption: |ideal| {
            format!("Median time per worker count; bars: its 95% interval. Dashed: serial (band: its interval) and the ideal: {ideal}.")
        },
        serial_interval: |interval| format!("serial: 95% CI {interval}"),
        serial_median: |median| format!("serial: median {median}"),
        point: |run, median| format!("{run}: median {median}"),
        point_interval: |interval| format!(" (95% CI {interval})"),
        point_no_interval: |repeats| format!(" ({repeats} repeat{}: no interval)", if repeats == "1" { "" } else { "s" }),
        timeline_label: |run| format!("Tasks of {run} per worker over time"),
        thread_lane: |lane| format!("worker {lane}"),
        process_lane: |lane| format!("worker {lane}"),
        task: |input, lane, duration, start, end| format!("input {input} on {lane}: {duration} (from {start} to {end})"),
        segment: |first, last, lane, tasks, start, end| format!("inputs {first}–{last} on {lane}: {tasks} tasks from {start} to {end}"),
        failed: |error| format!(", failed: {error}"),
        timeline_hint: |run| format!("{run}: point at a bar to name its task."),
        trace_omitted: |tasks, budget| {
            format!("The trace of this run's {tasks} tasks was not kept: a results page keeps at most {budget} traced tasks. Its timings are in the table.")
        },
        request: |page, lane, duration| format!("page {page} on lane {lane}: {duration}"),
        request_queued: |queued| format!(", queued in the browser {queued}"),
        request_server: |server| format!(", waiting on the server {server}"),
    },
    share: Share {
    },
    python: Python {
    },
    runs: Runs {
    },
};
