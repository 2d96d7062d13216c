//! [`Error`] and its payloads: what went wrong, where, and what to do about it.
//!
//! Every error names the request it belongs to by method and path, never by query string
//! (search terms and filters can be private) and never with credentials: the token lives in the
//! transport below this crate and is never seen here.

use std::borrow::Cow;
use std::fmt;

use http::{Method, StatusCode};
use paperless_transport::{BoxError, BuildError};

use crate::request::Operation;

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong when talking to Paperless-ngx.
///
/// Ask the helpers first ([`Error::status`], [`Error::is_not_found`], [`Error::is_timeout`], ...);
/// match on the variants when you need the details. `Display` gives one line with the method,
/// path, status and the server's message; it does not repeat [`std::error::Error::source`], so
/// error-chain reporters (`anyhow`'s `{:#}`, `tracing`) print each cause once.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered with a non-2xx status.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// No complete response arrived: connection refused, DNS, TLS, timeout or a dropped connection.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The server answered 2xx, but the body is not what this crate expected.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// Pagination links from the server do not advance or cannot be followed; the stream stopped
    /// instead of looping or returning a partial list.
    #[error(transparent)]
    Pagination(#[from] PaginationError),
    /// The client or a request could not be built (for example an invalid base URL).
    #[error(transparent)]
    Build(#[from] BuildError),
    /// The request was refused before sending because of the input it was given.
    #[error(transparent)]
    Invalid(#[from] InvalidInput),
}

impl Error {
    /// The HTTP status when the server answered with an error status.
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(e) => Some(e.status()),
            _ => None,
        }
    }

    /// `true` for a 404: the object does not exist or the user may not see it.
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// `true` for a 401: the credentials are missing, wrong or expired.
    #[must_use]
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// `true` for a 403: the user is known but lacks the permission.
    #[must_use]
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// `true` when a timeout ended the request (a timeout layer of the transport, or the
    /// operating system's connect timeout).
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        match self {
            Self::Transport(e) => e.is_timeout(),
            _ => false,
        }
    }

    /// The server's error answer, if this is one.
    #[must_use]
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => None,
        }
    }
}

/// One validation message from the server (Django REST framework's field errors).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldError {
    /// Where the problem is: a field name (`name`), a nested path (`custom_fields[0]`,
    /// `custom_field_query.0`), or `""` for an error about the request as a whole
    /// (DRF's `non_field_errors`).
    pub field: String,
    /// The server's message, as sent (for example `This field is required.`).
    pub message: String,
}

/// The server answered with a non-2xx status.
///
/// Paperless-ngx answers errors in several shapes: `{"detail": "..."}`, DRF field errors
/// (`{"name": ["This field is required."]}`), `{"error": "..."}`, `{"non_field_errors": [...]}`,
/// or a plain text or HTML body. All are parsed into [`ApiError::detail`] and
/// [`ApiError::field_errors`]; the raw body is kept, truncated, in [`ApiError::body`].
pub struct ApiError {
    inner: Box<ApiErrorInner>,
}

/// The fields of [`ApiError`], boxed to keep [`Error`] small.
pub(crate) struct ApiErrorInner {
    pub(crate) operation: Operation,
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) status: StatusCode,
    pub(crate) detail: Option<String>,
    pub(crate) field_errors: Vec<FieldError>,
    pub(crate) html: bool,
    pub(crate) body: String,
    pub(crate) body_truncated: bool,
    pub(crate) server_api_version: Option<u32>,
    pub(crate) server_version: Option<String>,
}

impl ApiError {
    pub(crate) fn new(inner: ApiErrorInner) -> Self {
        Self {
            inner: Box::new(inner),
        }
    }

