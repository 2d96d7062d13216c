//! [`Paperless`], the client: its shared state, the one way every request is sent
//! ([`Paperless::execute`]), and the API version negotiation that runs before a client's first
//! request.
//!
//! ```text
//! execute(ApiRequest)
//!   ├─ the request has its own Accept → no version
//!   ├─ a pinned version (PaperlessBuilder::api_version) → it
//!   └─ else the negotiated one: the first request of the client (and of its clones) runs one
//!      probe (GET /api/ui_settings/ without a version, X-Api-Version = the server's newest),
//!      concurrent first requests wait for that one probe, and the newest version both speak
//!      is kept for the client's life
//!   └─ ApiRequest::into_http (Accept, MaxJsonBody) → HttpClient → status check (response.rs)
//! ```

use std::fmt;
use std::sync::Arc;

use http::header::{ACCEPT, HeaderValue};
use http::{Method, StatusCode};
use paperless_transport::{ApiVersion, BaseUrl, HttpClient, MaxJsonBody};
use serde::de::DeserializeOwned;
use tokio::sync::OnceCell;
use tower::ServiceExt;
use tracing::Instrument;

use crate::error::{Error, InvalidInput, Result};
use crate::operation::{Operation, SERVER_INFO, needs_3x};
use crate::request::ApiRequest;
use crate::response::{DRAIN_LIMIT, Success, api_error};
use crate::version::{ServerInfo, VersionError, VersionSource};

/// Paperless-ngx's largest accepted `page_size` (`StandardPagination.max_page_size`).
pub(crate) const MAX_PAGE_SIZE: u64 = 100_000;

/// The path of the server probe: the cheapest authenticated endpoint (see
/// [`Paperless::server_info`] for why).
pub(crate) const PROBE_PATH: &str = "/api/ui_settings/";

/// The default of [`PaperlessBuilder::max_json_body`](crate::PaperlessBuilder::max_json_body):
/// 256 MiB, far above any page Paperless-ngx sends (a page of 100 documents with their full text
/// is a few megabytes). The same value as the transport's [`MaxJsonBody::DEFAULT`].
pub const DEFAULT_MAX_JSON_BODY: usize = MaxJsonBody::DEFAULT.bytes();

/// A Paperless-ngx client: the entry point to every endpoint.
///
/// Build one with [`Paperless::new`] (URL and token), [`Paperless::from_env`]
/// (`PAPERLESS_URL`, `PAPERLESS_TOKEN`), or [`Paperless::builder`] for every option.
///
/// Cheap to clone (one `Arc`), `Send + Sync`, and usable from any tokio runtime: nothing is
/// spawned when it is built. Clones share the transport and its connection pool, and the API
/// version negotiated with the server, so clone it into tasks instead of wrapping it in an
/// `Arc`.
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
/// let worker = client.clone(); // shares the connection pool and the negotiated version
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
    /// What the client learned of the server: by the negotiation's probe, or by
    /// [`Paperless::server_info`]. Set once, for the client's life.
    server: OnceCell<ServerInfo>,
    /// The browser session of [`Paperless::session_login`], shared by clones.
    session: std::sync::RwLock<Option<crate::session::Session>>,
    /// Raw connections with the transport's settings (the websocket); unset over a service of
    /// the caller's.
    #[cfg(feature = "events")]
    connector: std::sync::OnceLock<paperless_transport::Connector>,
}

/// Tunables of a client, set through [`PaperlessBuilder`](crate::PaperlessBuilder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Options {
    /// The API version every request asks for; `None` negotiates it with the server.
    pub(crate) api_version: Option<ApiVersion>,
    /// How many pages a pagination stream fetches at once.
    pub(crate) page_concurrency: usize,
    /// The `page_size` used by `ids()`.
    pub(crate) ids_page_size: u64,
    /// The largest JSON body the client reads into memory.
    pub(crate) max_json_body: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            api_version: None,
            page_concurrency: 8,
            ids_page_size: MAX_PAGE_SIZE,
            max_json_body: DEFAULT_MAX_JSON_BODY,
        }
    }
}

