//! Documents: reads, list filters, search, writes, notes, versions and the other per-document
//! calls, each against the real captured exchange (request asserted exactly, response parsed).

use chrono::NaiveDate;
use mockito::Matcher;
use paperless_client::api::documents::{CustomFieldSet, CustomFieldValueError, Documents};
use paperless_client::types::bulk_edit::{EmailDocument, EmailDocuments};
use paperless_client::types::custom_field::{
    CustomField, CustomFieldInstance, CustomFieldValue, Monetary,
};
use paperless_client::types::document::{Document, DocumentPatch, HistoryAction};
use paperless_client::types::{
    CorrespondentId, CustomFieldId, DocumentId, DocumentTypeId, GroupId, NoteId, Page,
    PermissionSet, Permissions, TagId, UserId,
};
use paperless_client::{Error, List};
use serde_json::json;

use crate::documents_support::{capture, fixture_body, mock_capture, result_ids};
use crate::support::client;

#[tokio::test]
async fn get_reads_a_document() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "documents.retrieve").await;
    let doc = client(&server.url()).documents().get(5).await.unwrap();
    mock.assert_async().await;
    assert_eq!(doc.id, DocumentId(5));
    assert_eq!(doc.title(), "Telekom invoice February 2025");
    assert_eq!(doc.correspondent, Some(CorrespondentId(3)));
    assert_eq!(doc.tags, [TagId(3), TagId(1), TagId(5)]);
    assert_eq!(doc.archive_serial_number, Some(102));
    assert_eq!(doc.custom_fields.len(), 5);
    assert!(!doc.has_search_hit());
}

#[tokio::test]
async fn get_with_version_full_perms_and_fields() {
    let mut server = mockito::Server::new_async().await;
    let (version, _) = mock_capture(&mut server, "documents.retrieve.specific_version").await;
    let (perms, _) = mock_capture(&mut server, "documents.retrieve.full_perms").await;
    let (fields, _) = mock_capture(&mut server, "documents.retrieve.fields").await;
    let documents = client(&server.url()).documents();

    let v = documents.get(71).version(76).await.unwrap();
    assert_eq!(
        v.content.as_deref(),
        Some(
            "ZZ scratch document A revised first page\nPage 1 of 2\nRevised second page\nPage 2 of 2"
        )
    );
    assert_eq!(v.versions.len(), 3);
    assert_eq!(v.versions[0].version_label.as_deref(), Some("rev 2"));

    let p = documents.get(22).full_perms(true).await.unwrap();
    assert_eq!(
        p.permissions,
        Some(Permissions::new(
            PermissionSet::new([UserId(3)], [GroupId(2)]),
            PermissionSet::default()
        ))
    );
    assert_eq!(p.user_can_change, None);

    let f = documents
        .get(22)
        .fields(["id", "title", "custom_fields", "notes"])
        .await
        .unwrap();
    assert_eq!(f.notes.len(), 2);
    assert_eq!(f.tags, []);
    version.assert_async().await;
    perms.assert_async().await;
    fields.assert_async().await;
}

#[tokio::test]
async fn a_missing_document_is_not_found() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "documents.retrieve.missing_404").await;
    let documents = client(&server.url()).documents();
    let err = documents.get(99999).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert_eq!(
        err.to_string(),
        "GET /api/documents/99999/ returned 404 Not Found: No Document matches the given query."
    );
    mock.assert_async().await;
}

