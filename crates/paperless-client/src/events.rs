//! Live status events (feature `events`): [`Paperless::events`] opens the server's `/ws/status/`
//! websocket with the client's session ([`Paperless::session_login`]) and yields
//! [`StatusEvent`]s.
//!
//! The socket goes over the transport's own pieces ([`paperless_transport::Connector`]): the
//! same base URL (`https` → `wss`, sub-path installs), proxy routes (`CONNECT` tunnels) and
//! rustls configuration as every HTTP request; tokio-tungstenite speaks the websocket protocol
//! over it. A dropped connection is reconnected with exponential backoff (a `tracing` warning
//! says so; events sent while it was down are lost); a refused upgrade (403: the session
//! expired) ends the stream with [`SessionErrorKind::Expired`].

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use http::header::{COOKIE, HeaderValue, ORIGIN, USER_AGENT};
use paperless_types::event::{STATUS_SOCKET_PATH, StatusEvent};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::{self, Message, client::IntoClientRequest};

use crate::client::Paperless;
use crate::error::{Error, Result};
use crate::session::{SessionError, SessionErrorKind};

/// How long opening the socket (TCP, TLS, upgrade) may take unless told otherwise.
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a socket may be silent before the client pings it.
const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// The first pause before reconnecting; doubled after each failed attempt.
const DEFAULT_BACKOFF: Duration = Duration::from_millis(200);
/// The longest pause between reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(10);
/// Consecutive failed reconnection attempts before the stream ends with an error.
const DEFAULT_MAX_RECONNECTS: u32 = 10;

/// Why the event stream failed: the socket could not be opened or kept open.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct EventsError {
    message: String,
    #[source]
    source: Option<paperless_transport::BoxError>,
}

impl EventsError {
    fn new(message: impl Into<String>, source: Option<paperless_transport::BoxError>) -> Self {
        Self {
            message: message.into(),
            source,
        }
    }
}

impl From<EventsError> for Error {
    fn from(e: EventsError) -> Self {
        Error::Events(Box::new(e))
    }
}

impl Paperless {
    /// Opens `/ws/status/` with the client's session; await it for an [`EventStream`] (the
    /// socket is open then: events from that moment on are delivered).
    ///
    /// ```no_run
    /// use paperless_client::prelude::*;
    /// use paperless_client::types::event::StatusEvent;
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// client.session_login("admin", "secret").await?;
    /// let mut events = client.events().await?;
    /// while let Some(event) = events.next().await {
    ///     if let StatusEvent::StatusUpdate(u) = event? {
    ///         println!("{:?}: {}% {}", u.filename, u.progress, u.message);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn events(&self) -> Events {
        Events {
            client: self.clone(),
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            idle_timeout: Some(DEFAULT_IDLE_TIMEOUT),
            backoff: DEFAULT_BACKOFF,
            max_reconnects: DEFAULT_MAX_RECONNECTS,
        }
    }
}

/// The settings of an event stream, from [`Paperless::events`]; await it to connect.
#[derive(Debug, Clone)]
#[must_use = "nothing connects until it is awaited"]
pub struct Events {
    client: Paperless,
    connect_timeout: Duration,
    idle_timeout: Option<Duration>,
    backoff: Duration,
    max_reconnects: u32,
}

impl Events {
    /// How long opening the socket (TCP, TLS, proxy tunnel, upgrade) may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// After this long without a frame the client pings the server, and a socket silent for
    /// as long again counts as dropped (default 30 s; `None`: never).
    pub fn idle_timeout(mut self, timeout: impl Into<Option<Duration>>) -> Self {
        self.idle_timeout = timeout.into();
        self
    }

    /// The first pause before reconnecting (default 200 ms), doubled after each failed attempt
    /// up to 10 s.
    pub fn reconnect_backoff(mut self, first: Duration) -> Self {
        self.backoff = first;
        self
    }

    /// Consecutive failed reconnection attempts before the stream ends with an error (default
    /// 10; 0: never reconnect).
    pub fn max_reconnects(mut self, attempts: u32) -> Self {
        self.max_reconnects = attempts;
        self
    }

