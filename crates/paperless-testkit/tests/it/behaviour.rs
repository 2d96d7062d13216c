//! Behaviour beyond single captures: state across requests, uploads of binary files, pagination
//! of generated documents through the paperless client, filters, search, auth, shutdown.

use bytes::Bytes;
use futures_util::TryStreamExt;
use paperless_client::transport::{Auth, BaseUrl, TransportBuilder};
use paperless_client::{Paperless, Resource};
use paperless_testkit::TestServer;
use paperless_types::document::Document;
use paperless_types::tag::Tag;
use paperless_types::{DocumentId, TagId};
use serde_json::{Value, json};

use crate::support::{Http, demo, multipart};

enum Documents {}

impl Resource for Documents {
    type Id = DocumentId;
    type Item = Document;
    const NAME: &'static str = "documents";
    const PATH: &'static str = "/api/documents/";
    fn id_of(doc: &Document) -> DocumentId {
        doc.id
    }
}

fn client(server: &TestServer) -> Paperless {
    let base = BaseUrl::parse(server.url()).unwrap();
    let transport = TransportBuilder::new(base.clone())
        .auth(Auth::token(server.token()))
        .build()
        .unwrap();
    // API version 10 pinned: no negotiation probe among the requests counted.
    paperless_client::PaperlessBuilder::from_service(transport, base)
        .api_version(paperless_client::ApiVersion::V10)
        .build()
        .unwrap()
}

#[tokio::test]
async fn generated_documents_page_through_the_client_in_order() {
    let server = TestServer::builder()
        .seed_documents(257)
        .start()
        .await
        .unwrap();
    let docs = client(&server).endpoint::<Documents>();
    let all: Vec<Document> = docs
        .list()
        .page_size(25)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 257);
    // Default order: newest `created` first, then the higher id.
    let keys: Vec<_> = all.iter().map(|d| (d.created, d.id)).collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys, sorted);
    let first = &all[0];
    assert_eq!(first.title(), "Invoice 00001");
    assert!(
        first
            .content
            .as_deref()
            .unwrap()
            .contains("Reference number: INVOICE-000001")
    );
    assert_eq!(first.versions.len(), 1);
    assert_eq!(docs.count().await.unwrap(), 257);
    // 11 pages of 25, fetched once each (plus count's request).
    assert_eq!(server.request_count(), 12);
}

#[tokio::test]
async fn uploads_keep_binary_files_and_read_text_files() {
    let server = demo().await;
    let http = Http::new(server.url());
    let auth = [("authorization", format!("Token {}", server.token()))];
    let png: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR binary \x00\xff bytes";
    let (content_type, body) = multipart(
        &[
            ("title", "Scanned receipt"),
            ("tags", "6"),
            ("correspondent", "8"),
        ],
        Some(("receipt.png", "image/png", png)),
    );
    let answer = http
        .send(
            "POST",
            "/api/documents/post_document/",
            &auth,
            Some((&content_type, body)),
        )
        .await;
    assert_eq!(answer.status, 200);
    let uuid = answer.json().as_str().unwrap().to_owned();
    let task = http
        .get(server.token(), &format!("/api/tasks/?task_id={uuid}"))
        .await
        .json();
    assert_eq!(task["count"], 1);
    let id = task["results"][0]["result_data"]["document_id"]
        .as_u64()
        .unwrap();
    let doc = http
        .get(server.token(), &format!("/api/documents/{id}/"))
        .await
        .json();
    assert_eq!(doc["title"], "Scanned receipt");
    assert_eq!(doc["content"], "");
    assert_eq!(doc["mime_type"], "image/png");
    assert_eq!(doc["correspondent"], 8);
    // The form's tag plus the inbox tags (1 and 2), as the consumer adds them.
    assert_eq!(doc["tags"], json!([6, 1, 2]));
    let download = http
        .get(server.token(), &format!("/api/documents/{id}/download/"))
        .await;
    assert_eq!(download.body, Bytes::from_static(png));
    assert_eq!(download.header("content-type"), Some("image/png"));
    let today = doc["created"].as_str().unwrap();
    assert_eq!(
        download.header("content-disposition").unwrap(),
        format!(
            "attachment; filename=\"{today} Globex Electronics Scanned receipt.png\"; filename*=utf-8''{today}%20Globex%20Electronics%20Scanned%20receipt.png"
        )
    );

    // A text file becomes the content; uploading it twice lists the duplicate.
    let text = b"Water bill Q2 2025\nTotal EUR 61.20\n";
    for _ in 0..2 {
        let (ct, body) = multipart(&[], Some(("water_q2.txt", "text/plain", text)));
        let answer = http
            .send(
                "POST",
                "/api/documents/post_document/",
                &auth,
                Some((&ct, body)),
            )
            .await;
        assert_eq!(answer.status, 200);
    }
    let found = http
        .get(
            server.token(),
            "/api/documents/?title__iexact=water_q2&fields=id,content",
        )
        .await
        .json();
    assert_eq!(found["count"], 2);
    assert_eq!(
        found["results"][0]["content"],
        "Water bill Q2 2025\nTotal EUR 61.20\n"
    );
    let newest = found["results"][0]["id"].as_u64().unwrap();
    let dup = http
        .get(server.token(), &format!("/api/documents/{newest}/"))
        .await
        .json();
    assert_eq!(dup["duplicate_documents"].as_array().unwrap().len(), 1);
    assert_eq!(server.tasks().len(), 3);
}

