//! Which runs of a factorial experiment go where: serial on the caller, each
//! pool run on each backend the link asks for (threads, processes), and what
//! cannot run on this page, said in words. The runs that can happen, happen.

use crate::core::i18n::Lang;
use crate::core::link::config::PageConfig;
use crate::core::pool::modes::{Backend, PoolMode};
use crate::core::run::pool_status::PoolStatus;

/// The backend a link without `backend=` gets: threads where the page has
/// shared memory, else processes (which every page has).
pub fn default_backend(pool: &PoolStatus) -> Backend {
    if pool.threads_off() {
        Backend::Processes
    } else {
        Backend::Threads
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct FactorialPlan {
    pub serial: bool,
    /// (mode, workers) on the shared-memory pool, in order.
    pub on_threads: Vec<(PoolMode, usize)>,
    /// (mode, workers) on the message-passing pool, in order (after threads).
    pub on_processes: Vec<(PoolMode, usize)>,
    /// Runs asked for that this page cannot do, and why.
    pub unavailable: Option<ThreadsNotRun>,
}

/// Pool runs asked for on threads that this page has none for: `why` in
/// the page's language (its pool status), said in that language by the
/// reducer (`i18n::Runs::threads_not_run`).
#[derive(Clone, Debug, PartialEq)]
pub struct ThreadsNotRun {
    pub runs: usize,
    pub why: String,
    /// Whether the link also asked for processes, where they then ran.
    pub on_processes: bool,
}

impl FactorialPlan {
    /// The runs of `config` with the threads engine at `pool`; why threads
    /// do not run is said in `lang`. A starting engine counts as there (the
    /// estimate's view: a factorial run waits for it).
    pub fn new(config: &PageConfig, pool: &PoolStatus, lang: Lang) -> Self {
        let backends = config
            .backends
            .clone()
            .unwrap_or_else(|| vec![default_backend(pool)]);
        let pool_runs: Vec<(PoolMode, usize)> = config
            .planned_runs()
            .into_iter()
            .filter(|(mode, _)| mode.uses_pool())
            .collect();
        let wants = |backend| backends.contains(&backend) && !pool_runs.is_empty();
        let (on_threads, unavailable) = match pool.reason(lang) {
            _ if !wants(Backend::Threads) => (Vec::new(), None),
            None => (pool_runs.clone(), None),
            Some(why) => (
                Vec::new(),
                Some(ThreadsNotRun {
                    runs: pool_runs.len(),
                    why,
                    on_processes: wants(Backend::Processes),
                }),
            ),
        };
        FactorialPlan {
            serial: config.modes.contains(&PoolMode::Serial),
            on_threads,
            on_processes: if wants(Backend::Processes) {
                pool_runs
            } else {
                Vec::new()
            },
            unavailable,
        }
    }

    /// Every run that will be measured.
    pub fn total(&self) -> usize {
        usize::from(self.serial) + self.on_threads.len() + self.on_processes.len()
    }

    /// What the threads engine's driver measures: serial (its driver is the
    /// caller, off the page's thread) and the threads runs.
    pub fn driver_plan(&self) -> Vec<(PoolMode, usize)> {
        self.serial
            .then_some((PoolMode::Serial, 1))
            .into_iter()
            .chain(self.on_threads.iter().copied())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::link::codec::parse_query;

    fn plan(query: &str, pool: PoolStatus) -> FactorialPlan {
        FactorialPlan::new(&parse_query(query, 2).config, &pool, Lang::En)
    }

    fn off(why: &str) -> PoolStatus {
        PoolStatus::Unavailable(why.to_string())
    }

    #[test]
    fn without_backend_the_page_decides() {
        let isolated = plan("modes=serial,map&workers=2", PoolStatus::Ready);
        assert_eq!(
            (isolated.on_threads.len(), isolated.on_processes.len()),
            (1, 0)
        );
        let plain = plan("modes=serial,map&workers=2", off("no shared memory"));
        assert_eq!(
            (
                plain.on_threads.len(),
                plain.on_processes.len(),
                plain.unavailable.as_ref()
            ),
            (0, 1, None)
        );
        assert_eq!(plain.total(), 2);
    }

    #[test]
    fn both_backends_run_every_pool_run_threads_first() {
        let both = plan(
            "modes=serial,map,apply&workers=1,2&backend=threads,processes",
            PoolStatus::Ready,
        );
        let expected = vec![
            (PoolMode::Apply, 1),
            (PoolMode::Map, 1),
            (PoolMode::Apply, 2),
            (PoolMode::Map, 2),
        ];
        assert_eq!(both.on_threads, expected);
        assert_eq!(both.on_processes, expected);
        assert_eq!(both.total(), 9);
        assert_eq!(both.driver_plan()[0], (PoolMode::Serial, 1));
    }

    #[test]
    fn threads_missing_is_said_and_the_rest_still_runs() {
        let only_threads = plan(
            "modes=serial,map&workers=2,4&backend=threads",
            off("this page has no shared memory"),
        );
        assert_eq!(
            (only_threads.serial, only_threads.total()),
            (true, 1),
            "serial still runs"
        );
        assert_eq!(
            only_threads.unavailable,
            Some(ThreadsNotRun {
                runs: 2,
                why: "this page has no shared memory".into(),
                on_processes: false
            })
        );
        let both = plan(
            "modes=map&workers=2&backend=threads,processes",
            off("no shared memory"),
        );
        assert_eq!(both.on_processes.len(), 1);
        assert!(
            both.unavailable.unwrap().on_processes,
            "they ran on processes"
        );
    }

    #[test]
    fn serial_alone_needs_no_backend() {
        let serial = plan("modes=serial&backend=threads", off("no shared memory"));
        assert_eq!((serial.total(), serial.unavailable), (1, None));
    }
}
