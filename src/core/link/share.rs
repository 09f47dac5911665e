//! Results carried in a link's fragment (`#results=...`): deflated JSON in
//! base64url. The fragment never reaches a server; opening the link shows the
//! sender's numbers beside the viewer's own run. Traces are left out to keep
//! links short.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::sync::Arc;

use crate::core::results::schema::ResultsDoc;

pub const FRAGMENT_KEY: &str = "results=";
/// Decompressed results larger than this are refused (a hostile link could
/// otherwise expand into gigabytes).
const MAX_JSON_BYTES: usize = 1 << 20;

/// `results=<base64url(deflate(json))>`, without the `#`.
pub fn encode_fragment(results: &ResultsDoc) -> String {
    let mut shared = results.clone();
    for run in &mut shared.runs {
        run.tasks = Arc::new([]);
    }
    let json = serde_json::to_vec(&shared).expect("results serialise");
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{FRAGMENT_KEY}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Reads a fragment (with or without `#`); `None` if it carries no results.
pub fn decode_fragment(fragment: &str) -> Option<Result<ResultsDoc, SharedError>> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let encoded = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY))?;
    Some(decode(encoded))
}

/// The page's address for `query` (without `?`): a fragment carrying
/// results stays, so the address still links to them and a second such link
/// opened in this tab is a fragment change the page hears (`hashchange`).
pub fn address(query: &str, fragment: &str) -> String {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    // Only looked at, not decoded: this runs on every edit of a field.
    match fragment
        .split('&')
        .any(|part| part.starts_with(FRAGMENT_KEY))
    {
        true => format!("?{query}#{fragment}"),
        false => format!("?{query}"),
    }
}

/// Why a link's shared results cannot be read; said in the page's language.
#[derive(Clone, Debug, PartialEq)]
pub enum SharedError {
    NotBase64,
    /// Not deflate, or more than `MAX_JSON_BYTES` inflated.
    Damaged,
    /// JSON that is not a results document (the parser's words).
    NotResults(String),
}

impl SharedError {
    pub fn text(&self, lang: crate::core::i18n::Lang) -> String {
        let text = &lang.text().failures;
        match self {
            SharedError::NotBase64 => text.shared_not_base64.to_string(),
            SharedError::Damaged => text.shared_damaged.to_string(),
            SharedError::NotResults(detail) => (text.shared_not_results)(detail),
        }
    }
}

fn decode(encoded: &str) -> Result<ResultsDoc, SharedError> {
    let packed = URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .map_err(|_| SharedError::NotBase64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES)
        .map_err(|_| SharedError::Damaged)?;
    serde_json::from_slice(&json).map_err(|err| SharedError::NotResults(err.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::link::config::{ExperimentKind, PageConfig};

    #[test]
    fn the_address_keeps_a_results_fragment_only() {
        assert_eq!(address("n=5", "#results=abc"), "?n=5#results=abc");
        assert_eq!(address("n=5", "results=abc"), "?n=5#results=abc");
        assert_eq!(address("n=5", "#top"), "?n=5");
        assert_eq!(address("n=5", ""), "?n=5");
    }
    use crate::core::pool::modes::PoolMode;
    use crate::core::results::schema::{Check, Environment, RunRecord, TaskRecord, SCHEMA_VERSION};

    #[test]
    fn round_trip_without_traces() {
        let task = TaskRecord::from(crate::core::pool::modes::TaskTrace {
            input: 1,
            worker: 0,
            start_ms: 0.0,
            end_ms: 1.0,
        });
        let results = ResultsDoc {
            schema: SCHEMA_VERSION,
            experiment: ExperimentKind::Factorial,
            complete: true,
            config: (&PageConfig {
                modes: vec![PoolMode::Map],
                ..PageConfig::defaults(2)
            })
                .into(),
            environment: Environment {
                hardware_concurrency: 8,
                cross_origin_isolated: true,
                user_agent: "x".into(),
                timer_resolution_ms: None,
            },
            runs: vec![RunRecord::new(
                PoolMode::Map,
                2,
                vec![1.5],
                vec![task],
                Check {
                    bits: Some(7),
                    ..Check::default()
                },
            )],
            breakeven: vec![],
            model: vec![],
            errors: vec![],
        };
        let fragment = encode_fragment(&results);
        let decoded = decode_fragment(&format!("#{fragment}")).unwrap().unwrap();
        assert!(decoded.runs[0].tasks.is_empty());
        assert_eq!(decoded.runs[0].times_ms, vec![1.5]);
        assert_eq!(decoded.environment.hardware_concurrency, 8);
    }

    #[test]
    fn a_sweeps_lesson_survives_the_link() {
        use crate::core::pool::modes::Backend;
        use crate::core::results::breakdown::Breakdown;
        use crate::core::run::repeats::RepeatStop;
        // A sweep of two n: serial and map on 2 threads per n.
        let run = |mode, workers, n: u64, median: f64| {
            let mut run = RunRecord::new(mode, workers, vec![median; 9], vec![], Check::default());
            run.n = Some(n);
            run.repeat_stop = Some(RepeatStop::Precision);
            if mode != PoolMode::Serial {
                run.backend = Some(Backend::Threads);
                run.pool_startup_ms = Some(5.0);
                run.breakdown = Some(Breakdown {
                    wall_ms: median,
                    busy_ms: 1.5 * median,
                    idle_ms: 0.5 * median,
                    work_ms: None,
                });
            }
            run
        };
        let mut results = ResultsDoc::of_runs_for_tests(vec![
            run(PoolMode::Serial, 1, 10, 0.1),
            run(PoolMode::Map, 2, 10, 0.4),
            run(PoolMode::Serial, 1, 1000, 40.0),
            run(PoolMode::Map, 2, 1000, 25.0),
        ]);
        crate::core::results::schema::fill_speedups(&mut results);
        crate::core::results::schema::fill_lesson(&mut results);
        assert_eq!(results.breakeven.len(), 1);
        assert!(results.breakeven[0].n_warm.is_some());
        assert!(!results.model.is_empty());
        assert!(results.runs[3].predicted_ms.is_some());
        let fragment = encode_fragment(&results);
        let decoded = decode_fragment(&format!("#{fragment}")).unwrap().unwrap();
        assert_eq!(decoded.breakeven, results.breakeven);
        assert_eq!(decoded.model, results.model);
        for (decoded, run) in decoded.runs.iter().zip(&results.runs) {
            assert_eq!(decoded.n, run.n);
            assert_eq!(decoded.repeat_stop, run.repeat_stop);
            assert_eq!(decoded.breakdown, run.breakdown);
            assert_eq!(decoded.predicted_ms, run.predicted_ms);
            assert_eq!(decoded.speedup, run.speedup);
        }
    }

    #[test]
    fn bad_fragments_are_errors_not_panics() {
        assert!(decode_fragment("#other=1").is_none());
        assert!(decode_fragment("#results=%%%").unwrap().is_err());
        assert!(decode_fragment("#results=AAAA").unwrap().is_err());
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 4 << 20], 9);
        assert!(
            decode_fragment(&format!("results={}", URL_SAFE_NO_PAD.encode(bomb)))
                .unwrap()
                .is_err()
        );
    }
}
