//! One document: `GET`, `PATCH` and `PUT /api/documents/{id}/`, and the checks of the objects
//! an update names.

use http::StatusCode;
use paperless_types::document::DocumentPatch;
use paperless_types::permissions::{PermissionSet, Permissions};
use paperless_types::{CustomFieldId, GroupId, UserId};
use serde_json::{Value, json};

use super::view::{render, view};
use crate::context::{Ctx, json_body};
use crate::http::{FieldErrors, Reply, invalid_pk};
use crate::listing;
use crate::store::Store;
use crate::util::{dedup, now};

/// `GET /api/documents/{id}/` (with `duplicate_documents`).
pub(super) fn retrieve(ctx: &Ctx<'_>, store: &Store, id: u64) -> Reply {
    let Some(stored) = store.live_document(id) else {
        return Reply::no_match("Document");
    };
    let mut view = view(ctx);
    view.duplicates = true;
    let object = render(store, stored, &view);
    let fields = listing::fields_param(&ctx.req.query);
    Reply::ok(&listing::select_fields(object, fields.as_deref()))
}

/// `PATCH`/`PUT /api/documents/{id}/` with a [`DocumentPatch`]; answers in the `full_perms` form.
/// A `PUT` must name `correspondent`, `document_type` and `storage_path` (each may be `null`),
/// as the server's `DocumentSerializer` requires on a full update.
pub(super) fn update(ctx: &Ctx<'_>, store: &mut Store, id: u64) -> Reply {
    let Some(current) = store.live_document(id).cloned() else {
        return Reply::no_match("Document");
    };
    let body = match json_body(ctx.req) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    // A full update (PUT): the serializer's nullable relations are still required fields.
    if ctx.req.method == http::Method::PUT {
        let mut missing = FieldErrors::default();
        for field in ["correspondent", "document_type", "storage_path"] {
            if body.get(field).is_none() {
                missing.add(field, crate::http::REQUIRED);
            }
        }
        if let Err(reply) = missing.check() {
            return reply;
        }
    }
    let set_permissions_given = body.get("set_permissions").cloned();
    let patch: DocumentPatch = match serde_json::from_value(body) {
        Ok(patch) => patch,
        Err(e) => {
            return Reply::json(
                StatusCode::BAD_REQUEST,
                &json!({"non_field_errors": [format!("Invalid data: {e}")]}),
            );
        }
    };
    let mut errors = FieldErrors::default();
    check_refs(store, &mut errors, &patch, id);
    if let Err(reply) = errors.check() {
        return reply;
    }
    let mut doc = current.doc.clone();
    if let Some(title) = patch.title {
        doc.title = Some(title);
    }
    if let Some(content) = patch.content {
        doc.content = Some(content);
    }
    if let Some(created) = patch.created {
        doc.created = Some(created);
    }
    if !patch.correspondent.is_unchanged() {
        doc.correspondent = patch.correspondent.as_set().copied();
    }
    if !patch.document_type.is_unchanged() {
        doc.document_type = patch.document_type.as_set().copied();
    }
    if !patch.storage_path.is_unchanged() {
        doc.storage_path = patch.storage_path.as_set().copied();
    }
    if !patch.archive_serial_number.is_unchanged() {
        doc.archive_serial_number = patch.archive_serial_number.as_set().copied();
    }
    if !patch.owner.is_unchanged() {
        doc.owner = patch.owner.as_set().copied();
    }
    let added_tags = patch.tags.clone().unwrap_or_default();
    if let Some(tags) = patch.tags {
        doc.tags = dedup(tags);
    }
    if patch.remove_inbox_tags == Some(true) {
        doc.tags.retain(|t| {
            added_tags.contains(t) || !store.tags.get(&t.0).is_some_and(|tag| tag.is_inbox_tag)
        });
    }
    if let Some(fields) = patch.custom_fields {
        doc.custom_fields = fields;
    }
    if let Some(given) = set_permissions_given.filter(|g| !g.is_null()) {
        let current = doc.permissions.clone().unwrap_or_default();
        doc.permissions = Some(set_permissions(current, &given, false));
    }
    // Written through the store's one write path (`modified`, the `document_updated` frame).
    let mut updated = Some(doc);
    store.edit_documents(&[id], now(), |stored| {
        if let Some(doc) = updated.take() {
            *stored = doc;
        }
        true
    });
    let Some(stored) = store.live_document(id) else {
        return Reply::no_match("Document");
    };
    let mut view = view(ctx);
    view.full_perms = true;
    view.duplicates = true;
    Reply::ok(&render(store, stored, &view))
}

