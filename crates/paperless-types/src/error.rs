//! [`ApiErrorBody`]: the body of an error answer from Paperless-ngx, in every shape it sends,
//! read (by clients) and written (by servers) with one type.
//!
//! The server answers errors in these shapes:
//! - `{"detail": "Not found."}`: authentication, permission, 404 and 405 errors (DRF);
//! - `{"error": "…"}` or `{"error": ["…"]}`: Paperless-ngx's own object-level validation errors
//!   (`raise ValidationError({"error": …})` in a serializer's `validate()`, and a few views) —
//!   a message about the request as a whole, read as a detail, not as a field named `error`;
//! - `{"field": ["message", …], …}`: validation errors per field (in the serializer's field order,
//!   which this type keeps), nested for nested data
//!   (`{"custom_fields": [{}, {"non_field_errors": ["…"]}]}`,
//!   `{"custom_field_query": {"0": ["…"]}}`);
//! - `{"non_field_errors": ["…"]}`: errors about the whole body;
//! - a JSON string or list of messages;
//! - plain text (`text/html` with `Insufficient permissions`, from Django's `HttpResponse*`).
//!
//! [`ApiErrorBody::parse`] reads any of them; [`ApiErrorBody::detail`] and
//! [`ApiErrorBody::field_errors`] give what a client shows, [`ApiErrorBody::message`] one line.
//! Plain text is cut by one rule, [`shorten`]. An HTML page is plain text to this type; a client
//! that wants its title reads it before (the client crate does).
//!
//! ```
//! use paperless_types::error::{ApiErrorBody, FieldError};
//!
//! let body = ApiErrorBody::parse(br#"{"archive_serial_number":["document with this archive serial number already exists."]}"#);
//! assert_eq!(body.detail(), None);
//! assert_eq!(
//!     body.field_errors(),
//!     [FieldError::new("archive_serial_number", "document with this archive serial number already exists.")]
//! );
//! let body = ApiErrorBody::parse(br#"{"error": "Object violates owner / name unique constraint"}"#);
//! assert_eq!(body.detail().as_deref(), Some("Object violates owner / name unique constraint"));
//! assert_eq!(ApiErrorBody::parse(b"Insufficient permissions").message(), "Insufficient permissions");
//!
//! // A server writes the same shapes:
//! let mut errors = ApiErrorBody::new();
//! errors.push_field_message("name", "This field is required.");
//! assert_eq!(serde_json::to_string(&errors)?, r#"{"name":["This field is required."]}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// The longest message [`shorten`] keeps, in characters (an ellipsis marks the cut).
pub const MAX_MESSAGE_CHARS: usize = 300;

/// The one truncation rule for server text shown in messages: surrounding whitespace removed,
/// inner runs of whitespace (line breaks included) collapsed to one space, and at most
/// [`MAX_MESSAGE_CHARS`] characters kept, with `…` appended when cut.
///
/// ```
/// use paperless_types::error::shorten;
///
/// assert_eq!(shorten("  AI is required\n for this   feature "), "AI is required for this feature");
/// assert_eq!(shorten(&"é".repeat(400)).chars().count(), 301);
/// ```
#[must_use]
pub fn shorten(text: &str) -> String {
    let mut out = String::new();
    let mut kept = 0usize;
    for word in text.split_whitespace() {
        let space = usize::from(!out.is_empty());
        if kept + space + word.chars().count() <= MAX_MESSAGE_CHARS {
            if space == 1 {
                out.push(' ');
            }
            out.push_str(word);
            kept += space + word.chars().count();
            continue;
        }
        // The cut: fill up to the limit (a word is cut only where it does not fit at all).
        if kept + space < MAX_MESSAGE_CHARS {
            if space == 1 {
                out.push(' ');
            }
            out.extend(word.chars().take(MAX_MESSAGE_CHARS - kept - space));
        }
        let trimmed = out.trim_end().len();
        out.truncate(trimmed);
        out.push('…');
        return out;
    }
    out
}

