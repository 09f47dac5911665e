//! The browser side: the engine (driver and web-worker pools) and the yew UI.

pub mod app;
pub mod bench_hooks;
pub mod browser;
pub mod charts;
pub mod clock_probe;
pub mod controls;
pub mod embed;
#[cfg(feature = "threads")]
pub mod engine;
pub mod environment;
pub mod factorial_runner;
pub mod i18n;
pub mod processes;
pub mod repost_client;
pub mod repost_runner;
pub mod results_json;
pub mod results_view;
pub mod serial_worker;
pub mod share_panel;
pub mod state;