    /// The HTTP status the server answered with.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.inner.status
    }

    /// The HTTP method of the failed request.
    #[must_use]
    pub fn method(&self) -> &Method {
        &self.inner.method
    }

    /// The path of the failed request, relative to the installation root and without its query
    /// string (for example `/api/documents/42/`).
    #[must_use]
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// What the request was for, such as `tags.get`.
    #[must_use]
    pub fn operation(&self) -> Operation {
        self.inner.operation
    }

    /// The server's message: DRF's `detail`, Paperless's `error`, a short plain-text body, or the
    /// title of an HTML page.
    #[must_use]
    pub fn detail(&self) -> Option<&str> {
        self.inner.detail.as_deref()
    }

    /// Validation errors per field, in a stable (sorted) order; empty when the server sent none.
    #[must_use]
    pub fn field_errors(&self) -> &[FieldError] {
        &self.inner.field_errors
    }

    /// `true` when the body was an HTML page rather than JSON, typically from a reverse proxy or
    /// an error page of the web server.
    #[must_use]
    pub fn is_html(&self) -> bool {
        self.inner.html
    }

    /// The raw body as received, truncated to a few KiB (see [`ApiError::is_body_truncated`]).
    #[must_use]
    pub fn body(&self) -> &str {
        &self.inner.body
    }

    /// `true` when [`ApiError::body`] is only the beginning of a longer body.
    #[must_use]
    pub fn is_body_truncated(&self) -> bool {
        self.inner.body_truncated
    }

    /// The newest API version the server supports, from its `X-Api-Version` header (sent on
    /// authenticated requests only).
    #[must_use]
    pub fn server_api_version(&self) -> Option<u32> {
        self.inner.server_api_version
    }

    /// The Paperless-ngx release of the server, from its `X-Version` header (authenticated
    /// requests only).
    #[must_use]
    pub fn server_version(&self) -> Option<&str> {
        self.inner.server_version.as_deref()
    }

    /// What to do about this status, appended to the message when there is something to say.
    fn hint(&self) -> Option<Cow<'static, str>> {
        match self.inner.status {
            StatusCode::UNAUTHORIZED => Some(Cow::Borrowed(
                "Check the API token (or username and password), and that no reverse proxy strips \
                 the Authorization header.",
            )),
            StatusCode::NOT_ACCEPTABLE => {
                let server = match self.inner.server_api_version {
                    Some(v) => format!(" This server's newest API version is {v}."),
                    None => String::new(),
                };
                Some(Cow::Owned(format!(
                    "Paperless-ngx 3.x accepts API versions 9 and 10 and 2.x accepts 1 to 9; this \
                     crate speaks 9 and 10.{server} Pin a version the server accepts, and check \
                     that no reverse proxy strips or rewrites the Accept header."
                )))
            }
            _ if self.inner.html => Some(Cow::Borrowed(
                "The body is an HTML page, not JSON: a reverse proxy or the web server answered \
                 instead of the Paperless-ngx API; check the base URL and their logs.",
            )),
            _ => None,
        }
    }
}

/// How many field errors `Display` lists before summarizing the rest.
const DISPLAYED_FIELD_ERRORS: usize = 8;

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = format!(
            "{} {} returned {}",
            self.inner.method, self.inner.path, self.inner.status
        );
        // Pieces are joined with "; ", or just a space after a piece that ends a sentence.
        let mut pieces: Vec<Cow<'_, str>> = Vec::new();
        if let Some(detail) = &self.inner.detail {
            // An HTML title that only repeats the status ("502 Bad Gateway") adds nothing.
            if !detail.eq_ignore_ascii_case(&self.inner.status.to_string()) {
                pieces.push(Cow::Borrowed(detail));
            }
        }
        for e in self.inner.field_errors.iter().take(DISPLAYED_FIELD_ERRORS) {
            pieces.push(if e.field.is_empty() {
                Cow::Borrowed(&e.message)
            } else {
                Cow::Owned(format!("{}: {}", e.field, e.message))
            });
        }
        if self.inner.field_errors.len() > DISPLAYED_FIELD_ERRORS {
            let more = self.inner.field_errors.len() - DISPLAYED_FIELD_ERRORS;
            pieces.push(Cow::Owned(format!("and {more} more")));
        }
        for (i, piece) in pieces.iter().enumerate() {
            let sep = match i.checked_sub(1).and_then(|p| pieces.get(p)) {
                None => ": ",
                Some(prev) if prev.ends_with('.') => " ",
                Some(_) => "; ",
            };
            s.push_str(sep);
            s.push_str(piece);
        }
        if let Some(hint) = self.hint() {
            if !s.ends_with('.') {
                s.push('.');
            }
            s.push(' ');
            s.push_str(&hint);
        }
        f.write_str(&s)
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("operation", &self.inner.operation)
            .field("method", &self.inner.method)
            .field("path", &self.inner.path)
            .field("status", &self.inner.status)
            .field("detail", &self.inner.detail)
            .field("field_errors", &self.inner.field_errors)
            .field("html", &self.inner.html)
            .field("body", &Excerpt(&self.inner.body))
            .field("body_truncated", &self.inner.body_truncated)
            .field("server_api_version", &self.inner.server_api_version)
            .field("server_version", &self.inner.server_version)
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// No complete response arrived: the connection could not be opened (refused, DNS, TLS), timed
/// out, or was dropped before the response was complete. The cause is in
/// [`std::error::Error::source`].
pub struct TransportError {
    inner: Box<TransportErrorInner>,
}

/// The fields of [`TransportError`], boxed to keep [`Error`] small.
pub(crate) struct TransportErrorInner {
    pub(crate) operation: Operation,
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) source: BoxError,
}

