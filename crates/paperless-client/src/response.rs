//! Reading answers, written once: the status check (non-2xx → [`ApiError`]), JSON decoding
//! (failure → [`DecodeError`] naming the JSON path), and the errors of a request's [`Context`].
//!
//! ```text
//! http::Response<ResponseBody> from the transport
//!   ├─ Err(BoxError)        → Error::Transport (Error::Build from the base URL layer,
//!   │                          Error::Decode for a JSON body over max_json_body)
//!   ├─ non-2xx              → read ≤ 64 KiB → Error::Api (detail and field errors read by
//!   │                          paperless_types::error::ApiErrorBody; here only an HTML page's title)
//!   └─ 2xx → Success        → collect (≤ max_json_body) → serde_json::from_slice → T
//!                              └─ on failure: re-decode with serde_path_to_error
//!                                 → Error::Decode naming the JSON path
//! ```
//!
//! The happy path decodes straight from the collected bytes with plain `serde_json`; the path
//! tracking of `serde_path_to_error` is paid only after a failure, by decoding a second time.

use std::borrow::Cow;

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderMap};
use http::{Method, StatusCode};
use http_body_util::BodyExt;
use paperless_transport::{ApiVersion, BuildError, JsonTooLargeError, ResponseBody};
use paperless_types::error::{ApiErrorBody, shorten};
use serde::de::DeserializeOwned;

use crate::error::{
    ApiError, ApiErrorInner, DecodeError, DecodeErrorInner, DecodeKind, Error, Result,
    TransportError, TransportErrorInner,
};
use crate::operation::Operation;
use crate::version::{ServerInfo, VersionSource};

/// At most this many bytes of an error body are read; the rest is dropped unread.
const ERROR_BODY_LIMIT: usize = 64 * 1024;
/// At most this many bytes of a raw body are kept in an error.
const KEPT_BODY_LIMIT: usize = 4 * 1024;
/// At most this many bytes of a body nobody needs are read (to reuse the connection) before it is
/// dropped instead.
pub(crate) const DRAIN_LIMIT: usize = 1024 * 1024;

/// What errors need to know about the request they belong to.
#[derive(Debug, Clone)]
pub(crate) struct Context {
    pub(crate) operation: Operation,
    pub(crate) method: Method,
    pub(crate) path: String,
    /// The API version the request asked for and how the client chose it; `None` for a request
    /// that carried its own `Accept` header.
    pub(crate) asked: Option<(ApiVersion, VersionSource)>,
    /// The answer holds credentials: see [`ApiRequest::sensitive`].
    pub(crate) sensitive: bool,
    /// The largest JSON body read into memory (the client's `max_json_body`).
    pub(crate) max_body: usize,
}

impl Context {
    /// The error for a transport failure of this request (also while a body streams).
    pub(crate) fn transport(&self, source: paperless_transport::BoxError) -> Error {
        // The base URL layer refuses paths it cannot join; that is a build problem, not the network.
        let source = match source.downcast::<BuildError>() {
            Ok(build) => return Error::Build(*build),
            Err(source) => source,
        };
        // The transport read a JSON body past max_json_body: the same error as the client's own.
        let source = match source.downcast::<JsonTooLargeError>() {
            Ok(too_large) => return self.too_large(too_large.status()),
            Err(source) => source,
        };
        Error::Transport(TransportError::new(TransportErrorInner {
            operation: self.operation,
            method: self.method.clone(),
            path: self.path.clone(),
            source,
        }))
    }

