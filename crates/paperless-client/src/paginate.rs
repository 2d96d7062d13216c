//! Pagination that runs ahead: [`Pages`] and [`Items`], `'static` streams that own a client clone.
//!
//! The behaviour is documented on [`Pages`].

use std::collections::{BTreeSet, HashSet};
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_util::StreamExt;
use futures_util::future::BoxFuture;
use futures_util::stream::{self, BoxStream, FuturesOrdered};
use http::Method;
use paperless_types::Page;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::client::Paperless;
use crate::error::{
    Error, InvalidInput, PaginationError, PaginationErrorInner, PaginationProblem, Result,
};
use crate::list_page::ListPage;
use crate::operation::Operation;
use crate::query::{PAGE, PAGE_SIZE, Query, canonical, query_value};
use crate::request::{ApiRequest, CallTimeouts};
use crate::version::ServerInfo;

/// The page size the default plan grows to (see [`Schedule::Growing`], and `docs/client.md`,
/// "Pagination", for the measurements): pages this large spend 12 % of their time on the
/// server's fixed cost per request (about 100 ms on Paperless-ngx 3.0.5), and hold a server
/// worker for under a second (0.8 s), so other users of the server are not kept waiting long.
pub(crate) const LARGE_PAGE_SIZE: u64 = 800;

/// The most objects the default plan has in flight (requested, not yet yielded) besides the
/// page being read: four large pages, so that a server with 2 workers always has the next pages
/// queued while the client reads one (whatever order the first, concurrent requests arrive in),
/// and memory stays bounded. With a user's `page_size` only `concurrency` counts.
pub(crate) const OBJECTS_IN_FLIGHT: u64 = 4 * LARGE_PAGE_SIZE;

/// What a pagination needs to know: where to send, with which query, how far ahead to run.
#[derive(Clone)]
pub(crate) struct Plan {
    client: Paperless,
    operation: Operation,
    path: &'static str,
    query: Query,
    concurrency: usize,
    adapt: Option<Adapt>,
    /// The list's own timeouts, for every page request.
    pub(crate) timeouts: CallTimeouts,
}

/// A rewrite of a list's query for the server it goes to (see [`Plan::prepared`]): `Err` is
/// the reason to refuse the list.
pub(crate) type Adapt = fn(&mut Query, &ServerInfo) -> std::result::Result<(), String>;

impl Plan {
    pub(crate) fn new(
        client: Paperless,
        resource: &'static str,
        action: &'static str,
        path: &'static str,
        query: Query,
        concurrency: usize,
    ) -> Self {
        Self {
            client,
            operation: Operation::new(resource, action),
            path,
            query,
            concurrency: concurrency.max(1),
            adapt: None,
            timeouts: CallTimeouts::default(),
        }
    }

    /// Rewrites the query with `adapt` in [`Plan::prepared`].
    pub(crate) fn adapted_by(mut self, adapt: Option<Adapt>) -> Self {
        self.adapt = adapt;
        self
    }

    /// The plan ready for its first request: with an adaptation, the API version settled and
    /// the query rewritten for the server, when the client knows it.
    pub(crate) async fn prepared(mut self) -> Result<Self> {
        if let Some(adapt) = self.adapt.take()
            && let Some(server) = self.client.learned_server().await?
        {
            adapt(&mut self.query, server)
                .map_err(|message| InvalidInput::new(format!("{}: {message}", self.operation)))?;
        }
        Ok(self)
    }

    fn start_page(&self) -> u64 {
        self.query.get_u64(PAGE).unwrap_or(1)
    }

    fn requested_size(&self) -> Option<u64> {
        self.query.get_u64(PAGE_SIZE).filter(|s| *s > 0)
    }

    fn error(&self, page: Option<u64>, problem: PaginationProblem) -> Error {
        Error::Pagination(PaginationError::new(PaginationErrorInner {
            operation: self.operation,
            path: self.path.to_owned(),
            page,
            problem,
        }))
    }

    /// Fetches the page the query names. A bare JSON array (an endpoint or API version without
    /// pagination) is read as a single, last page: see [`ListBody`].
    pub(crate) async fn fetch_one<T: DeserializeOwned>(&self) -> Result<ListPage<T>> {
        let request = ApiRequest::new(self.operation, Method::GET, self.path)
            .query(&self.query)
            .timeouts(self.timeouts);
        let ListBody(page) = self.client.json(request).await?;
        Ok(ListPage::new(
            page,
            self.start_page(),
            self.requested_size(),
        ))
    }

