//! Documents and everything hanging off a single document: notes, file versions, metadata,
//! suggestions, the audit history.
//!
//! Endpoints:
//! - `GET /api/documents/` → [`Page`](crate::Page)`<`[`Document`]`>` (filters, ordering,
//!   `fields=`, `full_perms=true`, full-text `query=`/`text=`/`title_search=`/`more_like_id=`;
//!   search results carry [`Document::search_hit`] and the page a `corrected_query`)
//! - `GET /api/documents/{id}/` (`?version=`, `?fields=`, `?full_perms=true`) → [`Document`]
//! - `PUT`/`PATCH /api/documents/{id}/` with [`DocumentPatch`] → [`Document`] (always in the
//!   `full_perms` form: `permissions`, no `user_can_change`)
//! - `DELETE /api/documents/{id}/` → 204 (moves the document to the trash, see [`crate::trash`])
//! - `GET`/`POST`/`DELETE /api/documents/{id}/notes/` (`POST` with [`NewNote`], `DELETE` with
//!   `?id=`) → `Vec<`[`Note`]`>` (the document's notes after the change)
//! - `GET /api/documents/{id}/metadata/` (`?version=`) → [`DocumentMetadata`]
//! - `GET /api/documents/{id}/suggestions/` → [`Suggestions`]
//! - `GET /api/documents/{id}/ai_suggestions/` → [`AiSuggestions`] (400 when AI is disabled)
//! - `GET /api/documents/{id}/history/` → `Vec<`[`HistoryEntry`]`>`
//! - `GET /api/documents/{id}/share_links/` → `Vec<`[`ShareLink`](crate::share_link::ShareLink)`>`
//! - `GET /api/documents/{id}/root/` → [`RootDocument`]
//! - `POST /api/documents/{id}/update_version/` (multipart, see
//!   [`NewDocumentVersion`](crate::post_document::NewDocumentVersion)) → the consume task's
//!   [`TaskUuid`](crate::task::TaskUuid)
//! - `PATCH /api/documents/{id}/versions/{version_id}/` with [`DocumentVersionPatch`] →
//!   [`DocumentVersion`]
//! - `DELETE /api/documents/{id}/versions/{version_id}/` → [`DeleteVersionResult`]
//! - `GET /api/documents/next_asn/` → the next free archive serial number as a bare JSON
//!   integer (`u64`)
//! - `POST /api/documents/selection_data/` with `{"documents": [ids]}`
//!   ([`DocumentSelection::Documents`](crate::bulk_edit::DocumentSelection)) → [`SelectionData`]
//! - `POST /api/documents/chat/` with [`ChatRequest`] → `text/event-stream` (no JSON model)
//! - `download/`, `preview/`, `thumb/` return file bytes (no model).
//!
//! Uploads are in [`crate::post_document`], bulk operations in [`crate::bulk_edit`].

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::custom_field::CustomFieldInstance;
use crate::ids::{
    CorrespondentId, CustomFieldId, DocumentId, DocumentTypeId, NoteId, StoragePathId, TagId,
    UserId,
};
use crate::patch::Patch;
use crate::permissions::Permissions;

