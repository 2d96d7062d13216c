//! Document searching (PyPaperless README, "Document searching"): full-text search and "more
//! like this", with each result's search hit (score, highlights, rank).
//!
//! ```text
//! cargo run --example document_search                     # "type:invoice" on the demo data
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example document_search -- "type:invoice"
//! ```

#[path = "common/mod.rs"]
mod common;

use futures_util::TryStreamExt;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, _server) = common::connect().await?;
    let documents = client.documents();
    let query = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "type:invoice".to_owned());

    // The first page tells how many match and what the server would correct the query to.
    let first = documents.search(&query).page_size(25).send().await?;
    println!("{} documents match {query:?}", first.count);
    if let Some(corrected) = &first.corrected_query {
        println!("did you mean {corrected:?}?");
    }

    // Every match, pages fetched ahead: GET /api/documents/?query=type%3Ainvoice&page=N
    let mut results = documents.search(&query).stream();
    let mut first_match = None;
    while let Some(document) = results.try_next().await? {
        if let Some(hit) = &document.search_hit {
            println!(
                "{} matched query by {} (rank {})",
                document.id, hit.score, hit.rank
            );
        }
        first_match.get_or_insert(document.id);
    }

    // More like: GET /api/documents/?more_like_id=N
    if let Some(id) = first_match {
        let similar: Vec<_> = documents.more_like(id).stream().try_collect().await?;
        println!("{} documents are similar to {id}", similar.len());
    }

    // A document fetched directly has no search hit.
    if let Some(id) = first_match {
        let document = documents.get(id).await?;
        println!("has_search_hit: {}", document.has_search_hit());
    }
    Ok(())
}
