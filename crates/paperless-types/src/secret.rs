//! [`Secret`]: a string that must never show up in logs (passwords, API tokens, TOTP secrets).

use serde::{Deserialize, Serialize};

/// A password, API token, TOTP secret or recovery code.
///
/// On the wire it is the plain JSON string (`#[serde(transparent)]`), but its [`Debug`] output is
/// always `Secret(<redacted>)` and it has no [`Display`](std::fmt::Display), so printing a model
/// or payload that holds one (`{:?}`, `tracing` fields, error messages) never leaks it. Read the
/// value deliberately with [`Secret::expose`].
///
/// The server itself masks some secrets on read: mail account and user passwords, and the LLM API
/// key, come back as a run of `*` ([`Secret::is_masked`]). Sending such a mask back in an update
/// tells the server to keep the stored value.
///
/// ```
/// use paperless_types::secret::Secret;
///
/// let token = Secret::new("7ca632c59f81e0760ba536d4024bbd6deed2f25d");
/// assert_eq!(format!("{token:?}"), "Secret(<redacted>)");
/// assert_eq!(token.expose(), "7ca632c59f81e0760ba536d4024bbd6deed2f25d");
/// assert_eq!(serde_json::to_string(&token)?, r#""7ca632c59f81e0760ba536d4024bbd6deed2f25d""#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    #[must_use]
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value itself. Call this only where the value is really needed (an HTTP header,
    /// a request body), never to log it.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Consumes the wrapper and returns the secret value.
    #[must_use]
    pub fn into_inner(self) -> String {
        self.0
    }

    /// `true` when the value is the server's placeholder for a stored secret it will not reveal:
    /// a non-empty run of `*` only.
    #[must_use]
    pub fn is_masked(&self) -> bool {
        !self.0.is_empty() && self.0.bytes().all(|b| b == b'*')
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn debug_never_shows_the_value() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?}"), "Secret(<redacted>)");
        assert_eq!(format!("{:?}", Some(&s)), "Some(Secret(<redacted>))");
        assert!(!format!("{s:#?}").contains("hunter2"));
    }

    #[test]
    fn masks_are_recognised() {
        assert!(Secret::new("**********").is_masked());
        assert!(!Secret::new("").is_masked());
        assert!(!Secret::new("**x**").is_masked());
    }

    #[test]
    fn wire_form_is_the_plain_string() {
        let s: Secret = serde_json::from_str(r#""abc""#).unwrap();
        assert_eq!(s.expose(), "abc");
        assert_eq!(serde_json::to_string(&s).unwrap(), r#""abc""#);
        assert_eq!(s.into_inner(), "abc");
    }
}
