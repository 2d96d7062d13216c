//! The django-allauth "headless" API the web UI uses for browser logins (not part of the
//! OpenAPI schema).
//!
//! Endpoints (`{client}` is `app` or `browser`; the browser flow is the one that gives a Django
//! session, which `/ws/status/` authenticates with):
//! - `GET /api/auth/headless/{client}/v1/config` → [`HeadlessResponse`]`<`[`HeadlessConfig`]`>`:
//!   which login methods, social providers and multi-factor methods the server offers (the
//!   browser variant also sets the `csrftoken` cookie);
//! - `POST /api/auth/headless/browser/v1/auth/login` with [`LoginRequest`] (and the CSRF pair:
//!   the `csrftoken` cookie and the same value in `X-CSRFToken`) → 200
//!   [`HeadlessResponse`]`<`[`HeadlessSession`]`>` and a `sessionid` cookie; 400
//!   [`HeadlessErrorBody`] for wrong credentials; 401 [`HeadlessResponse`]`<`[`HeadlessFlows`]`>`
//!   when a second factor is pending; 403 (an HTML page) without the CSRF pair;
//! - `POST /api/auth/headless/browser/v1/auth/2fa/authenticate` with [`MfaAuthenticateRequest`]
//!   → as the login.

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// The browser client's path below the installation root.
pub const BROWSER_PREFIX: &str = "/api/auth/headless/browser/v1";
/// `GET`: the configuration, and the `csrftoken` cookie.
pub const BROWSER_CONFIG_PATH: &str = "/api/auth/headless/browser/v1/config";
/// `POST`: log in with a username and password.
pub const BROWSER_LOGIN_PATH: &str = "/api/auth/headless/browser/v1/auth/login";
/// `POST`: the second factor of a pending login.
pub const BROWSER_MFA_PATH: &str = "/api/auth/headless/browser/v1/auth/2fa/authenticate";
/// The cookie the server sets for CSRF protection (and expects back with `X-CSRFToken`).
pub const CSRF_COOKIE: &str = "csrftoken";
/// The header that repeats the CSRF cookie's value.
pub const CSRF_HEADER: &str = "X-CSRFToken";
/// The Django session cookie.
pub const SESSION_COOKIE: &str = "sessionid";

/// The envelope of every allauth headless response: `{"status": 200, "data": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessResponse<T> {
    /// The HTTP status, repeated in the body.
    pub status: u16,
    /// The payload.
    pub data: T,
    /// Whether the request is authenticated now (login answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<HeadlessMeta>,
}

impl<T> HeadlessResponse<T> {
    /// An answer with its status and payload, without `meta`.
    #[must_use]
    pub fn new(status: u16, data: T) -> Self {
        Self {
            status,
            data,
            meta: None,
        }
    }

    /// Sets `meta`.
    #[must_use]
    pub fn meta(mut self, meta: HeadlessMeta) -> Self {
        self.meta = Some(meta);
        self
    }
}

/// The `meta` of a login answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessMeta {
    /// Whether the session is logged in.
    #[serde(default)]
    pub is_authenticated: bool,
}

impl HeadlessMeta {
    /// `meta` saying whether the session is logged in.
    #[must_use]
    pub fn new(is_authenticated: bool) -> Self {
        Self { is_authenticated }
    }
}

/// The body of `POST .../auth/login`.
///
/// ```
/// use paperless_types::allauth::LoginRequest;
///
/// let login = LoginRequest::new("admin", "hunter2");
/// assert!(!format!("{login:?}").contains("hunter2"));
/// assert_eq!(serde_json::to_string(&login)?, r#"{"username":"admin","password":"hunter2"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LoginRequest {
    /// The username.
    pub username: String,
    /// The password (redacted in `Debug`).
    pub password: Secret,
}

impl LoginRequest {
    /// A login with a username and password.
    #[must_use]
    pub fn new(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
        }
    }
}

/// The body of `POST .../auth/2fa/authenticate`: a TOTP or recovery code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MfaAuthenticateRequest {
    /// The code (redacted in `Debug`).
    pub code: Secret,
}

impl MfaAuthenticateRequest {
    /// A second-factor code.
    #[must_use]
    pub fn new(code: impl Into<Secret>) -> Self {
        Self { code: code.into() }
    }
}

/// The `data` of a successful login: who is logged in and how.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessSession {
    /// The user.
    pub user: HeadlessUser,
    /// How the session was authenticated, in order.
    #[serde(default)]
    pub methods: Vec<HeadlessAuthMethod>,
}

/// The user of a login answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessUser {
    /// The user id.
    pub id: crate::ids::UserId,
    /// The display name.
    #[serde(default)]
    pub display: String,
    /// The e-mail address, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the user has a password.
    #[serde(default)]
    pub has_usable_password: bool,
    /// The username.
    #[serde(default)]
    pub username: String,
}

/// One authentication step of a session.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessAuthMethod {
    /// `password`, `mfa`, `socialaccount`, `code` ...
    pub method: String,
    /// When (seconds since the epoch, fractional).
    #[serde(default)]
    pub at: f64,
    /// The username used, for `password`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The authenticator type, for `mfa` (`totp`, `recovery_codes`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#type: Option<String>,
}

