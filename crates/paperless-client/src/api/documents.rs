//! Documents: `client.documents()`, the [`Documents`] resource and everything hanging off a
//! document.
//!
//! | call | request |
//! |---|---|
//! | `get(id)` (`.version(v)`, `.full_perms(true)`, `.fields(..)`) | `GET /api/documents/{id}/` |
//! | `list()` (typed filters, see [`List<Documents>`](crate::List#impl-List<Documents>)) | `GET /api/documents/?...` |
//! | `search(q)`, `more_like(id)` | `GET /api/documents/?query=q`, `?more_like_id=id` |
//! | `update(id, &patch)`, `replace`, `edit(id)` → `save()`, `delete(id)` | `PATCH`/`PUT`/`DELETE /api/documents/{id}/` |
//! | `post_document(file, &meta)` → [`UploadTask`] → `.wait()` | `POST /api/documents/post_document/` |
//! | `download(id)`, `preview(id)`, `thumbnail(id)`, `bulk_download(..)` → [`Download`](crate::download::Download) | `GET .../download/`, `/preview/`, `/thumb/`, `POST /api/documents/bulk_download/` |
//! | `metadata(id)`, `suggestions(id)`, `ai_suggestions(id)`, `history(id)`, `share_links(id)`, `root(id)`, `notes(id)` | `GET /api/documents/{id}/metadata/`, ... |
//! | `add_note(id, text)`, `delete_note(id, note)` | `POST`, `DELETE /api/documents/{id}/notes/` |
//! | `update_version(id, file, label)`, `set_version_label`, `delete_version` | `POST .../update_version/`, `PATCH`/`DELETE .../versions/{v}/` |
//! | `next_asn()`, `selection_data(ids)`, `email(..)` | `GET /api/documents/next_asn/`, `POST .../selection_data/`, `POST .../email/` |
//! | `bulk_edit(..)`, `delete_many`, `reprocess`, `rotate`, `merge`, `edit_pdf`, `remove_password`; `apply(&op)`, `describe(&op)` (the request, not sent) | `POST /api/documents/bulk_edit/`, `/delete/`, ... (on API v9 all as `bulk_edit/`) |
//!
//! Every call that names one document takes any [`DocumentRef`]: a [`DocumentId`], a plain
//! integer, or a fetched [`Document`] (`documents.metadata(&doc)`), the way PyPaperless offers
//! `document.get_metadata()` on a fetched item.
//!
//! The guide `docs/documents.md` walks through all of it.

mod bulk;
mod files;
mod progress;
mod query;
mod upload;

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use http::Method;
use paperless_types::bulk_edit::{DocumentSelection, EmailDocument, EmailDocuments, EmailResult};
use paperless_types::document::{
    AddNoteResult, AiSuggestions, ChatRequest, DeleteVersionResult, Document, DocumentMetadata,
    DocumentPatch, DocumentVersion, DocumentVersionPatch, HistoryEntry, NewNote, Note,
    RootDocument, SelectionData, Suggestions,
};
use paperless_types::share_link::ShareLink;
use paperless_types::{DocumentId, NoteId};
use serde::de::DeserializeOwned;

use crate::client::Paperless;
use crate::endpoint::{Endpoint, Get};
use crate::error::{InvalidInput, Result};
use crate::list::List;
use crate::operation::Operation;
use crate::query::Query;
use crate::request::ApiRequest;
use crate::resource::{
    Deletable, HasFields, HasIdFilter, HasOwner, Resource, Updatable, object_path,
};
use crate::tracked::Tracked;

pub use bulk::{DocumentOperation, OperationRequest};
pub use files::FileRequest;
/// Typed custom field values (re-export of `paperless_types::custom_field_set`, pure data).
pub use paperless_types::custom_field_set::{
    CustomFieldSet, CustomFieldValueError, FieldInput, FieldValue,
};
pub use progress::UploadProgress;
pub use upload::{Upload, UploadFile, UploadTask, WaitForDocument};

