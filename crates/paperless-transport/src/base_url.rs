//! [`BaseUrl`]: where the Paperless-ngx installation lives, and how API paths join onto it.

use http::Uri;
use http::uri::{Authority, PathAndQuery, Scheme};
use percent_encoding::{CONTROLS, utf8_percent_encode};

use crate::BuildError;

/// The root of a Paperless-ngx installation, normalized from what a user typed.
///
/// Rules (those of PyPaperless, plus sub-path installs):
/// - no scheme means `https://`; an explicit `http://` is honoured; other schemes are refused;
/// - give the installation's base URL; a trailing `/api` or `/api/` is tolerated, not doubled:
///   exactly one trailing `api` segment is taken for the API root and removed;
/// - an installation under a sub-path whose last segment is itself `api`
///   (`https://host/tools/api/` serving `/tools/api/api/...`) is given with its API root,
///   `https://host/tools/api/api/`, and is shown that way (`as_str`, `Display`), so that
///   `BaseUrl::parse(&base.to_string()) == Ok(base)` always holds;
/// - sub-path installs (`https://host/paperless/`), ports and IPv6 literals (`http://[::1]:8000`) work;
///   characters beyond ASCII in the sub-path are percent-encoded (`/päperless` → `/p%C3%A4perless`);
/// - a query string or fragment is refused, since it would be silently dropped;
/// - credentials (`user:password@`) are refused: give them as [`Auth`](crate::Auth).
///
/// ```
/// use paperless_transport::BaseUrl;
///
/// let base = BaseUrl::parse("paperless.example.com/paperless/api/")?;
/// assert_eq!(base.as_str(), "https://paperless.example.com/paperless");
/// assert_eq!(base.join("/api/tags/?page=2")?.to_string(), "https://paperless.example.com/paperless/api/tags/?page=2");
/// # Ok::<(), paperless_transport::BuildError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    scheme: Scheme,
    authority: Authority,
    /// Path prefix without a trailing slash: `""` for a root install, `"/paperless"` otherwise.
    prefix: String,
    /// The normalized form, for `as_str`.
    text: String,
}

