//! Saved views: named document list filters, with their sorting and display settings.
//!
//! Endpoints:
//! - `GET /api/saved_views/` → [`Page`](crate::Page)`<`[`SavedView`]`>`
//! - `GET /api/saved_views/{id}/` → [`SavedView`] (`full_perms=true` swaps `user_can_change` for
//!   `permissions`)
//! - `POST /api/saved_views/` with [`NewSavedView`] → [`SavedView`] (201)
//! - `PUT`/`PATCH /api/saved_views/{id}/` with [`SavedViewPatch`] → [`SavedView`]
//! - `DELETE /api/saved_views/{id}/` → 204, empty body
//!
//! API v10 moved "show on dashboard" and "show in sidebar" out of the saved view into the user's
//! UI settings (`saved_views.dashboard_views_visible_ids` / `sidebar_views_visible_ids`, see
//! [`crate::ui_settings`]). With API v9 the server still reads and writes them as
//! [`SavedView::show_on_dashboard`] and [`SavedView::show_in_sidebar`].

use serde::{Deserialize, Serialize};

use crate::ids::{CustomFieldId, SavedViewId, UserId};
use crate::patch::Patch;
use crate::permissions::Permissions;

/// A saved view as the server returns it.
///
/// ```
/// use paperless_types::saved_view::{DisplayMode, FilterRuleType, SavedView};
///
/// let json = r#"{"id":1,"name":"Open invoices","sort_field":"created","sort_reverse":true,
///   "filter_rules":[{"rule_type":4,"value":"1"},{"rule_type":17,"value":"5"}],
///   "page_size":25,"display_mode":"table","display_fields":["title","created"],
///   "owner":2,"user_can_change":true}"#;
/// let view: SavedView = serde_json::from_str(json)?;
/// assert_eq!(view.filter_rules[0].rule_type, FilterRuleType::DocumentType);
/// assert_eq!(view.filter_rules[1].rule_type, FilterRuleType::DoesNotHaveTag);
/// assert_eq!(view.display_mode, Some(DisplayMode::Table));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SavedView {
    /// Primary key.
    pub id: SavedViewId,
    /// Display name.
    pub name: String,
    /// The document field the list is sorted by (an `ordering` value of `GET /api/documents/`
    /// without the `-`, such as `created`, `title` or `custom_field_3`); `None` for the default.
    #[serde(default)]
    pub sort_field: Option<String>,
    /// Whether the sort order is descending.
    pub sort_reverse: bool,
    /// The filter, as rules that all apply together.
    #[serde(default)]
    pub filter_rules: Vec<FilterRule>,
    /// Number of documents per page in this view; `None` uses the user's default.
    #[serde(default)]
    pub page_size: Option<u64>,
    /// How the web UI shows the documents; `None` uses the user's default.
    #[serde(default)]
    pub display_mode: Option<DisplayMode>,
    /// Which document fields the web UI shows, in order; `None` uses the default set.
    #[serde(default)]
    pub display_fields: Option<Vec<DisplayField>>,
    /// The owning user; `None` means the view is unowned.
    #[serde(default)]
    pub owner: Option<UserId>,
    /// Whether the requesting user may change the view; sent unless `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_can_change: Option<bool>,
    /// Who may view and change the saved view; sent only with `full_perms=true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions: Option<Permissions>,
    /// API v9 only: whether the view is shown on the requesting user's dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_on_dashboard: Option<bool>,
    /// API v9 only: whether the view is shown in the requesting user's sidebar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_in_sidebar: Option<bool>,
}

/// One rule of a saved view's filter: a [`FilterRuleType`] and its value as a string.
///
/// The value's meaning depends on the rule type: an object id (`"5"`), a date (`"2024-01-31"`), a
/// relative date (`"-90 day"`), a boolean (`"1"`/`"0"`, `"true"`), free text, or a custom field
/// query in JSON (`["Paid", "exact", true]`). Rules of "... in" types appear once per id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FilterRule {
    /// What the rule tests.
    pub rule_type: FilterRuleType,
    /// The value tested against; may be `null`.
    #[serde(default)]
    pub value: Option<String>,
}

