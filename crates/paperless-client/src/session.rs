//! The browser session login of django-allauth's headless API, which `/ws/status/` needs (the
//! socket accepts a Django session cookie, never the API token):
//!
//! ```text
//! GET  /api/auth/headless/browser/v1/config              → Set-Cookie: csrftoken
//! POST /api/auth/headless/browser/v1/auth/login          (Cookie: csrftoken, X-CSRFToken,
//!      {"username", "password"})                          → 200, Set-Cookie: sessionid, csrftoken
//!                                                         → 401 flows (second factor pending)
//! POST /api/auth/headless/browser/v1/auth/2fa/authenticate {"code"} → 200 as the login
//! ```
//!
//! The session id and the CSRF token are secrets ([`Secret`]): never in `Debug`, logs or errors.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use bytes::Bytes;
use http::header::{
    ACCEPT, COOKIE, HeaderMap, HeaderName, HeaderValue, ORIGIN, REFERER, SET_COOKIE,
};
use http::{Method, StatusCode};
use paperless_types::allauth::{
    BROWSER_CONFIG_PATH, BROWSER_LOGIN_PATH, BROWSER_MFA_PATH, CSRF_COOKIE, HeadlessErrorBody,
    HeadlessFlows, HeadlessResponse, HeadlessSession, HeadlessUser, LoginRequest,
    MfaAuthenticateRequest, SESSION_COOKIE,
};
use paperless_types::secret::Secret;
use tower::ServiceExt;

use crate::client::Paperless;
use crate::error::{Error, Result};
use crate::operation::Operation;
use crate::request::ApiRequest;

const LOGIN: Operation = Operation::new("session", "login");

/// A logged-in browser session: what `/ws/status/` authenticates with. Its values are secrets:
/// `Debug` shows only the user.
#[derive(Clone)]
pub struct Session {
    session_id: Secret,
    csrf_token: Secret,
    user: HeadlessUser,
}

impl Session {
    /// A session from values obtained elsewhere (a browser's `sessionid` and `csrftoken`).
    #[must_use]
    pub fn new(session_id: impl Into<Secret>, csrf_token: impl Into<Secret>) -> Self {
        Self {
            session_id: session_id.into(),
            csrf_token: csrf_token.into(),
            user: HeadlessUser::default(),
        }
    }

    /// The logged-in user, as the login answered (empty for [`Session::new`]).
    #[must_use]
    pub fn user(&self) -> &HeadlessUser {
        &self.user
    }

    /// The `sessionid` cookie's value.
    #[must_use]
    pub fn session_id(&self) -> &Secret {
        &self.session_id
    }

    /// The `csrftoken` cookie's value (for `X-CSRFToken` on unsafe requests).
    #[must_use]
    pub fn csrf_token(&self) -> &Secret {
        &self.csrf_token
    }

    /// The `Cookie` header for requests in this session (marked sensitive).
    #[cfg_attr(not(feature = "events"), allow(dead_code))]
    pub(crate) fn cookie_header(&self) -> Option<HeaderValue> {
        let mut v = HeaderValue::from_str(&format!(
            "{SESSION_COOKIE}={}; {CSRF_COOKIE}={}",
            self.session_id.expose(),
            self.csrf_token.expose()
        ))
        .ok()?;
        v.set_sensitive(true);
        Some(v)
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("user", &self.user.username)
            .field("session_id", &self.session_id)
            .field("csrf_token", &self.csrf_token)
            .finish()
    }
}

/// Why a session login failed. Never holds a password, code, cookie or CSRF value.
#[derive(Debug, Clone, thiserror::Error)]
#[error("session login failed: {message}")]
pub struct SessionError {
    kind: SessionErrorKind,
    message: String,
}

/// What kind of [`SessionError`] it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SessionErrorKind {
    /// Wrong username or password (allauth's 400 `username_password_mismatch`).
    WrongCredentials,
    /// The account has a second factor: log in again with
    /// [`SessionLogin::mfa_code`].
    MfaRequired,
    /// The second-factor code was refused.
    MfaRejected,
    /// The server has no headless login API (404): an older Paperless-ngx, or a proxy that
    /// hides `/api/auth/`.
    HeadlessApiOff,
    /// The server refused the request's CSRF protection (403), or sent no CSRF cookie.
    Csrf,
    /// The login answered without a session cookie, or with something unexpected.
    Unexpected,
    /// The session is no longer valid (the websocket upgrade was refused).
    Expired,
    /// The client has no session: call [`Paperless::session_login`] first.
    NotLoggedIn,
}

