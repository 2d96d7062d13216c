//! Server health and version information.
//!
//! Endpoints:
//! - `GET /api/status/` → [`SystemStatus`] (administrators only)
//! - `GET /api/remote_version/` → [`RemoteVersion`]: the newest release on GitHub

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

crate::open_enum::string_enum! {
    /// The health of one server component.
    pub enum ServiceStatus {
        /// `OK`.
        Ok => "OK",
        /// `WARNING`: working, but something needs attention (such as a stale classifier).
        Warning => "WARNING",
        /// `ERROR`: not working; the matching `*_error` field says why.
        Error => "ERROR",
        /// `DISABLED`: the feature is turned off (such as the AI index).
        Disabled => "DISABLED",
    }
}

impl Default for ServiceStatus {
    /// [`ServiceStatus::Ok`].
    fn default() -> Self {
        Self::Ok
    }
}

crate::open_enum::string_enum! {
    /// How the server was installed (`install_type`).
    pub enum InstallType {
        /// `bare-metal`.
        BareMetal => "bare-metal",
        /// `docker`.
        Docker => "docker",
        /// `kubernetes`.
        Kubernetes => "kubernetes",
    }
}

impl Default for InstallType {
    /// [`InstallType::BareMetal`].
    fn default() -> Self {
        Self::BareMetal
    }
}

crate::open_enum::string_enum! {
    /// The database engine (`database.type`, Django's vendor name).
    pub enum DatabaseType {
        /// `sqlite`.
        Sqlite => "sqlite",
        /// `postgresql`.
        Postgresql => "postgresql",
        /// `mysql`: MySQL or MariaDB.
        Mysql => "mysql",
    }
}

impl Default for DatabaseType {
    /// [`DatabaseType::Sqlite`].
    fn default() -> Self {
        Self::Sqlite
    }
}

/// The response of `GET /api/status/`.
///
/// ```
/// use paperless_types::status::{ServiceStatus, SystemStatus};
///
/// let json = r#"{"pngx_version":"3.0.5","server_os":"Linux","install_type":"docker",
///   "storage":{"total":1000,"available":250},
///   "database":{"type":"postgresql","url":"paperless","status":"OK","error":null,
///     "migration_status":{"latest_migration":"documents.0001","unapplied_migrations":[]}},
///   "tasks":{"redis_url":"redis://broker:6379","redis_status":"OK","redis_error":null,
///     "celery_status":"OK","celery_url":"celery@worker","celery_error":null,
///     "index_status":"OK","index_last_modified":"2026-11-26T20:46:46.031855+01:00","index_error":null,
///     "classifier_status":"WARNING","classifier_last_trained":null,
///     "classifier_error":"Classifier file does not exist (yet).",
///     "sanity_check_status":"OK","sanity_check_last_run":"2026-11-26T19:44:47.891621Z",
///     "sanity_check_error":null}}"#;
/// let status: SystemStatus = serde_json::from_str(json)?;
/// assert_eq!(status.tasks.classifier_status, ServiceStatus::Warning);
/// assert_eq!(status.storage.available, 250);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SystemStatus {
    /// The Paperless-ngx version, such as `3.0.5`.
    pub pngx_version: String,
    /// The operating system, as Python's `platform.platform()` describes it.
    pub server_os: String,
    /// How the server was installed.
    pub install_type: InstallType,
    /// Space on the media volume.
    pub storage: StorageStatus,
    /// The database.
    pub database: DatabaseStatus,
    /// The task queue, search index, classifier, sanity checker and AI index.
    pub tasks: TasksStatus,
}

/// Space on the volume holding the documents, in bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StorageStatus {
    /// Size of the volume.
    pub total: u64,
    /// Free space available to the server.
    pub available: u64,
}

/// The database as `GET /api/status/` describes it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DatabaseStatus {
    /// The engine.
    #[serde(rename = "type")]
    pub db_type: DatabaseType,
    /// The database name or file path.
    pub url: String,
    /// Whether the server can reach the database.
    pub status: ServiceStatus,
    /// Why the database cannot be reached.
    #[serde(default)]
    pub error: Option<String>,
    /// Applied and pending schema migrations.
    pub migration_status: MigrationStatus,
}

/// The database schema migrations.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MigrationStatus {
    /// The newest applied migration, as `app.name`.
    pub latest_migration: String,
    /// Migrations not applied yet; non-empty means the server needs `migrate`.
    #[serde(default)]
    pub unapplied_migrations: Vec<String>,
}

/// Background processing components as `GET /api/status/` describes them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TasksStatus {
    /// The Redis broker URL (credentials removed).
    pub redis_url: String,
    /// Whether Redis answers.
    pub redis_status: ServiceStatus,
    /// Why Redis does not answer.
    #[serde(default)]
    pub redis_error: Option<String>,
    /// Whether a Celery worker answers.
    pub celery_status: ServiceStatus,
    /// The name of the answering Celery worker.
    #[serde(default)]
    pub celery_url: Option<String>,
    /// Why no Celery worker answers.
    #[serde(default)]
    pub celery_error: Option<String>,
    /// Whether the full-text search index works.
    pub index_status: ServiceStatus,
    /// When the search index was last modified.
    #[serde(default)]
    pub index_last_modified: Option<DateTime<FixedOffset>>,
    /// What is wrong with the search index.
    #[serde(default)]
    pub index_error: Option<String>,
    /// Whether the automatic-matching classifier is trained and recent.
    pub classifier_status: ServiceStatus,
    /// When the classifier was last trained.
    #[serde(default)]
    pub classifier_last_trained: Option<DateTime<FixedOffset>>,
    /// What is wrong with the classifier.
    #[serde(default)]
    pub classifier_error: Option<String>,
    /// Whether the last sanity check passed and is recent.
    #[serde(default)]
    pub sanity_check_status: ServiceStatus,
    /// When the sanity check last ran.
    #[serde(default)]
    pub sanity_check_last_run: Option<DateTime<FixedOffset>>,
    /// What the last sanity check found.
    #[serde(default)]
    pub sanity_check_error: Option<String>,
    /// Whether the AI (LLM) index works; [`ServiceStatus::Disabled`] when AI is off. Not sent by
    /// servers without AI features.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llmindex_status: Option<ServiceStatus>,
    /// When the AI index was last modified.
    #[serde(default)]
    pub llmindex_last_modified: Option<DateTime<FixedOffset>>,
    /// What is wrong with the AI index.
    #[serde(default)]
    pub llmindex_error: Option<String>,
    /// Task counts over the last days; not sent by servers before 3.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<StatusTaskSummary>,
}

/// Task counts over a recent period, as `GET /api/status/` reports them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StatusTaskSummary {
    /// The period, in days.
    pub days: u32,
    /// Tasks in the period.
    pub total_count: u64,
    /// Tasks not finished yet.
    pub pending_count: u64,
    /// Tasks that succeeded.
    pub success_count: u64,
    /// Tasks that failed.
    pub failure_count: u64,
}

/// The response of `GET /api/remote_version/`: the newest Paperless-ngx release.
///
/// When the server cannot reach GitHub it answers version `0.0.0` and no update.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RemoteVersion {
    /// The newest release, such as `3.0.6`.
    pub version: String,
    /// Whether that release is newer than the running server.
    pub update_available: bool,
}
