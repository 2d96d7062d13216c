//! `/api/trash/`: the deleted documents, restored or emptied.

use chrono::{DateTime, FixedOffset};
use http::Method;
use paperless_types::DocumentId;
use paperless_types::trash::{TrashAction, TrashRequest, TrashResult};
use serde_json::Value;

use crate::context::{Ctx, json_body};
use crate::documents::view::{render, view};
use crate::http::{FieldErrors, Reply, invalid_choice};
use crate::listing::{self, Envelope, Filters, ListRequest, Object};
use crate::store::Store;

/// `GET /api/trash/` (newest deletion first) and `POST /api/trash/` (restore or empty).
pub(crate) fn route(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
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
