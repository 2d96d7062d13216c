//! The text fields of the multipart uploads: `POST /api/documents/post_document/` (a new
//! document) and `POST /api/documents/{id}/update_version/` (a new file version).
//!
//! Both endpoints take `multipart/form-data` with the file in a part named `document` plus the
//! text parts listed here, and answer with the consume task's id as a bare JSON string
//! ([`TaskUuid`](crate::task::TaskUuid)); poll `GET /api/tasks/?task_id=…` for the outcome.
//! This module only lists the text parts as `(name, value)` pairs in wire order; encoding the
//! multipart body is the HTTP client's job.
//!
//! ```
//! use paperless_types::post_document::NewDocument;
//! use paperless_types::{CorrespondentId, TagId};
//!
//! let upload = NewDocument::new()
//!     .title("Scan")
//!     .correspondent(CorrespondentId(3))
//!     .tags([TagId(9), TagId(6)]);
//! assert_eq!(
//!     upload.form_fields(),
//!     [("title", "Scan".to_owned()), ("correspondent", "3".to_owned()),
//!      ("tags", "9".to_owned()), ("tags", "6".to_owned())]
//! );
//! ```

use std::fmt;

use chrono::{DateTime, NaiveDate};

use crate::custom_field::CustomFieldsToAdd;
use crate::ids::{CorrespondentId, DocumentTypeId, StoragePathId, TagId};

/// The metadata text parts of an upload (`POST /api/documents/post_document/`); every field
/// is optional. There is no owner or permissions field: the uploader owns the document (use a
/// workflow or a later PATCH to change that).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct NewDocument {
    /// Title; the server derives one from the file name when absent.
    pub title: Option<String>,
    /// Created date; the server parses one from the content when absent.
    pub created: Option<NaiveDate>,
    /// Correspondent.
    pub correspondent: Option<CorrespondentId>,
    /// Document type.
    pub document_type: Option<DocumentTypeId>,
    /// Storage path.
    pub storage_path: Option<StoragePathId>,
    /// Tags, sent as one `tags` part per tag (a comma-separated list is rejected).
    pub tags: Vec<TagId>,
    /// Archive serial number.
    pub archive_serial_number: Option<u64>,
    /// Custom fields to attach, with or without values (sent as one JSON-text part).
    pub custom_fields: Option<CustomFieldsToAdd>,
    /// Marks the upload as coming from the web UI (the task's trigger becomes `web_ui`).
    pub from_webui: Option<bool>,
}

impl NewDocument {
    /// An upload without metadata.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the title.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// Sets the created date.
    #[must_use]
    pub fn created(mut self, created: NaiveDate) -> Self {
        self.created = Some(created);
        self
    }

    /// Sets the correspondent.
    #[must_use]
    pub fn correspondent(mut self, correspondent: CorrespondentId) -> Self {
        self.correspondent = Some(correspondent);
        self
    }

    /// Sets the document type.
    #[must_use]
    pub fn document_type(mut self, document_type: DocumentTypeId) -> Self {
        self.document_type = Some(document_type);
        self
    }

    /// Sets the storage path.
    #[must_use]
    pub fn storage_path(mut self, storage_path: StoragePathId) -> Self {
        self.storage_path = Some(storage_path);
        self
    }

    /// Sets the tags.
    #[must_use]
    pub fn tags(mut self, tags: impl IntoIterator<Item = TagId>) -> Self {
        self.tags = tags.into_iter().collect();
        self
    }

    /// Sets the archive serial number.
    #[must_use]
    pub fn archive_serial_number(mut self, asn: u64) -> Self {
        self.archive_serial_number = Some(asn);
        self
    }

    /// Attaches custom fields.
    #[must_use]
    pub fn custom_fields(mut self, fields: CustomFieldsToAdd) -> Self {
        self.custom_fields = Some(fields);
        self
    }

