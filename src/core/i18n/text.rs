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
        ;
    }
}

strings! {
    /// The controls: tabs, fieldsets, Run and Cancel, progress, warnings.
    pub struct Controls {
        run,
        cancel,
        ;
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
        /// The serial run: its line's label, a run's name.
        serial,
        /// The ideal line's label.
        ideal,
        /// What the ideal is, for factorials and for reposts.
        ideal_factorial,
        ideal_reposts,
        /// The x axis under threads (or no backend named), processes, both.
        axis_workers,
        axis_processes,
        axis_workers_and_processes,
        /// After the x axis's title on a log scale.
        axis_log,
        /// The log scale's checkbox.
        log_scale_choice,
        /// The chart's caption without pool runs.
        serial_only_caption,
        /// The run pickers' labels, before the choice of run.
        timeline_of,
        requests_of,
        timeline_caption,
        waterfall_label,
        waterfall_caption,
        ;
        /// A pool run's name: (mode, worker count).
        run_on_workers: fn(&str, &str) -> String,
        run_on_processes: fn(&str, &str) -> String,
        /// A series label for processes: (mode).
        series_processes: fn(&str) -> String,
        /// The ideal line's tooltip: (what it is).
        ideal_title: fn(&str) -> String,
        /// The chart's accessible name: (what the ideal is).
        chart_label: fn(&str) -> String,
        /// The chart's caption with pool runs: (what the ideal is).
        chart_caption: fn(&str) -> String,
        /// Serial's tooltips: (its interval), (its median).
        serial_interval: fn(&str) -> String,
        serial_median: fn(&str) -> String,
        /// A point's tooltip: (run, median), then its interval, or the
        /// repeats when they are too few for one.
        point: fn(&str, &str) -> String,
        point_interval: fn(&str) -> String,
        point_no_interval: fn(&str) -> String,
        /// The timeline's accessible name: (run).
        timeline_label: fn(&str) -> String,
        /// A lane: (index), on threads and on processes.
        thread_lane: fn(&str) -> String,
        process_lane: fn(&str) -> String,
        /// One task: (input, lane, duration, start, end).
        task: fn(&str, &str, &str, &str, &str) -> String,
        /// A merged stretch: (first input, last input, lane, tasks, start, end).
        segment: fn(&str, &str, &str, &str, &str, &str) -> String,
        /// After a task or request that failed: (the error).
        failed: fn(&str) -> String,
        /// Under the timeline before any hover: (run).
        timeline_hint: fn(&str) -> String,
        /// A run without its trace: (tasks, the most a page keeps).
        trace_omitted: fn(&str, &str) -> String,
        /// A request: (page, lane, duration), then its parts.
        request: fn(&str, &str, &str) -> String,
        request_queued: fn(&str) -> String,
        request_server: fn(&str) -> String,
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
        ;
    }
}
