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
        label_exp: "Experiment",
        label_n: "n: compute k! for k = 1..n",
        label_pages: "Pages (at most)",
        label_count: "Reposts per page",
        label_latency: "Server latency, ms",
        label_jitter: "Extra random latency, ms",
        label_mid: "Post id (mid)",
        label_retries: "Retries per page",
        label_modes: "Pool modes",
        label_workers: "Worker counts",
        label_lanes: "Concurrent requests (workers)",
        label_repeat: "Repeats (after one warm-up)",
        label_repeat_reposts: "Repeats",
        label_chunk: "map chunk size",
        label_backend: "Pools of",
        label_api: "API base URL",
        label_token: "access_token",
        label_run: "Run on open",
        label_embed: "Compact view for iframes",
        label_lang: "Language",
        hint_mid: "the tutorial's post",
        hint_workers: "e.g. 1,2,4",
        hint_lanes: "e.g. 1,4,10",
        hint_chunk: "auto: ceil(n / (4 × workers))",
        hint_api: "empty: this server's mock API",
        allowed_experiment: "`factorial` or `reposts`",
        allowed_backends: "`threads`, `processes` or both",
        allowed_url: "an http:// or https:// URL",
        allowed_flag: "`1`",
        allowed_lang: "`zh-CN` or `en`",
        each_worker_count: "each worker count",
        no_mode: "choose at least one mode",
        no_worker_count: "give at least one worker count, such as 1,2,4",
        allowed_range: |from, to| format!("{from} to {to}"),
        allowed_each: |from, to| format!("{from} to {to} each"),
        allowed_modes: |names| {
            let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
            format!("any of {}", names.join(", "))
        },
        allowed_token: |bytes| format!("1 to {bytes} bytes"),
        bad_experiment: |value| format!("exp must be factorial or reposts, not {value}"),
        out_of_range: |name, from, to, value| format!("{name} must be from {from} to {to}; {value} is out of range"),
        empty_number: |name, from, to| format!("{name} is empty; give a whole number from {from} to {to}"),
        not_a_number: |name, from, to, value| format!("{name} must be a whole number from {from} to {to}, not {value}"),
        empty_token: |name| format!("{name} must not be empty"),
        long_token: |name, bytes| format!("{name} is longer than {bytes} bytes (UTF-8)"),
        unknown_mode: |value| format!("unknown mode {value}; use serial, apply, apply_async, map or map_async"),
        unknown_backend: |value| format!("unknown backend {value}; use threads, processes or both"),
        too_many_counts: |limit, given| format!("at most {limit} worker counts, not {given}"),
        bad_api: |value| format!("api must be an http:// or https:// URL, not {value}"),
        unknown_parameter: |key| format!("ignored unknown parameter {key}"),
        more_unknown_parameters: |more| format!("and {more} more unknown parameters"),
        bad_lang: |value| format!("ignored lang={value}: this page speaks zh-CN or en"),
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
    },
};
