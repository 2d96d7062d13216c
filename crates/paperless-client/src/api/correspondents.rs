//! Correspondents: `/api/correspondents/`, [`Paperless::correspondents`].
//!
//! | Call | Request |
//! |---|---|
//! | `correspondents.get(3).await?` | `GET /api/correspondents/3/` (with `last_correspondence`) |
//! | `correspondents.list().name_icontains("bank").send().await?` | `GET /api/correspondents/?name__icontains=bank` |
//! | `correspondents.create(&NewCorrespondent::new("ACME")).await?` | `POST /api/correspondents/` |
//! | `correspondents.update(3, &patch).await?` | `PATCH /api/correspondents/3/` |
//! | `correspondents.replace(3, &patch).await?` | `PUT /api/correspondents/3/` |
//! | `correspondents.delete(3).await?` | `DELETE /api/correspondents/3/` |
//!
//! List filters: `id__in`, `name__*`, `full_perms`, and `last_correspondence` to include each
//! correspondent's newest document date. Bulk deletion and permission changes:
//! [`crate::api::bulk_edit_objects`].

use paperless_types::CorrespondentId;
use paperless_types::correspondent::{Correspondent, CorrespondentPatch, NewCorrespondent};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::list::List;
use crate::resource::{
    Creatable, Deletable, HasIdFilter, HasName, HasPermissions, Resource, Updatable,
};

/// The correspondents collection, `/api/correspondents/`: [`Correspondent`] objects, created with
/// [`NewCorrespondent`], changed with [`CorrespondentPatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum Correspondents {}

impl Resource for Correspondents {
    type Id = CorrespondentId;
    type Item = Correspondent;
    const NAME: &'static str = "correspondents";
    const PATH: &'static str = "/api/correspondents/";
    fn id_of(correspondent: &Correspondent) -> CorrespondentId {
        correspondent.id
    }
}

impl Creatable for Correspondents {
    type Create = NewCorrespondent;
}

impl Updatable for Correspondents {
    type Patch = CorrespondentPatch;
    type Replace = CorrespondentPatch;
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
        &[("permissions", "set_permissions")];
}

impl Deletable for Correspondents {}
impl HasPermissions for Correspondents {}
impl HasName for Correspondents {
    fn name_of(c: &Correspondent) -> &str {
        &c.name
    }
}
impl HasIdFilter for Correspondents {}

impl Paperless {
    /// Correspondents: who documents come from or go to (`/api/correspondents/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let page = client
    ///     .correspondents()
    ///     .list()
    ///     .name_icontains("bank")
    ///     .last_correspondence()
    ///     .send()
    ///     .await?;
    /// for c in page.items() {
    ///     println!("{}: last document {:?}", c.name, c.last_correspondence);
    /// }
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn correspondents(&self) -> Endpoint<Correspondents> {
        self.endpoint()
    }
}

impl List<Correspondents> {
    /// Includes each correspondent's newest document date
    /// ([`Correspondent::last_correspondence`], `last_correspondence=true`), which lists leave out
    /// by default because it costs the server a query per page. Also needed to sort by it
    /// (`.ordering("last_correspondence")`).
    ///
    /// It takes no `bool`: the server includes the date for any value of the parameter, so there
    /// is no way to send "off"; leave the call out instead.
    pub fn last_correspondence(self) -> Self {
        self.param("last_correspondence", true)
    }
}
