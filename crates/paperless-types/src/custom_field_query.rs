//! The `custom_field_query` language of `GET /api/documents/?custom_field_query=...`: filters on
//! custom field values, written as JSON.
//!
//! An expression is either an **atom** `[field, operator, value]`, where `field` is a custom
//! field's name or id, or a **logical** expression: `["AND", [q1, q2, ...]]`,
//! `["OR", [q1, q2, ...]]` or `["NOT", q]`. Which operators a field accepts depends on its data
//! type (the server's `CustomFieldQueryParser`):
//!
//! | data type | operators |
//! |---|---|
//! | `string`, `url`, `longtext` | `exact`, `in`, `isnull`, `exists`, `icontains`, `istartswith`, `iendswith` |
//! | `date` | `exact`, `in`, `isnull`, `exists`, `gt`, `gte`, `lt`, `lte`, `range`, and `year__gte` style date parts |
//! | `boolean`, `select` | `exact`, `in`, `isnull`, `exists` |
//! | `integer`, `float` | `exact`, `in`, `isnull`, `exists`, `gt`, `gte`, `lt`, `lte`, `range` |
//! | `monetary` | all of `string` and of `integer` (numeric operators compare the amount only) |
//! | `documentlink` | `exact`, `in`, `isnull`, `exists`, `contains` |
//!
//! The typed builders ([`CustomFieldQuery::date`], [`CustomFieldQuery::monetary`], ...) offer
//! exactly these operators, with value types that fit; [`CustomFieldQuery::atom`] takes anything
//! for operators this crate does not know. The server rejects queries nested deeper than
//! [`MAX_DEPTH`] or with more than [`MAX_ATOMS`] atoms; [`CustomFieldQuery::to_query_string`]
//! refuses them before anything is sent.
//!
//! ```
//! use chrono::NaiveDate;
//! use paperless_types::custom_field_query::CustomFieldQuery as Q;
//!
//! let due = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap_or_default();
//! let query = Q::and([Q::date("Due Date").gte(due), Q::boolean("Paid").exact(false)]);
//! assert_eq!(
//!     query.to_query_string()?,
//!     r#"["AND",[["Due Date","gte","2025-03-01"],["Paid","exact",false]]]"#
//! );
//! # Ok::<(), paperless_types::custom_field_query::CustomFieldQueryError>(())
//! ```

use std::fmt;
use std::ops::{BitAnd, BitOr, Not};

use chrono::NaiveDate;
use serde::de::Error as _;
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::custom_field::{CustomField, Monetary};
use crate::ids::{CustomFieldId, DocumentId};

/// The deepest nesting the server accepts (`CUSTOM_FIELD_QUERY_MAX_DEPTH`): an atom alone has
/// depth 1, `["NOT", atom]` depth 2.
pub const MAX_DEPTH: usize = 10;

/// The most atoms one query may contain (`CUSTOM_FIELD_QUERY_MAX_ATOMS`).
pub const MAX_ATOMS: usize = 20;

/// Which custom field an atom tests: by name (as shown in the web UI) or by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FieldRef {
    /// The field's primary key; written as a JSON number.
    Id(CustomFieldId),
    /// The field's unique name; written as a JSON string.
    Name(String),
}

impl From<CustomFieldId> for FieldRef {
    fn from(id: CustomFieldId) -> Self {
        Self::Id(id)
    }
}

impl From<&str> for FieldRef {
    fn from(name: &str) -> Self {
        Self::Name(name.to_owned())
    }
}

impl From<String> for FieldRef {
    fn from(name: String) -> Self {
        Self::Name(name)
    }
}

impl From<&CustomField> for FieldRef {
    /// Refers to a fetched field definition by its id.
    fn from(field: &CustomField) -> Self {
        Self::Id(field.id)
    }
}

impl Serialize for FieldRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Id(id) => id.serialize(serializer),
            Self::Name(name) => name.serialize(serializer),
        }
    }
}

