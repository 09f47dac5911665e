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
                reading_more: "完整解读",
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
        over_trace_budget: |tasks, budget| format!(
            "这些运行共有 {tasks} 个任务；一个结果页最多保留 {budget} 个任务的跟踪，所以最后几次运行只保留计时，没有时间线。"),
        progress: |done, total, now| format!("已完成 {done}/{total} 次运行 · 正在运行：{now}"),
    },
    fields: Fields {
        label_exp: "实验",
        label_n: "n：对 k = 1..n 逐个计算 k!（填多个值即扫描任务规模）",
        label_pages: "页数（最多）",
        label_count: "每页转发数",
        label_latency: "服务器延迟（ms）",
        label_jitter: "额外随机延迟（ms）",
        label_mid: "微博 id（mid）",
        label_retries: "每页重试次数",
        label_modes: "调用方式",
        label_workers: "池的大小（线程数或进程数）",
        label_lanes: "并发请求数",
        label_repeat: "重复次数（先预热一次；自动：直到中位数精确到 ±5%）",
        label_repeat_reposts: "重复次数",
        label_chunk: "map 的分块大小",
        label_backend: "池的类型",
        label_api: "API 根地址",
        label_token: "访问令牌（access_token）",
        label_run: "打开即运行",
        label_embed: "iframe 精简视图",
        label_lang: "语言",
        label_version: "链接版本",
        label_theme: "配色",
        label_view: "视图",
        hint_mid: "教程里那条微博",
        hint_workers: "例如 1,2,4",
        hint_lanes: "例如 1,4,10",
        hint_chunk: "留空自动取 ceil(n / (4 × workers))",
        hint_api: "留空则用本服务器的模拟 API",
        allowed_experiment: "`factorial` 或 `reposts`",
        allowed_backends: "`threads`、`processes`，或两者都要",
        allowed_url: "http:// 或 https:// 开头的网址",
        allowed_flag: "`1` 表示开启",
        allowed_lang: "`zh-CN` 或 `en`",
        allowed_theme: "`light`、`dark` 或 `auto`（浅色、深色或跟随系统）",
        allowed_view: "`full` 或 `minimal`（完整或精简）",
        each_worker_count: "每个池的大小",
        no_mode: "请至少选一种调用方式",
        no_worker_count: "请至少填一个池的大小，例如 1,2,4",
        each_n: "每个 n",
        no_n: "请至少填一个 n，例如 100 或 10,100,1000",
        allowed_repeat: |from, to| format!("`auto`（自动）或 {from} 到 {to}"),
        allowed_range: |from, to| format!("{from} 到 {to}"),
        allowed_each: |from, to| format!("每个 {from} 到 {to}"),
        allowed_modes: |names| {
            let names: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
            format!("{} 中任选", names.join("、"))
        },
        allowed_token: |bytes| format!("1 到 {bytes} 字节"),
        bad_experiment: |value| format!("exp 只能是 factorial 或 reposts，不能是 {value}"),
        out_of_range: |name, from, to, value| format!("{name} 须在 {from} 到 {to} 之间，{value} 超出了范围"),
        empty_number: |name, from, to| format!("{name} 不能为空，请填 {from} 到 {to} 之间的整数"),
        not_a_number: |name, from, to, value| format!("{name} 须是 {from} 到 {to} 之间的整数，{value} 不是"),
        empty_token: |name| format!("{name} 不能为空"),
        long_token: |name, bytes| format!("{name} 超过了 {bytes} 字节（按 UTF-8 计）"),
        unknown_mode: |value| format!("没有 {value} 这种调用方式，可选 serial、apply、apply_async、map 或 map_async"),
        unknown_backend: |value| format!("没有 {value} 这种池，可选 threads、processes，或两者都要"),
        too_many_counts: |limit, given| format!("池的大小最多填 {limit} 个，这里有 {given} 个"),
        bad_api: |value| format!("api 须是 http:// 或 https:// 开头的网址，{value} 不是"),
        unknown_parameter: |key| format!("已忽略未知参数 {key}"),
        more_unknown_parameters: |more| format!("另有 {more} 个未知参数，也已忽略"),
        bad_lang: |value| format!("已忽略 lang={value}：本页只支持 zh-CN 和 en"),
        bad_theme: |value| format!("已忽略 theme={value}：请用 light、dark 或 auto"),
        bad_view: |value| format!("已忽略 view={value}：请用 full 或 minimal"),
        bad_version: |value, current| format!(
            "未知的链接版本 v={value}：本页能读 v=1 到 v={current}，因此链接按 v={current} 的默认值打开，且不会自动运行"),
    },
    reading: Reading {
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
        verdict_fastest: |run, speedup, interval, of_ideal, n| {
            let n = n.map(|n| format!("在 n = {n} 时")).unwrap_or_default();
            let ideal = of_ideal.map(|p| format!("，达到理想值的 {p}")).unwrap_or_default();
            format!("{run}{n}是明显快于串行的运行中最快的：快 {speedup} 倍（{interval}）{ideal}。")
        },
        verdict_none: |kind| format!("这里没有哪个{kind}运行明显快于串行。"),
        verdict_from_n: |run, n, measured| {
            if measured {
                format!("{run}的中位数加速比约在 n = {n} 处越过 1（在两个实测规模之间插值）。")
            } else {
                format!("按这些运行拟合的开销模型，{run}约从 n = {n} 起才划算。")
            }
        },
        verdict_never: |n| format!("按这些运行拟合的开销模型，n 小于 {n} 时没有哪个进程池划算。"),
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
        sweep_read_at: |n| format!("这次扫描测了多个任务规模；加速比图涵盖全部规模，下面解读最大的一个，n = {n}。"),
        outliers: |repeats| {
            format!("有 {} 次重复是离群值（修正 z 分数大于 3.5），仍计入统计，并已标出。", zh_count(repeats))
        },
        model_misses: |runs, run, n, measured, predicted| {
            let n = n.map(|n| format!("在 n = {n} 时")).unwrap_or_default();
            format!(
                "成本模型对 {} 个运行的预测落在其区间之外；偏差最大的是 {run}{n}：实测 {measured}，预测 {predicted}。这正是模型没有计入的因素显现之处：工作进程多于核心、内存带宽，或消息的开销。",
                zh_count(runs)
            )
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
        n: "规模 n",
        repeats: "重复次数",
        stop_precision: "达到 ±5%",
        stop_budget: "用完时间预算",
        stop_count: "达到次数",
        all_columns: "显示全部列",
        breakdown_title: "工作进程的时间花在哪里",
        breakdown_work: "计算本身（串行用时）",
        breakdown_slower: "任务比串行时慢的部分",
        breakdown_idle: "等待（负载不均、分发、消息）",
        breakdown_note: "每条横条的总长是“进程数 × 被追踪那次重复的墙钟时间”。",
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
        ideal: "理想",
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
    lesson: Lesson {
        chart_label: "加速比随 n 的变化：每个进程池一条线，附开销模型的预测，以及进程池开始划算的分界线",
        axis_n: "n（任务为 k = 1..n 的 k!），对数坐标",
        break_even_line: "1 倍 = 与串行一样快",
        model_line: "开销模型",
        with_startup_line: "计入进程池冷启动（教程的计时方式）",
        chart_caption: "相对同一 n 的串行运行的加速比。实心点：热的进程池，附 95% 置信区间；空心点：连冷启动一起算；虚线：开销模型。在 1 倍线以上，进程池才划算。",
        sweep_preset: "进程池从多大的任务开始划算？教程的规模，n = 10 到 3000",
        sweep_preset_note: "串行、apply_async 和 map，2 个工作线程，线程与进程两种池，各自重复到中位数精确到 ±5%。",
    },
    share: Share {
        panel_label: "分享与导出",
        copy_link: "复制链接",
        copy_run_link: "复制打开即运行的链接",
        share_results: "连同结果一起分享",
        link_copied: "链接已复制。",
        run_link_copied: "已复制打开即运行的链接。",
        results_link_copied: "已复制带结果的链接：对方打开后，你的结果会和他自己跑出的结果并排显示。",
        results_link_label: "带结果的链接",
        export_svg: "图表 SVG",
        export_trace: "时间线（Perfetto）",
        embed_summary: "嵌入到教程里",
        snippet_label: "iframe 代码",
        script_snippet_label: "embed.js 代码",
        script_note: "把链接放在实验该出现的位置，每页再放一次脚本：读者先看到一张卡片，点击运行前什么都不加载；之后嵌入的页面随内容自动调整高度，并使用你页面的语言和配色。",
        iframe_note: "或者不用脚本，直接用 iframe（高度固定，页面打开即加载）：",
        embed_note_before: "想在 iframe 里用线程，教程页面本身需要带上响应头 ",
        embed_note_and: " 和 ",
        embed_note_after: "。没有这两个头，嵌入的页面照样并行运行：池改由进程组成，也就是互相只传消息的 Web Worker。",
        python_summary: "对应的 Python 代码",
        presets_summary: "教程里的实验",
        presets_experiment: "实验",
        presets_tutorial: "教程结果",
        presets_as_timed: "本机（按教程的计时方式）",
        presets_alone: "本机（只计运行本身）",
        presets_note: "“按教程的计时方式”把进程池的启动时间也算在内，因为教程每次计时都在函数里新建 Pool；教程用的是 Python 2，跑在一台 4 核笔记本上。",
        preset_one_factorial: "单次计算 factorial(100)",
        preset_serial_loop: "串行循环计算 1..100 的阶乘",
        preset_one_page: "抓取一页（200 条转发）",
        preset_serial: "串行",
        copy_this_link: |link| format!("请手动复制这个链接：{link}"),
        export_failed: |error| format!("导出失败：{error}"),
        preset_pool: |mode, workers, default| {
            let pool = match default {
                true => format!("默认进程池（{workers} 个进程）"),
                false => format!("{workers} 个进程的进程池"),
            };
            // The name stays; what the mode does follows, as a Chinese
            // tutorial on multiprocessing.Pool glosses it.
            let mode = match mode {
                "apply" => "apply（阻塞等待）",
                "apply_async" => "apply_async（异步提交）",
                "map" => "map（分块）",
                "map_async" => "map_async（分块、异步）",
                other => other,
            };
            format!("{mode}，{pool}")
        },
        preset_pages: |run| format!("10 页，{run}"),
    },
    python: Python {
        header: "与本页实验对应的 multiprocessing 程序。\n每次运行打印一行：调用方式、池的大小、最短耗时（秒）。",
        token: "演练场的模拟 API 接受任意 token",
        latency: "模拟 API 每次应答前故意等待的时间",
        pool_once: "演练场每个进程池只创建一次，启动耗时单独计算；\n原教程则是在每个被计时的函数里新建 Pool。",
        warm_up: "预热一次，不计时",
    },
    runs: Runs {
        serial: "串行",
        cancelled: "已取消：只有上面这些运行在取消前完成",
        run_stopped: |reason| format!("运行中断：{reason}"),
        run_failed: |run, reason| format!("{run}：{reason}"),
        on_threads: |mode, workers| format!("{mode}（{} 个线程）", zh_count(workers)),
        on_processes: |mode, workers| format!("{mode}（{} 个进程）", zh_count(workers)),
        on_lanes: |mode, workers| format!("{mode}（{} 路并发）", zh_count(workers)),
        page_failed: |run, page, reason| format!("{run}：第 {page} 页请求失败：{reason}"),
        no_api_here: |path| format!(
            "此主机没有提供模拟 API（{path} 返回 HTTP 404）：请用 playground-server 启动演练场，或用 api= 指向一个兼容的服务器。"),
        no_api_there: |base, path| format!(
            "{base} 没有提供转发 API（{path} 返回 HTTP 404）：请用 api= 指向一个兼容的服务器，或留空以使用本主机的 API。"),
        worker_lost: |run, worker, secs| format!(
            "{run}：进程 {worker} 在持有任务时 {secs:.0} 秒没有应答，本次运行已结束；下次运行会启动新的进程"),
        pool_worker_lost: |run, worker| format!(
            "{run}{}线程池工作线程 {worker} 在任务中途停止，本次运行与引擎的工作线程已一并结束；下次运行会启动新的工作线程",
            if run.is_empty() { "" } else { "：" }),
        driver_lost: |run, reason| format!(
            "{run}{}实验驱动线程在运行中途停止{}，本次运行与引擎的工作线程已一并结束；按“运行”即可启动新的引擎",
            if run.is_empty() { "" } else { "：" },
            reason.map(|r| format!("（{r}）")).unwrap_or_default()),
        threads_not_run: |runs, why, on_processes| format!(
            "线程：{} 个线程池运行没有运行：{why}；{}",
            zh_count(runs),
            if on_processes { "它们已在进程上运行" } else { "加上 backend=processes 即可在进程上运行它们" }),
        serial_worker_lost: |run, secs| format!(
            "{run}：串行工作线程在 {secs:.0} 秒内没有应答（已关闭、崩溃或卡住），已被结束；下次运行会启动新的工作线程"),
    },
    failures: Failures {
        workers_unanswered: "页面始终没有告知工作线程是否已经启动",
        answer_lost: "丢失了一个进程的应答",
        run_in_progress: "已有一次运行正在进行",
        threads_still_starting: "线程仍在启动中",
        page_cancelled: "已取消",
        shared_not_base64: "此链接中分享的结果不是有效的 base64url 编码",
        shared_damaged: "此链接中分享的结果已损坏或过大",
        no_reason: "浏览器没有给出原因",
        no_file: "浏览器无法生成该文件",
        repeat_mismatch: |mode, workers, got, expected| format!(
            "{mode}（池大小 {workers}）各次重复算出的结果不一致（{got}，预热时为 {expected}）"),
        check_mismatch: |mode, workers, got, first, expected| format!(
            "结果校验不一致：{mode}（池大小 {workers}）算出 {got}，而 {first} 算出 {expected}"),
        digest: |digest| format!("，摘要 {digest}"),
        processes_not_started: |wanted, reason| format!(
            "所需的 {wanted} 个进程浏览器只启动了一部分（{reason}）"),
        pool_workers_not_started: |started, missing, pool, reason| format!(
            "大小为 {pool} 的线程池还需要 {missing} 个 Web Worker，浏览器只启动了 {started} 个（{reason}）"),
        pool_not_built: |workers, reason| format!("无法建立大小为 {workers} 的线程池：{reason}"),
        answer_misfit: |worker| format!("进程 {worker} 发回的应答与它的任务对不上"),
        process_failed: |worker, reason| format!("进程 {worker} 停止了：{reason}"),
        serial_failed: |reason| format!("串行工作线程出错（{reason}）"),
        garbled: |reason| format!("页面与工作线程之间的一条消息无法读取（{reason}）"),
        driver_not_started: |reason| format!("无法启动实验驱动线程：{reason}"),
        driver_stopped: |reason| format!("实验驱动线程停止了（{}）", reason.unwrap_or("浏览器没有给出原因")),
        api_error: |code, status, message| format!("API 错误 {code}（HTTP {status}）：{message}"),
        http_status: |status| format!("服务器返回 HTTP {status}"),
        // The parser's words are English: a Chinese reader gets the gist.
        bad_json: |_| "应答中的 JSON 无效".to_string(),
        timed_out: |secs| format!("{secs:.1} 秒后仍未应答，已超时"),
        network_error: |detail| format!("网络错误：{detail}"),
        unreadable_answer: |detail| format!("读取应答失败：{detail}"),
        shared_not_results: |_| "此链接中分享的内容不是结果文档".to_string(),
    },
    preview: Preview {
        modes: "模式",
        workers: "工作进程数",
        lanes: "并发请求数",
        backends: "池的类型",
        page_default_backend: "由页面决定（能共享内存时用线程，否则用进程）",
        list: |items| match items.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} 和 {last}", rest.join("、")),
            _ => items.concat(),
        },
        footer: "在浏览器里重跑 Python multiprocessing.Pool 教程 · Rust + WebAssembly",
        factorial: |n| format!("计算 k = 1..{n} 的阶乘"),
        reposts: |pages, count, latency| format!("获取 {pages} 页转发（每页 {count} 条，延迟 {latency} ms）"),
        title: |experiment| format!("{experiment} · 并行编程演练场"),
        factorial_description: |modes, workers, backends| format!(
            "在你的浏览器里对比 {modes}，池大小 {workers}（{backends}）：用编译成 WebAssembly 的 Rust 重跑 Python multiprocessing.Pool 教程。"),
        reposts_description: |modes, lanes| format!(
            "在你的浏览器里对比 {modes}，并发请求数 {lanes}，请求模拟的微博 API：用编译成 WebAssembly 的 Rust 重跑 Python multiprocessing.Pool 教程。"),
    },
};
