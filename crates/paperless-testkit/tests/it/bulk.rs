//! `POST /api/documents/bulk_edit/` and the 3.x document operations: each method's effect on the
//! stored documents, and each validation rule of the server's serializers (3.0.5 and 2.20.15).

use paperless_testkit::TestServer;
use serde_json::{Value, json};

use crate::support::Http;

async fn server(two: bool) -> TestServer {
    let builder = TestServer::builder().demo();
    let builder = if two {
        builder.paperless_2_20()
    } else {
        builder
    };
    builder.start().await.unwrap()
}

/// Posts `body` to `path`; the status and the JSON (or `null`) answer.
async fn post(server: &TestServer, path: &str, body: Value) -> (u16, Value) {
    let answer = Http::new(server.url())
        .json(server.token(), "POST", path, &body)
        .await;
    let json = serde_json::from_slice(&answer.body).unwrap_or(Value::Null);
    (answer.status, json)
}

async fn bulk(server: &TestServer, body: Value) -> (u16, Value) {
    post(server, "/api/documents/bulk_edit/", body).await
}

/// A bulk edit that must succeed with `{"result": "OK"}`.
async fn ok(server: &TestServer, documents: &[u64], method: &str, parameters: Value) {
    let answer = bulk(
        server,
        json!({"documents": documents, "method": method, "parameters": parameters}),
    )
    .await;
    assert_eq!(answer, (200, json!({"result": "OK"})), "{method}");
}

/// A refusal: 400 with `body`.
async fn refused(server: &TestServer, request: Value, body: Value) {
    let answer = bulk(server, request.clone()).await;
    assert_eq!(answer, (400, body), "{request}");
}

fn non_field(message: &str) -> Value {
    json!({"non_field_errors": [message]})
}

fn tags(server: &TestServer, id: u64) -> Vec<u64> {
    let mut tags: Vec<u64> = server
        .document(id)
        .unwrap()
        .tags
        .iter()
        .map(|t| t.0)
        .collect();
    tags.sort_unstable();
    tags
}

#[tokio::test]
async fn set_methods_change_only_documents_that_differ() {
    let server = server(false).await;
    let before = |id| server.document(id).unwrap().modified;
    let (m2, m4) = (before(2), before(4));
    // Document 2 already has correspondent 7, document 4 has 3.
    ok(
        &server,
        &[2, 4],
        "set_correspondent",
        json!({"correspondent": 7}),
    )
    .await;
    assert_eq!(server.document(4).unwrap().correspondent.unwrap().0, 7);
    assert_eq!(server.document(2).unwrap().modified, m2, "unchanged");
    assert_ne!(server.document(4).unwrap().modified, m4, "modified bumped");
    ok(
        &server,
        &[2, 4],
        "set_correspondent",
        json!({"correspondent": null}),
    )
    .await;
    assert!(server.document(2).unwrap().correspondent.is_none());
    ok(
        &server,
        &[2],
        "set_document_type",
        json!({"document_type": 4}),
    )
    .await;
    assert_eq!(server.document(2).unwrap().document_type.unwrap().0, 4);
    ok(
        &server,
        &[2],
        "set_storage_path",
        json!({"storage_path": 2}),
    )
    .await;
    assert_eq!(server.document(2).unwrap().storage_path.unwrap().0, 2);
    // Another document untouched.
    assert_eq!(server.document(3).unwrap().correspondent.unwrap().0, 7);
}

#[tokio::test]
async fn tags_are_added_with_ancestors_and_removed_with_descendants() {
    let server = server(false).await;
    // Tag 4 ("Tax 2024") is a child of 3 ("Finance"); 5 too.
    let m6 = server.document(6).unwrap().modified;
    ok(&server, &[15, 6], "add_tag", json!({"tag": 4})).await;
    assert_eq!(tags(&server, 15), [1, 2, 3, 4]);
    assert_eq!(tags(&server, 6), [1, 2, 3, 4]);
    ok(&server, &[5], "remove_tag", json!({"tag": 3})).await;
    assert_eq!(tags(&server, 5), [1], "3 and its children 4 and 5 removed");
    // Removing a tag a document lacks leaves it (and its `modified`) alone.
    let m15 = server.document(15).unwrap().modified;
    ok(&server, &[15], "remove_tag", json!({"tag": 9})).await;
    assert_eq!(server.document(15).unwrap().modified, m15);
    assert_ne!(server.document(6).unwrap().modified, m6);
    ok(
        &server,
        &[2, 6],
        "modify_tags",
        json!({"add_tags": [9], "remove_tags": [1]}),
    )
    .await;
    assert_eq!(tags(&server, 2), [9]);
    assert_eq!(tags(&server, 6), [2, 3, 4, 9]);
}

