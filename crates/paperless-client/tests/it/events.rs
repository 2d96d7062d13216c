//! `client.events()` against the test server over real sockets: the frames of an upload in
//! order, reconnection after a dropped socket, the end of the stream when the session expires,
//! the refusal without a session.

use std::time::Duration;

use futures_util::StreamExt;
use paperless_client::api::documents::UploadFile;
use paperless_client::types::event::{ProgressStatus, StatusEvent};
use paperless_client::types::post_document::NewDocument;
use paperless_client::{ApiVersion, Error, Paperless, SessionErrorKind};
use paperless_testkit::TestServer;

fn client(server: &TestServer) -> Paperless {
    Paperless::builder(server.url())
        .token(server.token())
        .api_version(ApiVersion::V10)
        .build()
        .unwrap()
}

async fn next(events: &mut paperless_client::events::EventStream) -> StatusEvent {
    tokio::time::timeout(Duration::from_secs(5), events.next())
        .await
        .expect("an event in time")
        .expect("the stream goes on")
        .expect("an event")
}

#[tokio::test]
async fn events_need_a_session() {
    let server = TestServer::start().await.unwrap();
    let err = client(&server).events().await.unwrap_err();
    assert!(
        matches!(&err, Error::Session(s) if s.kind() == SessionErrorKind::NotLoggedIn),
        "{err:?}"
    );
}

#[tokio::test]
async fn the_frames_of_an_upload_arrive_in_order() {
    let server = TestServer::start().await.unwrap();
    let client = client(&server);
    client.session_login("admin", "admin").await.unwrap();
    let mut events = client.events().await.unwrap();
    let task = client
        .documents()
        .post_document(
            UploadFile::from_bytes(b"hello".to_vec(), "hello.txt"),
            &NewDocument::new(),
        )
        .await
        .unwrap();
    let mut steps = Vec::new();
    loop {
        let StatusEvent::StatusUpdate(u) = next(&mut events).await else {
            continue;
        };
        assert_eq!(u.task_id.as_ref(), Some(task.task_id()));
        let last = u.is_final();
        steps.push((u.progress, u.message.clone(), u.status.clone()));
        if last {
            assert!(u.document_id.is_some());
            break;
        }
    }
    let messages: Vec<&str> = steps.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(
        messages,
        [
            "new_file",
            "parsing_document",
            "generating_thumbnail",
            "parse_date",
            "save_document",
            "finished"
        ]
    );
    assert_eq!(steps[5].2, ProgressStatus::Success);
    assert_eq!(
        steps.iter().map(|s| s.0).collect::<Vec<_>>(),
        [0, 20, 70, 90, 95, 100]
    );
}

#[tokio::test]
async fn a_dropped_socket_reconnects_and_an_expired_session_ends_the_stream() {
    let server = TestServer::start().await.unwrap();
    let client = client(&server);
    client.session_login("admin", "admin").await.unwrap();
    let mut events = client
        .events()
        .reconnect_backoff(Duration::from_millis(10))
        .await
        .unwrap();
    let deleted =
        StatusEvent::DocumentsDeleted(paperless_client::types::event::DocumentsDeleted::new([
            paperless_client::types::DocumentId(7),
        ]));
    server.publish(&deleted);
    assert_eq!(next(&mut events).await, deleted);

    server.drop_event_sockets();
    // Wait for the reconnection, then a new event arrives on the new socket.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    loop {
        tokio::time::sleep(Duration::from_millis(20)).await;
        let upgrades = server
            .requests()
            .iter()
            .filter(|r| r.path == "/ws/status/" && r.status == 101)
            .count();
        if upgrades == 2 && server.event_sockets() == 1 {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no reconnection");
    }
    server.publish(&deleted);
    assert_eq!(next(&mut events).await, deleted);

    server.expire_sessions();
    let end = tokio::time::timeout(Duration::from_secs(5), events.next())
        .await
        .expect("the stream ends in time");
    match end {
        Some(Err(Error::Session(s))) => assert_eq!(s.kind(), SessionErrorKind::Expired),
        other => panic!("{other:?}"),
    }
    assert!(events.next().await.is_none());
}
