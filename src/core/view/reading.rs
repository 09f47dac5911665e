//! The reading of the numbers: a few sentences derived from the measurements,
//! which use the intervals and claim no more than they support: a run is
//! called faster only when its speed-up's whole interval is above 1, and a
//! winner only when its interval lies clear of every other run's.
//!
//! The sentences are the reader's language's (`i18n::Reading`), each built
//! whole by that language so it orders its own words; the figures in them
//! are written as the language writes numbers (`Digits::In`).

use crate::core::i18n::{Lang, Reading};
use crate::core::link::config::ExperimentKind;
use crate::core::pool::modes::{Backend, PoolMode};
use crate::core::results::schema::{of_largest_n, serial_run, ResultsDoc, RunRecord, TaskRecord};
use crate::core::results::stats::{self, Verdict};
use crate::core::results::summary::{
    bounds_in, duration_in, interval_in, parallel_lanes, percent_text, summary_rows, Digits,
    SummaryRow, BROWSER_CONNECTIONS_PER_HOST,
};

pub fn read_numbers(results: &ResultsDoc, lang: Lang) -> String {
    sentences(results, lang).join(lang.text().reading.between_sentences)
}

/// The reading in one sentence, for a minimal view: the winning pool run
/// where one clearly wins, else the reading's first sentence.
/// A sweep's winner is looked for at its largest n, as the reading reads it.
pub fn headline(results: &ResultsDoc, lang: Lang) -> String {
    let of_largest = of_largest_n(results);
    let at_one_n = of_largest.as_ref().map_or(results, |(_, doc)| doc);
    let reader = Reader::new(at_one_n, lang);
    let rows = summary_rows(at_one_n);
    let pool_rows: Vec<&SummaryRow> = rows.iter().filter(|r| r.mode.uses_pool()).collect();
    reader
        .winner_sentence(&pool_rows)
        .or_else(|| sentences(results, lang).into_iter().find(|s| !s.is_empty()))
        .unwrap_or_default()
}

/// The answer first (`#verdict`): the pool run with the largest speed-up
/// among those measurably faster than serial (its interval above 1), with
/// that interval and its share of the ideal; or that none is, and from
/// which n one would be (the measured break-even, else the cost model's).
/// At one n the largest speed-up is the fastest median. The repost lab,
/// and results without a speed-up, get the headline.
pub fn verdict(results: &ResultsDoc, lang: Lang) -> String {
    let reader = Reader::new(results, lang);
    let rows = summary_rows(results);
    let pool_rows: Vec<&SummaryRow> = rows
        .iter()
        .filter(|r| r.mode.uses_pool() && r.speedup.is_some())
        .collect();
    if reader.reposts || pool_rows.is_empty() {
        return headline(results, lang);
    }
    let mut sizes: Vec<u64> = rows.iter().filter_map(|r| r.n).collect();
    sizes.sort_unstable();
    sizes.dedup();
    let sweep = sizes.len() > 1;
    let fastest = pool_rows
        .iter()
        .filter(|r| r.speedup.is_some_and(|s| s.verdict() == Verdict::Faster))
        .max_by(|a, b| speedup_of(a).total_cmp(&speedup_of(b)));
    if let Some(row) = fastest {
        let speedup = row.speedup.expect("filtered on it");
        let n = row.n.filter(|_| sweep).map(|n| n.to_string());
        return (reader.text.verdict_fastest)(
            &reader.label(row),
            &reader.number(speedup.median, 2),
            &bounds_in(speedup.lo, speedup.hi, 2, Digits::In(lang)),
            row.of_ideal.map(|p| percent_text(Some(p))).as_deref(),
            n.as_deref(),
        );
    }
    let mut sentence = (reader.text.verdict_none)(reader.kind);
    sentence += &reader.pays_from_n(&rows);
    sentence
}

/// The reading's sentences. A sweep is read at its largest n (its runs'
/// figures only hold together within one n; the verdict and the speed-up
/// chart cover every n), said first; the model's misses span every n.
fn sentences(results: &ResultsDoc, lang: Lang) -> Vec<String> {
    let mut sentences = Vec::new();
    let of_largest = of_largest_n(results);
    if let Some((n, _)) = &of_largest {
        sentences.push((lang.text().reading.sweep_read_at)(&n.to_string()));
    }
    let whole = Reader::new(results, lang);
    let results = of_largest.as_ref().map_or(results, |(_, doc)| doc);
    let reader = Reader::new(results, lang);
    let text = reader.text;
    let rows = summary_rows(results);
    let pool_rows: Vec<&SummaryRow> = rows.iter().filter(|r| r.mode.uses_pool()).collect();
    let serial = rows.iter().find(|r| r.mode == PoolMode::Serial);

    if let Some(serial) = serial {
        let tasks = serial_run(results)
            .map(|r| r.tasks.len())
            .unwrap_or(0)
            .max(1);
        sentences.push((text.serial_total)(
            tasks,
            reader.task,
            &reader.duration(serial.median_ms),
            &reader.median_note(serial),
            &reader.duration(serial.median_ms / tasks as f64),
        ));
        sentences.extend(reader.speedup_sentences(&pool_rows));
    }
    sentences.extend(reader.winner_sentence(&pool_rows));
    if let (Some(apply), Some(serial)) = (rows.iter().find(|r| r.mode == PoolMode::Apply), serial) {
        sentences.push((text.apply_waits)(
            reader.task,
            &reader.workers(apply.backend, apply.workers),
            &reader.duration(apply.median_ms),
            &reader.duration(serial.median_ms),
        ));
    }
    sentences.extend(reader.startup_sentence());
    sentences.extend(reader.backends_sentence(&rows));
    sentences.extend(reader.caveats(&rows));
    sentences.extend(whole.model_misses());
    sentences
}

