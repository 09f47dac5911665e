//! The Weibo repost API's types, shared by the mock server and the client:
//! `GET /2/statuses/repost_timeline.json` and its error answers.

use serde::{Deserialize, Serialize};

pub const REPOST_TIMELINE_PATH: &str = "/2/statuses/repost_timeline.json";
/// Weibo serves only the latest 2000 reposts of a post.
pub const SERVED_REPOSTS: u64 = 2000;
/// Largest `count` per page; larger values are capped to it.
pub const MAX_COUNT: u64 = 200;
pub const DEFAULT_COUNT: u64 = 20;

/// Weibo's error codes that the mock API uses.
pub mod error_code {
    /// A parameter is bad or missing.
    pub const BAD_PARAMETER: u32 = 10008;
    /// Too many requests.
    pub const RATE_LIMITED: u32 = 10023;
    /// `access_token` is missing.
    pub const MISSING_TOKEN: u32 = 21301;
    /// `access_token` is not allowed.
    pub const TOKEN_NOT_ALLOWED: u32 = 21332;
}

/// One page of reposts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepostTimeline {
    pub reposts: Vec<Status>,
    /// All reposts of the post (more than are served).
    pub total_number: u64,
    pub previous_cursor: u64,
    pub next_cursor: u64,
    pub hasvisible: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Status {
    /// Weibo's format, e.g. `Tue Nov 24 10:00:00 +0800 2026`.
    pub created_at: String,
    pub id: i64,
    pub idstr: String,
    pub mid: String,
    pub text: String,
    pub source: String,
    pub reposts_count: u64,
    pub comments_count: u64,
    pub user: User,
    /// The original post, on reposts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retweeted_status: Option<Box<Status>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub idstr: String,
    pub screen_name: String,
    pub name: String,
    pub location: String,
    pub followers_count: u64,
}

/// What the client needs of a page: how many reposts it holds (counted,
/// never built: a full page's statuses are many strings) and the post's
/// `total_number`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
pub struct RepostPage {
    #[serde(rename = "reposts", deserialize_with = "count_items")]
    pub repost_count: u64,
    pub total_number: u64,
}

/// A JSON array's length; its items are checked as JSON and skipped.
fn count_items<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    struct Count;
    impl<'de> serde::de::Visitor<'de> for Count {
        type Value = u64;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an array")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut items: A) -> Result<u64, A::Error> {
            let mut count = 0;
            while items.next_element::<serde::de::IgnoredAny>()?.is_some() {
                count += 1;
            }
            Ok(count)
        }
    }
    deserializer.deserialize_seq(Count)
}

/// Why a page of reposts is not one: typed here, said in the page's
/// language by the runner (`i18n::Failures`). The API's and the browser's
/// own words are kept as they came.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PageError {
    /// The API's JSON error, with the HTTP status it came with.
    Api {
        code: u32,
        status: u16,
        message: String,
    },
    /// An error status without the API's JSON.
    Http {
        status: u16,
    },
    /// A success whose body is not a page (the parser's words).
    BadJson {
        detail: String,
    },
    /// No answer within the timeout.
    TimedOut {
        secs: f64,
    },
    /// The request failed (the browser's words).
    Network {
        detail: String,
    },
    /// The answer's body could not be read (the browser's words).
    Unreadable {
        detail: String,
    },
    Cancelled,
}

impl PageError {
    pub fn text(&self, lang: crate::core::i18n::Lang) -> String {
        let text = &lang.text().failures;
        match self {
            PageError::Api {
                code,
                status,
                message,
            } => (text.api_error)(*code, *status, message),
            PageError::Http { status } => (text.http_status)(*status),
            PageError::BadJson { detail } => (text.bad_json)(detail),
            PageError::TimedOut { secs } => (text.timed_out)(*secs),
            PageError::Network { detail } => (text.network_error)(detail),
            PageError::Unreadable { detail } => (text.unreadable_answer)(detail),
            PageError::Cancelled => text.page_cancelled.to_string(),
        }
    }
}

/// A page's answer, or why it is not one: an API error, an HTTP error, bad
/// JSON. A success is parsed once, as a page; only a failure is read as an error.
pub fn read_page(status: u16, body: &str) -> Result<RepostPage, PageError> {
    let api_error = || {
        serde_json::from_str::<ApiError>(body)
            .ok()
            .map(|error| PageError::Api {
                code: error.error_code,
                status,
                message: error.error,
            })
    };
    if !(200..300).contains(&status) {
        return Err(api_error().unwrap_or(PageError::Http { status }));
    }
    serde_json::from_str(body).map_err(|err| {
        api_error().unwrap_or_else(|| PageError::BadJson {
            detail: err.to_string(),
        })
    })
}

