//! The link codec: an experiment's configuration <-> the page's query string.
//!
//! Parsing is strict and kind: each bad field gets its own message and keeps
//! its default, unknown keys are reported and ignored, a repeated key takes
//! its last value, and any error turns `run=1` off so nothing bad runs.

use std::collections::HashSet;
use std::ops::RangeInclusive;

use serde::Serialize;

use crate::core::fields::{self, Field, Kind, Value, MAX_LIST_LEN, MAX_TOKEN_BYTES};
use crate::core::page_config::{ExperimentKind, PageConfig};
use crate::core::pool_modes::{Backend, PoolMode};

/// Unknown keys named one by one; the rest are counted.
const MAX_NOTICES: usize = 10;

impl PageConfig {
    /// The canonical query string of this configuration (without `?`).
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for field in fields::of(self.experiment) {
            if let Some(text) = (field.get)(self).to_text() {
                query.append_pair(field.name, &text);
            }
        }
        // Commas read better than %2C and are safe in a query.
        query.finish().replace("%2C", ",")
    }
}

/// A field of the link that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The outcome of reading a link: a usable configuration, always.
#[derive(Clone, Debug, PartialEq)]
pub struct ParsedLink {
    pub config: PageConfig,
    pub errors: Vec<FieldError>,
    /// Things worth saying that are not errors (unknown keys).
    pub notices: Vec<String>,
}

impl ParsedLink {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}

/// Reads a query string, its messages in the link's language (else `default_lang`).
pub fn parse_query_in(query: &str, hardware_concurrency: usize, _default_lang: crate::core::i18n::Lang) -> ParsedLink {
    parse_query(query, hardware_concurrency)
}

/// Reads a query string (with or without the leading `?`).
pub fn parse_query(query: &str, hardware_concurrency: usize) -> ParsedLink {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut errors = Vec::new();
    let mut unknown_keys: Vec<&str> = Vec::new();
    let pairs = last_values(query);
    // The experiment decides the defaults of the other fields.
    let experiment = match pairs.iter().find(|(k, _)| k == "exp").map(|(_, v)| v.trim()) {
        Some("reposts") => ExperimentKind::Reposts,
        _ => ExperimentKind::Factorial,
    };
    let mut config = PageConfig::defaults_for(experiment, hardware_concurrency);
    let mut fail = |field: &str, message: String| {
        errors.push(FieldError { field: field.to_string(), message });
    };
    for (key, value) in &pairs {
        match fields::lookup(experiment, key) {
            Some(field) => match read(field, value.trim()) {
                Ok(value) => (field.set)(&mut config, value),
                Err(message) => fail(field.name, message),
            },
            None => unknown_keys.push(key),
        }
    }
    if !errors.is_empty() {
        config.run = false;
    }
    let notices = unknown_key_notices(&unknown_keys);
    ParsedLink { config, errors, notices }
}

/// The query's pairs, each key once with its last value, in the order of
/// those last values (linear: a link may hold very many keys).
fn last_values(query: &str) -> Vec<(String, String)> {
    let mut seen = HashSet::new();
    let mut pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .filter(|(key, _)| seen.insert(key.clone()))
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect();
    pairs.reverse();
    pairs
}

/// One notice per unknown key up to `MAX_NOTICES`, then how many more: a
/// link with thousands of keys must not render thousands of lines.
fn unknown_key_notices(keys: &[&str]) -> Vec<String> {
    let mut notices: Vec<String> =
        keys.iter().take(MAX_NOTICES).map(|key| format!("ignored unknown parameter {}", quoted(key))).collect();
    if keys.len() > MAX_NOTICES {
        notices.push(format!("and {} more unknown parameters", keys.len() - MAX_NOTICES));
    }
    notices
}

/// One parameter's text, checked against its kind.
fn read(field: &Field, value: &str) -> Result<Value, String> {
    if field.optional && value.is_empty() {
        return Ok(Value::Absent);
    }
    match &field.kind {
        Kind::Experiment if matches!(value, "factorial" | "reposts") => Ok(Value::Absent),
        Kind::Experiment => Err(format!("exp must be factorial or reposts, not {}", quoted(value))),
        Kind::Number(limits) => number_in(field.name, value, limits.clone()).map(Value::Number),
        Kind::Counts(limits) => parse_counts(value, limits.clone()).map(Value::Counts),
        Kind::Modes => parse_modes(value).map(Value::Modes),
        Kind::Backends => parse_backends(value).map(Value::Backends),
        Kind::Url => parse_api(value).map(Value::Text),
        Kind::Token if value.is_empty() => Err(format!("{} must not be empty", field.name)),
        Kind::Token if value.len() > MAX_TOKEN_BYTES => {
            Err(format!("{} is longer than {MAX_TOKEN_BYTES} bytes (UTF-8)", field.name))
        }
        Kind::Token => Ok(Value::Text(value.to_string())),
        Kind::Flag => Ok(Value::Flag(is_true(value))),
    }
}