/// `/api/documents/`: the documents of the installation.
///
/// Documents are created by uploading a file ([`Endpoint::post_document`]), not with
/// `POST /api/documents/` (the server answers 405), so the resource is not
/// [`Creatable`](crate::Creatable). Deleting moves a document to the trash
/// ([`Paperless::trash`]).
#[derive(Debug)]
pub enum Documents {}

impl Resource for Documents {
    type Id = DocumentId;
    type Item = Document;
    const NAME: &'static str = "documents";
    const PATH: &'static str = "/api/documents/";

    fn id_of(document: &Document) -> DocumentId {
        document.id
    }
}

impl Updatable for Documents {
    type Patch = DocumentPatch;
    /// `PUT` takes the same fields as `PATCH`; fields left out keep their values, except
    /// `correspondent`, `document_type` and `storage_path`, which the server requires on a `PUT`
    /// and the client sends as `null` (removing them) when left out, and `tags` and
    /// `custom_fields`, which are replaced as a whole when sent.
    type Replace = DocumentPatch;
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
        &[("permissions", "set_permissions")];
    const REQUIRED_ON_REPLACE: &'static [&'static str] =
        &["correspondent", "document_type", "storage_path"];
}

impl Deletable for Documents {}

impl HasOwner for Documents {}

impl HasIdFilter for Documents {}

impl HasFields for Documents {}

impl Paperless {
    /// The documents endpoint: `get`, `list`, uploads, files, notes, versions, bulk edits.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let doc = client.documents().get(23).await?; //          GET /api/documents/23/
    /// let meta = client.documents().metadata(&doc).await?; //  GET /api/documents/23/metadata/
    /// # let _ = meta; Ok(()) }
    /// ```
    #[must_use]
    pub fn documents(&self) -> Endpoint<Documents> {
        self.endpoint()
    }
}

/// Anything that names one document: a [`DocumentId`], a plain `u64`, a fetched [`Document`]
/// (or a reference to one), or a [`Tracked`] document being edited.
pub trait DocumentRef {
    /// The document's primary key.
    fn document_id(&self) -> DocumentId;
}

impl DocumentRef for DocumentId {
    fn document_id(&self) -> DocumentId {
        *self
    }
}

impl DocumentRef for u64 {
    fn document_id(&self) -> DocumentId {
        DocumentId(*self)
    }
}

impl DocumentRef for Document {
    fn document_id(&self) -> DocumentId {
        self.id
    }
}

impl DocumentRef for Tracked<Documents> {
    fn document_id(&self) -> DocumentId {
        self.id()
    }
}

impl<T: DocumentRef + ?Sized> DocumentRef for &T {
    fn document_id(&self) -> DocumentId {
        (**self).document_id()
    }
}

/// `/api/documents/{id}/{tail}`.
pub(crate) fn document_path(document: DocumentId, tail: &str) -> String {
    format!("{}{tail}", object_path::<Documents>(document))
}

fn op(action: &'static str) -> Operation {
    Operation::new(Documents::NAME, action)
}

impl Get<Documents> {
    /// Reads a specific file version of the document (`version=`, the version's document id):
    /// `content` is then that version's text.
    pub fn version(self, version: impl Into<DocumentId>) -> Self {
        self.param("version", version.into())
    }
}

/// What [`DocumentRead`] and [`FileRequest`] share: a `GET` of one path below a document, with
/// the options set so far as its query.
struct SubRequest {
    client: Paperless,
    operation: Operation,
    path: String,
    query: Query,
}

impl SubRequest {
    fn new(client: &Paperless, action: &'static str, path: String) -> Self {
        Self {
            client: client.clone(),
            operation: op(action),
            path,
            query: Query::default(),
        }
    }

    /// Sets an option (a query parameter).
    fn set(&mut self, key: &'static str, value: impl fmt::Display) {
        self.query.set(key, value.to_string());
    }

