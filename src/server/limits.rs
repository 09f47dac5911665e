//! What one client may cost the server, and the checks every request passes
//! before routing: a request target longer than the limit gets 414, a GET or
//! HEAD that carries a body gets 413. The timeouts and the connection cap
//! are kept per connection by [`super::connection`].

use std::time::Duration;

use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    Router,
};

/// The server's limits (the binary's flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A request's header must be complete this long after its first byte.
    pub header_timeout: Duration,
    /// A connection with no request under way (just opened, or between
    /// keep-alive requests) is closed after this long without a byte.
    pub idle_timeout: Duration,
    /// Most connections served at once; one more is answered 503 and closed.
    pub max_connections: usize,
    /// Longest request target (path and query) in bytes; longer gets 414.
    pub max_uri_bytes: usize,
}

impl Default for Limits {
    /// The binary's defaults.
    fn default() -> Self {
        Limits {
            header_timeout: Duration::from_secs(5),
            idle_timeout: Duration::from_secs(5),
            max_connections: 512,
            max_uri_bytes: 8 * 1024,
        }
    }
}

/// Wraps every route and the fallback of `router` in the request checks.
pub fn with_request_limits<S>(router: Router<S>, max_uri_bytes: usize) -> Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    router.layer(middleware::from_fn_with_state(max_uri_bytes, check))
}

async fn check(State(max_uri_bytes): State<usize>, request: Request, next: Next) -> Response {
    let target = target_len(request.uri());
    if target > max_uri_bytes {
        return refusal(
            StatusCode::URI_TOO_LONG,
            format!(
                "The request target is {target} bytes; this server takes at most \
                 {max_uri_bytes}. Shorten the query.\n"
            ),
        );
    }
    let method = request.method();
    if (method == Method::GET || method == Method::HEAD) && carries_body(request.headers()) {
        let mut response = refusal(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "{method} requests take no body here; send the parameters in the query string.\n"
            ),
        );
        // The body is never read, so the connection cannot carry another request.
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        return response;
    }
    next.run(request).await
}

/// The request target's length: its path and query (and its host, in the
/// absolute form proxies send).
fn target_len(uri: &Uri) -> usize {
    let authority = uri
        .authority()
        .map_or(0, |authority| authority.as_str().len());
    let path_and_query = uri
        .path_and_query()
        .map_or(0, |target| target.as_str().len());
    authority + path_and_query
}

/// A body is announced by any Transfer-Encoding, or a Content-Length above 0.
fn carries_body(headers: &HeaderMap) -> bool {
    headers.contains_key(header::TRANSFER_ENCODING)
        || headers
            .get(header::CONTENT_LENGTH)
            .is_some_and(|length| length.as_bytes().iter().any(|&digit| digit != b'0'))
}

fn refusal(status: StatusCode, message: String) -> Response {
    (
        status,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        Body::from(message),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_announced_by_its_length_or_its_encoding() {
        let headers = |pairs: &[(header::HeaderName, &'static str)]| {
            let mut headers = HeaderMap::new();
            for (name, value) in pairs {
                headers.insert(name, HeaderValue::from_static(value));
            }
            headers
        };
        assert!(!carries_body(&HeaderMap::new()));
        assert!(!carries_body(&headers(&[(header::CONTENT_LENGTH, "0")])));
        assert!(!carries_body(&headers(&[(header::CONTENT_LENGTH, "000")])));
        assert!(carries_body(&headers(&[(header::CONTENT_LENGTH, "5")])));
        assert!(carries_body(&headers(&[(header::CONTENT_LENGTH, "10")])));
        assert!(carries_body(&headers(&[(
            header::TRANSFER_ENCODING,
            "chunked"
        )])));
    }

    #[test]
    fn the_target_is_its_path_query_and_host() {
        assert_eq!(target_len(&Uri::from_static("/a?b=c")), 6);
        assert_eq!(
            target_len(&Uri::from_static("http://host:8/a")),
            "host:8/a".len()
        );
    }
}
