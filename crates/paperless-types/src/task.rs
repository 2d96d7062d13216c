//! Background tasks (Celery): document consumption, classifier training, bulk updates, …
//!
//! Endpoints (API v10):
//! - `GET /api/tasks/` (filters `task_id`, `task_type`, `trigger_source`, `status`,
//!   `acknowledged`, …) → [`Page`](crate::Page)`<`[`Task`]`>`
//! - `GET /api/tasks/{id}/` → [`Task`]
//! - `GET /api/tasks/active/` → `Vec<`[`Task`]`>` (pending and started, at most 50)
//! - `GET /api/tasks/summary/` (`?days=`, default 30) → `Vec<`[`TaskSummary`]`>`
//! - `GET /api/tasks/status_counts/` → [`TaskStatusCounts`]
//! - `POST /api/tasks/acknowledge/` with [`AcknowledgeTasks`] → [`AcknowledgeResult`]
//! - `POST /api/tasks/run/` with [`RunTask`] (3.x; 2.x: [`LegacyRunTask`]; superusers) →
//!   [`RunTaskResult`]
//!
//! With API v9, `GET /api/tasks/` returns a plain array of [`LegacyTask`] (no pagination).
//!
//! An upload (`post_document`) answers with the task's [`TaskUuid`]; poll
//! `GET /api/tasks/?task_id={uuid}` until [`TaskStatus::is_complete`], then read
//! [`Task::document_id`].
//!
//! [`TaskRecord`] reads a record of either shape, so that one model serves both API versions.

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::document::DuplicateDocument;
use crate::ids::{DocumentId, TaskId, UserId};

/// The Celery task id (a UUID string) that identifies a task across the API: returned by
/// uploads, `update_version` and `tasks/run/`, and accepted by `GET /api/tasks/?task_id=`.
///
/// Not to be confused with [`TaskId`], the task record's integer primary key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskUuid(pub String);

impl TaskUuid {
    /// The id as text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TaskUuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for TaskUuid {
    fn from(id: String) -> Self {
        Self(id)
    }
}

impl From<&str> for TaskUuid {
    fn from(id: &str) -> Self {
        Self(id.to_owned())
    }
}

crate::open_enum::string_enum! {
    /// The kind of work a task performs (`task_type`, API v10).
    pub enum TaskType {
        /// Consume (import) an uploaded or collected file.
        ConsumeFile => "consume_file",
        /// Train the automatic-matching classifier.
        TrainClassifier => "train_classifier",
        /// Check documents and files for problems.
        SanityCheck => "sanity_check",
        /// Optimize the full-text search index.
        IndexOptimize => "index_optimize",
        /// Fetch mail from the mail accounts.
        MailFetch => "mail_fetch",
        /// Update the Paperless AI (LLM) index.
        LlmIndex => "llm_index",
        /// Empty the trash.
        EmptyTrash => "empty_trash",
        /// Run scheduled workflows.
        CheckWorkflows => "check_workflows",
        /// Apply a bulk edit or a document operation (rotate, merge, edit_pdf, …).
        BulkUpdate => "bulk_update",
        /// Re-run consumption of an existing document.
        ReprocessDocument => "reprocess_document",
        /// Build a share-link bundle's zip.
        BuildShareLink => "build_share_link",
        /// Delete documents in bulk.
        BulkDelete => "bulk_delete",
    }
}

crate::open_enum::string_enum! {
    /// What started a task (`trigger_source`, API v10).
    pub enum TriggerSource {
        /// The scheduler (Celery beat).
        Scheduled => "scheduled",
        /// The web UI.
        WebUi => "web_ui",
        /// An API client.
        ApiUpload => "api_upload",
        /// The consumption folder.
        FolderConsume => "folder_consume",
        /// A mail attachment.
        EmailConsume => "email_consume",
        /// The system itself (self-healing, side effects of a configuration change).
        System => "system",
        /// A user, through `POST /api/tasks/run/`.
        Manual => "manual",
    }
}

