//! The link's parameters, each defined once: its name, the experiments that
//! use it, its kind and limits, its default, label and hint (in the page's
//! languages, from `i18n`'s `Fields` part), and how it is read from and
//! written to a `PageConfig`. The codec (`codec.rs`), the
//! results JSON, the page's controls and the README's limits table (checked
//! by a test below) all follow this table.

use std::ops::RangeInclusive;

use crate::core::i18n::{Fields, Lang};
use crate::core::link::config::{
    ExperimentKind, PageConfig, Theme, View, DEFAULT_TOKEN, LINK_VERSION, LINK_VERSIONS,
    WORKER_LIMITS,
};
use crate::core::pool::modes::{Backend, PoolMode};
use crate::core::run::repeats::Repeat;

use ExperimentKind::{Factorial, Reposts};

pub const N_LIMITS: RangeInclusive<u64> = 1..=100_000;
/// Concurrent fetch lanes for the repost lab (cheap: async, no threads);
/// the tutorial tried a pool of 100.
pub const LANE_LIMITS: RangeInclusive<u64> = 1..=100;
pub const REPEAT_LIMITS: RangeInclusive<u64> = 1..=50;
pub const CHUNK_LIMITS: RangeInclusive<u64> = 1..=100_000;
pub const PAGES_LIMITS: RangeInclusive<u64> = 1..=100;
pub const COUNT_LIMITS: RangeInclusive<u64> = 1..=200;
pub const LATENCY_LIMITS: RangeInclusive<u64> = 0..=10_000;
pub const RETRY_LIMITS: RangeInclusive<u64> = 0..=3;
/// Post ids are positive and fit the API's signed 64 bits.
pub const MID_LIMITS: RangeInclusive<u64> = 1..=i64::MAX as u64;
/// The token's length limit counts UTF-8 bytes, as the query carries them.
pub const MAX_TOKEN_BYTES: usize = 200;
/// Lists longer than this are refused rather than run.
pub const MAX_LIST_LEN: usize = 16;

/// What a parameter's text may be.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `factorial` or `reposts`.
    Experiment,
    /// A whole number within limits.
    Number(RangeInclusive<u64>),
    /// Comma-separated whole numbers, each within limits.
    Counts(RangeInclusive<u64>),
    /// Comma-separated task sizes, each within limits (the factorial's n).
    Sizes(RangeInclusive<u64>),
    /// `auto`, or a whole number within limits.
    Repeat(RangeInclusive<u64>),
    /// Comma-separated pool modes, at least one.
    Modes,
    /// Comma-separated backends.
    Backends,
    /// An absolute http(s) URL.
    Url,
    /// Non-empty text of at most `MAX_TOKEN_BYTES` bytes.
    Token,
    /// `1`, `true` or `yes` is on; anything else off.
    Flag,
    /// A language tag the page speaks (`zh-CN`, `en`). A bad one is only
    /// noticed: the language is how the page speaks, not what it runs.
    Lang,
    /// `light`, `dark` or `auto`; like `Lang`, a bad one is only noticed.
    Theme,
    /// `full` or `minimal`; a bad one is only noticed.
    View,
    /// The link's version (`LINK_VERSIONS`): which defaults fill the fields
    /// it leaves out. Read before every other field; an unknown one is a
    /// notice, and the link does not run on open.
    Version,
}

/// A parameter's value, typed: what the codec reads and writes.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Experiment(ExperimentKind),
    Number(u64),
    Counts(Vec<usize>),
    Sizes(Vec<u64>),
    Repeat(Repeat),
    Modes(Vec<PoolMode>),
    Backends(Vec<Backend>),
    Text(String),
    Flag(bool),
    Lang(Lang),
    Theme(Theme),
    View(View),
    /// Not set: left out of the link, `null` in the results.
    Absent,
}

/// A link parameter by name: each one names a row of `FIELDS` (a test
/// checks), so code that sets or reads a field cannot name one that does
/// not exist. A name may have a row per experiment (`workers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldId {
    Version,
    Exp,
    N,
    Pages,
    Count,
    Latency,
    Jitter,
    Mid,
    Retries,
    Modes,
    Workers,
    Repeat,
    Chunk,
    Backend,
    Api,
    Token,
    Lang,
    Theme,
    View,
    Run,
    Embed,
}

