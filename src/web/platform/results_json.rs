//! The results JSON, published for scripts, tests and embedding pages in
//! `<script type="application/json" id="results-json">`, piece by piece: a
//! new run's JSON is inserted into the text, the short head and tail are
//! replaced, and nothing already published is converted again. A document
//! of many traces of 100000 tasks would otherwise cost the page a long task
//! on every update.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CharacterData, Element};
use yew::prelude::*;

use crate::core::page_state::PublishedResults;
use crate::core::results::text::assemble;

const ELEMENT_ID: &str = "results-json";

#[derive(Properties, PartialEq)]
pub struct ResultsJsonProps {
    pub published: Option<PublishedResults>,
    /// A run is in progress: a cheap signal for scripts that wait, so they
    /// need not parse a large document to poll.
    pub running: bool,
    /// Runs (experiments) finished on this page so far.
    pub finished: u32,
}

/// What the text node holds now, in UTF-16 code units (the DOM's offsets).
#[derive(Default)]
struct Shown {
    generation: Option<u32>,
    /// The pieces shown (shared with the state, compared by address).
    texts: Vec<Rc<str>>,
    head_text: Rc<str>,
    tail_text: Rc<str>,
    head: usize,
    runs_units: usize,
    tail: usize,
}

fn units(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Set as a text node, so nothing in it is ever parsed as HTML.
#[function_component(ResultsJson)]
pub fn results_json(props: &ResultsJsonProps) -> Html {
    let script = use_node_ref();
    let shown = use_mut_ref(Shown::default);
    {
        let (script, shown) = (script.clone(), shown.clone());
        let signals = (props.published.clone(), props.running, props.finished);
        use_effect_with(signals, move |(published, running, finished)| {
            if let (Some(published), Some(script)) = (published, script.cast::<Element>()) {
                publish(&script, &mut shown.borrow_mut(), published);
                // Set here, not in the markup: a script that sees the run
                // end must find its results already in the text (rendering
                // comes before effects, and a poll can fall in between).
                let _ = script.set_attribute("data-running", &running.to_string());
                let _ = script.set_attribute("data-finished", &finished.to_string());
            }
        });
    }
    if props.published.is_none() {
        return html! {};
    }
    html! {
        <script type="application/json" id={ELEMENT_ID} ref={script}></script>
    }
}

fn publish(script: &web_sys::Node, shown: &mut Shown, published: &PublishedResults) {
    let text_node = script
        .first_child()
        .and_then(|node| node.dyn_into::<CharacterData>().ok());
    // Runs already shown are written once; should one change (a serial run
    // arriving after pool runs changes their speed-ups), write it all again.
    let earlier_changed = shown
        .texts
        .iter()
        .zip(&published.runs)
        .any(|(a, b)| !Rc::ptr_eq(a, b));
    let (Some(text), false) = (
        text_node,
        shown.generation != Some(published.generation) || earlier_changed,
    ) else {
        // A new run of experiments (or a new element): write it whole.
        let whole = assemble(&published.head, &published.runs, &published.tail);
        script.set_text_content(Some(&whole));
        *shown = Shown {
            generation: Some(published.generation),
            texts: published.runs.clone(),
            head_text: published.head.clone(),
            tail_text: published.tail.clone(),
            head: units(&published.head),
            runs_units: units(&whole) - units(&published.head) - units(&published.tail),
            tail: units(&published.tail),
        };
        return;
    };
    for run in &published.runs[shown.texts.len()..] {
        let piece = if shown.texts.is_empty() {
            run.to_string()
        } else {
            format!(",{run}")
        };
        let _ = text.insert_data((shown.head + shown.runs_units) as u32, &piece);
        shown.runs_units += units(&piece);
        shown.texts.push(run.clone());
    }
    // Each replace copies the whole text in the browser: only when changed.
    if shown.tail_text != published.tail {
        let _ = text.replace_data(
            (shown.head + shown.runs_units) as u32,
            shown.tail as u32,
            &published.tail,
        );
        shown.tail = units(&published.tail);
        shown.tail_text = published.tail.clone();
    }
    if shown.head_text != published.head {
        let _ = text.replace_data(0, shown.head as u32, &published.head);
        shown.head = units(&published.head);
        shown.head_text = published.head.clone();
    }
}

/// The results JSON as published, parsed, if any. The text stays in JS
/// (`JSON.parse` is called on the DOM's string, never copied into Rust).
pub fn published_value() -> Option<wasm_bindgen::JsValue> {
    use js_sys::Reflect;
    let element = web_sys::window()?
        .document()?
        .get_element_by_id(ELEMENT_ID)?;
    let text = Reflect::get(&element, &"textContent".into()).ok()?;
    let json = Reflect::get(&js_sys::global(), &"JSON".into()).ok()?;
    let parse: js_sys::Function = Reflect::get(&json, &"parse".into()).ok()?.dyn_into().ok()?;
    parse.call1(&json, &text).ok()
}
