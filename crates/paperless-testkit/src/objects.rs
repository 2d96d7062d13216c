//! The "matching objects" and custom fields: tags, correspondents, document types, storage paths,
//! custom fields. One implementation of list, retrieve, create, update, replace and delete
//! serves all five; each collection only says what is special about it ([`Collection`]).
//!
//! Writes go through the `paperless-types` payload models (`NewTag`, `TagPatch`, ...): the body is
//! parsed into the payload, the payload's JSON is merged onto the stored object's JSON (a `PUT`
//! too: as in DRF, fields it leaves out keep their values, `crate::context::update_changes`), and
//! the result is parsed back into the model (`Tag`, ...). Server-derived fields (slug, text colour,
//! select option ids) are filled in between.

use std::collections::BTreeMap;

use http::{Method, StatusCode};
use paperless_types::correspondent::{Correspondent, CorrespondentPatch, NewCorrespondent};
use paperless_types::custom_field::{CustomField, CustomFieldPatch, NewCustomField};
use paperless_types::document::Document;
use paperless_types::document_type::{DocumentType, DocumentTypePatch, NewDocumentType};
use paperless_types::storage_path::{NewStoragePath, StoragePath, StoragePathPatch};
use paperless_types::tag::{NewTag, Tag, TagPatch};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::context::Ctx;
use crate::http::{FieldErrors, Reply, invalid_choice, invalid_pk};
use crate::listing::{self, Envelope, Filters, ListRequest, Object};
use crate::store::Store;
use crate::util::{random_alnum, slugify, text_color};

/// How an object is being rendered: the server sends slightly different keys per endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// In a list (and nested tag children).
    List,
    /// `GET {id}/`: correspondents add `last_correspondence`.
    Retrieve,
    /// The answer to a create: no `document_count`.
    Created,
    /// The answer to `PATCH`/`PUT`.
    Updated,
}

/// What is special about one collection.
pub(crate) trait Collection: Serialize + DeserializeOwned + Clone + 'static {
    /// The create payload of `paperless-types`.
    type Create: Serialize + DeserializeOwned;
    /// The partial-update payload of `paperless-types`.
    type Patch: Serialize + DeserializeOwned;
    /// The model's name in 404 messages (`No Tag matches the given query.`).
    const MODEL: &'static str;
    /// Fields a create and a `PUT` must send.
    const REQUIRED: &'static [&'static str];
    /// Whether objects have an owner and object permissions.
    const OWNED: bool;
    /// The fields lists can be filtered and ordered by.
    const FILTERS: &'static [&'static str];
    /// The list envelope's `display_count` for these matching ids (`None`: not sent).
    fn display_count(_store: &Store, _ids: &[u64]) -> Option<u64> {
        None
    }

    fn map(store: &Store) -> &BTreeMap<u64, Self>;
    fn map_mut(store: &mut Store) -> &mut BTreeMap<u64, Self>;
    /// The JSON of a new object with the server's defaults.
    fn defaults(id: u64) -> Value;
    /// Whether a document uses object `id` (for `document_count`).
    fn used_by(doc: &Document, id: u64) -> bool;
    /// Removes object `id` from a document, when the object is deleted.
    fn detach(doc: &mut Document, id: u64);
    /// Adds what the JSON of the model lacks (children, `last_correspondence`).
    fn decorate(_object: &mut Object, _store: &Store, _mode: Mode, _full_perms: bool) {}
    /// Checks rules beyond required fields and types; `Err` is the complete error reply.
    fn validate(_body: &Object, _store: &Store, _errors: &mut FieldErrors) -> Result<(), Reply> {
        Ok(())
    }
    /// Fills server-derived fields after a write.
    fn derive(object: &mut Object) {
        if let Some(name) = object.get("name").and_then(Value::as_str) {
            let slug = slugify(name);
            object.insert("slug".to_owned(), Value::String(slug));
        }
    }
}

