//! The message API for a page that embeds the playground in an iframe:
//! `ready` on load, `results` after each experiment, and `run` from the parent
//! (its query may say `lang=`); the page's messages say its language (`lang`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::Lang;

pub const READY: &str = "parallel-playground:ready";
pub const RESULTS: &str = "parallel-playground:results";
pub const RUN: &str = "parallel-playground:run";
/// Queries longer than this are not links anyone wrote by hand.
const MAX_QUERY_LEN: usize = 4096;

fn post_to_parent(message: &JsValue) {
    if !crate::web::browser::is_embedded() {
        return;
    }
    if let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) {
        // Results are public by design: any page may embed the playground.
        let _ = parent.post_message(message, "*");
    }
}

/// A message of `kind`, with the page's language (`zh-CN` or `en`).
fn message(kind: &str, lang: Lang) -> js_sys::Object {
    let object = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&object, &"type".into(), &kind.into());
    let _ = js_sys::Reflect::set(&object, &"lang".into(), &lang.code().into());
    object
}

pub fn post_ready(lang: Lang) {
    post_to_parent(&message(READY, lang));
}

/// Posts the published results JSON (read from the page, parsed only when embedded).
pub fn post_results(lang: Lang) {
    if !crate::web::browser::is_embedded() {
        return;
    }
    // Parsed from the element's text in JS: the document may be megabytes.
    let Some(value) = crate::web::results_json::published_value() else { return };
    let object = message(RESULTS, lang);
    let _ = js_sys::Reflect::set(&object, &"results".into(), &value);
    post_to_parent(&object);
}

fn from_parent(event: &web_sys::MessageEvent) -> bool {
    let (Some(window), Some(source)) = (web_sys::window(), event.source()) else { return false };
    match window.parent().ok().flatten() {
        Some(parent) => !js_sys::Object::is(&parent, &window) && js_sys::Object::is(&parent, &source),
        None => false,
    }
}

/// Calls `on_run(query)` for every well-formed `run` message from the parent.
/// The query then goes through the same strict link codec as any link.
pub fn listen_for_runs(on_run: impl Fn(String) + 'static) {
    let Some(window) = web_sys::window() else { return };
    let listener = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        // Only the embedding page may start runs: not the page itself, not
        // a sibling frame, not an opener.
        if !from_parent(&event) {
            return;
        }
        let data = event.data();
        let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok().and_then(|v| v.as_string());
        if data.is_object() && field("type").as_deref() == Some(RUN) {
            if let Some(query) = field("query").filter(|q| q.len() <= MAX_QUERY_LEN) {
                on_run(query);
            }
        }
    });
    let _ = window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}
