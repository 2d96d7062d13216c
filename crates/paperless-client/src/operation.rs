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

/// The operations only Paperless-ngx 3.x has, as `(resource, action)` (`"*"`: every action of
/// the resource). On 2.x their routes fall through to the frontend (a `302` to the login page)
/// or are refused as an unknown choice; [`Paperless::execute`](crate::Paperless) refuses them
/// before sending once it knows the server is 2.x.
const ONLY_ON_3X: &[(&str, &str)] = &[
    ("share_link_bundles", "*"),
    ("documents", "root"),
    ("documents", "ai_suggestions"),
    ("documents", "chat"),
    ("documents", "update_version"),
    ("documents", "set_version_label"),
    ("documents", "delete_version"),
    ("documents", "remove_password"),
];

/// Whether `operation` exists only on Paperless-ngx 3.x.
pub(crate) fn needs_3x(operation: Operation) -> bool {
    ONLY_ON_3X.iter().any(|(resource, action)| {
        *resource == operation.resource() && (*action == "*" || *action == operation.action())
    })
}
