//! [`ApiVersion`]: the REST API versions this crate speaks, and the one rule for which versions
//! a Paperless-ngx server accepts.
//!
//! Paperless-ngx versions its API with Django REST framework's `AcceptHeaderVersioning`: a
//! request asks for version N with `Accept: application/json; version=N`, the server answers a
//! version outside its `ALLOWED_VERSIONS` with `406 Not Acceptable`, and a request without a
//! version gets its `DEFAULT_VERSION` (the newest one on 2.20 and 3.x). Every authenticated answer
//! carries the newest version the server speaks in `X-Api-Version` (not the version negotiated)
//! and its release in `X-Version`.
//!
//! | Paperless-ngx | `X-Api-Version` | accepted versions |
//! |---|---|---|
//! | 3.x | 10 | 9 and 10 |
//! | 2.16 to 2.20 | 9 | 1 to 9 |
//! | 2.0 to 2.15 | 3 to 7 | 1 to the newest |
//!
//! [`accepted_api_versions`] states that rule, [`ApiVersion::is_accepted_by`] applies it, and
//! [`ApiVersion::newest_accepted_by`] picks the version a client of this crate uses.
//!
//! ```
//! use paperless_types::api_version::{ApiVersion, accepted_api_versions};
//!
//! assert_eq!(accepted_api_versions(10), 9..=10); //  Paperless-ngx 3.x
//! assert_eq!(accepted_api_versions(9), 1..=9); //    Paperless-ngx 2.20
//! assert_eq!(ApiVersion::newest_accepted_by(10), Some(ApiVersion::V10));
//! assert_eq!(ApiVersion::newest_accepted_by(9), Some(ApiVersion::V9));
//! assert_eq!(ApiVersion::newest_accepted_by(7), None); // too old for this crate
//! assert_eq!("9".parse::<ApiVersion>(), Ok(ApiVersion::V9));
//! assert_eq!(ApiVersion::V10.accept_header_value(), "application/json; version=10");
//! ```

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

/// A version of the Paperless-ngx REST API this crate speaks, asked for with
/// `Accept: application/json; version=N`.
///
/// The server picks the shape of its answers from this header. Paperless-ngx 3.x speaks versions
/// 9 and 10; 2.x servers stop at 9. The ordering follows the version numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ApiVersion {
    /// API version 9: Paperless-ngx 2.x (and 3.x, which still accepts it).
    V9,
    /// API version 10: Paperless-ngx 3.x (the newest this crate speaks).
    #[default]
    V10,
}

impl ApiVersion {
    /// Every version this crate speaks, oldest first.
    pub const ALL: [ApiVersion; 2] = [ApiVersion::V9, ApiVersion::V10];

    /// The newest version this crate speaks.
    pub const NEWEST: ApiVersion = ApiVersion::V10;

    /// The version number (`9` or `10`).
    #[must_use]
    pub fn number(self) -> u32 {
        match self {
            Self::V9 => 9,
            Self::V10 => 10,
        }
    }

    /// The version with this number, if this crate speaks it.
    #[must_use]
    pub fn from_number(number: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.number() == number)
    }

    /// The media type that asks for this version, the value of the `Accept` header:
    /// `application/json; version=N`.
    #[must_use]
    pub fn accept_header_value(self) -> &'static str {
        match self {
            Self::V9 => "application/json; version=9",
            Self::V10 => "application/json; version=10",
        }
    }

    /// Whether a server whose newest API version (`X-Api-Version`) is `server_newest` accepts
    /// requests for this version (the rule of [`accepted_api_versions`]).
    #[must_use]
    pub fn is_accepted_by(self, server_newest: u32) -> bool {
        accepted_api_versions(server_newest).contains(&self.number())
    }

    /// The version a client of this crate uses with a server whose newest API version is
    /// `server_newest`: the newest version both speak. `None` when the server accepts none of
    /// this crate's versions (a Paperless-ngx release older than 2.16, the first with API
    /// version 9).
    #[must_use]
    pub fn newest_accepted_by(server_newest: u32) -> Option<Self> {
        Self::ALL
            .into_iter()
            .rev()
            .find(|v| v.is_accepted_by(server_newest))
    }
}

/// The API versions a server accepts, known from the newest one it speaks (its `X-Api-Version`
/// header): Paperless-ngx 3.x (newest 10 and later) dropped versions 1 to 8 and accepts 9 up to
/// its newest; 2.x releases accept every version from 1 up to their newest.
///
/// A newest version of 0 (no server sends it) gives an empty range.
#[must_use]
pub fn accepted_api_versions(server_newest: u32) -> RangeInclusive<u32> {
    if server_newest >= 10 {
        9..=server_newest
    } else {
        // For 0: `1..=0`, which contains nothing.
        1..=server_newest
    }
}

/// The versions of [`accepted_api_versions`] in words, for messages: `"9 and 10"`, `"1 to 9"`,
/// `"9 to 11"`.
#[must_use]
pub fn describe_accepted_api_versions(server_newest: u32) -> String {
    let range = accepted_api_versions(server_newest);
    let (first, last) = (*range.start(), *range.end());
    match last.checked_sub(first) {
        None => "none".to_owned(),
        Some(0) => first.to_string(),
        Some(1) => format!("{first} and {last}"),
        Some(_) => format!("{first} to {last}"),
    }
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

impl FromStr for ApiVersion {
    type Err = ApiVersionParseError;

    /// Reads `9` or `10` (surrounding whitespace ignored).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        text.trim()
            .parse::<u32>()
            .ok()
            .and_then(Self::from_number)
            .ok_or_else(|| ApiVersionParseError {
                text: text.trim().to_owned(),
            })
    }
}

