//! [`ApiVersion`]: which version of the REST API requests ask for.

use http::HeaderValue;

/// The Paperless-ngx REST API version requested with `Accept: application/json; version=N`.
///
/// The server picks the response shape from this header (and answers with `X-Api-Version`);
/// without it, it falls back to its oldest supported version. Paperless-ngx 3.x speaks versions
/// 9 and 10; 2.x servers stop at 9.
///
/// ```
/// use paperless_transport::ApiVersion;
///
/// assert_eq!(ApiVersion::default(), ApiVersion::V10);
/// assert_eq!(ApiVersion::V9.accept_header(), "application/json; version=9");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ApiVersion {
    /// API version 9: Paperless-ngx 2.x (and 3.x, which still accepts it).
    V9,
    /// API version 10: Paperless-ngx 3.x (the default).
    #[default]
    V10,
}

impl ApiVersion {
    /// The version number sent to the server (`9` or `10`).
    #[must_use]
    pub fn number(self) -> u16 {
        match self {
            Self::V9 => 9,
            Self::V10 => 10,
        }
    }

    /// The `Accept` header value that requests this version: `application/json; version=N`.
    #[must_use]
    pub fn accept_header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Self::V9 => "application/json; version=9",
            Self::V10 => "application/json; version=10",
        })
    }
}

impl std::fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.number())
    }
}