    /// The loop-guard key of the request for the page the query names.
    fn first_key(&self) -> Key {
        self.key(None)
    }

    /// The loop-guard key of the request for `chunk` ([`Plan::numbered`]), built from the
    /// query's pairs directly: the same as `canonical` of the encoded request, without encoding
    /// and parsing it again for every page.
    fn numbered_key(&self, chunk: Chunk) -> Key {
        self.key(Some(chunk))
    }

    fn key(&self, chunk: Option<Chunk>) -> Key {
        let mut pairs: BTreeSet<(String, String)> = self
            .query
            .pairs()
            .filter(|(k, _)| chunk.is_none() || (*k != PAGE && *k != PAGE_SIZE))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        if let Some(chunk) = chunk {
            pairs.insert((PAGE_SIZE.to_owned(), chunk.size.to_string()));
            pairs.insert((PAGE.to_owned(), chunk.number.to_string()));
        }
        (self.path.to_owned(), pairs)
    }

    /// The request for `chunk`: the list's query with `page_size` and `page` set (in place when
    /// the list has them already, so a user's page size keeps its position).
    fn numbered(&self, chunk: Chunk) -> ApiRequest {
        let mut query = self.query.clone();
        query.set(PAGE_SIZE, chunk.size.to_string());
        query.set(PAGE, chunk.number.to_string());
        ApiRequest::new(self.operation, Method::GET, self.path)
            .query(&query)
            .timeouts(self.timeouts)
    }

    /// The pages to fetch by number after `first`, when their numbers can be known: `None` when
    /// the list must be read by following `next` links.
    fn schedule<T>(&self, first: &ListPage<T>) -> Option<Schedule> {
        let number = first.number();
        match self.requested_size() {
            // The user's page size: the remaining pages of that size.
            Some(size) => {
                let last = first.count.div_ceil(size).max(number);
                (last > number).then(|| Schedule::Fixed {
                    size,
                    next: number + 1,
                    last,
                })
            }
            // The server's page size (the first page is full, since a next page follows): grow
            // from the end of the first page.
            None => {
                let size = first.items().len() as u64;
                let offset = number.checked_mul(size)?;
                (size > 0 && offset < first.count).then_some(Schedule::Growing {
                    offset,
                    count: first.count,
                    largest: LARGE_PAGE_SIZE,
                })
            }
        }
    }
}

/// One page request: page `number` in pages of `size` (its objects are `(number - 1) * size`
/// up to `number * size`, as Paperless-ngx's paginator counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub(crate) number: u64,
    pub(crate) size: u64,
}

/// The pages fetched by number after the first page, in order. Each item is a chunk and whether
/// it is the last one planned (ending at or beyond the count the first page reported).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Schedule {
    /// Pages `next..=last` of the user's `size`: today's pages, the user's choice.
    Fixed { size: u64, next: u64, last: u64 },
    /// Pages that grow from the end of the first page, `offset`, until `count`: at each offset
    /// the page size is the largest divisor of the offset that is at most `largest`, so every
    /// page starts where the previous one ended (page numbers count in units of the page size,
    /// so a page of size `s` can only start at a multiple of `s`) and no object is fetched twice
    /// or skipped. After a first page of 25: 25 (page 2), 50 (page 2), 100 (page 2), ... up to
    /// `largest`, then pages of `largest`. The size can at most double the objects covered
    /// with each request (a page starting at offset `o` has at most `o` objects), so this is the
    /// fewest requests that reach large pages without fetching an object twice.
    Growing {
        offset: u64,
        count: u64,
        largest: u64,
    },
}

impl Iterator for Schedule {
    type Item = (Chunk, bool);

    fn next(&mut self) -> Option<(Chunk, bool)> {
        match self {
            Self::Fixed { size, next, last } => {
                if *next > *last {
                    return None;
                }
                let chunk = Chunk {
                    number: *next,
                    size: *size,
                };
                let is_last = chunk.number == *last;
                if is_last {
                    // Ended (without `next` overflowing when `last` is `u64::MAX`).
                    (*next, *last) = (1, 0);
                } else {
                    *next += 1;
                }
                Some((chunk, is_last))
            }
            Self::Growing {
                offset,
                count,
                largest,
            } => {
                if *offset >= *count || *offset == 0 {
                    return None;
                }
                let size = aligned_size(*offset, *largest);
                let chunk = Chunk {
                    number: *offset / size + 1,
                    size,
                };
                *offset = offset.saturating_add(size);
                Some((chunk, *offset >= *count))
            }
        }
    }
}

