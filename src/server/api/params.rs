//! The repost timeline's query parameters, read and checked by hand so that
//! every bad value gets a Weibo error (never axum's rejection text).
//! Parameters this mock does not know (`since_id`, a cache-busting `_req`,
//! ...) are ignored, as Weibo ignores them.

use std::collections::HashMap;

use axum::{extract::FromRequestParts, http::request::Parts};

use super::error::TimelineError;
use crate::core::weibo::{DEFAULT_COUNT, MAX_COUNT};

/// Largest `latency_ms` and `jitter_ms`.
pub const MAX_DELAY_MS: u64 = 10_000;
/// Largest `max_concurrent` a request may ask for.
pub const MAX_CONCURRENT_QUERY: u32 = 100;

/// One request's parameters, checked. An extractor: a bad query is
/// rejected with its [`TimelineError`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineParams {
    /// Non-empty (whether it is allowed is the handler's question).
    pub access_token: String,
    /// The post's mid, positive.
    pub id: i64,
    /// Reposts per page, 1 to [`MAX_COUNT`] (larger asks are capped).
    pub count: u64,
    /// 1-based.
    pub page: u64,
    /// Added delay; `None` means the server's default.
    pub latency_ms: Option<u64>,
    /// Most extra random delay.
    pub jitter_ms: u64,
    /// Most of this token's requests answered at once, as this request asks.
    pub max_concurrent: Option<u32>,
}

impl TimelineParams {
    /// Reads a raw (still percent-encoded) query string. The token is
    /// checked first, then the parameters in the order Weibo documents them.
    /// A repeated parameter takes its last value.
    pub fn parse(query: &str) -> Result<Self, TimelineError> {
        let values: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let get = |name: &str| values.get(name).map(String::as_str);

        let access_token = match get("access_token") {
            Some(token) if !token.is_empty() => token.to_owned(),
            _ => return Err(TimelineError::MissingToken),
        };
        let id = match get("id") {
            None | Some("") => {
                return Err(TimelineError::BadParameter(
                    "id is missing: pass the post's mid, e.g. id=3664072912104801".to_owned(),
                ))
            }
            Some(raw) => match raw.parse::<i64>() {
                Ok(id) if id > 0 && is_digits(raw) => id,
                _ => {
                    return Err(TimelineError::bad_value(
                        "id",
                        "the post's mid, a positive 64-bit integer such as 3664072912104801",
                        raw,
                    ))
                }
            },
        };
        let count = match get("count") {
            None => DEFAULT_COUNT,
            Some(raw) => match whole_number(raw) {
                Some(0) | None => {
                    return Err(TimelineError::bad_value(
                        "count",
                        &format!(
                            "a whole number from 1 to {MAX_COUNT} (larger values are capped to {MAX_COUNT})"
                        ),
                        raw,
                    ))
                }
                Some(count) => count.min(MAX_COUNT),
            },
        };
        let page = match get("page") {
            None => 1,
            Some(raw) => match whole_number(raw) {
                Some(0) | None => {
                    return Err(TimelineError::bad_value(
                        "page",
                        "a whole number from 1 up (pages count from 1)",
                        raw,
                    ))
                }
                Some(page) => page,
            },
        };
        let latency_ms = get("latency_ms")
            .map(|raw| in_range(raw, "latency_ms", 0, MAX_DELAY_MS))
            .transpose()?;
        let jitter_ms = get("jitter_ms")
            .map(|raw| in_range(raw, "jitter_ms", 0, MAX_DELAY_MS))
            .transpose()?
            .unwrap_or(0);
        let max_concurrent = get("max_concurrent")
            .map(|raw| in_range(raw, "max_concurrent", 1, MAX_CONCURRENT_QUERY.into()))
            .transpose()?
            .map(|n| n as u32);
        Ok(TimelineParams {
            access_token,
            id,
            count,
            page,
            latency_ms,
            jitter_ms,
            max_concurrent,
        })
    }
}

impl<S: Send + Sync> FromRequestParts<S> for TimelineParams {
    type Rejection = TimelineError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        TimelineParams::parse(parts.uri.query().unwrap_or(""))
    }
}

