//! A link's experiment in words, for where the page itself does not run:
//! the server's `<head>` for link unfurlers, its Open Graph image and its
//! oEmbed answer. Plain text only; whoever puts it in markup escapes it.

use crate::core::i18n::Lang;
use crate::core::link::config::{ExperimentKind, PageConfig};

/// What a preview says about one link, in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkPreview {
    pub lang: Lang,
    /// The experiment, e.g. "Factorials of k = 1..3000".
    pub experiment: String,
    /// The page's title: the experiment and the playground's name.
    pub title: String,
    /// One sentence: modes, worker counts, backends.
    pub description: String,
    /// The image's rows: (label, value).
    pub rows: Vec<(&'static str, String)>,
    /// What the playground is, in a line.
    pub footer: &'static str,
    /// The playground's name.
    pub site_name: &'static str,
}

impl LinkPreview {
    pub fn of(config: &PageConfig, lang: Lang) -> LinkPreview {
        let text = &lang.text().preview;
        let modes = join(
            lang,
            config.modes.iter().map(|mode| mode.name().to_string()),
        );
        let workers = join(lang, config.workers.iter().map(usize::to_string));
        let (experiment, description, rows) = match config.experiment {
            ExperimentKind::Factorial => {
                let backends = match &config.backends {
                    Some(backends) => join(lang, backends.iter().map(|b| b.name().to_string())),
                    None => text.page_default_backend.to_string(),
                };
                let rows = vec![
                    (text.modes, modes.clone()),
                    (text.workers, workers.clone()),
                    (text.backends, backends.clone()),
                ];
                (
                    (text.factorial)(config.largest_n()),
                    (text.factorial_description)(&modes, &workers, &backends),
                    rows,
                )
            }
            ExperimentKind::Reposts => {
                let rows = vec![(text.modes, modes.clone()), (text.lanes, workers.clone())];
                let experiment = (text.reposts)(config.pages, config.count, config.latency_ms);
                (
                    experiment,
                    (text.reposts_description)(&modes, &workers),
                    rows,
                )
            }
        };
        LinkPreview {
            lang,
            title: (text.title)(&experiment),
            experiment,
            description,
            rows,
            footer: text.footer,
            site_name: lang.text().page.title,
        }
    }
}

/// "a, b and c" in `lang`'s words.
fn join(lang: Lang, items: impl Iterator<Item = String>) -> String {
    (lang.text().preview.list)(&items.collect::<Vec<_>>())
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::link::codec::parse_query;

    #[test]
    fn a_factorial_link_is_named_in_both_languages() {
        let config = parse_query(
            "exp=factorial&n=3000&modes=map,apply_async&workers=1,2,4&backend=threads,processes",
            2,
        )
        .config;
        let en = LinkPreview::of(&config, Lang::En);
        assert_eq!(en.experiment, "Factorials of k = 1..3000");
        assert_eq!(en.title, "Factorials of k = 1..3000 · Parallel playground");
        assert!(
            en.description.starts_with(
                "apply_async and map on pools of 1, 2 and 4 workers (threads and processes)"
            ),
            "{}",
            en.description
        );
        let zh = LinkPreview::of(&config, Lang::ZhCn);
        assert_eq!(zh.experiment, "计算 k = 1..3000 的阶乘");
        assert!(
            zh.description.contains("apply_async 和 map") && zh.description.contains("1、2 和 4"),
            "{}",
            zh.description
        );
        assert_eq!(zh.rows.len(), 3);
    }

    #[test]
    fn a_repost_link_names_its_pages_and_lanes() {
        let config = parse_query(
            "exp=reposts&pages=10&latency=300&modes=apply_async&workers=10",
            2,
        )
        .config;
        let en = LinkPreview::of(&config, Lang::En);
        assert_eq!(
            en.experiment,
            "10 pages of reposts (200 per page, 300 ms latency)"
        );
        assert!(
            en.description
                .starts_with("apply_async on 10 concurrent requests"),
            "{}",
            en.description
        );
    }
}
