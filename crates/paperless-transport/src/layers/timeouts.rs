//! The timeouts of the stack that a request can change for itself: [`CallTimeoutLayer`] (the
//! attempt and total timeouts, overridden per call by [`AttemptTimeout`]) and
//! [`IdleTimeoutLayer`] (a body that moves no data for too long, overridden per call by
//! [`IdleTimeout`]). Every one ends in a [`TimeoutError`] naming the setting to raise.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::Either;
use http::{Request, Response};
use http_body::{Frame, SizeHint};
use http_body_util::BodyExt;
use tokio::time::{Instant, Sleep};

use crate::classify::{TimeoutError, TimeoutKind};
use crate::{Body, BoxError, ResponseBody};

/// A request's own attempt timeout (a request extension), in place of the transport's
/// [`timeout`](crate::TransportBuilder::timeout); `AttemptTimeout(None)` means no limit.
///
/// The total timeout of such a call is never shorter than its attempt timeout: a call that may
/// take ten minutes per attempt may take ten minutes in all. The client's per-call
/// `.timeout(..)` options (uploads, downloads, lists) attach this extension.
///
/// ```
/// use std::time::Duration;
/// use paperless_transport::Body;
/// use paperless_transport::layers::AttemptTimeout;
///
/// let upload = http::Request::post("/api/documents/post_document/")
///     .extension(AttemptTimeout(Some(Duration::from_secs(600))))
///     .body(Body::empty())?;
/// # drop(upload);
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AttemptTimeout(pub Option<Duration>);

/// A request's own idle timeout (a request extension), in place of the transport's
/// [`idle_timeout`](crate::TransportBuilder::idle_timeout); `IdleTimeout(None)` switches it off
/// for this request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IdleTimeout(pub Option<Duration>);

/// The attempt or the total timeout, honouring a request's [`AttemptTimeout`]: the default
/// stack's two timeout layers (one of each [`TimeoutKind`]).
#[derive(Debug, Clone, Copy)]
pub struct CallTimeoutLayer {
    kind: TimeoutKind,
    default: Option<Duration>,
}

impl CallTimeoutLayer {
    /// The attempt timeout: `default` unless the request has an [`AttemptTimeout`].
    #[must_use]
    pub fn attempt(default: Option<Duration>) -> Self {
        Self {
            kind: TimeoutKind::Attempt,
            default,
        }
    }

    /// The total timeout: `default`, raised to a request's [`AttemptTimeout`] when that is
    /// longer (and off when that is off).
    #[must_use]
    pub fn total(default: Option<Duration>) -> Self {
        Self {
            kind: TimeoutKind::Total,
            default,
        }
    }

    fn limit<B>(&self, req: &Request<B>) -> Option<Duration> {
        let own = req.extensions().get::<AttemptTimeout>().map(|t| t.0);
        match (self.kind, own) {
            (_, None) => self.default,
            (TimeoutKind::Total, Some(Some(attempt))) => self.default.map(|d| d.max(attempt)),
            (_, Some(own)) => own,
        }
    }
}

impl<S> tower::Layer<S> for CallTimeoutLayer {
    type Service = CallTimeout<S>;
    fn layer(&self, inner: S) -> Self::Service {
        CallTimeout {
            inner,
            layer: *self,
        }
    }
}

/// The service produced by [`CallTimeoutLayer`].
#[derive(Debug, Clone)]
pub struct CallTimeout<S> {
    inner: S,
    layer: CallTimeoutLayer,
}

impl<S, B> tower::Service<Request<B>> for CallTimeout<S>
where
    S: tower::Service<Request<B>>,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
{
    type Response = S::Response;
    type Error = BoxError;
    type Future = futures_util::future::BoxFuture<'static, Result<S::Response, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, req: Request<B>) -> Self::Future {
        let limit = self.layer.limit(&req);
        let kind = self.layer.kind;
        let future = self.inner.call(req);
        Box::pin(async move {
            let Some(after) = limit else {
                return future.await.map_err(Into::into);
            };
            match tokio::time::timeout(after, future).await {
                Ok(result) => result.map_err(Into::into),
                Err(_) => Err(Box::new(TimeoutError::new(kind, after)) as BoxError),
            }
        })
    }
}

/// Ends a body that moves no data for too long, in either direction:
///
/// - a response body (a download, a bulk zip, a JSON body being read) from which no frame
///   arrives for the limit fails with a [`TimeoutError`] of kind [`TimeoutKind::ReadIdle`];
/// - a streamed request body (an upload) that the server stops reading for the limit fails the
///   attempt with a [`TimeoutError`] of kind [`TimeoutKind::WriteIdle`].
///
/// The limit is the request's [`IdleTimeout`], else the layer's own (`None`: off). Place it
/// below [`BufferJsonLayer`](crate::layers::BufferJsonLayer), so that JSON reads are watched
/// too, and below the attempt timeout.
#[derive(Debug, Clone, Copy, Default)]
pub struct IdleTimeoutLayer {
    default: Option<Duration>,
}

impl IdleTimeoutLayer {
    /// A layer with `default` for requests without an [`IdleTimeout`] of their own.
    #[must_use]
    pub fn new(default: Option<Duration>) -> Self {
        Self { default }
    }
}

impl<S> tower::Layer<S> for IdleTimeoutLayer {
    type Service = IdleTimeoutService<S>;
    fn layer(&self, inner: S) -> Self::Service {
        IdleTimeoutService {
            inner,
            default: self.default,
        }
    }
}

