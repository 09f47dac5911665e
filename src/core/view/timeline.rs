//! The per-worker timeline of one run as SVG markup whose size does not grow
//! with the number of tasks beyond what the screen can show: a task wide
//! enough to see gets its own bar; narrower neighbours on a lane merge into
//! one segment per stretch of pixels. Hovering still names each task: the
//! page maps the pointer to (lane, time) and asks `TimelineIndex::task_at`.

use std::fmt::Write;

use crate::core::i18n::Lang;
use crate::core::pool::modes::Backend;
use crate::core::results::schema::{RunRecord, TaskRecord};
use crate::core::results::summary::human_duration;
use crate::core::results::summary::record_label;
use crate::core::view::chart_svg::escape;

pub const WIDTH: f64 = 640.0;
pub const LEFT: f64 = 64.0;
const RIGHT: f64 = 16.0;
pub const TOP: f64 = 16.0;
const BOTTOM: f64 = 40.0;
pub const LANE_H: f64 = 22.0;
pub const PLOT_W: f64 = WIDTH - LEFT - RIGHT;
/// Tasks at least this many units wide are drawn alone, with their own title.
const OWN_BAR: f64 = 3.0;
/// Bars closer than this merge: the eye cannot tell them apart anyway.
const MERGE_GAP: f64 = 1.0;

/// A run's tasks per lane, sorted by start, for drawing and for hover.
pub struct TimelineIndex {
    /// Per lane: indices into the run's `tasks`, by start time.
    pub lanes: Vec<Vec<usize>>,
    /// The end of the last task (at least a µs, so the scale is defined).
    pub end_ms: f64,
}

impl TimelineIndex {
    pub fn new(run: &RunRecord) -> TimelineIndex {
        let count = run.lanes();
        let mut lanes = vec![Vec::new(); count];
        for (i, task) in run.tasks.iter().enumerate() {
            lanes[task.worker].push(i);
        }
        for lane in &mut lanes {
            lane.sort_by(|&a, &b| run.tasks[a].start_ms.total_cmp(&run.tasks[b].start_ms));
        }
        TimelineIndex {
            lanes,
            end_ms: run.tasks.iter().map(|t| t.end_ms).fold(1e-3, f64::max),
        }
    }

    pub fn height(&self) -> f64 {
        TOP + LANE_H * self.lanes.len() as f64 + BOTTOM
    }

    /// The x of a time, in the SVG's units.
    pub fn x(&self, ms: f64) -> f64 {
        LEFT + PLOT_W * ms / self.end_ms
    }

    /// The task of `lane` under time `ms`, or the nearest one within
    /// `tolerance_ms` (a pointer cannot hit a sub-pixel bar exactly).
    /// Binary search: O(log tasks) per pointer move.
    pub fn task_at(
        &self,
        tasks: &[TaskRecord],
        lane: usize,
        ms: f64,
        tolerance_ms: f64,
    ) -> Option<usize> {
        let lane = self.lanes.get(lane)?;
        let after = lane.partition_point(|&i| tasks[i].start_ms <= ms);
        let distance = |i: usize| {
            let task = &tasks[i];
            if ms < task.start_ms {
                task.start_ms - ms
            } else {
                (ms - task.end_ms).max(0.0)
            }
        };
        [after.checked_sub(1), (after < lane.len()).then_some(after)]
            .into_iter()
            .flatten()
            .map(|slot| lane[slot])
            .filter(|&i| distance(i) <= tolerance_ms)
            .min_by(|&a, &b| distance(a).total_cmp(&distance(b)))
    }

    /// The lane under a y in SVG units.
    pub fn lane_at(&self, y: f64) -> Option<usize> {
        let lane = ((y - TOP) / LANE_H).floor();
        (lane >= 0.0 && (lane as usize) < self.lanes.len()).then_some(lane as usize)
    }

    /// The time under an x in SVG units.
    pub fn ms_at(&self, x: f64) -> f64 {
        (x - LEFT) / PLOT_W * self.end_ms
    }
}

