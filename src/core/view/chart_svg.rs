//! The time chart as SVG markup, made by one pure function for the page and
//! for the exported file, so both show the same figure: the median of every
//! pool run against worker count, its 95% interval as an error bar, serial
//! (with its interval as a band) and the ideal serial ÷ min(k, cores).
//! Drawn by hand: a charting crate would add hundreds of KB of wasm for it.

use std::fmt::Write;

use crate::core::i18n::Lang;
use crate::core::pool::modes::{Backend, PoolMode};
use crate::core::results::schema::{of_largest_n, serial_run, ResultsDoc};
use crate::core::results::stats;
use crate::core::results::summary::{
    human_duration, ideal_ms, ideal_text, interval_text, record_label,
};

/// Both charts' frame: the time chart here and the speed-up chart.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 300.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 120.0;
/// Room for labels such as `apply_async · processes`.
const RIGHT_WITH_PROCESSES: f64 = 170.0;
pub const TOP: f64 = 16.0;
pub const BOTTOM: f64 = 40.0;
/// Series labels sit in one column: at least this far apart, they never overlap.
pub const LABEL_GAP: f64 = 13.0;

/// Colours for a standalone file (the page's come from its CSS).
const FILE_STYLE: &str = "text{font:11px system-ui,sans-serif;fill:#5d6170}.axis{stroke:#d9dbe3}\
.series polyline,.series .error-bar{stroke:currentColor;stroke-width:2;fill:none}.series circle{fill:currentColor;stroke:none}\
.series .error-bar{stroke-width:1.5}\
.series.serial{color:#6c6f7d}.series.serial line{stroke:#6c6f7d;stroke-width:2;stroke-dasharray:2 3}\
.serial-band{fill:#6c6f7d;opacity:0.12}.series .ideal{stroke:#6c6f7d;stroke-dasharray:6 4;stroke-width:1.5;fill:none}\
.series.apply{color:#d1495b}.series.apply-async{color:#3451d1}.series.map{color:#2a9d8f}.series.map-async{color:#e09f3e}\
.series text{fill:currentColor}.series line.leader{stroke:#d9dbe3;stroke-dasharray:none;stroke-width:1}\
.series.processes polyline{stroke-dasharray:6 3}.series.processes circle{fill:#fff;stroke:currentColor;stroke-width:2}";

pub fn mode_class(mode: PoolMode) -> &'static str {
    match mode {
        PoolMode::Serial => "series serial",
        PoolMode::Apply => "series apply",
        PoolMode::ApplyAsync => "series apply-async",
        PoolMode::Map => "series map",
        PoolMode::MapAsync => "series map-async",
    }
}

/// What a reader of `svg` gets: its text and its accessible name, without
/// the markup (class names such as `serial` are no words on the page).
#[cfg(test)]
pub fn visible_text(svg: &str) -> String {
    let mut text: Vec<&str> = svg
        .split("aria-label=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    text.extend(
        svg.split('>')
            .filter_map(|part| part.split('<').next())
            .filter(|t| !t.is_empty()),
    );
    text.join("\n")
}

/// Text for SVG/XML: nothing in it is markup.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The axis's unit for values up to `max_ms`: (name, multiplier from ms).
pub fn axis_unit(max_ms: f64) -> (&'static str, f64) {
    if max_ms < 1.0 {
        ("µs", 1000.0)
    } else if max_ms < 2000.0 {
        ("ms", 1.0)
    } else {
        ("s", 0.001)
    }
}

