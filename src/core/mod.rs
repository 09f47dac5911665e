//! Plain Rust that runs and is tested natively: kernels, pool modes, timing
//! statistics, the link (field schema, configuration, codec) and the results schema.

pub mod breakdown;
pub mod breakeven;
pub mod chart_svg;
pub mod clock;
pub mod cost_model;
pub mod engine_protocol;
pub mod estimate;
pub mod export;
pub mod factorial;
pub mod factorial_lab;
pub mod factorial_plan;
pub mod fields;
pub mod i18n;
pub mod link;
pub mod link_preview;
pub mod page_config;
pub mod page_state;
pub mod pool_modes;
pub mod presets;
pub mod process_pool;
pub mod python_code;
pub mod reading;
pub mod repeats;
pub mod results;
pub mod results_text;
pub mod run_event;
pub mod share;
pub mod speedup_chart;
pub mod stats;
pub mod summary;
pub mod timeline;
pub mod weibo;
