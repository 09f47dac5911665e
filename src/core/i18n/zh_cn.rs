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
    },
    python: Python {
    },
    runs: Runs {
    },
};
