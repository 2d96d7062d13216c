//! `/ws/status/`: the websocket of live status events, over a hyper upgrade and
//! tokio-tungstenite's server side (the handshake answer is computed here, the frames are
//! tungstenite's). The socket authenticates with the session cookie of the headless login (a
//! token or nothing: 403 at the upgrade, as the real server); the server then pushes one JSON
//! text frame per event and reads nothing but close and ping frames.

use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use http::header::{CONNECTION, HeaderValue, SEC_WEBSOCKET_ACCEPT, SEC_WEBSOCKET_KEY, UPGRADE};
use http::{Response, StatusCode};
use hyper_util::rt::TokioIo;
use paperless_types::event::StatusEvent;
use tokio::sync::{broadcast, watch};
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::Role;

/// The events every open socket receives, and the switch that drops them all.
#[derive(Debug)]
pub(crate) struct EventHub {
    frames: broadcast::Sender<Arc<str>>,
    drops: watch::Sender<u64>,
}

impl EventHub {
    pub(crate) fn new() -> Self {
        Self {
            frames: broadcast::channel(4096).0,
            drops: watch::channel(0).0,
        }
    }

    /// Sends one event to every open socket.
    pub(crate) fn publish(&self, event: &StatusEvent) {
        if let Ok(text) = serde_json::to_string(event) {
            let _ = self.frames.send(Arc::from(text));
        }
    }

    /// The number of open sockets.
    pub(crate) fn sockets(&self) -> usize {
        self.frames.receiver_count()
    }

    /// Closes every open socket at the TCP level, without a close frame (a dropped connection).
    pub(crate) fn drop_sockets(&self) {
        self.drops.send_modify(|n| *n += 1);
    }
}

/// Answers an upgrade request: 403 without an authenticated session (`user`), 400 for a request
/// that is not a websocket handshake, otherwise 101 and a task that serves the socket.
pub(crate) fn upgrade(
    hub: &EventHub,
    user: Option<u64>,
    request: http::Request<hyper::body::Incoming>,
) -> Response<()> {
    let status = |code: StatusCode| {
        let mut r = Response::new(());
        *r.status_mut() = code;
        r
    };
    if user.is_none() {
        return status(StatusCode::FORBIDDEN);
    }
    let headers = request.headers();
    let is_upgrade = headers
        .get(UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    let Some(key) = headers.get(SEC_WEBSOCKET_KEY).filter(|_| is_upgrade) else {
        return status(StatusCode::BAD_REQUEST);
    };
    let accept = derive_accept_key(key.as_bytes());
    let Ok(accept) = HeaderValue::from_str(&accept) else {
        return status(StatusCode::BAD_REQUEST);
    };
    let frames = hub.frames.subscribe();
    let drops = hub.drops.subscribe();
    tokio::spawn(async move {
        if let Ok(upgraded) = hyper::upgrade::on(request).await {
            let ws =
                WebSocketStream::from_raw_socket(TokioIo::new(upgraded), Role::Server, None).await;
            serve_socket(ws, frames, drops).await;
        }
    });
    let mut response = status(StatusCode::SWITCHING_PROTOCOLS);
    let h = response.headers_mut();
    h.insert(UPGRADE, HeaderValue::from_static("websocket"));
    h.insert(CONNECTION, HeaderValue::from_static("Upgrade"));
    h.insert(SEC_WEBSOCKET_ACCEPT, accept);
    response
}

async fn serve_socket<S>(
    mut ws: WebSocketStream<S>,
    mut frames: broadcast::Receiver<Arc<str>>,
    mut drops: watch::Receiver<u64>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    loop {
        tokio::select! {
            _ = drops.changed() => return,
            frame = frames.recv() => match frame {
                Ok(text) => {
                    if ws.send(Message::Text(text.as_ref().into())).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => return,
            },
            incoming = ws.next() => match incoming {
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            },
        }
    }
}

/// Sends the frames of one consumption, `step` apart, then runs `finish` (which marks the task
/// done) right before the last frame, so that polling and events see the end at the same time.
pub(crate) fn play(
    hub: Arc<EventHub>,
    events: Vec<StatusEvent>,
    step: Duration,
    finish: impl FnOnce() + Send + 'static,
) {
    if step.is_zero() {
        finish();
        for e in &events {
            hub.publish(e);
        }
        return;
    }
    tokio::spawn(async move {
        let last = events.len().saturating_sub(1);
        let mut finish = Some(finish);
        for (i, e) in events.iter().enumerate() {
            tokio::time::sleep(step).await;
            if i == last
                && let Some(f) = finish.take()
            {
                f();
            }
            hub.publish(e);
        }
    });
}
