//! Document suggestions (PyPaperless README, "Document suggestions"): what the classifier
//! suggests, by id or from a fetched document.
//!
//! ```text
//! cargo run --example document_suggestions                                             # demo data
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example document_suggestions -- 23  # your server
//! ```

#[path = "common/mod.rs"]
mod common;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, _server) = common::connect().await?;
    let documents = client.documents();
    let id = common::document_id_arg();

    // Example 1: by primary key. GET /api/documents/23/suggestions/
    let suggestions = documents.suggestions(id).await?;
    println!("correspondents {:?}", suggestions.correspondents);
    println!("tags {:?}", suggestions.tags);
    println!("document types {:?}", suggestions.document_types);
    println!("storage paths {:?}", suggestions.storage_paths);
    println!("dates {:?}", suggestions.dates);

    // Example 2: an already fetched document.
    let document = documents.get(id).await?;
    let again = documents.suggestions(&document).await?;
    println!("same answer: {}", again == suggestions);
    Ok(())
}
