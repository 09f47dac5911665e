//! The numbers of the results table, computed once for the page and for
//! every export, so an exported figure always matches the table.

use crate::core::pool_modes::PoolMode;
use crate::core::results::{ResultsDoc, RunRecord};

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    pub mode: PoolMode,
    pub workers: usize,
    pub best_ms: f64,
    pub median_ms: f64,
    /// Serial best ÷ this best; `None` without a serial run.
    pub speedup: Option<f64>,
    /// Speed-up ÷ workers, for pool runs.
    pub efficiency: Option<f64>,
    pub pool_startup_ms: Option<f64>,
    /// The run with empty tasks on the warm pool.
    pub dispatch_ms: Option<f64>,
    pub check: String,
}

pub fn summary_rows(results: &ResultsDoc) -> Vec<SummaryRow> {
    let serial = results.runs.iter().find(|r| r.mode == PoolMode::Serial).map(|r| r.best_ms);
    results
        .runs
        .iter()
        .map(|run| {
            let speedup = serial.map(|s| s / run.best_ms);
            SummaryRow {
                mode: run.mode,
                workers: run.workers,
                best_ms: run.best_ms,
                median_ms: run.median_ms,
                speedup,
                efficiency: speedup.filter(|_| run.mode.uses_pool()).map(|s| s / run.workers as f64),
                pool_startup_ms: run.pool_startup_ms,
                dispatch_ms: run.dispatch_ms,
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

/// HTTP/1.1: browsers open at most this many connections to one host.
pub const BROWSER_CONNECTIONS_PER_HOST: usize = 6;

/// The best a run on `workers` could do, from the serial time: serial ÷ k for
/// factorials; for reposts, the probe plus ceil(pages ÷ lanes) waves of one
/// request each, with lanes capped by the browser's connections per host.
pub fn ideal_ms(results: &ResultsDoc, serial_best: f64, workers: usize) -> f64 {
    let pages = results.runs.iter().find(|r| r.mode == PoolMode::Serial).and_then(|r| r.check.pages);
    match (results.experiment.as_str(), pages) {
        ("reposts", Some(pages)) if pages > 0 => {
            let per_request = serial_best / (pages + 1) as f64;
            let lanes = workers.clamp(1, BROWSER_CONNECTIONS_PER_HOST) as u64;
            per_request * (1 + pages.div_ceil(lanes)) as f64
        }
        _ => serial_best / workers.max(1) as f64,
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

pub fn speedup_text(speedup: Option<f64>) -> String {
    speedup.map(|s| format!("{s:.2}×")).unwrap_or_else(|| "–".into())
}

pub fn efficiency_text(efficiency: Option<f64>) -> String {
    efficiency.map(|e| format!("{:.0}%", 100.0 * e)).unwrap_or_else(|| "–".into())
}

pub fn optional_duration(ms: Option<f64>) -> String {
    ms.map(human_duration).unwrap_or_else(|| "–".into())
}
