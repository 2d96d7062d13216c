//! `POST /api/documents/bulk_edit/` and the 3.x document operations (`rotate/`, `merge/`,
//! `delete/`, `reprocess/`, `edit_pdf/`, `remove_password/`), validated as the server's
//! `BulkEditSerializer` and operation serializers validate them.
//!
//! The metadata methods change the stored documents as the server's `bulk_edit.py` does (tags
//! with their ancestors added and their descendants removed; `modified` bumped on the documents
//! a method touches, as the server's post-save handler does); `delete` moves to the trash. The
//! file operations are validated and answered; `merge` makes a new document through the upload's
//! consumption (its task too), the others (rotate, split, delete_pages, edit_pdf,
//! remove_password, reprocess) change nothing: the test server has no PDFs.

use paperless_types::outcome::ActionResult;
use paperless_types::{CustomFieldId, TagId, UserId};
use serde_json::{Map, Value, json};

use super::list::selected_ids;
use super::object::{custom_field_errors, set_permissions};
use crate::context::{Ctx, json_object};
use crate::http::{FieldErrors, Query, REQUIRED, Reply, invalid_choice, python_type};
use crate::store::Store;
use crate::util::now;

/// The document operations 3.x has as `POST /api/documents/{name}/`.
pub(super) const OPERATIONS: [&str; 6] = [
    "rotate",
    "merge",
    "delete",
    "reprocess",
    "edit_pdf",
    "remove_password",
];

/// The methods that refuse `all: true` (they need an explicit document list).
const NOT_WITH_ALL: [&str; 5] = [
    "merge",
    "split",
    "delete_pages",
    "edit_pdf",
    "remove_password",
];

/// The `source_mode` values of 3.x.
const SOURCE_MODES: [&str; 2] = ["latest_version", "explicit_selection"];

/// What a request selects: `documents`, or (3.x) `all` with `filters`.
struct Selection {
    documents: Option<Vec<u64>>,
    all: bool,
    filters: Option<Map<String, Value>>,
}

/// `POST /api/documents/bulk_edit/`: `{documents | all + filters, method, parameters}`.
pub(super) fn bulk_edit(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
    let body = match json_object(ctx.req) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let mut errors = FieldErrors::default();
    let by_filter = ctx.flavor.selects_by_filter();
    let selection = selection(store, &body, !by_filter, by_filter, &mut errors);
    let method = match body.get("method") {
        None => {
            errors.add("method", REQUIRED);
            None
        }
        Some(Value::Null) => {
            errors.add("method", "This field may not be null.");
            None
        }
        Some(Value::String(m)) if ctx.flavor.has_bulk_edit_method(m) => Some(m.clone()),
        Some(other) => {
            errors.add("method", invalid_choice(python_str(other)));
            None
        }
    };
    let parameters = match body.get("parameters") {
        None => Map::new(),
        Some(Value::Object(map)) => map.clone(),
        Some(other) => {
            errors.add("parameters", expected_dict(other));
            Map::new()
        }
    };
    if let Err(reply) = errors.check() {
        return reply;
    }
    let Some(method) = method else {
        return Reply::non_field_error(REQUIRED);
    };
    if let Err(message) = require_documents(&selection, by_filter) {
        return Reply::non_field_error(message);
    }
    if selection.all && NOT_WITH_ALL.contains(&method.as_str()) {
        return Reply::non_field_error("This method does not support all=true.");
    }
    if by_filter
        && let Some(mode) = parameters.get("source_mode")
        && !mode.as_str().is_some_and(|m| SOURCE_MODES.contains(&m))
    {
        return Reply::non_field_error("Invalid source_mode");
    }
    let ids = resolve(ctx, store, &selection);
    match check_parameters(ctx, store, &method, &parameters, &ids) {
        Ok(()) => {}
        Err(Problem::Invalid(message)) => return Reply::non_field_error(message),
        Err(Problem::Fields(errors)) => return Reply::field_errors(&errors),
        Err(Problem::Crash) => return server_error(),
    }
    apply(ctx, store, &method, &parameters, &ids);
    Reply::ok(&ActionResult::ok())
}

