//! The HTTP transport of paperless-rs: a tower [`Service`](tower::Service) stack over hyper 1,
//! hyper-util and rustls.
//!
//! This crate knows HTTP and three Paperless-ngx conventions (the `Authorization: Token` scheme,
//! the `Accept: application/json; version=N` header, and how a base URL and sub-path join), but
//! never a resource or what a response body means. Every layer is public, so a custom stack can
//! reuse any of them.
//!
//! The contract with the layer above (the client): requests carry an origin-form URI relative to
//! the installation root (`/api/documents/?page=2`) and a [`Body`]; responses carry a streamed
//! [`ResponseBody`]; every error is a [`BoxError`], which [`classify`] sorts into timeouts,
//! connect failures, TLS failures and closed connections.
//!
//! # The default stack
//!
//! ```no_run
//! use std::time::Duration;
//! use http_body_util::BodyExt;
//! use paperless_transport::{Auth, BaseUrl, Body, TransportBuilder};
//! use tower::ServiceExt;
//!
//! # async fn run() -> Result<(), paperless_transport::BoxError> {
//! let client = TransportBuilder::new(BaseUrl::parse("https://paperless.example.com")?)
//!     .auth(Auth::token(std::env::var("PAPERLESS_TOKEN")?))
//!     .timeout(Duration::from_secs(30))
//!     .build()?;
//!
//! // `HttpClient` is a cloneable tower service: clone it per call (cheap) and send.
//! let request = http::Request::get("/api/tags/?page=1").body(Body::empty())?;
//! let response = client.clone().oneshot(request).await?;
//! let json = response.into_body().collect().await?.to_bytes();
//! # drop(json);
//! # Ok(())
//! # }
//! ```
//!
//! That stack retries transient failures of idempotent requests, bounds each attempt and the
//! whole call with timeouts, traces one span per attempt and speaks HTTP/1.1 or HTTP/2 over
//! rustls, through the HTTP proxy the environment names (`HTTPS_PROXY`, `NO_PROXY`, ...) or the
//! [`Proxy`] given. [`TransportBuilder`] lists every option and its default.
//!
//! # Swap points
//!
//! 1. [`TransportBuilder::build_with`]: all our layers over your bottom service (a mock, an
//!    in-process router, a client with its own DNS or proxy).
//! 2. [`boxed`]: any tower service with our request and response types becomes an
//!    [`HttpClient`].
//! 3. [`layers`]: every layer is public, to assemble your own `ServiceBuilder` with your own
//!    middleware anywhere.
//!
//! `examples/` has one program for each; `docs/transport.md` explains them.
//!
//! # Features
//!
//! | feature | default | what it does |
//! |---|---|---|
//! | `ring` | yes | rustls with the ring crypto provider |
//! | `aws-lc-rs` | no | rustls with aws-lc-rs; takes precedence over `ring` when both are on |
//! | `webpki-roots` | yes | Mozilla's root certificates, compiled in |
//! | `native-roots` | no | the operating system's root certificates (both may be on) |
//! | `gzip` | no | gzip response decompression |
//!
//! The crypto provider is always passed explicitly (`ClientConfig::builder_with_provider`), so
//! other crates enabling a second provider never cause rustls's "no process-level provider"
//! panic. With neither `ring` nor `aws-lc-rs` the crate does not compile, with a message saying
//! so.

mod auth;
mod base_url;
mod body;
mod builder;
mod classify;
mod connector;
mod error;
pub mod layers;
mod proxy;
mod tls;

pub use auth::Auth;
pub use base_url::BaseUrl;
pub use body::Body;
pub use builder::{DEFAULT_USER_AGENT, TransportBuilder};
pub use classify::{TimeoutError, TimeoutKind, TransportErrorKind, classify};
pub use connector::{Connection, Connector};
pub use error::BuildError;
pub use layers::{JsonTooLargeError, MaxJsonBody, RetryConfig};
/// The API versions of Paperless-ngx (re-export of `paperless_types::ApiVersion`, whose module
/// holds the compatibility rule).
pub use paperless_types::ApiVersion;
pub use proxy::{Proxy, ProxyError};

use bytes::Bytes;
use http_body_util::BodyExt;

/// The error type flowing through the stack: any error, boxed.
pub type BoxError = tower::BoxError;

/// The response body the stack hands back: streamed, never collected by this crate.
pub type ResponseBody = http_body_util::combinators::UnsyncBoxBody<Bytes, BoxError>;

/// The erased transport: a cloneable, shareable tower service from `Request<Body>` to
/// `Response<ResponseBody>`. Nothing is spawned to build one, and it works on any tokio runtime.
pub type HttpClient =
    tower::util::BoxCloneSyncService<http::Request<Body>, http::Response<ResponseBody>, BoxError>;

/// Erases any compatible tower service into an [`HttpClient`]: its response body is boxed and its
/// error converted to [`BoxError`].
pub fn boxed<S, B>(service: S) -> HttpClient
where
    S: tower::Service<http::Request<Body>, Response = http::Response<B>>
        + Clone
        + Send
        + Sync
        + 'static,
    S::Error: Into<BoxError>,
    S::Future: Send + 'static,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Error: Into<BoxError>,
{
    use tower::ServiceExt;
    HttpClient::new(
        service
            .map_response(|res: http::Response<B>| {
                res.map(|b| b.map_err(Into::into).boxed_unsync())
            })
            .map_err(Into::into),
    )
}
