//! The `multiprocessing` program that a configuration corresponds to, for
//! readers coming from the tutorial. Its comments speak the page's
//! language; the code is the same in every language.

use crate::core::i18n::Lang;
use crate::core::link::config::{ExperimentKind, PageConfig, DEFAULT_TOKEN};
use crate::core::pool::modes::PoolMode;

/// Python 3 source equivalent to `config`, commented in `lang`; `api_base`
/// is where our mock API answers (the page's origin unless the link names
/// another server).
pub fn python_equivalent(config: &PageConfig, api_base: &str, lang: Lang) -> String {
    let comments = &lang.text().python;
    let pool_modes: Vec<PoolMode> = config
        .modes
        .iter()
        .copied()
        .filter(|m| m.uses_pool())
        .collect();
    let mut code = comment_lines("", comments.header);
    match config.experiment {
        ExperimentKind::Factorial => {
            code +=
                "import timeit\nfrom math import factorial\nfrom multiprocessing import Pool\n\n";
            code += &match config.n.as_slice() {
                [n] => format!("INPUTS = range(1, {n} + 1)\n"),
                sweep => format!("N_VALUES = {sweep:?}\nINPUTS = range(1, N_VALUES[0] + 1)\n"),
            };
            code += &format!("WORKER_COUNTS = {:?}\n", config.workers);
            code += &format!("REPEAT = {}\n", config.repeat.count());
            code += "TASK = factorial\n\n";
        }
        ExperimentKind::Reposts => {
            let base = config
                .api
                .clone()
                .unwrap_or_else(|| api_base.trim_end_matches('/').to_string());
            code += "import json\nimport timeit\nimport urllib.parse\nimport urllib.request\nfrom multiprocessing import Pool\n\n";
            code += &format!(
                "API = {}\n",
                python_string(&format!("{base}/2/statuses/repost_timeline.json"))
            );
            code += &format!(
                "MID, COUNT, MAX_PAGES = {}, {}, {}\n",
                config.mid, config.count, config.pages
            );
            code += &format!(
                "TOKEN = {}  # {}\n",
                python_string(if config.token.is_empty() {
                    DEFAULT_TOKEN
                } else {
                    &config.token
                }),
                comments.token
            );
            code += &format!(
                "LATENCY_MS = {}  # {}\n",
                config.latency_ms, comments.latency
            );
            code += &format!("WORKER_COUNTS = {:?}\n", config.workers);
            code += &format!("REPEAT = {}\n\n", config.repeat.count());
            code += "def fetch(page):\n";
            code += "    query = urllib.parse.urlencode(\n";
            code += "        {\"id\": MID, \"count\": COUNT, \"page\": page, \"access_token\": TOKEN, \"latency_ms\": LATENCY_MS}\n    )\n";
            code += "    with urllib.request.urlopen(f\"{API}?{query}\") as answer:\n        return json.load(answer)\n\n";
            code += "def page_count():\n";
            code += "    total = fetch(1)[\"total_number\"]\n    return min(total // COUNT + 1, MAX_PAGES)\n\n";
            code += "TASK = fetch\n\ndef inputs():\n    return range(1, page_count() + 1)\n\n";
        }
    }
    let inputs = match config.experiment {
        ExperimentKind::Factorial => "INPUTS",
        ExperimentKind::Reposts => "inputs()",
    };
    if config.modes.contains(&PoolMode::Serial) {
        code += &format!("def serial():\n    return [TASK(x) for x in {inputs}]\n\n");
    }
    let chunksize = config
        .chunk
        .map(|chunk| format!(", chunksize={chunk}"))
        .unwrap_or_default();
    for mode in &pool_modes {
        code += &match mode {
            PoolMode::Apply => format!("def run_apply(pool):\n    return [pool.apply(TASK, (x,)) for x in {inputs}]\n\n"),
            PoolMode::ApplyAsync => format!(
                "def run_apply_async(pool):\n    pending = [pool.apply_async(TASK, (x,)) for x in {inputs}]\n    return [p.get() for p in pending]\n\n"
            ),
            PoolMode::Map => format!("def run_map(pool):\n    return pool.map(TASK, {inputs}{chunksize})\n\n"),
            PoolMode::MapAsync => {
                format!("def run_map_async(pool):\n    return pool.map_async(TASK, {inputs}{chunksize}).get()\n\n")
            }
            PoolMode::Serial => String::new(),
        };
    }
    code += "if __name__ == \"__main__\":\n";
    // A sweep measures every n in turn, each pool run against serial of its n.
    let sweep = config.experiment == ExperimentKind::Factorial && config.n.len() > 1;
    let (body, n_label) = if sweep {
        code += "    for n in N_VALUES:\n        INPUTS = range(1, n + 1)\n";
        ("        ", "\"n =\", n, ")
    } else {
        ("    ", "")
    };
    if config.modes.contains(&PoolMode::Serial) {
        code += &format!(
            "{body}print({n_label}\"serial\", min(timeit.repeat(serial, number=1, repeat=REPEAT)))\n"
        );
    }
    if !pool_modes.is_empty() {
        code += &format!("{body}for workers in WORKER_COUNTS:\n");
        code += &comment_lines(&format!("{body}    "), comments.pool_once);
        code += &format!("{body}    with Pool(workers) as pool:\n");
        for mode in &pool_modes {
            let name = mode.name();
            code += &format!("{body}        run_{name}(pool)  # {}\n", comments.warm_up);
            code += &format!(
                "{body}        print({n_label}\"{name}\", workers, min(timeit.repeat(lambda: run_{name}(pool), number=1, repeat=REPEAT)))\n"
            );
        }
    }
    code
}

