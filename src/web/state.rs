//! The page's state for yew: `core::page_state` (the state and its
//! reducer, plain Rust) as a `Reducible`, and what stops a run in the browser.

use std::rc::Rc;

use yew::Reducible;

pub use crate::core::page_state::{
    Action, Form, PageState, PoolStatus, Progress, RunId, Visibility,
};
use crate::core::pool::modes::CancelFlag;
pub use crate::core::run::event::{FinishedRun, RunEvent};

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        if state.apply(action) {
            Rc::new(state)
        } else {
            self
        }
    }
}

/// What run `run`'s event becomes: the page's visibility is read as it arrives.
pub fn run_action(run: RunId, event: RunEvent) -> Action {
    Action::Run(
        run,
        event,
        crate::web::platform::clock_probe::visibility_now(),
    )
}

/// Stops a run: the flag for pool tasks, the abort signal for fetches.
#[derive(Clone)]
pub struct Canceller {
    pub run: RunId,
    pub flag: CancelFlag,
    pub abort: web_sys::AbortController,
}

impl Canceller {
    pub fn new(run: RunId) -> Self {
        Canceller {
            run,
            flag: CancelFlag::default(),
            abort: web_sys::AbortController::new().expect("AbortController"),
        }
    }

    pub fn cancel(&self) {
        self.flag.cancel();
        self.abort.abort();
    }
}

/// A run measured and serialised by the engine's driver worker, handed
/// over in the shared memory: nothing is parsed on the page.
///
/// # Safety
/// `address` came from `engine::driver::share_run` and is taken once.
#[cfg(feature = "threads")]
pub unsafe fn finished_run_from_shared(address: usize) -> FinishedRun {
    let (record, json) =
        *Box::from_raw(address as *mut (crate::core::results::schema::RunRecord, String));
    FinishedRun {
        record,
        json: json.into(),
    }
}