/// `POST /api/documents/{operation}/` (3.x): the operation's own serializer, then the same
/// effect as its `bulk_edit` method.
pub(super) fn operation(ctx: &Ctx<'_>, store: &mut Store, name: &str) -> Reply {
    let body = match json_object(ctx.req) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let mut errors = FieldErrors::default();
    // rotate, delete and reprocess take a selection; merge, edit_pdf and remove_password a list.
    let by_filter = matches!(name, "rotate" | "delete" | "reprocess");
    let selection = selection(store, &body, !by_filter, by_filter, &mut errors);
    let bools: &[&str] = match name {
        "merge" => &["delete_originals", "archive_fallback", "from_webui"],
        "edit_pdf" | "remove_password" => &[
            "delete_original",
            "update_document",
            "include_metadata",
            "from_webui",
        ],
        "rotate" => &["from_webui"],
        _ => &[],
    };
    for key in bools {
        if let Some(v) = body.get(*key)
            && !v.is_boolean()
        {
            errors.add(key, "Must be a valid boolean.");
        }
    }
    if name != "delete"
        && name != "reprocess"
        && let Some(mode) = body.get("source_mode")
        && !mode.as_str().is_some_and(|m| SOURCE_MODES.contains(&m))
    {
        errors.add("source_mode", "Invalid source_mode");
    }
    match name {
        "rotate" => match body.get("degrees") {
            None => errors.add("degrees", REQUIRED),
            Some(v) if !drf_integer(v) => errors.add("degrees", "A valid integer is required."),
            Some(_) => {}
        },
        "merge" => {
            if let Some(v) = body.get("metadata_document_id")
                && !v.is_null()
                && !drf_integer(v)
            {
                errors.add("metadata_document_id", "A valid integer is required.");
            }
        }
        "edit_pdf" => match body.get("operations") {
            None => errors.add("operations", REQUIRED),
            Some(Value::Array(_)) => {}
            Some(other) => errors.add("operations", expected_list(other)),
        },
        "remove_password" => match body.get("password") {
            None => errors.add("password", REQUIRED),
            Some(Value::Null) => errors.add("password", "This field may not be null."),
            Some(Value::String(s)) if s.trim().is_empty() => {
                errors.add("password", "This field may not be blank.");
            }
            Some(Value::Array(_) | Value::Object(_)) => {
                errors.add("password", "Not a valid string.");
            }
            Some(_) => {}
        },
        _ => {}
    }
    if let Err(reply) = errors.check() {
        return reply;
    }
    if let Err(message) = require_documents(&selection, by_filter) {
        return Reply::non_field_error(message);
    }
    let ids = resolve(ctx, store, &selection);
    if name == "edit_pdf"
        && let Err(message) = check_edit_pdf(&body, &ids)
    {
        return Reply::non_field_error(message);
    }
    match name {
        "delete" => store.bulk_delete(&ids),
        "merge" => merge(ctx, store, &ids, &body),
        _ => {}
    }
    Reply::ok(&ActionResult::ok())
}

/// Why a method's parameters are refused.
enum Problem {
    /// `{"non_field_errors": [message]}`.
    Invalid(String),
    /// Errors keyed by parameter (the custom field values of 3.x).
    Fields(FieldErrors),
    /// The server fails with an uncaught exception (500), as it does for a missing
    /// `set_permissions` or an unknown owner.
    Crash,
}

impl From<&str> for Problem {
    fn from(message: &str) -> Self {
        Self::Invalid(message.to_owned())
    }
}

impl From<String> for Problem {
    fn from(message: String) -> Self {
        Self::Invalid(message)
    }
}

