//! Uploads: `POST /api/documents/post_document/` parses the multipart form, consumes the file at
//! once into a document, and records the finished consume task.

use bytes::Bytes;
use chrono::{DateTime, FixedOffset};
use futures_util::FutureExt;
use http::StatusCode;
use paperless_types::custom_field::{CustomFieldInstance, CustomFieldsToAdd};
use paperless_types::document::Document;
use paperless_types::file_type::FileType;
use paperless_types::post_document::NewDocument;
use paperless_types::task::{Task, TaskResultData, TaskStatus, TaskType, TaskUuid, TriggerSource};
use paperless_types::{CustomFieldId, DocumentId, Permissions, TaskId, UserId};
use serde_json::{Value, json};

use crate::context::Ctx;
use crate::http::{FieldErrors, Incoming, Reply, invalid_pk};
use crate::store::{Store, StoredDocument};
use crate::util::{dedup, now, sha256_hex, today, uuid_v4};

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
pub(super) fn upload(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
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
    let mime = mime_of(&file_name, part_type.as_deref());
    let uuid = queue_consumption(ctx, store, &file_name, &mime, data, &form);
    Reply::ok(&uuid)
}

/// Queues the consumption of a file with the form's overrides, as an upload and the server's
/// own new documents (merge) do, and runs it at once: the document (unless 2.x refuses it as a
/// duplicate), the `consume_file` task and its `/ws/status/` frames. Returns the task UUID.
pub(super) fn queue_consumption(
    ctx: &Ctx<'_>,
    store: &mut Store,
    file_name: &str,
    mime: &str,
    data: Bytes,
    form: &NewDocument,
) -> String {
    let uuid = uuid_v4();
    let received = now();
    // 2.x refuses a file it has already: the consume task fails, naming the original.
    let duplicate_of = ctx
        .flavor
        .refuses_duplicates()
        .then(|| {
            let checksum = sha256_hex(&data);
            store
                .documents
                .values()
                .find(|d| d.doc.deleted_at.is_none() && d.checksum == checksum)
                .map(|d| (d.doc.id, d.doc.title().to_owned()))
        })
        .flatten();
    let document_id = match &duplicate_of {
        Some(_) => None,
        None => Some(consume(
            store,
            ctx.user.id,
            file_name,
            mime,
            data,
            form,
            received,
        )),
    };

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
    task.status = if document_id.is_some() {
        TaskStatus::Success
    } else {
        TaskStatus::Failure
    };
    task.status_display = Some(
        if document_id.is_some() {
            "Success"
        } else {
            "Failure"
        }
        .to_owned(),
    );
    task.date_started = Some(received);
    task.date_done = Some(done);
    let seconds = (done - received).num_microseconds().unwrap_or(0) as f64 / 1e6;
    task.duration_seconds = Some(seconds);
    task.wait_time_seconds = Some(0.0);
    task.input_data = json!({"filename": file_name, "mime_type": mime, "overrides": overrides});
    let mut result = TaskResultData::default();
    result.document_id = document_id.map(DocumentId);
    if let Some((original, title)) = &duplicate_of {
        result.duplicate_of = Some(*original);
        result.error_message = Some(format!(
            "{file_name}: Not consuming {file_name}: It is a duplicate of {title} (#{original})."
        ));
    }
    task.result_data = Some(result);
    task.related_document_ids = vec![document_id.map_or_else(
        || duplicate_of.as_ref().map_or(DocumentId(0), |(id, _)| *id),
        DocumentId,
    )];
    task.owner = Some(ctx.user.id);
    let failure = task
        .result_data
        .as_ref()
        .and_then(|r| r.error_message.clone());
    store.tasks.push(task);
    match document_id {
        Some(document) => consume_events(store, &uuid, file_name, ctx.user.id, document),
        None => failure_events(store, &uuid, file_name, ctx.user.id, failure),
    }
    uuid
}

/// Turns an upload into a document (text files become its content; other files keep their bytes
/// and get no content); returns its id.
fn consume(
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

/// The `/ws/status/` frames of one consumption, in the server's order (its `ProgressManager`
/// steps for a text file: 0, 20, 70, 90, 95, 100), sent after the answer.
/// The frames of a consumption that failed (on 2.x, a duplicate): the start, then `FAILED` with
/// the task's message, as the server's consumer sends them.
fn failure_events(
    store: &mut Store,
    uuid: &str,
    file_name: &str,
    owner: UserId,
    message: Option<String>,
) {
    use paperless_types::event::{ProgressStatus, StatusEvent, StatusUpdate};
    let message = message.unwrap_or_else(|| "failed".to_owned());
    for (status, message) in [
        (ProgressStatus::Started, "new_file".to_owned()),
        (ProgressStatus::Failed, message),
    ] {
        let mut update = StatusUpdate::new(
            Some(TaskUuid(uuid.to_owned())),
            Some(file_name.to_owned()),
            if status == ProgressStatus::Failed {
                100
            } else {
                0
            },
            status,
            message,
        );
        update.owner_id = Some(owner);
        store.pending_events.push(StatusEvent::StatusUpdate(update));
    }
}

fn consume_events(store: &mut Store, uuid: &str, file_name: &str, owner: UserId, document: u64) {
    use paperless_types::event::{ProgressStatus, StatusEvent, StatusUpdate};
    let steps = [
        (0, ProgressStatus::Started, "new_file"),
        (20, ProgressStatus::Working, "parsing_document"),
        (70, ProgressStatus::Working, "generating_thumbnail"),
        (90, ProgressStatus::Working, "parse_date"),
        (95, ProgressStatus::Working, "save_document"),
        (100, ProgressStatus::Success, "finished"),
    ];
    for (progress, status, message) in steps {
        let done = status == ProgressStatus::Success;
        let mut update = StatusUpdate::new(
            Some(TaskUuid(uuid.to_owned())),
            Some(file_name.to_owned()),
            progress,
            status,
            message,
        );
        update.owner_id = Some(owner);
        update.document_id = done.then_some(DocumentId(document));
        store.pending_events.push(StatusEvent::StatusUpdate(update));
    }
}