impl TransportError {
    pub(crate) fn new(inner: TransportErrorInner) -> Self {
        Self {
            inner: Box::new(inner),
        }
    }

    /// The HTTP method of the failed request.
    #[must_use]
    pub fn method(&self) -> &Method {
        &self.inner.method
    }

    /// The path of the failed request, without its query string.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// What the request was for, such as `tags.list`.
    #[must_use]
    pub fn operation(&self) -> Operation {
        self.inner.operation
    }

    /// `true` when a timeout ended the request: a `tower` timeout layer
    /// (`tower::timeout::error::Elapsed`) or an I/O error of kind `TimedOut`, anywhere in the
    /// source chain.
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        let mut next: Option<&(dyn std::error::Error + 'static)> = Some(&*self.inner.source);
        while let Some(err) = next {
            if err.is::<tower::timeout::error::Elapsed>() {
                return true;
            }
            if let Some(io) = err.downcast_ref::<std::io::Error>()
                && io.kind() == std::io::ErrorKind::TimedOut
            {
                return true;
            }
            next = err.source();
        }
        false
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_timeout() {
            write!(
                f,
                "{} {} timed out before a complete response arrived",
                self.inner.method, self.inner.path
            )
        } else {
            write!(
                f,
                "{} {} failed before a complete response arrived (the server could not be \
                 reached, TLS failed, or the connection was dropped)",
                self.inner.method, self.inner.path
            )
        }
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportError")
            .field("operation", &self.inner.operation)
            .field("method", &self.inner.method)
            .field("path", &self.inner.path)
            .field("source", &self.inner.source)
            .finish()
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.inner.source)
    }
}

/// Why a 2xx body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeKind {
    /// The body is JSON, but not of the expected shape (or not valid JSON).
    Mismatch {
        /// Where in the document decoding failed (`results[2].name`).
        json_path: String,
        /// serde's message, with line and column.
        message: String,
    },
    /// The body is not JSON at all (an HTML login page, plain text).
    NotJson {
        /// The response's `Content-Type`, if any.
        content_type: Option<String>,
    },
}

/// The server answered 2xx, but the body is not what this crate expected: either not JSON (an
/// HTML login page from a misconfigured proxy), or JSON of a different shape (a server newer or
/// older than this crate supports).
pub struct DecodeError {
    inner: Box<DecodeErrorInner>,
}

/// The fields of [`DecodeError`], boxed to keep [`Error`] small.
pub(crate) struct DecodeErrorInner {
    pub(crate) operation: Operation,
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) status: StatusCode,
    pub(crate) kind: DecodeKind,
    pub(crate) body: String,
    pub(crate) body_truncated: bool,
}

impl DecodeError {
    pub(crate) fn new(inner: DecodeErrorInner) -> Self {
        Self {
            inner: Box::new(inner),
        }
    }

    /// What the request was for, such as `documents.get`.
    #[must_use]
    pub fn operation(&self) -> Operation {
        self.inner.operation
    }

    /// The HTTP method of the request.
    #[must_use]
    pub fn method(&self) -> &Method {
        &self.inner.method
    }

    /// The path of the request, without its query string.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// The (successful) status the server answered with.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        self.inner.status
    }

    /// Where in the JSON document decoding failed, such as `results[2].created`; `None` when the
    /// body is not JSON at all. `.` means the top level.
    #[must_use]
    pub fn json_path(&self) -> Option<&str> {
        match &self.inner.kind {
            DecodeKind::Mismatch { json_path, .. } => Some(json_path),
            DecodeKind::NotJson { .. } => None,
        }
    }

    /// `true` when the body was not JSON at all (for example an HTML page).
    #[must_use]
    pub fn is_not_json(&self) -> bool {
        matches!(self.inner.kind, DecodeKind::NotJson { .. })
    }

    /// The raw body, truncated to a few KiB; attach it to a bug report (after removing private
    /// data).
    #[must_use]
    pub fn body(&self) -> &str {
        &self.inner.body
    }

    /// `true` when [`DecodeError::body`] is only the beginning of a longer body.
    #[must_use]
    pub fn is_body_truncated(&self) -> bool {
        self.inner.body_truncated
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner.kind {
            DecodeKind::Mismatch { json_path, message } => write!(
                f,
                "{op}: could not decode the {status} response to {method} {path} at JSON path \
                 `{json_path}`: {message}. The server may be newer or older than this crate \
                 supports; please report it with the response body",
                op = self.inner.operation,
                status = self.inner.status,
                method = self.inner.method,
                path = self.inner.path,
            ),
            DecodeKind::NotJson { content_type } => write!(
                f,
                "{op}: expected JSON from {method} {path}, but the server answered {status} with \
                 {ct}. A reverse proxy or single sign-on gateway may be serving a login or error \
                 page: check the base URL and the proxy's configuration",
                op = self.inner.operation,
                method = self.inner.method,
                path = self.inner.path,
                status = self.inner.status,
                ct = content_type.as_deref().unwrap_or("no Content-Type"),
            ),
        }
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("operation", &self.inner.operation)
            .field("method", &self.inner.method)
            .field("path", &self.inner.path)
            .field("status", &self.inner.status)
            .field("kind", &self.inner.kind)
            .field("body", &Excerpt(&self.inner.body))
            .field("body_truncated", &self.inner.body_truncated)
            .finish()
    }
}