/// Every captured list filter, built with the typed methods: the request must equal the
/// captured one byte for byte, and the captured page must decode.
#[tokio::test]
async fn typed_filters_send_the_captured_queries() {
    type Build = fn(List<Documents>) -> List<Documents>;
    let cases: Vec<(&str, Build)> = vec![
        ("documents.list.page_size2", |l| l.page_size(2)),
        ("documents.list.page2", |l| l.page_size(2).page(2)),
        ("documents.list.full_perms", |l| {
            l.full_perms(true).page_size(2)
        }),
        ("documents.list.truncate_content", |l| {
            l.truncate_content(true).page_size(2)
        }),
        ("documents.list.fields", |l| {
            l.fields(["id", "title", "tags", "correspondent"])
                .page_size(3)
        }),
        ("documents.list.ordering_created", |l| {
            l.ordering_desc("created")
                .page_size(3)
                .fields(["id", "title", "created", "added"])
        }),
        ("documents.list.ordering_custom_field", |l| {
            l.ordering_custom_field(CustomFieldId(7), true)
                .page_size(3)
                .fields(["id", "title", "custom_fields"])
        }),
        ("documents.list.filter_correspondent", |l| {
            l.correspondent_id(3).fields(["id", "title"]).page_size(100)
        }),
        ("documents.list.filter_tags_all", |l| {
            l.tags_id_all([TagId(3), TagId(5)])
                .fields(["id", "title", "tags"])
        }),
        ("documents.list.filter_tags_none", |l| {
            l.tags_id_none([TagId(3)])
                .fields(["id", "title", "tags"])
                .page_size(3)
        }),
        ("documents.list.filter_doctype_in", |l| {
            l.document_type_id_in([DocumentTypeId(2), DocumentTypeId(4)])
                .fields(["id", "title", "document_type"])
        }),
        ("documents.list.filter_created_range", |l| {
            l.created_date_gte(NaiveDate::from_ymd_opt(2025, 3, 1).unwrap())
                .created_date_lte(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap())
                .fields(["id", "title", "created"])
        }),
        ("documents.list.filter_is_tagged_false", |l| {
            l.is_tagged(false).fields(["id", "title"])
        }),
        ("documents.list.filter_is_in_inbox", |l| {
            l.is_in_inbox(true).fields(["id", "title", "tags"])
        }),
        ("documents.list.filter_title_icontains", |l| {
            l.title_icontains("invoice").fields(["id", "title"])
        }),
        ("documents.list.filter_asn", |l| {
            l.archive_serial_number(101)
        }),
        ("documents.list.filter_asn_isnull", |l| {
            l.archive_serial_number_isnull(true)
                .fields(["id", "title"])
                .page_size(3)
        }),
        ("documents.list.filter_mime_type", |l| {
            l.mime_type("application/pdf")
                .fields(["id", "title", "mime_type"])
        }),
        ("documents.list.custom_fields_id_in", |l| {
            l.custom_fields_id_in([CustomFieldId(8)])
                .fields(["id", "title", "custom_fields"])
        }),
        ("documents.list.text_search", |l| {
            l.text("water").fields(["id", "title"])
        }),
        ("documents.list.title_search", |l| {
            l.title_search("bill").fields(["id", "title"])
        }),
        ("documents.list.title_content_legacy", |l| {
            l.title_content("dental").fields(["id", "title"])
        }),
        ("documents.list.full_text_query_syntax", |l| {
            l.query("correspondent:telekom AND created:[2025-02-01 to 2025-04-30]")
                .fields(["id", "title"])
        }),
        ("documents.list.full_text_query_fields", |l| {
            l.query("warranty")
                .fields(["id", "title", "__search_hit__"])
        }),
    ];
    let mut server = mockito::Server::new_async().await;
    let documents = client(&server.url()).documents();
    for (name, build) in cases {
        let (mock, c) = mock_capture(&mut server, name).await;
        let page = build(documents.list())
            .send()
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        mock.assert_async().await;
        assert_eq!(page.count, c.body["count"].as_u64().unwrap(), "{name}");
        let ids: Vec<u64> = page.items().iter().map(|d| d.id.0).collect();
        assert_eq!(ids, result_ids(&c.body), "{name}");
        mock.remove_async().await;
    }
}

