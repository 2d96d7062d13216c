//! DRF metadata: what `OPTIONS` on an API endpoint describes (name, accepted content types and,
//! for endpoints the user may write to, the fields a `POST` takes).
//!
//! Endpoint: `OPTIONS /api/<resource>/` → [`OptionsMetadata`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The response of `OPTIONS` on an endpoint.
///
/// ```
/// use paperless_types::options::{FieldType, OptionsMetadata};
///
/// let json = r#"{"name":"Tag List","description":"","renders":["application/json"],
///   "parses":["application/json"],"actions":{"POST":{"name":{"type":"string","required":true,
///   "read_only":false,"label":"Name","max_length":128}}}}"#;
/// let meta: OptionsMetadata = serde_json::from_str(json)?;
/// let name = &meta.actions.as_ref().ok_or("no actions")?["POST"]["name"];
/// assert_eq!(name.field_type, FieldType::String);
/// assert_eq!(name.max_length, Some(128));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OptionsMetadata {
    /// The view's name, such as `Tag List`.
    pub name: String,
    /// The view's description; often empty.
    #[serde(default)]
    pub description: String,
    /// Media types the endpoint can respond with.
    #[serde(default)]
    pub renders: Vec<String>,
    /// Media types the endpoint accepts in request bodies.
    #[serde(default)]
    pub parses: Vec<String>,
    /// For each method the user may use to write (such as `POST`), the fields by name; not sent
    /// when the user may not write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<BTreeMap<String, BTreeMap<String, FieldInfo>>>,
}

crate::open_enum::string_enum! {
    /// The kind of a serializer field (`type` in DRF metadata).
    pub enum FieldType {
        /// `field`: a field of no more specific kind (computed or related fields).
        Field => "field",
        /// `boolean`.
        Boolean => "boolean",
        /// `string`.
        String => "string",
        /// `url`.
        Url => "url",
        /// `email`.
        Email => "email",
        /// `regex`.
        Regex => "regex",
        /// `slug`.
        Slug => "slug",
        /// `integer`.
        Integer => "integer",
        /// `float`.
        Float => "float",
        /// `decimal`.
        Decimal => "decimal",
        /// `date`.
        Date => "date",
        /// `datetime`.
        DateTime => "datetime",
        /// `time`.
        Time => "time",
        /// `duration`.
        Duration => "duration",
        /// `choice`: one of [`FieldInfo::choices`].
        Choice => "choice",
        /// `multiple choice`: several of [`FieldInfo::choices`].
        MultipleChoice => "multiple choice",
        /// `file upload`.
        FileUpload => "file upload",
        /// `image upload`.
        ImageUpload => "image upload",
        /// `list`: a list of [`FieldInfo::child`].
        List => "list",
        /// `nested object`: an object of [`FieldInfo::children`] (or of [`FieldInfo::child`]
        /// values).
        NestedObject => "nested object",
    }
}

impl Default for FieldType {
    /// [`FieldType::Field`].
    fn default() -> Self {
        Self::Field
    }
}

/// One field of a write action in DRF metadata.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FieldInfo {
    /// The kind of field.
    #[serde(rename = "type")]
    pub field_type: FieldType,
    /// Whether the request must contain the field.
    #[serde(default)]
    pub required: bool,
    /// Whether the field is only returned, never accepted.
    #[serde(default)]
    pub read_only: bool,
    /// Human-readable name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Longer explanation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_text: Option<String>,
    /// Minimum length of a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Maximum length of a string.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Smallest accepted number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_value: Option<serde_json::Number>,
    /// Largest accepted number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_value: Option<serde_json::Number>,
    /// Maximum number of digits of a decimal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_digits: Option<u64>,
    /// Number of decimal places of a decimal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimal_places: Option<u64>,
    /// The accepted values of a choice field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<FieldChoice>>,
    /// The element of a list, or the value of a dictionary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub child: Option<Box<FieldInfo>>,
    /// The fields of a nested object.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children: Option<BTreeMap<String, FieldInfo>>,
}

/// One accepted value of a choice field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FieldChoice {
    /// The value as sent on the wire (a number or a string).
    pub value: serde_json::Value,
    /// Human-readable name of the value.
    pub display_name: String,
}
