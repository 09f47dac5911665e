//! The results JSON: a public contract (schema 1, documented in the README),
//! published by the page in `<script type="application/json" id="results-json">`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::core::pool_modes::{PoolMode, TaskTrace};
use crate::core::stats;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultsDoc {
    pub schema: u32,
    pub experiment: String,
    /// True once every requested run has finished.
    pub complete: bool,
    /// Every parameter of the experiment, as parsed from the link.
    pub config: serde_json::Value,
    pub environment: Environment,
    pub runs: Vec<RunRecord>,
    /// Problems met while running (a check mismatch, a failed page...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Environment {
    pub hardware_concurrency: u32,
    pub cross_origin_isolated: bool,
    pub user_agent: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub mode: PoolMode,
    pub workers: usize,
    /// One per repeat, warm-up excluded.
    pub times_ms: Vec<f64>,
    pub best_ms: f64,
    pub median_ms: f64,
    /// The trace of the last repeat; shared, since the page's views and
    /// every state update hold the same (possibly 100000-task) trace.
    pub tasks: Arc<[TaskRecord]>,
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
}

impl RunRecord {
    pub fn new(mode: PoolMode, workers: usize, times_ms: Vec<f64>, tasks: Vec<TaskRecord>, check: Check) -> Self {
        RunRecord {
            mode,
            workers,
            best_ms: stats::best(&times_ms),
            median_ms: stats::median(&times_ms),
            times_ms,
            tasks: tasks.into(),
            check,
            pool_startup_ms: None,
            workers_spawned: None,
            cold_pool_startup_ms: None,
            warmup_ms: None,
            dispatch_ms: None,
        }
    }
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
    fn from(trace: TaskTrace) -> Self {
        TaskRecord {
            input: trace.input,
            worker: trace.worker,
            start_ms: trace.start_ms,
            end_ms: trace.end_ms,
            status: None,
            bytes: None,
            error: None,
            queued_ms: None,
            server_ms: None,
        }
    }
}

/// What every run must agree on.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Factorial lab: sum of the bit lengths of all results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bits: Option<u64>,
    /// Factorial lab: a digest of all results, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digest: Option<String>,
    /// Repost lab: reposts received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reposts: Option<u64>,
    /// Repost lab: pages fetched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u64>,
}
