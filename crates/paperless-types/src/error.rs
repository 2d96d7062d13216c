//! [`ApiErrorBody`]: the body of a 4xx answer from Django REST framework, read into one shape.
//!
//! The server answers errors in several shapes:
//! - `{"detail": "Not found."}` for authentication, permission, 404 and 405 errors;
//! - `{"field": ["message", …], …}` for validation errors, nested for nested data
//!   (`{"custom_fields": [{"non_field_errors": ["…"]}]}`) and sometimes with a bare string
//!   (`{"error": "Task type … cannot be manually triggered"}`);
//! - `{"non_field_errors": ["…"]}` for errors about the whole body;
//! - a JSON list of messages, or plain text (`text/html`) such as `Insufficient permissions`.
//!
//! [`ApiErrorBody::parse`] reads any of them and [`ApiErrorBody::message`] renders one line.
//!
//! ```
//! use paperless_types::error::ApiErrorBody;
//!
//! let body = br#"{"archive_serial_number":["document with this archive serial number already exists."]}"#;
//! assert_eq!(
//!     ApiErrorBody::parse(body).message(),
//!     "archive_serial_number: document with this archive serial number already exists."
//! );
//! assert_eq!(ApiErrorBody::parse(b"Insufficient permissions").message(), "Insufficient permissions");
//! ```

use std::collections::BTreeMap;

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// Longest plain-text body kept by [`ApiErrorBody::parse`], in characters.
const MAX_TEXT_CHARS: usize = 500;

/// An error body from the server: a general `detail`, errors about the whole request
/// (`non_field_errors`) and errors per field.
///
/// Deserializing never fails on valid JSON of any shape: objects give the three parts, a list
/// becomes `non_field_errors`, a string becomes `detail`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ApiErrorBody {
    /// A general message (`detail`), as for 401, 403, 404 and 405 answers.
    pub detail: Option<String>,
    /// Messages about the request as a whole (`non_field_errors`).
    pub non_field_errors: Vec<String>,
    /// Messages per field of the request, by field name, possibly nested.
    pub field_errors: BTreeMap<String, ErrorDetail>,
}

/// The errors reported for one field: a message, a list (one entry per message, or per item of
/// a list field), or nested fields.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorDetail {
    /// One message.
    Message(String),
    /// Several messages, or the errors of each item of a list field (in item order).
    List(Vec<ErrorDetail>),
    /// Errors of the fields of a nested object (or of list items by index, as in
    /// `{"custom_field_query": {"0": [...]}}`).
    Fields(BTreeMap<String, ErrorDetail>),
    /// Any other JSON value, kept as sent.
    Other(Value),
}

impl ErrorDetail {
    fn from_value(value: Value) -> Self {
        match value {
            Value::String(s) => Self::Message(s),
            Value::Array(items) => Self::List(items.into_iter().map(Self::from_value).collect()),
            Value::Object(map) => Self::Fields(
                map.into_iter()
                    .map(|(k, v)| (k, Self::from_value(v)))
                    .collect(),
            ),
            other => Self::Other(other),
        }
    }

    /// Every message below this node, each with its path relative to `prefix`.
    fn collect(&self, prefix: &str, out: &mut Vec<(String, String)>) {
        match self {
            Self::Message(m) => out.push((prefix.to_owned(), m.clone())),
            Self::Other(v) => out.push((prefix.to_owned(), v.to_string())),
            Self::List(items) => {
                let nested = items.iter().any(|i| !matches!(i, Self::Message(_)));
                for (i, item) in items.iter().enumerate() {
                    if nested {
                        item.collect(&format!("{prefix}[{i}]"), out);
                    } else {
                        item.collect(prefix, out);
                    }
                }
            }
            Self::Fields(fields) => {
                for (name, detail) in fields {
                    // DRF nests `non_field_errors` inside items; they belong to the item itself.
                    if name == "non_field_errors" {
                        detail.collect(prefix, out);
                    } else if prefix.is_empty() {
                        detail.collect(name, out);
                    } else {
                        detail.collect(&format!("{prefix}.{name}"), out);
                    }
                }
            }
        }
    }
}

impl Serialize for ErrorDetail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Message(m) => serializer.serialize_str(m),
            Self::List(items) => items.serialize(serializer),
            Self::Fields(fields) => fields.serialize(serializer),
            Self::Other(v) => v.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for ErrorDetail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Self::from_value)
    }
}

impl ApiErrorBody {
    /// A body with only a `detail` message (for servers and tests).
    #[must_use]
    pub fn with_detail(detail: impl Into<String>) -> Self {
        Self {
            detail: Some(detail.into()),
            ..Self::default()
        }
    }

    /// Reads an error response body of any shape: JSON as described on [`ApiErrorBody`];
    /// anything else is kept as `detail` text (trimmed, at most 500 characters).
    #[must_use]
    pub fn parse(body: &[u8]) -> Self {
        if let Ok(value) = serde_json::from_slice::<Value>(body) {
            return Self::from_value(value);
        }
        let text = String::from_utf8_lossy(body);
        let text = text.trim();
        if text.is_empty() {
            return Self::default();
        }
        let detail = match text.char_indices().nth(MAX_TEXT_CHARS) {
            Some((cut, _)) => format!("{}…", text.get(..cut).unwrap_or_default()),
            None => text.to_owned(),
        };
        Self::with_detail(detail)
    }

