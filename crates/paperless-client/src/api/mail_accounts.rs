//! Mail accounts: `/api/mail_accounts/`, [`Paperless::mail_accounts`].
//!
//! | Call | Request |
//! |---|---|
//! | `mail_accounts.get(1).await?` | `GET /api/mail_accounts/1/` |
//! | `mail_accounts.list().send().await?` | `GET /api/mail_accounts/` |
//! | `mail_accounts.create(&NewMailAccount::new(name, server, user, password)).await?` | `POST /api/mail_accounts/` |
//! | `mail_accounts.update(1, &MailAccountPatch::new().imap_port(Some(993))).await?` | `PATCH /api/mail_accounts/1/` |
//! | `mail_accounts.replace(1, &patch).await?` | `PUT /api/mail_accounts/1/` |
//! | `mail_accounts.delete(1).await?` | `DELETE /api/mail_accounts/1/` |
//! | `mail_accounts.test(&MailAccountTest::new(server, user, password)).await?` | `POST /api/mail_accounts/test/` |
//! | `mail_accounts.process(1).await?` | `POST /api/mail_accounts/1/process/` |
//!
//! The list has no filters besides `full_perms`. The server never returns a stored password
//! (only a mask of `*`); sending the mask back keeps the stored one.

use paperless_types::MailAccountId;
use paperless_types::mail_account::{
    MailAccount, MailAccountPatch, MailAccountTest, NewMailAccount,
};
use paperless_types::outcome::{ActionResult, SuccessResponse};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::resource::{Creatable, Deletable, HasPermissions, Resource, Updatable};

/// The mail accounts collection, `/api/mail_accounts/`: [`MailAccount`] objects, created with
/// [`NewMailAccount`], changed with [`MailAccountPatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum MailAccounts {}

impl Resource for MailAccounts {
    type Id = MailAccountId;
    type Item = MailAccount;
    const NAME: &'static str = "mail_accounts";
    const PATH: &'static str = "/api/mail_accounts/";
    fn id_of(account: &MailAccount) -> MailAccountId {
        account.id
    }
}

impl Creatable for MailAccounts {
    type Create = NewMailAccount;
}

impl Updatable for MailAccounts {
    type Patch = MailAccountPatch;
    type Replace = MailAccountPatch;
    const RENAMED_ON_WRITE: &'static [(&'static str, &'static str)] =
        &[("permissions", "set_permissions")];
}

impl Deletable for MailAccounts {}
impl HasPermissions for MailAccounts {}

impl Paperless {
    /// Mail accounts: the IMAP mailboxes the server fetches documents from
    /// (`/api/mail_accounts/`).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::mail_account::MailAccountTest;
    ///
    /// let accounts = client.mail_accounts();
    /// let test = MailAccountTest::new("imap.example.com", "me@example.com", "app-password");
    /// match accounts.test(&test).await {
    ///     Ok(_) => println!("login works"),
    ///     Err(e) => println!("login failed: {e}"),
    /// }
    /// accounts.process(1).await?; // fetch mail for account 1 now
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn mail_accounts(&self) -> Endpoint<MailAccounts> {
        self.endpoint()
    }
}

impl Endpoint<MailAccounts> {
    /// Tries to log into a mailbox without saving anything (`POST /api/mail_accounts/test/`).
    /// To test a stored account without its password, set [`MailAccountTest::id`] and send the
    /// `*` mask as the password.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 400 with the detail `Unable to connect to server` when
    /// the login fails, 403 without permission. Some connection failures (such as a refused
    /// connection) make the 3.0.5 server answer 500 with an HTML page.
    pub async fn test(&self, test: &MailAccountTest) -> Result<SuccessResponse> {
        let request = self.collection_action("test").json(test)?;
        self.client().json(request).await
    }

    /// Queues a mail fetch for one account now (`POST /api/mail_accounts/{id}/process/`),
    /// instead of waiting for the schedule. The fetch runs as a background task.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 404 when the account does not exist, 403 without
    /// permission; transport and decode errors.
    pub async fn process(&self, id: impl Into<MailAccountId>) -> Result<ActionResult> {
        let request = self.object_action(id.into(), "process");
        self.client().json(request).await
    }
}
