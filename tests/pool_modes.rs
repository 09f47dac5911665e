//! Each pool mode's semantics on native threads, with the code the browser runs.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use parallel_playground::core::pool::modes::{run_mode, CancelFlag, PoolMode, TaskTrace};
use parallel_playground::core::run::factorial_lab::{self, factorial_task};
use parallel_playground::core::run::repeats::Repeat;
use rayon::{ThreadPool, ThreadPoolBuilder};

fn pool(k: usize) -> Arc<ThreadPool> {
    Arc::new(ThreadPoolBuilder::new().num_threads(k).build().unwrap())
}

/// A task slow enough that overlapping is visible in the trace.
fn slow_square(x: u64) -> u64 {
    std::thread::sleep(Duration::from_millis(15));
    x * x
}

/// Tasks that pass in waves of exactly `k`: each waits until `k` tasks
/// (on `k` different workers: a worker runs one task at a time) have
/// arrived. So "k at once, every worker in every wave" holds by
/// construction, not by a sleep long enough on a loaded machine; a 10 s
/// deadline keeps a broken pool from hanging the test (it then fails on
/// what it did not reach).
struct Gate {
    k: usize,
    /// Tasks arrived in this wave, and the wave's number.
    wave: Mutex<(usize, usize)>,
    passed: Condvar,
}

impl Gate {
    fn new(k: usize, tasks: usize) -> Arc<Gate> {
        assert_eq!(tasks % k, 0, "whole waves only");
        Arc::new(Gate {
            k,
            wave: Mutex::new((0, 0)),
            passed: Condvar::new(),
        })
    }

    fn task(self: &Arc<Self>) -> impl Fn(u64) -> u64 + Send + Sync + 'static {
        let gate = self.clone();
        move |x| {
            let mut wave = gate.wave.lock().unwrap();
            let number = wave.1;
            wave.0 += 1;
            if wave.0 == gate.k {
                *wave = (0, number + 1);
                gate.passed.notify_all();
            } else {
                let _ = gate
                    .passed
                    .wait_timeout_while(wave, Duration::from_secs(10), |w| w.1 == number)
                    .unwrap();
            }
            x * x
        }
    }
}

fn overlaps(tasks: &[TaskTrace]) -> bool {
    tasks.iter().enumerate().any(|(i, a)| {
        tasks[i + 1..]
            .iter()
            .any(|b| a.start_ms < b.end_ms && b.start_ms < a.end_ms)
    })
}

const POOL_MODES: [PoolMode; 4] = [
    PoolMode::Apply,
    PoolMode::ApplyAsync,
    PoolMode::Map,
    PoolMode::MapAsync,
];

#[test]
fn every_mode_returns_results_in_input_order() {
    let inputs: Arc<[u64]> = (1..=40).collect();
    let pool = pool(3);
    for mode in PoolMode::ALL {
        let run = run_mode(
            mode,
            Some(&pool),
            &inputs,
            3,
            |x| x * 10,
            &CancelFlag::default(),
        )
        .unwrap();
        let expected: Vec<u64> = (1..=40).map(|x| x * 10).collect();
        assert_eq!(run.results, expected, "{mode:?}");
        let traced: Vec<u64> = run.tasks.iter().map(|t| t.input).collect();
        assert_eq!(traced, (1..=40).collect::<Vec<_>>(), "{mode:?}");
    }
}

#[test]
fn apply_runs_strictly_one_at_a_time() {
    let inputs: Arc<[u64]> = (1..=8).collect();
    let run = run_mode(
        PoolMode::Apply,
        Some(&pool(2)),
        &inputs,
        1,
        slow_square,
        &CancelFlag::default(),
    )
    .unwrap();
    assert!(!overlaps(&run.tasks), "apply overlapped: {:?}", run.tasks);
}

#[test]
fn async_and_map_modes_overlap_on_two_workers() {
    let inputs: Arc<[u64]> = (1..=8).collect();
    let pool = pool(2);
    for mode in [PoolMode::ApplyAsync, PoolMode::Map, PoolMode::MapAsync] {
        let run = run_mode(
            mode,
            Some(&pool),
            &inputs,
            1,
            Gate::new(2, inputs.len()).task(),
            &CancelFlag::default(),
        )
        .unwrap();
        assert!(
            overlaps(&run.tasks),
            "{mode:?} never overlapped: {:?}",
            run.tasks
        );
    }
}

