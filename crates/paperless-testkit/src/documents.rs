//! Documents and what hangs off them: list (filters, full-text search, `more_like_id`),
//! retrieve, update, delete to the trash, files, notes, uploads and their tasks, the trash.

use std::collections::HashSet;

use bytes::Bytes;
use chrono::{DateTime, FixedOffset, Utc};
use futures_util::FutureExt;
use http::header::{CONTENT_DISPOSITION, HeaderValue};
use http::{Method, StatusCode};
use paperless_types::custom_field::{CustomFieldInstance, CustomFieldsToAdd};
use paperless_types::document::{
    Document, DocumentPatch, DocumentVersion, DuplicateDocument, NewNote, Note, NoteUser, SearchHit,
};
use paperless_types::file_type::FileType;
use paperless_types::post_document::NewDocument;
use paperless_types::task::{
    LegacyTask, LegacyTaskKind, LegacyTaskName, LegacyTaskStatus, Task, TaskResultData, TaskStatus,
    TaskType, TaskUuid, TriggerSource,
};
use paperless_types::trash::{TrashAction, TrashRequest, TrashResult};
use paperless_types::{CustomFieldId, DocumentId, NoteId, Permissions, TagId, TaskId, UserId};
use serde_json::{Value, json};

use crate::context::{Ctx, json_body};
use crate::http::{FieldErrors, Incoming, Reply, invalid_choice, invalid_pk};
use crate::listing::{self, Envelope, Filters, ListRequest, Object};
use crate::store::{Store, StoredDocument};
use crate::util::{now, percent_encode, sha256_hex, today};

/// `content` is cut to this many characters with `truncate_content=true`.
const TRUNCATED_CONTENT: usize = 550;

/// The fields document lists can be filtered and ordered by.
const DOCUMENT_FILTERS: &[&str] = &[
    "title",
    "content",
    "tags",
    "correspondent",
    "document_type",
    "storage_path",
    "created",
    "added",
    "modified",
    "archive_serial_number",
    "original_file_name",
    "mime_type",
    "owner",
    "custom_fields",
    "page_count",
    "notes",
];

/// A 1×1 WebP image, served as every thumbnail.
const THUMBNAIL: &[u8] = &[
    0x52, 0x49, 0x46, 0x46, 0x1a, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c,
    0x0d, 0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe,
    0x07, 0x00,
];

/// Options of one document rendering.
#[derive(Debug, Clone, Default)]
pub(crate) struct View {
    /// `permissions` instead of `user_can_change` and `is_shared_by_requester`.
    pub(crate) full_perms: bool,
    /// Cut `content` (`truncate_content=true`).
    pub(crate) truncate: bool,
    /// List duplicates (single-object endpoints only; lists send `[]`).
    pub(crate) duplicates: bool,
    /// The requesting user, for `is_shared_by_requester`.
    pub(crate) user: u64,
    /// Full-text search results carry their hit.
    pub(crate) hit: Option<SearchHit>,
}

/// The JSON of a document as the server sends it.
pub(crate) fn render(store: &Store, stored: &StoredDocument, view: &View) -> Object {
    let mut doc = stored.doc.clone();
    doc.created_date = doc.created;
    let shared = doc.permissions.as_ref().is_some_and(|p| {
        !(p.view.users.is_empty()
            && p.view.groups.is_empty()
            && p.change.users.is_empty()
            && p.change.groups.is_empty())
    });
    if view.full_perms {
        doc.permissions = Some(doc.permissions.unwrap_or_default());
        doc.user_can_change = None;
        doc.is_shared_by_requester = None;
    } else {
        doc.permissions = None;
        doc.user_can_change = Some(true);
        doc.is_shared_by_requester = Some(shared && doc.owner.is_some_and(|o| o.0 == view.user));
    }
    if view.truncate
        && let Some(content) = &doc.content
    {
        doc.content = Some(content.chars().take(TRUNCATED_CONTENT).collect());
    }
    if view.duplicates {
        doc.duplicate_documents = store
            .documents
            .values()
            .filter(|d| d.doc.id != doc.id && d.checksum == stored.checksum)
            .map(|d| {
                let mut dup = DuplicateDocument::new(d.doc.id, d.doc.title());
                dup.deleted_at = d.doc.deleted_at;
                dup
            })
            .collect();
    }
    if let Some(added) = doc.added {
        let mut version =
            DocumentVersion::new(doc.id, added.with_timezone(&Utc).fixed_offset(), true);
        version.checksum = Some(stored.checksum.clone());
        doc.versions = vec![version];
    }
    doc.search_hit = view.hit.clone();
    match serde_json::to_value(&doc) {
        Ok(Value::Object(map)) => map,
        _ => Object::new(),
    }
}

