//! `/api/tasks/`: the tasks uploads leave (v10 shape, or the legacy v9 shape and plain list).

use http::{Method, StatusCode};
use paperless_types::TaskId;
use paperless_types::task::{
    LegacyTask, LegacyTaskKind, LegacyTaskName, LegacyTaskStatus, Task, TaskStatus, TaskType,
    TaskUuid, TriggerSource,
};
use serde_json::{Value, json};

use crate::context::{Ctx, json_body};
use crate::http::{FieldErrors, Reply};
use crate::listing::{self, Envelope, Filters, ListRequest, Object};
use crate::release::Flavor;
use crate::store::Store;
use crate::util::now;

/// `/api/tasks/` (filters `task_id`, `status`, `task_type`, `acknowledged`) and
/// `/api/tasks/{id}/`. API v9 lists are plain arrays of the legacy shape.
pub(crate) fn route(ctx: &Ctx<'_>, store: &mut Store, rest: &[&str]) -> Reply {
    let method = &ctx.req.method;
    if rest == ["run"] {
        return if *method == Method::POST {
            run(ctx, store)
        } else {
            Reply::method_not_allowed(method, "POST, OPTIONS")
        };
    }
    if *method != Method::GET && *method != Method::HEAD {
        return Reply::method_not_allowed(method, "GET, HEAD, OPTIONS");
    }
    let query = &ctx.req.query;
    let flavor = ctx.flavor;
    match rest {
        [] => {
            let status = match query.get("status").map(|s| flavor.task_status_filter(s)) {
                Some(Err(reply)) => return reply,
                Some(Ok(status)) => Some(status),
                None => None,
            };
            let mut tasks: Vec<&Task> = store
                .tasks
                .iter()
                .filter(|t| {
                    query
                        .get("task_id")
                        .is_none_or(|id| t.task_id.as_str() == id)
                })
                .filter(|t| status.as_ref().is_none_or(|s| t.status.as_str() == s))
                .filter(|t| {
                    !flavor.filters_task_type()
                        || query
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
                let legacy: Vec<Value> =
                    tasks.into_iter().map(|t| legacy_task(flavor, t)).collect();
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
            Some(task) if ctx.version < 10 => Reply::ok(&legacy_task(flavor, task)),
            Some(task) => Reply::ok(task),
            None => Reply::no_match("PaperlessTask"),
        },
        _ => Reply::detail(StatusCode::NOT_FOUND, "Not found."),
    }
}

/// A task in the API v9 shape, as `flavor` renders it (2.x: uploads are `auto_task`,
/// `related_document` a string).
fn legacy_task(flavor: Flavor, task: &Task) -> Value {
    let name = match task.task_type {
        TaskType::SanityCheck => LegacyTaskName::CheckSanity,
        _ => LegacyTaskName::from(task.task_type.as_str()),
    };
    let status = LegacyTaskStatus::from(task.status.as_str().to_ascii_uppercase().as_str());
    let kind = if flavor.is_2x() && task.trigger_source == TriggerSource::ApiUpload {
        LegacyTaskKind::AutoTask
    } else {
        LegacyTaskKind::ManualTask
    };
    let mut legacy = LegacyTask::new(task.id, task.task_id.clone(), name, kind, status);
    legacy.task_file_name = task
        .input_data
        .get("filename")
        .and_then(Value::as_str)
        .map(str::to_owned);
    legacy.date_created = Some(task.date_created);
    legacy.date_done = task.date_done;
    let result = task.result_data.as_ref();
    legacy.result = match result.and_then(|r| r.error_message.clone()) {
        Some(message) => Some(message),
        None => task
            .document_id()
            .map(|id| format!("Success. New document id {id} created")),
    };
    legacy.acknowledged = task.acknowledged;
    legacy.related_document = task
        .document_id()
        .or_else(|| result.and_then(|r| r.duplicate_of));
    legacy.owner = task.owner;
    flavor.legacy_task(serde_json::to_value(&legacy).unwrap_or(Value::Null))
}

/// `POST /api/tasks/run/` (superusers): 3.x queues `{"task_type"}` (`train_classifier`,
/// `sanity_check`, `llm_index`) and answers `{"task_id"}`; 2.x runs `{"task_name"}`
/// (`check_sanity`, `index_optimize`, `train_classifier`) inside the request and answers
/// `{"result"}`. Either way the run is recorded as a successful task.
fn run(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
    if !ctx.user.is_superuser {
        return Reply::bytes(
            StatusCode::FORBIDDEN,
            "text/html; charset=utf-8",
            bytes::Bytes::from_static(b"Insufficient permissions"),
        );
    }
    let body = match json_body(ctx.req) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let (field, choices): (&str, &[&str]) = if ctx.flavor.is_2x() {
        (
            "task_name",
            &["check_sanity", "index_optimize", "train_classifier"],
        )
    } else {
        (
            "task_type",
            &["train_classifier", "sanity_check", "llm_index"],
        )
    };
    let Some(name) = body.get(field).and_then(Value::as_str) else {
        let mut errors = FieldErrors::default();
        errors.add(field, crate::http::REQUIRED);
        return Reply::field_errors(&errors);
    };
    if !choices.contains(&name) {
        let mut errors = FieldErrors::default();
        errors.add(field, format!("\"{name}\" is not a valid choice."));
        return Reply::field_errors(&errors);
    }
    let task_type = match name {
        "check_sanity" => TaskType::SanityCheck,
        other => TaskType::from(other),
    };
    let uuid = crate::util::uuid_v4();
    let started = now();
    let mut task = Task::new(
        TaskId(store.next_task_id()),
        TaskUuid(uuid.clone()),
        task_type.clone(),
        TriggerSource::Manual,
        started,
    );
    task.status = TaskStatus::Success;
    task.date_started = Some(started);
    task.date_done = Some(now());
    task.owner = Some(ctx.user.id);
    store.tasks.push(task);
    if ctx.flavor.is_2x() {
        let result = (task_type == TaskType::SanityCheck).then_some("No issues detected.");
        Reply::ok(&json!({ "result": result }))
    } else {
        Reply::ok(&json!({ "task_id": uuid }))
    }
}
