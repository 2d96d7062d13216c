//! [`ServerCost`], a cost model that makes the test server answer as slowly as a real
//! Paperless-ngx: a fixed time per request, a time per object serialised, and a limited number
//! of workers (requests beyond that wait their turn, first come first served). And [`Load`], how
//! busy the server has been.
//!
//! The in-memory server answers in microseconds, so without a cost model a benchmark cannot see
//! what a real server makes expensive: many small pages pay the fixed part of every request
//! again, and a server with two workers serves at most two pages at once. Waiting is done with
//! tokio timers and a fair semaphore: a costly server uses no CPU while it "works".

use std::fmt;
use std::num::NonZeroUsize;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio::time::Instant;

/// How long the test server takes to answer, and how many requests it works on at once.
///
/// A request first waits for a free worker (in arrival order, like the queue of a web server's
/// worker pool), then holds it for [`per_request`](Self::per_request) plus
/// [`per_object`](Self::per_object) for every object in the answer: the results of a list page,
/// one for any other JSON answer, none for files and empty answers. The time the server really
/// needs to build the answer counts towards that (the answer is ready at the modelled time, not
/// later, unless the machine itself is slower). Then the worker is free and the answer is sent.
///
/// The default, [`ServerCost::free`], costs nothing and limits nothing: normal tests stay fast.
/// [`ServerCost::paperless_ngx_3_0_5`] is calibrated on a real server. Network latency, which
/// holds no worker, is [`TestServerBuilder::response_delay`](crate::TestServerBuilder::response_delay).
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), paperless_testkit::StartError> {
/// use std::time::Duration;
/// use paperless_testkit::{ServerCost, TestServer};
///
/// // Like the real server the defaults were measured on ...
/// let real = ServerCost::paperless_ngx_3_0_5();
/// assert_eq!(real.per_request, Duration::from_millis(100));
/// // ... or a cheaper one, for a test that must not take long.
/// let server = TestServer::builder()
///     .seed_documents(100)
///     .cost(ServerCost::free().per_request(Duration::from_millis(2)).workers(1))
///     .start()
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServerCost {
    /// The time every request holds a worker, whatever it asks for (authentication, permission
    /// filtering, the count query of a list).
    pub per_request: Duration,
    /// The time each object in an answer adds (serialising a document with its tags, notes and
    /// custom fields).
    pub per_object: Duration,
    /// How many requests are worked on at once; `None`: as many as arrive.
    pub workers: Option<NonZeroUsize>,
}

impl ServerCost {
    /// No cost and no limit: the server answers as fast as it can (the default).
    #[must_use]
    pub const fn free() -> Self {
        Self {
            per_request: Duration::ZERO,
            per_object: Duration::ZERO,
            workers: None,
        }
    }

    /// Like Paperless-ngx 3.0.5 on 2 workers: 100 ms per request, 0.9 ms per object, 2 workers.
    ///
    /// Fitted to a real server (granian with 2 workers, SQLite, 5 000 documents, a 2-core
    /// machine): one connection fetching every document page after page took 24–26 s with
    /// pages of 25, 8.3–9.9 s with pages of 150 and 4.3–5.3 s with pages of 1 000, that is
    /// about 100 ms fixed per page (authentication, permission filtering, the count query) plus
    /// 0.8–1.0 ms per document serialised; and 2 workers serve at most 2 pages at once
    /// (paperless-rs issue #14).
    #[must_use]
    pub const fn paperless_ngx_3_0_5() -> Self {
        Self {
            per_request: Duration::from_millis(100),
            per_object: Duration::from_micros(900),
            workers: NonZeroUsize::new(2),
        }
    }

    /// Sets the time every request holds a worker.
    #[must_use]
    pub const fn per_request(mut self, time: Duration) -> Self {
        self.per_request = time;
        self
    }

    /// Sets the time each object in an answer adds.
    #[must_use]
    pub const fn per_object(mut self, time: Duration) -> Self {
        self.per_object = time;
        self
    }

    /// Sets how many requests are worked on at once (0: as many as arrive).
    #[must_use]
    pub const fn workers(mut self, workers: usize) -> Self {
        self.workers = NonZeroUsize::new(workers);
        self
    }

    /// `true` when requests cost nothing and are not limited.
    #[must_use]
    pub fn is_free(&self) -> bool {
        self.per_request.is_zero() && self.per_object.is_zero() && self.workers.is_none()
    }

    /// The time a worker spends on an answer with `objects` objects.
    fn work(&self, objects: u64) -> Duration {
        let objects = u32::try_from(objects).unwrap_or(u32::MAX);
        self.per_request
            .saturating_add(self.per_object.saturating_mul(objects))
    }
}

impl Default for ServerCost {
    fn default() -> Self {
        Self::free()
    }
}

impl fmt::Display for ServerCost {
    /// `100 ms per request + 0.9 ms per object, 2 workers`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        #[allow(clippy::cast_precision_loss)]
        let ms = |d: Duration| d.as_micros() as f64 / 1e3;
        write!(
            f,
            "{} ms per request + {} ms per object, ",
            ms(self.per_request),
            ms(self.per_object)
        )?;
        match self.workers {
            Some(n) => write!(f, "{n} workers"),
            None => f.write_str("unlimited workers"),
        }
    }
}

