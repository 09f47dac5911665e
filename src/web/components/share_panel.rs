//! Sharing: copy the link, share it with results, export the results, embed
//! the playground, and read the experiment as Python; in the page's language.
//! The links carry the page's `lang=` as one of the query's fields.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::link::config::PageConfig;
use crate::core::link::presets::PRESETS;
use crate::core::link::preview::LinkPreview;
use crate::core::link::share::encode_fragment;
use crate::core::results::export;
use crate::core::results::schema::ResultsDoc;
use crate::core::results::summary::human_duration;
use crate::core::view::chart_svg::time_chart_svg_file;
use crate::core::view::python_code::python_equivalent;
use crate::web::platform::browser::{copy_to_clipboard, download, page_base};
use crate::web::platform::i18n::use_lang;

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
    /// The experiment in words: the embed's link text.
    title: AttrValue,
}

/// Export file names: `parallel-playground-<experiment>`.
fn stem(results: &ResultsDoc) -> String {
    format!("parallel-playground-{}", results.experiment.name())
}

/// The link to what is on screen, optionally running on open.
fn link_to(query: &str, run: bool) -> String {
    format!("{}?{query}{}", page_base(), if run { "&run=1" } else { "" })
}

/// An export: the results -> (file name, MIME type, contents).
type MakeExport = dyn Fn(&ResultsDoc) -> (String, &'static str, String);

#[function_component(SharePanel)]
pub fn share_panel(props: &ShareProps) -> Html {
    let lang = use_lang();
    let text = &lang.text().share;
    let query = &props.query;
    let status = use_state(String::new);
    let copy = |link: String, done: &'static str| {
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let (link, status) = (link.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let copied = copy_to_clipboard(&link).await;
                status.set(if copied {
                    done.to_string()
                } else {
                    (text.copy_this_link)(&link)
                });
            });
        })
    };
    let shareable = props.shareable.as_ref();
    let share_link =
        shareable.map(|results| format!("{}#{}", link_to(query, false), encode_fragment(results)));
    let export = |label: &'static str, id: &'static str, make: Box<MakeExport>| {
        let results = shareable.cloned();
        let status = status.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(results) = &results {
                let (name, mime, contents) = make(results);
                if download(&name, mime, &contents).is_none() {
                    status.set((text.export_failed)(lang.text().failures.no_file));
                }
            }
        });
        html! { <button type="button" id={id} {onclick} disabled={shareable.is_none()}>{ label }</button> }
    };

    html! {
        <section class="share" aria-label={text.panel_label}>
            <div class="actions">
                <button type="button" id="copy-link" onclick={copy(link_to(query, false), text.link_copied)}>{ text.copy_link }</button>
                <button type="button" id="copy-run-link" onclick={copy(link_to(query, true), text.run_link_copied)}>{ text.copy_run_link }</button>
                <button type="button" id="share-results" disabled={share_link.is_none()}
                    onclick={copy(share_link.clone().unwrap_or_default(), text.results_link_copied)}>
                    { text.share_results }</button>
                { export("JSON", "export-json", Box::new(move |r| (format!("{}.json", stem(r)), "application/json", export::to_json(r)))) }
                { export("CSV", "export-csv", Box::new(move |r| (format!("{}.csv", stem(r)), "text/csv", export::to_csv(r)))) }
                { export("Markdown", "export-markdown", Box::new(move |r| (format!("{}.md", stem(r)), "text/markdown", export::to_markdown(r)))) }
                { export(text.export_svg, "export-svg", Box::new(move |r| (format!("{}-chart.svg", stem(r)), "image/svg+xml", time_chart_svg_file(lang, r, false)))) }
                { export(text.export_trace, "export-trace", Box::new(move |r| (format!("{}-trace.json", stem(r)), "application/json", export::to_chrome_trace(r)))) }
            </div>
            <p id="share-status" class="note" aria-live="polite">{ (*status).clone() }</p>
            if let Some(link) = share_link {
                <input id="share-link" class="link-field" type="text" readonly=true value={link} aria-label={text.results_link_label} />
            }
            <details class="embed">
                <summary>{ text.embed_summary }</summary>
                <EmbedSnippet query={query.clone()}
                    title={LinkPreview::of(&props.config, lang).experiment} />
            </details>
            <details class="python">
                <summary>{ text.python_summary }</summary>
                <pre id="python-code"><code>{ python_equivalent(&props.config, &page_base(), lang) }</code></pre>
            </details>
        </section>
    }
}

#[function_component(EmbedSnippet)]
fn embed_snippet(props: &EmbedProps) -> Html {
    let lang = use_lang();
    let text = &lang.text().share;
    let query = props.query.to_string();
    let query = query.replace("&embed=1", "");
    let page = page_base();
    // embed.js lies beside the page (index.html).
    let folder = &page[..page.rfind('/').map_or(page.len(), |slash| slash + 1)];
    let script = format!(
        "<a class=\"parallel-playground\" href=\"{page}?{query}\">{}</a>\n<script src=\"{folder}embed.js\" async></script>",
        escape_html(&props.title),
    );
    let snippet = format!(
        "<iframe src=\"{page}?{query}&embed=1\" width=\"100%\" height=\"640\" style=\"border:0\"\n        allow=\"cross-origin-isolated\" title=\"{}\"></iframe>",
        lang.text().page.title,
    );
    html! {
        <>
            <p class="note">{ text.script_note }</p>
            <textarea id="embed-script-snippet" readonly=true rows="3" aria-label={text.script_snippet_label} value={script} />
            <p class="note">{ text.iframe_note }</p>
            <textarea id="embed-snippet" readonly=true rows="3" aria-label={text.snippet_label} value={snippet} />
            <p class="note">{ text.embed_note_before }
                <code>{ "Cross-Origin-Opener-Policy: same-origin" }</code>{ text.embed_note_and }
                <code>{ "Cross-Origin-Embedder-Policy: require-corp" }</code>
                { text.embed_note_after }</p>
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
    let lang = use_lang();
    let text = &lang.text().share;
    let measured = |preset: &crate::core::link::presets::Preset| {
        props.results.as_ref().and_then(|r| preset.measured_ms(r))
    };
    html! {
        <details class="presets" id="presets">
            <summary>{ text.presets_summary }</summary>
            <p class="sweep-preset">
                <a id="sweep-preset" href={format!("?{}&lang={}&run=1", crate::core::link::presets::SWEEP_QUERY, lang.code())}>
                    { lang.text().lesson.sweep_preset }</a>
                { " " }<span class="note">{ lang.text().lesson.sweep_preset_note }</span>
            </p>
            <table>
                <thead><tr>
                    <th scope="col">{ text.presets_experiment }</th><th scope="col">{ text.presets_tutorial }</th>
                    <th scope="col">{ text.presets_as_timed }</th><th scope="col">{ text.presets_alone }</th>
                </tr></thead>
                <tbody>
                { for PRESETS.iter().map(|preset| {
                    let here = measured(preset);
                    html! {
                        <tr>
                            <th scope="row"><a href={format!("?{}", preset.link_query(lang))}>{ preset.title(lang) }</a></th>
                            <td>{ human_duration(preset.tutorial_ms) }</td>
                            <td>{ here.map(|h| human_duration(h.0)).unwrap_or_else(|| "–".into()) }</td>
                            <td>{ here.map(|h| human_duration(h.1)).unwrap_or_else(|| "–".into()) }</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
            <p class="note">{ text.presets_note }</p>
        </details>
    }
}

/// Text for HTML (the snippet's link text).
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
