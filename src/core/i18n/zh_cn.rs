//! 简体中文. Written for Chinese readers, not word for word: the tutorial's
//! own terms (进程池, 串行, 并行) where it has them.

use super::text::*;

pub static ZH_CN: Text = Text {
    page: Page {
        title: "并行编程演练场",
        tagline: "在浏览器里重跑 Python multiprocessing.Pool 教程：用 Web Worker 组成的池来跑，线程共享内存，进程之间只传消息。",
        open_full: "打开完整页面 ↗",
        lang_switch: "Language / 语言",
    },
    controls: Controls {
        run: "运行",
        cancel: "取消",
    },
    fields: Fields {
    },
    reading: Reading {
    },
    table: Table {
    },
    charts: Charts {
        serial: "串行",
        ideal: "理想",
        ideal_factorial: "串行 ÷ min(工作线程数, 逻辑核心数)",
        ideal_reposts: "先发一个探测请求，再分 ceil(页数 ÷ 通道数) 轮发出，每轮每个通道一个请求，每个主机最多 6 个通道",
        axis_workers: "工作线程数",
        axis_processes: "进程数",
        axis_workers_and_processes: "工作线程/进程数",
        axis_log: "（对数时间刻度）",
        log_scale_choice: "对数时间刻度（数值跨度超过 10 倍）",
        serial_only_caption: "虚线：串行的中位数（色带：其 95% 置信区间）；池模式的运行会按工作线程数画出。",
        timeline_of: "时间线：",
        requests_of: "请求：",
        timeline_caption: "每个色条是一个任务；窄得分不清的相邻任务合并为一段。空隙是工作线程（或进程）空等任务的时间。",
        waterfall_label: "请求瀑布图",
        waterfall_caption: "每行一个请求（页 · 通道）。琥珀色：在浏览器中排队；蓝色：等待服务器；绿色：读取响应。",
        run_on_workers: |mode, k| format!("{mode}（{k} 个工作线程）"),
        run_on_processes: |mode, k| format!("{mode}（{k} 个进程）"),
        series_processes: |mode| format!("{mode} · 进程"),
        ideal_title: |ideal| format!("理想：{ideal}"),
        chart_label: |ideal| format!("中位时间随工作线程数的变化，每种模式一条线，带 95% 置信区间；虚线：串行与理想值（{ideal}）"),
        chart_caption: |ideal| format!("各工作线程数下的中位时间；误差线：其 95% 置信区间。虚线：串行（色带：其置信区间）与理想值：{ideal}。"),
        serial_interval: |interval| format!("串行：95% 置信区间 {interval}"),
        serial_median: |median| format!("串行：中位数 {median}"),
        point: |run, median| format!("{run}：中位数 {median}"),
        point_interval: |interval| format!("（95% 置信区间 {interval}）"),
        point_no_interval: |repeats| format!("（仅 {repeats} 次重复，无法给出区间）"),
        timeline_label: |run| format!("{run}：各工作线程上的任务随时间的分布"),
        thread_lane: |lane| format!("线程 {lane}"),
        process_lane: |lane| format!("进程 {lane}"),
        task: |input, lane, duration, start, end| format!("输入 {input}（{lane}）：耗时 {duration}，从 {start} 到 {end}"),
        segment: |first, last, lane, tasks, start, end| format!("输入 {first}–{last}（{lane}）：{tasks} 个任务，从 {start} 到 {end}"),
        failed: |error| format!("，失败：{error}"),
        timeline_hint: |run| format!("{run}：把指针移到色条上即可查看对应的任务。"),
        trace_omitted: |tasks, budget| {
            format!("本次运行的 {tasks} 个任务未保留跟踪记录：一个结果页最多保留 {budget} 个任务的跟踪。其计时见结果表。")
        },
        request: |page, lane, duration| format!("第 {page} 页（通道 {lane}）：{duration}"),
        request_queued: |queued| format!("，在浏览器中排队 {queued}"),
        request_server: |server| format!("，等待服务器 {server}"),
    },
    share: Share {
    },
    python: Python {
    },
    runs: Runs {
    },
};