#[tokio::test]
async fn filters_without_a_capture_send_their_parameters() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock(
            "GET",
            "/api/documents/?correspondent__isnull=true&document_type__id__none=1%2C2\
             &storage_path__name__iexact=Tax&tags__id__in=4&owner__id__none=3&shared_by__id=2\
             &checksum__iexact=ab12&has_custom_fields=true&custom_fields__id__all=3%2C4\
             &custom_fields__id__none=10&added__date__gte=2026-01-01\
             &modified__gt=2026-11-26T20%3A00%3A00%2B01%3A00\
             &archive_serial_number__gte=100&archive_serial_number__lt=200&created__year=2025\
             &id__in=7%2C9",
        )
        .with_header("content-type", "application/json")
        .with_body(r#"{"count":0,"next":null,"previous":null,"results":[]}"#)
        .expect(1)
        .create_async()
        .await;
    let modified = chrono::DateTime::parse_from_rfc3339("2026-11-26T20:00:00+01:00").unwrap();
    let page = client(&server.url())
        .documents()
        .list()
        .correspondent_isnull(true)
        .document_type_id_none([1, 2])
        .storage_path_name_iexact("Tax")
        .tags_id_in([4])
        .owner_id_none([3])
        .shared_by_id(2)
        .checksum_iexact("ab12")
        .has_custom_fields(true)
        .custom_fields_id_all([3, 4])
        .custom_fields_id_none([10])
        .added_date_gte(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
        .modified_gt(&modified)
        .archive_serial_number_gte(100)
        .archive_serial_number_lt(200)
        .created_year(2025)
        .id_in([7, 9])
        .send()
        .await
        .unwrap();
    assert_eq!(page.count, 0);
    mock.assert_async().await;
}

#[tokio::test]
async fn empty_id_filters_are_refused_before_sending() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let err = client(&server.url())
        .documents()
        .list()
        .tags_id_all(Vec::<TagId>::new())
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    assert_eq!(
        err.to_string(),
        "invalid request, nothing was sent: documents.list: tags__id__all needs at least one id \
         (an empty filter would match every document)"
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn search_yields_hits_and_the_corrected_query() {
    let mut server = mockito::Server::new_async().await;
    let (mock, c) = mock_capture(&mut server, "documents.list.full_text_query").await;
    let page = client(&server.url())
        .documents()
        .search("telekom roaming")
        .page_size(2)
        .send()
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(page.count, 8);
    assert_eq!(
        page.corrected_query,
        c.body["corrected_query"].as_str().map(str::to_owned)
    );
    let first = &page.items()[0];
    assert!(first.has_search_hit());
    let hit = first.search_hit.as_ref().unwrap();
    assert_eq!(hit.rank, 1);
    assert_eq!(
        hit.score,
        c.body["results"][0]["__search_hit__"]["score"]
            .as_f64()
            .unwrap()
    );
    assert!(page.items().iter().all(Document::has_search_hit));
}

#[tokio::test]
async fn more_like_takes_a_fetched_document() {
    let mut server = mockito::Server::new_async().await;
    let (doc_mock, _) = mock_capture(&mut server, "documents.retrieve").await;
    let (mock, _) = mock_capture(&mut server, "documents.list.more_like").await;
    let documents = client(&server.url()).documents();
    let doc = documents.get(5).await.unwrap();
    let page = documents.more_like(&doc).page_size(3).send().await.unwrap();
    assert_eq!(page.count, 0);
    assert_eq!(page.corrected_query, None);
    doc_mock.assert_async().await;
    mock.assert_async().await;
}

#[tokio::test]
async fn update_sends_exactly_the_patch() {
    let mut server = mockito::Server::new_async().await;
    let (mock, c) = mock_capture(&mut server, "documents.patch").await;
    let patch = DocumentPatch::new()
        .title("ZZ scratch text (patched)")
        .tags([TagId(9)])
        .archive_serial_number(991)
        .custom_fields(
            serde_json::from_value::<Vec<_>>(c.request_body["custom_fields"].clone()).unwrap(),
        );
    let doc = client(&server.url())
        .documents()
        .update(69, &patch)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(doc.title(), "ZZ scratch text (patched)");
    assert_eq!(doc.archive_serial_number, Some(991));
    assert_eq!(doc.custom_fields.len(), 10);
}

#[tokio::test]
async fn update_sets_owner_permissions_and_removes_inbox_tags() {
    let mut server = mockito::Server::new_async().await;
    let c = capture("documents.patch.set_permissions");
    let mock = server
        .mock("PATCH", "/api/documents/69/")
        .match_body(Matcher::Json(json!({
            "remove_inbox_tags": true,
            "owner": 3,
            "set_permissions": {"view": {"users": [4], "groups": []}, "change": {"users": [], "groups": [1]}}
        })))
        .with_header("content-type", "application/json")
        .with_body(c.body_string())
        .expect(1)
        .create_async()
        .await;
    let patch = DocumentPatch::new()
        .remove_inbox_tags(true)
        .owner(UserId(3))
        .set_permissions(Permissions::new(
            PermissionSet::new([UserId(4)], []),
            PermissionSet::new([], [GroupId(1)]),
        ));
    let doc = client(&server.url())
        .documents()
        .update(69, &patch)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(doc.owner, Some(UserId(3)));
    assert!(doc.permissions.is_some());
}

#[tokio::test]
async fn replace_puts_every_field() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "documents.put").await;
    let full = DocumentPatch::new()
        .title("ZZ scratch text (put)")
        .correspondent(None)
        .document_type(None)
        .storage_path(None)
        .tags([])
        .created(NaiveDate::from_ymd_opt(2025, 6, 16).unwrap())
        .archive_serial_number(None)
        .custom_fields([]);
    let doc = client(&server.url())
        .documents()
        .replace(69, &full)
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(doc.title(), "ZZ scratch text (put)");
    assert_eq!(doc.correspondent, None);
}