fn not_found() -> Reply {
    Reply::no_match("Document")
}

/// Routes `/api/documents/...`.
pub(crate) fn route(ctx: &Ctx<'_>, store: &mut Store, rest: &[&str]) -> Reply {
    const OBJECT_ALLOW: &str = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
    let method = &ctx.req.method;
    let reading = *method == Method::GET || *method == Method::HEAD;
    match rest {
        [] if reading => list(ctx, store),
        [] => Reply::method_not_allowed(method, "GET, HEAD, OPTIONS"),
        ["post_document"] if *method == Method::POST => upload(ctx, store),
        ["post_document"] => Reply::method_not_allowed(method, "POST, OPTIONS"),
        ["next_asn"] if reading => {
            let next = store
                .documents
                .values()
                .filter_map(|d| d.doc.archive_serial_number)
                .max()
                .map_or(1, |m| m + 1);
            Reply::ok(&next)
        }
        ["next_asn"] => Reply::method_not_allowed(method, "GET, HEAD, OPTIONS"),
        [id, tail @ ..] => {
            let Some(id) = id.parse::<u64>().ok() else {
                return Reply::detail(StatusCode::NOT_FOUND, "Not found.");
            };
            match tail {
                [] => match *method {
                    Method::GET | Method::HEAD => retrieve(ctx, store, id),
                    Method::PATCH | Method::PUT => update(ctx, store, id),
                    Method::DELETE => match store.documents.get_mut(&id) {
                        Some(d) if d.doc.deleted_at.is_none() => {
                            d.doc.deleted_at = Some(now());
                            store.documents_changed();
                            Reply::empty(StatusCode::NO_CONTENT)
                        }
                        _ => not_found(),
                    },
                    _ => Reply::method_not_allowed(method, OBJECT_ALLOW),
                },
                [file @ ("download" | "preview" | "thumb")] if reading => {
                    file_reply(store, id, file)
                }
                ["download" | "preview" | "thumb"] => {
                    Reply::method_not_allowed(method, "GET, HEAD, OPTIONS")
                }
                ["notes"] => notes(ctx, store, id),
                ["metadata"] if reading => crate::document_info::metadata(ctx, store, id),
                ["suggestions"] if reading => crate::document_info::suggestions(store, id),
                ["metadata" | "suggestions"] => {
                    Reply::method_not_allowed(method, "GET, HEAD, OPTIONS")
                }
                _ => Reply::detail(StatusCode::NOT_FOUND, "Not found."),
            }
        }
    }
}

fn view(ctx: &Ctx<'_>) -> View {
    View {
        full_perms: ctx.req.query.flag("full_perms"),
        truncate: ctx.req.query.flag("truncate_content"),
        duplicates: false,
        user: ctx.user.id.0,
        hit: None,
    }
}

