//! Mail accounts: IMAP mailboxes (or Gmail / Outlook OAuth accounts) that Paperless-ngx fetches
//! documents from, according to [mail rules](crate::mail_rule).
//!
//! Endpoints:
//! - `GET /api/mail_accounts/` → [`Page`](crate::Page)`<`[`MailAccount`]`>`
//! - `GET /api/mail_accounts/{id}/` → [`MailAccount`]
//! - `POST /api/mail_accounts/` with [`NewMailAccount`] → [`MailAccount`] (201)
//! - `PUT`/`PATCH /api/mail_accounts/{id}/` with [`MailAccountPatch`] → [`MailAccount`]
//! - `DELETE /api/mail_accounts/{id}/` → 204, empty body
//! - `POST /api/mail_accounts/test/` with [`MailAccountTest`] →
//!   [`SuccessResponse`](crate::outcome::SuccessResponse) when the login works; 400 with the text
//!   body `Unable to connect to server` when it does not
//! - `POST /api/mail_accounts/{id}/process/` (no body) → [`ActionResult`](crate::outcome::ActionResult):
//!   queues a mail fetch for this account
//! - `GET /api/oauth/callback/?code=...&state=...`: the browser redirect target of the Gmail and
//!   Outlook OAuth flows (the authorization URLs are in the UI settings as `gmail_oauth_url` /
//!   `outlook_oauth_url`); it creates the account and redirects to the web UI, or answers 400
//!   with the text body `Invalid request, see logs for more detail`
//!
//! The server never returns a stored password: [`MailAccount::password`] is a mask of `*`, and
//! sending that mask back in an update keeps the stored password.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::ids::{MailAccountId, UserId};
use crate::patch::Patch;
use crate::permissions::Permissions;
use crate::secret::Secret;

crate::open_enum::int_enum! {
    /// The connection security of a mail account (`imap_security`).
    pub enum ImapSecurity {
        /// `1`: no encryption (usually port 143).
        None => 1,
        /// `2`: implicit TLS (usually port 993).
        Ssl => 2,
        /// `3`: STARTTLS on the plain port.
        Starttls => 3,
    }
}

crate::open_enum::int_enum! {
    /// The kind of a mail account (`account_type`).
    pub enum MailAccountType {
        /// `1`: IMAP with a username and password.
        Imap => 1,
        /// `2`: Gmail through OAuth (the password holds the access token).
        GmailOauth => 2,
        /// `3`: Outlook through OAuth (the password holds the access token).
        OutlookOauth => 3,
    }
}

impl Default for ImapSecurity {
    /// [`ImapSecurity::Ssl`], the server's default.
    fn default() -> Self {
        Self::Ssl
    }
}

impl Default for MailAccountType {
    /// [`MailAccountType::Imap`], the server's default.
    fn default() -> Self {
        Self::Imap
    }
}

/// A mail account as the server returns it.
///
/// ```
/// use paperless_types::mail_account::{ImapSecurity, MailAccount, MailAccountType};
///
/// let json = r#"{"id":1,"name":"Personal IMAP","imap_server":"imap.example.com","imap_port":993,
///   "imap_security":2,"username":"alice@example.com","password":"*******************",
///   "character_set":"UTF-8","is_token":false,"owner":2,"user_can_change":true,
///   "account_type":1,"expiration":null}"#;
/// let account: MailAccount = serde_json::from_str(json)?;
/// assert_eq!(account.imap_security, ImapSecurity::Ssl);
/// assert_eq!(account.account_type, MailAccountType::Imap);
/// assert!(account.password.is_masked());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MailAccount {
    /// Primary key.
    pub id: MailAccountId,
    /// Display name; unique.
    pub name: String,
    /// Host name of the IMAP server.
    pub imap_server: String,
    /// Port of the IMAP server (usually 143, or 993 with SSL); `None` for the default.
    #[serde(default)]
    pub imap_port: Option<u16>,
    /// Connection security.
    pub imap_security: ImapSecurity,
    /// Login name.
    pub username: String,
    /// Always a mask of `*` on read.
    pub password: Secret,
    /// Character set used with the server, such as `UTF-8` or `US-ASCII`.
    pub character_set: String,
    /// Whether [`password`](Self::password) is an OAuth access token rather than a password.
    #[serde(default)]
    pub is_token: bool,
    /// The owning user; `None` means the account is unowned.
    #[serde(default)]
    pub owner: Option<UserId>,
    /// Whether the requesting user may change the account; sent unless `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_change: Option<bool>,
    /// Who may view and change the account; sent only with `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// The kind of account.
    #[serde(default)]
    pub account_type: MailAccountType,
    /// When the OAuth refresh token expires; `None` for password accounts.
    #[serde(default)]
    pub expiration: Option<DateTime<FixedOffset>>,
}

