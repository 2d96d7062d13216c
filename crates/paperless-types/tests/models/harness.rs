//! The fixture loader and the checks shared by every mapping module.

use std::path::PathBuf;

use serde_json::Value;

/// Whether an entry maps a fixture's response body or its request body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The response `body` decodes into the type.
    Response,
    /// The `request_body` decodes into the type and re-encodes to exactly the same JSON.
    Request,
}

/// One fixture mapped to one Rust type.
pub struct Entry {
    /// Fixture name without `.json`.
    pub fixture: &'static str,
    /// Response or request body.
    pub kind: Kind,
    /// Decode the text into the type and encode it back.
    pub decode: fn(&str) -> Result<Value, String>,
    /// Response keys (JSON paths like `$.results[].foo`) the model deliberately does not keep.
    pub ignored: &'static [&'static str],
}

/// Decode `text` as `T` (reporting the JSON path that failed) and encode it back.
pub fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(
    text: &str,
) -> Result<Value, String> {
    let de = &mut serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(de)
        .map_err(|e| format!("at {}: {}", e.path(), e.inner()))?;
    serde_json::to_value(&value).map_err(|e| format!("re-encoding failed: {e}"))
}

/// `response!("fixture.name" => Type)` maps a response body; append `, ignore ["$.path", ...]`
/// for keys the model deliberately drops.
#[macro_export]
macro_rules! response {
    ($name:literal => $ty:ty $(, ignore [$($ig:literal),* $(,)?])?) => {
        $crate::harness::Entry {
            fixture: $name,
            kind: $crate::harness::Kind::Response,
            decode: $crate::harness::round_trip::<$ty>,
            ignored: &[$($($ig),*)?],
        }
    };
}

/// `request!("fixture.name" => Type)` maps a request body, which must round-trip exactly.
#[macro_export]
macro_rules! request {
    ($name:literal => $ty:ty) => {
        $crate::harness::Entry {
            fixture: $name,
            kind: $crate::harness::Kind::Request,
            decode: $crate::harness::round_trip::<$ty>,
            ignored: &[],
        }
    };
}

/// A loaded capture.
pub struct Fixture {
    pub name: String,
    pub raw: Value,
    /// The file's text: [`Fixture::body_as_sent`] reads the body from it in its keys' order.
    text: String,
}

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

impl Fixture {
    pub fn exists(name: &str) -> bool {
        dir().join(format!("{name}.json")).is_file()
    }

    pub fn load(name: &str) -> Self {
        let path = dir().join(format!("{name}.json"));
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

    pub fn all() -> Vec<Self> {
        Self::all_in("")
    }

    /// The captures of the Paperless-ngx 2.20.15 server (`tests/fixtures/2.20/`), named
    /// `2.20/<name>`.
    pub fn all_2_20() -> Vec<Self> {
        Self::all_in("2.20/")
    }

    fn all_in(prefix: &str) -> Vec<Self> {
        let mut names: Vec<String> = std::fs::read_dir(dir().join(prefix))
            .expect("fixture folder")
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                e.file_name()
                    .to_str()
                    .and_then(|n| n.strip_suffix(".json"))
                    .map(|n| format!("{prefix}{n}"))
            })
            .collect();
        names.sort();
        names.iter().map(|n| Self::load(n)).collect()
    }

    pub fn status(&self) -> u64 {
        self.raw["status"].as_u64().unwrap_or(0)
    }

    pub fn body(&self) -> &Value {
        &self.raw["body"]
    }

    pub fn body_text(&self) -> String {
        self.body().to_string()
    }

    /// The response body's JSON text with its keys in the file's order, which is the server's
    /// (the captures keep it; [`Fixture::body_text`] goes through a sorted [`Value`]).
    pub fn body_as_sent(&self) -> String {
        let start = self
            .text
            .find("\n  \"body\": ")
            .map(|at| at + "\n  \"body\": ".len())
            .unwrap_or_else(|| panic!("{}: no top-level body", self.name));
        let rest = &self.text[start..];
        let mut values = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match values.next() {
            Some(Ok(_)) => rest[..values.byte_offset()].to_owned(),
            other => panic!("{}: body does not parse: {other:?}", self.name),
        }
    }

    pub fn request_body_text(&self) -> String {
        self.raw["request_body"].to_string()
    }

    fn content_type(&self) -> &str {
        self.raw["headers"]["content-type"].as_str().unwrap_or("")
    }

    /// A 2xx response whose body is JSON (not empty, not a binary placeholder, not text).
    pub fn is_2xx_json(&self) -> bool {
        (200..300).contains(&self.status())
            && self.content_type().starts_with("application/json")
            && !self.body().is_null()
            && self.body().get("_binary").is_none()
    }

    /// A 2xx exchange whose request carried a JSON body (object or array).
    pub fn has_json_request_body(&self) -> bool {
        if !(200..300).contains(&self.status()) {
            return false;
        }
        let ct = self.raw["request_headers"]["Content-Type"]
            .as_str()
            .or_else(|| self.raw["request_headers"]["content-type"].as_str())
            .unwrap_or("application/json");
        ct.starts_with("application/json")
            && (self.raw["request_body"].is_object() || self.raw["request_body"].is_array())
    }
}

