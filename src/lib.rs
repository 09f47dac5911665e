//! A browser playground for `multiprocessing.Pool`-style parallelism.
//!
//! `core` is plain Rust, tested natively; `web` is the wasm UI and the
//! web-worker pools; `server` is the native server (static files + mock API).

pub mod core;
pub mod shard_alloc;

/// In wasm the default allocator serialises every thread on one lock.
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: shard_alloc::ShardedAlloc = shard_alloc::ShardedAlloc::new();

#[cfg(not(target_arch = "wasm32"))]
pub mod server;

#[cfg(target_arch = "wasm32")]
pub mod web;
