//! The `processes` backend's semantics, natively: the pass the browser's
//! process pool runs (`core::pool::process_loop::ProcessPass`, scheduled
//! by `Dispatcher`) and its rounds (`factorial_lab::PoolGroup`), driven
//! over OS threads that share nothing with the caller but messages
//! (tests/message_threads). The same mode tests as the threads backend
//! (tests/pool_modes.rs), then what the wire can do to a pass: answers in
//! parts, buffers handed back, answers of an abandoned pass, answers that
//! do not fit, a silent process, a crashed one.

mod message_threads;

use std::collections::HashSet;
use std::ops::Range;
use std::time::{Duration, Instant};

use message_threads::{Fault, Job, Processes, ANSWER_BYTES};
use parallel_playground::core::i18n::Lang;
use parallel_playground::core::pool::modes::{
    default_chunk, CancelFlag, ModeRun, PoolMode, TaskTrace,
};
use parallel_playground::core::pool::process_loop::{ProcessTask, Stop};
use parallel_playground::core::pool::process_pool::{
    silence_deadline_ms, slowest_factorial_task_ms,
};
use parallel_playground::core::results::schema::{Check, RunRecord};
use parallel_playground::core::run::factorial_lab::{
    self, append_factorial_bytes, Factorials, GroupStep, PoolGroup,
};
use parallel_playground::core::run::failure::Failure;
use parallel_playground::core::run::repeats::{Repeat, RepeatStop};

const POOL_MODES: [PoolMode; 4] = [
    PoolMode::Apply,
    PoolMode::ApplyAsync,
    PoolMode::Map,
    PoolMode::MapAsync,
];

/// Far above any task here: only a test of silence meets it.
const DEADLINE_MS: f64 = 10_000.0;

/// Results that cross as 8 bytes each (a u64); no estimate, so every run
/// is dispatched guided (as the Dispatcher's own tests assume).
struct Words;

impl ProcessTask for Words {
    type Result = u64;

    fn decode(bytes: &[u8]) -> u64 {
        u64::from_le_bytes(bytes.try_into().expect("8 bytes"))
    }

    fn estimated_ms(_: u64) -> Option<f64> {
        None
    }
}

fn run(mode: PoolMode, workers: usize, inputs: Range<u32>, chunk: usize, job: Job) -> ModeRun<u64> {
    Processes::start(workers, job)
        .pass::<Words>(mode, workers, inputs, chunk, false, DEADLINE_MS)
        .unwrap()
}

fn times_ten(x: u64, out: &mut Vec<u8>) {
    out.extend_from_slice(&(x * 10).to_le_bytes());
}

fn slow_square(x: u64, out: &mut Vec<u8>) {
    std::thread::sleep(Duration::from_millis(15));
    out.extend_from_slice(&(x * x).to_le_bytes());
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

/// Serial's check for factorial(1..=n), on the caller's thread.
fn serial_check(n: u64) -> Check {
    let (serial, _) = factorial_lab::measure(
        PoolMode::Serial,
        None,
        1,
        &factorial_lab::inputs(n),
        1,
        Repeat::Count(1),
        &CancelFlag::default(),
    )
    .unwrap();
    serial.check
}

/// A run's record and the errors its repeats met.
type Measured = (RunRecord, Vec<Failure>);

/// The page's `processes::measure_group` without its serial worker: the
/// start-up pass (every process answers an empty task), then
/// `PoolGroup`'s steps, each a pass on `processes`.
fn measure_group(
    processes: &mut Processes,
    modes: &[PoolMode],
    workers: usize,
    n: u32,
    repeat: Repeat,
) -> Result<(Vec<Measured>, Vec<GroupStep>), (PoolMode, Stop)> {
    let deadline_ms = silence_deadline_ms(slowest_factorial_task_ms(n.into()));
    processes
        .pass::<Factorials>(
            PoolMode::ApplyAsync,
            workers,
            0..workers as u32,
            1,
            true,
            deadline_ms,
        )
        .map_err(|stop| (modes[0], stop))?;
    let chunk = default_chunk(n as usize, workers);
    let mut pass = |mode, empty| {
        processes
            .pass::<Factorials>(mode, workers, 1..n + 1, chunk, empty, deadline_ms)
            .map_err(|stop| (mode, stop))
    };
    let mut group = PoolGroup::new(modes, workers, repeat);
    let mut steps = Vec::new();
    loop {
        match group.next_step() {
            GroupStep::Pass(mode) => {
                group.passed(pass(mode, false)?);
                steps.push(GroupStep::Pass(mode));
            }
            GroupStep::SerialRound => steps.push(GroupStep::SerialRound),
            GroupStep::EmptyPass(mode) => {
                group.dispatched(pass(mode, true)?.elapsed_ms);
                steps.push(GroupStep::EmptyPass(mode));
            }
            GroupStep::Done(records) => return Ok((records, steps)),
        }
    }
}

#[test]
fn every_mode_returns_results_in_input_order() {
    let inputs = 1..41;
    for mode in POOL_MODES {
        for chunk in [1, 3, 40] {
            let run = run(mode, 3, inputs.clone(), chunk, times_ten);
            assert_eq!(
                run.results,
                inputs
                    .clone()
                    .map(|x| u64::from(x) * 10)
                    .collect::<Vec<_>>(),
                "{mode:?} chunk {chunk}"
            );
            assert_eq!(
                run.tasks.iter().map(|t| t.input).collect::<Vec<_>>(),
                inputs.clone().map(u64::from).collect::<Vec<_>>(),
                "{mode:?}"
            );
        }
    }
}

#[test]
fn apply_runs_strictly_one_at_a_time() {
    let run = run(PoolMode::Apply, 2, 1..7, 1, slow_square);
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
        let run = run(mode, 2, 1..9, 1, slow_square);
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
    let run = run(PoolMode::Map, 2, 1..13, 4, slow_square);
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
    // Nothing reserves a task per worker here: dispatch alone (a small run
    // dealt out by the estimate, as on the page) must give each of k
    // processes work when there are at least k batches.
    for k in [2, 4] {
        let mut processes = Processes::start(k, append_factorial_bytes);
        for mode in [PoolMode::ApplyAsync, PoolMode::Map, PoolMode::MapAsync] {
            let run = processes
                .pass::<Factorials>(mode, k, 1..301, default_chunk(300, k), false, DEADLINE_MS)
                .unwrap();
            assert_eq!(distinct_workers(&run.tasks), k, "{mode:?} on {k}");
        }
    }
}

#[test]
fn cancel_during_a_run_stops_it() {
    let mut processes = Processes::start(2, slow_square);
    let stopper = {
        let terminator = processes.terminator();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(40));
            terminator.terminate();
        })
    };
    let started = Instant::now();
    let outcome = processes.pass::<Words>(PoolMode::Apply, 2, 1..101, 1, false, DEADLINE_MS);
    stopper.join().unwrap();
    assert_eq!(
        outcome.err(),
        Some(Stop::Cancelled),
        "a cancelled run returns no results"
    );
    assert!(
        started.elapsed() < Duration::from_millis(800),
        "100 tasks of 15 ms would take 1.5 s: {:?}",
        started.elapsed()
    );
}

