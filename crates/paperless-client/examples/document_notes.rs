//! Document notes (PyPaperless README, "Document notes"): list, add and delete.
//!
//! ```text
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example document_notes -- 23
//! ```

#[path = "common/mod.rs"]
mod common;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = common::client_from_env()?;
    let documents = client.documents();
    let id = common::document_id_arg();

    // Getting notes: by primary key, or from a fetched document.
    let notes = documents.notes(id).await?; // GET /api/documents/23/notes/
    let document = documents.get(id).await?;
    let same = documents.notes(&document).await?;
    println!("{} notes ({} again)", notes.len(), same.len());
    for note in &notes {
        let author = note.user.as_ref().map_or("?", |u| u.username.as_str());
        println!(
            "  #{} by {author} at {}: {}",
            note.id, note.created, note.note
        );
    }

    // Creating a note: the answer is every note of the document.
    let after = documents.add_note(&document, "Lorem ipsum").await?; // POST .../notes/
    let new_note = after.last().ok_or("the server returned no notes")?;
    println!("created note {} on document {}", new_note.id, document.id);

    // Deleting a note (for good).
    let remaining = documents.delete_note(&document, new_note.id).await?; // DELETE .../notes/?id=N
    println!("{} notes remain", remaining.len());
    Ok(())
}
