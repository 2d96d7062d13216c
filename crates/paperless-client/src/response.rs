//! The request pipeline, written once: a typed [`ApiRequest`] goes through the erased
//! [`HttpClient`](paperless_transport::HttpClient), its status is checked, and its body is decoded
//! or turned into an [`ApiError`].
//!
//! ```text
//! ApiRequest { operation, method, path, query, body }
//!   └─ http::Request<Body> with an origin-form URI (/api/tags/?page=2)
//!        └─ HttpClient (BaseUrlLayer makes the URI absolute; the transport adds auth, version, retry)
//!             ├─ Err(BoxError)        → Error::Transport (or Error::Build from the base URL layer)
//!             ├─ non-2xx              → read ≤ 64 KiB → Error::Api (detail, field errors, raw body)
//!             └─ 2xx                  → collect → serde_json::from_slice → T
//!                                        └─ on failure: re-decode with serde_path_to_error
//!                                           → Error::Decode naming the JSON path
//! ```
//!
//! The happy path decodes straight from the collected bytes with plain `serde_json`; the path
//! tracking of `serde_path_to_error` is paid only after a failure, by decoding a second time.

use std::borrow::Cow;

use bytes::Bytes;
use http::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};
use http_body_util::BodyExt;
use paperless_transport::{ApiVersion, Body, BuildError, ResponseBody};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tower::ServiceExt;
use tracing::Instrument;

use crate::client::Paperless;
use crate::error::{
    ApiError, ApiErrorInner, DecodeError, DecodeErrorInner, DecodeKind, Error, FieldError,
    InvalidInput, Result, TransportError, TransportErrorInner,
};
use crate::query::Query;

/// At most this many bytes of an error body are read; the rest is dropped unread.
const ERROR_BODY_LIMIT: usize = 64 * 1024;
/// At most this many bytes of a raw body are kept in an error.
const KEPT_BODY_LIMIT: usize = 4 * 1024;
/// Plain-text error bodies longer than this are cut in [`ApiError::detail`].
const DETAIL_LIMIT: usize = 300;
/// At most this many bytes of a body nobody needs are read (to reuse the connection) before it is
/// dropped instead.
const DRAIN_LIMIT: usize = 1024 * 1024;

