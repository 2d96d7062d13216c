//! The trash: `client.trash()`. Deleted documents stay here until restored or emptied
//! (automatically after the server's `PAPERLESS_EMPTY_TRASH_DELAY`, 30 days by default).
//!
//! | call | request |
//! |---|---|
//! | `list()`, `stream()`, `ids()`, `count()` | `GET /api/trash/` |
//! | `restore(ids)` | `POST /api/trash/` `{"documents": [...], "action": "restore"}` |
//! | `empty(ids)`, `empty_all()` | `POST /api/trash/` `{"documents": [...], "action": "empty"}` / `{"action": "empty"}` |

use paperless_types::DocumentId;
use paperless_types::document::Document;
use paperless_types::trash::{TrashRequest, TrashResult};

use crate::api::documents::DocumentRef;
use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::error::{InvalidInput, Result};
use crate::list::List;
use crate::paginate::Items;
use crate::resource::Resource;

/// `/api/trash/`: the documents in the trash (their `deleted_at` is set). The trash only lists;
/// there is no single-document endpoint, so use [`TrashEndpoint`] (from [`Paperless::trash`]) rather
/// than a generic endpoint.
#[derive(Debug)]
pub enum TrashedDocuments {}

impl Resource for TrashedDocuments {
    type Id = DocumentId;
    type Item = Document;
    const NAME: &'static str = "trash";
    const PATH: &'static str = "/api/trash/";

    fn id_of(document: &Document) -> DocumentId {
        document.id
    }
}

/// The trash of the requesting user (superusers see every user's), from [`Paperless::trash`].
#[derive(Debug, Clone)]
pub struct TrashEndpoint {
    endpoint: Endpoint<TrashedDocuments>,
}

impl Paperless {
    /// The trash: list, restore and empty.
    ///
    /// ```no_run
    /// use paperless_client::types::DocumentId;
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// client.documents().delete(69).await?; //          moves the document to the trash
    /// let in_trash = client.trash().ids().await?;
    /// client.trash().restore([DocumentId(69)]).await?; // and back
    /// # let _ = in_trash; Ok(()) }
    /// ```
    #[must_use]
    pub fn trash(&self) -> TrashEndpoint {
        TrashEndpoint {
            endpoint: self.endpoint(),
        }
    }
}

impl TrashEndpoint {
    /// A list request over the trash (`GET /api/trash/`): paging, then `.send()`, `.stream()`,
    /// `.pages()`, `.ids()` or `.count()`.
    pub fn list(&self) -> List<TrashedDocuments> {
        self.endpoint.list()
    }

    /// Every document in the trash.
    pub fn stream(&self) -> Items<Document> {
        self.endpoint.stream()
    }

    /// The ids of every document in the trash.
    ///
    /// # Errors
    /// As [`List::ids`].
    pub async fn ids(&self) -> Result<Vec<DocumentId>> {
        self.endpoint.ids().await
    }

    /// How many documents are in the trash.
    ///
    /// # Errors
    /// As [`List::count`].
    pub async fn count(&self) -> Result<u64> {
        self.endpoint.count().await
    }

    async fn act(&self, action: &'static str, request: &TrashRequest) -> Result<TrashResult> {
        self.endpoint
            .post_json(action, TrashedDocuments::PATH, request)
            .await
    }

    /// Moves documents out of the trash: `POST /api/trash/` with `action: restore`.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for an empty list;
    /// [`Error::Api`](crate::Error::Api) with status 400 when a document is not in the trash,
    /// 403 without delete permission.
    pub async fn restore(
        &self,
        documents: impl IntoIterator<Item = impl DocumentRef>,
    ) -> Result<TrashResult> {
        let ids = non_empty("restore", documents)?;
        self.act("restore", &TrashRequest::restore(ids)).await
    }

    /// Deletes documents in the trash for good, files included: `POST /api/trash/` with
    /// `action: empty`.
    ///
    /// # Errors
    /// As [`TrashEndpoint::restore`].
    pub async fn empty(
        &self,
        documents: impl IntoIterator<Item = impl DocumentRef>,
    ) -> Result<TrashResult> {
        let ids = non_empty("empty", documents)?;
        self.act("empty", &TrashRequest::empty(ids)).await
    }

    /// Deletes everything in the user's trash for good: `POST /api/trash/` with
    /// `{"action": "empty"}`. The result lists the deleted documents.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 403 without delete permission.
    pub async fn empty_all(&self) -> Result<TrashResult> {
        self.act("empty_all", &TrashRequest::empty_all()).await
    }
}

/// An empty list would read as "every document" for `empty`; refuse it for both actions.
fn non_empty(
    action: &str,
    documents: impl IntoIterator<Item = impl DocumentRef>,
) -> Result<Vec<DocumentId>> {
    let ids: Vec<DocumentId> = documents.into_iter().map(|d| d.document_id()).collect();
    if ids.is_empty() {
        return Err(InvalidInput::new(format!(
            "trash.{action} needs at least one document id (empty_all empties the whole trash)"
        ))
        .into());
    }
    Ok(ids)
}
