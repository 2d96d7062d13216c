//! Document notes (PyPaperless README, "Document notes"): list, add and delete.
//!
//! Adding and deleting a note are writes: on your server they run only with `--write`.
//!
//! ```text
//! cargo run --example document_notes                                                     # demo data
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example document_notes -- 23 --write  # your server
//! ```

#[path = "common/mod.rs"]
mod common;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, server) = common::connect().await?;
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

    if !server.writes_allowed() {
        println!("not adding a note: pass --write to add one and delete it again");
        return Ok(());
    }
    // Creating a note: the answer is the new note, and every note of the document.
    let added = documents.add_note(&document, "Lorem ipsum").await?; // POST .../notes/
    let new_note = &added.note;
    println!(
        "created note {} on document {}, which has {} notes now",
        new_note.id,
        document.id,
        added.notes.len()
    );

    // Deleting a note (for good).
    let remaining = documents.delete_note(&document, new_note.id).await?; // DELETE .../notes/?id=N
    println!("{} notes remain", remaining.len());
    Ok(())
}
