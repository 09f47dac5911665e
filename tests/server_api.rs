//! The mock Weibo API, end to end over real sockets: the tutorial's paging
//! flow, parameters and their errors, determinism, CORS and isolation
//! headers, many slow requests at once, the per-token throttle, and a
//! Python port of the tutorial's client.

use std::{
    collections::HashSet,
    net::SocketAddr,
    path::PathBuf,
    process::Command,
    time::{Duration, Instant},
};

use parallel_playground::{
    core::weibo::{error_code, ApiError, RepostTimeline, REPOST_TIMELINE_PATH, SERVED_REPOSTS},
    server::ServerConfig,
};
mod common;

use common::{assert_isolated, header, InProcess};
use reqwest::StatusCode;

const MID: i64 = 3_664_072_912_104_801;
const INDEX: &str = "<!doctype html><title>playground</title>\n";

/// A temporary dist folder holding an index.html.
struct Dist(PathBuf);

impl Dist {
    fn new() -> Self {
        let dir = common::unique_temp_dir("server-api");
        std::fs::write(dir.join("index.html"), INDEX).unwrap();
        Dist(dir)
    }
}

impl Drop for Dist {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The server running in this process on a free port.
struct Running {
    addr: SocketAddr,
    client: reqwest::Client,
    server: InProcess,
    _dist: Dist,
}

impl Running {
    /// A server with no default latency, changed by `configure`.
    async fn start_with(configure: impl FnOnce(&mut ServerConfig)) -> Self {
        let dist = Dist::new();
        let mut config = ServerConfig {
            port: 0,
            dist: dist.0.clone(),
            latency_ms: 0,
            ..ServerConfig::default()
        };
        configure(&mut config);
        let server = InProcess::start(config).await;
        Running {
            addr: server.addr,
            client: reqwest::Client::new(),
            server,
            _dist: dist,
        }
    }

    async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn api(&self, query: &str) -> String {
        format!("{}{REPOST_TIMELINE_PATH}?{query}", self.base())
    }

    async fn get(&self, query: &str) -> reqwest::Response {
        self.client.get(self.api(query)).send().await.unwrap()
    }

    async fn timeline(&self, query: &str) -> RepostTimeline {
        let response = self.get(query).await;
        assert_eq!(response.status(), StatusCode::OK, "{query}");
        response.json().await.unwrap()
    }

    /// One page of the tutorial's post, 200 a page, without delay.
    async fn page(&self, page: u64) -> RepostTimeline {
        self.timeline(&format!(
            "id={MID}&count=200&page={page}&access_token=t&latency_ms=0"
        ))
        .await
    }

    async fn error(&self, query: &str) -> (StatusCode, ApiError) {
        let response = self.get(query).await;
        let status = response.status();
        let content_type = header(response.headers(), "content-type").to_owned();
        assert_eq!(content_type, "application/json", "{query}");
        (status, response.json().await.unwrap())
    }

    /// Sends all `queries` at once; answers each one's status and the whole
    /// batch's time.
    async fn all_at_once(&self, queries: Vec<String>) -> (Vec<StatusCode>, Duration) {
        let start = Instant::now();
        let tasks: Vec<_> = queries
            .into_iter()
            .map(|query| {
                let request = self.client.get(self.api(&query));
                tokio::spawn(async move {
                    let response = request.send().await.unwrap();
                    let status = response.status();
                    response.bytes().await.unwrap();
                    status
                })
            })
            .collect();
        let mut statuses = Vec::new();
        for task in tasks {
            statuses.push(task.await.unwrap());
        }
        (statuses, start.elapsed())
    }