#[tokio::test]
async fn edit_then_save_patches_only_the_changes() {
    let mut server = mockito::Server::new_async().await;
    let get = server
        .mock("GET", "/api/documents/69/")
        .with_header("content-type", "application/json")
        .with_body(fixture_body("documents.put"))
        .expect(1)
        .create_async()
        .await;
    let patch = server
        .mock("PATCH", "/api/documents/69/")
        .match_body(Matcher::Json(json!({"title": "Renamed", "tags": [9]})))
        .with_header("content-type", "application/json")
        .with_body(fixture_body("documents.patch"))
        .expect(1)
        .create_async()
        .await;
    let mut doc = client(&server.url()).documents().edit(69).await.unwrap();
    doc.title = Some("Renamed".into());
    doc.tags = vec![TagId(9)];
    doc.save().await.unwrap();
    get.assert_async().await;
    patch.assert_async().await;
    assert_eq!(doc.title(), "ZZ scratch text (patched)");
}

#[tokio::test]
async fn delete_moves_to_the_trash() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "documents.delete").await;
    client(&server.url()).documents().delete(69).await.unwrap();
    mock.assert_async().await;
}

#[tokio::test]
async fn write_errors_carry_the_field_errors() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "documents.patch.invalid_select_option").await;
    let patch =
        DocumentPatch::new().custom_fields([CustomFieldInstance::new(CustomFieldId(9), "nope")]);
    let err = client(&server.url())
        .documents()
        .update(69, &patch)
        .await
        .unwrap_err();
    mock.assert_async().await;
    let api = err.as_api().unwrap();
    assert_eq!(api.status(), 400);
    assert_eq!(api.field_errors()[0].field, "custom_fields[0]");
}

#[tokio::test]
async fn notes_list_add_and_delete() {
    let mut server = mockito::Server::new_async().await;
    let (list, _) = mock_capture(&mut server, "documents.notes.list").await;
    let (add, _) = mock_capture(&mut server, "documents.notes.create").await;
    let (delete, _) = mock_capture(&mut server, "documents.notes.delete").await;
    let (missing, _) = mock_capture(&mut server, "documents.notes.delete_missing").await;
    let documents = client(&server.url()).documents();

    let notes = documents.notes(22).await.unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[1].note, "Refund expected around August.");
    assert_eq!(notes[0].user.as_ref().unwrap().username, "admin");

    let after_add = documents
        .add_note(10, "Paid via online banking on 25 April.")
        .await
        .unwrap();
    assert_eq!(after_add.notes.len(), 1);
    assert_eq!(after_add.notes[0].id, NoteId(15));
    assert_eq!(after_add.note, after_add.notes[0]);

    let after_delete = documents.delete_note(10, NoteId(15)).await.unwrap();
    assert!(after_delete.is_empty());

    let err = documents.delete_note(10, 99999).await.unwrap_err();
    assert!(err.is_not_found());
    for m in [list, add, delete, missing] {
        m.assert_async().await;
    }
}

