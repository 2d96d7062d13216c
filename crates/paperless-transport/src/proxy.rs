//! [`Proxy`]: reaching Paperless-ngx through an HTTP proxy, and [`ProxyError`] when that fails.
//!
//! The default stack's connector asks, per destination, whether a proxy applies (hyper-util's
//! `Matcher`, with curl's `NO_PROXY` rules). No proxy: a direct TCP connection. An `https://`
//! destination: a `CONNECT host:port` tunnel through the proxy (hyper-util's `Tunnel`), with TLS
//! to the server inside it, so the proxy never sees the request or its token. An `http://`
//! destination: a connection to the proxy marked as proxied, so hyper sends the absolute-form
//! request line (`GET http://host/api/ HTTP/1.1`), and a `Proxy-Authorization` header added
//! below every other layer.

use std::error::Error as StdError;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::header::{HeaderValue, PROXY_AUTHORIZATION};
use http::uri::Scheme;
use http::{Request, Uri};
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tower::ServiceExt;

use crate::base_url::redact_userinfo;
use crate::{Auth, BoxError, BuildError};

/// The environment variables [`Proxy::from_env`] reads, in order of precedence within each
/// pair (as hyper-util's matcher and curl read them).
const HTTPS_VARS: [&str; 2] = ["HTTPS_PROXY", "https_proxy"];
const HTTP_VARS: [&str; 2] = ["HTTP_PROXY", "http_proxy"];
const ALL_VARS: [&str; 2] = ["ALL_PROXY", "all_proxy"];
const NO_VARS: [&str; 2] = ["NO_PROXY", "no_proxy"];

/// Destinations a proxy taken from the environment never applies to: a proxy elsewhere cannot
/// reach this machine's loopback addresses.
const LOOPBACK: &str = "localhost,127.0.0.0/8,::1";

/// Which HTTP proxy, if any, the default stack connects through; give it to
/// [`TransportBuilder::proxy`](crate::TransportBuilder::proxy).
///
/// Without a call to `proxy(..)` the transport uses [`Proxy::from_env`], as curl and reqwest do:
/// `HTTPS_PROXY` for an `https://` installation, `HTTP_PROXY` for an `http://` one, `ALL_PROXY`
/// for either, and `NO_PROXY` for the hosts to reach directly.
/// [`TransportBuilder::no_proxy`](crate::TransportBuilder::no_proxy) ignores the environment.
///
/// An `https://` installation is reached through a `CONNECT` tunnel with TLS to the server inside
/// it: the proxy sees the host and port, never the requests or the token. An `http://`
/// installation is reached with absolute-form requests (`GET http://host/api/…`) sent to the
/// proxy, which sees everything, the token included.
///
/// Proxy credentials come from the URL (`http://user:password@proxy:3128`, percent-encoded) or
/// from [`basic_auth`](Self::basic_auth), and are sent as `Proxy-Authorization: Basic …`. They
/// never appear in `Debug`, errors or traces:
///
/// ```
/// use paperless_transport::{BaseUrl, Proxy, TransportBuilder};
///
/// let proxy = Proxy::all("http://alice:s3cret@proxy.internal:3128")
///     .no_proxy("localhost,.internal,10.0.0.0/8");
/// assert!(!format!("{proxy:?}").contains("s3cret"));
///
/// let client = TransportBuilder::new(BaseUrl::parse("https://paperless.example.com")?)
///     .proxy(proxy)
///     .build()?;
/// # drop(client);
/// # Ok::<(), paperless_transport::BuildError>(())
/// ```
///
/// Proxy URLs are checked by [`build`](crate::TransportBuilder::build): only plain HTTP proxies
/// (`http://host:port`, or `host:port`) are supported; an `https://` (TLS to the proxy) or
/// `socks5://` proxy URL is a [`BuildError::InvalidProxy`] rather than a silent direct
/// connection.
///
/// `Proxy::default()` sends nothing through a proxy, like
/// [`TransportBuilder::no_proxy`](crate::TransportBuilder::no_proxy).
#[derive(Clone, Default)]
#[must_use = "a Proxy does nothing until given to TransportBuilder::proxy"]
pub struct Proxy {
    http: Option<Setting>,
    https: Option<Setting>,
    /// `NO_PROXY` entries, comma-separated lists as given.
    no_proxy: Vec<String>,
    /// Credentials given with `basic_auth`, overriding those of the URLs.
    basic_auth: Option<Auth>,
}

