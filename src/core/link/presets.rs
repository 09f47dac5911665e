//! The tutorial's experiments as links, each with the time the tutorial
//! reported (SEED.md), to set beside what this machine measures. A row's
//! title, in the page's language, follows from what it compares.

use crate::core::i18n::Lang;
use crate::core::link::config::ExperimentKind;
use crate::core::pool::modes::PoolMode;
use crate::core::results::schema::ResultsDoc;

/// Which measured number compares with the tutorial's.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Compare {
    /// The best time of the run with this mode and worker count. The tutorial
    /// created its pool inside each timing, so pool start-up is added.
    Run(PoolMode, usize),
    /// The duration of one task with this input in the serial trace.
    SerialTask(u64),
}

/// Where a pool starts to pay: the task sizes swept from the tutorial's
/// n = 100 down and up by factors of about 3, on both backends, repeated
/// `auto` (version 2's default). Not one of the tutorial's rows, so not in
/// `PRESETS`.
pub const SWEEP_QUERY: &str = "v=2&exp=factorial&n=10,30,100,300,1000,3000&modes=serial,apply_async,map&workers=2&backend=threads,processes";

/// `Pool()` on the tutorial's laptop: `cpu_count()` workers.
const TUTORIAL_DEFAULT_POOL: usize = 4;

#[derive(Clone, Debug, PartialEq)]
pub struct Preset {
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
    ($base:expr, $rest:expr, $ms:expr, $compare:expr) => {
        Preset {
            query: concat!($base, "&", $rest),
            tutorial_ms: $ms,
            compare: $compare,
        }
    };
}

/// SEED.md's two tables, row by row (each row's title: `Preset::title`).
pub const PRESETS: &[Preset] = &[
    preset!(
        factorials!(),
        "modes=serial",
        0.0291,
        Compare::SerialTask(100)
    ),
    preset!(
        factorials!(),
        "modes=serial",
        0.594,
        Compare::Run(PoolMode::Serial, 1)
    ),
    preset!(
        factorials!(),
        "modes=apply_async&workers=4",
        156.0,
        Compare::Run(PoolMode::ApplyAsync, 4)
    ),
    preset!(
        factorials!(),
        "modes=apply_async&workers=50",
        165.0,
        Compare::Run(PoolMode::ApplyAsync, 50)
    ),
    preset!(
        factorials!(),
        "modes=apply_async&workers=1",
        152.0,
        Compare::Run(PoolMode::ApplyAsync, 1)
    ),
    preset!(
        factorials!(),
        "modes=map_async&workers=4",
        144.0,
        Compare::Run(PoolMode::MapAsync, 4)
    ),
    preset!(
        factorials!(),
        "modes=apply&workers=4",
        130.0,
        Compare::Run(PoolMode::Apply, 4)
    ),
    preset!(
        factorials!(),
        "modes=map&workers=4",
        166.0,
        Compare::Run(PoolMode::Map, 4)
    ),
    preset!(
        "exp=reposts&pages=1&count=200&latency=828&repeat=1",
        "modes=serial",
        828.0,
        Compare::SerialTask(1)
    ),
    preset!(
        reposts!(),
        "modes=serial",
        10_200.0,
        Compare::Run(PoolMode::Serial, 1)
    ),
    preset!(
        reposts!(),
        "modes=apply_async&workers=4",
        7_640.0,
        Compare::Run(PoolMode::ApplyAsync, 4)
    ),
    preset!(
        reposts!(),
        "modes=apply_async&workers=10",
        7_640.0,
        Compare::Run(PoolMode::ApplyAsync, 10)
    ),
    preset!(
        reposts!(),
        "modes=apply_async&workers=1",
        10_300.0,
        Compare::Run(PoolMode::ApplyAsync, 1)
    ),
    preset!(
        reposts!(),
        "modes=apply_async&workers=100",
        8_240.0,
        Compare::Run(PoolMode::ApplyAsync, 100)
    ),
    preset!(
        reposts!(),
        "modes=apply&workers=4",
        9_040.0,
        Compare::Run(PoolMode::Apply, 4)
    ),
    preset!(
        reposts!(),
        "modes=apply&workers=10",
        9_870.0,
        Compare::Run(PoolMode::Apply, 10)
    ),
    preset!(
        reposts!(),
        "modes=apply&workers=1",
        9_710.0,
        Compare::Run(PoolMode::Apply, 1)
    ),
];

