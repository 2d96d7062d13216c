//! A document's notes: `GET`, `POST` and `DELETE /api/documents/{id}/notes/`.

use http::{Method, StatusCode};
use paperless_types::NoteId;
use paperless_types::document::{NewNote, Note, NoteUser};
use serde_json::json;

use crate::context::{Ctx, json_body};
use crate::http::Reply;
use crate::store::Store;
use crate::util::now;

/// `GET`/`POST`/`DELETE /api/documents/{id}/notes/`: each answers with the notes after the call.
pub(super) fn notes(ctx: &Ctx<'_>, store: &mut Store, id: u64) -> Reply {
    if store.live_document(id).is_none() {
        return Reply::no_match("Document");
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
                return Reply::no_match("Document");
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