/// A document (`/api/documents/{id}/`).
///
/// Every field except `id` may be absent: with `?fields=id,title` the server sends only those
/// keys. Absent scalar fields read as `None` and absent lists as empty. Fields the server can
/// send as `null` are always written back (as `null` when `None`); the others are omitted
/// when `None`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// Primary key.
    pub id: DocumentId,
    /// The correspondent (sender or recipient), if any.
    #[serde(default)]
    pub correspondent: Option<CorrespondentId>,
    /// The document type, if any.
    #[serde(default)]
    pub document_type: Option<DocumentTypeId>,
    /// The storage path that decides the file's location on disk, if any.
    #[serde(default)]
    pub storage_path: Option<StoragePathId>,
    /// Title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Extracted or OCRed text (of the latest version, or of `?version=`); cut to 550
    /// characters with `truncate_content=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<TagId>,
    /// The date the document was created (issued), not when it was added. A date since API v9.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<NaiveDate>,
    /// Deprecated duplicate of `created`, still sent by 3.x.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date: Option<NaiveDate>,
    /// When the document was last changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<DateTime<FixedOffset>>,
    /// When the document was added to Paperless-ngx.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<DateTime<FixedOffset>>,
    /// When the document was moved to the trash; `None` unless it is in the trash.
    #[serde(default)]
    pub deleted_at: Option<DateTime<FixedOffset>>,
    /// Archive serial number (ASN), unique among documents.
    #[serde(default)]
    pub archive_serial_number: Option<u64>,
    /// The file name of the uploaded original.
    #[serde(default)]
    pub original_file_name: Option<String>,
    /// The download file name of the archived (OCRed PDF) version; `None` when there is none.
    #[serde(default)]
    pub archived_file_name: Option<String>,
    /// Documents with the same checksum that the user may see (sent on retrieve only; lists
    /// send `[]`).
    #[serde(default)]
    pub duplicate_documents: Vec<DuplicateDocument>,
    /// The owning user; `None` for unowned documents.
    #[serde(default)]
    pub owner: Option<UserId>,
    /// Whether the requesting user may change the document (absent with `full_perms=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_change: Option<bool>,
    /// Whether the requesting user owns the document and shared it with someone (absent with
    /// `full_perms=true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_shared_by_requester: Option<bool>,
    /// Who may view and change the document (only with `full_perms=true`, and on PUT/PATCH
    /// responses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// Notes, oldest first.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// Custom field values.
    #[serde(default)]
    pub custom_fields: Vec<CustomFieldInstance>,
    /// Number of pages, when known (PDFs); `None` for other files.
    #[serde(default)]
    pub page_count: Option<u32>,
    /// MIME type of the original file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// For a version document: the root document it is a version of; `None` for root
    /// documents.
    #[serde(default)]
    pub root_document: Option<DocumentId>,
    /// All file versions of the document (the root included), newest first.
    #[serde(default)]
    pub versions: Vec<DocumentVersion>,
    /// Full-text search results only: score, highlights and rank (`__search_hit__`).
    #[serde(
        rename = "__search_hit__",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub search_hit: Option<SearchHit>,
}

impl Document {
    /// A document with only an id; every other field empty (for servers and tests).
    #[must_use]
    pub fn new(id: DocumentId) -> Self {
        Self {
            id,
            correspondent: None,
            document_type: None,
            storage_path: None,
            title: None,
            content: None,
            tags: Vec::new(),
            created: None,
            created_date: None,
            modified: None,
            added: None,
            deleted_at: None,
            archive_serial_number: None,
            original_file_name: None,
            archived_file_name: None,
            duplicate_documents: Vec::new(),
            owner: None,
            user_can_change: None,
            is_shared_by_requester: None,
            permissions: None,
            notes: Vec::new(),
            custom_fields: Vec::new(),
            page_count: None,
            mime_type: None,
            root_document: None,
            versions: Vec::new(),
            search_hit: None,
        }
    }

    /// The title, or `""` when the response did not include it.
    #[must_use]
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or_default()
    }

    /// The value of one custom field on this document, if the field is attached.
    #[must_use]
    pub fn custom_field(&self, field: CustomFieldId) -> Option<&CustomFieldInstance> {
        self.custom_fields.iter().find(|c| c.field == field)
    }

    /// Whether the document is in the trash.
    #[must_use]
    pub fn is_deleted(&self) -> bool {
        self.deleted_at.is_some()
    }

    /// Whether the document came from a full-text search (a list with `query` or
    /// `more_like_id`), which adds its [`search_hit`](Self::search_hit): score, highlights and
    /// rank.
    ///
    /// ```
    /// use paperless_types::document::Document;
    ///
    /// let hit: Document = serde_json::from_str(
    ///     r#"{"id":3,"__search_hit__":{"score":1.5,"highlights":"an <b>invoice</b>","rank":1}}"#,
    /// )?;
    /// assert!(hit.has_search_hit());
    /// let listed: Document = serde_json::from_str(r#"{"id":3}"#)?;
    /// assert!(!listed.has_search_hit());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    #[must_use]
    pub fn has_search_hit(&self) -> bool {
        self.search_hit.is_some()
    }
}

/// How a document matched a full-text search (`__search_hit__`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SearchHit {
    /// Relevance score from the search index (higher is better).
    pub score: f64,
    /// Content excerpt with matches wrapped in `<b>…</b>` (HTML-escaped); may be empty.
    #[serde(default)]
    pub highlights: String,
    /// Note excerpt with matches wrapped in `<b>…</b>`, when a note matched.
    #[serde(default)]
    pub note_highlights: Option<String>,
    /// Position in the result list, starting at 1.
    pub rank: u64,
}

impl SearchHit {
    /// A hit with this score and rank and no highlights.
    #[must_use]
    pub fn new(score: f64, rank: u64) -> Self {
        Self {
            score,
            highlights: String::new(),
            note_highlights: None,
            rank,
        }
    }
}