/// One proxy URL, parsed when it is given; an error is kept for `build`.
#[derive(Clone)]
struct Setting {
    /// Where the URL came from: an environment variable or a constructor.
    origin: &'static str,
    /// The URL without its credentials, for `Debug` and errors.
    shown: String,
    parsed: Result<Endpoint, String>,
}

/// A usable proxy address: `http://host:port/` and the credentials of its URL.
#[derive(Clone)]
struct Endpoint {
    uri: Uri,
    credentials: Option<Auth>,
}

impl Proxy {
    /// The proxies of the process environment: `HTTPS_PROXY`/`https_proxy` for `https://`
    /// destinations, `HTTP_PROXY`/`http_proxy` for `http://` ones, `ALL_PROXY`/`all_proxy` for
    /// those without their own, `NO_PROXY`/`no_proxy` for the destinations to reach directly
    /// (the upper-case name wins when both are set; empty values count as unset).
    ///
    /// Two rules beyond the variables: a proxy from the environment never applies to loopback
    /// destinations (`localhost`, `127.0.0.0/8`, `::1`), which no proxy elsewhere could reach;
    /// and in a CGI program (`REQUEST_METHOD` set) no variable is read, since a request's
    /// `Proxy:` header arrives there as `HTTP_PROXY` ("httpoxy").
    ///
    /// A variable that is set but unusable makes [`build`](crate::TransportBuilder::build) fail
    /// with a [`BuildError::InvalidProxy`] naming it.
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// As [`from_env`](Self::from_env), reading the variables through `lookup` instead of the
    /// process environment (a configuration file, a test).
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use paperless_transport::Proxy;
    ///
    /// let vars = HashMap::from([("HTTPS_PROXY", "proxy.internal:3128"), ("NO_PROXY", ".lan")]);
    /// let proxy = Proxy::from_vars(|name| vars.get(name).map(|v| v.to_string()));
    /// assert_eq!(
    ///     format!("{proxy:?}"),
    ///     r#"Proxy { https: "http://proxy.internal:3128" from HTTPS_PROXY, no_proxy: [".lan", "localhost,127.0.0.0/8,::1"] }"#
    /// );
    /// ```
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> Self {
        if lookup("REQUEST_METHOD").is_some() {
            return Self::default();
        }
        let first = |names: [&'static str; 2]| {
            names.into_iter().find_map(|name| {
                lookup(name)
                    .filter(|value| !value.trim().is_empty())
                    .map(|value| (name, value))
            })
        };
        let all = first(ALL_VARS);
        let pick = |names| first(names).or_else(|| all.clone());
        let mut proxy = Self {
            http: pick(HTTP_VARS).map(|(name, value)| Setting::parse(name, &value)),
            https: pick(HTTPS_VARS).map(|(name, value)| Setting::parse(name, &value)),
            ..Self::default()
        };
        if proxy.http.is_some() || proxy.https.is_some() {
            if let Some((_, no)) = first(NO_VARS) {
                proxy.no_proxy.push(no);
            }
            proxy.no_proxy.push(LOOPBACK.to_owned());
        }
        proxy
    }

    /// One proxy for every destination, `http://` and `https://`: `http://host:port`, with
    /// optional `user:password@` (percent-encoded). Checked by
    /// [`build`](crate::TransportBuilder::build).
    pub fn all(url: impl AsRef<str>) -> Self {
        let setting = Setting::parse("Proxy::all", url.as_ref());
        Self {
            http: Some(setting.clone()),
            https: Some(setting),
            ..Self::default()
        }
    }

    /// A proxy for `http://` destinations only; `https://` ones are reached directly.
    pub fn http(url: impl AsRef<str>) -> Self {
        Self {
            http: Some(Setting::parse("Proxy::http", url.as_ref())),
            ..Self::default()
        }
    }

    /// A proxy for `https://` destinations only (through `CONNECT` tunnels); `http://` ones are
    /// reached directly.
    pub fn https(url: impl AsRef<str>) -> Self {
        Self {
            https: Some(Setting::parse("Proxy::https", url.as_ref())),
            ..Self::default()
        }
    }

    /// Destinations to reach directly, in `NO_PROXY` form: a comma-separated list of host names
    /// (`paperless.lan` also matches its subdomains, as does `.lan`), IP addresses, networks
    /// (`10.0.0.0/8`) or `*` for all. Adds to earlier lists (and to `NO_PROXY` in
    /// [`from_env`](Self::from_env)). Ports are not part of the match.
    pub fn no_proxy(mut self, list: impl Into<String>) -> Self {
        self.no_proxy.push(list.into());
        self
    }