fn is_true(value: &str) -> bool {
    matches!(value, "1" | "true" | "yes")
}

/// A value for a message: quoted, control characters escaped, cut short.
fn quoted(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    let ellipsis = if value.chars().count() > 40 { "…" } else { "" };
    format!("{:?}{ellipsis}", short)
}

fn number_in(field: &str, value: &str, limits: RangeInclusive<u64>) -> Result<u64, String> {
    let range = format!("{} to {}", limits.start(), limits.end());
    match value.parse::<u64>() {
        Ok(number) if limits.contains(&number) => Ok(number),
        Ok(_) => Err(format!("{field} must be from {range}; {} is out of range", quoted(value))),
        Err(_) if value.is_empty() => Err(format!("{field} is empty; give a whole number from {range}")),
        Err(_) => Err(format!("{field} must be a whole number from {range}, not {}", quoted(value))),
    }
}

fn split_list(value: &str) -> Vec<&str> {
    value.split(',').map(str::trim).filter(|item| !item.is_empty()).collect()
}

fn parse_modes(value: &str) -> Result<Vec<PoolMode>, String> {
    let names = split_list(value);
    if names.is_empty() {
        return Err("choose at least one mode".to_string());
    }
    let mut modes = Vec::new();
    for name in names {
        let mode = PoolMode::parse(name).ok_or_else(|| {
            format!("unknown mode {}; use serial, apply, apply_async, map or map_async", quoted(name))
        })?;
        if !modes.contains(&mode) {
            modes.push(mode);
        }
    }
    modes.sort();
    Ok(modes)
}

fn parse_backends(value: &str) -> Result<Vec<Backend>, String> {
    let mut backends = Vec::new();
    for name in split_list(value) {
        let backend = Backend::parse(name)
            .ok_or_else(|| format!("unknown backend {}; use threads, processes or both", quoted(name)))?;
        if !backends.contains(&backend) {
            backends.push(backend);
        }
    }
    backends.sort();
    Ok(backends)
}

fn parse_counts(value: &str, limits: RangeInclusive<u64>) -> Result<Vec<usize>, String> {
    let items = split_list(value);
    if items.is_empty() {
        return Err("give at least one worker count, such as 1,2,4".to_string());
    }
    if items.len() > MAX_LIST_LEN {
        return Err(format!("at most {MAX_LIST_LEN} worker counts, not {}", items.len()));
    }
    let mut workers = items
        .into_iter()
        .map(|item| number_in("each worker count", item, limits.clone()).map(|k| k as usize))
        .collect::<Result<Vec<_>, _>>()?;
    workers.sort_unstable();
    workers.dedup();
    Ok(workers)
}