    /// Builds the body from any JSON value (see [`ApiErrorBody`] for the shapes).
    #[must_use]
    pub fn from_value(value: Value) -> Self {
        let mut body = Self::default();
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    match (key.as_str(), value) {
                        ("detail", Value::String(s)) => body.detail = Some(s),
                        ("non_field_errors", Value::Array(items))
                            if items.iter().all(Value::is_string) =>
                        {
                            body.non_field_errors = items
                                .into_iter()
                                .filter_map(|v| v.as_str().map(str::to_owned))
                                .collect();
                        }
                        (_, value) => {
                            body.field_errors
                                .insert(key, ErrorDetail::from_value(value));
                        }
                    }
                }
            }
            Value::Array(items) => {
                body.non_field_errors = items
                    .into_iter()
                    .map(|v| match v {
                        Value::String(s) => s,
                        other => other.to_string(),
                    })
                    .collect();
            }
            Value::String(s) => body.detail = Some(s),
            Value::Null => {}
            other => body.detail = Some(other.to_string()),
        }
        body
    }

    /// Every message with the field it is about (`""` for general messages), in this order:
    /// `detail`, `non_field_errors`, then fields by name. Nested fields are written
    /// `custom_fields[0]` or `custom_field_query.0`.
    #[must_use]
    pub fn messages(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        if let Some(d) = &self.detail {
            out.push((String::new(), d.clone()));
        }
        for m in &self.non_field_errors {
            out.push((String::new(), m.clone()));
        }
        for (field, detail) in &self.field_errors {
            detail.collect(field, &mut out);
        }
        out
    }

    /// All messages on one line: `field: message; other: message`, general messages without a
    /// field name; `"no error details"` when the body held none.
    #[must_use]
    pub fn message(&self) -> String {
        let parts: Vec<String> = self
            .messages()
            .into_iter()
            .map(|(field, msg)| {
                if field.is_empty() {
                    msg
                } else {
                    format!("{field}: {msg}")
                }
            })
            .collect();
        if parts.is_empty() {
            "no error details".to_owned()
        } else {
            parts.join("; ")
        }
    }

    /// Whether the body holds no message at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.detail.is_none() && self.non_field_errors.is_empty() && self.field_errors.is_empty()
    }
}

impl Serialize for ApiErrorBody {
    /// Writes the DRF object shape: `detail`, `non_field_errors` (when not empty), then fields.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(d) = &self.detail {
            map.serialize_entry("detail", d)?;
        }
        if !self.non_field_errors.is_empty() {
            map.serialize_entry("non_field_errors", &self.non_field_errors)?;
        }
        for (k, v) in &self.field_errors {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ApiErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Self::from_value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn msg(v: Value) -> String {
        ApiErrorBody::from_value(v).message()
    }

    #[test]
    fn renders_every_shape_on_one_line() {
        assert_eq!(msg(json!({"detail": "Invalid token."})), "Invalid token.");
        assert_eq!(
            msg(json!({"non_field_errors": ["tag not specified"]})),
            "tag not specified"
        );
        assert_eq!(
            msg(json!({"custom_fields": [{"non_field_errors": ["Date has wrong format."]}]})),
            "custom_fields[0]: Date has wrong format."
        );
        assert_eq!(
            msg(json!({"custom_field_query": {"0": ["Invalid logical operator 'Amount'"]}})),
            "custom_field_query.0: Invalid logical operator 'Amount'"
        );
        assert_eq!(
            msg(json!({"error": "Task type 'consume_file' cannot be manually triggered"})),
            "error: Task type 'consume_file' cannot be manually triggered"
        );
        assert_eq!(
            msg(json!({"name": ["a", "b"], "data_type": ["\"color\" is not a valid choice."]})),
            "data_type: \"color\" is not a valid choice.; name: a; name: b"
        );
        assert_eq!(msg(json!(["Invalid more_like_id"])), "Invalid more_like_id");
        assert_eq!(
            msg(json!("Insufficient permissions")),
            "Insufficient permissions"
        );
        assert_eq!(msg(json!({})), "no error details");
        assert_eq!(msg(json!({"limit": 5})), "limit: 5");
    }

    #[test]
    fn parse_keeps_plain_text_short() {
        assert_eq!(
            ApiErrorBody::parse(b"  Insufficient permissions\n"),
            ApiErrorBody::with_detail("Insufficient permissions")
        );
        assert!(ApiErrorBody::parse(b"").is_empty());
        let long = "x".repeat(600);
        let parsed = ApiErrorBody::parse(long.as_bytes());
        assert_eq!(
            parsed.detail.as_deref().map(|d| d.chars().count()),
            Some(MAX_TEXT_CHARS + 1)
        );
        assert_eq!(
            ApiErrorBody::parse(b"\xff\xfe oops").detail.as_deref(),
            Some("\u{fffd}\u{fffd} oops")
        );
    }

    #[test]
    fn serializes_back_to_the_drf_shape() {
        let v = json!({
            "detail": "x",
            "non_field_errors": ["y"],
            "custom_fields": [{"non_field_errors": ["z"]}],
            "error": "w"
        });
        let body: ApiErrorBody = serde_json::from_value(v.clone()).unwrap_or_default();
        assert_eq!(serde_json::to_value(&body).ok(), Some(v));
    }
}
