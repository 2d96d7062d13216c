//! Uploads: the multipart body parsed back with multer on a real server, and every way the
//! wait for the consumed document can end.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use paperless_client::api::documents::UploadFile;
use paperless_client::api::tasks::WaitError;
use paperless_client::transport::{BaseUrl, RetryConfig, TransportBuilder};
use paperless_client::types::custom_field::CustomFieldsToAdd;
use paperless_client::types::post_document::{NewDocument, NewDocumentVersion};
use paperless_client::types::task::{TaskStatus, TaskUuid};
use paperless_client::types::{CorrespondentId, CustomFieldId, DocumentId, DocumentTypeId, TagId};
use paperless_client::{ApiVersion, Error, PaperlessBuilder};
use serde_json::{Value, json};

use crate::documents_support::{capture, fixture_body, json, mock_capture, serve_body, temp_path};
use crate::support::client;

/// One part of a multipart body, as multer read it.
#[derive(Debug, Clone, PartialEq)]
struct ReceivedPart {
    name: String,
    filename: Option<String>,
    content_type: Option<String>,
    data: Bytes,
}

/// What the upload endpoint received.
#[derive(Debug, Default)]
struct Received {
    uploads: usize,
    boundary: String,
    content_length: Option<u64>,
    chunked: bool,
    parts: Vec<ReceivedPart>,
    task_polls: usize,
}

async fn parse_multipart(
    req: http::Request<hyper::body::Incoming>,
) -> (String, Option<u64>, bool, Vec<ReceivedPart>) {
    let headers = req.headers().clone();
    let content_type = headers["content-type"].to_str().unwrap().to_owned();
    let content_length = headers
        .get("content-length")
        .map(|v| v.to_str().unwrap().parse().unwrap());
    let chunked = headers
        .get("transfer-encoding")
        .is_some_and(|v| v.to_str().unwrap().contains("chunked"));
    let boundary = multer::parse_boundary(&content_type).unwrap();
    let mut multipart =
        multer::Multipart::new(req.into_body().into_data_stream(), boundary.clone());
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.unwrap() {
        let name = field.name().unwrap().to_owned();
        let filename = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let data = field.bytes().await.unwrap();
        parts.push(ReceivedPart {
            name,
            filename,
            content_type,
            data,
        });
    }
    (boundary, content_length, chunked, parts)
}

/// The length of a multipart body with these (unescaped) parts, laid out as RFC 7578 says.
fn multipart_len(boundary: &str, parts: &[ReceivedPart]) -> u64 {
    let mut len = 0;
    for p in parts {
        let mut head = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
            p.name
        );
        if let Some(f) = &p.filename {
            head.push_str(&format!("; filename=\"{f}\""));
        }
        head.push_str("\r\n");
        if let Some(ct) = &p.content_type {
            head.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        head.push_str("\r\n");
        len += head.len() + p.data.len() + 2;
    }
    (len + format!("--{boundary}--\r\n").len()) as u64
}

/// A consume task record in the API v10 shape, based on the captured one, with this state.
fn task_json(uuid: &str, status: &str, result_data: Value) -> Value {
    let mut task = capture("tasks.by_task_id.after_post_document").body["results"][0].clone();
    task["task_id"] = json!(uuid);
    task["status"] = json!(status);
    task["result_data"] = result_data;
    task
}

fn task_page(task: Value) -> String {
    json!({"count": 1, "next": null, "previous": null, "results": [task]}).to_string()
}

