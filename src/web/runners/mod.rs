//! A run from Run to results, per experiment: factorials on the backends
//! their plan names (`factorial`), and the repost lab's pages fetched
//! serially and concurrently (`reposts`, over `repost_client`); the page's
//! hook that starts, reports and cancels them (`orchestration`).

pub mod factorial;
pub mod orchestration;
pub mod repost_client;
pub mod reposts;
