//! Flows that need state across calls, against `paperless-testkit` (an in-memory Paperless-ngx)
//! over a real socket: uploads, edits, notes, the trash, pagination over many documents,
//! retries. The test server's request log shows exactly what the client sent.

use std::collections::BTreeSet;
use std::time::Duration;

use futures_util::TryStreamExt;
use paperless_client::api::documents::UploadFile;
use paperless_client::transport::RetryConfig;
use paperless_client::types::document::Document;
use paperless_client::types::post_document::NewDocument;
use paperless_client::types::tag::NewTag;
use paperless_client::types::{DocumentId, TagId};
use paperless_client::{ApiVersion, Paperless};
use paperless_testkit::{Fault, RecordedRequest, Route, TestServer};
use serde_json::json;

/// Which Paperless-ngx the test server answers as: every flow runs against both.
#[derive(Debug, Clone, Copy)]
enum Release {
    /// 3.0.5, API 10.
    V3,
    /// 2.20.15 (`TestServerBuilder::paperless_2_20`), API 9.
    V2,
}

/// A test server builder for `release`.
fn builder(release: Release) -> paperless_testkit::TestServerBuilder {
    match release {
        Release::V3 => TestServer::builder(),
        Release::V2 => TestServer::builder().paperless_2_20(),
    }
}

/// A test server with the demo data, answering as `release`.
async fn demo(release: Release) -> TestServer {
    builder(release).demo().start().await.unwrap()
}

/// A client with the default transport, short retry backoffs to keep the tests fast, and the
/// release's newest API version pinned (no negotiation probe in the request logs;
/// `negotiation.rs` tests that).
fn client(server: &TestServer, release: Release) -> Paperless {
    let version = match release {
        Release::V3 => ApiVersion::V10,
        Release::V2 => ApiVersion::V9,
    };
    Paperless::builder(server.url())
        .token(server.token())
        .api_version(version)
        .transport(|t| t.retry(RetryConfig::new().initial_backoff(Duration::from_millis(5))))
        .build()
        .unwrap()
}

/// Runs each flow against the test server as 3.x and as 2.x: `name::on_3x`, `name::on_2x`.
macro_rules! on_both_releases {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test]
                async fn on_3x() {
                    super::$name(super::Release::V3).await;
                }

                #[tokio::test]
                async fn on_2x() {
                    super::$name(super::Release::V2).await;
                }
            }
        )*
    };
}

/// `METHOD target` of each request, with its status.
fn lines(log: &[RecordedRequest]) -> Vec<(String, u16)> {
    log.iter().map(|r| (r.to_string(), r.status)).collect()
}

async fn upload_wait_and_download_give_back_the_same_bytes(release: Release) {
    let server = demo(release).await;
    let documents = client(&server, release).documents();
    // Not text: the server keeps the bytes as they are.
    let pdf: Vec<u8> =
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x01\xff trailer\n%%EOF\n"
            .to_vec();
    let meta = NewDocument::new()
        .title("Scanned contract")
        .tags([TagId(3)]);
    let _ = server.take_requests();

    let task = documents
        .post_document(UploadFile::from_bytes(pdf.clone(), "contract.pdf"), &meta)
        .await
        .unwrap();
    let document = task
        .wait()
        .poll_interval(Duration::from_millis(10))
        .await
        .unwrap();
    let download = documents.download(document.id).await.unwrap();
    assert_eq!(download.content_type(), Some("application/pdf"));
    let bytes = download.bytes().await.unwrap();

    assert_eq!(bytes.as_ref(), pdf.as_slice());
    assert_eq!(server.file(document.id.0).unwrap().as_ref(), pdf.as_slice());
    assert_eq!(document.title(), "Scanned contract");
    assert_eq!(document.mime_type.as_deref(), Some("application/pdf"));
    // The demo's two inbox tags (1 and 2) are added to every new document.
    assert_eq!(document.tags, [TagId(3), TagId(1), TagId(2)]);
    let uuid = task.task_id().as_str().to_owned();
    let id = document.id.0;
    assert_eq!(
        lines(&server.take_requests()),
        [
            ("POST /api/documents/post_document/".to_owned(), 200),
            (format!("GET /api/tasks/?task_id={uuid}"), 200),
            (format!("GET /api/documents/{id}/"), 200),
            (format!("GET /api/documents/{id}/download/"), 200),
        ]
    );
}

