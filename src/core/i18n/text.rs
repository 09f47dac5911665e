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
    /// The reading of the numbers (`core::reading`). Durations and ratios
    /// come already written (`&str`); counts come as numbers, for English
    /// plurals. A run is named `run_on(mode, workers(n))`.
    pub struct Reading {
        /// The serial run, in prose.
        serial,
        /// What the factorial lab hands out, and the repost lab.
        task,
        request,
        /// The kind of run beside serial: pool runs, or concurrent requests.
        pool,
        concurrent,
        /// Between two sentences (Chinese puts nothing).
        between_sentences,
        ;
        /// tasks, task word, total, median note, time per task.
        serial_total: fn(usize, &str, &str, &str, &str) -> String,
        /// repeats, the median's interval.
        median_of: fn(usize, &str) -> String,
        median_of_repeats: fn(usize) -> String,
        /// How many threads (or workers of unknown kind), processes, or
        /// concurrent requests of the repost lab.
        workers: fn(usize) -> String,
        processes: fn(usize) -> String,
        lanes: fn(usize) -> String,
        /// mode name, `workers(n)`: a run's name.
        run_on: fn(&str, &str) -> String,
        /// run, speed-up, its bounds, the ideal speed-up, why the ideal is lower.
        faster: fn(&str, &str, &str, &str, &str) -> String,
        /// the browser's connections per host.
        why_connections: fn(usize) -> String,
        /// `workers(n)`, logical cores, the most the cores allow.
        why_cores: fn(&str, usize, usize) -> String,
        /// run, times slower, its bounds, other slower runs, `pool` or `concurrent`, `why_dispatch` or nothing.
        slower: fn(&str, &str, &str, usize, &str, &str) -> String,
        /// the empty-task run's time.
        why_dispatch: fn(&str) -> String,
        /// runs, `pool` or `concurrent`.
        no_difference: fn(usize, &str) -> String,
        /// the repeats an interval needs.
        no_interval: fn(usize) -> String,
        /// run, `pool` or `concurrent`.
        winner: fn(&str, &str) -> String,
        /// the fastest run, the runs it overlaps (a few), how many more.
        ties: fn(&str, &[String], usize) -> String,
        /// task word, `workers(n)`, apply's time, serial's.
        apply_waits: fn(&str, &str, &str, &str) -> String,
        /// `workers(n)`, start-up, whether the pool is of processes.
        startup_reused: fn(&str, &str, bool) -> String,
        /// the first, cold start-up, after `startup_reused`.
        startup_cold_was: fn(&str) -> String,
        /// `workers(n)`, start-up, workers started for it, whether processes.
        startup_spawned: fn(&str, &str, usize, bool) -> String,
        /// `workers(n)`, start-up.
        startup_cost: fn(&str, &str) -> String,
        /// one of the `startup_` sentences, made whole.
        paid_once: fn(&str) -> String,
        /// extra time per task, pairs compared.
        processes_paid: fn(&str, usize) -> String,
        /// pairs compared.
        processes_no_slower: fn(usize) -> String,
        /// runs at the limit, the first's name, clock steps, the resolution if known.
        clock_limit: fn(usize, &str, usize, Option<&str>) -> String,
        /// runs while the page was hidden.
        hidden: fn(usize) -> String,
        /// outlying repeats.
        outliers: fn(usize) -> String,
        /// lanes, requests asked for at once, connections per host, requests that waited, their mean wait.
        waterfall_queued: fn(usize, usize, usize, usize, &str) -> String,
        /// most requests in flight at once.
        waterfall_in_flight: fn(usize) -> String,
    }
}

/// English plurals: `s` unless one (Chinese has none).
pub fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// A count in an English sentence, grouped as English writes numbers.
pub fn en_count(count: usize) -> String {
    super::Lang::En.number(count as f64, 0)
}

/// A count in a Chinese sentence.
pub fn zh_count(count: usize) -> String {
    super::Lang::ZhCn.number(count as f64, 0)
}

strings! {
    /// The results table: headings, notes, verdicts (`core::summary`).
    /// Figures in cells keep fixed decimals, the same in both languages.
    pub struct Table {
        /// The scrolling region's accessible name.
        region,
        caption,
        mode,
        workers,
        best,
        median,
        ci95,
        speedup,
        of_ideal,
        pool_startup,
        empty_task_run,
        /// The empty-task column's tooltip.
        empty_task_run_title,
        notes,
        check,
        /// What a speed-up's interval supports.
        faster,
        slower,
        no_difference,
        no_interval,
        /// Marks in the notes column.
        at_clock_limit,
        page_hidden,
        /// What the ideal time is, per experiment (the chart says it too).
        ideal_factorial,
        ideal_reposts,
        ;
        /// The paragraph below the table; the ideal's formula.
        note: fn(&str) -> String,
        /// repeats, the repeats an interval needs.
        too_few_repeats: fn(usize, usize) -> String,
        outliers: fn(usize) -> String,
        /// The notes of one row, in one cell.
        join_notes: fn(&[String]) -> String,
        /// start-up, the cold start-up beside it if known.
        startup_warm: fn(&str, Option<&str>) -> String,
        /// start-up, workers started, whether they are processes.
        startup_cold: fn(&str, usize, bool) -> String,
        /// The check column: bits of all results (factorials); reposts and pages.
        check_bits: fn(u64) -> String,
        check_reposts: fn(u64, Option<u64>) -> String,
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
        ;
    }
}