/// A note as the server renders it in a note list.
fn note_json(id: u64, text: &str) -> serde_json::Value {
    json!({
        "id": id,
        "note": text,
        "created": "2026-11-26T20:47:37.365662+01:00",
        "user": {"id": 2, "username": "admin", "first_name": "Ada", "last_name": "Admin"},
    })
}

/// Mocks `POST /api/documents/10/notes/` with exactly `{"note": text}`, answering `notes`.
async fn mock_add_note(
    server: &mut mockito::ServerGuard,
    text: &str,
    notes: serde_json::Value,
) -> mockito::Mock {
    server
        .mock("POST", "/api/documents/10/notes/")
        .match_header("content-type", "application/json")
        .match_body(Matcher::Json(json!({ "note": text })))
        .with_header("content-type", "application/json")
        .with_body(notes.to_string())
        .create_async()
        .await
}

#[tokio::test]
async fn add_note_returns_the_new_note_and_every_note() {
    let mut server = mockito::Server::new_async().await;
    let answer = json!([note_json(1, "Submitted."), note_json(15, "Paid.")]);
    let mock = mock_add_note(&mut server, "Paid.", answer.clone()).await;
    let added = client(&server.url())
        .documents()
        .add_note(10, "Paid.")
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(added.note.id, NoteId(15));
    assert_eq!(added.note.note, "Paid.");
    assert_eq!(
        added.note.user.as_ref().map(|u| u.username.as_str()),
        Some("admin")
    );
    let ids: Vec<NoteId> = added.notes.iter().map(|n| n.id).collect();
    assert_eq!(
        ids,
        [NoteId(1), NoteId(15)],
        "every note, in the server's order"
    );
    assert_eq!(
        serde_json::to_value(&added).unwrap(),
        answer,
        "writes back as the list"
    );
}

#[tokio::test]
async fn add_note_is_not_fooled_by_a_note_added_at_the_same_moment() {
    // Another user's note (16) landed between this note's insert (15) and the server's answer.
    let mut server = mockito::Server::new_async().await;
    let answer = json!([
        note_json(3, "Paid."),
        note_json(15, "Paid."),
        note_json(16, "Checked by accounting."),
    ]);
    let mock = mock_add_note(&mut server, "Paid.", answer).await;
    let added = client(&server.url())
        .documents()
        .add_note(10, "Paid.")
        .await
        .unwrap();
    mock.assert_async().await;
    assert_eq!(
        added.note.id,
        NoteId(15),
        "the newest note with the text sent"
    );
    assert_eq!(added.notes.len(), 3);
}

#[tokio::test]
async fn add_note_answered_with_no_notes_is_a_decode_error() {
    let mut server = mockito::Server::new_async().await;
    let mock = mock_add_note(&mut server, "Paid.", json!([])).await;
    let err = client(&server.url())
        .documents()
        .add_note(10, "Paid.")
        .await
        .unwrap_err();
    mock.assert_async().await;
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}");
    };
    assert_eq!(decode.operation().to_string(), "documents.add_note");
    assert_eq!(decode.body(), "[]");
    assert!(err.to_string().contains("lists no notes"), "{err}");
}