crate::open_enum::string_enum! {
    /// State of a task (lowercase since API v10).
    pub enum TaskStatus {
        /// Queued, not started yet.
        Pending => "pending",
        /// Running.
        Started => "started",
        /// Finished successfully.
        Success => "success",
        /// Finished with an error (also for an upload rejected as a duplicate).
        Failure => "failure",
        /// Cancelled.
        Revoked => "revoked",
    }
}

impl TaskStatus {
    /// Whether the task has finished (successfully or not) and will not change any more.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        matches!(self, Self::Success | Self::Failure | Self::Revoked)
    }
}

/// A task record (`/api/tasks/{id}/`, API v10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Task {
    /// Primary key of the task record.
    pub id: TaskId,
    /// The Celery task id.
    pub task_id: TaskUuid,
    /// What the task does.
    pub task_type: TaskType,
    /// Human-readable `task_type` (for example "Consume File"), translated by the server.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_type_display: Option<String>,
    /// What started the task.
    pub trigger_source: TriggerSource,
    /// Human-readable `trigger_source`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger_source_display: Option<String>,
    /// Current state.
    pub status: TaskStatus,
    /// Human-readable `status`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_display: Option<String>,
    /// When the task was queued.
    pub date_created: DateTime<FixedOffset>,
    /// When a worker picked it up.
    #[serde(default)]
    pub date_started: Option<DateTime<FixedOffset>>,
    /// When it finished.
    #[serde(default)]
    pub date_done: Option<DateTime<FixedOffset>>,
    /// Run time in seconds (start to finish).
    #[serde(default)]
    pub duration_seconds: Option<f64>,
    /// Queue time in seconds (created to started).
    #[serde(default)]
    pub wait_time_seconds: Option<f64>,
    /// The task's input, shaped by its type: for `consume_file`
    /// `{"filename", "mime_type", "overrides": {"title", "correspondent_id", "tag_ids", …}}`,
    /// for `mail_fetch` `{"account_ids": [...]}`, often `{}`.
    #[serde(default)]
    pub input_data: Value,
    /// The task's result, once it has one.
    #[serde(default)]
    pub result_data: Option<TaskResultData>,
    /// Documents the task created or found (the new document, or the original of a duplicate).
    #[serde(default)]
    pub related_document_ids: Vec<DocumentId>,
    /// Whether a user dismissed the task in the UI (`tasks/acknowledge/`).
    #[serde(default)]
    pub acknowledged: bool,
    /// The user who started the task; `None` for system tasks.
    #[serde(default)]
    pub owner: Option<UserId>,
}

impl Task {
    /// A pending task with no dates, data or owner (for servers and tests).
    #[must_use]
    pub fn new(
        id: TaskId,
        task_id: TaskUuid,
        task_type: TaskType,
        trigger_source: TriggerSource,
        date_created: DateTime<FixedOffset>,
    ) -> Self {
        Self {
            id,
            task_id,
            task_type,
            task_type_display: None,
            trigger_source,
            trigger_source_display: None,
            status: TaskStatus::Pending,
            status_display: None,
            date_created,
            date_started: None,
            date_done: None,
            duration_seconds: None,
            wait_time_seconds: None,
            input_data: Value::Object(Map::new()),
            result_data: None,
            related_document_ids: Vec::new(),
            acknowledged: false,
            owner: None,
        }
    }

    /// The document a successful consume task created (`result_data.document_id`).
    #[must_use]
    pub fn document_id(&self) -> Option<DocumentId> {
        self.result_data.as_ref().and_then(|r| r.document_id)
    }

    /// For an upload rejected as a duplicate: the existing document (`result_data.duplicate_of`).
    #[must_use]
    pub fn duplicate_of(&self) -> Option<DocumentId> {
        self.result_data.as_ref().and_then(|r| r.duplicate_of)
    }

    /// Why the task failed, when it did (`result_data.error_message` or `reason`).
    #[must_use]
    pub fn error_message(&self) -> Option<&str> {
        let r = self.result_data.as_ref()?;
        r.error_message.as_deref().or(r.reason.as_deref())
    }
}