#[test]
fn processes_agree_with_serial_threads_on_the_check() {
    let serial = serial_check(300);
    for k in [1, 2, 3] {
        let mut processes = Processes::start(k, append_factorial_bytes);
        for mode in POOL_MODES {
            // Results cross as bytes; the caller computes what it checks.
            let (records, _) =
                measure_group(&mut processes, &[mode], k, 300, Repeat::Count(1)).unwrap();
            let (record, errors) = &records[0];
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(record.check, serial, "{mode:?} on {k}");
            assert_eq!(record.tasks.len(), 300);
        }
    }
}

#[test]
fn a_group_repeats_its_runs_round_robin_with_serial_rounds() {
    let modes = [PoolMode::Map, PoolMode::ApplyAsync];
    let mut processes = Processes::start(2, append_factorial_bytes);
    let (records, steps) = measure_group(&mut processes, &modes, 2, 200, Repeat::Count(2)).unwrap();
    use GroupStep::{EmptyPass, Pass, SerialRound};
    let shape: Vec<String> = steps.iter().map(|step| format!("{step:?}")).collect();
    let expected = [
        Pass(PoolMode::Map),
        Pass(PoolMode::ApplyAsync),
        SerialRound,
        Pass(PoolMode::Map),
        Pass(PoolMode::ApplyAsync),
        SerialRound,
        Pass(PoolMode::Map),
        Pass(PoolMode::ApplyAsync),
        EmptyPass(PoolMode::Map),
        EmptyPass(PoolMode::ApplyAsync),
    ];
    let expected: Vec<String> = expected.iter().map(|step| format!("{step:?}")).collect();
    assert_eq!(shape, expected, "warm-ups, two rounds, then dispatch");
    let serial = serial_check(200);
    for ((record, errors), mode) in records.iter().zip(modes) {
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((record.mode, record.workers), (mode, 2));
        assert_eq!(record.times_ms.len(), 2);
        assert_eq!(record.repeat_stop, Some(RepeatStop::Count));
        assert!(record.dispatch_ms.is_some_and(|ms| ms >= 0.0));
        assert_eq!(record.check, serial, "{mode:?}");
    }
}

#[test]
fn a_long_message_comes_back_in_parts() {
    // A part whenever 256 bytes are ready (the page's workers: a megabyte).
    let mut processes = Processes::with(2, append_factorial_bytes, 256, &[]);
    let run = processes
        .pass::<Factorials>(PoolMode::Map, 2, 1..301, 75, false, DEADLINE_MS)
        .unwrap();
    assert_eq!(factorial_lab::check_of(&run.results), serial_check(300));
    let (posts, answers) = (processes.wire.posts.len(), processes.wire.answers.len());
    assert!(answers > 2 * posts, "{answers} answers to {posts} messages");
}

