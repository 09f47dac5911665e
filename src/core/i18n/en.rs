//! English.

use super::text::*;

pub static EN: Text = Text {
    page: Page {
        title: "Parallel playground",
        tagline: "Python's multiprocessing.Pool tutorial, re-run in your browser on web-worker pools: threads that share memory, or processes that pass messages.",
        open_full: "open full playground ↗",
        lang_switch: "Language / 语言",
        results_region: "Results",
        shared_heading: "Results shared with this link",
        isolated: "cross-origin isolated",
        not_isolated: "not cross-origin isolated",
        threads_starting: "starting the threads…",
        no_shared_memory: "this page has no shared memory (it is not cross-origin isolated, or the browser refuses it)",
        shared_note: |cores, isolated, agent| format!(
            "Measured on {cores} logical cores, {}cross-origin isolated, {agent}. Run the same experiment here to compare: your results appear below.",
            if isolated { "" } else { "not " }),
        threads_ready: |max| format!("threads ready: pools of up to {max} workers"),
        threads_off: |reason| format!("threads off: {reason}"),
        logical_cores: |cores| format!("{cores} logical cores"),
    },
    controls: Controls {
        settings: "Experiment settings",
        experiment: "Experiment",
        tab_factorial: "Factorials (CPU-bound)",
        tab_reposts: "Repost pages (I/O-bound)",
        advanced_api: "Advanced: another compatible API server",
        threads_hint: "threads: share memory (rayon on web workers)",
        processes_hint: "processes: share nothing, send messages (like multiprocessing)",
        not_on_this_page: "(not on this page)",
        default_for_page: "default for this page",
        run: "Run",
        cancel: "Cancel",
        starting: "starting",
        threads_skipped: |reason| format!(
            "Threads need shared memory, which this page does not have ({reason}): pool runs on threads are skipped. Processes work everywhere."),
        oversubscribed: |cores| format!("Worker counts above {cores} oversubscribe this machine's cores: the workers take turns."),
        long_run: |duration, runs, repeats| format!(
            "This experiment may take up to {duration}: {runs} runs × {repeats} repeats. Fewer runs or repeats give a quicker look."),
        progress: |done, total, now| format!("{done} of {total} runs done · now: {now}"),
    },
    fields: Fields {
    },
    reading: Reading {
    },
    table: Table {
    },
    charts: Charts {
    },
    share: Share {
    },
    python: Python {
    },
    runs: Runs {
        serial: "serial",
        on_threads: |mode, workers| format!("{mode} on {workers} worker{}", if workers == 1 { "" } else { "s" }),
        on_processes: |mode, workers| format!("{mode} on {workers} process{}", if workers == 1 { "" } else { "es" }),
        on_lanes: |mode, workers| format!("{mode} on {workers} worker{}", if workers == 1 { "" } else { "s" }),
        page_failed: |run, page, reason| format!("{run}: page {page} failed: {reason}"),
        no_api_here: |path| format!(
            "This host serves no mock API (HTTP 404 for {path}): serve the playground with playground-server, or point api= at a compatible server."),
        no_api_there: |base, path| format!(
            "{base} serves no repost API (HTTP 404 for {path}): point api= at a compatible server, or leave it empty to use this host's."),
    },
};
