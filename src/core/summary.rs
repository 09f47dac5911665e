//! The numbers of the results table, computed once for the page and for
//! every export, so an exported figure always matches the table.

use crate::core::pool_modes::{Backend, PoolMode};
use crate::core::page_config::ExperimentKind;
use crate::core::results::{serial_run, ResultsDoc, RunRecord};
use crate::core::stats::{self, Speedup, Verdict};

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub mode: PoolMode,
    pub workers: usize,
    pub backend: Option<Backend>,
    /// Counted repeats.
    pub repeats: usize,
    pub best_ms: f64,
    pub median_ms: f64,
    /// The 95% interval of the median; `None` below six repeats.
    pub ci95_ms: Option<[f64; 2]>,
    /// How many repeats are outliers (kept, only marked).
    pub outliers: usize,
    /// Against serial, from medians and intervals; `None` for serial itself.
    pub speedup: Option<Speedup>,
    /// The ideal time on this many workers (see `ideal_ms`), for pool runs.
    pub ideal_ms: Option<f64>,
    /// Ideal ÷ median: how close the run came to the ideal.
    pub of_ideal: Option<f64>,
    pub pool_startup_ms: Option<f64>,
    /// The run with empty tasks on the warm pool.
    pub dispatch_ms: Option<f64>,
    pub at_clock_limit: bool,
    pub hidden: bool,
    pub check: String,
}

/// One row per run. Intervals, outliers and speed-ups are recomputed from
/// `times_ms` (the same functions that fill the JSON), so results shared
/// before those fields existed read the same way.
pub fn summary_rows(results: &ResultsDoc) -> Vec<SummaryRow> {
    let serial = serial_run(results).map(|s| (s.median_ms, stats::ci95_median(&s.times_ms)));
    let resolution = results.environment.timer_resolution_ms;
    results
        .runs
        .iter()
        .map(|run| {
            let ci95_ms = stats::ci95_median(&run.times_ms);
            let pool_run = serial.filter(|_| run.mode.uses_pool());
            let ideal = pool_run.map(|(median, _)| ideal_ms(results, median, run.workers));
            SummaryRow {
                mode: run.mode,
                workers: run.workers,
                backend: run.backend,
                repeats: run.times_ms.len(),
                best_ms: run.best_ms,
                median_ms: run.median_ms,
                ci95_ms,
                outliers: stats::outliers(&run.times_ms).len(),
                speedup: pool_run.and_then(|(median, ci)| Speedup::of(median, ci, run.median_ms, ci95_ms)),
                ideal_ms: ideal,
                of_ideal: ideal.map(|ideal| ideal / run.median_ms),
                pool_startup_ms: run.pool_startup_ms,
                dispatch_ms: run.dispatch_ms,
                at_clock_limit: run.at_clock_limit || resolution.is_some_and(|r| stats::at_clock_limit(run.median_ms, r)),
                hidden: run.hidden,
                check: check_text(run),
            }
        })
        .collect()
}

fn check_text(run: &RunRecord) -> String {
    match (&run.check.bits, &run.check.reposts, &run.check.pages) {
        (Some(bits), _, _) => format!("{bits} bits"),
        (_, Some(reposts), Some(pages)) => format!("{reposts} reposts in {pages} pages"),
        (_, Some(reposts), None) => format!("{reposts} reposts"),
        _ => "–".into(),
    }
}

pub use crate::core::pool_modes::run_label;

/// How the page names a measured run: `map on 2 workers`, `map on 2 processes`.
pub fn record_label(run: &RunRecord) -> String {
    crate::core::pool_modes::backend_run_label(run.mode, run.backend, run.workers)
}

/// HTTP/1.1: browsers open at most this many connections to one host.
pub const BROWSER_CONNECTIONS_PER_HOST: usize = 6;

/// Workers that can run at once: k, but no more than the logical cores
/// (an unknown core count, 0, does not cap).
pub fn parallel_lanes(results: &ResultsDoc, workers: usize) -> usize {
    let cores = results.environment.hardware_concurrency as usize;
    if cores == 0 { workers.max(1) } else { workers.clamp(1, cores) }
}

/// What `ideal_ms` computes, in words (the chart and its caption say it).
pub fn ideal_text(experiment: ExperimentKind) -> &'static str {
    match experiment {
        ExperimentKind::Reposts => "the probe, then ceil(pages ÷ lanes) waves of one request, at most 6 lanes per host",
        ExperimentKind::Factorial => "serial ÷ min(workers, logical cores)",
    }
}

