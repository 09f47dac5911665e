//! Small browser chores: downloads, the clipboard, the address.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    // The URL of the app's own JS module, which new workers import.
    #[wasm_bindgen(thread_local_v2, js_namespace = ["import", "meta"], js_name = url)]
    static MAIN_JS_URL: js_sys::JsString;
}

pub fn main_js_url() -> js_sys::JsString {
    MAIN_JS_URL.with(Clone::clone)
}

/// The build without shared memory: this very module in that build, its
/// copy in `single/` in the threaded build.
pub fn single_build() -> (js_sys::JsString, JsValue) {
    if cfg!(feature = "threads") {
        let main = String::from(main_js_url());
        let at = |file: &str| {
            web_sys::Url::new_with_base(file, &main)
                .map(|u| u.href())
                .unwrap_or_default()
        };
        (
            at("single/playground-app.js").into(),
            at("single/playground-app_bg.wasm").into(),
        )
    } else {
        (main_js_url(), wasm_bindgen::module())
    }
}

/// The message of a JS error value, for people.
pub fn js_error_text(err: &JsValue) -> String {
    err.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| err.as_string())
        .unwrap_or_else(|| format!("{err:?}"))
}

/// Offers `contents` as a file download named `file_name`; `None` where
/// the browser could not make the file (the caller says so in its language).
pub fn download(file_name: &str, mime: &str, contents: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&contents.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let document = web_sys::window().and_then(|w| w.document())?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Some(())
}

/// Copies `text`; resolves to whether the browser allowed it.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// The page's address without query or fragment (`http://host/path`).
pub fn page_base() -> String {
    web_sys::window()
        .and_then(|w| {
            let location = w.location();
            Some(format!(
                "{}{}",
                location.origin().ok()?,
                location.pathname().ok()?
            ))
        })
        .unwrap_or_default()
}

pub fn location_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Calls `f` with the new fragment whenever it changes, for the page's life.
pub fn on_hash_change(f: impl Fn(String) + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let listener = Closure::<dyn Fn()>::new(move || f(location_hash()));
    let _ =
        window.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
    listener.forget();
}

/// True inside an iframe (the parent is another window).
pub fn is_embedded() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.parent()
                .ok()
                .flatten()
                .map(|parent| !js_sys::Object::is(&parent, &w))
        })
        .unwrap_or(false)
}

/// Resolves after `ms` (on the page or in a worker).
pub fn sleep_ms(ms: f64) -> wasm_bindgen_futures::JsFuture {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
        // The page's `setTimeout` and a worker's are the same function.
        let _ = scope.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
    });
    wasm_bindgen_futures::JsFuture::from(promise)
}
