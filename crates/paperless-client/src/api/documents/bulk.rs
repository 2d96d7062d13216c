//! Operations on many documents: `bulk_edit/` and the document operation endpoints of API v10.
//!
//! Each call answers `{"result": "OK"}` once the server has queued the work as a `bulk_update`
//! task; the changes land shortly after.
//!
//! On API v9 (Paperless-ngx 2.x) the operations `delete`, `reprocess`, `rotate`, `merge`,
//! `edit_pdf` and `remove_password` exist only as `bulk_edit` methods. A client built for API v9
//! ([`ApiVersion::V9`](paperless_transport::ApiVersion::V9)) sends the calls below in that legacy
//! form, so the same Rust call works on both versions; `split` and `delete_pages` are `bulk_edit`
//! methods on both (use [`Endpoint::bulk`]).

use http::Method;
use paperless_transport::ApiVersion;
use paperless_types::DocumentId;
use paperless_types::bulk_edit::{
    BulkEdit, BulkEditOperation, DocumentSelection, EditPdfDocuments, MergeDocuments,
    RemovePasswordDocuments, RotateDocuments,
};
use paperless_types::outcome::ActionResult;

use super::{Documents, op};
use crate::endpoint::Endpoint;
use crate::error::{InvalidInput, Result};
use crate::operation::Operation;
use crate::request::ApiRequest;
use crate::resource::Resource;

/// An empty id list selects nothing; the server answers 400, so it is refused before sending.
fn check_selection(action: &str, selection: &DocumentSelection) -> Result<()> {
    match selection {
        DocumentSelection::Documents(ids) if ids.is_empty() => Err(InvalidInput::new(format!(
            "documents.{action} needs at least one document id"
        ))
        .into()),
        _ => Ok(()),
    }
}

/// An operation on many documents, one variant per call of [`Endpoint<Documents>`]'s bulk
/// methods. [`DocumentOperation::to_request`] is the one mapping of an operation to the request
/// it is sent as on each API version; [`Endpoint::describe`] gives that request for the client's
/// version without sending it (a dry run), [`Endpoint::apply`] sends it.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum DocumentOperation {
    /// `bulk_edit/` ([`Endpoint::bulk_edit`]).
    BulkEdit(BulkEdit),
    /// `delete/` ([`Endpoint::delete_many`]).
    Delete(DocumentSelection),
    /// `reprocess/` ([`Endpoint::reprocess`]).
    Reprocess(DocumentSelection),
    /// `rotate/` ([`Endpoint::rotate`]).
    Rotate(RotateDocuments),
    /// `merge/` ([`Endpoint::merge`]).
    Merge(MergeDocuments),
    /// `edit_pdf/` ([`Endpoint::edit_pdf`]).
    EditPdf(EditPdfDocuments),
    /// `remove_password/` ([`Endpoint::remove_password`]).
    RemovePassword(RemovePasswordDocuments),
}

impl From<BulkEdit> for DocumentOperation {
    fn from(edit: BulkEdit) -> Self {
        Self::BulkEdit(edit)
    }
}

/// The request a [`DocumentOperation`] is sent as: a `POST` of a JSON body
/// ([`DocumentOperation::to_request`], [`Endpoint::describe`]).
#[derive(Debug, Clone, PartialEq)]
pub struct OperationRequest {
    action: &'static str,
    path: String,
    body: serde_json::Value,
}

impl OperationRequest {
    /// The method: always `POST`.
    pub fn method(&self) -> Method {
        Method::POST
    }

    /// The path below the installation root: `/api/documents/rotate/`,
    /// `/api/documents/bulk_edit/`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The JSON body.
    pub fn body(&self) -> &serde_json::Value {
        &self.body
    }

    /// Whether this is a `bulk_edit/` request (on API v9 every operation is).
    pub fn is_bulk_edit(&self) -> bool {
        self.action == "bulk_edit"
    }
}

