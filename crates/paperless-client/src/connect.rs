//! Getting connected: the client from environment variables, and an API token from a username
//! and password.

use std::time::Duration;

use http::Method;
use http::header::{ACCEPT, HeaderValue};
use paperless_transport::{ApiVersion, Auth, BaseUrl, BuildError, Proxy};
use paperless_types::auth::{TokenRequest, TokenResponse};
use paperless_types::secret::Secret;

use crate::builder::PaperlessBuilder;
use crate::client::Paperless;
use crate::error::{ConfigError, Result};
use crate::operation::TOKEN_OBTAIN;
use crate::request::ApiRequest;

/// The variable holding the installation's URL.
const URL_VAR: &str = "PAPERLESS_URL";
/// The variable holding the API token.
const TOKEN_VAR: &str = "PAPERLESS_TOKEN";
/// The optional variable holding the API version (`auto`, 9 or 10).
const API_VERSION_VAR: &str = "PAPERLESS_API_VERSION";
/// The optional variable holding the timeout in seconds.
const TIMEOUT_VAR: &str = "PAPERLESS_TIMEOUT";

/// The path of Django REST framework's token view.
const TOKEN_PATH: &str = "/api/token/";

impl Paperless {
    /// A client configured by environment variables, with default options otherwise:
    ///
    /// | variable | required | meaning |
    /// |---|---|---|
    /// | `PAPERLESS_URL` | yes | the installation's address (rules of [`Paperless::new`]) |
    /// | `PAPERLESS_TOKEN` | yes | the API token |
    /// | `PAPERLESS_API_VERSION` | no | `auto` (the default: negotiated with the server), or `9` / `10` to pin it |
    /// | `PAPERLESS_TIMEOUT` | no | seconds (`30`, `2.5`) a call may take at most, retries included; also bounds each attempt |
    ///
    /// Empty optional variables count as unset. To add options, start from
    /// [`PaperlessBuilder::from_env`].
    ///
    /// ```no_run
    /// # async fn run() -> paperless_client::Result<()> {
    /// let client = paperless_client::Paperless::from_env()?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Config`](crate::Error::Config) naming the variable that is missing or invalid
    /// and what to set it to (never repeating the token); [`Error::Build`](crate::Error::Build)
    /// as for [`Paperless::new`].
    pub fn from_env() -> Result<Self> {
        PaperlessBuilder::from_env()?.build()
    }

    /// Fetches the API token of a user: `POST /api/token/` with the username and password
    /// (through the same URL rules and default transport as [`Paperless::new`]). The server
    /// returns the user's existing token, creating it on first use.
    ///
    /// For a user with two-factor authentication, or for transport options (a private CA, a
    /// proxy), use [`PaperlessBuilder::generate_api_token`] with a [`TokenRequest`] and its
    /// [`code`](TokenRequest::code).
    ///
    /// ```no_run
    /// use paperless_client::Paperless;
    ///
    /// # async fn run() -> paperless_client::Result<()> {
    /// let token = Paperless::generate_api_token("localhost:8000", "test_user", "password").await?;
    /// let client = Paperless::new("localhost:8000", token)?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api) with status 400 when the server refuses the credentials
    /// (its message, `Unable to log in with provided credentials.`, and what to check), or when
    /// an MFA code is required; transport errors as for any request.
    pub async fn generate_api_token(
        url: impl AsRef<str>,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Result<Secret> {
        Self::builder(url)
            .generate_api_token(&TokenRequest::new(username, password))
            .await
    }

    /// Sends `request` to `POST /api/token/` and returns the token. The request asks for no API
    /// version (the view has one answer for all), so it needs no negotiation, which would need
    /// the credentials this request is for.
    async fn obtain_token(&self, request: &TokenRequest) -> Result<Secret> {
        let request = ApiRequest::new(TOKEN_OBTAIN, Method::POST, TOKEN_PATH)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .json(request)?
            .sensitive();
        let response: TokenResponse = self.json(request).await?;
        Ok(response.token)
    }
}

impl PaperlessBuilder {
    /// A builder configured by the environment variables of [`Paperless::from_env`], to add
    /// options before `build()`.
    ///
    /// ```no_run
    /// use paperless_client::PaperlessBuilder;
    ///
    /// let client = PaperlessBuilder::from_env()?.page_concurrency(8).build()?;
    /// # Ok::<(), paperless_client::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Paperless::from_env`].
    pub fn from_env() -> Result<Self> {
        Self::from_vars(|name| {
            std::env::var_os(name).map(|value| value.to_string_lossy().into_owned())
        })
    }