/// The largest page size at most `largest` that a page starting at `offset` (> 0) can have:
/// the largest divisor of `offset` up to `largest`. `offset` itself while it is small (page 2),
/// `largest` once `offset` is a multiple of it.
fn aligned_size(offset: u64, largest: u64) -> u64 {
    let largest = largest.max(1);
    if offset <= largest {
        return offset;
    }
    (1..=largest)
        .rev()
        .find(|size| offset.is_multiple_of(*size))
        .unwrap_or(1)
}

/// The body of a list answer: Paperless-ngx's page envelope `{"count", "next", "results", ...}`,
/// or a bare JSON array from lists the server does not paginate (`GET /api/tasks/` on API v9),
/// which becomes one last page whose `count` is its length. So the same `List` call works
/// whichever shape the server picks.
pub(crate) struct ListBody<T>(pub(crate) Page<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ListBody<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = ListBody<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a page object with `count` and `results`, or a JSON array")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                seq: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let items: Vec<T> =
                    Deserialize::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
                Ok(ListBody(Page::new(items.len() as u64, items)))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                Page::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(ListBody)
            }
        }

        deserializer.deserialize_any(Visit(std::marker::PhantomData))
    }
}

/// A page request in canonical form (path plus sorted pairs), for the loop guard.
type Key = (String, BTreeSet<(String, String)>);

/// The state between two pages.
enum State<T> {
    /// Nothing fetched yet.
    Start(Plan),
    /// Fetching the pages of a [`Schedule`] by number.
    Ahead {
        plan: Plan,
        upcoming: BoxStream<'static, Fetched<T>>,
        seen: HashSet<Key>,
    },
    /// Following `next` links (a path and query relative to the installation root).
    Follow {
        plan: Plan,
        next: String,
        number: u64,
        seen: HashSet<Key>,
    },
    /// Yields this error, then ends.
    Fail(Error),
    /// Ended.
    Done,
}

/// What a page's `next` link says.
enum Link {
    /// `null`: this is the last page.
    End,
    /// Not a URL with a path.
    Unusable,
    /// A page to fetch: its path and query relative to the installation root, and its page
    /// number when it has one.
    To(String, Option<u64>),
}

/// Reads a page's `next` link, rebased onto the configured base URL.
fn next_link<T>(plan: &Plan, page: &Page<T>) -> Link {
    let Some(url) = page.next.as_deref() else {
        return Link::End;
    };
    let Some(rel) = plan.client.base_url().relativize(url) else {
        return Link::Unusable;
    };
    let number = rel
        .split_once('?')
        .and_then(|(_, q)| query_value(q, PAGE))
        .and_then(|v| v.parse().ok());
    Link::To(rel, number)
}

/// Decides how to go on after the first page.
fn after_first<T>(plan: Plan, first: &ListPage<T>) -> State<T>
where
    T: DeserializeOwned + Send + 'static,
{
    let number = first.number();
    let mut seen = HashSet::new();
    seen.insert(plan.first_key());
    let (next, next_number) = match next_link(&plan, first) {
        Link::End => return State::Done,
        Link::Unusable => {
            return State::Fail(plan.error(Some(number), PaginationProblem::UnusableLink));
        }
        Link::To(next, next_number) => (next, next_number),
    };
    // Page numbers come from the user (`page(n)`) and the server (`next` links): never let them
    // overflow, even at `u64::MAX`.
    let following = number.saturating_add(1);
    if next_number.is_some()
        && next_number == number.checked_add(1)
        && let Some(schedule) = plan.schedule(first)
    {
        return ahead(plan, schedule, seen);
    }
    follow(plan, next, next_number.unwrap_or(following), seen)
}

/// Starts fetching the pages of `schedule` by number. Requests are built as the stream is
/// polled, so a long list costs no memory up front.
fn ahead<T>(plan: Plan, schedule: Schedule, seen: HashSet<Key>) -> State<T>
where
    T: DeserializeOwned + Send + 'static,
{
    let objects = match schedule {
        Schedule::Fixed { .. } => u64::MAX,
        Schedule::Growing { .. } => OBJECTS_IN_FLIGHT,
    };
    let upcoming = Prefetch {
        plan: plan.clone(),
        schedule: schedule.peekable(),
        fetching: FuturesOrdered::new(),
        requested: 0,
        objects,
    }
    .boxed();
    State::Ahead {
        plan,
        upcoming,
        seen,
    }
}

