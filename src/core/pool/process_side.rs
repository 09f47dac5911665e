//! A process's side of a message of tasks, whatever carries it: the
//! browser's process worker (`web::backends::processes::in_worker`) and the
//! native tests' stand-in threads (tests/message_threads) run this one loop.

use crate::core::pool::clock::now_ms;
use crate::core::pool::process_pool::ANSWER_AT_LEAST_EVERY_MS;

/// A busy process answers once this many bytes of results are ready (a
/// long message streams back in parts), and no answer buffer is smaller.
pub const ANSWER_BYTES: usize = 1 << 20;

/// Runs tasks `0..count` of one message: `task(i)` runs task i, appending
/// its result's bytes to those not yet sent, and returns where they end
/// (`None`: the process was ended, stop here). Each task's start and end
/// are stamped on the shared clock. `answer(from, ends, times)` sends
/// tasks `from..` so far: at least every `ANSWER_AT_LEAST_EVERY_MS` (the
/// page takes a long silence for a lost process), once `answer_bytes` are
/// ready, and at the end.
pub fn serve_tasks(
    count: usize,
    answer_bytes: usize,
    mut task: impl FnMut(usize) -> Option<usize>,
    mut answer: impl FnMut(usize, &mut Vec<u32>, &mut Vec<f64>),
) {
    let (mut from, mut ends, mut times) = (0, Vec::new(), Vec::new());
    let mut answered = now_ms();
    for i in 0..count {
        times.push(now_ms());
        let Some(end) = task(i) else {
            return;
        };
        let now = now_ms();
        times.push(now);
        ends.push(end as u32);
        if end >= answer_bytes || now - answered >= ANSWER_AT_LEAST_EVERY_MS {
            answer(from, &mut ends, &mut times);
            ends.clear();
            times.clear();
            from = i + 1;
            answered = now_ms();
        }
    }
    if from < count {
        answer(from, &mut ends, &mut times);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_in_parts_once_enough_bytes_are_ready() {
        // The bytes not yet sent: each task adds 4, each answer takes them.
        let results = std::cell::Cell::new(0);
        let mut answers = Vec::new();
        serve_tasks(
            5,
            10,
            |_| {
                results.set(results.get() + 4);
                Some(results.get())
            },
            |from, ends, times| {
                assert_eq!(times.len(), 2 * ends.len());
                answers.push((from, ends.clone()));
                results.set(0);
            },
        );
        assert_eq!(answers, [(0, vec![4, 8, 12]), (3, vec![4, 8])]);
    }

    #[test]
    fn an_ended_process_stops_and_says_nothing_more() {
        let mut answers = 0;
        serve_tasks(5, 10, |i| (i < 2).then_some(0), |_, _, _| answers += 1);
        assert_eq!(answers, 0);
    }
}
