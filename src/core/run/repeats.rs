//! How many times a run is repeated: a fixed count, or `auto`, which repeats
//! until the median's 95% interval is tight enough, the way criterion,
//! hyperfine and mitata budget their samples. The rule is checked after
//! every repeat, on the times so far, so an engine needs no other state.

use serde::{Deserialize, Serialize};

use crate::core::results::stats;

/// What a link asks for: `repeat=auto` or `repeat=<count>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repeat {
    Auto,
    Count(u32),
}

impl Repeat {
    /// A fixed count, or `auto`'s minimum.
    pub fn count(self) -> u32 {
        match self {
            Repeat::Count(count) => count,
            Repeat::Auto => AUTO_MIN as u32,
        }
    }

    /// As a link writes it.
    pub fn to_text(self) -> String {
        match self {
            Repeat::Auto => AUTO.to_string(),
            Repeat::Count(count) => count.to_string(),
        }
    }

    /// The repeats to plan for before measuring (the long-run estimate):
    /// a count is itself; `auto` at least `AUTO_MIN`, and more when a run is
    /// short enough for the budget to allow them.
    pub fn planned(self, run_ms: f64) -> u32 {
        match self {
            Repeat::Count(count) => count,
            Repeat::Auto if run_ms * AUTO_MIN as f64 >= AUTO_LONG_BUDGET_MS => {
                ((AUTO_LONG_BUDGET_MS / run_ms.max(1e-9)).ceil() as u32).max(1)
            }
            Repeat::Auto => {
                let in_budget = (AUTO_BUDGET_MS / run_ms.max(1e-9)).floor() as u32;
                in_budget.clamp(AUTO_MIN as u32, AUTO_MAX as u32)
            }
        }
    }
}

impl Serialize for Repeat {
    /// A number for a count, `"auto"` for auto: the results JSON's `config.repeat`.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Repeat::Auto => serializer.serialize_str(AUTO),
            Repeat::Count(count) => serializer.serialize_u32(*count),
        }
    }
}

impl<'de> Deserialize<'de> for Repeat {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Text {
            Count(u32),
            Word(String),
        }
        match Text::deserialize(deserializer)? {
            Text::Count(count) => Ok(Repeat::Count(count)),
            Text::Word(word) if word == AUTO => Ok(Repeat::Auto),
            Text::Word(word) => Err(serde::de::Error::custom(format!(
                "repeat is a count or \"auto\", not {word:?}"
            ))),
        }
    }
}

impl Default for Repeat {
    fn default() -> Self {
        Repeat::Count(1)
    }
}

pub const AUTO: &str = "auto";
/// From 9 repeats the interval's ranks move inward (2 and n - 1): below,
/// it is the whole range (`stats::ci95_rank`).
pub const AUTO_MIN: usize = 9;
pub const AUTO_MAX: usize = 200;
/// Measuring time one run may take once it has `AUTO_MIN` repeats.
pub const AUTO_BUDGET_MS: f64 = 2_000.0;
/// When `AUTO_MIN` repeats alone would take longer than this, the run
/// stops here with fewer.
pub const AUTO_LONG_BUDGET_MS: f64 = 30_000.0;
/// The interval must lie within ±5% of the median.
pub const AUTO_PRECISION: f64 = 0.05;

/// Why a run stopped repeating (`repeat_stop` in the results).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepeatStop {
    /// `auto`: the median's interval is within ±5%.
    Precision,
    /// `auto`: the time budget ran out first.
    Budget,
    /// A fixed count was reached, or `auto`'s maximum.
    Count,
}

/// The interval of the median lies within `precision` of it.
pub fn precise_enough(times: &[f64], precision: f64) -> bool {
    let median = stats::median(times);
    stats::ci95_median(times).is_some_and(|[lo, hi]| {
        median > 0.0 && lo >= median * (1.0 - precision) && hi <= median * (1.0 + precision)
    })
}

/// After a repeat: `Some(why)` when `times` (every counted repeat so far)
/// are enough, `None` to repeat again.
pub fn stop(rule: Repeat, times: &[f64]) -> Option<RepeatStop> {
    let count = times.len();
    match rule {
        Repeat::Count(wanted) => (count >= wanted as usize).then_some(RepeatStop::Count),
        Repeat::Auto => {
            let spent: f64 = times.iter().sum();
            if count >= AUTO_MAX {
                Some(RepeatStop::Count)
            } else if count >= AUTO_MIN && precise_enough(times, AUTO_PRECISION) {
                Some(RepeatStop::Precision)
            } else if (count >= AUTO_MIN && spent >= AUTO_BUDGET_MS)
                || (count > 0 && spent >= AUTO_LONG_BUDGET_MS)
            {
                Some(RepeatStop::Budget)
            } else {
                None
            }
        }
    }
}

