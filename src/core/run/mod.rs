//! How an experiment is run: which runs go where (`factorial_plan`), how
//! each is measured and repeated (`factorial_lab`, `repeats`), what it will
//! cost (`estimate`), whether threads can run here (`pool_status`), the
//! events and messages of a run (`run_name`, `event`, `engine_protocol`,
//! and every worker's `worker_life`), and what went wrong, typed
//! (`failure`).

pub mod engine_protocol;
pub mod estimate;
pub mod event;
pub mod factorial_lab;
pub mod factorial_plan;
pub mod failure;
pub mod pool_status;
pub mod repeats;
pub mod run_name;
pub mod worker_life;
