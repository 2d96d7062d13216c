//! Fixture mappings for documents, notes, search, custom fields, tasks, trash, share links and bulk edits.

use std::collections::BTreeMap;

use paperless_types::Page;
use paperless_types::bulk_edit::{
    BulkDownload, BulkEdit, DocumentSelection, EditPdfDocuments, EmailDocument, EmailDocuments,
    MergeDocuments, RemovePasswordDocuments, RotateDocuments,
};
use paperless_types::custom_field::{
    CustomField, CustomFieldDataType, CustomFieldPatch, CustomFieldValue, NewCustomField,
};
use paperless_types::document::{
    AddNoteResult, ChatRequest, DeleteVersionResult, Document, DocumentMetadata, DocumentPatch,
    DocumentVersion, DocumentVersionPatch, HistoryEntry, NewNote, Note, RootDocument,
    SelectionData, Suggestions,
};
use paperless_types::error::ApiErrorBody;
use paperless_types::outcome::ActionResult;
use paperless_types::post_document::{NewDocument, NewDocumentVersion};
use paperless_types::share_link::{NewShareLink, NewShareLinkBundle, ShareLink, ShareLinkBundle};
use paperless_types::task::{
    AcknowledgeResult, AcknowledgeTasks, LegacyTask, RunTask, RunTaskResult, Task,
    TaskStatusCounts, TaskSummary, TaskUuid,
};
use paperless_types::trash::{TrashRequest, TrashResult};
use paperless_types::{CustomFieldId, DocumentId};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::harness::{Entry, Fixture};
use crate::{request, response};

