//! Error classification: what kind of failure a [`BoxError`](crate::BoxError) from the stack is,
//! without naming hyper, hyper-util or rustls types.

use std::error::Error as StdError;
use std::time::Duration;

/// What kind of failure a transport error is. Returned by [`classify`].
///
/// The client above maps these to predicates such as `is_timeout()`; the retry policy uses them to
/// decide what is worth another attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// A timeout fired: connecting, one attempt, or the whole call.
    Timeout,
    /// No connection could be opened: DNS failure, connection refused, unreachable host, or a
    /// proxy that could not be reached or refused to open a tunnel ([`ProxyError`](crate::ProxyError)).
    Connect,
    /// The TLS handshake failed: untrusted or invalid certificate, name mismatch, no common
    /// protocol, or a client certificate the server refused.
    Tls,
    /// An open connection closed before the response was complete: a pooled keep-alive
    /// connection the server had just closed, or a connection dropped mid-response.
    ConnectionClosed,
    /// Anything else: a protocol error, an error from user middleware, an invalid request.
    Other,
}

impl TransportErrorKind {
    /// `true` for the kinds that are worth retrying an idempotent request for: timeouts, connect
    /// failures and closed connections. TLS failures and other errors are not transient.
    #[must_use]
    pub fn is_transient(self) -> bool {
        matches!(self, Self::Timeout | Self::Connect | Self::ConnectionClosed)
    }
}