/// A server for uploads: `post_document/` and `update_version/` record the multipart body and
/// answer with `task_id`; the task list answers with `tasks` in turn (the last one repeats);
/// `/api/documents/{id}/` answers with `document`.
async fn upload_server(
    task_id: &'static str,
    tasks: Vec<Value>,
    document: Option<String>,
) -> (String, Arc<Mutex<Received>>) {
    let received = Arc::new(Mutex::new(Received::default()));
    let state = received.clone();
    let tasks = Arc::new(tasks);
    let url = serve_body(move |req: http::Request<hyper::body::Incoming>| {
        let state = state.clone();
        let tasks = tasks.clone();
        let document = document.clone();
        async move {
            let path = req.uri().path().to_owned();
            let query = req.uri().query().unwrap_or_default().to_owned();
            if req.method() == http::Method::POST && path.ends_with("/post_document/")
                || path.ends_with("/update_version/")
            {
                let (boundary, content_length, chunked, parts) = parse_multipart(req).await;
                let mut s = state.lock().unwrap();
                s.uploads += 1;
                s.boundary = boundary;
                s.content_length = content_length;
                s.chunked = chunked;
                s.parts = parts;
                return json(200, format!("\"{task_id}\""));
            }
            if path == "/api/tasks/" {
                assert_eq!(query, format!("task_id={task_id}"));
                let mut s = state.lock().unwrap();
                let n = s.task_polls.min(tasks.len().saturating_sub(1));
                s.task_polls += 1;
                return match tasks.get(n) {
                    Some(task) => json(200, task_page(task.clone())),
                    None => json(
                        200,
                        r#"{"count":0,"next":null,"previous":null,"results":[]}"#,
                    ),
                };
            }
            match &document {
                Some(body) if path.starts_with("/api/documents/") => json(200, body.clone()),
                _ => json(404, r#"{"detail":"Not found."}"#),
            }
        }
    })
    .await;
    (url, received)
}

fn text_part(name: &str, value: &str) -> ReceivedPart {
    ReceivedPart {
        name: name.to_owned(),
        filename: None,
        content_type: None,
        data: Bytes::copy_from_slice(value.as_bytes()),
    }
}

#[tokio::test]
async fn post_document_streams_the_file_with_every_field_then_waits_for_the_document() {
    let uuid = "d50f2eec-147b-4605-a64d-101e354b8b73";
    let success = capture("tasks.by_task_id.after_post_document").body["results"][0].clone();
    let started = task_json(uuid, "started", Value::Null);
    let (url, received) = upload_server(
        uuid,
        vec![started, success],
        Some(fixture_body("documents.put")),
    )
    .await;

    // Several read chunks: 300 000 bytes.
    let content: Vec<u8> = (0..300_000u32)
        .map(|i| b"paperless\n"[(i % 10) as usize])
        .collect();
    let path = temp_path("scan.txt");
    std::fs::write(&path, &content).unwrap();
    let file = UploadFile::open(&path)
        .await
        .unwrap()
        .filename("zz_scratch_note.txt");
    assert_eq!(file.len(), 300_000);
    let meta = NewDocument::new()
        .title("ZZ scratch text")
        .correspondent(CorrespondentId(3))
        .document_type(DocumentTypeId(5))
        .tags([TagId(9), TagId(6)])
        .created(chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap())
        .archive_serial_number(990)
        .custom_fields(CustomFieldsToAdd::values([
            (CustomFieldId(4), json!(false)),
            (CustomFieldId(7), json!("EUR12.00")),
        ]));
    let task = client(&url)
        .documents()
        .post_document(file, &meta)
        .await
        .unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(task.task_id(), &TaskUuid::from(uuid));
    {
        let r = received.lock().unwrap();
        assert_eq!(r.uploads, 1);
        assert!(
            !r.chunked,
            "a file of known size is sent with Content-Length"
        );
        let captured = capture("documents.post_document").request_body["fields"].clone();
        let expected = vec![
            text_part("title", captured["title"].as_str().unwrap()),
            text_part("created", captured["created"].as_str().unwrap()),
            text_part("correspondent", captured["correspondent"].as_str().unwrap()),
            text_part("document_type", captured["document_type"].as_str().unwrap()),
            text_part("tags", captured["tags"][0].as_str().unwrap()),
            text_part("tags", captured["tags"][1].as_str().unwrap()),
            text_part(
                "archive_serial_number",
                captured["archive_serial_number"].as_str().unwrap(),
            ),
            text_part("custom_fields", captured["custom_fields"].as_str().unwrap()),
            ReceivedPart {
                name: "document".into(),
                filename: Some("zz_scratch_note.txt".into()),
                content_type: Some("text/plain".into()),
                data: Bytes::from(content),
            },
        ];
        assert_eq!(r.parts, expected);
        assert_eq!(r.content_length, Some(multipart_len(&r.boundary, &r.parts)));
        assert_eq!(r.boundary.len(), "paperless-rs-".len() + 32);
    }

    let document = task
        .wait()
        .poll_interval(Duration::from_millis(10))
        .await
        .unwrap();
    assert_eq!(document.id, DocumentId(69));
    assert_eq!(document.title(), "ZZ scratch text (put)");
    assert_eq!(received.lock().unwrap().task_polls, 2);
}

#[tokio::test]
async fn names_are_escaped_like_browsers_and_bytes_are_buffered() {
    let uuid = "76f2a33f-afdd-4945-977f-1a6c61c22c62";
    let (url, received) = upload_server(uuid, vec![], None).await;
    let file =
        UploadFile::from_bytes(b"hello".to_vec(), "a\"b\r\nc.txt").content_type("text/x-note");
    let meta = NewDocument::new().title("Quote \" and\nnewline stay as they are in values");
    let task = client(&url)
        .documents()
        .post_document(file, &meta)
        .await
        .unwrap();
    assert_eq!(task.into_task_id().as_str(), uuid);
    let r = received.lock().unwrap();
    assert_eq!(
        r.parts,
        [
            text_part("title", "Quote \" and\nnewline stay as they are in values"),
            ReceivedPart {
                name: "document".into(),
                filename: Some("a%22b%0D%0Ac.txt".into()),
                content_type: Some("text/x-note".into()),
                data: Bytes::from_static(b"hello"),
            },
        ]
    );
    assert!(!r.chunked);
    assert!(r.content_length.is_some());
}

#[tokio::test]
async fn update_version_uploads_a_labelled_version_and_waits_for_the_root() {
    let uuid = "035d7b97-72a4-4e7a-922a-3e82063303e3";
    let success = task_json(uuid, "success", json!({"document_id": 76}));
    let (url, received) = upload_server(
        uuid,
        vec![success],
        Some(fixture_body("documents.retrieve.with_versions")),
    )
    .await;
    let file = UploadFile::from_bytes(b"%PDF-1.7 v2".to_vec(), "zz_scratch_a_v2.pdf");
    let task = client(&url)
        .documents()
        .update_version(71, file, &NewDocumentVersion::new().version_label("rev 2"))
        .await
        .unwrap();
    assert_eq!(task.task_id().as_str(), uuid);
    let root = task
        .wait()
        .poll_interval(Duration::from_millis(10))
        .await
        .unwrap();
    assert_eq!(root.id, DocumentId(71));
    assert_eq!(root.versions[0].version_label.as_deref(), Some("rev 2"));
    let r = received.lock().unwrap();
    assert_eq!(r.parts[0], text_part("version_label", "rev 2"));
    assert_eq!(r.parts[1].filename.as_deref(), Some("zz_scratch_a_v2.pdf"));
    assert_eq!(r.parts[1].content_type.as_deref(), Some("application/pdf"));
}

async fn upload_and_wait(
    uuid: &'static str,
    tasks: Vec<Value>,
    document: Option<String>,
    timeout: Duration,
) -> Result<paperless_client::types::document::Document, WaitError> {
    let (url, _) = upload_server(uuid, tasks, document).await;
    let task = client(&url)
        .documents()
        .post_document(
            UploadFile::from_bytes(b"same".to_vec(), "zz_scratch_note.txt"),
            &NewDocument::new().title("ZZ scratch duplicate"),
        )
        .await
        .unwrap();
    task.wait()
        .poll_interval(Duration::from_millis(10))
        .timeout(timeout)
        .await
}

#[tokio::test]
async fn a_rejected_duplicate_names_the_existing_document() {
    let uuid = "76f2a33f-afdd-4945-977f-1a6c61c22c62";
    let rejected = task_json(
        uuid,
        "failure",
        json!({"duplicate_of": 69, "duplicate_in_trash": false}),
    );
    let err = upload_and_wait(uuid, vec![rejected], None, Duration::from_secs(5))
        .await
        .unwrap_err();
    match &err {
        WaitError::Duplicate { duplicate_of, task } => {
            assert_eq!(*duplicate_of, DocumentId(69));
            assert_eq!(task.status(), TaskStatus::Failure);
        }
        other => panic!("expected a duplicate, got {other:?}"),
    }
    assert_eq!(err.task_id().as_str(), uuid);
    assert_eq!(
        err.to_string(),
        "task 76f2a33f-afdd-4945-977f-1a6c61c22c62 did not consume the file: it is a duplicate \
         of document 69"
    );
}

#[tokio::test]
async fn a_consumed_duplicate_resolves_to_the_new_document() {
    // Paperless-ngx 3.x consumes duplicates by default and links them (the captured case).
    let uuid = "76f2a33f-afdd-4945-977f-1a6c61c22c62";
    let consumed = capture("tasks.by_task_id.duplicate_upload").body["results"][0].clone();
    let doc = json!({
        "id": 70, "title": "ZZ scratch duplicate",
        "duplicate_documents": [{"id": 69, "title": "ZZ scratch text", "deleted_at": null}]
    });
    let document = upload_and_wait(
        uuid,
        vec![consumed],
        Some(doc.to_string()),
        Duration::from_secs(5),
    )
    .await
    .unwrap();
    assert_eq!(document.id, DocumentId(70));
    assert_eq!(document.duplicate_documents[0].id, DocumentId(69));
}

#[tokio::test]
async fn api_v9_records_are_understood_too() {
    let uuid = "9786ef2b-e69e-418c-b778-9422eab983f9";
    let mut legacy = capture("tasks.by_task_id.v9").body[0].clone();
    legacy["task_id"] = json!(uuid);
    legacy["status"] = json!("FAILURE");
    legacy["related_document"] = json!(69);
    legacy["result"] = json!(
        "zz_scratch_note.txt: Not consuming zz_scratch_note.txt: It is a duplicate of ZZ scratch text (#69)"
    );
    let url = serve_body(move |_req| {
        let legacy = legacy.clone();
        // API v9: the task list is a bare array.
        async move { json(200, Value::Array(vec![legacy]).to_string()) }
    })
    .await;
    let err = client(&url)
        .tasks()
        .wait(&TaskUuid::from(uuid))
        .poll_interval(Duration::from_millis(10))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            WaitError::Duplicate {
                duplicate_of: DocumentId(69),
                ..
            }
        ),
        "{err:?}"
    );
    let ok = capture("tasks.by_task_id.v9").body[0].clone();
    let url = serve_body(move |_req| {
        let ok = ok.clone();
        async move { json(200, Value::Array(vec![ok]).to_string()) }
    })
    .await;
    let task = client(&url)
        .tasks()
        .wait(&TaskUuid::from(uuid))
        .await
        .unwrap();
    assert_eq!(task.document_id(), Some(DocumentId(4)));
    assert_eq!(task.message(), Some("Success. New document id 4 created"));
    assert!(task.as_legacy().is_some());
}

