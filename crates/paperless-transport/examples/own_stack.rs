//! Swap point 3: assemble your own `ServiceBuilder` from the public layers of
//! paperless-transport, with your middleware wherever you want it: here a concurrency limit above
//! the retry layer (a limit on calls) and a metrics counter below it (it counts attempts).
//!
//! Runs against an in-process service that fails once with 503, so the retry is visible:
//! `cargo run -p paperless-transport --example own_stack`.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http::header::{ACCEPT, AUTHORIZATION, USER_AGENT};
use http::{HeaderValue, Request, Response};
use http_body_util::Full;
use paperless_transport::layers::{BaseUrlLayer, RetryConfig, RetryPolicy, trace_layer};
use paperless_transport::{
    ApiVersion, Auth, BaseUrl, Body, BoxError, DEFAULT_USER_AGENT, HttpClient, boxed,
};
use tower::ServiceBuilder;
use tower::ServiceExt;
use tower_http::set_header::SetRequestHeaderLayer;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), BoxError> {
    let attempts = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&attempts);

    // Stands in for the network: the first request gets a 503, the others a 200.
    let seen = Arc::new(AtomicUsize::new(0));
    let server = tower::service_fn(move |_req: Request<Body>| {
        let n = seen.fetch_add(1, Ordering::SeqCst);
        async move {
            let status = if n == 0 { 503 } else { 200 };
            Ok::<_, Infallible>(
                Response::builder()
                    .status(status)
                    .body(Full::new(Bytes::from_static(b"{}")))
                    .unwrap_or_default(),
            )
        }
    });

    let token = Auth::token("0123456789abcdef").header_value()?;
    let stack = ServiceBuilder::new()
        .concurrency_limit(4) // your middleware, above retry: counts calls
        .timeout(Duration::from_secs(120)) // total
        .layer(tower::retry::RetryLayer::new(RetryPolicy::new(
            RetryConfig::new().initial_backoff(Duration::from_millis(20)),
        )))
        .layer(trace_layer())
        .timeout(Duration::from_secs(30)) // per attempt
        .map_request(move |req: Request<Body>| {
            counter.fetch_add(1, Ordering::SeqCst); // your middleware, below retry: counts attempts
            req
        })
        .layer(SetRequestHeaderLayer::if_not_present(
            ACCEPT,
            HeaderValue::from_static(ApiVersion::V10.accept_header_value()),
        ))
        .layer(SetRequestHeaderLayer::if_not_present(
            USER_AGENT,
            HeaderValue::from_static(DEFAULT_USER_AGENT),
        ))
        .option_layer(token.map(|v| SetRequestHeaderLayer::overriding(AUTHORIZATION, v)))
        .layer(BaseUrlLayer::new(BaseUrl::parse(
            "https://paperless.example.com",
        )?))
        .service(server);
    let client: HttpClient = boxed(stack);

    let response = client
        .oneshot(Request::get("/api/tags/").body(Body::empty())?)
        .await?;
    println!(
        "status {} after {} attempts",
        response.status(),
        attempts.load(Ordering::SeqCst)
    );
    Ok(())
}
