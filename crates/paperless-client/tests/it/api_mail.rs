//! `/api/mail_accounts/`, `/api/mail_rules/` and `/api/processed_mail/` against the captured
//! exchanges.

use paperless_client::api::{MailAccounts, MailRules, ProcessedMails};
use paperless_client::types::mail_account::{
    ImapSecurity, MailAccountPatch, MailAccountTest, NewMailAccount,
};
use paperless_client::types::mail_rule::{
    MailAction, MailAttachmentType, MailConsumptionScope, MailCorrespondentSource, MailPdfLayout,
    MailRulePatch, NewMailRule,
};
use paperless_client::types::processed_mail::ProcessedMailStatus;
use paperless_client::types::{
    CorrespondentId, MailAccountId, MailRuleId, ProcessedMailId, TagId, UserId,
};

use crate::api_fixtures::{
    Capture, Replay, created, deleted, fixture_body, got, listed, refused, replaced, updated,
};
use crate::support::client;

#[tokio::test]
async fn create_an_account() {
    let new = NewMailAccount::new("ZZ scratch mail", "127.0.0.1", "zz", "zz-pass")
        .imap_port(10143u16)
        .imap_security(ImapSecurity::None)
        .character_set("UTF-8");
    let account = created::<MailAccounts>("mail_accounts.create", &new).await;
    assert_eq!(account.id, MailAccountId(6));
    assert!(account.password.is_masked());
    assert_eq!(account.owner, Some(UserId(2)));
}

#[tokio::test]
async fn patch_put_delete_an_account() {
    let account = updated::<MailAccounts>(
        "mail_accounts.patch",
        6,
        &MailAccountPatch::new().imap_port(Some(10144)),
    )
    .await;
    assert_eq!(account.imap_port, Some(10144));
    let full = MailAccountPatch::new()
        .name("ZZ scratch mail put")
        .imap_server("127.0.0.1")
        .imap_port(Some(10145))
        .imap_security(ImapSecurity::Starttls)
        .username("zz2")
        .password("zz-pass-2")
        .character_set("US-ASCII");
    let account = replaced::<MailAccounts>("mail_accounts.put", 6, &full).await;
    assert_eq!(account.imap_security, ImapSecurity::Starttls);
    deleted::<MailAccounts>("mail_accounts.delete", 6).await;
}

#[tokio::test]
async fn retrieve_and_list_accounts() {
    let account = got::<MailAccounts>("mail_accounts.retrieve", 1).await;
    assert_eq!(account.name, "Personal IMAP");
    let page = listed::<MailAccounts>("mail_accounts.list", |l| l).await;
    assert_eq!(page.items(), [account]);
}

#[tokio::test]
async fn process_an_account() {
    let (replay, client) = Replay::start(&["mail_accounts.process"]).await;
    let result = client.mail_accounts().process(6).await.unwrap();
    replay.assert().await;
    assert!(result.is_ok());
}