impl Preset {
    /// The row's title in `lang`, as the tutorial named it.
    pub fn title(&self, lang: Lang) -> String {
        let text = &lang.text().share;
        let run = |mode: PoolMode, workers: usize| match mode {
            PoolMode::Serial => text.preset_serial.to_string(),
            _ => (text.preset_pool)(mode.name(), workers, workers == TUTORIAL_DEFAULT_POOL),
        };
        match (self.experiment(), self.compare) {
            (ExperimentKind::Factorial, Compare::SerialTask(_)) => {
                text.preset_one_factorial.to_string()
            }
            (ExperimentKind::Factorial, Compare::Run(PoolMode::Serial, _)) => {
                text.preset_serial_loop.to_string()
            }
            (ExperimentKind::Factorial, Compare::Run(mode, workers)) => run(mode, workers),
            (ExperimentKind::Reposts, Compare::SerialTask(_)) => text.preset_one_page.to_string(),
            (ExperimentKind::Reposts, Compare::Run(mode, workers)) => {
                (text.preset_pages)(&run(mode, workers))
            }
        }
    }

    /// The row's link as the page writes it: read as the version-1 link it
    /// was written as, then written in the current version, in `lang`,
    /// running on open.
    pub fn link_query(&self, lang: Lang) -> String {
        let mut config = crate::core::link::codec::parse_query(self.query, 1).config;
        config.lang = Some(lang);
        config.run = true;
        config.to_query()
    }

    pub fn experiment(&self) -> ExperimentKind {
        if self.query.starts_with("exp=reposts") {
            ExperimentKind::Reposts
        } else {
            ExperimentKind::Factorial
        }
    }

    /// This machine's figure for the preset, if the results hold it:
    /// (as the tutorial timed it, the run alone).
    pub fn measured_ms(&self, results: &ResultsDoc) -> Option<(f64, f64)> {
        if results.experiment != self.experiment() {
            return None;
        }
        match self.compare {
            Compare::Run(mode, workers) => {
                let run = results
                    .runs
                    .iter()
                    .find(|r| r.mode == mode && (r.workers == workers || !mode.uses_pool()))?;
                Some((
                    run.best_ms + run.pool_startup_ms.unwrap_or(0.0),
                    run.best_ms,
                ))
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
    use crate::core::link::codec::parse_query;

    #[test]
    fn every_preset_is_a_valid_link() {
        for preset in PRESETS {
            let parsed = parse_query(preset.query, 2);
            assert!(
                parsed.errors.is_empty(),
                "{}: {:?}",
                preset.query,
                parsed.errors
            );
            assert!(
                parsed.notices.is_empty(),
                "{}: {:?}",
                preset.query,
                parsed.notices
            );
            assert_eq!(parsed.config.experiment, preset.experiment());
        }
        // Written anew, each opens the same experiment, in the version the page writes.
        for preset in PRESETS {
            let written = preset.link_query(Lang::ZhCn);
            assert!(written.starts_with("v=2&"), "{written}");
            let mut reopened = parse_query(&written, 1).config;
            assert_eq!((reopened.lang, reopened.run), (Some(Lang::ZhCn), true));
            (reopened.lang, reopened.run) = (None, false);
            assert_eq!(reopened, parse_query(preset.query, 1).config, "{written}");
        }
        // Both tables of SEED.md, every row.
        assert_eq!(PRESETS.len(), 8 + 9);
    }

    #[test]
    fn the_sweep_preset_is_a_version_2_link_with_auto_repeats() {
        let parsed = parse_query(SWEEP_QUERY, 2);
        assert!(parsed.errors.is_empty() && parsed.notices.is_empty());
        assert_eq!(parsed.config.n, vec![10, 30, 100, 300, 1000, 3000]);
        assert_eq!(
            parsed.config.repeat,
            crate::core::run::repeats::Repeat::Auto
        );
        for lang in Lang::ALL {
            assert!(!lang.text().lesson.sweep_preset.is_empty());
        }
    }

    #[test]
    fn titles_are_the_tutorials_rows_in_both_languages() {
        let english: Vec<String> = PRESETS
            .iter()
            .map(|preset| preset.title(Lang::En))
            .collect();
        assert_eq!(
            english,
            [
                "one factorial(100)",
                "serial loop over 1..100",
                "apply_async, default pool (4)",
                "apply_async, pool of 50",
                "apply_async, pool of 1",
                "map_async, default pool (4)",
                "apply, default pool (4)",
                "map, default pool (4)",
                "one page of 200 reposts",
                "10 pages, serial",
                "10 pages, apply_async, default pool (4)",
                "10 pages, apply_async, pool of 10",
                "10 pages, apply_async, pool of 1",
                "10 pages, apply_async, pool of 100",
                "10 pages, apply, default pool (4)",
                "10 pages, apply, pool of 10",
                "10 pages, apply, pool of 1",
            ]
        );
        let chinese: Vec<String> = PRESETS
            .iter()
            .map(|preset| preset.title(Lang::ZhCn))
            .collect();
        assert_eq!(chinese[6], "apply（阻塞等待），默认进程池（4 个进程）");
        assert_eq!(chinese[9], "10 页，串行");
        assert_eq!(
            chinese[13],
            "10 页，apply_async（异步提交），100 个进程的进程池"
        );
        // Every row its own title.
        let mut unique = chinese.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), PRESETS.len(), "{chinese:?}");
    }
}
