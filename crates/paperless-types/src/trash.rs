//! The trash: documents deleted with `DELETE /api/documents/{id}/` or
//! `POST /api/documents/delete/` stay here until restored or emptied (automatically after
//! `PAPERLESS_EMPTY_TRASH_DELAY` days).
//!
//! Endpoints:
//! - `GET /api/trash/` → [`Page`](crate::Page)`<`[`Document`](crate::document::Document)`>`
//!   (documents with `deleted_at` set)
//! - `POST /api/trash/` with [`TrashRequest`] → [`TrashResult`]

use serde::{Deserialize, Serialize};

use crate::ids::DocumentId;

crate::open_enum::string_enum! {
    /// What to do with documents in the trash.
    pub enum TrashAction {
        /// Move them back out of the trash.
        Restore => "restore",
        /// Delete them permanently, files included.
        Empty => "empty",
    }
}

/// Body of `POST /api/trash/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrashRequest {
    /// The documents to act on; `None` means every document in the user's trash (useful with
    /// [`TrashAction::Empty`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents: Option<Vec<DocumentId>>,
    /// What to do.
    pub action: TrashAction,
}

impl TrashRequest {
    /// Restores these documents.
    #[must_use]
    pub fn restore(documents: impl IntoIterator<Item = DocumentId>) -> Self {
        Self {
            documents: Some(documents.into_iter().collect()),
            action: TrashAction::Restore,
        }
    }

    /// Deletes these documents permanently.
    #[must_use]
    pub fn empty(documents: impl IntoIterator<Item = DocumentId>) -> Self {
        Self {
            documents: Some(documents.into_iter().collect()),
            action: TrashAction::Empty,
        }
    }

    /// Deletes every document in the user's trash permanently.
    #[must_use]
    pub fn empty_all() -> Self {
        Self {
            documents: None,
            action: TrashAction::Empty,
        }
    }
}

/// Response of `POST /api/trash/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrashResult {
    /// `"OK"` on success.
    pub result: String,
    /// The documents acted on (for "empty all", every document that was in the trash); `null`
    /// for a restore without a document list.
    #[serde(default)]
    pub doc_ids: Option<Vec<DocumentId>>,
}

impl TrashResult {
    /// A successful action on these documents.
    #[must_use]
    pub fn ok(doc_ids: impl IntoIterator<Item = DocumentId>) -> Self {
        Self {
            result: "OK".to_owned(),
            doc_ids: Some(doc_ids.into_iter().collect()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_serialize_exactly() {
        let ser = |r: &TrashRequest| serde_json::to_string(r).unwrap_or_default();
        assert_eq!(
            ser(&TrashRequest::restore([DocumentId(69)])),
            r#"{"documents":[69],"action":"restore"}"#
        );
        assert_eq!(
            ser(&TrashRequest::empty([DocumentId(1), DocumentId(2)])),
            r#"{"documents":[1,2],"action":"empty"}"#
        );
        assert_eq!(ser(&TrashRequest::empty_all()), r#"{"action":"empty"}"#);
    }
}
