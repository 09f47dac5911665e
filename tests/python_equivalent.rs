//! The "Python equivalent" of a configuration runs under `python3` and
//! prints one line per run: the factorial lab's on its own, the repost lab's
//! against this crate's mock API; in each language (Chinese comments too).

use std::path::Path;
use std::process::Command;

use parallel_playground::core::i18n::Lang;
use parallel_playground::core::link::codec::parse_query;
use parallel_playground::core::view::python_code::python_equivalent;
use parallel_playground::server::ServerConfig;

mod common;

/// Runs `code` from a file (multiprocessing's spawn re-imports it) and
/// returns its output lines.
fn run_python(code: &str, dir: &Path) -> Vec<String> {
    let script = dir.join("equivalent.py");
    std::fs::write(&script, code).unwrap();
    let output = match Command::new("python3").arg(&script).output() {
        Ok(output) => output,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            panic!(
                "python3 was not found on PATH: install Python 3 (e.g. `apt-get install python3`)"
            )
        }
        Err(err) => panic!("could not run python3: {err}"),
    };
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{}\n{code}\nstdout: {stdout}\nstderr: {stderr}",
        output.status
    );
    stdout.lines().map(str::to_owned).collect()
}

/// One line per planned run: `serial <seconds>` or `<mode> <workers> <seconds>`.
fn assert_one_line_per_run(lines: &[String], query: &str) {
    let config = parse_query(query, 2).config;
    let expected: Vec<String> = config
        .planned_runs()
        .iter()
        .map(|(mode, workers)| match mode.uses_pool() {
            true => format!("{} {workers}", mode.name()),
            false => mode.name().to_string(),
        })
        .collect();
    let named: Vec<String> = lines
        .iter()
        .map(|line| line.rsplit_once(' ').unwrap().0.to_string())
        .collect();
    assert_eq!(named, expected, "{lines:?}");
    for line in lines {
        let seconds: f64 = line
            .rsplit(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{line}"));
        // A timed call takes some time, and these small runs well under a minute.
        assert!(
            seconds.is_finite() && seconds > 0.0 && seconds < 60.0,
            "{line}"
        );
    }
}

#[test]
fn the_factorial_program_runs_and_prints_a_line_per_run() {
    let dir = common::unique_temp_dir("python-factorial");
    let query = "exp=factorial&n=50&modes=serial,apply,apply_async,map,map_async&workers=1,2&repeat=2&chunk=3";
    for lang in Lang::ALL {
        let code = python_equivalent(&parse_query(query, 2).config, "http://127.0.0.1:8080", lang);
        assert_one_line_per_run(&run_python(&code, &dir), query);
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_sweep_program_measures_every_n_in_turn() {
    let dir = common::unique_temp_dir("python-sweep");
    let query = "v=2&exp=factorial&n=10,40&modes=serial,map&workers=1,2&repeat=2";
    let code = python_equivalent(
        &parse_query(query, 2).config,
        "http://127.0.0.1:8080",
        Lang::En,
    );
    assert!(code.contains("N_VALUES = [10, 40]"), "{code}");
    let lines = run_python(&code, &dir);
    // Each n prints its own serial and pool lines, in the page's order.
    let named: Vec<String> = lines
        .iter()
        .map(|line| line.rsplit_once(' ').unwrap().0.to_string())
        .collect();
    let per_n = |n| {
        vec![
            format!("n = {n} serial"),
            format!("n = {n} map 1"),
            format!("n = {n} map 2"),
        ]
    };
    assert_eq!(named, [per_n(10), per_n(40)].concat(), "{lines:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_repost_program_runs_against_the_mock_api() {
    let dir = common::unique_temp_dir("python-reposts");
    std::fs::write(dir.join("index.html"), "<!doctype html>").unwrap();
    let server = common::InProcess::start(ServerConfig {
        port: 0,
        dist: dir.clone(),
        latency_ms: 0,
        ..ServerConfig::default()
    })
    .await;
    // A token that Rust's `{:?}` would write as `\u{200b}`, with characters
    // a URL and a string literal must escape.
    let query = "exp=reposts&pages=2&count=20&latency=0&modes=serial,apply,apply_async,map,map_async&workers=1,2&repeat=1\
                 &token=a%E2%80%8Bb%22%5C%26%20c";
    let config = parse_query(query, 2).config;
    assert_eq!(config.token, "a\u{200b}b\"\\& c");
    for lang in Lang::ALL {
        let code = python_equivalent(&config, &format!("http://{}", server.addr), lang);
        let lines = {
            let dir = dir.clone();
            tokio::task::spawn_blocking(move || run_python(&code, &dir))
                .await
                .unwrap()
        };
        assert_one_line_per_run(&lines, query);
    }
    server.stop().await;
    let _ = std::fs::remove_dir_all(dir);
}