/// The result a task recorded (`result_data`). The known keys are typed; anything else the
/// task returned is kept in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskResultData {
    /// Consume tasks: the id of the created document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_id: Option<DocumentId>,
    /// Consume tasks rejected as duplicates: the existing document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duplicate_of: Option<DocumentId>,
    /// Why the task did nothing or failed, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Failed tasks: the Python exception type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_type: Option<String>,
    /// Failed tasks: the exception message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
    /// Failed tasks: the Python traceback (at most 5000 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traceback: Option<String>,
    /// Every other key of the result, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// Aggregates for one task type over the last days (`GET /api/tasks/summary/`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskSummary {
    /// The task type these numbers are about.
    pub task_type: TaskType,
    /// Tasks of this type in the period.
    #[serde(default)]
    pub total_count: u64,
    /// Of those, still pending.
    #[serde(default)]
    pub pending_count: u64,
    /// Of those, successful.
    #[serde(default)]
    pub success_count: u64,
    /// Of those, failed.
    #[serde(default)]
    pub failure_count: u64,
    /// Mean run time in seconds, if any task finished.
    #[serde(default)]
    pub avg_duration_seconds: Option<f64>,
    /// Mean queue time in seconds, if any task started.
    #[serde(default)]
    pub avg_wait_time_seconds: Option<f64>,
    /// When the newest task of this type was queued.
    #[serde(default)]
    pub last_run: Option<DateTime<FixedOffset>>,
    /// When the newest successful one finished.
    #[serde(default)]
    pub last_success: Option<DateTime<FixedOffset>>,
    /// When the newest failed one finished.
    #[serde(default)]
    pub last_failure: Option<DateTime<FixedOffset>>,
}

impl TaskSummary {
    /// Zero counts and no dates for this task type.
    #[must_use]
    pub fn new(task_type: TaskType) -> Self {
        Self {
            task_type,
            total_count: 0,
            pending_count: 0,
            success_count: 0,
            failure_count: 0,
            avg_duration_seconds: None,
            avg_wait_time_seconds: None,
            last_run: None,
            last_success: None,
            last_failure: None,
        }
    }
}

/// Task counts for the sections of the task UI (`GET /api/tasks/status_counts/`; the list
/// filters apply, except `status`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TaskStatusCounts {
    /// All matching tasks.
    #[serde(default)]
    pub all: u64,
    /// Failed or revoked.
    #[serde(default)]
    pub needs_attention: u64,
    /// Pending or started.
    #[serde(default)]
    pub in_progress: u64,
    /// Successful.
    #[serde(default)]
    pub completed: u64,
}

/// Body of `POST /api/tasks/acknowledge/`: dismiss some tasks, or all unacknowledged ones.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AcknowledgeTasks {
    /// The task records to dismiss (record ids, not Celery ids).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<Vec<TaskId>>,
    /// `true` dismisses every unacknowledged task the user can see (API v10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<bool>,
}

impl AcknowledgeTasks {
    /// Dismisses these tasks.
    #[must_use]
    pub fn tasks(tasks: impl IntoIterator<Item = TaskId>) -> Self {
        Self {
            tasks: Some(tasks.into_iter().collect()),
            all: None,
        }
    }

    /// Dismisses every unacknowledged task.
    #[must_use]
    pub fn all() -> Self {
        Self {
            tasks: None,
            all: Some(true),
        }
    }
}

/// Response of `POST /api/tasks/acknowledge/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AcknowledgeResult {
    /// How many tasks were marked as acknowledged.
    pub result: u64,
}

impl AcknowledgeResult {
    /// `count` tasks were acknowledged.
    #[must_use]
    pub fn new(count: u64) -> Self {
        Self { result: count }
    }
}

/// Body of `POST /api/tasks/run/`: start a maintenance task now (superusers only; only
/// `train_classifier`, `sanity_check` and `llm_index` are accepted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RunTask {
    /// The task to run.
    pub task_type: TaskType,
}

