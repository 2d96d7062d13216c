//! Server log files (administrators only).
//!
//! Endpoints:
//! - `GET /api/logs/` → `Vec<`[`LogName`]`>`: the logs that exist on the server
//! - `GET /api/logs/{name}/` (optional `limit=N` for the last N lines) → `Vec<String>`: the
//!   log's lines, oldest first; split a line with [`LogLine::parse`]

crate::open_enum::string_enum! {
    /// A server log (the `{name}` of `/api/logs/{name}/`).
    pub enum LogName {
        /// `paperless`: the main application log.
        Paperless => "paperless",
        /// `mail`: the mail fetcher log.
        Mail => "mail",
        /// `celery`: the task worker log.
        Celery => "celery",
    }
}

/// One line of a Paperless-ngx log split into its parts, borrowing from the line.
///
/// ```
/// use paperless_types::logs::LogLine;
///
/// let line = "[2026-11-26 20:29:26,361] [INFO] [paperless.asgi] [init] Paperless-ngx version: v3.0.5";
/// let parsed = LogLine::parse(line).ok_or("not a log line")?;
/// assert_eq!(parsed.timestamp, "2026-11-26 20:29:26,361");
/// assert_eq!(parsed.level, "INFO");
/// assert_eq!(parsed.logger, "paperless.asgi");
/// assert_eq!(parsed.message, "[init] Paperless-ngx version: v3.0.5");
/// // Continuation lines (such as traceback lines) are not log lines.
/// assert_eq!(LogLine::parse("Traceback (most recent call last):"), None);
/// # Ok::<(), &str>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct LogLine<'a> {
    /// The time, as written by the server (`YYYY-MM-DD HH:MM:SS,mmm`, server local time).
    pub timestamp: &'a str,
    /// The level, such as `DEBUG`, `INFO`, `WARNING` or `ERROR`.
    pub level: &'a str,
    /// The logger name, such as `paperless.consumer`.
    pub logger: &'a str,
    /// The message.
    pub message: &'a str,
}

impl<'a> LogLine<'a> {
    /// Splits a line of the form `[timestamp] [LEVEL] [logger] message`; `None` for anything
    /// else.
    #[must_use]
    pub fn parse(line: &'a str) -> Option<Self> {
        let (timestamp, rest) = bracketed(line)?;
        let (level, rest) = bracketed(rest.strip_prefix(' ')?)?;
        let (logger, rest) = bracketed(rest.strip_prefix(' ')?)?;
        let message = rest.strip_prefix(' ').unwrap_or(rest);
        Some(Self {
            timestamp,
            level,
            logger,
            message,
        })
    }
}

/// `"[inner] rest"` → `("inner", " rest")`.
fn bracketed(s: &str) -> Option<(&str, &str)> {
    s.strip_prefix('[')?.split_once(']')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_lines() {
        let line = "[2026-11-26 20:36:43,925] [ERROR] [paperless_mail] Invalid oauth callback request: missing code";
        let parsed = LogLine::parse(line).unwrap();
        assert_eq!(parsed.level, "ERROR");
        assert_eq!(parsed.logger, "paperless_mail");
        assert_eq!(
            parsed.message,
            "Invalid oauth callback request: missing code"
        );
    }

    #[test]
    fn rejects_malformed_lines_without_panicking() {
        for line in [
            "",
            "[",
            "[a]",
            "[a] [b",
            "[a][b] [c] d",
            "[a] [b] [c",
            "  [a] [b] [c] d",
        ] {
            assert_eq!(LogLine::parse(line), None, "{line:?}");
        }
        let bare = LogLine::parse("[a] [b] [c]").unwrap();
        assert_eq!(bare.message, "");
    }

    #[test]
    fn log_names() {
        let names: Vec<LogName> =
            serde_json::from_str(r#"["paperless","mail","celery","x"]"#).unwrap();
        assert_eq!(
            names,
            [
                LogName::Paperless,
                LogName::Mail,
                LogName::Celery,
                LogName::Other("x".into())
            ]
        );
    }
}
