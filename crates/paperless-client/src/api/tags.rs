//! Tags: `/api/tags/`, [`Paperless::tags`].
//!
//! | Call | Request |
//! |---|---|
//! | `tags.get(3).await?` | `GET /api/tags/3/` |
//! | `tags.list().is_root(true).send().await?` | `GET /api/tags/?is_root=true` |
//! | `tags.create(&NewTag::new("Invoices")).await?` | `POST /api/tags/` |
//! | `tags.update(3, &TagPatch::new().name("Bills")).await?` | `PATCH /api/tags/3/` |
//! | `tags.replace(3, &patch).await?` | `PUT /api/tags/3/` |
//! | `tags.delete(3).await?` | `DELETE /api/tags/3/` |
//!
//! List filters: `id__in`, `name__*`, `is_root`, `full_perms`. The server has no filter for
//! inbox tags (`is_inbox_tag=true` is ignored); filter [`Tag::is_inbox_tag`] locally instead.
//! Tag lists ignore the owner filters too, so they do not exist here:
//!
//! ```compile_fail,E0599
//! # async fn run(client: paperless_client::Paperless) {
//! client.tags().list().owner_id(2).send().await; // only documents filter by owner
//! # }
//! ```
//! Bulk deletion and permission changes: [`crate::api::bulk_edit_objects`].

use paperless_types::TagId;
use paperless_types::tag::{NewTag, Tag, TagPatch};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::list::List;
use crate::resource::{
    Creatable, Deletable, HasIdFilter, HasName, HasPermissions, Resource, Updatable,
};

/// The tags collection, `/api/tags/`: [`Tag`] objects, created with [`NewTag`], changed with
/// [`TagPatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum Tags {}

impl Resource for Tags {
    type Id = TagId;
    type Item = Tag;
    const NAME: &'static str = "tags";
    const PATH: &'static str = "/api/tags/";
    fn id_of(tag: &Tag) -> TagId {
        tag.id
    }
}

impl Creatable for Tags {
    type Create = NewTag;
}

impl Updatable for Tags {
    type Patch = TagPatch;
    type Replace = TagPatch;
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
        &[("permissions", "set_permissions")];
}

impl Deletable for Tags {}
impl HasPermissions for Tags {}
impl HasName for Tags {
    fn name_of(t: &Tag) -> &str {
        &t.name
    }
}
impl HasIdFilter for Tags {}

impl Paperless {
    /// Tags: labels on documents, optionally nested (`/api/tags/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::tag::NewTag;
    ///
    /// let tags = client.tags();
    /// let created = tags.create(&NewTag::new("Invoices").color("#ff0000")).await?;
    /// let roots = tags.list().is_root(true).send().await?;
    /// println!("{} has id {}; {} root tags", created.name, created.id, roots.count);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn tags(&self) -> Endpoint<Tags> {
        self.endpoint()
    }
}

impl List<Tags> {
    /// Only top-level tags (`true`, `is_root=true`) or only nested ones (`false`).
    pub fn is_root(self, root: bool) -> Self {
        self.param("is_root", root)
    }
}
