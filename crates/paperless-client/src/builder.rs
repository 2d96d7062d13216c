//! [`PaperlessBuilder`]: one composition of a [`TransportBuilder`] and the client's options.
//!
//! A builder started from a URL ([`Paperless::builder`]) holds a [`TransportBuilder`]: the
//! everyday transport settings have shortcuts here (`token`, `basic_auth`, `auth`, `timeout`,
//! `add_root_certificate_pem`, `danger_accept_invalid_certs`, `proxy`), every other one is set
//! on the transport builder itself with [`PaperlessBuilder::transport`]. A builder started from
//! a service of yours ([`PaperlessBuilder::from_service`]) has no transport to configure, so it
//! has the client options only, and a transport option on it does not compile.

use std::fmt;
use std::time::Duration;

use paperless_transport::layers::BaseUrlLayer;
use paperless_transport::{ApiVersion, Auth, BaseUrl, Body, BoxError, BuildError, HttpClient};
use paperless_transport::{Proxy, TransportBuilder};
use paperless_types::secret::Secret;
use tower::Layer;

use crate::client::{Options, Paperless};
use crate::error::Result;

impl Paperless {
    /// A client for the installation at `url`, authenticated with an API `token`, with the
    /// default transport: HTTPS (rustls), retries of idempotent requests, timeouts of 10 s
    /// (connect), 60 s (attempt) and 180 s (call), and the API version negotiated with the
    /// server by the first request (10 on Paperless-ngx 3.x, 9 on 2.x).
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
    /// [`Error::Build`](crate::Error::Build) for an invalid URL or a token that cannot be sent
    /// in a header (empty, or with a line break); the error never quotes the token.
    pub fn new(url: impl AsRef<str>, token: impl Into<Secret>) -> Result<Self> {
        Self::builder(url).token(token).build()
    }

    /// A builder for a client of the installation at `url` (same rules as [`Paperless::new`]),
    /// with every transport and client option. A bad URL is reported by `build()`.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use paperless_client::{ApiVersion, Paperless};
    ///
    /// let client = Paperless::builder("https://paperless.example.com/paperless")
    ///     .token(std::env::var("PAPERLESS_TOKEN")?)
    ///     .api_version(ApiVersion::V9) // pinned: no negotiation
    ///     .timeout(Duration::from_secs(30))
    ///     .transport(|t| t.total_timeout(None).follow_redirects(3))
    ///     .page_concurrency(8)
    ///     .build()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(url: impl AsRef<str>) -> PaperlessBuilder {
        PaperlessBuilder::new(url)
    }

    /// A client over a complete, custom transport (swap point 2), with default options; see
    /// [`PaperlessBuilder::from_service`] to set the client options.
    ///
    /// `service` receives every request with an **absolute** URI: this function puts a
    /// [`BaseUrlLayer`] for `base` on top of it, which joins the client's origin-form URIs
    /// (`/api/tags/?page=2`) onto the base URL and sub-path (`https://host/paperless/api/tags/?page=2`).
    /// The client sets the `Accept: application/json; version=N` header itself (and negotiates
    /// the version as over its own transport); authentication, retries and timeouts are the
    /// service's job. `base` is also where pagination `next` links are rebased, since
    /// Paperless-ngx behind a proxy often advertises the wrong host.
    ///
    /// To keep this crate's layers (auth, retries, timeouts) over a bottom service of yours, use
    /// [`PaperlessBuilder::build_with`] instead (swap point 1).
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
        WithService { service, base }.assemble(Options::default())
    }
}

/// Builds a [`Paperless`] client with non-default options: from a URL ([`Paperless::builder`],
/// [`PaperlessBuilder::from_env`]), holding a [`TransportBuilder`] ([`WithTransport`]), or over
/// a complete transport of yours ([`PaperlessBuilder::from_service`], [`WithService`]).
///
/// The client options apply to both: [`api_version`](Self::api_version) (pin a version instead
/// of negotiating it), [`page_concurrency`](Self::page_concurrency),
/// [`ids_page_size`](Self::ids_page_size) and [`max_json_body`](Self::max_json_body). A builder
/// from a URL adds shortcuts for the everyday transport settings (credentials, the attempt
/// timeout, a private CA, invalid certificates, a proxy) and [`transport`](Self::transport) for
/// every other option of the [`TransportBuilder`] (which documents each one and its default).
/// Finish with [`build`](Self::build) (the default hyper + rustls stack) or
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
///     .transport(|t| {
///         t.retry(RetryConfig::new().max_retries(5))
///             .connect_timeout(Duration::from_secs(3))
///             .total_timeout(None) // no limit for a whole call
///     })
///     .build()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A builder over your own service has no transport options: they would not apply, so they do
/// not compile.
///
/// ```compile_fail,E0599
/// use std::time::Duration;
/// use hyper_util::client::legacy::Client;
/// use hyper_util::rt::TokioExecutor;
/// use paperless_client::PaperlessBuilder;
/// use paperless_client::transport::{BaseUrl, boxed};
///
/// let http = Client::builder(TokioExecutor::new()).build_http();
/// let client = PaperlessBuilder::from_service(boxed(http), BaseUrl::parse("http://localhost:8000")?)
///     .page_concurrency(4) // a client option: fine
///     .timeout(Duration::from_secs(5)) // error: no method `timeout` on PaperlessBuilder<WithService>
///     .build()?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use = "a builder does nothing until .build() is called"]
pub struct PaperlessBuilder<S = WithTransport> {
    source: S,
    options: Options,
}