#[tokio::test]
async fn filters_ordering_and_fields_combine() {
    let server = demo().await;
    let http = Http::new(server.url());
    let page = http
        .get(
            server.token(),
            "/api/documents/?correspondent__id__in=3,7&tags__id__all=3&ordering=title&fields=id,title,correspondent",
        )
        .await
        .json();
    let titles: Vec<&str> = page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["title"].as_str().unwrap())
        .collect();
    let mut sorted = titles.clone();
    sorted.sort_by_key(|t| t.to_lowercase());
    assert_eq!(titles, sorted);
    assert!(!titles.is_empty());
    for doc in page["results"].as_array().unwrap() {
        assert_eq!(doc.as_object().unwrap().len(), 3);
        assert!(matches!(doc["correspondent"].as_u64(), Some(3 | 7)));
    }
    // Unknown parameters are ignored, as the real server ignores them.
    let all = http
        .get(server.token(), "/api/tags/?colour__icontains=x")
        .await
        .json();
    assert_eq!(all["count"], 10);
    let names = http
        .get(
            server.token(),
            "/api/correspondents/?name__istartswith=t&fields=name",
        )
        .await
        .json();
    assert_eq!(names["results"], json!([{"name": "Telekom Mobile"}]));
}

#[tokio::test]
async fn full_text_search_ranks_and_highlights() {
    let server = demo().await;
    let http = Http::new(server.url());
    let page = http
        .get(
            server.token(),
            "/api/documents/?query=warranty&fields=id,title,__search_hit__",
        )
        .await
        .json();
    assert_eq!(page["corrected_query"], Value::Null);
    let results = page["results"].as_array().unwrap();
    assert!(!results.is_empty());
    assert_eq!(results[0]["id"], 31);
    assert_eq!(results[0]["__search_hit__"]["rank"], 1);
    assert!(
        results[0]["__search_hit__"]["highlights"]
            .as_str()
            .unwrap()
            .contains("<b>warranty</b>")
    );
    let like = http
        .get(server.token(), "/api/documents/?more_like_id=5&fields=id")
        .await
        .json();
    let ids: Vec<u64> = like["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect();
    assert!(ids.contains(&4) && !ids.contains(&5), "{ids:?}");
}

#[tokio::test]
async fn writes_are_validated_and_kept() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token();
    let bad = http
        .json(
            token,
            "PATCH",
            "/api/documents/5/",
            &json!({"correspondent": 999, "tags": [1, 77]}),
        )
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.json(),
        json!({
            "correspondent": ["Invalid pk \"999\" - object does not exist."],
            "tags": ["Invalid pk \"77\" - object does not exist."]
        })
    );
    let ok = http
        .json(
            token,
            "PATCH",
            "/api/documents/5/",
            &json!({"title": "Renamed", "remove_inbox_tags": true}),
        )
        .await;
    assert_eq!(ok.status, 200);
    let doc = server.document(5).unwrap();
    assert_eq!(doc.title(), "Renamed");
    assert_eq!(doc.tags, [TagId(3), TagId(5)]);

    // A full update must name the three nullable relations, as the server's serializer requires.
    let put = http
        .json(token, "PUT", "/api/documents/5/", &json!({"title": "Put"}))
        .await;
    assert_eq!(put.status, 400);
    assert_eq!(
        put.json(),
        json!({
            "correspondent": ["This field is required."],
            "document_type": ["This field is required."],
            "storage_path": ["This field is required."]
        })
    );
    assert_eq!(server.document(5).unwrap().title(), "Renamed");
    let put = http
        .json(
            token,
            "PUT",
            "/api/documents/5/",
            &json!({"title": "Put", "correspondent": null, "document_type": null, "storage_path": null}),
        )
        .await;
    assert_eq!(put.status, 200);
    assert_eq!(server.document(5).unwrap().correspondent, None);

    // Deleting a tag removes it from its documents; its children become roots.
    assert_eq!(
        http.send(
            "DELETE",
            "/api/tags/3/",
            &[("authorization", format!("Token {token}"))],
            None
        )
        .await
        .status,
        204
    );
    assert_eq!(server.document(5).unwrap().tags, [TagId(5)]);
    let paid: Tag = serde_json::from_slice(&http.get(token, "/api/tags/5/").await.body).unwrap();
    assert_eq!(paid.parent, None);
}