    /// Connects, then keeps the socket open in a background task until the stream is dropped.
    ///
    /// # Errors
    /// [`Error::Session`] without a session ([`SessionErrorKind::NotLoggedIn`]) or when the
    /// server refuses it ([`SessionErrorKind::Expired`]); [`Error::Events`] when the socket
    /// cannot be opened (a client over a service of yours has no connector: build it from a
    /// URL).
    pub async fn send(self) -> Result<EventStream> {
        let socket = connect(&self).await?;
        let (tx, rx) = mpsc::channel(256);
        let (stop, stopped) = oneshot::channel();
        tokio::spawn(run(self, socket, tx, stopped));
        Ok(EventStream {
            rx,
            _stop: stop,
            done: false,
        })
    }
}

impl IntoFuture for Events {
    type Output = Result<EventStream>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// The live events of `/ws/status/`: a [`Stream`](futures_core::Stream) of
/// `Result<StatusEvent>`. A frame that does not decode is an `Err` and the stream goes on; it
/// ends (after an `Err`) when the session expired or reconnecting failed too often. Dropping it
/// closes the socket.
pub struct EventStream {
    rx: mpsc::Receiver<Result<StatusEvent>>,
    _stop: oneshot::Sender<()>,
    done: bool,
}

impl fmt::Debug for EventStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl futures_core::Stream for EventStream {
    type Item = Result<StatusEvent>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.done {
            return Poll::Ready(None);
        }
        let item = self.rx.poll_recv(cx);
        if let Poll::Ready(None) = item {
            self.done = true;
        }
        item
    }
}

type Socket = tokio_tungstenite::WebSocketStream<paperless_transport::Connection>;

/// Opens the socket once.
async fn connect(settings: &Events) -> Result<Socket> {
    let client = &settings.client;
    let Some(session) = client.session() else {
        return Err(SessionError::new(
            SessionErrorKind::NotLoggedIn,
            "events need a session: call client.session_login(username, password) first",
        )
        .into());
    };
    let Some(connector) = client.connector_slot().get().cloned() else {
        return Err(EventsError::new(
            "events need the client's own transport (a client over a service of yours has no \
             connector)",
            None,
        )
        .into());
    };
    let base = client.base_url();
    let http_uri = base.join(STATUS_SOCKET_PATH)?;
    let ws_url = socket_url(base);
    let mut request = ws_url
        .as_str()
        .into_client_request()
        .map_err(|e| EventsError::new(format!("invalid websocket URL {ws_url}"), Some(e.into())))?;
    let headers = request.headers_mut();
    if let Some(cookie) = session.cookie_header() {
        headers.insert(COOKIE, cookie);
    }
    if let Ok(origin) = HeaderValue::from_str(&format!("{}://{}", base.scheme(), base.authority()))
    {
        headers.insert(ORIGIN, origin);
    }
    headers.insert(
        USER_AGENT,
        HeaderValue::from_static(paperless_transport::DEFAULT_USER_AGENT),
    );
    let opening = async {
        let io = connector.connect(http_uri).await.map_err(|e| {
            EventsError::new(format!("could not connect to {ws_url}: {e}"), Some(e))
        })?;
        match tokio_tungstenite::client_async(request, io).await {
            Ok((socket, _)) => Ok(socket),
            Err(tungstenite::Error::Http(response))
                if matches!(response.status().as_u16(), 401 | 403) =>
            {
                Err(Error::from(SessionError::new(
                    SessionErrorKind::Expired,
                    format!(
                        "the server refused the session at {STATUS_SOCKET_PATH} ({}): log in again",
                        response.status()
                    ),
                )))
            }
            Err(tungstenite::Error::Http(response)) => Err(EventsError::new(
                format!(
                    "the server answered {} to the websocket upgrade of {ws_url}",
                    response.status()
                ),
                None,
            )
            .into()),
            Err(e) => Err(EventsError::new(
                format!("the websocket handshake with {ws_url} failed: {e}"),
                Some(e.into()),
            )
            .into()),
        }
    };
    match tokio::time::timeout(settings.connect_timeout, opening).await {
        Ok(result) => result,
        Err(_) => Err(EventsError::new(
            format!(
                "opening {ws_url} took longer than the connect timeout ({:?})",
                settings.connect_timeout
            ),
            None,
        )
        .into()),
    }
}

/// The websocket URL of an installation: `https` → `wss`, `http` → `ws`, below its sub-path.
fn socket_url(base: &paperless_transport::BaseUrl) -> String {
    let ws_scheme = if base.is_https() { "wss" } else { "ws" };
    format!(
        "{ws_scheme}://{}{}{STATUS_SOCKET_PATH}",
        base.authority(),
        base.path_prefix()
    )
}

