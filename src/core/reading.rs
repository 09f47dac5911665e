//! The reading of the numbers: a few sentences derived from the measurements,
//! which use the intervals and claim no more than they support: a run is
//! called faster only when its speed-up's whole interval is above 1, and a
//! winner only when its interval lies clear of every other run's.

use crate::core::pool_modes::{backend_run_label, Backend, PoolMode};
use crate::core::page_config::ExperimentKind;
use crate::core::results::{serial_run, ResultsDoc, RunRecord, TaskRecord};
use crate::core::stats::{self, Verdict};
use crate::core::summary::{
    bounds_text, human_duration, interval_text, parallel_lanes, plural, summary_rows, SummaryRow, BROWSER_CONNECTIONS_PER_HOST,
};

pub fn read_numbers(results: &ResultsDoc) -> String {
    let reposts = results.experiment == ExperimentKind::Reposts;
    let (task, pool_word) = if reposts { ("request", "concurrent") } else { ("task", "pool") };
    let rows = summary_rows(results);
    let pool_rows: Vec<&SummaryRow> = rows.iter().filter(|r| r.mode.uses_pool()).collect();
    let serial = rows.iter().find(|r| r.mode == PoolMode::Serial);
    let mut sentences = Vec::new();

    if let Some(serial) = serial {
        let tasks = serial_run(results).map(|r| r.tasks.len()).unwrap_or(0).max(1);
        sentences.push(format!(
            "One after another, the {tasks} {task}s took {}{} in all, {} per {task} on average.",
            human_duration(serial.median_ms),
            median_note(serial),
            human_duration(serial.median_ms / tasks as f64)
        ));
        sentences.extend(speedup_sentences(results, &pool_rows, pool_word, reposts));
    }
    sentences.extend(winner_sentence(&pool_rows, pool_word));
    if let (Some(apply), Some(serial)) = (rows.iter().find(|r| r.mode == PoolMode::Apply), serial) {
        sentences.push(format!(
            "apply waits for each {task} before sending the next, so on {} it took {} against serial's {}.",
            workers_text(apply.workers),
            human_duration(apply.median_ms),
            human_duration(serial.median_ms)
        ));
    }
    sentences.extend(startup_sentence(results));
    sentences.extend(backends_sentence(results, &rows));
    sentences.extend(caveats(results, &rows));
    sentences.join(" ")
}

/// The costliest pool start-up, said as what it was: cold (web workers
/// started for it) or warm (workers reused), with the cold cost beside a warm one.
fn startup_sentence(results: &ResultsDoc) -> Option<String> {
    let run = results.runs.iter().filter(|r| r.pool_startup_ms.is_some()).max_by(|a, b| {
        a.pool_startup_ms.unwrap_or(0.0).total_cmp(&b.pool_startup_ms.unwrap_or(0.0))
    })?;
    let startup = human_duration(run.pool_startup_ms?);
    let pool = format!("a pool of {}", workers_text(run.workers));
    let kind = match run.backend {
        Some(Backend::Processes) => "processes",
        _ => "web workers",
    };
    let what = match (run.workers_spawned, run.cold_pool_startup_ms) {
        (Some(0), Some(cold)) => format!(
            "Starting {pool} took {startup} with its {kind} reused (the first, cold start cost {})",
            human_duration(cold)
        ),
        (Some(0), None) => format!("Starting {pool} took {startup} with its {kind} reused"),
        (Some(spawned), _) => format!("Starting {pool} cost {startup}, {spawned} new {kind} included"),
        (None, _) => format!("Starting {pool} cost {startup}"),
    };
    Some(format!("{what}: paid once, not in these timings (the tutorial paid it in every one)."))
}

fn row_label(row: &SummaryRow) -> String {
    backend_run_label(row.mode, row.backend, row.workers)
}

