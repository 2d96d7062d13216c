//! Tasks: lists on API v10 (paginated) and v9 (a bare array) through the same calls, lookups,
//! the actions, and waiting.

use std::time::Duration;

use futures_util::TryStreamExt;
use mockito::Matcher;
use paperless_client::Error;
use paperless_client::api::tasks::{TaskRecord, WaitError};
use paperless_client::types::task::{
    LegacyTaskName, TaskStatus, TaskType, TaskUuid, TriggerSource,
};
use paperless_client::types::{DocumentId, TaskId};
use serde_json::json;

use crate::documents_support::{capture, mock_capture, result_ids};
use crate::support::client;

#[tokio::test]
async fn lists_pages_and_filters() {
    let mut server = mockito::Server::new_async().await;
    let (first, c1) = mock_capture(&mut server, "tasks.list.page_size2").await;
    let (second, c2) = mock_capture(&mut server, "tasks.list.page2").await;
    let tasks = client(&server.url()).tasks();

    let page = tasks.list().page_size(2).send().await.unwrap();
    assert_eq!(page.count, c1.body["count"].as_u64().unwrap());
    let ids: Vec<u64> = page.items().iter().map(|t| t.id().0).collect();
    assert_eq!(ids, result_ids(&c1.body));
    assert!(page.items().iter().all(|t| t.as_current().is_some()));

    let page2 = tasks.list().page_size(2).page(2).send().await.unwrap();
    let ids: Vec<u64> = page2.items().iter().map(|t| t.id().0).collect();
    assert_eq!(ids, result_ids(&c2.body));
    first.assert_async().await;
    second.assert_async().await;

    let (filtered, c) = mock_capture(&mut server, "tasks.list.filter_type_status").await;
    let page = tasks
        .list()
        .task_type(&TaskType::ConsumeFile)
        .status(&TaskStatus::Success)
        .page_size(2)
        .send()
        .await
        .unwrap();
    assert_eq!(page.count, c.body["count"].as_u64().unwrap());
    assert!(
        page.items()
            .iter()
            .all(|t| t.task_type() == TaskType::ConsumeFile
                && t.status() == TaskStatus::Success
                && t.is_complete())
    );
    filtered.assert_async().await;

    let (bulk, _) = mock_capture(&mut server, "tasks.list.filter_bulk_update").await;
    let page = tasks
        .list()
        .task_type(&TaskType::BulkUpdate)
        .page_size(3)
        .send()
        .await
        .unwrap();
    assert_eq!(
        page.items()[0].as_current().unwrap().trigger_source,
        TriggerSource::System
    );
    bulk.assert_async().await;
}

#[tokio::test]
async fn other_filters_send_their_parameters() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock(
            "GET",
            "/api/tasks/?trigger_source=api_upload&is_complete=false&acknowledged=false\
             &name=invoice&result=duplicate&owner=2&date_created_after=2026-11-26T00%3A00%3A00%2B00%3A00",
        )
        .with_header("content-type", "application/json")
        .with_body(r#"{"count":0,"next":null,"previous":null,"results":[]}"#)
        .expect(1)
        .create_async()
        .await;
    let after = chrono::DateTime::parse_from_rfc3339("2026-11-26T00:00:00+00:00").unwrap();
    let count = client(&server.url())
        .tasks()
        .list()
        .trigger_source(&TriggerSource::ApiUpload)
        .is_complete(false)
        .acknowledged(false)
        .name("invoice")
        .result("duplicate")
        .owner(2)
        .date_created_after(&after)
        .send()
        .await
        .unwrap()
        .count;
    assert_eq!(count, 0);
    mock.assert_async().await;
}

#[tokio::test]
async fn api_v9_lists_are_one_unpaginated_page_of_legacy_records() {
    let mut server = mockito::Server::new_async().await;
    let c = capture("tasks.list.v9_unpaginated");
    let total = c.body.as_array().unwrap().len();
    let mock = server
        .mock("GET", "/api/tasks/")
        .with_header("content-type", "application/json")
        .with_body(c.body_string())
        .expect(2)
        .create_async()
        .await;
    let tasks = client(&server.url()).tasks();

    let page = tasks.list().send().await.unwrap();
    assert_eq!(page.count, total as u64);
    assert_eq!(page.next_page(), None);
    let first = &page.items()[0];
    let legacy = first.as_legacy().unwrap();
    assert_eq!(legacy.task_name, LegacyTaskName::CheckSanity);
    assert_eq!(first.task_type(), TaskType::SanityCheck);
    assert_eq!(first.status(), TaskStatus::Success);

    let all: Vec<TaskRecord> = tasks.stream().try_collect().await.unwrap();
    assert_eq!(all.len(), total);
    let consumed = all.iter().find(|t| t.id() == TaskId(133)).unwrap();
    assert_eq!(consumed.document_id(), Some(DocumentId(68)));
    assert_eq!(consumed.file_name(), Some("zz_scratch_a_v2.pdf"));
    mock.assert_async().await;
}

