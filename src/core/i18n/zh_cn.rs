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
        label_exp: "实验",
        label_n: "n：对 k = 1..n 逐个计算 k!",
        label_pages: "页数（最多）",
        label_count: "每页转发数",
        label_latency: "服务器延迟（ms）",
        label_jitter: "额外随机延迟（ms）",
        label_mid: "微博 id（mid）",
        label_retries: "每页重试次数",
        label_modes: "调用方式",
        label_workers: "进程池大小（worker 数）",
        label_lanes: "并发请求数（workers）",
        label_repeat: "重复次数（先预热一次）",
        label_repeat_reposts: "重复次数",
        label_chunk: "map 的分块大小",
        label_backend: "池的类型",
        label_api: "API 根地址",
        label_token: "访问令牌（access_token）",
        label_run: "打开即运行",
        label_embed: "iframe 精简视图",
        label_lang: "语言",
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
        each_worker_count: "每个 worker 数",
        no_mode: "请至少选一种调用方式",
        no_worker_count: "请至少填一个 worker 数，例如 1,2,4",
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
        too_many_counts: |limit, given| format!("worker 数最多填 {limit} 个，这里有 {given} 个"),
        bad_api: |value| format!("api 须是 http:// 或 https:// 开头的网址，{value} 不是"),
        unknown_parameter: |key| format!("已忽略未知参数 {key}"),
        more_unknown_parameters: |more| format!("另有 {more} 个未知参数，也已忽略"),
        bad_lang: |value| format!("已忽略 lang={value}：本页只支持 zh-CN 和 en"),
    },
    reading: Reading {
    },
    table: Table {
    },
    charts: Charts {
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
        header: "与本页实验对应的 multiprocessing 程序。\n每次运行打印一行：调用方式、worker 数、最短耗时（秒）。",
        token: "演练场的模拟 API 接受任意 token",
        latency: "模拟 API 每次应答前故意等待的时间",
        pool_once: "演练场每个进程池只创建一次，启动耗时单独计算；\n原教程则是在每个被计时的函数里新建 Pool。",
        warm_up: "预热一次，不计时",
    },
    runs: Runs {
    },
};