impl RunTask {
    /// Runs this task type.
    #[must_use]
    pub fn new(task_type: TaskType) -> Self {
        Self { task_type }
    }
}

/// Body of `POST /api/tasks/run/` on Paperless-ngx 2.x: `{"task_name": ..}`, one of
/// `check_sanity`, `index_optimize` and `train_classifier` (the 3.x body [`RunTask`] is
/// refused there with `400 task_name: This field is required.`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LegacyRunTask {
    /// The task to run.
    pub task_name: LegacyTaskName,
}

impl LegacyRunTask {
    /// Runs this task.
    #[must_use]
    pub fn new(task_name: LegacyTaskName) -> Self {
        Self { task_name }
    }

    /// The 2.x body for a 3.x task type: `sanity_check` → `check_sanity`, `index_optimize`,
    /// `train_classifier`; `None` for a task type 2.x cannot run.
    #[must_use]
    pub fn for_task_type(task_type: &TaskType) -> Option<Self> {
        let name = match task_type {
            TaskType::SanityCheck => LegacyTaskName::CheckSanity,
            TaskType::IndexOptimize => LegacyTaskName::IndexOptimize,
            TaskType::TrainClassifier => LegacyTaskName::TrainClassifier,
            _ => return None,
        };
        Some(Self::new(name))
    }
}

/// Response of `POST /api/tasks/run/`, in either server's shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum RunTaskResult {
    /// Paperless-ngx 3.x: the task was queued with this Celery id (`{"task_id": ..}`).
    Started {
        /// The Celery id of the started task.
        task_id: TaskUuid,
    },
    /// Paperless-ngx 2.x: the task ran inside the request; its result (`{"result": ..}`:
    /// `"No issues detected."` for a sanity check, `null` for the others).
    Finished {
        /// What the task returned.
        result: Option<String>,
    },
}

impl RunTaskResult {
    /// The task was started with this Celery id.
    #[must_use]
    pub fn new(task_id: TaskUuid) -> Self {
        Self::Started { task_id }
    }

    /// The Celery id to wait for (3.x); `None` when the task already ran (2.x).
    #[must_use]
    pub fn task_id(&self) -> Option<&TaskUuid> {
        match self {
            Self::Started { task_id } => Some(task_id),
            Self::Finished { .. } => None,
        }
    }

    /// The result of a task that ran inside the request (2.x).
    #[must_use]
    pub fn result(&self) -> Option<&str> {
        match self {
            Self::Finished { result } => result.as_deref(),
            Self::Started { .. } => None,
        }
    }
}

crate::open_enum::string_enum! {
    /// Task names of API v9 (`task_name`): the v10 [`TaskType`]s, with two older spellings.
    pub enum LegacyTaskName {
        /// [`TaskType::ConsumeFile`].
        ConsumeFile => "consume_file",
        /// [`TaskType::TrainClassifier`].
        TrainClassifier => "train_classifier",
        /// [`TaskType::SanityCheck`].
        CheckSanity => "check_sanity",
        /// [`TaskType::IndexOptimize`].
        IndexOptimize => "index_optimize",
        /// [`TaskType::MailFetch`].
        MailFetch => "mail_fetch",
        /// [`TaskType::LlmIndex`].
        LlmIndexUpdate => "llmindex_update",
        /// [`TaskType::EmptyTrash`].
        EmptyTrash => "empty_trash",
        /// [`TaskType::CheckWorkflows`].
        CheckWorkflows => "check_workflows",
        /// [`TaskType::BulkUpdate`].
        BulkUpdate => "bulk_update",
        /// [`TaskType::ReprocessDocument`].
        ReprocessDocument => "reprocess_document",
        /// [`TaskType::BuildShareLink`].
        BuildShareLink => "build_share_link",
        /// [`TaskType::BulkDelete`].
        BulkDelete => "bulk_delete",
    }
}