/// The runs of one pool, repeated round-robin: each round repeats every run
/// that has not stopped, once, so whatever drifts (memory, code tiering up,
/// the machine's other load) spreads over all of them.
#[derive(Clone, Debug)]
pub struct Rounds {
    rule: Repeat,
    stops: Vec<Option<RepeatStop>>,
}

impl Rounds {
    pub fn new(runs: usize, rule: Repeat) -> Self {
        Rounds {
            rule,
            stops: vec![None; runs],
        }
    }

    /// The runs to repeat in the next round, in order; empty when all stopped.
    pub fn next_round(&self) -> Vec<usize> {
        (0..self.stops.len())
            .filter(|&run| self.stops[run].is_none())
            .collect()
    }

    /// After `run` repeated: `times` are all its counted times.
    pub fn repeated(&mut self, run: usize, times: &[f64]) {
        self.stops[run] = stop(self.rule, times);
    }

    /// Why `run` stopped (a count where it has not: it was cut short).
    pub fn stop_of(&self, run: usize) -> RepeatStop {
        self.stops[run].unwrap_or(RepeatStop::Count)
    }
}

/// When serial repeats among the pool runs of its n: it is the baseline of
/// every pool run, so it repeats in their rounds, spread over every pool
/// (`groups`) rather than bunched before them. With a count, once every
/// `groups` rounds (the count in all); with `auto`, in every round, up to
/// `AUTO_MAX`.
#[derive(Clone, Debug)]
pub struct Baseline {
    rule: Repeat,
    groups: usize,
    round: usize,
}

impl Baseline {
    pub fn new(rule: Repeat, groups: usize) -> Self {
        Baseline {
            rule,
            groups: groups.max(1),
            round: 0,
        }
    }

    /// Whether serial repeats in the round now starting, given its `count`
    /// of times so far.
    pub fn due(&mut self, count: usize) -> bool {
        let round = self.round;
        self.round += 1;
        match self.rule {
            Repeat::Count(wanted) => count < wanted as usize && round.is_multiple_of(self.groups),
            Repeat::Auto => count < AUTO_MAX,
        }
    }

