//! A Paperless-ngx 2.20.15 server (API 1 to 9): the requests whose shape or existence differs
//! from 3.x, sent as 2.x wants them or refused before sending, and 2.x's answers to the rest.

use mockito::{Matcher, ServerGuard};
use paperless_client::types::TagId;
use paperless_client::types::bulk_edit::{BulkEdit, BulkEditOperation, DocumentSelection};
use paperless_client::types::task::{TaskStatus, TaskType};
use paperless_client::{ApiVersion, Error, Paperless};
use paperless_testkit::TestServer;

use crate::documents_support::mock_capture;

/// The version probe of a negotiating client, answered as 2.20.15 does.
async fn probe_2x(server: &mut ServerGuard) -> mockito::Mock {
    server
        .mock("GET", "/api/ui_settings/")
        .with_header("content-type", "application/json")
        .with_header("x-api-version", "9")
        .with_header("x-version", "2.20.15")
        .with_body("{}")
        .expect(1)
        .create_async()
        .await
}

/// A client that negotiates its version (and so learns the server's release).
fn negotiating(url: &str) -> Paperless {
    Paperless::builder(url).token("t0ken").build().unwrap()
}

#[tokio::test]
async fn generate_api_token_asks_for_no_version_and_works_on_2x() {
    let server = TestServer::builder()
        .api_versions(1..=9)
        .release("2.20.15")
        .user("alice", "secret")
        .start()
        .await
        .unwrap();
    let token = Paperless::generate_api_token(server.url(), "alice", "secret")
        .await
        .unwrap();
    assert_eq!(token.expose(), server.token_for("alice").unwrap());
    let sent = server.requests().pop().unwrap();
    assert_eq!(sent.to_string(), "POST /api/token/");
    assert_eq!(sent.accept.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn tasks_run_sends_the_2x_body_and_reads_its_result() {
    let mut server = mockito::Server::new_async().await;
    let probe = probe_2x(&mut server).await;
    let (run, _) = mock_capture(&mut server, "2.20/tasks.run.sanity_check").await;
    let tasks = negotiating(&server.url()).tasks();
    let result = tasks.run(TaskType::SanityCheck).await.unwrap();
    assert_eq!(result.result(), Some("No issues detected."));
    assert_eq!(result.task_id(), None);
    let err = tasks.run(TaskType::LlmIndex).await.unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    probe.assert_async().await;
    run.assert_async().await;
}

#[tokio::test]
async fn tasks_run_on_a_client_pinned_to_9_asks_the_server_first() {
    let mut server = mockito::Server::new_async().await;
    let probe = server
        .mock("GET", "/api/ui_settings/")
        .match_header("accept", "application/json; version=9")
        .with_header("content-type", "application/json")
        .with_header("x-api-version", "9")
        .with_header("x-version", "2.20.15")
        .with_body("{}")
        .expect(1)
        .create_async()
        .await;
    let (run, _) = mock_capture(&mut server, "2.20/tasks.run.train_classifier").await;
    let client = Paperless::builder(server.url())
        .token("t0ken")
        .api_version(ApiVersion::V9)
        .build()
        .unwrap();
    let result = client.tasks().run(TaskType::TrainClassifier).await.unwrap();
    assert_eq!(result.result(), None);
    assert_eq!(result.task_id(), None);
    probe.assert_async().await;
    run.assert_async().await;
}

#[tokio::test]
async fn task_status_is_sent_in_upper_case_and_task_type_refused() {
    let mut server = mockito::Server::new_async().await;
    let probe = probe_2x(&mut server).await;
    let list = server
        .mock("GET", "/api/tasks/")
        .match_query(Matcher::UrlEncoded("status".into(), "FAILURE".into()))
        .with_header("content-type", "application/json")
        .with_body("[]")
        .expect(1)
        .create_async()
        .await;
    let tasks = negotiating(&server.url()).tasks();
    let page = tasks
        .list()
        .status(&TaskStatus::Failure)
        .send()
        .await
        .unwrap();
    assert!(page.items().is_empty());
    let err = tasks
        .list()
        .task_type(&TaskType::ConsumeFile)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert!(
        err.to_string()
            .contains("needs Paperless-ngx 3.x (this server is 2.20.15"),
        "{err}"
    );
    probe.assert_async().await;
    list.assert_async().await;
}

#[tokio::test]
async fn three_x_only_operations_are_refused_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let probe = probe_2x(&mut server).await;
    let client = negotiating(&server.url());
    let err = client.documents().root(12).await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "documents.root needs Paperless-ngx 3.x (this server is 2.20.15); nothing was sent"
    );
    assert!(err.is_no_such_endpoint());
    let err = client.share_link_bundles().list().send().await.unwrap_err();
    assert!(matches!(err, Error::Version(_)), "{err}");
    let all = BulkEdit::new(
        DocumentSelection::all(),
        BulkEditOperation::add_tag(TagId(1)),
    );
    let err = client.documents().bulk_edit(&all).await.unwrap_err();
    assert!(matches!(err, Error::Version(_)), "{err}");
    // Nothing but the probe reached the server.
    probe.assert_async().await;
}

#[tokio::test]
async fn a_redirect_to_the_login_page_is_no_such_endpoint() {
    let mut server = mockito::Server::new_async().await;
    let redirect = server
        .mock("GET", "/api/documents/12/root/")
        .with_status(302)
        .with_header("location", "/accounts/login/?next=/api/documents/12/root/")
        .expect(1)
        .create_async()
        .await;
    // Pinned: the client does not know the server's release, so it sends.
    let client = crate::support::builder(&server.url())
        .api_version(ApiVersion::V9)
        .build()
        .unwrap();
    let err = client.documents().root(12).await.unwrap_err();
    redirect.assert_async().await;
    assert!(err.is_no_such_endpoint());
    assert_eq!(
        err.to_string(),
        "GET /api/documents/12/root/ returned 302 Found. No such endpoint on this server: \
         Paperless-ngx redirects API paths it does not have to its login page. The endpoint may \
         need a newer release (3.x-only operations are refused before sending once the client \
         knows the server's version)."
    );
}