/// Checks that every object a document update names exists.
fn check_refs(store: &Store, errors: &mut FieldErrors, patch: &DocumentPatch, id: u64) {
    if let Some(c) = patch.correspondent.as_set()
        && !store.correspondents.contains_key(&c.0)
    {
        errors.add("correspondent", invalid_pk(c));
    }
    if let Some(t) = patch.document_type.as_set()
        && !store.document_types.contains_key(&t.0)
    {
        errors.add("document_type", invalid_pk(t));
    }
    if let Some(s) = patch.storage_path.as_set()
        && !store.storage_paths.contains_key(&s.0)
    {
        errors.add("storage_path", invalid_pk(s));
    }
    for tag in patch.tags.iter().flatten() {
        if !store.tags.contains_key(&tag.0) {
            errors.add("tags", invalid_pk(tag));
        }
    }
    if let Some(asn) = patch.archive_serial_number.as_set()
        && store
            .documents
            .values()
            .any(|d| d.doc.id.0 != id && d.doc.archive_serial_number == Some(*asn))
    {
        errors.add(
            "archive_serial_number",
            "document with this archive serial number already exists.",
        );
    }
    if let Some(owner) = patch.owner.as_set()
        && !store.accounts.contains_key(&owner.0)
    {
        errors.add("owner", invalid_pk(owner));
    }
    if let Some(fields) = &patch.custom_fields {
        let problems: Vec<Value> = fields
            .iter()
            .map(|f| custom_field_errors(store, f.field, &f.value))
            .collect();
        if problems
            .iter()
            .any(|p| p.as_object().is_some_and(|o| !o.is_empty()))
        {
            errors.add_value("custom_fields", Value::Array(problems));
        }
    }
}

/// The errors of one custom field value as a document's `custom_fields` item shows them
/// (`{}` when it is valid): an unknown field, a select value that is not one of its options.
pub(super) fn custom_field_errors(store: &Store, field: CustomFieldId, value: &Value) -> Value {
    match store.custom_fields.get(&field.0) {
        None => json!({"field": [invalid_pk(field)]}),
        Some(definition) => {
            let options = definition.select_options();
            let bad_option = definition.data_type.as_str() == "select"
                && !value.is_null()
                && !options.iter().any(|o| o.id.as_deref() == value.as_str());
            if bad_option {
                let listed: Vec<String> = options
                    .iter()
                    .map(|o| {
                        format!(
                            "{{'label': '{}', 'id': '{}'}}",
                            o.label,
                            o.id.as_deref().unwrap_or_default()
                        )
                    })
                    .collect();
                json!({"non_field_errors": [format!(
                    "Value must be an id of an element in [{}]",
                    listed.join(", ")
                )]})
            } else {
                json!({})
            }
        }
    }
}

/// The server's `set_permissions_for_object` (`documents/permissions.py`), the one rule of a
/// document's `set_permissions` for a `PATCH`/`PUT` (`merge` false) and the bulk
/// `set_permissions` method: for each action named (`view`, then `change`), the users and groups
/// given replace those there (or, with `merge`, are added to them); the users and groups given
/// for `change` get view too. An action not named, or a list not given, is left as it is.
pub(super) fn set_permissions(mut current: Permissions, given: &Value, merge: bool) -> Permissions {
    let ids = |entry: &Value, key: &str| -> Option<Vec<u64>> {
        entry
            .get(key)
            .and_then(Value::as_array)
            .map(|items| items.iter().filter_map(super::bulk::integer).collect())
    };
    let named = |action: &str| given.get(action).filter(|e| e.is_object());
    let replace = |set: &mut Vec<u64>, given: &[u64]| {
        if !merge {
            set.clear();
        }
        for id in given {
            if !set.contains(id) {
                set.push(*id);
            }
        }
    };
    for action in ["view", "change"] {
        let Some(entry) = named(action) else {
            continue;
        };
        if let Some(users) = ids(entry, "users") {
            let mut set: Vec<u64> = permission_set(&current, action)
                .users
                .iter()
                .map(|u| u.0)
                .collect();
            replace(&mut set, &users);
            permission_set_mut(&mut current, action).users = set.into_iter().map(UserId).collect();
            if action == "change" {
                // Change gives view too.
                for user in users {
                    if !current.view.users.contains(&UserId(user)) {
                        current.view.users.push(UserId(user));
                    }
                }
            }
        }
        if let Some(groups) = ids(entry, "groups") {
            let mut set: Vec<u64> = permission_set(&current, action)
                .groups
                .iter()
                .map(|g| g.0)
                .collect();
            replace(&mut set, &groups);
            permission_set_mut(&mut current, action).groups =
                set.into_iter().map(GroupId).collect();
            if action == "change" {
                for group in groups {
                    if !current.view.groups.contains(&GroupId(group)) {
                        current.view.groups.push(GroupId(group));
                    }
                }
            }
        }
    }
    current
}

fn permission_set<'p>(permissions: &'p Permissions, action: &str) -> &'p PermissionSet {
    if action == "view" {
        &permissions.view
    } else {
        &permissions.change
    }
}

fn permission_set_mut<'p>(permissions: &'p mut Permissions, action: &str) -> &'p mut PermissionSet {
    if action == "view" {
        &mut permissions.view
    } else {
        &mut permissions.change
    }
}
