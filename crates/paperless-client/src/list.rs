//! [`List`], the list-request builder shared by every resource.

use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use serde::de::IgnoredAny;

use crate::client::Paperless;
use crate::error::{InvalidInput, Result};
use crate::list_page::ListPage;
use crate::paginate::{self, Adapt, Items, Pages, Plan};
use crate::query::{PAGE, PAGE_SIZE, Query};
use crate::request::CallTimeouts;
use crate::resource::{HasFields, HasIdFilter, HasName, HasOwner, HasPermissions, Resource, join};

/// A list request for resource `R`, from `endpoint.list()`.
///
/// Filters are query parameters; set them with the typed methods (written once for every
/// resource, plus resource-specific ones in `impl List<Tags>` blocks) or the raw
/// [`List::param`]. Setting the same parameter twice keeps the last value; parameters are sent in
/// the order they were first set. Then end the request with one of:
///
/// - [`List::send`]: one page ([`ListPage`]), as asked with [`List::page`] / [`List::page_size`];
/// - [`List::stream`]: every matching object, as a stream (prefetched pages, server order);
/// - [`List::pages`]: every page, as a stream;
/// - [`List::ids`]: every matching primary key;
/// - [`List::count`]: how many objects match.
///
/// The builder owns a client clone, so it (and the streams it makes) is `Send + 'static`.
#[must_use = "a list request does nothing until .send(), .stream(), .pages(), .ids() or .count()"]
pub struct List<R> {
    client: Paperless,
    query: Query,
    concurrency: usize,
    /// This list's own timeouts, for every page request.
    timeouts: CallTimeouts,
    /// The first invalid input given to a builder method, reported by the terminal call.
    invalid: Option<String>,
    /// Rewrites the query for the server once its release is known (before the first request).
    adapt: Option<Adapt>,
    resource: PhantomData<fn() -> R>,
}

impl<R: Resource> List<R> {
    pub(crate) fn new(client: Paperless) -> Self {
        let concurrency = client.options().page_concurrency;
        Self {
            client,
            query: Query::default(),
            concurrency,
            timeouts: CallTimeouts::default(),
            invalid: None,
            adapt: None,
            resource: PhantomData,
        }
    }

    /// Makes the terminal call settle the API version first and then rewrite the query for
    /// the server with `adapt` (filters whose values or support differ between releases); an
    /// `Err` refuses the list with that message before anything is sent.
    pub(crate) fn adapt(mut self, adapt: Adapt) -> Self {
        self.adapt = Some(adapt);
        self
    }

    /// Remembers the first invalid input given to a builder method; the terminal call then
    /// fails with [`Error::Invalid`](crate::Error::Invalid) before anything is sent. Resource
    /// filters use it for input the server would misread (an empty id list matches everything).
    pub(crate) fn refuse(&mut self, message: String) {
        if self.invalid.is_none() {
            self.invalid = Some(message);
        }
    }

    /// Records invalid input given to a resource-specific builder method; the terminal call
    /// reports the first one as [`Error::Invalid`](crate::Error::Invalid) without sending.
    pub(crate) fn refused(mut self, message: &str) -> Self {
        self.refuse(message.to_owned());
        self
    }

    /// Sets a query parameter: the escape hatch for any filter this crate does not type
    /// (PyPaperless's `reduce(**filters)`). Paperless-ngx ignores parameters it does not know,
    /// so a misspelled filter returns everything: prefer the typed methods.
    ///
    /// ```no_run
    /// # async fn run(docs: paperless_client::Endpoint<impl paperless_client::Resource>) -> paperless_client::Result<()> {
    /// let page = docs.list().param("correspondent__id", 1).send().await?;
    /// # Ok(()) }
    /// ```
    pub fn param(mut self, key: impl Into<String>, value: impl fmt::Display) -> Self {
        self.query.set(key.into(), value.to_string());
        self
    }

    /// Which page [`List::send`] fetches (`page=N`, from 1), and where streams start.
    pub fn page(mut self, number: u64) -> Self {
        if number == 0 {
            self.refuse("page numbers start at 1".to_owned());
        }
        self.query.set(PAGE, number.to_string());
        self
    }

    /// How many objects per page (`page_size=N`; server default 25, maximum 100 000).
    ///
    /// [`List::stream`] and [`List::pages`] then read every page in this size. Without it they
    /// read the server's first page, then pages growing to 800 objects, which is several times
    /// faster on a real server (see [`Pages`]): set it only when you need pages of one size, or
    /// a smaller memory footprint (pages in flight × page size).
    pub fn page_size(mut self, size: u64) -> Self {
        if size == 0 {
            self.refuse("page_size must be at least 1".to_owned());
        }
        self.query.set(PAGE_SIZE, size.to_string());
        self
    }

