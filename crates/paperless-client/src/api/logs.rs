//! Server logs: `/api/logs/`, [`Paperless::logs`] (administrators only).
//!
//! | Call | Request |
//! |---|---|
//! | `client.logs().names().await?` | `GET /api/logs/` |
//! | `client.logs().get(LogName::Mail).await?` | `GET /api/logs/mail/` |
//! | `client.logs().get(LogName::Paperless).limit(100).await?` | `GET /api/logs/paperless/?limit=100` |
//!
//! Lines come oldest first, without line breaks; split one into its parts with
//! [`LogLine::parse`](paperless_types::logs::LogLine::parse).

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::Method;
use paperless_types::logs::LogName;

use crate::client::Paperless;
use crate::error::{InvalidInput, Result};
use crate::operation::Operation;
use crate::query::Query;
use crate::request::{ApiRequest, is_path_segment};

const PATH: &str = "/api/logs/";

/// The server's log files, from [`Paperless::logs`].
#[derive(Clone)]
pub struct LogsEndpoint {
    client: Paperless,
}

impl Paperless {
    /// The server's log files (`/api/logs/`; administrators only).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::logs::{LogLine, LogName};
    ///
    /// for line in client.logs().get(LogName::Paperless).limit(50).await? {
    ///     if let Some(parsed) = LogLine::parse(&line) {
    ///         println!("{} {}", parsed.level, parsed.message);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn logs(&self) -> LogsEndpoint {
        LogsEndpoint {
            client: self.clone(),
        }
    }
}

impl LogsEndpoint {
    /// The logs that exist on the server (`GET /api/logs/`): some of `paperless`, `mail`,
    /// `celery`.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 403 for users who are not administrators; transport
    /// and decode errors.
    pub async fn names(&self) -> Result<Vec<LogName>> {
        let request = ApiRequest::new(Operation::new("logs", "list"), Method::GET, PATH);
        self.client.json(request).await
    }

    /// The lines of one log (`GET /api/logs/{name}/`): await it for every line, or set
    /// [`LogRequest::limit`] first for the last lines only.
    pub fn get(&self, name: LogName) -> LogRequest {
        LogRequest {
            client: self.client.clone(),
            name,
            limit: None,
        }
    }
}

impl fmt::Debug for LogsEndpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LogsEndpoint")
            .field("path", &PATH)
            .finish_non_exhaustive()
    }
}

/// A request for the lines of one log, from [`LogsEndpoint::get`]. Await it, or call
/// [`LogRequest::send`].
#[must_use = "a request does nothing until it is awaited"]
pub struct LogRequest {
    client: Paperless,
    name: LogName,
    limit: Option<u64>,
}

impl LogRequest {
    /// Only the last `lines` lines (`limit=N`, at least 1).
    pub fn limit(mut self, lines: u64) -> Self {
        self.limit = Some(lines);
        self
    }

    /// Sends the request: the lines, oldest first.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for a limit of 0 or a log name that is not a
    /// plain path segment (nothing is sent); [`Error::Api`](crate::Error::Api): 404
    /// ([`is_not_found`](crate::Error::is_not_found)) when the log does not exist (yet), 403 for
    /// users who are not administrators; transport and decode errors.
    pub async fn send(self) -> Result<Vec<String>> {
        let name = self.name.as_str();
        if !is_path_segment(name) {
            return Err(InvalidInput::new(format!(
                "logs.get: {name:?} is not a log name (such as \"paperless\", \"mail\" or \"celery\")"
            ))
            .into());
        }
        let mut query = Query::default();
        if let Some(limit) = self.limit {
            if limit == 0 {
                return Err(
                    InvalidInput::new("logs.get: the limit must be at least 1 line").into(),
                );
            }
            query.set("limit", limit.to_string());
        }
        let request = ApiRequest::new(
            Operation::new("logs", "get"),
            Method::GET,
            format!("{PATH}{name}/"),
        )
        .query(&query);
        self.client.json(request).await
    }
}

impl IntoFuture for LogRequest {
    type Output = Result<Vec<String>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<Vec<String>>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl fmt::Debug for LogRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LogRequest")
            .field("name", &self.name)
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}
