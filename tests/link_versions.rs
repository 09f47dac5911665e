//! Links last: every version-1 link in `tests/corpus/links-v1.txt` (links
//! of the README, docs/benchmark.md and the presets from before links carried
//! a version) still opens the experiment it meant, and every link the page
//! writes carries the current version and opens the same experiment again.

use parallel_playground::core::i18n::Lang;
use parallel_playground::core::link::codec::parse_query;
use parallel_playground::core::link::config::LINK_VERSION;
use parallel_playground::core::link::fields::FieldId;
use parallel_playground::core::link::presets::PRESETS;
use parallel_playground::core::page_state::Form;

/// The corpus: (version-1 link, the link the page writes for it).
fn corpus() -> Vec<(String, String)> {
    include_str!("corpus/links-v1.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (link, written) = line.split_once(" -> ").unwrap_or((line, ""));
            (
                link.trim_start_matches('?').to_string(),
                written.trim_start_matches('?').to_string(),
            )
        })
        .collect()
}

#[test]
fn version_1_links_open_what_they_meant() {
    let mismatches: Vec<String> = corpus()
        .into_iter()
        .filter_map(|(link, expected)| {
            let parsed = parse_query(&link, 2);
            assert!(
                parsed.errors.is_empty() && parsed.notices.is_empty(),
                "{link}: {:?} {:?}",
                parsed.errors,
                parsed.notices
            );
            let written = parsed.config.to_query();
            (written != expected).then(|| format!("?{link} -> ?{written}"))
        })
        .collect();
    assert!(
        mismatches.is_empty(),
        "these corpus lines open something else now:\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn the_corpus_holds_the_presets_and_the_readmes_links() {
    let links: Vec<String> = corpus().into_iter().map(|(link, _)| link).collect();
    for preset in PRESETS {
        assert!(
            links.iter().any(|link| link == preset.query),
            "preset {} is not in the corpus",
            preset.query
        );
    }
    for readme in [
        include_str!("../README.md"),
        include_str!("../docs/benchmark.md"),
    ] {
        for link in readme.split("?exp=").skip(1) {
            let link = format!(
                "exp={}",
                link.split([' ', ')', '`', '"', '<', '>', '|', '\n', '\''])
                    .next()
                    .unwrap()
            );
            // Links the README writes since versions came in carry `v=`.
            if !link.contains("v=") {
                assert!(
                    links.contains(&link),
                    "{link} (in a README) is not in the corpus"
                );
            }
        }
    }
}

#[test]
fn a_version_this_page_cannot_read_is_a_notice() {
    let parsed = parse_query("v=99&exp=factorial&n=300&run=1", 2);
    assert_eq!(parsed.notices.len(), 1, "{:?}", parsed.notices);
    assert!(
        parsed.notices[0].contains("v=\"99\""),
        "{:?}",
        parsed.notices
    );
    assert!(!parsed.config.run);
    // The form shows it beside the fields until the first edit.
    let form = Form::from_query("v=99&n=300", 2, Lang::En);
    assert_eq!(form.link().notices, parsed.notices);
    assert!(form.with_field(FieldId::N, "301").link().notices.is_empty());
}

#[test]
fn every_link_the_page_writes_carries_the_version_and_opens_the_same_experiment() {
    for (link, _) in corpus() {
        let opened = parse_query(&link, 2).config;
        // The address bar, copy link, the embed snippet: the form's query.
        let form = Form::from_query(&link, 2, Lang::En);
        let address = form.query();
        assert!(
            address.starts_with(&format!("v={LINK_VERSION}&")),
            "{address}"
        );
        let mut reopened = parse_query(&address, 2).config;
        reopened.run = opened.run; // run=1 is a request to the page, not part of its address
        assert_eq!(reopened, opened, "{link} -> {address}");
        // The canonical query (results, oEmbed, previews).
        let canonical = opened.to_query();
        assert!(
            canonical.starts_with(&format!("v={LINK_VERSION}&")),
            "{canonical}"
        );
        assert_eq!(parse_query(&canonical, 2).config, opened, "{canonical}");
    }
    for preset in PRESETS {
        for lang in Lang::ALL {
            let written = preset.link_query(lang);
            assert!(
                written.starts_with(&format!("v={LINK_VERSION}&")),
                "{written}"
            );
        }
    }
}
