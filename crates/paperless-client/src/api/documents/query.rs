//! The typed filters of `GET /api/documents/`: `impl List<Documents>`.

use chrono::{DateTime, NaiveDate, TimeZone};
use paperless_types::bulk_edit::DocumentSelection;
use paperless_types::custom_field_query::CustomFieldQuery;
use paperless_types::{
    CorrespondentId, CustomFieldId, DocumentTypeId, StoragePathId, TagId, UserId,
};

use super::{DocumentRef, Documents};
use crate::error::Result;
use crate::list::List;
use crate::resource::join;

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn datetime<Tz: TimeZone>(t: &DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    t.to_rfc3339()
}

/// The id-list filters (`__in`, `__all`, `__none`): comma-separated; an empty list is refused,
/// since the server ignores an empty filter and answers with every document.
fn id_list<T: ToString>(
    list: &mut List<Documents>,
    key: &'static str,
    ids: impl IntoIterator<Item = T>,
) -> String {
    let joined = join(ids.into_iter().map(|i| i.to_string()));
    if joined.is_empty() {
        list.refuse(format!(
            "{key} needs at least one id (an empty filter would match every document)"
        ));
    }
    joined
}

macro_rules! id_filters {
    ($(
        $object:literal, $id:ty:
        $eq:ident, $in_:ident, $none:ident, $isnull:ident, $name_icontains:ident, $name_iexact:ident;
    )*) => {$(
        #[doc = concat!("Only documents whose ", $object, " is this one (`", $object, "__id`).")]
        pub fn $eq(self, id: impl Into<$id>) -> Self {
            self.param(concat!($object, "__id"), id.into())
        }

        #[doc = concat!("Only documents whose ", $object, " is one of these (`", $object, "__id__in`).")]
        pub fn $in_(mut self, ids: impl IntoIterator<Item = impl Into<$id>>) -> Self {
            let list = id_list(&mut self, concat!($object, "__id__in"), ids.into_iter().map(Into::into));
            self.param(concat!($object, "__id__in"), list)
        }

        #[doc = concat!("Only documents whose ", $object, " is none of these (`", $object, "__id__none`).")]
        pub fn $none(mut self, ids: impl IntoIterator<Item = impl Into<$id>>) -> Self {
            let list = id_list(&mut self, concat!($object, "__id__none"), ids.into_iter().map(Into::into));
            self.param(concat!($object, "__id__none"), list)
        }

        #[doc = concat!("Only documents without (`true`) or with (`false`) a ", $object, " (`", $object, "__isnull`).")]
        pub fn $isnull(self, none: bool) -> Self {
            self.param(concat!($object, "__isnull"), none)
        }

        #[doc = concat!("Only documents whose ", $object, "'s name contains `text`, ignoring case (`", $object, "__name__icontains`).")]
        pub fn $name_icontains(self, text: impl AsRef<str>) -> Self {
            self.param(concat!($object, "__name__icontains"), text.as_ref())
        }

        #[doc = concat!("Only documents whose ", $object, "'s name is `text`, ignoring case (`", $object, "__name__iexact`).")]
        pub fn $name_iexact(self, text: impl AsRef<str>) -> Self {
            self.param(concat!($object, "__name__iexact"), text.as_ref())
        }
    )*};
}

macro_rules! text_filters {
    ($(
        $field:literal: $icontains:ident, $istartswith:ident, $iendswith:ident, $iexact:ident;
    )*) => {$(
        #[doc = concat!("Only documents whose ", $field, " contains `text`, ignoring case (`", $field, "__icontains`).")]
        pub fn $icontains(self, text: impl AsRef<str>) -> Self {
            self.param(concat!($field, "__icontains"), text.as_ref())
        }

        #[doc = concat!("Only documents whose ", $field, " starts with `text`, ignoring case (`", $field, "__istartswith`).")]
        pub fn $istartswith(self, text: impl AsRef<str>) -> Self {
            self.param(concat!($field, "__istartswith"), text.as_ref())
        }

        #[doc = concat!("Only documents whose ", $field, " ends with `text`, ignoring case (`", $field, "__iendswith`).")]
        pub fn $iendswith(self, text: impl AsRef<str>) -> Self {
            self.param(concat!($field, "__iendswith"), text.as_ref())
        }

        #[doc = concat!("Only documents whose ", $field, " is `text`, ignoring case (`", $field, "__iexact`).")]
        pub fn $iexact(self, text: impl AsRef<str>) -> Self {
            self.param(concat!($field, "__iexact"), text.as_ref())
        }
    )*};
}

