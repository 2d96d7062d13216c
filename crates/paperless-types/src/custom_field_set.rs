//! Typed custom field values on documents: [`CustomFieldSet`] reads a document's values by
//! field (dates, monetary amounts with currency, document links, select options by label) and
//! sets them, checking each value against the field's data type.
//!
//! A document only stores `{field: id, value: raw JSON}`; what the JSON means depends on the
//! field's definition (`GET /api/custom_fields/`). A `CustomFieldSet` holds those definitions:
//!
//! ```
//! use paperless_types::custom_field::CustomField;
//! use paperless_types::custom_field_set::CustomFieldSet;
//! use paperless_types::document::Document;
//!
//! let definitions: Vec<CustomField> = serde_json::from_str(r#"[
//!     {"id": 1, "name": "Paid", "data_type": "boolean"},
//!     {"id": 2, "name": "Priority", "data_type": "select", "extra_data": {"select_options": [
//!         {"id": "Fir38h", "label": "Low"}, {"id": "EcT2sJ", "label": "High"}]}}
//! ]"#)?;
//! let fields = CustomFieldSet::new(definitions); // the installation's custom fields
//! let mut doc = Document::new(10.into());
//! fields.set(&mut doc, "Priority", "High")?; //  the label is stored as its option id
//! fields.set(&mut doc, "Paid", true)?;
//! assert_eq!(fields.value(&doc, "Priority").and_then(|v| v.select_label()), Some("High"));
//! assert_eq!(doc.custom_fields[0].value, "EcT2sJ");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! With `paperless-client`, a tracked document (`client.documents().edit(10).await?`) is set the
//! same way, and its `save()` sends the changed `custom_fields`.

use std::fmt;

use chrono::NaiveDate;
use serde_json::Value;

use crate::DocumentId;
use crate::custom_field::{
    CustomField, CustomFieldDataType, CustomFieldInstance, CustomFieldValue, Monetary,
    MonetaryParseError,
};
use crate::custom_field_query::FieldRef;
use crate::document::Document;

/// A value that does not fit its custom field (the wrong kind, text that does not parse, an
/// unknown select option), or a field that is not among the known definitions. The message says
/// which field and what it accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomFieldValueError {
    message: String,
    source: Option<MonetaryParseError>,
}

impl CustomFieldValueError {
    fn new(message: String) -> Self {
        Self {
            message,
            source: None,
        }
    }

    /// What was wrong, and what the field accepts.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Why a monetary value did not parse (also this error's `source()`).
    #[must_use]
    pub fn monetary_error(&self) -> Option<&MonetaryParseError> {
        self.source.as_ref()
    }
}

impl fmt::Display for CustomFieldValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CustomFieldValueError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_ref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

type Result<T, E = CustomFieldValueError> = std::result::Result<T, E>;

/// The custom field definitions of an installation, to read and write typed values on
/// documents. Fields are found by name or by id ([`FieldRef`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CustomFieldSet {
    fields: Vec<CustomField>,
}

/// One custom field value of a document, read according to its field's data type. It borrows
/// the document and the definition, so text values are returned without copying.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldValue<'a> {
    field: &'a CustomField,
    raw: &'a Value,
}