/// A lane's name: "worker 0" (in Chinese, a thread or a process).
fn lane_name(lang: Lang, run: &RunRecord, lane: usize) -> String {
    let words = &lang.text().charts;
    let name = if run.backend == Some(Backend::Processes) {
        words.process_lane
    } else {
        words.thread_lane
    };
    name(&lane.to_string())
}

/// What a hover says about one task of `run`.
pub fn task_text(lang: Lang, run: &RunRecord, task: &TaskRecord) -> String {
    let words = &lang.text().charts;
    let text = (words.task)(
        &task.input.to_string(),
        &lane_name(lang, run, task.worker),
        &human_duration(task.end_ms - task.start_ms),
        &human_duration(task.start_ms),
        &human_duration(task.end_ms),
    );
    text + &task.error.as_deref().map(words.failed).unwrap_or_default()
}

/// One drawn bar: a task alone or a merged stretch of narrow ones.
#[derive(Debug, PartialEq)]
pub struct Bar {
    pub lane: usize,
    pub x0: f64,
    pub x1: f64,
    /// Indices into the run's tasks.
    pub tasks: Vec<usize>,
}

/// The bars of every lane: O(tasks) arithmetic, but at most about
/// `PLOT_W / MERGE_GAP` bars per lane, however many tasks there are.
pub fn bars(run: &RunRecord, index: &TimelineIndex) -> Vec<Bar> {
    let mut bars = Vec::new();
    for (lane, order) in index.lanes.iter().enumerate() {
        let mut open: Option<Bar> = None;
        for &i in order {
            let task = &run.tasks[i];
            let (x0, x1) = (
                index.x(task.start_ms),
                index.x(task.end_ms.max(task.start_ms)),
            );
            // A bar that stands alone (wide, or failed) neither joins nor takes others.
            let alone =
                |x0: f64, x1: f64, task: &TaskRecord| x1 - x0 >= OWN_BAR || task.error.is_some();
            let merges = open.as_ref().is_some_and(|bar| {
                let single_alone =
                    bar.tasks.len() == 1 && alone(bar.x0, bar.x1, &run.tasks[bar.tasks[0]]);
                !alone(x0, x1, task) && !single_alone && x0 - bar.x1 < MERGE_GAP
            });
            match open.as_mut() {
                Some(bar) if merges => {
                    bar.x1 = bar.x1.max(x1);
                    bar.tasks.push(i);
                }
                _ => {
                    bars.extend(open.take());
                    open = Some(Bar {
                        lane,
                        x0,
                        x1,
                        tasks: vec![i],
                    });
                }
            }
        }
        bars.extend(open);
    }
    bars
}