#[tokio::test]
async fn custom_fields_are_added_set_and_removed() {
    let server = server(false).await;
    // Document 4: fields 1 (text), 2, 3, 4, 7 (monetary), 8 (document link to 5).
    ok(
        &server,
        &[15, 4],
        "modify_custom_fields",
        json!({"add_custom_fields": {"4": false, "8": [4]}, "remove_custom_fields": [7]}),
    )
    .await;
    let fields = |id| {
        server
            .document(id)
            .unwrap()
            .custom_fields
            .iter()
            .map(|f| (f.field.0, f.value.clone()))
            .collect::<Vec<_>>()
    };
    let four = fields(4);
    assert!(four.contains(&(4, json!(false))));
    assert!(!four.iter().any(|(f, _)| *f == 7), "7 removed");
    assert!(
        four.contains(&(8, json!([5]))),
        "no link to itself: {four:?}"
    );
    assert_eq!(fields(15), [(4, json!(false)), (8, json!([4]))]);
    // A plain id list adds the fields with null values, also over a value.
    ok(
        &server,
        &[4],
        "modify_custom_fields",
        json!({"add_custom_fields": [1], "remove_custom_fields": []}),
    )
    .await;
    assert!(fields(4).contains(&(1, Value::Null)));
}

#[tokio::test]
async fn permissions_are_set_or_merged_and_change_grants_view() {
    let server = server(false).await;
    let perms = |id| server.document(id).unwrap().permissions.unwrap();
    let ids = |set: &paperless_types::permissions::PermissionSet| {
        set.users.iter().map(|u| u.0).collect::<Vec<_>>()
    };
    ok(
        &server,
        &[15, 2],
        "set_permissions",
        json!({"owner": 3, "set_permissions": {"view": {"users": [4], "groups": [1]},
               "change": {"users": [3], "groups": []}}}),
    )
    .await;
    let p = perms(15);
    assert_eq!(ids(&p.view), [4, 3]);
    assert_eq!(ids(&p.change), [3]);
    assert_eq!(p.view.groups[0].0, 1);
    assert_eq!(server.document(15).unwrap().owner.unwrap().0, 3);
    // merge: users added, owner kept where there is one.
    ok(
        &server,
        &[15],
        "set_permissions",
        json!({"owner": 4, "merge": true, "set_permissions": {"view": {"users": [2]}}}),
    )
    .await;
    assert_eq!(ids(&perms(15).view), [4, 3, 2]);
    assert_eq!(server.document(15).unwrap().owner.unwrap().0, 3);
    // Without merge the given sets replace, and the owner is set even to null. Only the users
    // given for change get view (`set_permissions_for_object`): a view list given alone
    // replaces it, change users kept (user 3 keeps change without view, as on the server).
    ok(
        &server,
        &[15],
        "set_permissions",
        json!({"owner": null, "set_permissions": {"view": {"users": []}}}),
    )
    .await;
    assert_eq!(ids(&perms(15).view), Vec::<u64>::new());
    assert_eq!(ids(&perms(15).change), [3]);
    assert!(server.document(15).unwrap().owner.is_none());
}