fn list(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
    let query = &ctx.req.query;
    let base_view = view(ctx);
    // Full-text search and "more like this" choose and order the candidates themselves.
    let (ids, hits, searched) = if let Some(text) = query.get("query").filter(|q| !q.is_empty()) {
        let hits = search(store, text);
        (hits.iter().map(|(id, _)| *id).collect(), hits, true)
    } else if let Some(like) = query.get("more_like_id") {
        let Some(target) = like
            .parse::<u64>()
            .ok()
            .and_then(|id| store.live_document(id))
            .cloned()
        else {
            return Reply::bytes(
                StatusCode::FORBIDDEN,
                "text/html; charset=utf-8",
                Bytes::from_static(b"Invalid more_like_id"),
            );
        };
        let hits = more_like(store, &target);
        (hits.iter().map(|(id, _)| *id).collect(), hits, true)
    } else {
        (store.document_order(), Vec::new(), false)
    };
    let store = &*store;
    let inbox: HashSet<u64> = store
        .tags
        .values()
        .filter(|t| t.is_inbox_tag)
        .map(|t| t.id.0)
        .collect();
    let render_one = |id: u64| {
        let stored = store.live_document(id)?;
        let mut view = base_view.clone();
        view.hit = hits
            .iter()
            .find(|(hit_id, _)| *hit_id == id)
            .map(|(_, hit)| hit.clone());
        Some(render(store, stored, &view))
    };
    let special = |key: &str, value: &str, object: &Object| -> Option<bool> {
        let want = crate::http::is_true(value);
        let tags = || {
            object
                .get("tags")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let contains = |field: &str| {
            object
                .get(field)
                .and_then(Value::as_str)
                .is_some_and(|t| t.to_lowercase().contains(&value.to_lowercase()))
        };
        match key {
            "query" | "more_like_id" => Some(true),
            "is_tagged" => Some(want != tags().is_empty()),
            "is_in_inbox" => Some(
                want == tags()
                    .iter()
                    .any(|t| t.as_u64().is_some_and(|t| inbox.contains(&t))),
            ),
            "has_custom_fields" => Some(
                want == object
                    .get("custom_fields")
                    .and_then(Value::as_array)
                    .is_some_and(|c| !c.is_empty()),
            ),
            "title_content" | "text" => Some(contains("title") || contains("content")),
            "title_search" => Some(contains("title")),
            _ => None,
        }
    };
    let request = ListRequest {
        query,
        path: &ctx.req.path,
        origin: &ctx.req.origin,
        api_version: ctx.version,
    };
    let filters = Filters {
        fields: DOCUMENT_FILTERS,
        special: &special,
    };
    let envelope = Envelope {
        display_count: None,
        corrected_query: searched,
    };
    listing::list(&request, &ids, &render_one, &filters, envelope).unwrap_or_else(|e| e)
}

fn retrieve(ctx: &Ctx<'_>, store: &Store, id: u64) -> Reply {
    let Some(stored) = store.live_document(id) else {
        return not_found();
    };
    let mut view = view(ctx);
    view.duplicates = true;
    let object = render(store, stored, &view);
    let fields = listing::fields_param(&ctx.req.query);
    Reply::ok(&listing::select_fields(object, fields.as_deref()))
}

/// `PATCH`/`PUT /api/documents/{id}/` with a [`DocumentPatch`]; answers in the `full_perms` form.
fn update(ctx: &Ctx<'_>, store: &mut Store, id: u64) -> Reply {
    let Some(current) = store.live_document(id).cloned() else {
        return not_found();
    };
    let body = match json_body(ctx.req) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
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
    if let Some(permissions) = patch.set_permissions {
        doc.permissions = Some(permissions);
    }
    doc.modified = Some(now());
    let stored = StoredDocument { doc, ..current };
    let mut view = view(ctx);
    view.full_perms = true;
    view.duplicates = true;
    let object = render(store, &stored, &view);
    store.documents.insert(id, stored);
    store.documents_changed();
    Reply::ok(&object)
}

fn dedup(tags: Vec<TagId>) -> Vec<TagId> {
    let mut out: Vec<TagId> = Vec::with_capacity(tags.len());
    for t in tags {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
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
            .map(|f| match store.custom_fields.get(&f.field.0) {
                None => json!({"field": [invalid_pk(f.field)]}),
                Some(field) => {
                    let options = field.select_options();
                    let bad_option = field.data_type.as_str() == "select"
                        && !f.value.is_null()
                        && !options.iter().any(|o| o.id.as_deref() == f.value.as_str());
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
            })
            .collect();
        if problems
            .iter()
            .any(|p| p.as_object().is_some_and(|o| !o.is_empty()))
        {
            errors.add_value("custom_fields", Value::Array(problems));
        }
    }
}

/// `download/`, `preview/` (the original) and `thumb/` (a WebP).
fn file_reply(store: &Store, id: u64, which: &str) -> Reply {
    let Some(stored) = store.live_document(id) else {
        return Reply::detail(StatusCode::NOT_FOUND, "Not found.");
    };
    let doc = &stored.doc;
    if which == "thumb" {
        return Reply::bytes(StatusCode::OK, "image/webp", Bytes::from_static(THUMBNAIL)).header(
            CONTENT_DISPOSITION,
            HeaderValue::from_str(&format!("inline; filename=\"{:07}.webp\"", id))
                .unwrap_or_else(|_| HeaderValue::from_static("inline")),
        );
    }
    let mime = doc
        .mime_type
        .as_deref()
        .unwrap_or("application/octet-stream");
    let name = download_name(store, doc);
    let disposition = if which == "download" {
        "attachment"
    } else {
        "inline"
    };
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii() && c != '"' && !c.is_ascii_control() {
                c
            } else {
                '_'
            }
        })
        .collect();
    let header = format!(
        "{disposition}; filename=\"{ascii}\"; filename*=utf-8''{}",
        percent_encode(&name)
    );
    Reply::bytes(StatusCode::OK, mime, stored.file.clone()).header(
        CONTENT_DISPOSITION,
        HeaderValue::from_str(&header).unwrap_or_else(|_| HeaderValue::from_static("attachment")),
    )
}

