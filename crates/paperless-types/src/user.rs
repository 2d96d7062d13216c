//! Users of the Paperless-ngx instance (administration; a user's own settings are in
//! [`crate::profile`]).
//!
//! Endpoints:
//! - `GET /api/users/` → [`Page`](crate::Page)`<`[`User`]`>` (filters `username__icontains`, ...)
//! - `GET /api/users/{id}/` → [`User`]
//! - `POST /api/users/` with [`NewUser`] → [`User`] (201)
//! - `PUT`/`PATCH /api/users/{id}/` with [`UserPatch`] → [`User`]
//! - `DELETE /api/users/{id}/` → 204, empty body
//! - `POST /api/users/{id}/deactivate_totp/` (no body) → `true`; 404 with the text body
//!   `TOTP not found` when the user has no TOTP authenticator
//!
//! Permissions are Django permission codenames such as `view_document` or `change_tag`
//! (`user_permissions`); [`User::inherited_permissions`] are qualified with their app, such as
//! `documents.view_document`.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::ids::{GroupId, UserId};
use crate::secret::Secret;

/// A user as the server returns it.
///
/// ```
/// use paperless_types::{GroupId, user::User};
///
/// let json = r#"{"id":3,"username":"alice","email":"alice@example.com","password":"**********",
///   "first_name":"Alice","last_name":"Miller","date_joined":"2026-11-26T20:31:34.677202+01:00",
///   "is_staff":false,"is_active":true,"is_superuser":false,"groups":[1],"user_permissions":[],
///   "inherited_permissions":["documents.view_document"],"is_mfa_enabled":false}"#;
/// let user: User = serde_json::from_str(json)?;
/// assert_eq!(user.groups, [GroupId(1)]);
/// assert!(user.password.as_ref().is_some_and(|p| p.is_masked()));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// Primary key.
    pub id: UserId,
    /// Login name (letters, digits and `@.+-_`, at most 150 characters).
    pub username: String,
    /// E-mail address; may be empty.
    #[serde(default)]
    pub email: String,
    /// Always a mask of `*` on read: the server never reveals passwords.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// Given name; may be empty.
    #[serde(default)]
    pub first_name: String,
    /// Family name; may be empty.
    #[serde(default)]
    pub last_name: String,
    /// When the account was created.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_joined: Option<DateTime<FixedOffset>>,
    /// Whether the user may log into the Django admin site.
    #[serde(default)]
    pub is_staff: bool,
    /// Whether the account is active; inactive users cannot log in.
    #[serde(default)]
    pub is_active: bool,
    /// Whether the user has every permission without it being granted.
    #[serde(default)]
    pub is_superuser: bool,
    /// The groups the user belongs to; the user gets every permission of each.
    #[serde(default)]
    pub groups: Vec<GroupId>,
    /// Permission codenames granted to the user directly (such as `view_document`).
    #[serde(default)]
    pub user_permissions: Vec<String>,
    /// Permissions the user gets through groups, qualified with their app (such as
    /// `documents.view_document`; read-only).
    #[serde(default)]
    pub inherited_permissions: Vec<String>,
    /// Whether the user has enabled multi-factor authentication (TOTP; read-only).
    #[serde(default)]
    pub is_mfa_enabled: bool,
}

/// The body of `POST /api/users/`: creates a user.
///
/// Only [`username`](Self::username) is required. Without a password the user cannot log in with
/// one (social login or a later password change still work).
///
/// ```
/// use paperless_types::{GroupId, user::NewUser};
///
/// let user = NewUser::new("bob").password("s3cret-pass").groups([GroupId(2)]);
/// assert_eq!(
///     serde_json::to_string(&user)?,
///     r#"{"username":"bob","password":"s3cret-pass","groups":[2]}"#
/// );
/// assert!(!format!("{user:?}").contains("s3cret-pass"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewUser {
    /// Login name (letters, digits and `@.+-_`, at most 150 characters); must be unique.
    pub username: String,
    /// The password; checked against the server's password validators.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Whether the account is active (server default: `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Whether the user may log into the Django admin site (only a superuser may set it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_staff: Option<bool>,
    /// Whether the user gets every permission (only a superuser may set it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_superuser: Option<bool>,
    /// Groups to add the user to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupId>>,
    /// Permission codenames to grant directly (such as `view_tag`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_permissions: Option<Vec<String>>,
}

impl NewUser {
    /// A user with this login name and server defaults for everything else.
    #[must_use]
    pub fn new(username: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            ..Self::default()
        }
    }
}

crate::setters::setters! { NewUser {
    opt password: Secret;
    opt email: String;
    opt first_name: String;
    opt last_name: String;
    opt is_active: bool;
    opt is_staff: bool;
    opt is_superuser: bool;
    list groups: GroupId;
    list user_permissions: String;
}}

/// The body of `PATCH /api/users/{id}/` (partial update) or `PUT` (replace).
///
/// Fields left `None` are not sent and keep their value. A [`password`](Self::password) that is
/// only `*` characters (the mask the server sends) leaves the password unchanged.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserPatch {
    /// New login name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// New password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// New e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// New given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// New family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Activates or deactivates the account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_active: Option<bool>,
    /// Grants or revokes admin site access (only a superuser may change it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_staff: Option<bool>,
    /// Grants or revokes superuser status (only a superuser may change it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_superuser: Option<bool>,
    /// Replaces the user's groups.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<GroupId>>,
    /// Replaces the directly granted permission codenames.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_permissions: Option<Vec<String>>,
}

impl UserPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { UserPatch {
    opt username: String;
    opt password: Secret;
    opt email: String;
    opt first_name: String;
    opt last_name: String;
    opt is_active: bool;
    opt is_staff: bool;
    opt is_superuser: bool;
    list groups: GroupId;
    list user_permissions: String;
}}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_user_renders_the_captured_create_body() {
        let user = NewUser::new("zz_scratch_user")
            .password("scratch-pass-123")
            .email("zz@example.com")
            .first_name("Zed")
            .last_name("Scratch")
            .is_active(true)
            .is_staff(false)
            .is_superuser(false)
            .groups([GroupId(2)])
            .user_permissions(["view_tag".to_owned()]);
        assert_eq!(
            serde_json::to_string(&user).unwrap(),
            r#"{"username":"zz_scratch_user","password":"scratch-pass-123","email":"zz@example.com","first_name":"Zed","last_name":"Scratch","is_active":true,"is_staff":false,"is_superuser":false,"groups":[2],"user_permissions":["view_tag"]}"#
        );
        assert!(!format!("{user:?}").contains("scratch-pass-123"));
    }

    #[test]
    fn patch_renders_the_captured_body() {
        let patch = UserPatch::new().first_name("Zelda").groups([]);
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            r#"{"first_name":"Zelda","groups":[]}"#
        );
    }
}
