//! Operations on several documents at once: the bulk edit endpoint, the document operation
//! endpoints of API v10, bulk download and email.
//!
//! Endpoints:
//! - `POST /api/documents/bulk_edit/` with [`BulkEdit`] → [`ActionResult`](crate::outcome::ActionResult)
//! - `POST /api/documents/delete/` and `POST /api/documents/reprocess/` with a
//!   [`DocumentSelection`] → [`ActionResult`](crate::outcome::ActionResult)
//! - `POST /api/documents/rotate/` with [`RotateDocuments`] → [`ActionResult`](crate::outcome::ActionResult)
//! - `POST /api/documents/merge/` with [`MergeDocuments`] → [`ActionResult`](crate::outcome::ActionResult)
//! - `POST /api/documents/edit_pdf/` with [`EditPdfDocuments`] → [`ActionResult`](crate::outcome::ActionResult)
//! - `POST /api/documents/remove_password/` with [`RemovePasswordDocuments`] →
//!   [`ActionResult`](crate::outcome::ActionResult)
//! - `POST /api/documents/bulk_download/` with [`BulkDownload`] → a zip file (no model)
//! - `POST /api/documents/email/` with [`EmailDocuments`] → `{"message": "Email sent"}`
//!   ([`EmailResult`]); the deprecated `POST /api/documents/{id}/email/` takes [`EmailDocument`]
//!
//! Most operations run as a background `bulk_update` task; `"OK"` means the work was queued.
//!
//! ```
//! use paperless_types::bulk_edit::{BulkEdit, BulkEditOperation, DocumentSelection};
//! use paperless_types::{DocumentId, TagId};
//!
//! let edit = BulkEdit::new(
//!     DocumentSelection::documents([DocumentId(69), DocumentId(72)]),
//!     BulkEditOperation::add_tag(TagId(6)),
//! );
//! assert_eq!(
//!     serde_json::to_string(&edit)?,
//!     r#"{"documents":[69,72],"method":"add_tag","parameters":{"tag":6}}"#
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::ops::RangeInclusive;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::custom_field::CustomFieldsToAdd;
use crate::ids::{
    CorrespondentId, CustomFieldId, DocumentId, DocumentTypeId, StoragePathId, TagId, UserId,
};

use crate::permissions::Permissions;
use crate::secret::Secret;

/// Which documents an operation applies to: a list of ids, or every document matching
/// filters (`all: true`, API v10).
///
/// Serialized as `{"documents": [1, 2]}` or `{"all": true, "filters": {...}}`, on its own
/// (`/api/documents/delete/`, `/reprocess/`, `/selection_data/`) or merged into a larger body.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DocumentSelection {
    /// These documents.
    Documents(Vec<DocumentId>),
    /// Every document the user may see that matches these filters: the query parameters of
    /// `GET /api/documents/` as a JSON object, for example `{"title__icontains": "invoice"}`
    /// (full-text `query`/`text` included). Empty filters select every document.
    All {
        /// Document list filters, by query parameter name.
        filters: Map<String, Value>,
    },
}

impl DocumentSelection {
    /// These documents.
    #[must_use]
    pub fn documents(ids: impl IntoIterator<Item = DocumentId>) -> Self {
        Self::Documents(ids.into_iter().collect())
    }

    /// Every document matching these filters (query parameter name → value).
    #[must_use]
    pub fn matching<K: Into<String>, V: Into<Value>>(
        filters: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Self::All {
            filters: filters
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// Every document the user may see.
    #[must_use]
    pub fn all() -> Self {
        Self::All {
            filters: Map::new(),
        }
    }
}

impl Serialize for DocumentSelection {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self {
            Self::Documents(ids) => map.serialize_entry("documents", ids)?,
            Self::All { filters } => {
                map.serialize_entry("all", &true)?;
                map.serialize_entry("filters", filters)?;
            }
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for DocumentSelection {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(default)]
            documents: Option<Vec<DocumentId>>,
            #[serde(default)]
            all: bool,
            #[serde(default)]
            filters: Option<Map<String, Value>>,
        }
        let raw = Raw::deserialize(deserializer)?;
        if raw.all {
            return Ok(Self::All {
                filters: raw.filters.unwrap_or_default(),
            });
        }
        raw.documents.map(Self::Documents).ok_or_else(|| {
            serde::de::Error::custom(
                "a document selection needs `documents` (a list of ids) or `all: true`",
            )
        })
    }
}

crate::open_enum::string_enum! {
    /// Which file version a PDF operation reads (`source_mode`).
    pub enum SourceMode {
        /// The newest version of each document (the server's default).
        LatestVersion => "latest_version",
        /// Exactly the selected document ids, even if they are older versions.
        ExplicitSelection => "explicit_selection",
    }
}

/// Parameters of `set_correspondent`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SetCorrespondent {
    /// The correspondent to set; `None` removes it.
    pub correspondent: Option<CorrespondentId>,
}

