//! [`Error`] and its payloads: what went wrong, where, and what to do about it.
//!
//! Every error names the request it belongs to by method and path, never by query string
//! (search terms and filters can be private) and never with credentials: the token lives in the
//! transport below this crate and is never seen here.

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use http::{Method, StatusCode};
use paperless_transport::{ApiVersion, BoxError, BuildError, TransportErrorKind, classify};
use paperless_types::DocumentId;
use paperless_types::task::{TaskRecord, TaskStatus, TaskUuid};

/// One validation message from the server (re-export of `paperless_types::error::FieldError`,
/// where the one parser of error bodies lives).
pub use paperless_types::error::FieldError;

use crate::operation::{Operation, TOKEN_OBTAIN};
use crate::version::{VersionError, VersionSource, not_acceptable_hint};

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
    /// The client's configuration is missing or invalid (an environment variable read by
    /// [`Paperless::from_env`](crate::Paperless::from_env)).
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The server speaks no API version this crate speaks (found by the version negotiation);
    /// nothing was sent.
    #[error(transparent)]
    Version(#[from] VersionError),
    /// A file to upload could not be opened or read
    /// ([`UploadFile::open`](crate::api::documents::UploadFile::open)).
    #[error(transparent)]
    UploadFile(#[from] UploadFileError),
    /// A download could not be saved to a file
    /// ([`Download::save_to`](crate::download::Download::save_to)).
    #[error(transparent)]
    Save(Box<SaveError>),
    /// Waiting for a task (an upload's consumption) did not end in success
    /// ([`Endpoint::wait`](crate::Endpoint::wait), [`UploadTask`](crate::api::documents::UploadTask)).
    #[error(transparent)]
    Wait(Box<WaitError>),
    /// A session login ([`Paperless::session_login`](crate::Paperless::session_login)) failed,
    /// or the session is no longer valid.
    #[error(transparent)]
    Session(Box<crate::session::SessionError>),
    /// The `/ws/status/` socket could not be opened or kept open (feature `events`).
    #[cfg(feature = "events")]
    #[error(transparent)]
    Events(Box<crate::events::EventsError>),
}

/// A custom field value refused by
/// [`CustomFieldSet`](paperless_types::custom_field_set::CustomFieldSet) is invalid input:
/// nothing was sent.
impl From<paperless_types::custom_field_set::CustomFieldValueError> for Error {
    fn from(error: paperless_types::custom_field_set::CustomFieldValueError) -> Self {
        Self::Invalid(InvalidInput {
            message: error.message().to_owned(),
            source: error
                .monetary_error()
                .map(|e| Box::new(e.clone()) as BoxError),
        })
    }
}

impl From<SaveError> for Error {
    fn from(error: SaveError) -> Self {
        Self::Save(Box::new(error))
    }
}

impl From<WaitError> for Error {
    fn from(error: WaitError) -> Self {
        Self::Wait(Box::new(error))
    }
}

impl Error {
    /// The request error this error carries, when it wraps one: the failed poll of a wait, the
    /// failed download of a save.
    fn request_error(&self) -> Option<&Error> {
        match self {
            Self::Wait(e) => match &**e {
                WaitError::Request { source, .. } => Some(source),
                _ => None,
            },
            Self::Save(e) => match &**e {
                SaveError::Download(source) => Some(source),
                SaveError::Io { .. } => None,
            },
            _ => None,
        }
    }

    /// The HTTP status when the server answered with an error status (also when a wait's poll
    /// or a save's download failed with one).
    #[must_use]
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api(e) => Some(e.status()),
            _ => self.request_error().and_then(Error::status),
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

    /// `true` when the server has no such endpoint: it redirected an API request to its login
    /// page (Paperless-ngx's answer to an API path it does not have, such as a 3.x-only route
    /// on 2.x), or the operation was refused before sending because it needs Paperless-ngx 3.x.
    #[must_use]
    pub fn is_no_such_endpoint(&self) -> bool {
        match self {
            Error::Api(e) => e.is_no_such_endpoint(),
            Error::Version(e) => e.operation().is_some(),
            _ => false,
        }
    }

    /// `true` for a 403: the user is known but lacks the permission.
    #[must_use]
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// What kind of transport failure this is, when no complete response arrived (also when a
    /// wait's poll or a save's download failed so).
    #[must_use]
    pub fn transport_kind(&self) -> Option<TransportErrorKind> {
        match self {
            Self::Transport(e) => Some(e.kind()),
            _ => self.request_error().and_then(Error::transport_kind),
        }
    }

    /// `true` when a timeout ended the request: the transport's connect, attempt or total
    /// timeout, a `tower` timeout layer of your own, or the operating system's.
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        self.transport_kind() == Some(TransportErrorKind::Timeout)
    }

    /// `true` when no connection could be opened: refused, DNS failure, unreachable host. The
    /// server is down or the URL is wrong.
    #[must_use]
    pub fn is_connect(&self) -> bool {
        self.transport_kind() == Some(TransportErrorKind::Connect)
    }

    /// `true` when the TLS handshake failed: an untrusted or invalid certificate, a name
    /// mismatch, or a client certificate the server refused.
    #[must_use]
    pub fn is_tls(&self) -> bool {
        self.transport_kind() == Some(TransportErrorKind::Tls)
    }

    /// `true` when an open connection closed before the response was complete.
    #[must_use]
    pub fn is_connection_closed(&self) -> bool {
        self.transport_kind() == Some(TransportErrorKind::ConnectionClosed)
    }

    /// The server's error answer, if this is one (or the one a wait's poll or a save's
    /// download failed with).
    #[must_use]
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Self::Api(e) => Some(e),
            _ => self.request_error().and_then(Error::as_api),
        }
    }
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
    /// The API version the request asked for and how the client chose it (for the 406 hint).
    pub(crate) asked: Option<(ApiVersion, VersionSource)>,
    /// The `Location` of a redirect, without credentials or query.
    pub(crate) location: Option<String>,
    /// The attempt this answer is to (1 unless the transport retried).
    pub(crate) attempt: u32,
    /// A redirect to the login page (`/accounts/login/?next=..`) of an API request: the
    /// frontend's catch-all, which answers the API paths the server does not have.
    pub(crate) login_redirect: bool,
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

    /// Validation errors per field, in the order the server sent them (DRF's: the serializer's
    /// field order); empty when the server sent none.
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
    /// authenticated requests only; for a 406, filled in by
    /// [`Paperless::server_info`](crate::Paperless::server_info) with a second request).
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

    /// Where a redirect (`3xx`) pointed: its `Location`, without credentials or query.
    #[must_use]
    pub fn location(&self) -> Option<&str> {
        self.inner.location.as_deref()
    }

    /// The attempt this answer is to: 1, or more when the transport retried after a failure.
    #[must_use]
    pub fn attempt(&self) -> u32 {
        self.inner.attempt
    }

    /// `true` when this answer is to a retry whose earlier attempt may have reached the server
    /// and succeeded: a `404` to a retried `DELETE` may mean the first attempt deleted the
    /// object (the connection broke before its answer arrived).
    #[must_use]
    pub fn may_have_succeeded_earlier(&self) -> bool {
        self.inner.attempt > 1
            && matches!(self.inner.method, Method::DELETE | Method::PUT)
            && matches!(self.inner.status, StatusCode::NOT_FOUND | StatusCode::GONE)
    }

    /// Fills in the server's versions learned by another request (after a 406, whose answer
    /// carries none).
    pub(crate) fn with_server_versions(
        mut self,
        api_version: u32,
        version: Option<String>,
    ) -> Self {
        self.inner.server_api_version = Some(api_version);
        self.inner.server_version = version;
        self
    }

    /// `true` when the server redirected this API request to its login page: Paperless-ngx's
    /// answer to an API path it does not have (such as a 3.x-only route on 2.x).
    #[must_use]
    pub fn is_no_such_endpoint(&self) -> bool {
        self.inner.login_redirect
    }

    /// What to do about this status, appended to the message when there is something to say.
    fn hint(&self) -> Option<Cow<'static, str>> {
        if self.may_have_succeeded_earlier() {
            return Some(Cow::Owned(format!(
                "This is the answer to attempt {}: an earlier attempt failed after it may have \
                 reached the server, so it may have done what was asked (a DELETE that deleted \
                 the object) before this one found nothing.",
                self.inner.attempt
            )));
        }
        if self.inner.login_redirect {
            let server = match &self.inner.server_version {
                Some(v) => format!("this server (Paperless-ngx {v})"),
                None => "this server".to_owned(),
            };
            return Some(Cow::Owned(format!(
                "No such endpoint on {server}: Paperless-ngx redirects API paths it does not have \
                 to its login page. The endpoint may need a newer release (3.x-only operations \
                 are refused before sending once the client knows the server's version)."
            )));
        }
        if self.inner.status.is_redirection() {
            return Some(Cow::Owned(self.redirect_hint()));
        }
        match self.inner.status {
            StatusCode::UNAUTHORIZED => Some(Cow::Borrowed(
                "Check the API token (or username and password), and that no reverse proxy strips \
                 the Authorization header.",
            )),
            StatusCode::NOT_ACCEPTABLE => Some(Cow::Owned(not_acceptable_hint(
                self.inner.operation,
                self.inner.asked,
                self.inner
                    .server_api_version
                    .map(|newest| (newest, self.inner.server_version.as_deref())),
            ))),
            StatusCode::BAD_REQUEST if self.inner.operation == TOKEN_OBTAIN => Some(Cow::Borrowed(
                "Check the user name and password; for a user with two-factor authentication, \
                 also pass the current code (TokenRequest::code).",
            )),
            StatusCode::INTERNAL_SERVER_ERROR if self.inner.html => Some(Cow::Borrowed(
                "The server failed: Paperless-ngx crashed on an unhandled error and answered with \
                 its HTML error page; its log has the traceback.",
            )),
            StatusCode::INTERNAL_SERVER_ERROR => Some(Cow::Borrowed(
                "The server failed to carry the request out; its log says why.",
            )),
            _ if self.inner.html => Some(Cow::Borrowed(
                "The body is an HTML page, not JSON: a reverse proxy or the web server answered \
                 instead of the Paperless-ngx API; check the base URL and their logs.",
            )),
            _ => None,
        }
    }
}

