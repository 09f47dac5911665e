//! The shape of the page's text: one struct per part of the page, each a
//! list of plain strings, then (after `;`) strings with values in them, as
//! functions. `en.rs` and `zh_cn.rs` each fill every field.

/// Defines a part's struct and `plain_strings`, which lists its plain
/// strings by key (the tests read them).
macro_rules! strings {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$plain_meta:meta])* $plain:ident, )*
            ;
            $( $(#[$fn_meta:meta])* $function:ident : $fn_type:ty, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $name {
            $( $(#[$plain_meta])* pub $plain: &'static str, )*
            $( $(#[$fn_meta])* pub $function: $fn_type, )*
        }

        impl $name {
            pub fn plain_strings(&self) -> Vec<(&'static str, &'static str)> {
                vec![$( (stringify!($plain), self.$plain) ),*]
            }
        }
    };
}

/// Every visible string, by part of the page.
pub struct Text {
    pub page: Page,
    pub controls: Controls,
    pub fields: Fields,
    pub reading: Reading,
    pub table: Table,
    pub charts: Charts,
    pub share: Share,
    pub python: Python,
    pub runs: Runs,
}

impl Text {
    /// Every plain string, keyed `part.key`.
    pub fn plain_strings(&self) -> Vec<(String, &'static str)> {
        let parts = [
            ("page", self.page.plain_strings()),
            ("controls", self.controls.plain_strings()),
            ("fields", self.fields.plain_strings()),
            ("reading", self.reading.plain_strings()),
            ("table", self.table.plain_strings()),
            ("charts", self.charts.plain_strings()),
            ("share", self.share.plain_strings()),
            ("python", self.python.plain_strings()),
            ("runs", self.runs.plain_strings()),
        ];
        parts.into_iter().flat_map(|(part, strings)| strings.into_iter().map(move |(key, text)| (format!("{part}.{key}"), text))).collect()
    }
}

strings! {
    /// The masthead, the pool badge, shared results, the language switch.
    pub struct Page {
        title,
        tagline,
        open_full,
        /// The switch's accessible name.
        lang_switch,
        results_region,
        shared_heading,
        isolated,
        not_isolated,
        threads_starting,
        /// Why the build without shared memory has no threads.
        no_shared_memory,
        ;
        /// Cores, isolated or not, user agent.
        shared_note: fn(u32, bool, &str) -> String,
        /// The largest pool.
        threads_ready: fn(u64) -> String,
        /// Why not.
        threads_off: fn(&str) -> String,
        logical_cores: fn(u32) -> String,
    }
}

strings! {
    /// The controls: tabs, fieldsets, Run and Cancel, progress, warnings.
    pub struct Controls {
        settings,
        experiment,
        tab_factorial,
        tab_reposts,
        advanced_api,
        threads_hint,
        processes_hint,
        not_on_this_page,
        default_for_page,
        run,
        cancel,
        starting,
        ;
        /// Why there are no threads.
        threads_skipped: fn(&str) -> String,
        /// Cores.
        oversubscribed: fn(u32) -> String,
        /// Duration, runs, repeats.
        long_run: fn(&str, usize, u32) -> String,
        /// Done, total, the run now.
        progress: fn(usize, usize, &str) -> String,
    }
}

strings! {
    /// The link's fields: labels, hints, allowed values, errors, notices.
    pub struct Fields {
        label_exp,
        label_n,
        label_pages,
        label_count,
        label_latency,
        label_jitter,
        label_mid,
        label_retries,
        label_modes,
        label_workers,
        label_lanes,
        label_repeat,
        label_repeat_reposts,
        label_chunk,
        label_backend,
        label_api,
        label_token,
        label_run,
        label_embed,
        label_lang,
        hint_mid,
        hint_workers,
        hint_lanes,
        hint_chunk,
        hint_api,
        allowed_experiment,
        allowed_backends,
        allowed_url,
        allowed_flag,
        allowed_lang,
        /// The subject of a message about one item of `workers`.
        each_worker_count,
        no_mode,
        no_worker_count,
        ;
        /// A whole number's limits: `(from, to)`.
        allowed_range: fn(u64, u64) -> String,
        /// Each item of a list: `(from, to)`.
        allowed_each: fn(u64, u64) -> String,
        /// The pool modes, by name.
        allowed_modes: fn(&[&str]) -> String,
        allowed_token: fn(usize) -> String,
        /// Messages take the parameter's name and the bad value, quoted.
        bad_experiment: fn(&str) -> String,
        /// `(name, from, to, value)`.
        out_of_range: fn(&str, u64, u64, &str) -> String,
        /// `(name, from, to)`.
        empty_number: fn(&str, u64, u64) -> String,
        /// `(name, from, to, value)`.
        not_a_number: fn(&str, u64, u64, &str) -> String,
        empty_token: fn(&str) -> String,
        /// `(name, limit in bytes)`.
        long_token: fn(&str, usize) -> String,
        unknown_mode: fn(&str) -> String,
        unknown_backend: fn(&str) -> String,
        /// `(limit, given)`.
        too_many_counts: fn(usize, usize) -> String,
        bad_api: fn(&str) -> String,
        /// Notices (the link still runs).
        unknown_parameter: fn(&str) -> String,
        more_unknown_parameters: fn(usize) -> String,
        bad_lang: fn(&str) -> String,
    }
}

strings! {
    /// The reading of the numbers (`core::reading`).
    pub struct Reading {
        ;
    }
}

strings! {
    /// The results table: headings, notes, verdicts (`core::summary`).
    pub struct Table {
        ;
    }
}

strings! {
    /// The chart, the timeline, the waterfall: labels, legends, tooltips.
    pub struct Charts {
        ;
    }
}

strings! {
    /// The share and embed panels, exports, the tutorial's experiments.
    pub struct Share {
        /// The panel's accessible name.
        panel_label,
        copy_link,
        copy_run_link,
        share_results,
        link_copied,
        run_link_copied,
        results_link_copied,
        /// The accessible name of the field with the results link.
        results_link_label,
        export_svg,
        export_trace,
        embed_summary,
        /// The accessible name of the snippet's text area.
        snippet_label,
        /// The embed note, around two header lines shown as code.
        embed_note_before,
        embed_note_and,
        embed_note_after,
        python_summary,
        presets_summary,
        presets_experiment,
        presets_tutorial,
        presets_as_timed,
        presets_alone,
        presets_note,
        /// The tutorial's rows: the ones that are not a pool.
        preset_one_factorial,
        preset_serial_loop,
        preset_one_page,
        preset_serial,
        ;
        /// Where the clipboard refused: the text to copy by hand.
        copy_this_link: fn(&str) -> String,
        export_failed: fn(&str) -> String,
        /// A tutorial row on a pool: `(mode, workers, the default pool?)`.
        preset_pool: fn(&str, usize, bool) -> String,
        /// A repost row: the run, on the tutorial's 10 pages.
        preset_pages: fn(&str) -> String,
    }
}

strings! {
    /// The Python equivalent's comments.
    pub struct Python {
        /// The program's first line.
        header,
        token,
        latency,
        /// Two lines: why each pool starts once.
        pool_once,
        warm_up,
        ;
    }
}

strings! {
    /// What runs say while they go: progress labels, errors.
    pub struct Runs {
        serial,
        ;
        /// Mode, workers.
        on_threads: fn(&str, usize) -> String,
        on_processes: fn(&str, usize) -> String,
        /// The repost lab's concurrent requests.
        on_lanes: fn(&str, usize) -> String,
        /// Run, page, reason.
        page_failed: fn(&str, u64, &str) -> String,
        /// The API path: this host has no mock API.
        no_api_here: fn(&str) -> String,
        /// The `api=` base, the path.
        no_api_there: fn(&str, &str) -> String,
    }
}
