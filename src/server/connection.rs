//! One accepted connection: served by hyper's HTTP/1.1 under deadlines, or,
//! past the connection cap, answered 503 and closed.
//!
//! hyper's own `header_read_timeout` starts when the server starts waiting
//! for a request (the accept, or the end of the previous answer), so it is
//! the idle and the header timeout in one. They are kept apart here, as Go's
//! and Envoy's servers keep them: a connection waiting for a request is
//! closed after `idle_timeout` without a byte; once a request's first byte
//! is in, its header must be complete within `header_timeout` (trickling
//! bytes does not stretch it). A request being answered has neither: a mock
//! API answer may take 20 s. An answer the client stops reading is dropped
//! after `idle_timeout` without progress.

use std::{
    convert::Infallible,
    future::{poll_fn, Future},
    io,
    pin::{pin, Pin},
    sync::{Arc, Mutex, MutexGuard, PoisonError},
    task::{Context, Poll},
};

use axum::{
    body::{Body, Bytes},
    http::{header, HeaderValue, Request, Response, StatusCode},
    Router,
};
use http_body::{Frame, SizeHint};
use hyper::{body::Incoming, server::conn::http1, service::service_fn};
use hyper_util::{rt::TokioIo, server::graceful::Watcher};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::TcpStream,
    time::Instant,
};
use tower::ServiceExt as _;

use super::{headers, Limits};

/// Serves one connection until it closes, misses a deadline, or finishes
/// after the server began shutting down (`watcher`).
pub async fn serve(stream: TcpStream, router: Router, limits: Limits, watcher: Watcher) {
    let clock = Clock::new();
    let io = TokioIo::new(Watched {
        io: stream,
        clock: clock.clone(),
    });
    let answers = clock.clone();
    let service = service_fn(move |request: Request<Incoming>| {
        let answering = Answering::start(&answers);
        let answer = router.clone().oneshot(request.map(Body::new));
        async move {
            let Ok(response) = answer.await;
            Ok::<_, Infallible>(response.map(|body| AnswerBody {
                body,
                _answering: answering,
            }))
        }
    });
    let connection = http1::Builder::new()
        .header_read_timeout(None) // the clock keeps it, apart from the idle timeout
        .serve_connection(io, service);
    let mut connection = pin!(watcher.watch(connection));
    let mut timer = pin!(tokio::time::sleep_until(
        Instant::now() + limits.idle_timeout
    ));
    // The clock only moves while the connection is polled, so its deadline
    // is read again after every poll.
    poll_fn(|cx| {
        if connection.as_mut().poll(cx).is_ready() {
            return Poll::Ready(());
        }
        let Some(deadline) = clock.deadline(&limits) else {
            return Poll::Pending;
        };
        if timer.deadline() != deadline {
            timer.as_mut().reset(deadline);
        }
        timer.as_mut().poll(cx) // ready: the connection is dropped, its socket closed
    })
    .await;
}

/// Answers a connection past the cap with a 503 (once its request is in, so
/// the client reads the answer rather than a reset) and closes it.
pub async fn refuse(stream: TcpStream, limits: Limits, watcher: Watcher) {
    let service = service_fn(move |_: Request<Incoming>| async move {
        Ok::<_, Infallible>(server_full(limits.max_connections))
    });
    let connection = http1::Builder::new()
        .keep_alive(false)
        .header_read_timeout(None)
        .serve_connection(TokioIo::new(stream), service);
    // A refused client holds its socket no longer than a header may take.
    let _ = tokio::time::timeout(limits.header_timeout, watcher.watch(connection)).await;
}

/// The 503: short text, when to retry, and the headers any answer of this
/// server carries (isolation, and CORS as the API's).
fn server_full(max_connections: usize) -> Response<Body> {
    let mut response = Response::new(Body::from(format!(
        "The server is at its connection limit ({max_connections} open connections); \
         try again in a moment.\n"
    )));
    *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
    let fields = response.headers_mut();
    fields.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    fields.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    fields.insert(header::CONNECTION, HeaderValue::from_static("close"));
    fields.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    fields.extend(headers::cross_origin_isolation());
    response
}

/// Where a connection stands, for its deadline.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// No request under way since `since` (the accept, or the end of the
    /// last answer), and no byte read since.
    Waiting { since: Instant },
    /// A request's first byte came at `since`; its header is not complete.
    Reading { since: Instant },
    /// From a complete header until hyper is done with the answer's body.
    Answering,
}

