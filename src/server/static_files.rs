//! Serving the built app's files from the dist folder.
//!
//! This module owns which request paths map to which files (and which are
//! refused), their `Content-Type` and their `Cache-Control`. Reading the file,
//! `Last-Modified`, conditional requests, ranges and HEAD are left to
//! tower-http's `ServeFile` (which answers an empty 500 if a read fails).
//!
//! Precompressed files: scripts/build writes `NAME.br` and `NAME.gz` beside
//! the app's files (src/bin/precompress.rs: brotli at quality 11, gzip by
//! zopfli), and a client that accepts one gets it, with `Content-Encoding`,
//! instead of the file (the router's gzip layer then leaves it alone). A
//! variant is used only if it lies inside the dist folder too and is not
//! older than its file, so one left over from an older build is never sent.
//! Every file answer carries `Vary: Accept-Encoding`.
//!
//! The page (`/`, `/index.html`) is the one file not sent as it is: its head
//! is made per link (`preview::head`).
//!
//! Dotfiles are never served (404). No request reads outside the dist folder: paths are percent-decoded and
//! any `..`, backslash or drive-like segment is refused, and the file found is
//! canonicalized and must lie under the canonical dist folder, so symlinks
//! pointing out of it are not followed.

use std::{
    fs::Metadata,
    path::{Component, Path, PathBuf},
    sync::Arc,
};

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderValue, Method, StatusCode},
    response::{IntoResponse, Response},
};
use percent_encoding::percent_decode_str;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// Hashed names change whenever their content does, so browsers may keep
/// them for a year without asking again.
const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// Everything else (index.html above all) is revalidated on each load, so a
/// rebuild shows up on reload; `Last-Modified` keeps that cheap.
const NO_CACHE: HeaderValue = HeaderValue::from_static("no-cache");

/// The dist folder, canonicalized once at start.
#[derive(Debug, Clone)]
pub struct StaticFiles {
    root: Arc<PathBuf>,
}

impl StaticFiles {
    /// If `dist` cannot be canonicalized (it does not exist yet), it is
    /// kept as given: every lookup then fails the containment check and
    /// answers 404.
    pub fn new(dist: &Path) -> Self {
        let root = dist.canonicalize().unwrap_or_else(|_| dist.to_path_buf());
        Self {
            root: Arc::new(root),
        }
    }

    /// The regular file `path` names, after following symlinks, if it lies
    /// inside the dist folder, and its metadata.
    async fn resolve(&self, path: &RequestPath) -> Result<(PathBuf, Metadata), StaticFileError> {
        // Dotfiles (`.env`, `.git/`) are never part of the app: a deploy
        // may leave them in the folder, so they are as good as absent.
        if path.segments.iter().any(|segment| segment.starts_with('.')) {
            return Err(StaticFileError::NotFound);
        }
        let mut joined = PathBuf::clone(&self.root);
        joined.extend(&path.segments);
        if path.segments.is_empty() {
            joined.push("index.html");
        }
        let file = tokio::fs::canonicalize(&joined)
            .await
            .map_err(|_| StaticFileError::NotFound)?;
        if !file.starts_with(&*self.root) {
            return Err(StaticFileError::NotFound);
        }
        // Directories other than `/` are not listed and get no index.html.
        match tokio::fs::metadata(&file).await {
            Ok(meta) if meta.is_file() => Ok((file, meta)),
            _ => Err(StaticFileError::NotFound),
        }
    }

    /// Whether `FILE.EXTENSION`, a precompressed copy of `file` (canonical,
    /// with metadata `meta`), may be sent in its place: a regular file inside
    /// the dist folder, modified no earlier than `file`.
    async fn has_fresh_variant(&self, file: &Path, meta: &Metadata, extension: &str) -> bool {
        let mut name = file.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(extension);
        let Ok(variant) = tokio::fs::canonicalize(file.with_file_name(name)).await else {
            return false;
        };
        if !variant.starts_with(&*self.root) {
            return false;
        }
        match (tokio::fs::metadata(&variant).await, meta.modified()) {
            (Ok(variant_meta), Ok(modified)) => {
                variant_meta.is_file()
                    && variant_meta
                        .modified()
                        .is_ok_and(|variant_modified| variant_modified >= modified)
            }
            _ => false,
        }
    }
}

