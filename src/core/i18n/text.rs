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
    pub lesson: Lesson,
    pub share: Share,
    pub python: Python,
    pub runs: Runs,
    pub failures: Failures,
    pub preview: Preview,
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
            ("lesson", self.lesson.plain_strings()),
            ("share", self.share.plain_strings()),
            ("python", self.python.plain_strings()),
            ("runs", self.runs.plain_strings()),
            ("failures", self.failures.plain_strings()),
            ("preview", self.preview.plain_strings()),
        ];
        parts
            .into_iter()
            .flat_map(|(part, strings)| {
                strings
                    .into_iter()
                    .map(move |(key, text)| (format!("{part}.{key}"), text))
            })
            .collect()
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
        /// The folded reading's summary.
        reading_more,
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
    /// The lesson of a sweep: the speed-up chart, and the preset that opens one.
    pub struct Lesson {
        chart_label,
        axis_n,
        /// The line y = 1.
        break_even_line,
        model_line,
        with_startup_line,
        chart_caption,
        /// The sweep preset's link and what it shows.
        sweep_preset,
        sweep_preset_note,
        ;
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
        /// Traced tasks the link asks for, the budget: some traces will be dropped.
        over_trace_budget: fn(&str, &str) -> String,
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
        label_version,
        label_theme,
        label_view,
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
        allowed_theme,
        allowed_view,
        /// The subject of a message about one item of `workers`.
        each_worker_count,
        no_mode,
        no_worker_count,
        /// The subject of a message about one item of `n`.
        each_n,
        no_n,
        ;
        /// `auto` or a count: `(from, to)`.
        allowed_repeat: fn(u64, u64) -> String,
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
        bad_theme: fn(&str) -> String,
        bad_view: fn(&str) -> String,
        /// A link version this page cannot read: `(value, the current version)`.
        bad_version: fn(&str, u64) -> String,
    }
}

strings! {
    /// The reading of the numbers (`core::view::reading`). Durations and ratios
    /// come already written (`&str`); counts come as numbers, for English
    /// plurals. Runs are named by `pool_modes::run_label`.
    pub struct Reading {
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
        /// The verdict: the run, its speed-up, the speed-up's interval, its
        /// share of the ideal, and its n (in a sweep).
        verdict_fastest: fn(&str, &str, &str, Option<&str>, Option<&str>) -> String,
        /// The verdict when no run is measurably faster: `pool` or `concurrent`.
        verdict_none: fn(&str) -> String,
        /// Where one would be: the run, the n, measured (else the model's).
        verdict_from_n: fn(&str, &str, bool) -> String,
        /// The model sees no n up to this one where a pool pays.
        verdict_never: fn(u64) -> String,
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
        /// The largest n of a sweep, where the reading reads its runs.
        sweep_read_at: fn(&str) -> String,
        /// outlying repeats.
        outliers: fn(usize) -> String,
        /// Runs the cost model misses by more than their interval; the
        /// farthest one, its n (in a sweep), measured and predicted medians.
        model_misses: fn(usize, &str, Option<&str>, &str, &str) -> String,
        /// lanes, requests asked for at once, connections per host, requests that waited, their mean wait.
        waterfall_queued: fn(usize, usize, usize, usize, &str) -> String,
        /// most requests in flight at once.
        waterfall_in_flight: fn(usize) -> String,
    }
}