/// A document's `PATCH` applies `set_permissions` by the same rule as the bulk method (the
/// server's `set_permissions_for_object`, without merge): change gives view, on both releases.
#[tokio::test]
async fn a_document_patch_sets_permissions_by_the_same_rule() {
    for two in [false, true] {
        let server = server(two).await;
        let http = Http::new(server.url());
        let patch = |body: Value| {
            let http = &http;
            let token = server.token().to_owned();
            async move {
                let answer = http
                    .json(&token, "PATCH", "/api/documents/15/?full_perms=true", &body)
                    .await;
                assert_eq!(
                    answer.status,
                    200,
                    "{}",
                    String::from_utf8_lossy(&answer.body)
                );
                let doc: Value = serde_json::from_slice(&answer.body).unwrap();
                doc["permissions"].clone()
            }
        };
        let p = patch(
            json!({"set_permissions": {"view": {"users": [4], "groups": []},
                                                 "change": {"users": [3], "groups": [1]}}}),
        )
        .await;
        assert_eq!(
            p,
            json!({"view": {"users": [4, 3], "groups": [1]}, "change": {"users": [3], "groups": [1]}}),
            "release 2.x: {two}"
        );
        // A view list alone replaces the view list; change is kept.
        let p = patch(json!({"set_permissions": {"view": {"users": [], "groups": []}}})).await;
        assert_eq!(
            p,
            json!({"view": {"users": [], "groups": []}, "change": {"users": [3], "groups": [1]}}),
            "release 2.x: {two}"
        );
        // null changes nothing.
        let p = patch(json!({"set_permissions": null, "title": "x"})).await;
        assert_eq!(p["change"], json!({"users": [3], "groups": [1]}));
    }
}

#[tokio::test]
async fn delete_moves_to_the_trash_and_all_selects_by_filters() {
    let server = server(false).await;
    // Document 1 is in the demo set's trash already.
    ok(&server, &[15, 2], "delete", json!({})).await;
    assert!(server.document(15).unwrap().deleted_at.is_some());
    let trash = Http::new(server.url())
        .get(server.token(), "/api/trash/")
        .await;
    assert_eq!(trash.json()["count"], 3);
    // A trashed document no longer exists for bulk edits.
    refused(
        &server,
        json!({"documents": [15], "method": "add_tag", "parameters": {"tag": 9}}),
        json!({"documents": ["Some documents in documents don't exist or were specified twice."]}),
    )
    .await;
    // all + filters: the documents the list's filters select.
    let had: Vec<u64> = server
        .documents()
        .iter()
        .filter(|d| d.tags.iter().any(|t| t.0 == 10))
        .map(|d| d.id.0)
        .collect();
    let answer = bulk(
        &server,
        json!({"all": true, "filters": {"correspondent__id": 3}, "method": "add_tag",
               "parameters": {"tag": 10}}),
    )
    .await;
    assert_eq!(answer.0, 200);
    for doc in server.documents() {
        let has = doc.tags.iter().any(|t| t.0 == 10);
        let selected = doc.deleted_at.is_none() && doc.correspondent.is_some_and(|c| c.0 == 3);
        assert_eq!(
            has,
            selected || had.contains(&doc.id.0),
            "document {}",
            doc.id.0
        );
    }
    // The operation endpoints: delete with all + filters.
    let answer = post(
        &server,
        "/api/documents/delete/",
        json!({"all": true, "filters": {"correspondent__id": 3}}),
    )
    .await;
    assert_eq!(answer, (200, json!({"result": "OK"})));
    assert!(
        server
            .documents()
            .iter()
            .filter(|d| d.correspondent.is_some_and(|c| c.0 == 3))
            .all(|d| d.deleted_at.is_some())
    );
}

