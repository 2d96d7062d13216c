//! Obtaining an API token with a username and password.
//!
//! Endpoint: `POST /api/token/` with [`TokenRequest`] (JSON or form-encoded) → [`TokenResponse`];
//! 400 `{"non_field_errors": ["Unable to log in with provided credentials."]}` on bad
//! credentials, or `MFA code is required` / `Invalid MFA code` when TOTP is enabled.
//! The token returned is the user's existing one (created on first use); send it as
//! `Authorization: Token <token>`. To rotate it, see [`crate::profile`].

use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// The body of `POST /api/token/`.
///
/// ```
/// use paperless_types::auth::TokenRequest;
///
/// let request = TokenRequest::new("admin", "correct horse").code("123456");
/// assert_eq!(
///     serde_json::to_string(&request)?,
///     r#"{"username":"admin","password":"correct horse","code":"123456"}"#
/// );
/// assert!(!format!("{request:?}").contains("correct horse"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TokenRequest {
    /// Login name.
    pub username: String,
    /// Password.
    pub password: Secret,
    /// The current TOTP code; required when the user enabled two-factor authentication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<Secret>,
}

impl TokenRequest {
    /// A request with these credentials and no TOTP code.
    #[must_use]
    pub fn new(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            code: None,
        }
    }
}

crate::setters::setters! { TokenRequest {
    opt code: Secret;
}}

/// The response of `POST /api/token/`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TokenResponse {
    /// The user's API token.
    pub token: Secret,
}