fn is_digits(raw: &str) -> bool {
    !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit())
}

/// Decimal digits only; too large for u64 saturates (it is still a number).
fn whole_number(raw: &str) -> Option<u64> {
    is_digits(raw).then(|| raw.parse().unwrap_or(u64::MAX))
}

/// A whole number from `min` to `max`; anything else is an error (never
/// clamped), whose message gives the range.
fn in_range(raw: &str, name: &str, min: u64, max: u64) -> Result<u64, TimelineError> {
    match whole_number(raw) {
        Some(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(TimelineError::bad_value(
            name,
            &format!("from {min} to {max}"),
            raw,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::weibo::error_code;

    fn code(query: &str) -> u32 {
        TimelineParams::parse(query).unwrap_err().code()
    }

    #[test]
    fn defaults() {
        let params = TimelineParams::parse("id=42&access_token=t").unwrap();
        assert_eq!(
            params,
            TimelineParams {
                access_token: "t".into(),
                id: 42,
                count: DEFAULT_COUNT,
                page: 1,
                latency_ms: None,
                jitter_ms: 0,
                max_concurrent: None,
            }
        );
    }

    #[test]
    fn everything_given() {
        let params = TimelineParams::parse(
            "id=3664072912104801&count=500&page=3&access_token=a%20b&latency_ms=0&jitter_ms=10000&max_concurrent=100&_req=x",
        )
        .unwrap();
        assert_eq!(params.id, 3_664_072_912_104_801);
        assert_eq!(params.count, MAX_COUNT);
        assert_eq!(params.page, 3);
        assert_eq!(params.access_token, "a b");
        assert_eq!(params.latency_ms, Some(0));
        assert_eq!(params.jitter_ms, 10_000);
        assert_eq!(params.max_concurrent, Some(100));
        let huge =
            TimelineParams::parse("id=1&access_token=t&count=99999999999999999999999").unwrap();
        assert_eq!(huge.count, MAX_COUNT);
    }

    #[test]
    fn token_comes_first() {
        assert_eq!(code(""), error_code::MISSING_TOKEN);
        assert_eq!(code("id=1&access_token="), error_code::MISSING_TOKEN);
        assert_eq!(code("id=x"), error_code::MISSING_TOKEN);
    }

    #[test]
    fn bad_values_are_10008() {
        for query in [
            "access_token=t",
            "access_token=t&id=",
            "access_token=t&id=0",
            "access_token=t&id=-5",
            "access_token=t&id=+5",
            "access_token=t&id=1.5",
            "access_token=t&id=9223372036854775808",
            "access_token=t&id=1&count=0",
            "access_token=t&id=1&count=",
            "access_token=t&id=1&count=-1",
            "access_token=t&id=1&count=ten",
            "access_token=t&id=1&page=0",
            "access_token=t&id=1&page=x",
            "access_token=t&id=1&latency_ms=10001",
            "access_token=t&id=1&latency_ms=-1",
            "access_token=t&id=1&jitter_ms=10001",
            "access_token=t&id=1&jitter_ms=1e3",
            "access_token=t&id=1&max_concurrent=0",
            "access_token=t&id=1&max_concurrent=101",
        ] {
            assert_eq!(code(query), error_code::BAD_PARAMETER, "{query}");
        }
    }

    #[test]
    fn messages_say_what_to_do() {
        let message = |query| TimelineParams::parse(query).unwrap_err().message();
        assert!(message("access_token=t&id=1&latency_ms=10001")
            .starts_with("latency_ms must be from 0 to 10000"));
        assert!(message("access_token=t&id=1&count=0")
            .starts_with("count must be a whole number from 1 to 200"));
        assert!(message("access_token=t").contains("id=3664072912104801"));
        let long = format!("access_token=t&id=1&page={}", "x".repeat(1000));
        // A long value is shown cut after 40 characters.
        let cut = format!("not \"{}...\"", "x".repeat(40));
        assert!(message(&long).ends_with(&cut), "{}", message(&long));
    }
}
