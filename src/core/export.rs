//! Results as files: the JSON document, CSV and a Markdown table for pasting
//! into a tutorial. Figures come from `summary_rows`, like the page's table.

use crate::core::results::ResultsDoc;
use crate::core::summary::{efficiency_text, human_duration, optional_duration, speedup_text, summary_rows};

const HEADER: [&str; 9] =
    ["mode", "workers", "best_ms", "median_ms", "speedup", "efficiency", "pool_startup_ms", "dispatch_ms", "check"];

pub fn to_json(results: &ResultsDoc) -> String {
    serde_json::to_string_pretty(results).unwrap_or_else(|_| "null".into())
}

/// Machine-readable: plain numbers in ms, empty where not applicable.
pub fn to_csv(results: &ResultsDoc) -> String {
    let mut csv = HEADER.join(",") + "\n";
    for row in summary_rows(results) {
        let number = |value: Option<f64>, digits: usize| value.map(|v| format!("{v:.digits$}")).unwrap_or_default();
        csv += &[
            row.mode.name().to_string(),
            row.workers.to_string(),
            format!("{:.4}", row.best_ms),
            format!("{:.4}", row.median_ms),
            number(row.speedup, 3),
            number(row.efficiency, 3),
            number(row.pool_startup_ms, 2),
            number(row.dispatch_ms, 4),
            format!("\"{}\"", row.check.replace('"', "\"\"")),
        ]
        .join(",");
        csv.push('\n');
    }
    csv
}

/// For people: the page's table, as Markdown.
pub fn to_markdown(results: &ResultsDoc) -> String {
    let mut markdown =
        String::from("| mode | workers | best | median | speed-up | efficiency | pool start-up | empty-task run | check |\n");
    markdown += "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
    for row in summary_rows(results) {
        markdown += &format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            row.mode.name(),
            row.workers,
            human_duration(row.best_ms),
            human_duration(row.median_ms),
            speedup_text(row.speedup),
            efficiency_text(row.efficiency),
            optional_duration(row.pool_startup_ms),
            optional_duration(row.dispatch_ms),
            row.check
        );
    }
    let env = &results.environment;
    markdown += &format!(
        "\n{} logical cores, {}cross-origin isolated; {}\n",
        env.hardware_concurrency,
        if env.cross_origin_isolated { "" } else { "not " },
        env.user_agent
    );
    markdown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pool_modes::PoolMode;
    use crate::core::results::{Check, Environment, RunRecord, SCHEMA_VERSION};

    fn sample() -> ResultsDoc {
        let check = Check { bits: Some(42), ..Check::default() };
        ResultsDoc {
            schema: SCHEMA_VERSION,
            experiment: "factorial".into(),
            complete: true,
            config: serde_json::json!({"n": 10}),
            environment: Environment { hardware_concurrency: 2, cross_origin_isolated: true, user_agent: "test".into(), timer_resolution_ms: None },
            runs: vec![
                RunRecord::new(PoolMode::Serial, 1, vec![4.0, 2.0], vec![], check.clone()),
                RunRecord::new(PoolMode::Map, 2, vec![1.0, 3.0], vec![], check),
            ],
            errors: vec![],
        }
    }

    #[test]
    fn csv_and_markdown_carry_the_table_figures() {
        let csv = to_csv(&sample());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], HEADER.join(","));
        assert_eq!(lines[2], "map,2,1.0000,2.0000,2.000,1.000,,,\"42 bits\"");
        let markdown = to_markdown(&sample());
        assert!(markdown.contains("| `map` | 2 | 1.0 ms | 2.0 ms | 2.00× | 100% | – | – | 42 bits |"), "{markdown}");
    }
}