impl FieldId {
    pub const ALL: &'static [FieldId] = &[
        FieldId::Version,
        FieldId::Exp,
        FieldId::N,
        FieldId::Pages,
        FieldId::Count,
        FieldId::Latency,
        FieldId::Jitter,
        FieldId::Mid,
        FieldId::Retries,
        FieldId::Modes,
        FieldId::Workers,
        FieldId::Repeat,
        FieldId::Chunk,
        FieldId::Backend,
        FieldId::Api,
        FieldId::Token,
        FieldId::Lang,
        FieldId::Theme,
        FieldId::View,
        FieldId::Run,
        FieldId::Embed,
    ];

    /// The parameter's name in a link.
    pub const fn name(self) -> &'static str {
        match self {
            FieldId::Version => "v",
            FieldId::Exp => "exp",
            FieldId::N => "n",
            FieldId::Pages => "pages",
            FieldId::Count => "count",
            FieldId::Latency => "latency",
            FieldId::Jitter => "jitter",
            FieldId::Mid => "mid",
            FieldId::Retries => "retries",
            FieldId::Modes => "modes",
            FieldId::Workers => "workers",
            FieldId::Repeat => "repeat",
            FieldId::Chunk => "chunk",
            FieldId::Backend => "backend",
            FieldId::Api => "api",
            FieldId::Token => "token",
            FieldId::Lang => "lang",
            FieldId::Theme => "theme",
            FieldId::View => "view",
            FieldId::Run => "run",
            FieldId::Embed => "embed",
        }
    }

    /// How the page speaks and looks, not what it measures: kept when the
    /// experiment or the whole link changes.
    pub fn is_look(self) -> bool {
        matches!(self, FieldId::Lang | FieldId::Theme | FieldId::View)
    }
}

/// One link parameter.
pub struct Field {
    pub id: FieldId,
    pub experiments: &'static [ExperimentKind],
    pub kind: Kind,
    /// An empty value means "none" (the page's default) rather than an error.
    pub optional: bool,
    /// The default, as the README states it.
    pub default: &'static str,
    /// The label in a language (`Field::label`).
    pub label: fn(&Fields) -> &'static str,
    /// The input's placeholder; empty: the allowed values (`Field::placeholder`).
    pub hint: fn(&Fields) -> &'static str,
    /// Published in the results JSON's `config`.
    pub in_results: bool,
    pub get: fn(&PageConfig) -> Value,
    pub set: fn(&mut PageConfig, Value),
}

const BOTH: &[ExperimentKind] = &[Factorial, Reposts];

/// No placeholder of its own: the input shows the allowed values.
const NO_HINT: fn(&Fields) -> &'static str = |_| "";

