//! The public tower layers of the stack, reusable in a custom `ServiceBuilder` (swap point 3).
//!
//! The default stack ([`TransportBuilder`](crate::TransportBuilder)) is, outermost first:
//!
//! | layer | what it does |
//! |---|---|
//! | [`CallTimeoutLayer::total`] | bounds the whole call, retries included (never below a request's [`AttemptTimeout`]) |
//! | `tower::retry::RetryLayer` with [`RetryPolicy`] | retries transient failures of idempotent requests |
//! | [`trace_layer`] | one `tracing` span per attempt |
//! | [`CallTimeoutLayer::attempt`] | bounds one attempt (a request's [`AttemptTimeout`] first); a timeout is retryable |
//! | [`BufferJsonLayer`] | reads JSON bodies whole inside the attempt (up to the request's [`MaxJsonBody`]), so a dropped connection is retried and a stall times out |
//! | [`IdleTimeoutLayer`] | ends a body that moves no data for the idle timeout (a request's [`IdleTimeout`] first): a stalled download, an upload the server stopped reading |
//! | `SetRequestHeaderLayer::if_not_present` | `Accept: application/json; version=N` ([`ApiVersion::accept_header_value`](crate::ApiVersion::accept_header_value)), unless the request has its own and `User-Agent` |
//! | `SetRequestHeaderLayer::overriding` | `Authorization` ([`Auth::header_value`](crate::Auth::header_value)) |
//! | `SetSensitiveRequestHeadersLayer` | marks `Authorization`, `Proxy-Authorization`, `Cookie` sensitive |
//! | [`BaseUrlLayer`] | joins origin-form URIs onto the base URL |
//! | `FollowRedirectLayer` (opt-in) | follows redirects, dropping credentials across origins |
//! | `DecompressionLayer` (feature `gzip`) | gzip |

mod base_url;
mod buffer_json;
mod retry;
mod timeouts;
mod trace;

pub use base_url::{BaseUrlLayer, BaseUrlService};
pub use buffer_json::{BufferJson, BufferJsonLayer, JsonTooLargeError, MaxJsonBody};
pub use retry::{
    Attempt, RetryConfig, RetryPolicy, is_idempotent, is_transient_status, retry_after,
};
pub use timeouts::{
    AttemptTimeout, CallTimeout, CallTimeoutLayer, IdleTimeout, IdleTimeoutLayer,
    IdleTimeoutService,
};
pub use trace::{
    AttemptTraceLayer, MakeAttemptSpan, Operation, RecordFailure, RecordResponse, ShownPath,
    trace_layer,
};