async fn create_patch_replace_delete_a_tag(release: Release) {
    let server = demo(release).await;
    let tags = client(&server, release).tags();

    let created = tags
        .create(&NewTag::new("Receipts 2025").color("#ff0000"))
        .await
        .unwrap();
    assert_eq!(created.name, "Receipts 2025");
    assert_eq!(created.slug, "receipts-2025");
    let id = created.id;
    let _ = server.take_requests();

    // A tracked edit sends the one field that changed.
    let mut tag = tags.edit(id).await.unwrap();
    tag.name = "Receipts".to_owned();
    tag.save().await.unwrap();
    let log = server.take_requests();
    assert_eq!(
        lines(&log),
        [
            (format!("GET /api/tags/{id}/"), 200),
            (format!("PATCH /api/tags/{id}/"), 200),
        ]
    );
    assert_eq!(log[1].json(), Some(json!({"name": "Receipts"})));
    // Saving again without changes sends nothing.
    tag.save().await.unwrap();
    assert!(server.take_requests().is_empty());
    // Visible on a fresh read, with what the server derives from it.
    let fresh = tags.get(id).await.unwrap();
    assert_eq!(
        (fresh.name.as_str(), fresh.slug.as_str()),
        ("Receipts", "receipts")
    );
    assert_eq!(fresh.color, "#ff0000");

    // Replace sends every field.
    tag.color = "#00ff00".to_owned();
    tag.replace().await.unwrap();
    let log = server.take_requests();
    assert_eq!(lines(&log)[1], (format!("PUT /api/tags/{id}/"), 200));
    let body = log[1].json().unwrap();
    assert_eq!(body["name"], "Receipts");
    assert_eq!(body["color"], "#00ff00");
    assert!(body.get("matching_algorithm").is_some() && body.get("is_inbox_tag").is_some());
    assert_eq!(tags.get(id).await.unwrap().color, "#00ff00");

    tag.delete().await.unwrap();
    assert_eq!(tags.get_opt(id).await.unwrap(), None);
    assert_eq!(
        lines(&server.take_requests())[1..],
        [
            (format!("DELETE /api/tags/{id}/"), 204),
            (format!("GET /api/tags/{id}/"), 404),
        ]
    );
}

async fn a_tracked_document_edit_keeps_what_others_changed_meanwhile(release: Release) {
    let server = demo(release).await;
    let client = client(&server, release);
    let documents = client.documents();

    let mut mine = documents.edit(10).await.unwrap();
    // Someone else changes the ASN in between.
    let mut theirs = documents.edit(10).await.unwrap();
    theirs.archive_serial_number = Some(4242);
    theirs.save().await.unwrap();

    mine.title = Some("Water bill Q1 2025 (paid)".to_owned());
    mine.save().await.unwrap();
    let last = server.requests().pop().unwrap();
    assert_eq!(last.to_string(), "PATCH /api/documents/10/");
    assert_eq!(
        last.json(),
        Some(json!({"title": "Water bill Q1 2025 (paid)"}))
    );

    let stored = server.document(10).unwrap();
    assert_eq!(stored.title.as_deref(), Some("Water bill Q1 2025 (paid)"));
    assert_eq!(stored.archive_serial_number, Some(4242));
}

async fn notes_are_added_listed_and_deleted(release: Release) {
    let server = demo(release).await;
    let documents = client(&server, release).documents();
    let before = documents.notes(22).await.unwrap();
    assert_eq!(before.len(), 2, "the demo's document 22 has two notes");

    let result = documents.add_note(22, "Refund arrived").await.unwrap();
    let after = result.notes;
    assert_eq!(after.len(), 3);
    let added = after.iter().find(|n| n.note == "Refund arrived").unwrap();
    assert_eq!(&result.note, added, "add_note returns the note it created");
    assert_eq!(
        added.user.as_ref().map(|u| u.username.as_str()),
        Some("admin")
    );
    assert_eq!(documents.notes(22).await.unwrap(), after);

    let remaining = documents.delete_note(22, added.id).await.unwrap();
    assert_eq!(remaining, before);
    let log = server.take_requests();
    assert_eq!(log[1].to_string(), "POST /api/documents/22/notes/");
    assert_eq!(log[1].json(), Some(json!({"note": "Refund arrived"})));
    assert_eq!(
        log[3].to_string(),
        format!("DELETE /api/documents/22/notes/?id={}", added.id)
    );
    // Deleting it again: the server says there is no such note.
    let error = documents.delete_note(22, added.id).await.unwrap_err();
    assert!(error.is_not_found(), "{error}");
}

async fn a_deleted_document_is_restored_from_the_trash(release: Release) {
    let server = demo(release).await;
    let client = client(&server, release);
    let documents = client.documents();
    let trash = client.trash();
    // The demo has document 1 in the trash already.
    assert_eq!(trash.ids().await.unwrap(), [DocumentId(1)]);

    documents.delete(10).await.unwrap();
    assert_eq!(documents.get_opt(10).await.unwrap(), None);
    assert_eq!(trash.ids().await.unwrap(), [DocumentId(10), DocumentId(1)]);
    assert!(!documents.ids().await.unwrap().contains(&DocumentId(10)));

    let _ = server.take_requests();
    let result = trash.restore([10]).await.unwrap();
    assert_eq!(result.doc_ids, Some(vec![DocumentId(10)]));
    let log = server.take_requests();
    assert_eq!(lines(&log), [("POST /api/trash/".to_owned(), 200)]);
    assert_eq!(
        log[0].json(),
        Some(json!({"action": "restore", "documents": [10]}))
    );

    assert_eq!(
        documents.get(10).await.unwrap().title(),
        "Water bill Q1 2025"
    );
    assert_eq!(trash.ids().await.unwrap(), [DocumentId(1)]);
    // Restoring what is not in the trash is refused.
    let error = trash.restore([10]).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error}");
}