/// Parameters of `set_document_type`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SetDocumentType {
    /// The document type to set; `None` removes it.
    pub document_type: Option<DocumentTypeId>,
}

/// Parameters of `set_storage_path`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SetStoragePath {
    /// The storage path to set; `None` removes it.
    pub storage_path: Option<StoragePathId>,
}

/// Parameters of `add_tag` and `remove_tag`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TagParameter {
    /// The tag to add or remove.
    pub tag: TagId,
}

/// Parameters of `modify_tags`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModifyTags {
    /// Tags to add (with their parent tags).
    pub add_tags: Vec<TagId>,
    /// Tags to remove (with their child tags).
    pub remove_tags: Vec<TagId>,
}

/// Parameters of `modify_custom_fields`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ModifyCustomFields {
    /// Fields to attach, with or without values (a value overwrites the current one).
    pub add_custom_fields: CustomFieldsToAdd,
    /// Fields to detach.
    pub remove_custom_fields: Vec<CustomFieldId>,
}

/// Parameters of `set_permissions`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SetPermissions {
    /// The view/change permissions to set.
    pub set_permissions: Permissions,
    /// The owner to set; always sent. `None` clears the owner (without `merge`).
    #[serde(default)]
    pub owner: Option<UserId>,
    /// `true` adds to the current permissions (and sets the owner only on unowned
    /// documents) instead of replacing them; the server's default is `false`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge: Option<bool>,
}

impl SetPermissions {
    /// Replaces the permissions and sets (or clears) the owner.
    #[must_use]
    pub fn new(permissions: Permissions, owner: Option<UserId>) -> Self {
        Self {
            set_permissions: permissions,
            owner,
            merge: None,
        }
    }

    /// Adds to the current permissions instead of replacing them.
    #[must_use]
    pub fn merge(mut self, merge: bool) -> Self {
        self.merge = Some(merge);
        self
    }
}

/// Parameters of rotating documents (`rotate`; `/api/documents/rotate/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rotate {
    /// Clockwise rotation in degrees; use multiples of 90 (the server does not check).
    pub degrees: i32,
    /// Which version to rotate; the server defaults to the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_mode: Option<SourceMode>,
}

impl Rotate {
    /// Rotates by this many degrees clockwise.
    #[must_use]
    pub fn new(degrees: i32) -> Self {
        Self {
            degrees,
            source_mode: None,
        }
    }
}

/// Parameters of merging PDFs into a new document (`merge`; `/api/documents/merge/`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Merge {
    /// Copy title, tags and other metadata from this document; `None` leaves the new document
    /// without metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata_document_id: Option<DocumentId>,
    /// Delete the merged documents afterwards (default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_originals: Option<bool>,
    /// Use the original file of documents without an archived version (default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive_fallback: Option<bool>,
    /// Which versions to merge; the server defaults to the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_mode: Option<SourceMode>,
}

/// Parameters of the legacy `split` method (API v9; v10 uses `edit_pdf`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Split {
    /// Page groups, each becoming one new document: `"1-2,3,4-5"`.
    pub pages: String,
    /// Delete the original afterwards (default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_originals: Option<bool>,
    /// Which version to split; the server defaults to the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_mode: Option<SourceMode>,
}

impl Split {
    /// Splits into one document per page range (1-based, inclusive): `[1..=2, 3..=3]` becomes
    /// `"1-2,3"`.
    #[must_use]
    pub fn new(ranges: impl IntoIterator<Item = RangeInclusive<u32>>) -> Self {
        let pages = ranges
            .into_iter()
            .map(|r| {
                if r.start() == r.end() {
                    r.start().to_string()
                } else {
                    format!("{}-{}", r.start(), r.end())
                }
            })
            .collect::<Vec<_>>()
            .join(",");
        Self {
            pages,
            delete_originals: None,
            source_mode: None,
        }
    }
}

