//! `/api/tasks/`: the tasks uploads leave (v10 shape, or the legacy v9 shape and plain list).

use http::{Method, StatusCode};
use paperless_types::task::{LegacyTask, LegacyTaskKind, LegacyTaskName, LegacyTaskStatus, Task};
use serde_json::Value;

use crate::context::Ctx;
use crate::http::Reply;
use crate::listing::{self, Envelope, Filters, ListRequest, Object};
use crate::store::Store;

/// `/api/tasks/` (filters `task_id`, `status`, `task_type`, `acknowledged`) and
/// `/api/tasks/{id}/`. API v9 lists are plain arrays of the legacy shape.
pub(crate) fn route(ctx: &Ctx<'_>, store: &mut Store, rest: &[&str]) -> Reply {
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
