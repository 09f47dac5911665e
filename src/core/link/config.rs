//! What a link can say: the experiment's configuration (`PageConfig`) and
//! its defaults per experiment. The link's text is read and written by
//! `codec.rs`, following the field schema in `fields.rs`.

use std::ops::RangeInclusive;

use serde::{Deserialize, Serialize};

use crate::core::pool::modes::{Backend, PoolMode};
use crate::core::run::repeats::Repeat;

/// Pool threads (each a web worker) for the factorial lab.
pub const WORKER_LIMITS: RangeInclusive<u64> = 1..=64;
/// The version of the links this page writes (`v=`). A link without `v` is
/// version 1. Changing what a link that leaves a field out means (a default)
/// needs a new version, so that older links keep opening what they meant:
/// see `PageConfig::defaults_of_version` and the README's table of versions.
pub const LINK_VERSION: u64 = 2;
/// The versions this page reads.
pub const LINK_VERSIONS: RangeInclusive<u64> = 1..=LINK_VERSION;

/// Factorial lab, version-1 links: enough repeats for an interval of the
/// median (six is the fewest, see `stats::ci95_rank`). Version 2 repeats
/// `auto` (`core::run::repeats`). The repost lab keeps 1: its repeats cost
/// seconds of network waiting each.
pub const DEFAULT_REPEAT: u32 = 7;
/// Any non-empty token works with our mock API.
pub const DEFAULT_TOKEN: &str = "playground";
/// The tutorial's post.
pub const DEFAULT_MID: u64 = 3_664_072_912_104_801;

/// The page's colours: `Auto` follows the system's (`prefers-color-scheme`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    Auto,
}

/// How much of the page shows: everything, or (for a tutorial's paragraph)
/// Run and Cancel, the verdict, one chart and a link to the full page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Full,
    Minimal,
}

/// Names in links, both ways.
macro_rules! named {
    ($type:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $type {
            pub const ALL: &'static [$type] = &[$($type::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $($type::$variant => $name),* }
            }

            /// Any case reads.
            pub fn parse(text: &str) -> Option<$type> {
                $type::ALL.iter().copied().find(|value| value.name().eq_ignore_ascii_case(text.trim()))
            }
        }
    };
}
named!(Theme { Light => "light", Dark => "dark", Auto => "auto" });
named!(View { Full => "full", Minimal => "minimal" });

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExperimentKind {
    Factorial,
    Reposts,
}

impl ExperimentKind {
    pub fn name(self) -> &'static str {
        match self {
            ExperimentKind::Factorial => "factorial",
            ExperimentKind::Reposts => "reposts",
        }
    }
}

/// Everything a link can say.
#[derive(Clone, Debug, PartialEq)]
pub struct PageConfig {
    pub experiment: ExperimentKind,
    pub modes: Vec<PoolMode>,
    pub workers: Vec<usize>,
    pub repeat: Repeat,
    /// Factorial lab: tasks are `factorial(k)` for k in 1..=n, for each n
    /// of the list (a sweep of task sizes), ascending.
    pub n: Vec<u64>,
    /// `map` chunk size; `None` means Python's default.
    pub chunk: Option<usize>,
    /// Factorial lab: the pools to run on; `None` means what the page can
    /// do best (threads where it has shared memory, else processes).
    pub backends: Option<Vec<Backend>>,
    /// Repost lab.
    pub pages: u64,
    pub count: u64,
    pub latency_ms: u64,
    pub jitter_ms: u64,
    pub mid: u64,
    /// Another compatible API server (http or https only); `None` is ours.
    pub api: Option<String>,
    pub token: String,
    pub retries: u32,
    /// Run as soon as the page opens.
    pub run: bool,
    /// Compact view for an iframe.
    pub embed: bool,
    /// The page's language; `None` follows the browser's.
    pub lang: Option<crate::core::i18n::Lang>,
    /// The page's colours; `None` follows the system's.
    pub theme: Option<Theme>,
    /// How much shows; `None`: everything, folded settings in an iframe.
    pub view: Option<View>,
}

impl PageConfig {
    /// The factorial lab's defaults (the page's default experiment).
    pub fn defaults(hardware_concurrency: usize) -> Self {
        Self::defaults_for(ExperimentKind::Factorial, hardware_concurrency)
    }

    /// The defaults of the links this page writes (`LINK_VERSION`).
    pub fn defaults_for(experiment: ExperimentKind, hardware_concurrency: usize) -> Self {
        Self::defaults_of_version(LINK_VERSION, experiment, hardware_concurrency)
    }

    /// What a link of `version` means where it leaves a field out. Version 2
    /// repeats the factorial lab's runs `auto` where version 1 repeated them
    /// 7 times (the links the page wrote always carry `repeat`). A change of
    /// a default adds a version and an arm here, and the README's table of
    /// versions says it.
    ///
    /// Per experiment: the repost lab starts from the tutorial's table
    /// (serial, apply, apply_async on pools of 1, 4 and 10), once each,
    /// because every repeat costs seconds of network waiting.
    pub fn defaults_of_version(
        version: u64,
        experiment: ExperimentKind,
        hardware_concurrency: usize,
    ) -> Self {
        debug_assert!(LINK_VERSIONS.contains(&version), "version {version}");
        let (modes, workers, repeat) = match experiment {
            ExperimentKind::Factorial => (
                PoolMode::ALL.to_vec(),
                default_workers(hardware_concurrency),
                if version == 1 {
                    Repeat::Count(DEFAULT_REPEAT)
                } else {
                    Repeat::Auto
                },
            ),
            ExperimentKind::Reposts => (
                vec![PoolMode::Serial, PoolMode::Apply, PoolMode::ApplyAsync],
                vec![1, 4, 10],
                Repeat::Count(1),
            ),
        };
        PageConfig {
            experiment,
            modes,
            workers,
            repeat,
            n: vec![100],
            chunk: None,
            backends: None,
            pages: 10,
            count: 200,
            latency_ms: 800,
            jitter_ms: 0,
            mid: DEFAULT_MID,
            api: None,
            token: DEFAULT_TOKEN.to_string(),
            retries: 0,
            run: false,
            embed: false,
            lang: None,
            theme: None,
            view: None,
        }
    }

    /// The largest n (the one a single-n view shows).
    pub fn largest_n(&self) -> u64 {
        self.n.iter().copied().max().unwrap_or(1)
    }

    /// The (mode, workers) runs this configuration asks for, in the order
    /// they are measured: serial once, then each pool mode per worker count.
    pub fn planned_runs(&self) -> Vec<(PoolMode, usize)> {
        let serial = self
            .modes
            .contains(&PoolMode::Serial)
            .then_some((PoolMode::Serial, 1));
        let pooled = self.workers.iter().flat_map(|&workers| {
            self.modes
                .iter()
                .filter(|m| m.uses_pool())
                .map(move |&mode| (mode, workers))
        });
        serial.into_iter().chain(pooled).collect()
    }
}

/// `1, 2, 4` and the machine's core count, deduplicated, ascending.
pub fn default_workers(hardware_concurrency: usize) -> Vec<usize> {
    let mut workers = vec![
        1,
        2,
        4,
        hardware_concurrency.clamp(1, *WORKER_LIMITS.end() as usize),
    ];
    workers.sort_unstable();
    workers.dedup();
    workers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_workers_include_core_count() {
        assert_eq!(default_workers(2), vec![1, 2, 4]);
        assert_eq!(default_workers(8), vec![1, 2, 4, 8]);
        assert_eq!(default_workers(3), vec![1, 2, 3, 4]);
    }
}
