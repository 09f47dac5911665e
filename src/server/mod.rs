//! The native playground server: serves the built app (Trunk's `dist`
//! folder) with the headers that make the page cross-origin isolated, and is
//! the place the mock API's routes join.
//!
//! This module owns the configuration, the shared state and the shape of the
//! router. Submodules own one job each: [`static_files`] answers file
//! requests, [`headers`] adds the isolation headers, [`listen`] binds the
//! socket and runs the server until shutdown.

pub mod headers;
pub mod listen;
pub mod static_files;

use std::{path::PathBuf, sync::Arc, time::Duration};

use axum::{extract::FromRef, Router};
use tower_http::compression::CompressionLayer;

pub use listen::{bind, check_dist, run, serve, serve_until, shutdown_signal, ServeError};
pub use static_files::StaticFiles;

/// What the server was asked to do (the binary's flags).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerConfig {
    /// Host name or IP address to listen on.
    pub host: String,
    /// TCP port; 0 picks a free one.
    pub port: u16,
    /// The built app: a folder holding `index.html` and its assets.
    pub dist: PathBuf,
    /// Delay the mock API adds to each answer, in milliseconds.
    pub latency_ms: u64,
}

impl ServerConfig {
    /// The mock API's added delay.
    pub fn latency(&self) -> Duration {
        Duration::from_millis(self.latency_ms)
    }
}

/// State shared by every handler. Handlers take the part they need with
/// `State<T>` (each part implements `FromRef<AppState>`).
#[derive(Debug, Clone)]
pub struct AppState {
    pub config: Arc<ServerConfig>,
    pub static_files: StaticFiles,
}

impl AppState {
    pub fn new(config: ServerConfig) -> Self {
        let static_files = StaticFiles::new(&config.dist);
        Self {
            config: Arc::new(config),
            static_files,
        }
    }
}

impl FromRef<AppState> for Arc<ServerConfig> {
    fn from_ref(state: &AppState) -> Self {
        state.config.clone()
    }
}

impl FromRef<AppState> for StaticFiles {
    fn from_ref(state: &AppState) -> Self {
        state.static_files.clone()
    }
}

/// The whole app: API routes first, then the built files for every other
/// path, all under the isolation headers and gzip.
pub fn router(config: ServerConfig) -> Router {
    let app: Router<AppState> = Router::new()
        // mock API routes are merged here, e.g. `.merge(api::routes())` with
        // `api::routes() -> Router<AppState>`. Merging here (not on the
        // returned Router) keeps them under the layers below.
        .fallback(static_files::serve);

    let app = app
        .with_state(AppState::new(config))
        // The default predicate compresses application/wasm and text types;
        // it skips images, tiny bodies and range responses.
        .layer(CompressionLayer::new());

    // Outermost, so 404s, 405s and errors from any layer carry them too.
    headers::with_isolation_headers(app)
}