    /// Credentials for the proxy, sent as `Proxy-Authorization: Basic base64(user:password)`.
    /// They replace any `user:password@` of the proxy URL.
    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        self.basic_auth = Some(Auth::basic(user, password));
        self
    }

    /// `true` when no destination goes through a proxy (nothing configured, or an environment
    /// without proxy variables).
    #[must_use]
    pub fn is_none(&self) -> bool {
        self.http.is_none() && self.https.is_none()
    }

    /// Checks every URL and credential and prepares the matcher; `None` when no proxy is set.
    pub(crate) fn resolve(&self) -> Result<Option<Arc<Routes>>, BuildError> {
        if self.is_none() {
            return Ok(None);
        }
        let http = self.http.as_ref().map(|s| self.route(s)).transpose()?;
        let https = self.https.as_ref().map(|s| self.route(s)).transpose()?;
        let uri_text = |route: &Option<Route>| {
            route
                .as_ref()
                .map(|r| r.uri.to_string())
                .unwrap_or_default()
        };
        let matcher = Matcher::builder()
            .http(uri_text(&http))
            .https(uri_text(&https))
            .no(self.no_proxy.join(","))
            .build();
        Ok(Some(Arc::new(Routes {
            matcher,
            http,
            https,
        })))
    }

    fn route(&self, setting: &Setting) -> Result<Route, BuildError> {
        let invalid = |reason: String| BuildError::InvalidProxy {
            setting: setting.origin,
            url: setting.shown.as_str().into(),
            reason,
        };
        let endpoint = setting.parsed.as_ref().map_err(|reason| {
            let mut reason = reason.clone();
            if setting.origin.ends_with("_PROXY") || setting.origin.ends_with("_proxy") {
                reason.push_str(
                    "; fix or unset the variable, or call TransportBuilder::no_proxy() to ignore \
                     the environment",
                );
            }
            invalid(reason)
        })?;
        let credentials = self.basic_auth.as_ref().or(endpoint.credentials.as_ref());
        let auth = match credentials {
            None => None,
            Some(auth) => auth.header_value().map_err(|_| {
                invalid(
                    "the proxy credentials cannot be sent: the user name contains ':' or they \
                     contain control characters or line breaks"
                        .to_owned(),
                )
            })?,
        };
        Ok(Route {
            uri: endpoint.uri.clone(),
            shown: setting.shown.clone(),
            auth,
        })
    }
}

impl fmt::Debug for Proxy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Proxy");
        if let Some(http) = &self.http {
            d.field("http", http);
        }
        if let Some(https) = &self.https {
            d.field("https", https);
        }
        if self.is_none() {
            d.field("proxies", &"none");
        }
        if !self.no_proxy.is_empty() {
            d.field("no_proxy", &self.no_proxy);
        }
        if self.basic_auth.is_some() {
            d.field("basic_auth", &"<redacted>");
        }
        d.finish()
    }
}

impl fmt::Debug for Setting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} from {}", self.shown, self.origin)?;
        match &self.parsed {
            Ok(Endpoint {
                credentials: Some(_),
                ..
            }) => f.write_str(" with credentials <redacted>"),
            Ok(_) => Ok(()),
            Err(_) => f.write_str(" (invalid)"),
        }
    }
}

impl Setting {
    fn parse(origin: &'static str, text: &str) -> Self {
        let text = text.trim();
        let parsed = parse_endpoint(text);
        let shown = match &parsed {
            Ok(endpoint) => shown(&endpoint.uri),
            Err(_) => redact_userinfo(text),
        };
        Self {
            origin,
            shown,
            parsed,
        }
    }
}

/// `http://host:port` of a proxy URI, for `Debug` and errors.
fn shown(uri: &Uri) -> String {
    let authority = uri.authority().map_or("", |a| a.as_str());
    format!("http://{authority}")
}

