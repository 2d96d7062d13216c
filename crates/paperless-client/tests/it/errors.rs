//! Error mapping over real sockets, with the `Display` of each kind snapshotted.

use std::time::Duration;

use futures_util::StreamExt;
use insta::assert_snapshot;
use paperless_client::transport::{BaseUrl, boxed};
use paperless_client::{Error, Paperless};
use tokio::io::AsyncReadExt;

use paperless_client::api::{MailAccounts, Workflows};
use paperless_client::types::mail_account::NewMailAccount;
use paperless_client::types::workflow::NewWorkflow;
use paperless_client::types::workflow_action::{NewWorkflowAction, WorkflowActionType};
use paperless_client::types::workflow_trigger::{NewWorkflowTrigger, WorkflowTriggerType};

use crate::api_fixtures::fixture_body;
use crate::support::{Documents, NewTag, Tags, client, http, page_json, tag_json};

#[tokio::test]
async fn not_found_names_method_path_status_and_detail_but_not_the_query() {
    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("GET", "/api/documents/42/?fields=id%2Ctitle")
        .with_status(404)
        .with_header("content-type", "application/json")
        .with_header("x-api-version", "10")
        .with_header("x-version", "3.0.5")
        .with_body(r#"{"detail": "No Document matches the given query."}"#)
        .create_async()
        .await;
    let docs = client(&server.url()).endpoint::<Documents>();

    let err = docs.get(42).fields(["id", "title"]).await.unwrap_err();

    assert!(err.is_not_found());
    assert!(!err.is_unauthorized() && !err.is_forbidden() && !err.is_timeout());
    let api = err.as_api().unwrap();
    assert_eq!(api.method(), http::Method::GET);
    assert_eq!(api.path(), "/api/documents/42/");
    assert_eq!(api.operation().to_string(), "documents.get");
    assert_eq!(api.detail(), Some("No Document matches the given query."));
    assert_eq!(api.server_api_version(), Some(10));
    assert_eq!(api.server_version(), Some("3.0.5"));
    assert!(std::error::Error::source(&err).is_none());
    assert_snapshot!("not_found", err);
}

#[tokio::test]
async fn bad_request_lists_the_field_errors() {
    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("POST", "/api/tags/")
        .with_status(400)
        .with_header("content-type", "application/json")
        .with_body(r#"{"name": ["This field is required."], "matching_algorithm": ["\"42\" is not a valid choice."]}"#)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags
        .create(&NewTag {
            name: String::new(),
            color: "#000000".to_owned(),
            owner: None,
            set_permissions: None,
        })
        .await
        .unwrap_err();

    let api = err.as_api().unwrap();
    let fields: Vec<(&str, &str)> = api
        .field_errors()
        .iter()
        .map(|e| (e.field.as_str(), e.message.as_str()))
        .collect();
    // In the order the server sent them, not sorted.
    assert_eq!(
        fields,
        [
            ("name", "This field is required."),
            ("matching_algorithm", "\"42\" is not a valid choice."),
        ]
    );
    assert_eq!(api.detail(), None);
    assert_snapshot!("bad_request_fields", err);
}

/// Real 400s of Paperless-ngx 3.0.5 whose keys come in the serializer's field order, which is
/// not alphabetical: the message keeps it (`triggers` before `actions`, `username` before
/// `password`).
#[tokio::test]
async fn captured_field_errors_keep_the_servers_order() {
    let mut server = mockito::Server::new_async().await;
    let workflows = fixture_body("workflows.create.invalid_400");
    assert!(workflows.find("triggers") < workflows.find("actions"));
    let _w = server
        .mock("POST", "/api/workflows/")
        .with_status(400)
        .with_header("content-type", "application/json")
        .with_body(&workflows)
        .create_async()
        .await;
    let _m = server
        .mock("POST", "/api/mail_accounts/")
        .with_status(400)
        .with_header("content-type", "application/json")
        .with_body(fixture_body("mail_accounts.create.invalid_400"))
        .create_async()
        .await;
    let client = client(&server.url());

    let err = client
        .endpoint::<Workflows>()
        .create(&NewWorkflow::new(
            "ZZ bad",
            [NewWorkflowTrigger::new(WorkflowTriggerType::Consumption)],
            [NewWorkflowAction::new(WorkflowActionType::Assignment)],
        ))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "POST /api/workflows/ returned 400 Bad Request: triggers: This field is required. \
         actions: This field is required."
    );

    let err = client
        .endpoint::<MailAccounts>()
        .create(&NewMailAccount::new("ZZ bad", "", "", "x"))
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "POST /api/mail_accounts/ returned 400 Bad Request: imap_server: This field is \
         required. username: This field is required. password: This field is required."
    );
}