/// A document with the same checksum as another one (`duplicate_documents`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DuplicateDocument {
    /// The duplicate's id.
    pub id: DocumentId,
    /// The duplicate's title.
    #[serde(default)]
    pub title: String,
    /// When the duplicate was moved to the trash, if it is there.
    #[serde(default)]
    pub deleted_at: Option<DateTime<FixedOffset>>,
}

impl DuplicateDocument {
    /// A duplicate that is not in the trash.
    #[must_use]
    pub fn new(id: DocumentId, title: impl Into<String>) -> Self {
        Self {
            id,
            title: title.into(),
            deleted_at: None,
        }
    }
}

/// One file version of a document (`versions[]`), and the response to a version label PATCH.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentVersion {
    /// The version's own document id (the root document's id for the original file).
    pub id: DocumentId,
    /// When this version was added.
    pub added: DateTime<FixedOffset>,
    /// Free-text label given on upload or later.
    #[serde(default)]
    pub version_label: Option<String>,
    /// SHA-256 checksum of the version's original file.
    #[serde(default)]
    pub checksum: Option<String>,
    /// Whether this is the root (first) version.
    pub is_root: bool,
}

impl DocumentVersion {
    /// A version without label or checksum.
    #[must_use]
    pub fn new(id: DocumentId, added: DateTime<FixedOffset>, is_root: bool) -> Self {
        Self {
            id,
            added,
            version_label: None,
            checksum: None,
            is_root,
        }
    }
}

/// Body of `PATCH /api/documents/{id}/versions/{version_id}/`: the new label (`None` or a
/// blank string clears it; at most 64 characters).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentVersionPatch {
    /// The new label; always sent (`null` clears it).
    pub version_label: Option<String>,
}

impl DocumentVersionPatch {
    /// Sets (`Some`) or clears (`None`) the version label.
    #[must_use]
    pub fn new(version_label: Option<&str>) -> Self {
        Self {
            version_label: version_label.map(str::to_owned),
        }
    }
}

/// Response of `DELETE /api/documents/{id}/versions/{version_id}/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DeleteVersionResult {
    /// `"OK"` on success.
    pub result: String,
    /// The version that is now current (the newest remaining one).
    pub current_version_id: DocumentId,
}

impl DeleteVersionResult {
    /// A successful deletion after which `current_version_id` is current.
    #[must_use]
    pub fn ok(current_version_id: DocumentId) -> Self {
        Self {
            result: "OK".to_owned(),
            current_version_id,
        }
    }
}

/// A note on a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Note {
    /// Primary key (used to delete it: `DELETE /api/documents/{id}/notes/?id={note}`).
    pub id: NoteId,
    /// The note's text (may be empty).
    #[serde(default)]
    pub note: String,
    /// When the note was written.
    pub created: DateTime<FixedOffset>,
    /// Who wrote it (an object since API v8); `None` if the user was deleted.
    #[serde(default)]
    pub user: Option<NoteUser>,
}

impl Note {
    /// A note without author.
    #[must_use]
    pub fn new(id: NoteId, note: impl Into<String>, created: DateTime<FixedOffset>) -> Self {
        Self {
            id,
            note: note.into(),
            created,
            user: None,
        }
    }
}

/// The author of a [`Note`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NoteUser {
    /// The user's id.
    pub id: UserId,
    /// Login name.
    #[serde(default)]
    pub username: String,
    /// First name (may be empty).
    #[serde(default)]
    pub first_name: String,
    /// Last name (may be empty).
    #[serde(default)]
    pub last_name: String,
}

impl NoteUser {
    /// An author with this login name and no first or last name.
    #[must_use]
    pub fn new(id: UserId, username: impl Into<String>) -> Self {
        Self {
            id,
            username: username.into(),
            first_name: String::new(),
            last_name: String::new(),
        }
    }
}

/// Body of `POST /api/documents/{id}/notes/`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewNote {
    /// The note's text (the server accepts an empty note).
    pub note: String,
}

impl NewNote {
    /// A note with this text.
    #[must_use]
    pub fn new(note: impl Into<String>) -> Self {
        Self { note: note.into() }
    }
}

