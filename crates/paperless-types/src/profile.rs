//! The requesting user's own profile: name, e-mail, password, API token, two-factor
//! authentication (TOTP) and connected social logins.
//!
//! Endpoints:
//! - `GET /api/profile/` → [`Profile`]
//! - `PATCH /api/profile/` with [`ProfilePatch`] → [`Profile`]
//! - `POST /api/profile/generate_auth_token/` (no body) → the new API token as a JSON string
//!   (decode it as [`Secret`]); the previous token stops working
//! - `GET /api/profile/totp/` → [`TotpSetup`]: a fresh TOTP secret (nothing is stored yet)
//! - `POST /api/profile/totp/` with [`TotpActivate`] → [`TotpActivation`]
//! - `DELETE /api/profile/totp/` → `true`; 404 with the text body `TOTP not found` when TOTP is
//!   not enabled
//! - `GET /api/profile/social_account_providers/` → `Vec<`[`SocialAccountProvider`]`>`
//! - `POST /api/profile/disconnect_social_account/` with [`DisconnectSocialAccount`] → the id of
//!   the removed account; 400 with the text body `Social account not found`

use serde::{Deserialize, Serialize};

use crate::ids::SocialAccountId;
use crate::secret::Secret;

/// The requesting user's profile as the server returns it.
///
/// ```
/// use paperless_types::profile::Profile;
///
/// let json = r#"{"email":"admin@example.com","password":"**********","first_name":"Ada",
///   "last_name":"Admin","auth_token":"7ca632c59f81e0760ba536d4024bbd6deed2f25d",
///   "social_accounts":[],"has_usable_password":true,"is_mfa_enabled":false}"#;
/// let profile: Profile = serde_json::from_str(json)?;
/// assert_eq!(profile.first_name, "Ada");
/// // Tokens never show up in Debug output.
/// assert!(!format!("{profile:?}").contains("7ca632c5"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Profile {
    /// E-mail address; may be empty.
    #[serde(default)]
    pub email: String,
    /// Always a mask of `*` on read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// Given name; may be empty.
    #[serde(default)]
    pub first_name: String,
    /// Family name; may be empty.
    #[serde(default)]
    pub last_name: String,
    /// The user's API token (sent as `Authorization: Token <token>`); `None` when the user has
    /// none yet.
    #[serde(default)]
    pub auth_token: Option<Secret>,
    /// Social (OAuth / OpenID) logins connected to the account.
    #[serde(default)]
    pub social_accounts: Vec<SocialAccount>,
    /// Whether the user can log in with a password (false for social-login-only accounts).
    #[serde(default)]
    pub has_usable_password: bool,
    /// Whether TOTP two-factor authentication is enabled.
    #[serde(default)]
    pub is_mfa_enabled: bool,
}

/// A social login connected to the user's account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SocialAccount {
    /// Primary key, used by `POST /api/profile/disconnect_social_account/`.
    pub id: SocialAccountId,
    /// The provider id, such as `openid_connect` or `google`.
    pub provider: String,
    /// The account's display name at the provider (`Unknown App` when the provider is gone).
    pub name: String,
}

/// A social login provider the user can connect (`/api/profile/social_account_providers/`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SocialAccountProvider {
    /// Display name of the provider.
    pub name: String,
    /// The server-relative URL that starts connecting an account with this provider.
    pub login_url: String,
}

/// The body of `PATCH /api/profile/`. Fields left `None` are not sent and keep their value.
///
/// ```
/// use paperless_types::profile::ProfilePatch;
///
/// let patch = ProfilePatch::new().first_name("Ada").last_name("Admin");
/// assert_eq!(serde_json::to_string(&patch)?, r#"{"first_name":"Ada","last_name":"Admin"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProfilePatch {
    /// New e-mail address (may be empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New password; checked against the server's password validators. A value of only `*`
    /// keeps the current password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// New given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// New family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
}

impl ProfilePatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { ProfilePatch {
    opt email: String;
    opt password: Secret;
    opt first_name: String;
    opt last_name: String;
}}

/// A fresh TOTP secret from `GET /api/profile/totp/`, to show to the user (as a QR code or
/// text) before activating it with [`TotpActivate`]. Nothing is stored until then.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TotpSetup {
    /// The `otpauth://totp/...` URL for authenticator apps; it contains the secret.
    pub url: Secret,
    /// The URL as a QR code, an SVG document.
    pub qr_svg: String,
    /// The secret in base32, for manual entry.
    pub secret: Secret,
}

/// The body of `POST /api/profile/totp/`: activates TOTP with a secret from [`TotpSetup`] and a
/// code the authenticator app shows for it.
///
/// ```
/// use paperless_types::profile::TotpActivate;
///
/// let body = TotpActivate::new("SBR2TNFNKEEVBQHB", "123456");
/// assert_eq!(serde_json::to_string(&body)?, r#"{"secret":"SBR2TNFNKEEVBQHB","code":"123456"}"#);
/// assert_eq!(format!("{body:?}"), "TotpActivate { secret: Secret(<redacted>), code: Secret(<redacted>) }");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TotpActivate {
    /// The secret from [`TotpSetup::secret`].
    pub secret: Secret,
    /// The current six-digit code for that secret.
    pub code: Secret,
}

impl TotpActivate {
    /// Activates `secret`, proven by `code`.
    #[must_use]
    pub fn new(secret: impl Into<Secret>, code: impl Into<Secret>) -> Self {
        Self {
            secret: secret.into(),
            code: code.into(),
        }
    }
}

/// The response of `POST /api/profile/totp/`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TotpActivation {
    /// Whether the code was valid and TOTP is now enabled (a wrong code still answers 200).
    pub success: bool,
    /// On success, single-use recovery codes to show to the user once; `None` otherwise.
    #[serde(default)]
    pub recovery_codes: Option<Vec<Secret>>,
}

/// The body of `POST /api/profile/disconnect_social_account/`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DisconnectSocialAccount {
    /// The social account to disconnect ([`SocialAccount::id`]).
    pub id: SocialAccountId,
}

impl DisconnectSocialAccount {
    /// Disconnects this account.
    #[must_use]
    pub fn new(id: SocialAccountId) -> Self {
        Self { id }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totp_bodies() {
        let body = TotpActivate::new("ABCDEFGHIJKLMNOP", "000000");
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"secret":"ABCDEFGHIJKLMNOP","code":"000000"}"#
        );
        let failed: TotpActivation =
            serde_json::from_str(r#"{"success":false,"recovery_codes":null}"#).unwrap();
        assert!(!failed.success);
        assert_eq!(failed.recovery_codes, None);
        let ok: TotpActivation =
            serde_json::from_str(r#"{"success":true,"recovery_codes":["a1b2","c3d4"]}"#).unwrap();
        assert_eq!(ok.recovery_codes.as_deref().map(<[Secret]>::len), Some(2));
        assert!(!format!("{ok:?}").contains("a1b2"));
    }

    #[test]
    fn setup_secrets_are_redacted() {
        let setup: TotpSetup = serde_json::from_str(
            r#"{"url":"otpauth://totp/a?secret=SBR2TNFN","qr_svg":"<svg/>","secret":"SBR2TNFN"}"#,
        )
        .unwrap();
        assert!(!format!("{setup:?}").contains("SBR2TNFN"));
        assert_eq!(setup.secret.expose(), "SBR2TNFN");
    }

    #[test]
    fn disconnect_body() {
        assert_eq!(
            serde_json::to_string(&DisconnectSocialAccount::new(SocialAccountId(9999))).unwrap(),
            r#"{"id":9999}"#
        );
    }
}