/// Most tasks running at the same moment, from their traces.
fn peak_overlap(tasks: &[TaskTrace]) -> usize {
    tasks
        .iter()
        .map(|a| {
            tasks
                .iter()
                .filter(|b| b.start_ms <= a.start_ms && a.start_ms < b.end_ms)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[test]
fn k_workers_run_k_tasks_at_once_and_share_the_queue() {
    // Tasks in waves of k: k of them run side by side (never more: the
    // trace's peak is exactly k), and since each wave takes all k workers,
    // every worker comes back for more than the one item the queue reserves
    // for it.
    let inputs: Arc<[u64]> = (1..=12).collect();
    for k in [1, 2, 3] {
        let pool = pool(k);
        for mode in [PoolMode::ApplyAsync, PoolMode::Map, PoolMode::MapAsync] {
            let run = run_mode(
                mode,
                Some(&pool),
                &inputs,
                1,
                Gate::new(k, inputs.len()).task(),
                &CancelFlag::default(),
            )
            .unwrap();
            assert_eq!(
                peak_overlap(&run.tasks),
                k,
                "{mode:?} on {k} workers: {:?}",
                run.tasks
            );
            for worker in 0..k {
                let served = run.tasks.iter().filter(|t| t.worker == worker).count();
                assert!(
                    served >= 2,
                    "{mode:?} k={k}: worker {worker} ran {served} of 12"
                );
            }
            assert!(run.tasks.iter().all(|t| t.worker < k));
        }
    }
}

#[test]
fn serial_runs_on_the_calling_thread() {
    let inputs: Arc<[u64]> = (1..=5).collect();
    let caller = std::thread::current().id();
    let run = run_mode(
        PoolMode::Serial,
        None,
        &inputs,
        1,
        |_| std::thread::current().id(),
        &CancelFlag::default(),
    )
    .unwrap();
    assert!(
        run.results.iter().all(|&thread| thread == caller),
        "{:?} vs {caller:?}",
        run.results
    );
    assert!(!overlaps(&run.tasks));
}

#[test]
fn cancel_during_a_run_stops_it() {
    // The third task presses Cancel; the tasks not yet started skip their work.
    let inputs: Arc<[u64]> = (1..=40).collect();
    let pool = pool(2);
    for mode in PoolMode::ALL {
        let cancel = CancelFlag::default();
        let ran = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let task = {
            let (cancel, ran) = (cancel.clone(), ran.clone());
            move |x: u64| {
                ran.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                if x == 3 {
                    cancel.cancel();
                }
                std::thread::sleep(Duration::from_millis(5));
                x
            }
        };
        let outcome = run_mode(mode, Some(&pool), &inputs, 1, task, &cancel);
        assert!(outcome.is_err(), "{mode:?} finished despite Cancel");
        let ran = ran.load(std::sync::atomic::Ordering::SeqCst);
        assert!((3..10).contains(&ran), "{mode:?}: {ran} of 40 tasks ran");
    }
}

#[test]
fn measure_agrees_across_modes_and_worker_counts() {
    let inputs = factorial_lab::inputs(300);
    let (serial, errors) = factorial_lab::measure(
        PoolMode::Serial,
        None,
        1,
        &inputs,
        1,
        Repeat::Count(2),
        &CancelFlag::default(),
    )
    .unwrap();
    assert!(errors.is_empty());
    assert_eq!(serial.times_ms.len(), 2);
    for k in [1, 2] {
        let pool = pool(k);
        for mode in POOL_MODES {
            let (run, errors) = factorial_lab::measure(
                mode,
                Some(&pool),
                k,
                &inputs,
                19,
                Repeat::Count(2),
                &CancelFlag::default(),
            )
            .unwrap();
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(run.check, serial.check, "{mode:?} k={k}");
            assert_eq!(run.tasks.len(), 300);
        }
    }
    let bits: u64 = (1..=300).map(|k| factorial_task(k).bits).sum();
    assert_eq!(serial.check.bits, Some(bits));
}

#[test]
fn serial_repeats_among_the_pool_runs_it_is_the_baseline_of() {
    let inputs = factorial_lab::inputs(200);
    let cancel = CancelFlag::default();
    let modes = [PoolMode::Map, PoolMode::ApplyAsync];
    // Two pools (worker counts): a count of 4 spreads serial's repeats over both.
    let mut serial = factorial_lab::SerialBaseline::new(Repeat::Count(4), 2);
    let mut pool_runs = Vec::new();
    for k in [1, 2] {
        let pool = pool(k);
        let records = factorial_lab::measure_pool_group(
            &modes,
            Some(&pool),
            k,
            &inputs,
            7,
            Repeat::Count(4),
            Some(&mut serial),
            &cancel,
        )
        .unwrap();
        pool_runs.extend(records);
    }
    let last_pool = pool(2);
    let (serial, errors) = serial
        .finish(Some(&last_pool), &inputs, Repeat::Count(4), &cancel)
        .unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(serial.times_ms.len(), 4, "serial's count over both pools");
    assert_eq!(serial.mode, PoolMode::Serial);
    assert_eq!(pool_runs.len(), 4);
    for (run, errors) in &pool_runs {
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(run.times_ms.len(), 4);
        assert_eq!(run.check, serial.check, "{:?} on {}", run.mode, run.workers);
    }
}

#[test]
fn serial_alone_repeats_until_its_rule_stops_it() {
    let inputs = factorial_lab::inputs(50);
    let serial = factorial_lab::SerialBaseline::new(Repeat::Count(3), 0);
    let (record, _) = serial
        .finish(None, &inputs, Repeat::Count(3), &CancelFlag::default())
        .unwrap();
    assert_eq!(record.times_ms.len(), 3);
    assert_eq!(record.tasks.len(), 50);
}
