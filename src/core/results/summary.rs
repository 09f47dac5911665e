//! The numbers of the results table, computed once for the page and for
//! every export, so an exported figure always matches the table.

use crate::core::i18n::Lang;
use crate::core::link::config::ExperimentKind;
use crate::core::pool::modes::{Backend, PoolMode};
use crate::core::results::schema::{serial_for, serial_run, Check, ResultsDoc, RunRecord};
use crate::core::results::stats::{self, Speedup, Verdict};

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub mode: PoolMode,
    pub workers: usize,
    pub backend: Option<Backend>,
    /// Factorial lab: the run's n.
    pub n: Option<u64>,
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
    /// What the run must agree on (`check_text` words it).
    pub check: Check,
}

/// One row per run. Intervals, outliers and speed-ups are recomputed from
/// `times_ms` (the same functions that fill the JSON), so results shared
/// before those fields existed read the same way.
pub fn summary_rows(results: &ResultsDoc) -> Vec<SummaryRow> {
    let resolution = results.environment.timer_resolution_ms;
    results
        .runs
        .iter()
        .map(|run| {
            let ci95_ms = stats::ci95_median(&run.times_ms);
            // Against the serial run of the same n (`results::serial_for`).
            let pool_run = serial_for(&results.runs, run)
                .filter(|_| run.mode.uses_pool())
                .map(|s| (s.median_ms, stats::ci95_median(&s.times_ms)));
            let ideal = pool_run.map(|(median, _)| ideal_ms(results, median, run.workers));
            SummaryRow {
                mode: run.mode,
                workers: run.workers,
                backend: run.backend,
                n: run.n,
                repeats: run.times_ms.len(),
                best_ms: run.best_ms,
                median_ms: run.median_ms,
                ci95_ms,
                outliers: stats::outliers(&run.times_ms).len(),
                speedup: pool_run
                    .and_then(|(median, ci)| Speedup::of(median, ci, run.median_ms, ci95_ms)),
                ideal_ms: ideal,
                of_ideal: ideal.map(|ideal| ideal / run.median_ms),
                pool_startup_ms: run.pool_startup_ms,
                dispatch_ms: run.dispatch_ms,
                at_clock_limit: run.at_clock_limit
                    || resolution.is_some_and(|r| stats::at_clock_limit(run.median_ms, r)),
                hidden: run.hidden,
                check: run.check.clone(),
            }
        })
        .collect()
}

/// The check column: `1234 bits`, `2000 reposts in 10 pages`.
pub fn check_text(check: &Check, lang: Lang) -> String {
    let text = &lang.text().table;
    match (check.bits, check.reposts) {
        (Some(bits), _) => (text.check_bits)(bits),
        (_, Some(reposts)) => (text.check_reposts)(reposts, check.pages),
        _ => "–".into(),
    }
}

/// How the page names a measured run: `map on 2 workers`, `map on 2 processes`.
pub fn record_label(lang: Lang, run: &RunRecord) -> String {
    crate::core::pool::modes::run_label(lang, run.mode, run.backend, run.workers)
}

/// HTTP/1.1: browsers open at most this many connections to one host.
pub const BROWSER_CONNECTIONS_PER_HOST: usize = 6;

/// Workers that can run at once: k, but no more than the logical cores
/// (an unknown core count, 0, does not cap).
pub fn parallel_lanes(results: &ResultsDoc, workers: usize) -> usize {
    let cores = results.environment.hardware_concurrency as usize;
    if cores == 0 {
        workers.max(1)
    } else {
        workers.clamp(1, cores)
    }
}

/// What `ideal_ms` computes, in words (the chart and its caption say it).
pub fn ideal_text(experiment: ExperimentKind, lang: Lang) -> &'static str {
    let text = &lang.text().table;
    match experiment {
        ExperimentKind::Reposts => text.ideal_reposts,
        ExperimentKind::Factorial => text.ideal_factorial,
    }
}

