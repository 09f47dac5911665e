//! The mock API's OpenAPI 3 description, served at `/openapi.json`. It is
//! written by hand beside what it describes ([`super::params`],
//! [`super::error`], [`super::data`]); the tests below hold it to their
//! constants, and schemathesis (tests/server_schemathesis.rs) to the answers.

use axum::{
    http::{header, HeaderValue},
    response::IntoResponse,
};

/// Where the description is served.
pub const PATH: &str = "/openapi.json";

/// The description itself.
pub const DOCUMENT: &str = include_str!("openapi.json");

pub async fn document() -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        DOCUMENT,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::weibo::{DEFAULT_COUNT, MAX_COUNT, REPOST_TIMELINE_PATH};
    use crate::server::api::{params, TimelineError};
    use serde_json::{json, Value};

    fn document() -> Value {
        serde_json::from_str(DOCUMENT).expect("openapi.json is JSON")
    }

    fn parameter(name: &str) -> Value {
        let document = document();
        let parameters = document["paths"][REPOST_TIMELINE_PATH]["get"]["parameters"]
            .as_array()
            .expect("the timeline's parameters")
            .clone();
        parameters
            .into_iter()
            .find(|parameter| parameter["name"] == name)
            .unwrap_or_else(|| panic!("{name} is described"))
    }

    #[test]
    fn parameters_say_what_params_rs_accepts() {
        for name in ["access_token", "id"] {
            assert_eq!(parameter(name)["required"], true, "{name}");
        }
        assert_eq!(parameter("access_token")["schema"]["minLength"], 1);
        assert_eq!(parameter("id")["schema"]["minimum"], 1);
        assert_eq!(parameter("id")["schema"]["maximum"], i64::MAX);
        assert_eq!(parameter("count")["schema"]["default"], DEFAULT_COUNT);
        assert_eq!(parameter("page")["schema"]["minimum"], 1);
        for name in ["latency_ms", "jitter_ms"] {
            assert_eq!(parameter(name)["schema"]["minimum"], 0, "{name}");
            assert_eq!(
                parameter(name)["schema"]["maximum"],
                params::MAX_DELAY_MS,
                "{name}"
            );
        }
        assert_eq!(parameter("max_concurrent")["schema"]["minimum"], 1);
        assert_eq!(
            parameter("max_concurrent")["schema"]["maximum"],
            params::MAX_CONCURRENT_QUERY
        );
        let schemas = &document()["components"]["schemas"];
        assert_eq!(
            schemas["RepostTimeline"]["properties"]["reposts"]["maxItems"],
            MAX_COUNT
        );
    }

    #[test]
    fn every_error_is_described_with_its_status_and_code() {
        let document = document();
        let responses = &document["paths"][REPOST_TIMELINE_PATH]["get"]["responses"];
        let errors = [
            TimelineError::MissingToken,
            TimelineError::TokenNotAllowed,
            TimelineError::BadParameter(String::new()),
            TimelineError::QueueFull { max_queued: 1 },
        ];
        for error in errors {
            let response = &responses[error.status().as_str()];
            let schema = &response["content"]["application/json"]["schema"]["allOf"];
            assert_eq!(
                schema[0]["$ref"], "#/components/schemas/ApiError",
                "{error:?}"
            );
            let codes = schema[1]["properties"]["error_code"]["enum"]
                .as_array()
                .unwrap();
            assert!(codes.contains(&json!(error.code())), "{error:?}");
            let body = serde_json::to_value(error.body()).unwrap();
            let described = document["components"]["schemas"]["ApiError"]["properties"]
                .as_object()
                .unwrap();
            assert!(body
                .as_object()
                .unwrap()
                .keys()
                .all(|key| described.contains_key(key)));
            assert_eq!(
                document["components"]["schemas"]["ApiError"]["properties"]["request"]["enum"][0],
                body["request"]
            );
        }
    }

    #[test]
    fn a_page_has_exactly_the_described_fields() {
        let document = document();
        let schemas = &document["components"]["schemas"];
        let keys = |value: &Value| {
            let mut keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
            keys.sort();
            keys
        };
        let page = serde_json::to_value(super::super::data::repost_timeline(
            super::super::data::TUTORIAL_MID,
            2,
            1,
        ))
        .unwrap();
        assert_eq!(keys(&page), keys(&schemas["RepostTimeline"]["properties"]));
        let repost = &page["reposts"][0];
        assert_eq!(keys(repost), keys(&schemas["Status"]["properties"]));
        assert_eq!(keys(&repost["user"]), keys(&schemas["User"]["properties"]));
    }
}
