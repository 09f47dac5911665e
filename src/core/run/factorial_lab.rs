//! The factorial experiment: `factorial(k)` for k in 1..=n as independent
//! tasks, timed like `timeit` (one warm-up, then counted runs until the
//! `Repeat` rule stops) and checked so every mode and worker count provably
//! computed the same numbers. The pool runs of one n on one pool repeat
//! round-robin with serial (`measure_pool_group`), so drift spreads over
//! the baseline and the runs compared with it alike.

use std::sync::Arc;

use rayon::ThreadPool;

use crate::core::factorial::cost::estimated_task_ms;
use crate::core::factorial::factorial;
use crate::core::pool::modes::{run_mode, CancelFlag, Cancelled, ModeRun, PoolMode, TaskTrace};
use crate::core::pool::process_loop::ProcessTask;
use crate::core::results::breakdown::Breakdown;
use crate::core::results::schema::{Check, RunRecord, TaskRecord};
use crate::core::run::failure::Failure;
use crate::core::run::repeats::{self, Baseline, Repeat, RepeatStop, Rounds};

/// What a task hands back: enough to check the result, not the number itself
/// (factorials of large k are hundreds of kilobytes, and n of them would not fit).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FactorialSummary {
    pub bits: u64,
    pub fingerprint: u64,
}

/// One task: `k!`, folded into its summary on the worker that computed it.
pub fn factorial_task(k: u64) -> FactorialSummary {
    let value = factorial(k);
    let fingerprint = value.iter_u64_digits().fold(value.bits(), mix);
    FactorialSummary {
        bits: value.bits(),
        fingerprint,
    }
}

