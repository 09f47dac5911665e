//! The `processes` backend's semantics, natively: the scheduler the browser's
//! process pool uses (`core::pool::process_pool::Dispatcher`), driving OS threads
//! that share nothing with the caller but messages. The same mode tests as
//! the threads backend (tests/pool_modes.rs).

use std::collections::HashSet;
use std::time::Duration;

use parallel_playground::core::pool::modes::{
    default_chunk, CancelFlag, ModeRun, PoolMode, TaskTrace,
};
use parallel_playground::core::pool::process_pool::run_on_message_passing_threads;
use parallel_playground::core::run::factorial_lab::{self, factorial_task, Measurement};
use parallel_playground::core::run::repeats::{Repeat, RepeatStop};

const POOL_MODES: [PoolMode; 4] = [
    PoolMode::Apply,
    PoolMode::ApplyAsync,
    PoolMode::Map,
    PoolMode::MapAsync,
];

fn run<R: Send + 'static>(
    mode: PoolMode,
    workers: usize,
    inputs: &[u64],
    chunk: usize,
    task: impl Fn(u64) -> R + Clone + Send + 'static,
) -> ModeRun<R> {
    run_on_message_passing_threads(mode, workers, inputs, chunk, task, &CancelFlag::default())
        .unwrap()
}

fn slow_square(x: u64) -> u64 {
    std::thread::sleep(Duration::from_millis(15));
    x * x
}

fn overlaps(tasks: &[TaskTrace]) -> bool {
    tasks.iter().enumerate().any(|(i, a)| {
        tasks[i + 1..]
            .iter()
            .any(|b| a.start_ms < b.end_ms && b.start_ms < a.end_ms)
    })
}

fn distinct_workers(tasks: &[TaskTrace]) -> usize {
    tasks.iter().map(|t| t.worker).collect::<HashSet<_>>().len()
}

#[test]
fn every_mode_returns_results_in_input_order() {
    let inputs: Vec<u64> = (1..=40).collect();
    for mode in POOL_MODES {
        for chunk in [1, 3, 40] {
            let run = run(mode, 3, &inputs, chunk, |x| x * 10);
            assert_eq!(
                run.results,
                inputs.iter().map(|x| x * 10).collect::<Vec<_>>(),
                "{mode:?} chunk {chunk}"
            );
            assert_eq!(
                run.tasks.iter().map(|t| t.input).collect::<Vec<_>>(),
                inputs,
                "{mode:?}"
            );
        }
    }
}

#[test]
fn apply_runs_strictly_one_at_a_time() {
    let run = run(PoolMode::Apply, 2, &[1, 2, 3, 4, 5, 6], 1, slow_square);
    assert!(!overlaps(&run.tasks), "apply overlapped: {:?}", run.tasks);
    assert_eq!(
        distinct_workers(&run.tasks),
        2,
        "apply still hands tasks to every process in turn"
    );
}

#[test]
fn async_and_map_modes_overlap_on_two_workers() {
    for mode in [PoolMode::ApplyAsync, PoolMode::Map, PoolMode::MapAsync] {
        let run = run(mode, 2, &[1, 2, 3, 4, 5, 6, 7, 8], 1, slow_square);
        assert!(
            overlaps(&run.tasks),
            "{mode:?} never overlapped: {:?}",
            run.tasks
        );
    }
}

#[test]
fn map_keeps_a_chunk_on_one_worker() {
    // Python's map sends a chunk as one message: its tasks run back to back
    // on the worker that took it.
    let inputs: Vec<u64> = (1..=12).collect();
    let run = run(PoolMode::Map, 2, &inputs, 4, slow_square);
    for chunk in run.tasks.chunks(4) {
        assert!(
            chunk.iter().all(|t| t.worker == chunk[0].worker),
            "a chunk was split: {chunk:?}"
        );
        assert!(
            chunk
                .windows(2)
                .all(|pair| pair[0].end_ms <= pair[1].start_ms),
            "a chunk ran out of order: {chunk:?}"
        );
    }
}

#[test]
fn tiny_tasks_reach_every_worker_without_waiting() {
    // Nothing reserves a task per worker here: breadth-first dispatch alone
    // must give each of k processes work when there are at least k batches.
    let inputs: Vec<u64> = (1..=300).collect();
    for k in [2, 4] {
        for mode in [PoolMode::ApplyAsync, PoolMode::Map, PoolMode::MapAsync] {
            let run = run(mode, k, &inputs, default_chunk(300, k), factorial_task);
            assert_eq!(distinct_workers(&run.tasks), k, "{mode:?} on {k}");
        }
    }
}

#[test]
fn cancel_during_a_run_stops_it() {
    let cancel = CancelFlag::default();
    let stopper = {
        let cancel = cancel.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(40));
            cancel.cancel();
        })
    };
    let inputs: Vec<u64> = (1..=100).collect();
    let started = std::time::Instant::now();
    let outcome =
        run_on_message_passing_threads(PoolMode::Apply, 2, &inputs, 1, slow_square, &cancel);
    stopper.join().unwrap();
    assert!(outcome.is_err(), "a cancelled run returns no results");
    assert!(
        started.elapsed() < Duration::from_millis(800),
        "100 tasks of 15 ms would take 1.5 s: {:?}",
        started.elapsed()
    );
}

#[test]
fn processes_agree_with_serial_threads_on_the_check() {
    let inputs = factorial_lab::inputs(300);
    let (serial, _) = factorial_lab::measure(
        PoolMode::Serial,
        None,
        1,
        &inputs,
        1,
        Repeat::Count(1),
        &CancelFlag::default(),
    )
    .unwrap();
    for k in [1, 2, 3] {
        for mode in POOL_MODES {
            // Results cross as bytes; the caller computes what it checks.
            let bytes = |run: ModeRun<Vec<u8>>| ModeRun {
                results: run
                    .results
                    .iter()
                    .map(|b| factorial_lab::summary_of_bytes(b))
                    .collect(),
                tasks: run.tasks,
                elapsed_ms: run.elapsed_ms,
            };
            let chunk = default_chunk(inputs.len(), k);
            let factorial_bytes = |k| {
                let mut bytes = Vec::new();
                factorial_lab::append_factorial_bytes(k, &mut bytes);
                bytes
            };
            let warmup = bytes(run(mode, k, &inputs, chunk, factorial_bytes));
            let mut measurement = Measurement::new(mode, k, warmup);
            measurement.add_repeat(bytes(run(mode, k, &inputs, chunk, factorial_bytes)));
            let (record, errors) = measurement.finish(0.0, RepeatStop::Count);
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(record.check, serial.check, "{mode:?} on {k}");
            assert_eq!(record.tasks.len(), 300);
        }
    }
}
