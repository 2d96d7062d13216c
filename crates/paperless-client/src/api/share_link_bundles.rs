//! Share-link bundles: `/api/share_link_bundles/`, [`Paperless::share_link_bundles`].
//!
//! | Call | Request |
//! |---|---|
//! | `bundles.get(6).await?` | `GET /api/share_link_bundles/6/` |
//! | `bundles.list().status(ShareLinkBundleStatus::Ready).send().await?` | `GET /api/share_link_bundles/?status=ready` |
//! | `bundles.create(&NewShareLinkBundle::new([DocumentId(72)])).await?` | `POST /api/share_link_bundles/` |
//! | `bundles.update(6, &ShareLinkBundlePatch::new().file_version(FileVersion::Original)).await?` | `PATCH /api/share_link_bundles/6/` |
//! | `bundles.replace(6, &NewShareLinkBundle::new(..)).await?` | `PUT /api/share_link_bundles/6/` |
//! | `bundles.rebuild(6).await?` | `POST /api/share_link_bundles/6/rebuild/` |
//! | `bundles.delete(6).await?` | `DELETE /api/share_link_bundles/6/` |
//!
//! A bundle is a public link to a zip of several documents; the server builds the zip in a
//! background task ([`ShareLinkBundle::status`]). List filters: `documents`, `status`,
//! `created__*`, `expiration__*`.
//!
//! An update (`PATCH` or `PUT`) changes only `file_version`: the server reads `document_ids`
//! and `expiration_days` only when it creates a bundle (on an update they answer 200 and change
//! nothing), so [`ShareLinkBundlePatch`] offers only `file_version`. For another expiry or
//! other documents, create a new bundle and delete the old one. Bundles exist only on
//! Paperless-ngx 3.x.

use paperless_types::share_link::{
    NewShareLinkBundle, ShareLinkBundle, ShareLinkBundlePatch, ShareLinkBundleStatus,
};
use paperless_types::{DocumentId, ShareLinkBundleId};

use crate::api::share_links::time_filters;
use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::list::List;
use crate::resource::{Creatable, Deletable, Resource, Updatable, join};

/// The share-link bundles collection, `/api/share_link_bundles/`: [`ShareLinkBundle`] objects,
/// created and replaced (`PUT`) with [`NewShareLinkBundle`], changed with
/// [`ShareLinkBundlePatch`].
#[derive(Debug)]
pub enum ShareLinkBundles {}

impl Resource for ShareLinkBundles {
    type Id = ShareLinkBundleId;
    type Item = ShareLinkBundle;
    const NAME: &'static str = "share_link_bundles";
    const PATH: &'static str = "/api/share_link_bundles/";
    fn id_of(bundle: &ShareLinkBundle) -> ShareLinkBundleId {
        bundle.id
    }
}

impl Creatable for ShareLinkBundles {
    type Create = NewShareLinkBundle;
}

impl Updatable for ShareLinkBundles {
    type Patch = ShareLinkBundlePatch;
    type Replace = NewShareLinkBundle;
}

impl Deletable for ShareLinkBundles {}

impl Paperless {
    /// Share-link bundles: public download links to a zip of several documents
    /// (`/api/share_link_bundles/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::DocumentId;
    /// use paperless_client::types::share_link::NewShareLinkBundle;
    ///
    /// let bundles = client.share_link_bundles();
    /// let bundle = bundles
    ///     .create(&NewShareLinkBundle::new([DocumentId(72), DocumentId(69)]).expiration_days(7))
    ///     .await?;
    /// let bundle = bundles.get(bundle.id).await?; // poll until `status` is ready
    /// println!("{:?} at {}", bundle.status, bundle.path());
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn share_link_bundles(&self) -> Endpoint<ShareLinkBundles> {
        self.endpoint()
    }
}

impl Endpoint<ShareLinkBundles> {
    /// Throws the built zip away and queues a new build
    /// (`POST /api/share_link_bundles/{id}/rebuild/`); returns the bundle, back in
    /// [`ShareLinkBundleStatus::Pending`].
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 400 while the bundle is being built, 404 when it does not
    /// exist; transport and decode errors.
    pub async fn rebuild(&self, id: impl Into<ShareLinkBundleId>) -> Result<ShareLinkBundle> {
        let request = self.object_action(id.into(), "rebuild");
        self.client().json(request).await
    }
}

impl List<ShareLinkBundles> {
    /// Only bundles containing at least one of these documents (`documents=1,2`). An empty list
    /// is refused when the request is sent, since the server would ignore the filter.
    pub fn documents(self, documents: impl IntoIterator<Item = impl Into<DocumentId>>) -> Self {
        let ids = join(documents.into_iter().map(|id| id.into().to_string()));
        if ids.is_empty() {
            return self.refused(
                "documents needs at least one document id (an empty filter would match everything)",
            );
        }
        self.param("documents", ids)
    }

    /// Only bundles in this build state (`status=ready`).
    pub fn status(self, status: ShareLinkBundleStatus) -> Self {
        self.param("status", status)
    }
}

time_filters!(ShareLinkBundles);
