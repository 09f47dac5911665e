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
