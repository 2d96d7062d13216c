//! A document's files: `download/` and `preview/` (the original, with the server's
//! `Content-Disposition`) and `thumb/`.

use bytes::Bytes;
use http::StatusCode;
use http::header::{CONTENT_DISPOSITION, HeaderValue};
use paperless_types::document::Document;

use crate::http::Reply;
use crate::store::Store;
use crate::util::percent_encode;

/// A 1×1 WebP image, served as every thumbnail.
const THUMBNAIL: &[u8] = &[
    0x52, 0x49, 0x46, 0x46, 0x1a, 0x00, 0x00, 0x00, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c,
    0x0d, 0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xfe,
    0x07, 0x00,
];

/// `download/`, `preview/` (the original) and `thumb/` (a WebP).
pub(super) fn file_reply(store: &Store, id: u64, which: &str) -> Reply {
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
