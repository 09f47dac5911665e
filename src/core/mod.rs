//! Plain Rust that runs and is tested natively, by feature: the link
//! (`link`), the pools (`pool`), how an experiment is run and measured
//! (`run`), its results and statistics (`results`), what the page draws and
//! says of them (`view`), the kernel (`factorial`), both languages (`i18n`),
//! the page's state (`page_state`) and the mock API's types (`weibo`).

pub mod factorial;
pub mod i18n;
pub mod link;
pub mod page_state;
pub mod pool;
pub mod results;
pub mod run;
pub mod view;
pub mod weibo;
