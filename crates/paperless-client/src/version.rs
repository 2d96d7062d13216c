//! What the client knows of the server's versions, and the version policy built on the one
//! rule in [`paperless_types::api_version`]: [`ServerInfo`], which version a client uses with a
//! server ([`ServerInfo::newest_common_version`], [`VersionError`] when there is none), and what
//! a `406 Not Acceptable` means.

use std::fmt;

use http::HeaderMap;
use paperless_transport::ApiVersion;
use paperless_types::api_version::{ServerRelease, describe_accepted_api_versions};

use crate::operation::{Operation, SERVER_INFO};

/// The header carrying the newest API version the server speaks.
pub(crate) const API_VERSION_HEADER: &str = "X-Api-Version";
/// The header carrying the Paperless-ngx release.
pub(crate) const VERSION_HEADER: &str = "X-Version";

/// What a Paperless-ngx server says about itself, from [`Paperless::server_info`] (and from the
/// version negotiation, [`Paperless::server_version`]).
///
/// [`Paperless::server_info`]: crate::Paperless::server_info
/// [`Paperless::server_version`]: crate::Paperless::server_version
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
    /// 9 (and older ones) on 2.x (the rule of
    /// [`accepted_api_versions`](paperless_types::api_version::accepted_api_versions)).
    ///
    /// ```
    /// use paperless_client::{ApiVersion, ServerInfo};
    ///
    /// let old = ServerInfo::new("2.15.3", 9);
    /// assert!(old.accepts(ApiVersion::V9) && !old.accepts(ApiVersion::V10));
    /// let new = ServerInfo::new("3.0.5", 10);
    /// assert!(new.accepts(ApiVersion::V9) && new.accepts(ApiVersion::V10));
    /// ```
    #[must_use]
    pub fn accepts(&self, version: ApiVersion) -> bool {
        version.is_accepted_by(self.api_version)
    }

    /// The version a client of this crate uses with this server: the newest both speak (10 on
    /// Paperless-ngx 3.x, 9 on 2.x); `None` for a server too old for this crate.
    ///
    /// ```
    /// use paperless_client::{ApiVersion, ServerInfo};
    ///
    /// assert_eq!(ServerInfo::new("2.20.15", 9).newest_common_version(), Some(ApiVersion::V9));
    /// assert_eq!(ServerInfo::new("1.17.4", 3).newest_common_version(), None);
    /// ```
    #[must_use]
    pub fn newest_common_version(&self) -> Option<ApiVersion> {
        ApiVersion::newest_accepted_by(self.api_version)
    }

    /// The release as numbers (`3.0.5` → 3, 0, 5), when `X-Version` reads as one.
    #[must_use]
    pub fn release(&self) -> Option<ServerRelease> {
        self.version.parse().ok()
    }

    /// Whether the server is a Paperless-ngx release before 3.0 (by `X-Version`, or, when that
    /// does not read as a release, by a newest API version below 10): the hook of the
    /// operations and request shapes that differ on 2.x.
    pub(crate) fn is_before_3(&self) -> bool {
        self.release()
            .map_or(self.api_version < 10, |release| release.major < 3)
    }

    /// Reads the two headers; `Err` names the first one missing or unreadable.
    pub(crate) fn from_headers(headers: &HeaderMap) -> Result<Self, &'static str> {
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

    /// The version this client uses with the server, or the error saying why there is none.
    pub(crate) fn choose(&self) -> Result<ApiVersion, VersionError> {
        self.newest_common_version()
            .ok_or_else(|| VersionError::too_old(self.clone()))
    }
}

/// The server speaks no API version this crate speaks, so nothing was sent: the answer to the
/// version negotiation that runs before a client's first request (with no version pinned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError {
    server: ServerInfo,
    /// The operation that needs Paperless-ngx 3.x, when that is the reason (boxed to keep
    /// `Error` small).
    needs_3x: Option<Box<Operation>>,
}