macro_rules! date_filters {
    ($(
        $field:literal: $gt:ident, $gte:ident, $lt:ident, $lte:ident;
    )*) => {$(
        #[doc = concat!("Only documents ", $field, " after this day (`", $field, "__date__gt`).")]
        pub fn $gt(self, day: NaiveDate) -> Self {
            self.param(concat!($field, "__date__gt"), date(day))
        }

        #[doc = concat!("Only documents ", $field, " on or after this day (`", $field, "__date__gte`).")]
        pub fn $gte(self, day: NaiveDate) -> Self {
            self.param(concat!($field, "__date__gte"), date(day))
        }

        #[doc = concat!("Only documents ", $field, " before this day (`", $field, "__date__lt`).")]
        pub fn $lt(self, day: NaiveDate) -> Self {
            self.param(concat!($field, "__date__lt"), date(day))
        }

        #[doc = concat!("Only documents ", $field, " on or before this day (`", $field, "__date__lte`).")]
        pub fn $lte(self, day: NaiveDate) -> Self {
            self.param(concat!($field, "__date__lte"), date(day))
        }
    )*};
}

/// Document filters. Each sets one query parameter of `GET /api/documents/` (named in its
/// documentation); filters combine with AND. Id-list filters refuse an empty list, which the
/// server would ignore (answering with every document).
///
/// ```no_run
/// use chrono::NaiveDate;
/// use paperless_client::types::TagId;
/// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
/// let march = |d| NaiveDate::from_ymd_opt(2025, 3, d).unwrap();
/// let page = client
///     .documents()
///     .list()
///     .tags_id_all([TagId(3), TagId(5)]) //     tags__id__all=3,5
///     .created_date_gte(march(1)) //            created__date__gte=2025-03-01
///     .created_date_lte(march(31))
///     .ordering_desc("created")
///     .send()
///     .await?;
/// # let _ = page; Ok(()) }
/// ```
impl List<Documents> {
    text_filters! {
        "title": title_icontains, title_istartswith, title_iendswith, title_iexact;
        "content": content_icontains, content_istartswith, content_iendswith, content_iexact;
        "original_filename": original_filename_icontains, original_filename_istartswith,
            original_filename_iendswith, original_filename_iexact;
    }

    /// Only documents whose title or content contains `text` (`title_content`; deprecated in
    /// API v10, where [`List::text`] replaces it).
    pub fn title_content(self, text: impl AsRef<str>) -> Self {
        self.param("title_content", text.as_ref())
    }

    /// Simple search in title and content through the search index (`text`, API v10).
    pub fn text(self, text: impl AsRef<str>) -> Self {
        self.param("text", text.as_ref())
    }

    /// Simple search in titles through the search index (`title_search`, API v10).
    pub fn title_search(self, text: impl AsRef<str>) -> Self {
        self.param("title_search", text.as_ref())
    }

    /// Full-text search with the query language of the web UI (`query`): results carry
    /// [`search_hit`](paperless_types::document::Document::search_hit). Only one of `query`,
    /// `text`, `title_search` and `more_like_id` applies per request.
    pub fn query(self, query: impl AsRef<str>) -> Self {
        self.param("query", query.as_ref())
    }

    /// Documents similar to this one (`more_like_id`), with search hits.
    pub fn more_like_id(self, document: impl DocumentRef) -> Self {
        self.param("more_like_id", document.document_id())
    }

    id_filters! {
        "correspondent", CorrespondentId:
            correspondent_id, correspondent_id_in, correspondent_id_none, correspondent_isnull,
            correspondent_name_icontains, correspondent_name_iexact;
        "document_type", DocumentTypeId:
            document_type_id, document_type_id_in, document_type_id_none, document_type_isnull,
            document_type_name_icontains, document_type_name_iexact;
        "storage_path", StoragePathId:
            storage_path_id, storage_path_id_in, storage_path_id_none, storage_path_isnull,
            storage_path_name_icontains, storage_path_name_iexact;
    }

    /// Only documents with this tag (`tags__id`).
    pub fn tags_id(self, tag: impl Into<TagId>) -> Self {
        self.param("tags__id", tag.into())
    }

    /// Only documents with every one of these tags (`tags__id__all`).
    pub fn tags_id_all(mut self, tags: impl IntoIterator<Item = impl Into<TagId>>) -> Self {
        let list = id_list(&mut self, "tags__id__all", tags.into_iter().map(Into::into));
        self.param("tags__id__all", list)
    }

    /// Only documents with at least one of these tags (`tags__id__in`).
    pub fn tags_id_in(mut self, tags: impl IntoIterator<Item = impl Into<TagId>>) -> Self {
        let list = id_list(&mut self, "tags__id__in", tags.into_iter().map(Into::into));
        self.param("tags__id__in", list)
    }