/// Where a [`PaperlessBuilder`] started from a URL gets its transport: a [`TransportBuilder`],
/// set with the builder's shortcuts and [`PaperlessBuilder::transport`].
pub struct WithTransport {
    /// The URL's parse error is kept for `build`. Boxed: the transport builder is large, and
    /// builders are moved by every setter.
    transport: Box<std::result::Result<TransportBuilder, BuildError>>,
}

/// Where a [`PaperlessBuilder`] started [`from_service`](PaperlessBuilder::from_service) gets
/// its transport: a complete service of yours, with its own authentication, retries, timeouts
/// and TLS.
pub struct WithService {
    service: HttpClient,
    base: BaseUrl,
}

impl WithService {
    /// The client over the service, with a [`BaseUrlLayer`] on top.
    fn assemble(self, options: Options) -> Paperless {
        let service = HttpClient::new(BaseUrlLayer::new(self.base.clone()).layer(self.service));
        Paperless::assemble(service, self.base, options)
    }
}

impl fmt::Debug for WithTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The transport builder's Debug redacts credentials.
        match &*self.transport {
            Ok(builder) => f.debug_tuple("WithTransport").field(builder).finish(),
            Err(error) => f.debug_tuple("WithTransport").field(error).finish(),
        }
    }
}

impl fmt::Debug for WithService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WithService")
            .field("base_url", &self.base)
            .finish_non_exhaustive()
    }
}

impl<S: fmt::Debug> fmt::Debug for PaperlessBuilder<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PaperlessBuilder")
            .field("source", &self.source)
            .field("options", &self.options)
            .finish()
    }
}

/// The client options, on every builder.
impl<S> PaperlessBuilder<S> {
    /// Pins the API version every request asks for, instead of negotiating it with the server
    /// (the default: the first request of the client runs one probe and picks the newest
    /// version both speak, 10 on Paperless-ngx 3.x and 9 on 2.x). A pinned client sends no
    /// probe; a server that does not accept the version answers `406 Not Acceptable`.
    pub fn api_version(mut self, version: ApiVersion) -> Self {
        self.options.api_version = Some(version);
        self
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

    /// The largest JSON response body, in bytes, the client reads (default
    /// [`DEFAULT_MAX_JSON_BODY`](crate::DEFAULT_MAX_JSON_BODY), 256 MiB). Every JSON answer is
    /// read whole inside the attempt, so the attempt and total timeouts cover it; a longer body,
    /// from a misbehaving server or proxy, ends the call at once with a
    /// [`DecodeError`](crate::DecodeError) instead of exhausting memory, and a body whose
    /// `Content-Length` says it is longer is not read at all. File downloads stream and are not
    /// limited by it.
    pub fn max_json_body(mut self, bytes: usize) -> Self {
        self.options.max_json_body = bytes;
        self
    }
}

impl PaperlessBuilder<WithTransport> {
    /// A builder for the installation at `url`; see [`Paperless::builder`].
    pub fn new(url: impl AsRef<str>) -> Self {
        Self {
            source: WithTransport {
                transport: Box::new(BaseUrl::parse(url.as_ref()).map(TransportBuilder::new)),
            },
            options: Options::default(),
        }
    }

    /// Changes the [`TransportBuilder`] directly: the way to set every transport option without
    /// a shortcut here (retries, the connect and total timeouts, the connection pool, redirects,
    /// the user agent, client certificates, your own rustls configuration, no proxy), and those
    /// added to the transport later. Can be called several times.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// # use paperless_client::Paperless;
    /// let client = Paperless::builder("https://paperless.example.com")
    ///     .token("0123456789abcdef")
    ///     .transport(|t| t.no_retry().connect_timeout(Duration::from_secs(2)).no_proxy())
    ///     .build()?;
    /// # Ok::<(), paperless_client::Error>(())
    /// ```
    pub fn transport(mut self, change: impl FnOnce(TransportBuilder) -> TransportBuilder) -> Self {
        self.source.transport = Box::new((*self.source.transport).map(change));
        self
    }

