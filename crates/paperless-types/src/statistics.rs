//! Document statistics for the dashboard.
//!
//! Endpoint: `GET /api/statistics/` → [`Statistics`]. Users without the global statistics
//! permission get counts over the objects they may see only.

use serde::{Deserialize, Serialize};

use crate::ids::TagId;

/// The response of `GET /api/statistics/`.
///
/// ```
/// use paperless_types::{TagId, statistics::Statistics};
///
/// let json = r#"{"documents_total":35,"documents_inbox":32,"inbox_tag":1,"inbox_tags":[1,2],
///   "document_file_type_counts":[{"mime_type":"application/pdf","mime_type_count":3}],
///   "character_count":12633,"tag_count":10,"correspondent_count":8,"document_type_count":6,
///   "storage_path_count":4,"current_asn":112}"#;
/// let stats: Statistics = serde_json::from_str(json)?;
/// assert_eq!(stats.inbox_tags.as_deref(), Some(&[TagId(1), TagId(2)][..]));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Statistics {
    /// Number of documents (root documents only, not versions).
    pub documents_total: u64,
    /// Number of documents with an inbox tag; `None` when there is no inbox tag.
    #[serde(default)]
    pub documents_inbox: Option<u64>,
    /// The first inbox tag; `None` when there is none (kept for older clients, prefer
    /// [`inbox_tags`](Self::inbox_tags)).
    #[serde(default)]
    pub inbox_tag: Option<TagId>,
    /// Every inbox tag; `None` when there is none.
    #[serde(default)]
    pub inbox_tags: Option<Vec<TagId>>,
    /// Number of documents per MIME type, most frequent first.
    #[serde(default)]
    pub document_file_type_counts: Vec<MimeTypeCount>,
    /// Total number of characters of document content.
    #[serde(default)]
    pub character_count: u64,
    /// Number of tags.
    #[serde(default)]
    pub tag_count: u64,
    /// Number of correspondents.
    #[serde(default)]
    pub correspondent_count: u64,
    /// Number of document types.
    #[serde(default)]
    pub document_type_count: u64,
    /// Number of storage paths.
    #[serde(default)]
    pub storage_path_count: u64,
    /// The highest archive serial number in use (0 when none), over all documents.
    #[serde(default)]
    pub current_asn: Option<u64>,
}

/// The number of documents of one MIME type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MimeTypeCount {
    /// The MIME type of the original files, such as `application/pdf`.
    pub mime_type: String,
    /// Number of documents of that type.
    pub mime_type_count: u64,
}