    /// The text parts to send, in wire order: `title`, `created`, `correspondent`,
    /// `document_type`, `storage_path`, one `tags` per tag, `archive_serial_number`,
    /// `custom_fields`, `from_webui`; unset fields are left out.
    ///
    /// Dates are `YYYY-MM-DD`, ids and numbers decimal, booleans `true`/`false`, and
    /// `custom_fields` is JSON text written the way Python's `json.dumps` writes it (`", "` and
    /// `": "` separators), so the parts match those of the Python client the reference
    /// captures were recorded with byte for byte; the server accepts any JSON there.
    #[must_use]
    pub fn form_fields(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if let Some(title) = &self.title {
            out.push(("title", title.clone()));
        }
        if let Some(created) = self.created {
            out.push(("created", created.format("%Y-%m-%d").to_string()));
        }
        if let Some(id) = self.correspondent {
            out.push(("correspondent", id.to_string()));
        }
        if let Some(id) = self.document_type {
            out.push(("document_type", id.to_string()));
        }
        if let Some(id) = self.storage_path {
            out.push(("storage_path", id.to_string()));
        }
        for tag in &self.tags {
            out.push(("tags", tag.to_string()));
        }
        if let Some(asn) = self.archive_serial_number {
            out.push(("archive_serial_number", asn.to_string()));
        }
        if let Some(fields) = &self.custom_fields {
            out.push(("custom_fields", python_style_json(fields)));
        }
        if let Some(webui) = self.from_webui {
            out.push(("from_webui", webui.to_string()));
        }
        out
    }

    /// Reads the text parts of an upload (for servers and proxies). Unknown names (the file
    /// part `document` included) are ignored; an empty id means "none", as on the server;
    /// `created` may also be an RFC 3339 datetime (its date is kept).
    ///
    /// # Errors
    /// [`FormFieldError`] naming the first part whose value cannot be read.
    pub fn from_form_fields<K: AsRef<str>, V: AsRef<str>>(
        fields: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, FormFieldError> {
        let mut doc = Self::new();
        for (name, value) in fields {
            let (name, value) = (name.as_ref(), value.as_ref());
            match name {
                "title" => doc.title = Some(value.to_owned()),
                "created" => doc.created = Some(parse_date(name, value)?),
                "correspondent" => doc.correspondent = parse_optional_id(name, value)?,
                "document_type" => doc.document_type = parse_optional_id(name, value)?,
                "storage_path" => doc.storage_path = parse_optional_id(name, value)?,
                "tags" => doc.tags.push(parse_id(name, value, ONE_TAG)?),
                "archive_serial_number" => {
                    doc.archive_serial_number = Some(parse_id(name, value, "a whole number")?);
                }
                "custom_fields" => doc.custom_fields = Some(parse_custom_fields(value)?),
                "from_webui" => doc.from_webui = Some(parse_bool(name, value)?),
                _ => {}
            }
        }
        Ok(doc)
    }
}

/// The text part of a new file version (`POST /api/documents/{id}/update_version/`), sent
/// along with the file in a part named `document`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct NewDocumentVersion {
    /// A label for the new version (at most 64 characters).
    pub version_label: Option<String>,
}

impl NewDocumentVersion {
    /// A version without a label.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Labels the version.
    #[must_use]
    pub fn version_label(mut self, label: impl Into<String>) -> Self {
        self.version_label = Some(label.into());
        self
    }

    /// The text parts to send: `version_label` when set.
    #[must_use]
    pub fn form_fields(&self) -> Vec<(&'static str, String)> {
        self.version_label
            .iter()
            .map(|l| ("version_label", l.clone()))
            .collect()
    }