/// What a request is for: a resource and an action, shown as `tags.list`. Errors carry it; every
/// request runs in a `tracing` span named `paperless.request` with an `operation` field, and
/// travels down the transport as a request extension that names the transport's per-attempt span
/// (`paperless.http`, `otel.name = "tags.list"`). The one type shared with the transport
/// ([`paperless_transport::layers::Operation`]).
pub use paperless_transport::layers::Operation;

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

    /// Sets a header of this request. The transport adds `Accept`, `User-Agent` and
    /// `Authorization` below the client, but keeps an `Accept` or `User-Agent` set here (to ask
    /// for another API version, or none).
    pub(crate) fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Shows `path` in errors and traces instead of the request's path, which carries a secret
    /// (a share link's slug).
    pub(crate) fn shown_path(mut self, path: &'static str) -> Self {
        self.shown_path = Some(path);
        self
    }

    /// Marks the answer as holding credentials (an API token, a TOTP secret, recovery codes): a
    /// [`DecodeError`] for it then keeps neither the body nor serde's message, which can quote
    /// the value it could not read.
    pub(crate) fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    /// Sets a body that is not JSON (a multipart upload), with its `Content-Type`. A
    /// [`Body::from_stream`] body is sent once: the transport never retries it.
    pub(crate) fn body(mut self, body: Body, content_type: HeaderValue) -> Self {
        self.body = Some((body, content_type));
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

    fn into_http(self) -> Result<(Context, http::Request<Body>)> {
        let uri = self.path_and_query();
        let ctx = Context {
            operation: self.operation,
            method: self.method,
            path: self.shown_path.map_or(self.path, str::to_owned),
            api_version: None,
            sensitive: self.sensitive,
            max_body: crate::client::DEFAULT_MAX_JSON_BODY,
        };
        let mut builder = http::Request::builder()
            .method(ctx.method.clone())
            .uri(uri.as_str())
            // Names the transport's per-attempt span, and tells custom layers what this is.
            .extension(ctx.operation);
        if let Some(shown) = self.shown_path {
            builder = builder.extension(paperless_transport::layers::ShownPath::new(shown));
        }
        if let Some(headers) = builder.headers_mut() {
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

/// What errors need to know about the request they belong to.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub(crate) operation: Operation,
    pub(crate) method: Method,
    pub(crate) path: String,
    /// The API version the client asked for, when it knows (clients built from a URL).
    pub(crate) api_version: Option<ApiVersion>,
    /// The answer holds credentials: see [`ApiRequest::sensitive`].
    pub(crate) sensitive: bool,
    /// The largest JSON body read into memory (the client's `max_json_body`).
    pub(crate) max_body: usize,
}

impl Context {
    /// The error for a transport failure of this request (also while a body streams).
    pub(crate) fn transport(&self, source: paperless_transport::BoxError) -> Error {
        // The base URL layer refuses paths it cannot join; that is a build problem, not the network.
        match source.downcast::<BuildError>() {
            Ok(build) => Error::Build(*build),
            Err(source) => Error::Transport(TransportError::new(TransportErrorInner {
                operation: self.operation,
                method: self.method.clone(),
                path: self.path.clone(),
                source,
            })),
        }
    }
}

/// A 2xx response whose body has not been read yet.
pub(crate) struct Success {
    ctx: Context,
    response: http::Response<ResponseBody>,
}

impl Success {
    /// Reads the whole body (at most the client's `max_json_body`) and decodes it as JSON.
    pub(crate) async fn json<T: DeserializeOwned>(self) -> Result<T> {
        let (parts, body) = self.response.into_parts();
        let bytes = collect_json(&self.ctx, parts.status, body).await?;
        decode(&self.ctx, parts.status, &parts.headers, &bytes)
    }

    /// Drops the body unread (for 204 No Content and answers the caller does not need).
    pub(crate) fn ignore_body(self) {
        drop(self.response);
    }

    /// The response headers (for answers whose content is in headers, such as the server's
    /// version).
    pub(crate) fn headers(&self) -> &HeaderMap {
        self.response.headers()
    }

    /// Reads the body to its end and drops it, so that the connection can be reused. Nothing is
    /// kept, and at most [`DRAIN_LIMIT`] bytes are read: a longer (or endless) body is dropped
    /// unread, which closes its connection. A failure while reading is ignored: the caller
    /// already has what it needed (the headers).
    pub(crate) async fn drain(self) {
        let mut body = self.response.into_body();
        let mut read = 0usize;
        while let Some(Ok(frame)) = body.frame().await {
            read = read.saturating_add(frame.data_ref().map_or(0, Bytes::len));
            if read > DRAIN_LIMIT {
                return;
            }
        }
    }

    /// The error for a response that lacks the header `name` carrying the answer; keeps the
    /// beginning of the body, which tells what answered instead.
    pub(crate) async fn missing_header(self, name: &'static str) -> Error {
        let (parts, body) = self.response.into_parts();
        let (bytes, read_truncated) = read_prefix(body, KEPT_BODY_LIMIT).await;
        let text = String::from_utf8_lossy(&bytes);
        Error::Decode(DecodeError::new(DecodeErrorInner {
            operation: self.ctx.operation,
            method: self.ctx.method,
            path: self.ctx.path,
            status: parts.status,
            kind: DecodeKind::MissingHeader { name },
            body: text.into_owned(),
            body_truncated: read_truncated,
        }))
    }

    /// Reads the whole body: `None` when it is empty (Django REST framework renders a `None`
    /// result as an empty body without `Content-Type`), else decodes it as JSON.
    pub(crate) async fn json_or_empty<T: DeserializeOwned>(self) -> Result<Option<T>> {
        let (parts, body) = self.response.into_parts();
        let bytes = collect_json(&self.ctx, parts.status, body).await?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        decode(&self.ctx, parts.status, &parts.headers, &bytes).map(Some)
    }

    /// The request's context and the response with its body unread, for answers that are not
    /// JSON (file downloads stream their body instead of collecting it).
    pub(crate) fn into_parts(self) -> (Context, http::Response<ResponseBody>) {
        (self.ctx, self.response)
    }

    /// Puts a response taken apart with [`Success::into_parts`] back together.
    pub(crate) fn from_parts(ctx: Context, response: http::Response<ResponseBody>) -> Self {
        Self { ctx, response }
    }
}

impl Paperless {
    /// Sends a request and checks its status: the one way every request of this crate goes out.
    pub(crate) async fn execute(&self, request: ApiRequest) -> Result<Success> {
        let (mut ctx, request) = request.into_http()?;
        ctx.max_body = self.options().max_json_body;
        if !request.headers().contains_key(ACCEPT) {
            ctx.api_version = self.api_version();
        }
        let span = tracing::debug_span!(
            "paperless.request",
            operation = %ctx.operation,
            method = %ctx.method,
            path = %ctx.path,
            status = tracing::field::Empty,
        );
        let service = self.service().clone();
        async move {
            let response = match service.oneshot(request).await {
                Ok(response) => response,
                Err(e) => return Err(ctx.transport(e)),
            };
            let status = response.status();
            tracing::Span::current().record("status", status.as_u16());
            if status.is_success() {
                Ok(Success { ctx, response })
            } else {
                Err(Error::Api(api_error(ctx, response).await))
            }
        }
        .instrument(span)
        .await
    }

    /// Sends a request and decodes its JSON answer.
    pub(crate) async fn json<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T> {
        self.execute(request).await?.json().await
    }

    /// Sends a request whose answer has no body worth reading (DELETE → 204).
    pub(crate) async fn no_content(&self, request: ApiRequest) -> Result<()> {
        self.execute(request).await?.ignore_body();
        Ok(())
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

/// Reads at most `limit` bytes of a body; the rest is never read. A body that fails mid-way
/// yields what arrived before the failure.
/// Collects a JSON body of at most `ctx.max_body` bytes: a longer one is a decode error (nothing
/// more is read), a failure while reading a transport error.
async fn collect_json(ctx: &Context, status: StatusCode, mut body: ResponseBody) -> Result<Bytes> {
    // The transport usually hands over the body in one chunk (it buffered it): keep that chunk
    // as it is, and copy only when a second one arrives.
    let mut single: Option<Bytes> = None;
    let mut joined = bytes::BytesMut::new();
    let mut len = 0usize;
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| ctx.transport(e))?;
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        if data.len() > ctx.max_body.saturating_sub(len) {
            return Err(Error::Decode(DecodeError::new(DecodeErrorInner {
                operation: ctx.operation,
                method: ctx.method.clone(),
                path: ctx.path.clone(),
                status,
                kind: DecodeKind::TooLarge {
                    limit: ctx.max_body,
                },
                body: String::new(),
                body_truncated: true,
            })));
        }
        len += data.len();
        if len == data.len() {
            single = Some(data);
        } else {
            if let Some(first) = single.take() {
                joined.extend_from_slice(&first);
            }
            joined.extend_from_slice(&data);
        }
    }
    Ok(single.unwrap_or_else(|| joined.freeze()))
}

async fn read_prefix(mut body: ResponseBody, limit: usize) -> (Vec<u8>, bool) {
    let mut buf = Vec::new();
    while let Some(frame) = body.frame().await {
        let Ok(frame) = frame else { break };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        let room = limit.saturating_sub(buf.len());
        if data.len() > room {
            buf.extend_from_slice(data.get(..room).unwrap_or_default());
            return (buf, true);
        }
        buf.extend_from_slice(&data);
    }
    (buf, false)
}

/// Cuts `text` to at most `limit` bytes on a character boundary.
fn truncate(text: &str, limit: usize) -> (&str, bool) {
    if text.len() <= limit {
        return (text, false);
    }
    let mut cut = limit;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    (text.get(..cut).unwrap_or_default(), true)
}

fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
}

fn first_byte(bytes: &[u8]) -> Option<u8> {
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

/// Builds the [`ApiError`] for a non-2xx response (or a 2xx one that means failure to the
/// caller, such as a share bundle that is still being built).
pub(crate) async fn api_error(ctx: Context, response: http::Response<ResponseBody>) -> ApiError {
    let (parts, body) = response.into_parts();
    let (bytes, read_truncated) = read_prefix(body, ERROR_BODY_LIMIT).await;
    let text = String::from_utf8_lossy(&bytes);
    let parsed = parse_error_body(content_type(&parts.headers), &bytes, &text);
    let (kept, kept_truncated) = truncate(&text, KEPT_BODY_LIMIT);
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::trim)
    };
    ApiError::new(ApiErrorInner {
        operation: ctx.operation,
        method: ctx.method,
        path: ctx.path,
        status: parts.status,
        detail: parsed.detail,
        field_errors: parsed.field_errors,
        html: parsed.html,
        body: kept.to_owned(),
        body_truncated: read_truncated || kept_truncated,
        server_api_version: header("x-api-version").and_then(|v| v.parse().ok()),
        server_version: header("x-version").map(str::to_owned),
        requested_api_version: ctx.api_version,
    })
}