fn owned_defaults(id: u64) -> Value {
    json!({
        "id": id, "slug": "", "name": "", "match": "", "matching_algorithm": 1,
        "is_insensitive": true, "owner": null,
        "permissions": {"view": {"users": [], "groups": []}, "change": {"users": [], "groups": []}}
    })
}

fn merge(mut base: Value, extra: Value) -> Value {
    if let (Some(base_map), Value::Object(extra)) = (base.as_object_mut(), extra) {
        for (k, v) in extra {
            base_map.insert(k, v);
        }
    }
    base
}

impl Collection for Tag {
    type Create = NewTag;
    type Patch = TagPatch;
    const MODEL: &'static str = "Tag";
    const REQUIRED: &'static [&'static str] = &["name"];
    const OWNED: bool = true;
    const FILTERS: &'static [&'static str] = &[
        "name",
        "slug",
        "owner",
        "is_inbox_tag",
        "parent",
        "color",
        "matching_algorithm",
        "document_count",
    ];

    fn map(store: &Store) -> &BTreeMap<u64, Self> {
        &store.tags
    }
    /// The matching tags and all their descendants (the tree the web UI shows).
    fn display_count(store: &Store, ids: &[u64]) -> Option<u64> {
        let mut shown: std::collections::BTreeSet<u64> = ids.iter().copied().collect();
        let mut frontier: Vec<u64> = ids.to_vec();
        while let Some(parent) = frontier.pop() {
            for tag in store.tags.values() {
                if tag.parent.is_some_and(|p| p.0 == parent) && shown.insert(tag.id.0) {
                    frontier.push(tag.id.0);
                }
            }
        }
        Some(shown.len() as u64)
    }
    fn map_mut(store: &mut Store) -> &mut BTreeMap<u64, Self> {
        &mut store.tags
    }
    fn defaults(id: u64) -> Value {
        merge(
            owned_defaults(id),
            json!({"color": "#a6cee3", "text_color": "#000000", "is_inbox_tag": false,
                   "parent": null, "children": []}),
        )
    }
    fn used_by(doc: &Document, id: u64) -> bool {
        doc.tags.iter().any(|t| t.0 == id)
    }
    fn detach(doc: &mut Document, id: u64) {
        doc.tags.retain(|t| t.0 != id);
    }
    fn decorate(object: &mut Object, store: &Store, mode: Mode, full_perms: bool) {
        let Some(id) = object.get("id").and_then(Value::as_u64) else {
            return;
        };
        let mut children: Vec<&Tag> = store
            .tags
            .values()
            .filter(|t| t.parent.is_some_and(|p| p.0 == id))
            .collect();
        children.sort_by_key(|t| (t.name.to_lowercase(), t.id));
        let child_mode = if mode == Mode::Created {
            Mode::Created
        } else {
            Mode::List
        };
        let rendered: Vec<Value> = children
            .into_iter()
            .map(|c| Value::Object(render(store, c, child_mode, full_perms)))
            .collect();
        object.insert("children".to_owned(), Value::Array(rendered));
    }
    fn validate(body: &Object, store: &Store, errors: &mut FieldErrors) -> Result<(), Reply> {
        if let Some(color) = body.get("color").and_then(Value::as_str)
            && color.chars().count() > 7
        {
            errors.add("color", "Ensure this field has no more than 7 characters.");
        }
        if let Some(parent) = body.get("parent").filter(|p| !p.is_null())
            && !parent.as_u64().is_some_and(|p| store.tags.contains_key(&p))
        {
            errors.add("parent", invalid_pk(parent));
        }
        Ok(())
    }
    fn derive(object: &mut Object) {
        if let Some(name) = object.get("name").and_then(Value::as_str) {
            let slug = slugify(name);
            object.insert("slug".to_owned(), Value::String(slug));
        }
        if let Some(color) = object.get("color").and_then(Value::as_str) {
            let text = text_color(color);
            object.insert("text_color".to_owned(), Value::String(text.to_owned()));
        }
        object.insert("children".to_owned(), json!([]));
    }
}

