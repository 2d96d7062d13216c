//! Retrying transient failures: [`RetryConfig`], [`RetryPolicy`] (a tower `retry::Policy`) and
//! the [`Attempt`] request extension.

use std::time::{Duration, Instant, SystemTime};

use http::{HeaderMap, Method, Request, Response, StatusCode};
use tower::util::rng::{HasherRng, Rng};

use crate::{Body, BoxError, BuildError, classify};

/// When and how often to retry. Used by [`RetryPolicy`]; set on the builder with
/// [`TransportBuilder::retry`](crate::TransportBuilder::retry).
///
/// What is retried (fixed, not configurable, because anything else is unsafe):
/// - only idempotent methods: `GET`, `HEAD`, `OPTIONS`, `PUT`, `DELETE` (never `POST`, `PATCH`);
/// - only requests with a buffered [`Body`] (a streaming upload cannot be replayed);
/// - only on `429 Too Many Requests`, `502 Bad Gateway`, `503 Service Unavailable`,
///   `504 Gateway Timeout`, a timed-out attempt, a failed connect, or a connection that closed
///   before the response was complete (the keep-alive race).
///
/// Between attempts it waits an exponential backoff with jitter (`initial_backoff` doubled per
/// retry, capped at `max_backoff`, then a random value between half of that and all of it), or
/// what a `Retry-After` header asks (seconds or an HTTP date) when the server sends one.
///
/// Defaults: 3 retries (4 attempts), 100 ms initial backoff, 5 s maximum backoff, `Retry-After`
/// honoured up to 30 s (a longer wait is not attempted: the response is returned as is), and no
/// retry is started that would end more than 60 s after the first attempt began.
///
/// ```
/// use std::time::Duration;
/// use paperless_transport::layers::RetryConfig;
///
/// let config = RetryConfig::new()
///     .max_retries(5)
///     .initial_backoff(Duration::from_millis(250))
///     .max_retry_after(Duration::from_secs(10));
/// assert_eq!(config.retry_limit(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryConfig {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    max_elapsed: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self {
            max_retries: 3,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(30),
            max_elapsed: Duration::from_secs(60),
        }
    }
}

impl RetryConfig {
    /// The defaults (see the type's documentation).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// How many times a request is retried after its first attempt (so at most `n + 1`
    /// attempts). `0` disables retrying.
    #[must_use]
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// The backoff before the first retry; it doubles for each further retry.
    #[must_use]
    pub fn initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// The largest backoff between two attempts (before jitter).
    #[must_use]
    pub fn max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// The longest `Retry-After` honoured. When the server asks for a longer wait, the response
    /// (typically a 429 or 503) is returned instead of waiting.
    #[must_use]
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }

    /// The retry budget in time: no retry is started whose wait would end later than this after
    /// the first attempt began. (The total timeout, if set, bounds the whole call regardless.)
    #[must_use]
    pub fn max_elapsed(mut self, d: Duration) -> Self {
        self.max_elapsed = d;
        self
    }

    /// How many times a request is retried at most (set with
    /// [`max_retries`](Self::max_retries)).
    #[must_use]
    pub fn retry_limit(&self) -> u32 {
        self.max_retries
    }

    /// Checks the settings are consistent.
    ///
    /// # Errors
    /// [`BuildError::InvalidRetry`] when `max_backoff` is smaller than `initial_backoff`.
    pub fn validate(&self) -> Result<(), BuildError> {
        if self.max_backoff < self.initial_backoff {
            return Err(BuildError::InvalidRetry {
                reason: format!(
                    "max_backoff ({:?}) is smaller than initial_backoff ({:?}); raise max_backoff",
                    self.max_backoff, self.initial_backoff
                ),
            });
        }
        Ok(())
    }

    /// The jittered backoff before retry number `retry` (1 for the first retry).
    fn backoff(&self, retry: u32, rng: &mut HasherRng) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        let base = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        // "Equal jitter": half fixed, half random, so retries from many clients spread out but
        // never collapse to zero.
        let half = base / 2;
        half + half.mul_f64(rng.next_f64())
    }
}

/// Which attempt a request is: a request extension set by [`RetryPolicy`] on every retry, read by
/// the tracing layer (and by any middleware below the retry layer that wants to know). A request
/// without it is on its first attempt.
///
/// The default stack also puts it on every response (a response extension), so the caller can
/// tell the answer to a retry from the answer to the first attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Attempt(u32);

impl Default for Attempt {
    /// The first attempt.
    fn default() -> Self {
        Self(1)
    }
}

impl Attempt {
    /// The attempt number, starting at 1.
    #[must_use]
    pub fn number(self) -> u32 {
        self.0
    }

    /// The attempt number of `req` (1 when no [`Attempt`] extension is set).
    #[must_use]
    pub fn of<B>(req: &Request<B>) -> u32 {
        req.extensions().get::<Self>().map_or(1, |a| a.0)
    }
}

/// When the first attempt of a request began, carried on the stored copy for the retry budget.
#[derive(Debug, Clone, Copy)]
struct FirstAttemptAt(Instant);