    /// The client and the request to send through it.
    fn into_request(self) -> (Paperless, ApiRequest) {
        let request = ApiRequest::new(self.operation, Method::GET, self.path).query(&self.query);
        (self.client, request)
    }

    /// `Debug` under the public type's name.
    fn debug(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(name)
            .field("operation", &self.operation)
            .field("path", &self.path)
            .field("query", &self.query)
            .finish()
    }
}

/// A read of one document's sub-resource that can target a file version, such as
/// [`Endpoint::metadata`]: await it, or set [`DocumentRead::version`] first.
#[must_use = "a request does nothing until it is awaited"]
pub struct DocumentRead<T> {
    request: SubRequest,
    output: PhantomData<fn() -> T>,
}

impl<T> DocumentRead<T> {
    fn new(client: &Paperless, action: &'static str, path: String) -> Self {
        Self {
            request: SubRequest::new(client, action, path),
            output: PhantomData,
        }
    }

    /// Reads this file version (`version=`, the version's document id) instead of the latest.
    pub fn version(mut self, version: impl Into<DocumentId>) -> Self {
        self.request.set("version", version.into());
        self
    }
}

impl<T: DeserializeOwned + Send + 'static> DocumentRead<T> {
    /// Sends the request.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) (404 for an unknown document or version, 403 without
    /// view permission), transport and decode errors.
    pub async fn send(self) -> Result<T> {
        let (client, request) = self.request.into_request();
        client.json(request).await
    }
}

impl<T: DeserializeOwned + Send + 'static> IntoFuture for DocumentRead<T> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<T> fmt::Debug for DocumentRead<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.request.debug("DocumentRead", f)
    }
}

impl Endpoint<Documents> {
    /// The next free archive serial number: `GET /api/documents/next_asn/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api), transport and decode errors.
    pub async fn next_asn(&self) -> Result<u64> {
        self.get_json("next_asn", format!("{}next_asn/", Documents::PATH))
            .await
    }

    /// What the classifier suggests (correspondents, tags, document types, storage paths,
    /// dates): `GET /api/documents/{id}/suggestions/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) (404 for an unknown document), transport and decode
    /// errors.
    pub async fn suggestions(&self, document: impl DocumentRef) -> Result<Suggestions> {
        let path = document_path(document.document_id(), "suggestions/");
        self.get_json("suggestions", path).await
    }

    /// What Paperless AI suggests: `GET /api/documents/{id}/ai_suggestions/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 400 when AI features are disabled on the
    /// server, 404 for an unknown document.
    pub async fn ai_suggestions(&self, document: impl DocumentRef) -> Result<AiSuggestions> {
        let path = document_path(document.document_id(), "ai_suggestions/");
        self.get_json("ai_suggestions", path).await
    }

    /// File facts and embedded metadata: `GET /api/documents/{id}/metadata/`, of the latest
    /// version unless [`DocumentRead::version`] is set.
    pub fn metadata(&self, document: impl DocumentRef) -> DocumentRead<DocumentMetadata> {
        let path = document_path(document.document_id(), "metadata/");
        DocumentRead::new(self.client(), "metadata", path)
    }

