//! [`TransportBuilder`]: assembles the default stack, or our layers over your bottom service.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::HeaderValue;
use http::header::{ACCEPT, AUTHORIZATION, COOKIE, PROXY_AUTHORIZATION, USER_AGENT};
use tower::{Layer, ServiceBuilder, ServiceExt};
use tower_http::follow_redirect::FollowRedirectLayer;
use tower_http::follow_redirect::policy::{FilterCredentials, Limited, PolicyExt, clone_body_fn};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::set_header::SetRequestHeaderLayer;

#[cfg(doc)]
use crate::classify::{TimeoutError, TimeoutKind};
use crate::layers::{
    BaseUrlLayer, BufferJsonLayer, CallTimeoutLayer, IdleTimeoutLayer, RetryConfig, RetryPolicy,
    trace_layer,
};
use crate::proxy::ProxyConnector;
use crate::tls::TlsOptions;
use crate::{ApiVersion, Auth, BaseUrl, Body, BoxError, BuildError, HttpClient, Proxy, boxed};

/// The `User-Agent` sent unless overridden: `paperless-rs/<crate version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("paperless-rs/", env!("CARGO_PKG_VERSION"));

/// Builds an [`HttpClient`]: the default stack over hyper + rustls with [`build`](Self::build),
/// or all our layers over a service of yours with [`build_with`](Self::build_with).
///
/// Defaults:
///
/// | option | default |
/// |---|---|
/// | [`auth`](Self::auth) | [`Auth::none`] |
/// | [`api_version`](Self::api_version) | [`ApiVersion::V10`] |
/// | [`user_agent`](Self::user_agent) | [`DEFAULT_USER_AGENT`] (`paperless-rs/<version>`) |
/// | [`retry`](Self::retry) | [`RetryConfig::default`]: 3 retries of idempotent requests |
/// | [`connect_timeout`](Self::connect_timeout) | 10 s |
/// | [`timeout`](Self::timeout) (per attempt) | 60 s |
/// | [`total_timeout`](Self::total_timeout) | 180 s |
/// | [`idle_timeout`](Self::idle_timeout) (a body moving no data) | 60 s |
/// | [`pool_idle_timeout`](Self::pool_idle_timeout) | 60 s |
/// | [`pool_max_idle_per_host`](Self::pool_max_idle_per_host) | 32 |
/// | [`follow_redirects`](Self::follow_redirects) | off |
/// | [`proxy`](Self::proxy) | [`Proxy::from_env`] (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`), read by [`build`](Self::build) |
/// | TLS | rustls, built-in roots (`webpki-roots` feature), certificates verified, no client certificate |
///
/// Nothing is spawned or connected while building; the result is `Clone + Send + Sync` and works
/// on any tokio runtime.
///
/// ```
/// use std::time::Duration;
/// use paperless_transport::{ApiVersion, Auth, BaseUrl, TransportBuilder};
///
/// let client = TransportBuilder::new(BaseUrl::parse("https://paperless.example.com")?)
///     .auth(Auth::token("0123456789abcdef"))
///     .api_version(ApiVersion::V10)
///     .timeout(Duration::from_secs(30))
///     .build()?;
/// # drop(client);
/// # Ok::<(), paperless_transport::BuildError>(())
/// ```
///
/// The order of the stack, outermost first: total timeout, retry, tracing (one span per attempt),
/// per-attempt timeout, JSON buffering, idle timeout, `Accept`/`User-Agent`/`Authorization` headers, sensitive
/// header marking, base URL, redirects (if enabled), gzip decompression (feature `gzip`), then the
/// bottom service.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until .build() or .build_with(..)"]
pub struct TransportBuilder {
    base: BaseUrl,
    auth: Auth,
    api_version: ApiVersion,
    user_agent: Option<String>,
    retry: Option<RetryConfig>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    total_timeout: Option<Duration>,
    idle_timeout: Option<Duration>,
    pool_idle_timeout: Option<Duration>,
    pool_max_idle_per_host: usize,
    follow_redirects: Option<usize>,
    tls: TlsOptions,
    proxy: ProxyChoice,
}