#[tokio::test]
async fn test_an_account() {
    // A refused IMAP connection makes the 3.0.5 server fail with an HTML 500 page.
    let test = MailAccountTest::new("127.0.0.1", "zz", "zz-pass")
        .name("t")
        .imap_port(10143u16)
        .imap_security(ImapSecurity::None);
    let err =
        refused::<MailAccounts, _, _, _>("mail_accounts.test.connection_refused", |a| async move {
            a.test(&test).await
        })
        .await;
    let api = err.as_api().unwrap();
    assert!(api.is_html());
    assert_eq!(api.detail(), Some("Server Error (500)"));

    // A working login answers {"success": true}.
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", "/api/mail_accounts/test/")
        .match_body(mockito::Matcher::JsonString(
            r#"{"id":1,"imap_server":"127.0.0.1","username":"alice@example.com","password":"*******************"}"#
                .to_owned(),
        ))
        .with_header("content-type", "application/json")
        .with_body(r#"{"success": true}"#)
        .expect(1)
        .create_async()
        .await;
    let stored = MailAccountTest::new("127.0.0.1", "alice@example.com", "*******************")
        .id(MailAccountId(1));
    let ok = client(&server.url())
        .mail_accounts()
        .test(&stored)
        .await
        .unwrap();
    mock.assert_async().await;
    assert!(ok.success);
}

#[tokio::test]
async fn mail_rules() {
    let new = NewMailRule::new("ZZ scratch rule", MailAccountId(1), "INBOX")
        .action(MailAction::Flag)
        .maximum_age(7u32)
        .assign_tags([TagId(1)])
        .assign_correspondent_from(MailCorrespondentSource::FromCustom)
        .assign_correspondent(Some(CorrespondentId(8)))
        .order(5i64)
        .consumption_scope(MailConsumptionScope::EmlOnly)
        .pdf_layout(MailPdfLayout::HtmlText);
    let rule = created::<MailRules>("mail_rules.create", &new).await;
    assert_eq!(rule.id, MailRuleId(6));
    assert_eq!(rule.assign_correspondent, Some(CorrespondentId(8)));

    let patch = MailRulePatch::new()
        .enabled(false)
        .filter_body(Some("receipt".into()));
    let rule = updated::<MailRules>("mail_rules.patch", 6, &patch).await;
    assert!(!rule.enabled);
    assert_eq!(rule.filter_body.as_deref(), Some("receipt"));

    let full = MailRulePatch::new()
        .name("ZZ scratch rule put")
        .account(MailAccountId(1))
        .folder("INBOX.Receipts")
        .action(MailAction::Tag)
        .action_parameter(Some("paperless".to_owned()))
        .maximum_age(14u32)
        .assign_tags([])
        .assign_correspondent_from(MailCorrespondentSource::FromEmail)
        .order(6i64)
        .consumption_scope(MailConsumptionScope::Everything)
        .attachment_type(MailAttachmentType::Everything);
    let rule = replaced::<MailRules>("mail_rules.put", 6, &full).await;
    assert_eq!(rule.folder, "INBOX.Receipts");
    deleted::<MailRules>("mail_rules.delete", 6).await;

    let rule = got::<MailRules>("mail_rules.retrieve", 1).await;
    assert_eq!(rule.name, "Invoices from inbox");
    let page = listed::<MailRules>("mail_rules.list", |l| l).await;
    assert!(page.items().contains(&rule));
}

#[tokio::test]
async fn processed_mail() {
    let page = listed::<ProcessedMails>("processed_mail.list", |l| l).await;
    assert_eq!(page.count, 0);

    let (replay, client) = Replay::start(&["processed_mail.bulk_delete"]).await;
    let result = client
        .processed_mail()
        .bulk_delete([ProcessedMailId(99999)])
        .await
        .unwrap();
    replay.assert().await;
    assert_eq!(result.result, "OK");
    assert_eq!(result.deleted_mail_ids, [ProcessedMailId(99999)]);
    assert_eq!(result, Capture::load("processed_mail.bulk_delete").body());

    let err = client
        .processed_mail()
        .bulk_delete(Vec::<ProcessedMailId>::new())
        .await
        .unwrap_err();
    assert!(matches!(err, paperless_client::Error::Invalid(_)), "{err}");

    let err =
        refused::<ProcessedMails, _, _, _>("processed_mail.retrieve.missing_404", |p| async move {
            p.get(99999).await
        })
        .await;
    assert!(err.is_not_found());
}

#[tokio::test]
async fn processed_mail_filters() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/processed_mail/?rule=1&status=FAILED")
        .with_header("content-type", "application/json")
        .with_body(fixture_body("processed_mail.list"))
        .expect(1)
        .create_async()
        .await;
    let page = client(&server.url())
        .processed_mail()
        .list()
        .rule(MailRuleId(1))
        .status(ProcessedMailStatus::Failed)
        .send()
        .await
        .unwrap();
    mock.assert_async().await;
    assert!(page.items().is_empty());
}
