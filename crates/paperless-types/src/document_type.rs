//! Document types: the kind of a document (invoice, contract, letter, ...).
//!
//! Endpoints:
//! - `GET /api/document_types/` → [`Page`](crate::Page)`<`[`DocumentType`]`>` (filters such as
//!   `name__icontains`, `id__in`; `full_perms=true` swaps `user_can_change` for `permissions`)
//! - `GET /api/document_types/{id}/` → [`DocumentType`]
//! - `POST /api/document_types/` with [`NewDocumentType`] → [`DocumentType`] (201)
//! - `PUT`/`PATCH /api/document_types/{id}/` with [`DocumentTypePatch`] → [`DocumentType`]
//! - `DELETE /api/document_types/{id}/` → 204, empty body
//!
//! Bulk deletion and bulk permission changes go through
//! [`bulk_edit_objects`](crate::bulk_edit_objects).

use serde::{Deserialize, Serialize};

use crate::ids::{DocumentTypeId, UserId};
use crate::matching::MatchingAlgorithm;
use crate::patch::Patch;
use crate::permissions::Permissions;

/// A document type as the server returns it.
///
/// ```
/// use paperless_types::document_type::DocumentType;
///
/// let json = r#"{"id":1,"slug":"invoice","name":"Invoice","match":"invoice",
///   "matching_algorithm":1,"is_insensitive":true,"document_count":12,"owner":2,
///   "user_can_change":true}"#;
/// let t: DocumentType = serde_json::from_str(json)?;
/// assert_eq!(t.name, "Invoice");
/// assert_eq!(t.document_count, Some(12));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentType {
    /// Primary key.
    pub id: DocumentTypeId,
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
    /// Number of documents of this type that the requesting user may see; not sent
    /// in the response to a create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_count: Option<u64>,
    /// The owning user; `None` means the document type is unowned (visible to everyone).
    #[serde(default)]
    pub owner: Option<UserId>,
    /// Whether the requesting user may change the document type; sent unless `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_change: Option<bool>,
    /// Who may view and change the document type; sent only with `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
}

/// The body of `POST /api/document_types/`: creates a document type.
///
/// Only [`name`](Self::name) is required; fields left `None` are not sent and the server applies
/// its defaults ([`MatchingAlgorithm::Any`], case-insensitive, owned by the requesting user).
///
/// ```
/// use paperless_types::{document_type::NewDocumentType, matching::MatchingAlgorithm};
///
/// let c = NewDocumentType::new("Invoice").r#match("invoice").matching_algorithm(MatchingAlgorithm::Any);
/// assert_eq!(serde_json::to_string(&c)?, r#"{"name":"Invoice","match":"invoice","matching_algorithm":1}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewDocumentType {
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
    /// creates an unowned document type.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// View and change permissions to grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl NewDocumentType {
    /// A document type with this name and server defaults for everything else.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

crate::setters::setters! { NewDocumentType {
    opt r#match: String;
    opt matching_algorithm: MatchingAlgorithm;
    opt is_insensitive: bool;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

/// The body of `PATCH /api/document_types/{id}/` (partial update) or `PUT` (replace).
///
/// Fields left `None` / [`Patch::Unchanged`] are not sent and keep their value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentTypePatch {
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
    /// New owner, or [`Patch::Null`] to make the document type unowned.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// Replaces the view and change permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl DocumentTypePatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { DocumentTypePatch {
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
    fn new_document_type_renders_the_captured_create_body() {
        let c = NewDocumentType::new("ZZ scratch type")
            .r#match("")
            .matching_algorithm(MatchingAlgorithm::None);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"name":"ZZ scratch type","match":"","matching_algorithm":0}"#
        );
    }

    #[test]
    fn patch_renders_the_captured_body() {
        let p = DocumentTypePatch::new()
            .name("ZZ scratch type renamed")
            .set_permissions(Permissions::new(
                PermissionSet::new([UserId(3)], []),
                PermissionSet::new([], [GroupId(1)]),
            ));
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"name":"ZZ scratch type renamed","set_permissions":{"view":{"users":[3],"groups":[]},"change":{"users":[],"groups":[1]}}}"#
        );
    }
}