#[tokio::test]
async fn the_serializer_refuses_what_the_server_refuses() {
    let server = server(false).await;
    let edit = |method: &str, parameters: Value| json!({"documents": [4], "method": method, "parameters": parameters});
    refused(
        &server,
        json!({"documents": [4]}),
        json!({"method": ["This field is required."]}),
    )
    .await;
    refused(
        &server,
        json!({"documents": [4], "method": "redo_ocr"}),
        json!({"method": ["\"redo_ocr\" is not a valid choice."]}),
    )
    .await;
    refused(
        &server,
        json!({"documents": [4], "method": "reprocess", "parameters": [1]}),
        json!({"parameters": ["Expected a dictionary of items but got type \"list\"."]}),
    )
    .await;
    refused(
        &server,
        json!({"documents": "4", "method": "reprocess"}),
        json!({"documents": ["Expected a list of items but got type \"str\"."]}),
    )
    .await;
    refused(
        &server,
        json!({"documents": [4, "x"], "method": "reprocess"}),
        json!({"documents": {"1": ["A valid integer is required."]}}),
    )
    .await;
    refused(
        &server,
        json!({"documents": [4, 4], "method": "reprocess"}),
        json!({"documents": ["Some documents in documents don't exist or were specified twice."]}),
    )
    .await;
    refused(
        &server,
        json!({"method": "reprocess"}),
        non_field("documents is required unless all is true."),
    )
    .await;
    refused(
        &server,
        json!({"all": true, "method": "merge"}),
        non_field("This method does not support all=true."),
    )
    .await;
    refused(
        &server,
        edit("rotate", json!({"degrees": 90, "source_mode": "x"})),
        non_field("Invalid source_mode"),
    )
    .await;
    let cases = [
        (
            "set_correspondent",
            json!({"correspondent": 99}),
            "Correspondent does not exist",
        ),
        (
            "set_document_type",
            json!({}),
            "document_type not specified",
        ),
        (
            "set_document_type",
            json!({"document_type": 99}),
            "Document type does not exist",
        ),
        ("set_storage_path", json!({}), "storage path not specified"),
        (
            "set_storage_path",
            json!({"storage_path": 99}),
            "Storage path does not exist",
        ),
        ("remove_tag", json!({"tag": 99}), "Tag does not exist"),
        (
            "modify_tags",
            json!({"add_tags": [9]}),
            "remove_tags not specified",
        ),
        (
            "modify_tags",
            json!({"add_tags": 9, "remove_tags": []}),
            "add_tags must be a list",
        ),
        (
            "modify_tags",
            json!({"add_tags": ["a"], "remove_tags": []}),
            "add_tags must be a list of integers",
        ),
        (
            "modify_tags",
            json!({"add_tags": [], "remove_tags": [99]}),
            "Some tags in remove_tags don't exist or were specified twice.",
        ),
        (
            "modify_custom_fields",
            json!({"add_custom_fields": [99], "remove_custom_fields": []}),
            "Some custom fields in add_custom_fields don't exist or were specified twice.",
        ),
        (
            "modify_custom_fields",
            json!({"add_custom_fields": {"a": 1}, "remove_custom_fields": []}),
            "add_custom_fields must be a list of integers or a dict of id:value pairs, see the log for details",
        ),
        (
            "modify_custom_fields",
            json!({"add_custom_fields": "1", "remove_custom_fields": []}),
            "add_custom_fields must be a list of integers or a dict of id:value pairs",
        ),
        (
            "modify_custom_fields",
            json!({"add_custom_fields": []}),
            "remove_custom_fields not specified",
        ),
        (
            "set_permissions",
            json!({"set_permissions": {"view": {"users": [99]}}}),
            "Some users in don't exist or were specified twice.",
        ),
        (
            "set_permissions",
            json!({"set_permissions": {"change": {"groups": [99]}}}),
            "Some groups in don't exist or were specified twice.",
        ),
        (
            "rotate",
            json!({"degrees": 2.5}),
            "invalid rotation degrees",
        ),
        (
            "rotate",
            json!({"degrees": "x"}),
            "invalid rotation degrees",
        ),
        ("rotate", json!({}), "invalid rotation degrees"),
        ("split", json!({}), "pages not specified"),
        ("split", json!({"pages": "1,a"}), "invalid pages specified"),
        (
            "split",
            json!({"pages": "1-2", "delete_originals": "yes"}),
            "delete_originals must be a boolean",
        ),
        ("delete_pages", json!({"pages": 1}), "pages must be a list"),
        (
            "delete_pages",
            json!({"pages": ["1"]}),
            "pages must be a list of integers",
        ),
        (
            "merge",
            json!({"archive_fallback": 1}),
            "archive_fallback must be a boolean",
        ),
        ("edit_pdf", json!({}), "operations not specified"),
        (
            "edit_pdf",
            json!({"operations": {}}),
            "operations must be a list",
        ),
        (
            "edit_pdf",
            json!({"operations": [1]}),
            "invalid operation entry",
        ),
        (
            "edit_pdf",
            json!({"operations": [{"rotate": 90}]}),
            "page must be an integer",
        ),
        (
            "edit_pdf",
            json!({"operations": [{"page": 1, "doc": "a"}]}),
            "doc must be an integer",
        ),
        (
            "edit_pdf",
            json!({"operations": [{"page": 1, "doc": 1}], "update_document": true}),
            "update_document only allowed with a single output document",
        ),
        ("remove_password", json!({}), "password not specified"),
        (
            "remove_password",
            json!({"password": 1}),
            "password must be a string",
        ),
    ];
    for (method, parameters, message) in cases {
        refused(&server, edit(method, parameters), non_field(message)).await;
    }
    refused(
        &server,
        json!({"documents": [4, 5], "method": "split", "parameters": {"pages": "1"}}),
        non_field("Split method only supports one document"),
    )
    .await;
    refused(
        &server,
        json!({"documents": [4, 5], "method": "delete_pages", "parameters": {"pages": [1]}}),
        non_field("Delete pages method only supports one document"),
    )
    .await;
    // 3.x checks added custom field values as a document update does.
    refused(
        &server,
        edit("modify_custom_fields", json!({"add_custom_fields": {"9": "nope"}, "remove_custom_fields": []})),
        json!({"add_custom_fields": {"9": {"non_field_errors": [
            "Value must be an id of an element in [{'label': 'Low', 'id': 'FIR38h091B6z137V'}, {'label': 'Medium', 'id': 'hRT1c96I3BKlwRuB'}, {'label': 'High', 'id': 'EcT2sJYnA0MTiduP'}]"
        ]}}}),
    )
    .await;
    // What the server does not catch is a 500.
    for parameters in [json!({}), json!({"set_permissions": null, "owner": 99})] {
        let answer = bulk(&server, edit("set_permissions", parameters)).await;
        assert_eq!(answer.0, 500);
    }
    assert_eq!(tags(&server, 4), [1, 3, 5], "nothing changed");
}