/// A text that names no API version this crate speaks (it speaks 9 and 10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiVersionParseError {
    text: String,
}

impl ApiVersionParseError {
    /// The text that was given.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for ApiVersionParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not an API version this crate speaks: expected 9 (Paperless-ngx 2.x) or 10 \
             (Paperless-ngx 3.x)",
            self.text
        )
    }
}

impl std::error::Error for ApiVersionParseError {}

/// A Paperless-ngx release as its `X-Version` header gives it (`3.0.5`, `2.20.15`): major,
/// minor and patch numbers. Pre-release and build suffixes (`2.0.0-beta.rc1`) are ignored.
///
/// ```
/// use paperless_types::api_version::ServerRelease;
///
/// let release: ServerRelease = "2.20.15".parse()?;
/// assert_eq!((release.major, release.minor, release.patch), (2, 20, 15));
/// assert!(release < "3.0.0".parse()?);
/// # Ok::<(), paperless_types::api_version::ServerReleaseParseError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub struct ServerRelease {
    /// The major version (`3` for 3.0.5).
    pub major: u32,
    /// The minor version (`0` for 3.0.5).
    pub minor: u32,
    /// The patch version (`5` for 3.0.5); 0 when the header has none.
    pub patch: u32,
}

impl ServerRelease {
    /// A release with these numbers.
    #[must_use]
    pub fn new(major: u32, minor: u32, patch: u32) -> Self {
        Self {
            major,
            minor,
            patch,
        }
    }
}

impl fmt::Display for ServerRelease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for ServerRelease {
    type Err = ServerReleaseParseError;

    /// Reads `MAJOR.MINOR[.PATCH]`, ignoring a leading `v` and anything after the numbers
    /// (`-beta.rc1`, `+build`).
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ServerReleaseParseError {
            text: text.trim().to_owned(),
        };
        let trimmed = text.trim();
        let trimmed = trimmed.strip_prefix('v').unwrap_or(trimmed);
        let numbers = trimmed.split(['-', '+', ' ']).next().unwrap_or_default();
        let mut parts = numbers.split('.');
        let mut next = |required: bool| -> Result<u32, ServerReleaseParseError> {
            match parts.next() {
                Some(part) => part.parse().map_err(|_| error()),
                None if required => Err(error()),
                None => Ok(0),
            }
        };
        let (major, minor, patch) = (next(true)?, next(true)?, next(false)?);
        Ok(Self::new(major, minor, patch))
    }
}

/// An `X-Version` header that is not a release number such as `3.0.5`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerReleaseParseError {
    text: String,
}

impl fmt::Display for ServerReleaseParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a Paperless-ngx release number such as \"3.0.5\"",
            self.text
        )
    }
}

impl std::error::Error for ServerReleaseParseError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_matches_the_servers_settings() {
        // 3.0.5: ALLOWED_VERSIONS ["9", "10"]; 2.20.15: "1" to "9"; 2.10: "1" to "5".
        assert_eq!(accepted_api_versions(10), 9..=10);
        assert_eq!(accepted_api_versions(9), 1..=9);
        assert_eq!(accepted_api_versions(5), 1..=5);
        assert_eq!(accepted_api_versions(11), 9..=11);
        assert!(accepted_api_versions(0).is_empty());
        assert!(ApiVersion::V9.is_accepted_by(10) && ApiVersion::V10.is_accepted_by(10));
        assert!(ApiVersion::V9.is_accepted_by(9) && !ApiVersion::V10.is_accepted_by(9));
        assert!(!ApiVersion::V9.is_accepted_by(8));
        assert_eq!(ApiVersion::newest_accepted_by(11), Some(ApiVersion::V10));
        assert_eq!(ApiVersion::newest_accepted_by(8), None);
        assert_eq!(describe_accepted_api_versions(10), "9 and 10");
        assert_eq!(describe_accepted_api_versions(9), "1 to 9");
        assert_eq!(describe_accepted_api_versions(1), "1");
        assert_eq!(describe_accepted_api_versions(0), "none");
    }

    #[test]
    fn versions_parse_from_their_numbers_only() {
        assert_eq!(" 10 ".parse(), Ok(ApiVersion::V10));
        let err = "11".parse::<ApiVersion>().err();
        assert_eq!(err.as_ref().map(ApiVersionParseError::text), Some("11"));
        assert!("v10".parse::<ApiVersion>().is_err());
        assert_eq!(ApiVersion::from_number(9), Some(ApiVersion::V9));
        assert_eq!(ApiVersion::V9.to_string(), "9");
    }

    #[test]
    fn releases_parse_like_the_x_version_header() {
        assert_eq!("3.0.5".parse(), Ok(ServerRelease::new(3, 0, 5)));
        assert_eq!("v2.20".parse(), Ok(ServerRelease::new(2, 20, 0)));
        assert_eq!("2.0.0-beta.rc1".parse(), Ok(ServerRelease::new(2, 0, 0)));
        assert!("latest".parse::<ServerRelease>().is_err());
        assert!("3".parse::<ServerRelease>().is_err());
        assert_eq!(ServerRelease::new(2, 20, 15).to_string(), "2.20.15");
    }
}
