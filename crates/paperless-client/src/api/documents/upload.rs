//! Uploads: `post_document/` (a new document) and `update_version/` (a new file version), and
//! [`UploadTask`], which waits for the consumption to finish.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::path::Path;
use std::pin::Pin;
use std::time::Duration;

use bytes::Bytes;
use http::Method;
use paperless_types::DocumentId;
use paperless_types::document::Document;
use paperless_types::file_type::FileType;
use paperless_types::post_document::{NewDocument, NewDocumentVersion};
use paperless_types::task::TaskUuid;

use super::progress::{Observer, UploadProgress};
use super::{DocumentRef, Documents, document_path, op};
use crate::api::tasks::{TaskRecord, WaitError, WaitTask};
use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::error::{Result, UploadFileError};
use crate::multipart::Form;
use crate::request::{ApiRequest, CallTimeouts};
use crate::resource::Resource;

/// A file to upload: bytes in memory, or a file on disk that is streamed while the request is
/// sent (never loaded whole into memory).
///
/// ```no_run
/// use paperless_client::api::documents::UploadFile;
/// # async fn run() -> paperless_client::Result<()> {
/// let from_disk = UploadFile::open("scans/invoice.pdf").await?; //  file name "invoice.pdf"
/// let in_memory = UploadFile::from_bytes(b"hello".to_vec(), "note.txt");
/// # let _ = (from_disk, in_memory); Ok(()) }
/// ```
pub struct UploadFile {
    source: Source,
    filename: String,
    content_type: String,
    observer: Option<Observer>,
}

enum Source {
    Bytes(Bytes),
    File { file: tokio::fs::File, len: u64 },
}

impl UploadFile {
    /// A file held in memory, uploaded under `filename`. The request body is buffered.
    #[must_use]
    pub fn from_bytes(bytes: impl Into<Bytes>, filename: impl Into<String>) -> Self {
        let filename = filename.into();
        Self {
            content_type: guess_content_type(&filename).to_owned(),
            source: Source::Bytes(bytes.into()),
            filename,
            observer: None,
        }
    }