/// Which proxy the default stack uses.
#[derive(Debug, Clone)]
enum ProxyChoice {
    /// [`Proxy::from_env`], read when the transport is built.
    Environment,
    /// The one given to [`TransportBuilder::proxy`] (boxed: builders are moved by every
    /// setter).
    Given(Box<Proxy>),
    /// None at all ([`TransportBuilder::no_proxy`]).
    Off,
}

impl TransportBuilder {
    /// A builder for the installation at `base`, with the defaults listed above.
    pub fn new(base: BaseUrl) -> Self {
        Self {
            base,
            auth: Auth::none(),
            api_version: ApiVersion::default(),
            user_agent: None,
            retry: Some(RetryConfig::default()),
            connect_timeout: Some(Duration::from_secs(10)),
            timeout: Some(Duration::from_secs(60)),
            total_timeout: Some(Duration::from_secs(180)),
            idle_timeout: Some(Duration::from_secs(60)),
            pool_idle_timeout: Some(Duration::from_secs(60)),
            pool_max_idle_per_host: 32,
            follow_redirects: None,
            tls: TlsOptions::new(),
            proxy: ProxyChoice::Environment,
        }
    }

    /// The base URL requests are sent to.
    #[must_use]
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    /// The API version asked for by requests that carry no `Accept` header of their own (set
    /// with [`api_version`](Self::api_version)).
    #[must_use]
    pub fn default_api_version(&self) -> ApiVersion {
        self.api_version
    }

    /// The credentials sent with every request (replacing any `Authorization` header a request
    /// carries).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// The API version requested with `Accept: application/json; version=N` by requests that
    /// carry no `Accept` header of their own; those keep theirs. (The client of `paperless-client`
    /// sets `Accept` on every request, after negotiating the version with the server.)
    pub fn api_version(mut self, version: ApiVersion) -> Self {
        self.api_version = version;
        self
    }

    /// The `User-Agent` header, sent unless a request carries its own.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Retries transient failures of idempotent requests as `config` says.
    pub fn retry(mut self, config: RetryConfig) -> Self {
        self.retry = Some(config);
        self
    }

    /// Never retries: every request is attempted once.
    pub fn no_retry(mut self) -> Self {
        self.retry = None;
        self
    }