/// The service produced by [`IdleTimeoutLayer`].
#[derive(Debug, Clone)]
pub struct IdleTimeoutService<S> {
    inner: S,
    default: Option<Duration>,
}

impl<S> tower::Service<Request<Body>> for IdleTimeoutService<S>
where
    S: tower::Service<Request<Body>, Response = Response<ResponseBody>>,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
{
    type Response = Response<ResponseBody>;
    type Error = BoxError;
    type Future = futures_util::future::BoxFuture<'static, Result<Self::Response, BoxError>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, req: Request<Body>) -> Self::Future {
        let limit = req
            .extensions()
            .get::<IdleTimeout>()
            .map_or(self.default, |t| t.0);
        let Some(after) = limit else {
            let future = self.inner.call(req);
            return Box::pin(async move { future.await.map_err(Into::into) });
        };
        let (req, progress) = if req.body().is_buffered() {
            (req, None)
        } else {
            let progress = Arc::new(Progress::new());
            let (parts, body) = req.into_parts();
            let watched = WatchedBody {
                inner: Box::pin(BodyAdapter(Some(body))),
                progress: progress.clone(),
            };
            (
                Request::from_parts(parts, Body::from_stream(watched)),
                Some(progress),
            )
        };
        let future = self.inner.call(req);
        Box::pin(async move {
            let response = match progress {
                None => future.await.map_err(Into::into)?,
                Some(progress) => {
                    let stalled = std::pin::pin!(progress.stalled(after));
                    match futures_util::future::select(std::pin::pin!(future), stalled).await {
                        Either::Left((response, _)) => response.map_err(Into::into)?,
                        Either::Right(((), _)) => {
                            return Err(Box::new(TimeoutError::new(TimeoutKind::WriteIdle, after))
                                as BoxError);
                        }
                    }
                }
            };
            Ok(response.map(|body| {
                IdleBody {
                    inner: body,
                    after,
                    sleep: Box::pin(tokio::time::sleep(Duration::ZERO)),
                    armed: false,
                    failed: false,
                }
                .boxed_unsync()
            }))
        })
    }
}

/// When a streamed request body last handed data on, and whether it ended.
#[derive(Debug)]
struct Progress {
    last: Mutex<Instant>,
    done: AtomicBool,
}

impl Progress {
    fn new() -> Self {
        Self {
            last: Mutex::new(Instant::now()),
            done: AtomicBool::new(false),
        }
    }

    fn touch(&self) {
        if let Ok(mut last) = self.last.lock() {
            *last = Instant::now();
        }
    }

    fn last(&self) -> Instant {
        self.last.lock().map_or_else(|_| Instant::now(), |l| *l)
    }

    /// Resolves once the body has not been read for `after` (never once it has ended).
    async fn stalled(&self, after: Duration) {
        loop {
            if self.done.load(Ordering::Acquire) {
                return std::future::pending().await;
            }
            let deadline = later(self.last(), after);
            if Instant::now() >= deadline {
                return;
            }
            tokio::time::sleep_until(deadline).await;
        }
    }
}

/// A [`Body`] as a pinned `http_body::Body` (`None` once taken apart; never polled then).
struct BodyAdapter(Option<Body>);

impl http_body::Body for BodyAdapter {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match &mut self.get_mut().0 {
            Some(body) => Pin::new(body).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.0.as_ref().is_none_or(http_body::Body::is_end_stream)
    }

    fn size_hint(&self) -> SizeHint {
        self.0
            .as_ref()
            .map_or_else(|| SizeHint::with_exact(0), http_body::Body::size_hint)
    }
}

/// A request body that records when the connection last took data from it.
struct WatchedBody {
    inner: Pin<Box<BodyAdapter>>,
    progress: Arc<Progress>,
}

impl http_body::Body for WatchedBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        // Being polled means the connection is ready for more: the server reads.
        this.progress.touch();
        let polled = this.inner.as_mut().poll_frame(cx);
        if let Poll::Ready(None) = polled {
            this.progress.done.store(true, Ordering::Release);
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for WatchedBody {
    fn drop(&mut self) {
        // Sent, or given up by the connection: no more reading to wait for.
        self.progress.done.store(true, Ordering::Release);
    }
}

/// `at + after`, saturating far in the future (the largest durations mean no limit).
fn later(at: Instant, after: Duration) -> Instant {
    const FAR: Duration = Duration::from_secs(60 * 60 * 24 * 365 * 30);
    at + after.min(FAR)
}

/// A response body that fails when the reader waits `after` for a frame that does not come.
/// Only the time spent waiting counts: a caller that reads slowly is never cut off.
struct IdleBody {
    inner: ResponseBody,
    after: Duration,
    sleep: Pin<Box<Sleep>>,
    /// Whether `sleep` is set for the current wait.
    armed: bool,
    failed: bool,
}

impl http_body::Body for IdleBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if this.failed {
            return Poll::Ready(None);
        }
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(frame) => {
                this.armed = false;
                Poll::Ready(frame)
            }
            Poll::Pending => {
                if !this.armed {
                    this.armed = true;
                    this.sleep.as_mut().reset(later(Instant::now(), this.after));
                }
                match this.sleep.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        this.failed = true;
                        Poll::Ready(Some(Err(Box::new(TimeoutError::new(
                            TimeoutKind::ReadIdle,
                            this.after,
                        )))))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.failed || self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
