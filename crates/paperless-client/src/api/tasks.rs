//! Background tasks: `client.tasks()`, the [`Tasks`] resource, and waiting for a task to finish.
//!
//! | call | request |
//! |---|---|
//! | `list()` (filters below), `stream()`, `get(id)` | `GET /api/tasks/`, `GET /api/tasks/{id}/` |
//! | `by_uuid(uuid)` | `GET /api/tasks/?task_id={uuid}` |
//! | `active()`, `summary()`, `status_counts()` | `GET /api/tasks/active/`, `/summary/`, `/status_counts/` |
//! | `acknowledge(ids)`, `acknowledge_all()` | `POST /api/tasks/acknowledge/` |
//! | `run(task_type)` | `POST /api/tasks/run/` |
//! | `wait(uuid)` | polls `GET /api/tasks/?task_id={uuid}` until the task is done |
//!
//! API v10 servers answer with [`Task`](paperless_types::task::Task) records in pages; API v9 (Paperless-ngx 2.x, or 3.x
//! asked for version 9) with an unpaginated array of [`LegacyTask`](paperless_types::task::LegacyTask) records. The same calls work
//! on both: every record is a [`TaskRecord`], whose accessors (`status()`, `document_id()`,
//! `duplicate_of()`, `message()`) read either shape.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, TimeZone};
use http::Method;
use paperless_transport::ApiVersion;
use paperless_types::task::{
    AcknowledgeResult, AcknowledgeTasks, LegacyRunTask, RunTask, TaskStatus, TaskStatusCounts,
    TaskSummary, TaskType, TaskUuid, TriggerSource,
};
use paperless_types::{TaskId, UserId};

pub use paperless_types::task::{RunTaskResult, TaskRecord};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
pub use crate::error::WaitError;
use crate::error::{InvalidInput, Result};
use crate::list::List;
use crate::query::Query;
use crate::resource::Resource;
use crate::version::ServerInfo;

/// `/api/tasks/`: the task records of the installation (superusers see all, other users their
/// own and the system's).
#[derive(Debug)]
pub enum Tasks {}

impl Resource for Tasks {
    type Id = TaskId;
    type Item = TaskRecord;
    const NAME: &'static str = "tasks";
    const PATH: &'static str = "/api/tasks/";

    fn id_of(task: &TaskRecord) -> TaskId {
        task.id()
    }
}

impl Paperless {
    /// The tasks endpoint: lists, lookups by Celery id, and [`Endpoint::wait`].
    #[must_use]
    pub fn tasks(&self) -> Endpoint<Tasks> {
        self.endpoint()
    }
}

/// Task filters of `GET /api/tasks/` (API v10 names; 3.x servers also apply them on API v9).
impl List<Tasks> {
    /// Only the task with this Celery id (`task_id`).
    pub fn task_id(self, task_id: &TaskUuid) -> Self {
        self.param("task_id", task_id.as_str())
    }

    /// Only tasks of this type (`task_type`). Paperless-ngx 2.x ignores this filter (and would
    /// list every task): when the client knows the server is 2.x, the list is refused with
    /// [`Error::Invalid`](crate::Error::Invalid) before sending.
    pub fn task_type(self, task_type: &TaskType) -> Self {
        self.param("task_type", task_type.as_str())
            .adapt(for_server)
    }

    /// Only tasks started this way (`trigger_source`).
    pub fn trigger_source(self, source: &TriggerSource) -> Self {
        self.param("trigger_source", source.as_str())
    }

    /// Only tasks in this state (`status`): lower case (`success`) for Paperless-ngx 3.x, on
    /// API 10 and 9 alike; upper case (`SUCCESS`) when the client knows the server is 2.x,
    /// whose choice filter refuses the lower-case values with a 400.
    pub fn status(self, status: &TaskStatus) -> Self {
        self.param("status", status.as_str()).adapt(for_server)
    }

