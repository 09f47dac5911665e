//! The yew UI: the page (`app`), the form (`controls`), the results and
//! their reading (`results_view`), the charts and timeline (`charts`), and
//! the share, embed and export panel (`share_panel`).

pub mod app;
pub mod charts;
pub mod controls;
pub mod results_view;
pub mod share_panel;