    /// Opens a file on disk, uploaded under its own file name. It is read in chunks while the
    /// request is sent; the request then cannot be retried (uploads never are).
    ///
    /// # Errors
    /// [`UploadFileError`] (naming the file) when it cannot be opened or its size read; it
    /// converts into [`Error::UploadFile`](crate::Error::UploadFile), so `?` works in a function
    /// returning this crate's [`Result`].
    pub async fn open(path: impl AsRef<Path>) -> Result<Self, UploadFileError> {
        let path = path.as_ref();
        let error = |source| UploadFileError::new(Some(path.to_path_buf()), source);
        let file = tokio::fs::File::open(path).await.map_err(error)?;
        let filename = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "document".to_owned());
        Self::read_file(file, filename).await.map_err(error)
    }

    /// An open file, uploaded under `filename`, read from its current position to its end.
    ///
    /// # Errors
    /// [`UploadFileError`] when the file's size or position cannot be read (it converts into
    /// [`Error::UploadFile`](crate::Error::UploadFile)).
    pub async fn from_file(
        file: tokio::fs::File,
        filename: impl Into<String>,
    ) -> Result<Self, UploadFileError> {
        Self::read_file(file, filename.into())
            .await
            .map_err(|source| UploadFileError::new(None, source))
    }

    async fn read_file(file: tokio::fs::File, filename: String) -> std::io::Result<Self> {
        let mut file = file;
        let len = file.metadata().await?.len();
        let position = tokio::io::AsyncSeekExt::stream_position(&mut file).await?;
        Ok(Self {
            content_type: guess_content_type(&filename).to_owned(),
            source: Source::File {
                file,
                len: len.saturating_sub(position),
            },
            filename,
            observer: None,
        })
    }

    /// Uploads under another file name (Paperless-ngx uses it for the title when none is set).
    #[must_use]
    pub fn filename(mut self, filename: impl Into<String>) -> Self {
        self.filename = filename.into();
        self
    }

    /// Sets the part's `Content-Type` (default: guessed from the file name's extension, else
    /// `application/octet-stream`; the server detects the type from the content anyway).
    #[must_use]
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = content_type.into();
        self
    }

    /// The size in bytes that will be sent.
    #[must_use]
    pub fn len(&self) -> u64 {
        match &self.source {
            Source::Bytes(b) => b.len() as u64,
            Source::File { len, .. } => *len,
        }
    }

    /// The SHA-256 checksum of what will be sent, as lowercase hex: the checksum Paperless-ngx
    /// 3.x stores for every original (`Document::checksum`; 2.x servers store MD5). A file on
    /// disk is read once to its end and put back at its position, so it can still be uploaded.
    ///
    /// # Errors
    /// [`UploadFileError`] when the file cannot be read or seeked back.
    pub async fn sha256(&mut self) -> Result<String, UploadFileError> {
        use sha2::Digest;
        use tokio::io::{AsyncReadExt, AsyncSeekExt};
        let mut hasher = sha2::Sha256::new();
        match &mut self.source {
            Source::Bytes(bytes) => hasher.update(bytes),
            Source::File { file, len } => {
                let error = |source| UploadFileError::new(None, source);
                let start = file.stream_position().await.map_err(error)?;
                let mut buf = vec![0u8; 64 * 1024];
                let mut left = *len;
                while left > 0 {
                    let n = file.read(&mut buf).await.map_err(error)?;
                    if n == 0 {
                        break;
                    }
                    let n = n.min(usize::try_from(left).unwrap_or(usize::MAX));
                    hasher.update(&buf[..n]);
                    left -= n as u64;
                }
                file.seek(std::io::SeekFrom::Start(start))
                    .await
                    .map_err(error)?;
            }
        }
        Ok(hasher
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect())
    }

    /// The file name the upload is sent under.
    #[must_use]
    pub fn file_name(&self) -> &str {
        &self.filename
    }

    /// Whether the file is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reports the upload's progress to `callback`: the request body's bytes as they are sent
    /// ([`UploadProgress::Sent`]), then, while [`UploadTask::wait`] follows the consumption on
    /// the event stream (feature `events`, a client with a session), each server step
    /// ([`UploadProgress::Server`], with its progress and message).
    #[must_use]
    pub fn on_progress(
        mut self,
        callback: impl Fn(UploadProgress) + Send + Sync + 'static,
    ) -> Self {
        self.observer = Some(Observer::new(callback));
        self
    }

    fn add_to(self, form: &mut Form) {
        match self.source {
            Source::Bytes(bytes) => {
                form.file_bytes("document", self.filename, self.content_type, bytes);
            }
            Source::File { file, len } => {
                form.file_stream("document", self.filename, self.content_type, file, len);
            }
        }
    }
}

impl fmt::Debug for UploadFile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let source = match self.source {
            Source::Bytes(_) => "bytes",
            Source::File { .. } => "file",
        };
        f.debug_struct("UploadFile")
            .field("source", &source)
            .field("filename", &self.filename)
            .field("content_type", &self.content_type)
            .field("len", &self.len())
            .finish()
    }
}

/// The type of a file Paperless-ngx consumes, by extension; `application/octet-stream` for
/// anything else (the server types the file by its bytes either way).
fn guess_content_type(filename: &str) -> &'static str {
    FileType::from_file_name(filename).map_or("application/octet-stream", |t| t.mime_type)
}

/// Where a finished upload's document is.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// A new document: the one the task names.
    NewDocument,
    /// A new version of this (root) document.
    VersionOf(DocumentId),
}

/// A queued upload: the Celery id of its consume task, and [`UploadTask::wait`] to get the
/// consumed document.
///
/// Consumption runs in the background (OCR can take minutes); nothing is lost if you do not
/// wait: keep [`UploadTask::task_id`] and look the task up later with
/// [`Endpoint::by_uuid`](crate::Endpoint::by_uuid).
#[derive(Debug, Clone)]
#[must_use = "the upload is queued; call .wait() for the document or keep .task_id()"]
pub struct UploadTask {
    client: Paperless,
    task_id: TaskUuid,
    target: Target,
    observer: Option<Observer>,
    #[cfg(feature = "events")]
    events: Option<super::progress::Subscription>,
}

