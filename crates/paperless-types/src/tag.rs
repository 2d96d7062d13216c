//! Tags: labels attached to documents, optionally nested in a hierarchy.
//!
//! Endpoints:
//! - `GET /api/tags/` → [`Page`](crate::Page)`<`[`Tag`]`>` (filters such as `name__icontains`,
//!   `id__in`, `is_inbox_tag`, `is_root`; `full_perms=true` swaps `user_can_change` for `permissions`)
//! - `GET /api/tags/{id}/` → [`Tag`]
//! - `POST /api/tags/` with [`NewTag`] → [`Tag`] (201)
//! - `PUT`/`PATCH /api/tags/{id}/` with [`TagPatch`] → [`Tag`]
//! - `DELETE /api/tags/{id}/` → 204, empty body
//!
//! Bulk deletion and bulk permission changes go through
//! [`bulk_edit_objects`](crate::bulk_edit_objects).

use serde::{Deserialize, Serialize};

use crate::ids::{TagId, UserId};
use crate::matching::MatchingAlgorithm;
use crate::patch::Patch;
use crate::permissions::Permissions;

/// A tag as the server returns it.
///
/// Tags form a tree (at most five levels deep): [`parent`](Self::parent) names the parent tag and
/// [`children`](Self::children) holds the child tags as full objects, recursively.
///
/// ```
/// use paperless_types::tag::Tag;
///
/// let json = r##"{"id":3,"slug":"finance","name":"Finance","color":"#1f78b4",
///   "text_color":"#ffffff","match":"","matching_algorithm":0,"is_insensitive":true,
///   "is_inbox_tag":false,"document_count":16,"owner":2,"user_can_change":true,"parent":null,
///   "children":[{"id":5,"slug":"paid","name":"Paid","color":"#33a02c","text_color":"#ffffff",
///   "match":"paid","matching_algorithm":1,"is_insensitive":true,"is_inbox_tag":false,
///   "document_count":8,"owner":2,"user_can_change":true,"parent":3,"children":[]}]}"##;
/// let tag: Tag = serde_json::from_str(json)?;
/// assert!(tag.is_root());
/// assert_eq!(tag.children[0].name, "Paid");
/// assert_eq!(tag.children[0].parent, Some(tag.id));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Tag {
    /// Primary key.
    pub id: TagId,
    /// URL-friendly form of the name, derived by the server (read-only).
    pub slug: String,
    /// Display name; unique per owner.
    pub name: String,
    /// Background colour as `#rrggbb`.
    pub color: String,
    /// Text colour the server picks for legibility on [`color`](Self::color): `#000000` or
    /// `#ffffff` (read-only).
    pub text_color: String,
    /// The text matched against new documents, interpreted by
    /// [`matching_algorithm`](Self::matching_algorithm).
    pub r#match: String,
    /// How [`match`](Self::match) is applied to new documents.
    pub matching_algorithm: MatchingAlgorithm,
    /// Whether matching ignores case.
    pub is_insensitive: bool,
    /// Whether the server adds this tag to every newly consumed document.
    pub is_inbox_tag: bool,
    /// Number of documents with this tag that the requesting user may see; not sent in the
    /// response to a create.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_count: Option<u64>,
    /// The owning user; `None` means the tag is unowned (visible to everyone).
    #[serde(default)]
    pub owner: Option<UserId>,
    /// Whether the requesting user may change the tag; sent unless `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_change: Option<bool>,
    /// Who may view and change the tag; sent only with `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// The parent tag, `None` for a root tag.
    #[serde(default)]
    pub parent: Option<TagId>,
    /// The direct child tags, as full tag objects with their own children (read-only).
    #[serde(default)]
    pub children: Vec<Tag>,
}

impl Tag {
    /// `true` when the tag has no parent.
    #[must_use]
    pub fn is_root(&self) -> bool {
        self.parent.is_none()
    }
}

