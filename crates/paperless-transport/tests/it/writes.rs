//! Redirected writes keep their method or are not followed; responses say which attempt they
//! answer.

use paperless_transport::Body;
use paperless_transport::layers::Attempt;

use crate::support::{RawServer, Script, builder, json_reply, req, send};

fn redirect(status: &str, to: &str) -> Script {
    Script::Reply(format!(
        "HTTP/1.1 {status}\r\nLocation: {to}/api/tags/\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    ))
}

#[tokio::test]
async fn a_post_redirected_by_302_is_not_turned_into_a_get() {
    let other = RawServer::start(vec![json_reply("[]")]).await;
    for status in ["301 Moved Permanently", "302 Found", "303 See Other"] {
        let server = RawServer::start(vec![redirect(status, &other.url())]).await;
        let client = builder(&server.url()).follow_redirects(5).build().unwrap();
        for method in ["POST", "PUT", "PATCH", "DELETE"] {
            let response = send(&client, req(method, "/api/tags/", Body::from("{}")))
                .await
                .unwrap();
            assert_eq!(
                response.status().as_u16(),
                status[..3].parse::<u16>().unwrap()
            );
            assert_eq!(
                response.headers()["location"],
                format!("{}/api/tags/", other.url()).as_str()
            );
        }
    }
    assert_eq!(
        other.count(),
        0,
        "no write was sent elsewhere, as a GET or otherwise"
    );
}

#[tokio::test]
async fn a_write_redirected_by_307_or_308_keeps_its_method_and_body() {
    for status in ["307 Temporary Redirect", "308 Permanent Redirect"] {
        let other = RawServer::start(vec![json_reply("{\"id\":1}")]).await;
        let server = RawServer::start(vec![redirect(status, &other.url())]).await;
        let client = builder(&server.url()).follow_redirects(5).build().unwrap();
        let response = send(
            &client,
            req("POST", "/api/tags/", Body::from("{\"name\":\"a\"}")),
        )
        .await
        .unwrap();
        assert_eq!(response.status(), 200);
        let seen = other.requests.lock().unwrap().clone();
        assert_eq!(seen.len(), 1);
        assert!(
            seen[0].starts_with("POST /api/tags/ HTTP/1.1"),
            "{}",
            seen[0]
        );
        assert!(
            seen[0].to_ascii_lowercase().contains("content-length: 12"),
            "{}",
            seen[0]
        );
    }
}

#[tokio::test]
async fn a_get_still_follows_302() {
    let other = RawServer::start(vec![json_reply("[]")]).await;
    let server = RawServer::start(vec![redirect("302 Found", &other.url())]).await;
    let client = builder(&server.url()).follow_redirects(5).build().unwrap();
    let response = send(&client, crate::support::get("/api/tags/"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(other.count(), 1);
}

#[tokio::test]
async fn a_response_says_which_attempt_it_answers() {
    let server = RawServer::start(vec![
        Script::Close,
        Script::Reply(
            "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
                .to_owned(),
        ),
    ])
    .await;
    let client = builder(&server.url()).build().unwrap();
    let response = send(&client, req("DELETE", "/api/tags/1/", Body::empty()))
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert_eq!(
        response.extensions().get::<Attempt>().map(|a| a.number()),
        Some(2)
    );
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_sub_path_named_api_is_addressed_with_its_api_root() {
    // An installation under `/api` (its API at `/api/api/`): given as `…/api/api/`, shown so,
    // and parsed back to the same base.
    let server = RawServer::start(vec![json_reply("[]")]).await;
    let base = paperless_transport::BaseUrl::parse(&format!("{}/api/api/", server.url())).unwrap();
    assert_eq!(base.as_str(), format!("{}/api/api", server.url()));
    assert_eq!(
        paperless_transport::BaseUrl::parse(base.as_str()).unwrap(),
        base
    );
    let client = paperless_transport::TransportBuilder::new(base)
        .build()
        .unwrap();
    let response = send(&client, crate::support::get("/api/tags/"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let seen = server.requests.lock().unwrap().clone();
    assert!(
        seen[0].starts_with("GET /api/api/tags/ HTTP/1.1"),
        "{}",
        seen[0]
    );
}
