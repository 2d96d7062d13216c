//! What reaches the wire: headers, URL joining for every base-URL shape, gzip.

use std::sync::Arc;

use http::Request;
use mockito::Matcher;
use paperless_transport::{ApiVersion, Auth, BaseUrl, Body, DEFAULT_USER_AGENT, TransportBuilder};

use crate::support::{builder, get, send_text, serve_hyper, text};

#[tokio::test]
async fn token_auth_version_10_and_user_agent_on_the_wire() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/tags/?page=2")
        .match_header("authorization", "Token s3cret-token")
        .match_header("accept", "application/json; version=10")
        .match_header("user-agent", "paperless-rs/0.1.0")
        .with_status(200)
        .with_body("{}")
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url())
        .auth(Auth::token("s3cret-token"))
        .build()
        .unwrap();
    assert_eq!(DEFAULT_USER_AGENT, "paperless-rs/0.1.0");
    let (status, body) = send_text(&client, get("/api/tags/?page=2")).await;
    assert_eq!((status, body.as_str()), (200, "{}"));
    mock.assert_async().await;
}

#[tokio::test]
async fn basic_auth_version_9_and_custom_user_agent() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/")
        // base64("alice:pa55:word")
        .match_header("authorization", "Basic YWxpY2U6cGE1NTp3b3Jk")
        .match_header("accept", "application/json; version=9")
        .match_header("user-agent", "my-app/2.0")
        .with_status(200)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url())
        .auth(Auth::basic("alice", "pa55:word"))
        .api_version(ApiVersion::V9)
        .user_agent("my-app/2.0")
        .build()
        .unwrap();
    assert_eq!(send_text(&client, get("/api/")).await.0, 200);
    mock.assert_async().await;
}

#[tokio::test]
async fn no_auth_sends_no_authorization_and_requests_override_accept_and_user_agent() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/documents/1/download/")
        .match_header("authorization", Matcher::Missing)
        .match_header("accept", "application/pdf")
        .match_header("user-agent", "per-request/1")
        .with_status(200)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).build().unwrap();
    let req = Request::get("/api/documents/1/download/")
        .header("accept", "application/pdf")
        .header("user-agent", "per-request/1")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send_text(&client, req).await.0, 200);
    mock.assert_async().await;
}

#[tokio::test]
async fn configured_auth_replaces_a_request_authorization_header() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/")
        .match_header("authorization", "Token configured")
        .with_status(200)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url())
        .auth(Auth::token("configured"))
        .build()
        .unwrap();
    let req = Request::get("/api/")
        .header("authorization", "Token from-request")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send_text(&client, req).await.0, 200);
    mock.assert_async().await;
}

#[tokio::test]
async fn post_sends_the_body_exactly() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("POST", "/api/tags/")
        .match_header("content-type", "application/json")
        .match_body(r#"{"name":"Invoices"}"#)
        .with_status(201)
        .with_body(r#"{"id":7}"#)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).build().unwrap();
    let req = Request::post("/api/tags/")
        .header("content-type", "application/json")
        .body(Body::from(r#"{"name":"Invoices"}"#))
        .unwrap();
    assert_eq!(
        send_text(&client, req).await,
        (201, r#"{"id":7}"#.to_owned())
    );
    mock.assert_async().await;
}

#[tokio::test]
async fn every_base_url_shape_joins_onto_the_right_path() {
    let mut server = mockito::Server::new_async().await;
    let root = server
        .mock("GET", "/api/tags/?page=2&name__icontains=a%20b")
        .with_status(200)
        .expect(2)
        .create_async()
        .await;
    let sub = server
        .mock("GET", "/paperless/api/tags/?page=2&name__icontains=a%20b")
        .with_status(200)
        .expect(3)
        .create_async()
        .await;
    let url = server.url();
    let port = server.socket_address().port();
    let shapes = [
        url.clone(),
        format!("{url}/api/"),
        format!("{url}/paperless"),
        format!("{url}/paperless/"),
        format!("{url}/paperless/api"),
    ];
    for shape in &shapes {
        let client = builder(shape).build().unwrap();
        let (status, _) = send_text(&client, get("/api/tags/?page=2&name__icontains=a%20b")).await;
        assert_eq!(status, 200, "{shape}");
    }
    // Without a scheme the base URL means https; the port is kept.
    let base = BaseUrl::parse(&format!("127.0.0.1:{port}/paperless/api/")).unwrap();
    assert_eq!(base.as_str(), format!("https://127.0.0.1:{port}/paperless"));
    root.assert_async().await;
    sub.assert_async().await;
}

#[tokio::test]
async fn ipv6_loopback_base_url_with_port() {
    let Ok(listener) = tokio::net::TcpListener::bind("[::1]:0").await else {
        eprintln!("IPv6 loopback unavailable; skipping");
        return;
    };
    let port = listener.local_addr().unwrap().port();
    let seen = serve_hyper(listener, None, Arc::new(|_| text(200, "v6"))).await;
    let client = builder(&format!("http://[::1]:{port}/sub/"))
        .auth(Auth::token("t"))
        .build()
        .unwrap();
    assert_eq!(
        send_text(&client, get("/api/status/")).await,
        (200, "v6".to_owned())
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "GET");
    assert_eq!(seen[0].uri, "/sub/api/status/");
    assert_eq!(seen[0].headers["host"], format!("[::1]:{port}"));
    assert_eq!(seen[0].headers["authorization"], "Token t");
}

#[tokio::test]
async fn https_base_url_refuses_plain_http_and_classifies_it() {
    // An https:// base pointed at a plain-HTTP server: the TLS handshake fails, nothing leaks.
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", Matcher::Any)
        .expect(0)
        .create_async()
        .await;
    let port = server.socket_address().port();
    let client =
        TransportBuilder::new(BaseUrl::parse(&format!("https://127.0.0.1:{port}")).unwrap())
            .auth(Auth::token("never-sent"))
            .no_retry()
            .build()
            .unwrap();
    let err = crate::support::send(&client, get("/api/"))
        .await
        .unwrap_err();
    assert_eq!(
        paperless_transport::classify(&*err),
        paperless_transport::TransportErrorKind::Tls,
        "{err:?}"
    );
    mock.assert_async().await;
}

/// Run with `cargo test -p paperless-transport --features gzip`.
#[cfg(feature = "gzip")]
#[tokio::test]
async fn gzip_responses_are_decompressed() {
    use std::io::Write;

    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(br#"{"count":0,"results":[]}"#).unwrap();
    let gz = encoder.finish().unwrap();
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/tags/")
        .match_header("accept-encoding", Matcher::Regex("gzip".into()))
        .with_header("content-type", "application/json")
        .with_header("content-encoding", "gzip")
        .with_body(gz)
        .expect(1)
        .create_async()
        .await;
    let client = builder(&server.url()).build().unwrap();
    assert_eq!(
        send_text(&client, get("/api/tags/")).await,
        (200, r#"{"count":0,"results":[]}"#.to_owned())
    );
    mock.assert_async().await;
}
