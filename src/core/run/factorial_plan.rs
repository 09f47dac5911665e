//! Which runs of a factorial experiment go where: serial on the caller, each
//! pool run on each backend the link asks for (threads, processes), and what
//! cannot run on this page, said in words. The runs that can happen, happen.

use crate::core::link::config::PageConfig;
use crate::core::pool::modes::{Backend, PoolMode};

/// The backend a link without `backend=` gets: threads where the page has
/// shared memory, else processes (which every page has).
pub fn default_backend(threads_available: bool) -> Backend {
    if threads_available {
        Backend::Threads
    } else {
        Backend::Processes
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
    pub unavailable: Option<String>,
}

impl FactorialPlan {
    /// `threads` is `Err(why)` where this page has no shared-memory threads.
    pub fn new(config: &PageConfig, threads: Result<(), &str>) -> Self {
        let backends = config
            .backends
            .clone()
            .unwrap_or_else(|| vec![default_backend(threads.is_ok())]);
        let pool_runs: Vec<(PoolMode, usize)> = config
            .planned_runs()
            .into_iter()
            .filter(|(mode, _)| mode.uses_pool())
            .collect();
        let wants = |backend| backends.contains(&backend) && !pool_runs.is_empty();
        let (on_threads, unavailable) = match threads {
            _ if !wants(Backend::Threads) => (Vec::new(), None),
            Ok(()) => (pool_runs.clone(), None),
            Err(why) => (
                Vec::new(),
                Some(format!(
                    "threads: {} pool run{} not run: {why}{}",
                    pool_runs.len(),
                    if pool_runs.len() == 1 { "" } else { "s" },
                    if wants(Backend::Processes) {
                        "; they ran on processes"
                    } else {
                        "; add backend=processes to run them on processes"
                    }
                )),
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

    fn plan(query: &str, threads: Result<(), &str>) -> FactorialPlan {
        FactorialPlan::new(&parse_query(query, 2).config, threads)
    }

    #[test]
    fn without_backend_the_page_decides() {
        let isolated = plan("modes=serial,map&workers=2", Ok(()));
        assert_eq!(
            (isolated.on_threads.len(), isolated.on_processes.len()),
            (1, 0)
        );
        let plain = plan("modes=serial,map&workers=2", Err("no shared memory"));
        assert_eq!(
            (
                plain.on_threads.len(),
                plain.on_processes.len(),
                plain.unavailable.as_deref()
            ),
            (0, 1, None)
        );
        assert_eq!(plain.total(), 2);
    }

    #[test]
    fn both_backends_run_every_pool_run_threads_first() {
        let both = plan(
            "modes=serial,map,apply&workers=1,2&backend=threads,processes",
            Ok(()),
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
            Err("this page has no shared memory"),
        );
        assert_eq!(
            (only_threads.serial, only_threads.total()),
            (true, 1),
            "serial still runs"
        );
        let message = only_threads.unavailable.unwrap();
        assert!(
            message.contains("2 pool runs not run: this page has no shared memory"),
            "{message}"
        );
        assert!(message.contains("backend=processes"), "{message}");
        let both = plan(
            "modes=map&workers=2&backend=threads,processes",
            Err("no shared memory"),
        );
        assert_eq!(both.on_processes.len(), 1);
        assert!(both.unavailable.unwrap().contains("they ran on processes"));
    }

    #[test]
    fn serial_alone_needs_no_backend() {
        let serial = plan("modes=serial&backend=threads", Err("no shared memory"));
        assert_eq!((serial.total(), serial.unavailable), (1, None));
    }
}
