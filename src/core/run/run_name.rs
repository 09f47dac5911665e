//! A run's name: its mode, backend and worker count, said in the page's
//! language only when shown.

use serde::{Deserialize, Serialize};

use crate::core::i18n::Lang;
use crate::core::pool::modes::{run_label, Backend, PoolMode};

/// Which run: named in the page's language when it is shown (the page may
/// switch language while it goes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunName {
    pub mode: PoolMode,
    /// `None` for serial and the repost lab's lanes.
    pub backend: Option<Backend>,
    pub workers: usize,
}

impl RunName {
    pub fn new(mode: PoolMode, backend: Option<Backend>, workers: usize) -> Self {
        RunName {
            mode,
            backend,
            workers,
        }
    }

    pub fn label(&self, lang: Lang) -> String {
        run_label(lang, self.mode, self.backend, self.workers)
    }
}
