//! Request building, written once: a typed [`ApiRequest`] (operation, method, path, query,
//! body) becomes an `http::Request` with an origin-form URI (`/api/tags/?page=2`), the
//! `Accept` header of the API version the client speaks, and the extensions the transport
//! reads ([`Operation`], [`MaxJsonBody`], [`ShownPath`]), plus the [`Context`] its answer is
//! read with.
//!
//! Sending is [`Paperless::execute`](crate::Paperless) in `client.rs`; reading the answer is
//! `response.rs`.

use http::Method;
use http::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use std::time::Duration;

use paperless_transport::layers::{AttemptTimeout, IdleTimeout, MaxJsonBody, ShownPath};
use paperless_transport::{ApiVersion, Body};
use serde::Serialize;

use crate::error::{InvalidInput, Result};
use crate::operation::Operation;
use crate::query::Query;
use crate::response::Context;
use crate::version::VersionSource;

/// A request as the client builds it, before it becomes an `http::Request`.
#[derive(Debug)]
pub(crate) struct ApiRequest {
    operation: Operation,
    method: Method,
    /// Relative to the installation root, without the query: `/api/tags/1/`.
    path: String,
    /// Already encoded, without the `?`; empty for none.
    query: String,
    body: Option<(Body, HeaderValue)>,
    /// Headers of this request only, set before the transport's defaults (which keep them).
    headers: HeaderMap,
    /// The answer holds credentials: errors never keep its body or quote its values.
    sensitive: bool,
    /// The path errors and traces show, when the real one carries a secret.
    shown_path: Option<&'static str>,
    /// The largest JSON answer this request reads, when not the client's `max_json_body`.
    max_json_body: Option<usize>,
    /// This call's own timeouts, when set.
    timeouts: CallTimeouts,
}

/// A call's own timeouts (the per-call `.timeout(..)` and `.idle_timeout(..)` of uploads,
/// downloads and lists), sent to the transport as request extensions. `None`: the transport's.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CallTimeouts {
    /// The attempt timeout (`Some(None)`: no limit); the total timeout is never below it.
    pub(crate) attempt: Option<Option<Duration>>,
    /// The idle timeout of the bodies (`Some(None)`: off).
    pub(crate) idle: Option<Option<Duration>>,
}

impl ApiRequest {
    /// A request without query or body.
    pub(crate) fn new(operation: Operation, method: Method, path: impl Into<String>) -> Self {
        Self {
            operation,
            method,
            path: path.into(),
            query: String::new(),
            body: None,
            headers: HeaderMap::new(),
            sensitive: false,
            shown_path: None,
            max_json_body: None,
            timeouts: CallTimeouts::default(),
        }
    }

    /// A request to a path that may carry a query (`/api/tags/?page=2`), as a server's `next`
    /// link gives it.
    pub(crate) fn from_path_and_query(
        operation: Operation,
        method: Method,
        path_and_query: &str,
    ) -> Self {
        let (path, query) = path_and_query
            .split_once('?')
            .unwrap_or((path_and_query, ""));
        let mut req = Self::new(operation, method, path);
        req.query = query.to_owned();
        req
    }

    /// Sets the query string from `query`.
    pub(crate) fn query(mut self, query: &Query) -> Self {
        self.query = query.encode();
        self
    }

    /// What the request is for.
    pub(crate) fn operation(&self) -> Operation {
        self.operation
    }

