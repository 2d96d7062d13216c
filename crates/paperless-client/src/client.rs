//! [`Paperless`], the client, and [`PaperlessBuilder`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use paperless_transport::layers::{BaseUrlLayer, RetryConfig};
use paperless_transport::{ApiVersion, Auth, BaseUrl, BoxError, BuildError, HttpClient};
use paperless_transport::{Body, Proxy, TransportBuilder};
use paperless_types::secret::Secret;
use tower::Layer;

use crate::error::{InvalidInput, Result};
use crate::resource::{Endpoint, Resource};

/// Paperless-ngx's largest accepted `page_size` (`StandardPagination.max_page_size`).
pub(crate) const MAX_PAGE_SIZE: u64 = 100_000;

/// A Paperless-ngx client: the entry point to every endpoint.
///
/// Build one with [`Paperless::new`] (URL and token), [`Paperless::from_env`]
/// (`PAPERLESS_URL`, `PAPERLESS_TOKEN`), or [`Paperless::builder`] for every option.
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
/// # async fn run() -> paperless_client::Result<()> {
/// let client = Paperless::new("https://paperless.example.com", "0123456789abcdef")?;
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
    /// The API version the transport asks for; `None` for a service given by the user.
    api_version: Option<ApiVersion>,
}

/// Tunables of a client, set through [`PaperlessBuilder`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Options {
    /// How many pages a pagination stream fetches at once.
    pub(crate) page_concurrency: usize,
    /// The `page_size` used by `ids()`.
    pub(crate) ids_page_size: u64,
    /// The largest JSON body the client reads into memory.
    pub(crate) max_json_body: usize,
}

/// The default of [`PaperlessBuilder::max_json_body`]: 256 MiB, far above any page Paperless-ngx
/// sends (a page of 100 documents with their full text is a few megabytes).
pub const DEFAULT_MAX_JSON_BODY: usize = 256 * 1024 * 1024;

impl Default for Options {
    fn default() -> Self {
        Self {
            page_concurrency: 8,
            ids_page_size: MAX_PAGE_SIZE,
            max_json_body: DEFAULT_MAX_JSON_BODY,
        }
    }
}

impl Options {
    fn validate(&self) -> Result<()> {
        if self.page_concurrency == 0 {
            return Err(InvalidInput::new(
                "page_concurrency must be at least 1 (1 fetches pages one after the other)",
            )
            .into());
        }
        if self.ids_page_size == 0 {
            return Err(InvalidInput::new(
                "ids_page_size must be at least 1 (the server caps it at 100000)",
            )
            .into());
        }
        if self.max_json_body == 0 {
            return Err(InvalidInput::new(
                "max_json_body must be at least 1 byte (the default is 256 MiB)",
            )
            .into());
        }
        Ok(())
    }
}