pub fn entries() -> Vec<Entry> {
    vec![
        // -- documents: list and search --
        response!("documents.list.as_alice" => Page<Document>),
        response!("documents.list.as_bob" => Page<Document>),
        response!("documents.list.custom_field_query_and" => Page<Document>),
        response!("documents.list.custom_field_query_exact" => Page<Document>),
        response!("documents.list.custom_field_query_money" => Page<Document>),
        response!("documents.list.custom_field_query_select" => Page<Document>),
        response!("documents.list.custom_fields_id_in" => Page<Document>),
        response!("documents.list.fields" => Page<Document>),
        response!("documents.list.filter_asn" => Page<Document>),
        response!("documents.list.filter_asn_isnull" => Page<Document>),
        response!("documents.list.filter_correspondent" => Page<Document>),
        response!("documents.list.filter_created_range" => Page<Document>),
        response!("documents.list.filter_doctype_in" => Page<Document>),
        response!("documents.list.filter_is_in_inbox" => Page<Document>),
        response!("documents.list.filter_is_tagged_false" => Page<Document>),
        response!("documents.list.filter_mime_type" => Page<Document>),
        response!("documents.list.filter_tags_all" => Page<Document>),
        response!("documents.list.filter_tags_none" => Page<Document>),
        response!("documents.list.filter_title_icontains" => Page<Document>),
        response!("documents.list.full_perms" => Page<Document>),
        // Full-text search pages send `"corrected_query": null` when there is no suggestion;
        // `Page` (shared, in page.rs) reads that as `None` and omits it when writing, so the
        // null key is not reproduced. Nothing is lost: absent and null both mean "no correction".
        response!("documents.list.full_text_query" => Page<Document>, ignore ["$.corrected_query"]),
        response!("documents.list.full_text_query_fields" => Page<Document>, ignore ["$.corrected_query"]),
        response!("documents.list.full_text_query_syntax" => Page<Document>, ignore ["$.corrected_query"]),
        response!("documents.list.has_custom_fields" => Page<Document>),
        response!("documents.list.more_like" => Page<Document>, ignore ["$.corrected_query"]),
        response!("documents.list.ordering_created" => Page<Document>),
        response!("documents.list.ordering_custom_field" => Page<Document>),
        response!("documents.list.page2" => Page<Document>),
        response!("documents.list.page_size2" => Page<Document>),
        response!("documents.list.text_search" => Page<Document>, ignore ["$.corrected_query"]),
        response!("documents.list.title_content_legacy" => Page<Document>),
        response!("documents.list.title_search" => Page<Document>, ignore ["$.corrected_query"]),
        response!("documents.list.truncate_content" => Page<Document>),
        response!("documents.list.v9" => Page<Document>),
        response!("documents.list.custom_field_query_invalid" => ApiErrorBody),
        response!("documents.list.page_out_of_range" => ApiErrorBody),
        // -- documents: one document --
        response!("documents.retrieve" => Document),
        response!("documents.retrieve.as_bob_view_only" => Document),
        response!("documents.retrieve.duplicate_documents" => Document),
        response!("documents.retrieve.fields" => Document),
        response!("documents.retrieve.full_perms" => Document),
        response!("documents.retrieve.pdf_with_archive" => Document),
        response!("documents.retrieve.restored" => Document),
        response!("documents.retrieve.specific_version" => Document),
        response!("documents.retrieve.v9" => Document),
        response!("documents.retrieve.with_notes" => Document),
        response!("documents.retrieve.with_versions" => Document),
        response!("documents.retrieve.deleted_404" => ApiErrorBody),
        response!("documents.retrieve.missing_404" => ApiErrorBody),
        response!("documents.retrieve.not_shared_as_bob_404" => ApiErrorBody),
        response!("documents.download.missing_404" => ApiErrorBody),
        response!("documents.create_not_allowed_405" => ApiErrorBody),
        response!("documents.post_not_allowed_405" => ApiErrorBody),
        // -- documents: update --
        request!("documents.patch" => DocumentPatch),
        response!("documents.patch" => Document),
        request!("documents.patch.created_date" => DocumentPatch),
        response!("documents.patch.created_date" => Document),
        request!("documents.patch.set_permissions" => DocumentPatch),
        response!("documents.patch.set_permissions" => Document),
        request!("documents.put" => DocumentPatch),
        response!("documents.put" => Document),
        request!("documents.patch.as_bob_forbidden" => DocumentPatch),
        response!("documents.patch.as_bob_forbidden" => ApiErrorBody),
        request!("documents.patch.duplicate_asn" => DocumentPatch),
        response!("documents.patch.duplicate_asn" => ApiErrorBody),
        request!("documents.patch.invalid_custom_field_value" => DocumentPatch),
        response!("documents.patch.invalid_custom_field_value" => ApiErrorBody),
        request!("documents.patch.invalid_monetary" => DocumentPatch),
        response!("documents.patch.invalid_monetary" => ApiErrorBody),
        request!("documents.patch.invalid_select_option" => DocumentPatch),
        response!("documents.patch.invalid_select_option" => ApiErrorBody),
        // -- documents: per-document endpoints --
        response!("documents.history" => Vec<HistoryEntry>),
        response!("documents.metadata.image_with_archive" => DocumentMetadata),
        response!("documents.metadata.pdf" => DocumentMetadata),
        response!("documents.metadata.text" => DocumentMetadata),
        response!("documents.metadata.version" => DocumentMetadata),
        response!("documents.suggestions" => Suggestions),
        response!("documents.suggestions.tax" => Suggestions),
        response!("documents.share_links" => Vec<ShareLink>),
        response!("documents.root" => RootDocument),
        response!("documents.root.of_version" => RootDocument),
        response!("documents.next_asn" => u64),
        response!("documents.notes.list" => Vec<Note>),
        request!("documents.notes.create" => NewNote),
        response!("documents.notes.create" => AddNoteResult),
        request!("documents.notes.create_empty" => NewNote),
        response!("documents.notes.create_empty" => AddNoteResult),
        response!("documents.notes.delete" => Vec<Note>),
        response!("documents.notes.delete_missing" => ApiErrorBody),
        request!("documents.selection_data" => DocumentSelection),
        response!("documents.selection_data" => SelectionData),
        request!("documents.selection_data.invalid" => DocumentSelection),
        response!("documents.selection_data.invalid" => ApiErrorBody),
        request!("documents.chat.disabled" => ChatRequest),
        // -- documents: versions --
        request!("documents.update_version" => MultipartCapture<NewDocumentVersion>),
        response!("documents.update_version" => TaskUuid),
        request!("documents.versions.patch_label" => DocumentVersionPatch),
        response!("documents.versions.patch_label" => DocumentVersion),
        request!("documents.versions.patch_missing" => DocumentVersionPatch),
        response!("documents.versions.patch_missing" => ApiErrorBody),
        response!("documents.versions.delete" => DeleteVersionResult),
        // -- documents: upload --
        request!("documents.post_document" => MultipartCapture<NewDocument>),
        response!("documents.post_document" => TaskUuid),
        request!("documents.post_document.duplicate" => MultipartCapture<NewDocument>),
        response!("documents.post_document.duplicate" => TaskUuid),
        request!("documents.post_document.bad_correspondent_400" => MultipartCapture<NewDocument>),
        response!("documents.post_document.bad_correspondent_400" => ApiErrorBody),
        response!("documents.post_document.no_file_400" => ApiErrorBody),
        response!("documents.post_document.urlencoded_415" => ApiErrorBody),
        // -- documents: bulk edit --
        request!("documents.bulk_edit.add_tag" => BulkEdit),
        response!("documents.bulk_edit.add_tag" => ActionResult),
        request!("documents.bulk_edit.filters_all" => BulkEdit),
        response!("documents.bulk_edit.filters_all" => ActionResult),
        request!("documents.bulk_edit.modify_custom_fields" => BulkEdit),
        response!("documents.bulk_edit.modify_custom_fields" => ActionResult),
        request!("documents.bulk_edit.modify_tags" => BulkEdit),
        response!("documents.bulk_edit.modify_tags" => ActionResult),
        request!("documents.bulk_edit.remove_tag" => BulkEdit),
        response!("documents.bulk_edit.remove_tag" => ActionResult),
        request!("documents.bulk_edit.set_correspondent" => BulkEdit),
        response!("documents.bulk_edit.set_correspondent" => ActionResult),
        request!("documents.bulk_edit.set_document_type" => BulkEdit),
        response!("documents.bulk_edit.set_document_type" => ActionResult),
        request!("documents.bulk_edit.set_permissions" => BulkEdit),
        response!("documents.bulk_edit.set_permissions" => ActionResult),
        request!("documents.bulk_edit.set_storage_path" => BulkEdit),
        response!("documents.bulk_edit.set_storage_path" => ActionResult),
        request!("documents.bulk_edit.as_bob_forbidden" => BulkEdit),
        request!("documents.bulk_edit.delete_legacy" => BulkEdit),
        response!("documents.bulk_edit.delete_legacy" => ApiErrorBody),
        request!("documents.bulk_edit.invalid_method" => BulkEdit),
        response!("documents.bulk_edit.invalid_method" => ApiErrorBody),
        // The body of `missing_param` lacks the `tag` parameter, so it cannot decode as a
        // typed `add_tag`; only its error response is mapped.
        response!("documents.bulk_edit.missing_param" => ApiErrorBody),
        request!("documents.bulk_edit.unknown_document" => BulkEdit),
        response!("documents.bulk_edit.unknown_document" => ApiErrorBody),
        // -- documents: v10 operation endpoints --
        request!("documents.delete_bulk" => DocumentSelection),
        response!("documents.delete_bulk" => ActionResult),
        request!("documents.reprocess" => DocumentSelection),
        response!("documents.reprocess" => ActionResult),
        request!("documents.reprocess.missing" => DocumentSelection),
        response!("documents.reprocess.missing" => ApiErrorBody),
        request!("documents.rotate" => RotateDocuments),
        response!("documents.rotate" => ActionResult),
        request!("documents.rotate.invalid_degrees" => RotateDocuments),
        response!("documents.rotate.invalid_degrees" => ActionResult),
        request!("documents.merge" => MergeDocuments),
        response!("documents.merge" => ActionResult),
        request!("documents.edit_pdf" => EditPdfDocuments),
        response!("documents.edit_pdf" => ActionResult),
        request!("documents.edit_pdf.page_out_of_range" => EditPdfDocuments),
        response!("documents.edit_pdf.page_out_of_range" => ApiErrorBody),
        request!("documents.edit_pdf.two_documents" => EditPdfDocuments),
        response!("documents.edit_pdf.two_documents" => ApiErrorBody),
        request!("documents.remove_password" => RemovePasswordDocuments),
        response!("documents.remove_password" => ActionResult),
        request!("documents.bulk_download.zip" => BulkDownload),
        request!("documents.email.bulk" => EmailDocuments),
        request!("documents.email.invalid_address" => EmailDocuments),
        response!("documents.email.invalid_address" => ApiErrorBody),
        request!("documents.email.single" => EmailDocument),
        // -- custom fields --
        response!("custom_fields.list" => Page<CustomField>),
        response!("custom_fields.list.page_size2" => Page<CustomField>),
        response!("custom_fields.retrieve.monetary" => CustomField),
        response!("custom_fields.retrieve.select" => CustomField),
        response!("custom_fields.retrieve.missing_404" => ApiErrorBody),
        request!("custom_fields.create.select" => NewCustomField),
        response!("custom_fields.create.select" => CustomField),
        request!("custom_fields.put" => NewCustomField),
        response!("custom_fields.put" => CustomField),
        request!("custom_fields.patch.add_option" => CustomFieldPatch),
        response!("custom_fields.patch.add_option" => CustomField),
        request!("custom_fields.patch.change_data_type" => CustomFieldPatch),
        response!("custom_fields.patch.change_data_type" => CustomField),
        request!("custom_fields.create.bad_currency" => NewCustomField),
        response!("custom_fields.create.bad_currency" => ApiErrorBody),
        request!("custom_fields.create.invalid_type" => NewCustomField),
        response!("custom_fields.create.invalid_type" => ApiErrorBody),
        request!("custom_fields.create.select_without_options" => NewCustomField),
        response!("custom_fields.create.select_without_options" => ApiErrorBody),
        // -- tasks --
        response!("tasks.by_task_id" => Page<Task>),
        response!("tasks.by_task_id.after_post_document" => Page<Task>),
        response!("tasks.by_task_id.duplicate_upload" => Page<Task>),
        response!("tasks.by_task_id.train_classifier" => Page<Task>),
        response!("tasks.list.filter_bulk_update" => Page<Task>),
        response!("tasks.list.filter_type_status" => Page<Task>),
        response!("tasks.list.page2" => Page<Task>),
        response!("tasks.list.page_size2" => Page<Task>),
        response!("tasks.retrieve" => Task),
        response!("tasks.active" => Vec<Task>),
        response!("tasks.summary" => Vec<TaskSummary>),
        response!("tasks.status_counts" => TaskStatusCounts),
        response!("tasks.by_task_id.v9" => Vec<LegacyTask>),
        response!("tasks.list.v9_unpaginated" => Vec<LegacyTask>),
        request!("tasks.acknowledge" => AcknowledgeTasks),
        response!("tasks.acknowledge" => AcknowledgeResult),
        response!("tasks.acknowledge_invalid" => ApiErrorBody),
        request!("tasks.run.sanity_check" => RunTask),
        response!("tasks.run.sanity_check" => RunTaskResult),
        request!("tasks.run.train_classifier" => RunTask),
        response!("tasks.run.train_classifier" => RunTaskResult),
        request!("tasks.run.invalid_type" => RunTask),
        response!("tasks.run.invalid_type" => ApiErrorBody),
        response!("tasks.as_bob_forbidden" => ApiErrorBody),
        response!("tasks.retrieve_missing" => ApiErrorBody),
        // -- trash --
        response!("trash.list" => Page<Document>),
        response!("trash.list.after" => Page<Document>),
        response!("trash.list.page_size2" => Page<Document>),
        request!("trash.restore" => TrashRequest),
        response!("trash.restore" => TrashResult),
        request!("trash.empty_selected" => TrashRequest),
        response!("trash.empty_selected" => TrashResult),
        request!("trash.invalid_action" => TrashRequest),
        response!("trash.invalid_action" => ApiErrorBody),
        request!("trash.restore_not_in_trash" => TrashRequest),
        response!("trash.restore_not_in_trash" => ApiErrorBody),
        // -- share links and bundles --
        response!("share_links.list" => Page<ShareLink>),
        response!("share_links.retrieve" => ShareLink),
        request!("share_links.create" => NewShareLink),
        response!("share_links.create" => ShareLink),
        response!("share_links.create.missing_document" => ApiErrorBody),
        response!("share_links.patch_not_allowed_405" => ApiErrorBody),
        response!("share_link_bundles.list" => Page<ShareLinkBundle>),
        response!("share_link_bundles.retrieve" => ShareLinkBundle),
        response!("share_link_bundles.retrieve.built" => ShareLinkBundle),
        request!("share_link_bundles.create" => NewShareLinkBundle),
        response!("share_link_bundles.create" => ShareLinkBundle),
        request!("share_link_bundles.create.empty" => NewShareLinkBundle),
        response!("share_link_bundles.create.empty" => ApiErrorBody),
        request!("share_link_bundles.put" => NewShareLinkBundle),
        response!("share_link_bundles.put" => ShareLinkBundle),
        // The capture's PATCH sent `expiration_days`, which the server ignores on update:
        // `ShareLinkBundlePatch` offers only `file_version` (its unit test).
        response!("share_link_bundles.patch" => ShareLinkBundle),
        response!("share_link_bundles.rebuild" => ShareLinkBundle),
        // -- error bodies --
        response!("error.400_malformed_json" => ApiErrorBody),
        response!("error.401_bad_token" => ApiErrorBody),
        response!("error.401_no_auth" => ApiErrorBody),
        response!("error.403_logs_as_bob" => ApiErrorBody),
        response!("error.403_mail_accounts_as_bob" => ApiErrorBody),
        response!("error.404_bad_page" => ApiErrorBody),
        response!("error.405_delete_post_document" => ApiErrorBody),
        response!("error.405_put_share_link" => ApiErrorBody),
        response!("error.415_unsupported_media" => ApiErrorBody),
    ]
}

