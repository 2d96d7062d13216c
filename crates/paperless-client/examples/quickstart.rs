//! Connects with `PAPERLESS_URL` and `PAPERLESS_TOKEN` (optionally `PAPERLESS_API_VERSION` and
//! `PAPERLESS_TIMEOUT`) and prints what the server says about itself.
//!
//! ```sh
//! PAPERLESS_URL=https://paperless.example.com PAPERLESS_TOKEN=... \
//!     cargo run -p paperless-client --example quickstart
//! ```

use paperless_client::{Error, Paperless};

#[tokio::main]
async fn main() -> Result<(), Error> {
    // Reads the environment; a missing or invalid variable is an error that names it.
    let client = Paperless::from_env()?;
    println!("connecting to {}", client.base_url());

    // One cheap request checks the URL, the token and the API version together.
    match client.server_info().await {
        Ok(server) => {
            println!(
                "Paperless-ngx {}, API version {} (this client asks for {})",
                server.version,
                server.api_version,
                client
                    .api_version()
                    .map_or_else(|| "the service's".to_owned(), |v| v.to_string()),
            );
            Ok(())
        }
        Err(e) if e.is_unauthorized() => {
            eprintln!("the server refused the token: {e}");
            Err(e)
        }
        Err(e) if e.is_connect() || e.is_timeout() => {
            eprintln!("the server could not be reached: {e}");
            Err(e)
        }
        Err(e) => Err(e),
    }
}