/// A fetched page of a schedule: the chunk asked for, whether it was the last one planned, and
/// the answer.
type Fetched<T> = (Chunk, bool, Result<Page<T>>);

/// The pages of a schedule, fetched ahead and yielded in order: at most `plan.concurrency`
/// requests in flight, and at most `objects` objects among them (one request always, whatever
/// its size). Like `buffered(concurrency)`, with each page weighing its size.
struct Prefetch<T> {
    plan: Plan,
    schedule: std::iter::Peekable<Schedule>,
    fetching: FuturesOrdered<BoxFuture<'static, Fetched<T>>>,
    /// The objects asked for by the requests in `fetching`.
    requested: u64,
    objects: u64,
}

impl<T: DeserializeOwned + Send + 'static> Prefetch<T> {
    /// Sends requests while the limits allow.
    fn fill(&mut self) {
        while self.fetching.len() < self.plan.concurrency {
            let Some((chunk, _)) = self.schedule.peek() else {
                return;
            };
            if !self.fetching.is_empty() && self.requested.saturating_add(chunk.size) > self.objects
            {
                return;
            }
            let Some((chunk, last)) = self.schedule.next() else {
                return;
            };
            self.requested = self.requested.saturating_add(chunk.size);
            let client = self.plan.client.clone();
            let request = self.plan.numbered(chunk);
            self.fetching.push_back(Box::pin(async move {
                (chunk, last, client.json::<Page<T>>(request).await)
            }));
        }
    }
}

// Nothing in `Prefetch` is pinned structurally: the futures are boxed.
impl<T> Unpin for Prefetch<T> {}

impl<T: DeserializeOwned + Send + 'static> Stream for Prefetch<T> {
    type Item = Fetched<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Fetched<T>>> {
        let this = self.get_mut();
        this.fill();
        match Pin::new(&mut this.fetching).poll_next(cx) {
            Poll::Ready(Some(fetched)) => {
                this.requested = this.requested.saturating_sub(fetched.0.size);
                Poll::Ready(Some(fetched))
            }
            other => other,
        }
    }
}

/// Follows `next` unless it was fetched already.
fn follow<T>(plan: Plan, next: String, number: u64, seen: HashSet<Key>) -> State<T> {
    if seen.contains(&canonical(&next)) {
        return State::Fail(plan.error(Some(number), PaginationProblem::RepeatedPage));
    }
    State::Follow {
        plan,
        next,
        number,
        seen,
    }
}

type Step<T> = Option<(Result<ListPage<T>>, State<T>)>;