/// A tick value in its unit, with no more digits than it needs: `0`, `2.5`, `40`.
pub fn tick_number(value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    let decimals = (2 - value.abs().log10().floor() as i32).clamp(0, 4) as usize;
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A round step (1, 2 or 5 × 10^k) giving about `count` intervals up to `max`.
fn nice_step(max: f64, count: f64) -> f64 {
    let raw = (max / count).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&step| step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// The y axis: linear from 0, or logarithmic over the values' range.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    pub log: bool,
    /// Axis ends in ms.
    pub low: f64,
    pub high: f64,
    /// Tick positions in ms.
    pub ticks: Vec<f64>,
}

impl Scale {
    pub fn linear(max_ms: f64) -> Scale {
        let (_, per_ms) = axis_unit(max_ms);
        let step = nice_step(max_ms * per_ms * 1.02, 4.0);
        let count = (max_ms * per_ms * 1.02 / step).ceil().max(1.0) as usize;
        let ticks = (0..=count)
            .map(|i| i as f64 * step / per_ms)
            .collect::<Vec<_>>();
        Scale {
            log: false,
            low: 0.0,
            high: *ticks.last().unwrap_or(&max_ms),
            ticks,
        }
    }

    pub fn log(min_ms: f64, max_ms: f64) -> Scale {
        let (low, high) = (min_ms.max(1e-6) / 1.25, max_ms.max(min_ms.max(1e-6)) * 1.25);
        let mut ticks = Vec::new();
        for decade in low.log10().floor() as i32..=high.log10().ceil() as i32 {
            for m in [1.0, 2.0, 5.0] {
                let tick = m * 10f64.powi(decade);
                if tick >= low && tick <= high {
                    ticks.push(tick);
                }
            }
        }
        Scale {
            log: true,
            low,
            high,
            ticks,
        }
    }

    /// 0 at the axis's bottom, 1 at its top.
    fn fraction(&self, ms: f64) -> f64 {
        if self.log {
            (ms.max(self.low).ln() - self.low.ln()) / (self.high.ln() - self.low.ln())
        } else {
            ms / self.high
        }
    }
}

/// Every figure the chart draws, in ms: medians, interval ends, serial, ideals.
fn drawn_values(results: &ResultsDoc) -> Vec<f64> {
    let mut values = Vec::new();
    for run in &results.runs {
        values.push(run.median_ms);
        if let Some([lo, hi]) = stats::ci95_median(&run.times_ms) {
            values.extend([lo, hi]);
        }
    }
    if let Some(serial) = serial_run(results) {
        values.extend(
            worker_counts(results)
                .iter()
                .map(|&k| ideal_ms(results, serial.median_ms, k)),
        );
    }
    values.retain(|v| v.is_finite() && *v > 0.0);
    values
}

/// Worth a log scale: the drawn values span more than 10×.
pub fn spans_decade(results: &ResultsDoc) -> bool {
    let values = drawn_values(results);
    let (min, max) = values.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &v| {
        (lo.min(v), hi.max(v))
    });
    !values.is_empty() && max > 10.0 * min
}

fn worker_counts(results: &ResultsDoc) -> Vec<usize> {
    let mut counts: Vec<usize> = results
        .runs
        .iter()
        .filter(|r| r.mode.uses_pool())
        .map(|r| r.workers)
        .collect();
    counts.sort_unstable();
    counts.dedup();
    counts
}

/// Moves label positions (sorted or not) apart by at least `gap`, staying
/// within `[top, bottom]` where there is room; returns them in input order.
pub fn spread_labels(wanted: &[f64], gap: f64, top: f64, bottom: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..wanted.len()).collect();
    order.sort_by(|&a, &b| wanted[a].total_cmp(&wanted[b]));
    let mut placed: Vec<f64> = order.iter().map(|&i| wanted[i]).collect();
    for i in 0..placed.len() {
        let floor = if i == 0 { top } else { placed[i - 1] + gap };
        placed[i] = placed[i].max(floor);
    }
    // Pushed past the bottom: shift the tail back up, keeping the gaps.
    for i in (0..placed.len()).rev() {
        let ceiling = if i + 1 == placed.len() {
            bottom
        } else {
            placed[i + 1] - gap
        };
        placed[i] = placed[i].min(ceiling);
    }
    let mut result = vec![0.0; wanted.len()];
    for (slot, &i) in order.iter().enumerate() {
        result[i] = placed[slot];
    }
    result
}