/// English plurals: `s` unless one (Chinese has none).
pub fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
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
    /// The results table: headings, notes, verdicts (`core::results::summary`).
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
        /// The sweep's column: the run's n.
        n,
        repeats,
        /// Why a run stopped repeating (`repeat_stop`).
        stop_precision,
        stop_budget,
        stop_count,
        /// The toggle of the secondary columns.
        all_columns,
        /// The breakdown's heading, its parts and its note.
        breakdown_title,
        breakdown_work,
        breakdown_slower,
        breakdown_idle,
        breakdown_note,
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
        /// The ideal line's label.
        ideal,
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
        /// The embed.js snippet: its accessible name, and what it does.
        script_snippet_label,
        script_note,
        /// Before the bare iframe.
        iframe_note,
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
        /// The results' error after Cancel.
        cancelled,
        ;
        /// The threads engine died mid-run: why.
        run_stopped: fn(&str) -> String,
        /// A run that failed: its name, why.
        run_failed: fn(&str, &str) -> String,
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
        /// A run that lost a process: its name, the process, seconds silent.
        worker_lost: fn(&str, usize, f64) -> String,
        /// Threads: the run's name (empty if none was under way), the pool worker.
        pool_worker_lost: fn(&str, usize) -> String,
        /// run (may be empty), the browser's reason for a crash.
        driver_lost: fn(&str, Option<&str>) -> String,
        /// pool runs not run on threads, why, whether they ran on processes.
        threads_not_run: fn(usize, &str, bool) -> String,
        /// The serial run's name, the seconds waited.
        serial_worker_lost: fn(&str, f64) -> String,
    }
}

strings! {
    /// What went wrong (`core::run::failure::Failure`, `weibo::PageError`,
    /// `link::share::SharedError`), said where it is shown. `reason` and
    /// `detail` are the browser's (or the API's) own words.
    pub struct Failures {
        workers_unanswered,
        answer_lost,
        run_in_progress,
        /// Why the threads did not run: the engine was not up yet.
        threads_still_starting,
        /// A repost request ended by Cancel.
        page_cancelled,
        /// A results link whose fragment is not base64url, or not deflate.
        shared_not_base64,
        shared_damaged,
        /// In place of the browser's reason when it gave none.
        no_reason,
        /// Why an export failed: the browser made no file.
        no_file,
        ;
        /// mode, workers, what the repeat computed, what the warm-up did.
        repeat_mismatch: fn(&str, usize, &str, &str) -> String,
        /// mode, workers, what it computed, the first run's mode, what that computed.
        check_mismatch: fn(&str, usize, &str, &str, &str) -> String,
        /// The digest of a check, after its bits (with what goes between).
        digest: fn(&str) -> String,
        /// processes wanted, reason.
        processes_not_started: fn(usize, &str) -> String,
        /// started, missing, the pool's size, reason.
        pool_workers_not_started: fn(usize, usize, usize, &str) -> String,
        /// workers, reason.
        pool_not_built: fn(usize, &str) -> String,
        answer_misfit: fn(usize) -> String,
        /// process, reason.
        process_failed: fn(usize, &str) -> String,
        serial_failed: fn(&str) -> String,
        /// A message that could not be read: the parser's words.
        garbled: fn(&str) -> String,
        driver_not_started: fn(&str) -> String,
        /// The browser's reason, if it gave one.
        driver_stopped: fn(Option<&str>) -> String,
        /// A page of reposts: the API's error `(code, HTTP status, its message)`.
        api_error: fn(u32, u16, &str) -> String,
        http_status: fn(u16) -> String,
        /// The parser's words.
        bad_json: fn(&str) -> String,
        /// Seconds waited.
        timed_out: fn(f64) -> String,
        network_error: fn(&str) -> String,
        unreadable_answer: fn(&str) -> String,
        /// The parser's words.
        shared_not_results: fn(&str) -> String,
    }
}

strings! {
    /// A link's preview outside the page (the server's `<head>`, its Open
    /// Graph image, oEmbed): what the experiment is, in words.
    pub struct Preview {
        /// The image's row labels.
        modes,
        workers,
        lanes,
        backends,
        /// The backend a link leaves to the page.
        page_default_backend,
        /// The image's footer: what the playground is.
        footer,
        ;
        /// "a, b and c".
        list: fn(&[String]) -> String,
        /// `factorial(k)` for k = 1..n: `(n)`.
        factorial: fn(u64) -> String,
        /// Repost pages: `(pages, reposts per page, latency in ms)`.
        reposts: fn(u64, u64, u64) -> String,
        /// The page's title: `(the experiment)`.
        title: fn(&str) -> String,
        /// One sentence: `(modes, worker counts, backends)`; the factorial lab.
        factorial_description: fn(&str, &str, &str) -> String,
        /// One sentence: `(modes, concurrent request counts)`; the repost lab.
        reposts_description: fn(&str, &str) -> String,
    }
}