/// Parameters of the legacy `delete_pages` method (API v9; v10 uses `edit_pdf`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeletePages {
    /// The pages to delete (1-based).
    pub pages: Vec<u32>,
    /// Which version to edit; the server defaults to the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_mode: Option<SourceMode>,
}

/// One output page of an `edit_pdf` operation. Pages not listed are dropped; the list order is
/// the new page order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PageOperation {
    /// The source page (1-based).
    pub page: u32,
    /// Clockwise rotation in degrees (multiples of 90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotate: Option<i32>,
    /// Index of the output document this page goes to (0-based; several indexes split the
    /// document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<u32>,
}

impl PageOperation {
    /// Keeps this page unrotated in the first output document.
    #[must_use]
    pub fn page(page: u32) -> Self {
        Self {
            page,
            rotate: None,
            doc: None,
        }
    }

    /// Rotates the page.
    #[must_use]
    pub fn rotate(mut self, degrees: i32) -> Self {
        self.rotate = Some(degrees);
        self
    }

    /// Puts the page into output document `doc` (0-based).
    #[must_use]
    pub fn doc(mut self, doc: u32) -> Self {
        self.doc = Some(doc);
        self
    }
}

/// Parameters of editing one PDF's pages (`edit_pdf`; `/api/documents/edit_pdf/`): reorder,
/// rotate, drop and split pages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EditPdf {
    /// The output pages, in order.
    pub operations: Vec<PageOperation>,
    /// Delete the original afterwards (default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_original: Option<bool>,
    /// Store the result as a new version of the document instead of a new document (default
    /// `false`; only with a single output document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_document: Option<bool>,
    /// Copy the metadata to the new documents (default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_metadata: Option<bool>,
    /// Which version to edit; the server defaults to the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_mode: Option<SourceMode>,
}

impl EditPdf {
    /// An edit producing these pages.
    #[must_use]
    pub fn new(operations: impl IntoIterator<Item = PageOperation>) -> Self {
        Self {
            operations: operations.into_iter().collect(),
            ..Self::default()
        }
    }
}

/// Parameters of removing a PDF password (`remove_password`;
/// `/api/documents/remove_password/`). `Debug` does not show the password.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RemovePassword {
    /// The PDF's current password (redacted in `Debug`).
    pub password: Secret,
    /// Store the unlocked file as a new version instead of a new document (default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_document: Option<bool>,
    /// Delete the original afterwards (default `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_original: Option<bool>,
    /// Copy the metadata to the new document (default `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_metadata: Option<bool>,
    /// Which version to unlock; the server defaults to the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_mode: Option<SourceMode>,
}

impl RemovePassword {
    /// Unlocks with this password.
    #[must_use]
    pub fn new(password: impl Into<Secret>) -> Self {
        Self {
            password: password.into(),
            ..Self::default()
        }
    }
}