/// What every sentence needs: the results, the reader's language, and the
/// experiment's words (tasks on a pool, or concurrent requests).
struct Reader<'a> {
    results: &'a ResultsDoc,
    lang: Lang,
    text: &'static Reading,
    reposts: bool,
    /// `task` or `request`.
    task: &'static str,
    /// The runs beside serial: `pool` or `concurrent`.
    kind: &'static str,
}

impl<'a> Reader<'a> {
    fn new(results: &'a ResultsDoc, lang: Lang) -> Self {
        let text = &lang.text().reading;
        let reposts = results.experiment == ExperimentKind::Reposts;
        let (task, kind) = if reposts {
            (text.request, text.concurrent)
        } else {
            (text.task, text.pool)
        };
        Reader {
            results,
            lang,
            text,
            reposts,
            task,
            kind,
        }
    }

    fn duration(&self, ms: f64) -> String {
        duration_in(ms, Digits::In(self.lang))
    }

    fn number(&self, value: f64, digits: usize) -> String {
        self.lang.number(value, digits)
    }

    /// `2 workers` (threads), `2 processes`, or the repost lab's concurrent requests.
    fn workers(&self, backend: Option<Backend>, workers: usize) -> String {
        match backend {
            Some(Backend::Processes) => (self.text.processes)(workers),
            _ if self.reposts => (self.text.lanes)(workers),
            _ => (self.text.workers)(workers),
        }
    }

    /// A run's name: `serial`, `map on 2 workers`, `map on 2 processes`. A
    /// factorial run that names no backend ran on threads (results saved
    /// before there were two); the repost lab's lanes name none.
    fn label(&self, row: &SummaryRow) -> String {
        let backend = row.backend.or((!self.reposts).then_some(Backend::Threads));
        crate::core::pool::modes::run_label(self.lang, row.mode, backend, row.workers)
    }

    /// ` (median of 7, 95% CI 2.2–2.4 ms)`, or the repeats alone without an interval.
    fn median_note(&self, row: &SummaryRow) -> String {
        match row.ci95_ms {
            Some(_) => (self.text.median_of)(
                row.repeats,
                &interval_in(row.ci95_ms, Digits::In(self.lang)),
            ),
            None => (self.text.median_of_repeats)(row.repeats),
        }
    }

    /// The costliest pool start-up, said as what it was: cold (web workers
    /// started for it) or warm (workers reused), with the cold cost beside a warm one.
    fn startup_sentence(&self) -> Option<String> {
        let run = self
            .results
            .runs
            .iter()
            .filter(|r| r.pool_startup_ms.is_some())
            .max_by(|a, b| {
                a.pool_startup_ms
                    .unwrap_or(0.0)
                    .total_cmp(&b.pool_startup_ms.unwrap_or(0.0))
            })?;
        let text = self.text;
        let startup = self.duration(run.pool_startup_ms?);
        let workers = self.workers(run.backend, run.workers);
        let processes = run.backend == Some(Backend::Processes);
        let what = match (run.workers_spawned, run.cold_pool_startup_ms) {
            (Some(0), cold) => {
                let cold = cold
                    .map(|cold| (text.startup_cold_was)(&self.duration(cold)))
                    .unwrap_or_default();
                (text.startup_reused)(&workers, &startup, processes) + &cold
            }
            (Some(spawned), _) => (text.startup_spawned)(&workers, &startup, spawned, processes),
            (None, _) => (text.startup_cost)(&workers, &startup),
        };
        Some((text.paid_once)(&what))
    }

    /// Where both backends ran the same mode on the same workers: what message
    /// passing cost per task beyond shared memory.
    fn backends_sentence(&self, rows: &[SummaryRow]) -> Option<String> {
        let tasks = self
            .results
            .runs
            .iter()
            .map(|r| r.tasks.len().max(r.trace_omitted.unwrap_or(0)))
            .max()?
            .max(1);
        let extra_ms: Vec<f64> = rows
            .iter()
            .filter(|p| p.backend == Some(Backend::Processes))
            .filter_map(|p| {
                let threads = rows.iter().find(|t| {
                    t.backend == Some(Backend::Threads)
                        && t.mode == p.mode
                        && t.workers == p.workers
                })?;
                Some(p.median_ms - threads.median_ms)
            })
            .collect();
        if extra_ms.is_empty() {
            return None;
        }
        let mean_extra = extra_ms.iter().sum::<f64>() / extra_ms.len() as f64;
        Some(if mean_extra > 0.0 {
            (self.text.processes_paid)(&self.duration(mean_extra / tasks as f64), extra_ms.len())
        } else {
            (self.text.processes_no_slower)(extra_ms.len())
        })
    }