/// The text parts of a multipart upload, as the capture recorded them:
/// `{"_multipart_or_form": true, "fields": {name: value or [values]}, "files": {part: file name}}`.
///
/// `fields` decodes through the payload's `from_form_fields` and encodes through its
/// `form_fields`, so the round trip checks that the payload reproduces exactly the parts the
/// real client sent. `files` names the file parts, which the payload types do not model (the
/// client streams the file itself); they pass through unchanged.
#[derive(Serialize, Deserialize)]
#[serde(bound = "F: FormPayload")]
struct MultipartCapture<F: FormPayload> {
    #[serde(rename = "_multipart_or_form")]
    multipart_or_form: bool,
    fields: FormFields<F>,
    files: BTreeMap<String, Value>,
}

trait FormPayload: Sized {
    fn parts(&self) -> Vec<(&'static str, String)>;
    fn from_parts(parts: Vec<(String, String)>) -> Result<Self, String>;
}

impl FormPayload for NewDocument {
    fn parts(&self) -> Vec<(&'static str, String)> {
        self.form_fields()
    }
    fn from_parts(parts: Vec<(String, String)>) -> Result<Self, String> {
        Self::from_form_fields(parts).map_err(|e| e.to_string())
    }
}

impl FormPayload for NewDocumentVersion {
    fn parts(&self) -> Vec<(&'static str, String)> {
        self.form_fields()
    }
    fn from_parts(parts: Vec<(String, String)>) -> Result<Self, String> {
        Self::from_form_fields(parts).map_err(|e| e.to_string())
    }
}

struct FormFields<F>(F);

impl<F: FormPayload> Serialize for FormFields<F> {
    /// One key per part name, in first-appearance order; a repeated name becomes a list.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut grouped: Vec<(&str, Vec<String>)> = Vec::new();
        for (name, value) in self.0.parts() {
            match grouped.iter_mut().find(|(n, _)| *n == name) {
                Some((_, values)) => values.push(value),
                None => grouped.push((name, vec![value])),
            }
        }
        let object: serde_json::Map<String, Value> = grouped
            .into_iter()
            .map(|(name, mut values)| {
                let value = if values.len() == 1 {
                    Value::String(values.remove(0))
                } else {
                    Value::from(values)
                };
                (name.to_owned(), value)
            })
            .collect();
        object.serialize(serializer)
    }
}

