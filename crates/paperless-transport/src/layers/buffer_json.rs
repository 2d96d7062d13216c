//! [`BufferJsonLayer`]: reads small JSON response bodies inside the attempt, so a connection that
//! drops mid-body is an error the retry policy sees, not one the caller meets later.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::{Request, Response};
use http_body::{Frame, SizeHint};
use http_body_util::BodyExt;

use crate::{Body, BoxError, ResponseBody};

/// Reads the whole body of a JSON response (`Content-Type: application/json` or `…+json`) up to
/// `limit` bytes before handing the response on, whatever the request's method.
///
/// Why: once the response head has arrived, the retry layer sees `Ok(response)`; a connection
/// that then drops mid-body would surface only when the caller reads the body, too late to retry.
/// Reading the body inside the attempt turns that into an attempt error, which the retry policy
/// retries like any closed connection (for idempotent requests only: a POST or PATCH whose answer
/// breaks off fails with that error and is never resent). It also puts the body under the
/// per-attempt timeout, so a server that stalls mid-body ends in a timeout, not a hang. Paperless answers API calls with JSON of kilobytes to a few
/// megabytes; downloads (PDFs, images, archives) are not JSON and stay streamed, as does a JSON
/// body that turns out larger than `limit` (what was read is replayed, then the rest streams).
///
/// Place it below the retry layer and below the per-attempt timeout, so a body that stalls counts
/// against the attempt.
#[derive(Debug, Clone, Copy)]
pub struct BufferJsonLayer {
    limit: usize,
}

impl BufferJsonLayer {
    /// The default limit: 16 MiB.
    pub const DEFAULT_LIMIT: usize = 16 * 1024 * 1024;

    /// A layer buffering JSON bodies of up to `limit` bytes.
    #[must_use]
    pub fn new(limit: usize) -> Self {
        Self { limit }
    }
}

impl Default for BufferJsonLayer {
    fn default() -> Self {
        Self::new(Self::DEFAULT_LIMIT)
    }
}

impl<S> tower::Layer<S> for BufferJsonLayer {
    type Service = BufferJson<S>;
    fn layer(&self, inner: S) -> Self::Service {
        BufferJson {
            inner,
            limit: self.limit,
        }
    }
}

/// The service produced by [`BufferJsonLayer`].
#[derive(Debug, Clone)]
pub struct BufferJson<S> {
    inner: S,
    limit: usize,
}

impl<S> tower::Service<Request<Body>> for BufferJson<S>
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
        let limit = self.limit;
        let future = self.inner.call(req);
        Box::pin(async move {
            let response = future.await.map_err(Into::into)?;
            if !is_json(&response) {
                return Ok(response);
            }
            let too_long = response
                .headers()
                .get(http::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse::<u64>().ok())
                .is_some_and(|len| len > limit as u64);
            if too_long {
                return Ok(response);
            }
            let (parts, mut body) = response.into_parts();
            let mut frames = VecDeque::new();
            let mut read = 0usize;
            while let Some(frame) = body.frame().await {
                let frame = frame?;
                read = read.saturating_add(frame.data_ref().map_or(0, Bytes::len));
                frames.push_back(frame);
                if read > limit {
                    let rest = Some(body);
                    return Ok(Response::from_parts(
                        parts,
                        Replay { frames, rest }.boxed_unsync(),
                    ));
                }
            }
            Ok(Response::from_parts(
                parts,
                Replay { frames, rest: None }.boxed_unsync(),
            ))
        })
    }
}

fn is_json<B>(response: &Response<B>) -> bool {
    let Some(ct) = response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// Frames already read, then (when the limit was hit) the rest of the original body.
struct Replay {
    frames: VecDeque<Frame<Bytes>>,
    rest: Option<ResponseBody>,
}

impl http_body::Body for Replay {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if let Some(frame) = this.frames.pop_front() {
            return Poll::Ready(Some(Ok(frame)));
        }
        match &mut this.rest {
            Some(rest) => Pin::new(rest).poll_frame(cx),
            None => Poll::Ready(None),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.frames.is_empty() && self.rest.as_ref().is_none_or(|r| r.is_end_stream())
    }

    fn size_hint(&self) -> SizeHint {
        let buffered: u64 = self
            .frames
            .iter()
            .map(|f| f.data_ref().map_or(0, |d| d.len() as u64))
            .sum();
        match &self.rest {
            None => SizeHint::with_exact(buffered),
            Some(rest) => {
                let inner = rest.size_hint();
                let mut hint = SizeHint::new();
                hint.set_lower(inner.lower().saturating_add(buffered));
                if let Some(upper) = inner.upper() {
                    hint.set_upper(upper.saturating_add(buffered));
                }
                hint
            }
        }
    }
}