    /// Each pool run's speed-up as the interval supports it: the best one that
    /// is really faster, the runs really slower, or that nothing can be told.
    fn speedup_sentences(&self, pool_rows: &[&SummaryRow]) -> Vec<String> {
        let (text, results, written) = (self.text, self.results, Digits::In(self.lang));
        let mut sentences = Vec::new();
        let with = |verdict: Verdict| {
            pool_rows
                .iter()
                .filter(move |r| r.speedup.is_some_and(|s| s.verdict() == verdict))
        };
        let fastest = with(Verdict::Faster).max_by(|a, b| speedup_of(a).total_cmp(&speedup_of(b)));
        if let Some(row) = fastest {
            let s = row.speedup.expect("filtered on a speed-up");
            let ideal = serial_run(results).map(|serial| {
                crate::core::results::summary::ideal_ms(results, serial.median_ms, row.workers)
            });
            let ideal_speedup = ideal
                .map(|ideal| row.median_ms * s.median / ideal)
                .unwrap_or(f64::NAN);
            let lanes = parallel_lanes(results, row.workers);
            let why = if self.reposts && row.workers > BROWSER_CONNECTIONS_PER_HOST {
                (text.why_connections)(BROWSER_CONNECTIONS_PER_HOST)
            } else if !self.reposts && lanes < row.workers {
                let cores = results.environment.hardware_concurrency as usize;
                (text.why_cores)(&self.workers(row.backend, row.workers), cores, lanes)
            } else {
                String::new()
            };
            sentences.push((text.faster)(
                &self.label(row),
                &self.number(s.median, 2),
                &bounds_in(s.lo, s.hi, 2, written),
                &self.number(ideal_speedup, 2),
                &why,
            ));
        }
        let slower: Vec<&&SummaryRow> = with(Verdict::Slower).collect();
        if let Some(slowest) = slower
            .iter()
            .min_by(|a, b| speedup_of(a).total_cmp(&speedup_of(b)))
        {
            let s = slowest.speedup.expect("filtered on a speed-up");
            sentences.push((text.slower)(
                &self.label(slowest),
                &self.number(1.0 / s.median, 1),
                &bounds_in(s.hi.map(|hi| 1.0 / hi), s.lo.map(|lo| 1.0 / lo), 1, written),
                slower.len() - 1,
                self.kind,
                &self.dispatch_note(slowest),
            ));
        }
        let undecided = with(Verdict::NoDifference).count();
        if undecided > 0 {
            sentences.push((text.no_difference)(undecided, self.kind));
        }
        if with(Verdict::NoInterval).next().is_some() {
            sentences.push((text.no_interval)(stats::MIN_REPEATS_FOR_CI));
        }
        sentences
    }

    /// Why a pool run lost, when its empty-task run shows it: handing out and
    /// collecting the tasks cost most of the time.
    fn dispatch_note(&self, row: &SummaryRow) -> String {
        match row.dispatch_ms {
            Some(dispatch) if dispatch >= 0.5 * row.median_ms => {
                (self.text.why_dispatch)(&self.duration(dispatch))
            }
            _ => String::new(),
        }
    }

    /// The fastest pool run, named a winner only when its interval lies below
    /// every other pool run's; otherwise the runs it cannot be told from.
    fn winner_sentence(&self, pool_rows: &[&SummaryRow]) -> Option<String> {
        if pool_rows.len() < 2 {
            return None;
        }
        let fastest = pool_rows
            .iter()
            .min_by(|a, b| a.median_ms.total_cmp(&b.median_ms))?;
        let [_, fastest_hi] = fastest.ci95_ms?;
        let ties: Vec<String> = pool_rows
            .iter()
            .filter(|r| !std::ptr::eq(**r, *fastest))
            .filter(|r| r.ci95_ms.is_none_or(|[lo, _]| lo <= fastest_hi))
            .map(|r| self.label(r))
            .collect();
        let label = self.label(fastest);
        Some(if ties.is_empty() {
            (self.text.winner)(&label, self.kind)
        } else {
            let shown = ties.len().min(3);
            (self.text.ties)(&label, &ties[..shown], ties.len() - shown)
        })
    }

    /// From which n a pool would pay: the smallest measured break-even
    /// (warm), else the smallest n where the cost model's pool time falls
    /// under the work (scaled from the largest serial n by
    /// `estimated_serial_ms`), else that it sees none up to the largest n a
    /// link takes.
    fn pays_from_n(&self, rows: &[SummaryRow]) -> String {
        let label_of = |mode, backend, workers| {
            crate::core::pool::modes::run_label(self.lang, mode, backend, workers)
        };
        let measured = self
            .results
            .breakeven
            .iter()
            .filter_map(|b| Some((b.n_warm?, b)))
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((n, line)) = measured {
            return (self.text.verdict_from_n)(
                &label_of(line.mode, line.backend, line.workers),
                &self.number(n, 0),
                true,
            );
        }
        let Some(serial) = rows
            .iter()
            .filter(|r| r.mode == PoolMode::Serial && r.n.is_some())
            .max_by_key(|r| r.n)
        else {
            return String::new();
        };
        let (serial_n, serial_ms) = (serial.n.unwrap_or(1), serial.median_ms);
        let work_at = |n: u64| {
            serial_ms * crate::core::factorial::cost::estimated_serial_ms(n)
                / crate::core::factorial::cost::estimated_serial_ms(serial_n)
        };
        let limit = *crate::core::link::fields::N_LIMITS.end();
        // Candidate sizes: 1-2-5 steps up to the link's limit.
        let sizes = (0..6u32)
            .flat_map(|e| [1, 2, 5].map(|m| m * 10u64.pow(e)))
            .filter(|&n| n <= limit);
        let mut lines: Vec<(PoolMode, Option<Backend>, usize)> = Vec::new();
        for row in rows.iter().filter(|r| r.mode.uses_pool()) {
            if !lines.contains(&(row.mode, row.backend, row.workers)) {
                lines.push((row.mode, row.backend, row.workers));
            }
        }
        let first_paying = sizes
            .filter_map(|n| {
                lines.iter().find_map(|&(mode, backend, workers)| {
                    let model = self
                        .results
                        .model
                        .iter()
                        .find(|m| m.mode == mode && m.backend == backend)?;
                    let work = work_at(n);
                    (model.predict_ms(workers, n as f64, work) < work)
                        .then(|| (n, label_of(mode, backend, workers)))
                })
            })
            .next();
        match first_paying {
            Some((n, label)) => (self.text.verdict_from_n)(&label, &n.to_string(), false),
            None if self.results.model.is_empty() => String::new(),
            None => (self.text.verdict_never)(limit),
        }
    }

