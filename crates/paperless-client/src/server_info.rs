//! [`Paperless::server_info`]: which Paperless-ngx release and API versions the server speaks.

use http::StatusCode;

use crate::client::Paperless;
use crate::error::{ApiError, Error, Result};
use crate::version::ServerInfo;

impl Paperless {
    /// Asks the server which Paperless-ngx release it runs and which API version it speaks, from
    /// the `X-Version` and `X-Api-Version` headers of one cheap request. Call it once after
    /// building a client to check the URL, the credentials and the API version together. It is
    /// also the probe of the API version negotiation: a client with no version pinned sends it
    /// (without a version) before its first request, and keeps what it learned
    /// ([`Paperless::server_version`]); calling `server_info` first saves that second request.
    ///
    /// The request is `GET /api/ui_settings/`. Paperless-ngx adds the two headers only to
    /// authenticated API answers, so the probe must be an authenticated API view (`/api/` is a
    /// redirect to the schema browser, and the schema is megabytes). Of those, the UI settings
    /// cost the server the same on every installation: a few rows about the user, no count over
    /// documents or tags (a list such as `/api/tags/?page_size=1` counts every visible tag and
    /// their documents), no outbound call (`/api/remote_version/` asks GitHub), no secret in the
    /// body (`/api/profile/` holds the user's token), and no admin rights needed
    /// (`/api/status/`). A user without permission to view UI settings gets a 403 that carries
    /// the headers all the same; that is accepted. The body (about 1 KiB compressed) is read and
    /// dropped, never decoded.
    ///
    /// ```no_run
    /// use paperless_client::{ApiVersion, Paperless};
    ///
    /// # async fn run() -> paperless_client::Result<()> {
    /// let client = Paperless::from_env()?;
    /// let server = client.server_info().await?; // GET /api/ui_settings/
    /// println!("Paperless-ngx {}, API version {}", server.version, server.api_version);
    /// assert!(server.accepts(ApiVersion::V10));
    /// # Ok(()) }
    /// ```
    ///
    /// A client with a pinned version asks for it (to check that the server accepts it); a
    /// client that negotiates asks for none.
    ///
    /// # Errors
    /// - [`Error::Api`] with status 406 when the server does not accept the pinned API version.
    ///   The probe then asks once more without a version to learn which ones it accepts, and
    ///   the error says them ([`ApiError::server_api_version`]) and what to change, mentioning a
    ///   reverse proxy that strips or rewrites the `Accept` header.
    /// - [`Error::Api`] with status 401 for missing or wrong credentials.
    /// - [`Error::Decode`] when a 2xx answer lacks the headers
    ///   ([`DecodeError::missing_header`](crate::DecodeError::missing_header)): a proxy removed
    ///   them, or the URL does not point at Paperless-ngx.
    /// - Transport errors as for any request.
    pub async fn server_info(&self) -> Result<ServerInfo> {
        let pinned = self.options().api_version;
        let info = match self.probe(pinned).await {
            Err(Error::Api(e)) if e.status() == StatusCode::NOT_ACCEPTABLE && pinned.is_some() => {
                return Err(Error::Api(self.explain_not_acceptable(e).await));
            }
            result => result?,
        };
        self.remember_server(&info);
        Ok(info)
    }

    /// A 406 answer carries no version headers (the server checks the version before the
    /// credentials). Asks again without a version (`Accept: application/json`, which the server
    /// answers in its default version) and adds what that answer says to the error.
    async fn explain_not_acceptable(&self, error: ApiError) -> ApiError {
        match self.probe(None).await {
            Ok(info) => {
                self.remember_server(&info);
                error.with_server_versions(info.api_version, Some(info.version))
            }
            Err(_) => error,
        }
    }
}