impl Collection for Correspondent {
    type Create = NewCorrespondent;
    type Patch = CorrespondentPatch;
    const MODEL: &'static str = "Correspondent";
    const REQUIRED: &'static [&'static str] = &["name"];
    const OWNED: bool = true;
    const FILTERS: &'static [&'static str] = &[
        "name",
        "slug",
        "owner",
        "matching_algorithm",
        "document_count",
        "last_correspondence",
    ];

    fn map(store: &Store) -> &BTreeMap<u64, Self> {
        &store.correspondents
    }
    fn map_mut(store: &mut Store) -> &mut BTreeMap<u64, Self> {
        &mut store.correspondents
    }
    fn defaults(id: u64) -> Value {
        owned_defaults(id)
    }
    fn used_by(doc: &Document, id: u64) -> bool {
        doc.correspondent.is_some_and(|c| c.0 == id)
    }
    fn detach(doc: &mut Document, id: u64) {
        if Self::used_by(doc, id) {
            doc.correspondent = None;
        }
    }
    fn decorate(object: &mut Object, store: &Store, mode: Mode, _full_perms: bool) {
        // `last_correspondence` is computed only by the single-object GET.
        let last = match (mode, object.get("id").and_then(Value::as_u64)) {
            (Mode::Retrieve, Some(id)) => store
                .documents
                .values()
                .filter(|d| d.doc.deleted_at.is_none() && Self::used_by(&d.doc, id))
                .filter_map(|d| d.doc.created)
                .max(),
            _ => {
                object.remove("last_correspondence");
                return;
            }
        };
        object.insert("last_correspondence".to_owned(), json!(last));
    }
}

impl Collection for DocumentType {
    type Create = NewDocumentType;
    type Patch = DocumentTypePatch;
    const MODEL: &'static str = "DocumentType";
    const REQUIRED: &'static [&'static str] = &["name"];
    const OWNED: bool = true;
    const FILTERS: &'static [&'static str] = &[
        "name",
        "slug",
        "owner",
        "matching_algorithm",
        "document_count",
    ];

    fn map(store: &Store) -> &BTreeMap<u64, Self> {
        &store.document_types
    }
    fn map_mut(store: &mut Store) -> &mut BTreeMap<u64, Self> {
        &mut store.document_types
    }
    fn defaults(id: u64) -> Value {
        owned_defaults(id)
    }
    fn used_by(doc: &Document, id: u64) -> bool {
        doc.document_type.is_some_and(|c| c.0 == id)
    }
    fn detach(doc: &mut Document, id: u64) {
        if Self::used_by(doc, id) {
            doc.document_type = None;
        }
    }
}

impl Collection for StoragePath {
    type Create = NewStoragePath;
    type Patch = StoragePathPatch;
    const MODEL: &'static str = "StoragePath";
    const REQUIRED: &'static [&'static str] = &["name", "path"];
    const OWNED: bool = true;
    const FILTERS: &'static [&'static str] = &[
        "name",
        "slug",
        "path",
        "owner",
        "matching_algorithm",
        "document_count",
    ];

    fn map(store: &Store) -> &BTreeMap<u64, Self> {
        &store.storage_paths
    }
    fn map_mut(store: &mut Store) -> &mut BTreeMap<u64, Self> {
        &mut store.storage_paths
    }
    fn defaults(id: u64) -> Value {
        merge(owned_defaults(id), json!({"path": ""}))
    }
    fn used_by(doc: &Document, id: u64) -> bool {
        doc.storage_path.is_some_and(|c| c.0 == id)
    }
    fn detach(doc: &mut Document, id: u64) {
        if Self::used_by(doc, id) {
            doc.storage_path = None;
        }
    }
}

/// The data types a custom field may have.
const DATA_TYPES: &[&str] = &[
    "string",
    "url",
    "date",
    "boolean",
    "integer",
    "float",
    "monetary",
    "documentlink",
    "select",
    "longtext",
];