/// One validation message from the server (Django REST framework's field errors), flattened
/// from its nesting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct FieldError {
    /// Where the problem is: a field name (`name`), a nested path (`custom_fields[0]`,
    /// `custom_field_query.0`), or `""` for an error about the request as a whole
    /// (DRF's `non_field_errors`).
    pub field: String,
    /// The server's message, as sent (for example `This field is required.`).
    pub message: String,
}

impl FieldError {
    /// A message about `field` (`""` for the request as a whole).
    #[must_use]
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// The errors reported for one key of an error body: a message, a list (one entry per message,
/// or per item of a list field), or nested fields.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ErrorDetail {
    /// One message.
    Message(String),
    /// Several messages, or the errors of each item of a list field (in item order; `{}` for an
    /// item without errors).
    List(Vec<ErrorDetail>),
    /// Errors of the fields of a nested object (or of list items by index, as in
    /// `{"custom_field_query": {"0": [...]}}`), in the server's order.
    Fields(Vec<(String, ErrorDetail)>),
    /// Any other JSON value, kept as sent.
    Other(Value),
}

impl ErrorDetail {
    /// Reads any JSON value.
    #[must_use]
    pub fn from_value(value: Value) -> Self {
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

    /// Every message below this node as text, in order (for `detail` and `error`).
    fn messages(&self, out: &mut Vec<String>) {
        match self {
            Self::Message(m) => out.push(m.clone()),
            Self::List(items) => items.iter().for_each(|i| i.messages(out)),
            Self::Fields(fields) => fields.iter().for_each(|(_, d)| d.messages(out)),
            Self::Other(Value::Null) => {}
            Self::Other(v) => out.push(v.to_string()),
        }
    }

    /// Flattens DRF's nesting into field errors: `non_field_errors` keys add nothing to the
    /// path, list positions of nested items become `[i]` (messages in a list keep the list's
    /// path), object keys `.key`; keys in the server's order.
    fn flatten(&self, path: &str, out: &mut Vec<FieldError>) {
        match self {
            Self::Message(m) => out.push(FieldError::new(path, m.clone())),
            Self::Other(Value::Null) => {}
            Self::Other(v) => out.push(FieldError::new(path, v.to_string())),
            Self::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    match item {
                        Self::Message(_) => item.flatten(path, out),
                        _ => item.flatten(&format!("{path}[{i}]"), out),
                    }
                }
            }
            Self::Fields(fields) => {
                for (key, detail) in fields {
                    let nested = if key == "non_field_errors" {
                        path.to_owned()
                    } else if path.is_empty() {
                        key.to_owned()
                    } else {
                        format!("{path}.{key}")
                    };
                    detail.flatten(&nested, out);
                }
            }
        }
    }
}

impl From<Value> for ErrorDetail {
    fn from(value: Value) -> Self {
        Self::from_value(value)
    }
}

impl From<&str> for ErrorDetail {
    fn from(message: &str) -> Self {
        Self::Message(message.to_owned())
    }
}

impl From<String> for ErrorDetail {
    fn from(message: String) -> Self {
        Self::Message(message)
    }
}

impl Serialize for ErrorDetail {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Message(m) => serializer.serialize_str(m),
            Self::List(items) => items.serialize(serializer),
            Self::Fields(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Self::Other(v) => v.serialize(serializer),
        }
    }
}

/// Reads any JSON value, objects with their keys in the order they come (not through
/// [`Value`], whose map sorts them unless serde_json's `preserve_order` feature is on): DRF
/// writes a serializer's errors in its field order, and that is the order a user reads them in.
/// A key that comes twice keeps its first place and its last value, as a JSON object reads.
impl<'de> Deserialize<'de> for ErrorDetail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DetailVisitor)
    }
}

/// The visitor of [`ErrorDetail`]'s ordered reading.
struct DetailVisitor;

