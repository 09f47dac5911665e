//! Link previews from the real server: the page's head per link (in the
//! link's language, escaped whatever the link holds), the Open Graph image,
//! and oEmbed.

mod common;

use std::path::PathBuf;

use common::{assert_isolated, header, InProcess};
use parallel_playground::server::ServerConfig;
use reqwest::StatusCode;

/// Trunk's minified page, as scripts/build leaves it: unquoted attributes,
/// its own title and description, the loader script.
const INDEX: &str = r#"<!doctype html><html lang=en><head><meta charset=utf-8><meta content="width=device-width,initial-scale=1" name=viewport><meta content="Python's multiprocessing.Pool tutorial re-run in the browser." name=description><title>Parallel playground</title><script>window.loader=1</script></head><body><div id=loading>Loading…</div></body></html>"#;

struct Server {
    inner: InProcess,
    _dist: PathBuf,
}

impl Server {
    async fn start() -> Server {
        let dist = common::unique_temp_dir("server-preview");
        std::fs::write(dist.join("index.html"), INDEX).unwrap();
        let config = ServerConfig {
            port: 0,
            dist: dist.clone(),
            ..ServerConfig::default()
        };
        Server {
            inner: InProcess::start(config).await,
            _dist: dist,
        }
    }

    fn url(&self, target: &str) -> String {
        format!("http://{}{target}", self.inner.addr)
    }

    async fn get(&self, target: &str, accept_language: Option<&str>) -> reqwest::Response {
        let mut request = reqwest::Client::new().get(self.url(target));
        if let Some(languages) = accept_language {
            request = request.header("accept-language", languages);
        }
        request.send().await.unwrap()
    }

    async fn head_of(&self, target: &str, accept_language: Option<&str>) -> String {
        let response = self.get(target, accept_language).await;
        assert_eq!(response.status(), StatusCode::OK, "{target}");
        assert_isolated(response.headers(), target);
        let body = response.text().await.unwrap();
        let head = body.split("</head>").next().unwrap().to_string();
        // Whatever the link holds, the body is the app as built.
        assert!(
            body.ends_with("</head><body><div id=loading>Loading…</div></body></html>"),
            "{body}"
        );
        head
    }
}

/// The `content` of `<meta property|name="name" ...>`.
fn meta<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    let pattern = format!("=\"{name}\" content=\"");
    let rest = &head[head.find(&pattern)? + pattern.len()..];
    rest.split('"').next()
}

fn title(head: &str) -> &str {
    head.split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .unwrap_or("")
}

