//! 简体中文. Written for Chinese readers, not word for word: the tutorial's
//! own terms (进程池, 串行, 并行) where it has them.

use super::text::*;

pub static ZH_CN: Text = Text {
    page: Page {
        title: "并行编程演练场",
        tagline: "在浏览器里重跑 Python multiprocessing.Pool 教程：用 Web Worker 组成的池来跑，线程共享内存，进程之间只传消息。",
        open_full: "打开完整页面 ↗",
        lang_switch: "Language / 语言",
        results_region: "结果",
        shared_heading: "链接中分享的结果",
        isolated: "已跨源隔离",
        not_isolated: "未跨源隔离",
        threads_starting: "正在启动线程…",
        no_shared_memory: "此页面没有共享内存（页面未跨源隔离，或浏览器不允许）",
        shared_note: |cores, isolated, agent| format!(
            "测于 {cores} 个逻辑核心的机器，{}，浏览器 {agent}。在这里运行同一个实验即可对比，你的结果会显示在下方。",
            if isolated { "已跨源隔离" } else { "未跨源隔离" }),
        threads_ready: |max| format!("线程已就绪：池最多可有 {max} 个线程"),
        threads_off: |reason| format!("线程不可用：{reason}"),
        logical_cores: |cores| format!("{cores} 个逻辑核心"),
    },
    controls: Controls {
        settings: "实验设置",
        experiment: "实验",
        tab_factorial: "阶乘（CPU 密集型）",
        tab_reposts: "转发列表分页（I/O 密集型）",
        advanced_api: "高级：改用其他兼容的 API 服务器",
        threads_hint: "线程：共享内存（rayon 跑在 Web Worker 上）",
        processes_hint: "进程：互不共享内存，靠消息传递（与 multiprocessing 相同）",
        not_on_this_page: "（此页面不可用）",
        default_for_page: "此页面的默认选择",
        run: "运行",
        cancel: "取消",
        starting: "正在启动",
        threads_skipped: |reason| format!(
            "线程需要共享内存，而此页面没有（{reason}），所以跳过线程池上的运行。进程池在任何页面上都能运行。"),
        oversubscribed: |cores| format!("池的大小超过 {cores} 时，超出了本机的核心数：多出来的线程只能轮流运行。"),
        long_run: |duration, runs, repeats| format!(
            "这个实验最长可能要跑 {duration}：{runs} 次运行，每次重复 {repeats} 遍。减少运行或重复次数能更快看到结果。"),
        progress: |done, total, now| format!("已完成 {done}/{total} 次运行 · 正在运行：{now}"),
    },
    fields: Fields {
    },
    reading: Reading {
    },
    table: Table {
    },
    charts: Charts {
    },
    share: Share {
    },
    python: Python {
    },
    runs: Runs {
        serial: "串行",
        on_threads: |mode, workers| format!("{mode}（{workers} 个线程）"),
        on_processes: |mode, workers| format!("{mode}（{workers} 个进程）"),
        on_lanes: |mode, workers| format!("{mode}（{workers} 路并发）"),
        page_failed: |run, page, reason| format!("{run}：第 {page} 页请求失败：{reason}"),
        no_api_here: |path| format!(
            "此主机没有提供模拟 API（{path} 返回 HTTP 404）：请用 playground-server 启动演练场，或用 api= 指向一个兼容的服务器。"),
        no_api_there: |base, path| format!(
            "{base} 没有提供转发 API（{path} 返回 HTTP 404）：请用 api= 指向一个兼容的服务器，或留空以使用本主机的 API。"),
    },
};
