//! The three swap points, each with a user middleware (a counter) that sees every request.

use std::time::Duration;

use http::HeaderValue;
use http::header::{ACCEPT, AUTHORIZATION};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use paperless_transport::layers::{BaseUrlLayer, RetryPolicy, trace_layer};
use paperless_transport::{ApiVersion, Auth, BaseUrl, Body, HttpClient, boxed};
use tower::{Layer, ServiceBuilder};
use tower_http::set_header::SetRequestHeaderLayer;

use crate::support::{CountLayer, builder, fast_retry, get, send_text};

fn plain_client() -> Client<HttpConnector, Body> {
    Client::builder(TokioExecutor::new()).build(HttpConnector::new())
}

async fn flaky_server() -> (mockito::ServerGuard, Vec<mockito::Mock>) {
    let mut server = mockito::Server::new_async().await;
    let fail = server
        .mock("GET", "/api/tags/")
        .match_header("authorization", "Token t")
        .match_header("accept", "application/json; version=10")
        .with_status(503)
        .expect(1)
        .create_async()
        .await;
    let ok = server
        .mock("GET", "/api/tags/")
        .match_header("authorization", "Token t")
        .match_header("accept", "application/json; version=10")
        .with_status(200)
        .with_body("[]")
        .expect(1)
        .create_async()
        .await;
    (server, vec![fail, ok])
}

#[tokio::test]
async fn swap_point_1_our_layers_over_your_bottom_service() {
    let (server, mocks) = flaky_server().await;
    let counter = CountLayer::default();
    let bottom = counter.layer(plain_client());
    let client = builder(&server.url())
        .auth(Auth::token("t"))
        .build_with(bottom)
        .unwrap();
    assert_eq!(
        send_text(&client, get("/api/tags/")).await,
        (200, "[]".to_owned())
    );
    // Below our retry layer, the counter sees both attempts.
    assert_eq!(counter.get(), 2);
    for m in mocks {
        m.assert_async().await;
    }
}

#[tokio::test]
async fn swap_point_2_any_service_with_our_types() {
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/tags/")
        .match_header("x-custom", "yes")
        .with_status(200)
        .with_body("[]")
        .expect(3)
        .create_async()
        .await;
    let counter = CountLayer::default();
    // A completely custom stack: only the base URL layer of ours (the service receives
    // origin-form URIs otherwise), a header of the user's, the counter, hyper-util.
    let service = ServiceBuilder::new()
        .layer(counter.clone())
        .layer(SetRequestHeaderLayer::overriding(
            http::header::HeaderName::from_static("x-custom"),
            HeaderValue::from_static("yes"),
        ))
        .layer(BaseUrlLayer::new(BaseUrl::parse(&server.url()).unwrap()))
        .service(plain_client());
    let client: HttpClient = boxed(service);
    for _ in 0..3 {
        assert_eq!(send_text(&client, get("/api/tags/")).await.0, 200);
    }
    assert_eq!(counter.get(), 3);
    mock.assert_async().await;

    // Wrapping a built HttpClient in user middleware works the same way.
    let mut server = mockito::Server::new_async().await;
    let mock = server
        .mock("GET", "/api/")
        .with_status(200)
        .expect(1)
        .create_async()
        .await;
    let outer = CountLayer::default();
    let wrapped: HttpClient = boxed(outer.layer(builder(&server.url()).build().unwrap()));
    assert_eq!(send_text(&wrapped, get("/api/")).await.0, 200);
    assert_eq!(outer.get(), 1);
    mock.assert_async().await;
}

#[tokio::test]
async fn swap_point_3_our_public_layers_in_your_service_builder() {
    let (server, mocks) = flaky_server().await;
    let above_retry = CountLayer::default();
    let below_retry = CountLayer::default();
    let auth = Auth::token("t").header_value().unwrap().unwrap();
    let service = ServiceBuilder::new()
        .layer(above_retry.clone())
        .timeout(Duration::from_secs(10))
        .layer(tower::retry::RetryLayer::new(
            RetryPolicy::new(fast_retry()),
        ))
        .layer(trace_layer())
        .layer(below_retry.clone())
        .layer(SetRequestHeaderLayer::if_not_present(
            ACCEPT,
            HeaderValue::from_static(ApiVersion::V10.accept_header_value()),
        ))
        .layer(SetRequestHeaderLayer::overriding(AUTHORIZATION, auth))
        .layer(BaseUrlLayer::new(BaseUrl::parse(&server.url()).unwrap()))
        .service(plain_client());
    let client: HttpClient = boxed(service);
    assert_eq!(
        send_text(&client, get("/api/tags/")).await,
        (200, "[]".to_owned())
    );
    assert_eq!(above_retry.get(), 1, "one call");
    assert_eq!(below_retry.get(), 2, "two attempts");
    for m in mocks {
        m.assert_async().await;
    }
}

#[test]
fn the_client_is_clone_send_sync_and_built_without_a_runtime() {
    fn assert_traits<T: Clone + Send + Sync + 'static>(_: &T) {}
    // No tokio runtime here: building must not spawn anything.
    let client = builder("https://paperless.example.com")
        .auth(Auth::token("t"))
        .build()
        .unwrap();
    assert_traits(&client);
    let _copy = client.clone();
}
