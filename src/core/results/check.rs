//! What every run of an experiment must agree on: its results' check.

use serde::{Deserialize, Serialize};

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