/// `<created> <correspondent> <title>.<extension>`, the server's default download name.
fn download_name(store: &Store, doc: &Document) -> String {
    let mut parts = Vec::new();
    if let Some(created) = doc.created {
        parts.push(created.format("%Y-%m-%d").to_string());
    }
    if let Some(c) = doc
        .correspondent
        .and_then(|c| store.correspondents.get(&c.0))
    {
        parts.push(c.name.clone());
    }
    parts.push(doc.title().to_owned());
    let extension = doc
        .original_file_name
        .as_deref()
        .and_then(|f| f.rsplit_once('.'))
        .map(|(_, e)| e.to_owned())
        .unwrap_or_else(|| "bin".to_owned());
    format!("{}.{extension}", parts.join(" "))
}

/// `GET`/`POST`/`DELETE /api/documents/{id}/notes/`: each answers with the notes after the call.
fn notes(ctx: &Ctx<'_>, store: &mut Store, id: u64) -> Reply {
    if store.live_document(id).is_none() {
        return not_found();
    }
    let method = ctx.req.method.clone();
    match method {
        Method::GET | Method::HEAD => {}
        Method::POST => {
            let new: NewNote = match json_body(ctx.req).and_then(|b| {
                serde_json::from_value(b).map_err(|_| {
                    Reply::json(
                        StatusCode::BAD_REQUEST,
                        &json!({"note": [crate::http::REQUIRED]}),
                    )
                })
            }) {
                Ok(n) => n,
                Err(reply) => return reply,
            };
            let note_id = store.take_note_id();
            let mut note = Note::new(NoteId(note_id), new.note, now());
            let mut author = NoteUser::new(ctx.user.id, ctx.user.username.clone());
            author.first_name = ctx.user.first_name.clone();
            author.last_name = ctx.user.last_name.clone();
            note.user = Some(author);
            if let Some(d) = store.documents.get_mut(&id) {
                d.doc.notes.push(note);
            }
        }
        Method::DELETE => {
            let note_id = ctx.req.query.get("id").and_then(|n| n.parse::<u64>().ok());
            let Some(d) = store.documents.get_mut(&id) else {
                return not_found();
            };
            let before = d.doc.notes.len();
            d.doc.notes.retain(|n| Some(n.id.0) != note_id);
            if d.doc.notes.len() == before {
                return Reply::no_match("Note");
            }
        }
        _ => return Reply::method_not_allowed(&method, "GET, POST, DELETE, HEAD, OPTIONS"),
    }
    store.documents_changed();
    let notes = store
        .live_document(id)
        .map(|d| d.doc.notes.clone())
        .unwrap_or_default();
    Reply::ok(&notes)
}

/// A parsed `multipart/form-data` upload.
struct Upload {
    fields: Vec<(String, String)>,
    file: Option<(String, Option<String>, Bytes)>,
}

/// Parses the upload with multer. The body is already in memory, so every future is ready at
/// once and `now_or_never` drives them without a runtime.
fn parse_multipart(req: &Incoming) -> Result<Upload, String> {
    let content_type = req
        .headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let boundary = multer::parse_boundary(content_type).map_err(|e| e.to_string())?;
    let body = req.body.clone();
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut upload = Upload {
        fields: Vec::new(),
        file: None,
    };
    loop {
        let field = multipart
            .next_field()
            .now_or_never()
            .ok_or("the multipart body could not be read at once")?
            .map_err(|e| e.to_string())?;
        let Some(field) = field else { break };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let data = field
            .bytes()
            .now_or_never()
            .ok_or("the multipart body could not be read at once")?
            .map_err(|e| e.to_string())?;
        match (name.as_str(), file_name) {
            ("document", Some(file_name)) => upload.file = Some((file_name, content_type, data)),
            _ => upload
                .fields
                .push((name, String::from_utf8_lossy(&data).into_owned())),
        }
    }
    Ok(upload)
}

/// The MIME type of an upload: the part's own type unless generic, else that of the extension
/// among the types the server consumes ([`FileType`]), else `application/octet-stream`.
fn mime_of(file_name: &str, part_type: Option<&str>) -> String {
    if let Some(t) = part_type.filter(|t| !t.is_empty() && *t != "application/octet-stream") {
        return t.split(';').next().unwrap_or(t).trim().to_owned();
    }
    FileType::from_file_name(file_name)
        .map_or("application/octet-stream", |t| t.mime_type)
        .to_owned()
}

