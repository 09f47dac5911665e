//! The results JSON as text, assembled from each run's JSON, serialised once
//! when the run arrived: a document of many large traces is never
//! serialised again as a whole (that would block the page for long), and
//! the page can publish it piece by piece (`web::platform::results_json`).

use crate::core::results::schema::ResultsDoc;

/// The results JSON around its runs: `head` ends with `"runs":[` and `tail`
/// starts with `]`, so `head + runs.join(",") + tail` is the document.
pub fn json_frame(results: &ResultsDoc) -> (String, String) {
    let mut frame = results.clone();
    frame.runs.clear();
    let frame = serde_json::to_string(&frame).expect("results serialise");
    // Keys are written in field order and no string holds an unescaped
    // quote, so the first `"runs":[]` is the field itself.
    let split = frame.find("\"runs\":[]").expect("the runs field") + "\"runs\":[".len();
    let (head, tail) = frame.split_at(split);
    (head.to_string(), tail.to_string())
}

/// The document from its pieces: `head + runs.join(",") + tail`.
pub fn assemble(head: &str, run_texts: &[impl AsRef<str>], tail: &str) -> String {
    let runs: Vec<&str> = run_texts.iter().map(AsRef::as_ref).collect();
    [head, &runs.join(","), tail].concat()
}

/// `results` as JSON, with `run_texts[i]` the JSON of `results.runs[i]`:
/// what the page's publisher shows, checked here against serde.
#[cfg(test)]
fn results_json_text(results: &ResultsDoc, run_texts: &[impl AsRef<str>]) -> String {
    debug_assert_eq!(results.runs.len(), run_texts.len());
    let (head, tail) = json_frame(results);
    assemble(&head, run_texts, &tail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::link::config::{ExperimentKind, PageConfig};
    use crate::core::pool::modes::PoolMode;
    use crate::core::results::schema::{Check, Environment, RunRecord, TaskRecord, SCHEMA_VERSION};

    fn doc(runs: Vec<RunRecord>, errors: Vec<String>) -> ResultsDoc {
        ResultsDoc {
            schema: SCHEMA_VERSION,
            experiment: ExperimentKind::Reposts,
            complete: true,
            config: (&PageConfig {
                api: Some("http://x/\"runs\":[]-in-a-string".into()),
                ..PageConfig::defaults_for(ExperimentKind::Reposts, 2)
            })
                .into(),
            environment: Environment {
                user_agent: "agent \"runs\":[]".into(),
                ..Environment::default()
            },
            runs,
            breakeven: vec![],
            model: vec![],
            errors,
        }
    }

    #[test]
    fn equals_serialising_the_whole_document() {
        let task = TaskRecord::from(crate::core::pool::modes::TaskTrace {
            input: 3,
            worker: 1,
            start_ms: 0.5,
            end_ms: 1.25,
        });
        let runs = vec![
            RunRecord::new(
                PoolMode::Serial,
                1,
                vec![2.0, 1.0],
                vec![task.clone()],
                Check::default(),
            ),
            RunRecord::new(
                PoolMode::Map,
                2,
                vec![1.0],
                vec![task.clone(), task],
                Check::default(),
            ),
        ];
        for (runs, errors) in [
            (runs.clone(), vec!["a \"runs\":[] error".to_string()]),
            (runs, vec![]),
            (vec![], vec![]),
        ] {
            let results = doc(runs, errors);
            let texts: Vec<String> = results
                .runs
                .iter()
                .map(|r| serde_json::to_string(r).unwrap())
                .collect();
            assert_eq!(
                results_json_text(&results, &texts),
                serde_json::to_string(&results).unwrap()
            );
        }
    }
}
