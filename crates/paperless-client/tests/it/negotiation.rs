//! The API version negotiation: against the test server as Paperless-ngx 3.x (picks 10) and as
//! 2.x (versions 1–9, picks 9), a pinned version (no probe), one probe for many concurrent first
//! calls, and the probe's failures (401, a refused connection, a proxy's page, a server too old),
//! each asserted from the server's request log.

use std::time::Duration;

use futures_util::future::join_all;
use http::header::{AUTHORIZATION, HeaderValue};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use insta::assert_snapshot;
use paperless_client::transport::{BaseUrl, Body, boxed};
use paperless_client::{ApiVersion, Error, Operation, Paperless, ServerInfo};
use paperless_testkit::{RecordedRequest, TestServer};
use tower::ServiceExt;

/// `METHOD target  Accept` of each request the server received.
fn sent(server: &TestServer) -> Vec<String> {
    server
        .take_requests()
        .iter()
        .map(|r: &RecordedRequest| format!("{r}  {}", r.accept.as_deref().unwrap_or("-")))
        .collect()
}

const PROBE_UNVERSIONED: &str = "GET /api/ui_settings/  application/json";

/// A test server answering as Paperless-ngx 2.20.15 (API versions 1 to 9).
async fn server_2x() -> TestServer {
    TestServer::builder()
        .api_versions(1..=9)
        .release("2.20.15")
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_3x_server_is_probed_once_and_spoken_to_in_version_10() {
    let server = TestServer::start().await.unwrap();
    let client = Paperless::new(server.url(), server.token()).unwrap();
    assert_eq!(
        (client.api_version(), client.server_version()),
        (None, None)
    );

    client.tags().list().send().await.unwrap();
    client.tags().list().send().await.unwrap();

    assert_eq!(
        sent(&server),
        [
            PROBE_UNVERSIONED,
            "GET /api/tags/  application/json; version=10",
            "GET /api/tags/  application/json; version=10",
        ]
    );
    assert_eq!(client.api_version(), Some(ApiVersion::V10));
    assert!(!client.is_api_version_pinned());
    assert_eq!(client.server_version(), Some("3.0.5"));
    assert_eq!(client.server_api_version(), Some(10));
}

#[tokio::test]
async fn a_2x_server_is_spoken_to_in_version_9() {
    let server = server_2x().await;
    let client = Paperless::new(server.url(), server.token()).unwrap();

    assert_eq!(
        client.negotiate_api_version().await.unwrap(),
        ApiVersion::V9
    );
    let page = client.tags().list().send().await.unwrap();

    assert_eq!(
        sent(&server),
        [
            PROBE_UNVERSIONED,
            "GET /api/tags/  application/json; version=9",
        ]
    );
    // The v9 list envelope has `all`.
    assert!(page.all.is_some());
    assert_eq!(client.api_version(), Some(ApiVersion::V9));
    assert_eq!(client.server_version(), Some("2.20.15"));
    assert_eq!(client.server_api_version(), Some(9));
}

#[tokio::test]
async fn the_2x_server_refuses_version_10_as_paperless_does() {
    let server = server_2x().await;
    let client = Paperless::builder(server.url())
        .token(server.token())
        .api_version(ApiVersion::V10)
        .build()
        .unwrap();

    let err = client.tags().list().send().await.unwrap_err();

    assert_eq!(err.status(), Some(http::StatusCode::NOT_ACCEPTABLE));
    assert_eq!(
        sent(&server),
        ["GET /api/tags/  application/json; version=10"]
    );
    // server_info learns the server's versions with a second, unversioned request.
    let err = client.server_info().await.unwrap_err();
    assert_eq!(err.as_api().unwrap().server_api_version(), Some(9));
    assert_snapshot!("pinned_10_on_2x", err);
}

#[tokio::test]
async fn a_pinned_version_sends_no_probe() {
    let server = TestServer::start().await.unwrap();
    let client = Paperless::builder(server.url())
        .token(server.token())
        .api_version(ApiVersion::V9)
        .build()
        .unwrap();

    client.tags().list().send().await.unwrap();
    assert_eq!(
        client.negotiate_api_version().await.unwrap(),
        ApiVersion::V9
    );

    assert_eq!(
        sent(&server),
        ["GET /api/tags/  application/json; version=9"]
    );
    assert_eq!(client.api_version(), Some(ApiVersion::V9));
    assert!(client.is_api_version_pinned());
    // A pinned client has learned nothing of the server until it asks.
    assert_eq!(client.server_version(), None);
    let info = client.server_info().await.unwrap();
    assert_eq!(info, ServerInfo::new("3.0.5", 10));
    assert_eq!(client.server_version(), Some("3.0.5"));
    assert_eq!(
        sent(&server),
        ["GET /api/ui_settings/  application/json; version=9"]
    );
}

#[tokio::test]
async fn many_concurrent_first_calls_run_one_probe_shared_by_clones() {
    let server = TestServer::start().await.unwrap();
    // A slow server, so that every call starts while the probe is still out.
    server.set_response_delay(Duration::from_millis(50));
    let client = Paperless::new(server.url(), server.token()).unwrap();

    let calls = (0..16).map(|_| {
        let clone = client.clone();
        async move { clone.tags().list().send().await.map(|page| page.count) }
    });
    let counts = join_all(calls).await;

    assert!(
        counts.iter().all(|c| c.as_ref().is_ok_and(|n| *n == 0)),
        "{counts:?}"
    );
    let sent = sent(&server);
    assert_eq!(sent.len(), 17, "{sent:#?}");
    assert_eq!(sent[0], PROBE_UNVERSIONED);
    assert!(
        sent[1..]
            .iter()
            .all(|r| r == "GET /api/tags/  application/json; version=10"),
        "{sent:#?}"
    );
    // The original learned what its clones negotiated.
    assert_eq!(client.api_version(), Some(ApiVersion::V10));
}

#[tokio::test]
async fn server_info_first_saves_the_probe() {
    let server = server_2x().await;
    let client = Paperless::new(server.url(), server.token()).unwrap();

    let info = client.server_info().await.unwrap();
    client.tags().list().send().await.unwrap();

    assert_eq!(info, ServerInfo::new("2.20.15", 9));
    assert_eq!(info.newest_common_version(), Some(ApiVersion::V9));
    assert_eq!(
        sent(&server),
        [
            PROBE_UNVERSIONED,
            "GET /api/tags/  application/json; version=9",
        ]
    );
}

#[tokio::test]
async fn a_probe_refused_with_401_is_server_infos_error_and_is_not_kept() {
    let server = TestServer::start().await.unwrap();
    let client = Paperless::new(server.url(), "not-the-token").unwrap();

    let err = client.tags().get(1).await.unwrap_err();

    assert!(err.is_unauthorized(), "{err:?}");
    let api = err.as_api().unwrap();
    assert_eq!(api.operation(), Operation::new("server", "info"));
    assert_eq!(api.path(), "/api/ui_settings/");
    assert_snapshot!("probe_unauthorized", err);
    // Nothing else was sent; the next call probes again (a failure is not remembered).
    assert_eq!(sent(&server), [PROBE_UNVERSIONED]);
    assert!(client.tags().get(1).await.unwrap_err().is_unauthorized());
    assert_eq!(sent(&server), [PROBE_UNVERSIONED]);
    assert_eq!(client.api_version(), None);
}

#[tokio::test]
async fn a_server_too_old_for_this_crate_is_refused_before_sending() {
    let server = TestServer::builder()
        .api_versions(1..=7)
        .release("2.2.0")
        .start()
        .await
        .unwrap();
    let client = Paperless::new(server.url(), server.token()).unwrap();

    let err = client.tags().list().send().await.unwrap_err();

    let Error::Version(version) = &err else {
        panic!("expected a version error, got {err:?}")
    };
    assert_eq!(version.server(), &ServerInfo::new("2.2.0", 7));
    assert_snapshot!("server_too_old", err);
    assert_eq!(sent(&server), [PROBE_UNVERSIONED]);
    // What it learned stays: no second probe, the same answer.
    assert!(matches!(
        client.tags().list().send().await,
        Err(Error::Version(_))
    ));
    assert!(sent(&server).is_empty());
    assert_eq!(client.server_version(), Some("2.2.0"));
    assert_eq!(client.api_version(), None);
}

#[tokio::test]
async fn a_refused_connection_fails_the_probe_at_once() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = Paperless::builder(format!("http://{addr}"))
        .token("abc")
        .transport(|t| t.no_retry())
        .build()
        .unwrap();

    let err = client.tags().get(7).await.unwrap_err();

    assert!(err.is_connect(), "{err:?}");
    assert_snapshot!("probe_connection_refused", err);
}