#[tokio::test]
async fn the_operation_endpoints_validate_their_own_bodies() {
    let server = server(false).await;
    let cases = [
        (
            "rotate",
            json!({"documents": [4]}),
            json!({"degrees": ["This field is required."]}),
        ),
        (
            "rotate",
            json!({"documents": [4], "degrees": "x"}),
            json!({"degrees": ["A valid integer is required."]}),
        ),
        (
            "rotate",
            json!({"degrees": 90}),
            non_field("documents is required unless all is true."),
        ),
        (
            "rotate",
            json!({"documents": [4], "degrees": 90, "source_mode": "x"}),
            json!({"source_mode": ["Invalid source_mode"]}),
        ),
        (
            "merge",
            json!({"all": true}),
            json!({"documents": ["This field is required."]}),
        ),
        (
            "merge",
            json!({"documents": [4], "delete_originals": "no"}),
            json!({"delete_originals": ["Must be a valid boolean."]}),
        ),
        (
            "merge",
            json!({"documents": [4], "metadata_document_id": "x"}),
            json!({"metadata_document_id": ["A valid integer is required."]}),
        ),
        (
            "edit_pdf",
            json!({"documents": [4]}),
            json!({"operations": ["This field is required."]}),
        ),
        (
            "edit_pdf",
            json!({"documents": [4], "operations": {}}),
            json!({"operations": ["Expected a list of items but got type \"dict\"."]}),
        ),
        (
            "edit_pdf",
            json!({"documents": [4], "operations": [{"page": "1"}]}),
            non_field("page must be an integer"),
        ),
        (
            "remove_password",
            json!({"documents": [4]}),
            json!({"password": ["This field is required."]}),
        ),
        (
            "remove_password",
            json!({"documents": [4], "password": ""}),
            json!({"password": ["This field may not be blank."]}),
        ),
        (
            "reprocess",
            json!({"documents": [99]}),
            json!({"documents": ["Some documents in documents don't exist or were specified twice."]}),
        ),
    ];
    for (name, body, expected) in cases {
        let answer = post(&server, &format!("/api/documents/{name}/"), body.clone()).await;
        assert_eq!(answer, (400, expected), "{name} {body}");
    }
    for (name, body) in [
        ("rotate", json!({"all": true, "degrees": 90})),
        ("rotate", json!({"documents": [4], "degrees": -90})),
        ("rotate", json!({"documents": [4], "degrees": "270"})),
        (
            "merge",
            json!({"documents": [5, 4], "metadata_document_id": 4, "delete_originals": false}),
        ),
        (
            "edit_pdf",
            json!({"documents": [4], "operations": [{"page": 1, "rotate": 90}]}),
        ),
        (
            "remove_password",
            json!({"documents": [4], "password": "secret"}),
        ),
        ("reprocess", json!({"documents": [4, 5]})),
    ] {
        let answer = post(&server, &format!("/api/documents/{name}/"), body).await;
        assert_eq!(answer, (200, json!({"result": "OK"})), "{name}");
    }
    // Accepted, and nothing changed (no PDFs to work on).
    assert!(server.document(4).unwrap().deleted_at.is_none());
    assert!(server.document(5).unwrap().deleted_at.is_none());
    let get = Http::new(server.url())
        .get(server.token(), "/api/documents/rotate/")
        .await;
    assert_eq!(get.status, 405);
    assert_eq!(get.header("allow"), Some("POST, OPTIONS"));
    let get = Http::new(server.url())
        .get(server.token(), "/api/documents/bulk_edit/")
        .await;
    assert_eq!(get.status, 405);
}

