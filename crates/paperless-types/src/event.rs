//! The live status events Paperless-ngx pushes over its `/ws/status/` websocket (not part of the
//! OpenAPI schema).
//!
//! The socket authenticates with a Django session cookie (see [`crate::allauth`] for the login
//! that gets one). The server then sends one JSON text frame per event, `{"type": .., "data":
//! ..}`, and the client sends nothing. [`StatusEvent`] reads a frame: every consume step of an
//! upload ([`StatusUpdate`]), a document's update ([`DocumentUpdated`]), a bulk deletion
//! ([`DocumentsDeleted`]), and any other event type kept as sent ([`StatusEvent::Other`]).
//!
//! ```
//! use paperless_types::event::{ProgressStatus, StatusEvent};
//!
//! let frame = r#"{"type":"status_update","data":{"filename":"scan.pdf",
//!   "task_id":"d7b438a0-e724-4e72-91cd-81a78349fee6","current_progress":100,"max_progress":100,
//!   "status":"SUCCESS","message":"finished","document_id":68,"owner_id":2,
//!   "users_can_view":[],"groups_can_view":[]}}"#;
//! let StatusEvent::StatusUpdate(update) = serde_json::from_str(frame)? else { unreachable!() };
//! assert_eq!(update.status, ProgressStatus::Success);
//! assert_eq!(update.document_id.map(|d| d.0), Some(68));
//! # Ok::<(), serde_json::Error>(())
//! ```

use chrono::{DateTime, Utc};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::ids::{DocumentId, GroupId, UserId};
use crate::task::TaskUuid;

/// The websocket path, relative to the installation root.
pub const STATUS_SOCKET_PATH: &str = "/ws/status/";

/// One frame of `/ws/status/`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum StatusEvent {
    /// `status_update`: one consume step of a file.
    StatusUpdate(StatusUpdate),
    /// `document_updated`: a document was changed.
    DocumentUpdated(DocumentUpdated),
    /// `documents_deleted`: documents were deleted by a bulk deletion (`bulk_edit` `delete`,
    /// `documents/delete/`), which moves them to the trash; a `DELETE` of one document and
    /// emptying the trash send none.
    DocumentsDeleted(DocumentsDeleted),
    /// An event type this version of the crate does not know, kept as sent.
    Other {
        /// The frame's `type`.
        r#type: String,
        /// The frame's `data`, as sent (`null` when it had none).
        data: Value,
    },
}

impl StatusEvent {
    /// The frame's `type` as the server writes it.
    #[must_use]
    pub fn event_type(&self) -> &str {
        match self {
            Self::StatusUpdate(_) => "status_update",
            Self::DocumentUpdated(_) => "document_updated",
            Self::DocumentsDeleted(_) => "documents_deleted",
            Self::Other { r#type, .. } => r#type,
        }
    }
}

#[derive(Deserialize)]
struct RawFrame {
    r#type: String,
    #[serde(default)]
    data: Value,
}

#[derive(Serialize)]
struct RawFrameRef<'a, T: Serialize> {
    r#type: &'a str,
    data: &'a T,
}

