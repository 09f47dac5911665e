//! Where a pool run's worker time goes, from the trace of its last repeat:
//! the work itself (the serial median of the same n), tasks that ran slower
//! than in serial, and waiting (imbalance, dispatch, messages).

use serde::{Deserialize, Serialize};

/// `workers x wall_ms = busy_ms + idle_ms`, and `busy_ms - work_ms` is what
/// running the tasks on the pool added to them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    /// The traced repeat's wall time.
    pub wall_ms: f64,
    /// The sum of its tasks' durations.
    pub busy_ms: f64,
    /// `workers x wall_ms - busy_ms`: worker time spent waiting.
    pub idle_ms: f64,
    /// The serial median of the same n: the work itself; `null` without a
    /// serial run of that n.
    pub work_ms: Option<f64>,
}

impl Breakdown {
    /// From the durations of the traced repeat's tasks, its wall time and
    /// the pool's size; `None` without a trace.
    pub fn of(
        task_ms: impl IntoIterator<Item = f64>,
        workers: usize,
        wall_ms: f64,
    ) -> Option<Breakdown> {
        let (tasks, busy_ms) = task_ms
            .into_iter()
            .fold((0usize, 0.0), |(count, sum), ms| (count + 1, sum + ms));
        if tasks == 0 || !wall_ms.is_finite() {
            return None;
        }
        Some(Breakdown {
            wall_ms,
            busy_ms,
            idle_ms: workers as f64 * wall_ms - busy_ms,
            work_ms: None,
        })
    }

    /// What the pool added to the tasks themselves (`busy_ms - work_ms`).
    pub fn slowdown_ms(&self) -> Option<f64> {
        self.work_ms.map(|work| self.busy_ms - work)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worker_time_splits_into_busy_and_idle() {
        // Two workers, 10 ms of wall: worker 0 busy 0-4 and 5-9 (8 ms),
        // worker 1 busy 1-7 (6 ms): busy 14, idle 2 x 10 - 14 = 6.
        let tasks = [(0.0, 4.0), (1.0, 7.0), (5.0, 9.0)];
        let durations = tasks.iter().map(|(start, end)| end - start);
        let mut breakdown = Breakdown::of(durations, 2, 10.0).unwrap();
        assert_eq!(
            (breakdown.wall_ms, breakdown.busy_ms, breakdown.idle_ms),
            (10.0, 14.0, 6.0)
        );
        assert_eq!(breakdown.slowdown_ms(), None);
        // Serial did the same work in 12 ms: tasks on the pool took 2 ms more.
        breakdown.work_ms = Some(12.0);
        assert_eq!(breakdown.slowdown_ms(), Some(2.0));
        assert_eq!(
            breakdown.busy_ms + breakdown.idle_ms,
            2.0 * breakdown.wall_ms
        );
        assert_eq!(Breakdown::of([], 2, 10.0), None);
    }
}
