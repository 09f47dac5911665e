//! The mock API's error answers: Weibo's JSON body and codes, a 4xx status,
//! and a message that says what to change.

use axum::{
    http::StatusCode,
    response::{IntoResponse, Response},
    Json,
};

use crate::core::weibo::{error_code, ApiError, REPOST_TIMELINE_PATH};

/// Why a repost timeline request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimelineError {
    /// No `access_token`, or an empty one (403, 21301).
    MissingToken,
    /// The server has an allow-list and this token is not on it (403, 21332).
    TokenNotAllowed,
    /// A parameter is missing or out of range (400, 10008); the message
    /// names it and its allowed values.
    BadParameter(String),
    /// More than `max_queued` requests already wait for this token (429, 10023).
    QueueFull { max_queued: usize },
}

impl TimelineError {
    /// `parameter must be <rule>, not "<value>"`, the value shortened.
    pub fn bad_value(parameter: &str, rule: &str, value: &str) -> Self {
        const SHOWN: usize = 40;
        let shown: String = value.chars().take(SHOWN).collect();
        let more = if value.chars().count() > SHOWN {
            "..."
        } else {
            ""
        };
        TimelineError::BadParameter(format!("{parameter} must be {rule}, not \"{shown}{more}\""))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            TimelineError::MissingToken | TimelineError::TokenNotAllowed => StatusCode::FORBIDDEN,
            TimelineError::BadParameter(_) => StatusCode::BAD_REQUEST,
            TimelineError::QueueFull { .. } => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    pub fn code(&self) -> u32 {
        match self {
            TimelineError::MissingToken => error_code::MISSING_TOKEN,
            TimelineError::TokenNotAllowed => error_code::TOKEN_NOT_ALLOWED,
            TimelineError::BadParameter(_) => error_code::BAD_PARAMETER,
            TimelineError::QueueFull { .. } => error_code::RATE_LIMITED,
        }
    }

    pub fn message(&self) -> String {
        match self {
            TimelineError::MissingToken => {
                "access_token is missing: add access_token=<your token> to the query \
                 (this mock server accepts any non-empty token unless started with --allow-token)"
                    .to_owned()
            }
            TimelineError::TokenNotAllowed => {
                "access_token is not allowed on this server: use one of the tokens \
                 it was started with (--allow-token)"
                    .to_owned()
            }
            TimelineError::BadParameter(message) => message.clone(),
            TimelineError::QueueFull { max_queued } => format!(
                "too many requests: more than {max_queued} requests are waiting for this \
                 access_token; wait for some to finish before sending more"
            ),
        }
    }

    /// The JSON body, as Weibo writes it.
    pub fn body(&self) -> ApiError {
        ApiError {
            error: self.message(),
            error_code: self.code(),
            request: REPOST_TIMELINE_PATH.to_owned(),
        }
    }
}

impl std::fmt::Display for TimelineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message(), self.code())
    }
}

impl std::error::Error for TimelineError {}

impl IntoResponse for TimelineError {
    fn into_response(self) -> Response {
        (self.status(), Json(self.body())).into_response()
    }
}
