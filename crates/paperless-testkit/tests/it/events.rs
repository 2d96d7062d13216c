//! The headless browser login and `/ws/status/`, over real sockets with a plain hyper client and
//! tokio-tungstenite's client (no paperless-rs client code).

use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use paperless_testkit::TestServer;
use paperless_types::DocumentId;
use paperless_types::event::{DocumentsDeleted, ProgressStatus, StatusEvent};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use crate::support::{Http, capture_ws, multipart};

const CONFIG: &str = "/api/auth/headless/browser/v1/config";
const LOGIN: &str = "/api/auth/headless/browser/v1/auth/login";

/// `name=value` of each `Set-Cookie`.
fn cookies(answer: &crate::support::Answer) -> Vec<(String, String)> {
    answer
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

fn cookie(answer: &crate::support::Answer, name: &str) -> Option<String> {
    cookies(answer)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

async fn login(http: &Http, username: &str, password: &str) -> crate::support::Answer {
    let config = http.send("GET", CONFIG, &[], None).await;
    let csrf = cookie(&config, "csrftoken").expect("csrftoken");
    let body = json!({"username": username, "password": password}).to_string();
    http.send(
        "POST",
        LOGIN,
        &[
            ("cookie", format!("csrftoken={csrf}")),
            ("x-csrftoken", csrf.clone()),
        ],
        Some(("application/json", Bytes::from(body))),
    )
    .await
}

#[tokio::test]
async fn browser_login_answers_as_the_captures() {
    let server = TestServer::start().await.unwrap();
    let http = Http::new(server.url());

    let config = http.send("GET", CONFIG, &[], None).await;
    assert_eq!(config.status, 200);
    let captured = capture_ws("headless.browser.config");
    assert_eq!(config.json(), captured["body"]);

    let good = login(&http, "admin", "admin").await;
    assert_eq!(good.status, 200);
    assert!(cookie(&good, "sessionid").is_some());
    let set = good.headers.get_all("set-cookie").iter().count();
    assert_eq!(set, 2, "a rotated csrftoken and the session");
    let body = good.json();
    assert_eq!(body["data"]["user"]["username"], "admin");
    assert_eq!(body["meta"]["is_authenticated"], true);

    let bad = login(&http, "admin", "wrong").await;
    assert_eq!(bad.status, 400);
    assert_eq!(
        bad.json(),
        capture_ws("headless.browser.login_bad_password")["body"]
    );
    assert!(cookie(&bad, "sessionid").is_none());

    let body = json!({"username": "admin", "password": "admin"}).to_string();
    let no_csrf = http
        .send(
            "POST",
            LOGIN,
            &[],
            Some(("application/json", Bytes::from(body))),
        )
        .await;
    assert_eq!(no_csrf.status, 403);
    assert!(String::from_utf8_lossy(&no_csrf.body).contains("CSRF verification failed"));
}

#[tokio::test]
async fn headless_api_off_and_mfa() {
    let off = TestServer::builder()
        .headless_api(false)
        .start()
        .await
        .unwrap();
    let http = Http::new(off.url());
    assert_eq!(http.send("GET", CONFIG, &[], None).await.status, 404);

    let server = TestServer::builder()
        .mfa_code("admin", "123456")
        .start()
        .await
        .unwrap();
    let http = Http::new(server.url());
    let pending = login(&http, "admin", "admin").await;
    assert_eq!(pending.status, 401);
    let flows: Value = pending.json();
    assert_eq!(flows["data"]["flows"][1]["id"], "mfa_authenticate");
    assert_eq!(flows["data"]["flows"][1]["is_pending"], true);
    let session = cookie(&pending, "sessionid").unwrap();
    // A pending session does not open the socket.
    assert_eq!(upgrade_status(&server, Some(&session)).await, 403);
}

async fn upgrade_status(server: &TestServer, session: Option<&str>) -> u16 {
    match connect(server, session).await {
        Ok(_) => 101,
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => response.status().as_u16(),
        Err(e) => panic!("{e}"),
    }
}

type Socket = tokio_tungstenite::WebSocketStream<tokio::net::TcpStream>;

async fn connect(
    server: &TestServer,
    session: Option<&str>,
) -> Result<Socket, tokio_tungstenite::tungstenite::Error> {
    let mut request = format!("ws://{}/ws/status/", server.addr())
        .into_client_request()
        .unwrap();
    if let Some(s) = session {
        request
            .headers_mut()
            .insert("cookie", format!("sessionid={s}").parse().unwrap());
    }
    let tcp = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    tokio_tungstenite::client_async(request, tcp)
        .await
        .map(|(ws, _)| ws)
}

#[tokio::test]
async fn the_socket_needs_a_session_and_pushes_the_frames_of_an_upload_in_order() {
    let server = TestServer::start().await.unwrap();
    let http = Http::new(server.url());
    assert_eq!(upgrade_status(&server, None).await, 403);
    assert_eq!(upgrade_status(&server, Some("not-a-session")).await, 403);

    let session = cookie(&login(&http, "admin", "admin").await, "sessionid").unwrap();
    let mut ws = connect(&server, Some(&session)).await.unwrap();
    let (content_type, body) = multipart(&[], Some(("ws.txt", "text/plain", b"hello")));
    let answer = http
        .send(
            "POST",
            "/api/documents/post_document/",
            &[("authorization", format!("Token {}", server.token()))],
            Some((&content_type, body)),
        )
        .await;
    let task: String = serde_json::from_slice(&answer.body).unwrap();

    let mut steps = Vec::new();
    while steps.len() < 6 {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a frame in time")
            .unwrap()
            .unwrap();
        let Message::Text(text) = frame else { continue };
        let StatusEvent::StatusUpdate(u) = serde_json::from_str(&text).unwrap() else {
            panic!("{text}")
        };
        assert_eq!(u.task_id.as_ref().map(|t| t.as_str()), Some(task.as_str()));
        assert_eq!(u.filename.as_deref(), Some("ws.txt"));
        steps.push((
            u.progress,
            u.status.clone(),
            u.message.clone(),
            u.document_id,
        ));
    }
    let doc = server.documents().last().unwrap().id;
    // The captured order and values.
    let captured: Vec<(u32, String)> = capture_ws("ws.status.session_frames")["frames"]
        .as_array()
        .unwrap()
        .iter()
        .take(6)
        .map(|f| {
            let d = &f["frame"]["data"];
            (
                u32::try_from(d["current_progress"].as_u64().unwrap()).unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let ours: Vec<(u32, String)> = steps.iter().map(|s| (s.0, s.2.clone())).collect();
    assert_eq!(ours, captured);
    assert_eq!(steps[0].1, ProgressStatus::Started);
    assert_eq!(steps[5].1, ProgressStatus::Success);
    assert_eq!(steps[5].3, Some(doc));
    assert!(steps[..5].iter().all(|s| s.3.is_none()));

    // Expired sessions: the socket drops and the next upgrade is refused.
    server.expire_sessions();
    let end = tokio::time::timeout(Duration::from_secs(5), ws.next())
        .await
        .expect("closed in time");
    assert!(!matches!(end, Some(Ok(Message::Text(_)))), "{end:?}");
    assert_eq!(upgrade_status(&server, Some(&session)).await, 403);
    let log: Vec<(String, u16)> = server
        .requests()
        .iter()
        .filter(|r| r.path == "/ws/status/")
        .map(|r| (r.method.to_string(), r.status))
        .collect();
    assert_eq!(
        log,
        [
            ("GET".to_owned(), 403),
            ("GET".to_owned(), 403),
            ("GET".to_owned(), 101),
            ("GET".to_owned(), 403)
        ]
    );
}

#[tokio::test]
async fn a_token_does_not_open_the_socket() {
    let server = TestServer::start().await.unwrap();
    let mut request = format!("ws://{}/ws/status/", server.addr())
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "authorization",
        format!("Token {}", server.token()).parse().unwrap(),
    );
    let tcp = tokio::net::TcpStream::connect(server.addr()).await.unwrap();
    let err = tokio_tungstenite::client_async(request, tcp)
        .await
        .err()
        .unwrap();
    assert!(
        matches!(&err, tokio_tungstenite::tungstenite::Error::Http(r) if r.status() == 403),
        "{err}"
    );
}

/// A frame sent after an action: the next frame a socket reads is the action's or this one, so
/// "no frame" is asserted without waiting for a timeout.
fn marker() -> StatusEvent {
    StatusEvent::DocumentsDeleted(DocumentsDeleted::new([DocumentId(999_999)]))
}

/// The frames a socket reads up to the marker (published by the server itself, after the
/// requests whose frames are awaited went out).
async fn frames_until_marker(server: &TestServer, ws: &mut Socket) -> Vec<Value> {
    server.publish(&marker());
    let marker = serde_json::to_value(marker()).unwrap();
    let mut frames = Vec::new();
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(5), ws.next())
            .await
            .expect("a frame in time")
            .unwrap()
            .unwrap();
        let Message::Text(text) = frame else { continue };
        let value: Value = serde_json::from_str(&text).unwrap();
        if value == marker {
            return frames;
        }
        frames.push(value);
    }
}

/// The documents outside the trash.
fn live(server: &TestServer) -> Vec<paperless_types::document::Document> {
    server
        .documents()
        .into_iter()
        .filter(|d| d.deleted_at.is_none())
        .collect()
}

/// A socket of the demo set's admin's session.
async fn admin_socket(server: &TestServer, http: &Http) -> Socket {
    let session = cookie(
        &login(http, "admin", "admin-password-123").await,
        "sessionid",
    )
    .unwrap();
    connect(server, Some(&session)).await.unwrap()
}

/// The `document_updated` frame a document's JSON (the `full_perms` form) calls for.
fn updated_frame(doc: &Value) -> Value {
    let modified: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(doc["modified"].clone()).unwrap();
    json!({"type": "document_updated", "data": {
        "document_id": doc["id"],
        "modified": modified,
        "owner_id": doc["owner"],
        "users_can_view": doc["permissions"]["view"]["users"],
        "groups_can_view": doc["permissions"]["view"]["groups"],
    }})
}

#[tokio::test]
async fn a_document_update_sends_one_document_updated_frame_in_the_captured_shape() {
    let server = TestServer::demo().await.unwrap();
    let http = Http::new(server.url());
    let mut ws = admin_socket(&server, &http).await;
    let id = live(&server)[0].id.0;
    let token = server.token().to_owned();

    let patched = http
        .json(
            &token,
            "PATCH",
            &format!("/api/documents/{id}/?full_perms=true"),
            &json!({"title": "Renamed", "set_permissions": {"view": {"users": [], "groups": []}, "change": {"users": [2], "groups": []}}}),
        )
        .await;
    assert_eq!(patched.status, 200);
    let doc = patched.json();
    let frames = frames_until_marker(&server, &mut ws).await;
    assert_eq!(frames, [updated_frame(&doc)]);
    // The captured frame's keys and value types.
    let captured = capture_ws("ws.status.session_frames")["frames"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["frame"].clone())
        .find(|f| f["type"] == "document_updated")
        .unwrap();
    let mut diff = Vec::new();
    crate::support::shape_diff(&captured, &frames[0], "$", &mut diff);
    assert!(diff.is_empty(), "{diff:?}");
    assert_eq!(
        frames[0]["data"]["modified"]
            .as_str()
            .map(|m| m.ends_with('Z')),
        Some(true)
    );

    // A PUT too; a refused update sends nothing.
    let mut put = doc.clone();
    put["title"] = json!("Again");
    let answer = http
        .json(&token, "PUT", &format!("/api/documents/{id}/"), &put)
        .await;
    assert_eq!(answer.status, 200);
    let refused = http
        .json(
            &token,
            "PATCH",
            &format!("/api/documents/{id}/"),
            &json!({"correspondent": 99_999}),
        )
        .await;
    assert_eq!(refused.status, 400);
    let frames = frames_until_marker(&server, &mut ws).await;
    let after_put = http
        .json(
            &token,
            "GET",
            &format!("/api/documents/{id}/?full_perms=true"),
            &Value::Null,
        )
        .await
        .json();
    assert_eq!(frames, [updated_frame(&after_put)]);
}

#[tokio::test]
async fn bulk_edits_send_document_updated_for_the_documents_they_change() {
    let server = TestServer::demo().await.unwrap();
    let http = Http::new(server.url());
    let mut ws = admin_socket(&server, &http).await;
    let token = server.token().to_owned();
    let docs = live(&server);
    let (a, b) = (docs[0].id.0, docs[1].id.0);
    let correspondent = http
        .json(&token, "GET", "/api/correspondents/", &Value::Null)
        .await
        .json()["results"][0]["id"]
        .as_u64()
        .unwrap();
    let bulk = |ids: Vec<u64>, method: &str, parameters: Value| json!({"documents": ids, "method": method, "parameters": parameters});
    // a has the correspondent, b none: one frame each.
    for (id, value) in [(a, json!(correspondent)), (b, Value::Null)] {
        let answer = http
            .json(
                &token,
                "POST",
                "/api/documents/bulk_edit/",
                &bulk(
                    vec![id],
                    "set_correspondent",
                    json!({ "correspondent": value }),
                ),
            )
            .await;
        assert_eq!(answer.status, 200);
    }
    let _ = frames_until_marker(&server, &mut ws).await;
    // Setting it on both changes only b: b's frame alone, as the server's `affected_docs`.
    let answer = http
        .json(
            &token,
            "POST",
            "/api/documents/bulk_edit/",
            &bulk(
                vec![a, b],
                "set_correspondent",
                json!({ "correspondent": correspondent }),
            ),
        )
        .await;
    assert_eq!(answer.status, 200);
    let frames = frames_until_marker(&server, &mut ws).await;
    let after = http
        .json(
            &token,
            "GET",
            &format!("/api/documents/{b}/?full_perms=true"),
            &Value::Null,
        )
        .await
        .json();
    assert_eq!(frames, [updated_frame(&after)]);

    // modify_tags touches every document named, in the order named.
    let answer = http
        .json(
            &token,
            "POST",
            "/api/documents/bulk_edit/",
            &bulk(
                vec![b, a],
                "modify_tags",
                json!({"add_tags": [], "remove_tags": []}),
            ),
        )
        .await;
    assert_eq!(answer.status, 200);
    let frames = frames_until_marker(&server, &mut ws).await;
    let ids: Vec<u64> = frames
        .iter()
        .map(|f| f["data"]["document_id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [b, a]);
}

#[tokio::test]
async fn a_bulk_delete_sends_documents_deleted_and_emptying_the_trash_sends_nothing() {
    let server = TestServer::demo().await.unwrap();
    let http = Http::new(server.url());
    let mut ws = admin_socket(&server, &http).await;
    let token = server.token().to_owned();
    let docs = live(&server);
    let (a, b, c) = (docs[0].id.0, docs[1].id.0, docs[2].id.0);
    let (low, high) = (a.min(b), a.max(b));

    // The bulk deletion (to the trash): the ids as a set, ascending.
    let answer = http
        .json(
            &token,
            "POST",
            "/api/documents/bulk_edit/",
            &json!({"documents": [high, low], "method": "delete", "parameters": {}}),
        )
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        frames_until_marker(&server, &mut ws).await,
        [json!({"type": "documents_deleted", "data": {"documents": [low, high]}})]
    );
    // 3.x's own endpoint.
    let answer = http
        .json(
            &token,
            "POST",
            "/api/documents/delete/",
            &json!({"documents": [c]}),
        )
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        frames_until_marker(&server, &mut ws).await,
        [json!({"type": "documents_deleted", "data": {"documents": [c]}})]
    );
    // A DELETE of one document and emptying the trash: no frame (as captured, and as the
    // server's source has it: only `bulk_edit.delete` sends `documents_deleted`).
    let d = docs[3].id.0;
    let answer = http
        .send(
            "DELETE",
            &format!("/api/documents/{d}/"),
            &[("authorization", format!("Token {token}"))],
            None,
        )
        .await;
    assert_eq!(answer.status, 204);
    let answer = http
        .json(&token, "POST", "/api/trash/", &json!({"action": "empty"}))
        .await;
    assert_eq!(answer.status, 200);
    assert!(frames_until_marker(&server, &mut ws).await.is_empty());
}

#[tokio::test]
async fn paperless_2_20_sends_documents_deleted_as_given_and_no_document_updated() {
    let server = TestServer::builder()
        .demo()
        .paperless_2_20()
        .start()
        .await
        .unwrap();
    let http = Http::new(server.url());
    let mut ws = admin_socket(&server, &http).await;
    let token = server.token().to_owned();
    let docs = live(&server);
    let (a, b) = (docs[0].id.0, docs[1].id.0);
    let (low, high) = (a.min(b), a.max(b));

    let patched = http
        .json(
            &token,
            "PATCH",
            &format!("/api/documents/{a}/"),
            &json!({"title": "Renamed"}),
        )
        .await;
    assert_eq!(patched.status, 200);
    let answer = http
        .json(
            &token,
            "POST",
            "/api/documents/bulk_edit/",
            &json!({"documents": [high, low], "method": "delete", "parameters": {}}),
        )
        .await;
    assert_eq!(answer.status, 200);
    assert_eq!(
        frames_until_marker(&server, &mut ws).await,
        [json!({"type": "documents_deleted", "data": {"documents": [high, low]}})]
    );
}
