//! Share links: `/api/share_links/`, [`Paperless::share_links`].
//!
//! | Call | Request |
//! |---|---|
//! | `share_links.get(1).await?` | `GET /api/share_links/1/` |
//! | `share_links.list().expiration_lt(now).send().await?` | `GET /api/share_links/?expiration__lt=...` |
//! | `share_links.create(&NewShareLink::new(DocumentId(72))).await?` | `POST /api/share_links/` |
//! | `share_links.delete(1).await?` | `DELETE /api/share_links/1/` |
//!
//! Share links cannot be changed (the server answers `PUT`/`PATCH` with 405), so
//! [`ShareLinks`] is not [`Updatable`](crate::Updatable) and `update` does not compile:
//!
//! ```compile_fail,E0599
//! # async fn run(client: paperless_client::Paperless) {
//! use paperless_client::types::share_link::NewShareLink;
//! use paperless_client::types::DocumentId;
//!
//! client.share_links().update(6, &NewShareLink::new(DocumentId(72))).await;
//! # }
//! ```
//!
//! A link's
//! public address is the base URL joined with [`ShareLink::path`]. The links of one document are
//! listed by the documents endpoint (`/api/documents/{id}/share_links/`).
//!
//! List filters: `created__*` and `expiration__*` (times), ordering by `created`, `expiration`
//! or `document`.

use paperless_types::ShareLinkId;
use paperless_types::share_link::{NewShareLink, ShareLink};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::resource::{Creatable, Deletable, Resource};

/// The share links collection, `/api/share_links/`: [`ShareLink`] objects, created with
/// [`NewShareLink`], deleted, never changed.
#[derive(Debug)]
pub enum ShareLinks {}

impl Resource for ShareLinks {
    type Id = ShareLinkId;
    type Item = ShareLink;
    const NAME: &'static str = "share_links";
    const PATH: &'static str = "/api/share_links/";
    fn id_of(link: &ShareLink) -> ShareLinkId {
        link.id
    }
}

impl Creatable for ShareLinks {
    type Create = NewShareLink;
}

impl Deletable for ShareLinks {}

impl Paperless {
    /// Share links: public download links to one document (`/api/share_links/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::DocumentId;
    /// use paperless_client::types::share_link::NewShareLink;
    ///
    /// let link = client.share_links().create(&NewShareLink::new(DocumentId(72))).await?;
    /// println!("{}", client.base_url().join(&link.path())?);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn share_links(&self) -> Endpoint<ShareLinks> {
        self.endpoint()
    }
}

/// The `created__*` and `expiration__*` time filters that share links and share-link bundles
/// have in common (Paperless-ngx's `DATETIME_KWARGS`), written once for both lists.
macro_rules! time_filters {
    ($resource:ty) => {
        impl $crate::list::List<$resource> {
            time_filters!(@one created_gt, "created__gt", "Created after `time`");
            time_filters!(@one created_gte, "created__gte", "Created at or after `time`");
            time_filters!(@one created_lt, "created__lt", "Created before `time`");
            time_filters!(@one created_lte, "created__lte", "Created at or before `time`");
            time_filters!(@one expiration_gt, "expiration__gt", "Expiring after `time`");
            time_filters!(@one expiration_gte, "expiration__gte", "Expiring at or after `time`");
            time_filters!(@one expiration_lt, "expiration__lt", "Expiring before `time`");
            time_filters!(@one expiration_lte, "expiration__lte", "Expiring at or before `time`");
        }
    };
    (@one $method:ident, $param:literal, $doc:literal) => {
        #[doc = concat!($doc, " (`", $param, "`, sent as RFC 3339). Links that never expire have no expiration and match no `expiration__*` filter.")]
        pub fn $method(
            self,
            time: impl Into<::chrono::DateTime<::chrono::FixedOffset>>,
        ) -> Self {
            self.param($param, time.into().to_rfc3339())
        }
    };
}

pub(crate) use time_filters;

time_filters!(ShareLinks);
