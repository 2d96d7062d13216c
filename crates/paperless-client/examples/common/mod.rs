//! What every example needs: a client for the installation named by the environment.
//!
//! `PAPERLESS_URL` is the base URL (`https://paperless.example.com`, with a sub-path if the
//! installation has one) and `PAPERLESS_TOKEN` the API token (web UI: My Profile → API Auth
//! Token).

use paperless_client::Paperless;
use paperless_client::transport::{Auth, BaseUrl, TransportBuilder};

/// A client over the default transport, authenticated with the token.
pub fn client_from_env() -> Result<Paperless, Box<dyn std::error::Error>> {
    let url = std::env::var("PAPERLESS_URL").map_err(|_| "set PAPERLESS_URL to the base URL")?;
    let token =
        std::env::var("PAPERLESS_TOKEN").map_err(|_| "set PAPERLESS_TOKEN to an API token")?;
    let base = BaseUrl::parse(&url)?;
    let transport = TransportBuilder::new(base.clone())
        .auth(Auth::token(token))
        .build()?;
    Ok(Paperless::from_service(transport, base))
}

/// The document id given as the first command-line argument (default 23, as in the PyPaperless
/// README).
#[allow(dead_code)]
pub fn document_id_arg() -> u64 {
    std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(23)
}