impl FilterRule {
    /// A rule of this type with this value.
    #[must_use]
    pub fn new(rule_type: FilterRuleType, value: impl Into<String>) -> Self {
        Self {
            rule_type,
            value: Some(value.into()),
        }
    }

    /// A rule of this type with a `null` value.
    #[must_use]
    pub fn without_value(rule_type: FilterRuleType) -> Self {
        Self {
            rule_type,
            value: None,
        }
    }
}

crate::open_enum::int_enum! {
    /// The type of a saved view [`FilterRule`] (`rule_type`), as defined by the server's
    /// `SavedViewFilterRule.RULE_TYPES`.
    ///
    /// Each variant's documentation names the server's label and the `GET /api/documents/` query
    /// parameter the web UI turns the rule into ([`FilterRuleType::query_parameter`]).
    pub enum FilterRuleType {
        /// `0` "title contains" (`title__icontains`); deprecated in favour of [`Self::SimpleTitle`].
        Title => 0,
        /// `1` "content contains" (`content__icontains`).
        Content => 1,
        /// `2` "ASN is" (`archive_serial_number`).
        Asn => 2,
        /// `3` "correspondent is" (`correspondent__id`).
        Correspondent => 3,
        /// `4` "document type is" (`document_type__id`).
        DocumentType => 4,
        /// `5` "is in inbox" (`is_in_inbox`).
        IsInInbox => 5,
        /// `6` "has tag" (`tags__id__all`): the document has all tags named by such rules.
        HasTagsAll => 6,
        /// `7` "has any tag" (`is_tagged`): the document has at least one tag (value boolean).
        HasAnyTag => 7,
        /// `8` "created before" (`created__date__lt`).
        CreatedBefore => 8,
        /// `9` "created after" (`created__date__gt`).
        CreatedAfter => 9,
        /// `10` "created year is" (`created__year`).
        CreatedYear => 10,
        /// `11` "created month is" (`created__month`).
        CreatedMonth => 11,
        /// `12` "created day is" (`created__day`).
        CreatedDay => 12,
        /// `13` "added before" (`added__date__lt`).
        AddedBefore => 13,
        /// `14` "added after" (`added__date__gt`).
        AddedAfter => 14,
        /// `15` "modified before" (`modified__date__lt`).
        ModifiedBefore => 15,
        /// `16` "modified after" (`modified__date__gt`).
        ModifiedAfter => 16,
        /// `17` "does not have tag" (`tags__id__none`).
        DoesNotHaveTag => 17,
        /// `18` "does not have ASN" (`archive_serial_number__isnull`).
        AsnIsNull => 18,
        /// `19` "title or content contains" (`title_content`); deprecated in favour of
        /// [`Self::SimpleText`].
        TitleContent => 19,
        /// `20` "fulltext query" (`query`).
        FulltextQuery => 20,
        /// `21` "more like this" (`more_like_id`).
        FulltextMoreLike => 21,
        /// `22` "has tags in" (`tags__id__in`): the document has any of the tags named by such rules.
        HasTagsAny => 22,
        /// `23` "ASN greater than" (`archive_serial_number__gt`).
        AsnGreaterThan => 23,
        /// `24` "ASN less than" (`archive_serial_number__lt`).
        AsnLessThan => 24,
        /// `25` "storage path is" (`storage_path__id`).
        StoragePath => 25,
        /// `26` "has correspondent in" (`correspondent__id__in`).
        HasCorrespondentAny => 26,
        /// `27` "does not have correspondent in" (`correspondent__id__none`).
        DoesNotHaveCorrespondent => 27,
        /// `28` "has document type in" (`document_type__id__in`).
        HasDocumentTypeAny => 28,
        /// `29` "does not have document type in" (`document_type__id__none`).
        DoesNotHaveDocumentType => 29,
        /// `30` "has storage path in" (`storage_path__id__in`).
        HasStoragePathAny => 30,
        /// `31` "does not have storage path in" (`storage_path__id__none`).
        DoesNotHaveStoragePath => 31,
        /// `32` "owner is" (`owner__id`).
        Owner => 32,
        /// `33` "has owner in" (`owner__id__in`).
        OwnerAny => 33,
        /// `34` "does not have owner" (`owner__isnull`).
        OwnerIsNull => 34,
        /// `35` "does not have owner in" (`owner__id__none`).
        OwnerDoesNotInclude => 35,
        /// `36` "has custom field value" (`custom_fields__icontains`); deprecated.
        CustomFieldsText => 36,
        /// `37` "is shared by me" (`shared_by__id`).
        SharedByUser => 37,
        /// `38` "has custom fields" (`custom_fields__id__all`).
        HasCustomFieldsAll => 38,
        /// `39` "has custom field in" (`custom_fields__id__in`).
        HasCustomFieldsAny => 39,
        /// `40` "does not have custom field in" (`custom_fields__id__none`).
        DoesNotHaveCustomFields => 40,
        /// `41` "does not have custom field" (`has_custom_fields`, value boolean).
        HasAnyCustomFields => 41,
        /// `42` "custom fields query" (`custom_field_query`, value a JSON query).
        CustomFieldsQuery => 42,
        /// `43` "created to" (`created__date__lte`).
        CreatedTo => 43,
        /// `44` "created from" (`created__date__gte`).
        CreatedFrom => 44,
        /// `45` "added to" (`added__date__lte`).
        AddedTo => 45,
        /// `46` "added from" (`added__date__gte`).
        AddedFrom => 46,
        /// `47` "mime type is" (`mime_type`).
        MimeType => 47,
        /// `48` "simple title search" (`title_search`).
        SimpleTitle => 48,
        /// `49` "simple text search" (`text`).
        SimpleText => 49,
    }
}