/// Reads `documents` (a list of integers naming live documents, each once), and on 3.x `all`
/// and `filters`, adding DRF's field errors.
fn selection(
    store: &Store,
    body: &Map<String, Value>,
    documents_required: bool,
    by_filter: bool,
    errors: &mut FieldErrors,
) -> Selection {
    let documents = match body.get("documents") {
        None => {
            if documents_required {
                errors.add("documents", REQUIRED);
            }
            None
        }
        Some(Value::Array(items)) => {
            let ids: Vec<Option<u64>> = items.iter().map(integer).collect();
            if ids.iter().any(Option::is_none) {
                let mut nested = Map::new();
                for (i, id) in ids.iter().enumerate() {
                    if id.is_none() {
                        nested.insert(i.to_string(), json!(["A valid integer is required."]));
                    }
                }
                errors.add_value("documents", Value::Object(nested));
                None
            } else {
                let ids: Vec<u64> = ids.into_iter().flatten().collect();
                let mut unique = ids.clone();
                unique.sort_unstable();
                unique.dedup();
                let live = unique
                    .iter()
                    .filter(|id| store.live_document(**id).is_some())
                    .count();
                if live != ids.len() {
                    errors.add(
                        "documents",
                        "Some documents in documents don't exist or were specified twice.",
                    );
                }
                Some(ids)
            }
        }
        Some(Value::Null) => {
            errors.add("documents", "This field may not be null.");
            None
        }
        Some(other) => {
            errors.add("documents", expected_list(other));
            None
        }
    };
    let mut all = false;
    let mut filters = None;
    if by_filter {
        match body.get("all") {
            None => {}
            Some(Value::Bool(b)) => all = *b,
            Some(_) => errors.add("all", "Must be a valid boolean."),
        }
        match body.get("filters") {
            None => {}
            Some(Value::Object(map)) => filters = Some(map.clone()),
            Some(other) => errors.add("filters", expected_dict(other)),
        }
    }
    Selection {
        documents,
        all,
        filters,
    }
}

/// The selection serializer's `validate()`: `documents` unless `all` is true.
fn require_documents(selection: &Selection, by_filter: bool) -> Result<(), &'static str> {
    if by_filter && !selection.all && selection.documents.is_none() {
        return Err("documents is required unless all is true.");
    }
    Ok(())
}

/// The ids a selection names: the list, or every live document the filters select.
fn resolve(ctx: &Ctx<'_>, store: &mut Store, selection: &Selection) -> Vec<u64> {
    if !selection.all {
        return selection.documents.clone().unwrap_or_default();
    }
    let mut pairs = form_urlencoded::Serializer::new(String::new());
    for (key, value) in selection.filters.iter().flatten() {
        match value {
            Value::Array(items) => {
                let joined: Vec<String> = items.iter().map(python_str).collect();
                pairs.append_pair(key, &joined.join(","));
            }
            other => {
                pairs.append_pair(key, &python_str(other));
            }
        }
    }
    selected_ids(ctx, store, &Query::parse(&pairs.finish()))
}