/// Every parameter, in the order the page writes them into its address.
/// A name may appear once per experiment (`workers` has other limits in the
/// repost lab).
pub static FIELDS: &[Field] = &[
    Field {
        // First: it says how to read the rest. Always written as the
        // version this page writes; never a control of the form.
        id: FieldId::Version,
        experiments: BOTH,
        kind: Kind::Version,
        optional: false,
        default: "1",
        label: |t| t.label_version,
        hint: NO_HINT,
        in_results: false,
        get: |_| Value::Number(LINK_VERSION),
        set: |_, _| {},
    },
    Field {
        id: FieldId::Exp,
        experiments: BOTH,
        kind: Kind::Experiment,
        optional: false,
        default: "factorial",
        label: |t| t.label_exp,
        hint: NO_HINT,
        in_results: false,
        get: |c| Value::Experiment(c.experiment),
        set: |_, _| {},
    },
    Field {
        id: FieldId::N,
        experiments: &[Factorial],
        kind: Kind::Sizes(N_LIMITS),
        optional: false,
        default: "100",
        label: |t| t.label_n,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Sizes(c.n.clone()),
        set: |c, v| c.n = v.sizes(),
    },
    Field {
        id: FieldId::Pages,
        experiments: &[Reposts],
        kind: Kind::Number(PAGES_LIMITS),
        optional: false,
        default: "10",
        label: |t| t.label_pages,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Number(c.pages),
        set: |c, v| c.pages = v.number(),
    },
    Field {
        id: FieldId::Count,
        experiments: &[Reposts],
        kind: Kind::Number(COUNT_LIMITS),
        optional: false,
        default: "200",
        label: |t| t.label_count,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Number(c.count),
        set: |c, v| c.count = v.number(),
    },
    Field {
        id: FieldId::Latency,
        experiments: &[Reposts],
        kind: Kind::Number(LATENCY_LIMITS),
        optional: false,
        default: "800",
        label: |t| t.label_latency,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Number(c.latency_ms),
        set: |c, v| c.latency_ms = v.number(),
    },
    Field {
        id: FieldId::Jitter,
        experiments: &[Reposts],
        kind: Kind::Number(LATENCY_LIMITS),
        optional: false,
        default: "0",
        label: |t| t.label_jitter,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Number(c.jitter_ms),
        set: |c, v| c.jitter_ms = v.number(),
    },
    Field {
        id: FieldId::Mid,
        experiments: &[Reposts],
        kind: Kind::Number(MID_LIMITS),
        optional: false,
        default: "3664072912104801",
        label: |t| t.label_mid,
        hint: |t| t.hint_mid,
        in_results: true,
        get: |c| Value::Number(c.mid),
        set: |c, v| c.mid = v.number(),
    },
    Field {
        id: FieldId::Retries,
        experiments: &[Reposts],
        kind: Kind::Number(RETRY_LIMITS),
        optional: false,
        default: "0",
        label: |t| t.label_retries,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Number(c.retries as u64),
        set: |c, v| c.retries = v.number() as u32,
    },
    Field {
        id: FieldId::Modes,
        experiments: &[Factorial],
        kind: Kind::Modes,
        optional: false,
        default: "all five",
        label: |t| t.label_modes,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Modes(c.modes.clone()),
        set: |c, v| c.modes = v.modes(),
    },
    Field {
        id: FieldId::Modes,
        experiments: &[Reposts],
        kind: Kind::Modes,
        optional: false,
        default: "`serial`, `apply`, `apply_async`",
        label: |t| t.label_modes,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Modes(c.modes.clone()),
        set: |c, v| c.modes = v.modes(),
    },
    Field {
        id: FieldId::Workers,
        experiments: &[Factorial],
        kind: Kind::Counts(WORKER_LIMITS),
        optional: false,
        default: "1, 2, 4 and `navigator.hardwareConcurrency`",
        label: |t| t.label_workers,
        hint: |t| t.hint_workers,
        in_results: true,
        get: |c| Value::Counts(c.workers.clone()),
        set: |c, v| c.workers = v.counts(),
    },
    Field {
        id: FieldId::Workers,
        experiments: &[Reposts],
        kind: Kind::Counts(LANE_LIMITS),
        optional: false,
        default: "1, 4, 10",
        label: |t| t.label_lanes,
        hint: |t| t.hint_lanes,
        in_results: true,
        get: |c| Value::Counts(c.workers.clone()),
        set: |c, v| c.workers = v.counts(),
    },
    Field {
        id: FieldId::Repeat,
        experiments: &[Factorial],
        kind: Kind::Repeat(REPEAT_LIMITS),
        optional: false,
        default: "`auto` (version 1: 7)",
        label: |t| t.label_repeat,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Repeat(c.repeat),
        set: |c, v| c.repeat = v.repeat(),
    },
    Field {
        id: FieldId::Repeat,
        experiments: &[Reposts],
        kind: Kind::Number(REPEAT_LIMITS),
        optional: false,
        default: "1",
        label: |t| t.label_repeat_reposts,
        hint: NO_HINT,
        in_results: true,
        get: |c| Value::Number(u64::from(c.repeat.count())),
        set: |c, v| c.repeat = Repeat::Count(v.number() as u32),
    },
    Field {
        id: FieldId::Chunk,
        experiments: &[Factorial],
        kind: Kind::Number(CHUNK_LIMITS),
        optional: true,
        default: "`ceil(n / (4 × workers))`",
        label: |t| t.label_chunk,
        hint: |t| t.hint_chunk,
        in_results: true,
        get: |c| {
            c.chunk
                .map_or(Value::Absent, |chunk| Value::Number(chunk as u64))
        },
        set: |c, v| c.chunk = v.present().map(|v| v.number() as usize),
    },
    Field {
        id: FieldId::Backend,
        experiments: &[Factorial],
        kind: Kind::Backends,
        optional: true,
        default: "threads where the page can share memory, else processes",
        label: |t| t.label_backend,
        hint: NO_HINT,
        in_results: true,
        get: |c| c.backends.clone().map_or(Value::Absent, Value::Backends),
        set: |c, v| c.backends = v.present().map(Value::backends),
    },
    Field {
        id: FieldId::Api,
        experiments: &[Reposts],
        kind: Kind::Url,
        optional: true,
        default: "",
        label: |t| t.label_api,
        hint: |t| t.hint_api,
        in_results: true,
        get: |c| c.api.clone().map_or(Value::Absent, Value::Text),
        set: |c, v| c.api = v.present().map(Value::text),
    },
    Field {
        // Left out of links while it is the default (and never published).
        id: FieldId::Token,
        experiments: &[Reposts],
        kind: Kind::Token,
        optional: false,
        default: "`playground`",
        label: |t| t.label_token,
        hint: |_| DEFAULT_TOKEN,
        in_results: false,
        get: |c| {
            if c.token == DEFAULT_TOKEN {
                Value::Absent
            } else {
                Value::Text(c.token.clone())
            }
        },
        set: |c, v| c.token = v.text(),
    },
    Field {
        // Left out while the page follows the browser's language.
        id: FieldId::Lang,
        experiments: BOTH,
        kind: Kind::Lang,
        optional: true,
        default: "the browser's language: 中文 for any zh*, else English",
        label: |t| t.label_lang,
        hint: NO_HINT,
        in_results: false,
        get: |c| c.lang.map_or(Value::Absent, Value::Lang),
        set: |c, v| c.lang = v.present().map(Value::lang),
    },
    Field {
        // Left out while the page follows the system's colours.
        id: FieldId::Theme,
        experiments: BOTH,
        kind: Kind::Theme,
        optional: true,
        default: "auto: the system's",
        label: |t| t.label_theme,
        hint: NO_HINT,
        in_results: false,
        get: |c| c.theme.map_or(Value::Absent, Value::Theme),
        set: |c, v| c.theme = v.present().map(Value::theme),
    },
    Field {
        id: FieldId::View,
        experiments: BOTH,
        kind: Kind::View,
        optional: true,
        default: "full; settings folded in an iframe",
        label: |t| t.label_view,
        hint: NO_HINT,
        in_results: false,
        get: |c| c.view.map_or(Value::Absent, Value::View),
        set: |c, v| c.view = v.present().map(Value::view),
    },
    Field {
        id: FieldId::Run,
        experiments: BOTH,
        kind: Kind::Flag,
        optional: false,
        default: "off",
        label: |t| t.label_run,
        hint: NO_HINT,
        in_results: false,
        get: |c| Value::Flag(c.run),
        set: |c, v| c.run = v.flag(),
    },
    Field {
        id: FieldId::Embed,
        experiments: BOTH,
        kind: Kind::Flag,
        optional: false,
        default: "off",
        label: |t| t.label_embed,
        hint: NO_HINT,
        in_results: false,
        get: |c| Value::Flag(c.embed),
        set: |c, v| c.embed = v.flag(),
    },
];