/// Classifies an error from the stack by walking its `source()` chain (and the errors wrapped
/// in `std::io::Error`s along it).
///
/// Precedence, when a chain holds several hints: timeout, then TLS, then closed connection, then
/// connect. So a connect error caused by a TLS handshake failure is [`TransportErrorKind::Tls`],
/// and a connect error caused by the connect timeout is [`TransportErrorKind::Timeout`].
///
/// ```
/// use paperless_transport::{BoxError, TransportErrorKind, classify};
///
/// let err: BoxError = std::io::Error::from(std::io::ErrorKind::ConnectionRefused).into();
/// assert_eq!(classify(&*err), TransportErrorKind::Connect);
/// ```
#[must_use]
pub fn classify(error: &(dyn StdError + 'static)) -> TransportErrorKind {
    let mut timeout = false;
    let mut tls = false;
    let mut closed = false;
    let mut connect = false;

    // A work list rather than a plain `source()` walk: `io::Error::source()` skips the error it
    // wraps (it returns that error's source), and tokio-rustls reports rustls errors that way.
    let mut pending: Vec<&(dyn StdError + 'static)> = vec![error];
    let mut seen = 0usize;
    while let Some(e) = pending.pop() {
        seen += 1;
        if seen > 64 {
            break; // A cyclic or absurdly deep chain: classify with what we have.
        }
        if e.is::<TimeoutError>() || e.is::<tower::timeout::error::Elapsed>() {
            timeout = true;
        } else if e.is::<rustls::Error>() {
            tls = true;
        } else if e.is::<crate::ProxyError>() {
            connect = true;
        } else if let Some(h) = e.downcast_ref::<hyper::Error>() {
            if h.is_timeout() {
                timeout = true;
            }
            if h.is_incomplete_message() || h.is_canceled() || h.is_closed() {
                closed = true;
            }
        } else if let Some(h) = e.downcast_ref::<hyper_util::client::legacy::Error>() {
            if h.is_connect() {
                connect = true;
            }
        } else if let Some(io) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind as K;
            match io.kind() {
                K::TimedOut => timeout = true,
                K::ConnectionRefused | K::AddrNotAvailable => connect = true,
                K::ConnectionReset | K::ConnectionAborted | K::BrokenPipe | K::UnexpectedEof => {
                    closed = true;
                }
                K::InvalidData if io.get_ref().is_some_and(is_rustls_message) => {
                    tls = true;
                }
                _ => {}
            }
            if let Some(inner) = io.get_ref() {
                pending.push(inner);
            }
        }
        if let Some(source) = e.source() {
            pending.push(source);
        }
    }

    if timeout {
        TransportErrorKind::Timeout
    } else if tls {
        TransportErrorKind::Tls
    } else if closed {
        TransportErrorKind::ConnectionClosed
    } else if connect {
        TransportErrorKind::Connect
    } else {
        TransportErrorKind::Other
    }
}

/// `true` when an error is rustls's error turned into text. HTTP/2 (the h2 crate) keeps only the
/// kind and message of I/O errors, so a TLS alert received on an HTTP/2 connection arrives as an
/// `InvalidData` I/O error wrapping a string; these are the prefixes of rustls's messages.
fn is_rustls_message(inner: &(dyn StdError + Send + Sync + 'static)) -> bool {
    if inner.is::<rustls::Error>() {
        return false; // Typed: found by the downcast when the walk reaches it.
    }
    const PREFIXES: &[&str] = &[
        "received fatal alert",
        "invalid peer certificate",
        "peer sent no certificates",
        "peer is incompatible",
        "peer misbehaved",
        "received corrupt message",
        "received unexpected message",
        "received unexpected handshake message",
        "cannot decrypt peer's message",
        "peer doesn't support any known protocol",
        "handshake not complete",
    ];
    let text = inner.to_string();
    PREFIXES.iter().any(|p| text.starts_with(p))
}

/// Which timeout fired. Part of [`TimeoutError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TimeoutKind {
    /// One attempt (connect, send, response head, and a buffered JSON body) took too long.
    Attempt,
    /// The whole call, all retries and their waits included, took too long.
    Total,
    /// A response body (a download, a JSON body being read) sent nothing for the idle timeout
    /// while it was being read.
    ReadIdle,
    /// The server stopped reading a streamed request body (an upload) for the idle timeout.
    WriteIdle,
}

/// A timeout of the stack fired. [`classify`] reports it as [`TransportErrorKind::Timeout`].
///
/// A connect timeout surfaces as hyper-util's connect error wrapping an `io::Error` of kind
/// `TimedOut`; [`classify`] reports that as a timeout too.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{} {after:?}; raise it with TransportBuilder::{} if the server is just slow", .kind.what(), .kind.setter())]
pub struct TimeoutError {
    kind: TimeoutKind,
    after: Duration,
}

impl TimeoutError {
    /// A timeout error of `kind` after `after`.
    #[must_use]
    pub fn new(kind: TimeoutKind, after: Duration) -> Self {
        Self { kind, after }
    }

    /// Which timeout fired.
    #[must_use]
    pub fn kind(&self) -> TimeoutKind {
        self.kind
    }

    /// The configured duration that elapsed.
    #[must_use]
    pub fn after(&self) -> Duration {
        self.after
    }
}

impl TimeoutKind {
    fn what(self) -> &'static str {
        match self {
            Self::Attempt => "the request attempt timed out after",
            Self::Total => "the request (all attempts) timed out after",
            Self::ReadIdle => "the response body stalled: no data arrived for",
            Self::WriteIdle => "the server stopped reading the request body: nothing was sent for",
        }
    }

    fn setter(self) -> &'static str {
        match self {
            Self::Attempt => "timeout",
            Self::Total => "total_timeout",
            Self::ReadIdle | Self::WriteIdle => "idle_timeout",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::BoxError;

    #[derive(Debug, thiserror::Error)]
    #[error("wrapper")]
    struct Wrapper(#[source] BoxError);

    #[test]
    fn walks_chains_and_io_wrappers() {
        let tls: BoxError = Box::new(Wrapper(Box::new(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        ))));
        assert_eq!(classify(&*tls), TransportErrorKind::Tls);

        let timeout: BoxError = Box::new(Wrapper(Box::new(TimeoutError::new(
            TimeoutKind::Attempt,
            Duration::from_secs(1),
        ))));
        assert_eq!(classify(&*timeout), TransportErrorKind::Timeout);

        let elapsed: BoxError = Box::new(tower::timeout::error::Elapsed::new());
        assert_eq!(classify(&*elapsed), TransportErrorKind::Timeout);

        let reset: BoxError = std::io::Error::from(std::io::ErrorKind::ConnectionReset).into();
        assert_eq!(classify(&*reset), TransportErrorKind::ConnectionClosed);

        // What h2 makes of a rustls alert: the kind and the message only.
        let h2_tls: BoxError = Box::new(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "received fatal alert: CertificateRequired",
        ));
        assert_eq!(classify(&*h2_tls), TransportErrorKind::Tls);
        let invalid: BoxError = Box::new(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ));
        assert_eq!(classify(&*invalid), TransportErrorKind::Other);

        let other: BoxError = "something else".into();
        assert_eq!(classify(&*other), TransportErrorKind::Other);
    }

    #[test]
    fn timeout_display_says_what_to_change() {
        let e = TimeoutError::new(TimeoutKind::Total, Duration::from_secs(5));
        assert_eq!(
            e.to_string(),
            "the request (all attempts) timed out after 5s; raise it with TransportBuilder::total_timeout if the server is just slow"
        );
    }
}