    /// Only documents with none of these tags (`tags__id__none`).
    pub fn tags_id_none(mut self, tags: impl IntoIterator<Item = impl Into<TagId>>) -> Self {
        let list = id_list(
            &mut self,
            "tags__id__none",
            tags.into_iter().map(Into::into),
        );
        self.param("tags__id__none", list)
    }

    /// Only documents with a tag whose name contains `text`, ignoring case
    /// (`tags__name__icontains`).
    pub fn tags_name_icontains(self, text: impl AsRef<str>) -> Self {
        self.param("tags__name__icontains", text.as_ref())
    }

    /// Only documents with (`true`) or without (`false`) any tag (`is_tagged`).
    pub fn is_tagged(self, tagged: bool) -> Self {
        self.param("is_tagged", tagged)
    }

    /// Only documents with (`true`) or without (`false`) an inbox tag (`is_in_inbox`).
    pub fn is_in_inbox(self, in_inbox: bool) -> Self {
        self.param("is_in_inbox", in_inbox)
    }

    date_filters! {
        "created": created_date_gt, created_date_gte, created_date_lt, created_date_lte;
        "added": added_date_gt, added_date_gte, added_date_lt, added_date_lte;
        "modified": modified_date_gt, modified_date_gte, modified_date_lt, modified_date_lte;
    }

    /// Only documents created in this year (`created__year`).
    pub fn created_year(self, year: i32) -> Self {
        self.param("created__year", year)
    }

    /// Only documents created in this month, 1 to 12, of any year (`created__month`).
    pub fn created_month(self, month: u32) -> Self {
        self.param("created__month", month)
    }

    /// Only documents added after this instant (`added__gt`, RFC 3339).
    pub fn added_gt<Tz: TimeZone>(self, instant: &DateTime<Tz>) -> Self
    where
        Tz::Offset: std::fmt::Display,
    {
        self.param("added__gt", datetime(instant))
    }

    /// Only documents added before this instant (`added__lt`, RFC 3339).
    pub fn added_lt<Tz: TimeZone>(self, instant: &DateTime<Tz>) -> Self
    where
        Tz::Offset: std::fmt::Display,
    {
        self.param("added__lt", datetime(instant))
    }

    /// Only documents changed after this instant (`modified__gt`, RFC 3339): what changed since
    /// the last sync.
    pub fn modified_gt<Tz: TimeZone>(self, instant: &DateTime<Tz>) -> Self
    where
        Tz::Offset: std::fmt::Display,
    {
        self.param("modified__gt", datetime(instant))
    }

    /// Only documents changed before this instant (`modified__lt`, RFC 3339).
    pub fn modified_lt<Tz: TimeZone>(self, instant: &DateTime<Tz>) -> Self
    where
        Tz::Offset: std::fmt::Display,
    {
        self.param("modified__lt", datetime(instant))
    }

    /// Only the document with this archive serial number (`archive_serial_number`).
    pub fn archive_serial_number(self, asn: u64) -> Self {
        self.param("archive_serial_number", asn)
    }

    /// Only documents whose archive serial number is greater than `asn`
    /// (`archive_serial_number__gt`).
    pub fn archive_serial_number_gt(self, asn: u64) -> Self {
        self.param("archive_serial_number__gt", asn)
    }

    /// Only documents whose archive serial number is at least `asn`
    /// (`archive_serial_number__gte`).
    pub fn archive_serial_number_gte(self, asn: u64) -> Self {
        self.param("archive_serial_number__gte", asn)
    }

    /// Only documents whose archive serial number is less than `asn`
    /// (`archive_serial_number__lt`).
    pub fn archive_serial_number_lt(self, asn: u64) -> Self {
        self.param("archive_serial_number__lt", asn)
    }

    /// Only documents whose archive serial number is at most `asn`
    /// (`archive_serial_number__lte`).
    pub fn archive_serial_number_lte(self, asn: u64) -> Self {
        self.param("archive_serial_number__lte", asn)
    }

    /// Only documents without (`true`) or with (`false`) an archive serial number
    /// (`archive_serial_number__isnull`).
    pub fn archive_serial_number_isnull(self, none: bool) -> Self {
        self.param("archive_serial_number__isnull", none)
    }

    /// Only documents owned by none of these users (`owner__id__none`).
    pub fn owner_id_none(mut self, users: impl IntoIterator<Item = impl Into<UserId>>) -> Self {
        let list = id_list(
            &mut self,
            "owner__id__none",
            users.into_iter().map(Into::into),
        );
        self.param("owner__id__none", list)
    }

