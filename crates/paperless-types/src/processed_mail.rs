//! Processed mail: the record the server keeps of every mail a [mail rule](crate::mail_rule)
//! handled, so it is not processed twice.
//!
//! Endpoints:
//! - `GET /api/processed_mail/` → [`Page`](crate::Page)`<`[`ProcessedMail`]`>` (filter `rule`)
//! - `GET /api/processed_mail/{id}/` → [`ProcessedMail`]
//! - `POST /api/processed_mail/bulk_delete/` with [`ProcessedMailBulkDelete`] →
//!   [`ProcessedMailBulkDeleteResult`]; deleting a record lets the rule process that mail again

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::ids::{MailRuleId, ProcessedMailId, UserId};

crate::open_enum::string_enum! {
    /// The outcome of processing a mail (`status`).
    pub enum ProcessedMailStatus {
        /// `SUCCESS`: the mail was consumed.
        Success => "SUCCESS",
        /// `FAILED`: processing failed; see `error`.
        Failed => "FAILED",
    }
}

impl Default for ProcessedMailStatus {
    /// [`ProcessedMailStatus::Success`].
    fn default() -> Self {
        Self::Success
    }
}

/// A processed mail record as the server returns it (read-only).
///
/// ```
/// use paperless_types::processed_mail::{ProcessedMail, ProcessedMailStatus};
///
/// let json = r#"{"id":4,"owner":2,"rule":1,"folder":"INBOX","uid":"812","subject":"Invoice 42",
///   "received":"2025-03-01T09:15:00+01:00","processed":"2025-03-01T09:20:03.120000+01:00",
///   "status":"FAILED","error":"Unsupported file type"}"#;
/// let mail: ProcessedMail = serde_json::from_str(json)?;
/// assert_eq!(mail.status, ProcessedMailStatus::Failed);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProcessedMail {
    /// Primary key.
    pub id: ProcessedMailId,
    /// The owning user (the rule's owner).
    #[serde(default)]
    pub owner: Option<UserId>,
    /// The rule that processed the mail.
    pub rule: MailRuleId,
    /// The IMAP folder the mail was in.
    pub folder: String,
    /// The mail's IMAP UID in that folder.
    pub uid: String,
    /// The mail's subject.
    pub subject: String,
    /// When the mail was received.
    pub received: DateTime<FixedOffset>,
    /// When the server processed it.
    pub processed: DateTime<FixedOffset>,
    /// The outcome.
    pub status: ProcessedMailStatus,
    /// The error message when processing failed.
    #[serde(default)]
    pub error: Option<String>,
}

/// The body of `POST /api/processed_mail/bulk_delete/`.
///
/// ```
/// use paperless_types::{ProcessedMailId, processed_mail::ProcessedMailBulkDelete};
///
/// let body = ProcessedMailBulkDelete::new([ProcessedMailId(3), ProcessedMailId(4)]);
/// assert_eq!(serde_json::to_string(&body)?, r#"{"mail_ids":[3,4]}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProcessedMailBulkDelete {
    /// The records to delete (ids that do not exist are ignored).
    pub mail_ids: Vec<ProcessedMailId>,
}

impl ProcessedMailBulkDelete {
    /// Deletes these records.
    #[must_use]
    pub fn new(mail_ids: impl IntoIterator<Item = ProcessedMailId>) -> Self {
        Self {
            mail_ids: mail_ids.into_iter().collect(),
        }
    }
}

/// The response of `POST /api/processed_mail/bulk_delete/`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProcessedMailBulkDeleteResult {
    /// `"OK"`.
    pub result: String,
    /// The ids the request named (echoed back, whether or not they existed).
    #[serde(default)]
    pub deleted_mail_ids: Vec<ProcessedMailId>,
}
