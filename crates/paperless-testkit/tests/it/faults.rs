//! Fault injection, seen through a plain hyper-util client (what goes on the wire) and through
//! the paperless client with the default transport (what a user's code sees).

use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use paperless_client::transport::{Auth, BaseUrl, RetryConfig, TransportBuilder};
use paperless_client::{Error, Paperless, Resource};
use paperless_testkit::{Fault, FaultKind, Route, TestServer};
use paperless_types::TagId;
use paperless_types::tag::Tag;

use crate::support::{Http, demo};

/// `/api/tags/` with the `paperless-types` model.
enum Tags {}

impl Resource for Tags {
    type Id = TagId;
    type Item = Tag;
    const NAME: &'static str = "tags";
    const PATH: &'static str = "/api/tags/";
    fn id_of(tag: &Tag) -> TagId {
        tag.id
    }
}

/// The paperless client over the default transport, with fast retries.
fn client(server: &TestServer, retries: u32) -> Paperless {
    let base = BaseUrl::parse(server.url()).unwrap();
    let transport = TransportBuilder::new(base.clone())
        .auth(Auth::token(server.token()))
        .retry(
            RetryConfig::new()
                .max_retries(retries)
                .initial_backoff(Duration::from_millis(5))
                .max_backoff(Duration::from_millis(20)),
        )
        .build()
        .unwrap();
    // API version 10 pinned: no negotiation probe among the requests counted.
    paperless_client::PaperlessBuilder::from_service(transport, base)
        .api_version(paperless_client::ApiVersion::V10)
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_status_fault_fires_the_set_number_of_times_then_the_route_recovers() {
    let server = demo().await;
    let http = Http::new(server.url());
    let outage = server.inject(Route::get("/api/tags/"), Fault::status(503).times(2));
    for _ in 0..2 {
        let answer = http.get(server.token(), "/api/tags/").await;
        assert_eq!(answer.status, 503);
        assert_eq!(
            answer.json(),
            serde_json::json!({"detail": "Service Unavailable (fault injected by paperless-testkit)"})
        );
    }
    // Other routes were never affected.
    assert_eq!(
        http.get(server.token(), "/api/correspondents/")
            .await
            .status,
        200
    );
    let answer = http.get(server.token(), "/api/tags/").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json()["count"], 10);
    assert_eq!(outage.hits(), 2);
    assert_eq!(outage.remaining(), Some(0));
}

#[tokio::test]
async fn too_many_requests_carries_retry_after_and_drf_s_message() {
    let server = demo().await;
    let http = Http::new(server.url());
    server.inject(
        Route::any("/api/").prefix(),
        Fault::too_many_requests(Duration::from_millis(1500)),
    );
    let answer = http.get(server.token(), "/api/documents/").await;
    assert_eq!(answer.status, 429);
    assert_eq!(answer.header("retry-after"), Some("2"));
    assert_eq!(
        answer.json()["detail"],
        "Request was throttled. Expected available in 2 seconds."
    );
}

#[tokio::test]
async fn bad_gateway_is_an_html_page_and_surfaces_as_an_api_error() {
    let server = demo().await;
    let http = Http::new(server.url());
    server.inject(Route::get("/api/tags/1/"), Fault::bad_gateway_html());
    let answer = http.get(server.token(), "/api/tags/1/").await;
    assert_eq!(answer.status, 502);
    assert_eq!(answer.header("content-type"), Some("text/html"));
    assert!(String::from_utf8_lossy(&answer.body).contains("<h1>502 Bad Gateway</h1>"));

    // Without retries the client reports it as an HTML API error.
    server.inject(Route::get("/api/tags/1/"), Fault::bad_gateway_html());
    let err = client(&server, 0)
        .endpoint::<Tags>()
        .get(1)
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(502));
    assert!(err.as_api().unwrap().is_html(), "{err}");
}

#[tokio::test]
async fn a_connection_dropped_mid_body_breaks_the_body_and_is_retried_by_the_transport() {
    let server = demo().await;
    server.inject(Route::get("/api/tags/3/"), Fault::drop_mid_body());
    let raw: Client<_, Full<bytes::Bytes>> = Client::builder(TokioExecutor::new()).build_http();
    let request = http::Request::get(format!("{}/api/tags/3/", server.url()))
        .header("authorization", format!("Token {}", server.token()))
        .body(Full::default())
        .unwrap();
    let response = raw.request(request).await.unwrap();
    assert_eq!(response.status(), 200);
    let declared: usize = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(declared > 100, "the full length is announced: {declared}");
    assert!(
        response.into_body().collect().await.is_err(),
        "the body must end early"
    );

    // The default transport buffers JSON inside the attempt, so the retry absorbs the drop.
    let fault = server.inject(Route::get("/api/tags/3/"), Fault::drop_mid_body());
    let tag = client(&server, 2).endpoint::<Tags>().get(3).await.unwrap();
    assert_eq!(tag.name, "Finance");
    assert_eq!(fault.hits(), 1);
}

#[tokio::test]
async fn malformed_json_is_cut_in_half_and_fails_to_decode() {
    let server = demo().await;
    let http = Http::new(server.url());
    server.inject(Route::get("/api/tags/3/"), Fault::malformed_json());
    let answer = http.get(server.token(), "/api/tags/3/").await;
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/json"));
    assert!(serde_json::from_slice::<serde_json::Value>(&answer.body).is_err());
    let whole = http.get(server.token(), "/api/tags/3/").await;
    assert_eq!(answer.body.len(), whole.body.len() / 2);
    assert_eq!(answer.body, whole.body.slice(..whole.body.len() / 2));

    server.inject(Route::get("/api/tags/3/"), Fault::malformed_json());
    let err = client(&server, 3)
        .endpoint::<Tags>()
        .get(3)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode(_)), "{err}");
}

#[tokio::test]
async fn delays_slow_down_one_route_or_every_response() {
    let server = TestServer::start().await.unwrap();
    let http = Http::new(server.url());
    let fault = server.inject(
        Route::get("/api/tags/"),
        Fault::delay(Duration::from_millis(120)).always(),
    );
    assert_eq!(fault.kind(), &FaultKind::Delay(Duration::from_millis(120)));
    let started = Instant::now();
    assert_eq!(http.get(server.token(), "/api/tags/").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(120));
    let started = Instant::now();
    assert_eq!(
        http.get(server.token(), "/api/correspondents/")
            .await
            .status,
        200
    );
    assert!(started.elapsed() < Duration::from_millis(120));
    fault.disarm();
    assert_eq!(fault.hits(), 1);

    server.set_response_delay(Duration::from_millis(80));
    let started = Instant::now();
    assert_eq!(
        http.get(server.token(), "/api/correspondents/")
            .await
            .status,
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(80));
    server.set_response_delay(Duration::ZERO);
    server.clear_faults();
    assert_eq!(server.request_count(), 3);
}

#[tokio::test]
async fn the_transport_retries_503_and_429_until_the_faults_are_spent() {
    let server = demo().await;
    let outage = server.inject(
        Route::get("/api/tags/").prefix(),
        Fault::status(503).times(2),
    );
    let throttle = server.inject(
        Route::get("/api/tags/").prefix(),
        Fault::too_many_requests(Duration::ZERO),
    );
    let tags = client(&server, 3).endpoint::<Tags>();
    let tag = tags.get(7).await.unwrap();
    assert_eq!(tag.name, "Health");
    assert_eq!((outage.hits(), throttle.hits()), (2, 1));
    // Four attempts: two 503s, one 429, then the answer.
    assert_eq!(server.request_count(), 4);
}
