//! Processed mail: `/api/processed_mail/`, [`Paperless::processed_mail`].
//!
//! | Call | Request |
//! |---|---|
//! | `processed.get(4).await?` | `GET /api/processed_mail/4/` |
//! | `processed.list().rule(MailRuleId(1)).send().await?` | `GET /api/processed_mail/?rule=1` |
//! | `processed.bulk_delete([ProcessedMailId(4)]).await?` | `POST /api/processed_mail/bulk_delete/` |
//!
//! The server's record of every mail a rule handled, so that it is not processed twice. It is
//! read-only apart from [`Endpoint::bulk_delete`](Endpoint#method.bulk_delete): deleting a record
//! lets the rule process that mail again. List filters: `rule`, `status`.
//!
//! ```compile_fail,E0599
//! # async fn run(client: paperless_client::Paperless) {
//! client.processed_mail().delete(4).await; // no DELETE on processed mail: use bulk_delete
//! # }
//! ```

use paperless_types::processed_mail::{
    ProcessedMail, ProcessedMailBulkDelete, ProcessedMailBulkDeleteResult, ProcessedMailStatus,
};
use paperless_types::{MailRuleId, ProcessedMailId};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::error::{InvalidInput, Result};
use crate::list::List;
use crate::resource::Resource;

/// The processed mail records, `/api/processed_mail/`: [`ProcessedMail`] objects, read-only.
#[derive(Debug)]
pub enum ProcessedMails {}

impl Resource for ProcessedMails {
    type Id = ProcessedMailId;
    type Item = ProcessedMail;
    const NAME: &'static str = "processed_mail";
    const PATH: &'static str = "/api/processed_mail/";
    fn id_of(mail: &ProcessedMail) -> ProcessedMailId {
        mail.id
    }
}

impl Paperless {
    /// Processed mail: the record of mails the mail rules handled (`/api/processed_mail/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use futures_util::TryStreamExt;
    /// use paperless_client::types::processed_mail::ProcessedMailStatus;
    ///
    /// let processed = client.processed_mail();
    /// let failed: Vec<_> = processed
    ///     .list()
    ///     .status(ProcessedMailStatus::Failed)
    ///     .stream()
    ///     .try_collect()
    ///     .await?;
    /// // Let the rules try these mails again.
    /// processed.bulk_delete(failed.iter().map(|m| m.id)).await?;
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn processed_mail(&self) -> Endpoint<ProcessedMails> {
        self.endpoint()
    }
}

impl Endpoint<ProcessedMails> {
    /// Deletes processed mail records (`POST /api/processed_mail/bulk_delete/`), so their rules
    /// process those mails again. Ids that do not exist are ignored by the server (and echoed
    /// back in the result).
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for an empty id list (nothing is sent);
    /// [`Error::Api`](crate::Error::Api): 403 when the user may not delete one of the records.
    pub async fn bulk_delete(
        &self,
        ids: impl IntoIterator<Item = impl Into<ProcessedMailId>>,
    ) -> Result<ProcessedMailBulkDeleteResult> {
        let body = ProcessedMailBulkDelete::new(ids.into_iter().map(Into::into));
        if body.mail_ids.is_empty() {
            return Err(InvalidInput::new(
                "processed_mail.bulk_delete needs at least one processed mail id",
            )
            .into());
        }
        let request = self.collection_action("bulk_delete").json(&body)?;
        self.client().json(request).await
    }
}

impl List<ProcessedMails> {
    /// Only mails handled by this rule (`rule=1`).
    pub fn rule(self, rule: impl Into<MailRuleId>) -> Self {
        self.param("rule", rule.into())
    }

    /// Only mails with this outcome (`status=FAILED`).
    pub fn status(self, status: ProcessedMailStatus) -> Self {
        self.param("status", status)
    }
}
