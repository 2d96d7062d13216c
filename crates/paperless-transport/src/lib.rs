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
//! [`ResponseBody`]; every error is a [`BoxError`].

mod api_version;
mod auth;
mod base_url;
mod body;
mod builder;
mod classify;
mod error;
pub mod layers;
mod tls;

pub use api_version::ApiVersion;
pub use auth::Auth;
pub use base_url::BaseUrl;
pub use body::Body;
pub use builder::{DEFAULT_USER_AGENT, TransportBuilder};
pub use classify::{TimeoutError, TimeoutKind, TransportErrorKind, classify};
pub use error::BuildError;
pub use layers::RetryConfig;

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