/// The body of every error answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    pub error_code: u32,
    pub request: String,
}

/// A probe's answer that says no API lives at the base at all: a 404 that
/// is not the API's own JSON error, as any static file server gives for
/// `/2/statuses/...` (the README invites serving `dist/` with one).
pub fn serves_no_api(status: u16, body: &str) -> bool {
    status == 404 && serde_json::from_str::<ApiError>(body).is_err()
}

/// What to do about it, in words: said once instead of a 404 per run.
pub fn no_api_message(api: Option<&str>, lang: crate::core::i18n::Lang) -> String {
    let text = &lang.text().runs;
    match api {
        None => (text.no_api_here)(REPOST_TIMELINE_PATH),
        Some(base) => (text.no_api_there)(base, REPOST_TIMELINE_PATH),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a_page(reposts: usize) -> String {
        let user = User {
            id: 1,
            idstr: "1".into(),
            screen_name: "用户".into(),
            name: "用户".into(),
            location: "北京".into(),
            followers_count: 3,
        };
        let status = Status {
            created_at: "Tue Nov 24 10:00:00 +0800 2026".into(),
            id: 7,
            idstr: "7".into(),
            mid: "7".into(),
            text: "转发 [\"quoted\"] {not: json}".into(),
            source: "web".into(),
            reposts_count: 0,
            comments_count: 0,
            user,
            retweeted_status: None,
        };
        let mut retweet = status.clone();
        retweet.retweeted_status = Some(Box::new(status));
        let page = RepostTimeline {
            reposts: vec![retweet; reposts],
            total_number: 4321,
            previous_cursor: 0,
            next_cursor: 0,
            hasvisible: false,
        };
        serde_json::to_string(&page).unwrap()
    }

    #[test]
    fn a_page_is_read_for_its_count_and_total() {
        assert_eq!(
            read_page(200, &a_page(3)),
            Ok(RepostPage {
                repost_count: 3,
                total_number: 4321
            })
        );
        assert_eq!(
            read_page(200, &a_page(0)),
            Ok(RepostPage {
                repost_count: 0,
                total_number: 4321
            })
        );
        let page = a_page(2);
        let truncated = &page[..page.rfind("\"text\"").unwrap()];
        assert!(
            read_page(200, truncated)
                .unwrap_err()
                .text(crate::core::i18n::Lang::En)
                .starts_with("bad JSON in the answer"),
            "items are still checked as JSON"
        );
        assert!(read_page(200, r#"{"reposts":{},"total_number":1}"#)
            .unwrap_err()
            .text(crate::core::i18n::Lang::En)
            .starts_with("bad JSON"));
    }

    #[test]
    fn failures_say_the_api_error_or_the_status() {
        let read_in_english = |status, body: &str| {
            read_page(status, body).map_err(|e| e.text(crate::core::i18n::Lang::En))
        };
        let error = r#"{"error":"too many requests","error_code":10023,"request":"/2/statuses/repost_timeline.json"}"#;
        assert_eq!(
            read_in_english(429, error),
            Err("API error 10023 (HTTP 429): too many requests".into())
        );
        assert_eq!(
            read_in_english(200, error),
            Err("API error 10023 (HTTP 200): too many requests".into()),
            "an error sent with 200"
        );
        assert_eq!(
            read_in_english(502, "<h1>Bad Gateway</h1>"),
            Err("HTTP 502".into())
        );
        assert_eq!(
            read_in_english(500, &a_page(1)),
            Err("HTTP 500".into()),
            "a page with an error status is no page"
        );
    }

    #[test]
    fn a_plain_404_means_no_api_and_says_what_to_do() {
        assert!(serves_no_api(404, ""));
        assert!(serves_no_api(404, "<h1>Not Found</h1>"));
        // The API's own errors are answers, not a missing API.
        let error = r#"{"error":"no such post","error_code":20101,"request":"/2/statuses/repost_timeline.json"}"#;
        assert!(!serves_no_api(404, error));
        assert!(!serves_no_api(400, ""));
        let ours = no_api_message(None, crate::core::i18n::Lang::En);
        assert!(ours.starts_with("This host serves no mock API"), "{ours}");
        assert!(
            ours.contains("playground-server") && ours.contains("api="),
            "{ours}"
        );
        let theirs = no_api_message(
            Some("https://example.org/weibo"),
            crate::core::i18n::Lang::En,
        );
        assert!(
            theirs.starts_with("https://example.org/weibo serves no repost API"),
            "{theirs}"
        );
    }
}