#[tokio::test]
async fn get_by_id_and_by_uuid() {
    let mut server = mockito::Server::new_async().await;
    let (retrieve, _) = mock_capture(&mut server, "tasks.retrieve").await;
    let (missing, _) = mock_capture(&mut server, "tasks.retrieve_missing").await;
    let (by_uuid, _) = mock_capture(&mut server, "tasks.by_task_id").await;
    let tasks = client(&server.url()).tasks();

    let task = tasks.get(138).await.unwrap();
    assert_eq!(task.id(), TaskId(138));
    assert!(tasks.get(999999).await.unwrap_err().is_not_found());

    let uuid = TaskUuid::from("9786ef2b-e69e-418c-b778-9422eab983f9");
    let task = tasks.by_uuid(&uuid).await.unwrap().unwrap();
    assert_eq!(task.task_id(), &uuid);
    assert_eq!(task.document_id(), Some(DocumentId(4)));
    assert_eq!(task.file_name(), Some("telekom_invoice_2025_01.txt"));
    assert_eq!(task.duplicate_of(), None);
    for m in [retrieve, missing, by_uuid] {
        m.assert_async().await;
    }
}

#[tokio::test]
async fn api_v9_lookup_by_uuid() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "tasks.by_task_id.v9").await;
    let task = client(&server.url())
        .tasks()
        .by_uuid(&TaskUuid::from("9786ef2b-e69e-418c-b778-9422eab983f9"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(task.document_id(), Some(DocumentId(4)));
    assert_eq!(task.message(), Some("Success. New document id 4 created"));
    mock.assert_async().await;
}

#[tokio::test]
async fn active_summary_and_status_counts() {
    let mut server = mockito::Server::new_async().await;
    let (active, _) = mock_capture(&mut server, "tasks.active").await;
    let (summary, c) = mock_capture(&mut server, "tasks.summary").await;
    let (counts, _) = mock_capture(&mut server, "tasks.status_counts").await;
    let days = server
        .mock("GET", "/api/tasks/summary/?days=7")
        .with_header("content-type", "application/json")
        .with_body("[]")
        .expect(1)
        .create_async()
        .await;
    let tasks = client(&server.url()).tasks();

    assert!(tasks.active().await.unwrap().is_empty());
    let summary_rows = tasks.summary().await.unwrap();
    assert_eq!(summary_rows.len(), c.body.as_array().unwrap().len());
    assert_eq!(summary_rows[0].task_type, TaskType::BuildShareLink);
    assert_eq!(summary_rows[0].total_count, 9);
    assert!(tasks.summary_for_days(7).await.unwrap().is_empty());
    let status = tasks.status_counts().await.unwrap();
    assert_eq!(
        (
            status.all,
            status.needs_attention,
            status.in_progress,
            status.completed
        ),
        (138, 1, 0, 137)
    );
    for m in [active, summary, counts, days] {
        m.assert_async().await;
    }
}

#[tokio::test]
async fn acknowledge_and_run() {
    let mut server = mockito::Server::new_async().await;
    let (ack, _) = mock_capture(&mut server, "tasks.acknowledge").await;
    let all = server
        .mock("POST", "/api/tasks/acknowledge/")
        .match_body(Matcher::Json(json!({"all": true})))
        .with_header("content-type", "application/json")
        .with_body(r#"{"result": 12}"#)
        .expect(1)
        .create_async()
        .await;
    let (run, _) = mock_capture(&mut server, "tasks.run.sanity_check").await;
    let (invalid, _) = mock_capture(&mut server, "tasks.run.invalid_type").await;
    let tasks = client(&server.url()).tasks();

    assert_eq!(tasks.acknowledge([138, 115, 92, 69, 45]).await.unwrap(), 5);
    assert_eq!(tasks.acknowledge_all().await.unwrap(), 12);
    let empty = tasks.acknowledge(Vec::<TaskId>::new()).await.unwrap_err();
    assert!(matches!(empty, Error::Invalid(_)));

    let run_result = tasks.run(TaskType::SanityCheck).await.unwrap();
    let id = run_result.task_id().unwrap();
    assert_eq!(id.as_str(), "87dc0f0f-820e-4e7e-b600-1e8a3028ef68");
    let err = tasks.run(TaskType::ConsumeFile).await.unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    for m in [ack, all, run, invalid] {
        m.assert_async().await;
    }
}

#[tokio::test]
async fn forbidden_is_an_api_error() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "tasks.as_bob_forbidden").await;
    let err = client(&server.url())
        .tasks()
        .list()
        .send()
        .await
        .unwrap_err();
    assert!(err.is_forbidden());
    mock.assert_async().await;
}

