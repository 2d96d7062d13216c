//! Storage paths: templates that decide where a document's files are stored on the server.
//!
//! Endpoints:
//! - `GET /api/storage_paths/` → [`Page`](crate::Page)`<`[`StoragePath`]`>` (filters such as
//!   `name__icontains`, `id__in`; `full_perms=true` swaps `user_can_change` for `permissions`)
//! - `GET /api/storage_paths/{id}/` → [`StoragePath`]
//! - `POST /api/storage_paths/` with [`NewStoragePath`] → [`StoragePath`] (201)
//! - `PUT`/`PATCH /api/storage_paths/{id}/` with [`StoragePathPatch`] → [`StoragePath`]
//! - `DELETE /api/storage_paths/{id}/` → 204, empty body
//! - `POST /api/storage_paths/test/` with [`StoragePathTest`] → `Option<String>`: the path the
//!   template renders for one document (without the media root), or `null` when the template
//!   cannot be rendered
//!
//! Bulk deletion and bulk permission changes go through
//! [`bulk_edit_objects`](crate::bulk_edit_objects).

use serde::{Deserialize, Serialize};

use crate::ids::{DocumentId, StoragePathId, UserId};
use crate::matching::MatchingAlgorithm;
use crate::patch::Patch;
use crate::permissions::Permissions;

/// A storage path as the server returns it.
///
/// ```
/// use paperless_types::storage_path::StoragePath;
///
/// let json = r#"{"id":2,"slug":"taxes","name":"Taxes","path":"taxes/{{ created_year }}/{{ title }}",
///   "match":"","matching_algorithm":0,"is_insensitive":true,"document_count":3,"owner":2,
///   "user_can_change":true}"#;
/// let p: StoragePath = serde_json::from_str(json)?;
/// assert_eq!(p.path, "taxes/{{ created_year }}/{{ title }}");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StoragePath {
    /// Primary key.
    pub id: StoragePathId,
    /// URL-friendly form of the name, derived by the server (read-only).
    pub slug: String,
    /// Display name; unique per owner.
    pub name: String,
    /// The path template (Jinja2 syntax, e.g. `{{ correspondent }}/{{ created_year }}/{{ title }}`),
    /// relative to the media root, without file extension; see
    /// <https://docs.paperless-ngx.com/advanced_usage/#file-name-handling>.
    pub path: String,
    /// The text matched against new documents, interpreted by
    /// [`matching_algorithm`](Self::matching_algorithm).
    pub r#match: String,
    /// How [`match`](Self::match) is applied to new documents.
    pub matching_algorithm: MatchingAlgorithm,
    /// Whether matching ignores case.
    pub is_insensitive: bool,
    /// Number of documents stored under this path that the requesting user may see; not sent
    /// in the response to a create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_count: Option<u64>,
    /// The owning user; `None` means the storage path is unowned (visible to everyone).
    #[serde(default)]
    pub owner: Option<UserId>,
    /// Whether the requesting user may change the storage path; sent unless `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_change: Option<bool>,
    /// Who may view and change the storage path; sent only with `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
}

/// The body of `POST /api/storage_paths/`: creates a storage path.
///
/// [`name`](Self::name) and [`path`](Self::path) are required; fields left `None` are not sent and the server applies
/// its defaults ([`MatchingAlgorithm::Any`], case-insensitive, owned by the requesting user).
///
/// ```
/// use paperless_types::{storage_path::NewStoragePath, matching::MatchingAlgorithm};
///
/// let p = NewStoragePath::new("Taxes", "taxes/{{ created_year }}/{{ title }}")
///     .matching_algorithm(MatchingAlgorithm::None);
/// assert_eq!(
///     serde_json::to_string(&p)?,
///     r#"{"name":"Taxes","path":"taxes/{{ created_year }}/{{ title }}","matching_algorithm":0}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewStoragePath {
    /// Display name; must be unique for the owner.
    pub name: String,
    /// The path template (Jinja2 syntax); the server rejects templates it cannot render.
    pub path: String,
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
    /// creates an unowned storage path.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// View and change permissions to grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl NewStoragePath {
    /// A storage path with this name and path template, and server defaults for everything else.
    #[must_use]
    pub fn new(name: impl Into<String>, path: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            path: path.into(),
            ..Self::default()
        }
    }
}

crate::setters::setters! { NewStoragePath {
    opt r#match: String;
    opt matching_algorithm: MatchingAlgorithm;
    opt is_insensitive: bool;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

/// The body of `PATCH /api/storage_paths/{id}/` (partial update) or `PUT` (replace).
///
/// Fields left `None` / [`Patch::Unchanged`] are not sent and keep their value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StoragePathPatch {
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New path template. Changing it makes the server move the files of every document using
    /// this storage path (in a background task).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// New match text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#match: Option<String>,
    /// New matching algorithm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matching_algorithm: Option<MatchingAlgorithm>,
    /// Whether matching ignores case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_insensitive: Option<bool>,
    /// New owner, or [`Patch::Null`] to make the storage path unowned.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// Replaces the view and change permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl StoragePathPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { StoragePathPatch {
    opt name: String;
    opt path: String;
    opt r#match: String;
    opt matching_algorithm: MatchingAlgorithm;
    opt is_insensitive: bool;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

/// The body of `POST /api/storage_paths/test/`: renders a path template against one document
/// without saving anything. The response is the rendered path as a JSON string (`null` when the
/// template cannot be rendered).
///
/// ```
/// use paperless_types::{DocumentId, storage_path::StoragePathTest};
///
/// let test = StoragePathTest::new(DocumentId(22), "{{ correspondent }}/{{ title }}");
/// assert_eq!(
///     serde_json::to_string(&test)?,
///     r#"{"document":22,"path":"{{ correspondent }}/{{ title }}"}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StoragePathTest {
    /// The document to render the template for (it must be visible to the requesting user).
    pub document: DocumentId,
    /// The path template to render.
    pub path: String,
}

impl StoragePathTest {
    /// A test of `path` against `document`.
    #[must_use]
    pub fn new(document: DocumentId, path: impl Into<String>) -> Self {
        Self {
            document,
            path: path.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PermissionSet;
    use crate::ids::GroupId;

    #[test]
    fn new_document_type_renders_the_captured_create_body() {
        let c = NewStoragePath::new("ZZ scratch path", "scratch/{{ created_year }}/{{ title }}")
            .matching_algorithm(MatchingAlgorithm::None);
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"name":"ZZ scratch path","path":"scratch/{{ created_year }}/{{ title }}","matching_algorithm":0}"#
        );
    }

    #[test]
    fn patch_renders_the_captured_body() {
        let p = StoragePathPatch::new()
            .name("ZZ scratch path renamed")
            .set_permissions(Permissions::new(
                PermissionSet::new([UserId(3)], []),
                PermissionSet::new([], [GroupId(1)]),
            ));
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            r#"{"name":"ZZ scratch path renamed","set_permissions":{"view":{"users":[3],"groups":[]},"change":{"users":[],"groups":[1]}}}"#
        );
    }
}