/// A `PUT` of the matching objects and custom fields is DRF's `ModelSerializer.update`: the
/// required fields must be sent, every field it leaves out keeps its stored value, but `owner`
/// (of the `(name, owner)` unique constraint, which DRF gives its default) is cleared.
#[tokio::test]
async fn put_keeps_the_fields_it_leaves_out() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token();
    let created = http
        .json(
            token,
            "POST",
            "/api/tags/",
            &json!({"name": "Kept", "color": "#123456", "match": "kept words",
                    "matching_algorithm": 3, "is_insensitive": false, "is_inbox_tag": true,
                    "parent": 1}),
        )
        .await;
    assert_eq!(created.status, 201);
    let id = created.json()["id"].as_u64().unwrap();
    let path = format!("/api/tags/{id}/");

    // The required fields are still required.
    let bad = http
        .json(token, "PUT", &path, &json!({"color": "#000000"}))
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.json(), json!({"name": ["This field is required."]}));

    let put = http
        .json(token, "PUT", &path, &json!({"name": "Kept put"}))
        .await;
    assert_eq!(put.status, 200);
    let tag = put.json();
    assert_eq!(tag["name"], "Kept put");
    assert_eq!(tag["slug"], "kept-put");
    assert_eq!(tag["color"], "#123456");
    assert_eq!(tag["text_color"], "#ffffff");
    assert_eq!(tag["match"], "kept words");
    assert_eq!(tag["matching_algorithm"], 3);
    assert_eq!(tag["is_insensitive"], false);
    assert_eq!(tag["is_inbox_tag"], true);
    assert_eq!(tag["parent"], 1);
    assert_eq!(tag["owner"], Value::Null);
    assert_eq!(http.get(token, &path).await.json()["color"], "#123456");

    // Storage paths and custom fields alike.
    let created = http
        .json(
            token,
            "POST",
            "/api/storage_paths/",
            &json!({"name": "Kept path", "path": "{{ title }}", "match": "kept",
                    "matching_algorithm": 1}),
        )
        .await;
    let id = created.json()["id"].as_u64().unwrap();
    let put = http
        .json(
            token,
            "PUT",
            &format!("/api/storage_paths/{id}/"),
            &json!({"name": "Kept path put", "path": "kept/{{ title }}"}),
        )
        .await;
    assert_eq!(put.status, 200);
    assert_eq!(put.json()["match"], "kept");
    let created = http
        .json(
            token,
            "POST",
            "/api/custom_fields/",
            &json!({"name": "Kept money", "data_type": "monetary",
                    "extra_data": {"default_currency": "EUR"}}),
        )
        .await;
    let id = created.json()["id"].as_u64().unwrap();
    let put = http
        .json(
            token,
            "PUT",
            &format!("/api/custom_fields/{id}/"),
            &json!({"name": "Kept money put", "data_type": "monetary"}),
        )
        .await;
    assert_eq!(put.status, 200);
    assert_eq!(put.json()["extra_data"], json!({"default_currency": "EUR"}));
}