impl<'de> Deserialize<'de> for StatusEvent {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawFrame::deserialize(d)?;
        let known = |r: Result<StatusEvent, serde_json::Error>| {
            r.map_err(|e| D::Error::custom(format!("{} data: {e}", raw.r#type)))
        };
        match raw.r#type.as_str() {
            "status_update" => known(StatusUpdate::deserialize(&raw.data).map(Self::StatusUpdate)),
            "document_updated" => {
                known(DocumentUpdated::deserialize(&raw.data).map(Self::DocumentUpdated))
            }
            "documents_deleted" => {
                known(DocumentsDeleted::deserialize(&raw.data).map(Self::DocumentsDeleted))
            }
            _ => Ok(Self::Other {
                r#type: raw.r#type,
                data: raw.data,
            }),
        }
    }
}

impl Serialize for StatusEvent {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r#type = self.event_type();
        match self {
            Self::StatusUpdate(data) => RawFrameRef { r#type, data }.serialize(s),
            Self::DocumentUpdated(data) => RawFrameRef { r#type, data }.serialize(s),
            Self::DocumentsDeleted(data) => RawFrameRef { r#type, data }.serialize(s),
            Self::Other { data, .. } => RawFrameRef { r#type, data }.serialize(s),
        }
    }
}

crate::open_enum::string_enum! {
    /// The state a consume step reports (`status` of a `status_update`, upper case).
    pub enum ProgressStatus {
        /// The file was picked up (`new_file`).
        Started => "STARTED",
        /// A step in between (parsing, thumbnail, dates, saving).
        Working => "WORKING",
        /// The document exists: [`StatusUpdate::document_id`] is set.
        Success => "SUCCESS",
        /// Consumption failed; the message is the error (a duplicate too).
        Failed => "FAILED",
    }
}

/// `status_update`: one consume step, with the progress so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusUpdate {
    /// The task id `post_document` answered (absent for files from the consumption folder on
    /// some versions).
    #[serde(default)]
    pub task_id: Option<TaskUuid>,
    /// The file's name as uploaded.
    #[serde(default)]
    pub filename: Option<String>,
    /// Progress so far (`current_progress`: 0, 20, 70, 90, 95, 100 for a text file).
    #[serde(rename = "current_progress")]
    pub progress: u32,
    /// The progress that means done (100).
    pub max_progress: u32,
    /// Started, working, success or failed.
    pub status: ProgressStatus,
    /// The step (`new_file`, `parsing_document`, `generating_thumbnail`, `parse_date`,
    /// `save_document`, `finished`) or, on failure, the error text.
    #[serde(default)]
    pub message: String,
    /// The new document, once [`ProgressStatus::Success`].
    #[serde(default)]
    pub document_id: Option<DocumentId>,
    /// The document's owner (the server sends users only the events they may view).
    #[serde(default)]
    pub owner_id: Option<UserId>,
    /// Users allowed to view the document.
    #[serde(default)]
    pub users_can_view: Vec<UserId>,
    /// Groups allowed to view the document.
    #[serde(default)]
    pub groups_can_view: Vec<GroupId>,
}

impl StatusUpdate {
    /// A status update (the test server's frames; clients read them).
    #[must_use]
    pub fn new(
        task_id: Option<TaskUuid>,
        filename: Option<String>,
        progress: u32,
        status: ProgressStatus,
        message: impl Into<String>,
    ) -> Self {
        Self {
            task_id,
            filename,
            progress,
            max_progress: 100,
            status,
            message: message.into(),
            document_id: None,
            owner_id: None,
            users_can_view: Vec::new(),
            groups_can_view: Vec::new(),
        }
    }

    /// `true` for the last frame of a consumption: success or failure.
    #[must_use]
    pub fn is_final(&self) -> bool {
        matches!(
            self.status,
            ProgressStatus::Success | ProgressStatus::Failed
        )
    }
}

/// `document_updated`: a document was changed (`PATCH`/`PUT`, a bulk edit's metadata methods,
/// a version's deletion or label; Paperless-ngx 3.x only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentUpdated {
    /// The document.
    pub document_id: DocumentId,
    /// Its new modification time.
    pub modified: DateTime<Utc>,
    /// The document's owner.
    #[serde(default)]
    pub owner_id: Option<UserId>,
    /// Users allowed to view the document.
    #[serde(default)]
    pub users_can_view: Vec<UserId>,
    /// Groups allowed to view the document.
    #[serde(default)]
    pub groups_can_view: Vec<GroupId>,
}

impl DocumentUpdated {
    /// A document update event.
    #[must_use]
    pub fn new(document_id: DocumentId, modified: DateTime<Utc>) -> Self {
        Self {
            document_id,
            modified,
            owner_id: None,
            users_can_view: Vec::new(),
            groups_can_view: Vec::new(),
        }
    }
}

/// `documents_deleted`: the documents of a bulk deletion (moved to the trash).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DocumentsDeleted {
    /// The deleted documents.
    #[serde(default)]
    pub documents: Vec<DocumentId>,
}

impl DocumentsDeleted {
    /// A deletion event.
    #[must_use]
    pub fn new(documents: impl IntoIterator<Item = DocumentId>) -> Self {
        Self {
            documents: documents.into_iter().collect(),
        }
    }
}
