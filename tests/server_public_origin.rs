//! `--public-origin`: behind a proxy, previews and oEmbed name the address
//! readers reach, whatever Host header a client sends. The real binary, so
//! the flag's wiring is what is tested (the origin is set once per process).

use std::{
    io::{BufRead, BufReader},
    process::{Child, Command, Stdio},
};

mod common;

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(args: &[&str]) -> Server {
    let dist = common::unique_temp_dir("public-origin");
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html lang=en><head><meta charset=utf-8><title>x</title></head><body></body></html>\n",
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_playground-server"))
        .args(["--port", "0", "--dist"])
        .arg(&dist)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines
        .find_map(|line| {
            let line = line.ok()?;
            let at = line.find("http://")?;
            Some(line[at..].split_whitespace().next()?.to_string())
        })
        .expect("the server prints its URL");
    Server { child, url }
}

#[tokio::test]
async fn previews_name_the_public_origin_whatever_the_host_header_says() {
    let server = start(&["--public-origin", "https://play.example.org/"]);
    let client = reqwest::Client::new();
    let page = client
        .get(format!("{}?v=2&n=300", server.url))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(r#"<meta property="og:url" content="https://play.example.org/?v=2&amp;exp=factorial&amp;n=300"#),
        "{page}"
    );
    assert!(
        page.contains(r#"content="https://play.example.org/preview.png?"#),
        "{page}"
    );
    assert!(!page.contains("evil.example"), "{page}");
    let oembed: serde_json::Value = client
        .get(format!(
            "{}oembed?url=https%3A%2F%2Fplay.example.org%2F%3Fn%3D300",
            server.url
        ))
        .header("host", "evil.example")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        oembed["provider_url"], "https://play.example.org/",
        "{oembed}"
    );
}

#[test]
fn a_public_origin_with_a_path_is_refused() {
    let output = Command::new(env!("CARGO_BIN_EXE_playground-server"))
        .args(["--public-origin", "https://play.example.org/sub"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--public-origin"));
}
