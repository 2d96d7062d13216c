//! [`Connector`]: raw connections to the server over the default stack's own pieces (the same
//! TCP settings, proxy routes and rustls configuration as the HTTP pool), for protocols that take
//! over a connection: the client's `/ws/status/` websocket. HTTP/1.1 only (ALPN `http/1.1`):
//! websockets are upgraded from HTTP/1.1.

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http::Uri;
use hyper_rustls::{HttpsConnector, MaybeHttpsStream};
use hyper_util::client::legacy::connect::{Connection as _, HttpConnector};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tower::ServiceExt;

use crate::proxy::{ProxyConnector, ProxyStream};
use crate::{BoxError, BuildError, TransportBuilder};

/// Opens connections to the server with the transport's TCP, proxy and TLS settings, from
/// [`TransportBuilder::connector`]. Cheap to clone.
#[derive(Clone)]
pub struct Connector {
    https: HttpsConnector<ProxyConnector>,
    connect_timeout: Option<Duration>,
}

impl std::fmt::Debug for Connector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connector")
            .field("connect_timeout", &self.connect_timeout)
            .finish_non_exhaustive()
    }
}

impl Connector {
    pub(crate) fn new(builder: &TransportBuilder) -> Result<Self, BuildError> {
        let routes = builder.proxy_routes()?;
        let tls = builder.tls_options().client_config(builder.base_url())?;
        let connect_timeout = builder.connect_timeout_setting();
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        http.set_connect_timeout(connect_timeout);
        let http = ProxyConnector::new(http, routes, connect_timeout);
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config((*tls).clone())
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        Ok(Self {
            https,
            connect_timeout,
        })
    }

    /// The connect timeout of the transport (`None`: none).
    #[must_use]
    pub fn connect_timeout(&self) -> Option<Duration> {
        self.connect_timeout
    }

    /// A connection to `uri`'s host (`http` or `https`; TLS for `https`, through a `CONNECT`
    /// tunnel when a proxy applies).
    ///
    /// # Errors
    /// The connection, proxy or TLS failure; for an `http://` destination behind a proxy, an
    /// error (only `CONNECT` tunnels carry other protocols).
    pub async fn connect(&self, uri: Uri) -> Result<Connection, BoxError> {
        let io = self.https.clone().oneshot(uri).await?;
        if io.connected().is_proxied() {
            return Err(
                "an http:// server behind a proxy cannot be reached for a websocket: \
                        use https:// or no_proxy()"
                    .into(),
            );
        }
        Ok(Connection {
            io: TokioIo::new(io),
        })
    }
}

/// A connection from [`Connector::connect`]: tokio's `AsyncRead` and `AsyncWrite`.
pub struct Connection {
    io: TokioIo<MaybeHttpsStream<ProxyStream>>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection").finish_non_exhaustive()
    }
}

impl AsyncRead for Connection {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl AsyncWrite for Connection {
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
}