impl DocumentOperation {
    /// The name of the call, for errors (`delete_many`, `rotate`, ...).
    fn action(&self) -> &'static str {
        match self {
            Self::BulkEdit(_) => "bulk_edit",
            Self::Delete(_) => "delete_many",
            Self::Reprocess(_) => "reprocess",
            Self::Rotate(_) => "rotate",
            Self::Merge(_) => "merge",
            Self::EditPdf(_) => "edit_pdf",
            Self::RemovePassword(_) => "remove_password",
        }
    }

    /// On API v9 (Paperless-ngx 2.x, or a 3.x server pinned to 9) the operation endpoints do not
    /// exist: each goes as this `bulk_edit` method. `None` for a bulk edit itself.
    fn legacy(&self) -> Option<BulkEdit> {
        let ids = |ids: &[DocumentId]| DocumentSelection::documents(ids.iter().copied());
        Some(match self {
            Self::BulkEdit(_) => return None,
            Self::Delete(s) => BulkEdit::new(s.clone(), BulkEditOperation::Delete),
            Self::Reprocess(s) => BulkEdit::new(s.clone(), BulkEditOperation::Reprocess),
            Self::Rotate(r) => BulkEdit::new(
                r.selection.clone(),
                BulkEditOperation::Rotate(r.parameters.clone()),
            ),
            Self::Merge(m) => BulkEdit::new(
                ids(&m.documents),
                BulkEditOperation::Merge(m.parameters.clone()),
            ),
            Self::EditPdf(e) => BulkEdit::new(
                ids(&e.documents),
                BulkEditOperation::EditPdf(e.parameters.clone()),
            ),
            Self::RemovePassword(r) => BulkEdit::new(
                ids(&r.documents),
                BulkEditOperation::RemovePassword(r.parameters.clone()),
            ),
        })
    }

    /// The request this operation is sent as to a server that speaks `version`: its API v10
    /// endpoint (`/api/documents/rotate/`, ...), or on API v9 the `bulk_edit/` method that
    /// stands for it. No check and no I/O: [`Endpoint::describe`] adds the checks the calls
    /// make and the client's version.
    ///
    /// ```
    /// use paperless_client::api::documents::DocumentOperation;
    /// use paperless_client::transport::ApiVersion;
    /// use paperless_client::types::DocumentId;
    /// use paperless_client::types::bulk_edit::{DocumentSelection, RotateDocuments};
    ///
    /// let rotate = DocumentOperation::Rotate(RotateDocuments::new(
    ///     DocumentSelection::documents([DocumentId(3)]),
    ///     90,
    /// ));
    /// let v10 = rotate.to_request(ApiVersion::V10)?;
    /// assert_eq!(v10.path(), "/api/documents/rotate/");
    /// let v9 = rotate.to_request(ApiVersion::V9)?;
    /// assert_eq!(v9.path(), "/api/documents/bulk_edit/");
    /// assert_eq!(v9.body()["method"], "rotate");
    /// # Ok::<(), paperless_client::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) if the payload cannot be written as JSON.
    pub fn to_request(&self, version: ApiVersion) -> Result<OperationRequest> {
        if version == ApiVersion::V9
            && let Some(edit) = self.legacy()
        {
            return Self::BulkEdit(edit).to_request(version);
        }
        let (endpoint, body) = match self {
            Self::BulkEdit(e) => ("bulk_edit", serde_json::to_value(e)),
            Self::Delete(s) => ("delete", serde_json::to_value(s)),
            Self::Reprocess(s) => ("reprocess", serde_json::to_value(s)),
            Self::Rotate(r) => ("rotate", serde_json::to_value(r)),
            Self::Merge(m) => ("merge", serde_json::to_value(m)),
            Self::EditPdf(e) => ("edit_pdf", serde_json::to_value(e)),
            Self::RemovePassword(r) => ("remove_password", serde_json::to_value(r)),
        };
        let action = if endpoint == "bulk_edit" {
            "bulk_edit"
        } else {
            self.action()
        };
        let body = body.map_err(|e| {
            InvalidInput::with_source(
                format!("the documents.{action} payload cannot be serialized as JSON"),
                e,
            )
        })?;
        Ok(OperationRequest {
            action,
            path: format!("{}{endpoint}/", Documents::PATH),
            body,
        })
    }

    /// Whether the operation selects documents by filters (`all`), not by ids.
    fn selects_all(&self) -> bool {
        let selection = match self {
            Self::BulkEdit(e) => &e.selection,
            Self::Delete(s) | Self::Reprocess(s) => s,
            Self::Rotate(r) => &r.selection,
            Self::Merge(_) | Self::EditPdf(_) | Self::RemovePassword(_) => return false,
        };
        matches!(selection, DocumentSelection::All { .. })
    }

    /// The checks made before sending, whatever the version: an empty id list.
    fn check(&self) -> Result<()> {
        let action = self.action();
        match self {
            Self::BulkEdit(e) => check_selection(action, &e.selection),
            Self::Delete(s) | Self::Reprocess(s) => check_selection(action, s),
            Self::Rotate(r) => check_selection(action, &r.selection),
            Self::Merge(m) if m.documents.is_empty() => {
                Err(InvalidInput::new("documents.merge needs at least one document id").into())
            }
            Self::RemovePassword(r) if r.documents.is_empty() => Err(InvalidInput::new(
                "documents.remove_password needs at least one document id",
            )
            .into()),
            Self::Merge(_) | Self::EditPdf(_) | Self::RemovePassword(_) => Ok(()),
        }
    }
}

