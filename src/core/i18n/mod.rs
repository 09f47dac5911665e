//! The page's two languages, Simplified Chinese and English: which one a
//! reader gets, and every visible string of the page in each.
//!
//! Each language is one static value of [`Text`] (`en.rs`, `zh_cn.rs`), a
//! struct of plain fields: a string missing in either language does not
//! compile. Strings with values in them are functions (`fn(..) -> String`),
//! so each language orders its own sentence. Numbers in sentences go through
//! [`Lang::number`], which the page hands to the browser's
//! `Intl.NumberFormat` (no locale data ships in the wasm).

mod en;
mod text;
mod zh_cn;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use text::*;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// The BCP 47 tag, as `lang=` and `<html lang>` write it.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language's own name, for the switch.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "中文",
        }
    }

    /// A `lang=` value: exactly a tag the page speaks (case aside).
    pub fn parse(tag: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(tag.trim()))
    }

    /// The reader's language from the browser's list (`navigator.languages`,
    /// most preferred first): Chinese for any `zh*` that comes before any
    /// English, English otherwise.
    pub fn from_browser<'a>(languages: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in languages {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            match primary.as_str() {
                "zh" => return Lang::ZhCn,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::En
    }

    /// Every visible string in this language.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &en::EN,
            Lang::ZhCn => &zh_cn::ZH_CN,
        }
    }

    /// `value` with at most `fraction_digits` decimals, grouped as this
    /// language groups digits (the page's `Intl.NumberFormat`; natively a
    /// plain `1,234.5`, which is how both languages write it).
    pub fn number(self, value: f64, fraction_digits: usize) -> String {
        match NUMBER_FORMAT.get() {
            Some(format) => format(self, value, fraction_digits),
            None => plain_number(value, fraction_digits),
        }
    }
}

/// The browser's number formatting, set once by the page.
static NUMBER_FORMAT: OnceLock<fn(Lang, f64, usize) -> String> = OnceLock::new();

/// Hands number formatting to the page (`Intl.NumberFormat`); once.
pub fn set_number_format(format: fn(Lang, f64, usize) -> String) {
    let _ = NUMBER_FORMAT.set(format);
}

/// `1234.56` -> `1,234.6` for one digit: Intl's `maximumFractionDigits`
/// (trailing zeros dropped), with thousands grouped.
pub fn plain_number(value: f64, fraction_digits: usize) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let fixed = format!("{:.*}", fraction_digits, value.abs());
    let (whole, fraction) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    let negative = value < 0.0 && (whole.chars().any(|c| c != '0') || !fraction.is_empty());
    format!(
        "{}{grouped}{}{fraction}",
        if negative { "-" } else { "" },
        if fraction.is_empty() { "" } else { "." }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_tags_round_trip_and_bad_ones_are_refused() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(lang));
        }
        assert_eq!(Lang::parse("zh-cn"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("xx"), None);
        assert_eq!(Lang::parse("zh"), None);
    }

    #[test]
    fn the_browser_list_picks_chinese_for_any_zh_before_english() {
        assert_eq!(Lang::from_browser(["zh-TW", "en-US"]), Lang::ZhCn);
        assert_eq!(Lang::from_browser(["zh"]), Lang::ZhCn);
        assert_eq!(Lang::from_browser(["de-DE", "zh-CN"]), Lang::ZhCn);
        assert_eq!(Lang::from_browser(["en-GB", "zh-CN"]), Lang::En);
        assert_eq!(Lang::from_browser(["fr"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
    }

    #[test]
    fn plain_numbers_group_and_round_like_intl() {
        assert_eq!(plain_number(1234.56, 1), "1,234.6");
        assert_eq!(plain_number(2.0, 2), "2");
        assert_eq!(plain_number(0.25, 2), "0.25");
        assert_eq!(plain_number(1_000_000.0, 0), "1,000,000");
        assert_eq!(plain_number(-12.5, 0), "-12");
        assert_eq!(plain_number(-0.01, 0), "0");
    }

    /// Every Chinese string is written in Chinese: none left in English by
    /// mistake (a few are code or names on purpose).
    #[test]
    fn chinese_strings_are_chinese() {
        for (key, text) in Lang::ZhCn.text().plain_strings() {
            if text.is_empty() || key.ends_with("_code") {
                continue;
            }
            assert!(
                text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "zh-CN `{key}` is not Chinese: {text:?}"
            );
        }
        for (key, text) in Lang::En.text().plain_strings() {
            assert!(
                !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
                    || key.ends_with("lang_switch"),
                "en `{key}`: {text:?}"
            );
        }
    }
}