    /// Authenticates with an API token: `Authorization: Token <token>` (the usual way).
    /// Whitespace around it (a trailing newline from a file) is ignored.
    pub fn token(self, token: impl Into<Secret>) -> Self {
        let token = token.into();
        self.transport(|t| t.auth(Auth::token(token.into_inner())))
    }

    /// Authenticates with HTTP basic auth (username and password) on every request.
    pub fn basic_auth(self, username: impl Into<String>, password: impl Into<Secret>) -> Self {
        let (username, password) = (username.into(), password.into());
        self.transport(|t| t.auth(Auth::basic(username, password.into_inner())))
    }

    /// The credentials sent with every request ([`Auth::token`], [`Auth::basic`] or
    /// [`Auth::none`], for a reverse proxy that authenticates).
    pub fn auth(self, auth: Auth) -> Self {
        self.transport(|t| t.auth(auth))
    }

    /// The limit for one attempt: connect, send (an upload included), the response head and a
    /// JSON body (default 60 s; `None`: no limit). A timed-out attempt is retried. The limit for
    /// a whole call is [`TransportBuilder::total_timeout`] (default 180 s).
    pub fn timeout(self, timeout: impl Into<Option<Duration>>) -> Self {
        let timeout = timeout.into();
        self.transport(|t| t.timeout(timeout))
    }

    /// Trusts an extra certificate authority (or a self-signed server certificate), in PEM.
    /// Can be called several times. Parsed by `build()`.
    pub fn add_root_certificate_pem(self, pem: &[u8]) -> Self {
        self.transport(|t| t.add_root_certificate_pem(pem))
    }

    /// **Dangerous:** accepts any server certificate, so anyone on the network path can pose as
    /// your server. Prefer [`add_root_certificate_pem`](Self::add_root_certificate_pem) with the
    /// server's certificate.
    pub fn danger_accept_invalid_certs(self, accept: bool) -> Self {
        self.transport(|t| t.danger_accept_invalid_certs(accept))
    }

    /// Connects through this HTTP proxy instead of the one the environment names. Without it,
    /// the client honours `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` as curl does
    /// (see [`Proxy::from_env`]); [`TransportBuilder::no_proxy`] connects directly. Through a
    /// proxy, an `https://` installation is reached in a `CONNECT` tunnel, so the proxy never
    /// sees the token.
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
        self.transport(|t| t.proxy(proxy))
    }

    /// Builds the client over the default stack: every layer of the transport over a hyper-util
    /// connection pool with rustls.
    ///
    /// # Errors
    /// [`Error::Build`](crate::Error::Build) for an invalid URL, credential, user agent, retry
    /// configuration, certificate or proxy URL (the environment's too);
    /// [`Error::Invalid`](crate::Error::Invalid) when `page_concurrency`, `ids_page_size` or
    /// `max_json_body` is 0.
    pub fn build(self) -> Result<Paperless> {
        self.options.validate()?;
        let builder = (*self.source.transport)?;
        let base = builder.base_url().clone();
        #[cfg(feature = "events")]
        let connector = builder.connector()?;
        let client = Paperless::assemble(builder.build()?, base, self.options);
        #[cfg(feature = "events")]
        let _ = client.connector_slot().set(connector);
        Ok(client)
    }

    /// Builds the client with every layer of the transport (auth, retries, timeouts, JSON
    /// buffering, tracing) over your bottom service (swap point 1): a mock, an in-process
    /// router, a proxy-aware client. `inner` receives absolute URIs with every header set; the
    /// TLS, pool and proxy options do not apply to it.
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
    /// As [`build`](Self::build).
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
        let builder = (*self.source.transport)?;
        let base = builder.base_url().clone();
        Ok(Paperless::assemble(
            builder.build_with(inner)?,
            base,
            self.options,
        ))
    }

    /// The same builder without credentials (for `POST /api/token/`, which takes them in its
    /// body).
    pub(crate) fn without_auth(self) -> Self {
        self.transport(|t| t.auth(Auth::none()))
    }
}

impl PaperlessBuilder<WithService> {
    /// Starts from a complete, custom transport; see [`Paperless::from_service`] for what
    /// `service` receives. Only the client options apply (the transport options, which your
    /// service implements itself, are not there).
    pub fn from_service(service: HttpClient, base: BaseUrl) -> Self {
        Self {
            source: WithService { service, base },
            options: Options::default(),
        }
    }

    /// Builds the client over the service.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) when `page_concurrency`, `ids_page_size` or
    /// `max_json_body` is 0.
    pub fn build(self) -> Result<Paperless> {
        self.options.validate()?;
        Ok(self.source.assemble(self.options))
    }
}
