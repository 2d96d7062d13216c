//! Global search and autocompletion: `GET /api/search/` ([`Paperless::global_search`]) and
//! `GET /api/search/autocomplete/` ([`Paperless::autocomplete`]).
//!
//! | Call | Request |
//! |---|---|
//! | `client.global_search("telekom").await?` | `GET /api/search/?query=telekom` |
//! | `client.global_search("insurance").db_only(true).await?` | `GET /api/search/?query=insurance&db_only=true` |
//! | `client.autocomplete("tel").limit(5).await?` | `GET /api/search/autocomplete/?term=tel&limit=5` |
//!
//! Full-text search over documents, with its own filters and ordering, is a documents list
//! query; the global search here looks through every kind of object at once and returns a few
//! hits of each.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use http::Method;
use paperless_types::search::GlobalSearchResults;

use crate::client::Paperless;
use crate::error::{InvalidInput, Result};
use crate::operation::Operation;
use crate::query::Query;
use crate::request::ApiRequest;

impl Paperless {
    /// Searches every kind of object at once (`GET /api/search/?query=...`): documents (through
    /// the full-text index), saved views, tags, correspondents, document types, storage paths,
    /// users, groups, mail rules and accounts, workflows and custom fields, a few hits each.
    /// The server wants at least 3 characters.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let hits = client.global_search("telekom").await?;
    /// println!("{} hits, {} documents", hits.total, hits.documents.len());
    /// let titles_only = client.global_search("insurance").db_only(true).await?;
    /// # Ok(()) }
    /// ```
    pub fn global_search(&self, query: impl Into<String>) -> GlobalSearch {
        GlobalSearch {
            client: self.clone(),
            query: query.into(),
            db_only: false,
        }
    }

    /// Completions of a word from the full-text index (`GET /api/search/autocomplete/`), best
    /// first; the server returns 10 unless [`Autocomplete::limit`] says otherwise.
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let words: Vec<String> = client.autocomplete("tel").limit(5).await?;
    /// # Ok(()) }
    /// ```
    pub fn autocomplete(&self, term: impl Into<String>) -> Autocomplete {
        Autocomplete {
            client: self.clone(),
            term: term.into(),
            limit: None,
        }
    }
}

/// A global search request, from [`Paperless::global_search`]. Await it, or call
/// [`GlobalSearch::send`].
#[must_use = "a request does nothing until it is awaited"]
pub struct GlobalSearch {
    client: Paperless,
    query: String,
    db_only: bool,
}

impl GlobalSearch {
    /// Matches documents by title in the database instead of through the full-text index
    /// (`db_only=true`). `false` (the default) sends no parameter: the server treats any value
    /// of `db_only`, even `false`, as true.
    pub fn db_only(mut self, db_only: bool) -> Self {
        self.db_only = db_only;
        self
    }

    /// Sends the request.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 400 with the detail `Query must be at least 3
    /// characters` for shorter queries; transport and decode errors.
    pub async fn send(self) -> Result<GlobalSearchResults> {
        let mut query = Query::default();
        query.set("query", self.query);
        if self.db_only {
            query.set("db_only", "true");
        }
        let request = ApiRequest::new(
            Operation::new("search", "global"),
            Method::GET,
            "/api/search/",
        )
        .query(&query);
        self.client.json(request).await
    }
}

impl IntoFuture for GlobalSearch {
    type Output = Result<GlobalSearchResults>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<GlobalSearchResults>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl fmt::Debug for GlobalSearch {
    // The query is left out: search terms can be private.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GlobalSearch")
            .field("db_only", &self.db_only)
            .finish_non_exhaustive()
    }
}

/// An autocompletion request, from [`Paperless::autocomplete`]. Await it, or call
/// [`Autocomplete::send`].
#[must_use = "a request does nothing until it is awaited"]
pub struct Autocomplete {
    client: Paperless,
    term: String,
    limit: Option<u64>,
}

impl Autocomplete {
    /// At most this many completions (`limit=N`, at least 1; server default 10).
    pub fn limit(mut self, limit: u64) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Sends the request: the completions, best first.
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) for a limit of 0 (nothing is sent);
    /// [`Error::Api`](crate::Error::Api) 403 without the permission to view documents; transport
    /// and decode errors.
    pub async fn send(self) -> Result<Vec<String>> {
        let mut query = Query::default();
        query.set("term", self.term);
        if let Some(limit) = self.limit {
            if limit == 0 {
                return Err(
                    InvalidInput::new("search.autocomplete: the limit must be at least 1").into(),
                );
            }
            query.set("limit", limit.to_string());
        }
        let request = ApiRequest::new(
            Operation::new("search", "autocomplete"),
            Method::GET,
            "/api/search/autocomplete/",
        )
        .query(&query);
        self.client.json(request).await
    }
}

impl IntoFuture for Autocomplete {
    type Output = Result<Vec<String>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<Vec<String>>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl fmt::Debug for Autocomplete {
    // The term is left out: search terms can be private.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Autocomplete")
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}
