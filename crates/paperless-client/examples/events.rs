//! Live status events (feature `events`): logs in for a browser session, opens `/ws/status/`,
//! uploads a small text file and prints each step as it happens: the bytes sent, then every
//! consume step the server reports, then the document.
//!
//! ```text
//! cargo run -p paperless-client --features events --example events                   # demo server
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... PAPERLESS_USERNAME=... PAPERLESS_PASSWORD=... \
//!   cargo run -p paperless-client --features events --example events -- --write
//! ```
//!
//! With `PAPERLESS_URL` unset it runs on the in-memory test server (the demo admin's password).

#[path = "common/mod.rs"]
mod common;

use std::time::Instant;

use paperless_client::api::documents::{UploadFile, UploadProgress};
use paperless_client::types::post_document::NewDocument;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, server) = common::connect().await?;
    println!("server: {}", server.describe());
    if !server.writes_allowed() {
        println!("this example uploads a document: run it with --write on a real server");
        return Ok(());
    }
    let (username, password) = if server.is_test_server() {
        let (user, password, _) = paperless_testkit::DEMO_USERS[0];
        (user.to_owned(), password.to_owned())
    } else {
        (
            std::env::var("PAPERLESS_USERNAME")?,
            std::env::var("PAPERLESS_PASSWORD")?,
        )
    };
    let session = client.session_login(&username, password).await?;
    // Debug never shows the session's values.
    println!("session: {session:?}");

    let started = Instant::now();
    let text = "Water bill April 2025\nTotal: EUR 17.40\n".repeat(20);
    let file =
        UploadFile::from_bytes(text.into_bytes(), "water-bill.txt").on_progress(move |step| {
            match step {
                UploadProgress::Sent { sent, total } => {
                    println!(
                        "{:>6} ms  sent {sent} of {total} bytes",
                        started.elapsed().as_millis()
                    );
                }
                UploadProgress::Server(update) => println!(
                    "{:>6} ms  server {:>3}/{} {:<8} {}",
                    started.elapsed().as_millis(),
                    update.progress,
                    update.max_progress,
                    update.status,
                    update.message
                ),
                _ => {}
            }
        });
    let task = client
        .documents()
        .post_document(file, &NewDocument::new().title("Water bill April 2025"))
        .await?;
    println!(
        "{:>6} ms  queued as task {}",
        started.elapsed().as_millis(),
        task.task_id()
    );
    let document = task.wait().await?;
    println!(
        "{:>6} ms  document {}: {:?}",
        started.elapsed().as_millis(),
        document.id,
        document.title
    );
    Ok(())
}