impl Collection for CustomField {
    type Create = NewCustomField;
    type Patch = CustomFieldPatch;
    const MODEL: &'static str = "CustomField";
    const REQUIRED: &'static [&'static str] = &["name", "data_type"];
    const OWNED: bool = false;
    const FILTERS: &'static [&'static str] = &["name", "data_type", "document_count"];

    fn map(store: &Store) -> &BTreeMap<u64, Self> {
        &store.custom_fields
    }
    fn map_mut(store: &mut Store) -> &mut BTreeMap<u64, Self> {
        &mut store.custom_fields
    }
    fn defaults(id: u64) -> Value {
        json!({"id": id, "name": "", "data_type": "string", "extra_data": null})
    }
    fn used_by(doc: &Document, id: u64) -> bool {
        doc.custom_fields.iter().any(|c| c.field.0 == id)
    }
    fn detach(doc: &mut Document, id: u64) {
        doc.custom_fields.retain(|c| c.field.0 != id);
    }
    fn validate(body: &Object, _store: &Store, errors: &mut FieldErrors) -> Result<(), Reply> {
        if let Some(data_type) = body.get("data_type") {
            match data_type.as_str() {
                Some(t) if DATA_TYPES.contains(&t) => {}
                Some(t) => errors.add("data_type", invalid_choice(t)),
                None => errors.add("data_type", invalid_choice(data_type)),
            }
        }
        if !errors.is_empty() {
            return Ok(());
        }
        let extra = body.get("extra_data").filter(|e| !e.is_null());
        let message = if body.get("data_type").and_then(Value::as_str) == Some("select")
            && !extra
                .and_then(|e| e.get("select_options"))
                .is_some_and(Value::is_array)
        {
            Some("extra_data.select_options must be a valid list")
        } else if extra
            .and_then(|e| e.get("default_currency"))
            .filter(|c| !c.is_null())
            .is_some_and(|c| c.as_str().is_none_or(|c| c.chars().count() != 3))
        {
            Some("extra_data.default_currency must be a 3-character string")
        } else {
            None
        };
        match message {
            Some(m) => Err(Reply::object_error(m, true)),
            None => Ok(()),
        }
    }
    fn derive(object: &mut Object) {
        // The server gives every select option without an id a random 16-character id.
        let options = object
            .get_mut("extra_data")
            .and_then(|e| e.get_mut("select_options"))
            .and_then(Value::as_array_mut);
        for option in options.into_iter().flatten() {
            if let Some(option) = option.as_object_mut()
                && option.get("id").is_none_or(Value::is_null)
            {
                option.insert("id".to_owned(), Value::String(random_alnum(16)));
            }
        }
    }
}

/// An owned object's permission keys as the server sends them: `permissions` with
/// `full_perms=true`, else `user_can_change` (always `true`: permissions are not enforced).
pub(crate) fn owned_view(object: &mut Object, full_perms: bool) {
    if full_perms {
        object.remove("user_can_change");
        if !object.get("permissions").is_some_and(Value::is_object) {
            object.insert(
                "permissions".to_owned(),
                json!({"view": {"users": [], "groups": []}, "change": {"users": [], "groups": []}}),
            );
        }
    } else {
        object.remove("permissions");
        object.insert("user_can_change".to_owned(), Value::Bool(true));
    }
}

/// The JSON of one object as an endpoint sends it.
pub(crate) fn render<C: Collection>(
    store: &Store,
    item: &C,
    mode: Mode,
    full_perms: bool,
) -> Object {
    let mut object = match serde_json::to_value(item) {
        Ok(Value::Object(map)) => map,
        _ => Object::new(),
    };
    let id = object.get("id").and_then(Value::as_u64).unwrap_or(0);
    if mode == Mode::Created {
        object.remove("document_count");
    } else {
        let count = store
            .documents
            .values()
            .filter(|d| d.doc.deleted_at.is_none() && C::used_by(&d.doc, id))
            .count();
        object.insert("document_count".to_owned(), json!(count));
    }
    if C::OWNED {
        owned_view(&mut object, full_perms);
    }
    C::decorate(&mut object, store, mode, full_perms);
    object
}