    /// The limit for opening a TCP connection (DNS included). Through a proxy, the limit for
    /// reaching it and, for `https://`, for its answer to `CONNECT`. `None` waits as long as the
    /// operating system does.
    pub fn connect_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.connect_timeout = timeout.into();
        self
    }

    /// The limit for one attempt: connecting, sending the request (an upload included), receiving
    /// the response head and, for JSON, its whole body (see [`BufferJsonLayer`]). A timed-out
    /// attempt is retried like any transient failure. Streamed download bodies are not covered
    /// (the [`idle_timeout`](Self::idle_timeout) watches them). `None` means no limit.
    ///
    /// Raise it for large uploads over slow links, or per call with the client's `.timeout(..)`
    /// on an upload (the [`AttemptTimeout`](crate::layers::AttemptTimeout) extension).
    pub fn timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.timeout = timeout.into();
        self
    }

    /// The limit for a whole call: every attempt and every wait between them. `None` means no
    /// limit.
    pub fn total_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.total_timeout = timeout.into();
        self
    }

    /// The longest a body may move no data (default 60 s): a streamed response body (a download,
    /// a bulk zip, a JSON body being read) whose next chunk does not arrive within it while it is
    /// read fails with a [`TimeoutError`] of kind [`TimeoutKind::ReadIdle`]; an upload the server
    /// stops reading for that long fails its attempt with [`TimeoutKind::WriteIdle`]. Only the
    /// time spent waiting counts, never the time a caller takes between two reads. `None`
    /// switches it off; a request's [`IdleTimeout`](crate::layers::IdleTimeout) extension
    /// overrides it (the client's per-call `.idle_timeout(..)`).
    pub fn idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.idle_timeout = timeout.into();
        self
    }

    /// How long an idle pooled connection is kept for reuse (default stack only). `None` keeps
    /// them until the server closes them.
    pub fn pool_idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.pool_idle_timeout = timeout.into();
        self
    }

    /// How many idle connections per host the pool keeps (default stack only). `0` disables
    /// connection reuse.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.pool_max_idle_per_host = max;
        self
    }

    /// Follows up to `max` redirects (off by default: Paperless redirects mostly for a missing
    /// trailing slash, which the client never omits).
    ///
    /// The `Authorization`, `Cookie` and `Proxy-Authorization` headers are removed when a redirect
    /// leaves the base URL's origin (scheme, host and port), and stay removed for later hops. A
    /// streaming body is not resent: a `307`/`308` for such a request is returned as is.
    pub fn follow_redirects(mut self, max: usize) -> Self {
        self.follow_redirects = Some(max);
        self
    }

    /// Trusts an extra certificate authority (or a self-signed server certificate) given in PEM,
    /// in addition to the built-in roots. Can be called several times; a PEM may hold several
    /// certificates. Parsed in [`build`](Self::build).
    pub fn add_root_certificate_pem(mut self, pem: &[u8]) -> Self {
        self.tls.extra_roots_pem.push(pem.to_vec());
        self
    }

    /// Whether the built-in roots (`webpki-roots` and/or `native-roots` features) are trusted
    /// (default `true`). Set `false` to trust only the certificates added with
    /// [`add_root_certificate_pem`](Self::add_root_certificate_pem).
    pub fn tls_built_in_roots(mut self, enabled: bool) -> Self {
        self.tls.built_in_roots = enabled;
        self
    }

    /// A client certificate for mutual TLS: the certificate chain (leaf first) and its private
    /// key (PKCS#8, PKCS#1 or SEC1), both in PEM. Parsed in [`build`](Self::build).
    pub fn client_identity_pem(mut self, cert_chain_pem: &[u8], key_pem: &[u8]) -> Self {
        self.tls.identity_pem = Some((cert_chain_pem.to_vec(), key_pem.to_vec()));
        self
    }

    /// **Dangerous:** accepts any server certificate (self-signed, expired, for another name).
    /// The handshake signatures are still checked, but anyone on the network path can pose as
    /// your server. Prefer [`add_root_certificate_pem`](Self::add_root_certificate_pem) with the
    /// server's certificate; use this only on a network you trust.
    pub fn danger_accept_invalid_certs(mut self, accept: bool) -> Self {
        self.tls.accept_invalid_certs = accept;
        self
    }

    /// Uses this rustls configuration as is, overriding every other TLS option (roots, client
    /// identity, invalid-certificate acceptance). ALPN is set to HTTP/2 and HTTP/1.1 on a copy.
    pub fn tls_config(mut self, config: Arc<rustls::ClientConfig>) -> Self {
        self.tls.config = Some(config);
        self
    }

    /// Connects through this HTTP proxy (default stack only), instead of the one the
    /// environment names. See [`Proxy`] for what the proxy sees of `https://` and `http://`
    /// installations.
    ///
    /// ```
    /// use paperless_transport::{BaseUrl, Proxy, TransportBuilder};
    ///
    /// let client = TransportBuilder::new(BaseUrl::parse("https://paperless.example.com")?)
    ///     .proxy(Proxy::https("http://proxy.internal:3128").basic_auth("alice", "s3cret"))
    ///     .build()?;
    /// # drop(client);
    /// # Ok::<(), paperless_transport::BuildError>(())
    /// ```
    pub fn proxy(mut self, proxy: Proxy) -> Self {
        self.proxy = ProxyChoice::Given(Box::new(proxy));
        self
    }

    /// Connects directly, ignoring `HTTPS_PROXY`, `HTTP_PROXY` and `ALL_PROXY` (and any
    /// [`proxy`](Self::proxy) set before).
    pub fn no_proxy(mut self) -> Self {
        self.proxy = ProxyChoice::Off;
        self
    }

    /// Builds the default stack: every layer over a hyper-util connection pool with rustls
    /// (HTTPS only unless the base URL is `http://`; HTTP/1.1 and HTTP/2 by ALPN), through the
    /// [`proxy`](Self::proxy) if any (by default those of the environment, read now).
    ///
    /// # Errors
    /// A [`BuildError`] for an invalid credential or user agent, an invalid retry
    /// configuration, a bad PEM, a client key that does not fit its certificate, an `https`
    /// base URL with no trusted roots, or an unusable proxy URL (in an environment variable
    /// too).
    pub fn build(self) -> Result<HttpClient, BuildError> {
        let bottom = self.default_bottom()?;
        self.build_with(bottom)
    }

    /// Builds the stack over your bottom service (swap point 1): a mock, an in-process router, a
    /// client with a proxy of its own. The service receives absolute URIs
    /// (`https://host/prefix/api/...`) with every header already set. The TLS, pool and proxy
    /// options do not apply to it.
    ///
    /// # Errors
    /// A [`BuildError`] for an invalid credential or user agent, or an invalid retry
    /// configuration.
    pub fn build_with<S, B>(self, inner: S) -> Result<HttpClient, BuildError>
    where
        S: tower::Service<http::Request<Body>, Response = http::Response<B>>
            + Clone
            + Send
            + Sync
            + 'static,
        S::Error: Into<BoxError>,
        S::Future: Send + 'static,
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        let auth = self.auth.header_value()?;
        let user_agent = match &self.user_agent {
            None => HeaderValue::from_static(DEFAULT_USER_AGENT),
            Some(ua) => HeaderValue::from_str(ua).map_err(|_| BuildError::InvalidHeader {
                header: "User-Agent",
                reason: "it contains characters that cannot be sent in an HTTP header; use \
                         printable ASCII"
                    .to_owned(),
            })?,
        };
        if let Some(retry) = &self.retry {
            retry.validate()?;
        }

        let mut svc = boxed(inner);

        #[cfg(feature = "gzip")]
        {
            svc = boxed(tower_http::decompression::DecompressionLayer::new().layer(svc));
        }

        if let Some(max) = self.follow_redirects {
            let policy = Limited::new(max)
                .and::<_, Body, BoxError>(FilterCredentials::new())
                .and::<_, Body, BoxError>(clone_body_fn(|body: &Body| body.try_clone()))
                .and::<_, Body, BoxError>(KeepMethod);
            svc = boxed(FollowRedirectLayer::with_policy(policy).layer(svc));
        }

        svc = boxed(
            ServiceBuilder::new()
                .layer(SetRequestHeaderLayer::if_not_present(
                    ACCEPT,
                    HeaderValue::from_static(self.api_version.accept_header_value()),
                ))
                .layer(SetRequestHeaderLayer::if_not_present(
                    USER_AGENT, user_agent,
                ))
                .option_layer(auth.map(|v| SetRequestHeaderLayer::overriding(AUTHORIZATION, v)))
                .layer(SetSensitiveRequestHeadersLayer::new([
                    AUTHORIZATION,
                    PROXY_AUTHORIZATION,
                    COOKIE,
                ]))
                .layer(BaseUrlLayer::new(self.base.clone()))
                .service(svc),
        );

        // Below the JSON buffering, so that a JSON read is watched too; a request's
        // `IdleTimeout` overrides the builder's.
        svc = boxed(IdleTimeoutLayer::new(self.idle_timeout).layer(svc));

        // Also without retries: reading the body inside the attempt puts it under the attempt
        // timeout, so a server that stalls mid-body cannot hang the caller. Each request's
        // `MaxJsonBody` extension (the client's `max_json_body`) sets how much it may read.
        svc = boxed(BufferJsonLayer::default().layer(svc));

        // Always present: a request's `AttemptTimeout` applies even when the builder has none.
        svc = boxed(CallTimeoutLayer::attempt(self.timeout).layer(svc));

        svc = boxed(trace_layer().layer(svc));

        // Inside the retry: the response says which attempt it answers.
        svc = boxed(MarkAttempt { inner: svc });

        if let Some(config) = self.retry {
            svc = boxed(tower::retry::RetryLayer::new(RetryPolicy::new(config)).layer(svc));
        }

        svc = boxed(CallTimeoutLayer::total(self.total_timeout).layer(svc));

        Ok(svc)
    }

    /// A [`Connector`](crate::Connector): raw HTTP/1.1 connections with this builder's TCP,
    /// proxy and TLS settings (for the client's websocket).
    ///
    /// # Errors
    /// As [`build`](Self::build), for the TLS and proxy settings.
    pub fn connector(&self) -> Result<crate::Connector, BuildError> {
        crate::Connector::new(self)
    }

    pub(crate) fn proxy_routes(&self) -> Result<Option<Arc<crate::proxy::Routes>>, BuildError> {
        match &self.proxy {
            ProxyChoice::Environment => Proxy::from_env().resolve(),
            ProxyChoice::Given(proxy) => proxy.resolve(),
            ProxyChoice::Off => Ok(None),
        }
    }

    pub(crate) fn tls_options(&self) -> &TlsOptions {
        &self.tls
    }

    pub(crate) fn connect_timeout_setting(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// The hyper-util pool over hyper-rustls over the proxy connector, configured from the
    /// builder.
    fn default_bottom(&self) -> Result<HttpClient, BuildError> {
        use hyper_util::client::legacy::{Client, connect::HttpConnector};
        use hyper_util::rt::{TokioExecutor, TokioTimer};

        let routes = self.proxy_routes()?;
        let tls = self.tls.client_config(&self.base)?;
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(self.connect_timeout);
        let http = ProxyConnector::new(http, routes.clone(), self.connect_timeout);
        let https = hyper_rustls::HttpsConnectorBuilder::new().with_tls_config((*tls).clone());
        let https = if self.base.is_https() {
            https.https_only()
        } else {
            https.https_or_http()
        };
        let https = https.enable_http1().enable_http2().wrap_connector(http);
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .timer(TokioTimer::new())
            .pool_idle_timeout(self.pool_idle_timeout)
            .pool_max_idle_per_host(self.pool_max_idle_per_host)
            .build::<_, Body>(https);
        // `Proxy-Authorization` for requests sent to a proxy as they are (`http://`
        // destinations); below the redirect layer, so every hop is judged by its own URI.
        match routes.filter(|r| r.authorizes_requests()) {
            Some(routes) => Ok(boxed(
                client.map_request(move |req: http::Request<Body>| routes.authorize(req)),
            )),
            None => Ok(boxed(client)),
        }
    }
}

