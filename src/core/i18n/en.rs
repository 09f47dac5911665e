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
                reading_more: "The reading in full",
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
        over_trace_budget: |tasks, budget| format!(
            "These runs trace {tasks} tasks; a results page keeps the traces of at most {budget}, so the last runs keep their timings without a timeline."),
        progress: |done, total, now| format!("{done} of {total} runs done · now: {now}"),
    },
    fields: Fields {
        label_exp: "Experiment",
        label_n: "n: compute k! for k = 1..n (a list sweeps task sizes)",
        label_pages: "Pages (at most)",
        label_count: "Reposts per page",
        label_latency: "Server latency, ms",
        label_jitter: "Extra random latency, ms",
        label_mid: "Post id (mid)",
        label_retries: "Retries per page",
        label_modes: "Pool modes",
        label_workers: "Worker counts",
        label_lanes: "Concurrent requests (workers)",
        label_repeat: "Repeats (after one warm-up; auto: until the median is within ±5%)",
        label_repeat_reposts: "Repeats",
        label_chunk: "map chunk size",
        label_backend: "Pools of",
        label_api: "API base URL",
        label_token: "access_token",
        label_run: "Run on open",
        label_embed: "Compact view for iframes",
        label_lang: "Language",
        label_version: "Link version",
        label_theme: "Colours",
        label_view: "View",
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
        allowed_theme: "`light`, `dark` or `auto`",
        allowed_view: "`full` or `minimal`",
        each_worker_count: "each worker count",
        no_mode: "choose at least one mode",
        no_worker_count: "give at least one worker count, such as 1,2,4",
        each_n: "each n",
        no_n: "give at least one n, such as 100 or 10,100,1000",
        allowed_repeat: |from, to| format!("`auto` or {from} to {to}"),
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
        bad_theme: |value| format!("ignored theme={value}: use light, dark or auto"),
        bad_view: |value| format!("ignored view={value}: use full or minimal"),
        bad_version: |value, current| format!(
            "unknown link version v={value}: this page reads v=1 to v={current}, so the link opens with the defaults of v={current} and does not run on open"),
    },
    reading: Reading {
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
        verdict_fastest: |run, speedup, interval, of_ideal, n| {
            let n = n.map(|n| format!(" at n = {n}")).unwrap_or_default();
            let ideal = of_ideal.map(|p| format!(", {p} of the ideal")).unwrap_or_default();
            format!("{run}{n} is the fastest run measurably faster than serial: {speedup}× ({interval}){ideal}.")
        },
        verdict_none: |kind| format!("No {kind} run is measurably faster than serial here."),
        verdict_from_n: |run, n, measured| {
            if measured {
                format!(" The median speed-up of {run} crosses 1 at about n = {n} (between two measured sizes).")
            } else {
                format!(" The cost model fitted to these runs predicts {run} would pay from about n = {n}.")
            }
        },
        verdict_never: |n| format!(" The cost model fitted to these runs predicts no pool pays below n = {n}."),
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
        sweep_read_at: |n| {
            format!("This sweep measured several task sizes; the chart of speed-ups covers them all, and what follows reads the largest, n = {n}.")
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
        model_misses: |runs, run, n, measured, predicted| {
            let n = n.map(|n| format!(" at n = {n}")).unwrap_or_default();
            format!(
                "The cost model misses {} run{} by more than {} interval; the farthest is {run}{n}: measured {measured}, predicted {predicted}. That is where something the model leaves out shows: more workers than cores, memory bandwidth, or the cost of messages.",
                en_count(runs),
                plural(runs),
                if runs == 1 { "its" } else { "their" }
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
        n: "n",
        repeats: "repeats",
        stop_precision: "±5%",
        stop_budget: "time budget",
        stop_count: "count",
        all_columns: "Show all columns",
        breakdown_title: "Where the worker time went",
        breakdown_work: "the work (serial's time)",
        breakdown_slower: "tasks slower than in serial",
        breakdown_idle: "waiting (imbalance, dispatch, messages)",
        breakdown_note: "Each bar is workers × wall time of the traced repeat.",
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
        ideal: "ideal",
        axis_workers: "workers",
        axis_processes: "workers",
        axis_workers_and_processes: "workers",
        axis_log: " (log time scale)",
        log_scale_choice: "log time scale (the values span more than 10×)",
        serial_only_caption: "Dashed: serial's median (band: its 95% interval); pool runs appear per worker count.",
        timeline_of: "Timeline of ",
        requests_of: "Requests of ",
        timeline_caption: "Each bar is one task; neighbours too narrow to see apart merge into one stretch. Gaps are time a worker spent waiting for work.",
        waterfall_label: "Request waterfall",
        waterfall_caption: "One row per request (page · lane). Amber: queued in the browser; blue: waiting on the server; green: reading the answer.",
        series_processes: |mode| format!("{mode} · processes"),
        ideal_title: |ideal| format!("ideal: {ideal}"),
        chart_label: |ideal| {
            format!("Median time against worker count, one line per mode, with 95% intervals; dashed: serial and the ideal: {ideal}")
        },
        chart_caption: |ideal| {
            format!("Median time per worker count; bars: its 95% interval. Dashed: serial (band: its interval) and the ideal: {ideal}.")
        },
        serial_interval: |interval| format!("serial: 95% CI {interval}"),
        serial_median: |median| format!("serial: median {median}"),
        point: |run, median| format!("{run}: median {median}"),
        point_interval: |interval| format!(" (95% CI {interval})"),
        point_no_interval: |repeats| format!(" ({repeats} repeat{}: no interval)", if repeats == "1" { "" } else { "s" }),
        timeline_label: |run| format!("Tasks of {run} per worker over time"),
        thread_lane: |lane| format!("worker {lane}"),
        process_lane: |lane| format!("worker {lane}"),
        task: |input, lane, duration, start, end| format!("input {input} on {lane}: {duration} (from {start} to {end})"),
        segment: |first, last, lane, tasks, start, end| format!("inputs {first}–{last} on {lane}: {tasks} tasks from {start} to {end}"),
        failed: |error| format!(", failed: {error}"),
        timeline_hint: |run| format!("{run}: point at a bar to name its task."),
        trace_omitted: |tasks, budget| {
            format!("The trace of this run's {tasks} tasks was not kept: a results page keeps at most {budget} traced tasks. Its timings are in the table.")
        },
        request: |page, lane, duration| format!("page {page} on lane {lane}: {duration}"),
        request_queued: |queued| format!(", queued in the browser {queued}"),
        request_server: |server| format!(", waiting on the server {server}"),
    },
    lesson: Lesson {
        chart_label: "Speed-up over serial against n, one line per pool, with the cost model's prediction and the line where a pool starts to pay",
        axis_n: "n (tasks k! for k = 1..n), log scale",
        break_even_line: "1× = as fast as serial",
        model_line: "cost model",
        with_startup_line: "with the pool's cold start-up (as the tutorial timed it)",
        chart_caption: "Speed-up over the serial run of the same n. Filled points: the warm pool, with their 95% intervals; hollow: the cold start-up counted too; dashed: the cost model. Above the 1× line the pool pays.",
        sweep_preset: "Where does a pool start to pay? The tutorial's sizes, n = 10 to 3000",
        sweep_preset_note: "Serial, apply_async and map on 2 workers, on threads and processes, repeated until each median is within ±5%.",
    },
    share: Share {
        panel_label: "Share and export",
        copy_link: "Copy link",
        copy_run_link: "Copy link that runs",
        share_results: "Share with results",
        link_copied: "Link copied.",
        run_link_copied: "Link that runs on open copied.",
        results_link_copied: "Link with your results copied: it opens them beside the viewer's own run.",
        results_link_label: "Link with results",
        export_svg: "Chart SVG",
        export_trace: "Trace (Perfetto)",
        embed_summary: "Embed in a tutorial",
        snippet_label: "iframe snippet",
        script_snippet_label: "embed.js snippet",
        script_note: "Paste the link where the experiment belongs, and the script once per page: readers see a card that loads nothing until they press Run, then an embed sized to its content, in your page's language and colours.",
        iframe_note: "Or a bare iframe, without the script (fixed height, loads at once):",
        embed_note_before: "For threads inside the iframe, serve the tutorial page itself with ",
        embed_note_and: " and ",
        embed_note_after: ". Without them the embed still runs in parallel: its pools are processes, web workers that pass messages.",
        python_summary: "Python equivalent",
        presets_summary: "The tutorial's experiments",
        presets_experiment: "experiment",
        presets_tutorial: "tutorial",
        presets_as_timed: "here, as timed there",
        presets_alone: "here, run alone",
        presets_note: "\"As timed there\" adds pool start-up, which the tutorial paid inside every timing; the tutorial ran Python 2 on a 4-core laptop.",
        preset_one_factorial: "one factorial(100)",
        preset_serial_loop: "serial loop over 1..100",
        preset_one_page: "one page of 200 reposts",
        preset_serial: "serial",
        copy_this_link: |link| format!("Copy this link: {link}"),
        export_failed: |error| format!("Export failed: {error}"),
        preset_pool: |mode, workers, default| match default {
            true => format!("{mode}, default pool ({workers})"),
            false => format!("{mode}, pool of {workers}"),
        },
        preset_pages: |run| format!("10 pages, {run}"),
    },
    python: Python {
        header: "The multiprocessing program this experiment corresponds to. It prints\none line per run: mode, workers, best time in seconds.",
        token: "any token works with the playground's mock API",
        latency: "the mock API's simulated server time",
        pool_once: "The playground starts each pool once and times it apart; the\ntutorial created the Pool inside every timed function.",
        warm_up: "warm-up, not counted",
    },
    runs: Runs {
        serial: "serial",
        cancelled: "cancelled: the runs above finished before Cancel",
        run_stopped: |reason| format!("the run stopped: {reason}"),
        run_failed: |run, reason| format!("{run}: {reason}"),
        on_threads: |mode, workers| format!("{mode} on {} worker{}", en_count(workers), plural(workers)),
        on_processes: |mode, workers| format!("{mode} on {} process{}", en_count(workers), if workers == 1 { "" } else { "es" }),
        on_lanes: |mode, workers| format!("{mode} on {} worker{}", en_count(workers), plural(workers)),
        page_failed: |run, page, reason| format!("{run}: page {page} failed: {reason}"),
        no_api_here: |path| format!(
            "This host serves no mock API (HTTP 404 for {path}): serve the playground with playground-server, or point api= at a compatible server."),
        no_api_there: |base, path| format!(
            "{base} serves no repost API (HTTP 404 for {path}): point api= at a compatible server, or leave it empty to use this host's."),
        worker_lost: |run, worker, secs| format!(
            "{run}: process {worker} stopped answering ({secs:.0} s without a word while it held tasks), so the run was ended; the next Run starts a fresh process"),
        pool_worker_lost: |run, worker| format!(
            "{run}{}pool worker {worker} stopped mid-task, so the run was ended with the engine's workers; the next Run starts fresh ones",
            if run.is_empty() { "" } else { ": " }),
        driver_lost: |run, reason| format!(
            "{run}{}the experiment driver stopped mid-run{}, so the run was ended with the engine's workers; press Run to start a fresh engine",
            if run.is_empty() { "" } else { ": " },
            reason.map(|r| format!(" ({r})")).unwrap_or_default()),
        threads_not_run: |runs, why, on_processes| format!(
            "threads: {} pool run{} not run: {why}; {}",
            en_count(runs),
            plural(runs),
            if on_processes { "they ran on processes" } else { "add backend=processes to run them on processes" }),
        serial_worker_lost: |run, secs| format!(
            "{run}: the serial worker gave no answer within {secs:.0} s (closed, crashed or stuck), so it was ended; the next Run starts a fresh one"),
    },
    failures: Failures {
        workers_unanswered: "the page never said whether the workers started",
        answer_lost: "a process answer was lost",
        run_in_progress: "a run is already in progress",
        threads_still_starting: "the threads are still starting",
        page_cancelled: "cancelled",
        shared_not_base64: "the shared results in this link are not valid base64url",
        shared_damaged: "the shared results in this link are damaged or too large",
        no_reason: "the browser gave no reason",
        no_file: "the browser could not make the file",
        repeat_mismatch: |mode, workers, got, expected| format!(
            "{mode} on {workers} workers gave a different result between repeats ({got} vs {expected})"),
        check_mismatch: |mode, workers, got, first, expected| format!(
            "check mismatch: {mode} on {workers} workers computed {got}, but {first} computed {expected}"),
        digest: |digest| format!(", digest {digest}"),
        processes_not_started: |wanted, reason| format!(
            "the browser started only some of the {wanted} processes needed ({reason})"),
        pool_workers_not_started: |started, missing, pool, reason| format!(
            "the browser started {started} of the {missing} web workers a pool of {pool} needed ({reason})"),
        pool_not_built: |workers, reason| format!("could not build a pool of {workers}: {reason}"),
        answer_misfit: |worker| format!("process {worker} sent an answer that does not fit its tasks"),
        process_failed: |worker, reason| format!("process {worker} stopped: {reason}"),
        serial_failed: |reason| format!("the serial worker failed ({reason})"),
        garbled: |reason| format!("a message between the page and a worker could not be read ({reason})"),
        driver_not_started: |reason| format!("could not start the driver worker: {reason}"),
        driver_stopped: |reason| format!("the driver worker stopped ({})", reason.unwrap_or("no reason given")),
        api_error: |code, status, message| format!("API error {code} (HTTP {status}): {message}"),
        http_status: |status| format!("HTTP {status}"),
        bad_json: |detail| format!("bad JSON in the answer: {detail}"),
        timed_out: |secs| format!("timed out after {secs:.1} s"),
        network_error: |detail| format!("network error: {detail}"),
        unreadable_answer: |detail| format!("reading the answer failed: {detail}"),
        shared_not_results: |detail| format!("the shared results in this link are not results: {detail}"),
    },
    preview: Preview {
        modes: "Modes",
        workers: "Workers",
        lanes: "Concurrent requests",
        backends: "Pools of",
        page_default_backend: "the page's choice (threads where it shares memory, else processes)",
        list: |items| match items.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
            _ => items.concat(),
        },
        footer: "Python's multiprocessing.Pool tutorial, re-run in your browser · Rust + WebAssembly",
        factorial: |n| format!("Factorials of k = 1..{n}"),
        reposts: |pages, count, latency| format!("{pages} pages of reposts ({count} per page, {latency} ms latency)"),
        title: |experiment| format!("{experiment} · Parallel playground"),
        factorial_description: |modes, workers, backends| format!(
            "{modes} on pools of {workers} workers ({backends}), timed side by side in your browser: Python's multiprocessing.Pool tutorial re-run on Rust compiled to WebAssembly."),
        reposts_description: |modes, lanes| format!(
            "{modes} on {lanes} concurrent requests to a mock Weibo API, timed side by side in your browser: Python's multiprocessing.Pool tutorial re-run on Rust compiled to WebAssembly."),
    },
};