impl<'de, F: FormPayload> Deserialize<'de> for FormFields<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let object = BTreeMap::<String, Value>::deserialize(deserializer)?;
        let mut parts = Vec::new();
        for (name, value) in object {
            match value {
                Value::String(s) => parts.push((name, s)),
                Value::Array(items) => {
                    for item in items {
                        let s = item
                            .as_str()
                            .ok_or_else(|| D::Error::custom("non-text part"))?;
                        parts.push((name.clone(), s.to_owned()));
                    }
                }
                other => return Err(D::Error::custom(format!("part {name} is {other}"))),
            }
        }
        F::from_parts(parts)
            .map(FormFields)
            .map_err(D::Error::custom)
    }
}

fn load<T: DeserializeOwned>(fixture: &str) -> Result<T, String> {
    let fx = Fixture::load(fixture);
    serde_json::from_value(fx.body().clone()).map_err(|e| format!("{fixture}: {e}"))
}

/// The one-line messages of every captured error body (JSON and plain text, every family), as
/// a snapshot: one parser reads them all.
#[test]
fn every_captured_error_body_renders_as_one_line() {
    let mut lines = Vec::new();
    for fx in Fixture::all() {
        if fx.status() < 400 {
            continue;
        }
        let is_json = fx.raw["headers"]["content-type"]
            .as_str()
            .is_some_and(|ct| ct.starts_with("application/json"));
        // A plain-text body is stored as a JSON string: parse its text, as it came.
        let bytes = match fx.body() {
            serde_json::Value::String(text) if !is_json => text.clone().into_bytes(),
            _ => fx.body_as_sent().into_bytes(),
        };
        let body = ApiErrorBody::parse(&bytes);
        assert!(!body.is_empty(), "{}: no message read", fx.name);
        lines.push(format!("{} ({}): {}", fx.name, fx.status(), body.message()));
    }
    assert_eq!(lines.len(), 100, "{lines:#?}");
    insta::assert_snapshot!("every_error_message", lines.join("\n"));
}