async fn pagination_over_seeded_documents_is_complete_and_in_order(release: Release) {
    let server = builder(release).seed_documents(257).start().await.unwrap();
    let documents = client(&server, release).documents();
    // The server's default order: newest `created` first, then the higher id.
    let mut expected: Vec<Document> = server.documents();
    expected.sort_by_key(|d| std::cmp::Reverse((d.created, d.id)));
    let expected: Vec<DocumentId> = expected.iter().map(|d| d.id).collect();
    assert_eq!(expected.len(), 257);

    let ids = documents.ids().await.unwrap();
    assert_eq!(ids, expected);
    let log = server.take_requests();
    assert_eq!(
        lines(&log),
        [(
            "GET /api/documents/?page_size=100000&fields=id".to_owned(),
            200
        )]
    );

    let streamed: Vec<DocumentId> = documents
        .list()
        .page_size(25)
        .stream()
        .map_ok(|d| d.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed, expected);
    // Page 1 first, then pages 2 to 11 (fetched several at a time), each once.
    let log = server.take_requests();
    assert_eq!(log.len(), 11);
    assert_eq!(log[0].to_string(), "GET /api/documents/?page_size=25");
    let pages: BTreeSet<String> = log[1..]
        .iter()
        .map(|r| {
            let pairs = r.query_pairs();
            pairs
                .iter()
                .find(|(k, _)| k == "page")
                .map(|(_, v)| v.clone())
                .unwrap()
        })
        .collect();
    let wanted: BTreeSet<String> = (2..=11).map(|p| p.to_string()).collect();
    assert_eq!(pages, wanted);
    assert_eq!(documents.count().await.unwrap(), 257);
}

async fn retries_absorb_a_503_on_reads_and_never_repeat_a_post(release: Release) {
    let server = demo(release).await;
    let documents = client(&server, release).documents();

    // Two 503s on a read: retried, the third attempt answers.
    let outage = server.inject(
        Route::get("/api/documents/23/"),
        Fault::status(503).times(2),
    );
    let before = server.request_count();
    let document = documents.get(23).await.unwrap();
    assert_eq!(document.title(), "Tax assessment 2023");
    assert_eq!(server.request_count() - before, 3);
    assert_eq!(outage.hits(), 2);
    let statuses: Vec<u16> = server.take_requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 503, 200]);

    // A 503 on a POST reaches the caller after one request: the note is not added twice.
    server.inject(
        Route::post("/api/documents/23/notes/"),
        Fault::status(503).times(3),
    );
    let before = server.request_count();
    let error = documents.add_note(23, "Only once").await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error}");
    assert_eq!(server.request_count() - before, 1);
    // Nor is an upload.
    server.inject(
        Route::post("/api/documents/post_document/"),
        Fault::status(503).times(3),
    );
    let before = server.request_count();
    let upload = documents
        .post_document(
            UploadFile::from_bytes(&b"hello"[..], "hello.txt"),
            &NewDocument::new(),
        )
        .await;
    assert_eq!(upload.unwrap_err().status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.request_count() - before, 1);
    assert!(server.tasks().is_empty());
    let log = server.take_requests();
    let posts: Vec<(String, u16)> = lines(&log);
    assert_eq!(
        posts,
        [
            ("POST /api/documents/23/notes/".to_owned(), 503),
            ("POST /api/documents/post_document/".to_owned(), 503),
        ]
    );
    assert!(server.document(23).unwrap().notes.is_empty());
}

async fn replace_of_a_document_sends_the_relations_the_server_requires(release: Release) {
    let server = demo(release).await;
    let documents = client(&server, release).documents();
    let full = paperless_client::types::document::DocumentPatch::new().title("Replaced");
    let doc = documents.replace(10, &full).await.unwrap();
    assert_eq!(doc.title(), "Replaced");
    assert_eq!(doc.correspondent, None);
    let last = server.requests().pop().unwrap();
    assert_eq!(
        (last.to_string(), last.status),
        ("PUT /api/documents/10/".to_owned(), 200)
    );
    assert_eq!(
        last.json(),
        Some(
            json!({"title": "Replaced", "correspondent": null, "document_type": null, "storage_path": null})
        )
    );
}

