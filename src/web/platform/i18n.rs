//! The page's language for its components (a yew context), and numbers
//! formatted by the browser's `Intl.NumberFormat`.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::JsValue;
use yew::prelude::*;

pub use crate::core::i18n::{Lang, Text};

/// The page's language (the `ContextProvider<Lang>` at the app's root).
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// Numbers in sentences go through the browser's `Intl.NumberFormat`, so
/// no locale data ships in the wasm.
pub fn format_numbers_with_intl() {
    crate::core::i18n::set_number_format(intl_number);
}

thread_local! {
    /// One formatter per language and number of decimals (making one is slow).
    static FORMATTERS: RefCell<HashMap<(Lang, usize), js_sys::Function>> = RefCell::new(HashMap::new());
}

fn intl_number(lang: Lang, value: f64, fraction_digits: usize) -> String {
    let format = FORMATTERS.with(|formatters| {
        formatters
            .borrow_mut()
            .entry((lang, fraction_digits))
            .or_insert_with(|| {
                let options = js_sys::Object::new();
                let _ = js_sys::Reflect::set(
                    &options,
                    &"maximumFractionDigits".into(),
                    &(fraction_digits as u32).into(),
                );
                let locales = js_sys::Array::of1(&JsValue::from_str(lang.code()));
                js_sys::Intl::NumberFormat::new(&locales, &options).format()
            })
            .clone()
    });
    format
        .call1(&JsValue::NULL, &JsValue::from_f64(value))
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_else(|| crate::core::i18n::plain_number(value, fraction_digits))
}