#[derive(Debug, Default, PartialEq)]
struct ParsedError {
    detail: Option<String>,
    field_errors: Vec<FieldError>,
    html: bool,
}

/// Reads Paperless-ngx's error shapes: `{"detail": ..}`, `{"error": ..}`, DRF field errors (also
/// nested), `non_field_errors`, a JSON string or list, plain text, or an HTML page.
fn parse_error_body(content_type: Option<&str>, bytes: &[u8], text: &str) -> ParsedError {
    let mut parsed = ParsedError::default();
    let json_like = matches!(first_byte(bytes), Some(b'{' | b'[' | b'"'));
    if json_like && let Ok(value) = serde_json::from_slice::<serde_json::Value>(bytes) {
        match value {
            serde_json::Value::Object(map) => {
                let mut details = Vec::new();
                for (key, value) in sorted(&map) {
                    match key {
                        "detail" | "error" => collect_messages(value, &mut details),
                        "non_field_errors" => flatten("", value, &mut parsed.field_errors),
                        _ => flatten(key, value, &mut parsed.field_errors),
                    }
                }
                if !details.is_empty() {
                    parsed.detail = Some(details.join("; "));
                }
            }
            serde_json::Value::String(s) => parsed.detail = Some(s),
            other => flatten("", &other, &mut parsed.field_errors),
        }
        return parsed;
    }
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return parsed;
    }
    let is_html = trimmed.starts_with('<')
        || content_type.is_some_and(|ct| ct.contains("html")) && trimmed.contains("</");
    if is_html {
        parsed.html = true;
        parsed.detail = html_summary(trimmed);
    } else {
        let collapsed = collapse_whitespace(trimmed);
        let (cut, was_cut) = truncate(&collapsed, DETAIL_LIMIT);
        parsed.detail = Some(if was_cut {
            format!("{cut}…")
        } else {
            cut.to_owned()
        });
    }
    parsed
}

