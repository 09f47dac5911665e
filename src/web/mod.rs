//! The browser side, by job: the three backends that run experiments
//! (`backends`), the yew UI (`components`), the runs from Run to results
//! (`runners`), the browser's facilities (`platform`) and the page's state
//! as yew's reducer (`state`).

pub mod backends;
pub mod components;
pub mod platform;
pub mod runners;
pub mod state;