/// The method's parameter checks, in the serializer's order and wording.
fn check_parameters(
    ctx: &Ctx<'_>,
    store: &Store,
    method: &str,
    parameters: &Map<String, Value>,
    ids: &[u64],
) -> Result<(), Problem> {
    let one_document = |what: &str| -> Result<(), Problem> {
        if ids.len() > 1 {
            return Err(format!("{what} method only supports one document").into());
        }
        Ok(())
    };
    match method {
        "set_correspondent" => related(
            parameters,
            "correspondent",
            "correspondent",
            "Correspondent",
            |id| store.correspondents.contains_key(&id),
        ),
        "set_document_type" => related(
            parameters,
            "document_type",
            "document_type",
            "Document type",
            |id| store.document_types.contains_key(&id),
        ),
        "set_storage_path" => related(
            parameters,
            "storage_path",
            "storage path",
            "Storage path",
            |id| store.storage_paths.contains_key(&id),
        ),
        "add_tag" | "remove_tag" => match parameters.get("tag") {
            None => Err("tag not specified".into()),
            Some(tag) if integer(tag).is_some_and(|t| store.tags.contains_key(&t)) => Ok(()),
            Some(tag) if tag.is_null() || integer(tag).is_some() => {
                Err("Tag does not exist".into())
            }
            Some(_) => Err(Problem::Crash),
        },
        "modify_tags" => {
            for key in ["add_tags", "remove_tags"] {
                let Some(list) = parameters.get(key) else {
                    return Err(format!("{key} not specified").into());
                };
                id_list(list, key, "tags", |id| store.tags.contains_key(&id))?;
            }
            Ok(())
        }
        "modify_custom_fields" => {
            for key in ["add_custom_fields", "remove_custom_fields"] {
                let Some(fields) = parameters.get(key) else {
                    return Err(format!("{key} not specified").into());
                };
                custom_field_ids(store, fields, key)?;
                if key == "add_custom_fields"
                    && ctx.flavor.checks_bulk_custom_field_values()
                    && let Value::Object(values) = fields
                {
                    let mut nested = Map::new();
                    for (field, value) in values {
                        let id = field.trim().parse::<u64>().unwrap_or_default();
                        let problem = custom_field_errors(store, CustomFieldId(id), value);
                        if problem.as_object().is_some_and(|p| !p.is_empty()) {
                            nested.insert(id.to_string(), problem);
                        }
                    }
                    if !nested.is_empty() {
                        let mut errors = FieldErrors::default();
                        errors.add_value(key, Value::Object(nested));
                        return Err(Problem::Fields(errors));
                    }
                }
            }
            Ok(())
        }
        "set_permissions" => {
            let Some(given) = parameters.get("set_permissions") else {
                return Err(Problem::Crash);
            };
            if let Value::Object(actions) = given {
                for action in ["view", "change"] {
                    let Some(entry) = actions.get(action) else {
                        continue;
                    };
                    let Value::Object(entry) = entry else {
                        return Err(Problem::Crash);
                    };
                    for (key, kind) in [("users", "users"), ("groups", "groups")] {
                        match entry.get(key) {
                            None | Some(Value::Null) => {}
                            Some(Value::Array(items)) => {
                                let known = |id: u64| match kind {
                                    "users" => store.accounts.contains_key(&id),
                                    _ => store.groups.contains_key(&id),
                                };
                                let mut ids: Vec<u64> = items.iter().filter_map(integer).collect();
                                ids.sort_unstable();
                                ids.dedup();
                                if ids.iter().filter(|id| known(**id)).count() != items.len() {
                                    return Err(format!(
                                        "Some {kind} in don't exist or were specified twice."
                                    )
                                    .into());
                                }
                            }
                            Some(_) => return Err(Problem::Crash),
                        }
                    }
                }
            } else if !given.is_null() {
                return Err(Problem::Crash);
            }
            match parameters.get("owner") {
                None | Some(Value::Null) => Ok(()),
                Some(owner) if integer(owner).is_some_and(|o| store.accounts.contains_key(&o)) => {
                    Ok(())
                }
                Some(_) => Err(Problem::Crash),
            }
        }
        "rotate" => {
            let whole = match parameters.get("degrees") {
                Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f.fract() == 0.0),
                Some(Value::Bool(_)) => true,
                Some(Value::String(s)) => s.trim().parse::<f64>().is_ok_and(|f| f.fract() == 0.0),
                Some(_) => return Err(Problem::Crash),
                None => false,
            };
            if whole {
                Ok(())
            } else {
                Err("invalid rotation degrees".into())
            }
        }
        "split" => {
            one_document("Split")?;
            let Some(pages) = parameters.get("pages") else {
                return Err("pages not specified".into());
            };
            let Some(pages) = pages.as_str() else {
                return Err(Problem::Crash);
            };
            let valid = pages.split(',').all(|part| {
                let mut bounds = part.split('-');
                let int = |s: Option<&str>| s.is_some_and(|s| s.trim().parse::<i64>().is_ok());
                if part.contains('-') {
                    int(bounds.next()) && int(bounds.next())
                } else {
                    int(Some(part))
                }
            });
            if !valid {
                return Err("invalid pages specified".into());
            }
            boolean(parameters, "delete_originals")
        }
        "delete_pages" => {
            one_document("Delete pages")?;
            match parameters.get("pages") {
                None => Err("pages not specified".into()),
                Some(Value::Array(items)) if items.iter().all(python_int) => Ok(()),
                Some(Value::Array(_)) => Err("pages must be a list of integers".into()),
                Some(_) => Err("pages must be a list".into()),
            }
        }
        "merge" => {
            boolean(parameters, "delete_originals")?;
            boolean(parameters, "archive_fallback")
        }
        "edit_pdf" => {
            one_document("Edit PDF")?;
            if !parameters.contains_key("operations") {
                return Err("operations not specified".into());
            }
            boolean(parameters, "update_document")?;
            boolean(parameters, "include_metadata")?;
            check_edit_pdf(parameters, ids).map_err(Problem::from)
        }
        "remove_password" => match parameters.get("password") {
            None => Err("password not specified".into()),
            Some(Value::String(_)) => Ok(()),
            Some(_) => Err("password must be a string".into()),
        },
        // delete, reprocess
        _ => Ok(()),
    }
}