/// The chart as an `<svg id="time-chart">` element, its words in `lang`;
/// empty without runs. Serial alone is drawn over one worker: its line and
/// band, no ideal.
pub fn time_chart_svg(lang: Lang, results: &ResultsDoc, log: bool) -> String {
    // A sweep's times differ by orders of magnitude between n: this chart
    // draws its largest n (the speed-up chart draws every n).
    let of_largest = of_largest_n(results);
    let results = of_largest.as_ref().map_or(results, |(_, doc)| doc);
    let words = &lang.text().charts;
    let serial = serial_run(results);
    let mut counts = worker_counts(results);
    let pooled = !counts.is_empty();
    if !pooled && serial.is_some() {
        counts = vec![1];
    }
    let values = drawn_values(results);
    if counts.is_empty() || values.is_empty() {
        return String::new();
    }
    let max = values.iter().copied().fold(0.0, f64::max);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let scale = if log {
        Scale::log(min, max)
    } else {
        Scale::linear(max)
    };
    let (unit, per_ms) = axis_unit(if log { min } else { max });
    let right = if results
        .runs
        .iter()
        .any(|r| r.backend == Some(Backend::Processes))
    {
        RIGHT_WITH_PROCESSES
    } else {
        RIGHT
    };
    let plot_w = WIDTH - LEFT - right;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let bottom = HEIGHT - BOTTOM;
    let x = |k: usize| {
        let i = counts.iter().position(|&c| c == k).unwrap_or(0);
        LEFT + if counts.len() == 1 {
            plot_w / 2.0
        } else {
            plot_w * i as f64 / (counts.len() - 1) as f64
        }
    };
    let y = |ms: f64| TOP + plot_h * (1.0 - scale.fraction(ms));
    // One line per mode and backend (threads first, then processes).
    let series: Vec<(PoolMode, Option<Backend>)> =
        [None, Some(Backend::Threads), Some(Backend::Processes)]
            .into_iter()
            .flat_map(|backend| {
                PoolMode::ALL
                    .into_iter()
                    .filter(|m| m.uses_pool())
                    .map(move |mode| (mode, backend))
            })
            .filter(|&(mode, backend)| {
                results
                    .runs
                    .iter()
                    .any(|r| r.mode == mode && r.backend == backend)
            })
            .collect();
    // Series side by side at one worker count, so their error bars stay apart.
    let dodge = |line: (PoolMode, Option<Backend>)| {
        let i = series.iter().position(|&s| s == line).unwrap_or(0) as f64;
        (i - (series.len() as f64 - 1.0) / 2.0) * 5.0
    };
    let ideal = ideal_text(results.experiment, lang);

    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg id=\"time-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" data-scale=\"{}\" \
aria-label=\"{}\">",
        if log { "log" } else { "linear" },
        escape(&(words.chart_label)(ideal))
    );
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{bottom}\" x2=\"{}\" y2=\"{bottom}\"/>",
        WIDTH - right
    );
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{bottom}\"/>"
    );
    if let Some((n, _)) = &of_largest {
        let _ = write!(
            svg,
            "<text class=\"tick sweep-n\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">n = {n}</text>",
            WIDTH - right,
            TOP - 6.0
        );
    }
    for &tick in &scale.ticks {
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{} {unit}</text>",
            LEFT - 6.0,
            y(tick) + 4.0,
            tick_number(tick * per_ms)
        );
    }
    for &k in &counts {
        let _ = write!(
            svg,
            "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{k}</text>",
            x(k),
            bottom + 16.0
        );
    }
    let pooled_on = |processes: bool| {
        results
            .runs
            .iter()
            .any(|r| r.mode.uses_pool() && (r.backend == Some(Backend::Processes)) == processes)
    };
    let axis = match (pooled_on(false), pooled_on(true)) {
        (true, true) => words.axis_workers_and_processes,
        (false, true) => words.axis_processes,
        _ => words.axis_workers,
    };
    let _ = write!(
        svg,
        "<text class=\"axis-label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}{}</text>",
        LEFT + plot_w / 2.0,
        HEIGHT - 4.0,
        escape(axis),
        if log {
            escape(words.axis_log)
        } else {
            String::new()
        }
    );

    // Labels at the right: (wanted y, text, class, anchor point).
    let mut labels: Vec<(f64, String, &str, (f64, f64))> = Vec::new();
    if let Some(serial) = serial {
        let ys = y(serial.median_ms);
        let _ = write!(svg, "<g class=\"series serial\">");
        if let Some([lo, hi]) = stats::ci95_median(&serial.times_ms) {
            let _ = write!(
                svg,
                "<rect class=\"serial-band\" x=\"{LEFT}\" y=\"{:.1}\" width=\"{plot_w}\" height=\"{:.1}\"><title>{}</title></rect>",
                y(hi),
                (y(lo) - y(hi)).max(0.5),
                escape(&(words.serial_interval)(&interval_text(Some([lo, hi]))))
            );
        }
        let _ = write!(
            svg,
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{ys:.1}\" y2=\"{ys:.1}\"><title>{}</title></line>",
            WIDTH - right,
            escape(&(words.serial_median)(&human_duration(serial.median_ms)))
        );
        labels.push((
            ys,
            lang.text().runs.serial.into(),
            "series serial",
            (WIDTH - right, ys),
        ));
        if pooled {
            let points: Vec<String> = counts
                .iter()
                .map(|&k| {
                    format!(
                        "{:.1},{:.1}",
                        x(k),
                        y(ideal_ms(results, serial.median_ms, k))
                    )
                })
                .collect();
            let _ = write!(
                svg,
                "<polyline class=\"ideal\" points=\"{}\"><title>{}</title></polyline>",
                points.join(" "),
                escape(&(words.ideal_title)(ideal))
            );
            let last = *counts.last().expect("not empty");
            let yi = y(ideal_ms(results, serial.median_ms, last));
            labels.push((yi, words.ideal.into(), "series serial", (x(last), yi)));
        }
        svg += "</g>";
    }
    for &(mode, backend) in &series {
        let runs: Vec<_> = {
            let mut runs: Vec<_> = results
                .runs
                .iter()
                .filter(|r| r.mode == mode && r.backend == backend)
                .collect();
            runs.sort_by_key(|r| r.workers);
            runs
        };
        let processes = backend == Some(Backend::Processes);
        let _ = write!(
            svg,
            "<g class=\"{}{}\">",
            mode_class(mode),
            if processes { " processes" } else { "" }
        );
        let points: Vec<(f64, f64)> = runs
            .iter()
            .map(|r| (x(r.workers) + dodge((mode, backend)), y(r.median_ms)))
            .collect();
        let path: Vec<String> = points
            .iter()
            .map(|(px, py)| format!("{px:.1},{py:.1}"))
            .collect();
        let _ = write!(svg, "<polyline points=\"{}\"/>", path.join(" "));
        for (run, &(px, py)) in runs.iter().zip(&points) {
            let ci = stats::ci95_median(&run.times_ms);
            if let Some([lo, hi]) = ci {
                let (y_lo, y_hi) = (y(lo), y(hi));
                let _ = write!(
                    svg,
                    "<path class=\"error-bar\" d=\"M{:.1},{y_hi:.1}H{:.1}M{px:.1},{y_hi:.1}V{y_lo:.1}M{:.1},{y_lo:.1}H{:.1}\"/>",
                    px - 3.0,
                    px + 3.0,
                    px - 3.0,
                    px + 3.0
                );
            }
            let interval = match ci {
                Some(_) => (words.point_interval)(&interval_text(ci)),
                None => (words.point_no_interval)(&lang.number(run.times_ms.len() as f64, 0)),
            };
            let title =
                (words.point)(&record_label(lang, run), &human_duration(run.median_ms)) + &interval;
            let _ = write!(
                svg,
                "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"4\"><title>{}</title></circle>",
                escape(&title)
            );
        }
        svg += "</g>";
        if let Some(&(px, py)) = points.last() {
            let name = if processes {
                (words.series_processes)(mode.name())
            } else {
                mode.name().to_string()
            };
            labels.push((py, name, mode_class(mode), (px, py)));
        }
    }
    let placed = spread_labels(
        &labels.iter().map(|l| l.0).collect::<Vec<_>>(),
        LABEL_GAP,
        TOP + 4.0,
        bottom,
    );
    for ((wanted, text, class, (ax, ay)), ly) in labels.iter().zip(placed) {
        let lx = WIDTH - right + 14.0;
        let _ = write!(svg, "<g class=\"{class}\">");
        if (ly - wanted).abs() > 2.0 {
            let _ = write!(
                svg,
                "<line class=\"leader\" x1=\"{:.1}\" y1=\"{ay:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\"/>",
                ax + 5.0,
                lx - 3.0
            );
        }
        let _ = write!(
            svg,
            "<text class=\"series-label\" x=\"{lx:.1}\" y=\"{:.1}\">{}</text></g>",
            ly + 4.0,
            escape(text)
        );
    }
    svg += "</svg>";
    svg
}