/// Each shape of error body the server sends, read into detail and field errors.
#[test]
fn each_captured_error_shape_reads_into_detail_and_field_errors() {
    let read = |name: &str| {
        let fx = Fixture::load(name);
        let body = ApiErrorBody::parse(fx.body_as_sent().as_bytes());
        let fields: Vec<(String, String)> = body
            .field_errors()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect();
        (body.detail(), fields)
    };
    let none: Vec<(String, String)> = Vec::new();
    // DRF's detail.
    assert_eq!(
        read("error.401_bad_token"),
        (Some("Invalid token.".to_owned()), none.clone())
    );
    // Paperless's object-level `error`, as a string and as a list: a detail, not a field.
    assert_eq!(
        read("tags.create.duplicate_name_400"),
        (
            Some("Object violates owner / name unique constraint".to_owned()),
            none.clone()
        )
    );
    assert_eq!(
        read("custom_fields.create.bad_currency"),
        (
            Some("extra_data.default_currency must be a 3-character string".to_owned()),
            none.clone()
        )
    );
    // Field errors, in the server's order (the serializer's fields: `name` first).
    assert_eq!(
        read("tags.create.invalid_400"),
        (
            None,
            vec![
                ("name".to_owned(), "This field is required.".to_owned()),
                (
                    "matching_algorithm".to_owned(),
                    "\"42\" is not a valid choice.".to_owned()
                ),
            ]
        )
    );
    // non_field_errors, at the top and nested in list items.
    assert_eq!(
        read("documents.bulk_edit.missing_param"),
        (None, vec![(String::new(), "tag not specified".to_owned())])
    );
    assert_eq!(
        read("workflows.create.bad_title_template_400"),
        (
            None,
            vec![(
                "triggers[0]".to_owned(),
                "File name, path or mail rule filter are required".to_owned()
            )]
        )
    );
    // Errors keyed by list position in an object.
    assert_eq!(
        read("documents.list.custom_field_query_invalid"),
        (
            None,
            vec![(
                "custom_field_query.0".to_owned(),
                "Invalid logical operator 'Amount'".to_owned()
            )]
        )
    );
    // Plain text.
    let fx = Fixture::load("documents.bulk_edit.as_bob_forbidden");
    let text = fx.body().as_str().unwrap_or_default();
    assert_eq!(
        ApiErrorBody::parse(text.as_bytes()).detail().as_deref(),
        Some("Insufficient permissions")
    );
}