/// The checks of `edit_pdf`'s `operations` (as a `bulk_edit` parameter and as the endpoint's
/// body). Pages are not checked against a page count: the test server's documents have none,
/// and the server checks only documents with one.
fn check_edit_pdf(body: &Map<String, Value>, ids: &[u64]) -> Result<(), String> {
    if ids.len() > 1 {
        return Err("Edit PDF method only supports one document".to_owned());
    }
    let Some(Value::Array(operations)) = body.get("operations") else {
        return Err("operations must be a list".to_owned());
    };
    for op in operations {
        let Value::Object(op) = op else {
            return Err("invalid operation entry".to_owned());
        };
        if !op.get("page").is_some_and(python_int) {
            return Err("page must be an integer".to_owned());
        }
        if op.get("rotate").is_some_and(|r| !python_int(r)) {
            return Err("rotate must be an integer".to_owned());
        }
        if op.get("doc").is_some_and(|d| !python_int(d)) {
            return Err("doc must be an integer".to_owned());
        }
    }
    let updates = body.get("update_document").and_then(Value::as_bool) == Some(true);
    let outputs = operations
        .iter()
        .filter_map(|op| op.get("doc").and_then(Value::as_i64))
        .max()
        .unwrap_or(0);
    if updates && outputs > 0 {
        return Err("update_document only allowed with a single output document".to_owned());
    }
    Ok(())
}

/// A `set_*` method's one object id: required (`{wording} not specified`), `null` allowed,
/// else an existing object (`{model} does not exist`).
fn related(
    parameters: &Map<String, Value>,
    key: &str,
    wording: &str,
    model: &str,
    exists: impl Fn(u64) -> bool,
) -> Result<(), Problem> {
    match parameters.get(key) {
        None => Err(format!("{wording} not specified").into()),
        Some(Value::Null) => Ok(()),
        Some(v) => match integer(v) {
            Some(id) if exists(id) => Ok(()),
            Some(_) => Err(format!("{model} does not exist").into()),
            None => Err(Problem::Crash),
        },
    }
}

/// The serializer's id lists (`add_tags`, ...): a list of integers naming existing objects,
/// each once.
fn id_list(
    value: &Value,
    name: &str,
    kind: &str,
    exists: impl Fn(u64) -> bool,
) -> Result<Vec<u64>, Problem> {
    let Value::Array(items) = value else {
        return Err(format!("{name} must be a list").into());
    };
    if !items.iter().all(python_int) {
        return Err(format!("{name} must be a list of integers").into());
    }
    let ids: Vec<u64> = items.iter().filter_map(integer).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    if unique.iter().filter(|id| exists(**id)).count() != items.len() {
        return Err(format!("Some {kind} in {name} don't exist or were specified twice.").into());
    }
    Ok(ids)
}

