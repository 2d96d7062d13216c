//! Statistics, system status, remote version, global search and autocompletion against the
//! captured exchanges.

use paperless_client::Error;
use paperless_client::types::TagId;
use paperless_client::types::statistics::Statistics;
use paperless_client::types::status::SystemStatus;

use crate::api_fixtures::{Capture, Replay, fixture_body};
use crate::support::client;

#[tokio::test]
async fn statistics() {
    let (replay, client) = Replay::start(&["statistics"]).await;
    let stats = client.statistics().await.unwrap();
    replay.assert().await;
    assert_eq!(stats.documents_total, 35);
    assert_eq!(stats.inbox_tags, Some(vec![TagId(1), TagId(2)]));
    assert_eq!(stats, Capture::load("statistics").body::<Statistics>());

    // A user without the global statistics permission gets counts over what they may see.
    let (replay, client) = Replay::start(&["statistics.as_bob"]).await;
    let stats = client.statistics().await.unwrap();
    replay.assert().await;
    assert_eq!(
        stats,
        Capture::load("statistics.as_bob").body::<Statistics>()
    );
}

#[tokio::test]
async fn status_and_remote_version() {
    let (replay, client) = Replay::start(&["status", "remote_version"]).await;
    let status = client.status().await.unwrap();
    assert_eq!(status.pngx_version, "3.0.5");
    assert_eq!(status, Capture::load("status").body::<SystemStatus>());
    let remote = client.remote_version().await.unwrap();
    assert_eq!(remote.version, "0.0.0");
    assert!(!remote.update_available);
    replay.assert().await;
}

#[tokio::test]
async fn global_search() {
    let (replay, client) = Replay::start(&[
        "search.global",
        "search.global.db_only",
        "search.global.too_short",
    ])
    .await;
    let hits = client.global_search("telekom").await.unwrap();
    assert_eq!(hits.total, 4);
    assert_eq!(
        hits.documents[0].title.as_deref(),
        Some("Telekom Unlimited Plus contract")
    );

    let hits = client
        .global_search("insurance")
        .db_only(true)
        .await
        .unwrap();
    assert_eq!(hits.total, 5);
    assert_eq!(hits, Capture::load("search.global.db_only").body());

    let err = client.global_search("t").await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(
        err.as_api().unwrap().detail(),
        Some("Query must be at least 3 characters")
    );
    replay.assert().await;
}

#[tokio::test]
async fn db_only_false_sends_no_parameter() {
    // The server reads any `db_only` value, even `false`, as true.
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/search/?query=telekom")
        .with_header("content-type", "application/json")
        .with_body(fixture_body("search.global"))
        .expect(1)
        .create_async()
        .await;
    client(&server.url())
        .global_search("telekom")
        .db_only(true)
        .db_only(false)
        .await
        .unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn autocomplete() {
    let (replay, client) = Replay::start(&["search.autocomplete"]).await;
    let words = client.autocomplete("tel").limit(5).await.unwrap();
    replay.assert().await;
    assert_eq!(words, ["telekom"]);

    let err = client.autocomplete("tel").limit(0).await.unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
}