/// The timeline of one run as an `<svg id="timeline">` element, its words in
/// `lang`. Every bar carries `data-tasks` (how many tasks it stands for) and
/// a title.
pub fn timeline_svg(lang: Lang, run: &RunRecord, index: &TimelineIndex) -> String {
    let words = &lang.text().charts;
    let height = index.height();
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg id=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(&(words.timeline_label)(&record_label(lang, run)))
    );
    for lane in 0..index.lanes.len() {
        let y = TOP + LANE_H * lane as f64;
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
<line class=\"lane\" x1=\"{LEFT}\" x2=\"{}\" y1=\"{:.1}\" y2=\"{:.1}\"/>",
            LEFT - 6.0,
            y + LANE_H * 0.7,
            escape(&lane_name(lang, run, lane)),
            WIDTH - RIGHT,
            y + LANE_H,
            y + LANE_H
        );
    }
    for bar in bars(run, index) {
        let y = TOP + LANE_H * bar.lane as f64 + 3.0;
        let first = &run.tasks[bar.tasks[0]];
        let failed = bar.tasks.len() == 1 && first.error.is_some();
        let title = if bar.tasks.len() == 1 {
            task_text(lang, run, first)
        } else {
            let inputs = bar.tasks.iter().map(|&i| run.tasks[i].input);
            let (lo, hi) = inputs.fold((u64::MAX, 0), |(lo, hi), v| (lo.min(v), hi.max(v)));
            let last = &run.tasks[*bar.tasks.last().expect("not empty")];
            (words.segment)(
                &lo.to_string(),
                &hi.to_string(),
                &lane_name(lang, run, bar.lane),
                &lang.number(bar.tasks.len() as f64, 0),
                &human_duration(first.start_ms),
                &human_duration(last.end_ms),
            )
        };
        let _ = write!(
            svg,
            "<rect class=\"task{}\" data-tasks=\"{}\" x=\"{:.2}\" y=\"{y:.1}\" width=\"{:.2}\" height=\"{}\"><title>{}</title></rect>",
            if failed { " failed" } else if bar.tasks.len() > 1 { " segment" } else { "" },
            bar.tasks.len(),
            bar.x0,
            (bar.x1 - bar.x0).max(0.8),
            LANE_H - 6.0,
            escape(&title)
        );
    }
    let y = height - BOTTOM + 16.0;
    let _ = write!(
        svg,
        "<text class=\"tick\" x=\"{LEFT}\" y=\"{y}\">0 {}</text><text class=\"tick\" x=\"{}\" y=\"{y}\" text-anchor=\"end\">{}</text></svg>",
        human_duration(index.end_ms).rsplit(' ').next().unwrap_or("ms"),
        WIDTH - RIGHT,
        escape(&human_duration(index.end_ms))
    );
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::pool::modes::{PoolMode, TaskTrace};
    use crate::core::results::schema::Check;

    fn run_of(tasks: Vec<(u64, usize, f64, f64)>, workers: usize) -> RunRecord {
        let tasks = tasks
            .into_iter()
            .map(|(input, worker, start_ms, end_ms)| {
                TaskRecord::from(TaskTrace {
                    input,
                    worker,
                    start_ms,
                    end_ms,
                })
            })
            .collect();
        RunRecord::new(PoolMode::Map, workers, vec![1.0], tasks, Check::default())
    }

    /// n tasks back to back (9 µs of every 10), dealt round-robin over `workers` lanes.
    fn many(n: u64, workers: usize) -> RunRecord {
        let lanes = workers as u64;
        run_of(
            (0..n)
                .map(|i| {
                    (
                        i + 1,
                        (i % lanes) as usize,
                        (i / lanes) as f64 * 0.01,
                        (i / lanes) as f64 * 0.01 + 0.009,
                    )
                })
                .collect(),
            workers,
        )
    }

    #[test]
    fn bars_stay_bounded_however_many_tasks() {
        for n in [100u64, 2000, 20000] {
            let run = many(n, 2);
            let index = TimelineIndex::new(&run);
            let bars = bars(&run, &index);
            let covered: usize = bars.iter().map(|b| b.tasks.len()).sum();
            assert_eq!(covered, n as usize, "every task is in exactly one bar");
            assert!(
                bars.len() <= 2 * (PLOT_W / MERGE_GAP) as usize,
                "{n}: {} bars",
                bars.len()
            );
            let svg = timeline_svg(Lang::En, &run, &index);
            assert_eq!(svg.matches("<rect").count(), bars.len());
        }
        // 20000 tasks back to back: one stretch per lane.
        let run = many(20000, 2);
        assert_eq!(bars(&run, &TimelineIndex::new(&run)).len(), 2);
    }

    #[test]
    fn wide_tasks_keep_their_own_bar_and_title() {
        // 4 tasks of a quarter of the run each: 140 units wide.
        let run = run_of(
            vec![
                (1, 0, 0.0, 1.0),
                (2, 0, 1.0, 2.0),
                (3, 1, 0.0, 2.0),
                (4, 1, 2.0, 4.0),
            ],
            2,
        );
        let index = TimelineIndex::new(&run);
        let svg = timeline_svg(Lang::En, &run, &index);
        assert_eq!(svg.matches("data-tasks=\"1\"").count(), 4);
        assert!(
            svg.contains("<title>input 4 on worker 1: 2.0 ms (from 2.0 ms to 4.0 ms)</title>"),
            "{svg}"
        );
        assert!(svg.contains(">0 ms</text>"));
    }

    #[test]
    fn merged_segments_say_what_they_hold() {
        let run = many(300, 1);
        let index = TimelineIndex::new(&run);
        let svg = timeline_svg(Lang::En, &run, &index);
        assert!(svg.contains("data-tasks=\"300\""), "{svg}");
        assert!(
            svg.contains("inputs 1–300 on worker 0: 300 tasks from 0.0 µs to 3.0 ms"),
            "{svg}"
        );
    }

    #[test]
    fn the_timeline_speaks_chinese() {
        let mut run = run_of(vec![(1, 0, 0.0, 1.0), (2, 1, 0.0, 2.0)], 2);
        // Two wide tasks, then 300 narrow ones that merge.
        let narrow = many(300, 2);
        let narrow = narrow.tasks.iter().cloned().map(|mut task| {
            task.start_ms += 2.0;
            task.end_ms += 2.0;
            task
        });
        run.tasks = run.tasks.iter().cloned().chain(narrow).collect();
        run.backend = Some(crate::core::pool::modes::Backend::Threads);
        let index = TimelineIndex::new(&run);
        let english =
            crate::core::view::chart_svg::visible_text(&timeline_svg(Lang::En, &run, &index));
        let chinese =
            crate::core::view::chart_svg::visible_text(&timeline_svg(Lang::ZhCn, &run, &index));
        for word in [
            "map（2 个线程）：各工作线程上的任务随时间的分布",
            "线程 0",
            "线程 1",
            "输入 1（线程 0）：耗时 1.0 ms，从 0.0 µs 到 1.0 ms",
            "个任务，从",
        ] {
            assert!(chinese.contains(word), "{word}: {chinese}");
        }
        for word in [
            "Tasks of",
            "worker",
            "input",
            "tasks",
            "from",
            " to ",
            " on ",
            "over time",
        ] {
            assert!(english.contains(word), "English says {word:?}: {english}");
            assert!(!chinese.contains(word), "Chinese says {word:?}: {chinese}");
        }
        // On processes, a lane is a process; a failed task says so.
        run.backend = Some(crate::core::pool::modes::Backend::Processes);
        let mut failed = run.tasks[0].clone();
        failed.error = Some("boom".into());
        assert_eq!(
            task_text(Lang::ZhCn, &run, &failed),
            "输入 1（进程 0）：耗时 1.0 ms，从 0.0 µs 到 1.0 ms，失败：boom"
        );
        assert_eq!(
            task_text(Lang::En, &run, &failed),
            "input 1 on worker 0: 1.0 ms (from 0.0 µs to 1.0 ms), failed: boom"
        );
        assert!(timeline_svg(Lang::ZhCn, &run, &index).contains(">进程 1</text>"));
    }

    #[test]
    fn hover_finds_the_task_under_the_pointer() {
        let run = run_of(
            vec![(7, 0, 0.0, 1.0), (8, 0, 1.5, 2.0), (9, 1, 0.2, 0.3)],
            2,
        );
        let index = TimelineIndex::new(&run);
        assert_eq!(index.task_at(&run.tasks, 0, 0.5, 0.0), Some(0));
        assert_eq!(index.task_at(&run.tasks, 0, 1.75, 0.0), Some(1));
        // In the gap: nothing exactly, the nearer one within tolerance.
        assert_eq!(index.task_at(&run.tasks, 0, 1.2, 0.0), None);
        assert_eq!(index.task_at(&run.tasks, 0, 1.2, 0.25), Some(0));
        assert_eq!(index.task_at(&run.tasks, 0, 1.4, 0.25), Some(1));
        assert_eq!(index.task_at(&run.tasks, 1, 0.25, 0.0), Some(2));
        assert_eq!(
            index.task_at(&run.tasks, 2, 0.25, 0.0),
            None,
            "no such lane"
        );
        // From SVG coordinates: lane 1 is y in [38, 60).
        assert_eq!(index.lane_at(TOP + LANE_H * 1.5), Some(1));
        assert_eq!(index.lane_at(TOP - 1.0), None);
        assert!((index.ms_at(index.x(1.25)) - 1.25).abs() < 1e-12);
        assert_eq!(
            task_text(Lang::En, &run, &run.tasks[2]),
            "input 9 on worker 1: 100.0 µs (from 200.0 µs to 300.0 µs)"
        );
    }
}
