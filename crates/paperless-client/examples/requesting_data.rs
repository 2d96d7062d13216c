//! Requesting data (PyPaperless README, "Requesting data"): one item by primary key and the
//! object it refers to, every primary key, iterating items, iterating pages, and reducing the
//! requests with filters.
//!
//! ```text
//! cargo run --example requesting_data                                             # demo data
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example requesting_data -- 23  # your server
//! ```

#[path = "common/mod.rs"]
mod common;

use futures_util::TryStreamExt;
use paperless_client::types::CorrespondentId;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, _server) = common::connect().await?;
    let documents = client.documents();

    // Getting one item by primary key, then the document type it refers to.
    //   GET /api/documents/23/, GET /api/document_types/6/
    let document = documents.get(common::document_id_arg()).await?;
    match document.document_type {
        Some(id) => {
            let doc_type = client.document_types().get(id).await?;
            println!("Document '{}' is a {}.", document.title(), doc_type.name);
        }
        None => println!("Document '{}' has no document type.", document.title()),
    }

    // Every primary key: GET /api/documents/?page_size=100000&fields=id (one request).
    let item_keys = documents.ids().await?;
    let shown: Vec<String> = item_keys.iter().map(ToString::to_string).collect();
    println!("{} documents: [{}]", item_keys.len(), shown.join(", "));

    // Iterating over items: every page, fetched ahead, parsed one document at a time.
    let correspondent = document.correspondent.unwrap_or(CorrespondentId(1));
    let mut count = 0;
    let mut items = documents.stream();
    while let Some(item) = items.try_next().await? {
        if item.correspondent == Some(correspondent) {
            count += 1;
        }
    }
    println!("{count} documents are currently stored for correspondent {correspondent}.");

    // Iterating over pages: GET /api/documents/?page=1, then ?page=2.
    let mut page_iter = documents.pages();
    if let Some(page) = page_iter.try_next().await? {
        println!(
            "page {} of {:?}: {} of {} documents",
            page.number(),
            page.page_count(),
            page.items().len(),
            page.count
        );
    }
    if let Some(page) = page_iter.try_next().await? {
        println!("page {}: {} documents", page.number(), page.items().len());
    }

    // Reducing http requests: the server filters. GET /api/documents/?correspondent__id=N
    let filtered = documents.list().param("correspondent__id", correspondent);
    let same: Vec<_> = filtered.clone().stream().try_collect().await?;
    println!(
        "{} documents are currently stored for correspondent {correspondent} (one request).",
        same.len()
    );
    // The same filter works with ids() and pages(), and as a typed method.
    let ids = documents
        .list()
        .correspondent_id(correspondent)
        .ids()
        .await?;
    let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
    println!("their ids: [{}]", ids.join(", "));
    Ok(())
}