#[tokio::test]
async fn per_document_reads() {
    let mut server = mockito::Server::new_async().await;
    let mut mocks = Vec::new();
    for name in [
        "documents.metadata.text",
        "documents.metadata.version",
        "documents.suggestions",
        "documents.history",
        "documents.share_links",
        "documents.root.of_version",
        "documents.next_asn",
    ] {
        mocks.push(mock_capture(&mut server, name).await.0);
    }
    let documents = client(&server.url()).documents();

    let meta = documents.metadata(5).await.unwrap();
    assert_eq!(meta.original_size, Some(604));
    assert_eq!(meta.lang.as_deref(), Some("en"));
    assert!(!meta.has_archive_version);

    let version = documents.metadata(71).version(76).await.unwrap();
    assert_eq!(version.media_filename.as_deref(), Some("0000071_v2.pdf"));
    assert_eq!(version.original_metadata.unwrap().len(), 7);

    let suggestions = documents.suggestions(6).await.unwrap();
    assert_eq!(
        suggestions.document_types,
        [DocumentTypeId(2), DocumentTypeId(1)]
    );
    assert_eq!(
        suggestions.dates,
        [
            NaiveDate::from_ymd_opt(2025, 2, 1).unwrap(),
            NaiveDate::from_ymd_opt(2025, 3, 20).unwrap()
        ]
    );

    let history = documents.history(5).await.unwrap();
    assert_eq!(history[0].id, 347);
    assert_eq!(history[0].action, HistoryAction::Update);
    assert_eq!(history[0].actor.as_ref().unwrap().username, "admin");

    let links = documents.share_links(12).await.unwrap();
    assert_eq!(
        links[0].slug,
        "Zm27svbpH0RPbc7bxXPSfrDObgZnP180FDidCawngJqbFN2PWq"
    );

    assert_eq!(documents.root(76).await.unwrap(), DocumentId(71));
    assert_eq!(documents.next_asn().await.unwrap(), 113);
    for m in mocks {
        m.assert_async().await;
    }
}

#[tokio::test]
async fn ai_suggestions_disabled_is_an_api_error() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "documents.ai_suggestions.disabled").await;
    let err = client(&server.url())
        .documents()
        .ai_suggestions(22)
        .await
        .unwrap_err();
    mock.assert_async().await;
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    assert_eq!(
        err.as_api().unwrap().detail(),
        Some("AI is required for this feature")
    );
}

#[tokio::test]
async fn selection_data_counts_per_object() {
    let mut server = mockito::Server::new_async().await;
    let (mock, c) = mock_capture(&mut server, "documents.selection_data").await;
    let (invalid, _) = mock_capture(&mut server, "documents.selection_data.invalid").await;
    let documents = client(&server.url()).documents();
    let data = documents.selection_data([4, 9, 29]).await.unwrap();
    assert_eq!(
        data.selected_correspondents.len(),
        c.body["selected_correspondents"].as_array().unwrap().len()
    );
    assert_eq!(data.selected_correspondents[1].document_count, 1);
    let err = documents.selection_data([99999]).await.unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    let empty = documents
        .selection_data(Vec::<u64>::new())
        .await
        .unwrap_err();
    assert!(matches!(empty, Error::Invalid(_)));
    mock.assert_async().await;
    invalid.assert_async().await;
}

#[tokio::test]
async fn versions_relabel_and_delete() {
    let mut server = mockito::Server::new_async().await;
    let (label, _) = mock_capture(&mut server, "documents.versions.patch_label").await;
    let (delete, _) = mock_capture(&mut server, "documents.versions.delete").await;
    let (root, _) = mock_capture(&mut server, "documents.versions.delete_root_400").await;
    let (missing, _) = mock_capture(&mut server, "documents.versions.patch_missing").await;
    let documents = client(&server.url()).documents();

    let version = documents
        .set_version_label(71, DocumentId(76), Some("revised scan"))
        .await
        .unwrap();
    assert_eq!(version.id, DocumentId(76));
    assert_eq!(version.version_label.as_deref(), Some("revised scan"));
    assert!(!version.is_root);

    let result = documents.delete_version(71, DocumentId(76)).await.unwrap();
    assert_eq!(result.current_version_id, DocumentId(73));

    let err = documents
        .delete_version(71, DocumentId(71))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::BAD_REQUEST));
    let err = documents
        .set_version_label(71, DocumentId(99999), Some("x"))
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    for m in [label, delete, root, missing] {
        m.assert_async().await;
    }
}