/// Pool start-up, cold (workers started for it) or warm (workers reused,
/// with the cold cost this page paid for the same size beside it).
pub fn pool_startup_text(run: &RunRecord, lang: Lang) -> String {
    let Some(startup) = run.pool_startup_ms else {
        return optional_duration(None);
    };
    let text = &lang.text().table;
    let startup = human_duration(startup);
    match (run.workers_spawned, run.cold_pool_startup_ms) {
        (Some(0), cold) => (text.startup_warm)(&startup, cold.map(human_duration).as_deref()),
        (Some(spawned), _) => {
            (text.startup_cold)(&startup, spawned, run.backend == Some(Backend::Processes))
        }
        (None, _) => startup,
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

/// How a figure's digits are written: fixed decimals in the table and the
/// exports (`2.50×`, columns that line up, the same in every language), or
/// as the reader's language writes numbers in a sentence (`Lang::number`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    Fixed,
    In(Lang),
}

impl Digits {
    pub fn write(self, value: f64, digits: usize) -> String {
        match self {
            Digits::Fixed => format!("{value:.digits$}"),
            Digits::In(lang) => lang.number(value, digits),
        }
    }
}

/// A duration for people: µs, ms, s or min, as precise as it is useful.
pub fn human_duration(ms: f64) -> String {
    duration_in(ms, Digits::Fixed)
}

/// `human_duration` with its number written as `digits` says; the unit stays.
pub fn duration_in(ms: f64, digits: Digits) -> String {
    if ms < 1.0 {
        format!("{} µs", digits.write(ms * 1000.0, 1))
    } else if ms < 1000.0 {
        format!("{} ms", digits.write(ms, 1))
    } else if ms < 120_000.0 {
        format!("{} s", digits.write(ms / 1000.0, 2))
    } else {
        format!("{} min", digits.write(ms / 60_000.0, 0))
    }
}

/// `1.72×`, with its interval when there is one: `1.72× (1.65–1.80)`.
pub fn speedup_text(speedup: Option<Speedup>) -> String {
    match speedup {
        None => "–".into(),
        Some(Speedup {
            median,
            lo: None,
            hi: None,
        }) => format!("{median:.2}×"),
        Some(Speedup { median, lo, hi }) => format!("{median:.2}× ({})", bounds_text(lo, hi, 2)),
    }
}

/// `1.65–1.80`; an end that is missing or infinite (a time of 0 at the
/// clock's limit) reads `0` at the low end and `∞` at the high end.
pub fn bounds_text(lo: Option<f64>, hi: Option<f64>, digits: usize) -> String {
    bounds_in(lo, hi, digits, Digits::Fixed)
}

/// `bounds_text` with its numbers written as `written` says.
pub fn bounds_in(lo: Option<f64>, hi: Option<f64>, digits: usize, written: Digits) -> String {
    let end = |value: Option<f64>, open: &str| match value {
        Some(v) if v.is_finite() => written.write(v, digits),
        _ => open.to_string(),
    };
    format!("{}–{}", end(lo, "0"), end(hi, "∞"))
}

/// What the interval of a speed-up supports, in a few words.
pub fn verdict_text(speedup: Option<Speedup>, lang: Lang) -> &'static str {
    let text = &lang.text().table;
    match speedup.map(|s| s.verdict()) {
        None => "",
        Some(Verdict::Faster) => text.faster,
        Some(Verdict::Slower) => text.slower,
        Some(Verdict::NoDifference) => text.no_difference,
        Some(Verdict::NoInterval) => text.no_interval,
    }
}

/// The median's interval, `2.25–2.40 ms` in the median's unit; `–` without one.
pub fn interval_text(ci: Option<[f64; 2]>) -> String {
    interval_in(ci, Digits::Fixed)
}

/// `interval_text` with its numbers written as `digits` says.
pub fn interval_in(ci: Option<[f64; 2]>, digits: Digits) -> String {
    match ci {
        Some([lo, hi]) => {
            let (lo_text, hi_text) = (duration_in(lo, digits), duration_in(hi, digits));
            // One unit for both ends when they share it: "2.3–2.4 ms".
            match (lo_text.rsplit_once(' '), hi_text.rsplit_once(' ')) {
                (Some((lo_n, lo_u)), Some((hi_n, hi_u))) if lo_u == hi_u => {
                    format!("{lo_n}–{hi_n} {hi_u}")
                }
                _ => format!("{lo_text}–{hi_text}"),
            }
        }
        None => "–".into(),
    }
}

pub fn percent_text(fraction: Option<f64>) -> String {
    fraction
        .map(|e| format!("{:.0}%", 100.0 * e))
        .unwrap_or_else(|| "–".into())
}