/// One condition: `[field, operator, value]`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Atom {
    /// The custom field tested.
    pub field: FieldRef,
    /// The operator, as the server spells it (`"exact"`, `"gte"`, `"year__gte"`, ...).
    pub op: String,
    /// The operand: a string, number, boolean, or a list for `in`, `range` and `contains`.
    pub value: Value,
}

impl Atom {
    /// An atom with any operator and operand.
    #[must_use]
    pub fn new(field: impl Into<FieldRef>, op: impl Into<String>, value: impl Into<Value>) -> Self {
        Self {
            field: field.into(),
            op: op.into(),
            value: value.into(),
        }
    }
}

/// A `custom_field_query` expression; see the [module documentation](self).
///
/// Serializes to the server's JSON form; `Display` writes the same text.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum CustomFieldQuery {
    /// `[field, op, value]`.
    Atom(Atom),
    /// `["AND", [...]]`: every operand matches.
    And(Vec<CustomFieldQuery>),
    /// `["OR", [...]]`: at least one operand matches.
    Or(Vec<CustomFieldQuery>),
    /// `["NOT", q]`: the operand does not match.
    Not(Box<CustomFieldQuery>),
}

impl CustomFieldQuery {
    /// An atom with any operator and operand, for operators the typed builders do not offer.
    #[must_use]
    pub fn atom(
        field: impl Into<FieldRef>,
        op: impl Into<String>,
        value: impl Into<Value>,
    ) -> Self {
        Self::Atom(Atom::new(field, op, value))
    }

    /// `["AND", [...]]`: documents matching every query.
    #[must_use]
    pub fn and(queries: impl IntoIterator<Item = CustomFieldQuery>) -> Self {
        Self::And(queries.into_iter().collect())
    }

    /// `["OR", [...]]`: documents matching at least one query.
    #[must_use]
    pub fn or(queries: impl IntoIterator<Item = CustomFieldQuery>) -> Self {
        Self::Or(queries.into_iter().collect())
    }

    /// `["NOT", q]`: documents not matching `query` (also written `!query`).
    #[must_use]
    pub fn negate(query: CustomFieldQuery) -> Self {
        Self::Not(Box::new(query))
    }

    /// A `string` field.
    #[must_use]
    pub fn string(field: impl Into<FieldRef>) -> TextField {
        TextField::new(field.into())
    }

    /// A `url` field.
    #[must_use]
    pub fn url(field: impl Into<FieldRef>) -> TextField {
        TextField::new(field.into())
    }

    /// A `longtext` field.
    #[must_use]
    pub fn long_text(field: impl Into<FieldRef>) -> TextField {
        TextField::new(field.into())
    }

    /// A `date` field.
    #[must_use]
    pub fn date(field: impl Into<FieldRef>) -> DateField {
        DateField {
            field: field.into(),
        }
    }

    /// A `boolean` field.
    #[must_use]
    pub fn boolean(field: impl Into<FieldRef>) -> BooleanField {
        BooleanField {
            field: field.into(),
        }
    }

    /// An `integer` field.
    #[must_use]
    pub fn integer(field: impl Into<FieldRef>) -> IntegerField {
        IntegerField {
            field: field.into(),
        }
    }

    /// A `float` field.
    #[must_use]
    pub fn float(field: impl Into<FieldRef>) -> FloatField {
        FloatField {
            field: field.into(),
        }
    }

    /// A `monetary` field.
    #[must_use]
    pub fn monetary(field: impl Into<FieldRef>) -> MonetaryField {
        MonetaryField {
            field: field.into(),
        }
    }

    /// A `documentlink` field.
    #[must_use]
    pub fn document_link(field: impl Into<FieldRef>) -> DocumentLinkField {
        DocumentLinkField {
            field: field.into(),
        }
    }

    /// A `select` field.
    #[must_use]
    pub fn select(field: impl Into<FieldRef>) -> SelectField {
        SelectField {
            field: field.into(),
        }
    }

    /// How deeply the expression nests, counted as the server does: an atom is 1, each
    /// `AND`/`OR`/`NOT` adds 1.
    #[must_use]
    pub fn depth(&self) -> usize {
        match self {
            Self::Atom(_) => 1,
            Self::And(qs) | Self::Or(qs) => 1 + qs.iter().map(Self::depth).max().unwrap_or(0),
            Self::Not(q) => 1 + q.depth(),
        }
    }

