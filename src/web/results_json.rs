//! The results JSON, published for scripts, tests and embedding pages.

use std::rc::Rc;

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsJsonProps {
    /// Assembled once per change of the results (see `core::results_text`).
    pub text: Option<Rc<str>>,
    /// Every requested run is in, or the run ended: a cheap signal for
    /// scripts that wait, so they need not parse a large document to poll.
    pub running: bool,
    /// Runs (experiments) finished on this page so far.
    pub finished: u32,
}

/// `<script type="application/json" id="results-json">`: the public contract.
/// Set as a text node, so nothing in it is ever parsed as HTML.
#[function_component(ResultsJson)]
pub fn results_json(props: &ResultsJsonProps) -> Html {
    match &props.text {
        Some(text) => html! {
            <script type="application/json" id="results-json"
                data-running={props.running.to_string()} data-finished={props.finished.to_string()}>
                { AttrValue::from(Rc::clone(text)) }
            </script>
        },
        None => html! {},
    }
}
