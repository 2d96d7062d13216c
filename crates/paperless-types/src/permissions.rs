//! Object ownership and permissions, shared by every owned resource.

use serde::{Deserialize, Serialize};

use crate::ids::{GroupId, UserId};

/// Users and groups granted one permission on an object.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PermissionSet {
    /// Users who hold the permission.
    #[serde(default)]
    pub users: Vec<UserId>,
    /// Groups whose members hold the permission.
    #[serde(default)]
    pub groups: Vec<GroupId>,
}

impl PermissionSet {
    /// A set naming these users and groups.
    #[must_use]
    pub fn new(
        users: impl IntoIterator<Item = UserId>,
        groups: impl IntoIterator<Item = GroupId>,
    ) -> Self {
        Self {
            users: users.into_iter().collect(),
            groups: groups.into_iter().collect(),
        }
    }
}

/// The view and change permissions of an object: read as `permissions` with `full_perms=true`,
/// and written as `set_permissions` in create and update payloads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Permissions {
    /// Who may see the object (besides its owner and superusers).
    #[serde(default)]
    pub view: PermissionSet,
    /// Who may change the object (besides its owner and superusers).
    #[serde(default)]
    pub change: PermissionSet,
}

impl Permissions {
    /// Permissions granting `view` and `change` to these sets.
    #[must_use]
    pub fn new(view: PermissionSet, change: PermissionSet) -> Self {
        Self { view, change }
    }
}