    /// How many atoms the expression contains.
    #[must_use]
    pub fn atom_count(&self) -> usize {
        match self {
            Self::Atom(_) => 1,
            Self::And(qs) | Self::Or(qs) => qs.iter().map(Self::atom_count).sum(),
            Self::Not(q) => q.atom_count(),
        }
    }

    /// Checks what the server would reject regardless of the fields: nesting deeper than
    /// [`MAX_DEPTH`], more than [`MAX_ATOMS`] atoms, an `AND`/`OR` without operands, an empty
    /// `in` list.
    ///
    /// # Errors
    /// [`CustomFieldQueryError`] saying which limit the query breaks.
    pub fn validate(&self) -> Result<(), CustomFieldQueryError> {
        let depth = self.depth();
        if depth > MAX_DEPTH {
            return Err(CustomFieldQueryError::new(Problem::TooDeep(depth)));
        }
        let atoms = self.atom_count();
        if atoms > MAX_ATOMS {
            return Err(CustomFieldQueryError::new(Problem::TooManyAtoms(atoms)));
        }
        self.check_lists()
    }

    fn check_lists(&self) -> Result<(), CustomFieldQueryError> {
        match self {
            Self::Atom(atom) => {
                if atom.op == "in" && atom.value.as_array().is_some_and(Vec::is_empty) {
                    return Err(CustomFieldQueryError::new(Problem::EmptyIn(
                        atom.field.clone(),
                    )));
                }
                Ok(())
            }
            Self::And(qs) | Self::Or(qs) => {
                if qs.is_empty() {
                    let op = if matches!(self, Self::And(_)) {
                        "AND"
                    } else {
                        "OR"
                    };
                    return Err(CustomFieldQueryError::new(Problem::EmptyList(op)));
                }
                qs.iter().try_for_each(Self::check_lists)
            }
            Self::Not(q) => q.check_lists(),
        }
    }

    /// The value of the `custom_field_query` parameter: compact JSON, after
    /// [`validate`](Self::validate).
    ///
    /// # Errors
    /// As [`validate`](Self::validate).
    pub fn to_query_string(&self) -> Result<String, CustomFieldQueryError> {
        self.validate()?;
        Ok(self.to_string())
    }

    /// Reads a query from its JSON text (for example one stored in a saved view's filter rules).
    ///
    /// # Errors
    /// [`serde_json::Error`] when the text is not JSON or not a query expression.
    pub fn from_query_string(text: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(text)
    }

    fn from_value(value: &Value) -> Result<Self, String> {
        let items = value
            .as_array()
            .ok_or_else(|| format!("expected a JSON list, found {value}"))?;
        match items.as_slice() {
            [field, op, operand] => {
                let field = match field {
                    Value::String(name) => FieldRef::Name(name.clone()),
                    Value::Number(n) => n
                        .as_u64()
                        .map(|id| FieldRef::Id(CustomFieldId(id)))
                        .ok_or_else(|| format!("custom field id {n} is not a positive integer"))?,
                    other => return Err(format!("expected a field name or id, found {other}")),
                };
                let op = op
                    .as_str()
                    .ok_or_else(|| format!("expected an operator string, found {op}"))?;
                Ok(Self::atom(field, op, operand.clone()))
            }
            [op, operand] => {
                let op = op
                    .as_str()
                    .ok_or_else(|| format!("expected AND, OR or NOT, found {op}"))?;
                match op.to_ascii_uppercase().as_str() {
                    "NOT" => Ok(Self::negate(Self::from_value(operand)?)),
                    logical @ ("AND" | "OR") => {
                        let operands = operand
                            .as_array()
                            .ok_or_else(|| format!("{logical} needs a list of queries"))?
                            .iter()
                            .map(Self::from_value)
                            .collect::<Result<Vec<_>, _>>()?;
                        Ok(if logical == "AND" {
                            Self::And(operands)
                        } else {
                            Self::Or(operands)
                        })
                    }
                    _ => Err(format!("invalid logical operator {op:?}")),
                }
            }
            _ => Err(format!(
                "a query is [field, op, value] or [AND|OR|NOT, ...], found a list of {}",
                items.len()
            )),
        }
    }
}