/// Produces the next page and the state after it.
async fn step<T>(state: State<T>) -> Step<T>
where
    T: DeserializeOwned + Send + 'static,
{
    match state {
        State::Done => None,
        State::Fail(e) => Some((Err(e), State::Done)),
        State::Start(plan) => {
            let plan = match plan.prepared().await {
                Ok(plan) => plan,
                Err(e) => return Some((Err(e), State::Done)),
            };
            match plan.fetch_one::<T>().await {
                Err(e) => Some((Err(e), State::Done)),
                Ok(first) => {
                    let next = after_first(plan, &first);
                    Some((Ok(first), next))
                }
            }
        }
        State::Ahead {
            plan,
            mut upcoming,
            mut seen,
        } => {
            let (chunk, last, result) = upcoming.next().await?;
            let n = chunk.number;
            seen.insert(plan.numbered_key(chunk));
            let page = match result {
                Ok(page) => page,
                Err(e) => return Some((Err(e), State::Done)),
            };
            // A page the client sized itself must come back full when another one follows: a
            // server (or proxy) that ignored `page_size` would otherwise make the next page
            // start elsewhere than where this one ended.
            let sized_by_us = plan.requested_size().is_none();
            let next = match next_link(&plan, &page) {
                // The last page, or the list shrank: either way the server says it is the end.
                Link::End => State::Done,
                Link::Unusable => State::Fail(plan.error(Some(n), PaginationProblem::UnusableLink)),
                Link::To(_, number) if number != n.checked_add(1) => {
                    return Some((
                        Err(plan.error(Some(n), PaginationProblem::WrongPage)),
                        State::Done,
                    ));
                }
                Link::To(..) if sized_by_us && page.results.len() as u64 != chunk.size => {
                    return Some((
                        Err(plan.error(Some(n), PaginationProblem::WrongPage)),
                        State::Done,
                    ));
                }
                // The list grew while it was read: go on from the link.
                Link::To(link, _) if last => follow(plan, link, n.saturating_add(1), seen),
                Link::To(..) => State::Ahead {
                    plan,
                    upcoming,
                    seen,
                },
            };
            Some((Ok(ListPage::new(page, n, Some(chunk.size))), next))
        }
        State::Follow {
            plan,
            next,
            number,
            mut seen,
        } => {
            seen.insert(canonical(&next));
            let request = ApiRequest::from_path_and_query(plan.operation, Method::GET, &next)
                .timeouts(plan.timeouts);
            let page: Page<T> = match plan.client.json(request).await {
                Ok(page) => page,
                Err(e) => return Some((Err(e), State::Done)),
            };
            let requested = plan.requested_size().or_else(|| {
                next.split_once('?')
                    .and_then(|(_, q)| query_value(q, PAGE_SIZE))
                    .and_then(|v| v.parse().ok())
            });
            let state = match next_link(&plan, &page) {
                Link::End => State::Done,
                Link::Unusable => {
                    State::Fail(plan.error(Some(number), PaginationProblem::UnusableLink))
                }
                Link::To(link, n) => {
                    follow(plan, link, n.unwrap_or(number.saturating_add(1)), seen)
                }
            };
            Some((Ok(ListPage::new(page, number, requested)), state))
        }
    }
}

/// A stream of the pages of a list, from `list.pages()`: `Result<ListPage<T>>` items.
///
/// It owns a client clone: `Send + 'static`, so it can be spawned or stored. Dropping it cancels
/// the requests in flight.
///
/// How a stream proceeds:
///
/// 1. It fetches the first page (the one set with `page(n)`, else page 1) with the list's query,
///    as [`List::send`](crate::List::send) would.
/// 2. When the page's `next` link asks for page n+1, the remaining pages are fetched **by
///    number**, several at a time, and yielded in server order:
///    - with a `page_size` set on the list, pages n+1..=last (`last = ceil(count / page_size)`)
///      of that size, at most `concurrency` at a time;
///    - without one (the default), pages that grow from the server's page size (the length of the
///      full first page, 25 on Paperless-ngx): each starts where the previous one ended and is as
///      large as the objects before it, up to 800 (`page_size=25&page=2`, `page_size=50&page=2`,
///      `page_size=100&page=2`, ..., `page_size=800&page=2`, `page_size=800&page=3`, ...). The
///      first object comes as fast as from a page of 25, and a real server, which spends about
///      100 ms on every request, answers a few large pages much sooner than many small ones.
///      At most `concurrency` pages and at most 3 200 objects (4 large pages) are in flight.
/// 3. Otherwise (no page numbers in `next`) it follows `next` one page at a time.
///
/// Each [`ListPage`] says which page it is as requested: [`number`](ListPage::number) and
/// [`page_size`](ListPage::page_size) (so, by default, page 2 comes in several sizes).
///
/// `next` links are never requested as given: only their path and query are kept and joined onto
/// the configured base URL ([`BaseUrl::relativize`](paperless_transport::BaseUrl::relativize)),
/// because Paperless-ngx behind a reverse proxy often advertises the wrong scheme, host or port.
///
/// How a stream ends:
///
/// - normally, after the page whose `next` is `null`. When the list shrinks while it is read, an
///   earlier page already says so and the pages fetched beyond it are dropped unread; when it
///   grows, the last planned page has a `next` link and the stream follows it;
/// - with an error, after which it yields nothing more. Any failed page request ends the stream
///   with that error: a page is never skipped silently. Links that do not advance end it with
///   [`Error::Pagination`](crate::Error::Pagination): a `next` link to a page already fetched
///   (which would loop forever), or an answer to page n whose `next` is not page n+1 (the page
///   number was lost, typically by a proxy dropping query strings, and the "page" is a repeat of
///   page 1), or a page the client sized that came back with another length while another page
///   follows (the server or a proxy ignored `page_size`). Ending quietly there would hand back a
///   partial list as if it were complete.
///
/// Items and pages fetched ahead are held in memory: at most `concurrency` pages (and, by
/// default, 3 200 objects) plus the page being read.
#[must_use = "streams do nothing unless polled"]
pub struct Pages<T> {
    inner: BoxStream<'static, Result<ListPage<T>>>,
}

