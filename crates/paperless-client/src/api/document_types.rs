//! Document types: `/api/document_types/`, [`Paperless::document_types`].
//!
//! | Call | Request |
//! |---|---|
//! | `document_types.get(1).await?` | `GET /api/document_types/1/` |
//! | `document_types.list().name_iexact("Invoice").send().await?` | `GET /api/document_types/?name__iexact=Invoice` |
//! | `document_types.create(&NewDocumentType::new("Invoice")).await?` | `POST /api/document_types/` |
//! | `document_types.update(1, &patch).await?` | `PATCH /api/document_types/1/` |
//! | `document_types.replace(1, &patch).await?` | `PUT /api/document_types/1/` |
//! | `document_types.delete(1).await?` | `DELETE /api/document_types/1/` |
//!
//! List filters: `id__in`, `name__*`, `full_perms`. Bulk deletion and permission changes:
//! [`crate::api::bulk_edit_objects`].

use paperless_types::DocumentTypeId;
use paperless_types::document_type::{DocumentType, DocumentTypePatch, NewDocumentType};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::resource::{
    Creatable, Deletable, HasIdFilter, HasName, HasPermissions, Resource, Updatable,
};

/// The document types collection, `/api/document_types/`: [`DocumentType`] objects, created with
/// [`NewDocumentType`], changed with [`DocumentTypePatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum DocumentTypes {}

impl Resource for DocumentTypes {
    type Id = DocumentTypeId;
    type Item = DocumentType;
    const NAME: &'static str = "document_types";
    const PATH: &'static str = "/api/document_types/";
    fn id_of(document_type: &DocumentType) -> DocumentTypeId {
        document_type.id
    }
}

impl Creatable for DocumentTypes {
    type Create = NewDocumentType;
}

impl Updatable for DocumentTypes {
    type Patch = DocumentTypePatch;
    type Replace = DocumentTypePatch;
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
        &[("permissions", "set_permissions")];
}

impl Deletable for DocumentTypes {}
impl HasPermissions for DocumentTypes {}
impl HasName for DocumentTypes {
    fn name_of(t: &DocumentType) -> &str {
        &t.name
    }
}
impl HasIdFilter for DocumentTypes {}

impl Paperless {
    /// Document types: the kind of a document, such as invoice or contract
    /// (`/api/document_types/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::document_type::NewDocumentType;
    ///
    /// let invoice = client.document_types().create(&NewDocumentType::new("Invoice")).await?;
    /// println!("created {}", invoice.id);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn document_types(&self) -> Endpoint<DocumentTypes> {
        self.endpoint()
    }
}