#[tokio::test]
async fn basic_auth_tokens_and_users() {
    let server = TestServer::builder()
        .user("bob", "secret")
        .start()
        .await
        .unwrap();
    let http = Http::new(server.url());
    let basic = |credentials: &str| {
        let encoded = match credentials {
            "bob:secret" => "Ym9iOnNlY3JldA==",
            _ => "Ym9iOndyb25n",
        };
        [("authorization", format!("Basic {encoded}"))]
    };
    assert_eq!(
        http.send("GET", "/api/tags/", &basic("bob:secret"), None)
            .await
            .status,
        200
    );
    let wrong = http
        .send("GET", "/api/tags/", &basic("bob:wrong"), None)
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(
        wrong.json(),
        json!({"detail": "Invalid username/password."})
    );
    let bob = server.token_for("bob").unwrap();
    assert_eq!(bob.len(), 40);
    assert_ne!(bob, server.token());
    assert_eq!(http.get(&bob, "/api/documents/").await.status, 200);
    let token = http
        .json(
            "unused",
            "POST",
            "/api/token/",
            &json!({"username": "bob", "password": "secret"}),
        )
        .await;
    assert_eq!(token.json(), json!({"token": bob}));
}

#[tokio::test]
async fn basic_auth_decodes_credentials_as_django_rest_framework_does() {
    let server = TestServer::builder()
        .user("jürgen", "pässwörd €")
        .user("bob", "secret")
        .start()
        .await
        .unwrap();
    let http = Http::new(server.url());
    let status_and_detail = |encoded: &'static str| {
        let http = &http;
        async move {
            let answer = http
                .send(
                    "GET",
                    "/api/tags/",
                    &[("authorization", format!("Basic {encoded}"))],
                    None,
                )
                .await;
            let detail = (answer.status != 200).then(|| {
                answer.json()["detail"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            });
            (answer.status, detail)
        }
    };
    // UTF-8 credentials: base64.b64encode("jürgen:pässwörd €".encode()).
    assert_eq!(
        status_and_detail("asO8cmdlbjpww6Rzc3fDtnJkIOKCrA==").await,
        (200, None)
    );
    // Bytes that are not UTF-8 are read as Latin-1 ("jürgen:pässwörd" in Latin-1 is a wrong
    // password here, not a decoding error).
    let wrong = Some("Invalid username/password.".to_owned());
    assert_eq!(
        status_and_detail("avxyZ2VuOnDkc3N39nJk").await,
        (401, wrong)
    );
    // Python's b64decode insists on the padding.
    let not_base64 =
        Some("Invalid basic header. Credentials not correctly base64 encoded.".to_owned());
    assert_eq!(status_and_detail("Ym9iOnNlY3JldA==").await, (200, None));
    assert_eq!(
        status_and_detail("Ym9iOnNlY3JldA").await,
        (401, not_base64.clone())
    );
    assert_eq!(
        status_and_detail("bob:secret").await,
        (401, not_base64.clone())
    );
    // No `:` in the decoded text ("bob").
    assert_eq!(status_and_detail("Ym9i").await, (401, not_base64));
    assert_eq!(
        status_and_detail("").await,
        (
            401,
            Some("Invalid basic header. No credentials provided.".to_owned())
        )
    );
    assert_eq!(
        status_and_detail("Ym9i OnNlY3JldA==").await,
        (
            401,
            Some("Invalid basic header. Credentials string should not contain spaces.".to_owned())
        )
    );
}

