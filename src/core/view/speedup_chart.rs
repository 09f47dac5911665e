//! The lesson's chart as SVG markup: speed-up over serial against n (log
//! scale), one line per mode x backend x workers, each point with its
//! interval, the speed-up with the pool's cold start-up beside it (hollow),
//! the cost model's prediction (dashed) and the line y = 1 marked: where a
//! line crosses it, the pool starts to pay. Drawn only for a sweep (two n
//! or more). Drawn by hand, like `chart_svg`.

use std::fmt::Write;

use crate::core::i18n::Lang;
use crate::core::pool::modes::{Backend, PoolMode};
use crate::core::results::schema::{serial_for, ResultsDoc};
use crate::core::view::chart_svg::{escape, mode_class, tick_number, BOTTOM, HEIGHT, TOP, WIDTH};

const LEFT: f64 = 48.0;
const RIGHT: f64 = 170.0;

/// One line's points: (n, speed-up, interval, with start-up, predicted).
type Point = (f64, f64, Option<(f64, f64)>, Option<f64>, Option<f64>);
/// A line: (mode, backend, workers).
type Line = (PoolMode, Option<Backend>, usize);

fn lines(results: &ResultsDoc) -> Vec<(Line, Vec<Point>)> {
    let mut lines: Vec<(Line, Vec<Point>)> = Vec::new();
    for run in results.runs.iter().filter(|r| r.mode.uses_pool()) {
        let (Some(n), Some(speedup)) = (run.n, run.speedup) else {
            continue;
        };
        let interval = speedup.lo.zip(speedup.hi);
        let predicted = run.predicted_ms.and_then(|p| {
            let serial = serial_for(&results.runs, run)?;
            Some(serial.median_ms / p).filter(|s| s.is_finite() && *s > 0.0)
        });
        let point = (
            n as f64,
            speedup.median,
            interval,
            run.speedup_with_startup,
            predicted,
        );
        let key = (run.mode, run.backend, run.workers);
        match lines.iter_mut().find(|(k, _)| *k == key) {
            Some((_, points)) => points.push(point),
            None => lines.push((key, vec![point])),
        }
    }
    for (_, points) in &mut lines {
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
    }
    lines
}