/// `POST /api/documents/post_document/`: consumes the file at once and answers with the task UUID.
fn upload(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
    let content_type = ctx.req.content_type();
    if content_type != "multipart/form-data" {
        return Reply::detail(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!("Unsupported media type \"{content_type}\" in request."),
        );
    }
    let upload = match parse_multipart(ctx.req) {
        Ok(u) => u,
        Err(e) => {
            return Reply::detail(
                StatusCode::BAD_REQUEST,
                &format!("Multipart form parse error - {e}"),
            );
        }
    };
    let mut errors = FieldErrors::default();
    let form = match NewDocument::from_form_fields(upload.fields.iter().map(|(k, v)| (k, v))) {
        Ok(form) => form,
        Err(e) => {
            errors.add("non_field_errors", e.to_string());
            return Reply::field_errors(&errors);
        }
    };
    let Some((file_name, part_type, data)) = upload.file else {
        errors.add("document", "No file was submitted.");
        return Reply::field_errors(&errors);
    };
    if let Some(c) = form
        .correspondent
        .filter(|c| !store.correspondents.contains_key(&c.0))
    {
        errors.add("correspondent", invalid_pk(c));
    }
    if let Some(t) = form
        .document_type
        .filter(|t| !store.document_types.contains_key(&t.0))
    {
        errors.add("document_type", invalid_pk(t));
    }
    if let Some(s) = form
        .storage_path
        .filter(|s| !store.storage_paths.contains_key(&s.0))
    {
        errors.add("storage_path", invalid_pk(s));
    }
    for tag in form.tags.iter().filter(|t| !store.tags.contains_key(&t.0)) {
        errors.add("tags", invalid_pk(tag));
    }
    if let Some(fields) = &form.custom_fields {
        let ids: Vec<CustomFieldId> = match fields {
            CustomFieldsToAdd::Ids(ids) => ids.clone(),
            CustomFieldsToAdd::Values(values) => values.keys().copied().collect(),
        };
        for id in ids
            .iter()
            .filter(|id| !store.custom_fields.contains_key(&id.0))
        {
            errors.add("custom_fields", invalid_pk(id));
        }
    }
    if let Err(reply) = errors.check() {
        return reply;
    }

    let uuid = crate::util::uuid_v4();
    let received = now();
    let mime = mime_of(&file_name, part_type.as_deref());
    let document_id = consume(store, ctx.user.id, &file_name, &mime, data, &form, received);

    let mut overrides = json!({"filename": file_name});
    if let Some(map) = overrides.as_object_mut() {
        if let Some(t) = &form.title {
            map.insert("title".into(), json!(t));
        }
        if let Some(c) = form.correspondent {
            map.insert("correspondent_id".into(), json!(c));
        }
        if let Some(t) = form.document_type {
            map.insert("document_type_id".into(), json!(t));
        }
        if let Some(s) = form.storage_path {
            map.insert("storage_path_id".into(), json!(s));
        }
        if !form.tags.is_empty() {
            map.insert("tag_ids".into(), json!(form.tags));
        }
        if let Some(c) = form.created {
            map.insert("created".into(), json!(c));
        }
        if let Some(a) = form.archive_serial_number {
            map.insert("asn".into(), json!(a));
        }
        map.insert("owner_id".into(), json!(ctx.user.id));
        if let Some(cf) = &form.custom_fields {
            map.insert("custom_fields".into(), json!(cf));
        }
        map.insert("skip_asn_if_exists".into(), json!(false));
    }
    let done = now();
    let mut task = Task::new(
        TaskId(store.next_task_id()),
        TaskUuid(uuid.clone()),
        TaskType::ConsumeFile,
        TriggerSource::ApiUpload,
        received,
    );
    task.task_type_display = Some("Consume File".to_owned());
    task.trigger_source_display = Some("API Upload".to_owned());
    task.status = TaskStatus::Success;
    task.status_display = Some("Success".to_owned());
    task.date_started = Some(received);
    task.date_done = Some(done);
    let seconds = (done - received).num_microseconds().unwrap_or(0) as f64 / 1e6;
    task.duration_seconds = Some(seconds);
    task.wait_time_seconds = Some(0.0);
    task.input_data = json!({"filename": file_name, "mime_type": mime, "overrides": overrides});
    let mut result = TaskResultData::default();
    result.document_id = Some(DocumentId(document_id));
    task.result_data = Some(result);
    task.related_document_ids = vec![DocumentId(document_id)];
    task.owner = Some(ctx.user.id);
    store.tasks.push(task);
    Reply::ok(&uuid)
}

