//! Fault injection: make chosen requests slow, fail, or break, a set number of times.

use std::fmt;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use http::Method;

/// Which requests a [`Fault`] applies to: a method (or any) and a path (exact, or a prefix).
///
/// Paths are compared without the query string, as sent (`/api/documents/`).
///
/// ```
/// use paperless_testkit::Route;
///
/// let list = Route::get("/api/documents/"); //           GET /api/documents/ only
/// let any_tag = Route::any("/api/tags/").prefix(); //   every method, /api/tags/...
/// let everything = Route::everything();
/// # drop((list, any_tag, everything));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    method: Option<Method>,
    path: String,
    prefix: bool,
}

impl Route {
    /// Requests with this method to exactly this path.
    #[must_use]
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Self {
            method: Some(method),
            path: path.into(),
            prefix: false,
        }
    }

    /// `GET` requests to this path.
    #[must_use]
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// `POST` requests to this path.
    #[must_use]
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }

    /// `PATCH` requests to this path.
    #[must_use]
    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::PATCH, path)
    }

    /// `PUT` requests to this path.
    #[must_use]
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }

    /// `DELETE` requests to this path.
    #[must_use]
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }

    /// Requests with any method to this path.
    #[must_use]
    pub fn any(path: impl Into<String>) -> Self {
        Self {
            method: None,
            path: path.into(),
            prefix: false,
        }
    }

    /// Every request.
    #[must_use]
    pub fn everything() -> Self {
        Self::any("/").prefix()
    }

    /// Matches every path that starts with this route's path (`/api/documents/` then also
    /// matches `/api/documents/5/download/`).
    #[must_use]
    pub fn prefix(mut self) -> Self {
        self.prefix = true;
        self
    }

    pub(crate) fn matches(&self, method: &Method, path: &str) -> bool {
        let method_ok = self
            .method
            .as_ref()
            .is_none_or(|m| m == method || (*m == Method::GET && *method == Method::HEAD));
        let path_ok = if self.prefix {
            path.starts_with(&self.path)
        } else {
            path == self.path
        };
        method_ok && path_ok
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.method {
            Some(m) => write!(f, "{m} ")?,
            None => f.write_str("* ")?,
        }
        f.write_str(&self.path)?;
        if self.prefix {
            f.write_str("*")?;
        }
        Ok(())
    }
}

/// What an injected fault does to a matching request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FaultKind {
    /// Waits this long, then answers normally.
    Delay(Duration),
    /// Answers with this status and a DRF-style JSON `detail` body, without doing anything.
    Status(u16),
    /// Answers `429 Too Many Requests` with a `Retry-After` header of this many seconds and
    /// DRF's throttling message.
    TooManyRequests {
        /// The value of the `Retry-After` header, in seconds.
        retry_after_secs: u64,
    },
    /// Answers `502 Bad Gateway` with an HTML page, as a reverse proxy does when Paperless-ngx is
    /// down.
    BadGatewayHtml,
    /// Sends the real response's status and headers (with its full `Content-Length`), half of
    /// its body, then closes the connection.
    DropMidBody,
    /// Sends the real response's status with a `Content-Type: application/json` body that is
    /// cut in half (so it is not valid JSON) and a matching `Content-Length`.
    MalformedJson,
}

/// A fault to inject with [`TestServer::inject`](crate::TestServer::inject): what happens and
/// how many times (by default once).
///
/// ```
/// use std::time::Duration;
/// use paperless_testkit::Fault;
///
/// let twice_unavailable = Fault::status(503).times(2);
/// let throttled = Fault::too_many_requests(Duration::from_secs(1));
/// let always_slow = Fault::delay(Duration::from_millis(50)).always();
/// # drop((twice_unavailable, throttled, always_slow));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a fault does nothing until it is injected with TestServer::inject"]
pub struct Fault {
    kind: FaultKind,
    times: Option<u64>,
}

impl Fault {
    /// A fault of this kind, applied once.
    pub fn new(kind: FaultKind) -> Self {
        Self {
            kind,
            times: Some(1),
        }
    }

    /// Delays the response by `delay`, then answers normally.
    pub fn delay(delay: Duration) -> Self {
        Self::new(FaultKind::Delay(delay))
    }

    /// Answers with `status` (for example 503) and a JSON `detail` body.
    pub fn status(status: u16) -> Self {
        Self::new(FaultKind::Status(status))
    }