/// Pool start-up, cold (workers started for it) or warm (workers reused,
/// with the cold cost this page paid for the same size beside it).
pub fn pool_startup_text(run: &RunRecord) -> String {
    let Some(startup) = run.pool_startup_ms else { return optional_duration(None) };
    match (run.workers_spawned, run.cold_pool_startup_ms) {
        (Some(0), Some(cold)) => format!("{} warm (cold: {})", human_duration(startup), human_duration(cold)),
        (Some(0), None) => format!("{} warm", human_duration(startup)),
        (Some(spawned), _) => format!("{} cold ({spawned} new worker{})", human_duration(startup), if spawned == 1 { "" } else { "s" }),
        (None, _) => human_duration(startup),
    }
}

/// The best a run on `workers` could do, from the serial time: serial ÷
/// min(k, logical cores) for factorials (4 workers on 2 cores cannot beat
/// 2×); for reposts, the probe plus ceil(pages ÷ lanes) waves of one request
/// each, with lanes capped by the browser's connections per host.
pub fn ideal_ms(results: &ResultsDoc, serial_ms: f64, workers: usize) -> f64 {
    let pages = serial_run(results).and_then(|r| r.check.pages);
    match (results.experiment, pages) {
        (ExperimentKind::Reposts, Some(pages)) if pages > 0 => {
            let per_request = serial_ms / (pages + 1) as f64;
            let lanes = workers.clamp(1, BROWSER_CONNECTIONS_PER_HOST) as u64;
            per_request * (1 + pages.div_ceil(lanes)) as f64
        }
        _ => serial_ms / parallel_lanes(results, workers) as f64,
    }
}

/// A duration for people: µs, ms, s or min, as precise as it is useful.
pub fn human_duration(ms: f64) -> String {
    if ms < 1.0 {
        format!("{:.1} µs", ms * 1000.0)
    } else if ms < 1000.0 {
        format!("{ms:.1} ms")
    } else if ms < 120_000.0 {
        format!("{:.2} s", ms / 1000.0)
    } else {
        format!("{:.0} min", ms / 60_000.0)
    }
}

/// `1.72×`, with its interval when there is one: `1.72× (1.65–1.80)`.
pub fn speedup_text(speedup: Option<Speedup>) -> String {
    match speedup {
        None => "–".into(),
        Some(Speedup { median, lo: None, hi: None }) => format!("{median:.2}×"),
        Some(Speedup { median, lo, hi }) => format!("{median:.2}× ({})", bounds_text(lo, hi, 2)),
    }
}

/// `1.65–1.80`; an end that is missing or infinite (a time of 0 at the
/// clock's limit) reads `0` at the low end and `∞` at the high end.
pub fn bounds_text(lo: Option<f64>, hi: Option<f64>, digits: usize) -> String {
    let end = |value: Option<f64>, open: &str| match value {
        Some(v) if v.is_finite() => format!("{v:.digits$}"),
        _ => open.to_string(),
    };
    format!("{}–{}", end(lo, "0"), end(hi, "∞"))
}

/// What the interval of a speed-up supports, in a few words.
pub fn verdict_text(speedup: Option<Speedup>) -> &'static str {
    match speedup.map(|s| s.verdict()) {
        None => "",
        Some(Verdict::Faster) => "faster",
        Some(Verdict::Slower) => "slower",
        Some(Verdict::NoDifference) => "no measurable difference",
        Some(Verdict::NoInterval) => "no interval",
    }
}

/// The median's interval, `2.25–2.40 ms` in the median's unit; `–` without one.
pub fn interval_text(ci: Option<[f64; 2]>) -> String {
    match ci {
        Some([lo, hi]) => {
            let (lo_text, hi_text) = (human_duration(lo), human_duration(hi));
            // One unit for both ends when they share it: "2.3–2.4 ms".
            match (lo_text.rsplit_once(' '), hi_text.rsplit_once(' ')) {
                (Some((lo_n, lo_u)), Some((hi_n, hi_u))) if lo_u == hi_u => format!("{lo_n}–{hi_n} {hi_u}"),
                _ => format!("{lo_text}–{hi_text}"),
            }
        }
        None => "–".into(),
    }
}

pub fn percent_text(fraction: Option<f64>) -> String {
    fraction.map(|e| format!("{:.0}%", 100.0 * e)).unwrap_or_else(|| "–".into())
}

/// The marks a row carries: outliers, too few repeats, the clock's limit, a hidden page.
pub fn notes_text(row: &SummaryRow) -> String {
    let mut notes = Vec::new();
    if row.ci95_ms.is_none() {
        notes.push(format!("{} repeat{}: an interval needs {}", row.repeats, plural(row.repeats), stats::MIN_REPEATS_FOR_CI));
    }
    if row.outliers > 0 {
        notes.push(format!("{} outlier{}", row.outliers, plural(row.outliers)));
    }
    if row.at_clock_limit {
        notes.push("at the clock's limit".to_string());
    }
    if row.hidden {
        notes.push("page hidden during the run".to_string());
    }
    notes.join("; ")
}