impl Default for FilterRuleType {
    /// [`FilterRuleType::Title`] (`0`), the first rule type.
    fn default() -> Self {
        Self::Title
    }
}

impl FilterRuleType {
    /// The `GET /api/documents/` query parameter the web UI turns a rule of this type into, or
    /// `None` for a type this crate does not know.
    ///
    /// ```
    /// use paperless_types::saved_view::FilterRuleType;
    ///
    /// assert_eq!(FilterRuleType::HasTagsAny.query_parameter(), Some("tags__id__in"));
    /// assert_eq!(FilterRuleType::Other(99).query_parameter(), None);
    /// ```
    #[must_use]
    pub const fn query_parameter(self) -> Option<&'static str> {
        Some(match self {
            Self::Title => "title__icontains",
            Self::Content => "content__icontains",
            Self::Asn => "archive_serial_number",
            Self::Correspondent => "correspondent__id",
            Self::DocumentType => "document_type__id",
            Self::IsInInbox => "is_in_inbox",
            Self::HasTagsAll => "tags__id__all",
            Self::HasAnyTag => "is_tagged",
            Self::CreatedBefore => "created__date__lt",
            Self::CreatedAfter => "created__date__gt",
            Self::CreatedYear => "created__year",
            Self::CreatedMonth => "created__month",
            Self::CreatedDay => "created__day",
            Self::AddedBefore => "added__date__lt",
            Self::AddedAfter => "added__date__gt",
            Self::ModifiedBefore => "modified__date__lt",
            Self::ModifiedAfter => "modified__date__gt",
            Self::DoesNotHaveTag => "tags__id__none",
            Self::AsnIsNull => "archive_serial_number__isnull",
            Self::TitleContent => "title_content",
            Self::FulltextQuery => "query",
            Self::FulltextMoreLike => "more_like_id",
            Self::HasTagsAny => "tags__id__in",
            Self::AsnGreaterThan => "archive_serial_number__gt",
            Self::AsnLessThan => "archive_serial_number__lt",
            Self::StoragePath => "storage_path__id",
            Self::HasCorrespondentAny => "correspondent__id__in",
            Self::DoesNotHaveCorrespondent => "correspondent__id__none",
            Self::HasDocumentTypeAny => "document_type__id__in",
            Self::DoesNotHaveDocumentType => "document_type__id__none",
            Self::HasStoragePathAny => "storage_path__id__in",
            Self::DoesNotHaveStoragePath => "storage_path__id__none",
            Self::Owner => "owner__id",
            Self::OwnerAny => "owner__id__in",
            Self::OwnerIsNull => "owner__isnull",
            Self::OwnerDoesNotInclude => "owner__id__none",
            Self::CustomFieldsText => "custom_fields__icontains",
            Self::SharedByUser => "shared_by__id",
            Self::HasCustomFieldsAll => "custom_fields__id__all",
            Self::HasCustomFieldsAny => "custom_fields__id__in",
            Self::DoesNotHaveCustomFields => "custom_fields__id__none",
            Self::HasAnyCustomFields => "has_custom_fields",
            Self::CustomFieldsQuery => "custom_field_query",
            Self::CreatedTo => "created__date__lte",
            Self::CreatedFrom => "created__date__gte",
            Self::AddedTo => "added__date__lte",
            Self::AddedFrom => "added__date__gte",
            Self::MimeType => "mime_type",
            Self::SimpleTitle => "title_search",
            Self::SimpleText => "text",
            Self::Other(_) => return None,
        })
    }
}