impl LegacyTaskName {
    /// The API v10 task type with this meaning.
    #[must_use]
    pub fn to_task_type(&self) -> TaskType {
        match self {
            Self::CheckSanity => TaskType::SanityCheck,
            Self::LlmIndexUpdate => TaskType::LlmIndex,
            other => TaskType::from(other.as_str()),
        }
    }
}

crate::open_enum::string_enum! {
    /// Who started a task, API v9 (`type`).
    pub enum LegacyTaskKind {
        /// Started by a user or an API client (v10: manual, web_ui, api_upload).
        ManualTask => "manual_task",
        /// Started by the scheduler (v10: scheduled).
        ScheduledTask => "scheduled_task",
        /// Started by the system (v10: system, folder_consume, email_consume).
        AutoTask => "auto_task",
    }
}

crate::open_enum::string_enum! {
    /// Task state, API v9 (uppercase Celery states).
    pub enum LegacyTaskStatus {
        /// Queued.
        Pending => "PENDING",
        /// Running.
        Started => "STARTED",
        /// Finished successfully.
        Success => "SUCCESS",
        /// Finished with an error.
        Failure => "FAILURE",
        /// Cancelled.
        Revoked => "REVOKED",
    }
}

impl LegacyTaskStatus {
    /// The API v10 status with this meaning (unknown values are lowercased).
    #[must_use]
    pub fn to_status(&self) -> TaskStatus {
        TaskStatus::from(self.as_str().to_ascii_lowercase().as_str())
    }
}

/// A task record as API v9 shows it (`GET /api/tasks/` with `version=9`, a plain array).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LegacyTask {
    /// Primary key of the task record.
    pub id: TaskId,
    /// The Celery task id.
    pub task_id: TaskUuid,
    /// What the task does.
    pub task_name: LegacyTaskName,
    /// The consumed file's name, for consume tasks.
    #[serde(default)]
    pub task_file_name: Option<String>,
    /// Who started the task.
    #[serde(rename = "type")]
    pub kind: LegacyTaskKind,
    /// Current state.
    pub status: LegacyTaskStatus,
    /// When the task was queued.
    #[serde(default)]
    pub date_created: Option<DateTime<FixedOffset>>,
    /// When it finished.
    #[serde(default)]
    pub date_done: Option<DateTime<FixedOffset>>,
    /// The result in words, for example `"Success. New document id 4 created"`.
    #[serde(default)]
    pub result: Option<String>,
    /// Whether a user dismissed the task.
    #[serde(default)]
    pub acknowledged: bool,
    /// The created document (Paperless-ngx 2.x sends it as a numeric string; both are read).
    #[serde(default, deserialize_with = "id_or_numeric_string")]
    pub related_document: Option<DocumentId>,
    /// For duplicates: the existing document(s).
    #[serde(default)]
    pub duplicate_documents: Vec<DuplicateDocument>,
    /// The user who started the task; `None` for system tasks.
    #[serde(default)]
    pub owner: Option<UserId>,
}

impl LegacyTask {
    /// A task with no dates, result, documents or owner (for servers and tests).
    #[must_use]
    pub fn new(
        id: TaskId,
        task_id: TaskUuid,
        task_name: LegacyTaskName,
        kind: LegacyTaskKind,
        status: LegacyTaskStatus,
    ) -> Self {
        Self {
            id,
            task_id,
            task_name,
            task_file_name: None,
            kind,
            status,
            date_created: None,
            date_done: None,
            result: None,
            acknowledged: false,
            related_document: None,
            duplicate_documents: Vec::new(),
            owner: None,
        }
    }

    /// The API v10 task type with this task's meaning.
    #[must_use]
    pub fn task_type(&self) -> TaskType {
        self.task_name.to_task_type()
    }

    /// Whether the task has finished and will not change any more.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.status.to_status().is_complete()
    }
}

fn id_or_numeric_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DocumentId>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Id(u64),
        Text(String),
    }
    match Option::<Raw>::deserialize(d)? {
        None => Ok(None),
        Some(Raw::Id(n)) => Ok(Some(DocumentId(n))),
        Some(Raw::Text(s)) => s.trim().parse().map(Some).map_err(|_| {
            serde::de::Error::custom(format!(
                "related_document {s:?} is neither a document id nor null"
            ))
        }),
    }
}