/// Ids in the default order: name ignoring case, then id.
fn default_order<C: Collection>(store: &Store) -> Vec<u64> {
    let mut items: Vec<(String, u64)> = C::map(store)
        .iter()
        .map(|(id, item)| {
            let name = serde_json::to_value(item)
                .ok()
                .and_then(|v| v.get("name").and_then(Value::as_str).map(str::to_lowercase))
                .unwrap_or_default();
            (name, *id)
        })
        .collect();
    items.sort();
    items.into_iter().map(|(_, id)| id).collect()
}

/// Routes `/api/<collection>/...` for one collection. `rest` is the path after the collection.
pub(crate) fn route<C: Collection>(ctx: &Ctx<'_>, store: &mut Store, rest: &[&str]) -> Reply {
    const LIST_ALLOW: &str = "GET, POST, HEAD, OPTIONS";
    const OBJECT_ALLOW: &str = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
    let method = &ctx.req.method;
    match rest {
        [] => match *method {
            Method::GET | Method::HEAD => list::<C>(ctx, store),
            Method::POST => create::<C>(ctx, store),
            _ => Reply::method_not_allowed(method, LIST_ALLOW),
        },
        [id] => {
            let Some(id) = id
                .parse::<u64>()
                .ok()
                .filter(|id| C::map(store).contains_key(id))
            else {
                return Reply::no_match(C::MODEL);
            };
            match *method {
                Method::GET | Method::HEAD => {
                    let full = ctx.req.query.flag("full_perms");
                    match C::map(store).get(&id) {
                        Some(item) => Reply::ok(&render(store, item, Mode::Retrieve, full)),
                        None => Reply::no_match(C::MODEL),
                    }
                }
                Method::PATCH => write::<C>(ctx, store, Some(id), false),
                Method::PUT => write::<C>(ctx, store, Some(id), true),
                Method::DELETE => {
                    C::map_mut(store).remove(&id);
                    for doc in store.documents.values_mut() {
                        C::detach(&mut doc.doc, id);
                    }
                    if std::any::TypeId::of::<C>() == std::any::TypeId::of::<Tag>() {
                        // Children of a deleted tag become root tags.
                        for tag in store.tags.values_mut() {
                            if tag.parent.is_some_and(|p| p.0 == id) {
                                tag.parent = None;
                            }
                        }
                    }
                    store.documents_changed();
                    Reply::empty(StatusCode::NO_CONTENT)
                }
                _ => Reply::method_not_allowed(method, OBJECT_ALLOW),
            }
        }
        _ => Reply::detail(StatusCode::NOT_FOUND, "Not found."),
    }
}