fn collect_messages(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => {
            for item in items {
                collect_messages(item, out);
            }
        }
        serde_json::Value::Null => {}
        other => out.push(other.to_string()),
    }
}

/// Flattens DRF's nested error structure into `(path, message)` pairs: `non_field_errors` keys
/// add nothing to the path, list positions become `[i]`, object keys `.key`.
fn flatten(path: &str, value: &serde_json::Value, out: &mut Vec<FieldError>) {
    match value {
        serde_json::Value::String(s) => out.push(FieldError {
            field: path.to_owned(),
            message: s.clone(),
        }),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                if item.is_string() {
                    flatten(path, item, out);
                } else {
                    flatten(&format!("{path}[{i}]"), item, out);
                }
            }
        }
        serde_json::Value::Object(map) => {
            for (key, item) in sorted(map) {
                let nested = if key == "non_field_errors" {
                    path.to_owned()
                } else if path.is_empty() {
                    key.to_owned()
                } else {
                    format!("{path}.{key}")
                };
                flatten(&nested, item, out);
            }
        }
        serde_json::Value::Null => {}
        other => out.push(FieldError {
            field: path.to_owned(),
            message: other.to_string(),
        }),
    }
}

/// The entries of a JSON object sorted by key, so that field errors come in the order
/// [`ApiError::field_errors`] promises even when some crate in the build enables serde_json's
/// `preserve_order` feature (which keeps the server's order instead).
fn sorted(map: &serde_json::Map<String, serde_json::Value>) -> Vec<(&str, &serde_json::Value)> {
    let mut entries: Vec<_> = map.iter().map(|(k, v)| (k.as_str(), v)).collect();
    entries.sort_unstable_by_key(|(k, _)| *k);
    entries
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `<title>` of an HTML page, or failing that its visible text, shortened.
fn html_summary(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|open| {
        let start = open + lower.get(open..)?.find('>')? + 1;
        let end = start + lower.get(start..)?.find("</title")?;
        html.get(start..end)
    });
    let text = match title {
        Some(t) if !t.trim().is_empty() => collapse_whitespace(t),
        _ => {
            let mut visible = String::new();
            let mut in_tag = false;
            for c in html.chars() {
                match c {
                    '<' => {
                        in_tag = true;
                        visible.push(' ');
                    }
                    '>' => in_tag = false,
                    c if !in_tag => visible.push(c),
                    _ => {}
                }
            }
            collapse_whitespace(&visible)
        }
    };
    if text.is_empty() {
        return None;
    }
    let (cut, was_cut) = truncate(&text, DETAIL_LIMIT);
    Some(if was_cut {
        format!("{cut}…")
    } else {
        cut.to_owned()
    })
}