impl<T: DeserializeOwned + Send + 'static> Pages<T> {
    fn from_state(state: State<T>) -> Self {
        Self {
            inner: stream::unfold(state, step).fuse().boxed(),
        }
    }

    pub(crate) fn failed(error: Error) -> Self {
        Self::from_state(State::Fail(error))
    }
}

/// Every page of `plan`.
pub(crate) fn pages<T: DeserializeOwned + Send + 'static>(plan: Plan) -> Pages<T> {
    Pages::from_state(State::Start(plan))
}

impl<T> Stream for Pages<T> {
    type Item = Result<ListPage<T>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> fmt::Debug for Pages<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

/// A stream of every object of a list, from `list.stream()`: the items of [`Pages`], in order.
///
/// Yields `Result<T>`; after an error it yields nothing more.
#[must_use = "streams do nothing unless polled"]
pub struct Items<T> {
    pages: Pages<T>,
    current: std::vec::IntoIter<T>,
    total: Option<u64>,
}

impl<T> Items<T> {
    pub(crate) fn new(pages: Pages<T>) -> Self {
        Self {
            pages,
            current: Vec::new().into_iter(),
            total: None,
        }
    }

    /// How many objects the whole list has, as the server counted them on the first page
    /// (`count`): `None` until the first page has arrived (after the first item is yielded it
    /// is known). For progress displays: objects created or deleted while the list is read may
    /// make the stream yield a few more or fewer.
    #[must_use]
    pub fn total_count(&self) -> Option<u64> {
        self.total
    }
}

// Nothing in `Items` is pinned structurally: the page stream is boxed and the items are owned.
impl<T> Unpin for Items<T> {}

impl<T> Stream for Items<T> {
    type Item = Result<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.current.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match this.pages.inner.as_mut().poll_next(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(e))),
                Poll::Ready(Some(Ok(page))) => {
                    if this.total.is_none() {
                        this.total = Some(page.count);
                    }
                    this.current = page.into_items().into_iter();
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.current.len(), None)
    }
}

impl<T> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("buffered", &self.current.len())
            .field("total", &self.total)
            .finish_non_exhaustive()
    }
}

/// An object reduced to its primary key (`fields=id`).
#[derive(Debug, Deserialize)]
pub(crate) struct IdOnly<Id> {
    id: Id,
}