crate::open_enum::string_enum! {
    /// How the web UI lays out a saved view's documents (`display_mode`).
    pub enum DisplayMode {
        /// `table`: one row per document.
        Table => "table",
        /// `smallCards`: small cards with thumbnails.
        SmallCards => "smallCards",
        /// `largeCards`: large cards with thumbnails and content preview.
        LargeCards => "largeCards",
    }
}

crate::open_enum::string_enum! {
    /// A document field shown by a saved view (`display_fields`).
    ///
    /// Custom fields are shown as `custom_field_<id>`, kept in [`DisplayField::Other`]; build one
    /// with [`DisplayField::custom_field`] and read it with [`DisplayField::custom_field_id`].
    pub enum DisplayField {
        /// `title`.
        Title => "title",
        /// `created`: the document date.
        Created => "created",
        /// `added`: when the document was added.
        Added => "added",
        /// `tag`: the tags.
        Tags => "tag",
        /// `correspondent`.
        Correspondent => "correspondent",
        /// `documenttype`.
        DocumentType => "documenttype",
        /// `storagepath`.
        StoragePath => "storagepath",
        /// `note`: the number of notes.
        Notes => "note",
        /// `owner`.
        Owner => "owner",
        /// `shared`: whether the document is shared.
        Shared => "shared",
        /// `asn`: the archive serial number.
        Asn => "asn",
        /// `pagecount`: the number of pages.
        PageCount => "pagecount",
    }
}

impl DisplayField {
    /// The display field of a custom field: `custom_field_<id>`.
    ///
    /// ```
    /// use paperless_types::{CustomFieldId, saved_view::DisplayField};
    ///
    /// let field = DisplayField::custom_field(CustomFieldId(3));
    /// assert_eq!(field.as_str(), "custom_field_3");
    /// assert_eq!(field.custom_field_id(), Some(CustomFieldId(3)));
    /// assert_eq!(DisplayField::Title.custom_field_id(), None);
    /// ```
    #[must_use]
    pub fn custom_field(id: CustomFieldId) -> Self {
        Self::Other(format!("custom_field_{id}"))
    }

    /// The custom field shown, when this is a `custom_field_<id>` display field.
    #[must_use]
    pub fn custom_field_id(&self) -> Option<CustomFieldId> {
        match self {
            Self::Other(s) => s.strip_prefix("custom_field_")?.parse().ok(),
            _ => None,
        }
    }
}

