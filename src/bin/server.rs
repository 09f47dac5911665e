//! `playground-server`: serves the built app with the cross-origin isolation
//! headers (and the mock API). All the work is in `parallel_playground::server`.

use std::{path::PathBuf, process::ExitCode, time::Duration};

use clap::{builder::RangedU64ValueParser, Parser};
use parallel_playground::server::{self, Limits, ServerConfig};

/// Serve the built playground (a Trunk dist folder) on a local port.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Host name or IP address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// The built app: a folder holding index.html (see scripts/build).
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Delay the mock API adds to each answer, in milliseconds (0 to 10000),
    /// unless a request asks for another with `latency_ms=`.
    #[arg(long, default_value_t = 800, value_parser = clap::value_parser!(u64).range(0..=10_000))]
    latency_ms: u64,
    /// Accept only this access_token (repeat the flag for several); without
    /// it any non-empty token is accepted. Others get error 21332.
    #[arg(long = "allow-token", value_name = "TOKEN")]
    allow_tokens: Vec<String>,
    /// Answer at most N requests per access_token at once; the others wait
    /// in line (a request's `max_concurrent=` can only lower it). Default: no limit.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    max_concurrent_per_token: Option<u32>,
    /// Most requests that may wait in one token's line; more get 429
    /// (error 10023).
    #[arg(long, value_name = "N", default_value_t = server::api::DEFAULT_MAX_QUEUED)]
    max_queued_per_token: usize,
    /// Close a connection whose request header is not complete this many
    /// seconds after its first byte (slow or stalled clients).
    #[arg(long, value_name = "SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
    header_timeout_secs: u64,
    /// Close a connection with no request under way (new, or kept alive
    /// after an answer) after this many seconds without a byte, or one
    /// whose client stops reading an answer for that long.
    #[arg(long, value_name = "SECS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(1..=3600))]
    idle_timeout_secs: u64,
    /// Serve at most N connections at once; more are answered 503 (with
    /// Retry-After) and closed.
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_connections, value_parser = RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    max_connections: usize,
    /// Longest request target (path and query) in bytes, up to 65534 (past
    /// that hyper itself answers 414); longer gets 414.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::default().max_uri_bytes, value_parser = RangedU64ValueParser::<usize>::new().range(64..=65_534))]
    max_uri_bytes: usize,
    /// The address readers reach this server at (`https://play.example.org`),
    /// for the absolute URLs of previews and oEmbed. Without it they follow
    /// the request's Host header (and `X-Forwarded-Proto: https`).
    #[arg(long, value_name = "URL", value_parser = server::preview::parse_public_origin)]
    public_origin: Option<String>,
}

impl From<Cli> for ServerConfig {
    fn from(cli: Cli) -> Self {
        ServerConfig {
            host: cli.host,
            port: cli.port,
            dist: cli.dist,
            latency_ms: cli.latency_ms,
            allow_tokens: cli.allow_tokens,
            max_concurrent_per_token: cli.max_concurrent_per_token,
            max_queued_per_token: cli.max_queued_per_token,
            limits: Limits {
                header_timeout: Duration::from_secs(cli.header_timeout_secs),
                idle_timeout: Duration::from_secs(cli.idle_timeout_secs),
                max_connections: cli.max_connections,
                max_uri_bytes: cli.max_uri_bytes,
            },
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(origin) = &cli.public_origin {
        server::preview::set_public_origin(origin.clone());
    }
    let config = ServerConfig::from(cli);
    match server::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