fn mix(hash: u64, word: u64) -> u64 {
    (hash.rotate_left(23) ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The check every run must agree on: total bits and a digest of all results in order.
pub fn check_of(results: &[FactorialSummary]) -> Check {
    let digest = results.iter().fold(results.len() as u64, |hash, r| {
        mix(mix(hash, r.bits), r.fingerprint)
    });
    Check {
        bits: Some(results.iter().map(|r| r.bits).sum()),
        digest: Some(format!("{digest:016x}")),
        ..Check::default()
    }
}

/// Tasks of the experiment: 1..=n.
pub fn inputs(n: u64) -> Arc<[u64]> {
    (1..=n).collect()
}

/// Runs one (mode, workers) pair on threads: a warm-up, then timed runs
/// until `repeat` stops them, then the same dispatch with empty tasks.
///
/// Fails with `Cancelled` when Cancel was pressed; a repeat whose check
/// differs from the first is reported in the returned error list.
pub fn measure(
    mode: PoolMode,
    pool: Option<&Arc<ThreadPool>>,
    workers: usize,
    inputs: &Arc<[u64]>,
    chunk: usize,
    repeat: Repeat,
    cancel: &CancelFlag,
) -> Result<(RunRecord, Vec<Failure>), Cancelled> {
    let mut measurement = Measurement::new(
        mode,
        workers,
        run_mode(mode, pool, inputs, chunk, factorial_task, cancel)?,
    );
    let stop = loop {
        measurement.add_repeat(run_mode(mode, pool, inputs, chunk, factorial_task, cancel)?);
        if let Some(stop) = repeats::stop(repeat, measurement.times_ms()) {
            break stop;
        }
    };
    let empty = run_mode(mode, pool, inputs, chunk, std::convert::identity, cancel)?;
    Ok(measurement.finish(empty.elapsed_ms, stop))
}

/// Serial for one n, repeated among the pool runs it is the baseline of.
///
/// On the threads backend it runs on a thread of the pool it repeats
/// among (`pool.install`), not on the calling one: the pool runs it is
/// compared with then run on the same kind of thread, with the same
/// allocator shard and engine state, and a pool of one is never faster
/// than serial because serial ran elsewhere.
pub struct SerialBaseline {
    measurement: Option<Measurement>,
    schedule: Baseline,
}

/// One serial pass over `inputs`, on one of `pool`'s threads when there is a pool.
fn run_serial<R: Send + 'static>(
    pool: Option<&Arc<ThreadPool>>,
    inputs: &Arc<[u64]>,
    task: fn(u64) -> R,
    cancel: &CancelFlag,
) -> Result<ModeRun<R>, Cancelled> {
    let pass = || run_mode(PoolMode::Serial, None, inputs, 1, task, cancel);
    match pool {
        Some(pool) => pool.install(pass),
        None => pass(),
    }
}

impl SerialBaseline {
    /// `groups` is how many pools (worker counts) it will repeat among;
    /// the warm-up runs with the first round.
    pub fn new(repeat: Repeat, groups: usize) -> Self {
        SerialBaseline {
            measurement: None,
            schedule: Baseline::new(repeat, groups),
        }
    }

    fn warmed_up(
        &mut self,
        pool: Option<&Arc<ThreadPool>>,
        inputs: &Arc<[u64]>,
        cancel: &CancelFlag,
    ) -> Result<&mut Measurement, Cancelled> {
        if self.measurement.is_none() {
            let warmup = run_serial(pool, inputs, factorial_task, cancel)?;
            self.measurement = Some(Measurement::new(PoolMode::Serial, 1, warmup));
        }
        Ok(self.measurement.as_mut().expect("warmed up above"))
    }

    /// One round's repeat on `pool`, when it is due.
    fn round(
        &mut self,
        pool: Option<&Arc<ThreadPool>>,
        inputs: &Arc<[u64]>,
        cancel: &CancelFlag,
    ) -> Result<(), Cancelled> {
        let count = self.warmed_up(pool, inputs, cancel)?.times_ms().len();
        if self.schedule.due(count) {
            let run = run_serial(pool, inputs, factorial_task, cancel)?;
            self.warmed_up(pool, inputs, cancel)?.add_repeat(run);
        }
        Ok(())
    }

    /// The serial record; without a pool to repeat among (`pool` is then
    /// `None`: no pool run compares with it), serial repeats alone until
    /// `repeat` stops it.
    pub fn finish(
        mut self,
        pool: Option<&Arc<ThreadPool>>,
        inputs: &Arc<[u64]>,
        repeat: Repeat,
        cancel: &CancelFlag,
    ) -> Result<(RunRecord, Vec<Failure>), Cancelled> {
        let alone = self.measurement.is_none();
        let schedule = self.schedule.clone();
        let measurement = self.warmed_up(pool, inputs, cancel)?;
        // Alone, or short of the rule's minimum (a pool that could not
        // start): serial repeats by itself until the rule stops it.
        let stop = if alone || measurement.times_ms().len() < repeat.count() as usize {
            loop {
                measurement.add_repeat(run_serial(pool, inputs, factorial_task, cancel)?);
                if let Some(stop) = repeats::stop(repeat, measurement.times_ms()) {
                    break stop;
                }
            }
        } else {
            schedule.stop_of(measurement.times_ms())
        };
        let empty = run_serial(pool, inputs, std::convert::identity, cancel)?;
        let measurement = self.measurement.take().expect("warmed up above");
        Ok(measurement.finish(empty.elapsed_ms, stop))
    }
}

/// The plan's pool runs grouped by pool size, in plan order: the runs of
/// one group share one pool and repeat round-robin.
pub fn pool_groups(plan: &[(PoolMode, usize)]) -> Vec<(usize, Vec<PoolMode>)> {
    let mut groups: Vec<(usize, Vec<PoolMode>)> = Vec::new();
    for &(mode, workers) in plan.iter().filter(|(mode, _)| mode.uses_pool()) {
        match groups.iter_mut().find(|(size, _)| *size == workers) {
            Some((_, modes)) => modes.push(mode),
            None => groups.push((workers, vec![mode])),
        }
    }
    groups
}

/// The pool runs of one n on one pool (`modes` on `workers`), on threads:
/// `PoolGroup`'s steps, each run here and now.
#[allow(clippy::too_many_arguments)]
pub fn measure_pool_group(
    modes: &[PoolMode],
    pool: Option<&Arc<ThreadPool>>,
    workers: usize,
    inputs: &Arc<[u64]>,
    chunk: usize,
    repeat: Repeat,
    mut serial: Option<&mut SerialBaseline>,
    cancel: &CancelFlag,
) -> Result<Vec<(RunRecord, Vec<Failure>)>, Cancelled> {
    let mut group = PoolGroup::new(modes, workers, repeat);
    loop {
        match group.next_step() {
            GroupStep::Pass(mode) => {
                group.passed(run_mode(mode, pool, inputs, chunk, factorial_task, cancel)?);
            }
            GroupStep::SerialRound => {
                if let Some(serial) = serial.as_deref_mut() {
                    serial.round(pool, inputs, cancel)?;
                }
            }
            GroupStep::EmptyPass(mode) => {
                let empty = run_mode(mode, pool, inputs, chunk, std::convert::identity, cancel)?;
                group.dispatched(empty.elapsed_ms);
            }
            GroupStep::Done(records) => return Ok(records),
        }
    }
}

/// The pool runs of one n on one pool, step by step: a warm-up each, then
/// rounds in which serial (when due) and every run not yet stopped repeat
/// once, until `repeat` stops each; then each run's pass with empty tasks.
/// The one rounds loop of both backends: the threads driver runs its steps
/// at once (`measure_pool_group`), the page awaits the processes' (each
/// pass a `process_loop::ProcessPass`), and each hands back what it measured.
pub struct PoolGroup {
    modes: Vec<PoolMode>,
    workers: usize,
    /// One per run whose warm-up is in.
    runs: Vec<Measurement>,
    rounds: Rounds,
    /// The runs still to repeat in the round under way; `None` once the
    /// rounds are over.
    round: Option<std::collections::VecDeque<usize>>,
    /// The empty passes' times so far, in run order.
    dispatch_ms: Vec<f64>,
    /// The run whose counted repeat the last `Pass` step was.
    repeating: Option<usize>,
}

/// What to run next for a `PoolGroup`.
#[derive(Debug)]
pub enum GroupStep {
    /// A pass of `mode` with factorial tasks (a warm-up or a repeat): hand
    /// it to `passed`.
    Pass(PoolMode),
    /// A round begins: serial repeats in it if it is due (its own schedule).
    SerialRound,
    /// A pass of `mode` with empty tasks: hand its time to `dispatched`.
    EmptyPass(PoolMode),
    /// Every run's record.
    Done(Vec<(RunRecord, Vec<Failure>)>),
}

impl PoolGroup {
    pub fn new(modes: &[PoolMode], workers: usize, repeat: Repeat) -> Self {
        PoolGroup {
            modes: modes.to_vec(),
            workers,
            runs: Vec::with_capacity(modes.len()),
            rounds: Rounds::new(modes.len(), repeat),
            round: Some(Default::default()),
            dispatch_ms: Vec::with_capacity(modes.len()),
            repeating: None,
        }
    }

    pub fn next_step(&mut self) -> GroupStep {
        self.repeating = None;
        if self.runs.len() < self.modes.len() {
            return GroupStep::Pass(self.modes[self.runs.len()]);
        }
        if let Some(round) = &mut self.round {
            if let Some(index) = round.pop_front() {
                self.repeating = Some(index);
                return GroupStep::Pass(self.modes[index]);
            }
            let next = self.rounds.next_round();
            if !next.is_empty() {
                *round = next.into();
                return GroupStep::SerialRound;
            }
            self.round = None;
        }
        if self.dispatch_ms.len() < self.modes.len() {
            return GroupStep::EmptyPass(self.modes[self.dispatch_ms.len()]);
        }
        let records = std::mem::take(&mut self.runs)
            .into_iter()
            .zip(&self.dispatch_ms)
            .enumerate()
            .map(|(index, (measurement, &dispatch_ms))| {
                measurement.finish(dispatch_ms, self.rounds.stop_of(index))
            })
            .collect();
        GroupStep::Done(records)
    }

    /// What the last `Pass` step measured.
    pub fn passed(&mut self, run: ModeRun<FactorialSummary>) {
        match self.repeating.take() {
            Some(index) => {
                self.runs[index].add_repeat(run);
                self.rounds.repeated(index, self.runs[index].times_ms());
            }
            None => {
                let mode = self.modes[self.runs.len()];
                self.runs.push(Measurement::new(mode, self.workers, run));
            }
        }
    }

    /// What the last `EmptyPass` step took.
    pub fn dispatched(&mut self, elapsed_ms: f64) {
        self.dispatch_ms.push(elapsed_ms);
    }
}

/// One (mode, workers) pair being measured, like `timeit`: the warm-up
/// sets the check every repeat must agree on. Shared by both backends (the
/// processes backend measures asynchronously, on the page).
pub struct Measurement {
    mode: PoolMode,
    workers: usize,
    n: u64,
    expected: Check,
    warmup_ms: f64,
    times_ms: Vec<f64>,
    last_tasks: Vec<TaskTrace>,
    errors: Vec<Failure>,
}

impl Measurement {
    pub fn new(mode: PoolMode, workers: usize, warmup: ModeRun<FactorialSummary>) -> Self {
        Measurement {
            mode,
            workers,
            n: warmup.results.len() as u64,
            expected: check_of(&warmup.results),
            warmup_ms: warmup.elapsed_ms,
            times_ms: Vec::new(),
            last_tasks: warmup.tasks,
            errors: Vec::new(),
        }
    }

    pub fn add_repeat(&mut self, run: ModeRun<FactorialSummary>) {
        let check = check_of(&run.results);
        if check != self.expected {
            self.errors.push(Failure::RepeatMismatch {
                mode: self.mode,
                workers: self.workers,
                got: Box::new(check),
                expected: Box::new(self.expected.clone()),
            });
        }
        self.times_ms.push(run.elapsed_ms);
        self.last_tasks = run.tasks;
    }

    /// The counted times so far.
    pub fn times_ms(&self) -> &[f64] {
        &self.times_ms
    }

    /// The record, with `dispatch_ms` from the run with empty tasks, why
    /// its repeats stopped, and (for a pool run) its breakdown.
    pub fn finish(self, dispatch_ms: f64, stop: RepeatStop) -> (RunRecord, Vec<Failure>) {
        let tasks: Vec<TaskRecord> = self.last_tasks.into_iter().map(TaskRecord::from).collect();
        // The trace is the last repeat's (the warm-up's without one).
        let wall_ms = self.times_ms.last().copied().unwrap_or(self.warmup_ms);
        let breakdown = self
            .mode
            .uses_pool()
            .then(|| {
                let durations = tasks.iter().map(|task| task.end_ms - task.start_ms);
                Breakdown::of(durations, self.workers, wall_ms)
            })
            .flatten();
        let mut record =
            RunRecord::new(self.mode, self.workers, self.times_ms, tasks, self.expected);
        record.n = Some(self.n);
        record.repeat_stop = Some(stop);
        record.breakdown = breakdown;
        record.warmup_ms = Some(self.warmup_ms);
        record.dispatch_ms = Some(dispatch_ms);
        (record, self.errors)
    }
}

/// Appends `k!` as the bytes a process sends back (little-endian, like
/// `int.to_bytes`, `BigUint::to_bytes_le`): what `multiprocessing` would
/// pickle. Written straight from the digits, with no copy of its own.
pub fn append_factorial_bytes(k: u64, out: &mut Vec<u8>) {
    let value = factorial(k);
    let start = out.len();
    // Digit by digit (u32 digits on wasm32, the ones the number is stored
    // in): a byte at a time costs a measurable share of the task.
    out.reserve(value.bits().div_ceil(32) as usize * 4);
    for digit in value.iter_u32_digits() {
        out.extend_from_slice(&digit.to_le_bytes());
    }
    let top = out[start..]
        .iter()
        .rposition(|&b| b != 0)
        .map_or(start, |i| start + i + 1);
    out.truncate(top);
}

/// The summary of a result received as bytes: the caller checks what it
/// got, not what the worker says it computed. Equal to `factorial_task(k)`
/// for the bytes `append_factorial_bytes(k, ..)` wrote.
pub fn summary_of_bytes(bytes: &[u8]) -> FactorialSummary {
    let top = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let bytes = &bytes[..top];
    let bits = bytes.last().map_or(0, |&b| {
        8 * (bytes.len() as u64 - 1) + u64::from(8 - b.leading_zeros())
    });
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    let mut fingerprint = words
        .map(|word| u64::from_le_bytes(word.try_into().expect("8 bytes")))
        .fold(bits, mix);
    if !tail.is_empty() {
        let mut top_word = [0u8; 8];
        top_word[..tail.len()].copy_from_slice(tail);
        fingerprint = mix(fingerprint, u64::from_le_bytes(top_word));
    }
    FactorialSummary { bits, fingerprint }
}

/// Factorials as the processes hand them out: each result comes back as
/// the bytes of k! (`append_factorial_bytes`), which the page sums up
/// itself; a small run is dealt out by the estimate.
pub struct Factorials;

impl ProcessTask for Factorials {
    type Result = FactorialSummary;

    fn decode(bytes: &[u8]) -> FactorialSummary {
        summary_of_bytes(bytes)
    }

    fn estimated_ms(k: u64) -> Option<f64> {
        Some(estimated_task_ms(k))
    }
}

/// The most traced tasks one results document keeps: a link may ask for
/// 65 runs of 100000 tasks, whose traces would not fit the page's memory.
/// Set from what a kept task costs, so that the results JSON stays under
/// 32 MB (README.md "Limits of a run"; figures in docs/benchmark.md). Runs
/// past the budget keep their timings, not traces.
pub const TRACE_BUDGET_TASKS: usize = 200_000;

/// The budget's share for `runs` of a run of experiments' `total` runs: the
/// threads driver and the page (serial, processes) each count their own.
pub fn trace_share(runs: usize, total: usize) -> usize {
    TRACE_BUDGET_TASKS * runs / total.max(1)
}

/// Counts the traced tasks of one run of experiments against the budget.
#[derive(Debug)]
pub struct TraceBudget {
    kept: usize,
    limit: usize,
}

impl Default for TraceBudget {
    fn default() -> Self {
        TraceBudget::new(TRACE_BUDGET_TASKS)
    }
}

impl TraceBudget {
    pub fn new(limit: usize) -> Self {
        TraceBudget { kept: 0, limit }
    }

    /// Keeps `record`'s trace if it fits, else drops it and says how many
    /// tasks it had.
    pub fn admit(&mut self, record: &mut RunRecord) {
        let tasks = record.tasks.len();
        if self.kept + tasks <= self.limit {
            self.kept += tasks;
        } else {
            record.trace_omitted = Some(tasks);
            record.tasks = Arc::new([]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_sums_bits_and_detects_differences() {
        let results: Vec<_> = (1..=50).map(factorial_task).collect();
        let check = check_of(&results);
        let expected_bits: u64 = (1..=50).map(|k| factorial(k).bits()).sum();
        assert_eq!(check.bits, Some(expected_bits));
        let mut tampered = results.clone();
        tampered[10].fingerprint ^= 1;
        assert_ne!(check_of(&tampered).digest, check.digest);
    }

    fn factorial_bytes(k: u64) -> Vec<u8> {
        let mut bytes = vec![7]; // what an answer already holds stays
        append_factorial_bytes(k, &mut bytes);
        assert_eq!(bytes[0], 7);
        bytes.split_off(1)
    }

    #[test]
    fn a_result_received_as_bytes_has_the_same_summary() {
        for k in [0, 1, 2, 7, 8, 20, 21, 25, 300, 1000, 2048] {
            assert_eq!(
                factorial_bytes(k),
                factorial(k).to_bytes_le(),
                "k = {k}: the bytes of int.to_bytes"
            );
            assert_eq!(
                summary_of_bytes(&factorial_bytes(k)),
                factorial_task(k),
                "k = {k}"
            );
        }
        // A changed byte changes the summary the caller computes.
        let mut bytes = factorial_bytes(300);
        bytes[5] ^= 1;
        assert_ne!(summary_of_bytes(&bytes), factorial_task(300));
    }

    #[test]
    fn traces_past_the_budget_are_dropped_and_counted() {
        let record = |tasks: usize| {
            let trace = (0..tasks as u64)
                .map(|i| {
                    TaskRecord::from(crate::core::pool::modes::TaskTrace {
                        input: i,
                        worker: 0,
                        start_ms: 0.0,
                        end_ms: 1.0,
                    })
                })
                .collect();
            RunRecord::new(PoolMode::Map, 2, vec![1.0], trace, Check::default())
        };
        let mut budget = TraceBudget::default();
        let (mut first, mut second, mut third) =
            (record(TRACE_BUDGET_TASKS - 10), record(10), record(1));
        budget.admit(&mut first);
        budget.admit(&mut second);
        budget.admit(&mut third);
        assert_eq!(
            (first.tasks.len(), first.trace_omitted),
            (TRACE_BUDGET_TASKS - 10, None)
        );
        assert_eq!(
            (second.tasks.len(), second.trace_omitted),
            (10, None),
            "exactly at the budget is kept"
        );
        assert_eq!((third.tasks.len(), third.trace_omitted), (0, Some(1)));
    }

    /// The largest links: 65 runs of 100000 or 20000 tasks (up to 6.5
    /// million traced tasks asked for), split between the threads driver
    /// and the page as the runner splits them, or all on one side: what is
    /// kept stays within the budget, and so does the results JSON, exported
    /// (pretty) or published (README.md, "Limits of a run": under 32 MB).
    #[test]
    fn the_largest_links_keep_at_most_the_budget_and_their_json_fits() {
        for (n, threads_runs) in [(100_000, 32), (20_000, 32), (20_000, 65), (1_000, 0)] {
            let total = 65;
            let share = trace_share(threads_runs, total);
            let mut budgets = [
                TraceBudget::new(share),
                TraceBudget::new(TRACE_BUDGET_TASKS - share),
            ];
            let mut doc = crate::core::results::schema::ResultsDoc::start(
                &crate::core::link::config::PageConfig::defaults(2),
                crate::core::results::schema::Environment {
                    hardware_concurrency: 2,
                    cross_origin_isolated: true,
                    user_agent: "test".into(),
                    timer_resolution_ms: None,
                },
            );
            for run in 0..total {
                let mut record = synthetic_run(n, run % 64 + 1);
                budgets[usize::from(run >= threads_runs)].admit(&mut record);
                doc.add_run(record, false, crate::core::i18n::Lang::En);
            }
            let kept: usize = doc.runs.iter().map(|r| r.tasks.len()).sum();
            let omitted = doc
                .runs
                .iter()
                .filter(|r| r.trace_omitted == Some(n))
                .count();
            assert!(kept <= TRACE_BUDGET_TASKS, "{n}: {kept}");
            assert!(
                kept + 2 * n > TRACE_BUDGET_TASKS.min(total * n),
                "{n}: the budget is used: {kept}"
            );
            assert_eq!(omitted, total - kept / n, "{n}");
            let exported = crate::core::results::export::to_json(&doc).len();
            let published = serde_json::to_string(&doc)
                .expect("results serialise")
                .len();
            println!(
                "n={n}: {kept} tasks kept, export {exported} bytes, published {published} bytes"
            );
            assert!(
                exported < 32 << 20 && published < 32 << 20,
                "{n}: {exported}, {published}"
            );
        }
    }

    /// A map run of `n` tasks on `workers`, with times of realistic width.
    fn synthetic_run(n: usize, workers: usize) -> RunRecord {
        let trace = (0..n as u64)
            .map(|i| {
                TaskRecord::from(crate::core::pool::modes::TaskTrace {
                    input: i + 1,
                    worker: i as usize % workers,
                    start_ms: 1234.5678 + i as f64 * 0.123_456,
                    end_ms: 1234.6789 + i as f64 * 0.123_456,
                })
            })
            .collect();
        RunRecord::new(
            PoolMode::Map,
            workers,
            vec![1.0; 50],
            trace,
            Check::default(),
        )
    }

    /// A pass of `tasks` factorials that took `ms`.
    fn pass_of(tasks: u64, ms: f64) -> ModeRun<FactorialSummary> {
        ModeRun {
            results: (1..=tasks).map(factorial_task).collect(),
            tasks: Vec::new(),
            elapsed_ms: ms,
        }
    }

    #[test]
    fn a_pool_group_warms_up_then_repeats_round_robin_until_each_run_stops() {
        let modes = [PoolMode::Map, PoolMode::Apply];
        let mut group = PoolGroup::new(&modes, 2, Repeat::Auto);
        let mut steps = Vec::new();
        let records = loop {
            let step = group.next_step();
            let shape = format!("{step:?}");
            match step {
                GroupStep::Pass(PoolMode::Map) => group.passed(pass_of(5, 10.0)),
                // Apply's times spread: it needs more repeats than map.
                GroupStep::Pass(_) => group.passed(pass_of(5, 10.0 + steps.len() as f64)),
                GroupStep::SerialRound => {}
                GroupStep::EmptyPass(_) => group.dispatched(0.5),
                GroupStep::Done(records) => break records,
            }
            steps.push(shape);
        };
        assert_eq!(steps[..3], ["Pass(Map)", "Pass(Apply)", "SerialRound"]);
        let rounds = steps.iter().filter(|s| *s == "SerialRound").count();
        let repeats = |mode: &str| {
            steps
                .iter()
                .filter(|s| **s == format!("Pass({mode})"))
                .count()
                - 1
        };
        assert_eq!(repeats("Map"), repeats::AUTO_MIN, "map stops when precise");
        assert_eq!(repeats("Apply"), rounds, "apply repeats in every round");
        assert!(rounds > repeats::AUTO_MIN, "{steps:?}");
        assert_eq!(
            steps[steps.len() - 2..],
            ["EmptyPass(Map)", "EmptyPass(Apply)"]
        );
        let [(map, _), (apply, _)] = &records[..] else {
            panic!("{records:?}")
        };
        assert_eq!(
            (map.mode, map.times_ms.len()),
            (PoolMode::Map, repeats::AUTO_MIN)
        );
        assert_eq!(map.repeat_stop, Some(RepeatStop::Precision));
        assert_eq!(
            (apply.mode, apply.times_ms.len()),
            (PoolMode::Apply, rounds)
        );
        assert_eq!(apply.dispatch_ms, Some(0.5));
    }
}