    /// Only documents this user owns and has shared with someone (`shared_by__id`).
    pub fn shared_by_id(self, user: impl Into<UserId>) -> Self {
        self.param("shared_by__id", user.into())
    }

    /// Only documents whose original's MIME type contains `mime_type`, ignoring case
    /// (`mime_type`; for example `application/pdf`).
    pub fn mime_type(self, mime_type: impl AsRef<str>) -> Self {
        self.param("mime_type", mime_type.as_ref())
    }

    /// Only the documents whose original has this SHA-256 checksum (`checksum__iexact`):
    /// finds a file before uploading it twice.
    pub fn checksum_iexact(self, sha256: impl AsRef<str>) -> Self {
        self.param("checksum__iexact", sha256.as_ref())
    }

    /// Only documents with (`true`) or without (`false`) any custom field
    /// (`has_custom_fields`).
    pub fn has_custom_fields(self, has: bool) -> Self {
        self.param("has_custom_fields", has)
    }

    /// Only documents with every one of these custom fields attached
    /// (`custom_fields__id__all`).
    pub fn custom_fields_id_all(
        mut self,
        fields: impl IntoIterator<Item = impl Into<CustomFieldId>>,
    ) -> Self {
        let list = id_list(
            &mut self,
            "custom_fields__id__all",
            fields.into_iter().map(Into::into),
        );
        self.param("custom_fields__id__all", list)
    }

    /// Only documents with at least one of these custom fields attached
    /// (`custom_fields__id__in`).
    pub fn custom_fields_id_in(
        mut self,
        fields: impl IntoIterator<Item = impl Into<CustomFieldId>>,
    ) -> Self {
        let list = id_list(
            &mut self,
            "custom_fields__id__in",
            fields.into_iter().map(Into::into),
        );
        self.param("custom_fields__id__in", list)
    }

    /// Only documents with none of these custom fields attached (`custom_fields__id__none`).
    pub fn custom_fields_id_none(
        mut self,
        fields: impl IntoIterator<Item = impl Into<CustomFieldId>>,
    ) -> Self {
        let list = id_list(
            &mut self,
            "custom_fields__id__none",
            fields.into_iter().map(Into::into),
        );
        self.param("custom_fields__id__none", list)
    }

    /// Only documents whose custom field values match `query` (`custom_field_query`, see
    /// [`CustomFieldQuery`]). A query the server would reject for its size (too deep, too many
    /// conditions, empty lists) is refused when the request is sent.
    ///
    /// ```no_run
    /// use paperless_client::types::custom_field_query::CustomFieldQuery as Q;
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let unpaid = client
    ///     .documents()
    ///     .list()
    ///     .custom_field_query(&(Q::boolean("Paid").exact(false) & Q::date("Due Date").exists(true)))
    ///     .send()
    ///     .await?;
    /// # let _ = unpaid; Ok(()) }
    /// ```
    pub fn custom_field_query(mut self, query: &CustomFieldQuery) -> Self {
        match query.to_query_string() {
            Ok(text) => self.param("custom_field_query", text),
            Err(e) => {
                self.refuse(e.to_string());
                self
            }
        }
    }

    /// Sorts by a custom field's value (`ordering=custom_field_{id}` or with `-` for
    /// descending); documents without the field come last.
    pub fn ordering_custom_field(self, field: impl Into<CustomFieldId>, descending: bool) -> Self {
        let key = format!("custom_field_{}", field.into());
        if descending {
            self.ordering_desc(key)
        } else {
            self.ordering(key)
        }
    }

    /// Cuts each document's `content` to its first 550 characters (`truncate_content=true`):
    /// much smaller pages for list views.
    pub fn truncate_content(self, truncate: bool) -> Self {
        self.param("truncate_content", truncate)
    }

    /// The documents this list's filters select, for bulk operations on everything that matches
    /// (`{"all": true, "filters": {...}}`): every parameter except paging, `fields`, `ordering`,
    /// `truncate_content` and `full_perms`.
    ///
    /// ```no_run
    /// use paperless_client::types::TagId;
    /// use paperless_client::types::bulk_edit::BulkEditOperation;
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// let documents = client.documents();
    /// let scratch = documents.list().title_icontains("ZZ scratch").selection()?;
    /// documents.bulk(scratch, BulkEditOperation::add_tag(TagId(2))).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Invalid`](crate::Error::Invalid) when a filter was refused (an empty id list,
    /// an oversized custom field query): dropping it would select every document.
    pub fn selection(&self) -> Result<DocumentSelection> {
        Ok(DocumentSelection::matching(self.filters()?))
    }
}
