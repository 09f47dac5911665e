//! What the page and a serial worker say to each other, in the one
//! convention of `web::backends::worker`.

use serde::{Deserialize, Serialize};

use crate::core::results::schema::RunRecord;
use crate::core::run::failure::Failure;
use crate::core::run::repeats::RepeatStop;

/// The page to the worker: one step of a measurement each.
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", content = "body", rename_all = "snake_case")]
pub enum SerialStep {
    /// Starts measuring `factorial(1..=n)`: the warm-up sets the check.
    WarmUp { n: u64 },
    /// One counted pass.
    Repeat,
    /// The pass with empty tasks, then the record.
    Finish { stop: RepeatStop },
}

/// The worker to the page (a step it could not take is `worker::Life::Failed`).
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", content = "body", rename_all = "snake_case")]
pub enum FromSerial {
    /// Alive, mid-step: sent when a step starts and at least once a second
    /// during a pass.
    Beat,
    /// The warm-up is done.
    WarmedUp,
    /// Every counted time so far, after one more pass.
    Times { times_ms: Vec<f64> },
    /// The finished record.
    Record {
        record: Box<RunRecord>,
        errors: Vec<Failure>,
    },
}