impl ApiError {
    fn redirect_hint(&self) -> String {
        let to = self
            .inner
            .location
            .as_deref()
            .map_or_else(String::new, |l| format!(" to {l}"));
        let safe = matches!(
            self.inner.method,
            Method::GET | Method::HEAD | Method::OPTIONS
        );
        if safe {
            format!(
                "The server redirects{to}: point the base URL there (a reverse proxy \
                 redirecting http to https is the usual cause), or let the transport follow \
                 redirects (TransportBuilder::follow_redirects)."
            )
        } else {
            format!(
                "The server redirected this write{to}; it was not sent again there: a write \
                 follows only a 307 or 308, which keep its method and body (with \
                 TransportBuilder::follow_redirects on). Point the base URL at the address the \
                 server redirects to."
            )
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
            .field("asked", &self.inner.asked)
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

    /// What kind of failure this is (timeout, connect, TLS, closed connection or other), as
    /// [`paperless_transport::classify`] reads the source chain.
    #[must_use]
    pub fn kind(&self) -> TransportErrorKind {
        classify(&*self.inner.source)
    }

    /// `true` when a timeout ended the request (see [`Error::is_timeout`]).
    #[must_use]
    pub fn is_timeout(&self) -> bool {
        self.kind() == TransportErrorKind::Timeout
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (method, path) = (&self.inner.method, &self.inner.path);
        match self.kind() {
            TransportErrorKind::Timeout => write!(
                f,
                "{method} {path} timed out before a complete response arrived"
            ),
            TransportErrorKind::Connect => write!(
                f,
                "{method} {path} failed: could not connect to the server (refused, unknown host or \
                 unreachable); check the URL and that Paperless-ngx is running"
            ),
            TransportErrorKind::Tls => write!(
                f,
                "{method} {path} failed: the TLS handshake with the server failed; check its \
                 certificate (trust a private CA with add_root_certificate_pem)"
            ),
            TransportErrorKind::ConnectionClosed => write!(
                f,
                "{method} {path} failed: the connection closed before the response was complete"
            ),
            _ => write!(
                f,
                "{method} {path} failed before a complete response arrived"
            ),
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

/// Why a 2xx response could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecodeKind {
    /// The body is JSON, but not of the expected shape (or not valid JSON).
    Mismatch {
        /// Where in the document decoding failed (`results[2].name`).
        json_path: String,
        /// serde's message, with line and column.
        message: String,
    },
    /// The body is broken JSON (a syntax error) or ends early (cut off).
    Malformed {
        /// Where in the document the body broke off or went wrong.
        json_path: String,
        /// serde's message, with line and column.
        message: String,
        /// The body ended in the middle of the JSON document.
        truncated: bool,
    },
    /// The body is not JSON at all (an HTML login page, plain text).
    NotJson {
        /// The response's `Content-Type`, if any.
        content_type: Option<String>,
    },
    /// A header that carries the answer is missing or unreadable.
    MissingHeader {
        /// The header's name, as Paperless-ngx spells it (`X-Api-Version`).
        name: &'static str,
    },
    /// The body is longer than the client reads into memory (`max_json_body`).
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

/// The server answered 2xx, but the response is not what this crate expected: a body that is not
/// JSON (an HTML login page from a misconfigured proxy), JSON of a different shape (a server newer
/// or older than this crate supports), or a missing header that carries the answer (the server's
/// version).
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
    /// body is not JSON at all or a header was missing. `.` means the top level.
    #[must_use]
    pub fn json_path(&self) -> Option<&str> {
        match &self.inner.kind {
            DecodeKind::Mismatch { json_path, .. } | DecodeKind::Malformed { json_path, .. } => {
                Some(json_path)
            }
            DecodeKind::NotJson { .. }
            | DecodeKind::MissingHeader { .. }
            | DecodeKind::TooLarge { .. } => None,
        }
    }

    /// `true` when the body was broken JSON or ended in the middle of the document (a proxy that
    /// cut it off, a dropped connection): not a shape this crate does not know.
    #[must_use]
    pub fn is_malformed(&self) -> bool {
        matches!(self.inner.kind, DecodeKind::Malformed { .. })
    }

    /// `true` when the body was not JSON at all (for example an HTML page).
    #[must_use]
    pub fn is_not_json(&self) -> bool {
        matches!(self.inner.kind, DecodeKind::NotJson { .. })
    }

    /// The response header that was missing or unreadable, such as `X-Api-Version`.
    #[must_use]
    pub fn missing_header(&self) -> Option<&'static str> {
        match self.inner.kind {
            DecodeKind::MissingHeader { name } => Some(name),
            _ => None,
        }
    }

    /// The raw body, truncated to a few KiB; attach it to a bug report (after removing private
    /// data). Empty for answers that hold credentials (the API token, a TOTP secret, recovery
    /// codes), which errors never keep.
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
            DecodeKind::Malformed {
                json_path,
                message,
                truncated,
            } => write!(
                f,
                "{op}: the {status} response to {method} {path} is {what} (at JSON path \
                 `{json_path}`): {message}. The body \
                 is broken or was cut off on its way (a reverse proxy, a crashed server worker, \
                 a dropped connection); this is not a version mismatch",
                op = self.inner.operation,
                status = self.inner.status,
                method = self.inner.method,
                path = self.inner.path,
                what = if *truncated {
                    "cut off before the JSON document ends"
                } else {
                    "not valid JSON"
                },
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
            DecodeKind::TooLarge { limit } => write!(
                f,
                "{op}: the {status} response to {method} {path} is longer than {limit} bytes, the \
                 most this client reads as JSON. Raise PaperlessBuilder::max_json_body, or ask for \
                 smaller pages (page_size) or fewer fields (fields)",
                op = self.inner.operation,
                method = self.inner.method,
                path = self.inner.path,
                status = self.inner.status,
            ),
            DecodeKind::MissingHeader { name } => write!(
                f,
                "{op}: the {status} response to {method} {path} has no valid {name} header. \
                 Paperless-ngx sends X-Api-Version and X-Version with every authenticated API \
                 response: a reverse proxy may remove them, or the base URL may not point at \
                 Paperless-ngx",
                op = self.inner.operation,
                method = self.inner.method,
                path = self.inner.path,
                status = self.inner.status,
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

/// The client's configuration is missing or invalid, so no client was built: an environment
/// variable read by [`Paperless::from_env`](crate::Paperless::from_env) is unset, empty or
/// unusable. The message names the variable and what to set it to; it never repeats a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    variable: &'static str,
    problem: ConfigProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ConfigProblem {
    /// Unset or empty; the text says what to set it to.
    Missing(&'static str),
    /// Set, but unusable.
    Invalid {
        /// The value as given, when it is not a secret.
        value: Option<String>,
        /// Why it was refused and what to give instead.
        reason: String,
    },
}

impl ConfigError {
    /// `variable` is unset or empty; `help` says what to set it to.
    pub(crate) fn missing(variable: &'static str, help: &'static str) -> Self {
        Self {
            variable,
            problem: ConfigProblem::Missing(help),
        }
    }

    /// `variable` is set to something unusable. `value` is quoted in the message unless `None`
    /// (for secrets).
    pub(crate) fn invalid(
        variable: &'static str,
        value: Option<&str>,
        reason: impl Into<String>,
    ) -> Self {
        Self {
            variable,
            problem: ConfigProblem::Invalid {
                value: value.map(str::to_owned),
                reason: reason.into(),
            },
        }
    }

    /// The variable at fault, such as `PAPERLESS_URL`.
    #[must_use]
    pub fn variable(&self) -> &str {
        self.variable
    }

    /// `true` when the variable is unset or empty (rather than set to something unusable).
    #[must_use]
    pub fn is_missing(&self) -> bool {
        matches!(self.problem, ConfigProblem::Missing(_))
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            ConfigProblem::Missing(help) => write!(f, "{} is not set: {help}", self.variable),
            ConfigProblem::Invalid {
                value: Some(value),
                reason,
            } => write!(f, "{} is {value:?}: {reason}", self.variable),
            ConfigProblem::Invalid {
                value: None,
                reason,
            } => write!(f, "{} is invalid: {reason}", self.variable),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Why [`Download::save_to`](crate::download::Download::save_to) failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SaveError {
    /// The download failed (the connection dropped mid-body).
    #[error(transparent)]
    Download(Error),
    /// The file could not be created or written.
    #[error(
        "cannot write the download to {path:?}; check that the directory exists and is writable"
    )]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: std::io::Error,
    },
}

/// Why waiting for a task did not end in success. Every case carries the task's Celery id
/// ([`WaitError::task_id`]), so nothing is lost: the task can be looked up or waited for again.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WaitError {
    /// The task finished with an error.
    #[error("task {} failed: {message}", task.task_id())]
    Failed {
        /// The server's message (API v10 `error_message` or `reason`, API v9 `result`).
        message: String,
        /// The finished task.
        task: Box<TaskRecord>,
    },
    /// The upload was not consumed: the file duplicates an existing document (the server is
    /// configured to reject duplicates).
    #[error(
        "task {} did not consume the file: it is a duplicate of document {duplicate_of}",
        task.task_id()
    )]
    Duplicate {
        /// The existing document with the same content.
        duplicate_of: DocumentId,
        /// The finished task.
        task: Box<TaskRecord>,
    },
    /// The task was cancelled before it finished.
    #[error("task {} was revoked (cancelled) before it finished", task.task_id())]
    Revoked {
        /// The finished task.
        task: Box<TaskRecord>,
    },
    /// The task did not finish in time. It goes on running on the server; wait again with the
    /// same id, or raise the timeout.
    #[error(
        "task {task_id} did not finish within {waited:?} (last status: {}); it may still \
         finish: wait for it again with this id or raise the timeout",
        last_status.as_ref().map_or("not recorded yet", |s| s.as_str())
    )]
    TimedOut {
        /// The task waited for.
        task_id: TaskUuid,
        /// How long the wait lasted.
        waited: Duration,
        /// The state at the last poll; `None` when the server had no record of the task.
        last_status: Option<TaskStatus>,
    },
    /// The task succeeded but names no document (an upload whose task result has no
    /// `document_id`).
    #[error(
        "task {} succeeded but names no document; look at the task with tasks().by_uuid()",
        task.task_id()
    )]
    NoDocument {
        /// The finished task.
        task: Box<TaskRecord>,
    },
    /// Polling the task (or fetching its document) failed; the task itself may still finish.
    #[error(
        "could not follow task {task_id}; the task itself may still finish: wait again with this id"
    )]
    Request {
        /// The task waited for.
        task_id: TaskUuid,
        /// The request error.
        #[source]
        source: Error,
    },
}