/// A task record in either shape the server sends: [`Task`] (API v10) or [`LegacyTask`]
/// (API v9). The accessors give the API v10 meaning for both.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
#[non_exhaustive]
// The large variant is the common one (API v10); boxing it would cost an allocation per record.
#[allow(clippy::large_enum_variant)]
pub enum TaskRecord {
    /// An API v10 record.
    Current(Task),
    /// An API v9 record.
    Legacy(LegacyTask),
}

impl<'de> Deserialize<'de> for TaskRecord {
    /// Reads `task_type` records as [`Task`] and `task_name` records as [`LegacyTask`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let value = Value::deserialize(deserializer)?;
        let legacy = value.get("task_name").is_some() && value.get("task_type").is_none();
        if legacy {
            LegacyTask::deserialize(value)
                .map(Self::Legacy)
                .map_err(D::Error::custom)
        } else {
            Task::deserialize(value)
                .map(Self::Current)
                .map_err(D::Error::custom)
        }
    }
}

/// The number after the last `#` of a message, as in "It is a duplicate of Scan (#12)" or
/// "It is a duplicate of document #12".
fn hash_number(text: &str) -> Option<DocumentId> {
    let (_, after) = text.rsplit_once('#')?;
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().map(DocumentId)
}

impl TaskRecord {
    /// The task record's primary key.
    #[must_use]
    pub fn id(&self) -> TaskId {
        match self {
            Self::Current(t) => t.id,
            Self::Legacy(t) => t.id,
        }
    }

    /// The Celery task id (what uploads return).
    #[must_use]
    pub fn task_id(&self) -> &TaskUuid {
        match self {
            Self::Current(t) => &t.task_id,
            Self::Legacy(t) => &t.task_id,
        }
    }

    /// The state, in API v10 terms.
    #[must_use]
    pub fn status(&self) -> TaskStatus {
        match self {
            Self::Current(t) => t.status.clone(),
            Self::Legacy(t) => t.status.to_status(),
        }
    }

    /// What the task does, in API v10 terms.
    #[must_use]
    pub fn task_type(&self) -> TaskType {
        match self {
            Self::Current(t) => t.task_type.clone(),
            Self::Legacy(t) => t.task_type(),
        }
    }

