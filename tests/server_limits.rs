//! What the server does to clients that cost it too much, over real
//! sockets: stalled headers and idle connections are closed on time (and
//! never delay anyone else), connections past the cap get a 503, and long
//! request targets and GET bodies are refused. Timeouts are short here and
//! every bound is derived from them, with room for a loaded 2-core machine.

use std::{
    net::SocketAddr,
    path::PathBuf,
    time::{Duration, Instant},
};

use parallel_playground::{
    core::weibo::REPOST_TIMELINE_PATH,
    server::{Limits, ServerConfig},
};
use reqwest::StatusCode;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpSocket, TcpStream},
};

mod common;
use common::{header, InProcess};

/// How late a deadline may fire on a busy machine and still count as kept.
const SLACK: Duration = Duration::from_millis(1500);
/// A close this much before its deadline is a close for another reason.
const EARLY: Duration = Duration::from_millis(50);

/// A temporary dist folder holding an index.html, and the server on it.
struct Running {
    addr: SocketAddr,
    server: InProcess,
    dist: PathBuf,
}

impl Running {
    async fn start(limits: Limits) -> Self {
        let dist = common::unique_temp_dir("server-limits");
        std::fs::write(
            dist.join("index.html"),
            "<!doctype html><title>limits</title>\n",
        )
        .unwrap();
        let config = ServerConfig {
            port: 0,
            dist: dist.clone(),
            latency_ms: 0,
            limits,
            ..ServerConfig::default()
        };
        let server = InProcess::start(config).await;
        Running {
            addr: server.addr,
            server,
            dist,
        }
    }

    async fn stop(self) {
        self.server.stop().await;
        let _ = std::fs::remove_dir_all(&self.dist);
    }

    fn url(&self, target: &str) -> String {
        format!("http://{}{target}", self.addr)
    }
}

fn limits(header_timeout_ms: u64, idle_timeout_ms: u64) -> Limits {
    Limits {
        header_timeout: Duration::from_millis(header_timeout_ms),
        idle_timeout: Duration::from_millis(idle_timeout_ms),
        ..Limits::default()
    }
}

fn api_request(query: &str, connection: &str) -> String {
    format!("GET {REPOST_TIMELINE_PATH}?{query} HTTP/1.1\r\nHost: test\r\nConnection: {connection}\r\n\r\n")
}

/// One request on a new connection that the client closes after the answer;
/// answers the whole answer (head and body) and how long it took.
async fn raw_request(addr: SocketAddr, request: &str) -> (String, Duration) {
    let start = Instant::now();
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(request.as_bytes()).await.unwrap();
    let answer = read_until_closed(&mut stream).await;
    (
        String::from_utf8_lossy(&answer).into_owned(),
        start.elapsed(),
    )
}

/// Everything the peer sends until it closes (a reset counts as closed).
async fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    let mut answer = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) => return answer,
            Ok(n) => answer.extend_from_slice(&buf[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::ConnectionReset => return answer,
            Err(err) => panic!("reading the answer: {err}"),
        }
    }
}

/// One keep-alive answer of known length (read by its Content-Length).
async fn read_one_answer(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(
            n > 0,
            "closed before a whole answer: {}",
            String::from_utf8_lossy(&answer)
        );
        answer.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&answer);
        if let Some(head_end) = text.find("\r\n\r\n") {
            let length: usize = text[..head_end]
                .lines()
                .find_map(|line| line.strip_prefix("content-length: "))
                .expect("a content-length")
                .parse()
                .unwrap();
            if answer.len() >= head_end + 4 + length {
                return text.into_owned();
            }
        }
    }
}

/// An API request on `stream`, kept alive, answered 200.
async fn answered_kept_alive(stream: &mut TcpStream) {
    let request = api_request("id=1&access_token=t", "keep-alive");
    stream.write_all(request.as_bytes()).await.unwrap();
    assert!(read_one_answer(stream).await.starts_with("HTTP/1.1 200 OK"));
}