impl WaitError {
    /// The Celery id of the task this error is about.
    #[must_use]
    pub fn task_id(&self) -> &TaskUuid {
        match self {
            Self::Failed { task, .. }
            | Self::Duplicate { task, .. }
            | Self::Revoked { task }
            | Self::NoDocument { task } => task.task_id(),
            Self::TimedOut { task_id, .. } | Self::Request { task_id, .. } => task_id,
        }
    }

    /// The finished task, when the task did finish.
    #[must_use]
    pub fn task(&self) -> Option<&TaskRecord> {
        match self {
            Self::Failed { task, .. }
            | Self::Duplicate { task, .. }
            | Self::Revoked { task }
            | Self::NoDocument { task } => Some(task),
            Self::TimedOut { .. } | Self::Request { .. } => None,
        }
    }
}

/// A file to upload could not be opened or its size read
/// ([`UploadFile::open`](crate::api::documents::UploadFile::open),
/// [`UploadFile::from_file`](crate::api::documents::UploadFile::from_file)); nothing was sent.
#[derive(Debug, thiserror::Error)]
#[error("cannot read the file to upload{}; check that it exists and is readable", match path {
    Some(path) => format!(" {path:?}"),
    None => String::new(),
})]
pub struct UploadFileError {
    path: Option<PathBuf>,
    #[source]
    source: std::io::Error,
}

impl UploadFileError {
    pub(crate) fn new(path: Option<PathBuf>, source: std::io::Error) -> Self {
        Self { path, source }
    }

    /// The file, when it was given by path.
    #[must_use]
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// What the operating system said.
    #[must_use]
    pub fn io_error(&self) -> &std::io::Error {
        &self.source
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