fn list<C: Collection>(ctx: &Ctx<'_>, store: &Store) -> Reply {
    let full = ctx.req.query.flag("full_perms");
    let ids = default_order::<C>(store);
    let render_one = |id: u64| {
        C::map(store)
            .get(&id)
            .map(|item| render(store, item, Mode::List, full))
    };
    let special = |key: &str, value: &str, object: &Object| -> Option<bool> {
        match key {
            "is_root" => {
                Some(crate::http::is_true(value) == object.get("parent").is_none_or(Value::is_null))
            }
            _ => None,
        }
    };
    let request = ListRequest {
        query: &ctx.req.query,
        path: &ctx.req.path,
        origin: &ctx.req.origin,
        api_version: ctx.version,
    };
    let filters = Filters {
        fields: C::FILTERS,
        special: &special,
    };
    let display_count = |ids: &[u64]| C::display_count(store, ids).unwrap_or_default();
    let envelope = Envelope {
        display_count: C::display_count(store, &[])
            .filter(|_| ctx.flavor.sends_display_count())
            .map(|_| &display_count as listing::DisplayCount<'_>),
        corrected_query: false,
    };
    listing::list(&request, &ids, &render_one, &filters, envelope).unwrap_or_else(|e| e)
}

fn create<C: Collection>(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
    let id = Store::next_id(C::map(store));
    match build::<C>(ctx, store, id, None, true) {
        Ok(item) => {
            C::map_mut(store).insert(id, item.clone());
            let full = ctx.req.query.flag("full_perms");
            Reply::json(
                StatusCode::CREATED,
                &render(store, &item, Mode::Created, full),
            )
        }
        Err(reply) => reply,
    }
}

fn write<C: Collection>(ctx: &Ctx<'_>, store: &mut Store, id: Option<u64>, replace: bool) -> Reply {
    let Some(id) = id else {
        return Reply::no_match(C::MODEL);
    };
    let current = C::map(store).get(&id).cloned();
    match build::<C>(ctx, store, id, current.as_ref(), replace) {
        Ok(item) => {
            C::map_mut(store).insert(id, item.clone());
            let full = ctx.req.query.flag("full_perms");
            Reply::ok(&render(store, &item, Mode::Updated, full))
        }
        Err(reply) => reply,
    }
}

/// Validates a write and builds the resulting object. `current` is the object a `PATCH` or `PUT`
/// changes; `full` is `true` for a create or a `PUT` (required fields must be sent).
fn build<C: Collection>(
    ctx: &Ctx<'_>,
    store: &Store,
    id: u64,
    current: Option<&C>,
    full: bool,
) -> Result<C, Reply> {
    let body = crate::context::json_object(ctx.req)?;
    let body = &body;
    let mut errors = FieldErrors::default();
    if full {
        crate::context::check_required(body, C::REQUIRED, &mut errors);
    }
    if C::OWNED
        && let Some(algorithm) = body.get("matching_algorithm")
        && algorithm.as_u64().is_none_or(|a| a > 6)
    {
        errors.add("matching_algorithm", invalid_choice(algorithm));
    }
    C::validate(body, store, &mut errors)?;
    errors.check()?;

    // Parse through the payload model, then merge what it sends onto the stored object; a `PUT`
    // is read as the patch it is once the required fields are there (`update_changes`: omitted
    // fields keep their values, but `owner`, of the `(name, owner)` unique constraint, is
    // cleared).
    let changes = match current {
        None => crate::context::changes_through::<C::Create>(body.clone())?,
        Some(_) => crate::context::update_changes::<C::Patch>(body.clone(), full, C::OWNED)?,
    };
    let mut object =
        crate::context::write_base(ctx, current, || C::defaults(id), C::OWNED, &changes);
    if let Some(map) = object.as_object_mut() {
        map.extend(changes);
        map.insert("id".to_owned(), json!(id));
        C::derive(map);
    }
    let item: C = serde_json::from_value(object)
        .map_err(|e| Reply::non_field_error(format!("Invalid data: {e}")))?;

    // Names are unique per owner (custom fields: globally).
    let rendered = serde_json::to_value(&item).unwrap_or(Value::Null);
    let name = rendered
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let owner = rendered.get("owner").cloned().unwrap_or(Value::Null);
    let clash = C::map(store).iter().any(|(other_id, other)| {
        *other_id != id
            && serde_json::to_value(other).ok().is_some_and(|o| {
                o.get("name").and_then(Value::as_str) == Some(name)
                    && (!C::OWNED || o.get("owner").cloned().unwrap_or(Value::Null) == owner)
            })
    });
    if clash {
        return Err(if C::OWNED {
            Reply::object_error("Object violates owner / name unique constraint", false)
        } else {
            Reply::json(
                StatusCode::BAD_REQUEST,
                &json!({"name": ["custom field with this name already exists."]}),
            )
        });
    }
    Ok(item)
}