impl BaseUrl {
    /// Parses and normalizes a user-supplied base URL.
    ///
    /// # Errors
    /// [`BuildError::InvalidBaseUrl`] when the text is empty, not a URL, has a scheme other than
    /// `http`/`https`, has no host, carries credentials (an `@` anywhere), a query string or a
    /// fragment. The error hides anything before an `@`.
    pub fn parse(input: &str) -> Result<Self, BuildError> {
        let invalid = |reason: &str| BuildError::InvalidBaseUrl {
            url: redact_userinfo(input),
            reason: reason.to_owned(),
        };
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(invalid(
                "it is empty; give the address of your Paperless-ngx, e.g. https://paperless.example.com",
            ));
        }
        if trimmed.contains('#') {
            return Err(invalid(
                "it contains a fragment (#...); give only the base URL",
            ));
        }
        let with_scheme = if trimmed.contains("://") {
            trimmed.to_owned()
        } else {
            format!("https://{trimmed}")
        };
        let uri: Uri = with_scheme
            .parse()
            .map_err(|e: http::uri::InvalidUri| invalid(&e.to_string()))?;
        let scheme = match uri.scheme_str() {
            Some(s) if s.eq_ignore_ascii_case("https") => Scheme::HTTPS,
            Some(s) if s.eq_ignore_ascii_case("http") => Scheme::HTTP,
            _ => return Err(invalid("only http:// and https:// are supported")),
        };
        let authority = uri
            .authority()
            .cloned()
            .ok_or_else(|| invalid("it has no host"))?;
        if authority.host().is_empty() {
            return Err(invalid("it has no host"));
        }
        // Anywhere, not only in the authority: in `https://user:pa/ss@host` the URL's authority
        // ends at the `/`, and the password would become part of the base URL.
        if trimmed.contains('@') {
            return Err(invalid(
                "it contains credentials (user@host); pass them as a token or basic auth instead",
            ));
        }
        if uri.query().is_some() {
            return Err(invalid(
                "it contains a query string (?...); give only the base URL",
            ));
        }
        let mut prefix = uri.path().trim_end_matches('/').to_owned();
        if prefix.ends_with("/api") {
            prefix.truncate(prefix.len() - "/api".len());
            prefix = prefix.trim_end_matches('/').to_owned();
        }
        // Characters beyond ASCII (`/päperless`) are percent-encoded, as on the wire: kept raw,
        // a trailing one that is Unicode whitespace (U+00A0) would be trimmed by the next parse
        // (fuzzing found this).
        let prefix = utf8_percent_encode(&prefix, CONTROLS).to_string();
        // A prefix that still ends in `api` would lose it when parsed again: show it with the
        // API root, which parsing removes.
        let shown_api = if prefix.ends_with("/api") { "/api" } else { "" };
        let text = format!("{scheme}://{authority}{prefix}{shown_api}");
        Ok(Self {
            scheme,
            authority,
            prefix,
            text,
        })
    }

    /// The normalized base URL, without a trailing slash (`https://host/paperless`); for a
    /// sub-path whose last segment is `api`, with the API root (`https://host/tools/api/api`).
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// `true` when the base URL uses `https`.
    #[must_use]
    pub fn is_https(&self) -> bool {
        self.scheme == Scheme::HTTPS
    }

    /// The scheme (`http` or `https`).
    #[must_use]
    pub fn scheme(&self) -> &Scheme {
        &self.scheme
    }

    /// The host and optional port.
    #[must_use]
    pub fn authority(&self) -> &Authority {
        &self.authority
    }

    /// The sub-path of the installation (`""` at the root, `"/paperless"` for a sub-path install).
    #[must_use]
    pub fn path_prefix(&self) -> &str {
        &self.prefix
    }

    /// Joins a path (and query) relative to the installation root, such as `/api/tags/?page=2`,
    /// onto this base URL.
    ///
    /// # Errors
    /// [`BuildError::InvalidBaseUrl`] when the path does not start with `/` or is not a valid
    /// URI path and query. The error shows the path but not the query, which may hold search
    /// terms.
    pub fn join(&self, path_and_query: &str) -> Result<Uri, BuildError> {
        if !path_and_query.starts_with('/') {
            return Err(BuildError::InvalidBaseUrl {
                url: without_query(path_and_query),
                reason: "a request path must start with '/'".to_owned(),
            });
        }
        let pq: PathAndQuery = format!("{}{path_and_query}", self.prefix).parse().map_err(
            |e: http::uri::InvalidUri| BuildError::InvalidBaseUrl {
                url: without_query(path_and_query),
                reason: e.to_string(),
            },
        )?;
        Uri::builder()
            .scheme(self.scheme.clone())
            .authority(self.authority.clone())
            .path_and_query(pq)
            .build()
            .map_err(|e| BuildError::InvalidBaseUrl {
                url: without_query(path_and_query),
                reason: e.to_string(),
            })
    }

    /// Turns a URL the server handed out (a page's `next` or `previous`) into a path and query
    /// relative to the installation root, ready for [`BaseUrl::join`].
    ///
    /// Only the path and query are kept: behind a reverse proxy Paperless often advertises the
    /// wrong scheme, host or port. The installation's sub-path is removed when present; when a
    /// proxy rewrote it away, the path from `/api/` on is used. Returns `None` when the text has no
    /// usable path. The result never names a host, so joining it can only reach this base URL.
    #[must_use]
    pub fn relativize(&self, server_url: &str) -> Option<String> {
        let text = server_url.trim();
        // A scheme-relative URL (`//host/path`) names a host too: drop it with the rest.
        let text = match text.strip_prefix("//") {
            Some(rest) => rest.get(rest.find('/')?..)?,
            None => text,
        };
        let uri: Uri = text.parse().ok()?;
        let pq = uri.path_and_query()?.as_str();
        if !pq.starts_with('/') {
            return None;
        }
        if !self.prefix.is_empty() {
            if let Some(rest) = pq.strip_prefix(self.prefix.as_str())
                && rest.starts_with('/')
            {
                return Some(rest.to_owned());
            }
            if let Some(at) = pq.find("/api/") {
                return Some(pq[at..].to_owned());
            }
        }
        Some(pq.to_owned())
    }
}

/// The path of a path-and-query, with any query replaced by `?…` (queries may hold search terms,
/// which must not reach errors and logs).
fn without_query(path_and_query: &str) -> String {
    match path_and_query.split_once('?') {
        Some((path, _)) => format!("{path}?…"),
        None => path_and_query.to_owned(),
    }
}

/// The URL as typed with everything between the scheme and the last `@` replaced by `***`, so
/// that an error message never repeats credentials someone put in a URL (a base URL here, a
/// proxy URL in `proxy.rs`). The last `@` rather than the end of the authority: in a URL that
/// failed to parse, a password may hold a `/`, `?` or `#` (`http://u:pa/ss@host`), so where
/// the authority ends is not known. A path with an `@` in it is hidden too, which costs an
/// error message some detail but never leaks a secret.
pub(crate) fn redact_userinfo(input: &str) -> String {
    let (scheme, rest) = match input.find("://") {
        Some(at) => input.split_at(at + 3),
        None => ("", input),
    };
    match rest.rfind('@') {
        Some(at) => format!("{scheme}***@{}", rest.get(at + 1..).unwrap_or_default()),
        None => input.to_owned(),
    }
}