/// Answer of `POST /api/documents/{id}/notes/`: the note just added, and all of the document's
/// notes afterwards.
///
/// The server answers with the document's whole note list (oldest first); this type picks the
/// new note out of it: the one with the highest id, since the server numbers notes in the order
/// they are written. It reads and writes as that list on the wire.
///
/// ```
/// use paperless_types::document::AddNoteResult;
/// use paperless_types::NoteId;
///
/// let added: AddNoteResult = serde_json::from_str(
///     r#"[{"id":1,"note":"Submitted.","created":"2026-11-26T20:33:37+01:00","user":null},
///         {"id":15,"note":"Paid.","created":"2026-11-26T20:47:37+01:00","user":null}]"#,
/// )?;
/// assert_eq!(added.note.id, NoteId(15));
/// assert_eq!(added.notes.len(), 2);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AddNoteResult {
    /// The note just added.
    pub note: Note,
    /// All of the document's notes, oldest first, the new one included.
    pub notes: Vec<Note>,
}

impl AddNoteResult {
    /// Picks the note just added out of the document's notes: the one with the highest id.
    /// `None` for an empty list.
    #[must_use]
    pub fn from_notes(notes: Vec<Note>) -> Option<Self> {
        let note = notes.iter().max_by_key(|n| n.id)?.clone();
        Some(Self { note, notes })
    }
}

impl Serialize for AddNoteResult {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.notes.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for AddNoteResult {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let notes = Vec::<Note>::deserialize(deserializer)?;
        Self::from_notes(notes).ok_or_else(|| {
            serde::de::Error::custom(
                "the answer lists no notes, though it should include the note just added",
            )
        })
    }
}

/// Body of `PATCH /api/documents/{id}/` (and of `PUT`, which takes the same fields): only the
/// fields that are set are sent.
///
/// ```
/// use paperless_types::document::DocumentPatch;
/// use paperless_types::TagId;
///
/// let patch = DocumentPatch::new()
///     .title("Invoice")
///     .correspondent(None)
///     .tags([TagId(9)]);
/// assert_eq!(
///     serde_json::to_string(&patch)?,
///     r#"{"title":"Invoice","correspondent":null,"tags":[9]}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentPatch {
    /// New title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// New content text. With `?version=` (or when the document has versions) it is stored on
    /// that version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content: Option<String>,
    /// New created date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<NaiveDate>,
    /// New correspondent, or `null` to remove it.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub correspondent: Patch<CorrespondentId>,
    /// New document type, or `null` to remove it.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub document_type: Patch<DocumentTypeId>,
    /// New storage path, or `null` to remove it.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub storage_path: Patch<StoragePathId>,
    /// The complete new tag list (replaces the current tags; parents of added tags are added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<TagId>>,
    /// New archive serial number, or `null` to remove it.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub archive_serial_number: Patch<u64>,
    /// The complete new list of custom field values: replaces all of the document's custom
    /// fields (fields left out are removed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<Vec<CustomFieldInstance>>,
    /// When `true`, inbox tags are removed from the document (except those added by this
    /// same update).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove_inbox_tags: Option<bool>,
    /// New owner, or `null` for no owner.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// New view/change permissions; replaces the current ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl DocumentPatch {
    /// An empty patch (changes nothing).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the title.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the content text.
    #[must_use]
    pub fn content(mut self, content: impl Into<String>) -> Self {
        self.content = Some(content.into());
        self
    }

    /// Sets the created date.
    #[must_use]
    pub fn created(mut self, created: NaiveDate) -> Self {
        self.created = Some(created);
        self
    }

    /// Sets (`Some`/an id) or removes (`None`) the correspondent.
    #[must_use]
    pub fn correspondent(mut self, correspondent: impl Into<Option<CorrespondentId>>) -> Self {
        self.correspondent = Patch::from_option(correspondent.into());
        self
    }

    /// Sets (`Some`/an id) or removes (`None`) the document type.
    #[must_use]
    pub fn document_type(mut self, document_type: impl Into<Option<DocumentTypeId>>) -> Self {
        self.document_type = Patch::from_option(document_type.into());
        self
    }

    /// Sets (`Some`/an id) or removes (`None`) the storage path.
    #[must_use]
    pub fn storage_path(mut self, storage_path: impl Into<Option<StoragePathId>>) -> Self {
        self.storage_path = Patch::from_option(storage_path.into());
        self
    }

    /// Replaces the tags.
    #[must_use]
    pub fn tags(mut self, tags: impl IntoIterator<Item = TagId>) -> Self {
        self.tags = Some(tags.into_iter().collect());
        self
    }

    /// Sets (`Some`/a number) or removes (`None`) the archive serial number.
    #[must_use]
    pub fn archive_serial_number(mut self, asn: impl Into<Option<u64>>) -> Self {
        self.archive_serial_number = Patch::from_option(asn.into());
        self
    }

    /// Replaces all custom field values.
    #[must_use]
    pub fn custom_fields(mut self, fields: impl IntoIterator<Item = CustomFieldInstance>) -> Self {
        self.custom_fields = Some(fields.into_iter().collect());
        self
    }

    /// Asks the server to remove inbox tags.
    #[must_use]
    pub fn remove_inbox_tags(mut self, remove: bool) -> Self {
        self.remove_inbox_tags = Some(remove);
        self
    }

    /// Sets (`Some`/an id) or removes (`None`) the owner.
    #[must_use]
    pub fn owner(mut self, owner: impl Into<Option<UserId>>) -> Self {
        self.owner = Patch::from_option(owner.into());
        self
    }

    /// Replaces the view/change permissions.
    #[must_use]
    pub fn set_permissions(mut self, permissions: Permissions) -> Self {
        self.set_permissions = Some(permissions);
        self
    }
}