    /// Sorts by `field` ascending (`ordering=field`); replaces an earlier ordering. For several
    /// keys, pass them comma-separated: `"correspondent__name,-created"`.
    pub fn ordering(mut self, field: impl AsRef<str>) -> Self {
        self.query.set("ordering", field.as_ref().to_owned());
        self
    }

    /// Sorts by `field` descending (`ordering=-field`); replaces an earlier ordering.
    pub fn ordering_desc(mut self, field: impl AsRef<str>) -> Self {
        self.query.set("ordering", format!("-{}", field.as_ref()));
        self
    }

    /// How many pages [`List::stream`], [`List::pages`] and [`List::ids`] fetch at once (default:
    /// the client's `page_concurrency`). 1 fetches one page after the other.
    pub fn concurrency(mut self, pages: usize) -> Self {
        if pages == 0 {
            self.refuse("concurrency must be at least 1".to_owned());
        }
        self.concurrency = pages;
        self
    }

    pub(crate) fn check(&self) -> Result<()> {
        match &self.invalid {
            Some(message) => Err(InvalidInput::new(format!("{}.list: {message}", R::NAME)).into()),
            None => Ok(()),
        }
    }

    /// The client this list sends through.
    pub(crate) fn client(&self) -> &Paperless {
        &self.client
    }

    /// The list's filters as a JSON object of strings: every parameter set so far except the
    /// ones that shape the answer rather than select objects (`page`, `page_size`, `ordering`,
    /// `fields`, `full_perms`, and the documents' `truncate_content`). For server operations on
    /// "every object matching these filters" (`POST /api/bulk_edit_objects/` and
    /// `POST /api/documents/bulk_edit/` with `all`).
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for refused builder input: dropping it would
    /// select every object.
    pub(crate) fn filters(&self) -> Result<serde_json::Map<String, serde_json::Value>> {
        self.check()?;
        const NOT_FILTERS: [&str; 6] = [
            PAGE,
            PAGE_SIZE,
            "ordering",
            "fields",
            "full_perms",
            "truncate_content",
        ];
        Ok(self
            .query
            .pairs()
            .filter(|(key, _)| !NOT_FILTERS.contains(key))
            .map(|(key, value)| (key.to_owned(), serde_json::Value::from(value)))
            .collect())
    }

    /// The pagination plan of this list, its query moved in (never copied) after `adjust`.
    fn into_plan(self, action: &'static str, adjust: impl FnOnce(&mut Query)) -> Plan {
        let mut query = self.query;
        adjust(&mut query);
        let mut plan = Plan::new(
            self.client,
            R::NAME,
            action,
            R::PATH,
            query,
            self.concurrency,
        )
        .adapted_by(self.adapt);
        plan.timeouts = self.timeouts;
        plan
    }

    /// The attempt timeout of each page request of this list, in place of the transport's
    /// ([`TransportBuilder::timeout`](crate::transport::TransportBuilder::timeout)): for large
    /// pages (`page_size(100_000)`, full content) from a slow server. The total timeout of each
    /// request is raised to it when shorter. `None` means no limit.
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeouts.attempt = Some(timeout.into());
        self
    }

    /// Fetches one page: the one set with [`List::page`], else the first.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for refused builder input;
    /// [`Error::Api`](crate::Error::Api) (404 `Invalid page.` past the last page), transport and
    /// decode errors.
    pub async fn send(self) -> Result<ListPage<R::Item>> {
        self.check()?;
        self.into_plan("list", |_| {})
            .prepared()
            .await?
            .fetch_one()
            .await
    }

    /// Every page from the one set with [`List::page`] (else the first), fetched ahead with
    /// bounded concurrency and yielded in order. See [`Pages`] for how it ends.
    pub fn pages(self) -> Pages<R::Item> {
        match self.check() {
            Err(e) => Pages::failed(e),
            Ok(()) => paginate::pages(self.into_plan("list", |_| {})),
        }
    }

    /// Every matching object, in server order, across all pages (fetched ahead with bounded
    /// concurrency; without a [`List::page_size`], in pages growing from the server's 25 to 800
    /// objects: see [`Pages`]).
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// # async fn run(docs: paperless_client::Endpoint<impl paperless_client::Resource>) -> paperless_client::Result<()> {
    /// let mut items = docs.list().param("correspondent__id", 1).stream();
    /// let mut count = 0;
    /// while let Some(item) = items.try_next().await? {
    ///     count += 1;
    /// }
    /// # Ok(()) }
    /// ```
    pub fn stream(self) -> Items<R::Item> {
        Items::new(self.pages())
    }

    /// Every matching primary key, in server order.
    ///
    /// Asks for `fields=id` with a large `page_size` (the client's `ids_page_size`, default the
    /// server maximum of 100 000), so one request covers most installations. An API v9 server also
    /// sends every matching id in the `all` field of the first page: then that list is used and
    /// no further page is fetched. API v10 dropped `all`; the remaining pages are then fetched like
    /// [`List::stream`] does.
    ///
    /// # Errors
    /// As [`List::send`]; pagination errors as in [`Pages`].
    pub async fn ids(self) -> Result<Vec<R::Id>>
    where
        R::Id: From<u64>,
    {
        self.check()?;
        let ids_page_size = self.client.options().ids_page_size;
        let plan = self.into_plan("ids", |query| {
            query.remove(PAGE);
            query.set(PAGE_SIZE, ids_page_size.to_string());
            query.set("fields", "id");
        });
        paginate::ids::<R::Id>(plan).await
    }

    /// How many objects match: one request for a single, id-only object (`page_size=1`,
    /// `fields=id`), reading the page's `count`.
    ///
    /// # Errors
    /// As [`List::send`].
    pub async fn count(self) -> Result<u64> {
        self.check()?;
        let plan = self.into_plan("count", |query| {
            query.remove(PAGE);
            query.set(PAGE_SIZE, "1");
            query.set("fields", "id");
        });
        let page: ListPage<IgnoredAny> = plan.prepared().await?.fetch_one().await?;
        Ok(page.count)
    }
}