    /// Sets a JSON body.
    pub(crate) fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            InvalidInput::with_source(
                format!(
                    "the {} payload cannot be serialized as JSON (maps need string keys)",
                    self.operation
                ),
                e,
            )
        })?;
        self.body = Some((
            Body::from(bytes),
            HeaderValue::from_static("application/json"),
        ));
        Ok(self)
    }

    /// Sets a header of this request. The transport adds `User-Agent` and `Authorization` below
    /// the client, but keeps a `User-Agent` set here. An `Accept` header set here replaces the
    /// API version the client asks for (and skips the version negotiation): for requests that
    /// need no version, or must ask for none.
    pub(crate) fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Whether the request carries its own `Accept` header (and so needs no API version).
    pub(crate) fn has_accept(&self) -> bool {
        self.headers.contains_key(ACCEPT)
    }

    /// Shows `path` in errors and traces instead of the request's path, which carries a secret
    /// (a share link's slug).
    pub(crate) fn shown_path(mut self, path: &'static str) -> Self {
        self.shown_path = Some(path);
        self
    }

    /// Marks the answer as holding credentials (an API token, a TOTP secret, recovery codes): a
    /// [`DecodeError`](crate::DecodeError) for it then keeps neither the body nor serde's
    /// message, which can quote the value it could not read.
    pub(crate) fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// Reads at most `bytes` of a JSON answer, instead of the client's `max_json_body` (the
    /// server probe needs only the answer's headers).
    pub(crate) fn max_json_body(mut self, bytes: usize) -> Self {
        self.max_json_body = Some(bytes);
        self
    }

    /// Sets a body that is not JSON (a multipart upload), with its `Content-Type`. A
    /// [`Body::from_stream`] body is sent once: the transport never retries it.
    pub(crate) fn body(mut self, body: Body, content_type: HeaderValue) -> Self {
        self.body = Some((body, content_type));
        self
    }

    /// This call's own timeouts.
    pub(crate) fn timeouts(mut self, timeouts: CallTimeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The path and query as sent, such as `/api/tags/?page=2`.
    pub(crate) fn path_and_query(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    /// The `http::Request` and the context its answer is read with. `version` is the API
    /// version to ask for (`None` when the request carries its own `Accept`), `max_json_body`
    /// the client's limit for JSON answers.
    pub(crate) fn into_http(
        self,
        version: Option<(ApiVersion, VersionSource)>,
        max_json_body: usize,
    ) -> Result<(Context, http::Request<Body>)> {
        let uri = self.path_and_query();
        let max_body = self.max_json_body.unwrap_or(max_json_body);
        let ctx = Context {
            operation: self.operation,
            method: self.method,
            path: self.shown_path.map_or(self.path, str::to_owned),
            asked: version,
            sensitive: self.sensitive,
            max_body,
        };
        let mut builder = http::Request::builder()
            .method(ctx.method.clone())
            .uri(uri.as_str())
            // Names the transport's per-attempt span, and tells custom layers what this is.
            .extension(ctx.operation)
            // How much of a JSON answer the transport reads inside the attempt.
            .extension(MaxJsonBody::new(max_body));
        if let Some(shown) = self.shown_path {
            builder = builder.extension(ShownPath::new(shown));
        }
        if let Some(attempt) = self.timeouts.attempt {
            builder = builder.extension(AttemptTimeout(attempt));
        }
        if let Some(idle) = self.timeouts.idle {
            builder = builder.extension(IdleTimeout(idle));
        }
        if let Some(headers) = builder.headers_mut() {
            if let Some((version, _)) = version {
                headers.insert(
                    ACCEPT,
                    HeaderValue::from_static(version.accept_header_value()),
                );
            }
            headers.extend(self.headers);
        }
        let body = match self.body {
            Some((body, content_type)) => {
                builder = builder.header(CONTENT_TYPE, content_type);
                body
            }
            None => Body::empty(),
        };
        let request = builder.body(body).map_err(|e| {
            InvalidInput::with_source(
                format!(
                    "the {} request path {:?} is not a valid URI path",
                    ctx.operation, ctx.path
                ),
                e,
            )
        })?;
        Ok((ctx, request))
    }
}

/// `true` when user input put into a request path stays one plain path segment: ASCII letters,
/// digits, `_`, `-` and `.`, and neither `.` nor `..`. Anything else could leave the intended
/// path (`../`), add a query (`?`) or not be a valid URI at all.
pub(crate) fn is_path_segment(text: &str) -> bool {
    !text.is_empty()
        && text != "."
        && text != ".."
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
}
