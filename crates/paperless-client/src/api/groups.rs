//! Groups: `/api/groups/`, [`Paperless::groups`].
//!
//! | Call | Request |
//! |---|---|
//! | `groups.get(1).await?` | `GET /api/groups/1/` |
//! | `groups.list().name_icontains("family").send().await?` | `GET /api/groups/?name__icontains=family` |
//! | `groups.create(&NewGroup::new("Family", ["view_document"])).await?` | `POST /api/groups/` |
//! | `groups.update(1, &GroupPatch::new().name("Household")).await?` | `PATCH /api/groups/1/` |
//! | `groups.replace(1, &patch).await?` | `PUT /api/groups/1/` |
//! | `groups.delete(1).await?` | `DELETE /api/groups/1/` |
//!
//! List filters: `name__*`, ordering by `name`. A group's `permissions` are Django permission
//! codenames (not object permissions), read and written under the same name.

use paperless_types::GroupId;
use paperless_types::group::{Group, GroupPatch, NewGroup};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::resource::{Creatable, Deletable, HasName, Resource, Updatable};

/// The groups collection, `/api/groups/`: [`Group`] objects, created with [`NewGroup`], changed
/// with [`GroupPatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum Groups {}

impl Resource for Groups {
    type Id = GroupId;
    type Item = Group;
    const NAME: &'static str = "groups";
    const PATH: &'static str = "/api/groups/";
    fn id_of(group: &Group) -> GroupId {
        group.id
    }
}

impl Creatable for Groups {
    type Create = NewGroup;
}

impl Updatable for Groups {
    type Patch = GroupPatch;
    type Replace = GroupPatch;
}

impl Deletable for Groups {}
impl HasName for Groups {
    fn name_of(g: &Group) -> &str {
        &g.name
    }
}

impl Paperless {
    /// Groups of users, each granting permissions to its members (`/api/groups/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::group::NewGroup;
    ///
    /// let family = client
    ///     .groups()
    ///     .create(&NewGroup::new("Family", ["view_document", "view_tag"]))
    ///     .await?;
    /// println!("group {}", family.id);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn groups(&self) -> Endpoint<Groups> {
        self.endpoint()
    }
}
