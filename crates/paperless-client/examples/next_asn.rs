//! Next available ASN (PyPaperless README, "Next available ASN").
//!
//! ```text
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example next_asn
//! ```

#[path = "common/mod.rs"]
mod common;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = common::client_from_env()?;
    let next_asn = client.documents().next_asn().await?; // GET /api/documents/next_asn/
    println!("{next_asn}");
    Ok(())
}