impl Serialize for CustomFieldQuery {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Atom(atom) => {
                let mut seq = serializer.serialize_seq(Some(3))?;
                seq.serialize_element(&atom.field)?;
                seq.serialize_element(&atom.op)?;
                seq.serialize_element(&atom.value)?;
                seq.end()
            }
            Self::And(qs) | Self::Or(qs) => {
                let mut seq = serializer.serialize_seq(Some(2))?;
                seq.serialize_element(if matches!(self, Self::And(_)) {
                    "AND"
                } else {
                    "OR"
                })?;
                seq.serialize_element(qs)?;
                seq.end()
            }
            Self::Not(q) => {
                let mut seq = serializer.serialize_seq(Some(2))?;
                seq.serialize_element("NOT")?;
                seq.serialize_element(q)?;
                seq.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for CustomFieldQuery {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value).map_err(D::Error::custom)
    }
}

impl fmt::Display for CustomFieldQuery {
    /// The compact JSON text, without validation.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = serde_json::to_string(self).map_err(|_| fmt::Error)?;
        f.write_str(&text)
    }
}

impl From<Atom> for CustomFieldQuery {
    fn from(atom: Atom) -> Self {
        Self::Atom(atom)
    }
}

impl Not for CustomFieldQuery {
    type Output = Self;

    /// `["NOT", self]`; `!!q` is `q` again.
    fn not(self) -> Self {
        match self {
            Self::Not(inner) => *inner,
            other => Self::negate(other),
        }
    }
}

impl BitAnd for CustomFieldQuery {
    type Output = Self;

    /// `["AND", [self, rhs]]`, extending `self` when it is already an `AND` (so `a & b & c` is one
    /// level deep).
    fn bitand(self, rhs: Self) -> Self {
        match self {
            Self::And(mut qs) => {
                qs.push(rhs);
                Self::And(qs)
            }
            lhs => Self::And(vec![lhs, rhs]),
        }
    }
}

impl BitOr for CustomFieldQuery {
    type Output = Self;

    /// `["OR", [self, rhs]]`, extending `self` when it is already an `OR`.
    fn bitor(self, rhs: Self) -> Self {
        match self {
            Self::Or(mut qs) => {
                qs.push(rhs);
                Self::Or(qs)
            }
            lhs => Self::Or(vec![lhs, rhs]),
        }
    }
}

/// Why a query was refused before sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomFieldQueryError {
    problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    TooDeep(usize),
    TooManyAtoms(usize),
    EmptyList(&'static str),
    EmptyIn(FieldRef),
}

impl CustomFieldQueryError {
    fn new(problem: Problem) -> Self {
        Self { problem }
    }
}

impl fmt::Display for CustomFieldQueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.problem {
            Problem::TooDeep(depth) => write!(
                f,
                "the custom field query nests {depth} levels deep, but the server accepts at \
                 most {MAX_DEPTH}; flatten nested ANDs and ORs"
            ),
            Problem::TooManyAtoms(count) => write!(
                f,
                "the custom field query has {count} conditions, but the server accepts at most \
                 {MAX_ATOMS}; split it into several requests or use `in` lists"
            ),
            Problem::EmptyList(op) => write!(
                f,
                "an {op} in the custom field query has no operands; the server needs at least one"
            ),
            Problem::EmptyIn(field) => {
                let field = match field {
                    FieldRef::Id(id) => format!("field {id}"),
                    FieldRef::Name(name) => format!("field {name:?}"),
                };
                write!(
                    f,
                    "the `in` condition on {field} has no values; the server needs at least one"
                )
            }
        }
    }
}

impl std::error::Error for CustomFieldQueryError {}

