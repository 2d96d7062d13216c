//! Manipulating data (PyPaperless README, "Manipulating data"): creating a correspondent with a
//! matching rule, updating a document with `PATCH` (only the changed fields) and with `PUT` (every
//! field), and deleting.
//!
//! These are writes: on your server the example runs only with `--write`, puts the document's
//! title back afterwards and deletes only the correspondent it created.
//!
//! ```text
//! cargo run --example manipulating_data                                                     # demo data
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example manipulating_data -- 23 --write  # your server
//! ```

#[path = "common/mod.rs"]
mod common;

use paperless_client::types::correspondent::NewCorrespondent;
use paperless_client::types::matching::MatchingAlgorithm;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, server) = common::connect().await?;
    if !server.writes_allowed() {
        return Err(format!(
            "this example changes data on {}: pass --write to let it",
            server.describe()
        )
        .into());
    }

    // Creating new items: the payload type has a setter for every field the server accepts,
    // named after the field; `create` answers with the created object, id included.
    // POST /api/correspondents/
    let draft = NewCorrespondent::new(format!("New correspondent {}", std::process::id()))
        .matching_algorithm(MatchingAlgorithm::Any)
        .r#match(r#"any word "or small strings" match"#)
        .is_insensitive(false);
    let created = client.correspondents().create(&draft).await?;
    println!(
        "created correspondent {} {:?} (matching {:?} {:?})",
        created.id, created.name, created.matching_algorithm, created.r#match
    );

    // Updating existing items: `edit` fetches and tracks the document. Its fields are the
    // model's: `title` is an `Option<String>` (a read with `fields` may leave it out).
    let documents = client.documents();
    let mut item = documents.edit(common::document_id_arg()).await?; // GET /api/documents/23/
    let old_title = item.title.clone();
    item.title = Some("New document title".to_owned());
    // PATCH sends only what changed.
    println!("PATCH body: {}", serde_json::Value::Object(item.changes()?));
    item.save().await?; // PATCH /api/documents/23/ {"title": "New document title"}
    // PUT sends every field.
    item.replace().await?; // PUT /api/documents/23/ {"title": ..., "content": ..., ...}
    println!("document {} is now titled {:?}", item.id, item.title());

    // Put the title back (PATCH again, one field).
    item.title = old_title;
    item.save().await?;
    println!("and back to {:?}", item.title());

    // Deleting items: one request, no fetch first. DELETE /api/correspondents/N/
    client.correspondents().delete(created.id).await?;
    let gone = client.correspondents().get_opt(created.id).await?;
    println!("correspondent {} deleted: {}", created.id, gone.is_none());
    Ok(())
}
