//! `GET /api/documents/{id}/metadata/`: what the server tells about a document's files.

use paperless_types::document::DocumentMetadata;

use crate::context::Ctx;
use crate::http::Reply;
use crate::release::Flavor;
use crate::store::{Store, StoredDocument};

/// `GET /api/documents/{id}/metadata/` (`?version=` names a file version; documents here have
/// one, themselves).
pub(super) fn metadata(ctx: &Ctx<'_>, store: &Store, id: u64) -> Reply {
    let Some(stored) = store.live_document(id) else {
        return Reply::no_match("Document");
    };
    if let Some(version) = ctx.req.query.get("version")
        && version.parse::<u64>().ok() != Some(id)
    {
        return Reply::no_match("Document");
    }
    Reply::ok(&describe(stored, ctx.flavor))
}

/// The metadata of a stored document: its one original file, no archive version; the
/// checksum as `flavor` computes it.
fn describe(stored: &StoredDocument, flavor: Flavor) -> DocumentMetadata {
    let doc = &stored.doc;
    let extension = doc
        .original_file_name
        .as_deref()
        .and_then(|name| name.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_else(|| "bin".to_owned());
    let mut meta = DocumentMetadata::default();
    meta.original_checksum = Some(flavor.checksum(&stored.file, &stored.checksum));
    meta.original_size = Some(stored.file.len() as u64);
    meta.original_mime_type = doc.mime_type.clone();
    // The default FILENAME_FORMAT: the zero-padded id and the original's extension.
    meta.media_filename = Some(format!("{:07}.{extension}", doc.id.0));
    meta.has_archive_version = false;
    // The server reads embedded metadata with the parser of the MIME type; there is no parser
    // here, which is what the server answers for plain text.
    meta.original_metadata = Some(Vec::new());
    meta.original_filename = doc.original_file_name.clone();
    // The server detects the language and answers "en" when detection fails.
    meta.lang = Some("en".to_owned());
    meta
}