/// The parameters of one experiment, in address order.
pub fn of(experiment: ExperimentKind) -> impl Iterator<Item = &'static Field> {
    FIELDS
        .iter()
        .filter(move |f| f.experiments.contains(&experiment))
}

/// The parameters a user edits (all but the flags and the version; `lang`
/// through the language switch), in address order.
pub fn edited(experiment: ExperimentKind) -> impl Iterator<Item = &'static Field> {
    of(experiment).filter(|f| !matches!(f.kind, Kind::Flag | Kind::Version))
}

/// The field `name` of `experiment`; else the other experiment's, so a key
/// of the other lab is still checked (and its mistakes reported).
pub fn lookup(experiment: ExperimentKind, name: &str) -> Option<&'static Field> {
    of(experiment)
        .find(|f| f.name() == name)
        .or_else(|| FIELDS.iter().find(|f| f.name() == name))
}

/// The field `id` of `experiment`. Panics on a field the experiment does
/// not have (`mid` of the factorial lab): a programming error, caught by
/// any test that renders the controls.
pub fn field(experiment: ExperimentKind, id: FieldId) -> &'static Field {
    of(experiment)
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no field {} in {}", id.name(), experiment.name()))
}

impl Field {
    /// The parameter's name in a link.
    pub fn name(&self) -> &'static str {
        self.id.name()
    }

    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        (self.label)(&lang.text().fields)
    }

    /// The allowed values in words, in English, as the README's limits
    /// table says them.
    pub fn allowed(&self) -> String {
        self.allowed_in(Lang::En)
    }

    /// The allowed values in words, in `lang`. Numbers stay as a link
    /// writes them (no grouping: `1,000` would be a list).
    pub fn allowed_in(&self, lang: Lang) -> String {
        let t = &lang.text().fields;
        match &self.kind {
            Kind::Experiment => t.allowed_experiment.to_string(),
            Kind::Number(limits) => (t.allowed_range)(*limits.start(), *limits.end()),
            Kind::Counts(limits) | Kind::Sizes(limits) => {
                (t.allowed_each)(*limits.start(), *limits.end())
            }
            Kind::Repeat(limits) => (t.allowed_repeat)(*limits.start(), *limits.end()),
            Kind::Modes => (t.allowed_modes)(&PoolMode::ALL.map(PoolMode::name)),
            Kind::Backends => t.allowed_backends.to_string(),
            Kind::Url => t.allowed_url.to_string(),
            Kind::Token => (t.allowed_token)(MAX_TOKEN_BYTES),
            Kind::Flag => t.allowed_flag.to_string(),
            Kind::Lang => t.allowed_lang.to_string(),
            Kind::Theme => t.allowed_theme.to_string(),
            Kind::View => t.allowed_view.to_string(),
            Kind::Version => (t.allowed_range)(*LINK_VERSIONS.start(), *LINK_VERSIONS.end()),
        }
    }

    /// The input's placeholder in `lang`.
    pub fn placeholder(&self, lang: Lang) -> String {
        match (self.hint)(&lang.text().fields) {
            "" => self.allowed_in(lang),
            hint => hint.to_string(),
        }
    }
}

