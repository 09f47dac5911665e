//! `/oembed?url=LINK[&maxwidth=W][&maxheight=H][&format=json]`: oEmbed 1.0
//! (<https://oembed.com>) for links to this server's page, so a CMS that
//! embeds by URL gets the playground as a `rich` embed: the embed.js snippet
//! (a card, then an iframe of the link's compact view sized to its content),
//! with a size within the consumer's limits and the link's preview image as
//! its thumbnail.

use axum::{
    extract::RawQuery,
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::json;

use super::{canonical_query, drawn_query, escape_html, image, origin, read_link};
use crate::core::link::preview::LinkPreview;

/// The embed's size when the consumer sets no limit: the embed snippet's
/// height, and a width that suits a column of text.
const DEFAULT_SIZE: (u32, u32) = (720, 640);

pub async fn serve(RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    match answer(query.as_deref().unwrap_or(""), &headers) {
        Ok(body) => Json(body).into_response(),
        Err((status, message)) => (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message,
        )
            .into_response(),
    }
}

type Refusal = (StatusCode, String);

/// The oEmbed answer for a request's query, or why not.
fn answer(query: &str, headers: &HeaderMap) -> Result<serde_json::Value, Refusal> {
    let param = |name: &str| {
        form_urlencoded::parse(query.as_bytes())
            .filter(|(key, _)| key == name)
            .last()
            .map(|(_, value)| value.into_owned())
    };
    let bad = |message: String| (StatusCode::BAD_REQUEST, message);
    // The spec's answer for a format it does not serve.
    match param("format").as_deref() {
        None | Some("json") => {}
        Some(other) => {
            return Err((
                StatusCode::NOT_IMPLEMENTED,
                format!("format {other:?} is not served: use format=json"),
            ));
        }
    }
    let url = param("url")
        .filter(|url| !url.is_empty())
        .ok_or_else(|| bad("url is missing: give the link to embed".into()))?;
    let limit = |name: &str| match param(name) {
        None => Ok(None),
        Some(value) => match value.parse::<u32>() {
            Ok(pixels) if pixels > 0 => Ok(Some(pixels)),
            _ => Err(bad(format!(
                "{name} must be a positive whole number of pixels, not {value:?}"
            ))),
        },
    };
    let (max_width, max_height) = (limit("maxwidth")?, limit("maxheight")?);

    let origin = origin(headers);
    let link_query = our_page_query(&url, &origin).ok_or_else(|| {
        (
            StatusCode::NOT_FOUND,
            format!("{url:?} is not a link to this playground ({origin}/)"),
        )
    })?;
    let link = read_link(link_query, headers);
    if !link.errors.is_empty() {
        let messages: Vec<&str> = link.errors.iter().map(|e| e.message.as_str()).collect();
        return Err(bad(messages.join("\n")));
    }

    let preview = LinkPreview::of(&link.config, link.lang);
    let query = canonical_query(&link, link_query);
    let width = max_width.map_or(DEFAULT_SIZE.0, |max| max.min(DEFAULT_SIZE.0));
    let height = max_height.map_or(DEFAULT_SIZE.1, |max| max.min(DEFAULT_SIZE.1));
    // The embed.js snippet: a card until the reader asks, then an iframe
    // sized to its content (a plain link where scripts do not run).
    let html = format!(
        r#"<a class="parallel-playground" href="{}">{}</a><script src="{}" async></script>"#,
        escape_html(&format!("{origin}/?{query}")),
        escape_html(&preview.experiment),
        escape_html(&format!("{origin}/embed.js")),
    );
    let mut body = json!({
        "type": "rich",
        "version": "1.0",
        "title": preview.title,
        "provider_name": preview.site_name,
        "provider_url": format!("{origin}/"),
        "html": html,
        "width": width,
        "height": height,
        "cache_age": 86400,
    });
    // The thumbnail only where it fits the consumer's limits (the spec).
    let (thumb_width, thumb_height) = image::SIZE;
    if max_width.is_none_or(|max| max >= thumb_width)
        && max_height.is_none_or(|max| max >= thumb_height)
    {
        body["thumbnail_url"] = json!(format!("{origin}/preview.png?{}", drawn_query(&link)));
        body["thumbnail_width"] = json!(thumb_width);
        body["thumbnail_height"] = json!(thumb_height);
    }
    Ok(body)
}

/// The query of `url` if it is a link to this server's page (`origin/`,
/// `origin/?...`, `origin/index.html?...`); a fragment is dropped.
fn our_page_query<'a>(url: &'a str, origin: &str) -> Option<&'a str> {
    let (scheme, rest) = url.split_once("://")?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return None;
    }
    let our_host = origin.split_once("://").map_or(origin, |(_, host)| host);
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if !rest[..host_end].eq_ignore_ascii_case(our_host) {
        return None;
    }
    let rest = &rest[host_end..];
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    matches!(path, "" | "/" | "/index.html").then_some(query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn ask(query: &str) -> Result<serde_json::Value, Refusal> {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:8080"));
        answer(query, &headers)
    }

    fn url(link: &str) -> String {
        form_urlencoded::byte_serialize(link.as_bytes()).collect()
    }

    #[test]
    fn a_link_to_this_page_is_a_rich_embed() {
        let body = ask(&format!(
            "url={}",
            url("http://127.0.0.1:8080/?exp=factorial&n=3000&modes=map&workers=2")
        ))
        .unwrap();
        assert_eq!(body["type"], "rich");
        assert_eq!(body["version"], "1.0");
        assert_eq!(
            body["title"],
            "Factorials of k = 1..3000 · Parallel playground"
        );
        assert_eq!(body["provider_url"], "http://127.0.0.1:8080/");
        assert_eq!(
            (body["width"].as_u64(), body["height"].as_u64()),
            (Some(720), Some(640))
        );
        let html = body["html"].as_str().unwrap();
        assert!(
            html.starts_with(r#"<a class="parallel-playground" href="http://127.0.0.1:8080/?v=2&amp;exp=factorial&amp;n=3000&amp;modes=map&amp;workers=2"#),
            "{html}"
        );
        assert!(html.ends_with(r#">Factorials of k = 1..3000</a><script src="http://127.0.0.1:8080/embed.js" async></script>"#), "{html}");
        assert!(body["thumbnail_url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:8080/preview.png?v=2&"));
    }

    #[test]
    fn limits_shrink_the_embed_and_drop_a_thumbnail_that_does_not_fit() {
        let body = ask(&format!(
            "url={}&maxwidth=400&maxheight=300&format=json",
            url("http://127.0.0.1:8080/")
        ))
        .unwrap();
        assert_eq!(
            (body["width"].as_u64(), body["height"].as_u64()),
            (Some(400), Some(300))
        );
        assert!(body.get("thumbnail_url").is_none());
        assert_eq!(
            ask("url=x&maxwidth=-3").unwrap_err().0,
            StatusCode::BAD_REQUEST
        );
    }

    #[test]
    fn other_hosts_formats_and_bad_links_are_refused() {
        let status = |query: String| ask(&query).unwrap_err().0;
        assert_eq!(
            status(format!("url={}", url("http://example.org/?exp=factorial"))),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(format!(
                "url={}",
                url("http://127.0.0.1:8080/other?exp=factorial")
            )),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(format!("url={}", url("javascript:alert(1)"))),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            status(format!("url={}&format=xml", url("http://127.0.0.1:8080/"))),
            StatusCode::NOT_IMPLEMENTED
        );
        assert_eq!(status("format=json".into()), StatusCode::BAD_REQUEST);
        let (code, message) =
            ask(&format!("url={}", url("http://127.0.0.1:8080/?n=0"))).unwrap_err();
        assert_eq!(code, StatusCode::BAD_REQUEST);
        assert_eq!(message, "n must be from 1 to 100000; \"0\" is out of range");
    }
}