#[tokio::test]
async fn paperless_error_key_and_non_field_errors_read_as_messages() {
    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("POST", "/api/tags/")
        .with_status(400)
        .with_header("content-type", "application/json")
        .with_body(r#"{"error": "Object violates owner / name unique constraint"}"#)
        .create_async()
        .await;
    let _n = server
        .mock("PATCH", "/api/tags/7/")
        .with_status(400)
        .with_header("content-type", "application/json")
        .with_body(r#"{"non_field_errors": ["Invalid field: nope"]}"#)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let duplicate = tags
        .create(&NewTag {
            name: "Finance".to_owned(),
            color: "#000000".to_owned(),
            owner: None,
            set_permissions: None,
        })
        .await
        .unwrap_err();
    let invalid = tags
        .update(7, &crate::support::TagPatch::default())
        .await
        .unwrap_err();

    assert_snapshot!("duplicate_error_key", duplicate);
    assert_snapshot!("non_field_errors", invalid);
}

/// nginx's page when Paperless-ngx behind it is down, padded past the 64 KiB read limit.
fn nginx_502() -> String {
    let mut page = String::from(
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.27.0</center>\r\n",
    );
    for _ in 0..2000 {
        page.push_str("<!-- a padding comment to make the page longer than the limit -->\r\n");
    }
    page.push_str("</body>\r\n</html>\r\n");
    page
}

#[tokio::test]
async fn an_html_page_from_a_proxy_keeps_a_truncated_raw_body() {
    let mut server = mockito::Server::new_async().await;
    let page = nginx_502();
    assert!(page.len() > 64 * 1024);
    let _m = server
        .mock("GET", "/api/tags/")
        .with_status(502)
        .with_header("content-type", "text/html")
        .with_body(page.clone())
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags.list().send().await.unwrap_err();

    let api = err.as_api().unwrap();
    assert!(api.is_html());
    assert!(api.is_body_truncated());
    assert_eq!(api.body().len(), 4096);
    assert!(page.starts_with(api.body()));
    assert_eq!(api.detail(), Some("502 Bad Gateway"));
    assert_snapshot!("html_502", err);
}

#[tokio::test]
async fn not_acceptable_explains_api_versions_and_the_accept_header() {
    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("GET", "/api/tags/?page_size=1&fields=id")
        .with_status(406)
        .with_header("content-type", "application/json")
        .with_body(r#"{"detail": "Invalid version in \"Accept\" header."}"#)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags.count().await.unwrap_err();

    assert_eq!(err.status(), Some(http::StatusCode::NOT_ACCEPTABLE));
    assert_snapshot!("not_acceptable", err);
}

#[tokio::test]
async fn unauthorized_says_to_check_the_token() {
    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("GET", "/api/tags/7/")
        .with_status(401)
        .with_header("content-type", "application/json")
        .with_header("www-authenticate", "Token")
        .with_body(r#"{"detail": "Invalid token."}"#)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags.get(7).await.unwrap_err();

    assert!(err.is_unauthorized());
    assert_snapshot!("unauthorized", err);
}

#[tokio::test]
async fn plain_text_errors_become_the_detail() {
    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("GET", "/api/tags/7/")
        .with_status(403)
        .with_header("content-type", "text/html; charset=utf-8")
        .with_body("Insufficient permissions")
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags.get(7).await.unwrap_err();

    assert!(err.is_forbidden());
    assert!(!err.as_api().unwrap().is_html());
    assert_snapshot!("plain_text_forbidden", err);
}

#[tokio::test]
async fn malformed_json_on_200_names_the_operation_and_json_path() {
    let mut server = mockito::Server::new_async().await;
    let mut bad = tag_json(8, "Tag 8");
    bad["name"] = serde_json::json!(5);
    let _m = server
        .mock("GET", "/api/tags/")
        .with_header("content-type", "application/json")
        .with_body(page_json(2, None, None, vec![tag_json(7, "Tag 7"), bad]))
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags.list().send().await.unwrap_err();

    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.json_path(), Some("results[1].name"));
    assert_eq!(decode.operation().to_string(), "tags.list");
    assert!(!decode.is_not_json());
    assert!(decode.body().starts_with(r#"{"count":2"#));
    assert_snapshot!("decode_mismatch", err);
}

#[tokio::test]
async fn a_json_body_over_max_json_body_is_refused_not_buffered() {
    let mut server = mockito::Server::new_async().await;
    let body = page_json(
        3,
        None,
        None,
        vec![tag_json(1, "A"), tag_json(2, "B"), tag_json(3, "C")],
    );
    let body = body.to_string();
    let size = body.len();
    let _m = server
        .mock("GET", "/api/tags/")
        .with_header("content-type", "application/json")
        .with_body(&body)
        .expect(2)
        .create_async()
        .await;

    // Exactly the limit is read and decoded.
    let fits = crate::support::builder(&server.url())
        .max_json_body(size)
        .build()
        .unwrap();
    assert_eq!(
        fits.endpoint::<Tags>().list().send().await.unwrap().count,
        3
    );

    // One byte less, and the call ends with an error that says what to change.
    let small = crate::support::builder(&server.url())
        .max_json_body(size - 1)
        .build()
        .unwrap();
    let err = small.endpoint::<Tags>().list().send().await.unwrap_err();
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.json_path(), None);
    assert_eq!(
        err.to_string(),
        format!(
            "tags.list: the 200 OK response to GET /api/tags/ is longer than {} bytes, the most \
             this client reads as JSON. Raise PaperlessBuilder::max_json_body, or ask for smaller \
             pages (page_size) or fewer fields (fields)",
            size - 1
        )
    );
    let zero = crate::support::builder(&server.url())
        .max_json_body(0)
        .build();
    assert!(matches!(zero, Err(Error::Invalid(_))), "{zero:?}");
}

#[tokio::test]
async fn truncated_json_on_200_is_a_decode_error() {
    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("GET", "/api/tags/7/")
        .with_header("content-type", "application/json")
        .with_body(r#"{"id": 7, "name": "Fin"#)
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags.get(7).await.unwrap_err();

    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.json_path(), Some("name"));
    assert_snapshot!("decode_truncated", err);
}

#[tokio::test]
async fn an_html_login_page_on_200_is_not_json() {
    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("GET", "/api/tags/7/")
        .with_header("content-type", "text/html; charset=utf-8")
        .with_body("<!DOCTYPE html><html><head><title>Sign in</title></head><body><form>...</form></body></html>")
        .create_async()
        .await;
    let tags = client(&server.url()).endpoint::<Tags>();

    let err = tags.get(7).await.unwrap_err();

    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert!(decode.is_not_json());
    assert_eq!(decode.json_path(), None);
    assert_snapshot!("decode_not_json", err);
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error_with_its_cause() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            // Read the request, then hang up without answering.
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf).await;
            drop(stream);
        }
    });
    let tags = client(&format!("http://{addr}")).endpoint::<Tags>();

    let err = tags.get(7).await.unwrap_err();

    let Error::Transport(transport) = &err else {
        panic!("expected a transport error, got {err:?}")
    };
    assert_eq!(transport.path(), "/api/tags/7/");
    assert!(!err.is_timeout());
    assert_eq!(err.status(), None);
    assert!(std::error::Error::source(&err).is_some());
    assert_snapshot!("transport_dropped", err);
}

