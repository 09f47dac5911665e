//! Link previews: what a link to an experiment shows where the app does not
//! run (chat and forum unfurlers, a CMS pasting a URL). [`head`] answers every
//! page request with `index.html` and a `<head>` naming that link's
//! experiment, [`image`] draws it as the Open Graph PNG (`/preview.png`),
//! [`oembed`] answers oEmbed 1.0 (`/oembed`). The words come from
//! `core::link::preview`, in the link's language.

pub mod head;
pub mod image;
pub mod oembed;

use axum::{
    http::{header, HeaderMap},
    routing::get,
    Router,
};

use super::AppState;
use crate::core::i18n::Lang;
use crate::core::link::codec::{parse_query_in, ParsedLink};

/// Hardware concurrency a preview assumes: the default worker counts then
/// read `1, 2, 4`, as on a 2-core reader's page.
const PREVIEW_CORES: usize = 2;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/preview.png", get(image::serve))
        .route("/oembed", get(oembed::serve))
}

/// The link of a request's query, in the link's `lang=`, else in the
/// language its `Accept-Language` prefers.
pub fn read_link(query: &str, headers: &HeaderMap) -> ParsedLink {
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    parse_query_in(query, PREVIEW_CORES, accept_language(accepted))
}

/// The language an `Accept-Language` header prefers among the page's: its
/// tags by weight (stable for equal weights), read as the page reads a
/// browser's list.
pub fn accept_language(header: &str) -> Lang {
    let mut tags: Vec<(&str, f32)> = header
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
            (!tag.is_empty() && weight > 0.0).then_some((tag, weight))
        })
        .collect();
    tags.sort_by(|a, b| b.1.total_cmp(&a.1));
    Lang::from_browser(tags.into_iter().map(|(tag, _)| tag))
}

/// The origin set by `--public-origin`, if any.
static PUBLIC_ORIGIN: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Previews name `origin` (an `http(s)://host[:port]` from
/// `parse_public_origin`) whatever the request's Host header says.
pub fn set_public_origin(origin: String) {
    let _ = PUBLIC_ORIGIN.set(origin);
}

/// `--public-origin`'s value: `http://` or `https://`, a plain host and an
/// optional port, nothing after (a trailing `/` is dropped).
pub fn parse_public_origin(text: &str) -> Result<String, String> {
    let trimmed = text.trim_end_matches('/');
    let host = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .ok_or("the origin starts with http:// or https://")?;
    if !is_plain_host(host) {
        return Err(format!(
            "{host:?} is not a plain host[:port] (no path, query or user)"
        ));
    }
    Ok(trimmed.to_string())
}

/// This server's origin for the absolute URLs previews need: the one set by
/// `--public-origin`, else as the client reached it (`http://host:port`).
/// The Host header is the client's word, so it is used only if it is a
/// plain host and port; `X-Forwarded-Proto: https` (a TLS proxy in front)
/// makes the scheme https.
pub fn origin(headers: &HeaderMap) -> String {
    if let Some(origin) = PUBLIC_ORIGIN.get() {
        return origin.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| is_plain_host(host))
        .unwrap_or("127.0.0.1");
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|value| value.to_str().ok())
        .is_some_and(|proto| proto.trim().eq_ignore_ascii_case("https"));
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// A host name, IPv4 or bracketed IPv6 literal, and an optional port.
fn is_plain_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
}

/// Text for HTML: element content and double- or single-quoted attributes.
pub fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// What a preview of the link draws: its experiment, in the language it is
/// shown in, without the requests to the page (`run`, `embed`).
pub fn drawn_query(link: &ParsedLink) -> String {
    let mut config = link.config.clone();
    config.run = false;
    config.embed = false;
    config.lang = Some(link.lang);
    config.to_query()
}

/// The link's canonical form: its experiment as written by the page, where
/// what the link left to the reader stays the reader's (the worker counts
/// follow their cores, the language their browser), whoever asked first.
pub fn canonical_query(link: &ParsedLink, query: &str) -> String {
    let named: Vec<String> = form_urlencoded::parse(query.as_bytes())
        .map(|(key, _)| key.into_owned())
        .collect();
    let mut config = link.config.clone();
    config.run = false;
    config.embed = false;
    if !named.iter().any(|key| key == "lang") {
        config.lang = None;
    }
    let canonical = config.to_query();
    if named.iter().any(|key| key == "workers") {
        return canonical;
    }
    canonical
        .split('&')
        .filter(|pair| !pair.starts_with("workers="))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn accept_language_picks_the_heaviest_tag_the_page_speaks() {
        assert_eq!(accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Lang::ZhCn);
        assert_eq!(accept_language("en-US,en;q=0.9,zh-CN;q=0.8"), Lang::En);
        assert_eq!(accept_language("en;q=0.5, zh-TW;q=0.9"), Lang::ZhCn);
        assert_eq!(accept_language("de, fr;q=0.9"), Lang::En);
        assert_eq!(accept_language("zh;q=0, en"), Lang::En);
        assert_eq!(accept_language(""), Lang::En);
        assert_eq!(accept_language("zh;q=abc, ;;;, en"), Lang::En);
    }

    #[test]
    fn the_canonical_link_leaves_workers_and_language_to_the_reader() {
        let zh = |query: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("zh-CN"));
            let link = read_link(query, &headers);
            (canonical_query(&link, query), drawn_query(&link))
        };
        let (canonical, drawn) = zh("exp=factorial&n=300&run=1&embed=1");
        assert_eq!(
            canonical,
            "v=2&exp=factorial&n=300&modes=serial,apply,apply_async,map,map_async&repeat=7"
        );
        assert!(
            drawn.contains("&workers=") && drawn.contains("lang=zh-CN"),
            "{drawn}"
        );
        let (canonical, _) = zh("v=2&n=300&workers=2,8&lang=en");
        assert!(
            canonical.contains("&workers=2,8") && canonical.contains("lang=en"),
            "{canonical}"
        );
    }

    #[test]
    fn a_public_origin_is_a_scheme_and_a_plain_host() {
        assert_eq!(
            parse_public_origin("https://play.example.org/"),
            Ok("https://play.example.org".to_string())
        );
        assert_eq!(
            parse_public_origin("http://[::1]:8080"),
            Ok("http://[::1]:8080".to_string())
        );
        for bad in [
            "play.example.org",
            "ftp://x",
            "https://x/path",
            "https://a@b",
            "https://",
        ] {
            assert!(parse_public_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_origin_takes_only_a_plain_host() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::HOST,
            HeaderValue::from_static("play.example.org:8080"),
        );
        assert_eq!(origin(&headers), "http://play.example.org:8080");
        headers.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(origin(&headers), "https://play.example.org:8080");
        headers.insert(header::HOST, HeaderValue::from_static("evil\"><script>"));
        assert_eq!(origin(&headers), "https://127.0.0.1");
        assert_eq!(
            escape_html("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
