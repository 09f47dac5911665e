//! The app's page with a `<head>` that names the link's experiment: title,
//! description, canonical URL, Open Graph and Twitter tags, and the oEmbed
//! discovery link. The body is the app as built; only the head changes. A
//! link with errors gets the built page's own head: it names no experiment.

use std::{
    hash::{Hash, Hasher},
    path::Path,
    time::SystemTime,
};

use axum::{
    body::Body,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};

use super::{canonical_query, drawn_query, escape_html, image, origin, read_link};
use crate::core::i18n::Lang;
use crate::core::link::preview::LinkPreview;

/// `index.html` for the request's link, or `None` if the file cannot be read
/// (the caller then serves it as a plain file, which reports the error).
pub async fn page(
    index: &Path,
    modified: Option<SystemTime>,
    query: &str,
    headers: &HeaderMap,
) -> Option<Response> {
    let built = tokio::fs::read_to_string(index).await.ok()?;
    let html = with_preview_head(&built, query, headers);
    Some(respond(html, modified, headers))
}

/// The built page with the head of `query`'s link (or as built, for a bad link).
pub fn with_preview_head(built: &str, query: &str, headers: &HeaderMap) -> String {
    let link = read_link(query, headers);
    if !link.errors.is_empty() {
        return built.to_string();
    }
    let preview = LinkPreview::of(&link.config, link.lang);
    let origin = origin(headers);
    let canonical = format!("{origin}/?{}", canonical_query(&link, query));
    let image = format!("{origin}/preview.png?{}", drawn_query(&link));
    inject(
        built,
        &tags(&preview, &origin, &canonical, &image),
        link.lang,
    )
}