/// The fallback handler: every request no API route took.
pub async fn serve(
    State(files): State<StaticFiles>,
    request: Request,
) -> Result<Response, StaticFileError> {
    let path = RequestPath::parse(request.uri().path())?;
    let (file, meta) = files.resolve(&path).await?;

    // The page itself: its head names the link's experiment (link previews).
    let is_page = path.segments.is_empty() || path.segments == ["index.html"];
    if is_page && matches!(*request.method(), Method::GET | Method::HEAD) {
        // Only what the page needs is held across its read (a request's body is not `Sync`).
        let query = request.uri().query().unwrap_or("").to_owned();
        let headers = request.headers().clone();
        if let Some(page) =
            crate::server::preview::head::page(&file, meta.modified().ok(), &query, &headers).await
        {
            return Ok(page);
        }
    }

    // ServeFile picks the variant the client prefers among those enabled
    // (brotli over gzip at equal weight), else the file itself.
    let mut serve_file = ServeFile::new(&file);
    if files.has_fresh_variant(&file, &meta, "br").await {
        serve_file = serve_file.precompressed_br();
    }
    if files.has_fresh_variant(&file, &meta, "gz").await {
        serve_file = serve_file.precompressed_gzip();
    }
    // ServeFile cannot fail: a read error comes back as an empty 500.
    let Ok(response) = serve_file.oneshot(request).await;
    let mut response = response.map(Body::new);

    // Only the file's own answer gets its type, and may be kept: a 405 or
    // 500 from ServeFile must not stick for a year.
    let status = response.status();
    let is_file = status.is_success() || status == StatusCode::NOT_MODIFIED;
    let headers = response.headers_mut();
    if let Some(content_type) = path.content_type().filter(|_| is_file) {
        headers.insert(header::CONTENT_TYPE, content_type);
    }
    let cache_control = if is_file && path.is_hashed() {
        IMMUTABLE
    } else {
        NO_CACHE
    };
    headers.insert(header::CACHE_CONTROL, cache_control);
    // The body depends on Accept-Encoding: precompressed variants here, or
    // the gzip layer on the way out (which adds Vary only when it compresses).
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    Ok(response)
}

/// Why a file request was refused.
#[derive(Debug)]
pub enum StaticFileError {
    /// The path tries to leave the dist folder or is not a plain relative path.
    BadPath,
    /// No such file inside the dist folder (including symlinks pointing out).
    NotFound,
}

impl IntoResponse for StaticFileError {
    fn into_response(self) -> Response {
        // Bodies never echo the path: an error page must leak nothing.
        let (status, body) = match self {
            StaticFileError::BadPath => {
                (StatusCode::BAD_REQUEST, "400 Bad Request: invalid path\n")
            }
            StaticFileError::NotFound => (StatusCode::NOT_FOUND, "404 Not Found\n"),
        };
        (status, [(header::CACHE_CONTROL, NO_CACHE)], body).into_response()
    }
}

/// A request path, decoded and checked: plain file-name segments only.
#[derive(Debug, Clone, PartialEq, Eq)]
struct RequestPath {
    segments: Vec<String>,
}

