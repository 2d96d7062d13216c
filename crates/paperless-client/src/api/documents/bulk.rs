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
use paperless_types::bulk_edit::{
    BulkEdit, BulkEditOperation, DocumentSelection, EditPdfDocuments, MergeDocuments,
    RemovePasswordDocuments, RotateDocuments,
};
use paperless_types::outcome::ActionResult;
use serde::Serialize;

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

impl Endpoint<Documents> {
    /// Sends a document operation to its API v10 endpoint, or as the `bulk_edit` form that
    /// `legacy` builds when the client speaks API v9, where the endpoint does not exist.
    async fn operation<B: Serialize + Sync>(
        &self,
        action: &'static str,
        endpoint: &str,
        body: &B,
        legacy: impl FnOnce() -> BulkEdit,
    ) -> Result<ActionResult> {
        if self.client().negotiate_api_version().await? == ApiVersion::V9 {
            return self.bulk_edit(&legacy()).await;
        }
        let path = format!("{}{endpoint}/", Documents::PATH);
        let request = ApiRequest::new(op(action), Method::POST, path).json(body)?;
        self.client().json(request).await
    }

    /// One bulk edit: `POST /api/documents/bulk_edit/` with `{documents | all + filters, method,
    /// parameters}`.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for an empty id list;
    /// [`Error::Api`](crate::Error::Api) with status 400 for an unknown method, missing
    /// parameters or unknown documents, 403 without change permission on every document.
    pub async fn bulk_edit(&self, edit: &BulkEdit) -> Result<ActionResult> {
        check_selection("bulk_edit", &edit.selection)?;
        if matches!(edit.selection, DocumentSelection::All { .. }) {
            // 2.x reads only `documents` (400 `documents: This field is required.`).
            self.client()
                .require_3x(Operation::new("documents", "bulk_edit with all + filters"))
                .await?;
        }
        let path = format!("{}bulk_edit/", Documents::PATH);
        let request = ApiRequest::new(op("bulk_edit"), Method::POST, path).json(edit)?;
        self.client().json(request).await
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
        check_selection("delete_many", selection)?;
        self.operation("delete_many", "delete", selection, || {
            BulkEdit::new(selection.clone(), BulkEditOperation::Delete)
        })
        .await
    }

    /// Runs consumption again on the documents' original files (OCR, matching):
    /// `POST /api/documents/reprocess/`.
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn reprocess(&self, selection: &DocumentSelection) -> Result<ActionResult> {
        check_selection("reprocess", selection)?;
        self.operation("reprocess", "reprocess", selection, || {
            BulkEdit::new(selection.clone(), BulkEditOperation::Reprocess)
        })
        .await
    }

    /// Rotates the documents' pages: `POST /api/documents/rotate/`.
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn rotate(&self, rotate: &RotateDocuments) -> Result<ActionResult> {
        check_selection("rotate", &rotate.selection)?;
        self.operation("rotate", "rotate", rotate, || {
            BulkEdit::new(
                rotate.selection.clone(),
                BulkEditOperation::Rotate(rotate.parameters.clone()),
            )
        })
        .await
    }

    /// Merges PDFs, in the given order, into a new document: `POST /api/documents/merge/`.
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn merge(&self, merge: &MergeDocuments) -> Result<ActionResult> {
        if merge.documents.is_empty() {
            return Err(InvalidInput::new("documents.merge needs at least one document id").into());
        }
        self.operation("merge", "merge", merge, || {
            BulkEdit::new(
                DocumentSelection::documents(merge.documents.iter().copied()),
                BulkEditOperation::Merge(merge.parameters.clone()),
            )
        })
        .await
    }

    /// Reorders, rotates, drops and splits the pages of one PDF:
    /// `POST /api/documents/edit_pdf/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 400 for a page out of range or more than one
    /// document.
    pub async fn edit_pdf(&self, edit: &EditPdfDocuments) -> Result<ActionResult> {
        self.operation("edit_pdf", "edit_pdf", edit, || {
            BulkEdit::new(
                DocumentSelection::documents(edit.documents.iter().copied()),
                BulkEditOperation::EditPdf(edit.parameters.clone()),
            )
        })
        .await
    }

    /// Removes the password of PDFs: `POST /api/documents/remove_password/`. A wrong password
    /// makes the background task fail, not this request.
    ///
    /// # Errors
    /// As [`Endpoint::bulk_edit`].
    pub async fn remove_password(&self, remove: &RemovePasswordDocuments) -> Result<ActionResult> {
        if remove.documents.is_empty() {
            return Err(InvalidInput::new(
                "documents.remove_password needs at least one document id",
            )
            .into());
        }
        // On API 9 it goes as a bulk edit method, which 2.x does not have.
        self.client().require_3x(op("remove_password")).await?;
        self.operation("remove_password", "remove_password", remove, || {
            BulkEdit::new(
                DocumentSelection::documents(remove.documents.iter().copied()),
                BulkEditOperation::RemovePassword(remove.parameters.clone()),
            )
        })
        .await
    }
}
