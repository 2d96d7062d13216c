//! What every example needs: a client, and the server it talks to.
//!
//! With `PAPERLESS_URL` and `PAPERLESS_TOKEN` set (optionally `PAPERLESS_API_VERSION=9` and
//! `PAPERLESS_TIMEOUT`), the client is [`Paperless::from_env`]'s: your installation (web UI: My
//! Profile → API Auth Token). With `PAPERLESS_URL` unset, [`connect`] starts
//! `paperless-testkit`, an in-memory Paperless-ngx with demo data, on a free port of 127.0.0.1
//! and the client talks to that: every example runs on a fresh machine with nothing configured.
//! `PAPERLESS_TESTKIT_RELEASE=2.20.15` makes that test server answer as that release (a 2.x
//! release: API versions 1 to 9 and 2.x's behaviour).

#![allow(dead_code)] // Each example uses what it needs.

use paperless_client::{Paperless, PaperlessBuilder};
use paperless_testkit::TestServer;

/// The server the client talks to. For the test server, it keeps it running: drop it last.
#[derive(Debug)]
pub struct Server {
    test_server: Option<TestServer>,
    url: String,
}

impl Server {
    /// The in-memory test server, when `PAPERLESS_URL` is unset.
    pub fn test_server(&self) -> Option<&TestServer> {
        self.test_server.as_ref()
    }

    /// `true` for the throwaway test server, where examples may change anything.
    pub fn is_test_server(&self) -> bool {
        self.test_server.is_some()
    }

    /// The base URL.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The API token: the test server's admin token, or `PAPERLESS_TOKEN`.
    pub fn token(&self) -> String {
        match &self.test_server {
            Some(server) => server.token().to_owned(),
            None => std::env::var("PAPERLESS_TOKEN").unwrap_or_default(),
        }
    }

    /// One line saying which server this is.
    pub fn describe(&self) -> String {
        match &self.test_server {
            Some(server) => format!(
                "paperless-testkit (in-memory Paperless-ngx with demo data) at {}",
                server.url()
            ),
            None => format!("{} (PAPERLESS_URL)", self.url),
        }
    }

    /// Whether the example may write: always on the test server, with `--write` on a real one.
    pub fn writes_allowed(&self) -> bool {
        self.is_test_server() || std::env::args().any(|a| a == "--write")
    }
}

/// A client for `PAPERLESS_URL`, or for a test server with demo data when it is unset.
///
/// The test server is configured through the same variables as a real one
/// ([`PaperlessBuilder::from_vars`]), so `PAPERLESS_API_VERSION=9` works with it too.
pub async fn connect() -> Result<(Paperless, Server), Box<dyn std::error::Error>> {
    let configured = std::env::var("PAPERLESS_URL").is_ok_and(|url| !url.trim().is_empty());
    if configured {
        let client = Paperless::from_env()?;
        let url = client.base_url().as_str().to_owned();
        return Ok((
            client,
            Server {
                test_server: None,
                url,
            },
        ));
    }
    let server = match std::env::var("PAPERLESS_TESTKIT_RELEASE") {
        Ok(release) if release.starts_with("2.") => {
            TestServer::builder()
                .api_versions(1..=9)
                .release(release)
                .demo()
                .start()
                .await?
        }
        Ok(release) if !release.trim().is_empty() => {
            TestServer::builder()
                .release(release)
                .demo()
                .start()
                .await?
        }
        _ => TestServer::demo().await?,
    };
    let (url, token) = (server.url().to_owned(), server.token().to_owned());
    let client = PaperlessBuilder::from_vars(|name| match name {
        "PAPERLESS_URL" => Some(url.clone()),
        "PAPERLESS_TOKEN" => Some(token.clone()),
        other => std::env::var(other).ok(),
    })?
    .build()?;
    Ok((
        client,
        Server {
            test_server: Some(server),
            url,
        },
    ))
}

/// The document id given as the first argument that is not an option (default 23, as in the
/// PyPaperless README; the demo data has it).
pub fn document_id_arg() -> u64 {
    std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .and_then(|a| a.parse().ok())
        .unwrap_or(23)
}