    /// Reads the text parts (unknown names ignored).
    ///
    /// # Errors
    /// Never at present; the signature matches [`NewDocument::from_form_fields`].
    pub fn from_form_fields<K: AsRef<str>, V: AsRef<str>>(
        fields: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, FormFieldError> {
        let mut version = Self::new();
        for (name, value) in fields {
            if name.as_ref() == "version_label" {
                version.version_label = Some(value.as_ref().to_owned());
            }
        }
        Ok(version)
    }
}

/// A form field of an upload has a value that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormFieldError {
    field: String,
    value: String,
    expected: &'static str,
}

impl FormFieldError {
    fn new(field: &str, value: &str, expected: &'static str) -> Self {
        Self {
            field: field.to_owned(),
            value: value.to_owned(),
            expected,
        }
    }

    /// The name of the offending form field.
    #[must_use]
    pub fn field(&self) -> &str {
        &self.field
    }
}

impl fmt::Display for FormFieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "form field `{}` has the value {:?}; send {} instead",
            self.field, self.value, self.expected
        )
    }
}

impl std::error::Error for FormFieldError {}

const ONE_TAG: &str = "one tag id per `tags` field (repeat the field for several tags)";

fn parse_id<T: std::str::FromStr>(
    name: &str,
    value: &str,
    expected: &'static str,
) -> Result<T, FormFieldError> {
    value
        .trim()
        .parse()
        .map_err(|_| FormFieldError::new(name, value, expected))
}

fn parse_optional_id<T: std::str::FromStr>(
    name: &str,
    value: &str,
) -> Result<Option<T>, FormFieldError> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    parse_id(
        name,
        value,
        "an object id such as \"3\", or an empty value for none",
    )
    .map(Some)
}

fn parse_date(name: &str, value: &str) -> Result<NaiveDate, FormFieldError> {
    let value_trimmed = value.trim();
    NaiveDate::parse_from_str(value_trimmed, "%Y-%m-%d")
        .or_else(|_| DateTime::parse_from_rfc3339(value_trimmed).map(|dt| dt.date_naive()))
        .map_err(|_| FormFieldError::new(name, value, "a date such as \"2025-06-01\""))
}

fn parse_bool(name: &str, value: &str) -> Result<bool, FormFieldError> {
    match value.trim() {
        "true" | "True" | "1" | "on" => Ok(true),
        "false" | "False" | "0" | "off" => Ok(false),
        _ => Err(FormFieldError::new(name, value, "\"true\" or \"false\"")),
    }
}

fn parse_custom_fields(value: &str) -> Result<CustomFieldsToAdd, FormFieldError> {
    const EXPECTED: &str = "JSON text: a list of custom field ids such as [4, 7] or an object \
                            of id to value such as {\"7\": \"EUR12.00\"}";
    let err = || FormFieldError::new("custom_fields", value, EXPECTED);
    match serde_json::from_str::<serde_json::Value>(value).map_err(|_| err())? {
        // The server also accepts a single id.
        serde_json::Value::Number(n) => n
            .as_u64()
            .map(|id| CustomFieldsToAdd::Ids(vec![id.into()]))
            .ok_or_else(err),
        other => serde_json::from_value(other).map_err(|_| err()),
    }
}