/// Why one socket's life ended.
enum Ended {
    /// The stream was dropped.
    Stopped,
    /// The connection dropped (or went silent): reconnect.
    Dropped(String),
}

/// The background task: reads frames, reconnects, stops when the stream is dropped.
async fn run(
    settings: Events,
    mut socket: Socket,
    tx: mpsc::Sender<Result<StatusEvent>>,
    mut stopped: oneshot::Receiver<()>,
) {
    loop {
        match serve(&settings, &mut socket, &tx, &mut stopped).await {
            Ended::Stopped => return,
            Ended::Dropped(why) => {
                let mut delay = settings.backoff;
                let mut attempt = 0;
                socket = loop {
                    if attempt >= settings.max_reconnects {
                        let _ = tx
                            .send(Err(EventsError::new(
                                format!(
                                    "the events socket dropped ({why}) and {attempt} \
                                     reconnection attempts failed"
                                ),
                                None,
                            )
                            .into()))
                            .await;
                        return;
                    }
                    attempt += 1;
                    tracing::warn!(
                        attempt,
                        delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                        reason = %why,
                        "paperless events: socket dropped, reconnecting"
                    );
                    tokio::select! {
                        _ = &mut stopped => return,
                        () = tokio::time::sleep(delay) => {}
                    }
                    match connect(&settings).await {
                        Ok(s) => {
                            tracing::info!(attempt, "paperless events: reconnected");
                            break s;
                        }
                        Err(e @ Error::Session(_)) => {
                            let _ = tx.send(Err(e)).await;
                            return;
                        }
                        Err(e) => {
                            tracing::debug!(attempt, error = %e, "paperless events: reconnection failed");
                            delay = delay.saturating_mul(2).min(MAX_BACKOFF);
                        }
                    }
                };
            }
        }
    }
}

/// Serves one open socket until it drops or the stream is dropped.
async fn serve(
    settings: &Events,
    socket: &mut Socket,
    tx: &mpsc::Sender<Result<StatusEvent>>,
    stopped: &mut oneshot::Receiver<()>,
) -> Ended {
    let mut pinged = false;
    loop {
        let idle = settings.idle_timeout.unwrap_or(Duration::MAX);
        let next = tokio::select! {
            _ = &mut *stopped => {
                let _ = socket.close(None).await;
                return Ended::Stopped;
            }
            () = tx.closed() => return Ended::Stopped,
            next = tokio::time::timeout(idle, socket.next()) => next,
        };
        let frame = match next {
            Err(_) if pinged => return Ended::Dropped("no answer to a ping".to_owned()),
            Err(_) => {
                pinged = true;
                if socket.send(Message::Ping(Vec::new().into())).await.is_err() {
                    return Ended::Dropped("the ping could not be sent".to_owned());
                }
                continue;
            }
            Ok(None) => return Ended::Dropped("the server closed the connection".to_owned()),
            Ok(Some(Err(e))) => return Ended::Dropped(e.to_string()),
            Ok(Some(Ok(frame))) => frame,
        };
        pinged = false;
        let item = match frame {
            Message::Text(text) => {
                serde_json::from_str::<StatusEvent>(text.as_str()).map_err(|e| {
                    EventsError::new(
                        format!(
                            "a /ws/status/ frame did not decode: {e}: {}",
                            paperless_types::error::shorten(text.as_str())
                        ),
                        None,
                    )
                    .into()
                })
            }
            Message::Close(_) => {
                return Ended::Dropped("the server closed the socket".to_owned());
            }
            _ => continue,
        };
        if tx.send(item).await.is_err() {
            return Ended::Stopped;
        }
    }
}

#[cfg(test)]
mod tests {
    use paperless_transport::BaseUrl;

    use super::socket_url;

    #[test]
    fn socket_urls_follow_the_base_url_rules() {
        let url = |u: &str| socket_url(&BaseUrl::parse(u).unwrap_or_else(|e| panic!("{e}")));
        assert_eq!(
            url("https://paperless.example.com"),
            "wss://paperless.example.com/ws/status/"
        );
        assert_eq!(
            url("paperless.example.com"),
            "wss://paperless.example.com/ws/status/"
        );
        assert_eq!(
            url("http://127.0.0.1:8000/api/"),
            "ws://127.0.0.1:8000/ws/status/"
        );
        assert_eq!(
            url("https://host.example/paperless/"),
            "wss://host.example/paperless/ws/status/"
        );
    }
}