impl UploadTask {
    /// The Celery id of the consume task.
    #[must_use]
    pub fn task_id(&self) -> &TaskUuid {
        &self.task_id
    }

    /// The Celery id of the consume task.
    #[must_use]
    pub fn into_task_id(self) -> TaskUuid {
        self.task_id
    }

    /// Waits for consumption to finish and fetches the document: the new document for an
    /// upload, the root document (with the new version in its `versions`) for
    /// `update_version`. With feature `events` and a session ([`Paperless::session_login`]),
    /// it follows the task's frames on `/ws/status/` (subscribed before the upload was sent)
    /// and returns as soon as the document exists; otherwise, or when the socket fails, it
    /// polls every 500 ms. Either way for up to 5 minutes unless told otherwise, with the
    /// same results.
    ///
    /// An upload of a file that duplicates an existing document ends in
    /// [`WaitError::Duplicate`] when the server rejects duplicates; with the default settings of
    /// Paperless-ngx 3.x it is consumed, and the new document's
    /// [`duplicate_documents`](Document::duplicate_documents) names the others.
    pub fn wait(&self) -> WaitForDocument {
        WaitForDocument {
            task: self.client.tasks().wait(&self.task_id),
            target: self.target,
            timeout: DEFAULT_TIMEOUT,
            task_id: self.task_id.clone(),
            observer: self.observer.clone(),
            #[cfg(feature = "events")]
            events: self.events.clone(),
        }
    }
}

/// A wait for an upload's document, from [`UploadTask::wait`]: set the poll interval and timeout,
/// then await it.
#[derive(Debug, Clone)]
#[must_use = "a wait does nothing until it is awaited"]
pub struct WaitForDocument {
    /// The wait for the consumption task; the document is fetched once it succeeds.
    task: WaitTask,
    target: Target,
    /// The wait's timeout (also set on `task`).
    timeout: Duration,
    // Read by the events wait (feature `events`).
    #[cfg_attr(not(feature = "events"), allow(dead_code))]
    task_id: TaskUuid,
    #[cfg_attr(not(feature = "events"), allow(dead_code))]
    observer: Option<Observer>,
    #[cfg(feature = "events")]
    events: Option<super::progress::Subscription>,
}

/// The default timeout of a wait (as the task wait's).
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

impl WaitForDocument {
    /// The pause between two polls (default 500 ms).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.task = self.task.poll_interval(interval);
        self
    }

    /// How long to wait in total before giving up with [`WaitError::TimedOut`] (default 5
    /// minutes); the task id in the error lets you wait again.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.task = self.task.timeout(timeout);
        self.timeout = timeout;
        self
    }

    /// Polls until the task finishes, then fetches the document.
    ///
    /// # Errors
    /// [`WaitError`]: the consumption failed (with the server's message), the file is a rejected
    /// duplicate ([`WaitError::Duplicate`] with the existing document), the task was revoked,
    /// did not finish in time ([`WaitError::TimedOut`] with the task id), or a request failed.
    pub async fn send(self) -> Result<Document, WaitError> {
        let client = self.task.client().clone();
        #[cfg(feature = "events")]
        let mut this = self;
        #[cfg(feature = "events")]
        if let Some(events) = this.events.take() {
            use super::progress::Outcome;
            let task_id = this.task_id.clone();
            let outcome = super::progress::wait(
                &client,
                &task_id,
                events,
                this.observer.as_ref(),
                this.timeout,
            )
            .await?;
            match outcome {
                Outcome::Document(id) => {
                    let id = match this.target {
                        Target::VersionOf(root) => root,
                        Target::NewDocument => id,
                    };
                    return client
                        .documents()
                        .get(id)
                        .send()
                        .await
                        .map_err(|source| WaitError::Request { task_id, source });
                }
                Outcome::Poll(remaining) => this.task = this.task.timeout(remaining),
            }
        }
        #[cfg(feature = "events")]
        let this_ = this;
        #[cfg(not(feature = "events"))]
        let this_ = self;
        let task = this_.task.send().await?;
        let task_id = task.task_id().clone();
        let id = match this_.target {
            Target::VersionOf(root) => root,
            Target::NewDocument => match task.document_id() {
                Some(id) => id,
                None => return Err(no_document(task)),
            },
        };
        client
            .documents()
            .get(id)
            .send()
            .await
            .map_err(|source| WaitError::Request { task_id, source })
    }
}

