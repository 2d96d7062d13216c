//! Saved views: `/api/saved_views/`, [`Paperless::saved_views`].
//!
//! | Call | Request |
//! |---|---|
//! | `saved_views.get(1).await?` | `GET /api/saved_views/1/` |
//! | `saved_views.list().send().await?` | `GET /api/saved_views/` |
//! | `saved_views.create(&NewSavedView::new("Inbox", rules)).await?` | `POST /api/saved_views/` |
//! | `saved_views.update(1, &SavedViewPatch::new().page_size(Some(10))).await?` | `PATCH /api/saved_views/1/` |
//! | `saved_views.replace(1, &patch).await?` | `PUT /api/saved_views/1/` |
//! | `saved_views.delete(1).await?` | `DELETE /api/saved_views/1/` |
//!
//! The list has no filters besides `full_perms` and `ordering=name`. With API v9 (Paperless-ngx
//! 2.x) saved views also carry `show_on_dashboard` and `show_in_sidebar`; with API v10 those moved
//! to the UI settings ([`Paperless::ui_settings`]). The models read and write both shapes.

use paperless_types::SavedViewId;
use paperless_types::saved_view::{NewSavedView, SavedView, SavedViewPatch};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::resource::{Creatable, Deletable, HasPermissions, Resource, Updatable};

/// The saved views collection, `/api/saved_views/`: [`SavedView`] objects, created with
/// [`NewSavedView`], changed with [`SavedViewPatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum SavedViews {}

impl Resource for SavedViews {
    type Id = SavedViewId;
    type Item = SavedView;
    const NAME: &'static str = "saved_views";
    const PATH: &'static str = "/api/saved_views/";
    fn id_of(view: &SavedView) -> SavedViewId {
        view.id
    }
}

impl Creatable for SavedViews {
    type Create = NewSavedView;
}

impl Updatable for SavedViews {
    type Patch = SavedViewPatch;
    type Replace = SavedViewPatch;
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
        &[("permissions", "set_permissions")];
}

impl Deletable for SavedViews {}
impl HasPermissions for SavedViews {}

impl Paperless {
    /// Saved views: named document filters with their sorting and display settings
    /// (`/api/saved_views/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::saved_view::{FilterRule, FilterRuleType, NewSavedView};
    ///
    /// let rules = [FilterRule::new(FilterRuleType::Title, "invoice")];
    /// let view = client.saved_views().create(&NewSavedView::new("Invoices", rules)).await?;
    /// println!("saved view {}", view.id);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn saved_views(&self) -> Endpoint<SavedViews> {
        self.endpoint()
    }
}