impl Paperless {
    /// A client for the installation at `url`, authenticated with an API `token`, with the
    /// default transport: HTTPS (rustls), API version 10, retries of idempotent requests,
    /// timeouts of 10 s (connect), 60 s (attempt) and 180 s (call).
    ///
    /// `url` follows PyPaperless's rules: no scheme means `https://`, an explicit `http://` is
    /// honoured, and a trailing `/api/` is tolerated; sub-paths (`https://host/paperless`) work.
    /// A user finds the token in the web UI under *My Profile*; [`Paperless::generate_api_token`]
    /// fetches it with a username and password.
    ///
    /// ```no_run
    /// use paperless_client::Paperless;
    ///
    /// # async fn run() -> paperless_client::Result<()> {
    /// let client = Paperless::new("paperless.example.com", "0123456789abcdef")?;
    /// let server = client.server_info().await?;
    /// println!("Paperless-ngx {} (API {})", server.version, server.api_version);
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Build`](crate::Error::Build) for an invalid URL or a token that cannot be sent in a header (empty,
    /// or with a line break); the error never quotes the token.
    pub fn new(url: impl AsRef<str>, token: impl Into<Secret>) -> Result<Self> {
        Self::builder(url).token(token).build()
    }

    /// A builder for a client of the installation at `url` (same rules as [`Paperless::new`]),
    /// exposing every transport and client option. A bad URL is reported by `build()`.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use paperless_client::Paperless;
    /// use paperless_client::transport::ApiVersion;
    ///
    /// let client = Paperless::builder("https://paperless.example.com/paperless")
    ///     .token(std::env::var("PAPERLESS_TOKEN")?)
    ///     .api_version(ApiVersion::V9) // a Paperless-ngx 2.x server
    ///     .timeout(Duration::from_secs(30))
    ///     .page_concurrency(8)
    ///     .build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(url: impl AsRef<str>) -> PaperlessBuilder {
        PaperlessBuilder::new(url)
    }

    /// A client over a complete, custom transport (swap point 2), with default options.
    ///
    /// `service` receives every request with an **absolute** URI: this function puts a
    /// [`BaseUrlLayer`] for `base` on top of it, which joins the client's origin-form URIs
    /// (`/api/tags/?page=2`) onto the base URL and sub-path (`https://host/paperless/api/tags/?page=2`).
    /// Nothing else is added: authentication, the `Accept: application/json; version=N` header,
    /// retries and timeouts are the service's job. `base` is also where pagination `next` links
    /// are rebased, since Paperless-ngx behind a proxy often advertises the wrong host.
    ///
    /// To keep this crate's layers (auth, API version, retries, timeouts) over a bottom service
    /// of yours, use [`PaperlessBuilder::build_with`] instead (swap point 1).
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
        Self::assemble(service, base, Options::default(), None)
    }

    /// The client over `service`. A service given by the user (`api_version` unknown) gets a
    /// [`BaseUrlLayer`] on top; the transport built by [`TransportBuilder`] has its own.
    fn assemble(
        service: HttpClient,
        base: BaseUrl,
        options: Options,
        api_version: Option<ApiVersion>,
    ) -> Self {
        let service = match api_version {
            Some(_) => service,
            None => HttpClient::new(BaseUrlLayer::new(base.clone()).layer(service)),
        };
        Self {
            inner: Arc::new(Inner {
                service,
                base,
                options,
                api_version,
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

    /// The API version this client asks for (`Accept: application/json; version=N`); `None` for
    /// a client built [`from_service`](Self::from_service), whose service decides.
    #[must_use]
    pub fn api_version(&self) -> Option<ApiVersion> {
        self.inner.api_version
    }

    /// How many pages a pagination stream fetches at once (default 8).
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
            .field("api_version", &self.inner.api_version)
            .field("page_concurrency", &self.inner.options.page_concurrency)
            .field("ids_page_size", &self.inner.options.ids_page_size)
            .field("max_json_body", &self.inner.options.max_json_body)
            .finish_non_exhaustive()
    }
}

/// Builds a [`Paperless`] client with non-default options: from a URL
/// ([`Paperless::builder`]), from the environment ([`PaperlessBuilder::from_env`]), or over a
/// complete transport of yours ([`PaperlessBuilder::from_service`]).
///
/// Every option of the transport is here, with the defaults of [`TransportBuilder`] (which
/// documents each one): credentials, API version, user agent, retries, timeouts, connection
/// pool, redirects, TLS and proxy. [`transport`](Self::transport) reaches the [`TransportBuilder`]
/// itself. Finish with [`build`](Self::build) (the default hyper + rustls stack) or
/// [`build_with`](Self::build_with) (our layers over your bottom service).
///
/// ```no_run
/// use std::time::Duration;
/// use paperless_client::Paperless;
/// use paperless_client::transport::RetryConfig;
///
/// let client = Paperless::builder("https://paperless.internal")
///     .token("0123456789abcdef")
///     .add_root_certificate_pem(&std::fs::read("company-ca.pem")?)
///     .retry(RetryConfig::new().max_retries(5))
///     .connect_timeout(Duration::from_secs(3))
///     .total_timeout(None) // no limit for a whole call
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
    /// Our transport for a URL (the URL's parse error is kept for `build`). Boxed: the
    /// transport builder is large, and builders are moved by every setter.
    Transport(Box<std::result::Result<TransportBuilder, BuildError>>),
    /// A complete transport given by the user.
    Service {
        service: HttpClient,
        base: BaseUrl,
        /// Transport options set on this builder, which cannot apply; `build` refuses them.
        refused: Vec<&'static str>,
    },
}

impl PaperlessBuilder {
    /// A builder for the installation at `url`; see [`Paperless::builder`].
    pub fn new(url: impl AsRef<str>) -> Self {
        Self {
            source: Source::Transport(Box::new(
                BaseUrl::parse(url.as_ref()).map(TransportBuilder::new),
            )),
            options: Options::default(),
        }
    }

    /// Starts from a complete, custom transport; see [`Paperless::from_service`] for what
    /// `service` receives. Only the client options ([`page_concurrency`](Self::page_concurrency),
    /// [`ids_page_size`](Self::ids_page_size)) apply; `build` refuses transport options, which
    /// your service must implement itself.
    pub fn from_service(service: HttpClient, base: BaseUrl) -> Self {
        Self {
            source: Source::Service {
                service,
                base,
                refused: Vec::new(),
            },
            options: Options::default(),
        }
    }

    /// Changes the [`TransportBuilder`] directly: the one way every transport option below is
    /// set, and the way to reach options added to the transport later.
    ///
    /// ```no_run
    /// # use paperless_client::Paperless;
    /// let client = Paperless::builder("https://paperless.example.com")
    ///     .token("0123456789abcdef")
    ///     .transport(|t| t.pool_max_idle_per_host(0))
    ///     .build()?;
    /// # Ok::<(), paperless_client::Error>(())
    /// ```
    pub fn transport(self, change: impl FnOnce(TransportBuilder) -> TransportBuilder) -> Self {
        self.transport_option("transport(..)", change)
    }

    fn transport_option(
        mut self,
        name: &'static str,
        change: impl FnOnce(TransportBuilder) -> TransportBuilder,
    ) -> Self {
        self.source = match self.source {
            Source::Transport(builder) => Source::Transport(Box::new(builder.map(change))),
            Source::Service {
                service,
                base,
                mut refused,
            } => {
                if !refused.contains(&name) {
                    refused.push(name);
                }
                Source::Service {
                    service,
                    base,
                    refused,
                }
            }
        };
        self
    }

    /// Authenticates with an API token: `Authorization: Token <token>` (the usual way).
    /// Whitespace around it (a trailing newline from a file) is ignored.
    pub fn token(self, token: impl Into<Secret>) -> Self {
        let token = token.into();
        self.transport_option("token", |t| t.auth(Auth::token(token.into_inner())))
    }

    /// Authenticates with HTTP basic auth (username and password) on every request.
    pub fn basic_auth(self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        let (username, password) = (username.into(), password.into());
        self.transport_option("basic_auth", |t| {
            t.auth(Auth::basic(username, password.into_inner()))
        })
    }

    /// The credentials sent with every request ([`Auth::token`], [`Auth::basic`] or
    /// [`Auth::none`], for a reverse proxy that authenticates).
    pub fn auth(self, auth: Auth) -> Self {
        self.transport_option("auth", |t| t.auth(auth))
    }

    /// The API version to ask for (default [`ApiVersion::V10`], Paperless-ngx 3.x;
    /// [`ApiVersion::V9`] for 2.x servers).
    pub fn api_version(self, version: ApiVersion) -> Self {
        self.transport_option("api_version", |t| t.api_version(version))
    }

    /// The `User-Agent` header (default `paperless-rs/<version>`).
    pub fn user_agent(self, user_agent: impl Into<String>) -> Self {
        let user_agent = user_agent.into();
        self.transport_option("user_agent", |t| t.user_agent(user_agent))
    }

    /// How transient failures of idempotent requests are retried (default: 3 retries).
    pub fn retry(self, config: RetryConfig) -> Self {
        self.transport_option("retry", |t| t.retry(config))
    }

    /// Never retries: every request is attempted once.
    pub fn no_retry(self) -> Self {
        self.transport_option("no_retry", TransportBuilder::no_retry)
    }

    /// The limit for opening a connection, DNS included (default 10 s; `None`: the operating
    /// system's).
    pub fn connect_timeout(self, timeout: impl Into<Option<Duration>>) -> Self {
        let timeout = timeout.into();
        self.transport_option("connect_timeout", |t| t.connect_timeout(timeout))
    }

    /// The limit for one attempt: connect, send (an upload included), the response head and a
    /// JSON body (default 60 s; `None`: no limit). A timed-out attempt is retried.
    pub fn timeout(self, timeout: impl Into<Option<Duration>>) -> Self {
        let timeout = timeout.into();
        self.transport_option("timeout", |t| t.timeout(timeout))
    }

    /// The limit for a whole call, every attempt and wait included (default 180 s; `None`: no
    /// limit).
    pub fn total_timeout(self, timeout: impl Into<Option<Duration>>) -> Self {
        let timeout = timeout.into();
        self.transport_option("total_timeout", |t| t.total_timeout(timeout))
    }

    /// How long an idle pooled connection is kept (default 60 s; `None`: until the server
    /// closes it).
    pub fn pool_idle_timeout(self, timeout: impl Into<Option<Duration>>) -> Self {
        let timeout = timeout.into();
        self.transport_option("pool_idle_timeout", |t| t.pool_idle_timeout(timeout))
    }

    /// How many idle connections per host the pool keeps (default 32; `0` disables reuse).
    pub fn pool_max_idle_per_host(self, max: usize) -> Self {
        self.transport_option("pool_max_idle_per_host", |t| t.pool_max_idle_per_host(max))
    }

    /// Follows up to `max` redirects (default: none), dropping credentials when a redirect
    /// leaves the base URL's origin.
    pub fn follow_redirects(self, max: usize) -> Self {
        self.transport_option("follow_redirects", |t| t.follow_redirects(max))
    }

    /// Trusts an extra certificate authority (or a self-signed server certificate), in PEM.
    /// Can be called several times. Parsed by `build()`.
    pub fn add_root_certificate_pem(self, pem: &[u8]) -> Self {
        self.transport_option("add_root_certificate_pem", |t| {
            t.add_root_certificate_pem(pem)
        })
    }

    /// Whether the built-in root certificates are trusted (default `true`); `false` trusts only
    /// those added with [`add_root_certificate_pem`](Self::add_root_certificate_pem).
    pub fn tls_built_in_roots(self, enabled: bool) -> Self {
        self.transport_option("tls_built_in_roots", |t| t.tls_built_in_roots(enabled))
    }

    /// A client certificate for mutual TLS: the chain (leaf first) and its private key, in PEM.
    pub fn client_identity_pem(self, cert_chain_pem: &[u8], key_pem: &[u8]) -> Self {
        self.transport_option("client_identity_pem", |t| {
            t.client_identity_pem(cert_chain_pem, key_pem)
        })
    }

    /// **Dangerous:** accepts any server certificate, so anyone on the network path can pose as
    /// your server. Prefer [`add_root_certificate_pem`](Self::add_root_certificate_pem) with the
    /// server's certificate.
    pub fn danger_accept_invalid_certs(self, accept: bool) -> Self {
        self.transport_option("danger_accept_invalid_certs", |t| {
            t.danger_accept_invalid_certs(accept)
        })
    }

    /// Uses this rustls configuration as is, overriding every other TLS option.
    pub fn tls_config(self, config: Arc<rustls::ClientConfig>) -> Self {
        self.transport_option("tls_config", |t| t.tls_config(config))
    }

    /// Connects through this HTTP proxy instead of the one the environment names. Without it,
    /// the client honours `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` as curl does
    /// (see [`Proxy::from_env`]). Through a proxy, an `https://` installation is reached in a
    /// `CONNECT` tunnel, so the proxy never sees the token.
    ///
    /// ```no_run
    /// use paperless_client::Paperless;
    /// use paperless_client::transport::Proxy;
    ///
    /// let client = Paperless::builder("https://paperless.example.com")
    ///     .token("0123456789abcdef")
    ///     .proxy(Proxy::https("http://proxy.internal:3128").basic_auth("alice", "s3cret"))
    ///     .build()?;
    /// # Ok::<(), paperless_client::Error>(())
    /// ```
    pub fn proxy(self, proxy: Proxy) -> Self {
        self.transport_option("proxy", |t| t.proxy(proxy))
    }

    /// Connects directly, ignoring the proxy environment variables (and any
    /// [`proxy`](Self::proxy) set before).
    pub fn no_proxy(self) -> Self {
        self.transport_option("no_proxy", TransportBuilder::no_proxy)
    }

    /// How many pages a pagination stream fetches at once, in order (default 8; 1 fetches one
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

    /// The largest JSON response body, in bytes, the client reads into memory (default
    /// [`DEFAULT_MAX_JSON_BODY`], 256 MiB). A longer body, from a misbehaving server or proxy,
    /// ends the call with a [`DecodeError`](crate::DecodeError) instead of exhausting memory.
    /// File downloads stream and are not limited by it.
    pub fn max_json_body(mut self, bytes: usize) -> Self {
        self.options.max_json_body = bytes;
        self
    }

    /// Builds the client over the default stack: every layer of the transport over a hyper-util
    /// connection pool with rustls.
    ///
    /// # Errors
    /// [`Error::Build`](crate::Error::Build) for an invalid URL, credential, user agent, retry configuration,
    /// certificate or proxy URL (the environment's too); [`Error::Invalid`](crate::Error::Invalid) when `page_concurrency` or `ids_page_size` is 0, or when
    /// transport options were set on a builder started [`from_service`](Self::from_service).
    pub fn build(self) -> Result<Paperless> {
        self.options.validate()?;
        match self.source {
            Source::Transport(builder) => {
                let builder = (*builder)?;
                let (base, version) = (builder.base_url().clone(), builder.default_api_version());
                let service = builder.build()?;
                Ok(Paperless::assemble(
                    service,
                    base,
                    self.options,
                    Some(version),
                ))
            }
            Source::Service {
                service,
                base,
                refused,
            } => {
                if !refused.is_empty() {
                    return Err(InvalidInput::new(format!(
                        "{} cannot apply to a client built from_service, whose service does its \
                         own authentication, retries, timeouts and TLS; configure that service, \
                         or start from Paperless::builder(url) and use build_with(service)",
                        refused.join(", ")
                    ))
                    .into());
                }
                Ok(Paperless::assemble(service, base, self.options, None))
            }
        }
    }

    /// Builds the client with every layer of the transport (auth, API version, retries,
    /// timeouts, tracing) over your bottom service (swap point 1): a mock, an in-process router,
    /// a proxy-aware client. `inner` receives absolute URIs with every header set; the TLS and
    /// pool options do not apply to it.
    ///
    /// ```no_run
    /// use hyper_util::client::legacy::Client;
    /// use hyper_util::rt::TokioExecutor;
    /// use paperless_client::Paperless;
    /// use paperless_client::transport::Body;
    ///
    /// // Your bottom service: here hyper-util's plain-HTTP pool.
    /// let bottom = Client::builder(TokioExecutor::new()).build_http::<Body>();
    /// let client = Paperless::builder("http://localhost:8000")
    ///     .token("0123456789abcdef")
    ///     .build_with(bottom)?;
    /// # Ok::<(), paperless_client::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`build`](Self::build); also [`Error::Invalid`](crate::Error::Invalid) on a builder started
    /// [`from_service`](Self::from_service), which has its transport already.
    pub fn build_with<S, B>(self, inner: S) -> Result<Paperless>
    where
        S: tower::Service<http::Request<Body>, Response = http::Response<B>>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Error: Into<BoxError>,
        S::Future: Send + 'static,
        B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        self.options.validate()?;
        match self.source {
            Source::Transport(builder) => {
                let builder = (*builder)?;
                let (base, version) = (builder.base_url().clone(), builder.default_api_version());
                let service = builder.build_with(inner)?;
                Ok(Paperless::assemble(
                    service,
                    base,
                    self.options,
                    Some(version),
                ))
            }
            Source::Service { .. } => Err(InvalidInput::new(
                "build_with(service) needs a builder started from a URL (Paperless::builder); \
                 this one was started from_service and has its transport already",
            )
            .into()),
        }
    }

    /// The same builder without credentials (for `POST /api/token/`, which takes them in its
    /// body). A builder over a user's service is left as it is.
    pub(crate) fn without_auth(self) -> Self {
        match self.source {
            Source::Transport(builder) => Self {
                source: Source::Transport(Box::new(builder.map(|t| t.auth(Auth::none())))),
                options: self.options,
            },
            source @ Source::Service { .. } => Self {
                source,
                options: self.options,
            },
        }
    }
}

impl fmt::Debug for PaperlessBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("PaperlessBuilder");
        match &self.source {
            // The transport builder's Debug redacts credentials.
            Source::Transport(builder) => match &**builder {
                Ok(builder) => d.field("transport", builder),
                Err(error) => d.field("transport", error),
            },
            Source::Service { base, refused, .. } => {
                d.field("base_url", base).field("refused", refused)
            }
        };
        d.field("options", &self.options).finish_non_exhaustive()
    }
}