/// Turns an upload into a document (text files become its content; other files keep their bytes
/// and get no content); returns its id.
pub(crate) fn consume(
    store: &mut Store,
    owner: UserId,
    file_name: &str,
    mime: &str,
    data: Bytes,
    form: &NewDocument,
    added: DateTime<FixedOffset>,
) -> u64 {
    let id = Store::next_id(&store.documents);
    let mut doc = Document::new(DocumentId(id));
    let stem = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .to_owned();
    doc.title = Some(form.title.clone().unwrap_or(stem));
    doc.content = Some(if mime.starts_with("text/") {
        String::from_utf8_lossy(&data).into_owned()
    } else {
        String::new()
    });
    doc.correspondent = form.correspondent;
    doc.document_type = form.document_type;
    doc.storage_path = form.storage_path;
    // Inbox tags are added to every new document.
    let mut tags = form.tags.clone();
    tags.extend(store.tags.values().filter(|t| t.is_inbox_tag).map(|t| t.id));
    doc.tags = dedup(tags);
    doc.created = Some(form.created.unwrap_or_else(today));
    doc.added = Some(added);
    doc.modified = Some(added);
    doc.archive_serial_number = form.archive_serial_number;
    doc.original_file_name = Some(file_name.to_owned());
    doc.owner = Some(owner);
    doc.permissions = Some(Permissions::default());
    doc.mime_type = Some(mime.to_owned());
    doc.custom_fields = match &form.custom_fields {
        Some(CustomFieldsToAdd::Ids(ids)) => ids
            .iter()
            .map(|f| CustomFieldInstance::new(*f, Value::Null))
            .collect(),
        Some(CustomFieldsToAdd::Values(values)) => values
            .iter()
            .map(|(f, v)| CustomFieldInstance::new(*f, v.clone()))
            .collect(),
        _ => Vec::new(),
    };
    let checksum = sha256_hex(&data);
    store.documents.insert(
        id,
        StoredDocument {
            doc,
            file: data,
            checksum,
        },
    );
    store.documents_changed();
    id
}

/// Lower-case words of a text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A simple full-text search: every term must occur in the title, content or notes; the score
/// counts occurrences (title words twice). `field:value` terms search for `value`; `AND`, `OR`,
/// `NOT` and range syntax are ignored.
fn search(store: &mut Store, query: &str) -> Vec<(u64, SearchHit)> {
    let terms: Vec<String> = query
        .split_whitespace()
        .filter(|t| !matches!(*t, "AND" | "OR" | "NOT"))
        .map(|t| t.rsplit_once(':').map_or(t, |(_, v)| v))
        .flat_map(words)
        .filter(|t| !t.is_empty() && t.chars().any(char::is_alphanumeric))
        .filter(|t| t != "to")
        .collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let order = store.document_order();
    let mut scored: Vec<(u64, f64, String, Option<String>)> = Vec::new();
    for id in order {
        let Some(stored) = store.live_document(id) else {
            continue;
        };
        let doc = &stored.doc;
        let title = words(doc.title());
        let content_text = doc.content.as_deref().unwrap_or_default();
        let content = words(content_text);
        let notes_text: Vec<&str> = doc.notes.iter().map(|n| n.note.as_str()).collect();
        let notes = words(&notes_text.join(" "));
        let mut score = 0.0;
        let mut all = true;
        for term in &terms {
            let count = |ws: &[String]| ws.iter().filter(|w| *w == term).count() as f64;
            let s = 2.0 * count(&title) + count(&content) + count(&notes);
            if s == 0.0 {
                all = false;
                break;
            }
            score += s;
        }
        if all {
            let highlights = highlight(content_text, &terms);
            let joined = notes_text.join(" ");
            let note_highlights = notes
                .iter()
                .any(|w| terms.contains(w))
                .then(|| highlight(&joined, &terms));
            scored.push((id, score, highlights, note_highlights));
        }
    }
    scored.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal));
    scored
        .into_iter()
        .enumerate()
        .map(|(rank, (id, score, highlights, note_highlights))| {
            let mut hit = SearchHit::new(score, rank as u64 + 1);
            hit.highlights = highlights;
            hit.note_highlights = note_highlights;
            (id, hit)
        })
        .collect()
}

