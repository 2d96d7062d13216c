//! Bulk operations on tags, correspondents, document types and storage paths.
//!
//! Endpoint: `POST /api/bulk_edit_objects/` with [`BulkEditObjects`] →
//! [`ActionResult`](crate::outcome::ActionResult) (`{"result": "OK"}`); 400 with a field error
//! object when an id does not exist or the object type is unknown, 403 when the user may not
//! change one of the objects.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::ids::UserId;
use crate::patch::Patch;
use crate::permissions::Permissions;

crate::open_enum::string_enum! {
    /// The kind of object a bulk operation applies to (`object_type`).
    pub enum BulkObjectType {
        /// `tags`.
        Tags => "tags",
        /// `correspondents`.
        Correspondents => "correspondents",
        /// `document_types`.
        DocumentTypes => "document_types",
        /// `storage_paths`.
        StoragePaths => "storage_paths",
    }
}

crate::open_enum::string_enum! {
    /// What a bulk operation does (`operation`).
    pub enum BulkObjectOperation {
        /// `set_permissions`: set the owner and/or the view and change permissions.
        SetPermissions => "set_permissions",
        /// `delete`: delete the objects.
        Delete => "delete",
    }
}

/// The body of `POST /api/bulk_edit_objects/`.
///
/// Name the objects with [`objects`](Self::objects) (ids of the [`object_type`](Self::object_type)),
/// or, on API v10, every object matching [`filters`](Self::filters) with [`all`](Self::all).
///
/// ```
/// use paperless_types::bulk_edit_objects::{BulkEditObjects, BulkObjectType};
/// use paperless_types::{CorrespondentId, PermissionSet, Permissions, TagId, UserId};
///
/// let delete = BulkEditObjects::delete(BulkObjectType::Tags, [TagId(20)]);
/// assert_eq!(
///     serde_json::to_string(&delete)?,
///     r#"{"objects":[20],"object_type":"tags","operation":"delete"}"#
/// );
///
/// let share = BulkEditObjects::set_permissions(BulkObjectType::Correspondents, [CorrespondentId(1)])
///     .permissions(Permissions::new(PermissionSet::new([UserId(3)], []), PermissionSet::default()))
///     .merge(true);
/// assert_eq!(
///     serde_json::to_string(&share)?,
///     r#"{"objects":[1],"object_type":"correspondents","operation":"set_permissions","permissions":{"view":{"users":[3],"groups":[]},"change":{"users":[],"groups":[]}},"merge":true}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkEditObjects {
    /// The ids of the objects; required unless [`all`](Self::all) is `true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objects: Option<Vec<u64>>,
    /// API v10: apply to every object matching [`filters`](Self::filters) instead of
    /// [`objects`](Self::objects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<bool>,
    /// API v10, with [`all`](Self::all): the list filters selecting the objects (the query
    /// parameters of the object type's list endpoint, such as `name__icontains`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filters: Option<Map<String, Value>>,
    /// The kind of object.
    pub object_type: BulkObjectType,
    /// What to do.
    pub operation: BulkObjectOperation,
    /// `set_permissions`: the new owner ([`Patch::Null`]: no owner); unchanged when not sent.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// `set_permissions`: the view and change permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// `set_permissions`: add to the existing permissions (and keep an existing owner) instead
    /// of replacing them (server default: `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge: Option<bool>,
}

impl BulkEditObjects {
    /// An operation on these objects (any id type: `TagId`, `CorrespondentId`, ...).
    #[must_use]
    pub fn new<I: Into<u64>>(
        object_type: BulkObjectType,
        operation: BulkObjectOperation,
        objects: impl IntoIterator<Item = I>,
    ) -> Self {
        Self {
            objects: Some(objects.into_iter().map(Into::into).collect()),
            all: None,
            filters: None,
            object_type,
            operation,
            owner: Patch::Unchanged,
            permissions: None,
            merge: None,
        }
    }

    /// API v10: an operation on every object of the type matching `filters` (an empty map
    /// matches every object the user may change).
    #[must_use]
    pub fn all_matching(
        object_type: BulkObjectType,
        operation: BulkObjectOperation,
        filters: Map<String, Value>,
    ) -> Self {
        Self {
            objects: None,
            all: Some(true),
            filters: Some(filters),
            object_type,
            operation,
            owner: Patch::Unchanged,
            permissions: None,
            merge: None,
        }
    }

    /// Deletes these objects.
    #[must_use]
    pub fn delete<I: Into<u64>>(
        object_type: BulkObjectType,
        objects: impl IntoIterator<Item = I>,
    ) -> Self {
        Self::new(object_type, BulkObjectOperation::Delete, objects)
    }

    /// Changes the owner and/or permissions of these objects; add them with
    /// [`owner`](Self::owner), [`permissions`](Self::permissions) and
    /// [`merge`](Self::merge).
    #[must_use]
    pub fn set_permissions<I: Into<u64>>(
        object_type: BulkObjectType,
        objects: impl IntoIterator<Item = I>,
    ) -> Self {
        Self::new(object_type, BulkObjectOperation::SetPermissions, objects)
    }
}

crate::setters::setters! { BulkEditObjects {
    patch owner: UserId;
    opt permissions: Permissions;
    opt merge: bool;
}}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PermissionSet;
    use crate::ids::{CorrespondentId, GroupId};

    #[test]
    fn set_permissions_renders_the_captured_body() {
        let body = BulkEditObjects::set_permissions(
            BulkObjectType::Correspondents,
            [CorrespondentId(1), CorrespondentId(8)],
        )
        .owner(None)
        .permissions(Permissions::new(
            PermissionSet::new([UserId(3)], [GroupId(1)]),
            PermissionSet::default(),
        ))
        .merge(true);
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"objects":[1,8],"object_type":"correspondents","operation":"set_permissions","owner":null,"permissions":{"view":{"users":[3],"groups":[1]},"change":{"users":[],"groups":[]}},"merge":true}"#
        );
    }

    #[test]
    fn all_matching_sends_filters_instead_of_ids() {
        let mut filters = Map::new();
        filters.insert("name__icontains".into(), "old".into());
        let body = BulkEditObjects::all_matching(
            BulkObjectType::StoragePaths,
            BulkObjectOperation::Delete,
            filters,
        );
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"all":true,"filters":{"name__icontains":"old"},"object_type":"storage_paths","operation":"delete"}"#
        );
    }
}