/// A part of a date that `date` fields can be compared on (`["Due", "year__gte", 2025]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DatePart {
    /// The calendar year.
    Year,
    /// The ISO 8601 week-numbering year.
    IsoYear,
    /// The month, 1 to 12.
    Month,
    /// The day of the month, 1 to 31.
    Day,
    /// The ISO 8601 week number, 1 to 53.
    Week,
    /// The day of the week, 1 (Sunday) to 7 (Saturday).
    WeekDay,
    /// The ISO 8601 day of the week, 1 (Monday) to 7 (Sunday).
    IsoWeekDay,
    /// The quarter of the year, 1 to 4.
    Quarter,
}

impl DatePart {
    /// The server's name of the part, used as an operator prefix (`year`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::IsoYear => "iso_year",
            Self::Month => "month",
            Self::Day => "day",
            Self::Week => "week",
            Self::WeekDay => "week_day",
            Self::IsoWeekDay => "iso_week_day",
            Self::Quarter => "quarter",
        }
    }
}

fn atom(field: &FieldRef, op: impl Into<String>, value: Value) -> CustomFieldQuery {
    CustomFieldQuery::Atom(Atom {
        field: field.clone(),
        op: op.into(),
        value,
    })
}

fn date_value(date: NaiveDate) -> Value {
    Value::String(date.format("%Y-%m-%d").to_string())
}

/// The amount of a monetary value as the server compares it: a decimal without currency.
fn amount_value(amount: Monetary) -> Value {
    Value::String(Monetary::new(None, amount.amount_cents).to_string())
}

/// `exact`, `in`, `isnull` and `exists`, which every data type supports.
macro_rules! basic_ops {
    ($builder:ident, [$($bound:tt)+], |$v:ident| $conv:expr) => {
        impl $builder {
            /// Values equal to `value` (`exact`).
            #[must_use]
            pub fn exact(&self, value: impl $($bound)+) -> CustomFieldQuery {
                let $v = value;
                atom(&self.field, "exact", $conv)
            }

            /// Values equal to one of `values` (`in`; at least one value).
            #[must_use]
            pub fn r#in<I>(&self, values: I) -> CustomFieldQuery
            where
                I: IntoIterator,
                I::Item: $($bound)+,
            {
                let list = values.into_iter().map(|$v| $conv).collect();
                atom(&self.field, "in", Value::Array(list))
            }

            /// Documents whose value of the field is (`true`) or is not (`false`) empty
            /// (`isnull`); documents without the field never match.
            #[must_use]
            pub fn isnull(&self, null: bool) -> CustomFieldQuery {
                atom(&self.field, "isnull", Value::Bool(null))
            }

            /// Documents that have (`true`) or do not have (`false`) the field attached
            /// (`exists`), whatever its value.
            #[must_use]
            pub fn exists(&self, attached: bool) -> CustomFieldQuery {
                atom(&self.field, "exists", Value::Bool(attached))
            }
        }
    };
}

/// `gt`, `gte`, `lt`, `lte` and `range`.
macro_rules! arithmetic_ops {
    ($builder:ident, [$($bound:tt)+], |$v:ident| $conv:expr) => {
        impl $builder {
            /// Values greater than `value` (`gt`).
            #[must_use]
            pub fn gt(&self, value: impl $($bound)+) -> CustomFieldQuery {
                let $v = value;
                atom(&self.op_field(), self.op("gt"), $conv)
            }

            /// Values greater than or equal to `value` (`gte`).
            #[must_use]
            pub fn gte(&self, value: impl $($bound)+) -> CustomFieldQuery {
                let $v = value;
                atom(&self.op_field(), self.op("gte"), $conv)
            }

            /// Values less than `value` (`lt`).
            #[must_use]
            pub fn lt(&self, value: impl $($bound)+) -> CustomFieldQuery {
                let $v = value;
                atom(&self.op_field(), self.op("lt"), $conv)
            }

            /// Values less than or equal to `value` (`lte`).
            #[must_use]
            pub fn lte(&self, value: impl $($bound)+) -> CustomFieldQuery {
                let $v = value;
                atom(&self.op_field(), self.op("lte"), $conv)
            }

            /// Values from `start` to `end`, both included (`range`).
            #[must_use]
            pub fn range(&self, start: impl $($bound)+, end: impl $($bound)+) -> CustomFieldQuery {
                let first = {
                    let $v = start;
                    $conv
                };
                let last = {
                    let $v = end;
                    $conv
                };
                atom(&self.op_field(), self.op("range"), Value::Array(vec![first, last]))
            }
        }
    };
}

