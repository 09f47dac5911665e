//! What a run of experiments produced: the results document (`schema`,
//! and what every run must agree on, `check`),
//! its statistics (`stats`), the table's rows (`summary`), the lesson's
//! figures (`breakdown`, `breakeven`, `cost_model`) and the files it is
//! exported as (`export`, `text`).

pub mod breakdown;
pub mod breakeven;
pub mod check;
pub mod cost_model;
pub mod export;
pub mod schema;
pub mod stats;
pub mod summary;
pub mod text;
