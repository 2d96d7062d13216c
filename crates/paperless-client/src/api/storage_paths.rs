//! Storage paths: `/api/storage_paths/`, [`Paperless::storage_paths`].
//!
//! | Call | Request |
//! |---|---|
//! | `storage_paths.get(2).await?` | `GET /api/storage_paths/2/` |
//! | `storage_paths.list().path_icontains("taxes").send().await?` | `GET /api/storage_paths/?path__icontains=taxes` |
//! | `storage_paths.create(&NewStoragePath::new("Taxes", "taxes/{{ title }}")).await?` | `POST /api/storage_paths/` |
//! | `storage_paths.update(2, &patch).await?` | `PATCH /api/storage_paths/2/` |
//! | `storage_paths.replace(2, &patch).await?` | `PUT /api/storage_paths/2/` |
//! | `storage_paths.delete(2).await?` | `DELETE /api/storage_paths/2/` |
//! | `storage_paths.test(&StoragePathTest::new(doc, template)).await?` | `POST /api/storage_paths/test/` |
//!
//! List filters: `id__in`, `name__*`, `path__*`, `full_perms`. Bulk deletion and permission
//! changes: [`crate::api::bulk_edit_objects`].

use paperless_types::StoragePathId;
use paperless_types::storage_path::{
    NewStoragePath, StoragePath, StoragePathPatch, StoragePathTest,
};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::list::List;
use crate::resource::{
    Creatable, Deletable, HasIdFilter, HasName, HasPermissions, Resource, Updatable,
};

/// The storage paths collection, `/api/storage_paths/`: [`StoragePath`] objects, created with
/// [`NewStoragePath`], changed with [`StoragePathPatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum StoragePaths {}

impl Resource for StoragePaths {
    type Id = StoragePathId;
    type Item = StoragePath;
    const NAME: &'static str = "storage_paths";
    const PATH: &'static str = "/api/storage_paths/";
    fn id_of(path: &StoragePath) -> StoragePathId {
        path.id
    }
}

impl Creatable for StoragePaths {
    type Create = NewStoragePath;
}

impl Updatable for StoragePaths {
    type Patch = StoragePathPatch;
    type Replace = StoragePathPatch;
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
        &[("permissions", "set_permissions")];
}

impl Deletable for StoragePaths {}
impl HasPermissions for StoragePaths {}
impl HasName for StoragePaths {
    fn name_of(p: &StoragePath) -> &str {
        &p.name
    }
}
impl HasIdFilter for StoragePaths {}

impl Paperless {
    /// Storage paths: templates deciding where the server stores a document's files
    /// (`/api/storage_paths/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::DocumentId;
    /// use paperless_client::types::storage_path::StoragePathTest;
    ///
    /// let template = "{{ correspondent }}/{{ created_year }}/{{ title }}";
    /// let rendered = client
    ///     .storage_paths()
    ///     .test(&StoragePathTest::new(DocumentId(22), template))
    ///     .await?;
    /// println!("document 22 would be stored at {rendered:?}");
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn storage_paths(&self) -> Endpoint<StoragePaths> {
        self.endpoint()
    }
}

impl Endpoint<StoragePaths> {
    /// Renders a path template against one document without saving anything
    /// (`POST /api/storage_paths/test/`): the path the document's file would get, relative to the
    /// media root and with its file extension, or `None` when the template cannot be rendered
    /// (the server then answers 200 with an empty body).
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 400 when the document does not exist or the user may not
    /// see it; transport and decode errors.
    pub async fn test(&self, test: &StoragePathTest) -> Result<Option<String>> {
        let request = self.collection_action("test").json(test)?;
        let rendered: Option<Option<String>> = self
            .client()
            .execute(request)
            .await?
            .json_or_empty()
            .await?;
        Ok(rendered.flatten())
    }
}

impl List<StoragePaths> {
    /// Path templates containing `text`, ignoring case (`path__icontains`).
    pub fn path_icontains(self, text: impl AsRef<str>) -> Self {
        self.param("path__icontains", text.as_ref())
    }

    /// Path templates equal to `text`, ignoring case (`path__iexact`).
    pub fn path_iexact(self, text: impl AsRef<str>) -> Self {
        self.param("path__iexact", text.as_ref())
    }

    /// Path templates starting with `text`, ignoring case (`path__istartswith`).
    pub fn path_istartswith(self, text: impl AsRef<str>) -> Self {
        self.param("path__istartswith", text.as_ref())
    }

    /// Path templates ending with `text`, ignoring case (`path__iendswith`).
    pub fn path_iendswith(self, text: impl AsRef<str>) -> Self {
        self.param("path__iendswith", text.as_ref())
    }
}
