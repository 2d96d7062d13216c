//! The headless browser login and `/ws/status/`, over real sockets with a plain hyper client and
//! tokio-tungstenite's client (no paperless-rs client code).

use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use paperless_testkit::TestServer;
use paperless_types::event::{ProgressStatus, StatusEvent};
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