/// The body of `POST /api/saved_views/`: creates a saved view.
///
/// [`name`](Self::name) and [`filter_rules`](Self::filter_rules) are required (an empty rule list
/// is fine); other fields left `None` are not sent.
///
/// ```
/// use paperless_types::saved_view::{DisplayMode, FilterRule, FilterRuleType, NewSavedView};
///
/// let view = NewSavedView::new("Inbox", [FilterRule::new(FilterRuleType::IsInInbox, "1")])
///     .sort_field("added")
///     .sort_reverse(true)
///     .display_mode(DisplayMode::SmallCards);
/// assert_eq!(
///     serde_json::to_string(&view)?,
///     r#"{"name":"Inbox","sort_field":"added","sort_reverse":true,"filter_rules":[{"rule_type":5,"value":"1"}],"display_mode":"smallCards"}"#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewSavedView {
    /// Display name.
    pub name: String,
    /// The document field to sort by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_field: Option<String>,
    /// Whether to sort in descending order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_reverse: Option<bool>,
    /// The filter rules (required; may be empty).
    #[serde(default)]
    pub filter_rules: Vec<FilterRule>,
    /// Documents per page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u64>,
    /// How the web UI lays out the documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_mode: Option<DisplayMode>,
    /// Which document fields the web UI shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_fields: Option<Vec<DisplayField>>,
    /// API v9 only: show the view on the dashboard (with v10, edit the UI settings instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_on_dashboard: Option<bool>,
    /// API v9 only: show the view in the sidebar (with v10, edit the UI settings instead).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_in_sidebar: Option<bool>,
    /// The owner: [`Patch::Unchanged`] makes the requesting user the owner, [`Patch::Null`]
    /// creates an unowned view.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// View and change permissions to grant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl NewSavedView {
    /// A saved view with this name and filter.
    #[must_use]
    pub fn new(
        name: impl Into<String>,
        filter_rules: impl IntoIterator<Item = FilterRule>,
    ) -> Self {
        Self {
            name: name.into(),
            filter_rules: filter_rules.into_iter().collect(),
            ..Self::default()
        }
    }
}