/// Response of `GET /api/documents/{id}/metadata/`: file facts and embedded metadata of the
/// latest version (or of `?version=`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentMetadata {
    /// SHA-256 checksum of the original file.
    #[serde(default)]
    pub original_checksum: Option<String>,
    /// Size of the original file in bytes (`None` if the file is missing).
    #[serde(default)]
    pub original_size: Option<u64>,
    /// MIME type of the original file.
    #[serde(default)]
    pub original_mime_type: Option<String>,
    /// Path of the original file inside the media folder.
    #[serde(default)]
    pub media_filename: Option<String>,
    /// Whether an archived (OCRed PDF) version exists.
    #[serde(default)]
    pub has_archive_version: bool,
    /// Metadata embedded in the original file (PDF/XMP, EXIF, …); `None` if unreadable.
    #[serde(default)]
    pub original_metadata: Option<Vec<MetadataEntry>>,
    /// SHA-256 checksum of the archived version.
    #[serde(default)]
    pub archive_checksum: Option<String>,
    /// Path of the archived version inside the media folder.
    #[serde(default)]
    pub archive_media_filename: Option<String>,
    /// The file name the original was uploaded with.
    #[serde(default)]
    pub original_filename: Option<String>,
    /// Size of the archived version in bytes.
    #[serde(default)]
    pub archive_size: Option<u64>,
    /// Metadata embedded in the archived version.
    #[serde(default)]
    pub archive_metadata: Option<Vec<MetadataEntry>>,
    /// Language detected in the content (ISO 639-1 code such as `"en"`).
    #[serde(default)]
    pub lang: Option<String>,
}

/// One embedded metadata property of a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MetadataEntry {
    /// Namespace URI (for example `http://ns.adobe.com/pdf/1.3/`).
    #[serde(default)]
    pub namespace: String,
    /// Namespace prefix (for example `pdf`).
    #[serde(default)]
    pub prefix: String,
    /// Property name (for example `Producer`).
    #[serde(default)]
    pub key: String,
    /// Property value, as text.
    #[serde(default)]
    pub value: String,
}

impl MetadataEntry {
    /// A metadata property.
    #[must_use]
    pub fn new(
        namespace: impl Into<String>,
        prefix: impl Into<String>,
        key: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        Self {
            namespace: namespace.into(),
            prefix: prefix.into(),
            key: key.into(),
            value: value.into(),
        }
    }
}

/// Response of `GET /api/documents/{id}/suggestions/`: what the classifier and the date parser
/// suggest for the document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Suggestions {
    /// Suggested correspondents.
    #[serde(default)]
    pub correspondents: Vec<CorrespondentId>,
    /// Suggested tags.
    #[serde(default)]
    pub tags: Vec<TagId>,
    /// Suggested document types.
    #[serde(default)]
    pub document_types: Vec<DocumentTypeId>,
    /// Suggested storage paths.
    #[serde(default)]
    pub storage_paths: Vec<StoragePathId>,
    /// Dates found in the content or file name, ascending.
    #[serde(default)]
    pub dates: Vec<NaiveDate>,
}

