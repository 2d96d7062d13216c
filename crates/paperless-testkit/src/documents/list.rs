//! `GET /api/documents/`: the document list with its filters (the django-filter lookups of the
//! listed fields and the server's special filters), ordering, full-text `query=` and
//! `more_like_id=`.

use std::collections::HashSet;

use bytes::Bytes;
use http::StatusCode;
use serde_json::Value;

use super::search::{more_like, search};
use super::view::{View, render, view};
use crate::context::Ctx;
use crate::http::{Query, Reply};
use crate::listing::{self, Envelope, Filters, ListRequest, Object};
use crate::store::Store;

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

/// `GET /api/documents/`.
pub(super) fn list(ctx: &Ctx<'_>, store: &mut Store) -> Reply {
    let request = ListRequest {
        query: &ctx.req.query,
        path: &ctx.req.path,
        origin: &ctx.req.origin,
        api_version: ctx.version,
    };
    answer(store, &request, &view(ctx))
}

/// The live documents a document list's filters select (`filters` as query parameters), in
/// the list's order: the selection of a bulk edit with `all` and `filters`.
pub(super) fn selected_ids(ctx: &Ctx<'_>, store: &mut Store, filters: &Query) -> Vec<u64> {
    let mut pairs: Vec<(String, String)> = filters
        .pairs()
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "page" | "page_size"))
        .cloned()
        .collect();
    pairs.push(("page_size".to_owned(), "1".to_owned()));
    let raw = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let query = Query::parse(&raw);
    // An API 9 page lists every matching id in `all`.
    let request = ListRequest {
        query: &query,
        path: &ctx.req.path,
        origin: &ctx.req.origin,
        api_version: 9,
    };
    let reply = answer(store, &request, &view(ctx));
    serde_json::from_slice::<Value>(&reply.body)
        .ok()
        .and_then(|page| {
            page.get("all")
                .and_then(Value::as_array)
                .map(|all| all.iter().filter_map(Value::as_u64).collect::<Vec<u64>>())
        })
        .unwrap_or_default()
}

/// One page of the document list for `request`.
fn answer(store: &mut Store, request: &ListRequest<'_>, base_view: &View) -> Reply {
    let query = request.query;
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
            // Not in the rendered document: the stored original's checksum.
            "checksum__iexact" => Some(
                object
                    .get("id")
                    .and_then(Value::as_u64)
                    .and_then(|id| store.live_document(id))
                    .is_some_and(|d| d.checksum.eq_ignore_ascii_case(value)),
            ),
            _ => None,
        }
    };
    let filters = Filters {
        fields: DOCUMENT_FILTERS,
        special: &special,
    };
    let envelope = Envelope {
        display_count: None,
        corrected_query: searched,
    };
    listing::list(request, &ids, &render_one, &filters, envelope).unwrap_or_else(|e| e)
}