/// Every custom field value in the captured documents reads as its field's data type, and
/// writes back to the same JSON.
#[test]
fn captured_custom_field_values_are_typed_by_data_type() -> Result<(), String> {
    let fields: Page<CustomField> = load("custom_fields.list")?;
    let types: BTreeMap<CustomFieldId, CustomFieldDataType> = fields
        .results
        .iter()
        .map(|f| (f.id, f.data_type.clone()))
        .collect();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for fx in Fixture::all() {
        if !(fx.name.starts_with("documents.") || fx.name.starts_with("trash."))
            || !fx.is_2xx_json()
        {
            continue;
        }
        let docs: Vec<Document> = match fx.body() {
            Value::Object(o) if o.contains_key("results") => {
                load::<Page<Document>>(&fx.name)?.results
            }
            Value::Object(o) if o.contains_key("id") && o.contains_key("title") => {
                vec![load(&fx.name)?]
            }
            _ => continue,
        };
        for doc in docs {
            for instance in &doc.custom_fields {
                let ty = &types[&instance.field];
                let value = instance.interpret(ty);
                assert!(
                    !matches!(value, CustomFieldValue::Other(_)),
                    "{}: document {} field {} ({ty}) value {} did not fit",
                    fx.name,
                    doc.id,
                    instance.field,
                    instance.value
                );
                let back = value.to_json();
                let same = back == instance.value
                    || back
                        .as_f64()
                        .is_some_and(|x| instance.value.as_f64() == Some(x));
                assert!(same, "{}: {} became {back}", fx.name, instance.value);
                let kind = if matches!(value, CustomFieldValue::Null) {
                    "null".to_owned()
                } else {
                    ty.to_string()
                };
                *seen.entry(kind).or_default() += 1;
            }
        }
    }
    // All ten data types, and unset values, occur in the captures.
    let kinds: Vec<&str> = seen.keys().map(String::as_str).collect();
    assert_eq!(
        kinds,
        [
            "boolean",
            "date",
            "documentlink",
            "float",
            "integer",
            "longtext",
            "monetary",
            "null",
            "select",
            "string",
            "url"
        ]
    );
    Ok(())
}

/// The upload answers with a task id; polling that id gives the created document.
#[test]
fn upload_task_id_leads_to_the_created_document() -> Result<(), String> {
    let uuid: TaskUuid = load("documents.post_document")?;
    let page: Page<Task> = load("tasks.by_task_id.after_post_document")?;
    let task = &page.results[0];
    assert_eq!(task.task_id, uuid);
    assert!(task.status.is_complete());
    assert_eq!(task.document_id(), Some(DocumentId(69)));
    let legacy: Vec<LegacyTask> = load("tasks.by_task_id.v9")?;
    assert_eq!(legacy[0].related_document, Some(DocumentId(4)));
    assert!(legacy[0].is_complete());
    Ok(())
}
