//! Swap point 2: hand the client any tower service with our request and response types. Here a
//! completely custom stack: hyper-util's client (no TLS, so `http://` only), a concurrency limit,
//! a request counter, and our `BaseUrlLayer` (without it the service would receive origin-form
//! URIs such as `/api/tags/`). `boxed` erases it into the `HttpClient` the client crate takes.
//!
//! Nothing is sent: it only builds the stack. Run with
//! `cargo run -p paperless-transport --example any_service`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use paperless_transport::layers::BaseUrlLayer;
use paperless_transport::{BaseUrl, Body, BuildError, HttpClient, boxed};
use tower::ServiceBuilder;

fn main() -> Result<(), BuildError> {
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&sent);
    let service = ServiceBuilder::new()
        .concurrency_limit(8)
        .map_request(move |req: http::Request<Body>| {
            counter.fetch_add(1, Ordering::Relaxed);
            req
        })
        .layer(BaseUrlLayer::new(BaseUrl::parse(
            "http://paperless.lan:8000",
        )?))
        .service(Client::builder(TokioExecutor::new()).build::<_, Body>(HttpConnector::new()));
    let client: HttpClient = boxed(service);
    println!(
        "built {client:?}; requests so far: {}",
        sent.load(Ordering::Relaxed)
    );
    Ok(())
}