pub fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

pub fn optional_duration(ms: Option<f64>) -> String {
    ms.map(human_duration).unwrap_or_else(|| "–".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_startup_says_cold_or_warm() {
        let mut run = RunRecord::timed_for_tests(PoolMode::Map, 2, &[1.0]);
        assert_eq!(pool_startup_text(&run), optional_duration(None));
        run.pool_startup_ms = Some(12.0);
        run.workers_spawned = Some(2);
        assert_eq!(pool_startup_text(&run), format!("{} cold (2 new workers)", human_duration(12.0)));
        run.workers_spawned = Some(0);
        run.cold_pool_startup_ms = Some(40.0);
        assert_eq!(pool_startup_text(&run), format!("{} warm (cold: {})", human_duration(12.0), human_duration(40.0)));
    }
    use crate::core::page_config::PageConfig;
    use crate::core::results::{Check, Environment, SCHEMA_VERSION};

    fn doc(experiment: ExperimentKind, cores: u32, runs: Vec<RunRecord>) -> ResultsDoc {
        ResultsDoc {
            schema: SCHEMA_VERSION,
            experiment,
            complete: true,
            config: (&PageConfig::defaults_for(experiment, 2)).into(),
            environment: Environment { hardware_concurrency: cores, ..Environment::default() },
            runs,
            errors: vec![],
        }
    }

    #[test]
    fn the_ideal_is_capped_by_the_cores() {
        let serial = RunRecord::new(PoolMode::Serial, 1, vec![120.0], vec![], Check::default());
        let results = doc(ExperimentKind::Factorial, 2, vec![serial.clone()]);
        assert_eq!(ideal_ms(&results, 120.0, 1), 120.0);
        assert_eq!(ideal_ms(&results, 120.0, 2), 60.0);
        assert_eq!(ideal_ms(&results, 120.0, 4), 60.0, "4 workers on 2 cores cannot beat 2x");
        assert_eq!(ideal_ms(&doc(ExperimentKind::Factorial, 8, vec![serial]), 120.0, 4), 30.0);
    }

    #[test]
    fn rows_carry_intervals_and_marks() {
        let serial = RunRecord::new(PoolMode::Serial, 1, vec![10.0, 9.0, 10.0, 12.0, 10.0, 10.0], vec![], Check::default());
        let mut map = RunRecord::new(PoolMode::Map, 4, vec![5.0, 6.0, 4.0, 5.5, 4.5, 5.0, 40.0], vec![], Check::default());
        map.hidden = true;
        let mut results = doc(ExperimentKind::Factorial, 2, vec![serial, map]);
        results.environment.timer_resolution_ms = Some(0.1); // 100 steps = 10 ms
        let rows = summary_rows(&results);
        assert_eq!(rows[1].ci95_ms, Some([4.0, 40.0]));
        assert_eq!(rows[1].speedup, Some(Speedup { median: 2.0, lo: Some(9.0 / 40.0), hi: Some(3.0) }));
        assert_eq!(verdict_text(rows[1].speedup), "no measurable difference");
        assert_eq!(rows[1].ideal_ms, Some(5.0));
        assert_eq!(rows[1].of_ideal, Some(1.0));
        assert_eq!(notes_text(&rows[1]), "1 outlier; at the clock's limit; page hidden during the run");
        assert_eq!(rows[0].speedup, None);
        assert!(!rows[0].at_clock_limit, "median 10 ms is 100 steps: not under");
        assert_eq!(interval_text(rows[0].ci95_ms), "9.0–12.0 ms");
        assert_eq!(interval_text(Some([0.5, 1.5])), "500.0 µs–1.5 ms");
        assert_eq!(speedup_text(rows[1].speedup), "2.00× (0.23–3.00)");
        assert_eq!(speedup_text(Some(Speedup { median: 8.0, lo: Some(3.0), hi: None })), "8.00× (3.00–∞)");
        assert_eq!(bounds_text(Some(1.0 / 0.6), Some(f64::INFINITY), 1), "1.7–∞");
        let few = RunRecord::new(PoolMode::Serial, 1, vec![1.0, 2.0], vec![], Check::default());
        assert_eq!(notes_text(&summary_rows(&doc(ExperimentKind::Factorial, 2, vec![few]))[0]), "2 repeats: an interval needs 6");
    }
}