#[tokio::test]
async fn a_timeout_layer_makes_is_timeout_true() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream); // Accept, never answer.
        }
    });
    let service = boxed(
        tower::ServiceBuilder::new()
            .timeout(Duration::from_millis(100))
            .service(http()),
    );
    let client =
        Paperless::from_service(service, BaseUrl::parse(&format!("http://{addr}")).unwrap());

    let err = client.endpoint::<Tags>().get(7).await.unwrap_err();

    assert!(err.is_timeout(), "{err:?}");
    assert_snapshot!("transport_timeout", err);
}

#[tokio::test]
async fn pagination_and_invalid_input_errors_read_well() {
    let mut server = mockito::Server::new_async().await;
    let _m = server
        .mock("GET", "/api/documents/?query=secret+words")
        .with_header("content-type", "application/json")
        .with_body(page_json(
            2,
            Some("http://h/api/documents/?query=secret+words"),
            None,
            vec![serde_json::json!({"id": 1})],
        ))
        .create_async()
        .await;
    let c = client(&server.url());
    let docs = c.endpoint::<Documents>();

    let mut items = docs.list().param("query", "secret words").stream();
    assert!(items.next().await.unwrap().is_ok());
    let looped = items.next().await.unwrap().unwrap_err();
    let invalid = docs
        .list()
        .id_in(Vec::<u64>::new())
        .send()
        .await
        .unwrap_err();

    assert!(!looped.to_string().contains("secret"));
    assert_snapshot!("pagination_repeated", looped);
    assert_snapshot!("invalid_empty_id_in", invalid);
}

#[tokio::test]
async fn invalid_builder_options_are_refused() {
    let err = crate::support::builder("http://127.0.0.1:1")
        .page_concurrency(0)
        .build()
        .unwrap_err();
    assert_snapshot!("invalid_concurrency", err);
}