impl SessionError {
    pub(crate) fn new(kind: SessionErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// What kind of failure it is.
    #[must_use]
    pub fn kind(&self) -> SessionErrorKind {
        self.kind
    }

    /// The explanation (the server's own message where it gave one).
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl From<SessionError> for Error {
    fn from(e: SessionError) -> Self {
        Error::Session(Box::new(e))
    }
}

impl Paperless {
    /// Logs in with a username and password through the allauth headless browser API and keeps
    /// the session in the client (shared by clones): `Paperless::events` (feature `events`)
    /// and uploads' [`wait`](crate::api::documents::UploadTask::wait) use it. Add
    /// [`SessionLogin::mfa_code`] for accounts with a second factor.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let session = client.session_login("admin", "secret").mfa_code("123456").await?;
    /// println!("logged in as {}", session.user().username);
    /// # Ok(()) }
    /// ```
    pub fn session_login(
        &self,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> SessionLogin {
        SessionLogin {
            client: self.clone(),
            login: LoginRequest::new(username, password),
            mfa_code: None,
        }
    }

    /// The session of the last [`Paperless::session_login`] (or [`Paperless::set_session`]).
    #[must_use]
    pub fn session(&self) -> Option<Session> {
        self.session_slot()
            .read()
            .ok()
            .and_then(|s| s.as_ref().cloned())
    }

    /// Uses a session obtained elsewhere; `None` forgets it.
    pub fn set_session(&self, session: Option<Session>) {
        if let Ok(mut slot) = self.session_slot().write() {
            *slot = session;
        }
    }

    /// One exchange of the login: any status, the headers and the body (at most 64 KiB).
    async fn exchange(
        &self,
        method: Method,
        path: &'static str,
        cookies: Option<String>,
        csrf: Option<&Secret>,
        body: Option<Bytes>,
    ) -> Result<(StatusCode, HeaderMap, Bytes)> {
        let mut request = ApiRequest::new(LOGIN, method, path)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .sensitive();
        // Django checks the origin of unsafe requests over HTTPS.
        let base = self.base_url();
        let origin = format!("{}://{}", base.scheme(), base.authority());
        if let Ok(v) = HeaderValue::from_str(&origin) {
            request = request.header(ORIGIN, v);
        }
        if let Ok(v) = HeaderValue::from_str(&format!("{origin}{}/", base.path_prefix())) {
            request = request.header(REFERER, v);
        }
        if let Some(cookies) = cookies
            && let Ok(mut v) = HeaderValue::from_str(&cookies)
        {
            v.set_sensitive(true);
            request = request.header(COOKIE, v);
        }
        if let Some(csrf) = csrf
            && let Ok(mut v) = HeaderValue::from_str(csrf.expose())
        {
            v.set_sensitive(true);
            request = request.header(HeaderName::from_static("x-csrftoken"), v);
        }
        if let Some(body) = body {
            request = request.body(
                paperless_transport::Body::from(body),
                HeaderValue::from_static("application/json"),
            );
        }
        let (ctx, request) = request.into_http(None, self.options().max_json_body)?;
        let response = self
            .service()
            .clone()
            .oneshot(request)
            .await
            .map_err(|e: paperless_transport::BoxError| ctx.transport(e))?;
        let (parts, body) = response.into_parts();
        let (bytes, _) = crate::response::read_prefix(body, 64 * 1024).await;
        Ok((parts.status, parts.headers, Bytes::from(bytes)))
    }
}

/// A cookie set by an answer.
fn set_cookie(headers: &HeaderMap, name: &str) -> Option<Secret> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .filter_map(|p| p.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| Secret::new(v.trim_matches('"')))
}

/// The first allauth error of a 400 answer: its message and code.
fn headless_error(body: &[u8]) -> (String, String) {
    serde_json::from_slice::<HeadlessErrorBody>(body)
        .ok()
        .and_then(|b| b.errors.into_iter().next())
        .map_or_else(
            || ("the server refused the login".to_owned(), String::new()),
            |e| (e.message, e.code),
        )
}

/// A session login from [`Paperless::session_login`]; await it.
#[must_use = "a login does nothing until it is awaited"]
pub struct SessionLogin {
    client: Paperless,
    login: LoginRequest,
    mfa_code: Option<Secret>,
}

impl fmt::Debug for SessionLogin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionLogin")
            .field("login", &self.login)
            .field("mfa_code", &self.mfa_code)
            .finish_non_exhaustive()
    }
}

impl SessionLogin {
    /// The second-factor code (TOTP or a recovery code), sent when the server asks for it.
    pub fn mfa_code(mut self, code: impl Into<Secret>) -> Self {
        self.mfa_code = Some(code.into());
        self
    }