/// An excerpt of `text` around the first term, HTML-escaped, with the terms in `<b>`.
fn highlight(text: &str, terms: &[String]) -> String {
    let lower = text.to_lowercase();
    let first = terms
        .iter()
        .filter_map(|t| lower.find(t.as_str()))
        .min()
        .unwrap_or(0);
    let start = text
        .char_indices()
        .map(|(i, _)| i)
        .filter(|i| *i <= first)
        .rev()
        .nth(60)
        .unwrap_or(0);
    let excerpt: String = text
        .get(start..)
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    let mut out = String::new();
    for (i, piece) in excerpt
        .split_inclusive(|c: char| !c.is_alphanumeric())
        .enumerate()
    {
        let _ = i;
        let (word, rest) = piece
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or((piece, ""), |(j, _)| {
                (
                    piece.get(..j).unwrap_or(piece),
                    piece.get(j..).unwrap_or(""),
                )
            });
        if terms.contains(&word.to_lowercase()) {
            out.push_str("<b>");
            out.push_str(&escape(word));
            out.push_str("</b>");
        } else {
            out.push_str(&escape(word));
        }
        out.push_str(&escape(rest));
    }
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Documents sharing words of four letters or more with `target`, most shared first.
fn more_like(store: &mut Store, target: &StoredDocument) -> Vec<(u64, SearchHit)> {
    let text = format!(
        "{} {}",
        target.doc.title(),
        target.doc.content.as_deref().unwrap_or_default()
    );
    let keys: HashSet<String> = words(&text)
        .into_iter()
        .filter(|w| w.chars().count() >= 4)
        .collect();
    let target_id = target.doc.id.0;
    let order = store.document_order();
    let mut scored: Vec<(u64, usize)> = order
        .into_iter()
        .filter(|id| *id != target_id)
        .filter_map(|id| {
            let d = store.live_document(id)?;
            let text = format!(
                "{} {}",
                d.doc.title(),
                d.doc.content.as_deref().unwrap_or_default()
            );
            let shared: HashSet<String> = words(&text)
                .into_iter()
                .filter(|w| keys.contains(w))
                .collect();
            (!shared.is_empty()).then_some((id, shared.len()))
        })
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.1));
    scored
        .into_iter()
        .enumerate()
        .map(|(rank, (id, shared))| (id, SearchHit::new(shared as f64, rank as u64 + 1)))
        .collect()
}

/// `/api/tasks/` (filters `task_id`, `status`, `task_type`, `acknowledged`) and
/// `/api/tasks/{id}/`. API v9 lists are plain arrays of the legacy shape.
pub(crate) fn tasks(ctx: &Ctx<'_>, store: &mut Store, rest: &[&str]) -> Reply {
    let method = &ctx.req.method;
    if *method != Method::GET && *method != Method::HEAD {
        return Reply::method_not_allowed(method, "GET, HEAD, OPTIONS");
    }
    let query = &ctx.req.query;
    match rest {
        [] => {
            let mut tasks: Vec<&Task> = store
                .tasks
                .iter()
                .filter(|t| {
                    query
                        .get("task_id")
                        .is_none_or(|id| t.task_id.as_str() == id)
                })
                .filter(|t| query.get("status").is_none_or(|s| t.status.as_str() == s))
                .filter(|t| {
                    query
                        .get("task_type")
                        .is_none_or(|s| t.task_type.as_str() == s)
                })
                .filter(|t| {
                    query
                        .get("acknowledged")
                        .is_none_or(|a| crate::http::is_true(a) == t.acknowledged)
                })
                .collect();
            tasks.sort_by(|a, b| b.date_created.cmp(&a.date_created).then(b.id.cmp(&a.id)));
            if ctx.version < 10 {
                let legacy: Vec<LegacyTask> = tasks.into_iter().map(legacy_task).collect();
                return Reply::ok(&legacy);
            }
            let ids: Vec<u64> = tasks.iter().map(|t| t.id.0).collect();
            let render_one = |id: u64| {
                store.tasks.iter().find(|t| t.id.0 == id).and_then(|t| {
                    match serde_json::to_value(t) {
                        Ok(Value::Object(map)) => Some(map),
                        _ => None,
                    }
                })
            };
            let special = |key: &str, _: &str, _: &Object| -> Option<bool> {
                matches!(key, "task_id" | "status" | "task_type" | "acknowledged").then_some(true)
            };
            let request = ListRequest {
                query,
                path: &ctx.req.path,
                origin: &ctx.req.origin,
                api_version: ctx.version,
            };
            let filters = Filters {
                fields: &[],
                special: &special,
            };
            listing::list(&request, &ids, &render_one, &filters, Envelope::default())
                .unwrap_or_else(|e| e)
        }
        [id] => match id
            .parse::<u64>()
            .ok()
            .and_then(|id| store.tasks.iter().find(|t| t.id.0 == id))
        {
            Some(task) if ctx.version < 10 => Reply::ok(&legacy_task(task)),
            Some(task) => Reply::ok(task),
            None => Reply::no_match("PaperlessTask"),
        },
        _ => Reply::detail(StatusCode::NOT_FOUND, "Not found."),
    }
}

