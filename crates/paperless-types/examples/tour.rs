//! A first look at the models: decodes a page of tags as a Paperless-ngx server sends it.
//!
//! Run with `cargo run --example tour`. (The full client tour replaces this once the client lands.)

use paperless_types::{Page, TagId};

fn main() -> Result<(), serde_json::Error> {
    let body = r#"{"count":3,"next":"http://paperless.internal:8000/api/tags/?page=2","previous":null,"results":[1,2,3]}"#;
    let page: Page<TagId> = serde_json::from_str(body)?;
    println!(
        "decoded a page of {} ids out of {}; next page: {:?}",
        page.results.len(),
        page.count,
        page.next
    );
    Ok(())
}