impl<'a> FieldValue<'a> {
    /// The field's definition.
    #[must_use]
    pub fn field(&self) -> &'a CustomField {
        self.field
    }

    /// The value as stored (raw JSON).
    #[must_use]
    pub fn raw(&self) -> &'a Value {
        self.raw
    }

    /// The typed value ([`CustomFieldValue::Other`] for a value that does not fit the type).
    #[must_use]
    pub fn value(&self) -> CustomFieldValue {
        self.field.interpret(self.raw)
    }

    /// Whether the field is attached without a value.
    #[must_use]
    pub fn is_null(&self) -> bool {
        self.raw.is_null()
    }

    /// The text of a `string`, `url` or `longtext` field.
    #[must_use]
    pub fn as_str(&self) -> Option<&'a str> {
        match self.field.data_type {
            CustomFieldDataType::String
            | CustomFieldDataType::Url
            | CustomFieldDataType::LongText => self.raw.as_str(),
            _ => None,
        }
    }

    /// The date of a `date` field.
    #[must_use]
    pub fn as_date(&self) -> Option<NaiveDate> {
        match self.value() {
            CustomFieldValue::Date(d) => Some(d),
            _ => None,
        }
    }

    /// The value of a `boolean` field.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        match self.value() {
            CustomFieldValue::Boolean(b) => Some(b),
            _ => None,
        }
    }

    /// The value of an `integer` field.
    #[must_use]
    pub fn as_integer(&self) -> Option<i64> {
        match self.value() {
            CustomFieldValue::Integer(n) => Some(n),
            _ => None,
        }
    }

    /// The value of a `float` field (or an `integer` one, converted).
    #[must_use]
    pub fn as_float(&self) -> Option<f64> {
        match self.value() {
            CustomFieldValue::Float(x) => Some(x),
            // Exact for every integer the server stores (32-bit).
            CustomFieldValue::Integer(n) => Some(n as f64),
            _ => None,
        }
    }

    /// The amount and currency of a `monetary` field, parsed from the stored text (so `to_`: it
    /// allocates the currency). A value stored without currency has
    /// `currency() == None`; the field's default currency
    /// ([`CustomFieldSet::default_currency`]) then applies.
    #[must_use]
    pub fn to_monetary(&self) -> Option<Monetary> {
        match self.value() {
            CustomFieldValue::Monetary(m) => Some(m),
            _ => None,
        }
    }

    /// The linked documents of a `documentlink` field, collected into a new `Vec`.
    #[must_use]
    pub fn to_document_links(&self) -> Option<Vec<DocumentId>> {
        match self.value() {
            CustomFieldValue::DocumentLink(ids) => Some(ids),
            _ => None,
        }
    }

    /// The chosen option's id of a `select` field.
    #[must_use]
    pub fn select_id(&self) -> Option<&'a str> {
        match self.field.data_type {
            CustomFieldDataType::Select => self.raw.as_str(),
            _ => None,
        }
    }

    /// The chosen option's label of a `select` field (`None` when the option no longer exists).
    #[must_use]
    pub fn select_label(&self) -> Option<&'a str> {
        let field = self.field;
        self.select_id().and_then(|id| field.select_label(id))
    }
}

/// A value to store in a custom field; [`CustomFieldSet::set`] converts it to the field's data
/// type. Convert from `&str`/`String` (text, a date `YYYY-MM-DD`, a monetary value `EUR12.50`,
/// or a select option's label or id), [`NaiveDate`], `bool`, integers, `f64`, [`Monetary`],
/// `Vec<DocumentId>`, [`CustomFieldValue`], `Option<T>` (`None` clears the value) or raw JSON.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum FieldInput {
    /// Text, parsed as the field's type requires.
    Text(String),
    /// A date.
    Date(NaiveDate),
    /// Yes or no.
    Boolean(bool),
    /// A whole number.
    Integer(i64),
    /// A decimal number.
    Float(f64),
    /// An amount of money.
    Monetary(Monetary),
    /// Linked documents.
    Documents(Vec<DocumentId>),
    /// No value (the field stays attached).
    Null,
    /// JSON stored as given, unchecked.
    Raw(Value),
}

macro_rules! input_from {
    ($($ty:ty => |$v:ident| $e:expr;)*) => {$(
        impl From<$ty> for FieldInput {
            fn from($v: $ty) -> Self {
                $e
            }
        }
    )*};
}

input_from! {
    &str => |v| Self::Text(v.to_owned());
    String => |v| Self::Text(v);
    NaiveDate => |v| Self::Date(v);
    bool => |v| Self::Boolean(v);
    i32 => |v| Self::Integer(i64::from(v));
    i64 => |v| Self::Integer(v);
    u32 => |v| Self::Integer(i64::from(v));
    f64 => |v| Self::Float(v);
    Monetary => |v| Self::Monetary(v);
    Vec<DocumentId> => |v| Self::Documents(v);
    Value => |v| Self::Raw(v);
}

impl From<CustomFieldValue> for FieldInput {
    fn from(value: CustomFieldValue) -> Self {
        match value {
            CustomFieldValue::String(s)
            | CustomFieldValue::Url(s)
            | CustomFieldValue::LongText(s)
            | CustomFieldValue::Select(s) => Self::Text(s),
            CustomFieldValue::Date(d) => Self::Date(d),
            CustomFieldValue::Boolean(b) => Self::Boolean(b),
            CustomFieldValue::Integer(n) => Self::Integer(n),
            CustomFieldValue::Float(x) => Self::Float(x),
            CustomFieldValue::Monetary(m) => Self::Monetary(m),
            CustomFieldValue::DocumentLink(ids) => Self::Documents(ids),
            CustomFieldValue::Null => Self::Null,
            other => Self::Raw(other.to_json()),
        }
    }
}