macro_rules! bulk_edit_operations {
    (
        units { $( $(#[$umeta:meta])* $unit:ident => $uwire:literal, )* }
        with_parameters { $( $(#[$pmeta:meta])* $variant:ident($params:ty) => $pwire:literal, )* }
    ) => {
        /// A `bulk_edit` method with its parameters (`"method"` and `"parameters"` of the body).
        ///
        /// The document operations (`delete` … `remove_password`) are the legacy API v9 way;
        /// API v10 servers accept them but prefer the dedicated endpoints.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum BulkEditOperation {
            $( $(#[$umeta])* $unit, )*
            $( $(#[$pmeta])* $variant($params), )*
            /// A method this crate does not know, kept as sent.
            Other {
                /// The method name.
                method: String,
                /// The raw parameters, if any were sent.
                parameters: Option<Value>,
            },
        }

        impl BulkEditOperation {
            /// The method name as the server spells it.
            #[must_use]
            pub fn method(&self) -> &str {
                match self {
                    $( Self::$unit => $uwire, )*
                    $( Self::$variant(_) => $pwire, )*
                    Self::Other { method, .. } => method,
                }
            }

            fn serialize_parameters<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                match self {
                    $( Self::$unit => Ok(()), )*
                    $( Self::$variant(p) => map.serialize_entry("parameters", p), )*
                    Self::Other { parameters: Some(p), .. } => map.serialize_entry("parameters", p),
                    Self::Other { parameters: None, .. } => Ok(()),
                }
            }

            /// Builds an operation from a method name and its raw parameters (absent parameters
            /// are `{}`); unknown methods become [`BulkEditOperation::Other`].
            ///
            /// # Errors
            /// When the parameters do not fit a known method.
            pub fn from_parts(method: &str, parameters: Option<Value>) -> Result<Self, serde_json::Error> {
                let params = || parameters.clone().unwrap_or_else(|| Value::Object(Map::new()));
                match method {
                    $( $uwire => Ok(Self::$unit), )*
                    $( $pwire => serde_json::from_value(params()).map(Self::$variant), )*
                    _ => Ok(Self::Other { method: method.to_owned(), parameters }),
                }
            }
        }
    };
}

/// `From<Parameters> for BulkEditOperation` for parameter types used by exactly one method.
macro_rules! operation_from_parameters {
    ($( $variant:ident($params:ty), )*) => {$(
        impl From<$params> for BulkEditOperation {
            fn from(p: $params) -> Self {
                Self::$variant(p)
            }
        }
    )*};
}

bulk_edit_operations! {
    units {
        /// Move the documents to the trash (v10: `/api/documents/delete/`).
        Delete => "delete",
        /// Re-run consumption on the original files (v10: `/api/documents/reprocess/`).
        Reprocess => "reprocess",
    }
    with_parameters {
        /// Set or remove the correspondent.
        SetCorrespondent(SetCorrespondent) => "set_correspondent",
        /// Set or remove the document type.
        SetDocumentType(SetDocumentType) => "set_document_type",
        /// Set or remove the storage path.
        SetStoragePath(SetStoragePath) => "set_storage_path",
        /// Add one tag.
        AddTag(TagParameter) => "add_tag",
        /// Remove one tag.
        RemoveTag(TagParameter) => "remove_tag",
        /// Add and remove several tags.
        ModifyTags(ModifyTags) => "modify_tags",
        /// Attach (with values) and detach custom fields.
        ModifyCustomFields(ModifyCustomFields) => "modify_custom_fields",
        /// Set owner and permissions.
        SetPermissions(SetPermissions) => "set_permissions",
        /// Rotate pages (v10: `/api/documents/rotate/`).
        Rotate(Rotate) => "rotate",
        /// Merge into a new PDF (v10: `/api/documents/merge/`).
        Merge(Merge) => "merge",
        /// Split one PDF into several (v10: `/api/documents/edit_pdf/`).
        Split(Split) => "split",
        /// Delete pages of one PDF (v10: `/api/documents/edit_pdf/`).
        DeletePages(DeletePages) => "delete_pages",
        /// Reorder, rotate, drop and split pages of one PDF (v10: `/api/documents/edit_pdf/`).
        EditPdf(EditPdf) => "edit_pdf",
        /// Remove the password of one PDF (v10: `/api/documents/remove_password/`).
        RemovePassword(RemovePassword) => "remove_password",
    }
}

operation_from_parameters! {
    SetCorrespondent(SetCorrespondent),
    SetDocumentType(SetDocumentType),
    SetStoragePath(SetStoragePath),
    ModifyTags(ModifyTags),
    ModifyCustomFields(ModifyCustomFields),
    SetPermissions(SetPermissions),
    Rotate(Rotate),
    Merge(Merge),
    Split(Split),
    DeletePages(DeletePages),
    EditPdf(EditPdf),
    RemovePassword(RemovePassword),
}

impl BulkEditOperation {
    /// `set_correspondent`: sets (`Some`/an id) or removes (`None`) the correspondent.
    #[must_use]
    pub fn set_correspondent(correspondent: impl Into<Option<CorrespondentId>>) -> Self {
        Self::SetCorrespondent(SetCorrespondent {
            correspondent: correspondent.into(),
        })
    }

    /// `set_document_type`: sets (`Some`/an id) or removes (`None`) the document type.
    #[must_use]
    pub fn set_document_type(document_type: impl Into<Option<DocumentTypeId>>) -> Self {
        Self::SetDocumentType(SetDocumentType {
            document_type: document_type.into(),
        })
    }

    /// `set_storage_path`: sets (`Some`/an id) or removes (`None`) the storage path.
    #[must_use]
    pub fn set_storage_path(storage_path: impl Into<Option<StoragePathId>>) -> Self {
        Self::SetStoragePath(SetStoragePath {
            storage_path: storage_path.into(),
        })
    }

    /// `add_tag`.
    #[must_use]
    pub fn add_tag(tag: TagId) -> Self {
        Self::AddTag(TagParameter { tag })
    }

    /// `remove_tag`.
    #[must_use]
    pub fn remove_tag(tag: TagId) -> Self {
        Self::RemoveTag(TagParameter { tag })
    }

    /// `modify_tags`: adds and removes tags in one go.
    #[must_use]
    pub fn modify_tags(
        add: impl IntoIterator<Item = TagId>,
        remove: impl IntoIterator<Item = TagId>,
    ) -> Self {
        Self::ModifyTags(ModifyTags {
            add_tags: add.into_iter().collect(),
            remove_tags: remove.into_iter().collect(),
        })
    }

    /// `modify_custom_fields`: attaches and detaches custom fields.
    #[must_use]
    pub fn modify_custom_fields(
        add: CustomFieldsToAdd,
        remove: impl IntoIterator<Item = CustomFieldId>,
    ) -> Self {
        Self::ModifyCustomFields(ModifyCustomFields {
            add_custom_fields: add,
            remove_custom_fields: remove.into_iter().collect(),
        })
    }
}

impl Serialize for BulkEditOperation {
    /// Writes `"method"` and, when there are any, `"parameters"`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("method", self.method())?;
        self.serialize_parameters(&mut map)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for BulkEditOperation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Raw {
            method: String,
            #[serde(default)]
            parameters: Option<Value>,
        }
        let raw = Raw::deserialize(deserializer)?;
        Self::from_parts(&raw.method, raw.parameters).map_err(|e| {
            serde::de::Error::custom(format!("invalid parameters for `{}`: {e}", raw.method))
        })
    }
}

/// Body of `POST /api/documents/bulk_edit/`: one operation on a selection of documents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkEdit {
    /// The documents to change.
    #[serde(flatten)]
    pub selection: DocumentSelection,
    /// What to do with them.
    #[serde(flatten)]
    pub operation: BulkEditOperation,
    /// Marks the request as coming from the web UI (tasks then show `web_ui` as trigger).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_webui: Option<bool>,
}

impl BulkEdit {
    /// Applies `operation` to `selection`.
    #[must_use]
    pub fn new(selection: DocumentSelection, operation: impl Into<BulkEditOperation>) -> Self {
        Self {
            selection,
            operation: operation.into(),
            from_webui: None,
        }
    }
}

/// Body of `POST /api/documents/rotate/`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RotateDocuments {
    /// The documents to rotate.
    #[serde(flatten)]
    pub selection: DocumentSelection,
    /// Rotation and source version.
    #[serde(flatten)]
    pub parameters: Rotate,
    /// Marks the request as coming from the web UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_webui: Option<bool>,
}

impl RotateDocuments {
    /// Rotates `selection` by `degrees` clockwise.
    #[must_use]
    pub fn new(selection: DocumentSelection, degrees: i32) -> Self {
        Self {
            selection,
            parameters: Rotate::new(degrees),
            from_webui: None,
        }
    }
}

/// Body of `POST /api/documents/merge/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MergeDocuments {
    /// The documents to merge, in page order.
    pub documents: Vec<DocumentId>,
    /// Merge options.
    #[serde(flatten)]
    pub parameters: Merge,
    /// Marks the request as coming from the web UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_webui: Option<bool>,
}

impl MergeDocuments {
    /// Merges these documents with the given options.
    #[must_use]
    pub fn new(documents: impl IntoIterator<Item = DocumentId>, parameters: Merge) -> Self {
        Self {
            documents: documents.into_iter().collect(),
            parameters,
            from_webui: None,
        }
    }
}

/// Body of `POST /api/documents/edit_pdf/` (exactly one document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EditPdfDocuments {
    /// The document to edit (the server rejects more than one).
    pub documents: Vec<DocumentId>,
    /// The page operations and options.
    #[serde(flatten)]
    pub parameters: EditPdf,
    /// Marks the request as coming from the web UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_webui: Option<bool>,
}

impl EditPdfDocuments {
    /// Edits `document` as `edit` says.
    #[must_use]
    pub fn new(document: DocumentId, edit: EditPdf) -> Self {
        Self {
            documents: vec![document],
            parameters: edit,
            from_webui: None,
        }
    }
}

/// Body of `POST /api/documents/remove_password/`. `Debug` does not show the password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RemovePasswordDocuments {
    /// The documents to unlock.
    pub documents: Vec<DocumentId>,
    /// Password and options.
    #[serde(flatten)]
    pub parameters: RemovePassword,
    /// Marks the request as coming from the web UI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_webui: Option<bool>,
}

impl RemovePasswordDocuments {
    /// Unlocks these documents with `parameters.password`.
    #[must_use]
    pub fn new(
        documents: impl IntoIterator<Item = DocumentId>,
        parameters: RemovePassword,
    ) -> Self {
        Self {
            documents: documents.into_iter().collect(),
            parameters,
            from_webui: None,
        }
    }
}

crate::open_enum::string_enum! {
    /// Which files a bulk download puts into the zip.
    pub enum BulkDownloadContent {
        /// Archived versions (originals for documents without one). The server's default.
        Archive => "archive",
        /// Original files.
        Originals => "originals",
        /// Both, in `archive/` and `originals/` folders.
        Both => "both",
    }
}

crate::open_enum::string_enum! {
    /// Zip compression of a bulk download.
    pub enum BulkDownloadCompression {
        /// Stored without compression. The server's default.
        None => "none",
        /// Deflate.
        Deflated => "deflated",
        /// Bzip2.
        Bzip2 => "bzip2",
        /// LZMA.
        Lzma => "lzma",
    }
}

/// Body of `POST /api/documents/bulk_download/`; the response is a zip file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkDownload {
    /// The documents to download.
    #[serde(flatten)]
    pub selection: DocumentSelection,
    /// Which files; the server defaults to archived versions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<BulkDownloadContent>,
    /// Zip compression; the server defaults to none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compression: Option<BulkDownloadCompression>,
    /// Name the files by the storage path format instead of the plain file names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_formatting: Option<bool>,
}

impl BulkDownload {
    /// Downloads `selection` with the server's defaults.
    #[must_use]
    pub fn new(selection: DocumentSelection) -> Self {
        Self {
            selection,
            content: None,
            compression: None,
            follow_formatting: None,
        }
    }

    /// Chooses which files go into the zip.
    #[must_use]
    pub fn content(mut self, content: BulkDownloadContent) -> Self {
        self.content = Some(content);
        self
    }

    /// Chooses the zip compression.
    #[must_use]
    pub fn compression(mut self, compression: BulkDownloadCompression) -> Self {
        self.compression = Some(compression);
        self
    }

    /// Names files by the storage path format.
    #[must_use]
    pub fn follow_formatting(mut self, follow: bool) -> Self {
        self.follow_formatting = Some(follow);
        self
    }
}

/// Body of `POST /api/documents/email/`: email documents as attachments (needs SMTP set up
/// on the server).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailDocuments {
    /// The documents to attach (at least one).
    pub documents: Vec<DocumentId>,
    /// Recipients, comma-separated.
    pub addresses: String,
    /// Subject line.
    pub subject: String,
    /// Message text.
    pub message: String,
    /// Attach archived versions where they exist (default `true`) instead of originals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_archive_version: Option<bool>,
}

