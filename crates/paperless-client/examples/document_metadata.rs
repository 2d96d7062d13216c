//! Document metadata (PyPaperless README, "Document metadata"): file facts and embedded
//! metadata, by id or from a fetched document.
//!
//! ```text
//! cargo run --example document_metadata                                             # demo data
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example document_metadata -- 23  # your server
//! ```

#[path = "common/mod.rs"]
mod common;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, _server) = common::connect().await?;
    let documents = client.documents();
    let id = common::document_id_arg();

    // Example 1: by primary key.
    let metadata = documents.metadata(id).await?; // GET /api/documents/23/metadata/
    println!(
        "{:?}: {:?} bytes, {:?}, archived version: {}",
        metadata.original_filename,
        metadata.original_size,
        metadata.original_mime_type,
        metadata.has_archive_version
    );
    for entry in metadata.original_metadata.iter().flatten() {
        println!("  {}:{} = {}", entry.prefix, entry.key, entry.value);
    }

    // Example 2: an already fetched document, and one of its file versions.
    let document = documents.get(id).await?;
    let metadata = documents.metadata(&document).await?;
    println!("checksum {:?}", metadata.original_checksum);
    if let Some(older) = document.versions.iter().find(|v| !v.is_root) {
        let version = documents.metadata(&document).version(older.id).await?;
        println!("version {}: {:?}", older.id, version.media_filename);
    }
    Ok(())
}
