//! Test pieces for the documents, tasks and trash tests: the real captured exchanges of
//! `paperless-types/tests/fixtures` (inside this repository), replayed by mockito with the
//! captured request as the expected request.

use std::path::PathBuf;

use mockito::{Matcher, Mock, ServerGuard};
use serde_json::Value;

/// One recorded exchange with a Paperless-ngx 3.0.5 server.
#[derive(Debug, Clone)]
pub struct Capture {
    pub method: String,
    /// The request's path and query exactly as sent (`/api/documents/?page_size=2`).
    pub path_and_query: String,
    pub request_body: Value,
    pub status: u16,
    pub headers: serde_json::Map<String, Value>,
    pub body: Value,
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../paperless-types/tests/fixtures")
}

/// The capture called `name` (`"documents.list.page2"`).
pub fn capture(name: &str) -> Capture {
    let path = fixtures_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()));
    let raw: Value = serde_json::from_str(&text).unwrap();
    let full_url = raw["full_url"].as_str().unwrap();
    let after_scheme = full_url.split_once("://").unwrap().1;
    let path_and_query = &after_scheme[after_scheme.find('/').unwrap()..];
    Capture {
        method: raw["method"].as_str().unwrap().to_owned(),
        path_and_query: path_and_query.to_owned(),
        request_body: raw["request_body"].clone(),
        status: u16::try_from(raw["status"].as_u64().unwrap()).unwrap(),
        headers: raw["headers"].as_object().cloned().unwrap_or_default(),
        body: raw["body"].clone(),
    }
}

/// The captured response body of `name`, as the server sent it.
pub fn fixture_body(name: &str) -> String {
    capture(name).body_string()
}

impl Capture {
    /// A response header of the capture.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(Value::as_str)
    }

    /// Whether the captured body stands for binary content (`{"_binary": true, ...}`).
    pub fn is_binary(&self) -> bool {
        self.body.get("_binary").and_then(Value::as_bool) == Some(true)
    }

    /// The body as sent: JSON re-serialized, text as is.
    pub fn body_string(&self) -> String {
        let json = self
            .header("content-type")
            .is_some_and(|ct| ct.contains("json"));
        match &self.body {
            Value::Null => String::new(),
            Value::String(s) if !json => s.clone(),
            other => other.to_string(),
        }
    }

    /// The body bytes: for binary captures, bytes of the recorded size starting with the
    /// recorded magic prefix.
    pub fn body_bytes(&self) -> Vec<u8> {
        if !self.is_binary() {
            return self.body_string().into_bytes();
        }
        let size = usize::try_from(self.body["size"].as_u64().unwrap()).unwrap();
        let prefix = hex(self.body["magic_prefix_hex"].as_str().unwrap());
        let mut bytes: Vec<u8> = (0..size).map(|i| (i % 251) as u8).collect();
        bytes[..prefix.len()].copy_from_slice(&prefix);
        bytes
    }

    /// The captured JSON request body, for mockito's JSON matcher.
    pub fn json_body(&self) -> Matcher {
        Matcher::Json(self.request_body.clone())
    }
}

/// For a captured multipart upload: each text field as a part with that value, and each file
/// part with its file name.
fn multipart_matchers(request: &Value) -> Vec<Matcher> {
    let part = |name: &str, value: &str| {
        Matcher::Regex(regex_escape(&format!("name=\"{name}\"\r\n\r\n{value}\r\n")))
    };
    let mut matchers = Vec::new();
    if let Some(fields) = request["fields"].as_object() {
        for (name, value) in fields {
            match value {
                Value::Array(values) => {
                    matchers.extend(values.iter().map(|v| part(name, v.as_str().unwrap())));
                }
                Value::String(v) => matchers.push(part(name, v)),
                _ => {}
            }
        }
    }
    if let Some(files) = request["files"].as_object() {
        for (name, filename) in files {
            if let Some(filename) = filename.as_str() {
                matchers.push(Matcher::Regex(regex_escape(&format!(
                    "name=\"{name}\"; filename=\"{filename}\""
                ))));
            }
        }
    }
    matchers
}

/// Escapes regex metacharacters.
fn regex_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// A mock answering the captured request (method, exact path and query, and JSON body when
/// there is one) with the captured status, content type, disposition and body, expected once.
pub async fn mock_capture(server: &mut ServerGuard, name: &str) -> (Mock, Capture) {
    let c = capture(name);
    let mut mock = server.mock(c.method.as_str(), c.path_and_query.as_str());
    if c.request_body.get("_multipart_or_form").is_some() {
        mock = mock
            .match_header(
                "content-type",
                Matcher::Regex("^multipart/form-data; boundary=".into()),
            )
            .match_body(Matcher::AllOf(multipart_matchers(&c.request_body)));
    } else if c.request_body.is_object() || c.request_body.is_array() {
        mock = mock
            .match_header("content-type", "application/json")
            .match_body(c.json_body());
    }
    for header in ["content-type", "content-disposition"] {
        if let Some(value) = c.header(header) {
            mock = mock.with_header(header, value);
        }
    }
    let mock = mock
        .with_status(usize::from(c.status))
        .with_body(c.body_bytes())
        .expect(1)
        .create_async()
        .await;
    (mock, c)
}

/// The ids of a captured list page's results.
pub fn result_ids(body: &Value) -> Vec<u64> {
    let items = body.get("results").unwrap_or(body);
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_u64().unwrap())
        .collect()
}

/// The response body of [`serve_body`]: anything, streamed.
pub type TestBody = http_body_util::combinators::BoxBody<bytes::Bytes, std::io::Error>;

/// A body from chunks that arrive as `chunks` yields them (an `Err` aborts the connection).
pub fn stream_body<S>(chunks: S) -> TestBody
where
    S: futures_util::Stream<Item = Result<bytes::Bytes, std::io::Error>> + Send + Sync + 'static,
{
    use futures_util::StreamExt;
    let frames = chunks.map(|c| c.map(hyper::body::Frame::data));
    http_body_util::BodyExt::boxed(http_body_util::StreamBody::new(frames))
}

/// A body of these bytes.
pub fn full_body(bytes: impl Into<bytes::Bytes>) -> TestBody {
    use http_body_util::BodyExt;
    http_body_util::Full::new(bytes.into())
        .map_err(|never| match never {})
        .boxed()
}

/// Serves `handler` over HTTP/1 on 127.0.0.1 with streamed response bodies; returns the base URL.
pub async fn serve_body<F, Fut>(handler: F) -> String
where
    F: Fn(http::Request<hyper::body::Incoming>) -> Fut + Clone + Send + Sync + 'static,
    Fut: std::future::Future<Output = http::Response<TestBody>> + Send + 'static,
{
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                return;
            };
            let handler = handler.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |req| {
                    let handler = handler.clone();
                    async move { Ok::<_, std::convert::Infallible>(handler(req).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    format!("http://{addr}")
}

/// A JSON response for [`serve_body`].
pub fn json(status: u16, body: impl Into<String>) -> http::Response<TestBody> {
    http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(full_body(body.into()))
        .unwrap()
}

/// A fresh path in the system's temporary directory (removed by the caller).
pub fn temp_path(name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    std::env::temp_dir().join(format!(
        "paperless-client-test-{}-{}-{name}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ))
}
