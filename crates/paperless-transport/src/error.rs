//! [`BuildError`]: what can go wrong while assembling a transport.

/// An error found while building a transport: nothing has been sent yet. Each variant says what
/// to fix.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// The base URL could not be used.
    #[error("invalid Paperless-ngx base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The text as given.
        url: String,
        /// Why it was refused and what to give instead.
        reason: String,
    },
}