/// A task in the API v9 shape.
fn legacy_task(task: &Task) -> LegacyTask {
    let name = LegacyTaskName::from(task.task_type.as_str());
    let status = LegacyTaskStatus::from(task.status.as_str().to_ascii_uppercase().as_str());
    let mut legacy = LegacyTask::new(
        task.id,
        task.task_id.clone(),
        name,
        LegacyTaskKind::ManualTask,
        status,
    );
    legacy.task_file_name = task
        .input_data
        .get("filename")
        .and_then(Value::as_str)
        .map(str::to_owned);
    legacy.date_created = Some(task.date_created);
    legacy.date_done = task.date_done;
    legacy.result = task
        .document_id()
        .map(|id| format!("Success. New document id {id} created"));
    legacy.acknowledged = task.acknowledged;
    legacy.related_document = task.document_id();
    legacy.owner = task.owner;
    legacy
}

/// `GET /api/trash/` (newest deletion first) and `POST /api/trash/` (restore or empty).
pub(crate) fn trash(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
    let method = ctx.req.method.clone();
    match method {
        Method::GET | Method::HEAD => {
            let mut trashed: Vec<(DateTime<FixedOffset>, u64)> = store
                .documents
                .values()
                .filter_map(|d| d.doc.deleted_at.map(|at| (at, d.doc.id.0)))
                .collect();
            trashed.sort_by(|a, b| b.cmp(a));
            let ids: Vec<u64> = trashed.into_iter().map(|(_, id)| id).collect();
            let base_view = view(ctx);
            let store = &*store;
            let render_one = |id: u64| {
                store
                    .documents
                    .get(&id)
                    .map(|d| render(store, d, &base_view))
            };
            let special = |_: &str, _: &str, _: &Object| -> Option<bool> { None };
            let request = ListRequest {
                query: &ctx.req.query,
                path: &ctx.req.path,
                origin: &ctx.req.origin,
                api_version: ctx.version,
            };
            let filters = Filters {
                fields: &[],
                special: &special,
            };
            listing::list(&request, &ids, &render_one, &filters, Envelope::default())
                .unwrap_or_else(|e| e)
        }
        Method::POST => {
            let body = match json_body(ctx.req) {
                Ok(b) => b,
                Err(reply) => return reply,
            };
            if let Some(action) = body.get("action").and_then(Value::as_str)
                && !matches!(action, "restore" | "empty")
            {
                let mut errors = FieldErrors::default();
                errors.add("action", invalid_choice(action));
                return Reply::field_errors(&errors);
            }
            let request: TrashRequest = match serde_json::from_value(body) {
                Ok(r) => r,
                Err(_) => {
                    let mut errors = FieldErrors::default();
                    errors.add("action", crate::http::REQUIRED);
                    return Reply::field_errors(&errors);
                }
            };
            let in_trash: Vec<u64> = store
                .documents
                .values()
                .filter(|d| d.doc.deleted_at.is_some())
                .map(|d| d.doc.id.0)
                .collect();
            let targets: Vec<u64> = match &request.documents {
                Some(ids) => ids.iter().map(|d| d.0).collect(),
                None => in_trash.clone(),
            };
            if targets.iter().any(|id| !in_trash.contains(id)) {
                let mut errors = FieldErrors::default();
                errors.add(
                    "documents",
                    "Some documents in the list have not yet been deleted.",
                );
                return Reply::field_errors(&errors);
            }
            match request.action {
                TrashAction::Restore => {
                    for id in &targets {
                        if let Some(d) = store.documents.get_mut(id) {
                            d.doc.deleted_at = None;
                        }
                    }
                }
                _ => {
                    for id in &targets {
                        store.documents.remove(id);
                    }
                }
            }
            store.documents_changed();
            Reply::ok(&TrashResult::ok(targets.into_iter().map(DocumentId)))
        }
        _ => Reply::method_not_allowed(&method, "GET, POST, HEAD, OPTIONS"),
    }
}