#[tokio::test]
async fn a_failed_consumption_carries_the_servers_message() {
    let uuid = "d50f2eec-147b-4605-a64d-101e354b8b73";
    let failed = task_json(
        uuid,
        "failure",
        json!({"error_type": "ParseError", "error_message": "zz_scratch_note.txt: Error while consuming document: no text"}),
    );
    let err = upload_and_wait(uuid, vec![failed], None, Duration::from_secs(5))
        .await
        .unwrap_err();
    assert!(matches!(err, WaitError::Failed { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "task d50f2eec-147b-4605-a64d-101e354b8b73 failed: zz_scratch_note.txt: Error while \
         consuming document: no text"
    );
    assert_eq!(err.task().unwrap().status(), TaskStatus::Failure);
}

#[tokio::test]
async fn a_wait_that_times_out_keeps_the_task_id() {
    let uuid = "d50f2eec-147b-4605-a64d-101e354b8b73";
    let started = task_json(uuid, "started", Value::Null);
    let began = std::time::Instant::now();
    let err = upload_and_wait(uuid, vec![started], None, Duration::from_millis(60))
        .await
        .unwrap_err();
    assert!(began.elapsed() < Duration::from_secs(2));
    match &err {
        WaitError::TimedOut {
            task_id,
            last_status,
            waited,
        } => {
            assert_eq!(task_id.as_str(), uuid);
            assert_eq!(last_status, &Some(TaskStatus::Started));
            // It stops once another poll would end after the timeout.
            assert!(*waited > Duration::from_millis(50), "{waited:?}");
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("task d50f2eec-147b-4605-a64d-101e354b8b73 did not finish within")
    );
    assert!(
        err.to_string()
            .contains("(last status: started); it may still finish")
    );
}

#[tokio::test]
async fn a_success_without_a_document_is_reported() {
    let uuid = "d50f2eec-147b-4605-a64d-101e354b8b73";
    let odd = task_json(uuid, "success", json!({"reason": "nothing to do"}));
    let err = upload_and_wait(uuid, vec![odd], None, Duration::from_secs(5))
        .await
        .unwrap_err();
    assert!(matches!(err, WaitError::NoDocument { .. }), "{err:?}");
}

#[tokio::test]
async fn invalid_metadata_is_an_api_error_with_field_errors() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) =
        mock_capture(&mut server, "documents.post_document.bad_correspondent_400").await;
    let err = client(&server.url())
        .documents()
        .post_document(
            UploadFile::from_bytes(b"x".to_vec(), "x.txt"),
            &NewDocument::new().correspondent(CorrespondentId(99999)),
        )
        .await
        .unwrap_err();
    mock.assert_async().await;
    let api = err.as_api().unwrap();
    assert_eq!(api.field_errors()[0].field, "correspondent");
    assert_eq!(
        api.field_errors()[0].message,
        "Invalid pk \"99999\" - object does not exist."
    );
}

/// The default transport retries failed idempotent requests; an upload is a POST with a body
/// that may stream from disk, and must go out exactly once however it fails.
#[tokio::test]
async fn uploads_are_never_retried() {
    let attempts = Arc::new(Mutex::new(0usize));
    let counter = attempts.clone();
    let url = serve_body(move |req: http::Request<hyper::body::Incoming>| {
        let counter = counter.clone();
        async move {
            let _ = req.into_body().collect().await;
            *counter.lock().unwrap() += 1;
            http::Response::builder()
                .status(503)
                .header("retry-after", "0")
                .body(crate::documents_support::full_body("busy"))
                .unwrap()
        }
    })
    .await;
    let base = BaseUrl::parse(&url).unwrap();
    let transport = TransportBuilder::new(base.clone())
        .retry(
            RetryConfig::new()
                .max_retries(3)
                .initial_backoff(Duration::from_millis(1)),
        )
        .build()
        .unwrap();
    let paperless = PaperlessBuilder::from_service(transport, base)
        .api_version(ApiVersion::V10)
        .build()
        .unwrap();

    let path = temp_path("retry.txt");
    std::fs::write(&path, b"streamed").unwrap();
    let streamed = UploadFile::open(&path).await.unwrap();
    let err = paperless
        .documents()
        .post_document(streamed, &NewDocument::new())
        .await
        .unwrap_err();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(err.status(), Some(http::StatusCode::SERVICE_UNAVAILABLE));
    assert_eq!(*attempts.lock().unwrap(), 1);

    let buffered = UploadFile::from_bytes(b"buffered".to_vec(), "b.txt");
    let err = paperless
        .documents()
        .post_document(buffered, &NewDocument::new())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api(_)));
    assert_eq!(*attempts.lock().unwrap(), 2);
}