fn no_document(task: TaskRecord) -> WaitError {
    WaitError::NoDocument {
        task: Box::new(task),
    }
}

impl IntoFuture for WaitForDocument {
    type Output = Result<Document, WaitError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl Endpoint<Documents> {
    /// The id of a document whose original has this SHA-256 checksum, or `None`:
    /// `GET /api/documents/?checksum__iexact=SHA&fields=id`. Paperless-ngx 3.x keeps SHA-256
    /// checksums (2.x keeps MD5, so this finds nothing there).
    ///
    /// # Errors
    /// Transport, status and decode errors.
    pub async fn find_by_checksum(&self, sha256: &str) -> Result<Option<DocumentId>> {
        let page = self
            .list()
            .checksum_iexact(sha256)
            .fields(["id"])
            .page_size(1)
            .send()
            .await?;
        Ok(page.into_items().into_iter().next().map(|o| o.id))
    }

    /// The duplicate pre-check of an upload: the id of a document the server already holds with
    /// the same content as `file` ([`UploadFile::sha256`], then [`Endpoint::find_by_checksum`]),
    /// or `None` when the file is new to the server.
    ///
    /// ```no_run
    /// use paperless_client::api::documents::UploadFile;
    /// use paperless_client::types::post_document::NewDocument;
    /// # async fn run(client: paperless_client::Paperless) -> Result<(), Box<dyn std::error::Error>> {
    /// let mut file = UploadFile::open("scans/invoice.pdf").await?;
    /// match client.documents().find_duplicate(&mut file).await? {
    ///     Some(existing) => println!("already there as document {existing}"),
    ///     None => drop(client.documents().post_document(file, &NewDocument::new()).await?),
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::UploadFile`](crate::Error::UploadFile) when the file cannot be read; as
    /// [`Endpoint::find_by_checksum`].
    pub async fn find_duplicate(&self, file: &mut UploadFile) -> Result<Option<DocumentId>> {
        let sha = file.sha256().await?;
        self.find_by_checksum(&sha).await
    }

    /// Uploads a document with its metadata: `POST /api/documents/post_document/` as
    /// `multipart/form-data` (the text parts of [`NewDocument::form_fields`], one `tags` part per
    /// tag, then the file as `document`). Returns once the server has queued it; the returned
    /// [`UploadTask`] waits for the document. Uploads are never retried automatically.
    ///
    /// ```no_run
    /// use paperless_client::api::documents::UploadFile;
    /// use paperless_client::types::TagId;
    /// use paperless_client::types::post_document::NewDocument;
    /// # async fn run(client: paperless_client::Paperless) -> Result<(), Box<dyn std::error::Error>> {
    /// let file = UploadFile::open("scans/invoice.pdf").await?;
    /// let meta = NewDocument::new().title("Invoice").tags([TagId(1)]);
    /// let task = client.documents().post_document(file, &meta).await?;
    /// let document = task.wait().await?; // polls the consume task, then GET /api/documents/{id}/
    /// println!("{} is document {}", document.title(), document.id);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 400 and field errors for invalid metadata
    /// (an unknown correspondent, say); transport errors (a streamed file that changes size
    /// while it is sent fails the request).
    pub fn post_document(&self, file: UploadFile, meta: &NewDocument) -> Upload {
        let mut form = Form::new();
        for (name, value) in meta.form_fields() {
            form.text(name, value);
        }
        let observer = file.observer.clone();
        file.add_to(&mut form);
        Upload {
            client: self.client().clone(),
            action: "post_document",
            path: format!("{}post_document/", Documents::PATH),
            form,
            target: Target::NewDocument,
            observer,
            timeouts: CallTimeouts::default(),
        }
    }

    /// Uploads a new file version of a document, optionally labelled:
    /// `POST /api/documents/{id}/update_version/` (multipart). [`UploadTask::wait`] resolves to
    /// the root document, whose `versions` then include the new one.
    ///
    /// # Errors
    /// As [`Endpoint::post_document`]; 403 without change permission, 404 for an unknown
    /// document.
    pub fn update_version(
        &self,
        document: impl DocumentRef,
        file: UploadFile,
        version: &NewDocumentVersion,
    ) -> Upload {
        let id = document.document_id();
        let mut form = Form::new();
        for (name, value) in version.form_fields() {
            form.text(name, value);
        }
        let observer = file.observer.clone();
        file.add_to(&mut form);
        Upload {
            client: self.client().clone(),
            action: "update_version",
            path: document_path(id, "update_version/"),
            form,
            target: Target::VersionOf(id),
            observer,
            timeouts: CallTimeouts::default(),
        }
    }
}

/// An upload from [`Endpoint::post_document`] or [`Endpoint::update_version`]: await it for
/// the [`UploadTask`], or set this call's timeouts first.
///
/// ```no_run
/// use std::time::Duration;
/// use paperless_client::api::documents::UploadFile;
/// # async fn run(client: paperless_client::Paperless) -> Result<(), Box<dyn std::error::Error>> {
/// let file = UploadFile::open("scans/archive-2019.pdf").await?; // 2 GB over a slow link
/// let task = client
///     .documents()
///     .post_document(file, &Default::default())
///     .timeout(Duration::from_secs(3600))
///     .await?;
/// # let _ = task; Ok(()) }
/// ```
#[must_use = "an upload does nothing until it is awaited"]
pub struct Upload {
    client: Paperless,
    action: &'static str,
    path: String,
    form: Form,
    target: Target,
    observer: Option<Observer>,
    timeouts: CallTimeouts,
}

impl Upload {
    /// The attempt timeout of this upload, in place of the transport's
    /// ([`TransportBuilder::timeout`](crate::transport::TransportBuilder::timeout), 60 s by
    /// default): sending the file and receiving the answer. The total timeout is raised to it
    /// when shorter. `None` means no limit; the idle timeout still ends an upload the server
    /// stops reading.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeouts.attempt = Some(timeout.into());
        self
    }

