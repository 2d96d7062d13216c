//! Replaying real exchanges with Paperless-ngx 3.0.5: the captures in
//! `crates/paperless-types/tests/fixtures/` (in this repository) hold the exact request the
//! server got and the exact answer it gave. [`Replay`] serves them from mockito: a mock matches
//! only the captured method, path and query, JSON body (compared as JSON) and content type, and
//! answers with the captured status, content type and body. The generic checks below drive an
//! endpoint call through it and compare the result with the captured answer.

use std::fmt::Debug;
use std::path::PathBuf;

use mockito::{Matcher, Mock, ServerGuard};
use paperless_client::types::Page;
use paperless_client::{
    Creatable, Deletable, Endpoint, Error, List, ListPage, Paperless, Resource, Updatable,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::support::client;

/// One recorded exchange.
pub struct Capture {
    name: String,
    raw: Value,
    /// The file's text, which keeps the body's keys in the server's order.
    text: String,
}

impl Capture {
    /// Loads `crates/paperless-types/tests/fixtures/{name}.json`.
    pub fn load(name: &str) -> Self {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../paperless-types/tests/fixtures")
            .join(format!("{name}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        let raw = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("parsing {}: {e}", path.display()));
        Self {
            name: name.to_owned(),
            raw,
            text,
        }
    }

    fn str(&self, key: &str) -> &str {
        self.raw[key]
            .as_str()
            .unwrap_or_else(|| panic!("{}: no string {key}", self.name))
    }

    /// The request method.
    pub fn method(&self) -> &str {
        self.str("method")
    }

    /// The path and query exactly as sent (`/api/tags/?id__in=3%2C9`).
    pub fn path_and_query(&self) -> String {
        let url = self.str("full_url");
        let rest = url
            .strip_prefix("http://127.0.0.1:8000")
            .unwrap_or_else(|| panic!("{}: unexpected origin in {url}", self.name));
        rest.to_owned()
    }

    /// The JSON request body, if the request had one.
    pub fn request_body(&self) -> Option<&Value> {
        Some(&self.raw["request_body"]).filter(|v| !v.is_null())
    }

    /// The `Accept` header the request carried.
    pub fn accept(&self) -> &str {
        self.raw["request_headers"]["Accept"]
            .as_str()
            .unwrap_or_else(|| panic!("{}: no Accept header", self.name))
    }

    /// The response status.
    pub fn status(&self) -> u16 {
        let status = self.raw["status"]
            .as_u64()
            .unwrap_or_else(|| panic!("{}: no status", self.name));
        u16::try_from(status).unwrap()
    }

    /// The response's `Content-Type`, if it had one.
    pub fn content_type(&self) -> Option<&str> {
        self.raw["headers"]["content-type"].as_str()
    }

    /// The response body as the server sent it: JSON for JSON answers (keys in the server's
    /// order, as the file keeps them), the text itself for text and HTML answers, nothing for
    /// an empty answer.
    pub fn body_text(&self) -> String {
        let body = &self.raw["body"];
        match (self.content_type(), body) {
            (Some(ct), Value::String(text)) if !ct.contains("json") => text.clone(),
            (None, Value::Null) => String::new(),
            _ => self.body_as_sent(),
        }
    }

    /// The JSON text of the top-level `body` in the file, in its order (through a [`Value`]
    /// the keys would come sorted).
    fn body_as_sent(&self) -> String {
        const KEY: &str = "\n  \"body\": ";
        let start = self
            .text
            .find(KEY)
            .map(|at| at + KEY.len())
            .unwrap_or_else(|| panic!("{}: no top-level body", self.name));
        let rest = &self.text[start..];
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match values.next() {
            Some(Ok(_)) => rest[..values.byte_offset()].to_owned(),
            other => panic!("{}: body does not parse: {other:?}", self.name),
        }
    }

    /// The response body decoded as `T`, independently of the client.
    pub fn body<T: DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.raw["body"].clone())
            .unwrap_or_else(|e| panic!("{}: decoding the body: {e}", self.name))
    }
}

/// The response body of a capture, as the server sent it.
pub fn fixture_body(name: &str) -> String {
    Capture::load(name).body_text()
}

/// A mockito server that answers captured exchanges, each exactly once.
pub struct Replay {
    pub server: ServerGuard,
    mocks: Vec<Mock>,
}

impl Replay {
    /// Serves these captures; returns the server and a client for it.
    pub async fn start(names: &[&str]) -> (Self, Paperless) {
        let mut replay = Self {
            server: mockito::Server::new_async().await,
            mocks: Vec::new(),
        };
        for name in names {
            replay.add(&Capture::load(name)).await;
        }
        let client = client(&replay.server.url());
        (replay, client)
    }

    /// Serves one more capture.
    pub async fn add(&mut self, capture: &Capture) {
        let path_and_query = capture.path_and_query();
        let mut mock = self.server.mock(capture.method(), path_and_query.as_str());
        mock = match capture.request_body() {
            Some(body) => mock
                .match_header("content-type", "application/json")
                .match_body(Matcher::JsonString(body.to_string())),
            None => mock
                .match_header("content-type", Matcher::Missing)
                .match_body(""),
        };
        mock = mock.with_status(usize::from(capture.status()));
        if let Some(ct) = capture.content_type() {
            mock = mock.with_header("content-type", ct);
        }
        let mock = mock
            .with_body(capture.body_text())
            .expect(1)
            .create_async()
            .await;
        self.mocks.push(mock);
    }

    /// Every capture was requested exactly once, exactly as recorded.
    pub async fn assert(&self) {
        for mock in &self.mocks {
            mock.assert_async().await;
        }
    }
}

/// `create` sends exactly the captured request and returns the captured answer.
pub async fn created<R>(capture: &str, new: &R::Create) -> R::Item
where
    R: Creatable,
    R::Item: PartialEq + Debug,
{
    let (replay, client) = Replay::start(&[capture]).await;
    let got = client.endpoint::<R>().create(new).await.unwrap();
    replay.assert().await;
    assert_eq!(got, Capture::load(capture).body::<R::Item>());
    got
}

/// `update` (PATCH) sends exactly the captured request and returns the captured answer.
pub async fn updated<R>(capture: &str, id: u64, patch: &R::Patch) -> R::Item
where
    R: Updatable,
    R::Id: From<u64>,
    R::Item: PartialEq + Debug,
{
    let (replay, client) = Replay::start(&[capture]).await;
    let got = client.endpoint::<R>().update(id, patch).await.unwrap();
    replay.assert().await;
    assert_eq!(got, Capture::load(capture).body::<R::Item>());
    got
}

/// `replace` (PUT) sends exactly the captured request and returns the captured answer.
pub async fn replaced<R>(capture: &str, id: u64, full: &R::Replace) -> R::Item
where
    R: Updatable,
    R::Id: From<u64>,
    R::Item: PartialEq + Debug,
{
    let (replay, client) = Replay::start(&[capture]).await;
    let got = client.endpoint::<R>().replace(id, full).await.unwrap();
    replay.assert().await;
    assert_eq!(got, Capture::load(capture).body::<R::Item>());
    got
}

/// `delete` sends exactly the captured request and accepts the captured 204.
pub async fn deleted<R>(capture: &str, id: u64)
where
    R: Deletable,
    R::Id: From<u64>,
{
    let (replay, client) = Replay::start(&[capture]).await;
    assert_eq!(Capture::load(capture).status(), 204);
    client.endpoint::<R>().delete(id).await.unwrap();
    replay.assert().await;
}

/// `get` sends exactly the captured request and returns the captured answer.
pub async fn got<R>(capture: &str, id: u64) -> R::Item
where
    R: Resource,
    R::Id: From<u64>,
    R::Item: PartialEq + Debug,
{
    let (replay, client) = Replay::start(&[capture]).await;
    let got = client.endpoint::<R>().get(id).await.unwrap();
    replay.assert().await;
    assert_eq!(got, Capture::load(capture).body::<R::Item>());
    got
}

/// A list request built by `build` sends exactly the captured request and returns the
/// captured page.
pub async fn listed<R>(capture: &str, build: impl FnOnce(List<R>) -> List<R>) -> ListPage<R::Item>
where
    R: Resource,
    R::Item: PartialEq + Debug + Clone,
{
    let (replay, client) = Replay::start(&[capture]).await;
    let page = build(client.endpoint::<R>().list()).send().await.unwrap();
    replay.assert().await;
    assert_eq!(
        page.clone().into_page(),
        Capture::load(capture).body::<Page<R::Item>>()
    );
    page
}

/// A call that the server refused as captured: the request matched and the error carries the
/// captured status.
pub async fn refused<R, T, F, Fut>(capture: &str, call: F) -> Error
where
    R: Resource,
    T: Debug,
    F: FnOnce(Endpoint<R>) -> Fut,
    Fut: Future<Output = paperless_client::Result<T>>,
{
    let (replay, client) = Replay::start(&[capture]).await;
    let err = call(client.endpoint::<R>()).await.unwrap_err();
    replay.assert().await;
    assert_eq!(
        err.status().map(|s| s.as_u16()),
        Some(Capture::load(capture).status()),
        "{err}"
    );
    err
}