impl Value {
    fn number(self) -> u64 {
        match self {
            Value::Number(n) => n,
            other => panic!("not a number: {other:?}"),
        }
    }

    fn counts(self) -> Vec<usize> {
        match self {
            Value::Counts(counts) => counts,
            other => panic!("not counts: {other:?}"),
        }
    }

    fn sizes(self) -> Vec<u64> {
        match self {
            Value::Sizes(sizes) => sizes,
            other => panic!("not sizes: {other:?}"),
        }
    }

    fn repeat(self) -> Repeat {
        match self {
            Value::Repeat(repeat) => repeat,
            other => panic!("not a repeat: {other:?}"),
        }
    }

    fn modes(self) -> Vec<PoolMode> {
        match self {
            Value::Modes(modes) => modes,
            other => panic!("not modes: {other:?}"),
        }
    }

    fn backends(self) -> Vec<Backend> {
        match self {
            Value::Backends(backends) => backends,
            other => panic!("not backends: {other:?}"),
        }
    }

    fn text(self) -> String {
        match self {
            Value::Text(text) => text,
            other => panic!("not text: {other:?}"),
        }
    }

    fn lang(self) -> Lang {
        match self {
            Value::Lang(lang) => lang,
            other => panic!("not a language: {other:?}"),
        }
    }

    fn theme(self) -> Theme {
        match self {
            Value::Theme(theme) => theme,
            other => panic!("not a theme: {other:?}"),
        }
    }

    fn view(self) -> View {
        match self {
            Value::View(view) => view,
            other => panic!("not a view: {other:?}"),
        }
    }

    fn flag(self) -> bool {
        matches!(self, Value::Flag(true))
    }

    fn present(self) -> Option<Value> {
        (self != Value::Absent).then_some(self)
    }

