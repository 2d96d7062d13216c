//! Groups of users, each granting a set of permissions to its members.
//!
//! Endpoints:
//! - `GET /api/groups/` → [`Page`](crate::Page)`<`[`Group`]`>` (filter `name__icontains`, ...)
//! - `GET /api/groups/{id}/` → [`Group`]
//! - `POST /api/groups/` with [`NewGroup`] → [`Group`] (201)
//! - `PUT`/`PATCH /api/groups/{id}/` with [`GroupPatch`] → [`Group`]
//! - `DELETE /api/groups/{id}/` → 204, empty body

use serde::{Deserialize, Serialize};

use crate::ids::GroupId;

/// A group as the server returns it.
///
/// ```
/// use paperless_types::group::Group;
///
/// let group: Group =
///     serde_json::from_str(r#"{"id":1,"name":"Family","permissions":["view_document","view_tag"]}"#)?;
/// assert_eq!(group.permissions, ["view_document", "view_tag"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Group {
    /// Primary key.
    pub id: GroupId,
    /// Display name; unique.
    pub name: String,
    /// Permission codenames granted to every member (such as `view_document`, `change_tag`).
    #[serde(default)]
    pub permissions: Vec<String>,
}

/// The body of `POST /api/groups/`: creates a group. Both fields are required (the permission
/// list may be empty).
///
/// ```
/// use paperless_types::group::NewGroup;
///
/// let group = NewGroup::new("Family", ["view_document", "view_tag"]);
/// assert_eq!(
///     serde_json::to_string(&group)?,
///     r#"{"name":"Family","permissions":["view_document","view_tag"]}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewGroup {
    /// Display name; must be unique.
    pub name: String,
    /// Permission codenames to grant to members.
    #[serde(default)]
    pub permissions: Vec<String>,
}

impl NewGroup {
    /// A group with this name and these permission codenames.
    #[must_use]
    pub fn new<P: Into<String>>(
        name: impl Into<String>,
        permissions: impl IntoIterator<Item = P>,
    ) -> Self {
        Self {
            name: name.into(),
            permissions: permissions.into_iter().map(Into::into).collect(),
        }
    }
}

/// The body of `PATCH /api/groups/{id}/` (partial update) or `PUT` (replace). Fields left
/// `None` are not sent and keep their value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GroupPatch {
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Replaces the permission codenames.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Vec<String>>,
}

impl GroupPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { GroupPatch {
    opt name: String;
    list permissions: String;
}}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_match_the_captures() {
        assert_eq!(
            serde_json::to_string(&NewGroup::new(
                "ZZ scratch group",
                ["view_document", "view_tag"]
            ))
            .unwrap(),
            r#"{"name":"ZZ scratch group","permissions":["view_document","view_tag"]}"#
        );
        assert_eq!(
            serde_json::to_string(&GroupPatch::new().permissions(["view_document".to_owned()]))
                .unwrap(),
            r#"{"permissions":["view_document"]}"#
        );
        assert_eq!(
            serde_json::to_string(
                &GroupPatch::new()
                    .name("ZZ scratch group put")
                    .permissions(Vec::new())
            )
            .unwrap(),
            r#"{"name":"ZZ scratch group put","permissions":[]}"#
        );
    }
}