impl std::fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("BaseUrl").field(&self.text).finish()
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::str::FromStr for BaseUrl {
    type Err = BuildError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn parse_of_display_is_the_same_base() {
        for input in [
            "htess/s/api/api/",
            "https://h/api/api",
            "https://h/api",
            "https://h/tools/api/api/",
            "https://h/s/api//api",
            "http://[::1]:8000/paperless/",
            "h",
            // Fuzzing: a trailing U+00A0 was kept raw, then trimmed by the next parse.
            "ehtt:/\u{a0}/",
            "https://h/päperless/",
        ] {
            let base = super::BaseUrl::parse(input).unwrap();
            let again = super::BaseUrl::parse(&base.to_string()).unwrap();
            assert_eq!(again, base, "{input} -> {base}");
        }
        let base = super::BaseUrl::parse("htess/s/api/api/").unwrap();
        assert_eq!(base.as_str(), "https://htess/s/api/api");
        assert_eq!(
            base.join("/api/tags/").unwrap().to_string(),
            "https://htess/s/api/api/tags/"
        );
    }

    use super::BaseUrl;

    fn norm(input: &str) -> String {
        BaseUrl::parse(input)
            .map(|b| b.to_string())
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn normalizes_every_shape() {
        assert_eq!(norm("localhost:8000"), "https://localhost:8000");
        assert_eq!(norm("http://localhost:8000/"), "http://localhost:8000");
        assert_eq!(norm("HTTPS://Host.example"), "https://Host.example");
        assert_eq!(norm("https://h/api"), "https://h");
        assert_eq!(norm("https://h/api/"), "https://h");
        assert_eq!(norm("https://h/päperless/"), "https://h/p%C3%A4perless");
        assert_eq!(norm("https://h/paperless/"), "https://h/paperless");
        assert_eq!(norm("https://h/paperless/api/"), "https://h/paperless");
        assert_eq!(norm("http://[::1]:8000/"), "http://[::1]:8000");
        assert_eq!(norm("  https://h  "), "https://h");
        assert!(norm("ftp://h").starts_with("error: "));
        assert!(norm("").starts_with("error: "));
        assert!(norm("https://h/?x=1").starts_with("error: "));
        assert!(norm("https://u:p@h/").starts_with("error: "));
    }

    #[test]
    fn errors_never_repeat_credentials_from_the_url() {
        let err = BaseUrl::parse("https://admin:hunter2@paperless.local/")
            .map(|_| ())
            .unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("https://***@paperless.local/"), "{text}");
        // A password with a '/' in it is refused too (the URL would end its authority at the
        // '/'), and does not end the redaction early.
        let err = BaseUrl::parse("https://admin:hunter/2@paperless.local/")
            .map(|_| ())
            .unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(!text.contains("hunter"), "{text}");
        assert!(text.contains("https://***@paperless.local/"), "{text}");
        assert_eq!(super::redact_userinfo("u:p@h:1/x"), "***@h:1/x");
        assert_eq!(
            super::redact_userinfo("http://u:p/w@host:1/x"),
            "http://***@host:1/x"
        );
        assert_eq!(super::redact_userinfo("https://h/sub"), "https://h/sub");
        // Up to the last '@': a path with one is hidden too (before, only the authority was).
        assert_eq!(super::redact_userinfo("u:p@h:1/x@y"), "***@y");
        assert_eq!(super::redact_userinfo("https://h/a@b"), "https://***@b");
    }

    #[test]
    fn joins_and_relativizes() {
        let sub = BaseUrl::parse("https://h/paperless").ok();
        let join = |b: &Option<BaseUrl>, p: &str| {
            b.as_ref()
                .and_then(|b| b.join(p).ok())
                .map(|u| u.to_string())
        };
        assert_eq!(
            join(&sub, "/api/tags/?page=2").as_deref(),
            Some("https://h/paperless/api/tags/?page=2")
        );
        let rel = |b: &Option<BaseUrl>, u: &str| b.as_ref().and_then(|b| b.relativize(u));
        assert_eq!(
            rel(&sub, "http://internal:8000/paperless/api/tags/?page=2").as_deref(),
            Some("/api/tags/?page=2")
        );
        assert_eq!(
            rel(&sub, "http://internal:8000/api/tags/?page=3").as_deref(),
            Some("/api/tags/?page=3")
        );
        let err = sub
            .as_ref()
            .and_then(|b| b.join("api/documents/?query=secret").err())
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("api/documents/?…"), "{err}");
        assert!(!err.contains("secret"), "{err}");
        let root = BaseUrl::parse("http://[::1]:8000").ok();
        assert_eq!(
            join(&root, "/api/").as_deref(),
            Some("http://[::1]:8000/api/")
        );
        assert_eq!(
            rel(&root, "http://other/api/documents/?page=2&q=a").as_deref(),
            Some("/api/documents/?page=2&q=a")
        );
    }
}