/// Where both backends ran the same mode on the same workers: what message
/// passing cost per task beyond shared memory.
fn backends_sentence(results: &ResultsDoc, rows: &[SummaryRow]) -> Option<String> {
    let tasks = results.runs.iter().map(|r| r.tasks.len().max(r.trace_omitted.unwrap_or(0))).max()?.max(1);
    let extra_ms: Vec<f64> = rows
        .iter()
        .filter(|p| p.backend == Some(Backend::Processes))
        .filter_map(|p| {
            let threads = rows.iter().find(|t| t.backend == Some(Backend::Threads) && t.mode == p.mode && t.workers == p.workers)?;
            Some(p.median_ms - threads.median_ms)
        })
        .collect();
    if extra_ms.is_empty() {
        return None;
    }
    let mean_extra = extra_ms.iter().sum::<f64>() / extra_ms.len() as f64;
    let compared = format!("{} pair{} of the same mode and workers", extra_ms.len(), plural(extra_ms.len()));
    Some(if mean_extra > 0.0 {
        format!(
            "Processes paid about {} per task more than threads ({compared}) to ship arguments and results as messages; threads share memory.",
            human_duration(mean_extra / tasks as f64)
        )
    } else {
        format!(
            "Processes were no slower than threads here ({compared}): against tasks this size, shipping arguments and results as messages costs little."
        )
    })
}

/// ` (median of 7, 95% CI 2.2–2.4 ms)`, or the repeats alone without an interval.
fn median_note(row: &SummaryRow) -> String {
    match row.ci95_ms {
        Some(_) => format!(" (median of {}, 95% CI {})", row.repeats, interval_text(row.ci95_ms)),
        None => format!(" (median of {} repeat{})", row.repeats, plural(row.repeats)),
    }
}

/// Each pool run's speed-up as the interval supports it: the best one that
/// is really faster, the runs really slower, or that nothing can be told.
fn speedup_sentences(results: &ResultsDoc, pool_rows: &[&SummaryRow], pool_word: &str, reposts: bool) -> Vec<String> {
    let mut sentences = Vec::new();
    let with = |verdict: Verdict| pool_rows.iter().filter(move |r| r.speedup.is_some_and(|s| s.verdict() == verdict));
    let fastest = with(Verdict::Faster).max_by(|a, b| speedup_of(a).total_cmp(&speedup_of(b)));
    if let Some(row) = fastest {
        let s = row.speedup.expect("filtered on a speed-up");
        let ideal = serial_run(results).map(|serial| crate::core::summary::ideal_ms(results, serial.median_ms, row.workers));
        let ideal_speedup = ideal.map(|ideal| row.median_ms * s.median / ideal).unwrap_or(f64::NAN);
        let why = if reposts && row.workers > BROWSER_CONNECTIONS_PER_HOST {
            format!(
                ": the browser sends at most {BROWSER_CONNECTIONS_PER_HOST} requests to one host at a time, so more lanes only queue in the browser"
            )
        } else if !reposts && parallel_lanes(results, row.workers) < row.workers {
            format!(
                " ({} on {} logical cores cannot beat {:.0}×)",
                workers_text(row.workers),
                results.environment.hardware_concurrency,
                parallel_lanes(results, row.workers)
            )
        } else {
            String::new()
        };
        sentences.push(format!(
            "{}: {:.2}× ({}) faster than serial, against an ideal of {ideal_speedup:.2}×{why}.",
            row_label(row),
            s.median,
            bounds_text(s.lo, s.hi, 2),
        ));
    }
    let slower: Vec<&&SummaryRow> = with(Verdict::Slower).collect();
    if let Some(slowest) = slower.iter().min_by(|a, b| speedup_of(a).total_cmp(&speedup_of(b))) {
        let s = slowest.speedup.expect("filtered on a speed-up");
        let others = slower.len() - 1;
        sentences.push(format!(
            "{}{}: {:.1}× ({}) slower than serial{}.",
            row_label(slowest),
            if others > 0 { format!(" and {others} other {pool_word} run{}", plural(others)) } else { String::new() },
            1.0 / s.median,
            bounds_text(s.hi.map(|hi| 1.0 / hi), s.lo.map(|lo| 1.0 / lo), 1),
            dispatch_note(slowest),
        ));
    }
    let undecided = with(Verdict::NoDifference).count();
    if undecided > 0 {
        sentences.push(format!(
            "{undecided} {pool_word} run{} showed no measurable difference from serial: {} speed-up interval{} hold{} 1.",
            plural(undecided),
            if undecided == 1 { "its" } else { "their" },
            plural(undecided),
            if undecided == 1 { "s" } else { "" },
        ));
    }
    if with(Verdict::NoInterval).next().is_some() {
        sentences.push(format!(
            "With fewer than {} repeats a run has no interval, so no difference can be called real: set repeat to {} or more.",
            stats::MIN_REPEATS_FOR_CI,
            stats::MIN_REPEATS_FOR_CI
        ));
    }
    sentences
}