/// `icontains`, `istartswith` and `iendswith`.
macro_rules! string_ops {
    ($builder:ident) => {
        impl $builder {
            /// Values containing `text`, ignoring case (`icontains`).
            #[must_use]
            pub fn icontains(&self, text: impl Into<String>) -> CustomFieldQuery {
                atom(&self.field, "icontains", Value::String(text.into()))
            }

            /// Values starting with `text`, ignoring case (`istartswith`).
            #[must_use]
            pub fn istartswith(&self, text: impl Into<String>) -> CustomFieldQuery {
                atom(&self.field, "istartswith", Value::String(text.into()))
            }

            /// Values ending with `text`, ignoring case (`iendswith`).
            #[must_use]
            pub fn iendswith(&self, text: impl Into<String>) -> CustomFieldQuery {
                atom(&self.field, "iendswith", Value::String(text.into()))
            }
        }
    };
}

/// Plain operators on the field itself (no date-part prefix).
macro_rules! plain_field {
    ($builder:ident) => {
        impl $builder {
            fn op_field(&self) -> FieldRef {
                self.field.clone()
            }

            fn op(&self, op: &'static str) -> String {
                op.to_owned()
            }
        }
    };
}

/// Conditions on a `string`, `url` or `longtext` field (from [`CustomFieldQuery::string`],
/// [`CustomFieldQuery::url`] or [`CustomFieldQuery::long_text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextField {
    field: FieldRef,
}

impl TextField {
    fn new(field: FieldRef) -> Self {
        Self { field }
    }
}

basic_ops!(TextField, [Into<String>], |v| Value::String(v.into()));
string_ops!(TextField);

/// Conditions on a `date` field (from [`CustomFieldQuery::date`]). Dates are written
/// `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateField {
    field: FieldRef,
}

basic_ops!(DateField, [Into<NaiveDate>], |v| date_value(v.into()));
plain_field!(DateField);
arithmetic_ops!(DateField, [Into<NaiveDate>], |v| date_value(v.into()));

impl DateField {
    /// Conditions on one part of the date, such as the year (`year__gte`).
    #[must_use]
    pub fn part(&self, part: DatePart) -> DatePartField {
        DatePartField {
            field: self.field.clone(),
            part,
        }
    }
}

/// Conditions on a part of a `date` field (from [`DateField::part`]): whole numbers compared with
/// `{part}__{op}` operators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatePartField {
    field: FieldRef,
    part: DatePart,
}

impl DatePartField {
    fn op_field(&self) -> FieldRef {
        self.field.clone()
    }

    fn op(&self, op: &'static str) -> String {
        format!("{}__{op}", self.part.as_str())
    }

    /// Dates whose part equals `value` (`{part}__exact`).
    #[must_use]
    pub fn exact(&self, value: impl Into<i64>) -> CustomFieldQuery {
        atom(&self.field, self.op("exact"), Value::from(value.into()))
    }

    /// Dates whose part is one of `values` (`{part}__in`; at least one value).
    #[must_use]
    pub fn r#in<I>(&self, values: I) -> CustomFieldQuery
    where
        I: IntoIterator,
        I::Item: Into<i64>,
    {
        let list = values.into_iter().map(|v| Value::from(v.into())).collect();
        atom(&self.field, self.op("in"), Value::Array(list))
    }
}

arithmetic_ops!(DatePartField, [Into<i64>], |v| Value::from(v.into()));

/// Conditions on a `boolean` field (from [`CustomFieldQuery::boolean`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BooleanField {
    field: FieldRef,
}

basic_ops!(BooleanField, [Into<bool>], |v| Value::Bool(v.into()));

