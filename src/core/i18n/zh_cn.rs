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
        serial: "串行",
        task: "任务",
        request: "请求",
        pool: "并行",
        concurrent: "并发",
        between_sentences: "",
        serial_total: |tasks, task, total, note, per_task| {
            format!("串行逐个执行这 {} 个{task}，共用时 {total}{note}，平均每个{task} {per_task}。", zh_count(tasks))
        },
        median_of: |repeats, interval| format!("（{} 次重复的中位数，95% 置信区间 {interval}）", zh_count(repeats)),
        median_of_repeats: |repeats| format!("（{} 次重复的中位数）", zh_count(repeats)),
        workers: |n| format!("{} 个线程", zh_count(n)),
        processes: |n| format!("{} 个进程", zh_count(n)),
        lanes: |n| format!("{} 路并发", zh_count(n)),
        run_on: |mode, workers| format!("{mode}（{workers}）"),
        faster: |run, speedup, bounds, ideal, why| format!("{run}比串行快：加速比 {speedup}×（{bounds}），理想值为 {ideal}×{why}。"),
        why_connections: |connections| {
            format!("：浏览器对同一主机最多同时发出 {connections} 个请求，并发路数再多，多出来的请求也只能在浏览器里排队")
        },
        why_cores: |workers, cores, most| {
            format!("（{workers}跑在 {} 个逻辑核上，加速比不可能超过 {}×）", zh_count(cores), zh_count(most))
        },
        slower: |run, times, bounds, others, kind, why| {
            let others = match others {
                0 => String::new(),
                n => format!("；另有 {} 组{kind}运行也比串行慢", zh_count(n)),
            };
            format!("{run}比串行慢，耗时是串行的 {times} 倍（{bounds}）{why}{others}。")
        },
        why_dispatch: |empty| {
            format!("：同样的运行换成什么都不做的空任务也要 {empty}，可见把这些任务分发出去再收回结果，比计算它们本身还要费时")
        },
        no_difference: |runs, kind| {
            format!("有 {} 组{kind}运行与串行相比没有可测出的差别：加速比的置信区间包含 1。", zh_count(runs))
        },
        no_interval: |min| {
            format!("重复次数少于 {min} 次就没有置信区间，任何差别都不能当真：请把重复次数设为 {min} 次或更多。")
        },
        winner: |run, kind| format!("{run}是最快的{kind}运行：它的置信区间完全低于其他每一组。"),
        ties: |run, others, more| {
            let more = if more > 0 { format!("以及另外 {} 组运行", zh_count(more)) } else { String::new() };
            format!("中位数最快的是 {run}，但它的置信区间与 {}{more}的区间重叠，数据分不出它们谁快谁慢。", others.join("、"))
        },
        apply_waits: |task, workers, apply, serial| {
            format!("apply 要等上一个{task}做完才发出下一个，所以用 {workers}也花了 {apply}，串行则是 {serial}。")
        },
        startup_reused: |workers, startup, processes| {
            format!("启动 {workers}的池用了 {startup}，沿用了已有的{}", if processes { "进程" } else { "工作线程" })
        },
        startup_cold_was: |cold| format!("（首次冷启动用了 {cold}）"),
        startup_spawned: |workers, startup, spawned, processes| {
            format!(
                "启动 {workers}的池花了 {startup}，其中包括新建 {} 个{}",
                zh_count(spawned),
                if processes { "进程" } else { "工作线程" }
            )
        },
        startup_cost: |workers, startup| format!("启动 {workers}的池花了 {startup}"),
        paid_once: |what| format!("{what}。这笔开销只付一次，不计入上面的计时（原教程的每次计时里都含有它）。"),
        processes_paid: |extra, pairs| {
            format!(
                "在 {} 组模式和并行数都相同的对比中，进程平均每个任务比线程多花约 {extra}：参数和结果都要作为消息来回传送，而线程共享内存。",
                zh_count(pairs)
            )
        },
        processes_no_slower: |pairs| {
            format!(
                "在 {} 组模式和并行数都相同的对比中，进程并不比线程慢：对这样大小的任务来说，用消息传送参数和结果的开销不大。",
                zh_count(pairs)
            )
        },
        clock_limit: |runs, first, steps, resolution| {
            format!(
                "{first}{}碰到了时钟精度的极限：中位数还不到 {} 个时钟刻度{}，请加大任务数。",
                if runs > 1 { format!("等 {} 组运行", zh_count(runs)) } else { String::new() },
                zh_count(steps),
                resolution.map(|r| format!("（每个刻度 {r}）")).unwrap_or_default()
            )
        },
        hidden: |runs| {
            format!("有 {} 组运行期间页面处于隐藏状态（已在表中标出）：浏览器会给后台标签页降速。", zh_count(runs))
        },
        outliers: |repeats| {
            format!("有 {} 次重复是离群值（修正 z 分数大于 3.5），仍计入统计，并已标出。", zh_count(repeats))
        },
        waterfall_queued: |lanes, asked, connections, waited, average| {
            format!(
                "{} 路并发最多要同时发出 {} 个请求，但浏览器对同一主机最多只开 {connections} 个 HTTP/1.1 连接：有 {} 个请求先在浏览器里排队，平均等了 {average} 才发出。",
                zh_count(lanes),
                zh_count(asked),
                zh_count(waited)
            )
        },
        waterfall_in_flight: |requests| format!("同一时刻最多有 {} 个请求在进行中。", zh_count(requests)),
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
