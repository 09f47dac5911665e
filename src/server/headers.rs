//! The response headers that make the page cross-origin isolated.
//!
//! `SharedArrayBuffer`, and so the wasm thread pool, exists only when every
//! response the page loads (HTML, JS, wasm, worker scripts) says so.

use axum::{
    http::{HeaderName, HeaderValue},
    Router,
};
use tower_http::set_header::SetResponseHeaderLayer;

/// The three headers, as (name, value) pairs.
pub fn cross_origin_isolation() -> [(HeaderName, HeaderValue); 3] {
    [
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
        (
            HeaderName::from_static("cross-origin-embedder-policy"),
            HeaderValue::from_static("require-corp"),
        ),
        // Lets an embedding page on another origin (itself isolated) load ours.
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            HeaderValue::from_static("cross-origin"),
        ),
    ]
}

/// Wraps every route and the fallback of `router` so each response carries
/// the isolation headers, replacing any value a handler set.
pub fn with_isolation_headers<S>(router: Router<S>) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    cross_origin_isolation()
        .into_iter()
        .fold(router, |router, (name, value)| {
            router.layer(SetResponseHeaderLayer::overriding(name, value))
        })
}
