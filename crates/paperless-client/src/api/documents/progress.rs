//! Upload progress: [`UploadProgress`] (bytes sent, then the server's consume steps) reported to
//! the callback of [`UploadFile::on_progress`](super::UploadFile::on_progress); the counting
//! request body; and (feature `events`) the wait that follows the consumption on `/ws/status/`.

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body as _, Frame, SizeHint};
use paperless_transport::{Body, BoxError};
use paperless_types::event::StatusUpdate;

/// One step of an upload, as [`UploadFile::on_progress`](super::UploadFile::on_progress)
/// reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UploadProgress {
    /// Request body bytes handed to the connection so far, of `total` (the whole multipart
    /// body).
    Sent {
        /// Bytes sent so far.
        sent: u64,
        /// The body's length.
        total: u64,
    },
    /// A consume step the server reported on `/ws/status/` (feature `events`, with a session):
    /// its progress (0 to 100) and message (`parsing_document`, ...).
    Server(StatusUpdate),
}

/// The progress callback, shared by an upload and its wait.
#[derive(Clone)]
pub(crate) struct Observer(Arc<dyn Fn(UploadProgress) + Send + Sync>);

impl Observer {
    pub(crate) fn new(f: impl Fn(UploadProgress) + Send + Sync + 'static) -> Self {
        Self(Arc::new(f))
    }

    pub(crate) fn report(&self, progress: UploadProgress) {
        (self.0)(progress);
    }

    /// `body`, reporting every frame handed to the connection.
    pub(crate) fn count(&self, body: Body) -> Body {
        let total = body.size_hint().exact().unwrap_or(0);
        Body::from_stream(Counting {
            inner: body,
            sent: 0,
            total,
            observer: self.clone(),
        })
    }
}

impl fmt::Debug for Observer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Observer(..)")
    }
}

struct Counting {
    inner: Body,
    sent: u64,
    total: u64,
    observer: Observer,
}

impl http_body::Body for Counting {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if let Poll::Ready(Some(Ok(frame))) = &polled
            && let Some(data) = frame.data_ref()
        {
            self.sent = self.sent.saturating_add(data.len() as u64);
            let (sent, total) = (self.sent, self.total);
            self.observer.report(UploadProgress::Sent { sent, total });
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(feature = "events")]
pub(crate) use by_events::{Outcome, Subscription, subscribe, wait};

#[cfg(feature = "events")]
mod by_events {
    use std::sync::Arc;
    use std::time::Duration;

    use futures_util::StreamExt;
    use paperless_types::DocumentId;
    use paperless_types::event::{ProgressStatus, StatusEvent};
    use paperless_types::task::{TaskStatus, TaskUuid};

    use super::{Observer, UploadProgress};
    use crate::api::tasks::WaitError;
    use crate::client::Paperless;
    use crate::events::EventStream;

    /// The event stream an upload subscribed to before it was sent.
    pub(crate) type Subscription = Arc<tokio::sync::Mutex<EventStream>>;

    /// How often the events wait also looks at the task (a frame lost while the socket was
    /// reconnecting must not make it wait for the timeout).
    const SAFETY_POLL: Duration = Duration::from_secs(5);

    /// Opens the event stream when the client has a session; `None` otherwise or when it
    /// cannot be opened (the wait then polls).
    pub(crate) async fn subscribe(client: &Paperless) -> Option<Subscription> {
        client.session()?;
        match client.events().await {
            Ok(stream) => Some(Arc::new(tokio::sync::Mutex::new(stream))),
            Err(e) => {
                tracing::debug!(error = %e, "paperless upload: no event stream, the wait will poll");
                None
            }
        }
    }

    /// How the events wait ended.
    pub(crate) enum Outcome {
        /// The consumption succeeded with this document.
        Document(DocumentId),
        /// Poll the task for the rest of the time (it failed, the stream ended, or the task
        /// finished without a frame seen): the polling wait reads the outcome.
        Poll(Duration),
    }

    /// Follows the task's frames until its last one, for at most `timeout`.
    pub(crate) async fn wait(
        client: &Paperless,
        task_id: &TaskUuid,
        events: Subscription,
        observer: Option<&Observer>,
        timeout: Duration,
    ) -> Result<Outcome, WaitError> {
        let started = tokio::time::Instant::now();
        let deadline = started + timeout;
        let mut events = events.lock().await;
        let mut last_status = None;
        let mut safety = tokio::time::interval_at(started + SAFETY_POLL, SAFETY_POLL);
        loop {
            let next = tokio::select! {
                next = events.next() => next,
                () = tokio::time::sleep_until(deadline) => {
                    return Err(WaitError::TimedOut {
                        task_id: task_id.clone(),
                        waited: started.elapsed(),
                        last_status,
                    });
                }
                _ = safety.tick() => {
                    if let Ok(Some(task)) = client.tasks().by_uuid(task_id).await
                        && task.is_complete()
                    {
                        return Ok(Outcome::Poll(remaining(deadline)));
                    }
                    continue;
                }
            };
            let update = match next {
                Some(Ok(StatusEvent::StatusUpdate(u))) if u.task_id.as_ref() == Some(task_id) => u,
                Some(Ok(_)) => continue,
                Some(Err(e)) => {
                    tracing::debug!(error = %e, "paperless upload: event stream error");
                    continue;
                }
                None => return Ok(Outcome::Poll(remaining(deadline))),
            };
            last_status = Some(TaskStatus::Started);
            if let Some(o) = observer {
                o.report(UploadProgress::Server(update.clone()));
            }
            match (&update.status, update.document_id) {
                (ProgressStatus::Success, Some(id)) => return Ok(Outcome::Document(id)),
                (ProgressStatus::Success | ProgressStatus::Failed, _) => {
                    return Ok(Outcome::Poll(remaining(deadline)));
                }
                _ => {}
            }
        }
    }

    fn remaining(deadline: tokio::time::Instant) -> Duration {
        deadline.saturating_duration_since(tokio::time::Instant::now())
    }
}