#[tokio::test]
async fn paperless_2_20_reads_only_the_document_list() {
    let server = server(true).await;
    refused(
        &server,
        json!({"all": true, "method": "add_tag", "parameters": {"tag": 9}}),
        json!({"documents": ["This field is required."]}),
    )
    .await;
    refused(
        &server,
        json!({"documents": [4], "method": "remove_password", "parameters": {"password": "x"}}),
        json!({"method": ["\"remove_password\" is not a valid choice."]}),
    )
    .await;
    // No source_mode and no check of the added values on 2.x.
    ok(
        &server,
        &[4],
        "rotate",
        json!({"degrees": 90, "source_mode": "x"}),
    )
    .await;
    ok(
        &server,
        &[4],
        "modify_custom_fields",
        json!({"add_custom_fields": {"9": "nope"}, "remove_custom_fields": []}),
    )
    .await;
    ok(&server, &[4], "add_tag", json!({"tag": 9})).await;
    assert_eq!(tags(&server, 4), [1, 3, 5, 9]);
    ok(&server, &[4], "delete", json!({})).await;
    assert!(server.document(4).unwrap().deleted_at.is_some());
    // The 3.x endpoints are `documents/{id}/` there.
    let answer = post(&server, "/api/documents/delete/", json!({"documents": [5]})).await;
    assert_eq!(answer.0, 405);
    assert!(server.document(5).unwrap().deleted_at.is_none());
}

#[tokio::test]
async fn merge_consumes_a_new_document_like_the_servers_queued_task() {
    for two in [false, true] {
        let server = server(two).await;
        let before = server.document(4).unwrap();
        let tasks = server.tasks().len();
        let (path, body) = if two {
            (
                "/api/documents/bulk_edit/",
                json!({"documents": [5, 4], "method": "merge",
                       "parameters": {"metadata_document_id": 4, "delete_originals": true}}),
            )
        } else {
            (
                "/api/documents/merge/",
                json!({"documents": [5, 4], "metadata_document_id": 4, "delete_originals": true}),
            )
        };
        assert_eq!(
            post(&server, path, body).await,
            (200, json!({"result": "OK"}))
        );
        let tasks_now = server.tasks();
        assert_eq!(tasks_now.len(), tasks + 1);
        let task = tasks_now.last().unwrap();
        assert_eq!(task.input_data["filename"], "5_4_merged.pdf");
        let id = task.result_data.as_ref().unwrap().document_id.unwrap().0;
        let merged = server.document(id).unwrap();
        assert_eq!(merged.title(), format!("{} (merged)", before.title()));
        assert_eq!(merged.correspondent, before.correspondent);
        // The metadata document's tags, and the inbox tags every consumed document gets.
        assert!(before.tags.iter().all(|t| merged.tags.contains(t)));
        assert_eq!(merged.custom_fields, before.custom_fields);
        assert_eq!(merged.original_file_name.as_deref(), Some("5_4_merged.pdf"));
        let files = [server.file(5).unwrap(), server.file(4).unwrap()].concat();
        assert_eq!(
            server.file(id).unwrap().to_vec(),
            files,
            "the files in order"
        );
        for original in [4, 5] {
            assert!(server.document(original).unwrap().deleted_at.is_some());
        }
        // Without metadata the title comes from the file name; the originals stay.
        let answer = bulk(
            &server,
            json!({"documents": [2, 3], "method": "merge", "parameters": {}}),
        )
        .await;
        assert_eq!(answer.0, 200);
        let task = server.tasks().last().cloned().unwrap();
        let id = task.result_data.unwrap().document_id.unwrap().0;
        assert_eq!(server.document(id).unwrap().title(), "2_3_merged");
        assert!(server.document(2).unwrap().deleted_at.is_none());
    }
}