/// The server closes `stream`, sending nothing more, `timeout` after `since`.
async fn closes_after(stream: &mut TcpStream, since: Instant, timeout: Duration, what: &str) {
    assert!(
        read_until_closed(stream).await.is_empty(),
        "{what}: bytes sent"
    );
    let after = since.elapsed();
    assert!(
        after >= timeout - EARLY && after <= timeout + SLACK,
        "{what}: closed after {after:?}, not {timeout:?}"
    );
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Room for `count` connections (each is two descriptors here, the client's
/// and the server's): the open-file limit raised if it can be, else fewer.
fn connections_allowed(count: usize) -> usize {
    let wanted = (2 * count + 256) as u64;
    let limit = rlimit::increase_nofile_limit(wanted).unwrap_or(1024);
    if limit >= wanted {
        count
    } else {
        eprintln!("open-file limit {limit}: testing fewer stalled connections than {count}");
        (limit.saturating_sub(256) / 2) as usize
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stalled_connections_close_at_the_header_timeout_and_delay_no_one() {
    let count = connections_allowed(1000);
    let header_timeout = Duration::from_secs(4);
    // The idle timeout is far off: a close near 4 s is the header timeout's.
    let running = Running::start(Limits {
        max_connections: count + 100,
        ..limits(header_timeout.as_millis() as u64, 60_000)
    })
    .await;
    let normal = api_request("id=3664072912104801&count=20&access_token=t", "close");

    let mut before = Vec::new();
    for _ in 0..15 {
        let (answer, took) = raw_request(running.addr, &normal).await;
        assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
        before.push(took);
    }

    // Half a request line each, then silence.
    let mut stalled = Vec::with_capacity(count);
    for _ in 0..count {
        let mut stream = TcpStream::connect(running.addr).await.unwrap();
        stream
            .write_all(format!("GET {REPOST_TIMELINE_PATH}?id=36640").as_bytes())
            .await
            .unwrap();
        stalled.push((stream, Instant::now()));
    }
    let all_stalled = Instant::now();
    let first_stalled = stalled[0].1;

    let mut during = Vec::new();
    for _ in 0..15 {
        let (answer, took) = raw_request(running.addr, &normal).await;
        assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
        during.push(took);
    }
    assert!(
        first_stalled.elapsed() < header_timeout - EARLY,
        "the normal requests must be timed while all {count} are stalled (took {:?})",
        first_stalled.elapsed()
    );
    let (before_median, during_median) = (median(before.clone()), median(during.clone()));
    eprintln!(
        "{count} stalled in {:?}; a normal request: median {before_median:?} before, \
         {during_median:?} while they were stalled (slowest {:?} and {:?})",
        all_stalled - first_stalled,
        before.iter().max().unwrap(),
        during.iter().max().unwrap()
    );
    assert!(
        during_median < before_median + Duration::from_millis(100),
        "stalled connections delayed a normal request: {during_median:?} against {before_median:?}"
    );

    // Each is closed by the server, with nothing sent, at its header timeout.
    let closes: Vec<_> = stalled
        .into_iter()
        .map(|(mut stream, sent)| {
            tokio::spawn(async move {
                let answer =
                    tokio::time::timeout(Duration::from_secs(30), read_until_closed(&mut stream))
                        .await
                        .expect("a stalled connection was never closed");
                (answer, sent.elapsed())
            })
        })
        .collect();
    let mut latest = Duration::ZERO;
    for close in closes {
        let (answer, after) = close.await.unwrap();
        assert!(
            answer.is_empty(),
            "a stalled connection got {}",
            String::from_utf8_lossy(&answer)
        );
        assert!(
            after >= header_timeout - EARLY,
            "closed after {after:?}, before the header timeout"
        );
        latest = latest.max(after);
    }
    eprintln!("the last stalled connection closed {latest:?} after its bytes (header timeout {header_timeout:?})");
    assert!(
        latest <= header_timeout + SLACK,
        "the last close came {latest:?} after its bytes"
    );

    // The server is whole afterwards.
    let (answer, _) = raw_request(running.addr, &normal).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn idle_connections_close_at_the_idle_timeout_and_slow_answers_are_not_cut() {
    let idle_timeout = Duration::from_millis(1000);
    let running = Running::start(limits(1000, idle_timeout.as_millis() as u64)).await;

    // Opened, never used.
    let mut fresh = TcpStream::connect(running.addr).await.unwrap();
    let opened = Instant::now();
    closes_after(&mut fresh, opened, idle_timeout, "a new idle connection").await;

    // Kept alive after an answer.
    let mut kept = TcpStream::connect(running.addr).await.unwrap();
    answered_kept_alive(&mut kept).await;
    let answered = Instant::now();
    closes_after(&mut kept, answered, idle_timeout, "a kept-alive connection").await;

    // An answer that takes longer than both timeouts is still sent whole.
    let slow = api_request("id=1&access_token=t&latency_ms=2500", "close");
    let (answer, took) = raw_request(running.addr, &slow).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.ends_with("\"hasvisible\":false}"), "{answer}");
    assert!(took >= Duration::from_millis(2500), "{took:?}");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_idle_and_header_timeouts_are_apart() {
    // hyper's header timer would close this connection 1 s after its answer;
    // here it may idle for 10 s, and only a started header has 1 s.
    let running = Running::start(limits(1000, 10_000)).await;
    let mut kept = TcpStream::connect(running.addr).await.unwrap();
    for _ in 0..2 {
        answered_kept_alive(&mut kept).await;
        tokio::time::sleep(Duration::from_millis(2000)).await;
    }
    // Half a header after idling: closed 1 s later, not 10.
    kept.write_all(b"GET / HTTP/1.1\r\nHost: te").await.unwrap();
    let sent = Instant::now();
    closes_after(
        &mut kept,
        sent,
        Duration::from_millis(1000),
        "half a header",
    )
    .await;
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_stops_reading_its_answer_is_dropped() {
    let idle_timeout = Duration::from_millis(1000);
    let running = Running::start(limits(1000, idle_timeout.as_millis() as u64)).await;
    // A file streamed in chunks, far larger than the socket buffers, to a
    // client with a small receive window: the server's writes block while
    // the answer is still being made.
    let size = 32 << 20;
    std::fs::write(running.dist.join("big.bin"), vec![7u8; size]).unwrap();
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut stream = socket.connect(running.addr).await.unwrap();
    stream
        .write_all(b"GET /big.bin HTTP/1.1\r\nHost: test\r\n\r\n")
        .await
        .unwrap();
    tokio::time::sleep(idle_timeout + SLACK).await;
    // Had the server waited, reading now would bring the whole file.
    let answer = tokio::time::timeout(Duration::from_secs(30), read_until_closed(&mut stream))
        .await
        .expect("the stalled reader's connection was never closed");
    assert!(String::from_utf8_lossy(&answer[..12]).starts_with("HTTP/1.1 200"));
    assert!(
        answer.len() < size,
        "all {} bytes were kept for a client that did not read",
        answer.len()
    );
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_over_the_cap_get_a_503_and_are_closed() {
    let cap = 4;
    let running = Running::start(Limits {
        max_connections: cap,
        ..limits(2000, 30_000)
    })
    .await;
    // `cap` connections, each proven served by an answer, kept open.
    let mut held = Vec::new();
    for _ in 0..cap {
        let mut stream = TcpStream::connect(running.addr).await.unwrap();
        stream
            .write_all(api_request("id=1&access_token=t", "keep-alive").as_bytes())
            .await
            .unwrap();
        assert!(read_one_answer(&mut stream)
            .await
            .starts_with("HTTP/1.1 200 OK"));
        held.push(stream);
    }

    let (answer, _) = raw_request(
        running.addr,
        &api_request("id=1&access_token=t", "keep-alive"),
    )
    .await;
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    assert!(
        head.starts_with("HTTP/1.1 503 Service Unavailable"),
        "{answer}"
    );
    let head = head.to_ascii_lowercase();
    assert!(head.contains("\r\nretry-after: 1\r\n"), "{head}");
    assert!(head.contains("\r\nconnection: close\r\n"), "{head}");
    assert!(
        head.contains("\r\ncontent-type: text/plain; charset=utf-8\r\n"),
        "{head}"
    );
    assert!(
        head.contains("\r\ncross-origin-embedder-policy: require-corp\r\n"),
        "{head}"
    );
    assert!(
        body.contains("connection limit (4 open connections)"),
        "{body}"
    );
    // (raw_request read on to the close: the 503 came, then the end.)

    // One closes: a new connection is served again.
    drop(held.pop());
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (answer, _) =
            raw_request(running.addr, &api_request("id=1&access_token=t", "close")).await;
        if answer.starts_with("HTTP/1.1 200 OK") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the freed place was never reused: {answer}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    drop(held);
    running.stop().await;
}

#[tokio::test]
async fn long_request_targets_get_414() {
    let running = Running::start(Limits::default()).await;
    let client = reqwest::Client::new();
    let get = |target: String| {
        let request = client.get(running.url(&target));
        async move { request.send().await.unwrap() }
    };

    // Up to the limit is served (unknown parameters are ignored).
    let query = "id=1&access_token=t&pad=";
    let fits = format!("{REPOST_TIMELINE_PATH}?{query}");
    let fits = format!("{fits}{}", "x".repeat(8192 - fits.len()));
    assert_eq!(fits.len(), 8192);
    assert_eq!(get(fits.clone()).await.status(), StatusCode::OK);

    // One byte more: our 414, with a message.
    let response = get(format!("{fits}x")).await;
    assert_eq!(response.status(), StatusCode::URI_TOO_LONG);
    assert_eq!(
        header(response.headers(), "content-type"),
        "text/plain; charset=utf-8"
    );
    let message = response.text().await.unwrap();
    assert!(
        message.contains("8193 bytes") && message.contains("at most 8192"),
        "{message}"
    );

    // 100 KB (over a raw socket: reqwest refuses such a URL itself): still
    // a 414 (past 64 KiB it is hyper's own, without a body), not a reset.
    let huge = format!(
        "GET /?q={} HTTP/1.1\r\nHost: test\r\n\r\n",
        "x".repeat(100 * 1024)
    );
    let (answer, _) = raw_request(running.addr, &huge).await;
    assert!(
        answer.starts_with("HTTP/1.1 414 URI Too Long\r\n"),
        "{answer}"
    );
    running.stop().await;
}

#[tokio::test]
async fn a_get_or_head_with_a_body_is_refused() {
    let running = Running::start(Limits::default()).await;
    let client = reqwest::Client::new();
    let api = running.url(&format!("{REPOST_TIMELINE_PATH}?id=1&access_token=t"));

    let response = client.get(&api).body("id=2").send().await.unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(header(response.headers(), "connection"), "close");
    let message = response.text().await.unwrap();
    assert!(message.contains("GET requests take no body"), "{message}");

    let response = client
        .head(running.url("/"))
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // A chunked body, even an empty one, is a body.
    let chunked = format!(
        "GET {REPOST_TIMELINE_PATH}?id=1&access_token=t HTTP/1.1\r\nHost: test\r\n\
         Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    );
    let (answer, _) = raw_request(running.addr, &chunked).await;
    assert!(
        answer.starts_with("HTTP/1.1 413 Payload Too Large"),
        "{answer}"
    );

    // An empty Content-Length is no body.
    let empty = format!(
        "GET {REPOST_TIMELINE_PATH}?id=1&access_token=t HTTP/1.1\r\nHost: test\r\n\
         Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let (answer, _) = raw_request(running.addr, &empty).await;
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    running.stop().await;
}