/// The redirect rule for writes: a request whose method is not safe (`POST`, `PUT`, `PATCH`,
/// `DELETE`) follows only `307` and `308`, which keep the method and body (and only when the body
/// can be sent again); any other redirect of a write is handed back as it is, so the caller sees
/// that the server redirected the write instead of a silent `GET` to somewhere else.
#[derive(Debug, Clone, Copy)]
struct KeepMethod;

impl<B, E> tower_http::follow_redirect::policy::Policy<B, E> for KeepMethod {
    fn redirect(
        &mut self,
        attempt: &tower_http::follow_redirect::policy::Attempt<'_>,
    ) -> Result<tower_http::follow_redirect::policy::Action, E> {
        use tower_http::follow_redirect::policy::Action;
        let safe = matches!(
            *attempt.previous_method(),
            http::Method::GET | http::Method::HEAD | http::Method::OPTIONS
        );
        let keeps = attempt.method() == attempt.previous_method()
            && matches!(
                attempt.status(),
                http::StatusCode::TEMPORARY_REDIRECT | http::StatusCode::PERMANENT_REDIRECT
            );
        Ok(if safe || keeps {
            Action::Follow
        } else {
            Action::Stop
        })
    }
}

/// Copies the request's [`Attempt`](crate::layers::Attempt) into its response's extensions, so
/// the caller can tell an answer to a retry (a `404` to a retried `DELETE` whose first attempt
/// may have deleted the object) from one to the first attempt.
#[derive(Debug, Clone)]
struct MarkAttempt<S> {
    inner: S,
}

impl<S, B> tower::Service<http::Request<Body>> for MarkAttempt<S>
where
    S: tower::Service<http::Request<Body>, Response = http::Response<B>>,
    S::Future: Send + 'static,
{
    type Response = http::Response<B>;
    type Error = S::Error;
    type Future = futures_util::future::BoxFuture<'static, Result<Self::Response, S::Error>>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let attempt = req
            .extensions()
            .get::<crate::layers::Attempt>()
            .copied()
            .unwrap_or_default();
        let future = self.inner.call(req);
        Box::pin(async move {
            let mut response = future.await?;
            response.extensions_mut().insert(attempt);
            Ok(response)
        })
    }
}
