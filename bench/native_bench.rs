//! `native_bench`: the playground's experiments on OS threads, for
//! `scripts/bench` to set beside the browser's numbers.
//!
//! The same code as in the page (`factorial_lab::measure` over the pool modes),
//! with each worker count a fresh rayon `ThreadPool` of exactly k OS threads
//! whose start-up is timed, as the page times its k web workers. Output is
//! JSON on stdout, one document per line.
//!
//! ```text
//! native_bench presets                      the tutorial's experiments (core::link::presets)
//! native_bench run QUERY...                 run factorial links, e.g. 'exp=factorial&n=100&modes=map&workers=2'
//! native_bench kernel NAME FROM TO REPEAT   time NAME(k) for k in FROM..=TO (factorial, naive_product_tree, naive_factorial)
//! ```

use std::process::ExitCode;
use std::sync::Arc;

use num_bigint::BigUint;
use parallel_playground::core::factorial::{factorial, naive_factorial, naive_product_tree};
use parallel_playground::core::i18n::Lang;
use parallel_playground::core::link::codec::parse_query;
use parallel_playground::core::link::config::ExperimentKind;
use parallel_playground::core::link::presets::{Compare, PRESETS};
use parallel_playground::core::pool::clock::now_ms;
use parallel_playground::core::pool::modes::{default_chunk, CancelFlag};
use parallel_playground::core::results::stats;
use parallel_playground::core::run::factorial_lab;
use rayon::ThreadPoolBuilder;
use serde_json::{json, Value};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("presets") => Ok(vec![presets()]),
        Some("run") if args.len() > 1 => args[1..].iter().map(|query| run(query)).collect(),
        Some("kernel") if args.len() == 5 => {
            kernel(&args[1], &args[2], &args[3], &args[4]).map(|doc| vec![doc])
        }
        _ => Err(
            "usage: native_bench presets | run QUERY... | kernel NAME FROM TO REPEAT".to_string(),
        ),
    };
    match result {
        Ok(docs) => {
            for doc in docs {
                println!("{doc}");
            }
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("native_bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn presets() -> Value {
    let presets: Vec<Value> = PRESETS
        .iter()
        .map(|preset| {
            let compare = match preset.compare {
                Compare::Run(mode, workers) => {
                    json!({ "kind": "run", "mode": mode, "workers": workers })
                }
                Compare::SerialTask(input) => json!({ "kind": "serial_task", "input": input }),
            };
            json!({
                "name": preset.title(Lang::En),
                "query": preset.query,
                "experiment": preset.experiment(),
                "tutorial_ms": preset.tutorial_ms,
                "compare": compare,
            })
        })
        .collect();
    json!({ "presets": presets })
}

/// One factorial link, run as the page runs it, on OS threads.
fn run(query: &str) -> Result<Value, String> {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let parsed = parse_query(query, cores);
    if !parsed.errors.is_empty() {
        return Err(format!("{query}: {:?}", parsed.errors));
    }
    let config = parsed.config;
    if config.experiment != ExperimentKind::Factorial {
        return Err(format!("{query}: only factorial experiments run natively"));
    }
    let cancel = CancelFlag::default();
    let mut runs = Vec::new();
    let mut errors = Vec::new();
    let sweep = config.n.iter().flat_map(|&n| {
        let inputs = factorial_lab::inputs(n);
        config
            .planned_runs()
            .into_iter()
            .map(move |run| (inputs.clone(), run))
    });
    for (inputs, (mode, workers)) in sweep {
        // A fresh pool per run, timed like the page's pool of k web workers.
        let started = now_ms();
        let pool = if mode.uses_pool() {
            let pool = ThreadPoolBuilder::new()
                .num_threads(workers)
                .thread_name(|i| format!("pool worker {i}"))
                .build()
                .map_err(|e| format!("starting {workers} threads: {e}"))?;
            Some(Arc::new(pool))
        } else {
            None
        };
        let startup_ms = now_ms() - started;
        let chunk = config
            .chunk
            .unwrap_or_else(|| default_chunk(inputs.len(), workers));
        let (mut record, run_errors) = factorial_lab::measure(
            mode,
            pool.as_ref(),
            workers,
            &inputs,
            chunk,
            config.repeat,
            &cancel,
        )
        .map_err(|_| "cancelled".to_string())?;
        if pool.is_some() {
            record.pool_startup_ms = Some(startup_ms);
        }
        runs.push(record);
        errors.extend(run_errors);
    }
    Ok(json!({ "query": query, "hardware_concurrency": cores, "runs": runs, "errors": errors }))
}

/// `name(k)` for every k in `from..=to`, `repeat` times after one warm-up.
fn kernel(name: &str, from: &str, to: &str, repeat: &str) -> Result<Value, String> {
    let kernel: fn(u64) -> BigUint = match name {
        "factorial" => factorial,
        "naive_product_tree" => naive_product_tree,
        "naive_factorial" => naive_factorial,
        other => return Err(format!("unknown kernel {other:?}")),
    };
    let number = |s: &str| s.parse::<u64>().map_err(|_| format!("not a number: {s:?}"));
    let (from, to, repeat) = (number(from)?, number(to)?, number(repeat)?.max(1));
    let once = || (from..=to).map(|k| kernel(k).bits()).sum::<u64>();
    let bits = once();
    let times_ms: Vec<f64> = (0..repeat)
        .map(|_| {
            let started = now_ms();
            std::hint::black_box(once());
            now_ms() - started
        })
        .collect();
    Ok(json!({
        "kernel": name, "from": from, "to": to, "bits": bits,
        "best_ms": stats::best(&times_ms), "median_ms": stats::median(&times_ms), "times_ms": times_ms,
    }))
}