    /// Logs in, keeps the session in the client and returns it.
    ///
    /// # Errors
    /// [`Error::Session`] with a [`SessionErrorKind`]: wrong credentials, a second factor
    /// needed or refused, no headless API, CSRF refused; transport errors.
    pub async fn send(self) -> Result<Session> {
        let client = &self.client;
        let (status, headers, _) = client
            .exchange(Method::GET, BROWSER_CONFIG_PATH, None, None, None)
            .await?;
        if status == StatusCode::NOT_FOUND {
            return Err(SessionError::new(
                SessionErrorKind::HeadlessApiOff,
                format!(
                    "GET {BROWSER_CONFIG_PATH} answered 404: the server has no headless login API \
                     (Paperless-ngx 2.x, or a proxy that hides /api/auth/); events need it"
                ),
            )
            .into());
        }
        if !status.is_success() {
            return Err(SessionError::new(
                SessionErrorKind::Unexpected,
                format!("GET {BROWSER_CONFIG_PATH} answered {status}"),
            )
            .into());
        }
        let Some(csrf) = set_cookie(&headers, CSRF_COOKIE) else {
            return Err(SessionError::new(
                SessionErrorKind::Csrf,
                "the login configuration set no csrftoken cookie",
            )
            .into());
        };
        let body = serde_json::to_vec(&self.login).map_err(|e| {
            crate::error::InvalidInput::with_source("the login could not be encoded", e)
        })?;
        let (status, headers, bytes) = client
            .exchange(
                Method::POST,
                BROWSER_LOGIN_PATH,
                Some(format!("{CSRF_COOKIE}={}", csrf.expose())),
                Some(&csrf),
                Some(Bytes::from(body)),
            )
            .await?;
        let (status, headers, bytes) = if status == StatusCode::UNAUTHORIZED {
            let flows = serde_json::from_slice::<HeadlessResponse<HeadlessFlows>>(&bytes).ok();
            if !flows.is_some_and(|f| f.data.is_mfa_pending()) {
                return Err(SessionError::new(
                    SessionErrorKind::Unexpected,
                    "the login answered 401 without a pending second factor",
                )
                .into());
            }
            let Some(code) = self.mfa_code.clone() else {
                return Err(SessionError::new(
                    SessionErrorKind::MfaRequired,
                    "the account has a second factor: log in with .mfa_code(..)",
                )
                .into());
            };
            let pending = set_cookie(&headers, SESSION_COOKIE);
            let csrf = set_cookie(&headers, CSRF_COOKIE).unwrap_or_else(|| csrf.clone());
            let mut cookies = format!("{CSRF_COOKIE}={}", csrf.expose());
            if let Some(p) = pending {
                cookies.push_str(&format!("; {SESSION_COOKIE}={}", p.expose()));
            }
            let body = serde_json::to_vec(&MfaAuthenticateRequest::new(code)).map_err(|e| {
                crate::error::InvalidInput::with_source("the code could not be encoded", e)
            })?;
            let (status, mut headers, bytes) = client
                .exchange(
                    Method::POST,
                    BROWSER_MFA_PATH,
                    Some(cookies),
                    Some(&csrf),
                    Some(Bytes::from(body)),
                )
                .await?;
            if status == StatusCode::BAD_REQUEST {
                let (message, _) = headless_error(&bytes);
                return Err(SessionError::new(SessionErrorKind::MfaRejected, message).into());
            }
            if set_cookie(&headers, CSRF_COOKIE).is_none()
                && let Ok(v) = HeaderValue::from_str(&format!("{CSRF_COOKIE}={}", csrf.expose()))
            {
                headers.append(SET_COOKIE, v);
            }
            (status, headers, bytes)
        } else {
            (status, headers, bytes)
        };
        match status {
            StatusCode::BAD_REQUEST => {
                let (message, code) = headless_error(&bytes);
                let kind = if code == "username_password_mismatch" || code.is_empty() {
                    SessionErrorKind::WrongCredentials
                } else {
                    SessionErrorKind::Unexpected
                };
                return Err(SessionError::new(kind, message).into());
            }
            StatusCode::FORBIDDEN => {
                return Err(SessionError::new(
                    SessionErrorKind::Csrf,
                    "the server refused the login's CSRF protection (403)",
                )
                .into());
            }
            StatusCode::NOT_FOUND => {
                return Err(SessionError::new(
                    SessionErrorKind::HeadlessApiOff,
                    format!("POST {BROWSER_LOGIN_PATH} answered 404"),
                )
                .into());
            }
            s if !s.is_success() => {
                return Err(SessionError::new(
                    SessionErrorKind::Unexpected,
                    format!("the login answered {s}"),
                )
                .into());
            }
            _ => {}
        }
        let Some(session_id) = set_cookie(&headers, SESSION_COOKIE) else {
            return Err(SessionError::new(
                SessionErrorKind::Unexpected,
                "the login answered 200 without a sessionid cookie",
            )
            .into());
        };
        let csrf_token = set_cookie(&headers, CSRF_COOKIE).unwrap_or(csrf);
        let user = serde_json::from_slice::<HeadlessResponse<HeadlessSession>>(&bytes)
            .map(|r| r.data.user)
            .unwrap_or_default();
        let session = Session {
            session_id,
            csrf_token,
            user,
        };
        client.set_session(Some(session.clone()));
        tracing::debug!(user = %session.user.username, "paperless session login");
        Ok(session)
    }
}

impl IntoFuture for SessionLogin {
    type Output = Result<Session>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}
