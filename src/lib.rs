//! A browser playground for `multiprocessing.Pool`-style parallelism.
//!
//! `core` is plain Rust, tested natively; `web` is the wasm UI and the
//! web-worker pools; `server` is the native server (static files + mock API).

pub mod core;

#[cfg(not(target_arch = "wasm32"))]
pub mod server;

#[cfg(target_arch = "wasm32")]
pub mod web;