impl EmailDocuments {
    /// Emails `documents` to `addresses` (joined with commas).
    #[must_use]
    pub fn new<A: AsRef<str>>(
        documents: impl IntoIterator<Item = DocumentId>,
        addresses: impl IntoIterator<Item = A>,
        subject: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            documents: documents.into_iter().collect(),
            addresses: join_addresses(addresses),
            subject: subject.into(),
            message: message.into(),
            use_archive_version: None,
        }
    }

    /// Attaches archived versions (`true`) or originals (`false`).
    #[must_use]
    pub fn use_archive_version(mut self, archive: bool) -> Self {
        self.use_archive_version = Some(archive);
        self
    }
}

/// Body of the deprecated `POST /api/documents/{id}/email/` (API v9): email one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailDocument {
    /// Recipients, comma-separated.
    pub addresses: String,
    /// Subject line.
    pub subject: String,
    /// Message text.
    pub message: String,
    /// Attach the archived version if there is one (default `true`) instead of the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_archive_version: Option<bool>,
}

impl EmailDocument {
    /// Emails the document to `addresses` (joined with commas).
    #[must_use]
    pub fn new<A: AsRef<str>>(
        addresses: impl IntoIterator<Item = A>,
        subject: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            addresses: join_addresses(addresses),
            subject: subject.into(),
            message: message.into(),
            use_archive_version: None,
        }
    }

    /// Attaches the archived version (`true`) or the original (`false`).
    #[must_use]
    pub fn use_archive_version(mut self, archive: bool) -> Self {
        self.use_archive_version = Some(archive);
        self
    }
}