impl Options {
    pub(crate) fn validate(&self) -> Result<()> {
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
    /// The client over `service`, which receives origin-form URIs (`/api/tags/`) and makes them
    /// absolute itself (the transport's `BaseUrlLayer`).
    pub(crate) fn assemble(service: HttpClient, base: BaseUrl, options: Options) -> Self {
        Self {
            inner: Arc::new(Inner {
                service,
                base,
                options,
                session: std::sync::RwLock::new(None),
                #[cfg(feature = "events")]
                connector: std::sync::OnceLock::new(),
                server: OnceCell::new(),
            }),
        }
    }

    /// The installation's base URL, onto which every request path is joined.
    #[must_use]
    pub fn base_url(&self) -> &BaseUrl {
        &self.inner.base
    }

    /// The API version this client's requests ask for (`Accept: application/json; version=N`):
    /// the one pinned with [`PaperlessBuilder::api_version`](crate::PaperlessBuilder::api_version)
    /// (or `PAPERLESS_API_VERSION`), else the one negotiated with the server by the first
    /// request, once it has run. `None` before that, and when the server speaks none of this
    /// crate's versions. [`Paperless::negotiate_api_version`] runs the negotiation now.
    #[must_use]
    pub fn api_version(&self) -> Option<ApiVersion> {
        self.inner
            .options
            .api_version
            .or_else(|| self.known_server()?.newest_common_version())
    }

    /// Whether the API version was pinned when the client was built (rather than negotiated).
    #[must_use]
    pub fn is_api_version_pinned(&self) -> bool {
        self.inner.options.api_version.is_some()
    }

    /// The Paperless-ngx release of the server (`X-Version`, such as `3.0.5`), once the client
    /// has learned it: by the version negotiation before its first request, or by
    /// [`Paperless::server_info`]. `None` before that (and always for a pinned client that never
    /// called `server_info`).
    #[must_use]
    pub fn server_version(&self) -> Option<&str> {
        self.known_server().map(|s| s.version.as_str())
    }

    /// The newest API version the server speaks (`X-Api-Version`), once the client has learned
    /// it (as for [`Paperless::server_version`]).
    #[must_use]
    pub fn server_api_version(&self) -> Option<u32> {
        self.known_server().map(|s| s.api_version)
    }

    /// The API version requests use, negotiating it first if that has not happened yet (one
    /// probe, shared with every clone; see [`Paperless::server_info`] for the request). A pinned
    /// version is returned without a request.
    ///
    /// ```no_run
    /// # async fn run() -> paperless_client::Result<()> {
    /// let client = paperless_client::Paperless::from_env()?;
    /// let version = client.negotiate_api_version().await?; // GET /api/ui_settings/, once
    /// println!("speaking API version {version} with Paperless-ngx {:?}", client.server_version());
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// The errors of [`Paperless::server_info`] (401 for a wrong token, transport errors, a
    /// proxy's page without the version headers), and
    /// [`Error::Version`] when the server speaks no version of this crate.
    pub async fn negotiate_api_version(&self) -> Result<ApiVersion> {
        self.request_version().await.map(|(v, _)| v)
    }

    /// How many pages a pagination stream fetches at once (default 8).
    #[must_use]
    pub fn page_concurrency(&self) -> usize {
        self.inner.options.page_concurrency
    }

    pub(crate) fn options(&self) -> &Options {
        &self.inner.options
    }

    /// What the client has learned of the server so far (release, newest API version): the
    /// hook for operations that need a newer server to refuse before sending.
    pub(crate) fn known_server(&self) -> Option<&ServerInfo> {
        self.inner.server.get()
    }

    /// What the client knows of the server once the API version is settled (negotiating it
    /// first when needed; a pinned client knows the server only after `server_info`).
    pub(crate) async fn learned_server(&self) -> Result<Option<&ServerInfo>> {
        self.request_version().await?;
        Ok(self.known_server())
    }

    /// Refuses `operation`, before sending, when the server is known to be older than
    /// Paperless-ngx 3.x (which answers its 3.x-only routes with a redirect to the login page
    /// or a 405): "needs Paperless-ngx 3.x (this server is 2.20.15)".
    pub(crate) async fn require_3x(&self, operation: Operation) -> Result<()> {
        match self.learned_server().await? {
            Some(server) if server.is_before_3() => {
                Err(VersionError::needs_3x(server.clone(), operation).into())
            }
            _ => Ok(()),
        }
    }

    /// Keeps what `server_info` learned, unless the client knows the server already.
    pub(crate) fn remember_server(&self, info: &ServerInfo) {
        // Already set: the first answer stays (the version in use was chosen from it).
        let _ = self.inner.server.set(info.clone());
    }

    /// The version requests ask for, and how it was chosen: pinned, or negotiated (one probe
    /// for the client's life; concurrent first calls wait for the same probe).
    async fn request_version(&self) -> Result<(ApiVersion, VersionSource)> {
        if let Some(pinned) = self.inner.options.api_version {
            return Ok((pinned, VersionSource::Pinned));
        }
        let server = self
            .inner
            .server
            .get_or_try_init(|| self.probe(None))
            .await?;
        Ok((server.choose()?, VersionSource::Negotiated))
    }

    /// The server probe, `GET /api/ui_settings/`, asking for `version` (`None`: without a
    /// version, which every server answers in its newest). The answer's headers say the
    /// server's release and newest API version; its body is read (at most 1 MiB) and dropped.
    pub(crate) async fn probe(&self, version: Option<ApiVersion>) -> Result<ServerInfo> {
        let probe = ApiRequest::new(SERVER_INFO, Method::GET, PROBE_PATH)
            .max_json_body(DRAIN_LIMIT)
            .header(
                ACCEPT,
                HeaderValue::from_static(
                    version.map_or("application/json", ApiVersion::accept_header_value),
                ),
            );
        let asked = version.map(|v| (v, VersionSource::Pinned));
        match self.send(probe, asked).await {
            Ok(success) => match ServerInfo::from_headers(success.headers()) {
                Ok(info) => {
                    success.drain().await;
                    Ok(info)
                }
                Err(missing) => Err(success.missing_header(missing).await),
            },
            // A user without the permission to view UI settings: the answer has the headers.
            Err(Error::Api(e)) if e.status() == StatusCode::FORBIDDEN => {
                match (e.server_version(), e.server_api_version()) {
                    (Some(release), Some(newest)) => Ok(ServerInfo::new(release, newest)),
                    _ => Err(Error::Api(e)),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Sends a request and checks its status: the one way every request of this crate goes out.
    /// It asks for the client's API version (negotiating it first when needed) unless the
    /// request carries its own `Accept`.
    /// Operations only Paperless-ngx 3.x has (`operation::needs_3x`) are refused, before
    /// sending, when the client knows the server is 2.x.
    pub(crate) async fn execute(&self, request: ApiRequest) -> Result<Success> {
        let version = if request.has_accept() {
            None
        } else {
            Some(self.request_version().await?)
        };
        if let Some(server) = self.known_server()
            && server.is_before_3()
            && needs_3x(request.operation())
        {
            return Err(VersionError::needs_3x(server.clone(), request.operation()).into());
        }
        self.send(request, version).await
    }

    /// Sends a request as it is, asking for `version`, and checks its status.
    async fn send(
        &self,
        request: ApiRequest,
        version: Option<(ApiVersion, VersionSource)>,
    ) -> Result<Success> {
        let (ctx, request) = request.into_http(version, self.inner.options.max_json_body)?;
        let span = tracing::debug_span!(
            "paperless.request",
            operation = %ctx.operation,
            method = %ctx.method,
            path = %ctx.path,
            status = tracing::field::Empty,
        );
        let service = self.inner.service.clone();
        async move {
            let response = match service.oneshot(request).await {
                Ok(response) => response,
                Err(e) => return Err(ctx.transport(e)),
            };
            let status = response.status();
            tracing::Span::current().record("status", status.as_u16());
            if status.is_success() {
                Ok(Success::from_parts(ctx, response))
            } else {
                Err(Error::Api(
                    api_error(ctx, response, self.known_server()).await,
                ))
            }
        }
        .instrument(span)
        .await
    }

    /// The bottom of the stack, for exchanges that read any status themselves (the session
    /// login).
    pub(crate) fn service(&self) -> &HttpClient {
        &self.inner.service
    }

    /// The session of [`Paperless::session_login`], if any.
    pub(crate) fn session_slot(&self) -> &std::sync::RwLock<Option<crate::session::Session>> {
        &self.inner.session
    }

    /// Raw connections with the transport's settings (set by the builder).
    #[cfg(feature = "events")]
    pub(crate) fn connector_slot(&self) -> &std::sync::OnceLock<paperless_transport::Connector> {
        &self.inner.connector
    }

    /// Sends a request and decodes its JSON answer.
    pub(crate) async fn json<T: DeserializeOwned>(&self, request: ApiRequest) -> Result<T> {
        self.execute(request).await?.json().await
    }

    /// Sends a request whose answer has no body worth reading (DELETE → 204).
    pub(crate) async fn no_content(&self, request: ApiRequest) -> Result<()> {
        self.execute(request).await?.ignore_body();
        Ok(())
    }
}

impl fmt::Debug for Paperless {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paperless")
            .field("base_url", &self.inner.base)
            .field("api_version", &self.api_version())
            .field("api_version_pinned", &self.is_api_version_pinned())
            .field("server", &self.known_server())
            .field("page_concurrency", &self.inner.options.page_concurrency)
            .field("ids_page_size", &self.inner.options.ids_page_size)
            .field("max_json_body", &self.inner.options.max_json_body)
            .finish_non_exhaustive()
    }
}