/// Only absolute http(s) URLs: nothing from a link may become a script URL.
fn parse_api(value: &str) -> Result<String, String> {
    let lower = value.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let host_ok = value.split_once("://").is_some_and(|(_, rest)| {
        !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace)
    });
    if scheme_ok && host_ok && !value.contains(['<', '>', '"', '\'', '`']) {
        Ok(value.trim_end_matches('/').to_string())
    } else {
        Err(format!("api must be an http:// or https:// URL, not {}", quoted(value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_link() {
        let parsed = parse_query("?exp=factorial&n=300&modes=map&workers=2&repeat=1&run=1", 2);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let config = parsed.config;
        assert_eq!(config.n, 300);
        assert_eq!(config.modes, vec![PoolMode::Map]);
        assert_eq!(config.workers, vec![2]);
        assert_eq!(config.repeat, 1);
        assert!(config.run);
    }

    #[test]
    fn bad_fields_keep_defaults_and_stop_run() {
        let parsed = parse_query("n=0&workers=1,65&repeat=x&modes=fork&run=1", 2);
        for field in ["n", "workers", "repeat", "modes"] {
            assert!(parsed.error_for(field).is_some(), "{field}: {:?}", parsed.errors);
        }
        assert_eq!(parsed.config, PageConfig::defaults(2));
        assert!(!parsed.config.run);
    }

    #[test]
    fn last_repeated_key_wins_and_unknown_keys_are_noticed() {
        let parsed = parse_query("n=5&n=7&colour=red", 2);
        assert_eq!(parsed.config.n, 7);
        assert_eq!(parsed.notices.len(), 1);
    }

    #[test]
    fn the_token_limit_is_in_bytes_and_says_so() {
        // 101 characters, 202 bytes: over the limit, which counts bytes.
        let parsed = parse_query(&format!("exp=reposts&token={}", "é".repeat(101)), 2);
        let message = parsed.error_for("token").expect("too long");
        assert!(message.contains("200 bytes"), "{message}");
        assert!(parse_query(&format!("exp=reposts&token={}", "é".repeat(100)), 2).errors.is_empty());
    }

    #[test]
    fn many_unknown_keys_get_a_few_notices_in_linear_time() {
        let keys = 100_000;
        let query: String = (0..keys).map(|i| format!("k{i}=1&")).collect();
        let started = std::time::Instant::now();
        let parsed = parse_query(&query, 2);
        assert!(started.elapsed() < std::time::Duration::from_secs(2), "{:?}", started.elapsed());
        assert_eq!(parsed.notices.len(), MAX_NOTICES + 1, "{:?}", &parsed.notices[..3]);
        assert_eq!(parsed.notices[0], "ignored unknown parameter \"k0\"");
        assert_eq!(parsed.notices[MAX_NOTICES], format!("and {} more unknown parameters", keys - MAX_NOTICES));
        // A repeated unknown key is one notice.
        assert_eq!(parse_query("x=1&x=2&n=5", 2).notices, ["ignored unknown parameter \"x\""]);
    }

    #[test]
    fn api_must_be_http() {
        assert!(parse_query("api=javascript:alert(1)", 2).error_for("api").is_some());
        assert!(parse_query("api=http://", 2).error_for("api").is_some());
        assert_eq!(
            parse_query("api=http://127.0.0.1:9000/", 2).config.api.as_deref(),
            Some("http://127.0.0.1:9000")
        );
    }

    #[test]
    fn repost_defaults_follow_the_tutorial() {
        let parsed = parse_query("exp=reposts&latency=300&pages=10&count=200", 2);
        assert!(parsed.errors.is_empty());
        assert_eq!(parsed.config.workers, vec![1, 4, 10]);
        assert_eq!(parsed.config.repeat, 1);
        assert_eq!(parsed.config.latency_ms, 300);
        let mut config = parsed.config;
        config.api = Some("https://example.org/weibo".into());
        config.token = "secret".into();
        assert_eq!(parse_query(&config.to_query(), 2).config, config);
    }

    #[test]
    fn backend_is_a_list_and_defaults_to_the_page() {
        let parsed = parse_query("backend=processes,threads,processes", 2);
        assert_eq!(parsed.config.backends, Some(vec![Backend::Threads, Backend::Processes]));
        assert!(parsed.config.to_query().contains("backend=threads,processes"));
        assert_eq!(parse_query("n=5", 2).config.backends, None);
        assert!(!parse_query("n=5", 2).config.to_query().contains("backend"));
        let bad = parse_query("backend=forks&run=1", 2);
        assert_eq!(bad.config.backends, None);
        assert!(bad.error_for("backend").is_some_and(|m| m.contains("\"forks\"")), "{:?}", bad.errors);
        assert!(!bad.config.run);
    }

    /// The results' config as the field schema projects it.
    fn schema_projection(config: &PageConfig) -> serde_json::Value {
        let fields = fields::of(config.experiment).filter(|f| f.in_results);
        serde_json::Value::Object(fields.map(|f| (f.name.to_string(), (f.get)(config).to_json())).collect())
    }

    fn results_config(config: &PageConfig) -> serde_json::Value {
        let typed = crate::core::results::ResultsConfig::from(config);
        let json = serde_json::to_value(&typed).unwrap();
        assert_eq!(json, schema_projection(config), "the typed config and the schema disagree");
        // Shared documents read back to the same typed config.
        assert_eq!(serde_json::from_value::<crate::core::results::ResultsConfig>(json.clone()).unwrap(), typed);
        json
    }

    #[test]
    fn the_results_config_keeps_its_names_and_values() {
        let factorial = serde_json::json!({
            "n": 100, "modes": ["serial", "apply", "apply_async", "map", "map_async"], "workers": [1, 2, 4],
            "repeat": 7, "chunk": null, "backend": null,
        });
        assert_eq!(results_config(&PageConfig::defaults(2)), factorial);
        let mut config = PageConfig::defaults(2);
        config.backends = Some(vec![Backend::Threads, Backend::Processes]);
        config.chunk = Some(3);
        assert_eq!(results_config(&config)["backend"], serde_json::json!(["threads", "processes"]));
        assert_eq!(results_config(&config)["chunk"], serde_json::json!(3));
        let reposts = serde_json::json!({
            "pages": 10, "count": 200, "latency": 800, "jitter": 0, "mid": crate::core::page_config::DEFAULT_MID, "api": null,
            "modes": ["serial", "apply", "apply_async"], "workers": [1, 4, 10], "repeat": 1, "retries": 0,
        });
        assert_eq!(results_config(&PageConfig::defaults_for(ExperimentKind::Reposts, 2)), reposts);
    }

    #[test]
    fn to_query_round_trips() {
        let mut config = PageConfig::defaults(2);
        config.n = 2000;
        config.chunk = Some(7);
        config.run = true;
        assert_eq!(parse_query(&config.to_query(), 2).config, config);
    }
}
