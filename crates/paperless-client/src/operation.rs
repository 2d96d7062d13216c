//! [`Operation`], what a request is for (`tags.list`), and the operations the crate's own
//! machinery sends (the server probe, the token request), which errors and hints refer to.

/// What a request is for: a resource and an action, shown as `tags.list`. Errors carry it; every
/// request runs in a `tracing` span named `paperless.request` with an `operation` field, and
/// travels down the transport as a request extension that names the transport's per-attempt span
/// (`paperless.http`, `otel.name = "tags.list"`). The one type shared with the transport
/// ([`paperless_transport::layers::Operation`]).
pub use paperless_transport::layers::Operation;

/// The operation of `POST /api/token/`.
pub(crate) const TOKEN_OBTAIN: Operation = Operation::new("token", "obtain");

/// The operation of the server probe: [`Paperless::server_info`](crate::Paperless::server_info),
/// and the API version negotiation that runs it before a client's first request.
pub(crate) const SERVER_INFO: Operation = Operation::new("server", "info");
