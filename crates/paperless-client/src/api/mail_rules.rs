//! Mail rules: `/api/mail_rules/`, [`Paperless::mail_rules`].
//!
//! | Call | Request |
//! |---|---|
//! | `mail_rules.get(1).await?` | `GET /api/mail_rules/1/` |
//! | `mail_rules.list().send().await?` | `GET /api/mail_rules/` |
//! | `mail_rules.create(&NewMailRule::new("Receipts", MailAccountId(1), "INBOX")).await?` | `POST /api/mail_rules/` |
//! | `mail_rules.update(1, &MailRulePatch::new().enabled(false)).await?` | `PATCH /api/mail_rules/1/` |
//! | `mail_rules.replace(1, &patch).await?` | `PUT /api/mail_rules/1/` |
//! | `mail_rules.delete(1).await?` | `DELETE /api/mail_rules/1/` |
//!
//! The list has no filters besides `full_perms`; rules come sorted by `order`.

use paperless_types::MailRuleId;
use paperless_types::mail_rule::{MailRule, MailRulePatch, NewMailRule};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::resource::{Creatable, Deletable, HasPermissions, Resource, Updatable};

/// The mail rules collection, `/api/mail_rules/`: [`MailRule`] objects, created with
/// [`NewMailRule`], changed with [`MailRulePatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum MailRules {}

impl Resource for MailRules {
    type Id = MailRuleId;
    type Item = MailRule;
    const NAME: &'static str = "mail_rules";
    const PATH: &'static str = "/api/mail_rules/";
    fn id_of(rule: &MailRule) -> MailRuleId {
        rule.id
    }
}

impl Creatable for MailRules {
    type Create = NewMailRule;
}

impl Updatable for MailRules {
    type Patch = MailRulePatch;
    type Replace = MailRulePatch;
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
        &[("permissions", "set_permissions")];
}

impl Deletable for MailRules {}
impl HasPermissions for MailRules {}

impl Paperless {
    /// Mail rules: which mails of an account are consumed and how (`/api/mail_rules/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::mail_rule::{MailAction, NewMailRule};
    /// use paperless_client::types::{MailAccountId, TagId};
    ///
    /// let rule = NewMailRule::new("Receipts", MailAccountId(1), "INBOX")
    ///     .action(MailAction::Move)
    ///     .action_parameter(Some("Archive".to_owned()))
    ///     .assign_tags([TagId(4)]);
    /// let rule = client.mail_rules().create(&rule).await?;
    /// println!("rule {}", rule.id);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn mail_rules(&self) -> Endpoint<MailRules> {
        self.endpoint()
    }
}