#[tokio::test]
async fn email_sends_the_captured_bodies() {
    let mut server = mockito::Server::new_async().await;
    let (bulk, _) = mock_capture(&mut server, "documents.email.bulk").await;
    let (invalid, _) = mock_capture(&mut server, "documents.email.invalid_address").await;
    // The single-document view needs a form body (a JSON one crashes it: the 3.0.5 capture
    // `documents.email.single`); with one, it fails only on the missing mail server.
    let single = server
        .mock("POST", "/api/documents/72/email/")
        .match_header("content-type", "application/x-www-form-urlencoded")
        .match_body(
            "addresses=alice%40example.com&subject=Scratch&message=See+attached&use_archive_version=true",
        )
        .with_status(500)
        .with_header("content-type", "text/html; charset=utf-8")
        .with_body("Error emailing documents, check logs for more detail.")
        .expect(1)
        .create_async()
        .await;
    let documents = client(&server.url()).documents();

    let err = documents
        .email(&EmailDocuments::new(
            [DocumentId(72)],
            ["alice@example.com"],
            "Scratch",
            "Hi",
        ))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "POST /api/documents/email/ returned 500 Internal Server Error: Error emailing documents, \
         check logs for more detail. The server failed to carry the request out; its log says \
         why."
    );
    let err = documents
        .email(&EmailDocuments::new(
            [DocumentId(72)],
            ["not an address"],
            "s",
            "m",
        ))
        .await
        .unwrap_err();
    assert_eq!(err.as_api().unwrap().field_errors()[0].field, "addresses");
    let err = documents
        .email_one(
            72,
            &EmailDocument::new(["alice@example.com"], "Scratch", "See attached")
                .use_archive_version(true),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(http::StatusCode::INTERNAL_SERVER_ERROR));
    assert!(err.to_string().contains("The server failed"), "{err}");
    for m in [bulk, invalid, single] {
        m.assert_async().await;
    }
}

fn field_set() -> CustomFieldSet {
    let page: Page<CustomField> =
        serde_json::from_str(&fixture_body("custom_fields.list")).unwrap();
    CustomFieldSet::new(page.results)
}

#[tokio::test]
async fn custom_field_values_are_typed_by_their_definitions() {
    let mut server = mockito::Server::new_async().await;
    let (mock, _) = mock_capture(&mut server, "documents.retrieve").await;
    let (fields_mock, _) = mock_capture(&mut server, "documents.retrieve.fields").await;
    let documents = client(&server.url()).documents();
    let fields = field_set();

    let doc = documents.get(5).await.unwrap();
    assert_eq!(
        fields.value(&doc, "Invoice Number").unwrap().as_str(),
        Some("TM-2025-0002")
    );
    assert_eq!(
        fields.value(&doc, "Due Date").unwrap().as_date(),
        NaiveDate::from_ymd_opt(2025, 2, 20)
    );
    assert_eq!(
        fields.value(&doc, CustomFieldId(4)).unwrap().as_bool(),
        Some(true)
    );
    let amount = fields.value(&doc, "Amount").unwrap();
    let money = amount.to_monetary().unwrap();
    assert_eq!((money.currency(), money.amount_cents), (Some("EUR"), 4740));
    assert_eq!(fields.default_currency("Amount"), Some("EUR"));
    assert_eq!(
        fields
            .value(&doc, "Related Documents")
            .unwrap()
            .to_document_links(),
        Some(vec![DocumentId(8), DocumentId(4)])
    );
    assert!(
        fields.value(&doc, "Priority").is_none(),
        "not attached to document 5"
    );
    assert_eq!(fields.values(&doc).count(), 5);

    let tax = documents
        .get(22)
        .fields(["id", "title", "custom_fields", "notes"])
        .await
        .unwrap();
    let priority = fields.value(&tax, "Priority").unwrap();
    assert_eq!(priority.select_id(), Some("EcT2sJYnA0MTiduP"));
    assert_eq!(priority.select_label(), Some("High"));
    mock.assert_async().await;
    fields_mock.assert_async().await;
}