/// The marks a row carries: outliers, too few repeats, the clock's limit, a hidden page.
pub fn notes_text(row: &SummaryRow, lang: Lang) -> String {
    let text = &lang.text().table;
    let mut notes = Vec::new();
    if row.ci95_ms.is_none() {
        notes.push((text.too_few_repeats)(
            row.repeats,
            stats::MIN_REPEATS_FOR_CI,
        ));
    }
    if row.outliers > 0 {
        notes.push((text.outliers)(row.outliers));
    }
    if row.at_clock_limit {
        notes.push(text.at_clock_limit.to_string());
    }
    if row.hidden {
        notes.push(text.page_hidden.to_string());
    }
    (text.join_notes)(&notes)
}

pub fn optional_duration(ms: Option<f64>) -> String {
    ms.map(human_duration).unwrap_or_else(|| "–".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    const EN: Lang = Lang::En;
    const ZH: Lang = Lang::ZhCn;

    #[test]
    fn pool_startup_says_cold_or_warm() {
        let mut run = RunRecord::timed_for_tests(PoolMode::Map, 2, &[1.0]);
        assert_eq!(pool_startup_text(&run, EN), optional_duration(None));
        run.pool_startup_ms = Some(12.0);
        run.workers_spawned = Some(2);
        assert_eq!(pool_startup_text(&run, EN), "12.0 ms cold (2 new workers)");
        assert_eq!(
            pool_startup_text(&run, ZH),
            "12.0 ms，冷启动（新建 2 个工作线程）"
        );
        run.backend = Some(Backend::Processes);
        run.workers_spawned = Some(1);
        assert_eq!(pool_startup_text(&run, EN), "12.0 ms cold (1 new process)");
        assert_eq!(
            pool_startup_text(&run, ZH),
            "12.0 ms，冷启动（新建 1 个进程）"
        );
        run.workers_spawned = Some(0);
        run.cold_pool_startup_ms = Some(40.0);
        assert_eq!(pool_startup_text(&run, EN), "12.0 ms warm (cold: 40.0 ms)");
        assert_eq!(
            pool_startup_text(&run, ZH),
            "12.0 ms，热启动（冷启动：40.0 ms）"
        );
        run.cold_pool_startup_ms = None;
        assert_eq!(pool_startup_text(&run, ZH), "12.0 ms，热启动");
    }

    #[test]
    fn checks_and_ideals_are_worded_per_language() {
        let bits = Check {
            bits: Some(1234),
            ..Check::default()
        };
        assert_eq!(
            (check_text(&bits, EN), check_text(&bits, ZH)),
            ("1234 bits".into(), "1234 位".into())
        );
        let reposts = Check {
            reposts: Some(2000),
            pages: Some(10),
            ..Check::default()
        };
        assert_eq!(
            (check_text(&reposts, EN), check_text(&reposts, ZH)),
            (
                "2000 reposts in 10 pages".into(),
                "10 页共 2000 条转发".into()
            )
        );
        let unpaged = Check {
            pages: None,
            ..reposts
        };
        assert_eq!(
            (check_text(&unpaged, EN), check_text(&unpaged, ZH)),
            ("2000 reposts".into(), "2000 条转发".into())
        );
        assert_eq!(check_text(&Check::default(), ZH), "–");
        assert_eq!(
            ideal_text(ExperimentKind::Factorial, EN),
            "serial ÷ min(workers, logical cores)"
        );
        assert_eq!(
            ideal_text(ExperimentKind::Factorial, ZH),
            "串行耗时 ÷ min(并行数, 逻辑核数)"
        );
        assert!(ideal_text(ExperimentKind::Reposts, ZH).contains("ceil(页数 ÷ 并发数)"));
    }

    #[test]
    fn sentences_write_numbers_as_the_language_does() {
        let digits = Digits::In(EN);
        assert_eq!(duration_in(2.5, digits), "2.5 ms");
        assert_eq!(duration_in(60.0, digits), "60 ms");
        assert_eq!(duration_in(0.3, digits), "300 µs");
        assert_eq!(duration_in(1500.0, digits), "1.5 s");
        assert_eq!(duration_in(1_200_000.0, digits), "20 min");
        assert_eq!(
            human_duration(60.0),
            "60.0 ms",
            "the table keeps its fixed decimals"
        );
        assert_eq!(interval_in(Some([2.26, 2.4]), Digits::In(ZH)), "2.3–2.4 ms");
        assert_eq!(bounds_in(Some(1.5), None, 2, digits), "1.5–∞");
    }
    use crate::core::link::config::PageConfig;
    use crate::core::results::schema::{Environment, SCHEMA_VERSION};

    fn doc(experiment: ExperimentKind, cores: u32, runs: Vec<RunRecord>) -> ResultsDoc {
        ResultsDoc {
            schema: SCHEMA_VERSION,
            experiment,
            complete: true,
            config: (&PageConfig::defaults_for(experiment, 2)).into(),
            environment: Environment {
                hardware_concurrency: cores,
                ..Environment::default()
            },
            runs,
            breakeven: vec![],
            model: vec![],
            errors: vec![],
        }
    }

    #[test]
    fn the_ideal_is_capped_by_the_cores() {
        let serial = RunRecord::new(PoolMode::Serial, 1, vec![120.0], vec![], Check::default());
        let results = doc(ExperimentKind::Factorial, 2, vec![serial.clone()]);
        assert_eq!(ideal_ms(&results, 120.0, 1), 120.0);
        assert_eq!(ideal_ms(&results, 120.0, 2), 60.0);
        assert_eq!(
            ideal_ms(&results, 120.0, 4),
            60.0,
            "4 workers on 2 cores cannot beat 2x"
        );
        assert_eq!(
            ideal_ms(&doc(ExperimentKind::Factorial, 8, vec![serial]), 120.0, 4),
            30.0
        );
    }

    #[test]
    fn rows_carry_intervals_and_marks() {
        let serial = RunRecord::new(
            PoolMode::Serial,
            1,
            vec![10.0, 9.0, 10.0, 12.0, 10.0, 10.0],
            vec![],
            Check::default(),
        );
        let mut map = RunRecord::new(
            PoolMode::Map,
            4,
            vec![5.0, 6.0, 4.0, 5.5, 4.5, 5.0, 40.0],
            vec![],
            Check::default(),
        );
        map.hidden = true;
        let mut results = doc(ExperimentKind::Factorial, 2, vec![serial, map]);
        results.environment.timer_resolution_ms = Some(0.1); // 100 steps = 10 ms
        let rows = summary_rows(&results);
        assert_eq!(rows[1].ci95_ms, Some([4.0, 40.0]));
        assert_eq!(
            rows[1].speedup,
            Some(Speedup {
                median: 2.0,
                lo: Some(9.0 / 40.0),
                hi: Some(3.0)
            })
        );
        assert_eq!(
            verdict_text(rows[1].speedup, EN),
            "no measurable difference"
        );
        assert_eq!(verdict_text(rows[1].speedup, ZH), "没有可测出的差别");
        assert_eq!(rows[1].ideal_ms, Some(5.0));
        assert_eq!(rows[1].of_ideal, Some(1.0));
        assert_eq!(
            notes_text(&rows[1], EN),
            "1 outlier; at the clock's limit; page hidden during the run"
        );
        assert_eq!(
            notes_text(&rows[1], ZH),
            "1 个离群值；已到时钟精度的极限；运行时页面被隐藏"
        );
        assert_eq!(rows[0].speedup, None);
        assert!(
            !rows[0].at_clock_limit,
            "median 10 ms is 100 steps: not under"
        );
        assert_eq!(interval_text(rows[0].ci95_ms), "9.0–12.0 ms");
        assert_eq!(interval_text(Some([0.5, 1.5])), "500.0 µs–1.5 ms");
        assert_eq!(speedup_text(rows[1].speedup), "2.00× (0.23–3.00)");
        assert_eq!(
            speedup_text(Some(Speedup {
                median: 8.0,
                lo: Some(3.0),
                hi: None
            })),
            "8.00× (3.00–∞)"
        );
        assert_eq!(
            bounds_text(Some(1.0 / 0.6), Some(f64::INFINITY), 1),
            "1.7–∞"
        );
        let few = RunRecord::new(
            PoolMode::Serial,
            1,
            vec![1.0, 2.0],
            vec![],
            Check::default(),
        );
        let few = &summary_rows(&doc(ExperimentKind::Factorial, 2, vec![few]))[0];
        assert_eq!(notes_text(few, EN), "2 repeats: an interval needs 6");
        assert_eq!(notes_text(few, ZH), "只有 2 次重复：置信区间至少需要 6 次");
    }
}
