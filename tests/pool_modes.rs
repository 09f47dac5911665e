//! Each pool mode's semantics on native threads, with the code the browser runs.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use parallel_playground::core::factorial_lab::{self, factorial_task};
use parallel_playground::core::pool_modes::{run_mode, CancelFlag, PoolMode, TaskTrace};
use rayon::{ThreadPool, ThreadPoolBuilder};

fn pool(k: usize) -> Arc<ThreadPool> {
    Arc::new(ThreadPoolBuilder::new().num_threads(k).build().unwrap())
}

/// A task slow enough that overlapping is visible in the trace.
fn slow_square(x: u64) -> u64 {
    std::thread::sleep(Duration::from_millis(15));
    x * x
}

fn overlaps(tasks: &[TaskTrace]) -> bool {
    tasks.iter().enumerate().any(|(i, a)| {
        tasks[i + 1..].iter().any(|b| a.start_ms < b.end_ms && b.start_ms < a.end_ms)
    })
}

fn distinct_workers(tasks: &[TaskTrace]) -> usize {
    tasks.iter().map(|t| t.worker).collect::<HashSet<_>>().len()
}

const POOL_MODES: [PoolMode; 4] = [PoolMode::Apply, PoolMode::ApplyAsync, PoolMode::Map, PoolMode::MapAsync];

#[test]
fn every_mode_returns_results_in_input_order() {
    let inputs: Arc<[u64]> = (1..=40).collect();
    let pool = pool(3);
    for mode in PoolMode::ALL {
        let run = run_mode(mode, Some(&pool), &inputs, 3, |x| x * 10, &CancelFlag::default()).unwrap();
        let expected: Vec<u64> = (1..=40).map(|x| x * 10).collect();
        assert_eq!(run.results, expected, "{mode:?}");
        let traced: Vec<u64> = run.tasks.iter().map(|t| t.input).collect();
        assert_eq!(traced, (1..=40).collect::<Vec<_>>(), "{mode:?}");
    }
}

#[test]
fn apply_runs_strictly_one_at_a_time() {
    let inputs: Arc<[u64]> = (1..=8).collect();
    let run = run_mode(PoolMode::Apply, Some(&pool(2)), &inputs, 1, slow_square, &CancelFlag::default()).unwrap();
    assert!(!overlaps(&run.tasks), "apply overlapped: {:?}", run.tasks);
}

#[test]
fn async_and_map_modes_overlap_on_two_workers() {
    let inputs: Arc<[u64]> = (1..=8).collect();
    let pool = pool(2);
    for mode in [PoolMode::ApplyAsync, PoolMode::Map, PoolMode::MapAsync] {
        let run = run_mode(mode, Some(&pool), &inputs, 1, slow_square, &CancelFlag::default()).unwrap();
        assert!(overlaps(&run.tasks), "{mode:?} never overlapped: {:?}", run.tasks);
    }
}

#[test]
fn tasks_land_on_exactly_k_workers() {
    let inputs: Arc<[u64]> = (1..=12).collect();
    for k in [1, 2, 3] {
        let pool = pool(k);
        for mode in POOL_MODES {
            let run = run_mode(mode, Some(&pool), &inputs, 1, slow_square, &CancelFlag::default()).unwrap();
            let workers = distinct_workers(&run.tasks);
            if mode == PoolMode::Apply {
                // One task at a time: any worker may pick each one up.
                assert!((1..=k).contains(&workers), "{mode:?} k={k}: {workers}");
            } else {
                assert_eq!(workers, k, "{mode:?} on {k} workers used {workers}");
            }
            assert!(run.tasks.iter().all(|t| t.worker < k));
        }
    }
}

#[test]
fn serial_runs_on_the_calling_thread() {
    let inputs: Arc<[u64]> = (1..=5).collect();
    let run = run_mode(PoolMode::Serial, None, &inputs, 1, |x| x, &CancelFlag::default()).unwrap();
    assert!(run.tasks.iter().all(|t| t.worker == 0));
    assert!(!overlaps(&run.tasks));
}

#[test]
fn cancel_stops_a_run() {
    let inputs: Arc<[u64]> = (1..=5).collect();
    let cancel = CancelFlag::default();
    cancel.cancel();
    assert!(run_mode(PoolMode::Map, Some(&pool(2)), &inputs, 1, |x| x, &cancel).is_err());
}

#[test]
fn measure_agrees_across_modes_and_worker_counts() {
    let inputs = factorial_lab::inputs(300);
    let (serial, errors) =
        factorial_lab::measure(PoolMode::Serial, None, 1, &inputs, 1, 2, &CancelFlag::default()).unwrap();
    assert!(errors.is_empty());
    assert_eq!(serial.times_ms.len(), 2);
    for k in [1, 2] {
        let pool = pool(k);
        for mode in POOL_MODES {
            let (run, errors) =
                factorial_lab::measure(mode, Some(&pool), k, &inputs, 19, 2, &CancelFlag::default()).unwrap();
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(run.check, serial.check, "{mode:?} k={k}");
            assert_eq!(run.tasks.len(), 300);
        }
    }
    let bits: u64 = (1..=300).map(|k| factorial_task(k).bits).sum();
    assert_eq!(serial.check.bits, Some(bits));
}

#[test]
fn even_tiny_tasks_reach_every_worker() {
    // Microsecond tasks finish before a sleeping thread would wake on its own:
    // the queue's barrier must still get all k workers serving.
    let inputs: Arc<[u64]> = (1..=300).collect();
    for k in [2, 4] {
        let pool = pool(k);
        for mode in [PoolMode::ApplyAsync, PoolMode::Map, PoolMode::MapAsync] {
            for _ in 0..5 {
                let chunk = parallel_playground::core::pool_modes::default_chunk(300, k);
                let run = run_mode(mode, Some(&pool), &inputs, chunk, factorial_task, &CancelFlag::default()).unwrap();
                assert_eq!(distinct_workers(&run.tasks), k, "{mode:?} on {k}");
            }
        }
    }
}
