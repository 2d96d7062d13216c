//! Real recorded server answers, read from `paperless-types`' fixtures (inside this repository):
//! each file is `{name, method, path, query, request_headers, request_body, status, headers, body}`.

use std::path::PathBuf;

/// The whole capture `name` (`"token.obtain_json"`).
pub fn fixture(name: &str) -> serde_json::Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../paperless-types/tests/fixtures")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// The body of capture `name` as the server sent it: JSON text for JSON answers, the text itself
/// for plain-text ones.
pub fn fixture_body(name: &str) -> String {
    let capture = fixture(name);
    let json = header(&capture, "content-type").is_some_and(|ct| ct.contains("json"));
    match &capture["body"] {
        serde_json::Value::String(text) if !json => text.clone(),
        body => body.to_string(),
    }
}

/// A response header of a capture.
pub fn header<'a>(capture: &'a serde_json::Value, name: &str) -> Option<&'a str> {
    capture["headers"][name].as_str()
}

/// The status of a capture.
pub fn status(capture: &serde_json::Value) -> usize {
    usize::try_from(capture["status"].as_u64().unwrap()).unwrap()
}

/// Answers `mock` the way capture `name` was answered: its status, `Content-Type`, `X-Api-Version`
/// and `X-Version` headers (those present), and its body. `Content-Encoding` and
/// `Content-Length` are left out: the recorded body is already decoded.
pub fn answer_like(mut mock: mockito::Mock, name: &str) -> mockito::Mock {
    let capture = fixture(name);
    mock = mock.with_status(status(&capture));
    for h in [
        "content-type",
        "x-api-version",
        "x-version",
        "www-authenticate",
    ] {
        if let Some(value) = header(&capture, h) {
            mock = mock.with_header(h, value);
        }
    }
    mock.with_body(fixture_body(name))
}
