//! Requests as the handlers see them, and [`Reply`], what they answer.

use bytes::Bytes;
use http::header::{CONTENT_TYPE, HeaderName, HeaderValue};
use http::{HeaderMap, Method, StatusCode};
use paperless_types::error::ApiErrorBody;
use serde::Serialize;
use serde_json::Value;

/// A request after the body was read and the query parsed.
#[derive(Debug)]
pub(crate) struct Incoming {
    pub(crate) method: Method,
    /// The path without the query, as sent (`/api/tags/3/`).
    pub(crate) path: String,
    pub(crate) query: Query,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// `http://host:port` as the client addressed the server (from `Host`), for absolute links.
    pub(crate) origin: String,
}

impl Incoming {
    /// The request's `Content-Type` without parameters, lower case (`""` when absent).
    pub(crate) fn content_type(&self) -> String {
        self.headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .unwrap_or_default()
    }
}

/// The query string as ordered `(key, value)` pairs, decoded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Parses `a=1&b=2` (without the `?`).
    pub(crate) fn parse(raw: &str) -> Self {
        Self {
            pairs: form_urlencoded::parse(raw.as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }

    /// The last value of `key`, as Django's `QueryDict.get` returns it.
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// `true` when `key` is `true`/`1` (case-insensitive).
    pub(crate) fn flag(&self, key: &str) -> bool {
        self.get(key).is_some_and(is_true)
    }

    /// Every pair, in order.
    pub(crate) fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The query with `page` set to `page` (or removed for `None`), keys sorted and encoded the
    /// way Django's `replace_query_param`/`remove_query_param` write them.
    pub(crate) fn with_page(&self, page: Option<u64>) -> String {
        let mut keys: Vec<&str> = Vec::new();
        for (k, _) in &self.pairs {
            if k != "page" && !keys.contains(&k.as_str()) {
                keys.push(k);
            }
        }
        let page_text = page.map(|p| p.to_string());
        if page_text.is_some() {
            keys.push("page");
        }
        keys.sort_unstable();
        let mut out = form_urlencoded::Serializer::new(String::new());
        for key in keys {
            if key == "page" {
                if let Some(p) = &page_text {
                    out.append_pair("page", p);
                }
                continue;
            }
            for (k, v) in &self.pairs {
                if k == key {
                    out.append_pair(k, v);
                }
            }
        }
        out.finish()
    }
}

/// Django's truthy query values.
pub(crate) fn is_true(value: &str) -> bool {
    matches!(
        value.to_ascii_lowercase().as_str(),
        "true" | "1" | "yes" | "on"
    )
}

/// A response before it goes on the wire.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub(crate) status: StatusCode,
    pub(crate) headers: Vec<(HeaderName, HeaderValue)>,
    pub(crate) body: Bytes,
    /// How many objects the answer holds, for the cost model: the results of a list page, one
    /// for other JSON answers, none for files and empty answers.
    pub(crate) objects: u64,
}