/// `add_custom_fields`/`remove_custom_fields`: a list of field ids or a map of id to value.
fn custom_field_ids(store: &Store, value: &Value, name: &str) -> Result<Vec<u64>, Problem> {
    let ids: Vec<Value> = match value {
        Value::Object(map) => {
            let mut ids = Vec::new();
            for key in map.keys() {
                let Ok(id) = key.trim().parse::<u64>() else {
                    return Err(format!(
                        "{name} must be a list of integers or a dict of id:value pairs, see the \
                         log for details"
                    )
                    .into());
                };
                ids.push(json!(id));
            }
            ids
        }
        Value::Array(items) if items.iter().all(python_int) => items.clone(),
        _ => {
            return Err(
                format!("{name} must be a list of integers or a dict of id:value pairs").into(),
            );
        }
    };
    id_list(&Value::Array(ids), name, "custom fields", |id| {
        store.custom_fields.contains_key(&id)
    })
}

/// An optional boolean parameter (`{key} must be a boolean`).
fn boolean(parameters: &Map<String, Value>, key: &str) -> Result<(), Problem> {
    match parameters.get(key) {
        Some(v) if !v.is_boolean() => Err(format!("{key} must be a boolean").into()),
        _ => Ok(()),
    }
}

/// Applies a validated method to the documents `ids`.
fn apply(
    ctx: &Ctx<'_>,
    store: &mut Store,
    method: &str,
    parameters: &Map<String, Value>,
    ids: &[u64],
) {
    let at = now();
    let param_id = |key: &str| parameters.get(key).and_then(integer);
    let tag_list = |key: &str| -> Vec<u64> {
        parameters
            .get(key)
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(integer).collect())
            .unwrap_or_default()
    };
    match method {
        "set_correspondent" => {
            let value = param_id("correspondent").map(paperless_types::CorrespondentId);
            edit(store, ids, at, |doc| {
                let changed = doc.correspondent != value;
                doc.correspondent = value;
                changed
            });
        }
        "set_document_type" => {
            let value = param_id("document_type").map(paperless_types::DocumentTypeId);
            edit(store, ids, at, |doc| {
                let changed = doc.document_type != value;
                doc.document_type = value;
                changed
            });
        }
        "set_storage_path" => {
            let value = param_id("storage_path").map(paperless_types::StoragePathId);
            edit(store, ids, at, |doc| {
                let changed = doc.storage_path != value;
                doc.storage_path = value;
                changed
            });
        }
        "add_tag" | "remove_tag" | "modify_tags" => {
            let (add, remove) = match method {
                "add_tag" => (param_id("tag").into_iter().collect(), Vec::new()),
                "remove_tag" => (Vec::new(), param_id("tag").into_iter().collect()),
                _ => (tag_list("add_tags"), tag_list("remove_tags")),
            };
            let add = with_ancestors(store, &add);
            let remove = with_descendants(store, &remove);
            // modify_tags touches every selected document; the others only those they change.
            let every = method == "modify_tags";
            edit(store, ids, at, |doc| {
                let before = doc.tags.clone();
                doc.tags.retain(|t| !remove.contains(t));
                for tag in &add {
                    if !doc.tags.contains(tag) {
                        doc.tags.push(*tag);
                    }
                }
                every || doc.tags != before
            });
        }
        "modify_custom_fields" => {
            let added: Vec<(CustomFieldId, Value)> = match parameters.get("add_custom_fields") {
                Some(Value::Object(map)) => map
                    .iter()
                    .filter_map(|(k, v)| Some((CustomFieldId(k.trim().parse().ok()?), v.clone())))
                    .collect(),
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(integer)
                    .map(|id| (CustomFieldId(id), Value::Null))
                    .collect(),
                _ => Vec::new(),
            };
            let removed: Vec<CustomFieldId> = match parameters.get("remove_custom_fields") {
                Some(Value::Object(map)) => map
                    .keys()
                    .filter_map(|k| k.trim().parse().ok().map(CustomFieldId))
                    .collect(),
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(integer)
                    .map(CustomFieldId)
                    .collect(),
                _ => Vec::new(),
            };
            let links: Vec<CustomFieldId> = store
                .custom_fields
                .values()
                .filter(|f| f.data_type.as_str() == "documentlink")
                .map(|f| f.id)
                .collect();
            edit(store, ids, at, |doc| {
                let own = doc.id.0;
                for (field, value) in &added {
                    // A document link field never links a document to itself.
                    let self_link = links.contains(field)
                        && value
                            .as_array()
                            .is_some_and(|v| v.iter().any(|d| d.as_u64() == Some(own)));
                    if self_link {
                        continue;
                    }
                    match doc.custom_fields.iter_mut().find(|f| f.field == *field) {
                        Some(instance) => instance.value = value.clone(),
                        None => doc.custom_fields.push(
                            paperless_types::custom_field::CustomFieldInstance::new(
                                *field,
                                value.clone(),
                            ),
                        ),
                    }
                }
                doc.custom_fields.retain(|f| !removed.contains(&f.field));
                true
            });
        }
        "set_permissions" => {
            let merge = parameters.get("merge").and_then(Value::as_bool) == Some(true);
            let owner = param_id("owner").map(UserId);
            let given = parameters
                .get("set_permissions")
                .cloned()
                .unwrap_or(Value::Null);
            edit(store, ids, at, |doc| {
                if !merge || doc.owner.is_none() {
                    doc.owner = owner;
                }
                let current = doc.permissions.clone().unwrap_or_default();
                doc.permissions = Some(set_permissions(current, &given, merge));
                true
            });
        }
        "delete" => store.bulk_delete(ids),
        "merge" => merge(ctx, store, ids, parameters),
        // The other file operations change nothing here (no PDFs); see the module docs.
        _ => {}
    }
}

