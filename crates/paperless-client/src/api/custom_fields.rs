//! Custom field definitions: `/api/custom_fields/`, [`Paperless::custom_fields`].
//!
//! | Call | Request |
//! |---|---|
//! | `custom_fields.get(7).await?` | `GET /api/custom_fields/7/` |
//! | `custom_fields.list().name_icontains("amount").send().await?` | `GET /api/custom_fields/?name__icontains=amount` |
//! | `custom_fields.create(&NewCustomField::select("Color", ["Red"])).await?` | `POST /api/custom_fields/` |
//! | `custom_fields.update(7, &CustomFieldPatch::new().name("Total")).await?` | `PATCH /api/custom_fields/7/` |
//! | `custom_fields.replace(7, &NewCustomField::new(..)).await?` | `PUT /api/custom_fields/7/` |
//! | `custom_fields.delete(7).await?` | `DELETE /api/custom_fields/7/` |
//!
//! List filters: `id__in`, `name__*`. Custom fields have no owner. The values on documents are
//! set through the documents endpoint.

use paperless_types::CustomFieldId;
use paperless_types::custom_field::{CustomField, CustomFieldPatch, NewCustomField};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::resource::{Creatable, Deletable, HasIdFilter, HasName, Resource, Updatable};

/// The custom field definitions, `/api/custom_fields/`: [`CustomField`] objects, created and
/// replaced (`PUT`) with [`NewCustomField`], changed with [`CustomFieldPatch`].
#[derive(Debug)]
pub enum CustomFields {}

impl Resource for CustomFields {
    type Id = CustomFieldId;
    type Item = CustomField;
    const NAME: &'static str = "custom_fields";
    const PATH: &'static str = "/api/custom_fields/";
    fn id_of(field: &CustomField) -> CustomFieldId {
        field.id
    }
}

impl Creatable for CustomFields {
    type Create = NewCustomField;
}

impl Updatable for CustomFields {
    type Patch = CustomFieldPatch;
    type Replace = NewCustomField;
}

impl Deletable for CustomFields {}
impl HasName for CustomFields {
    fn name_of(f: &CustomField) -> &str {
        &f.name
    }
}
impl HasIdFilter for CustomFields {}

impl Paperless {
    /// Custom field definitions: the extra, typed fields documents can carry
    /// (`/api/custom_fields/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::custom_field::NewCustomField;
    ///
    /// let field = client
    ///     .custom_fields()
    ///     .create(&NewCustomField::select("Color", ["Red", "Green"]))
    ///     .await?;
    /// for option in field.select_options() {
    ///     println!("{:?} = {}", option.id, option.label);
    /// }
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn custom_fields(&self) -> Endpoint<CustomFields> {
        self.endpoint()
    }
}