    /// The value as a link writes it; `None`: left out.
    pub fn to_text(&self) -> Option<String> {
        fn join<T: ToString>(items: impl Iterator<Item = T>) -> String {
            items
                .map(|item| item.to_string())
                .collect::<Vec<_>>()
                .join(",")
        }
        match self {
            Value::Experiment(kind) => Some(kind.name().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Counts(counts) => Some(join(counts.iter())),
            Value::Sizes(sizes) => Some(join(sizes.iter())),
            Value::Repeat(repeat) => Some(repeat.to_text()),
            Value::Modes(modes) => Some(join(modes.iter().map(|m| m.name()))),
            Value::Backends(backends) => Some(join(backends.iter().map(|b| b.name()))),
            Value::Text(text) => Some(text.clone()),
            Value::Lang(lang) => Some(lang.code().to_string()),
            Value::Theme(theme) => Some(theme.name().to_string()),
            Value::View(view) => Some(view.name().to_string()),
            Value::Flag(true) => Some("1".to_string()),
            Value::Flag(false) | Value::Absent => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of the README's limits table, as (parameter, allowed, default) cells.
    fn readme_limits() -> Vec<[String; 3]> {
        let readme = include_str!("../../../README.md");
        let table = readme
            .split("### Limits")
            .nth(1)
            .expect("README has a Limits section");
        table
            .lines()
            .skip_while(|line| !line.starts_with('|'))
            .take_while(|line| line.starts_with('|'))
            .skip(2)
            .map(|line| {
                let cells: Vec<String> = line.split('|').map(|c| c.trim().to_string()).collect();
                [cells[1].clone(), cells[2].clone(), cells[3].clone()]
            })
            .collect()
    }

    #[test]
    fn the_readme_limits_table_follows_the_schema() {
        let rows = readme_limits();
        // Choices without limits (the experiment, a URL, flags, the language)
        // are in the README's table of link parameters instead.
        let limited = FIELDS.iter().filter(|f| {
            !matches!(
                f.kind,
                Kind::Experiment
                    | Kind::Url
                    | Kind::Flag
                    | Kind::Lang
                    | Kind::Theme
                    | Kind::View
                    | Kind::Version
            )
        });
        for field in limited {
            // A repost-only row says so; the factorial lab's rows are plain.
            let reposts_only = field.experiments == [Reposts];
            let found = rows.iter().any(|[parameter, allowed, default]| {
                parameter.contains(&format!("`{}`", field.name()))
                    && parameter.contains("reposts") == reposts_only
                    && allowed.contains(&field.allowed())
                    && default.contains(field.default)
            });
            assert!(
                found,
                "README's limits table has no row for `{}` with {:?} and default {:?}",
                field.name(),
                field.allowed(),
                field.default
            );
        }
    }

    #[test]
    fn number_defaults_are_the_configs() {
        for experiment in [Factorial, Reposts] {
            let defaults = PageConfig::defaults_for(experiment, 2);
            for field in of(experiment).filter(|f| matches!(f.kind, Kind::Number(_)) && !f.optional)
            {
                assert_eq!(
                    (field.get)(&defaults).to_text().as_deref(),
                    Some(field.default),
                    "{}",
                    field.name()
                );
            }
            let workers = field(experiment, FieldId::Workers);
            let listed = (workers.get)(&PageConfig::defaults_for(experiment, 4))
                .to_text()
                .unwrap();
            assert!(
                workers.default.starts_with(&listed.replace(',', ", ")),
                "{listed} vs {}",
                workers.default
            );
        }
    }

    fn is_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    #[test]
    fn every_field_speaks_both_languages() {
        for field in FIELDS {
            let (en, zh) = (field.label(Lang::En), field.label(Lang::ZhCn));
            assert!(
                !en.is_empty() && !is_chinese(en),
                "{}: {en:?}",
                field.name()
            );
            assert!(
                is_chinese(zh),
                "{}: the Chinese label is {zh:?}",
                field.name()
            );
            // The allowed values in words, and hints (the token's default
            // is a value, the same in both).
            assert!(
                is_chinese(&field.allowed_in(Lang::ZhCn)),
                "{}",
                field.name()
            );
            if field.name() != "token" {
                let placeholder = field.placeholder(Lang::ZhCn);
                assert!(is_chinese(&placeholder), "{}: {placeholder}", field.name());
            }
        }
        assert_eq!(
            field(Factorial, FieldId::Workers).placeholder(Lang::ZhCn),
            "例如 1,2,4"
        );
        assert_eq!(
            field(Factorial, FieldId::N).placeholder(Lang::ZhCn),
            "每个 1 到 100000"
        );
        assert_eq!(
            field(Factorial, FieldId::N).placeholder(Lang::En),
            "1 to 100000 each"
        );
    }

    #[test]
    fn every_field_id_names_a_row_and_every_row_has_its_own_name() {
        for id in FieldId::ALL {
            assert!(FIELDS.iter().any(|f| f.id == *id), "{id:?} has no row");
        }
        for field in FIELDS {
            assert!(FieldId::ALL.contains(&field.id), "{:?}", field.id);
        }
        let mut names: Vec<&str> = FieldId::ALL.iter().map(|id| id.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FieldId::ALL.len(), "{names:?}");
    }

    #[test]
    fn one_field_per_name_and_experiment() {
        for experiment in [Factorial, Reposts] {
            let names: Vec<&str> = of(experiment).map(|f| f.name()).collect();
            let mut unique = names.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(names.len(), unique.len(), "{names:?}");
        }
    }
}