    /// What to distrust: the clock's limit, a hidden page, outliers.
    fn caveats(&self, rows: &[SummaryRow]) -> Vec<String> {
        let text = self.text;
        let mut sentences = Vec::new();
        let at_limit: Vec<&SummaryRow> = rows.iter().filter(|r| r.at_clock_limit).collect();
        if let Some(first) = at_limit.first() {
            let resolution = self
                .results
                .environment
                .timer_resolution_ms
                .map(|r| self.duration(r));
            sentences.push((text.clock_limit)(
                at_limit.len(),
                &self.label(first),
                stats::CLOCK_LIMIT_STEPS as usize,
                resolution.as_deref(),
            ));
        }
        let hidden = rows.iter().filter(|r| r.hidden).count();
        if hidden > 0 {
            sentences.push((text.hidden)(hidden));
        }
        let outliers: usize = rows.iter().map(|r| r.outliers).sum();
        if outliers > 0 {
            sentences.push((text.outliers)(outliers));
        }
        sentences
    }

    /// The pool runs whose interval does not hold the model's prediction,
    /// named by the farthest (in log ratio): where the model is wrong is
    /// where something interesting happens.
    fn model_misses(&self) -> Option<String> {
        let miss = |run: &RunRecord| match (run.predicted_ms, run.ci95_ms) {
            (Some(predicted), Some([lo, hi]))
                if predicted > 0.0 && (predicted < lo || predicted > hi) =>
            {
                Some((predicted / run.median_ms).ln().abs())
            }
            _ => None,
        };
        let missed: Vec<(&RunRecord, f64)> = self
            .results
            .runs
            .iter()
            .filter(|run| run.mode.uses_pool())
            .filter_map(|run| miss(run).map(|by| (run, by)))
            .collect();
        let &(farthest, _) = missed.iter().max_by(|a, b| a.1.total_cmp(&b.1))?;
        let sweep = self
            .results
            .runs
            .iter()
            .any(|run| run.n.is_some() && run.n != farthest.n);
        let n = farthest.n.filter(|_| sweep).map(|n| n.to_string());
        Some((self.text.model_misses)(
            missed.len(),
            &crate::core::pool::modes::run_label(
                self.lang,
                farthest.mode,
                farthest.backend,
                farthest.workers,
            ),
            n.as_deref(),
            &self.duration(farthest.median_ms),
            &self.duration(farthest.predicted_ms.unwrap_or_default()),
        ))
    }
}

fn speedup_of(row: &SummaryRow) -> f64 {
    row.speedup.map(|s| s.median).unwrap_or(f64::NAN)
}

/// Most requests in flight at once over a run's trace.
fn max_in_flight(tasks: &[TaskRecord]) -> usize {
    let mut edges: Vec<(f64, i32)> = tasks
        .iter()
        .flat_map(|t| [(t.start_ms, 1), (t.end_ms, -1)])
        .collect();
    // Ends before starts at the same instant: back-to-back is not overlap.
    edges.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    edges
        .iter()
        .scan(0, |open, &(_, step)| {
            *open += step;
            Some(*open)
        })
        .max()
        .unwrap_or(0) as usize
}

