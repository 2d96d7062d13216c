//! The django-allauth "headless" API the web UI uses for browser logins (not part of the
//! OpenAPI schema).
//!
//! Endpoint: `GET /api/auth/headless/app/v1/config` →
//! [`HeadlessResponse`]`<`[`HeadlessConfig`]`>`: which login methods, social providers and
//! multi-factor methods the server offers.

use serde::{Deserialize, Serialize};

/// The envelope of every allauth headless response: `{"status": 200, "data": ...}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HeadlessResponse<T> {
    /// The HTTP status, repeated in the body.
    pub status: u16,
    /// The payload.
    pub data: T,
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