    /// Only finished (`true`) or unfinished (`false`) tasks (`is_complete`).
    pub fn is_complete(self, complete: bool) -> Self {
        self.param("is_complete", complete)
    }

    /// Only acknowledged (`true`) or unacknowledged (`false`) tasks (`acknowledged`).
    pub fn acknowledged(self, acknowledged: bool) -> Self {
        self.param("acknowledged", acknowledged)
    }

    /// Only tasks whose file name, type or trigger contains `text` (`name`).
    pub fn name(self, text: impl AsRef<str>) -> Self {
        self.param("name", text.as_ref())
    }

    /// Only tasks whose result mentions `text`, or names this document id (`result`).
    pub fn result(self, text: impl AsRef<str>) -> Self {
        self.param("result", text.as_ref())
    }

    /// Only tasks owned by this user (`owner`).
    pub fn owner(self, user: impl Into<UserId>) -> Self {
        self.param("owner", user.into())
    }

    /// Only tasks queued at or after this instant (`date_created_after`, RFC 3339).
    pub fn date_created_after<Tz: TimeZone>(self, instant: &DateTime<Tz>) -> Self
    where
        Tz::Offset: fmt::Display,
    {
        self.param("date_created_after", instant.to_rfc3339())
    }

    /// Only tasks queued at or before this instant (`date_created_before`, RFC 3339).
    pub fn date_created_before<Tz: TimeZone>(self, instant: &DateTime<Tz>) -> Self
    where
        Tz::Offset: fmt::Display,
    {
        self.param("date_created_before", instant.to_rfc3339())
    }
}

/// The task filters for the server they go to: 2.x reads `status` in upper case and ignores
/// `task_type`.
fn for_server(query: &mut Query, server: &ServerInfo) -> std::result::Result<(), String> {
    if !server.is_before_3() {
        return Ok(());
    }
    if query.get("task_type").is_some() {
        return Err(format!(
            "the task_type filter needs Paperless-ngx 3.x (this server is {}, which ignores it \
             and would list every task)",
            server.version
        ));
    }
    if let Some(status) = query.get("status") {
        let upper = status.to_ascii_uppercase();
        query.set("status", upper);
    }
    Ok(())
}

/// `/api/tasks/{tail}`.
fn tasks_path(tail: &str) -> String {
    format!("{}{tail}", Tasks::PATH)
}

