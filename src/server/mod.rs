//! The native playground server: serves the built app (Trunk's `dist`
//! folder) with the headers that make the page cross-origin isolated, and is
//! the place the mock API's routes join.
//!
//! This module owns the configuration, the shared state and the shape of the
//! router. Submodules own one job each: [`static_files`] answers file
//! requests, [`api`] is the mock Weibo API, [`headers`] adds the isolation
//! headers, [`limits`] holds what a client may cost and checks each request,
//! [`preview`] names a link's experiment for unfurlers and oEmbed,
//! [`listen`] binds the socket and accepts connections until shutdown,
//! [`connection`] serves one under its deadlines.

pub mod api;
pub mod connection;
pub mod headers;
pub mod limits;
pub mod listen;
pub mod preview;
pub mod static_files;

use std::{path::PathBuf, sync::Arc, time::Duration};

use axum::{extract::FromRef, Router};
use tower_http::compression::CompressionLayer;

pub use api::ApiState;
pub use limits::Limits;
pub use listen::{
    bind, check_dist, run, serve, serve_until, serve_with_limits, shutdown_signal, ServeError,
};
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
    /// Delay the mock API adds to each answer, in milliseconds, unless the
    /// request asks for another (`latency_ms`).
    pub latency_ms: u64,
    /// Tokens the mock API accepts; empty accepts any non-empty token.
    pub allow_tokens: Vec<String>,
    /// Most requests per access token the mock API answers at once (the
    /// others wait in line); `None` is no limit.
    pub max_concurrent_per_token: Option<u32>,
    /// Most requests that may wait for one token's slots; more get 429.
    pub max_queued_per_token: usize,
    /// Timeouts, the connection cap and the request target's length.
    pub limits: Limits,
}

impl Default for ServerConfig {
    /// The binary's defaults.
    fn default() -> Self {
        ServerConfig {
            host: "127.0.0.1".into(),
            port: 8080,
            dist: PathBuf::from("dist"),
            latency_ms: 800,
            allow_tokens: Vec::new(),
            max_concurrent_per_token: None,
            max_queued_per_token: api::DEFAULT_MAX_QUEUED,
            limits: Limits::default(),
        }
    }
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
    pub api: ApiState,
}

impl AppState {
    pub fn new(config: ServerConfig) -> Self {
        let static_files = StaticFiles::new(&config.dist);
        let api = ApiState::new(&config);
        Self {
            config: Arc::new(config),
            static_files,
            api,
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
    let max_uri_bytes = config.limits.max_uri_bytes;
    let app: Router<AppState> = Router::new()
        // Merged here (not on the returned Router) to be under the layers below.
        .merge(api::routes())
        .merge(preview::routes())
        .fallback(static_files::serve);

    let app = app
        .with_state(AppState::new(config))
        // The default predicate compresses application/wasm and text types;
        // it skips images, tiny bodies and range responses.
        .layer(CompressionLayer::new());
    let app = limits::with_request_limits(app, max_uri_bytes);

    // Outermost, so 404s, 405s and errors from any layer carry them too.
    headers::with_isolation_headers(app)
}
