//! The tutorial's experiments as named links, each with the time the
//! tutorial reported (SEED.md), to set beside what this machine measures.

use crate::core::pool_modes::PoolMode;
use crate::core::page_config::ExperimentKind;
use crate::core::results::ResultsDoc;

/// Which measured number compares with the tutorial's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Compare {
    /// The best time of the run with this mode and worker count. The tutorial
    /// created its pool inside each timing, so pool start-up is added.
    Run(PoolMode, usize),
    /// The duration of one task with this input in the serial trace.
    SerialTask(u64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
    pub name: &'static str,
    pub query: &'static str,
    pub tutorial_ms: f64,
    pub compare: Compare,
}

// Shared link prefixes (macros, because `concat!` takes only literals).
macro_rules! factorials {
    () => {
        "exp=factorial&n=100&repeat=3"
    };
}
macro_rules! reposts {
    () => {
        "exp=reposts&pages=10&count=200&latency=828&repeat=1"
    };
}

macro_rules! preset {
    ($name:expr, $base:expr, $rest:expr, $ms:expr, $compare:expr) => {
        Preset { name: $name, query: concat!($base, "&", $rest), tutorial_ms: $ms, compare: $compare }
    };
}

pub const PRESETS: &[Preset] = &[
    preset!("one factorial(100)", factorials!(), "modes=serial", 0.0291, Compare::SerialTask(100)),
    preset!("serial loop over 1..100", factorials!(), "modes=serial", 0.594, Compare::Run(PoolMode::Serial, 1)),
    preset!("apply_async, default pool (4)", factorials!(), "modes=apply_async&workers=4", 156.0, Compare::Run(PoolMode::ApplyAsync, 4)),
    preset!("apply_async, pool of 50", factorials!(), "modes=apply_async&workers=50", 165.0, Compare::Run(PoolMode::ApplyAsync, 50)),
    preset!("apply_async, pool of 1", factorials!(), "modes=apply_async&workers=1", 152.0, Compare::Run(PoolMode::ApplyAsync, 1)),
    preset!("map_async, default pool (4)", factorials!(), "modes=map_async&workers=4", 144.0, Compare::Run(PoolMode::MapAsync, 4)),
    preset!("apply, default pool (4)", factorials!(), "modes=apply&workers=4", 130.0, Compare::Run(PoolMode::Apply, 4)),
    preset!("map, default pool (4)", factorials!(), "modes=map&workers=4", 166.0, Compare::Run(PoolMode::Map, 4)),
    preset!("one page of 200 reposts", "exp=reposts&pages=1&count=200&latency=828&repeat=1", "modes=serial", 828.0, Compare::SerialTask(1)),
    preset!("10 pages, serial", reposts!(), "modes=serial", 10_200.0, Compare::Run(PoolMode::Serial, 1)),
    preset!("10 pages, apply_async, default pool (4)", reposts!(), "modes=apply_async&workers=4", 7_640.0, Compare::Run(PoolMode::ApplyAsync, 4)),
    preset!("10 pages, apply_async, pool of 10", reposts!(), "modes=apply_async&workers=10", 7_640.0, Compare::Run(PoolMode::ApplyAsync, 10)),
    preset!("10 pages, apply_async, pool of 1", reposts!(), "modes=apply_async&workers=1", 10_300.0, Compare::Run(PoolMode::ApplyAsync, 1)),
    preset!("10 pages, apply_async, pool of 100", reposts!(), "modes=apply_async&workers=100", 8_240.0, Compare::Run(PoolMode::ApplyAsync, 100)),
    preset!("10 pages, apply, default pool (4)", reposts!(), "modes=apply&workers=4", 9_040.0, Compare::Run(PoolMode::Apply, 4)),
    preset!("10 pages, apply, pool of 10", reposts!(), "modes=apply&workers=10", 9_870.0, Compare::Run(PoolMode::Apply, 10)),
    preset!("10 pages, apply, pool of 1", reposts!(), "modes=apply&workers=1", 9_710.0, Compare::Run(PoolMode::Apply, 1)),
];

impl Preset {
    pub fn experiment(&self) -> ExperimentKind {
        if self.query.starts_with("exp=reposts") { ExperimentKind::Reposts } else { ExperimentKind::Factorial }
    }

    /// This machine's figure for the preset, if the results hold it:
    /// (as the tutorial timed it, the run alone).
    pub fn measured_ms(&self, results: &ResultsDoc) -> Option<(f64, f64)> {
        if results.experiment != self.experiment() {
            return None;
        }
        match self.compare {
            Compare::Run(mode, workers) => {
                let run = results.runs.iter().find(|r| r.mode == mode && (r.workers == workers || !mode.uses_pool()))?;
                Some((run.best_ms + run.pool_startup_ms.unwrap_or(0.0), run.best_ms))
            }
            Compare::SerialTask(input) => {
                let run = results.runs.iter().find(|r| r.mode == PoolMode::Serial)?;
                let task = run.tasks.iter().find(|t| t.input == input)?;
                let duration = task.end_ms - task.start_ms;
                Some((duration, duration))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::link::parse_query;

    #[test]
    fn every_preset_is_a_valid_link() {
        for preset in PRESETS {
            let parsed = parse_query(preset.query, 2);
            assert!(parsed.errors.is_empty(), "{}: {:?}", preset.name, parsed.errors);
            assert!(parsed.notices.is_empty(), "{}: {:?}", preset.name, parsed.notices);
            assert_eq!(parsed.config.experiment, preset.experiment());
        }
        // Both tables of SEED.md, every row.
        assert_eq!(PRESETS.len(), 8 + 9);
    }
}
