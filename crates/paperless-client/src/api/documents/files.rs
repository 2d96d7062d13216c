//! The file endpoints: `download/`, `preview/`, `thumb/` and `bulk_download/`, each answering
//! with a streamed [`Download`].

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use http::Method;
use paperless_types::DocumentId;
use paperless_types::bulk_edit::BulkDownload;

use super::{DocumentRef, Documents, SubRequest, document_path, op};
use crate::client::Paperless;
use crate::download::{self, Download};
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::request::{ApiRequest, CallTimeouts};
use crate::resource::Resource;

/// A request for one of a document's files, from [`Endpoint::download`],
/// [`Endpoint::preview`] or [`Endpoint::thumbnail`]: await it for a [`Download`], or set options
/// first.
#[must_use = "a request does nothing until it is awaited"]
pub struct FileRequest {
    request: SubRequest,
    timeouts: CallTimeouts,
}

impl FileRequest {
    fn new(client: &Paperless, action: &'static str, path: String) -> Self {
        Self {
            request: SubRequest::new(client, action, path),
            timeouts: CallTimeouts::default(),
        }
    }

    /// The original upload instead of the archived (OCRed PDF) version (`original=true`;
    /// downloads and previews). Documents without an archived version always serve the original.
    pub fn original(mut self, original: bool) -> Self {
        self.request.set("original", original);
        self
    }

    /// This file version (`version=`, the version's document id) instead of the latest.
    pub fn version(mut self, version: impl Into<DocumentId>) -> Self {
        self.request.set("version", version.into());
        self
    }

    /// Names the file as the storage path formats it (`follow_formatting=true`; downloads only)
    /// instead of `{created} {correspondent} {title}`.
    pub fn follow_formatting(mut self, follow: bool) -> Self {
        self.request.set("follow_formatting", follow);
        self
    }

    /// The attempt timeout of this download, in place of the transport's
    /// ([`TransportBuilder::timeout`](crate::transport::TransportBuilder::timeout)): up to the
    /// response head. `None` means no limit.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeouts.attempt = Some(timeout.into());
        self
    }

    /// The idle timeout of this download's body, in place of the transport's
    /// ([`TransportBuilder::idle_timeout`](crate::transport::TransportBuilder::idle_timeout),
    /// 60 s by default): how long reading it may wait for the next chunk. `None` switches it
    /// off.
    pub fn idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeouts.idle = Some(timeout.into());
        self
    }

    /// Sends the request; the body streams as the [`Download`] is read.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) (404 for an unknown document or missing file, 403
    /// without view permission), transport errors.
    pub async fn send(self) -> Result<Download> {
        let (client, request) = self.request.into_request();
        download::fetch(&client, request.timeouts(self.timeouts)).await
    }
}

impl IntoFuture for FileRequest {
    type Output = Result<Download>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<Download>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl fmt::Debug for FileRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.request.debug("FileRequest", f)
    }
}

impl Endpoint<Documents> {
    /// The document's file, to save (`Content-Disposition: attachment`):
    /// `GET /api/documents/{id}/download/`. The archived version when there is one; options:
    /// [`FileRequest::original`], [`FileRequest::version`], [`FileRequest::follow_formatting`].
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> Result<(), Box<dyn std::error::Error>> {
    /// let original = client.documents().download(35).original(true).await?;
    /// original.save_to("scan.jpg").await?;
    /// # Ok(()) }
    /// ```
    pub fn download(&self, document: impl DocumentRef) -> FileRequest {
        let path = document_path(document.document_id(), "download/");
        FileRequest::new(self.client(), "download", path)
    }

    /// The document's file, to display (`inline`): `GET /api/documents/{id}/preview/`
    /// (options: [`FileRequest::original`], [`FileRequest::version`]).
    pub fn preview(&self, document: impl DocumentRef) -> FileRequest {
        let path = document_path(document.document_id(), "preview/");
        FileRequest::new(self.client(), "preview", path)
    }

    /// The document's thumbnail (a WebP image): `GET /api/documents/{id}/thumb/` (option:
    /// [`FileRequest::version`]).
    pub fn thumbnail(&self, document: impl DocumentRef) -> FileRequest {
        let path = document_path(document.document_id(), "thumb/");
        FileRequest::new(self.client(), "thumbnail", path)
    }

    /// Several documents as one zip file: `POST /api/documents/bulk_download/`. Choose the files
    /// (archived, originals, both) and the compression in [`BulkDownload`].
    ///
    /// ```no_run
    /// use paperless_client::types::DocumentId;
    /// use paperless_client::types::bulk_edit::{BulkDownload, BulkDownloadContent, DocumentSelection};
    /// # async fn run(client: paperless_client::Paperless) -> Result<(), Box<dyn std::error::Error>> {
    /// let zip = client
    ///     .documents()
    ///     .bulk_download(
    ///         &BulkDownload::new(DocumentSelection::documents([DocumentId(4), DocumentId(35)]))
    ///             .content(BulkDownloadContent::Both),
    ///     )
    ///     .await?;
    /// zip.save_to("documents.zip").await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) (400 for unknown documents, 403), transport errors.
    pub async fn bulk_download(&self, request: &BulkDownload) -> Result<Download> {
        let request = ApiRequest::new(
            op("bulk_download"),
            Method::POST,
            format!("{}bulk_download/", Documents::PATH),
        )
        .json(request)?;
        download::fetch(self.client(), request).await
    }
}