impl<'de> Visitor<'de> for DetailVisitor {
    type Value = ErrorDetail;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<ErrorDetail, E> {
        Ok(ErrorDetail::Other(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ErrorDetail, E> {
        Ok(ErrorDetail::Other(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ErrorDetail, E> {
        Ok(ErrorDetail::Other(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ErrorDetail, E> {
        Ok(ErrorDetail::Other(Value::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<ErrorDetail, E> {
        Ok(ErrorDetail::Message(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<ErrorDetail, E> {
        Ok(ErrorDetail::Message(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<ErrorDetail, E> {
        Ok(ErrorDetail::Other(Value::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<ErrorDetail, E> {
        Ok(ErrorDetail::Other(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<ErrorDetail, D::Error> {
        ErrorDetail::deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ErrorDetail, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<ErrorDetail>()? {
            items.push(item);
        }
        Ok(ErrorDetail::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ErrorDetail, A::Error> {
        let mut fields: Vec<(String, ErrorDetail)> = Vec::new();
        while let Some((key, detail)) = map.next_entry::<String, ErrorDetail>()? {
            match fields.iter_mut().find(|(k, _)| *k == key) {
                Some((_, existing)) => *existing = detail,
                None => fields.push((key, detail)),
            }
        }
        Ok(ErrorDetail::Fields(fields))
    }
}

/// The body of an error answer from Paperless-ngx, in any of the shapes listed in the
/// [module documentation](self): read with [`ApiErrorBody::parse`], written (by a server) with
/// [`Serialize`], in the same shape it was read from.
///
/// Deserializing never fails on valid JSON of any shape.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApiErrorBody {
    /// A JSON object's entries (`detail`, `error`, `non_field_errors` and fields) in the
    /// server's order, when `other` is `None`.
    fields: Vec<(String, ErrorDetail)>,
    /// A body that is not a JSON object.
    other: Option<NotObject>,
}

#[derive(Debug, Clone, PartialEq)]
enum NotObject {
    /// A JSON string, list or other value at the top level.
    Value(ErrorDetail),
    /// A body that is not JSON, as [`shorten`] keeps it.
    Text(String),
}

impl ApiErrorBody {
    /// An empty object (`{}`), to add errors to.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// `{"detail": detail}`, as DRF writes its exceptions.
    #[must_use]
    pub fn with_detail(detail: impl Into<String>) -> Self {
        let mut body = Self::new();
        body.set_field("detail", detail.into());
        body
    }

    /// A plain-text body, as Django's `HttpResponseForbidden("Insufficient permissions")` sends
    /// it (kept as [`shorten`] cuts it).
    #[must_use]
    pub fn text(text: &str) -> Self {
        Self {
            fields: Vec::new(),
            other: Some(NotObject::Text(shorten(text))),
        }
    }

    /// Reads an error response body of any shape: JSON (an object, list or string) as described
    /// in the [module documentation](self); anything else, or JSON that does not parse, is plain
    /// text, kept as [`shorten`] cuts it. Bytes that are not UTF-8 are replaced.
    #[must_use]
    pub fn parse(body: &[u8]) -> Self {
        let starts_like_json = body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| matches!(b, b'{' | b'[' | b'"'));
        if starts_like_json && let Ok(detail) = serde_json::from_slice::<ErrorDetail>(body) {
            return Self::from_detail(detail);
        }
        Self::text(&String::from_utf8_lossy(body))
    }

    /// The body of a JSON value read in order: an object's entries, or any other value.
    fn from_detail(detail: ErrorDetail) -> Self {
        match detail {
            ErrorDetail::Fields(fields) => Self {
                fields,
                other: None,
            },
            other => Self {
                fields: Vec::new(),
                other: Some(NotObject::Value(other)),
            },
        }
    }

    /// Builds the body from a JSON value (see the [module documentation](self) for the shapes),
    /// keys in the value's order (sorted, unless serde_json's `preserve_order` feature is on;
    /// [`ApiErrorBody::parse`] and [`Deserialize`] keep the order of the text).
    #[must_use]
    pub fn from_value(value: Value) -> Self {
        match value {
            Value::Object(map) => Self {
                fields: map
                    .into_iter()
                    .map(|(k, v)| (k, ErrorDetail::from_value(v)))
                    .collect(),
                other: None,
            },
            other => Self {
                fields: Vec::new(),
                other: Some(NotObject::Value(ErrorDetail::from_value(other))),
            },
        }
    }

    /// Adds a message to a field's list of messages (`{"field": ["…", "…"]}`), making the body
    /// an object if it was not one. `non_field_errors` is a field name like the others here.
    pub fn push_field_message(&mut self, field: &str, message: impl Into<String>) {
        let message = ErrorDetail::Message(message.into());
        let fields = self.object_mut();
        match fields.iter_mut().find(|(k, _)| k == field) {
            Some((_, ErrorDetail::List(messages))) => messages.push(message),
            Some((_, other)) => *other = ErrorDetail::List(vec![message]),
            None => fields.push((field.to_owned(), ErrorDetail::List(vec![message]))),
        }
    }

    /// Sets the errors of a field (or of `detail`, `error`, `non_field_errors`) to `detail`, a
    /// nested structure for the items of a list field, replacing what it had; makes the body an
    /// object if it was not one.
    pub fn set_field(&mut self, field: &str, detail: impl Into<ErrorDetail>) {
        let detail = detail.into();
        let fields = self.object_mut();
        match fields.iter_mut().find(|(k, _)| k == field) {
            Some((_, existing)) => *existing = detail,
            None => fields.push((field.to_owned(), detail)),
        }
    }

    fn object_mut(&mut self) -> &mut Vec<(String, ErrorDetail)> {
        self.other = None;
        &mut self.fields
    }

    /// The errors of one top-level key, if the body is an object that has it.
    #[must_use]
    pub fn field(&self, key: &str) -> Option<&ErrorDetail> {
        match self.other {
            None => self.fields.iter().find(|(k, _)| k == key).map(|(_, d)| d),
            Some(_) => None,
        }
    }

    /// The general message: `detail`, Paperless-ngx's `error` (several messages joined with
    /// `"; "`), a JSON string, or the (shortened) plain text. `None` when the body has none.
    #[must_use]
    pub fn detail(&self) -> Option<String> {
        let mut messages = Vec::new();
        match &self.other {
            None => {
                for (key, detail) in &self.fields {
                    if key == "detail" || key == "error" {
                        detail.messages(&mut messages);
                    }
                }
            }
            Some(NotObject::Value(ErrorDetail::Message(m))) => messages.push(m.clone()),
            Some(NotObject::Value(_)) => {}
            Some(NotObject::Text(t)) if t.is_empty() => {}
            Some(NotObject::Text(t)) => messages.push(t.clone()),
        }
        (!messages.is_empty()).then(|| messages.join("; "))
    }

    /// The validation errors, flattened (`custom_fields[1]`, `custom_field_query.0`, `""` for
    /// `non_field_errors`), in the server's order at each level (DRF's: the serializer's field
    /// order); empty when there are none. A top-level
    /// JSON list counts as messages about the request as a whole.
    #[must_use]
    pub fn field_errors(&self) -> Vec<FieldError> {
        let mut out = Vec::new();
        match &self.other {
            None => {
                for (key, detail) in &self.fields {
                    match key.as_str() {
                        "detail" | "error" => {}
                        "non_field_errors" => detail.flatten("", &mut out),
                        _ => detail.flatten(key, &mut out),
                    }
                }
            }
            Some(NotObject::Value(ErrorDetail::Message(_)) | NotObject::Text(_)) => {}
            Some(NotObject::Value(other)) => other.flatten("", &mut out),
        }
        out
    }

    /// Every message on one line: the detail, then `field: message` pairs (general messages
    /// without a field name), joined with `"; "`; `"no error details"` when there are none.
    #[must_use]
    pub fn message(&self) -> String {
        let mut parts: Vec<String> = self.detail().into_iter().collect();
        parts.extend(self.field_errors().into_iter().map(|e| {
            if e.field.is_empty() {
                e.message
            } else {
                format!("{}: {}", e.field, e.message)
            }
        }));
        if parts.is_empty() {
            "no error details".to_owned()
        } else {
            parts.join("; ")
        }
    }

    /// Whether the body holds no message at all.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.detail().is_none() && self.field_errors().is_empty()
    }

    /// The body as JSON, in the shape it was read from (plain text as a JSON string).
    #[must_use]
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Serialize for ApiErrorBody {
    /// Writes the shape the body was read from, keys in their order.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.other {
            None => {
                let mut map = serializer.serialize_map(Some(self.fields.len()))?;
                for (k, v) in &self.fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
            Some(NotObject::Value(v)) => v.serialize(serializer),
            Some(NotObject::Text(t)) => serializer.serialize_str(t),
        }
    }
}

/// Reads any JSON value, an object's keys in the order they come (see [`ErrorDetail`]).
impl<'de> Deserialize<'de> for ApiErrorBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        ErrorDetail::deserialize(deserializer).map(Self::from_detail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse(body: &str) -> ApiErrorBody {
        ApiErrorBody::parse(body.as_bytes())
    }

    fn pairs(body: &ApiErrorBody) -> Vec<(String, String)> {
        body.field_errors()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    #[test]
    fn detail_and_error_are_general_messages() {
        let body = parse(r#"{"detail": "No Tag matches the given query."}"#);
        assert_eq!(
            body.detail().as_deref(),
            Some("No Tag matches the given query.")
        );
        assert!(body.field_errors().is_empty());

        let body =
            parse(r#"{"error": ["extra_data.default_currency must be a 3-character string"]}"#);
        assert_eq!(
            body.detail().as_deref(),
            Some("extra_data.default_currency must be a 3-character string")
        );
        assert!(body.field_errors().is_empty());

        let body = parse(r#"{"error": "Task type 'consume_file' cannot be manually triggered"}"#);
        assert_eq!(
            body.message(),
            "Task type 'consume_file' cannot be manually triggered"
        );
        assert_eq!(
            parse(r#"{"detail": "a", "error": ["b", "c"]}"#)
                .detail()
                .as_deref(),
            Some("a; b; c")
        );
        assert_eq!(
            parse(r#""Insufficient permissions""#).detail().as_deref(),
            Some("Insufficient permissions")
        );
    }

    #[test]
    fn field_errors_flatten_drf_nesting_in_server_order() {
        let body = parse(
            r#"{"non_field_errors": ["tag not specified"], "custom_fields": [{}, {"non_field_errors": ["Date has wrong format."]}], "custom_field_query": {"0": ["Invalid logical operator 'Amount'"]}}"#,
        );
        assert_eq!(body.detail(), None);
        assert_eq!(
            pairs(&body),
            [
                (String::new(), "tag not specified".into()),
                ("custom_fields[1]".into(), "Date has wrong format.".into()),
                (
                    "custom_field_query.0".into(),
                    "Invalid logical operator 'Amount'".into()
                ),
            ]
        );
        assert_eq!(
            pairs(&parse(r#"{"name": ["a", "b"], "limit": 5, "gone": null}"#)),
            [
                ("name".into(), "a".into()),
                ("name".into(), "b".into()),
                ("limit".into(), "5".into()),
            ]
        );
        assert_eq!(
            pairs(&parse(r#"["Invalid more_like_id"]"#)),
            [(String::new(), "Invalid more_like_id".into())]
        );
        assert_eq!(
            body.message(),
            "tag not specified; custom_fields[1]: Date has wrong format.; custom_field_query.0: \
             Invalid logical operator 'Amount'"
        );
        // Nested objects keep their order too; a repeated key keeps its first place.
        assert_eq!(
            pairs(&parse(
                r#"{"actions": [{"webhook": {"url": ["u"], "params": ["p"]}}], "name": ["n"], "actions": [{"webhook": {"url": ["u2"], "body": ["b"]}}]}"#
            )),
            [
                ("actions[0].webhook.url".into(), "u2".into()),
                ("actions[0].webhook.body".into(), "b".into()),
                ("name".into(), "n".into()),
            ]
        );
    }

    #[test]
    fn reading_keeps_the_order_of_the_text_and_writes_it_back() {
        let text = r#"{"show_on_dashboard":["a"],"show_in_sidebar":["b"],"detail":"d","error":["e"],"custom_fields":[{},{"value":["v"],"field":["f"]}]}"#;
        let body = parse(text);
        assert_eq!(serde_json::to_string(&body).unwrap_or_default(), text);
        let read: ApiErrorBody = serde_json::from_str(text).unwrap_or_default();
        assert_eq!(read, body);
        assert_eq!(body.detail().as_deref(), Some("d; e"));
        assert_eq!(
            body.message(),
            "d; e; show_on_dashboard: a; show_in_sidebar: b; custom_fields[1].value: v; \
             custom_fields[1].field: f"
        );
        // Scalars, null, nested lists: as before.
        assert_eq!(
            parse(r#"{"a": [true, 1.5, -2, null, ["x"]]}"#).message(),
            "a[0]: true; a[1]: 1.5; a[2]: -2; a[4]: x"
        );
    }

    #[test]
    fn plain_text_is_shortened_by_the_one_rule() {
        assert_eq!(
            parse("  Insufficient permissions\n").detail().as_deref(),
            Some("Insufficient permissions")
        );
        assert!(parse("").is_empty());
        assert!(parse("   \n").is_empty());
        assert_eq!(parse("").message(), "no error details");
        let long = parse(&"x".repeat(600));
        assert_eq!(
            long.detail().map(|d| d.chars().count()),
            Some(MAX_MESSAGE_CHARS + 1)
        );
        assert_eq!(
            ApiErrorBody::parse(b"\xff\xfe oops").detail().as_deref(),
            Some("\u{fffd}\u{fffd} oops")
        );
        // Broken JSON is text too.
        assert_eq!(
            parse(r#"{"detail": "cut"#).detail().as_deref(),
            Some(r#"{"detail": "cut"#)
        );
        assert_eq!(
            shorten(&format!("{} y", "x".repeat(300))),
            format!("{}…", "x".repeat(300))
        );
        assert_eq!(
            shorten(&format!("{} y", "x".repeat(299))),
            format!("{}…", "x".repeat(299))
        );
        assert_eq!(
            shorten(&format!("{} y", "x".repeat(298))),
            format!("{} y", "x".repeat(298))
        );
        assert_eq!(
            shorten(&format!("{} yz", "x".repeat(298))),
            format!("{} y…", "x".repeat(298))
        );
    }

    #[test]
    fn writes_back_the_shape_it_read() {
        let v = json!({
            "error": "w",
            "detail": "x",
            "non_field_errors": ["y"],
            "custom_fields": [{}, {"non_field_errors": ["z"]}],
        });
        let body: ApiErrorBody = serde_json::from_value(v.clone()).unwrap_or_default();
        assert_eq!(body.to_value(), v);
        assert_eq!(
            ApiErrorBody::text("Insufficient permissions").to_value(),
            json!("Insufficient permissions")
        );

        let mut built = ApiErrorBody::new();
        built.push_field_message("name", "This field is required.");
        built.push_field_message("matching_algorithm", "\"9\" is not a valid choice.");
        built.push_field_message("name", "second");
        built.set_field("custom_fields", json!([{}, {"non_field_errors": ["z"]}]));
        assert_eq!(
            serde_json::to_string(&built).unwrap_or_default(),
            r#"{"name":["This field is required.","second"],"matching_algorithm":["\"9\" is not a valid choice."],"custom_fields":[{},{"non_field_errors":["z"]}]}"#
        );
        assert_eq!(
            built.field("name"),
            Some(&ErrorDetail::List(vec![
                "This field is required.".into(),
                "second".into()
            ]))
        );
        assert_eq!(
            ApiErrorBody::with_detail("Invalid token.").to_value(),
            json!({"detail": "Invalid token."})
        );
    }
}
