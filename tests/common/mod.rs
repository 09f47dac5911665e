//! Helpers shared by the server's integration tests: temporary folders, the
//! server running in this process, and header checks.
#![allow(dead_code)] // each test crate uses a different part

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use parallel_playground::server::{self, ServeError, ServerConfig};
use reqwest::header::HeaderMap;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// A fresh folder under the system's temp dir, unique per test and process.
pub fn unique_temp_dir(prefix: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let dir = std::env::temp_dir().join(format!(
        "{prefix}-{}-{}-{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The server running in this process (port 0 picks a free one), under the
/// config's limits.
pub struct InProcess {
    pub addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<Result<(), ServeError>>,
}

impl InProcess {
    pub async fn start(config: ServerConfig) -> Self {
        let (listener, addr) = server::bind(&config).await.unwrap();
        let (stop, stopped) = oneshot::channel::<()>();
        let limits = config.limits;
        let stopped = async {
            let _ = stopped.await;
        };
        let task = tokio::spawn(server::serve_with_limits(
            listener,
            server::router(config),
            limits,
            stopped,
        ));
        InProcess {
            addr,
            stop: Some(stop),
            task,
        }
    }

    /// Shuts down gracefully and checks the server ended without error.
    pub async fn stop(mut self) {
        self.stop.take().unwrap().send(()).unwrap();
        tokio::time::timeout(Duration::from_secs(10), &mut self.task)
            .await
            .expect("server did not shut down")
            .unwrap()
            .unwrap();
    }
}

pub fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("missing header {name}"))
        .to_str()
        .unwrap()
}

pub fn assert_isolated(headers: &HeaderMap, what: &str) {
    for (name, value) in [
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-embedder-policy", "require-corp"),
        ("cross-origin-resource-policy", "cross-origin"),
    ] {
        assert_eq!(
            headers.get(name).and_then(|v| v.to_str().ok()),
            Some(value),
            "{name} on {what}"
        );
    }
}
