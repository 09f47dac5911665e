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
