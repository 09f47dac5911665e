//! Starting and stopping: checking the dist folder, binding the socket,
//! accepting connections (up to the cap) until Ctrl-C or SIGTERM, and the
//! errors a user can act on. Each connection is [`super::connection`]'s.

use std::{
    fmt, future::Future, io, net::SocketAddr, path::PathBuf, pin::pin, sync::Arc, time::Duration,
};

use axum::Router;
use hyper_util::server::graceful::GracefulShutdown;
use tokio::{
    net::{TcpListener, TcpStream},
    sync::Semaphore,
};

use super::{connection, router, Limits, ServerConfig};

/// Why the server could not start or stopped with an error.
#[derive(Debug)]
pub enum ServeError {
    /// The dist folder has no index.html: the app was not built.
    MissingIndex { dist: PathBuf },
    /// Another process listens on the port.
    PortInUse { host: String, port: u16 },
    /// Any other failure to listen (bad host name, permission, ...).
    Bind {
        host: String,
        port: u16,
        source: io::Error,
    },
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::MissingIndex { dist } => write!(
                f,
                "{} not found; build the app first with `scripts/build`, \
                 or pass --dist <folder holding index.html>",
                dist.join("index.html").display()
            ),
            ServeError::PortInUse { host, port } => write!(
                f,
                "port {port} on {host} is already in use; \
                 stop the other server or pass --port <free port>"
            ),
            ServeError::Bind { host, port, source } => {
                write!(f, "cannot listen on {host} port {port}: {source}")
            }
        }
    }
}

impl std::error::Error for ServeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ServeError::Bind { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Fails unless `dist` holds an index.html, so a missing build is reported
/// at start rather than as a 404 in the browser.
pub fn check_dist(config: &ServerConfig) -> Result<(), ServeError> {
    if config.dist.join("index.html").is_file() {
        Ok(())
    } else {
        Err(ServeError::MissingIndex {
            dist: config.dist.clone(),
        })
    }
}

/// Listens on the configured host and port (port 0 picks a free one) and
/// returns the address actually bound.
pub async fn bind(config: &ServerConfig) -> Result<(TcpListener, SocketAddr), ServeError> {
    let host = config.host.as_str();
    let port = config.port;
    let error = |source: io::Error| match source.kind() {
        io::ErrorKind::AddrInUse => ServeError::PortInUse {
            host: host.to_owned(),
            port,
        },
        _ => ServeError::Bind {
            host: host.to_owned(),
            port,
            source,
        },
    };
    let listener = TcpListener::bind((host, port)).await.map_err(error)?;
    let addr = listener.local_addr().map_err(error)?;
    Ok((listener, addr))
}

/// Serves `router` under the default [`Limits`] until Ctrl-C or SIGTERM,
/// then lets open requests finish.
pub async fn serve(listener: TcpListener, router: Router) -> Result<(), ServeError> {
    serve_until(listener, router, shutdown_signal()).await
}

/// Serves `router` under the default [`Limits`] until `shutdown` completes
/// (tests pass their own signal).
pub async fn serve_until(
    listener: TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    serve_with_limits(listener, router, Limits::default(), shutdown).await
}

/// Serves `router` until `shutdown` completes, then lets open requests
/// finish. At most `limits.max_connections` connections are served at once;
/// as many more are answered 503 and closed; past both, a new connection is
/// closed at once (a refusal costs a socket too).
pub async fn serve_with_limits(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    let served = Arc::new(Semaphore::new(limits.max_connections));
    let refused = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut shutdown = pin!(shutdown);
    loop {
        let stream = tokio::select! {
            stream = accept(&listener) => stream,
            () = &mut shutdown => break,
        };
        // Answers are written whole; waiting for an ACK only adds latency.
        let _ = stream.set_nodelay(true);
        let watcher = graceful.watcher();
        if let Ok(permit) = served.clone().try_acquire_owned() {
            let router = router.clone();
            tokio::spawn(async move {
                connection::serve(stream, router, limits, watcher).await;
                drop(permit);
            });
        } else if let Ok(permit) = refused.clone().try_acquire_owned() {
            tokio::spawn(async move {
                connection::refuse(stream, limits, watcher).await;
                drop(permit);
            });
        }
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
}

/// The next connection. Errors of one connection are skipped; others (out
/// of file descriptors, ...) are reported and retried a second later, when
/// some may have closed.
async fn accept(listener: &TcpListener) -> TcpStream {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => return stream,
            Err(err) if is_connection_error(&err) => {}
            Err(err) => {
                eprintln!("accepting a connection failed: {err}; retrying in 1 s");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

fn is_connection_error(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Completes on Ctrl-C or (on Unix) SIGTERM. If a handler cannot be
/// installed, that signal is simply never awaited: the default action
/// (terminate) still applies.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };

    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut sigterm) => {
                sigterm.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// The binary's whole life: check the build, bind, announce, serve.
/// Prints one line, `Serving <dist> at http://<host>:<port>/`, once listening.
pub async fn run(config: ServerConfig) -> Result<(), ServeError> {
    use std::io::Write as _;

    check_dist(&config)?;
    let (listener, addr) = bind(&config).await?;
    let url_host = if config.host.contains(':') {
        format!("[{}]", config.host) // IPv6 literals need brackets in URLs
    } else {
        config.host.clone()
    };
    let mut stdout = io::stdout().lock();
    // A closed stdout must not stop the server, so write errors are ignored.
    let _ = writeln!(
        stdout,
        "Serving {} at http://{url_host}:{}/",
        config.dist.display(),
        addr.port()
    );
    let _ = stdout.flush();
    drop(stdout);

    let limits = config.limits;
    serve_with_limits(listener, router(config), limits, shutdown_signal()).await
}