/// The head's tags for one link; every value escaped.
fn tags(preview: &LinkPreview, origin: &str, canonical: &str, image_url: &str) -> String {
    let oembed = format!(
        "{origin}/oembed?url={}&format=json",
        form_urlencoded::byte_serialize(canonical.as_bytes()).collect::<String>()
    );
    let (locale, other_locale) = match preview.lang {
        Lang::ZhCn => ("zh_CN", "en_US"),
        Lang::En => ("en_US", "zh_CN"),
    };
    let e = escape_html;
    let (title, description) = (e(&preview.title), e(&preview.description));
    let (width, height) = image::SIZE;
    [
        format!("<title>{title}</title>"),
        format!(r#"<meta name="description" content="{description}">"#),
        format!(r#"<link rel="canonical" href="{}">"#, e(canonical)),
        format!(
            r#"<link rel="alternate" type="application/json+oembed" href="{}" title="{title}">"#,
            e(&oembed)
        ),
        r#"<meta property="og:type" content="website">"#.to_string(),
        format!(
            r#"<meta property="og:site_name" content="{}">"#,
            e(preview.site_name)
        ),
        format!(r#"<meta property="og:title" content="{title}">"#),
        format!(r#"<meta property="og:description" content="{description}">"#),
        format!(r#"<meta property="og:url" content="{}">"#, e(canonical)),
        format!(r#"<meta property="og:image" content="{}">"#, e(image_url)),
        r#"<meta property="og:image:type" content="image/png">"#.to_string(),
        format!(r#"<meta property="og:image:width" content="{width}">"#),
        format!(r#"<meta property="og:image:height" content="{height}">"#),
        format!(
            r#"<meta property="og:image:alt" content="{}">"#,
            e(&preview.experiment)
        ),
        format!(r#"<meta property="og:locale" content="{locale}">"#),
        format!(r#"<meta property="og:locale:alternate" content="{other_locale}">"#),
        r#"<meta name="twitter:card" content="summary_large_image">"#.to_string(),
        format!(r#"<meta name="twitter:title" content="{title}">"#),
        format!(r#"<meta name="twitter:description" content="{description}">"#),
        format!(r#"<meta name="twitter:image" content="{}">"#, e(image_url)),
    ]
    .join("")
}

/// `built` with its own title and description replaced by `tags` (after the
/// charset declaration, which must stay first) and, for Chinese, `<html
/// lang="zh-CN">`. Works on Trunk's minified output too (unquoted
/// attributes, optional tags left out).
fn inject(built: &str, tags: &str, lang: Lang) -> String {
    let mut html = built.to_string();
    remove_tag(&mut html, "<title", Some("</title>"));
    remove_tag_where(&mut html, "<meta", |tag| {
        let tag = tag.replace(['"', '\''], "");
        tag.contains("name=description")
    });
    let lower = html.to_ascii_lowercase();
    let at = end_of_tag(&lower, "<meta charset")
        .or_else(|| end_of_tag(&lower, "<head"))
        .or_else(|| end_of_tag(&lower, "<html"))
        .or_else(|| end_of_tag(&lower, "<!doctype"))
        .unwrap_or(0);
    html.insert_str(at, tags);
    if lang == Lang::ZhCn {
        set_html_lang(&mut html, lang.code());
    }
    html
}

/// Where the first tag starting with `start` ends (after its `>`).
fn end_of_tag(lower: &str, start: &str) -> Option<usize> {
    let from = lower.find(start)?;
    lower[from..].find('>').map(|end| from + end + 1)
}

/// Removes the first element starting with `start` (up to `close`, or the
/// tag alone).
fn remove_tag(html: &mut String, start: &str, close: Option<&str>) {
    let lower = html.to_ascii_lowercase();
    let Some(from) = lower.find(start) else {
        return;
    };
    let end = match close {
        Some(close) => lower[from..].find(close).map(|i| from + i + close.len()),
        None => lower[from..].find('>').map(|i| from + i + 1),
    };
    if let Some(end) = end {
        html.replace_range(from..end, "");
    }
}

/// Removes the first tag starting with `start` whose text (lowercase)
/// satisfies `matches`.
fn remove_tag_where(html: &mut String, start: &str, matches: impl Fn(&str) -> bool) {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(found) = lower[from..].find(start) {
        let begin = from + found;
        let Some(length) = lower[begin..].find('>') else {
            return;
        };
        let end = begin + length + 1;
        if matches(&lower[begin..end]) {
            html.replace_range(begin..end, "");
            return;
        }
        from = end;
    }
}

/// Sets the `lang` of the `<html>` tag.
fn set_html_lang(html: &mut String, code: &str) {
    let lower = html.to_ascii_lowercase();
    let Some(begin) = lower.find("<html") else {
        return;
    };
    let Some(length) = lower[begin..].find('>') else {
        return;
    };
    let tag = &lower[begin..begin + length];
    let rewritten = match tag.find("lang=") {
        Some(at) => {
            let value_start = at + "lang=".len();
            let rest = &tag[value_start..];
            let value_len = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => rest[1..].find(quote).map_or(rest.len(), |i| i + 2),
                _ => rest.find([' ', '>', '/']).unwrap_or(rest.len()),
            };
            format!(
                "{}lang=\"{code}\"{}",
                &html[begin..begin + value_start - "lang=".len()],
                &html[begin + value_start + value_len..begin + length]
            )
        }
        None => format!(
            "<html lang=\"{code}\"{}",
            &html[begin + "<html".len()..begin + length]
        ),
    };
    html.replace_range(begin..begin + length, &rewritten);
}

/// The page's answer: revalidated on every load, cached per language and
/// encoding, 304 when the client holds this very page.
fn respond(html: String, modified: Option<SystemTime>, request_headers: &HeaderMap) -> Response {
    let etag = {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        html.hash(&mut hasher);
        // Weak: the same page is also sent compressed (RFC 9110, 8.8.3).
        format!("W/\"{:016x}\"", hasher.finish())
    };
    let last_modified = modified.map(httpdate::fmt_http_date);
    let matches = |name: header::HeaderName| {
        request_headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let not_modified = match matches(header::IF_NONE_MATCH) {
        Some(tags) => tags
            .split(',')
            // Weak comparison: a tag matches with or without its `W/`.
            .map(|tag| tag.trim().trim_start_matches("W/"))
            .any(|tag| tag == etag.trim_start_matches("W/") || tag == "*"),
        // Dates have whole seconds: the file's own time, truncated, is what the client got.
        None => matches(header::IF_MODIFIED_SINCE)
            .and_then(|since| httpdate::parse_http_date(&since).ok())
            .zip(modified.and_then(|m| httpdate::parse_http_date(&httpdate::fmt_http_date(m)).ok()))
            .is_some_and(|(since, modified)| since >= modified),
    };
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(html))
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::VARY,
        HeaderValue::from_static("accept-encoding, accept-language"),
    );
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    if let Some(value) = last_modified.and_then(|last| HeaderValue::from_str(&last).ok()) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT: &str = r#"<!doctype html><html lang=en><head><meta charset=utf-8><meta name=description content="static"><title>Parallel playground</title><script>x()</script></head><body><div id=loading></div></body></html>"#;

    fn page(query: &str) -> String {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        with_preview_head(BUILT, query, &headers)
    }

    #[test]
    fn the_page_is_revalidated_by_its_weak_tag() {
        let first = respond("<p>page</p>".into(), None, &HeaderMap::new());
        let tag = first.headers()[header::ETAG].to_str().unwrap().to_string();
        assert!(tag.starts_with("W/\""), "{tag}");
        for sent in [tag.clone(), tag.trim_start_matches("W/").to_string()] {
            let mut request = HeaderMap::new();
            request.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&sent).unwrap());
            let again = respond("<p>page</p>".into(), None, &request);
            assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{sent}");
            let other = respond("<p>other</p>".into(), None, &request);
            assert_eq!(other.status(), StatusCode::OK, "{sent}");
        }
    }

    #[test]
    fn the_head_names_the_links_experiment() {
        let html = page("exp=factorial&n=3000&modes=map&workers=2");
        assert!(html.starts_with("<!doctype html><html lang=en><head><meta charset=utf-8><title>Factorials of k = 1..3000 · Parallel playground</title>"), "{html}");
        assert_eq!(html.matches("<title>").count(), 1);
        assert!(!html.contains("static"));
        assert!(html.contains(r#"<meta property="og:url" content="http://127.0.0.1:8080/?v=2&amp;exp=factorial&amp;n=3000&amp;modes=map&amp;workers=2"#), "{html}");
        assert!(
            html.contains(
                r#"<meta property="og:image" content="http://127.0.0.1:8080/preview.png?v=2&amp;"#
            ),
            "{html}"
        );
        assert!(
            html.contains("<script>x()</script></head><body><div id=loading></div></body></html>")
        );
    }

    #[test]
    fn chinese_links_get_a_chinese_head() {
        let html = page("exp=factorial&n=3000&lang=zh-CN");
        assert!(
            html.starts_with(r#"<!doctype html><html lang="zh-CN"><head>"#),
            "{html}"
        );
        assert!(
            html.contains("<title>计算 k = 1..3000 的阶乘 · 并行编程演练场</title>"),
            "{html}"
        );
        assert!(html.contains(r#"<meta property="og:locale" content="zh_CN">"#));
    }

    #[test]
    fn a_page_without_a_head_gets_its_tags_after_the_doctype() {
        let html = inject(
            "<!doctype html><title>x</title>\n",
            "<title>y</title>",
            Lang::En,
        );
        assert_eq!(html, "<!doctype html><title>y</title>\n");
    }

    #[test]
    fn bad_links_keep_the_built_head() {
        assert_eq!(page("n=0"), BUILT);
        assert_eq!(page("exp=reposts&api=javascript:alert(1)"), BUILT);
    }

    #[test]
    fn huge_and_hostile_links_are_escaped_text() {
        let huge = format!(
            "exp=factorial&n=30&{}=1&token=%22%3E%3Cscript%3E",
            "%3Cscript%3E".repeat(9000)
        );
        assert!(huge.len() > 100_000);
        let html = page(&huge);
        assert_eq!(
            html.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert!(html.contains("Factorials of k = 1..30"));
        let html = page("exp=reposts&token=%3C/title%3E%3Cscript%3E&mid=%ff%fe");
        assert_eq!(html, BUILT, "a bad field: the built head");
        let html = page("exp=reposts&token=%3C/title%3E%3Cscript%3E%27%22");
        assert_eq!(
            (
                html.matches("<script").count(),
                html.matches("</title>").count()
            ),
            (1, 1)
        );
    }

    #[test]
    fn quoted_and_unquoted_html_attributes_take_the_language() {
        for (html, expected) in [
            (r#"<html lang="en"><head>"#, r#"<html lang="zh-CN"><head>"#),
            (
                "<html lang='en' class=x><head>",
                r#"<html lang="zh-CN" class=x><head>"#,
            ),
            (
                "<html class=x><head>",
                r#"<html lang="zh-CN" class=x><head>"#,
            ),
            ("<HTML LANG=en>", r#"<HTML lang="zh-CN">"#),
        ] {
            let mut html = html.to_string();
            set_html_lang(&mut html, "zh-CN");
            assert_eq!(html, expected);
        }
    }
}