/// JSON with `", "` and `": "` separators, as Python's `json.dumps` writes it.
fn python_style_json<T: serde::Serialize>(value: &T) -> String {
    struct Separators;
    impl serde_json::ser::Formatter for Separators {
        fn begin_array_value<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            first: bool,
        ) -> std::io::Result<()> {
            if first {
                Ok(())
            } else {
                writer.write_all(b", ")
            }
        }
        fn begin_object_key<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            first: bool,
        ) -> std::io::Result<()> {
            if first {
                Ok(())
            } else {
                writer.write_all(b", ")
            }
        }
        fn begin_object_value<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
        ) -> std::io::Result<()> {
            writer.write_all(b": ")
        }
    }
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Separators);
    // Serializing ids and JSON values into memory cannot fail, and serde_json writes UTF-8.
    match value.serialize(&mut ser) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::CustomFieldId;
    use serde_json::json;

    fn pairs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
        fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }

    #[test]
    fn every_field_in_wire_order() {
        let mut upload = NewDocument::new()
            .title("ZZ scratch text")
            .created(NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default())
            .correspondent(CorrespondentId(3))
            .document_type(DocumentTypeId(5))
            .storage_path(StoragePathId(2))
            .tags([TagId(9), TagId(6)])
            .archive_serial_number(990)
            .custom_fields(CustomFieldsToAdd::values([
                (CustomFieldId(4), json!(false)),
                (CustomFieldId(7), json!("EUR12.00")),
            ]));
        upload.from_webui = Some(false);
        let fields = upload.form_fields();
        assert_eq!(
            pairs(&fields),
            [
                ("title", "ZZ scratch text"),
                ("created", "2025-06-01"),
                ("correspondent", "3"),
                ("document_type", "5"),
                ("storage_path", "2"),
                ("tags", "9"),
                ("tags", "6"),
                ("archive_serial_number", "990"),
                ("custom_fields", r#"{"4": false, "7": "EUR12.00"}"#),
                ("from_webui", "false"),
            ]
        );
        assert_eq!(NewDocument::from_form_fields(fields).ok(), Some(upload));
        assert!(NewDocument::new().form_fields().is_empty());
    }

    #[test]
    fn custom_field_ids_are_a_json_list() {
        let upload = NewDocument::new()
            .custom_fields(CustomFieldsToAdd::ids([CustomFieldId(4), CustomFieldId(7)]));
        assert_eq!(pairs(&upload.form_fields()), [("custom_fields", "[4, 7]")]);
        let single = NewDocument::from_form_fields([("custom_fields", "4")]).ok();
        assert_eq!(
            single.and_then(|d| d.custom_fields),
            Some(CustomFieldsToAdd::Ids(vec![CustomFieldId(4)]))
        );
    }

    #[test]
    fn reading_is_lenient_where_the_server_is() {
        let doc = NewDocument::from_form_fields([
            ("document", "ignored.pdf"),
            ("correspondent", ""),
            ("created", "2025-06-01T10:00:00+02:00"),
            ("from_webui", "True"),
        ])
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(doc.correspondent, None);
        assert_eq!(doc.created, NaiveDate::from_ymd_opt(2025, 6, 1));
        assert_eq!(doc.from_webui, Some(true));
    }

    #[test]
    fn errors_name_the_field_and_the_fix() {
        let err = |f: &[(&str, &str)]| {
            NewDocument::from_form_fields(f.iter().copied())
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            err(&[("tags", "9,6")]),
            "form field `tags` has the value \"9,6\"; send one tag id per `tags` field (repeat \
             the field for several tags) instead"
        );
        assert_eq!(
            err(&[("created", "June 1st")]),
            "form field `created` has the value \"June 1st\"; send a date such as \"2025-06-01\" \
             instead"
        );
        assert_eq!(
            err(&[("document_type", "x")]),
            "form field `document_type` has the value \"x\"; send an object id such as \"3\", or \
             an empty value for none instead"
        );
        assert!(
            err(&[("custom_fields", "{not json")]).starts_with(
                "form field `custom_fields` has the value \"{not json\"; send JSON text"
            )
        );
        assert!(err(&[("from_webui", "maybe")]).contains("\"true\" or \"false\""));
        assert_eq!(
            NewDocument::from_form_fields([("archive_serial_number", "-1")])
                .err()
                .map(|e| e.field().to_owned())
                .as_deref(),
            Some("archive_serial_number")
        );
    }

    #[test]
    fn version_label_part() {
        let v = NewDocumentVersion::new().version_label("rev 2");
        assert_eq!(pairs(&v.form_fields()), [("version_label", "rev 2")]);
        assert_eq!(
            NewDocumentVersion::from_form_fields(v.form_fields()).ok(),
            Some(v)
        );
        assert!(NewDocumentVersion::new().form_fields().is_empty());
    }
}
