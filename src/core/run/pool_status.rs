//! Whether this page can run pools of threads: the one answer the page's
//! state, the plan, the estimate and the controls read.

use crate::core::i18n::Lang;

/// The threads engine (shared memory), as far as the page knows.
#[derive(Clone, Debug, PartialEq)]
pub enum PoolStatus {
    Starting,
    Ready,
    /// The build without shared memory: there are no threads to start.
    NoSharedMemory,
    /// The engine failed, and why.
    Unavailable(String),
}

impl PoolStatus {
    /// Pools of threads cannot run on this page. (While the engine starts
    /// they are expected: a factorial run waits for it, `PageState::can_run`.)
    pub fn threads_off(&self) -> bool {
        matches!(
            self,
            PoolStatus::NoSharedMemory | PoolStatus::Unavailable(_)
        )
    }

    /// Why pools of threads cannot run, in `lang`.
    pub fn reason(&self, lang: Lang) -> Option<String> {
        match self {
            PoolStatus::NoSharedMemory => Some(lang.text().page.no_shared_memory.to_string()),
            PoolStatus::Unavailable(reason) => Some(reason.clone()),
            PoolStatus::Starting | PoolStatus::Ready => None,
        }
    }
}