    /// The error for a JSON body longer than `max_body`.
    fn too_large(&self, status: StatusCode) -> Error {
        Error::Decode(DecodeError::new(DecodeErrorInner {
            operation: self.operation,
            method: self.method.clone(),
            path: self.path.clone(),
            status,
            kind: DecodeKind::TooLarge {
                limit: self.max_body,
            },
            body: String::new(),
            body_truncated: true,
        }))
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
            return Err(ctx.too_large(status));
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

/// Reads at most `limit` bytes of a body; the rest is never read. A body that fails mid-way
/// yields what arrived before the failure.
pub(crate) async fn read_prefix(mut body: ResponseBody, limit: usize) -> (Vec<u8>, bool) {
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
/// caller, such as a share bundle that is still being built). `known` is what the client learned
/// of the server before: it stands in for the version headers a 406 answer lacks.
pub(crate) async fn api_error(
    ctx: Context,
    response: http::Response<ResponseBody>,
    known: Option<&ServerInfo>,
) -> ApiError {
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
    let mut server_api_version = header("x-api-version").and_then(|v| v.parse().ok());
    let mut server_version = header("x-version").map(str::to_owned);
    if server_api_version.is_none()
        && parts.status == StatusCode::NOT_ACCEPTABLE
        && let Some(known) = known
    {
        server_api_version = Some(known.api_version);
        server_version = Some(known.version.clone());
    }
    let login_redirect = parts.status.is_redirection()
        && ctx.path.starts_with("/api/")
        && header("location").is_some_and(|l| l.contains("/accounts/login/"));
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
        server_api_version,
        server_version,
        asked: ctx.asked,
        location: header("location").map(shown_location),
        attempt: parts
            .extensions
            .get::<paperless_transport::layers::Attempt>()
            .map_or(1, |a| a.number()),
        login_redirect,
    })
}

/// A `Location` as an error shows it: without user info (credentials) or query, shortened.
fn shown_location(location: &str) -> String {
    let location = location.split(['?', '#']).next().unwrap_or_default();
    let shown = match location.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            let host = authority
                .rsplit_once('@')
                .map_or(authority, |(_, host)| host);
            format!("{scheme}://{host}{path}")
        }
        None => location.to_owned(),
    };
    shorten(&shown)
}

#[derive(Debug, Default, PartialEq)]
struct ParsedError {
    detail: Option<String>,
    field_errors: Vec<paperless_types::error::FieldError>,
    html: bool,
}

/// Reads an error body: an HTML page (from a reverse proxy or the web server) by its title,
/// anything else with the one parser of Paperless-ngx's error shapes,
/// [`ApiErrorBody::parse`].
fn parse_error_body(content_type: Option<&str>, bytes: &[u8], text: &str) -> ParsedError {
    let trimmed = text.trim();
    let json_like = matches!(first_byte(bytes), Some(b'{' | b'[' | b'"'));
    let is_html = !json_like
        && (trimmed.starts_with('<')
            || content_type.is_some_and(|ct| ct.contains("html")) && trimmed.contains("</"));
    if is_html {
        return ParsedError {
            detail: html_summary(trimmed),
            field_errors: Vec::new(),
            html: true,
        };
    }
    let body = ApiErrorBody::parse(bytes);
    ParsedError {
        detail: body.detail(),
        field_errors: body.field_errors(),
        html: false,
    }
}

/// The `<title>` of an HTML page, or failing that its visible text, shortened by the one rule
/// ([`shorten`]).
fn html_summary(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|open| {
        let start = open + lower.get(open..)?.find('>')? + 1;
        let end = start + lower.get(start..)?.find("</title")?;
        html.get(start..end)
    });
    let text = match title {
        Some(t) if !t.trim().is_empty() => shorten(t),
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
            shorten(&visible)
        }
    };
    (!text.is_empty()).then_some(text)
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
    if let Some(malformed) = malformed(plain, &json_path) {
        return malformed;
    }
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

/// A body that is not JSON at all (a syntax error) or ends early: broken or cut off, not of
/// another shape. serde's message for these never quotes a value.
fn malformed(plain: &serde_json::Error, json_path: &str) -> Option<DecodeKind> {
    let truncated = match plain.classify() {
        serde_json::error::Category::Syntax => false,
        serde_json::error::Category::Eof => true,
        serde_json::error::Category::Data | serde_json::error::Category::Io => return None,
    };
    Some(DecodeKind::Malformed {
        json_path: json_path.to_owned(),
        message: plain.to_string(),
        truncated,
    })
}

/// Decodes again with path tracking to say where `plain` happened.
fn locate<T: DeserializeOwned>(bytes: &[u8], plain: serde_json::Error) -> DecodeKind {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let (json_path, message) = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Err(e) => (e.path().to_string(), e.inner().to_string()),
        // Only trailing characters can fail plain decoding but not this one.
        Ok(_) => (".".to_owned(), plain.to_string()),
    };
    if let Some(malformed) = malformed(&plain, &json_path) {
        return malformed;
    }
    DecodeKind::Mismatch { json_path, message }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(ct: Option<&str>, body: &str) -> ParsedError {
        parse_error_body(ct, body.as_bytes(), body)
    }

    #[test]
    fn html_pages_are_summarized_and_the_rest_read_by_the_types_parser() {
        let p = parse(
            Some("application/json"),
            r#"{"error": ["extra_data.default_currency must be a 3-character string"]}"#,
        );
        assert_eq!(
            p.detail.as_deref(),
            Some("extra_data.default_currency must be a 3-character string")
        );
        assert!(p.field_errors.is_empty() && !p.html);

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
