//! Tracing: one span per attempt, built on tower-http's [`TraceLayer`].

use std::time::Duration;

use http::{Request, Response};
use tower_http::classify::{SharedClassifier, StatusInRangeAsFailures, StatusInRangeFailureClass};
use tower_http::trace::{MakeSpan, OnFailure, OnResponse, TraceLayer};
use tracing::Span;

use super::Attempt;

/// What a request is for: a resource and an action, shown as `tags.list`.
///
/// The client sets it as a request extension on every request; the tracing layer names the
/// attempt's span after it (`otel.name` and `operation`), and the client's errors carry it. A
/// custom stack can read it from `request.extensions()`.
///
/// ```
/// use paperless_transport::layers::Operation;
///
/// let op = Operation::new("tags", "list");
/// assert_eq!(op.to_string(), "tags.list");
/// assert_eq!((op.resource(), op.action()), ("tags", "list"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    resource: &'static str,
    action: &'static str,
}

impl Operation {
    /// An operation on `resource` (`"tags"`) doing `action` (`"get"`).
    #[must_use]
    pub const fn new(resource: &'static str, action: &'static str) -> Self {
        Self { resource, action }
    }

    /// The resource part, such as `tags`.
    #[must_use]
    pub const fn resource(&self) -> &'static str {
        self.resource
    }

    /// The action part, such as `list`.
    #[must_use]
    pub const fn action(&self) -> &'static str {
        self.action
    }
}

/// A request extension: the path to record in traces instead of the request's own, for paths
/// that carry a secret (a public share link's slug is a credential of its own). The client sets
/// it to `/share/<slug>` for share downloads.
///
/// ```
/// use paperless_transport::layers::ShownPath;
///
/// let mut request = http::Request::get("/share/s3cr3t").body(()).unwrap();
/// request.extensions_mut().insert(ShownPath::new("/share/<slug>"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ShownPath(std::borrow::Cow<'static, str>);

impl ShownPath {
    /// Shows `path` in place of the request's path.
    #[must_use]
    pub fn new(path: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        Self(path.into())
    }

    /// The path to show.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.resource, self.action)
    }
}

/// The tracing layer of the stack; see [`trace_layer`].
pub type AttemptTraceLayer = TraceLayer<
    SharedClassifier<StatusInRangeAsFailures>,
    MakeAttemptSpan,
    (),
    RecordResponse,
    (),
    (),
    RecordFailure,
>;

/// The tracing layer: a `DEBUG` span named `paperless.http` per attempt, with the fields
/// `http.request.method`, `url.path` (the path only: queries carry search terms, which are
/// private; a [`ShownPath`] extension replaces it), `attempt` (1, 2, ...), `operation`/`otel.name` (from an [`Operation`] extension),
/// then `http.response.status_code` and `latency_ms` once the response head arrives. Every
/// 4xx/5xx status and every error is recorded as a failure (`otel.status_code = "ERROR"` and a
/// `DEBUG` event with the status or the error). Headers are never recorded, so credentials never
/// reach the logs.
///
/// Place it below the retry layer so each attempt gets its own span.
#[must_use]
pub fn trace_layer() -> AttemptTraceLayer {
    TraceLayer::new(StatusInRangeAsFailures::new(400..=599).into_make_classifier())
        .make_span_with(MakeAttemptSpan)
        .on_request(())
        .on_response(RecordResponse)
        .on_body_chunk(())
        .on_eos(())
        .on_failure(RecordFailure)
}

/// Makes the per-attempt span of [`trace_layer`].
#[derive(Debug, Clone, Copy, Default)]
pub struct MakeAttemptSpan;

impl<B> MakeSpan<B> for MakeAttemptSpan {
    fn make_span(&mut self, request: &Request<B>) -> Span {
        let operation = request.extensions().get::<Operation>();
        let method = request.method().as_str();
        let name: &dyn std::fmt::Display = match operation {
            Some(op) => op,
            None => &method,
        };
        tracing::debug_span!(
            "paperless.http",
            otel.name = %name,
            otel.kind = "client",
            operation = operation.map(tracing::field::display),
            http.request.method = method,
            url.path = request
                .extensions()
                .get::<ShownPath>()
                .map_or(request.uri().path(), ShownPath::as_str),
            attempt = Attempt::of(request),
            http.response.status_code = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
            otel.status_code = tracing::field::Empty,
        )
    }
}

/// Records the status and latency on the span of [`trace_layer`].
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordResponse;

impl<B> OnResponse<B> for RecordResponse {
    fn on_response(self, response: &Response<B>, latency: Duration, span: &Span) {
        span.record("http.response.status_code", response.status().as_u16());
        span.record("latency_ms", latency_ms(latency));
        tracing::debug!(
            parent: span,
            status = response.status().as_u16(),
            latency_ms = latency_ms(latency),
            "response"
        );
    }
}

/// Marks the span of [`trace_layer`] as failed for 4xx/5xx statuses and errors.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordFailure;

impl OnFailure<StatusInRangeFailureClass> for RecordFailure {
    fn on_failure(&mut self, class: StatusInRangeFailureClass, latency: Duration, span: &Span) {
        span.record("otel.status_code", "ERROR");
        span.record("latency_ms", latency_ms(latency));
        match class {
            StatusInRangeFailureClass::StatusCode(status) => {
                tracing::debug!(parent: span, status = status.as_u16(), "request failed");
            }
            StatusInRangeFailureClass::Error(error) => {
                tracing::debug!(parent: span, error = %error, "request failed");
            }
        }
    }
}

fn latency_ms(latency: Duration) -> u64 {
    u64::try_from(latency.as_millis()).unwrap_or(u64::MAX)
}