/// The chart, or nothing without a sweep.
pub fn speedup_chart_svg(lang: Lang, results: &ResultsDoc) -> String {
    let words = &lang.text().lesson;
    let lines = lines(results);
    let mut sizes: Vec<f64> = lines
        .iter()
        .flat_map(|(_, p)| p.iter().map(|p| p.0))
        .collect();
    sizes.sort_by(f64::total_cmp);
    sizes.dedup();
    if sizes.len() < 2 {
        return String::new();
    }
    let (n_lo, n_hi) = (sizes[0].log10(), sizes[sizes.len() - 1].log10());
    let top = lines
        .iter()
        .flat_map(|(_, p)| {
            p.iter()
                .flat_map(|&(_, s, i, c, m)| [Some(s), i.map(|i| i.1), c, m].into_iter().flatten())
        })
        .filter(|v| v.is_finite())
        .fold(2.0_f64, f64::max)
        .min(64.0);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |n: f64| LEFT + (n.log10() - n_lo) / (n_hi - n_lo) * plot_w;
    let y = |s: f64| TOP + plot_h - s.clamp(0.0, top) / top * plot_h;
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg id=\"speedup-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-label=\"{}\">",
        escape(words.chart_label)
    );
    // Axes and ticks: every measured n, and speed-ups 0, 1 and a few more.
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h
    );
    for &n in &sizes {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            x(n),
            TOP + plot_h + 14.0,
            n
        );
    }
    let _ = write!(
        svg,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        LEFT + plot_w / 2.0,
        HEIGHT - 6.0,
        escape(words.axis_n)
    );
    let step = if top > 8.0 { (top / 4.0).ceil() } else { 1.0 };
    let mut tick = 0.0;
    while tick <= top + 1e-9 {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}×</text>",
            LEFT - 6.0,
            y(tick) + 4.0,
            tick_number(tick)
        );
        tick += step;
    }
    let _ = write!(
        svg,
        "<line class=\"break-even\" x1=\"{LEFT}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"><title>{}</title></line>",
        y(1.0),
        LEFT + plot_w,
        y(1.0),
        escape(words.break_even_line)
    );
    let _ = write!(
        svg,
        "<text class=\"break-even-label\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
        LEFT + 4.0,
        y(1.0) - 4.0,
        escape(words.break_even_line)
    );
    for (index, ((mode, backend, workers), points)) in lines.iter().enumerate() {
        let label = crate::core::pool::modes::run_label(lang, *mode, *backend, *workers);
        let class = format!(
            "{}{}",
            mode_class(*mode),
            if *backend == Some(Backend::Processes) {
                " processes"
            } else {
                ""
            }
        );
        let _ = write!(
            svg,
            "<g class=\"{class}\" data-mode=\"{}\" data-workers=\"{workers}\" data-backend=\"{}\">",
            mode.name(),
            backend.map_or("", Backend::name)
        );
        let path = |values: &[(f64, f64)]| {
            values
                .iter()
                .map(|&(n, s)| format!("{:.1},{:.1}", x(n), y(s)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let warm: Vec<(f64, f64)> = points.iter().map(|p| (p.0, p.1)).collect();
        let _ = write!(
            svg,
            "<polyline class=\"measured\" points=\"{}\"/>",
            path(&warm)
        );
        // A line with its title, through the points that have a value, when two do.
        let mut titled = |class: &str, title: &str, values: Vec<(f64, f64)>| {
            if values.len() > 1 {
                let _ = write!(
                    svg,
                    "<polyline class=\"{class}\" points=\"{}\"><title>{}</title></polyline>",
                    path(&values),
                    escape(title)
                );
            }
        };
        let model = points.iter().filter_map(|p| Some((p.0, p.4?))).collect();
        titled("model", words.model_line, model);
        let cold = points.iter().filter_map(|p| Some((p.0, p.3?))).collect();
        titled("with-startup", words.with_startup_line, cold);
        for &(n, s, interval, with_startup, _) in points {
            if let Some((lo, hi)) = interval {
                let _ = write!(
                    svg,
                    "<line class=\"error-bar\" x1=\"{0:.1}\" y1=\"{1:.1}\" x2=\"{0:.1}\" y2=\"{2:.1}\"/>",
                    x(n),
                    y(lo),
                    y(hi)
                );
            }
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\"><title>{} · n = {n}: {:.2}×</title></circle>",
                x(n),
                y(s),
                escape(&label),
                s
            );
            if let Some(c) = with_startup {
                let _ = write!(
                    svg,
                    "<circle class=\"startup-point\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\"><title>{} · n = {n}: {:.2}×</title></circle>",
                    x(n),
                    y(c),
                    escape(words.with_startup_line),
                    c
                );
            }
        }
        let last = points.last().expect("a line has a point");
        let label_y = (y(last.1) + 4.0 + (index as f64 - lines.len() as f64 / 2.0) * 0.0)
            .clamp(TOP + 8.0, TOP + plot_h);
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
            LEFT + plot_w + 6.0,
            label_y,
            escape(&label)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::results::schema::{annotate, RunRecord};

    fn at_n(mode: PoolMode, workers: usize, n: u64, center: f64) -> RunRecord {
        let times: Vec<f64> = (0..9).map(|i| center * (0.98 + 0.005 * i as f64)).collect();
        let mut run = RunRecord::timed_for_tests(mode, workers, &times);
        run.n = Some(n);
        run.backend = mode.uses_pool().then_some(Backend::Threads);
        run.pool_startup_ms = mode.uses_pool().then_some(5.0);
        run
    }

    #[test]
    fn a_sweep_draws_each_line_the_break_even_and_the_model() {
        let mut results = ResultsDoc::of_runs_for_tests(vec![
            at_n(PoolMode::Serial, 1, 10, 1.0),
            at_n(PoolMode::Map, 2, 10, 2.0),
            at_n(PoolMode::Serial, 1, 1000, 100.0),
            at_n(PoolMode::Map, 2, 1000, 60.0),
        ]);
        annotate(&mut results);
        let svg = speedup_chart_svg(Lang::En, &results);
        assert!(svg.starts_with("<svg id=\"speedup-chart\""), "{svg}");
        assert_eq!(svg.matches("class=\"measured\"").count(), 1);
        assert_eq!(svg.matches("class=\"model\"").count(), 1);
        assert_eq!(svg.matches("class=\"with-startup\"").count(), 1);
        assert!(svg.contains("class=\"break-even\""));
        assert!(svg.contains("map on 2 workers"));
        let zh = speedup_chart_svg(Lang::ZhCn, &results);
        assert!(zh.contains(Lang::ZhCn.text().lesson.break_even_line));
        // One n: nothing to draw.
        let mut one = ResultsDoc::of_runs_for_tests(vec![
            at_n(PoolMode::Serial, 1, 10, 1.0),
            at_n(PoolMode::Map, 2, 10, 2.0),
        ]);
        annotate(&mut one);
        assert_eq!(speedup_chart_svg(Lang::En, &one), "");
    }
}