#[test]
fn answer_buffers_go_back_to_their_process_and_are_reused() {
    let mut processes = Processes::with(2, append_factorial_bytes, 256, &[]);
    let pass = |processes: &mut Processes| {
        processes
            .pass::<Factorials>(PoolMode::Map, 2, 1..301, 75, false, DEADLINE_MS)
            .unwrap()
    };
    pass(&mut processes);
    let (made_first, answered_first) = (processes.buffers_made(), processes.wire.answers.len());
    for _ in 0..3 {
        pass(&mut processes);
    }
    let made_later = processes.buffers_made() - made_first;
    let answered_later = processes.wire.answers.len() - answered_first;
    assert!(
        processes.wire.posts.iter().any(|post| post.3 > 0),
        "messages hand buffers back"
    );
    assert!(
        4 * made_later < answered_later,
        "{made_later} buffers made for {answered_later} answers (the first pass made {made_first})"
    );
}

#[test]
fn the_answers_of_an_abandoned_pass_are_dropped() {
    // Process 0's first answer does not fit: the pass stops there, while
    // both processes still hold messages of it. The next pass on the same
    // processes receives those answers first, and must not take them.
    let mut processes = Processes::with(2, slow_square, ANSWER_BYTES, &[Fault::EndsPastBytes]);
    let abandoned = processes.pass::<Words>(PoolMode::ApplyAsync, 2, 1..41, 1, false, DEADLINE_MS);
    assert_eq!(
        abandoned.err(),
        Some(Stop::Failed(Failure::AnswerMisfit { worker: 0 }))
    );
    let before = processes.wire.answers.len();
    let run = processes
        .pass::<Words>(PoolMode::ApplyAsync, 2, 1..41, 1, false, DEADLINE_MS)
        .unwrap();
    assert_eq!(
        run.results,
        (1..41u64).map(|x| x * x).collect::<Vec<_>>(),
        "only this pass's answers"
    );
    let stale = processes.wire.answers[before..]
        .iter()
        .filter(|(pass, _, _)| *pass == 1)
        .count();
    assert!(stale > 0, "the abandoned pass's answers came, and went");
}

#[test]
fn an_answer_that_does_not_fit_its_tasks_is_rejected() {
    for fault in [Fault::EndsPastBytes, Fault::ExtraTask] {
        let mut processes = Processes::with(2, times_ten, ANSWER_BYTES, &[Fault::None, fault]);
        let outcome = processes.pass::<Words>(PoolMode::Map, 2, 1..41, 1, false, DEADLINE_MS);
        let Some(Stop::Failed(failure)) = outcome.err() else {
            panic!("{fault:?}: not a failure");
        };
        assert_eq!(failure, Failure::AnswerMisfit { worker: 1 }, "{fault:?}");
        assert_eq!(
            failure.text(Lang::En),
            "process 1 sent an answer that does not fit its tasks"
        );
        // The processes were not ended: the next pass runs on them.
        let run = processes
            .pass::<Words>(PoolMode::Map, 2, 1..41, 1, false, DEADLINE_MS)
            .unwrap();
        assert_eq!(run.results, (1..41u64).map(|x| x * 10).collect::<Vec<_>>());
    }
}

#[test]
fn a_silent_process_is_lost_past_the_deadline_and_every_process_ended() {
    let mut processes = Processes::with(2, times_ten, ANSWER_BYTES, &[Fault::None, Fault::Silent]);
    let started = Instant::now();
    let outcome = processes.pass::<Words>(PoolMode::Map, 2, 1..41, 1, false, 300.0);
    match outcome {
        Err(Stop::Lost { worker, silent_ms }) => {
            assert_eq!(worker, 1);
            assert!(silent_ms > 300.0, "{silent_ms}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        processes
            .pass::<Words>(PoolMode::Map, 2, 1..41, 1, false, 300.0)
            .err(),
        Some(Stop::Cancelled),
        "no process is left to post to"
    );
}

#[test]
fn a_crashed_process_fails_the_pass_and_every_process_is_ended() {
    let mut processes = Processes::with(2, times_ten, ANSWER_BYTES, &[Fault::None, Fault::Crash]);
    let outcome = processes.pass::<Words>(PoolMode::Map, 2, 1..41, 1, false, DEADLINE_MS);
    let Some(Stop::Failed(failure)) = outcome.err() else {
        panic!("not a failure");
    };
    assert_eq!(
        failure,
        Failure::ProcessFailed {
            worker: 1,
            reason: "RuntimeError: unreachable executed".into()
        }
    );
    // The English the browser tests match.
    assert_eq!(
        failure.text(Lang::En),
        "process 1 stopped: RuntimeError: unreachable executed"
    );
    assert_eq!(
        processes
            .pass::<Words>(PoolMode::Map, 2, 1..41, 1, false, DEADLINE_MS)
            .err(),
        Some(Stop::Cancelled)
    );
}
