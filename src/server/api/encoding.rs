//! An answer's JSON, made and compressed before the simulated latency ends:
//! the time a page takes to serialise and compress is part of the latency,
//! not added to it. Compressed here as the client accepts (brotli, else gzip);
//! the app's compression layer leaves an encoded answer alone.

use axum::{
    http::{header, HeaderMap, HeaderValue},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use std::io::Write;

/// Brotli's quality for answers: small answers, made well within the
/// latency (docs/benchmark.md).
const BROTLI_QUALITY: i32 = 5;

/// `value` as a JSON answer, encoded for `request_headers`' Accept-Encoding.
pub fn json_answer(value: &impl Serialize, request_headers: &HeaderMap) -> Response {
    let json = serde_json::to_vec(value).expect("answers serialise");
    let accepts = |name| accepts_encoding(request_headers, name);
    let (body, encoding) = if accepts("br") {
        let mut out = Vec::with_capacity(json.len() / 8);
        let params = brotli::enc::BrotliEncoderParams {
            quality: BROTLI_QUALITY,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut json.as_slice(), &mut out, &params)
            .expect("compressing into memory");
        (out, Some("br"))
    } else if accepts("gzip") {
        let mut encoder = flate2::write::GzEncoder::new(
            Vec::with_capacity(json.len() / 8),
            flate2::Compression::fast(),
        );
        encoder.write_all(&json).expect("compressing into memory");
        (
            encoder.finish().expect("compressing into memory"),
            Some("gzip"),
        )
    } else {
        (json, None)
    };
    let mut response = (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    response
}

/// Whether Accept-Encoding lists `name` with a weight above zero.
fn accepts_encoding(headers: &HeaderMap, name: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let named = parts
                .next()
                .is_some_and(|token| token.eq_ignore_ascii_case(name));
            let refused = parts.any(|param| {
                param
                    .strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q <= 0.0)
            });
            named && !refused
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(accept: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(accept).unwrap(),
        );
        headers
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts_encoding(&headers("gzip, deflate, br, zstd"), "br"));
        assert!(accepts_encoding(&headers("GZIP;q=0.5"), "gzip"));
        assert!(!accepts_encoding(&headers("br;q=0, gzip"), "br"));
        assert!(!accepts_encoding(&headers("gzip"), "br"));
        assert!(!accepts_encoding(&HeaderMap::new(), "gzip"));
    }
}