#[tokio::test]
async fn trash_empties_everything_and_shutdown_closes_the_port() {
    let server = demo().await;
    let http = Http::new(server.url());
    let token = server.token().to_owned();
    for id in [4, 6] {
        let answer = http
            .send(
                "DELETE",
                &format!("/api/documents/{id}/"),
                &[("authorization", format!("Token {token}"))],
                None,
            )
            .await;
        assert_eq!(answer.status, 204);
    }
    let trash = http.get(&token, "/api/trash/?fields=id").await.json();
    assert_eq!(trash["count"], 3);
    let emptied = http
        .json(&token, "POST", "/api/trash/", &json!({"action": "empty"}))
        .await;
    let mut ids: Vec<u64> = emptied.json()["doc_ids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    ids.sort_unstable();
    assert_eq!(ids, [1, 4, 6]);
    assert_eq!(server.documents().len(), 33);
    assert_eq!(
        http.get(&token, "/api/documents/next_asn/").await.json(),
        json!(107)
    );

    let addr = server.addr();
    server.shutdown().await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn the_request_log_keeps_what_was_sent_and_answered() {
    use paperless_testkit::{Fault, Route};

    let server = demo().await;
    let http = Http::new(server.url());
    server.inject(Route::get("/api/tags/"), Fault::status(503));
    assert_eq!(
        http.get(server.token(), "/api/tags/?page_size=2")
            .await
            .status,
        503
    );
    assert_eq!(
        http.get(server.token(), "/api/tags/?page_size=2")
            .await
            .status,
        200
    );
    let patched = http
        .json(
            server.token(),
            "PATCH",
            "/api/documents/10/",
            &json!({"title": "Water"}),
        )
        .await;
    assert_eq!(patched.status, 200);

    let log = server.take_requests();
    let lines: Vec<(String, u16)> = log.iter().map(|r| (r.to_string(), r.status)).collect();
    assert_eq!(
        lines,
        [
            ("GET /api/tags/?page_size=2".to_owned(), 503),
            ("GET /api/tags/?page_size=2".to_owned(), 200),
            ("PATCH /api/documents/10/".to_owned(), 200),
        ]
    );
    assert_eq!(
        log[0].query_pairs(),
        [("page_size".to_owned(), "2".to_owned())]
    );
    assert_eq!(log[2].json(), Some(json!({"title": "Water"})));
    assert!(log[0].body.is_empty());
    // Taken: the log starts again, the count goes on.
    assert!(server.take_requests().is_empty());
    assert_eq!(server.request_count(), 3);
    http.get(server.token(), "/api/ui_settings/").await;
    assert_eq!(server.requests().len(), 1);
    assert_eq!(server.requests().len(), 1, "requests() does not drain");
}

#[tokio::test]
async fn server_info_probe_and_suggestions_through_the_client() {
    let server = demo().await;
    let client = client(&server);
    let info = client.server_info().await.unwrap();
    assert_eq!((info.version.as_str(), info.api_version), ("3.0.5", 10));
    let suggestions = client.documents().suggestions(23).await.unwrap();
    // "Tax assessment 2023 / From: Internal Revenue Service / Date: 2025-01-05"
    assert_eq!(
        suggestions.correspondents,
        [paperless_types::CorrespondentId(6)]
    );
    // "Tax Document" matches the regular expression `tax (return|assessment)`.
    assert_eq!(
        suggestions.document_types,
        [paperless_types::DocumentTypeId(6)]
    );
    assert_eq!(
        suggestions.storage_paths,
        [paperless_types::StoragePathId(2)]
    );
    assert_eq!(
        suggestions.dates,
        [chrono::NaiveDate::from_ymd_opt(2025, 1, 5).unwrap()]
    );
    let metadata = client.documents().metadata(23).await.unwrap();
    assert_eq!(
        metadata.original_filename.as_deref(),
        Some("tax_assessment_2023.txt")
    );
    assert_eq!(metadata.media_filename.as_deref(), Some("0000023.txt"));
    assert_eq!(
        metadata.original_size,
        Some(server.file(23).unwrap().len() as u64)
    );
    let missing = client.documents().metadata(999).await.unwrap_err();
    assert!(missing.is_not_found());
}