#[derive(Debug)]
struct State {
    phase: Phase,
    /// Since when a write has waited for the client to read.
    write_blocked_since: Option<Instant>,
}

/// The connection's state, moved by its socket (bytes read, writes
/// blocked), its service (a request begins) and its answer (sent).
#[derive(Debug, Clone)]
struct Clock(Arc<Mutex<State>>);

impl Clock {
    fn new() -> Self {
        let phase = Phase::Waiting {
            since: Instant::now(),
        };
        Clock(Arc::new(Mutex::new(State {
            phase,
            write_blocked_since: None,
        })))
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // Nothing panics while holding it; a poisoned state is still whole.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn set(&self, phase: Phase) {
        self.state().phase = phase;
    }

    fn read_some(&self) {
        let mut state = self.state();
        if let Phase::Waiting { .. } = state.phase {
            state.phase = Phase::Reading {
                since: Instant::now(),
            };
        }
    }

    fn wrote(&self, blocked: bool) {
        let mut state = self.state();
        state.write_blocked_since = match (blocked, state.write_blocked_since) {
            (false, _) => None,
            (true, since) => since.or_else(|| Some(Instant::now())),
        };
    }

    /// When the connection is to be closed, if nothing moves before then.
    fn deadline(&self, limits: &Limits) -> Option<Instant> {
        let state = self.state();
        let phase = match state.phase {
            Phase::Waiting { since } => Some(since + limits.idle_timeout),
            Phase::Reading { since } => Some(since + limits.header_timeout),
            Phase::Answering => None,
        };
        let write = state
            .write_blocked_since
            .map(|since| since + limits.idle_timeout);
        phase.into_iter().chain(write).min()
    }
}

/// Held from a request's complete header until hyper drops its answer's
/// body (sent, or the connection gone): then the idle clock starts.
struct Answering(Clock);

impl Answering {
    fn start(clock: &Clock) -> Self {
        clock.set(Phase::Answering);
        Answering(clock.clone())
    }
}

impl Drop for Answering {
    fn drop(&mut self) {
        self.0.set(Phase::Waiting {
            since: Instant::now(),
        });
    }
}

/// An answer's body, unchanged (its size hint too, so hyper still sends
/// Content-Length), holding the [`Answering`] mark.
struct AnswerBody {
    body: Body,
    _answering: Answering,
}

impl http_body::Body for AnswerBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The socket, telling the clock when bytes arrive and when writes block.
struct Watched {
    io: TcpStream,
    clock: Clock,
}

impl AsyncRead for Watched {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let read = Pin::new(&mut this.io).poll_read(cx, buf);
        if buf.filled().len() > before {
            this.clock.read_some();
        }
        read
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.io).poll_write(cx, buf);
        this.clock.wrote(written.is_pending());
        written
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let written = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.clock.wrote(written.is_pending());
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn limits() -> Limits {
        Limits {
            header_timeout: Duration::from_secs(2),
            idle_timeout: Duration::from_secs(7),
            ..Limits::default()
        }
    }

    #[tokio::test(start_paused = true)]
    async fn the_deadline_follows_the_phase() {
        let clock = Clock::new();
        let opened = Instant::now();
        assert_eq!(
            clock.deadline(&limits()),
            Some(opened + Duration::from_secs(7))
        );
        tokio::time::advance(Duration::from_secs(3)).await;
        clock.read_some();
        let first_byte = Instant::now();
        assert_eq!(
            clock.deadline(&limits()),
            Some(first_byte + Duration::from_secs(2))
        );
        tokio::time::advance(Duration::from_secs(1)).await;
        clock.read_some(); // more bytes of the same header: no more time
        assert_eq!(
            clock.deadline(&limits()),
            Some(first_byte + Duration::from_secs(2))
        );
        let answering = Answering::start(&clock);
        assert_eq!(clock.deadline(&limits()), None);
        clock.wrote(true);
        let blocked = Instant::now();
        assert_eq!(
            clock.deadline(&limits()),
            Some(blocked + Duration::from_secs(7))
        );
        tokio::time::advance(Duration::from_secs(1)).await;
        clock.wrote(false);
        assert_eq!(clock.deadline(&limits()), None);
        drop(answering);
        assert_eq!(
            clock.deadline(&limits()),
            Some(Instant::now() + Duration::from_secs(7))
        );
    }
}
