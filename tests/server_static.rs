//! The static-file server, end to end over real sockets: isolation headers,
//! MIME types, caching, gzip, precompressed brotli and gzip files, 404s, path
//! traversal, and the binary's start-up errors and shutdown.

use std::{
    io::{BufRead, BufReader},
    net::SocketAddr,
    path::PathBuf,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

mod common;

use common::{assert_isolated, header, InProcess};
use parallel_playground::server::{self, ServeError, ServerConfig};
use reqwest::StatusCode;
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
};

const HASH: &str = "1a2b3c4d5e6f7a8b";
const SECRET: &str = "TOP-SECRET-do-not-serve-7f3e";
const INDEX: &str =
    "<!doctype html><html><head><title>playground</title></head><body></body></html>\n";

/// A temporary folder holding `dist/` (the app) and `secret` beside it.
struct Fixture {
    base: PathBuf,
}

impl Fixture {
    fn new() -> Self {
        let base = common::unique_temp_dir("server-static");
        let dist = base.join("dist");
        let snippets = dist.join(format!("snippets/x-{HASH}"));
        std::fs::create_dir_all(&snippets).unwrap();

        std::fs::write(base.join("secret"), SECRET).unwrap();
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        let js =
            "export function start() { console.log('the playground starts here'); }\n".repeat(4);
        std::fs::write(dist.join(format!("parallel-playground-app-{HASH}.js")), &js).unwrap();
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        wasm.extend(std::iter::repeat_n(0u8, 4096));
        std::fs::write(
            dist.join(format!("parallel-playground-app-{HASH}_bg.wasm")),
            wasm,
        )
        .unwrap();
        std::fs::write(
            dist.join(format!("style-{HASH}.css")),
            "body { margin: 0 }\n",
        )
        .unwrap();
        std::fs::write(snippets.join("a.js"), "export const a = 1;\n").unwrap();
        std::fs::write(dist.join("worker.mjs"), "self.onmessage = () => {};\n").unwrap();
        std::fs::write(dist.join("data.json"), "{}\n").unwrap();
        std::fs::write(
            dist.join("logo.svg"),
            "<svg xmlns='http://www.w3.org/2000/svg'/>\n",
        )
        .unwrap();
        // Dotfiles a deploy may leave behind: never served.
        std::fs::write(dist.join(".env"), "API_KEY=do-not-serve\n").unwrap();
        std::fs::create_dir_all(dist.join(".git")).unwrap();
        std::fs::write(dist.join(".git").join("config"), "[core]\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(base.join("secret"), dist.join("symlink-out")).unwrap();
        // A symlink inside the folder pointing inside it is fine.
        #[cfg(unix)]
        std::os::unix::fs::symlink(dist.join("index.html"), dist.join("alias.html")).unwrap();
        Fixture { base }
    }

    fn dist(&self) -> PathBuf {
        self.base.join("dist")
    }

    fn config(&self, port: u16) -> ServerConfig {
        ServerConfig {
            host: "127.0.0.1".into(),
            port,
            dist: self.dist(),
            latency_ms: 0,
            ..ServerConfig::default()
        }
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

/// The server running in this process on a free port.
struct Running {
    addr: SocketAddr,
    server: InProcess,
    _fixture: Fixture,
}

impl Running {
    async fn start() -> Self {
        let fixture = Fixture::new();
        let server = InProcess::start(fixture.config(0)).await;
        Running {
            addr: server.addr,
            server,
            _fixture: fixture,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        reqwest::get(self.url(path)).await.unwrap()
    }

    async fn stop(self) {
        self.server.stop().await;
    }
}

/// `body` is the built page, its title naming the default link's experiment.
fn assert_is_the_page(body: &str) {
    let (before, after) = INDEX.split_once("<title>playground</title>").unwrap();
    let title = "<title>Factorials of k = 1..100 · Parallel playground</title>";
    assert!(body.starts_with(&format!("{before}{title}")), "{body}");
    assert!(body.ends_with(after), "{body}");
}

/// Sends `GET <target>` exactly as written (HTTP clients normalise `..`
/// away) and returns the status code and the whole response text.
async fn raw_get(addr: SocketAddr, target: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {response:?}"));
    (status, response)
}

#[tokio::test]
async fn every_response_is_cross_origin_isolated() {
    let server = Running::start().await;
    for path in [
        "/",
        "/index.html",
        &format!("/parallel-playground-app-{HASH}.js"),
        &format!("/parallel-playground-app-{HASH}_bg.wasm"),
        "/no-such-file.js",
    ] {
        let response = server.get(path).await;
        assert_isolated(response.headers(), path);
    }
    // Errors made outside the file handler too.
    let response = reqwest::Client::new()
        .post(server.url("/index.html"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_isolated(response.headers(), "405");
    let (status, text) = raw_get(server.addr, "/../secret").await;
    assert_eq!(status, 400);
    assert!(text
        .to_ascii_lowercase()
        .contains("cross-origin-embedder-policy: require-corp"));
    server.stop().await;
}

#[tokio::test]
async fn root_serves_index_html() {
    let server = Running::start().await;
    let response = server.get("/").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(response.headers(), "content-type").starts_with("text/html"));
    // The built page, its head naming the link's experiment (here the
    // default one; tests/server_preview.rs has the rest).
    assert_is_the_page(&response.text().await.unwrap());
    server.stop().await;
}

#[tokio::test]
async fn content_types_are_what_browsers_require() {
    let server = Running::start().await;
    for (path, expected) in [
        ("/".to_owned(), "text/html"),
        ("/index.html".to_owned(), "text/html"),
        (
            format!("/parallel-playground-app-{HASH}.js"),
            "text/javascript",
        ),
        (
            format!("/parallel-playground-app-{HASH}_bg.wasm"),
            "application/wasm",
        ),
        (format!("/snippets/x-{HASH}/a.js"), "text/javascript"),
        ("/worker.mjs".to_owned(), "text/javascript"),
        (format!("/style-{HASH}.css"), "text/css"),
        ("/data.json".to_owned(), "application/json"),
        ("/logo.svg".to_owned(), "image/svg+xml"),
    ] {
        let response = server.get(&path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let content_type = header(response.headers(), "content-type");
        // Exact type; a charset parameter is allowed.
        assert_eq!(content_type.split(';').next().unwrap(), expected, "{path}");
    }
    server.stop().await;
}

#[tokio::test]
async fn hashed_assets_are_immutable_and_the_rest_revalidated() {
    let server = Running::start().await;
    let immutable = "public, max-age=31536000, immutable";
    for path in [
        format!("/parallel-playground-app-{HASH}.js"),
        format!("/parallel-playground-app-{HASH}_bg.wasm"),
        format!("/style-{HASH}.css"),
        format!("/snippets/x-{HASH}/a.js"),
    ] {
        let response = server.get(&path).await;
        assert_eq!(
            header(response.headers(), "cache-control"),
            immutable,
            "{path}"
        );
    }
    for path in [
        "/",
        "/index.html",
        "/worker.mjs",
        "/data.json",
        "/no-such-file.js",
    ] {
        let response = server.get(path).await;
        assert_eq!(
            header(response.headers(), "cache-control"),
            "no-cache",
            "{path}"
        );
    }
    // A 404 for a hashed-looking name must not be cached for a year.
    let response = server.get(&format!("/gone-{HASH}.js")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(response.headers(), "cache-control"), "no-cache");
    server.stop().await;
}

#[tokio::test]
async fn index_html_can_be_revalidated() {
    let server = Running::start().await;
    let response = server.get("/").await;
    let last_modified = header(response.headers(), "last-modified").to_owned();
    let response = reqwest::Client::new()
        .get(server.url("/"))
        .header("if-modified-since", &last_modified)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    assert_isolated(response.headers(), "304");
    assert_eq!(header(response.headers(), "cache-control"), "no-cache");
    server.stop().await;
}

#[tokio::test]
async fn gzip_when_the_client_accepts_it() {
    let server = Running::start().await;
    let client = reqwest::Client::new();
    for path in [
        format!("/parallel-playground-app-{HASH}.js"),
        format!("/parallel-playground-app-{HASH}_bg.wasm"),
        "/".to_owned(),
    ] {
        let gzipped = client
            .get(server.url(&path))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(gzipped.status(), StatusCode::OK, "{path}");
        assert_eq!(
            header(gzipped.headers(), "content-encoding"),
            "gzip",
            "{path}"
        );
        assert_isolated(gzipped.headers(), &path);
        // The gzip magic number: reqwest here does not decode it.
        assert_eq!(
            &gzipped.bytes().await.unwrap()[..2],
            &[0x1f, 0x8b],
            "{path}"
        );

        let plain = client.get(server.url(&path)).send().await.unwrap();
        assert!(plain.headers().get("content-encoding").is_none(), "{path}");
    }
    server.stop().await;
}

/// Runs the real `precompress` bin on `dir`, as scripts/build does.
fn precompress(dir: &std::path::Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_precompress"))
        .arg("--quiet")
        .arg(dir)
        .status()
        .unwrap();
    assert!(status.success(), "precompress failed: {status}");
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut brotli::Decompressor::new(bytes, 4096), &mut out).unwrap();
    out
}

fn ungzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out).unwrap();
    out
}

#[tokio::test]
async fn precompressed_files_go_to_clients_that_accept_them() {
    let fixture = Fixture::new();
    let dist = fixture.dist();
    // A module that compresses well, like the real one.
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    for i in 0..20_000u32 {
        wasm.extend_from_slice(format!("func{} ", i % 997).as_bytes());
    }
    let wasm_name = format!("parallel-playground-app-{HASH}_bg.wasm");
    std::fs::write(dist.join(&wasm_name), &wasm).unwrap();
    precompress(&dist);
    let br_file = std::fs::read(dist.join(format!("{wasm_name}.br"))).unwrap();
    let gz_file = std::fs::read(dist.join(format!("{wasm_name}.gz"))).unwrap();
    assert_eq!(unbrotli(&br_file), wasm);
    assert_eq!(ungzip(&gz_file), wasm);
    assert!(br_file.len() < gz_file.len() && gz_file.len() < wasm.len() / 4);

    let server = InProcess::start(fixture.config(0)).await;
    let url = format!("http://{}/{wasm_name}", server.addr);
    let client = reqwest::Client::new();
    let get = |accept: Option<&'static str>| {
        let mut request = client.get(&url);
        if let Some(accept) = accept {
            request = request.header("accept-encoding", accept);
        }
        request.send()
    };
    // (Accept-Encoding, the encoding sent, the bytes sent)
    for (accept, encoding, body) in [
        (Some("br"), Some("br"), &br_file),
        (Some("br, gzip"), Some("br"), &br_file),
        (Some("gzip, deflate, br, zstd"), Some("br"), &br_file),
        (Some("gzip"), Some("gzip"), &gz_file),
        (Some("br;q=0.5, gzip"), Some("gzip"), &gz_file),
        (None, None, &wasm),
        (Some("identity"), None, &wasm),
    ] {
        let response = get(accept).await.unwrap();
        let what = format!("{accept:?}");
        assert_eq!(response.status(), StatusCode::OK, "{what}");
        let headers = response.headers().clone();
        assert_eq!(
            headers.get("content-encoding").map(|v| v.to_str().unwrap()),
            encoding,
            "{what}"
        );
        assert_eq!(
            header(&headers, "content-type"),
            "application/wasm",
            "{what}"
        );
        assert_eq!(
            header(&headers, "vary").to_ascii_lowercase(),
            "accept-encoding",
            "{what}"
        );
        assert_eq!(
            header(&headers, "cache-control"),
            "public, max-age=31536000, immutable",
            "{what}"
        );
        assert_isolated(&headers, &what);
        let bytes = response.bytes().await.unwrap();
        assert_eq!(
            bytes.len(),
            body.len(),
            "{what}: not the precompressed file"
        );
        assert_eq!(&bytes[..], &body[..], "{what}");
        let decoded = match encoding {
            Some("br") => unbrotli(&bytes),
            Some("gzip") => ungzip(&bytes),
            _ => bytes.to_vec(),
        };
        assert_eq!(decoded, wasm, "{what}");
    }
    server.stop().await;
}

#[tokio::test]
async fn stale_or_escaping_variants_are_never_sent() {
    let fixture = Fixture::new();
    let dist = fixture.dist();
    let js_name = format!("parallel-playground-app-{HASH}.js");
    let js = std::fs::read(dist.join(&js_name)).unwrap();
    // A variant from an older build (older than its file) is ignored.
    std::fs::write(dist.join(format!("{js_name}.br")), b"stale bytes").unwrap();
    let old = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(dist.join(format!("{js_name}.br")))
        .unwrap()
        .set_modified(old)
        .unwrap();
    // A variant that is a symlink out of the folder is ignored.
    #[cfg(unix)]
    std::os::unix::fs::symlink(fixture.base.join("secret"), dist.join("worker.mjs.br")).unwrap();

    let server = InProcess::start(fixture.config(0)).await;
    let client = reqwest::Client::new();
    let response = client
        .get(format!("http://{}/{js_name}", server.addr))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("content-encoding").is_none());
    assert_eq!(&response.bytes().await.unwrap()[..], &js[..]);
    let response = client
        .get(format!("http://{}/worker.mjs", server.addr))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("content-encoding").is_none());
    let body = response.text().await.unwrap();
    assert!(!body.contains(SECRET));
    assert_eq!(body, "self.onmessage = () => {};\n");
    server.stop().await;
}

