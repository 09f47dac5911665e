//! The results JSON: a public contract (schema 2, documented in the README),
//! published by the page in `<script type="application/json" id="results-json">`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::core::link::config::{ExperimentKind, PageConfig};
use crate::core::pool::modes::{Backend, PoolMode, TaskTrace};
use crate::core::results::breakdown::Breakdown;
use crate::core::results::breakeven::Breakeven;
pub use crate::core::results::check::Check;
use crate::core::results::cost_model::{CostModel, Observation};
use crate::core::results::stats::{self, Speedup};
use crate::core::run::repeats::Repeat;
use crate::core::run::repeats::RepeatStop;

/// 2: runs carry `n`, `repeat_stop`, `breakdown`, `speedup_with_startup` and
/// `predicted_ms`; the document `breakeven` and `model`; `config.n` may be a
/// list and `config.repeat` `"auto"`.
pub const SCHEMA_VERSION: u32 = 2;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsDoc {
    pub schema: u32,
    pub experiment: ExperimentKind,
    /// True once every requested run has finished.
    pub complete: bool,
    /// Every parameter of the experiment, as parsed from the link.
    pub config: ResultsConfig,
    pub environment: Environment,
    pub runs: Vec<RunRecord>,
    /// Factorial lab: where each (mode, backend, workers) line of speed-ups
    /// crosses 1 over the sweep's n (`core::results::breakeven`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub breakeven: Vec<Breakeven>,
    /// Factorial lab: the cost model fitted per (mode, backend) (`core::results::cost_model`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub model: Vec<CostModel>,
    /// Problems met while running (a check mismatch, a failed page...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

impl ResultsDoc {
    /// An empty document for a run of `config` starting now.
    pub fn start(config: &PageConfig, environment: Environment) -> Self {
        ResultsDoc {
            schema: SCHEMA_VERSION,
            experiment: config.experiment,
            complete: false,
            config: ResultsConfig::from(config),
            environment,
            runs: Vec::new(),
            breakeven: Vec::new(),
            model: Vec::new(),
            errors: Vec::new(),
        }
    }
}

impl ResultsDoc {
    /// Adds a finished run: a check that disagrees with the first run's of
    /// the same n is recorded as an error (every run of an n computes the
    /// same thing; a sweep's sizes differ). Returns the
    /// runs whose page fields changed, as `annotate_new_run` does. The
    /// error is said in `lang`.
    pub fn add_run(
        &mut self,
        run: RunRecord,
        hidden: bool,
        lang: crate::core::i18n::Lang,
    ) -> Vec<usize> {
        if let Some(first) = self.runs.iter().find(|r| r.n == run.n) {
            if first.check != run.check {
                let mismatch = crate::core::run::failure::Failure::CheckMismatch {
                    mode: run.mode,
                    workers: run.workers,
                    got: Box::new(run.check.clone()),
                    first: first.mode,
                    expected: Box::new(first.check.clone()),
                };
                self.errors.push(mismatch.text(lang));
            }
        }
        self.runs.push(run);
        annotate_new_run(self, hidden)
    }

    /// The run of experiments is over: complete only when every one of the
    /// `expected` runs finished, without errors and without Cancel.
    /// Says so in `lang` after Cancel.
    pub fn finish(&mut self, cancelled: bool, expected: usize, lang: crate::core::i18n::Lang) {
        self.complete = !cancelled && self.runs.len() == expected && self.errors.is_empty();
        if cancelled {
            self.errors.push(lang.text().runs.cancelled.to_string());
        }
    }
}

/// The experiment's parameters as the results publish them: the link's
/// fields marked `in_results` in `core::link::fields`, under the same names (a
/// test in `link::codec` checks both agree). Fields in alphabetical order, as
/// the JSON has always had them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ResultsConfig {
    Factorial(FactorialConfig),
    Reposts(RepostsConfig),
}

