//! [`BufferJsonLayer`]: reads JSON response bodies whole inside the attempt, up to the request's
//! [`MaxJsonBody`], so a connection that drops mid-body is an error the retry policy sees, and a
//! body that stalls ends in the attempt timeout instead of a hang.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use http::{Request, Response};
use http_body::{Frame, SizeHint};
use http_body_util::BodyExt;

use crate::{Body, BoxError, ResponseBody};

/// The largest JSON response body, in bytes, that [`BufferJsonLayer`] reads for a request: a
/// request extension. A request without one gets the layer's own limit
/// ([`MaxJsonBody::DEFAULT`] in the default stack).
///
/// The client of `paperless-client` attaches its `max_json_body` option to every request it
/// sends, so that one setting bounds every JSON answer.
///
/// ```
/// use paperless_transport::Body;
/// use paperless_transport::layers::MaxJsonBody;
///
/// let request = http::Request::get("/api/documents/")
///     .extension(MaxJsonBody::new(64 * 1024 * 1024))
///     .body(Body::empty())?;
/// assert_eq!(request.extensions().get::<MaxJsonBody>().map(|m| m.bytes()), Some(64 << 20));
/// # Ok::<(), http::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct MaxJsonBody(usize);

impl MaxJsonBody {
    /// The default limit: 256 MiB, far above any answer Paperless-ngx sends (a page of 100
    /// documents with their full text is a few megabytes).
    pub const DEFAULT: MaxJsonBody = MaxJsonBody(256 * 1024 * 1024);

    /// A limit of `bytes`.
    #[must_use]
    pub const fn new(bytes: usize) -> Self {
        Self(bytes)
    }

    /// The limit, in bytes.
    #[must_use]
    pub const fn bytes(self) -> usize {
        self.0
    }
}

impl Default for MaxJsonBody {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// A JSON response body longer than its request's [`MaxJsonBody`]: the attempt failed with this
/// error as soon as the limit was passed (or at once, when `Content-Length` declared more), and
/// nothing more of the body was read. Never retried.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the JSON response body is longer than {limit} bytes ({}), the most this client reads as \
     JSON; raise the limit (max_json_body), or ask for smaller pages or fewer fields",
    match declared {
        Some(length) => format!("Content-Length: {length}"),
        None => "more arrived".to_owned(),
    }
)]
pub struct JsonTooLargeError {
    status: http::StatusCode,
    limit: usize,
    declared: Option<u64>,
}

impl JsonTooLargeError {
    /// The status of the response whose body was too long.
    #[must_use]
    pub fn status(&self) -> http::StatusCode {
        self.status
    }

    /// The limit that was passed, in bytes.
    #[must_use]
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The length the response declared in `Content-Length`, when that is how the limit was
    /// found passed (before reading any of the body).
    #[must_use]
    pub fn declared_length(&self) -> Option<u64> {
        self.declared
    }
}

/// Reads the whole body of a JSON response (`Content-Type: application/json` or `…+json`)
/// before handing the response on, whatever the request's method, up to the request's
/// [`MaxJsonBody`] (or this layer's limit for a request without one).
///
/// Why: once the response head has arrived, the retry layer sees `Ok(response)`; a connection
/// that then drops mid-body would surface only when the caller reads the body, too late to retry.
/// Reading the body inside the attempt turns that into an attempt error, which the retry policy
/// retries like any closed connection (for idempotent requests only: a POST or PATCH whose answer
/// breaks off fails with that error and is never resent). It also puts the whole body under the
/// per-attempt and total timeouts, so a server that stalls mid-body ends in a timeout, not a
/// hang, however long the body claims to be.
///
/// A body longer than the limit fails the attempt with [`JsonTooLargeError`] as soon as the
/// limit is passed, without reading on; a `Content-Length` above the limit fails it before
/// reading anything. Downloads (PDFs, images, archives) are not JSON and stay streamed.
///
/// The body handed on is one chunk. Place the layer below the retry layer and below the
/// per-attempt timeout, so a body that stalls counts against the attempt.
#[derive(Debug, Clone, Copy, Default)]
pub struct BufferJsonLayer {
    limit: MaxJsonBody,
}

impl BufferJsonLayer {
    /// A layer reading JSON bodies of up to `limit` for requests without a [`MaxJsonBody`]
    /// extension of their own.
    #[must_use]
    pub fn new(limit: MaxJsonBody) -> Self {
        Self { limit }
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
    limit: MaxJsonBody,
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
        let limit = req
            .extensions()
            .get::<MaxJsonBody>()
            .copied()
            .unwrap_or(self.limit)
            .bytes();
        let future = self.inner.call(req);
        Box::pin(async move {
            let response = future.await.map_err(Into::into)?;
            if !is_json(&response) {
                return Ok(response);
            }
            let declared = response
                .headers()
                .get(http::header::CONTENT_LENGTH)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            let status = response.status();
            if let Some(length) = declared.filter(|len| *len > limit as u64) {
                return Err(Box::new(JsonTooLargeError {
                    status,
                    limit,
                    declared: Some(length),
                }) as BoxError);
            }
            let (parts, body) = response.into_parts();
            let (data, trailers) = read_whole(body, status, limit).await?;
            Ok(Response::from_parts(
                parts,
                Buffered {
                    data: Some(data).filter(|d| !d.is_empty()),
                    trailers,
                }
                .boxed_unsync(),
            ))
        })
    }
}

/// Reads `body` to its end: its data in one piece (the first chunk kept as it is when it is the
/// only one) and its trailers, failing as soon as more than `limit` bytes arrived.
async fn read_whole(
    mut body: ResponseBody,
    status: http::StatusCode,
    limit: usize,
) -> Result<(Bytes, Option<http::HeaderMap>), BoxError> {
    let mut single: Option<Bytes> = None;
    let mut joined = BytesMut::new();
    let mut read = 0usize;
    let mut trailers = None;
    while let Some(frame) = body.frame().await {
        let frame = match frame?.into_data() {
            Ok(data) => data,
            Err(frame) => {
                if let Ok(t) = frame.into_trailers() {
                    trailers = Some(t);
                }
                continue;
            }
        };
        if frame.len() > limit.saturating_sub(read) {
            return Err(Box::new(JsonTooLargeError {
                status,
                limit,
                declared: None,
            }));
        }
        read += frame.len();
        match single.take() {
            None if joined.is_empty() => single = Some(frame),
            first => {
                if let Some(first) = first {
                    joined.extend_from_slice(&first);
                }
                joined.extend_from_slice(&frame);
            }
        }
    }
    Ok((single.unwrap_or_else(|| joined.freeze()), trailers))
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

/// A body read whole: its data in one frame, then its trailers.
struct Buffered {
    data: Option<Bytes>,
    trailers: Option<http::HeaderMap>,
}

impl http_body::Body for Buffered {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if let Some(data) = this.data.take() {
            return Poll::Ready(Some(Ok(Frame::data(data))));
        }
        Poll::Ready(this.trailers.take().map(|t| Ok(Frame::trailers(t))))
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_none() && self.trailers.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.data.as_ref().map_or(0, |d| d.len() as u64))
    }
}