#[test]
fn precompress_skips_what_does_not_shrink_and_removes_orphans() {
    let fixture = Fixture::new();
    let dist = fixture.dist();
    std::fs::write(dist.join("gone.js.br"), b"an older build's").unwrap();
    std::fs::write(dist.join("gone.js.gz"), b"an older build's").unwrap();
    precompress(&dist);
    assert!(!dist.join("gone.js.br").exists() && !dist.join("gone.js.gz").exists());
    // 3 bytes of JSON cannot shrink; dotfiles and unknown types are left alone.
    assert!(!dist.join("data.json.br").exists() && !dist.join("data.json.gz").exists());
    assert!(!dist.join(".env.br").exists() && !dist.join("symlink-out.br").exists());
    let index = std::fs::read(dist.join("index.html.br")).unwrap();
    assert_eq!(unbrotli(&index), INDEX.as_bytes());
    let js_name = format!("parallel-playground-app-{HASH}.js");
    let js = std::fs::read(dist.join(&js_name)).unwrap();
    let gz = std::fs::read(dist.join(format!("{js_name}.gz"))).unwrap();
    assert_eq!(ungzip(&gz), js);
    // Not even a brotli stream beats 20 bytes of text.
    assert!(!dist.join(format!("snippets/x-{HASH}/a.js.gz")).exists());
    // No temporary files are left.
    let leftovers: Vec<_> = std::fs::read_dir(&dist)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[tokio::test]
async fn unknown_paths_are_404_without_spa_fallback() {
    let server = Running::start().await;
    for path in [
        "/no-such-file",
        "/settings/advanced",
        "/snippets/",
        "/snippets",
    ] {
        let response = server.get(path).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert_isolated(response.headers(), path);
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("<!doctype html>"),
            "{path} fell back to index.html"
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn dotfiles_are_not_served() {
    let server = Running::start().await;
    for path in ["/.env", "/.git/config", "/%2eenv", "/.git/"] {
        let response = server.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        assert!(
            !response.text().await.unwrap().contains("do-not-serve"),
            "{path}"
        );
    }
    server.stop().await;
}

#[tokio::test]
async fn symlinks_inside_the_folder_are_served() {
    let server = Running::start().await;
    let response = server.get("/alias.html").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), INDEX);
    server.stop().await;
}

#[tokio::test]
async fn nothing_outside_the_folder_can_be_read() {
    let server = Running::start().await;
    for target in [
        "/../secret",
        "/%2e%2e/secret",
        "/%2E%2E/secret",
        "/%2E%2E%2Fsecret",
        "/..%2fsecret",
        "/..%2Fsecret",
        "/snippets/../../secret",
        "/snippets/%2e%2e/%2e%2e/secret",
        "/..%5csecret",
        "/%2e%2e%5csecret",
        "/..\\secret",
        "//etc/passwd",
        "/etc/passwd",
        "//../secret",
        "/symlink-out",
        "/./symlink-out",
        "/%73ymlink-out",
    ] {
        let (status, text) = raw_get(server.addr, target).await;
        assert!(status == 400 || status == 404, "{target} answered {status}");
        assert!(!text.contains(SECRET), "{target} leaked the secret");
        assert!(!text.contains("root:"), "{target} leaked /etc/passwd");
    }
    // An absolute URI as the request target.
    let (status, text) = raw_get(server.addr, "http://x/../secret").await;
    assert!(
        status == 400 || status == 404,
        "absolute-form answered {status}"
    );
    assert!(!text.contains(SECRET));
    server.stop().await;
}

#[tokio::test]
async fn a_taken_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let fixture = Fixture::new();
    let err = server::bind(&fixture.config(port)).await.unwrap_err();
    assert!(matches!(err, ServeError::PortInUse { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "port {port} on 127.0.0.1 is already in use; stop the other server or pass --port <free port>"
        )
    );
}

#[test]
fn a_missing_build_is_a_clear_error() {
    let fixture = Fixture::new();
    let mut config = fixture.config(0);
    config.dist = fixture.base.join("not-built");
    let err = server::check_dist(&config).unwrap_err();
    assert!(matches!(err, ServeError::MissingIndex { .. }));
    assert!(err.to_string().contains("scripts/build"), "{err}");
}

fn server_binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_playground-server"))
}

