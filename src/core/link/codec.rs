//! The link codec: an experiment's configuration <-> the page's query string.
//!
//! Parsing is strict and kind: each bad field gets its own message and keeps
//! its default, unknown keys are reported and ignored, a repeated key takes
//! its last value, and any error turns `run=1` off so nothing bad runs.
//! Messages speak the link's language: its `lang=`, else the page's default.

use std::collections::HashSet;
use std::ops::RangeInclusive;

use serde::Serialize;

use crate::core::i18n::{Fields, Lang};
use crate::core::link::config::{
    ExperimentKind, PageConfig, Theme, View, LINK_VERSION, LINK_VERSIONS,
};
use crate::core::link::fields::{self, Field, Kind, Value, MAX_LIST_LEN, MAX_TOKEN_BYTES};
use crate::core::pool::modes::{Backend, PoolMode};

/// Unknown keys named one by one; the rest are counted.
const MAX_NOTICES: usize = 10;

impl PageConfig {
    /// The canonical query string of this configuration (without `?`).
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for field in fields::of(self.experiment) {
            if let Some(text) = (field.get)(self).to_text() {
                query.append_pair(field.name(), &text);
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
    /// Things worth saying that are not errors (unknown keys, a language
    /// the page does not speak).
    pub notices: Vec<String>,
    /// The language of the messages.
    pub lang: Lang,
}

impl ParsedLink {
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

/// Reads a query string (with or without the leading `?`), with messages
/// in English unless the link says `lang=`.
pub fn parse_query(query: &str, hardware_concurrency: usize) -> ParsedLink {
    parse_query_in(query, hardware_concurrency, Lang::En)
}

/// Reads a query string, with messages in the link's `lang=`, else in
/// `default_lang` (the page's: the browser's language).
pub fn parse_query_in(query: &str, hardware_concurrency: usize, default_lang: Lang) -> ParsedLink {
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut errors = Vec::new();
    let mut notices = Vec::new();
    let mut unknown_keys: Vec<&str> = Vec::new();
    let pairs = last_values(query);
    let value_of = |key: &str| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.trim());
    // The experiment decides the defaults of the other fields.
    let experiment = match value_of("exp") {
        Some("reposts") => ExperimentKind::Reposts,
        _ => ExperimentKind::Factorial,
    };
    // The language decides the words of every message.
    // A tag the page does not speak gets English, as any bad field gets its
    // default (with a notice: it changes nothing that runs).
    let lang = match value_of("lang") {
        Some(tag) if !tag.is_empty() => Lang::parse(tag).unwrap_or(Lang::En),
        _ => default_lang,
    };
    let text = &lang.text().fields;
    // The version decides what the fields the link leaves out mean. Without
    // `v` the link is from before links had versions: version 1. One this
    // page cannot read opens with today's defaults, said so, and waits.
    let (version, bad_version) = match value_of("v") {
        None => (1, None),
        Some(v) => match v.parse::<u64>() {
            Ok(version) if LINK_VERSIONS.contains(&version) => (version, None),
            _ => (
                LINK_VERSION,
                Some((text.bad_version)(&quoted(v), LINK_VERSION)),
            ),
        },
    };
    let mut config = PageConfig::defaults_of_version(version, experiment, hardware_concurrency);
    for (key, value) in &pairs {
        match fields::lookup(experiment, key) {
            Some(field) if field.kind == Kind::Version => {}
            Some(field) => match read(field, value.trim(), text) {
                Ok(value) => (field.set)(&mut config, value),
                // How the page speaks and looks is only noticed: it changes nothing that runs.
                Err(message) if matches!(field.kind, Kind::Lang | Kind::Theme | Kind::View) => {
                    notices.push(message);
                    if field.kind == Kind::Lang {
                        config.lang = Some(Lang::En);
                    }
                }
                Err(message) => errors.push(FieldError {
                    field: field.name().to_string(),
                    message,
                }),
            },
            None => unknown_keys.push(key),
        }
    }
    if !errors.is_empty() || bad_version.is_some() {
        config.run = false;
    }
    notices.extend(bad_version);
    notices.extend(unknown_key_notices(&unknown_keys, text));
    ParsedLink {
        config,
        errors,
        notices,
        lang,
    }
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
fn unknown_key_notices(keys: &[&str], text: &Fields) -> Vec<String> {
    let mut notices: Vec<String> = keys
        .iter()
        .take(MAX_NOTICES)
        .map(|key| (text.unknown_parameter)(&quoted(key)))
        .collect();
    if keys.len() > MAX_NOTICES {
        notices.push((text.more_unknown_parameters)(keys.len() - MAX_NOTICES));
    }
    notices
}

/// One parameter's text, checked against its kind; the message in `text`'s language.
fn read(field: &Field, value: &str, text: &Fields) -> Result<Value, String> {
    if field.optional && value.is_empty() {
        return Ok(Value::Absent);
    }
    match &field.kind {
        Kind::Experiment if matches!(value, "factorial" | "reposts") => Ok(Value::Absent),
        Kind::Experiment => Err((text.bad_experiment)(&quoted(value))),
        Kind::Number(limits) => {
            number_in(field.name(), value, limits.clone(), text).map(Value::Number)
        }
        Kind::Counts(limits) => {
            parse_counts(value, limits.clone(), CountsWords::workers(text), text)
                .map(|counts| Value::Counts(counts.into_iter().map(|k| k as usize).collect()))
        }
        Kind::Sizes(limits) => {
            parse_counts(value, limits.clone(), CountsWords::sizes(text), text).map(Value::Sizes)
        }
        Kind::Repeat(_) if value.eq_ignore_ascii_case(crate::core::run::repeats::AUTO) => {
            Ok(Value::Repeat(crate::core::run::repeats::Repeat::Auto))
        }
        Kind::Repeat(limits) => number_in(field.name(), value, limits.clone(), text)
            .map(|count| Value::Repeat(crate::core::run::repeats::Repeat::Count(count as u32))),
        Kind::Modes => parse_modes(value, text).map(Value::Modes),
        Kind::Backends => parse_backends(value, text).map(Value::Backends),
        Kind::Url => parse_api(value, text).map(Value::Text),
        Kind::Token if value.is_empty() => Err((text.empty_token)(field.name())),
        Kind::Token if value.len() > MAX_TOKEN_BYTES => {
            Err((text.long_token)(field.name(), MAX_TOKEN_BYTES))
        }
        Kind::Token => Ok(Value::Text(value.to_string())),
        Kind::Flag => Ok(Value::Flag(is_true(value))),
        Kind::Lang => Lang::parse(value)
            .map(Value::Lang)
            .ok_or_else(|| (text.bad_lang)(&quoted(value))),
        Kind::Theme => Theme::parse(value)
            .map(Value::Theme)
            .ok_or_else(|| (text.bad_theme)(&quoted(value))),
        Kind::View => View::parse(value)
            .map(Value::View)
            .ok_or_else(|| (text.bad_view)(&quoted(value))),
        Kind::Version => Ok(Value::Absent), // read before the other fields
    }
}

fn is_true(value: &str) -> bool {
    matches!(value, "1" | "true" | "yes")
}

/// A value for a message: quoted, control characters escaped, cut short.
fn quoted(value: &str) -> String {
    let short: String = value.chars().take(40).collect();
    let ellipsis = if value.chars().count() > 40 {
        "…"
    } else {
        ""
    };
    format!("{:?}{ellipsis}", short)
}

/// `subject` is the parameter's name (or "each worker count").
fn number_in(
    subject: &str,
    value: &str,
    limits: RangeInclusive<u64>,
    text: &Fields,
) -> Result<u64, String> {
    let (from, to) = (*limits.start(), *limits.end());
    match value.parse::<u64>() {
        Ok(number) if limits.contains(&number) => Ok(number),
        Ok(_) => Err((text.out_of_range)(subject, from, to, &quoted(value))),
        Err(_) if value.is_empty() => Err((text.empty_number)(subject, from, to)),
        Err(_) => Err((text.not_a_number)(subject, from, to, &quoted(value))),
    }
}

fn split_list(value: &str) -> Vec<&str> {
    value
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .collect()
}

fn parse_modes(value: &str, text: &Fields) -> Result<Vec<PoolMode>, String> {
    let names = split_list(value);
    if names.is_empty() {
        return Err(text.no_mode.to_string());
    }
    let mut modes = Vec::new();
    for name in names {
        let mode = PoolMode::parse(name).ok_or_else(|| (text.unknown_mode)(&quoted(name)))?;
        if !modes.contains(&mode) {
            modes.push(mode);
        }
    }
    modes.sort();
    Ok(modes)
}

fn parse_backends(value: &str, text: &Fields) -> Result<Vec<Backend>, String> {
    let mut backends = Vec::new();
    for name in split_list(value) {
        let backend = Backend::parse(name).ok_or_else(|| (text.unknown_backend)(&quoted(name)))?;
        if !backends.contains(&backend) {
            backends.push(backend);
        }
    }
    backends.sort();
    Ok(backends)
}

/// What a list's messages call its items.
struct CountsWords {
    each: &'static str,
    /// The subject when the list has one item (`n`, not "each n").
    single: Option<&'static str>,
    none: &'static str,
}

impl CountsWords {
    fn workers(text: &Fields) -> Self {
        CountsWords {
            each: text.each_worker_count,
            single: None,
            none: text.no_worker_count,
        }
    }

    fn sizes(text: &Fields) -> Self {
        CountsWords {
            each: text.each_n,
            single: Some("n"),
            none: text.no_n,
        }
    }
}

/// A list of whole numbers, ascending, each once.
fn parse_counts(
    value: &str,
    limits: RangeInclusive<u64>,
    words: CountsWords,
    text: &Fields,
) -> Result<Vec<u64>, String> {
    let items = split_list(value);
    if items.is_empty() {
        return Err(words.none.to_string());
    }
    if items.len() > MAX_LIST_LEN {
        return Err((text.too_many_counts)(MAX_LIST_LEN, items.len()));
    }
    let subject = match words.single {
        Some(single) if items.len() == 1 => single,
        _ => words.each,
    };
    let mut workers = items
        .into_iter()
        .map(|item| number_in(subject, item, limits.clone(), text))
        .collect::<Result<Vec<_>, _>>()?;
    workers.sort_unstable();
    workers.dedup();
    Ok(workers)
}

/// Only absolute http(s) URLs: nothing from a link may become a script URL.
fn parse_api(value: &str, text: &Fields) -> Result<String, String> {
    let lower = value.to_ascii_lowercase();
    let scheme_ok = lower.starts_with("http://") || lower.starts_with("https://");
    let host_ok = value.split_once("://").is_some_and(|(_, rest)| {
        !rest.is_empty() && !rest.starts_with('/') && !rest.contains(char::is_whitespace)
    });
    if scheme_ok && host_ok && !value.contains(['<', '>', '"', '\'', '`']) {
        Ok(value.trim_end_matches('/').to_string())
    } else {
        Err((text.bad_api)(&quoted(value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::run::repeats::Repeat;

    #[test]
    fn skeleton_link() {
        let parsed = parse_query("?exp=factorial&n=300&modes=map&workers=2&repeat=1&run=1", 2);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let config = parsed.config;
        assert_eq!(config.n, vec![300]);
        assert_eq!(config.modes, vec![PoolMode::Map]);
        assert_eq!(config.workers, vec![2]);
        assert_eq!(config.repeat, Repeat::Count(1));
        assert!(config.run);
    }

    #[test]
    fn bad_fields_keep_defaults_and_stop_run() {
        let parsed = parse_query("n=0&workers=1,65&repeat=x&modes=fork&run=1", 2);
        for field in ["n", "workers", "repeat", "modes"] {
            assert!(
                parsed.error_for(field).is_some(),
                "{field}: {:?}",
                parsed.errors
            );
        }
        // A link without `v` is version 1: its defaults.
        assert_eq!(
            parsed.config,
            PageConfig::defaults_of_version(1, ExperimentKind::Factorial, 2)
        );
        assert!(!parsed.config.run);
    }

    #[test]
    fn last_repeated_key_wins_and_unknown_keys_are_noticed() {
        let parsed = parse_query("n=5&n=7&colour=red", 2);
        assert_eq!(parsed.config.n, vec![7]);
        assert_eq!(parsed.notices.len(), 1);
    }

    #[test]
    fn the_token_limit_is_in_bytes_and_says_so() {
        // 101 characters, 202 bytes: over the limit, which counts bytes.
        let parsed = parse_query(&format!("exp=reposts&token={}", "é".repeat(101)), 2);
        let message = parsed.error_for("token").expect("too long");
        assert!(message.contains("200 bytes"), "{message}");
        assert!(
            parse_query(&format!("exp=reposts&token={}", "é".repeat(100)), 2)
                .errors
                .is_empty()
        );
    }

    #[test]
    fn many_unknown_keys_get_a_few_notices_in_linear_time() {
        let keys = 100_000;
        let query: String = (0..keys).map(|i| format!("k{i}=1&")).collect();
        let started = std::time::Instant::now();
        let parsed = parse_query(&query, 2);
        assert!(
            started.elapsed() < std::time::Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(
            parsed.notices.len(),
            MAX_NOTICES + 1,
            "{:?}",
            &parsed.notices[..3]
        );
        assert_eq!(parsed.notices[0], "ignored unknown parameter \"k0\"");
        assert_eq!(
            parsed.notices[MAX_NOTICES],
            format!("and {} more unknown parameters", keys - MAX_NOTICES)
        );
        // A repeated unknown key is one notice.
        assert_eq!(
            parse_query("x=1&x=2&n=5", 2).notices,
            ["ignored unknown parameter \"x\""]
        );
    }

    #[test]
    fn api_must_be_http() {
        assert!(parse_query("api=javascript:alert(1)", 2)
            .error_for("api")
            .is_some());
        assert!(parse_query("api=http://", 2).error_for("api").is_some());
        assert_eq!(
            parse_query("api=http://127.0.0.1:9000/", 2)
                .config
                .api
                .as_deref(),
            Some("http://127.0.0.1:9000")
        );
    }

    #[test]
    fn repost_defaults_follow_the_tutorial() {
        let parsed = parse_query("exp=reposts&latency=300&pages=10&count=200", 2);
        assert!(parsed.errors.is_empty());
        assert_eq!(parsed.config.workers, vec![1, 4, 10]);
        assert_eq!(parsed.config.repeat, Repeat::Count(1));
        assert_eq!(parsed.config.latency_ms, 300);
        let mut config = parsed.config;
        config.api = Some("https://example.org/weibo".into());
        config.token = "secret".into();
        assert_eq!(parse_query(&config.to_query(), 2).config, config);
    }

    #[test]
    fn backend_is_a_list_and_defaults_to_the_page() {
        let parsed = parse_query("backend=processes,threads,processes", 2);
        assert_eq!(
            parsed.config.backends,
            Some(vec![Backend::Threads, Backend::Processes])
        );
        assert!(parsed
            .config
            .to_query()
            .contains("backend=threads,processes"));
        assert_eq!(parse_query("n=5", 2).config.backends, None);
        assert!(!parse_query("n=5", 2).config.to_query().contains("backend"));
        let bad = parse_query("backend=forks&run=1", 2);
        assert_eq!(bad.config.backends, None);
        assert!(
            bad.error_for("backend")
                .is_some_and(|m| m.contains("\"forks\"")),
            "{:?}",
            bad.errors
        );
        assert!(!bad.config.run);
    }

    /// A field's value as the results JSON publishes it (the typed
    /// `ResultsConfig` must agree).
    fn json_of(value: &fields::Value) -> serde_json::Value {
        use fields::Value;
        use serde_json::json;
        match value {
            Value::Experiment(kind) => json!(kind.name()),
            Value::Number(n) => json!(n),
            Value::Counts(counts) => json!(counts),
            // One n as a number, as schema 1 published it; a sweep as a list.
            Value::Sizes(sizes) if sizes.len() == 1 => json!(sizes[0]),
            Value::Sizes(sizes) => json!(sizes),
            Value::Repeat(repeat) => json!(repeat),
            Value::Modes(modes) => json!(modes.iter().map(|m| m.name()).collect::<Vec<_>>()),
            Value::Backends(backends) => {
                json!(backends.iter().map(|b| b.name()).collect::<Vec<_>>())
            }
            Value::Text(text) => json!(text),
            Value::Flag(flag) => json!(flag),
            Value::Lang(lang) => json!(lang.code()),
            Value::Theme(theme) => json!(theme.name()),
            Value::View(view) => json!(view.name()),
            Value::Absent => serde_json::Value::Null,
        }
    }

    /// The results' config as the field schema projects it.
    fn schema_projection(config: &PageConfig) -> serde_json::Value {
        let fields = fields::of(config.experiment).filter(|f| f.in_results);
        serde_json::Value::Object(
            fields
                .map(|f| (f.name().to_string(), json_of(&(f.get)(config))))
                .collect(),
        )
    }

    fn results_config(config: &PageConfig) -> serde_json::Value {
        let typed = crate::core::results::schema::ResultsConfig::from(config);
        let json = serde_json::to_value(&typed).unwrap();
        assert_eq!(
            json,
            schema_projection(config),
            "the typed config and the schema disagree"
        );
        // Shared documents read back to the same typed config.
        assert_eq!(
            serde_json::from_value::<crate::core::results::schema::ResultsConfig>(json.clone())
                .unwrap(),
            typed
        );
        json
    }

    #[test]
    fn the_results_config_keeps_its_names_and_values() {
        let factorial = serde_json::json!({
            "n": 100, "modes": ["serial", "apply", "apply_async", "map", "map_async"], "workers": [1, 2, 4],
            "repeat": "auto", "chunk": null, "backend": null,
        });
        assert_eq!(results_config(&PageConfig::defaults(2)), factorial);
        let mut config = PageConfig::defaults(2);
        config.backends = Some(vec![Backend::Threads, Backend::Processes]);
        config.chunk = Some(3);
        assert_eq!(
            results_config(&config)["backend"],
            serde_json::json!(["threads", "processes"])
        );
        assert_eq!(results_config(&config)["chunk"], serde_json::json!(3));
        let reposts = serde_json::json!({
            "pages": 10, "count": 200, "latency": 800, "jitter": 0, "mid": crate::core::link::config::DEFAULT_MID, "api": null,
            "modes": ["serial", "apply", "apply_async"], "workers": [1, 4, 10], "repeat": 1, "retries": 0,
        });
        assert_eq!(
            results_config(&PageConfig::defaults_for(ExperimentKind::Reposts, 2)),
            reposts
        );
    }

    fn is_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn messages_speak_the_links_language_else_the_pages() {
        let bad = "n=0&workers=1,x&modes=fork&backend=forks&colour=red";
        // The page's default language.
        let parsed = parse_query_in(bad, 2, Lang::ZhCn);
        assert_eq!(parsed.lang, Lang::ZhCn);
        for field in ["n", "workers", "modes", "backend"] {
            let message = parsed.error_for(field).unwrap();
            assert!(is_chinese(message), "{field}: {message}");
        }
        assert_eq!(
            parsed.error_for("n"),
            Some("n 须在 1 到 100000 之间，\"0\" 超出了范围")
        );
        assert_eq!(parsed.notices, ["已忽略未知参数 \"colour\""]);
        // The link's own `lang=` wins, either way.
        let english = parse_query_in(&format!("{bad}&lang=en"), 2, Lang::ZhCn);
        assert_eq!(
            english.error_for("n"),
            Some("n must be from 1 to 100000; \"0\" is out of range")
        );
        let chinese = parse_query(&format!("lang=zh-CN&{bad}"), 2);
        assert!(
            chinese.errors.iter().all(|e| is_chinese(&e.message)),
            "{:?}",
            chinese.errors
        );
        assert_eq!(chinese.config.lang, Some(Lang::ZhCn));
        // `parse_query` is English.
        assert_eq!(
            parse_query(bad, 2).error_for("modes"),
            Some("unknown mode \"fork\"; use serial, apply, apply_async, map or map_async")
        );
        let api = parse_query_in("exp=reposts&api=ftp://x&token=", 2, Lang::ZhCn);
        assert!(
            is_chinese(api.error_for("api").unwrap())
                && is_chinese(api.error_for("token").unwrap()),
            "{:?}",
            api.errors
        );
    }

    #[test]
    fn a_language_the_page_does_not_speak_is_a_notice_in_english_and_the_link_still_runs() {
        for default_lang in Lang::ALL {
            let parsed = parse_query_in("n=5&lang=xx&run=1", 2, default_lang);
            assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
            assert_eq!(parsed.config.lang, Some(Lang::En));
            assert!(parsed.config.run);
            assert_eq!(parsed.lang, Lang::En);
            assert_eq!(parsed.notices.len(), 1, "{:?}", parsed.notices);
            assert!(parsed.notices[0].contains("\"xx\""), "{:?}", parsed.notices);
            assert!(!is_chinese(&parsed.notices[0]), "{:?}", parsed.notices);
        }
        assert_eq!(
            parse_query("lang=xx", 2).notices,
            ["ignored lang=\"xx\": this page speaks zh-CN or en"]
        );
        // Empty is the browser's language, said nothing about.
        let empty = parse_query("lang=&run=1", 2);
        assert!(empty.notices.is_empty() && empty.config.lang.is_none() && empty.config.run);
    }

    #[test]
    fn the_language_round_trips_and_is_written_only_when_set() {
        let mut config = PageConfig::defaults(2);
        assert!(!config.to_query().contains("lang"));
        config.lang = Some(Lang::ZhCn);
        assert!(
            config.to_query().contains("lang=zh-CN"),
            "{}",
            config.to_query()
        );
        assert_eq!(parse_query(&config.to_query(), 2).config, config);
        // Any case reads; the link writes the tag as the page speaks it.
        let parsed = parse_query("exp=reposts&lang=ZH-cn", 2);
        assert_eq!(parsed.config.lang, Some(Lang::ZhCn));
        assert!(parsed.config.to_query().contains("lang=zh-CN"));
        config.lang = Some(Lang::En);
        assert_eq!(
            parse_query(&config.to_query(), 2).config.lang,
            Some(Lang::En)
        );
    }

    #[test]
    fn links_carry_their_version_and_an_unknown_one_is_a_notice() {
        // The page writes the current version, first.
        assert!(PageConfig::defaults(2)
            .to_query()
            .starts_with(&format!("v={LINK_VERSION}&exp=factorial&")));
        // Without `v`: a version-1 link, read with version 1's defaults.
        let old = parse_query("n=5&run=1", 2);
        assert_eq!(
            old.config,
            PageConfig {
                n: vec![5],
                run: true,
                ..PageConfig::defaults_of_version(1, ExperimentKind::Factorial, 2)
            }
        );
        assert!(old.notices.is_empty() && old.errors.is_empty());
        assert_eq!(parse_query("v=1&n=5&run=1", 2).config, old.config);
        // Version 2 repeats the factorial lab's runs `auto` where it leaves
        // `repeat` out; everything else is as version 1.
        assert_eq!(
            parse_query("v=2&n=5&run=1", 2).config,
            PageConfig {
                repeat: Repeat::Auto,
                ..old.config.clone()
            }
        );
        assert_eq!(parse_query("v=2&n=5&run=1&repeat=7", 2).config, old.config);
        // A version this page cannot read: said, today's defaults, no run.
        for v in ["99", "0", "two", ""] {
            let parsed = parse_query(&format!("v={v}&n=5&run=1"), 2);
            assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
            assert_eq!(parsed.notices.len(), 1, "{v}: {:?}", parsed.notices);
            assert!(
                parsed.notices[0].contains(&format!("v=\"{v}\"")),
                "{:?}",
                parsed.notices
            );
            assert!(!parsed.config.run);
            assert_eq!(parsed.config.n, vec![5]);
        }
        let chinese = parse_query("v=99&lang=zh-CN", 2);
        assert!(is_chinese(&chinese.notices[0]), "{:?}", chinese.notices);
    }

    #[test]
    fn theme_and_view_round_trip_and_bad_ones_are_notices() {
        let parsed = parse_query("theme=DARK&view=minimal&embed=1&run=1", 2);
        assert_eq!(
            (parsed.config.theme, parsed.config.view),
            (Some(Theme::Dark), Some(View::Minimal))
        );
        assert!(
            parsed
                .config
                .to_query()
                .contains("&theme=dark&view=minimal&run=1&embed=1"),
            "{}",
            parsed.config.to_query()
        );
        assert_eq!(
            parse_query(&parsed.config.to_query(), 2).config,
            parsed.config
        );
        let bad = parse_query("theme=pink&view=tiny&run=1", 2);
        assert!(bad.errors.is_empty() && bad.config.run, "{:?}", bad.errors);
        assert_eq!((bad.config.theme, bad.config.view), (None, None));
        assert_eq!(bad.notices.len(), 2, "{:?}", bad.notices);
        assert!(parse_query("theme=pink&lang=zh-CN", 2).notices[0].contains("\"pink\""));
    }

    #[test]
    fn to_query_round_trips() {
        let mut config = PageConfig::defaults(2);
        config.n = vec![2000];
        config.chunk = Some(7);
        config.run = true;
        assert_eq!(parse_query(&config.to_query(), 2).config, config);
    }
}
