//! [`BuildError`]: what can go wrong while assembling a transport.

/// An error found while building a transport: nothing has been sent yet. Each variant says what
/// to fix.
///
/// No variant ever carries a secret: a token, password or private key that fails validation is
/// described, never quoted.
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
    /// A header value (token, user name, password, user agent) cannot be sent over HTTP.
    #[error("invalid value for the {header} header: {reason}")]
    InvalidHeader {
        /// Which header (or which part of it, such as `Authorization (token)`).
        header: &'static str,
        /// Why it was refused and what to give instead; never the value itself.
        reason: String,
    },
    /// A PEM given as an extra root certificate could not be used.
    #[error("invalid root certificate: {reason}")]
    InvalidCertificate {
        /// What is wrong with the PEM and what to give instead.
        reason: String,
    },
    /// The client certificate chain or private key for mutual TLS could not be used.
    #[error("invalid client identity for mutual TLS: {reason}")]
    InvalidClientIdentity {
        /// What is wrong with the certificate chain or key (never the key itself).
        reason: String,
    },
    /// An `https://` base URL but no certificate authority to check the server against.
    #[error("no TLS root certificates to verify {base_url} with: {reason}")]
    NoTlsRoots {
        /// The base URL the transport was built for.
        base_url: String,
        /// Why the trust store is empty and how to fill it.
        reason: String,
    },
    /// The TLS configuration could not be assembled.
    #[error("cannot configure TLS: {reason}")]
    Tls {
        /// What rustls refused.
        reason: String,
    },
    /// A proxy URL (from an environment variable such as `HTTPS_PROXY`, or given to a
    /// [`Proxy`](crate::Proxy) constructor) or its credentials cannot be used.
    #[error("invalid proxy URL {url:?} in {setting}: {reason}")]
    InvalidProxy {
        /// Where the URL came from: the environment variable (`HTTPS_PROXY`, `http_proxy`,
        /// `ALL_PROXY`, ...) or the constructor (`Proxy::all`, `Proxy::http`, `Proxy::https`).
        setting: &'static str,
        /// The URL as given, with any credentials replaced by `***` (a boxed string, which keeps
        /// this error small).
        url: Box<str>,
        /// Why it was refused and what to give instead.
        reason: String,
    },
    /// A retry setting is out of range.
    #[error("invalid retry configuration: {reason}")]
    InvalidRetry {
        /// Which setting and what range it must be in.
        reason: String,
    },
}