    /// The audit log of the document, newest first: `GET /api/documents/{id}/history/` (needs
    /// the audit log enabled and the `view_logentry` permission).
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) (403 without permission, 404), transport and decode
    /// errors.
    pub async fn history(&self, document: impl DocumentRef) -> Result<Vec<HistoryEntry>> {
        let path = document_path(document.document_id(), "history/");
        self.get_json("history", path).await
    }

    /// The document's unexpired share links: `GET /api/documents/{id}/share_links/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api), transport and decode errors.
    pub async fn share_links(&self, document: impl DocumentRef) -> Result<Vec<ShareLink>> {
        let path = document_path(document.document_id(), "share_links/");
        self.get_json("share_links", path).await
    }

    /// The root document of a file version (a root document is its own root):
    /// `GET /api/documents/{id}/root/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) (404 for an unknown document), transport and decode
    /// errors.
    pub async fn root(&self, document: impl DocumentRef) -> Result<DocumentId> {
        let path = document_path(document.document_id(), "root/");
        let root: RootDocument = self.get_json("root", path).await?;
        Ok(root.root_id)
    }

    /// For every tag, correspondent, document type, storage path and custom field, how many of
    /// these documents use it: `POST /api/documents/selection_data/`.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for an empty list (nothing is sent);
    /// [`Error::Api`](crate::Error::Api) with status 400 for unknown documents.
    pub async fn selection_data(
        &self,
        documents: impl IntoIterator<Item = impl DocumentRef>,
    ) -> Result<SelectionData> {
        let ids: Vec<DocumentId> = documents.into_iter().map(|d| d.document_id()).collect();
        if ids.is_empty() {
            return Err(InvalidInput::new(
                "documents.selection_data needs at least one document id",
            )
            .into());
        }
        let body = DocumentSelection::Documents(ids);
        self.post_json(
            "selection_data",
            format!("{}selection_data/", Documents::PATH),
            &body,
        )
        .await
    }

    /// Full-text search (`query=`, the Tantivy query language of the web UI's advanced
    /// search): a list whose documents carry their
    /// [`search_hit`](Document::search_hit) (score, highlights, rank), best first, and whose
    /// pages carry the server's `corrected_query` suggestion. Add filters like any list.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let mut hits = client.documents().search("type:invoice").stream();
    /// while let Some(doc) = hits.try_next().await? {
    ///     if let Some(hit) = &doc.search_hit {
    ///         println!("{} matched with score {}", doc.id, hit.score);
    ///     }
    ///     assert!(doc.has_search_hit());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn search(&self, query: impl AsRef<str>) -> List<Documents> {
        self.list().query(query)
    }

    /// Documents similar to `document` (`more_like_id=`), with their search hits, best first.
    pub fn more_like(&self, document: impl DocumentRef) -> List<Documents> {
        self.list().more_like_id(document)
    }

    /// The document's notes, oldest first: `GET /api/documents/{id}/notes/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) (404 for an unknown document, 403 without the note
    /// permission), transport and decode errors.
    pub async fn notes(&self, document: impl DocumentRef) -> Result<Vec<Note>> {
        let path = document_path(document.document_id(), "notes/");
        self.get_json("notes", path).await
    }

    /// Adds a note; returns it, with all of the document's notes afterwards:
    /// `POST /api/documents/{id}/notes/` with `{"note": text}`. Notes cannot be edited.
    ///
    /// The server answers with the whole note list; the new note is the newest one with this
    /// text (the highest id), so a note another user adds to the same document at the same
    /// moment is not taken for it.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let added = client.documents().add_note(23, "Paid on 25 April.").await?;
    /// println!("note {} of {}", added.note.id, added.notes.len());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Endpoint::notes`]; a [`Error::Decode`](crate::Error::Decode) when the answer lists
    /// no notes at all.
    pub async fn add_note(
        &self,
        document: impl DocumentRef,
        text: impl Into<String>,
    ) -> Result<AddNoteResult> {
        let body = NewNote::new(text);
        let path = document_path(document.document_id(), "notes/");
        let mut added: AddNoteResult = self.post_json("add_note", path, &body).await?;
        if added.note.note != body.note {
            let same_text = added.notes.iter().filter(|n| n.note == body.note);
            if let Some(mine) = same_text.max_by_key(|n| n.id) {
                added.note = mine.clone();
            }
        }
        Ok(added)
    }

    /// Deletes a note for good; returns the remaining notes:
    /// `DELETE /api/documents/{id}/notes/?id={note}`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 404 when there is no such note.
    pub async fn delete_note(
        &self,
        document: impl DocumentRef,
        note: impl Into<NoteId>,
    ) -> Result<Vec<Note>> {
        let mut query = Query::default();
        query.set("id", note.into().to_string());
        let path = document_path(document.document_id(), "notes/");
        let request = ApiRequest::new(op("delete_note"), Method::DELETE, path).query(&query);
        self.client().json(request).await
    }

    /// Sets (`Some`) or clears (`None`) the label of a file version:
    /// `PATCH /api/documents/{id}/versions/{version}/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 404 for an unknown version.
    pub async fn set_version_label(
        &self,
        document: impl DocumentRef,
        version: impl Into<DocumentId>,
        label: Option<&str>,
    ) -> Result<DocumentVersion> {
        let path = document_path(
            document.document_id(),
            &format!("versions/{}/", version.into()),
        );
        let request = ApiRequest::new(op("set_version_label"), Method::PATCH, path)
            .json(&DocumentVersionPatch::new(label))?;
        self.client().json(request).await
    }

    /// Deletes a file version (not the root version); the newest remaining one becomes current:
    /// `DELETE /api/documents/{id}/versions/{version}/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 400 for the root version, 404 for an
    /// unknown one.
    pub async fn delete_version(
        &self,
        document: impl DocumentRef,
        version: impl Into<DocumentId>,
    ) -> Result<DeleteVersionResult> {
        let path = document_path(
            document.document_id(),
            &format!("versions/{}/", version.into()),
        );
        let request = ApiRequest::new(op("delete_version"), Method::DELETE, path);
        self.client().json(request).await
    }

    /// Emails documents as attachments (needs SMTP configured on the server):
    /// `POST /api/documents/email/` with a JSON body.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 400 for an invalid address, 500 (the text `Error
    /// emailing documents, check logs for more detail.`) when the server cannot send mail.
    pub async fn email(&self, email: &EmailDocuments) -> Result<EmailResult> {
        self.post_json("email", format!("{}email/", Documents::PATH), email)
            .await
    }

    /// Asks Paperless AI a question about all documents or one
    /// ([`ChatRequest::document_id`]): `POST /api/documents/chat/` with `{"q", "document_id"}`.
    /// The server answers `text/event-stream` with the answer's text in plain chunks as the
    /// model writes it (no `data:` framing): read the returned [`Download`](crate::download::Download)
    /// as a stream to print it as it comes, or [`bytes`](crate::download::Download::bytes) for
    /// all of it. A failure midway ends the text with the server's error sentence.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 400 when AI is disabled on the server ("AI
    /// is required for this feature") or the document does not exist, 403 without view
    /// permission on it.
    pub async fn chat(&self, chat: &ChatRequest) -> Result<crate::download::Download> {
        let request = self
            .request("chat", Method::POST, format!("{}chat/", Documents::PATH))
            .json(chat)?;
        crate::download::fetch(self.client(), request).await
    }

    /// Emails one document with the older, deprecated endpoint:
    /// `POST /api/documents/{id}/email/`. Prefer [`Endpoint::email`] (2.19 and later).
    ///
    /// The body is form-encoded (`addresses`, `subject`, `message`, `use_archive_version`):
    /// the view copies the request data and adds the document with `QueryDict.setlist`, so a
    /// JSON body crashes it (an HTML 500, `'dict' object has no attribute 'setlist'`, on 2.20
    /// and 3.0 alike).
    ///
    /// # Errors
    /// As [`Endpoint::email`].
    pub async fn email_one(
        &self,
        document: impl DocumentRef,
        email: &EmailDocument,
    ) -> Result<EmailResult> {
        let path = document_path(document.document_id(), "email/");
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("addresses", &email.addresses)
            .append_pair("subject", &email.subject)
            .append_pair("message", &email.message);
        if let Some(archive) = email.use_archive_version {
            form.append_pair(
                "use_archive_version",
                if archive { "true" } else { "false" },
            );
        }
        let request = self.request("email_one", Method::POST, path).body(
            paperless_transport::Body::from(form.finish().into_bytes()),
            http::HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        self.client().json(request).await
    }
}