    /// Answers `429` with `Retry-After` (whole seconds, rounded up).
    pub fn too_many_requests(retry_after: Duration) -> Self {
        let secs = retry_after.as_secs() + u64::from(retry_after.subsec_nanos() > 0);
        Self::new(FaultKind::TooManyRequests {
            retry_after_secs: secs,
        })
    }

    /// Answers `502` with a proxy's HTML error page.
    pub fn bad_gateway_html() -> Self {
        Self::new(FaultKind::BadGatewayHtml)
    }

    /// Sends half of the real body, then drops the connection.
    pub fn drop_mid_body() -> Self {
        Self::new(FaultKind::DropMidBody)
    }

    /// Sends the real status with half of the real body: invalid JSON.
    pub fn malformed_json() -> Self {
        Self::new(FaultKind::MalformedJson)
    }

    /// Applies the fault to the next `n` matching requests (default 1).
    pub fn times(mut self, n: u64) -> Self {
        self.times = Some(n);
        self
    }

    /// Applies the fault to every matching request until it is removed.
    pub fn always(mut self) -> Self {
        self.times = None;
        self
    }

    /// What the fault does.
    #[must_use]
    pub fn kind(&self) -> &FaultKind {
        &self.kind
    }
}

/// An injected fault: how often it fired, and a way to remove it.
///
/// Clones share the same fault.
#[derive(Debug, Clone)]
pub struct FaultHandle {
    pub(crate) active: Arc<ActiveFault>,
}

impl FaultHandle {
    /// How many requests the fault has been applied to.
    #[must_use]
    pub fn hits(&self) -> u64 {
        self.active.hits.load(Ordering::SeqCst)
    }

    /// How many more requests it will be applied to (`None`: no limit).
    #[must_use]
    pub fn remaining(&self) -> Option<u64> {
        *lock(&self.active.remaining)
    }

    /// What the fault does.
    #[must_use]
    pub fn kind(&self) -> &FaultKind {
        &self.active.kind
    }

    /// The requests it applies to.
    #[must_use]
    pub fn route(&self) -> &Route {
        &self.active.route
    }

    /// Stops applying the fault.
    pub fn disarm(&self) {
        *lock(&self.active.remaining) = Some(0);
    }
}

/// A fault waiting for requests.
#[derive(Debug)]
pub(crate) struct ActiveFault {
    pub(crate) route: Route,
    pub(crate) kind: FaultKind,
    remaining: Mutex<Option<u64>>,
    hits: AtomicU64,
}

impl ActiveFault {
    pub(crate) fn new(route: Route, fault: Fault) -> Self {
        Self {
            route,
            kind: fault.kind,
            remaining: Mutex::new(fault.times),
            hits: AtomicU64::new(0),
        }
    }

    /// Takes one use of the fault for this request, if it matches and has uses left.
    pub(crate) fn take(&self, method: &Method, path: &str) -> bool {
        if !self.route.matches(method, path) {
            return false;
        }
        let mut remaining = lock(&self.remaining);
        match remaining.as_mut() {
            Some(0) => return false,
            Some(n) => *n -= 1,
            None => {}
        }
        self.hits.fetch_add(1, Ordering::SeqCst);
        true
    }

    /// `true` once it can never fire again.
    pub(crate) fn is_spent(&self) -> bool {
        *lock(&self.remaining) == Some(0)
    }
}

/// Locks a mutex, recovering from poisoning (the data are plain counters and maps).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_match_method_and_path() {
        let r = Route::get("/api/tags/");
        assert!(r.matches(&Method::GET, "/api/tags/"));
        assert!(r.matches(&Method::HEAD, "/api/tags/"));
        assert!(!r.matches(&Method::POST, "/api/tags/"));
        assert!(!r.matches(&Method::GET, "/api/tags/1/"));
        let p = Route::any("/api/documents/").prefix();
        assert!(p.matches(&Method::DELETE, "/api/documents/5/"));
        assert_eq!(p.to_string(), "* /api/documents/*");
    }

    #[test]
    fn faults_fire_the_set_number_of_times() {
        let f = ActiveFault::new(Route::everything(), Fault::status(503).times(2));
        assert!(f.take(&Method::GET, "/a"));
        assert!(f.take(&Method::GET, "/b"));
        assert!(!f.take(&Method::GET, "/c"));
        assert!(f.is_spent());
        let f = ActiveFault::new(Route::everything(), Fault::status(503).always());
        for _ in 0..5 {
            assert!(f.take(&Method::GET, "/"));
        }
        assert!(!f.is_spent());
    }
}