    /// Whether the task has finished (successfully or not).
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.status().is_complete()
    }

    /// The document a successful consume task created.
    #[must_use]
    pub fn document_id(&self) -> Option<DocumentId> {
        match self {
            Self::Current(t) => t.document_id(),
            // v9 also names the original of a duplicate here; only a success created it.
            Self::Legacy(t) if t.status.to_status() == TaskStatus::Success => t.related_document,
            Self::Legacy(_) => None,
        }
    }

    /// For an upload rejected as a duplicate: the document it duplicates.
    #[must_use]
    pub fn duplicate_of(&self) -> Option<DocumentId> {
        match self {
            Self::Current(t) => t.duplicate_of(),
            Self::Legacy(t) => {
                if t.status.to_status() != TaskStatus::Failure {
                    return None;
                }
                t.duplicate_documents.first().map(|d| d.id).or_else(|| {
                    let result = t.result.as_deref()?;
                    if result.to_ascii_lowercase().contains("duplicate") {
                        hash_number(result)
                    } else {
                        None
                    }
                })
            }
        }
    }

    /// What the task reported in words: the error of a failed task, the reason it did nothing
    /// (API v10 `error_message`/`reason`), or API v9's `result` line.
    #[must_use]
    pub fn message(&self) -> Option<&str> {
        match self {
            Self::Current(t) => t.error_message(),
            Self::Legacy(t) => t.result.as_deref(),
        }
    }

    /// The name of the consumed file, for consume tasks.
    #[must_use]
    pub fn file_name(&self) -> Option<&str> {
        match self {
            Self::Current(t) => t.input_data.get("filename").and_then(|v| v.as_str()),
            Self::Legacy(t) => t.task_file_name.as_deref(),
        }
    }

    /// Whether a user dismissed the task.
    #[must_use]
    pub fn acknowledged(&self) -> bool {
        match self {
            Self::Current(t) => t.acknowledged,
            Self::Legacy(t) => t.acknowledged,
        }
    }

    /// The API v10 record, if it is one.
    #[must_use]
    pub fn as_current(&self) -> Option<&Task> {
        match self {
            Self::Current(t) => Some(t),
            Self::Legacy(_) => None,
        }
    }

    /// The API v9 record, if it is one.
    #[must_use]
    pub fn as_legacy(&self) -> Option<&LegacyTask> {
        match self {
            Self::Legacy(t) => Some(t),
            Self::Current(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn payloads_serialize_exactly() {
        let ack = AcknowledgeTasks::tasks([TaskId(138), TaskId(115)]);
        assert_eq!(
            serde_json::to_string(&ack).ok().as_deref(),
            Some(r#"{"tasks":[138,115]}"#)
        );
        assert_eq!(
            serde_json::to_string(&AcknowledgeTasks::all())
                .ok()
                .as_deref(),
            Some(r#"{"all":true}"#)
        );
        assert_eq!(
            serde_json::to_string(&RunTask::new(TaskType::SanityCheck))
                .ok()
                .as_deref(),
            Some(r#"{"task_type":"sanity_check"}"#)
        );
    }

    #[test]
    fn results_are_typed_and_unknown_keys_kept() {
        let task: Task = serde_json::from_value(json!({
            "id": 7, "task_id": "abc", "task_type": "consume_file",
            "trigger_source": "api_upload", "status": "failure",
            "date_created": "2026-11-26T20:47:38.520415+01:00",
            "result_data": {"duplicate_of": 5, "error_message": "Not consuming: duplicate", "x": [1]}
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(task.status.is_complete());
        assert_eq!(task.document_id(), None);
        assert_eq!(task.duplicate_of(), Some(DocumentId(5)));
        assert_eq!(task.error_message(), Some("Not consuming: duplicate"));
        assert_eq!(
            task.result_data.as_ref().map(|r| r.other.clone()),
            Some(json!({"x": [1]}).as_object().cloned().unwrap_or_default())
        );
        assert!(!TaskStatus::Started.is_complete());
        assert!(!TaskStatus::Other("queued".into()).is_complete());
    }

    #[test]
    fn legacy_tasks_map_onto_v10_meanings() {
        assert_eq!(
            LegacyTaskName::CheckSanity.to_task_type(),
            TaskType::SanityCheck
        );
        assert_eq!(
            LegacyTaskName::LlmIndexUpdate.to_task_type(),
            TaskType::LlmIndex
        );
        assert_eq!(
            LegacyTaskName::MailFetch.to_task_type(),
            TaskType::MailFetch
        );
        assert_eq!(LegacyTaskStatus::Success.to_status(), TaskStatus::Success);
        assert_eq!(
            LegacyTaskStatus::Other("RETRY".into()).to_status(),
            TaskStatus::Other("retry".into())
        );
        let v2: LegacyTask = serde_json::from_value(json!({
            "id": 4, "task_id": "9786ef2b", "task_name": "consume_file", "type": "manual_task",
            "status": "SUCCESS", "related_document": "4"
        }))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v2.related_document, Some(DocumentId(4)));
        assert!(v2.is_complete());
        assert_eq!(v2.task_type(), TaskType::ConsumeFile);
        let bad = serde_json::from_value::<LegacyTask>(json!({
            "id": 4, "task_id": "x", "task_name": "consume_file", "type": "manual_task",
            "status": "SUCCESS", "related_document": "four"
        }));
        assert_eq!(
            bad.err().map(|e| e.to_string()).as_deref(),
            Some("related_document \"four\" is neither a document id nor null")
        );
    }
}