/// Response of `GET /api/documents/{id}/ai_suggestions/` (only when Paperless AI is enabled):
/// the LLM's suggestions, matched to existing objects where possible.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AiSuggestions {
    /// Suggested title.
    #[serde(default)]
    pub title: Option<String>,
    /// Existing tags matching the suggestions.
    #[serde(default)]
    pub tags: Vec<TagId>,
    /// Suggested tag names with no existing tag.
    #[serde(default)]
    pub suggested_tags: Vec<String>,
    /// Existing correspondents matching the suggestions.
    #[serde(default)]
    pub correspondents: Vec<CorrespondentId>,
    /// Suggested correspondent names with no existing correspondent.
    #[serde(default)]
    pub suggested_correspondents: Vec<String>,
    /// Existing document types matching the suggestions.
    #[serde(default)]
    pub document_types: Vec<DocumentTypeId>,
    /// Suggested document type names with no existing document type.
    #[serde(default)]
    pub suggested_document_types: Vec<String>,
    /// Existing storage paths matching the suggestions.
    #[serde(default)]
    pub storage_paths: Vec<StoragePathId>,
    /// Suggested storage path names with no existing storage path.
    #[serde(default)]
    pub suggested_storage_paths: Vec<String>,
    /// Suggested dates, as the LLM wrote them.
    #[serde(default)]
    pub dates: Vec<String>,
}

crate::open_enum::string_enum! {
    /// What an audit-log entry recorded.
    pub enum HistoryAction {
        /// The object was created.
        Create => "create",
        /// The object was changed.
        Update => "update",
        /// The object was deleted.
        Delete => "delete",
        /// The object was accessed.
        Access => "access",
    }
}

/// One audit-log entry of `GET /api/documents/{id}/history/` (newest first; needs the audit
/// log enabled on the server and the `view_logentry` permission).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HistoryEntry {
    /// Audit-log entry id.
    pub id: u64,
    /// When the change happened.
    pub timestamp: DateTime<FixedOffset>,
    /// What happened.
    pub action: HistoryAction,
    /// What changed, as the audit log records it: usually `{field: [old, new]}` with values as
    /// text, `{"tags": {"type": "m2m", "operation": "add", "objects": [names]}}` for tags, or
    /// `{"custom_fields": {"type": "custom_field", "field": name, "value": text}}`.
    #[serde(default)]
    pub changes: serde_json::Value,
    /// Who made the change; `None` for changes made by the system (consumption, tasks).
    #[serde(default)]
    pub actor: Option<HistoryActor>,
}

impl HistoryEntry {
    /// An entry without changes or actor.
    #[must_use]
    pub fn new(id: u64, timestamp: DateTime<FixedOffset>, action: HistoryAction) -> Self {
        Self {
            id,
            timestamp,
            action,
            changes: serde_json::Value::Object(serde_json::Map::new()),
            actor: None,
        }
    }
}

/// The user behind a [`HistoryEntry`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HistoryActor {
    /// The user's id.
    pub id: UserId,
    /// Login name.
    #[serde(default)]
    pub username: String,
}

impl HistoryActor {
    /// A user with this login name.
    #[must_use]
    pub fn new(id: UserId, username: impl Into<String>) -> Self {
        Self {
            id,
            username: username.into(),
        }
    }
}

/// Response of `GET /api/documents/{id}/root/`: the root document of a version (a root
/// document is its own root).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RootDocument {
    /// Id of the root document.
    pub root_id: DocumentId,
}

impl RootDocument {
    /// The root is this document.
    #[must_use]
    pub fn new(root_id: DocumentId) -> Self {
        Self { root_id }
    }
}

/// How many of the selected documents use one object (`selection_data` entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SelectionCount<I> {
    /// The object (tag, correspondent, …).
    pub id: I,
    /// How many selected documents use it (0 for objects none of them use).
    pub document_count: u64,
}

impl<I> SelectionCount<I> {
    /// `document_count` selected documents use object `id`.
    #[must_use]
    pub fn new(id: I, document_count: u64) -> Self {
        Self { id, document_count }
    }
}

/// Response of `POST /api/documents/selection_data/`: for every object, how many of the
/// selected documents use it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SelectionData {
    /// Counts per correspondent.
    #[serde(default)]
    pub selected_correspondents: Vec<SelectionCount<CorrespondentId>>,
    /// Counts per tag.
    #[serde(default)]
    pub selected_tags: Vec<SelectionCount<TagId>>,
    /// Counts per document type.
    #[serde(default)]
    pub selected_document_types: Vec<SelectionCount<DocumentTypeId>>,
    /// Counts per storage path.
    #[serde(default)]
    pub selected_storage_paths: Vec<SelectionCount<StoragePathId>>,
    /// Counts per custom field.
    #[serde(default)]
    pub selected_custom_fields: Vec<SelectionCount<CustomFieldId>>,
}

