//! [`Paperless`], the client, and [`PaperlessBuilder`].

use std::fmt;
use std::sync::Arc;

use paperless_transport::layers::BaseUrlLayer;
use paperless_transport::{BaseUrl, HttpClient};
use tower::Layer;

use crate::error::{Error, InvalidInput};
use crate::resource::{Endpoint, Resource};

/// Paperless-ngx's largest accepted `page_size` (`StandardPagination.max_page_size`).
pub(crate) const MAX_PAGE_SIZE: u64 = 100_000;

/// A Paperless-ngx client: the entry point to every endpoint.
///
/// Cheap to clone (one `Arc`), `Send + Sync`, and usable from any tokio runtime: nothing is
/// spawned when it is built. Clones share the transport and its connection pool, so clone it into
/// tasks instead of wrapping it in an `Arc`.
///
/// ```no_run
/// # use paperless_client::{Paperless, Resource};
/// # #[derive(serde::Deserialize)] struct Tag { id: paperless_client::types::TagId }
/// # enum Tags {}
/// # impl Resource for Tags { type Id = paperless_client::types::TagId; type Item = Tag;
/// #   const NAME: &'static str = "tags"; const PATH: &'static str = "/api/tags/";
/// #   fn id_of(t: &Tag) -> Self::Id { t.id } }
/// # async fn run(client: Paperless) -> paperless_client::Result<()> {
/// let worker = client.clone(); // shares the connection pool
/// let handle = tokio::spawn(async move { worker.endpoint::<Tags>().count().await });
/// let tag = client.endpoint::<Tags>().get(1).await?;
/// let count = handle.await.expect("task panicked")?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Paperless {
    inner: Arc<Inner>,
}

struct Inner {
    service: HttpClient,
    base: BaseUrl,
    options: Options,
}

/// Tunables of a client, set through [`PaperlessBuilder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Options {
    /// How many pages a pagination stream fetches at once.
    pub(crate) page_concurrency: usize,
    /// The `page_size` used by `ids()`.
    pub(crate) ids_page_size: u64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            page_concurrency: 4,
            ids_page_size: MAX_PAGE_SIZE,
        }
    }
}

impl Paperless {
    /// A client over a complete, custom transport (swap point 2), with default options.
    ///
    /// `service` receives every request with an **absolute** URI: this function puts a
    /// [`BaseUrlLayer`] for `base` on top of it, which joins the client's origin-form URIs
    /// (`/api/tags/?page=2`) onto the base URL and sub-path (`https://host/paperless/api/tags/?page=2`).
    /// Nothing else is added: authentication, the `Accept: application/json; version=N` header,
    /// retries and timeouts are the service's job. `base` is also where pagination `next` links
    /// are rebased, since Paperless-ngx behind a proxy often advertises the wrong host.
    ///
    /// ```no_run
    /// use hyper_util::client::legacy::Client;
    /// use hyper_util::rt::TokioExecutor;
    /// use paperless_client::Paperless;
    /// use paperless_client::transport::{BaseUrl, boxed};
    ///
    /// let http = Client::builder(TokioExecutor::new()).build_http();
    /// let client = Paperless::from_service(boxed(http), BaseUrl::parse("http://localhost:8000")?);
    /// # Ok::<(), paperless_client::transport::BuildError>(())
    /// ```
    #[must_use]
    pub fn from_service(service: HttpClient, base: BaseUrl) -> Self {
        Self::assemble(service, base, Options::default())
    }

    fn assemble(service: HttpClient, base: BaseUrl, options: Options) -> Self {
        let service = HttpClient::new(BaseUrlLayer::new(base.clone()).layer(service));
        Self {
            inner: Arc::new(Inner {
                service,
                base,
                options,
            }),
        }
    }

    /// The typed endpoint of resource `R`: `get`, `list`, and the writes `R` allows.
    ///
    /// The named accessors (`client.tags()`, ...) are shorthands for this; use it directly for a
    /// resource you define yourself by implementing [`Resource`].
    #[must_use]
    pub fn endpoint<R: Resource>(&self) -> Endpoint<R> {
        Endpoint::new(self.clone())
    }

    /// The installation's base URL, onto which every request path is joined.
    #[must_use]
    pub fn base_url(&self) -> &BaseUrl {
        &self.inner.base
    }

    /// How many pages a pagination stream fetches at once (default 4).
    #[must_use]
    pub fn page_concurrency(&self) -> usize {
        self.inner.options.page_concurrency
    }

    pub(crate) fn options(&self) -> &Options {
        &self.inner.options
    }

    pub(crate) fn service(&self) -> &HttpClient {
        &self.inner.service
    }
}

impl fmt::Debug for Paperless {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paperless")
            .field("base_url", &self.inner.base)
            .field("page_concurrency", &self.inner.options.page_concurrency)
            .field("ids_page_size", &self.inner.options.ids_page_size)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Paperless`] client with non-default options.
///
/// ```no_run
/// use hyper_util::client::legacy::Client;
/// use hyper_util::rt::TokioExecutor;
/// use paperless_client::PaperlessBuilder;
/// use paperless_client::transport::{BaseUrl, boxed};
///
/// let http = boxed(Client::builder(TokioExecutor::new()).build_http());
/// let client = PaperlessBuilder::from_service(http, BaseUrl::parse("http://localhost:8000")?)
///     .page_concurrency(8) // fetch up to 8 pages at once when streaming
///     .build()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use = "a builder does nothing until .build() is called"]
pub struct PaperlessBuilder {
    source: Source,
    options: Options,
}

/// Where the client's transport comes from.
enum Source {
    /// A complete transport given by the user.
    Service { service: HttpClient, base: BaseUrl },
}

impl PaperlessBuilder {
    /// Starts from a complete, custom transport; see [`Paperless::from_service`] for what
    /// `service` receives.
    pub fn from_service(service: HttpClient, base: BaseUrl) -> Self {
        Self {
            source: Source::Service { service, base },
            options: Options::default(),
        }
    }

    /// How many pages a pagination stream fetches at once, in order (default 4; 1 fetches one
    /// page after the other). Higher values finish long lists sooner and load the server more.
    pub fn page_concurrency(mut self, pages: usize) -> Self {
        self.options.page_concurrency = pages;
        self
    }

    /// The `page_size` that `ids()` asks for (default and server maximum 100 000). Lower it if a
    /// proxy limits response sizes.
    pub fn ids_page_size(mut self, size: u64) -> Self {
        self.options.ids_page_size = size;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// [`Error::Invalid`] when `page_concurrency` or `ids_page_size` is 0.
    pub fn build(self) -> Result<Paperless, Error> {
        if self.options.page_concurrency == 0 {
            return Err(InvalidInput::new(
                "page_concurrency must be at least 1 (1 fetches pages one after the other)",
            )
            .into());
        }
        if self.options.ids_page_size == 0 {
            return Err(InvalidInput::new(
                "ids_page_size must be at least 1 (the server caps it at 100000)",
            )
            .into());
        }
        match self.source {
            Source::Service { service, base } => {
                Ok(Paperless::assemble(service, base, self.options))
            }
        }
    }
}

impl fmt::Debug for PaperlessBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("PaperlessBuilder");
        match &self.source {
            Source::Service { base, .. } => d.field("base_url", base),
        };
        d.field("options", &self.options).finish_non_exhaustive()
    }
}