impl<T: Into<FieldInput>> From<Option<T>> for FieldInput {
    fn from(value: Option<T>) -> Self {
        value.map_or(Self::Null, Into::into)
    }
}

impl FieldInput {
    fn describe(&self) -> &'static str {
        match self {
            Self::Text(_) => "text",
            Self::Date(_) => "a date",
            Self::Boolean(_) => "a boolean",
            Self::Integer(_) => "an integer",
            Self::Float(_) => "a number",
            Self::Monetary(_) => "a monetary value",
            Self::Documents(_) => "a list of documents",
            Self::Null => "null",
            Self::Raw(_) => "raw JSON",
        }
    }
}

fn describe(field: &FieldRef) -> String {
    match field {
        FieldRef::Id(id) => format!("custom field {id}"),
        FieldRef::Name(name) => format!("custom field {name:?}"),
    }
}

impl CustomFieldSet {
    /// The definitions to work with (usually every custom field of the installation).
    #[must_use]
    pub fn new(fields: impl IntoIterator<Item = CustomField>) -> Self {
        Self {
            fields: fields.into_iter().collect(),
        }
    }

    /// Every definition.
    #[must_use]
    pub fn fields(&self) -> &[CustomField] {
        &self.fields
    }

    /// The definition of a field, by name or id.
    #[must_use]
    pub fn field(&self, field: impl Into<FieldRef>) -> Option<&CustomField> {
        self.find(&field.into())
    }

    fn find(&self, field: &FieldRef) -> Option<&CustomField> {
        match field {
            FieldRef::Id(id) => self.fields.iter().find(|f| f.id == *id),
            FieldRef::Name(name) => self.fields.iter().find(|f| f.name == *name),
        }
    }

    fn require(&self, field: &FieldRef) -> Result<&CustomField> {
        self.find(field).ok_or_else(|| {
            CustomFieldValueError::new(format!(
                "{} is not among the {} known custom fields; fetch the definitions again",
                describe(field),
                self.fields.len()
            ))
        })
    }

    /// The default currency of a `monetary` field (`extra_data.default_currency`), which applies
    /// to its values stored without one.
    #[must_use]
    pub fn default_currency(&self, field: impl Into<FieldRef>) -> Option<&str> {
        self.find(&field.into())?
            .extra_data
            .as_ref()?
            .default_currency
            .as_deref()
    }

    /// The document's value of a field, typed; `None` when the field is unknown or not attached
    /// to the document.
    #[must_use]
    pub fn value<'a>(
        &'a self,
        document: &'a Document,
        field: impl Into<FieldRef>,
    ) -> Option<FieldValue<'a>> {
        let definition = self.find(&field.into())?;
        let instance = document.custom_field(definition.id)?;
        Some(FieldValue {
            field: definition,
            raw: &instance.value,
        })
    }

    /// Every custom field value of the document whose field is known, in the document's order.
    pub fn values<'a>(
        &'a self,
        document: &'a Document,
    ) -> impl Iterator<Item = FieldValue<'a>> + 'a {
        document.custom_fields.iter().filter_map(move |instance| {
            let definition = self.find(&FieldRef::Id(instance.field))?;
            Some(FieldValue {
                field: definition,
                raw: &instance.value,
            })
        })
    }

    /// A value for a field, checked against its data type, ready for
    /// [`DocumentPatch::custom_fields`](crate::document::DocumentPatch::custom_fields)
    /// (which replaces **all** of a document's custom fields) or a bulk edit. `select` values are
    /// accepted by label or option id and stored as the option id.
    ///
    /// # Errors
    /// [`CustomFieldValueError`] for an unknown field, a value of the wrong kind
    /// (text for a `boolean` field), text that does not parse (a date, a monetary value), an
    /// integer outside the server's 32-bit range, or an unknown select option.
    pub fn instance(
        &self,
        field: impl Into<FieldRef>,
        value: impl Into<FieldInput>,
    ) -> Result<CustomFieldInstance> {
        let definition = self.require(&field.into())?;
        let json = convert(definition, value.into())?;
        Ok(CustomFieldInstance::new(definition.id, json))
    }

    /// Sets a field's value on a document (attaching the field if needed), checked as in
    /// [`CustomFieldSet::instance`]. On a document tracked by `paperless-client` (`Tracked`),
    /// `save()` then sends the changed `custom_fields`.
    ///
    /// # Errors
    /// As [`CustomFieldSet::instance`]; the document is unchanged then.
    pub fn set(
        &self,
        document: &mut Document,
        field: impl Into<FieldRef>,
        value: impl Into<FieldInput>,
    ) -> Result<()> {
        let instance = self.instance(field, value)?;
        match document
            .custom_fields
            .iter_mut()
            .find(|c| c.field == instance.field)
        {
            Some(existing) => existing.value = instance.value,
            None => document.custom_fields.push(instance),
        }
        Ok(())
    }

    /// Detaches a field from a document; `false` when it was not attached (or is unknown).
    pub fn remove(&self, document: &mut Document, field: impl Into<FieldRef>) -> bool {
        let Some(definition) = self.find(&field.into()) else {
            return false;
        };
        let before = document.custom_fields.len();
        document.custom_fields.retain(|c| c.field != definition.id);
        document.custom_fields.len() != before
    }
}