    /// A builder configured by the variables of [`Paperless::from_env`], read through `lookup`
    /// instead of the process environment: a map loaded from a configuration file, or names
    /// with a prefix of your own.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use paperless_client::PaperlessBuilder;
    ///
    /// let vars = HashMap::from([
    ///     ("PAPERLESS_URL", "paperless.example.com"),
    ///     ("PAPERLESS_TOKEN", "0123456789abcdef"),
    ///     ("PAPERLESS_API_VERSION", "9"),
    /// ]);
    /// let client = PaperlessBuilder::from_vars(|name| vars.get(name).map(|v| v.to_string()))?
    ///     .build()?;
    /// assert_eq!(client.base_url().as_str(), "https://paperless.example.com");
    /// # Ok::<(), paperless_client::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Paperless::from_env`].
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        // Unset and empty (after trimming) are the same: `PAPERLESS_TIMEOUT=` in a compose file.
        let read = |name: &str| {
            lookup(name)
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };

        let url = read(URL_VAR).ok_or_else(|| {
            ConfigError::missing(
                URL_VAR,
                "set it to the address of your Paperless-ngx installation, such as \
                 https://paperless.example.com",
            )
        })?;
        if let Err(e) = BaseUrl::parse(&url) {
            // A URL with credentials in it is refused, and must not be repeated either.
            let shown = (!url.contains('@')).then_some(url.as_str());
            return Err(ConfigError::invalid(URL_VAR, shown, reason(e)).into());
        }

        let token = read(TOKEN_VAR).ok_or_else(|| {
            ConfigError::missing(
                TOKEN_VAR,
                "set it to the API token of the user to act as (in Paperless-ngx: My Profile, \
                 API Auth Token; or fetch it with Paperless::generate_api_token)",
            )
        })?;
        if let Err(e) = Auth::token(token.as_str()).header_value() {
            return Err(ConfigError::invalid(TOKEN_VAR, None, reason(e)).into());
        }

        let mut builder = PaperlessBuilder::new(&url).token(token);

        if let Some(value) = read(API_VERSION_VAR)
            && !value.eq_ignore_ascii_case("auto")
        {
            let version: ApiVersion = value.parse().map_err(|_| {
                ConfigError::invalid(
                    API_VERSION_VAR,
                    Some(&value),
                    "expected auto (negotiate with the server, the default), 9 or 10 (10 for \
                     Paperless-ngx 3.x, 9 for 2.x)",
                )
            })?;
            builder = builder.api_version(version);
        }

        if let Some(value) = read(TIMEOUT_VAR) {
            let timeout = value
                .parse::<f64>()
                .ok()
                .filter(|secs| *secs > 0.0)
                .and_then(|secs| Duration::try_from_secs_f64(secs).ok())
                .ok_or_else(|| {
                    ConfigError::invalid(
                        TIMEOUT_VAR,
                        Some(&value),
                        "expected a number of seconds greater than 0, such as 30 or 2.5",
                    )
                })?;
            builder = builder
                .timeout(timeout)
                .transport(|t| t.total_timeout(timeout));
        }

        // Proxies come from the same variables (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY, NO_PROXY).
        builder = builder.proxy(Proxy::from_vars(&lookup));

        Ok(builder)
    }

    /// Fetches the API token of a user with this builder's URL and transport options:
    /// `POST /api/token/` with `request` as JSON (`{"username", "password", "code"?}`). The
    /// builder's own credentials are not sent. The password and code never appear in logs or
    /// errors.
    ///
    /// ```no_run
    /// use paperless_client::Paperless;
    /// use paperless_client::types::auth::TokenRequest;
    ///
    /// # async fn run(password: String, totp_code: String) -> Result<(), Box<dyn std::error::Error>> {
    /// let token = Paperless::builder("https://paperless.internal")
    ///     .add_root_certificate_pem(&std::fs::read("company-ca.pem")?)
    ///     .generate_api_token(&TokenRequest::new("admin", password).code(totp_code))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// As [`Paperless::generate_api_token`], and the errors of [`build`](Self::build).
    pub async fn generate_api_token(self, request: &TokenRequest) -> Result<Secret> {
        self.without_auth().build()?.obtain_token(request).await
    }
}

/// The reason in a build error, without the value it quotes.
fn reason(error: BuildError) -> String {
    match error {
        BuildError::InvalidBaseUrl { reason, .. } | BuildError::InvalidHeader { reason, .. } => {
            reason
        }
        other => other.to_string(),
    }
}
