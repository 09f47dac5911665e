//! One page of the repost timeline, fetched with gloo-net: a timeout on every
//! request, Cancel through an AbortSignal, failures named with their reason,
//! and Resource Timing to split browser queueing from server waiting.

use gloo_net::http::Request;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortSignal, PerformanceResourceTiming};

use crate::core::link::config::PageConfig;
use crate::core::pool::clock::now_ms;
use crate::core::results::schema::TaskRecord;
use crate::core::weibo::{read_page, serves_no_api, PageError, RepostPage, REPOST_TIMELINE_PATH};

#[wasm_bindgen]
extern "C" {
    /// Aborts when any of the signals does (Cancel or this request's timeout).
    #[wasm_bindgen(js_namespace = AbortSignal, js_name = any)]
    fn abort_signal_any(signals: &js_sys::Array) -> AbortSignal;
    #[wasm_bindgen(js_namespace = AbortSignal, js_name = timeout)]
    fn abort_signal_timeout(ms: f64) -> AbortSignal;
}

/// Time allowed beyond the simulated latency before a request counts as hung.
const TIMEOUT_SLACK_MS: u64 = 10_000;

/// Where and how to ask: from the page's configuration.
pub struct ApiTarget {
    pub base: String,
    pub mid: u64,
    pub count: u64,
    pub latency_ms: u64,
    pub jitter_ms: u64,
    pub token: String,
    /// Makes every URL unique, so each request has its own Resource Timing entry.
    pub run_tag: String,
}

impl ApiTarget {
    pub fn new(config: &PageConfig, run_tag: String) -> Self {
        let base = config.api.clone().unwrap_or_else(|| {
            web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default()
        });
        ApiTarget {
            base,
            mid: config.mid,
            count: config.count,
            latency_ms: config.latency_ms,
            jitter_ms: config.jitter_ms,
            token: config.token.clone(),
            run_tag,
        }
    }

    fn url(&self, page: u64, attempt: u32) -> String {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("id", &self.mid.to_string())
            .append_pair("count", &self.count.to_string())
            .append_pair("page", &page.to_string())
            .append_pair("access_token", &self.token)
            .append_pair("latency_ms", &self.latency_ms.to_string())
            .append_pair("jitter_ms", &self.jitter_ms.to_string())
            .append_pair("_req", &format!("{}-{page}-{attempt}", self.run_tag))
            .finish();
        format!("{}{REPOST_TIMELINE_PATH}?{query}", self.base)
    }

    fn timeout_ms(&self) -> u64 {
        self.latency_ms + self.jitter_ms + TIMEOUT_SLACK_MS
    }
}

/// A fetched (or failed) page.
pub struct PageFetch {
    /// Its `error` is left for the runner to say in the page's language.
    pub record: TaskRecord,
    /// The page's answer, or why there is none.
    pub page: Result<RepostPage, PageError>,
    /// The base answered as if no API lived there (see `weibo::serves_no_api`).
    pub no_api: bool,
}

/// Fetches `page` once. `origin` is the run's start on the shared clock.
pub async fn fetch_page(
    target: &ApiTarget,
    page: u64,
    attempt: u32,
    lane: usize,
    origin: f64,
    cancel: &AbortSignal,
) -> PageFetch {
    let url = target.url(page, attempt);
    let signals = js_sys::Array::of2(cancel, &abort_signal_timeout(target.timeout_ms() as f64));
    let signal = abort_signal_any(&signals);
    let start_ms = now_ms() - origin;
    let answer = request_page(&url, &signal).await;
    let end_ms = now_ms() - origin;
    let mut record = TaskRecord {
        input: page,
        worker: lane,
        start_ms,
        end_ms,
        status: None,
        bytes: None,
        error: None,
        queued_ms: None,
        server_ms: None,
    };
    (record.queued_ms, record.server_ms) = resource_timing(&url);
    let no_api = matches!(&answer, Ok((status, body)) if serves_no_api(*status, body));
    let page = match answer {
        Ok((status, body)) => {
            record.status = Some(status);
            record.bytes = Some(body.len() as u64);
            read_page(status, &body)
        }
        Err(_) if cancel.aborted() => Err(PageError::Cancelled),
        Err(_) if signal.aborted() => Err(PageError::TimedOut {
            secs: target.timeout_ms() as f64 / 1000.0,
        }),
        Err(reason) => Err(reason),
    };
    PageFetch {
        record,
        page,
        no_api,
    }
}

async fn request_page(url: &str, signal: &AbortSignal) -> Result<(u16, String), PageError> {
    let response = Request::get(url)
        .abort_signal(Some(signal))
        .send()
        .await
        .map_err(|err| PageError::Network {
            detail: err.to_string(),
        })?;
    let status = response.status();
    let body = response.text().await.map_err(|err| PageError::Unreadable {
        detail: err.to_string(),
    })?;
    Ok((status, body))
}

/// (queued in the browser, waiting on the server) for `url`, if the browser
/// exposes them (cross-origin servers must send Timing-Allow-Origin).
fn resource_timing(url: &str) -> (Option<f64>, Option<f64>) {
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return (None, None);
    };
    // gloo-net may append `&` to the URL, so match the unique URL as a prefix.
    let entries = performance.get_entries_by_type("resource");
    let Some(entry) = entries
        .iter()
        .rev()
        .filter_map(|e| e.dyn_into::<PerformanceResourceTiming>().ok())
        .find(|e| e.name().starts_with(url))
    else {
        return (None, None);
    };
    if entry.request_start() <= 0.0 {
        return (None, None);
    }
    let queued = entry.request_start() - entry.start_time();
    let waiting = entry.response_start() - entry.request_start();
    (Some(queued.max(0.0)), Some(waiting.max(0.0)))
}

/// Room for every request of a run in the Resource Timing buffer (default 250).
pub fn prepare_resource_timing() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        performance.clear_resource_timings();
        performance.set_resource_timing_buffer_size(5000);
    }
}
