//! Uploading a document from disk (streamed, never retried) and waiting for it to be consumed.
//!
//! With no file given, it uploads a small text file it writes to the temporary directory (on the
//! demo test server only).
//!
//! ```text
//! cargo run --example document_upload                                                # demo data
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
    let (client, server) = common::connect().await?;
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let (path, title, scratch): (std::path::PathBuf, Option<String>, bool) = match args.next() {
        Some(path) => (path.into(), args.next(), false),
        None if server.is_test_server() => {
            let path = std::env::temp_dir().join(format!(
                "paperless-example-upload-{}.txt",
                std::process::id()
            ));
            std::fs::write(&path, "Electricity bill March 2025\nTotal: EUR 42.00\n")?;
            (path, Some("Electricity bill March 2025".to_owned()), true)
        }
        None => return Err("give the file to upload (and optionally its title)".into()),
    };

    let file = UploadFile::open(&path).await?;
    println!("uploading {} ({} bytes)", path.display(), file.len());
    let mut meta = NewDocument::new();
    if let Some(title) = title {
        meta = meta.title(title);
    }
    let task = client.documents().post_document(file, &meta).await?;
    println!("queued as task {}", task.task_id());
    if scratch {
        std::fs::remove_file(&path)?;
    }

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