/// The body of `POST /api/tags/`: creates a tag.
///
/// Only [`name`](Self::name) is required; every other field left `None` is not sent and the
/// server applies its default (colour `#a6cee3`, [`MatchingAlgorithm::Any`], case-insensitive,
/// not an inbox tag, no parent, owned by the requesting user).
///
/// ```
/// use paperless_types::{TagId, matching::MatchingAlgorithm, tag::NewTag};
///
/// let tag = NewTag::new("Invoices")
///     .color("#123456")
///     .matching_algorithm(MatchingAlgorithm::Literal)
///     .r#match("invoice")
///     .parent(TagId(9));
/// assert_eq!(
///     serde_json::to_string(&tag)?,
///     r##"{"name":"Invoices","color":"#123456","match":"invoice","matching_algorithm":3,"parent":9}"##
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewTag {
    /// Display name; must be unique for the owner.
    pub name: String,
    /// Background colour as `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// The text matched against new documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#match: Option<String>,
    /// How `match` is applied to new documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matching_algorithm: Option<MatchingAlgorithm>,
    /// Whether matching ignores case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_insensitive: Option<bool>,
    /// Whether the server adds the tag to every newly consumed document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_inbox_tag: Option<bool>,
    /// The parent tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<TagId>,
    /// The owner: [`Patch::Unchanged`] makes the requesting user the owner, [`Patch::Null`]
    /// creates an unowned tag.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// View and change permissions to grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl NewTag {
    /// A tag with this name and server defaults for everything else.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }
}

crate::setters::setters! { NewTag {
    opt color: String;
    opt r#match: String;
    opt matching_algorithm: MatchingAlgorithm;
    opt is_insensitive: bool;
    opt is_inbox_tag: bool;
    opt parent: TagId;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

/// The body of `PATCH /api/tags/{id}/` (partial update) or `PUT /api/tags/{id}/` (replace).
///
/// Fields left `None` / [`Patch::Unchanged`] are not sent and keep their value.
///
/// ```
/// use paperless_types::tag::TagPatch;
///
/// let patch = TagPatch::new().name("Renamed").parent(None);
/// assert_eq!(serde_json::to_string(&patch)?, r#"{"name":"Renamed","parent":null}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TagPatch {
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New background colour as `#rrggbb`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    /// New match text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub r#match: Option<String>,
    /// New matching algorithm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matching_algorithm: Option<MatchingAlgorithm>,
    /// Whether matching ignores case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_insensitive: Option<bool>,
    /// Whether the server adds the tag to every newly consumed document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_inbox_tag: Option<bool>,
    /// New parent tag, or [`Patch::Null`] to make it a root tag.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub parent: Patch<TagId>,
    /// New owner, or [`Patch::Null`] to make the tag unowned.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// Replaces the view and change permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl TagPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { TagPatch {
    opt name: String;
    opt color: String;
    opt r#match: String;
    opt matching_algorithm: MatchingAlgorithm;
    opt is_insensitive: bool;
    opt is_inbox_tag: bool;
    patch parent: TagId;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PermissionSet;
    use crate::ids::GroupId;

    #[test]
    fn new_tag_renders_the_captured_create_body() {
        let tag = NewTag::new("ZZ scratch tag")
            .color("#123456")
            .is_inbox_tag(false)
            .matching_algorithm(MatchingAlgorithm::Literal)
            .r#match("scratch literal")
            .parent(TagId(9));
        assert_eq!(
            serde_json::to_string(&tag).unwrap(),
            r##"{"name":"ZZ scratch tag","color":"#123456","match":"scratch literal","matching_algorithm":3,"is_inbox_tag":false,"parent":9}"##
        );
    }

    #[test]
    fn patch_renders_set_permissions_and_owner_states() {
        let patch = TagPatch::new()
            .name("ZZ scratch tag renamed")
            .set_permissions(Permissions::new(
                PermissionSet::new([UserId(3)], []),
                PermissionSet::new([], [GroupId(1)]),
            ));
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            r#"{"name":"ZZ scratch tag renamed","set_permissions":{"view":{"users":[3],"groups":[]},"change":{"users":[],"groups":[1]}}}"#
        );
        assert_eq!(
            serde_json::to_string(&TagPatch::new().owner(None)).unwrap(),
            r#"{"owner":null}"#
        );
        assert_eq!(serde_json::to_string(&TagPatch::new()).unwrap(), "{}");
    }
}