#[test]
fn binary_exits_1_when_the_port_is_taken() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let fixture = Fixture::new();
    let output = server_binary()
        .arg("--dist")
        .arg(fixture.dist())
        .args(["--port", &port.to_string()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(
        stderr.contains(&format!(
            "error: port {port} on 127.0.0.1 is already in use"
        )),
        "stderr: {stderr}"
    );
    assert!(stderr.contains("--port"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn binary_exits_1_when_the_app_is_not_built() {
    let fixture = Fixture::new();
    let output = server_binary()
        .arg("--dist")
        .arg(fixture.base.join("not-built"))
        .args(["--port", "0"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "stderr: {stderr}");
    assert!(stderr.starts_with("error: "), "stderr: {stderr}");
    assert!(stderr.contains("scripts/build"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
}

/// Runs the real binary: one announcement line, a working server, and a
/// clean exit on SIGTERM.
#[cfg(unix)]
#[test]
fn binary_announces_serves_and_stops_on_sigterm() {
    let fixture = Fixture::new();
    let mut child = server_binary()
        .arg("--dist")
        .arg(fixture.dist())
        .args(["--port", "0", "--latency-ms", "5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let prefix = format!("Serving {} at http://127.0.0.1:", fixture.dist().display());
    let port: u16 = line
        .strip_prefix(&prefix)
        .and_then(|rest| rest.strip_suffix("/\n"))
        .and_then(|port| port.parse().ok())
        .unwrap_or_else(|| {
            let _ = child.kill();
            panic!("unexpected announcement {line:?}")
        });

    let (status, text) = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(raw_get(SocketAddr::from(([127, 0, 0, 1], port)), "/"));
    assert_eq!(status, 200);
    assert_is_the_page(text.split("\r\n\r\n").nth(1).unwrap_or(""));

    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("server ignored SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status}");
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert!(rest.is_empty(), "more than one line on stdout: {rest:?}");
}