#[tokio::test]
async fn custom_field_values_are_set_by_field_and_saved() {
    let mut server = mockito::Server::new_async().await;
    let get = server
        .mock("GET", "/api/documents/5/")
        .with_header("content-type", "application/json")
        .with_body(fixture_body("documents.retrieve"))
        .expect(1)
        .create_async()
        .await;
    let save = server
        .mock("PATCH", "/api/documents/5/")
        .match_body(Matcher::Json(json!({"custom_fields": [
            {"value": "TM-2025-0002", "field": 1},
            {"value": "2025-03-01", "field": 3},
            {"value": false, "field": 4},
            {"value": "USD10.50", "field": 7},
            {"value": [8, 4], "field": 8},
            {"field": 9, "value": "hRT1c96I3BKlwRuB"},
            {"field": 5, "value": 24},
            {"field": 6, "value": 19.0},
            {"field": 10, "value": null}
        ]})))
        .with_header("content-type", "application/json")
        .with_body(fixture_body("documents.retrieve"))
        .expect(1)
        .create_async()
        .await;
    let fields = field_set();
    let mut doc = client(&server.url()).documents().edit(5).await.unwrap();
    fields.set(&mut doc, "Due Date", "2025-03-01").unwrap();
    fields.set(&mut doc, "Paid", false).unwrap();
    fields
        .set(&mut doc, "Amount", Monetary::new(Some("USD"), 1050))
        .unwrap();
    fields.set(&mut doc, "Priority", "medium").unwrap();
    fields.set(&mut doc, "Contract Term (months)", 24).unwrap();
    fields.set(&mut doc, "VAT Rate", 19).unwrap();
    fields.set(&mut doc, "Summary", None::<String>).unwrap();
    doc.save().await.unwrap();
    get.assert_async().await;
    save.assert_async().await;
}

#[test]
fn custom_field_values_are_checked_against_the_data_type() {
    let fields = field_set();
    // The set's own error converts into the crate's (as `?` does), keeping the message.
    let err = |r: Result<CustomFieldInstance, CustomFieldValueError>| {
        paperless_client::Error::from(r.unwrap_err()).to_string()
    };
    assert_eq!(
        err(fields.instance("Priority", "Urgent")),
        "invalid request, nothing was sent: custom field \"Priority\" has no option \"Urgent\"; \
         its options are \"Low\", \"Medium\", \"High\""
    );
    assert_eq!(
        err(fields.instance("Paid", "yes")),
        "invalid request, nothing was sent: custom field \"Paid\" holds boolean values; text does \
         not fit"
    );
    assert_eq!(
        err(fields.instance("Due Date", "next week")),
        "invalid request, nothing was sent: custom field \"Due Date\" is a date field; \"next \
         week\" is not a date such as \"2025-06-01\""
    );
    assert_eq!(
        err(fields.instance("Contract Term (months)", 1_i64 << 40)),
        "invalid request, nothing was sent: custom field \"Contract Term (months)\" stores 32-bit \
         integers; 1099511627776 is out of range"
    );
    assert_eq!(
        err(fields.instance("Nope", 1)),
        "invalid request, nothing was sent: custom field \"Nope\" is not among the 10 known \
         custom fields; fetch the definitions again"
    );
    assert!(err(fields.instance("Amount", "12,00 EUR")).contains("monetary field"));
    let links = fields
        .instance("Related Documents", vec![DocumentId(71), DocumentId(72)])
        .unwrap();
    assert_eq!(links.value, json!([71, 72]));
    let select_by_id = fields.instance("Priority", "FIR38h091B6z137V").unwrap();
    assert_eq!(select_by_id.value, json!("FIR38h091B6z137V"));
    let typed = fields
        .instance(
            "Due Date",
            CustomFieldValue::Date(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()),
        )
        .unwrap();
    assert_eq!(typed.value, json!("2025-07-01"));
}

#[tokio::test]
async fn a_crash_page_is_said_to_be_a_server_failure() {
    let mut server = mockito::Server::new_async().await;
    let crash = capture("documents.email.single");
    let mock = server
        .mock("POST", "/api/documents/72/email/")
        .with_status(500)
        .with_header("content-type", "text/html; charset=utf-8")
        .with_body(crash.body_bytes())
        .create_async()
        .await;
    let err = client(&server.url())
        .documents()
        .email_one(
            72,
            &EmailDocument::new(["alice@example.com"], "Scratch", "Hi"),
        )
        .await
        .unwrap_err();
    mock.assert_async().await;
    assert_eq!(
        err.to_string(),
        "POST /api/documents/72/email/ returned 500 Internal Server Error: Server Error (500). \
         The server failed: Paperless-ngx crashed on an unhandled error and answered with its \
         HTML error page; its log has the traceback."
    );
}