/// Parses `http://[user[:password]@]host[:port][/ignored]` or the same without a scheme.
///
/// Written here on `http::Uri` (the type hyper-util's connector takes) rather than with a URL
/// crate, for its strictness: a general URL parser accepts what must fail here with a clear
/// error instead of a silent direct connection or a leaked password: an `https://` or
/// `socks5://` proxy (not supported), a password with an unencoded `/`, `?` or `#` (the URL
/// would end its host there), a port past 65535. The percent-decoding of the credentials and
/// the redaction are the shared ones (`percent_encoding`, [`redact_userinfo`]).
fn parse_endpoint(text: &str) -> Result<Endpoint, String> {
    const FORM: &str = "give it as http://host:port, or http://user:password@host:port";
    if text.is_empty() {
        return Err(format!("it is empty; {FORM}"));
    }
    let uri: Uri = text
        .parse()
        .map_err(|e| format!("it is not a URL ({e}); {FORM}"))?;
    match uri.scheme_str() {
        None => {}
        Some(s) if s.eq_ignore_ascii_case("http") => {}
        Some(s) if s.eq_ignore_ascii_case("https") => {
            return Err(format!(
                "TLS to the proxy (an https:// proxy URL) is not supported; most proxies take \
                 plain connections and tunnel HTTPS through CONNECT, so {FORM}"
            ));
        }
        Some(s) if s.to_ascii_lowercase().starts_with("socks") => {
            return Err(format!("SOCKS proxies are not supported; {FORM}"));
        }
        Some(s) => {
            return Err(format!("{s}:// is not an HTTP proxy scheme; {FORM}"));
        }
    }
    let authority = uri
        .authority()
        .ok_or_else(|| format!("it has no host; {FORM}"))?;
    if !authority.as_str().contains('@') && text.contains('@') {
        // `http://user:pa/ss@proxy`: the URL ends its host at the `/`, so the password would
        // be taken for the host and port.
        return Err(format!(
            "its credentials contain '/', '?', '#' or '@'; percent-encode them (%2F, %3F, %23, \
             %40) and {FORM}"
        ));
    }
    let (userinfo, host_port) = match authority.as_str().rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority.as_str()),
    };
    if authority.host().is_empty() {
        return Err(format!("it has no host; {FORM}"));
    }
    let port = host_port
        .strip_prefix(authority.host())
        .unwrap_or_default()
        .strip_prefix(':');
    if port.is_some_and(|p| p.parse::<u16>().is_err()) {
        return Err(format!("its port is not a number up to 65535; {FORM}"));
    }
    let uri = Uri::builder()
        .scheme(Scheme::HTTP)
        .authority(host_port)
        .path_and_query("/")
        .build()
        .map_err(|e| format!("its host and port are not valid ({e}); {FORM}"))?;
    let credentials = userinfo.map(|userinfo| {
        let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
        Auth::basic(percent_decode(user), percent_decode(password))
    });
    Ok(Endpoint { uri, credentials })
}

/// Decodes the `%XX` escapes of a URL's user name or password, as curl does: a `%` not followed
/// by two hex digits is kept as it is, bytes that are not UTF-8 become U+FFFD.
fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The resolved proxy configuration the connector and the header layer share.
pub(crate) struct Routes {
    matcher: Matcher,
    http: Option<Route>,
    https: Option<Route>,
}

/// Where to connect for one destination scheme, and with which `Proxy-Authorization`.
struct Route {
    uri: Uri,
    shown: String,
    auth: Option<HeaderValue>,
}

impl Routes {
    /// The proxy for `dst`, or `None` to connect directly (no proxy for its scheme, or a
    /// `NO_PROXY` match).
    fn route(&self, dst: &Uri) -> Option<&Route> {
        self.matcher.intercept(dst)?;
        match dst.scheme_str() {
            Some("https") => self.https.as_ref(),
            Some("http") => self.http.as_ref(),
            _ => None,
        }
    }

    /// Adds `Proxy-Authorization` to a request for an `http://` destination that goes through
    /// a proxy with credentials (an `https://` one carries them in its `CONNECT` instead, and
    /// its requests travel inside TLS to the server, which must never receive them). A header
    /// the request already carries is kept.
    pub(crate) fn authorize<B>(&self, mut req: Request<B>) -> Request<B> {
        if req.uri().scheme() == Some(&Scheme::HTTP)
            && let Some(value) = self.route(req.uri()).and_then(|r| r.auth.as_ref())
        {
            req.headers_mut()
                .entry(PROXY_AUTHORIZATION)
                .or_insert_with(|| value.clone());
        }
        req
    }

    /// `true` when some destination needs a `Proxy-Authorization` header on its requests.
    pub(crate) fn authorizes_requests(&self) -> bool {
        self.http.as_ref().is_some_and(|r| r.auth.is_some())
    }
}