    /// The idle timeout of this upload, in place of the transport's
    /// ([`TransportBuilder::idle_timeout`](crate::transport::TransportBuilder::idle_timeout)):
    /// how long the server may stop reading the file. `None` switches it off.
    pub fn idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeouts.idle = Some(timeout.into());
        self
    }

    /// Sends the upload; returns once the server has queued it.
    ///
    /// # Errors
    /// As [`Endpoint::post_document`].
    pub async fn send(self) -> Result<UploadTask> {
        // Subscribed before the upload is sent, so that no frame of its consumption is missed.
        #[cfg(feature = "events")]
        let events = super::progress::subscribe(&self.client).await;
        let (content_type, body) = self.form.finish();
        let body = match &self.observer {
            Some(o) => o.count(body),
            None => body,
        };
        let request = ApiRequest::new(op(self.action), Method::POST, self.path)
            .body(body, content_type)
            .timeouts(self.timeouts);
        let task_id: TaskUuid = self.client.json(request).await?;
        Ok(UploadTask {
            client: self.client,
            task_id,
            target: self.target,
            observer: self.observer,
            #[cfg(feature = "events")]
            events,
        })
    }
}

impl IntoFuture for Upload {
    type Output = Result<UploadTask>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<UploadTask>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload")
            .field("action", &self.action)
            .field("path", &self.path)
            .field("timeouts", &self.timeouts)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(guess_content_type("Scan.PDF"), "application/pdf");
        assert_eq!(guess_content_type("a.b.jpeg"), "image/jpeg");
        assert_eq!(guess_content_type("README"), "application/octet-stream");
        assert_eq!(guess_content_type("note.txt"), "text/plain");
        assert_eq!(
            guess_content_type("Letter.odt"),
            "application/vnd.oasis.opendocument.text"
        );
        // Types Paperless-ngx does not consume by that name go as bytes (it would read a
        // Markdown file as text/plain from its content, and refuse HTML).
        assert_eq!(guess_content_type("notes.md"), "application/octet-stream");
        assert_eq!(guess_content_type("page.html"), "application/octet-stream");
    }
}
