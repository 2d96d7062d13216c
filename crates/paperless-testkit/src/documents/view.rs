//! A document's JSON as the server renders it: the `full_perms` and default forms, cut
//! content, duplicates and versions, the search hit of full-text results.

use chrono::Utc;
use paperless_types::document::{DocumentVersion, DuplicateDocument, SearchHit};
use serde_json::Value;

use crate::context::Ctx;
use crate::listing::Object;
use crate::release::Flavor;
use crate::store::{Store, StoredDocument};

/// `content` is cut to this many characters with `truncate_content=true`.
const TRUNCATED_CONTENT: usize = 550;

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
    /// The release whose document shape to send.
    pub(crate) flavor: Flavor,
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
    let mut object = match serde_json::to_value(&doc) {
        Ok(Value::Object(map)) => map,
        _ => Object::new(),
    };
    view.flavor.document(&mut object);
    object
}

/// The rendering options a request asks for (`full_perms`, `truncate_content`).
pub(crate) fn view(ctx: &Ctx<'_>) -> View {
    View {
        full_perms: ctx.req.query.flag("full_perms"),
        truncate: ctx.req.query.flag("truncate_content"),
        duplicates: false,
        user: ctx.user.id.0,
        hit: None,
        flavor: ctx.flavor,
    }
}