/// `deny_unknown_fields` tells the two shapes apart when a shared document
/// is read back; `default` reads documents from before `config` was filled.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FactorialConfig {
    /// `null`: the page's default.
    pub backend: Option<Vec<Backend>>,
    pub chunk: Option<usize>,
    pub modes: Vec<PoolMode>,
    /// One n as a number (as schema 1 had it), a sweep as a list.
    #[serde(with = "one_or_many")]
    pub n: Vec<u64>,
    /// A count, or `"auto"`.
    pub repeat: Repeat,
    pub workers: Vec<usize>,
}

/// `n` in the results' `config`: a number when the link gives one.
mod one_or_many {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(n: &[u64], serializer: S) -> Result<S::Ok, S::Error> {
        match n {
            [one] => one.serialize(serializer),
            many => many.serialize(serializer),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u64>, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(u64),
            Many(Vec<u64>),
        }
        Ok(match OneOrMany::deserialize(deserializer)? {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepostsConfig {
    pub api: Option<String>,
    pub count: u64,
    pub jitter: u64,
    pub latency: u64,
    pub mid: u64,
    pub modes: Vec<PoolMode>,
    pub pages: u64,
    pub repeat: u32,
    pub retries: u32,
    pub workers: Vec<usize>,
}

impl From<&PageConfig> for ResultsConfig {
    fn from(c: &PageConfig) -> Self {
        match c.experiment {
            ExperimentKind::Factorial => ResultsConfig::Factorial(FactorialConfig {
                backend: c.backends.clone(),
                chunk: c.chunk,
                modes: c.modes.clone(),
                n: c.n.clone(),
                repeat: c.repeat,
                workers: c.workers.clone(),
            }),
            ExperimentKind::Reposts => ResultsConfig::Reposts(RepostsConfig {
                api: c.api.clone(),
                count: c.count,
                jitter: c.jitter_ms,
                latency: c.latency_ms,
                mid: c.mid,
                modes: c.modes.clone(),
                pages: c.pages,
                repeat: c.repeat.count(),
                retries: c.retries,
                workers: c.workers.clone(),
            }),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Environment {
    pub hardware_concurrency: u32,
    pub cross_origin_isolated: bool,
    pub user_agent: String,
    /// The smallest non-zero step of `performance.now()`, measured at start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timer_resolution_ms: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub mode: PoolMode,
    pub workers: usize,
    /// The pool's kind; `null` for serial, which runs on the caller.
    #[serde(default)]
    pub backend: Option<Backend>,
    /// Factorial lab: the run's n (tasks `k!` for k in 1..=n); `null` in
    /// the repost lab.
    #[serde(default)]
    pub n: Option<u64>,
    /// One per repeat, warm-up excluded.
    pub times_ms: Vec<f64>,
    /// Why the repeats stopped: `precision`, `budget` or `count`
    /// (`core::run::repeats`); `null` in documents from before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_stop: Option<RepeatStop>,
    pub best_ms: f64,
    pub median_ms: f64,
    /// The trace of the last repeat; shared, since the page's views and
    /// every state update hold the same (possibly 100000-task) trace.
    pub tasks: Arc<[TaskRecord]>,
    /// Tasks whose trace was not kept (then `tasks` is empty): a results
    /// document keeps at most `factorial_lab::TRACE_BUDGET_TASKS` traced tasks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_omitted: Option<usize>,
    pub check: Check,
    /// From asking for a pool of `workers` until it could take work (none
    /// for serial). Warm when its workers were reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pool_startup_ms: Option<f64>,
    /// New web workers started for this pool (0 when all were reused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers_spawned: Option<usize>,
    /// What the first pool of this size cost on this page, when its workers
    /// were started: the tutorial's lesson (starting processes is expensive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cold_pool_startup_ms: Option<f64>,
    /// The uncounted warm-up run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warmup_ms: Option<f64>,
    /// The same run with tasks that do nothing, on the warm pool: what
    /// handing out and collecting the tasks costs by itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispatch_ms: Option<f64>,
    /// The 95% interval of the median from order statistics; `null` below
    /// six repeats (see `stats::ci95_median`).
    #[serde(default)]
    pub ci95_ms: Option<[f64; 2]>,
    /// Indices into `times_ms` of outliers (modified z-score > 3.5): kept in
    /// the data, only marked.
    #[serde(default)]
    pub outliers: Vec<usize>,
    /// Against the serial run of the same document (`fill_speedups`); `null`
    /// for serial itself or without a serial run.
    #[serde(default)]
    pub speedup: Option<Speedup>,
    /// Serial median ÷ (median + the pool's cold start-up): the speed-up
    /// when the pool is created inside the timed code, as the tutorial did.
    #[serde(default)]
    pub speedup_with_startup: Option<f64>,
    /// Where the traced repeat's worker time went (`core::results::breakdown`).
    #[serde(default)]
    pub breakdown: Option<Breakdown>,
    /// The cost model's time for this run (`ResultsDoc::model`).
    #[serde(default)]
    pub predicted_ms: Option<f64>,
    /// The median is under 100 steps of the clock (`mark_clock_limit`).
    #[serde(default)]
    pub at_clock_limit: bool,
    /// The page was hidden during the run: browsers throttle hidden tabs.
    /// (`speedup` to `hidden` are the last fields, in this order:
    /// `patch_run_json` relies on it.)
    #[serde(default)]
    pub hidden: bool,
}

impl RunRecord {
    /// Lanes a timeline of this run draws: its pool's workers, or more if
    /// its trace names a higher worker (at least one, for serial).
    pub fn lanes(&self) -> usize {
        self.tasks
            .iter()
            .map(|t| t.worker + 1)
            .max()
            .unwrap_or(1)
            .max(self.workers)
    }

    pub fn new(
        mode: PoolMode,
        workers: usize,
        times_ms: Vec<f64>,
        tasks: Vec<TaskRecord>,
        check: Check,
    ) -> Self {
        RunRecord {
            mode,
            workers,
            backend: None,
            n: None,
            repeat_stop: None,
            best_ms: stats::best(&times_ms),
            median_ms: stats::median(&times_ms),
            ci95_ms: stats::ci95_median(&times_ms),
            outliers: stats::outliers(&times_ms),
            times_ms,
            tasks: tasks.into(),
            trace_omitted: None,
            check,
            pool_startup_ms: None,
            workers_spawned: None,
            cold_pool_startup_ms: None,
            warmup_ms: None,
            dispatch_ms: None,
            speedup: None,
            speedup_with_startup: None,
            breakdown: None,
            predicted_ms: None,
            at_clock_limit: false,
            hidden: false,
        }
    }
}

/// The serial run every speed-up is measured against (the first; a sweep
/// has one per n, see `serial_for`).
pub fn serial_run(results: &ResultsDoc) -> Option<&RunRecord> {
    results.runs.iter().find(|r| r.mode == PoolMode::Serial)
}

/// A sweep (runs at more than one n) restricted to its largest n, where
/// the figures of one n can be read together; `None` at a single n.
pub fn of_largest_n(results: &ResultsDoc) -> Option<(u64, ResultsDoc)> {
    let mut sizes = results.runs.iter().filter_map(|run| run.n);
    let first = sizes.next()?;
    let (low, high) = sizes.fold((first, first), |(lo, hi), n| (lo.min(n), hi.max(n)));
    (low != high).then(|| {
        let runs = results
            .runs
            .iter()
            .filter(|run| run.n == Some(high))
            .cloned()
            .collect();
        (
            high,
            ResultsDoc {
                runs,
                ..results.clone()
            },
        )
    })
}

/// The serial run `run` is measured against: the one of its n, on its
/// backend where serial ran there, else the one on the caller (backend `null`).
pub fn serial_for<'a>(runs: &'a [RunRecord], run: &RunRecord) -> Option<&'a RunRecord> {
    let of_n = |s: &&RunRecord| s.mode == PoolMode::Serial && s.n == run.n;
    runs.iter()
        .filter(of_n)
        .find(|s| s.backend.is_some() && s.backend == run.backend)
        .or_else(|| runs.iter().filter(of_n).find(|s| s.backend.is_none()))
        .or_else(|| runs.iter().find(of_n))
}

/// What a pool run takes from its serial run: the figures, not the trace.
#[derive(Clone, Copy)]
struct Baseline {
    median_ms: f64,
    ci95_ms: Option<[f64; 2]>,
}

fn baselines(runs: &[RunRecord]) -> Vec<Option<Baseline>> {
    runs.iter()
        .map(|run| {
            serial_for(runs, run)
                .filter(|_| run.mode.uses_pool())
                .map(|s| Baseline {
                    median_ms: s.median_ms,
                    ci95_ms: s.ci95_ms,
                })
        })
        .collect()
}

/// Sets every pool run's `speedup` against the serial run of its n (none
/// without one), with and without the pool's cold start-up, and the work of
/// its breakdown. Call whenever a run is added: the serial run may come last.
pub fn fill_speedups(results: &mut ResultsDoc) {
    let baselines = baselines(&results.runs);
    for (run, baseline) in results.runs.iter_mut().zip(baselines) {
        run.speedup =
            baseline.and_then(|s| Speedup::of(s.median_ms, s.ci95_ms, run.median_ms, run.ci95_ms));
        let startup = run.cold_pool_startup_ms.or(run.pool_startup_ms);
        run.speedup_with_startup = match (baseline, startup) {
            (Some(s), Some(startup)) => {
                Some(s.median_ms / (run.median_ms + startup)).filter(|v| v.is_finite())
            }
            _ => None,
        };
        if let Some(breakdown) = &mut run.breakdown {
            breakdown.work_ms = baseline.map(|s| s.median_ms);
        }
    }
}

/// Fits the cost model per (mode, backend) to the pool runs with a serial
/// run of their n, and sets each one's `predicted_ms`; then the break-even
/// of every (mode, backend, workers) line over n. Factorial lab only.
pub fn fill_lesson(results: &mut ResultsDoc) {
    results.model.clear();
    results.breakeven.clear();
    if results.experiment != ExperimentKind::Factorial {
        return;
    }
    let cores = results.environment.hardware_concurrency.max(1) as usize;
    let baselines = baselines(&results.runs);
    let mut keys: Vec<(PoolMode, Option<Backend>)> = Vec::new();
    let mut lines: Vec<(PoolMode, Option<Backend>, usize)> = Vec::new();
    for run in results.runs.iter().filter(|r| r.mode.uses_pool()) {
        if !keys.contains(&(run.mode, run.backend)) {
            keys.push((run.mode, run.backend));
        }
        if !lines.contains(&(run.mode, run.backend, run.workers)) {
            lines.push((run.mode, run.backend, run.workers));
        }
    }
    let observation = |run: &RunRecord, baseline: Option<Baseline>| {
        Some(Observation {
            workers: run.workers,
            tasks: run.n? as f64,
            work_ms: baseline?.median_ms,
            time_ms: run.median_ms,
        })
    };
    for (mode, backend) in keys {
        let of_key = |run: &&RunRecord| run.mode == mode && run.backend == backend;
        let observations: Vec<Observation> = results
            .runs
            .iter()
            .zip(&baselines)
            .filter(|(run, _)| of_key(run))
            .filter_map(|(run, baseline)| observation(run, *baseline))
            .collect();
        if let Some(model) = CostModel::fit(mode, backend, cores, &observations) {
            for (run, baseline) in results.runs.iter_mut().zip(&baselines) {
                if of_key(&&*run) {
                    run.predicted_ms = observation(run, *baseline)
                        .map(|o| model.predict_ms(o.workers, o.tasks, o.work_ms));
                }
            }
            results.model.push(model);
        }
    }
    for (mode, backend, workers) in lines {
        let points: Vec<(f64, f64, Option<f64>)> = results
            .runs
            .iter()
            .filter(|r| r.mode == mode && r.backend == backend && r.workers == workers)
            .filter_map(|r| Some((r.n? as f64, r.speedup?.median, r.speedup_with_startup)))
            .collect();
        if !points.is_empty() {
            results
                .breakeven
                .push(Breakeven::of(mode, backend, workers, &points));
        }
    }
}

/// Sets `at_clock_limit` from the clock's resolution (ms per step).
pub fn mark_clock_limit(run: &mut RunRecord, resolution_ms: f64) {
    run.at_clock_limit = stats::at_clock_limit(run.median_ms, resolution_ms);
}

/// Everything derived from other runs or the environment, for a whole
/// document: speed-ups, and clock limits when the resolution is known.
pub fn annotate(results: &mut ResultsDoc) {
    fill_speedups(results);
    fill_lesson(results);
    if let Some(resolution) = results.environment.timer_resolution_ms {
        results
            .runs
            .iter_mut()
            .for_each(|run| mark_clock_limit(run, resolution));
    }
}

/// What the page learns about a run only once it joins a document: its
/// speed-up (needs the serial run), its clock limit (needs the environment's
/// resolution) and whether the page was hidden. `annotate_new_run` sets them;
/// `patch_run_json` writes them into the run's JSON without serialising its
/// trace again.
#[derive(Serialize, PartialEq)]
struct PageFields<'a> {
    speedup: &'a Option<Speedup>,
    speedup_with_startup: Option<f64>,
    breakdown: &'a Option<Breakdown>,
    predicted_ms: Option<f64>,
    at_clock_limit: bool,
    hidden: bool,
}

/// The page fields' names, in their order at the end of a run's JSON.
const PAGE_FIELDS: [&str; 6] = [
    "speedup",
    "speedup_with_startup",
    "breakdown",
    "predicted_ms",
    "at_clock_limit",
    "hidden",
];

impl<'a> PageFields<'a> {
    fn of(run: &'a RunRecord) -> Self {
        PageFields {
            speedup: &run.speedup,
            speedup_with_startup: run.speedup_with_startup,
            breakdown: &run.breakdown,
            predicted_ms: run.predicted_ms,
            at_clock_limit: run.at_clock_limit,
            hidden: run.hidden,
        }
    }
}

/// Call when a run has just been pushed onto `results.runs`, with whether
/// the page was hidden while it ran. Fills its page fields, and every run's
/// speed-up when it is the serial run (which may come last); returns the
/// indices of the runs whose page fields changed, whose JSON the caller
/// rewrites with `patch_run_json`.
pub fn annotate_new_run(results: &mut ResultsDoc, hidden: bool) -> Vec<usize> {
    let before: Vec<String> = results.runs.iter().map(page_fields_json).collect();
    if let Some(run) = results.runs.last_mut() {
        run.hidden = hidden;
    }
    annotate(results);
    results
        .runs
        .iter()
        .zip(before)
        .enumerate()
        .filter(|(_, (run, before))| page_fields_json(run) != *before)
        .map(|(i, _)| i)
        .collect()
}

/// `json`, the run serialised, with its page fields rewritten from `run`: a
/// copy of the text rather than a new serialisation of a trace that may hold
/// 100000 tasks. `None` if `json` does not end with those fields. Safe to
/// search: inside JSON strings every quote is escaped, so `"speedup":` can
/// only be the key itself.
fn page_fields_json(run: &RunRecord) -> String {
    serde_json::to_string(&PageFields::of(run)).expect("page fields serialise")
}

pub fn patch_run_json(json: &str, run: &RunRecord) -> Option<String> {
    let start = json.rfind("\"speedup\":")?;
    let end = json.strip_suffix('}')?.len();
    let fields = serde_json::to_string(&PageFields::of(run)).ok()?;
    let fields = fields.strip_prefix('{')?.strip_suffix('}')?;
    // Only the page fields may follow: anything else means another layout.
    let tail: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&format!("{{{}}}", json.get(start..end)?)).ok()?;
    let keys: Vec<&str> = tail.keys().map(String::as_str).collect();
    (keys.len() == PAGE_FIELDS.len() && PAGE_FIELDS.iter().all(|k| keys.contains(k)))
        .then(|| format!("{}{fields}}}", &json[..start]))
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskRecord {
    pub input: u64,
    pub worker: usize,
    pub start_ms: f64,
    pub end_ms: f64,
    /// HTTP status (repost lab only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Response body size (repost lab only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    /// Why the task failed, if it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Repost lab, from Resource Timing: time the request waited in the
    /// browser (connection queue, set-up) before it was sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queued_ms: Option<f64>,
    /// Repost lab, from Resource Timing: time from sending the request to
    /// the first byte of the answer (the server's latency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub server_ms: Option<f64>,
}

impl From<TaskTrace> for TaskRecord {
    /// Each thread reads the shared clock as its own `timeOrigin + now()`,
    /// coarsened by the browser, so two threads can disagree by a few µs: a
    /// task that started right after the run's origin may read just before
    /// it. Such a read is the origin (and an end is never before its start).
    fn from(trace: TaskTrace) -> Self {
        let start_ms = trace.start_ms.max(0.0);
        TaskRecord {
            input: trace.input,
            worker: trace.worker,
            start_ms,
            end_ms: trace.end_ms.max(start_ms),
            status: None,
            bytes: None,
            error: None,
            queued_ms: None,
            server_ms: None,
        }
    }
}

#[cfg(test)]
impl RunRecord {
    /// A run with these times and no trace: the fixture of the core's tests.
    pub fn timed_for_tests(mode: PoolMode, workers: usize, times: &[f64]) -> Self {
        RunRecord::new(mode, workers, times.to_vec(), vec![], Check::default())
    }
}

#[cfg(test)]
impl ResultsDoc {
    /// A factorial results document around `runs`, measured on 2 cores
    /// with a 5 µs clock: the fixture of the core's tests.
    pub fn of_runs_for_tests(runs: Vec<RunRecord>) -> Self {
        let environment = Environment {
            hardware_concurrency: 2,
            timer_resolution_ms: Some(0.005),
            ..Environment::default()
        };
        ResultsDoc {
            complete: true,
            runs,
            ..ResultsDoc::start(&PageConfig::defaults(2), environment)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(runs: Vec<RunRecord>) -> ResultsDoc {
        ResultsDoc::of_runs_for_tests(runs)
    }

    fn times(values: &[f64]) -> Vec<f64> {
        values.to_vec()
    }

    #[test]
    fn runs_are_checked_against_the_first_and_a_finish_says_if_complete() {
        let bits = |b| Check {
            bits: Some(b),
            ..Check::default()
        };
        let mut results = doc(vec![]);
        results.add_run(
            RunRecord::new(PoolMode::Serial, 1, times(&[2.0]), vec![], bits(7)),
            false,
            crate::core::i18n::Lang::En,
        );
        results.add_run(
            RunRecord::new(PoolMode::Map, 2, times(&[1.0]), vec![], bits(7)),
            true,
            crate::core::i18n::Lang::En,
        );
        assert!(results.errors.is_empty());
        assert!(results.runs[1].hidden);
        results.finish(false, 2, crate::core::i18n::Lang::En);
        assert!(results.complete);
        // One run short: not complete.
        results.finish(false, 3, crate::core::i18n::Lang::En);
        assert!(!results.complete);
        // Cancelled: not complete, and said.
        results.finish(true, 2, crate::core::i18n::Lang::En);
        assert!(!results.complete && results.errors[0].starts_with("cancelled"));
        // A disagreeing check is an error, and the document is not complete.
        let mut results = doc(vec![]);
        results.add_run(
            RunRecord::new(PoolMode::Serial, 1, times(&[2.0]), vec![], bits(7)),
            false,
            crate::core::i18n::Lang::En,
        );
        results.add_run(
            RunRecord::new(PoolMode::Map, 2, times(&[1.0]), vec![], bits(8)),
            false,
            crate::core::i18n::Lang::En,
        );
        assert!(
            results.errors[0].starts_with("check mismatch: map on 2 workers"),
            "{:?}",
            results.errors
        );
        results.finish(false, 2, crate::core::i18n::Lang::En);
        assert!(!results.complete);
        // A sweep: each n is checked against the first run of that n only.
        let at = |n: u64, b: u64| {
            let mut run = RunRecord::new(PoolMode::Map, 2, times(&[1.0]), vec![], bits(b));
            run.n = Some(n);
            run
        };
        let mut sweep = doc(vec![]);
        sweep.add_run(at(10, 98), false, crate::core::i18n::Lang::En);
        sweep.add_run(at(100, 23107), false, crate::core::i18n::Lang::En);
        sweep.add_run(at(100, 23107), false, crate::core::i18n::Lang::En);
        assert!(sweep.errors.is_empty(), "{:?}", sweep.errors);
        sweep.add_run(at(10, 99), false, crate::core::i18n::Lang::En);
        assert_eq!(sweep.errors.len(), 1);
    }

    #[test]
    fn a_new_run_carries_its_interval_and_outliers() {
        let run = RunRecord::new(
            PoolMode::Map,
            2,
            times(&[5.0, 4.0, 6.0, 5.0, 5.0, 30.0]),
            vec![],
            Check::default(),
        );
        assert_eq!(run.ci95_ms, Some([4.0, 30.0]));
        assert_eq!(run.outliers, vec![5]);
        let few = RunRecord::new(
            PoolMode::Map,
            2,
            times(&[5.0, 4.0, 6.0]),
            vec![],
            Check::default(),
        );
        assert_eq!(few.ci95_ms, None);
    }

    #[test]
    fn speedups_against_serial_wherever_it_is() {
        let check = Check::default;
        // The serial run last: every pool run still gets its speed-up.
        let mut results = doc(vec![
            RunRecord::new(
                PoolMode::Map,
                2,
                times(&[4.0, 5.0, 5.0, 5.0, 5.0, 6.0]),
                vec![],
                check(),
            ),
            RunRecord::new(
                PoolMode::Apply,
                1,
                times(&[10.0, 10.0, 10.0]),
                vec![],
                check(),
            ),
            RunRecord::new(
                PoolMode::Serial,
                1,
                times(&[9.0, 10.0, 10.0, 10.0, 10.0, 12.0]),
                vec![],
                check(),
            ),
        ]);
        annotate(&mut results);
        // 10 / 5 = 2; interval [9, 12] against [4, 6]: 9/6 = 1.5 .. 12/4 = 3.
        assert_eq!(
            results.runs[0].speedup,
            Some(Speedup {
                median: 2.0,
                lo: Some(1.5),
                hi: Some(3.0)
            })
        );
        // Three repeats: no interval, so no bounds.
        assert_eq!(
            results.runs[1].speedup,
            Some(Speedup {
                median: 1.0,
                lo: None,
                hi: None
            })
        );
        assert_eq!(
            results.runs[2].speedup, None,
            "serial has no speed-up over itself"
        );
        // 5 µs steps: 100 steps = 0.5 ms; all these medians are above.
        assert!(results.runs.iter().all(|r| !r.at_clock_limit));
        let mut fast = RunRecord::new(PoolMode::Map, 2, times(&[0.2, 0.3]), vec![], check());
        mark_clock_limit(&mut fast, 0.005);
        assert!(fast.at_clock_limit);
        // Without a serial run there is nothing to compare with.
        let mut alone = doc(vec![RunRecord::new(
            PoolMode::Map,
            2,
            times(&[1.0]),
            vec![],
            check(),
        )]);
        fill_speedups(&mut alone);
        assert_eq!(alone.runs[0].speedup, None);
    }

    #[test]
    fn a_new_run_gets_its_page_fields_and_its_json_is_patched_not_reserialised() {
        let error_task = TaskRecord {
            error: Some("a \"speedup\":{} trap, \"hidden\":true".into()),
            ..TaskRecord::from(TaskTrace {
                input: 1,
                worker: 0,
                start_ms: 0.0,
                end_ms: 0.001,
            })
        };
        let map = RunRecord::new(
            PoolMode::Map,
            2,
            times(&[4.0, 5.0, 5.0, 5.0, 5.0, 6.0]),
            vec![error_task],
            Check::default(),
        );
        let serial = RunRecord::new(
            PoolMode::Serial,
            1,
            times(&[9.0, 10.0, 10.0, 10.0, 10.0, 12.0]),
            vec![],
            Check::default(),
        );
        let mut results = doc(vec![]);
        let mut texts = Vec::new();
        // The pool run first, hidden: only its own hidden flag changes.
        for (run, hidden) in [(map, true), (serial, false)] {
            texts.push(serde_json::to_string(&run).unwrap());
            results.runs.push(run);
            for i in annotate_new_run(&mut results, hidden) {
                texts[i] = patch_run_json(&texts[i], &results.runs[i]).expect("the layout holds");
            }
        }
        assert!(results.runs[0].hidden && !results.runs[1].hidden);
        // The serial run came last: the pool run's speed-up is filled then.
        assert_eq!(
            results.runs[0].speedup,
            Some(Speedup {
                median: 2.0,
                lo: Some(1.5),
                hi: Some(3.0)
            })
        );
        for (text, run) in texts.iter().zip(&results.runs) {
            assert_eq!(text, &serde_json::to_string(run).unwrap());
        }
        // Nothing new: nothing to patch.
        results.runs.push(results.runs[1].clone());
        assert_eq!(annotate_new_run(&mut results, false), Vec::<usize>::new());
        // A text of another shape is refused, not mangled.
        assert_eq!(
            patch_run_json(
                "{\"speedup\":null,\"at_clock_limit\":false,\"hidden\":false,\"extra\":1}",
                &results.runs[0]
            ),
            None
        );
        assert_eq!(patch_run_json("[]", &results.runs[0]), None);
    }

    #[test]
    fn new_fields_serialise_and_old_documents_still_parse() {
        let mut results = doc(vec![
            RunRecord::new(PoolMode::Serial, 1, times(&[2.0]), vec![], Check::default()),
            RunRecord::new(PoolMode::Map, 2, times(&[1.0]), vec![], Check::default()),
        ]);
        annotate(&mut results);
        let json = serde_json::to_value(&results).unwrap();
        let map = &json["runs"][1];
        assert_eq!(map["ci95_ms"], serde_json::Value::Null);
        assert_eq!(map["outliers"], serde_json::json!([]));
        assert_eq!(
            map["speedup"],
            serde_json::json!({"median": 2.0, "lo": null, "hi": null})
        );
        assert_eq!(map["at_clock_limit"], serde_json::json!(false));
        assert_eq!(map["hidden"], serde_json::json!(false));
        assert_eq!(
            json["environment"]["timer_resolution_ms"],
            serde_json::json!(0.005)
        );
        // The typed experiment and config keep their JSON.
        assert_eq!(json["experiment"], serde_json::json!("factorial"));
        assert_eq!(json["config"]["n"], serde_json::json!(100));
        assert_eq!(json["config"]["backend"], serde_json::Value::Null);
        let back: ResultsDoc = serde_json::from_value(json).unwrap();
        assert_eq!(back, results);

        // A document from before these fields (a shared link made earlier).
        let old = r#"{"schema":1,"experiment":"factorial","complete":true,"config":{},
            "environment":{"hardware_concurrency":2,"cross_origin_isolated":true,"user_agent":"x"},
            "runs":[{"mode":"map","workers":2,"times_ms":[1.0],"best_ms":1.0,"median_ms":1.0,"tasks":[],"check":{}}]}"#;
        let old: ResultsDoc = serde_json::from_str(old).unwrap();
        assert_eq!(old.environment.timer_resolution_ms, None);
        assert_eq!(
            (
                old.runs[0].ci95_ms,
                old.runs[0].outliers.len(),
                old.runs[0].hidden
            ),
            (None, 0, false)
        );
    }

    #[test]
    fn a_trace_read_a_few_microseconds_before_the_origin_starts_at_it() {
        let record = TaskRecord::from(TaskTrace {
            input: 1,
            worker: 0,
            start_ms: -0.004,
            end_ms: -0.001,
        });
        assert_eq!((record.start_ms, record.end_ms), (0.0, 0.0));
        let record = TaskRecord::from(TaskTrace {
            input: 1,
            worker: 0,
            start_ms: 2.0,
            end_ms: 3.5,
        });
        assert_eq!((record.start_ms, record.end_ms), (2.0, 3.5));
    }
}