/// The waterfall's sentence: how many requests overlapped, or, when a
/// pool had more lanes than the browser's connections per host, how long
/// requests waited in the browser.
pub fn waterfall_reading(run: &RunRecord, lang: Lang) -> String {
    let text = &lang.text().reading;
    let queued: Vec<f64> = run
        .tasks
        .iter()
        .filter_map(|t| t.queued_ms)
        .filter(|&q| q > 5.0)
        .collect();
    if run.workers > BROWSER_CONNECTIONS_PER_HOST && !queued.is_empty() {
        let mean_wait = queued.iter().sum::<f64>() / queued.len() as f64;
        (text.waterfall_queued)(
            run.workers,
            run.workers.min(run.tasks.len()),
            BROWSER_CONNECTIONS_PER_HOST,
            queued.len(),
            &duration_in(mean_wait, Digits::In(lang)),
        )
    } else {
        (text.waterfall_in_flight)(max_in_flight(&run.tasks))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pool::modes::TaskTrace;

    const EN: Lang = Lang::En;
    const ZH: Lang = Lang::ZhCn;

    fn task(input: u64, start_ms: f64, end_ms: f64, queued_ms: Option<f64>) -> TaskRecord {
        TaskRecord {
            queued_ms,
            ..TaskRecord::from(TaskTrace {
                input,
                worker: 0,
                start_ms,
                end_ms,
            })
        }
    }

    /// A run of `mode` on `workers` threads at `n`, with these times.
    fn at_n(mode: PoolMode, workers: usize, n: u64, times: &[f64]) -> RunRecord {
        let mut run = RunRecord::timed_for_tests(mode, workers, times);
        run.n = Some(n);
        run.backend = mode.uses_pool().then_some(Backend::Threads);
        run
    }

    fn spread(center: f64) -> Vec<f64> {
        (0..9).map(|i| center * (0.98 + 0.005 * i as f64)).collect()
    }

    #[test]
    fn the_verdict_names_the_fastest_run_measurably_faster() {
        let mut results = ResultsDoc::of_runs_for_tests(vec![
            at_n(PoolMode::Serial, 1, 3000, &spread(100.0)),
            // Faster than serial, but not the fastest.
            at_n(PoolMode::ApplyAsync, 2, 3000, &spread(80.0)),
            // The fastest: 100 / 55 = 1.82x.
            at_n(PoolMode::Map, 2, 3000, &spread(55.0)),
            // Faster median still, but its interval holds 1 (wide spread).
            at_n(
                PoolMode::MapAsync,
                4,
                3000,
                &[20.0, 30.0, 40.0, 50.0, 50.0, 60.0, 200.0, 300.0, 400.0],
            ),
        ]);
        crate::core::results::schema::annotate(&mut results);
        let en = verdict(&results, EN);
        assert!(
            en.starts_with(
                "map on 2 workers is the fastest run measurably faster than serial: 1.82×"
            ),
            "{en}"
        );
        let zh = verdict(&results, ZH);
        assert!(
            zh.contains("map") && zh.contains("1.82") && zh.contains("明显快于串行"),
            "{zh}"
        );
    }

    #[test]
    fn without_a_faster_run_the_verdict_says_pays_from_n_one_would_be() {
        // A sweep: slower at n = 10, faster at n = 1000 (median), but no
        // interval above 1 anywhere: the break-even is said, measured.
        let mut results = ResultsDoc::of_runs_for_tests(vec![
            at_n(PoolMode::Serial, 1, 10, &spread(1.0)),
            at_n(PoolMode::Map, 2, 10, &spread(2.0)),
            at_n(PoolMode::Serial, 1, 1000, &spread(100.0)),
            at_n(
                PoolMode::Map,
                2,
                1000,
                &[50.0, 60.0, 70.0, 80.0, 90.0, 100.0, 110.0, 150.0, 200.0],
            ),
        ]);
        crate::core::results::schema::annotate(&mut results);
        assert_eq!(results.breakeven.len(), 1);
        let n = results.breakeven[0].n_warm.expect("it crosses");
        assert!(n > 10.0 && n < 1000.0, "{n}");
        let en = verdict(&results, EN);
        assert!(
            en.starts_with("No pool run is measurably faster than serial here."),
            "{en}"
        );
        assert!(
            en.contains(&format!("crosses 1 at about n = {}", EN.number(n, 0))),
            "{en}"
        );
        let zh = verdict(&results, ZH);
        assert!(zh.starts_with("这里没有哪个并行运行明显快于串行。"), "{zh}");
        // One n, slower: the cost model says where it would pay.
        let mut results = ResultsDoc::of_runs_for_tests(vec![
            at_n(PoolMode::Serial, 1, 100, &spread(1.0)),
            at_n(PoolMode::Map, 2, 100, &spread(3.0)),
        ]);
        crate::core::results::schema::annotate(&mut results);
        let en = verdict(&results, EN);
        assert!(en.contains("The cost model fitted to these runs predicts map on 2 workers would pay from about n = "), "{en}");
    }

    #[test]
    fn a_sweep_is_read_at_its_largest_n() {
        // Serial at n = 10 takes 5 µs, at n = 3000 100 ms: read together,
        // map at 3000 would be set against serial at 10 (an "ideal" of
        // thousands) and serial's total would be the 5 µs one.
        let mut results = ResultsDoc::of_runs_for_tests(vec![
            at_n(PoolMode::Serial, 1, 10, &spread(0.005)),
            at_n(PoolMode::Map, 2, 10, &spread(0.05)),
            at_n(PoolMode::Serial, 1, 3000, &spread(100.0)),
            at_n(PoolMode::Map, 2, 3000, &spread(55.0)),
        ]);
        crate::core::results::schema::annotate(&mut results);
        let en = read_numbers(&results, EN);
        assert!(
            en.starts_with("This sweep measured several task sizes;")
                && en.contains("reads the largest, n = 3000."),
            "{en}"
        );
        assert!(en.contains("took 100 ms"), "{en}");
        assert!(!en.contains("took 5"), "{en}");
        assert!(
            en.contains("map on 2 workers: 1.82× (") && en.contains("against an ideal of 2×"),
            "{en}"
        );
        let zh = read_numbers(&results, ZH);
        assert!(
            zh.starts_with("这次扫描测了多个任务规模") && zh.contains("n = 3000"),
            "{zh}"
        );
        assert!(zh.contains("理想值为 2×"), "{zh}");
    }

    #[test]
    fn a_run_the_model_misses_by_more_than_its_interval_is_named() {
        // Map follows the model (work / 2 + costs) at every n but one:
        // at n = 3000 on 2 workers it takes as long as serial.
        let mut runs = Vec::new();
        for (n, work, map) in [
            (100, 10.0, 6.0),
            (300, 30.0, 16.0),
            (1000, 100.0, 51.0),
            (3000, 300.0, 300.0),
        ] {
            runs.push(at_n(PoolMode::Serial, 1, n, &spread(work)));
            runs.push(at_n(PoolMode::Map, 2, n, &spread(map)));
        }
        let mut results = ResultsDoc::of_runs_for_tests(runs);
        crate::core::results::schema::annotate(&mut results);
        let en = read_numbers(&results, EN);
        assert!(en.contains("The cost model misses "), "{en}");
        // The least-squares fit leans towards the odd run: which run lies
        // farthest depends on it, but one is named with its n.
        assert!(
            en.contains("the farthest is map on 2 workers at n = "),
            "{en}"
        );
        let zh = read_numbers(&results, ZH);
        assert!(
            zh.contains("成本模型对") && zh.contains("偏差最大的是"),
            "{zh}"
        );
        // Where every prediction lies in its run's interval, nothing is said.
        for run in &mut results.runs {
            run.predicted_ms = run.mode.uses_pool().then_some(run.median_ms);
        }
        assert!(!read_numbers(&results, EN).contains("cost model misses"));
    }

    #[test]
    fn the_waterfall_counts_overlap_and_names_the_browsers_queue() {
        // Back to back is not overlap: two at once at most.
        let mut run = RunRecord::new(
            PoolMode::ApplyAsync,
            2,
            vec![1.0],
            vec![
                task(1, 0.0, 2.0, None),
                task(2, 1.0, 3.0, None),
                task(3, 3.0, 4.0, None),
            ],
            Default::default(),
        );
        assert_eq!(
            waterfall_reading(&run, EN),
            "At most 2 requests were in flight at once."
        );
        assert_eq!(
            waterfall_reading(&run, ZH),
            "同一时刻最多有 2 个请求在进行中。"
        );
        run.workers = 10;
        run.tasks = vec![
            task(1, 0.0, 20.0, Some(10.0)),
            task(2, 0.0, 30.0, Some(20.0)),
        ]
        .into();
        let reading = waterfall_reading(&run, EN);
        assert!(
            reading.starts_with("10 lanes asked for up to 2 requests at once")
                && reading.contains("2 requests waited"),
            "{reading}"
        );
        assert!(
            reading.contains("6 HTTP/1.1 connections per host")
                && reading.contains("15 ms on average"),
            "{reading}"
        );
        assert_eq!(
            waterfall_reading(&run, ZH),
            "10 路并发最多要同时发出 2 个请求，但浏览器对同一主机最多只开 6 个 HTTP/1.1 连接：有 2 个请求先在浏览器里排队，平均等了 15 ms 才发出。"
        );
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

    /// Asserts that `text` holds every one of `sentences`.
    fn assert_says(text: &str, sentences: &[&str]) {
        for sentence in sentences {
            assert!(text.contains(sentence), "missing {sentence:?} in:\n{text}");
        }
    }

    #[test]
    fn a_pool_start_up_says_whether_it_was_cold_or_warm() {
        let mut cold = run(PoolMode::Map, 2, &[5.0; 7]);
        (
            cold.pool_startup_ms,
            cold.workers_spawned,
            cold.cold_pool_startup_ms,
        ) = (Some(60.0), Some(2), Some(60.0));
        let results = doc(vec![run(PoolMode::Serial, 1, &SERIAL), cold.clone()]);
        assert_says(
            &read_numbers(&results, EN),
            &["Starting a pool of 2 workers cost 60 ms, 2 new web workers included: paid once"],
        );
        assert_says(&read_numbers(&results, ZH), &["启动 2 个线程的池花了 60 ms，其中包括新建 2 个工作线程。这笔开销只付一次，不计入上面的计时"]);
        let mut warm = cold;
        (warm.pool_startup_ms, warm.workers_spawned) = (Some(0.3), Some(0));
        let results = doc(vec![run(PoolMode::Serial, 1, &SERIAL), warm.clone()]);
        assert_says(
            &read_numbers(&results, EN),
            &["took 300 µs with its web workers reused (the first, cold start cost 60 ms)"],
        );
        assert_says(
            &read_numbers(&results, ZH),
            &["启动 2 个线程的池用了 300 µs，沿用了已有的工作线程（首次冷启动用了 60 ms）。"],
        );
        warm.backend = Some(Backend::Processes);
        let results = doc(vec![run(PoolMode::Serial, 1, &SERIAL), warm]);
        assert_says(
            &read_numbers(&results, EN),
            &["Starting a pool of 2 processes took 300 µs with its processes reused"],
        );
        assert_says(
            &read_numbers(&results, ZH),
            &["启动 2 个进程的池用了 300 µs，沿用了已有的进程"],
        );
    }

    #[test]
    fn both_backends_are_compared_per_task() {
        let threads = on(Backend::Threads, PoolMode::Map, &[5.0; 7], 1000);
        let processes = on(Backend::Processes, PoolMode::Map, &[7.0; 7], 1000);
        let results = doc(vec![
            run(PoolMode::Serial, 1, &SERIAL),
            threads.clone(),
            processes,
        ]);
        assert_says(
            &read_numbers(&results, EN),
            &["Processes paid about 2 µs per task more than threads (1 pair of the same mode and workers)"],
        );
        assert_says(
            &read_numbers(&results, ZH),
            &["在 1 组模式和并行数都相同的对比中，进程平均每个任务比线程多花约 2 µs：参数和结果都要作为消息来回传送，而线程共享内存。"],
        );
        let faster = on(Backend::Processes, PoolMode::Map, &[4.0; 7], 1000);
        let results = doc(vec![
            run(PoolMode::Serial, 1, &SERIAL),
            threads.clone(),
            faster,
        ]);
        assert_says(
            &read_numbers(&results, EN),
            &[
                "map on 2 processes was the fastest pool run",
                "Processes were no slower than threads here",
            ],
        );
        assert_says(
            &read_numbers(&results, ZH),
            &[
                "map（2 个进程）是最快的并行运行：它的置信区间完全低于其他每一组。",
                "进程并不比线程慢",
            ],
        );
        let only_threads = doc(vec![run(PoolMode::Serial, 1, &SERIAL), threads]);
        assert!(!read_numbers(&only_threads, EN).contains("Processes"));
        assert!(!read_numbers(&only_threads, ZH).contains("进程"));
    }

    #[test]
    fn a_real_speed_up_is_read_with_its_interval() {
        let results = doc(vec![
            run(PoolMode::Serial, 1, &SERIAL),
            run(PoolMode::Map, 2, &[5.0, 5.1, 4.9, 5.2, 5.0, 4.7, 5.0]),
        ]);
        let text = read_numbers(&results, EN);
        // 10.0 / 5.0 = 2.00; interval 9.5/5.2 = 1.83 .. 10.2/4.8 = 2.13.
        assert_says(&text, &[
            "One after another, the 1 task took 10 ms (median of 7, 95% CI 9.5–10.2 ms) in all, 10 ms per task on average.",
            "map on 2 workers: 2× (1.83–2.17) faster than serial, against an ideal of 2×.",
        ]);
        assert!(!text.contains("no measurable"), "{text}");
        let text = read_numbers(&results, ZH);
        assert_eq!(
            text,
            "串行逐个执行这 1 个任务，共用时 10 ms（7 次重复的中位数，95% 置信区间 9.5–10.2 ms），平均每个任务 10 ms。\
map（2 个线程）比串行快：加速比 2×（1.83–2.17），理想值为 2×。"
        );
    }

    #[test]
    fn serial_and_map_on_many_tasks_group_their_counts() {
        let mut serial = run(PoolMode::Serial, 1, &SERIAL);
        serial.tasks = (0..1500)
            .map(|i| task(i, 0.0, 0.0, None))
            .collect::<Vec<_>>()
            .into();
        let results = doc(vec![
            serial,
            run(PoolMode::Map, 2, &[5.0, 5.1, 4.9, 5.2, 5.0, 4.7, 5.0]),
        ]);
        assert_says(
            &read_numbers(&results, EN),
            &["the 1,500 tasks took 10 ms", "6.7 µs per task on average"],
        );
        assert_says(
            &read_numbers(&results, ZH),
            &[
                "串行逐个执行这 1,500 个任务，共用时 10 ms",
                "平均每个任务 6.7 µs。",
            ],
        );
    }

    #[test]
    fn no_winner_the_data_do_not_support() {
        // map and map_async overlap each other; apply_async's interval holds 1.
        let results = doc(vec![
            run(PoolMode::Serial, 1, &SERIAL),
            run(PoolMode::Map, 4, &[5.0, 5.1, 4.9, 5.2, 5.0, 4.7, 5.0]),
            run(PoolMode::MapAsync, 4, &[5.1, 5.0, 5.3, 4.9, 5.0, 5.1, 5.2]),
            run(
                PoolMode::ApplyAsync,
                4,
                &[9.0, 11.0, 10.0, 10.5, 9.5, 10.0, 10.0],
            ),
        ]);
        let text = read_numbers(&results, EN);
        assert_says(&text, &[
            "The fastest median, map on 4 workers, has an interval that overlaps those of map_async on 4 workers",
            "1 pool run showed no measurable difference from serial: its speed-up interval holds 1.",
            "(4 workers on 2 logical cores cannot beat 2×)",
        ]);
        assert!(!text.contains("was the fastest"), "{text}");
        let text = read_numbers(&results, ZH);
        assert_says(&text, &[
            "中位数最快的是 map（4 个线程），但它的置信区间与 map_async（4 个线程）的区间重叠，数据分不出它们谁快谁慢。",
            "有 1 组并行运行与串行相比没有可测出的差别：加速比的置信区间包含 1。",
            "（4 个线程跑在 2 个逻辑核上，加速比不可能超过 2×）",
        ]);
        assert!(!text.contains("最快的并行运行"), "{text}");
    }

    #[test]
    fn a_clear_winner_slower_runs_and_caveats() {
        let mut slow = run(
            PoolMode::Apply,
            2,
            &[30.0, 31.0, 29.0, 30.0, 30.5, 29.5, 30.0],
        );
        slow.hidden = true;
        slow.dispatch_ms = Some(25.0);
        let results = doc(vec![
            run(PoolMode::Serial, 1, &SERIAL),
            run(PoolMode::Map, 2, &[5.0, 5.1, 4.9, 5.2, 5.0, 4.7, 5.0]),
            slow,
            run(PoolMode::MapAsync, 2, &[0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3]),
        ]);
        // 10 / 30 -> 3.0× slower; interval 29/10.2 = 2.8 .. 31/9.5 = 3.3.
        assert_says(&read_numbers(&results, EN), &[
            "map_async on 2 workers was the fastest pool run",
            "apply on 2 workers: 3× (2.8–3.3) slower than serial: the same run with empty tasks took 25 ms",
            "apply waits for each task before sending the next, so on 2 workers it took 30 ms against serial's 10 ms.",
            "1 run (map_async on 2 workers) is at the clock's limit, a median under 100 steps of its resolution of 5 µs: try a larger n.",
            "The page was hidden during 1 run, marked in the table",
        ]);
        assert_says(&read_numbers(&results, ZH), &[
            "map_async（2 个线程）是最快的并行运行",
            "apply（2 个线程）比串行慢，耗时是串行的 3 倍（2.8–3.3）：同样的运行换成什么都不做的空任务也要 25 ms，",
            "apply 要等上一个任务做完才发出下一个，所以用 2 个线程也花了 30 ms，串行则是 10 ms。",
            "map_async（2 个线程）碰到了时钟精度的极限：中位数还不到 100 个时钟刻度（每个刻度 5 µs），请加大任务数。",
            "有 1 组运行期间页面处于隐藏状态（已在表中标出）",
        ]);
    }

    #[test]
    fn several_slower_runs_and_outliers_are_counted() {
        let results = doc(vec![
            run(PoolMode::Serial, 1, &SERIAL),
            run(
                PoolMode::Apply,
                2,
                &[30.0, 31.0, 29.0, 30.0, 30.5, 29.5, 30.0],
            ),
            run(
                PoolMode::ApplyAsync,
                2,
                &[20.0, 21.0, 19.0, 20.0, 20.5, 19.5, 200.0],
            ),
        ]);
        assert_says(&read_numbers(&results, EN), &[
            "apply on 2 workers and 1 other pool run: 3× (2.8–3.3) slower than serial.",
            "1 repeat was an outlier (modified z-score above 3.5), kept in the figures and marked.",
        ]);
        assert_says(&read_numbers(&results, ZH), &[
            "apply（2 个线程）比串行慢，耗时是串行的 3 倍（2.8–3.3）；另有 1 组并行运行也比串行慢。",
            "有 1 次重复是离群值（修正 z 分数大于 3.5），仍计入统计，并已标出。",
        ]);
    }

    #[test]
    fn times_of_zero_at_the_clocks_limit_read_as_open_ends() {
        let results = doc(vec![
            run(
                PoolMode::Serial,
                1,
                &[0.0, 0.0, 0.005, 0.005, 0.005, 0.01, 0.01],
            ),
            run(
                PoolMode::Map,
                2,
                &[0.04, 0.045, 0.045, 0.05, 0.05, 0.05, 0.055],
            ),
        ]);
        // 0.005 / 0.05 -> 10× slower; bounds 0.04 / 0.01 = 4 .. 0.055 / 0 = unbounded.
        let text = read_numbers(&results, EN);
        assert_says(
            &text,
            &[
                "map on 2 workers: 10× (4–∞) slower than serial",
                "2 runs (serial, …) are at the clock's limit",
            ],
        );
        assert!(!text.contains("NaN") && !text.contains("inf"), "{text}");
        let text = read_numbers(&results, ZH);
        assert_says(
            &text,
            &[
                "耗时是串行的 10 倍（4–∞）",
                "串行等 2 组运行碰到了时钟精度的极限",
            ],
        );
    }

    #[test]
    fn too_few_repeats_claim_nothing() {
        let results = doc(vec![
            run(PoolMode::Serial, 1, &[10.0, 10.0, 10.0]),
            run(PoolMode::Map, 2, &[5.0, 5.0, 5.0]),
        ]);
        let text = read_numbers(&results, EN);
        assert!(!text.contains("faster than serial"), "{text}");
        assert_says(
            &text,
            &[
                "(median of 3 repeats)",
                "set repeat to 6 or more",
                "per task on average",
            ],
        );
        let text = read_numbers(&results, ZH);
        assert!(!text.contains("比串行快"), "{text}");
        assert_says(&text, &["（3 次重复的中位数）", "重复次数少于 6 次就没有置信区间，任何差别都不能当真：请把重复次数设为 6 次或更多。"]);
    }

    #[test]
    fn the_repost_lab_reads_requests_and_the_browsers_connections() {
        let mut serial = run(PoolMode::Serial, 1, &SERIAL);
        serial.check.pages = Some(10);
        serial.tasks = (0..11)
            .map(|i| task(i, 0.0, 0.0, None))
            .collect::<Vec<_>>()
            .into();
        let mut results = doc(vec![
            serial,
            run(
                PoolMode::ApplyAsync,
                10,
                &[2.0, 2.1, 1.9, 2.0, 2.0, 2.1, 1.9],
            ),
        ]);
        results.experiment = ExperimentKind::Reposts;
        assert_says(
            &read_numbers(&results, EN),
            &[
                "the 11 requests took",
                "apply_async on 10 workers: 5× (4.52–5.37) faster than serial, against an ideal of",
                ": the browser sends at most 6 requests to one host at a time",
            ],
        );
        assert_says(
            &read_numbers(&results, ZH),
            &[
                "串行逐个执行这 11 个请求",
                "apply_async（10 路并发）比串行快：加速比 5×（4.52–5.37），理想值为",
                "：浏览器对同一主机最多同时发出 6 个请求",
            ],
        );
    }

    /// A result where every sentence the reading has is said.
    fn rich_results() -> ResultsDoc {
        let mut cold = on(
            Backend::Threads,
            PoolMode::Map,
            &[5.0, 5.1, 4.9, 5.2, 5.0, 4.7, 50.0],
            1000,
        );
        (
            cold.pool_startup_ms,
            cold.workers_spawned,
            cold.cold_pool_startup_ms,
        ) = (Some(60.0), Some(2), Some(60.0));
        let mut apply = on(
            Backend::Processes,
            PoolMode::Apply,
            &[30.0, 31.0, 29.0, 30.0, 30.5, 29.5, 30.0],
            1000,
        );
        (apply.hidden, apply.dispatch_ms) = (true, Some(25.0));
        doc(vec![
            run(PoolMode::Serial, 1, &SERIAL),
            cold,
            on(Backend::Processes, PoolMode::Map, &[7.0; 7], 1000),
            on(
                Backend::Threads,
                PoolMode::Apply,
                &[20.0, 21.0, 19.0, 20.0, 20.5, 19.5, 20.0],
                1000,
            ),
            apply,
            on(
                Backend::Threads,
                PoolMode::ApplyAsync,
                &[9.0, 11.0, 10.0, 10.5, 9.5, 10.0, 10.0],
                1000,
            ),
            on(Backend::Threads, PoolMode::MapAsync, &[0.3, 0.3], 1000),
        ])
    }

    /// Chinese prose keeps only code and units in Latin letters: mode
    /// names, `ms`/`µs`/`s`/`min`, and the modified z-score's `z`.
    #[test]
    fn the_chinese_reading_is_chinese() {
        let results = rich_results();
        let english = read_numbers(&results, EN);
        assert!(
            english.contains("Processes paid")
                && english.contains("slower than serial")
                && english.contains("outlier"),
            "{english}"
        );
        let text = read_numbers(&results, ZH);
        for sentence in [
            "比串行快",
            "比串行慢",
            "没有可测出的差别",
            "apply 要等",
            "启动 2 个线程的池",
            "进程平均每个任务",
            "时钟精度",
            "页面处于隐藏",
            "离群值",
            "重复次数少于",
        ] {
            assert!(text.contains(sentence), "missing {sentence:?} in:\n{text}");
        }
        let allowed: Vec<&str> = PoolMode::ALL
            .iter()
            .map(|m| m.name())
            .chain(["ms", "s", "min", "z"])
            .collect();
        let words = text
            .split(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
            .filter(|w| !w.is_empty());
        for word in words {
            assert!(
                allowed.contains(&word),
                "{word:?} in the Chinese reading:\n{text}"
            );
        }
        assert!(
            !text.contains(". ") && !text.contains(", "),
            "English punctuation in:\n{text}"
        );
    }
}
