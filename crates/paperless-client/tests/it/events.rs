//! `client.events()` against the test server over real sockets: the frames of an upload in
//! order, reconnection after a dropped socket, the end of the stream when the session expires,
//! the refusal without a session.

use std::time::Duration;

use futures_util::StreamExt;
use paperless_client::api::documents::UploadFile;
use paperless_client::types::bulk_edit::{BulkEdit, BulkEditOperation, DocumentSelection};
use paperless_client::types::document::DocumentPatch;
use paperless_client::types::event::{DocumentsDeleted, ProgressStatus, StatusEvent};
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

/// A document's `PATCH` and a bulk deletion, as the real 3.x server reports them: one
/// `document_updated` with the document's new `modified`, one `documents_deleted` with the ids.
#[tokio::test]
async fn a_patch_and_a_bulk_delete_arrive_as_their_events() {
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
    let id = loop {
        if let StatusEvent::StatusUpdate(u) = next(&mut events).await
            && u.is_final()
        {
            assert_eq!(u.task_id.as_ref(), Some(task.task_id()));
            break u.document_id.unwrap();
        }
    };

    let doc = client
        .documents()
        .update(id, &DocumentPatch::new().title("Renamed"))
        .await
        .unwrap();
    let StatusEvent::DocumentUpdated(updated) = next(&mut events).await else {
        panic!("not a document_updated")
    };
    assert_eq!(updated.document_id, id);
    assert_eq!(
        Some(updated.modified),
        doc.modified.map(|m| m.with_timezone(&chrono::Utc))
    );
    assert_eq!(updated.owner_id, doc.owner);

    client
        .documents()
        .bulk_edit(&BulkEdit::new(
            DocumentSelection::documents([id]),
            BulkEditOperation::Delete,
        ))
        .await
        .unwrap();
    assert_eq!(
        next(&mut events).await,
        StatusEvent::DocumentsDeleted(DocumentsDeleted::new([id]))
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

/// The document's fields that do not depend on when it was consumed.
fn essence(d: &paperless_client::types::document::Document) -> String {
    format!("{:?} {:?} {:?}", d.id, d.title, d.content)
}

#[tokio::test]
async fn upload_wait_through_events_and_through_polling_give_the_same_result() {
    use paperless_client::api::documents::UploadProgress;
    use std::sync::{Arc, Mutex};

    let server = TestServer::builder()
        .consume_step(Duration::from_millis(20))
        .start()
        .await
        .unwrap();
    let polling = client(&server);
    let evented = client(&server);
    evented.session_login("admin", "admin").await.unwrap();

    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let file = UploadFile::from_bytes(b"same text".to_vec(), "same.txt")
        .on_progress(move |p| log.lock().unwrap().push(p));
    let _ = server.take_requests();
    let task = evented
        .documents()
        .post_document(file, &NewDocument::new().title("Same"))
        .await
        .unwrap();
    let by_events = task.wait().await.unwrap();
    // Subscribed before the upload; one GET of the document after the last frame, no polling.
    let lines: Vec<String> = server
        .take_requests()
        .iter()
        .map(|r| format!("{} {} {}", r.method, r.path, r.status))
        .collect();
    assert_eq!(
        lines,
        [
            "GET /ws/status/ 101".to_owned(),
            "POST /api/documents/post_document/ 200".to_owned(),
            format!("GET /api/documents/{}/ 200", by_events.id),
        ]
    );
    let seen = seen.lock().unwrap().clone();
    let sent: Vec<(u64, u64)> = seen
        .iter()
        .filter_map(|p| match p {
            UploadProgress::Sent { sent, total } => Some((*sent, *total)),
            _ => None,
        })
        .collect();
    let (last_sent, total) = *sent.last().unwrap();
    assert!(total > 9 && last_sent == total, "{sent:?}");
    let steps: Vec<(u32, String)> = seen
        .iter()
        .filter_map(|p| match p {
            UploadProgress::Server(u) => Some((u.progress, u.message.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(steps.len(), 6, "{steps:?}");
    assert_eq!(steps[5], (100, "finished".to_owned()));

    let task = polling
        .documents()
        .post_document(
            UploadFile::from_bytes(b"same text".to_vec(), "same.txt"),
            &NewDocument::new().title("Same"),
        )
        .await
        .unwrap();
    let by_polling = task
        .wait()
        .poll_interval(Duration::from_millis(10))
        .await
        .unwrap();
    assert!(
        server.requests().iter().any(|r| r.path == "/api/tasks/"),
        "the client without a session polls"
    );
    assert_eq!(by_polling.id.0, by_events.id.0 + 1);
    assert_eq!(
        essence(&by_events).replace(&format!("{:?}", by_events.id), ""),
        essence(&by_polling).replace(&format!("{:?}", by_polling.id), "")
    );
}

#[tokio::test]
async fn an_events_wait_times_out_like_a_polling_wait() {
    let server = TestServer::builder()
        .consume_step(Duration::from_millis(500))
        .start()
        .await
        .unwrap();
    let client = client(&server);
    client.session_login("admin", "admin").await.unwrap();
    let task = client
        .documents()
        .post_document(
            UploadFile::from_bytes(b"slow".to_vec(), "slow.txt"),
            &NewDocument::new(),
        )
        .await
        .unwrap();
    let err = task
        .wait()
        .timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, paperless_client::api::tasks::WaitError::TimedOut { task_id, .. } if task_id == task.task_id()),
        "{err:?}"
    );
}