impl Endpoint<Tasks> {
    /// The task with this Celery id (`GET /api/tasks/?task_id=`), or `None` when the server
    /// has no record of it (yet).
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api), transport and decode errors.
    pub async fn by_uuid(&self, task_id: &TaskUuid) -> Result<Option<TaskRecord>> {
        let page = self.list().task_id(task_id).send().await?;
        Ok(page.into_items().into_iter().next())
    }

    /// Pending and running tasks, newest first (at most 50): `GET /api/tasks/active/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api), transport and decode errors.
    pub async fn active(&self) -> Result<Vec<TaskRecord>> {
        self.get_json("active", tasks_path("active/")).await
    }

    /// Statistics per task type over the last 30 days: `GET /api/tasks/summary/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api), transport and decode errors.
    pub async fn summary(&self) -> Result<Vec<TaskSummary>> {
        self.get_json("summary", tasks_path("summary/")).await
    }

    /// Statistics per task type over the last `days` days (1 to 365):
    /// `GET /api/tasks/summary/?days=N`.
    ///
    /// # Errors
    /// As [`Endpoint::summary`].
    pub async fn summary_for_days(&self, days: u32) -> Result<Vec<TaskSummary>> {
        let mut query = Query::default();
        query.set("days", days.to_string());
        let request = self
            .request("summary", Method::GET, tasks_path("summary/"))
            .query(&query);
        self.client().json(request).await
    }

    /// Task counts for the task UI's sections: `GET /api/tasks/status_counts/`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api), transport and decode errors.
    pub async fn status_counts(&self) -> Result<TaskStatusCounts> {
        self.get_json("status_counts", tasks_path("status_counts/"))
            .await
    }

    /// Dismisses these tasks (record ids, not Celery ids); returns how many changed:
    /// `POST /api/tasks/acknowledge/` with `{"tasks": [...]}`.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for an empty list;
    /// [`Error::Api`](crate::Error::Api) with status 400 for unknown tasks.
    pub async fn acknowledge(
        &self,
        tasks: impl IntoIterator<Item = impl Into<TaskId>>,
    ) -> Result<u64> {
        let body = AcknowledgeTasks::tasks(tasks.into_iter().map(Into::into));
        if body.tasks.as_ref().is_some_and(Vec::is_empty) {
            return Err(InvalidInput::new(
                "tasks.acknowledge needs at least one task id (acknowledge_all dismisses every task)",
            )
            .into());
        }
        let result: AcknowledgeResult = self
            .post_json("acknowledge", tasks_path("acknowledge/"), &body)
            .await?;
        Ok(result.result)
    }

    /// Dismisses every unacknowledged task the user can see (API v10):
    /// `POST /api/tasks/acknowledge/` with `{"all": true}`.
    ///
    /// # Errors
    /// As [`Endpoint::acknowledge`].
    pub async fn acknowledge_all(&self) -> Result<u64> {
        let result: AcknowledgeResult = self
            .post_json(
                "acknowledge",
                tasks_path("acknowledge/"),
                &AcknowledgeTasks::all(),
            )
            .await?;
        Ok(result.result)
    }

    /// Runs a maintenance task now (superusers): `POST /api/tasks/run/`.
    ///
    /// Paperless-ngx 3.x (`{"task_type": ..}`: `train_classifier`, `sanity_check` or
    /// `llm_index`) queues it and answers its Celery id ([`RunTaskResult::task_id`], to
    /// [`wait`](Endpoint::wait) for). Paperless-ngx 2.x (`{"task_name": ..}`: `check_sanity`,
    /// `index_optimize` or `train_classifier`, sent for [`TaskType::SanityCheck`],
    /// [`TaskType::IndexOptimize`] and [`TaskType::TrainClassifier`]) runs it inside the request
    /// and answers its result ([`RunTaskResult::result`]). The client sends the 2.x body when it
    /// knows the server is 2.x (negotiated; a client pinned to API 9 asks the server first with
    /// [`Paperless::server_info`]).
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for a task type 2.x cannot run, on 2.x;
    /// [`Error::Api`](crate::Error::Api) with status 400 for other task types, 403 for other
    /// users.
    pub async fn run(&self, task_type: TaskType) -> Result<RunTaskResult> {
        let client = self.client();
        let mut server = client.learned_server().await?.cloned();
        if server.is_none() && client.api_version() == Some(ApiVersion::V9) {
            server = Some(client.server_info().await?);
        }
        if server.as_ref().is_some_and(ServerInfo::is_before_3) {
            let body = LegacyRunTask::for_task_type(&task_type).ok_or_else(|| {
                InvalidInput::new(format!(
                    "tasks.run: Paperless-ngx 2.x runs only sanity_check, index_optimize and \
                     train_classifier, not {}",
                    task_type.as_str()
                ))
            })?;
            return self.post_json("run", tasks_path("run/"), &body).await;
        }
        self.post_json("run", tasks_path("run/"), &RunTask::new(task_type))
            .await
    }

    /// Waits until the task finishes, polling `GET /api/tasks/?task_id={uuid}` every
    /// [`WaitTask::poll_interval`] (default 500 ms) for at most [`WaitTask::timeout`] (default
    /// 5 minutes). Resolves to the finished record when it succeeded.
    ///
    /// ```no_run
    /// use std::time::Duration;
    /// use paperless_client::types::task::TaskType;
    /// # async fn run(client: paperless_client::Paperless) -> Result<(), Box<dyn std::error::Error>> {
    /// let tasks = client.tasks();
    /// if let Some(id) = tasks.run(TaskType::SanityCheck).await?.task_id() {
    ///     let done = tasks.wait(id).timeout(Duration::from_secs(60)).await?;
    ///     println!("{:?}", done.message());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn wait(&self, task_id: &TaskUuid) -> WaitTask {
        WaitTask {
            client: self.client().clone(),
            task_id: task_id.clone(),
            poll_interval: DEFAULT_POLL_INTERVAL,
            timeout: DEFAULT_WAIT_TIMEOUT,
        }
    }
}