/// Connecting through an HTTP proxy failed: the proxy could not be reached, did not answer in
/// time, or refused to open a tunnel to the server (a `407 Proxy Authentication Required`, a
/// `403`, any answer but `200` to `CONNECT`).
///
/// [`classify`](crate::classify) reports it as [`Connect`](crate::TransportErrorKind::Connect),
/// or as [`Timeout`](crate::TransportErrorKind::Timeout) when the connect timeout fired. It
/// names the proxy without its credentials.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.message())]
pub struct ProxyError {
    proxy: String,
    target: String,
    failure: Failure,
    #[source]
    source: Option<BoxError>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// The TCP connection to the proxy failed.
    Unreachable,
    /// The proxy answered `CONNECT` with something other than `200`.
    Refused,
    /// The connection broke during the `CONNECT` exchange.
    Broken,
    /// Connecting and the `CONNECT` exchange took longer than the connect timeout.
    TimedOut(Duration),
}

impl ProxyError {
    /// The proxy, as `http://host:port` (never with credentials).
    #[must_use]
    pub fn proxy(&self) -> &str {
        &self.proxy
    }

    /// The server the connection was for, as `host:port`.
    #[must_use]
    pub fn target(&self) -> &str {
        &self.target
    }

    /// `true` when the proxy answered and refused to open a tunnel (wrong or missing
    /// credentials, a destination it does not allow); `false` when it could not be reached or
    /// the connection broke.
    #[must_use]
    pub fn is_refused(&self) -> bool {
        self.failure == Failure::Refused
    }

    fn message(&self) -> String {
        let (proxy, target) = (&self.proxy, &self.target);
        match self.failure {
            Failure::Unreachable => format!(
                "cannot connect to the proxy {proxy} (on the way to {target}); check the proxy \
                 address, or bypass it with NO_PROXY / Proxy::no_proxy"
            ),
            Failure::Refused => format!(
                "the proxy {proxy} refused to open a tunnel to {target}; check the proxy \
                 credentials (user:password@ in the proxy URL, or Proxy::basic_auth) and that \
                 the proxy allows CONNECT to this host and port"
            ),
            Failure::Broken => format!(
                "the connection to the proxy {proxy} broke while opening a tunnel to {target}"
            ),
            Failure::TimedOut(after) => format!(
                "the proxy {proxy} did not open a tunnel to {target} within {after:?}; raise \
                 TransportBuilder::connect_timeout if the proxy is just slow"
            ),
        }
    }
}

/// The default stack's connector (under hyper-rustls): per destination, a direct TCP
/// connection, a `CONNECT` tunnel through the proxy, or a connection to the proxy marked as
/// proxied.
#[derive(Clone)]
pub(crate) struct ProxyConnector {
    http: HttpConnector,
    routes: Option<Arc<Routes>>,
    connect_timeout: Option<Duration>,
}

impl ProxyConnector {
    pub(crate) fn new(
        http: HttpConnector,
        routes: Option<Arc<Routes>>,
        connect_timeout: Option<Duration>,
    ) -> Self {
        Self {
            http,
            routes,
            connect_timeout,
        }
    }
}

type Connecting = Pin<Box<dyn Future<Output = Result<ProxyStream, BoxError>> + Send>>;

impl tower::Service<Uri> for ProxyConnector {
    type Response = ProxyStream;
    type Error = BoxError;
    type Future = Connecting;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), BoxError>> {
        self.http.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Connecting {
        let route = self.routes.as_ref().and_then(|routes| routes.route(&dst));
        let Some(route) = route else {
            let connecting = self.http.call(dst);
            return Box::pin(async move {
                let io = connecting.await?;
                Ok(ProxyStream { io, proxied: false })
            });
        };
        let http = self.http.clone();
        let proxy_uri = route.uri.clone();
        let auth = route.auth.clone();
        let connect_timeout = self.connect_timeout;
        let error = {
            let proxy = route.shown.clone();
            let target = target_of(&dst);
            move |failure, source: Option<BoxError>| -> BoxError {
                Box::new(ProxyError {
                    proxy,
                    target,
                    failure,
                    source,
                })
            }
        };
        let tunnel = dst.scheme() == Some(&Scheme::HTTPS);
        Box::pin(async move {
            let connecting = async {
                let io = http
                    .oneshot(proxy_uri.clone())
                    .await
                    .map_err(|e| (Failure::Unreachable, Some(BoxError::from(e))))?;
                if !tunnel {
                    return Ok(ProxyStream { io, proxied: true });
                }
                // The tunnel's own connector hands over the connection just opened, so that a
                // failure to reach the proxy is told apart from a refusal above.
                let mut opened = Some(io);
                let handover = tower::service_fn(move |_: Uri| {
                    let io = opened.take();
                    async move { io.ok_or("the proxy connection was already used") }
                });
                let mut tunnel = Tunnel::new(proxy_uri, handover);
                if let Some(auth) = auth {
                    tunnel = tunnel.with_auth(auth);
                }
                let io = tunnel.oneshot(dst).await.map_err(|e| {
                    // hyper-util's tunnel error has a source only for I/O failures; a refusal
                    // (407, any other status, a malformed answer, a close) has none.
                    let failure = if e.source().is_some() {
                        Failure::Broken
                    } else {
                        Failure::Refused
                    };
                    (failure, Some(BoxError::from(e)))
                })?;
                Ok(ProxyStream { io, proxied: false })
            };
            let result = match connect_timeout {
                None => connecting.await,
                Some(after) => match tokio::time::timeout(after, connecting).await {
                    Ok(result) => result,
                    Err(_) => Err((
                        Failure::TimedOut(after),
                        Some(std::io::Error::from(std::io::ErrorKind::TimedOut).into()),
                    )),
                },
            };
            result.map_err(|(failure, source)| error(failure, source))
        })
    }
}