#[tokio::test]
async fn the_head_names_the_links_experiment() {
    let server = Server::start().await;
    let head = server
        .head_of("/?exp=factorial&n=3000&modes=map&workers=2", None)
        .await;
    assert_eq!(
        title(&head),
        "Factorials of k = 1..3000 · Parallel playground"
    );
    assert_eq!(head.matches("<title>").count(), 1, "{head}");
    let description = meta(&head, "description").unwrap();
    assert!(
        description.starts_with("map on pools of 2 workers"),
        "{description}"
    );
    assert_eq!(meta(&head, "og:title"), Some(title(&head)));
    assert_eq!(meta(&head, "og:description"), Some(description));
    assert_eq!(meta(&head, "og:type"), Some("website"));
    assert_eq!(meta(&head, "og:locale"), Some("en_US"));
    assert_eq!(meta(&head, "twitter:card"), Some("summary_large_image"));
    let canonical = format!(
        "http://{}/?v=2&amp;exp=factorial&amp;n=3000&amp;modes=map&amp;workers=2",
        server.inner.addr
    );
    assert!(
        meta(&head, "og:url").unwrap().starts_with(&canonical),
        "{head}"
    );
    assert!(meta(&head, "og:image").unwrap().starts_with(&format!(
        "http://{}/preview.png?v=2&amp;",
        server.inner.addr
    )));
    assert!(
        head.contains(r#"<link rel="alternate" type="application/json+oembed" href="http://"#),
        "{head}"
    );
    // The built page's own description is gone; its charset stays first.
    assert!(!head.contains("re-run in the browser."), "{head}");
    assert!(
        head.starts_with("<!doctype html><html lang=en><head><meta charset=utf-8><title>"),
        "{head}"
    );
    server.inner.stop().await;
}

#[tokio::test]
async fn chinese_links_and_chinese_readers_get_chinese() {
    let server = Server::start().await;
    let head = server
        .head_of(
            "/?exp=factorial&n=3000&modes=map&workers=2&lang=zh-CN",
            None,
        )
        .await;
    assert_eq!(title(&head), "计算 k = 1..3000 的阶乘 · 并行编程演练场");
    assert_eq!(meta(&head, "og:locale"), Some("zh_CN"));
    assert!(head.contains(r#"<html lang="zh-CN">"#), "{head}");
    assert!(
        meta(&head, "description").unwrap().contains("池大小 2"),
        "{head}"
    );
    // Without lang=, the request's Accept-Language decides...
    let head = server
        .head_of("/?exp=reposts", Some("zh-CN,zh;q=0.9,en;q=0.8"))
        .await;
    assert!(title(&head).contains("获取 10 页转发"), "{head}");
    // ...and the link's own lang= wins over it.
    let head = server.head_of("/?exp=reposts&lang=en", Some("zh-CN")).await;
    assert!(title(&head).starts_with("10 pages of reposts"), "{head}");
    server.inner.stop().await;
}

#[tokio::test]
async fn hostile_links_never_put_markup_in_the_head() {
    let server = Server::start().await;
    let built_head = INDEX.split("</head>").next().unwrap();
    let hostile = [
        "/?exp=factorial&n=%3Cscript%3Ealert(1)%3C/script%3E".to_string(),
        "/?exp=reposts&token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E&api=http://x.org/%22%3E%3Cb%3E".to_string(),
        "/?exp=reposts&token=%3C/title%3E%3Cscript%3Ex()%3C/script%3E".to_string(),
        "/?exp=factorial&%3C/title%3E%3Cscript%3E=1&lang=%22%3E%3Cscript%3E".to_string(),
        "/?exp=factorial&n=%ff%fe&modes=%c3%28".to_string(),
        "/?exp=factorial&workers=%27%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E".to_string(),
        // The longest URL the client sends (64 KB); the head's own test takes 100 KB.
        format!("/?exp=factorial&n=30&x={}", "%3Cscript%3E".repeat(5000)),
    ];
    for target in &hostile {
        let response = server.get(target, None).await;
        let status = response.status();
        let body = response.text().await.unwrap();
        if status == StatusCode::URI_TOO_LONG {
            continue; // refused before any page is made
        }
        assert_eq!(status, StatusCode::OK, "{target}");
        let head = body.split("</head>").next().unwrap();
        let what = &target[..target.len().min(80)];
        // The same markup as the built head, apart from the tags the preview adds.
        assert_eq!(
            head.matches("<script").count(),
            built_head.matches("<script").count(),
            "{what}: {head}"
        );
        assert_eq!(head.matches("<title>").count(), 1, "{what}");
        assert_eq!(head.matches("</title>").count(), 1, "{what}");
        for markup in ["<img", "<b>", "alert(", "x()", "onerror="] {
            assert!(!head.contains(markup), "{what}: {markup} in {head}");
        }
        assert!(
            body.ends_with("</head><body><div id=loading>Loading…</div></body></html>"),
            "{what}"
        );
    }
    server.inner.stop().await;
}

#[tokio::test]
async fn the_preview_image_is_a_cached_png_of_1200_by_630() {
    let server = Server::start().await;
    for target in [
        "/preview.png?v=2&exp=factorial&n=3000&modes=map&workers=2",
        "/preview.png?exp=reposts&lang=zh-CN",
    ] {
        let response = server.get(target, None).await;
        assert_eq!(response.status(), StatusCode::OK, "{target}");
        assert_eq!(header(response.headers(), "content-type"), "image/png");
        assert!(header(response.headers(), "cache-control").starts_with("public, max-age="));
        let png = response.bytes().await.unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{target}");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(u32::from_be_bytes(png[16..20].try_into().unwrap()), 1200);
        assert_eq!(u32::from_be_bytes(png[20..24].try_into().unwrap()), 630);
        // Made once, then the same bytes.
        let again = server.get(target, None).await.bytes().await.unwrap();
        assert_eq!(again, png);
    }
    // The image the head names is the one served.
    let head = server.head_of("/?exp=factorial&n=300", None).await;
    let image = meta(&head, "og:image").unwrap().replace("&amp;", "&");
    let response = reqwest::get(&image).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{image}");
    assert_eq!(
        server.get("/preview.png?n=0", None).await.status(),
        StatusCode::BAD_REQUEST
    );
    server.inner.stop().await;
}

#[tokio::test]
async fn oembed_answers_for_this_servers_links_only() {
    let server = Server::start().await;
    let link = |url: &str| form_urlencoded_url(url);
    let ours = format!(
        "http://{}/?exp=factorial&n=3000&modes=map&workers=2",
        server.inner.addr
    );
    let response = server
        .get(&format!("/oembed?url={}&format=json", link(&ours)), None)
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(header(response.headers(), "content-type").starts_with("application/json"));
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["type"], "rich");
    assert_eq!(body["version"], "1.0");
    assert_eq!(
        body["title"],
        "Factorials of k = 1..3000 · Parallel playground"
    );
    assert_eq!(body["provider_name"], "Parallel playground");
    assert!(body["html"]
        .as_str()
        .unwrap()
        .contains("embed.js\" async></script>"));
    for key in ["width", "height", "thumbnail_width", "thumbnail_height"] {
        assert!(
            body[key].as_u64().is_some_and(|pixels| pixels > 0),
            "{key}: {body}"
        );
    }
    let thumbnail = body["thumbnail_url"].as_str().unwrap();
    assert_eq!(
        reqwest::get(thumbnail).await.unwrap().status(),
        StatusCode::OK,
        "{thumbnail}"
    );
    // The page's discovery link leads here.
    let head = server
        .head_of("/?exp=factorial&n=3000&modes=map&workers=2", None)
        .await;
    let discovery = head
        .split(r#"type="application/json+oembed" href=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&");
    let discovered: serde_json::Value = reqwest::get(&discovery)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(discovered["title"], body["title"]);

    let server_url = |target: &str| server.url(target);
    for (target, expected) in [
        (
            format!("/oembed?url={}", link("https://example.org/?exp=factorial")),
            StatusCode::NOT_FOUND,
        ),
        (
            format!("/oembed?url={}&format=xml", link(&ours)),
            StatusCode::NOT_IMPLEMENTED,
        ),
        (
            format!(
                "/oembed?url={}",
                link(&format!("http://{}/?n=0", server.inner.addr))
            ),
            StatusCode::BAD_REQUEST,
        ),
        ("/oembed".to_string(), StatusCode::BAD_REQUEST),
    ] {
        let response = reqwest::get(server_url(&target)).await.unwrap();
        assert_eq!(response.status(), expected, "{target}");
        if expected == StatusCode::BAD_REQUEST && target.contains("n%3D0") {
            assert_eq!(
                response.text().await.unwrap(),
                "n must be from 1 to 100000; \"0\" is out of range"
            );
        }
    }
    server.inner.stop().await;
}

fn form_urlencoded_url(url: &str) -> String {
    url.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
