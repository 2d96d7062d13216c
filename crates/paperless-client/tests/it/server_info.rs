//! `server_info()`: the probe's exact request, the captured version headers, and what a 406, a
//! 403, a 401 and a headerless answer become.

use insta::assert_snapshot;
use mockito::Matcher;
use paperless_client::transport::ApiVersion;
use paperless_client::{Error, Paperless, ServerInfo};

use crate::captures::{answer_like, fixture, header};

const PROBE: &str = "/api/ui_settings/";

fn client(server: &mockito::Server, version: ApiVersion) -> Paperless {
    Paperless::builder(server.url())
        .token("0123456789abcdef")
        .api_version(version)
        .build()
        .unwrap()
}

#[tokio::test]
async fn reads_the_captured_version_headers() {
    let mut server = mockito::Server::new_async().await;
    let capture = fixture("ui_settings.get");
    let m = answer_like(server.mock("GET", PROBE), "ui_settings.get")
        .match_query(Matcher::Missing)
        .match_header("authorization", "Token 0123456789abcdef")
        .match_header("accept", "application/json; version=10")
        .expect(1)
        .create_async()
        .await;

    let info = client(&server, ApiVersion::V10)
        .server_info()
        .await
        .unwrap();

    m.assert_async().await;
    assert_eq!(info, ServerInfo::new("3.0.5", 10));
    assert_eq!(Some(info.version.as_str()), header(&capture, "x-version"));
    assert_eq!(
        Some(info.api_version.to_string().as_str()),
        header(&capture, "x-api-version")
    );
    assert!(info.accepts(ApiVersion::V9) && info.accepts(ApiVersion::V10));
}

#[tokio::test]
async fn a_forbidden_answer_still_carries_the_versions() {
    let mut server = mockito::Server::new_async().await;
    // A user without the permission to view UI settings (headers and body as captured for bob).
    let m = answer_like(server.mock("GET", PROBE), "tasks.as_bob_forbidden")
        .expect(1)
        .create_async()
        .await;

    let info = client(&server, ApiVersion::V10)
        .server_info()
        .await
        .unwrap();

    m.assert_async().await;
    assert_eq!(info, ServerInfo::new("3.0.5", 10));
}

#[tokio::test]
async fn not_acceptable_asks_again_and_says_which_versions_the_server_accepts() {
    let mut server = mockito::Server::new_async().await;
    let refused = answer_like(server.mock("GET", PROBE), "version.invalid_99")
        .match_header("accept", "application/json; version=10")
        .expect(1)
        .create_async()
        .await;
    // A Paperless-ngx 2.x server answers the request without a version.
    let asked_again = server
        .mock("GET", PROBE)
        .match_header("accept", "application/json")
        .match_header("authorization", "Token 0123456789abcdef")
        .with_header("content-type", "application/json")
        .with_header("x-api-version", "9")
        .with_header("x-version", "2.15.3")
        .with_body(crate::captures::fixture_body("ui_settings.get"))
        .expect(1)
        .create_async()
        .await;

    let err = client(&server, ApiVersion::V10)
        .server_info()
        .await
        .unwrap_err();

    refused.assert_async().await;
    asked_again.assert_async().await;
    let api = err.as_api().unwrap();
    assert_eq!(api.status(), http::StatusCode::NOT_ACCEPTABLE);
    assert_eq!(api.detail(), Some("Invalid version in \"Accept\" header."));
    assert_eq!(api.server_api_version(), Some(9));
    assert_eq!(api.server_version(), Some("2.15.3"));
    assert_snapshot!("not_acceptable_v10_on_2x", err);
}

#[tokio::test]
async fn not_acceptable_for_a_version_the_server_speaks_points_at_the_proxy() {
    let mut server = mockito::Server::new_async().await;
    let _refused = answer_like(server.mock("GET", PROBE), "version.invalid_99")
        .match_header("accept", "application/json; version=9")
        .create_async()
        .await;
    let _asked_again = answer_like(server.mock("GET", PROBE), "ui_settings.get")
        .match_header("accept", "application/json")
        .create_async()
        .await;

    let err = client(&server, ApiVersion::V9)
        .server_info()
        .await
        .unwrap_err();

    assert_eq!(err.as_api().unwrap().server_api_version(), Some(10));
    assert_snapshot!("not_acceptable_rewritten_by_a_proxy", err);
}

#[tokio::test]
async fn not_acceptable_without_a_second_answer_keeps_the_general_hint() {
    let mut server = mockito::Server::new_async().await;
    // Every request is refused, also the one without a version.
    let m = answer_like(server.mock("GET", PROBE), "version.invalid_99")
        .expect(2)
        .create_async()
        .await;

    let err = client(&server, ApiVersion::V10)
        .server_info()
        .await
        .unwrap_err();

    m.assert_async().await;
    assert_eq!(err.as_api().unwrap().server_api_version(), None);
    assert_snapshot!("not_acceptable_unknown_server", err);
}

#[tokio::test]
async fn unauthenticated_is_unauthorized() {
    let mut server = mockito::Server::new_async().await;
    let _m = answer_like(server.mock("GET", PROBE), "version.unauthenticated_headers")
        .create_async()
        .await;

    let err = client(&server, ApiVersion::V10)
        .server_info()
        .await
        .unwrap_err();

    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(err.as_api().unwrap().server_api_version(), None);
}

#[tokio::test]
async fn a_success_without_the_headers_is_a_decode_error() {
    let mut server = mockito::Server::new_async().await;
    // A proxy's page, or a server that is not Paperless-ngx.
    let _m = server
        .mock("GET", PROBE)
        .with_header("content-type", "text/html")
        .with_header("x-version", "3.0.5")
        .with_body("<html><title>Welcome to nginx!</title></html>")
        .create_async()
        .await;

    let err = client(&server, ApiVersion::V10)
        .server_info()
        .await
        .unwrap_err();

    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.missing_header(), Some("X-Api-Version"));
    assert_eq!(
        decode.body(),
        "<html><title>Welcome to nginx!</title></html>"
    );
    assert_snapshot!("missing_version_header", err);
}

#[tokio::test]
async fn an_endless_probe_body_is_dropped_not_read_forever() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    // The version headers, then a chunked body that never ends.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut head = [0u8; 4096];
        let _ = stream.read(&mut head).await;
        let reply = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Api-Version: 10\r\n\
                     X-Version: 3.0.5\r\nTransfer-Encoding: chunked\r\n\r\n";
        if stream.write_all(reply.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("4000\r\n{}\r\n", " ".repeat(0x4000));
        while stream.write_all(chunk.as_bytes()).await.is_ok() {}
    });

    let info = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        crate::support::client(&url).server_info(),
    )
    .await
    .expect("server_info kept reading an endless body")
    .unwrap();
    assert_eq!(info, ServerInfo::new("3.0.5", 10));
}