/// `text` as comment lines, each indented by `indent`.
fn comment_lines(indent: &str, text: &str) -> String {
    text.lines()
        .map(|line| format!("{indent}# {line}\n"))
        .collect()
}

/// A Python string literal: JSON's escapes (`\"`, `\\`, `\uXXXX`) are all
/// valid Python, where Rust's `{:?}` writes `\u{200b}`, which is not.
fn python_string(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::link::codec::parse_query;

    #[test]
    fn factorial_program_names_the_chosen_modes() {
        let config =
            parse_query("exp=factorial&n=300&modes=serial,map&workers=2&chunk=5", 2).config;
        let code = python_equivalent(&config, "http://127.0.0.1:8080", Lang::En);
        assert!(code.contains("INPUTS = range(1, 300 + 1)"));
        assert!(code.contains("pool.map(TASK, INPUTS, chunksize=5)"));
        assert!(code.contains("def serial()"));
        assert!(!code.contains("apply_async"));
    }

    #[test]
    fn repost_program_talks_to_the_mock_api() {
        let config = parse_query("exp=reposts&modes=apply_async&workers=10&latency=300", 2).config;
        let code = python_equivalent(&config, "http://127.0.0.1:8080/", Lang::En);
        assert!(code.contains("API = \"http://127.0.0.1:8080/2/statuses/repost_timeline.json\""));
        assert!(code.contains("pool.apply_async(TASK, (x,))"));
        assert!(code.contains("LATENCY_MS = 300"));
    }

    /// The code without its comments: whole comment lines dropped, a
    /// trailing comment cut.
    fn code_lines(code: &str) -> Vec<&str> {
        code.lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .map(|line| line.split_once("  # ").map_or(line, |(code, _)| code))
            .collect()
    }

    #[test]
    fn chinese_comments_around_the_same_code() {
        let is_chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for query in [
            "exp=factorial&modes=serial,apply,map&chunk=4",
            "exp=reposts&modes=serial,apply_async,map_async",
        ] {
            let config = parse_query(query, 2).config;
            let english = python_equivalent(&config, "http://127.0.0.1:8080", Lang::En);
            let chinese = python_equivalent(&config, "http://127.0.0.1:8080", Lang::ZhCn);
            assert_eq!(code_lines(&english), code_lines(&chinese), "{query}");
            let comments: Vec<&str> = chinese.lines().filter(|line| line.contains("# ")).collect();
            assert!(comments.len() >= 4, "{chinese}");
            assert!(comments.iter().all(|line| is_chinese(line)), "{comments:?}");
            assert!(!english.lines().any(is_chinese), "{english}");
        }
    }
}
