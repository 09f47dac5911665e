//! The link codec: every valid configuration survives a round trip through
//! its query string, and bad links get field-level errors, never a panic.

use std::ops::RangeInclusive;

use parallel_playground::core::i18n::Lang;
use parallel_playground::core::link::codec::parse_query;
use parallel_playground::core::link::config::{ExperimentKind, PageConfig};
use parallel_playground::core::link::fields::{self, Kind};
use parallel_playground::core::pool::modes::{Backend, PoolMode};
use parallel_playground::core::run::repeats::Repeat;
use proptest::prelude::*;
use ExperimentKind::{Factorial, Reposts};

fn modes() -> impl Strategy<Value = Vec<PoolMode>> {
    proptest::sample::subsequence(PoolMode::ALL.to_vec(), 1..=5)
}

fn backends() -> impl Strategy<Value = Option<Vec<Backend>>> {
    proptest::option::of(proptest::sample::subsequence(Backend::ALL.to_vec(), 1..=2))
}

/// The field `name` of `experiment` in the schema (its own, not the other
/// lab's).
fn field_of(experiment: ExperimentKind, name: &str) -> &'static fields::Field {
    fields::of(experiment)
        .find(|f| f.name() == name)
        .unwrap_or_else(|| panic!("no field {name} in {}", experiment.name()))
}

/// The limits the field schema (`core::link::fields::FIELDS`) gives field
/// `name` of `experiment`: the strategies below draw from them.
fn limits(experiment: ExperimentKind, name: &str) -> RangeInclusive<u64> {
    match &field_of(experiment, name).kind {
        Kind::Number(limits)
        | Kind::Counts(limits)
        | Kind::Sizes(limits)
        | Kind::Repeat(limits) => limits.clone(),
        other => panic!("{name} has no limits: {other:?}"),
    }
}

fn workers(experiment: ExperimentKind) -> impl Strategy<Value = Vec<usize>> {
    let limits = limits(experiment, "workers");
    proptest::collection::btree_set(*limits.start() as usize..=*limits.end() as usize, 1..=16)
        .prop_map(|set| set.into_iter().collect())
}

/// One n, or a sweep of up to 16 (ascending, each once, as the link reads them).
fn sizes() -> impl Strategy<Value = Vec<u64>> {
    proptest::collection::btree_set(limits(Factorial, "n"), 1..=16)
        .prop_map(|set| set.into_iter().collect())
}

fn counted(experiment: ExperimentKind) -> impl Strategy<Value = u32> {
    let limits = limits(experiment, "repeat");
    *limits.start() as u32..=*limits.end() as u32
}

fn repeat() -> impl Strategy<Value = Repeat> {
    prop_oneof![
        Just(Repeat::Auto),
        counted(Factorial).prop_map(Repeat::Count)
    ]
}

fn api() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        "(http|https)://[a-z]{1,10}(\\.[a-z]{2,5})?(:[0-9]{2,5})?(/[a-z0-9_-]{1,8}){0,2}"
            .prop_map(Some),
    ]
}

/// Tokens with the characters a query must escape (`,` `&` `%` and inner
/// spaces; the parser trims a value's outer spaces).
fn token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9._~,&%-]([A-Za-z0-9._~ ,&%-]{0,38}[A-Za-z0-9._~,&%-])?"
}

fn lang() -> impl Strategy<Value = Option<Lang>> {
    proptest::option::of(proptest::sample::select(Lang::ALL.to_vec()))
}