#[tokio::test]
async fn wait_polls_until_done() {
    let mut server = mockito::Server::new_async().await;
    let c = capture("tasks.by_task_id.train_classifier");
    let mut pending = c.body.clone();
    pending["results"][0]["status"] = json!("pending");
    let query = Matcher::UrlEncoded(
        "task_id".into(),
        "f81c85f9-cd0a-46b0-8aa6-e4a8ec5d8c0d".into(),
    );
    // mockito answers with the first matching mock (in creation order) that still expects
    // requests: pending once, then done.
    let first = server
        .mock("GET", "/api/tasks/")
        .match_query(query.clone())
        .with_header("content-type", "application/json")
        .with_body(pending.to_string())
        .expect(1)
        .create_async()
        .await;
    let done = server
        .mock("GET", "/api/tasks/")
        .match_query(query)
        .with_header("content-type", "application/json")
        .with_body(c.body_string())
        .expect(1)
        .create_async()
        .await;
    let task = client(&server.url())
        .tasks()
        .wait(&TaskUuid::from("f81c85f9-cd0a-46b0-8aa6-e4a8ec5d8c0d"))
        .poll_interval(Duration::from_millis(5))
        .await
        .unwrap();
    assert_eq!(task.task_type(), TaskType::TrainClassifier);
    assert_eq!(task.status(), TaskStatus::Success);
    first.assert_async().await;
    done.assert_async().await;
}

#[tokio::test]
async fn wait_reports_revoked_tasks_and_failed_polls() {
    let mut server = mockito::Server::new_async().await;
    let c = capture("tasks.by_task_id.train_classifier");
    let mut revoked = c.body.clone();
    revoked["results"][0]["status"] = json!("revoked");
    let mock = server
        .mock(
            "GET",
            "/api/tasks/?task_id=f81c85f9-cd0a-46b0-8aa6-e4a8ec5d8c0d",
        )
        .with_header("content-type", "application/json")
        .with_body(revoked.to_string())
        .expect(1)
        .create_async()
        .await;
    let broken = server
        .mock("GET", "/api/tasks/?task_id=broken")
        .with_status(500)
        .with_body("boom")
        .expect(1)
        .create_async()
        .await;
    let tasks = client(&server.url()).tasks();
    let err = tasks
        .wait(&TaskUuid::from("f81c85f9-cd0a-46b0-8aa6-e4a8ec5d8c0d"))
        .await
        .unwrap_err();
    assert!(matches!(err, WaitError::Revoked { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "task f81c85f9-cd0a-46b0-8aa6-e4a8ec5d8c0d was revoked (cancelled) before it finished"
    );
    let err = tasks.wait(&TaskUuid::from("broken")).await.unwrap_err();
    match &err {
        WaitError::Request { task_id, source } => {
            assert_eq!(task_id.as_str(), "broken");
            assert_eq!(
                source.status(),
                Some(http::StatusCode::INTERNAL_SERVER_ERROR)
            );
        }
        other => panic!("expected a request error, got {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "could not follow task broken; the task itself may still finish: wait again with this id"
    );
    mock.assert_async().await;
    broken.assert_async().await;
}

#[tokio::test]
async fn a_task_not_recorded_yet_counts_as_pending() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/tasks/?task_id=unknown")
        .with_header("content-type", "application/json")
        .with_body(r#"{"count":0,"next":null,"previous":null,"results":[]}"#)
        .expect_at_least(2)
        .create_async()
        .await;
    let err = client(&server.url())
        .tasks()
        .wait(&TaskUuid::from("unknown"))
        .poll_interval(Duration::from_millis(5))
        .timeout(Duration::from_millis(30))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &err,
            WaitError::TimedOut {
                last_status: None,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("(last status: not recorded yet)"));
    mock.assert_async().await;
}

#[tokio::test]
async fn a_poll_interval_longer_than_the_timeout_polls_once_and_never_overflows() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/tasks/?task_id=slow")
        .with_header("content-type", "application/json")
        .with_body(r#"{"count":0,"next":null,"previous":null,"results":[]}"#)
        .expect(1)
        .create_async()
        .await;
    let err = client(&server.url())
        .tasks()
        .wait(&TaskUuid::from("slow"))
        .poll_interval(Duration::MAX)
        .timeout(Duration::from_secs(60))
        .await
        .unwrap_err();
    let WaitError::TimedOut {
        task_id,
        waited,
        last_status: None,
    } = &err
    else {
        panic!("expected a timeout, got {err:?}")
    };
    assert_eq!(task_id.as_str(), "slow");
    assert!(*waited < Duration::from_secs(60), "{waited:?}");
    mock.assert_async().await;
}