/// Conditions on an `integer` field (from [`CustomFieldQuery::integer`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegerField {
    field: FieldRef,
}

basic_ops!(IntegerField, [Into<i64>], |v| Value::from(v.into()));
plain_field!(IntegerField);
arithmetic_ops!(IntegerField, [Into<i64>], |v| Value::from(v.into()));

/// Conditions on a `float` field (from [`CustomFieldQuery::float`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FloatField {
    field: FieldRef,
}

basic_ops!(FloatField, [Into<f64>], |v| Value::from(v.into()));
plain_field!(FloatField);
arithmetic_ops!(FloatField, [Into<f64>], |v| Value::from(v.into()));

/// Conditions on a `monetary` field (from [`CustomFieldQuery::monetary`]).
///
/// `exact`, `in` and the comparisons take a [`Monetary`] and compare its **amount** only: the
/// server strips the currency of stored values and operands alike, so `EUR10.00` equals
/// `USD10.00`. To match a currency, use the text operators on the stored form
/// (`icontains("EUR")`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonetaryField {
    field: FieldRef,
}

basic_ops!(MonetaryField, [Into<Monetary>], |v| amount_value(v.into()));
plain_field!(MonetaryField);
arithmetic_ops!(MonetaryField, [Into<Monetary>], |v| amount_value(v.into()));
string_ops!(MonetaryField);

/// Conditions on a `documentlink` field (from [`CustomFieldQuery::document_link`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentLinkField {
    field: FieldRef,
}

fn id_list(ids: impl IntoIterator<Item = DocumentId>) -> Value {
    Value::Array(ids.into_iter().map(|id| Value::from(id.0)).collect())
}

impl DocumentLinkField {
    /// Fields linking exactly these documents (`exact`).
    #[must_use]
    pub fn exact(&self, documents: impl IntoIterator<Item = DocumentId>) -> CustomFieldQuery {
        atom(&self.field, "exact", id_list(documents))
    }

    /// Fields linking at least all of these documents (`contains`); an empty list matches every
    /// document whose field has a value.
    #[must_use]
    pub fn contains(&self, documents: impl IntoIterator<Item = DocumentId>) -> CustomFieldQuery {
        atom(&self.field, "contains", id_list(documents))
    }

    /// Documents whose field is (`true`) or is not (`false`) empty (`isnull`).
    #[must_use]
    pub fn isnull(&self, null: bool) -> CustomFieldQuery {
        atom(&self.field, "isnull", Value::Bool(null))
    }

    /// Documents that have (`true`) or do not have (`false`) the field attached (`exists`).
    #[must_use]
    pub fn exists(&self, attached: bool) -> CustomFieldQuery {
        atom(&self.field, "exists", Value::Bool(attached))
    }
}

/// Conditions on a `select` field (from [`CustomFieldQuery::select`]). Options are given by id
/// or by label: the server maps a label to its option id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectField {
    field: FieldRef,
}

