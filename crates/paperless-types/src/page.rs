//! [`Page`]: the list envelope every paginated endpoint returns.

use serde::{Deserialize, Serialize};

/// One page of a paginated list (`GET /api/<resource>/?page=N&page_size=M`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Page<T> {
    /// Total number of objects matching the query, over all pages.
    pub count: u64,
    /// Absolute URL of the next page, `None` on the last page. Behind a reverse proxy its scheme,
    /// host or port can be wrong: clients should keep only its path and query.
    #[serde(default)]
    pub next: Option<String>,
    /// Absolute URL of the previous page, `None` on the first page.
    #[serde(default)]
    pub previous: Option<String>,
    /// Every matching primary key, on API v9 only (removed in API v10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<Vec<u64>>,
    /// Documents only: the number of results shown when the list was collapsed (for example
    /// to root documents of version chains).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_count: Option<u64>,
    /// Full-text search only: the spelling-corrected query the server suggests, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrected_query: Option<String>,
    /// The objects on this page, in server order.
    pub results: Vec<T>,
}

impl<T> Page<T> {
    /// A page with these results and no links (useful for servers and tests).
    #[must_use]
    pub fn new(count: u64, results: Vec<T>) -> Self {
        Self {
            count,
            next: None,
            previous: None,
            all: None,
            display_count: None,
            corrected_query: None,
            results,
        }
    }
}