/// The chart as a standalone SVG file: the same markup, colours inlined.
pub fn time_chart_svg_file(lang: Lang, results: &ResultsDoc, log: bool) -> String {
    let svg = time_chart_svg(lang, results, log);
    let Some(open_end) = svg.find('>') else {
        return String::new();
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}<style>{FILE_STYLE}</style>{}",
        &svg[..=open_end],
        &svg[open_end + 1..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::results::schema::RunRecord;

    fn doc(runs: Vec<RunRecord>) -> ResultsDoc {
        ResultsDoc::of_runs_for_tests(runs)
    }

    fn run(mode: PoolMode, workers: usize, times: &[f64]) -> RunRecord {
        RunRecord::timed_for_tests(mode, workers, times)
    }

    fn seven(median: f64) -> Vec<f64> {
        [0.9, 0.95, 1.0, 1.0, 1.0, 1.05, 1.1]
            .iter()
            .map(|f| f * median)
            .collect()
    }

    fn sample() -> ResultsDoc {
        // Four pool modes with nearly equal medians: their labels want one spot.
        let mut runs = vec![run(PoolMode::Serial, 1, &seven(10.0))];
        for mode in [
            PoolMode::Apply,
            PoolMode::ApplyAsync,
            PoolMode::Map,
            PoolMode::MapAsync,
        ] {
            runs.push(run(mode, 1, &seven(10.0)));
            runs.push(run(mode, 2, &seven(5.0)));
        }
        doc(runs)
    }

    /// Every `<text class="series-label" ... y="...">` of the markup.
    fn label_ys(svg: &str) -> Vec<f64> {
        svg.split("class=\"series-label\"")
            .skip(1)
            .map(|rest| {
                let y = rest.split("y=\"").nth(1).unwrap();
                y[..y.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn ticks_are_round_and_zero_reads_in_the_unit() {
        assert_eq!(tick_number(0.0), "0");
        assert_eq!(tick_number(2.5), "2.5");
        assert_eq!(tick_number(40.0), "40");
        assert_eq!(tick_number(0.125), "0.125");
        assert_eq!(axis_unit(0.4), ("µs", 1000.0));
        assert_eq!(axis_unit(12.0), ("ms", 1.0));
        let scale = Scale::linear(11.0);
        assert_eq!(scale.ticks, vec![0.0, 5.0, 10.0, 15.0]);
        let svg = time_chart_svg(Lang::En, &sample(), false);
        assert!(svg.contains(">0 ms</text>"), "{svg}");
        assert!(svg.contains(">10 ms</text>"), "{svg}");
    }

    #[test]
    fn a_sweep_draws_its_largest_n() {
        let at = |mode, workers, n, median| {
            let mut run = run(mode, workers, &seven(median));
            run.n = Some(n);
            run
        };
        let sweep = doc(vec![
            at(PoolMode::Serial, 1, 10, 0.01),
            at(PoolMode::Map, 2, 10, 0.5),
            at(PoolMode::Serial, 1, 3000, 150.0),
            at(PoolMode::Map, 2, 3000, 80.0),
        ]);
        let svg = time_chart_svg(Lang::En, &sweep, false);
        assert!(svg.contains(">n = 3000</text>"), "{svg}");
        // One point for map (n = 3000's), on an axis in ms up to its serial.
        assert_eq!(svg.matches("<circle").count(), 1, "{svg}");
        assert!(
            svg.contains(" ms</text>") && !svg.contains(" µs</text>"),
            "{svg}"
        );
        // One n: no label.
        assert!(!time_chart_svg(Lang::En, &sample(), false).contains("n = "));
    }

    #[test]
    fn series_labels_never_overlap() {
        let svg = time_chart_svg(Lang::En, &sample(), false);
        let mut ys = label_ys(&svg);
        assert_eq!(ys.len(), 6, "serial, ideal and four modes");
        ys.sort_by(f64::total_cmp);
        for pair in ys.windows(2) {
            assert!(pair[1] - pair[0] >= LABEL_GAP - 1e-9, "{ys:?}");
        }
        assert!(ys.iter().all(|&y| (TOP..=HEIGHT).contains(&y)), "{ys:?}");
        // Pushed past the bottom, labels move up and keep their gaps.
        assert_eq!(
            spread_labels(&[100.0, 100.0, 99.0], 10.0, 0.0, 100.0),
            vec![90.0, 100.0, 80.0]
        );
    }

    #[test]
    fn error_bars_one_point_per_pool_run_and_one_function_for_page_and_file() {
        let results = sample();
        let svg = time_chart_svg(Lang::En, &results, false);
        assert_eq!(svg.matches("<circle").count(), 8);
        assert_eq!(svg.matches("class=\"error-bar\"").count(), 8);
        assert!(svg.contains("serial-band"));
        let file = time_chart_svg_file(Lang::En, &results, false);
        assert!(file.starts_with("<?xml"));
        assert!(file.contains("<svg id=\"time-chart\" xmlns=\"http://www.w3.org/2000/svg\""));
        assert_eq!(
            file.replace(&format!("<style>{FILE_STYLE}</style>"), "")
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", ""),
            svg
        );
        // Three repeats: a point without an error bar.
        let few = doc(vec![
            run(PoolMode::Serial, 1, &[1.0, 1.0, 1.0]),
            run(PoolMode::Map, 2, &[0.5, 0.6, 0.7]),
        ]);
        let svg = time_chart_svg(Lang::En, &few, false);
        assert_eq!(
            (
                svg.matches("<circle").count(),
                svg.matches("error-bar").count()
            ),
            (1, 0)
        );
        assert!(svg.contains("3 repeats: no interval"));
    }

    #[test]
    fn a_log_scale_is_offered_past_ten_times() {
        assert!(!spans_decade(&sample()), "5 to 11 ms");
        let wide = doc(vec![
            run(PoolMode::Serial, 1, &seven(100.0)),
            run(PoolMode::Apply, 2, &seven(2.0)),
        ]);
        assert!(spans_decade(&wide));
        let svg = time_chart_svg(Lang::En, &wide, true);
        assert!(svg.contains("data-scale=\"log\""));
        let scale = Scale::log(2.0 * 0.9, 110.0);
        assert_eq!(scale.ticks, vec![2.0, 5.0, 10.0, 20.0, 50.0, 100.0]);
        // Every value lands inside the plot.
        for v in [1.8, 2.0, 110.0] {
            let f = scale.fraction(v);
            assert!((0.0..=1.0).contains(&f), "{v}: {f}");
        }
    }

    #[test]
    fn serial_alone_is_a_figure_too() {
        // What "Chart SVG" downloads after a serial-only run: its line and band.
        let results = doc(vec![run(PoolMode::Serial, 1, &seven(10.0))]);
        let file = time_chart_svg_file(Lang::En, &results, false);
        assert!(file.contains("<svg id=\"time-chart\""), "{file:?}");
        assert!(file.contains("<title>serial: median 10"), "{file}");
        assert!(file.contains("serial-band"), "{file}");
        assert!(
            file.contains(">1</text>"),
            "one worker on the x axis: {file}"
        );
        assert_eq!(
            label_ys(&file).len(),
            1,
            "serial, and no ideal without pool runs"
        );
    }

    /// The English version's words: none is left in the Chinese one.
    const ENGLISH_WORDS: [&str; 15] = [
        "serial",
        "ideal",
        "median",
        "Median",
        "worker",
        "interval",
        "CI",
        "log time scale",
        "processes",
        "repeat",
        "logical cores",
        "dashed",
        " on ",
        "against",
        "line",
    ];

    /// A run on a backend, for the chart's words.
    fn on(backend: Option<Backend>, mut run: RunRecord) -> RunRecord {
        run.backend = backend;
        run
    }

    /// Serial, map on threads and on processes, and a point with too few
    /// repeats for an interval: every word the chart can say.
    fn mixed() -> ResultsDoc {
        doc(vec![
            run(PoolMode::Serial, 1, &seven(100.0)),
            on(Some(Backend::Threads), run(PoolMode::Map, 2, &seven(2.0))),
            on(
                Some(Backend::Threads),
                run(PoolMode::Map, 4, &[1.0, 1.1, 1.2]),
            ),
            on(
                Some(Backend::Processes),
                run(PoolMode::Map, 2, &seven(60.0)),
            ),
        ])
    }

    #[test]
    fn runs_are_named_by_mode_backend_and_count() {
        let label = |lang, run| record_label(lang, &run);
        assert_eq!(
            label(
                Lang::En,
                on(Some(Backend::Processes), run(PoolMode::Map, 2, &[1.0]))
            ),
            "map on 2 processes"
        );
        assert_eq!(
            label(
                Lang::En,
                on(Some(Backend::Processes), run(PoolMode::Map, 1, &[1.0]))
            ),
            "map on 1 process"
        );
        assert_eq!(
            label(
                Lang::En,
                on(Some(Backend::Threads), run(PoolMode::Apply, 1, &[1.0]))
            ),
            "apply on 1 worker"
        );
        assert_eq!(
            label(Lang::En, run(PoolMode::MapAsync, 12, &[1.0])),
            "map_async on 12 workers"
        );
        assert_eq!(label(Lang::En, run(PoolMode::Serial, 1, &[1.0])), "serial");
        assert_eq!(
            label(
                Lang::ZhCn,
                on(Some(Backend::Processes), run(PoolMode::Map, 2, &[1.0]))
            ),
            "map（2 个进程）"
        );
        assert_eq!(
            label(
                Lang::ZhCn,
                on(Some(Backend::Threads), run(PoolMode::ApplyAsync, 4, &[1.0]))
            ),
            "apply_async（4 个线程）"
        );
        assert_eq!(label(Lang::ZhCn, run(PoolMode::Serial, 1, &[1.0])), "串行");
    }

    #[test]
    fn the_chart_speaks_chinese() {
        let results = mixed();
        for log in [false, true] {
            let english = visible_text(&time_chart_svg(Lang::En, &results, log));
            let chinese = visible_text(&time_chart_svg(Lang::ZhCn, &results, log));
            let both = [
                "串行",
                "理想",
                "中位数",
                "95% 置信区间",
                "工作线程/进程数",
                "map · 进程",
                "map（2 个进程）",
                "（仅 3 次重复，无法给出区间）",
            ];
            for word in both.iter().chain(if log {
                &["（对数时间刻度）"][..]
            } else {
                &[]
            }) {
                assert!(chinese.contains(word), "{word}: {chinese}");
            }
            for word in ENGLISH_WORDS
                .iter()
                .filter(|w| log || **w != "log time scale")
            {
                assert!(english.contains(word), "English says {word:?}: {english}");
                assert!(!chinese.contains(word), "Chinese says {word:?}: {chinese}");
            }
        }
        // The file speaks the page's language too.
        assert!(time_chart_svg_file(Lang::ZhCn, &results, false)
            .contains("<title>串行：中位数 100.0 ms</title>"));
        // The x axis names the workers that ran.
        let threads = doc(vec![
            run(PoolMode::Serial, 1, &seven(10.0)),
            run(PoolMode::Map, 2, &seven(5.0)),
        ]);
        assert!(time_chart_svg(Lang::ZhCn, &threads, false).contains(">工作线程数</text>"));
        let processes = doc(vec![
            run(PoolMode::Serial, 1, &seven(10.0)),
            on(Some(Backend::Processes), run(PoolMode::Map, 2, &seven(5.0))),
        ]);
        assert!(time_chart_svg(Lang::ZhCn, &processes, false).contains(">进程数</text>"));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<a href=\"x\">&"),
            "&lt;a href=&quot;x&quot;&gt;&amp;"
        );
    }
}
