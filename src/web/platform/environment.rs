//! What the browser tells us about itself: cores, isolation, user agent.

use wasm_bindgen::JsCast;

use crate::core::results::schema::Environment;

pub fn detect() -> Environment {
    let global = js_sys::global();
    let navigator = js_sys::Reflect::get(&global, &"navigator".into()).ok();
    let navigator_field = |name: &str| {
        navigator
            .as_ref()
            .and_then(|n| js_sys::Reflect::get(n, &name.into()).ok())
    };
    Environment {
        hardware_concurrency: navigator_field("hardwareConcurrency")
            .and_then(|v| v.as_f64())
            .unwrap_or(1.0) as u32,
        cross_origin_isolated: js_sys::Reflect::get(&global, &"crossOriginIsolated".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        user_agent: navigator_field("userAgent")
            .and_then(|v| v.as_string())
            .unwrap_or_default(),
        // Measured once, at start, on the page's thread.
        timer_resolution_ms: Some(crate::web::platform::clock_probe::timer_resolution_ms()),
    }
}

/// True on the page itself; false in the pool's web workers, which re-run the
/// module's start function and must not mount the UI.
pub fn is_main_window() -> bool {
    js_sys::global().dyn_into::<web_sys::Window>().is_ok()
}

/// The reader's language from `navigator.languages` (or `navigator.language`).
pub fn browser_lang() -> crate::core::i18n::Lang {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok();
    let field = |name: &str| {
        navigator
            .as_ref()
            .and_then(|n| js_sys::Reflect::get(n, &name.into()).ok())
    };
    let mut languages: Vec<String> = field("languages")
        .filter(|list| list.is_array())
        .map(|list| {
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|tag| tag.as_string())
                .collect()
        })
        .unwrap_or_default();
    if languages.is_empty() {
        languages.extend(field("language").and_then(|tag| tag.as_string()));
    }
    crate::core::i18n::Lang::from_browser(languages.iter().map(String::as_str))
}
