//! `/api/config/` (a singleton listed as an array) and `/api/logs/` against the captured
//! exchanges.

use paperless_client::Error;
use paperless_client::types::ConfigId;
use paperless_client::types::config::{ApplicationConfiguration, ApplicationConfigurationPatch};
use paperless_client::types::logs::{LogLine, LogName};

use crate::api_fixtures::{Capture, Replay, fixture_body};
use crate::support::client;

#[tokio::test]
async fn get_reads_the_single_object_of_the_list() {
    let (replay, client) = Replay::start(&["config.list"]).await;
    let config = client.config().get().await.unwrap();
    replay.assert().await;
    assert_eq!(config.id, ConfigId(1));
    assert_eq!(config.app_title, None);
    assert_eq!(
        vec![config],
        Capture::load("config.list").body::<Vec<ApplicationConfiguration>>()
    );
}

#[tokio::test]
async fn update_patches_the_object_the_list_names() {
    let (replay, client) = Replay::start(&["config.list", "config.patch"]).await;
    let patch =
        ApplicationConfigurationPatch::new().app_title(Some("Paperless Conformance Lab".into()));
    let config = client.config().update(&patch).await.unwrap();
    replay.assert().await;
    assert_eq!(
        config.app_title.as_deref(),
        Some("Paperless Conformance Lab")
    );
    assert_eq!(config, Capture::load("config.patch").body());
}

#[tokio::test]
async fn an_empty_configuration_list_is_a_decode_error() {
    let mut server = mockito::Server::new_async().await;
    let _mock = server
        .mock("GET", "/api/config/")
        .with_header("content-type", "application/json")
        .with_body("[]")
        .create_async()
        .await;
    let err = client(&server.url()).config().get().await.unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    assert_eq!(decode.operation().to_string(), "config.get");
    assert!(err.to_string().contains("configuration object"), "{err}");
}

#[tokio::test]
async fn log_names_and_lines() {
    let (replay, client) = Replay::start(&["logs.list", "logs.paperless", "logs.mail"]).await;
    let logs = client.logs();
    assert_eq!(
        logs.names().await.unwrap(),
        [LogName::Paperless, LogName::Mail, LogName::Celery]
    );
    let lines = logs.get(LogName::Paperless).await.unwrap();
    assert_eq!(lines, Capture::load("logs.paperless").body::<Vec<String>>());
    let first = LogLine::parse(&lines[0]).unwrap();
    assert_eq!(first.logger, "paperless.asgi");
    let mail = logs.get(LogName::Mail).send().await.unwrap();
    assert_eq!(mail.len(), 5);
    replay.assert().await;
}

#[tokio::test]
async fn a_missing_log_is_not_found() {
    let (replay, client) = Replay::start(&["logs.missing"]).await;
    let err = client
        .logs()
        .get(LogName::Other("doesnotexist".into()))
        .await
        .unwrap_err();
    replay.assert().await;
    assert!(err.is_not_found());
}

#[tokio::test]
async fn limit_asks_for_the_last_lines() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/logs/paperless/?limit=5")
        .with_header("content-type", "application/json")
        .with_body(fixture_body("logs.mail"))
        .expect(1)
        .create_async()
        .await;
    let logs = client(&server.url()).logs();
    let lines = logs.get(LogName::Paperless).limit(5).await.unwrap();
    mock.assert_async().await;
    assert_eq!(lines.len(), 5);

    // Refused before sending: a limit of 0 and names that are not a path segment.
    for request in [
        logs.get(LogName::Paperless).limit(0),
        logs.get(LogName::Other("../config".into())),
        logs.get(LogName::Other(String::new())),
    ] {
        let err = request.await.unwrap_err();
        assert!(matches!(err, Error::Invalid(_)), "{err}");
    }
}
