//! The message API for a page that embeds the playground in an iframe:
//! `ready` on load, `results` after each experiment, `resize` whenever the
//! page's height changes (so the parent sizes the iframe to it), and from
//! the parent `run` (its query may say `lang=`) and `theme`; the page's
//! messages say its language (`lang`).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::Lang;
use crate::core::link::config::Theme;

pub const READY: &str = "parallel-playground:ready";
pub const RESULTS: &str = "parallel-playground:results";
pub const RUN: &str = "parallel-playground:run";
pub const RESIZE: &str = "parallel-playground:resize";
pub const THEME: &str = "parallel-playground:theme";
/// Queries longer than this are not links anyone wrote by hand.
const MAX_QUERY_LEN: usize = 4096;

fn post_to_parent(message: &JsValue) {
    if !crate::web::platform::browser::is_embedded() {
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
    if !crate::web::platform::browser::is_embedded() {
        return;
    }
    // Parsed from the element's text in JS: the document may be megabytes.
    let Some(value) = crate::web::platform::results_json::published_value() else {
        return;
    };
    let object = message(RESULTS, lang);
    let _ = js_sys::Reflect::set(&object, &"results".into(), &value);
    post_to_parent(&object);
}

fn from_parent(event: &web_sys::MessageEvent) -> bool {
    let (Some(window), Some(source)) = (web_sys::window(), event.source()) else {
        return false;
    };
    match window.parent().ok().flatten() {
        Some(parent) => {
            !js_sys::Object::is(&parent, &window) && js_sys::Object::is(&parent, &source)
        }
        None => false,
    }
}

/// Calls `on_run(query)` for every well-formed `run` message from the parent
/// (the query then goes through the same strict link codec as any link), and
/// `on_theme(theme)` for every `theme` message (`light`, `dark` or `auto`;
/// anything else follows the system's colours, as a bad `theme=` does).
pub fn listen_to_parent(
    on_run: impl Fn(String) + 'static,
    on_theme: impl Fn(Option<Theme>) + 'static,
) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            // Only the embedding page may start runs: not the page itself, not
            // a sibling frame, not an opener.
            if !from_parent(&event) {
                return;
            }
            let data = event.data();
            let field = |name: &str| {
                js_sys::Reflect::get(&data, &name.into())
                    .ok()
                    .and_then(|v| v.as_string())
            };
            if !data.is_object() {
                return;
            }
            match field("type").as_deref() {
                Some(RUN) => {
                    if let Some(query) = field("query").filter(|q| q.len() <= MAX_QUERY_LEN) {
                        on_run(query);
                    }
                }
                Some(THEME) => {
                    if let Some(theme) = field("theme").filter(|t| t.len() <= 16) {
                        on_theme(Theme::parse(&theme));
                    }
                }
                _ => {}
            }
        });
    let _ = window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    // The listener lives as long as the page.
    listener.forget();
}

/// Tells the parent the page's height whenever it changes, so that an
/// iframe sized to it never scrolls (`embed.js` sets it). The root
/// element's box is the content's height, whatever the iframe's.
pub fn report_height() {
    if !crate::web::platform::browser::is_embedded() {
        return;
    }
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let last = std::cell::Cell::new(0.0f64);
    let observed = root.clone();
    let on_resize = Closure::<dyn Fn()>::new(move || {
        let height = observed.get_bounding_client_rect().height().ceil();
        if height != last.get() {
            last.set(height);
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &RESIZE.into());
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            post_to_parent(&message);
        }
    });
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&root);
    }
    // The observer lives as long as the page.
    on_resize.forget();
}