/// `host:port` of a destination, the port defaulted by its scheme.
fn target_of(dst: &Uri) -> String {
    let host = dst.host().unwrap_or_default();
    let port = dst.port_u16().unwrap_or(match dst.scheme() {
        Some(s) if *s == Scheme::HTTP => 80,
        _ => 443,
    });
    format!("{host}:{port}")
}

/// A connection from [`ProxyConnector`]: TCP, to the server, the proxy or through a tunnel.
/// `proxied` makes hyper send absolute-form request lines, for `http://` through a proxy.
pub(crate) struct ProxyStream {
    io: TokioIo<TcpStream>,
    proxied: bool,
}

impl Connection for ProxyStream {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.proxied)
    }
}

impl hyper::rt::Read for ProxyStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for ProxyStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    fn routes(proxy: &Proxy) -> Arc<Routes> {
        proxy.resolve().unwrap().unwrap()
    }

    fn via(routes: &Routes, dst: &str) -> Option<String> {
        routes
            .route(&dst.parse().unwrap())
            .map(|r| r.uri.to_string())
    }

    #[test]
    fn from_vars_reads_the_variables_as_curl_does() {
        let proxy = Proxy::from_vars(vars(&[
            ("HTTPS_PROXY", "http://secure-proxy:3128"),
            ("https_proxy", "http://lower:1"),
            ("http_proxy", "plain-proxy:8080"),
            ("NO_PROXY", "paperless.lan, 10.0.0.0/8"),
        ]));
        let routes = routes(&proxy);
        assert_eq!(
            via(&routes, "https://paperless.example.com/api/").as_deref(),
            Some("http://secure-proxy:3128/")
        );
        assert_eq!(
            via(&routes, "http://paperless.example.com/api/").as_deref(),
            Some("http://plain-proxy:8080/")
        );
        // NO_PROXY: the domain and its subdomains, the network; never loopback.
        for direct in [
            "https://paperless.lan/",
            "https://docs.paperless.lan/",
            "https://10.1.2.3/",
            "http://localhost:8000/",
            "http://127.0.0.1:8000/",
            "http://[::1]:8000/",
        ] {
            assert_eq!(via(&routes, direct), None, "{direct}");
        }
        assert_eq!(
            via(&routes, "https://notpaperless.lan/").as_deref(),
            Some("http://secure-proxy:3128/")
        );
    }

    #[test]
    fn all_proxy_fills_in_and_empty_values_are_unset() {
        let proxy = Proxy::from_vars(vars(&[
            ("HTTPS_PROXY", "  "),
            ("all_proxy", "http://everything:3128"),
            ("HTTP_PROXY", "http://plain:80"),
        ]));
        let routes = routes(&proxy);
        assert_eq!(
            via(&routes, "https://a.example/").as_deref(),
            Some("http://everything:3128/")
        );
        assert_eq!(
            via(&routes, "http://a.example/").as_deref(),
            Some("http://plain:80/")
        );
        assert!(Proxy::from_vars(vars(&[])).is_none());
        assert!(Proxy::from_vars(vars(&[("NO_PROXY", "*")])).is_none());
        assert!(Proxy::from_vars(vars(&[])).resolve().unwrap().is_none());
    }

    #[test]
    fn cgi_programs_ignore_the_environment() {
        let proxy = Proxy::from_vars(vars(&[
            ("REQUEST_METHOD", "GET"),
            ("HTTP_PROXY", "http://attacker:80"),
            ("HTTPS_PROXY", "http://attacker:80"),
        ]));
        assert!(proxy.is_none(), "{proxy:?}");
    }

    #[test]
    fn explicit_proxies_apply_to_loopback_and_to_their_scheme_only() {
        let routes_http = routes(&Proxy::http("127.0.0.1:3128"));
        assert_eq!(
            via(&routes_http, "http://127.0.0.1:8000/").as_deref(),
            Some("http://127.0.0.1:3128/")
        );
        assert_eq!(via(&routes_http, "https://127.0.0.1:8000/"), None);
        let routes_https = routes(&Proxy::https("http://127.0.0.1:3128"));
        assert_eq!(via(&routes_https, "http://127.0.0.1:8000/"), None);
        let v6 = routes(&Proxy::all("[::1]:3128"));
        assert_eq!(
            via(&v6, "https://paperless.example/").as_deref(),
            Some("http://[::1]:3128/")
        );
        let no = routes(&Proxy::all("http://p:1").no_proxy("a.lan").no_proxy("b.lan"));
        assert_eq!(via(&no, "https://x.a.lan/"), None);
        assert_eq!(via(&no, "https://b.lan/"), None);
        assert_eq!(via(&no, "https://c.lan/").as_deref(), Some("http://p:1/"));
    }

    #[test]
    fn credentials_come_from_the_url_or_basic_auth() {
        let routes = routes(&Proxy::all("http://Aladdin:open%20sesame@proxy:3128"));
        let route = routes.route(&"https://x/".parse().unwrap()).unwrap();
        let auth = route.auth.as_ref().unwrap();
        assert_eq!(auth, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert!(auth.is_sensitive());
        assert_eq!(route.uri, "http://proxy:3128/");

        let routes = self::routes(
            &Proxy::all("http://ignored:creds@proxy:3128").basic_auth("Aladdin", "open sesame"),
        );
        let route = routes.route(&"http://x/".parse().unwrap()).unwrap();
        assert_eq!(
            route.auth.as_ref().unwrap(),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );

        // A user without a password, and a password with '@' and '/' in it.
        let routes = self::routes(&Proxy::all("http://bob@proxy:1"));
        let route = routes.route(&"http://x/".parse().unwrap()).unwrap();
        assert_eq!(route.auth.as_ref().unwrap(), "Basic Ym9iOg==");
        let routes = self::routes(&Proxy::all("http://bob:p%40ss%2Fword@proxy:1"));
        let route = routes.route(&"http://x/".parse().unwrap()).unwrap();
        // base64("bob:p@ss/word")
        assert_eq!(route.auth.as_ref().unwrap(), "Basic Ym9iOnBAc3Mvd29yZA==");
        assert!(
            self::routes(&Proxy::all("http://proxy:1"))
                .route(&"http://x/".parse().unwrap())
                .unwrap()
                .auth
                .is_none()
        );
    }

    #[test]
    fn authorize_adds_the_header_to_proxied_http_requests_only() {
        let routes = routes(&Proxy::all("http://u:p@proxy:1").no_proxy("direct.lan"));
        assert!(routes.authorizes_requests());
        let header = |uri: &str| {
            let req = Request::get(uri).body(()).unwrap();
            routes
                .authorize(req)
                .headers()
                .get(PROXY_AUTHORIZATION)
                .cloned()
        };
        assert_eq!(
            header("http://paperless.example/api/").unwrap(),
            "Basic dTpw"
        );
        assert_eq!(header("https://paperless.example/api/"), None);
        assert_eq!(header("http://direct.lan/api/"), None);
        assert!(!self::routes(&Proxy::https("http://u:p@proxy:1")).authorizes_requests());
    }

    #[test]
    fn unusable_urls_are_build_errors_naming_the_setting_without_credentials() {
        for (proxy, setting, reason) in [
            (
                Proxy::from_vars(vars(&[("HTTPS_PROXY", "http://us:pw@[bad")])),
                "HTTPS_PROXY",
                "not a URL",
            ),
            (
                Proxy::from_vars(vars(&[("ALL_PROXY", "socks5://us:pw@proxy:1080")])),
                "ALL_PROXY",
                "SOCKS",
            ),
            (
                Proxy::https("https://us:pw@proxy:443"),
                "Proxy::https",
                "TLS to the proxy",
            ),
            (Proxy::all("ftp://proxy"), "Proxy::all", "ftp://"),
            (
                Proxy::http("http://us:pw/@proxy:1"),
                "Proxy::http",
                "percent-encode",
            ),
            (
                Proxy::http("http://proxy:x1"),
                "Proxy::http",
                "port is not a number",
            ),
            (
                Proxy::http("proxy:70000"),
                "Proxy::http",
                "port is not a number",
            ),
            (Proxy::http("http://@:1"), "Proxy::http", "no host"),
        ] {
            let shown = format!("{proxy:?}");
            assert!(!shown.contains("pw"), "{shown}");
            let err = proxy.resolve().err().unwrap();
            let text = err.to_string();
            assert!(
                matches!(&err, BuildError::InvalidProxy { setting: s, .. } if *s == setting),
                "{text}"
            );
            assert!(text.contains(reason), "{text}");
            assert!(text.contains(setting), "{text}");
            assert!(!text.contains("pw"), "{text}");
            assert!(!format!("{err:?}").contains("pw"), "{err:?}");
            assert_eq!(
                text.contains("TransportBuilder::no_proxy()"),
                setting.ends_with("_PROXY"),
                "{text}"
            );
        }
        // The client's error holds a BuildError inline and stays within 64 bytes.
        assert!(std::mem::size_of::<BuildError>() <= 56);
        let err = Proxy::all("http://a%3Ab:pw@proxy:1")
            .resolve()
            .err()
            .unwrap();
        assert!(err.to_string().contains("user name contains ':'"), "{err}");
        assert!(!err.to_string().contains("pw"), "{err}");
    }

    #[test]
    fn debug_hides_credentials() {
        let proxy = Proxy::all("http://alice:s3cret@proxy:3128")
            .no_proxy(".lan")
            .basic_auth("bob", "hunter2");
        assert_eq!(
            format!("{proxy:?}"),
            r#"Proxy { http: "http://proxy:3128" from Proxy::all with credentials <redacted>, https: "http://proxy:3128" from Proxy::all with credentials <redacted>, no_proxy: [".lan"], basic_auth: "<redacted>" }"#
        );
        assert_eq!(
            format!("{:?}", Proxy::http("http://a:s3cret@[x")),
            r#"Proxy { http: "http://***@[x" from Proxy::http (invalid) }"#
        );
        assert_eq!(
            format!("{:?}", Proxy::default()),
            r#"Proxy { proxies: "none" }"#
        );
    }

    #[test]
    fn percent_decoding_and_redaction() {
        assert_eq!(percent_decode("a%20b%2fc%zz%4"), "a b/c%zz%4");
        assert_eq!(percent_decode("%C3%A9"), "é");
        assert_eq!(percent_decode("%c3%a9%FF"), "é\u{fffd}");
        assert_eq!(redact_userinfo("u:p@h"), "***@h");
        assert_eq!(redact_userinfo("http://host:1"), "http://host:1");
    }

    #[test]
    fn proxy_errors_say_what_failed_and_classify_as_connect() {
        let refused = ProxyError {
            proxy: "http://proxy:3128".to_owned(),
            target: "paperless.example:443".to_owned(),
            failure: Failure::Refused,
            source: Some("tunnel error: proxy authorization required".into()),
        };
        assert!(refused.is_refused());
        assert_eq!(refused.proxy(), "http://proxy:3128");
        assert_eq!(refused.target(), "paperless.example:443");
        assert!(
            refused.to_string().starts_with(
                "the proxy http://proxy:3128 refused to open a tunnel to paperless.example:443;"
            ),
            "{refused}"
        );
        let err: BoxError = Box::new(refused);
        assert_eq!(crate::classify(&*err), crate::TransportErrorKind::Connect);

        let timed_out: BoxError = Box::new(ProxyError {
            proxy: "http://proxy:3128".to_owned(),
            target: "paperless.example:443".to_owned(),
            failure: Failure::TimedOut(Duration::from_millis(300)),
            source: Some(std::io::Error::from(std::io::ErrorKind::TimedOut).into()),
        });
        assert_eq!(
            crate::classify(&*timed_out),
            crate::TransportErrorKind::Timeout
        );
        assert!(
            timed_out.to_string().contains("within 300ms"),
            "{timed_out}"
        );
    }
}
