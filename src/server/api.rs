//! The mock Weibo API: `GET /2/statuses/repost_timeline.json`, with Weibo's
//! parameters, answers and error codes, plus what the playground needs to
//! reproduce the tutorial's timings: a simulated latency (and jitter), and
//! an optional per-token concurrency limit that makes extra requests wait.
//!
//! Submodules own one job each: [`params`] reads the query, [`data`] makes
//! the (deterministic) reposts, [`throttle`] keeps the per-token lines,
//! [`error`] turns refusals into Weibo's JSON errors, [`openapi`] describes
//! it all at `/openapi.json`.

pub mod data;
pub mod encoding;
pub mod error;
pub mod openapi;
pub mod params;
pub mod throttle;

use std::{collections::HashSet, sync::Arc, time::Duration};

use axum::{
    extract::{FromRef, State},
    http::{header, HeaderMap, HeaderName, HeaderValue, Method},
    response::Response,
    routing::get,
    Router,
};
use tower_http::{
    cors::{Any, CorsLayer},
    set_header::SetResponseHeaderLayer,
};

pub use error::TimelineError;
pub use params::TimelineParams;
pub use throttle::Throttle;

use super::{AppState, ServerConfig};
use crate::core::weibo::{RepostTimeline, REPOST_TIMELINE_PATH};

/// Most requests that may wait for one token's slots before more are
/// refused with 429 (the `--max-queued-per-token` default).
pub const DEFAULT_MAX_QUEUED: usize = 1000;

/// The API's routes, for the app router to merge (under its layers: the
/// isolation headers and gzip). Any origin may call them (CORS `*`, and
/// `Timing-Allow-Origin: *` so its Resource Timing shows the waits), and
/// answers are never cached, so every request pays the simulated latency.
pub fn routes() -> Router<AppState> {
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers(Any)
        .max_age(Duration::from_secs(24 * 3600));
    Router::new()
        .route(REPOST_TIMELINE_PATH, get(repost_timeline))
        .route(openapi::PATH, get(openapi::document))
        .layer(cors)
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("timing-allow-origin"),
            HeaderValue::from_static("*"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}

/// One page of a post's reposts, after the token check, a slot in the
/// token's line (if throttled) and the simulated delay.
async fn repost_timeline(
    State(api): State<ApiState>,
    request_headers: HeaderMap,
    params: TimelineParams,
) -> Result<Response, TimelineError> {
    api.check_token(&params.access_token)?;
    // Held through the delay: a slow answer keeps its slot busy.
    let _slot = api.enter(&params).await?;
    // The page is made (and serialised and compressed) while the simulated
    // latency runs, so the answer starts after the latency, not after the
    // latency plus the making.
    let ready_at = tokio::time::Instant::now() + api.delay(&params);
    let page: RepostTimeline = data::repost_timeline(params.id, params.count, params.page);
    let answer = encoding::json_answer(&page, &request_headers);
    tokio::time::sleep_until(ready_at).await;
    Ok(answer)
}

/// The API's part of the app state.
#[derive(Debug, Clone)]
pub struct ApiState {
    default_latency_ms: u64,
    /// Empty: any non-empty token is accepted.
    allowed_tokens: Arc<HashSet<String>>,
    max_concurrent_per_token: Option<u32>,
    throttle: Arc<Throttle>,
}

impl ApiState {
    pub fn new(config: &ServerConfig) -> Self {
        ApiState {
            default_latency_ms: config.latency_ms,
            allowed_tokens: Arc::new(config.allow_tokens.iter().cloned().collect()),
            max_concurrent_per_token: config.max_concurrent_per_token,
            // Without a server limit, a line has room for the loosest ask.
            throttle: Arc::new(Throttle::new(
                config
                    .max_concurrent_per_token
                    .unwrap_or(params::MAX_CONCURRENT_QUERY),
                config.max_queued_per_token,
            )),
        }
    }

    pub fn check_token(&self, token: &str) -> Result<(), TimelineError> {
        if self.allowed_tokens.is_empty() || self.allowed_tokens.contains(token) {
            Ok(())
        } else {
            Err(TimelineError::TokenNotAllowed)
        }
    }

    /// A place in the token's line, or `None` when neither the server nor
    /// the request sets a limit.
    pub async fn enter(
        &self,
        params: &TimelineParams,
    ) -> Result<Option<throttle::Slot>, TimelineError> {
        if self.max_concurrent_per_token.is_none() && params.max_concurrent.is_none() {
            return Ok(None);
        }
        self.throttle
            .enter(
                &params.access_token,
                params.max_concurrent.unwrap_or(u32::MAX),
            )
            .await
            .map(Some)
            .map_err(|throttle::QueueFull| TimelineError::QueueFull {
                max_queued: self.throttle.max_queued(),
            })
    }

    /// The latency (the request's or the server's) plus a uniformly random
    /// jitter from 0 to `jitter_ms`. Only the timing varies, never the body.
    pub fn delay(&self, params: &TimelineParams) -> Duration {
        let latency = params.latency_ms.unwrap_or(self.default_latency_ms);
        let jitter = match params.jitter_ms {
            0 => 0,
            most => fastrand::u64(0..=most),
        };
        Duration::from_millis(latency + jitter)
    }
}

impl FromRef<AppState> for ApiState {
    fn from_ref(state: &AppState) -> Self {
        state.api.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Sends one request per `max_concurrent` in `asks` at once, each held
    /// for a second of (paused) time; returns the most answered at once.
    async fn peak_in_flight(server_limit: Option<u32>, asks: Vec<Option<u32>>) -> usize {
        let config = ServerConfig {
            max_concurrent_per_token: server_limit,
            ..ServerConfig::default()
        };
        let api = ApiState::new(&config);
        let (now, peak) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let requests: Vec<_> = asks
            .into_iter()
            .map(|asked| {
                let (api, now, peak) = (api.clone(), now.clone(), peak.clone());
                let query = match asked {
                    Some(n) => format!("access_token=t&id=1&max_concurrent={n}"),
                    None => "access_token=t&id=1".to_string(),
                };
                tokio::spawn(async move {
                    let params = TimelineParams::parse(&query).unwrap();
                    let _slot = api.enter(&params).await.unwrap();
                    peak.fetch_max(now.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    now.fetch_sub(1, Ordering::SeqCst);
                })
            })
            .collect();
        for request in requests {
            request.await.unwrap();
        }
        peak.load(Ordering::SeqCst)
    }

    #[tokio::test(start_paused = true)]
    async fn one_token_gets_the_servers_limit_whatever_its_requests_ask() {
        // Ten requests asking each of 1..=10: never more than 10 at once.
        let asks = (1..=10).flat_map(|n| [Some(n); 10]).collect();
        assert_eq!(peak_in_flight(Some(10), asks).await, 10);
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_asking_less_waits_for_the_line_to_shrink() {
        // Five at the server's limit of 10, then one asking for 2: it waits
        // until at most one other is answered, so never more than 5 at once.
        let asks = [vec![None; 5], vec![Some(2)]].concat();
        assert_eq!(peak_in_flight(Some(10), asks).await, 5);
        // Without a server limit a request's own limit still holds.
        assert_eq!(peak_in_flight(None, vec![Some(3); 9]).await, 3);
        // Asking more than the server allows changes nothing.
        assert_eq!(peak_in_flight(Some(2), vec![Some(100); 6]).await, 2);
    }
}
