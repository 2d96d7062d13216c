//! Shared test pieces: the recorded captures, a real hyper-util client over 127.0.0.1, JSON shape
//! comparison.

use std::path::PathBuf;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use paperless_testkit::TestServer;
use paperless_types::error::ApiErrorBody;
use serde_json::{Map, Value};

/// One recorded request and response of a real Paperless-ngx 3.0.5 server.
#[derive(Debug, Clone)]
pub struct Capture {
    pub name: String,
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub request_headers: Map<String, Value>,
    pub request_body: Value,
    pub status: u16,
    pub headers: Map<String, Value>,
    pub body: Value,
    /// The body read as an error body, its keys in the server's order (the file keeps it;
    /// `body`, a [`Value`], has them sorted).
    pub error_body: ApiErrorBody,
}

/// The top-level `body` of a capture file, read in order.
fn error_body_in_order(text: &str) -> ApiErrorBody {
    const KEY: &str = "\n  \"body\": ";
    let start = text.find(KEY).map_or(text.len(), |at| at + KEY.len());
    let mut de = serde_json::Deserializer::from_str(&text[start..]);
    serde::Deserialize::deserialize(&mut de).unwrap_or_default()
}

/// Reads `crates/paperless-types/tests/fixtures/<name>.json` (the captures live in the repository).
pub fn capture(name: &str) -> Capture {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../paperless-types/tests/fixtures")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read capture {}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).unwrap();
    let query = match &v["query"] {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), v)
            })
            .collect(),
        _ => Vec::new(),
    };
    Capture {
        name: name.to_owned(),
        method: v["method"].as_str().unwrap().to_owned(),
        path: v["path"].as_str().unwrap().to_owned(),
        query,
        request_headers: v["request_headers"]
            .as_object()
            .cloned()
            .unwrap_or_default(),
        request_body: v["request_body"].clone(),
        status: u16::try_from(v["status"].as_u64().unwrap()).unwrap(),
        headers: v["headers"].as_object().cloned().unwrap_or_default(),
        body: v["body"].clone(),
        error_body: error_body_in_order(&text),
    }
}

/// A response as the tests look at it.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Bytes,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| {
            panic!(
                "status {} body is not JSON ({e}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// A plain hyper-util client (no paperless-rs code) for raw requests.
#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    base: String,
}

impl Http {
    pub fn new(base: &str) -> Self {
        Self {
            client: Client::builder(TokioExecutor::new()).build_http(),
            base: base.to_owned(),
        }
    }

    /// Sends a request; `path` may carry a query.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, String)],
        body: Option<(&str, Bytes)>,
    ) -> Answer {
        let mut builder = http::Request::builder()
            .method(method)
            .uri(format!("{}{}", self.base, path));
        for (name, value) in headers {
            builder = builder.header(*name, value);
        }
        let body = match body {
            Some((content_type, bytes)) => {
                builder = builder.header("content-type", content_type);
                bytes
            }
            None => Bytes::new(),
        };
        let response = self
            .client
            .request(builder.body(Full::new(body)).unwrap())
            .await
            .unwrap();
        let (parts, body) = response.into_parts();
        let body = body.collect().await.unwrap().to_bytes();
        Answer {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
        }
    }

    /// `GET` with a token.
    pub async fn get(&self, token: &str, path: &str) -> Answer {
        self.send(
            "GET",
            path,
            &[("authorization", format!("Token {token}"))],
            None,
        )
        .await
    }

    /// A JSON request with a token.
    pub async fn json(&self, token: &str, method: &str, path: &str, body: &Value) -> Answer {
        self.send(
            method,
            path,
            &[("authorization", format!("Token {token}"))],
            Some(("application/json", Bytes::from(body.to_string()))),
        )
        .await
    }
}

/// A multipart/form-data body: text fields, then an optional file part named `document`.
pub fn multipart(fields: &[(&str, &str)], file: Option<(&str, &str, &[u8])>) -> (String, Bytes) {
    let boundary = "testkit-boundary-7d9f2c";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some((file_name, content_type, data)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (
        format!("multipart/form-data; boundary={boundary}"),
        Bytes::from(body),
    )
}

/// The JSON type of a value, numbers being one type.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Differences in shape: objects must have the same keys; arrays' elements must each match the
/// shape of some expected element; scalars the same JSON type. `null` on either side stands for
/// "no value here" and matches anything (which value is null depends on the data, not the
/// shape).
pub fn shape_diff(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Null, _) | (_, Value::Null) => {}
        (Value::Object(e), Value::Object(a)) => {
            for key in e.keys() {
                if !a.contains_key(key) {
                    out.push(format!("{path}.{key}: missing"));
                }
            }
            for key in a.keys() {
                if !e.contains_key(key) {
                    out.push(format!("{path}.{key}: not sent by the real server"));
                }
            }
            for (key, ev) in e {
                if let Some(av) = a.get(key) {
                    shape_diff(ev, av, &format!("{path}.{key}"), out);
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.is_empty() {
                return;
            }
            for (i, av) in a.iter().enumerate() {
                let mut best: Option<Vec<String>> = None;
                for ev in e {
                    let mut diff = Vec::new();
                    shape_diff(ev, av, &format!("{path}[{i}]"), &mut diff);
                    if best.as_ref().is_none_or(|b| diff.len() < b.len()) {
                        best = Some(diff);
                    }
                }
                out.extend(best.unwrap_or_default());
            }
        }
        (e, a) if kind(e) == kind(a) => {}
        (e, a) => out.push(format!(
            "{path}: {} in the capture, {} here",
            kind(e),
            kind(a)
        )),
    }
}

/// Removes these keys everywhere in a JSON value.
pub fn without(value: &Value, keys: &[&str]) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !keys.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), without(v, keys)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| without(v, keys)).collect()),
        other => other.clone(),
    }
}

/// The demo server most tests run against.
pub async fn demo() -> TestServer {
    TestServer::demo().await.unwrap()
}

/// A `/ws/status/` capture from the types crate's fixtures (`tests/fixtures/ws/`).
pub fn capture_ws(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../paperless-types/tests/fixtures/ws")
        .join(format!("{name}.json"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}