crate::setters::setters! { NewSavedView {
    opt sort_field: String;
    opt sort_reverse: bool;
    opt page_size: u64;
    opt display_mode: DisplayMode;
    list display_fields: DisplayField;
    opt show_on_dashboard: bool;
    opt show_in_sidebar: bool;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

/// The body of `PATCH /api/saved_views/{id}/` (partial update) or `PUT` (replace).
///
/// Fields left `None` / [`Patch::Unchanged`] are not sent and keep their value; sending
/// [`filter_rules`](Self::filter_rules) replaces all rules.
///
/// ```
/// use paperless_types::saved_view::SavedViewPatch;
///
/// let patch = SavedViewPatch::new().page_size(Some(10)).display_fields(None);
/// assert_eq!(serde_json::to_string(&patch)?, r#"{"page_size":10,"display_fields":null}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SavedViewPatch {
    /// New display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// New sort field, or [`Patch::Null`] for the default order.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub sort_field: Patch<String>,
    /// Whether to sort in descending order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_reverse: Option<bool>,
    /// New filter rules, replacing all current ones.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_rules: Option<Vec<FilterRule>>,
    /// New page size, or [`Patch::Null`] for the user's default.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub page_size: Patch<u64>,
    /// New display mode, or [`Patch::Null`] for the user's default.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub display_mode: Patch<DisplayMode>,
    /// New display fields, or [`Patch::Null`] (or an empty list) for the default set.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub display_fields: Patch<Vec<DisplayField>>,
    /// API v9 only: show the view on the dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_on_dashboard: Option<bool>,
    /// API v9 only: show the view in the sidebar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub show_in_sidebar: Option<bool>,
    /// New owner, or [`Patch::Null`] to make the view unowned.
    #[serde(default, skip_serializing_if = "Patch::is_unchanged")]
    pub owner: Patch<UserId>,
    /// Replaces the view and change permissions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_permissions: Option<Permissions>,
}

impl SavedViewPatch {
    /// A patch that changes nothing yet.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
}

crate::setters::setters! { SavedViewPatch {
    opt name: String;
    patch sort_field: String;
    opt sort_reverse: bool;
    list filter_rules: FilterRule;
    patch page_size: u64;
    patch display_mode: DisplayMode;
    patch display_fields: Vec<DisplayField>;
    opt show_on_dashboard: bool;
    opt show_in_sidebar: bool;
    patch owner: UserId;
    opt set_permissions: Permissions;
}}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_saved_view_renders_the_captured_create_body() {
        let view = NewSavedView::new(
            "ZZ scratch view",
            [
                FilterRule::new(FilterRuleType::Title, "scratch"),
                FilterRule::new(
                    FilterRuleType::CustomFieldsQuery,
                    r#"["Paid", "exact", true]"#,
                ),
            ],
        )
        .sort_field("title")
        .sort_reverse(false)
        .display_mode(DisplayMode::LargeCards)
        .display_fields([DisplayField::Title, DisplayField::Tags, DisplayField::Notes]);
        assert_eq!(
            serde_json::to_string(&view).unwrap(),
            r#"{"name":"ZZ scratch view","sort_field":"title","sort_reverse":false,"filter_rules":[{"rule_type":0,"value":"scratch"},{"rule_type":42,"value":"[\"Paid\", \"exact\", true]"}],"display_mode":"largeCards","display_fields":["title","tag","note"]}"#
        );
    }

    #[test]
    fn v9_dashboard_flags_are_sent_when_set() {
        let view = NewSavedView::new("ZZ scratch v9 view", [])
            .show_on_dashboard(true)
            .show_in_sidebar(false)
            .sort_field("created")
            .sort_reverse(true);
        assert_eq!(
            serde_json::to_string(&view).unwrap(),
            r#"{"name":"ZZ scratch v9 view","sort_field":"created","sort_reverse":true,"filter_rules":[],"show_on_dashboard":true,"show_in_sidebar":false}"#
        );
    }

    #[test]
    fn put_body_clears_nullable_fields() {
        let put = SavedViewPatch::new()
            .name("ZZ scratch view put")
            .sort_field(None)
            .sort_reverse(false)
            .filter_rules([FilterRule::new(FilterRuleType::FulltextQuery, "telekom")])
            .page_size(None)
            .display_mode(None)
            .display_fields(None);
        assert_eq!(
            serde_json::to_string(&put).unwrap(),
            r#"{"name":"ZZ scratch view put","sort_field":null,"sort_reverse":false,"filter_rules":[{"rule_type":20,"value":"telekom"}],"page_size":null,"display_mode":null,"display_fields":null}"#
        );
    }

    #[test]
    fn unknown_rule_types_and_null_values_survive() {
        let rules: Vec<FilterRule> = serde_json::from_str(
            r#"[{"rule_type":99,"value":null},{"rule_type":46,"value":"-90 day"}]"#,
        )
        .unwrap();
        assert_eq!(
            rules[0],
            FilterRule::without_value(FilterRuleType::Other(99))
        );
        assert_eq!(rules[1].rule_type, FilterRuleType::AddedFrom);
        assert_eq!(
            serde_json::to_string(&rules).unwrap(),
            r#"[{"rule_type":99,"value":null},{"rule_type":46,"value":"-90 day"}]"#
        );
    }

    #[test]
    fn every_known_rule_type_has_a_query_parameter() {
        for n in 0..=49 {
            let t = FilterRuleType::from(n);
            assert!(!matches!(t, FilterRuleType::Other(_)), "{n} is unnamed");
            assert!(t.query_parameter().is_some(), "{n} has no parameter");
        }
    }
}