basic_ops!(SelectField, [Into<String>], |v| Value::String(v.into()));

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    type Q = CustomFieldQuery;

    #[test]
    fn large_floats_read_back_exactly() {
        // Found by fuzzing: without serde_json's float_roundtrip, the last digit changed.
        let text = r#"["Amount","gt",7.333333333333334e111]"#;
        let query = Q::from_query_string(text).unwrap_or_else(|e| panic!("{e}"));
        let again = Q::from_query_string(&query.to_string()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again, query);
        assert!(
            query.to_string().contains("7.333333333333334e+111"),
            "{query}"
        );
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn atoms_serialize_as_the_server_reads_them() {
        assert_eq!(
            Q::boolean("Paid").exact(false).to_string(),
            r#"["Paid","exact",false]"#
        );
        assert_eq!(
            Q::select(CustomFieldId(9)).exact("High").to_string(),
            r#"[9,"exact","High"]"#
        );
        assert_eq!(
            Q::date("Due").part(DatePart::Year).gte(2025).to_string(),
            r#"["Due","year__gte",2025]"#
        );
        assert_eq!(
            Q::monetary("Amount")
                .range(Monetary::new(Some("EUR"), 1000), Monetary::new(None, 5050))
                .to_string(),
            r#"["Amount","range",["10.00","50.50"]]"#
        );
        assert_eq!(
            Q::date("Due")
                .range(date(2025, 1, 1), date(2025, 3, 31))
                .to_string(),
            r#"["Due","range",["2025-01-01","2025-03-31"]]"#
        );
    }

    #[test]
    fn operators_combine_and_flatten() {
        let a = Q::boolean("Paid").exact(true);
        let b = Q::integer("Count").gt(3);
        let c = Q::string("Ref").icontains("x");
        let all = a.clone() & b.clone() & c.clone();
        assert_eq!(all, Q::and([a.clone(), b.clone(), c.clone()]));
        assert_eq!(all.depth(), 2);
        assert_eq!(all.atom_count(), 3);
        let any = a.clone() | b.clone();
        assert_eq!(any, Q::or([a.clone(), b]));
        assert_eq!(!!a.clone(), a);
        assert_eq!((!a.clone()).to_string(), r#"["NOT",["Paid","exact",true]]"#);
    }

    #[test]
    fn limits_are_refused_before_sending() {
        let mut deep = Q::boolean("Paid").exact(true);
        for _ in 0..(MAX_DEPTH - 1) {
            deep = Q::negate(deep);
        }
        assert_eq!(deep.depth(), MAX_DEPTH);
        assert!(deep.validate().is_ok());
        let too_deep = Q::negate(deep);
        assert_eq!(
            too_deep.to_query_string().map_err(|e| e.to_string()),
            Err(
                "the custom field query nests 11 levels deep, but the server accepts at most \
                 10; flatten nested ANDs and ORs"
                    .to_owned()
            )
        );

        let atoms = |n: i64| Q::and((0..n).map(|i| Q::integer("Count").exact(i)));
        assert!(atoms(20).validate().is_ok());
        assert_eq!(
            atoms(21).validate().map_err(|e| e.to_string()),
            Err(
                "the custom field query has 21 conditions, but the server accepts at most 20; \
                 split it into several requests or use `in` lists"
                    .to_owned()
            )
        );
        assert_eq!(
            Q::or([]).validate().map_err(|e| e.to_string()),
            Err(
                "an OR in the custom field query has no operands; the server needs at least one"
                    .to_owned()
            )
        );
        assert_eq!(
            Q::and([Q::select("Priority").r#in(Vec::<String>::new())])
                .validate()
                .map_err(|e| e.to_string()),
            Err(
                "the `in` condition on field \"Priority\" has no values; the server needs at \
                 least one"
                    .to_owned()
            )
        );
    }

    #[test]
    fn queries_read_back_from_json() {
        let text = r#"["AND", [["Due Date", "gte", "2025-03-01"], ["not", [4, "exists", true]], ["or", [["Paid", "exact", false]]]]]"#;
        let q = Q::from_query_string(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            q,
            Q::and([
                Q::date("Due Date").gte(date(2025, 3, 1)),
                Q::negate(Q::atom(CustomFieldId(4), "exists", true)),
                Q::or([Q::boolean("Paid").exact(false)]),
            ])
        );
        let err = |t: &str| Q::from_query_string(t).err().map(|e| e.to_string());
        assert_eq!(
            err(r#"["XOR", []]"#).as_deref(),
            Some("invalid logical operator \"XOR\"")
        );
        assert_eq!(
            err(r#"[1, 2]"#).as_deref(),
            Some("expected AND, OR or NOT, found 1")
        );
        assert_eq!(
            err(r#"["a"]"#).as_deref(),
            Some("a query is [field, op, value] or [AND|OR|NOT, ...], found a list of 1")
        );
        assert_eq!(
            serde_json::to_value(&q).ok(),
            Some(json!([
                "AND",
                [
                    ["Due Date", "gte", "2025-03-01"],
                    ["NOT", [4, "exists", true]],
                    ["OR", [["Paid", "exact", false]]]
                ]
            ]))
        );
    }
}
