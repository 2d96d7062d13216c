//! [`Auth`]: how requests prove who they come from.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use http::HeaderValue;

use crate::BuildError;

/// The credentials sent with every request, in the `Authorization` header.
///
/// Paperless-ngx accepts an API token (`Authorization: Token <token>`, the scheme it documents
/// first; a user finds the token in the web UI under *My Profile*), HTTP basic auth with a user
/// name and password, or no credentials (for endpoints a reverse proxy authenticates, or for
/// tests).
///
/// The secret never appears in `Debug`, in errors or in traces, and its header value is marked
/// sensitive so HTTP/2 never indexes it:
///
/// ```
/// use paperless_transport::Auth;
///
/// let auth = Auth::token("0123456789abcdef");
/// assert_eq!(format!("{auth:?}"), "Auth::Token(<redacted>)");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Auth {
    kind: Kind,
}

#[derive(Clone, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    None,
    Token(String),
    Basic {
        user: String,
        password: String,
    },
}

impl Auth {
    /// Token authentication: `Authorization: Token <token>`. Whitespace around the token (a
    /// trailing newline from a file or an environment variable) is ignored.
    #[must_use]
    pub fn token(token: impl Into<String>) -> Self {
        Self {
            kind: Kind::Token(token.into()),
        }
    }

    /// HTTP basic authentication: `Authorization: Basic base64(user:password)`.
    #[must_use]
    pub fn basic(user: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            kind: Kind::Basic {
                user: user.into(),
                password: password.into(),
            },
        }
    }

    /// No credentials: no `Authorization` header is added.
    #[must_use]
    pub fn none() -> Self {
        Self::default()
    }

    /// `true` for [`Auth::none`].
    #[must_use]
    pub fn is_none(&self) -> bool {
        matches!(self.kind, Kind::None)
    }

    /// The `Authorization` header value to send, marked sensitive; `None` for [`Auth::none`].
    ///
    /// This is the auth "layer" of a custom stack: put it in a
    /// `tower_http::set_header::SetRequestHeaderLayer::overriding(AUTHORIZATION, value)`.
    ///
    /// # Errors
    /// [`BuildError::InvalidHeader`] when the token is empty or contains characters a header
    /// cannot carry (control characters, line breaks), or the user name contains `:`. The error
    /// never quotes the secret.
    pub fn header_value(&self) -> Result<Option<HeaderValue>, BuildError> {
        let text = match &self.kind {
            Kind::None => return Ok(None),
            Kind::Token(token) => {
                let token = token.trim();
                if token.is_empty() {
                    return Err(BuildError::InvalidHeader {
                        header: "Authorization (token)",
                        reason: "the token is empty; copy it from Paperless-ngx (My Profile → API Auth Token)".to_owned(),
                    });
                }
                if !token.bytes().all(|b| b.is_ascii_graphic()) {
                    return Err(BuildError::InvalidHeader {
                        header: "Authorization (token)",
                        reason: "the token contains spaces, control or non-ASCII characters; \
                                 Paperless-ngx tokens are hexadecimal, check for pasted quotes or \
                                 line breaks"
                            .to_owned(),
                    });
                }
                format!("Token {token}")
            }
            Kind::Basic { user, password } => {
                if user.contains(':') {
                    return Err(BuildError::InvalidHeader {
                        header: "Authorization (basic user name)",
                        reason: "a user name for basic auth cannot contain ':'".to_owned(),
                    });
                }
                // RFC 7617: the UTF-8 bytes of `user:password`, standard base64 with padding
                // (what Django REST framework decodes first).
                format!("Basic {}", BASE64.encode(format!("{user}:{password}")))
            }
        };
        let mut value = HeaderValue::from_str(&text).map_err(|_| BuildError::InvalidHeader {
            header: "Authorization",
            reason: "the credentials contain characters that cannot be sent in an HTTP header \
                     (control characters or line breaks); check for a stray newline"
                .to_owned(),
        })?;
        value.set_sensitive(true);
        Ok(Some(value))
    }
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            Kind::None => f.write_str("Auth::None"),
            Kind::Token(_) => f.write_str("Auth::Token(<redacted>)"),
            Kind::Basic { user, .. } => {
                write!(f, "Auth::Basic {{ user: {user:?}, password: <redacted> }}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_the_utf8_bytes_in_standard_base64() {
        let header = |user: &str, password: &str| {
            Auth::basic(user, password)
                .header_value()
                .unwrap()
                .unwrap()
                .to_str()
                .unwrap()
                .to_owned()
        };
        // RFC 7617's example, and padding of every length.
        assert_eq!(
            header("Aladdin", "open sesame"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(header("a", ""), "Basic YTo=");
        assert_eq!(header("ab", ""), "Basic YWI6");
        assert_eq!(header("", ""), "Basic Og==");
        // Non-ASCII credentials are sent as UTF-8 (the values Python's
        // base64.b64encode("jürgen:pässwörd €".encode()) gives).
        assert_eq!(
            header("jürgen", "pässwörd €"),
            "Basic asO8cmdlbjpww6Rzc3fDtnJkIOKCrA=="
        );
    }

    #[test]
    fn header_values_are_sensitive_and_exact() {
        let token = Auth::token("abc123").header_value().unwrap().unwrap();
        assert_eq!(token, "Token abc123");
        assert!(token.is_sensitive());
        let basic = Auth::basic("Aladdin", "open sesame")
            .header_value()
            .unwrap()
            .unwrap();
        assert_eq!(basic, "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
        assert!(basic.is_sensitive());
        assert_eq!(Auth::none().header_value().unwrap(), None);
    }

    #[test]
    fn bad_credentials_are_refused_without_quoting_them() {
        let err = Auth::token("sec\nret").header_value().unwrap_err();
        assert!(matches!(err, BuildError::InvalidHeader { .. }));
        assert!(!err.to_string().contains("sec"), "{err}");
        assert!(Auth::token("  ").header_value().is_err());
        assert!(Auth::basic("a:b", "pw").header_value().is_err());
    }

    #[test]
    fn debug_redacts() {
        assert_eq!(
            format!("{:?}", Auth::token("s3cret")),
            "Auth::Token(<redacted>)"
        );
        let basic = format!("{:?}", Auth::basic("alice", "s3cret"));
        assert_eq!(
            basic,
            "Auth::Basic { user: \"alice\", password: <redacted> }"
        );
        assert_eq!(format!("{:?}", Auth::none()), "Auth::None");
    }
}