/// Why a pool run lost, when its empty-task run shows it: handing out and
/// collecting the tasks cost most of the time.
fn dispatch_note(row: &SummaryRow) -> String {
    match row.dispatch_ms {
        Some(dispatch) if dispatch >= 0.5 * row.median_ms => format!(
            ": the same run with empty tasks took {}, so these tasks cost less to compute than to hand to a worker and collect",
            human_duration(dispatch)
        ),
        _ => String::new(),
    }
}

fn speedup_of(row: &SummaryRow) -> f64 {
    row.speedup.map(|s| s.median).unwrap_or(f64::NAN)
}

/// The fastest pool run, named a winner only when its interval lies below
/// every other pool run's; otherwise the runs it cannot be told from.
fn winner_sentence(pool_rows: &[&SummaryRow], pool_word: &str) -> Option<String> {
    if pool_rows.len() < 2 {
        return None;
    }
    let fastest = pool_rows.iter().min_by(|a, b| a.median_ms.total_cmp(&b.median_ms))?;
    let [_, fastest_hi] = fastest.ci95_ms?;
    let ties: Vec<String> = pool_rows
        .iter()
        .filter(|r| !std::ptr::eq(**r, *fastest))
        .filter(|r| r.ci95_ms.is_none_or(|[lo, _]| lo <= fastest_hi))
        .map(|r| row_label(r))
        .collect();
    let label = row_label(fastest);
    Some(if ties.is_empty() {
        format!("{label} was the fastest {pool_word} run: its interval lies below every other's.")
    } else {
        let shown = ties.len().min(3);
        let more = if ties.len() > shown { format!(" and {} more", ties.len() - shown) } else { String::new() };
        format!(
            "The fastest median, {label}, has an interval that overlaps those of {}{more}: the data do not tell these apart.",
            ties[..shown].join(", ")
        )
    })
}

/// What to distrust: the clock's limit, a hidden page, outliers.
fn caveats(results: &ResultsDoc, rows: &[SummaryRow]) -> Vec<String> {
    let mut sentences = Vec::new();
    let at_limit: Vec<&SummaryRow> = rows.iter().filter(|r| r.at_clock_limit).collect();
    if let Some(first) = at_limit.first() {
        let resolution = results.environment.timer_resolution_ms.map(|r| format!(" of {}", human_duration(r))).unwrap_or_default();
        sentences.push(format!(
            "{} run{} ({}{}) {} at the clock's limit, a median under {} steps of its resolution{resolution}: try a larger n.",
            at_limit.len(),
            plural(at_limit.len()),
            row_label(first),
            if at_limit.len() > 1 { ", …" } else { "" },
            if at_limit.len() == 1 { "is" } else { "are" },
            stats::CLOCK_LIMIT_STEPS,
        ));
    }
    let hidden = rows.iter().filter(|r| r.hidden).count();
    if hidden > 0 {
        sentences.push(format!(
            "The page was hidden during {hidden} run{}, marked in the table: browsers throttle hidden tabs.",
            plural(hidden)
        ));
    }
    let outliers: usize = rows.iter().map(|r| r.outliers).sum();
    if outliers > 0 {
        sentences.push(format!(
            "{outliers} repeat{} {} outlier{} (modified z-score above 3.5), kept in the figures and marked.",
            plural(outliers),
            if outliers == 1 { "was an" } else { "were" },
            plural(outliers)
        ));
    }
    sentences
}

fn workers_text(workers: usize) -> String {
    format!("{workers} worker{}", plural(workers))
}

/// Most requests in flight at once over a run's trace.
fn max_in_flight(tasks: &[TaskRecord]) -> usize {
    let mut edges: Vec<(f64, i32)> = tasks.iter().flat_map(|t| [(t.start_ms, 1), (t.end_ms, -1)]).collect();
    // Ends before starts at the same instant: back-to-back is not overlap.
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    edges.iter().scan(0, |open, &(_, step)| { *open += step; Some(*open) }).max().unwrap_or(0) as usize
}