#[tokio::test]
async fn a_proxys_page_instead_of_the_api_says_so() {
    let mut server = mockito::Server::new_async().await;
    let page = server
        .mock("GET", "/api/ui_settings/")
        .match_header("accept", "application/json")
        .with_header("content-type", "text/html")
        .with_body("<html><title>Sign in - SSO</title></html>")
        .expect(1)
        .create_async()
        .await;
    let client = Paperless::new(server.url(), "abc").unwrap();

    let err = client.tags().get(7).await.unwrap_err();

    page.assert_async().await;
    let Error::Decode(decode) = &err else {
        panic!("expected a decode error, got {err:?}")
    };
    assert_eq!(decode.missing_header(), Some("X-Api-Version"));
    assert_snapshot!("probe_html_page", err);
}

#[tokio::test]
async fn negotiation_also_runs_over_a_custom_service() {
    let server = server_2x().await;
    // The user's service: plain hyper-util, adding the token itself; the client adds Accept.
    let token = HeaderValue::from_str(&format!("Token {}", server.token())).unwrap();
    let http: Client<HttpConnector, Body> = Client::builder(TokioExecutor::new()).build_http();
    let service = http.map_request(move |mut req: http::Request<Body>| {
        req.headers_mut().insert(AUTHORIZATION, token.clone());
        req
    });
    let client = Paperless::from_service(boxed(service), BaseUrl::parse(server.url()).unwrap());

    client.tags().list().send().await.unwrap();

    assert_eq!(
        sent(&server),
        [
            PROBE_UNVERSIONED,
            "GET /api/tags/  application/json; version=9",
        ]
    );
    assert_eq!(client.api_version(), Some(ApiVersion::V9));
}
