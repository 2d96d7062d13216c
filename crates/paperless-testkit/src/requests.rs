//! The request log: what the server received and what it answered, for assertions in tests
//! ([`TestServer::requests`](crate::TestServer::requests)) and for showing a program's HTTP
//! traffic.

use std::collections::VecDeque;
use std::fmt;

use bytes::Bytes;
use http::Method;

/// How many requests the log keeps (the oldest are dropped first).
pub(crate) const LOG_CAPACITY: usize = 10_000;

/// One request the server received, with the status it answered.
///
/// `Display` writes the request line as a client sent it, `GET /api/documents/?page=2`.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use paperless_testkit::TestServer;
///
/// let server = TestServer::start().await?;
/// // ... let the code under test talk to server.url() ...
/// for request in server.requests() {
///     println!("{request} -> {}", request.status);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The request method.
    pub method: Method,
    /// The path as sent, without the query (`/api/documents/`).
    pub path: String,
    /// The query string as sent, without the `?` (empty when there was none).
    pub query: String,
    /// The request body as received (empty for most reads).
    pub body: Bytes,
    /// The request's `Accept` header, which asks for an API version
    /// (`application/json; version=10`), when it had one.
    pub accept: Option<String>,
    /// The status code the server answered with (an injected fault's status included).
    pub status: u16,
}

impl RecordedRequest {
    /// The path and the query as sent: `/api/documents/?page=2`.
    #[must_use]
    pub fn target(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    /// The query's pairs, decoded, in order.
    #[must_use]
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The body parsed as JSON (`None` when it is empty or not JSON).
    #[must_use]
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

impl fmt::Display for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.target())
    }
}

/// The last [`LOG_CAPACITY`] requests, oldest first.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: VecDeque<RecordedRequest>,
}

impl RequestLog {
    pub(crate) fn push(&mut self, request: RecordedRequest) {
        if self.entries.len() >= LOG_CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(request);
    }

    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }

    pub(crate) fn take(&mut self) -> Vec<RecordedRequest> {
        self.entries.drain(..).collect()
    }
}
