//! `playground-server`: serves the built app with the cross-origin isolation
//! headers (and the mock API). All the work is in `parallel_playground::server`.

use std::{path::PathBuf, process::ExitCode};

use clap::Parser;
use parallel_playground::server::{self, ServerConfig};

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
    /// Delay the mock API adds to each answer, in milliseconds.
    #[arg(long, default_value_t = 800)]
    latency_ms: u64,
}

impl From<Cli> for ServerConfig {
    fn from(cli: Cli) -> Self {
        ServerConfig {
            host: cli.host,
            port: cli.port,
            dist: cli.dist,
            latency_ms: cli.latency_ms,
        }
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let config = ServerConfig::from(Cli::parse());
    match server::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