/// The `data` of a 401 answer: the flows the server offers, one of them pending (for a login
/// that needs its second factor: `mfa_authenticate`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessFlows {
    /// The flows.
    #[serde(default)]
    pub flows: Vec<HeadlessFlow>,
}

impl HeadlessFlows {
    /// `true` when the pending flow is the second factor.
    #[must_use]
    pub fn is_mfa_pending(&self) -> bool {
        self.flows
            .iter()
            .any(|f| f.is_pending && f.id == "mfa_authenticate")
    }
}

/// One flow of a 401 answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessFlow {
    /// `login`, `mfa_authenticate`, `provider_redirect` ...
    pub id: String,
    /// Whether this flow waits for the client's next step.
    #[serde(default)]
    pub is_pending: bool,
}

impl HeadlessFlow {
    /// A flow.
    #[must_use]
    pub fn new(id: impl Into<String>, is_pending: bool) -> Self {
        Self {
            id: id.into(),
            is_pending,
        }
    }
}

/// An allauth error answer (`{"status": 400, "errors": [..]}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessErrorBody {
    /// The HTTP status, repeated in the body.
    pub status: u16,
    /// The errors.
    #[serde(default)]
    pub errors: Vec<HeadlessError>,
}

impl HeadlessErrorBody {
    /// An error answer with one error.
    #[must_use]
    pub fn new(status: u16, error: HeadlessError) -> Self {
        Self {
            status,
            errors: vec![error],
        }
    }
}

/// One error of an allauth error answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessError {
    /// A sentence for people.
    pub message: String,
    /// A stable code: `username_password_mismatch`, `incorrect_code`, `too_many_login_attempts` ...
    #[serde(default)]
    pub code: String,
    /// The input field it is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub param: Option<String>,
}

impl HeadlessError {
    /// An error.
    #[must_use]
    pub fn new(message: impl Into<String>, code: impl Into<String>, param: Option<&str>) -> Self {
        Self {
            message: message.into(),
            code: code.into(),
            param: param.map(str::to_owned),
        }
    }
}

/// The allauth configuration (`data` of `GET /api/auth/headless/app/v1/config`).
///
/// ```
/// use paperless_types::allauth::{HeadlessConfig, HeadlessResponse};
///
/// let json = r#"{"status":200,"data":{"account":{"login_methods":["username"],
///   "is_open_for_signup":false,"email_verification_by_code_enabled":false,
///   "login_by_code_enabled":false,"password_reset_by_code_enabled":false,
///   "authentication_method":"username"},"socialaccount":{"providers":[]},
///   "mfa":{"supported_types":["recovery_codes","totp"],"passkey_login_enabled":false}}}"#;
/// let config: HeadlessResponse<HeadlessConfig> = serde_json::from_str(json)?;
/// assert!(!config.data.account.is_open_for_signup);
/// assert_eq!(config.data.mfa.map(|m| m.supported_types.len()), Some(2));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessConfig {
    /// Local account settings.
    pub account: HeadlessAccountConfig,
    /// Social login settings; not sent when social logins are not installed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub socialaccount: Option<HeadlessSocialAccountConfig>,
    /// Multi-factor authentication settings; not sent when MFA is not installed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa: Option<HeadlessMfaConfig>,
}

/// Local account settings of the allauth configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessAccountConfig {
    /// How users identify when logging in: `username`, `email`, ...
    #[serde(default)]
    pub login_methods: Vec<String>,
    /// Whether anyone may sign up.
    #[serde(default)]
    pub is_open_for_signup: bool,
    /// Whether e-mail addresses are verified with a code rather than a link.
    #[serde(default)]
    pub email_verification_by_code_enabled: bool,
    /// Whether users can log in with a code sent by e-mail.
    #[serde(default)]
    pub login_by_code_enabled: bool,
    /// Whether password resets use a code rather than a link (newer allauth versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_reset_by_code_enabled: Option<bool>,
    /// The legacy single login method (older allauth versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authentication_method: Option<String>,
}

/// Social login settings of the allauth configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessSocialAccountConfig {
    /// The configured providers.
    #[serde(default)]
    pub providers: Vec<HeadlessProvider>,
}

/// One social login provider in the allauth configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessProvider {
    /// The provider id, such as `openid_connect` or `google`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The supported flows, such as `provider_redirect` and `provider_token`.
    #[serde(default)]
    pub flows: Vec<String>,
    /// The OAuth client id, when the provider supports the token flow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The OpenID Connect discovery URL, for OpenID Connect providers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub openid_configuration_url: Option<String>,
}

/// Multi-factor authentication settings of the allauth configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessMfaConfig {
    /// The supported authenticator types, such as `totp`, `recovery_codes`, `webauthn`.
    #[serde(default)]
    pub supported_types: Vec<String>,
    /// Whether passkeys can be used to log in.
    #[serde(default)]
    pub passkey_login_enabled: bool,
}