fn config() -> impl Strategy<Value = PageConfig> {
    let factorial = (
        sizes(),
        modes(),
        workers(Factorial),
        repeat(),
        proptest::option::of(limits(Factorial, "chunk").prop_map(|chunk| chunk as usize)),
        any::<bool>(),
        any::<bool>(),
        backends(),
    )
        .prop_map(
            |(n, modes, workers, repeat, chunk, run, embed, backends)| PageConfig {
                n,
                modes,
                workers,
                repeat,
                chunk,
                run,
                embed,
                backends,
                ..PageConfig::defaults_for(ExperimentKind::Factorial, 2)
            },
        );
    let reposts = (
        (
            limits(Reposts, "pages"),
            limits(Reposts, "count"),
            limits(Reposts, "latency"),
            limits(Reposts, "jitter"),
            limits(Reposts, "mid"),
        ),
        (
            modes(),
            workers(Reposts),
            counted(Reposts),
            limits(Reposts, "retries").prop_map(|retries| retries as u32),
            api(),
            token(),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(
                (pages, count, latency_ms, jitter_ms, mid),
                (modes, workers, repeat, retries, api, token, run),
            )| PageConfig {
                pages,
                count,
                latency_ms,
                jitter_ms,
                mid,
                modes,
                workers,
                repeat: Repeat::Count(repeat),
                retries,
                api,
                token,
                run,
                ..PageConfig::defaults_for(ExperimentKind::Reposts, 2)
            },
        );
    // Either experiment, in either language or the browser's.
    (prop_oneof![factorial, reposts], lang())
        .prop_map(|(config, lang)| PageConfig { lang, ..config })
}

proptest! {
    #[test]
    fn every_valid_config_round_trips(config in config()) {
        let parsed = parse_query(&config.to_query(), 2);
        prop_assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        prop_assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
        prop_assert_eq!(parsed.config, config);
    }

    #[test]
    fn any_query_parses_without_panic(query in ".{0,200}") {
        let parsed = parse_query(&query, 4);
        // A link with errors never runs.
        prop_assert!(parsed.errors.is_empty() || !parsed.config.run);
    }
}

#[test]
fn bad_links_get_field_level_errors() {
    let corpus: &[(&str, &str)] = &[
        ("n=0", "n"),
        ("n=-5", "n"),
        ("n=100001", "n"),
        ("n=99999999999999999999999", "n"),
        ("n=1e3", "n"),
        ("n=", "n"),
        ("n=%3Cimg%20src%3Dx%3E", "n"),
        ("n=%E0%A4%A", "n"),
        ("workers=0", "workers"),
        ("workers=65", "workers"),
        ("workers=", "workers"),
        ("workers=1,,x", "workers"),
        (
            "workers=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17",
            "workers",
        ),
        ("exp=reposts&workers=101", "workers"),
        ("repeat=0", "repeat"),
        ("repeat=51", "repeat"),
        ("repeat=often", "repeat"),
        ("n=10,0,100", "n"),
        ("n=10,,x", "n"),
        ("modes=", "modes"),
        ("modes=fork", "modes"),
        ("modes=serial,<script>", "modes"),
        ("chunk=0", "chunk"),
        ("exp=threads", "exp"),
        ("exp=reposts&pages=0", "pages"),
        ("exp=reposts&count=201", "count"),
        ("exp=reposts&latency=10001", "latency"),
        ("exp=reposts&jitter=-1", "jitter"),
        ("exp=reposts&mid=0", "mid"),
        ("exp=reposts&retries=4", "retries"),
        ("exp=reposts&api=javascript:alert(1)", "api"),
        ("exp=reposts&api=JAVASCRIPT://x", "api"),
        ("exp=reposts&api=data:text/html,hi", "api"),
        ("exp=reposts&api=//evil.example", "api"),
        ("exp=reposts&api=http://x\"onload=", "api"),
        ("exp=reposts&token=", "token"),
    ];
    for (query, field) in corpus {
        let with_run = format!("{query}&run=1");
        let parsed = parse_query(&with_run, 2);
        assert!(
            parsed.error_for(field).is_some(),
            "{query}: no error for {field}: {:?}",
            parsed.errors
        );
        assert!(!parsed.config.run, "{query}: a bad link must not run");
        // The bad field keeps its default (read through the schema's own
        // getter). Links without `v` are version 1: its defaults.
        let defaults = PageConfig::defaults_of_version(1, parsed.config.experiment, 2);
        let config = &parsed.config;
        let kept = match *field {
            "exp" => config.experiment == ExperimentKind::Factorial,
            name => {
                let get = field_of(config.experiment, name).get;
                get(config) == get(&defaults)
            }
        };
        assert!(kept, "{query}: {field} did not keep its default");
    }
}

/// Every limited field of the schema, just past either end, is an error
/// for that field (the corpus above names some by hand).
#[test]
fn every_limit_of_the_schema_is_enforced() {
    let mut checked = 0;
    for experiment in [Factorial, Reposts] {
        for field in fields::of(experiment) {
            let limits = match &field.kind {
                Kind::Number(limits)
                | Kind::Counts(limits)
                | Kind::Sizes(limits)
                | Kind::Repeat(limits) => limits.clone(),
                _ => continue,
            };
            let past = [limits.start().checked_sub(1), limits.end().checked_add(1)];
            for value in past.into_iter().flatten() {
                let query = format!("exp={}&{}={value}&run=1", experiment.name(), field.name());
                let parsed = parse_query(&query, 2);
                assert!(
                    parsed.error_for(field.name()).is_some(),
                    "{query}: no error for {}: {:?}",
                    field.name(),
                    parsed.errors
                );
                assert!(!parsed.config.run, "{query}: a bad link must not run");
                checked += 1;
            }
        }
    }
    assert!(checked >= 10, "only {checked} limits checked");
}

#[test]
fn messages_quote_a_bad_value_short_and_escaped() {
    // Markup is quoted as text, cut after 40 characters; a newline is escaped.
    let parsed = parse_query(&format!("n={}", "<b>".repeat(100)), 2);
    let message = parsed.error_for("n").unwrap();
    let cut = "<b>".repeat(14);
    let expected = format!(
        "n must be a whole number from 1 to 100000, not \"{}\"…",
        &cut[..40]
    );
    assert_eq!(message, expected);
    let parsed = parse_query("exp=reposts&pages=1%0A2", 2);
    assert_eq!(
        parsed.error_for("pages").unwrap(),
        "pages must be a whole number from 1 to 100, not \"1\\n2\""
    );
}
