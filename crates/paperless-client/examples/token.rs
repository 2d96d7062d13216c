//! Fetches a user's API token with a username and password (and a TOTP code when the user has
//! two-factor authentication), then uses it.
//!
//! ```sh
//! cargo run -p paperless-client --example token     # the demo test server's user admin
//! PAPERLESS_URL=https://paperless.example.com PAPERLESS_USERNAME=admin PAPERLESS_PASSWORD=... \
//!     [PAPERLESS_MFA_CODE=123456] cargo run -p paperless-client --example token
//! ```
//!
//! Store the printed token (for `PAPERLESS_TOKEN`) instead of the password: a technical user with
//! a token is the usual setup.

#[path = "common/mod.rs"]
mod common;

use paperless_client::Paperless;
use paperless_client::types::auth::TokenRequest;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (_client, server) = common::connect().await?;
    let url = server.url().to_owned();
    let (username, password) = if server.is_test_server() {
        let (user, password, _token) = paperless_testkit::DEMO_USERS[0];
        (user.to_owned(), password.to_owned())
    } else {
        (
            std::env::var("PAPERLESS_USERNAME").map_err(|_| "set PAPERLESS_USERNAME")?,
            std::env::var("PAPERLESS_PASSWORD").map_err(|_| "set PAPERLESS_PASSWORD")?,
        )
    };

    let token = match std::env::var("PAPERLESS_MFA_CODE") {
        // The simple form: POST /api/token/ {"username", "password"}.
        Err(_) => Paperless::generate_api_token(&url, username, password).await?,
        // With a TOTP code, through a builder (which also takes transport options).
        Ok(code) => {
            Paperless::builder(&url)
                .generate_api_token(&TokenRequest::new(username, password).code(code))
                .await?
        }
    };
    // `Secret` has no Display and a redacted Debug: reading it is deliberate.
    println!("PAPERLESS_TOKEN={}", token.expose());

    let client = Paperless::new(&url, token)?;
    let info = client.server_info().await?;
    println!("the token works with Paperless-ngx {}", info.version);
    Ok(())
}