impl std::error::Error for DecodeError {}

/// Why a pagination stream stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PaginationProblem {
    /// A `next` link pointed at a page that was already fetched: following it would loop.
    RepeatedPage,
    /// The server answered a request for page N with a page whose `next` is not page N+1: the
    /// page number was probably lost on the way (a reverse proxy dropping query strings).
    WrongPage,
    /// A `next` link could not be turned into a request path.
    UnusableLink,
}

/// Pagination links from the server do not advance. Rather than loop forever or silently return
/// a partial list, the stream yields this error and ends. The usual cause is a reverse proxy that
/// drops or rewrites query strings.
#[derive(Debug)]
pub struct PaginationError {
    inner: Box<PaginationErrorInner>,
}

/// The fields of [`PaginationError`], boxed to keep [`Error`] small.
#[derive(Debug)]
pub(crate) struct PaginationErrorInner {
    pub(crate) operation: Operation,
    pub(crate) path: String,
    pub(crate) page: Option<u64>,
    pub(crate) problem: PaginationProblem,
}

impl PaginationError {
    pub(crate) fn new(inner: PaginationErrorInner) -> Self {
        Self {
            inner: Box::new(inner),
        }
    }

    /// What the request was for, such as `documents.list`.
    #[must_use]
    pub fn operation(&self) -> Operation {
        self.inner.operation
    }

    /// The list path, without its query string.
    #[must_use]
    pub fn path(&self) -> &str {
        &self.inner.path
    }

    /// The page number involved, when known.
    #[must_use]
    pub fn page(&self) -> Option<u64> {
        self.inner.page
    }

    /// What was wrong with the links.
    #[must_use]
    pub fn problem(&self) -> PaginationProblem {
        self.inner.problem
    }
}

impl fmt::Display for PaginationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let page = match self.inner.page {
            Some(n) => format!("page {n} of "),
            None => String::new(),
        };
        let what = match self.inner.problem {
            PaginationProblem::RepeatedPage => format!(
                "the server's `next` link points at {page}{} again, which was already fetched",
                self.inner.path
            ),
            PaginationProblem::WrongPage => format!(
                "the server did not answer with the requested {page}{}",
                self.inner.path
            ),
            PaginationProblem::UnusableLink => format!(
                "the server's `next` link after {page}{} is not a usable URL",
                self.inner.path
            ),
        };
        let cause = match self.inner.problem {
            PaginationProblem::UnusableLink => {
                "Check PAPERLESS_URL on the server and the X-Forwarded-* headers of its reverse proxy"
            }
            _ => "A reverse proxy that drops or rewrites query strings causes this",
        };
        write!(
            f,
            "{}: {what}; stopped instead of looping or returning a partial list. {cause}",
            self.inner.operation
        )
    }
}

impl std::error::Error for PaginationError {}

/// A request was refused before sending because of its input: a payload that cannot be
/// serialized as JSON, a page number of 0, an empty id list (which the server would read as "no
/// filter" and answer with everything), or invalid client options.
#[derive(Debug)]
pub struct InvalidInput {
    pub(crate) message: String,
    pub(crate) source: Option<BoxError>,
}

impl InvalidInput {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }

    pub(crate) fn with_source(message: impl Into<String>, source: impl Into<BoxError>) -> Self {
        Self {
            message: message.into(),
            source: Some(source.into()),
        }
    }

    /// What was wrong with the input, and what to pass instead.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for InvalidInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid request, nothing was sent: {}", self.message)
    }
}

impl std::error::Error for InvalidInput {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// Shows the start of a long text in `Debug` output, so that printing an error does not dump a
/// whole HTML page.
struct Excerpt<'a>(&'a str);

impl fmt::Debug for Excerpt<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 200;
        match self.0.char_indices().nth(SHOWN) {
            Some((cut, _)) => {
                let head = self.0.get(..cut).unwrap_or_default();
                write!(f, "{head:?}… ({} bytes)", self.0.len())
            }
            None => write!(f, "{:?}", self.0),
        }
    }
}
