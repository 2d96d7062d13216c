//! [`Paperless::server_info`]: which Paperless-ngx release and API versions the server speaks.

use http::header::{ACCEPT, HeaderMap, HeaderValue};
use http::{Method, StatusCode};
use paperless_transport::ApiVersion;

use crate::client::Paperless;
use crate::error::{ApiError, Error, Result, SERVER_INFO, accepts};
use crate::request::ApiRequest;

/// The probe: the cheapest authenticated endpoint (see [`Paperless::server_info`] for why).
const PROBE_PATH: &str = "/api/ui_settings/";
/// The header carrying the newest API version the server speaks.
const API_VERSION_HEADER: &str = "X-Api-Version";
/// The header carrying the Paperless-ngx release.
const VERSION_HEADER: &str = "X-Version";

/// What a Paperless-ngx server says about itself, from [`Paperless::server_info`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct ServerInfo {
    /// The Paperless-ngx release, from the `X-Version` header (`3.0.5`).
    pub version: String,
    /// The newest REST API version the server speaks, from the `X-Api-Version` header (`10`).
    /// Paperless-ngx 3.x speaks 10 and still accepts 9; 2.x releases accept every version up to
    /// their newest.
    pub api_version: u32,
}

impl ServerInfo {
    /// Server information with these values (for tests and mocks).
    #[must_use]
    pub fn new(version: impl Into<String>, api_version: u32) -> Self {
        Self {
            version: version.into(),
            api_version,
        }
    }

    /// `true` when the server accepts requests for `version`: 9 and 10 on Paperless-ngx 3.x,
    /// 9 (and older ones) on 2.x.
    ///
    /// ```
    /// use paperless_client::ServerInfo;
    /// use paperless_client::transport::ApiVersion;
    ///
    /// let old = ServerInfo::new("2.15.3", 9);
    /// assert!(old.accepts(ApiVersion::V9) && !old.accepts(ApiVersion::V10));
    /// let new = ServerInfo::new("3.0.5", 10);
    /// assert!(new.accepts(ApiVersion::V9) && new.accepts(ApiVersion::V10));
    /// ```
    #[must_use]
    pub fn accepts(&self, version: ApiVersion) -> bool {
        accepts(self.api_version, u32::from(version.number()))
    }

    /// Reads the two headers; `Err` names the first one missing or unreadable.
    fn from_headers(headers: &HeaderMap) -> std::result::Result<Self, &'static str> {
        let text = |name: &'static str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .ok_or(name)
        };
        let api_version = text(API_VERSION_HEADER)?
            .parse()
            .map_err(|_| API_VERSION_HEADER)?;
        let version = text(VERSION_HEADER)?.to_owned();
        Ok(Self {
            version,
            api_version,
        })
    }

    /// The versions an error answer carried, if it had both headers.
    fn from_api_error(error: &ApiError) -> Option<Self> {
        Some(Self {
            version: error.server_version()?.to_owned(),
            api_version: error.server_api_version()?,
        })
    }
}

impl Paperless {
    /// Asks the server which Paperless-ngx release it runs and which API version it speaks, from
    /// the `X-Version` and `X-Api-Version` headers of one cheap request. Call it once after
    /// building a client to check the URL, the credentials and the API version together.
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
    /// use paperless_client::Paperless;
    /// use paperless_client::transport::ApiVersion;
    ///
    /// # async fn run() -> paperless_client::Result<()> {
    /// let client = Paperless::from_env()?;
    /// let server = client.server_info().await?; // GET /api/ui_settings/
    /// println!("Paperless-ngx {}, API version {}", server.version, server.api_version);
    /// assert!(server.accepts(ApiVersion::V10));
    /// # Ok(()) }
    /// ```
    ///
    /// # Errors
    /// - [`Error::Api`] with status 406 when the server does not accept the API version the
    ///   client asks for. The probe then asks once more without a version to learn which ones it
    ///   accepts, and the error says them ([`ApiError::server_api_version`]) and what to change,
    ///   mentioning a reverse proxy that strips or rewrites the `Accept` header.
    /// - [`Error::Api`] with status 401 for missing or wrong credentials.
    /// - [`Error::Decode`] when a 2xx answer lacks the headers
    ///   ([`DecodeError::missing_header`](crate::DecodeError::missing_header)): a proxy removed
    ///   them, or the URL does not point at Paperless-ngx.
    /// - Transport errors as for any request.
    pub async fn server_info(&self) -> Result<ServerInfo> {
        let probe = ApiRequest::new(SERVER_INFO, Method::GET, PROBE_PATH);
        match self.execute(probe).await {
            Ok(success) => match ServerInfo::from_headers(success.headers()) {
                Ok(info) => {
                    success.drain().await;
                    Ok(info)
                }
                Err(missing) => Err(success.missing_header(missing).await),
            },
            Err(Error::Api(e)) if e.status() == StatusCode::FORBIDDEN => {
                ServerInfo::from_api_error(&e).ok_or(Error::Api(e))
            }
            Err(Error::Api(e)) if e.status() == StatusCode::NOT_ACCEPTABLE => {
                Err(Error::Api(self.explain_not_acceptable(e).await))
            }
            Err(e) => Err(e),
        }
    }

    /// A 406 answer carries no version headers (the server checks the version before the
    /// credentials). Asks again without a version (`Accept: application/json`, which the server
    /// answers in its default version) and adds what that answer says to the error.
    async fn explain_not_acceptable(&self, error: ApiError) -> ApiError {
        let probe = ApiRequest::new(SERVER_INFO, Method::GET, PROBE_PATH)
            .header(ACCEPT, HeaderValue::from_static("application/json"));
        let info = match self.execute(probe).await {
            Ok(success) => {
                let info = ServerInfo::from_headers(success.headers()).ok();
                success.drain().await;
                info
            }
            Err(Error::Api(e)) => ServerInfo::from_api_error(&e),
            Err(_) => None,
        };
        match info {
            Some(info) => error.with_server_versions(info.api_version, Some(info.version)),
            None => error,
        }
    }
}
