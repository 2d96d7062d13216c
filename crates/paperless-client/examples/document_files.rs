//! Document binary data (PyPaperless README, "Document binary data"): the file, its preview and
//! its thumbnail, by id or from a fetched document, each with content type, disposition, file
//! name and length; the file is streamed to disk (the system's temporary directory).
//!
//! ```text
//! cargo run --example document_files                                             # demo data
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example document_files -- 23  # your server
//! ```

#[path = "common/mod.rs"]
mod common;

use paperless_client::download::Download;

fn describe(what: &str, file: &Download) {
    println!(
        "{what}: {:?}, {:?}, file name {:?}, {:?} bytes",
        file.content_type(),
        file.disposition(),
        file.filename(),
        file.content_length()
    );
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, server) = common::connect().await?;
    let documents = client.documents();
    let id = common::document_id_arg();

    // Example 1: by primary key.
    let download = documents.download(id).await?; //   GET /api/documents/23/download/
    let preview = documents.preview(id).await?; //     GET /api/documents/23/preview/
    let thumbnail = documents.thumbnail(id).await?; // GET /api/documents/23/thumb/
    describe("download", &download);
    describe("preview", &preview);
    describe("thumbnail", &thumbnail);

    // The bodies stream: nothing is held in memory until read. The file name comes from the
    // server: keep it out of other directories.
    let name = download
        .filename()
        .unwrap_or("download.bin")
        .replace(['/', '\\'], "_");
    let path = std::env::temp_dir().join(name);
    let written = download.save_to(&path).await?;
    println!("saved {written} bytes to {}", path.display());
    if server.is_test_server() {
        std::fs::remove_file(&path)?;
    }
    let thumb = thumbnail.bytes().await?; // small: fine to collect
    println!("thumbnail: {} bytes in memory", thumb.len());
    drop(preview); // an unread body is never downloaded

    // Example 2: an already fetched document.
    let document = documents.get(id).await?;
    let original = documents.download(&document).original(true).await?;
    describe("original", &original);
    Ok(())
}
