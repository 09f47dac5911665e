//! Sharing: copy the link, share it with results, export the results, embed
//! the playground, and read the experiment as Python.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::export;
use crate::core::page_config::PageConfig;
use crate::core::presets::PRESETS;
use crate::core::python_code::python_equivalent;
use crate::core::results::ResultsDoc;
use crate::core::share::encode_fragment;
use crate::core::summary::human_duration;
use crate::web::browser::{copy_to_clipboard, download, page_base};
use crate::core::chart_svg::time_chart_svg_file;

/// What the panel shows, not the whole state: it re-renders only when
/// one of these changes.
#[derive(Properties, PartialEq)]
pub struct ShareProps {
    /// The page's query, as in its address.
    pub query: AttrValue,
    /// The experiment as configured, for the Python equivalent.
    pub config: PageConfig,
    /// Complete results, which can be shared and exported; none while a run is going.
    pub shareable: Option<Rc<ResultsDoc>>,
}

#[derive(Properties, PartialEq)]
struct EmbedProps {
    query: AttrValue,
}

/// Export file names: `parallel-playground-<experiment>`.
fn stem(results: &ResultsDoc) -> String {
    format!("parallel-playground-{}", results.experiment.name())
}

/// The link to what is on screen, optionally running on open.
fn link_to(query: &str, run: bool) -> String {
    format!("{}?{query}{}", page_base(), if run { "&run=1" } else { "" })
}

#[function_component(SharePanel)]
pub fn share_panel(props: &ShareProps) -> Html {
    let query = &props.query;
    let status = use_state(String::new);
    let copy = |text: String, done: &'static str| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let (text, status) = (text.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let copied = copy_to_clipboard(&text).await;
                status.set(if copied { done.to_string() } else { format!("Copy this link: {text}") });
            });
        })
    };
    let shareable = props.shareable.as_ref();
    let share_link = shareable.map(|results| format!("{}#{}", link_to(query, false), encode_fragment(results)));
    let export = |label: &'static str, id: &'static str, make: fn(&ResultsDoc) -> (String, &'static str, String)| {
        let results = shareable.cloned();
        let status = status.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(results) = &results {
                let (name, mime, contents) = make(results);
                if let Err(err) = download(&name, mime, &contents) {
                    status.set(format!("Export failed: {err}"));
                }
            }
        });
        html! { <button type="button" id={id} {onclick} disabled={shareable.is_none()}>{ label }</button> }
    };

    html! {
        <section class="share" aria-label="Share and export">
            <div class="actions">
                <button type="button" id="copy-link" onclick={copy(link_to(query, false), "Link copied.")}>{ "Copy link" }</button>
                <button type="button" id="copy-run-link" onclick={copy(link_to(query, true), "Link that runs on open copied.")}>{ "Copy link that runs" }</button>
                <button type="button" id="share-results" disabled={share_link.is_none()}
                    onclick={copy(share_link.clone().unwrap_or_default(), "Link with your results copied: it opens them beside the viewer's own run.")}>
                    { "Share with results" }</button>
                { export("JSON", "export-json", |r| (format!("{}.json", stem(r)), "application/json", export::to_json(r))) }
                { export("CSV", "export-csv", |r| (format!("{}.csv", stem(r)), "text/csv", export::to_csv(r))) }
                { export("Markdown", "export-markdown", |r| (format!("{}.md", stem(r)), "text/markdown", export::to_markdown(r))) }
                { export("Chart SVG", "export-svg", |r| (format!("{}-chart.svg", stem(r)), "image/svg+xml", time_chart_svg_file(crate::core::i18n::Lang::En, r, false))) }
                { export("Trace (Perfetto)", "export-trace", |r| (format!("{}-trace.json", stem(r)), "application/json", export::to_chrome_trace(r))) }
            </div>
            <p id="share-status" class="note" aria-live="polite">{ (*status).clone() }</p>
            if let Some(link) = share_link {
                <input id="share-link" class="link-field" type="text" readonly=true value={link} aria-label="Link with results" />
            }
            <details class="embed">
                <summary>{ "Embed in a tutorial" }</summary>
                <EmbedSnippet query={query.clone()} />
            </details>
            <details class="python">
                <summary>{ "Python equivalent" }</summary>
                <pre id="python-code"><code>{ python_equivalent(&props.config, &page_base()) }</code></pre>
            </details>
        </section>
    }
}

#[function_component(EmbedSnippet)]
fn embed_snippet(props: &EmbedProps) -> Html {
    let query = props.query.to_string();
    let query = query.replace("&embed=1", "");
    let snippet = format!(
        "<iframe src=\"{}?{query}&embed=1\" width=\"100%\" height=\"640\" style=\"border:0\"\n        allow=\"cross-origin-isolated\" title=\"Parallel playground\"></iframe>",
        page_base()
    );
    html! {
        <>
            <textarea id="embed-snippet" readonly=true rows="3" aria-label="iframe snippet" value={snippet} />
            <p class="note">{ "For threads inside the iframe, serve the tutorial page itself with " }
                <code>{ "Cross-Origin-Opener-Policy: same-origin" }</code>{ " and " }
                <code>{ "Cross-Origin-Embedder-Policy: require-corp" }</code>
                { ". Without them the embed still runs serial factorials and the whole repost lab." }</p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct PresetsProps {
    pub results: Option<Rc<ResultsDoc>>,
}

/// Every experiment of the tutorial as a link, with its reported time and,
/// once run, this machine's.
#[function_component(Presets)]
pub fn presets(props: &PresetsProps) -> Html {
    let measured = |preset: &crate::core::presets::Preset| {
        props.results.as_ref().and_then(|r| preset.measured_ms(r))
    };
    html! {
        <details class="presets" id="presets">
            <summary>{ "The tutorial's experiments" }</summary>
            <table>
                <thead><tr><th scope="col">{ "experiment" }</th><th scope="col">{ "tutorial" }</th><th scope="col">{ "here, as timed there" }</th><th scope="col">{ "here, run alone" }</th></tr></thead>
                <tbody>
                { for PRESETS.iter().map(|preset| {
                    let here = measured(preset);
                    html! {
                        <tr>
                            <th scope="row"><a href={format!("?{}&run=1", preset.query)}>{ preset.name }</a></th>
                            <td>{ human_duration(preset.tutorial_ms) }</td>
                            <td>{ here.map(|h| human_duration(h.0)).unwrap_or_else(|| "–".into()) }</td>
                            <td>{ here.map(|h| human_duration(h.1)).unwrap_or_else(|| "–".into()) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <p class="note">{ "\"As timed there\" adds pool start-up, which the tutorial paid inside every timing; the tutorial ran Python 2 on a 4-core laptop." }</p>
        </details>
    }
}