/// Checks a response entry: decodes, then compares the re-encoded value with the original.
pub fn check_response(entry: &Entry, fx: &Fixture) -> Result<(), String> {
    let out = (entry.decode)(&fx.body_text())?;
    let mut problems = Vec::new();
    compare(fx.body(), &out, "$", entry.ignored, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

/// Checks a request entry: the payload type reproduces the exact JSON the client sent.
pub fn check_request(entry: &Entry, fx: &Fixture) -> Result<(), String> {
    let sent = &fx.raw["request_body"];
    let out = (entry.decode)(&sent.to_string())?;
    if same(sent, &out) {
        Ok(())
    } else {
        Err(format!(
            "payload re-encodes as {out} but the capture sent {sent}"
        ))
    }
}

/// Structural equality that treats equal instants in different RFC 3339 spellings (`Z` vs
/// `+00:00`, trailing zeros) and equal numbers (`1` vs `1.0`) as the same.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x == y || same_instant(x, y),
        _ => a == b,
    }
}

fn same_instant(a: &str, b: &str) -> bool {
    match (
        chrono::DateTime::parse_from_rfc3339(a),
        chrono::DateTime::parse_from_rfc3339(b),
    ) {
        (Ok(x), Ok(y)) => x == y && x.offset() == y.offset(),
        _ => false,
    }
}

/// Reports keys of `orig` missing from `out` (lost data) and values that changed. Keys only in
/// `out` are fine when they are `null` or empty (a model's defaults); otherwise they are invented.
fn compare(orig: &Value, out: &Value, path: &str, ignored: &[&str], problems: &mut Vec<String>) {
    if ignored.contains(&path) {
        return;
    }
    match (orig, out) {
        (Value::Object(o), Value::Object(n)) => {
            for (k, v) in o {
                let p = format!("{path}.{k}");
                if ignored.contains(&p.as_str()) {
                    continue;
                }
                match n.get(k) {
                    Some(w) => compare(v, w, &p, ignored, problems),
                    None => problems.push(format!("{p} was lost (sent {})", short(v))),
                }
            }
            for (k, w) in n {
                let p = format!("{path}.{k}");
                if !o.contains_key(k) && !is_empty(w) && !ignored.contains(&p.as_str()) {
                    problems.push(format!("{path}.{k} was invented ({})", short(w)));
                }
            }
        }
        (Value::Array(o), Value::Array(n)) => {
            if o.len() != n.len() {
                problems.push(format!("{path}: {} items became {}", o.len(), n.len()));
                return;
            }
            let p = format!("{path}[]");
            for (v, w) in o.iter().zip(n) {
                compare(v, w, &p, ignored, problems);
            }
        }
        _ => {
            if !same(orig, out) {
                problems.push(format!(
                    "{path} changed from {} to {}",
                    short(orig),
                    short(out)
                ));
            }
        }
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 80 {
        format!(
            "{}...",
            &s[..s.char_indices().nth(77).map_or(s.len(), |(i, _)| i)]
        )
    } else {
        s
    }
}

/// Truncations at many points plus a few corruptions of `text`.
pub fn mutations(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let step = (cuts.len() / 40).max(1);
    for &i in cuts.iter().step_by(step) {
        out.push(text[..i].to_owned());
    }
    out.push(text.replace(':', ": []").chars().take(4000).collect());
    out.push(text.replace('"', "'").chars().take(4000).collect());
    out.push(text.replace("null", "{}").chars().take(4000).collect());
    out.push(text.replace("true", "\"yes\"").chars().take(4000).collect());
    out.push(text.replace('1', "-1e999").chars().take(4000).collect());
    out.push(format!("[{text}]").chars().take(4000).collect());
    out
}