impl Endpoint<Documents> {
    /// The request `operation` would be sent as, without sending it: the client's API version
    /// (pinned, or negotiated now: the one request this may send) through
    /// [`DocumentOperation::to_request`], after the checks [`Endpoint::apply`] makes. For dry
    /// runs: `paperless bulk-edit --dry-run` prints it.
    ///
    /// ```
    /// # use paperless_client::prelude::*;
    /// # #[tokio::main] async fn main() -> std::result::Result<(), Box<dyn std::error::Error>> {
    /// # let server = paperless_testkit::TestServer::demo().await?;
    /// # let client = Paperless::new(server.url(), server.token())?;
    /// use paperless_client::api::documents::DocumentOperation;
    /// use paperless_client::types::DocumentId;
    /// use paperless_client::types::bulk_edit::DocumentSelection;
    ///
    /// let delete = DocumentOperation::Delete(DocumentSelection::documents([DocumentId(1)]));
    /// let request = client.documents().describe(&delete).await?;
    /// assert_eq!(request.path(), "/api/documents/delete/"); // a 3.x server, API 10
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Endpoint::apply`], for what is known before sending: an empty id list, an
    /// operation the (known) 2.x server does not have, a failed negotiation.
    pub async fn describe(&self, operation: &DocumentOperation) -> Result<OperationRequest> {
        operation.check()?;
        if matches!(operation, DocumentOperation::RemovePassword(_)) {
            // On API 9 it goes as a bulk edit method, which 2.x does not have.
            self.client().require_3x(op("remove_password")).await?;
        }
        let version = self.client().negotiate_api_version().await?;
        let request = operation.to_request(version)?;
        if request.is_bulk_edit() && operation.selects_all() {
            // 2.x reads only `documents` (400 `documents: This field is required.`).
            self.client()
                .require_3x(Operation::new("documents", "bulk_edit with all + filters"))
                .await?;
        }
        Ok(request)
    }

    /// Sends `operation` as [`Endpoint::describe`] says: the call behind each of this module's
    /// methods.
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn apply(&self, operation: &DocumentOperation) -> Result<ActionResult> {
        let request = self.describe(operation).await?;
        let api =
            ApiRequest::new(op(request.action), Method::POST, request.path).json(&request.body)?;
        self.client().json(api).await
    }

    /// One bulk edit: `POST /api/documents/bulk_edit/` with `{documents | all + filters, method,
    /// parameters}`.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for an empty id list;
    /// [`Error::Api`](crate::Error::Api) with status 400 for an unknown method, missing
    /// parameters or unknown documents, 403 without change permission on every document.
    pub async fn bulk_edit(&self, edit: &BulkEdit) -> Result<ActionResult> {
        self.apply(&DocumentOperation::BulkEdit(edit.clone())).await
    }

    /// Applies `operation` to `selection`: [`Endpoint::bulk_edit`] without building the
    /// [`BulkEdit`] yourself.
    ///
    /// ```no_run
    /// use paperless_client::types::{DocumentId, TagId};
    /// use paperless_client::types::bulk_edit::{BulkEditOperation, DocumentSelection};
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let docs = DocumentSelection::documents([DocumentId(69), DocumentId(72)]);
    /// client
    ///     .documents()
    ///     .bulk(docs, BulkEditOperation::modify_tags([TagId(6)], [TagId(2)]))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn bulk(
        &self,
        selection: DocumentSelection,
        operation: impl Into<BulkEditOperation>,
    ) -> Result<ActionResult> {
        self.bulk_edit(&BulkEdit::new(selection, operation)).await
    }

    /// Moves documents to the trash: `POST /api/documents/delete/` (on API v9: `bulk_edit` with
    /// [`BulkEditOperation::Delete`]).
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn delete_many(&self, selection: &DocumentSelection) -> Result<ActionResult> {
        self.apply(&DocumentOperation::Delete(selection.clone()))
            .await
    }

    /// Runs consumption again on the documents' original files (OCR, matching):
    /// `POST /api/documents/reprocess/`.
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn reprocess(&self, selection: &DocumentSelection) -> Result<ActionResult> {
        self.apply(&DocumentOperation::Reprocess(selection.clone()))
            .await
    }

    /// Rotates the documents' pages: `POST /api/documents/rotate/`.
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn rotate(&self, rotate: &RotateDocuments) -> Result<ActionResult> {
        self.apply(&DocumentOperation::Rotate(rotate.clone())).await
    }

    /// Merges PDFs, in the given order, into a new document: `POST /api/documents/merge/`.
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn merge(&self, merge: &MergeDocuments) -> Result<ActionResult> {
        self.apply(&DocumentOperation::Merge(merge.clone())).await
    }

    /// Reorders, rotates, drops and splits the pages of one PDF:
    /// `POST /api/documents/edit_pdf/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 400 for a page out of range or more than one
    /// document.
    pub async fn edit_pdf(&self, edit: &EditPdfDocuments) -> Result<ActionResult> {
        self.apply(&DocumentOperation::EditPdf(edit.clone())).await
    }

    /// Removes the password of PDFs: `POST /api/documents/remove_password/`. A wrong password
    /// makes the background task fail, not this request.
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn remove_password(&self, remove: &RemovePasswordDocuments) -> Result<ActionResult> {
        self.apply(&DocumentOperation::RemovePassword(remove.clone()))
            .await
    }
}
