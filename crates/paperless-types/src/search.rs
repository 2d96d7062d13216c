//! Global search: `GET /api/search/?query=...` (optionally `&db_only=true`).
//!
//! One query is matched against every kind of object the user may see; the server returns at
//! most a few hits per kind. Documents are found through the full-text index unless `db_only`
//! is set, in which case only titles are matched in the database.

use serde::{Deserialize, Serialize};

use crate::correspondent::Correspondent;
use crate::custom_field::CustomField;
use crate::document::Document;
use crate::document_type::DocumentType;
use crate::group::Group;
use crate::mail_account::MailAccount;
use crate::mail_rule::MailRule;
use crate::saved_view::SavedView;
use crate::storage_path::StoragePath;
use crate::tag::Tag;
use crate::user::User;
use crate::workflow::Workflow;

/// The response of `GET /api/search/`: hits grouped by kind of object.
///
/// Objects here are abridged: counters such as `document_count` and the permission fields may be
/// missing, which the models tolerate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GlobalSearchResults {
    /// Total number of hits over all kinds.
    #[serde(default)]
    pub total: u64,
    /// Matching documents.
    #[serde(default)]
    pub documents: Vec<Document>,
    /// Matching saved views.
    #[serde(default)]
    pub saved_views: Vec<SavedView>,
    /// Matching tags.
    #[serde(default)]
    pub tags: Vec<Tag>,
    /// Matching correspondents.
    #[serde(default)]
    pub correspondents: Vec<Correspondent>,
    /// Matching document types.
    #[serde(default)]
    pub document_types: Vec<DocumentType>,
    /// Matching storage paths.
    #[serde(default)]
    pub storage_paths: Vec<StoragePath>,
    /// Matching users.
    #[serde(default)]
    pub users: Vec<User>,
    /// Matching groups.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Matching mail rules.
    #[serde(default)]
    pub mail_rules: Vec<MailRule>,
    /// Matching mail accounts.
    #[serde(default)]
    pub mail_accounts: Vec<MailAccount>,
    /// Matching workflows.
    #[serde(default)]
    pub workflows: Vec<Workflow>,
    /// Matching custom fields.
    #[serde(default)]
    pub custom_fields: Vec<CustomField>,
}