/// How busy the server has been since it started, from
/// [`TestServer::load`](crate::TestServer::load): what a test asserts to check a client's
/// concurrency, or that the [`ServerCost`] worker limit held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct Load {
    /// The most requests the server held at once, from their arrival until their answer was
    /// ready, waiting ones included: how many requests the clients had in flight.
    pub peak_in_flight: usize,
    /// The most requests worked on at once: never more than [`ServerCost::workers`].
    pub peak_working: usize,
    /// How many requests had to wait for a worker.
    pub queued: u64,
}

/// The cost model of a running server and its counters.
pub(crate) struct CostModel {
    cost: ServerCost,
    workers: Option<Semaphore>,
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
    working: AtomicUsize,
    peak_working: AtomicUsize,
    queued: AtomicU64,
}

impl CostModel {
    pub(crate) fn new(cost: ServerCost) -> Self {
        Self {
            cost,
            workers: cost.workers.map(|n| Semaphore::new(n.get())),
            in_flight: AtomicUsize::new(0),
            peak_in_flight: AtomicUsize::new(0),
            working: AtomicUsize::new(0),
            peak_working: AtomicUsize::new(0),
            queued: AtomicU64::new(0),
        }
    }

    /// Counts a request in until the guard is dropped (when its answer is ready).
    pub(crate) fn arrive(&self) -> Busy<'_> {
        raise(&self.in_flight, &self.peak_in_flight);
        Busy(&self.in_flight)
    }

    /// Waits for a worker (first come, first served), runs `answer`, and holds the worker until
    /// the modelled time of an answer with that many objects has passed.
    pub(crate) async fn serve<R>(&self, answer: impl FnOnce() -> (R, u64)) -> R {
        let permit = match &self.workers {
            None => None,
            Some(workers) => {
                let permit = match workers.try_acquire() {
                    Ok(permit) => Ok(permit),
                    Err(_) => {
                        self.queued.fetch_add(1, Ordering::Relaxed);
                        workers.acquire().await
                    }
                };
                // The semaphore is never closed; a closed one would only lift the limit.
                permit.ok()
            }
        };
        raise(&self.working, &self.peak_working);
        let working = Busy(&self.working);
        let started = Instant::now();
        let (reply, objects) = answer();
        let rest = self.cost.work(objects).saturating_sub(started.elapsed());
        if !rest.is_zero() {
            tokio::time::sleep(rest).await;
        }
        drop(working);
        drop(permit);
        reply
    }

    pub(crate) fn load(&self) -> Load {
        Load {
            peak_in_flight: self.peak_in_flight.load(Ordering::Relaxed),
            peak_working: self.peak_working.load(Ordering::Relaxed),
            queued: self.queued.load(Ordering::Relaxed),
        }
    }
}

/// Increments `count` and raises `peak` to it.
fn raise(count: &AtomicUsize, peak: &AtomicUsize) {
    let now = count.fetch_add(1, Ordering::SeqCst) + 1;
    peak.fetch_max(now, Ordering::SeqCst);
}

/// Decrements its counter when dropped.
pub(crate) struct Busy<'a>(&'a AtomicUsize);

impl Drop for Busy<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_is_the_fixed_part_plus_the_objects() {
        let cost = ServerCost::paperless_ngx_3_0_5();
        assert_eq!(cost.work(0), Duration::from_millis(100));
        assert_eq!(cost.work(150), Duration::from_millis(235));
        assert!(cost.work(u64::MAX) > Duration::from_secs(3_000_000));
        assert!(ServerCost::default().is_free());
        assert!(!ServerCost::free().workers(2).is_free());
        assert_eq!(
            cost.to_string(),
            "100 ms per request + 0.9 ms per object, 2 workers"
        );
    }
}