/// Every primary key of `plan`'s list: API v9's `all` when the server sends it, else every page.
pub(crate) async fn ids<Id>(plan: Plan) -> Result<Vec<Id>>
where
    Id: DeserializeOwned + From<u64> + Send + 'static,
{
    let plan = plan.prepared().await?;
    let first: ListPage<IdOnly<Id>> = plan.fetch_one().await?;
    let state = after_first(plan, &first);
    let first = first.into_page();
    if let Some(all) = first.all {
        return Ok(all.into_iter().map(Id::from).collect());
    }
    // The count comes from the server: trust it for a capacity hint only up to a sane bound.
    let capacity = usize::try_from(first.count.min(1 << 20)).unwrap_or(0);
    let mut ids = Vec::with_capacity(capacity);
    ids.extend(first.results.into_iter().map(|o| o.id));
    let mut rest = Pages::from_state(state);
    while let Some(page) = rest.next().await {
        ids.extend(page?.into_items().into_iter().map(|o| o.id));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn growing(offset: u64, count: u64) -> Vec<(Chunk, bool)> {
        Schedule::Growing {
            offset,
            count,
            largest: LARGE_PAGE_SIZE,
        }
        .collect()
    }

    #[test]
    fn growing_pages_double_up_to_the_large_size_then_stay() {
        let sizes: Vec<(u64, u64)> = growing(25, 10_000)
            .iter()
            .map(|(c, _)| (c.number, c.size))
            .collect();
        assert_eq!(
            sizes,
            [
                (2, 25),
                (2, 50),
                (2, 100),
                (2, 200),
                (2, 400),
                (2, 800),
                (3, 800),
                (4, 800),
                (5, 800),
                (6, 800),
                (7, 800),
                (8, 800),
                (9, 800),
                (10, 800),
                (11, 800),
                (12, 800),
                (13, 800),
            ]
        );
    }

    /// Every object from `offset` to `count` exactly once, in order, each page aligned, only
    /// the last one marked last.
    fn assert_covers(offset: u64, count: u64, chunks: &[(Chunk, bool)]) {
        let mut at = offset;
        for (i, (chunk, last)) in chunks.iter().enumerate() {
            assert!(
                chunk.size >= 1 && chunk.size <= LARGE_PAGE_SIZE,
                "{chunk:?}"
            );
            assert_eq!(
                (chunk.number - 1) * chunk.size,
                at,
                "{offset}..{count}: {chunk:?}"
            );
            at += chunk.size;
            assert_eq!(*last, i == chunks.len() - 1, "{offset}..{count}: {chunk:?}");
        }
        assert!(at >= count, "{offset}..{count} ends at {at}");
        assert!(
            chunks.len() <= 1 || at - chunks[chunks.len() - 1].0.size < count,
            "{offset}..{count}: a page beyond the end"
        );
    }

    #[test]
    fn growing_pages_cover_every_object_once_whatever_the_start_and_count() {
        for first in [1, 25, 30, 100, 800, 3000] {
            for count in (0..20_000)
                .step_by(97)
                .chain([24, 25, 26, 49, 50, 51, 800, 1600])
            {
                let chunks = growing(first, count);
                assert_eq!(chunks.is_empty(), count <= first);
                assert_covers(first, count, &chunks);
            }
        }
        // Starting after page n of 25 (`page(n)` without a page size).
        for n in [2, 3, 7, 13, 64, 97, 1000] {
            assert_covers(25 * n, 50_000, &growing(25 * n, 50_000));
        }
    }

    #[test]
    fn the_fewest_requests_reach_large_pages() {
        // A page starting at offset o holds at most o objects (o must be a multiple of its
        // size), so from 25 covered the doubling needs 5 requests to cover 800.
        assert_eq!(growing(25, 800).len(), 5);
        assert_eq!(growing(25, 5_000).len(), 5 + 6);
        assert_eq!(growing(25, 50_000).len(), 5 + 62);
    }

    #[test]
    fn fixed_pages_run_to_the_last_and_do_not_overflow() {
        let fixed = |next, last| -> Vec<(u64, bool)> {
            Schedule::Fixed {
                size: 2,
                next,
                last,
            }
            .map(|(c, last)| (c.number, last))
            .collect()
        };
        assert_eq!(fixed(2, 4), [(2, false), (3, false), (4, true)]);
        assert_eq!(fixed(u64::MAX, u64::MAX), [(u64::MAX, true)]);
        assert_eq!(fixed(3, 2), []);
    }

    #[test]
    fn aligned_sizes_divide_their_offset() {
        assert_eq!(aligned_size(25, 800), 25);
        assert_eq!(aligned_size(800, 800), 800);
        assert_eq!(aligned_size(4800, 800), 800);
        assert_eq!(aligned_size(2800, 800), 700);
        assert_eq!(aligned_size(1601, 1600), 1);
        assert_eq!(aligned_size(u64::MAX, 1600), 1285); // 5 × 257
    }

    #[test]
    fn page_keys_match_the_canonical_form_of_the_requests() {
        let Ok(base) = paperless_transport::BaseUrl::parse("http://localhost:8000") else {
            panic!("a valid base URL")
        };
        let client = Paperless::from_service(
            paperless_transport::boxed(tower::service_fn(|_: http::Request<_>| async {
                Ok::<_, std::convert::Infallible>(http::Response::new(http_body_util::Empty::<
                    bytes::Bytes,
                >::new()))
            })),
            base,
        );
        let mut query = Query::default();
        query.set("name__icontains", "a&b c");
        query.set(PAGE, "3");
        query.set("id__in", "1,2");
        let plan = Plan::new(client, "tags", "list", "/api/tags/", query, 4);
        let request = |chunk: Option<Chunk>| match chunk {
            Some(chunk) => plan.numbered(chunk),
            None => ApiRequest::new(plan.operation, Method::GET, plan.path)
                .query(&plan.query)
                .timeouts(plan.timeouts),
        };
        assert_eq!(plan.first_key(), canonical(&request(None).path_and_query()));
        for number in [1, 4, u64::MAX] {
            let chunk = Chunk { number, size: 50 };
            assert_eq!(
                plan.numbered_key(chunk),
                canonical(&request(Some(chunk)).path_and_query())
            );
        }
    }
}