/// The waterfall's sentence: how many requests overlapped, or, when a
/// pool had more lanes than the browser's connections per host, how long
/// requests waited in the browser.
pub fn waterfall_reading(run: &RunRecord) -> String {
    let in_flight = max_in_flight(&run.tasks);
    let queued: Vec<f64> = run.tasks.iter().filter_map(|t| t.queued_ms).filter(|&q| q > 5.0).collect();
    if run.workers > BROWSER_CONNECTIONS_PER_HOST && !queued.is_empty() {
        format!(
            "{} lanes asked for up to {} requests at once, but a browser opens at most {BROWSER_CONNECTIONS_PER_HOST} HTTP/1.1 connections per host: {} requests waited in the browser, {} on average, before being sent.",
            run.workers,
            run.workers.min(run.tasks.len()),
            queued.len(),
            human_duration(queued.iter().sum::<f64>() / queued.len() as f64)
        )
    } else {
        format!("At most {in_flight} request{} in flight at once.", if in_flight == 1 { " was" } else { "s were" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pool_modes::TaskTrace;

    #[test]
    fn the_waterfall_counts_overlap_and_names_the_browsers_queue() {
        let task = |input, start_ms, end_ms, queued_ms| TaskRecord {
            queued_ms,
            ..TaskRecord::from(TaskTrace { input, worker: 0, start_ms, end_ms })
        };
        // Back to back is not overlap: two at once at most.
        let mut run = RunRecord::new(PoolMode::ApplyAsync, 2, vec![1.0], vec![task(1, 0.0, 2.0, None), task(2, 1.0, 3.0, None), task(3, 3.0, 4.0, None)], Default::default());
        assert_eq!(waterfall_reading(&run), "At most 2 requests were in flight at once.");
        run.workers = 10;
        run.tasks = vec![task(1, 0.0, 20.0, Some(10.0)), task(2, 0.0, 30.0, Some(20.0))].into();
        let reading = waterfall_reading(&run);
        assert!(reading.starts_with("10 lanes asked for up to 2 requests at once") && reading.contains("2 requests waited"), "{reading}");
    }

    fn doc(runs: Vec<RunRecord>) -> ResultsDoc {
        ResultsDoc::of_runs_for_tests(runs)
    }

    fn run(mode: PoolMode, workers: usize, times: &[f64]) -> RunRecord {
        RunRecord::timed_for_tests(mode, workers, times)
    }

    const SERIAL: [f64; 7] = [10.0, 9.5, 10.2, 9.8, 10.1, 10.0, 9.9];

    fn on(backend: Backend, mode: PoolMode, times: &[f64], tasks: usize) -> RunRecord {
        let mut record = run(mode, 2, times);
        record.backend = Some(backend);
        record.trace_omitted = Some(tasks);
        record
    }

    #[test]
    fn a_pool_start_up_says_whether_it_was_cold_or_warm() {
        let mut cold = run(PoolMode::Map, 2, &[5.0; 7]);
        (cold.pool_startup_ms, cold.workers_spawned, cold.cold_pool_startup_ms) = (Some(60.0), Some(2), Some(60.0));
        let text = read_numbers(&doc(vec![run(PoolMode::Serial, 1, &SERIAL), cold.clone()]));
        assert!(text.contains("Starting a pool of 2 workers cost 60.0 ms, 2 new web workers included: paid once"), "{text}");
        let mut warm = cold;
        (warm.pool_startup_ms, warm.workers_spawned) = (Some(0.3), Some(0));
        let text = read_numbers(&doc(vec![run(PoolMode::Serial, 1, &SERIAL), warm]));
        assert!(text.contains("took 300.0 µs with its web workers reused (the first, cold start cost 60.0 ms)"), "{text}");
    }

    #[test]
    fn both_backends_are_compared_per_task() {
        let threads = on(Backend::Threads, PoolMode::Map, &[5.0; 7], 1000);
        let processes = on(Backend::Processes, PoolMode::Map, &[7.0; 7], 1000);
        let text = read_numbers(&doc(vec![run(PoolMode::Serial, 1, &SERIAL), threads.clone(), processes]));
        assert!(
            text.contains("Processes paid about 2.0 µs per task more than threads (1 pair of the same mode and workers)"),
            "{text}"
        );
        let faster = on(Backend::Processes, PoolMode::Map, &[4.0; 7], 1000);
        let text = read_numbers(&doc(vec![run(PoolMode::Serial, 1, &SERIAL), threads.clone(), faster]));
        assert!(text.contains("map on 2 processes was the fastest pool run"), "{text}");
        assert!(text.contains("Processes were no slower than threads here"), "{text}");
        let only_threads = read_numbers(&doc(vec![run(PoolMode::Serial, 1, &SERIAL), threads]));
        assert!(!only_threads.contains("Processes"), "{only_threads}");
    }

    #[test]
    fn a_real_speed_up_is_read_with_its_interval() {
        let results = doc(vec![run(PoolMode::Serial, 1, &SERIAL), run(PoolMode::Map, 2, &[5.0, 5.1, 4.9, 5.2, 5.0, 4.7, 5.0])]);
        let text = read_numbers(&results);
        // 10.0 / 5.0 = 2.00; interval 9.5/5.2 = 1.83 .. 10.2/4.8 = 2.13.
        assert!(text.contains("map on 2 workers: 2.00× (1.83–2.17) faster than serial, against an ideal of 2.00×."), "{text}");
        assert!(text.contains("(median of 7, 95% CI 9.5–10.2 ms)"), "{text}");
        assert!(!text.contains("no measurable"), "{text}");
    }

    #[test]
    fn no_winner_the_data_do_not_support() {
        // map and map_async overlap each other; apply_async's interval holds 1.
        let results = doc(vec![
            run(PoolMode::Serial, 1, &SERIAL),
            run(PoolMode::Map, 4, &[5.0, 5.1, 4.9, 5.2, 5.0, 4.7, 5.0]),
            run(PoolMode::MapAsync, 4, &[5.1, 5.0, 5.3, 4.9, 5.0, 5.1, 5.2]),
            run(PoolMode::ApplyAsync, 4, &[9.0, 11.0, 10.0, 10.5, 9.5, 10.0, 10.0]),
        ]);
        let text = read_numbers(&results);
        assert!(text.contains("The fastest median, map on 4 workers, has an interval that overlaps those of map_async on 4 workers"), "{text}");
        assert!(!text.contains("was the fastest"), "{text}");
        assert!(text.contains("1 pool run showed no measurable difference from serial"), "{text}");
        assert!(text.contains("(4 workers on 2 logical cores cannot beat 2×)"), "{text}");
    }

    #[test]
    fn a_clear_winner_slower_runs_and_caveats() {
        let mut slow = run(PoolMode::Apply, 2, &[30.0, 31.0, 29.0, 30.0, 30.5, 29.5, 30.0]);
        slow.hidden = true;
        slow.dispatch_ms = Some(25.0);
        let results = doc(vec![
            run(PoolMode::Serial, 1, &SERIAL),
            run(PoolMode::Map, 2, &[5.0, 5.1, 4.9, 5.2, 5.0, 4.7, 5.0]),
            slow,
            run(PoolMode::MapAsync, 2, &[0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]),
        ]);
        let text = read_numbers(&results);
        assert!(text.contains("map_async on 2 workers was the fastest pool run"), "{text}");
        // 10 / 30 -> 3.0× slower; interval 29/10.2 = 2.8 .. 31/9.5 = 3.3.
        assert!(
            text.contains("apply on 2 workers: 3.0× (2.8–3.3) slower than serial: the same run with empty tasks took 25.0 ms"),
            "{text}"
        );
        assert!(text.contains("1 run (map_async on 2 workers) is at the clock's limit"), "{text}");
        assert!(text.contains("hidden during 1 run"), "{text}");
    }

    #[test]
    fn times_of_zero_at_the_clocks_limit_read_as_open_ends() {
        let results = doc(vec![
            run(PoolMode::Serial, 1, &[0.0, 0.0, 0.005, 0.005, 0.005, 0.01, 0.01]),
            run(PoolMode::Map, 2, &[0.04, 0.045, 0.045, 0.05, 0.05, 0.05, 0.055]),
        ]);
        let text = read_numbers(&results);
        // 0.005 / 0.05 -> 10× slower; bounds 0.04 / 0.01 = 4 .. 0.055 / 0 = unbounded.
        assert!(text.contains("map on 2 workers: 10.0× (4.0–∞) slower than serial"), "{text}");
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        assert!(text.contains("2 runs (serial, …) are at the clock's limit"), "{text}");
    }

    #[test]
    fn too_few_repeats_claim_nothing() {
        let results = doc(vec![run(PoolMode::Serial, 1, &[10.0, 10.0, 10.0]), run(PoolMode::Map, 2, &[5.0, 5.0, 5.0])]);
        let text = read_numbers(&results);
        assert!(!text.contains("faster than serial"), "{text}");
        assert!(text.contains("set repeat to 6 or more"), "{text}");
        assert!(text.contains("per task on average"), "{text}");
    }
}