/// `merge`: the documents' files, in the order given, become one new document, consumed as
/// the server's queued `consume_file` task consumes it (a task, the status frames; the file
/// is the originals' bytes one after the other, named `{id}_{id}_merged.pdf`). The document
/// of `metadata_document_id` gives its title (with ` (merged)`), correspondent, document type,
/// storage path, tags and custom fields; with `delete_originals` the originals go to the trash
/// and their first archive serial number (that document's, if it has one) moves to the new
/// document.
fn merge(ctx: &Ctx<'_>, store: &mut Store, ids: &[u64], options: &Map<String, Value>) {
    let docs: Vec<(u64, Option<u64>, bytes::Bytes)> = ids
        .iter()
        .filter_map(|id| store.live_document(*id))
        .map(|d| (d.doc.id.0, d.doc.archive_serial_number, d.file.clone()))
        .collect();
    if docs.is_empty() {
        return;
    }
    let joined: Vec<String> = docs.iter().map(|(id, _, _)| id.to_string()).collect();
    let joined: String = joined.join("_").chars().take(100).collect();
    let file_name = format!("{joined}_merged.pdf");
    let data: Vec<u8> = docs
        .iter()
        .flat_map(|(_, _, f)| f.iter().copied())
        .collect();
    let mut asn = docs.iter().find_map(|(_, asn, _)| *asn);
    let mut form = paperless_types::post_document::NewDocument::default();
    if let Some(meta) = options
        .get("metadata_document_id")
        .and_then(integer)
        .filter(|id| docs.iter().any(|(d, _, _)| d == id))
        .and_then(|id| store.live_document(id))
    {
        let doc = &meta.doc;
        form.title = Some(format!("{} (merged)", doc.title()));
        form.correspondent = doc.correspondent;
        form.document_type = doc.document_type;
        form.storage_path = doc.storage_path;
        form.tags = doc.tags.clone();
        if !doc.custom_fields.is_empty() {
            form.custom_fields = Some(paperless_types::custom_field::CustomFieldsToAdd::Values(
                doc.custom_fields
                    .iter()
                    .map(|f| (f.field, f.value.clone()))
                    .collect(),
            ));
        }
        asn = doc.archive_serial_number.or(asn);
    }
    let delete_originals = options.get("delete_originals").and_then(Value::as_bool) == Some(true);
    let originals: Vec<u64> = docs.iter().map(|(id, _, _)| *id).collect();
    if delete_originals {
        // The originals release their serial numbers to the new document.
        for id in &originals {
            if let Some(d) = store.documents.get_mut(id) {
                d.doc.archive_serial_number = None;
            }
        }
        form.archive_serial_number = asn;
    }
    super::upload::queue_consumption(
        ctx,
        store,
        &file_name,
        "application/pdf",
        bytes::Bytes::from(data),
        &form,
    );
    if delete_originals {
        store.bulk_delete(&originals);
    }
}

