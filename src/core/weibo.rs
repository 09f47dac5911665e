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
        assert!(ours.contains("playground-server") && ours.contains("api="), "{ours}");
        let theirs = no_api_message(Some("https://example.org/weibo"), crate::core::i18n::Lang::En);
        assert!(theirs.starts_with("https://example.org/weibo serves no repost API"), "{theirs}");
    }
}
