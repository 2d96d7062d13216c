//! The two swap points of the client, each with a layer of your own (a request counter):
//!
//! 1. `Paperless::builder(url).build_with(bottom)`: every layer of this crate (auth, JSON buffering,
//!    retries, timeouts, tracing) over your bottom service, here hyper-util's plain pool wrapped
//!    in the counter. Retries go through the counter, so it counts attempts.
//! 2. `Paperless::from_service(service, base)`: any tower service, here the complete default
//!    transport with the counter on top, so it counts calls.
//!
//! ```sh
//! cargo run -p paperless-client --example custom_transport            # the demo test server
//! PAPERLESS_URL=http://localhost:8000 PAPERLESS_TOKEN=... \
//!     cargo run -p paperless-client --example custom_transport
//! ```

#[path = "common/mod.rs"]
mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use paperless_client::Paperless;
use paperless_client::transport::{Auth, BaseUrl, Body, TransportBuilder, boxed};
use tower::ServiceBuilder;

/// A layer counting the requests that pass through it.
fn counter(count: Arc<AtomicUsize>) -> impl Fn(http::Request<Body>) -> http::Request<Body> + Clone {
    move |request| {
        count.fetch_add(1, Ordering::Relaxed);
        request
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (_client, server) = common::connect().await?;
    let (url, token) = (server.url().to_owned(), server.token());

    // Swap point 1: our layers over your bottom service. The bottom service receives absolute
    // URIs with every header set. (`build_http` speaks plain HTTP; for HTTPS give it a TLS
    // connector, or use `build()` and the default stack.)
    let attempts = Arc::new(AtomicUsize::new(0));
    let bottom = ServiceBuilder::new()
        .map_request(counter(Arc::clone(&attempts)))
        .service(Client::builder(TokioExecutor::new()).build_http::<Body>());
    let client = Paperless::builder(&url)
        .token(token.as_str())
        .build_with(bottom)?;
    let server = client.server_info().await?;
    println!(
        "swap point 1: Paperless-ngx {}; {} attempt(s) reached the bottom service",
        server.version,
        attempts.load(Ordering::Relaxed)
    );

    // Swap point 2: a complete service of yours. Here: the default transport, built directly,
    // with the counter on top. The client adds only the base URL.
    let base = BaseUrl::parse(&url)?;
    let transport = TransportBuilder::new(base.clone())
        .auth(Auth::token(token))
        .build()?;
    let calls = Arc::new(AtomicUsize::new(0));
    let service = ServiceBuilder::new()
        .map_request(counter(Arc::clone(&calls)))
        .service(transport);
    let client = Paperless::from_service(boxed(service), base);
    client.server_info().await?;
    println!(
        "swap point 2: {} call(s) went through the counter",
        calls.load(Ordering::Relaxed)
    );
    Ok(())
}