/// How often a wait polls unless told otherwise.
const DEFAULT_POLL_INTERVAL: Duration = Duration::from_millis(500);
/// How long a wait lasts unless told otherwise.
const DEFAULT_WAIT_TIMEOUT: Duration = Duration::from_secs(300);

/// A wait for a task, from [`Endpoint::wait`]: set the poll interval and timeout, then await it.
#[must_use = "a wait does nothing until it is awaited"]
#[derive(Debug, Clone)]
pub struct WaitTask {
    client: Paperless,
    task_id: TaskUuid,
    poll_interval: Duration,
    timeout: Duration,
}

impl WaitTask {
    /// The client the wait polls with.
    pub(crate) fn client(&self) -> &Paperless {
        &self.client
    }

    /// The pause between two polls (default 500 ms).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// How long to wait in total before giving up with [`WaitError::TimedOut`] (default 5
    /// minutes). The task goes on running on the server.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Polls until the task finishes.
    ///
    /// # Errors
    /// [`WaitError`]: the task failed (with its message), was rejected as a duplicate, was
    /// revoked, did not finish in time, or could not be polled. Every case carries the task id.
    pub async fn send(self) -> Result<TaskRecord, WaitError> {
        let task = poll(
            &self.client,
            &self.task_id,
            self.poll_interval,
            self.timeout,
        )
        .await?;
        outcome(task)
    }
}

impl IntoFuture for WaitTask {
    type Output = Result<TaskRecord, WaitError>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

/// Polls until the task is complete, whatever its outcome.
async fn poll(
    client: &Paperless,
    task_id: &TaskUuid,
    interval: Duration,
    timeout: Duration,
) -> Result<TaskRecord, WaitError> {
    let tasks = client.tasks();
    let started = tokio::time::Instant::now();
    let mut last_status = None;
    loop {
        match tasks.by_uuid(task_id).await {
            Ok(Some(task)) if task.is_complete() => return Ok(task),
            Ok(Some(task)) => last_status = Some(task.status()),
            // Not recorded yet: the server writes the record when the task is queued.
            Ok(None) => {}
            Err(source) => {
                return Err(WaitError::Request {
                    task_id: task_id.clone(),
                    source,
                });
            }
        }
        let waited = started.elapsed();
        // Both durations come from the caller: `Duration::MAX` must not overflow.
        if waited.saturating_add(interval) > timeout {
            return Err(WaitError::TimedOut {
                task_id: task_id.clone(),
                waited,
                last_status,
            });
        }
        tokio::time::sleep(interval).await;
    }
}

/// Sorts a complete task into success and the failure cases.
fn outcome(task: TaskRecord) -> Result<TaskRecord, WaitError> {
    match task.status() {
        TaskStatus::Success => Ok(task),
        TaskStatus::Revoked => Err(WaitError::Revoked {
            task: Box::new(task),
        }),
        _ => match task.duplicate_of() {
            Some(duplicate_of) => Err(WaitError::Duplicate {
                duplicate_of,
                task: Box::new(task),
            }),
            None => {
                let message = task
                    .message()
                    .unwrap_or("the server recorded no message")
                    .to_owned();
                Err(WaitError::Failed {
                    message,
                    task: Box::new(task),
                })
            }
        },
    }
}