/// Response of the email endpoints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EmailResult {
    /// `"Email sent"`.
    pub message: String,
}

impl EmailResult {
    /// `{"message": "Email sent"}`.
    #[must_use]
    pub fn sent() -> Self {
        Self {
            message: "Email sent".to_owned(),
        }
    }
}

fn join_addresses<A: AsRef<str>>(addresses: impl IntoIterator<Item = A>) -> String {
    addresses
        .into_iter()
        .map(|a| a.as_ref().trim().to_owned())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::permissions::PermissionSet;
    use serde_json::json;

    fn to_json<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_else(|e| e.to_string())
    }

    fn ids(ids: &[u64]) -> DocumentSelection {
        DocumentSelection::documents(ids.iter().copied().map(DocumentId))
    }

    #[test]
    fn every_method_serializes_to_the_server_shape() {
        let cases: Vec<(BulkEditOperation, &str)> = vec![
            (
                BulkEditOperation::set_correspondent(CorrespondentId(8)),
                r#""method":"set_correspondent","parameters":{"correspondent":8}"#,
            ),
            (
                BulkEditOperation::set_correspondent(None),
                r#""method":"set_correspondent","parameters":{"correspondent":null}"#,
            ),
            (
                BulkEditOperation::set_document_type(DocumentTypeId(4)),
                r#""method":"set_document_type","parameters":{"document_type":4}"#,
            ),
            (
                BulkEditOperation::set_storage_path(StoragePathId(1)),
                r#""method":"set_storage_path","parameters":{"storage_path":1}"#,
            ),
            (
                BulkEditOperation::add_tag(TagId(6)),
                r#""method":"add_tag","parameters":{"tag":6}"#,
            ),
            (
                BulkEditOperation::remove_tag(TagId(6)),
                r#""method":"remove_tag","parameters":{"tag":6}"#,
            ),
            (
                BulkEditOperation::modify_tags([TagId(9)], [TagId(1)]),
                r#""method":"modify_tags","parameters":{"add_tags":[9],"remove_tags":[1]}"#,
            ),
            (
                BulkEditOperation::modify_custom_fields(
                    CustomFieldsToAdd::values([
                        (CustomFieldId(4), json!(true)),
                        (CustomFieldId(7), json!("EUR1.00")),
                    ]),
                    [CustomFieldId(10)],
                ),
                r#""method":"modify_custom_fields","parameters":{"add_custom_fields":{"4":true,"7":"EUR1.00"},"remove_custom_fields":[10]}"#,
            ),
            (
                SetPermissions::new(
                    Permissions::new(
                        PermissionSet::new([UserId(4)], []),
                        PermissionSet::default(),
                    ),
                    None,
                )
                .merge(true)
                .into(),
                r#""method":"set_permissions","parameters":{"set_permissions":{"view":{"users":[4],"groups":[]},"change":{"users":[],"groups":[]}},"owner":null,"merge":true}"#,
            ),
            (BulkEditOperation::Delete, r#""method":"delete""#),
            (BulkEditOperation::Reprocess, r#""method":"reprocess""#),
            (
                Rotate::new(90).into(),
                r#""method":"rotate","parameters":{"degrees":90}"#,
            ),
            (
                Merge {
                    metadata_document_id: Some(DocumentId(71)),
                    delete_originals: Some(false),
                    ..Merge::default()
                }
                .into(),
                r#""method":"merge","parameters":{"metadata_document_id":71,"delete_originals":false}"#,
            ),
            (
                Split::new([1..=2, 3..=3]).into(),
                r#""method":"split","parameters":{"pages":"1-2,3"}"#,
            ),
            (
                DeletePages {
                    pages: vec![2, 3],
                    source_mode: Some(SourceMode::ExplicitSelection),
                }
                .into(),
                r#""method":"delete_pages","parameters":{"pages":[2,3],"source_mode":"explicit_selection"}"#,
            ),
            (
                EditPdf::new([
                    PageOperation::page(2).rotate(180),
                    PageOperation::page(1).doc(1),
                ])
                .into(),
                r#""method":"edit_pdf","parameters":{"operations":[{"page":2,"rotate":180},{"page":1,"doc":1}]}"#,
            ),
            (
                RemovePassword::new("secret").into(),
                r#""method":"remove_password","parameters":{"password":"secret"}"#,
            ),
            (
                BulkEditOperation::Other {
                    method: "explode".into(),
                    parameters: Some(json!({})),
                },
                r#""method":"explode","parameters":{}"#,
            ),
        ];
        for (op, expected) in cases {
            let json = to_json(&BulkEdit::new(ids(&[69, 72]), op.clone()));
            assert_eq!(json, format!(r#"{{"documents":[69,72],{expected}}}"#));
            let back: BulkEdit =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(back.operation, op, "{json}");
        }
    }

    #[test]
    fn selection_by_filters_and_webui_flag() {
        let mut edit = BulkEdit::new(
            DocumentSelection::matching([("title__icontains", "ZZ scratch")]),
            BulkEditOperation::add_tag(TagId(2)),
        );
        edit.from_webui = Some(true);
        assert_eq!(
            to_json(&edit),
            r#"{"all":true,"filters":{"title__icontains":"ZZ scratch"},"method":"add_tag","parameters":{"tag":2},"from_webui":true}"#
        );
        assert_eq!(
            to_json(&DocumentSelection::all()),
            r#"{"all":true,"filters":{}}"#
        );
        assert_eq!(to_json(&ids(&[4, 9])), r#"{"documents":[4,9]}"#);
    }

    #[test]
    fn decoding_reports_bad_parameters_and_missing_selection() {
        let err = |s: &str| {
            serde_json::from_str::<BulkEdit>(s)
                .err()
                .map(|e| e.to_string())
        };
        assert_eq!(
            err(r#"{"documents":[1],"method":"add_tag","parameters":{}}"#).as_deref(),
            Some("invalid parameters for `add_tag`: missing field `tag` at line 1 column 52")
        );
        assert_eq!(
            err(r#"{"method":"delete"}"#).as_deref(),
            Some(
                "a document selection needs `documents` (a list of ids) or `all: true` at line 1 column 19"
            )
        );
        let parameterless: BulkEdit =
            serde_json::from_str(r#"{"documents":[1],"method":"reprocess","parameters":{}}"#)
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(parameterless.operation, BulkEditOperation::Reprocess);
        assert_eq!(parameterless.operation.method(), "reprocess");
    }

    #[test]
    fn v10_operation_bodies_serialize_exactly() {
        assert_eq!(
            to_json(&RotateDocuments::new(ids(&[71]), 90)),
            r#"{"documents":[71],"degrees":90}"#
        );
        assert_eq!(
            to_json(&MergeDocuments::new(
                [DocumentId(71), DocumentId(72)],
                Merge {
                    metadata_document_id: Some(DocumentId(71)),
                    delete_originals: Some(false),
                    ..Merge::default()
                }
            )),
            r#"{"documents":[71,72],"metadata_document_id":71,"delete_originals":false}"#
        );
        let mut edit = EditPdf::new([PageOperation::page(2).rotate(180), PageOperation::page(1)]);
        edit.update_document = Some(false);
        edit.include_metadata = Some(true);
        assert_eq!(
            to_json(&EditPdfDocuments::new(DocumentId(71), edit)),
            r#"{"documents":[71],"operations":[{"page":2,"rotate":180},{"page":1}],"update_document":false,"include_metadata":true}"#
        );
        let mut unlock = RemovePassword::new("secret");
        unlock.update_document = Some(false);
        let unlock = RemovePasswordDocuments::new([DocumentId(72)], unlock);
        assert_eq!(
            to_json(&unlock),
            r#"{"documents":[72],"password":"secret","update_document":false}"#
        );
        assert!(!format!("{unlock:?}").contains("secret"));
        assert!(
            !format!(
                "{:?}",
                BulkEditOperation::from(RemovePassword::new("secret"))
            )
            .contains("secret")
        );
        assert_eq!(
            to_json(
                &BulkDownload::new(ids(&[4, 35]))
                    .content(BulkDownloadContent::Both)
                    .compression(BulkDownloadCompression::Deflated)
                    .follow_formatting(true)
            ),
            r#"{"documents":[4,35],"content":"both","compression":"deflated","follow_formatting":true}"#
        );
        assert_eq!(
            to_json(&EmailDocuments::new(
                [DocumentId(72)],
                ["alice@example.com", " bob@example.com"],
                "Scratch",
                "Hi"
            )),
            r#"{"documents":[72],"addresses":"alice@example.com,bob@example.com","subject":"Scratch","message":"Hi"}"#
        );
        assert_eq!(
            to_json(
                &EmailDocument::new(["alice@example.com"], "Scratch", "See attached")
                    .use_archive_version(true)
            ),
            r#"{"addresses":"alice@example.com","subject":"Scratch","message":"See attached","use_archive_version":true}"#
        );
    }
}
