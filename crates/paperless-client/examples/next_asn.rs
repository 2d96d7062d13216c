//! Next available ASN (PyPaperless README, "Next available ASN").
//!
//! ```text
//! cargo run --example next_asn                                       # on the demo test server
//! PAPERLESS_URL=... PAPERLESS_TOKEN=... cargo run --example next_asn  # on your server
//! ```

#[path = "common/mod.rs"]
mod common;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (client, _server) = common::connect().await?;
    let next_asn = client.documents().next_asn().await?; // GET /api/documents/next_asn/
    println!("{next_asn}");
    Ok(())
}