    async fn stop(self) {
        self.server.stop().await;
    }
}

/// Seconds since 1970 of a time the API served, read by chrono as Weibo's
/// format (`Tue Nov 24 10:00:00 +0800 2026`, weekday checked); panics on
/// anything else. The server's text is also exactly what its own
/// formatter writes for that second, in Beijing time.
fn parse_weibo_time(text: &str) -> i64 {
    let time = chrono::DateTime::parse_from_str(text, "%a %b %d %H:%M:%S %z %Y")
        .unwrap_or_else(|err| panic!("not Weibo's time format: {text:?}: {err}"));
    assert_eq!(time.offset().local_minus_utc(), 8 * 3600, "{text}");
    let seconds = time.timestamp();
    assert_eq!(
        parallel_playground::server::api::data::weibo_time(seconds),
        text
    );
    seconds
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tutorial_flow_gets_2000_unique_reposts_newest_first() {
    let server = Running::start().await;
    let first = server.page(1).await;
    assert!(
        first.total_number > 2000 + 1000,
        "the tutorial's post needs well over 2000 reposts, has {}",
        first.total_number
    );
    let pages = (first.total_number / 200 + 1).min(10);
    assert_eq!(pages, 10);

    let mut reposts = Vec::new();
    let mut seen_pages = Vec::new();
    for page in 1..=pages {
        let timeline = server.page(page).await;
        assert_eq!(timeline.total_number, first.total_number);
        assert_eq!(timeline.reposts.len(), 200, "page {page}");
        let ids: HashSet<i64> = timeline.reposts.iter().map(|s| s.id).collect();
        for (other, other_ids) in &seen_pages {
            assert!(
                ids.is_disjoint(other_ids),
                "pages {other} and {page} overlap"
            );
        }
        seen_pages.push((page, ids));
        reposts.extend(timeline.reposts);
    }
    assert_eq!(reposts.len() as u64, SERVED_REPOSTS);
    let unique: HashSet<i64> = reposts.iter().map(|s| s.id).collect();
    assert_eq!(unique.len(), 2000);

    // Newest first: ids and times decrease across all pages.
    assert!(reposts.windows(2).all(|w| w[0].id > w[1].id));
    let times: Vec<i64> = reposts
        .iter()
        .map(|s| parse_weibo_time(&s.created_at))
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]));
    for status in &reposts {
        assert_eq!(status.idstr, status.id.to_string());
        assert_eq!(status.mid, status.idstr);
        assert!(!status.text.is_empty() && !status.source.is_empty());
        assert_eq!(status.user.idstr, status.user.id.to_string());
        assert!(!status.user.screen_name.is_empty());
        let original = status.retweeted_status.as_ref().expect("retweeted_status");
        assert_eq!(original.id, MID);
        assert_eq!(original.idstr, MID.to_string());
        assert!(parse_weibo_time(&original.created_at) < times[1999]);
    }

    // Only the latest 2000 are served.
    let past = server.page(11).await;
    assert!(past.reposts.is_empty());
    assert_eq!(past.total_number, first.total_number);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn count_is_capped_at_200_and_defaults_to_20() {
    let server = Running::start().await;
    let capped = server
        .timeline(&format!("id={MID}&count=500&access_token=t"))
        .await;
    assert_eq!(capped.reposts.len(), 200);
    let default = server.timeline(&format!("id={MID}&access_token=t")).await;
    assert_eq!(default.reposts.len(), 20);
    // The default page is 1: the same reposts as the start of a bigger page.
    assert_eq!(default.reposts[..], capped.reposts[..20]);
    // A post with fewer reposts than a page.
    let small = server.timeline("id=100007&count=200&access_token=t").await;
    assert_eq!((small.total_number, small.reposts.len()), (7, 7));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_requests_get_weibo_errors() {
    let server = Running::start().await;
    let bad = StatusCode::BAD_REQUEST;
    let forbidden = StatusCode::FORBIDDEN;
    for (query, status, code) in [
        (
            "access_token=t&count=20".to_owned(),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            "access_token=t&id=abc".to_owned(),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            "access_token=t&id=-1".to_owned(),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            "access_token=t&id=0".to_owned(),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&count=0"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&count=many"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&page=0"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&page=-2"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&latency_ms=10001"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&latency_ms=fast"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&jitter_ms=10001"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&jitter_ms=-5"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&max_concurrent=0"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (
            format!("access_token=t&id={MID}&max_concurrent=101"),
            bad,
            error_code::BAD_PARAMETER,
        ),
        (format!("id={MID}"), forbidden, error_code::MISSING_TOKEN),
        (
            format!("id={MID}&access_token="),
            forbidden,
            error_code::MISSING_TOKEN,
        ),
    ] {
        let (got_status, body) = server.error(&query).await;
        assert_eq!(got_status, status, "{query}: {body:?}");
        assert_eq!(body.error_code, code, "{query}: {body:?}");
        assert_eq!(body.request, REPOST_TIMELINE_PATH);
        assert!(!body.error.is_empty());
    }
    // Messages say what to do.
    let (_, body) = server
        .error(&format!("access_token=t&id={MID}&latency_ms=10001"))
        .await;
    assert!(
        body.error.starts_with("latency_ms must be from 0 to 10000"),
        "{}",
        body.error
    );
    let (_, body) = server.error(&format!("id={MID}")).await;
    assert!(body.error.contains("access_token="), "{}", body.error);
    let (_, body) = server.error("access_token=t").await;
    assert!(body.error.contains("id="), "{}", body.error);
    // The limits themselves are fine.
    server
        .timeline(&format!(
            "access_token=t&id={MID}&latency_ms=0&jitter_ms=0&max_concurrent=100"
        ))
        .await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_allow_list_refuses_other_tokens() {
    let server = Running::start_with(|config| {
        config.allow_tokens = vec!["alpha".into(), "beta".into()];
    })
    .await;
    for token in ["alpha", "beta"] {
        server
            .timeline(&format!("id={MID}&access_token={token}"))
            .await;
    }
    let (status, body) = server.error(&format!("id={MID}&access_token=gamma")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body.error_code, error_code::TOKEN_NOT_ALLOWED);
    assert!(body.error.contains("--allow-token"), "{}", body.error);
    let (status, body) = server.error(&format!("id={MID}")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(body.error_code, error_code::MISSING_TOKEN);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_compressed_as_the_client_accepts_and_decode_to_the_same_page() {
    let server = Running::start().await;
    let url = server.api(&format!(
        "id={MID}&count=200&page=3&access_token=t&latency_ms=0"
    ));
    let fetch = |accept: &'static str| {
        let (client, url) = (&server.client, url.clone());
        async move {
            let response = client
                .get(url)
                .header("accept-encoding", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{accept}");
            assert_eq!(
                header(response.headers(), "vary").to_ascii_lowercase(),
                "accept-encoding",
                "{accept}"
            );
            let encoding = response
                .headers()
                .get("content-encoding")
                .map(|v| v.to_str().unwrap().to_owned());
            (encoding, response.bytes().await.unwrap().to_vec())
        }
    };
    let (encoding, plain) = fetch("identity").await;
    assert_eq!(encoding, None);
    let page: RepostTimeline = serde_json::from_slice(&plain).unwrap();
    assert_eq!(page.reposts.len(), 200);

    let (encoding, brotli_body) = fetch("gzip, deflate, br, zstd").await;
    assert_eq!(encoding.as_deref(), Some("br"), "brotli first, and once");
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut brotli_body.as_slice(), &mut decoded).unwrap();
    assert_eq!(decoded, plain);
    assert!(
        brotli_body.len() * 5 < plain.len(),
        "{} bytes of {}",
        brotli_body.len(),
        plain.len()
    );

    let (encoding, gzip_body) = fetch("gzip, deflate").await;
    assert_eq!(encoding.as_deref(), Some("gzip"));
    let mut decoded = Vec::new();
    std::io::Read::read_to_end(
        &mut flate2::read::GzDecoder::new(gzip_body.as_slice()),
        &mut decoded,
    )
    .unwrap();
    assert_eq!(decoded, plain);

    let (encoding, refused) = fetch("br;q=0, gzip;q=0").await;
    assert_eq!((encoding, refused), (None, plain));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_deterministic() {
    let server = Running::start().await;
    let query = format!("id={MID}&count=200&page=3&access_token=t");
    let bytes = |query: String| {
        let server = &server;
        async move {
            let response = server.get(&query).await;
            assert_eq!(response.status(), StatusCode::OK);
            response.bytes().await.unwrap()
        }
    };
    let once = bytes(query.clone()).await;
    let twice = bytes(query.clone()).await;
    assert_eq!(once, twice);
    // Jitter changes the timing, never the body; nor do other tokens or
    // unknown parameters.
    assert_eq!(once, bytes(format!("{query}&jitter_ms=30")).await);
    assert_eq!(
        once,
        bytes(format!(
            "id={MID}&count=200&page=3&access_token=other&_req=x"
        ))
        .await
    );
    // Another post has other reposts.
    let other = bytes(format!("id={}&count=200&page=3&access_token=t", MID + 1)).await;
    assert_ne!(once, other);
    // A fresh server gives the same bytes.
    let again = Running::start().await;
    let response = again.get(&query).await;
    assert_eq!(response.bytes().await.unwrap(), once);
    again.stop().await;
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn any_origin_may_call_and_answers_stay_isolated() {
    let server = Running::start().await;
    let origin = "https://elsewhere.example";
    for (query, status) in [
        (format!("id={MID}&access_token=t"), StatusCode::OK),
        ("id=x&access_token=t".to_owned(), StatusCode::BAD_REQUEST),
        (format!("id={MID}"), StatusCode::FORBIDDEN),
    ] {
        let response = server
            .client
            .get(server.api(&query))
            .header("origin", origin)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{query}");
        let headers = response.headers();
        assert_eq!(
            header(headers, "access-control-allow-origin"),
            "*",
            "{query}"
        );
        assert_eq!(header(headers, "timing-allow-origin"), "*", "{query}");
        assert_eq!(header(headers, "cache-control"), "no-store", "{query}");
        assert_isolated(headers, &query);
    }
    // Also without an Origin header (same-origin or non-browser callers).
    let response = server.get(&format!("id={MID}&access_token=t")).await;
    assert_eq!(
        header(response.headers(), "access-control-allow-origin"),
        "*"
    );

    // A preflight, as a browser sends before a request with custom headers.
    let preflight = server
        .client
        .request(reqwest::Method::OPTIONS, server.api(&format!("id={MID}")))
        .header("origin", origin)
        .header("access-control-request-method", "GET")
        .header("access-control-request-headers", "x-requested-with")
        .send()
        .await
        .unwrap();
    assert!(preflight.status().is_success(), "{}", preflight.status());
    let headers = preflight.headers();
    assert_eq!(header(headers, "access-control-allow-origin"), "*");
    assert!(header(headers, "access-control-allow-methods").contains("GET"));
    assert!(
        header(headers, "access-control-allow-headers").contains('*')
            || header(headers, "access-control-allow-headers").contains("x-requested-with")
    );
    assert_isolated(headers, "preflight");

    // The app's files are still served beside the API.
    let index = server.client.get(server.base()).send().await.unwrap();
    assert_eq!(index.status(), StatusCode::OK);
    // (the built page, its title naming the link's experiment: tests/server_preview.rs)
    assert!(index.text().await.unwrap().starts_with(
        "<!doctype html><title>Factorials of k = 1..100 · Parallel playground</title>"
    ));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundreds_of_slow_requests_wait_together() {
    let server = Running::start().await;
    let queries = (0..200)
        .map(|n| format!("id={MID}&page={}&access_token=t&latency_ms=500", n % 12 + 1))
        .collect();
    let (statuses, elapsed) = server.all_at_once(queries).await;
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    assert!(elapsed >= Duration::from_millis(500), "{elapsed:?}");
    assert!(
        elapsed < Duration::from_secs(3),
        "200 requests of 0.5 s took {elapsed:?}"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_default_latency_applies_unless_a_request_asks() {
    let server = Running::start_with(|config| config.latency_ms = 300).await;
    let start = Instant::now();
    server.timeline(&format!("id={MID}&access_token=t")).await;
    let slow = start.elapsed();
    let start = Instant::now();
    server
        .timeline(&format!("id={MID}&access_token=t&latency_ms=0"))
        .await;
    let fast = start.elapsed();
    assert!(slow >= Duration::from_millis(300), "{slow:?}");
    assert!(fast < Duration::from_millis(250), "{fast:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jitter_adds_a_random_delay_up_to_its_bound() {
    let server = Running::start().await;
    let query = format!("id={MID}&access_token=t&latency_ms=100&jitter_ms=300");
    let tasks: Vec<_> = (0..12)
        .map(|_| {
            let request = server.client.get(server.api(&query));
            tokio::spawn(async move {
                let start = Instant::now();
                let response = request.send().await.unwrap();
                assert_eq!(response.status(), StatusCode::OK);
                response.bytes().await.unwrap();
                start.elapsed()
            })
        })
        .collect();
    let mut times = Vec::new();
    for task in tasks {
        times.push(task.await.unwrap());
    }
    let (min, max) = (times.iter().min().unwrap(), times.iter().max().unwrap());
    assert!(*min >= Duration::from_millis(100), "{times:?}");
    assert!(*max < Duration::from_millis(100 + 300 + 400), "{times:?}");
    // Twelve uniform draws from 0-300 ms all within 30 ms of each other:
    // about one chance in 10^10.
    assert!(*max - *min > Duration::from_millis(30), "{times:?}");
    server.stop().await;
}

fn six(query: impl Fn(usize) -> String) -> Vec<String> {
    (0..6).map(query).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_concurrent_in_the_query_makes_requests_wait_in_line() {
    let server = Running::start().await;
    let slow = format!("id={MID}&access_token=t&latency_ms=200");

    let (statuses, free) = server.all_at_once(six(|_| slow.clone())).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::OK));
    assert!(
        free < Duration::from_millis(500),
        "6 unthrottled took {free:?}"
    );

    // Two at a time: three waves of 200 ms.
    let (statuses, throttled) = server
        .all_at_once(six(|_| format!("{slow}&max_concurrent=2")))
        .await;
    assert!(statuses.iter().all(|s| *s == StatusCode::OK));
    assert!(throttled >= Duration::from_millis(590), "{throttled:?}");
    assert!(throttled < Duration::from_millis(1500), "{throttled:?}");
    assert!(throttled > free * 2, "{throttled:?} vs {free:?}");

    // The limit is per token: six tokens do not wait for each other.
    let (_, separate) = server
        .all_at_once(six(|n| {
            format!("id={MID}&access_token=t{n}&latency_ms=200&max_concurrent=2")
        }))
        .await;
    assert!(separate < Duration::from_millis(500), "{separate:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_flag_throttles_and_requests_can_only_tighten_it() {
    let server = Running::start_with(|config| {
        config.max_concurrent_per_token = Some(2);
        config.latency_ms = 200;
    })
    .await;
    let query = format!("id={MID}&access_token=t");

    let (statuses, throttled) = server.all_at_once(six(|_| query.clone())).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::OK));
    assert!(throttled >= Duration::from_millis(590), "{throttled:?}");
    assert!(throttled < Duration::from_millis(1500), "{throttled:?}");

    // Asking for more does not loosen the server's limit...
    let (_, loosened) = server
        .all_at_once(six(|_| format!("{query}&max_concurrent=100")))
        .await;
    assert!(loosened >= Duration::from_millis(590), "{loosened:?}");
    // ...asking for less tightens it: six waves.
    let (_, tightened) = server
        .all_at_once(six(|_| format!("{query}&max_concurrent=1")))
        .await;
    assert!(tightened >= Duration::from_millis(1190), "{tightened:?}");
    assert!(tightened > throttled, "{tightened:?} vs {throttled:?}");

    // Other tokens have their own slots.
    let (_, separate) = server
        .all_at_once(six(|n| format!("id={MID}&access_token=t{n}")))
        .await;
    assert!(separate < Duration::from_millis(500), "{separate:?}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_line_is_refused_with_429() {
    let server = Running::start_with(|config| {
        config.max_concurrent_per_token = Some(1);
        config.max_queued_per_token = 2;
        config.latency_ms = 400;
    })
    .await;
    let query = format!("id={MID}&access_token=t");
    // One answered, two waiting...
    let queued = {
        let server = &server;
        let queries = vec![query.clone(); 3];
        async move { server.all_at_once(queries).await }
    };
    let late = async {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let start = Instant::now();
        let answer = server.error(&query).await;
        (answer, start.elapsed())
    };
    let ((statuses, _), ((status, body), waited)) = tokio::join!(queued, late);
    // ...so a fourth is refused at once.
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body.error_code, error_code::RATE_LIMITED);
    assert!(waited < Duration::from_millis(300), "{waited:?}");
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    // Once the line is empty, requests are taken again.
    server.timeline(&format!("{query}&latency_ms=0")).await;
    server.stop().await;
}

/// Runs tests/tutorial_client.py (the tutorial's client in Python 3) against
/// the server: 10 pages of 200 through a Pool of 4 with apply_async.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_python_tutorial_client_gets_2000_unique_reposts() {
    let server = Running::start_with(|config| config.latency_ms = 50).await;
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/tutorial_client.py");
    let base = server.base();
    let output = tokio::task::spawn_blocking(move || {
        Command::new("python3").arg(&script).arg(&base).output()
    })
    .await
    .unwrap();
    let output = match output {
        Ok(output) => output,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => panic!(
            "python3 was not found on PATH: install Python 3 (e.g. `apt-get install python3`) \
             to run the tutorial client test"
        ),
        Err(err) => panic!("could not run python3: {err}"),
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{}\nstdout: {stdout}\nstderr: {stderr}",
        output.status
    );
    let report: serde_json::Value = serde_json::from_str(stdout.trim())
        .unwrap_or_else(|err| panic!("{err}: stdout {stdout:?}, stderr {stderr:?}"));
    assert_eq!(report["total_number"], 4801, "{report}");
    assert_eq!(report["pages"], 10, "{report}");
    assert_eq!(report["reposts"], 2000, "{report}");
    assert_eq!(report["unique_ids"], 2000, "{report}");
    server.stop().await;
}

fn server_binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_playground-server"))
}

#[test]
fn help_lists_the_api_flags_and_defaults() {
    let output = server_binary().arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8_lossy(&output.stdout);
    for expected in [
        "--latency-ms",
        "[default: 800]",
        "--allow-token <TOKEN>",
        "--max-concurrent-per-token <N>",
        "--max-queued-per-token <N>",
        "[default: 1000]",
    ] {
        assert!(help.contains(expected), "{expected} missing from:\n{help}");
    }
}

#[test]
fn out_of_range_flags_are_refused() {
    for args in [
        ["--latency-ms", "10001"],
        ["--max-concurrent-per-token", "0"],
    ] {
        let output = server_binary().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(args[0]), "{stderr}");
    }
}