/// Applies `change` to each live document of `ids` through the store's one write path
/// ([`Store::edit_documents`]: `modified` and the `document_updated` frame on those it reports
/// changed, the server's `affected_docs`).
fn edit(
    store: &mut Store,
    ids: &[u64],
    at: chrono::DateTime<chrono::FixedOffset>,
    change: impl FnMut(&mut paperless_types::document::Document) -> bool,
) {
    store.edit_documents(ids, at, change);
}

/// The tags with all their ancestors (what `add_tag` and `modify_tags` add).
fn with_ancestors(store: &Store, tags: &[u64]) -> Vec<TagId> {
    let mut out: Vec<TagId> = Vec::new();
    for tag in tags {
        let mut next = Some(TagId(*tag));
        while let Some(t) = next {
            if out.contains(&t) {
                break;
            }
            out.push(t);
            next = store.tags.get(&t.0).and_then(|tag| tag.parent);
        }
    }
    out
}

/// The tags with all their descendants (what `remove_tag` and `modify_tags` remove).
fn with_descendants(store: &Store, tags: &[u64]) -> Vec<TagId> {
    let mut out: Vec<TagId> = tags.iter().copied().map(TagId).collect();
    let mut i = 0;
    while i < out.len() {
        let parent = out[i];
        for tag in store.tags.values() {
            if tag.parent == Some(parent) && !out.contains(&tag.id) {
                out.push(tag.id);
            }
        }
        i += 1;
    }
    out
}

/// An integer as DRF's `IntegerField` reads it (a JSON integer or a numeric string).
pub(super) fn integer(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Whether DRF's `IntegerField` takes the value: an integer, negative too, also as a string,
/// or a number with nothing after the point (`90.0`).
fn drf_integer(value: &Value) -> bool {
    let whole = |f: f64| f.is_finite() && f.fract() == 0.0;
    match value {
        Value::Number(n) => n.is_i64() || n.is_u64() || n.as_f64().is_some_and(whole),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>().is_ok()
                || s.strip_suffix(".0")
                    .or_else(|| s.strip_suffix('.'))
                    .is_some_and(|int| int.parse::<i64>().is_ok())
        }
        _ => false,
    }
}

/// Python's `isinstance(value, int)` (booleans included).
fn python_int(value: &Value) -> bool {
    value.is_i64() || value.is_u64() || value.is_boolean()
}

/// A JSON value as Python's `str()` shows it in DRF's messages.
fn python_str(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Null => "None".to_owned(),
        other => other.to_string(),
    }
}

/// DRF `ListField`'s message for another type.
fn expected_list(value: &Value) -> String {
    format!(
        "Expected a list of items but got type \"{}\".",
        python_type(value)
    )
}

/// DRF `DictField`'s message for another type.
fn expected_dict(value: &Value) -> String {
    format!(
        "Expected a dictionary of items but got type \"{}\".",
        python_type(value)
    )
}

/// Django's answer to an uncaught exception (`DEBUG` off).
fn server_error() -> Reply {
    Reply::bytes(
        http::StatusCode::INTERNAL_SERVER_ERROR,
        "text/html; charset=utf-8",
        bytes::Bytes::from_static(b"<h1>Server Error (500)</h1>"),
    )
}