/// The body of `POST /api/mail_accounts/`: creates a mail account.
///
/// ```
/// use paperless_types::mail_account::{ImapSecurity, NewMailAccount};
///
/// let account = NewMailAccount::new("Work", "imap.example.com", "me@example.com", "app-password")
///     .imap_port(993u16)
///     .imap_security(ImapSecurity::Ssl);
/// assert_eq!(
///     serde_json::to_string(&account)?,
///     r#"{"name":"Work","imap_server":"imap.example.com","imap_port":993,"imap_security":2,"username":"me@example.com","password":"app-password"}"#
/// );
/// assert!(!format!("{account:?}").contains("app-password"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewMailAccount {
    /// Display name; must be unique.
    pub name: String,
    /// Host name of the IMAP server.
    pub imap_server: String,
    /// Port of the IMAP server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imap_port: Option<u16>,
    /// Connection security (server default: [`ImapSecurity::Ssl`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imap_security: Option<ImapSecurity>,
    /// Login name.
    pub username: String,
    /// Password (or OAuth access token with [`is_token`](Self::is_token)).
    pub password: Secret,
    /// Character set used with the server (server default: `UTF-8`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub character_set: Option<String>,
    /// Whether the password is an OAuth access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_token: Option<bool>,
    /// The kind of account (server default: [`MailAccountType::Imap`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<MailAccountType>,
    /// The owner: [`Patch::Unchanged`] makes the requesting user the owner, [`Patch::Null`]
    /// creates an unowned account.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// View and change permissions to grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl NewMailAccount {
    /// An account with these required fields and server defaults for everything else.
    #[must_use]
    pub fn new(
        name: impl Into<String>,
        imap_server: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        Self {
            name: name.into(),
            imap_server: imap_server.into(),
            username: username.into(),
            password: password.into(),
            ..Self::default()
        }
    }
}

crate::setters::setters! { NewMailAccount {
    opt imap_port: u16;
    opt imap_security: ImapSecurity;
    opt character_set: String;
    opt is_token: bool;
    opt account_type: MailAccountType;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

/// The body of `PATCH /api/mail_accounts/{id}/` (partial update) or `PUT` (replace).
///
/// Fields left `None` / [`Patch::Unchanged`] are not sent and keep their value; a password that
/// is only `*` characters keeps the stored one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MailAccountPatch {
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New IMAP server host name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imap_server: Option<String>,
    /// New port, or [`Patch::Null`] for the default.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub imap_port: Patch<u16>,
    /// New connection security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imap_security: Option<ImapSecurity>,
    /// New login name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// New password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// New character set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub character_set: Option<String>,
    /// Whether the password is an OAuth access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_token: Option<bool>,
    /// New kind of account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<MailAccountType>,
    /// New owner, or [`Patch::Null`] to make the account unowned.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// Replaces the view and change permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl MailAccountPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { MailAccountPatch {
    opt name: String;
    opt imap_server: String;
    patch imap_port: u16;
    opt imap_security: ImapSecurity;
    opt username: String;
    opt password: Secret;
    opt character_set: String;
    opt is_token: bool;
    opt account_type: MailAccountType;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

/// The body of `POST /api/mail_accounts/test/`: tries to log into a mailbox without saving
/// anything.
///
/// To test a stored account without retyping its password, set [`id`](Self::id) and send the
/// `*` mask the server returned as the password.
///
/// ```
/// use paperless_types::{MailAccountId, mail_account::MailAccountTest};
///
/// let test = MailAccountTest::new("imap.example.com", "me@example.com", "**********")
///     .id(MailAccountId(1));
/// assert_eq!(
///     serde_json::to_string(&test)?,
///     r#"{"id":1,"imap_server":"imap.example.com","username":"me@example.com","password":"**********"}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MailAccountTest {
    /// The stored account being tested; required to reuse its stored password or token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<MailAccountId>,
    /// A name; ignored by the server, which substitutes its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Host name of the IMAP server.
    pub imap_server: String,
    /// Port of the IMAP server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imap_port: Option<u16>,
    /// Connection security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imap_security: Option<ImapSecurity>,
    /// Login name.
    pub username: String,
    /// Password, OAuth token, or the `*` mask to use the stored one of account [`id`](Self::id).
    pub password: Secret,
    /// Character set used with the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub character_set: Option<String>,
    /// Whether the password is an OAuth access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_token: Option<bool>,
}

impl MailAccountTest {
    /// A test of these credentials.
    #[must_use]
    pub fn new(
        imap_server: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        Self {
            imap_server: imap_server.into(),
            username: username.into(),
            password: password.into(),
            ..Self::default()
        }
    }
}

crate::setters::setters! { MailAccountTest {
    opt id: MailAccountId;
    opt name: String;
    opt imap_port: u16;
    opt imap_security: ImapSecurity;
    opt character_set: String;
    opt is_token: bool;
}}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_account_renders_the_captured_create_body() {
        let account = NewMailAccount::new("ZZ scratch mail", "127.0.0.1", "zz", "zz-pass")
            .imap_port(10143u16)
            .imap_security(ImapSecurity::None)
            .character_set("UTF-8");
        assert_eq!(
            serde_json::to_string(&account).unwrap(),
            r#"{"name":"ZZ scratch mail","imap_server":"127.0.0.1","imap_port":10143,"imap_security":1,"username":"zz","password":"zz-pass","character_set":"UTF-8"}"#
        );
        assert!(!format!("{account:?}").contains("zz-pass"));
    }

    #[test]
    fn patch_and_test_bodies() {
        assert_eq!(
            serde_json::to_string(&MailAccountPatch::new().imap_port(Some(10144))).unwrap(),
            r#"{"imap_port":10144}"#
        );
        let test = MailAccountTest::new("127.0.0.1", "zz", "zz-pass")
            .name("t")
            .imap_port(10143u16)
            .imap_security(ImapSecurity::None);
        assert_eq!(
            serde_json::to_string(&test).unwrap(),
            r#"{"name":"t","imap_server":"127.0.0.1","imap_port":10143,"imap_security":1,"username":"zz","password":"zz-pass"}"#
        );
    }
}