/// The tower [`Policy`](tower::retry::Policy) behind the retry layer; see [`RetryConfig`] for what
/// it retries and how long it waits.
///
/// Use it in a custom stack with `tower::retry::RetryLayer::new(RetryPolicy::new(config))`. Put
/// it above a per-attempt timeout, so a timed-out attempt is retried, and below a total timeout.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    config: RetryConfig,
    rng: HasherRng,
}

impl RetryPolicy {
    /// A policy with this configuration.
    #[must_use]
    pub fn new(config: RetryConfig) -> Self {
        Self {
            config,
            rng: HasherRng::new(),
        }
    }

    /// The configuration in use.
    #[must_use]
    pub fn config(&self) -> &RetryConfig {
        &self.config
    }
}

/// `true` for the methods RFC 9110 calls idempotent and that Paperless uses that way.
#[must_use]
pub fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
    )
}

/// `true` for the statuses worth retrying: 429, 502, 503, 504.
#[must_use]
pub fn is_transient_status(status: StatusCode) -> bool {
    matches!(
        status,
        StatusCode::TOO_MANY_REQUESTS
            | StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT
    )
}

/// The wait a `Retry-After` header asks for: delay-seconds (`120`) or an HTTP date (a date in the
/// past means no wait). `None` when absent or unreadable.
#[must_use]
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(text).ok()?;
    Some(
        at.duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    )
}

impl<B> tower::retry::Policy<Request<Body>, Response<B>, BoxError> for RetryPolicy {
    type Future = tokio::time::Sleep;

    fn retry(
        &mut self,
        req: &mut Request<Body>,
        result: &mut Result<Response<B>, BoxError>,
    ) -> Option<Self::Future> {
        if !is_idempotent(req.method()) || !req.body().is_buffered() {
            return None;
        }
        let finished = Attempt::of(req);
        if finished > self.config.max_retries {
            return None;
        }
        let delay = match result {
            Ok(res) if is_transient_status(res.status()) => match retry_after(res.headers()) {
                Some(asked) if asked > self.config.max_retry_after => return None,
                Some(asked) => asked,
                None => self.config.backoff(finished, &mut self.rng),
            },
            Ok(_) => return None,
            Err(e) if classify(&**e).is_transient() => self.config.backoff(finished, &mut self.rng),
            Err(_) => return None,
        };
        if let Some(FirstAttemptAt(start)) = req.extensions().get::<FirstAttemptAt>()
            && start.elapsed().saturating_add(delay) > self.config.max_elapsed
        {
            return None;
        }
        req.extensions_mut()
            .insert(Attempt(finished.saturating_add(1)));
        Some(tokio::time::sleep(delay))
    }

    fn clone_request(&mut self, req: &Request<Body>) -> Option<Request<Body>> {
        if self.config.max_retries == 0 || !is_idempotent(req.method()) {
            return None;
        }
        let body = req.body().try_clone()?;
        let mut copy = Request::new(body);
        *copy.method_mut() = req.method().clone();
        *copy.uri_mut() = req.uri().clone();
        *copy.version_mut() = req.version();
        *copy.headers_mut() = req.headers().clone();
        *copy.extensions_mut() = req.extensions().clone();
        if copy.extensions().get::<FirstAttemptAt>().is_none() {
            copy.extensions_mut().insert(FirstAttemptAt(Instant::now()));
        }
        Some(copy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let cfg = RetryConfig::new()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        let mut rng = HasherRng::new();
        for _ in 0..50 {
            let first = cfg.backoff(1, &mut rng);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
            let second = cfg.backoff(2, &mut rng);
            assert!(second >= Duration::from_millis(100) && second <= Duration::from_millis(200));
            let capped = cfg.backoff(10, &mut rng);
            assert!(capped >= Duration::from_millis(175) && capped <= Duration::from_millis(350));
            let huge = cfg.backoff(u32::MAX, &mut rng);
            assert!(huge <= Duration::from_millis(350));
        }
        // The largest settings saturate instead of overflowing.
        let max = RetryConfig::new()
            .initial_backoff(Duration::MAX)
            .max_backoff(Duration::MAX);
        for retry in [1, 2, 64, u32::MAX] {
            assert!(max.backoff(retry, &mut rng) >= Duration::MAX / 2);
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let mut h = HeaderMap::new();
        h.insert(http::header::RETRY_AFTER, "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        let future = SystemTime::now() + Duration::from_secs(120);
        h.insert(
            http::header::RETRY_AFTER,
            httpdate::fmt_http_date(future).parse().unwrap(),
        );
        let wait = retry_after(&h).unwrap();
        assert!(
            wait > Duration::from_secs(115) && wait <= Duration::from_secs(120),
            "{wait:?}"
        );
        h.insert(
            http::header::RETRY_AFTER,
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), Some(Duration::ZERO));
        h.insert(http::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&h), None);
    }

    #[test]
    fn inconsistent_backoff_is_refused() {
        let err = RetryConfig::new()
            .initial_backoff(Duration::from_secs(2))
            .max_backoff(Duration::from_secs(1))
            .validate()
            .unwrap_err();
        assert!(err.to_string().contains("raise max_backoff"), "{err}");
    }
}
