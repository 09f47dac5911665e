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
        ;
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
        ;
    }
}

strings! {
    /// The Python equivalent's comments.
    pub struct Python {
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
