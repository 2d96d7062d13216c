//! Connects and prints what the server says about itself, telling a bad token from an
//! unreachable server.
//!
//! With `PAPERLESS_URL` and `PAPERLESS_TOKEN` (optionally `PAPERLESS_API_VERSION` and
//! `PAPERLESS_TIMEOUT`) it uses `Paperless::from_env()`; with nothing set, the demo test server.
//!
//! ```sh
//! cargo run -p paperless-client --example quickstart
//! PAPERLESS_URL=https://paperless.example.com PAPERLESS_TOKEN=... \
//!     cargo run -p paperless-client --example quickstart
//! ```

#[path = "common/mod.rs"]
mod common;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Reads the environment; a missing or invalid variable is an error that names it.
    let (client, server) = common::connect().await?;
    println!("connecting to {}", server.describe());

    // One cheap request checks the URL, the token and the API version together.
    match client.server_info().await {
        Ok(info) => {
            println!(
                "Paperless-ngx {}, API version {} (this client asks for {})",
                info.version,
                info.api_version,
                client.api_version().map_or_else(
                    || "none of this crate's versions".to_owned(),
                    |v| v.to_string()
                ),
            );
            Ok(())
        }
        Err(e) if e.is_unauthorized() => {
            eprintln!("the server refused the token: {e}");
            Err(e.into())
        }
        Err(e) if e.is_connect() || e.is_timeout() => {
            eprintln!("the server could not be reached: {e}");
            Err(e.into())
        }
        Err(e) => Err(e.into()),
    }
}