impl VersionError {
    fn too_old(server: ServerInfo) -> Self {
        Self {
            server,
            needs_3x: None,
        }
    }

    /// `operation` exists only on Paperless-ngx 3.x and `server` is older: refused before
    /// sending.
    pub(crate) fn needs_3x(server: ServerInfo, operation: Operation) -> Self {
        Self {
            server,
            needs_3x: Some(Box::new(operation)),
        }
    }

    /// The operation refused because it needs Paperless-ngx 3.x (`None` when the server speaks
    /// no API version of this crate at all).
    #[must_use]
    pub fn operation(&self) -> Option<Operation> {
        self.needs_3x.as_deref().copied()
    }

    /// What the server said about itself.
    #[must_use]
    pub fn server(&self) -> &ServerInfo {
        &self.server
    }
}

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(operation) = &self.needs_3x {
            return write!(
                f,
                "{operation} needs Paperless-ngx 3.x (this server is {}); nothing was sent",
                self.server.version
            );
        }
        write!(
            f,
            "Paperless-ngx {} speaks API versions {}, and this crate needs version 9 or 10 \
             (Paperless-ngx 2.16 or later); nothing was sent. Upgrade Paperless-ngx",
            self.server.version,
            describe_accepted_api_versions(self.server.api_version)
        )
    }
}

impl std::error::Error for VersionError {}

/// How the client came to ask for the version a request carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VersionSource {
    /// Set with `PaperlessBuilder::api_version` (or `PAPERLESS_API_VERSION`).
    Pinned,
    /// Negotiated with the server before the client's first request.
    Negotiated,
}

/// What a `406 Not Acceptable` means and what to do, given what the client asked for and what
/// it knows of the server. Appended to the error's message.
pub(crate) fn not_acceptable_hint(
    operation: Operation,
    asked: Option<(ApiVersion, VersionSource)>,
    server: Option<(u32, Option<&str>)>,
) -> String {
    let asked_text = match asked {
        Some((v, _)) => format!("The client asked for API version {v}. "),
        None => String::new(),
    };
    let Some((newest, release)) = server else {
        let probe = if operation == SERVER_INFO {
            ""
        } else {
            "; Paperless::server_info tells which"
        };
        return format!(
            "{asked_text}Paperless-ngx 3.x accepts API versions 9 and 10 and 2.x accepts 1 to 9; \
             this crate speaks 9 and 10. Pin a version the server accepts (ApiVersion::V9 for \
             2.x{probe}), or leave it unset so that the client negotiates one, and check that no \
             reverse proxy strips or rewrites the Accept header."
        );
    };
    let server_text = match release {
        Some(v) => format!("This server (Paperless-ngx {v})"),
        None => "This server".to_owned(),
    };
    let accepted = describe_accepted_api_versions(newest);
    if let Some((version, _)) = asked
        && version.is_accepted_by(newest)
    {
        return format!(
            "{asked_text}{server_text} accepts API versions {accepted}, that one included: a \
             reverse proxy probably strips or rewrites the Accept header; check its \
             configuration."
        );
    }
    let source = asked.map(|(_, source)| source);
    let fix = match ApiVersion::newest_accepted_by(newest) {
        None => "this crate needs API version 9 or 10: upgrade Paperless-ngx".to_owned(),
        Some(_) if source == Some(VersionSource::Negotiated) => {
            "the client negotiated its version when it started and the server has changed \
             since: build a new client, which negotiates again"
                .to_owned()
        }
        Some(v) => format!(
            "build the client with ApiVersion::V{v} (PAPERLESS_API_VERSION={v}), or leave the \
             version unset so that the client negotiates it"
        ),
    };
    format!(
        "{asked_text}{server_text} accepts API versions {accepted}: {fix}. If it should accept \
         the version asked for, check that no reverse proxy strips or rewrites the Accept header."
    )
}