/// Converts `input` to the raw JSON a field of this definition stores.
fn convert(field: &CustomField, input: FieldInput) -> Result<Value> {
    use CustomFieldDataType as T;
    let mismatch = |input: &FieldInput| {
        CustomFieldValueError::new(format!(
            "custom field {:?} holds {} values; {} does not fit",
            field.name,
            field.data_type.as_str(),
            input.describe()
        ))
    };
    let value = match (&field.data_type, input) {
        (_, FieldInput::Null) => Value::Null,
        (_, FieldInput::Raw(raw)) => raw,
        (T::String | T::Url | T::LongText, FieldInput::Text(s)) => Value::String(s),
        (T::Date, FieldInput::Date(d)) => CustomFieldValue::Date(d).to_json(),
        (T::Date, FieldInput::Text(s)) => {
            let date = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                CustomFieldValueError::new(format!(
                    "custom field {:?} is a date field; {s:?} is not a date such as \"2025-06-01\"",
                    field.name
                ))
            })?;
            CustomFieldValue::Date(date).to_json()
        }
        (T::Boolean, FieldInput::Boolean(b)) => Value::Bool(b),
        (T::Integer, FieldInput::Integer(n)) => {
            if i32::try_from(n).is_err() {
                return Err(CustomFieldValueError::new(format!(
                    "custom field {:?} stores 32-bit integers; {n} is out of range",
                    field.name
                )));
            }
            Value::from(n)
        }
        (T::Float, FieldInput::Float(x)) => Value::from(x),
        // Every integer the server stores is exact as a float.
        (T::Float, FieldInput::Integer(n)) => Value::from(n as f64),
        (T::Monetary, FieldInput::Monetary(m)) => Value::String(m.to_string()),
        (T::Monetary, FieldInput::Text(s)) => {
            let m: Monetary =
                s.trim()
                    .parse()
                    .map_err(|e: MonetaryParseError| CustomFieldValueError {
                        message: format!("custom field {:?} is a monetary field", field.name),
                        source: Some(e),
                    })?;
            Value::String(m.to_string())
        }
        (T::DocumentLink, FieldInput::Documents(ids)) => {
            CustomFieldValue::DocumentLink(ids).to_json()
        }
        (T::Select, FieldInput::Text(choice)) => Value::String(select_option(field, &choice)?),
        (T::Other(_), FieldInput::Text(s)) => Value::String(s),
        (_, other) => return Err(mismatch(&other)),
    };
    Ok(value)
}

/// The option id for `choice`, given as a label (exact, then ignoring case) or as an id.
fn select_option(field: &CustomField, choice: &str) -> Result<String> {
    let options = field.select_options();
    let found = options
        .iter()
        .find(|o| o.label == choice)
        .or_else(|| {
            options
                .iter()
                .find(|o| o.label.eq_ignore_ascii_case(choice))
        })
        .or_else(|| options.iter().find(|o| o.id.as_deref() == Some(choice)));
    match found.and_then(|o| o.id.clone()) {
        Some(id) => Ok(id),
        None => {
            let labels: Vec<String> = options.iter().map(|o| format!("{:?}", o.label)).collect();
            Err(CustomFieldValueError::new(format!(
                "custom field {:?} has no option {choice:?}; its options are {}",
                field.name,
                if labels.is_empty() {
                    "none".to_owned()
                } else {
                    labels.join(", ")
                }
            )))
        }
    }
}