/// Body of `POST /api/documents/chat/` (Paperless AI; the answer streams back as
/// `text/event-stream`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ChatRequest {
    /// The question (at most 4000 characters).
    pub q: String,
    /// Restrict the chat to this document; `None` searches all documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<DocumentId>,
}

impl ChatRequest {
    /// A question about all documents.
    #[must_use]
    pub fn new(q: impl Into<String>) -> Self {
        Self {
            q: q.into(),
            document_id: None,
        }
    }

    /// Restricts the question to one document.
    #[must_use]
    pub fn document_id(mut self, document: DocumentId) -> Self {
        self.document_id = Some(document);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::custom_field::CustomFieldInstance;
    use crate::permissions::PermissionSet;
    use crate::{GroupId, UserId};
    use serde_json::json;

    fn to_json<T: Serialize>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn empty_patch_sends_an_empty_object() {
        assert_eq!(to_json(&DocumentPatch::new()), "{}");
    }

    #[test]
    fn patch_sends_exactly_the_fields_set() {
        let patch = DocumentPatch::new()
            .title("ZZ scratch text (patched)")
            .tags([TagId(9)])
            .archive_serial_number(991)
            .custom_fields([
                CustomFieldInstance::new(CustomFieldId(3), "2025-07-01"),
                CustomFieldInstance::new(CustomFieldId(8), json!([71, 72])),
                CustomFieldInstance::new(CustomFieldId(4), true),
            ]);
        assert_eq!(
            to_json(&patch),
            r#"{"title":"ZZ scratch text (patched)","tags":[9],"archive_serial_number":991,"custom_fields":[{"field":3,"value":"2025-07-01"},{"field":8,"value":[71,72]},{"field":4,"value":true}]}"#
        );
    }

    #[test]
    fn patch_clears_with_null_and_sets_permissions() {
        let patch = DocumentPatch::new()
            .correspondent(None)
            .document_type(DocumentTypeId(4))
            .storage_path(None)
            .archive_serial_number(None)
            .owner(UserId(3))
            .remove_inbox_tags(true)
            .created(NaiveDate::from_ymd_opt(2025, 6, 15).unwrap_or_default())
            .set_permissions(Permissions::new(
                PermissionSet::new([UserId(4)], []),
                PermissionSet::new([], [GroupId(1)]),
            ));
        assert_eq!(
            to_json(&patch),
            r#"{"created":"2025-06-15","correspondent":null,"document_type":4,"storage_path":null,"archive_serial_number":null,"remove_inbox_tags":true,"owner":3,"set_permissions":{"view":{"users":[4],"groups":[]},"change":{"users":[],"groups":[1]}}}"#
        );
    }

    #[test]
    fn has_search_hit_tells_search_results_from_plain_reads() {
        let hit: Document = serde_json::from_value(json!({
            "id": 3,
            "__search_hit__": {"score": 1.5, "highlights": "", "note_highlights": null, "rank": 1},
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(hit.has_search_hit());
        let plain = Document::new(DocumentId(3));
        assert!(!plain.has_search_hit());
    }

    fn note(id: u64, text: &str) -> Note {
        let created = DateTime::parse_from_rfc3339("2026-11-26T20:47:37+01:00")
            .unwrap_or_else(|e| panic!("{e}"));
        Note::new(NoteId(id), text, created)
    }

    #[test]
    fn add_note_result_picks_the_highest_id_and_keeps_the_list() {
        let notes = vec![note(1, "a"), note(15, "b"), note(7, "c")];
        let added = AddNoteResult::from_notes(notes.clone()).unwrap_or_else(|| panic!("empty"));
        assert_eq!(added.note, note(15, "b"));
        assert_eq!(added.notes, notes);
        assert_eq!(AddNoteResult::from_notes(Vec::new()), None);

        let json = serde_json::to_value(&notes).unwrap_or_default();
        let decoded: AddNoteResult =
            serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(decoded, added);
        assert_eq!(serde_json::to_value(&decoded).ok(), Some(json));
        let empty = serde_json::from_str::<AddNoteResult>("[]").map(|_| ());
        let message = empty.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("lists no notes"), "{message}");
    }

    #[test]
    fn partial_documents_decode_with_only_an_id() {
        let doc: Document = serde_json::from_str(r#"{"id":69,"title":"ZZ scratch text"}"#)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.id, DocumentId(69));
        assert_eq!(doc.title(), "ZZ scratch text");
        assert!(doc.tags.is_empty() && doc.created.is_none() && doc.user_can_change.is_none());
        let mut bare = Document::new(DocumentId(1));
        assert_eq!(bare.title(), "");
        bare.tags.push(TagId(2));
        assert_eq!(
            serde_json::to_value(&bare).ok(),
            Some(json!({
                "id": 1, "correspondent": null, "document_type": null, "storage_path": null,
                "tags": [2], "deleted_at": null, "archive_serial_number": null,
                "original_file_name": null, "archived_file_name": null, "duplicate_documents": [],
                "owner": null, "notes": [], "custom_fields": [], "page_count": null,
                "root_document": null, "versions": []
            }))
        );
    }

    #[test]
    fn custom_field_lookup_and_trash_state() {
        let doc: Document = serde_json::from_value(json!({
            "id": 5,
            "deleted_at": "2026-11-26T20:33:40.329437+01:00",
            "custom_fields": [{"value": "TM-2025-0002", "field": 1}, {"value": null, "field": 3}]
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(doc.is_deleted());
        assert_eq!(
            doc.custom_field(CustomFieldId(1)).map(|c| &c.value),
            Some(&json!("TM-2025-0002"))
        );
        assert_eq!(
            doc.custom_field(CustomFieldId(3)).map(|c| &c.value),
            Some(&json!(null))
        );
        assert!(doc.custom_field(CustomFieldId(2)).is_none());
    }

    #[test]
    fn servers_build_responses_with_constructors() {
        let created = DateTime::parse_from_rfc3339("2026-11-26T20:47:37.365662+01:00")
            .unwrap_or_else(|e| panic!("{e}"));
        let mut note = Note::new(NoteId(15), "Paid via online banking on 25 April.", created);
        let mut user = NoteUser::new(UserId(2), "admin");
        user.first_name = "Ada".into();
        user.last_name = "Admin".into();
        note.user = Some(user);
        assert_eq!(
            serde_json::to_value(vec![note]).ok(),
            Some(json!([{
                "id": 15, "note": "Paid via online banking on 25 April.",
                "created": "2026-11-26T20:47:37.365662+01:00",
                "user": {"id": 2, "username": "admin", "first_name": "Ada", "last_name": "Admin"}
            }]))
        );
        let mut version = DocumentVersion::new(DocumentId(76), created, false);
        version.version_label = Some("revised scan".into());
        assert_eq!(
            serde_json::to_value(&version).ok(),
            Some(json!({
                "id": 76, "added": "2026-11-26T20:47:37.365662+01:00",
                "version_label": "revised scan", "checksum": null, "is_root": false
            }))
        );
        assert_eq!(
            to_json(&DeleteVersionResult::ok(DocumentId(73))),
            r#"{"result":"OK","current_version_id":73}"#
        );
        assert_eq!(
            to_json(&RootDocument::new(DocumentId(71))),
            r#"{"root_id":71}"#
        );
        let mut data = SelectionData::default();
        data.selected_tags.push(SelectionCount::new(TagId(1), 2));
        assert_eq!(
            serde_json::to_value(&data).ok(),
            Some(json!({
                "selected_correspondents": [], "selected_tags": [{"id": 1, "document_count": 2}],
                "selected_document_types": [], "selected_storage_paths": [],
                "selected_custom_fields": []
            }))
        );
        let mut hit_doc = Document::new(DocumentId(31));
        hit_doc.title = Some("Warranty repair confirmation".into());
        hit_doc.search_hit = Some(SearchHit::new(15.9, 1));
        let v = serde_json::to_value(&hit_doc).unwrap_or_default();
        assert_eq!(
            v.get("__search_hit__"),
            Some(&json!({"score": 15.9, "highlights": "", "note_highlights": null, "rank": 1}))
        );
    }

    #[test]
    fn small_payloads_serialize_exactly() {
        assert_eq!(to_json(&NewNote::new("")), r#"{"note":""}"#);
        assert_eq!(
            to_json(&DocumentVersionPatch::new(Some("revised scan"))),
            r#"{"version_label":"revised scan"}"#
        );
        assert_eq!(
            to_json(&DocumentVersionPatch::new(None)),
            r#"{"version_label":null}"#
        );
        assert_eq!(to_json(&ChatRequest::new("What?")), r#"{"q":"What?"}"#);
        assert_eq!(
            to_json(&ChatRequest::new("What?").document_id(DocumentId(22))),
            r#"{"q":"What?","document_id":22}"#
        );
    }
}
