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
        serial: "serial",
        task: "task",
        request: "request",
        pool: "pool",
        concurrent: "concurrent",
        between_sentences: " ",
        serial_total: |tasks, task, total, note, per_task| {
            format!(
                "One after another, the {} {task}{} took {total}{note} in all, {per_task} per {task} on average.",
                en_count(tasks),
                plural(tasks)
            )
        },
        median_of: |repeats, interval| format!(" (median of {}, 95% CI {interval})", en_count(repeats)),
        median_of_repeats: |repeats| format!(" (median of {} repeat{})", en_count(repeats), plural(repeats)),
        workers: |n| format!("{} worker{}", en_count(n), plural(n)),
        processes: |n| format!("{} process{}", en_count(n), if n == 1 { "" } else { "es" }),
        lanes: |n| format!("{} worker{}", en_count(n), plural(n)),
        run_on: |mode, workers| format!("{mode} on {workers}"),
        faster: |run, speedup, bounds, ideal, why| {
            format!("{run}: {speedup}× ({bounds}) faster than serial, against an ideal of {ideal}×{why}.")
        },
        why_connections: |connections| {
            format!(": the browser sends at most {connections} requests to one host at a time, so more lanes only queue in the browser")
        },
        why_cores: |workers, cores, most| {
            format!(" ({workers} on {} logical cores cannot beat {}×)", en_count(cores), en_count(most))
        },
        slower: |run, times, bounds, others, kind, why| {
            let others = match others {
                0 => String::new(),
                n => format!(" and {} other {kind} run{}", en_count(n), plural(n)),
            };
            format!("{run}{others}: {times}× ({bounds}) slower than serial{why}.")
        },
        why_dispatch: |empty| {
            format!(": the same run with empty tasks took {empty}, so these tasks cost less to compute than to hand to a worker and collect")
        },
        no_difference: |runs, kind| {
            let (its, holds) = if runs == 1 { ("its", "holds") } else { ("their", "hold") };
            format!(
                "{} {kind} run{} showed no measurable difference from serial: {its} speed-up interval{} {holds} 1.",
                en_count(runs),
                plural(runs),
                plural(runs)
            )
        },
        no_interval: |min| {
            format!("With fewer than {min} repeats a run has no interval, so no difference can be called real: set repeat to {min} or more.")
        },
        winner: |run, kind| format!("{run} was the fastest {kind} run: its interval lies below every other's."),
        ties: |run, others, more| {
            let more = if more > 0 { format!(" and {} more", en_count(more)) } else { String::new() };
            format!(
                "The fastest median, {run}, has an interval that overlaps those of {}{more}: the data do not tell these apart.",
                others.join(", ")
            )
        },
        apply_waits: |task, workers, apply, serial| {
            format!("apply waits for each {task} before sending the next, so on {workers} it took {apply} against serial's {serial}.")
        },
        startup_reused: |workers, startup, processes| {
            format!("Starting a pool of {workers} took {startup} with its {} reused", if processes { "processes" } else { "web workers" })
        },
        startup_cold_was: |cold| format!(" (the first, cold start cost {cold})"),
        startup_spawned: |workers, startup, spawned, processes| {
            let kind = match (processes, spawned == 1) {
                (true, true) => "process",
                (true, false) => "processes",
                (false, true) => "web worker",
                (false, false) => "web workers",
            };
            format!("Starting a pool of {workers} cost {startup}, {} new {kind} included", en_count(spawned))
        },
        startup_cost: |workers, startup| format!("Starting a pool of {workers} cost {startup}"),
        paid_once: |what| format!("{what}: paid once, not in these timings (the tutorial paid it in every one)."),
        processes_paid: |extra, pairs| {
            format!(
                "Processes paid about {extra} per task more than threads ({} pair{} of the same mode and workers) to ship arguments and results as messages; threads share memory.",
                en_count(pairs),
                plural(pairs)
            )
        },
        processes_no_slower: |pairs| {
            format!(
                "Processes were no slower than threads here ({} pair{} of the same mode and workers): against tasks this size, shipping arguments and results as messages costs little.",
                en_count(pairs),
                plural(pairs)
            )
        },
        clock_limit: |runs, first, steps, resolution| {
            format!(
                "{} run{} ({first}{}) {} at the clock's limit, a median under {} steps of its resolution{}: try a larger n.",
                en_count(runs),
                plural(runs),
                if runs > 1 { ", …" } else { "" },
                if runs == 1 { "is" } else { "are" },
                en_count(steps),
                resolution.map(|r| format!(" of {r}")).unwrap_or_default()
            )
        },
        hidden: |runs| {
            format!(
                "The page was hidden during {} run{}, marked in the table: browsers throttle hidden tabs.",
                en_count(runs),
                plural(runs)
            )
        },
        outliers: |repeats| {
            format!(
                "{} repeat{} {} outlier{} (modified z-score above 3.5), kept in the figures and marked.",
                en_count(repeats),
                plural(repeats),
                if repeats == 1 { "was an" } else { "were" },
                plural(repeats)
            )
        },
        waterfall_queued: |lanes, asked, connections, waited, average| {
            format!(
                "{} lanes asked for up to {} requests at once, but a browser opens at most {connections} HTTP/1.1 connections per host: {} request{} waited in the browser, {average} on average, before being sent.",
                en_count(lanes),
                en_count(asked),
                en_count(waited),
                plural(waited)
            )
        },
        waterfall_in_flight: |requests| {
            format!("At most {} request{} in flight at once.", en_count(requests), if requests == 1 { " was" } else { "s were" })
        },
    },
    table: Table {
        region: "Results table (scrolls sideways)",
        caption: "Per mode and worker count, over the counted repeats; intervals are 95% (explained below the table).",
        mode: "mode",
        workers: "workers",
        best: "best",
        median: "median",
        ci95: "95% CI",
        speedup: "speed-up (95% CI)",
        of_ideal: "of ideal",
        pool_startup: "pool start-up",
        empty_task_run: "empty-task run",
        empty_task_run_title: "the same run with tasks that do nothing: the cost of handing tasks out and collecting them",
        notes: "notes",
        check: "check",
        faster: "faster",
        slower: "slower",
        no_difference: "no measurable difference",
        no_interval: "no interval",
        at_clock_limit: "at the clock's limit",
        page_hidden: "page hidden during the run",
        ideal_factorial: "serial ÷ min(workers, logical cores)",
        ideal_reposts: "the probe, then ceil(pages ÷ lanes) waves of one request, at most 6 lanes per host",
        note: |ideal| {
            format!(
                "Best and median of the counted repeats; 95% CI: the confidence interval of the median from order statistics (six repeats at least). \
Speed-up is serial median ÷ this median, in brackets its 95% interval: real only when the whole interval is above 1 (green) or below 1 (red); otherwise there is no measurable difference. \
Of ideal: the ideal time ({ideal}) ÷ this median. Pool start-up is paid once per worker count, not in the timings; \
the empty-task run is the same dispatch with tasks that do nothing, on the warm pool."
            )
        },
        too_few_repeats: |repeats, min| format!("{repeats} repeat{}: an interval needs {min}", plural(repeats)),
        outliers: |n| format!("{n} outlier{}", plural(n)),
        join_notes: |notes| notes.join("; "),
        startup_warm: |startup, cold| match cold {
            Some(cold) => format!("{startup} warm (cold: {cold})"),
            None => format!("{startup} warm"),
        },
        startup_cold: |startup, spawned, processes| {
            let kind = match (processes, spawned == 1) {
                (true, true) => "process",
                (true, false) => "processes",
                (false, true) => "worker",
                (false, false) => "workers",
            };
            format!("{startup} cold ({spawned} new {kind})")
        },
        check_bits: |bits| format!("{bits} bits"),
        check_reposts: |reposts, pages| match pages {
            Some(pages) => format!("{reposts} reposts in {pages} pages"),
            None => format!("{reposts} reposts"),
        },
    },
    charts: Charts {
    },
    share: Share {
    },
    python: Python {
    },
    runs: Runs {
    },
};