impl Reply {
    /// A JSON body.
    pub(crate) fn json<T: Serialize + ?Sized>(status: StatusCode, body: &T) -> Self {
        let bytes = serde_json::to_vec(body).unwrap_or_else(|e| {
            // Models always serialize; say so in the body if one ever does not.
            format!("{{\"detail\":\"the test server could not serialize its answer: {e}\"}}")
                .into_bytes()
        });
        Self {
            status,
            headers: vec![(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
            body: Bytes::from(bytes),
            objects: 1,
        }
    }

    /// 200 with a JSON body.
    pub(crate) fn ok<T: Serialize + ?Sized>(body: &T) -> Self {
        Self::json(StatusCode::OK, body)
    }

    /// DRF's `{"detail": "..."}` error.
    pub(crate) fn detail(status: StatusCode, detail: &str) -> Self {
        Self::json(status, &ApiErrorBody::with_detail(detail))
    }

    /// 404 `No <Model> matches the given query.`, Django's `get_object_or_404` message.
    pub(crate) fn no_match(model: &str) -> Self {
        Self::detail(
            StatusCode::NOT_FOUND,
            &format!("No {model} matches the given query."),
        )
    }

    /// 400 with DRF's errors about the body as a whole: `{"non_field_errors": ["message"]}`.
    pub(crate) fn non_field_error(message: impl Into<String>) -> Self {
        let mut errors = FieldErrors::default();
        errors.add("non_field_errors", message);
        Self::field_errors(&errors)
    }

    /// 400 with Paperless-ngx's object-level error, `{"error": "message"}` as its serializers'
    /// `validate()` raise it, or `{"error": ["message"]}` (`as_list`) as its custom field
    /// checks do.
    pub(crate) fn object_error(message: impl Into<String>, as_list: bool) -> Self {
        let mut errors = FieldErrors::default();
        if as_list {
            errors.add("error", message);
        } else {
            errors.add_value("error", Value::String(message.into()));
        }
        Self::field_errors(&errors)
    }

    /// 400 with DRF field errors: `{"field": ["message"]}`.
    pub(crate) fn field_errors(errors: &FieldErrors) -> Self {
        Self::json(StatusCode::BAD_REQUEST, &errors.body)
    }

    /// 405 with the view's allowed methods.
    pub(crate) fn method_not_allowed(method: &Method, allow: &'static str) -> Self {
        Self::detail(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("Method \"{method}\" not allowed."),
        )
        .header(http::header::ALLOW, HeaderValue::from_static(allow))
    }

    /// The frontend's catch-all for a path the API does not have: `302` to the login page
    /// (`/accounts/login/?next={path}`), even with valid credentials.
    pub(crate) fn login_redirect(path: &str) -> Self {
        let target = format!("/accounts/login/?next={path}");
        Self::bytes(StatusCode::FOUND, "text/html; charset=utf-8", Bytes::new()).header(
            http::header::LOCATION,
            HeaderValue::from_str(&target).unwrap_or_else(|_| HeaderValue::from_static("/")),
        )
    }

    /// An empty body.
    pub(crate) fn empty(status: StatusCode) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Bytes::new(),
            objects: 0,
        }
    }

    /// A body of another type (files, HTML).
    pub(crate) fn bytes(status: StatusCode, content_type: &str, body: Bytes) -> Self {
        let value = HeaderValue::from_str(content_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
        Self {
            status,
            headers: vec![(CONTENT_TYPE, value)],
            body,
            objects: 0,
        }
    }

    /// Adds a header.
    pub(crate) fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }
}

/// DRF-style validation errors, collected field by field in the order found, and rendered by
/// the one model of Paperless error bodies ([`ApiErrorBody`], which clients read them with).
#[derive(Debug, Default)]
pub(crate) struct FieldErrors {
    body: ApiErrorBody,
}

impl FieldErrors {
    /// Adds a message to a field.
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        self.body.push_field_message(field, message);
    }

    /// Sets a field's errors to a structured value (nested errors of list items).
    pub(crate) fn add_value(&mut self, field: &str, value: Value) {
        self.body.set_field(field, value);
    }

    /// `true` when nothing was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.body == ApiErrorBody::new()
    }

    /// `{"field": ["message", ...], ...}`.
    pub(crate) fn to_value(&self) -> Value {
        self.body.to_value()
    }

    /// `Err(400 reply)` when errors were added.
    pub(crate) fn check(self) -> Result<(), Reply> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(Reply::field_errors(&self))
        }
    }
}

/// DRF's message for a missing required field.
pub(crate) const REQUIRED: &str = "This field is required.";

/// Python's name of a JSON value's type, as DRF's messages show it (`list`, `str`, ...).
pub(crate) fn python_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "int",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

/// DRF's message for an id that names no object.
pub(crate) fn invalid_pk(value: impl std::fmt::Display) -> String {
    format!("Invalid pk \"{value}\" - object does not exist.")
}

/// DRF's message for a value outside a choice field's choices.
pub(crate) fn invalid_choice(value: impl std::fmt::Display) -> String {
    format!("\"{value}\" is not a valid choice.")
}

#[cfg(test)]
mod tests {
    use super::Query;

    #[test]
    fn page_links_sort_keys_like_django() {
        let q = Query::parse("page_size=2&name__icontains=a&ordering=-name");
        assert_eq!(
            q.with_page(Some(2)),
            "name__icontains=a&ordering=-name&page=2&page_size=2"
        );
        let q = Query::parse("fields=id%2Ctitle&page=3&page_size=3&query=telekom+roaming");
        assert_eq!(
            q.with_page(None),
            "fields=id%2Ctitle&page_size=3&query=telekom+roaming"
        );
        assert_eq!(q.get("query"), Some("telekom roaming"));
    }
}