    /// Serial's `repeat_stop`: what the rule says of its times, else the
    /// budget (it repeated as long as the pool runs did).
    pub fn stop_of(&self, times: &[f64]) -> RepeatStop {
        match self.rule {
            Repeat::Count(_) => RepeatStop::Count,
            Repeat::Auto => stop(self.rule, times).unwrap_or(RepeatStop::Budget),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic spread around `center`: ±`spread` (as a fraction).
    fn samples(count: usize, center: f64, spread: f64) -> Vec<f64> {
        (0..count)
            .map(|i| center * (1.0 + spread * (((i * 7919) % 101) as f64 / 50.0 - 1.0)))
            .collect()
    }

    /// Adds repeats one by one until the rule stops.
    fn run(rule: Repeat, source: &[f64]) -> (usize, Option<RepeatStop>) {
        for count in 1..=source.len() {
            if let Some(why) = stop(rule, &source[..count]) {
                return (count, Some(why));
            }
        }
        (source.len(), None)
    }

    #[test]
    fn a_count_is_a_count() {
        assert_eq!(
            run(Repeat::Count(3), &[5.0; 10]),
            (3, Some(RepeatStop::Count))
        );
        assert_eq!(stop(Repeat::Count(3), &[5.0, 5.0]), None);
    }

    #[test]
    fn tight_samples_stop_at_the_minimum_for_precision() {
        // ±1% around 10 ms: the interval is within ±5% from the start.
        let source = samples(300, 10.0, 0.01);
        assert_eq!(
            run(Repeat::Auto, &source),
            (AUTO_MIN, Some(RepeatStop::Precision))
        );
        // Never fewer than the minimum, however tight.
        assert_eq!(stop(Repeat::Auto, &[10.0; 8]), None);
        assert_eq!(stop(Repeat::Auto, &[10.0; 9]), Some(RepeatStop::Precision));
    }

    #[test]
    fn noisy_samples_repeat_until_the_interval_narrows() {
        // ±30% around 1 ms: 9 repeats are not enough, the interval narrows
        // as repeats add up, well before the budget (1 ms each).
        let source = samples(300, 1.0, 0.3);
        let (count, why) = run(Repeat::Auto, &source);
        assert_eq!(why, Some(RepeatStop::Precision));
        assert!(count > AUTO_MIN && count < AUTO_MAX, "{count}");
        assert!(precise_enough(&source[..count], AUTO_PRECISION));
        assert!(!precise_enough(&source[..count - 1], AUTO_PRECISION));
    }

    #[test]
    fn the_budget_and_the_maximum_end_noisy_runs() {
        // ±90% around 300 ms: 9 repeats are 2.7 s, past the 2 s budget.
        let source = samples(300, 300.0, 0.9);
        assert_eq!(
            run(Repeat::Auto, &source),
            (AUTO_MIN, Some(RepeatStop::Budget))
        );
        // ±90% around 0.01 ms: 200 repeats are 2 ms, never the budget.
        let source = samples(300, 0.01, 0.9);
        let (count, why) = run(Repeat::Auto, &source);
        assert!(
            why == Some(RepeatStop::Count) && count == AUTO_MAX
                || why == Some(RepeatStop::Precision),
            "{count} {why:?}"
        );
        let wild: Vec<f64> = (0..300)
            .map(|i| if i % 2 == 0 { 1.0 } else { 0.01 })
            .collect();
        assert_eq!(
            run(Repeat::Auto, &wild),
            (AUTO_MAX, Some(RepeatStop::Count))
        );
    }

    #[test]
    fn runs_too_long_for_nine_repeats_stop_on_the_long_budget() {
        // 8 s a repeat: 9 would be 72 s; the 30 s budget stops it at 4.
        let source = [8_000.0; 20];
        assert_eq!(run(Repeat::Auto, &source), (4, Some(RepeatStop::Budget)));
    }

    #[test]
    fn the_plan_before_measuring() {
        assert_eq!(Repeat::Count(7).planned(100.0), 7);
        // 100 ms a run: the 2 s budget allows 20.
        assert_eq!(Repeat::Auto.planned(100.0), 20);
        // Fast runs: at most 200; slow ones: at least 9.
        assert_eq!(Repeat::Auto.planned(0.1), AUTO_MAX as u32);
        assert_eq!(Repeat::Auto.planned(1_000.0), AUTO_MIN as u32);
        // 8 s a run: the long budget gives 4.
        assert_eq!(Repeat::Auto.planned(8_000.0), 4);
    }

    #[test]
    fn rounds_repeat_every_run_until_each_stops() {
        let mut rounds = Rounds::new(2, Repeat::Count(2));
        let mut times = [vec![], vec![]];
        let mut order = Vec::new();
        loop {
            let round = rounds.next_round();
            if round.is_empty() {
                break;
            }
            for run in round {
                times[run].push(1.0);
                order.push(run);
                rounds.repeated(run, &times[run]);
            }
        }
        // Interleaved, not one run's repeats after the other's.
        assert_eq!(order, vec![0, 1, 0, 1]);
        assert_eq!(rounds.stop_of(0), RepeatStop::Count);
    }

    #[test]
    fn serial_spreads_its_repeats_over_every_pool() {
        // repeat=3 and pools of 1 and 2: 3 rounds each; serial repeats in
        // rounds 0, 2 and 4 (one of every two), 3 times in all.
        let mut baseline = Baseline::new(Repeat::Count(3), 2);
        let mut count = 0;
        let due: Vec<bool> = (0..6)
            .map(|_| {
                let due = baseline.due(count);
                count += usize::from(due);
                due
            })
            .collect();
        assert_eq!(due, vec![true, false, true, false, true, false]);
        assert_eq!(count, 3);
        // auto: every round, up to the maximum.
        let mut baseline = Baseline::new(Repeat::Auto, 3);
        assert!(baseline.due(0) && baseline.due(1) && !baseline.due(AUTO_MAX));
        assert_eq!(baseline.stop_of(&[10.0; 9]), RepeatStop::Precision);
        let noisy = samples(20, 1.0, 0.9);
        assert_eq!(baseline.stop_of(&noisy), RepeatStop::Budget);
    }

    #[test]
    fn json_is_a_count_or_auto() {
        assert_eq!(serde_json::to_string(&Repeat::Auto).unwrap(), "\"auto\"");
        assert_eq!(serde_json::to_string(&Repeat::Count(7)).unwrap(), "7");
        assert_eq!(
            serde_json::from_str::<Repeat>("7").unwrap(),
            Repeat::Count(7)
        );
        assert_eq!(
            serde_json::from_str::<Repeat>("\"auto\"").unwrap(),
            Repeat::Auto
        );
        assert!(serde_json::from_str::<Repeat>("\"many\"").is_err());
        assert_eq!(
            serde_json::to_string(&RepeatStop::Precision).unwrap(),
            "\"precision\""
        );
    }
}