/// A bulk edit changes the documents; the document operations go to their own endpoints on
/// API 10 and as `bulk_edit` methods on API 9, and both are served.
async fn bulk_edits_and_document_operations_take_effect(release: Release) {
    use paperless_client::types::bulk_edit::{
        BulkEditOperation, DocumentSelection, RotateDocuments,
    };
    let server = demo(release).await;
    let client = client(&server, release);
    let documents = client.documents();
    let selection = DocumentSelection::documents([DocumentId(15), DocumentId(2)]);
    let result = documents
        .bulk(selection, BulkEditOperation::add_tag(TagId(9)))
        .await
        .unwrap();
    assert!(result.is_ok());
    for id in [15, 2] {
        assert!(
            documents.get(id).await.unwrap().tags.contains(&TagId(9)),
            "{id}"
        );
    }
    let _ = server.take_requests();
    let rotate = RotateDocuments::new(DocumentSelection::documents([DocumentId(4)]), 90);
    assert!(documents.rotate(&rotate).await.unwrap().is_ok());
    let deleted = documents
        .delete_many(&DocumentSelection::documents([DocumentId(10)]))
        .await
        .unwrap();
    assert!(deleted.is_ok());
    let expected: [(&str, u16); 2] = match release {
        Release::V3 => [
            ("POST /api/documents/rotate/", 200),
            ("POST /api/documents/delete/", 200),
        ],
        Release::V2 => [
            ("POST /api/documents/bulk_edit/", 200),
            ("POST /api/documents/bulk_edit/", 200),
        ],
    };
    let expected: Vec<(String, u16)> = expected
        .iter()
        .map(|(l, s)| ((*l).to_owned(), *s))
        .collect();
    assert_eq!(lines(&server.take_requests()), expected);
    assert_eq!(documents.get_opt(10).await.unwrap(), None, "in the trash");
    // An unknown document is the server's 400.
    let error = documents
        .bulk(
            DocumentSelection::documents([DocumentId(999)]),
            BulkEditOperation::add_tag(TagId(9)),
        )
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400), "{error}");
}

on_both_releases!(
    upload_wait_and_download_give_back_the_same_bytes,
    create_patch_replace_delete_a_tag,
    a_tracked_document_edit_keeps_what_others_changed_meanwhile,
    notes_are_added_listed_and_deleted,
    a_deleted_document_is_restored_from_the_trash,
    pagination_over_seeded_documents_is_complete_and_in_order,
    retries_absorb_a_503_on_reads_and_never_repeat_a_post,
    replace_of_a_document_sends_the_relations_the_server_requires,
    bulk_edits_and_document_operations_take_effect,
);

/// 2.x refuses a file it has already: the wait ends with the original's id, read from the legacy
/// task (`related_document` as a string, `status: FAILURE`).
#[tokio::test]
async fn a_duplicate_upload_on_2x_ends_the_wait_with_the_original() {
    let release = Release::V2;
    let server = demo(release).await;
    let documents = client(&server, release).documents();
    let upload = || UploadFile::from_bytes(&b"the same receipt twice"[..], "receipt.txt");
    let first = documents
        .post_document(upload(), &NewDocument::new())
        .await
        .unwrap()
        .wait()
        .poll_interval(Duration::from_millis(10))
        .await
        .unwrap();
    let err = documents
        .post_document(upload(), &NewDocument::new())
        .await
        .unwrap()
        .wait()
        .poll_interval(Duration::from_millis(10))
        .await
        .unwrap_err();
    match err {
        paperless_client::api::tasks::WaitError::Duplicate { duplicate_of, .. } => {
            assert_eq!(duplicate_of, first.id);
        }
        other => panic!("{other}"),
    }
}

/// `tasks().run` on the test server as either release: 3.x queues the task, 2.x runs it.
#[tokio::test]
async fn tasks_run_on_both_releases() {
    let server = demo(Release::V3).await;
    let run = client(&server, Release::V3)
        .tasks()
        .run(paperless_client::types::task::TaskType::SanityCheck)
        .await
        .unwrap();
    assert!(run.task_id().is_some());
    assert_eq!(
        server.requests().pop().unwrap().json(),
        Some(json!({"task_type": "sanity_check"}))
    );

    let server = demo(Release::V2).await;
    // A negotiating client learns the release; a client pinned to 9 would ask first.
    let negotiating = Paperless::builder(server.url())
        .token(server.token())
        .build()
        .unwrap();
    let run = negotiating
        .tasks()
        .run(paperless_client::types::task::TaskType::SanityCheck)
        .await
        .unwrap();
    assert_eq!(run.result(), Some("No issues detected."));
    assert_eq!(
        server.requests().pop().unwrap().json(),
        Some(json!({"task_name": "check_sanity"}))
    );
}