/// Decodes a 2xx body, turning failures into a [`DecodeError`] that names the JSON path.
pub(crate) fn decode<T: DeserializeOwned>(
    ctx: &Context,
    status: StatusCode,
    headers: &HeaderMap,
    bytes: &Bytes,
) -> Result<T> {
    let content_type = content_type(headers);
    let declared_json = content_type.is_none_or(|ct| ct.contains("json"));
    let starts_like_json = matches!(
        first_byte(bytes),
        Some(b'{' | b'[' | b'"' | b'0'..=b'9' | b'-' | b't' | b'f' | b'n')
    );
    let kind = if !declared_json && !starts_like_json {
        DecodeKind::NotJson {
            content_type: content_type.map(str::to_owned),
        }
    } else {
        match serde_json::from_slice::<T>(bytes) {
            Ok(value) => return Ok(value),
            Err(plain) if ctx.sensitive => withheld::<T>(bytes, &plain),
            Err(plain) => locate::<T>(bytes, plain),
        }
    };
    let text = if ctx.sensitive {
        Cow::Borrowed("")
    } else {
        String::from_utf8_lossy(bytes)
    };
    let (kept, truncated) = truncate(&text, KEPT_BODY_LIMIT);
    Err(Error::Decode(DecodeError::new(DecodeErrorInner {
        operation: ctx.operation,
        method: ctx.method.clone(),
        path: ctx.path.clone(),
        status,
        kind,
        body: kept.to_owned(),
        body_truncated: truncated,
    })))
}

/// Where decoding a response that holds credentials failed: the JSON path and serde's category,
/// line and column, but not serde's message, which can quote the value ("invalid type: string
/// \"7ca6…\"").
fn withheld<T: DeserializeOwned>(bytes: &[u8], plain: &serde_json::Error) -> DecodeKind {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let json_path = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(e) => e.path().to_string(),
        Ok(_) => ".".to_owned(),
    };
    let what = match plain.classify() {
        serde_json::error::Category::Syntax => "invalid JSON",
        serde_json::error::Category::Eof => "the body ended early",
        serde_json::error::Category::Data | serde_json::error::Category::Io => {
            "a value of an unexpected type or shape"
        }
    };
    DecodeKind::Mismatch {
        json_path,
        message: format!(
            "{what} at line {} column {} (the value is not shown: this answer holds credentials)",
            plain.line(),
            plain.column()
        ),
    }
}

/// Decodes again with path tracking to say where `plain` happened.
fn locate<T: DeserializeOwned>(bytes: &[u8], plain: serde_json::Error) -> DecodeKind {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let (json_path, message) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(e) => (e.path().to_string(), e.inner().to_string()),
        // Only trailing characters can fail plain decoding but not this one.
        Ok(_) => (".".to_owned(), plain.to_string()),
    };
    DecodeKind::Mismatch { json_path, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(ct: Option<&str>, body: &str) -> ParsedError {
        parse_error_body(ct, body.as_bytes(), body)
    }

    #[test]
    fn reads_every_error_shape_paperless_sends() {
        let p = parse(
            Some("application/json"),
            r#"{"detail": "No Tag matches the given query."}"#,
        );
        assert_eq!(p.detail.as_deref(), Some("No Tag matches the given query."));
        assert!(p.field_errors.is_empty());

        let p = parse(
            Some("application/json"),
            r#"{"error": ["extra_data.default_currency must be a 3-character string"]}"#,
        );
        assert_eq!(
            p.detail.as_deref(),
            Some("extra_data.default_currency must be a 3-character string")
        );

        let p = parse(
            Some("application/json"),
            r#"{"custom_fields": [{}, {"non_field_errors": ["Date has wrong format."]}], "custom_field_query": {"0": ["Invalid logical operator 'Amount'"]}, "non_field_errors": ["tag not specified"]}"#,
        );
        let pairs: Vec<(&str, &str)> = p
            .field_errors
            .iter()
            .map(|e| (e.field.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("custom_field_query.0", "Invalid logical operator 'Amount'"),
                ("custom_fields[1]", "Date has wrong format."),
                ("", "tag not specified"),
            ]
        );

        let p = parse(
            Some("text/html; charset=utf-8"),
            "AI is required for this feature",
        );
        assert_eq!(p.detail.as_deref(), Some("AI is required for this feature"));
        assert!(!p.html);

        let p = parse(
            Some("text/html; charset=utf-8"),
            "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Server Error (500)</title>\n</head>\n<body>\n  <h1>Server Error (500)</h1><p></p>\n</body>\n</html>\n",
        );
        assert_eq!(p.detail.as_deref(), Some("Server Error (500)"));
        assert!(p.html);

        let p = parse(None, "<html><body><h1>Bad   Gateway</h1></body></html>");
        assert_eq!(p.detail.as_deref(), Some("Bad Gateway"));

        assert_eq!(parse(Some("application/json"), ""), ParsedError::default());
    }

    #[test]
    fn truncates_on_char_boundaries() {
        assert_eq!(truncate("héllo", 2), ("h", true));
        assert_eq!(truncate("héllo", 3), ("hé", true));
        assert_eq!(truncate("hé", 10), ("hé", false));
    }
}