impl<R: HasIdFilter> List<R> {
    /// Only these objects (`id__in=1,2,3`). An empty list is refused when the request is sent,
    /// since the server would ignore the filter and return everything.
    pub fn id_in(mut self, ids: impl IntoIterator<Item = impl Into<R::Id>>) -> Self {
        let ids = join(ids.into_iter().map(|id| id.into().to_string()));
        if ids.is_empty() {
            self.refuse(
                "id__in needs at least one id (an empty filter would match everything)".to_owned(),
            );
        }
        self.query.set("id__in", ids);
        self
    }
}

impl<R: HasFields> List<R> {
    /// Restricts each object to these fields (`fields=id,title`): smaller, faster answers. The
    /// item model must tolerate the missing fields. Only documents have it: the other
    /// collections ignore `fields=` ([`HasFields`]).
    pub fn fields<I, S>(mut self, fields: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.query.set("fields", join(fields));
        self
    }
}

impl<R: HasPermissions> List<R> {
    /// Asks for the full `permissions` block of each object (`full_perms=true`) instead of
    /// `user_can_change`.
    pub fn full_perms(self, full: bool) -> Self {
        self.param("full_perms", full)
    }
}

impl<R: HasOwner> List<R> {
    /// Only objects owned by this user (`owner__id=N`).
    pub fn owner_id(self, user: impl Into<paperless_types::UserId>) -> Self {
        self.param("owner__id", user.into())
    }

    /// Only objects owned by one of these users (`owner__id__in=1,2`). An empty list is refused
    /// when sent.
    pub fn owner_id_in(
        mut self,
        users: impl IntoIterator<Item = impl Into<paperless_types::UserId>>,
    ) -> Self {
        let users = join(users.into_iter().map(|u| u.into().to_string()));
        if users.is_empty() {
            self.refuse("owner__id__in needs at least one user id".to_owned());
        }
        self.query.set("owner__id__in", users);
        self
    }

    /// Only objects with (`false`) or without (`true`) an owner (`owner__isnull`).
    pub fn owner_isnull(self, no_owner: bool) -> Self {
        self.param("owner__isnull", no_owner)
    }
}

impl<R: HasName> List<R> {
    /// Names containing `text`, ignoring case (`name__icontains`).
    pub fn name_icontains(self, text: impl AsRef<str>) -> Self {
        self.param("name__icontains", text.as_ref())
    }

    /// Names equal to `text`, ignoring case (`name__iexact`).
    pub fn name_iexact(self, text: impl AsRef<str>) -> Self {
        self.param("name__iexact", text.as_ref())
    }

    /// Names starting with `text`, ignoring case (`name__istartswith`).
    pub fn name_istartswith(self, text: impl AsRef<str>) -> Self {
        self.param("name__istartswith", text.as_ref())
    }

    /// Names ending with `text`, ignoring case (`name__iendswith`).
    pub fn name_iendswith(self, text: impl AsRef<str>) -> Self {
        self.param("name__iendswith", text.as_ref())
    }
}

impl<R> Clone for List<R> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            query: self.query.clone(),
            concurrency: self.concurrency,
            timeouts: self.timeouts,
            invalid: self.invalid.clone(),
            adapt: self.adapt,
            resource: PhantomData,
        }
    }
}

impl<R: Resource> fmt::Debug for List<R> {
    // Parameter names only: values can be private (full-text search terms, titles, names), and
    // a list is often printed where logs end up.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let params: Vec<&str> = self.query.pairs().map(|(key, _)| key).collect();
        f.debug_struct("List")
            .field("resource", &R::NAME)
            .field("params", &params)
            .field("concurrency", &self.concurrency)
            .field("invalid", &self.invalid)
            .finish()
    }
}
