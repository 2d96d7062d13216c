//! `/api/documents/...`: the router of the document endpoints, over one module for each job.
//!
//! - [`view`] renders a document's JSON as the server does (permissions, duplicates, hits);
//! - [`list`] answers `GET /api/documents/`: filters, ordering, `query=`, `more_like_id=`;
//! - [`search`] is the full-text search and "more like this" behind the list;
//! - [`bulk`] answers `bulk_edit/` and the 3.x document operations (`rotate/`, `merge/`, ...);
//! - [`object`] is one document: retrieve, update (`PATCH`/`PUT`) and its reference checks;
//! - [`files`] answers `download/`, `preview/` and `thumb/`;
//! - [`notes`] answers `notes/`;
//! - [`upload`] answers `post_document/`: the multipart upload, its consumption, its task;
//! - [`metadata`] and [`suggestions`] answer `metadata/` and `suggestions/`.
//!
//! The modules below import their siblings ([`view`] most of all) and never this router.

mod bulk;
mod files;
mod list;
mod metadata;
mod notes;
mod object;
mod search;
mod suggestions;
mod upload;
pub(crate) mod view;

use http::{Method, StatusCode};

use crate::context::Ctx;
use crate::http::Reply;
use crate::store::Store;

/// Routes `/api/documents/...`.
pub(crate) fn route(ctx: &Ctx<'_>, store: &mut Store, rest: &[&str]) -> Reply {
    const OBJECT_ALLOW: &str = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
    let method = &ctx.req.method;
    let reading = *method == Method::GET || *method == Method::HEAD;
    if let Some(reply) = ctx.flavor.documents_route(method, &ctx.req.path, rest) {
        return reply;
    }
    match rest {
        [] if reading => list::list(ctx, store),
        [] => Reply::method_not_allowed(method, "GET, HEAD, OPTIONS"),
        ["post_document"] if *method == Method::POST => upload::upload(ctx, store),
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
        ["bulk_edit"] if *method == Method::POST => bulk::bulk_edit(ctx, store),
        [name] if bulk::OPERATIONS.contains(name) && *method == Method::POST => {
            bulk::operation(ctx, store, name)
        }
        ["bulk_edit"] => Reply::method_not_allowed(method, "POST, OPTIONS"),
        [name] if bulk::OPERATIONS.contains(name) => {
            Reply::method_not_allowed(method, "POST, OPTIONS")
        }
        [id, tail @ ..] => {
            let Some(id) = id.parse::<u64>().ok() else {
                return Reply::detail(StatusCode::NOT_FOUND, "Not found.");
            };
            match tail {
                [] => match *method {
                    Method::GET | Method::HEAD => object::retrieve(ctx, store, id),
                    Method::PATCH | Method::PUT => object::update(ctx, store, id),
                    Method::DELETE if store.move_to_trash(&[id]) => {
                        Reply::empty(StatusCode::NO_CONTENT)
                    }
                    Method::DELETE => Reply::no_match("Document"),
                    _ => Reply::method_not_allowed(method, OBJECT_ALLOW),
                },
                [file @ ("download" | "preview" | "thumb")] if reading => {
                    files::file_reply(store, id, file)
                }
                ["download" | "preview" | "thumb"] => {
                    Reply::method_not_allowed(method, "GET, HEAD, OPTIONS")
                }
                ["notes"] => notes::notes(ctx, store, id),
                ["metadata"] if reading => metadata::metadata(ctx, store, id),
                ["suggestions"] if reading => suggestions::suggestions(store, id),
                ["metadata" | "suggestions"] => {
                    Reply::method_not_allowed(method, "GET, HEAD, OPTIONS")
                }
                _ => Reply::detail(StatusCode::NOT_FOUND, "Not found."),
            }
        }
    }
}