impl RequestPath {
    /// Decodes `raw` (the URI's path, still percent-encoded) and refuses
    /// anything that could name a file outside the folder. Decoding happens
    /// before splitting so `..%2f` and `%2e%2e` are caught as `..`.
    fn parse(raw: &str) -> Result<Self, StaticFileError> {
        let decoded = percent_decode_str(raw)
            .decode_utf8()
            .map_err(|_| StaticFileError::BadPath)?;
        let mut segments = Vec::new();
        // Empty and `.` segments (`//etc/passwd`, `/./x`) add nothing: the
        // path stays relative to the dist folder.
        for segment in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
            if !is_plain_file_name(segment) {
                return Err(StaticFileError::BadPath);
            }
            segments.push(segment.to_owned());
        }
        Ok(Self { segments })
    }

    /// The file name the browser asked for (`/` means index.html).
    fn file_name(&self) -> &str {
        self.segments.last().map_or("index.html", String::as_str)
    }

    /// Trunk's content-hashed outputs: a 64-bit hex hash in the file name
    /// (16 digits, fewer when it has leading zeros)
    /// (`app-1a2b3c4d5e6f7a8b_bg.wasm`, `style-<hash>.css`), or anything
    /// under `snippets/<crate>-<hash>/`.
    fn is_hashed(&self) -> bool {
        let hashed_name = |name: &str| name.split(['-', '_', '.']).any(is_hash);
        match self.segments.as_slice() {
            [first, dir, _, ..] if first == "snippets" && hashed_name(dir) => true,
            _ => hashed_name(self.file_name()),
        }
    }

    /// Browsers are strict about these: module scripts and workers need a
    /// JavaScript type and `WebAssembly.instantiateStreaming` needs
    /// application/wasm. Decided from the requested name, not a symlink's
    /// target; other types keep ServeFile's guess.
    fn content_type(&self) -> Option<HeaderValue> {
        let extension = Path::new(self.file_name()).extension()?.to_str()?;
        let content_type = match extension.to_ascii_lowercase().as_str() {
            "html" | "htm" => "text/html; charset=utf-8",
            "js" | "mjs" => "text/javascript; charset=utf-8",
            "wasm" => "application/wasm",
            "css" => "text/css; charset=utf-8",
            "json" => "application/json",
            "svg" => "image/svg+xml",
            _ => return None,
        };
        Some(HeaderValue::from_static(content_type))
    }
}

/// One normal path component: no `..`, no separators, no drive prefix, no NUL.
fn is_plain_file_name(segment: &str) -> bool {
    let mut components = Path::new(segment).components();
    !segment.contains(['\\', ':', '\0'])
        && matches!(
            (components.next(), components.next()),
            (Some(Component::Normal(_)), None)
        )
}

fn is_hash(part: &str) -> bool {
    // Trunk prints the hash without leading zeros, so 15-digit hashes occur.
    (12..=16).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> Result<RequestPath, StaticFileError> {
        RequestPath::parse(raw)
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        for raw in [
            "/../secret",
            "/%2e%2e/secret",
            "/%2E%2E%2Fsecret",
            "/..%2fsecret",
            "/a/..%5c..%5csecret",
            "/a%5csecret",
            "/c:/windows",
            "/a/%00",
            "/%ff",
        ] {
            assert!(
                matches!(parse(raw), Err(StaticFileError::BadPath)),
                "{raw} was accepted"
            );
        }
    }

    #[test]
    fn keeps_plain_paths_relative() {
        assert_eq!(parse("//etc/passwd").unwrap().segments, ["etc", "passwd"]);
        assert_eq!(parse("/").unwrap().segments, Vec::<String>::new());
        assert_eq!(parse("/./a/b.js").unwrap().segments, ["a", "b.js"]);
        assert_eq!(parse("/a%20b.txt").unwrap().segments, ["a b.txt"]);
    }

    #[test]
    fn recognises_trunk_hashes() {
        let hashed = |raw: &str| parse(raw).unwrap().is_hashed();
        assert!(hashed("/parallel-playground-app-1a2b3c4d5e6f7a8b.js"));
        assert!(hashed("/parallel-playground-app-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(hashed("/style-0123456789abcdef.css"));
        assert!(hashed(
            "/snippets/wasm-bindgen-rayon-0123456789ABCDEF/src/workerHelpers.js"
        ));
        assert!(!hashed("/"));
        assert!(!hashed("/index.html"));
        assert!(hashed("/playground-app-dc49346035ab321_bg.wasm"));
        assert!(!hashed("/app-1a2b3c4d5.js"));
        assert!(!hashed("/snippets/x/a.js"));
    }
}
