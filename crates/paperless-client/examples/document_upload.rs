//! Uploading a document from disk (streamed, never retried) and waiting for it to be consumed.
//!
//! ```text
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example document_upload -- scan.pdf "Title"
//! ```

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use paperless_client::api::documents::UploadFile;
use paperless_client::api::tasks::WaitError;
use paperless_client::types::post_document::NewDocument;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = common::client_from_env()?;
    let path = std::env::args().nth(1).ok_or("give the file to upload")?;
    let title = std::env::args().nth(2);

    let file = UploadFile::open(&path).await?;
    let mut meta = NewDocument::new();
    if let Some(title) = title {
        meta = meta.title(title);
    }
    let task = client.documents().post_document(file, &meta).await?;
    println!("queued as task {}", task.task_id());

    match task.wait().timeout(Duration::from_secs(600)).await {
        Ok(document) => println!("document {}: {}", document.id, document.title()),
        Err(WaitError::Duplicate { duplicate_of, .. }) => {
            println!("not consumed: a duplicate of document {duplicate_of}");
        }
        Err(WaitError::TimedOut { task_id, .. }) => {
            println!("still running; look it up later with task id {task_id}");
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
