//! Correspondents: the people and organisations documents come from or go to.
//!
//! Endpoints:
//! - `GET /api/correspondents/` → [`Page`](crate::Page)`<`[`Correspondent`]`>` (filters such as
//!   `name__icontains`, `id__in`; `full_perms=true` swaps `user_can_change` for `permissions`)
//! - `GET /api/correspondents/{id}/` → [`Correspondent`] (with `last_correspondence`)
//! - `POST /api/correspondents/` with [`NewCorrespondent`] → [`Correspondent`] (201)
//! - `PUT`/`PATCH /api/correspondents/{id}/` with [`CorrespondentPatch`] → [`Correspondent`]
//! - `DELETE /api/correspondents/{id}/` → 204, empty body
//!
//! Bulk deletion and bulk permission changes go through
//! [`bulk_edit_objects`](crate::bulk_edit_objects).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{CorrespondentId, UserId};
use crate::matching::MatchingAlgorithm;
use crate::patch::Patch;
use crate::permissions::Permissions;

/// A correspondent as the server returns it.
///
/// ```
/// use paperless_types::correspondent::Correspondent;
///
/// let json = r#"{"id":3,"slug":"telekom-mobile","name":"Telekom Mobile","match":"",
///   "matching_algorithm":6,"is_insensitive":true,"document_count":5,
///   "last_correspondence":"2025-04-05","owner":2,"user_can_change":true}"#;
/// let c: Correspondent = serde_json::from_str(json)?;
/// assert_eq!(c.last_correspondence.map(|d| d.to_string()).as_deref(), Some("2025-04-05"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Correspondent {
    /// Primary key.
    pub id: CorrespondentId,
    /// URL-friendly form of the name, derived by the server (read-only).
    pub slug: String,
    /// Display name; unique per owner.
    pub name: String,
    /// The text matched against new documents, interpreted by
    /// [`matching_algorithm`](Self::matching_algorithm).
    pub r#match: String,
    /// How [`match`](Self::match) is applied to new documents.
    pub matching_algorithm: MatchingAlgorithm,
    /// Whether matching ignores case.
    pub is_insensitive: bool,
    /// Number of documents from this correspondent that the requesting user may see; not sent
    /// in the response to a create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_count: Option<u64>,
    /// Date of the newest document from this correspondent. Sent only by the single-object
    /// endpoints (`GET`/`PUT`/`PATCH /api/correspondents/{id}/`), `null` when there is none.
    #[serde(default)]
    pub last_correspondence: Option<NaiveDate>,
    /// The owning user; `None` means the correspondent is unowned (visible to everyone).
    #[serde(default)]
    pub owner: Option<UserId>,
    /// Whether the requesting user may change the correspondent; sent unless `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_change: Option<bool>,
    /// Who may view and change the correspondent; sent only with `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
}

/// The body of `POST /api/correspondents/`: creates a correspondent.
///
/// Only [`name`](Self::name) is required; fields left `None` are not sent and the server applies
/// its defaults ([`MatchingAlgorithm::Any`], case-insensitive, owned by the requesting user).
///
/// ```
/// use paperless_types::{correspondent::NewCorrespondent, matching::MatchingAlgorithm};
///
/// let c = NewCorrespondent::new("ACME").r#match("acme").matching_algorithm(MatchingAlgorithm::Any);
/// assert_eq!(serde_json::to_string(&c)?, r#"{"name":"ACME","match":"acme","matching_algorithm":1}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewCorrespondent {
    /// Display name; must be unique for the owner.
    pub name: String,
    /// The text matched against new documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#match: Option<String>,
    /// How `match` is applied to new documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matching_algorithm: Option<MatchingAlgorithm>,
    /// Whether matching ignores case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_insensitive: Option<bool>,
    /// The owner: [`Patch::Unchanged`] makes the requesting user the owner, [`Patch::Null`]
    /// creates an unowned correspondent.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// View and change permissions to grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl NewCorrespondent {
    /// A correspondent with this name and server defaults for everything else.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

crate::setters::setters! { NewCorrespondent {
    opt r#match: String;
    opt matching_algorithm: MatchingAlgorithm;
    opt is_insensitive: bool;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

/// The body of `PATCH /api/correspondents/{id}/` (partial update) or `PUT` (replace).
///
/// Fields left `None` / [`Patch::Unchanged`] are not sent and keep their value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CorrespondentPatch {
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New match text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#match: Option<String>,
    /// New matching algorithm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matching_algorithm: Option<MatchingAlgorithm>,
    /// Whether matching ignores case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_insensitive: Option<bool>,
    /// New owner, or [`Patch::Null`] to make the correspondent unowned.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// Replaces the view and change permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl CorrespondentPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { CorrespondentPatch {
    opt name: String;
    opt r#match: String;
    opt matching_algorithm: MatchingAlgorithm;
    opt is_insensitive: bool;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PermissionSet;
    use crate::ids::GroupId;

    #[test]
    fn new_correspondent_renders_the_captured_create_body() {
        let c = NewCorrespondent::new("ZZ scratch correspondent")
            .r#match("scratch")
            .matching_algorithm(MatchingAlgorithm::Any);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"name":"ZZ scratch correspondent","match":"scratch","matching_algorithm":1}"#
        );
    }

    #[test]
    fn patch_renders_the_captured_body() {
        let p = CorrespondentPatch::new()
            .name("ZZ scratch correspondent renamed")
            .set_permissions(Permissions::new(
                PermissionSet::new([UserId(3)], []),
                PermissionSet::new([], [GroupId(1)]),
            ));
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"name":"ZZ scratch correspondent renamed","set_permissions":{"view":{"users":[3],"groups":[]},"change":{"users":[],"groups":[1]}}}"#
        );
    }

    #[test]
    fn last_correspondence_is_a_date() {
        let c: Correspondent = serde_json::from_str(
            r#"{"id":7,"slug":"b","name":"B","match":"","matching_algorithm":0,"is_insensitive":true,"last_correspondence":"2025-03-31","owner":null}"#,
        )
        .unwrap();
        assert_eq!(c.last_correspondence, NaiveDate::from_ymd_opt(2025, 3, 31));
        assert_eq!(c.owner, None);
    }
}
