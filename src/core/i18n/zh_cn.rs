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
        region: "结果表（可左右滚动）",
        caption: "按模式和并行数列出，只统计计入的重复；区间均为 95% 置信区间（说明见表格下方）。",
        mode: "模式",
        workers: "并行数",
        best: "最快",
        median: "中位数",
        ci95: "95% 置信区间",
        speedup: "加速比（95% 置信区间）",
        of_ideal: "达到理想",
        pool_startup: "池启动",
        empty_task_run: "空任务运行",
        empty_task_run_title: "同样的运行，但任务什么都不做：也就是分发任务、收回结果本身的开销",
        notes: "备注",
        check: "校验",
        faster: "更快",
        slower: "更慢",
        no_difference: "没有可测出的差别",
        no_interval: "没有置信区间",
        at_clock_limit: "已到时钟精度的极限",
        page_hidden: "运行时页面被隐藏",
        ideal_factorial: "串行耗时 ÷ min(并行数, 逻辑核数)",
        ideal_reposts: "一次探测请求，再加 ceil(页数 ÷ 并发数) 轮请求，每轮一个请求的时间，同一主机最多 6 路并发",
        note: |ideal| {
            format!(
                "最快值和中位数取自计入统计的各次重复；95% 置信区间：由顺序统计量得出的中位数置信区间（至少需要 6 次重复）。\
加速比 = 串行中位数 ÷ 本行中位数，括号里是它的 95% 区间：只有整个区间都在 1 以上（绿色）或都在 1 以下（红色）时，差别才算真实，否则就是没有可测出的差别。\
达到理想：理想时间（{ideal}）÷ 本行中位数。池启动按每种并行数只付一次，不计入计时；\
空任务运行是在已预热的池上，用什么都不做的任务走一遍同样的分发流程。"
            )
        },
        too_few_repeats: |repeats, min| format!("只有 {repeats} 次重复：置信区间至少需要 {min} 次"),
        outliers: |n| format!("{n} 个离群值"),
        join_notes: |notes| notes.join("；"),
        startup_warm: |startup, cold| match cold {
            Some(cold) => format!("{startup}，热启动（冷启动：{cold}）"),
            None => format!("{startup}，热启动"),
        },
        startup_cold: |startup, spawned, processes| {
            format!("{startup}，冷启动（新建 {spawned} 个{}）", if processes { "进程" } else { "工作线程" })
        },
        check_bits: |bits| format!("{bits} 位"),
        check_reposts: |reposts, pages| match pages {
            Some(pages) => format!("{pages} 页共 {reposts} 条转发"),
            None => format!("{reposts} 条转发"),
        },
    },
    charts: Charts {
    },
    share: Share {
    },
    python: Python {
    },
    runs: Runs {
    },
};
